#!/usr/bin/env python3
"""Scores titles, publication dates (and, where the collection has them, body snippets) of saved
pages listed in manifest.json, read through entente's HTML import.

usage: pages.py ROOT [--part tune|test|all] [--tool entente|trafilatura] [--bin PATH]
                [--detail title,date,body] [--manifest PATH]

ROOT holds the collections as fetched: ROOT/owner+name/repo, a bare git directory (as the fetch
tool leaves them under /work/.mirror), or a work tree ROOT/owner+name/ with the files. Each page is
checked against its SHA-256. --part picks the tuning part (the default), the frozen test part, or
both; tune nothing on the test part. --tool trafilatura runs trafilatura (when the interpreter has
it) on the same pages, as a reference point.

Titles compare as shared/eval/score.py compares them (case, spacing, a leading bullet); "loose"
also ignores typographic quotes and dashes and a final full stop. Dates compare as YYYY-MM-DD.
Body snippets (adbar/trafilatura's evaldata.json, read from ROOT): the share of "with" snippets
found in the body and of "without" snippets absent from it.
"""
import argparse, hashlib, json, os, subprocess, sys, tempfile, time, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def norm_title(t):
    return ' '.join((t or '').split()).lstrip('•·-–— ').lower()


def loose_title(t):
    t = unicodedata.normalize('NFKC', t or '')
    for a, b in [('‘', "'"), ('’', "'"), ('“', '"'), ('”', '"'), ('–', '-'), ('—', '-'),
                 ('«', '"'), ('»', '"'), ('„', '"')]:
        t = t.replace(a, b)
    return norm_title(t).rstrip('. ')


def read_page(root, page, cache):
    owner_name = page['repo'].replace('/', '+')
    git_dir = root / owner_name / 'repo'
    if git_dir.is_dir():
        data = subprocess.run(['git', '--git-dir', str(git_dir), 'show',
                               f"{page['commit']}:{page['path']}"], capture_output=True,
                              check=True).stdout
    else:
        data = (root / owner_name / page['path']).read_bytes()
    if hashlib.sha256(data).hexdigest() != page['sha256']:
        raise SystemExit(f"{page['repo']}:{page['path']}: not the page of the manifest")
    return data


def snippets(root):
    git_dir = root / 'adbar+trafilatura' / 'repo'
    if not git_dir.is_dir():
        return {}
    try:
        raw = subprocess.run(['git', '--git-dir', str(git_dir), 'show', 'HEAD:tests/evaldata.json'],
                             capture_output=True, check=True).stdout
    except subprocess.CalledProcessError:
        return {}
    return {url: (v.get('with') or [], v.get('without') or []) for url, v in json.loads(raw).items()}


def run_entente(binary, folder):
    run = subprocess.run([str(binary), str(folder)], capture_output=True, check=True)
    sys.stderr.write(run.stderr.decode())
    out = {}
    for line in run.stdout.decode().splitlines():
        rec = json.loads(line)
        out[rec['file'].rsplit('.', 1)[0]] = {
            'title': (rec['title'] or {}).get('value') if rec['title'] and rec['title']['origin'] != 'derived' else None,
            'date': (rec['date'] or {}).get('value'),
            'body': rec['body'],
            'documents': rec['documents'],
        }
    return out


