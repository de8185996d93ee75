"""The request writer: one page per step of `completeness.STEPS`, each a plain form over part of the
draft's content, saved whole with the version it was opened at. A save refused because someone saved since
shows who did and keeps everything typed on the page; moving on while the step lacks required items shows
them, named with their articles, with a way to go on anyway."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.cooperation.domain import completeness
from palermo.cooperation.domain import requests as domain
from palermo.cooperation.interfaces import request_forms
from palermo.cooperation.interfaces.request_forms import Field
from palermo.cooperation.models import Request, RequestAttachment, RequestState
from palermo.cooperation.views.requests import (
    LETTER_LANGUAGES,
    consolidated,
    identity,
    legal_basis_of,
    letter_languages,
    request_of,
    steps_with_counts,
)
from palermo.core.collation import collated
from palermo.core.numbers import number_or_none
from palermo.knowledge.models import Record, Term
from palermo.register.models import Party

STEP_KEYS = [key for key, _label in completeness.STEPS]


def step_url(req: Request, step: str) -> str:
    return reverse("cooperation:request_step", args=[req.pk, step])


def editable_draft(request, pk: int) -> Request:
    """A draft of the user's authority they may edit; 404 for anything else they may not see."""
    req = request_of(request, pk)
    if domain.side_of(request.user, req) != "requesting" or not request.user.has_perm(
        "cooperation.edit_request", req
    ):
        raise Http404
    return req


def choices_for(f: Field, lists: dict) -> list:
    return list(f.choices) if f.choices else lists.get(f.name, [])


def shown_field(f: Field, source: dict, prefix: str, errors: dict, lists: dict) -> dict:
    name = f"{prefix}{f.name}"
    return {
        "name": name,
        "id": "id_" + name.replace(".", "_"),
        "label": f.label,
        "kind": f.kind,
        "help": f.help,
        "choices": choices_for(f, lists),
        "value": request_forms.shown_value(f, request_forms.get(source, f.name)),
        "error": errors.get(name, ""),
    }


def shown_rows(rows: request_forms.Rows, content: dict, errors: dict, lists: dict) -> dict:
    items = [item for item in content.get(rows.key) or [] if isinstance(item, dict)]
    shown = []
    for index, item in enumerate([*items, {}]):
        fields = rows.fields
        if rows.key == "assistance":
            fields = fields + request_forms.PARTICULARS.get(item.get("form", ""), ())
        prefix = f"{rows.key}-{index}-"
        shown.append(
            {
                "index": index,
                "number": index + 1,
                "legend": rows.add_label if index == len(items) else rows.item(index + 1),
                "new": index == len(items),
                "remove": f"{prefix}remove",
                "fields": [shown_field(f, item, prefix, errors, lists) for f in fields],
                "item": item,
            }
        )
    return {
        "key": rows.key,
        "title": rows.title,
        "add_label": rows.add_label,
        "count": len(shown),
        "rows": shown,
    }


def crime_types() -> list[tuple[str, str]]:
    terms = Term.objects.current().filter(vocabulary="crime_type").select_related("parent")
    return [(t.slug, f"— {t.label}" if t.parent_id else t.label) for t in terms]


def states() -> list[tuple[str, str]]:
    """States, not the regional organisations of the register (a person's nationality, a flag State)."""
    found = Party.objects.filter(kind__in=[Party.Kind.STATE, Party.Kind.OBSERVER_STATE])
    return collated([(p.code, p.local_name) for p in found], key=lambda pair: pair[1])


def legislation_for(req: Request, offences: list) -> dict[str, list]:
    """The requested State's published legislation tagged with each offence's crime type (for dual
    criminality), by crime type."""
    slugs = {o.get("crime_type") for o in offences if isinstance(o, dict) and o.get("crime_type")}
    found: dict[str, list] = {slug: [] for slug in slugs}
    if not slugs:
        return found
    records = (
        Record.objects.published()
        .filter(
            kind="legislation", jurisdiction_id=req.requested_authority.party_id, crime_types__slug__in=slugs
        )
        .prefetch_related("crime_types")
        .distinct()
    )
    for record in records:
        for term in record.crime_types.all():
            if term.slug in found:
                found[term.slug].append(record)
    return found


