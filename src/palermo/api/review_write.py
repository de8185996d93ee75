"""Writing to a review through the API, with the same rules as the web pages (the domain functions decide):
open a step's document, save an article's answers or comments, the text, technical-assistance needs,
observations, move a document in its workflow, post in the dialogue. Errors: 400 with the reason, 409
when someone saved the same article or text since the version sent; everything outside the caller's
reviews is 404."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from palermo.api.inputs import body
from palermo.core.numbers import MAX_INT
from palermo.review.domain import feedback, outcomes, questionnaire, steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import StaleDocument
from palermo.review.models import (
    AssistanceKind,
    DialogueMessage,
    DocumentKind,
    DocumentState,
    ObservationCategory,
    Priority,
)


def refused(problem: ReviewError) -> Response:
    code = status.HTTP_409_CONFLICT if isinstance(problem, StaleDocument) else status.HTTP_400_BAD_REQUEST
    return Response({"detail": str(problem)}, status=code)


def _text(**options) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, default="", trim_whitespace=False, **options)


def _version() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0, max_value=MAX_INT, default=0, help_text="The version the caller read (0 if new)"
    )


class AnswerBody(serializers.Serializer):
    answer = _text(max_length=10, help_text="yes, no, partly, or empty")
    explanation = _text()


class ArticleBody(serializers.Serializer):
    """A self-assessment's article (version, answers, challenges) or written feedback's (version,
    comments)."""

    version = _version()
    answers = serializers.DictField(
        child=AnswerBody(), default=dict, help_text="Self-assessment: {question: {answer, explanation}}"
    )
    challenges = _text(help_text="Self-assessment")
    comments = serializers.DictField(
        child=_text(), default=dict, help_text="Feedback: {question or '': text}"
    )


class TextBody(serializers.Serializer):
    version = _version()
    text = _text()


class MoveBody(serializers.Serializer):
    to = serializers.ChoiceField(choices=DocumentState.choices)
    comment = _text()


class NeedBody(serializers.Serializer):
    article = serializers.CharField(max_length=10)
    kind = serializers.ChoiceField(choices=AssistanceKind.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    description = _text()


class ObservationBody(serializers.Serializer):
    category = serializers.ChoiceField(choices=ObservationCategory.choices)
    article = _text(max_length=10)
    text = _text()


class OpenDocumentBody(serializers.Serializer):
    phase = serializers.IntegerField(min_value=1, max_value=4)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    party = serializers.CharField(max_length=3, help_text="ISO alpha-3 code of the delegation")


class DialogueBody(serializers.Serializer):
    phase = serializers.IntegerField(min_value=1, max_value=4)
    text = serializers.CharField(trim_whitespace=False)
    article = _text(max_length=10)
    thread = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INT,
        required=False,
        allow_null=True,
        help_text="To reply: the id of the message that opened the thread",
    )


class DocumentWrites:
    """Actions of the documents endpoint (mixed into DocumentViewSet)."""

    def _saved(self, document):
        document.refresh_from_db()
        return Response(self.get_serializer(document).data)

    @extend_schema(
        request=ArticleBody,
        description="Save one article: for a self-assessment `{version, answers: {question: {answer, "
        "explanation}}, challenges}`; for written feedback `{version, comments: {question or '': text}}`.",
    )
    @action(detail=True, methods=["post"], url_path=r"articles/(?P<article>[^/]+)")
    def article(self, request, pk=None, article=None):
        document = self.get_object()
        data = body(ArticleBody, request)
        try:
            if document.kind == DocumentKind.SELF_ASSESSMENT:
                questionnaire.save_article(
                    document=document,
                    user=request.user,
                    article=article,
                    typed=questionnaire.ArticleInput(
                        responses={
                            key: (answer["answer"], answer["explanation"])
                            for key, answer in data["answers"].items()
                        },
                        challenges=data["challenges"],
                    ),
                    expected_version=data["version"],
                )
            elif document.kind == DocumentKind.FEEDBACK:
                feedback.save_comments(
                    document=document,
                    user=request.user,
                    article=article,
                    comments=data["comments"],
                    expected_version=data["version"],
                )
            else:
                raise ReviewError(_("This kind of document has no articles."))
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(request=TextBody, description="Save the text: `{version, text}`.")
    @action(detail=True, methods=["post"])
    def text(self, request, pk=None):
        document = self.get_object()
        data = body(TextBody, request)
        try:
            steps.save_text(
                document=document, user=request.user, text=data["text"], expected_version=data["version"]
            )
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(
        request=MoveBody,
        description="Move in the workflow: `{to: awaiting_clearance|cleared|draft, comment}`.",
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        document = self.get_object()
        data = body(MoveBody, request)
        try:
            steps.move(document=document, user=request.user, to_state=data["to"], comment=data["comment"])
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(
        request=NeedBody,
        description="Add a technical-assistance need: `{article, kind, priority, description}`.",
    )
    @action(detail=True, methods=["post"])
    def needs(self, request, pk=None):
        document = self.get_object()
        data = body(NeedBody, request)
        try:
            questionnaire.add_need(document=document, user=request.user, **data)
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)

    @extend_schema(request=ObservationBody, description="Add an observation: `{category, article, text}`.")
    @action(detail=True, methods=["post"])
    def observations(self, request, pk=None):
        document = self.get_object()
        data = body(ObservationBody, request)
        try:
            outcomes.add_observation(document=document, user=request.user, **data)
        except ReviewError as problem:
            return refused(problem)
        return self._saved(document)


class ReviewWrites:
    """Actions of the reviews endpoint (mixed into ReviewViewSet)."""

    @extend_schema(
        request=OpenDocumentBody,
        description="Open a step's document (created empty the first time): `{phase, kind, party}`; "
        "returns its id.",
    )
    @action(detail=True, methods=["post"], url_path="documents")
    def open_document(self, request, pk=None):
        review = self.get_object()
        data = body(OpenDocumentBody, request)
        if not steps.may_start(request.user, review, data["kind"], data["party"]):
            return Response(
                {"detail": _("You may not open this document.")}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            document = steps.document(review=review, user=request.user, **data)
        except ReviewError as problem:
            return refused(problem)
        return Response({"id": document.pk, "state": document.state, "version": document.version})

    @extend_schema(
        request=DialogueBody,
        description="Post in the dialogue of a phase: `{phase, text, article, thread}` (thread: the id of "
        "the message that opened it, to reply).",
    )
    @action(detail=True, methods=["post"])
    def dialogue(self, request, pk=None):
        review = self.get_object()
        data = body(DialogueBody, request)
        thread = None
        if data.get("thread") is not None:
            thread = DialogueMessage.objects.filter(review=review, pk=data["thread"]).first()
            if thread is None:
                return Response(
                    {"thread": [_("No such thread in this review.")]}, status=status.HTTP_400_BAD_REQUEST
                )
        try:
            message = feedback.post(
                review=review,
                phase=data["phase"],
                user=request.user,
                text=data["text"],
                article=data["article"],
                thread=thread,
            )
        except ReviewError as problem:
            return refused(problem)
        return Response({"id": message.pk, "thread": message.thread_id}, status=status.HTTP_201_CREATED)
