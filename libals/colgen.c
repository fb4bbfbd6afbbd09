/*
 * Branch-and-price over whole sets: proofs of optimality, and bounds, far
 * beyond the compact model's reach. Used by the exact solver (mip_glpk.c)
 * before its own model.
 *
 * The master problem chooses sets S (units, day) from every feasible one:
 *
 *     min sum_S g(S) x_S   s.t.  sum_{S holds u} x_S <= 1 for every unit u,
 *                                 sum x_S and, per day, sum x_S in bounds,
 *
 * where g is each tier in turn: minus the members (most placed), minus
 * their priority, with a target size |members - target| (a function of
 * the set's size, which the pricing's states hold), then the penalty, each
 * tier held at its proven optimum by a row (whole numbers: exact). Its
 * relaxation counts each set's spread and pairs whole, never in part, so it is
 * close to the optimum where the compact model's is far below it. The sets are
 * too many to list; they are priced in on demand. Given the duals, the cheapest
 * set for a day d and a seniority window [lo, hi] minimises w_sector sum_c
 * C(n_c, 2) + w_seniority (hi - lo) - (its units' values): a dynamic programme
 * over groups of conflicting units (sharing an organisation under `distinct`,
 * or `apart`), one choice per group, whose state is the set's size and
 * sector counts. The cheapest over all days and windows is the cheapest
 * set, so pricing is exact and the bound z + K min(0, reduced cost) holds
 * at every step (K: the most sets).
 *
 * Branching takes the number of sets (overall, then per day), then whether
 * a unit is placed, then its day, then (Ryan and Foster) a pair of units
 * sharing a set in part: together (merged into one item) or apart (a
 * conflict). Nodes are searched depth first from the heuristic's
 * allocation as the incumbent. Artificial columns, dearer than any
 * allocation, keep every node's LP feasible.
 *
 * Cohorts this does not take (the exact solver's model then works alone):
 * re-runs, fixed sets, pair weights, organisations `prefer_distinct`,
 * seniority `mixed`, more than 400 units, or a state space too large (many
 * sectors with large sets). A group with more than 30,000 choices ends the
 * search, with the bound reached.
 */
#include "colgen.h"

#include "glpk_guard.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Limits of what the method takes */
#define CG_MAX_UNITS 400
#define CG_MAX_STATES 65536    /* DP states: (max + 1)^(sectors + 1) */
#define CG_MAX_CHOICES 8000000 /* DP layers x states */
#define CG_MAX_OPTIONS 30000   /* choices of one (day, window) */

typedef struct cg_col {
    size_t first; /* into job->cmem: member ranks, ascending */
    int n;
    int day;        /* -1 when the programme has no days */
    int size;       /* members */
    long long prio; /* their priority */
    double cost;    /* penalty */
    int lp;         /* its column in the LP, 0 before it has one */
    uint64_t hash;
} cg_col;

enum { D_TOGETHER, D_APART, D_COUNT, D_DAY, D_PLACED };

typedef struct cg_dec {
    int kind;
    int a, b; /* D_TOGETHER, D_APART: ranks; D_COUNT: a day, or -1 for
                 all sets, whose number must lie in [lo, hi];
                 D_DAY: rank a, if placed, meets on day b (lo = 1) or
                 not on day b (lo = 0); D_PLACED: rank a placed
                 (lo = 1) or not (lo = 0) */
    long lo, hi;
} cg_dec;

typedef struct cg_node {
    cg_dec *dec;
    size_t ndec;
    double bound; /* its parent's */
} cg_node;

typedef struct cg_opt { /* one choice within a component */
    int delta, size;    /* DP state increment, members */
    int off;            /* its items from oitems[off] to the next's off */
    double val;         /* sum of the duals */
} cg_opt;

typedef struct cg_job {
    const als_problem *p;
    als__run *run;
    size_t nu;
    size_t *unit; /* rank -> unit */
    int nd;       /* days (1 when the programme has none) */
    bool days;
    int smin, smax;
    long long cap; /* most sets, or -1 */
    double secw, senw, senw_cost;
    bool whole; /* the penalty is a whole number */
    int ksec;   /* sector dimensions of the DP state */
    int *usec;  /* [nu * ksec] */
    int *usize;
    uint64_t *uavail;
    int *ulmin, *ulmax;
    unsigned char *uconf; /* [nu * nu] units that may not share a set */
    int nl;
    int *lv; /* distinct levels, ascending */
    int nwin;
    int *wlo, *whi; /* windows, as indices into lv */
    size_t nstates;
    uint16_t *st_size; /* members of each state (max + 1: never reached) */
    int *st_pairs;
    long long maxsets; /* K */
    /* columns */
    cg_col *col;
    size_t ncol, capcol;
    int *cmem;
    size_t ncmem, capcmem;
    size_t nlp;   /* columns the LP has (the first ones) */
    size_t *htab; /* col + 1, open addressing */
    size_t hcap;
    /* items of the node */
    int *item_of; /* rank -> item */
    int nitems;
    int *ioff, *imem; /* CSR: ranks of each item */
    int *isize;
    uint64_t *iavail;
    int *ilmin, *ilmax;
    int *isec; /* [nitems * ksec] */
    double *ival;
    unsigned char *iconf; /* [nitems * nitems] */
    unsigned char *iout;  /* [nitems] not to be placed */
    /* pricing scratch */
    int *cand, *comp, *stack;
    int *chosen; /* [max + 1]: a choice being enumerated */
    cg_opt *opt; /* options of the components, and one past the last */
    int *oitems; /* their items */
    size_t nopt, capopt, noitems, capoitems;
    double *cur, *nxt;
    int *reach, *nreach;
    unsigned char *inreach;
    int16_t *choice;
    int *ccomp_opt; /* first option of each component */
    /* the tier being solved: a column's objective is
       alpha penalty - beta members - gamma priority
       + delta |members - target| (minimised) */
    int tier;
    double alpha, beta, gamma, delta;
    int target;   /* programme.set_size.target, ALS_NONE */
    double tau;   /* the dual of the row holding the size deviation */
    int kcur;     /* sector dimensions priced in this tier */
    bool whole_t; /* the tier's values are whole numbers */
    /* master */
    glp_prob *P;
    double big;    /* an artificial's cost in this tier */
    double setmax; /* the most one set can cost */
    int hrow[3];   /* rows holding placed, priority and (with a target)
                      minus the size deviation, 0 until held */
    int hart[3];   /* their artificial columns */
    int cart[65];  /* artificial columns of the set-count rows */
    int *uart;     /* [nu] artificial columns of the unit rows */
    int *hind;     /* a held tier's row, being set */
    double *hval;
    double *x; /* primal values of the real columns */
    size_t capx;
    double *pi;
    double *pair; /* [nu * nu] */
    double *uday; /* [nu * nd] */
    size_t capuday;
    int *mark;
    /* search */
    double inc;   /* the incumbent's value in this tier */
    size_t *incc; /* its columns */
    size_t ninc, capinc;
    bool nomem, stopped, giveup;
    als__glpk_guard g;
} cg_job;

/* ---- applicability and set-up (no GLPK) -------------------------------- */

static bool is_whole(double w)
{
    return w == floor(w);
}

