/*
 * The exact solver: the whole FORMAT.md problem as an integer program,
 * solved by GLPK. (GLPK is called from here, from colgen.c and from
 * glpk_guard.c only.)
 *
 * Where branch-and-price takes the cohort (colgen.c: no fixed sets, pair
 * weights, prefer_distinct, mixed seniority or facilitators, and not a
 * re-run), it runs first, with most of the time: its relaxation counts
 * each set's spread and pairs whole, and proves cohorts this model cannot.
 * What it does not prove in its share, this model tries with the rest,
 * from its best allocation, and the better of the two bounds is reported.
 *
 * Formulation (chosen for a tight relaxation; see README, "The engine"):
 *  - x[u,s] = 1 when unit u is in set s. Without fixed sets, sets are
 *    interchangeable, so there is one candidate set per unit r, open only
 *    when r itself is in it (x[r,r]) and holding only units after r: every
 *    partition has exactly one representation (its sets named by their
 *    lowest unit), which removes the symmetry between sets.
 *  - y[s,d] = 1 when set s meets on day d; a unit joins only on its days.
 *  - Pair counts C(n,2) of sectors, organisations (prefer_distinct) and
 *    levels (mixed) are convex in n: p >= k n - k(k+1)/2 open for every k
 *    is exact at whole n, with no binary variable.
 *  - Seniority spread (similar) from cumulative indicators over the
 *    distinct levels: A[s,i] (some member at level index <= i), B[s,i]
 *    (some member above i), g >= A + B - open on each gap, spread = sum
 *    of the gaps covered; no big-M. max_spread: one level window per set.
 *  - Pair weights between units: q >= x_u + x_v - open when positive,
 *    q <= x_u, q <= x_v when negative.
 *  - Every constant in a set's penalty rows sits on its open flag
 *    (perspective form): exact for a set open or closed, and a set open in
 *    part counts its pairs and spread in part, which is what keeps the
 *    relaxation from spreading members thinly over half-open sets.
 *  - The number of open sets, overall and per day, is a whole-number
 *    column; branching takes it first, then which sets open, then their
 *    days, then the rest. When every penalty weight is a whole number, the
 *    penalty is one integer column, so GLPK rounds its bounds up.
 *  - The tiers are solves in turn: most placed; then, with placed held at
 *    its optimum, highest priority; then, with a target size, least size
 *    deviation (per set, size - target x open = over - under, two
 *    nonnegative columns whose sum is minimised); then, with all held,
 *    least penalty.
 *    A re-run first has two more (docs/FORMAT.md section 4): most continuing
 *    applicants placed, then fewest moves (then, with facilitators, fewest
 *    facilitator changes). A continuing member of unit u
 *    stays exactly when x[u,s] = 1 for their previous set s, so both are
 *    linear in x, with no further variable: moves = continuing placed -
 *    stayed. Every tier but the penalty is a whole number, so holding a
 *    proven optimum as a bound is exact, and no tier needs weights large
 *    enough to drown the others in rounding.
 *  - Facilitators: z[f,s,d] = 1 when facilitator f leads set s on day d
 *    (without days, d is one position; no column for a withdrawn
 *    facilitator or a day they cannot make). sum_f z[f,s,d] = K y[s,d];
 *    per facilitator and day sum_s z <= 1 (only with days), in all
 *    <= max_sets; x[u,s] + sum_d z[f,s,d] <= open for each unit u that f
 *    may not lead (als__fac_may_lead_unit); a fixed set's named
 *    facilitators: sum_d z[f,s,d] = open. A re-run's running set that
 *    opens without one it had counts in the tier facilitator_changes
 *    (chg[s] >= open - sum_d z[w,s,d] for each w it had), solved after
 *    moves. The chosen assignment goes into the final state
 *    (als__fac_reset).
 *  - A re-run's previous sets keep their ids and days: with fixed sets they
 *    are the fixed sets of the same id; without, they are sets of their own
 *    (the first slots, each on its previous day), before the candidate
 *    sets of the new ones.
 *  - The heuristic's allocation is handed to GLPK as the first incumbent of
 *    each solve (presolve off, relaxation solved first, as glp_ios_heur_sol
 *    requires).
 *
 * GLPK must never harm the host (glpk_guard.h): every call runs under an
 * error hook that longjmps back here (GLPK would otherwise abort), terminal
 * output goes to a hook that keeps it in a buffer, and glp_free_env() ends
 * every solve, on every path, freeing all GLPK memory of the thread.
 */
#include "colgen.h"
#include "glpk_guard.h"
#include "solver.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sizes the exact solver accepts (beyond, the model is too large to prove
   anything in reasonable time; auto then uses the heuristic). */
#define MIP_MAX_UNITS 400

typedef struct triplet {
    int row, col;
    double v;
} triplet;

typedef struct mcol {
    int kind; /* GLP_BV, GLP_IV or GLP_CV */
    double lb, ub;
} mcol;

typedef struct mrow {
    int type; /* GLP_LO, GLP_UP, GLP_FX */
    double lb, ub;
    bool order; /* orders interchangeable sets: an allocation that breaks
                   it has an equal one that keeps it */
} mrow;

typedef struct mslot {
    int fixed; /* fixed set index, or -1 */
    int rep;   /* representative unit rank, or -1 */
    int lock;  /* fixed day, or -1 */
    int min, max;
    int target; /* target size (als__problem_target), ALS_NONE */
    int dev[2]; /* columns over and under the target, 0 when none */
} mslot;

typedef struct mip_job {
    const als_problem *p;
    als__run *run;
    /* eligible units, in unit order */
    size_t nu;
    size_t *unit; /* rank -> unit */
    /* slots */
    size_t ns;
    mslot *slot;
    size_t nprev; /* re-runs without fixed sets: the previous sets, which
                     are slots 0..nprev-1 */
    int nd;       /* days (0: none) */
    /* re-runs (NULL otherwise): continuing members of each rank, and
       [rank * ns + s] those of them whose previous set is slot s */
    int *cont;
    int *stay;
    const size_t *only; /* unit -> the one slot it may take, or NOIDX; NULL
                           when none is bound (the hint's, see state.h) */
    /* columns */
    int ncols;
    size_t capcols;
    mcol *col;    /* 1-based */
    int *xcol;    /* [rank * ns + s] */
    int *ycol;    /* [s * nd + d] (days) or open column [s] (no days) */
    int *opencol; /* [s]: the column whose value is "s is open", 0 when
                     the open flag is the sum of the y columns */
    /* facilitators (K == 0: none) */
    int K;              /* facilitators per set */
    size_t nf;          /* facilitators */
    int nzd;            /* day positions of z: nd, or 1 without days */
    int *zcol;          /* [(f * ns + s) * nzd + d]: f leads s on day d */
    const size_t *want; /* re-runs: [s * K + j] the facilitators running
                           slot s had (state.h), NULL */
    size_t nwant;       /* slots `want` covers (it indexes the hint's slots,
                           which are this model's below nwant) */
    int *chgcol;        /* [s]: running slot s open with other facilitators,
                           0 when s had none; NULL when no slot had any */
    /* rows */
    int nrows;
    size_t caprows;
    mrow *row; /* 1-based */
    triplet *mat;
    size_t nmat, capmat;
    /* penalty columns and their weights */
    int *pen_col;
    double *pen_w;
    size_t npen, cappen;
    /* whole-number columns branched on before all others: the number of
       open sets, then of open sets per day */
    int brcol[65];
    int nbr;
    int pencol; /* the penalty as one whole-number column, or 0 */
    /* values for filling an incumbent: recorded recipes */
    struct recipe *rec;
    size_t nrec, caprec;
    /* solve state */
    glp_prob *P;
    double *vals; /* the incumbent's column values (1-based) */
    double *inc;  /* incumbent to inject, 1-based, or NULL */
    bool inc_sent;
    bool have_bound;
    double bound;
    bool stopped;
    als__glpk_guard g;
    bool nomem;
    /*
     * Work arrays of the stages, allocated before GLPK starts (work_alloc())
     * and freed with the job: GLPK may longjmp out of any call, so nothing
     * the stages use is allocated into a local across one.
     */
    struct mip_work {
        int *ind;    /* [ncols + 1]: a row's columns (aggregate_cuts, the
                        row holding a tier) */
        double *val; /* [ncols + 1]: their coefficients */
        double *cnt; /* [nu]: a group's members in each unit */
        double *act; /* [nrows + 1]: each row's activity (meets_model) */
        double *v;   /* [ncols + 1]: an assignment's columns */
        int *ia, *ja;
        double *ar;   /* [nmat + 1]: the matrix, as glp_load_matrix takes it */
        size_t *cand; /* [nu], [ns], [ns * K]: a stage's answer, decoded */
        int *cday;
        size_t *cfac;
    } w;
} mip_job;

/* How to compute an auxiliary column's value from an assignment. */
enum {
    R_SECTOR, /* C(count of sector a in slot, 2) */
    R_ORG,    /* C(units with org a in slot, 2) */
    R_LEVEL,  /* C(members at level index a, 2) */
    R_T,      /* level index a present */
    R_A,      /* some level index <= a */
    R_B,      /* some level index > a */
    R_G,      /* A and B on gap a */
    R_W,      /* window a chosen */
    R_Q,      /* units a and b both in the slot */
    R_K,      /* open slots (on day a, or all when a < 0) */
    R_DEV     /* members over (a = 0) or under (a = 1) the slot's target,
                 when open */
};

typedef struct recipe {
    int col, kind;
    size_t s;
    long a, b;
} recipe;

/* ---- model building (no GLPK calls) ---------------------------------- */

static int add_col(mip_job *j, int kind, double lb, double ub)
{
    if (!als__grow((void **)&j->col, &j->capcols, (size_t)j->ncols + 2,
                   sizeof *j->col)) {
        j->nomem = true;
        return 0;
    }
    int c = ++j->ncols; /* 1-based */
    j->col[c] = (mcol){kind, lb, ub};
    return c;
}

static int add_row(mip_job *j, int type, double lb, double ub)
{
    if (!als__grow((void **)&j->row, &j->caprows, (size_t)j->nrows + 2,
                   sizeof *j->row)) {
        j->nomem = true;
        return 0;
    }
    int r = ++j->nrows;
    j->row[r] = (mrow){type, lb, ub, false};
    return r;
}

static void coef(mip_job *j, int row, int col, double v)
{
    if (!row || !col || v == 0)
        return;
    if (!als__grow((void **)&j->mat, &j->capmat, j->nmat + 2, sizeof *j->mat)) {
        j->nomem = true;
        return;
    }
    j->mat[++j->nmat] = (triplet){row, col, v}; /* 1-based, as GLPK wants */
}

static void recipe_add(mip_job *j, int col, int kind, size_t s, long a, long b)
{
    if (!als__grow((void **)&j->rec, &j->caprec, j->nrec + 1, sizeof *j->rec)) {
        j->nomem = true;
        return;
    }
    j->rec[j->nrec++] = (recipe){col, kind, s, a, b};
}

