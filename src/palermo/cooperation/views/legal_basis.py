"""The legal basis page: which instruments are in force between two States on a date, and what follows.
Public: it shows register facts only (the directory's extradition requirement only to those who may see
the directory)."""

from django import forms
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.legal_basis import (
    KINDS,
    STATE_KINDS,
    LegalBasisError,
    Snapshot,
    kind_label,
    legal_basis,
)
from palermo.core.collation import collated
from palermo.core.form_fields import CollatedModelChoiceField
from palermo.register.models import Party


def crime_type_choices() -> list[tuple[str, str]]:
    """The taxonomy's crime types in the reader's language and alphabet (subtypes after their type)."""
    from palermo.knowledge.models import Term

    language = get_language() or "en"
    terms = list(Term.objects.current().filter(vocabulary="crime_type").select_related("parent"))

    def label(term) -> str:
        return term.labels.get(language) or term.labels.get("en") or term.slug

    choices: list[tuple[str, str]] = []
    for top in collated([t for t in terms if t.parent_id is None], key=label, language=language):
        choices.append((top.slug, label(top)))
        children = [t for t in terms if t.parent_id == top.pk]
        choices.extend(
            (child.slug, f"— {label(child)}") for child in collated(children, key=label, language=language)
        )
    return choices


class LegalBasisForm(forms.Form):
    requesting = CollatedModelChoiceField(
        label=_("Requesting State"),
        queryset=Party.objects.filter(kind__in=STATE_KINDS),
        to_field_name="code",
        empty_label="—",
    )
    requested = CollatedModelChoiceField(
        label=_("Requested State"),
        queryset=Party.objects.filter(kind__in=STATE_KINDS),
        to_field_name="code",
        empty_label="—",
    )
    on = forms.DateField(
        label=_("Date"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("YYYY-MM-DD"),
        error_messages={"invalid": _("Give the date as YYYY-MM-DD, for example 2014-06-01.")},
    )
    offence = forms.ChoiceField(label=_("Offence"), required=False)
    kind = forms.ChoiceField(label=_("Kind of request"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offence"].choices = [("", _("Any offence")), *crime_type_choices()]
        self.fields["kind"].choices = [("", _("Any kind")), *((kind, kind_label(kind)) for kind in KINDS)]

    def clean(self):
        data = super().clean()
        if data.get("requesting") and data.get("requesting") == data.get("requested"):
            self.add_error("requested", _("Choose a State other than the requesting State."))
        return data


FIELDS = ("requesting", "requested", "on", "offence", "kind")


def legal_basis_page(request):
    """The form (GET) and, when it is filled in, the answer."""
    asked = any(request.GET.get(name) for name in FIELDS)
    form = LegalBasisForm(request.GET if asked else None)
    basis = None
    if asked and form.is_valid():
        data = form.cleaned_data
        try:
            basis = legal_basis(
                requesting=data["requesting"].code,
                requested=data["requested"].code,
                on=data["on"],
                offence=data["offence"] or None,
                kind=data["kind"] or None,
                snapshot=Snapshot(with_directory=request.user.has_perm("cooperation.view_directory")),
            )
        except LegalBasisError as exc:
            form.add_error(exc.argument if exc.argument in FIELDS else None, str(exc))
    return render(request, "cooperation/legal_basis.html", {"form": form, "basis": basis})
