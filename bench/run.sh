#!/usr/bin/env bash
# Runs LiveRank's benchmark set and writes one Markdown table of every figure that has a target:
# the in-process runners (rerank, recommend, ingest, recovery, memory), BenchmarkDotNet with the allocation budgets,
# and the HTTP load script (rerank throughput as a ratio to the echo endpoint, p50/p99, events/s).
#   bench/run.sh                        # everything (about 25 min on 2 cores)
#   bench/run.sh --quick                # smaller runner sizes, BenchmarkDotNet's short job on the HTTP-path suite only
#   OUT=docs/perf-run.md bench/run.sh   # where the table goes (default bench/results/<UTC time>.md)
#   SKIP=bdn,load bench/run.sh          # leave steps out: rerank, recommend, ingest, recovery, memory, bdn, load
#   BDN_FILTER='*Rerank*' BDN_JOB=short # which BenchmarkDotNet suites and job (default: all, short)
# Exit code: 0 when every target and budget held, 1 when one was missed, 2 when a step could not run.
set -uo pipefail
cd "$(dirname "$0")/.."

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-bench/results/$STAMP.md}"
LOGS="${LOGS:-/tmp/liverank-bench-$STAMP}"
SKIP=",${SKIP:-},"
BDN_JOB="${BDN_JOB:-short}"
if [ "$QUICK" = 1 ]; then BDN_FILTER="${BDN_FILTER:-*HttpPathBenchmarks*}"; else BDN_FILTER="${BDN_FILTER:-*}"; fi
mkdir -p "$LOGS" "$(dirname "$OUT")"
ROWS="$LOGS/rows.md"
: >"$ROWS"
status=0

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a; }
LOAD_START="$(loadavg)"

echo "building bench/LiveRank.Benchmarks (Release)…"
dotnet build bench/LiveRank.Benchmarks -c Release --nologo -v q >"$LOGS/build.log" 2>&1 || { echo "build failed: $LOGS/build.log" >&2; exit 2; }
BENCH="dotnet bench/LiveRank.Benchmarks/bin/Release/net10.0/LiveRank.Benchmarks.dll"

# One table row per runner verdict line ("  PASS p99: 51.00 µs (target ≤ 200 µs)"). A short name ("p99") or one the
# runner repeats for each variant ("store ingest (fsync Always)") is prefixed with the heading line above it
# ("LiveState.Apply, 2,000,000 events, client ids:"); long, unique names stand alone.
rows_from_runner() { # step log
  local context="" line parsed verdict what value target i
  local -a contexts=() names=() rest=()
  while IFS= read -r line; do
    case "$line" in
      "  PASS "*|"  MISS "*)
        parsed="$(printf '%s\n' "$line" | sed -n 's/^  \(PASS\|MISS\) \(.*\): \(.*\) (target \(.*\))$/\1|\2|\3|\4/p')"
        [ -n "$parsed" ] || continue
        IFS='|' read -r verdict what value target <<<"$parsed"
        contexts+=("$context"); names+=("$what"); rest+=("$value | $target | $verdict") ;;
      " "*|"#"*|"") ;;
      *) context="${line%:}" ;;
    esac
  done <"$2"
  for i in "${!names[@]}"; do
    what="${names[$i]}"
    if [ "${#what}" -lt 12 ] || [ "$(printf '%s\n' "${names[@]}" | grep -cxF -- "$what")" -gt 1 ]; then
      what="${contexts[$i]:+${contexts[$i]} — }$what"
    fi
    echo "| $1 | $what | ${rest[$i]} | $(loadavg) |" >>"$ROWS"
  done
}

run_runner() { # step timeout args…
  local step="$1" limit="$2"; shift 2
  case "$SKIP" in *",$step,"*) return ;; esac
  echo "== $step: $* (log $LOGS/$step.log)"
  timeout "$limit" $BENCH "$@" >"$LOGS/$step.log" 2>&1
  local rc=$?
  rows_from_runner "$step" "$LOGS/$step.log"
  if [ "$rc" -eq 124 ]; then echo "| $step | (timed out after $limit) | | | ERROR | $(loadavg) |" >>"$ROWS"; status=2;
  elif [ "$rc" -ne 0 ] && [ "$status" -eq 0 ]; then status=1; fi
  grep -E '^  (PASS|MISS) ' "$LOGS/$step.log" || tail -3 "$LOGS/$step.log"
}

if [ "$QUICK" = 1 ]; then
  run_runner rerank 600 rerank 20000
  run_runner recommend 600 recommend 2000
  run_runner ingest 900 ingest
  run_runner recovery 600 recovery 20000
  run_runner memory 600 memory # the target is per user at 100k users; fewer users carry more fixed overhead each
