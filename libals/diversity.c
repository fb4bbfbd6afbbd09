/*
 * The diversity search: for cohorts whose penalty is the pair weights alone
 * and whose sets take anyone (no days, units, pins, targets, facilitators
 * or re-run: the Maximally Diverse Grouping Problem, as in MDGPLIB), a
 * population search in the manner of TPSDP (Yang et al., EJOR 2022):
 * each solution is perturbed strongly and brought to a local optimum by
 * moves and swaps, children are made by crossing two solutions group by
 * group, and the population shrinks along a schedule (schedule()), the
 * perturbation weakening with it. When no pair weight is positive and the
 * groups' bounds differ, the search holds the groups at the sizes with the
 * most pairs (fix_sizes()), by swaps alone, and a last local search of
 * moves and swaps within the groups' own bounds polishes the best.
 *
 * The local search prices a move or a swap from a table of each element's
 * weight to each group, kept group-major (g * n + i) so that pricing every
 * swap of one element reads memory in order, and each element's weight to
 * its own group apart (`self`), as Schulz (Annals of OR, 2024) recommends.
 * A move or swap made updates two rows of the table: O(n).
 *
 * Work is counted in ticks on the state (als__state.ticks), never in
 * seconds, so that a seed gives one allocation whatever the machine's load.
 * Only when the work would outlast the time limit does the schedule follow
 * the clock (schedule()).
 */
#include "diversity.h"

#include "rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One solution: each element's group, and each group's size. */
typedef struct dsol {
    int *g;
    int *size;
    double f; /* its penalty: the summed weight of pairs sharing a group */
} dsol;

typedef struct dsearch {
    size_t n, m;      /* elements (units), groups (open slots) */
    const double *w;  /* [n * n] pair weights (the state's unitw) */
    int *lo, *hi;     /* each group's size bounds in the search */
    int *lo0, *hi0;   /* the groups' own bounds, when the search's differ */
    bool fixed;       /* every group's size fixed (lo == hi): no moves */
    size_t *slot;     /* group -> the state's slot */
    double *G;        /* [m * n] element i's weight to group g: G[g*n+i] */
    double *self;     /* [n] G[g[i] * n + i] */
    int *order;       /* [n] scratch: a permutation */
    int *left;        /* [n] scratch for the crossover */
    double *gdiv;     /* [m] scratch: each group's weight, for crossover */
    int *taken;       /* [m] scratch */
    int *bucket;      /* [n] scratch: free elements by parent group */
    size_t *start;    /* [m + 1] scratch: where each group's begin */
    dsol *pop;        /* [cap] the population */
    dsol child, best; /* a child of crossover; the best so far */
    size_t cap;
    als__rng *rng;
    unsigned long long steps; /* work done (TICK()) */
    unsigned long long work;  /* the work the schedule is drawn over */
    double t0, horizon;       /* its clock, when paced (else horizon 0) */
    bool nomem;
} dsearch;

/* Work: the steps of the inner loops (pricing a move or a swap, a cell of
   the table built or updated), STEPS_PER_TICK of them a tick, so that the
   ticks a second of the time limit buys (TICKS_PER_S, heuristic.c) end a
   run at about 0.7 of its limit: measured, 1.0e9 steps a second at n =
   120 and 240 alike (BENCHMARKS.md). */
#define STEPS_PER_TICK 14
#define TICK(d, k) ((d)->steps += (unsigned long long)(k))

static bool sol_alloc(dsearch *d, dsol *s)
{
    s->g = als__malloc(d->n ? d->n : 1, sizeof *s->g);
    s->size = als__malloc(d->m ? d->m : 1, sizeof *s->size);
    return s->g && s->size;
}

static void sol_free(dsol *s)
{
    free(s->g);
    free(s->size);
    memset(s, 0, sizeof *s);
}

static void sol_copy(const dsearch *d, dsol *to, const dsol *from)
{
    memcpy(to->g, from->g, d->n * sizeof *to->g);
    memcpy(to->size, from->size, d->m * sizeof *to->size);
    to->f = from->f;
}