static void penalty_add(mip_job *j, int col, double w)
{
    if (!als__grow((void **)&j->pen_col, &j->cappen, j->npen + 1,
                   sizeof *j->pen_col)) {
        j->nomem = true;
        return;
    }
    size_t cap = j->cappen;
    size_t had = j->npen;
    double *nw = realloc(j->pen_w, cap * sizeof *nw);
    if (!nw) {
        j->nomem = true;
        return;
    }
    j->pen_w = nw;
    j->pen_col[had] = col;
    j->pen_w[had] = w;
    j->npen++;
}

static int xcol(const mip_job *j, size_t rank, size_t s)
{
    return j->xcol[rank * j->ns + s];
}

/* The open flag of slot s as (column, coefficient) terms. */
static void add_open_terms(mip_job *j, int row, size_t s, double k)
{
    if (j->opencol[s]) {
        coef(j, row, j->opencol[s], k);
        return;
    }
    for (int d = 0; d < j->nd; d++)
        coef(j, row, j->ycol[s * (size_t)j->nd + (size_t)d], k);
}

/* Convex pair count C(n,2) >= k n - k(k+1)/2 over a group of (rank, mult)
   terms of slot s, as a new penalty column. Returns the column. */
static int pair_count(mip_job *j, size_t s, const size_t *ranks,
                      const double *mult, size_t n, int nmax, double weight,
                      int kind, long a)
{
    int c = add_col(j, GLP_CV, 0, DBL_MAX);
    recipe_add(j, c, kind, s, a, 0);
    penalty_add(j, c, weight);
    for (int k = 1; k < nmax; k++) {
        /* the constant on the open flag (perspective): the same at open 1,
           and a set open in part counts its pairs in part, not none */
        int r = add_row(j, GLP_LO, 0, 0);
        coef(j, r, c, 1);
        add_open_terms(j, r, s, (double)k * (k + 1) / 2);
        for (size_t q = 0; q < n; q++)
            coef(j, r, xcol(j, ranks[q], s), -(double)k * mult[q]);
    }
    return c;
}

/* Distinct levels in use, sorted; level -> index map. */
typedef struct levels {
    int *value; /* index -> level */
    int n;
    int map[1001];
} levels;

static void collect_levels(const mip_job *j, levels *lv)
{
    const als_problem *p = j->p;
    bool used[1001];
    memset(used, 0, sizeof used);
    for (size_t r = 0; r < j->nu; r++) {
        const als__unit *un = &p->units[j->unit[r]];
        for (size_t k = 0; k < un->size; k++) {
            int l = p->app[p->unit_members[un->first + k]].level;
            if (l >= 0)
                used[l] = true;
        }
    }
    lv->n = 0;
    for (int l = 0; l <= 1000; l++) {
        lv->map[l] = -1;
        if (used[l]) {
            lv->value[lv->n] = l;
            lv->map[l] = lv->n++;
        }
    }
}

/* Members of unit u at level index i. */
static int unit_level_count(const mip_job *j, const levels *lv, size_t u, int i)
{
    const als_problem *p = j->p;
    const als__unit *un = &p->units[u];
    int n = 0;
    for (size_t k = 0; k < un->size; k++) {
        int l = p->app[p->unit_members[un->first + k]].level;
        n += l >= 0 && lv->map[l] == i;
    }
    return n;
}

/* Has unit u a member of organisation o? */
static bool unit_has_org(const als_problem *p, size_t u, int o)
{
    const als__unit *un = &p->units[u];
    for (size_t k = 0; k < un->org_count; k++)
        if (p->unit_orgs[un->org_first + k] == o)
            return true;
    return false;
}

static int zcol(const mip_job *j, size_t f, size_t s, int d)
{
    return j->zcol[(f * j->ns + s) * (size_t)j->nzd + (size_t)d];
}

/* The column of "s is open on day d" (d = 0 without days), 0 when none. */
static int day_open_col(const mip_job *j, size_t s, int d)
{
    return j->nd ? j->ycol[s * (size_t)j->nd + (size_t)d] : j->opencol[s];
}

/* Is slot s in the model at all (a candidate set whose first unit cannot
   be in it is not)? */
static bool slot_exists(const mip_job *j, size_t s)
{
    return j->slot[s].rep < 0 || j->opencol[s];
}

/*
 * Facilitators (docs/FORMAT.md 4.2): z[f,s,d] = 1 when f leads slot s on
 * day d, for each facilitator not withdrawn who can make d (and leads any
 * set at all) and each day s may meet on. An open slot has K of them on
 * its day; f leads at most one set a day and max_sets in all, none with a
 * unit they may not lead (als__fac_may_lead_unit), and the ones a fixed set
 * names whenever it opens. A re-run's running slot that opens without a
 * facilitator it had counts a change (chg[s] >= open - z[w,s], minimised
 * in its tier, so whole at the optimum).
 */
static void build_facilitators(mip_job *j)
{
    const als_problem *p = j->p;
    size_t ns = j->ns, nf = j->nf;
    int nzd = j->nzd;
    j->zcol = als__calloc(nf * ns * (size_t)nzd + 1, sizeof *j->zcol);
    if (!j->zcol) {
        j->nomem = true;
        return;
    }
    for (size_t f = 0; f < nf; f++) {
        const als__facilitator *fc = &p->fac[f];
        if (fc->withdrawn || fc->max_sets < 1)
            continue;
        for (size_t s = 0; s < ns; s++) {
            if (!slot_exists(j, s))
                continue;
            for (int d = 0; d < nzd; d++)
                if (day_open_col(j, s, d) && (!j->nd || (fc->avail >> d & 1)))
                    j->zcol[(f * ns + s) * (size_t)nzd + (size_t)d] =
                        add_col(j, GLP_BV, 0, 1);
        }
    }
    if (j->nomem)
        return;
    /* K facilitators on the slot's day when open */
    for (size_t s = 0; s < ns; s++) {
        if (!slot_exists(j, s))
            continue;
        for (int d = 0; d < nzd; d++) {
            int y = day_open_col(j, s, d);
            if (!y)
                continue;
            int row = add_row(j, GLP_FX, 0, 0);
            coef(j, row, y, -(double)j->K);
            for (size_t f = 0; f < nf; f++)
                coef(j, row, zcol(j, f, s, d), 1);
        }
    }
    for (size_t f = 0; f < nf; f++) {
        const als__facilitator *fc = &p->fac[f];
        if (fc->withdrawn || fc->max_sets < 1)
            continue;
        /* one set a day (only with days: sets of a day meet at once) */
        for (int d = 0; j->nd && d < nzd; d++) {
            int row = add_row(j, GLP_UP, 0, 1);
            for (size_t s = 0; s < ns; s++)
                coef(j, row, zcol(j, f, s, d), 1);
        }
        /* max_sets, when it can bind */
        size_t could = 0;
        for (size_t s = 0; s < ns; s++)
            for (int d = 0; d < nzd; d++)
                could += zcol(j, f, s, d) != 0;
        size_t days = j->nd ? (size_t)__builtin_popcountll(fc->avail) : could;
        if ((size_t)fc->max_sets < could && (size_t)fc->max_sets < days) {
            int row = add_row(j, GLP_UP, 0, (double)fc->max_sets);
            for (size_t s = 0; s < ns; s++)
                for (int d = 0; d < nzd; d++)
                    coef(j, row, zcol(j, f, s, d), 1);
        }
        /* independence and apart: f leads no set holding a unit it may
           not lead (on the open flag: tight for a set open in part) */
        for (size_t r = 0; r < j->nu; r++) {
            if (als__fac_may_lead_unit(p, f, j->unit[r]))
                continue;
            for (size_t s = 0; s < ns; s++) {
                int x = xcol(j, r, s);
                bool any = false;
                for (int d = 0; d < nzd; d++)
                    any |= zcol(j, f, s, d) != 0;
                if (!x || !any)
                    continue;
                int row = add_row(j, GLP_UP, 0, 0);
                coef(j, row, x, 1);
                for (int d = 0; d < nzd; d++)
                    coef(j, row, zcol(j, f, s, d), 1);
                add_open_terms(j, row, s, -1);
            }
        }
    }
    /* a fixed set leads with the facilitators it names */
    for (size_t s = 0; s < ns && p->nsets; s++) {
        const als__fixed_set *fs = &p->sets[s];
        for (size_t k = 0; k < fs->nfac; k++) {
            size_t f = p->set_fac[fs->fac_first + k];
            int row = add_row(j, GLP_FX, 0, 0);
            add_open_terms(j, row, s, -1);
            for (int d = 0; d < nzd; d++)
                coef(j, row, zcol(j, f, s, d), 1);
        }
    }
    /* re-runs: facilitator changes of running slots */
    for (size_t s = 0; j->want && s < ns && s < j->nwant; s++) {
        const size_t *w = j->want + s * (size_t)j->K;
        bool had = false;
        for (int q = 0; q < j->K; q++)
            had |= w[q] != ALS__NOIDX;
        if (!had || !slot_exists(j, s))
            continue;
        if (!j->chgcol) {
            j->chgcol = als__calloc(ns, sizeof *j->chgcol);
            if (!j->chgcol) {
                j->nomem = true;
                return;
            }
        }
        j->chgcol[s] = add_col(j, GLP_CV, 0, 1);
        for (int q = 0; q < j->K; q++) {
            if (w[q] == ALS__NOIDX)
                continue;
            int row = add_row(j, GLP_LO, 0, 0);
            coef(j, row, j->chgcol[s], 1);
            add_open_terms(j, row, s, -1);
            for (int d = 0; w[q] < nf && d < nzd; d++)
                coef(j, row, zcol(j, w[q], s, d), 1);
        }
    }
}

/*
 * The model, one constraint family at a time. Each step adds its columns
 * and rows to the job (add_col(), add_row() and coef() record them; GLPK
 * sees the model only once it is whole) and, short of memory, sets
 * j->nomem. A family that collects units takes its ranks and
 * multiplicities from `scratch` (nu each).
 */
typedef struct build_scratch {
    size_t *ranks;
    double *mult;
    levels lv;
} build_scratch;

/* The x columns (a unit in a slot), and each slot's day (y) or open
   column. */
static void build_assignment(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    int nd = j->nd;
    uint64_t all = als__all_days(nd);
    for (size_t s = 0; s < ns; s++) {
        const mslot *sl = &j->slot[s];
        uint64_t sdays = sl->lock >= 0 ? (uint64_t)1 << sl->lock : all;
        if (sl->rep >= 0) { /* the set exists only if its first unit fits */
            const als__unit *un = &p->units[j->unit[sl->rep]];
            if ((nd && !(un->avail & sdays)) || (int)un->size > sl->max ||
                un->pin >= 0)
                continue;
        }
        for (size_t r = 0; r < nu; r++) {
            const als__unit *un = &p->units[j->unit[r]];
            if (sl->rep >= 0 && r < (size_t)sl->rep)
                continue; /* a set holds only units after its first */
            if (un->pin >= 0 && (size_t)un->pin != s)
                continue; /* pins name slots (see struct als_problem) */
            if (j->only && j->only[j->unit[r]] != ALS__NOIDX &&
                j->only[j->unit[r]] != s)
                continue; /* bound to its running set (rerun.c) */
            if (nd && !(un->avail & sdays))
                continue;
            if ((int)un->size > sl->max)
                continue;
            j->xcol[r * ns + s] = add_col(j, GLP_BV, 0, 1);
        }
        if (sl->rep >= 0) {
            j->opencol[s] = j->xcol[(size_t)sl->rep * ns + s];
            if (!j->opencol[s]) /* its own unit cannot be in it */
                continue;
        } else if (!nd) {
            j->opencol[s] = add_col(j, GLP_BV, 0, 1);
        }
        for (int d = 0; d < nd; d++)
            if ((sdays >> d) & 1)
                j->ycol[s * (size_t)nd + (size_t)d] = add_col(j, GLP_BV, 0, 1);
    }
}

