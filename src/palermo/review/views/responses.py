"""How the review's actions answer: a form action reports its outcome as a message and goes back to the
page; an article save answers the page's autosave (`Accept: application/json`) with JSON — the new
version, or the reason with 409 when someone saved since — and a plain form post like any other action."""

from collections.abc import Callable

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from palermo.core.numbers import InvalidNumber, whole_number
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import StaleDocument


def posted_number(request, name: str, label: str, default: int | None = 0) -> int:
    """A whole number posted by a form (a version, a record's number); a ReviewError naming the field when
    it is anything else, which the action reports like any refusal."""
    try:
        return whole_number(request.POST.get(name), field=label, default=default)
    except InvalidNumber as problem:
        raise ReviewError(str(problem)) from None


def act(request, do: Callable[[], object], done: str, back: str):
    """Run a domain action; report success or the reason it was refused; go back to `back`."""
    try:
        do()
        messages.success(request, done)
    except ReviewError as problem:
        messages.error(request, str(problem))
    return redirect(back)


def save(
    request,
    do: Callable,
    back: str,
    extra: Callable[[], dict] | None = None,
    refused: Callable[[ReviewError], object] | None = None,
):
    """Run an article save (`do` returns what was saved, with `version` and `updated`) and answer the
    autosave or the form. A refused save answers the autosave with the reason and the field it is about;
    the form gets `refused(problem)` (the page again, the problem beside its field, what was typed kept)."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        saved = do()
    except ReviewError as problem:
        if wants_json:
            status = 409 if isinstance(problem, StaleDocument) else 400
            return JsonResponse({"error": str(problem), "field": problem.field}, status=status)
        if refused is not None:
            return refused(problem)
        messages.error(request, str(problem))
        return redirect(back)
    text = _("Saved at %(time)s (version %(version)s).") % {
        "time": formats.time_format(timezone.localtime(saved.updated), "TIME_FORMAT"),
        "version": saved.version,
    }
    if wants_json:
        return JsonResponse({"version": saved.version, "status": text, **(extra() if extra else {})})
    messages.success(request, text)
    return redirect(back)
