/*
 * Facilitators in the placement state (docs/FORMAT.md, "Facilitators"):
 * which facilitators lead each open slot, kept valid through every add
 * and remove, so that every state a solver passes through has a matching
 * of facilitators to its open sets.
 *
 * A slot takes its facilitators when it opens (those it had in a re-run
 * first, then the least flexible free ones, so that those who can make
 * many days stay free for the days others cannot); when none is free, one
 * who leads a set on another day hands it to a free colleague. A unit
 * joins an open slot when every facilitator may lead it, or one who may
 * not can be replaced by a free one. A slot that closes frees its own.
 * Every step is linear in the facilitators of one day at most.
 */
#include "state.h"

#include <stdlib.h>
#include <string.h>

static size_t fday_of(const als_problem *p, int day)
{
    return p->days.n && day >= 0 ? (size_t)day : 0;
}

/* Could f take one more set on facilitator-day d? */
static bool is_free(const als__state *h, size_t f, size_t d)
{
    const als_problem *p = h->p;
    const als__facilitator *fc = &p->fac[f];
    if (fc->withdrawn || h->fload[f] >= fc->max_sets)
        return false;
    if (!p->days.n)
        return true;
    return (fc->avail >> d & 1) && h->fday[f * h->nfd + d] == ALS__NOIDX;
}

/* Keep the free counts right around a change to f: call with `sign` -1
   before and +1 after. */
static void count_free(als__state *h, size_t f, int sign)
{
    for (size_t d = 0; d < h->nfd; d++)
        if (is_free(h, f, d))
            h->nfree[d] += (size_t)(long)sign;
}

static int flex_cmp_n(const als_problem *p, size_t a, size_t b)
{
    int fa = __builtin_popcountll(p->fac[a].avail) * p->fac[a].max_sets;
    int fb = __builtin_popcountll(p->fac[b].avail) * p->fac[b].max_sets;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Sort a day's facilitators, the least flexible first (available days
   times max_sets, then index), in O(n log n). */
static bool sort_day(const als_problem *p, size_t *v, size_t n)
{
    /* bottom-up merge sort with a scratch copy */
    size_t *tmp = als__malloc(n ? n : 1, sizeof *tmp);
    if (!tmp)
        return false;
    for (size_t w = 1; w < n; w *= 2)
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n;
            size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = 0;
            while (i < mid && j < hi)
                tmp[k++] = flex_cmp_n(p, v[j], v[i]) < 0 ? v[j++] : v[i++];
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
            memcpy(v + lo, tmp, k * sizeof *v);
        }
    free(tmp);
    return true;
}

bool als__fac_init(als__state *h)
{
    const als_problem *p = h->p;
    if (p->nfac == 0)
        return true;
    h->K = p->fac_per_set;
    h->nfd = p->days.n ? p->days.n : 1;
    size_t K = (size_t)h->K, nf = p->nfac;
    h->sfac = als__malloc(h->nslots * K + 1, sizeof *h->sfac);
    h->fload = als__calloc(nf, sizeof *h->fload);
    h->fday = als__malloc(nf * h->nfd, sizeof *h->fday);
    h->nfree = als__calloc(h->nfd, sizeof *h->nfree);
    h->byday = als__malloc(nf * h->nfd, sizeof *h->byday);
    h->nbyday = als__calloc(h->nfd, sizeof *h->nbyday);
    h->fchg = als__calloc(h->nslots + 1, sizeof *h->fchg);
    h->no_path = als__calloc(h->nfd, sizeof *h->no_path);
    if (!h->sfac || !h->fload || !h->fday || !h->nfree || !h->byday ||
        !h->nbyday || !h->fchg || !h->no_path)
        return false;
    for (size_t k = 0; k < h->nslots * K; k++)
        h->sfac[k] = ALS__NOIDX;
    for (size_t k = 0; k < nf * h->nfd; k++)
        h->fday[k] = ALS__NOIDX;
    for (size_t d = 0; d < h->nfd; d++) {
        size_t *v = h->byday + d * nf;
        for (size_t f = 0; f < nf; f++)
            if (!p->fac[f].withdrawn &&
                (!p->days.n || (p->fac[f].avail >> d & 1)))
                v[h->nbyday[d]++] = f;
        if (!sort_day(p, v, h->nbyday[d]))
            return false;
    }
    for (size_t f = 0; f < nf; f++) {
        count_free(h, f, 1);
        h->fac_rules |=
            p->fac[f].napart > 0 ||
            (p->fac[f].org >= 0 && p->fac_rule == ALS_FACILITATORS_INDEPENDENT);
    }
    return true;
}