/* Each slot: one day exactly when open, its size bounds, members after a
   set's first only with it, members only on days they can make, and its
   size's deviation from the target. */
static void build_slots(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    int nd = j->nd;
    uint64_t all = als__all_days(nd);
    for (size_t s = 0; s < ns; s++) {
        const mslot *sl = &j->slot[s];
        if (sl->rep >= 0 && !j->opencol[s])
            continue;
        /* one day exactly when open */
        bool required = sl->fixed >= 0 && p->sets[sl->fixed].required;
        if (!nd && required)
            j->col[j->opencol[s]].lb = 1; /* a required set opens */
        if (nd) {
            int r = required ? add_row(j, GLP_FX, 1, 1)
                             : add_row(j, sl->rep >= 0 ? GLP_FX : GLP_UP, 0,
                                       sl->rep >= 0 ? 0 : 1);
            for (int d = 0; d < nd; d++)
                coef(j, r, j->ycol[s * (size_t)nd + (size_t)d], 1);
            if (sl->rep >= 0)
                coef(j, r, j->opencol[s], -1);
        }
        /* size bounds, and members after the first only with it */
        int rmax = add_row(j, GLP_UP, 0, 0), rmin = add_row(j, GLP_LO, 0, 0);
        for (size_t r = 0; r < nu; r++) {
            int c = xcol(j, r, s);
            if (!c)
                continue;
            double size = (double)p->units[j->unit[r]].size;
            coef(j, rmax, c, size);
            coef(j, rmin, c, size);
            if (sl->rep >= 0 && r != (size_t)sl->rep) {
                int rr = add_row(j, GLP_UP, 0, 0);
                coef(j, rr, c, 1);
                coef(j, rr, j->opencol[s], -1);
            }
            /* days */
            const als__unit *un = &p->units[j->unit[r]];
            uint64_t sdays = sl->lock >= 0 ? (uint64_t)1 << sl->lock : all;
            if (nd && (un->avail & sdays) != sdays) {
                int rd = add_row(j, GLP_UP, 0, 0);
                coef(j, rd, c, 1);
                for (int d = 0; d < nd; d++)
                    if ((un->avail >> d) & 1)
                        coef(j, rd, j->ycol[s * (size_t)nd + (size_t)d], -1);
            }
        }
        add_open_terms(j, rmax, s, -sl->max);
        add_open_terms(j, rmin, s, -sl->min);
        /* size deviation: size - target open = over - under (two
           nonnegative columns, whose sum the size_deviation stage
           minimises to |size - target| of an open set, 0 of a closed) */
        if (sl->target != ALS_NONE) {
            int rdev = add_row(j, GLP_FX, 0, 0);
            for (size_t r = 0; r < nu; r++)
                coef(j, rdev, xcol(j, r, s), (double)p->units[j->unit[r]].size);
            add_open_terms(j, rdev, s, -(double)sl->target);
            for (int k = 0; k < 2; k++) {
                j->slot[s].dev[k] = add_col(j, GLP_CV, 0, DBL_MAX);
                coef(j, rdev, j->slot[s].dev[k], k == 0 ? -1 : 1);
                recipe_add(j, j->slot[s].dev[k], R_DEV, s, k, 0);
            }
        }
    }
}

/* Each unit in one set at most (exactly one when pinned). */
static void build_units(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    for (size_t r = 0; r < nu; r++) {
        bool pinned = p->units[j->unit[r]].pin >= 0;
        int row = add_row(j, pinned ? GLP_FX : GLP_UP, pinned ? 1 : 0, 1);
        for (size_t s = 0; s < ns; s++)
            coef(j, row, xcol(j, r, s), 1);
    }
}

/* The programme's cap on sets. */
static void build_set_cap(mip_job *j)
{
    const als_problem *p = j->p;
    size_t ns = j->ns;
    if (p->nsets == 0 && p->max_sets != ALS_NONE && (size_t)p->max_sets < ns) {
        int row = add_row(j, GLP_UP, 0, (double)p->max_sets);
        for (size_t s = 0; s < ns; s++)
            if (j->slot[s].rep < 0 || j->opencol[s]) /* a re-run's previous
                                                        sets too */
                add_open_terms(j, row, s, 1);
    }
}

/* The number of open sets, overall and per day, as whole numbers: in the
   relaxation a fraction of a set opens (placing min..max times a
   fraction), and branching on these first settles how many sets there are
   before which. */
static void build_set_counts(mip_job *j)
{
    size_t ns = j->ns;
    int nd = j->nd;
    size_t can = 0;
    for (size_t s = 0; s < ns; s++)
        can += j->slot[s].rep < 0 || j->opencol[s];
    for (int d = -1; can > 1 && d < (nd > 1 ? nd : 0); d++) {
        int k = add_col(j, GLP_IV, 0, (double)can);
        int row = add_row(j, GLP_FX, 0, 0);
        coef(j, row, k, -1);
        for (size_t s = 0; s < ns; s++) {
            if (j->slot[s].rep >= 0 && !j->opencol[s])
                continue;
            if (d < 0)
                add_open_terms(j, row, s, 1);
            else
                coef(j, row, j->ycol[s * (size_t)nd + (size_t)d], 1);
        }
        recipe_add(j, k, R_K, 0, d, 0);
        j->brcol[j->nbr++] = k;
    }
}

/* Organisations: one unit of each per set (distinct), or their pairs
   counted (prefer_distinct). */
static void build_organisations(mip_job *j, build_scratch *sc)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    size_t *ranks = sc->ranks;
    double *mult = sc->mult;
    if (p->org_mode != ALS_ORG_IGNORE) {
        for (size_t o = 0; o < p->orgs.n; o++) {
            size_t n = 0;
            for (size_t r = 0; r < nu; r++) {
                const als__unit *un = &p->units[j->unit[r]];
                if (un->attached && unit_has_org(p, un->attach_to, (int)o))
                    continue; /* of its unit's organisation, as one unit */
                if (unit_has_org(p, j->unit[r], (int)o)) {
                    ranks[n] = r;
                    mult[n++] = 1;
                }
            }
            if (n < 2)
                continue;
            for (size_t s = 0; s < ns; s++) {
                size_t m = 0;
                for (size_t q = 0; q < n; q++)
                    m += xcol(j, ranks[q], s) != 0;
                if (m < 2)
                    continue;
                if (p->org_mode == ALS_ORG_DISTINCT) {
                    /* <= open rather than <= 1: as tight as the set is
                       open, which the relaxation otherwise ignores */
                    int row = add_row(j, GLP_UP, 0, 0);
                    for (size_t q = 0; q < n; q++)
                        coef(j, row, xcol(j, ranks[q], s), 1);
                    add_open_terms(j, row, s, -1);
                } else {
                    pair_count(j, s, ranks, mult, n,
                               (int)(m < (size_t)j->slot[s].max
                                         ? m
                                         : (size_t)j->slot[s].max),
                               p->org_weight, R_ORG, (long)o);
                }
            }
        }
    }
}

/* Newcomers attached to a unit (a re-run, rerun.c) join it: only in a set
   it is in. */
static void build_attached(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    for (size_t r = 0; r < nu; r++) {
        const als__unit *un = &p->units[j->unit[r]];
        if (!un->attached)
            continue;
        size_t ra = nu;
        for (size_t q = 0; q < nu && ra == nu; q++)
            if (j->unit[q] == un->attach_to)
                ra = q;
        for (size_t s = 0; s < ns; s++) {
            if (!xcol(j, r, s))
                continue;
            int row = add_row(j, GLP_UP, 0, 0);
            coef(j, row, xcol(j, r, s), 1);
            if (ra < nu && xcol(j, ra, s))
                coef(j, row, xcol(j, ra, s), -1);
        }
    }
}

/* Units kept apart: never both in one set. */
static void build_apart(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    for (size_t r = 0; r < nu; r++) {
        const als__unit *un = &p->units[j->unit[r]];
        for (size_t k = 0; k < un->size; k++) {
            size_t i = p->unit_members[un->first + k];
            for (size_t q = p->apart_off[i]; q < p->apart_off[i + 1]; q++) {
                size_t other = p->app[p->apart[q]].unit;
                for (size_t r2 = r + 1; r2 < nu; r2++) {
                    if (j->unit[r2] != other)
                        continue;
                    for (size_t s = 0; s < ns; s++) {
                        if (!xcol(j, r, s) || !xcol(j, r2, s))
                            continue;
                        int row = add_row(j, GLP_UP, 0, 0);
                        coef(j, row, xcol(j, r, s), 1);
                        coef(j, row, xcol(j, r2, s), 1);
                        add_open_terms(j, row, s, -1);
                    }
                }
            }
        }
    }
}

/* Sectors: the same-sector pairs of each set, counted. */
static void build_sectors(mip_job *j, build_scratch *sc)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    size_t *ranks = sc->ranks;
    double *mult = sc->mult;
    if (p->sector_mode == ALS_SECTOR_BALANCE) {
        for (size_t c = 0; c < p->sectors.n; c++) {
            size_t n = 0;
            double total = 0;
            for (size_t r = 0; r < nu; r++) {
                const als__unit *un = &p->units[j->unit[r]];
                int cnt = 0;
                for (size_t k = 0; k < un->size; k++)
                    cnt +=
                        p->app[p->unit_members[un->first + k]].sector == (int)c;
                if (cnt) {
                    ranks[n] = r;
                    mult[n++] = cnt;
                    total += cnt;
                }
            }
            if (total < 2)
                continue;
            for (size_t s = 0; s < ns; s++) {
                double reach = 0;
                for (size_t q = 0; q < n; q++)
                    if (xcol(j, ranks[q], s))
                        reach += mult[q];
                int nmax =
                    (int)(reach < j->slot[s].max ? reach : j->slot[s].max);
                if (nmax >= 2)
                    pair_count(j, s, ranks, mult, n, nmax, p->sector_weight,
                               R_SECTOR, (long)c);
            }
        }
    }
}

