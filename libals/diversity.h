/*
 * The diversity search (diversity.c): a population search for cohorts
 * whose penalty is the pair weights alone and whose sets take anyone.
 */
#ifndef ALS_DIVERSITY_H
#define ALS_DIVERSITY_H

#include "solver.h"

/* Does the state's cohort suit the diversity search: pair weights alone
   (with the dense table of unit weights), units of one, no pins, days,
   targets, facilitators or re-run, everyone placed in the first `nslots`
   slots, two of them open at least? */
bool als__diversity_applies(const als__state *h, size_t nslots);

/*
 * Search from the state's placement, which is left as it was, for `work`
 * ticks (counted into *ticks), the open slots staying open within their
 * bounds; the best placement found goes into slot_of (unit -> slot).
 * With `paced`, the search's schedule also follows the run's clock, and
 * ends with the time limit if the work would outlast it (*ended_by_clock).
 * *stopped when the run's poll stopped it (time limit, cancel). False when
 * out of memory.
 */
bool als__diversity(const als__state *h, als__run *run, uint64_t seed,
                    unsigned long long *ticks, unsigned long long work,
                    bool paced, size_t nslots, size_t *slot_of, bool *stopped,
                    bool *ended_by_clock);

#endif
