from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from palermo.core.form_fields import CollatedModelChoiceField, CollatedModelMultipleChoiceField
from palermo.core.i18n import article_of, colon
from palermo.core.numbers import MAX_INT
from palermo.knowledge.domain.records import defendant_problems
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


class PartyMultipleChoiceField(CollatedModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name_in(get_language() or "en")


class ArticleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{article_of(obj.instrument.local_short_title, obj.number)}{colon()}{obj.local_title.text}"


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
    source_url = forms.URLField(
        label=pgettext_lazy("a web address", "Link"), required=False, assume_scheme="https"
    )
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
        field_classes = {"jurisdiction": CollatedModelChoiceField}
        widgets = {
            "date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 6}),
        }

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


class DefendantForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        problems = defendant_problems(
            verdict=cleaned.get("verdict", ""), sentence=cleaned.get("sentence", "")
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned


DefendantFormSet = forms.inlineformset_factory(
    Record,
    Defendant,
    form=DefendantForm,
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
    field_classes={"nationality": CollatedModelChoiceField},
)
VictimFormSet = forms.inlineformset_factory(
    Record,
    Victim,
    fields=["gender", "age_group", "nationality", "count"],
    extra=1,
    can_delete=True,
    field_classes={"nationality": CollatedModelChoiceField},
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
    """A search's parameters. A value that names nothing (a crime type, State or article that does not exist,
    a year that is no number) is an error naming the field, so that a search is explained, never run without
    that filter; former slugs of renamed or merged terms resolve to the current term. Years the wrong way
    round are swapped, with a notice in `notices`."""

    MAX_QUERY = 500

    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY,
        label=_("Search"),
        error_messages={
            "max_length": _(
                "The search is %(show_value)d characters long; a search can have at most %(limit_value)d. "
                "Shorten it to its most telling words."
            )
        },
    )
    kind = forms.ChoiceField(
        required=False, choices=[("", ""), *RecordKind.choices], label=_("Type of record")
    )
    crime_type = forms.SlugField(required=False, label=_("Crime type"))
    facet = forms.CharField(required=False, max_length=100, label=_("Facet"))
    cross_cutting = forms.SlugField(required=False, label=_("Cross-cutting issue"))
    party = forms.CharField(
        required=False,
        max_length=3,
        label=_("State"),
        error_messages={"max_length": _("A State is given by its three-letter code, such as KWT.")},
    )
    group = forms.ChoiceField(
        required=False,
        choices=[("", ""), *RegionalGroup.choices, ("none", _("No regional group"))],
        label=_("Regional group"),
    )
    subregion = forms.RegexField(
        required=False,
        regex=r"^\d{3}$",
        label=_("Geographic subregion"),
        error_messages={"invalid": _("A subregion is given by its three-digit UN M49 code, such as 011.")},
    )
    year_from = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("From year"))
    year_to = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("To year"))
    court_type = forms.ChoiceField(
        required=False, choices=[("", ""), *CaseDetail.CourtType.choices], label=_("Type of court")
    )
    article = forms.IntegerField(required=False, min_value=1, max_value=MAX_INT, label=_("Treaty article"))
    verdict = forms.ChoiceField(
        required=False, choices=[("", ""), *Defendant.Verdict.choices], label=_("Verdict")
    )
    defendant_gender = forms.ChoiceField(
        required=False, choices=[("", ""), *Gender.choices], label=_("Defendants' gender")
    )
    victim_age = forms.ChoiceField(
        required=False, choices=[("", ""), *Victim.AgeGroup.choices], label=_("Victims' age group")
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))],
        label=_("Sort by"),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_INT, label=_("Page"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []

    def _term(self, vocabulary: str, slug: str, message) -> str:
        from palermo.knowledge.domain.taxonomy import resolve_term

        term = resolve_term(vocabulary, slug) if slug else None
        if slug and term is None:
            raise forms.ValidationError(message, params={"value": slug})
        return term.slug if term else ""

    def clean_crime_type(self) -> str:
        return self._term(
            Vocabulary.CRIME_TYPE, self.cleaned_data["crime_type"], _("There is no crime type “%(value)s”.")
        )

    def clean_cross_cutting(self) -> str:
        return self._term(
            Vocabulary.CROSS_CUTTING,
            self.cleaned_data["cross_cutting"],
            _("There is no cross-cutting issue “%(value)s”."),
        )

    def clean_facet(self) -> str:
        from palermo.knowledge.domain.taxonomy import resolve_term

        value = self.cleaned_data["facet"]
        if not value:
            return ""
        group, _slash, slug = value.partition("/")
        for parent in Term.objects.filter(vocabulary=Vocabulary.FACET_GROUP, slug=group):
            term = resolve_term(Vocabulary.FACET_VALUE, slug, parent=parent)
            if term is not None:
                return f"{parent.slug}/{term.slug}"
        raise forms.ValidationError(_("There is no facet “%(value)s”."), params={"value": value})

    def clean_party(self) -> str:
        code = self.cleaned_data["party"].upper()
        if code and not Party.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("There is no State with the code “%(value)s”."),
                params={"value": self.cleaned_data["party"]},
            )
        return code

    def clean_subregion(self) -> str:
        code = self.cleaned_data["subregion"]
        if code and not Party.objects.filter(subregion=code).exists():
            raise forms.ValidationError(
                _("No State is in a geographic subregion with the code %(value)s."), params={"value": code}
            )
        return code

    def clean_article(self) -> int | None:
        article = self.cleaned_data["article"]
        if article is not None and not Article.objects.filter(pk=article).exists():
            raise forms.ValidationError(_("There is no treaty article %(value)s."), params={"value": article})
        return article

    def clean(self):
        cleaned = super().clean() or {}
        low, high = cleaned.get("year_from"), cleaned.get("year_to")
        if low and high and low > high:
            cleaned["year_from"], cleaned["year_to"] = high, low
            self.notices.append(
                _(
                    "The years were the wrong way round (from %(low)s to %(high)s): the search is from "
                    "%(high)s to %(low)s."
                )
                % {"low": low, "high": high}
            )
        return cleaned


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