/* Mixed seniority: the same-level pairs of slot s, counted. */
static void build_levels_mixed(mip_job *j, build_scratch *sc, size_t s)
{
    const als_problem *p = j->p;
    size_t nu = j->nu;
    size_t *ranks = sc->ranks;
    double *mult = sc->mult;
    const levels *lv = &sc->lv;
    for (int i = 0; i < lv->n; i++) {
        size_t n = 0;
        double reach = 0;
        for (size_t r = 0; r < nu; r++) {
            int cnt = unit_level_count(j, lv, j->unit[r], i);
            if (cnt && xcol(j, r, s)) {
                ranks[n] = r;
                mult[n++] = cnt;
                reach += cnt;
            }
        }
        int nmax = (int)(reach < j->slot[s].max ? reach : j->slot[s].max);
        if (nmax >= 2)
            pair_count(j, s, ranks, mult, n, nmax, p->sen_weight, R_LEVEL, i);
    }
}

/* Similar seniority: slot s's spread, as the gaps between the distinct
   levels its members span. */
static void build_levels_similar(mip_job *j, build_scratch *sc, size_t s)
{
    const als_problem *p = j->p;
    size_t nu = j->nu;
    const levels *lv = &sc->lv;
    int *t = als__calloc((size_t)lv->n, sizeof *t);
    int *A = als__calloc((size_t)lv->n, sizeof *A);
    int *B = als__calloc((size_t)lv->n, sizeof *B);
    if (!t || !A || !B) {
        free(t);
        free(A);
        free(B);
        j->nomem = true;
        return;
    }
    for (int i = 0; i < lv->n; i++) {
        t[i] = add_col(j, GLP_CV, 0, 1);
        recipe_add(j, t[i], R_T, s, i, 0);
        for (size_t r = 0; r < nu; r++)
            if (xcol(j, r, s) && unit_level_count(j, lv, j->unit[r], i)) {
                int row = add_row(j, GLP_LO, 0, 0);
                coef(j, row, t[i], 1);
                coef(j, row, xcol(j, r, s), -1);
            }
    }
    for (int i = 0; i + 1 < lv->n; i++) {
        A[i] = add_col(j, GLP_CV, 0, 1);
        recipe_add(j, A[i], R_A, s, i, 0);
        int row = add_row(j, GLP_LO, 0, 0);
        coef(j, row, A[i], 1);
        coef(j, row, t[i], -1);
        if (i > 0) {
            row = add_row(j, GLP_LO, 0, 0);
            coef(j, row, A[i], 1);
            coef(j, row, A[i - 1], -1);
        }
    }
    for (int i = lv->n - 2; i >= 0; i--) {
        B[i] = add_col(j, GLP_CV, 0, 1);
        recipe_add(j, B[i], R_B, s, i, 0);
        int row = add_row(j, GLP_LO, 0, 0);
        coef(j, row, B[i], 1);
        coef(j, row, t[i + 1], -1);
        if (i + 2 < lv->n) {
            row = add_row(j, GLP_LO, 0, 0);
            coef(j, row, B[i], 1);
            coef(j, row, B[i + 1], -1);
        }
    }
    for (int i = 0; i + 1 < lv->n; i++) {
        int g = add_col(j, GLP_CV, 0, 1);
        recipe_add(j, g, R_G, s, i, 0);
        penalty_add(j, g, p->sen_weight * (lv->value[i + 1] - lv->value[i]));
        int row = add_row(j, GLP_LO, 0, 0);
        coef(j, row, g, 1);
        coef(j, row, A[i], -1);
        coef(j, row, B[i], -1);
        add_open_terms(j, row, s, 1);
    }
    free(t);
    free(A);
    free(B);
}

/* max_spread: one window [v, v + max_spread] of levels per set, holding
   every member of slot s. */
static void build_spread_window(mip_job *j, build_scratch *sc, size_t s)
{
    const als_problem *p = j->p;
    size_t nu = j->nu;
    const levels *lv = &sc->lv;
    int wrow = add_row(j, GLP_UP, 0, 0);
    add_open_terms(j, wrow, s, -1);
    int *w = als__calloc((size_t)lv->n, sizeof *w);
    if (!w) {
        j->nomem = true;
        return;
    }
    for (int i = 0; i < lv->n; i++) {
        w[i] = add_col(j, GLP_BV, 0, 1);
        recipe_add(j, w[i], R_W, s, i, 0);
        coef(j, wrow, w[i], 1);
    }
    for (size_t r = 0; r < nu; r++) {
        const als__unit *un = &p->units[j->unit[r]];
        if (!xcol(j, r, s) || un->level_min < 0)
            continue;
        int row = add_row(j, GLP_UP, 0, 0);
        coef(j, row, xcol(j, r, s), 1);
        for (int i = 0; i < lv->n; i++)
            if (lv->value[i] <= un->level_min &&
                un->level_max <= lv->value[i] + p->max_spread)
                coef(j, row, w[i], -1);
    }
    free(w);
}

/* Pair weights: between units (summed over members), and inside a unit (a
   constant once it is placed). */
static void build_pairs(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    if (!p->npairs)
        return;
    /* [rank * ns + s]: the row summing the encouraged partners of a unit */
    int *partner_row = als__calloc(nu * ns, sizeof *partner_row);
    if (!partner_row) {
        j->nomem = true;
        return;
    }
    if (p->npairs) {
        for (size_t r = 0; r < nu; r++) {
            size_t u = j->unit[r];
            const als__unit *un = &p->units[u];
            double inside = 0;
            for (size_t k = 0; k < un->size; k++) {
                size_t i = p->unit_members[un->first + k];
                for (size_t q = p->adj_off[i]; q < p->adj_off[i + 1]; q++)
                    if (p->app[p->adj[q].other].unit == u &&
                        p->adj[q].other > i)
                        inside += p->adj[q].w;
            }
            if (inside != 0)
                for (size_t s = 0; s < ns; s++)
                    if (xcol(j, r, s))
                        penalty_add(j, xcol(j, r, s), inside);
            for (size_t r2 = r + 1; r2 < nu; r2++) {
                size_t v = j->unit[r2];
                double w = 0;
                for (size_t k = 0; k < un->size; k++) {
                    size_t i = p->unit_members[un->first + k];
                    for (size_t q = p->adj_off[i]; q < p->adj_off[i + 1]; q++)
                        if (p->app[p->adj[q].other].unit == v)
                            w += p->adj[q].w;
                }
                if (w == 0)
                    continue;
                for (size_t s = 0; s < ns; s++) {
                    int a = xcol(j, r, s), b = xcol(j, r2, s);
                    if (!a || !b)
                        continue;
                    int q = add_col(j, GLP_CV, 0, 1);
                    recipe_add(j, q, R_Q, s, (long)r, (long)r2);
                    penalty_add(j, q, w);
                    if (w > 0) {
                        int row = add_row(j, GLP_LO, 0, 0);
                        coef(j, row, q, 1);
                        coef(j, row, a, -1);
                        coef(j, row, b, -1);
                        add_open_terms(j, row, s, 1);
                    } else {
                        int row = add_row(j, GLP_UP, 0, 0);
                        coef(j, row, q, 1);
                        coef(j, row, a, -1);
                        row = add_row(j, GLP_UP, 0, 0);
                        coef(j, row, q, 1);
                        coef(j, row, b, -1);
                        /* a unit has at most (max - its size) encouraged
                           partners' worth in a set: this, not the pairs
                           alone, keeps the relaxation honest */
                        size_t ends[2] = {r, r2};
                        for (int e2 = 0; e2 < 2; e2++) {
                            int *pr = &partner_row[ends[e2] * ns + s];
                            if (!*pr) {
                                const als__unit *eu =
                                    &p->units[j->unit[ends[e2]]];
                                *pr = add_row(j, GLP_UP, 0, 0);
                                coef(j, *pr, xcol(j, ends[e2], s),
                                     -(double)(j->slot[s].max - (int)eu->size));
                            }
                            coef(j, *pr, q,
                                 (double)p
                                     ->units[j->unit[ends[e2] == r ? r2 : r]]
                                     .size);
                        }
                    }
                }
            }
        }
    }
    free(partner_row);
}

/* Identical fixed sets (same day, bounds, required, no pins) are
   interchangeable: order them by their first unit. */
static void build_symmetry(mip_job *j)
{
    const als_problem *p = j->p;
    size_t nu = j->nu, ns = j->ns;
    if (p->nsets > 1) {
        bool *pinned = als__calloc(p->nsets, sizeof *pinned);
        if (!pinned) {
            j->nomem = true;
            return;
        }
        for (size_t r = 0; r < nu; r++)
            if (p->units[j->unit[r]].pin >= 0)
                pinned[p->units[j->unit[r]].pin] = true;
        /* in a re-run, a set someone continues in is not interchangeable
           either: staying depends on which it is */
        for (size_t r = 0; j->stay && r < nu; r++)
            for (size_t s = 0; s < ns; s++)
                if (j->stay[r * ns + s])
                    pinned[s] = true;
        /* nor is a set that names its facilitators, or had some */
        for (size_t s = 0; s < ns; s++)
            if (p->sets[s].nfac || (j->chgcol && j->chgcol[s]))
                pinned[s] = true;
        for (size_t s = 0; s < ns; s++) {
            if (pinned[s])
                continue;
            /* the previous set of the same class */
            size_t prev = ALS__NOIDX;
            for (size_t t = s; t-- > 0;) {
                const als__fixed_set *a = &p->sets[s], *b = &p->sets[t];
                if (!pinned[t] && a->day == b->day && a->min == b->min &&
                    a->max == b->max && a->required == b->required) {
                    prev = t;
                    break;
                }
            }
            if (prev == ALS__NOIDX)
                continue;
            /* u in s only if some earlier unit is in prev */
            for (size_t r = 0; r < nu; r++) {
                if (!xcol(j, r, s))
                    continue;
                int row = add_row(j, GLP_UP, 0, 0);
                if (row)
                    j->row[row].order = true;
                coef(j, row, xcol(j, r, s), 1);
                for (size_t v = 0; v < r; v++)
                    coef(j, row, xcol(j, v, prev), -1);
            }
        }
        free(pinned);
    }
}

/*
 * When every penalty weight is a whole number, so is the penalty of every
 * allocation: as one integer column it is the objective, and GLPK rounds
 * its bounds up (a bound of 48.2 proves 49), which prunes far more of the
 * tree.
 */
static void build_penalty_column(mip_job *j)
{
    if (!j->nomem && j->npen) {
        bool whole = true;
        double lo = 0;
        for (size_t k = 0; k < j->npen && whole; k++) {
            double w = j->pen_w[k];
            whole = w == floor(w) && fabs(w) <= 1e9;
            if (w < 0) {
                whole = whole && j->col[j->pen_col[k]].ub <= 1;
                lo += w;
            }
        }
        if (whole) {
            int c = add_col(j, GLP_IV, lo, DBL_MAX);
            int row = add_row(j, GLP_FX, 0, 0);
            coef(j, row, c, -1);
            for (size_t k = 0; k < j->npen; k++)
                coef(j, row, j->pen_col[k], j->pen_w[k]);
            j->pencol = c;
        }
    }
}

