"""What the tests of requests share: a complete request for bank records in a trafficking case, from the
Italian prosecution office to Brazil's central authority, and shortcuts to take a request along its way."""

from django.utils import timezone

from palermo.cooperation.domain import requests as domain
from palermo.cooperation.models import RequestKind
from tests.cooperation.conftest import verified


def complete_content(requested_state: str = "BRA") -> dict:
    return {
        "kind": "mla",
        "requesting_state": "ITA",
        "requested_state": requested_state,
        "requesting_authority": "Procura della Repubblica presso il Tribunale di Palermo",
        "requested_authority": "Central authority",
        "language": "fr" if requested_state == "FRA" else "en",  # one the requested authority accepts
        "reference": "RGNR 1234/2026",
        "subject": "Investigation of trafficking in persons for sexual exploitation by an organized group",
        "conducting_authority": "Public Prosecutor's Office at the Court of Palermo, investigating the offences",
        "offences": [
            {
                "crime_type": "trafficking-in-persons",
                "provision": "art. 601 of the Criminal Code",
                "text": "Whoever recruits, transports, transfers, harbours or receives persons ...",
                "max_penalty_years": 20,
                "description": "The suspects recruited victims in Brazil and exploited them in Italy.",
            }
        ],
        "organized_criminal_group": True,
        "transnational": ["a", "c"],
        "facts": "Between 2023 and 2024 the suspects recruited young women in Brazil with false offers of work.",
        "persons": [
            {
                "role": "suspect",
                "name": "Mario Invented",
                "date_of_birth": "1980-02-29",
                "nationality": "ITA",
                "address": "Via Inventata 1, Palermo",
            }
        ],
        "assistance": [
            {
                "form": "18_3_f",
                "description": "Bank records of the account used to pay the recruiters",
                "particulars": {
                    "bank": "Banco Inventado S.A.",
                    "account": "0001-2345",
                    "period_from": "2023-01-01",
                    "period_to": "2024-06-30",
                },
            }
        ],
        "purpose": "To prove the payments to the recruiters and identify the other members of the group",
        "procedures": "Records certified by the bank's custodian",
        "confidentiality": {"required": True, "reasons": "The suspects are not aware of the investigation"},
        "urgency": {"urgent": False, "reasons": "", "execute_by": "2027-06-30"},
        "annexes": [{"title": "Copy of the order of the investigating judge"}],
    }


def draft(world, content=None, to="brazil"):
    return domain.create_request(
        actor=verified(world["drafter"]),
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities[to],
        title="Bank records, trafficking case",
        content=complete_content() if content is None else content,
    )


def sent(world, to="brazil", on=None):
    """A complete request drafted, marked ready, approved by the colleague and sent."""
    req = draft(world, complete_content("FRA" if to == "france" else "BRA"), to=to)
    domain.mark_ready(req=req, actor=verified(world["drafter"]))
    domain.approve_request(req=req, actor=verified(world["colleague"]))
    return domain.send_request(
        req=req, actor=verified(world["drafter"]), on=on or timezone.localdate(), channel="direct"
    )
