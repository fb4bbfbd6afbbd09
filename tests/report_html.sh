#!/bin/sh
# Usage: report_html.sh ALS SOURCE_DIR
#
# Renders the HTML report of the housing example in headless Chromium and
# looks at what it made: the rendered DOM holds every set and every member
# (as the CSV report lists them) and runs no script; a screenshot is a PNG
# of the size asked for, with far more in it than a blank page's; printing
# gives a PDF of a page for the summary, one per set and one for the
# waiting list (read back with pdftotext when poppler-utils is installed).
# Exits 77 (skipped) without Chromium.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 ALS SOURCE_DIR" >&2
    exit 2
fi
als=$1
src=$2

chromium=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        chromium=$(command -v "$c")
        break
    fi
done
if [ -z "$chromium" ]; then
    echo "report_html: no chromium installed: skipped"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/als-report-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

fail() {
    echo "report_html: $*" >&2
    if [ -s "$tmp/chromium.log" ]; then
        echo "report_html: chromium said:" >&2
        tail -n 20 "$tmp/chromium.log" >&2
    fi
    exit 1
}

run_chromium() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --no-first-run --no-default-browser-check --disable-extensions \
        --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.log"
}

cd "$src"
"$als" report examples/housing.json examples/housing.allocation.json \
    --format html -o "$tmp/report.html" || fail "als report --format html failed"
"$als" report examples/housing.json examples/housing.allocation.json \
    --format csv -o "$tmp/report.csv" || fail "als report --format csv failed"

# --- the DOM Chromium builds from the page -----------------------------
run_chromium --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" ||
    fail "chromium --dump-dom failed"
grep -q '<h1>Northern Housing Leadership ALS, spring cohort</h1>' \
    "$tmp/dom.html" || fail "the rendered DOM has no title"
if grep -qi '<script' "$tmp/dom.html"; then
    fail "the rendered DOM holds a script"
fi

# Members: the CSV rows with a set (these names hold no comma or quote).
tr -d '\r' <"$tmp/report.csv" | awk -F, 'NR > 1 && $1 != "" { print }' \
    >"$tmp/members.csv"
if grep -q '"' "$tmp/members.csv"; then
    fail "a member row of the housing CSV is quoted; this test cannot read it"
fi
members=0
while IFS=, read -r set day id name email role org sector level dates reason; do
    grep -q "<td>$id</td><td>$name</td><td>$org</td><td>$sector</td><td>$level</td>" \
        "$tmp/dom.html" || fail "member $id ($name) of $set is not rendered"
    members=$((members + 1))
done <"$tmp/members.csv"
[ "$members" -eq 20 ] || fail "expected 20 members in the CSV, read $members"
# The sets, by their names in the report ("Set 1"), in its order.
cut -d, -f1 "$tmp/members.csv" | awk '!seen[$0]++' >"$tmp/sets.txt"
nsets=0
while IFS= read -r set; do
    grep -q "<h2>$set <span" "$tmp/dom.html" ||
        fail "$set has no heading in the rendered DOM"
    nsets=$((nsets + 1))
done <"$tmp/sets.txt"
[ "$nsets" -eq 5 ] || fail "expected 5 sets, found $nsets"
rendered=$(grep -o '<section class="set"' "$tmp/dom.html" | wc -l)
[ "$rendered" -eq 5 ] || fail "expected 5 set sections, rendered $rendered"

# --- a screenshot --------------------------------------------------------
printf '<!DOCTYPE html><html><body></body></html>\n' >"$tmp/blank.html"
run_chromium --window-size=1000,1400 --screenshot="$tmp/report.png" \
    "file://$tmp/report.html" >/dev/null || fail "screenshot failed"
run_chromium --window-size=1000,1400 --screenshot="$tmp/blank.png" \
    "file://$tmp/blank.html" >/dev/null || fail "blank screenshot failed"
[ -s "$tmp/report.png" ] || fail "no screenshot was written"
signature=$(od -An -tx1 -N8 "$tmp/report.png" | tr -d ' \n')
[ "$signature" = "89504e470d0a1a0a" ] || fail "the screenshot is not a PNG"
# IHDR: width and height, big-endian, at bytes 16..23
set -- $(od -An -tu1 -j16 -N8 "$tmp/report.png")
width=$(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 ))
height=$(( ($5 << 24) | ($6 << 16) | ($7 << 8) | $8 ))
[ "$width" -eq 1000 ] && [ "$height" -eq 1400 ] ||
    fail "the screenshot is ${width}x${height}, not 1000x1400"
size=$(wc -c <"$tmp/report.png")
blank=$(wc -c <"$tmp/blank.png")
# A page of one colour compresses to almost nothing; text and tables do not.
[ "$size" -gt $((blank * 4)) ] ||
    fail "the screenshot ($size bytes) is hardly more than a blank page ($blank bytes)"

# --- printed ---------------------------------------------------------------
run_chromium --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" \
    "file://$tmp/report.html" >/dev/null || fail "printing to PDF failed"
[ "$(head -c 5 "$tmp/report.pdf")" = "%PDF-" ] || fail "no PDF was printed"
pages=$(grep -a -o '/Type */Page\b' "$tmp/report.pdf" | wc -l)
[ "$pages" -ge 1 ] || fail "the PDF has no page"
# A page per set, to hand to its facilitator: the summary and contents on
# the first page (so it is not blank), then each set, then the waiting list.
[ "$pages" -eq $((nsets + 2)) ] ||
    fail "the PDF has $pages pages, not $((nsets + 2)) (summary, a page per" \
        "set, the waiting list)"
# With poppler's pdftotext, read the pages: the title on the first, set k
# heading page k + 1.
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -f 1 -l 1 "$tmp/report.pdf" "$tmp/page.txt" ||
        fail "pdftotext failed"
    grep -q 'Northern Housing Leadership ALS' "$tmp/page.txt" ||
        fail "the first printed page has no title"
    page=2
    while IFS= read -r set; do
        pdftotext -f "$page" -l "$page" "$tmp/report.pdf" "$tmp/page.txt" ||
            fail "pdftotext failed"
        grep -q "^$set " "$tmp/page.txt" ||
            fail "printed page $page does not start $set"
        page=$((page + 1))
    done <"$tmp/sets.txt"
fi

echo "report_html: $members members in $nsets sets rendered;" \
    "screenshot ${width}x${height}, $size bytes (blank: $blank);" \
    "PDF of $pages pages"