/* The table for solution s, and its penalty. */
static void table_build(dsearch *d, dsol *s)
{
    size_t n = d->n;
    memset(d->G, 0, d->m * n * sizeof *d->G);
    double f = 0;
    for (size_t i = 0; i < n; i++) {
        const double *wi = d->w + i * n;
        for (size_t j = 0; j < n; j++)
            d->G[(size_t)s->g[j] * n + i] += wi[j];
    }
    for (size_t i = 0; i < n; i++) {
        d->self[i] = d->G[(size_t)s->g[i] * n + i];
        f += d->self[i];
    }
    s->f = f / 2;
    TICK(d, n * n + 1);
}

/* Move element v of s to group b, the table kept. */
static void table_move(dsearch *d, dsol *s, size_t v, int b)
{
    size_t n = d->n;
    int a = s->g[v];
    const double *wv = d->w + v * n;
    double *ga = d->G + (size_t)a * n, *gb = d->G + (size_t)b * n;
    for (size_t k = 0; k < n; k++) {
        ga[k] -= wv[k];
        gb[k] += wv[k];
    }
    s->g[v] = b;
    s->size[a]--;
    s->size[b]++;
    for (size_t k = 0; k < n; k++)
        d->self[k] = d->G[(size_t)s->g[k] * n + k];
    TICK(d, 3 * n + 1);
}

/*
 * Moves then swaps, each made as soon as it lowers the penalty, until a
 * pass makes none: a local optimum of both neighbourhoods. The table must
 * be s's (table_build()).
 */
static void local_search(dsearch *d, dsol *s)
{
    size_t n = d->n, m = d->m;
    const double eps = 1e-9 * (1 + fabs(s->f));
    for (bool improved = true; improved;) {
        improved = false;
        for (size_t v = 0; v < n && !d->fixed; v++) {
            int a = s->g[v];
            if (s->size[a] <= d->lo[a])
                continue;
            for (size_t b = 0; b < m; b++) {
                if ((int)b == a || s->size[b] >= d->hi[b])
                    continue;
                double delta = d->G[b * n + v] - d->self[v];
                if (delta < -eps) {
                    table_move(d, s, v, (int)b);
                    s->f += delta;
                    improved = true;
                    a = (int)b;
                    if (s->size[a] <= d->lo[a])
                        break;
                }
            }
        }
        if (!d->fixed)
            TICK(d, n * m / 4);
        for (size_t v = 0; v + 1 < n; v++) {
            const double *wv = d->w + v * n;
            for (size_t u = v + 1; u < n; u++) {
                int a = s->g[v], b = s->g[u];
                if (a == b)
                    continue;
                double delta = d->G[(size_t)b * n + v] - d->self[v] +
                               d->G[(size_t)a * n + u] - d->self[u] - 2 * wv[u];
                if (delta < -eps) {
                    table_move(d, s, v, b);
                    table_move(d, s, u, a);
                    s->f += delta;
                    improved = true;
                }
            }
            TICK(d, (n - v));
        }
    }
}

/* A random solution within the bounds: each group filled to its lower
   bound, the rest dealt to groups with room. */
static void random_solution(dsearch *d, dsol *s)
{
    size_t n = d->n, m = d->m;
    for (size_t i = 0; i < n; i++)
        d->order[i] = (int)i;
    for (size_t i = n; i > 1; i--) {
        size_t j = als__rng_below(d->rng, i);
        int t = d->order[i - 1];
        d->order[i - 1] = d->order[j];
        d->order[j] = t;
    }
    memset(s->size, 0, m * sizeof *s->size);
    size_t k = 0;
    for (size_t b = 0; b < m; b++)
        while (s->size[b] < d->lo[b] && k < n) {
            s->g[d->order[k++]] = (int)b;
            s->size[b]++;
        }
    for (; k < n; k++) {
        size_t b = als__rng_below(d->rng, m);
        while (s->size[b] >= d->hi[b])
            b = (b + 1) % m;
        s->g[d->order[k]] = (int)b;
        s->size[b]++;
    }
}

/* The strong perturbation: `eta` random moves (within the bounds) or
   swaps, as many of each as the neighbourhoods' sizes would draw. */
