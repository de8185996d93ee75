"""A GET never writes, and no page answers a server error: every named URL of the app, with its parameters
filled from a demo-like world (the demo's States, reviews, phases, documents, records, users, imports), is
visited by every kind of person, and any INSERT, UPDATE or DELETE while the request runs fails the test.

Every new URL pattern gets its parameters in `url_parameters()` (a test checks that none is missing).
Whitelisted writes, each with its reason: the audit entry of a download of confidential content
(`READ_AUDITS`)."""

import re
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.demo import create_demo_accounts
from palermo.accounts.models import User
from palermo.accounts.sign_in import needs_signing_in, sign_in_url
from palermo.conference.demo import create_demo_conference
from palermo.conference.models import (
    AssistanceActivity,
    AssistanceNeed,
    AssistanceOffer,
    Body,
    Decision,
    Meeting,
    Questionnaire,
)
from palermo.cooperation.demo import create_demo_directory
from palermo.cooperation.demo_requests import create_demo_requests
from palermo.cooperation.domain import requests as request_domain
from palermo.cooperation.domain.authorities import propose_change
from palermo.cooperation.domain.authority_format import authority_data
from palermo.cooperation.models import Authority, Request
from palermo.core.models import Job
from palermo.knowledge.demo import create_demo_corpus
from palermo.knowledge.domain.records import attach_pdf, create_record
from palermo.knowledge.domain.saved import save_search
from palermo.knowledge.models import Record, Term
from palermo.networks.demo import create_demo_investigations
from palermo.networks.models import (
    Candidate,
    ChartView,
    Entity,
    Investigation,
    Judgement,
    ResolutionRun,
    ScreeningHit,
    Source,
    Statement,
    WatchList,
)
from palermo.register.demo import create_demo_declarations
from palermo.register.models import Declaration, Participation, StatusImport
from palermo.review.demo import create_demo_cycle
from palermo.review.domain import participants
from palermo.review.models import (
    AppointmentRequest,
    Citation,
    Draw,
    Observation,
    Review,
    ReviewCycle,
    StepDocument,
)
from tests.stacked_tables import unlabelled_cells

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|CREATE|ALTER|DROP)\b", re.IGNORECASE)
# Audit entries a GET may append: a download of confidential content is logged (who took it out of the
# platform); nothing the user sees changes. Each is named here with its action.
READ_AUDITS = {
    "review.saq.exported",
    "cooperation.request.letter_downloaded",
    "networks.investigation.exported",
}
DEMO_PASSWORD_PEOPLE = {
    "secretariat": "secretariat@demo.palermo.invalid",
    "focal point": "focal.point@demo.palermo.invalid",
    "governmental expert": "expert@demo.palermo.invalid",
    "observer": "observer@demo.palermo.invalid",
    "contributor": "practitioner@demo.palermo.invalid",
    "colleague": "colleague@demo.palermo.invalid",
    "plain user": "visitor@demo.palermo.invalid",
}
ROLES = ["anonymous", *DEMO_PASSWORD_PEOPLE, "reviewing expert", "expert of the worked review"]


