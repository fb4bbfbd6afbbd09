/*
 * The objective of FORMAT.md, defined once. Per-set running counts
 * (als__setstat) give each set's penalty parts and let a solver evaluate a
 * move by updating only the sets it touches; als__objective_compute() adds
 * them up for a whole allocation, with the placement and re-run tiers.
 */
#include "als_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- small counters ------------------------------------------------ */

static int counts_find(const als__counts *c, int64_t key)
{
    for (int k = 0; k < c->n; k++)
        if (c->key[k] == key)
            return k;
    return -1;
}

int als__counts_get(const als__counts *c, int64_t key)
{
    int k = counts_find(c, key);
    return k < 0 ? 0 : c->cnt[k];
}

/* Increment; returns the count before, or -1 when out of memory. */
static int counts_inc(als__counts *c, int64_t key)
{
    int k = counts_find(c, key);
    if (k >= 0)
        return c->cnt[k]++;
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 4;
        int64_t *nk = als__realloc(c->key, (size_t)cap, sizeof *nk);
        if (!nk)
            return -1;
        c->key = nk;
        int *nc = als__realloc(c->cnt, (size_t)cap, sizeof *nc);
        if (!nc)
            return -1;
        c->cnt = nc;
        c->cap = cap;
    }
    c->key[c->n] = key;
    c->cnt[c->n] = 1;
    c->n++;
    return 0;
}

/* Decrement a present key; returns the count after. */
static int counts_dec(als__counts *c, int64_t key)
{
    int k = counts_find(c, key);
    if (k < 0)
        return 0;
    int after = --c->cnt[k];
    if (after == 0) {
        c->n--;
        c->key[k] = c->key[c->n];
        c->cnt[k] = c->cnt[c->n];
    }
    return after;
}

static void counts_free(als__counts *c)
{
    free(c->key);
    free(c->cnt);
    memset(c, 0, sizeof *c);
}

/* ---- per-set figures ----------------------------------------------- */

void als__setstat_init(als__setstat *s)
{
    memset(s, 0, sizeof *s);
}

void als__setstat_free(als__setstat *s)
{
    counts_free(&s->sectors);
    counts_free(&s->levels);
    counts_free(&s->org_units);
    counts_free(&s->orgs);
    memset(s, 0, sizeof *s);
}

static int64_t org_unit_key(const als_problem *p, const als__applicant *a)
{
    /* newcomers attached to a unit (a re-run's working copy, rerun.c) are
       of that unit, for organisations as in the cohort */
    size_t u =
        p->units[a->unit].attached ? p->units[a->unit].attach_to : a->unit;
    return (int64_t)a->org * (int64_t)(p->nunits + 1) + (int64_t)u;
}

bool als__setstat_add_counts(als__setstat *s, const als_problem *p, size_t i)
{
    const als__applicant *a = &p->app[i];
    /* reserve first so that a failure leaves the stat unchanged */
    int old_sector = 0, old_level = 0, old_ou = 0, old_org = 0;
    if (a->sector >= 0 && (old_sector = counts_inc(&s->sectors, a->sector)) < 0)
        return false;
    if (a->level >= 0 && (old_level = counts_inc(&s->levels, a->level)) < 0) {
        if (a->sector >= 0)
            counts_dec(&s->sectors, a->sector);
        return false;
    }
    if (a->org >= 0) {
        old_ou = counts_inc(&s->org_units, org_unit_key(p, a));
        if (old_ou == 0)
            old_org = counts_inc(&s->orgs, a->org);
        if (old_ou < 0 || old_org < 0) {
            if (old_ou == 0)
                counts_dec(&s->org_units, org_unit_key(p, a));
            if (a->sector >= 0)
                counts_dec(&s->sectors, a->sector);
            if (a->level >= 0)
                counts_dec(&s->levels, a->level);
            return false;
        }
        if (old_ou == 0)
            s->org_pairs += old_org;
    }
    s->size++;
    s->sector_pairs += old_sector;
    s->level_pairs += old_level;
    return true;
}

bool als__setstat_add(als__setstat *s, const als_problem *p, size_t i,
                      const size_t *where, size_t self)
{
    if (!als__setstat_add_counts(s, p, i))
        return false;
    for (size_t k = p->adj_off[i]; k < p->adj_off[i + 1]; k++)
        if (where[p->adj[k].other] == self)
            s->pair_weight += p->adj[k].w;
    return true;
}

