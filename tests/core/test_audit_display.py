"""The audit log reads as sentences in the reader's language: every action the code writes has one (found
by reading the source), details read as "label: value", and the log filters by person, kind and dates."""

import ast
import re
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone, translation

from palermo.accounts.models import Role
from palermo.core.audit import log_action
from palermo.core.audit_display import ACTIONS, GROUPS, show
from palermo.core.models import AuditEntry
from palermo.knowledge.models import CurationState
from tests.factories import UserFactory, signed_in

SOURCE = Path(__file__).resolve().parents[2] / "src" / "palermo"
WRITERS = {"log_action", "record_failure", "audit"}  # functions whose first argument is the action written
# (`audit`: the networks app's, which writes under the investigation's number)
# Actions built from a variable (f-strings): each template with every value it can take.
TEMPLATES = {
    "knowledge.record.{}": CurationState.values,
    "review.saq.{}_removed": ["citation", "need"],
}


def _constants() -> dict[str, str]:
    """Module-level string constants of the whole source (RESET_REQUESTED = "auth...")."""
    found = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        found[target.id] = node.value.value
    return found


def _actions_of(node, constants) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _actions_of(node.body, constants) + _actions_of(node.orelse, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    if isinstance(node, ast.JoinedStr):
        template = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        assert template in TEMPLATES, f"an action built as {template!r}: list its values in TEMPLATES"
        return [template.format(value) for value in TEMPLATES[template]]
    raise AssertionError(f"cannot read the action written at line {node.lineno}: {ast.dump(node)}")


def actions_written_by_the_code() -> set[str]:
    constants, actions = _constants(), set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        # A writer that passes its own `action` argument on (record_failure) is read where it is called.
        passing_on = {
            id(call)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and function.name in WRITERS
            for call in ast.walk(function)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and id(node) not in passing_on:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in WRITERS:
                    actions.update(_actions_of(node.args[0], constants))
    return actions


def test_every_action_the_code_writes_has_a_sentence():
    written = actions_written_by_the_code()
    assert len(written) > 50  # the scan finds the code's actions (it found 60 when written)
    assert written - set(ACTIONS) == set()


def test_every_sentence_belongs_to_a_kind_and_can_be_written():
    for code, action in ACTIONS.items():
        assert action.group in GROUPS, code
        assert str(action.sentence) % defaultdict(lambda: "x"), code  # no stray % sign


@pytest.mark.django_db
def test_a_sentence_names_who_did_what_to_whom():
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN, first_name="Sam", last_name="Secretariat")
    person = UserFactory(first_name="Olga", last_name="Observer", role=Role.OBSERVER)
    entry = log_action(
        "accounts.permission.changed",
        actor=secretariat,
        obj=person,
        data={"from": "observer", "to": "practitioner"},
    )
    shown = show(AuditEntry.objects.select_related("actor").get(pk=entry.pk))
    assert shown.sentence == f"Sam Secretariat changed the role of {person} to Practitioner"
    assert shown.group == "Accounts and roles"
    assert shown.details == [("before", "Observer"), ("after", "Practitioner")]
    with translation.override("fr"):  # a role's label is translated (the sentence, once translated, too)
        assert show(entry).details[1][1] == str(Role.PRACTITIONER.label) == "Praticien"


@pytest.mark.django_db
def test_details_read_as_labels_and_values_not_as_json():
    entry = log_action(
        "auth.lockout",
        actor_name="someone@example.org",
        data={
            "scope": "account",
            "username": "someone@example.org",
            "failures": 6,
            "until": "2026-12-01T10:15:00+00:00",
        },
    )
    shown = show(entry)
    assert shown.sentence == "Sign-in locked on the account for someone@example.org after 6 failures"
    assert dict(shown.details) == {
        "scope": "on the account",
        "user name": "someone@example.org",
        "failures": "6",
        "until": "1 December 2026, 10:15 UTC",
    }
    nested = show(log_action("review.cluster.corrected", data={"before": ["5", "6"], "after": {"a": None}}))
    assert dict(nested.details) == {"before": "5, 6", "after": "a: —"}
    assert show(log_action("auth.logout")).sentence == "A command signed out"


@pytest.mark.django_db
def test_an_unknown_action_is_shown_as_written():
    shown = show(log_action("somewhere.new.thing", data={"x": 1}))
    assert (shown.sentence, shown.group, shown.details) == ("somewhere.new.thing", "", [("x", "1")])


@pytest.fixture
def log_reader():
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN, first_name="Sam", last_name="Reader")
    return secretariat, signed_in(Client(), secretariat)


def rows(response) -> list[str]:
    return re.findall(r'<tr data-action="([^"]+)"', response.content.decode())


@pytest.mark.django_db
def test_the_audit_log_filters_by_person_kind_and_dates(log_reader):
    _secretariat, client = log_reader
    olga = UserFactory(
        first_name="Olga", last_name="Ostrova", email="olga@example.org", username="olga@example.org"
    )
    forty_days_ago = timezone.now() - timedelta(days=40)
    with mock.patch("django.utils.timezone.now", return_value=forty_days_ago):  # the log is append-only
        log_action("knowledge.search.saved", actor=olga, data={"name": "old"})
    log_action("auth.login.failed", actor_name="olga@example.org", data={"username": "olga@example.org"})
    log_action("accounts.user.approved", actor=UserFactory(), obj=olga)
    log_action("register.reference_data.loaded", data={"parties": 1, "articles": 2})
    url = "/en/accounts/audit-log/"
    by_person = rows(client.get(url, {"who": "olga ostrova"}))
    assert sorted(by_person) == ["accounts.user.approved", "knowledge.search.saved"]
    assert rows(client.get(url, {"who": "olga@example.org", "kind": "failures"})) == ["auth.login.failed"]
    today = timezone.localdate().isoformat()
    assert sorted(rows(client.get(url, {"who": "olga", "since": today, "until": today}))) == [
        "accounts.user.approved",
        "auth.login.failed",
    ]
    earlier = forty_days_ago.date().isoformat()
    assert rows(client.get(url, {"who": "olga", "until": earlier})) == ["knowledge.search.saved"]
    page = client.get(url, {"kind": "register"}).content.decode()
    assert "A command loaded the reference data (1 parties, 2 articles)" in page


@pytest.mark.django_db
def test_a_reversed_date_range_or_an_unknown_kind_is_an_error_not_an_empty_page(log_reader):
    _secretariat, client = log_reader
    page = client.get(
        "/en/accounts/audit-log/", {"since": "2026-05-01", "until": "2026-01-01"}
    ).content.decode()
    assert "This date is before the first one" in page and "Correct the filter above." in page
    page = client.get("/en/accounts/audit-log/", {"kind": "nonsense", "since": "yesterday"}).content.decode()
    assert "Select a valid choice." in page and "Enter a valid date." in page


@pytest.mark.django_db
def test_the_audit_log_reads_a_page_in_a_fixed_number_of_queries(log_reader, django_assert_max_num_queries):
    _secretariat, client = log_reader
    people = [UserFactory() for _ in range(5)]
    for person in people:
        for _ in range(12):
            log_action("auth.login", actor=person)
    with django_assert_max_num_queries(12):
        response = client.get("/en/accounts/audit-log/")
    assert len(rows(response)) == 50
