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
#include <string.h>

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
    if (un->attached) /* newcomers who join their unit's running set */
        un = &p->units[un->attach_to];
    else if (!un->council_defect)
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
        size_t s = p->nsets
                       ? (rr->prev_fixed[k] >= 0 ? (size_t)rr->prev_fixed[k]
                                                 : ALS__NOIDX)
                       : k;
        if (s >= ns)
            continue;
        als__slot *sl = &h->slot[s];
        h->deficit -= als__slot_deficit(sl);
        sl->min = rr->run_min[k];
        h->deficit += als__slot_deficit(sl);
        /* a running set keeps its facilitators (those gone or withdrawn
           cannot lead it: it changes) */
        const als__aset *ps = &rr->prev->sets[k];
        size_t want[2] = {ALS__NOIDX, ALS__NOIDX}, nw = 0;
        for (size_t j = 0; j < ps->nfac && nw < 2; j++)
            want[nw++] = als__strtab_find(&p->fac_ids, ps->fac[j]);
        if (h->K && nw && !als__fac_want(h, s, want, nw)) {
            free(prev);
            free(names);
            return false;
        }
    }
    /* with fixed sets, a continuing member whose set is gone can only
       move (ALS__RERUN_NO_SLOT, a slot none has) */
    for (size_t i = 0; i < p->n; i++) {
        size_t s = rr->app_slot[i];
        prev[i] = p->nsets || s == ALS__NOIDX || s < ns ? s : ALS__NOIDX;
    }
    h->prev = prev;
    h->slot_name = names;
    /* each unit's attached newcomers, to keep them where it is */
    for (size_t u = 0; u < p->nunits; u++) {
        if (!p->units[u].attached)
            continue;
        if (!h->dependent) {
            h->dependent = als__malloc(p->nunits, sizeof *h->dependent);
            if (!h->dependent)
                return false; /* prev and names belong to h now */
            for (size_t v = 0; v < p->nunits; v++)
                h->dependent[v] = ALS__NOIDX;
        }
        h->dependent[p->units[u].attach_to] = u;
    }
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

size_t als__rerun_split_units(als_problem *q, const size_t *app_slot,
                              als__unit **units, size_t **members, int **orgs)
{
    *units = NULL;
    *members = NULL;
    *orgs = NULL;
    size_t nsplit = 0;
    for (size_t u = 0; u < q->nunits; u++) {
        const als__unit *un = &q->units[u];
        size_t cont = 0;
        for (size_t k = 0; k < un->size; k++)
            cont += app_slot[q->unit_members[un->first + k]] != ALS__NOIDX;
        nsplit += cont > 0 && cont < un->size;
    }
    if (nsplit == 0)
        return 0;
    size_t nu = q->nunits + nsplit;
    /* each member brings at most one organisation, to one unit */
    size_t ncap = q->nactive ? q->nactive : 1;
    als__unit *nunits = als__malloc(nu, sizeof *nunits);
    size_t *nmem = als__malloc(ncap, sizeof *nmem);
    int *norg = als__malloc(ncap, sizeof *norg);
    if (!nunits || !nmem || !norg) {
        free(nunits);
        free(nmem);
        free(norg);
        return (size_t)-1;
    }
    memcpy(nunits, q->units, q->nunits * sizeof *nunits);
    memcpy(nmem, q->unit_members, q->nactive * sizeof *nmem);
    size_t norgs = 0, next = q->nunits;
    /* continuing members first within the unit's range, newcomers after */
    q->units = nunits;
    q->unit_members = nmem;
    for (size_t u = 0; u < nu - nsplit; u++) {
        als__unit *un = &nunits[u];
        size_t *m = nmem + un->first, cont = 0;
        for (size_t k = 0; k < un->size; k++)
            if (app_slot[m[k]] != ALS__NOIDX) {
                size_t t = m[cont];
                m[cont++] = m[k];
                m[k] = t;
            }
        if (cont > 0 && cont < un->size) {
            als__unit *b = &nunits[next];
            *b = *un;
            b->first = un->first + cont;
            b->size = un->size - cont;
            b->attached = true;
            b->attach_to = u;
            b->duplicate = false;
            un->size = cont;
            for (size_t k = 0; k < b->size; k++)
                q->app[m[cont + k]].unit = next;
            next++;
        }
    }
    q->nunits = nu;
    q->unit_orgs = norg;
    for (size_t u = 0; u < nu; u++)
        als__unit_fill(q, &nunits[u], norg, &norgs);
    *units = nunits;
    *members = nmem;
    *orgs = norg;
    return nsplit;
}

static bool fac_named(const als__aset *s, const char *id)
{
    for (size_t j = 0; j < s->nfac; j++)
        if (strcmp(s->fac[j], id) == 0)
            return true;
    return false;
}

long long als__facilitator_changes(const als_allocation *prev,
                                   const als_allocation *a,
                                   als__fac_change_fn fn, void *ctx)
{
    als__strtab ids;
    als__strtab_init(&ids, false);
    size_t *first = als__malloc(a->nsets + 1, sizeof *first);
    bool added;
    for (size_t s = 0; first && s < a->nsets; s++) {
        size_t k =
            a->sets[s].id ? als__strtab_intern(&ids, a->sets[s].id, &added) : 0;
        if (k == ALS__NOIDX) {
            free(first);
            first = NULL;
        } else if (a->sets[s].id && added)
            first[k] = s;
    }
    if (!first) {
        als__strtab_free(&ids);
        return -1;
    }
    long long changed = 0;
    for (size_t t = 0; t < prev->nsets; t++) {
        const als__aset *ps = &prev->sets[t];
        if (!ps->id || ps->nfac == 0)
            continue;
        size_t k = als__strtab_find(&ids, ps->id);
        const als__aset *cs = k == ALS__NOIDX ? NULL : &a->sets[first[k]];
        bool differ = false;
        for (size_t j = 0; j < ps->nfac; j++)
            if (!cs || !fac_named(cs, ps->fac[j])) {
                differ = true;
                if (fn)
                    fn(ctx, ps->fac[j], ps->id, NULL);
            }
        for (size_t j = 0; cs && j < cs->nfac; j++)
            if (!fac_named(ps, cs->fac[j])) {
                differ = true;
                if (fn)
                    fn(ctx, cs->fac[j], NULL, cs->id);
            }
        changed += cs && differ;
    }
    als__strtab_free(&ids);
    free(first);
    return changed;
}
