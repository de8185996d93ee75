"""Writing to a review through the API, with the same rules as the web pages (the domain functions decide):
open a step's document, save an article's answers or comments, the text, technical-assistance needs,
observations, move a document in its workflow, post in the dialogue. Errors: 400 with the reason, 409
when someone saved the same article or text since the version sent; everything outside the caller's
reviews is 404."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from palermo.review.domain import feedback, outcomes, questionnaire, steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import StaleDocument
from palermo.review.models import DialogueMessage, DocumentKind


def refused(problem: ReviewError) -> Response:
    code = status.HTTP_409_CONFLICT if isinstance(problem, StaleDocument) else status.HTTP_400_BAD_REQUEST
    return Response({"detail": str(problem)}, status=code)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class DocumentWrites:
    """Actions of the documents endpoint (mixed into DocumentViewSet)."""

    def _saved(self, document):
        document.refresh_from_db()
        return Response(self.get_serializer(document).data)

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        description="Save one article: for a self-assessment `{version, answers: {question: {answer, "
        "explanation}}, challenges}`; for written feedback `{version, comments: {question or '': text}}`.",
    )
    @action(detail=True, methods=["post"], url_path=r"articles/(?P<article>[^/]+)")
    def article(self, request, pk=None, article=None):
        document, data = self.get_object(), request.data
        try:
            if document.kind == DocumentKind.SELF_ASSESSMENT:
                answers = data.get("answers") or {}
                if not isinstance(answers, dict) or not all(isinstance(a, dict) for a in answers.values()):
                    raise ReviewError(_("answers: give {question: {answer, explanation}}"))
                questionnaire.save_article(
                    document=document,
                    user=request.user,
                    article=article,
                    typed=questionnaire.ArticleInput(
                        responses={
                            str(key): (str(a.get("answer", "")), str(a.get("explanation", "")))
                            for key, a in answers.items()
                        },
                        challenges=str(data.get("challenges", "")),
                    ),
                    expected_version=_int(data.get("version")),
                )
            elif document.kind == DocumentKind.FEEDBACK:
                comments = data.get("comments") or {}
                if not isinstance(comments, dict):
                    raise ReviewError(_("comments: give {question: text}"))
                feedback.save_comments(
                    document=document,
                    user=request.user,
                    article=article,
                    comments={str(k): str(v) for k, v in comments.items()},
                    expected_version=_int(data.get("version")),
                )
            else:
                raise ReviewError(_("This kind of document has no articles."))
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(request=OpenApiTypes.OBJECT, description="Save the text: `{version, text}`.")
    @action(detail=True, methods=["post"])
    def text(self, request, pk=None):
        document = self.get_object()
        try:
            steps.save_text(
                document=document,
                user=request.user,
                text=str(request.data.get("text", "")),
                expected_version=_int(request.data.get("version")),
            )
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        description="Move in the workflow: `{to: awaiting_clearance|cleared|draft, comment}`.",
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        document = self.get_object()
        try:
            steps.move(
                document=document,
                user=request.user,
                to_state=str(request.data.get("to", "")),
                comment=str(request.data.get("comment", "")),
            )
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        description="Add a technical-assistance need: `{article, kind, priority, description}`.",
    )
    @action(detail=True, methods=["post"])
    def needs(self, request, pk=None):
        document = self.get_object()
        try:
            questionnaire.add_need(
                document=document,
                user=request.user,
                article=str(request.data.get("article", "")),
                kind=str(request.data.get("kind", "")),
                priority=str(request.data.get("priority", "")),
                description=str(request.data.get("description", "")),
            )
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(
        request=OpenApiTypes.OBJECT, description="Add an observation: `{category, article, text}`."
    )
    @action(detail=True, methods=["post"])
    def observations(self, request, pk=None):
        document = self.get_object()
        try:
            outcomes.add_observation(
                document=document,
                user=request.user,
                category=str(request.data.get("category", "")),
                article=str(request.data.get("article", "")),
                text=str(request.data.get("text", "")),
            )
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)


class ReviewWrites:
    """Actions of the reviews endpoint (mixed into ReviewViewSet)."""

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        description="Open a step's document (created empty the first time): `{phase, kind, party}`; "
        "returns its id.",
    )
    @action(detail=True, methods=["post"], url_path="documents")
    def open_document(self, request, pk=None):
        review = self.get_object()
        kind, party, phase = (
            str(request.data.get("kind", "")),
            str(request.data.get("party", "")),
            _int(request.data.get("phase")),
        )
        if kind not in DocumentKind.values or not steps.may_start(request.user, review, kind, party):
            return Response(
                {"detail": _("You may not open this document.")}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            document = steps.document(review=review, phase=phase, kind=kind, party=party, user=request.user)
        except ReviewError as problem:
            return refused(problem)
        return Response({"id": document.pk, "state": document.state, "version": document.version})

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        description="Post in the dialogue of a phase: `{phase, text, article, thread}` (thread: the id of "
        "the message that opened it, to reply).",
    )
    @action(detail=True, methods=["post"])
    def dialogue(self, request, pk=None):
        review = self.get_object()
        thread_id = request.data.get("thread")
        thread = (
            DialogueMessage.objects.filter(review=review, pk=_int(thread_id, -1)).first()
            if thread_id
            else None
        )
        if thread_id and thread is None:
            return Response(
                {"detail": _("No such thread in this review.")}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            message = feedback.post(
                review=review,
                phase=_int(request.data.get("phase")),
                user=request.user,
                text=str(request.data.get("text", "")),
                article=str(request.data.get("article", "")),
                thread=thread,
            )
        except ReviewError as problem:
            return refused(problem)
        return Response({"id": message.pk, "thread": message.thread_id}, status=status.HTTP_201_CREATED)
