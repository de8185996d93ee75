"""A small investigation network for the graph tests, written through the import's own writer:

    Lo Russo (it) ─owns (2020, two sources)→ Sole Logistica (it) ←directs (2021)─ Zakharov (ru)
    Zakharov ─associate→ Al-Rashid (eg) ─associate→ Wang (cn) ←holder─ wallet
    Lo Russo ─pays 5,000 EUR (2024-01-05)→ Al-Rashid
    Rossi (it): no link.

Zakharov is the broker: every path from the Italian side to Wang passes through him and Al-Rashid."""

from palermo.networks.models import Entity
from tests.networks.entities_world import entity, ready_source

PEOPLE = {
    "lorusso": ("Giuseppe Lo Russo", "it"),
    "zakharov": ("Aleksandr Zakharov", "ru"),
    "rashid": ("Mohammed Al-Rashid", "eg"),
    "wang": ("Wang Wei", "cn"),
    "rossi": ("Maria Rossi", "it"),
}


def graph_world(inquiry) -> dict:
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    italy = ready_source(investigation, analyst, "italy.ftm.json")
    fiu = ready_source(investigation, analyst, "fiu.ftm.json")
    for key, (name, country) in PEOPLE.items():
        entity(investigation, analyst, italy, "Person", key, name=name, nationality=country)
    entity(investigation, analyst, italy, "Company", "sole", name="Sole Logistica S.r.l.", jurisdiction="it")
    entity(
        investigation,
        analyst,
        italy,
        "CryptoWallet",
        "wallet",
        publicKey="bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        holder="wang",
    )
    for source in (italy, fiu):
        entity(
            investigation,
            analyst,
            source,
            "Ownership",
            "own-1",
            owner="lorusso",
            asset="sole",
            startDate="2020-09-15",
        )
    entity(
        investigation,
        analyst,
        italy,
        "Directorship",
        "dir-1",
        director="zakharov",
        organization="sole",
        startDate="2021-02-01",
    )
    entity(investigation, analyst, italy, "Associate", "assoc-1", person="zakharov", associate="rashid")
    entity(investigation, analyst, italy, "Associate", "assoc-2", person="rashid", associate="wang")
    entity(
        investigation,
        analyst,
        fiu,
        "Payment",
        "pay-1",
        payer="lorusso",
        beneficiary="rashid",
        amount="5000",
        currency="EUR",
        date="2024-01-05",
    )
    return {"italy": italy, "fiu": fiu}


def merge_records(investigation, canonical: str, *others: str) -> None:
    Entity.objects.filter(investigation=investigation, entity_id__in=[canonical, *others]).update(
        canonical_id=canonical
    )