bool als__colgen_applies(const als_problem *p, const als__run *run,
                         const als__state *hint)
{
    /* Facilitators are not in its columns: a set's facilitators depend on
       its members (independence, apart) and compete across sets of a day,
       so an assignment recovered after the search may not exist, and its
       bound would not hold. Cohorts with facilitators go to the compact
       model (mip_glpk.c), which chooses them with the members. */
    if (p->nfac)
        return false;
    if (run->rerun || p->nsets || p->npairs ||
        p->org_mode == ALS_ORG_PREFER_DISTINCT ||
        p->sen_mode == ALS_SENIORITY_MIXED)
        return false;
    size_t nu = 0;
    for (size_t u = 0; u < p->nunits; u++)
        nu += hint->eligible[u];
    if (nu == 0 || nu > CG_MAX_UNITS)
        return false;
    int smax = p->size_max;
    int ksec = p->sector_mode == ALS_SECTOR_BALANCE && p->sector_weight > 0
                   ? (int)p->sectors.n
                   : 0;
    size_t states = 1;
    for (int k = 0; k <= ksec; k++) {
        states *= (size_t)smax + 1;
        if (states > CG_MAX_STATES)
            return false;
    }
    return nu * states <= CG_MAX_CHOICES;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static bool setup(cg_job *j, const als__state *hint)
{
    const als_problem *p = j->p;
    j->unit = als__malloc(p->nunits, sizeof *j->unit);
    size_t *rank_of = als__malloc(p->nunits, sizeof *rank_of);
    if (!j->unit || !rank_of) {
        free(rank_of);
        return false;
    }
    for (size_t u = 0; u < p->nunits; u++) {
        rank_of[u] = ALS__NOIDX;
        if (hint->eligible[u]) {
            rank_of[u] = j->nu;
            j->unit[j->nu++] = u;
        }
    }
    size_t nu = j->nu;
    j->days = p->days.n > 0;
    j->nd = j->days ? (int)p->days.n : 1;
    j->smin = p->size_min;
    j->smax = p->size_max;
    j->target = p->size_target;
    j->cap = p->max_sets == ALS_NONE ? -1 : p->max_sets;
    j->secw = p->sector_mode == ALS_SECTOR_BALANCE ? p->sector_weight : 0;
    j->senw = p->sen_mode == ALS_SENIORITY_SIMILAR ? p->sen_weight : 0;
    j->whole = is_whole(j->secw) && is_whole(j->senw);
    j->ksec = j->secw > 0 ? (int)p->sectors.n : 0;
    j->usec =
        als__calloc(nu * (size_t)(j->ksec ? j->ksec : 1), sizeof *j->usec);
    j->usize = als__malloc(nu, sizeof *j->usize);
    j->uavail = als__malloc(nu, sizeof *j->uavail);
    j->ulmin = als__malloc(nu, sizeof *j->ulmin);
    j->ulmax = als__malloc(nu, sizeof *j->ulmax);
    j->uconf = als__calloc(nu * nu, 1);
    j->lv = als__malloc(p->n ? p->n : 1, sizeof *j->lv);
    if (!j->usec || !j->usize || !j->uavail || !j->ulmin || !j->ulmax ||
        !j->uconf || !j->lv) {
        free(rank_of);
        return false;
    }
    long long total = 0;
    for (size_t r = 0; r < nu; r++) {
        const als__unit *un = &p->units[j->unit[r]];
        j->usize[r] = (int)un->size;
        total += (long long)un->size;
        j->uavail[r] = j->days ? un->avail : 1;
        j->ulmin[r] = un->level_min;
        j->ulmax[r] = un->level_max;
        const size_t *m = p->unit_members + un->first;
        for (size_t k = 0; k < un->size; k++) {
            const als__applicant *a = &p->app[m[k]];
            if (j->ksec && a->sector >= 0)
                j->usec[r * (size_t)j->ksec + (size_t)a->sector]++;
            if (a->level >= 0)
                j->lv[j->nl++] = a->level;
            for (size_t q = p->apart_off[m[k]]; q < p->apart_off[m[k] + 1];
                 q++) {
                size_t o = rank_of[p->app[p->apart[q]].unit];
                if (o != ALS__NOIDX && o != r)
                    j->uconf[r * nu + o] = j->uconf[o * nu + r] = 1;
            }
        }
    }
    if (p->org_mode == ALS_ORG_DISTINCT)
        for (size_t r = 0; r < nu; r++)
            for (size_t o = r + 1; o < nu; o++) {
                const als__unit *a = &p->units[j->unit[r]];
                const als__unit *b = &p->units[j->unit[o]];
                for (size_t x = 0; x < a->org_count; x++)
                    for (size_t y = 0; y < b->org_count; y++)
                        if (p->unit_orgs[a->org_first + x] >= 0 &&
                            p->unit_orgs[a->org_first + x] ==
                                p->unit_orgs[b->org_first + y])
                            j->uconf[r * nu + o] = j->uconf[o * nu + r] = 1;
            }
    free(rank_of);
    /* distinct levels and the windows a set's levels may span */
    qsort(j->lv, (size_t)j->nl, sizeof *j->lv, cmp_int);
    int w = 0;
    for (int k = 0; k < j->nl; k++)
        if (!w || j->lv[w - 1] != j->lv[k])
            j->lv[w++] = j->lv[k];
    j->nl = w;
    bool windows = j->nl > 1 && (j->senw > 0 || p->max_spread != ALS_NONE);
    size_t nwin = windows ? (size_t)j->nl * (size_t)(j->nl + 1) / 2 : 1;
    j->wlo = als__malloc(nwin, sizeof *j->wlo);
    j->whi = als__malloc(nwin, sizeof *j->whi);
    if (!j->wlo || !j->whi)
        return false;
    if (!windows) {
        j->wlo[0] = j->whi[0] = -1; /* every level */
        j->nwin = 1;
    } else {
        for (int a = 0; a < j->nl; a++)
            for (int b = a; b < j->nl; b++)
                if (p->max_spread == ALS_NONE ||
                    j->lv[b] - j->lv[a] <= p->max_spread) {
                    j->wlo[j->nwin] = a;
                    j->whi[j->nwin] = b;
                    j->nwin++;
                }
    }
    /* the DP's states: size + R (c_1 + R (c_2 + ...)), R = max + 1 */
    size_t R = (size_t)j->smax + 1;
    j->nstates = 1;
    for (int k = 0; k <= j->ksec; k++)
        j->nstates *= R;
    j->st_size = als__malloc(j->nstates, sizeof *j->st_size);
    j->st_pairs = als__malloc(j->nstates, sizeof *j->st_pairs);
    if (!j->st_size || !j->st_pairs)
        return false;
    for (size_t s = 0; s < j->nstates; s++) {
        size_t v = s;
        int size = (int)(v % R), sum = 0, pairs = 0;
        v /= R;
        for (int k = 0; k < j->ksec; k++) {
            int c = (int)(v % R);
            v /= R;
            sum += c;
            pairs += c * (c - 1) / 2;
        }
        /* a state whose sector counts exceed its size is never reached */
        j->st_size[s] = (uint16_t)(sum <= size ? size : j->smax + 1);
        j->st_pairs[s] = pairs;
    }
    j->maxsets = j->smin > 0 ? total / j->smin : total;
    if (j->cap >= 0 && j->cap < j->maxsets)
        j->maxsets = j->cap;
    /* per-node and pricing scratch */
    j->item_of = als__malloc(nu, sizeof *j->item_of);
    j->ioff = als__malloc(nu + 1, sizeof *j->ioff);
    j->imem = als__malloc(nu, sizeof *j->imem);
    j->isize = als__malloc(nu, sizeof *j->isize);
    j->iavail = als__malloc(nu, sizeof *j->iavail);
    j->ilmin = als__malloc(nu, sizeof *j->ilmin);
    j->ilmax = als__malloc(nu, sizeof *j->ilmax);
    j->isec =
        als__calloc(nu * (size_t)(j->ksec ? j->ksec : 1), sizeof *j->isec);
    j->ival = als__malloc(nu, sizeof *j->ival);
    j->iconf = als__malloc(nu * nu, 1);
    j->iout = als__malloc(nu, 1);
    j->chosen = als__malloc((size_t)j->smax + 1, sizeof *j->chosen);
    j->uart = als__malloc(nu, sizeof *j->uart);
    j->cand = als__malloc(nu, sizeof *j->cand);
    j->comp = als__malloc(nu, sizeof *j->comp);
    j->stack = als__malloc(nu + 1, sizeof *j->stack);
    j->ccomp_opt = als__malloc(nu + 1, sizeof *j->ccomp_opt);
    j->cur = als__malloc(j->nstates, sizeof *j->cur);
    j->nxt = als__malloc(j->nstates, sizeof *j->nxt);
    j->reach = als__malloc(j->nstates, sizeof *j->reach);
    j->nreach = als__malloc(j->nstates, sizeof *j->nreach);
    j->inreach = als__calloc(j->nstates, 1);
    j->choice = als__malloc(nu * j->nstates, sizeof *j->choice);
    j->pi = als__malloc(nu + 1, sizeof *j->pi);
    j->pair = als__calloc(nu * nu, sizeof *j->pair);
    j->mark = als__calloc(nu, sizeof *j->mark);
    return j->item_of && j->ioff && j->imem && j->isize && j->iavail &&
           j->ilmin && j->ilmax && j->isec && j->ival && j->iconf && j->iout &&
           j->chosen && j->uart && j->cand && j->comp && j->stack &&
           j->ccomp_opt && j->cur && j->nxt && j->reach && j->nreach &&
           j->inreach && j->choice && j->pi && j->pair && j->mark;
}

/* ---- columns ------------------------------------------------------------ */

static uint64_t col_hash(const int *m, int n, int day)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(day + 1);
    for (int k = 0; k < n; k++) {
        h ^= (uint64_t)m[k] + 1;
        h *= 1099511628211ULL;
    }
    return h;
}

