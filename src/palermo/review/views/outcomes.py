"""The list of observations (inside the review; to the working groups once cleared) and the summary
(published by the secretariat): their actions, and the public pages of published summaries."""

import io

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core import csvsafe
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.pages import page_of
from palermo.core.permissions import perm_required_or_404
from palermo.core.uploads import accepts_file, attachment_bytes
from palermo.review.domain import outcomes as domain
from palermo.review.models import DocumentKind, Observation, ReviewCycle
from palermo.review.views.documents import _document, act_on_form
from palermo.review.views.responses import act
from palermo.review.views.reviews import _review


def _page(document) -> str:
    return reverse(
        "review:document", args=[document.review_id, document.phase, document.kind, document.party_id]
    )


@require_POST
def add_observation(request, pk: int, phase: int, party: str):
    document = _document(request, _review(request, pk), phase, DocumentKind.OBSERVATIONS, party)
    return act_on_form(
        request,
        document,
        lambda: domain.add_observation(
            document=document,
            user=request.user,
            category=request.POST.get("category", ""),
            article=request.POST.get("article", ""),
            text=request.POST.get("text", ""),
        ),
        _("Observation added."),
        _page(document) + "#observations",
        form="observation",
    )


@require_POST
def remove_observation(request, pk: int, phase: int, party: str, observation_id: int):
    document = _document(request, _review(request, pk), phase, DocumentKind.OBSERVATIONS, party)
    observation = get_object_or_404(Observation, pk=observation_id, document=document)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The observation will be removed from the list."),
            action=_("Remove"),
            back=_page(document) + "#observations",
        )
    return act(
        request,
        lambda: domain.remove_observation(document=document, user=request.user, observation=observation),
        _("Removed."),
        _page(document) + "#observations",
    )


@accepts_file(attachment_bytes)
@require_POST
def summary_translation(request, pk: int, phase: int, party: str):
    document = _document(request, _review(request, pk), phase, DocumentKind.SUMMARY, party)
    return act_on_form(
        request,
        document,
        lambda: domain.set_translation(
            document=document,
            user=request.user,
            language=request.POST.get("language", ""),
            text=request.POST.get("text", ""),
            upload=request.FILES.get("file"),
        ),
        _("Translation saved."),
        _page(document) + "#publication",
        form="translation",
    )


@require_POST
def publish_summary(request, pk: int, phase: int, party: str):
    document = _document(request, _review(request, pk), phase, DocumentKind.SUMMARY, party)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The summary will be public, in every language uploaded, and cannot be reopened."),
            action=_("Publish the summary"),
            back=_page(document) + "#publication",
        )
    return act(
        request,
        lambda: domain.publish_summary(document=document, user=request.user),
        _("The summary is public."),
        _page(document) + "#publication",
    )


@perm_required_or_404("review.manage_cycle")
def observations_csv(request, number: int):
    """Every observation of the cycle's cleared lists, for the Conference's working groups."""
    cycle = get_object_or_404(ReviewCycle, number=number)
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\n")
    writer.writerow(
        ["cycle", "state_under_review", "instrument", "phase", "category", "article", "observation"]
    )
    for item in domain.observations_for_working_groups(cycle):
        review = item.document.review
        writer.writerow(
            [
                cycle.number,
                review.state_under_review_id,
                review.instrument_id,
                item.document.phase,
                item.category,
                item.article,
                item.text,
            ]
        )
    return csvsafe.download(out.getvalue(), f"review-cycle-{cycle.number}-observations.csv")


def summary_list(request):
    """Public: the published summaries of reviews."""
    return render(
        request, "review/summary_list.html", {"page": page_of(request, domain.published_summaries())}
    )


def summary_detail(request, document_id: int):
    """Public: one published summary, in the reader's language when it has been uploaded in it."""
    document = get_object_or_404(domain.published_summaries(), pk=document_id)
    translations = {t.language: t for t in document.translations.all()}
    wanted = request.GET.get("in") or get_language()
    shown = translations.get(wanted) or next(iter(translations.values()))
    return render(
        request,
        "review/summary_detail.html",
        {"document": document, "review": document.review, "shown": shown, "translations": translations},
    )


def summary_file(request, document_id: int, language: str):
    document = get_object_or_404(domain.published_summaries(), pk=document_id)
    translation = document.translations.filter(language=language).first()
    if translation is None or not translation.file:
        raise Http404
    review = document.review
    return FileResponse(
        translation.file.open("rb"),
        as_attachment=True,
        filename=f"summary-{review.state_under_review_id}-{review.instrument_id}-phase{document.phase}-{language}.pdf",
        content_type="application/pdf",
    )
