"""The form in which the secretariat or a State's focal point records what was done on an operative
paragraph (conference.domain.records.record_follow_up checks it again and writes it)."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.accounts.rules import is_secretariat
from palermo.conference.domain.records import may_follow_up
from palermo.conference.models import Addressee, FollowUpStatus, OperativeParagraph
from palermo.core.form_fields import CollatedModelChoiceField
from palermo.register.models import Party


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
