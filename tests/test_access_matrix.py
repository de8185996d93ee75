"""The access matrix: every role, every confidential object, every channel (pages, API, search results,
counts, exports, feeds, earlier versions, attachments). Each row says who may see a secret; everyone else
must not find it anywhere — a 404, a redirect to sign in, or an answer without it.

Every new feature that holds something not public adds its rows to `PROBES` (and, for a new kind of
person, a role to `ROLES`)."""

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.models import Organisation, Role
from palermo.cooperation.domain import requests as request_domain
from palermo.cooperation.models import AuthorityKind, RequestKind
from palermo.knowledge.domain.records import attach_pdf, create_record
from palermo.knowledge.domain.saved import save_search
from palermo.networks.domain.form_entries import enter_entity
from palermo.networks.domain.investigations import create_investigation
from palermo.review.domain import feedback, steps
from tests.cooperation.conftest import authority as cooperation_authority
from tests.cooperation.request_helpers import complete_content
from tests.factories import UserFactory, published_case, signed_in
from tests.review.conftest import person, secretariat, two_reviews  # noqa: F401 (fixtures)
from tests.review.test_feedback import feedback_of
from tests.review.test_version_confidentiality import RETURN_COMMENT, WITHDRAWN, withdrawn_self_assessment

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Draftmarker v. Unpublished"
DEFENDANT = "Defendantmarker Zeta"
ATTACHED = b"%PDF-1.4\n% Attachmentmarker\n%%EOF\n"
FEEDBACK_DRAFT = "Feedbackmarker not yet cleared"
DIALOGUE = "Dialoguemarker question"
SAVED_NAME = "Savedmarker search"
AUTHENTICATOR = "Authenticatormarker phone"
PUBLISHED = "Publishedmarker"

# The people of the world below. The knowledge draft is written by the expert of the State under review,
# so the State's ministry has colleagues with and without a contributor's role.
ROLES = [
    "anonymous",
    "public visitor",
    "public visitor of the authority",
    "observer of the authority",
    "contributor without second factor",
    "colleague",
    "other State's contributor",
    "secretariat",
    "focal point",
    "expert",
    "observer",
    "reviewing focal point",
    "reviewing expert",
    "expert of another review",
    "practitioner of the requesting authority",
    "practitioner of the requested authority",
]
EVERYONE = set(ROLES) - {"contributor without second factor"}  # who has not enrolled sees only enrolment
DRAFT_READERS = {"secretariat", "focal point", "expert", "colleague"}
DELEGATION = {"secretariat", "focal point", "expert", "observer"}
REVIEW = DELEGATION | {"reviewing focal point", "reviewing expert"}
REVIEWING_DELEGATION = {"secretariat", "reviewing focal point", "reviewing expert"}
# International cooperation: the directory's contacts for the users of competent authorities and the
# secretariat; a request for the users of its two authorities alone (a draft: of the requesting one).
AUTHORITY_CONTACT = "contactmarker@example.invalid"
REQUEST_FACTS = "Requestmarker facts of the case"
DRAFT_REQUEST = "Draftrequestmarker title"
AUTHORITY_USERS = {"practitioner of the requesting authority", "practitioner of the requested authority"}
DIRECTORY_READERS = AUTHORITY_USERS | {"secretariat"}
# Networks: an investigation of the requesting authority, for its members alone (not the secretariat, not
# the other authority's users, not the State's other people).
INVESTIGATION = "Investigationmarker Lupa"
INVESTIGATORS = {"practitioner of the requesting authority"}
SUSPECT = "Entitymarker Zeta"


@dataclass
class Probe:
    name: str
    url: Callable[[dict], str]
    secret: str | bytes
    readers: set[str]
    seen: Callable | None = None  # how to tell that the response shows the object (default: the secret)


def _total(response) -> bool:
    body = response.json() if response.status_code == 200 else {}
    return bool(body.get("total")) or any(sum(v.values()) for v in body.get("facets", {}).values() if v)


def _ok(response) -> bool:
    return response.status_code == 200


def _zipped_suspect(response) -> bool:
    """The zip of CSV files (one per schema) holds the suspect's name."""
    if response.status_code != 200:
        return False
    body = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return any(SUSPECT.encode() in archive.read(name) for name in archive.namelist())


