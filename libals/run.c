/*
 * The run of a solve: the clock, and the poll every solver calls to
 * report progress and learn whether to stop (time limit or cancel). Kept
 * apart from solve.c, which calls the solvers, so that no solver depends
 * on the module that calls it.
 */
#include "solver.h"

#include <time.h>

double als__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bool als__run_poll(als__run *run, long long placed, long long priority,
                   double penalty)
{
    double now = als__now();
    run->best_placed = placed;
    run->best_priority = priority;
    run->best_penalty = penalty;
    if (now >= run->deadline) {
        run->stop = ALS_STOP_TIME_LIMIT;
        return true;
    }
    if (run->opts->progress && now >= run->next_progress) {
        run->next_progress = now + run->opts->progress_interval_s;
        als_progress pr = {now - run->t0, placed, priority, penalty,
                           run->phase};
        if (run->opts->progress(run->opts->progress_user, &pr)) {
            run->stop = ALS_STOP_CANCELLED;
            return true;
        }
    }
    return false;
}
