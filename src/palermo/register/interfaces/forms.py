from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.register.models import Declaration, Instrument, RegionalGroup


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.local_short_title


STATUS_CHOICES = [
    ("", _("Any status")),
    ("party", _("Party")),
    ("signatory", _("Signatory, not party")),
    ("none", _("Neither")),
]


class PartyFilterForm(forms.Form):
    instrument = InstrumentChoiceField(
        Instrument.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=None,
        label=_("Instrument"),
    )
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))
    group = forms.ChoiceField(
        choices=[("", _("Any regional group")), *RegionalGroup.choices, ("none", _("Outside any group"))],
        required=False,
        label=_("Regional group"),
    )
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100, label=_("Became party in"))
    q = forms.CharField(required=False, max_length=100, label=_("Name or code"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DeclarationForm(forms.ModelForm):
    instrument = InstrumentChoiceField(Instrument.objects.all(), to_field_name="code", label=_("Instrument"))

    class Meta:
        model = Declaration
        fields = ["instrument", "kind", "article", "date", "text", "uses_convention_as_legal_basis", "source"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 6}),
            "uses_convention_as_legal_basis": forms.NullBooleanSelect,
        }

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        basis = cleaned.get("uses_convention_as_legal_basis")
        if kind == Declaration.Kind.EXTRADITION_LEGAL_BASIS and basis is None:
            self.add_error(
                "uses_convention_as_legal_basis",
                _("Say whether the party takes the Convention as the legal basis for extradition."),
            )
        if kind != Declaration.Kind.EXTRADITION_LEGAL_BASIS and basis is not None:
            self.add_error("uses_convention_as_legal_basis", _("Only for notifications under art. 16(5)."))
        return cleaned
