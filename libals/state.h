/*
 * A placement of units into set slots, kept consistent incrementally: per-slot
 * running figures (objective.c), the tiers' totals, the unplaced units, and
 * the hard rules a unit must meet to join a slot. Used by the heuristic and
 * by the explanation of who was left out and why.
 */
#ifndef ALS_STATE_H
#define ALS_STATE_H

#include "als_internal.h"

typedef struct als__slot {
    int fixed;     /* fixed set index, -1 */
    bool required; /* must open: empty counts as a deficit */
    int day;       /* current day, -1 when none */
    int day_lock;  /* the fixed set's day, -1 */
    int min, max;
    int target; /* target size (als__problem_target), ALS_NONE */
    int size;   /* applicants */
    size_t *units;
    size_t nunits, capunits;
    als__setstat st;
    double pen;   /* weighted penalty of the slot */
    double guide; /* its guide term (see als__state.guide_w) */
} als__slot;

typedef struct als__state {
    const als_problem *p;
    als__slot *slot;
    size_t nslots;
    size_t *uslot;      /* unit -> slot, ALS__NOIDX */
    size_t *upos;       /* unit -> position in its slot, or in unpl */
    size_t *where;      /* applicant -> slot, ALS__NOIDX */
    bool *eligible;     /* unit may be placed at all */
    const size_t *prev; /* re-runs: applicant -> previous slot, or NOIDX for
                           applicants who are not continuing; NULL when not
                           a re-run; owned (freed with the state) */
    size_t *only; /* re-runs: unit -> the one slot it may take (a unit whose
                     council nomination lost a member stays in its running
                     set: als__unit_running_slot), NOIDX for any; NULL when
                     no unit is so bound; owned */
    const char *const *slot_name; /* re-runs: slot -> previous set id, or
                                     NULL entries; NULL when not a re-run;
                                     the array is owned, the ids borrowed
                                     from the previous allocation */
    /* Optional (als__state_track_pairs): pairsum[s * nunits + u] is the
       pair weight between unit u's members and the members of slot s that
       are not u's; inner[u] the weight among u's own members. With them a
       placement costs one pass over the unit's pairs, and a move can be
       priced without making it (als__state_peek_*). */
    double *pairsum;
    double *inner;
    double *unitw;   /* [nunits * nunits] pair weight between two units, or
                        NULL (kept for up to 2,048 units) */
    bool pairs_only; /* the penalty is the pair weights alone, and no rule
                        depends on who else is in a set: a move is priced
                        from pair sums only */
    long long cont;  /* continuing applicants placed */
    long long moves; /* ... placed in a slot other than their previous */
    size_t *unpl;    /* eligible units not placed */
    size_t nunpl;
    long long placed, priority, deficit;
    long long sizedev; /* sum over opened slots of |size - target| */
    double penalty;
    /* The search's guide (heuristic.c sets guide_w; 0: none): with
       seniority `similar`, guide_w times the pairs of members of different
       levels in each set, summed in `guide`. The spread stays the same
       while a set's levels are mixed at all; the guide tells a search
       which steps make a set less mixed. It is no part of the objective:
       peeks and tiers carry it apart from the penalty. */
    double guide_w, guide;
    /* Work done, in ticks: a deterministic count of the steps the state
       took (placements and prices, by the members and pairs they touch),
       by which the heuristic measures its budget instead of the clock. */
    unsigned long long ticks;
    size_t open; /* slots with members */
    bool nomem;

    /* Facilitators (facilitate.c; K == 0 when the cohort has none): who
       leads each open slot, kept valid through every add and remove. */
    int K;         /* facilitators per set */
    size_t nfd;    /* days for facilitators' bookkeeping: days, or 1 */
    size_t *sfac;  /* [nslots * K] facilitators of slot s, NOIDX */
    int *fload;    /* [nfac] sets led */
    size_t *fday;  /* [nfac * nfd] the slot led on a day, NOIDX */
    size_t *nfree; /* [nfd] facilitators who could take a set that day */
    size_t *byday; /* [nfd][nfac] facilitators available each day, the
                      least flexible first (nbyday[d] of them) */
    size_t *nbyday;
    size_t *want;      /* re-runs: [nslots * K] the facilitators a running
                          slot had, NOIDX; NULL otherwise; owned */
    size_t *wanted_by; /* re-runs: [nfac] a slot that wants f, NOIDX */
    bool *fchg;        /* [nslots] the slot runs on with other facilitators */
    long long fac_changes; /* running slots whose facilitators changed */
    unsigned long long fac_version; /* bumped by every change of who leads
                                       (and of who is in a set, when
                                       facilitators have organisations or
                                       apart: fac_rules) */
    bool fac_rules;
    unsigned long long *no_path; /* [nfd] fac_version + 1 when a search
                                    for a new set's facilitator that day,
                                    open to all, found none (a cache) */
    long long fac_missing;       /* places of open slots with no facilitator */
    /* re-runs: unit -> the newcomers attached to it (rerun.c), NOIDX;
       NULL when none; owned. strays: attached newcomers placed where
       their unit is not (a hard rule the search may pass through) */
    size_t *dependent;
    long long strays;
} als__state;

