/*
 * Branch-and-price over whole sets (colgen.c): every tier proven, or a
 * bound on the penalty, for the cohorts it takes. Internal; used by the
 * exact solver.
 */
#ifndef ALS_COLGEN_H
#define ALS_COLGEN_H

#include "solver.h"

typedef struct als__colgen_result {
    bool applies;   /* the cohort is one the method takes */
    bool proven;    /* the allocation in *out is optimal on every tier */
    bool stopped;   /* the time limit or a cancel came first */
    bool gave_up;   /* it could not go on: a pricing too large to be
                       exact, or nothing left to branch on */
    bool has_bound; /* bound is a lower bound on the penalty */
    double bound;
    size_t nodes; /* nodes searched */
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
