"""Recording a request received outside Palermo: the requested authority's practitioner enters a request
from an authority of another State that does not use Palermo; it starts at "received", and the requesting
side's later moves are entered by hand. Everyone else: 404."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.cooperation.models import Request, RequestEvent, RequestKind, RequestState
from palermo.core.models import AuditEntry
from tests.cooperation.conftest import authority
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
S = RequestState
URL = "cooperation:request_record"


def today():
    return timezone.localdate()


def form_data(world, **changes) -> dict:
    data = {
        "kind": RequestKind.EXTRADITION,
        "requesting_authority": world.authorities["france"].pk,
        "title": "Extradition of a suspect of trafficking",
        "received_on": (today() - timedelta(days=3)).isoformat(),
        "reference": "BEPI 2026/123",
        "facts": "The suspect recruited victims in France for exploitation in Italy.",
    }
    data.update(changes)
    return data


def written() -> tuple[int, int, int]:
    return Request.objects.count(), RequestEvent.objects.count(), AuditEntry.objects.count()


def test_a_request_from_france_is_recorded_as_received_and_tracked_with_frances_moves_by_hand(world):
    ministry = signed_in(Client(), world["ministry"])
    response = ministry.post(reverse(URL), form_data(world))
    req = Request.objects.get()
    assert response.status_code == 302 and response.url == reverse("cooperation:request", args=[req.pk])
    received = today() - timedelta(days=3)
    assert (req.state, req.recorded_by, req.received_on, req.kind) == (
        S.RECEIVED,
        "requested",
        received,
        RequestKind.EXTRADITION,
    )
    assert (req.requesting_authority, req.requested_authority) == (
        world.authorities["france"],
        world.authorities["ministry"],
    )
    assert req.reference == f"FRA-ITA-{today().year}-0001"
    assert req.title == "Extradition of a suspect of trafficking"
    assert req.content["reference"] == "BEPI 2026/123"
    assert req.content["facts"] == "The suspect recruited victims in France for exploitation in Italy."
    assert [(e.from_state, e.to_state, e.on, e.side, e.actor) for e in req.events.all()] == [
        (S.SENT, S.RECEIVED, received, "requested", world["ministry"])
    ]
    assert AuditEntry.objects.filter(action="cooperation.request.recorded", object_id=str(req.pk)).exists()

    page = ministry.get(response.url).content.decode()
    assert 'data-state="received"' in page and req.reference in page
    assert "Office for International Mutual Assistance in Criminal Matters" in page
    assert "BEPI 2026/123" in page
    listed = ministry.get(reverse("cooperation:requests") + "?direction=incoming").content.decode()
    assert req.reference in listed

    # The requested side's own move, then France's withdrawal entered by hand (asked to confirm first).
    moved = ministry.post(
        reverse("cooperation:request_move", args=[req.pk, "in_execution"]), {"on": today().isoformat()}
    )
    assert moved.status_code == 302
    req.refresh_from_db()
    assert req.state == S.IN_EXECUTION
    withdraw = reverse("cooperation:request_move", args=[req.pk, "withdrawn"])
    asked = ministry.post(withdraw, {"on": today().isoformat(), "note": "By letter of the French office"})
    assert asked.status_code == 200
    req.refresh_from_db()
    assert req.state == S.IN_EXECUTION
    ministry.post(withdraw, {"on": today().isoformat(), "note": "By letter", "confirm": "yes"})
    req.refresh_from_db()
    assert req.state == S.WITHDRAWN
    last = req.events.order_by("id").last()
    assert (last.to_state, last.side, last.actor) == (S.WITHDRAWN, "requesting", world["ministry"])
    assert "entered by hand" in ministry.get(reverse("cooperation:request", args=[req.pk])).content.decode()


def test_the_incoming_tab_links_to_the_form_which_offers_only_other_states_authorities_not_on_palermo(world):
    authority("ITA", "Procura della Repubblica di Catania (not on Palermo)")  # same State: not offered
    ministry = signed_in(Client(), world["ministry"])
    incoming = ministry.get(reverse("cooperation:requests") + "?direction=incoming").content.decode()
    assert reverse(URL) in incoming and "Record a request received outside Palermo" in incoming
    assert reverse(URL) not in ministry.get(reverse("cooperation:requests")).content.decode()

    page = ministry.get(reverse(URL))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'value="{world.authorities["france"].pk}"' in text
    assert "Office for International Mutual Assistance in Criminal Matters" in text
    assert '<optgroup label="France">' in text
    for other in ("brazil", "prosecution", "ministry"):
        assert f'value="{world.authorities[other].pk}"' not in text
    assert "Catania" not in text


def test_an_authority_that_uses_palermo_is_refused_and_nothing_is_written(world):
    ministry = signed_in(Client(), world["ministry"])
    before = written()
    for chosen in ("brazil", "prosecution", "ministry"):
        response = ministry.post(
            reverse(URL), form_data(world, requesting_authority=world.authorities[chosen].pk)
        )
        assert response.status_code == 400
        assert "Choose one of the authorities listed." in response.content.decode()
    assert written() == before


def test_a_date_in_the_future_and_missing_fields_are_refused_and_nothing_is_written(world):
    ministry = signed_in(Client(), world["ministry"])
    before = written()
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = ministry.post(reverse(URL), form_data(world, received_on=tomorrow))
    assert response.status_code == 400 and "The date cannot be in the future." in response.content.decode()
    assert ministry.post(reverse(URL), form_data(world, received_on="")).status_code == 400
    assert ministry.post(reverse(URL), form_data(world, received_on="1 March")).status_code == 400
    assert ministry.post(reverse(URL), form_data(world, kind="gossip")).status_code == 400
    assert ministry.post(reverse(URL), form_data(world, title="x" * 301)).status_code == 400
    assert written() == before


@pytest.mark.parametrize(
    "name", ["secretariat", "public", "italian expert elsewhere", "observer of the office"]
)
def test_the_form_is_404_to_whoever_is_not_a_practitioner_of_an_authority(world, name):
    client = signed_in(Client(), world[name])
    before = written()
    assert client.get(reverse(URL)).status_code == 404
    assert client.post(reverse(URL), form_data(world)).status_code == 404
    assert written() == before


def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_written(world):
    before = written()
    for response in (Client().get(reverse(URL)), Client().post(reverse(URL), form_data(world))):
        assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert written() == before


def test_opening_the_form_writes_nothing(world):
    ministry = signed_in(Client(), world["ministry"])
    before = written()
    assert ministry.get(reverse(URL)).status_code == 200
    assert ministry.get(reverse(URL) + "?kind=extradition").status_code == 200
    assert written() == before