/* Every unit starts unplaced; `nslots` empty slots, the first ones the
   problem's fixed sets. */
bool als__state_init(als__state *h, const als_problem *p, size_t nslots);
void als__state_free(als__state *h);
/* Make an unplaced unit eligible for placement. */
void als__state_make_eligible(als__state *h, size_t u);
/* Days unit u could meet on in slot s, as a bit mask (bit 0 when the
   programme has no days). */
uint64_t als__state_days(const als__state *h, size_t u, size_t s);
/* Every hard rule but the size bounds and the day (see als__state_days). */
bool als__state_fits(const als__state *h, size_t u, size_t s);
/* Room for u in s. */
static inline bool als__state_room(const als__state *h, size_t u, size_t s)
{
    return h->slot[s].size + (long long)h->p->units[u].size <= h->slot[s].max;
}
/* Place unplaced unit u in s, opening s on `day` when it is empty. No rule
   is checked. False when out of memory (nothing changed). */
bool als__state_add(als__state *h, size_t s, size_t u, int day);
/* Take unit u out of its slot. */
void als__state_remove(als__state *h, size_t u);
/* Keep pair sums (see the struct) when the problem has pair weights and
   units x slots is at most max_cells; call before placing anything. False
   only when out of memory (nothing changed). */
bool als__state_track_pairs(als__state *h, size_t max_cells);
/*
 * Penalty change, were placed unit u moved to slot t (not its own), or
 * swapped with unit v of another slot; *dg is set to the guide's change (0
 * without a guide). Only the penalty: the caller checks sizes, days and
 * tiers. The state is left as it was. peek_move assumes u may join t;
 * peek_swap checks the rules of als__state_fits for the exchanged sets and
 * returns NAN when either cannot join. Both return NAN when out of memory.
 */
double als__state_peek_move(als__state *h, size_t u, size_t t, double *dg);
double als__state_peek_swap(als__state *h, size_t u, size_t v, double *dg);
/* ---- which placement is better ------------------------------------- */

/*
 * A placement's tiers, in the order they are compared: the hard rules a
 * search may pass through broken (sets without facilitators, attached
 * newcomers away from their unit, sets short of their minimum), a
 * re-run's continuing placed, moves and facilitator changes, then placed,
 * priority, size deviation and penalty (docs/FORMAT.md, "The objective").
 */
typedef struct als__tiers {
    long long fac_missing, strays, deficit, cont, moves, fac_changes, placed,
        priority, sizedev;
    double penalty;
    double guide; /* the search's guide (als__state), never compared */
} als__tiers;

als__tiers als__state_tiers(const als__state *h);
/* a against b on every tier above the penalty: -1 better, 1 worse, 0 the
   same. */
int als__tiers_cmp(const als__tiers *a, const als__tiers *b);
/* Penalty a lower than b, beyond rounding (the one tolerance). */
bool als__penalty_less(double a, double b);
/* Do the figures f meet a lower bound on the penalty, every hard rule a
   search may pass through held and on target (f->sizedev 0)? Then, with
   everyone who may be placed placed, nothing is better (bound.c). */
bool als__tiers_meet_bound(const als__tiers *f, double bound);
/* Is a better than b, the penalty included? The one definition the
   heuristic and als_solve() compare placements by. */
bool als__tiers_better(const als__tiers *a, const als__tiers *b);

/* ---- lower bounds (bound.c) ---------------------------------------- */

/* Fewest pairs n people make when dealt as evenly as possible into k
   groups: the least of sum x(x-1)/2 over any split (it is convex). */
long long als__even_split_pairs(long long n, long long k);
/*
 * Pairs of a key (a sector, a level) among the placed: `members` holds the
 * placed applicants of the key, `units` the placed units with a member of
 * it, `inside` the pairs within those units. A unit shares one set, so its
 * pairs are in every split; two units of a key in one set make at least
 * one more pair, and k sets hold at least even_split_pairs(units, k) such
 * couples of units. Both that and dealing the members evenly are lower
 * bounds: the larger is returned.
 */
