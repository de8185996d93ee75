"""The filters of the review list: search by State (name in any of the six languages, or code), cycle,
phase, status of the self-assessment in that phase, instrument. Bad input is a form error, never a 500."""

from django import forms
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from palermo.register.models import Party
from palermo.register.names import matching_codes
from palermo.review.models import DocumentKind, DocumentState, StepDocument

NOT_STARTED = "not_started"
STATUSES = [(NOT_STARTED, _("not started")), *DocumentState.choices]


class ReviewFilterForm(forms.Form):
    q = forms.CharField(label=_("State"), required=False, max_length=100)
    cycle = forms.TypedChoiceField(label=_("Cycle"), required=False, coerce=int, empty_value=None)
    instrument = forms.ChoiceField(label=_("Instrument"), required=False)
    phase = forms.TypedChoiceField(
        label=_("Phase"), required=False, coerce=int, choices=[(n, n) for n in range(1, 5)], initial=1
    )
    status = forms.ChoiceField(
        label=_("Self-assessment"), required=False, choices=[("", _("any status")), *STATUSES]
    )

    def __init__(self, data, *, cycles: list[int], instruments: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["cycle"].choices = [("", _("every cycle")), *((n, n) for n in cycles)]
        self.fields["instrument"].choices = [("", _("every instrument")), *instruments]
        self.fields["phase"].choices = [(n, _("phase %(number)s") % {"number": n}) for n in range(1, 5)]


def state_matches(text: str) -> Q:
    """Reviews whose State under review is named `text` (a part of its name in any language or of an alias,
    or its code), whatever the accents, case and apostrophes: "cote d'ivoire" finds Côte d’Ivoire."""
    return Q(state_under_review__in=matching_codes(text, Party.objects.all()))


def filtered(reviews: QuerySet, data: dict) -> QuerySet:
    """`reviews` narrowed by the form's cleaned data, each with `saq_state` (its self-assessment's state in
    the chosen phase, None when not started)."""
    phase = data.get("phase") or 1
    saq_state = StepDocument.objects.filter(
        review=OuterRef("pk"), phase=phase, kind=DocumentKind.SELF_ASSESSMENT
    ).values("state")[:1]
    reviews = reviews.annotate(saq_state=Subquery(saq_state))
    if data.get("q"):
        reviews = reviews.filter(state_matches(data["q"]))
    if data.get("cycle"):
        reviews = reviews.filter(cycle__number=data["cycle"])
    if data.get("instrument"):
        reviews = reviews.filter(instrument_id=data["instrument"])
    status = data.get("status")
    if status == NOT_STARTED:
        reviews = reviews.filter(saq_state=None)
    elif status:
        reviews = reviews.filter(saq_state=status)
    return reviews
