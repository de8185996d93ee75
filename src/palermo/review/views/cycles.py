"""Pages of the Review Mechanism's set-up: cycles, their clusters, the drawing of lots and its documents."""

import json

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core.collation import sort_key
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.i18n import comma, listed
from palermo.core.pages import page_of
from palermo.core.permissions import perm_required_or_404, require_perm
from palermo.register.models import Instrument, Party, RegionalGroup
from palermo.register.names import matching_codes
from palermo.review.domain import cycles as domain
from palermo.review.domain.draw import DrawImpossible
from palermo.review.interfaces.forms import ClusterForm, CycleForm, DrawForm, RedrawForm
from palermo.review.queries import current_draw, cycles_visible_to, draws_visible_to


def cycle_list(request):
    """Cycles with a published draw (the secretariat sees and launches every cycle)."""
    can_manage = request.user.has_perm("review.manage_cycle")
    form = CycleForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require_perm(request.user, "review.manage_cycle")
        if form.is_valid():
            data = form.cleaned_data
            try:
                cycle = domain.launch_cycle(
                    user=request.user,
                    number=data["number"],
                    reference_date=data["reference_date"],
                    first_year=data["first_year"],
                    rules=form.rules(),
                )
            except domain.ReviewError as problem:
                form.add_error("number", str(problem))
            else:
                messages.success(request, _("Cycle %(number)s launched.") % {"number": cycle.number})
                return redirect("review:cycle", number=cycle.number)
    cycles = cycles_visible_to(request.user).prefetch_related("clusters")
    return render(
        request, "review/cycle_list.html", {"cycles": cycles, "form": form, "can_manage": can_manage}
    )


def _cycle(request, number: int):
    cycle = cycles_visible_to(request.user).filter(number=number).first()
    if cycle is None:
        raise Http404
    return cycle


def cycle_detail(request, number: int):
    cycle = _cycle(request, number)
    draw = current_draw(cycle, request.user)
    result = draw.result if draw else None
    names = _names(request)
    context = {
        "cycle": cycle,
        "clusters": cycle.clusters.all(),
        "instruments": {i.code: i.local_short_title for i in Instrument.objects.all()},
        "draw": draw,
        "groups": _group_rows(result, names, request.LANGUAGE_CODE) if result else [],
        **_review_page(request, _review_rows(result, names) if result else []),
        "names": names,
        "history": draws_visible_to(request.user).filter(cycle=cycle).order_by("created", "id"),
        "can_manage": request.user.has_perm("review.manage_cycle"),
        "draw_form": DrawForm(),
        "redraw_form": RedrawForm(),
    }
    return render(request, "review/cycle_detail.html", context)


def _names(request) -> dict[str, str]:
    """Names of the parties in the reader's language."""
    return {party.code: party.name_in(request.LANGUAGE_CODE) for party in Party.objects.all()}


def _group_rows(result: dict, names: dict[str, str], language: str) -> list[tuple[str, list[str]]]:
    """The draw's groups, each with the names of its States in the reader's language and alphabet."""
    return [
        (number, sorted((names.get(code, code) for code in codes), key=lambda name: sort_key(name, language)))
        for number, codes in result["groups"].items()
    ]


def _explained(problem: DrawImpossible, request) -> str:
    """Why the rules cannot be met, in the reader's language, States and regional groups by name."""
    language = request.LANGUAGE_CODE
    return problem.translated(
        _,
        _names(request),
        regions={value: str(label) for value, label in RegionalGroup.choices},
        instruments={i.code: i.local_short_title for i in Instrument.objects.all()},
        order=lambda name: sort_key(name, language),
        separator=comma(),
    )


def _review_rows(result: dict, names: dict[str, str]) -> list[dict]:
    """The draw's reviews by group, then by the name of the State under review in the reader's language,
    each with the names of its State, its instrument and its reviewing States."""
    instruments = {i.code: (i.position, i.local_short_title) for i in Instrument.objects.all()}
    rows = [
        {
            **review,
            "name": names.get(review["state_under_review"], review["state_under_review"]),
            "instrument_title": instruments.get(review["instrument"], (0, review["instrument"]))[1],
            "reviewers": [{**r, "name": names.get(r["state"], r["state"])} for r in review["reviewers"]],
        }
        for review in result["reviews"]
    ]
    return sorted(
        rows,
        key=lambda row: (row["group"], sort_key(row["name"]), instruments.get(row["instrument"], (0,))[0]),
    )


def _review_page(request, rows: list[dict]) -> dict:
    """The drawn reviews a reader asked for: a State (under review or reviewing, by name in any language or
    by code), a group, an instrument; 50 to a page. A draw holds some 600 reviews."""
    state = request.GET.get("state", "").strip()[:100]
    group = request.GET.get("group", "")
    instrument = request.GET.get("instrument", "")
    choices = {
        "groups": sorted({str(row["group"]) for row in rows}, key=int),
        "instruments": sorted({(row["instrument"], row["instrument_title"]) for row in rows}),
    }
    if state:
        codes = set(matching_codes(state, Party.objects.all()))
        rows = [
            row
            for row in rows
            if row["state_under_review"] in codes or any(r["state"] in codes for r in row["reviewers"])
        ]
    if group:
        rows = [row for row in rows if str(row["group"]) == group]
    if instrument:
        rows = [row for row in rows if row["instrument"] == instrument]
    return {
        "reviews": page_of(request, rows),
        "review_filters": {"state": state, "group": group, "instrument": instrument},
        "review_choices": choices,
        "filtered": bool(state or group or instrument),
    }


