"""Schemathesis against the whole API, in-process, as every kind of caller (anonymous, a public visitor,
a secretariat admin signed in with the second factor, a focal point appointed to a review): whatever it
sends, valid requests and invalid ones alike, the answer is never a server error.

For each operation of the app's own OpenAPI schema it sends schemathesis's coverage cases (every parameter
and body field at and past its bounds, of the wrong type, missing) and examples Hypothesis makes up, with
ids it makes up and with the ids of objects that exist (a record, a review, its documents, a saved
search...), so that it also reaches past the 404s. Each role's test runs in one database transaction that
is rolled back at its end, so what it writes reaches no other test; the examples are derandomized, so CI
sends the same requests every time. The pytest plugin of schemathesis is not used: its subtests rely on a
pytest internal that pytest 9 changed; these are the calls schemathesis's own runner makes.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from palermo.accounts.models import Role
from palermo.knowledge.domain.saved import save_search
from palermo.knowledge.models import Term
from palermo.register.models import Declaration, Participation
from palermo.review.domain import feedback, steps
from palermo.review.models import Draw
from tests.factories import UserFactory, published_case, signed_in

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25  # per operation and role, made up
MAX_EXAMPLES_EXISTING = 15  # per operation with path parameters and role, about objects that exist


@dataclass
class Caller:
    role: str
    user: object = None
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def caller_signed_in(role: str, user) -> Caller:
    """The user signed in through the login pages (with the second factor where the role needs it), as the
    session and CSRF cookies a browser would send; writes need the CSRF token in a header too."""
    client = signed_in(Client(), user)
    client.get("/api/")  # sets the CSRF cookie
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return Caller(role, user, cookies, {"X-CSRFToken": cookies["csrftoken"]})


@pytest.fixture(params=["anonymous", "public visitor", "secretariat", "focal point"])
def caller(request, two_reviews) -> Caller:
    role = request.param
    if role == "anonymous":
        return Caller(role)
    if role == "public visitor":
        return caller_signed_in(role, UserFactory(role=Role.PUBLIC))
    if role == "secretariat":
        return caller_signed_in(role, UserFactory(role=Role.SECRETARIAT_ADMIN))
    return caller_signed_in(role, two_reviews["first"]["focal point"])


@pytest.fixture
def existing(two_reviews, caller) -> dict[str, list[dict]]:
    """Path parameters of objects that exist, by the path up to its first parameter: a published record,
    the first review with its documents and a dialogue thread, the caller's saved search."""
    cast = two_reviews["first"]
    review = cast["review"]
    state, reviewer = review.state_under_review_id, cast["reviewing expert"].organisation.party_id
    documents = [
        steps.document(review=review, phase=1, kind=kind, party=party, user=cast[author])
        for kind, party, author in (
            ("self_assessment", state, "focal point"),
            ("observations", state, "focal point"),
            ("feedback", reviewer, "reviewing focal point"),
        )
    ]
    feedback.post(review=review, phase=1, user=cast["reviewing expert"], text="Which court?", article="5")
    record = published_case("Smuggling by sea", "Migrants were smuggled by sea.", jurisdiction="ITA")
    saved = save_search(user=caller.user or UserFactory(), name="Boats", query="q=boats")
    return {
        "/api/v1/parties/": [{"code": "ITA"}],
        "/api/v1/instruments/": [{"code": "SOM", "number": "6"}],
        "/api/v1/records/": [{"id": record.pk}],
        "/api/v1/declarations/": [{"id": Declaration.objects.values_list("pk", flat=True).first()}],
        "/api/v1/participation/": [{"id": Participation.objects.values_list("pk", flat=True).first()}],
        "/api/v1/terms/": [{"id": Term.objects.values_list("pk", flat=True).first()}],
        "/api/v1/saved-searches/": [{"id": saved.pk}],
        "/api/v1/review/cycles/": [{"number": review.cycle.number}],
        "/api/v1/review/draws/": [{"id": Draw.objects.values_list("pk", flat=True).first()}],
        "/api/v1/review/reviews/": [{"id": review.pk}],
        "/api/v1/review/documents/": [{"id": document.pk, "article": "5"} for document in documents],
    }


@contextmanager
def connection_kept_open():
    """Django closes the database connection after each request it handles, which would end the test's
    transaction on PostgreSQL; Django's test client keeps it open the same way."""
    disconnected = [
        signal for signal in (request_started, request_finished) if signal.disconnect(close_old_connections)
    ]
    try:
        yield
    finally:
        for signal in disconnected:
            signal.connect(close_old_connections)


def api_schema():
    config = schemathesis.Config.from_dict({"generation": {"deterministic": True, "database": "none"}})
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler(), config=config)


def existing_for(operation, existing: dict[str, list[dict]]) -> list[dict]:
    """The path parameters of objects that exist for this operation (none if it has no path parameters)."""
    names = {parameter.name for parameter in operation.path_parameters}
    return [
        {name: value for name, value in parameters.items() if name in names}
        for parameters in (existing.get(operation.path.split("{")[0], []) if names else [])
        if None not in parameters.values()
    ]


def coverage_cases(schema, operation, existing: dict[str, list[dict]]):
    """Schemathesis's coverage cases (each parameter and body field at and past its bounds, of the wrong
    type, missing...); a write's are sent to objects that exist as well, so they reach the body's checks."""
    generation = schema.config.generation_for(operation=operation, phase="coverage")
    known = existing_for(operation, existing) if operation.method.upper() == "POST" else []
    cases = schema.iter_coverage_cases(
        operation, generation_modes=list(GenerationMode), generation_config=generation
    )
    for number, case in enumerate(cases):
        yield case
        if known:
            case.path_parameters = {**(case.path_parameters or {}), **known[number % len(known)]}
            yield case


def fuzzed(operation, existing: dict[str, list[dict]]):
    """Requests made up by Hypothesis: valid and invalid ones, and valid ones about objects that exist."""
    made_up = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )
    about_existing = [
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=parameters)
        for parameters in existing_for(operation, existing)
    ]
    yield made_up, MAX_EXAMPLES
    if about_existing:
        yield st.one_of(*about_existing), MAX_EXAMPLES_EXISTING


def send(case, caller: Caller) -> None:
    case.call_and_validate(headers=caller.headers, cookies=caller.cookies, checks=[not_a_server_error])


def send_examples(strategy, max_examples: int, caller: Caller) -> None:
    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,  # nothing is written to .hypothesis/
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def sends(case):
        send(case, caller)

    sends()


def test_no_request_gives_a_server_error(caller, existing, subtests):
    with connection_kept_open():
        schema = api_schema()
        for result in schema.get_all_operations():
            operation = result.ok()
            with subtests.test(role=caller.role, operation=operation.label):
                for case in coverage_cases(schema, operation, existing):
                    send(case, caller)
                for strategy, max_examples in fuzzed(operation, existing):
                    send_examples(strategy, max_examples, caller)
