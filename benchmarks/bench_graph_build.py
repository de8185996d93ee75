"""Benchmark of building an investigation's graph from the database (palermo.networks.graph.build) and of
the app's reads on the built graph (issue 15; target: build <= 10 s at 1,000,000 edges).

    .venv/bin/python benchmarks/bench_graph_build.py --data-dir /tmp/graphbench [--edges 1000000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/palermo_graphbench \\
      .venv/bin/python benchmarks/bench_graph_build.py --data-dir /tmp/graphbench-pg
    ... --profile   # also cProfile one build (top functions by own time)

The first run fills a new investigation (kept in the data dir / database and reused by later runs of the
same size and seed): one ready source whose statement and entity rows are written directly with the
import's own bulk writer (not through the import job), a quarter as many people, companies and bank
accounts as there are edges, and one relationship entity per edge — Ownership (owner -> company or
account), Associate, Payment (amount and currency; 60 % dated) and Directorship, 2 link statements each,
dates and amounts for some. Both ends are drawn with a heavy tail (weight rank^-0.7, so that a few hubs
hold thousands of links); 2 % of the people have a second record merged into them, which half of their
links name. Then: build_graph 3 times, the time of its three queries alone, and on the built graph the
reads a link chart makes (neighbourhood, edges among 2,000 entities, paths, elements with their details).
"""

