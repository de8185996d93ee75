"""Benchmark of the link chart in a browser with 2,000 entities (issue 15: "usable — pan and zoom without
stutter — with 2,000 nodes"): the layout's time and the frame times while panning and zooming.

    .venv/bin/python benchmarks/bench_link_chart.py --data-dir /tmp/graphbench-chart [--edges 100000]
    ... --variant as-is --variant no-texture --variant hide-edges   # chart.js variants (below)

Prepares the demo in the data dir if it has not been (its accounts sign in), fills an investigation of
Paul's (the demo practitioner) with the invented network of bench_graph_build.py, and serves the app on
its own port (`palermo serve`, demo mode). Headless Debian Chromium (/usr/bin/chromium, --disable-gpu as
the browser tests: the canvas is drawn by the CPU) signs in as Paul, opens the chart at an entity with a
few dozen links (the page expands it to depth 1 and lays it out), expands it to depth 2 with the table's
own Expand button (the chart fills to 2,000 entities), then times "Lay out again" (fcose, "Organic", the
default) and, for about 5 s, the frames (requestAnimationFrame deltas) while the mouse drags the chart's
background and turns the wheel over it. A variant serves a modified copy of chart.js in place of the
real one (Playwright's routing; the file itself is not changed).
"""

import argparse
import itertools
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench_graph_build import fill, percentile  # first: sets Django up from --data-dir
from django.conf import settings
from django.core.management import call_command
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
VARIANTS = {
    "as-is": [],
    "no-texture": [(TEXTURE, "textureOnViewport: false,")],
    "hide-edges": [(TEXTURE, TEXTURE + " hideEdgesOnViewport: true,")],
    "pixel-ratio-1": [(TEXTURE, TEXTURE + " pixelRatio: 1,")],
    "small-labels-hidden": [('"min-zoomed-font-size": 7,', '"min-zoomed-font-size": 12,')],
    "webgl": [(TEXTURE, TEXTURE + " renderer: { name: 'canvas', webgl: true },")],
}
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
    if not User.objects.filter(email=PAUL).exists():
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
    """An entity with 20 to 200 links whose depth-2 neighbourhood exceeds a chart (2,000 entities)."""
    built = build_graph(investigation.pk)
    degrees = built.graph.degree(mode="all")
    for vertex in sorted(range(len(degrees)), key=lambda v: (hash((seed, v)), v)):
        if 20 <= degrees[vertex] <= 200 and neighbourhood(built, [vertex], depth=2)[1] >= 5000:
            return built.vertices[vertex].canonical_id, degrees[vertex]
    raise SystemExit("no entity reaches 5,000 others at depth 2: use more --edges")


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