else
  run_runner rerank 900 rerank
  run_runner recommend 900 recommend
  run_runner ingest 900 ingest
  run_runner recovery 900 recovery
  run_runner memory 900 memory
fi

case "$SKIP" in *",bdn,"*) ;; *)
  echo "== bdn: --filter '$BDN_FILTER' --job $BDN_JOB (log $LOGS/bdn.log)"
  touch "$LOGS/bdn.started"
  # A generous build timeout: BenchmarkDotNet builds a project per job, which takes minutes on a busy 2-core machine.
  timeout 3600 $BENCH bdn --filter "$BDN_FILTER" --job "$BDN_JOB" --buildTimeout 900 >"$LOGS/bdn.log" 2>&1
  rc=$?
  # "  ok   RerankBenchmarks.Rerank100_ColdUser: 4,952 B/op ≤ 6,000 B/op" / "  FAIL …: 26,232 B/op exceeds budget 1,024 B/op"
  sed -n 's/^  ok   \([^:]*\): \(.*\) ≤ \(.*\)$/\1|\2|≤ \3|PASS/p; s/^  FAIL \([^:]*\): \(.*\)$/\1|\2||FAIL/p' "$LOGS/bdn.log" |
    while IFS='|' read -r what value target verdict; do
      echo "| bdn allocation | $what | $value | $target | $verdict | $(loadavg) |" >>"$ROWS"
    done
  # Mean time per operation from BenchmarkDotNet's GitHub tables, for the record (no target).
  for f in BenchmarkDotNet.Artifacts/results/*-report-github.md; do
    [ "$f" -nt "$LOGS/bdn.started" ] || continue # this run's reports only
    suite="$(basename "$f" -report-github.md)"; suite="${suite##*.}"
    awk -F'|' -v s="$suite" 'NR > 2 && $2 ~ /[A-Za-z]/ && $2 !~ /Method/ && $2 !~ /^[- ]+$/ { gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); if ($3 ~ /[0-9]/) print "| bdn mean | " s "." $2 " | " $3 " | | | |" }' "$f" >>"$ROWS"
  done
  grep -E '^  (ok|FAIL) ' "$LOGS/bdn.log" || tail -5 "$LOGS/bdn.log"
  if [ "$rc" -eq 2 ] && [ "$status" -eq 0 ]; then status=1; elif [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then status=2; fi
  ;;
esac

case "$SKIP" in *",load,"*) ;; *)
  echo "== load: bench/load/run.sh (log $LOGS/load.log)"
  if command -v wrk >/dev/null; then
    timeout 900 bench/load/run.sh >"$LOGS/load.log" 2>&1 || status=2
    value() { sed -n "s/^$1[[:space:]]*\(.*\)$/\1/p" "$LOGS/load.log" | head -1; }
    la="$(loadavg)"
    ratio="$(value 'rerank\/echo ratio:')"
    {
      echo "| load | echo requests/s (POST /v1/bench/echo, same bodies) | $(value 'echo     requests\/s:') | | | $la |"
      echo "| load | echo p50 / p99 | $(value 'echo     p50\/p99:') | | | $la |"
      echo "| load | rerank requests/s | $(value 'rerank   requests\/s:') | | | $la |"
      echo "| load | rerank p50 / p99 | $(value 'rerank   p50\/p99:') | | | $la |"
      echo "| load | rerank / echo throughput ratio | $ratio | ≥ 0.50 | $(awk -v r="$ratio" 'BEGIN { print (r + 0 >= 0.5) ? "PASS" : "MISS" }') | $la |"
      echo "| load | rerank at half the maximum rate | $(value 'rerank at half rate:') | p99 ≤ 10 ms | | $la |"
      echo "| load | events ingested over HTTP (batches of 500) | $(value 'events   events\/s:') | ≥ 50,000/s | | $la |"
    } >>"$ROWS"
    tail -9 "$LOGS/load.log"
  else
    echo "| load | wrk not installed (apt-get install -y wrk) | | | ERROR | |" >>"$ROWS"; status=2
  fi
  ;;
esac

{
  echo "# LiveRank benchmark run $STAMP"
  echo
  echo "Commit $(git rev-parse --short HEAD 2>/dev/null || echo n/a)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $(nproc) cores, $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), Release, $( [ "$QUICK" = 1 ] && echo 'quick sizes' || echo 'full sizes'), BenchmarkDotNet job \`$BDN_JOB\`."
  echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(loadavg). Figures taken at a high load average understate the code."
  echo
  echo "| step | figure | value | target | verdict | load average |"
  echo "|---|---|---|---|---|---|"
  cat "$ROWS"
  echo
  echo "Logs: \`$LOGS\`."
} >"$OUT"
echo
cat "$OUT"
exit "$status"
