#!/usr/bin/env python3
"""Checks that SVG and HTML files are safe to inline in a web page: SVGs are
well-formed XML (xml.dom) and HTML parses; no <script>, <foreignObject>,
<iframe>, <object> or <embed>; no on* attribute; every href an allowed link
(http, https, mailto, relative, not //host); no id twice in one document.
With --ids-apart, no id is shared between the files either.
Usage: svg_check.py [--ids-apart] FILE...   Prints problems; exit 1 if any."""
import html.parser
import re
import sys
import xml.dom.minidom

BANNED = {"script", "foreignobject", "iframe", "object", "embed"}
ALLOWED = re.compile(r"^(https?:|mailto:|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//))", re.I)
problems = []


def check_attrs(name, tag, attrs, ids):
    if tag.lower().split(":")[-1] in BANNED:
        problems.append(f"{name}: <{tag}>")
    for key, value in attrs:
        key = key.lower()
        if key.startswith("on"):
            problems.append(f"{name}: <{tag} {key}=...>")
        if key in ("href", "xlink:href", "src") and not ALLOWED.match(value or ""):
            problems.append(f"{name}: <{tag} {key}={value!r}>")
        if key == "id":
            if value in ids:
                problems.append(f"{name}: id {value!r} twice")
            ids.add(value)


class Page(html.parser.HTMLParser):
    def __init__(self, name, ids):
        super().__init__()
        self.name, self.ids = name, ids

    def handle_starttag(self, tag, attrs):
        check_attrs(self.name, tag, attrs, self.ids)


def walk(name, node, ids):
    for child in node.childNodes:
        if child.nodeType == child.ELEMENT_NODE:
            check_attrs(name, child.tagName, list(child.attributes.items()), ids)
            walk(name, child, ids)


apart = "--ids-apart" in sys.argv
all_ids = set()
for name in [a for a in sys.argv[1:] if a != "--ids-apart"]:
    ids = set()
    text = open(name, encoding="utf-8").read()
    if name.endswith(".svg"):
        try:
            walk(name, xml.dom.minidom.parseString(text.encode("utf-8")), ids)
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            problems.append(f"{name}: not well-formed XML: {e}")
    else:
        Page(name, ids).feed(text)
    if re.search(r"<script|javascript:|vbscript:|data:text", text, re.I):
        problems.append(f"{name}: holds script or a script/data URL")
    if apart and all_ids & ids:
        problems.append(f"{name}: ids also in another file: {sorted(all_ids & ids)[:5]}")
    all_ids |= ids
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
