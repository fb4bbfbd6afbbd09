/*
 * What the solvers share: the run context (options, clock, progress and
 * cancel), the heuristic's entry point, and the explanation of who was left
 * out. Internal.
 */
#ifndef ALS_SOLVER_H
#define ALS_SOLVER_H

#include "rng.h"
#include "state.h"

/* A re-run's view of the previous allocation (docs/FORMAT.md section 4). */
typedef struct als__rerun {
    const als_allocation *prev;
    size_t nprev;     /* previous sets */
    int *prev_day;    /* [nprev] day index, or -1 */
    int *prev_fixed;  /* [nprev] fixed set with the same id, or -1 */
    size_t *app_prev; /* [n] previous set of each applicant, or NOIDX */
    /* [n] the slot (fixed sets first, else the previous sets in their
       order) of each continuing applicant's previous set: staying means
       being placed there; ALS__RERUN_NO_SLOT when that set cannot open (a
       cohort with fixed sets that no longer has it), NOIDX when not
       continuing */
    size_t *app_slot;
    /* [nprev] the least size of each previous set should it run on: its
       floor when enough of its members continue, else its minimum
       (als__running_min) */
    int *run_min;
    als__strtab prev_ids; /* the previous set ids, index = set */
} als__rerun;

#define ALS__RERUN_NO_SLOT (ALS__NOIDX - 1)

/*
 * A re-run's state (rerun.c), for every solver alike: the previous sets
 * are slots that keep their ids and days, and may shrink to their floor;
 * each continuing applicant's previous slot; the units bound to their
 * running set (state.h, `only`). Call on a state with no unit placed.
 * False when out of memory.
 */
bool als__rerun_state(const als__rerun *rr, als__state *h);
/* May unit u be placed at all in the state h (a re-run's may be, though
   its council nomination is incomplete, when bound to its running set)? */
static inline bool als__rerun_keeps(const als__state *h, size_t u)
{
    return h->only && h->only[u] != ALS__NOIDX && h->only[u] < h->nslots;
}

typedef struct als__run {
    const als_solve_options *opts;
    const als__rerun *rerun; /* NULL unless a re-run */
    double t0;               /* monotonic seconds at the start */
    double deadline;         /* t0 + time limit */
    double next_progress;
    als_stop_reason stop;
    /* the heuristic: may it go on past its first budget, up to the work
       its time limit buys (no exact solver to follow)? Why it stopped. */
    bool extend;
    als_stop_reason heur_stop;
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
als_status als__heuristic(const als_problem *p, als__run *run, als__state *out);

/* What the exact solver proved. */
/* How the exact solver ended. */
typedef enum als__exact_end {
    ALS__EXACT_UNPROVEN = 0, /* without a proof, neither stopped nor stuck */
    ALS__EXACT_OPTIMAL,      /* every tier proved optimal */
    ALS__EXACT_INFEASIBLE,   /* proved that the hard constraints cannot all
                                hold */
    ALS__EXACT_STOPPED,      /* by the time limit or a cancel */
    ALS__EXACT_GAVE_UP       /* with time left, by what it cannot do */
} als__exact_end;

typedef struct als__exact_result {
    als__exact_end end;
    bool has_bound; /* a lower bound on the penalty is known */
    double bound;
} als__exact_result;

/*
 * The exact solver (exact.c: branch-and-price, colgen.c, or the compact
 * model, mip_glpk.c). `hint` is the heuristic's final state: its
 * eligible units are the model's, and its allocation is the first
 * incumbent. Fills *out with the final state (caller frees it) unless an
 * error is returned.
 */
als_status als__exact(const als_problem *p, als__run *run,
                      const als__state *hint, als__state *out,
                      als__exact_result *res, als_error *err);
/* The compact integer model alone (mip_glpk.c), as als__exact(). */
als_status als__mip_exact(const als_problem *p, als__run *run,
                          const als__state *hint, als__state *out,
                          als__exact_result *res, als_error *err);

/* For the tests: a GLPK fatal error under the solver's guard; returns
   ALS_ESOLVER with GLPK's message, the process intact. */
als_status als__glpk_fatal_selftest(als_error *err);

/* Units up to which the method auto uses the exact solver, for at most a
   fifth of the time limit (measured, `als_bench compare --count 200 --min 8
   --max 40 --time-limit 5`: every random cohort of up to 20 applicants was
   proven within 2 s, a fifth of the default limit, median 0.2 s at 17-20;
   of 21 to 24, 17 of 24; of 25 to 28, 13 of 25). */
#define ALS__AUTO_EXACT_UNITS 20
/* ... and up to this many when branch-and-price takes the cohort
   (colgen.c; measured: 19 of 20 realistic cohorts of 64 applicants in
   sets of 8 were proven within 1.4 s, median 0.3 s; see BENCHMARKS.md) */
#define ALS__AUTO_BP_UNITS 64

/* An open slot with room, as the reasons look at them. */
typedef struct als__room {
    size_t slot;
    long long room; /* places left */
} als__room;

/*
 * What the reasons of a final state share, worked out once so that the
 * reasons of all those left out take time linear in the cohort.
 */
typedef struct als__reasons {
    const als__state *h;
    int days;           /* the programme's days (0: none, or over 64) */
    long long demand;   /* members of the units that can be placed */
    long long open;     /* open sets */
    long long places;   /* their places (sum of maxima) */
    size_t first_empty; /* an empty slot a new set could take, or NOIDX */
    uint64_t open_days; /* days with an open set (bit 0 without days) */
    size_t *off;        /* by day (or one bucket): room[off[d], off[d+1]) */
    als__room *room;    /* open slots with room: most room first */
    double *low;        /* by day: lowest priority per member placed */
    long long on_a_day; /* when no set is open: most who can make a day */
    long long distinct; /* ... and of distinct organisations */
} als__reasons;

/* Work out the shared figures of final state h (kept, not copied). */
als_status als__reasons_init(als__reasons *r, const als__state *h);
void als__reasons_free(als__reasons *r);

/*
 * Why unit u of a final state is not placed, for a coordinator, written to
 * buf. `set_id[s]` names slot s in the output.
 */
void als__reason(const als__reasons *r, size_t u, const char *const *set_id,
                 char *buf, size_t cap);

#endif
