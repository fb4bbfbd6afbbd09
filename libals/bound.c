/*
 * Lower bounds on the penalty: the least each figure of the objective
 * (objective.c) could be for a given set of placed applicants dealt into
 * sets. The report states them as "at best" figures for an allocation's
 * own sets; the solvers state them as the bound of their answer, and the
 * heuristic stops when it meets one (its answer is then optimal).
 */
#include "state.h"

#include <stdlib.h>
#include <string.h>

static long long pairs_of(long long n)
{
    return n * (n - 1) / 2;
}

long long als__even_split_pairs(long long n, long long k)
{
    if (k <= 0)
        return 0;
    long long q = n / k, r = n % k;
    return r * pairs_of(q + 1) + (k - r) * pairs_of(q);
}

long long als__key_pairs_bound(long long members, long long units,
                               long long inside, long long k)
{
    long long by_members = als__even_split_pairs(members, k);
    long long by_units = inside + als__even_split_pairs(units, k);
    return by_members > by_units ? by_members : by_units;
}

/* The pairs of members of unit un with the same sector (or, with `sector`
   false, the same level), by key: the unit is counted once in units[] for
   each key its members have, and its same-key pairs in inside[]. */
static void unit_key_pairs(const als_problem *p, const als__unit *un,
                           bool sector, long long *units, long long *inside)
{
    const size_t *m = p->unit_members + un->first;
    for (size_t a = 0; a < un->size; a++) {
        int key = sector ? p->app[m[a]].sector : p->app[m[a]].level;
        if (key < 0)
            continue;
        bool first = true;
        for (size_t b = 0; b < a; b++) {
            int other = sector ? p->app[m[b]].sector : p->app[m[b]].level;
            if (other == key) {
                inside[key]++;
                first = false;
            }
        }
        /* counted at its first member of this key */
        if (first)
            units[key]++;
    }
}

uint64_t *als__subset_sums(const size_t *count, size_t total, bool *nomem)
{
    size_t words = total / 64 + 1, items = 0;
    for (size_t v = 1; v <= ALS_MAX_SET_SIZE; v++)
        for (size_t m = count[v]; m; m >>= 1)
            items++;
    if (items > 100000000 / words) /* too long to work out */
        return NULL;
    uint64_t *bits = als__calloc(words, sizeof *bits);
    if (!bits) {
        *nomem = true;
        return NULL;
    }
    bits[0] = 1;
    /* each size v with multiplicity m as items v*1, v*2, v*4, ..., rest */
    for (size_t v = 1; v <= ALS_MAX_SET_SIZE; v++) {
        size_t m = count[v];
        for (size_t k = 1; m > 0; k <<= 1) {
            size_t take = k < m ? k : m;
            m -= take;
            size_t shift = v * take;
            if (shift > total)
                continue;
            size_t q = shift / 64, rbits = shift % 64;
            for (size_t i = words; i-- > q;) {
                size_t src = i - q;
                uint64_t val = bits[src] << rbits;
                if (rbits && src > 0)
                    val |= bits[src - 1] >> (64 - rbits);
                bits[i] |= val;
            }
        }
    }
    return bits;
}

/* Some bit in lo..hi is set. */
static bool any_bit(const uint64_t *bits, size_t lo, size_t hi)
{
    for (size_t x = lo; x <= hi;) {
        if (x % 64 == 0 && hi - x >= 63) {
            if (bits[x / 64])
                return true;
            x += 64;
        } else {
            if ((bits[x / 64] >> (x % 64)) & 1)
                return true;
            x++;
        }
    }
    return false;
}

static int cmp_ll_desc(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return (a < b) - (a > b);
}

/*
 * Least summed seniority spread of `total` placed applicants, lev[l] of
 * them at level l, in k sets. A set's spread covers the gaps between the
 * levels present that lie within its range, so the sum is at least the
 * gaps covered. A gap is covered when some set holds people on both sides
 * of it, which is forced when no choice of sets can hold exactly the
 * people below it (with any of those without a level as filler; `reach`,
 * the subset sums of the set sizes, NULL when unknown: then no gap is
 * forced); and k sets leave at most k-1 gaps uncovered, the widest at
 * best.
 */
static long long spread_bound(const long long *lev, long long k, size_t total,
                              const uint64_t *reach, bool *nomem)
{
    long long with_level = 0;
    for (size_t l = 0; l < ALS_MAX_LEVELS; l++)
        with_level += lev[l];
    if (k == 0 || with_level == 0)
        return 0;
    size_t filler = total - (size_t)with_level;
    long long *free_gaps = als__calloc(ALS_MAX_LEVELS, sizeof *free_gaps);
    if (!free_gaps) { /* not a weaker figure: no figure */
        *nomem = true;
        return 0;
    }
    long long bound = 0, nfree = 0, below = 0, last = -1;
    for (long long l = 0; l < (long long)ALS_MAX_LEVELS; l++) {
        if (!lev[l])
            continue;
        if (last >= 0) {
            size_t lo = (size_t)below, hi = lo + filler;
            if (hi > total)
                hi = total;
            if (reach && !any_bit(reach, lo, hi))
                bound += l - last;
            else
                free_gaps[nfree++] = l - last;
        }
        below += lev[l];
        last = l;
    }
    qsort(free_gaps, (size_t)nfree, sizeof *free_gaps, cmp_ll_desc);
    for (long long g = k - 1; g < nfree; g++)
        bound += free_gaps[g];
    free(free_gaps);
    return bound;
}

