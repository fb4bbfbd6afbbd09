/*
 * The placement state: see state.h.
 */
#include "state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
        sl->target = als__problem_target(p, sl->fixed);
        als__setstat_init(&sl->st);
        h->deficit += als__slot_deficit(sl);
    }
    for (size_t u = 0; u < p->nunits; u++) {
        h->uslot[u] = ALS__NOIDX;
        h->upos[u] = ALS__NOIDX;
    }
    if (!als__fac_init(h)) {
        als__state_free(h);
        return false;
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
    free(h->pairsum);
    free(h->inner);
    free(h->unitw);
    free(h->eligible);
    free(h->unpl);
    free(h->where);
    free((void *)h->prev);
    free(h->only);
    free(h->dependent);
    free((void *)h->slot_name);
    als__fac_free(h);
    memset(h, 0, sizeof *h);
}

uint64_t als__state_days(const als__state *h, size_t u, size_t s)
{
    const als_problem *p = h->p;
    const als__slot *sl = &h->slot[s];
    if (p->days.n == 0)
        return !h->K || sl->size > 0 || als__fac_can_open(h, s, -1, u);
    uint64_t avail = p->units[u].avail & als__all_days(p->days.n);
    if (sl->size > 0)
        return sl->day >= 0 ? avail & ((uint64_t)1 << sl->day) : 0;
    if (sl->day_lock >= 0)
        avail &= (uint64_t)1 << sl->day_lock;
    if (h->K) /* a set opens only with its facilitators */
        for (uint64_t m = avail; m; m &= m - 1) {
            int d = __builtin_ctzll(m);
            if (!als__fac_can_open(h, s, d, u))
                avail &= ~((uint64_t)1 << d);
        }
    return avail;
}

bool als__state_fits(const als__state *h, size_t u, size_t s)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    const als__slot *sl = &h->slot[s];
    if (un->pin >= 0 && (size_t)un->pin != s)
        return false; /* pins name slots (see struct als_problem) */
    if (h->only && h->only[u] != ALS__NOIDX && h->only[u] != s)
        return false;
    /* a re-run's newcomers attached to a unit join it where it is */
    if (un->attached && h->uslot[un->attach_to] != s)
        return false;
    if (p->org_mode == ALS_ORG_DISTINCT)
        for (size_t k = 0; k < un->org_count; k++) {
            int org = p->unit_orgs[un->org_first + k];
            int units = als__counts_get(&sl->st.orgs, org);
            /* newcomers attached to a unit in s are of that unit */
            if (units == 1 && un->attached && h->uslot[un->attach_to] == s &&
                als__counts_get(&sl->st.org_units,
                                (int64_t)org * (int64_t)(p->nunits + 1) +
                                    (int64_t)un->attach_to) > 0)
                continue;
            if (units > 0)
                return false;
        }
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
    return !h->K || als__fac_can_join(h, u, s);
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

/* The guide term of a set's figures (see als__state.guide_w). */
static double guide_of(const als__state *h, const als__setstat *st)
{
    if (h->guide_w == 0)
        return 0;
    double all = (double)st->size * (double)(st->size - 1) / 2;
    return h->guide_w * (all - (double)st->level_pairs);
}

static void refresh(als__state *h, als__slot *sl, long long old_deficit,
                    int old_size)
{
    double pen = als__setstat_penalty(&sl->st, h->p);
    h->penalty += pen - sl->pen;
    sl->pen = pen;
    double g = guide_of(h, &sl->st);
    h->guide += g - sl->guide;
    sl->guide = g;
    h->deficit += als__slot_deficit(sl) - old_deficit;
    h->sizedev +=
        als__slot_sizedev(sl, sl->size) - als__slot_sizedev(sl, old_size);
    if (old_size == 0 && sl->size > 0)
        h->open++;
    else if (old_size > 0 && sl->size == 0) {
        h->open--;
        sl->day = sl->day_lock;
        sl->pen = 0; /* exact zero, whatever rounding left */
        sl->guide = 0;
    }
}