void als__fac_free(als__state *h)
{
    free(h->sfac);
    free(h->fload);
    free(h->fday);
    free(h->nfree);
    free(h->byday);
    free(h->nbyday);
    free(h->want);
    free(h->wanted_by);
    free(h->fchg);
    free(h->no_path);
}

/* May f lead slot s as its members stand (organisations, apart)? */
static bool may_lead_slot(const als__state *h, size_t f, size_t s)
{
    const als_problem *p = h->p;
    const als__facilitator *fc = &p->fac[f];
    if (p->fac_rule == ALS_FACILITATORS_INDEPENDENT && fc->org >= 0 &&
        als__counts_get(&h->slot[s].st.orgs, fc->org) > 0)
        return false;
    for (size_t k = 0; k < fc->napart; k++)
        if (h->where[p->fac_apart[fc->apart_first + k]] == s)
            return false;
    return true;
}

static bool leads(const als__state *h, size_t s, size_t f)
{
    for (int j = 0; j < h->K; j++)
        if (h->sfac[s * (size_t)h->K + (size_t)j] == f)
            return true;
    return false;
}

static bool in_list(const size_t *v, size_t n, size_t f)
{
    for (size_t k = 0; k < n; k++)
        if (v[k] == f)
            return true;
    return false;
}

/* May f lead slot s once unit u is in it (u may be NOIDX: the slot as it
   is; `empty`: the slot has no members yet)? */
static bool suits(const als__state *h, size_t f, size_t s, size_t u, bool empty)
{
    if (u != ALS__NOIDX && !als__fac_may_lead_unit(h->p, f, u))
        return false;
    return empty || may_lead_slot(h, f, s);
}

/* The facilitators fixed set s names (slots are the fixed sets first):
 *n of them, none for another slot. */
static const size_t *named(const als__state *h, size_t s, size_t *n)
{
    const als_problem *p = h->p;
    *n = s < p->nsets ? p->sets[s].nfac : 0;
    return *n ? p->set_fac + p->sets[s].fac_first : NULL;
}

static bool is_named(const als__state *h, size_t s, size_t f)
{
    size_t n;
    const size_t *v = named(h, s, &n);
    return in_list(v, n, f);
}

/* Does a fixed set other than s name f? */
static bool named_elsewhere(const als__state *h, size_t s, size_t f)
{
    for (size_t t = 0; t < h->p->nsets && t < h->nslots; t++)
        if (t != s && is_named(h, t, f))
            return true;
    return false;
}

/* Are all of slot s's named facilitators among out[0..n-1]? */
static bool has_named(const als__state *h, size_t s, const size_t *out,
                      size_t n)
{
    size_t nn;
    const size_t *v = named(h, s, &nn);
    for (size_t k = 0; k < nn; k++)
        if (!in_list(out, n, v[k]))
            return false;
    return true;
}

/*
 * Free facilitators on day `day` for slot s with unit u, appended to
 * out[*n] up to `need` in all, skipping those already in out: first those
 * a fixed set names (without all of them, none more: it cannot open), then
 * those the slot wants (a re-run's running set), then the least flexible,
 * those another running slot wants or another fixed set names last.
 */
