/*
 * The report's model (report.h): the allocation checked against the cohort,
 * its sets named and listed, the waiting list grouped, the "at best"
 * figures, and each set's facts and bent rules. Every figure comes from the
 * membership: the totals are the checker's, which come from objective.c,
 * and each set is scored with the same per-set counts (als__setstat) the
 * solvers use. Nothing here defines a rule again; the only new arithmetic
 * is the "at best" figures, lower bounds on what any split of the placed
 * applicants into sets of the same sizes could reach.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long pairs_of(long long n)
{
    return n * (n - 1) / 2;
}

static int cmp_ll_asc(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return (a > b) - (a < b);
}

static int cmp_org_run(const void *x, const void *y)
{
    const org_run *a = x, *b = y;
    if (a->members != b->members)
        return a->members > b->members ? -1 : 1;
    return (a->org > b->org) - (a->org < b->org);
}

static int cmp_key(const void *x, const void *y)
{
    const key_count *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

/* Most members first, then in the cohort's order. */
static int cmp_count_desc(const void *x, const void *y)
{
    const key_count *a = x, *b = y;
    if (a->cnt != b->cnt)
        return a->cnt > b->cnt ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

/* A copy of a counter's entries, in `out` (grown as needed). */
static key_count *counts_copy(const als__counts *c, key_count **out,
                              size_t *cap)
{
    if (!als__grow((void **)out, cap, (size_t)c->n + 1, sizeof **out))
        return NULL;
    for (int k = 0; k < c->n; k++) {
        (*out)[k].key = c->key[k];
        (*out)[k].cnt = c->cnt[k];
    }
    return *out;
}

/* Does unit un share a set because it is a council's nomination (rather
   than a group given the same "together")? */
static bool council_unit(const als_problem *p, const als__unit *un)
{
    return p->council_pairs && un->council >= 0;
}

/* The pairs with sector `key` (a level when !sector) inside the units of
   the members m[0..n) (whole units, as a valid allocation has them). */
static void inside_of(const als_problem *p, const size_t *m, size_t n,
                      bool sector, int key, inside_info *out)
{
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < n; k++) {
        const als__applicant *ap = &p->app[m[k]];
        if ((sector ? ap->sector : ap->level) != key)
            continue;
        const als__unit *un = &p->units[ap->unit];
        const size_t *um = p->unit_members + un->first;
        long long before = 0; /* unit-mates of the key listed before */
        for (size_t j = 0; j < un->size && um[j] != m[k]; j++) {
            const als__applicant *o = &p->app[um[j]];
            before += (sector ? o->sector : o->level) == key;
        }
        out->pairs += before;
        if (before == 1) { /* the unit's second of the key */
            out->units++;
            if (council_unit(p, un))
                out->council = true;
            else
                out->group = true;
        }
    }
}

/* Has unit un two members of one sector (when `sector`) or of one level
   (when `level`)? */
static bool unit_has_inside(const als_problem *p, const als__unit *un,
                            bool sector, bool level)
{
    const size_t *um = p->unit_members + un->first;
    for (size_t a = 0; a < un->size; a++)
        for (size_t b = 0; b < a; b++) {
            const als__applicant *x = &p->app[um[a]], *y = &p->app[um[b]];
            if ((sector && x->sector >= 0 && x->sector == y->sector) ||
                (level && x->level >= 0 && x->level == y->level))
                return true;
        }
    return false;
}

/*
 * The per-set bounds: the least a set could score on a figure in an even
 * split of the cohort, below which no set is said to bend a rule (a set at
 * its bound is as good as any split could make it).
 *
 * For pairs of a key (same-sector pairs; same-level pairs under "mixed";
 * same-organisation pairs, counted between units): key c has total[c] of
 * the `all` placed (units, for organisations), those without a key making
 * up the rest. A set of n takes its fair share n * total[c] / all of each,
 * rounded down or up so that the counts (those without a key among them)
 * add up to n; the roundings up go where they add the fewest pairs (to
 * those without a key first, then to the keys with the smallest shares).
 * The bound is the pairs of those counts: spread as evenly as the cohort
 * allows, a set cannot do better without another doing worse.
 */