@pytest.fixture
def world(settings):
    """The demo (accounts, declarations, a small corpus, the drawn cycle with its worked phase), plus one
    of each object the demo lacks: a draft record with an attachment, a saved search, a cited PDF, an
    open appointment request."""
    if True:  # one block: what the demo makes, then what it lacks
        settings.DEMO_MODE = True
        create_demo_accounts()
        create_demo_declarations()
        create_demo_corpus(30)
        create_demo_cycle()
        create_demo_directory()
        create_demo_requests()
        create_demo_conference()
        create_demo_investigations()
        users = {role: User.objects.get(email=email) for role, email in DEMO_PASSWORD_PEOPLE.items()}
        users["reviewing expert"] = User.objects.get(username__startswith="ruth.")
        users["expert of the worked review"] = User.objects.get(username__startswith="elena.")
        contributor = User.objects.get(pk=users["governmental expert"].pk)  # Brazil's: a State's author
        contributor.is_verified = lambda: True
        draft = create_record(
            user=contributor,
            kind="case",
            fields={"title": "A draft case", "jurisdiction_id": "BRA", "summary": {"en": "Draft."}},
        )
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        attachment = attach_pdf(record=draft, user=contributor, upload=pdf)
        saved = save_search(user=contributor, name="Mine", query="q=fraud")
        italy = Review.objects.get(cycle__is_demo=True, state_under_review="ITA", instrument="UNTOC")
        brazil = Review.objects.get(cycle__is_demo=True, state_under_review="BRA", instrument="UNTOC")
        saq = StepDocument.objects.get(review=italy, phase=1, kind="self_assessment")
        answer = saq.article_answers.first()
        citation = Citation.objects.create(
            article_answer=answer,
            file=SimpleUploadedFile("law.pdf", b"%PDF-1.4\n%%EOF\n"),
            title="A law",
            original_name="law.pdf",
            added_by=users["expert of the worked review"],
        )
        focal_point = users["focal point"]
        participants.appoint_by_email(
            review=italy, party="ITA", role="observer", email="nobody@example.org", actor=focal_point
        )
    cycle = ReviewCycle.objects.get(is_demo=True)
    return {
        "users": users,
        "draft": draft,
        "published": Record.objects.filter(is_demo=True).first(),
        "attachment": attachment,
        "saved": saved,
        "italy": italy,
        "brazil": brazil,
        "saq": saq,
        "need": answer.needs.first() or questionnaire_need(saq),
        "citation": citation,
        "observation": Observation.objects.filter(document__review=italy).first(),
        "request": AppointmentRequest.objects.get(review=italy),
        "cycle": cycle,
        "draw": Draw.objects.filter(cycle=cycle).first(),
        "summary": StepDocument.objects.get(review=italy, phase=1, kind="summary"),
        "participant": italy.participants.filter(ended_at=None).first(),
        **cooperation_objects(users),
        **networks_objects(),
        "meeting": Meeting.objects.get(is_demo=True, body=Body.CONFERENCE),
        "decision": Decision.objects.get(number="12/1"),
        "questionnaire": Questionnaire.objects.get(is_demo=True),
        "assistance_need": AssistanceNeed.objects.filter(is_demo=True).first(),
        "offer": AssistanceOffer.objects.filter(is_demo=True).first(),
    }


def networks_objects() -> dict:
    """Of the demo's Operation Lupa: a source, an entity merged of two records, a statement, an open
    candidate, the judgement that merged, the search for candidates."""
    lupa = Investigation.objects.get(title="Operation Lupa (demo)")
    judgement = Judgement.objects.filter(investigation=lupa).first()
    return {
        "investigation": lupa,
        "source": Source.objects.filter(investigation=lupa).first(),
        "merged entity": Entity.objects.get(investigation=lupa, entity_id="it-lorusso").canonical_id,
        "statement": Statement.objects.filter(investigation=lupa).first(),
        "candidate": Candidate.objects.filter(investigation=lupa, judgement__isnull=True).first(),
        "judgement": judgement,
        "run": ResolutionRun.objects.filter(investigation=lupa).first(),
        "watch list": WatchList.objects.filter(is_demo=True).first(),
        "screening hit": ScreeningHit.objects.filter(investigation=lupa).first(),
    }