bool als__state_track_pairs(als__state *h, size_t max_cells)
{
    const als_problem *p = h->p;
    if (p->npairs == 0 || p->nunits == 0 || h->nslots == 0 || h->placed ||
        h->pairsum || p->nunits > max_cells / h->nslots)
        return true;
    h->pairsum = als__calloc(p->nunits * h->nslots, sizeof *h->pairsum);
    h->inner = als__calloc(p->nunits, sizeof *h->inner);
    if (!h->pairsum || !h->inner) {
        free(h->pairsum);
        free(h->inner);
        h->pairsum = h->inner = NULL;
        return false;
    }
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        const size_t *m = p->unit_members + un->first;
        for (size_t k = 0; k < un->size; k++)
            for (size_t q = p->adj_off[m[k]]; q < p->adj_off[m[k] + 1]; q++)
                if (p->app[p->adj[q].other].unit == u)
                    h->inner[u] += p->adj[q].w;
        h->inner[u] /= 2; /* each inner pair seen from both ends */
    }
    size_t nu = p->nunits;
    if (nu <= 2048 && (h->unitw = als__calloc(nu * nu, sizeof *h->unitw)))
        for (size_t i = 0; i < p->n; i++) {
            size_t u = p->app[i].unit;
            for (size_t q = p->adj_off[i]; q < p->adj_off[i + 1]; q++) {
                size_t v = p->app[p->adj[q].other].unit;
                if (u != ALS__NOIDX && v != ALS__NOIDX && u != v)
                    h->unitw[u * nu + v] += p->adj[q].w;
            }
        }
    bool counted =
        (p->sector_mode == ALS_SECTOR_BALANCE && p->sector_weight != 0) ||
        (p->org_mode == ALS_ORG_PREFER_DISTINCT && p->org_weight != 0) ||
        ((p->sen_mode == ALS_SENIORITY_SIMILAR ||
          p->sen_mode == ALS_SENIORITY_MIXED) &&
         p->sen_weight != 0);
    h->pairs_only = !counted && p->org_mode != ALS_ORG_DISTINCT &&
                    p->max_spread == ALS_NONE && p->apart_off[p->n] == 0;
    return true;
}

/* Ticks (als__state.ticks) of placing or taking out unit u: its members
   and their pairs, or a row of the dense pair table. */
static unsigned long long unit_ticks(const als__state *h, size_t u)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    if (h->unitw)
        return 8 + p->nunits / 32;
    unsigned long long t = 8;
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++)
        t += 2 + p->adj_off[m[k] + 1] - p->adj_off[m[k]];
    return t;
}

/* Pair weight between unit u and the members of s that are not u's. */
static double pairs_to(const als__state *h, size_t u, size_t s)
{
    if (h->pairsum)
        return h->pairsum[s * h->p->nunits + u];
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    double w = 0;
    for (size_t k = 0; k < un->size; k++)
        for (size_t q = p->adj_off[m[k]]; q < p->adj_off[m[k] + 1]; q++) {
            size_t j = p->adj[q].other;
            if (h->where[j] == s && p->app[j].unit != u)
                w += p->adj[q].w;
        }
    return w;
}

/* Pair weight between the members of units u and v (the adjacency lists
   are sorted by partner). */
static double pairs_between(const als__state *h, size_t u, size_t v)
{
    const als_problem *p = h->p;
    if (h->unitw && u != v)
        return h->unitw[u * p->nunits + v];
    const als__unit *un = &p->units[u], *vn = &p->units[v];
    const size_t *mu = p->unit_members + un->first;
    const size_t *mv = p->unit_members + vn->first;
    double w = 0;
    for (size_t a = 0; a < un->size; a++)
        for (size_t b = 0; b < vn->size; b++) {
            size_t lo = p->adj_off[mu[a]], hi = p->adj_off[mu[a] + 1];
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (p->adj[mid].other < mv[b])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < p->adj_off[mu[a] + 1] && p->adj[lo].other == mv[b])
                w += p->adj[lo].w;
        }
    return w;
}

/* Unit u's pairs move with it: every partner's sum for slot s changes by
   `sign` times the pair's weight. */
static void spread_pairs(als__state *h, size_t u, size_t s, double sign)
{
    const als_problem *p = h->p;
    if (h->unitw) { /* dense: one pass over u's row, vectorised */
        double *restrict to = h->pairsum + s * p->nunits;
        const double *restrict w = h->unitw + u * p->nunits;
        if (sign > 0)
            for (size_t v = 0; v < p->nunits; v++)
                to[v] += w[v];
        else
            for (size_t v = 0; v < p->nunits; v++)
                to[v] -= w[v];
        return;
    }
    const als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++)
        for (size_t q = p->adj_off[m[k]]; q < p->adj_off[m[k] + 1]; q++) {
            size_t v = p->app[p->adj[q].other].unit;
            if (v != u && v != ALS__NOIDX)
                h->pairsum[s * p->nunits + v] += sign * p->adj[q].w;
        }
}