static bool col_same(const cg_job *j, size_t c, const int *m, int n, int day)
{
    const cg_col *cc = &j->col[c];
    return cc->n == n && cc->day == day &&
           !memcmp(j->cmem + cc->first, m, (size_t)n * sizeof *m);
}

/* The penalty of a set, by the objective module's one definition. */
static double set_cost(cg_job *j, const int *m, int n)
{
    const als_problem *p = j->p;
    als__setstat st;
    als__setstat_init(&st);
    for (int k = 0; k < n; k++) {
        const als__unit *un = &p->units[j->unit[m[k]]];
        for (size_t q = 0; q < un->size; q++)
            if (!als__setstat_add_counts(&st, p,
                                         p->unit_members[un->first + q])) {
                j->nomem = true;
                als__setstat_free(&st);
                return 0;
            }
    }
    double c = als__setstat_penalty(&st, p);
    als__setstat_free(&st);
    return c;
}

/* Add a column (members sorted, no GLPK); returns its index, or the index
   of the same column already there; -1 when out of memory. */
static long col_add(cg_job *j, int *m, int n, int day)
{
    qsort(m, (size_t)n, sizeof *m, cmp_int);
    uint64_t h = col_hash(m, n, day);
    if (j->hcap) {
        for (size_t k = h & (j->hcap - 1); j->htab[k];
             k = (k + 1) & (j->hcap - 1))
            if (j->col[j->htab[k] - 1].hash == h &&
                col_same(j, j->htab[k] - 1, m, n, day))
                return (long)(j->htab[k] - 1);
    }
    double cost = set_cost(j, m, n);
    if (j->nomem)
        return -1;
    int size = 0;
    long long prio = 0;
    for (int k = 0; k < n; k++) {
        size += j->usize[m[k]];
        prio += j->p->units[j->unit[m[k]]].priority;
    }
    if (!als__grow((void **)&j->col, &j->capcol, j->ncol + 1, sizeof *j->col) ||
        !als__grow((void **)&j->cmem, &j->capcmem, j->ncmem + (size_t)n,
                   sizeof *j->cmem)) {
        j->nomem = true;
        return -1;
    }
    if (2 * (j->ncol + 1) > j->hcap) { /* rehash */
        size_t cap = j->hcap ? j->hcap * 2 : 256;
        size_t *t = als__calloc(cap, sizeof *t);
        if (!t) {
            j->nomem = true;
            return -1;
        }
        for (size_t c = 0; c < j->ncol; c++) {
            size_t k = j->col[c].hash & (cap - 1);
            while (t[k])
                k = (k + 1) & (cap - 1);
            t[k] = c + 1;
        }
        free(j->htab);
        j->htab = t;
        j->hcap = cap;
    }
    cg_col *c = &j->col[j->ncol];
    c->first = j->ncmem;
    c->n = n;
    c->day = day;
    c->size = size;
    c->prio = prio;
    c->cost = cost;
    c->lp = 0;
    c->hash = h;
    memcpy(j->cmem + j->ncmem, m, (size_t)n * sizeof *m);
    j->ncmem += (size_t)n;
    size_t k = h & (j->hcap - 1);
    while (j->htab[k])
        k = (k + 1) & (j->hcap - 1);
    j->htab[k] = j->ncol + 1;
    return (long)j->ncol++;
}

/* ---- the node's items: units merged by `together` decisions ------------- */

static int uf_find(int *parent, int x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* False when some item can be in no set (the node is infeasible). */
static bool build_items(cg_job *j, const cg_dec *dec, size_t ndec)
{
    size_t nu = j->nu;
    int *parent = j->stack; /* scratch of nu + 1 */
    for (size_t r = 0; r < nu; r++)
        parent[r] = (int)r;
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_TOGETHER) {
            int a = uf_find(parent, dec[k].a), b = uf_find(parent, dec[k].b);
            if (a != b)
                parent[a] = b;
        }
    /* number the items and list their members */
    int *root_item = j->comp; /* scratch */
    for (size_t r = 0; r < nu; r++)
        root_item[r] = -1;
    j->nitems = 0;
    for (size_t r = 0; r < nu; r++) {
        int root = uf_find(parent, (int)r);
        if (root_item[root] < 0)
            root_item[root] = j->nitems++;
        j->item_of[r] = root_item[root];
    }
    memset(j->ioff, 0, ((size_t)j->nitems + 1) * sizeof *j->ioff);
    for (size_t r = 0; r < nu; r++)
        j->ioff[j->item_of[r] + 1]++;
    for (int i = 0; i < j->nitems; i++)
        j->ioff[i + 1] += j->ioff[i];
    int *fill = j->cand; /* scratch */
    for (int i = 0; i < j->nitems; i++)
        fill[i] = j->ioff[i];
    for (size_t r = 0; r < nu; r++)
        j->imem[fill[j->item_of[r]]++] = (int)r;
    size_t ks = (size_t)j->ksec;
    bool ok = true;
    for (int i = 0; i < j->nitems; i++) {
        j->isize[i] = 0;
        j->iavail[i] = ~(uint64_t)0;
        j->ilmin[i] = j->ilmax[i] = -1;
        for (size_t k = 0; k < ks; k++)
            j->isec[(size_t)i * ks + k] = 0;
        for (int q = j->ioff[i]; q < j->ioff[i + 1]; q++) {
            int r = j->imem[q];
            j->isize[i] += j->usize[r];
            j->iavail[i] &= j->uavail[r];
            if (j->ulmin[r] >= 0) {
                if (j->ilmin[i] < 0 || j->ulmin[r] < j->ilmin[i])
                    j->ilmin[i] = j->ulmin[r];
                if (j->ulmax[r] > j->ilmax[i])
                    j->ilmax[i] = j->ulmax[r];
            }
            for (size_t k = 0; k < ks; k++)
                j->isec[(size_t)i * ks + k] += j->usec[(size_t)r * ks + k];
            for (int q2 = j->ioff[i]; q2 < q; q2++)
                if (j->uconf[(size_t)r * nu + (size_t)j->imem[q2]])
                    ok = false;
        }
        if (j->isize[i] > j->smax || !j->iavail[i])
            ok = false;
        if (j->ilmin[i] >= 0 && j->p->max_spread != ALS_NONE &&
            j->ilmax[i] - j->ilmin[i] > j->p->max_spread)
            ok = false;
    }
    memset(j->iout, 0, (size_t)j->nitems);
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_PLACED && !dec[k].lo)
            j->iout[j->item_of[dec[k].a]] = 1;
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_PLACED && dec[k].lo &&
            j->iout[j->item_of[dec[k].a]])
            ok = false;
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_DAY) {
            int i = j->item_of[dec[k].a];
            uint64_t bit = (uint64_t)1 << dec[k].b;
            j->iavail[i] &= dec[k].lo ? bit : ~bit;
            if (!j->iavail[i])
                ok = false;
        }
    /* conflicts between items */
    size_t ni = (size_t)j->nitems;
    memset(j->iconf, 0, ni * ni);
    for (size_t a = 0; a < nu; a++)
        for (size_t b = a + 1; b < nu; b++)
            if (j->uconf[a * nu + b]) {
                size_t x = (size_t)j->item_of[a], y = (size_t)j->item_of[b];
                j->iconf[x * ni + y] = j->iconf[y * ni + x] = 1;
            }
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_APART) {
            size_t x = (size_t)j->item_of[dec[k].a];
            size_t y = (size_t)j->item_of[dec[k].b];
            if (x == y)
                ok = false;
            j->iconf[x * ni + y] = j->iconf[y * ni + x] = 1;
        }
    return ok;
}

