"""The pages of requests: the list, a new request, the writer's steps, a request's page with its moves,
messages and letter, and the secretariat's statistics; who sees what (everyone else: 404)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from palermo.cooperation.domain import requests as domain
from palermo.cooperation.models import Request, RequestEvent, RequestMessage, RequestState
from tests.cooperation.conftest import verified
from tests.cooperation.request_helpers import complete_content, draft, sent
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
S = RequestState
OUTSIDERS_OF_A_REQUEST = ["secretariat", "ministry", "italian expert elsewhere", "public"]


SIGNED_IN: dict = {}


@pytest.fixture(autouse=True)
def fresh_clients():
    SIGNED_IN.clear()
    yield
    SIGNED_IN.clear()


def client_of(world, name: str) -> Client:
    """A client signed in as the world's `name`, once per test (a TOTP code signs in once)."""
    if name not in SIGNED_IN:
        SIGNED_IN[name] = signed_in(Client(), world[name])
    return SIGNED_IN[name]


def today():
    return timezone.localdate()


def step_url(req, step):
    return reverse("cooperation:request_step", args=[req.pk, step])


# The list --------------------------------------------------------------------------------------------


def test_the_list_shows_the_authoritys_outgoing_requests_and_the_other_sides_incoming_ones(world):
    outgoing = sent(world)
    drafting = draft(world, content={"kind": "mla"})
    page = client_of(world, "drafter").get(reverse("cooperation:requests"))
    assert page.status_code == 200
    text = page.content.decode()
    assert outgoing.reference in text and drafting.reference in text
    assert "Department of Asset Recovery and International Legal Cooperation" in text

    brazil = client_of(world, "brazil")
    assert outgoing.reference not in brazil.get(reverse("cooperation:requests")).content.decode()
    incoming = brazil.get(reverse("cooperation:requests") + "?direction=incoming").content.decode()
    assert outgoing.reference in incoming
    assert drafting.reference not in incoming  # the other side's draft is not theirs to see


def test_the_list_filters_by_state_and_kind(world):
    outgoing = sent(world)
    drafting = draft(world, content={"kind": "mla"})
    client = client_of(world, "drafter")
    text = client.get(reverse("cooperation:requests") + "?state=draft").content.decode()
    assert drafting.reference in text and outgoing.reference not in text
    text = client.get(reverse("cooperation:requests") + "?kind=extradition").content.decode()
    assert drafting.reference not in text and "No request matches these filters." in text


@pytest.mark.parametrize("name", ["secretariat", "italian expert elsewhere", "public"])
def test_the_list_is_404_to_whoever_does_not_work_at_an_authority_of_palermo(world, name):
    assert client_of(world, name).get(reverse("cooperation:requests")).status_code == 404


def test_the_other_italian_authority_lists_none_of_the_prosecution_offices_requests(world):
    req = sent(world)
    client = client_of(world, "ministry")
    for direction in ("outgoing", "incoming"):
        page = client.get(reverse("cooperation:requests") + f"?direction={direction}")
        assert page.status_code == 200 and req.reference not in page.content.decode()


def sent_to_sign_in(response) -> bool:
    """Signed-out visitors are sent to sign in by the address alone (accounts/sign_in.py): nothing shown."""
    return response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_list_sends_anonymous_visitors_to_sign_in(world):
    assert sent_to_sign_in(Client().get(reverse("cooperation:requests")))


def test_the_list_needs_as_many_queries_for_thirty_requests_as_for_one(world, django_assert_max_num_queries):
    client = client_of(world, "drafter")
    draft(world, content={"kind": "mla"})
    with django_assert_max_num_queries(20) as one:
        client.get(reverse("cooperation:requests"))
    for _number in range(30):
        draft(world, content={"kind": "mla"})
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse("cooperation:requests")).status_code == 200


# A new request ---------------------------------------------------------------------------------------


