"""The self-assessment questionnaire (SAQ) engine. The questionnaire of a review's phase is generated from
the articles of the phase's cluster for the review's instrument: one question per numbered paragraph of
an article (or per lettered subparagraph where the article has no numbered paragraphs, or one for the
whole article). Answers are saved article by article, each with its own version, so that two experts can
answer two articles at once and a concurrent save of the same article is refused, never lost."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.core.uploads import UploadRefused, check_pdf
from palermo.knowledge.models import Record
from palermo.register.models import Article
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import StaleDocument, can_edit
from palermo.review.models import (
    ArticleAnswer,
    AssistanceKind,
    AssistanceNeed,
    Citation,
    Priority,
    QuestionAnswer,
    Response,
    StepDocument,
)

NUMBERED = re.compile(r"^(\d+)\.\s")
LETTERED = re.compile(r"^\(?([a-z])\)\s")


@dataclass(frozen=True)
class Question:
    key: str  # '1' (paragraph 1), 'a' (subparagraph (a)) or '' (the whole article)
    text: str  # the part of the article the question is about


def questions(text: str) -> list[Question]:
    """Split an article's text into the parts the questionnaire asks about."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    for pattern in (NUMBERED, LETTERED):
        if any(pattern.match(block) for block in blocks):
            found: list[Question] = []
            lead: list[str] = []  # text before the first paragraph (an article's chapeau)
            for block in blocks:
                match = pattern.match(block)
                if match:
                    chapeau = "\n\n".join(lead) + "\n\n" if lead and not found else ""
                    found.append(Question(match.group(1), chapeau + block))
                elif found:
                    found[-1] = Question(found[-1].key, found[-1].text + "\n\n" + block)
                else:
                    lead.append(block)
            return found
    return [Question("", "\n\n".join(blocks))]


@dataclass(frozen=True)
class Quoted:
    """An article's questions quoting its authentic text in `language`: the reader's language where Palermo
    holds that text and it splits into the same paragraphs as the English one (whose keys the answers
    use), else English. `held` says whether Palermo holds the reader's language at all."""

    questions: list[Question]
    language: str
    asked: str
    held: bool

    @property
    def is_fallback(self) -> bool:
        return self.language != self.asked


def quoted(article: Article, english: list[Question]) -> Quoted:
    """The questions of `english` (the article's English questions) quoted in the active language."""
    text = article.local_text
    if not text.is_fallback and text.language != "en":
        local = questions(text.text)
        if [q.key for q in local] == [q.key for q in english]:
            return Quoted(local, text.language, text.asked, held=True)
    return Quoted(english, "en", text.asked, held=not text.is_fallback)


def question_label(article: str, key: str) -> str:
    if not key:
        return _("Has your State implemented article %(article)s?") % {"article": article}
    if key.isdigit():
        return _("Has your State implemented paragraph %(paragraph)s of article %(article)s?") % {
            "paragraph": key,
            "article": article,
        }
    return _("Has your State implemented subparagraph (%(paragraph)s) of article %(article)s?") % {
        "paragraph": key,
        "article": article,
    }


@dataclass
class ArticleSheet:
    """One article of the questionnaire with its questions and what has been answered."""

    article: Article
    questions: list[Question]
    answer: ArticleAnswer | None
    responses: dict[str, QuestionAnswer] = field(default_factory=dict)
    typed_challenges: str | None = None  # what was typed when a save was refused (shown, not stored)
    typed_version: int | None = None
    quote: Quoted | None = None

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if is_answered(self.responses.get(q.key)))

    @property
    def complete(self) -> bool:
        return self.answered == len(self.questions)

    @property
    def version(self) -> int:
        if self.typed_version is not None:
            return self.typed_version
        return self.answer.version if self.answer else 0

    @property
    def challenges(self) -> str:
        if self.typed_challenges is not None:
            return self.typed_challenges
        return self.answer.challenges if self.answer else ""

    def rows(self) -> list[tuple[Question, str, QuestionAnswer | None]]:
        """(question quoting the article in the reader's language where held, label, answer)."""
        asked = self.quote.questions if self.quote else self.questions
        return [(q, question_label(self.article.number, q.key), self.responses.get(q.key)) for q in asked]


