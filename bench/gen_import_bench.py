#!/usr/bin/env python3
"""Writes a large synthetic events file for timing `evgraph check`.

usage: gen_import_bench.py gdelt|evgraph FILE [ROWS [SEED]]

gdelt:   a GDELT 2.0 event file (61 tab-separated columns, no header), as
         the daily exports look: mostly root events, CAMEO codes spread over
         all roots, a few hundred actors, geography and a SOURCEURL.
evgraph: evgraph's own CSV with every column filled, about 236 bytes a row.
Default 1,000,000 rows, seed 1.
"""
import random
import sys

CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071",
         "0871", "090", "100", "111", "1121", "120", "130", "141", "150", "160", "173",
         "180", "190", "193", "194", "195", "1951", "196", "200"]
PLACES = [("Damascus, Dimashq, Syria", "33.5102", "36.2913"),
          ("Aleppo, Halab, Syria", "36.2028", "37.1586"),
          ("Geneva, Genève, Switzerland", "46.2", "6.15"),
          ("Moscow, Moskva, Russia", "55.7522", "37.6156"),
          ("Washington, District of Columbia, United States", "38.8951", "-77.0364"),
          ("Syria", "35", "38")]
TYPES = ["ceasefire", "airstrike", "visit", "accusation", "agreement", "attack", "meeting",
         "statement"]


def main():
    mode, path = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    actors = [("C%03d" % i, "ACTOR NUMBER %d" % i) for i in range(400)]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        if mode == "evgraph":
            out.write("id,date,type,actor,target,location,latitude,longitude,killed,title,"
                      "description,source,url\n")
        buf = []
        for n in range(rows):
            day = 20160101 + (n * 7 % 12) * 100 + n % 28
            a1, a2 = rng.choice(actors), rng.choice(actors)
            place = rng.choice(PLACES)
            if mode == "gdelt":
                code = rng.choice(CODES)
                f = [""] * 61
                f[0] = str(500000000 + n); f[1] = str(day); f[2] = str(day // 100)
                f[3] = str(day // 10000); f[4] = "2016.%04d" % (n % 10000)
                f[5] = a1[0]; f[6] = a1[1]; f[7] = a1[0][:3]; f[12] = "GOV"
                f[15] = a2[0]; f[16] = a2[1]; f[17] = a2[0][:3]
                f[25] = "1" if n % 10 else "0"
                f[26] = code; f[27] = code[:3]; f[28] = code[:2]; f[29] = "1"
                f[30] = "-2.0"; f[31] = str(1 + n % 20); f[32] = "1"; f[33] = f[31]
                f[34] = "-1.2345"
                f[35] = "4"; f[36] = place[0]; f[37] = "SY"; f[38] = "SY01"
                f[40] = place[1]; f[41] = place[2]; f[42] = "-2973317"
                f[43] = "4"; f[44] = place[0]; f[45] = "SY"; f[46] = "SY01"
                f[48] = place[1]; f[49] = place[2]; f[50] = "-2973317"
                f[51] = "4"; f[52] = place[0]; f[53] = "SY"; f[54] = "SY01"
                f[56] = place[1]; f[57] = place[2]; f[58] = "-2973317"
                f[59] = "%d%06d" % (day, n % 240000)
                f[60] = "https://www.example-news.com/world/middle-east/article-%d.html" % n
                buf.append("\t".join(f))
            else:
                d = str(day)
                buf.append("e%d,%s-%s-%s,%s,a%d,a%d,\"%s\",%s,%s,%d,Event number %d happened,"
                           "A longer description of what happened at event %d,"
                           "Example News,https://www.example-news.com/article-%d.html" % (
                               n, d[:4], d[4:6], d[6:], rng.choice(TYPES), rng.randrange(400),
                               rng.randrange(400), place[0], place[1], place[2], n % 50, n, n,
                               n))
            if len(buf) == 10000:
                out.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            out.write("\n".join(buf) + "\n")


if __name__ == "__main__":
    main()