static void perturb(dsearch *d, dsol *s, size_t eta)
{
    size_t n = d->n, m = d->m;
    double moves = d->fixed ? 0 : (double)(n * m);
    double all = moves + (double)n * (n - 1) / 2;
    for (size_t done = 0, tries = 0; done < eta && tries < 100 * eta + 100;
         tries++) {
        if (als__rng_unit(d->rng) * all < moves) {
            size_t v = als__rng_below(d->rng, n), b = als__rng_below(d->rng, m);
            int a = s->g[v];
            if ((int)b == a || s->size[a] <= d->lo[a] || s->size[b] >= d->hi[b])
                continue;
            s->g[v] = (int)b;
            s->size[a]--;
            s->size[b]++;
        } else {
            size_t x = als__rng_below(d->rng, n), y = als__rng_below(d->rng, n);
            if (s->g[x] == s->g[y])
                continue;
            int t = s->g[x];
            s->g[x] = s->g[y];
            s->g[y] = t;
        }
        done++;
    }
}

/*
 * A child of a and b, group by group: from each parent in turn, the
 * group whose elements still free weigh least together (the most diverse)
 * goes whole to a free group of the child that can hold them (or as many
 * as it holds); the elements left are then dealt, lower bounds first.
 */
static void crossover(dsearch *d, const dsol *a, const dsol *b, dsol *c)
{
    size_t n = d->n, m = d->m;
    int *free_el = d->left; /* 1: not yet in the child */
    for (size_t i = 0; i < n; i++) {
        free_el[i] = 1;
        c->g[i] = -1;
    }
    memset(c->size, 0, m * sizeof *c->size);
    memset(d->taken, 0, m * sizeof *d->taken);
    for (size_t round = 0; round < m; round++) {
        const dsol *p = round % 2 ? b : a;
        /* the parent's groups by the weight among their free elements
           (a counting sort by group, then the pairs inside each) */
        int *cnt = d->order; /* free elements of each parent group */
        for (size_t g = 0; g <= m; g++)
            d->start[g] = 0;
        for (size_t i = 0; i < n; i++)
            if (free_el[i])
                d->start[p->g[i] + 1]++;
        for (size_t g = 0; g < m; g++) {
            cnt[g] = (int)d->start[g + 1];
            d->start[g + 1] += d->start[g];
        }
        for (size_t i = 0; i < n; i++)
            if (free_el[i])
                d->bucket[d->start[p->g[i]]++] = (int)i;
        for (size_t g = m; g > 0; g--)
            d->start[g] = d->start[g - 1];
        d->start[0] = 0;
        for (size_t g = 0; g < m; g++) {
            double sum = 0;
            const int *e = d->bucket + d->start[g];
            for (int x = 0; x < cnt[g]; x++) {
                const double *wx = d->w + (size_t)e[x] * n;
                for (int y = x + 1; y < cnt[g]; y++)
                    sum += wx[e[y]];
            }
            d->gdiv[g] = sum;
            TICK(d, (unsigned long long)(cnt[g] * cnt[g]) / 8 + 1);
        }
        TICK(d, n / 4 + 1);
        size_t pick = m;
        double best = 0;
        for (size_t g = 0; g < m; g++) {
            if (cnt[g] == 0)
                continue;
            double per = d->gdiv[g] / cnt[g];
            if (pick == m || per < best) {
                pick = g;
                best = per;
            }
        }
        if (pick == m)
            break;
        /* a free group of the child with room for them all, at random;
           else the one with the most room */
        size_t target = m, fits = 0, roomiest = m;
        for (size_t g = 0; g < m; g++) {
            if (d->taken[g])
                continue;
            if (roomiest == m || d->hi[g] > d->hi[roomiest])
                roomiest = g;
            if (d->hi[g] >= cnt[pick] && als__rng_below(d->rng, ++fits) == 0)
                target = g;
        }
        if (target == m)
            target = roomiest;
        if (target == m)
            break;
        d->taken[target] = 1;
        const int *e = d->bucket + d->start[pick];
        for (int k = 0; k < cnt[pick] && c->size[target] < d->hi[target]; k++) {
            c->g[e[k]] = (int)target;
            c->size[target]++;
            free_el[e[k]] = 0;
        }
    }
    /* the rest: lower bounds first, then anywhere with room */
    for (size_t i = 0; i < n; i++) {
        if (!free_el[i])
            continue;
        size_t g = m;
        for (size_t h = 0; h < m && g == m; h++)
            if (c->size[h] < d->lo[h])
                g = h;
        if (g == m) {
            g = als__rng_below(d->rng, m);
            while (c->size[g] >= d->hi[g])
                g = (g + 1) % m;
        }
        c->g[i] = (int)g;
        c->size[g]++;
    }
    /* a group left below its bound takes from groups above theirs */
    for (size_t g = 0; g < m; g++)
        for (size_t i = 0; i < n && c->size[g] < d->lo[g]; i++) {
            int h = c->g[i];
            if (h != (int)g && c->size[h] > d->lo[h]) {
                c->g[i] = (int)g;
                c->size[h]--;
                c->size[g]++;
            }
        }
}