/* Whether a column keeps the node's decisions. */
static bool col_allowed(cg_job *j, size_t c, const cg_dec *dec, size_t ndec)
{
    const cg_col *cc = &j->col[c];
    const int *m = j->cmem + cc->first;
    for (int k = 0; k < cc->n; k++)
        j->mark[m[k]] = 1;
    bool ok = true;
    for (size_t k = 0; k < ndec && ok; k++) {
        if (dec[k].kind == D_COUNT)
            continue;
        if (dec[k].kind == D_PLACED) {
            if (j->mark[dec[k].a] && !dec[k].lo)
                ok = false;
            continue;
        }
        if (dec[k].kind == D_DAY) {
            if (j->mark[dec[k].a])
                ok = (cc->day == dec[k].b) == (dec[k].lo == 1);
            continue;
        }
        int a = j->mark[dec[k].a], b = j->mark[dec[k].b];
        ok = dec[k].kind == D_TOGETHER ? a == b : !(a && b);
    }
    for (int k = 0; k < cc->n; k++)
        j->mark[m[k]] = 0;
    return ok;
}

/* ---- pricing ------------------------------------------------------------ */

/* |size - target| of a set of `size` members (0 without a target). */
static double size_dev(const cg_job *j, int size)
{
    if (j->target == ALS_NONE)
        return 0;
    return size > j->target ? size - j->target : j->target - size;
}

static bool opt_push(cg_job *j, int delta, int size, double val,
                     const int *items, int n)
{
    if (j->nopt >= CG_MAX_OPTIONS) {
        j->giveup = true; /* pricing could not be exact */
        return false;
    }
    if (!als__grow((void **)&j->opt, &j->capopt, j->nopt + 2, sizeof *j->opt) ||
        !als__grow((void **)&j->oitems, &j->capoitems, j->noitems + (size_t)n,
                   sizeof *j->oitems)) {
        j->nomem = true;
        return false;
    }
    cg_opt *o = &j->opt[j->nopt++];
    o->delta = delta;
    o->size = size;
    o->val = val;
    o->off = (int)j->noitems;
    memcpy(j->oitems + j->noitems, items, (size_t)n * sizeof *items);
    j->noitems += (size_t)n;
    j->opt[j->nopt].off = (int)j->noitems;
    return true;
}

static int item_delta(const cg_job *j, int i)
{
    int R = j->smax + 1, d = 0;
    for (int k = j->kcur - 1; k >= 0; k--)
        d = d * R + j->isec[(size_t)i * (size_t)j->ksec + (size_t)k];
    return d * R + j->isize[i];
}

/* Every nonempty conflict-free choice within a component (items
   comp[0..n)), as options. */
static void enum_options(cg_job *j, const int *comp, int n, int at, int *chosen,
                         int nch, int delta, int size, double val)
{
    if (j->giveup || j->nomem)
        return;
    if (at == n) {
        if (nch)
            opt_push(j, delta, size, val, chosen, nch);
        return;
    }
    enum_options(j, comp, n, at + 1, chosen, nch, delta, size, val);
    int i = comp[at];
    if (size + j->isize[i] > j->smax)
        return;
    size_t ni = (size_t)j->nitems;
    for (int k = 0; k < nch; k++)
        if (j->iconf[(size_t)i * ni + (size_t)chosen[k]])
            return;
    chosen[nch] = i;
    enum_options(j, comp, n, at + 1, chosen, nch + 1, delta + item_delta(j, i),
                 size + j->isize[i], val + j->ival[i]);
}

/* The cheapest set on day d with levels in [lo, hi], which cost wcost;
   adds it as a column when its reduced cost is negative. Returns the
   reduced cost (DBL_MAX: no set). */
static double price_one(cg_job *j, int d, int lo, int hi, double wcost,
                        double mu)
{
    size_t ni = (size_t)j->nitems;
    /* candidates: available on d, levels within the window */
    int nc = 0;
    for (size_t i = 0; i < ni; i++) {
        if (j->iout[i] || !(j->iavail[i] >> d & 1))
            continue;
        if (j->ilmin[i] >= 0 && (j->ilmin[i] < lo || j->ilmax[i] > hi))
            continue;
        j->cand[nc++] = (int)i;
        j->mark[i] = 0; /* component not yet assigned */
    }
    if (nc == 0)
        return DBL_MAX;
    /* components of the conflict graph among them, and their options */
    for (int k = 0; k < nc; k++)
        j->mark[j->cand[k]] = 1; /* candidate, unvisited */
    j->nopt = 0;
    j->noitems = 0;
    if (!als__grow((void **)&j->opt, &j->capopt, 1, sizeof *j->opt)) {
        j->nomem = true;
        return DBL_MAX;
    }
    j->opt[0].off = 0;
    int ncomp = 0, filled = 0;
    for (int k = 0; k < nc; k++) {
        int s0 = j->cand[k];
        if (j->mark[s0] != 1)
            continue;
        int start = filled, top = 0;
        j->stack[top++] = s0;
        j->mark[s0] = 2;
        while (top) {
            int x = j->stack[--top];
            j->comp[filled++] = x;
            for (int q = 0; q < nc; q++) {
                int y = j->cand[q];
                if (j->mark[y] == 1 && j->iconf[(size_t)x * ni + (size_t)y]) {
                    j->mark[y] = 2;
                    j->stack[top++] = y;
                }
            }
        }
        j->ccomp_opt[ncomp++] = (int)j->nopt;
        enum_options(j, j->comp + start, filled - start, 0, j->chosen, 0, 0, 0,
                     0);
        if (j->giveup || j->nomem)
            break;
    }
    for (int k = 0; k < nc; k++)
        j->mark[j->cand[k]] = 0;
    if (j->giveup || j->nomem)
        return DBL_MAX;
    j->ccomp_opt[ncomp] = (int)j->nopt;
    /* the DP: cur[s] = most value with state s */
    int nr = 1;
    j->reach[0] = 0;
    j->cur[0] = 0;
    j->inreach[0] = 1;
    for (int c = 0; c < ncomp; c++) {
        int16_t *ch = j->choice + (size_t)c * j->nstates;
        int nn = nr;
        for (int q = 0; q < nr; q++) {
            int s = j->reach[q];
            j->nreach[q] = s;
            j->nxt[s] = j->cur[s];
            ch[s] = -1;
        }
        for (int q = 0; q < nr; q++) {
            int s = j->reach[q];
            int size = j->st_size[s];
            double v = j->cur[s];
            for (int o = j->ccomp_opt[c]; o < j->ccomp_opt[c + 1]; o++) {
                const cg_opt *op = &j->opt[o];
                if (size + op->size > j->smax)
                    continue;
                int t = s + op->delta;
                double nv = v + op->val;
                if (!j->inreach[t]) {
                    j->inreach[t] = 1;
                    j->nreach[nn++] = t;
                    j->nxt[t] = nv;
                    ch[t] = (int16_t)(o - j->ccomp_opt[c]);
                } else if (nv > j->nxt[t] + 1e-12) {
                    j->nxt[t] = nv;
                    ch[t] = (int16_t)(o - j->ccomp_opt[c]);
                }
            }
        }
        nr = nn;
        int *tr = j->reach;
        j->reach = j->nreach;
        j->nreach = tr;
        double *tv = j->cur;
        j->cur = j->nxt;
        j->nxt = tv;
    }
    /* the cheapest final state */
    double best = DBL_MAX;
    int bs = -1;
    for (int q = 0; q < nr; q++) {
        int s = j->reach[q];
        j->inreach[s] = 0;
        int size = j->st_size[s];
        if (size < j->smin || size > j->smax)
            continue;
        /* the deviation depends on the size alone, which the state holds:
           its cost and the dual of its held row are added here, exactly */
        double rc = j->alpha * j->secw * j->st_pairs[s] + wcost - j->cur[s] -
                    mu + (j->delta + j->tau) * size_dev(j, size);
        if (rc < best) {
            best = rc;
            bs = s;
        }
    }
    if (bs < 0 || best >= -1e-7)
        return best;
    /* its members */
    int m[1024], n = 0, s = bs;
    for (int c = ncomp - 1; c >= 0; c--) {
        int16_t o = j->choice[(size_t)c * j->nstates + (size_t)s];
        if (o < 0)
            continue;
        int opt = j->ccomp_opt[c] + o;
        for (int q = j->opt[opt].off; q < j->opt[opt + 1].off; q++) {
            int it = j->oitems[q];
            for (int r = j->ioff[it]; r < j->ioff[it + 1] && n < 1024; r++)
                m[n++] = j->imem[r];
        }
        s -= j->opt[opt].delta;
    }
    col_add(j, m, n, j->days ? d : -1);
    return best;
}

