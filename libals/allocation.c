/*
 * The allocation: what a solver produced or a document described, kept with
 * ids as strings so it can be read without a cohort and checked against one.
 */
#include "als_internal.h"

#include <stdlib.h>
#include <string.h>

als_status als__allocation_new(als_allocation **out)
{
    als_allocation *a = calloc(1, sizeof *a);
    *out = a;
    if (!a)
        return ALS_ENOMEM;
    a->status = ALS_SOLVE_FEASIBLE;
    a->method = "";
    return ALS_OK;
}

void als_allocation_free(als_allocation *a)
{
    if (!a)
        return;
    for (size_t s = 0; s < a->nsets; s++) {
        free(a->sets[s].members);
        free(a->sets[s].fac);
        free(a->sets[s].names);
    }
    free(a->sets);
    for (size_t k = 0; a->unassigned && k < a->nunassigned; k++)
        free(a->unassigned[k].standby);
    free(a->unassigned);
    free(a->changes);
    als__arena_free(&a->arena);
    free(a);
}

als_solve_status als_allocation_status(const als_allocation *a)
{
    return a ? a->status : ALS_SOLVE_INFEASIBLE;
}
const char *als_allocation_method(const als_allocation *a)
{
    return a && a->method ? a->method : "";
}
als_stop_reason als_allocation_stop_reason(const als_allocation *a)
{
    return a ? a->stop : ALS_STOP_NONE;
}
double als_allocation_time_s(const als_allocation *a)
{
    return a ? a->time_s : 0;
}
unsigned long long als_allocation_seed(const als_allocation *a)
{
    return a ? a->seed : 0;
}
int als_allocation_bound(const als_allocation *a, double *bound, double *gap)
{
    if (!a || !a->has_bound)
        return 0;
    if (bound)
        *bound = a->bound;
    if (gap)
        *gap = a->gap;
    return 1;
}
als_objective als_allocation_objective(const als_allocation *a,
                                       unsigned *present)
{
    als_objective none;
    memset(&none, 0, sizeof none);
    if (present)
        *present = a ? a->present : 0;
    return a ? a->obj : none;
}
size_t als_allocation_set_count(const als_allocation *a)
{
    return a ? a->nsets : 0;
}
const char *als_allocation_set_id(const als_allocation *a, size_t s)
{
    return a && s < a->nsets ? a->sets[s].id : NULL;
}
const char *als_allocation_set_day(const als_allocation *a, size_t s)
{
    return a && s < a->nsets ? a->sets[s].day : NULL;
}
size_t als_allocation_set_size(const als_allocation *a, size_t s)
{
    return a && s < a->nsets ? a->sets[s].n : 0;
}
size_t als_allocation_set_facilitator_count(const als_allocation *a, size_t s)
{
    return a && s < a->nsets ? a->sets[s].nfac : 0;
}
const char *als_allocation_set_facilitator(const als_allocation *a, size_t s,
                                           size_t k)
{
    return a && s < a->nsets && k < a->sets[s].nfac ? a->sets[s].fac[k] : NULL;
}
const char *als_allocation_member(const als_allocation *a, size_t s, size_t k)
{
    return a && s < a->nsets && k < a->sets[s].n ? a->sets[s].members[k] : NULL;
}
const char *als_allocation_member_name(const als_allocation *a, size_t s,
                                       size_t k)
{
    return a && s < a->nsets && k < a->sets[s].n && a->sets[s].names
               ? a->sets[s].names[k]
               : NULL;
}

als_status als__allocation_add_names(als_allocation *a, const als_problem *p)
{
    for (size_t s = 0; s < a->nsets; s++) {
        als__aset *as = &a->sets[s];
        bool any = false;
        for (size_t k = 0; k < as->n && !any; k++) {
            size_t i = als_problem_find(p, as->members[k]);
            any = i != ALS__NOIDX && p->app[i].name;
        }
        if (!any || as->names)
            continue;
        as->names = als__calloc(as->n, sizeof *as->names);
        if (!as->names)
            return ALS_ENOMEM;
        for (size_t k = 0; k < as->n; k++) {
            size_t i = als_problem_find(p, as->members[k]);
            if (i != ALS__NOIDX && p->app[i].name &&
                !(as->names[k] = als__arena_strdup(&a->arena, p->app[i].name)))
                return ALS_ENOMEM;
        }
    }
    return ALS_OK;
}

size_t als_allocation_unassigned_count(const als_allocation *a)
{
    return a ? a->nunassigned : 0;
}
const char *als_allocation_unassigned_id(const als_allocation *a, size_t k)
{
    return a && k < a->nunassigned ? a->unassigned[k].id : NULL;
}
const char *als_allocation_unassigned_reason(const als_allocation *a, size_t k)
{
    return a && k < a->nunassigned ? a->unassigned[k].reason : NULL;
}
size_t als_allocation_unassigned_standby_count(const als_allocation *a,
                                               size_t k)
{
    return a && k < a->nunassigned ? a->unassigned[k].nstandby : 0;
}
const char *als_allocation_unassigned_standby(const als_allocation *a, size_t k,
                                              size_t j)
{
    return a && k < a->nunassigned && j < a->unassigned[k].nstandby
               ? a->unassigned[k].standby[j]
               : NULL;
}
size_t als_allocation_change_count(const als_allocation *a)
{
    return a ? a->nchanges : 0;
}
const char *als_allocation_change_id(const als_allocation *a, size_t k)
{
    return a && k < a->nchanges ? a->changes[k].id : NULL;
}
const char *als_allocation_change_from(const als_allocation *a, size_t k)
{
    return a && k < a->nchanges ? a->changes[k].from : NULL;
}
const char *als_allocation_change_to(const als_allocation *a, size_t k)
{
    return a && k < a->nchanges ? a->changes[k].to : NULL;
}
const char *als_allocation_change_reason(const als_allocation *a, size_t k)
{
    return a && k < a->nchanges ? a->changes[k].reason : NULL;
}

