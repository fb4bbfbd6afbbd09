/*
 * als_solve(): options, the choice of solver, and turning a solver's final
 * placement into an allocation — sets named and ordered, the left-out
 * explained, the objective computed by objective.c — which is then verified by
 * the independent checker before it is handed back.
 */
#include "colgen.h"
#include "solver.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void als_solve_options_init(als_solve_options *o, const als_problem *p)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->version = ALS_SOLVE_OPTIONS_VERSION;
    for (size_t i = 0; i < ALS__NOPT; i++)
        als__option_put(o, i, als__options[i].def);
    if (p) {
        o->method = p->method;
        o->time_limit_s = p->time_limit_s;
        o->seed = p->seed;
    }
}

/*
 * Each option within the table's bounds. The seed is the exception: the
 * field holds any unsigned long long, the table's bound (2^53) being that of
 * a seed written in a cohort or on a command line.
 */
static als_status check_options(const als_solve_options *o, als_error *err)
{
    if (o->version != ALS_SOLVE_OPTIONS_VERSION) {
        als__error_set(err, ALS_EINVAL, "",
                       "als_solve_options.version is %u, expected %u: "
                       "initialise it with als_solve_options_init()",
                       o->version, ALS_SOLVE_OPTIONS_VERSION);
        return ALS_EINVAL;
    }
    for (size_t i = 0; i < ALS__NOPT; i++) {
        double v = als__option_get(o, i);
        if (i == ALS__OPT_SEED || als__option_ok(i, v))
            continue;
        char range[128];
        als_solve_option_range(i, range, sizeof range);
        als__error_set(err, ALS_EINVAL, "", "%s must be %s, not %g",
                       als__options[i].name, range, v);
        return ALS_EINVAL;
    }
    return ALS_OK;
}

/* Why a pinned unit's pin cannot hold. */
static void pin_reason(const als__reasons *r, size_t u,
                       const char *const *slot_id, char *buf, size_t cap)
{
    const als__state *h = r->h;
    const als_problem *p = h->p;
    size_t s = h->uslot[u];
    if (s == ALS__NOIDX) {
        als__reason(r, u, slot_id, buf, cap);
        return;
    }
    const als__slot *sl = &h->slot[s];
    snprintf(buf, cap,
             "pinned to set '%s', which cannot reach its minimum of %d: only "
             "%d applicants can join it",
             als__problem_pin_name(p, p->units[u].pin), sl->min, sl->size);
}

/*
 * A re-run's changes: every continuing applicant whose set changed (to null
 * when left out), every new applicant placed (from null), every applicant
 * who left (withdrawn, or gone from the cohort: to null). `eligible` tells
 * the units that can be placed at all (an incomplete council nomination,
 * say, cannot): a previous set continues only with enough of those.
 */
static als_status build_changes(const als_problem *p, const als__rerun *rr,
                                const bool *eligible, const size_t *where,
                                als_allocation *a)
{
    const als_allocation *prev = rr->prev;
    size_t cap = p->n;
    for (size_t t = 0; t < prev->nsets; t++)
        cap += prev->sets[t].n;
    a->changes = als__calloc(cap ? cap : 1, sizeof *a->changes);
    /* members of each previous set still in the cohort, not withdrawn;
       and those of them who can still be placed */
    size_t nprev = prev->nsets ? prev->nsets : 1;
    size_t *stay = als__calloc(2 * nprev, sizeof *stay);
    /* the entry of each applicant in unassigned, for its reason */
    size_t *unassigned = als__malloc(p->n ? p->n : 1, sizeof *unassigned);
    if (!a->changes || !stay || !unassigned) {
        free(stay);
        free(unassigned);
        return ALS_ENOMEM;
    }
    for (size_t i = 0; i < p->n; i++)
        unassigned[i] = ALS__NOIDX;
    for (size_t q = a->nunassigned; q-- > 0;) { /* the first one wins */
        size_t i = als_problem_find(p, a->unassigned[q].id);
        if (i != ALS__NOIDX)
            unassigned[i] = q;
    }
    size_t *can = stay + nprev;
    for (size_t i = 0; i < p->n; i++)
        if (rr->app_prev[i] != ALS__NOIDX && !p->app[i].withdrawn) {
            stay[rr->app_prev[i]]++;
            if (eligible[p->app[i].unit])
                can[rr->app_prev[i]]++;
        }
    /* who was waiting: a newcomer came off the waiting list, or applied
       after the previous allocation */
    als__strtab waited;
    als__strtab_init(&waited, false);
    for (size_t q = 0; q < prev->nunassigned; q++)
        if (prev->unassigned[q].id &&
            als__strtab_intern(&waited, prev->unassigned[q].id, NULL) ==
                ALS__NOIDX) {
            als__strtab_free(&waited);
            free(stay);
            return ALS_ENOMEM;
        }
    char why[ALS_MESSAGE_MAX];
    als_status rc = ALS_OK;
    for (size_t i = 0; i < p->n && rc == ALS_OK; i++) {
        size_t k = rr->app_prev[i];
        const char *from = k != ALS__NOIDX ? prev->sets[k].id : NULL;
        const char *to = !p->app[i].withdrawn && where[i] != ALS__NOIDX
                             ? a->sets[where[i]].id
                             : NULL;
        if ((!from && !to) || (from && to && strcmp(from, to) == 0))
            continue;
        /* a running set carries on down to its floor (rerun.c) */
        int floor =
            k != ALS__NOIDX ? als__problem_floor(p, rr->prev_fixed[k]) : 0;
        if (p->app[i].withdrawn)
            snprintf(why, sizeof why, "withdrew");
        else if (!from)
            snprintf(why, sizeof why, "%s",
                     als__strtab_find(&waited, p->app[i].id) != ALS__NOIDX
                         ? "joined from the waiting list"
                         : "joined: applied after the last allocation");
        else if (!to) {
            /* the reason given in unassigned */
            why[0] = '\0';
            if (unassigned[i] != ALS__NOIDX)
                snprintf(why, sizeof why, "%s",
                         a->unassigned[unassigned[i]].reason);
        } else if (can[k] < (size_t)floor && can[k] == stay[k])
            snprintf(why, sizeof why,
                     "set '%s' closed: %zu of its members remain, and a "
                     "running set carries on with at least %d",
                     from, stay[k], floor);
        else if (can[k] < (size_t)floor)
            snprintf(why, sizeof why,
                     "set '%s' closed: %zu of its members remain, but only "
                     "%zu can still be placed, and a running set carries on "
                     "with at least %d",
                     from, stay[k], can[k], floor);
        else
            snprintf(why, sizeof why,
                     "moved so that everyone continuing stays placed");
        als__change *c = &a->changes[a->nchanges++];
        c->id = als__arena_strdup(&a->arena, p->app[i].id);
        c->from = from ? als__arena_strdup(&a->arena, from) : NULL;
        c->to = to ? als__arena_strdup(&a->arena, to) : NULL;
        c->reason = als__arena_strdup(&a->arena, why);
        if (!c->id || (from && !c->from) || (to && !c->to) || !c->reason)
            rc = ALS_ENOMEM;
    }
    for (size_t t = 0; t < prev->nsets && rc == ALS_OK; t++)
        for (size_t m = 0; m < prev->sets[t].n && rc == ALS_OK; m++) {
            const char *id = prev->sets[t].members[m];
            if (als_problem_find(p, id) != ALS__NOIDX)
                continue;
            als__change *c = &a->changes[a->nchanges++];
            c->id = als__arena_strdup(&a->arena, id);
            c->from = als__arena_strdup(&a->arena, prev->sets[t].id);
            c->to = NULL;
            c->reason = als__arena_strdup(&a->arena, "no longer in the cohort");
            if (!c->id || !c->from || !c->reason)
                rc = ALS_ENOMEM;
        }
    als__strtab_free(&waited);
    free(stay);
    free(unassigned);
    return rc;
}