def step_context(request, req: Request, step: str, content: dict, errors: dict) -> dict:
    kind = req.kind
    shown = request_forms.layout(step, kind)
    lists = {}
    if step == "offences":
        lists["crime_type"] = crime_types()
    if step == "persons":
        lists["nationality"] = states()
    if step == "facts":
        lists["flag_state_claimed"] = states()
    check = domain.check_of(req)
    index = STEP_KEYS.index(step)
    context = {
        "req": req,
        "step": step,
        "step_label": dict(completeness.STEPS)[step],
        "steps": steps_with_counts(check),
        "missing": check.for_step(step),
        "fields": [shown_field(f, content, "", errors, lists) for f in shown.fields],
        "groups": [
            {
                "title": g.title,
                "fields": [
                    shown_field(f, content.get(g.key) or {}, f"{g.key}-", errors, lists) for f in g.fields
                ],
            }
            for g in shown.groups
        ],
        "rows": [shown_rows(r, content, errors, lists) for r in shown.rows],
        "previous": STEP_KEYS[index - 1] if index else None,
        "next": STEP_KEYS[index + 1] if index + 1 < len(STEP_KEYS) else None,
        "version": req.version,
        "errors": errors,
        "letter_languages": letter_languages(),
    }
    if step == "offences":
        offences = [o for o in content.get("offences") or [] if isinstance(o, dict)]
        context["legislation"] = legislation_for(req, offences)
        context["crime_type_names"] = dict(lists["crime_type"])
        context["basis"] = legal_basis_of(req)
    if step == "annexes":
        context["annex_files"] = RequestAttachment.objects.filter(request=req, is_annex=True)
    return context


def render_step(request, req: Request, step: str, *, content=None, errors=None, status=200, **extra):
    context = step_context(
        request, req, step, req.content or {} if content is None else content, errors or {}
    )
    context.update(extra)
    return render(request, "cooperation/request_writer.html", context, status=status)


@require_http_methods(["GET", "POST"])
def request_step(request, pk: int, step: str):
    """One step of the writer: GET shows it, POST saves it (the whole step, with its version)."""
    req = editable_draft(request, pk)
    if step not in STEP_KEYS:
        raise Http404
    if req.state != RequestState.DRAFT:
        messages.info(request, _("Only a draft can be changed; this request is no longer one."))
        return redirect("cooperation:request", pk=req.pk)
    if request.method == "GET":
        moving = request.GET.get("moving") == "1"
        missing = domain.check_of(req).for_step(step) if moving else []
        return render_step(request, req, step, warn_missing=missing)
    typed = request_forms.read_step(request.POST, step, req.kind)
    content = request_forms.merged(req.content or {}, step, req.kind, typed.part)
    content.update(identity(req.kind, req.requesting_authority, req.requested_authority))
    title = language = None
    if step == "authorities":
        title = request.POST.get("title", "").strip()[:300]
        language = request.POST.get("language", "")
        if language and language not in LETTER_LANGUAGES:
            typed.errors["language"] = _("Choose one of the languages listed.")
        req.title, req.language = title, language  # shown again if the save is refused
    posted_version = number_or_none(request.POST.get("version"))
    if posted_version is None:
        typed.errors["version"] = _("The page lacks the version it was opened at; reload it.")
    if typed.errors:
        return render_step(
            request,
            req,
            step,
            content=content,
            errors=typed.errors,
            status=400,
            problem=_("Nothing was saved: correct the fields marked below."),
            version=posted_version or req.version,
        )
    try:
        saved = domain.save_draft(
            req=req,
            actor=request.user,
            content=content,
            expected_version=int(posted_version),
            title=title,
            language=language,
            request=request,
        )
    except domain.RequestError as refused:
        stale = isinstance(refused, domain.StaleRequest)
        fresh = request_of(request, pk)
        return render_step(
            request,
            fresh if not stale else req,
            step,
            content=content,
            status=409 if stale else 400,
            problem=str(refused),
            stale=stale,
            saved_sections=saved_step(fresh, step) if stale else None,
            version=int(posted_version),
        )
    messages.success(request, _("Saved."))
    go = request.POST.get("go", "")
    if go == "next":
        missing = domain.check_of(saved).for_step(step)
        index = STEP_KEYS.index(step)
        if missing:
            return redirect(step_url(saved, step) + "?moving=1")
        if index + 1 < len(STEP_KEYS):
            return redirect(step_url(saved, STEP_KEYS[index + 1]))
        return redirect("cooperation:request", pk=saved.pk)
    return redirect(step_url(saved, step) + ("#" + go if go.startswith("rows-") else ""))


def saved_step(req: Request, step: str) -> dict | None:
    """What is saved now in this step, to read beside what the user typed after a refused save."""
    return next((section for section in consolidated(req) if section["key"] == step), None)
