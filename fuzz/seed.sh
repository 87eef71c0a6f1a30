#!/bin/sh
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/, gitignored) from the test fixtures.
# Idempotent; run from anywhere: sh fuzz/seed.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/parse" "$corpus/analyze" "$corpus/url" "$corpus/import"

# parse, analyze: every article-like text file.
for f in "$root"/seeds/*.txt "$root"/tests/fixtures/import/*.txt "$root"/tests/fixtures/import/*.md \
         "$root"/tests/fixtures/hostile/*.txt; do
  [ -f "$f" ] || continue
  cp "$f" "$corpus/parse/"
  cp "$f" "$corpus/analyze/"
done

# import: the first byte picks the reader (0 html, 1 json, 2 csv, 3 text), then the file.
for f in "$root"/tests/fixtures/import/* "$root"/tests/fixtures/hostile/*.txt "$root"/seeds/*.txt \
         "$root"/fuzz/seeds/*.json; do
  [ -f "$f" ] || continue
  case "$f" in
    *.html) b='\000' ;;
    *.json) b='\001' ;;
    *.csv) b='\002' ;;
    *.txt|*.md) b='\003' ;;
    *) continue ;;
  esac
  { printf "$b"; cat "$f"; } > "$corpus/import/$(basename "$f")"
done

# url: one query string per line of seeds/url.txt.
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" > "$corpus/url/seed-$i"
done < "$root/fuzz/seeds/url.txt"

echo "seeded: $(ls "$corpus/parse" | wc -l) parse, $(ls "$corpus/analyze" | wc -l) analyze, $(ls "$corpus/url" | wc -l) url, $(ls "$corpus/import" | wc -l) import"
