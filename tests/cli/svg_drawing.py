#!/usr/bin/env python3
"""Prints what an SVG draws, one shape or text per line: the element, its
attributes but ids and classes, its text. Two SVGs that print the same draw
the same picture, whatever ids, classes, links, tooltips and titles they
carry. Usage: svg_drawing.py FILE.svg"""
import sys
import xml.dom.minidom

DRAWN = {"path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "image"}


def walk(node, out):
    for child in node.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.tagName in DRAWN:
            attrs = sorted((k, v) for k, v in child.attributes.items() if k not in ("id", "class"))
            text = "".join(t.data for t in child.childNodes if t.nodeType == t.TEXT_NODE)
            out.append(f"{child.tagName} {attrs} {text}")
        walk(child, out)


lines = []
walk(xml.dom.minidom.parse(sys.argv[1]).documentElement, lines)
print("\n".join(lines))
