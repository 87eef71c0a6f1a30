#!/usr/bin/env python3
"""Runs entente's HTML import on the public article-extraction benchmark and scores it with the
benchmark's own evaluate.py (token-shingle precision and recall of the article body).

usage: bench.py BENCHMARK_DIR [--bin PATH] [--with NAME,NAME] [--keep DIR] [--detail N]

BENCHMARK_DIR is a checkout of the benchmark (its html/*.html.gz, ground-truth.json, evaluate.py
and output/). Nothing is written into it: the pages are unpacked, entente's output written and
evaluate.py run in a scratch folder (kept with --keep). --with adds the benchmark's stored outputs
of other extractors (e.g. trafilatura,rs_trafilatura) to the same evaluate.py run. --detail N lists
the N pages with the lowest F1, with their precision and recall. The extractor is the core's
example `html_extract`, built with `cargo build --release` unless --bin names a binary.
"""
import argparse, gzip, json, os, shutil, subprocess, sys, tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def build():
    subprocess.run(['cargo', 'build', '--release', '-q', '-p', 'entente-core',
                    '--example', 'html_extract'], cwd=REPO, check=True)
    target = Path(os.environ.get('CARGO_TARGET_DIR', REPO / 'target'))
    return target / 'release' / 'examples' / 'html_extract'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('bench', type=Path)
    ap.add_argument('--bin', type=Path)
    ap.add_argument('--with', dest='others', default='')
    ap.add_argument('--keep', type=Path)
    ap.add_argument('--detail', type=int, default=0)
    args = ap.parse_args()
    binary = args.bin or build()
    work = Path(tempfile.mkdtemp(prefix='entente-aeb-')) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    pages = work / 'pages'
    pages.mkdir(exist_ok=True)
    truth = json.loads((args.bench / 'ground-truth.json').read_text(encoding='utf8'))
    for key in truth:
        src = args.bench / 'html' / f'{key}.html.gz'
        (pages / f'{key}.html').write_bytes(gzip.decompress(src.read_bytes()))
    run = subprocess.run([str(binary), str(pages)], capture_output=True, check=True)
    sys.stderr.write(run.stderr.decode())
    out = {}
    for line in run.stdout.decode().splitlines():
        rec = json.loads(line)
        out[rec['file'][:-len('.html')]] = {'articleBody': rec['body']}
    for key in truth:
        out.setdefault(key, {'articleBody': ''})
    (work / 'output').mkdir(exist_ok=True)
    (work / 'output' / 'entente.json').write_text(json.dumps(out, ensure_ascii=False, indent=1),
                                                   encoding='utf8')
    for name in filter(None, args.others.split(',')):
        shutil.copy(args.bench / 'output' / f'{name}.json', work / 'output' / f'{name}.json')
    shutil.copy(args.bench / 'ground-truth.json', work / 'ground-truth.json')
    shutil.copy(args.bench / 'evaluate.py', work / 'evaluate.py')
    subprocess.run([sys.executable, 'evaluate.py', '--n-bootstrap', '200'], cwd=work, check=True)
    if args.detail:
        sys.path.insert(0, str(work))
        import evaluate
        rows = []
        for key, t in truth.items():
            tp, fp, fn = evaluate.string_shingle_matching(t.get('articleBody', ''),
                                                          out[key]['articleBody'])
            p = evaluate.precision_score(tp, fp, fn)
            r = evaluate.recall_score(tp, fp, fn)
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((f, p, r, key))
        for f, p, r, key in sorted(rows)[:args.detail]:
            print(f'{f:.3f} P={p:.3f} R={r:.3f} {key}')
    if not args.keep:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