/*
 * When every pair weight is at most 0 (each pair sharing a group lowers the
 * penalty or leaves it, as in MDGPLIB), the sizes whose groups hold the
 * most pairs within the bounds: at most one group strictly between its
 * bounds, the others at one or the other, chosen by a table over groups
 * and elements placed (choice[g * (n + 1) + t]: group g's size when the
 * first g + 1 groups hold t). Searching at those sizes by swaps alone, and
 * polishing with moves at the end, reached 0.2 points nearer the best-known
 * values at n = 120 than moves and swaps throughout, 0.04 at n = 240, and
 * 0.4% more at n = 480 (BENCHMARKS.md). False, the bounds left, when a weight
 * is positive, the sizes are already fixed, or the table would cost more than a
 * few readings of the pair weights; d->nomem when out of memory.
 */
static bool fix_sizes(dsearch *d)
{
    size_t n = d->n, m = d->m;
    double cost = 0; /* the table's cells times the sizes tried for each */
    for (size_t g = 0; g < m; g++)
        cost += (double)(n + 1) * (d->hi[g] - d->lo[g] + 1);
    if (d->fixed || m * (n + 1) > n * n || cost > 4.0 * (double)n * n)
        return false;
    for (size_t k = 0; k < n * n; k++)
        if (d->w[k] > 0)
            return false;
    TICK(d, n * n / 4);
    int *choice = als__malloc(m * (n + 1), sizeof *choice);
    long long *v = als__malloc(2 * (n + 1), sizeof *v);
    d->lo0 = als__malloc(m, sizeof *d->lo0);
    d->hi0 = als__malloc(m, sizeof *d->hi0);
    if (!choice || !v || !d->lo0 || !d->hi0) {
        free(choice);
        free(v);
        d->nomem = true;
        return false;
    }
    long long *prev = v, *cur = v + n + 1;
    for (size_t t = 0; t <= n; t++)
        prev[t] = t ? -1 : 0; /* -1: t cannot be reached */
    for (size_t g = 0; g < m; g++) {
        int *cg = choice + g * (n + 1);
        for (size_t t = 0; t <= n; t++) {
            cur[t] = -1;
            cg[t] = 0;
            for (int sz = d->lo[g]; sz <= d->hi[g] && (size_t)sz <= t; sz++) {
                long long before = prev[t - (size_t)sz];
                if (before < 0)
                    continue;
                long long pairs = before + (long long)sz * (sz - 1) / 2;
                if (pairs > cur[t]) {
                    cur[t] = pairs;
                    cg[t] = sz;
                }
            }
        }
        TICK(d, (n + 1) * (size_t)(d->hi[g] - d->lo[g] + 1));
        long long *x = prev;
        prev = cur;
        cur = x;
    }
    bool ok = prev[n] >= 0; /* the state's sizes reach n: always */
    if (ok) {
        memcpy(d->lo0, d->lo, m * sizeof *d->lo);
        memcpy(d->hi0, d->hi, m * sizeof *d->hi);
        for (size_t g = m, t = n; g-- > 0;) {
            int sz = choice[g * (n + 1) + t];
            d->lo[g] = d->hi[g] = sz;
            t -= (size_t)sz;
        }
        d->fixed = true;
    }
    free(choice);
    free(v);
    return ok;
}

/* Bring s to the search's sizes: elements of groups above their size go
   to groups below theirs. */
static void fit_sizes(dsearch *d, dsol *s)
{
    size_t to = 0;
    for (size_t i = 0; i < d->n; i++) {
        int a = s->g[i];
        if (s->size[a] <= d->hi[a])
            continue;
        while (s->size[to] >= d->lo[to])
            to++;
        s->g[i] = (int)to;
        s->size[a]--;
        s->size[to]++;
    }
}

static void div_free(dsearch *d)
{
    free(d->lo);
    free(d->hi);
    free(d->lo0);
    free(d->hi0);
    free(d->slot);
    free(d->G);
    free(d->self);
    free(d->order);
    free(d->left);
    free(d->gdiv);
    free(d->taken);
    free(d->bucket);
    free(d->start);
    for (size_t k = 0; d->pop && k < d->cap; k++)
        sol_free(&d->pop[k]);
    free(d->pop);
    sol_free(&d->child);
    sol_free(&d->best);
}