def _reviews(response) -> bool:
    """The home page counts at least one review for this person."""
    found = re.search(rb'data-count="reviews">My reviews \((\d+)\)', response.content)
    return bool(found and int(found.group(1)))


def _doc(kind):
    return lambda w: f"/en/review/reviews/{w['review'].pk}/phases/1/{kind}/{w[kind].party_id}/"


PROBES = [
    Probe("published record", lambda w: f"/en/knowledge/records/{w['published'].pk}/", PUBLISHED, EVERYONE),
    Probe(
        "draft record page", lambda w: f"/en/knowledge/records/{w['draft'].pk}/", DRAFT_TITLE, DRAFT_READERS
    ),
    Probe("draft defendant", lambda w: f"/en/knowledge/records/{w['draft'].pk}/", DEFENDANT, DRAFT_READERS),
    Probe(
        "draft earlier version",
        lambda w: f"/en/knowledge/records/{w['draft'].pk}/versions/1/",
        DEFENDANT,
        DRAFT_READERS,
    ),
    Probe("record list", lambda w: "/en/knowledge/records/", DRAFT_TITLE, DRAFT_READERS),
    Probe("search results", lambda w: "/en/knowledge/?q=draftmarker", DRAFT_TITLE, DRAFT_READERS),
    Probe("search CSV", lambda w: "/en/knowledge/search.csv?q=draftmarker", DRAFT_TITLE, DRAFT_READERS),
    Probe(
        "search JSON Lines", lambda w: "/en/knowledge/search.jsonl?q=draftmarker", DEFENDANT, DRAFT_READERS
    ),
    Probe("search feed", lambda w: "/en/knowledge/feed/?q=draftmarker", DRAFT_TITLE, set()),
    Probe("open data export", lambda w: "/en/knowledge/export.csv", DRAFT_TITLE, set()),
    Probe("API records", lambda w: "/api/v1/records/?limit=500", DRAFT_TITLE, DRAFT_READERS),
    Probe("API record", lambda w: f"/api/v1/records/{w['draft'].pk}/", DEFENDANT, DRAFT_READERS),
    Probe("API search", lambda w: "/api/v1/search/?q=draftmarker", DRAFT_TITLE, DRAFT_READERS),
    Probe("API search counts", lambda w: "/api/v1/search/?q=draftmarker", "", DRAFT_READERS, _total),
    Probe(
        "draft attachment",
        lambda w: f"/en/knowledge/records/{w['draft'].pk}/attachments/{w['attachment'].pk}/",
        b"Attachmentmarker",
        DRAFT_READERS,
    ),
    Probe("saved searches", lambda w: "/en/knowledge/saved/", SAVED_NAME, {"expert"}),
    Probe("API saved searches", lambda w: "/api/v1/saved-searches/", SAVED_NAME, {"expert"}),
    Probe(
        "user directory",
        lambda w: f"/en/accounts/users/?q={w['colleague'].email}",  # a page of 50: found by searching
        lambda w: w["colleague"].email,
        {"secretariat"},
    ),
    Probe("audit log", lambda w: "/en/accounts/audit-log/", "review.document.moved", {"secretariat"}),
    Probe(
        "withdrawn version of a self-assessment",
        lambda w: _doc("self_assessment")(w) + "versions/1/",
        WITHDRAWN,
        DELEGATION,
    ),
    Probe("return comment", _doc("self_assessment"), RETURN_COMMENT, DELEGATION),
    Probe("cleared self-assessment", _doc("self_assessment"), "Clean text.", REVIEW),
    Probe("cleared version", lambda w: _doc("self_assessment")(w) + "versions/4/", "Clean text.", REVIEW),
    Probe(
        "self-assessment export",
        lambda w: _doc("self_assessment")(w) + "export.docx",
        "",
        REVIEW,
        _ok,
    ),
    Probe("draft feedback", _doc("feedback"), FEEDBACK_DRAFT, REVIEWING_DELEGATION),
    Probe(
        "API draft feedback",
        lambda w: f"/api/v1/review/documents/{w['feedback'].pk}/",
        FEEDBACK_DRAFT,
        REVIEWING_DELEGATION,
    ),
    Probe("API documents", lambda w: "/api/v1/review/documents/", FEEDBACK_DRAFT, REVIEWING_DELEGATION),
    Probe("dialogue", lambda w: f"/en/review/reviews/{w['review'].pk}/phases/1/dialogue/", DIALOGUE, REVIEW),
    Probe("review page", lambda w: f"/en/review/reviews/{w['review'].pk}/", "", REVIEW, _ok),
    Probe(
        "published record's earlier version",
        lambda w: f"/en/knowledge/records/{w['published'].pk}/versions/1/",
        PUBLISHED,
        {"secretariat"},
    ),
    Probe("cycle dashboard", lambda w: "/en/review/cycles/1/dashboard/", "", {"secretariat"}, _ok),
    Probe("dashboard CSV", lambda w: "/en/review/cycles/1/dashboard.csv", "", {"secretariat"}, _ok),
    Probe("needs CSV", lambda w: "/en/review/cycles/1/assistance-needs.csv", "", {"secretariat"}, _ok),
    Probe("observations CSV", lambda w: "/en/review/cycles/1/observations.csv", "", {"secretariat"}, _ok),
    Probe("home page count of drafts", lambda w: "/en/", 'data-count="unpublished"', DRAFT_READERS),
    Probe(
        "home page count of reviews", lambda w: "/en/", "", REVIEW | {"expert of another review"}, _reviews
    ),
    Probe("own account page", lambda w: "/en/accounts/profile/", AUTHENTICATOR, {"expert"}),
    Probe("directory overview", lambda w: "/en/cooperation/", AUTHORITY_CONTACT, set()),
    Probe("authority list", lambda w: "/en/cooperation/authorities/", "Authoritymarker", DIRECTORY_READERS),
    Probe("authority page", lambda w: _authority(w), AUTHORITY_CONTACT, DIRECTORY_READERS),
    Probe(
        "API authorities", lambda w: "/api/v1/cooperation/authorities/", AUTHORITY_CONTACT, DIRECTORY_READERS
    ),
    Probe(
        "API authority",
        lambda w: f"/api/v1/cooperation/authorities/{w['authority'].pk}/",
        AUTHORITY_CONTACT,
        DIRECTORY_READERS,
    ),
    Probe(
        "request page", lambda w: f"/en/cooperation/requests/{w['sent'].pk}/", REQUEST_FACTS, AUTHORITY_USERS
    ),
    Probe(
        "incoming requests",
        lambda w: "/en/cooperation/requests/?direction=incoming",
        lambda w: w["sent"].reference,
        {"practitioner of the requested authority"},
    ),
    Probe(
        "letter of request",
        lambda w: f"/en/cooperation/requests/{w['sent'].pk}/letter/fr.docx",
        "",
        AUTHORITY_USERS,
        _ok,
    ),
    Probe(
        "API request",
        lambda w: f"/api/v1/cooperation/requests/{w['sent'].pk}/",
        REQUEST_FACTS,
        AUTHORITY_USERS,
    ),
    Probe(
        "API requests",
        lambda w: "/api/v1/cooperation/requests/",
        lambda w: w["sent"].reference,
        AUTHORITY_USERS,
    ),
    Probe(
        "draft request",
        lambda w: f"/en/cooperation/requests/{w['draft request'].pk}/",
        DRAFT_REQUEST,
        {"practitioner of the requesting authority"},
    ),
    Probe(
        "API draft request",
        lambda w: f"/api/v1/cooperation/requests/{w['draft request'].pk}/",
        DRAFT_REQUEST,
        {"practitioner of the requesting authority"},
    ),
    Probe("request statistics", lambda w: "/en/cooperation/requests/statistics/", "", {"secretariat"}, _ok),
    *(
        Probe(
            f"investigation {page}",
            lambda w, page=page: f"/en/networks/investigations/{w['investigation'].pk}/{page}",
            INVESTIGATION,
            INVESTIGATORS,
        )
        for page in ("", "members/", "settings/", "entities/", "sources/", "candidates/", "screening/")
    ),
    Probe("investigation list", lambda w: "/en/networks/investigations/", INVESTIGATION, INVESTIGATORS),
    *(
        Probe(
            f"API investigation {part}",
            lambda w, part=part: f"/api/v1/networks/investigations/{w['investigation'].pk}/{part}",
            secret,
            INVESTIGATORS,
        )
        for part, secret in (("", INVESTIGATION), ("members/", '"role":"lead"'))
    ),
    Probe("API investigations", lambda w: "/api/v1/networks/investigations/", INVESTIGATION, INVESTIGATORS),
    *(
        Probe(
            f"investigation {name}",
            lambda w, path=path: f"/en/networks/investigations/{w['investigation'].pk}/{path(w)}",
            SUSPECT,
            INVESTIGATORS,
        )
        for name, path in (
            ("entity list", lambda w: "entities/?q=Entitymarker"),
            ("entity page", lambda w: f"entities/{w['suspect']}/"),
            ("FtM export", lambda w: "export/entities.ftm.json"),
        )
    ),
    Probe(
        "investigation CSV export",
        lambda w: f"/en/networks/investigations/{w['investigation'].pk}/export/entities-csv.zip",
        SUSPECT,
        INVESTIGATORS,
        _zipped_suspect,
    ),
    *(
        Probe(
            f"API investigation {name}",
            lambda w, path=path: f"/api/v1/networks/investigations/{w['investigation'].pk}/{path(w)}",
            SUSPECT,
            INVESTIGATORS,
        )
        for name, path in (
            ("entities", lambda w: "entities/"),
            ("entity", lambda w: f"entities/{w['suspect']}/"),
            ("FtM export", lambda w: "export/ftm/"),
        )
    ),
    Probe(
        "removing an authenticator",
        lambda w: f"/en/accounts/profile/authenticators/{w['authenticator'].pk}/remove/",
        "",
        {"expert"},
        _ok,
    ),
]