import argparse
import cProfile
import gc
import hashlib
import os
import pstats
import random
import sys
import time
from datetime import date

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "--data-dir" in sys.argv:
    os.environ["PALERMO_DATA_DIR"] = sys.argv[sys.argv.index("--data-dir") + 1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

import numpy as np  # noqa: E402
import orjson  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from palermo.accounts.models import User  # noqa: E402
from palermo.cooperation.models import Authority  # noqa: E402
from palermo.networks.ftm.bulk import db_datetime, insert_entities, insert_statements  # noqa: E402
from palermo.networks.ftm.index import summarise  # noqa: E402
from palermo.networks.ftm.model import model  # noqa: E402
from palermo.networks.graph import build  # noqa: E402
from palermo.networks.graph.elements import elements  # noqa: E402
from palermo.networks.graph.explore import EdgeFilter, edges_among, neighbourhood  # noqa: E402
from palermo.networks.graph.paths import find_paths  # noqa: E402
from palermo.networks.models import Investigation, Source, SourceKind, SourceState, graph_changed  # noqa: E402
from palermo.register.models import Party  # noqa: E402

FIRST = ["Aleksandr", "Maria", "Giovanni", "Ana", "Mehmet", "Li", "Fatima", "John", "Olga", "Carlos", "Amina"]
LAST = ["Zakharov", "Rossi", "Lima", "Yilmaz", "Wang", "Haddad", "Smith", "Ivanova", "Costa", "Diallo"]
COUNTRIES = ["it", "ru", "br", "tr", "cn", "ma", "gb", "ua", "pt", "sn", "de", "fr"]
FORMS = ["SRL", "Ltd", "GmbH", "LLC", "SA", "OOO"]
CURRENCIES = ["EUR", "USD", "GBP", "RUB", "BRL"]
# Node kinds: (schema, id prefix, share of the nodes)
NODES = (("Person", "p", 0.60), ("Company", "c", 0.24), ("BankAccount", "a", 0.16))
# Relationships: (schema, id prefix, share of the edges, kinds of its source, kinds of its target)
LINKS = (
    ("Ownership", "o", 0.25, ("Person", "Company"), ("Company", "BankAccount")),
    ("Associate", "s", 0.20, ("Person",), ("Person",)),
    ("Payment", "y", 0.35, ("Person", "Company"), ("Person", "Company")),
    ("Directorship", "d", 0.20, ("Person",), ("Company",)),
)
TAIL = 0.7  # endpoint weight rank^-TAIL: degrees with a power-law tail (exponent about 1 + 1 / TAIL)
MERGED = 0.02  # people with a second record merged into them
BATCH = 100_000  # relationships written per transaction
CHART = 2000  # entities a link chart holds (palermo.networks.views.graph.MAX_CHART)


def entity_id(prefix: str, n: int, seed: int) -> str:
    """An id shaped like an imported one (a hash), so that its order says nothing of its degree."""
    return f"{prefix}-" + hashlib.blake2b(f"{seed}:{prefix}:{n}".encode(), digest_size=10).hexdigest()


class Endpoints:
    """Draws entities of a kind with a heavy tail: the rank-r entity (ranks shuffled) weighs r^-TAIL."""

    def __init__(self, ids: list[str], rng: np.random.Generator):
        weights = np.arange(1, len(ids) + 1, dtype=np.float64) ** -TAIL
        self.cdf = np.cumsum(weights / weights.sum())
        self.order = rng.permutation(len(ids))
        self.ids = ids

    def draw(self, size: int, rng: np.random.Generator) -> list[str]:
        ranks = np.minimum(np.searchsorted(self.cdf, rng.random(size)), len(self.ids) - 1)
        return [self.ids[i] for i in self.order[ranks]]


def draw(kinds: tuple[str, ...], endpoints: dict, size: int, rng: np.random.Generator) -> list[str]:
    """`size` ends, each of one of the kinds (equally likely), drawn with the kind's heavy tail."""
    if len(kinds) == 1:
        return endpoints[kinds[0]].draw(size, rng)
    chosen = rng.integers(len(kinds), size=size)
    found: list[str] = [""] * size
    for number, kind in enumerate(kinds):
        where = np.flatnonzero(chosen == number)
        for position, value in zip(where, endpoints[kind].draw(len(where), rng), strict=True):
            found[position] = value
    return found


def node_values(schema: str, rng: random.Random) -> list[tuple[str, str]]:
    if schema == "Person":
        return [("name", f"{rng.choice(FIRST)} {rng.choice(LAST)}"), ("nationality", rng.choice(COUNTRIES))]
    if schema == "Company":
        name = f"{rng.choice(LAST)} {rng.choice(['Trading', 'Holding', 'Logistics'])} {rng.choice(FORMS)}"
        return [("name", name), ("jurisdiction", rng.choice(COUNTRIES))]
    return [("accountNumber", str(rng.randrange(10**11, 10**12))), ("country", rng.choice(COUNTRIES))]


class Writer:
    """Statement and entity rows of one source, written with the import's bulk writer."""

    def __init__(self, investigation: Investigation, source: Source, user: User):
        self.head = investigation.pk
        self.tail = (source.pk,)
        self.stated = (db_datetime(timezone.now()), user.pk)
        self.line = 0
        self.statements: list[tuple] = []
        self.entities: list[tuple] = []
        self.counts = [0, 0]

    def add(self, schema: str, entity: str, values: list[tuple[str, str]], canonical: str = "") -> None:
        self.line += 1
        for prop, value in values:
            self.statements.append(
                (self.head, entity, schema, prop, value, "", "", *self.tail, self.line, *self.stated)
            )
        schema, caption, countries = summarise(schema, values, entity)
        self.entities.append(
            (self.head, entity, canonical or entity, schema, caption, countries, self.tail[0])
        )

    def flush(self) -> None:
        with transaction.atomic():
            insert_statements(self.statements)
            insert_entities(self.entities)
        self.counts[0] += len(self.statements)
        self.counts[1] += len(self.entities)
        self.statements, self.entities = [], []


def fill(investigation: Investigation, user: User, edges: int, seed: int = 15) -> Source:
    """A ready source of `edges` relationships among edges / 4 nodes (module docstring), written directly."""
    rng, generator = random.Random(seed), np.random.default_rng(seed)
    source = Source.objects.create(
        investigation=investigation,
        kind=SourceKind.FTM_LINES,
        label=f"graph-benchmark-{edges}.ftm.json",
        state=SourceState.LOADING,
        created_by=user,
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # as the import's loader: the indexes outgrow 2 MB
    writer = Writer(investigation, source, user)
    nodes = edges // 4
    endpoints: dict[str, Endpoints] = {}
    merged_into: dict[str, str] = {}  # a person's id -> the id of its second record
    for schema, prefix, share in NODES:
        ids = [entity_id(prefix, n, seed) for n in range(int(nodes * share))]
        endpoints[schema] = Endpoints(ids, generator)
        for n, node in enumerate(ids):
            writer.add(schema, node, node_values(schema, rng))
            if schema == "Person" and rng.random() < MERGED:
                second = merged_into[node] = entity_id("q", n, seed)
                writer.add(schema, second, node_values(schema, rng)[:1], canonical=node)
    writer.flush()
    days = [date.fromordinal(first).isoformat() for first in range(730120, 739617)]  # 2000-2025
    number = 0
    for schema_name, prefix, share, sources, targets in LINKS:
        schema = model[schema_name]
        count = int(edges * share)
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            ends = draw(sources, endpoints, size, generator), draw(targets, endpoints, size, generator)
            for left, right in zip(*ends, strict=True):
                number += 1
                if left in merged_into and rng.random() < 0.5:
                    left = merged_into[left]
                if right in merged_into and rng.random() < 0.5:
                    right = merged_into[right]
                values = [(schema.edge_source, left), (schema.edge_target, right)]
                values += relationship_details(schema_name, rng, days)
                writer.add(schema_name, entity_id(prefix, number, seed), values)
            writer.flush()
    Source.objects.filter(pk=source.pk).update(
        state=SourceState.READY, statement_count=writer.counts[0], entity_count=writer.counts[1]
    )
    graph_changed(investigation.pk)
    source.refresh_from_db()
    return source


def relationship_details(schema: str, rng: random.Random, days: list[str]) -> list[tuple[str, str]]:
    if schema == "Payment":
        values = [("amount", str(rng.randrange(100, 2_000_000))), ("currency", rng.choice(CURRENCIES))]
        return [*values, ("date", rng.choice(days))] if rng.random() < 0.6 else values
    values = [("startDate", rng.choice(days))] if rng.random() < 0.35 else []
    if schema == "Ownership" and rng.random() < 0.5:
        values.append(("percentage", str(rng.randint(1, 100))))
    return values


def prepare() -> tuple[Authority, User]:
    call_command("migrate", verbosity=0)
    if not Party.objects.exists():
        call_command("load_reference_data", verbosity=0)
    authority = Authority.objects.filter(name="Benchmark authority").first() or Authority.objects.create(
        party=Party.objects.order_by("pk").first(), name="Benchmark authority"
    )
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"username": "bench"})
    return authority, user


