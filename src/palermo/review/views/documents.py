"""A step document's page: read, draft (with protection against lost updates), and move it through its
workflow. Invisible (404) to whoever may not read it."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.register.models import Party
from palermo.review.domain import feedback, questionnaire
from palermo.review.domain import steps as domain
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import (
    AssistanceKind,
    DocumentKind,
    DocumentState,
    ObservationCategory,
    Priority,
    Response,
    StepDocument,
)
from palermo.review.queries import citable_records
from palermo.review.views.responses import posted_number
from palermo.review.views.reviews import _review

MOVE_LABELS = {
    (DocumentState.DRAFT, DocumentState.AWAITING_CLEARANCE): gettext_lazy("Submit for clearance"),
    (DocumentState.AWAITING_CLEARANCE, DocumentState.CLEARED): gettext_lazy("Clear"),
    (DocumentState.AWAITING_CLEARANCE, DocumentState.DRAFT): gettext_lazy("Return to the drafters"),
    (DocumentState.CLEARED, DocumentState.DRAFT): gettext_lazy("Reopen for changes"),
}


# Moves that undo a step: they ask first (core.confirm), saying what follows.
UNDOING_MOVES = {
    (DocumentState.AWAITING_CLEARANCE, DocumentState.DRAFT): gettext_lazy(
        "The document goes back to its drafters as a draft, with your comment; they must submit it again."
    ),
    (DocumentState.CLEARED, DocumentState.DRAFT): gettext_lazy(
        "The cleared document becomes a draft again: the other delegations no longer receive changes until it is cleared again."
    ),
}


def _document(request, review, phase: int, kind: str, party: str) -> StepDocument:
    """The step's document. One not started yet is created by the first write (a POST) of someone who may
    draft it; a GET shows it unsaved and empty (`pk` None): opening a document never changes it."""
    if kind not in DocumentKind.values:
        raise Http404
    found = StepDocument.objects.filter(review=review, phase=phase, kind=kind, party_id=party).first()
    if found is None and domain.may_start(request.user, review, kind, party):
        try:
            if request.method == "POST":
                found = domain.document(review=review, phase=phase, kind=kind, party=party, user=request.user)
            else:
                found = domain.unsaved_document(review=review, phase=phase, kind=kind, party=party)
        except ReviewError:
            raise Http404 from None
    if found is None or not domain.can_read(request.user, found):
        raise Http404
    return found


def questionnaire_context(document: StepDocument, can_edit: bool) -> dict:
    sheets = questionnaire.sheets(document)
    return {
        "is_questionnaire": True,
        "sheets": sheets,
        "answered": sum(s.answered for s in sheets),
        "asked": sum(len(s.questions) for s in sheets),
        "citable": citable_records(document, [s.article for s in sheets]) if can_edit else {},
        "responses": Response.choices,
        "assistance_kinds": AssistanceKind.choices,
        "priorities": Priority.choices,
    }


TEXT_LABELS = {
    DocumentKind.SELF_ASSESSMENT: gettext_lazy("General remarks (optional)"),
    DocumentKind.FEEDBACK: gettext_lazy("General remarks"),
    DocumentKind.OBSERVATIONS: gettext_lazy("Introduction (optional)"),
    DocumentKind.SUMMARY: gettext_lazy("Text of the summary"),
}


def observations_context(document: StepDocument) -> dict:
    review = document.review
    return {
        "observations": document.observations.select_related("added_by") if document.pk else [],
        "categories": ObservationCategory.choices,
        "cluster_articles": review.cycle.article_numbers(document.phase, review.instrument_id),
    }


def summary_context(request, document: StepDocument) -> dict:
    translations = {t.language: t for t in document.translations.all()} if document.pk else {}
    return {
        "is_summary": True,
        "may_publish": request.user.has_perm("review.manage_cycle")
        and document.state == DocumentState.CLEARED,
        "languages": [(code, name, translations.get(code)) for code, name in settings.LANGUAGES],
    }


def document_page(request, pk: int, phase: int, kind: str, party: str):
    review = _review(request, pk)
    document = _document(request, review, phase, kind, party)
    if request.method == "POST":
        try:
            if "to_state" in request.POST:
                undoing = (document.state, request.POST["to_state"]) in UNDOING_MOVES
                if undoing and not confirmed(request):
                    return ask_to_confirm(
                        request,
                        question=UNDOING_MOVES[document.state, request.POST["to_state"]],
                        action=str(MOVE_LABELS[document.state, request.POST["to_state"]]),
                        back=request.path,
                    )
                document = domain.move(
                    document=document,
                    user=request.user,
                    to_state=request.POST["to_state"],
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, _("Done: %(state)s.") % {"state": document.get_state_display()})
            else:
                document = domain.save_text(
                    document=document,
                    user=request.user,
                    text=request.POST.get("text", ""),
                    expected_version=posted_number(request, "version", _("version")),
                )
                messages.success(request, _("Saved (version %(version)s).") % {"version": document.version})
            return redirect(request.path)
        except ReviewError as problem:
            document.text = request.POST.get("text", document.text)  # keep what was typed
            form = f"move-{request.POST['to_state']}" if "to_state" in request.POST else "text"
            field = "comment" if form != "text" else "text"
            return render_document(request, review, document, problem=FormProblem.of(problem, form, field))
    return render_document(request, review, document)


@dataclass(frozen=True)
class FormProblem:
    """Why a form of the page was refused, shown next to its field (`form`: which form of the page;
    `field`: the name of the field in it, by default `field` when the refusal names none)."""

    form: str
    field: str
    message: str

    @classmethod
    def of(cls, problem: ReviewError, form: str, field: str = "") -> "FormProblem":
        return cls(form, problem.field or field, str(problem))


def act_on_form(request, document: StepDocument, do, done: str, back: str, *, form: str, field: str = ""):
    """Run the domain action of one of the page's smaller forms: done, a message and back to `back`;
    refused, the page again with the problem beside its field (`field` when the refusal names none), the
    form open and what was typed kept."""
    try:
        do()
    except ReviewError as problem:
        return render_document(
            request,
            document.review,
            document,
            problem=FormProblem.of(problem, form, field),
            posted=request.POST,
        )
    messages.success(request, done)
    return redirect(back)


def render_document(
    request, review, document: StepDocument, *, problem: FormProblem | None = None, typed=None, posted=None
):
    """The document's page; after a refused form, with the problem beside its field and what was typed
    (`typed`: the article and its input, for a questionnaire article; `posted`: the refused form's fields)
    still in the form."""
    phase, party = document.phase, document.party_id
    cluster = review.cycle.clusters.filter(phase=phase).first()
    articles = review.cycle.article_numbers(phase, review.instrument_id)
    context = {
        "review": review,
        "document": document,
        "party": Party.objects.get(code=party),
        "cluster": cluster,
        "articles": articles,
        "can_edit": domain.can_edit(request.user, document),
        "moves": [
            (state, MOVE_LABELS[document.state, state], domain.MOVES[document.state, state][1])
            for state in domain.allowed_moves(request.user, document)
        ],
        "history": domain.visible_history(request.user, document) if document.pk else [],
    }
    if document.kind == DocumentKind.SELF_ASSESSMENT:
        context.update(questionnaire_context(document, context["can_edit"]))
        if typed is not None:
            questionnaire.show_typed(context["sheets"], *typed)
    elif document.kind == DocumentKind.FEEDBACK:
        context["feedback_sheets"] = feedback.sheets(document)
    elif document.kind == DocumentKind.OBSERVATIONS:
        context.update(observations_context(document))
    else:
        context.update(summary_context(request, document))
    context["text_label"] = TEXT_LABELS[document.kind]
    context["versions"] = {v.number for v in document.versions.all()} if document.pk else set()
    context["problem"] = problem
    context["posted"] = posted if problem is not None and posted is not None else {}
    return render(request, "review/document.html", context)