static void pick(const als__state *h, size_t s, int day, size_t u, bool empty,
                 size_t need, size_t *out, size_t *n)
{
    const als_problem *p = h->p;
    size_t d = fday_of(p, day);
    size_t nn;
    const size_t *nm = named(h, s, &nn);
    for (size_t k = 0; k < nn && *n < need; k++)
        if (!in_list(out, *n, nm[k]) && is_free(h, nm[k], d) &&
            suits(h, nm[k], s, u, empty))
            out[(*n)++] = nm[k];
    if (!has_named(h, s, out, *n))
        return;
    if (h->want)
        for (int j = 0; j < h->K && *n < need; j++) {
            size_t f = h->want[s * (size_t)h->K + (size_t)j];
            if (f < p->nfac && !in_list(out, *n, f) && is_free(h, f, d) &&
                suits(h, f, s, u, empty))
                out[(*n)++] = f;
        }
    if (*n >= need || h->nfree[d] == 0)
        return;
    const size_t *v = h->byday + d * p->nfac;
    int passes = h->wanted_by || p->nsets ? 2 : 1;
    for (int pass = 0; pass < passes && *n < need; pass++)
        for (size_t k = 0; k < h->nbyday[d] && *n < need; k++) {
            size_t f = v[k];
            bool reserved = (h->wanted_by && h->wanted_by[f] != ALS__NOIDX &&
                             h->wanted_by[f] != s) ||
                            (p->nsets && named_elsewhere(h, s, f));
            if (reserved != (pass == 1) || in_list(out, *n, f) ||
                !is_free(h, f, d) || !suits(h, f, s, u, empty))
                continue;
            out[(*n)++] = f;
        }
}

/*
 * An augmenting path, when no facilitator is free for a new slot s on
 * `day` with unit u: g0, who may lead it, is busy; g0's set s1 (on the day
 * g0 is needed, or any of theirs when g0 leads as many sets as they may)
 * goes to g1, who may lead it; g1's set s2 to g2; ... until some g_k is
 * free on the day of s_k. Breadth first, over at most AUG_VISITS
 * facilitators, so that a step stays cheap; a facilitator a running set
 * had (re-runs) is not moved from it.
 */
#define AUG_VISITS 512

typedef struct aug_node {
    size_t fac;    /* the facilitator who comes in */
    size_t slot;   /* ... to this slot (the new slot for the first ones) */
    size_t out;    /* in place of this one (NOIDX: the new slot's place) */
    size_t parent; /* the node whose facilitator this one releases */
    size_t day;    /* the facilitator-day of slot */
} aug_node;

typedef struct aug {
    aug_node v[AUG_VISITS];
    size_t n;
    size_t end; /* the node whose facilitator is free: NOIDX if none */
} aug;

/* Is f already in the search for a place on facilitator-day d? (One
   facilitator may be looked at for places on several days.) */
static bool aug_seen(const aug *x, size_t f, size_t d)
{
    for (size_t k = 0; k < x->n; k++)
        if (x->v[k].fac == f && x->v[k].day == d)
            return true;
    return false;
}

/* Does the path from node q to the root name f? */
static bool on_path(const aug *x, size_t q, size_t f)
{
    for (; q != ALS__NOIDX; q = x->v[q].parent)
        if (x->v[q].fac == f)
            return true;
    return false;
}

/* Would f be free on facilitator-day d once it leaves slot `from`? */
static bool free_without(const als__state *h, size_t f, size_t d, size_t from)
{
    const als_problem *p = h->p;
    const als__facilitator *fc = &p->fac[f];
    if (fc->withdrawn || h->fload[f] - 1 >= fc->max_sets)
        return false;
    if (!p->days.n)
        return true;
    size_t busy = h->fday[f * h->nfd + d];
    return (fc->avail >> d & 1) && (busy == ALS__NOIDX || busy == from);
}

