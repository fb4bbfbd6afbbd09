#!/usr/bin/env bash
# Usage: tests/consumer/run.sh BUILD_DIR
#
# Installs the libals build in BUILD_DIR into a temporary prefix and builds a
# small program against the installed tree only, in four ways:
#   pkg-config, shared     cc $(pkg-config --cflags --libs als)
#   pkg-config, static     libals.a + $(pkg-config --static --libs als)
#   CMake, shared          find_package(als) + als::als
#   CMake, static          find_package(als) + als::als_static
# Prints PASS or FAIL for each and exits non-zero if any failed.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/CMakeCache.txt" ]; then
    echo "usage: $0 BUILD_DIR   (a configured and built libals build directory)" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/als-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
log=$tmp/log

# The consumer's sources are copied out so nothing of the libals tree is
# reachable from where they are compiled.
mkdir -p "$tmp/src"
cp "$here/consumer.c" "$here/CMakeLists.txt" "$tmp/src/"

# A sanitized libals needs sanitized consumers.
extra_cflags=()
if grep -q '^ALS_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
    extra_cflags=("-fsanitize=address,undefined" -fno-omit-frame-pointer)
fi

echo "consumer: installing $build into a temporary prefix"
if ! cmake --install "$build" --prefix "$prefix" >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAIL  install"
    exit 1
fi

pcfile=$(find "$prefix" -path '*/pkgconfig/als.pc' | head -n 1)
if [ -z "$pcfile" ]; then
    echo "FAIL  install: no pkgconfig/als.pc under the prefix" >&2
    exit 1
fi
pcdir=$(dirname "$pcfile")
libdir=$(dirname "$pcdir")
for f in "$prefix/include/als.h" "$libdir/libals.a" "$libdir/libals.so" \
         "$libdir/cmake/als/alsConfig.cmake"; do
    if [ ! -e "$f" ]; then
        echo "FAIL  install: ${f#"$prefix"/} is missing" >&2
        exit 1
    fi
done

pc() { PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" pkg-config "$@"; }

# needs_libals FILE: true when FILE has libals.so as a dynamic dependency.
needs_libals() { readelf -d "$1" | grep -q 'NEEDED.*\[libals\.so'; }

way_pkgconfig_shared() {
    local exe=$tmp/pc_shared flags
    flags=$(pc --cflags --libs als) || return 1
    # shellcheck disable=SC2086 # word splitting of pkg-config output is intended
    cc "${extra_cflags[@]}" -o "$exe" "$tmp/src/consumer.c" $flags || return 1
    needs_libals "$exe" || { echo "not linked to libals.so" >&2; return 1; }
    LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$exe"
}

way_pkgconfig_static() {
    local exe=$tmp/pc_static cflags libs=() word
    cflags=$(pc --cflags als) || return 1
    # Link libals.a itself in place of -lals; keep the private dependencies.
    for word in $(pc --static --libs als); do
        if [ "$word" = "-lals" ]; then
            libs+=("$libdir/libals.a")
        else
            libs+=("$word")
        fi
    done
    # shellcheck disable=SC2086
    cc "${extra_cflags[@]}" -o "$exe" "$tmp/src/consumer.c" $cflags "${libs[@]}" || return 1
    if needs_libals "$exe"; then
        echo "linked to libals.so instead of libals.a" >&2
        return 1
    fi
    "$exe"
}

way_cmake() {
    local bdir=$tmp/cmake-build
    cmake -S "$tmp/src" -B "$bdir" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="${extra_cflags[*]}" || return 1
    cmake --build "$bdir" -j2 || return 1
}

way_cmake_shared() {
    local exe=$tmp/cmake-build/consumer_shared
    needs_libals "$exe" || { echo "not linked to libals.so" >&2; return 1; }
    "$exe"
}

way_cmake_static() {
    local exe=$tmp/cmake-build/consumer_static
    if needs_libals "$exe"; then
        echo "linked to libals.so instead of libals.a" >&2
        return 1
    fi
    "$exe"
}

failed=0
run_way() {
    local label=$1 fn=$2
    if "$fn" >"$log" 2>&1; then
        echo "PASS  $label"
    else
        echo "FAIL  $label"
        sed 's/^/      /' "$log"
        failed=$((failed + 1))
    fi
}

run_way "pkg-config, shared (libals.so)" way_pkgconfig_shared
run_way "pkg-config, static (libals.a)" way_pkgconfig_static
if way_cmake >"$log" 2>&1; then
    run_way "find_package, als::als" way_cmake_shared
    run_way "find_package, als::als_static" way_cmake_static
else
    echo "FAIL  find_package: configuring or building tests/consumer"
    sed 's/^/      /' "$log"
    echo "FAIL  find_package, als::als"
    echo "FAIL  find_package, als::als_static"
    failed=$((failed + 2))
fi

if [ "$failed" -ne 0 ]; then
    echo "consumer: $failed way(s) failed"
    exit 1
fi
echo "consumer: all ways passed"