bool als__diversity_applies(const als__state *h, size_t nslots)
{
    const als_problem *p = h->p;
    if (!h->pairs_only || !h->unitw || h->prev || h->K || h->nunpl ||
        p->days.n > 1 || p->size_target != ALS_NONE || p->nunits < 4)
        return false;
    size_t open = 0;
    for (size_t s = 0; s < nslots; s++) {
        const als__slot *sl = &h->slot[s];
        if (sl->size == 0)
            continue;
        if (sl->target != ALS_NONE)
            return false;
        open++;
    }
    if (open < 2)
        return false;
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        if (un->size != 1 || un->pin >= 0 || un->pin_id ||
            h->uslot[u] == ALS__NOIDX || h->uslot[u] >= nslots)
            return false;
    }
    return true;
}

/*
 * How far along the search's schedule is, 0 to 1: the share of its work
 * done, or, when paced, the share of its time gone if that is further.
 * The population and the perturbation follow it, so that a run the clock
 * would cut short still goes through every stage of its schedule (the
 * work, counted and not timed, decides wherever it ends first: the same
 * allocation whatever the load, on any machine fast enough for it).
 */
static double schedule(const dsearch *d)
{
    double t = (double)(d->steps / STEPS_PER_TICK) / (double)d->work;
    if (d->horizon > 0) {
        double c = (als__now() - d->t0) / d->horizon;
        if (c > t)
            t = c;
    }
    return t;
}

