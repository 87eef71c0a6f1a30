#!/usr/bin/env python3
"""Builds manifest.json, the tuning set of saved pages with reference titles and dates, from
public extractor test collections fetched as bare git directories (MIRROR/owner+name/repo):

- adbar/trafilatura: tests/evaldata.json (title, date) for pages in tests/cache and tests/eval;
- mozilla/readability: test/test-pages/*/source.html with expected-metadata.json (title,
  publishedTime);
- adbar/htmldate: tests/eval_default.json and tests/eval_mediacloud_2020.json (dates only).

A page is kept once (by its SHA-256); its URL, where known, must pass shared/eval/excluded.py
(the unseen evaluation articles stay out). Pages are split once, by site, with a fixed seed:
70 % tuning, 30 % frozen test. Only the manifest is committed, never a page.

usage: make_manifest.py MIRROR EXCLUDED_PY > manifest.json
"""
import hashlib, json, random, subprocess, sys, urllib.parse
from pathlib import Path

SEED = 21
TEST_SHARE = 0.3


def git(repo, *args):
    return subprocess.run(['git', '--git-dir', str(repo), *args], capture_output=True,
                          check=True).stdout


def head(repo):
    return git(repo, 'rev-parse', 'HEAD').decode().strip()


def listing(repo, commit, *dirs):
    return git(repo, 'ls-tree', '-r', '--name-only', commit, *dirs).decode().split('\n')


def host(url):
    h = urllib.parse.urlsplit(url).netloc.lower()
    return h[4:] if h.startswith('www.') else h


def main():
    mirror, excluded_py = Path(sys.argv[1]), sys.argv[2]
    pages = {}

    def add(repo_name, repo, commit, path, url, title, date, site):
        try:
            data = git(repo, 'show', f'{commit}:{path}')
        except subprocess.CalledProcessError:
            return
        sha = hashlib.sha256(data).hexdigest()
        entry = pages.setdefault(sha, {'repo': repo_name, 'commit': commit, 'path': path,
                                       'sha256': sha, 'url': url, 'site': site})
        if title and not entry.get('title'):
            entry['title'] = ' '.join(title.split())
        if isinstance(date, str) and date and not entry.get('date'):
            entry['date'] = date[:10]

    name = 'adbar/trafilatura'
    repo = mirror / 'adbar+trafilatura' / 'repo'
    commit = head(repo)
    files = {p.rsplit('/', 1)[-1]: p for p in listing(repo, commit, 'tests/cache', 'tests/eval') if p}
    for url, v in json.loads(git(repo, 'show', f'{commit}:tests/evaldata.json')).items():
        if v['file'] in files:
            add(name, repo, commit, files[v['file']], url, v.get('title'), v.get('date'), host(url))

    name = 'mozilla/readability'
    repo = mirror / 'mozilla+readability' / 'repo'
    commit = head(repo)
    for p in listing(repo, commit, 'test/test-pages'):
        if p.endswith('/expected-metadata.json'):
            d = p.rsplit('/', 1)[0]
            meta = json.loads(git(repo, 'show', f'{commit}:{p}'))
            add(name, repo, commit, f'{d}/source.html', None, meta.get('title'),
                meta.get('publishedTime'), 'readability:' + d.rsplit('/', 1)[-1].split('-')[0])

    name = 'adbar/htmldate'
    repo = mirror / 'adbar+htmldate' / 'repo'
    commit = head(repo)
    files = {p.rsplit('/', 1)[-1]: p for p in
             listing(repo, commit, 'tests/cache', 'tests/eval', 'tests/test_set') if p}
    for ref in ['tests/eval_default.json', 'tests/eval_mediacloud_2020.json']:
        for url, v in json.loads(git(repo, 'show', f'{commit}:{ref}')).items():
            if v['file'] in files:
                add(name, repo, commit, files[v['file']], url, None, v.get('date'), host(url))

    urls = [p['url'] for p in pages.values() if p['url']]
    out = subprocess.run([sys.executable, excluded_py, *urls], capture_output=True, text=True)
    banned = {line.split(' ', 1)[1] for line in out.stdout.splitlines() if line.startswith('excluded ')}
    kept = [p for p in pages.values() if p['url'] not in banned and (p.get('title') or p.get('date'))]
    sites = sorted({p['site'] for p in kept})
    random.Random(SEED).shuffle(sites)
    test_sites = set(sites[:round(len(sites) * TEST_SHARE)])
    for p in kept:
        p['part'] = 'test' if p['site'] in test_sites else 'tune'
    kept.sort(key=lambda p: (p['repo'], p['path']))
    # One page a line, so that a change to the set reads as a diff.
    sys.stdout.write(f'{{"seed": {SEED}, "test_share": {TEST_SHARE}, "excluded": {len(banned)}, "pages": [\n')
    sys.stdout.write(',\n'.join(json.dumps(p, ensure_ascii=False) for p in kept))
    sys.stdout.write('\n]}\n')


if __name__ == '__main__':
    main()
