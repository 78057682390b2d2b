#!/usr/bin/env bash
# Fresh-machine set-up and entry point for building, testing and running the sample.
#
#   ./build.sh setup            install what is missing (Debian packages for the interop peers: kcat, python3-avro, python3-jsonschema)
#   ./build.sh build            setup, then build the solution (Release)
#   ./build.sh test [args...]   setup, then run every test (Release), the publish tests last; extra args go to a single `dotnet test`
#   ./build.sh sample [args...] setup, then run samples/CitiBikeRides; args go to the sample
#   ./build.sh bench [args...]  setup, then the quick benchmark suite (about 3 minutes): prints the ratio table and
#                               writes artifacts/bench/summary.json; --full for BenchmarkDotNet's default accuracy
#   ./build.sh faults [args...] setup, then run the fault-injection suite (tests/FaultSuite); args go to it
#
# Works from any directory (dotnet runs in the caller's directory, so relative arguments keep their
# meaning) and is idempotent: a second `setup` checks and changes nothing (no apt). The steps are in
# eng/setup/setup.sh; DEVELOPERS.md says why each exists.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT
readonly SOLUTION="TypedProducer.sln"
readonly SAMPLE_PROJECT="samples/CitiBikeRides"
readonly BENCHMARK_PROJECT="tests/TypedProducer.Benchmarks"
readonly FAULT_SUITE_PROJECT="tests/FaultSuite"
readonly PUBLISH_TEST_PROJECT="tests/TypedProducer.Tests"

log() { printf '[build.sh] %s\n' "$*"; }
die() { printf '[build.sh] error: %s\n' "$*" >&2; exit 1; }
run() { log "+ $*"; "$@"; }

usage() {
    sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

# shellcheck source=eng/setup/setup.sh
source "$REPO_ROOT/eng/setup/setup.sh"

main() {
    local command="${1:-}"
    if (($# > 0)); then shift; fi
    case "$command" in
        setup)
            setup
            ;;
        build)
            setup
            run dotnet build "$REPO_ROOT/$SOLUTION" -c Release "$@"
            ;;
        test)
            setup
            # dotnet test exits non-zero when any test fails; set -e passes that on. Results (TRX, with each test's
            # duration) go to artifacts/test-results.
            #
            # A hang fails fast: --blame-hang-timeout kills the test host when no test has started or finished for that
            # long and reports the running tests as failed (vstest restarts the timer on every test event, so a slow test
            # running beside others is not killed: one took 6.4 minutes at load average 46 and passed). The suite runs
            # in two steps. Every test but the publishes: 5 minutes (idle, the longest take one to two). The
            # Category=Publish tests (trimmed and Native AOT publishes of the sample, the package walkthrough) run
            # last, few and one at a time: 20 minutes, as a Native AOT publish takes 3 to 6 minutes on 2 busy cores
            # and ran past 10 under heavy load; each of their child processes has its own, named timeout below that.
            local results="$REPO_ROOT/artifacts/test-results"
            if (($# > 0)); then
                run dotnet test "$REPO_ROOT/$SOLUTION" -c Release --blame-hang-timeout 20m --blame-hang-dump-type none \
                    --logger trx --results-directory "$results" "$@"
            else
                run dotnet test "$REPO_ROOT/$SOLUTION" -c Release --filter 'Category!=Publish' \
                    --blame-hang-timeout 5m --blame-hang-dump-type none --logger trx --results-directory "$results"
                run dotnet test "$REPO_ROOT/$PUBLISH_TEST_PROJECT" -c Release --no-build --filter 'Category=Publish' \
                    --blame-hang-timeout 20m --blame-hang-dump-type none --logger trx --results-directory "$results"
            fi
            ;;
        sample)
            setup
            run dotnet run -c Release --project "$REPO_ROOT/$SAMPLE_PROJECT" -- "$@"
            ;;
        bench)
            setup
            ensure_c_compiler
            # --quick unless --full is asked for; further args (class name fragments, --no-benchmarkdotnet) follow it.
            if [[ "${1:-}" == "--full" ]]; then shift; set -- --full "$@"; else set -- --quick "$@"; fi
            run dotnet run -c Release --project "$REPO_ROOT/$BENCHMARK_PROJECT" -- "$@"
            ;;
        faults)
            setup
            # Last line: messages=<n> faults=<n> lost=<n> duplicated=<n> order_violations=<n>; non-zero exit on failure.
            run dotnet run -c Release --project "$REPO_ROOT/$FAULT_SUITE_PROJECT" -- "$@"
            ;;
        -h | --help | help)
            usage
            ;;
        *)
            usage >&2
            exit 2
            ;;
    esac
}

main "$@"
