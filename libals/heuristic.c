/*
 * The heuristic solver. Units are placed by a greedy construction (highest
 * priority first, similar seniority side by side, each unit into the open
 * set where it adds least penalty), sets short of their minimum are repaired
 * by filling or dissolving them, and then simulated annealing improves the
 * allocation with unit moves, unit swaps, insertions of unplaced units and
 * day changes. Every state it passes through breaks no hard rule except the
 * minimum size, which is the first tier of the search's own objective
 * (deficit, then placed, priority and penalty); the annealing only accepts a
 * move that worsens the penalty, never one that worsens a higher tier.
 *
 * Everything here is deterministic for a given seed: the clock only decides
 * when to stop early.
 */
#include "diversity.h"
#include "solver.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct heur {
    als__state h;
    const als_problem *p;
    als__run *run;
    als__rng rng;
    size_t nslots_avail; /* slots that may open (fixed sets, or the cap) */
    double *demand;      /* per day: expected applicants */
    size_t *day_open;    /* per day: open slots */
    bool stop;
    bool nomem;
    /* re-runs: how readily one more move is accepted (see accept()) */
    double move_temp;
    struct best *track; /* when set, anneal_round keeps the best it sees */
    size_t *big;        /* movable units of two or more (try_exchange) */
    size_t nbig;
    bool unguided; /* steps are taken by the penalty alone (accept_cost) */
    long long repair_left; /* candidates the repair may still try (spend) */
    /* iterations between looks at the best so far in a tracked run (a
       copy of the placement: not more often than once per unit) */
    unsigned long long track_every;
    bool bounded; /* bound: a lower bound on the penalty (bound.c) */
    double bound;
    bool bound_at_target; /* taken with every set at the target size */
    /* sets above their own floor (find_bad()), where half of the moves
       and swaps start; NULL when not kept */
    size_t *bad;
    size_t nbad;
    unsigned long long bad_every; /* iterations between refreshes */
} heur;

static int popcount64(uint64_t x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

/* ---- eligibility and ordering ---------------------------------------- */

static void mark_eligible(heur *x)
{
    const als_problem *p = x->p;
    int largest = als__problem_largest_max(p);
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if ((un->council_defect && !als__rerun_keeps(&x->h, u)) ||
            un->duplicate)
            continue;
        if (p->days.n && un->avail == 0)
            continue;
        if ((long long)un->size > largest)
            continue;
        if (p->max_spread != ALS_NONE && un->level_min >= 0 &&
            un->level_max - un->level_min > p->max_spread)
            continue;
        als__state_make_eligible(&x->h, u);
    }
}

/* The movable units try_exchange may trade for smaller ones: those of two
   or more, when some eligible unit is smaller. False when out of memory. */
static bool list_big(heur *x)
{
    const als_problem *p = x->p;
    size_t smallest = SIZE_MAX, n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        if (x->h.eligible[u] && p->units[u].size < smallest)
            smallest = p->units[u].size;
    for (size_t u = 0; u < p->nunits; u++)
        n += x->h.eligible[u] && p->units[u].pin < 0 &&
             p->units[u].size > smallest;
    if (n == 0)
        return true;
    x->big = als__malloc(n, sizeof *x->big);
    if (!x->big)
        return false;
    for (size_t u = 0; u < p->nunits; u++)
        if (x->h.eligible[u] && p->units[u].pin < 0 &&
            p->units[u].size > smallest)
            x->big[x->nbig++] = u;
    return true;
}

typedef struct ukey {
    double prio; /* per member, so big units are not favoured */
    int ndays;
    int level;
    size_t size;
    size_t u;
} ukey;

static int cmp_ukey(const void *a, const void *b)
{
    const ukey *x = a, *y = b;
    if (x->prio != y->prio)
        return x->prio > y->prio ? -1 : 1;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    if (x->ndays != y->ndays)
        return x->ndays < y->ndays ? -1 : 1;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

/* Eligible unplaced units in construction order. */
static size_t *ordered_units(heur *x, size_t *n)
{
    const als_problem *p = x->p;
    ukey *k = als__malloc(x->h.nunpl ? x->h.nunpl : 1, sizeof *k);
    size_t *out = als__malloc(x->h.nunpl ? x->h.nunpl : 1, sizeof *out);
    if (!k || !out) {
        free(k);
        free(out);
        return NULL;
    }
    size_t m = 0;
    for (size_t u = 0; u < p->nunits; u++) {
        if (!x->h.eligible[u] || x->h.uslot[u] != ALS__NOIDX)
            continue;
        const als__unit *un = &p->units[u];
        k[m].prio = (double)un->priority / (double)un->size;
        k[m].ndays = p->days.n ? popcount64(un->avail) : 1;
        k[m].level = un->level_min >= 0 ? un->level_min : 1 << 20;
        k[m].size = un->size;
        k[m].u = u;
        m++;
    }
    qsort(k, m, sizeof *k, cmp_ukey);
    for (size_t t = 0; t < m; t++)
        out[t] = k[t].u;
    free(k);
    *n = m;
    return out;
}

/* ---- days ------------------------------------------------------------ */

static void estimate_demand(heur *x)
{
    const als_problem *p = x->p;
    for (size_t u = 0; u < p->nunits; u++) {
        if (!x->h.eligible[u])
            continue;
        const als__unit *un = &p->units[u];
        int nd = popcount64(un->avail);
        for (size_t d = 0; d < p->days.n && d < 64; d++)
            if ((un->avail >> d) & 1)
                x->demand[d] += (double)un->size / nd;
    }
}

/* Pick a day from a mask: the one with fewest open sets for its demand. */
static int pick_day(const heur *x, uint64_t mask)
{
    if (x->p->days.n == 0)
        return -1;
    int best = -1;
    double best_load = 0;
    for (size_t d = 0; d < x->p->days.n && d < 64; d++) {
        if (!((mask >> d) & 1))
            continue;
        double load = (double)x->day_open[d] / (1.0 + x->demand[d]);
        if (best < 0 || load < best_load) {
            best = (int)d;
            best_load = load;
        }
    }
    return best;
}

/* Add with bookkeeping of open sets per day. */
static bool place(heur *x, size_t s, size_t u, int day)
{
    bool was_empty = x->h.slot[s].size == 0;
    if (!als__state_add(&x->h, s, u, day)) {
        x->nomem = true;
        return false;
    }
    if (was_empty && x->h.slot[s].day >= 0)
        x->day_open[x->h.slot[s].day]++;
    return true;
}

static void unplace(heur *x, size_t u)
{
    size_t s = x->h.uslot[u];
    int day = x->h.slot[s].day;
    als__state_remove(&x->h, u);
    if (x->h.slot[s].size == 0 && day >= 0)
        x->day_open[day]--;
}

/* Can u join s now (size, day, rules)? Returns the day to use, or -2. */
static int can_join(const heur *x, size_t u, size_t s)
{
    if (!als__state_room(&x->h, u, s))
        return -2;
    uint64_t days = als__state_days(&x->h, u, s);
    if (!days)
        return -2;
    if (!als__state_fits(&x->h, u, s))
        return -2;
    if (x->h.slot[s].size > 0)
        return x->h.slot[s].day;
    return pick_day(x, days);
}

/* Penalty added by placing u in s (placing and taking it out again). */
static double insert_cost(heur *x, size_t u, size_t s, int day)
{
    double before = x->h.penalty;
    if (!place(x, s, u, day))
        return HUGE_VAL;
    double d = x->h.penalty - before;
    unplace(x, u);
    return d;
}

/* ---- construction ---------------------------------------------------- */

static bool pins_first(heur *x)
{
    const als_problem *p = x->p;
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if (un->pin < 0 || !x->h.eligible[u])
            continue;
        int day = can_join(x, u, (size_t)un->pin);
        if (day == -2)
            continue; /* left unplaced: the result explains it */
        if (!place(x, (size_t)un->pin, u, day))
            return false;
    }
    return true;
}

/* Re-runs: every continuing unit back in its previous set, when it still
   can be (the first continuing member's set decides). */
/* Re-runs: is unit u continuing (a member was in a previous set)? */
static bool continues(const heur *x, size_t u)
{
    return x->h.prev &&
           x->h.prev[x->p->unit_members[x->p->units[u].first]] != ALS__NOIDX;
}

/* Re-runs: may a continuing unit move into slot s to fill it? Only into a
   running set (a previous set, whose continuing members keep their places
   so): moving someone to open a new set places more, but moves outrank
   that. */
static bool may_move_into(const heur *x, size_t s)
{
    const als__slot *sl = &x->h.slot[s];
    for (size_t k = 0; k < sl->nunits; k++) {
        const als__unit *un = &x->p->units[sl->units[k]];
        for (size_t m = 0; m < un->size; m++)
            if (x->h.prev[x->p->unit_members[un->first + m]] == s)
                return true;
    }
    return false;
}

static bool continuing_first(heur *x)
{
    const als_problem *p = x->p;
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if (!x->h.eligible[u] || x->h.uslot[u] != ALS__NOIDX)
            continue;
        size_t s = ALS__NOIDX;
        for (size_t k = 0; k < un->size && s == ALS__NOIDX; k++)
            s = x->h.prev[p->unit_members[un->first + k]];
        if (s >= x->h.nslots) /* not continuing, or the set is gone */
            continue;
        /* a previous set reopens only within the cap on sets */
        if (x->h.slot[s].size == 0 && p->nsets == 0 &&
            p->max_sets != ALS_NONE && (long long)x->h.open >= p->max_sets)
            continue;
        int day = can_join(x, u, s);
        if (day != -2 && !place(x, s, u, day))
            return false;
    }
    /* one that could not go back because of a member there (the same
       organisation, say) goes back when that member can move to another
       running set: one move either way, and nobody waits or joins a new
       set for it */
    for (size_t u = 0; u < p->nunits && !x->nomem; u++) {
        if (!x->h.eligible[u] || x->h.uslot[u] != ALS__NOIDX)
            continue;
        size_t s = x->h.prev[p->unit_members[p->units[u].first]];
        if (s >= x->h.nslots || x->h.slot[s].size == 0)
            continue;
        als__slot *home = &x->h.slot[s];
        for (size_t k = 0; k < home->nunits; k++) {
            size_t v = home->units[k];
            if (p->units[v].pin >= 0 ||
                (x->h.only && x->h.only[v] != ALS__NOIDX))
                continue;
            int vday = home->day;
            unplace(x, v);
            int day = home->size > 0 ? can_join(x, u, s) : -2;
            size_t to = ALS__NOIDX;
            int tday = -2;
            for (size_t t = 0; day != -2 && t < x->h.nslots && to == ALS__NOIDX;
                 t++) {
                if (t == s || x->h.slot[t].size == 0 || !may_move_into(x, t))
                    continue;
                tday = can_join(x, v, t);
                if (tday != -2)
                    to = t;
            }
            if (to != ALS__NOIDX && place(x, s, u, day) &&
                place(x, to, v, tday))
                break;
            if (x->h.uslot[u] != ALS__NOIDX)
                unplace(x, u);
            if (!place(x, s, v, vday))
                return false;
        }
    }
    /* newcomers attached to a unit join its running set when there is
       room (before anyone else takes it) */
    for (size_t u = 0; u < p->nunits && !x->nomem; u++) {
        const als__unit *un = &p->units[u];
        if (!un->attached || !x->h.eligible[u] || x->h.uslot[u] != ALS__NOIDX)
            continue;
        size_t s = x->h.uslot[un->attach_to];
        if (s == ALS__NOIDX || !als__state_room(&x->h, u, s))
            continue;
        int day = can_join(x, u, s);
        if (day != -2 && !place(x, s, u, day))
            return false;
    }
    return !x->nomem;
}

#define WINDOW 8

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Re-runs: the sets the dropouts left short are filled first, by a
 * matching of waiting applicants (units of one) to their missing places,
 * so that one set's newcomer is not taken by another set that had other
 * candidates (augmenting paths, as in bipartite matching). Against the
 * state before any of them joins; a matched applicant who no longer fits
 * when placed waits for the construction. With many candidates and short
 * sets, first come first served instead.
 */
typedef struct matching {
    heur *x;
    size_t *shortl; /* short slots */
    size_t nshort;
    size_t *count;       /* per short slot: applicants matched */
    size_t *member;      /* per short slot: up to its deficit, matched units */
    size_t *offset;      /* per short slot: start in member */
    size_t *match;       /* per candidate unit index: short slot index, NOIDX */
    unsigned char *seen; /* per short slot, this search */
    const size_t *cand;
    size_t ncand;
    int maxdepth;
} matching;