/* ---- the master LP (GLPK) ----------------------------------------------- */

static int time_left_ms(const cg_job *j)
{
    return als__glpk_ms_left(j->run->deadline);
}

/* A column's objective in the tier being solved. */
static double col_obj(const cg_job *j, const cg_col *c)
{
    return j->alpha * c->cost - j->beta * c->size - j->gamma * (double)c->prio +
           j->delta * size_dev(j, c->size);
}

static void lp_add_col(cg_job *j, size_t c)
{
    cg_col *cc = &j->col[c];
    int gc = glp_add_cols(j->P, 1);
    int ind[1028];
    double val[1028];
    int n = 0;
    for (int k = 0; k < cc->n; k++) {
        ind[++n] = j->cmem[cc->first + (size_t)k] + 1;
        val[n] = 1;
    }
    ind[++n] = (int)j->nu + 1; /* sets */
    val[n] = 1;
    if (j->days) {
        ind[++n] = (int)j->nu + 2 + cc->day; /* sets on its day */
        val[n] = 1;
    }
    if (j->hrow[0]) {
        ind[++n] = j->hrow[0];
        val[n] = cc->size;
    }
    if (j->hrow[1] && cc->prio) {
        ind[++n] = j->hrow[1];
        val[n] = (double)cc->prio;
    }
    if (j->hrow[2] && size_dev(j, cc->size) != 0) {
        ind[++n] = j->hrow[2];
        val[n] = -size_dev(j, cc->size);
    }
    glp_set_mat_col(j->P, gc, n, ind, val);
    glp_set_col_bnds(j->P, gc, GLP_LO, 0, 0);
    glp_set_obj_coef(j->P, gc, col_obj(j, cc));
    cc->lp = gc;
}

/* Give the LP every column of the pool it does not have yet. */
static void lp_sync(cg_job *j)
{
    for (; j->nlp < j->ncol; j->nlp++)
        lp_add_col(j, j->nlp);
}

/* Rows: each unit at most once; the number of sets, then of sets on each
   day (bounded by the cap and by branching). */
static void lp_create(cg_job *j)
{
    j->P = glp_create_prob();
    glp_set_obj_dir(j->P, GLP_MIN);
    int nrows = (int)j->nu + 1 + (j->days ? j->nd : 0);
    glp_add_rows(j->P, nrows);
    for (size_t r = 0; r < j->nu; r++) {
        glp_set_row_bnds(j->P, (int)r + 1, GLP_UP, 0, 1);
        /* for a unit that branching requires placed */
        int art = glp_add_cols(j->P, 1);
        int ai[2] = {0, (int)r + 1};
        double av[2] = {0, 1};
        glp_set_mat_col(j->P, art, 1, ai, av);
        glp_set_col_bnds(j->P, art, GLP_LO, 0, 0);
        j->uart[r] = art;
    }
    /* branching may ask for more sets than the columns so far can make:
       an artificial column for each count row keeps every LP feasible */
    for (int k = 0; k < nrows - (int)j->nu; k++) {
        int art = glp_add_cols(j->P, 1);
        int ai[2] = {0, (int)j->nu + 1 + k};
        double av[2] = {0, 1};
        glp_set_mat_col(j->P, art, 1, ai, av);
        glp_set_col_bnds(j->P, art, GLP_LO, 0, 0);
        j->cart[k] = art;
    }
}

/* The node's bounds on the number of sets, overall (d = -1) and per day;
   false when they cannot all hold. */
static bool count_bounds(const cg_job *j, const cg_dec *dec, size_t ndec, int d,
                         long *lo, long *hi)
{
    *lo = 0;
    *hi = d < 0 ? (long)j->maxsets : LONG_MAX;
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_COUNT && dec[k].a == d) {
            if (dec[k].lo > *lo)
                *lo = dec[k].lo;
            if (dec[k].hi < *hi)
                *hi = dec[k].hi;
        }
    return *lo <= *hi;
}

static bool set_count_rows(cg_job *j, const cg_dec *dec, size_t ndec,
                           long *total_hi)
{
    for (size_t r = 0; r < j->nu; r++)
        glp_set_row_bnds(j->P, (int)r + 1, GLP_UP, 0, 1);
    for (size_t k = 0; k < ndec; k++)
        if (dec[k].kind == D_PLACED)
            glp_set_row_bnds(j->P, dec[k].a + 1, GLP_FX, (double)dec[k].lo,
                             (double)dec[k].lo);
    int nrows = 1 + (j->days ? j->nd : 0);
    for (int k = 0; k < nrows; k++) {
        long lo, hi;
        if (!count_bounds(j, dec, ndec, k - 1, &lo, &hi))
            return false;
        if (k == 0)
            *total_hi = hi;
        int row = (int)j->nu + 1 + k;
        if (hi == LONG_MAX)
            glp_set_row_bnds(j->P, row, lo ? GLP_LO : GLP_FR, (double)lo, 0);
        else if (lo == hi)
            glp_set_row_bnds(j->P, row, GLP_FX, (double)lo, (double)lo);
        else
            glp_set_row_bnds(j->P, row, GLP_DB, (double)lo, (double)hi);
    }
    return true;
}

/* Hold a solved tier (0: placed, 1: priority, 2: minus the size deviation)
   at its optimum `v`, with an
   artificial column so that every node's LP stays feasible. */
static void lp_hold(cg_job *j, int which, double v)
{
    lp_sync(j); /* the row must cover every column of the pool */
    int row = glp_add_rows(j->P, 1);
    glp_set_row_bnds(j->P, row, GLP_LO, v, 0);
    /* in the job, freed with it even if GLPK fails below */
    free(j->hind);
    free(j->hval);
    j->hind = als__malloc(j->ncol + 2, sizeof *j->hind);
    j->hval = als__malloc(j->ncol + 2, sizeof *j->hval);
    if (!j->hind || !j->hval) {
        j->nomem = true;
        return;
    }
    int *ind = j->hind;
    double *val = j->hval;
    int n = 0;
    for (size_t c = 0; c < j->ncol; c++) {
        double k = which == 0   ? j->col[c].size
                   : which == 1 ? (double)j->col[c].prio
                                : -size_dev(j, j->col[c].size);
        if (k != 0) {
            ind[++n] = j->col[c].lp;
            val[n] = k;
        }
    }
    glp_set_mat_row(j->P, row, n, ind, val);
    int art = glp_add_cols(j->P, 1);
    int ai[2] = {0, row};
    double av[2] = {0, 1};
    glp_set_mat_col(j->P, art, 1, ai, av);
    glp_set_col_bnds(j->P, art, GLP_LO, 0, 0);
    j->hrow[which] = row;
    j->hart[which] = art;
}

/* Solve the LP; false when GLPK could not. After branching (`dual`) the
   last basis stays dual feasible, after new columns primal feasible: the
   simplex that keeps its start does least work. */
static bool lp_solve(cg_job *j, bool dual)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = dual ? GLP_DUALP : GLP_PRIMAL;
    sm.tm_lim = time_left_ms(j);
    int rc = glp_simplex(j->P, &sm);
    if (rc != 0 || glp_get_status(j->P) != GLP_OPT) {
        glp_adv_basis(j->P, 0);
        sm.tm_lim = time_left_ms(j);
        rc = glp_simplex(j->P, &sm);
    }
    return rc == 0 && glp_get_status(j->P) == GLP_OPT;
}

/* ---- the search --------------------------------------------------------- */

typedef enum { N_PRUNED, N_BRANCH, N_STOP } node_result;

/* Whether a node of lower bound lb can hold nothing better than the
   incumbent. */
