#!/usr/bin/env bash
# Whole-process comparison on generated vaults, all in one run (issue 6):
#   dossier brief <customer> --format json   three ways: with its note cache warm (the usual
#                                            run), the first run (no cache yet: reads every
#                                            note and writes the cache), and --no-cache
#   rg counting the customer's links         (the floor: reading every file) and
#   obsidian-export of the whole vault       (a peer that also parses every note).
# Needs hyperfine and ripgrep (Debian packages) and `cargo install obsidian-export`.
# Usage: SIZES="1000 10000" SHAPES="account facts" benches/compare.sh   (medians in ms, ratios)
# Every shape of examples/synth_vault.rs by default (account prose facts hubs tiny huge): quote
# them all, not the best.
# obsidian-export is timed up to OE_MAX notes (default 10000: it takes ~40 s at 10,000).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${SIZES:-1000 10000}"
shapes="${SHAPES:-account prose facts hubs tiny huge}"
runs="${RUNS:-10}"
oe_max="${OE_MAX:-10000}"
tmp="${TMPDIR:-/tmp}"
cargo build --release --quiet --bin dossier --example synth_vault
echo "| shape | notes | usual run | first run | --no-cache | rg floor | obsidian-export | peak (usual / first / none) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for shape in $shapes; do
for n in $sizes; do
  vault="$tmp/dossier-bench-$shape-$n"
  [ -d "$vault" ] || target/release/examples/synth_vault --notes "$n" --seed 1 --shape "$shape" --out "$vault" 2>/dev/null
  export_dir="$tmp/dossier-bench-export-$n"
  warm_cache="$tmp/dossier-bench-cache-warm"
  cold_cache="$tmp/dossier-bench-cache-cold"
  brief="target/release/dossier brief 'Customer 0003' --vault $vault --format json -o /dev/null -q --as-of 2026-11-24"
  peer=()
  if [ "$n" -le "$oe_max" ]; then
    peer=(--command-name obsidian-export --prepare "sh -c 'rm -rf $export_dir && mkdir -p $export_dir'" "obsidian-export $vault $export_dir")
  fi
  # One --prepare per command, in order: only the first run starts without a cache.
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$tmp/compare-$shape-$n.json" \
    --command-name dossier --prepare true "env XDG_CACHE_HOME=$warm_cache $brief" \
    --command-name first-run --prepare "rm -rf $cold_cache" "env XDG_CACHE_HOME=$cold_cache $brief" \
    --command-name no-cache --prepare true "$brief --no-cache" \
    --command-name rg --prepare true "rg -c --no-messages '\[\[Customer 0003' $vault" \
    "${peer[@]}" \
    > /dev/null
  peak() { { /usr/bin/time -f '%M' "$@" 'Customer 0003' --vault "$vault" --format json -o /dev/null -q --as-of 2026-11-24; } 2>&1 | tail -1; }
  rm -rf "$cold_cache"
  peak_first=$(XDG_CACHE_HOME=$cold_cache peak target/release/dossier brief)
  peak_warm=$(XDG_CACHE_HOME=$cold_cache peak target/release/dossier brief)
  peak_none=$(peak target/release/dossier brief --no-cache)
  python3 - "$n" "$tmp/compare-$shape-$n.json" "$peak_warm" "$peak_first" "$peak_none" "$shape" <<'PY'
import json, sys
n, path = sys.argv[1], sys.argv[2]
warm, first, none = (int(p) / 1024 for p in sys.argv[3:6])
shape = sys.argv[6]
r = {x["command"]: x["median"] * 1000 for x in json.load(open(path))["results"]}
d, f, nc, rg, oe = r["dossier"], r["first-run"], r["no-cache"], r["rg"], r.get("obsidian-export")
peer = f"{oe:.0f} ms | {oe/nc:.0f}× faster" if oe else "not run | —"
print(f"| {shape} | {n} | {d:.0f} ms ({d/rg:.1f}× rg) | {f:.0f} ms ({f/rg:.1f}×) | {nc:.0f} ms ({nc/rg:.1f}×) "
      f"| {rg:.0f} ms | {peer} | {warm:.0f} / {first:.0f} / {none:.0f} MiB |")
PY
done
done