@perm_required_or_404("review.manage_cycle")
def cluster_edit(request, number: int, phase: int):
    cycle = _cycle(request, number)
    cluster = get_object_or_404(cycle.clusters, phase=phase)
    form = ClusterForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            domain.correct_cluster(
                cluster=cluster,
                user=request.user,
                articles=form.articles(),
                source=form.cleaned_data["source"],
            )
        except domain.ReviewError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("Cluster %(phase)s corrected.") % {"phase": phase})
            return redirect("review:cycle", number=number)
    return render(request, "review/cluster_form.html", {"cycle": cycle, "cluster": cluster, "form": form})


@require_POST
@perm_required_or_404("review.manage_cycle")
def draw_lots(request, number: int):
    cycle = _cycle(request, number)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            domain.draw_lots(cycle=cycle, user=request.user, seed=form.cleaned_data["seed"])
        except domain.ReviewError as problem:
            messages.error(request, _("No draw: %(problem)s") % {"problem": problem})
        except DrawImpossible as problem:
            messages.error(request, _("No draw: %(problem)s") % {"problem": _explained(problem, request)})
        else:
            messages.success(request, _("Lots drawn. Check the draw, then publish it."))
    else:
        messages.error(request, _("No draw: the seed must be a whole number."))
    return redirect("review:cycle", number=number)


@require_POST
@perm_required_or_404("review.manage_cycle")
def redraw(request, number: int):
    cycle = _cycle(request, number)
    form = RedrawForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            domain.redraw_reviewer(
                cycle=cycle,
                user=request.user,
                state_under_review=data["state_under_review"].code,
                reviewer=data["reviewer"].code,
                reason=data["reason"],
                seed=data["seed"],
            )
        except domain.ReviewError as problem:
            messages.error(request, _("No redraw: %(problem)s") % {"problem": problem})
        except DrawImpossible as problem:
            messages.error(request, _("No redraw: %(problem)s") % {"problem": _explained(problem, request)})
        else:
            messages.success(request, _("Reviewer redrawn. Publish the redraw to make it public."))
    else:
        messages.error(request, _("No redraw: give the State under review, the reviewer and the reason."))
    return redirect("review:cycle", number=number)


@require_POST
@perm_required_or_404("review.manage_cycle")
def publish(request, number: int, draw_id: int):
    draw = get_object_or_404(draws_visible_to(request.user), cycle__number=number, pk=draw_id)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_(
                "The draw, its seed and the participation it read will be public; this cannot be undone."
            ),
            action=_("Publish the draw"),
            back=reverse("review:draw", args=[number, draw_id]),
        )
    domain.publish_draw(draw=draw, user=request.user)
    messages.success(request, _("The draw is published."))
    return redirect("review:draw", number=number, draw_id=draw_id)


def draw_detail(request, number: int, draw_id: int):
    draw = get_object_or_404(draws_visible_to(request.user), cycle__number=number, pk=draw_id)
    names = _names(request)
    context = {
        "cycle": draw.cycle,
        "draw": draw,
        "groups": _group_rows(draw.result, names, request.LANGUAGE_CODE),
        **_review_page(request, _review_rows(draw.result, names)),
        "rules": rule_rows(draw.rules),
        "rules_json": json.dumps(draw.rules, indent=1),
        "can_manage": request.user.has_perm("review.manage_cycle"),
    }
    return render(request, "review/draw_detail.html", context)


RULE_LABELS = {"instruments": gettext_lazy("Instruments")}  # the rules the launch form does not set


def rule_rows(rules: dict) -> list[tuple[str, str]]:
    """A draw's rules as (label, value) in the reader's language, labelled as the form that sets them."""
    fields = CycleForm().fields
    instruments = {i.code: i.local_short_title for i in Instrument.objects.all()}
    rows = []
    for name, value in rules.items():
        field = fields.get(name)
        if isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif isinstance(value, list):
            shown = listed(instruments.get(item, item) for item in value)
        elif isinstance(field, forms.ChoiceField):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        rows.append((str(field.label if field else RULE_LABELS.get(name, name)), shown))
    return rows


def draw_download(request, number: int, draw_id: int, part: str):
    """The draw's result (what `palermo draw-lots --json` writes) or the participation it read."""
    draw = get_object_or_404(draws_visible_to(request.user), cycle__number=number, pk=draw_id)
    content = draw.result if part == "result" else draw.participation
    response = HttpResponse(
        json.dumps(content, ensure_ascii=False, indent=1), content_type="application/json"
    )
    name = f"review-cycle-{number}-draw-{draw_id}-{part}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