void als__setstat_remove_counts(als__setstat *s, const als_problem *p, size_t i)
{
    const als__applicant *a = &p->app[i];
    s->size--;
    if (a->sector >= 0)
        s->sector_pairs -= counts_dec(&s->sectors, a->sector);
    if (a->level >= 0)
        s->level_pairs -= counts_dec(&s->levels, a->level);
    if (a->org >= 0 && counts_dec(&s->org_units, org_unit_key(p, a)) == 0)
        s->org_pairs -= counts_dec(&s->orgs, a->org);
}

void als__setstat_remove(als__setstat *s, const als_problem *p, size_t i,
                         const size_t *where, size_t self)
{
    als__setstat_remove_counts(s, p, i);
    for (size_t k = p->adj_off[i]; k < p->adj_off[i + 1]; k++)
        if (p->adj[k].other != i && where[p->adj[k].other] == self)
            s->pair_weight -= p->adj[k].w;
}

bool als__setstat_levels(const als__setstat *s, int *lo, int *hi)
{
    if (s->levels.n == 0)
        return false;
    int64_t l = s->levels.key[0], h = l;
    for (int k = 1; k < s->levels.n; k++) {
        if (s->levels.key[k] < l)
            l = s->levels.key[k];
        if (s->levels.key[k] > h)
            h = s->levels.key[k];
    }
    *lo = (int)l;
    *hi = (int)h;
    return true;
}

int als__setstat_spread(const als__setstat *s)
{
    if (s->levels.n < 2)
        return 0;
    int64_t lo = s->levels.key[0], hi = lo;
    for (int k = 1; k < s->levels.n; k++) {
        if (s->levels.key[k] < lo)
            lo = s->levels.key[k];
        if (s->levels.key[k] > hi)
            hi = s->levels.key[k];
    }
    return (int)(hi - lo);
}

void als__setstat_figures(const als__setstat *s, const als_problem *p,
                          als_objective *o)
{
    if (p->sector_mode == ALS_SECTOR_BALANCE)
        o->sector_pairs += (double)s->sector_pairs;
    if (p->org_mode == ALS_ORG_PREFER_DISTINCT)
        o->organisation_pairs += (double)s->org_pairs;
    if (p->sen_mode == ALS_SENIORITY_SIMILAR)
        o->seniority += als__setstat_spread(s);
    else if (p->sen_mode == ALS_SENIORITY_MIXED)
        o->seniority += (double)s->level_pairs;
    o->pair_weight += s->pair_weight;
}

double als__objective_penalty(const als_problem *p, const als_objective *o)
{
    return p->sector_weight * o->sector_pairs +
           p->org_weight * o->organisation_pairs +
           p->sen_weight * o->seniority + o->pair_weight;
}

double als__setstat_penalty(const als__setstat *s, const als_problem *p)
{
    als_objective o;
    memset(&o, 0, sizeof o);
    als__setstat_figures(s, p, &o);
    return als__objective_penalty(p, &o);
}

bool als__figure_equal(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-9 * scale;
}

als_status als__objective_compute(const als_problem *p, const size_t *where,
                                  size_t nsets, const int *set_fixed,
                                  const size_t *prev_set, als_objective *out)
{
    memset(out, 0, sizeof *out);
    als__setstat *st = als__calloc(nsets, sizeof *st);
    if (!st)
        return ALS_ENOMEM;
    als_status rc = ALS_OK;
    for (size_t i = 0; i < p->n; i++) {
        size_t s = where[i];
        if (s == ALS__NOIDX || p->app[i].withdrawn)
            continue;
        if (s >= nsets) {
            rc = ALS_EINVAL;
            break;
        }
        if (!als__setstat_add(&st[s], p, i, where, s)) {
            rc = ALS_ENOMEM;
            break;
        }
        out->placed++;
        out->priority += p->app[i].priority;
    }
    /* each pair was counted from both ends */
    for (size_t s = 0; s < nsets; s++) {
        st[s].pair_weight /= 2;
        if (rc == ALS_OK) {
            als__setstat_figures(&st[s], p, out);
            out->size_deviation += als__problem_size_dev(
                p, set_fixed ? set_fixed[s] : -1, (size_t)st[s].size);
        }
        als__setstat_free(&st[s]);
    }
    free(st);
    if (rc != ALS_OK)
        return rc;
    out->penalty = als__objective_penalty(p, out);
    if (prev_set) {
        for (size_t i = 0; i < p->n; i++) {
            if (prev_set[i] == ALS__NOIDX || p->app[i].withdrawn ||
                where[i] == ALS__NOIDX)
                continue;
            out->continuing++;
            if (where[i] != prev_set[i])
                out->moves++;
        }
    }
    return ALS_OK;
}
