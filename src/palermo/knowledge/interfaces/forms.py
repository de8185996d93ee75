from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.core.numbers import MAX_INT
from palermo.knowledge.models import (
    BibliographyDetail,
    CaseDetail,
    CurationState,
    Defendant,
    Gender,
    LegislationDetail,
    Record,
    RecordKind,
    StrategyDetail,
    Term,
    Victim,
    Vocabulary,
)
from palermo.register.models import Article, Party, RegionalGroup


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.parent_id:
            return f"{obj.parent.parent.label} / {obj.parent.label} / {obj.label}"
        return obj.label


class PartyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name_in(get_language() or "en")


class ArticleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.instrument.local_short_title}, art. {obj.number}: {obj.title}"


class RecordForm(forms.ModelForm):
    """The fields every kind of record has. Summary and commentary are edited one language at a time."""

    language = forms.ChoiceField(
        label=_("Language of the summary and commentary"), choices=settings.LANGUAGES, initial="en"
    )
    summary_text = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    commentary_text = forms.CharField(
        label=_("Commentary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    crime_types = TermChoiceField(
        Term.objects.current().filter(vocabulary=Vocabulary.CRIME_TYPE),
        required=False,
        label=_("Crime types"),
        widget=forms.CheckboxSelectMultiple,
    )
    facet_values = TermChoiceField(
        Term.objects.current()
        .filter(vocabulary=Vocabulary.FACET_VALUE)
        .select_related("parent__parent")
        .order_by("parent__parent__position", "parent__position", "position"),
        required=False,
        label=_("Facets"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    cross_cutting = TermChoiceField(
        Term.objects.current().filter(vocabulary=Vocabulary.CROSS_CUTTING),
        required=False,
        label=_("Cross-cutting issues"),
        widget=forms.CheckboxSelectMultiple,
    )
    articles = ArticleChoiceField(
        Article.objects.select_related("instrument"),
        required=False,
        label=_("Treaty articles"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    countries = PartyMultipleChoiceField(
        Party.objects.all(),
        required=False,
        label=_("Countries concerned"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    source_url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_INT
    )

    class Meta:
        model = Record
        fields = [
            "title",
            "reference",
            "jurisdiction",
            "jurisdiction_body",
            "date",
            "year",
            "text",
            "text_language",
            "source_url",
            "supplied_by",
            "anonymised",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "text": forms.Textarea(attrs={"rows": 6})}

    RELATION_FIELDS = ("crime_types", "facet_values", "cross_cutting", "articles", "countries")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Party.objects.all()
        record = self.instance
        if record.pk:
            language = self.initial.get("language") or "en"
            self.initial.setdefault("summary_text", record.summary.get(language, ""))
            self.initial.setdefault("commentary_text", record.commentary.get(language, ""))
            self.initial.setdefault("expected_version", record.version)
            for name in self.RELATION_FIELDS:
                self.initial[name] = list(getattr(record, name).all())

    def clean(self):
        cleaned = super().clean() or {}
        if not cleaned.get("jurisdiction") and not cleaned.get("jurisdiction_body"):
            self.add_error("jurisdiction", _("Give the State, or the international or regional body."))
        if not cleaned.get("date") and not cleaned.get("year"):
            self.add_error("date", _("Give the date, or at least the year."))
        return cleaned

    def domain_arguments(self) -> tuple[dict, dict]:
        """(fields, relations) for create_record / update_record."""
        data = self.cleaned_data
        language = data["language"]
        fields = {name: data[name] for name in self.Meta.fields}
        fields["jurisdiction_id"] = fields.pop("jurisdiction").pk if data.get("jurisdiction") else None
        fields["summary"] = (
            {**self.instance.summary, language: data["summary_text"]}
            if data["summary_text"]
            else {k: v for k, v in self.instance.summary.items() if k != language}
        )
        fields["commentary"] = (
            {**self.instance.commentary, language: data["commentary_text"]}
            if data["commentary_text"]
            else {k: v for k, v in self.instance.commentary.items() if k != language}
        )
        return fields, {name: list(data[name]) for name in self.RELATION_FIELDS}


LONG_TEXT = ("procedural_history", "latest_ruling", "citations")


def detail_form(model, field_names):
    widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in field_names if name in LONG_TEXT}
    return forms.modelform_factory(model, fields=field_names, widgets=widgets)


class BibliographyForm(forms.ModelForm):
    """Authors and keywords are lists; people type them one per line."""

    authors_text = forms.CharField(
        label=_("Authors (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    keywords_text = forms.CharField(
        label=_("Keywords (one per line)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = BibliographyDetail
        fields = ["publisher", "research_method"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("authors_text", "\n".join(self.instance.authors or []))
        self.initial.setdefault("keywords_text", "\n".join(self.instance.keywords or []))

    def clean(self):
        cleaned = super().clean() or {}
        for name in ("authors", "keywords"):
            cleaned[name] = [
                line.strip() for line in cleaned.pop(f"{name}_text", "").splitlines() if line.strip()
            ]
        return cleaned


DETAIL_FORMS = {
    RecordKind.CASE: detail_form(
        CaseDetail,
        [
            "court",
            "court_type",
            "court_level",
            "legal_system",
            "procedural_history",
            "latest_ruling",
            "citations",
        ],
    ),
    RecordKind.LEGISLATION: detail_form(LegislationDetail, ["law_title", "provision"]),
    RecordKind.STRATEGY: detail_form(StrategyDetail, ["scope", "issuing_body", "period_start", "period_end"]),
    RecordKind.BIBLIOGRAPHY: BibliographyForm,
}

DefendantFormSet = forms.inlineformset_factory(
    Record,
    Defendant,
    fields=[
        "name",
        "legal_person",
        "gender",
        "nationality",
        "age",
        "birth_year",
        "charges",
        "verdict",
        "sentence",
    ],
    extra=1,
    can_delete=True,
    widgets={"charges": forms.Textarea(attrs={"rows": 2}), "sentence": forms.Textarea(attrs={"rows": 2})},
)
VictimFormSet = forms.inlineformset_factory(
    Record, Victim, fields=["gender", "age_group", "nationality", "count"], extra=1, can_delete=True
)


def as_new_rows(data, prefix: str):
    """Posted formset rows cut loose from the saved rows they edited, which a newer save of the record has
    replaced: shown again as typed, to be copied, instead of failing on ids that no longer exist."""
    rows = data.copy()
    rows[f"{prefix}-INITIAL_FORMS"] = "0"
    for key in [key for key in rows if key.startswith(f"{prefix}-") and key.endswith("-id")]:
        del rows[key]
    return rows


def people_rows(formset) -> list[dict]:
    """Every row the record keeps: the saved ones, changed or not (the domain replaces them all), and the
    blank rows filled in; not those marked for deletion."""
    rows = []
    for form in formset.forms:
        is_new = form in formset.extra_forms
        if (is_new and not form.has_changed()) or form.cleaned_data.get("DELETE"):
            continue
        row = {
            k: v for k, v in form.cleaned_data.items() if k not in ("DELETE", "id", "record", "nationality")
        }
        row["nationality_id"] = (
            form.cleaned_data["nationality"].pk if form.cleaned_data.get("nationality") else None
        )
        rows.append(row)
    return rows


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=CurationState.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=500, label=_("Search"))
    kind = forms.ChoiceField(required=False, choices=[("", ""), *RecordKind.choices])
    crime_type = forms.SlugField(required=False)
    facet = forms.CharField(required=False, max_length=100)
    cross_cutting = forms.SlugField(required=False)
    party = forms.CharField(required=False, max_length=3)
    group = forms.ChoiceField(required=False, choices=[("", ""), *RegionalGroup.choices, ("none", "none")])
    subregion = forms.RegexField(required=False, regex=r"^\d{3}$")
    year_from = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("From year"))
    year_to = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("To year"))
    court_type = forms.ChoiceField(required=False, choices=[("", ""), *CaseDetail.CourtType.choices])
    article = forms.IntegerField(required=False, min_value=1, max_value=MAX_INT)
    verdict = forms.ChoiceField(required=False, choices=[("", ""), *Defendant.Verdict.choices])
    defendant_gender = forms.ChoiceField(required=False, choices=[("", ""), *Gender.choices])
    victim_age = forms.ChoiceField(required=False, choices=[("", ""), *Victim.AgeGroup.choices])
    sort = forms.ChoiceField(
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))],
        label=_("Sort by"),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_INT)


MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    """A JSON Lines or CSV file of records, for the secretariat's bulk import."""

    file = forms.FileField(label=_("File (JSON Lines or CSV)"), help_text=_("UTF-8 text, at most 20 MB"))
    state = forms.ChoiceField(
        label=_("Import as"),
        choices=[
            (CurationState.DRAFT, _("Drafts, to be verified")),
            (CurationState.PUBLISHED, _("Published")),
        ],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith((".jsonl", ".json", ".csv")):
            raise forms.ValidationError(_("The file must end in .jsonl or .csv."))
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