/* Counts only, and where[]: a placement for pricing, undone at once. */
static bool light_add(als__state *h, size_t s, size_t u)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++) {
        if (!als__setstat_add_counts(&h->slot[s].st, p, m[k])) {
            while (k-- > 0) {
                h->where[m[k]] = ALS__NOIDX;
                als__setstat_remove_counts(&h->slot[s].st, p, m[k]);
            }
            return false;
        }
        h->where[m[k]] = s;
    }
    return true;
}

static void light_remove(als__state *h, size_t s, size_t u)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++) {
        h->where[m[k]] = ALS__NOIDX;
        als__setstat_remove_counts(&h->slot[s].st, p, m[k]);
    }
}

/* The slot's penalty were its pair weight `pw` (0 when empty, as
   refresh() keeps it); its guide term added to *g. */
static double priced(const als__state *h, als__slot *sl, double pw, double *g)
{
    if (sl->st.size == 0)
        return 0;
    double keep = sl->st.pair_weight;
    sl->st.pair_weight = pw;
    double pen = als__setstat_penalty(&sl->st, h->p);
    *g += guide_of(h, &sl->st);
    sl->st.pair_weight = keep;
    return pen;
}

double als__state_peek_move(als__state *h, size_t u, size_t t, double *dg)
{
    *dg = 0;
    size_t s = h->uslot[u];
    h->ticks += h->pairs_only && h->pairsum ? 2 : 2 + unit_ticks(h, u);
    if (h->pairs_only && h->pairsum)
        return pairs_to(h, u, t) - pairs_to(h, u, s);
    als__slot *src = &h->slot[s], *dst = &h->slot[t];
    double inner = h->inner ? h->inner[u] : 0;
    if (!h->inner) /* without pair sums: the pairs inside u, once */
        inner = pairs_between(h, u, u) / 2;
    double out = pairs_to(h, u, s) + inner, in = pairs_to(h, u, t) + inner;
    double before = src->pen + dst->pen, g = 0;
    light_remove(h, s, u);
    double ps = priced(h, src, src->st.pair_weight - out, &g);
    if (!light_add(h, t, u)) {
        light_add(h, s, u); /* puts back what was just taken: no alloc */
        return NAN;
    }
    double pt = priced(h, dst, dst->st.pair_weight + in, &g);
    light_remove(h, t, u);
    light_add(h, s, u);
    *dg = g - src->guide - dst->guide;
    return ps + pt - before;
}

double als__state_peek_swap(als__state *h, size_t u, size_t v, double *dg)
{
    *dg = 0;
    const als_problem *p = h->p;
    size_t s = h->uslot[u], t = h->uslot[v];
    h->ticks += h->pairs_only && h->pairsum && h->unitw
                    ? 4
                    : 4 + unit_ticks(h, u) + unit_ticks(h, v);
    if (h->pairs_only && h->pairsum && h->unitw)
        return pairs_to(h, u, t) - pairs_to(h, u, s) + pairs_to(h, v, s) -
               pairs_to(h, v, t) - 2 * h->unitw[u * p->nunits + v];
    als__slot *ss = &h->slot[s], *ts = &h->slot[t];
    double iu = h->inner ? h->inner[u] : pairs_between(h, u, u) / 2;
    double iv = h->inner ? h->inner[v] : pairs_between(h, v, v) / 2;
    double uv = pairs_between(h, u, v);
    double pw_s = ss->st.pair_weight - (pairs_to(h, u, s) + iu) +
                  (pairs_to(h, v, s) - uv + iv);
    double pw_t = ts->st.pair_weight - (pairs_to(h, v, t) + iv) +
                  (pairs_to(h, u, t) - uv + iu);
    double before = ss->pen + ts->pen, d = NAN, g = 0;
    light_remove(h, s, u);
    light_remove(h, t, v);
    if (als__state_fits(h, u, t) && als__state_fits(h, v, s)) {
        if (light_add(h, s, v)) {
            if (light_add(h, t, u)) {
                d = priced(h, ss, pw_s, &g) + priced(h, ts, pw_t, &g) - before;
                *dg = g - ss->guide - ts->guide;
                light_remove(h, t, u);
            }
            light_remove(h, s, v);
        }
    }
    light_add(h, t, v);
    light_add(h, s, u);
    return d;
}

/* The attached newcomers of the pair u belongs to (as newcomers or as
   their unit), or NOIDX. */
