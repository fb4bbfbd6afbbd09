/*
 * What the solvers share: the run context (options, clock, progress and
 * cancel), the heuristic's entry point, and the explanation of who was left
 * out. Internal.
 */
#ifndef ALS_SOLVER_H
#define ALS_SOLVER_H

#include "rng.h"
#include "state.h"

typedef struct als__run {
    const als_solve_options *opts;
    double t0;         /* monotonic seconds at the start */
    double deadline;   /* t0 + time limit */
    double next_progress;
    als_stop_reason stop;
    const char *phase;
    long long best_placed, best_priority;
    double best_penalty;
} als__run;

/* Monotonic clock, seconds. */
double als__now(void);
/*
 * Called regularly by a solver with its current figures: reports progress
 * when due and returns true when the solve must stop (time limit or
 * cancel; run->stop says which).
 */
bool als__run_poll(als__run *run, long long placed, long long priority,
                   double penalty);

/* The heuristic: fills *out with its final state (caller frees it). */
als_status als__heuristic(const als_problem *p, als__run *run,
                          als__state *out);

/*
 * Why unit u of a final state is not placed, for a coordinator, written to
 * buf. `set_id[s]` names slot s in the output.
 */
void als__reason(const als__state *h, size_t u, const char *const *set_id,
                 char *buf, size_t cap);

#endif
