"""The forms of information gathering: the secretariat's questionnaire with its questions, a State's answer
to one question (saved as typed), the focal point's experts and submission (conference.domain.questionnaires
checks each again and writes it)."""

import re

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from palermo.conference.domain.questionnaires import QuestionInput
from palermo.conference.interfaces.forms import MeetingChoiceField, _add_texts, _texts_of
from palermo.conference.models import AnswerKind, Meeting, Question, Recipients
from palermo.core.i18n import article_of
from palermo.register.models import Article, Instrument, RegionalGroup


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Instrument) -> str:
        return obj.local_short_title


class ArticleOfInstrumentField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Article) -> str:
        return article_of(obj.instrument.local_short_title, obj.number)


class QuestionnaireForm(forms.Form):
    """The questionnaire: its title and introduction by language, to whom it goes and by when."""

    recipients = forms.ChoiceField(
        label=_("Sent to"),
        choices=Recipients.choices,
        widget=forms.RadioSelect,
        initial=Recipients.ALL_PARTIES,
    )
    instrument = InstrumentChoiceField(
        queryset=Instrument.objects.all(),
        required=False,
        label=capfirst(_("instrument")),
        help_text=_("When it goes to the parties to one instrument"),
    )
    regional_group = forms.ChoiceField(
        label=capfirst(_("regional group")),
        choices=[("", "—"), *RegionalGroup.choices],
        required=False,
        help_text=_("When it goes to one regional group"),
    )
    deadline = forms.DateField(
        label=capfirst(_("deadline")), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.all(), required=False, label=_("For the meeting"), empty_label="—"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_texts(self, "title", _("Title in %(language)s"), forms.TextInput)
        _add_texts(
            self,
            "introduction",
            _("Introduction in %(language)s"),
            lambda attrs: forms.Textarea(attrs={**attrs, "rows": 3}),
        )
        for code, _name in settings.LANGUAGES:
            self.fields[f"introduction_{code}"].required = False

    def titles(self) -> dict[str, str]:
        return _texts_of(self, "title")

    def introductions(self) -> dict[str, str]:
        return _texts_of(self, "introduction")


class QuestionForm(forms.Form):
    """One question; a form left empty is no question (the page offers several)."""

    kind = forms.ChoiceField(label=_("Answer"), choices=AnswerKind.choices, initial=AnswerKind.YES_NO)
    choices = forms.CharField(
        label=_("Answers offered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For “one of several answers”: one answer per line, in English."),
        max_length=2000,
    )
    article = ArticleOfInstrumentField(
        queryset=Article.objects.select_related("instrument").order_by("instrument__position", "position"),
        required=False,
        label=_("About the article"),
        empty_label="—",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_texts(
            self,
            "text",
            _("Question in %(language)s"),
            lambda attrs: forms.Textarea(attrs={**attrs, "rows": 2}),
        )
        self.fields["text_en"].required = False  # an empty question form is no question

    def is_empty(self) -> bool:
        return not any(self.cleaned_data.get(f"text_{code}") for code, _name in settings.LANGUAGES)

    def question(self) -> QuestionInput:
        lines = [line.strip() for line in self.cleaned_data.get("choices", "").splitlines() if line.strip()]
        return QuestionInput(
            texts=_texts_of(self, "text"),
            kind=self.cleaned_data["kind"],
            choices=[{"labels": {"en": line}} for line in lines],
            article=self.cleaned_data.get("article"),
        )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=5, max_num=200)


RECORD_NUMBER = re.compile(r"^(?:(\d{1,12})|\S*/records/(\d{1,12})/?)$")


class AnswerForm(forms.Form):
    """A State's answer to one question, with the version it was opened at."""

    value = forms.ChoiceField(label=_("Answer"), required=False, widget=forms.RadioSelect)
    number = forms.CharField(label=_("Number"), required=False, max_length=30)
    text = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )
    citations = forms.CharField(
        label=_("Records of the knowledge base cited"),
        required=False,
        max_length=500,
        help_text=_("Their numbers or addresses (…/knowledge/records/123/), separated by commas or spaces."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_citations(self) -> list[int]:
        """Record numbers from what was typed: bare numbers, or the number at the end of a record's address."""
        typed = self.cleaned_data.get("citations", "")
        found = []
        for part in re.split(r"[\s,;]+", typed.strip()):
            if not part:
                continue
            match = RECORD_NUMBER.search(part)
            if match is None:
                raise forms.ValidationError(
                    _("“%(part)s” is not the number or the address of a record.") % {"part": part[:60]}
                )
            found.append(int(match.group(1) or match.group(2)))
        return found

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.auto_id = f"id_q{question.number}_%s"
        options = question.options()
        if options:
            self.fields["value"].choices = options
        else:
            del self.fields["value"]
        if question.kind != AnswerKind.NUMBER:
            del self.fields["number"]
        if question.kind == AnswerKind.TEXT:
            self.fields["text"].label = _("Answer")


class ExpertsForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Experts who answer"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, eligible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = eligible
        self.fields["experts"].label_from_instance = lambda user: user.get_full_name() or user.email


class SubmitForm(forms.Form):
    publish = forms.BooleanField(
        label=_("Publish our answers under our State's name"),
        required=False,
        help_text=_("Unticked, the answers are only counted in the aggregates, never shown as this State's."),
    )