/* The whole model; false when memory ran short. */
static bool build(mip_job *j)
{
    size_t nu = j->nu, ns = j->ns;
    int nd = j->nd;
    const als_problem *p = j->p;
    build_scratch sc;
    j->xcol = als__calloc(nu * ns, sizeof *j->xcol);
    j->ycol = als__calloc(ns * (size_t)(nd ? nd : 1), sizeof *j->ycol);
    j->opencol = als__calloc(ns, sizeof *j->opencol);
    sc.ranks = als__malloc(nu, sizeof *sc.ranks);
    sc.mult = als__malloc(nu, sizeof *sc.mult);
    sc.lv.value = als__malloc(1001, sizeof *sc.lv.value);
    sc.lv.n = 0;
    if (!j->xcol || !j->ycol || !j->opencol || !sc.ranks || !sc.mult ||
        !sc.lv.value)
        j->nomem = true;
    else
        collect_levels(j, &sc.lv);
    if (!j->nomem)
        build_assignment(j);
    if (!j->nomem)
        build_slots(j);
    if (!j->nomem)
        build_units(j);
    if (!j->nomem && j->K)
        build_facilitators(j);
    if (!j->nomem) {
        build_set_cap(j);
        build_set_counts(j);
        build_organisations(j, &sc);
        build_attached(j);
        build_apart(j);
        build_sectors(j, &sc);
    }
    bool seniority = sc.lv.n > 0 && (p->sen_mode != ALS_SENIORITY_IGNORE ||
                                     p->max_spread != ALS_NONE);
    for (size_t s = 0; seniority && !j->nomem && s < ns; s++) {
        if (j->slot[s].rep >= 0 && !j->opencol[s])
            continue;
        if (p->sen_mode == ALS_SENIORITY_MIXED)
            build_levels_mixed(j, &sc, s);
        if (p->sen_mode == ALS_SENIORITY_SIMILAR && sc.lv.n > 1)
            build_levels_similar(j, &sc, s);
        if (p->max_spread != ALS_NONE)
            build_spread_window(j, &sc, s);
    }
    if (!j->nomem)
        build_pairs(j);
    if (!j->nomem)
        build_symmetry(j);
    build_penalty_column(j);
    free(sc.ranks);
    free(sc.mult);
    free(sc.lv.value);
    return !j->nomem;
}

/* ---- assignments ↔ column values ------------------------------------- */

/* Does open running slot s lack a facilitator it had (its facilitators
   sfac[s * K + q], sfac NULL: none)? */
static bool slot_changed(const mip_job *j, size_t s, const size_t *sfac)
{
    const size_t *w = j->want + s * (size_t)j->K;
    for (int q = 0; q < j->K; q++) {
        if (w[q] == ALS__NOIDX)
            continue;
        bool leads = false;
        for (int t = 0; sfac && t < j->K; t++)
            leads |= w[q] < j->nf && sfac[s * (size_t)j->K + (size_t)t] == w[q];
        if (!leads)
            return true;
    }
    return false;
}

/* Facilitator changes of an assignment (slots open, their facilitators
   sfac[s * K + q]): running slots open without one they had. */
static long fac_changes(const mip_job *j, const size_t *slot_of,
                        const size_t *sfac)
{
    if (!j->chgcol)
        return 0;
    long n = 0;
    for (size_t s = 0; s < j->ns; s++) {
        if (!j->chgcol[s])
            continue;
        bool open = false;
        for (size_t r = 0; r < j->nu && !open; r++)
            open = slot_of[r] == s;
        n += open && slot_changed(j, s, sfac);
    }
    return n;
}

/* Column values (1-based) of an assignment: slot of each rank (or NOIDX),
   day of each slot, and (with facilitators, or NULL) the facilitators of
   each slot, sfac[s * K + q]. Recipes give the auxiliary columns. */
static void fill(const mip_job *j, const size_t *slot_of, const int *day,
                 const size_t *sfac, double *v)
{
    const als_problem *p = j->p;
    for (int c = 1; c <= j->ncols; c++)
        v[c] = 0;
    for (size_t r = 0; r < j->nu; r++)
        if (slot_of[r] != ALS__NOIDX)
            v[xcol(j, r, slot_of[r])] = 1;
    for (size_t s = 0; s < j->ns; s++) {
        bool open = false;
        for (size_t r = 0; r < j->nu && !open; r++)
            open = slot_of[r] == s;
        if (!open)
            continue;
        if (j->opencol[s])
            v[j->opencol[s]] = 1;
        if (j->nd && day[s] >= 0)
            v[j->ycol[s * (size_t)j->nd + (size_t)day[s]]] = 1;
        int d = j->nd ? day[s] : 0;
        for (int q = 0; sfac && d >= 0 && q < j->K; q++) {
            size_t f = sfac[s * (size_t)j->K + (size_t)q];
            if (f < j->nf && zcol(j, f, s, d))
                v[zcol(j, f, s, d)] = 1;
        }
        if (j->chgcol && j->chgcol[s])
            v[j->chgcol[s]] = slot_changed(j, s, sfac);
    }
    /* auxiliary columns, from counts in their slot */
    levels lv;
    int lvvalue[1001];
    lv.value = lvvalue;
    collect_levels(j, &lv);
    for (size_t k = 0; k < j->nrec; k++) {
        const recipe *rc = &j->rec[k];
        long n = 0, lo = -1, hi = -1;
        if (rc->kind == R_K) {
            for (size_t s = 0; s < j->ns; s++) {
                bool open = false;
                for (size_t r = 0; r < j->nu && !open; r++)
                    open = slot_of[r] == s;
                n += open && (rc->a < 0 || day[s] == rc->a);
            }
            v[rc->col] = (double)n;
            continue;
        }
        if (rc->kind == R_DEV) {
            long size = 0;
            for (size_t r = 0; r < j->nu; r++)
                if (slot_of[r] == rc->s)
                    size += (long)p->units[j->unit[r]].size;
            long over = size ? size - j->slot[rc->s].target : 0;
            v[rc->col] = rc->a == 0 ? (over > 0 ? (double)over : 0)
                                    : (over < 0 ? (double)-over : 0);
            continue;
        }
        for (size_t r = 0; r < j->nu; r++) {
            if (slot_of[r] != rc->s)
                continue;
            const als__unit *un = &p->units[j->unit[r]];
            switch (rc->kind) {
            case R_SECTOR:
                for (size_t q = 0; q < un->size; q++)
                    n += p->app[p->unit_members[un->first + q]].sector == rc->a;
                break;
            case R_ORG:
                for (size_t q = 0; q < un->org_count; q++)
                    n += p->unit_orgs[un->org_first + q] == rc->a;
                break;
            case R_LEVEL:
                n += unit_level_count(j, &lv, j->unit[r], (int)rc->a);
                break;
            case R_Q:
                n += (long)r == rc->a || (long)r == rc->b;
                break;
            default: /* level indicators */
                for (size_t q = 0; q < un->size; q++) {
                    int l = p->app[p->unit_members[un->first + q]].level;
                    if (l < 0)
                        continue;
                    long i = lv.map[l];
                    if (lo < 0 || i < lo)
                        lo = i;
                    if (i > hi)
                        hi = i;
                    if (i == rc->a)
                        n++;
                }
            }
        }
        double val = 0;
        switch (rc->kind) {
        case R_SECTOR:
        case R_ORG:
        case R_LEVEL:
            val = (double)(n * (n - 1) / 2);
            break;
        case R_Q:
            val = n == 2;
            break;
        case R_T:
            val = n > 0;
            break;
        case R_A:
            val = lo >= 0 && lo <= rc->a;
            break;
        case R_B:
            val = hi > rc->a;
            break;
        case R_G:
            val = lo >= 0 && lo <= rc->a && hi > rc->a;
            break;
        case R_W: {
            /* the lowest window start that covers the slot's levels */
            if (lo < 0)
                break;
            long first = -1;
            for (int i = 0; i < lv.n && first < 0; i++)
                if (lv.value[i] <= lv.value[lo] &&
                    lv.value[hi] <= lv.value[i] + p->max_spread)
                    first = i;
            val = first == rc->a;
            break;
        }
        }
        v[rc->col] = val;
    }
    if (j->pencol) {
        double sum = 0;
        for (size_t k = 0; k < j->npen; k++)
            sum += j->pen_w[k] * v[j->pen_col[k]];
        v[j->pencol] = sum;
    }
}

/* ---- GLPK ------------------------------------------------------------ */

/* Among cols[0..n) (0 entries skipped) that GLPK may branch on, keep in
 *best the value closest to one half; returns *best (0: none yet). */
static int most_fractional(glp_tree *T, glp_prob *lp, const int *cols, size_t n,
                           int *best, double *dist)
{
    for (size_t k = 0; k < n; k++) {
        int c = cols[k];
        if (!c || !glp_ios_can_branch(T, c))
            continue;
        double v = glp_get_col_prim(lp, c);
        double d = fabs(v - floor(v) - 0.5);
        if (!*best || d < *dist) {
            *best = c;
            *dist = d;
        }
    }
    return *best;
}

/*
 * The branching rule: how many sets open (overall, then per day) first,
 * then which sets open, then their days, then the rest, each time the
 * fractional column closest to one half. Settling the sets' structure
 * before who is in them is what the relaxation needs most: each set's
 * pair and spread terms are only as tight as it is open.
 */
static void branch(mip_job *j, glp_tree *T)
{
    for (int k = 0; k < j->nbr; k++)
        if (glp_ios_can_branch(T, j->brcol[k])) {
            glp_ios_branch_upon(T, j->brcol[k], GLP_NO_BRNCH);
            return;
        }
    glp_prob *lp = glp_ios_get_prob(T);
    int best = 0;
    double dist = 0;
    if (!most_fractional(T, lp, j->opencol, j->ns, &best, &dist) &&
        !most_fractional(T, lp, j->ycol, j->nd ? j->ns * (size_t)j->nd : 0,
                         &best, &dist))
        for (int c = 1; c <= j->ncols; c++)
            most_fractional(T, lp, &c, 1, &best, &dist);
    if (best)
        glp_ios_branch_upon(T, best, GLP_NO_BRNCH);
}

static void on_tree(glp_tree *T, void *info)
{
    mip_job *j = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IBRANCH)
        branch(j, T);
    if (reason == GLP_IHEUR && j->inc && !j->inc_sent) {
        j->inc_sent = true;
        glp_ios_heur_sol(T, j->inc);
    }
    if (reason == GLP_ISELECT || reason == GLP_IBINGO || reason == GLP_IHEUR) {
        int node = glp_ios_best_node(T);
        if (node) {
            j->bound = glp_ios_node_bound(T, node);
            j->have_bound = true;
        }
    }
    if (als__run_poll(j->run, j->run->best_placed, j->run->best_priority,
                      j->run->best_penalty)) {
        j->stopped = true;
        glp_ios_terminate(T);
    }
}

static int time_left_ms(const mip_job *j)
{
    return als__glpk_ms_left(j->run->deadline);
}

typedef enum {
    STAGE_OPTIMAL,
    STAGE_FEASIBLE,
    STAGE_NONE,
    STAGE_INFEASIBLE
} stage_result;

/* One solve of the current objective (direction dir). The incumbent to
   inject is j->inc. Result values in sol (1-based) when found. All GLPK. */
