"""The form in which the secretariat or a State's focal point records what was done on an operative
paragraph (conference.domain.records.record_follow_up checks it again and writes it)."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.accounts.rules import is_secretariat
from palermo.conference.domain.records import RecordError, may_follow_up
from palermo.conference.models import (
    Addressee,
    Body,
    DecisionKind,
    DocumentKind,
    FollowUpStatus,
    Meeting,
    OperativeParagraph,
)
from palermo.conference.search import KINDS
from palermo.core.form_fields import CollatedModelChoiceField
from palermo.knowledge.interfaces.forms import ArticleChoiceField, PartyMultipleChoiceField, TermChoiceField
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party


class TopicChoiceField(CollatedModelChoiceField):
    """A term of the knowledge base's taxonomy, by its label in the reader's language."""

    def label_from_instance(self, obj: Term) -> str:
        return obj.label


class FollowUpForm(forms.Form):
    """`party` is offered to the secretariat alone (any State, or none: the secretariat's own follow-up);
    a focal point records for their own State."""

    party = CollatedModelChoiceField(
        queryset=Party.objects.none(),
        required=False,
        label=_("By"),
        empty_label=_("The secretariat"),
    )
    status = forms.ChoiceField(label=capfirst(_("status")), choices=FollowUpStatus.choices)
    text = forms.CharField(
        label=capfirst(_("what was done")), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    language = forms.ChoiceField(label=capfirst(_("language of the text")), choices=settings.LANGUAGES)

    def __init__(self, *args, paragraph: OperativeParagraph, choose_party: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.paragraph = paragraph
        prefix = f"p{paragraph.pk}"
        self.auto_id = f"id_{prefix}_%s"
        if choose_party:
            asked = (
                paragraph.states.all()
                if paragraph.addressee == Addressee.SOME_STATES
                else Party.objects.all()
            )
            self.fields["party"].queryset = asked
        else:
            del self.fields["party"]


def own_party(user):
    """The State a user records follow-up for: their organisation's State (none for the secretariat)."""
    organisation = getattr(user, "organisation", None)
    return organisation.party if organisation is not None and organisation.party_id else None


def follow_up_form(request, paragraph: OperativeParagraph, data=None) -> FollowUpForm | None:
    """The form for this user on this paragraph, or None when they may record nothing on it."""
    if not request.user.is_authenticated:
        return None
    secretariat = is_secretariat(request.user)
    if not secretariat and not may_follow_up(request.user, paragraph, own_party(request.user)):
        return None
    language = (get_language() or "en").lower()
    return FollowUpForm(
        data,
        paragraph=paragraph,
        choose_party=secretariat,
        initial={"language": language, "status": "under_way"},
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return obj.name


class FollowUpFilter(forms.Form):
    """The follow-up page's choices: a session or meeting, a State, a topic (each optional)."""

    meeting = MeetingChoiceField(
        queryset=Meeting.objects.filter(decisions__isnull=False).distinct(),
        required=False,
        label=_("Meeting"),
        empty_label=_("All meetings"),
    )
    state = CollatedModelChoiceField(
        queryset=Party.objects.all(), required=False, label=_("State"), empty_label=_("All States")
    )
    topic = TopicChoiceField(
        queryset=Term.objects.current(),
        required=False,
        label=_("Topic"),
        empty_label=_("All topics"),
        to_field_name="slug",
    )


def _day(label) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))


class MeetingForm(forms.Form):
    """A new session of the Conference or meeting of a working group (records.create_meeting)."""

    body = forms.ChoiceField(label=capfirst(_("body")), choices=Body.choices)
    number = forms.IntegerField(label=capfirst(_("number")), min_value=1, max_value=999)
    starts = _day(capfirst(_("first day")))
    ends = _day(capfirst(_("last day")))
    place = forms.CharField(
        label=capfirst(_("place")), max_length=200, help_text=_("City, as the report names it")
    )
    host = CollatedModelChoiceField(
        queryset=Party.objects.all(), required=False, label=capfirst(_("host State")), empty_label="—"
    )


class DocumentForm(forms.Form):
    """A document of a meeting by its UN symbol, its title in English and in any other language."""

    symbol = forms.CharField(
        label=capfirst(_("symbol")),
        max_length=60,
        help_text=_("A UN document symbol, for example CTOC/COP/2020/1."),
    )
    kind = forms.ChoiceField(label=capfirst(_("kind")), choices=DocumentKind.choices)
    issued = forms.DateField(
        label=capfirst(_("date of issue")),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                required=code == "en",
                max_length=500,
                widget=forms.TextInput(attrs={"lang": code, "dir": "rtl" if code == "ar" else "ltr"}),
            )

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}", "") for code, _name in settings.LANGUAGES}


