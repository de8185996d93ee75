"""Demo investigations (demo mode only): invented people of one network as three States' authorities
recorded them, in three scripts, imported through the same jobs as an upload; and a Brazilian investigation
that holds one of the same people, for a hit/no-hit notice. Labelled "demo data" wherever shown; the files
and what they hold are described in networks/data/demo/README.md.

- "Operation Lupa (demo)" of the Palermo prosecution office: Paul leads, Carla analyses; shared with
  Brazil's central authority (a joint investigation team), where Eduardo is an analyst. Sources: the
  Carabinieri's file (Latin script), a financial intelligence unit's table with a mapping (Cyrillic), police
  records received from Egypt (Arabic), the financial police's bank records of payments through Egypt,
  Russia and China, a blockchain analysis of Bitcoin transfers (a table with a mapping), and the freezing,
  seizure and confiscation orders against the network's accounts, wallet and company.
- "Operação Rio (demo)" of Brazil's central authority, led by Eduardo, not shared with Italy: one of its
  people matches one of Operation Lupa's, so Paul's search finds a hit there (he learns only whom to
  contact) and Eduardo's investigation is told.
- Each investigation has been searched for candidates; Carla has judged one pair the same person and the
  wallets found twice the same wallets; Operation Lupa's network has been analysed.
- The Palermo office has loaded an invented watch list (networks/data/demo/watch-list.ftm.json): its
  investigations are screened against it, and Operation Lupa has hits (a suspect, a wallet, a namesake)."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from palermo.accounts.models import User
from palermo.cooperation.models import Authority
from palermo.core.jobs import run_pending
from palermo.networks.domain import investigations as domain
from palermo.networks.domain.analysis import start_analysis
from palermo.networks.domain.imports import start_import
from palermo.networks.domain.resolution import judge
from palermo.networks.domain.resolution_run import start_run
from palermo.networks.domain.watch_lists import start_load
from palermo.networks.models import Candidate, Investigation, MemberRole, SourceKind, Verdict

DEMO_DATA = Path(__file__).parent / "data" / "demo"
PAUL, CARLA = "practitioner@demo.palermo.invalid", "colleague@demo.palermo.invalid"
EDUARDO = "expert@demo.palermo.invalid"


def _verified(user: User) -> User:
    user.is_verified = lambda: True  # the demo acts as the signed-in person would
    return user


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DEMO_DATA / name).read_bytes())


def _import(investigation: Investigation, user: User, name: str, mapping: str | None = None) -> None:
    start_import(
        investigation=investigation,
        user=user,
        upload=_upload(name),
        kind=SourceKind.MAPPING if mapping else SourceKind.FTM_LINES,
        mapping_text=(DEMO_DATA / mapping).read_text(encoding="utf-8") if mapping else None,
    )


def create_demo_investigations() -> list[Investigation]:
    """The two demo investigations with their sources imported (idempotent: nothing if they exist)."""
    existing = list(Investigation.objects.filter(is_demo=True))
    if existing:
        return existing
    paul, carla, eduardo = (_verified(User.objects.get(email=email)) for email in (PAUL, CARLA, EDUARDO))
    brazil = Authority.objects.get(organisation=eduardo.organisation)
    with transaction.atomic():
        lupa = domain.create_investigation(
            user=paul,
            title="Operation Lupa (demo)",
            reference="RGNR 1234/2026 (demo)",
            summary="Demo data: an invented network that recruits and moves people from several States "
            "through Italy, with a logistics company in Palermo, accounts and a Bitcoin wallet.",
        )
        domain.add_member(investigation=lupa, user=paul, member=carla, role=MemberRole.ANALYST)
        domain.share_investigation(
            investigation=lupa, user=paul, authority=brazil, note="Joint investigation team agreement (demo)"
        )
        domain.add_member(investigation=lupa, user=paul, member=eduardo, role=MemberRole.ANALYST)
        rio = domain.create_investigation(
            user=eduardo,
            title="Operação Rio (demo)",
            reference="DRCI 77/2026 (demo)",
            summary="Demo data: Brazil's own investigation of an import-export company.",
        )
        Investigation.objects.filter(pk__in=[lupa.pk, rio.pk]).update(is_demo=True)
        _import(lupa, paul, "italy-carabinieri.ftm.json")
        _import(lupa, carla, "russia-fiu.csv", mapping="russia-fiu.mapping.yml")
        _import(lupa, carla, "egypt-police.ftm.json")
        _import(lupa, paul, "financial-police-payments.ftm.json")
        _import(lupa, carla, "blockchain-transfers.csv", mapping="blockchain-transfers.mapping.yml")
        _import(lupa, paul, "asset-measures.ftm.json")
        _import(rio, eduardo, "brazil-operacao-rio.ftm.json")
    run_pending()
    # Brazil searches first, so that its blocking keys exist when Italy's search looks for hits elsewhere.
    start_run(investigation=rio, user=eduardo)
    run_pending()
    start_run(investigation=lupa, user=paul)
    run_pending()
    _judge_one(lupa, carla)
    _judge_same_wallets(lupa, carla)
    start_analysis(investigation=lupa, user=paul)
    # The Italian office's watch list (invented): loading it screens the office's investigations.
    start_load(
        user=paul,
        upload=_upload("watch-list.ftm.json"),
        name="Demo consolidated watch list",
        publisher="Invented for the demo, in the format of an OpenSanctions export",
        is_demo=True,
        role_checked=True,
    )
    run_pending()
    return [lupa, rio]


def _judge_same_wallets(investigation: Investigation, analyst: User) -> None:
    """Carla has judged that the wallets of the blockchain analysis are those of the other files (the same
    address): the money can be followed from the bank accounts into the wallets and on."""
    open_pairs = Candidate.objects.filter(
        investigation=investigation, schema="CryptoWallet", judgement__isnull=True
    ).order_by("pk")
    for _ in range(20):  # each judgement merges two wallets and may settle other pairs
        candidate = open_pairs.first()
        if candidate is None:
            return
        judge(candidate=candidate, verdict=Verdict.POSITIVE, user=analyst)


def _judge_one(investigation: Investigation, analyst: User) -> None:
    """Carla has judged that the Carabinieri's two records of Giuseppe Lo Russo are one person: the demo
    shows a merged entity with each value's source (the other candidates wait for the visitor)."""
    pair = sorted(["it-lorusso", "it-lorusso-2"])
    candidate = Candidate.objects.filter(
        investigation=investigation, left_id=pair[0], right_id=pair[1], judgement__isnull=True
    ).first()
    if candidate is not None:
        judge(candidate=candidate, verdict=Verdict.POSITIVE, user=analyst)