long long als__key_pairs_bound(long long members, long long units,
                               long long inside, long long k);
/* Bits 0..total: bit x is set when the sizes of some of the sets (count[v]
   sets of v members, v <= ALS_MAX_SET_SIZE) add up to x. NULL when out of
   memory (*nomem set) or too costly to work out. */
uint64_t *als__subset_sums(const size_t *count, size_t total, bool *nomem);

/* What als__penalty_bound counted, by key (owned; als__bound_keys_free):
   sec[3 * (sectors + 1)], per sector the placed members, then the placed
   units with one, then the same-sector pairs inside units; the same for
   levels in lev[3 * ALS_MAX_LEVELS]; org[organisations + 1] the placed
   units with a member of each. inside_*: all pairs inside units that
   count (sector under balance, level under mixed). */
typedef struct als__bound_keys {
    long long *sec, *org, *lev;
    long long inside_sector, inside_level;
} als__bound_keys;

/*
 * Lower bounds on each penalty figure, and the penalty, of any allocation
 * that places the applicants with where[i] != NOIDX in at most k sets
 * (sizes: count[v] of them of v members, when the sizes are known; NULL
 * when any sizes may be): same-sector (and, under mixed, same-level) pairs
 * by als__key_pairs_bound(); same-organisation pairs dealt evenly over
 * units; the seniority spread from the gaps between levels; every
 * negative pair weight collected. ALS_ENOMEM leaves *keys empty or owned.
 */
als_status als__penalty_bound(const als_problem *p, const size_t *where,
                              long long k, const size_t *sizes,
                              als_objective *best, als__bound_keys *keys);
void als__bound_keys_free(als__bound_keys *keys);
/*
 * A bound on the penalty of every allocation as good as h by the tiers
 * above it, when one is cheap to know: *has is false otherwise (people
 * left out, a re-run). Every solver states it with its answer; an answer
 * that meets it is optimal.
 */
als_status als__state_bound(const als__state *h, bool *has, double *bound);

/* ---- facilitators (facilitate.c) ---------------------------------- */

/* Set up the facilitators' bookkeeping (als__state_init calls it). */
bool als__fac_init(als__state *h);
void als__fac_free(als__state *h);
/* Could empty slot s open on `day` with unit u: are enough facilitators
   free who may lead u (perhaps by handing one's other set to another)? */
bool als__fac_can_open(const als__state *h, size_t s, int day, size_t u);
/* May unit u join open slot s as far as its facilitators go (any who may
   not lead u replaced by a free one who may lead the whole set)? */
bool als__fac_can_join(const als__state *h, size_t u, size_t s);
/* Bookkeeping of als__state_add / remove: slot s opened with u, u joined
   s, s closed. */
void als__fac_opened(als__state *h, size_t s, size_t u);
void als__fac_joined(als__state *h, size_t s, size_t u);
void als__fac_closed(als__state *h, size_t s);
/* Make f[0..K-1] (NOIDX: none) the facilitators of open slot s, as an
   exact solver chose them. */
void als__fac_assign(als__state *h, size_t s, const size_t *f);
/* Move open slot s to `day` with facilitators free that day; false (and
   nothing changed but perhaps who leads it) when too few are. */
bool als__fac_move_day(als__state *h, size_t s, int day);
/* Every open slot's facilitators anew: sfac[s * K + j] where still
   possible (a remembered state), the rest picked. */
void als__fac_reset(als__state *h, const size_t *sfac);
/* Re-runs: slot s had facilitators f[0..n-1] (extra ones ignored). False
   when out of memory. */
bool als__fac_want(als__state *h, size_t s, const size_t *f, size_t n);
/* Free facilitators on day `day` (any, when the programme has no days). */
static inline size_t als__fac_free_count(const als__state *h, int day)
{
    return h->K ? h->nfree[h->p->days.n && day >= 0 ? (size_t)day : 0] : 0;
}

/* |size - target| of a slot were it of `size` members (0 when empty or
   without a target). */
static inline long long als__slot_sizedev(const als__slot *sl, long long size)
{
    if (sl->target < 0 || size == 0)
        return 0;
    return size > sl->target ? size - sl->target : sl->target - size;
}
/* Deficit of a slot: members missing to reach min (0 when empty, unless
   the set is required). */
static inline long long als__slot_deficit(const als__slot *sl)
{
    return (sl->size > 0 || sl->required) && sl->size < sl->min
               ? sl->min - sl->size
               : 0;
}

#endif
