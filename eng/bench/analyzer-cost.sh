#!/usr/bin/env bash
# Analyzer cost of this checkout against an earlier commit, measured in one session with rounds interleaved.
#
#   eng/bench/analyzer-cost.sh <base-commit> [rounds]     (default 4 rounds)
#
# Both sides run the same measurement, this checkout's PerformanceTests (a 5,211-line file with 500 producer
# configurations): the least CPU time of five analysis passes, and Roslyn's execution-time telemetry. The base is
# checked out into a temporary worktree, given this checkout's PerformanceTests.cs, and built in Release. Prints one line per
# side and round, then the ratio head/base of the medians of the per-round figures.
set -euo pipefail
base="${1:?usage: eng/bench/analyzer-cost.sh <base-commit> [rounds]}"
rounds="${2:-4}"
head_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base_dir="$(mktemp -d)/base"
trap 'git -C "$head_dir" worktree remove --force "$base_dir" >/dev/null 2>&1 || true' EXIT
git -C "$head_dir" worktree add --detach "$base_dir" "$base" >/dev/null
cp "$head_dir/tests/TypedProducer.Analyzers.Tests/PerformanceTests.cs" "$base_dir/tests/TypedProducer.Analyzers.Tests/PerformanceTests.cs"
mkdir -p "$base_dir/artifacts/placeholder-packages" # commits before 2a245f2 name this local feed in NuGet.config
for dir in "$base_dir" "$head_dir"; do
    dotnet build "$dir/tests/TypedProducer.Analyzers.Tests" -c Release -nologo -v quiet >/dev/null
done

results="$(mktemp)"
for ((round = 1; round <= rounds; round++)); do
    for side in base head; do
        dir="$base_dir"; [[ $side == head ]] && dir="$head_dir"
        dotnet test "$dir/tests/TypedProducer.Analyzers.Tests" -c Release --no-build \
            --filter "FullyQualifiedName~PerformanceTests.LargeFileWith500" --logger "console;verbosity=detailed" 2>&1 |
            awk -v side="$side" -v round="$round" '
                /analysis CPU time/ { match($0, /runs: [0-9]+ ms/); cpu = substr($0, RSTART + 6, RLENGTH - 9) }
                /own execution time/ { match($0, /: [0-9.]+ ms/); tel = substr($0, RSTART + 2, RLENGTH - 5) }
                END { printf "%s %d cpu_ms=%s telemetry_ms=%s\n", side, round, cpu, tel }' | tee -a "$results"
    done
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(side, key):
    return statistics.median(float(r[2 if key == "cpu_ms" else 3].split("=")[1]) for r in rows if r[0] == side)
for key in ("cpu_ms", "telemetry_ms"):
    b, h = median("base", key), median("head", key)
    print(f"{key}: base median {b:.0f}, head median {h:.0f}, head/base {h / b:.2f}")
PY
