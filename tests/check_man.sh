#!/bin/sh
# Usage: check_man.sh ALS ALS.1
#
# Every command `als --help` lists has a full `als COMMAND --help` (usage,
# a description, its exit status, its options); the manual page made at
# build time (scripts/man.sh) has a section for each, naming every option
# that help prints; and groff formats the page without a warning.
# Exits 77 (skipped) after the first check when groff is not installed.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 ALS ALS.1" >&2
    exit 2
fi
als=$1
page=$2
if [ ! -s "$page" ]; then
    echo "check_man: $page: missing or empty" >&2
    exit 1
fi

# The page's source as plain text: fonts dropped, escaped hyphens plain.
plain=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' "$page")

commands=$("$als" --help | awk '
    /^Commands:$/ { on = 1; next }
    on && /^$/ { exit }
    on && /^  [a-z]/ { print $1 }')
if [ -z "$commands" ]; then
    echo "check_man: '$als --help' lists no commands" >&2
    exit 1
fi

status=0
count=0
for cmd in $commands; do
    count=$((count + 1))
    help=$("$als" "$cmd" --help) || {
        echo "check_man: '$als $cmd --help' failed" >&2
        status=1
        continue
    }
    for part in "usage: als $cmd " "Exit status:" "Options:"; do
        if ! printf '%s\n' "$help" | grep -q -F -e "$part"; then
            echo "check_man: '$als $cmd --help' has no '$part'" >&2
            status=1
        fi
    done
    if [ "$(printf '%s\n' "$help" | wc -l)" -lt 8 ]; then
        echo "check_man: '$als $cmd --help' is too short to explain it" >&2
        status=1
    fi
    # the command's section: from ".SS cmd" to the next section
    section=$(printf '%s\n' "$plain" | awk -v c="$cmd" '
        $0 == ".SS " c { on = 1; next }
        on && /^\.S[SH] / { exit }
        on { print }')
    if [ -z "$section" ]; then
        echo "check_man: no section for the command '$cmd'" >&2
        status=1
        continue
    fi
    options=$(printf '%s\n' "$help" | awk '
        /^Options:$/ { on = 1; next }
        on && /^  -/ {
            for (i = 1; i <= NF; i++) {
                w = $i
                sub(/,$/, "", w)
                if (w !~ /^-/)
                    break
                print w
            }
        }')
    for opt in $options; do
        count=$((count + 1))
        if ! printf '%s\n' "$section" | grep -q -E "(^|[ ,])$opt( |,|\$)"; then
            echo "check_man: the section of '$cmd' does not name $opt" >&2
            status=1
        fi
    done
    usage=$(printf '%s\n' "$help" | sed -n '1s/^usage: //p')
    if ! printf '%s\n' "$plain" | grep -q -F -x -e "$usage"; then
        echo "check_man: the synopsis '$usage' is not in the page" >&2
        status=1
    fi
done
[ "$status" -eq 0 ] || exit "$status"
echo "check_man: $page names all $count commands and options"

if ! command -v groff >/dev/null 2>&1; then
    echo "check_man: groff not found: formatting not checked" >&2
    exit 77
fi
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || {
    printf 'check_man: groff failed:\n%s\n' "$warnings" >&2
    exit 1
}
if [ -n "$warnings" ]; then
    printf 'check_man: groff warns:\n%s\n' "$warnings" >&2
    exit 1
fi
echo "check_man: groff formats $page without a warning"
