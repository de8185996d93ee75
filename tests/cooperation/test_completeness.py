"""The completeness checks of a request (cooperation.domain.completeness): what each kind requires, named
with its article and paragraph, what is wrong, and the serious-crime and transnationality warnings."""

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from palermo.cooperation.domain.completeness import (
    FORMS,
    PERSON_ROLES,
    PROTECTIONS,
    STEPS,
    Check,
    Item,
    check,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
TODAY = date(2026, 12, 1)
STEP_CODES = {code for code, _label in STEPS}

MLA = json.loads((EXAMPLES / "mla-bank-records-trafficking.json").read_text(encoding="utf-8"))
EXTRADITION_WITHOUT_WARRANT = json.loads(
    (EXAMPLES / "extradition-missing-warrant.json").read_text(encoding="utf-8")
)

OFFENCE = {
    "crime_type": "trafficking-in-persons",
    "provision": "art. 601 of the Criminal Code",
    "text": "Whoever recruits, transports … is punished with imprisonment from eight to twenty years.",
    "max_penalty_years": 20,
    "description": "Recruited women with false offers of work and exploited them.",
}
TRANSNATIONAL = {"organized_criminal_group": True, "transnational": ["a", "c"]}
WARRANT = {
    "issued_by": "Judge for preliminary investigations, Palermo",
    "date": "2026-10-01",
    "reference": "GIP 77/26",
}
PERSON_SOUGHT = {
    "role": "accused",
    "name": "João Invented",
    "nationality": "BRA",
    "description": "About 1.80 m tall",
    "location": "Recife",
}

EXTRADITION = {**copy.deepcopy(EXTRADITION_WITHOUT_WARRANT), "warrant": dict(WARRANT)}
PROVISIONAL_ARREST = {
    "kind": "provisional_arrest",
    "requesting_authority": "Ministry of Justice",
    "offences": [dict(OFFENCE)],
    **TRANSNATIONAL,
    "facts": "In 2023 and 2024 the person sought recruited women in Recife for exploitation in Palermo.",
    "persons": [dict(PERSON_SOUGHT)],
    "warrant": dict(WARRANT),
    "extradition_to_follow": True,
    "urgency": {"urgent": True, "reasons": "The person is about to leave Brazil"},
}
CONFISCATION_ORDER = {
    "kind": "confiscation",
    "requesting_authority": "Public Prosecutor's Office, Palermo",
    "subject": "Enforcement of a final confiscation order",
    "conducting_authority": "Court of Palermo, enforcement section",
    "purpose": "To confiscate the proceeds of trafficking in persons",
    "offences": [dict(OFFENCE)],
    **TRANSNATIONAL,
    "measure": "13_1_b",
    "persons": [{"role": "sentenced", "name": "João Invented", "nationality": "BRA", "location": "Recife"}],
    "facts": "The sentenced person bought a flat in Recife with the proceeds.",
    "property": [
        {"description": "Flat at Rua Inventada 1, Recife", "location": "Recife", "value": "BRL 800,000"}
    ],
    "order": {"issued_by": "Court of Palermo", "date": "2026-03-01", "reference": "Conf. 12/26"},
    "annexes": [{"title": "Certified copy of the order of confiscation"}],
}
CONFISCATION_FREEZING = {
    **{
        key: value
        for key, value in copy.deepcopy(CONFISCATION_ORDER).items()
        if key not in ("property", "order")
    },
    "measure": "13_2",
    "actions": "Freeze the account 0001 12345-6 at Banco Inventado",
}
TRANSFER_PROCEEDINGS = {
    "kind": "transfer_proceedings",
    "requesting_authority": "Public Prosecutor's Office, Palermo",
    "subject": "Criminal proceedings at the investigation stage",
    "facts": "The accused organised the recruitment from Recife.",
    "purpose": "The accused, the victims and the evidence are in Brazil",
    "offences": [dict(OFFENCE)],
    **TRANSNATIONAL,
    "persons": [dict(PERSON_SOUGHT)],
}
TRANSFER_SENTENCED = {
    "kind": "transfer_sentenced",
    "requesting_authority": "Ministry of Justice",
    "offences": [dict(OFFENCE)],
    **TRANSNATIONAL,
    "judgment": {
        "court": "Court of Appeal of Palermo",
        "date": "2025-05-05",
        "reference": "App. 9/25",
        "sentence": "Ten years' imprisonment",
        "remaining": "Eight years",
    },
    "persons": [
        {
            "role": "sentenced",
            "name": "João Invented",
            "nationality": "BRA",
            "location": "Pagliarelli prison",
            "consent": True,
        }
    ],
}
JOINT_INVESTIGATION = {
    "kind": "joint_investigation",
    "requesting_authority": "Public Prosecutor's Office, Palermo",
    "subject": "Investigation of a trafficking network between Recife and Palermo",
    "facts": "A network recruits women in Recife for exploitation in Palermo.",
    "offences": [dict(OFFENCE)],
    **TRANSNATIONAL,
    "team": {
        "purpose": "Identify the network's leaders",
        "members": "Prosecutors and police of both States",
        "duration": "12 months",
    },
}
SPONTANEOUS = {
    "kind": "spontaneous",
    "requesting_authority": "Guardia di Finanza, Palermo",
    "facts": "Transfers from Palermo to an account in Recife.",
    "information": "Statements of the account of the suspect in Italy",
}
FIREARM_TRACING = {
    "kind": "firearm_tracing",
    "requesting_authority": "Carabinieri, RIS Messina",
    "firearm": {
        "markings": "BERETTA 92FS CAL 9 PARA, PB, FAT",
        "manufacturer": "Beretta",
        "model": "92FS",
        "serial_number": "BER000000Z",
        "calibre": "9 x 19 mm",
        "country_of_manufacture": "ITA",
        "found": "Seized on 2026-11-02 in a car in Palermo",
    },
}
VESSEL_BOARDING = {
    "kind": "vessel_boarding",
    "requesting_authority": "Italian Coast Guard, MRCC Rome",
    "vessel": {
        "name": "Invented Star",
        "flag_state_claimed": "BRA",
        "imo_number": "IMO 9074729",
        "position": "36°10'N 013°20'E",
        "observed_at": "2026-11-30T04:10:00Z",
        "grounds": "About 200 persons on deck of a fishing vessel without fishing gear",
        "measures": "Boarding and search; measures with respect to the persons on board",
    },
    "urgency": {"urgent": True, "reasons": "The vessel is at sea with persons at risk"},
}

COMPLETE = {
    "mla": MLA,
    "extradition": EXTRADITION,
    "provisional_arrest": PROVISIONAL_ARREST,
    "confiscation (13(1)(b))": CONFISCATION_ORDER,
    "confiscation (13(2))": CONFISCATION_FREEZING,
    "transfer_proceedings": TRANSFER_PROCEEDINGS,
    "transfer_sentenced": TRANSFER_SENTENCED,
    "joint_investigation": JOINT_INVESTIGATION,
    "spontaneous": SPONTANEOUS,
    "firearm_tracing": FIREARM_TRACING,
    "vessel_boarding": VESSEL_BOARDING,
}

OFFENCE_KEYS = ("crime_type", "provision", "description")
TREATY = "Model Treaty on Extradition"


def each(prefix: str, keys, reference: str) -> dict[str, str]:
    """Each of `keys` under `prefix` ("offences[0].provision"), naming the article `reference`."""
    return {f"{prefix}.{key}": reference for key in keys}


# The leaves of each complete request without which it is no longer complete, and the article named.
REQUIRED = {
    "mla": {
        "kind": "",
        "requesting_authority": "art. 18(15)(a)",
        "subject": "art. 18(15)(b)",
        "conducting_authority": "art. 18(15)(b)",
        "facts": "art. 18(15)(c)",
        "purpose": "art. 18(15)(f)",
        **each("offences[0]", OFFENCE_KEYS, "art. 18(15)(b)"),
        **each("offences[1]", OFFENCE_KEYS, "art. 18(15)(b)"),
        "persons[0].role": "art. 18(15)(e)",
        "assistance[0].form": "art. 18(3)",
        "assistance[0].description": "art. 18(15)(d)",
        "assistance[0].particulars.bank": "art. 18(16)",
        "assistance[0].particulars.account": "art. 18(16)",
        "assistance[0].particulars.period_from": "art. 18(16)",
        "assistance[0].particulars.period_to": "art. 18(16)",
        "annexes[0].title": "",
    },
    "extradition": {
        "kind": "",
        "requesting_authority": "art. 16",
        "facts": f"{TREATY} art. 5(2)(c)",
        **each("offences[0]", (*OFFENCE_KEYS, "text", "max_penalty_years"), f"{TREATY} art. 5(2)(b)"),
        "persons[0].role": "",
        **each("persons[0]", ("name", "nationality", "location"), f"{TREATY} art. 5(2)(a)"),
        **each("warrant", WARRANT, f"{TREATY} art. 5(2)(c)"),
        "annexes[0].title": "",
    },
    "provisional_arrest": {
        "kind": "",
        "requesting_authority": "art. 16(9)",
        "facts": f"{TREATY} art. 9(2)",
        **each("offences[0]", (*OFFENCE_KEYS, "max_penalty_years"), f"{TREATY} art. 9(2)"),
        "persons[0].role": "",
        **each("persons[0]", ("name", "nationality", "description"), f"{TREATY} art. 9(2)"),
        **each("warrant", WARRANT, f"{TREATY} art. 5(2)(c)"),
        "extradition_to_follow": f"art. 16(9); {TREATY} art. 9(2)",
    },
    "confiscation (13(1)(b))": {
        "kind": "",
        "requesting_authority": "art. 18(15)(a)",
        "subject": "art. 18(15)(b)",
        "conducting_authority": "art. 18(15)(b)",
        "purpose": "art. 18(15)(f)",
        **each("offences[0]", OFFENCE_KEYS, "art. 18(15)(b)"),
        "measure": "art. 13(3)",
        "persons[0].role": "art. 18(15)(e)",
        "facts": "art. 13(3)(a)",
        "property[0].description": "art. 13(3)(a)",
        **each("order", ("issued_by", "date", "reference"), "art. 13(3)(c)"),
        "annexes[0].title": "",
    },
    "confiscation (13(2))": {
        "kind": "",
        "requesting_authority": "art. 18(15)(a)",
        "subject": "art. 18(15)(b)",
        "conducting_authority": "art. 18(15)(b)",
        "purpose": "art. 18(15)(f)",
        **each("offences[0]", OFFENCE_KEYS, "art. 18(15)(b)"),
        "measure": "art. 13(3)",
        "persons[0].role": "art. 18(15)(e)",
        "facts": "art. 13(3)(b)",
        "actions": "art. 13(3)(b)",
        "annexes[0].title": "",
    },
    "transfer_proceedings": {
        "kind": "",
        **{key: "art. 21" for key in ("requesting_authority", "subject", "facts", "purpose")},
        **each("offences[0]", OFFENCE_KEYS, "art. 21"),
        "persons[0].role": "",
        "persons[0].name": "art. 21",
    },
    "transfer_sentenced": {
        "kind": "",
        "requesting_authority": "art. 17",
        **each("offences[0]", OFFENCE_KEYS, "art. 17"),
        **each("judgment", ("court", "date", "reference", "sentence", "remaining"), "art. 17"),
        "persons[0].role": "",
        "persons[0].name": "art. 17",
        "persons[0].nationality": "art. 17",
    },
    "joint_investigation": {
        "kind": "",
        **{
            key: "art. 19"
            for key in (
                "requesting_authority",
                "subject",
                "facts",
                "team.purpose",
                "team.members",
                "team.duration",
            )
        },
        **each("offences[0]", OFFENCE_KEYS, "art. 19"),
    },
    "spontaneous": {
        "kind": "",
        **{key: "art. 18(4)" for key in ("requesting_authority", "facts", "information")},
    },
    "firearm_tracing": {
        "kind": "",
        "requesting_authority": "Firearms Protocol art. 12(4)",
        **each(
            "firearm",
            ("markings", "manufacturer", "model", "serial_number", "country_of_manufacture"),
            "Firearms Protocol art. 8(1)(a)",
        ),
        "firearm.calibre": "Firearms Protocol art. 12(4)",
        "firearm.found": "Firearms Protocol art. 12(4)",
    },
    "vessel_boarding": {
        "kind": "",
        **{
            key: "Smuggling of Migrants Protocol art. 8(2)"
            for key in (
                "requesting_authority",
                "vessel.name",
                "vessel.flag_state_claimed",
                "vessel.imo_number",
                "vessel.position",
                "vessel.observed_at",
                "vessel.grounds",
                "vessel.measures",
            )
        },
    },
}
# A leaf whose removal names another key (the only alternative left is named by the list's first key).
NAMED_AS = {("vessel_boarding", "vessel.imo_number"): "vessel.registration_number"}


def leaves(value, path: str = "") -> list[str]:
    """The paths of the scalar values (and lists of scalars) of a request, as check() names them."""
    if isinstance(value, dict):
        return [
            leaf for key, item in value.items() for leaf in leaves(item, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, f"{path}[{index}]")]
    return [path]


def without(content: dict, path: str, replacement=...) -> dict:
    """A copy of the request without the leaf at `path` (or with `replacement` in its place)."""
    result = copy.deepcopy(content)
    parts = path.replace("[", ".[").split(".")
    target = result
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = int(parts[-1][1:-1]) if parts[-1].startswith("[") else parts[-1]
    if replacement is ...:
        del target[last]
    else:
        target[last] = replacement
    return result


def named(found: Check) -> list[str]:
    return [item.key for item in found.missing + found.problems]


def kind_of(name: str) -> str:
    return name.split(" ")[0]


# Complete requests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(COMPLETE))
def test_a_complete_request_of_each_kind_passes_without_warnings(name):
    found = check(COMPLETE[name], today=TODAY)
    assert found.complete, found.to_json()
    assert found.to_json() == {"complete": True, "missing": [], "problems": [], "warnings": []}


def test_the_example_mla_request_for_bank_records_passes():
    assert check(MLA).complete


def test_the_example_extradition_request_names_only_the_missing_warrant():
    found = check(EXTRADITION_WITHOUT_WARRANT, today=TODAY)
    assert found.to_json() == {
        "complete": False,
        "missing": [
            {
                "key": "warrant",
                "step": "facts",
                "reference": "Model Treaty on Extradition art. 5(2)(c), (d)",
                "message": "Warrant of arrest or judgment",
            }
        ],
        "problems": [],
        "warnings": [],
    }


# What each kind requires ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(COMPLETE))
def test_each_kind_requires_exactly_its_own_list(name):
    content = COMPLETE[name]
    required = {leaf for leaf in leaves(content) if not check(without(content, leaf), today=TODAY).complete}
    assert required == set(REQUIRED[name])


@pytest.mark.parametrize(("name", "leaf"), [(name, leaf) for name in REQUIRED for leaf in REQUIRED[name]])
def test_removing_a_required_item_names_it_with_its_article(name, leaf):
    found = check(without(COMPLETE[name], leaf), today=TODAY)
    key = NAMED_AS.get((name, leaf), leaf)
    items = [item for item in found.missing + found.problems if item.key == key]
    assert len(items) == 1, found.to_json()
    assert items[0].reference == REQUIRED[name][leaf]
    # nothing else is named, except the list a person sought belongs to when its role is gone
    assert set(named(found)) <= {key, "persons"}


@pytest.mark.parametrize(
    "leaf",
    [
        "requesting_authority",
        "subject",
        "conducting_authority",
        "facts",
        "purpose",
        "assistance[0].particulars.bank",
        "assistance[0].particulars.account",
        "assistance[0].particulars.period_from",
        "assistance[0].particulars.period_to",
    ],
)
def test_an_mla_request_missing_one_item_names_exactly_that_item(leaf):
    found = check(without(MLA, leaf), today=TODAY)
    assert [(item.key, item.reference) for item in found.missing] == [(leaf, REQUIRED["mla"][leaf])]
    assert found.problems == []
    assert not found.complete


def test_an_empty_mla_request_names_every_item_of_art_18_15():
    found = check({"kind": "mla"}, today=TODAY)
    assert [(item.key, item.reference) for item in found.missing] == [
        ("requesting_authority", "art. 18(15)(a)"),
        ("offences", "art. 18(15)(b)"),
        ("subject", "art. 18(15)(b)"),
        ("conducting_authority", "art. 18(15)(b)"),
        ("facts", "art. 18(15)(c)"),
        ("purpose", "art. 18(15)(f)"),
        ("assistance", "art. 18(15)(d)"),
    ]
    assert [(item.key, item.reference) for item in found.warnings] == [("persons", "art. 18(15)(e)")]
    assert [item.step for item in found.missing] == [
        "authorities",
        "offences",
        "facts",
        "facts",
        "facts",
        "facts",
        "assistance",
    ]


def test_a_request_without_a_kind_is_missing_its_kind():
    found = check({"facts": "…"})
    assert [item.key for item in found.missing] == ["kind"]


def test_the_kind_argument_overrides_the_requests_own_and_says_so():
    found = check(MLA, kind="extradition", today=TODAY)
    assert "warrant" in [item.key for item in found.missing]
    assert ("kind", "") in [(item.key, item.reference) for item in found.warnings]


def test_a_request_only_for_service_of_documents_needs_no_summary_of_facts():
    content = without(MLA, "facts")
    content["assistance"] = [
        {
            "form": "18_3_b",
            "description": "Serve the summons",
            "particulars": {"documents": "Summons to appear", "recipient": "João Invented"},
        }
    ]
    assert check(content, today=TODAY).complete
    content["assistance"].append(MLA["assistance"][0])
    assert [item.key for item in check(content, today=TODAY).missing] == ["facts"]


@pytest.mark.parametrize(
    ("form", "particulars"),
    [
        ("18_3_a", ["particulars.person"]),
        ("18_3_b", ["particulars.documents", "particulars.recipient"]),
        ("18_3_c", ["particulars.place"]),
        ("18_3_d", ["particulars.object"]),
        ("18_3_e", []),
        (
            "18_3_f",
            ["particulars.bank", "particulars.account", "particulars.period_from", "particulars.period_to"],
        ),
        ("18_3_g", ["particulars.property"]),
        ("18_3_h", ["particulars.person"]),
        ("18_3_i", []),
        (
            "preservation",
            [
                "particulars.provider",
                "particulars.identifier",
                "particulars.data_categories",
                "particulars.period_from",
                "particulars.period_to",
            ],
        ),
        ("subscriber", ["particulars.provider", "particulars.identifier"]),
        (
            "content",
            [
                "particulars.provider",
                "particulars.identifier",
                "particulars.period_from",
                "particulars.period_to",
            ],
        ),
        (
            "traffic",
            [
                "particulars.provider",
                "particulars.identifier",
                "particulars.period_from",
                "particulars.period_to",
            ],
        ),
    ],
)
def test_each_form_of_assistance_requires_its_particulars(form, particulars):
    content = copy.deepcopy(MLA)
    content["assistance"] = [{"form": form, "description": "What is sought"}]
    found = check(content, today=TODAY)
    assert [item.key for item in found.missing] == [f"assistance[0].{key}" for key in particulars]
    assert {item.reference for item in found.missing} <= {"art. 18(16)", "art. 18(15)(e)"}


def test_a_search_names_the_place_or_the_items_to_seize():
    content = copy.deepcopy(MLA)
    content["assistance"] = [{"form": "18_3_c", "description": "Search", "particulars": {"items": "Ledgers"}}]
    assert check(content, today=TODAY).missing == []


@pytest.mark.parametrize(
    ("form", "warned"), [("content", True), ("traffic", True), ("18_3_c", True), ("subscriber", False)]
)
def test_stored_content_warns_about_dual_criminality(form, warned):
    content = copy.deepcopy(MLA)
    content["assistance"] = [
        {
            "form": form,
            "description": "What is sought",
            "particulars": {
                "provider": "Invented Mail Ltd",
                "identifier": "someone@example.invalid",
                "period_from": "2024-01-01",
                "period_to": "2024-06-30",
                "place": "Rua Inventada 1",
            },
        }
    ]
    found = check(content, today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == (
        [("assistance[0].form", "art. 18(9)")] if warned else []
    )


def test_a_statement_from_a_person_not_described_under_persons_is_warned_about():
    content = copy.deepcopy(MLA)
    content["assistance"] = [
        {"form": "18_3_a", "description": "Hear the witness", "particulars": {"person": "Maria Witness"}}
    ]
    found = check(content, today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [
        ("assistance[0].particulars.person", "art. 18(15)(e)")
    ]
    content["persons"].append(
        {"role": "witness", "name": "Maria Witness", "nationality": "BRA", "location": "Recife"}
    )
    assert check(content, today=TODAY).warnings == []


def test_an_mla_request_needs_at_least_one_form_of_assistance():
    content = copy.deepcopy(MLA)
    content["assistance"] = []
    assert [(i.key, i.reference) for i in check(content, today=TODAY).missing] == [
        ("assistance", "art. 18(15)(d)")
    ]


def test_persons_without_identity_location_or_nationality_are_warnings_only_in_mla():
    content = copy.deepcopy(MLA)
    content["persons"] = [{"role": "victim"}]
    found = check(content, today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [
        ("persons[0].name", "art. 18(15)(e)"),
        ("persons[0].location", "art. 18(15)(e)"),
        ("persons[0].nationality", "art. 18(15)(e)"),
    ]


def test_extradition_accepts_a_judgment_instead_of_a_warrant_with_the_sentence_remaining():
    content = copy.deepcopy(EXTRADITION_WITHOUT_WARRANT)
    content["judgment"] = {"court": "Court of Palermo", "date": "2025-01-10", "reference": "12/25"}
    found = check(content, today=TODAY)
    assert [(i.key, i.reference) for i in found.missing] == [
        ("judgment.sentence", "Model Treaty on Extradition art. 5(2)(d)"),
        ("judgment.remaining", "Model Treaty on Extradition art. 5(2)(d)"),
    ]
    content["judgment"] |= {"sentence": "Ten years", "remaining": "Nine years"}
    assert check(content, today=TODAY).complete


def test_extradition_without_a_person_sought_names_the_person():
    content = copy.deepcopy(EXTRADITION)
    content["persons"][0]["role"] = "witness"
    assert [(i.key, i.reference) for i in check(content, today=TODAY).missing] == [
        ("persons", "Model Treaty on Extradition art. 5(2)(a)")
    ]


def test_extradition_needs_a_description_or_an_identity_document():
    content = without(without(EXTRADITION, "persons[0].description"), "persons[0].identity_document")
    assert [(i.key, i.reference) for i in check(content, today=TODAY).missing] == [
        ("persons[0].description", "Model Treaty on Extradition art. 5(2)(a)")
    ]
    assert check(without(EXTRADITION, "persons[0].description"), today=TODAY).complete


def test_provisional_arrest_needs_the_undertaking_that_extradition_will_follow():
    found = check(without(PROVISIONAL_ARREST, "extradition_to_follow"), today=TODAY)
    assert [(i.key, i.step) for i in found.missing] == [("extradition_to_follow", "facts")]
    refused = check({**PROVISIONAL_ARREST, "extradition_to_follow": False}, today=TODAY)
    assert [(i.key, i.reference) for i in refused.problems] == [
        ("extradition_to_follow", "art. 16(9); Model Treaty on Extradition art. 9(2)")
    ]
    assert [
        i.key for i in check({**PROVISIONAL_ARREST, "extradition_to_follow": "yes"}, today=TODAY).problems
    ] == ["extradition_to_follow"]


def test_provisional_arrest_location_is_asked_where_known():
    found = check(without(PROVISIONAL_ARREST, "persons[0].location"), today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [
        ("persons[0].location", "Model Treaty on Extradition art. 9(2)")
    ]


def test_confiscation_names_the_measure_it_rests_on():
    found = check(without(CONFISCATION_ORDER, "measure"), today=TODAY)
    assert [(i.key, i.reference) for i in found.missing] == [("measure", "art. 13(3)")]
    wrong = check({**CONFISCATION_ORDER, "measure": "13_4"}, today=TODAY)
    assert [i.key for i in wrong.problems] == ["measure"]


def test_confiscation_under_13_1_b_needs_the_order_and_under_13_1_a_does_not():
    content = {key: value for key, value in CONFISCATION_ORDER.items() if key != "order"}
    assert [(i.key, i.reference) for i in check(content, today=TODAY).missing] == [("order", "art. 13(3)(c)")]
    assert check({**content, "measure": "13_1_a"}, today=TODAY).complete
    no_property = {key: value for key, value in content.items() if key != "property"}
    assert [
        (i.key, i.reference) for i in check({**no_property, "measure": "13_1_a"}, today=TODAY).missing
    ] == [("property", "art. 13(3)(a)")]


def test_the_copy_of_the_confiscation_order_should_be_annexed():
    found = check(without(CONFISCATION_ORDER, "annexes"), today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [("annexes", "art. 13(3)(c)")]


def test_transfer_of_sentenced_persons_asks_about_consent():
    found = check(without(TRANSFER_SENTENCED, "persons[0].consent"), today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [("persons[0].consent", "art. 17")]
    refused = check(without(TRANSFER_SENTENCED, "persons[0].consent", False), today=TODAY)
    assert [i.key for i in refused.warnings] == ["persons[0].consent"]
    assert (
        check(without(TRANSFER_SENTENCED, "persons[0].consent", "no"), today=TODAY).problems[0].key
        == "persons[0].consent"
    )


def test_a_vessel_request_is_urgent_by_nature():
    found = check(without(VESSEL_BOARDING, "urgency"), today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [
        ("urgency.urgent", "Smuggling of Migrants Protocol art. 8(2)")
    ]


def test_a_vessel_needs_a_registration_or_imo_number_and_a_valid_imo_number():
    content = without(VESSEL_BOARDING, "vessel.imo_number")
    assert [i.key for i in check(content, today=TODAY).missing] == ["vessel.registration_number"]
    content["vessel"]["registration_number"] = "PE-12345"
    assert check(content, today=TODAY).complete
    wrong = check(without(VESSEL_BOARDING, "vessel.imo_number", "IMO 9074728"), today=TODAY)
    assert [i.key for i in wrong.problems] == ["vessel.imo_number"]


# Serious crime (art. 2(b)) and transnationality (art. 3) ---------------------------------------------------


def test_an_offence_punishable_by_less_than_four_years_is_warned_about():
    content = copy.deepcopy(MLA)
    content["offences"] = [{**OFFENCE, "crime_type": "other-crime", "max_penalty_years": 3}]
    found = check(content, today=TODAY)
    assert found.complete
    assert [(i.key, i.step, i.reference) for i in found.warnings] == [
        ("offences[0].max_penalty_years", "offences", "art. 2(b)")
    ]
    assert "arts. 5, 6, 8 or 23" in str(found.warnings[0].label)


@pytest.mark.parametrize("penalty", [4, 4.0, 20, "life"])
def test_an_offence_punishable_by_four_years_or_more_is_a_serious_crime(penalty):
    content = copy.deepcopy(MLA)
    content["offences"] = [{**OFFENCE, "crime_type": "other-crime", "max_penalty_years": penalty}]
    assert check(content, today=TODAY).warnings == []


def test_an_offence_of_arts_5_6_8_23_or_a_protocol_is_covered_whatever_its_penalty():
    content = copy.deepcopy(MLA)
    content["offences"] = [{**OFFENCE, "crime_type": "obstruction-of-justice", "max_penalty_years": 2}]
    assert check(content, today=TODAY).warnings == []


def test_a_missing_penalty_is_a_warning_in_mla_and_required_in_extradition():
    mla = check(without(MLA, "offences[1].max_penalty_years"), today=TODAY)
    assert mla.complete
    assert [(i.key, i.reference) for i in mla.warnings] == [("offences[1].max_penalty_years", "art. 2(b)")]
    extradition = check(without(EXTRADITION, "offences[0].max_penalty_years"), today=TODAY)
    assert [i.key for i in extradition.missing] == ["offences[0].max_penalty_years"]


def test_nothing_transnational_and_no_organized_criminal_group_are_warnings_naming_the_articles():
    content = without(without(MLA, "transnational"), "organized_criminal_group")
    found = check(content, today=TODAY)
    assert found.complete
    assert [(i.key, i.step, i.reference) for i in found.warnings] == [
        ("transnational", "offences", "art. 3(2)"),
        ("organized_criminal_group", "offences", "art. 3(1)"),
    ]
    assert "3(2)(a) to (d)" in str(found.warnings[0].label)
    assert (
        check({**MLA, "organized_criminal_group": False}, today=TODAY).warnings[0].key
        == "organized_criminal_group"
    )


# Problems: wrong, not missing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ("persons[0].date_of_birth", "29/02/1980", "persons[0].date_of_birth"),
        ("persons[0].date_of_birth", "2030-01-01", "persons[0].date_of_birth"),
        ("assistance[0].particulars.period_from", "2024-13-01", "assistance[0].particulars.period_from"),
        ("assistance[0].particulars.period_from", "2025-01-01", "assistance[0].particulars.period_from"),
        ("offences[0].max_penalty_years", -2, "offences[0].max_penalty_years"),
        ("offences[0].max_penalty_years", 2000, "offences[0].max_penalty_years"),
        ("offences[0].max_penalty_years", "twenty", "offences[0].max_penalty_years"),
        ("offences[0].max_penalty_years", True, "offences[0].max_penalty_years"),
        ("assistance[0].form", "18_3_z", "assistance[0].form"),
        ("persons[0].role", "bystander", "persons[0].role"),
        ("persons[0].nationality", "XYZ", "persons[0].nationality"),
        ("requested_state", "Brazil", "requested_state"),
        ("requested_state", "ITA", "requested_state"),
        ("kind", "letter", "kind"),
        ("transnational", ["a", "e"], "transnational"),
        ("organized_criminal_group", "yes", "organized_criminal_group"),
        ("language", "xx", "language"),
        ("facts", 42, "facts"),
        ("persons", {"name": "x"}, "persons"),
        ("offences", "trafficking", "offences"),
    ],
)
def test_a_wrong_value_is_a_problem_named_by_its_key(path, value, key):
    found = check(without(MLA, path, value), today=TODAY)
    assert key in [item.key for item in found.problems], found.to_json()
    assert not found.complete


def test_unknown_protection_and_execution_date_in_the_past_are_problems():
    content = copy.deepcopy(MLA)
    content["persons"][0]["protection"] = ["child", "invisible"]
    content["urgency"] = {"urgent": True, "reasons": "Trial on 2026-12-15", "execute_by": "2026-11-30"}
    found = check(content, today=TODAY)
    assert [(i.key, i.reference) for i in found.problems] == [
        ("persons[0].protection", ""),
        ("urgency.execute_by", "art. 18(24)"),
    ]
    content["persons"][0]["protection"] = ["child"]
    content["urgency"]["execute_by"] = "2026-12-15"
    assert check(content, today=TODAY).complete


def test_a_deadline_without_reasons_is_a_warning_of_art_18_24():
    found = check({**MLA, "urgency": {"execute_by": "2027-01-15"}}, today=TODAY)
    assert found.complete
    assert [(i.key, i.reference) for i in found.warnings] == [("urgency.reasons", "art. 18(24)")]


def test_a_warrant_dated_in_the_future_or_a_vessel_seen_tomorrow_is_a_problem():
    assert [
        i.key for i in check(without(EXTRADITION, "warrant.date", "2027-01-01"), today=TODAY).problems
    ] == ["warrant.date"]
    assert [
        i.key
        for i in check(
            without(VESSEL_BOARDING, "vessel.observed_at", "2026-12-02T10:00Z"), today=TODAY
        ).problems
    ] == ["vessel.observed_at"]
    assert [
        i.key
        for i in check(without(VESSEL_BOARDING, "vessel.observed_at", "yesterday"), today=TODAY).problems
    ] == ["vessel.observed_at"]


def test_an_unknown_key_is_a_warning_not_lost_silently():
    found = check({**MLA, "fatcs": "typo"}, today=TODAY)
    assert found.complete
    assert [i.key for i in found.warnings] == ["fatcs"]


def test_a_wrong_shape_is_named_once():
    found = check({**VESSEL_BOARDING, "vessel": "Invented Star", "urgency": "now"}, today=TODAY)
    assert [(i.key, i.level) for i in found.problems] == [("vessel", "problem"), ("urgency", "problem")]


def test_a_request_that_is_not_an_object_is_a_problem():
    found = check(["not", "an", "object"])
    assert [(i.key, i.step) for i in found.problems] == [("", "authorities")]


@pytest.mark.django_db
def test_crime_types_are_checked_against_the_knowledge_taxonomy():
    found = check(without(MLA, "offences[0].crime_type", "trafficking-in-unicorns"), today=TODAY)
    assert [i.key for i in found.problems] == ["offences[0].crime_type"]
    assert check(MLA, today=TODAY).complete


@pytest.mark.django_db
def test_a_renamed_crime_type_is_a_warning_naming_the_new_slug():
    from palermo.knowledge.models import Term

    Term.objects.filter(vocabulary="crime_type", slug="trafficking-in-persons").update(
        former_slugs=["human-trafficking"]
    )
    found = check(without(MLA, "offences[0].crime_type", "human-trafficking"), today=TODAY)
    assert found.complete
    assert [(i.key, str(i.label)) for i in found.warnings] == [
        ("offences[0].crime_type", "Crime type “human-trafficking” was renamed “trafficking-in-persons”")
    ]


# The result's shape -------------------------------------------------------------------------------------


def test_every_item_has_a_step_of_the_writer_and_a_label():
    found = check(
        {
            "kind": "mla",
            "persons": [{}],
            "assistance": [{}],
            "offences": [{}],
            "urgency": {"execute_by": "x"},
        },
        today=TODAY,
    )
    items = found.missing + found.problems + found.warnings
    assert items and all(isinstance(item, Item) for item in items)
    assert {item.step for item in items} <= STEP_CODES
    assert all(str(item.label) for item in items)
    assert found.for_step("assistance") == [i for i in items if i.step == "assistance"]
    assert [i.level for i in items] == ["missing"] * len(found.missing) + ["problem"] * len(
        found.problems
    ) + ["warning"] * len(found.warnings)
    assert [i.key for i in found.for_step("persons")] == [
        "persons[0].role",
        "persons[0].name",
        "persons[0].location",
        "persons[0].nationality",
    ]


def test_numbered_items_say_which_row_they_are_about():
    found = check(without(MLA, "offences[1].provision"), today=TODAY)
    assert str(found.missing[0].label) == "Offence 2: Provision of the law creating the offence"


def test_choices_for_the_forms():
    assert [code for code, _label in FORMS][:9] == [f"18_3_{letter}" for letter in "abcdefghi"]
    assert {code for code, _label in PERSON_ROLES} >= {"suspect", "witness", "victim", "sentenced"}
    assert "victim_of_trafficking" in {code for code, _label in PROTECTIONS}


def test_french_names_the_same_articles_and_keys():
    content = {
        "kind": "extradition",
        "persons": [{"role": "accused"}],
        "offences": [{"max_penalty_years": 2}],
    }
    english = check(content, today=TODAY).to_json()
    with translation.override("fr"):
        french = check(content, today=TODAY).to_json()
        rendered_later = check(content, today=TODAY)
    for part in ("missing", "problems", "warnings"):
        assert [(i["key"], i["step"], i["reference"]) for i in french[part]] == [
            (i["key"], i["step"], i["reference"]) for i in english[part]
        ]
        assert all(i["message"] for i in french[part])
    # labels are lazy: rendered in the language active when shown
    with translation.override("fr"):
        assert [str(i.label) for i in rendered_later.missing] == [i["message"] for i in french["missing"]]