def is_answered(answer: QuestionAnswer | None) -> bool:
    return answer is not None and bool(answer.response) and bool(answer.explanation.strip())


def cluster_articles(document: StepDocument) -> list[Article]:
    """The articles of the phase's cluster for the review's instrument, in the cluster's order."""
    review = document.review
    numbers = review.cycle.article_numbers(document.phase, review.instrument_id)
    found = {
        a.number: a for a in Article.objects.filter(instrument_id=review.instrument_id, number__in=numbers)
    }
    return [found[n] for n in numbers if n in found]


def sheets(document: StepDocument) -> list[ArticleSheet]:
    """The whole questionnaire with its answers, in three queries."""
    answers = (
        {
            a.article: a
            for a in ArticleAnswer.objects.filter(document=document).prefetch_related(
                "questions", "needs", "citations__record"
            )
        }
        if document.pk  # a document not started yet (shown unsaved) has no answers
        else {}
    )
    listed = []
    for article in cluster_articles(document):
        answer = answers.get(article.number)
        responses = {q.question: q for q in answer.questions.all()} if answer else {}
        english = questions(article.text)
        listed.append(ArticleSheet(article, english, answer, responses, quote=quoted(article, english)))
    return listed


def show_typed(all_sheets: list[ArticleSheet], article: str, typed: "ArticleInput", version: int) -> None:
    """Put what was typed in a refused save back into its article's sheet (nothing is stored): the page
    shows it again, with the version the editor started from."""
    for sheet in all_sheets:
        if sheet.article.number == article:
            for key, (response, explanation) in typed.responses.items():
                sheet.responses[key] = QuestionAnswer(
                    question=key, response=response, explanation=explanation
                )
            sheet.typed_challenges, sheet.typed_version = typed.challenges, version


def progress(document: StepDocument) -> tuple[int, int]:
    """(questions answered, questions asked) in the whole questionnaire."""
    all_sheets = sheets(document)
    return sum(s.answered for s in all_sheets), sum(len(s.questions) for s in all_sheets)


def _sheet(document: StepDocument, number: str) -> ArticleSheet:
    for sheet in sheets(document):
        if sheet.article.number == number:
            return sheet
    raise ReviewError(_("Article %(article)s is not in this questionnaire.") % {"article": number})


def _editable(document: StepDocument, user) -> StepDocument:
    locked = StepDocument.objects.select_for_update().get(pk=document.pk)
    if not can_edit(user, locked):
        raise ReviewError(_("This document is not a draft you may change."))
    return locked


@dataclass
class ArticleInput:
    """What an expert typed for one article: per question key, the answer and the explanation."""

    responses: dict[str, tuple[str, str]]
    challenges: str


def check_input(sheet: ArticleSheet, typed: ArticleInput) -> None:
    keys = {q.key for q in sheet.questions}
    for key, (response, _explanation) in typed.responses.items():
        if key not in keys:
            raise ReviewError(
                _("Article %(article)s has no question %(question)s.")
                % {"article": sheet.article.number, "question": key}
            )
        if response and response not in Response.values:
            raise ReviewError(
                _("Article %(article)s, question %(question)s: “%(value)s” is not one of %(choices)s.")
                % {
                    "article": sheet.article.number,
                    "question": key or sheet.article.number,
                    "value": response,
                    "choices": ", ".join(str(label) for label in Response.labels),
                },
                field=f"response_{key}",
            )


def check_version(saved, article: str, expected_version: int) -> None:
    """Refuse a save of an article (its answers, or a reviewer's comments on it) that someone else saved
    since the editor opened it; `saved` has `version` and `updated_by`."""
    if saved.version != expected_version:
        raise StaleDocument(
            _(
                "%(person)s saved article %(article)s since you opened it (version %(current)s, you had %(yours)s). Copy your text, reload, and apply it again."
            )
            % {
                "person": saved.updated_by.get_full_name() or saved.updated_by.email,
                "article": article,
                "current": saved.version,
                "yours": expected_version,
            }
        )


