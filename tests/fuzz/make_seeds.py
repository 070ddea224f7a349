#!/usr/bin/env python3
"""Writes the hand-made seeds of the svg, import_* and dataset fuzz targets
into tests/fuzz/corpus/ (run from anywhere; rerun after changing it). The
seeds are what real and hostile files hold: deep and cyclic parents, huge
ids, code points XML cannot carry (U+FFFE, U+FFFF, C0 controls), duplicated
and truncated rows, and copies of the import fixtures in tests/data/import/."""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
IMPORTS = os.path.join(HERE, "..", "data", "import")
BAD = "\ufffe\uffff\x01\x07\x1b\x7f"  # not XML 1.0 characters (and DEL)


def write(target, name, text):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def events(rows, header="id,date,type,actor,target,title"):
    return header + "\n" + "".join(r + "\n" for r in rows)


def chain(depth, cycle=False):
    rows = ["a0,Actor 0,state,%s" % ("a%d" % (depth - 1) if cycle else "")]
    rows += ["a%d,Actor %d,person,a%d" % (i, i, i - 1) for i in range(1, depth)]
    return "id,name,kind,parent\n" + "\n".join(rows) + "\n"


def dataset(actors=None, types=None, ev=None):
    parts = []
    if actors is not None:
        parts.append("==> actors.csv <==\n" + actors)
    if types is not None:
        parts.append("==> types.csv <==\n" + types)
    parts.append("==> events.csv <==\n" + (ev if ev is not None else ""))
    return "".join(parts)


def seeds_dataset():
    ev = events(["e1,2016-01-02,meeting,a65,a1,Deep member meets",
                 "e2,2016-02-03,airstrike,a1,a0,Strike"])
    write("dataset", "parents_deep_66", dataset(chain(66), None, ev))
    write("dataset", "parents_deep_33", dataset(chain(33), None, ev))
    write("dataset", "parents_deep_150", dataset(chain(150), None,
          events(["e1,2016-01-02,meeting,a149,a0,Deepest"])))
    write("dataset", "parents_cycle", dataset(chain(5, cycle=True), None, ev.replace("a65", "a4")))
    write("dataset", "parents_self", dataset("id,name,kind,parent\nx,X,state,x\n", None,
          events(["e1,2016-01-02,meeting,x,x,Self"])))
    write("dataset", "parents_unknown", dataset("id,name,kind,parent\nx,X,person,nobody\n", None,
          events(["e1,2016-01-02,meeting,x,,Orphan"])))
    huge = "h" * 3000
    write("dataset", "huge_ids", dataset("id,name,kind,parent\n%s,Huge,state,\n" % huge, None,
          events(["%s,2016-01-02,meeting,%s,%s,Huge ids" % ("e" * 500, huge, huge)])))
    write("dataset", "xml_invalid", dataset(
        "id,name,kind,parent\nbad,Name%s,state,\n" % BAD,
        "id,label,color,shape\nmeeting,Meet%sing,#112233,box\n" % BAD,
        events(["e1,2016-01-02,meeting,bad,bad,Title %s end" % BAD,
                "e%s,2016-01-03,meeting,bad,,Id with U+FFFE" % "\ufffe"])))
    write("dataset", "rows_duplicated", dataset(
        "id,name,kind,parent\na,A,state,\na,A again,person,\nb,B,person,a\n", None,
        events(["e1,2016-01-02,meeting,b,a,One", "e1,2016-01-02,meeting,b,a,One",
                 "e2,2016-01-05,visit,a,b,Two"])))
    write("dataset", "rows_truncated", dataset(
        "id,name,kind,parent\na,A,sta", "id,label,color\nmeeting,Meet", 
        "id,date,type,actor,target,title\ne1,2016-01-02,meeting,a,b,One\ne2,2016-0"))
    write("dataset", "types_and_members", dataset(
        "id,name,kind,parent,color\nru,Russia,state,,#BB5566\nmod,Ministry,organization,ru,\n"
        "lavrov,Lavrov,person,mod,\nus,United States,state,,#004488\n",
        "id,label,color,shape\nwarning,Warning,#CC6677,triangle\ntalks,Talks,#88CCEE,box\n",
        events(["w1,2016-06-01,warning,lavrov,us,Warns",
                "t1,2016-06-02/2016-06-05,talks,us,ru;mod,Talks",
                "t2,2016-06~,talks,mod,us,Approximate"])))
    write("dataset", "events_only", events(["e1,2016,meeting,a,b,Only events, no marker"]))


