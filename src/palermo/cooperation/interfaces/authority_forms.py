"""Forms of the directory: the public overview's filters, the search of authorities, an authority's edit
form (which gives the authority format the domain checks) and the secretariat's import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.authority_format import FLAG_FIELDS
from palermo.cooperation.models import KIND_BASIS, Authority, AuthorityKind, Channel
from palermo.core import language_codes
from palermo.core.form_fields import CollatedModelChoiceField
from palermo.register.models import Party, RegionalGroup

MAX_IMPORT_BYTES = 10 * 1024 * 1024
FLAG_CHOICES = [("", _("Unknown")), ("yes", _("Yes")), ("no", _("No"))]


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("State"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind of authority"), required=False, choices=[("", _("Any kind")), *AuthorityKind.choices]
    )
    group = forms.ChoiceField(
        label=_("Regional group"), required=False, choices=[("", _("Any group")), *RegionalGroup.choices]
    )


class AuthoritySearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    party = CollatedModelChoiceField(
        label=_("State"),
        required=False,
        queryset=Party.objects.none(),
        to_field_name="code",
        empty_label=_("Any State"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of authority"), required=False, choices=[("", _("Any kind")), *AuthorityKind.choices]
    )
    language = forms.CharField(
        label=_("Language accepted"),
        required=False,
        max_length=3,
        help_text=_("A language code, for example fr"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any channel")), *Channel.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(authorities__isnull=False).distinct()

    def clean_language(self):
        code = self.cleaned_data["language"].strip().lower()
        if code:
            try:
                language_codes.parse_codes(code)
            except language_codes.UnknownLanguage as error:
                raise forms.ValidationError(
                    _("“%(code)s” is not a language code (ISO 639-1).") % {"code": code}
                ) from error
        return code


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]


class AuthorityForm(forms.Form):
    """An authority's fields; `data_for_domain()` gives them in the authority format."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    party = CollatedModelChoiceField(label=_("State"), queryset=Party.objects.all(), to_field_name="code")
    name = forms.CharField(label=_("Name in the original language"), max_length=300)
    name_en = forms.CharField(label=_("Name in English"), max_length=300, required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Designated as"),
        choices=AuthorityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    postal_address = forms.CharField(
        label=_("Postal address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    phones = forms.CharField(
        label=_("Telephone numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line"),
    )
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line"),
    )
    office_hours = forms.CharField(label=_("Office hours"), max_length=200, required=False)
    time_zone = forms.CharField(
        label=_("Time zone"), max_length=64, required=False, help_text=_("For example Europe/Rome")
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels accepted"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Languages accepted"), required=False, help_text=_("Language codes, for example it, en, fr")
    )
    accepts_oral_urgent_requests = forms.ChoiceField(
        label=_("Accepts urgent requests orally"), choices=FLAG_CHOICES, required=False
    )
    urgent_confirmation_days = forms.IntegerField(
        label=_("Days to confirm an urgent request in writing"), required=False, min_value=0, max_value=365
    )
    urgent_procedure = forms.CharField(
        label=_("Urgent procedure"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requires_treaty_for_extradition = forms.ChoiceField(
        label=_("Extradition only on the basis of a treaty"), choices=FLAG_CHOICES, required=False
    )
    dual_criminality_for_coercive_measures = forms.ChoiceField(
        label=_("Dual criminality required for coercive measures"), choices=FLAG_CHOICES, required=False
    )
    requires_authentication = forms.ChoiceField(
        label=_("Documents must be authenticated"), choices=FLAG_CHOICES, required=False
    )
    requires_legalisation = forms.ChoiceField(
        label=_("Documents must be legalised"), choices=FLAG_CHOICES, required=False
    )
    accepts_electronic_signature = forms.ChoiceField(
        label=_("Accepts electronic signatures"), choices=FLAG_CHOICES, required=False
    )
    requires_encryption = forms.ChoiceField(
        label=_("Transmission must be encrypted"), choices=FLAG_CHOICES, required=False
    )
    requirements = forms.CharField(
        label=_("Other requirements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    records = forms.CharField(
        label=_("Legislation and guides"),
        required=False,
        help_text=_("Numbers of knowledge-base records, separated by commas"),
    )
    note = forms.CharField(
        label=_("Note for whoever confirms the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args,
        authority: Authority | None = None,
        party: Party | None = None,
        proposing: bool = False,
        **kwargs,
    ):
        self.authority = authority
        self.before: dict = {}
        if authority is not None:
            from palermo.cooperation.domain.authority_format import authority_data

            self.before = authority_data(authority)
            kwargs.setdefault("initial", self.initial_from(self.before, authority.version))
        super().__init__(*args, **kwargs)
        if authority is not None or party is not None:
            del self.fields["party"]
        if not proposing:
            del self.fields["note"]

    @staticmethod
    def initial_from(data: dict, version: int) -> dict:
        initial = {
            key: value
            for key, value in data.items()
            if key
            in (
                "name",
                "name_en",
                "postal_address",
                "office_hours",
                "time_zone",
                "urgent_confirmation_days",
                "urgent_procedure",
                "requirements",
            )
        }
        initial.update(
            version=version,
            kinds=[d["kind"] for d in data["designations"]],
            phones="\n".join(data["phones"]),
            emails="\n".join(data["emails"]),
            channels=data["channels"],
            languages=", ".join(data["languages"]),
            records=", ".join(str(pk) for pk in data["records"]),
        )
        for flag in FLAG_FIELDS:
            value = data.get(flag)
            initial[flag] = "" if value is None else ("yes" if value else "no")
        return initial

    def data_for_domain(self) -> dict:
        """The form's values in the authority format (designations keep the articles they had)."""
        values = self.cleaned_data
        existing = {d["kind"]: d for d in self.before.get("designations", [])}
        data = {
            "name": values["name"],
            "name_en": values["name_en"],
            "designations": [
                existing.get(kind)
                or {
                    "kind": kind,
                    "instrument": KIND_BASIS[AuthorityKind(kind)][0],
                    "article": KIND_BASIS[AuthorityKind(kind)][1],
                }
                for kind in values["kinds"]
            ],
            "postal_address": values["postal_address"],
            "phones": _lines(values["phones"]),
            "emails": _lines(values["emails"]),
            "office_hours": values["office_hours"],
            "time_zone": values["time_zone"],
            "channels": values["channels"],
            "languages": values["languages"],
            "urgent_confirmation_days": values["urgent_confirmation_days"],
            "urgent_procedure": values["urgent_procedure"],
            "requirements": values["requirements"],
            "records": [item for item in values["records"].replace(",", " ").split()],
        }
        for flag in FLAG_FIELDS:
            data[flag] = values[flag] or None
        if "party" in self.fields:
            data["state"] = values["party"].pk
        return data

    def add_domain_problems(self, problems: list[tuple[str, str]]) -> None:
        """Show the domain's problems beside the fields they are about."""
        for key, message in problems:
            name = {"designations": "kinds", "state": "party"}.get(key, key)
            self.add_error(name if name in self.fields else None, message)


class AuthorityImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or JSON Lines)"), help_text=_("UTF-8 text, at most 10 MB"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
