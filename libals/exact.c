/*
 * The exact solver's policy: which of its two methods takes a cohort, and
 * for how much of the time. Branch-and-price over whole sets (colgen.c)
 * first where it applies, with all the time beyond the sizes the compact
 * model can still prove, and otherwise 80% of it before the compact
 * integer model (mip_glpk.c) starts from its best allocation with the
 * better of the two bounds; the compact model alone elsewhere.
 */
#include "colgen.h"
#include "glpk_guard.h"
#include "solver.h"

#include <string.h>

/* Share of the time that branch-and-price gets before the compact model,
   when it takes the cohort (see colgen.c) and the cohort is small enough
   for the compact model to be worth trying after it. */
#define COLGEN_SHARE 0.8

als_status als__exact(const als_problem *p, als__run *run,
                      const als__state *hint, als__state *out,
                      als__exact_result *res, als_error *err)
{
    memset(res, 0, sizeof *res);
    if (!als__glpk_reentrant()) {
        als__error_set(err, ALS_ESOLVER, "",
                       "this GLPK is not built reentrant (thread-local "
                       "storage): the exact solver is unavailable");
        return ALS_ESOLVER;
    }
    if (!als__colgen_applies(p, run, hint))
        return als__mip_exact(p, run, hint, out, res, err);
    /* branch-and-price first; beyond the sizes where the compact model
       can still prove anything (ALS__AUTO_BP_UNITS: it proved 32 at best,
       and on hundreds of units building it alone overruns the time
       limit), with all the time */
    size_t eligible = 0;
    for (size_t u = 0; u < p->nunits; u++)
        eligible += hint->eligible[u];
    bool alone = eligible > ALS__AUTO_BP_UNITS;
    double deadline = run->deadline, now = als__now();
    if (now < deadline && !alone)
        run->deadline = now + (deadline - now) * COLGEN_SHARE;
    als__colgen_result cg;
    als__state cgs;
    als_status rc = als__colgen(p, run, hint, &cgs, &cg, err);
    run->deadline = deadline;
    if (rc != ALS_OK)
        return rc;
    if (cg.proven || alone || run->stop == ALS_STOP_CANCELLED ||
        als__now() >= deadline) {
        *out = cgs;
        res->end = cg.proven    ? ALS__EXACT_OPTIMAL
                   : cg.gave_up ? ALS__EXACT_GAVE_UP
                                : ALS__EXACT_STOPPED;
        res->has_bound = cg.has_bound;
        res->bound = cg.bound;
        return ALS_OK;
    }
    /* not proven in its share: the compact model, from the best so far,
       with the better of the two bounds */
    if (run->stop == ALS_STOP_TIME_LIMIT)
        run->stop = ALS_STOP_NONE;
    rc = als__mip_exact(p, run, &cgs, out, res, err);
    als__state_free(&cgs);
    if (rc == ALS_OK && res->end != ALS__EXACT_OPTIMAL && cg.has_bound &&
        (!res->has_bound || cg.bound > res->bound)) {
        res->has_bound = true;
        res->bound = cg.bound;
    }
    return rc;
}