als_status als__penalty_bound(const als_problem *p, const size_t *where,
                              long long k, const size_t *sizes,
                              als_objective *best, als__bound_keys *keys)
{
    memset(best, 0, sizeof *best);
    memset(keys, 0, sizeof *keys);
    size_t nsec = p->sectors.n, norg = p->orgs.n;
    /* members, units and pairs inside units, of each sector and level */
    long long *sec = als__calloc(3 * (nsec + 1), sizeof *sec);
    long long *org = als__calloc(norg + 1, sizeof *org);
    long long *lev = als__calloc(3 * (size_t)ALS_MAX_LEVELS, sizeof *lev);
    if (!sec || !org || !lev) {
        free(sec);
        free(org);
        free(lev);
        return ALS_ENOMEM;
    }
    long long *sec_units = sec + nsec + 1, *sec_inside = sec_units + nsec + 1;
    long long *lev_units = lev + ALS_MAX_LEVELS,
              *lev_inside = lev_units + ALS_MAX_LEVELS;
    size_t placed = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (where[i] == ALS__NOIDX)
            continue;
        placed++;
        if (p->app[i].sector >= 0)
            sec[p->app[i].sector]++;
        if (p->app[i].level >= 0)
            lev[p->app[i].level]++;
    }
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if (where[p->unit_members[un->first]] == ALS__NOIDX)
            continue;
        for (size_t o = 0; o < un->org_count; o++)
            org[p->unit_orgs[un->org_first + o]]++;
        unit_key_pairs(p, un, true, sec_units, sec_inside);
        unit_key_pairs(p, un, false, lev_units, lev_inside);
    }
    keys->sec = sec;
    keys->org = org;
    keys->lev = lev;
    if (k <= 0)
        return ALS_OK;
    if (p->sector_mode == ALS_SECTOR_BALANCE)
        for (size_t c = 0; c < nsec; c++) {
            best->sector_pairs += (double)als__key_pairs_bound(
                sec[c], sec_units[c], sec_inside[c], k);
            keys->inside_sector += sec_inside[c];
        }
    if (p->org_mode == ALS_ORG_PREFER_DISTINCT)
        for (size_t o = 0; o < norg; o++)
            best->organisation_pairs +=
                (double)als__even_split_pairs(org[o], k);
    if (p->sen_mode == ALS_SENIORITY_MIXED)
        for (size_t l = 0; l < ALS_MAX_LEVELS; l++) {
            best->seniority += (double)als__key_pairs_bound(
                lev[l], lev_units[l], lev_inside[l], k);
            keys->inside_level += lev_inside[l];
        }
    bool nomem = false;
    if (p->sen_mode == ALS_SENIORITY_SIMILAR) {
        uint64_t *reach =
            sizes ? als__subset_sums(sizes, placed, &nomem) : NULL;
        if (!nomem)
            best->seniority =
                (double)spread_bound(lev, k, placed, reach, &nomem);
        free(reach);
    }
    for (size_t e = 0; e < p->npairs; e++)
        if (p->pairs[e].w < 0 && where[p->pairs[e].a] != ALS__NOIDX &&
            where[p->pairs[e].b] != ALS__NOIDX)
            best->pair_weight += p->pairs[e].w;
    best->penalty = als__objective_penalty(p, best);
    return nomem ? ALS_ENOMEM : ALS_OK;
}

void als__bound_keys_free(als__bound_keys *keys)
{
    free(keys->sec);
    free(keys->org);
    free(keys->lev);
    memset(keys, 0, sizeof *keys);
}

als_status als__state_bound(const als__state *h, bool *has, double *bound)
{
    const als_problem *p = h->p;
    *has = false;
    *bound = 0;
    /* only when the placed are forced: every unit that may be placed is
       (any allocation as good by the tiers places the same people), and
       not in a re-run, whose tiers above the penalty it does not bound */
    if (h->nunpl > 0 || h->prev || h->placed == 0)
        return ALS_OK;
    /* the most sets there could be, and their sizes when forced: exact
       sizes, or every set at the target, without fixed sets */
    long long k;
    size_t *sizes = NULL;
    if (p->nsets) {
        k = (long long)p->nsets;
    } else {
        k = h->placed / (p->size_min > 0 ? p->size_min : 1);
        if (p->max_sets != ALS_NONE && k > p->max_sets)
            k = p->max_sets;
        /* every set at the target (no size deviation): any allocation as
           good by the tiers has its sets at the target too */
        int exact = p->size_min == p->size_max ? p->size_min
                    : p->size_target != ALS_NONE && h->sizedev == 0
                        ? p->size_target
                        : 0;
        if (exact > 0 && h->placed % exact == 0) {
            k = h->placed / exact;
            if (p->max_sets != ALS_NONE && k > p->max_sets)
                k = p->max_sets;
            sizes = als__calloc(ALS_MAX_SET_SIZE + 1, sizeof *sizes);
            if (!sizes)
                return ALS_ENOMEM;
            sizes[exact] = (size_t)k;
        }
    }
    als_objective best;
    als__bound_keys keys;
    als_status rc = als__penalty_bound(p, h->where, k, sizes, &best, &keys);
    als__bound_keys_free(&keys);
    free(sizes);
    if (rc != ALS_OK)
        return rc;
    *has = true;
    *bound = best.penalty;
    return ALS_OK;
}