def _authority(w) -> str:
    return f"/en/cooperation/authorities/{w['authority'].pk}/"


def cooperation_world(state: str) -> dict:
    """Two authorities of the directory (of the State under review and of another), each with a
    practitioner, a sent request between them and a draft; the review's people work elsewhere."""
    other = "FRA" if state != "FRA" else "DEU"
    people, authorities = {}, {}
    for side, code in (("requesting", state), ("requested", other)):
        organisation = Organisation.objects.create(
            name=f"Authoritymarker {side}", kind=Organisation.Kind.STATE_AUTHORITY, party_id=code
        )
        authorities[side] = cooperation_authority(
            code,
            f"Authoritymarker {side}",
            AuthorityKind.CENTRAL_AUTHORITY,
            organisation=organisation,
            emails=[AUTHORITY_CONTACT],
        )
        people[side] = UserFactory(role=Role.PRACTITIONER, organisation=organisation)
    approver = UserFactory(role=Role.PRACTITIONER, organisation=people["requesting"].organisation)
    drafter = _verified(people["requesting"])
    content = {**complete_content(other), "requesting_state": state, "facts": REQUEST_FACTS}
    sent = request_domain.create_request(
        actor=drafter,
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        requesting_authority=authorities["requesting"],
        requested_authority=authorities["requested"],
        content=content,
    )
    request_domain.mark_ready(req=sent, actor=drafter)
    request_domain.approve_request(req=sent, actor=_verified(approver))
    request_domain.send_request(req=sent, actor=drafter, on=date.today(), channel="direct")
    draft = request_domain.create_request(
        actor=drafter,
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        requesting_authority=authorities["requesting"],
        requested_authority=authorities["requested"],
        title=DRAFT_REQUEST,
    )
    investigation = create_investigation(user=drafter, title=INVESTIGATION)
    suspect = enter_entity(
        investigation=investigation, user=drafter, schema="Person", values={"name": [SUSPECT]}
    )
    return {
        "investigation": investigation,
        "suspect": suspect,
        "authority": authorities["requesting"],
        "sent": sent,
        "draft request": draft,
        "practitioner of the requesting authority": people["requesting"],
        "practitioner of the requested authority": people["requested"],
    }


