"""Information gathering in the browser: the secretariat composes, sends and closes questionnaires; a State's
focal point names experts, answers with them (each answer autosaved with its version) and submits; anyone
reads a sent questionnaire's response rates and aggregated answers. Drafts and a State's reply in progress
are 404 for everyone not entitled to them."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.rules import is_secretariat
from palermo.conference import results
from palermo.conference.domain import questionnaires as gathering
from palermo.conference.domain.assistance import may_record_need
from palermo.conference.domain.records import RecordError
from palermo.conference.interfaces import docx_parts, questionnaire_docx
from palermo.conference.interfaces.forms import own_party, show_problems, show_set_problems
from palermo.conference.interfaces.questionnaire_forms import (
    AnswerForm,
    ExpertsForm,
    QuestionFormSet,
    QuestionnaireForm,
    SubmitForm,
)
from palermo.conference.models import AssistanceNeed, Questionnaire, QuestionnaireState, Reply
from palermo.core.collation import collated
from palermo.core.numbers import MAX_INT


def _visible(request, pk: int) -> Questionnaire:
    """A sent or closed questionnaire for everyone; a draft for the secretariat alone."""
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("instrument", "meeting"), pk=pk)
    if questionnaire.state == QuestionnaireState.DRAFT and not is_secretariat(request.user):
        raise Http404
    return questionnaire


def questionnaire_list(request):
    found = Questionnaire.objects.select_related("instrument")
    if not is_secretariat(request.user):
        found = found.exclude(state=QuestionnaireState.DRAFT)
    party = own_party(request.user) if request.user.is_authenticated else None
    own = {}
    if party is not None:
        own = {reply.questionnaire_id: reply for reply in Reply.objects.filter(party=party)}
    rows = [(questionnaire, own.get(questionnaire.pk)) for questionnaire in found]
    return render(
        request,
        "conference/questionnaire_list.html",
        {"rows": rows, "may_compose": request.user.has_perm("conference.record_meetings")},
    )


def questionnaire_new(request):
    if not request.user.has_perm("conference.record_meetings"):
        raise Http404
    form = QuestionnaireForm(request.POST or None)
    questions = QuestionFormSet(request.POST or None, prefix="questions")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        filled = [entry for entry in questions if entry.cleaned_data and not entry.is_empty()]
        data = form.cleaned_data
        try:
            questionnaire = gathering.create_questionnaire(
                user=request.user,
                titles=form.titles(),
                introductions=form.introductions(),
                recipients=data["recipients"],
                instrument=data["instrument"],
                regional_group=data["regional_group"],
                deadline=data["deadline"],
                meeting=data["meeting"],
                questions=[entry.question() for entry in filled],
            )
        except RecordError as refused:
            show_set_problems(form, filled, refused, "question-")
        else:
            messages.success(request, _("The questionnaire is saved as a draft. Check it, then send it."))
            return redirect("conference:questionnaire", pk=questionnaire.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "conference/questionnaire_form.html", {"form": form, "questions": questions}, status=status
    )


def questionnaire_detail(request, pk: int):
    questionnaire = _visible(request, pk)
    groups, instruments, overall = results.response_rates(questionnaire)
    party = own_party(request.user) if request.user.is_authenticated else None
    own = Reply.objects.filter(questionnaire=questionnaire, party=party).first() if party else None
    recipients = (
        gathering.recipient_parties(
            questionnaire.recipients, questionnaire.instrument, questionnaire.regional_group
        )
        if questionnaire.state == QuestionnaireState.DRAFT
        else None
    )
    return render(
        request,
        "conference/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.select_related("article__instrument"),
            "groups": groups,
            "instruments": instruments,
            "overall": overall,
            "own": own,
            "would_receive": recipients.count() if recipients is not None else None,
            "is_secretariat": is_secretariat(request.user),
            # the secretariat follows each State's reply (whom to remind)
            "replies": collated(
                questionnaire.replies.select_related("party"), key=lambda r: r.party.local_name
            )
            if is_secretariat(request.user)
            else [],
        },
    )


def _act(request, do, done: str, back: str):
    try:
        do()
    except RecordError as refused:
        for _key, message in refused.problems:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(back)


@require_POST
def questionnaire_send(request, pk: int):
    questionnaire = _visible(request, pk)
    if not is_secretariat(request.user):
        raise Http404
    back = reverse("conference:questionnaire", args=[pk])
    return _act(
        request,
        lambda: gathering.send_questionnaire(user=request.user, questionnaire=questionnaire),
        _("The questionnaire is sent: each State's focal point can now answer it."),
        back,
    )


@require_POST
def questionnaire_close(request, pk: int):
    questionnaire = _visible(request, pk)
    if not is_secretariat(request.user):
        raise Http404
    back = reverse("conference:questionnaire", args=[pk])
    return _act(
        request,
        lambda: gathering.close_questionnaire(user=request.user, questionnaire=questionnaire),
        _("The questionnaire is closed: no more answers are accepted."),
        back,
    )


def questionnaire_results(request, pk: int):
    questionnaire = _visible(request, pk)
    groups, instruments, overall = results.response_rates(questionnaire)
    full = is_secretariat(request.user)
    return render(
        request,
        "conference/questionnaire_results.html",
        {
            "questionnaire": questionnaire,
            "aggregates": results.aggregates(questionnaire, full=full),
            "groups": groups,
            "instruments": instruments,
            "overall": overall,
            "full": full,
            "languages": settings.LANGUAGES,
            "small_cell": results.SMALL_CELL,
        },
    )


# A State's reply ----------------------------------------------------------------------------------------


def _reply(request, pk: int, code: str) -> Reply:
    """The reply of State `code`, for those who may read it; 404 for everyone else."""
    if not 0 < pk <= MAX_INT:  # a foreign key compared with a number past the database's raises
        raise Http404
    reply = (
        Reply.objects.select_related("questionnaire", "party")
        .prefetch_related("experts")
        .filter(questionnaire_id=pk, party_id=code)
        .first()
    )
    if reply is None or not gathering.may_read(request.user, reply):
        raise Http404
    return reply


def reply_page(request, pk: int, code: str, *, bound: dict | None = None, status: int = 200):
    reply = _reply(request, pk, code)
    answers = {answer.question_id: answer for answer in reply.answers.prefetch_related("citations")}
    may_answer = (
        gathering.may_answer(request.user, reply) and reply.questionnaire.state == QuestionnaireState.SENT
    )
    may_answer = may_answer and reply.state != "submitted"
    sheets = []
    for question in reply.questionnaire.questions.select_related("article__instrument"):
        answer = answers.get(question.pk)
        form = (bound or {}).get(question.pk) or AnswerForm(
            question=question,
            initial={
                "value": answer.value if answer else "",
                "number": formats.localize_input(answer.number)
                if answer and answer.number is not None
                else "",
                "text": answer.text if answer else "",
                "version": answer.version if answer else 0,
                "citations": " ".join(str(record.pk) for record in answer.citations.all()) if answer else "",
            },
        )
        sheets.append((question, answer, form))
    focal_point = gathering.is_focal_point_of(request.user, reply)
    return render(
        request,
        "conference/reply.html",
        {
            "reply": reply,
            "questionnaire": reply.questionnaire,
            "sheets": sheets,
            "may_answer": may_answer,
            "focal_point": focal_point,
            "experts_form": ExpertsForm(
                eligible=gathering.eligible_experts(reply), initial={"experts": list(reply.experts.all())}
            )
            if focal_point and may_answer
            else None,
            "submit_form": SubmitForm(initial={"publish": reply.publish}) if focal_point else None,
            "missing": [
                question.number
                for question, answer, _form in sheets
                if not gathering.is_answered(question, answer)
            ],
            # A submitted answer may be recorded as a technical-assistance need of the State (once each).
            "may_record_need": reply.state == "submitted"
            and request.user.is_authenticated
            and may_record_need(request.user, reply.party),
            "recorded_as_need": set(
                AssistanceNeed.objects.filter(answer__reply=reply).values_list("answer_id", flat=True)
            ),
        },
        status=status,
    )


@require_POST
def answer_save(request, pk: int, code: str, number: int):
    """One answer, from its form or the page's autosave (`Accept: application/json`: JSON with the new
    version, or the reason with 409 when someone saved since, 400 for a bad value)."""
    reply = _reply(request, pk, code)
    question = get_object_or_404(reply.questionnaire.questions, number=number)
    form = AnswerForm(request.POST, question=question)
    wants_json = "application/json" in request.headers.get("Accept", "")
    back = reverse("conference:reply", args=[pk, code]) + f"#question-{number}"
    try:
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            raise RecordError([(field, " ".join(errors))])
        typed = gathering.AnswerInput(
            value=form.cleaned_data.get("value", "") or "",
            number=form.cleaned_data.get("number", "") or "",
            text=form.cleaned_data.get("text", ""),
            citations=form.cleaned_data.get("citations", []),
        )
        saved = gathering.save_answer(
            user=request.user,
            reply=reply,
            question=question,
            typed=typed,
            expected_version=form.cleaned_data["version"],
        )
    except RecordError as refused:
        field, message = refused.problems[0]
        if wants_json:
            status = 409 if isinstance(refused, gathering.StaleAnswer) else 400
            return JsonResponse({"error": message, "field": field}, status=status)
        show_problems(form, refused)
        return reply_page(request, pk, code, bound={question.pk: form}, status=400)
    text = _("Saved at %(time)s (version %(version)s).") % {
        "time": formats.time_format(timezone.localtime(saved.updated), "TIME_FORMAT"),
        "version": saved.version,
    }
    if wants_json:
        return JsonResponse({"version": saved.version, "status": text})
    messages.success(request, text)
    return redirect(back)


@require_POST
def reply_experts(request, pk: int, code: str):
    reply = _reply(request, pk, code)
    if not gathering.is_focal_point_of(request.user, reply):
        raise Http404
    form = ExpertsForm(request.POST, eligible=gathering.eligible_experts(reply))
    back = reverse("conference:reply", args=[pk, code]) + "#experts"
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    experts = list(form.cleaned_data["experts"])
    return _act(
        request,
        lambda: gathering.assign_experts(user=request.user, reply=reply, experts=experts),
        _("The experts who answer are saved."),
        back,
    )


@require_POST
def reply_submit(request, pk: int, code: str):
    reply = _reply(request, pk, code)
    if not gathering.is_focal_point_of(request.user, reply):
        raise Http404
    form = SubmitForm(request.POST)
    publish = form.is_valid() and form.cleaned_data["publish"]
    back = reverse("conference:reply", args=[pk, code])
    if reply.state == "submitted":
        return _act(
            request,
            lambda: gathering.set_publication(user=request.user, reply=reply, publish=publish),
            _("Your choice of publication is saved."),
            back,
        )
    return _act(
        request,
        lambda: gathering.submit_reply(user=request.user, reply=reply, publish=publish),
        _("Your State's reply is submitted. Thank you."),
        back,
    )


def questionnaire_report(request, pk: int):
    """The draft analytical report as DOCX, in the language asked (`?language=fr`; the reader's otherwise),
    for the secretariat, who writes it."""
    questionnaire = _visible(request, pk)
    if not is_secretariat(request.user) or questionnaire.state == QuestionnaireState.DRAFT:
        raise Http404
    languages = {code for code, _name in settings.LANGUAGES}
    language = request.GET.get("language") or get_language() or "en"
    if language not in languages:
        raise Http404
    body = questionnaire_docx.export(questionnaire, language)
    return docx_parts.download(body, f"questionnaire-{questionnaire.pk}-{language}.docx")