static bool find_path(const als__state *h, size_t s, int day, size_t u,
                      const size_t *taken, size_t ntaken, aug *x)
{
    const als_problem *p = h->p;
    x->n = 0;
    x->end = ALS__NOIDX;
    if (!p->days.n)
        return false; /* without days, a facilitator's sets are not listed */
    /* a path ends with someone free on some day: none, no path */
    size_t anyone = 0;
    for (size_t dd = 0; dd < h->nfd; dd++)
        anyone += h->nfree[dd];
    if (!anyone)
        return false;
    size_t d = fday_of(p, day);
    if (h->no_path[d] == h->fac_version + 1 && !ntaken)
        return false; /* nothing changed since the last search failed */
    const size_t *v = h->byday + d * p->nfac;
    /* the first layer: who may lead the new slot (all busy, or pick had
       found them) */
    bool all = !ntaken;
    for (size_t k = 0; k < h->nbyday[d] && x->n < AUG_VISITS; k++) {
        size_t g = v[k];
        if (in_list(taken, ntaken, g) || !als__fac_may_lead_unit(p, g, u)) {
            all = false;
            continue;
        }
        x->v[x->n++] = (aug_node){g, s, ALS__NOIDX, ALS__NOIDX, d};
    }
    all &= x->n < AUG_VISITS;
    for (size_t q = 0; q < x->n; q++) {
        const aug_node *at = &x->v[q];
        size_t g = at->fac;
        size_t gd = at->day;
        /* the sets g could hand over: the one on the day they are needed,
           or, when that day is free, any of theirs */
        size_t busy = h->fday[g * h->nfd + gd];
        for (size_t d2 = 0; d2 < h->nfd; d2++) {
            size_t s2 = h->fday[g * h->nfd + d2];
            if (s2 == ALS__NOIDX || s2 == at->slot ||
                (busy != ALS__NOIDX && s2 != busy))
                continue;
            if (h->want && h->wanted_by[g] == s2)
                continue; /* g keeps the set they led before */
            if (is_named(h, s2, g))
                continue; /* ... or the fixed set that names them */
            if (!free_without(h, g, gd, s2))
                continue;
            /* who takes s2 from g */
            const size_t *w = h->byday + d2 * p->nfac;
            for (size_t k = 0; k < h->nbyday[d2]; k++) {
                size_t r = w[k];
                if (r == g || in_list(taken, ntaken, r) || aug_seen(x, r, d2) ||
                    on_path(x, q, r) || leads(h, s2, r) ||
                    !may_lead_slot(h, r, s2))
                    continue;
                if (x->n == AUG_VISITS)
                    return false;
                x->v[x->n] = (aug_node){r, s2, g, q, d2};
                if (is_free(h, r, d2)) {
                    x->end = x->n++;
                    return true;
                }
                x->n++;
            }
        }
    }
    if (all) /* a search open to every facilitator of the day failed */
        h->no_path[d] = h->fac_version + 1;
    return false;
}

bool als__fac_can_open(const als__state *h, size_t s, int day, size_t u)
{
    if (!h->K)
        return true;
    size_t got[2], n = 0, need = (size_t)h->K;
    pick(h, s, day, u, true, need, got, &n);
    if (!has_named(h, s, got, n))
        return false;
    if (n >= need)
        return true;
    aug x; /* on the stack: a search never runs out of memory */
    return n + 1 == need && find_path(h, s, day, u, got, n, &x);
}

/* Recount whether running slot s keeps its facilitators. */
static void note_change(als__state *h, size_t s)
{
    if (!h->want)
        return;
    size_t K = (size_t)h->K;
    bool had = false, changed = false;
    for (size_t j = 0; j < K; j++)
        had |= h->want[s * K + j] != ALS__NOIDX;
    if (had && h->slot[s].size > 0)
        for (size_t j = 0; j < K; j++) {
            size_t w = h->want[s * K + j];
            if (w != ALS__NOIDX && (w >= h->p->nfac || !leads(h, s, w)))
                changed = true;
        }
    if (changed != h->fchg[s]) {
        h->fac_changes += changed ? 1 : -1;
        h->fchg[s] = changed;
    }
}

/* f takes / leaves slot s (on the slot's current day). */
static void take(als__state *h, size_t s, size_t j, size_t f)
{
    const als_problem *p = h->p;
    size_t d = fday_of(p, h->slot[s].day);
    count_free(h, f, -1);
    h->fload[f]++;
    if (p->days.n)
        h->fday[f * h->nfd + d] = s;
    count_free(h, f, 1);
    h->sfac[s * (size_t)h->K + j] = f;
    h->fac_missing--;
    h->fac_version++;
}