static size_t cand_index(const matching *m, size_t u)
{
    size_t lo = 0, hi = m->ncand; /* cand is sorted */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->cand[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool augment(matching *m, size_t c, int depth)
{
    heur *x = m->x;
    size_t u = m->cand[c];
    if (depth > m->maxdepth)
        return false;
    for (size_t k = 0; k < m->nshort; k++) {
        if (m->seen[k] || can_join(x, u, m->shortl[k]) == -2)
            continue;
        m->seen[k] = 1;
        long long deficit = als__slot_deficit(&x->h.slot[m->shortl[k]]);
        if ((long long)m->count[k] < deficit) {
            m->member[m->offset[k] + m->count[k]++] = c;
            m->match[c] = k;
            return true;
        }
        for (size_t j = 0; j < m->count[k]; j++) {
            size_t other = m->member[m->offset[k] + j];
            if (augment(m, other, depth + 1)) {
                m->member[m->offset[k] + j] = c;
                m->match[c] = k;
                return true;
            }
        }
    }
    return false;
}

static bool fill_short_sets(heur *x, const size_t *order, size_t n)
{
    const als_problem *p = x->p;
    matching m;
    memset(&m, 0, sizeof m);
    m.x = x;
    size_t seats = 0;
    for (size_t s = 0; s < x->nslots_avail; s++)
        if (x->h.slot[s].size > 0 && als__slot_deficit(&x->h.slot[s]) > 0) {
            m.nshort++;
            seats += (size_t)als__slot_deficit(&x->h.slot[s]);
        }
    size_t ncand = 0;
    for (size_t t = 0; t < n; t++)
        ncand += p->units[order[t]].size == 1;
    /* beyond 4M candidate-set pairs, first come first served (no
       augmenting paths); beyond 1e8, the construction's greedy fill */
    double pairs = (double)m.nshort * (double)ncand;
    if (m.nshort == 0 || ncand == 0 || pairs > 1e8)
        return true;
    m.maxdepth = pairs > 4e6 ? 0 : 64;
    size_t *cand = als__malloc(ncand, sizeof *cand);
    m.shortl = als__malloc(m.nshort, sizeof *m.shortl);
    m.count = als__calloc(m.nshort, sizeof *m.count);
    m.offset = als__malloc(m.nshort, sizeof *m.offset);
    m.member = als__malloc(seats, sizeof *m.member);
    m.match = als__malloc(ncand, sizeof *m.match);
    m.seen = als__malloc(m.nshort, 1);
    bool ok = cand && m.shortl && m.count && m.offset && m.member && m.match &&
              m.seen;
    if (ok) {
        size_t k = 0, off = 0;
        for (size_t s = 0; s < x->nslots_avail; s++)
            if (x->h.slot[s].size > 0 && als__slot_deficit(&x->h.slot[s]) > 0) {
                m.shortl[k] = s;
                m.offset[k++] = off;
                off += (size_t)als__slot_deficit(&x->h.slot[s]);
            }
        k = 0;
        for (size_t t = 0; t < n; t++)
            if (p->units[order[t]].size == 1)
                cand[k++] = order[t];
        qsort(cand, ncand, sizeof *cand, cmp_size);
        m.cand = cand;
        m.ncand = ncand;
        for (size_t c = 0; c < ncand; c++)
            m.match[c] = ALS__NOIDX;
        /* in the construction's order: priority first */
        for (size_t t = 0; t < n; t++) {
            if (p->units[order[t]].size != 1)
                continue;
            memset(m.seen, 0, m.nshort);
            augment(&m, cand_index(&m, order[t]), 0);
        }
        for (size_t c = 0; c < ncand && !x->nomem; c++) {
            if (m.match[c] == ALS__NOIDX)
                continue;
            size_t s = m.shortl[m.match[c]];
            int day = can_join(x, cand[c], s);
            if (day != -2)
                place(x, s, cand[c], day);
        }
    }
    free(cand);
    free(m.shortl);
    free(m.count);
    free(m.offset);
    free(m.member);
    free(m.match);
    free(m.seen);
    if (!ok)
        x->nomem = true;
    return ok && !x->nomem;
}

/*
 * Re-runs, after the matching: a set still short takes a member of another
 * set, who moves (one move, none for a newcomer placed earlier), when that
 * set keeps its minimum or a waiting applicant takes the member's place.
 * One move per short set, where dissolving it would move all who remain.
 * Not while a continuing member is still waiting for a place. Bounded
 * work: 2,000 candidates per short set, 2e6 steps in all.
 */
static void fill_by_chains(heur *x)
{
    const als_problem *p = x->p;
    long long work = 0;
    /* not while a continuing member waits: the places may be theirs */
    for (size_t k = 0; k < x->h.nunpl; k++)
        if (x->h.prev[p->unit_members[p->units[x->h.unpl[k]].first]] !=
            ALS__NOIDX)
            return;
    for (size_t s = 0; s < x->nslots_avail && !x->nomem; s++) {
        als__slot *sl = &x->h.slot[s];
        /* a continuing member moves only to keep continuing members
           placed: into a running set, never to open a new one */
        bool runs = may_move_into(x, s);
        /* up to 2,000 units from a random start, newcomers first */
        size_t first = (size_t)als__rng_below(&x->rng, p->nunits);
        size_t tries = p->nunits < 2000 ? p->nunits : 2000;
        for (int pass = 0; pass < (runs ? 2 : 1); pass++)
            for (size_t r = 0; r < tries && sl->size > 0 &&
                               als__slot_deficit(sl) > 0 && work < 2000000;
                 r++) {
                size_t v = (first + r) % p->nunits;
                work++;
                size_t t = x->h.uslot[v];
                if (t == ALS__NOIDX || t == s || p->units[v].pin >= 0)
                    continue;
                bool continuing =
                    x->h.prev[p->unit_members[p->units[v].first]] != ALS__NOIDX;
                if (continuing != (pass == 1))
                    continue;
                als__slot *from = &x->h.slot[t];
                if ((long long)p->units[v].size >
                    (long long)(sl->min - sl->size))
                    continue; /* would overfill what is missing */
                work++;
                if (can_join(x, v, s) == -2)
                    continue;
                int tday = from->day;
                long long left = from->size - (long long)p->units[v].size;
                unplace(x, v);
                if (left >= from->min || left == 0) {
                    if (left > 0 || !from->required) {
                        place(x, s, v, sl->day);
                        continue;
                    }
                }
                /* a waiting applicant takes v's place */
                size_t w = ALS__NOIDX;
                for (size_t k = 0; k < x->h.nunpl && work < 2000000; k++) {
                    size_t c = x->h.unpl[k];
                    if (c == v || p->units[c].size != p->units[v].size)
                        continue;
                    work++;
                    if (can_join(x, c, t) != -2) {
                        w = c;
                        break;
                    }
                }
                if (w == ALS__NOIDX) {
                    place(x, t, v, tday);
                    continue;
                }
                place(x, t, w, tday);
                place(x, s, v, sl->day);
            }
    }
}

static bool construct(heur *x)
{
    const als_problem *p = x->p;
    size_t n;
    size_t *order = ordered_units(x, &n);
    if (!order)
        return false;
    if (x->h.prev && !fill_short_sets(x, order, n)) {
        free(order);
        return false;
    }
    if (x->h.prev)
        fill_by_chains(x);
    long long supply = 0;
    for (size_t t = 0; t < n; t++)
        if (x->h.uslot[order[t]] == ALS__NOIDX)
            supply += (long long)p->units[order[t]].size;
    for (size_t s = 0; s < x->h.nslots; s++)
        supply += x->h.slot[s].size;
    size_t k = x->nslots_avail ? x->nslots_avail : 1;
    long long target_all = (supply + (long long)k - 1) / (long long)k;
    size_t window[WINDOW], nw = 0;
    size_t next_empty = 0, scan = 0;
    /* sets already open but short of their minimum (a re-run's sets after
       dropouts) are filled first, so that nobody has to move */
    for (size_t s = 0; s < x->nslots_avail && nw < WINDOW; s++)
        if (x->h.slot[s].size > 0 && als__slot_deficit(&x->h.slot[s]) > 0)
            window[nw++] = s;
    for (size_t t = 0; t < n && !x->nomem; t++) {
        if ((t & 4095) == 4095 &&
            als__run_poll(x->run, x->h.placed, x->h.priority, x->h.penalty))
            x->stop = true; /* the construction still completes */
        size_t u = order[t];
        if (x->h.uslot[u] != ALS__NOIDX) /* placed by fill_short_sets */
            continue;
        size_t best = ALS__NOIDX;
        int best_day = -1;
        double best_cost = HUGE_VAL;
        for (size_t w = 0; w < nw; w++) {
            int day = can_join(x, u, window[w]);
            if (day == -2)
                continue;
            double c = insert_cost(x, u, window[w], day);
            if (c < best_cost) {
                best_cost = c;
                best = window[w];
                best_day = day;
            }
        }
        bool capped = p->nsets == 0 && p->max_sets != ALS_NONE &&
                      (long long)x->h.open >= p->max_sets;
        if (best == ALS__NOIDX && !capped) {
            /* open the next empty slot that can take u */
            while (next_empty < x->nslots_avail &&
                   x->h.slot[next_empty].size > 0)
                next_empty++;
            for (size_t s = next_empty; s < x->nslots_avail; s++) {
                if (x->h.slot[s].size > 0)
                    continue;
                int day = can_join(x, u, s);
                if (day != -2) {
                    best = s;
                    best_day = day;
                    break;
                }
                if (x->h.slot[s].day_lock < 0)
                    break; /* any free slot is like this one */
            }
        }
        if (best == ALS__NOIDX) {
            /* any open slot with room, a bounded scan */
            for (size_t c = 0; c < x->nslots_avail && c < 256; c++) {
                size_t s = (scan + c) % x->nslots_avail;
                if (x->h.slot[s].size == 0)
                    continue;
                int day = can_join(x, u, s);
                if (day != -2) {
                    best = s;
                    best_day = day;
                    scan = s;
                    break;
                }
            }
        }
        if (best == ALS__NOIDX)
            continue;
        if (!place(x, best, u, best_day))
            break;
        /* keep the window: slots still short of their target */
        bool in_window = false;
        for (size_t w = 0; w < nw; w++)
            in_window |= window[w] == best;
        const als__slot *sl = &x->h.slot[best];
        long long target = target_all < sl->min   ? sl->min
                           : target_all > sl->max ? sl->max
                                                  : target_all;
        if (!in_window && sl->size < target) {
            if (nw == WINDOW) {
                memmove(window, window + 1, (WINDOW - 1) * sizeof *window);
                nw--;
            }
            window[nw++] = best;
        } else if (in_window && sl->size >= target) {
            size_t w = 0;
            while (window[w] != best)
                w++;
            memmove(window + w, window + w + 1, (nw - w - 1) * sizeof *window);
            nw--;
        }
    }
    free(order);
    return !x->nomem;
}

/* ---- construction by dealing (no fixed sets) -------------------------- */

/* Can n members be split into sets of min..max? */
static bool formable(long long n, int min, int max)
{
    return n == 0 || (n + max - 1) / max <= n / min;
}

/* ... and, with k > 0, into sets of exactly k. */
static bool splits(long long n, int min, int max, long long k)
{
    return formable(n, min, max) && (k <= 0 || n % k == 0);
}

typedef struct dkey {
    size_t size;
    int sector, org;
    size_t u;
} dkey;

static int cmp_dkey(const void *a, const void *b)
{
    const dkey *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    if (x->sector != y->sector)
        return x->sector < y->sector ? -1 : 1;
    if (x->org != y->org)
        return x->org < y->org ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

/* Can u join slot s of a block dealt on `day` (-1: no days), the slot
   holding at most `cap` members? */
static bool block_fits(const heur *x, size_t u, size_t s, int day,
                       long long cap)
{
    return x->h.slot[s].size + (long long)x->p->units[u].size <= cap &&
           als__state_room(&x->h, u, s) && als__state_fits(&x->h, u, s) &&
           (als__state_days(&x->h, u, s) &
            (x->p->days.n ? (uint64_t)1 << day : 1));
}

/* A unit moved by a compound move, to undo it. */
typedef struct moved {
    size_t u, from;
    int day;
} moved;

/* Do units u and v share an organisation? */
static bool shares_org(const als_problem *p, size_t u, size_t v)
{
    const als__unit *a = &p->units[u], *b = &p->units[v];
    for (size_t i = 0; i < a->org_count; i++)
        for (size_t j = 0; j < b->org_count; j++)
            if (p->unit_orgs[a->org_first + i] ==
                p->unit_orgs[b->org_first + j])
                return true;
    return false;
}

/*
 * A unit the dealing left over joins a slot X of its block once members of
 * X have moved to other slots of the block with room: those of its
 * organisation first, then any, until X has room for it (a unit of three
 * where the block's room is scattered over three sets). At most
 * DEAL_MOVES members move, to at most DEAL_ROOMY slots with room; the
 * block's sets share a day and a level, so neither suffers. Each test of
 * whether a unit fits a slot spends one of *work (DEAL_WORK per unit of
 * the block): linear in the block, even when most of it is left over.
 */
#define DEAL_AHEAD 4096
#define DEAL_ROOMY 8
#define DEAL_MOVES 3
#define DEAL_WORK 256
static bool deal_fits(const heur *x, size_t u, size_t s, int day, long long cap,
                      long long *work)
{
    return (*work)-- > 0 && block_fits(x, u, s, day, cap);
}

static void deal_left_over(heur *x, size_t u, size_t first, size_t nb, int day,
                           long long cap, long long *work)
{
    const als_problem *p = x->p;
    for (size_t c = 0; *work > 0 && c < nb; c++)
        if (deal_fits(x, u, first + c, day, cap, work)) {
            place(x, first + c, u, day); /* room made by an earlier move */
            return;
        }
    for (size_t c = 0; *work > 0 && !x->nomem && c < nb; c++) {
        size_t X = first + c;
        moved log[DEAL_MOVES];
        int nlog = 0;
        while (*work > 0 && nlog < DEAL_MOVES &&
               !deal_fits(x, u, X, day, cap, work)) {
            /* a member of X to move: one of u's organisation if any */
            const als__slot *sx = &x->h.slot[X];
            size_t pick = ALS__NOIDX, to = ALS__NOIDX;
            for (int pass = 0; pass < 2 && pick == ALS__NOIDX; pass++)
                for (size_t m = 0; m < sx->nunits && pick == ALS__NOIDX; m++) {
                    size_t v = sx->units[m];
                    if (p->units[v].pin >= 0 ||
                        (pass == 0) != shares_org(p, u, v))
                        continue;
                    size_t seen = 0;
                    for (size_t d = 0; d < nb && seen < DEAL_ROOMY; d++) {
                        size_t Y = first + d;
                        if (Y == X || x->h.slot[Y].size >= cap ||
                            x->h.slot[Y].size >= x->h.slot[Y].max)
                            continue;
                        seen++;
                        if (deal_fits(x, v, Y, day, cap, work)) {
                            pick = v;
                            to = Y;
                            break;
                        }
                    }
                }
            if (pick == ALS__NOIDX)
                break;
            log[nlog++] = (moved){pick, X, day};
            unplace(x, pick);
            place(x, to, pick, day);
        }
        if (block_fits(x, u, X, day, cap)) {
            place(x, X, u, day);
            return;
        }
        while (nlog > 0) { /* undo */
            nlog--;
            unplace(x, log[nlog].u);
            place(x, log[nlog].from, log[nlog].u, day);
        }
    }
}

/* The sector of unit u (its first member's), -1 for none. */
static int unit_sector(const als_problem *p, size_t u)
{
    return p->app[p->unit_members[p->units[u].first]].sector;
}

/*
 * A dealt block's sets with more same-sector pairs than an even split
 * gives trade a member whose sector they repeat for one of a sector they
 * lack, with another set of the block, while the penalty falls (and the
 * guide with it: the sets share a day and mostly a level). Each swap
 * priced spends one of *work.
 */
static void deal_polish(heur *x, size_t first, size_t nb, long long *work)
{
    const als_problem *p = x->p;
    if (p->sector_mode != ALS_SECTOR_BALANCE || p->sector_weight <= 0 ||
        p->sectors.n < 2)
        return;
    for (size_t c = 0; c<nb && * work> 0 && !x->nomem; c++) {
        size_t s = first + c;
        const als__slot *ss = &x->h.slot[s];
        bool swapped = true;
        while (swapped && *work > 0 && !x->nomem &&
               ss->st.sector_pairs >
                   als__even_split_pairs(ss->size, (long long)p->sectors.n)) {
            swapped = false;
            for (size_t m = 0; m < ss->nunits && !swapped && *work > 0; m++) {
                size_t u = ss->units[m];
                int su = unit_sector(p, u);
                if (p->units[u].pin >= 0 || su < 0 ||
                    als__counts_get(&ss->st.sectors, su) < 2)
                    continue; /* u's sector is not repeated here */
                for (size_t e = 0; e < nb && !swapped && *work > 0; e++) {
                    size_t t = first + e;
                    const als__slot *ts = &x->h.slot[t];
                    if (t == s || ts->size == 0)
                        continue;
                    for (size_t j = 0; j<ts->nunits && * work> 0; j++) {
                        size_t v = ts->units[j];
                        int sv = unit_sector(p, v);
                        if (p->units[v].pin >= 0 ||
                            p->units[v].size != p->units[u].size || sv < 0 ||
                            als__counts_get(&ss->st.sectors, sv) > 0 ||
                            als__counts_get(&ts->st.sectors, su) >=
                                als__counts_get(&ts->st.sectors, sv))
                            continue; /* no sector evens out */
                        (*work)--;
                        double g, d = als__state_peek_swap(&x->h, u, v, &g);
                        if (isnan(d) || d > 1e-9 || d + g >= -1e-9)
                            continue;
                        int day = ss->day;
                        unplace(x, u);
                        unplace(x, v);
                        if (place(x, s, v, day))
                            place(x, t, u, day);
                        swapped = true;
                        break;
                    }
                }
            }
        }
    }
}

/* Deal the units of one block (level-sorted) into slots [first, first+nb):
   sorted by sector and organisation, then handed round the slots. */
static void deal_block(heur *x, const size_t *units, size_t n, size_t first,
                       size_t nb, int day)
{
    const als_problem *p = x->p;
    dkey *k = als__malloc(n ? n : 1, sizeof *k);
    if (!k) {
        x->nomem = true;
        return;
    }
    for (size_t t = 0; t < n; t++) {
        const als__applicant *a =
            &p->app[p->unit_members[p->units[units[t]].first]];
        k[t].size = p->units[units[t]].size;
        k[t].sector = a->sector;
        k[t].org = a->org;
        k[t].u = units[t];
    }
    qsort(k, n, sizeof *k, cmp_dkey);
    /* each set up to the block's even share first (with a range of sizes,
       a set that takes more leaves another short of the share) */
    long long members = 0;
    for (size_t t = 0; t < n; t++)
        members += (long long)k[t].size;
    long long share = nb ? (members + (long long)nb - 1) / (long long)nb : 0;
    bool balance = p->sector_mode == ALS_SECTOR_BALANCE &&
                   p->sector_weight > 0 && p->sectors.n > 1;
    size_t j = 0;
    for (size_t t = 0; t < n && !x->nomem; t++) {
        if ((t & 4095) == 4095 &&
            als__run_poll(x->run, x->h.placed, x->h.priority, x->h.penalty))
            x->stop = true; /* the construction still completes */
        size_t u = k[t].u;
        /* the next set round that takes u, and that has the fewest of its
           sector when sectors are balanced */
        size_t best = ALS__NOIDX, best_c = 0;
        int fewest = INT_MAX;
        for (size_t c = 0; c < nb && fewest > 0; c++) {
            size_t s = first + (j + c) % nb;
            int have =
                balance && k[t].sector >= 0
                    ? als__counts_get(&x->h.slot[s].st.sectors, k[t].sector)
                    : 0;
            if (have >= fewest || !block_fits(x, u, s, day, share))
                continue;
            best = s;
            best_c = c;
            fewest = have;
        }
        if (best != ALS__NOIDX) {
            place(x, best, u, day);
            j = (j + best_c + 1) % nb;
        }
    }
    long long work = DEAL_WORK * (long long)n + 4096;
    for (size_t t = 0; t < n && !x->nomem && work > 0; t++)
        if (x->h.uslot[k[t].u] == ALS__NOIDX)
            for (int pass = 0; pass < 2 && x->h.uslot[k[t].u] == ALS__NOIDX;
                 pass++) /* within the share, then up to the maximum */
                deal_left_over(x, k[t].u, first, nb, day,
                               pass ? LLONG_MAX : share, &work);
    free(k);
    work = DEAL_WORK * (long long)n + 4096;
    deal_polish(x, first, nb, &work);
}

/* How many sets `n` members of a day make: as many as can be (n / min),
   or, with a target size, the number whose even split strays least from
   it while every set stays within min..max. */
static long long sets_for(long long n, int min, int max, int target)
{
    long long most = n / min;
    if (target == ALS_NONE || most == 0)
        return most;
    long long least = (n + max - 1) / max;
    if (least > most)
        return most;
    long long best = most, best_dev = -1;
    for (long long k = n / target; k <= n / target + 1; k++) {
        long long c = k < least ? least : k > most ? most : k;
        long long q = n / c, r = n % c;
        long long dev = r * llabs(q + 1 - target) + (c - r) * llabs(q - target);
        if (best_dev < 0 || dev < best_dev || (dev == best_dev && c > best)) {
            best = c;
            best_dev = dev;
        }
    }
    return best;
}

typedef struct lkey {
    int level, sector;
    double at; /* where in its level the unit goes (sectors interleaved) */
    size_t u;
} lkey;

/* By level, sector, then cohort order. */
static int cmp_lkey_sector(const void *a, const void *b)
{
    const lkey *x = a, *y = b;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    if (x->sector != y->sector)
        return x->sector < y->sector ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

/* By level, then by place in it. */
static int cmp_lkey(const void *a, const void *b)
{
    const lkey *x = a, *y = b;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->sector != y->sector)
        return x->sector < y->sector ? -1 : 1;
    return x->u < y->u ? -1 : x->u > y->u;
}

/*
 * The units of a day in dealing order: by level, and within a level the
 * sectors interleaved in proportion (the k-th of a sector's c units at
 * (k + 1/2) / c), so that each block of sets cut from a level has the
 * level's mix of sectors, not a sample's.
 */
static void interleave_sectors(lkey *lk, size_t m)
{
    qsort(lk, m, sizeof *lk, cmp_lkey_sector);
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && lk[b].level == lk[a].level &&
               lk[b].sector == lk[a].sector)
            b++;
        for (size_t k = a; k < b; k++)
            lk[k].at = ((double)(k - a) + 0.5) / (double)(b - a);
        a = b;
    }
    qsort(lk, m, sizeof *lk, cmp_lkey);
}

/* A dealing's units and the days chosen for them. */
typedef struct dealing {
    size_t *order; /* the units, in construction order */
    size_t n;
    size_t nd;        /* days (1 without days) */
    int *day_of;      /* the day of order[t] (-1: not yet chosen) */
    long long *count; /* members per day */
    long long *lc;    /* members per (day, level): lc[d * DEAL_LEVELS + l] */
    int min, max;
    bool whole_sets; /* exact sizes or a target: groups should divide */
    long long k;     /* ... into sets of k */
} dealing;

/* Levels of the dealing's counts: 0 to 1000, and 1001 for none. */
#define DEAL_LEVELS 1002
static size_t deal_level(const als__unit *un)
{
    return (size_t)(un->level_min >= 0 ? un->level_min : DEAL_LEVELS - 1);
}

static void dealing_free(dealing *g)
{
    free(g->order);
    free(g->day_of);
    free(g->count);
    free(g->lc);
}

/* order[t] takes day d: its members counted there. */
static void deal_count(dealing *g, const als_problem *p, size_t t, int d)
{
    const als__unit *un = &p->units[g->order[t]];
    g->count[d] += (long long)un->size;
    g->lc[(size_t)d * DEAL_LEVELS + deal_level(un)] += (long long)un->size;
}

/* Step 1: single-day units take their day (all units without days). */
static void deal_fixed_days(dealing *g, const als_problem *p)
{
    for (size_t t = 0; t < g->n; t++) {
        const als__unit *un = &p->units[g->order[t]];
        g->day_of[t] = -1;
        if (p->days.n == 0)
            g->day_of[t] = 0;
        else if (popcount64(un->avail) == 1)
            for (size_t d = 0; d < g->nd; d++)
                if ((un->avail >> d) & 1)
                    g->day_of[t] = (int)d;
        if (g->day_of[t] >= 0)
            deal_count(g, p, t, g->day_of[t]);
    }
}

/* Step 2: flexible units where they help most: completing a day whose
   count cannot be split into sets, else a level group (of the day and the
   unit's level) that should divide into whole sets, else the day with
   fewest. */
static void deal_flexible_days(dealing *g, const als_problem *p)
{
    long long k = g->k;
    for (size_t t = 0; t < g->n; t++) {
        if (g->day_of[t] >= 0)
            continue;
        const als__unit *un = &p->units[g->order[t]];
        long long sz = (long long)un->size;
        size_t lv = deal_level(un);
        int best = -1, best_rank = 0;
        for (size_t d = 0; d < g->nd && d < 64; d++) {
            if (!((un->avail >> d) & 1))
                continue;
            long long c = g->lc[d * DEAL_LEVELS + lv];
            /* 3: completes a day's split, 2: completes a level group,
               1: continues an unfinished level group, 0: otherwise */
            int rank = !formable(g->count[d], g->min, g->max) &&
                               formable(g->count[d] + sz, g->min, g->max)
                           ? 3
                       : (c % k) != 0 && ((c + sz) % k) == 0 ? 2
                       : (c % k) != 0                        ? 1
                                                             : 0;
            if (best < 0 || rank > best_rank ||
                (rank == best_rank && g->count[d] < g->count[best])) {
                best = (int)d;
                best_rank = rank;
            }
        }
        g->day_of[t] = best;
        deal_count(g, p, t, best);
    }
}

/* Step 3, with exact sizes or a target: each (day, level) group a whole
   number of sets where flexible units allow, pushing a group's remainder
   to another day (one with a remainder of its own first) or pulling the
   rest. False when out of memory. */
static bool deal_level_groups(dealing *g, const als_problem *p)
{
    if (!g->whole_sets || g->nd < 2)
        return true;
    size_t n = g->n, nd = g->nd, nlv = DEAL_LEVELS;
    long long k = g->k;
    size_t *flex_off = als__calloc(nlv + 1, sizeof *flex_off);
    size_t *flex = als__malloc(n ? n : 1, sizeof *flex);
    size_t *cursor = als__malloc(nlv, sizeof *cursor);
    if (!flex_off || !flex || !cursor) {
        free(flex_off);
        free(flex);
        free(cursor);
        return false;
    }
    /* flexible units by level, lowest priority first */
    for (size_t t = 0; t < n; t++)
        if (popcount64(p->units[g->order[t]].avail) > 1)
            flex_off[deal_level(&p->units[g->order[t]]) + 1]++;
    for (size_t l = 0; l < nlv; l++)
        flex_off[l + 1] += flex_off[l];
    memcpy(cursor, flex_off, nlv * sizeof *cursor);
    for (size_t t = n; t-- > 0;)
        if (popcount64(p->units[g->order[t]].avail) > 1)
            flex[cursor[deal_level(&p->units[g->order[t]])]++] = t;
    free(cursor);
    for (size_t l = 0; l < nlv; l++) {
        size_t lo = flex_off[l], hi = flex_off[l + 1];
        if (hi <= lo)
            continue;
        for (size_t d = 0; d < nd && d < 64; d++) {
            long long r = g->lc[d * nlv + l] % k;
            if (r == 0)
                continue;
            /* try pushing r members from d, then pulling k - r */
            for (int pass = 0; pass < 2 && r != 0; pass++) {
                long long want = pass == 0 ? r : k - r;
                for (size_t d2 = 0; d2 < nd && d2 < 64 && r != 0; d2++) {
                    if (d2 == d ||
                        (pass == 0 && g->lc[d2 * nlv + l] % k == 0 && d2 < d))
                        continue;
                    size_t from = pass == 0 ? d : d2, to = pass == 0 ? d2 : d;
                    long long avail = 0;
                    for (size_t q = lo; q < hi; q++) {
                        const als__unit *un = &p->units[g->order[flex[q]]];
                        if (g->day_of[flex[q]] == (int)from &&
                            ((un->avail >> to) & 1) && un->size == 1)
                            avail++;
                    }
                    if (avail < want)
                        continue;
                    long long shifted = 0;
                    for (size_t q = lo; q < hi && shifted < want; q++) {
                        const als__unit *un = &p->units[g->order[flex[q]]];
                        if (g->day_of[flex[q]] != (int)from ||
                            !((un->avail >> to) & 1) || un->size != 1)
                            continue;
                        g->day_of[flex[q]] = (int)to;
                        shifted++;
                    }
                    g->lc[from * nlv + l] -= shifted;
                    g->lc[to * nlv + l] += shifted;
                    g->count[from] -= shifted;
                    g->count[to] += shifted;
                    r = g->lc[d * nlv + l] % k;
                }
            }
        }
    }
    free(flex_off);
    free(flex);
    return true;
}

/* Step 4: days whose total cannot be split into sets (of the target size,
   with one): move flexible units (lowest priority first) to another such
   day until both can. */
static void deal_day_totals(dealing *g, const als_problem *p)
{
    long long k = g->whole_sets ? g->k : 0;
    for (size_t d1 = 0; d1 < g->nd && g->nd > 1; d1++) {
        size_t guard = g->n;
        while (!splits(g->count[d1], g->min, g->max, k) && guard-- > 0) {
            size_t pick = ALS__NOIDX;
            int to = -1;
            for (size_t t = g->n; t-- > 0 && pick == ALS__NOIDX;) {
                if (g->day_of[t] != (int)d1)
                    continue;
                const als__unit *un = &p->units[g->order[t]];
                for (size_t d2 = 0; d2 < g->nd && d2 < 64; d2++)
                    if (d2 != d1 && ((un->avail >> d2) & 1) &&
                        !splits(g->count[d2], g->min, g->max, k)) {
                        pick = t;
                        to = (int)d2;
                        break;
                    }
            }
            if (pick == ALS__NOIDX)
                break;
            const als__unit *un = &p->units[g->order[pick]];
            g->count[d1] -= (long long)un->size;
            g->count[to] += (long long)un->size;
            g->day_of[pick] = to;
        }
    }
}

/*
 * Step 5: day d's units (best priority first, up to the capacity of its
 * `sets` sets, slots [first, first + sets)) by level with the sectors
 * interleaved, dealt in blocks of at most 64 sets of similar level. `lk`
 * and `units` are scratch of g->n entries.
 */
static void deal_day(heur *x, const dealing *g, size_t d, size_t first,
                     long long sets, lkey *lk, size_t *units)
{
    const als_problem *p = x->p;
    long long room = sets * g->max, used = 0;
    size_t m = 0;
    for (size_t t = 0; t < g->n; t++) {
        if (g->day_of[t] != (int)d)
            continue;
        const als__unit *un = &p->units[g->order[t]];
        if (used + (long long)un->size > room)
            continue;
        used += (long long)un->size;
        lk[m].level = un->level_min >= 0 ? un->level_min : 1 << 20;
        lk[m].sector = unit_sector(p, g->order[t]);
        lk[m].at = 0;
        lk[m].u = g->order[t];
        m++;
    }
    interleave_sectors(lk, m);
    /* even set sizes for the day */
    long long per = used / sets, extra = used % sets;
    size_t end = first + (size_t)sets;
    size_t at = 0, s = first;
    while (at < m && s < end && !x->nomem) {
        /* lk[q].u is NOIDX once taken by a block out of order */
        int level = lk[at].level;
        long long run_members = 0;
        for (size_t q = at; q < m && lk[q].level == level &&
                            run_members < 64 * (per ? per : 1);
             q++)
            if (lk[q].u != ALS__NOIDX)
                run_members += (long long)p->units[lk[q].u].size;
        long long nb = run_members / (per ? per : 1);
        if (nb < 1)
            nb = 1;
        if (nb > 64)
            nb = 64;
        if (nb > (long long)(end - s))
            nb = (long long)(end - s);
        long long capacity = 0;
        for (long long b = 0; b < nb; b++)
            capacity += per + ((long long)(s - first) + b < extra ? 1 : 0);
        /* the block's capacity exactly where units allow: a unit too large
           for the room left waits for the next block, and one of the next
           DEAL_AHEAD that fits is taken instead */
        size_t cnt = 0;
        long long taken = 0;
        for (size_t q = at; q < m && taken < capacity && q < at + DEAL_AHEAD;
             q++) {
            if (lk[q].u == ALS__NOIDX)
                continue;
            long long size = (long long)p->units[lk[q].u].size;
            if (taken + size > capacity)
                continue;
            taken += size;
            units[cnt++] = lk[q].u;
            lk[q].u = ALS__NOIDX;
        }
        while (at < m && lk[at].u == ALS__NOIDX)
            at++;
        if (cnt == 0) {
            at++; /* a unit too large for what is left: skip it */
            continue;
        }
        deal_block(x, units, cnt, s, (size_t)nb, p->days.n ? (int)d : -1);
        s += (size_t)nb;
    }
}

/*
 * The construction without fixed sets or a previous allocation: each
 * unit's day (steps 1 to 4), then the sets of each day dealt (step 5),
 * as many per day as its count makes (sets_for()), within the slots.
 */
static bool deal(heur *x)
{
    const als_problem *p = x->p;
    dealing g;
    memset(&g, 0, sizeof g);
    if (!(g.order = ordered_units(x, &g.n)))
        return false;
    g.nd = p->days.n ? p->days.n : 1;
    g.min = p->size_min;
    g.max = p->size_max;
    /* the size each (day, level) group should divide into: the exact size,
       or the target (a set of another size deviates from it) */
    g.whole_sets = g.min == g.max || p->size_target != ALS_NONE;
    g.k = p->size_target != ALS_NONE ? p->size_target : g.min;
    g.day_of = als__malloc(g.n ? g.n : 1, sizeof *g.day_of);
    g.count = als__calloc(g.nd, sizeof *g.count);
    g.lc = als__calloc(g.nd * DEAL_LEVELS, sizeof *g.lc);
    lkey *lk = als__malloc(g.n ? g.n : 1, sizeof *lk);
    size_t *units = als__malloc(g.n ? g.n : 1, sizeof *units);
    if (!g.day_of || !g.count || !g.lc || !lk || !units) {
        free(lk);
        free(units);
        dealing_free(&g);
        return false;
    }
    deal_fixed_days(&g, p);
    deal_flexible_days(&g, p);
    if (!deal_level_groups(&g, p))
        x->nomem = true;
    deal_day_totals(&g, p);
    /* sets per day, within the cap */
    long long total_sets = 0;
    for (size_t d = 0; d < g.nd; d++)
        total_sets += sets_for(g.count[d], g.min, g.max, p->size_target);
    long long cap = (long long)x->nslots_avail;
    size_t next_slot = 0;
    for (size_t d = 0; d < g.nd && !x->nomem; d++) {
        long long sets = sets_for(g.count[d], g.min, g.max, p->size_target);
        if (total_sets > cap && total_sets > 0)
            sets = sets * cap / total_sets;
        if (sets <= 0 || next_slot + (size_t)sets > x->nslots_avail)
            continue;
        deal_day(x, &g, d, next_slot, sets, lk, units);
        next_slot += (size_t)sets;
    }
    free(lk);
    free(units);
    dealing_free(&g);
    return !x->nomem;
}

/* ---- repair: every open set at least its minimum ---------------------- */

static bool slot_has_pin(const heur *x, size_t s)
{
    const als__slot *sl = &x->h.slot[s];
    if (sl->required)
        return true; /* a required set is held open like a pinned one */
    for (size_t k = 0; k < sl->nunits; k++)
        if (x->p->units[sl->units[k]].pin >= 0)
            return true;
    return false;
}

/* The repair's steps try at most so many candidates each (units, or
   seats of other sets), from a rotating start, and at most
   REPAIR_PER_UNIT per unit of the cohort in all (spend()): on a large
   cohort with many to seat, every candidate for every set short of its
   minimum would take hours (a planted cohort of 1,000,000 with units took
   254 s). Linear in the cohort, whatever is left to seat. */
#define REPAIR_TRIES 20000
#define REPAIR_PER_UNIT 20

/* Where the repair starts its round of the other sets for slot s: spread
   over the slots, without drawing on the search's random numbers. */
static size_t rotating_start(const heur *x, size_t s)
{
    if (x->h.nslots <= REPAIR_TRIES)
        return 0; /* every slot is visited anyway */
    return (size_t)((s * 2654435761u) % x->h.nslots);
}

/* One more candidate tried by the repair: false when its work is spent. */
static bool spend(heur *x)
{
    return x->repair_left-- > 0;
}

/* Fill slot s from the unplaced units of `order` (best priority first; some
   may have been placed since), trying at most REPAIR_TRIES of them. */
static void fill_from_unplaced(heur *x, size_t s, const size_t *order, size_t n)
{
    long long tries = REPAIR_TRIES;
    for (size_t t = 0; t < n && als__slot_deficit(&x->h.slot[s]) > 0 &&
                       tries-- > 0 && spend(x);
         t++) {
        if (x->h.uslot[order[t]] != ALS__NOIDX)
            continue;
        int day = can_join(x, order[t], s);
        if (day != -2 && !place(x, s, order[t], day))
            break;
    }
}

/* Move units into slot s from slots that stay at or above their minimum. */
static void fill_from_others(heur *x, size_t s)
{
    bool movers = !x->h.prev || may_move_into(x, s);
    long long tries = REPAIR_TRIES;
    size_t start = rotating_start(x, s);
    for (size_t c = 0;
         c < x->h.nslots && als__slot_deficit(&x->h.slot[s]) > 0 &&
         tries-- > 0 && spend(x);
         c++) {
        size_t t = (start + c) % x->h.nslots;
        if (t == s || x->h.slot[t].size == 0)
            continue;
        als__slot *src = &x->h.slot[t];
        for (size_t k = 0; k < src->nunits;) {
            size_t v = src->units[k];
            const als__unit *vn = &x->p->units[v];
            if (vn->pin >= 0 || src->size - (long long)vn->size < src->min ||
                (!movers && continues(x, v))) {
                k++;
                continue;
            }
            int old_day = src->day;
            unplace(x, v);
            int day = can_join(x, v, s);
            if (day == -2 || als__slot_deficit(&x->h.slot[s]) == 0) {
                place(x, t, v, old_day);
                k++;
                continue;
            }
            if (!place(x, s, v, day))
                return;
            if (als__slot_deficit(&x->h.slot[s]) == 0)
                return;
        }
    }
}

/*
 * Fill slot s by ejection: an unplaced unit w that cannot join s takes the
 * seat of a unit v in another slot t, and v moves to s. Each success places
 * one more unit. With `log`, each exchange is logged as w and then v, each
 * with t and its day (at most twice the deficit of s).
 */
/* Could unplaced w take the seat of v in slot t, and v join slot s, as
   far as s's day and the organisations go? A cheap test before the state
   is changed (a cohort mostly of one organisation made every candidate
   an undone move: 10 s of a 1 s limit at 100,000 applicants). */
static bool ejection_may(const heur *x, size_t w, size_t v, size_t t, size_t s)
{
    const als_problem *p = x->p;
    const als__unit *wn = &p->units[w], *vn = &p->units[v];
    const als__slot *ss = &x->h.slot[s], *ts = &x->h.slot[t];
    if (p->days.n && ss->size > 0 && ss->day >= 0 &&
        !((vn->avail >> ss->day) & 1))
        return false;
    if (p->org_mode != ALS_ORG_DISTINCT)
        return true;
    for (size_t k = 0; k < vn->org_count; k++)
        if (als__counts_get(&ss->st.orgs, p->unit_orgs[vn->org_first + k]) > 0)
            return false;
    for (size_t k = 0; k < wn->org_count; k++) {
        int o = p->unit_orgs[wn->org_first + k];
        bool own = false; /* v's, which leaves t */
        for (size_t q = 0; q < vn->org_count && !own; q++)
            own = p->unit_orgs[vn->org_first + q] == o;
        if (als__counts_get(&ts->st.orgs, o) > (own ? 1 : 0))
            return false;
    }
    return true;
}

static void fill_by_ejection(heur *x, size_t s, const size_t *order, size_t n,
                             struct moved *log, size_t *nlog)
{
    bool movers = !x->h.prev || may_move_into(x, s);
    /* at most REPAIR_TRIES sets visited in all, from a rotating start */
    long long tries = REPAIR_TRIES;
    size_t start = rotating_start(x, s);
    for (size_t q = 0; q < n && als__slot_deficit(&x->h.slot[s]) > 0 &&
                       !x->nomem && tries > 0 && x->repair_left > 0;
         q++) {
        size_t w = order[q];
        const als__unit *wn = &x->p->units[w];
        if (wn->pin >= 0 || x->h.uslot[w] != ALS__NOIDX)
            continue;
        bool done = false;
        for (size_t c = 0; c < x->h.nslots && !done && tries > 0 && spend(x);
             c++) {
            size_t t = (start + c) % x->h.nslots;
            tries--;
            als__slot *sl = &x->h.slot[t];
            if (t == s || sl->size == 0 ||
                (x->p->days.n && !((wn->avail >> sl->day) & 1)))
                continue;
            for (size_t k = 0; k < sl->nunits && !done; k++) {
                size_t v = sl->units[k];
                const als__unit *vn = &x->p->units[v];
                if (vn->pin >= 0 || vn->size != wn->size ||
                    (!movers && continues(x, v)) ||
                    !ejection_may(x, w, v, t, s))
                    continue;
                int tday = sl->day;
                unplace(x, v);
                int sday = can_join(x, v, s);
                int wday = sday == -2 ? -2 : can_join(x, w, t);
                if (sday != -2 && wday != -2 && place(x, t, w, tday)) {
                    if (place(x, s, v, sday)) {
                        if (log) { /* w went to t, v came from there */
                            log[(*nlog)++] = (struct moved){w, t, tday};
                            log[(*nlog)++] = (struct moved){v, t, tday};
                        }
                        done = true;
                        break;
                    }
                    unplace(x, w);
                }
                place(x, t, v, tday);
            }
        }
    }
}

/*
 * Try to open new sets from unplaced units (e.g. after a set dissolved):
 * for each empty slot, a set is grown greedily from a seed unit, trying up
 * to 32 seeds in priority order before giving up on the slot.
 */
static void form_new_sets(heur *x)
{
    int ejections = 0; /* attempts by ejection: at most 8 a call */
    size_t n = 0;
    size_t *order = NULL; /* the unplaced, best first (once: some are
                             placed as sets form, and skipped) */
    size_t head = 0;      /* order[head] is the first not placed */
    for (size_t s = 0; s < x->nslots_avail && x->h.nunpl > 0 && !x->nomem;
         s++) {
        if (x->h.slot[s].size > 0)
            continue;
        if (x->p->nsets == 0 && x->p->max_sets != ALS_NONE &&
            (long long)x->h.open >= x->p->max_sets)
            break;
        if (!order && !(order = ordered_units(x, &n))) {
            x->nomem = true;
            return;
        }
        bool formed = false;
        while (head < n && x->h.uslot[order[head]] != ALS__NOIDX)
            head++; /* placed since */
        int tried = 0;
        for (size_t seed = head; seed < n && tried < 32 && !formed && spend(x);
             seed++) {
            if (x->h.uslot[order[seed]] != ALS__NOIDX)
                continue; /* placed since */
            tried++;
            int day = can_join(x, order[seed], s);
            if (day == -2 || !place(x, s, order[seed], day))
                continue;
            for (size_t t = 0; t < n && spend(x); t++) {
                if (t == seed || x->h.uslot[order[t]] != ALS__NOIDX)
                    continue;
                if (x->h.slot[s].size >= x->h.slot[s].max)
                    break;
                int d = can_join(x, order[t], s);
                if (d != -2 && !place(x, s, order[t], d))
                    break;
            }
            /* short: units left out that cannot meet on its day take
               the seats of members who can, and these join it; undone
               unless the set opens */
            size_t nlog = 0;
            moved *log = NULL;
            long long short_by = als__slot_deficit(&x->h.slot[s]);
            if (short_by > 0 && !x->nomem && ejections < 8) {
                ejections++;
                log = als__malloc(2 * (size_t)short_by, sizeof *log);
                if (!log) {
                    x->nomem = true;
                    break;
                }
                fill_by_ejection(x, s, order, n, log, &nlog);
            }
            formed = als__slot_deficit(&x->h.slot[s]) == 0;
            if (!formed) {
                while (x->h.slot[s].nunits)
                    unplace(x, x->h.slot[s].units[0]);
                for (size_t k = nlog; k >= 2 && !x->nomem; k -= 2) {
                    unplace(x, log[k - 2].u);
                    place(x, log[k - 1].from, log[k - 1].u, log[k - 1].day);
                }
            }
            free(log);
        }
        if (!formed && x->p->nsets == 0 &&
            (x->p->days.n == 0 || x->h.slot[s].day_lock >= 0 || !x->h.prev))
            break; /* another empty slot would fare the same */
    }
    free(order);
}

/* Put unplaced units into open sets with room, best priority first. */
static void insert_unplaced(heur *x)
{
    size_t n;
    size_t *order = ordered_units(x, &n);
    if (!order) {
        x->nomem = true;
        return;
    }
    for (size_t t = 0; t < n && !x->nomem; t++) {
        size_t u = order[t], best = ALS__NOIDX;
        int best_day = -1;
        double best_cost = HUGE_VAL;
        for (size_t s = 0; s < x->h.nslots && spend(x); s++) {
            if (x->h.slot[s].size == 0)
                continue;
            int day = can_join(x, u, s);
            if (day == -2)
                continue;
            double c = insert_cost(x, u, s, day);
            if (c < best_cost) {
                best_cost = c;
                best = s;
                best_day = day;
            }
        }
        if (best != ALS__NOIDX)
            place(x, best, u, best_day);
    }
    free(order);
}

static void repair(heur *x)
{
    size_t n = 0;
    size_t *order = NULL; /* the unplaced, best first */
    int fresh = 64;       /* times it is made again after a set dissolves */
    x->repair_left = REPAIR_PER_UNIT * (long long)x->p->nunits + 1000000;
    for (size_t s = 0; s < x->h.nslots && !x->nomem; s++) {
        if (als__slot_deficit(&x->h.slot[s]) == 0)
            continue;
        if (!order && !(order = ordered_units(x, &n))) {
            x->nomem = true;
            return;
        }
        fill_from_unplaced(x, s, order, n);
        if (als__slot_deficit(&x->h.slot[s]) > 0)
            fill_from_others(x, s);
        if (als__slot_deficit(&x->h.slot[s]) > 0)
            fill_by_ejection(x, s, order, n, NULL, NULL);
        if (als__slot_deficit(&x->h.slot[s]) > 0 && !slot_has_pin(x, s)) {
            while (x->h.slot[s].nunits)
                unplace(x, x->h.slot[s].units[0]);
            if (fresh-- > 0) { /* its units may fill the next ones */
                free(order);
                order = NULL;
            }
        }
    }
    free(order);
    if (!x->nomem)
        form_new_sets(x);
    if (!x->nomem)
        insert_unplaced(x);
}

/* ---- simulated annealing -------------------------------------------- */

typedef als__tiers snap;

static snap take(const heur *x)
{
    return als__state_tiers(&x->h);
}

/* The current placement against o on the tiers above the penalty: 1
   better, -1 worse, 0 equal. */
static int tiers(const heur *x, const snap *o)
{
    snap now = take(x);
    return -als__tiers_cmp(&now, o);
}

/*
 * Take a step that changes the penalty by d and the guide by g (state.h),
 * at temperature temp? While the search is guided, by the two together:
 * a step that makes sets less mixed may cost a little elsewhere; when it
 * is not (its last polish), by the penalty alone.
 */
static bool accept_cost(heur *x, double d, double g, double temp)
{
    double c = x->unguided ? d : d + g;
    if (c <= 1e-9)
        return true;
    if (temp <= 0 || c > 30 * temp) /* e^-30: never, without exp() */
        return false;
    return als__rng_unit(&x->rng) < exp(-c / temp);
}

static bool accept(heur *x, const snap *o, double temp)
{
    int t = tiers(x, o);
    /* A re-run may move one or two more applicants for a while, when
       nothing else changes, to reach allocations with fewer moves that no
       single step leads to; the best allocation is kept by tiers. Not to
       place more: a continuing member moved to make a new set viable could
       not step back without leaving it short. */
    if (t < 0 && x->h.moves > o->moves && x->move_temp > 0 &&
        x->h.deficit == o->deficit && x->h.cont == o->cont &&
        x->h.placed == o->placed && x->h.priority == o->priority &&
        x->h.sizedev == o->sizedev)
        return als__rng_unit(&x->rng) <
               exp(-(double)(x->h.moves - o->moves) / x->move_temp);
    if (t != 0)
        return t > 0;
    return accept_cost(x, x->h.penalty - o->penalty, x->h.guide - o->guide,
                       temp);
}

/* A slot's deficit, were its size `size`. */
static long long deficit_after(const als__slot *sl, long long size)
{
    return (size > 0 || sl->required) && size < sl->min ? sl->min - size : 0;
}

/* A slot's size deviation from its target, minus the one it has, were its
   size `size`. */
static long long sizedev_delta(const als__slot *sl, long long size)
{
    return als__slot_sizedev(sl, size) - als__slot_sizedev(sl, sl->size);
}

/* accept() for a move priced without making it, which changes the
   deficit by dd, the size deviation by dz, the penalty by d and the guide
   by g, and no other tier. */
static bool accept_delta(heur *x, long long dd, long long dz, double d,
                         double g, double temp)
{
    if (dd != 0)
        return dd < 0;
    if (dz != 0)
        return dz < 0;
    return accept_cost(x, d, g, temp);
}

/* A random placed, movable unit, or NOIDX. */
static size_t random_placed(heur *x)
{
    const als_problem *p = x->p;
    for (int tries = 0; tries < 8; tries++) {
        size_t u = (size_t)als__rng_below(&x->rng, p->nunits);
        if (x->h.uslot[u] != ALS__NOIDX && p->units[u].pin < 0)
            return u;
    }
    return ALS__NOIDX;
}

/*
 * Sets above their floor: mixed levels (a guide above 0), or more
 * same-sector pairs than an even split of their size makes. Most sets of a
 * good allocation are at their floor, and a step taken at random mostly
 * lands among them; half of the moves and swaps start from a set above
 * it instead (where the search must change something), the other half at
 * random. Kept when the penalty counts sectors or levels; refreshed every
 * so many iterations (anneal_round), so the list may be a little stale.
 */
static void find_bad(heur *x)
{
    const als_problem *p = x->p;
    x->nbad = 0;
    bool sectors = p->sector_mode == ALS_SECTOR_BALANCE && p->sector_weight > 0;
    for (size_t s = 0; s < x->nslots_avail; s++) {
        const als__slot *sl = &x->h.slot[s];
        if (sl->size == 0)
            continue;
        if (sl->guide > 0 ||
            (sectors &&
             sl->st.sector_pairs >
                 als__even_split_pairs(sl->size, (long long)p->sectors.n)))
            x->bad[x->nbad++] = s;
    }
}

/* A slot to start from: half the time one above its floor. */
static size_t pick_slot(heur *x)
{
    if (x->nbad && als__rng_below(&x->rng, 2))
        return x->bad[als__rng_below(&x->rng, x->nbad)];
    return (size_t)als__rng_below(&x->rng, x->nslots_avail);
}

/* A placed, movable unit, half the time from a set above its floor; or
   NOIDX. */
static size_t pick_unit(heur *x)
{
    if (x->nbad && als__rng_below(&x->rng, 2)) {
        const als__slot *sl =
            &x->h.slot[x->bad[als__rng_below(&x->rng, x->nbad)]];
        if (sl->nunits == 0)
            return ALS__NOIDX;
        size_t u = sl->units[als__rng_below(&x->rng, sl->nunits)];
        return x->p->units[u].pin < 0 ? u : ALS__NOIDX;
    }
    return random_placed(x);
}

/* Move a unit to another slot. Returns the penalty change when it was a
   legal move (applied or not, per `keep`), NAN when illegal. */
static double try_move(heur *x, double temp, bool keep_if_accepted)
{
    size_t u = pick_unit(x);
    if (u == ALS__NOIDX)
        return NAN;
    size_t s = x->h.uslot[u];
    size_t t = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    if (t == s)
        return NAN;
    const als__unit *un = &x->p->units[u];
    const als__slot *src = &x->h.slot[s], *dst = &x->h.slot[t];
    /* cheap pre-checks: no new deficit */
    long long left = src->size - (long long)un->size;
    if ((left > 0 || src->required) && left < src->min)
        return NAN;
    if (dst->size == 0 && (long long)un->size < dst->min)
        return NAN;
    if (dst->size == 0 && x->p->nsets == 0 && x->p->max_sets != ALS_NONE &&
        (long long)x->h.open >= x->p->max_sets && left > 0)
        return NAN;
    int day = can_join(x, u, t);
    if (day == -2)
        return NAN;
    if (!x->h.prev) {
        /* priced without moving; made only when accepted */
        double g;
        double d = als__state_peek_move(&x->h, u, t, &g);
        long long dd = deficit_after(src, left) - als__slot_deficit(src) +
                       deficit_after(dst, dst->size + (long long)un->size) -
                       als__slot_deficit(dst);
        long long dz = sizedev_delta(src, left) +
                       sizedev_delta(dst, dst->size + (long long)un->size);
        if (isnan(d) || !keep_if_accepted ||
            !accept_delta(x, dd, dz, d, g, temp))
            return d;
        unplace(x, u);
        place(x, t, u, day);
        return d;
    }
    snap o = take(x);
    int old_day = src->day;
    unplace(x, u);
    if (!place(x, t, u, day)) {
        place(x, s, u, old_day);
        return NAN;
    }
    double d = x->h.penalty - o.penalty;
    if (keep_if_accepted && accept(x, &o, temp))
        return d;
    unplace(x, u);
    place(x, s, u, old_day);
    return d;
}

/* Swap two units of different slots. */
static double try_swap(heur *x, double temp, bool keep_if_accepted)
{
    size_t u = pick_unit(x);
    if (u == ALS__NOIDX)
        return NAN;
    size_t t = pick_slot(x);
    size_t s = x->h.uslot[u];
    const als__slot *dst = &x->h.slot[t];
    if (t == s || dst->nunits == 0)
        return NAN;
    size_t v = dst->units[als__rng_below(&x->rng, dst->nunits)];
    const als__unit *un = &x->p->units[u], *vn = &x->p->units[v];
    if (vn->pin >= 0)
        return NAN;
    const als__slot *src = &x->h.slot[s];
    long long ss = src->size - (long long)un->size + (long long)vn->size;
    long long ts = dst->size - (long long)vn->size + (long long)un->size;
    if (ss < src->min || ss > src->max || ts < dst->min || ts > dst->max)
        return NAN;
    /* day pre-check: each joins the other's day */
    if (x->p->days.n &&
        (!((un->avail >> dst->day) & 1) || !((vn->avail >> src->day) & 1)))
        return NAN;
    int sday = src->day, tday = dst->day;
    if (!x->h.prev) {
        double g;
        double d = als__state_peek_swap(&x->h, u, v, &g);
        long long dd = deficit_after(src, ss) - als__slot_deficit(src) +
                       deficit_after(dst, ts) - als__slot_deficit(dst);
        long long dz = sizedev_delta(src, ss) + sizedev_delta(dst, ts);
        if (isnan(d) || !keep_if_accepted ||
            !accept_delta(x, dd, dz, d, g, temp))
            return d;
        unplace(x, u);
        unplace(x, v);
        if (place(x, s, v, sday))
            place(x, t, u, tday);
        return d;
    }
    snap o = take(x);
    unplace(x, u);
    unplace(x, v);
    bool ok = als__state_fits(&x->h, u, t) && als__state_fits(&x->h, v, s);
    if (ok) {
        if (!place(x, s, v, sday)) {
            ok = false;
        } else if (!place(x, t, u, tday)) {
            unplace(x, v);
            ok = false;
        }
    }
    if (!ok) {
        place(x, s, u, sday);
        place(x, t, v, tday);
        return NAN;
    }
    double d = x->h.penalty - o.penalty;
    if (keep_if_accepted && accept(x, &o, temp))
        return d;
    unplace(x, u);
    unplace(x, v);
    place(x, s, u, sday);
    place(x, t, v, tday);
    return d;
}

/* An unplaced unit joins a set, alone or in exchange for a member. */
static void try_insert(heur *x, double temp)
{
    if (x->h.nunpl == 0)
        return;
    size_t u = x->h.unpl[als__rng_below(&x->rng, x->h.nunpl)];
    size_t t = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    const als__slot *dst = &x->h.slot[t];
    if (dst->size == 0)
        return;
    int day = can_join(x, u, t);
    if (day != -2) {
        place(x, t, u, day);
        return;
    }
    size_t v = dst->units[als__rng_below(&x->rng, dst->nunits)];
    const als__unit *un = &x->p->units[u], *vn = &x->p->units[v];
    if (vn->pin >= 0)
        return;
    long long ts = dst->size - (long long)vn->size + (long long)un->size;
    if (ts < dst->min || ts > dst->max)
        return;
    snap o = take(x);
    int tday = dst->day;
    unplace(x, v);
    if (x->h.slot[t].size > 0 && can_join(x, u, t) == tday &&
        place(x, t, u, tday)) {
        if (accept(x, &o, temp))
            return;
        unplace(x, u);
    }
    place(x, t, v, tday);
}

/*
 * Eject and refill: take a unit out of a set, try to seat it elsewhere, and
 * fill the set from the unplaced units. This is how a set trades one unit
 * for two (more placed), or a unit for one of higher priority.
 */
static void try_refill(heur *x, double temp)
{
    if (x->h.nunpl == 0 || x->nslots_avail == 0)
        return;
    size_t t = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    als__slot *sl = &x->h.slot[t];
    if (sl->nunits == 0)
        return;
    /* eject one unit, or two (a unit of two needs two seats) */
    size_t out[2], home[2];
    int nout = sl->nunits > 1 && als__rng_below(&x->rng, 2) ? 2 : 1;
    out[0] = sl->units[als__rng_below(&x->rng, sl->nunits)];
    if (nout == 2) {
        do
            out[1] = sl->units[als__rng_below(&x->rng, sl->nunits)];
        while (out[1] == out[0]);
    }
    for (int k = 0; k < nout; k++)
        if (x->p->units[out[k]].pin >= 0)
            return;
    snap o = take(x);
    int tday = sl->day;
    for (int k = 0; k < nout; k++)
        unplace(x, out[k]);
    /* seat the ejected elsewhere: directly, or in place of a unit of the
       same size there, which is then left out (a chain of three) */
    size_t displaced[2] = {ALS__NOIDX, ALS__NOIDX};
    for (int k = 0; k < nout; k++) {
        home[k] = ALS__NOIDX;
        for (int tries = 0; tries < 4 && home[k] == ALS__NOIDX; tries++) {
            size_t t2 = (size_t)als__rng_below(&x->rng, x->nslots_avail);
            if (t2 == t || x->h.slot[t2].size == 0)
                continue;
            int d = can_join(x, out[k], t2);
            if (d != -2 && place(x, t2, out[k], d)) {
                home[k] = t2;
                break;
            }
            als__slot *s2 = &x->h.slot[t2];
            size_t z = s2->units[als__rng_below(&x->rng, s2->nunits)];
            if (x->p->units[z].pin >= 0 ||
                x->p->units[z].size != x->p->units[out[k]].size)
                continue;
            int zday = s2->day;
            unplace(x, z);
            if (x->h.slot[t2].size > 0 && can_join(x, out[k], t2) != -2 &&
                place(x, t2, out[k], zday)) {
                home[k] = t2;
                displaced[k] = z;
            } else {
                place(x, t2, z, zday);
            }
        }
    }
    /* the set may move to another day its remaining members can make, to
       suit an unplaced unit that cannot make its day */
    int newday = tday;
    if (x->p->days.n > 1 && sl->size > 0 && sl->day_lock < 0 && x->h.nunpl) {
        size_t w = x->h.unpl[als__rng_below(&x->rng, x->h.nunpl)];
        uint64_t mask = x->p->units[w].avail;
        for (size_t k = 0; k < sl->nunits; k++)
            mask &= x->p->units[sl->units[k]].avail;
        if (!((mask >> tday) & 1) && mask) {
            for (int d = 0; d < 64; d++)
                if ((mask >> d) & 1) {
                    newday = d;
                    break;
                }
            if (als__fac_move_day(&x->h, t, newday)) {
                x->day_open[tday]--;
                x->day_open[newday]++;
            } else
                newday = tday; /* no facilitator free that day */
        }
    }
    size_t added[8];
    int nadded = 0;
    for (int k = 0; k < 8 && x->h.nunpl > 0; k++) {
        size_t w = x->h.unpl[als__rng_below(&x->rng, x->h.nunpl)];
        if (w == out[0] || (nout == 2 && w == out[1]))
            continue;
        int d = can_join(x, w, t);
        if (x->h.slot[t].size > 0 && d != -2)
            d = x->h.slot[t].day;
        if (d != -2 && place(x, t, w, d))
            added[nadded++] = w;
    }
    if (accept(x, &o, temp))
        return;
    while (nadded > 0)
        unplace(x, added[--nadded]);
    if (newday != tday && sl->size > 0) {
        x->day_open[newday]--;
        als__fac_move_day(&x->h, t, tday);
        x->day_open[tday]++;
    }
    for (int k = nout; k-- > 0;) {
        if (home[k] != ALS__NOIDX) {
            int d = x->h.slot[home[k]].day;
            unplace(x, out[k]);
            if (displaced[k] != ALS__NOIDX)
                place(x, home[k], displaced[k], d);
        }
        place(x, t, out[k], tday);
    }
}

static void undo(heur *x, moved *m, int n)
{
    while (n-- > 0) {
        if (x->h.uslot[m[n].u] != ALS__NOIDX)
            unplace(x, m[n].u);
        place(x, m[n].from, m[n].u, m[n].day);
    }
}

/*
 * Exchange a unit of two or three for units of the same total size in
 * another set (a council pair for two singles; a trio for a pair and a
 * single): the move plain swaps cannot make when sets are of exact
 * size. Both sets keep their sizes and days. Made, then priced by the
 * tiers and the penalty, and undone unless accepted.
 */
static void try_exchange(heur *x, double temp)
{
    const als_problem *p = x->p;
    size_t u = x->big[als__rng_below(&x->rng, x->nbig)];
    size_t s = x->h.uslot[u];
    size_t t = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    if (s == ALS__NOIDX || t == s)
        return;
    const als__slot *src = &x->h.slot[s], *dst = &x->h.slot[t];
    if (src->nunits < 2 || dst->nunits < 2 ||
        (p->days.n && !((p->units[u].avail >> dst->day) & 1)))
        return;
    /* units of t, from a random start, smaller than u and free to meet on
       s's day, until their sizes add up to u's */
    size_t v[3];
    int nv = 0;
    long long need = (long long)p->units[u].size;
    size_t start = (size_t)als__rng_below(&x->rng, dst->nunits);
    for (size_t k = 0; k < dst->nunits && need > 0 && nv < 3; k++) {
        size_t w = dst->units[(start + k) % dst->nunits];
        const als__unit *wn = &p->units[w];
        if (wn->pin >= 0 || wn->size >= p->units[u].size ||
            (long long)wn->size > need ||
            (p->days.n && !((wn->avail >> src->day) & 1)))
            continue;
        v[nv++] = w;
        need -= (long long)wn->size;
    }
    if (need != 0 || (size_t)nv >= dst->nunits)
        return;
    snap o = take(x);
    int sday = src->day, tday = dst->day;
    unplace(x, u);
    for (int k = 0; k < nv; k++)
        unplace(x, v[k]);
    int in = 0; /* of v, placed in s */
    bool ok = true;
    for (; in < nv && ok; in++)
        ok = als__state_fits(&x->h, v[in], s) && place(x, s, v[in], sday);
    if (!ok)
        in--;
    ok = ok && als__state_fits(&x->h, u, t) && place(x, t, u, tday);
    if (ok && accept(x, &o, temp))
        return;
    if (x->h.uslot[u] != ALS__NOIDX)
        unplace(x, u);
    for (int k = 0; k < in; k++)
        unplace(x, v[k]);
    for (int k = 0; k < nv; k++)
        place(x, t, v[k], tday);
    place(x, s, u, sday);
}

/* Close a set: seat every unit of it in other sets, or change nothing. In
   a re-run, a continuing unit tries its previous set first, and a new one
   may go back to waiting (fewer moves outrank more placed). */
static bool close_slot(heur *x, size_t s, double temp)
{
    als__slot *sl = &x->h.slot[s];
    if (sl->nunits == 0 || sl->nunits > 16 || sl->required)
        return false;
    for (size_t k = 0; k < sl->nunits; k++)
        if (x->p->units[sl->units[k]].pin >= 0)
            return false;
    snap o = take(x);
    moved m[16];
    int n = 0;
    int day = sl->day;
    while (sl->nunits > 0) {
        size_t u = sl->units[sl->nunits - 1];
        size_t home = ALS__NOIDX;
        int d = -2;
        size_t back = x->h.prev
                          ? x->h.prev[x->p->unit_members[x->p->units[u].first]]
                          : ALS__NOIDX;
        /* with a target size, a set it would bring nearer its target */
        size_t short_of = ALS__NOIDX;
        if (x->p->size_target != ALS_NONE && x->nslots_avail > 0) {
            size_t start = (size_t)als__rng_below(&x->rng, x->nslots_avail);
            for (size_t c = 0; c < 64 && c < x->nslots_avail; c++) {
                size_t t = (start + c) % x->nslots_avail;
                const als__slot *ts = &x->h.slot[t];
                if (t != s && ts->size > 0 && ts->target != ALS_NONE &&
                    ts->size + (long long)x->p->units[u].size <= ts->target) {
                    short_of = t;
                    break;
                }
            }
        }
        for (int tries = 0; tries < 10 && home == ALS__NOIDX; tries++) {
            size_t t = tries == 0 ? back
                       : tries == 1
                           ? short_of
                           : (size_t)als__rng_below(&x->rng, x->nslots_avail);
            if (t >= x->nslots_avail || t == s || x->h.slot[t].size == 0)
                continue;
            unplace(x, u);
            d = can_join(x, u, t);
            if (d != -2 && place(x, t, u, d)) {
                home = t;
            } else {
                place(x, s, u, day);
            }
        }
        if (home == ALS__NOIDX && x->h.prev && !continues(x, u)) {
            unplace(x, u);
            home = s;
        }
        if (home == ALS__NOIDX) {
            undo(x, m, n);
            return false;
        }
        m[n++] = (moved){u, s, day};
    }
    if (accept(x, &o, temp))
        return true;
    undo(x, m, n);
    return false;
}

static void try_close(heur *x, double temp)
{
    close_slot(x, (size_t)als__rng_below(&x->rng, x->nslots_avail), temp);
}

/* Re-runs, at the end: close each set that holds a continuing unit away
   from its previous set, when sending it back and the newcomers back to
   waiting is better by the tiers (fewer moves), until none is. */
static void send_home(heur *x)
{
    const als_problem *p = x->p;
    for (int pass = 0; pass < 8 && !x->nomem; pass++) {
        bool changed = false;
        for (size_t s = 0; s < x->nslots_avail && !x->nomem; s++) {
            const als__slot *sl = &x->h.slot[s];
            bool away = false;
            for (size_t k = 0; k < sl->nunits && !away; k++) {
                size_t i = p->unit_members[p->units[sl->units[k]].first];
                away = x->h.prev[i] != ALS__NOIDX && x->h.prev[i] != s;
            }
            if (away && close_slot(x, s, 0))
                changed = true;
        }
        if (!changed)
            return;
    }
}

/* Open a set: gather unplaced units, then units from sets that stay at or
   above their minimum, into an empty slot, until it reaches its own
   minimum. */
static void try_open(heur *x, double temp)
{
    size_t e = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    als__slot *sl = &x->h.slot[e];
    if (sl->size > 0 || sl->min > 16)
        return;
    if (x->p->nsets == 0 && x->p->max_sets != ALS_NONE &&
        (long long)x->h.open >= x->p->max_sets)
        return;
    snap o = take(x);
    moved m[16];
    int n = 0;
    size_t fresh[16];
    int nfresh = 0;
    for (int tries = 0; tries < 16 && x->h.nunpl > 0 && sl->size < sl->max;
         tries++) {
        size_t u = x->h.unpl[als__rng_below(&x->rng, x->h.nunpl)];
        int d = can_join(x, u, e);
        if (d != -2 && place(x, e, u, d))
            fresh[nfresh++] = u;
    }
    for (int tries = 0; tries < 8 * sl->min && sl->size < sl->min && n < 16;
         tries++) {
        size_t u = random_placed(x);
        if (u == ALS__NOIDX)
            break;
        size_t from = x->h.uslot[u];
        const als__slot *src = &x->h.slot[from];
        if (from == e || src->size - (long long)x->p->units[u].size < src->min)
            continue;
        int day = src->day;
        unplace(x, u);
        int d = can_join(x, u, e);
        if (d != -2 && place(x, e, u, d))
            m[n++] = (moved){u, from, day};
        else
            place(x, from, u, day);
    }
    if (sl->size < sl->min || !accept(x, &o, temp)) {
        undo(x, m, n);
        while (nfresh > 0)
            unplace(x, fresh[--nfresh]);
    }
}

/* Change the day of an open set whose members can all make another. */
static void try_day(heur *x)
{
    if (x->p->days.n < 2)
        return;
    size_t s = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    als__slot *sl = &x->h.slot[s];
    if (sl->size == 0 || sl->day_lock >= 0)
        return;
    uint64_t mask = ~(uint64_t)0;
    for (size_t k = 0; k < sl->nunits; k++)
        mask &= x->p->units[sl->units[k]].avail;
    mask &= ~((uint64_t)1 << sl->day);
    if (!mask)
        return;
    int n = popcount64(mask);
    int pick = (int)als__rng_below(&x->rng, (uint64_t)n);
    for (int d = 0; d < 64; d++)
        if ((mask >> d) & 1 && pick-- == 0) {
            int old = sl->day;
            if (!als__fac_move_day(&x->h, s, d))
                return; /* no facilitator free that day */
            x->day_open[old]--;
            x->day_open[d]++;
            return;
        }
}

/*
 * Exchange the whole membership of two slots (one may be empty), each
 * taking the other's day or its own locked day. Penalty-neutral when the
 * days allow it, it changes which fixed set a group sits in (of other
 * sizes or target), or in a re-run which previous set: a set re-formed
 * under another slot than its previous one becomes that set again, which
 * no single unit's move can do.
 */
static void try_relabel(heur *x, double temp)
{
    size_t a = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    size_t b = (size_t)als__rng_below(&x->rng, x->nslots_avail);
    als__slot *sa = &x->h.slot[a], *sb = &x->h.slot[b];
    if (a == b || sa->size == 0 || slot_has_pin(x, a) || slot_has_pin(x, b))
        return;
    /* into an empty slot, members who cannot come along are left out */
    bool shed = sb->size == 0;
    if ((!shed && sa->size < sb->min) || sa->size > sb->max ||
        (sb->size > 0 && (sb->size < sa->min || sb->size > sa->max)))
        return;
    /* each group's days, and the day each slot then meets on */
    uint64_t ma = ~(uint64_t)0, mb = ~(uint64_t)0;
    for (size_t k = 0; k < sa->nunits; k++)
        ma &= x->p->units[sa->units[k]].avail;
    for (size_t k = 0; k < sb->nunits; k++)
        mb &= x->p->units[sb->units[k]].avail;
    int da = sa->day, db = sb->day; /* current days, to undo */
    int new_b = -1, new_a = -1;     /* days after the exchange */
    if (x->p->days.n) {
        new_b = sb->day_lock >= 0 ? sb->day_lock : da;
        new_a = sa->day_lock >= 0 ? sa->day_lock : db >= 0 ? db : da;
        if ((!shed && !((ma >> new_b) & 1)) ||
            (sb->size > 0 && (new_a < 0 || !((mb >> new_a) & 1))))
            return;
    }
    size_t na = sa->nunits, nb = sb->nunits;
    size_t *ua = als__malloc(na + nb ? na + nb : 1, sizeof *ua);
    if (!ua) {
        x->nomem = true;
        return;
    }
    memcpy(ua, sa->units, na * sizeof *ua);
    if (nb > 0) /* an empty slot may have no array at all */
        memcpy(ua + na, sb->units, nb * sizeof *ua);
    snap o = take(x);
    for (size_t k = 0; k < na + nb; k++)
        unplace(x, ua[k]);
    bool ok = true;
    for (size_t k = 0; k < na && ok; k++) {
        const als__unit *un = &x->p->units[ua[k]];
        bool fits = als__state_fits(&x->h, ua[k], b) &&
                    (!x->p->days.n || ((un->avail >> new_b) & 1));
        if (fits)
            ok = place(x, b, ua[k], new_b);
        else
            ok = shed;
    }
    if (ok && shed && x->h.slot[b].size < sb->min)
        ok = false;
    for (size_t k = na; k < na + nb && ok; k++)
        ok = als__state_fits(&x->h, ua[k], a) && place(x, a, ua[k], new_a);
    if (ok && accept(x, &o, temp)) {
        free(ua);
        return;
    }
    for (size_t k = 0; k < na + nb; k++)
        if (x->h.uslot[ua[k]] != ALS__NOIDX)
            unplace(x, ua[k]);
    for (size_t k = 0; k < na; k++)
        place(x, a, ua[k], da);
    for (size_t k = na; k < na + nb; k++)
        place(x, b, ua[k], db);
    free(ua);
}

/*
 * Re-runs: a continuing unit placed away from its previous set goes back,
 * making room by sending a member of that set to the unplaced (who may
 * then be placed again elsewhere). Fewer moves outrank more placed, and no
 * single move or swap trades the one for the other.
 */
static void try_home(heur *x, double temp)
{
    const als_problem *p = x->p;
    size_t u = random_placed(x);
    if (u == ALS__NOIDX)
        return;
    size_t home = x->h.prev[p->unit_members[p->units[u].first]];
    size_t s = x->h.uslot[u];
    if (home >= x->nslots_avail || home == s)
        return;
    als__slot *dst = &x->h.slot[home];
    if (dst->size == 0 || dst->nunits == 0)
        return;
    size_t v = dst->units[als__rng_below(&x->rng, dst->nunits)];
    if (p->units[v].pin >= 0)
        return;
    snap o = take(x);
    int sday = x->h.slot[s].day, hday = dst->day;
    unplace(x, v);
    unplace(x, u);
    int day = x->h.slot[home].size > 0 ? can_join(x, u, home) : -2;
    if (day != -2 && place(x, home, u, day)) {
        /* v tries u's old place, else stays out */
        int vd = x->h.slot[s].size > 0 ? can_join(x, v, s) : -2;
        if (vd != -2)
            place(x, s, v, vd);
        if (accept(x, &o, temp))
            return;
        if (x->h.uslot[v] != ALS__NOIDX)
            unplace(x, v);
        unplace(x, u);
    }
    place(x, home, v, hday);
    place(x, s, u, sday);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Starting and final temperatures from a sample of worsening moves.
   Returns the moves and swaps tried (none made). */
static int temperatures(heur *x, double *t0, double *t1)
{
    double sample[400];
    size_t n = 0;
    int tries = 0;
    for (; tries < 4000 && n < 400; tries++) {
        double d = (tries & 1) ? try_swap(x, 0, false) : try_move(x, 0, false);
        if (!isnan(d) && d > 1e-9)
            sample[n++] = d;
    }
    if (n == 0) {
        *t0 = *t1 = 0;
        return tries;
    }
    qsort(sample, n, sizeof *sample, cmp_double);
    /* a low start: the construction is already good, and a hot start
       only destroys it (measured on planted cohorts: 0.5 x median ends
       5% above the optimum, 0.03 x median reaches it) */
    *t0 = sample[n / 2] * 0.03;
    *t1 = sample[0] * 0.02;
    if (*t1 > *t0)
        *t1 = *t0 * 0.01;
    return tries;
}

/*
 * How hot to start, from the iterations the search can make per unit: a
 * hot start undoes the construction, and pays only when there are enough
 * iterations left to cool down again. Up to 20,000 per unit (every run at
 * the default effort) the start stays cold, 0.03 x the median worsening
 * move; from 200,000 per unit on (a long time limit with a high effort, as
 * on diversity benchmarks) it is 3 x the median, and between the two it
 * rises geometrically. Returns the factor over the cold start.
 */
static double heat(double per_unit)
{
    if (per_unit <= 2e4)
        return 1;
    if (per_unit >= 2e5)
        return 100;
    return pow(100, log10(per_unit / 2e4));
}

/*
 * Iterations of the annealing: 1e7 (about 1.3 s at 10,000 applicants on the
 * reference machine, where planted optima are reached from 3e6), at least
 * 10 per unit, at most 5000 per unit but never under 2e6 (small cohorts are
 * cheap), times the effort option.
 */
static unsigned long long budget(const heur *x, double effort)
{
    double units = (double)(x->p->nunits ? x->p->nunits : 1);
    double b = 1e7;
    if (b < 10 * units)
        b = 10 * units;
    double cap = 5000 * units > 2e6 ? 5000 * units : 2e6;
    if (b > cap)
        b = cap;
    b *= effort;
    return b < 1000 ? 1000 : (unsigned long long)b;
}

/* The best allocation seen, to return to: each unit's slot, each slot's
   day. */
typedef struct best {
    size_t *uslot;
    int *day;
    size_t *sfac; /* facilitators of each slot (state.h), NULL: none */
    snap figures;
    bool have;
} best;

static bool better(const snap *a, const snap *b)
{
    return als__tiers_better(a, b);
}

static void remember(heur *x, best *b)
{
    memcpy(b->uslot, x->h.uslot, x->p->nunits * sizeof *b->uslot);
    for (size_t s = 0; s < x->h.nslots; s++)
        b->day[s] = x->h.slot[s].day;
    if (b->sfac)
        memcpy(b->sfac, x->h.sfac,
               x->h.nslots * (size_t)x->h.K * sizeof *b->sfac);
    b->figures = take(x);
    b->have = true;
}

/* Go back to the remembered allocation (units out, then in again). */
static void restore(heur *x, const best *b)
{
    for (size_t u = 0; u < x->p->nunits; u++)
        if (x->h.uslot[u] != ALS__NOIDX && x->h.uslot[u] != b->uslot[u])
            unplace(x, u);
    for (size_t u = 0; u < x->p->nunits && !x->nomem; u++)
        if (b->uslot[u] != ALS__NOIDX && x->h.uslot[u] == ALS__NOIDX)
            place(x, b->uslot[u], u, b->day[b->uslot[u]]);
    for (size_t s = 0; s < x->h.nslots; s++) /* days of unchanged slots */
        if (x->h.slot[s].size > 0 && x->h.slot[s].day != b->day[s]) {
            x->day_open[x->h.slot[s].day]--;
            x->h.slot[s].day = b->day[s];
            x->day_open[b->day[s]]++;
        }
    if (b->sfac)
        als__fac_reset(&x->h, b->sfac);
}

/* Do the figures f meet the lower bound, every tier above the penalty at
   its best (all who may be placed are, on target)? Then nothing is
   better. */
/* The bound on the penalty of the state (the best so far), once everyone
   who may be placed is, and again when every set reaches the target size
   (the bound then takes the sets' sizes as forced: bound.c). */
static void refresh_bound(heur *x)
{
    if (x->h.nunpl > 0 || x->h.prev)
        return;
    bool at_target = x->p->size_target != ALS_NONE && x->h.sizedev == 0;
    if (x->bounded && (x->bound_at_target || !at_target))
        return;
    if (als__state_bound(&x->h, &x->bounded, &x->bound) != ALS_OK)
        x->nomem = true;
    x->bound_at_target = at_target;
}

static bool meets(const heur *x, const snap *f, bool bounded, double bound)
{
    return bounded && x->h.nunpl == 0 && als__tiers_meet_bound(f, bound);
}

/* One annealing run of `total` iterations from t0 down to t1. Returns false
   when the run was stopped. */
static bool anneal_round(heur *x, unsigned long long total, double t0,
                         double t1, double hot)
{
    double ratio = t0 > 0 ? t1 / t0 : 1;
    double temp = t0;
    const unsigned long long chunk = 1024;
    for (unsigned long long it = 0; it < total && !x->nomem; it++) {
        if (x->bad && it % x->bad_every == 0)
            find_bad(x);
        if ((it & (chunk - 1)) == 0) {
            double f = (double)it / (double)total;
            temp = t0 * pow(ratio, f);
            if (x->track && it % x->track_every == 0) {
                snap now = take(x);
                if (better(&now, &x->track->figures)) {
                    remember(x, x->track);
                    /* the best meets its bound: nothing is better */
                    if (meets(x, &now, x->bounded, x->bound))
                        break;
                }
            }
            /* re-runs, in the rounds (each kept only when it ends better
               than the best so far): an extra move is taken with
               probability 0.7 when a round starts, less and less, and
               never in its last tenth */
            if (x->h.prev && hot > 1)
                x->move_temp = 0.3 * hot * pow(0.001, f) * (f < 0.9);
            if (als__run_poll(x->run, x->h.placed, x->h.priority,
                              x->h.penalty)) {
                x->stop = true;
                x->move_temp = 0;
                return false;
            }
        }
        x->h.ticks++;
        uint64_t r = als__rng_below(&x->rng, 100);
        if (x->nbig && (r % 8) == 7 && r < 96)
            try_exchange(x, temp);
        else if (r < 48)
            try_move(x, temp, true);
        else if (r < 96)
            try_swap(x, temp, true);
        else if (r < 97)
            try_insert(x, temp);
        else if (r < 98)
            try_refill(x, temp);
        else if (r < 99) {
            /* relabelling pays where slots differ (fixed sets of their
               own sizes or days, previous sets) */
            uint64_t k = x->h.prev     ? als__rng_below(&x->rng, 3)
                         : x->p->nsets ? als__rng_below(&x->rng, 2)
                                       : 0;
            if (k == 1)
                try_relabel(x, temp);
            else if (k == 2)
                try_home(x, temp);
            else
                try_day(x);
        } else if (als__rng_below(&x->rng, 2))
            try_close(x, temp);
        else
            try_open(x, temp);
    }
    x->move_temp = 0;
    return true;
}

/*
 * The search: half the budget polishes the construction from a low
 * temperature (the construction is good, a hot start would only undo it);
 * the other half is spent in rounds that restart from the best allocation
 * so far at ten times that temperature, to leave local optima; the best
 * allocation seen is the result. When the budget (or the time limit, were
 * it shorter) allows enough iterations per unit for a hot start (see
 * heat()), one long run from that temperature takes the whole budget
 * instead, cooling to a hundredth of it.
 */
/*
 * Steepest descent over moves and swaps of single placed units, priced
 * without making them, until none improves the penalty without changing a
 * tier: the end of a hot run, which stops where it is, not at a local
 * optimum. Quadratic in the units per pass, so kept for small cohorts.
 */
static void descend(heur *x)
{
    const als_problem *p = x->p;
    if (p->nunits > 1000 || x->h.prev)
        return;
    for (int pass = 0; pass < 1000 && !x->nomem; pass++) {
        /* the best step by (size deviation, penalty): an improvement of
           either, the deviation first */
        long long best_z = 0;
        double best_d = -1e-9;
        size_t bu = ALS__NOIDX, bv = ALS__NOIDX, bt = ALS__NOIDX;
        for (size_t u = 0; u < p->nunits; u++) {
            size_t s = x->h.uslot[u];
            if (s == ALS__NOIDX || p->units[u].pin >= 0)
                continue;
            const als__slot *src = &x->h.slot[s];
            long long left = src->size - (long long)p->units[u].size;
            for (size_t t = 0; t < x->nslots_avail; t++) {
                const als__slot *dst = &x->h.slot[t];
                if (t == s || dst->size == 0)
                    continue;
                /* a move, when both sizes stay within bounds */
                long long z =
                    sizedev_delta(src, left) +
                    sizedev_delta(dst, dst->size + (long long)p->units[u].size);
                if (left >= src->min &&
                    dst->size + (long long)p->units[u].size <= dst->max &&
                    z <= best_z && can_join(x, u, t) != -2) {
                    double g;
                    double d = als__state_peek_move(&x->h, u, t, &g);
                    if (!isnan(d) && (z < best_z || d < best_d)) {
                        best_z = z;
                        best_d = d;
                        bu = u;
                        bt = t;
                        bv = ALS__NOIDX;
                    }
                }
                if (t < s)
                    continue; /* each pair of slots once for swaps */
                for (size_t k = 0; k < dst->nunits; k++) {
                    size_t v = dst->units[k];
                    if (p->units[v].pin >= 0 ||
                        p->units[v].size != p->units[u].size)
                        continue;
                    if (p->days.n && (!((p->units[u].avail >> dst->day) & 1) ||
                                      !((p->units[v].avail >> src->day) & 1)))
                        continue;
                    if (best_z < 0)
                        continue; /* equal sizes: the deviation stays */
                    double g;
                    double d = als__state_peek_swap(&x->h, u, v, &g);
                    if (d < best_d) {
                        best_d = d;
                        bu = u;
                        bv = v;
                        bt = t;
                    }
                }
            }
        }
        if (bu == ALS__NOIDX)
            return;
        size_t s = x->h.uslot[bu];
        int sday = x->h.slot[s].day, tday = x->h.slot[bt].day;
        unplace(x, bu);
        if (bv != ALS__NOIDX) {
            unplace(x, bv);
            place(x, s, bv, sday);
        }
        place(x, bt, bu, tday);
    }
}

/* Ticks a second of the time limit buys: the search's work is counted
   in ticks (state.h), never in seconds, so that the same seed makes the
   same allocation whatever the machine's load. Measured on the reference
   machine (BENCHMARKS.md): 6.7e7 to 1.6e8 ticks a second on cohorts of up
   to 10,000 applicants (realistic, planted, with units, and MDGPLIB), and
   fewer beyond, as memory slows every step (100,000: 4.5e7); hence at most
   5e7, less for larger cohorts, so that the work ends within the limit. */
#define TICKS_PER_S 5e7

/* The ticks the search may spend: effort x time limit x TICKS_PER_S. */
static unsigned long long work_budget(const heur *x)
{
    double units = (double)x->p->nunits;
    double memory = units > 2e4 ? 1 + log10(units / 2e4) : 1;
    double w = x->run->opts->effort * x->run->opts->time_limit_s * TICKS_PER_S /
               memory;
    return w >= 1e18 ? (unsigned long long)1e18 : (unsigned long long)w;
}

/*
 * The diversity search (diversity.c) instead of the annealing, for cohorts
 * it suits: it spends the work the time limit buys (or, with an exact
 * solver to follow, what the annealing's first budget would), and its best
 * placement replaces the state's. False when it does not apply.
 */
static bool diversify(heur *x)
{
    if (!als__diversity_applies(&x->h, x->nslots_avail))
        return false;
    const als_problem *p = x->p;
    unsigned long long work =
        x->run->extend ? work_budget(x) : 4 * budget(x, x->run->opts->effort);
    size_t *slot_of = als__malloc(p->nunits, sizeof *slot_of);
    int *day = als__malloc(x->h.nslots, sizeof *day);
    bool stopped = false, by_clock = false;
    if (!slot_of || !day ||
        !als__diversity(&x->h, x->run, als__rng_next(&x->rng), &x->h.ticks,
                        work, x->run->extend, x->nslots_avail, slot_of,
                        &stopped, &by_clock)) {
        free(slot_of);
        free(day);
        x->nomem = true;
        return true;
    }
    for (size_t s = 0; s < x->h.nslots; s++)
        day[s] = x->h.slot[s].day;
    for (size_t u = 0; u < p->nunits; u++)
        if (x->h.uslot[u] != slot_of[u])
            unplace(x, u);
    for (size_t u = 0; u < p->nunits && !x->nomem; u++)
        if (x->h.uslot[u] == ALS__NOIDX)
            place(x, slot_of[u], u, day[slot_of[u]]);
    free(slot_of);
    free(day);
    x->stop = stopped;
    if (by_clock)
        x->run->heur_stop = ALS_STOP_TIME_LIMIT;
    else if (!stopped)
        x->run->heur_stop = ALS_STOP_WORK;
    return true;
}

static void anneal(heur *x)
{
    if (x->h.open == 0 || diversify(x))
        return;
    double t0, t1;
    unsigned long long probe = x->h.ticks;
    int tries = temperatures(x, &t0, &t1);
    probe = x->h.ticks - probe;
    /* everything below is counted in iterations, never in seconds: the
       same cohort, options and seed make the same allocation whatever the
       machine's load, unless the time limit stops the search (recorded) */
    unsigned long long total = budget(x, x->run->opts->effort);
    unsigned long long units = x->p->nunits ? x->p->nunits : 1;
    /* with no exact solver to follow, the first budget is what the work
       buys (priced per iteration from the sample temperatures() took, none
       made; made steps cost more: 1.3 x the sample on pair weights alone,
       2.2 x on the ALS rules, measured on MDGPLIB at n = 120 and 240 and
       realistic cohorts of 1,000 to 10,000, ends the run within about
       three quarters of the time limit). On the ALS rules, at most 50,000
       iterations per unit: the start is then hotter (heat()), and small
       cohorts need no more (all 54 planted cohorts with units reach their
       optimum); on pair weights alone (diversity benchmarks) one long run
       takes all the work. */
    if (x->run->extend && tries > 0) {
        double made = x->h.pairs_only ? 1.3 : 2.2;
        double per = made * (double)probe / tries + 1;
        double avail = (double)work_budget(x) / per;
        if (!x->h.pairs_only && avail > 5e4 * (double)units)
            avail = 5e4 * (double)units;
        if (avail > (double)total)
            total = avail >= 1e18 ? (unsigned long long)1e18
                                  : (unsigned long long)avail;
    }
    double hot = heat((double)total / (double)units);
    unsigned long long first = hot > 1 ? total : total / 2;
    if (hot > 1) {
        t0 *= hot;
        t1 = t0 * 0.01;
    }
    unsigned long long round = 100 * units > 50000 ? 100 * units : 50000;
    best b;
    memset(&b, 0, sizeof b);
    b.uslot = als__malloc(x->p->nunits ? x->p->nunits : 1, sizeof *b.uslot);
    b.day = als__malloc(x->h.nslots ? x->h.nslots : 1, sizeof *b.day);
    if (x->h.K)
        b.sfac = als__malloc(x->h.nslots * (size_t)x->h.K + 1, sizeof *b.sfac);
    if (!b.uslot || !b.day || (x->h.K && !b.sfac)) {
        free(b.uslot);
        free(b.day);
        free(b.sfac);
        x->nomem = true;
        return;
    }
    /* the first run keeps the best it passes through: a time limit that
       stops it while still hot returns that */
    remember(x, &b);
    unsigned long long ticks0 = x->h.ticks;
    refresh_bound(x);
    if (x->nomem || meets(x, &b.figures, x->bounded, x->bound)) {
        if (!x->nomem)
            x->run->heur_stop = ALS_STOP_BOUND;
        free(b.uslot);
        free(b.day);
        free(b.sfac);
        return;
    }
    x->track = &b;
    /* a multiple of anneal_round's chunk of 1024 */
    x->track_every = (units + 1023) / 1024 * 1024;
    bool going = anneal_round(x, first, t0, t1, 1);
    snap after = take(x);
    if (better(&b.figures, &after))
        restore(x, &b);
    x->track = NULL;
    if (hot > 1 && going)
        descend(x);
    remember(x, &b);
    /* rounds up to the first budget; then, when the solve allows, on
       while the work the time limit buys lasts, unless the best meets its
       bound or has not improved for as long as it took to find */
    unsigned long long work = x->run->extend ? work_budget(x) : 0;
    unsigned long long last_gain = first, done = first;
    while (going && !x->nomem) {
        refresh_bound(x);
        if (meets(x, &b.figures, x->bounded, x->bound)) {
            x->run->heur_stop = ALS_STOP_BOUND;
            break;
        }
        if (done >= total) {
            if (x->h.ticks >= work) {
                x->run->heur_stop = ALS_STOP_WORK;
                break;
            }
            if (done - last_gain >= (last_gain > total ? last_gain : total)) {
                x->run->heur_stop = ALS_STOP_STAGNATION;
                break;
            }
        }
        unsigned long long len =
            done < total && total - done < round ? total - done : round;
        if (done >= total) { /* no further than the work left */
            double per = (double)(x->h.ticks - ticks0 + 1) / (double)done;
            double left = (double)(work - x->h.ticks) / per + 1;
            if (left < (double)len)
                len = (unsigned long long)left;
        }
        going = anneal_round(x, len, t0 * 10, t1, 10);
        done += len;
        snap now = take(x);
        if (better(&now, &b.figures)) {
            remember(x, &b);
            last_gain = done;
        } else {
            restore(x, &b);
        }
    }
    /* stopped mid-round: keep whichever is better */
    snap now = take(x);
    if (!x->nomem && better(&b.figures, &now))
        restore(x, &b);
    /* a cold polish by the penalty alone: the guide may have kept a step
       that lowers the penalty but mixes a set */
    if (going && !x->nomem && x->h.guide_w > 0) {
        x->unguided = true;
        anneal_round(x, round, t1, t1, 1);
        x->unguided = false;
        now = take(x);
        if (better(&b.figures, &now))
            restore(x, &b);
    }
    free(b.uslot);
    free(b.day);
    free(b.sfac);
}

/* ---- entry point ----------------------------------------------------- */

/* The guide's weight per pair of mixed levels, over the seniority weight
   (state.h, als__state.guide_w). Measured on planted cohorts with units
   (`als_bench one family N --set-size K`, 54 cohorts, K = 4, 8, 12, N =
   40 to 2,400): without it 13 reached the optimum, mean 1.58% above it;
   0.01: 19, 0.43%; 0.1: 30, 0.43%; 0.3: 42, 0.14%; 0.6: 41, 0.14%; 1: 39,
   0.20%. Realistic cohorts gain too (10,000: 11,082 to 10,924). */
#define GUIDE_WEIGHT 0.3

als_status als__heuristic(const als_problem *p, als__run *run, als__state *out)
{
    heur x;
    memset(&x, 0, sizeof x);
    x.p = p;
    x.run = run;
    als__rng_seed(&x.rng, run->opts->seed);
    size_t nslots;
    const als__rerun *rr = run->rerun;
    size_t nprev = rr && !p->nsets ? rr->nprev : 0;
    if (p->nsets) {
        nslots = p->nsets;
    } else {
        long long supply = 0;
        int largest = als__problem_largest_max(p);
        for (size_t u = 0; u < p->nunits; u++)
            if (!p->units[u].council_defect &&
                (long long)p->units[u].size <= largest)
                supply += (long long)p->units[u].size;
        /* the most sets that could open (with a target size too: how
           many do open is the construction's choice, sets_for(), and the
           search's; fewer slots could cost placement, a higher tier) */
        long long k = supply / p->size_min + (long long)nprev;
        if (p->max_sets != ALS_NONE && k > p->max_sets)
            k = p->max_sets > (long long)nprev ? p->max_sets : (long long)nprev;
        nslots = (size_t)k;
    }
    x.nslots_avail = nslots;
    als_status rc = ALS_OK;
    x.demand = als__calloc(p->days.n ? p->days.n : 1, sizeof *x.demand);
    x.day_open = als__calloc(p->days.n ? p->days.n : 1, sizeof *x.day_open);
    if (!x.demand || !x.day_open ||
        !als__state_init(&x.h, p, nslots ? nslots : 1)) {
        rc = ALS_ENOMEM;
        goto done;
    }
    x.h.nslots = nslots;
    if (p->sen_mode == ALS_SENIORITY_SIMILAR && p->sen_weight > 0)
        x.h.guide_w = p->sen_weight * GUIDE_WEIGHT;
    /* previous sets keep their ids and days (fixed ones are their fixed
       slots, the others the first slots) and may shrink to their floor */
    if (rr && !als__rerun_state(rr, &x.h)) {
        rc = ALS_ENOMEM;
        goto done;
    }
    /* pair sums pay off when units have many partners (dense weights, as
       in diversity benchmarks); 4M cells are 32 MiB */
    if (p->npairs >= 4 * p->nunits && !als__state_track_pairs(&x.h, 1u << 22)) {
        rc = ALS_ENOMEM;
        goto done;
    }
    mark_eligible(&x);
    if (!list_big(&x)) {
        rc = ALS_ENOMEM;
        goto done;
    }
    if (x.h.guide_w > 0 ||
        (p->sector_mode == ALS_SECTOR_BALANCE && p->sector_weight > 0)) {
        x.bad = als__malloc(nslots ? nslots : 1, sizeof *x.bad);
        if (!x.bad) {
            rc = ALS_ENOMEM;
            goto done;
        }
        x.bad_every = nslots > 1024 ? nslots : 1024;
    }
    estimate_demand(&x);
    run->phase = "construct";
    if (!pins_first(&x) || (rr && !continuing_first(&x)) ||
        !(p->nsets || rr ? construct(&x) : deal(&x))) {
        rc = ALS_ENOMEM;
        goto done;
    }
    run->phase = "repair";
    repair(&x);
    if (x.nomem) {
        rc = ALS_ENOMEM;
        goto done;
    }
    run->phase = "search";
    if (!x.stop && !als__run_poll(run, x.h.placed, x.h.priority, x.h.penalty))
        anneal(&x);
    run->phase = "finish";
    if (!x.nomem && x.h.prev)
        send_home(&x);
    if (!x.nomem)
        repair(&x);
    if (x.nomem)
        rc = ALS_ENOMEM;
done:
    free(x.big);
    free(x.bad);
    free(x.demand);
    free(x.day_open);
    if (rc == ALS_OK) {
        *out = x.h; /* prev and slot_name go with it: see als__state_free */
    } else {
        x.h.nslots = x.h.nslots ? x.h.nslots : 1;
        als__state_free(&x.h);
    }
    return rc;
}
