#!/bin/sh
# Usage: examples/regenerate.sh [ALS]
#
# Remakes every output of the worked examples (examples/*/) with the als
# tool ALS (default: build/als): the cohorts of the spreadsheet example from
# its booking exports, then for each example the allocation, the re-run
# after two withdrawals and a late joiner, and the reports of both in every
# format. Each allocation must be checked valid, and must not have been
# stopped by the time limit (so the same cohort and seed give the same
# allocation); the two who withdraw in a re-run must have held a place, and
# a facilitator who withdraws in a re-run must have led a set. The cohorts
# of the delivery examples (tpas, lga, ithrive) are written by
# delivery/generate.py, those of system/ by system/generate.py.
#
# tests/examples.sh checks the committed files against the cohorts; run
# this after changing a cohort, the solver or the reports.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
als=${1:-$here/../build/als}
if [ ! -x "$als" ]; then
    echo "regenerate: $als: no als tool there (build first, or give its path)" >&2
    exit 2
fi
case $als in
    /*) ;;
    *) als=$(pwd)/$als ;;
esac
cd "$here"

examples="housing councils leaders hr system tpas lga ithrive"
# format:suffix of every report
formats="text:txt markdown:md html:html csv:csv"
# The booking export's own headers that als import does not know.
leaders_columns="Cancelled=withdrawn"

die() {
    echo "regenerate: $*" >&2
    exit 1
}

report_all() { # COHORT ALLOCATION PREFIX
    for f in $formats; do
        "$als" report "$1" "$2" --format "${f%%:*}" -o "$3.${f#*:}" ||
            die "als report $1 $2 --format ${f%%:*} failed"
    done
}

allocate() { # ARGS... (the last two: -o OUT)
    "$als" allocate "$@" --seed 1 --quiet || die "als allocate $* failed"
    for out; do :; done
    if grep -q '"stop": "\(time_limit\|cancelled\)"' "$out"; then
        die "$out: the search was stopped by the time limit, so it may" \
            "differ from run to run: raise programme.solver.time_limit_s"
    fi
}

# The ids in the array KEY (applicants or facilitators) withdrawn in
# EX/rerun.json but not in EX/cohort.json (one a line in either).
dropouts() { # EX KEY
    sed -n "/^  \"$2\": \[/,/^  \]/p" "$1/rerun.json" |
        grep '"withdrawn": true' | sed 's/.*"id": "\([^"]*\)".*/\1/' |
        while read -r id; do
            grep -q "\"id\": \"$id\".*\"withdrawn\": true" "$1/cohort.json" ||
                echo "$id"
        done
}

echo "leaders: als import"
for base in bookings:cohort bookings.rerun:rerun; do
    # (the warnings about the columns it ignores are expected)
    "$als" import "leaders/${base%%:*}.csv" --programme leaders/programme.json \
        --columns "$leaders_columns" -o "leaders/${base#*:}.json" \
        2>"leaders/.import.log" || {
        cat "leaders/.import.log" >&2
        rm -f "leaders/.import.log"
        die "als import leaders/${base%%:*}.csv failed"
    }
    rm -f "leaders/.import.log"
done

for ex in $examples; do
    echo "$ex: als allocate, check, report"
    for c in cohort rerun; do
        "$als" validate "$ex/$c.json" >/dev/null 2>"$ex/.validate.log" || {
            cat "$ex/.validate.log" >&2
            rm -f "$ex/.validate.log"
            die "$ex/$c.json is not valid"
        }
        rm -f "$ex/.validate.log"
    done

    allocate "$ex/cohort.json" -o "$ex/allocation.json"
    "$als" check "$ex/cohort.json" "$ex/allocation.json"
    report_all "$ex/cohort.json" "$ex/allocation.json" "$ex/report"

    left=$(dropouts "$ex" applicants)
    [ "$(echo "$left" | wc -w)" -eq 2 ] ||
        die "$ex/rerun.json: expected two new withdrawals, found: $left"
    for id in $left; do
        grep '"members"' "$ex/allocation.json" | grep -q "\"$id\"" ||
            die "$ex: $id withdraws in the re-run but held no place:" \
                "choose someone placed in $ex/allocation.json"
    done
    for id in $(dropouts "$ex" facilitators); do
        grep '"facilitators"' "$ex/allocation.json" | grep -q "\"$id\"" ||
            die "$ex: facilitator $id withdraws in the re-run but led no" \
                "set: choose one who leads a set in $ex/allocation.json"
    done

    allocate "$ex/rerun.json" --previous "$ex/allocation.json" \
        -o "$ex/rerun.allocation.json"
    "$als" check "$ex/rerun.json" "$ex/rerun.allocation.json" \
        --previous "$ex/allocation.json"
    report_all "$ex/rerun.json" "$ex/rerun.allocation.json" "$ex/rerun.report"
done