static bool prunes(const cg_job *j, double lb)
{
    double tol = 1e-6 * (fabs(j->inc) > 1 ? fabs(j->inc) : 1);
    if (j->whole_t)
        return lb > j->inc - 1 + tol;
    return lb >= j->inc - 1e-9 * (fabs(j->inc) > 1 ? fabs(j->inc) : 1);
}

/* The LP's integral solution becomes the incumbent. */
static void take_incumbent(cg_job *j, double z)
{
    j->ninc = 0;
    for (size_t c = 0; c < j->ncol; c++)
        if (j->x[c] > 0.5) {
            if (!als__grow((void **)&j->incc, &j->capinc, j->ninc + 1,
                           sizeof *j->incc)) {
                j->nomem = true;
                return;
            }
            j->incc[j->ninc++] = c;
        }
    j->inc = z;
}

/*
 * A primal heuristic at the root: the restricted master as an integer
 * program over the columns generated so far (GLPK's branch-and-cut, its
 * own presolve, for a tenth of the time left, at most a second), with every
 * artificial column at 0. A better whole allocation becomes the incumbent;
 * the LP is then as it was. The bound at the root is often tight where the
 * search below it would take long to find the allocation that meets it.
 */
static void rmp_integer(cg_job *j)
{
    int ms = time_left_ms(j) / 10;
    if (ms > 1000) /* when it cannot finish in a second, branching may */
        ms = 1000;
    if (ms < 20 || j->ncol == 0)
        return;
    int arts[3 + 65];
    int na = 0;
    for (int k = 0; k < 3; k++)
        if (j->hart[k])
            arts[na++] = j->hart[k];
    for (int k = 0; k < 65; k++)
        if (j->cart[k])
            arts[na++] = j->cart[k];
    for (int k = 0; k < na; k++)
        glp_set_col_bnds(j->P, arts[k], GLP_FX, 0, 0);
    for (size_t r = 0; r < j->nu; r++)
        glp_set_col_bnds(j->P, j->uart[r], GLP_FX, 0, 0);
    for (size_t c = 0; c < j->ncol; c++)
        glp_set_col_kind(j->P, j->col[c].lp, GLP_BV);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = ms;
    int rc = glp_intopt(j->P, &parm);
    int st = glp_mip_status(j->P);
    if ((rc == 0 || rc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)) {
        double z = glp_mip_obj_val(j->P);
        if (!prunes(j, z)) {
            for (size_t c = 0; c < j->ncol; c++)
                j->x[c] = glp_mip_col_val(j->P, j->col[c].lp);
            take_incumbent(j, z);
        }
    }
    for (size_t c = 0; c < j->ncol; c++) {
        glp_set_col_kind(j->P, j->col[c].lp, GLP_CV);
        glp_set_col_bnds(j->P, j->col[c].lp, GLP_LO, 0, 0);
    }
    for (int k = 0; k < na; k++)
        glp_set_col_bnds(j->P, arts[k], GLP_LO, 0, 0);
    for (size_t r = 0; r < j->nu; r++)
        glp_set_col_bnds(j->P, j->uart[r], GLP_LO, 0, 0);
}

/* Price every day and window; returns the least reduced cost (0 when
   none is negative), new columns added to the pool. On a large cohort one
   round takes long: past the deadline it stops (j->stopped), and its
   figure must not be used. */
static double price_all(cg_job *j, const double *mu)
{
    double minrc = 0;
    bool windows =
        j->nwin > 1 && (j->alpha > 0 || j->p->max_spread != ALS_NONE);
    for (int d = 0; d < j->nd; d++) {
        if (!windows) {
            if (als__now() >= j->run->deadline) {
                j->stopped = true;
                return 0;
            }
            double rc = price_one(j, d, INT_MIN, INT_MAX, 0, mu[d]);
            if (rc < minrc)
                minrc = rc;
            continue;
        }
        for (int w = 0; w < j->nwin; w++) {
            if (als__now() >= j->run->deadline) {
                j->stopped = true;
                return 0;
            }
            int lo = j->lv[j->wlo[w]], hi = j->lv[j->whi[w]];
            double rc = price_one(
                j, d, lo, hi, j->alpha * j->senw * (double)(hi - lo), mu[d]);
            if (j->giveup || j->nomem)
                return 0;
            if (rc < minrc)
                minrc = rc;
        }
    }
    return minrc;
}

/* Whether the node already decided this (b = -1: any b). */
static bool decided(const cg_node *nd, int kind, int a, int b)
{
    for (size_t k = 0; k < nd->ndec; k++)
        if (nd->dec[k].kind == kind && nd->dec[k].a == a &&
            (b < 0 || nd->dec[k].b == b))
            return true;
    return false;
}

/* Column generation at a node, then integrality or a branching pair. */
/* The node's relaxation, priced out: columns added until none prices
   below zero, the bound raised on the way (the Lagrangian bound at each
   round, the relaxation's value at the end). N_BRANCH: solved, neither
   pruned nor stopped. */
static node_result node_price(cg_job *j, double *lb, long most)
{
    for (bool first = true;; first = false) {
        if (als__run_poll(j->run, j->run->best_placed, j->run->best_priority,
                          j->run->best_penalty)) {
            j->stopped = true;
            return N_STOP;
        }
        if (!lp_solve(j, first)) {
            j->stopped = true; /* GLPK gave up (time, or numerics) */
            return N_STOP;
        }
        double z = glp_get_obj_val(j->P);
        for (size_t r = 0; r < j->nu; r++)
            j->pi[r] = glp_get_row_dual(j->P, (int)r + 1);
        double mu[65];
        double mu_all = glp_get_row_dual(j->P, (int)j->nu + 1);
        for (int d = 0; d < j->nd; d++)
            mu[d] = mu_all +
                    (j->days ? glp_get_row_dual(j->P, (int)j->nu + 2 + d) : 0);
        double sigma = j->hrow[0] ? glp_get_row_dual(j->P, j->hrow[0]) : 0;
        double rho = j->hrow[1] ? glp_get_row_dual(j->P, j->hrow[1]) : 0;
        j->tau = j->hrow[2] ? glp_get_row_dual(j->P, j->hrow[2]) : 0;
        for (int i = 0; i < j->nitems; i++) {
            j->ival[i] = 0;
            for (int q = j->ioff[i]; q < j->ioff[i + 1]; q++) {
                int r = j->imem[q];
                j->ival[i] +=
                    j->pi[r] + (j->beta + sigma) * j->usize[r] +
                    (j->gamma + rho) * (double)j->p->units[j->unit[r]].priority;
            }
        }
        size_t before = j->ncol;
        double minrc = price_all(j, mu);
        if (j->giveup || j->nomem || j->stopped)
            return N_STOP;
        double lag = z + (double)most * minrc;
        if (lag > *lb)
            *lb = lag;
        if (prunes(j, *lb))
            return N_PRUNED;
        if (j->ncol == before) { /* converged */
            if (z > *lb)
                *lb = z;
            break;
        }
        lp_sync(j);
    }
    return prunes(j, *lb) ? N_PRUNED : N_BRANCH;
}

/* The relaxation's columns into j->x; is the solution integral (no
   artificial used, no column in part)? False also short of memory
   (j->nomem). */
static bool node_integral(cg_job *j)
{
    bool integral = true;
    for (int k = 0; k < 3; k++)
        if (j->hart[k] && glp_get_col_prim(j->P, j->hart[k]) > 1e-6)
            integral = false;
    for (int k = 0; k < 65; k++)
        if (j->cart[k] && glp_get_col_prim(j->P, j->cart[k]) > 1e-6)
            integral = false;
    for (size_t r = 0; r < j->nu; r++)
        if (glp_get_col_prim(j->P, j->uart[r]) > 1e-6)
            integral = false;
    if (!als__grow((void **)&j->x, &j->capx, j->ncol ? j->ncol : 1,
                   sizeof *j->x)) {
        j->nomem = true;
        return false;
    }
    for (size_t c = 0; c < j->ncol; c++) {
        double v = glp_get_col_prim(j->P, j->col[c].lp);
        j->x[c] = v;
        if (v > 1e-6 && v < 1 - 1e-6)
            integral = false;
    }
    return integral;
}

