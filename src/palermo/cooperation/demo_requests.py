"""Demo requests (demo mode only): invented cases between the demo authorities, taken along their way by
the demo accounts through the same domain functions as in the pages, stored with is_demo=True and
labelled "demo data" wherever shown.

- Paul (Palermo prosecution office) to Brazil's central authority: a request for bank records in a
  trafficking case, approved by his colleague Carla, sent, received and in execution by Eduardo (Brazil);
  five earlier ones executed, so that the secretariat's statistics show counts (not only "fewer than 5");
  and a draft with items still missing.
- Italy's ministry (Francesca): a draft extradition request to France's bureau, which does not use
  Palermo, and a request received from Mexico's authority (not on Palermo either), recorded by hand."""

from copy import deepcopy

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from palermo.accounts.models import User
from palermo.cooperation.domain import requests as domain
from palermo.cooperation.models import Authority, Channel, Request, RequestKind, RequestState

PAUL, CARLA = "practitioner@demo.palermo.invalid", "colleague@demo.palermo.invalid"
FRANCESCA, EDUARDO = "focal.point@demo.palermo.invalid", "expert@demo.palermo.invalid"

BANK_RECORDS = {
    "language": "es",  # Brazil's central authority (demo) accepts Portuguese, English and Spanish
    "reference": "RGNR 1234/2026 (demo)",
    "subject": "Demo data: investigation of trafficking in persons for sexual exploitation by an organized group",
    "conducting_authority": "Public Prosecutor's Office at the Court of Palermo (Anti-Mafia District Directorate)",
    "offences": [
        {
            "crime_type": "trafficking-in-persons",
            "provision": "art. 601 of the Italian Criminal Code",
            "text": "Whoever recruits, transports, transfers, harbours or receives persons by means of threat, "
            "force or deception for the purpose of exploitation shall be punished with imprisonment from "
            "eight to twenty years.",
            "max_penalty_years": 20,
            "description": "The suspects recruited women in Brazil with false offers of work and exploited "
            "them in Italy.",
        }
    ],
    "organized_criminal_group": True,
    "transnational": ["a", "c"],
    "facts": "Demo data: between 2023 and 2024 an invented group recruited young women in Brazil with false "
    "offers of work, paid their travel to Italy through a Brazilian bank account and exploited them in "
    "Palermo.",
    "persons": [
        {
            "role": "suspect",
            "name": "Mario Inventato",
            "date_of_birth": "1980-02-29",
            "nationality": "ITA",
            "location": "Palermo",
        },
        {"role": "victim", "name": "A. B.", "nationality": "BRA", "protection": ["identity_confidential"]},
    ],
    "assistance": [
        {
            "form": "18_3_f",
            "description": "Certified copies of the statements of the account used to pay the recruiters",
            "particulars": {
                "bank": "Banco Inventado S.A. (demo)",
                "account": "0001-2345-6",
                "period_from": "2023-01-01",
                "period_to": "2024-06-30",
            },
        }
    ],
    "purpose": "To prove the payments to the recruiters and identify the other members of the group",
    "procedures": "Records certified by the bank's custodian of records",
    "confidentiality": {"required": True, "reasons": "The suspects are not aware of the investigation"},
    "urgency": {"urgent": False, "reasons": "", "execute_by": ""},
    "annexes": [{"title": "Order of the investigating judge (demo)"}],
}

EXTRADITION = {
    "language": "fr",
    "reference": "Demo extradition file 12/2026",
    "offences": [
        {
            "crime_type": "participation-in-organized-criminal-group",
            "provision": "art. 416-bis of the Italian Criminal Code",
            "text": "Participation in a mafia-type association.",
            "max_penalty_years": 15,
            "description": "The person sought directed the invented group's finances.",
        }
    ],
    "organized_criminal_group": True,
    "transnational": ["b"],
    "facts": "Demo data: the person sought directed from Lyon the finances of an invented group active in "
    "Palermo.",
    "persons": [
        {
            "role": "accused",
            "name": "Giulia Inventata",
            "nationality": "ITA",
            "description": "Born 1975, 1.70 m, brown hair",
            "identity_document": "Invented passport YA0000000",
            "location": "Lyon",
        }
    ],
    "warrant": {
        "issued_by": "Judge for preliminary investigations, Palermo",
        "date": "2026-09-01",
        "reference": "GIP 99/2026",
    },
}


def _person(email: str) -> User:
    user = User.objects.get(email=email)
    user.is_verified = lambda: True  # the demo acts as the person signed in with the second factor
    return user


def _authority(user: User) -> Authority:
    return Authority.objects.get(organisation=user.organisation)


def _bank_records(paul: User, carla: User, brazil: Authority, title: str) -> Request:
    req = domain.create_request(
        actor=paul,
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        requesting_authority=_authority(paul),
        requested_authority=brazil,
        title=title,
        content=deepcopy(BANK_RECORDS),
        language="es",
    )
    domain.mark_ready(req=req, actor=paul)
    domain.approve_request(req=req, actor=carla)
    return domain.send_request(req=req, actor=paul, on=timezone.localdate(), channel=Channel.DIRECT)


@transaction.atomic
def create_demo_requests() -> int:
    """Create the demo requests once (demo mode only); returns how many were added."""
    if not settings.DEMO_MODE:
        raise RuntimeError("Demo requests exist only in demo mode (PALERMO_DEMO=1).")
    if Request.objects.filter(is_demo=True).exists():
        return 0
    paul, carla, francesca, eduardo = map(_person, (PAUL, CARLA, FRANCESCA, EDUARDO))
    brazil, france = _authority(eduardo), Authority.objects.get(party="FRA", is_demo=True)
    today = timezone.localdate()
    made = []
    for number in range(1, 6):
        earlier = _bank_records(paul, carla, brazil, f"Bank records, earlier case {number} (demo)")
        for state in (RequestState.RECEIVED, RequestState.IN_EXECUTION, RequestState.EXECUTED):
            domain.move_request(req=earlier, actor=eduardo, to_state=state, on=today)
        made.append(earlier)
    current = _bank_records(paul, carla, brazil, "Bank records of the recruiters' account (demo)")
    for state in (RequestState.RECEIVED, RequestState.ACKNOWLEDGED, RequestState.IN_EXECUTION):
        domain.move_request(req=current, actor=eduardo, to_state=state, on=today)
    domain.post_message(
        req=current,
        actor=eduardo,
        text="Demo data: the bank has been ordered to produce the records; we expect them within 30 days.",
    )
    made.append(current)
    draft_content = {
        key: value for key, value in deepcopy(BANK_RECORDS).items() if key not in ("purpose", "facts")
    }
    made.append(
        domain.create_request(
            actor=paul,
            kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            requesting_authority=_authority(paul),
            requested_authority=brazil,
            title="Witness statement, still being written (demo)",
            content=draft_content,
            language="es",
        )
    )
    extradition = domain.create_request(
        actor=francesca,
        kind=RequestKind.EXTRADITION,
        requesting_authority=_authority(francesca),
        requested_authority=france,
        title="Extradition of the group's treasurer (demo)",
        content=deepcopy(EXTRADITION),
        language="fr",
    )
    made.append(extradition)
    made.append(
        domain.record_incoming_request(
            actor=francesca,
            kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            requesting_authority=Authority.objects.get(party="MEX", is_demo=True),
            requested_authority=_authority(francesca),
            title="Received by diplomatic pouch: service of judicial documents (demo)",
            received_on=today,
        )
    )
    Request.objects.filter(pk__in=[req.pk for req in made]).update(is_demo=True)
    return len(made)
