"""The payments of an investigation read from the database for following the money: FtM Payments (from
the payer's account when it is known, else from the payer, to the beneficiary's account, else the
beneficiary) and Palermo's CryptoTransfers (wallet to wallet), as the columns `graph.money` follows.
Nodes are canonical entities; kept per process and version of the investigation, like its graph.

The exchange rates are a table kept as data: the file named by the setting NETWORKS_RATES_FILE, else
Palermo's illustrative demo table (networks/data/rates/demo-rates.csv, invented: labelled so wherever a
converted amount is shown)."""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from threading import Lock

from django.conf import settings
from django.db import connection

from palermo.networks.graph.money import Payments
from palermo.networks.graph.rates import RateTable
from palermo.networks.models import Investigation

DEMO_RATES = Path(__file__).resolve().parent.parent / "data" / "rates" / "demo-rates.csv"
MONEY_SCHEMATA = ("Payment", "CryptoTransfer")
ENDS = {
    # schema: (payer properties, most precise first; beneficiary properties; the amount's currency)
    "Payment": (("payerAccount", "payer"), ("beneficiaryAccount", "beneficiary"), "currency"),
    "CryptoTransfer": (("payerWallet",), ("beneficiaryWallet",), "assetSymbol"),
}
PROPS = ("payer", "payerAccount", "beneficiary", "beneficiaryAccount", "payerWallet", "beneficiaryWallet")
VALUES = ("amount", "currency", "assetSymbol", "date", "startDate")
STATEMENTS_SQL = """
SELECT s.entity_id, s.schema, s.prop, s.value
FROM networks_statement s JOIN networks_source src ON src.id = s.source_id
WHERE s.investigation_id = %s AND src.state = 'ready' AND s.schema IN ({schemata}) AND s.prop IN ({props})
ORDER BY s.id
"""
CANONICAL_SQL = """
SELECT e.entity_id, e.canonical_id
FROM networks_entity e JOIN networks_source src ON src.id = e.first_source_id
WHERE e.investigation_id = %s AND src.state = 'ready'
"""
KEPT = 4


@dataclass
class Money:
    """An investigation's payments as columns, with the canonical id of each node and the entity id of
    each payment (the row a flow's `payment_ids` name)."""

    version: int
    payments: Payments
    node_ids: list[str]
    index: dict[str, int]
    payment_entities: list[str]
    payment_schemata: list[str]

    def node_of(self, canonical_id: str) -> int | None:
        return self.index.get(canonical_id)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None  # a partial date ("2024-05") does not constrain time


def holders(built) -> dict[str, str]:
    """Each account or wallet with exactly one owner or holder (an Ownership of it, a wallet's holder),
    mapped to that owner: following the money per person and company joins what they hold."""
    from palermo.networks.graph.elements import family

    found: dict[str, set[str]] = defaultdict(set)
    graph = built.graph
    for edge, (source, target) in enumerate(graph.get_edgelist()):
        owned = built.edge_schema[edge] == "Ownership"
        held = built.edge_prop[edge] == "holder"
        if not (owned or held):
            continue
        holding, holder = (
            (built.vertices[target], built.vertices[source])
            if owned
            else (
                built.vertices[source],
                built.vertices[target],
            )
        )
        if family(holding.schema) in ("account", "wallet"):
            found[holding.canonical_id].add(holder.canonical_id)
    return {holding: next(iter(owners)) for holding, owners in found.items() if len(owners) == 1}


def load_money(investigation_id: int, *, version: int = 0, joined: dict[str, str] | None = None) -> Money:
    """Every payment and crypto transfer of the investigation whose two ends are known, in two queries;
    with `joined`, accounts and wallets are replaced by their holder (see `holders`)."""
    sql = STATEMENTS_SQL.format(
        schemata=", ".join(["%s"] * len(MONEY_SCHEMATA)), props=", ".join(["%s"] * (len(PROPS) + len(VALUES)))
    )
    with connection.cursor() as cursor:
        cursor.execute(CANONICAL_SQL, [investigation_id])
        canonical_of = dict(cursor.fetchall())
        cursor.execute(sql, [investigation_id, *MONEY_SCHEMATA, *PROPS, *VALUES])
        statements = cursor.fetchall()
    found: dict[str, dict[str, str]] = defaultdict(dict)
    schema_of: dict[str, str] = {}
    for entity_id, schema, prop, value in statements:
        schema_of.setdefault(entity_id, schema)
        found[entity_id].setdefault(prop, value)  # the first stated value of each property
    index: dict[str, int] = {}
    rows, entities, schemata = [], [], []
    for entity_id in sorted(found):
        values, schema = found[entity_id], schema_of[entity_id]
        payer_props, beneficiary_props, currency_prop = ENDS[schema]
        payer = next(
            (canonical_of.get(values[p]) for p in payer_props if values.get(p) in canonical_of), None
        )
        beneficiary = next(
            (canonical_of.get(values[p]) for p in beneficiary_props if values.get(p) in canonical_of), None
        )
        if payer is None or beneficiary is None:
            continue
        if joined:
            payer, beneficiary = joined.get(payer, payer), joined.get(beneficiary, beneficiary)
        payer_node = index.setdefault(payer, len(index))
        beneficiary_node = index.setdefault(beneficiary, len(index))
        day = values.get("date") or values.get("startDate")
        rows.append(
            (
                payer_node,
                beneficiary_node,
                _number(values["amount"]) if "amount" in values else None,
                values.get(currency_prop),
                _date(day) if day else None,
            )
        )
        entities.append(entity_id)
        schemata.append(schema)
    payments = Payments.from_rows(rows, node_count=len(index))
    node_ids = list(index)
    return Money(version, payments, node_ids, index, entities, schemata)


_kept: OrderedDict[tuple[int, int, bool], Money] = OrderedDict()
_lock = Lock()


def money_for(investigation: Investigation, *, by_holder: bool = True) -> Money:
    """The investigation's payments at its current graph version (built once per process, version and
    way of counting: per holder, or per account and wallet)."""
    from palermo.networks.graph.build import graph_for

    version = Investigation.objects.filter(pk=investigation.pk).values_list("graph_version", flat=True)[0]
    key = (investigation.pk, version, by_holder)
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    joined = holders(graph_for(investigation)) if by_holder else None
    loaded = load_money(investigation.pk, version=version, joined=joined)
    with _lock:
        for old in [k for k in _kept if k[0] == investigation.pk]:
            del _kept[old]
        _kept[key] = loaded
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return loaded


def rates_file() -> Path:
    configured = getattr(settings, "NETWORKS_RATES_FILE", "")
    return Path(configured) if configured else DEMO_RATES


def rates_are_demo() -> bool:
    return rates_file() == DEMO_RATES


@cache
def _rates(path: str, modified: float) -> RateTable:
    return RateTable.from_csv(Path(path))


def rate_table() -> RateTable:
    """The rate table in use, read once per process (again when its file changes)."""
    path = rates_file()
    return _rates(str(path), path.stat().st_mtime)