static void leave(als__state *h, size_t s, size_t j)
{
    const als_problem *p = h->p;
    size_t f = h->sfac[s * (size_t)h->K + j];
    if (f == ALS__NOIDX)
        return;
    count_free(h, f, -1);
    h->fload[f]--;
    /* every day, not just the slot's: its day may have changed since f
       took it (a day changed before it was re-picked) */
    for (size_t d = 0; p->days.n && d < h->nfd; d++)
        if (h->fday[f * h->nfd + d] == s)
            h->fday[f * h->nfd + d] = ALS__NOIDX;
    count_free(h, f, 1);
    h->sfac[s * (size_t)h->K + j] = ALS__NOIDX;
    h->fac_missing++;
    h->fac_version++;
}

/* Make the path's moves: from its end, each facilitator takes the place
   of the one before, who then takes the next; the first gets s's place j
   (the caller takes it). Returns that first facilitator. */
static size_t apply_path(als__state *h, const aug *x)
{
    size_t K = (size_t)h->K, q = x->end;
    while (x->v[q].parent != ALS__NOIDX) {
        const aug_node *at = &x->v[q];
        size_t j = 0;
        while (j < K && h->sfac[at->slot * K + j] != at->out)
            j++;
        leave(h, at->slot, j);
        take(h, at->slot, j, at->fac);
        note_change(h, at->slot);
        q = at->parent;
    }
    return x->v[q].fac;
}

void als__fac_opened(als__state *h, size_t s, size_t u)
{
    if (!h->K)
        return;
    size_t K = (size_t)h->K, got[2], n = 0;
    h->fac_missing += (long long)K;
    pick(h, s, h->slot[s].day, u, false, K, got, &n);
    aug x;
    if (n + 1 == K && has_named(h, s, got, n) &&
        find_path(h, s, h->slot[s].day, u, got, n, &x))
        got[n++] = apply_path(h, &x);
    for (size_t j = 0; j < n; j++)
        take(h, s, j, got[j]);
    note_change(h, s);
}

bool als__fac_can_join(const als__state *h, size_t u, size_t s)
{
    if (!h->K || h->slot[s].size == 0)
        return true;
    size_t K = (size_t)h->K, n = 0, need = 0;
    for (size_t j = 0; j < K; j++) {
        size_t f = h->sfac[s * K + j];
        if (f == ALS__NOIDX || als__fac_may_lead_unit(h->p, f, u))
            continue;
        /* the facilitator a running set had stays with it, and the one
           a fixed set names */
        if ((h->want && in_list(h->want + s * K, K, f)) || is_named(h, s, f))
            return false;
        need++;
    }
    if (!need)
        return true;
    /* replacements: free on the slot's day, suited to the whole set and u,
       and not already leading it */
    size_t skip[2], ns = 0;
    for (size_t j = 0; j < K; j++)
        if (h->sfac[s * K + j] != ALS__NOIDX)
            skip[ns++] = h->sfac[s * K + j];
    size_t all[4];
    memcpy(all, skip, ns * sizeof *skip);
    n = ns;
    pick(h, s, h->slot[s].day, u, false, ns + need, all, &n);
    return n >= ns + need;
}

void als__fac_joined(als__state *h, size_t s, size_t u)
{
    if (!h->K)
        return;
    size_t K = (size_t)h->K;
    for (size_t j = 0; j < K; j++) {
        size_t f = h->sfac[s * K + j];
        if (f != ALS__NOIDX && may_lead_slot(h, f, s) &&
            als__fac_may_lead_unit(h->p, f, u))
            continue;
        if (f != ALS__NOIDX)
            leave(h, s, j);
        size_t all[4], n = 0;
        for (size_t q = 0; q < K; q++)
            if (h->sfac[s * K + q] != ALS__NOIDX)
                all[n++] = h->sfac[s * K + q];
        size_t before = n;
        pick(h, s, h->slot[s].day, ALS__NOIDX, false, n + 1, all, &n);
        if (n > before)
            take(h, s, j, all[before]);
    }
    note_change(h, s);
}

void als__fac_closed(als__state *h, size_t s)
{
    if (!h->K)
        return;
    for (size_t j = 0; j < (size_t)h->K; j++) {
        leave(h, s, j);
        h->fac_missing--;
    }
    note_change(h, s);
}

void als__fac_assign(als__state *h, size_t s, const size_t *f)
{
    if (!h->K || h->slot[s].size == 0)
        return;
    for (size_t j = 0; j < (size_t)h->K; j++)
        leave(h, s, j);
    for (size_t j = 0; j < (size_t)h->K; j++)
        if (f[j] != ALS__NOIDX)
            take(h, s, j, f[j]);
    note_change(h, s);
}

