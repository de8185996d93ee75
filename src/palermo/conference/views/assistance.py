"""Technical assistance in the browser: the public dashboard and map of needs met and not yet met (the
needs a State agreed to publish; its own State's too for its people; all for the secretariat) and the
activities; a focal point records its State's needs, the secretariat any need and the activities."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.rules import is_secretariat
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference.domain import assistance
from palermo.conference.domain.records import RecordError
from palermo.conference.interfaces.assistance_forms import ActivityForm, NeedForm
from palermo.conference.interfaces.forms import own_party, show_problems
from palermo.conference.models import AssistanceActivity, AssistanceNeed
from palermo.core.collation import collated
from palermo.core.i18n import colon
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


def need_new(request):
    secretariat = is_secretariat(request.user)
    party = own_party(request.user) if request.user.is_authenticated else None
    if not secretariat and (party is None or not assistance.is_focal_point_for(request.user, party)):
        raise Http404
    form = NeedForm(request.POST or None, secretariat=secretariat, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assistance.record_need(
                user=request.user,
                party=data["party"] if secretariat else party,
                source=data.get("source", "direct"),
                description=data["description"],
                language=data["language"],
                articles=list(data["articles"]),
                crime_types=list(data["crime_types"]),
                publish=data["publish"],
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The need is recorded."))
            return redirect(reverse("conference:assistance") + "#needs")
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/need_form.html", {"form": form}, status=status)


def activity_new(request):
    if not is_secretariat(request.user):
        raise Http404
    form = ActivityForm(request.POST or None)
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
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect(reverse("conference:assistance") + "#activities")
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/activity_form.html", {"form": form}, status=status)


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