@transaction.atomic
def save_article(
    *, document: StepDocument, user, article: str, typed: ArticleInput, expected_version: int
) -> ArticleAnswer:
    """Save the answers to one article; refused when someone saved that article since `expected_version`."""
    locked = _editable(document, user)
    sheet = _sheet(locked, article)
    check_input(sheet, typed)
    answer = sheet.answer
    if answer is None:
        answer = ArticleAnswer.objects.create(document=locked, article=article, updated_by=user)
    check_version(answer, article, expected_version)
    for key, (response, explanation) in typed.responses.items():
        QuestionAnswer.objects.update_or_create(
            article_answer=answer, question=key, defaults={"response": response, "explanation": explanation}
        )
    answer.challenges, answer.version, answer.updated_by = typed.challenges, answer.version + 1, user
    answer.save(update_fields=["challenges", "version", "updated_by", "updated"])
    locked.updated_by = user
    locked.save(update_fields=["updated_by", "updated"])
    log_action(
        "review.saq.article_saved",
        actor=user,
        obj=locked,
        data={"article": article, "version": answer.version},
    )
    return answer


def _answer_for(document: StepDocument, user, article: str) -> ArticleAnswer:
    _sheet(document, article)
    answer, _created = ArticleAnswer.objects.get_or_create(
        document=document, article=article, defaults={"updated_by": user}
    )
    return answer


@transaction.atomic
def add_need(*, document: StepDocument, user, article: str, kind: str, priority: str, description: str):
    locked = _editable(document, user)
    if kind not in AssistanceKind.values or priority not in Priority.values:
        raise ReviewError(
            _("Choose the kind of assistance and its priority."),
            field="kind" if kind not in AssistanceKind.values else "priority",
        )
    need = AssistanceNeed.objects.create(
        article_answer=_answer_for(locked, user, article),
        kind=kind,
        priority=priority,
        description=description.strip(),
        added_by=user,
    )
    log_action(
        "review.saq.need_added",
        actor=user,
        obj=locked,
        data={"article": article, "need": need.pk, "kind": kind, "priority": priority},
    )
    return need


@transaction.atomic
def add_citation(*, document: StepDocument, user, article: str, record_id=None, upload=None, title=""):
    """Cite a published knowledge-base record, or upload a PDF (kept inside the review)."""
    locked = _editable(document, user)
    limit = Citation._meta.get_field("title").max_length
    if limit is not None and len(title.strip()) > limit:
        raise ReviewError(
            _("The title is too long: at most %(limit)s characters.") % {"limit": limit}, field="title"
        )
    citation = Citation(article_answer=_answer_for(locked, user, article), added_by=user, title=title.strip())
    if upload is not None:
        try:
            checked = check_pdf(upload)
        except UploadRefused as refused:
            raise ReviewError(str(refused), field="file") from None
        citation.original_name = checked.name
        citation.title = citation.title or checked.name
        citation.file.save("upload.pdf", upload, save=False)
        data = {"file": checked.name, "sha256": checked.sha256, "size": checked.size}
    else:
        record = (
            Record.objects.published().filter(pk=record_id).first() if str(record_id).isdecimal() else None
        )
        if record is None:
            raise ReviewError(
                _("No published knowledge-base record has the number %(id)s.") % {"id": record_id}
            )
        citation.record = record
        data = {"record": record.pk}
    citation.save()
    log_action("review.saq.citation_added", actor=user, obj=locked, data={"article": article, **data})
    return citation


@transaction.atomic
def remove(*, document: StepDocument, user, item: Citation | AssistanceNeed) -> None:
    """Remove a citation or a technical-assistance need from a draft."""
    locked = _editable(document, user)
    if item.article_answer.document_id != locked.pk:
        raise ReviewError(_("This item is not part of this document."))
    what = "citation" if isinstance(item, Citation) else "need"
    log_action(
        f"review.saq.{what}_removed",
        actor=user,
        obj=locked,
        data={"article": item.article_answer.article, what: item.pk, "text": str(item)},
    )
    if isinstance(item, Citation) and item.file:
        item.file.delete(save=False)
    item.delete()