def seeds_import():
    pick = {"acled": ["acled_2019.csv", "acled_old.csv", "acled_dates.csv", "acled_cp1252.csv",
                      "acled_excel.csv", "acled_us_dates.csv"],
            "gdelt": ["gdelt1_20160815.export.CSV", "gdelt2_20160815.export.CSV",
                      "gdelt1_201609.csv", "gdelt_cp1252.export.CSV", "gdelt_mixed.export.CSV",
                      "gdelt_bigquery.csv", "gdelt_pandas.csv"],
            "icews": ["icews_events.2016.tab", "icews_cp1252.tab"],
            "icews4": ["icews14_train.txt"],
            "ucdp": ["ged_syria_2016.csv"],
            "phoenix": ["phoenix_2017.csv"],
            "sar": ["sar_de.csv"]}
    for fmt, files in pick.items():
        for name in files:
            with open(os.path.join(IMPORTS, name), "rb") as f:
                data = f.read()
            write("import_" + fmt, name, data)
            lines = data.split(b"\n")
            # Truncated mid-row, duplicated rows, a row with XML-invalid text.
            write("import_" + fmt, name + ".truncated", data[: len(data) * 2 // 3])
            if len(lines) > 2:
                write("import_" + fmt, name + ".duplicated",
                      b"\n".join(lines[:2] + lines[1:2] * 3 + lines[2:]))
                bad = lines[1].replace(b"a", BAD.encode("utf-8", "surrogatepass"), 2)
                write("import_" + fmt, name + ".xml_invalid", b"\n".join(lines[:2] + [bad]))
                huge = lines[1].replace(b"1", b"9" * 2000, 1)
                write("import_" + fmt, name + ".huge_id", b"\n".join(lines[:1] + [huge]))
    write("import_evgraph", "plain.csv", events(
        ["e1,2016-01-02,meeting,a,b,One", "e2,2016-01-02T10:00Z,visit,b,a;c,\"Two, quoted\"",
         "e3,2016-03~,accusation,c,a,\"Multi\nline\""]))
    write("import_evgraph", "xml_invalid.csv", events(["e1,2016-01-02,meeting,a%s,b,T%s" % (BAD, BAD)]))
    write("import_evgraph", "duplicated.csv", events(["e1,2016-01-02,meeting,a,b,One"] * 3))
    write("import_evgraph", "truncated.csv", "id,date,type,actor,target,title\ne1,2016-01-02,meet")
    write("import_evgraph", "huge_id.csv", events(["%s,2016-01-02,meeting,%s,b,Huge" % ("i" * 3000, "a" * 1000)]))


SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz version 2.43.0 (0)
 -->
<!-- Title: timeline Pages: 1 -->
<svg width="200pt" height="100pt"
 viewBox="0.00 0.00 200.00 100.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 96)">
<title>timeline</title>
<g id="node1" class="node">
<title>e1</title>
<g id="a_node1"><a xlink:href="evgph1" xlink:title="evgph0">
<ellipse fill="#bb5566" stroke="black" cx="27" cy="-18" rx="27" ry="18"/>
<text text-anchor="middle" x="27" y="-14.3" font-family="Times,serif" font-size="14.00">A &amp; B &lt;x&gt; &#45;1 &nbsp; &#xFFFE; &#1; &#1114112;</text>
</a>
</g>
</g>
<g id="node1" class="node"><title>dup</title></g>
<g id="edge1" class="edge" onclick="alert(1)"><a xlink:href="javascript:alert(1)"><path d="M1,1L2,2"/></a></g>
</g>
</svg>
"""


def seeds_svg():
    write("svg", "timeline", "fig|-|A title|A description|tooltip <b>bold</b> & more|https://example.org/?a=1&b=2\n" + SVG)
    write("svg", "no_size_css", "!web|svg { fill: red } ]]> <b>|T|D|x|mailto:a@b.c\n" + SVG)
    write("svg", "css_end_style", "p|a</style>b|T|D\n" + SVG)
    write("svg", "xml_invalid", "1bad%s|-|Title%s|Desc%s|tip%s|http://x/%s\n" % (BAD, BAD, BAD, BAD, BAD) + SVG)
    write("svg", "placeholders_out_of_range", "p|-|T|D|only one\n" + SVG.replace("evgph1", "evgph99999999999999999"))
    write("svg", "truncated", "p|-|T|D|a|b\n" + SVG[: len(SVG) // 2])
    write("svg", "unterminated", "p|-|T|D\n<svg width=\"1\" <!-- never ends <g id=\"x")
    write("svg", "empty", "")


if __name__ == "__main__":
    for target in ["svg", "dataset"] + ["import_" + f for f in ("evgraph", "acled", "gdelt", "icews",
                                                           "icews4", "ucdp", "phoenix", "sar")]:
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    seeds_svg()
    seeds_import()
    seeds_dataset()
