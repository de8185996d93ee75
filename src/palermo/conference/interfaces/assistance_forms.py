"""The forms of technical assistance: a need (a focal point for its own State; the secretariat for any State,
saying where the need was identified) and an assistance activity (the secretariat)."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from palermo.conference.interfaces.forms import _add_texts, _day, _texts_of
from palermo.conference.models import ActivityStatus, AssistanceNeed, NeedSource
from palermo.core.form_fields import CollatedModelChoiceField
from palermo.core.i18n import colon
from palermo.knowledge.interfaces.forms import ArticleChoiceField, PartyMultipleChoiceField, TermChoiceField
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party

ARTICLES = Article.objects.select_related("instrument").order_by("instrument__position", "position")


def _topics():
    return Term.objects.current().filter(parent=None)


class NeedForm(forms.Form):
    party = CollatedModelChoiceField(queryset=Party.objects.all(), label=_("State"))
    source = forms.ChoiceField(label=capfirst(_("identified by")), choices=NeedSource.choices)
    description = forms.CharField(
        label=capfirst(_("what is needed")), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    language = forms.ChoiceField(label=capfirst(_("language of the text")), choices=settings.LANGUAGES)
    articles = ArticleChoiceField(queryset=ARTICLES, required=False, label=capfirst(_("articles")))
    crime_types = TermChoiceField(
        queryset=Term.objects.none(), required=False, label=capfirst(_("crime types and issues"))
    )
    publish = forms.BooleanField(
        label=_("Publish this need"),
        required=False,
        help_text=_("The State agrees to show this need to everyone."),
    )

    def __init__(self, *args, secretariat: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crime_types"].queryset = _topics()
        if not secretariat:  # a focal point records its own State's needs, as requested directly
            del self.fields["party"]
            del self.fields["source"]


class ActivityForm(forms.Form):
    provider = forms.CharField(
        label=capfirst(_("provided by")),
        max_length=200,
        help_text=_("The Global Programme, a donor or a State"),
    )
    status = forms.ChoiceField(label=capfirst(_("status")), choices=ActivityStatus.choices)
    starts = _day(capfirst(_("first day")))
    ends = _day(capfirst(_("last day")))
    beneficiaries = PartyMultipleChoiceField(
        queryset=Party.objects.all(), label=capfirst(_("beneficiary States"))
    )
    articles = ArticleChoiceField(queryset=ARTICLES, required=False, label=capfirst(_("articles")))
    crime_types = TermChoiceField(
        queryset=Term.objects.none(), required=False, label=capfirst(_("crime types and issues"))
    )
    outputs = forms.CharField(
        label=capfirst(_("outputs")),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    needs = forms.ModelMultipleChoiceField(
        queryset=AssistanceNeed.objects.select_related("party").order_by("party__name", "-recorded"),
        required=False,
        label=capfirst(_("needs met")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts"].required = self.fields["ends"].required = False
        self.fields["crime_types"].queryset = _topics()
        self.fields["needs"].label_from_instance = lambda need: (
            f"{need.party.local_name}{colon()}{need.description[:80]}"
        )
        _add_texts(self, "title", _("Title in %(language)s"), forms.TextInput)
        titles = [name for name in self.fields if name.startswith("title_")]
        self.order_fields([*titles, *(name for name in self.fields if name not in titles)])  # the title first

    def titles(self) -> dict[str, str]:
        return _texts_of(self, "title")
