#!/usr/bin/env bash
# Seeds the fuzz corpora from real notes: the sample vault, the test fixtures and the public
# vaults of ../../shared/corpora (notes as they are; every ```dataview block's query alone
# for the dataview target). Run from fuzz/; files are named by their content's hash.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/note_reader corpus/note_parser corpus/dataview corpus/bases
sources=(../data ../tests/fixtures ../../shared/corpora)
while IFS= read -r -d '' note; do
  size=$(stat -c %s "$note")
  [ "$size" -le 65536 ] || continue
  name=$(sha1sum "$note" | cut -c1-16)
  cp "$note" "corpus/note_reader/$name"
  cp "$note" "corpus/note_parser/$name"
  # Each dataview block of the note, without its fences, as one query.
  awk -v out="corpus/dataview/$name" '
    /^[> ]*```+ *dataview *$/ { inside = 1; n++; file = out "-" n; next }
    inside && /^[> ]*```/ { inside = 0; close(file); next }
    inside { sub(/^> ?/, ""); print > file }
  ' "$note"
done < <(find "${sources[@]}" -name '*.md' -type f -print0)
# Every base file, as it is.
while IFS= read -r -d '' base; do
  cp "$base" "corpus/bases/$(sha1sum "$base" | cut -c1-16)"
done < <(find "${sources[@]}" -name '*.base' -type f -print0)
# Every query the tests run is a seed too.
grep -ho '"\(LIST\|TABLE\|TASK\|CALENDAR\)[^"]*"' ../tests/dataview.rs | sed 's/^"//; s/"$//; s/\\"/"/g' |
  while IFS= read -r q; do printf '%s' "$q" > "corpus/dataview/test-$(printf '%s' "$q" | sha1sum | cut -c1-16)"; done
for t in note_reader note_parser dataview bases; do echo "$t: $(ls corpus/$t | wc -l) seeds"; done