def _verified(user):
    user.is_verified = lambda: True
    return user


@pytest.fixture
def world(two_reviews, settings, tmp_path):  # noqa: F811 (the fixture imported above)
    settings.MEDIA_ROOT = tmp_path
    cast, other = two_reviews["first"], two_reviews["second"]
    state = cast["review"].state_under_review_id
    ministry = cast["expert"].organisation
    saq = withdrawn_self_assessment(cast)
    comments = feedback_of(cast)
    feedback.save_comments(
        document=comments,
        user=cast["reviewing expert"],
        article="5",
        comments={"": FEEDBACK_DRAFT},
        expected_version=0,
    )
    feedback.post(review=cast["review"], phase=1, user=cast["reviewing expert"], text=DIALOGUE)
    author = _verified(cast["expert"])
    draft = create_record(
        user=author,
        kind="case",
        fields={"title": DRAFT_TITLE, "jurisdiction_id": state, "date": date(2020, 1, 1)},
        people={"defendants": [{"name": DEFENDANT, "gender": "male", "verdict": "convicted"}]},
    )
    attachment = attach_pdf(
        record=draft, user=author, upload=SimpleUploadedFile("j.pdf", ATTACHED, "application/pdf")
    )
    save_search(user=author, name=SAVED_NAME, query="q=smuggling")
    authenticator = TOTPDevice.objects.create(user=cast["expert"], name=AUTHENTICATOR, confirmed=True)
    cooperation = cooperation_world(state)
    return {
        **{
            key: cooperation[key]
            for key in ("authority", "sent", "draft request", "investigation", "suspect")
        },
        "authenticator": authenticator,
        "review": cast["review"],
        "self_assessment": saq,
        "feedback": comments,
        "draft": draft,
        "attachment": attachment,
        "published": published_case(f"{PUBLISHED} case", "A published summary."),
        "colleague": person(state),
        "people": {
            **{role: cast[role] for role in ("focal point", "expert", "observer")},
            "reviewing focal point": cast["reviewing focal point"],
            "reviewing expert": cast["reviewing expert"],
            "expert of another review": other["expert"],
            "public visitor": UserFactory(role=Role.PUBLIC, organisation=None),
            "public visitor of the authority": UserFactory(role=Role.PUBLIC, organisation=ministry),
            "observer of the authority": UserFactory(role=Role.OBSERVER, organisation=ministry),
            "contributor without second factor": UserFactory(
                role=Role.GOVERNMENTAL_EXPERT, organisation=ministry
            ),
            "other State's contributor": person("FRA" if state != "FRA" else "DEU"),
            "secretariat": UserFactory(role=Role.SECRETARIAT_ADMIN),
            **{role: cooperation[role] for role in AUTHORITY_USERS},
        },
    }