def bench_investigation(edges: int, seed: int, *, authority: Authority, user: User) -> Investigation:
    """The benchmark's investigation of this size and seed: reused when filled, else (re)made."""
    title = f"Graph benchmark ({edges:,} edges, seed {seed})"
    found = Investigation.objects.filter(title=title, authority=authority).first()
    if found is not None and found.sources.filter(state=SourceState.READY).exists():
        return found
    if found is not None:  # an interrupted fill
        found.delete()
    investigation = Investigation.objects.create(title=title, authority=authority, created_by=user)
    started = time.perf_counter()
    source = fill(investigation, user, edges, seed)
    print(
        f"filled: {source.entity_count:,} entities, {source.statement_count:,} statements in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return investigation


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summary(label: str, seconds: list[float], extra: str = "") -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{label:<44} n={len(ms):<4} p50 {percentile(ms, 0.5):9.2f} ms  p95 {percentile(ms, 0.95):9.2f} ms  "
        f"max {max(ms):9.2f} ms  {extra}",
        flush=True,
    )


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure_build(investigation_id: int, runs: int) -> build.InvestigationGraph:
    built = None
    for run in range(1, runs + 1):
        built = None
        gc.collect()
        before = rss_mb()
        started, cpu = time.perf_counter(), time.process_time()
        built = build.build_graph(investigation_id)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"build_graph run {run}: {elapsed:6.2f} s (CPU of this process {cpu:5.2f} s)  "
            f"{built.graph.vcount():,} vertices, "
            f"{built.graph.ecount():,} edges  (RSS +{rss_mb() - before:,.0f} MB)",
            flush=True,
        )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        found = build._queries(cursor, investigation_id)
        rows = " + ".join(f"{len(part):,}" for part in found or ())
        print(f"  its four queries alone {time.perf_counter() - started:6.2f} s  {rows} rows", flush=True)
    assert built is not None
    return built


