from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.core import language_codes
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


class LanguageCodesField(forms.CharField):
    """Language codes typed as "it, en, fr", kept as a list; unknown codes are named."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        try:
            return language_codes.parse_codes(value or "")
        except language_codes.UnknownLanguage as error:
            raise forms.ValidationError(
                _("Not a language code (ISO 639-1, for example it, en, fr): %(codes)s"),
                params={"codes": ", ".join(error.codes)},
            ) from error


class DeclarationForm(forms.ModelForm):
    instrument = InstrumentChoiceField(Instrument.objects.all(), to_field_name="code", label=_("Instrument"))
    languages = LanguageCodesField(
        label=_("Languages accepted"),
        required=False,
        help_text=_("For art. 18(14) notifications only: language codes, for example it, en, fr"),
    )

    class Meta:
        model = Declaration
        fields = [
            "instrument",
            "kind",
            "article",
            "date",
            "text",
            "uses_convention_as_legal_basis",
            "languages",
            "source",
        ]
        widgets = {
            "date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 6}),
            "uses_convention_as_legal_basis": forms.NullBooleanSelect,
        }

    def clean(self):
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        basis = cleaned.get("uses_convention_as_legal_basis")
        if kind == Declaration.Kind.EXTRADITION_LEGAL_BASIS and basis is None:
            self.add_error(
                "uses_convention_as_legal_basis",
                _("Say whether the party takes the Convention as the legal basis for extradition."),
            )
        if kind != Declaration.Kind.EXTRADITION_LEGAL_BASIS and basis is not None:
            self.add_error("uses_convention_as_legal_basis", _("Only for notifications under art. 16(5)."))
        languages = cleaned.get("languages")
        if kind == Declaration.Kind.LANGUAGES and not languages and "languages" not in self.errors:
            self.add_error("languages", _("Name the languages the party accepts requests in."))
        if kind != Declaration.Kind.LANGUAGES and languages:
            self.add_error("languages", _("Only for notifications under art. 18(14)."))
        return cleaned


MAX_STATUS_FILE_BYTES = 2 * 1024 * 1024


class StatusImportForm(forms.Form):
    """One UN Treaty Collection status table, uploaded as a file or pasted as text."""

    instrument = InstrumentChoiceField(Instrument.objects.all(), to_field_name="code", label=_("Instrument"))
    as_of = forms.DateField(
        label=_("Status as of"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("The date the UN page shows the status at"),
    )
    file = forms.FileField(
        label=_("Table file (CSV or text)"), required=False, help_text=_("UTF-8 text, at most 2 MB")
    )
    text = forms.CharField(
        label=_("Or paste the table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "ltr"}),
        help_text=_("Select the participants table on the UN page, copy it and paste it here."),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=300)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_STATUS_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error

    def clean(self):
        cleaned = super().clean() or {}
        if bool(cleaned.get("file")) == bool(cleaned.get("text", "").strip()):
            raise forms.ValidationError(_("Upload a file or paste the table, one of the two."))
        return cleaned

    def table_text(self) -> tuple[str, str]:
        """(file name, text) of the table given."""
        return self.cleaned_data["file"] or (str(_("pasted table")), self.cleaned_data["text"])
