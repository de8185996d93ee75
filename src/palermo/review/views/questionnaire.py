"""The self-assessment questionnaire's actions: save one article's answers (the page autosaves through
this, and it works as a plain form without JavaScript), cite records or PDFs, name technical-assistance
needs, download cited PDFs. Everything is 404 to whoever may not read the self-assessment."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.audit import log_action
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.numbers import number_or_none
from palermo.core.uploads import accepts_file, attachment_bytes
from palermo.review.domain import questionnaire as domain
from palermo.review.domain import steps as domain_steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.interfaces import saq_docx, saq_pdf
from palermo.review.models import AssistanceNeed, Citation, DocumentKind, StepDocument
from palermo.review.views.documents import FormProblem, _document, act_on_form, render_document
from palermo.review.views.responses import act, posted_number, save
from palermo.review.views.reviews import _review

SAQ = DocumentKind.SELF_ASSESSMENT


def self_assessment(request, pk: int, phase: int, party: str) -> StepDocument:
    return _document(request, _review(request, pk), phase, SAQ, party)


def page_of(document: StepDocument, article: str = "") -> str:
    url = reverse("review:document", args=[document.review_id, document.phase, SAQ, document.party_id])
    return f"{url}#article-{article}" if article else url


def typed_answers(post, sheet: domain.ArticleSheet) -> domain.ArticleInput:
    return domain.ArticleInput(
        responses={
            q.key: (post.get(f"response_{q.key}", "").strip(), post.get(f"explanation_{q.key}", "").strip())
            for q in sheet.questions
            if f"response_{q.key}" in post or f"explanation_{q.key}" in post
        },
        challenges=post.get("challenges", "").strip(),
    )


def _sheet(document: StepDocument, article: str) -> domain.ArticleSheet:
    found = next((s for s in domain.sheets(document) if s.article.number == article), None)
    if found is None:
        raise Http404
    return found


@require_POST
def save_article(request, pk: int, phase: int, party: str, article: str):
    """Save one article's answers. Asked by the page's autosave (`Accept: application/json`): JSON with the
    new version and progress, or 409 with the reason (nothing typed is lost: it stays in the page)."""
    document = self_assessment(request, pk, phase, party)
    sheet = _sheet(document, article)
    typed = typed_answers(request.POST, sheet)

    def refused(problem: ReviewError):
        version = number_or_none(request.POST.get("version"))
        return render_document(
            request,
            document.review,
            document,
            problem=FormProblem.of(problem, f"article-{article}"),
            typed=(article, typed, sheet.version if version is None else version),
        )

    def progress() -> dict:
        saved = _sheet(document, article)
        text = _("%(answered)s of %(asked)s answered") % {
            "answered": saved.answered,
            "asked": len(saved.questions),
        }
        answered, asked = domain.progress(document)
        total = _("%(answered)s of %(asked)s questions answered") % {"answered": answered, "asked": asked}
        return {"progress": text, "total": total, "answered": answered, "asked": asked}

    return save(
        request,
        lambda: domain.save_article(
            document=document,
            user=request.user,
            article=article,
            typed=typed,
            expected_version=posted_number(request, "version", _("version")),
        ),
        page_of(document, article),
        progress,
        refused,
    )


@require_POST
def add_need(request, pk: int, phase: int, party: str, article: str):
    document = self_assessment(request, pk, phase, party)
    return act_on_form(
        request,
        document,
        lambda: domain.add_need(
            document=document,
            user=request.user,
            article=article,
            kind=request.POST.get("kind", ""),
            priority=request.POST.get("priority", ""),
            description=request.POST.get("description", ""),
        ),
        _("Technical-assistance need added."),
        page_of(document, article),
        form=f"need-{article}",
    )


@accepts_file(attachment_bytes)
@require_POST
def add_citation(request, pk: int, phase: int, party: str, article: str):
    document = self_assessment(request, pk, phase, party)
    upload = request.FILES.get("file")
    # a typed number wins over the list; with neither, the problem is shown beside the number's field
    typed_number = request.POST.get("record_number", "").strip()
    name = "record" if request.POST.get("record", "").strip() and not typed_number else "record_number"
    record = request.POST.get(name, "").strip()

    def cite():
        if upload is None and not record:
            raise ReviewError(_("Choose a knowledge-base record, give its number, or upload a PDF."))
        return domain.add_citation(
            document=document,
            user=request.user,
            article=article,
            record_id=None if upload else posted_number(request, name, _("record number"), default=None),
            upload=upload,
            title=request.POST.get("title", ""),
        )

    return act_on_form(
        request,
        document,
        cite,
        _("Citation added."),
        page_of(document, article),
        form=f"citation-{article}",
        field=name,
    )


ITEMS = {"citations": Citation, "needs": AssistanceNeed}


@require_POST
def remove_item(request, pk: int, phase: int, party: str, what: str, item_id: int):
    document = self_assessment(request, pk, phase, party)
    if what not in ITEMS:
        raise Http404
    item = get_object_or_404(ITEMS[what], pk=item_id, article_answer__document=document)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The citation will be removed from this article.")
            if what == "citations"
            else _("The technical-assistance need will be removed from this article."),
            action=_("Remove"),
            back=page_of(document, item.article_answer.article),
        )
    return act(
        request,
        lambda: domain.remove(document=document, user=request.user, item=item),
        _("Removed."),
        page_of(document, item.article_answer.article),
    )


def cited_file(request, pk: int, phase: int, party: str, citation_id: int):
    """A PDF uploaded as a citation, to whoever may read the self-assessment; always a download."""
    document = self_assessment(request, pk, phase, party)
    citation = get_object_or_404(Citation, pk=citation_id, article_answer__document=document)
    if not citation.file:
        raise Http404
    return FileResponse(
        citation.file.open("rb"),
        as_attachment=True,
        filename=citation.original_name or "citation.pdf",
        content_type="application/pdf",
    )


FORMATS = {
    "docx": (saq_docx.export, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (saq_pdf.export, "application/pdf"),
}


def export(request, pk: int, phase: int, party: str, file_format: str):
    """The questionnaire and its answers as DOCX (to fill in offline and import) or PDF, in the page's
    language; to whoever may read the self-assessment, and audited (it leaves the platform)."""
    document = self_assessment(request, pk, phase, party)
    if file_format not in FORMATS:
        raise Http404
    review = document.review
    title = _("Self-assessment of %(state)s, %(instrument)s, phase %(phase)s") % {
        "state": review.state_under_review.name_in(request.LANGUAGE_CODE),
        "instrument": review.instrument.local_short_title,
        "phase": phase,
    }
    write, content_type = FORMATS[file_format]
    try:
        data = write(document, title)
    except saq_pdf.FontsMissing:
        messages.error(
            request,
            _(
                "The PDF cannot be made on this server: it lacks the fonts (%(packages)s). Download the DOCX instead."
            )
            % {"packages": "fonts-dejavu-core, fonts-wqy-microhei"},
        )
        return redirect(page_of(document))
    log_action("review.saq.exported", actor=request.user, obj=document, data={"format": file_format})
    response = HttpResponse(data, content_type=content_type)
    name = f"self-assessment-{review.state_under_review_id}-{review.instrument_id}-phase{phase}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@accepts_file(saq_docx.MAX_BYTES)
@require_POST
def import_filled(request, pk: int, phase: int, party: str):
    """Import a filled DOCX export: every problem is listed and nothing is saved unless all is valid."""
    document = self_assessment(request, pk, phase, party)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ReviewError(_("Choose the filled DOCX file."))
        if not domain_steps.can_edit(request.user, document):
            raise ReviewError(_("This document is not a draft you may change."))
        changed = saq_docx.apply(document, request.user, saq_docx.read(document, upload))
    except saq_docx.ImportRefused as refused:
        messages.error(request, _("Nothing was imported. Problems in the file:"))
        for problem in refused.problems:
            messages.error(request, problem)
        return redirect(page_of(document))
    except ReviewError as problem:
        messages.error(request, str(problem))
        return redirect(page_of(document))
    if changed:
        messages.success(
            request, _("Imported: articles %(articles)s changed.") % {"articles": ", ".join(changed)}
        )
    else:
        messages.info(request, _("The file changes nothing."))
    return redirect(page_of(document))