bool als__fac_want(als__state *h, size_t s, const size_t *f, size_t n)
{
    if (!h->K)
        return true;
    size_t K = (size_t)h->K, nf = h->p->nfac;
    if (!h->want) {
        h->want = als__malloc(h->nslots * K + 1, sizeof *h->want);
        h->wanted_by = als__malloc(nf, sizeof *h->wanted_by);
        if (!h->want || !h->wanted_by)
            return false;
        for (size_t k = 0; k < h->nslots * K; k++)
            h->want[k] = ALS__NOIDX;
        for (size_t k = 0; k < nf; k++)
            h->wanted_by[k] = ALS__NOIDX;
    }
    /* NOIDX in f: a facilitator no longer in the cohort, who is still
       missed (ALS__NOIDX - 1 in want; NOIDX there is no one) */
    for (size_t j = 0; j < K && j < n; j++) {
        h->want[s * K + j] = f[j] == ALS__NOIDX ? ALS__NOIDX - 1 : f[j];
        if (f[j] < nf)
            h->wanted_by[f[j]] = s;
    }
    note_change(h, s);
    return true;
}

/* Leave slot s and take facilitators for its current day; false when
   too few are free. */
static bool repick(als__state *h, size_t s)
{
    size_t K = (size_t)h->K, got[2], n = 0;
    pick(h, s, h->slot[s].day, ALS__NOIDX, false, K, got, &n);
    for (size_t j = 0; j < n; j++)
        take(h, s, j, got[j]);
    note_change(h, s);
    return n == K;
}

bool als__fac_move_day(als__state *h, size_t s, int day)
{
    als__slot *sl = &h->slot[s];
    if (!h->K || sl->size == 0) {
        sl->day = day;
        return true;
    }
    int old = sl->day;
    for (size_t j = 0; j < (size_t)h->K; j++)
        leave(h, s, j); /* on the old day */
    sl->day = day;
    if (repick(h, s))
        return true;
    for (size_t j = 0; j < (size_t)h->K; j++)
        leave(h, s, j);
    sl->day = old;
    repick(h, s); /* what it left is free again */
    return false;
}

void als__fac_reset(als__state *h, const size_t *sfac)
{
    if (!h->K)
        return;
    const als_problem *p = h->p;
    size_t K = (size_t)h->K;
    memset(h->fload, 0, p->nfac * sizeof *h->fload);
    memset(h->nfree, 0, h->nfd * sizeof *h->nfree);
    for (size_t k = 0; k < p->nfac * h->nfd; k++)
        h->fday[k] = ALS__NOIDX;
    for (size_t f = 0; f < p->nfac; f++)
        count_free(h, f, 1);
    h->fac_missing = 0;
    for (size_t s = 0; s < h->nslots; s++) {
        for (size_t j = 0; j < K; j++)
            h->sfac[s * K + j] = ALS__NOIDX;
        if (h->slot[s].size > 0)
            h->fac_missing += (long long)K;
    }
    for (size_t s = 0; s < h->nslots; s++) {
        if (h->slot[s].size == 0)
            continue;
        for (size_t j = 0; j < K; j++) {
            size_t f = sfac[s * K + j];
            if (f != ALS__NOIDX && is_free(h, f, fday_of(p, h->slot[s].day)))
                take(h, s, j, f);
        }
    }
    for (size_t s = 0; s < h->nslots; s++) {
        for (size_t j = 0; j < K && h->slot[s].size > 0; j++)
            if (h->sfac[s * K + j] == ALS__NOIDX) {
                size_t all[4], n = 0;
                for (size_t q = 0; q < K; q++)
                    if (h->sfac[s * K + q] != ALS__NOIDX)
                        all[n++] = h->sfac[s * K + q];
                size_t before = n;
                pick(h, s, h->slot[s].day, ALS__NOIDX, false, n + 1, all, &n);
                if (n > before)
                    take(h, s, j, all[before]);
            }
        note_change(h, s);
    }
}
