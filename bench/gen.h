/*
 * Cohort generators for the benchmark harness: realistic mixes and planted
 * cohorts whose optimum is known by construction.
 */
#ifndef ALS_BENCH_GEN_H
#define ALS_BENCH_GEN_H

#include <stddef.h>
#include <stdint.h>

typedef struct gen_params {
    const char *kind;     /* "realistic" or "planted" */
    size_t n;             /* applicants */
    int set_min, set_max; /* set size (planted: set_max is the set size) */
    int set_target;       /* set_size.target, 0 for none */
    int days;             /* meeting days, 1..7 */
    double council;       /* realistic: share of applicants in council pairs */
    int levels;           /* seniority levels */
    int sectors;          /* sectors */
    size_t facilitators;  /* realistic: facilitators (0: none) */
    int fac_per_set;      /* ... per set (1 or 2) */
    uint64_t seed;
} gen_params;

/* Defaults for a kind. */
void gen_defaults(gen_params *g, const char *kind);
/* The cohort as JSON text (malloc'd, NUL-terminated); NULL when out of
   memory. For planted cohorts, *optimum receives the optimal penalty. */
char *gen_cohort(const gen_params *g, size_t *len, double *optimum);

#endif
