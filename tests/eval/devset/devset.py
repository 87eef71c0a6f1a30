#!/usr/bin/env python3
"""The development set of real articles: restore the texts, check them, score entente on them,
and measure the agreement of two annotation passes.

The repository holds only the gold annotation (gold/tune/NNN.json, gold/test/NNN.json) and the
manifest (manifest.json: each article's url, sha256 and length, the search that found it, its
split). The article texts are third-party text and stay out of the repository: `restore` copies
them in (to texts/tune and texts/test, ignored by git) from a folder that holds them as NNN.txt,
checking every hash. The texts are the starts of public web pages as the team's page store holds
them; the manifest records each one's url and the search that returned it (README.md).

usage:
  devset.py restore --from DIR     copy DIR/NNN.txt into texts/<split>/ after checking sha256 and length
  devset.py check                  are all texts present, with the right hashes?
  devset.py score [tune|test|all] [--detail] [--cli PATH]
                                   run `entente extract --json` on the texts and both scorers
  devset.py agreement A B          compare two annotation passes (folders of NNN.json): Cohen's
                                   kappa on pair stance, and pair, topic, figure, country and
                                   title/date agreement
  devset.py validate GOLD_DIR TEXT_DIR
                                   check annotation files against the rules' vocabulary and texts
  devset.py split --seed S --test-share F
                                   (done once) assign each article to tune or test at random
"""
import argparse, hashlib, json, os, random, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
MANIFEST = os.path.join(HERE, 'manifest.json')
SPLITS = ('tune', 'test')


def eval_dir():
    """The shared evaluation rules and scorers: ENTENTE_EVAL, or ../shared/eval beside the repo."""
    d = os.environ.get('ENTENTE_EVAL') or os.path.join(ROOT, '..', 'shared', 'eval')
    if not os.path.isfile(os.path.join(d, 'score.py')):
        sys.exit(f'devset: the scorers are not at {d} (set ENTENTE_EVAL to the folder with score.py)')
    return d


def manifest():
    with open(MANIFEST, encoding='utf-8') as f:
        return json.load(f)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def text_path(article):
    return os.path.join(HERE, 'texts', article['split'], article['id'] + '.txt')


def cmd_restore(args):
    bad = 0
    for a in manifest():
        src = os.path.join(args.src, a['id'] + '.txt')
        if not os.path.isfile(src):
            print(f'missing {a["id"]} ({a["url"]})'); bad += 1; continue
        data = open(src, 'rb').read()
        if sha256(data) != a['sha256'] or len(data) != a['bytes']:
            print(f'changed {a["id"]}: sha256 or length differs from the manifest ({a["url"]})'); bad += 1; continue
        dst = text_path(a)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(src, dst)
    print(f'restored {len(manifest()) - bad} of {len(manifest())} texts' + (f'; {bad} missing or changed' if bad else ''))
    return 1 if bad else 0


def cmd_check(_args):
    bad = 0
    for a in manifest():
        p = text_path(a)
        if not os.path.isfile(p):
            bad += 1; print(f'missing {p}'); continue
        data = open(p, 'rb').read()
        if sha256(data) != a['sha256'] or len(data) != a['bytes']:
            bad += 1; print(f'changed {p}')
    n = len(manifest())
    print(f'{n - bad} of {n} texts present and unchanged')
    return 1 if bad else 0


def run_cli(cli, folder):
    if cli:
        out = subprocess.run([cli, 'extract', '--json', folder], capture_output=True, text=True)
    else:
        out = subprocess.run(['cargo', 'run', '--quiet', '--release', '-p', 'entente-cli', '--',
                              'extract', '--json', folder], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f'devset: entente extract failed on {folder}:\n{out.stderr}')
    return out.stdout


def cmd_score(args):
    ev = eval_dir()
    if cmd_check(argparse.Namespace()) != 0:
        sys.exit('devset: restore the texts first (devset.py restore --from DIR)')
    splits = SPLITS if args.split == 'all' else (args.split,)
    for split in splits:
        texts = os.path.join(HERE, 'texts', split)
        gold = os.path.join(HERE, 'gold', split)
        with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
            f.write(run_cli(args.cli, texts)); pred = f.name
        n = len([x for x in os.listdir(gold) if x.endswith('.json')])
        print(f'== {split} ({n} articles)')
        extra = ['--detail'] if args.detail else []
        for scorer in ('score.py', 'score_relations.py'):
            sys.stdout.flush()
            subprocess.run([sys.executable, os.path.join(ev, scorer), gold, pred] + extra, check=True)
        os.unlink(pred)
    return 0