static long long set_bound_pairs(const long long *total, size_t nkeys,
                                 long long all, long long n, bool *nomem)
{
    if (all <= 0 || n <= 0 || !total)
        return 0;
    /* the floor of each key's share, for each share with a remainder */
    long long *ups = als__malloc(nkeys + 1, sizeof *ups);
    if (!ups) {
        *nomem = true;
        return 0;
    }
    long long pairs = 0, floors = 0, rest = all, nups = 0;
    bool none_up = false;
    for (size_t c = 0; c < nkeys; c++) {
        long long fl = n * total[c] / all;
        pairs += pairs_of(fl);
        floors += fl;
        rest -= total[c];
        if (n * total[c] % all)
            ups[nups++] = fl; /* rounding it up adds fl pairs */
    }
    if (rest < 0) /* a unit of several organisations counts under each */
        rest = 0;
    floors += n * rest / all;
    none_up = n * rest % all != 0;
    long long need = n - floors; /* shares to round up */
    if (none_up && need > 0)
        need--; /* one without a key adds no pair */
    qsort(ups, (size_t)nups, sizeof *ups, cmp_ll_asc);
    for (long long k = 0; k < need && k < nups; k++)
        pairs += ups[k];
    free(ups);
    return pairs;
}

/*
 * For the seniority spread (under "similar"): the least spread any m of
 * the placed applicants with a level can have (m: the set's members with
 * a level), the narrowest run of levels holding m of them. Any split
 * could give the set no less.
 */
static long long set_bound_spread(const long long *lev, long long m)
{
    if (m <= 1 || !lev)
        return 0;
    long long best = -1, held = 0;
    size_t lo = 0;
    for (size_t hi = 0; hi < ALS_MAX_LEVELS; hi++) {
        held += lev[hi];
        while (lo < hi && held - lev[lo] >= m)
            held -= lev[lo++];
        if (held >= m && (best < 0 || (long long)(hi - lo) < best))
            best = (long long)(hi - lo);
    }
    return best < 0 ? 0 : best;
}

/* Has a set of n more than its fair share of a key with `cnt` of the
   set's and total of the `all` placed? */
static bool above_share(long long cnt, long long total, long long all,
                        long long n)
{
    return cnt * all > n * total;
}

/*
 * `cnt` members of one sector (or level) in a set bend a rule only when
 * some pair of them is not inside one unit: a unit shares a set in any
 * allocation. The phrase of a bent rule then names the units among them;
 * those of a rule not bent still count in the set's penalty.
 */
static bool bent(long long cnt, const inside_info *in)
{
    return in->pairs < pairs_of(cnt);
}