def test_a_new_request_offers_the_central_authorities_of_other_states_with_their_languages(world):
    page = client_of(world, "drafter").get(reverse("cooperation:request_new") + "?kind=mla")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Department of Asset Recovery and International Legal Cooperation" in text
    assert "Office for International Mutual Assistance in Criminal Matters" in text
    assert "Ministry of Justice, Department for Justice Affairs" not in text  # Italy's own
    assert "Portuguese" in text and "does not use Palermo" in text


def test_creating_a_request_makes_a_draft_and_opens_the_writer(world):
    response = client_of(world, "drafter").post(
        reverse("cooperation:request_new"),
        {"kind": "mla", "requested_authority": world.authorities["brazil"].pk, "title": "Bank records"},
    )
    req = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == step_url(req, "authorities")
    assert (req.kind, req.requested_authority, req.state, req.title) == (
        "mla",
        world.authorities["brazil"],
        S.DRAFT,
        "Bank records",
    )
    assert req.language == "en"  # Brazil's first accepted UN language
    assert req.content["requesting_authority"] == "Procura della Repubblica presso il Tribunale di Palermo"


def test_a_request_to_an_authority_not_designated_for_the_kind_is_refused(world):
    response = client_of(world, "drafter").post(
        reverse("cooperation:request_new"),
        {"kind": "extradition", "requested_authority": world.authorities["brazil"].pk},
    )
    assert (
        response.status_code == 200 and "Choose one of the authorities listed." in response.content.decode()
    )
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    "name", ["observer of the office", "secretariat", "italian expert elsewhere", "public"]
)
def test_a_new_request_is_404_to_whoever_may_not_draft(world, name):
    assert client_of(world, name).get(reverse("cooperation:request_new")).status_code == 404


# The writer ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "step", ["authorities", "offences", "facts", "persons", "assistance", "procedures", "annexes"]
)
def test_every_step_of_the_writer_opens_with_the_steps_and_their_missing_counts(world, step):
    req = draft(world, content={"kind": "mla"})
    page = client_of(world, "drafter").get(step_url(req, step))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'aria-current="step"' in text and "missing" in text
    assert f'name="version" value="{req.version}"' in text


def test_the_writer_is_404_to_the_requested_side_and_to_outsiders(world):
    req = draft(world, content={"kind": "mla"})
    for name in ["brazil", "observer of the office", *OUTSIDERS_OF_A_REQUEST]:
        assert client_of(world, name).get(step_url(req, "facts")).status_code == 404, name
    assert sent_to_sign_in(Client().get(step_url(req, "facts")))


