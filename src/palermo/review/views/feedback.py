"""Feedback per question and per article (saved like the questionnaire, with autosave), the versions of a
document with what changed between them, and the dialogue of a phase. All 404 outside the review."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.numbers import number_or_none
from palermo.core.versions import compare
from palermo.review.domain import feedback as domain
from palermo.review.domain import steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import DialogueMessage, DocumentKind
from palermo.review.views.documents import FormProblem, _document
from palermo.review.views.responses import posted_number, save
from palermo.review.views.reviews import _review


def _page(document, article: str = "") -> str:
    url = reverse(
        "review:document", args=[document.review_id, document.phase, document.kind, document.party_id]
    )
    return f"{url}#article-{article}" if article else url


@require_POST
def save_comments(request, pk: int, phase: int, party: str, article: str):
    """Save one article's comments (question by question, and on the article); JSON for the autosave."""
    document = _document(request, _review(request, pk), phase, DocumentKind.FEEDBACK, party)
    keys = [key.removeprefix("comment_") for key in request.POST if key.startswith("comment_")]
    return save(
        request,
        lambda: domain.save_comments(
            document=document,
            user=request.user,
            article=article,
            comments={"" if key == "article" else key: request.POST[f"comment_{key}"] for key in keys},
            expected_version=posted_number(request, "version", _("version")),
        ),
        _page(document, article),
    )


def version(request, pk: int, phase: int, kind: str, party: str, number: int):
    """One version of a document and what changed since the version before it (or `?against=N`)."""
    document = _document(request, _review(request, pk), phase, kind, party)
    visible = {number for number, _move in steps.visible_history(request.user, document)}
    versions = {v.number: v for v in document.versions.select_related("created_by") if v.number in visible}
    shown, against, changes = compare(versions, number, request.GET.get("against"), lambda v: v.content)
    context = {
        "review": document.review,
        "document": document,
        "shown": shown,
        "against": against,
        "versions": sorted(versions.values(), key=lambda v: v.number),
        "changes": changes,
    }
    return render(request, "review/version.html", context)


def dialogue(request, pk: int, phase: int):
    """The questions and answers of a phase between the reviewing States and the State under review."""
    review = _review(request, pk)
    if not 1 <= phase <= 4:
        raise Http404
    problem = None
    if request.method == "POST":
        try:
            thread = None
            if request.POST.get("thread"):
                thread_id = posted_number(request, "thread", _("thread"), default=None)
                thread = get_object_or_404(DialogueMessage, pk=thread_id, review=review, phase=phase)
            message = domain.post(
                review=review,
                phase=phase,
                user=request.user,
                text=request.POST.get("text", ""),
                article=request.POST.get("article", ""),
                thread=thread,
            )
            messages.success(request, _("Message posted."))
            return redirect(f"{request.path}#message-{message.pk}")
        except ReviewError as refused:
            form = f"reply-{thread.pk}" if thread is not None else "ask"
            problem = FormProblem.of(refused, form, "text")
    context = {
        "review": review,
        "phase": phase,
        "threads": domain.threads(review, phase),
        "writer": domain.may_write(request.user, review),
        "articles": review.cycle.article_numbers(phase, review.instrument_id),
        "typed": request.POST.get("text", "") if request.method == "POST" else "",
        "typed_thread": (number_or_none(request.POST.get("thread")) or 0) if request.method == "POST" else 0,
        "typed_article": request.POST.get("article", "") if request.method == "POST" else "",
        "problem": problem,
    }
    return render(request, "review/dialogue.html", context)