/* Facilitator changes into a->changes (als__facilitator_changes). */
typedef struct fac_log {
    const als_problem *p;
    const als_allocation *prev;
    als_allocation *a;
    size_t cap;
    bool nomem;
} fac_log;

/* Is `set` (an id of the previous allocation) open in a? */
static const als__aset *set_by_id(const als_allocation *a, const char *id)
{
    for (size_t s = 0; s < a->nsets; s++)
        if (a->sets[s].id && strcmp(a->sets[s].id, id) == 0)
            return &a->sets[s];
    return NULL;
}

static void fac_logged(void *ctx, const char *fac, const char *from,
                       const char *to)
{
    fac_log *l = ctx;
    const als_problem *p = l->p;
    als_allocation *a = l->a;
    if (l->nomem || !als__grow((void **)&a->changes, &l->cap, a->nchanges + 1,
                               sizeof *a->changes)) {
        l->nomem = true;
        return;
    }
    size_t f = als__strtab_find(&p->fac_ids, fac);
    char why[ALS_MESSAGE_MAX];
    if (from) {
        const als__aset *now = set_by_id(a, from);
        if (f == ALS__NOIDX)
            snprintf(why, sizeof why,
                     "facilitator no longer on the "
                     "programme's list");
        else if (p->fac[f].withdrawn)
            snprintf(why, sizeof why, "facilitator withdrew");
        else if (!now)
            snprintf(why, sizeof why,
                     "facilitator of set '%s', which "
                     "closed",
                     from);
        else if (now->day &&
                 als__strtab_find(&p->days, now->day) != ALS__NOIDX &&
                 !(p->fac[f].avail >> als__strtab_find(&p->days, now->day) & 1))
            snprintf(why, sizeof why,
                     "facilitator can no longer make %s, "
                     "the set's day",
                     now->day);
        else
            snprintf(why, sizeof why,
                     "facilitator no longer leads set "
                     "'%s': a member of the set is from "
                     "their organisation or must be kept "
                     "apart from them",
                     from);
    } else {
        /* who they replace */
        const als__aset *was = NULL;
        for (size_t t = 0; t < l->prev->nsets && !was; t++)
            if (l->prev->sets[t].id && strcmp(l->prev->sets[t].id, to) == 0)
                was = &l->prev->sets[t];
        char names[ALS_MESSAGE_MAX / 2];
        size_t len = 0;
        names[0] = '\0';
        for (size_t j = 0; was && j < was->nfac; j++) {
            size_t g = als__strtab_find(&p->fac_ids, was->fac[j]);
            const char *nm = g != ALS__NOIDX && p->fac[g].name ? p->fac[g].name
                                                               : was->fac[j];
            bool still = false;
            const als__aset *now = set_by_id(a, to);
            for (size_t q = 0; now && q < now->nfac; q++)
                still |= strcmp(now->fac[q], was->fac[j]) == 0;
            if (still || len >= sizeof names - 8)
                continue;
            int w = snprintf(names + len, sizeof names - len, "%s%s",
                             len ? " and " : "", nm);
            if (w > 0)
                len += (size_t)w < sizeof names - len ? (size_t)w
                                                      : sizeof names - len - 1;
        }
        snprintf(why, sizeof why, "facilitator takes over set '%s'%s%s", to,
                 len ? " from " : "", names);
    }
    als__change *c = &a->changes[a->nchanges++];
    c->id = als__arena_strdup(&a->arena, fac);
    c->from = from ? als__arena_strdup(&a->arena, from) : NULL;
    c->to = to ? als__arena_strdup(&a->arena, to) : NULL;
    c->reason = als__arena_strdup(&a->arena, why);
    if (!c->id || (from && !c->from) || (to && !c->to) || !c->reason)
        l->nomem = true;
}