/* Branch on the number of sets, overall and then per day, before who
   shares one: settling the sets' structure first is what the bound
   needs. */
static bool branch_count(const cg_job *j, cg_dec *br)
{
    for (int d = -1; d < (j->days ? j->nd : 0); d++) {
        double cnt = 0;
        for (size_t c = 0; c < j->ncol; c++)
            if (d < 0 || j->col[c].day == d)
                cnt += j->x[c];
        if (fabs(cnt - floor(cnt + 0.5)) > 1e-6) {
            br->kind = D_COUNT;
            br->a = d;
            br->b = -1;
            br->lo = (long)floor(cnt);
            br->hi = br->lo + 1;
            return true;
        }
    }
    return false;
}

/* Then on whether a unit is placed. */
static bool branch_placed(const cg_job *j, const cg_node *nd, cg_dec *br)
{
    double bestd = 1;
    br->a = -1;
    for (size_t r = 0; r < j->nu; r++) {
        if (decided(nd, D_PLACED, (int)r, -1))
            continue; /* an artificial in part: branching again on
                         it would repeat the node */
        /* placed: its row's activity less its artificial's */
        double f = glp_get_row_prim(j->P, (int)r + 1) -
                   glp_get_col_prim(j->P, j->uart[r]);
        if (f > 1e-6 && f < 1 - 1e-6 && fabs(f - 0.5) < bestd) {
            bestd = fabs(f - 0.5);
            br->a = (int)r;
        }
    }
    if (br->a >= 0) {
        br->kind = D_PLACED;
        br->b = -1;
        return true;
    }
    return false;
}

/* Then on a unit's day. False also short of memory (j->nomem). */
static bool branch_day(cg_job *j, const cg_node *nd, cg_dec *br)
{
    if (j->days) {
        size_t cells = j->nu * (size_t)j->nd;
        if (!als__grow((void **)&j->uday, &j->capuday, cells,
                       sizeof *j->uday)) {
            j->nomem = true;
            return false;
        }
        memset(j->uday, 0, cells * sizeof *j->uday);
        for (size_t c = 0; c < j->ncol; c++) {
            if (j->x[c] <= 1e-6)
                continue;
            const int *m = j->cmem + j->col[c].first;
            for (int k = 0; k < j->col[c].n; k++)
                j->uday[(size_t)m[k] * (size_t)j->nd + (size_t)j->col[c].day] +=
                    j->x[c];
        }
        double bestd = 1;
        br->a = -1;
        for (size_t q = 0; q < cells; q++) {
            double f = j->uday[q];
            if (decided(nd, D_DAY, (int)(q / (size_t)j->nd),
                        (int)(q % (size_t)j->nd)))
                continue;
            if (f > 1e-6 && f < 1 - 1e-6 && fabs(f - 0.5) < bestd) {
                bestd = fabs(f - 0.5);
                br->a = (int)(q / (size_t)j->nd);
                br->b = (int)(q % (size_t)j->nd);
            }
        }
        if (br->a >= 0) {
            br->kind = D_DAY;
            return true;
        }
    }
    return false;
}

/* Last on a pair of units sharing a set in part. */
static bool branch_together(cg_job *j, cg_dec *br)
{
    size_t nu = j->nu;
    memset(j->pair, 0, nu * nu * sizeof *j->pair);
    for (size_t c = 0; c < j->ncol; c++) {
        if (j->x[c] <= 1e-6)
            continue;
        const int *m = j->cmem + j->col[c].first;
        for (int a = 0; a < j->col[c].n; a++)
            for (int b = a + 1; b < j->col[c].n; b++)
                j->pair[(size_t)m[a] * nu + (size_t)m[b]] += j->x[c];
    }
    double bestd = 1;
    br->kind = D_TOGETHER;
    br->a = -1;
    for (size_t a = 0; a < nu; a++)
        for (size_t b = a + 1; b < nu; b++) {
            double f = j->pair[a * nu + b];
            if (f <= 1e-6 || f >= 1 - 1e-6 || j->item_of[a] == j->item_of[b])
                continue;
            double dd = fabs(f - 0.5);
            if (dd < bestd) {
                bestd = dd;
                br->a = (int)a;
                br->b = (int)b;
            }
        }
    return br->a >= 0;
}

static node_result solve_node(cg_job *j, const cg_node *nd, double *lb,
                              cg_dec *br)
{
    *lb = nd->bound;
    long most = (long)j->maxsets;
    if (!build_items(j, nd->dec, nd->ndec) ||
        !set_count_rows(j, nd->dec, nd->ndec, &most)) {
        *lb = DBL_MAX;
        return N_PRUNED;
    }
    lp_sync(j);
    for (size_t c = 0; c < j->ncol; c++)
        glp_set_col_bnds(j->P, j->col[c].lp,
                         col_allowed(j, c, nd->dec, nd->ndec) ? GLP_LO : GLP_FX,
                         0, 0);
    node_result res = node_price(j, lb, most);
    if (res != N_BRANCH)
        return res;
    /* the solution: integral, or a pair shared in part */
    if (node_integral(j)) {
        double z = glp_get_obj_val(j->P);
        if (!prunes(j, z))
            take_incumbent(j, z);
        return N_PRUNED;
    }
    if (j->nomem)
        return N_STOP;
    if (branch_count(j, br) || branch_placed(j, nd, br))
        return N_BRANCH;
    if (branch_day(j, nd, br))
        return N_BRANCH;
    if (j->nomem)
        return N_STOP;
    if (branch_together(j, br))
        return N_BRANCH;
    /* fractional only in a set's use, not in who shares one: branching on
       the most fractional set itself is not available here */
    j->giveup = true;
    return N_STOP;
}

static bool push_node(cg_node **stack, size_t *n, size_t *cap,
                      const cg_node *parent, const cg_dec *d, double bound)
{
    if (!als__grow((void **)stack, cap, *n + 1, sizeof **stack))
        return false;
    cg_dec *dec = als__malloc(parent->ndec + 1, sizeof *dec);
    if (!dec)
        return false;
    if (parent->ndec)
        memcpy(dec, parent->dec, parent->ndec * sizeof *dec);
    dec[parent->ndec] = *d;
    (*stack)[*n].dec = dec;
    (*stack)[*n].ndec = parent->ndec + 1;
    (*stack)[*n].bound = bound;
    (*n)++;
    return true;
}

typedef struct cg_search {
    cg_node *stack;
    size_t n, cap;
    cg_node cur;
} cg_search;

static void search_clear(cg_search *s)
{
    for (size_t k = 0; k < s->n; k++)
        free(s->stack[k].dec);
    s->n = 0;
    free(s->cur.dec);
    memset(&s->cur, 0, sizeof s->cur);
}

/* Branch-and-price on the current tier. True when it proved the
   incumbent optimal; otherwise *bound (when *has_bound) is the least
   bound over the nodes left. */
static bool search(cg_job *j, cg_search *s, bool *has_bound, double *bound,
                   als__colgen_result *res)
{
    *has_bound = false;
    search_clear(s);
    s->cur.bound = -DBL_MAX;
    bool root = true;
    for (;;) {
        double lb;
        cg_dec br;
        node_result nr = solve_node(j, &s->cur, &lb, &br);
        if (j->nomem)
            return false;
        if (nr == N_STOP) {
            /* the least over the open nodes and this one */
            double g = lb < j->inc ? lb : j->inc;
            for (size_t k = 0; k < s->n; k++)
                if (s->stack[k].bound < g)
                    g = s->stack[k].bound;
            /* valid after a give-up too: no bound was taken from a
               pricing that gave up */
            *has_bound = g > -DBL_MAX;
            *bound = g;
            return false;
        }
        if (nr == N_BRANCH && s->n == 0 && j->tier == 3 && root) {
            root = false;
            rmp_integer(j);
            if (j->nomem)
                return false;
            if (prunes(j, lb)) /* the root's bound is met */
                nr = N_PRUNED;
        }
        if (nr == N_BRANCH) {
            /* children: apart and together, or at most and at least */
            cg_dec apart = br, together = br;
            if (br.kind == D_DAY || br.kind == D_PLACED) {
                apart.lo = 0;
                together.lo = 1;
            } else if (br.kind == D_COUNT) {
                apart.lo = 0;
                apart.hi = br.lo;
                together.lo = br.hi;
                together.hi = LONG_MAX;
            } else {
                apart.kind = D_APART;
                together.kind = D_TOGETHER;
            }
            if (!push_node(&s->stack, &s->n, &s->cap, &s->cur, &apart, lb) ||
                !push_node(&s->stack, &s->n, &s->cap, &s->cur, &together, lb)) {
                j->nomem = true;
                return false;
            }
        }
        res->nodes++;
        free(s->cur.dec);
        s->cur.dec = NULL;
        /* the next node still worth searching */
        for (;;) {
            if (!s->n) {
                *has_bound = true;
                *bound = j->inc;
                return true;
            }
            s->cur = s->stack[--s->n];
            if (!prunes(j, s->cur.bound))
                break;
            free(s->cur.dec);
            s->cur.dec = NULL;
        }
    }
}