def load_pass(folder):
    docs = {}
    for n in sorted(os.listdir(folder)):
        if n.endswith('.json'):
            docs[n[:-5]] = json.load(open(os.path.join(folder, n), encoding='utf-8'))
    return docs


def kappa(pairs):
    """Cohen's kappa over (label_a, label_b) pairs."""
    n = len(pairs)
    if n == 0:
        return float('nan')
    labels = sorted({x for p in pairs for x in p})
    po = sum(1 for a, b in pairs if a == b) / n
    pe = sum((sum(1 for a, _ in pairs if a == c) / n) * (sum(1 for _, b in pairs if b == c) / n) for c in labels)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def cmd_agreement(args):
    sys.path.insert(0, eval_dir())
    import score_relations as sr  # the shared sentence matching, so agreement is measured as scoring is
    a, b = load_pass(args.a), load_pass(args.b)
    common = sorted(set(a) & set(b))
    stance_pairs, pair_tp, pair_a, pair_b = [], 0, 0, 0
    topic_tp = topic_a = topic_b = 0
    sent_matched = sent_a = sent_b = 0
    cty_tp = cty_a = cty_b = 0
    fig_tp = fig_a = fig_b = 0
    title_same = date_same = 0
    for k in common:
        da, db = a[k], b[k]
        sa, sb = da.get('sentences', []), db.get('sentences', [])
        sent_a += len(sa); sent_b += len(sb)
        used = [False] * len(sb)
        for s in sa:
            best, bi = 0.0, None
            for i, q in enumerate(sb):
                if not used[i]:
                    o = sr.overlap(s['text'], q['text'])
                    if o > best:
                        best, bi = o, i
            pa = sr.pairs_of(s); pair_a += len(pa)
            if bi is None or best < 0.8:
                continue
            used[bi] = True; sent_matched += 1
            pb = sr.pairs_of(sb[bi])
            for pair, st in pa.items():
                if pair in pb:
                    pair_tp += 1; stance_pairs.append((st, pb[pair]))
            ta, tb = set(s.get('topics', [])), set(sb[bi].get('topics', []))
            topic_tp += len(ta & tb); topic_a += len(ta); topic_b += len(tb)
        pair_b += sum(len(sr.pairs_of(q)) for q in sb)
        ca, cb = set(da.get('countries', [])), set(db.get('countries', []))
        cty_tp += len(ca & cb); cty_a += len(ca); cty_b += len(cb)
        fa = [(f['kind'], f.get('value'), f.get('min'), f.get('max')) for f in da.get('figures', [])]
        fb = [(f['kind'], f.get('value'), f.get('min'), f.get('max')) for f in db.get('figures', [])]
        rest = list(fb)
        for f in fa:
            if f in rest:
                rest.remove(f); fig_tp += 1
        fig_a += len(fa); fig_b += len(fb)
        title_same += (sr_norm(da.get('title')) == sr_norm(db.get('title')))
        date_same += (da.get('date') == db.get('date'))

    def f1(tp, na, nb):
        return 2 * tp / (na + nb) if na + nb else 1.0
    agree = sum(1 for x, y in stance_pairs if x == y)
    print(f'articles in both passes: {len(common)} (only in A: {len(set(a) - set(b))}, only in B: {len(set(b) - set(a))})')
    print(f'relation sentences: A {sent_a}, B {sent_b}, matched {sent_matched}')
    print(f'pairs: A {pair_a}, B {pair_b}, in both {pair_tp}, F1 {f1(pair_tp, pair_a, pair_b):.3f}')
    print(f'stance on pairs in both: {agree}/{len(stance_pairs)} agree, Cohen\'s kappa {kappa(stance_pairs):.3f}')
    conf = {}
    for x, y in stance_pairs:
        conf[(x, y)] = conf.get((x, y), 0) + 1
    print('  A → B: ' + ', '.join(f'{x[:4]}→{y[:4]} {v}' for (x, y), v in sorted(conf.items())))
    print(f'topics on matched sentences: F1 {f1(topic_tp, topic_a, topic_b):.3f}')
    print(f'countries: F1 {f1(cty_tp, cty_a, cty_b):.3f}; figures (kind and value): F1 {f1(fig_tp, fig_a, fig_b):.3f}')
    print(f'titles equal: {title_same}/{len(common)}; dates equal: {date_same}/{len(common)}')
    return 0


def sr_norm(t):
    return ' '.join((t or '').split()).lstrip('•·-–— ').lower()


STANCES = {'cooperative', 'conflictual', 'neutral'}
TOPICS = {'energy', 'defense', 'trade', 'transport', 'diplomacy', 'conflict', 'climate',
          'technology', 'culture', 'media'}
KINDS = {'money', 'percent', 'quantity', 'count', 'duration'}
QUALIFIERS = {None, 'over', 'under', 'approx', 'up_to'}