static stage_result solve_stage(mip_job *j, int dir, double *sol, double *obj)
{
    glp_set_obj_dir(j->P, dir);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.tm_lim = time_left_ms(j);
    sm.presolve = GLP_ON;
    int src = glp_simplex(j->P, &sm);
    int st = glp_get_status(j->P);
    if (src == GLP_ENOPFS || st == GLP_NOFEAS) /* presolve or simplex */
        return STAGE_INFEASIBLE;
    if (st != GLP_OPT)
        return STAGE_NONE;
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF; /* injection needs the original columns */
    io.tm_lim = time_left_ms(j);
    io.cb_func = on_tree;
    io.cb_info = j;
    /* no cut generators: on these models they cost more node time than
       their bound gains (measured) */
    j->inc_sent = false;
    j->have_bound = false;
    int rc = glp_intopt(j->P, &io);
    int ms = glp_mip_status(j->P);
    if (ms == GLP_NOFEAS)
        return STAGE_INFEASIBLE;
    if (ms != GLP_OPT && ms != GLP_FEAS)
        return STAGE_NONE;
    for (int c = 1; c <= j->ncols; c++)
        sol[c] = glp_mip_col_val(j->P, c);
    *obj = glp_mip_obj_val(j->P);
    return rc == 0 && ms == GLP_OPT ? STAGE_OPTIMAL : STAGE_FEASIBLE;
}

/* Turn a solution vector into slot per rank, day per slot and (with
   facilitators) the facilitators of each slot, sfac[s * K + q]. */
static void decode(const mip_job *j, const double *sol, size_t *slot_of,
                   int *day, size_t *sfac)
{
    for (size_t s = 0; j->K && s < j->ns; s++) {
        size_t q = 0;
        for (size_t f = 0; f < j->nf; f++)
            for (int d = 0; d < j->nzd; d++) {
                int c = zcol(j, f, s, d);
                if (c && sol[c] > 0.5 && q < (size_t)j->K)
                    sfac[s * (size_t)j->K + q++] = f;
            }
        while (q < (size_t)j->K)
            sfac[s * (size_t)j->K + q++] = ALS__NOIDX;
    }
    for (size_t r = 0; r < j->nu; r++) {
        slot_of[r] = ALS__NOIDX;
        for (size_t s = 0; s < j->ns; s++) {
            int c = xcol(j, r, s);
            if (c && sol[c] > 0.5)
                slot_of[r] = s;
        }
    }
    for (size_t s = 0; s < j->ns; s++) {
        day[s] = j->slot[s].lock;
        for (int d = 0; d < j->nd; d++) {
            int c = j->ycol[s * (size_t)j->nd + (size_t)d];
            if (c && sol[c] > 0.5)
                day[s] = d;
        }
    }
}

typedef struct stage_io {
    size_t *slot_of; /* best assignment so far */
    int *day;
    size_t *sfac; /* [ns * K] its facilitators, NULL without */
    double *vals, *sol;
    bool proven, infeasible;
    double bound;
    bool has_bound;
    double penalty;
} stage_io;