static size_t pair_of(const als__state *h, size_t u)
{
    if (h->p->units[u].attached)
        return u;
    return h->dependent ? h->dependent[u] : ALS__NOIDX;
}

/* 1 when attached newcomers d are placed where their unit is not. */
static int stray(const als__state *h, size_t d)
{
    size_t at = h->uslot[d];
    return at != ALS__NOIDX && at != h->uslot[h->p->units[d].attach_to];
}

bool als__state_add(als__state *h, size_t s, size_t u, int day)
{
    size_t pair = pair_of(h, u);
    int was_stray = pair != ALS__NOIDX ? stray(h, pair) : 0;
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    als__slot *sl = &h->slot[s];
    if (!als__grow((void **)&sl->units, &sl->capunits, sl->nunits + 1,
                   sizeof *sl->units))
        return false;
    h->ticks += unit_ticks(h, u);
    const size_t *m = p->unit_members + un->first;
    if (h->pairsum) {
        if (!light_add(h, s, u))
            return false;
        sl->st.pair_weight += h->pairsum[s * h->p->nunits + u] + h->inner[u];
        spread_pairs(h, u, s, 1);
    }
    for (size_t k = 0; k < un->size && !h->pairsum; k++) {
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
    h->fac_version += h->fac_rules; /* who may lead the set changed */
    if (pair != ALS__NOIDX)
        h->strays += stray(h, pair) - was_stray;
    if (h->K && old_size == 0)
        als__fac_opened(h, s, u);
    else if (h->K)
        als__fac_joined(h, s, u);
    return true;
}

void als__state_remove(als__state *h, size_t u)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    size_t s = h->uslot[u];
    if (s == ALS__NOIDX)
        return;
    size_t pair = pair_of(h, u);
    int was_stray = pair != ALS__NOIDX ? stray(h, pair) : 0;
    als__slot *sl = &h->slot[s];
    const size_t *m = p->unit_members + un->first;
    h->ticks += unit_ticks(h, u);
    if (h->pairsum) {
        light_remove(h, s, u);
        spread_pairs(h, u, s, -1);
        sl->st.pair_weight -= h->pairsum[s * h->p->nunits + u] + h->inner[u];
    }
    for (size_t k = 0; k < un->size; k++) {
        if (!h->pairsum) {
            h->where[m[k]] = ALS__NOIDX;
            als__setstat_remove(&sl->st, p, m[k], h->where, s);
        }
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
    h->fac_version += h->fac_rules;
    if (pair != ALS__NOIDX)
        h->strays += stray(h, pair) - was_stray;
    if (h->K && sl->size == 0) /* before refresh() forgets the day */
        als__fac_closed(h, s);
    refresh(h, sl, old_deficit, old_size);
    unpl_add(h, u);
}

/* ---- which placement is better ------------------------------------- */

als__tiers als__state_tiers(const als__state *h)
{
    return (als__tiers){h->fac_missing, h->strays,      h->deficit, h->cont,
                        h->moves,       h->fac_changes, h->placed,  h->priority,
                        h->sizedev,     h->penalty,     h->guide};
}

#define FEWER(f)                                                               \
    if (a->f != b->f)                                                          \
        return a->f < b->f ? -1 : 1;
#define MORE(f)                                                                \
    if (a->f != b->f)                                                          \
        return a->f > b->f ? -1 : 1;

int als__tiers_cmp(const als__tiers *a, const als__tiers *b)
{
    FEWER(fac_missing) /* sets without facilitators */
    FEWER(strays)      /* newcomers away from their unit */
    FEWER(deficit)     /* sets short of their minimum */
    MORE(cont)         /* re-runs: keep the continuing placed */
    FEWER(moves)       /* ... where they were */
    FEWER(fac_changes) /* ... with whoever led them */
    MORE(placed)
    MORE(priority)
    FEWER(sizedev) /* with a target size */
    return 0;
}

#undef FEWER
#undef MORE

bool als__tiers_meet_bound(const als__tiers *f, double bound)
{
    return f->deficit == 0 && f->sizedev == 0 && f->fac_missing == 0 &&
           f->strays == 0 && !als__penalty_less(bound, f->penalty);
}

bool als__penalty_less(double a, double b)
{
    return a < b - 1e-9;
}

bool als__tiers_better(const als__tiers *a, const als__tiers *b)
{
    int c = als__tiers_cmp(a, b);
    return c != 0 ? c < 0 : als__penalty_less(a->penalty, b->penalty);
}
