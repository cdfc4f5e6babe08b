#!/usr/bin/env bash
# Whole-process comparison on generated vaults, all in one run (issue 6):
#   dossier brief <customer> --format json   against
#   rg counting the customer's links         (the floor: reading every file) and
#   obsidian-export of the whole vault       (a peer that also parses every note).
# Needs hyperfine and ripgrep (Debian packages) and `cargo install obsidian-export`.
# Usage: SIZES="1000 10000" benches/compare.sh        (results: medians in ms, and ratios)
# obsidian-export is timed up to OE_MAX notes (default 10000: it takes ~40 s at 10,000).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${SIZES:-1000 10000}"
runs="${RUNS:-10}"
oe_max="${OE_MAX:-10000}"
cargo build --release --quiet --bin dossier --example synth_vault
for n in $sizes; do
  vault="${TMPDIR:-/tmp}/dossier-bench-$n"
  [ -d "$vault" ] || target/release/examples/synth_vault --notes "$n" --seed 1 --out "$vault"
  export_dir="${TMPDIR:-/tmp}/dossier-bench-export-$n"
  peer=()
  if [ "$n" -le "$oe_max" ]; then
    peer=(--command-name obsidian-export --prepare "sh -c 'rm -rf $export_dir && mkdir -p $export_dir'" "obsidian-export $vault $export_dir")
  fi
  hyperfine -N --warmup 2 --runs "$runs" --export-json "/tmp/compare-$n.json" \
    --command-name dossier "target/release/dossier brief 'Customer 0003' --vault $vault --format json -o /dev/null -q --as-of 2026-11-24" \
    --command-name rg "rg -c --no-messages '\[\[Customer 0003' $vault" \
    "${peer[@]}" \
    > /dev/null
  peak=$( { /usr/bin/time -f '%M' target/release/dossier brief 'Customer 0003' --vault "$vault" --format json -o /dev/null -q --as-of 2026-11-24; } 2>&1 | tail -1)
  python3 - "$n" "/tmp/compare-$n.json" "$peak" <<'PY'
import json, sys
n, path, peak = sys.argv[1], sys.argv[2], int(sys.argv[3])
r = {x["command"]: x["median"] * 1000 for x in json.load(open(path))["results"]}
d, rg, oe = r["dossier"], r["rg"], r.get("obsidian-export")
peer = f"{oe:.0f} ms | {oe/d:.1f}× faster" if oe else "not run | —"
print(f"| {n} | {d:.0f} ms | {rg:.0f} ms | {peer} | {d/rg:.1f}× rg | {peak/1024:.0f} MiB |")
PY
done
