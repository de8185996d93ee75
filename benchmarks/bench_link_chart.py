"""Benchmark of the link chart in a browser with 2,000 entities (issue 15: "usable — pan and zoom without
stutter — with 2,000 nodes"): the layout's time and the frame times while panning and zooming.

    .venv/bin/python benchmarks/bench_link_chart.py --data-dir /tmp/graphbench-chart [--edges 100000]
    ... --variant as-is --variant texture-only --variant no-texture   # chart.js variants (below)
    ... --profile [opening|gestures] --slow-frames   # where the time goes; which gesture a slow frame is in

Prepares the demo in the data dir if it has not been (its accounts sign in), fills an investigation of
Paul's (the demo practitioner) with the invented network of bench_graph_build.py, and serves the app on
its own port (`palermo serve`, demo mode). Headless Debian Chromium (/usr/bin/chromium, --disable-gpu as
in the browser tests: the canvas is drawn by the CPU) signs in as Paul and fills a chart as a person
would: it opens the chart at an entity with 20 to 200 links (the page expands it to depth 1 and lays it
out), expands it to depth 2 with the table's own Expand button, then expands other entities of the chart
until it holds 2,000, lays it out (fcose, "Organic", the default) and saves it. Then, for each variant,
the saved chart is opened (the same positions every time), the frames are timed (requestAnimationFrame
deltas) for about 5 s each while the mouse drags the background and turns the wheel over it in turn,
only drags, only turns the wheel; and "Lay out again" is timed. A variant serves a modified copy of
chart.js in place of the real one (Playwright's routing; the file itself is not changed).
"""

import argparse
import itertools
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_graph_build import fill, percentile  # first: sets Django up from --data-dir
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright

from palermo.accounts.demo import DEMO_PASSWORD
from palermo.accounts.models import User
from palermo.networks.demo import PAUL
from palermo.networks.domain.investigations import create_investigation
from palermo.networks.graph.build import build_graph
from palermo.networks.graph.explore import neighbourhood
from palermo.networks.models import Investigation, SourceState

ROOT = Path(__file__).resolve().parents[1]
CHART_JS = ROOT / "src" / "palermo" / "networks" / "static" / "networks" / "chart.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
CHART = 2000  # entities a chart holds (palermo.networks.views.graph.MAX_CHART)
TEXTURE = "textureOnViewport: true,"
# chart.js variants: (text replaced, replacement); each must match once.
HIDDEN = """hideEdgesOnViewport: true, // and draws the entities alone while the picture is made and moved
    hideLabelsOnViewport: true,"""
