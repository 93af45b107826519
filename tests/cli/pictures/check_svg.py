"""Mechanical checks of one SVG picture written by prio.

    python3 check_svg.py [--graphviz] FILE.svg [ID ...]

Checks that the file is well-formed XML with an <svg> root, a <title> and a
<desc> (the text alternative); that the layout check the writer states in its
last comment found no overlapping text boxes; that every ID given appears in
the picture (as a label or in a tooltip <title>); and that no number shown has
10 or more significant digits (numbers are rounded for people). With
--graphviz (a picture Graphviz laid out, which writes no <desc> and does its
own layout) the <desc> and layout checks are left out. Exits 1 with the
reasons when a check fails.
"""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def main():
    args = sys.argv[1:]
    graphviz = args[:1] == ["--graphviz"]
    if graphviz:
        args = args[1:]
    path, ids = args[0], args[1:]
    problems = []
    text = open(path, encoding="utf-8").read()
    root = ET.fromstring(text)  # raises on malformed XML
    if root.tag != NS + "svg":
        problems.append("the root element is not <svg>")
    title = next(root.iter(NS + "title"), None) if graphviz else root.find(NS + "title")
    desc = root.find(NS + "desc")
    if title is None or not (title.text or "").strip():
        problems.append("no <title>")
    if not graphviz and (desc is None or not (desc.text or "").strip()):
        problems.append("no <desc>")
    check = re.findall(r"<!-- layout check: (\d+) text boxes, (.*?) -->", text)
    if graphviz:
        pass
    elif len(check) != 1:
        problems.append("no layout check comment")
    elif check[0][1] != "none overlapping":
        problems.append("text boxes overlap: " + check[0][1])
    shown = [t.text or "" for t in root.iter(NS + "text")]
    tips = [t.text or "" for t in root.iter(NS + "title")]
    everything = "\n".join(shown + tips)
    for i in ids:
        if i not in everything:
            problems.append("feature " + i + " is not in the picture")
    for s in shown:
        for num in re.findall(r"\d[\d.]*(?:e[+-]?\d+)?", s):
            digits = re.sub(r"e.*", "", num).replace(".", "").lstrip("0")
            if len(digits) >= 10:
                problems.append("unrounded number " + num + " in '" + s + "'")
    if problems:
        print(path + ":\n  " + "\n  ".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