def test_saving_a_step_keeps_the_rest_of_the_content(world):
    req = draft(world, content={"kind": "mla", "facts": "old", "procedures": "kept"})
    response = client_of(world, "drafter").post(
        step_url(req, "facts"),
        {
            "version": req.version,
            "facts": "Recruitment in Brazil",
            "purpose": "To prove the payments",
            "go": "stay",
        },
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.content == {
        "kind": "mla",
        "facts": "Recruitment in Brazil",
        "purpose": "To prove the payments",
        "procedures": "kept",
        # what the directory says of the two sides (art. 18(15)(a)), kept up to date by every save
        "requesting_state": "ITA",
        "requested_state": "BRA",
        "requesting_authority": "Procura della Repubblica presso il Tribunale di Palermo",
        "requested_authority": "Departamento de Recuperação de Ativos e Cooperação Jurídica Internacional",
    }
    assert req.version == 2


def test_a_stale_save_names_who_saved_and_keeps_what_was_typed(world):
    req = draft(world, content={"kind": "mla"})
    opened_at = req.version
    domain.save_draft(
        req=req,
        actor=verified(world["colleague"]),
        content={"kind": "mla", "facts": "Theirs"},
        expected_version=1,
    )
    response = client_of(world, "drafter").post(
        step_url(req, "facts"), {"version": opened_at, "facts": "Mine, typed with care", "go": "stay"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert world["colleague"].get_full_name() in text
    assert "Mine, typed with care" in text  # in the form, nothing lost
    assert "Theirs" in text  # what is saved now, to compare
    req.refresh_from_db()
    assert req.content["facts"] == "Theirs" and req.version == 2


def test_moving_on_with_missing_items_warns_and_names_their_articles(world):
    req = draft(world, content={"kind": "mla"})
    client = client_of(world, "drafter")
    response = client.post(
        step_url(req, "facts"), {"version": req.version, "facts": "Recruitment", "go": "next"}
    )
    assert response.status_code == 302 and response["Location"] == step_url(req, "facts") + "?moving=1"
    text = client.get(response["Location"]).content.decode()
    assert "Before you move on" in text
    assert "art. 18(15)(f)" in text  # the purpose
    assert f'href="{step_url(req, "persons")}">Go on to the next step anyway' in text
    req.refresh_from_db()
    assert req.content["facts"] == "Recruitment"  # saved all the same


def test_moving_on_from_a_complete_step_goes_to_the_next(world):
    content = complete_content()
    req = draft(world, content=content)
    response = client_of(world, "drafter").post(
        step_url(req, "facts"),
        {
            "version": req.version,
            "subject": content["subject"],
            "conducting_authority": content["conducting_authority"],
            "facts": content["facts"],
            "purpose": content["purpose"],
            "go": "next",
        },
    )
    assert response.status_code == 302 and response["Location"] == step_url(req, "persons")


def test_persons_are_added_one_row_at_a_time_and_removed(world):
    req = draft(world, content={"kind": "mla"})
    client = client_of(world, "drafter")
    client.post(
        step_url(req, "persons"),
        {
            "version": 1,
            "persons-count": "1",
            "persons-0-role": "suspect",
            "persons-0-name": "Mario Invented",
            "persons-0-nationality": "ITA",
            "persons-0-date_of_birth": "1980-02-29",
            "persons-0-protection": ["identity_confidential"],
            "go": "rows-persons",
        },
    )
    req.refresh_from_db()
    assert req.content["persons"] == [
        {
            "role": "suspect",
            "name": "Mario Invented",
            "nationality": "ITA",
            "date_of_birth": "1980-02-29",
            "protection": ["identity_confidential"],
        }
    ]
    page = client.get(step_url(req, "persons")).content.decode()
    assert 'name="persons-1-name"' in page and 'name="persons-count" value="2"' in page
    client.post(
        step_url(req, "persons"),
        {
            "version": 2,
            "persons-count": "2",
            "persons-0-name": "Mario Invented",
            "persons-0-remove": "1",
            "persons-1-name": "Witness Invented",
            "persons-1-role": "witness",
            "go": "stay",
        },
    )
    req.refresh_from_db()
    assert req.content["persons"] == [{"name": "Witness Invented", "role": "witness"}]


def test_a_new_request_is_complete_once_every_step_is_filled_in_the_writer(world):
    client = client_of(world, "drafter")
    client.post(
        reverse("cooperation:request_new"),
        {"kind": "mla", "requested_authority": world.authorities["brazil"].pk},
    )
    req = Request.objects.get()
    content = complete_content()
    posts = {
        "offences": {
            "offences-count": "1",
            **{f"offences-0-{k}": v for k, v in content["offences"][0].items()},
            "organized_criminal_group": "yes",
            "transnational": ["a", "c"],
        },
        "facts": {k: content[k] for k in ("subject", "conducting_authority", "facts", "purpose")},
        "persons": {"persons-count": "1", **{f"persons-0-{k}": v for k, v in content["persons"][0].items()}},
        "assistance": {
            "assistance-count": "1",
            "assistance-0-form": "18_3_f",
            "assistance-0-description": "Bank records",
            **{
                f"assistance-0-particulars.{k}": v for k, v in content["assistance"][0]["particulars"].items()
            },
        },
    }
    for step, data in posts.items():
        req.refresh_from_db()
        assert client.post(step_url(req, step), {"version": req.version, **data}).status_code == 302, step
    assert client.post(reverse("cooperation:request_ready", args=[req.pk])).status_code == 302
    req.refresh_from_db()
    assert req.ready_at is not None


def test_bank_records_ask_for_the_bank_the_account_and_the_period(world):
    req = draft(world, content={"kind": "mla"})
    client = client_of(world, "drafter")
    client.post(
        step_url(req, "assistance"),
        {
            "version": 1,
            "assistance-count": "1",
            "assistance-0-form": "18_3_f",
            "assistance-0-description": "Records",
        },
    )
    page = client.get(step_url(req, "assistance")).content.decode()
    for name in ("bank", "account", "period_from", "period_to"):
        assert f'name="assistance-0-particulars.{name}"' in page
    client.post(
        step_url(req, "assistance"),
        {
            "version": 2,
            "assistance-count": "1",
            "assistance-0-form": "18_3_f",
            "assistance-0-description": "Records",
            "assistance-0-particulars.bank": "Banco Inventado",
            "assistance-0-particulars.account": "0001",
            "assistance-0-particulars.period_from": "2023-01-01",
            "assistance-0-particulars.period_to": "2024-06-30",
        },
    )
    req.refresh_from_db()
    assert req.content["assistance"] == [
        {
            "form": "18_3_f",
            "description": "Records",
            "particulars": {
                "bank": "Banco Inventado",
                "account": "0001",
                "period_from": "2023-01-01",
                "period_to": "2024-06-30",
            },
        }
    ]


def test_bad_input_in_a_step_is_named_and_nothing_is_saved(world):
    req = draft(world, content={"kind": "mla"})
    response = client_of(world, "drafter").post(
        step_url(req, "offences"),
        {
            "version": 1,
            "offences-count": "1",
            "offences-0-provision": "art. 601",
            "offences-0-max_penalty_years": "twenty",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a number" in text and 'value="twenty"' in text and 'value="art. 601"' in text
    req.refresh_from_db()
    assert req.version == 1 and "offences" not in req.content


def test_the_offences_step_shows_the_legal_basis(world):
    req = draft(world)
    text = client_of(world, "drafter").get(step_url(req, "offences")).content.decode()
    assert "Legal basis" in text and "Legislation of Brazil on this crime type" in text


# The request's page ----------------------------------------------------------------------------------


def test_the_request_page_shows_the_whole_request_to_both_sides_once_sent(world):
    req = sent(world)
    for name in ("drafter", "colleague", "brazil", "brazilian focal point"):
        page = client_of(world, name).get(reverse("cooperation:request", args=[req.pk]))
        assert page.status_code == 200, name
        text = page.content.decode()
        assert "Banco Inventado S.A." in text and "Mario Invented" in text


def test_the_request_page_is_404_to_outsiders_and_a_draft_to_the_other_side(world):
    req = draft(world)
    url = reverse("cooperation:request", args=[req.pk])
    for name in ["brazil", *OUTSIDERS_OF_A_REQUEST]:
        assert client_of(world, name).get(url).status_code == 404, name
    assert sent_to_sign_in(Client().get(url))


def test_mark_ready_is_refused_with_the_list_then_accepted(world):
    req = draft(world, content={"kind": "mla", "facts": "Recruitment"})
    client = client_of(world, "drafter")
    refused = client.post(reverse("cooperation:request_ready", args=[req.pk]))
    assert refused.status_code == 400
    assert "art. 18(15)(f)" in refused.content.decode()
    req.refresh_from_db()
    assert req.ready_at is None
    domain.save_draft(
        req=req, actor=verified(world["drafter"]), content=complete_content(), expected_version=1
    )
    accepted = client.post(reverse("cooperation:request_ready", args=[req.pk]))
    assert accepted.status_code == 302
    req.refresh_from_db()
    assert req.ready_by == world["drafter"]


def test_a_colleague_approves_and_the_drafter_sends_with_date_and_channel(world):
    req = draft(world)
    domain.mark_ready(req=req, actor=verified(world["drafter"]))
    url = reverse("cooperation:request", args=[req.pk])
    drafter = client_of(world, "drafter")
    assert (
        reverse("cooperation:request_move", args=[req.pk, "approved"])
        not in drafter.get(url).content.decode()
    )
    colleague = client_of(world, "colleague")
    assert (
        reverse("cooperation:request_move", args=[req.pk, "approved"]) in colleague.get(url).content.decode()
    )
    assert colleague.post(reverse("cooperation:request_move", args=[req.pk, "approved"])).status_code == 302
    req.refresh_from_db()
    assert (req.state, req.approved_by) == (S.APPROVED, world["colleague"])

    no_channel = drafter.post(
        reverse("cooperation:request_move", args=[req.pk, "sent"]), {"on": today().isoformat()}
    )
    assert no_channel.status_code == 400 and "Choose the channel" in no_channel.content.decode()
    response = drafter.post(
        reverse("cooperation:request_move", args=[req.pk, "sent"]),
        {"on": today().isoformat(), "channel": "direct"},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.state, req.sent_on, req.channel) == (S.SENT, today(), "direct")


def test_brazil_receives_asks_for_more_information_and_executes(world):
    req = sent(world)
    brazil = client_of(world, "brazil")

    def move(to, **data):
        return brazil.post(
            reverse("cooperation:request_move", args=[req.pk, to]), {"on": today().isoformat(), **data}
        )

    assert move("received").status_code == 302
    assert move("more_information").status_code == 400  # says what is needed
    assert move("more_information", note="The account holder's name").status_code == 302
    req.refresh_from_db()
    assert req.state == S.MORE_INFORMATION
    drafter = client_of(world, "drafter")
    assert (
        drafter.post(
            reverse("cooperation:request_move", args=[req.pk, "in_execution"]), {"on": today().isoformat()}
        ).status_code
        == 302
    )
    assert move("executed").status_code == 302
    req.refresh_from_db()
    assert req.state == S.EXECUTED and req.closed_on == today()
    history = client_of(world, "drafter").get(reverse("cooperation:request", args=[req.pk])).content.decode()
    assert "The account holder&#x27;s name" in history or "The account holder's name" in history


def test_refusing_asks_for_confirmation_first_then_needs_grounds_and_reasons(world):
    req = sent(world)
    brazil = client_of(world, "brazil")
    brazil.post(reverse("cooperation:request_move", args=[req.pk, "received"]), {"on": today().isoformat()})
    url = reverse("cooperation:request_move", args=[req.pk, "refused"])
    asked = brazil.post(url, {"on": today().isoformat(), "grounds": ["18_21_b"], "reasons": "Security"})
    assert asked.status_code == 200 and "cannot be undone" in asked.content.decode()
    req.refresh_from_db()
    assert req.state == S.RECEIVED
    no_grounds = brazil.post(url, {"on": today().isoformat(), "reasons": "Security", "confirm": "yes"})
    assert no_grounds.status_code == 400
    brazil.post(
        url, {"on": today().isoformat(), "grounds": ["18_21_b"], "reasons": "Security", "confirm": "yes"}
    )
    req.refresh_from_db()
    assert (req.state, req.refusal_grounds, req.refusal_reasons) == (S.REFUSED, ["18_21_b"], "Security")


def test_the_moves_of_an_authority_not_on_palermo_are_entered_by_hand(world):
    req = sent(world, to="france")
    client = client_of(world, "drafter")
    page = client.get(reverse("cooperation:request", args=[req.pk])).content.decode()
    assert "entered by hand" in page
    response = client.post(
        reverse("cooperation:request_move", args=[req.pk, "received"]), {"on": today().isoformat()}
    )
    assert response.status_code == 302
    event = RequestEvent.objects.filter(request=req).last()
    assert (event.to_state, event.side, event.actor) == (S.RECEIVED, "requested", world["drafter"])


def test_a_message_goes_to_the_thread_of_both_sides(world):
    req = sent(world)
    response = client_of(world, "brazil").post(
        reverse("cooperation:request_message", args=[req.pk]), {"text": "Which branch?"}
    )
    assert response.status_code == 302
    assert RequestMessage.objects.get().text == "Which branch?"
    assert (
        "Which branch?"
        in client_of(world, "drafter").get(reverse("cooperation:request", args=[req.pk])).content.decode()
    )
    empty = client_of(world, "brazil").post(
        reverse("cooperation:request_message", args=[req.pk]), {"text": " "}
    )
    assert empty.status_code == 400 and RequestMessage.objects.count() == 1


def test_actions_are_404_to_outsiders(world):
    req = sent(world)
    for name in OUTSIDERS_OF_A_REQUEST:
        client = client_of(world, name)
        assert client.post(reverse("cooperation:request_move", args=[req.pk, "received"])).status_code == 404
        assert (
            client.post(reverse("cooperation:request_message", args=[req.pk]), {"text": "x"}).status_code
            == 404
        )
        assert (
            client.get(reverse("cooperation:request_letter", args=[req.pk, "fr", "docx"])).status_code == 404
        )
    req.refresh_from_db()
    assert req.state == S.SENT and not RequestMessage.objects.exists()


def test_the_request_page_renders_in_french(world):
    req = sent(world)
    with translation.override("fr"):
        url = reverse("cooperation:request", args=[req.pk])
    page = client_of(world, "drafter").get(url)
    assert page.status_code == 200 and 'lang="fr"' in page.content.decode()


def test_the_letter_downloads_as_docx_in_french(world):
    pytest.importorskip("palermo.cooperation.interfaces.letter_docx")
    req = sent(world)
    response = client_of(world, "drafter").get(
        reverse("cooperation:request_letter", args=[req.pk, "fr", "docx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


# Statistics ------------------------------------------------------------------------------------------


def test_the_statistics_are_for_the_secretariat_alone(world):
    sent(world)
    assert client_of(world, "secretariat").get(reverse("cooperation:request_statistics")).status_code == 200
    for name in ("drafter", "brazil", "ministry", "public"):
        assert client_of(world, name).get(reverse("cooperation:request_statistics")).status_code == 404
    assert sent_to_sign_in(Client().get(reverse("cooperation:request_statistics")))


def test_a_get_never_changes_a_request(world):
    req = draft(world)
    before = Request.objects.values().get(pk=req.pk)
    client = client_of(world, "drafter")
    for url in (
        reverse("cooperation:request", args=[req.pk]),
        step_url(req, "facts"),
        reverse("cooperation:request_ready", args=[req.pk]),
        reverse("cooperation:request_move", args=[req.pk, "approved"]),
    ):
        client.get(url)
    assert Request.objects.values().get(pk=req.pk) == before


def test_the_requested_states_published_legislation_on_the_crime_type_is_shown_beside_the_offence(world):
    from palermo.knowledge.models import Record, Term

    trafficking = Term.objects.get(vocabulary="crime_type", slug="trafficking-in-persons", parent=None)
    shown = Record.objects.create(
        kind="legislation", title="Lei 13.344/2016", jurisdiction_id="BRA", state="published"
    )
    unpublished = Record.objects.create(
        kind="legislation", title="Draft law", jurisdiction_id="BRA", state="draft"
    )
    italian = Record.objects.create(
        kind="legislation", title="Codice penale", jurisdiction_id="ITA", state="published"
    )
    for record in (shown, unpublished, italian):
        record.crime_types.add(trafficking)
    text = client_of(world, "drafter").get(step_url(draft(world), "offences")).content.decode()
    assert "Lei 13.344/2016" in text
    assert "Draft law" not in text and "Codice penale" not in text


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_an_annex_is_attached_and_downloaded_by_both_sides_only(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = draft(world)
    client = client_of(world, "drafter")
    response = client.post(
        reverse("cooperation:request_annex", args=[req.pk]),
        {
            "title": "Order of the investigating judge",
            "file": SimpleUploadedFile("order.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    annex = req.attachments.get()
    assert (annex.title, annex.is_annex, annex.file_name) == (
        "Order of the investigating judge",
        True,
        "order.pdf",
    )
    url = reverse("cooperation:request_attachment", args=[req.pk, annex.pk])
    assert url in client.get(step_url(req, "annexes")).content.decode()
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    for name in ("brazil", *OUTSIDERS_OF_A_REQUEST):  # Brazil: not before it is sent
        assert client_of(world, name).get(url).status_code == 404, name


def test_an_upload_that_is_not_a_pdf_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = draft(world)
    client = client_of(world, "drafter")
    response = client.post(
        reverse("cooperation:request_annex", args=[req.pk]),
        {"title": "Notes", "file": SimpleUploadedFile("notes.pdf", b"plain text", "application/pdf")},
        follow=True,
    )
    assert response.status_code == 200 and not req.attachments.exists()
    assert "PDF" in response.content.decode()


def test_the_request_page_needs_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    req = sent(world)
    client = client_of(world, "brazil")
    for number in range(10):
        domain.post_message(req=req, actor=verified(world["brazil"]), text=f"Message {number}")
    with django_assert_max_num_queries(60):
        assert client.get(reverse("cooperation:request", args=[req.pk])).status_code == 200


def test_a_move_with_a_date_that_is_not_one_is_refused_naming_the_field(world):
    req = sent(world)
    response = client_of(world, "brazil").post(
        reverse("cooperation:request_move", args=[req.pk, "received"]), {"on": "yesterday"}
    )
    assert response.status_code == 400 and "On: Enter a valid date." in response.content.decode()
    req.refresh_from_db()
    assert req.state == S.SENT


def test_after_more_information_is_asked_the_requesting_side_supplies_it_and_the_requested_side_may_execute(
    world,
):
    req = sent(world)
    brazil = verified(world["brazil"])
    domain.move_request(req=req, actor=brazil, to_state=RequestState.RECEIVED)
    domain.move_request(req=req, actor=brazil, to_state=RequestState.MORE_INFORMATION, note="Which branch?")
    page = client_of(world, "drafter").get(reverse("cooperation:request", args=[req.pk])).content.decode()
    assert "Information supplied: back to execution" in page
    requested = client_of(world, "brazil").get(reverse("cooperation:request", args=[req.pk])).content.decode()
    assert "Information supplied" not in requested and "Executed" in requested
    executed = domain.move_request(req=req, actor=brazil, to_state=RequestState.EXECUTED)
    assert executed.state == RequestState.EXECUTED


def test_the_steps_count_what_stops_the_request_not_what_is_worth_checking(world):
    content = complete_content()
    del content["persons"][0]["address"]  # nothing required: the person's location is only worth checking
    req = draft(world, content=content)
    assert domain.check_of(req).complete and domain.check_of(req).warnings
    page = client_of(world, "drafter").get(reverse("cooperation:request_step", args=[req.pk, "persons"]))
    assert "missing-count" not in page.content.decode()


def test_the_assistance_step_asks_for_forms_of_article_18_3_only_in_mutual_legal_assistance(world):
    extradition = domain.create_request(
        actor=verified(world["drafter"]),
        kind="extradition",
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities["brazil"],
    )
    page = client_of(world, "drafter").get(
        reverse("cooperation:request_step", args=[extradition.pk, "assistance"])
    )
    assert "nothing to enter in this step" in page.content.decode() and "18_3_f" not in page.content.decode()
    mla = draft(world, content={"kind": "mla"})
    page = client_of(world, "drafter").get(reverse("cooperation:request_step", args=[mla.pk, "assistance"]))
    assert "18_3_f" in page.content.decode()