VARIANTS = {
    "as-is": [],
    # Before 2026-12-02 (second session): a picture of everything, labels and links included.
    "texture-only": [(HIDDEN, "")],
    "no-texture": [(TEXTURE, "textureOnViewport: false,")],
    "pixel-ratio-1": [(TEXTURE, TEXTURE + " pixelRatio: 1,")],
    # Edges not hit-tested: Cytoscape tests every interactive element at each mouse move, even while panning.
    "edge-events-no": [('"curve-style": "bezier",', '"curve-style": "bezier", events: "no",')],
    # Neither: the entities alone drawn at each frame of a gesture.
    "no-texture-edge-events-no": [
        (TEXTURE, "textureOnViewport: false,"),
        ('"curve-style": "bezier",', '"curve-style": "bezier", events: "no",'),
    ],
    "straight-edges": [('"curve-style": "bezier"', '"curve-style": "straight"')],
    "haystack-edges": [('"curve-style": "bezier"', '"curve-style": "haystack"')],
    # Cytoscape's WebGL renderer: needs a GPU (headless Chromium without one draws WebGL in software,
    # far too slowly to finish the gestures).
    "webgl": [(TEXTURE, TEXTURE + " renderer: { name: 'canvas', webgl: true },")],
}
# Where the opening's time went: the page until its scripts ran, the request for the saved chart's entities,
# and what came after that response until now (adding them, the positions, the first draw, the tables).
OPEN_PHASES = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const request = performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/chart/elements"))[0];
  return { ready: navigation.domContentLoadedEventEnd, request: request.responseEnd - request.startTime,
           rest: performance.now() - request.responseEnd };
}"""
RECORD_FRAMES = """() => {
  window.__frames = []; window.__recording = true;
  const tick = (now) => { window.__frames.push(now); if (window.__recording) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""
STOP_FRAMES = "() => { window.__recording = false; return window.__frames; }"
# Times "Lay out again": the click runs fcose to its end (animate: false), then the first frame is drawn.
LAYOUT = """() => new Promise((resolve) => {
  const started = performance.now();
  document.querySelector('[data-action="layout"]').click();
  const laidOut = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => resolve([laidOut - started, performance.now() - started])));
})"""
# A point of the canvas far from every node (a drag there pans instead of moving a node); the viewport.
EMPTY_POINT = """() => {
  const cy = document.getElementById("chart-canvas")._cyreg.cy;
  const box = cy.container().getBoundingClientRect();
  const points = cy.nodes().map((node) => node.renderedPosition());
  let best = null;
  for (let x = 15; x < box.width - 15; x += 30) for (let y = 15; y < box.height - 15; y += 30) {
    let near = Infinity;
    for (const p of points) near = Math.min(near, Math.hypot(p.x - x, p.y - y));
    if (!best || near > best[2]) best = [x, y, near];
  }
  return { x: box.left + best[0], y: box.top + best[1], width: box.width, height: box.height,
    left: box.left, top: box.top, zoom: cy.zoom(), nodes: cy.nodes().length, edges: cy.edges().length };
}"""


# The id of one of the chart's entities, picked by a number (the same every run for the same chart).
ENTITY_AT = """(number) => {
  const ids = document.getElementById("chart-canvas")._cyreg.cy.nodes().not(".group").map((node) => node.id()).sort();
  return ids[(number * 7919) % ids.length];
}"""


def demo_user() -> User:
    fresh = User._meta.db_table not in connection.introspection.table_names()  # a new data dir: no tables
    if fresh or not User.objects.filter(email=PAUL).exists():
        print("preparing the demo (accounts, directory; a few minutes) ...", flush=True)
        call_command("demo", no_serve=True)
    paul = User.objects.get(email=PAUL)
    paul.is_verified = lambda: True  # as the demo's own set-up acts for him
    return paul


def chart_investigation(edges: int, seed: int, paul: User) -> Investigation:
    title = f"Link chart benchmark ({edges:,} edges, seed {seed})"
    found = Investigation.objects.filter(title=title).first()
    if found is not None and found.sources.filter(state=SourceState.READY).exists():
        return found
    if found is not None:
        found.delete()
    investigation = create_investigation(user=paul, title=title)
    fill(investigation, paul, edges, seed)
    return investigation


def start_entity(investigation: Investigation, seed: int) -> tuple[str, int]:
    """An entity with 20 to 200 links whose depth-2 neighbourhood is twice what a chart holds."""
    built = build_graph(investigation.pk)
    degrees = built.graph.degree(mode="all")
    for vertex in sorted(range(len(degrees)), key=lambda v: (hash((seed, v)), v)):
        if 20 <= degrees[vertex] <= 200 and neighbourhood(built, [vertex], depth=2)[1] >= 2 * CHART:
            return built.vertices[vertex].canonical_id, degrees[vertex]
    raise SystemExit("no entity reaches 4,000 others at depth 2: use more --edges")


def serve(port: int) -> subprocess.Popen:
    command = [str(ROOT / ".venv" / "bin" / "palermo"), "serve", "--bind", f"127.0.0.1:{port}"]
    log = open(Path(settings.DATA_DIR) / "bench-serve.log", "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(command, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=5)
            return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise SystemExit("the server did not start: see bench-serve.log in the data dir")


def code_of(user: User):
    """The current TOTP code of the user's device, without a query (Django refuses queries in Playwright's
    event loop)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    key, step, t0, digits = device.bin_key, device.step, device.t0, device.digits
    return lambda: f"{totp(key, step=step, t0=t0, digits=digits):0{digits}d}"


def sign_in(page, username: str, code) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email or user name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def expand(page, entity: str, depth: str) -> float:
    """Expands an entity with its row's Expand button; the time until the chart says what it now shows."""
    page.select_option("#chart-depth", depth)
    page.evaluate("() => { document.getElementById('chart-status').textContent = ''; }")
    started = time.perf_counter()
    row = page.locator(f'#chart-nodes tbody tr:has(a[href*="/{entity}/"])')
    row.get_by_role("button", name="Expand").click()
    page.wait_for_function(
        "() => document.getElementById('chart-status').textContent !== ''", timeout=300_000
    )
    return time.perf_counter() - started


def fill_chart(page, investigation_id: int, start: str) -> dict:
    """The chart opened at `start`, expanded to depth 2, then others expanded until it holds 2,000 entities
    (an expansion adds fewer than there is room for when some of those reached are already shown), laid
    out and saved as a view: the times of each step and the view's id."""
    started = time.perf_counter()
    page.goto(f"/en/networks/investigations/{investigation_id}/chart/?entity={start}")
    page.locator("#chart-status").filter(has_text="on the chart").wait_for(timeout=600_000)
    opened = time.perf_counter() - started
    with page.expect_response(lambda response: "chart/elements/" in response.url) as answer:
        expanded = expand(page, start, "2")
    timing = answer.value.request.timing
    after_expand = page.evaluate(EMPTY_POINT)["nodes"]
    top_ups = []
    for number in range(1, 31):
        if page.evaluate(EMPTY_POINT)["nodes"] >= CHART:
            break
        top_ups.append(expand(page, page.evaluate(ENTITY_AT, number), "1"))
    layout = page.evaluate(LAYOUT)
    with page.expect_response(lambda response: response.url.endswith("/chart/views/")) as saved:
        page.fill("#chart-name", f"Benchmark {time.time():.0f}")
        page.evaluate("() => document.getElementById('chart-save-form').requestSubmit()")
    return {
        "page": opened,
        "expand": expanded,
        "request": (timing["responseEnd"] - timing["requestStart"]) / 1000,
        "after_expand": after_expand,
        "top_ups": top_ups,
        "layout": layout,
        "view": saved.value.json()["id"],
    }


def gestures(
    page, seconds: float, kinds: tuple[str, ...], show_slow: bool = False
) -> tuple[list[float], int]:
    """Drags the background (pan) and turns the wheel (zoom), in turn, for `seconds`: the frame deltas (ms)
    and the gestures made. `show_slow` prints when each gesture started and each frame over 50 ms began
    (ms on the page's clock), to tell which gesture a slow frame belongs to."""
    # Where to drag, found before the frames are timed (finding it walks every entity, in the page): each
    # gesture goes back to where it started (dragged there and back, the wheel turned in and out as far).
    view = page.evaluate(EMPTY_POINT)
    page.evaluate(RECORD_FRAMES)
    deadline = time.perf_counter() + seconds
    made = 0
    starts = []
    while time.perf_counter() < deadline:
        if show_slow:
            starts.append(f"{kinds[made % len(kinds)]} {page.evaluate('performance.now()'):.0f}")
        middle = (view["left"] + view["width"] / 2, view["top"] + view["height"] / 2)
        if kinds[made % len(kinds)] == "pan":  # from a point far from every node towards the middle and back
            x, y = view["x"], view["y"]
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + (middle[0] - x) / 2, y + (middle[1] - y) / 2, steps=25)
            page.mouse.move(x, y, steps=25)
            page.mouse.up()
        else:  # the wheel in, then out, over the middle
            page.mouse.move(*middle)
            for delta in [-100] * 6 + [100] * 6:
                page.mouse.wheel(0, delta)
                page.wait_for_timeout(16)
        made += 1
    page.wait_for_timeout(500)  # the full redraw once the gestures stop
    frames = page.evaluate(STOP_FRAMES)
    if show_slow:
        slow = [f"{a:.0f} +{b - a:.0f}" for a, b in itertools.pairwise(frames) if b - a > 50]
        print(
            f"    gestures began at {', '.join(starts)}; slow frames {', '.join(slow) or 'none'}", flush=True
        )
    return [later - earlier for earlier, later in itertools.pairwise(frames)], made


def frame_summary(label: str, deltas: list[float], made: int) -> str:
    slow = [delta for delta in deltas if delta > 50]
    return (
        f"{label}: {len(deltas)} frames in {sum(deltas) / 1000:.1f} s ({made} gestures), p50 "
        f"{percentile(deltas, 0.5):.1f} ms, p95 {percentile(deltas, 0.95):.1f} ms, max {max(deltas):.0f} ms, "
        f"{len(slow)} > 50 ms ({sum(slow) / sum(deltas):.0%} of the time)"
    )


@dataclass
class Chart:
    """Where the browser goes: the server, who signs in (name, current code), the chart and its start."""

    base_url: str
    username: str
    code: Callable[[], str]
    investigation_id: int
    start: str


def new_page(browser, chart: Chart, args, script: str | None = None):
    context = browser.new_context(
        base_url=chart.base_url,
        locale="en-GB",
        viewport={"width": args.width, "height": args.height},
        device_scale_factor=args.scale,
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    if script is not None:  # a variant of chart.js served in place of the real one
        page.route(
            "**/static/networks/chart.js*",
            lambda route: route.fulfill(body=script, content_type="text/javascript"),
        )
    sign_in(page, chart.username, chart.code)
    return page, errors


def prepare_view(browser, chart: Chart, args) -> int:
    """Fills a chart to 2,000 entities the way a person would, lays it out and saves it: the view's id."""
    page, _errors = new_page(browser, chart, args)
    filled = fill_chart(page, chart.investigation_id, chart.start)
    view = page.evaluate(EMPTY_POINT)
    print(
        f"filled: page with the start expanded {filled['page']:.1f} s; depth 2 {filled['expand']:.1f} s "
        f"(request {filled['request']:.1f} s) -> {filled['after_expand']:,} entities; "
        f"{len(filled['top_ups'])} more expansions of {sum(filled['top_ups']) / max(len(filled['top_ups']), 1):.1f} s "
        f"on average -> {view['nodes']:,} entities, {view['edges']:,} links; first layout "
        f"{filled['layout'][0] / 1000:.1f} s (+ first frame {filled['layout'][1] / 1000:.1f} s)",
        flush=True,
    )
    page.context.close()
    return filled["view"]


def variant_script(variant: str) -> str | None:
    if not VARIANTS[variant]:
        return None
    script = CHART_JS.read_text(encoding="utf-8")
    for old, new in VARIANTS[variant]:
        assert script.count(old) == 1, (variant, old)
        script = script.replace(old, new)
    return script


def top_functions(profile: dict, count: int = 15) -> str:
    """The functions that took the most time of their own in a V8 CPU profile (Chrome DevTools Protocol)."""
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    own: dict[str, float] = {}
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = frames[node_id]
        name = f"{frame['functionName'] or '(anonymous)'} {frame['url'].rsplit('/', 1)[-1]}:{frame['lineNumber'] + 1}"
        own[name] = own.get(name, 0.0) + delta / 1000
    ranked = sorted(own.items(), key=lambda item: -item[1])[:count]
    return "\n".join(f"    {ms:8.0f} ms  {name}" for name, ms in ranked)


def run_variant(browser, chart: Chart, view_id: int, variant: str, args) -> None:
    """The saved chart opened (the same positions for every variant), panned and zoomed, then laid out."""
    page, errors = new_page(browser, chart, args, variant_script(variant))
    profiler = page.context.new_cdp_session(page) if args.profile else None
    if profiler is not None:  # Cytoscape's readable build, so that the profile names its functions
        readable = (ROOT / "node_modules" / "cytoscape" / "dist" / "cytoscape.umd.js").read_text()
        page.route(
            "**/cytoscape.min.js*", lambda route: route.fulfill(body=readable, content_type="text/javascript")
        )
        profiler.send("Profiler.enable")
        profiler.send("Profiler.start")
    started = time.perf_counter()
    page.goto(f"/en/networks/investigations/{chart.investigation_id}/chart/?view={view_id}")
    page.locator("#chart-status").filter(has_text="is open").wait_for(timeout=600_000)
    opened = time.perf_counter() - started
    if profiler is not None:
        opening = profiler.send("Profiler.stop")["profile"]
        if args.profile == "opening":
            print(top_functions(opening), flush=True)
    phases = page.evaluate(OPEN_PHASES)
    view = page.evaluate(EMPTY_POINT)
    if args.profile == "gestures":  # a first pan and zoom profiled, then measured as usual
        profiler.send("Profiler.start")
        print(frame_summary("  pan and zoom, profiled", *gestures(page, args.seconds, ("pan", "zoom"), True)))
        print(top_functions(profiler.send("Profiler.stop")["profile"]), flush=True)
    lines = [
        f"{variant}: {view['nodes']:,} entities, {view['edges']:,} links, canvas {view['width']:.0f}x"
        f"{view['height']:.0f} CSS px at {args.scale}x; saved chart opened in {opened:.1f} s (page ready "
        f"{phases['ready'] / 1000:.1f} s, request of the entities {phases['request'] / 1000:.1f} s, on the "
        f"canvas {phases['rest'] / 1000:.1f} s after it); "
        f"load average {os.getloadavg()[0]:.1f}",
        frame_summary("  pan and zoom", *gestures(page, args.seconds, ("pan", "zoom"), args.slow_frames)),
        frame_summary("  pan only", *gestures(page, args.seconds, ("pan",), args.slow_frames)),
        frame_summary("  zoom only", *gestures(page, args.seconds, ("zoom",), args.slow_frames)),
    ]
    layouts = [page.evaluate(LAYOUT) for _ in range(args.layouts)]
    lines.append(
        "  lay out again (fcose): "
        + ", ".join(f"{fcose / 1000:.1f} s (+ first frame {total / 1000:.1f} s)" for fcose, total in layouts)
    )
    if errors:
        lines.append(f"  console errors: {errors}")
    print("\n".join(lines), flush=True)
    page.context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--port", type=int, default=8157)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--layouts", type=int, default=2, help="times 'Lay out again' is timed")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--scale", type=float, default=1.0, help="device pixels per CSS pixel")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="default: as-is")
    parser.add_argument("--view", type=int, help="a chart saved by an earlier run: not filled again")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="opening",
        choices=("opening", "gestures"),
        help="where the time goes (V8 profile): of the opening, or of a first pan and zoom",
    )
    parser.add_argument(
        "--slow-frames", action="store_true", help="when the gestures began and frames over 50 ms"
    )
    args = parser.parse_args()
    paul = demo_user()
    investigation = chart_investigation(args.edges, args.seed, paul)
    start, links = start_entity(investigation, args.seed)
    print(f"investigation {investigation.pk}, start {start} ({links} links)", flush=True)
    chart = Chart(f"http://127.0.0.1:{args.port}", paul.username, code_of(paul), investigation.pk, start)
    server = serve(args.port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
            )
            print(f"Chromium {browser.version}, headless; load average {os.getloadavg()[0]:.1f}", flush=True)
            view_id = args.view or prepare_view(browser, chart, args)
            print(f"saved chart {view_id}", flush=True)
            for variant in args.variant or ["as-is"]:
                run_variant(browser, chart, view_id, variant, args)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
