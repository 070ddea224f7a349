#!/usr/bin/env python3
# Bounded mutation run: N datasets mutated from seed folders or files (duplicated,
# truncated and byte-damaged rows, XML-invalid code points, huge fields, deep and
# cyclic parent chains), each through check, timeline, actors (whole and --by) and
# html; a signal, sanitizer report or timeout is kept as OUT/crashNNN with why.txt.
# Usage: mutate.py EVGRAPH SEED... OUT COUNT RANDOM_SEED
import os, random, shutil, subprocess, sys, time
evgraph, seeds_dir, out, n, seed = sys.argv[1], sys.argv[2:-3], sys.argv[-3], int(sys.argv[-2]), int(sys.argv[-1])
out, evgraph = os.path.abspath(out), os.path.abspath(evgraph)
rnd = random.Random(seed)
def lines(p):
    try: return open(p, encoding='utf-8', errors='surrogateescape').read().split('\n')
    except FileNotFoundError: return None
def mutate(rows, kind):
    if not rows or len(rows) < 2: return rows
    h, body = rows[0], rows[1:]
    if kind == 'dup':
        for j in range(rnd.randint(1, 5)):
            r = rnd.choice(body)
            if rnd.random() < .6 and ',' in r: r = r.split(',', 1)[0] + '_dup%d,' % j + r.split(',', 1)[1]
            body.insert(rnd.randrange(len(body)+1), r)
    elif kind == 'trunc':
        i = rnd.randrange(len(body)); body[i] = body[i][:rnd.randrange(len(body[i])+1)]
        if rnd.random() < .3: body = body[:i+1]
    elif kind == 'xml':
        i = rnd.randrange(len(body)); r = body[i]; j = rnd.randrange(len(r)+1)
        body[i] = r[:j] + rnd.choice(['\ufffe', '\uffff', '\x01', '\x0b', '\ud800', '\x7f', '\u2028']) + r[j:]
    elif kind == 'huge':
        i = rnd.randrange(len(body)); r = body[i].split(','); k = rnd.randrange(len(r))
        r[k] = rnd.choice('AZé&<"') * rnd.choice([5000, 16385, 17000, 70000]); body[i] = ','.join(r)
    elif kind == 'bytes':
        s = list('\n'.join(body))
        for _ in range(rnd.randint(1, 8)):
            if s: s[rnd.randrange(len(s))] = chr(rnd.choice([0, 10, 13, 34, 44, 0xff, 0x80, 59]))
        body = ''.join(s).split('\n')
    return [h] + body
def parents(rows, kind):
    # actors.csv: id,name,kind,parent,...: deep chains and cycles
    if not rows or len(rows) < 3: return rows
    hdr = rows[0].split(',')
    if 'parent' not in hdr: return rows
    pi = hdr.index('parent'); body = [r.split(',') for r in rows[1:] if r.count(',') >= pi]
    if kind == 'cycle' and len(body) >= 2:
        k = rnd.randint(2, min(6, len(body))); ids = [r[0] for r in body[:k]]
        for j in range(k): body[j][pi] = ids[(j+1) % k]
    elif kind == 'deep':
        d = rnd.choice([31, 32, 33, 40, 66, 500, 20000])
        for j in range(d):
            row = ['deep%d' % j, 'Deep %d' % j, 'organization', 'deep%d' % (j-1) if j else ''] + [''] * (len(hdr) - 4)
            body.append(row[:len(hdr)] if len(hdr) >= 4 else row)
    return [rows[0]] + [','.join(r) for r in body]
kinds = ['dup', 'trunc', 'xml', 'huge', 'bytes']
cmds = [['check', '-q'], ['timeline', '-q', '-o', 'T.svg'], ['actors', '-q', '-o', 'A.svg'], ['html', '-q', '-o', 'P.html'],
        ['actors', '-q', '--by', 'quarter', '-o', 'B.svg'], ['timeline', '-q', '--lanes', 'type', '-o', 'T2.png']]
env = dict(os.environ, ASAN_OPTIONS='detect_leaks=1:abort_on_error=0:exitcode=99', UBSAN_OPTIONS='halt_on_error=1:exitcode=99:print_stacktrace=1')
runs = crashes = 0; codes = {}; t0 = time.time()
os.makedirs(out, exist_ok=True)
for i in range(n):
    src = rnd.choice(seeds_dir); d = os.path.join(out, 'w'); shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    desc = [os.path.basename(src)]
    files = [src] if os.path.isfile(src) else [os.path.join(src, f) for f in os.listdir(src)]
    target = os.path.join(d, os.path.basename(src)) if os.path.isfile(src) else d
    for p in files:
        f = os.path.basename(p)
        if not os.path.isfile(p) or not f.lower().endswith(('.csv', '.tsv', '.txt')): continue
        rows = lines(p)
        for _ in range(rnd.choice([0, 0, 1, 1, 2, 3])):
            k = rnd.choice(kinds + (['cycle', 'deep'] if f == 'actors.csv' else []))
            rows = parents(rows, k) if k in ('cycle', 'deep') else mutate(rows, k); desc.append(f + ':' + k)
        open(os.path.join(d, f), 'w', encoding='utf-8', errors='surrogatepass').write('\n'.join(rows))
    for c in cmds:
        runs += 1
        try:
            r = subprocess.run([evgraph] + c[:1] + [target] + c[1:], cwd=out, env=env, capture_output=True, timeout=120)
            rc = r.returncode; err = r.stderr
        except subprocess.TimeoutExpired:
            rc = 'timeout'; err = b''
        codes[rc] = codes.get(rc, 0) + 1
        if rc == 'timeout' or (isinstance(rc, int) and (rc < 0 or rc == 99 or rc > 3)) or b'runtime error' in err or b'Sanitizer' in err:
            crashes += 1; keep = os.path.join(out, 'crash%03d' % crashes); shutil.copytree(d, keep)
            open(keep + '/why.txt', 'wb').write(('%s %s %s\n' % (c, rc, desc)).encode() + err[-4000:])
            print('CRASH', keep, c, rc, desc, flush=True)
print('datasets=%d runs=%d crashes=%d seconds=%.0f codes=%s' % (n, runs, crashes, time.time() - t0, codes))