/* The tiers in turn: most placed, highest priority, with a target size
   least size deviation, least penalty, each held at its optimum for the
   next (whole numbers: exact). Never inlined:
   its locals must not live in the frame that calls setjmp(). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void
run_tiers(cg_job *j, cg_search *s, als__colgen_result *res)
{
    lp_create(j);
    lp_sync(j);
    /* priority is its own tier only when it differs between members */
    bool prio = false;
    for (size_t r = 0; r < j->nu && !prio; r++) {
        const als__unit *un = &j->p->units[j->unit[r]];
        const als__unit *u0 = &j->p->units[j->unit[0]];
        prio = un->priority * (long long)u0->size !=
               u0->priority * (long long)un->size;
    }
    for (int t = 0; t < 4; t++) {
        if ((t == 1 && !prio) || (t == 2 && j->target == ALS_NONE))
            continue;
        j->tier = t;
        j->alpha = t == 3;
        j->beta = t == 0;
        j->gamma = t == 1;
        j->delta = t == 2;
        j->kcur = t == 3 ? j->ksec : 0;
        j->whole_t = t < 3 || j->whole;
        /* an artificial costs more than any allocation can differ by */
        double span = 0;
        for (size_t r = 0; r < j->nu; r++) {
            const als__unit *un = &j->p->units[j->unit[r]];
            span += t == 0   ? (double)un->size
                    : t == 1 ? fabs((double)un->priority)
                             : 0;
        }
        if (t == 2)
            span = (double)(j->maxsets + 1) * j->smax;
        if (t == 3)
            span = (double)(j->maxsets + 1) * j->setmax;
        j->big = 2 * span + 2;
        for (size_t c = 0; c < j->ncol; c++)
            glp_set_obj_coef(j->P, j->col[c].lp, col_obj(j, &j->col[c]));
        for (int k = 0; k < 3; k++)
            if (j->hart[k])
                glp_set_obj_coef(j->P, j->hart[k], j->big);
        for (int k = 0; k < 65; k++)
            if (j->cart[k])
                glp_set_obj_coef(j->P, j->cart[k], j->big);
        for (size_t r = 0; r < j->nu; r++)
            glp_set_obj_coef(j->P, j->uart[r], j->big);
        j->inc = 0;
        for (size_t k = 0; k < j->ninc; k++)
            j->inc += col_obj(j, &j->col[j->incc[k]]);
        bool has_bound;
        double bound;
        bool proven = search(j, s, &has_bound, &bound, res);
        if (j->nomem)
            return;
        if (!proven) {
            if (t == 3) {
                /* no pair weights here, so no penalty is below 0 */
                res->has_bound = has_bound;
                res->bound = bound > 0 ? bound : 0;
            }
            return;
        }
        if (t == 3) {
            res->proven = true;
            res->has_bound = true;
            res->bound = j->inc;
            return;
        }
        lp_hold(j, t, -j->inc);
        if (j->nomem)
            return;
    }
}

/* ---- entry -------------------------------------------------------------- */

static bool fill_state(cg_job *j, const als__state *hint, als__state *out)
{
    const als_problem *p = j->p;
    if (!als__state_init(out, p, j->ninc ? j->ninc : 1))
        return false;
    out->nslots = j->ninc;
    for (size_t u = 0; u < p->nunits; u++)
        if (hint->eligible[u])
            als__state_make_eligible(out, u);
    bool ok = true;
    for (size_t s = 0; s < j->ninc && ok; s++) {
        const cg_col *c = &j->col[j->incc[s]];
        for (int k = 0; k < c->n && ok; k++)
            ok = als__state_add(out, s, j->unit[j->cmem[c->first + (size_t)k]],
                                c->day < 0 ? -1 : c->day);
    }
    if (!ok)
        als__state_free(out);
    return ok;
}

static void job_free(cg_job *j)
{
    void *ptrs[] = {
        j->unit,   j->usec,    j->usize,  j->uavail,    j->ulmin,   j->ulmax,
        j->uconf,  j->lv,      j->wlo,    j->whi,       j->st_size, j->st_pairs,
        j->col,    j->cmem,    j->htab,   j->item_of,   j->ioff,    j->imem,
        j->isize,  j->iavail,  j->ilmin,  j->ilmax,     j->isec,    j->ival,
        j->iconf,  j->iout,    j->chosen, j->uart,      j->cand,    j->comp,
        j->stack,  j->opt,     j->oitems, j->cur,       j->nxt,     j->reach,
        j->nreach, j->inreach, j->choice, j->ccomp_opt, j->x,       j->pi,
        j->pair,   j->uday,    j->mark,   j->incc,      j->hind,    j->hval};
    for (size_t k = 0; k < sizeof ptrs / sizeof *ptrs; k++)
        free(ptrs[k]);
    free(j);
}

/* Rank of unit u (the ranks are in unit order). */
static size_t rank_of(const cg_job *j, size_t u)
{
    size_t lo = 0, hi = j->nu;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (j->unit[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

als_status als__colgen(const als_problem *p, als__run *run,
                       const als__state *hint, als__state *out,
                       als__colgen_result *res, als_error *err)
{
    memset(res, 0, sizeof *res);
    if (!als__colgen_applies(p, run, hint))
        return ALS_OK;
    cg_job *j = als__calloc(1, sizeof *j);
    if (!j)
        return ALS_ENOMEM;
    j->p = p;
    j->run = run;
    als_status rc = ALS_OK;
    cg_search *s = als__calloc(1, sizeof *s);
    if (!s || !setup(j, hint)) {
        rc = ALS_ENOMEM;
        goto done;
    }
    /* the heuristic's sets: the first columns and the incumbent */
    for (size_t sl = 0; sl < hint->nslots; sl++) {
        const als__slot *h = &hint->slot[sl];
        if (!h->nunits)
            continue;
        int m[1024], n = 0;
        for (size_t k = 0; k < h->nunits && n < 1024; k++)
            m[n++] = (int)rank_of(j, h->units[k]);
        long c = col_add(j, m, n, j->days ? h->day : -1);
        if (c < 0 || !als__grow((void **)&j->incc, &j->capinc, j->ninc + 1,
                                sizeof *j->incc)) {
            rc = ALS_ENOMEM;
            goto done;
        }
        j->incc[j->ninc++] = (size_t)c;
    }
    int lvspan = j->nl > 1 ? j->lv[j->nl - 1] - j->lv[0] : 0;
    j->setmax = j->secw * j->smax * (j->smax - 1) / 2.0 + j->senw * lvspan;
    res->applies = true;
    if (setjmp(j->g.jb) == 0) {
        if (als__glpk_guard_on(&j->g))
            run_tiers(j, s, res);
        else
            j->nomem = true;
    } else {
        j->P = NULL; /* freed with the environment */
        als__glpk_guard_off();
        rc = als__glpk_guard_status(&j->g);
        als__error_set(err, rc, "", "GLPK failed: %.200s",
                       als__glpk_guard_why(&j->g));
        goto done;
    }
    als__glpk_guard_off();
    if (j->nomem) {
        rc = ALS_ENOMEM;
        goto done;
    }
    res->stopped = j->stopped;
    res->gave_up = j->giveup && !j->stopped;
    if (!fill_state(j, hint, out))
        rc = ALS_ENOMEM;
done:
    if (s) {
        search_clear(s);
        free(s->stack);
        free(s);
    }
    job_free(j);
    return rc;
}
