#!/bin/sh
# Usage: oom_sweep.sh ALS FAILMALLOC_MODULE
#
# Out of memory at every allocation the command-line tool makes. Each
# command runs once on a tiny cohort as it is; then again with allocation
# N failing (tests/failmalloc.c through LD_PRELOAD), for every N the run
# reaches (every STRIDE-th for the slow ones), once and from N on. Each run
# must end without a signal, and either as the normal run did (same exit
# status, same output) or with exit 4 (out of memory) and the output file
# as it was before. Commands: validate, check, report (each format),
# allocate (heuristic and exact), import; allocate, a re-run, check and
# import with facilitators.
#
# Exit 77 (skipped) when the tool is built with a sanitizer, which replaces
# malloc itself.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 ALS FAILMALLOC_MODULE" >&2
    exit 2
fi
# absolute: the runs happen in a temporary directory
case $1 in /*) als=$1 ;; *) als=$(pwd)/$1 ;; esac
case $2 in /*) module=$2 ;; *) module=$(pwd)/$2 ;; esac
if ldd "$als" 2>/dev/null | grep -q 'lib[at]san'; then
    echo "oom_sweep: skipped: $als is built with a sanitizer"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/als-oom.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2

cat >cohort.json <<'EOF'
{"programme": {"name": "Tiny", "days": ["tue", "thu"],
  "set_size": {"min": 3, "max": 4},
  "seniority_levels": ["officer", "manager", "head"],
  "rules": {"organisation": "distinct", "sector": "balance",
            "seniority": "similar"}},
 "applicants": [
  {"id": "a1", "name": "A One", "organisation": "North", "sector": "housing",
   "seniority": "officer"},
  {"id": "a2", "organisation": "North", "sector": "health",
   "seniority": "manager", "availability": ["tue"]},
  {"id": "a3", "organisation": "South", "sector": "housing",
   "seniority": "head"},
  {"id": "a4", "organisation": "South", "sector": "health",
   "seniority": "officer", "availability": ["thu"]},
  {"id": "a5", "organisation": "East", "sector": "police",
   "seniority": "manager", "priority": 2},
  {"id": "a6", "organisation": "West", "sector": "police",
   "seniority": "head", "apart": ["a5"]},
  {"id": "a7", "organisation": "East", "sector": "housing",
   "seniority": "officer", "withdrawn": false}]}
EOF
cat >allocation.json <<'EOF'
{"format": "als-allocation/1", "status": "optimal",
 "objective": {"placed": 7, "priority": 2, "penalty": 4, "sector_pairs": 1,
               "organisation_pairs": 0, "seniority_spread": 3},
 "sets": [{"id": "S1", "day": "thu", "members": ["a1", "a4", "a6", "a7"]},
          {"id": "S2", "day": "tue", "members": ["a2", "a3", "a5"]}],
 "unassigned": [], "changes": []}
EOF
# with facilitators, and the same programme after one withdrew
sed 's/^ "applicants": \[/ "facilitators": [{"id": "f1", "name": "Fay", "organisation": "North", "availability": ["tue", "thu"], "max_sets": 2}, {"id": "f2", "apart": ["a3"]}, {"id": "f3", "availability": ["thu"]}],\n "applicants": [/' cohort.json >facilitated.json
sed 's/"id": "f1", "name": "Fay"/"id": "f1", "name": "Fay", "withdrawn": true/' facilitated.json >withdrew.json
printf 'Name,Email,Availability,Max sets\r\nFay,fay@x.org,Tue,2\r\nGus,,Thu,\r\n' >facilitators.csv
printf 'Id,Name,Organisation,Days,Grade\r\n1,Ann,Acme,Tue,1\r\n2,"Bo, B",Beta,"Tue, Thu",2\r\n3,Cy,Acme,Thu,3\r\n' >sheet.csv

failures=0
runs=0
fail() {
    echo "oom_sweep: $*" >&2
    failures=$((failures + 1))
}

# same A B: the files are the same but for a solve's time.
same() {
    sed 's/"time_s": [0-9.e+-]*//' "$1" >same.a
    sed 's/"time_s": [0-9.e+-]*//' "$2" >same.b
    cmp -s same.a same.b
}

# run NAME STRIDE ARGS...: the sweep of one command line. "OUT" in ARGS is
# the output file.
run() {
    name=$1
    stride=$2
    shift 2
    rm -f log ref.out ref.stdout
    echo "sentinel" >out
    # the normal run, counting its allocations
    env LD_PRELOAD="$module" ALS_FAIL_ALLOC_LOG="$tmp/log" \
        "$als" "$@" >ref.stdout 2>ref.stderr
    ref_status=$?
    total=$(tail -n 1 log)
    cp out ref.out
    case $total in
    '' | *[!0-9]*)
        fail "$name: the allocation count is missing"
        return
        ;;
    esac
    for always in 0 1; do
        n=0
        while [ "$n" -lt "$total" ]; do
            echo "sentinel" >out
            env LD_PRELOAD="$module" ALS_FAIL_ALLOC="$n" \
                ALS_FAIL_ALLOC_ALWAYS="$always" "$als" "$@" >got.stdout \
                2>got.stderr
            status=$?
            runs=$((runs + 1))
            how="allocation $n failing$([ "$always" = 1 ] && echo ' and all after')"
            if [ "$status" -ge 128 ]; then
                fail "$name: $how: killed by signal $((status - 128))"
                sed 's/^/    /' got.stderr >&2
            elif [ "$status" -eq 4 ]; then
                [ "$(cat out)" = "sentinel" ] ||
                    fail "$name: $how: exit 4, but the output file changed"
            elif [ "$status" -ne "$ref_status" ]; then
                fail "$name: $how: exit $status instead of $ref_status or 4"
                sed 's/^/    /' got.stderr >&2
            elif ! same out ref.out || ! same got.stdout ref.stdout; then
                fail "$name: $how: exit $status with another output"
            fi
            n=$((n + stride))
        done
    done
}

run validate 1 validate cohort.json
run check 1 check cohort.json allocation.json
for f in text markdown csv html; do
    run "report $f" 1 report cohort.json allocation.json --format "$f" -o out
done
run "allocate heuristic" 1 allocate cohort.json --method heuristic \
    --effort 0.01 -o out
run "allocate exact" 3 allocate cohort.json --method exact --effort 0.01 \
    -o out
run import 1 import sheet.csv -o out
"$als" allocate facilitated.json --method heuristic --effort 0.01 -q \
    -o first.json || fail "allocate facilitated.json failed"
run "allocate with facilitators" 1 allocate facilitated.json \
    --method heuristic --effort 0.01 -o out
run "re-run, a facilitator withdrew" 2 allocate withdrew.json \
    --method heuristic --effort 0.01 --previous first.json -o out
run "check with facilitators" 1 check facilitated.json first.json
run "import with facilitators" 1 import sheet.csv \
    --facilitators facilitators.csv -o out

if [ "$failures" -ne 0 ]; then
    echo "oom_sweep: $failures failure(s) in $runs runs" >&2
    exit 1
fi
echo "oom_sweep: $runs runs, each out of memory or as without failure"
exit 0
