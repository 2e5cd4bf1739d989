#!/usr/bin/env bash
# parbrief vs the Typst peer on the same content, in one run, on this machine.
#
#   bench/run.sh --install   # once: hyperfine and GNU time (apt), typst + PyYAML (pip)
#   bench/run.sh             # build release, then measure; prints one table
#
# The data is SYNTHETIC: the peers' gen_data.py (63 real province names, random scores,
# seed 2020) converted to parbrief's format by peer_to_parbrief.py, plus parbrief's own
# `generate` for the 1 000 and 10 000 briefing runs. The 63-briefing comparison is also run
# alternately (bench/interleave.py), so that bursts of load fall on both tools alike.
# Env: RUNS (default 10), PEERS (default
# ../shared/bench-peers beside the repository), CLEAN=1 to also time a clean release build (in
# a temporary target folder: about 4 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS=${PEERS:-$ROOT/../shared/bench-peers}
RUNS=${RUNS:-10}

if [[ "${1:-}" == --install ]]; then
  apt-get update && apt-get install -y hyperfine time fonts-liberation2
  pip install typst==0.15.2 pyyaml
  exit 0
fi

T=$(mktemp -d /tmp/parbrief-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
cargo build --release --quiet
BIN=$ROOT/target/release/parbrief
# The build's cost: crates compiled into the binary, and (CLEAN=1) a clean release build.
deps=$(cargo tree -e normal --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)
clean='not timed (set CLEAN=1 to time it)'
if [[ "${CLEAN:-}" == 1 ]]; then
  start=$(date +%s)
  CARGO_TARGET_DIR="$T/clean" cargo build --release --quiet
  clean="$(( $(date +%s) - start )) s"
fi

# The same content for both: the peers' dataset, and its conversion for parbrief.
cp -r "$PEERS" "$T/peers" && chmod -R u+w "$T/peers"
(cd "$T/peers" && python3 gen_data.py >/dev/null)
python3 bench/peer_to_parbrief.py "$T/peers/data.yaml" "$T/data63"
PY=$(python3 -c 'import sys; print(sys.executable)')

hf() { # name, then the command; prints the median wall time in seconds
  local name=$1; shift
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$T/$name.json" "$@" >/dev/null 2>&1
  python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$T/$name.json"
}
rss() { # peak RSS in MB of one run of the command
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'
}
avg_bytes() { python3 -c "import os,sys; fs=[os.path.join(sys.argv[1],f) for f in os.listdir(sys.argv[1]) if f.endswith('.pdf')]; print(round(sum(map(os.path.getsize,fs))/len(fs)/1000,1))" "$1"; }

# Briefings only, like for like with the peer, which writes no national overview.
ours63=(build --data "$T/data63" --year 2020 --out "$T/ours63" --quiet --no-overview)
ours1=(build --data "$T/data63" --year 2020 --province ha-noi --out "$T/ours1" --quiet)
typst63=("$PY" "$T/peers/build_typst.py" -o "$T/typst63")
typst1=("$PY" "$T/peers/build_typst.py" -o "$T/typst1" ha-noi)

# Other work on a shared machine moves these timings: the load is recorded with them (the
# 1-minute figure includes the build just before).
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
o63=$(hf ours63 "$BIN ${ours63[*]}");       t63=$(hf typst63 "${typst63[*]}")
# The same two builds in alternation, so that load on a shared machine falls on both alike.
alternated=$("$PY" bench/interleave.py "$RUNS" "$BIN" "${ours63[@]}" -- "${typst63[@]}")
read -r i_o63 i_t63 i_ratio <<<"$alternated"
o1=$(hf ours1 "$BIN ${ours1[*]}");          t1=$(hf typst1 "${typst1[*]}")
r_o63=$(rss "$BIN" "${ours63[@]}");         r_t63=$(rss "${typst63[@]}")
b_o=$(avg_bytes "$T/ours63/2020");          b_t=$(avg_bytes "$T/typst63")
p_o=$(pdfinfo "$T/ours63/2020/ha-noi.pdf" 2>/dev/null | awk '/^Pages/{print $2}' || echo '?')

# Scale: synthetic commune-sized batches, parbrief only.
scale() { # provinces -> "wall_s rss_MB"
  "$BIN" generate --provinces "$1" --regions 50 --seed 1 --out "$T/syn$1" >/dev/null
  local start end
  start=$(date +%s.%N)
  local mb; mb=$(rss "$BIN" build --data "$T/syn$1" --year 2030 --out "$T/out$1" --quiet --no-overview)
  end=$(date +%s.%N)
  echo "$(python3 -c "print('%.2f' % ($end - $start))") $mb"
}
read -r w1k m1k < <(scale 1000)
read -r w10k m10k < <(scale 10000)

ratio() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) / float(sys.argv[1])))" "$1" "$2"; }
cat <<TABLE

$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), median of $RUNS runs (hyperfine; the interleaved row:
bench/interleave.py, $RUNS alternated pairs), process start included; load average before: $load_before

| run                          | parbrief        | Typst 0.15 peer | Typst / parbrief |
|------------------------------|-----------------|-----------------|------------------|
| 63 briefings, wall           | ${o63} s         | ${t63} s         | $(ratio "$o63" "$t63")×             |
| 63 briefings, interleaved    | ${i_o63} s         | ${i_t63} s         | ${i_ratio}× (pairs' median) |
| 1 briefing (ha-noi), wall    | ${o1} s         | ${t1} s         | $(ratio "$o1" "$t1")×             |
| 63 briefings, peak RSS       | ${r_o63} MB         | ${r_t63} MB         |                  |
| bytes per PDF (average)      | ${b_o} KB         | ${b_t} KB         |                  |
| pages (ha-noi)               | ${p_o}               |                 |                  |
| 1 000 briefings, wall / RSS  | ${w1k} s / ${m1k} MB |                 |                  |
| 10 000 briefings, wall / RSS | ${w10k} s / ${m10k} MB |               |                  |
| crates in the binary         | ${deps}             |                 |                  |
| clean release build          | ${clean}     |                 |                  |
TABLE
