/*
 * What a re-run keeps of a programme in progress, in one place for the
 * solvers (through solve.c's view of the previous allocation) and the
 * checker:
 *
 * - a running set (a set of the previous allocation) carries on while at
 *   least its floor of members continue, even below its minimum;
 * - a unit that lost members stays placed in its running set: the council
 *   pair rule (an officer and a councillor) applies to units placed anew,
 *   not to members already in a set.
 */
#include "solver.h"

#include <stdlib.h>

size_t als__prev_continuing(const als_problem *p, const als__aset *s)
{
    size_t n = 0;
    for (size_t k = 0; k < s->n; k++) {
        size_t i = als_problem_find(p, s->members[k]);
        n += i != ALS__NOIDX && !p->app[i].withdrawn;
    }
    return n;
}

int als__running_min(const als_problem *p, int fixed, size_t continuing)
{
    int min, max;
    als__problem_bounds(p, fixed, &min, &max);
    int floor = als__problem_floor(p, fixed);
    return continuing >= (size_t)floor ? floor : min;
}

size_t als__unit_running_slot(const als_problem *p, size_t u,
                              const size_t *app_slot)
{
    const als__unit *un = &p->units[u];
    if (!un->council_defect)
        return ALS__NOIDX;
    for (size_t k = 0; k < un->size; k++) {
        size_t s = app_slot[p->unit_members[un->first + k]];
        if (s != ALS__NOIDX)
            return s;
    }
    return ALS__NOIDX;
}

bool als__rerun_state(const als__rerun *rr, als__state *h)
{
    const als_problem *p = h->p;
    size_t ns = h->nslots;
    size_t nprev = p->nsets ? 0 : rr->nprev;
    size_t *prev = als__malloc(p->n ? p->n : 1, sizeof *prev);
    const char **names = als__calloc(ns ? ns : 1, sizeof *names);
    if (!prev || !names) {
        free(prev);
        free(names);
        return false;
    }
    for (size_t k = 0; k < nprev && k < ns; k++) {
        names[k] = rr->prev->sets[k].id;
        h->slot[k].day_lock = h->slot[k].day = rr->prev_day[k];
    }
    /* each previous set's least size, should it run on */
    for (size_t k = 0; k < rr->nprev; k++) {
        size_t s = p->nsets ? (rr->prev_fixed[k] >= 0
                                   ? (size_t)rr->prev_fixed[k]
                                   : ALS__NOIDX)
                            : k;
        if (s >= ns)
            continue;
        als__slot *sl = &h->slot[s];
        h->deficit -= als__slot_deficit(sl);
        sl->min = rr->run_min[k];
        h->deficit += als__slot_deficit(sl);
    }
    /* with fixed sets, a continuing member whose set is gone can only
       move (ALS__RERUN_NO_SLOT, a slot none has) */
    for (size_t i = 0; i < p->n; i++) {
        size_t s = rr->app_slot[i];
        prev[i] = p->nsets || s == ALS__NOIDX || s < ns ? s : ALS__NOIDX;
    }
    h->prev = prev;
    h->slot_name = names;
    /* units that stay where they are although their nomination is no
       longer complete */
    for (size_t u = 0; u < p->nunits; u++) {
        size_t s = als__unit_running_slot(p, u, prev);
        if (s == ALS__NOIDX)
            continue;
        if (!h->only) {
            h->only = als__malloc(p->nunits, sizeof *h->only);
            if (!h->only)
                return false; /* prev and names belong to h now */
            for (size_t v = 0; v < p->nunits; v++)
                h->only[v] = ALS__NOIDX;
        }
        h->only[u] = s;
    }
    return true;
}