class DecisionForm(forms.Form):
    """A resolution or decision of a session: its kind, number as adopted, date and title by language."""

    kind = forms.ChoiceField(label=capfirst(_("kind")), choices=DecisionKind.choices)
    number = forms.CharField(
        label=capfirst(_("number")), max_length=20, help_text=_("As adopted, for example 10/1")
    )
    adopted = _day(capfirst(_("adopted on")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_texts(self, "title", _("Title in %(language)s"), forms.TextInput)

    def titles(self) -> dict[str, str]:
        return _texts_of(self, "title")


class ParagraphForm(forms.Form):
    """One operative paragraph; a form left empty is no paragraph (the page offers a few)."""

    addressee = forms.ChoiceField(
        label=capfirst(_("asks")), choices=[("", "—"), *Addressee.choices], required=False
    )
    states = PartyMultipleChoiceField(
        queryset=Party.objects.all(), required=False, label=capfirst(_("States named"))
    )
    working_group = forms.ChoiceField(
        label=capfirst(_("working group")),
        choices=[("", "—"), *[choice for choice in Body.choices if choice[0] != Body.CONFERENCE]],
        required=False,
    )
    due = forms.DateField(
        label=capfirst(_("due by")),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    articles = ArticleChoiceField(
        queryset=Article.objects.select_related("instrument").order_by("instrument__position", "position"),
        required=False,
        label=capfirst(_("articles cited")),
    )
    topics = TermChoiceField(
        queryset=Term.objects.current().filter(parent=None),  # crime types and cross-cutting issues
        required=False,
        label=capfirst(_("topics")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_texts(
            self, "text", _("Text in %(language)s"), lambda attrs: forms.Textarea(attrs={**attrs, "rows": 3})
        )
        self.fields["text_en"].required = False  # an empty paragraph form is no paragraph

    def is_empty(self) -> bool:
        return not any(self.cleaned_data.get(f"text_{code}") for code, _name in settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        if not self.is_empty() and not cleaned.get("addressee"):
            self.add_error("addressee", _("Say whom the paragraph asks to act."))
        return cleaned

    def texts(self) -> dict[str, str]:
        return _texts_of(self, "text")


ParagraphFormSet = forms.formset_factory(ParagraphForm, extra=4, max_num=60)


def _add_texts(form: forms.Form, prefix: str, label, widget) -> None:
    for code, name in settings.LANGUAGES:
        attrs = {"lang": code, "dir": "rtl" if code == "ar" else "ltr"}
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=label % {"language": name},
            required=code == "en",
            max_length=5000,
            widget=widget(attrs=attrs) if widget is forms.TextInput else widget(attrs),
        )


def _texts_of(form: forms.Form, prefix: str) -> dict[str, str]:
    return {code: form.cleaned_data.get(f"{prefix}_{code}", "") for code, _name in settings.LANGUAGES}


def show_problems(form: forms.Form, refused: RecordError) -> None:
    """A refused write's problems on the form: beside their field (the titles' beside the English title),
    else at the top."""
    for key, message in refused.problems:
        field = "title_en" if key == "titles" and "title_en" in form.fields else key
        form.add_error(field if field in form.fields else None, message)


def show_set_problems(form: forms.Form, entries: list[forms.Form], refused: RecordError, item: str) -> None:
    """A refused write's problems on a form and its set of item forms (a resolution's paragraphs, a
    questionnaire's questions): an item's (keyed `<item>N`) on the Nth filled item form, the others as
    `show_problems` places them."""
    for key, message in refused.problems:
        if key.startswith(item):
            entries[int(key.removeprefix(item).split(".")[0]) - 1].add_error(None, message)
        else:
            show_problems(form, RecordError([(key, message)]))


class SearchForm(forms.Form):
    """The Conference search's words and filters (palermo.conference.search); every one optional. Filters
    are plain values (ids, codes) read from the facet links, checked against what exists."""

    q = forms.CharField(required=False, max_length=500, label=_("Search"))
    kind = forms.ChoiceField(required=False, choices=[("", ""), *KINDS], label=_("Kind"))
    meeting = forms.IntegerField(required=False, min_value=1, label=_("Meeting"))
    body = forms.ChoiceField(required=False, choices=[("", ""), *Body.choices], label=capfirst(_("body")))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    topic = forms.IntegerField(required=False, min_value=1, label=_("Topic"))
    article = forms.IntegerField(required=False, min_value=1, label=_("Article"))
    page = forms.IntegerField(required=False, min_value=1, label=_("Page"))

    def clean_meeting(self):
        return self._existing("meeting", Meeting, _("No meeting has this number."))

    def clean_topic(self):
        return self._existing("topic", Term, _("No topic has this number."))

    def clean_article(self):
        return self._existing("article", Article, _("No article has this number."))

    def _existing(self, name: str, model, message) -> int | None:
        value = self.cleaned_data.get(name)
        if value is not None and not model.objects.filter(pk=value).exists():
            raise forms.ValidationError(message)
        return value
