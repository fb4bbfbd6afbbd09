#!/bin/sh
# Usage: examples.sh ALS SOURCE_DIR
#
# The worked examples in examples/ are what they say. For every example
# (each directory examples/NAME/ with a cohort.json): the cohort and its
# re-run cohort are valid; the committed allocation passes `als check`, and
# the re-run's passes `als check --previous`; `als report` in every format
# gives the committed report byte for byte. The spreadsheet example's
# booking exports import to its committed cohorts, and the cross-system
# cohorts and those of the three delivery examples are what their
# generators write (when python3 is installed). The older examples
# (examples/housing.json, councils.json) are checked too.
# Allocations are not remade here (they depend on the search):
# examples/regenerate.sh remakes every output.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 ALS SOURCE_DIR" >&2
    exit 2
fi
als=$1
cd "$2/examples" || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/als-examples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
fail() {
    echo "examples: $*" >&2
    failures=$((failures + 1))
}

# Runs als with ARGS, which must exit 0; shows its messages otherwise.
ok() {
    rc=0
    "$als" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "als $* exited $rc:"
        sed 's/^/    /' "$tmp/out" "$tmp/err" >&2
        return 1
    fi
}

# FILE must be byte for byte the committed EXPECTED.
same() {
    if [ ! -f "$2" ]; then
        fail "$2 is missing (run examples/regenerate.sh)"
    elif ! cmp -s "$1" "$2"; then
        fail "$2 differs from what $3 gives now (run examples/regenerate.sh):"
        diff -u "$2" "$1" | head -n 20 | sed 's/^/    /' >&2
    fi
}

formats="text:txt markdown:md html:html csv:csv"

reports() { # COHORT ALLOCATION PREFIX
    for f in $formats; do
        out="$tmp/report.${f#*:}"
        rm -f "$out"
        ok report "$1" "$2" --format "${f%%:*}" -o "$out" &&
            same "$out" "$3.${f#*:}" "als report --format ${f%%:*}"
    done
}

n=0
for cohort in */cohort.json; do
    [ -f "$cohort" ] || continue
    ex=${cohort%/cohort.json}
    n=$((n + 1))
    for f in rerun.json allocation.json rerun.allocation.json; do
        [ -f "$ex/$f" ] || fail "$ex/$f is missing"
    done
    ok validate "$ex/cohort.json"
    ok validate "$ex/rerun.json"
    ok check "$ex/cohort.json" "$ex/allocation.json"
    ok check "$ex/rerun.json" "$ex/rerun.allocation.json" \
        --previous "$ex/allocation.json"
    reports "$ex/cohort.json" "$ex/allocation.json" "$ex/report"
    reports "$ex/rerun.json" "$ex/rerun.allocation.json" "$ex/rerun.report"
done
if [ "$n" -lt 8 ]; then
    fail "expected the eight worked examples in examples/*/, found $n"
fi

# The spreadsheet example: the booking exports are the source of its cohorts.
for base in bookings:cohort bookings.rerun:rerun; do
    rm -f "$tmp/import.json"
    ok import "leaders/${base%%:*}.csv" --programme leaders/programme.json \
        --columns "Cancelled=withdrawn" -o "$tmp/import.json" &&
        same "$tmp/import.json" "leaders/${base#*:}.json" \
            "als import leaders/${base%%:*}.csv"
done

# The cross-system cohorts are what their generator writes.
if command -v python3 >/dev/null 2>&1; then
    mkdir "$tmp/system"
    if python3 system/generate.py "$tmp/system"; then
        same "$tmp/system/cohort.json" system/cohort.json "system/generate.py"
        same "$tmp/system/rerun.json" system/rerun.json "system/generate.py"
    else
        fail "python3 system/generate.py failed"
    fi
    mkdir "$tmp/delivery"
    if python3 delivery/generate.py "$tmp/delivery"; then
        for ex in tpas lga ithrive; do
            for f in cohort.json rerun.json; do
                same "$tmp/delivery/$ex/$f" "$ex/$f" "delivery/generate.py"
            done
        done
    else
        fail "python3 delivery/generate.py failed"
    fi
else
    echo "examples: no python3: system/generate.py and" \
        "delivery/generate.py not compared"
fi

# The older examples, used by the quick start and other tests.
ok validate housing.json
ok validate councils.json
ok check housing.json housing.allocation.json
rm -f "$tmp/import.json"
ok import housing.csv --programme housing.programme.json -o "$tmp/import.json" &&
    same "$tmp/import.json" housing.json "als import housing.csv"

if [ "$failures" -ne 0 ]; then
    echo "examples: $failures problem(s) in $n worked examples" >&2
    exit 1
fi
echo "examples: $n worked examples ok"