def squash(t):
    return ' '.join(t.split())


def cmd_validate(args):
    """Checks what a scorer would silently mis-read: unknown labels, a sentence or figure span that
    is not in the text, a pair whose country is not among the document's countries."""
    problems = 0
    for name in sorted(os.listdir(args.gold)):
        if not name.endswith('.json'):
            continue
        where = os.path.join(args.gold, name)
        try:
            g = json.load(open(where, encoding='utf-8'))
        except ValueError as e:
            print(f'{name}: not JSON: {e}'); problems += 1; continue
        text_file = os.path.join(args.texts, name[:-5] + '.txt')
        text = squash(open(text_file, encoding='utf-8').read()) if os.path.isfile(text_file) else None
        def bad(msg):
            nonlocal problems
            problems += 1; print(f'{name}: {msg}')
        for key in ('title', 'date', 'countries', 'countries_optional', 'figures', 'figures_optional', 'sentences'):
            if key not in g:
                bad(f'no "{key}"')
        if text is None:
            bad(f'no text {text_file}')
        d = g.get('date')
        if d is not None and not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}', d):
            bad(f'date {d!r} is not YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD')
        codes = set(g.get('countries', [])) | set(g.get('countries_optional', []))
        for c in codes:
            if not re.fullmatch(r'[A-Z]{2}', c):
                bad(f'country {c!r} is not an ISO 3166-1 alpha-2 code')
        for f in g.get('figures', []) + g.get('figures_optional', []):
            if f.get('kind') not in KINDS:
                bad(f'figure {f.get("text")!r}: kind {f.get("kind")!r}')
            if f.get('qualifier') not in QUALIFIERS:
                bad(f'figure {f.get("text")!r}: qualifier {f.get("qualifier")!r}')
            has_value = f.get('value') is not None
            has_range = f.get('min') is not None and f.get('max') is not None
            if has_value == has_range:
                bad(f'figure {f.get("text")!r}: needs "value", or "min" and "max"')
            if text is not None and squash(f.get('text', '')) not in text:
                bad(f'figure text {f.get("text")!r} is not in the document')
        for s in g.get('sentences', []):
            if text is not None and squash(s.get('text', '')) not in text:
                bad(f'sentence not in the document: {s.get("text", "")[:70]!r}')
            if not s.get('pairs'):
                bad(f'sentence without pairs: {s.get("text", "")[:70]!r}')
            for p in s.get('pairs', []):
                if p.get('stance') not in STANCES:
                    bad(f'stance {p.get("stance")!r}')
                if p.get('a') == p.get('b'):
                    bad(f'pair of one country {p.get("a")}')
                for c in (p.get('a'), p.get('b')):
                    if c not in codes:
                        bad(f'pair country {c} is not among the document\'s countries')
            topics = s.get('topics', [])
            if not 1 <= len(topics) <= 3 or not set(topics) <= TOPICS:
                bad(f'topics {topics} (one to three of {sorted(TOPICS)})')
    print(f'{problems} problem(s)')
    return 1 if problems else 0


def cmd_split(args):
    articles = manifest()
    rng = random.Random(args.seed)
    ids = [a['id'] for a in articles]
    rng.shuffle(ids)
    n_test = round(len(ids) * args.test_share)
    test = set(ids[:n_test])
    for a in articles:
        a['split'] = 'test' if a['id'] in test else 'tune'
    with open(MANIFEST, 'w', encoding='utf-8') as f:
        json.dump(articles, f, indent=1, ensure_ascii=False); f.write('\n')
    print(f'{len(ids) - n_test} tune, {n_test} test (seed {args.seed})')
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = p.add_subparsers(dest='cmd', required=True)
    r = sub.add_parser('restore'); r.add_argument('--from', dest='src', required=True)
    sub.add_parser('check')
    s = sub.add_parser('score'); s.add_argument('split', nargs='?', default='all', choices=SPLITS + ('all',))
    s.add_argument('--detail', action='store_true'); s.add_argument('--cli')
    ag = sub.add_parser('agreement'); ag.add_argument('a'); ag.add_argument('b')
    v = sub.add_parser('validate'); v.add_argument('gold'); v.add_argument('texts')
    sp = sub.add_parser('split'); sp.add_argument('--seed', type=int, required=True)
    sp.add_argument('--test-share', type=float, default=0.4)
    args = p.parse_args()
    return {'restore': cmd_restore, 'check': cmd_check, 'score': cmd_score,
            'agreement': cmd_agreement, 'validate': cmd_validate, 'split': cmd_split}[args.cmd](args)


if __name__ == '__main__':
    sys.exit(main())
