/*
 * The penalty tier by column generation and branch-and-price (colgen.c):
 * a bound, and where it closes a proof, for cohorts whose units the
 * heuristic placed in full. Internal; used by the exact solver.
 */
#ifndef ALS_COLGEN_H
#define ALS_COLGEN_H

#include "solver.h"

typedef struct als__colgen_result {
    bool applies;   /* the cohort is one the method takes */
    bool proven;    /* the allocation in *out is optimal on every tier */
    bool improved;  /* it is better than the hint */
    bool stopped;   /* the time limit or a cancel came first */
    bool has_bound; /* bound is a lower bound on the penalty */
    double bound;
    double penalty; /* of the allocation in *out */
    bool has_root_bound;
    double root_bound; /* the relaxation's bound before any branching */
    size_t nodes;   /* nodes searched */
    size_t columns; /* sets priced in */
} als__colgen_result;

/* Whether als__colgen() takes this cohort with this hint. */
bool als__colgen_applies(const als_problem *p, const als__run *run,
                         const als__state *hint);

/*
 * Search until proven, run->deadline or a cancel. When res->applies, *out
 * holds the best allocation found (the hint's, or better; caller frees);
 * otherwise nothing was done. Errors: ALS_ENOMEM, ALS_ESOLVER (GLPK failed;
 * the process is intact).
 */
als_status als__colgen(const als_problem *p, als__run *run,
                       const als__state *hint, als__state *out,
                       als__colgen_result *res, als_error *err);

#endif