/* Room for one more bend; NULL short of memory. */
static bend *bend_add(set_facts *f, bend_kind kind)
{
    if (!als__grow((void **)&f->bends, &f->cap_bends, f->nbends + 1,
                   sizeof *f->bends))
        return NULL;
    bend *b = &f->bends[f->nbends++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* The set's sectors, most members first, and those above their share
   (when the set is above its bound: set_bound_pairs()). */
static bool facts_sectors(const rpt *r, const size_t *m, size_t n, set_facts *f)
{
    const als_problem *p = r->p;
    const als__setstat *st = &f->st;
    key_count *sec = counts_copy(&st->sectors, &f->sectors, &f->cap_sectors);
    if (!sec)
        return false;
    f->nsectors = (size_t)st->sectors.n;
    qsort(sec, f->nsectors, sizeof *sec, cmp_count_desc);
    long long with_sector = 0;
    for (size_t k = 0; k < f->nsectors; k++)
        with_sector += sec[k].cnt;
    f->without_sector = (long long)n - with_sector;
    if (p->sector_mode != ALS_SECTOR_BALANCE || p->sector_weight <= 0)
        return true;
    bool nomem = false;
    long long placed = r->obj.placed;
    bool over = (long long)st->sector_pairs >
                set_bound_pairs(r->sec_total, p->sectors.n, placed,
                                (long long)n, &nomem);
    for (size_t k = 0; k < f->nsectors && sec[k].cnt >= 2; k++) {
        inside_info in;
        inside_of(p, m, n, true, (int)sec[k].key, &in);
        f->unavoidable += p->sector_weight * (double)in.pairs;
        f->inside_sector |= in.pairs > 0;
        if (!over || !bent(sec[k].cnt, &in) ||
            !above_share(sec[k].cnt, r->sec_total[sec[k].key], placed,
                         (long long)n))
            continue;
        bend *b = bend_add(f, BEND_SECTOR);
        if (!b)
            return false;
        b->members = sec[k].cnt;
        b->key = (int)sec[k].key;
        b->inside = in;
    }
    return !nomem;
}

/* The set's organisations: members of each (sorted runs) and its units,
   as the set's counts have them, and those above their share under
   prefer_distinct. */
static bool facts_organisations(const rpt *r, const size_t *m, size_t n,
                                set_facts *f)
{
    const als_problem *p = r->p;
    const als__setstat *st = &f->st;
    if (!als__grow((void **)&f->keys, &f->cap_keys, n + 1, sizeof *f->keys))
        return false;
    size_t with_org = 0;
    for (size_t k = 0; k < n; k++)
        if (p->app[m[k]].org >= 0)
            f->keys[with_org++].key = p->app[m[k]].org;
    qsort(f->keys, with_org, sizeof *f->keys, cmp_key);
    f->nruns = 0;
    for (size_t k = 0; k < with_org; k++) {
        int org = (int)f->keys[k].key;
        if (f->nruns == 0 || f->runs[f->nruns - 1].org != org) {
            if (!als__grow((void **)&f->runs, &f->cap_runs, f->nruns + 1,
                           sizeof *f->runs))
                return false;
            f->runs[f->nruns].org = org;
            f->runs[f->nruns].members = 0;
            f->runs[f->nruns].units = als__counts_get(&st->orgs, org);
            f->nruns++;
        }
        f->runs[f->nruns - 1].members++;
    }
    if (f->nruns)
        qsort(f->runs, f->nruns, sizeof *f->runs, cmp_org_run);
    f->norgs = (long long)f->nruns + (long long)(n - with_org);
    if (p->org_mode != ALS_ORG_PREFER_DISTINCT || p->org_weight <= 0)
        return true;
    long long units = 0; /* the set's units (whole, in a valid allocation) */
    for (size_t k = 0; k < n; k++)
        units += p->unit_members[p->units[p->app[m[k]].unit].first] == m[k];
    bool nomem = false;
    bool over = (long long)st->org_pairs >
                set_bound_pairs(r->org_units_total, p->orgs.n, r->placed_units,
                                units, &nomem);
    for (size_t k = 0; over && k < f->nruns && f->runs[k].members >= 2; k++) {
        const org_run *run = &f->runs[k];
        if (run->units < 2 ||
            !above_share(run->units, r->org_units_total[run->org],
                         r->placed_units, units))
            continue;
        bend *b = bend_add(f, BEND_ORG);
        if (!b)
            return false;
        b->members = run->members;
        b->key = run->org;
    }
    return !nomem;
}

/* The set's levels and spread; under similar, a spread above the least any
   split gives; under mixed, the levels above their share. */
static bool facts_seniority(const rpt *r, const size_t *m, size_t n,
                            set_facts *f)
{
    const als_problem *p = r->p;
    const als__setstat *st = &f->st;
    long long with_level = 0;
    for (int k = 0; k < st->levels.n; k++)
        with_level += st->levels.cnt[k];
    f->without_level = (long long)n - with_level;
    f->levels = als__setstat_levels(st, &f->lo, &f->hi);
    if (f->levels) {
        f->spread = als__setstat_spread(st);
        long long at_best = set_bound_spread(r->lev_total, with_level);
        if (p->sen_mode == ALS_SENIORITY_SIMILAR && p->sen_weight > 0 &&
            f->spread > at_best) {
            bend *b = bend_add(f, BEND_SPREAD);
            if (!b)
                return false;
            b->lo = f->lo;
            b->hi = f->hi;
            b->spread = f->spread;
            b->at_best = at_best;
        }
    }
    if (p->sen_mode != ALS_SENIORITY_MIXED || p->sen_weight <= 0)
        return true;
    bool nomem = false;
    long long placed = r->obj.placed;
    bool over = (long long)st->level_pairs >
                set_bound_pairs(r->lev_total, ALS_MAX_LEVELS, placed,
                                (long long)n, &nomem);
    key_count *lv = counts_copy(&st->levels, &f->keys, &f->cap_keys);
    if (!lv)
        return false;
    qsort(lv, (size_t)st->levels.n, sizeof *lv, cmp_key);
    for (int k = 0; k < st->levels.n; k++) {
        if (lv[k].cnt < 2)
            continue;
        inside_info in;
        inside_of(p, m, n, false, (int)lv[k].key, &in);
        f->unavoidable += p->sen_weight * (double)in.pairs;
        f->inside_level |= in.pairs > 0;
        if (!over || !bent(lv[k].cnt, &in) ||
            !above_share(lv[k].cnt, r->lev_total[lv[k].key], placed,
                         (long long)n))
            continue;
        bend *b = bend_add(f, BEND_LEVEL);
        if (!b)
            return false;
        b->members = lv[k].cnt;
        b->key = (int)lv[k].key;
        b->inside = in;
    }
    return !nomem;
}

/* Pairs the cohort would rather keep apart, both in set s. */
static bool facts_apart(const rpt *r, size_t s, const size_t *m, size_t n,
                        set_facts *f)
{
    const als_problem *p = r->p;
    for (size_t k = 0; k < n; k++) {
        size_t i = m[k];
        for (size_t e = p->adj_off[i]; e < p->adj_off[i + 1]; e++) {
            size_t j = p->adj[e].other;
            if (p->adj[e].w <= 0 || r->where[j] != s || j <= i)
                continue;
            bend *b = bend_add(f, BEND_APART);
            if (!b)
                return false;
            b->a = i;
            b->b = j;
            b->weight = p->adj[e].w;
        }
    }
    return true;
}

/* The units of the set holding pairs inside them that count in its
   penalty, each once. */
static void facts_holders(const rpt *r, const size_t *m, size_t n, set_facts *f)
{
    const als_problem *p = r->p;
    memset(&f->holders, 0, sizeof f->holders);
    if (f->unavoidable <= 0)
        return;
    for (size_t k = 0; k < n; k++) {
        const als__unit *un = &p->units[p->app[m[k]].unit];
        if (p->unit_members[un->first] != m[k] ||
            !unit_has_inside(p, un, f->inside_sector, f->inside_level))
            continue;
        f->holders.units++;
        if (council_unit(p, un))
            f->holders.council = true;
        else
            f->holders.group = true;
    }
}

als_status als__set_facts_fill(const rpt *r, size_t s, set_facts *f)
{
    const als_problem *p = r->p;
    const size_t *m = r->member + r->member_off[s];
    size_t n = r->member_off[s + 1] - r->member_off[s];
    als__setstat_free(&f->st);
    als__setstat_init(&f->st);
    f->nsectors = f->nruns = f->nbends = 0;
    f->unavoidable = 0;
    f->inside_sector = f->inside_level = false;
    for (size_t k = 0; k < n; k++)
        if (!als__setstat_add(&f->st, p, m[k], r->where, s))
            return ALS_ENOMEM;
    /* every pair was counted from both ends, as in objective.c */
    f->st.pair_weight /= 2;
    f->penalty = als__setstat_penalty(&f->st, p);
    if (!facts_sectors(r, m, n, f) || !facts_organisations(r, m, n, f) ||
        !facts_seniority(r, m, n, f) || !facts_apart(r, s, m, n, f))
        return ALS_ENOMEM;
    facts_holders(r, m, n, f);
    return ALS_OK;
}

void als__set_facts_free(set_facts *f)
{
    als__setstat_free(&f->st);
    free(f->sectors);
    free(f->runs);
    free(f->bends);
    free(f->keys);
    memset(f, 0, sizeof *f);
}

/*
 * The "at best" figures (bound.c) for the placed applicants split into
 * sets of the sizes opened; and the pairs inside units the report names.
 */
static als_status lower_bounds(rpt *r)
{
    const als_problem *p = r->p;
    long long k = (long long)r->a->nsets;
    memset(&r->best, 0, sizeof r->best);
    r->best_penalty = 0;
    r->inside_sector = r->inside_level = 0;
    memset(&r->inside, 0, sizeof r->inside);
    if (k == 0)
        return ALS_OK;
    /* the sizes of the sets, unless one is beyond the largest possible
       (then no gap of levels is forced) */
    size_t *sizes = als__calloc(ALS_MAX_SET_SIZE + 1, sizeof *sizes);
    if (!sizes)
        return ALS_ENOMEM;
    for (size_t s = 0; s < r->a->nsets && sizes; s++) {
        if (r->a->sets[s].n > ALS_MAX_SET_SIZE) {
            free(sizes);
            sizes = NULL;
        } else {
            sizes[r->a->sets[s].n]++;
        }
    }
    als__bound_keys keys;
    als_status rc = als__penalty_bound(p, r->where, k, sizes, &r->best, &keys);
    free(sizes);
    if (rc != ALS_OK) {
        als__bound_keys_free(&keys);
        return rc;
    }
    r->inside_sector = keys.inside_sector;
    r->inside_level = keys.inside_level;
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if (r->where[p->unit_members[un->first]] == ALS__NOIDX)
            continue;
        if (unit_has_inside(p, un, p->sector_mode == ALS_SECTOR_BALANCE,
                            p->sen_mode == ALS_SENIORITY_MIXED)) {
            r->inside.units++;
            if (council_unit(p, un))
                r->inside.council = true;
            else
                r->inside.group = true;
        }
    }
    r->best_penalty = r->best.penalty;
    for (size_t u = 0; u < p->nunits; u++)
        r->placed_units +=
            r->where[p->unit_members[p->units[u].first]] != ALS__NOIDX;
    r->sec_total = keys.sec; /* freed with the report */
    r->org_units_total = keys.org;
    r->lev_total = keys.lev;
    return ALS_OK;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * The previous allocation that `a`'s changes tell of cannot be the cohort's
 * (als_check_previous() refused it, its problems in `prevd`): fail with the
 * allocation's own violations (checked without the previous allocation),
 * or, when its sets fit, with those problems, at `changes`.
 */
static als_status changes_misfit(const rpt *r, const als_diag *prevd,
                                 als_diag *diag, als_error *err)
{
    als_diag *own = NULL;
    size_t violations = 0;
    als_status rc = als_diag_new(&own);
    if (rc == ALS_OK)
        rc = als_check(r->p, r->a, NULL, own, &violations, NULL, NULL);
    if (rc != ALS_OK) {
        als_diag_free(own);
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    als__report rep;
    als__report_init(&rep, diag, err);
    for (size_t k = 0; k < als_diag_count(own); k++) {
        const als_error *e = als_diag_get(own, k);
        if (e->severity == ALS_SEV_ERROR && !starts_with(e->path, "objective"))
            als__report_add(&rep, e);
    }
    als_diag_free(own);
    if (rep.errors == 0)
        for (size_t k = 0; k < als_diag_count(prevd); k++) {
            const als_error *e = als_diag_get(prevd, k);
            if (e->severity == ALS_SEV_ERROR)
                als__report_error(&rep, ALS_ESCHEMA, "changes",
                                  "the previous allocation the changes tell "
                                  "of: %s",
                                  e->message);
        }
    if (rep.errors == 0)
        als__report_error(&rep, ALS_ESCHEMA, "changes",
                          "the previous allocation the changes tell of "
                          "cannot be this cohort's");
    return ALS_ESCHEMA;
}

/*
 * Check the allocation against the cohort. Only violations of the
 * membership and the hard rules stop a report: the objective figures are
 * recomputed, and those of a re-run (continuing, moves) need the previous
 * allocation, which a report does not have.
 */
als_status als__rpt_validate(rpt *r, als_diag *diag, als_error *err)
{
    als_diag *d = NULL;
    als_error first;
    size_t violations = 0;
    als_status rc = als_diag_new(&d);
    if (rc != ALS_OK) {
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    /* a re-run's allocation is checked against the previous allocation its
       changes tell of: a running set may have shrunk to its floor */
    als_allocation *prev = NULL;
    rc = als__allocation_previous(r->p, r->a, &prev);
    if (rc == ALS_OK)
        rc = als_check(r->p, r->a, prev, d, &violations, &r->obj, &first);
    else
        als__error_set(&first, rc, "", "%s", als_status_str(rc));
    if (rc == ALS_ESCHEMA && prev) {
        /* refused by als_check_previous(): its problems are in d */
        als_allocation_free(prev);
        rc = changes_misfit(r, d, diag, err);
        als_diag_free(d);
        return rc;
    }
    als_allocation_free(prev);
    if (rc != ALS_OK) {
        als_diag_free(d);
        if (err)
            *err = first;
        return rc;
    }
    size_t figures = 0;
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (e->severity != ALS_SEV_ERROR || !starts_with(e->path, "objective"))
            continue;
        figures++;
        if (strcmp(e->path, "objective.continuing") != 0 &&
            strcmp(e->path, "objective.moves") != 0)
            r->stale = true;
    }
    if (violations > figures) {
        als__report rep;
        als__report_init(&rep, diag, err);
        for (size_t k = 0; k < als_diag_count(d); k++) {
            const als_error *e = als_diag_get(d, k);
            if (!starts_with(e->path, "objective"))
                als__report_add(&rep, e);
        }
        if (rep.errors == 0)
            als__error_set(err, ALS_ESCHEMA, "",
                           "the allocation breaks the cohort's rules");
        rc = ALS_ESCHEMA;
    }
    als_diag_free(d);
    return rc;
}

/* The waiting list's groups: by the days each can make (in the order
   they first appear), and its distinct reasons. */
static als_status waiting_groups(rpt *r)
{
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    size_t n = a->nunassigned ? a->nunassigned : 1;
    r->wait_group = als__malloc(n, sizeof *r->wait_group);
    r->group_days = als__malloc(n, sizeof *r->group_days);
    r->wait_reason = als__malloc(n, sizeof *r->wait_reason);
    r->reasons = als__malloc(n, sizeof *r->reasons);
    if (!r->wait_group || !r->group_days || !r->wait_reason || !r->reasons)
        return ALS_ENOMEM;
    uint64_t all = als__all_days(p->days.n);
    als__strtab seen, masks; /* reasons; day masks as 16 hex digits */
    als__strtab_init(&seen, false);
    als__strtab_init(&masks, false);
    als_status rc = ALS_OK;
    for (size_t k = 0; k < a->nunassigned && rc == ALS_OK; k++) {
        size_t i = r->unassigned[k];
        uint64_t d = p->app[i].avail & all;
        char key[20];
        snprintf(key, sizeof key, "%016llx",
                 (unsigned long long)(d == all ? ~(uint64_t)0 : d));
        bool added;
        size_t g = als__strtab_intern(&masks, key, &added);
        const char *why =
            a->unassigned[k].reason ? a->unassigned[k].reason : "";
        size_t q =
            g == ALS__NOIDX ? ALS__NOIDX : als__strtab_intern(&seen, why, NULL);
        if (q == ALS__NOIDX) {
            rc = ALS_ENOMEM;
            break;
        }
        if (added)
            r->group_days[g] = d == all ? ~(uint64_t)0 : d;
        r->wait_group[k] = g;
        r->wait_reason[k] = q;
        if (q == r->nreasons)
            r->reasons[r->nreasons++] = why; /* borrowed from a */
    }
    r->ngroups = masks.n;
    als__strtab_free(&seen);
    als__strtab_free(&masks);
    return rc;
}

/* An id libals made up for a new set ("S1", "S12"), not one a coordinator
   gave (a fixed set of the programme keeps its id). */
bool als__rpt_made_up_id(const als_problem *p, const char *id)
{
    if (als__problem_fixed_find(p, id) >= 0 || id[0] != 'S' || id[1] < '1' ||
        id[1] > '9')
        return false;
    for (const char *c = id + 2; *c; c++)
        if (*c < '0' || *c > '9')
            return false;
    return true;
}

/* The place of a set's day among the programme's days; sets without a day
   first, a day the programme does not list last. */
static size_t day_rank(const als_problem *p, const char *day)
{
    if (!day)
        return 0;
    for (size_t d = 0; d < p->days.n; d++)
        if (strcmp(p->days.display[d], day) == 0)
            return d + 1;
    size_t d = als__strtab_find(&p->days, day);
    return d == ALS__NOIDX ? p->days.n + 1 : d + 1;
}

typedef struct listing_key {
    size_t day, size, set;
} listing_key;

/* The listing order: by day, then the larger sets first, then as the
   allocation has them. */
static int cmp_listing(const void *x, const void *y)
{
    const listing_key *s = x, *t = y;
    if (s->day != t->day)
        return s->day < t->day ? -1 : 1;
    if (s->size != t->size)
        return s->size > t->size ? -1 : 1;
    return (s->set > t->set) - (s->set < t->set);
}

/*
 * The sets' listing order and names. Sets are listed by day (in the
 * programme's order), then size (larger first); a set whose id libals made
 * up is named by its place among those, "Set 1", "Set 2", ...; a set with
 * the coordinator's own id keeps it ("Set Blue", or "Set 4a" as given).
 */
static als_status set_names(rpt *r)
{
    const als_allocation *a = r->a;
    size_t n = a->nsets ? a->nsets : 1;
    r->order = als__malloc(n, sizeof *r->order);
    r->set_name = als__calloc(n, sizeof *r->set_name);
    if (!r->order || !r->set_name)
        return ALS_ENOMEM;
    listing_key *keys = als__malloc(n, sizeof *keys);
    if (!keys)
        return ALS_ENOMEM;
    for (size_t s = 0; s < a->nsets; s++) {
        keys[s] =
            (listing_key){day_rank(r->p, a->sets[s].day), a->sets[s].n, s};
        if (als__strtab_intern(&r->set_ids, a->sets[s].id, NULL) != s) {
            free(keys); /* ids are unique: the checker saw to it */
            return ALS_ENOMEM;
        }
    }
    qsort(keys, a->nsets, sizeof *keys, cmp_listing);
    for (size_t k = 0; k < a->nsets; k++)
        r->order[k] = keys[k].set;
    free(keys);
    size_t number = 0;
    for (size_t k = 0; k < a->nsets; k++) {
        size_t s = r->order[k];
        const char *id = a->sets[s].id;
        size_t cap = strlen(id) + 32;
        r->set_name[s] = als__malloc(cap, 1);
        if (!r->set_name[s])
            return ALS_ENOMEM;
        if (als__rpt_made_up_id(r->p, id))
            snprintf(r->set_name[s], cap, "Set %zu", ++number);
        else if (strncmp(id, "Set ", 4) == 0 || strncmp(id, "set ", 4) == 0)
            snprintf(r->set_name[s], cap, "%s", id);
        else
            snprintf(r->set_name[s], cap, "Set %s", id);
    }
    return ALS_OK;
}

/* How the report names the set with this id: its name when it is one of
   the allocation's sets; else (a set of the previous allocation that
   closed) the coordinator's id, or for an id libals made up "a set now
   closed" (its number would be no set's in this report). */
const char *als__rpt_set_ref(const rpt *r, const char *id)
{
    size_t s = als__strtab_find(&r->set_ids, id);
    if (s != ALS__NOIDX)
        return r->set_name[s];
    return als__rpt_made_up_id(r->p, id) ? "a set now closed" : id;
}

/* Where everyone is, in the allocation's own order. */
als_status als__rpt_build(rpt *r)
{
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    size_t total = 0;
    for (size_t s = 0; s < a->nsets; s++)
        total += a->sets[s].n;
    r->where = als__malloc(p->n ? p->n : 1, sizeof *r->where);
    r->member = als__malloc(total ? total : 1, sizeof *r->member);
    r->member_off = als__malloc(a->nsets + 1, sizeof *r->member_off);
    r->unassigned =
        als__malloc(a->nunassigned ? a->nunassigned : 1, sizeof *r->unassigned);
    if (!r->where || !r->member || !r->member_off || !r->unassigned)
        return ALS_ENOMEM;
    for (size_t i = 0; i < p->n; i++) {
        r->where[i] = ALS__NOIDX;
        if (p->app[i].priority != 0 && !p->app[i].withdrawn)
            r->priorities = true;
    }
    size_t at = 0;
    for (size_t s = 0; s < a->nsets; s++) {
        r->member_off[s] = at;
        for (size_t k = 0; k < a->sets[s].n; k++) {
            size_t i = als_problem_find(p, a->sets[s].members[k]);
            if (i == ALS__NOIDX)
                return ALS_ESCHEMA; /* the checker has ruled this out */
            r->where[i] = s;
            r->member[at++] = i;
        }
    }
    r->member_off[a->nsets] = at;
    if (set_names(r) != ALS_OK)
        return ALS_ENOMEM;
    for (size_t k = 0; k < a->nunassigned; k++) {
        r->unassigned[k] = als_problem_find(p, a->unassigned[k].id);
        if (r->unassigned[k] == ALS__NOIDX)
            return ALS_ESCHEMA;
    }
    r->change_of = als__malloc(p->n ? p->n : 1, sizeof *r->change_of);
    if (!r->change_of)
        return ALS_ENOMEM;
    if (waiting_groups(r) != ALS_OK)
        return ALS_ENOMEM;
    for (size_t i = 0; i < p->n; i++)
        r->change_of[i] = ALS__NOIDX;
    for (size_t k = 0; k < a->nchanges; k++) {
        size_t i = als_problem_find(p, a->changes[k].id);
        if (i != ALS__NOIDX)
            r->change_of[i] = k;
        if (a->changes[k].from && a->changes[k].to)
            r->nmoved++;
        else if (a->changes[k].to)
            r->njoined++;
        else
            r->nleft++;
    }
    return lower_bounds(r);
}

void als__rpt_free(rpt *r)
{
    free(r->where);
    free(r->member);
    free(r->member_off);
    free(r->unassigned);
    free(r->change_of);
    free(r->wait_group);
    free(r->group_days);
    free(r->wait_reason);
    free(r->reasons);
    free(r->sec_total);
    free(r->org_units_total);
    free(r->lev_total);
    for (size_t s = 0; r->set_name && s < r->a->nsets; s++)
        free(r->set_name[s]);
    free(r->set_name);
    free(r->order);
    als__strtab_free(&r->set_ids);
}