def run_trafilatura(folder):
    import trafilatura
    out = {}
    t0 = time.perf_counter()
    n = 0
    for f in sorted(folder.iterdir()):
        html = f.read_bytes()
        n += len(html)
        res = trafilatura.bare_extraction(html.decode('utf8', 'replace'), with_metadata=True)
        res = res.as_dict() if hasattr(res, 'as_dict') else (res or {})
        out[f.stem] = {'title': res.get('title'), 'date': res.get('date'),
                       'body': res.get('text') or '', 'documents': 1}
    dt = time.perf_counter() - t0
    sys.stderr.write(f'trafilatura: {n / 1e6:.1f} MB in {dt:.1f} s: {n / 1e6 / dt:.2f} MB/s\n')
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('root', type=Path)
    ap.add_argument('--part', default='tune', choices=['tune', 'test', 'all'])
    ap.add_argument('--tool', default='entente', choices=['entente', 'trafilatura'])
    ap.add_argument('--bin', type=Path)
    ap.add_argument('--detail', default='')
    ap.add_argument('--manifest', type=Path, default=HERE / 'manifest.json')
    args = ap.parse_args()
    pages = [p for p in json.loads(args.manifest.read_text(encoding='utf8'))['pages']
             if args.part == 'all' or p['part'] == args.part]
    detail = set(filter(None, args.detail.split(',')))
    snips = snippets(args.root)
    with tempfile.TemporaryDirectory(prefix='entente-pages-') as tmp:
        folder = Path(tmp)
        for p in pages:
            (folder / f"{p['sha256']}.html").write_bytes(read_page(args.root, p, None))
        if args.tool == 'entente':
            binary = args.bin
            if binary is None:
                subprocess.run(['cargo', 'build', '--release', '-q', '-p', 'entente-core',
                                '--example', 'html_extract'], cwd=REPO, check=True)
                target = Path(os.environ.get('CARGO_TARGET_DIR', REPO / 'target'))
                binary = target / 'release' / 'examples' / 'html_extract'
            got = run_entente(binary, folder)
        else:
            got = run_trafilatura(folder)
    by_repo = {}

    def count(repo, key, ok):
        c = by_repo.setdefault(repo, {})
        n, k = c.get(key, (0, 0))
        c[key] = (n + 1, k + (1 if ok else 0))

    for p in pages:
        g = got.get(p['sha256'], {'title': None, 'date': None, 'body': '', 'documents': 0})
        where = f"{p['repo']}:{p['path']}"
        for repo in (p['repo'], 'all'):
            if p.get('title'):
                ok = norm_title(g['title']) == norm_title(p['title'])
                count(repo, 'title', ok)
                count(repo, 'title_loose', loose_title(g['title']) == loose_title(p['title']))
            if p.get('date'):
                count(repo, 'date', (g['date'] or '')[:10] == p['date'])
            count(repo, 'one_document', g['documents'] == 1)
        if 'title' in detail and p.get('title') and norm_title(g['title']) != norm_title(p['title']):
            print(f"title {where}\n  want {p['title']!r}\n  got  {g['title']!r}")
        if 'date' in detail and p.get('date') and (g['date'] or '')[:10] != p['date']:
            print(f"date  {where}: want {p['date']} got {g['date']}")
        if p.get('url') in snips and p['repo'] == 'adbar/trafilatura':
            body = ' '.join(g['body'].split())
            want, unwanted = snips[p['url']]
            found = sum(1 for s in want if ' '.join(s.split()) in body)
            absent = sum(1 for s in unwanted if ' '.join(s.split()) not in body)
            c = by_repo.setdefault('all', {})
            for key, n, k in [('body_with', len(want), found), ('body_without', len(unwanted), absent)]:
                a, b = c.get(key, (0, 0))
                c[key] = (a + n, b + k)
            if 'body' in detail and (found < len(want) or absent < len(unwanted)):
                print(f"body  {where}: with {found}/{len(want)} without {absent}/{len(unwanted)}")
    print(f"{args.tool}, part {args.part}: {len(pages)} pages")
    for repo, c in sorted(by_repo.items(), key=lambda kv: kv[0] != 'all'):
        parts = []
        for key in ['title', 'title_loose', 'date', 'one_document', 'body_with', 'body_without']:
            if key in c:
                n, k = c[key]
                parts.append(f"{key} {k}/{n} ({100 * k / n:.1f} %)")
        print(f"  {repo:<20} " + '  '.join(parts))


if __name__ == '__main__':
    main()
