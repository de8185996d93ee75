"""Offers of technical assistance in the browser: an offer's page with the needs it can meet (those the reader
may see), recording an offer (the secretariat: any provider's; a focal point: its own State's) and
withdrawing it; and the one-step hand-over of needs named in cleared self-assessments into the register."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.rules import is_secretariat
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference import assistance_matching as matching
from palermo.conference.domain import assistance, handover, offers
from palermo.conference.domain.records import RecordError
from palermo.conference.interfaces.assistance_forms import HandOverForm, OfferForm
from palermo.conference.interfaces.forms import own_party, show_problems
from palermo.conference.models import AssistanceOffer
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.numbers import number_or_none


def offer_detail(request, pk: int):
    offer = get_object_or_404(
        AssistanceOffer.objects.select_related("party").prefetch_related(
            "articles__instrument", "crime_types", "activities"
        ),
        pk=pk,
    )
    needs = dashboard.visible_needs(request.user).prefetch_related("articles__instrument", "crime_types")
    party = own_party(request.user) if request.user.is_authenticated else None
    return render(
        request,
        "conference/offer_detail.html",
        {
            "offer": offer,
            "open": matching.is_open(offer),
            "matches": matching.needs_for(offer, list(needs)),
            "secretariat": is_secretariat(request.user),
            "may_withdraw": request.user.is_authenticated
            and not offer.withdrawn
            and offers.may_offer_for(request.user, offer.party),
            "own_party": party,
        },
    )


def offer_new(request):
    secretariat = is_secretariat(request.user)
    party = own_party(request.user) if request.user.is_authenticated else None
    if not (request.user.is_authenticated and offers.may_offer_for(request.user, party)):
        raise Http404
    form = OfferForm(request.POST or None, secretariat=secretariat, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = offers.record_offer(
                user=request.user,
                provider_kind=data.get("provider_kind", ""),
                provider=data.get("provider", ""),
                party=data.get("party") if secretariat else party,
                kind=data["kind"],
                description=data["description"],
                language=data["language"],
                articles=list(data["articles"]),
                crime_types=list(data["crime_types"]),
                regions=data["regions"],
                until=data["until"],
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The offer is recorded."))
            return redirect("conference:offer", offer.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/offer_form.html", {"form": form}, status=status)


@require_POST
def offer_withdraw(request, pk: int):
    offer = get_object_or_404(AssistanceOffer.objects.select_related("party"), pk=pk)
    if not request.user.is_authenticated or not offers.may_offer_for(request.user, offer.party):
        raise Http404
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_(
                "The offer will be withdrawn: it is no longer matched to needs. It cannot be reopened; "
                "record a new offer instead."
            ),
            action=_("Withdraw the offer"),
            back=reverse("conference:offer", args=[offer.pk]),
        )
    offers.withdraw_offer(user=request.user, offer=offer)
    messages.success(request, _("The offer is withdrawn."))
    return redirect("conference:offer", offer.pk)


def _chosen(request) -> set[int]:
    return {pk for pk in map(number_or_none, request.POST.getlist("needs")) if pk is not None}


def needs_from_reviews(request):
    """GET: the needs of cleared self-assessments not yet in the register; POST: hand the chosen over."""
    party = own_party(request.user) if request.user.is_authenticated else None
    if not (is_secretariat(request.user) or (party and assistance.is_focal_point_for(request.user, party))):
        raise Http404  # only the secretariat and a State's focal point hand needs over
    waiting = handover.waiting(request.user)
    form = HandOverForm(request.POST or None, waiting=waiting)
    if request.method == "POST" and form.is_valid():
        try:
            added = handover.hand_over(user=request.user, needs=list(form.cleaned_data["needs"]))
        except (RecordError, PermissionDenied) as refused:
            problems = (
                refused.problems if isinstance(refused, RecordError) else [("needs", _("Not allowed."))]
            )
            show_problems(form, RecordError(problems))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s need added to the register, unpublished: each State decides whether to "
                    "publish its own.",
                    "%(count)s needs added to the register, unpublished: each State decides whether to "
                    "publish its own.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect(reverse("conference:assistance") + "#needs")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conference/needs_from_reviews.html",
        {"form": form, "waiting": list(waiting), "chosen": _chosen(request)},
        status=status,
    )