def cooperation_objects(users) -> dict:
    """A proposed change to the directory, a sent request with an attachment, a draft."""
    paul = User.objects.get(pk=users["contributor"].pk)
    paul.is_verified = lambda: True
    authority = Authority.objects.get(organisation=paul.organisation)
    change = propose_change(
        actor=paul,
        party=authority.party,
        authority=authority,
        data={**authority_data(authority), "office_hours": "08:00-16:00"},
    )
    sent = Request.objects.filter(is_demo=True, state="in_execution").first()
    pdf = SimpleUploadedFile("annex.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    attachment = request_domain.attach_file(req=sent, actor=paul, upload=pdf, title="Annex", is_annex=True)
    return {
        "authority": authority,
        "change": change,
        "sent request": sent,
        "draft request": Request.objects.filter(is_demo=True, state="draft").first(),
        "request attachment": attachment,
    }


def questionnaire_need(saq):
    from palermo.review.models import AssistanceNeed

    return AssistanceNeed.objects.filter(article_answer__document=saq).first()


def url_parameters(w) -> dict[str, list[dict]]:
    """Per URL name, the parameters to visit it with (several where one page has several cases: a
    document that exists and one not started yet, in each kind)."""
    italy, brazil, cycle = w["italy"], w["brazil"], w["cycle"].number
    term = Term.objects.exclude(slug="").select_related("parent").first()
    declaration = Declaration.objects.first()
    user = w["users"]["governmental expert"]
    device = TOTPDevice.objects.filter(user=w["users"]["focal point"]).first()
    record, draft = w["published"].pk, w["draft"].pk
    documents = [
        {"pk": italy.pk, "phase": 1, "kind": "self_assessment", "party": "ITA"},
        {
            "pk": italy.pk,
            "phase": 1,
            "kind": "feedback",
            "party": w["saq"].review.assignments.first().reviewing_state_id,
        },
        {"pk": italy.pk, "phase": 1, "kind": "observations", "party": "ITA"},
        {"pk": italy.pk, "phase": 1, "kind": "summary", "party": "ITA"},
        {"pk": brazil.pk, "phase": 3, "kind": "self_assessment", "party": "BRA"},  # not started
        {"pk": brazil.pk, "phase": 4, "kind": "summary", "party": "BRA"},  # not started
        {"pk": brazil.pk, "phase": 1, "kind": "feedback", "party": participants.parties_of(brazil)[1]},
    ]
    saq = {"pk": italy.pk, "phase": 1, "party": "ITA"}
    not_started = {"pk": brazil.pk, "phase": 1, "party": "BRA"}
    return {
        "set_language": [{}],
        "core:home": [{}],
        "accounts:login": [{}],
        "accounts:login_verify": [{}],
        "accounts:logout": [{}],
        "accounts:confirm_password": [{}],
        "accounts:password_reset": [{}],
        "accounts:password_reset_sent": [{}],
        "accounts:password_reset_confirm": [{"uidb64": "MQ", "token": "bogus-token"}],
        "accounts:activate": [{"token": "bogus"}],
        "accounts:two_factor_setup": [{}],
        "accounts:profile": [{}],
        "accounts:password_change": [{}],
        "accounts:language": [{}],
        "accounts:device_add": [{}],
        "accounts:device_remove": [{"pk": device.pk}],
        "accounts:users": [{}],
        "accounts:invite": [{}],
        "accounts:user": [{"pk": user.pk}],
        "accounts:change_role": [{"pk": user.pk}],
        "accounts:user_action": [{"pk": user.pk, "action": action} for action in ("suspend", "reactivate")],
        "accounts:organisation_add": [{}],
        "accounts:audit_log": [{}],
        "register:parties": [{}],
        "register:party": [{"code": "ITA"}],
        "register:declaration_add": [{"code": "ITA"}],
        "register:instruments": [{}],
        "register:instrument": [{"code": "UNTOC"}],
        "register:article": [{"code": "UNTOC", "number": "5"}],
        "register:imports": [{}],
        "register:import_new": [{}],
        "register:import": [{"pk": StatusImport.objects.first().pk}],
        "register:export_json": [{}],
        "register:export_csv": [{}],
        "knowledge:search": [{}],
        "knowledge:search_csv": [{}],
        "knowledge:search_jsonl": [{}],
        "knowledge:saved_searches": [{}],
        "knowledge:saved_search_delete": [{"pk": w["saved"].pk}],
        "knowledge:feed": [{}],
        "knowledge:records": [{}],
        "knowledge:import": [{}],
        "knowledge:record": [{"pk": record}, {"pk": draft}],
        "knowledge:record_edit": [{"pk": record}, {"pk": draft}],
        "knowledge:record_version": [{"pk": draft, "number": 1}],
        "knowledge:record_transition": [{"pk": draft}],
        "knowledge:attachment_add": [{"pk": draft}],
        "knowledge:attachment": [{"pk": draft, "attachment_id": w["attachment"].pk}],
        "knowledge:record_new": [{"kind": "case"}],
        "knowledge:export_jsonl": [{}],
        "knowledge:export_csv": [{}],
        "knowledge:implementation": [{"code": "UNTOC", "number": "5"}],
        "knowledge:term": [{"vocabulary": term.vocabulary, "slug": term.slug}],
        "review:cycles": [{}],
        "review:cycle": [{"number": cycle}],
        "review:dashboard": [{"number": cycle}],
        "review:dashboard_csv": [{"number": cycle}],
        "review:needs_csv": [{"number": cycle}],
        "review:observations_csv": [{"number": cycle}],
        "review:reviews": [{}],
        "review:review": [{"pk": italy.pk}, {"pk": brazil.pk}],
        "review:appoint": [{"pk": italy.pk}],
        "review:dismiss_appointment_request": [{"pk": italy.pk, "request_id": w["request"].pk}],
        "review:document": documents,
        "review:saq_article": [{**saq, "article": "5"}, {**not_started, "article": "5"}],
        "review:saq_need": [{**saq, "article": "5"}],
        "review:saq_citation": [{**saq, "article": "5"}],
        "review:saq_remove": [
            {**saq, "what": "citations", "item_id": w["citation"].pk},
            {**saq, "what": "needs", "item_id": w["need"].pk},
        ],
        "review:saq_export": [{**saq, "file_format": "docx"}, {**not_started, "file_format": "docx"}],
        "review:saq_import": [saq],
        "review:saq_cited_file": [{**saq, "citation_id": w["citation"].pk}],
        "review:feedback_article": [
            {"pk": italy.pk, "phase": 1, "party": documents[1]["party"], "article": "5"}
        ],
        "review:version": [{**document, "number": 1} for document in documents[:4]],
        "review:dialogue": [{"pk": italy.pk, "phase": 1}, {"pk": brazil.pk, "phase": 2}],
        "review:observation_add": [{**saq}],
        "review:observation_remove": [{**saq, "observation_id": w["observation"].pk}],
        "review:summary_translation": [saq],
        "review:summary_publish": [saq],
        "review:summaries": [{}],
        "review:summary": [{"document_id": w["summary"].pk}],
        "review:summary_file": [{"document_id": w["summary"].pk, "language": "en"}],
        "review:end_participation": [{"pk": italy.pk, "participant_id": w["participant"].pk}],
        "review:cluster_edit": [{"number": cycle, "phase": 2}],
        "review:draw_lots": [{"number": cycle}],
        "review:redraw": [{"number": cycle}],
        "review:draw": [{"number": cycle, "draw_id": w["draw"].pk}],
        "review:publish": [{"number": cycle, "draw_id": w["draw"].pk}],
        "review:draw_result": [{"number": cycle, "draw_id": w["draw"].pk}],
        "review:draw_participation": [{"number": cycle, "draw_id": w["draw"].pk}],
        "api:docs": [{}],
        "api:interactive": [{}],
        "api:schema": [{}],
        "api:party-list": [{}],
        "api:party-detail": [{"code": "ITA"}],
        "api:instrument-list": [{}],
        "api:instrument-detail": [{"code": "UNTOC"}],
        "api:participation-list": [{}],
        "api:participation-detail": [{"pk": Participation.objects.first().pk}],
        "api:declaration-list": [{}],
        "api:declaration-detail": [{"pk": declaration.pk}],
        "api:record-list": [{}],
        "api:record-detail": [{"pk": record}, {"pk": draft}],
        "api:term-list": [{}],
        "api:term-detail": [{"pk": term.pk}],
        "api:saved-search-list": [{}],
        "api:saved-search-detail": [{"pk": w["saved"].pk}],
        "api:review-cycle-list": [{}],
        "api:review-cycle-detail": [{"number": cycle}],
        "api:review-draw-list": [{}],
        "api:review-draw-detail": [{"pk": w["draw"].pk}],
        "api:review-review-list": [{}],
        "api:review-review-detail": [{"pk": italy.pk}],
        "api:review-review-dialogue": [{"pk": italy.pk}],
        "api:review-review-open-document": [{"pk": brazil.pk}],
        "api:review-document-list": [{}],
        "api:review-document-detail": [{"pk": w["saq"].pk}],
        "api:review-document-article": [{"pk": w["saq"].pk, "article": "5"}],
        "api:review-document-move": [{"pk": w["saq"].pk}],
        "api:review-document-needs": [{"pk": w["saq"].pk}],
        "api:review-document-observations": [{"pk": w["saq"].pk}],
        "api:review-document-text": [{"pk": w["saq"].pk}],
        "api:review-summary-list": [{}],
        "api:review-summary-detail": [{"pk": w["summary"].pk}],
        "api:conference-meeting-list": [{}],
        "api:conference-meeting-detail": [{"pk": w["meeting"].pk}],
        "api:conference-decision-list": [{}],
        "api:conference-decision-detail": [{"pk": w["decision"].pk}],
        "api:conference-search": [{}],
        "api:conference-questionnaire-list": [{}],
        "api:conference-need-list": [{}],
        "api:conference-need-detail": [{"pk": w["assistance_need"].pk}],
        "api:conference-activity-list": [{}],
        "api:conference-offer-list": [{}],
        "api:conference-offer-detail": [{"pk": w["offer"].pk}],
        "api:conference-activity-detail": [{"pk": AssistanceActivity.objects.first().pk}],
        "api:conference-questionnaire-detail": [{"pk": w["questionnaire"].pk}],
        "api:conference-questionnaire-results": [{"pk": w["questionnaire"].pk}],
        "api:conference-reply": [{"pk": w["questionnaire"].pk, "code": "ITA"}],
        "api:conference-answer": [{"pk": w["questionnaire"].pk, "code": "ITA", "number": 1}],
        "api:conference-reply-submit": [{"pk": w["questionnaire"].pk, "code": "ITA"}],
        "api:article": [{"code": "UNTOC", "number": "5"}],
        "api:search": [{}],
        "api:register-json": [{}],
        "api:register-csv": [{}],
        **cooperation_parameters(w),
        **networks_parameters(w),
        "conference:meetings": [{}],
        "conference:meeting": [{"pk": w["meeting"].pk}],
        "conference:decision": [{"pk": w["decision"].pk}],
        "conference:follow_up": [{"pk": w["decision"].paragraphs.first().pk}],
        "conference:follow_up_overview": [{}],
        "conference:search": [{}],
        "conference:questionnaires": [{}],
        "conference:general_review": [{}],
        "conference:assistance": [{}],
        "conference:need_new": [{}],
        "conference:activity_new": [{}],
        "conference:need_publication": [{"pk": w["assistance_need"].pk}],
        "conference:offer": [{"pk": w["offer"].pk}],
        "conference:offer_new": [{}],
        "conference:offer_withdraw": [{"pk": w["offer"].pk}],
        "conference:needs_from_reviews": [{}],
        "conference:general_review_csv": [{}],
        "conference:general_review_docx": [{}],
        "conference:questionnaire_new": [{}],
        "conference:questionnaire": [{"pk": w["questionnaire"].pk}],
        "conference:questionnaire_send": [{"pk": w["questionnaire"].pk}],
        "conference:questionnaire_close": [{"pk": w["questionnaire"].pk}],
        "conference:questionnaire_results": [{"pk": w["questionnaire"].pk}],
        "conference:questionnaire_report": [{"pk": w["questionnaire"].pk}],
        "conference:reply": [{"pk": w["questionnaire"].pk, "code": "ITA"}],
        "conference:answer": [{"pk": w["questionnaire"].pk, "code": "ITA", "number": 1}],
        "conference:reply_experts": [{"pk": w["questionnaire"].pk, "code": "ITA"}],
        "conference:reply_submit": [{"pk": w["questionnaire"].pk, "code": "ITA"}],
        "conference:meeting_new": [{}],
        "conference:document_new": [{"pk": w["meeting"].pk}],
        "conference:decision_new": [{"pk": w["meeting"].pk}],
        "conference:document_file_new": [{"pk": w["meeting"].documents.first().pk}],
        "conference:document_file": [{"pk": w["meeting"].documents.first().pk, "language": "en"}],
    }


def cooperation_parameters(w) -> dict[str, list[dict]]:
    authority, change = {"pk": w["authority"].pk}, {"pk": w["change"].pk}
    sent, draft = {"pk": w["sent request"].pk}, {"pk": w["draft request"].pk}
    designation = w["authority"].designations.first()
    return {
        "cooperation:directory": [{}],
        "cooperation:authorities": [{}],
        "cooperation:authority_new": [{}],
        "cooperation:authorities_import": [{}],
        "cooperation:proposals": [{}],
        "cooperation:directory_upkeep": [{}],
        "cooperation:authority": [authority],
        "cooperation:authority_edit": [authority],
        "cooperation:authority_verify": [authority],
        "cooperation:proposal_confirm": [change],
        "cooperation:proposal_reject": [change],
        "cooperation:legal_basis": [{}],
        "cooperation:requests": [{}],
        "cooperation:request_new": [{}],
        "cooperation:request_record": [{}],
        "cooperation:request_statistics": [{}],
        "cooperation:request": [sent, draft],
        "cooperation:request_step": [{**draft, "step": step} for step in ("authorities", "facts", "persons")],
        "cooperation:request_ready": [draft],
        "cooperation:request_move": [{**sent, "to_state": "executed"}],
        "cooperation:request_message": [sent],
        "cooperation:request_annex": [draft],
        "cooperation:request_attachment": [{**sent, "attachment_id": w["request attachment"].pk}],
        "cooperation:request_letter": [
            {**sent, "language": "fr", "file_format": "docx"},
            {**sent, "language": "ar", "file_format": "pdf"},
        ],
        "api:cooperation-authority-list": [{}],
        "api:cooperation-authority-detail": [authority],
        "api:cooperation-designation-list": [{}],
        "api:cooperation-designation-detail": [{"pk": designation.pk}],
        "api:cooperation-legal-basis": [{}],
        "api:cooperation-request-list": [{}],
        "api:cooperation-request-detail": [sent, draft],
        "api:cooperation-request-messages": [sent],
        "api:cooperation-request-attachments": [sent],
        "api:cooperation-request-attachment": [{**sent, "attachment": w["request attachment"].pk}],
        "api:cooperation-request-statistics": [{}],
        "api:cooperation-request-mark-ready": [draft],
        "api:cooperation-request-approve": [draft],
        "api:cooperation-request-return-to-draft": [draft],
        "api:cooperation-request-send": [draft],
        "api:cooperation-request-move": [sent],
        "api:cooperation-request-check": [{}],
    }


def networks_parameters(w) -> dict[str, list[dict]]:
    investigation = {"pk": w["investigation"].pk}
    entity = {**investigation, "canonical_id": w["merged entity"]}
    source = {**investigation, "source": w["source"].pk}
    candidate = {**investigation, "candidate_id": w["candidate"].pk}
    judgement = {**investigation, "judgement_id": w["judgement"].pk}
    pages = (
        "investigation investigation_edit members member_add share_add sources source_upload source_cases "
        "entities entity_new entity_choices export_ftm export_csv candidates resolve_start judgements hits "
        "chart chart_search chart_elements chart_path chart_view_save chart_export analysis analysis_start "
        "money records_request timeline map screening screening_start assets"
    )
    api = (
        "investigation members shares sources entities export-ftm export-csv candidates candidates-search "
        "judgements hits graph-neighbourhood graph-paths graph-analysis graph-money graph-assets screening"
    )
    view, _ = ChartView.objects.get_or_create(
        investigation=w["investigation"], name="Brokers", state={"nodes": []}
    )
    analysis, _ = Job.objects.get_or_create(
        kind="networks.analyse", params={"investigation": w["investigation"].pk}
    )
    screening = Job.objects.filter(
        kind="networks.screen", params__investigation=w["investigation"].pk
    ).first()
    watch_list = {"list_id": w["watch list"].pk}
    hit = {**investigation, "hit_id": w["screening hit"].pk}
    membership = w["investigation"].memberships.first().pk
    share = {**investigation, "share_id": w["investigation"].shares.first().pk}
    return {
        "networks:investigations": [{}],
        "networks:investigation_new": [{}],
        **{f"networks:{name}": [investigation] for name in pages.split()},
        "networks:member_role": [{**investigation, "membership_id": membership}],
        "networks:member_remove": [{**investigation, "membership_id": membership}],
        "networks:share_revoke": [share],
        "networks:source": [source],
        "networks:source_progress": [source],
        "networks:source_remove": [source],
        "networks:source_case_add": [{**investigation, "record": w["published"].pk}],
        "networks:entity": [entity],
        "networks:entity_edit": [entity],
        "networks:statement_remove": [{**entity, "statement": w["statement"].pk}],
        "networks:candidate": [candidate],
        "networks:candidate_judge": [candidate],
        "networks:judgement_undo": [judgement],
        "networks:resolve_progress": [{**investigation, "run_id": w["run"].pk}],
        "networks:chart_view": [{**investigation, "view_id": view.pk}],
        "networks:chart_view_delete": [{**investigation, "view_id": view.pk}],
        "networks:analysis_progress": [{**investigation, "job_id": analysis.pk}],
        "networks:watch_lists": [{}],
        "networks:watch_list_progress": [watch_list],
        "networks:watch_list_delete": [watch_list],
        "networks:screening_progress": [{**investigation, "job_id": screening.pk}],
        "networks:screening_decide": [hit],
        "api:networks-watch-lists": [{}],
        "api:networks-screening-decide": [hit],
        "api:networks-investigations": [{}],
        **{f"api:networks-{name}": [investigation] for name in api.split()},
        "api:networks-member": [{**investigation, "membership_id": membership}],
        "api:networks-share-revoke": [share],
        "api:networks-source": [source],
        "api:networks-entity": [entity],
        "api:networks-candidate": [candidate],
        "api:networks-candidate-judgement": [candidate],
        "api:networks-judgement-undo": [judgement],
    }


def url_names() -> list[str]:
    """Every named URL pattern of the app, namespaced."""
    found = []

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
                )
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return sorted(set(found))