def _shows(response, secret) -> bool:
    if response.status_code != 200:
        return False
    if hasattr(response, "streaming_content"):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return (secret if isinstance(secret, bytes) else secret.encode()) in body


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world, role):
    world["people"]["colleague"] = world["colleague"]
    client = Client()
    if role != "anonymous":
        user = world["people"][role]
        signed_in(client, user, verified=role != "contributor without second factor")
    wrong = []
    for probe in PROBES:
        response = client.get(probe.url(world))
        secret = probe.secret(world) if callable(probe.secret) else probe.secret
        seen = probe.seen(response) if probe.seen else _shows(response, secret)
        if seen != (role in probe.readers):
            wrong.append(f"{probe.name}: {'sees' if seen else 'does not see'} ({response.status_code})")
        if not seen and response.status_code == 200 and probe.name in ("draft record page", "API record"):
            wrong.append(f"{probe.name}: answers 200 without the object")  # not found must be 404
    assert wrong == [], role


def test_every_role_is_somewhere_a_reader_and_somewhere_not():
    """The matrix tells roles apart: no role reads everything but the secretariat, none reads nothing."""
    for role in ROLES:
        reads = [p.name for p in PROBES if role in p.readers]
        assert role == "contributor without second factor" or reads, role
        assert role == "secretariat" or len(reads) < len(PROBES), role
    assert steps.CLEARED == "cleared"