def describe(built: build.InvestigationGraph) -> None:
    degrees = built.graph.degree(mode="all")
    giant = max(built.graph.connected_components(mode="weak").sizes())
    print(
        f"degrees: mean {sum(degrees) / len(degrees):.1f}, p50 {percentile(degrees, 0.5)}, "
        f"p99 {percentile(degrees, 0.99)}, max {max(degrees):,}; {degrees.count(0):,} without a link; "
        f"largest component {giant:,} vertices",
        flush=True,
    )


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def measure_reads(built: build.InvestigationGraph, investigation_id: int, seed: int) -> None:
    rng = random.Random(seed)
    linked = [v for v, d in enumerate(built.graph.degree(mode="all")) if d]
    starts = rng.sample(linked, 200)
    dated_kinds = EdgeFilter(kinds=frozenset({"Payment", "Ownership"}), since="2015")
    for depth in (1, 2):
        for label, rule in (("", EdgeFilter()), (", Payment+Ownership since 2015", dated_kinds)):
            results = [timed(neighbourhood, built, [v], depth=depth, rule=rule) for v in starts]
            reached = [total for _seconds, (_shown, total) in results]
            summary(
                f"neighbourhood depth {depth}{label}",
                [seconds for seconds, _found in results],
                f"reached p50 {percentile(reached, 0.5):,}, max {max(reached):,}",
            )
    chart_sets = []
    for v in starts:
        shown, _total = neighbourhood(built, [v], depth=2, limit=CHART - 1)
        if len(shown) == CHART:
            chart_sets.append(set(shown))
        if len(chart_sets) == 20:
            break
    if not chart_sets:  # a small graph: the largest depth-2 neighbourhood instead
        chart_sets.append(
            max((set(neighbourhood(built, [v], depth=2, limit=CHART - 1)[0]) for v in starts), key=len)
        )
    random_sets = [set(rng.sample(range(built.graph.vcount()), CHART)) for _ in range(20)]
    for label, sets in (("a chart's (depth 2 of one entity)", chart_sets), ("random", random_sets)):
        results = [timed(edges_among, built, chosen) for chosen in sets]
        found = [len(edges) for _seconds, edges in results]
        summary(
            f"edges_among 2,000, {label}",
            [seconds for seconds, _edges in results],
            f"edges p50 {percentile(found, 0.5):,}",
        )
    pairs = [tuple(rng.sample(linked, 2)) for _ in range(50)]
    for k in (1, 3):
        results = [timed(find_paths, built, left, right, k=k) for left, right in pairs]
        counts = [len(paths) for _seconds, paths in results]
        summary(
            f"find_paths k={k}",
            [seconds for seconds, _paths in results],
            f"paths p50 {percentile(counts, 0.5)}, max {max(counts):,}; none for {counts.count(0)}",
        )
    vertices = list(chart_sets[0])
    edges = edges_among(built, chart_sets[0])
    runs = [timed(elements, built, vertices, edges, investigation_id) for _ in range(3)]
    summary(f"elements, {len(vertices):,} nodes and {len(edges):,} edges", [s for s, _r in runs])
    dumped = [timed(orjson.dumps, result) for _s, result in runs]
    summary("  ... its JSON (orjson)", [s for s, _r in dumped], f"{len(dumped[0][1]) / 2**20:.1f} MiB")


def profile_build(investigation_id: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    build.build_graph(investigation_id)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one build after the timed ones")
    parser.add_argument("--skip-reads", action="store_true", help="time the build only")
    parser.add_argument("--fill-only", action="store_true", help="write the investigation, measure nothing")
    args = parser.parse_args()
    authority, user = prepare()
    investigation = bench_investigation(args.edges, args.seed, authority=authority, user=user)
    if args.fill_only:
        return
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{engine}, investigation {investigation.pk}, load average {os.getloadavg()[0]:.1f}", flush=True)
    built = measure_build(investigation.pk, args.runs)
    describe(built)
    if not args.skip_reads:
        measure_reads(built, investigation.pk, args.seed)
    if args.profile:
        profile_build(investigation.pk)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