/* Is change k a facilitator's (one of p's facilitators)? */
static bool fac_change(const als_problem *p, const als_allocation *a, size_t k)
{
    return p && als__strtab_find(&p->fac_ids, a->changes[k].id) != ALS__NOIDX;
}

als_status als__allocation_previous(const als_problem *p,
                                    const als_allocation *a,
                                    als_allocation **out)
{
    *out = NULL;
    if (a->nchanges == 0)
        return ALS_OK;
    als_allocation *pv = NULL;
    als_status rc = als__allocation_new(&pv);
    if (rc != ALS_OK)
        return rc;
    /* the previous sets: this allocation's, then those only changes name */
    als__strtab ids;
    als__strtab_init(&ids, false);
    als__strtab changed; /* ids with a change */
    als__strtab_init(&changed, false);
    size_t cap = a->nsets + a->nchanges;
    pv->sets = als__calloc(cap ? cap : 1, sizeof *pv->sets);
    size_t *count = als__calloc(cap ? cap : 1, sizeof *count);
    bool ok = pv->sets && count;
    for (size_t s = 0; s < a->nsets && ok; s++)
        ok = als__strtab_intern(&ids, a->sets[s].id ? a->sets[s].id : "",
                                NULL) != ALS__NOIDX;
    size_t nfacch = 0; /* facilitators' changes */
    for (size_t k = 0; k < a->nchanges && ok; k++) {
        if (fac_change(p, a, k))
            nfacch++;
        else
            ok = als__strtab_intern(&changed, a->changes[k].id, NULL) !=
                 ALS__NOIDX;
        if (ok && a->changes[k].from)
            ok = als__strtab_intern(&ids, a->changes[k].from, NULL) !=
                 ALS__NOIDX;
    }
    /* members: those of a set who did not change, and every change's
       `from` */
    for (size_t s = 0; s < a->nsets && ok; s++)
        for (size_t m = 0; m < a->sets[s].n; m++)
            if (als__strtab_find(&changed, a->sets[s].members[m]) == ALS__NOIDX)
                count[als__strtab_find(&ids,
                                       a->sets[s].id ? a->sets[s].id : "")]++;
    for (size_t k = 0; k < a->nchanges && ok; k++)
        if (a->changes[k].from && !fac_change(p, a, k))
            count[als__strtab_find(&ids, a->changes[k].from)]++;
    pv->nsets = ok ? ids.n : 0;
    for (size_t t = 0; t < pv->nsets && ok; t++) {
        pv->sets[t].id = ids.display[t];
        pv->sets[t].members =
            als__malloc(count[t] ? count[t] : 1, sizeof(char *));
        ok = pv->sets[t].members != NULL;
    }
    /* facilitators: those of a set who did not newly take it over, and
       every facilitator's change `from` */
    for (size_t s = 0; s < a->nsets && ok && p; s++) {
        const als__aset *cs = &a->sets[s];
        als__aset *t = &pv->sets[als__strtab_find(&ids, cs->id ? cs->id : "")];
        if (cs->nfac == 0 || t->fac)
            continue;
        t->fac = als__malloc(cs->nfac + nfacch, sizeof(char *));
        ok = t->fac != NULL;
        for (size_t j = 0; ok && j < cs->nfac; j++) {
            bool took_over = false;
            for (size_t k = 0; k < a->nchanges && !took_over; k++)
                took_over = !a->changes[k].from && a->changes[k].to && cs->id &&
                            fac_change(p, a, k) &&
                            strcmp(a->changes[k].id, cs->fac[j]) == 0 &&
                            strcmp(a->changes[k].to, cs->id) == 0;
            if (!took_over)
                t->fac[t->nfac++] = cs->fac[j];
        }
    }
    for (size_t k = 0; k < a->nchanges && ok; k++)
        if (a->changes[k].from && fac_change(p, a, k)) {
            als__aset *t =
                &pv->sets[als__strtab_find(&ids, a->changes[k].from)];
            if (!t->fac) {
                t->fac = als__malloc(nfacch, sizeof(char *));
                ok = t->fac != NULL;
            }
            if (ok)
                t->fac[t->nfac++] = a->changes[k].id;
        }
    for (size_t s = 0; s < a->nsets && ok; s++) {
        als__aset *t = &pv->sets[als__strtab_find(
            &ids, a->sets[s].id ? a->sets[s].id : "")];
        for (size_t m = 0; m < a->sets[s].n; m++)
            if (als__strtab_find(&changed, a->sets[s].members[m]) == ALS__NOIDX)
                t->members[t->n++] = a->sets[s].members[m];
    }
    for (size_t k = 0; k < a->nchanges && ok; k++)
        if (a->changes[k].from && !fac_change(p, a, k)) {
            als__aset *t =
                &pv->sets[als__strtab_find(&ids, a->changes[k].from)];
            t->members[t->n++] = a->changes[k].id;
        }
    /* the ids are borrowed: keep the table's strings with the result */
    pv->arena = ids.arena;
    ids.arena.head = NULL;
    free(count);
    als__strtab_free(&ids);
    als__strtab_free(&changed);
    if (!ok) {
        als_allocation_free(pv);
        return ALS_ENOMEM;
    }
    *out = pv;
    return ALS_OK;
}
