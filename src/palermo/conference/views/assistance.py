"""Technical assistance in the browser: the public dashboard and map of needs met and not yet met (the
needs a State agreed to publish; its own State's too for its people; all for the secretariat) and the
activities; a focal point records its State's needs, the secretariat any need and the activities."""

from collections import Counter

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.rules import is_secretariat
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference import assistance_matching as matching
from palermo.conference.domain import assistance
from palermo.conference.domain import offers as offers_module
from palermo.conference.domain.records import RecordError
from palermo.conference.interfaces.assistance_forms import ActivityForm, NeedForm
from palermo.conference.interfaces.forms import own_party, show_problems
from palermo.conference.models import Answer, AssistanceActivity, AssistanceNeed, AssistanceOffer
from palermo.core.collation import collated
from palermo.core.i18n import colon
from palermo.core.numbers import number_or_none
from palermo.register import graphics
from palermo.register.models import Party
from palermo.register.models.parties import by_name


def assistance_page(request):
    needs = list(
        dashboard.visible_needs(request.user).prefetch_related("articles__instrument", "crime_types")
    )
    status = dashboard.state_status(needs)
    labels = {"unmet": _("Needs not yet met"), "met": _("Needs met"), "none": _("No need shown")}
    shapes, language, countries = graphics.country_shapes(), get_language(), []
    for party in by_name(Party.objects.all(), language):
        path = shapes.get(party.numeric) if party.numeric else None
        if path:
            state = status.get(party.code, "none")
            label = f"{party.name_in(language)}{colon()}{labels[state]}"
            countries.append(graphics.MapCountry(path, state, label, f"#needs-{party.code}"))
    party = own_party(request.user) if request.user.is_authenticated else None
    by_state: dict[str, list] = {}
    for need in needs:
        by_state.setdefault(need.party_id, []).append(need)
    states = collated(by_state.values(), key=lambda found: found[0].party.local_name)
    offers = [
        offer
        for offer in AssistanceOffer.objects.select_related("party").prefetch_related(
            "articles__instrument", "crime_types"
        )
        if matching.is_open(offer)
    ]
    matches = matching.offers_by_need(offers, needs)
    for need in needs:
        need.offers = [found.offer for found in matches.get(need.pk, [])]
    counts = Counter(found.offer.pk for found_for_need in matches.values() for found in found_for_need)
    for offer in offers:
        offer.needs_count = counts[offer.pk]
    return render(
        request,
        "conference/assistance.html",
        {
            "by_state": [(found[0].party, found) for found in states],
            "groups": dashboard.by_group(needs),
            "articles": dashboard.by_article(needs),
            "countries": countries,
            "map_view_box": graphics.map_view_box(),
            "labels": labels,
            "offers": offers,
            "may_offer": request.user.is_authenticated and offers_module.may_offer_for(request.user, party),
            "activities": AssistanceActivity.objects.prefetch_related("beneficiaries").order_by(
                "-starts", "-id"
            ),
            "may_record_need": is_secretariat(request.user)
            or (party is not None and assistance.is_focal_point_for(request.user, party)),
            "may_record_activity": is_secretariat(request.user),
            "secretariat": is_secretariat(request.user),
            "own_party": party,
        },
    )


def _answer(request) -> Answer | None:
    """The questionnaire answer a need is recorded from (?answer=N), of a submitted reply the user's State's
    (or any, for the secretariat); 404 otherwise."""
    given = request.POST.get("answer") or request.GET.get("answer")
    if not given:
        return None
    pk = number_or_none(given, minimum=1)
    if pk is None:
        raise Http404
    answer = get_object_or_404(
        Answer.objects.select_related("reply__party", "question__article", "reply__questionnaire"),
        pk=pk,
        reply__state="submitted",
    )
    if not assistance.may_record_need(request.user, answer.reply.party):
        raise Http404
    return answer


def need_new(request):
    secretariat = is_secretariat(request.user)
    party = own_party(request.user) if request.user.is_authenticated else None
    if not secretariat and (party is None or not assistance.is_focal_point_for(request.user, party)):
        raise Http404
    answer = _answer(request)
    initial = {"language": get_language()}
    if answer is not None:
        initial |= {
            "description": answer.text,
            "articles": [answer.question.article] if answer.question.article else [],
        }
    form = NeedForm(
        request.POST or None, secretariat=secretariat, from_answer=answer is not None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assistance.record_need(
                user=request.user,
                party=answer.reply.party if answer else data["party"] if secretariat else party,
                source=data.get("source", "direct"),
                kind=data["kind"],
                description=data["description"],
                language=data["language"],
                articles=list(data["articles"]),
                crime_types=list(data["crime_types"]),
                publish=data["publish"],
                answer=answer,
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The need is recorded."))
            return redirect(reverse("conference:assistance") + "#needs")
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/need_form.html", {"form": form, "answer": answer}, status=status)


def activity_new(request):
    if not is_secretariat(request.user):
        raise Http404
    form = ActivityForm(request.POST or None, initial=_from_offer(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assistance.record_activity(
                user=request.user,
                titles=form.titles(),
                provider=data["provider"],
                status=data["status"],
                starts=data["starts"],
                ends=data["ends"],
                beneficiaries=list(data["beneficiaries"]),
                articles=list(data["articles"]),
                crime_types=list(data["crime_types"]),
                outputs=data["outputs"],
                needs=list(data["needs"]),
                offer=data["offer"],
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect(reverse("conference:assistance") + "#activities")
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/activity_form.html", {"form": form}, status=status)


def _from_offer(request) -> dict:
    """The activity form's first values when it is opened from an offer's match (?offer=N&need=M)."""
    initial: dict = {"status": "planned"}
    offer_pk, need_pk = number_or_none(request.GET.get("offer")), number_or_none(request.GET.get("need"))
    offer = AssistanceOffer.objects.filter(pk=offer_pk).first() if offer_pk else None
    if offer is None:
        return initial
    initial |= {
        "offer": offer,
        "provider": offer.provider,
        "articles": list(offer.articles.all()),
        "crime_types": list(offer.crime_types.all()),
    }
    need = AssistanceNeed.objects.filter(pk=need_pk).select_related("party").first() if need_pk else None
    if need is not None:
        initial |= {"needs": [need], "beneficiaries": [need.party]}
    return initial


@require_POST
def need_publication(request, pk: int):
    need = get_object_or_404(AssistanceNeed.objects.select_related("party"), pk=pk)
    if not request.user.is_authenticated or not assistance.may_record_need(request.user, need.party):
        raise Http404
    publish = request.POST.get("publish") == "on"
    assistance.set_need_publication(user=request.user, need=need, publish=publish)
    messages.success(
        request, _("The need is published.") if publish else _("The need is no longer published.")
    )
    return redirect(reverse("conference:assistance") + f"#need-{need.pk}")