def urls(w) -> list[tuple[str, str]]:
    """(URL name, URL) of every page to visit."""
    parameters = url_parameters(w)
    return [(name, reverse(name, kwargs=kwargs)) for name in url_names() for kwargs in parameters[name]]


def client_for(role: str, w) -> Client:
    """A client signed in as `role` (with the second factor, as the real sign-in would leave it)."""
    client = Client()
    if role == "anonymous":
        return client
    user = w["users"][role]
    client.force_login(user)
    if user.needs_two_factor:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, defaults={"name": "t", "confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@contextmanager
def no_writes(where: str):
    """Fail on any write to the database (but the read audits named above) while the block runs."""
    writes = []

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql):
            audited = "core_auditentry" in sql and params and any(p in READ_AUDITS for p in params)
            if not audited:
                writes.append(sql[:200])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield
    assert not writes, f"{where} wrote to the database: {writes}"


def test_no_get_or_head_of_any_page_writes_or_fails_for_anyone(world):
    """One test (the world is made once): every URL pattern is listed, then walked by every role; HEAD
    (the same views) by the role who sees most."""
    missing = set(url_names()) - set(url_parameters(world))
    assert not missing, f"add these URL names to url_parameters(): {sorted(missing)}"
    visited = urls(world)
    for role in ROLES:
        client = client_for(role, world)
        methods = (client.get, client.head) if role == "secretariat" else (client.get,)
        for name, url in visited:
            for method in methods:
                with no_writes(f"{method.__name__.upper()} {url} as {role}"):
                    response = method(url)
                assert response.status_code < 500, f"{url} as {role}: {response.status_code}"
                if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                    page = b"".join(response.streaming_content) if response.streaming else response.content
                    unlabelled = unlabelled_cells(page.decode())
                    assert not unlabelled, (
                        f"{url}: cells of a table stacked on phones without data-label: {unlabelled[:5]}"
                    )
                if role == "anonymous" and needs_signing_in(name):
                    assert response.status_code == 302, url
                    assert response["Location"] == sign_in_url(url), url
