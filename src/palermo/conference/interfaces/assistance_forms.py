"""The forms of technical assistance: a need (a focal point for its own State; the secretariat for any State,
saying where the need was identified), an offer (the secretariat of any provider; a focal point of its own
State), an assistance activity (the secretariat) and the hand-over of needs named in reviews."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from palermo.conference.interfaces.forms import _add_texts, _day, _texts_of
from palermo.conference.models import ActivityStatus, AssistanceNeed, AssistanceOffer, NeedSource, Provider
from palermo.core.form_fields import CollatedModelChoiceField
from palermo.core.i18n import colon
from palermo.knowledge.interfaces.forms import ArticleChoiceField, PartyMultipleChoiceField, TermChoiceField
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party, RegionalGroup
from palermo.review.models import AssistanceKind

ARTICLES = Article.objects.select_related("instrument").order_by("instrument__position", "position")


def _topics():
    return Term.objects.current().filter(parent=None)


class NeedForm(forms.Form):
    party = CollatedModelChoiceField(queryset=Party.objects.all(), label=_("State"))
    source = forms.ChoiceField(label=capfirst(_("identified by")), choices=NeedSource.choices)
    kind = forms.ChoiceField(
        label=capfirst(_("kind of assistance")), choices=AssistanceKind.choices, initial=AssistanceKind.OTHER
    )
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

    def __init__(self, *args, secretariat: bool, from_answer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crime_types"].queryset = _topics()
        if not secretariat or from_answer:  # a focal point's are its own State's, requested directly
            del self.fields["party"]
            del self.fields["source"]


class OfferForm(forms.Form):
    provider_kind = forms.ChoiceField(label=capfirst(_("offered by")), choices=Provider.choices)
    provider = forms.CharField(
        label=capfirst(_("name of the provider")),
        max_length=200,
        required=False,
        help_text=_("For a State, its name is used when this is left empty."),
    )
    party = CollatedModelChoiceField(
        queryset=Party.objects.all(), required=False, label=capfirst(_("offering State"))
    )
    kind = forms.ChoiceField(label=capfirst(_("kind of assistance")), choices=AssistanceKind.choices)
    description = forms.CharField(
        label=capfirst(_("what is offered")), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    language = forms.ChoiceField(label=capfirst(_("language of the text")), choices=settings.LANGUAGES)
    articles = ArticleChoiceField(queryset=ARTICLES, required=False, label=capfirst(_("articles")))
    crime_types = TermChoiceField(
        queryset=Term.objects.none(), required=False, label=capfirst(_("crime types and issues"))
    )
    regions = forms.MultipleChoiceField(
        label=capfirst(_("regional groups")),
        choices=RegionalGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to offer it to every regional group."),
    )
    until = _day(capfirst(_("available until")))

    def __init__(self, *args, secretariat: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].required = False
        self.fields["crime_types"].queryset = _topics()
        if not secretariat:  # a focal point offers its own State's assistance
            for name in ("provider_kind", "provider", "party"):
                del self.fields[name]


class HandOverForm(forms.Form):
    """The needs of cleared self-assessments to add to the register (the choices: those the user may)."""

    needs = forms.ModelMultipleChoiceField(
        queryset=AssistanceNeed.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Needs")
    )

    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = waiting


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
    offer = forms.ModelChoiceField(
        queryset=AssistanceOffer.objects.select_related("party").order_by("-recorded"),
        required=False,
        label=capfirst(_("offer carried out")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts"].required = self.fields["ends"].required = False
        self.fields["crime_types"].queryset = _topics()
        self.fields["needs"].label_from_instance = lambda need: (
            f"{need.party.local_name}{colon()}{need.description[:80]}"
        )
        self.fields["offer"].label_from_instance = lambda offer: (
            f"{offer.provider_name}{colon()}{offer.description[:80]}"
        )
        _add_texts(self, "title", _("Title in %(language)s"), forms.TextInput)
        titles = [name for name in self.fields if name.startswith("title_")]
        self.order_fields([*titles, *(name for name in self.fields if name not in titles)])  # the title first

    def titles(self) -> dict[str, str]:
        return _texts_of(self, "title")
