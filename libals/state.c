/*
 * The placement state: see state.h.
 */
#include "state.h"

#include <stdlib.h>
#include <string.h>

static uint64_t all_days(const als_problem *p)
{
    size_t nd = p->days.n;
    return nd >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << nd) - 1);
}

bool als__state_init(als__state *h, const als_problem *p, size_t nslots)
{
    memset(h, 0, sizeof *h);
    h->p = p;
    h->nslots = nslots;
    h->slot = als__calloc(nslots, sizeof *h->slot);
    size_t nu = p->nunits ? p->nunits : 1;
    h->uslot = als__malloc(nu, sizeof *h->uslot);
    h->upos = als__malloc(nu, sizeof *h->upos);
    h->eligible = als__calloc(nu, sizeof *h->eligible);
    h->unpl = als__malloc(nu, sizeof *h->unpl);
    h->where = als__malloc(p->n ? p->n : 1, sizeof *h->where);
    if (!h->slot || !h->uslot || !h->upos || !h->eligible || !h->unpl ||
        !h->where) {
        als__state_free(h);
        return false;
    }
    for (size_t i = 0; i < p->n; i++)
        h->where[i] = ALS__NOIDX;
    for (size_t s = 0; s < nslots; s++) {
        als__slot *sl = &h->slot[s];
        sl->fixed = s < p->nsets ? (int)s : -1;
        sl->required = sl->fixed >= 0 && p->sets[s].required;
        sl->day_lock = sl->fixed >= 0 ? p->sets[s].day : -1;
        sl->day = sl->day_lock;
        als__problem_bounds(p, sl->fixed, &sl->min, &sl->max);
        als__setstat_init(&sl->st);
        h->deficit += als__slot_deficit(sl);
    }
    for (size_t u = 0; u < p->nunits; u++) {
        h->uslot[u] = ALS__NOIDX;
        h->upos[u] = ALS__NOIDX;
    }
    return true;
}

void als__state_free(als__state *h)
{
    if (h->slot)
        for (size_t s = 0; s < h->nslots; s++) {
            free(h->slot[s].units);
            als__setstat_free(&h->slot[s].st);
        }
    free(h->slot);
    free(h->uslot);
    free(h->upos);
    free(h->eligible);
    free(h->unpl);
    free(h->where);
    free((void *)h->prev);
    free((void *)h->slot_name);
    memset(h, 0, sizeof *h);
}

uint64_t als__state_days(const als__state *h, size_t u, size_t s)
{
    const als_problem *p = h->p;
    const als__slot *sl = &h->slot[s];
    if (p->days.n == 0)
        return 1;
    uint64_t avail = p->units[u].avail & all_days(p);
    if (sl->size > 0)
        return sl->day >= 0 ? avail & ((uint64_t)1 << sl->day) : 0;
    if (sl->day_lock >= 0)
        return avail & ((uint64_t)1 << sl->day_lock);
    return avail;
}

bool als__state_fits(const als__state *h, size_t u, size_t s)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    const als__slot *sl = &h->slot[s];
    if (un->pin >= 0 && sl->fixed != un->pin)
        return false;
    if (p->org_mode == ALS_ORG_DISTINCT)
        for (size_t k = 0; k < un->org_count; k++)
            if (als__counts_get(&sl->st.orgs,
                                p->unit_orgs[un->org_first + k]) > 0)
                return false;
    if (p->max_spread != ALS_NONE && un->level_min >= 0) {
        int lo, hi;
        if (als__setstat_levels(&sl->st, &lo, &hi)) {
            if (un->level_min < lo)
                lo = un->level_min;
            if (un->level_max > hi)
                hi = un->level_max;
            if (hi - lo > p->max_spread)
                return false;
        } else if (un->level_max - un->level_min > p->max_spread) {
            return false;
        }
    }
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++) {
        size_t i = m[k];
        for (size_t q = p->apart_off[i]; q < p->apart_off[i + 1]; q++)
            if (h->where[p->apart[q]] == s)
                return false;
    }
    return true;
}

static void unpl_remove(als__state *h, size_t u)
{
    size_t pos = h->upos[u];
    if (pos == ALS__NOIDX || h->uslot[u] != ALS__NOIDX)
        return;
    size_t last = h->unpl[--h->nunpl];
    h->unpl[pos] = last;
    h->upos[last] = pos;
    h->upos[u] = ALS__NOIDX;
}

static void unpl_add(als__state *h, size_t u)
{
    if (!h->eligible[u])
        return;
    h->upos[u] = h->nunpl;
    h->unpl[h->nunpl++] = u;
}

void als__state_make_eligible(als__state *h, size_t u)
{
    if (h->eligible[u])
        return;
    h->eligible[u] = true;
    if (h->uslot[u] == ALS__NOIDX)
        unpl_add(h, u);
}

static void refresh(als__state *h, als__slot *sl, long long old_deficit,
                    int old_size)
{
    double pen = als__setstat_penalty(&sl->st, h->p);
    h->penalty += pen - sl->pen;
    sl->pen = pen;
    h->deficit += als__slot_deficit(sl) - old_deficit;
    if (old_size == 0 && sl->size > 0)
        h->open++;
    else if (old_size > 0 && sl->size == 0) {
        h->open--;
        sl->day = sl->day_lock;
        sl->pen = 0; /* exact zero, whatever rounding left */
    }
}

bool als__state_add(als__state *h, size_t s, size_t u, int day)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    als__slot *sl = &h->slot[s];
    if (!als__grow((void **)&sl->units, &sl->capunits, sl->nunits + 1,
                   sizeof *sl->units))
        return false;
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++) {
        if (!als__setstat_add(&sl->st, p, m[k], h->where, s)) {
            while (k-- > 0) {
                h->where[m[k]] = ALS__NOIDX;
                als__setstat_remove(&sl->st, p, m[k], h->where, s);
            }
            return false;
        }
        h->where[m[k]] = s;
    }
    if (h->prev)
        for (size_t k = 0; k < un->size; k++)
            if (h->prev[m[k]] != ALS__NOIDX) {
                h->cont++;
                h->moves += h->prev[m[k]] != s;
            }
    long long old_deficit = als__slot_deficit(sl);
    int old_size = sl->size;
    if (sl->size == 0)
        sl->day = day;
    unpl_remove(h, u);
    h->uslot[u] = s;
    h->upos[u] = sl->nunits;
    sl->units[sl->nunits++] = u;
    sl->size += (int)un->size;
    h->placed += (long long)un->size;
    h->priority += un->priority;
    refresh(h, sl, old_deficit, old_size);
    return true;
}

void als__state_remove(als__state *h, size_t u)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    size_t s = h->uslot[u];
    if (s == ALS__NOIDX)
        return;
    als__slot *sl = &h->slot[s];
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++) {
        h->where[m[k]] = ALS__NOIDX;
        als__setstat_remove(&sl->st, p, m[k], h->where, s);
        if (h->prev && h->prev[m[k]] != ALS__NOIDX) {
            h->cont--;
            h->moves -= h->prev[m[k]] != s;
        }
    }
    long long old_deficit = als__slot_deficit(sl);
    int old_size = sl->size;
    size_t pos = h->upos[u];
    size_t last = sl->units[--sl->nunits];
    sl->units[pos] = last;
    h->upos[last] = pos;
    h->uslot[u] = ALS__NOIDX;
    h->upos[u] = ALS__NOIDX;
    sl->size -= (int)un->size;
    h->placed -= (long long)un->size;
    h->priority -= un->priority;
    refresh(h, sl, old_deficit, old_size);
    unpl_add(h, u);
}
