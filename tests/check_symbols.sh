#!/bin/sh
# Usage: check_symbols.sh path/to/libals.so
#
# libals.so must export nothing but the public API: every defined dynamic
# symbol starts with als_ (apart from the ones the linker adds), and there is
# at least one.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 LIBALS_SO" >&2
    exit 2
fi
lib=$1
if [ ! -f "$lib" ]; then
    echo "check_symbols: $lib: no such file" >&2
    exit 2
fi

symbols=$(nm -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }') || {
    echo "check_symbols: nm -D failed on $lib" >&2
    exit 2
}

public=0
stray=""
for sym in $symbols; do
    case $sym in
        als_*) public=$((public + 1)) ;;
        _init | _fini | __bss_start | _edata | _end) ;;
        *) stray="$stray $sym" ;;
    esac
done

status=0
if [ -n "$stray" ]; then
    echo "check_symbols: $lib exports symbols outside the als_ namespace:" >&2
    for sym in $stray; do
        echo "  $sym" >&2
    done
    status=1
fi
if [ "$public" -eq 0 ]; then
    echo "check_symbols: $lib exports no als_ symbol" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "check_symbols: $lib exports $public als_ symbols and nothing else"
fi
exit "$status"
