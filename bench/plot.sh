#!/bin/sh
# Usage: bench/plot.sh DIR
#
# Draws the charts of BENCHMARKS.md from the results in DIR (written by
# bench/run-all): time per phase and peak memory against cohort size
# (suite.csv), and the mean gap to the best-known value per MDGPLIB family
# against the state of the art's own mean (mdgp.csv). Needs gnuplot
# (Debian: gnuplot-nox).
set -eu
dir=${1:?usage: bench/plot.sh DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# realistic cohorts through the library (not the CLI rows), one per size
[ -f "$dir/suite.csv" ] || : > "$tmp/none.csv"
suite="$dir/suite.csv"
[ -f "$suite" ] || suite="$tmp/none.csv"
awk -F, 'NR > 1 && $1 == "realistic" && $3 == 1 && !seen[$2]++ \
    { print $2, $4, $5, $6, $7, $9 }' "$suite" | sort -n > "$tmp/scale"
awk -F, 'NR > 1 && $1 == "planted" && !seen[$2]++ { print $2, $9 }' \
    "$suite" | sort -n > "$tmp/planted"

if [ -s "$tmp/scale" ]; then
gnuplot <<GP
set terminal pngcairo size 900,560 font "sans,11"
set output "$dir/time.png"
set title "Time per phase, realistic cohorts (sets of 8, two days)"
set xlabel "applicants"
set ylabel "seconds"
set logscale xy
set format x "10^{%L}"
set key top left
set grid
plot "$tmp/scale" using 1:2 with linespoints title "read JSON", \
     "" using 1:3 with linespoints title "solve (heuristic, default effort)", \
     "" using 1:4 with linespoints title "write JSON", \
     "" using 1:5 with linespoints title "check"
set output "$dir/memory.png"
set title "Peak memory (read, solve, write, check)"
set ylabel "MiB"
plot "$tmp/scale" using 1:6 with linespoints title "realistic", \
     "$tmp/planted" using 1:2 with linespoints title "planted"
GP
fi

if [ -f "$dir/mdgp.csv" ]; then
    sed -n '/^family,/,$p' "$dir/mdgp.csv" | grep -v '^family,\|^all,' |
        awk -F, 'NF >= 6 { printf "%s-%s-%s %s %s\n", $1, $2, $3, $5, $6 }' \
        > "$tmp/gap"
fi
if [ -s "$tmp/gap" ]; then
gnuplot <<GP
set terminal pngcairo size 900,560 font "sans,11"
set output "$dir/mdgp-gap.png"
set title "MDGPLIB: mean gap to the best-known value, by family"
set ylabel "mean gap (%)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -35
set key top left
set grid ytics
set yrange [0:*]
set arrow from graph 0, first 0.3 to graph 1, first 0.3 nohead dashtype 2 lw 1.5
set label "goal: 0.3%" at graph 0.99, first 0.3 right offset 0,0.7
plot "$tmp/gap" using 2:xtic(1) title "libals (mean over seeds)", \
     "" using 3 title "TPSDP, state of the art (mean of 20 runs)"
GP
fi