static int cmp_triplet(const void *a, const void *b)
{
    const triplet *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Sum the coefficients given twice for one (row, column): a set's first
   unit is both a member and its open flag. */
static void merge_coefficients(mip_job *j)
{
    if (j->nmat < 2)
        return;
    qsort(j->mat + 1, j->nmat, sizeof *j->mat, cmp_triplet);
    size_t w = 1;
    for (size_t k = 2; k <= j->nmat; k++) {
        if (j->mat[k].row == j->mat[w].row && j->mat[k].col == j->mat[w].col)
            j->mat[w].v += j->mat[k].v;
        else
            j->mat[++w] = j->mat[k];
    }
    /* drop what cancelled out */
    size_t n = 0;
    for (size_t k = 1; k <= w; k++)
        if (j->mat[k].v != 0)
            j->mat[++n] = j->mat[k];
    j->nmat = n;
}

/* An upper bound on the applicants placed: all eligible, within what the
   sets can hold. */
static double placed_bound(const mip_job *j)
{
    const als_problem *p = j->p;
    double total = 0;
    for (size_t r = 0; r < j->nu; r++)
        total += (double)p->units[j->unit[r]].size;
    double room;
    if (p->nsets) {
        room = 0;
        for (size_t s = 0; s < p->nsets; s++)
            room += p->sets[s].max;
    } else {
        double sets = floor(total / p->size_min);
        if (p->max_sets != ALS_NONE && sets > (double)p->max_sets)
            sets = (double)p->max_sets;
        room = sets * p->size_max;
    }
    return total < room ? total : room;
}

typedef struct dens {
    double d;
    size_t r;
} dens;

static int cmp_dens(const void *a, const void *b)
{
    const dens *x = a, *y = b;
    return x->d > y->d ? -1 : x->d < y->d;
}

/* An upper bound on the priority of `placed` members: the best priorities
   per member, filled greedily, the last unit in part. */
static double priority_bound(const mip_job *j, double placed)
{
    const als_problem *p = j->p;
    dens *k = als__malloc(j->nu ? j->nu : 1, sizeof *k);
    if (!k)
        return HUGE_VAL;
    for (size_t r = 0; r < j->nu; r++) {
        const als__unit *un = &p->units[j->unit[r]];
        k[r].d = (double)un->priority / (double)un->size;
        k[r].r = r;
    }
    qsort(k, j->nu, sizeof *k, cmp_dens);
    double left = placed, sum = 0;
    for (size_t q = 0; q < j->nu && left > 0; q++) {
        double size = (double)p->units[j->unit[k[q].r]].size;
        double take = size < left ? size : left;
        sum += k[q].d * take;
        left -= take;
    }
    free(k);
    return floor(sum + 1e-9);
}

/*
 * Aggregate cuts, once `placed` is known: at most M sets can be open, and
 * for a group (a sector, or a level under "mixed") with N members placed,
 * the pairs over all sets are at least those of N split evenly over M sets:
 * f(N) = M C(q,2) + q (N - qM) on [qM, (q+1)M], convex, so each q gives a
 * valid tangent. The per-set terms alone let the relaxation spread members
 * thinly over many half-open sets.
 */
static void aggregate_cuts(mip_job *j, double placed)
{
    const als_problem *p = j->p;
    double m = p->nsets ? (double)p->nsets : floor(placed / p->size_min);
    if (!p->nsets && p->max_sets != ALS_NONE && m > (double)p->max_sets)
        m = (double)p->max_sets;
    if (m < 1)
        return;
    int kinds = (p->sector_mode == ALS_SECTOR_BALANCE ? 1 : 0) |
                (p->sen_mode == ALS_SENIORITY_MIXED ? 2 : 0);
    int *ind = j->w.ind;
    double *val = j->w.val, *cnt = j->w.cnt;
    for (int kind = 1; kind <= 2; kind++) {
        if (!(kinds & kind))
            continue;
        int rkind = kind == 1 ? R_SECTOR : R_LEVEL;
        long groups = 0;
        for (size_t k = 0; k < j->nrec; k++)
            if (j->rec[k].kind == rkind && j->rec[k].a + 1 > groups)
                groups = j->rec[k].a + 1;
        levels lv;
        int lvvalue[1001];
        lv.value = lvvalue;
        if (kind == 2)
            collect_levels(j, &lv);
        for (long g = 0; g < groups; g++) {
            double total = 0;
            for (size_t r = 0; r < j->nu; r++) {
                const als__unit *un = &p->units[j->unit[r]];
                cnt[r] = 0;
                if (kind == 1) {
                    for (size_t q = 0; q < un->size; q++)
                        cnt[r] +=
                            p->app[p->unit_members[un->first + q]].sector == g;
                } else {
                    cnt[r] = unit_level_count(j, &lv, j->unit[r], (int)g);
                }
                total += cnt[r];
            }
            long qmax = (long)ceil(total / m);
            for (long q = 1; q <= qmax; q++) {
                /* sum p - q N >= m C(q,2) - q^2 m */
                int n = 0;
                for (size_t k = 0; k < j->nrec; k++)
                    if (j->rec[k].kind == rkind && j->rec[k].a == g) {
                        ind[++n] = j->rec[k].col;
                        val[n] = 1;
                    }
                for (size_t r = 0; r < j->nu; r++)
                    for (size_t s = 0; s < j->ns && cnt[r] != 0; s++)
                        if (xcol(j, r, s)) {
                            ind[++n] = xcol(j, r, s);
                            val[n] = -(double)q * cnt[r];
                        }
                if (n == 0)
                    continue;
                int row = glp_add_rows(j->P, 1);
                glp_set_row_bnds(
                    j->P, row, GLP_LO,
                    m * (double)(q * (q - 1) / 2) - (double)(q * q) * m, 0);
                glp_set_mat_row(j->P, row, n, ind, val);
            }
        }
    }
}

/* The tiers, in the order they are solved. All but the penalty are whole
   numbers and maximised (moves and the size deviation as their negative);
   all but the size deviation are linear in x, which sits on the slots'
   deviation columns. */
enum { T_CONT, T_MOVES, T_FACCHG, T_PLACED, T_PRIORITY, T_SIZEDEV, T_PENALTY };

/* Is the tier part of this solve? */
static bool tier_used(const mip_job *j, int tier)
{
    if (tier == T_CONT || tier == T_MOVES)
        return j->cont != NULL;
    if (tier == T_SIZEDEV)
        return j->p->size_target != ALS_NONE;
    if (tier == T_FACCHG)
        return j->chgcol != NULL;
    return true;
}

/* Objective coefficient of x[r,s] in a whole-number tier. */
static double tier_coef(const mip_job *j, int tier, size_t r, size_t s)
{
    const als__unit *un = &j->p->units[j->unit[r]];
    switch (tier) {
    case T_CONT:
        return (double)j->cont[r];
    case T_MOVES: /* -(continuing placed - stayed) */
        return (double)(j->stay[r * j->ns + s] - j->cont[r]);
    case T_PLACED:
        return (double)un->size;
    case T_SIZEDEV:
        return 0; /* on the deviation columns */
    case T_FACCHG:
        return 0; /* on the change columns */
    default:
        return (double)un->priority;
    }
}

/* A whole-number tier's value for an assignment (slot of each rank, the
   slots' facilitators). */
static double tier_value(const mip_job *j, int tier, const size_t *slot_of,
                         const size_t *sfac)
{
    if (tier == T_FACCHG)
        return -(double)fac_changes(j, slot_of, sfac);
    if (tier == T_SIZEDEV) {
        double dev = 0;
        for (size_t s = 0; s < j->ns; s++) {
            if (j->slot[s].target == ALS_NONE)
                continue;
            long size = 0;
            for (size_t r = 0; r < j->nu; r++)
                if (slot_of[r] == s)
                    size += (long)j->p->units[j->unit[r]].size;
            if (size)
                dev += (double)labs(size - j->slot[s].target);
        }
        return -dev;
    }
    double v = 0;
    for (size_t r = 0; r < j->nu; r++)
        if (slot_of[r] != ALS__NOIDX)
            v += tier_coef(j, tier, r, slot_of[r]);
    return v;
}

/* A simple upper bound on a whole-number tier, given an incumbent that
   holds the tiers before it at their optimum. */
static double tier_bound(const mip_job *j, int tier, const size_t *slot_of)
{
    double total = 0;
    switch (tier) {
    case T_CONT:
        for (size_t r = 0; r < j->nu; r++)
            total += j->cont[r];
        return total;
    case T_MOVES:
        return 0; /* nobody moves */
    case T_FACCHG:
        return 0; /* every running set keeps its facilitators */
    case T_SIZEDEV:
        return 0; /* every set of its target size */
    case T_PLACED:
        return placed_bound(j);
    default:
        return priority_bound(j, tier_value(j, T_PLACED, slot_of, NULL));
    }
}

/*
 * Is a column vector a valid allocation: does it meet every row and bound
 * of the model as built (the tiers held since, and the cuts, are met by the
 * optimum of the tier before, which is what an incumbent is), but for the
 * rows that only order interchangeable sets? GLPK takes an injected
 * solution on trust, and a tier is only skipped on a valid one.
 */
static bool meets_model(mip_job *j, const double *v)
{
    double *act = j->w.act;
    memset(act, 0, ((size_t)j->nrows + 1) * sizeof *act);
    for (size_t k = 1; k <= j->nmat; k++)
        act[j->mat[k].row] += j->mat[k].v * v[j->mat[k].col];
    bool ok = true;
    for (int r = 1; r <= j->nrows && ok; r++) {
        const mrow *w = &j->row[r];
        if (w->order)
            continue;
        double lo = w->type == GLP_UP ? -HUGE_VAL : w->lb;
        double hi = w->type == GLP_LO   ? HUGE_VAL
                    : w->type == GLP_FX ? w->lb
                                        : w->ub;
        double tol = 1e-6 * (1 + fabs(lo > -HUGE_VAL ? lo : hi));
        ok = act[r] >= lo - tol && act[r] <= hi + tol;
    }
    for (int c = 1; c <= j->ncols && ok; c++) {
        const mcol *m = &j->col[c];
        ok = v[c] >= m->lb - 1e-9 && v[c] <= m->ub + 1e-9 &&
             (m->kind != GLP_BV || v[c] == 0 || v[c] == 1);
    }
    return ok;
}

/* The penalty of an assignment, its columns filled into v. */
static double assignment_penalty(const mip_job *j, const size_t *slot_of,
                                 const int *day, double *v)
{
    fill(j, slot_of, day, NULL, v);
    double sum = 0;
    for (size_t k = 0; k < j->npen; k++)
        sum += j->pen_w[k] * v[j->pen_col[k]];
    return sum;
}

/* Is assignment a better than b on the tiers from `tier` on? */
static bool candidate_better(mip_job *j, int tier, const size_t *a_slot,
                             const int *a_day, const size_t *a_fac,
                             const size_t *b_slot, const int *b_day,
                             const size_t *b_fac)
{
    for (int t = tier; t < T_PENALTY; t++) {
        if (!tier_used(j, t))
            continue;
        double va = tier_value(j, t, a_slot, a_fac),
               vb = tier_value(j, t, b_slot, b_fac);
        if (va != vb)
            return va > vb;
    }
    double pa = assignment_penalty(j, a_slot, a_day, j->w.v);
    double pb = assignment_penalty(j, b_slot, b_day, j->w.v);
    return pa < pb - 1e-9 * (1 + fabs(pb));
}

/* The stages' work arrays (struct mip_work), before GLPK starts. */
static bool work_alloc(mip_job *j)
{
    size_t cols = (size_t)j->ncols + 1, nfs = j->ns * (size_t)j->K;
    struct mip_work *w = &j->w;
    w->ind = als__malloc(cols, sizeof *w->ind);
    w->val = als__malloc(cols, sizeof *w->val);
    w->cnt = als__malloc(j->nu ? j->nu : 1, sizeof *w->cnt);
    w->act = als__malloc((size_t)j->nrows + 1, sizeof *w->act);
    w->v = als__malloc(cols, sizeof *w->v);
    w->ia = als__malloc(j->nmat + 1, sizeof *w->ia);
    w->ja = als__malloc(j->nmat + 1, sizeof *w->ja);
    w->ar = als__malloc(j->nmat + 1, sizeof *w->ar);
    w->cand = als__malloc(j->nu ? j->nu : 1, sizeof *w->cand);
    w->cday = als__malloc(j->ns ? j->ns : 1, sizeof *w->cday);
    w->cfac = als__malloc(nfs ? nfs : 1, sizeof *w->cfac);
    return w->ind && w->val && w->cnt && w->act && w->v && w->ia && w->ja &&
           w->ar && w->cand && w->cday && w->cfac;
}

static void work_free(mip_job *j)
{
    struct mip_work *w = &j->w;
    free(w->ind);
    free(w->val);
    free(w->cnt);
    free(w->act);
    free(w->v);
    free(w->ia);
    free(w->ja);
    free(w->ar);
    free(w->cand);
    free(w->cday);
    free(w->cfac);
    memset(w, 0, sizeof *w);
}

/* Every tier in turn; every GLPK call is made from here. */
static void run_stages(mip_job *j, stage_io *io)
{
    merge_coefficients(j);
    if (!als__glpk_guard_on(&j->g)) {
        j->nomem = true;
        return;
    }
    j->P = glp_create_prob();
    glp_add_rows(j->P, j->nrows);
    glp_add_cols(j->P, j->ncols);
    for (int r = 1; r <= j->nrows; r++) {
        glp_set_row_bnds(j->P, r, j->row[r].type, j->row[r].lb, j->row[r].ub);
    }
    for (int c = 1; c <= j->ncols; c++) {
        if (j->col[c].kind == GLP_BV) {
            glp_set_col_kind(j->P, c, GLP_BV);
            if (j->col[c].lb > 0) /* forced open */
                glp_set_col_bnds(j->P, c, GLP_FX, 1, 1);
        } else if (j->col[c].kind == GLP_IV) {
            glp_set_col_kind(j->P, c, GLP_IV);
            if (j->col[c].ub >= DBL_MAX)
                glp_set_col_bnds(j->P, c, GLP_LO, j->col[c].lb, 0);
            else
                glp_set_col_bnds(j->P, c, GLP_DB, j->col[c].lb, j->col[c].ub);
        } else if (j->col[c].ub >= DBL_MAX)
            glp_set_col_bnds(j->P, c, GLP_LO, j->col[c].lb, 0);
        else
            glp_set_col_bnds(j->P, c, GLP_DB, j->col[c].lb, j->col[c].ub);
    }
    /* glp_load_matrix wants separate 1-based arrays */
    int *ia = j->w.ia, *ja = j->w.ja;
    double *ar = j->w.ar;
    for (size_t k = 1; k <= j->nmat; k++) {
        ia[k] = j->mat[k].row;
        ja[k] = j->mat[k].col;
        ar[k] = j->mat[k].v;
    }
    glp_load_matrix(j->P, (int)j->nmat, ia, ja, ar);

    int tiers[T_PENALTY + 1], nt = 0;
    for (int t = T_CONT; t <= T_PENALTY; t++)
        if (tier_used(j, t))
            tiers[nt++] = t;
    double obj = 0;
    for (int t = 0; t < nt; t++) {
        int tier = tiers[t];
        for (int c = 0; c <= j->ncols; c++)
            glp_set_obj_coef(j->P, c, 0);
        if (tier == T_SIZEDEV) {
            for (size_t s = 0; s < j->ns; s++)
                for (int k = 0; k < 2; k++)
                    if (j->slot[s].dev[k])
                        glp_set_obj_coef(j->P, j->slot[s].dev[k], -1);
        } else if (tier == T_FACCHG) {
            for (size_t s = 0; s < j->ns; s++)
                if (j->chgcol[s])
                    glp_set_obj_coef(j->P, j->chgcol[s], -1);
        } else if (tier != T_PENALTY) {
            for (size_t r = 0; r < j->nu; r++)
                for (size_t s = 0; s < j->ns; s++)
                    if (xcol(j, r, s))
                        glp_set_obj_coef(j->P, xcol(j, r, s),
                                         tier_coef(j, tier, r, s));
        } else if (j->pencol) {
            glp_set_obj_coef(j->P, j->pencol, 1);
        } else {
            for (size_t k = 0; k < j->npen; k++)
                glp_set_obj_coef(j->P, j->pen_col[k],
                                 glp_get_obj_coef(j->P, j->pen_col[k]) +
                                     j->pen_w[k]);
        }
        fill(j, io->slot_of, io->day, io->sfac, j->vals);
        bool valid = meets_model(j, j->vals);
        if (j->nomem)
            return;
        j->inc = valid ? j->vals : NULL;
        stage_result res;
        double have =
            tier != T_PENALTY ? tier_value(j, tier, io->slot_of, io->sfac) : 0;
        if (valid && tier != T_PENALTY &&
            have >= tier_bound(j, tier, io->slot_of)) {
            res = STAGE_OPTIMAL; /* the incumbent meets the bound */
            obj = have;
            memcpy(io->sol, j->vals, ((size_t)j->ncols + 1) * sizeof *io->sol);
        } else {
            res = solve_stage(j, tier == T_PENALTY ? GLP_MIN : GLP_MAX, io->sol,
                              &obj);
            /* a whole number, which GLPK gives in floating point (5.99...
               for 6): the aggregate cuts must see the number itself */
            if (tier != T_PENALTY)
                obj = floor(obj + 0.5);
        }
        if (res == STAGE_INFEASIBLE) {
            io->infeasible = true;
            io->proven = true;
            return;
        }
        if (res == STAGE_NONE) {
            io->proven = false;
            j->stopped = true;
            return;
        }
        /* keep the solver's answer when it is at least as good */
        size_t nfs = j->ns * (size_t)j->K;
        size_t *cand = j->w.cand, *cfac = j->w.cfac;
        int *cday = j->w.cday;
        decode(j, io->sol, cand, cday, cfac);
        /* ... but when it only ties the incumbent on this tier, the
           incumbent may still be the better one on the next: carrying the
           worse one on would lose the heuristic's penalty as a cutoff */
        bool keep = valid;
        if (keep) {
            keep = !candidate_better(j, tier, cand, cday, cfac, io->slot_of,
                                     io->day, io->sfac);
            if (j->nomem)
                return;
        }
        if (!keep) {
            memcpy(io->slot_of, cand, j->nu * sizeof *cand);
            memcpy(io->day, cday, j->ns * sizeof *cday);
            if (io->sfac)
                memcpy(io->sfac, cfac, nfs * sizeof *cfac);
        }
        if (res != STAGE_OPTIMAL) {
            io->proven = false;
            j->stopped = true;
            if (tier == T_PENALTY) {
                io->has_bound = j->have_bound;
                io->bound = j->bound;
                io->penalty = obj;
            }
            return;
        }
        if (tier == T_PLACED)
            aggregate_cuts(j, obj);
        if (j->nomem)
            return;
        if (tier != T_PENALTY) {
            /* hold this tier at its optimum (whole numbers: exact) */
            int row = glp_add_rows(j->P, 1);
            glp_set_row_bnds(j->P, row, GLP_LO, obj - 0.5, 0);
            int n = 0;
            int *ind = j->w.ind;
            double *val = j->w.val;
            for (int c = 1; c <= j->ncols; c++) {
                double k = glp_get_obj_coef(j->P, c);
                if (k != 0) {
                    ind[++n] = c;
                    val[n] = k;
                }
            }
            glp_set_mat_row(j->P, row, n, ind, val);
        } else {
            io->proven = true;
            io->has_bound = true;
            io->bound = obj;
            io->penalty = obj;
        }
    }
}

/*
 * For the tests: make GLPK fail fatally under the same guard as a solve (a
 * column index out of range, which GLPK answers with abort() unless its
 * error hook intervenes) and return what a solve would return.
 */
als_status als__glpk_fatal_selftest(als_error *err)
{
    mip_job *j = calloc(1, sizeof *j);
    if (!j)
        return ALS_ENOMEM;
    /* set after the longjmp: volatile, as setjmp requires */
    volatile als_status rc = ALS_OK;
    if (setjmp(j->g.jb) == 0) {
        if (!als__glpk_guard_on(&j->g)) {
            free(j);
            als__error_set(err, ALS_ENOMEM, "", "%s",
                           als_status_str(ALS_ENOMEM));
            return ALS_ENOMEM;
        }
        j->P = glp_create_prob();
        glp_add_cols(j->P, 1);
        glp_set_col_kind(j->P, 99, GLP_BV); /* out of range: fatal */
        glp_delete_prob(j->P);
    } else {
        als__glpk_guard_off();
        rc = als__glpk_guard_status(&j->g);
        als__error_set(err, rc, "", "GLPK failed: %.200s",
                       als__glpk_guard_why(&j->g));
    }
    free(j);
    return rc;
}

/* The compact model alone. */
als_status als__mip_exact(const als_problem *p, als__run *run,
                          const als__state *hint, als__state *out,
                          als__exact_result *res, als_error *err)
{
    memset(res, 0, sizeof *res);
    mip_job *j = calloc(1, sizeof *j);
    if (!j)
        return ALS_ENOMEM;
    j->p = p;
    j->run = run;
    j->nd = (int)p->days.n;
    /* set after GLPK's longjmp too: volatile, as setjmp requires */
    volatile als_status rc = ALS_OK;
    /* eligible units and slots */
    j->unit = als__malloc(p->nunits ? p->nunits : 1, sizeof *j->unit);
    size_t *rank_of = als__malloc(p->nunits ? p->nunits : 1, sizeof *rank_of);
    if (!j->unit || !rank_of) {
        free(rank_of);
        rc = ALS_ENOMEM;
        goto done;
    }
    for (size_t u = 0; u < p->nunits; u++) {
        rank_of[u] = ALS__NOIDX;
        if (hint->eligible[u]) {
            rank_of[u] = j->nu;
            j->unit[j->nu++] = u;
        }
    }
    if (j->nu > MIP_MAX_UNITS) {
        free(rank_of);
        als__error_set(err, ALS_EINVAL, "",
                       "%zu units are more than the exact solver takes "
                       "(%d): use the method auto or heuristic",
                       j->nu, MIP_MAX_UNITS);
        rc = ALS_EINVAL;
        goto done;
    }
    const als__rerun *rr = run->rerun;
    j->nprev = rr && !p->nsets ? rr->nprev : 0;
    j->ns = p->nsets ? p->nsets : j->nprev + j->nu;
    j->slot = als__calloc(j->ns ? j->ns : 1, sizeof *j->slot);
    if (!j->slot) {
        free(rank_of);
        rc = ALS_ENOMEM;
        goto done;
    }
    for (size_t s = 0; s < j->ns; s++) {
        mslot *sl = &j->slot[s];
        sl->fixed = p->nsets ? (int)s : -1;
        sl->rep = p->nsets || s < j->nprev ? -1 : (int)(s - j->nprev);
        sl->lock = p->nsets       ? p->sets[s].day
                   : s < j->nprev ? rr->prev_day[s]
                                  : -1;
        als__problem_bounds(p, sl->fixed, &sl->min, &sl->max);
        sl->target = als__problem_target(p, sl->fixed);
    }
    /* a previous set may shrink to its floor (rerun.c) */
    for (size_t k = 0; rr && k < rr->nprev; k++) {
        size_t s = p->nsets
                       ? (rr->prev_fixed[k] >= 0 ? (size_t)rr->prev_fixed[k]
                                                 : ALS__NOIDX)
                       : k;
        if (s < j->ns)
            j->slot[s].min = rr->run_min[k];
    }
    j->only = hint->only;
    if (p->nfac) {
        j->K = p->fac_per_set;
        j->nf = p->nfac;
        j->nzd = j->nd ? j->nd : 1;
        j->want = hint->want;
        j->nwant = p->nsets ? j->ns : j->nprev;
        if (j->nwant > hint->nslots)
            j->nwant = hint->nslots;
    }
    if (rr) {
        /* who continues, and where staying would put them */
        j->cont = als__calloc(j->nu ? j->nu : 1, sizeof *j->cont);
        size_t cells = j->nu * j->ns;
        j->stay = als__calloc(cells ? cells : 1, sizeof *j->stay);
        if (!j->cont || !j->stay) {
            free(rank_of);
            rc = ALS_ENOMEM;
            goto done;
        }
        for (size_t r = 0; r < j->nu; r++) {
            const als__unit *un = &p->units[j->unit[r]];
            for (size_t k = 0; k < un->size; k++) {
                size_t prev = rr->app_slot[p->unit_members[un->first + k]];
                if (prev == ALS__NOIDX)
                    continue;
                j->cont[r]++;
                if (prev < j->ns)
                    j->stay[r * j->ns + prev]++;
            }
        }
    }
    if (!build(j)) {
        free(rank_of);
        rc = ALS_ENOMEM;
        goto done;
    }
    /* the hint as a starting assignment in this model's slots (on the heap:
       run_stages changes it, and a longjmp may come back at any point) */
    stage_io *iop = calloc(1, sizeof *iop);
    if (!iop) {
        free(rank_of);
        rc = ALS_ENOMEM;
        goto done;
    }
    iop->slot_of = als__malloc(j->nu ? j->nu : 1, sizeof *iop->slot_of);
    iop->day = als__malloc(j->ns ? j->ns : 1, sizeof *iop->day);
    j->vals = NULL;
    iop->vals = als__malloc((size_t)j->ncols + 1, sizeof *iop->vals);
    iop->sol = als__malloc((size_t)j->ncols + 1, sizeof *iop->sol);
    size_t nfs = j->ns * (size_t)j->K;
    iop->sfac = j->K ? als__malloc(nfs ? nfs : 1, sizeof *iop->sfac) : NULL;
    if (!iop->slot_of || !iop->day || !iop->vals || !iop->sol ||
        (j->K && !iop->sfac) || !work_alloc(j)) {
        free(rank_of);
        rc = ALS_ENOMEM;
        goto io_done;
    }
    j->vals = iop->vals;
    for (size_t s = 0; s < j->ns; s++)
        iop->day[s] = j->slot[s].lock;
    for (size_t r = 0; r < j->nu; r++)
        iop->slot_of[r] = ALS__NOIDX;
    for (size_t k = 0; k < nfs; k++)
        iop->sfac[k] = ALS__NOIDX;
    for (size_t hs = 0; hs < hint->nslots; hs++) {
        const als__slot *sl = &hint->slot[hs];
        if (sl->nunits == 0)
            continue;
        size_t target = hs;
        if (!p->nsets && hs >= j->nprev) { /* named by its first unit */
            target = ALS__NOIDX;
            for (size_t k = 0; k < sl->nunits; k++)
                if (rank_of[sl->units[k]] < target)
                    target = rank_of[sl->units[k]];
            target += j->nprev;
        }
        for (size_t k = 0; k < sl->nunits; k++)
            iop->slot_of[rank_of[sl->units[k]]] = target;
        iop->day[target] = sl->day;
        /* and its facilitators (a hint short of some is no incumbent) */
        for (size_t q = 0; j->K && hint->K == j->K && q < (size_t)j->K; q++)
            iop->sfac[target * (size_t)j->K + q] =
                hint->sfac[hs * (size_t)j->K + q];
    }
    free(rank_of);
    /* a placement that breaks a pin cannot be the incumbent: drop it */
    for (size_t r = 0; r < j->nu; r++)
        if (iop->slot_of[r] != ALS__NOIDX && !xcol(j, r, iop->slot_of[r]))
            iop->slot_of[r] = ALS__NOIDX;

    /* GLPK, under its guard; on a fatal error GLPK's memory is gone */
    if (setjmp(j->g.jb) == 0) {
        run_stages(j, iop);
    } else {
        j->P = NULL; /* freed with the environment below */
        als__glpk_guard_off();
        rc = als__glpk_guard_status(&j->g);
        als__error_set(err, rc, "", "GLPK failed: %.200s",
                       als__glpk_guard_why(&j->g));
        goto io_done;
    }
    if (j->P)
        glp_delete_prob(j->P);
    j->P = NULL;
    als__glpk_guard_off();
    if (j->nomem) {
        rc = ALS_ENOMEM;
        goto io_done;
    }
    res->end = iop->infeasible ? ALS__EXACT_INFEASIBLE
               : iop->proven   ? ALS__EXACT_OPTIMAL
               : j->stopped    ? ALS__EXACT_STOPPED
                               : ALS__EXACT_UNPROVEN;
    res->has_bound = iop->has_bound;
    res->bound = iop->bound;
    /* the final state */
    if (!als__state_init(out, p, j->ns ? j->ns : 1)) {
        rc = ALS_ENOMEM;
        goto io_done;
    }
    out->nslots = j->ns;
    /* a re-run's state, as the heuristic's (rerun.c) */
    if (rr && !als__rerun_state(rr, out)) {
        als__state_free(out);
        rc = ALS_ENOMEM;
        goto io_done;
    }
    for (size_t u = 0; u < p->nunits; u++)
        if (hint->eligible[u])
            als__state_make_eligible(out, u);
    if (!iop->infeasible)
        for (size_t r = 0; r < j->nu; r++)
            if (iop->slot_of[r] != ALS__NOIDX &&
                !als__state_add(out, iop->slot_of[r], j->unit[r],
                                iop->day[iop->slot_of[r]])) {
                als__state_free(out);
                rc = ALS_ENOMEM;
                goto io_done;
            }
    /* the facilitators the model chose (the greedy picks of each add
       undone) */
    if (!iop->infeasible && j->K)
        als__fac_reset(out, iop->sfac);
io_done:
    free(iop->sfac);
    free(iop->slot_of);
    free(iop->day);
    free(iop->vals);
    free(iop->sol);
    free(iop);
done:
    work_free(j);
    free(j->unit);
    free(j->slot);
    free(j->col);
    free(j->xcol);
    free(j->ycol);
    free(j->opencol);
    free(j->zcol);
    free(j->chgcol);
    free(j->row);
    free(j->mat);
    free(j->pen_col);
    free(j->pen_w);
    free(j->rec);
    free(j->cont);
    free(j->stay);
    free(j);
    return rc;
}
