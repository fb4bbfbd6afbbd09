/*
 * MDGPLIB instances (Maximally Diverse Grouping Problem) as cohorts: the
 * groups become required fixed sets with their own size bounds, and each
 * distance d_ij a pair weight -d_ij, so that the least penalty is the most
 * diversity. Every rule but the pairs is set to ignore.
 */
#ifndef ALS_BENCH_MDGP_H
#define ALS_BENCH_MDGP_H

#include <als.h>

/* Read an instance file into a problem; returns 0 on success and prints a
   message to stderr otherwise. *n receives the number of elements. */
int mdgp_read(const char *path, als_problem **out, size_t *n);

/* The quality gate's MDGPLIB part (als_bench gate --data DIR): the mean
   gap in percent of six n = 120 instances at the defaults, or < 0. */
double mdgp_gate(const char *dir);

/* als_bench mdgp FILE | als_bench mdgp-small DIR [--time-limit T] */
int mdgp_main(int argc, char **argv);

#endif
