#!/bin/bash
# benches/golden.sh BIN OUTDIR: every report in every format (md, json, pdf; a map also svg,
# dot, mermaid; with and without --share) on the sample vault, a brief, review and map of a
# customer of each fixture vault, and list, check, schema, config, query and templates — for
# a refactoring that must not change a byte:
#   benches/golden.sh /tmp/dossier-before /tmp/before; benches/golden.sh target/debug/dossier /tmp/after
#   diff -r /tmp/before /tmp/after
set -u
BIN=$(realpath "$1"); OUT=$2; rm -rf "$OUT"; mkdir -p "$OUT"; OUT=$(realpath "$OUT")
cd "$(dirname "$0")/.."
V=data/vault; A="--as-of 2026-11-24 -q"
# A fixed cache folder: `config` prints its path.
export XDG_CACHE_HOME="${TMPDIR:-/tmp}/dossier-golden-cache"
n=0
go() { local name=$1; shift; n=$((n+1)); "$BIN" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo "exit $?" >> "$OUT/$name.err"; }
for f in md json pdf; do
  go brief-ms-$f brief Microsoft --vault $V --format $f -o - $A
  go brief-mai-$f brief "AI caching strategy for MAI" --vault $V --format $f -o - $A
  go brief-fab-$f brief "Fabrikam Health" --vault $V --format $f -o - $A
  go brief-person-$f brief "Felix Moreau" --vault $V --format $f -o - $A
  go meeting-next-$f meeting "2026-11-26 - MAI multi-region pooling review" --vault $V --format $f -o - $A
  go meeting-names-$f meeting "Hannah Okafor" "Felix Moreau" --vault $V --format $f -o - $A
  go meeting-ics-$f meeting --ics data/invites/contoso-security-review.ics --vault $V --format $f -o - $A
  go review-$f review Microsoft --quarter 2026-Q3 --vault $V --format $f -o - $A
  go review-contoso-$f review "Contoso Bank" --quarter 2026-Q4 --vault $V --format $f -o - $A
  go brief-share-$f brief Microsoft --vault $V --format $f --share -o - $A
done
for f in md json pdf svg dot mermaid; do
  go map-$f map Microsoft --vault $V --format $f -o - $A
  go map-share-$f map Microsoft --vault $V --format $f --share -o - $A
done
for fx in tests/fixtures/*/; do
  b=$(basename $fx)
  "$BIN" list customers --vault $fx -q > "$OUT/fx-$b-customers.out" 2>/dev/null
  "$BIN" list meetings --vault $fx -q > "$OUT/fx-$b-meetings.out" 2>/dev/null
  "$BIN" list people --vault $fx -q > "$OUT/fx-$b-people.out" 2>/dev/null
  "$BIN" check --vault $fx > "$OUT/fx-$b-check.out" 2>&1
  c=$(awk 'NR==2{print}' "$OUT/fx-$b-customers.out" | sed 's/  .*//')
  if [ -n "$c" ]; then
    for f in md json; do
      go fx-$b-brief-$f brief "$c" --vault $fx --format $f -o - $A
      go fx-$b-review-$f review "$c" --quarter 2026-Q3 --vault $fx --format $f -o - $A
      go fx-$b-map-$f map "$c" --vault $fx --format $f -o - $A
    done
  fi
done
for what in customers projects people meetings; do "$BIN" list $what --vault $V --as-of 2026-11-24 > "$OUT/list-$what.out" 2>&1; done
"$BIN" check --vault $V > "$OUT/check.out" 2>&1
"$BIN" schema --vault $V > "$OUT/schema.out" 2>&1
"$BIN" config --vault $V > "$OUT/config.out" 2>&1
"$BIN" query 'TABLE company, role FROM "People" SORT file.name' --vault $V --as-of 2026-11-24 > "$OUT/query.out" 2>&1
"$BIN" templates list > "$OUT/templates.out" 2>&1
"$BIN" templates context > "$OUT/context.out" 2>&1
rm -rf "$XDG_CACHE_HOME"
echo "$n reports"