/* Order of the output sets: fixed sets in their order, then the others by
   their first member. */
typedef struct okey {
    int fixed;
    size_t first;
    size_t slot;
} okey;

static int cmp_okey(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    if ((x->fixed >= 0) != (y->fixed >= 0))
        return x->fixed >= 0 ? -1 : 1;
    if (x->fixed != y->fixed)
        return x->fixed < y->fixed ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* The waiting list's order: highest priority first, then the cohort's. */
typedef struct wkey {
    long long priority;
    size_t i;
} wkey;

static int cmp_wkey(const void *a, const void *b)
{
    const wkey *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority > y->priority ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The sets in which waiting unit u could take a place that a withdrawal
 * frees: open, on a day it can make, no rule keeping it out, and full by
 * at most what one departure frees. Up to ALS__STANDBY_MAX, in slot order,
 * from a budget of slots looked at (*work) that keeps the whole waiting
 * list linear in the cohort. Writes slot indices to out; returns their
 * number.
 */
static size_t standby_slots(const als__state *h, size_t u, long long *work,
                            size_t *out)
{
    const als_problem *p = h->p;
    size_t n = 0;
    if (!h->eligible[u])
        return 0;
    for (size_t s = 0; s < h->nslots && n<ALS__STANDBY_MAX && * work> 0; s++) {
        const als__slot *sl = &h->slot[s];
        if (sl->size == 0)
            continue;
        --*work;
        if ((long long)p->units[u].size > sl->max - sl->size + 1 ||
            !als__state_days(h, u, s) || !als__state_fits(h, u, s))
            continue;
        out[n++] = s;
    }
    return n;
}

/* Applicants of slot s in cohort order (members of slot s are found by a
   pass over where[], done once for all slots by the caller). */
static als_status build_allocation(const als_problem *p, const als__state *h,
                                   const als__run *run, bool infeasible,
                                   const char *method, bool optimal,
                                   als_allocation **out)
{
    als_allocation *a = NULL;
    als__reasons rs = {.h = h}; /* why those left out are */
    als_status rc = als__allocation_new(&a);
    if (rc != ALS_OK)
        return rc;
    size_t ns = h->nslots;
    okey *keys = als__malloc(ns ? ns : 1, sizeof *keys);
    size_t *set_of_slot = als__malloc(ns ? ns : 1, sizeof *set_of_slot);
    const char **slot_id = als__calloc(ns ? ns : 1, sizeof *slot_id);
    size_t *where = als__malloc(p->n ? p->n : 1, sizeof *where);
    if (!keys || !set_of_slot || !slot_id || !where)
        goto nomem;
    size_t nopen = 0;
    for (size_t s = 0; s < ns; s++) {
        set_of_slot[s] = ALS__NOIDX;
        if (h->slot[s].size == 0 || infeasible)
            continue;
        size_t first = ALS__NOIDX;
        for (size_t k = 0; k < h->slot[s].nunits; k++) {
            const als__unit *un = &p->units[h->slot[s].units[k]];
            size_t i = p->unit_members[un->first]; /* lowest of the unit */
            if (i < first)
                first = i;
        }
        int rank = h->slot[s].fixed;
        if (rank < 0 && h->slot_name && h->slot_name[s])
            rank = (int)(p->nsets + s); /* previous sets, in their order */
        keys[nopen++] = (okey){rank, first, s};
    }
    qsort(keys, nopen, sizeof *keys, cmp_okey);
    a->sets = als__calloc(nopen ? nopen : 1, sizeof *a->sets);
    if (!a->sets)
        goto nomem;
    a->nsets = nopen;
    size_t serial = 0;
    /* the previous sets' ids (re-runs), which new sets must not take */
    als__strtab taken;
    als__strtab_init(&taken, false);
    for (size_t s = 0; h->slot_name && s < ns; s++)
        if (h->slot_name[s] &&
            als__strtab_intern(&taken, h->slot_name[s], NULL) == ALS__NOIDX) {
            als__strtab_free(&taken);
            goto nomem;
        }
    for (size_t k = 0; k < nopen; k++) {
        size_t s = keys[k].slot;
        const als__slot *sl = &h->slot[s];
        als__aset *as = &a->sets[k];
        set_of_slot[s] = k;
        char name[32];
        const char *kept = sl->fixed >= 0 ? p->sets[sl->fixed].id
                           : h->slot_name ? h->slot_name[s]
                                          : NULL;
        /* a new set takes the next S<n> that no previous set has */
        while (!kept) {
            snprintf(name, sizeof name, "S%zu", ++serial);
            if (als__strtab_find(&taken, name) == ALS__NOIDX)
                kept = name;
        }
        if (!(as->id = als__arena_strdup(&a->arena, kept)) ||
            (sl->day >= 0 && !(as->day = als__arena_strdup(
                                   &a->arena, p->days.display[sl->day]))) ||
            !(as->members =
                  als__malloc((size_t)sl->size, sizeof *as->members))) {
            als__strtab_free(&taken);
            goto nomem;
        }
        slot_id[s] = as->id;
        if (h->K) {
            as->fac = als__malloc((size_t)h->K, sizeof *as->fac);
            if (!as->fac) {
                als__strtab_free(&taken);
                goto nomem;
            }
            for (size_t j = 0; j < (size_t)h->K; j++) {
                size_t f = h->sfac[s * (size_t)h->K + j];
                if (f != ALS__NOIDX)
                    as->fac[as->nfac++] = (char *)p->fac[f].id;
            }
        }
    }
    als__strtab_free(&taken);
    for (size_t i = 0; i < p->n; i++) {
        size_t s = h->where[i];
        where[i] = s == ALS__NOIDX ? ALS__NOIDX : set_of_slot[s];
        if (where[i] != ALS__NOIDX) {
            als__aset *as = &a->sets[where[i]];
            if (!(as->members[as->n++] =
                      als__arena_strdup(&a->arena, p->app[i].id)))
                goto nomem;
        }
    }
    /* unassigned: the waiting list, highest priority first, then in the
       cohort's order (first come, first served for a sheet in order of
       submission); one reason per unit */
    size_t nun = p->nactive - (size_t)(infeasible ? 0 : h->placed);
    a->unassigned = als__calloc(nun ? nun : 1, sizeof *a->unassigned);
    char **reason = als__calloc(p->nunits ? p->nunits : 1, sizeof *reason);
    wkey *wait = als__malloc(nun ? nun : 1, sizeof *wait);
    if (!a->unassigned || !reason || !wait) {
        free(reason);
        free(wait);
        goto nomem;
    }
    /* standby: at most 64 slots looked at per applicant on average, and
       some to spare for a short list */
    long long standby_work = 64 * (long long)p->n + 100000;
    size_t nwait = 0;
    for (size_t i = 0; i < p->n && nwait < nun; i++)
        if (!p->app[i].withdrawn && where[i] == ALS__NOIDX)
            wait[nwait++] = (wkey){p->app[i].priority, i};
    qsort(wait, nwait, sizeof *wait, cmp_wkey);
    if (nwait && als__reasons_init(&rs, h) != ALS_OK) {
        free(reason);
        free(wait);
        goto nomem;
    }
    for (size_t w = 0; w < nwait; w++) {
        size_t i = wait[w].i;
        size_t u = p->app[i].unit;
        if (!reason[u]) {
            char buf[ALS_MESSAGE_MAX];
            if (infeasible && p->units[u].pin >= 0 &&
                (h->uslot[u] == ALS__NOIDX ||
                 als__slot_deficit(&h->slot[h->uslot[u]]) > 0))
                pin_reason(&rs, u, slot_id, buf, sizeof buf);
            else if (infeasible)
                snprintf(buf, sizeof buf,
                         "no allocation was made: the pins and required sets "
                         "cannot all hold (see the applicants pinned to a "
                         "set)");
            else
                als__reason(&rs, u, slot_id, buf, sizeof buf);
            if (!(reason[u] = als__arena_strdup(&a->arena, buf))) {
                free(reason);
                free(wait);
                goto nomem;
            }
        }
        if (!(a->unassigned[a->nunassigned].id =
                  als__arena_strdup(&a->arena, p->app[i].id))) {
            free(reason);
            free(wait);
            goto nomem;
        }
        als__unassigned *x = &a->unassigned[a->nunassigned++];
        x->reason = reason[u];
        size_t sb[ALS__STANDBY_MAX];
        size_t nsb = infeasible ? 0 : standby_slots(h, u, &standby_work, sb);
        if (nsb && !(x->standby = als__malloc(nsb, sizeof *x->standby))) {
            free(reason);
            free(wait);
            goto nomem;
        }
        for (size_t j = 0; j < nsb; j++)
            x->standby[x->nstandby++] = (char *)slot_id[sb[j]];
    }
    free(reason);
    free(wait);
    size_t *prev_set = NULL;
    if (run->rerun) {
        /* each continuing applicant's previous set, in this allocation's
           numbering (a previous set not open now: a number none has); the
           previous sets are slots, so the map is the slots' */
        const als__rerun *rr = run->rerun;
        prev_set = als__malloc(p->n ? p->n : 1, sizeof *prev_set);
        size_t *map = als__malloc(rr->nprev ? rr->nprev : 1, sizeof *map);
        if (!prev_set || !map) {
            free(prev_set);
            free(map);
            goto nomem;
        }
        for (size_t k = 0; k < rr->nprev; k++) {
            size_t slot =
                p->nsets ? (rr->prev_fixed[k] >= 0 ? (size_t)rr->prev_fixed[k]
                                                   : ALS__NOIDX)
                         : k;
            map[k] = slot < ns && set_of_slot[slot] != ALS__NOIDX
                         ? set_of_slot[slot]
                         : a->nsets + 1 + k;
        }
        for (size_t i = 0; i < p->n; i++) {
            size_t k = rr->app_prev[i];
            prev_set[i] =
                k == ALS__NOIDX || p->app[i].withdrawn ? ALS__NOIDX : map[k];
        }
        free(map);
    }
    int *set_fixed = als__malloc(a->nsets ? a->nsets : 1, sizeof *set_fixed);
    if (!set_fixed) {
        free(prev_set);
        goto nomem;
    }
    for (size_t k = 0; k < nopen; k++)
        set_fixed[k] = h->slot[keys[k].slot].fixed;
    rc = als__objective_compute(p, where, a->nsets, set_fixed, prev_set,
                                &a->obj);
    free(set_fixed);
    free(prev_set);
    if (rc != ALS_OK)
        goto fail;
    if (run->rerun &&
        build_changes(p, run->rerun, h->eligible, where, a) != ALS_OK)
        goto nomem;
    a->present =
        ALS__OBJ_ALL | (p->size_target != ALS_NONE ? ALS__OBJ_SIZEDEV : 0);
    /* a re-run lists its facilitator changes, also when the cohort has
       no facilitators any more but the previous sets had some */
    if (run->rerun) {
        fac_log log = {p, run->rerun->prev, a, a->nchanges, false};
        long long fc =
            als__facilitator_changes(run->rerun->prev, a, fac_logged, &log);
        if (fc < 0 || log.nomem)
            goto nomem;
        a->obj.facilitator_changes = fc;
        if (p->nfac)
            a->present |= ALS__OBJ_FACCHG;
    }
    a->seniority_pairs = p->sen_mode == ALS_SENIORITY_MIXED;
    a->status = infeasible ? ALS_SOLVE_INFEASIBLE
                : optimal  ? ALS_SOLVE_OPTIMAL
                           : ALS_SOLVE_FEASIBLE;
    a->method = method;
    a->seed = run->opts->seed;
    a->stop = run->stop != ALS_STOP_NONE         ? run->stop
              : strcmp(method, "heuristic") == 0 ? run->heur_stop
                                                 : ALS_STOP_NONE;
    a->time_s = round((als__now() - run->t0) * 1000) / 1000; /* ms */
    als__reasons_free(&rs);
    free(keys);
    free(set_of_slot);
    free(slot_id);
    free(where);
    *out = a;
    return ALS_OK;
nomem:
    rc = ALS_ENOMEM;
fail:
    als__reasons_free(&rs);
    free(keys);
    free(set_of_slot);
    free(slot_id);
    free(where);
    als_allocation_free(a);
    return rc;
}

/* Is state a better than b, tier by tier? */
static bool better_state(const als__state *a, const als__state *b)
{
    als__tiers ta = als__state_tiers(a), tb = als__state_tiers(b);
    return als__tiers_better(&ta, &tb);
}

/* A last resort, should a search end with a set short of facilitators,
   led by one who cannot make its day, or a fixed set without one it names
   (none has been seen to since the fixes to the heuristic and the
   placement state): the set takes its facilitators anew, and when too few
   are free it closes, its members left out, rather than the allocation
   fail the checker. */
/* The same kind of last resort for a re-run's newcomers attached to a
   unit (rerun.c): placed where that unit is not (it moved after they
   joined it), they wait. True when any did. */
static bool detach_strays(als__state *h)
{
    const als_problem *p = h->p;
    bool changed = false;
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if (un->attached && h->uslot[u] != ALS__NOIDX &&
            h->uslot[u] != h->uslot[un->attach_to]) {
            als__state_remove(h, u);
            changed = true;
        }
    }
    return changed;
}

static bool close_unled(als__state *h)
{
    size_t K = (size_t)h->K;
    bool changed = false;
    for (size_t s = 0; K && s < h->nslots; s++) {
        bool lacks = false;
        int day = h->slot[s].day;
        for (size_t j = 0; j < K && h->slot[s].size > 0; j++) {
            size_t f = h->sfac[s * K + j];
            lacks |= f == ALS__NOIDX || (h->p->days.n && day >= 0 &&
                                         !(h->p->fac[f].avail >> day & 1));
        }
        /* a fixed set without a facilitator it names */
        for (size_t k = 0;
             s < h->p->nsets && h->slot[s].size > 0 && k < h->p->sets[s].nfac;
             k++) {
            size_t f = h->p->set_fac[h->p->sets[s].fac_first + k], j = 0;
            while (j < K && h->sfac[s * K + j] != f)
                j++;
            lacks |= j == K;
        }
        if (!lacks)
            continue;
        changed = true;
        if (als__fac_move_day(h, s, h->slot[s].day))
            continue; /* facilitators anew, on its day */
        while (h->slot[s].nunits > 0)
            als__state_remove(h, h->slot[s].units[h->slot[s].nunits - 1]);
    }
    return changed;
}

/* The pins cannot all hold: a pinned unit left out, or a set held open by
   its pins that stays short of its minimum. */
static bool pins_broken(const als_problem *p, const als__state *h)
{
    for (size_t u = 0; u < p->nunits; u++)
        if (p->units[u].pin >= 0 && h->uslot[u] == ALS__NOIDX)
            return true;
    for (size_t s = 0; s < h->nslots; s++)
        if (als__slot_deficit(&h->slot[s]) > 0)
            return true;
    return false;
}

static void rerun_free(als__rerun *r)
{
    free(r->prev_day);
    free(r->prev_fixed);
    free(r->app_prev);
    free(r->app_slot);
    free(r->run_min);
    als__strtab_free(&r->prev_ids);
}

/* Each previous set's least size should it run on (rerun.c). */
static als_status rerun_floors(als__rerun *r, const als_problem *p,
                               als_error *err)
{
    r->run_min = als__malloc(r->nprev ? r->nprev : 1, sizeof *r->run_min);
    if (!r->run_min) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    for (size_t k = 0; k < r->nprev; k++)
        r->run_min[k] = als__running_min(
            p, r->prev_fixed[k], als__prev_continuing(p, &r->prev->sets[k]));
    return ALS_OK;
}

/* The previous allocation mapped onto this cohort. */
static als_status rerun_init(als__rerun *r, const als_problem *p,
                             const als_allocation *prev, als_error *err)
{
    r->prev = prev;
    r->nprev = prev->nsets;
    als__strtab_init(&r->prev_ids, false);
    r->prev_day = als__malloc(r->nprev ? r->nprev : 1, sizeof *r->prev_day);
    r->prev_fixed = als__malloc(r->nprev ? r->nprev : 1, sizeof *r->prev_fixed);
    r->app_prev = als__malloc(p->n ? p->n : 1, sizeof *r->app_prev);
    r->app_slot = als__malloc(p->n ? p->n : 1, sizeof *r->app_slot);
    if (!r->prev_day || !r->prev_fixed || !r->app_prev || !r->app_slot) {
        rerun_free(r);
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    for (size_t i = 0; i < p->n; i++)
        r->app_prev[i] = ALS__NOIDX;
    /* set ids once, members once, the same people (als_check_previous) */
    als_status rc = als_check_previous(p, prev, NULL, err);
    if (rc != ALS_OK) {
        rerun_free(r);
        return rc;
    }
    for (size_t k = 0; k < r->nprev; k++) {
        const als__aset *as = &prev->sets[k];
        char path[48];
        snprintf(path, sizeof path, "previous: sets[%zu]", k);
        if (!as->id) {
            rerun_free(r);
            als__error_set(err, ALS_EINVAL, path, "a set without an id");
            return ALS_EINVAL;
        }
        bool added;
        if (als__strtab_intern(&r->prev_ids, as->id, &added) == ALS__NOIDX) {
            rerun_free(r);
            als__error_set(err, ALS_ENOMEM, "", "out of memory");
            return ALS_ENOMEM;
        }
        if (!added) {
            rerun_free(r);
            als__error_set(err, ALS_EINVAL, path, "set id '%s' is used twice",
                           as->id);
            return ALS_EINVAL;
        }
        size_t d = as->day ? als__strtab_find(&p->days, as->day) : ALS__NOIDX;
        r->prev_day[k] = d == ALS__NOIDX ? -1 : (int)d;
        r->prev_fixed[k] = als__problem_fixed_find(p, as->id);
        for (size_t m = 0; m < as->n; m++) {
            size_t i = als_problem_find(p, as->members[m]);
            if (i != ALS__NOIDX && r->app_prev[i] == ALS__NOIDX)
                r->app_prev[i] = k;
        }
    }
    for (size_t i = 0; i < p->n; i++) {
        size_t k = r->app_prev[i];
        r->app_slot[i] = ALS__NOIDX;
        if (k == ALS__NOIDX || p->app[i].withdrawn)
            continue;
        if (!p->nsets)
            r->app_slot[i] = k;
        else if (r->prev_fixed[k] >= 0)
            r->app_slot[i] = (size_t)r->prev_fixed[k];
        else
            r->app_slot[i] = ALS__RERUN_NO_SLOT;
    }
    return ALS_OK;
}

/*
 * A cohort without fixed sets may pin applicants to sets of the previous
 * allocation (docs/FORMAT.md section 4), which only a re-run knows. The working
 * copy `view` shares everything with the cohort but its applicants and
 * units, copied with those pins resolved to the previous sets' slots (see
 * struct als_problem). *use is the cohort itself when no pin needs it.
 */
typedef struct pin_view {
    als_problem q;
    const char **names;
    size_t *members; /* a re-run's units split (rerun.c): q.unit_members */
    int *orgs;       /* ... and q.unit_orgs */
} pin_view;

static void pin_view_free(pin_view *v)
{
    free(v->q.app);
    free(v->q.units);
    free(v->names);
    free(v->members);
    free(v->orgs);
    memset(v, 0, sizeof *v);
}

/* A copy of the cohort's applicants and units in the working copy, unless
   it has them already. */
static bool view_own(const als_problem *p, pin_view *v, const als_problem **use)
{
    if (*use != p)
        return true;
    v->q = *p;
    v->q.app = als__malloc(p->n ? p->n : 1, sizeof *v->q.app);
    v->q.units = als__malloc(p->nunits ? p->nunits : 1, sizeof *v->q.units);
    if (!v->q.app || !v->q.units) {
        pin_view_free(v);
        return false;
    }
    memcpy(v->q.app, p->app, p->n * sizeof *v->q.app);
    memcpy(v->q.units, p->units, p->nunits * sizeof *v->q.units);
    *use = &v->q;
    return true;
}

/* A re-run: the newcomers of a unit whose other members continue are a
   unit of their own, attached to them (rerun.c), so that they join the
   running set when there is room and wait otherwise, and never take the
   others with them. */
static als_status split_units(const als_problem *p, const als__rerun *rr,
                              pin_view *v, const als_problem **use,
                              als_error *err)
{
    if (!rr)
        return ALS_OK;
    bool any = false;
    for (size_t u = 0; u < p->nunits && !any; u++) {
        const als__unit *un = &p->units[u];
        size_t cont = 0;
        for (size_t k = 0; k < un->size; k++)
            cont += rr->app_slot[p->unit_members[un->first + k]] != ALS__NOIDX;
        any = cont > 0 && cont < un->size;
    }
    if (!any)
        return ALS_OK;
    if (!view_own(p, v, use))
        goto nomem;
    als__unit *old = v->q.units, *units;
    size_t *members;
    int *orgs;
    if (als__rerun_split_units(&v->q, rr->app_slot, &units, &members, &orgs) ==
        (size_t)-1)
        goto nomem;
    free(old);
    v->members = members;
    v->orgs = orgs;
    return ALS_OK;
nomem:
    als__error_set(err, ALS_ENOMEM, "", "out of memory");
    return ALS_ENOMEM;
}

static als_status resolve_pins(const als_problem *p, const als__rerun *rr,
                               pin_view *v, const als_problem **use,
                               als_error *err)
{
    memset(v, 0, sizeof *v);
    *use = p;
    size_t first = ALS__NOIDX;
    for (size_t i = 0; i < p->n && first == ALS__NOIDX; i++)
        if (!p->app[i].withdrawn && p->app[i].pin_id)
            first = i;
    if (first == ALS__NOIDX)
        return ALS_OK;
    char path[64];
    if (!rr) {
        snprintf(path, sizeof path, "applicants[%zu].set", first);
        als__error_set(err, ALS_ESCHEMA, path,
                       "'%s' is pinned to set '%s', which is not a fixed "
                       "set: such a pin names a set of the previous "
                       "allocation, and none was given",
                       p->app[first].id, p->app[first].pin_id);
        return ALS_ESCHEMA;
    }
    als_status rc = ALS_OK;
    v->q = *p;
    v->q.app = als__malloc(p->n, sizeof *v->q.app);
    v->q.units = als__malloc(p->nunits ? p->nunits : 1, sizeof *v->q.units);
    v->names = als__calloc(rr->nprev ? rr->nprev : 1, sizeof *v->names);
    if (!v->q.app || !v->q.units || !v->names) {
        pin_view_free(v);
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    memcpy(v->q.app, p->app, p->n * sizeof *v->q.app);
    memcpy(v->q.units, p->units, p->nunits * sizeof *v->q.units);
    for (size_t k = 0; k < rr->nprev; k++)
        v->names[k] = rr->prev->sets[k].id;
    v->q.pin_names = v->names;
    for (size_t i = first; i < p->n; i++) {
        const als__applicant *a = &p->app[i];
        if (a->withdrawn || !a->pin_id)
            continue;
        size_t k = als__strtab_find(&rr->prev_ids, a->pin_id);
        if (k == ALS__NOIDX) {
            snprintf(path, sizeof path, "applicants[%zu].set", i);
            als__error_set(err, ALS_ESCHEMA, path,
                           "'%s' is pinned to set '%s', which is neither a "
                           "fixed set nor a set of the previous allocation",
                           a->id, a->pin_id);
            rc = ALS_ESCHEMA;
            break;
        }
        v->q.app[i].pin = (int)k;
        v->q.units[a->unit].pin = (int)k; /* a unit's pins agree */
    }
    if (rc != ALS_OK) {
        pin_view_free(v);
        return rc;
    }
    *use = &v->q;
    return ALS_OK;
}

static als_status solve(als_allocation **out, const als_problem *cohort,
                        const als_problem *p, const als_solve_options *opts,
                        const als__rerun *rr, als_error *err);

/*
 * One e-mail is placed at most once: a later application with the same
 * e-mail as an earlier one (in cohort order) is not placed, its reason
 * saying so, unless it is continuing in a re-run, pinned, or in a unit
 * with others (then only als_problem_warnings() tells). Marked in the
 * working copy `v` (made here when resolve_pins() made none).
 */
static als_status exclude_duplicates(const als_problem *p, const als__rerun *rr,
                                     pin_view *v, const als_problem **use,
                                     als_error *err)
{
    als__dup *d = NULL;
    size_t n = 0;
    if (als__problem_duplicates(p, &d, &n) != ALS_OK)
        goto nomem;
    for (size_t k = 0; k < n; k++) {
        size_t b = d[k].b;
        const als__applicant *ab = &p->app[b];
        if (d[k].kind != ALS__DUP_EMAIL || ab->pin >= 0 || ab->pin_id ||
            p->units[ab->unit].size != 1 ||
            (rr && rr->app_prev[b] != ALS__NOIDX))
            continue;
        if (*use == p) { /* a working copy of the units */
            v->q = *p;
            v->q.app = als__malloc(p->n ? p->n : 1, sizeof *v->q.app);
            v->q.units =
                als__malloc(p->nunits ? p->nunits : 1, sizeof *v->q.units);
            if (!v->q.app || !v->q.units) {
                pin_view_free(v);
                goto nomem;
            }
            memcpy(v->q.app, p->app, p->n * sizeof *v->q.app);
            memcpy(v->q.units, p->units, p->nunits * sizeof *v->q.units);
            *use = &v->q;
        }
        v->q.units[ab->unit].duplicate = true;
        v->q.units[ab->unit].dup_of = d[k].a;
    }
    free(d);
    return ALS_OK;
nomem:
    free(d);
    als__error_set(err, ALS_ENOMEM, "", "out of memory");
    return ALS_ENOMEM;
}

als_status als_solve(als_allocation **out, const als_problem *p,
                     const als_solve_options *opts, als_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !p) {
        als__error_set(err, ALS_EINVAL, "", "out and problem must not be NULL");
        return ALS_EINVAL;
    }
    als_solve_options defaults;
    if (!opts) {
        als_solve_options_init(&defaults, p);
        opts = &defaults;
    }
    als_status rc = check_options(opts, err);
    if (rc != ALS_OK)
        return rc;
    als__rerun rerun;
    memset(&rerun, 0, sizeof rerun);
    if (opts->previous) {
        rc = rerun_init(&rerun, p, opts->previous, err);
        if (rc != ALS_OK)
            return rc;
        rc = rerun_floors(&rerun, p, err);
        if (rc != ALS_OK) {
            rerun_free(&rerun);
            return rc;
        }
    }
    const als__rerun *rr = opts->previous ? &rerun : NULL;
    pin_view view;
    const als_problem *q = p;
    rc = resolve_pins(p, rr, &view, &q, err);
    if (rc == ALS_OK)
        rc = exclude_duplicates(p, rr, &view, &q, err);
    if (rc == ALS_OK)
        rc = split_units(p, rr, &view, &q, err);
    if (rc == ALS_OK)
        rc = solve(out, p, q, opts, rr, err);
    pin_view_free(&view);
    if (opts->previous)
        rerun_free(&rerun);
    return rc;
}

/* The re-run tiers of a state, from the previous sets as the solvers'
   slots (a continuing applicant whose previous set cannot open moves
   wherever they are placed, as the objective counts it). */
static void rerun_figures(const als_problem *p, const als__rerun *rr,
                          als__state *h)
{
    h->cont = h->moves = 0;
    for (size_t i = 0; i < p->n; i++) {
        size_t prev = rr->app_slot[i];
        if (prev == ALS__NOIDX || h->where[i] == ALS__NOIDX)
            continue;
        h->cont++;
        h->moves += h->where[i] != prev;
    }
}

/* als_solve() once the options are checked: `p` is the cohort to solve
   (`cohort`, or its working copy with pins resolved), `cohort` what the
   result is checked against. */
static als_status solve(als_allocation **out, const als_problem *cohort,
                        const als_problem *p, const als_solve_options *opts,
                        const als__rerun *rr, als_error *err)
{
    als_status rc;
    als__run run;
    memset(&run, 0, sizeof run);
    run.opts = opts;
    run.t0 = als__now();
    run.deadline = run.t0 + opts->time_limit_s;
    run.next_progress = run.t0 + opts->progress_interval_s;
    run.phase = "start";
    run.rerun = rr;
    /* the heuristic runs at full effort even when the exact solver follows:
       its allocation is GLPK's first incumbent, and the one kept when GLPK
       finds nothing better in time. On the small cohorts the exact solver
       takes, full effort costs about a tenth of a second; a tenth of it
       missed the optimum of a 12-element MDGPLIB instance that GLPK could
       not then find within 10 s. */
    /* the heuristic goes on up to the work its time limit buys only when
       no exact solver follows (auto takes small cohorts exactly) */
    run.extend =
        opts->method == ALS_METHOD_HEURISTIC ||
        (opts->method == ALS_METHOD_AUTO && p->nunits > ALS__AUTO_BP_UNITS);
    als__state h;
    rc = als__heuristic(p, &run, &h);
    if (rc != ALS_OK) {
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    close_unled(&h);
    /* the exact solver: asked for, or small enough for auto */
    size_t eligible = 0;
    for (size_t u = 0; u < p->nunits; u++)
        eligible += h.eligible[u];
    bool exact = opts->method == ALS_METHOD_EXACT ||
                 (opts->method == ALS_METHOD_AUTO &&
                  (eligible <= ALS__AUTO_EXACT_UNITS ||
                   (eligible <= ALS__AUTO_BP_UNITS &&
                    als__colgen_applies(p, &run, &h))));
    if (rr)
        rerun_figures(p, rr, &h);
    als__exact_result xr;
    memset(&xr, 0, sizeof xr);
    const char *method = "heuristic";
    bool optimal = false, infeasible = pins_broken(p, &h);
    if (exact && eligible == 0) {
        method = "exact"; /* nobody can be placed: nothing to search */
        optimal = !infeasible;
    } else if (exact && run.stop == ALS_STOP_NONE) {
        als__state e;
        run.phase = "exact";
        /* auto gives the exact solver a fifth of the time limit (at least
           a second): small cohorts are proven in well under that, and the
           few that are not should not keep the caller waiting */
        double deadline = run.deadline;
        if (opts->method == ALS_METHOD_AUTO) {
            double share =
                opts->time_limit_s * 0.2 > 1 ? opts->time_limit_s * 0.2 : 1;
            if (als__now() + share < run.deadline)
                run.deadline = als__now() + share;
        }
        rc = als__exact(p, &run, &h, &e, &xr, err);
        run.deadline = deadline;
        if (rc == ALS_OK) {
            method = "exact";
            if (xr.end == ALS__EXACT_INFEASIBLE ||
                xr.end == ALS__EXACT_OPTIMAL || better_state(&e, &h)) {
                als__state_free(&h);
                h = e;
            } else {
                als__state_free(&e);
            }
            infeasible = xr.end == ALS__EXACT_INFEASIBLE || pins_broken(p, &h);
            optimal = xr.end == ALS__EXACT_OPTIMAL;
            if (xr.end == ALS__EXACT_STOPPED && run.stop == ALS_STOP_NONE)
                run.stop = ALS_STOP_TIME_LIMIT;
            else if (xr.end == ALS__EXACT_GAVE_UP && run.stop == ALS_STOP_NONE)
                run.stop = ALS_STOP_INCOMPLETE;
        } else if (opts->method == ALS_METHOD_EXACT) {
            als__state_free(&h);
            return rc;
        } else {
            rc = ALS_OK; /* auto: the heuristic's allocation stands */
        }
    }
    bool detached = detach_strays(&h); /* both, whatever the first did */
    if (close_unled(&h) || detached) {
        optimal = false;
        infeasible = infeasible || pins_broken(p, &h);
    }
    /* the combinatorial bound (bound.c), whichever solver answered: an
       answer that meets it is optimal */
    bool cb = false;
    double cbound = 0;
    if (!infeasible && !optimal &&
        (rc = als__state_bound(&h, &cb, &cbound)) != ALS_OK) {
        als__state_free(&h);
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    als__tiers final = als__state_tiers(&h);
    if (cb && als__tiers_meet_bound(&final, cbound))
        optimal = true;
    if (xr.has_bound && (!cb || cbound < xr.bound))
        cbound = xr.bound;
    cb = cb || xr.has_bound;
    als_allocation *a = NULL;
    rc = build_allocation(p, &h, &run, infeasible, method, optimal, &a);
    als__state_free(&h);
    if (rc == ALS_OK && (rc = als__allocation_add_names(a, cohort)) != ALS_OK) {
        als_allocation_free(a);
        a = NULL;
    }
    if (rc == ALS_OK && !infeasible && (optimal || cb)) {
        a->has_bound = true;
        a->bound = optimal ? a->obj.penalty : cbound;
        double scale = fabs(a->obj.penalty) > 1 ? fabs(a->obj.penalty) : 1;
        a->gap = optimal ? 0 : (a->obj.penalty - a->bound) / scale;
        if (a->gap < 0)
            a->gap = 0;
    }
    if (rc != ALS_OK) {
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    /* the final word belongs to the independent checker */
    if (a->status != ALS_SOLVE_INFEASIBLE) {
        als_diag *d = NULL;
        size_t bad = 0;
        rc = als_diag_new(&d);
        if (rc == ALS_OK)
            rc = als_check(cohort, a, opts->previous, d, &bad, NULL, err);
        if (rc == ALS_OK && bad) {
            const als_error *e = als_diag_get(d, 0);
            als__error_set(err, ALS_ESOLVER, e ? e->path : "",
                           "internal error: the solver produced an invalid "
                           "allocation: %s",
                           e ? e->message : "");
            rc = ALS_ESOLVER;
        }
        als_diag_free(d);
        if (rc != ALS_OK) {
            als_allocation_free(a);
            return rc;
        }
    }
    if (opts->progress) {
        als_progress pr = {als__now() - run.t0, a->obj.placed, a->obj.priority,
                           a->obj.penalty, "done"};
        opts->progress(opts->progress_user, &pr);
    }
    *out = a;
    return ALS_OK;
}
