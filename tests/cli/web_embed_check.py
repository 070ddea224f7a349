#!/usr/bin/env python3
"""Reads the probe's JSON from two DOM dumps of one page, with and without
a host stylesheet, and checks: no id twice, every figure named by its own
<title>, no Graphviz-internal name as a <title>, the same computed styles
with the host stylesheet as without, and (with --min-text N) the smallest
figure text on screen at least N CSS pixels; with --dark, that the page was
seen in dark mode and no figure text is dark.
Usage: web_embed_check.py HOSTED.dom BARE.dom [--min-text N] [--dark]"""
import html
import json
import re
import sys

GRAPHVIZ_NAME = re.compile(r"^[a-z_]+\d+$|line_from|->|^(timeline|actors|graph\d*|%\d+)$")


def probe(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<pre id="probe-result">(.*?)</pre>', text, re.S)
    if not m:
        sys.exit(f"{path}: no probe result (did the script run?)")
    return json.loads(html.unescape(m.group(1)))


hosted, bare = probe(sys.argv[1]), probe(sys.argv[2])
fail = False


def bad(msg):
    global fail
    fail = True
    print("FAIL:", msg)


print(f"{hosted['ids']} ids, {len(hosted['dupes'])} duplicated; {len(hosted['figures'])} figures; "
      f"{len(hosted['titles'])} titles; smallest text {hosted['minText']:.1f} px")
if hosted["dupes"]:
    bad(f"duplicate ids: {hosted['dupes'][:10]}")
names = [f["name"] for f in hosted["figures"]]
for f in hosted["figures"]:
    if not f["own"]:
        bad(f"figure {f['id']}: its aria-labelledby does not name its own title/desc")
    if not f["name"].startswith(f["ownTitle"]) or not f["ownTitle"]:
        bad(f"figure {f['id']}: accessible name {f['name']!r} is not its title {f['ownTitle']!r}")
for t in hosted["titles"]:
    if GRAPHVIZ_NAME.search(t.strip()):
        bad(f"a <title> is a Graphviz name: {t!r}")
        break
if len(hosted["styles"]) != len(bare["styles"]):
    bad("the two pages hold different figures")
diff = [(a, b) for a, b in zip(hosted["styles"], bare["styles"]) if a != b]
if diff:
    bad(f"{len(diff)} of {len(bare['styles'])} shapes restyled by the host page, e.g. {diff[:3]}")
if "--min-text" in sys.argv:
    need = float(sys.argv[sys.argv.index("--min-text") + 1])
    if hosted["minText"] < need:
        bad(f"smallest figure text {hosted['minText']:.1f} CSS px, under {need}")
if "--dark" in sys.argv:
    # Under prefers-color-scheme: dark, no figure text stays dark (it would
    # vanish on the dark background).
    if not hosted["dark"]:
        bad("the browser did not prefer a dark colour scheme")
    if hosted["darkTexts"]:
        bad(f"{len(hosted['darkTexts'])} figure texts dark on dark, e.g. {hosted['darkTexts'][:3]}")
sys.exit(1 if fail else 0)