def sign_in(page, paul: User) -> None:
    device = TOTPDevice.objects.filter(user=paul, confirmed=True).first()
    page.goto("/en/accounts/login/")
    page.get_by_label("Email or user name").fill(paul.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Six-digit code").fill(f"{code:06d}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def expand(page, entity: str, depth: str) -> float:
    """Expands an entity with its row's Expand button; the time until the chart says what it now shows."""
    page.select_option("#chart-depth", depth)
    before = page.locator("#chart-status").text_content()
    started = time.perf_counter()
    page.locator(f'#chart-nodes tbody tr:has(a[href*="/{entity}/"])').get_by_role(
        "button", name="Expand"
    ).click()
    page.wait_for_function(
        "(before) => document.getElementById('chart-status').textContent !== before",
        arg=before,
        timeout=300_000,
    )
    return time.perf_counter() - started


def fill_chart(page, investigation: Investigation, start: str) -> dict:
    """The chart opened at `start`, expanded to depth 2, then others expanded until it holds 2,000 entities
    (an expansion adds fewer than there is room for when some of those reached are already shown)."""
    started = time.perf_counter()
    page.goto(f"/en/networks/investigations/{investigation.pk}/chart/?entity={start}")
    page.locator("#chart-status").filter(has_text="on the chart").wait_for(timeout=600_000)
    opened = time.perf_counter() - started
    with page.expect_response(lambda response: "chart/elements/" in response.url) as answer:
        expanded = expand(page, start, "2")
    timing = answer.value.request.timing
    after_expand = page.evaluate(EMPTY_POINT)["nodes"]
    for number in range(1, 21):
        if page.evaluate(EMPTY_POINT)["nodes"] >= CHART:
            break
        expand(page, page.evaluate(ENTITY_AT, number), "1")
    return {
        "page": opened,
        "expand": expanded,
        "request": (timing["responseEnd"] - timing["requestStart"]) / 1000,
        "after_expand": after_expand,
    }


def pan_and_zoom(page, seconds: float) -> tuple[list[float], int]:
    """Drags the background and turns the wheel for `seconds`; the frame deltas (ms) and drags made."""
    page.evaluate(RECORD_FRAMES)
    deadline = time.perf_counter() + seconds
    gesture = 0
    while time.perf_counter() < deadline:
        view = page.evaluate(EMPTY_POINT)
        if gesture % 2 == 0:  # pan: a drag of the background, towards the middle and back
            x, y = view["x"], view["y"]
            dx = (view["left"] + view["width"] / 2 - x) * 0.5
            dy = (view["top"] + view["height"] / 2 - y) * 0.5
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + dx, y + dy, steps=25)
            page.mouse.move(x, y, steps=25)
            page.mouse.up()
        else:  # zoom: the wheel in, then out, over the middle
            page.mouse.move(view["left"] + view["width"] / 2, view["top"] + view["height"] / 2)
            for delta in [-100] * 6 + [100] * 6:
                page.mouse.wheel(0, delta)
                page.wait_for_timeout(16)
        gesture += 1
    page.wait_for_timeout(500)  # the full redraw once the gestures stop
    frames = page.evaluate(STOP_FRAMES)
    return [later - earlier for earlier, later in itertools.pairwise(frames)], gesture


def run_variant(browser, base_url: str, paul, investigation, start: str, variant: str, args) -> None:
    context = browser.new_context(
        base_url=base_url,
        locale="en-GB",
        viewport={"width": args.width, "height": args.height},
        device_scale_factor=args.scale,
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    if VARIANTS[variant]:
        script = CHART_JS.read_text(encoding="utf-8")
        for old, new in VARIANTS[variant]:
            assert script.count(old) == 1, (variant, old)
            script = script.replace(old, new)
        page.route(
            "**/static/networks/chart.js*",
            lambda route: route.fulfill(body=script, content_type="text/javascript"),
        )
    sign_in(page, paul)
    loaded = fill_chart(page, investigation, start)
    layouts = [page.evaluate(LAYOUT) for _ in range(args.layouts)]
    view = page.evaluate(EMPTY_POINT)
    deltas, gestures = pan_and_zoom(page, args.seconds)
    dropped = sum(1 for delta in deltas if delta > 50)
    print(
        f"{variant:<20} {view['nodes']:,} nodes {view['edges']:,} edges, canvas {view['width']:.0f}x"
        f"{view['height']:.0f} at {args.scale}x | page {loaded['page']:.1f} s, expand to depth 2 "
        f"{loaded['expand']:.1f} s (request {loaded['request']:.1f} s, {loaded['after_expand']:,} entities) | layout "
        + ", ".join(f"{fcose / 1000:.1f} s (+1st frame {total / 1000:.1f} s)" for fcose, total in layouts)
        + f" | {len(deltas)} frames in {sum(deltas) / 1000:.1f} s, {gestures} gestures: p50 "
        f"{percentile(deltas, 0.5):.1f} ms, p95 {percentile(deltas, 0.95):.1f} ms, max {max(deltas):.0f} ms, "
        f"{dropped} > 50 ms ({sum(d for d in deltas if d > 50) / sum(deltas):.0%} of the time)"
        + (f" | console errors: {errors}" if errors else ""),
        flush=True,
    )
    context.close()


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
    args = parser.parse_args()
    paul = demo_user()
    investigation = chart_investigation(args.edges, args.seed, paul)
    start, links = start_entity(investigation, args.seed)
    print(f"investigation {investigation.pk}, start {start} ({links} links)", flush=True)
    server = serve(args.port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
            )
            print(f"Chromium {browser.version}, headless; load average {os.getloadavg()[0]:.1f}", flush=True)
            for variant in args.variant or ["as-is"]:
                run_variant(
                    browser, f"http://127.0.0.1:{args.port}", paul, investigation, start, variant, args
                )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
