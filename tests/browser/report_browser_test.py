#!/usr/bin/env python3
"""The HTML report in a real browser (issue 8): headless Chromium loads report.html rendered from
the fixture (tests/golden/fixtures/run_submission.json, a measured run) and from a baseline-only
copy of it, and the test checks that

  1. the page logs nothing to the console (it has no script, so any message is a fault: a blocked
     external load or a Content-Security-Policy violation) -- and, so that this check can fail, that
     the same scan does catch the violation of a page with an inline script added;
  2. every plot's <svg> (id and data-plot) is in the DOM after load, with shapes and text in it;
  3. at 1280 and 800 px wide nothing scrolls sideways, no text of a plot leaves its plot or
     overlaps another text of that plot or a point of the Pareto plot, and no plot text renders
     smaller than 9 px (a probe script is added to a copy of the page, allowed by its hash in the
     page's own CSP);
  4. full-page screenshots at 1280 and 800 px are written (--png, and the same name ending in
     _800.png), PNGs of those widths, for a person to look at.

usage: report_browser_test.py --tinyperf BIN --chromium BIN --fixture FILE --out-dir DIR [--png FILE]
Exit 0 pass, 1 fail, 77 skip (no Chromium).
"""
import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

PLOTS = ["plot-latency", "plot-speedup", "plot-pareto", "plot-size", "plot-memory"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
MIN_FONT_PX = 9.0

PROBE = r"""(function () {
  var r = {width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
           height: document.documentElement.scrollHeight, plots: {}, overlaps: [], clipped: [],
           minFontPx: 1e9};
  document.querySelectorAll('svg[data-plot]').forEach(function (svg) {
    var sr = svg.getBoundingClientRect(), scale = sr.width / svg.viewBox.baseVal.width;
    var texts = Array.prototype.filter.call(svg.querySelectorAll('text'),
                                            function (t) { return t.textContent.trim(); });
    var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
    r.plots[svg.id] = {width: sr.width, texts: texts.length,
                       shapes: svg.querySelectorAll('rect,line,circle,polyline').length};
    var marks = Array.prototype.map.call(svg.querySelectorAll('circle.pt-front,circle.pt-dominated'),
                                         function (c) { return c.getBoundingClientRect(); });
    texts.forEach(function (t, i) {
      r.minFontPx = Math.min(r.minFontPx, parseFloat(getComputedStyle(t).fontSize) * scale);
      var b = boxes[i];
      if (b.left < sr.left - 1 || b.right > sr.right + 1 || b.top < sr.top - 1 || b.bottom > sr.bottom + 1)
        r.clipped.push(svg.id + ': "' + t.textContent + '"');
      for (var j = 0; j < i; j++) {
        var c = boxes[j];
        var w = Math.min(b.right, c.right) - Math.max(b.left, c.left);
        var h = Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top);
        if (w > 1 && h > 2) r.overlaps.push(svg.id + ': "' + texts[j].textContent + '" and "' + t.textContent + '"');
      }
      marks.forEach(function (c) {
        var w = Math.min(b.right, c.right) - Math.max(b.left, c.left);
        var h = Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top);
        if (w > 1 && h > 1) r.overlaps.push(svg.id + ': "' + t.textContent + '" covers a point');
      });
    });
  });
  document.body.setAttribute('data-layout', JSON.stringify(r));
})();"""

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def chromium(binary, url, *extra, timeout=120):
    with tempfile.TemporaryDirectory() as profile:
        cmd = [binary, *FLAGS, f"--user-data-dir={profile}", *extra, url]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return p.stdout, p.stderr


def console_lines(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def load(binary, path, width):
    """DOM after load and the console messages."""
    dom, err = chromium(binary, "file://" + path, "--enable-logging=stderr", "--v=0",
                        f"--window-size={width},2000", "--dump-dom")
    return dom, console_lines(err)


def with_probe(page):
    """The page with the probe script before </body>, allowed by its hash in the page's CSP."""
    digest = base64.b64encode(hashlib.sha256(PROBE.encode()).digest()).decode()
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    if csp not in page:
        raise SystemExit("the page's Content-Security-Policy changed: update this test")
    page = page.replace(csp, f"{csp}; script-src 'sha256-{digest}'")
    return page.replace("</body>", f"<script>{PROBE}</script></body>")


def layout(binary, path, width):
    dom, console = load(binary, path, width)
    m = re.search(r'data-layout="([^"]*)"', dom)
    check(m is not None and not console, f"{width} px: the probe ran without console messages {console}")
    return json.loads(html.unescape(m.group(1))) if m else None


def check_layout(r, width, plots):
    if r is None:
        return
    check(r["width"] == width, f"{width} px: the window is {r['width']} px wide")
    check(r["scrollWidth"] <= r["width"], f"{width} px: no sideways scrolling (content {r['scrollWidth']} px)")
    for plot in plots:
        p = r["plots"].get(plot)
        check(p is not None and p["width"] > 0.5 * width, f"{width} px: {plot} laid out ({p})")
    check(not r["clipped"], f"{width} px: no plot text leaves its plot {r['clipped']}")
    check(not r["overlaps"], f"{width} px: no two texts of a plot overlap {r['overlaps']}")
    check(r["minFontPx"] >= MIN_FONT_PX, f"{width} px: smallest plot text {r['minFontPx']:.1f} px >= {MIN_FONT_PX}")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def render(tinyperf, submission, out):
    subprocess.run([tinyperf, "report", submission, "--format", "html", "--out", out], check=True)


def check_page(args, name, page_path, plots, absent):
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    dom, console = load(args.chromium, page_path, 1280)
    check(not console, f"{name}: no console messages on load {console}")
    check("</html>" in dom, f"{name}: the page loaded ({len(dom)} bytes of DOM)")
    for plot in plots:
        m = re.search(rf'<svg[^>]*id="{plot}"[^>]*data-plot="{plot}"[^>]*>(.*?)</svg>', dom, re.S)
        check(m is not None and "<text" in m.group(1) and re.search(r"<(rect|line|circle|polyline)", m.group(1)),
              f"{name}: {plot} is in the DOM with shapes and text")
    for plot in absent:
        check(f'id="{plot}"' not in dom, f"{name}: {plot} is left out")
    probed = os.path.join(args.out_dir, name + ".probe.html")
    with open(probed, "w", encoding="utf-8") as f:
        f.write(with_probe(page))
    results = {}
    for width in (1280, 800):
        results[width] = layout(args.chromium, probed, width)
        check_layout(results[width], width, plots)
    return results


def detector_self_test(args, page_path):
    """The console scan must see a CSP violation, or a clean result above proves nothing."""
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    bad = os.path.join(args.out_dir, "self_test.html")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", "<script>document.title = 'x';</script></body>"))
    _, console = load(args.chromium, bad, 1280)
    check(any("Content Security Policy" in line for line in console),
          "self-test: the console scan catches an inline script blocked by the page's CSP")


def screenshot(args, page, layout_result, width, png):
    """A full-page screenshot at `width` px (the page's height as the probe measured it)."""
    height = min(int((layout_result or {}).get("height", 2400)) + 40, 12000)
    chromium(args.chromium, "file://" + page, f"--window-size={width},{height}", f"--screenshot={png}")
    size = png_size(png) if os.path.exists(png) else None
    check(size is not None and size[0] == width and size[1] == height,
          f"screenshot {png} is a {width} x {height} PNG ({size})")


def baseline_only(fixture, path):
    with open(fixture, encoding="utf-8") as f:
        doc = json.load(f)
    for key in ("optimized", "improvements", "candidates", "scenarios"):
        doc.pop(key, None)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tinyperf", required=True)
    ap.add_argument("--chromium", default="")
    ap.add_argument("--fixture", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--png", default="")
    args = ap.parse_args()
    args.chromium = args.chromium if os.path.exists(args.chromium) else shutil.which("chromium") or ""
    if not args.chromium:
        print("SKIP: chromium is not installed (scripts/setup.sh installs it)")
        return 77
    os.makedirs(args.out_dir, exist_ok=True)
    full = os.path.join(args.out_dir, "report.html")
    render(args.tinyperf, args.fixture, full)
    results = check_page(args, "full", full, PLOTS, [])
    detector_self_test(args, full)

    solo_json = os.path.join(args.out_dir, "baseline_only.json")
    baseline_only(args.fixture, solo_json)
    solo = os.path.join(args.out_dir, "baseline_only.html")
    render(args.tinyperf, solo_json, solo)
    check_page(args, "baseline-only", solo, ["plot-latency", "plot-pareto", "plot-size", "plot-memory"],
               ["plot-speedup"])

    png = args.png or os.path.join(args.out_dir, "report.png")
    for width, path in ((1280, png), (800, re.sub(r"(\.png)?$", "_800.png", png, count=1))):
        screenshot(args, full, results.get(width), width, path)
    print(f"{len(failures)} failed" if failures else "all browser checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