bool als__diversity(const als__state *h, als__run *run, uint64_t seed,
                    unsigned long long *ticks, unsigned long long work,
                    bool paced, size_t nslots, size_t *slot_of, bool *stopped,
                    bool *ended_by_clock)
{
    const als_problem *p = h->p;
    dsearch d;
    memset(&d, 0, sizeof d);
    als__rng rng;
    als__rng_seed(&rng, seed);
    d.rng = &rng;
    d.n = p->nunits;
    d.w = h->unitw;
    d.work = work > 0 ? work : 1;
    /* paced: the schedule ends by 0.95 of the time left, leaving the rest
       for its last generation and the polish */
    d.t0 = als__now();
    if (paced && run->deadline - d.t0 > 0)
        d.horizon = 0.95 * (run->deadline - d.t0);
    *stopped = false;
    *ended_by_clock = false;
    for (size_t s = 0; s < nslots; s++)
        d.m += h->slot[s].size > 0;
    size_t n = d.n, m = d.m;
    /* the population: 15 at first, down to 2; the perturbation from 1.2 n
       / m swaps down to 0.1 n / m. TPSDP's defaults for up to 400
       elements; its larger setting above 400 (population down to 1,
       perturbation 2 to 1 n / m) measured worse on MDGPLIB's n = 480 at
       the literature's limit (BENCHMARKS.md) */
    size_t beta_max = 15, beta_min = 2;
    double theta_max = 1.2, theta_min = 0.1;
    d.cap = beta_max;
    d.lo = als__malloc(m, sizeof *d.lo);
    d.hi = als__malloc(m, sizeof *d.hi);
    d.slot = als__malloc(m, sizeof *d.slot);
    d.G = als__malloc(m * n, sizeof *d.G);
    d.self = als__malloc(n, sizeof *d.self);
    d.order = als__malloc(n > m ? n : m, sizeof *d.order);
    d.left = als__malloc(n, sizeof *d.left);
    d.gdiv = als__malloc(m, sizeof *d.gdiv);
    d.taken = als__malloc(m, sizeof *d.taken);
    d.bucket = als__malloc(n, sizeof *d.bucket);
    d.start = als__malloc(m + 1, sizeof *d.start);
    d.pop = als__calloc(d.cap, sizeof *d.pop);
    bool ok = d.lo && d.hi && d.slot && d.G && d.self && d.order && d.left &&
              d.gdiv && d.taken && d.bucket && d.start && d.pop &&
              sol_alloc(&d, &d.child) && sol_alloc(&d, &d.best);
    for (size_t k = 0; ok && k < d.cap; k++)
        ok = sol_alloc(&d, &d.pop[k]);
    if (!ok) {
        div_free(&d);
        return false;
    }
    for (size_t s = 0, g = 0; s < nslots; s++) {
        const als__slot *sl = &h->slot[s];
        if (sl->size == 0)
            continue;
        d.slot[g] = s;
        d.lo[g] = sl->min > 1 ? sl->min : 1;
        d.hi[g] = sl->max;
        g++;
    }
    d.fixed = true;
    for (size_t g = 0; g < m; g++)
        d.fixed &= d.lo[g] == d.hi[g];
    bool refit = fix_sizes(&d);
    if (d.nomem) {
        div_free(&d);
        return false;
    }
    /* the first solution is the state's; the others random */
    dsol *s0 = &d.pop[0];
    memset(s0->size, 0, m * sizeof *s0->size);
    for (size_t u = 0; u < n; u++) {
        size_t g = 0;
        while (d.slot[g] != h->uslot[u])
            g++;
        s0->g[u] = (int)g;
        s0->size[g]++;
    }
    if (refit)
        fit_sizes(&d, s0);
    /* a population of local optima: the state's and random ones (fewer
       when the work is short: at most a quarter of it) */
    size_t pop = 0;
    while (pop < beta_max && !*stopped) {
        if (pop > 0)
            random_solution(&d, &d.pop[pop]);
        table_build(&d, &d.pop[pop]);
        local_search(&d, &d.pop[pop]);
        if (pop == 0 || d.pop[pop].f < d.best.f)
            sol_copy(&d, &d.best, &d.pop[pop]);
        pop++;
        *stopped = als__run_poll(run, h->placed, h->priority, d.best.f);
        if (schedule(&d) >= 0.25)
            break;
    }
    size_t beta = pop;
    double t;
    while (!*stopped && (t = schedule(&d)) < 1) {
        double theta = theta_max - (theta_max - theta_min) * t;
        size_t eta = (size_t)(theta * (double)n / (double)m);
        if (eta < 1)
            eta = 1;
        /* strong perturbation and local search, in place */
        for (size_t i = 0; i < pop && !*stopped; i++) {
            perturb(&d, &d.pop[i], eta);
            table_build(&d, &d.pop[i]);
            local_search(&d, &d.pop[i]);
            if (d.pop[i].f < d.best.f)
                sol_copy(&d, &d.best, &d.pop[i]);
            *stopped = als__run_poll(run, h->placed, h->priority, d.best.f);
        }
        /* crossover: each with another at random; a better child
           replaces it */
        for (size_t i = 0; pop > 1 && i < pop && !*stopped; i++) {
            size_t j = als__rng_below(&rng, pop - 1);
            if (j >= i)
                j++;
            crossover(&d, &d.pop[i], &d.pop[j], &d.child);
            table_build(&d, &d.child);
            local_search(&d, &d.child);
            if (d.child.f < d.pop[i].f)
                sol_copy(&d, &d.pop[i], &d.child);
            if (d.child.f < d.best.f)
                sol_copy(&d, &d.best, &d.child);
            *stopped = als__run_poll(run, h->placed, h->priority, d.best.f);
        }
        /* the population shrinks linearly along the schedule: the worst
           go */
        t = schedule(&d);
        size_t want =
            (size_t)((double)beta + ((double)beta_min - (double)beta) * t);
        if (want < beta_min)
            want = beta_min;
        while (pop > want) {
            size_t worst = 0;
            for (size_t i = 1; i < pop; i++)
                if (d.pop[i].f > d.pop[worst].f)
                    worst = i;
            pop--;
            if (worst != pop) {
                dsol tmp = d.pop[worst];
                d.pop[worst] = d.pop[pop];
                d.pop[pop] = tmp;
            }
        }
    }
    *ended_by_clock = !*stopped && d.steps / STEPS_PER_TICK < d.work;
    /* sizes fixed for the search: the best polished within the groups'
       own bounds */
    if (refit) {
        memcpy(d.lo, d.lo0, m * sizeof *d.lo);
        memcpy(d.hi, d.hi0, m * sizeof *d.hi);
        d.fixed = false;
        table_build(&d, &d.best);
        local_search(&d, &d.best);
    }
    for (size_t u = 0; u < n; u++)
        slot_of[u] = d.slot[d.best.g[u]];
    *ticks += d.steps / STEPS_PER_TICK;
    div_free(&d);
    return true;
}
