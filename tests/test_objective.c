/*
 * Tests of the objective (libals/objective.c): hand-worked cohorts scored
 * through als_check(), one per component and mode, with the arithmetic
 * written out beside each expectation; the re-run tiers (continuing, moves)
 * against a previous allocation; and the incremental per-set figures
 * (als__setstat_*) compared, move by move, with a from-scratch computation
 * of the same membership on a seeded random cohort.
 *
 * Documents are written with single quotes for readability; json() turns
 * them into JSON (no id or label here contains a quote).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "als.h"
#include "support.h"
#include "als_internal.h"
#include "state.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/*
 * Score `alloc` (and, when not NULL, `prev` as the previous allocation)
 * against `cohort` through als_check(); return the recomputed objective and
 * the number of violations.
 */
static als_objective score(const char *cohort, const char *alloc,
                           const char *prev, size_t *violations)
{
    als_problem *p = test_problem(cohort);
    als_allocation *a = test_allocation(alloc);
    als_allocation *pa = prev ? test_allocation(prev) : NULL;
    als_diag *d = NULL;
    als_error e;
    als_objective o;
    size_t v = 12345;
    memset(&o, 0xff, sizeof o);
    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_int_equal(als_check(p, a, pa, d, &v, &o, &e), ALS_OK);
    if (v != 0) {
        print_message("%zu violation(s):\n", v);
        print_diag(d);
    }
    *violations = v;
    als_diag_free(d);
    als_allocation_free(pa);
    als_allocation_free(a);
    als_problem_free(p);
    return o;
}

#define assert_figure(actual, expected)                                        \
    do {                                                                       \
        double a_ = (actual), e_ = (expected);                                 \
        if (!(fabs(a_ - e_) <= 1e-9 * fmax(1.0, fabs(e_))))                    \
            fail_msg("%s is %.17g, expected %.17g", #actual, a_, e_);          \
    } while (0)

/* Every component of an objective without a previous allocation. */
static void expect_objective(const als_objective *o, long long placed,
                             long long priority, double sector, double org,
                             double seniority, double pair_weight,
                             double penalty)
{
    assert_int_equal(o->continuing, 0);
    assert_int_equal(o->moves, 0);
    assert_int_equal(o->placed, placed);
    assert_int_equal(o->priority, priority);
    assert_figure(o->sector_pairs, sector);
    assert_figure(o->organisation_pairs, org);
    assert_figure(o->seniority, seniority);
    assert_figure(o->pair_weight, pair_weight);
    assert_figure(o->penalty, penalty);
}

/* ------------------------------------------------------------------ */
/* Sector pairs, placed and priority                                   */

#define SECTOR_COHORT(MODE)                                                    \
    "{'programme':{'set_size':{'min':2,'max':5},"                              \
    "'rules':{'organisation':'ignore','sector':{'mode':'" MODE "',"            \
    "'weight':2.5},'seniority':'ignore'}},"                                    \
    "'applicants':["                                                           \
    "{'id':'a1','sector':'public','priority':4},"                              \
    "{'id':'a2','sector':'Public'},"                                           \
    "{'id':'a3','sector':'  PUBLIC '},"                                        \
    "{'id':'a4','sector':'private'},"                                          \
    "{'id':'b1','sector':'private','priority':-3},"                            \
    "{'id':'b2','priority':1},"                                                \
    "{'id':'b3','sector':'private'},"                                          \
    "{'id':'b4','sector':'voluntary'},"                                        \
    "{'id':'u1','sector':'public','priority':7}]}"

#define SECTOR_ALLOCATION                                                      \
    "{'sets':[{'id':'S1','members':['a1','a2','a3','a4']},"                    \
    "{'id':'S2','members':['b1','b2','b3','b4']}],"                            \
    "'unassigned':[{'id':'u1','reason':'kept back'}]}"

static void test_objective__sector_pairs_balance(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(SECTOR_COHORT("balance"), SECTOR_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /*
     * placed   = 8 (u1 is unassigned)
     * priority = a1 4 + b1 (-3) + b2 1 = 2 (u1's 7 does not count)
     * S1: public {a1, a2, a3} (labels compare case- and space-blind)
     *     = 3*2/2 = 3; private {a4} = 0
     * S2: private {b1, b3} = 2*1/2 = 1; voluntary {b4} = 0; b2 has none
     * sector_pairs = 3 + 1 = 4
     * penalty = 2.5 * 4 = 10
     */
    expect_objective(&o, 8, 2, 4, 0, 0, 0, 10);
}

/* The same cohort aiming at sets of 3. */
#define TARGET_COHORT                                                          \
    "{'programme':{'set_size':{'min':2,'max':5,'target':3},"                   \
    "'rules':{'organisation':'ignore','sector':{'mode':'balance',"             \
    "'weight':2.5},'seniority':'ignore'}},"                                    \
    "'applicants':["                                                           \
    "{'id':'a1','sector':'public','priority':4},"                              \
    "{'id':'a2','sector':'Public'},"                                           \
    "{'id':'a3','sector':'  PUBLIC '},"                                        \
    "{'id':'a4','sector':'private'},"                                          \
    "{'id':'b1','sector':'private','priority':-3},"                            \
    "{'id':'b2','priority':1},"                                                \
    "{'id':'b3','sector':'private'},"                                          \
    "{'id':'b4','sector':'voluntary'},"                                        \
    "{'id':'u1','sector':'public','priority':7}]}"

static void test_objective__size_deviation(void **state)
{
    (void)state;
    size_t v;
    /* no target: no deviation */
    als_objective o =
        score(SECTOR_COHORT("balance"), SECTOR_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    assert_int_equal(o.size_deviation, 0);
    /*
     * target 3; S1 and S2 of 4: |4 - 3| + |4 - 3| = 2. The penalty is the
     * one without a target (sector pairs 4, penalty 10): the deviation is
     * a tier of its own, not part of the penalty.
     */
    o = score(TARGET_COHORT, SECTOR_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    assert_int_equal(o.size_deviation, 2);
    expect_objective(&o, 8, 2, 4, 0, 0, 0, 10);
    /*
     * S1 of 5 (u1 joins), S2 and S3 of 2: 2 + 1 + 1 = 4. Placed 9, priority
     * 9; sectors: S1 public {a1, a2, a3, u1} = 6, S2 none, S3 none: 6,
     * penalty 15.
     */
    o = score(TARGET_COHORT,
              "{'sets':[{'id':'S1','members':['a1','a2','a3','a4','u1']},"
              "{'id':'S2','members':['b1','b2']},"
              "{'id':'S3','members':['b3','b4']}],'unassigned':[]}",
              NULL, &v);
    assert_int_equal(v, 0);
    assert_int_equal(o.size_deviation, 4);
    expect_objective(&o, 9, 9, 6, 0, 0, 0, 15);
}

static void test_objective__sector_pairs_zero_when_ignored(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(SECTOR_COHORT("ignore"), SECTOR_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /* same membership; sector: ignore -> sector_pairs 0, penalty 0 */
    expect_objective(&o, 8, 2, 0, 0, 0, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Organisation pairs                                                  */

#define ORG_COHORT(MODE)                                                       \
    "{'programme':{'set_size':{'min':3,'max':6},"                              \
    "'rules':{'organisation':{'mode':'" MODE "','weight':3},"                  \
    "'sector':'ignore','seniority':'ignore'}},"                                \
    "'applicants':["                                                           \
    "{'id':'x1','organisation':'Leeds CC'},"                                   \
    "{'id':'x2','organisation':'leeds  cc'},"                                  \
    "{'id':'x3','council':'Bradford','role':'officer'},"                       \
    "{'id':'x4','council':'Bradford','role':'councillor'},"                    \
    "{'id':'x5','organisation':'Bradford'},"                                   \
    "{'id':'x6'},"                                                             \
    "{'id':'y1','organisation':'Leeds CC'},"                                   \
    "{'id':'y2','organisation':'Leeds CC'},"                                   \
    "{'id':'y3','organisation':'Leeds CC'},"                                   \
    "{'id':'y4','organisation':'Wakefield','together':'js'},"                  \
    "{'id':'y5','organisation':'Wakefield','together':'js'},"                  \
    "{'id':'y6'},"                                                             \
    "{'id':'k1','council':'Kirklees','role':'officer'},"                       \
    "{'id':'k2','council':'Kirklees','role':'councillor'},"                    \
    "{'id':'k3'}]}"

#define ORG_ALLOCATION                                                         \
    "{'sets':[{'id':'S1','members':['x1','x2','x3','x4','x5','x6']},"          \
    "{'id':'S2','members':['y1','y2','y3','y4','y5','y6']},"                   \
    "{'id':'S3','members':['k1','k2','k3']}]}"

static void test_objective__organisation_pairs_count_units(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(ORG_COHORT("prefer_distinct"), ORG_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /*
     * S1: Leeds CC: units {x1}, {x2}            -> u = 2 -> 2*1/2 = 1
     *     Bradford: units {x3, x4} (a council pair, the council is their
     *               organisation) and {x5}      -> u = 2 -> 1
     *     x6 has no organisation                -> 0
     * S2: Leeds CC: units {y1}, {y2}, {y3}      -> u = 3 -> 3*2/2 = 3
     *     Wakefield: one unit {y4, y5}          -> u = 1 -> 0
     * S3: Kirklees: one unit {k1, k2}           -> 0 (a council pair of
     *               two people is one unit)
     * organisation_pairs = 1 + 1 + 3 = 5
     * penalty = 3 * 5 = 15; placed = 15; priority = 0
     */
    expect_objective(&o, 15, 0, 0, 5, 0, 0, 15);
}

static void
test_objective__council_pair_alone_is_no_organisation_pair(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(ORG_COHORT("prefer_distinct"),
              "{'sets':[{'id':'S1','members':['x3','x4','x6']},"
              "{'id':'S2','members':['x1','y4','y5','y6']},"
              "{'id':'S3','members':['k1','k2','k3','x5','y1']}],"
              "'unassigned':[{'id':'x2','reason':'r'},{'id':'y2','reason':'r'},"
              "{'id':'y3','reason':'r'}]}",
              NULL, &v);
    assert_int_equal(v, 0);
    /*
     * S1: Bradford one unit {x3, x4}                         -> 0
     * S2: Leeds {x1}, Wakefield one unit {y4, y5}            -> 0
     * S3: Kirklees one unit {k1, k2}, Bradford {x5}, Leeds {y1} -> 0
     * organisation_pairs = 0; placed = 12; penalty = 0
     */
    expect_objective(&o, 12, 0, 0, 0, 0, 0, 0);
}

static void
test_objective__organisation_pairs_zero_unless_prefer_distinct(void **state)
{
    (void)state;
    size_t v;
    /* ignore: the same membership as above scores no organisation pairs */
    als_objective o = score(ORG_COHORT("ignore"), ORG_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    expect_objective(&o, 15, 0, 0, 0, 0, 0, 0);

    /*
     * distinct: the rule is hard, so the membership breaks it (S1: x2 with
     * x1, x5 with x3; S2: y2 and y3 with y1 = 4 violations), but the
     * penalty has no organisation part: organisation_pairs = 0.
     */
    o = score(ORG_COHORT("distinct"), ORG_ALLOCATION, NULL, &v);
    assert_int_equal(v, 4);
    expect_objective(&o, 15, 0, 0, 0, 0, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Seniority                                                           */

#define SENIORITY_COHORT(MODE)                                                 \
    "{'programme':{'set_size':{'min':2,'max':5},"                              \
    "'seniority_levels':['officer','manager','head','director',"               \
    "'chief executive'],"                                                      \
    "'rules':{'organisation':'ignore','sector':'ignore',"                      \
    "'seniority':{'mode':'" MODE "','weight':0.5}}},"                          \
    "'applicants':["                                                           \
    "{'id':'s1','seniority':'officer'},"                                       \
    "{'id':'s2','seniority':0},"                                               \
    "{'id':'s3','seniority':'director'},"                                      \
    "{'id':'s4','seniority':2},"                                               \
    "{'id':'s5'},"                                                             \
    "{'id':'t1','seniority':'Chief  Executive'},"                              \
    "{'id':'t2'},"                                                             \
    "{'id':'t3'},"                                                             \
    "{'id':'v1','seniority':1},"                                               \
    "{'id':'v2','seniority':'Manager'},"                                       \
    "{'id':'v3','seniority':'head'},"                                          \
    "{'id':'v4','seniority':1},"                                               \
    "{'id':'w1','seniority':4},"                                               \
    "{'id':'w2','seniority':'chief executive'},"                               \
    "{'id':'z1'},"                                                             \
    "{'id':'z2'}]}"

#define SENIORITY_ALLOCATION                                                   \
    "{'sets':[{'id':'A','members':['s1','s2','s3','s4','s5']},"                \
    "{'id':'B','members':['t1','t2','t3']},"                                   \
    "{'id':'C','members':['v1','v2','v3','v4']},"                              \
    "{'id':'D','members':['w1','w2']},"                                        \
    "{'id':'E','members':['z1','z2']}]}"

static void test_objective__seniority_spread_similar(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(SENIORITY_COHORT("similar"), SENIORITY_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /*
     * levels: A {0, 0, 3, 2, -}: 3 - 0 = 3 (s5 has no level, not counted)
     *         B {4, -, -}: one levelled member -> 0
     *         C {1, 1, 2, 1}: 2 - 1 = 1
     *         D {4, 4}: 0
     *         E {-, -}: 0
     * seniority = 3 + 0 + 1 + 0 + 0 = 4; penalty = 0.5 * 4 = 2
     */
    expect_objective(&o, 16, 0, 0, 0, 4, 0, 2);
}

static void test_objective__seniority_pairs_mixed(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(SENIORITY_COHORT("mixed"), SENIORITY_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /*
     * same-level pairs: A level 0 {s1, s2} = 1; levels 3, 2 alone = 0
     *                   B 0
     *                   C level 1 {v1, v2, v4} = 3*2/2 = 3; level 2 = 0
     *                   D level 4 {w1, w2} = 1
     *                   E 0
     * seniority = 1 + 3 + 1 = 5; penalty = 0.5 * 5 = 2.5
     */
    expect_objective(&o, 16, 0, 0, 0, 5, 0, 2.5);
}

static void test_objective__seniority_zero_when_ignored(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score(SENIORITY_COHORT("ignore"), SENIORITY_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    expect_objective(&o, 16, 0, 0, 0, 0, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Pair weights                                                        */

static void test_objective__pair_weight_counts_pairs_sharing_a_set(void **state)
{
    (void)state;
    size_t v;
    als_objective o =
        score("{'programme':{'set_size':{'min':2,'max':3},"
              "'rules':{'organisation':'ignore','sector':'ignore',"
              "'seniority':'ignore'}},"
              "'applicants':[{'id':'p1'},{'id':'p2'},{'id':'p3'},{'id':'p4'},"
              "{'id':'p5'},{'id':'p6'},{'id':'p7'},{'id':'p8'},{'id':'p9'}],"
              "'pairs':[{'a':'p1','b':'p2','weight':3},"
              "{'a':'p3','b':'p1','weight':-1.5},"
              "{'a':'p2','b':'p3','weight':0.25},"
              "{'a':'p4','b':'p5','weight':2},"
              "{'a':'p5','b':'p6','weight':-4},"
              "{'a':'p8','b':'p9','weight':10}]}",
              "{'sets':[{'id':'A','members':['p1','p2','p3']},"
              "{'id':'B','members':['p5','p6','p7']},"
              "{'id':'C','members':['p4','p8']}],"
              "'unassigned':[{'id':'p9','reason':'kept back'}]}",
              NULL, &v);
    assert_int_equal(v, 0);
    /*
     * A: p1-p2 3 + p1-p3 (-1.5) + p2-p3 0.25 = 1.75
     * B: p5-p6 (-4)
     * C: none shared; p4-p5 is split (C, B): 0; p8-p9 (p9 unassigned): 0
     * pair_weight = 1.75 - 4 = -2.25; penalty = -2.25; placed = 8
     */
    expect_objective(&o, 8, 0, 0, 0, 0, -2.25, -2.25);
}

/* ------------------------------------------------------------------ */
/* Everything at once, with non-default weights                        */

#define ALL_COHORT(SENIORITY_MODE)                                             \
    "{'programme':{'set_size':{'min':3,'max':4},"                              \
    "'rules':{'organisation':{'mode':'prefer_distinct','weight':3},"           \
    "'sector':{'mode':'balance','weight':2.5},"                                \
    "'seniority':{'mode':'" SENIORITY_MODE "','weight':0.5}}},"                \
    "'applicants':["                                                           \
    "{'id':'a','sector':'public','organisation':'Acme','seniority':1,"         \
    "'priority':2},"                                                           \
    "{'id':'b','sector':'public','organisation':'ACME','seniority':3,"         \
    "'priority':-1},"                                                          \
    "{'id':'c','sector':'private','seniority':2},"                             \
    "{'id':'d','sector':'public','priority':5},"                               \
    "{'id':'e','sector':'private','organisation':'Beta','seniority':0,"        \
    "'priority':-4},"                                                          \
    "{'id':'f','sector':'private','organisation':'Beta','together':'t',"       \
    "'seniority':0},"                                                          \
    "{'id':'g','organisation':'beta','together':'T','seniority':2,"            \
    "'priority':1},"                                                           \
    "{'id':'h','sector':'voluntary','seniority':4,'priority':10},"             \
    "{'id':'w','sector':'public','priority':100,'withdrawn':true}],"           \
    "'pairs':[{'a':'a','b':'d','weight':1.5},{'a':'e','b':'f','weight':-2},"   \
    "{'a':'a','b':'e','weight':7},{'a':'h','b':'a','weight':5},"               \
    "{'a':'w','b':'a','weight':50}]}"

#define ALL_ALLOCATION                                                         \
    "{'sets':[{'id':'S1','members':['a','b','c','d']},"                        \
    "{'id':'S2','members':['e','f','g']}],"                                    \
    "'unassigned':[{'id':'h','reason':'kept back'}]}"

static void test_objective__all_components_weighted(void **state)
{
    (void)state;
    size_t v;
    als_objective o = score(ALL_COHORT("similar"), ALL_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /*
     * placed = 7 (h unassigned, w withdrawn and not listed)
     * priority = a 2 + b (-1) + c 0 + d 5 + e (-4) + f 0 + g 1 = 3
     * S1 {a, b, c, d}: sector public {a, b, d} = 3, private {c} = 0 -> 3
     *                  Acme units {a}, {b} -> 1
     *                  levels 1, 3, 2 (d none) -> spread 3 - 1 = 2
     *                  pairs a-d 1.5
     * S2 {e, f, g}:    sector private {e, f} = 1 (g none) -> 1
     *                  Beta units {e}, {f, g} -> 1
     *                  levels 0, 0, 2 -> spread 2
     *                  pairs e-f (-2)
     * a-e (7) is split; h-a (5): h unassigned; w-a (50): w withdrawn
     * sector_pairs = 4, organisation_pairs = 2, seniority = 4,
     * pair_weight = 1.5 - 2 = -0.5
     * penalty = 2.5*4 + 3*2 + 0.5*4 + (-0.5) = 10 + 6 + 2 - 0.5 = 17.5
     */
    expect_objective(&o, 7, 3, 4, 2, 4, -0.5, 17.5);
}

static void test_objective__all_components_weighted_mixed(void **state)
{
    (void)state;
    size_t v;
    als_objective o = score(ALL_COHORT("mixed"), ALL_ALLOCATION, NULL, &v);
    assert_int_equal(v, 0);
    /*
     * as above, but seniority = same-level pairs:
     * S1 levels 1, 3, 2 -> 0; S2 levels 0, 0, 2 -> {e, f} = 1
     * penalty = 2.5*4 + 3*2 + 0.5*1 - 0.5 = 10 + 6 + 0.5 - 0.5 = 16
     */
    expect_objective(&o, 7, 3, 4, 2, 1, -0.5, 16);
}

static void test_objective__empty_allocation_scores_zero(void **state)
{
    (void)state;
    size_t v;
    als_objective o = score(ALL_COHORT("similar"),
                            "{'sets':[],'unassigned':[{'id':'a','reason':'r'},"
                            "{'id':'b','reason':'r'},{'id':'c','reason':'r'},"
                            "{'id':'d','reason':'r'},{'id':'e','reason':'r'},"
                            "{'id':'f','reason':'r'},{'id':'g','reason':'r'},"
                            "{'id':'h','reason':'r'}]}",
                            NULL, &v);
    assert_int_equal(v, 0);
    expect_objective(&o, 0, 0, 0, 0, 0, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Re-run tiers                                                        */

#define RERUN_COHORT                                                           \
    "{'programme':{'set_size':{'min':2,'max':3}},"                             \
    "'applicants':[{'id':'p1'},{'id':'p2'},{'id':'p3'},{'id':'p4'},"           \
    "{'id':'p5'},{'id':'p6','withdrawn':true},{'id':'p7'},{'id':'p9'},"        \
    "{'id':'p10'},{'id':'p11'}]}"

#define RERUN_PREVIOUS                                                         \
    "{'sets':[{'id':'A','members':['p1','p2','p3']},"                          \
    "{'id':'B','members':['p4','p5','p6']},"                                   \
    "{'id':'C','members':['p8','p10']}],"                                      \
    "'unassigned':[{'id':'p7','reason':'full'}]}"

#define RERUN_CURRENT                                                          \
    "{'sets':[{'id':'A','members':['p1','p2','p7']},"                          \
    "{'id':'B','members':['p4','p3','p9']},"                                   \
    "{'id':'D','members':['p10','p11']}],"                                     \
    "'unassigned':[{'id':'p5','reason':'no place on the day'}]"
#define RERUN_CHANGES                                                          \
    ",'changes':[{'id':'p3','from':'A','to':'B'},"                             \
    "{'id':'p5','from':'B','to':null},{'id':'p6','from':'B','to':null},"       \
    "{'id':'p7','from':null,'to':'A'},{'id':'p9','from':null,'to':'B'},"       \
    "{'id':'p10','from':'C','to':'D'},{'id':'p11','from':null,'to':'D'},"      \
    "{'id':'p8','from':'C','to':null}]"

static void test_objective__continuing_and_moves(void **state)
{
    (void)state;
    size_t v;
    als_objective o = score(RERUN_COHORT, RERUN_CURRENT RERUN_CHANGES "}",
                            RERUN_PREVIOUS, &v);
    /*
     * Previously placed, still in the cohort, not withdrawn, placed now:
     *   p1 A->A, p2 A->A, p3 A->B (moved), p4 B->B, p10 C->D (moved; C is
     *   gone)
     * Not continuing-placed: p5 (B -> unassigned), p6 (withdrawn),
     *   p8 (left the cohort), p7 (unassigned before: new), p9, p11 (new)
     * continuing = 5, moves = 2; placed = 8
     */
    assert_int_equal(v, 0);
    assert_int_equal(o.continuing, 5);
    assert_int_equal(o.moves, 2);
    assert_int_equal(o.placed, 8);
    assert_int_equal(o.priority, 0);

    /* without a previous allocation the re-run tiers are 0 */
    o = score(RERUN_COHORT, RERUN_CURRENT "}", NULL, &v);
    assert_int_equal(v, 0);
    expect_objective(&o, 8, 0, 0, 0, 0, 0, 0);
}

static void test_objective__moves_follow_set_ids_not_positions(void **state)
{
    (void)state;
    size_t v;
    const char *cohort = "{'programme':{'set_size':2},"
                         "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'},"
                         "{'id':'d'}]}";
    /* the same sets listed in the other order: nobody moved */
    als_objective o = score(cohort,
                            "{'sets':[{'id':'S2','members':['c','d']},"
                            "{'id':'S1','members':['a','b']}]}",
                            "{'sets':[{'id':'S1','members':['a','b']},"
                            "{'id':'S2','members':['c','d']}]}",
                            &v);
    assert_int_equal(v, 0);
    assert_int_equal(o.continuing, 4);
    assert_int_equal(o.moves, 0);

    /* the memberships swapped between the ids: everyone moved */
    o = score(cohort,
              "{'sets':[{'id':'S1','members':['c','d']},"
              "{'id':'S2','members':['a','b']}],"
              "'changes':[{'id':'a','from':'S1','to':'S2'},"
              "{'id':'b','from':'S1','to':'S2'},"
              "{'id':'c','from':'S2','to':'S1'},"
              "{'id':'d','from':'S2','to':'S1'}]}",
              "{'sets':[{'id':'S1','members':['a','b']},"
              "{'id':'S2','members':['c','d']}]}",
              &v);
    assert_int_equal(v, 0);
    assert_int_equal(o.continuing, 4);
    assert_int_equal(o.moves, 4);
}

/* ------------------------------------------------------------------ */
/* Incremental per-set figures                                         */

/* Figures of one set built member by member. */
static als_objective stat_figures(const als__setstat *s, const als_problem *p)
{
    als_objective o;
    memset(&o, 0, sizeof o);
    als__setstat_figures(s, p, &o);
    return o;
}

/*
 * Compare set `self`'s running figures with a from-scratch computation of
 * the applicants j with where[j] == self.
 */
static void expect_stat_matches(const als__setstat *s, const als_problem *p,
                                const size_t *where, size_t self,
                                size_t *scratch)
{
    for (size_t j = 0; j < p->n; j++)
        scratch[j] = where[j] == self ? 0 : ALS__NOIDX;
    als_objective want;
    assert_int_equal(als__objective_compute(p, scratch, 1, NULL, NULL, &want),
                     ALS_OK);
    als_objective got = stat_figures(s, p);
    assert_int_equal(s->size, want.placed);
    if (got.sector_pairs != want.sector_pairs ||
        got.organisation_pairs != want.organisation_pairs ||
        got.seniority != want.seniority)
        fail_msg("set %zu: running figures sector %g org %g seniority %g, "
                 "from scratch %g %g %g",
                 self, got.sector_pairs, got.organisation_pairs, got.seniority,
                 want.sector_pairs, want.organisation_pairs, want.seniority);
    if (!als__figure_equal(got.pair_weight, want.pair_weight))
        fail_msg("set %zu: running pair_weight %.17g, from scratch %.17g", self,
                 got.pair_weight, want.pair_weight);
    double pen = als__setstat_penalty(s, p);
    if (!als__figure_equal(pen, want.penalty))
        fail_msg("set %zu: running penalty %.17g, from scratch %.17g", self,
                 pen, want.penalty);
}

static void test_objective__setstat_add_remove_hand_cohort(void **state)
{
    (void)state;
    als_problem *p = test_problem(ALL_COHORT("similar"));
    size_t n = p->n;
    size_t *where = malloc(n * sizeof *where);
    size_t *scratch = malloc(n * sizeof *scratch);
    assert_non_null(where);
    assert_non_null(scratch);
    for (size_t j = 0; j < n; j++)
        where[j] = ALS__NOIDX;
    als__setstat s;
    als__setstat_init(&s);

    /* add the seven active applicants a..g to set 0, in cohort order */
    const char *add_order[] = {"a", "b", "c", "d", "e", "f", "g"};
    for (size_t k = 0; k < 7; k++) {
        size_t i = als_problem_find(p, add_order[k]);
        assert_true(i != ALS__NOIDX);
        assert_true(als__setstat_add(&s, p, i, where, 0));
        where[i] = 0;
        expect_stat_matches(&s, p, where, 0, scratch);
    }
    /*
     * All seven in one set: sector public {a,b,d} 3 + private {c,e,f} 3
     * = 6; Acme units {a},{b} 1 + Beta units {e},{f,g} 1 = 2; levels 0..3
     * spread 3; pairs a-d 1.5, e-f -2, a-e 7 = 6.5.
     * penalty = 2.5*6 + 3*2 + 0.5*3 + 6.5 = 15 + 6 + 1.5 + 6.5 = 29
     */
    als_objective all = stat_figures(&s, p);
    assert_figure(all.sector_pairs, 6);
    assert_figure(all.organisation_pairs, 2);
    assert_figure(all.seniority, 3);
    assert_figure(all.pair_weight, 6.5);
    assert_figure(als__setstat_penalty(&s, p), 29);

    /* remove them in another order */
    const char *remove_order[] = {"d", "a", "g", "c", "f", "b", "e"};
    for (size_t k = 0; k < 7; k++) {
        size_t i = als_problem_find(p, remove_order[k]);
        where[i] = ALS__NOIDX;
        als__setstat_remove(&s, p, i, where, 0);
        expect_stat_matches(&s, p, where, 0, scratch);
    }
    assert_int_equal(s.size, 0);
    assert_figure(als__setstat_penalty(&s, p), 0);
    assert_int_equal(als__setstat_spread(&s), 0);

    als__setstat_free(&s);
    free(where);
    free(scratch);
    als_problem_free(p);
}

/* xorshift64*: a small deterministic generator local to the tests. */
static uint64_t rng_next(uint64_t *x)
{
    *x ^= *x >> 12;
    *x ^= *x << 25;
    *x ^= *x >> 27;
    return *x * 2685821657736338717ULL;
}

static size_t rng_below(uint64_t *x, size_t n)
{
    return (size_t)(rng_next(x) % n);
}

#define R_APPLICANTS 200
#define R_SETS 20
#define R_PAIRS 400
#define R_MOVES 4000

/* A random cohort: sectors, levels, organisations, units, councils, pairs. */
static als_problem *random_problem(uint64_t *rng, als_org_mode org_mode,
                                   als_sector_mode sector_mode,
                                   als_seniority_mode sen_mode)
{
    als_builder *b = NULL;
    als_error e;
    assert_int_equal(als_builder_new(&b, &e), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 1, 1000, &e), ALS_OK);
    assert_int_equal(als_builder_rule_organisation(b, org_mode, 3, &e), ALS_OK);
    assert_int_equal(als_builder_rule_sector(b, sector_mode, 2.5, &e), ALS_OK);
    assert_int_equal(als_builder_rule_seniority(b, sen_mode, 0.5, ALS_NONE, &e),
                     ALS_OK);
    for (size_t i = 0; i < R_APPLICANTS; i++) {
        char id[32], sector[32], org[32], together[32], council[32];
        als_applicant a = ALS_APPLICANT_INIT;
        snprintf(id, sizeof id, "r%03zu", i);
        a.id = id;
        size_t k = rng_below(rng, 6);
        if (k < 5) {
            snprintf(sector, sizeof sector, "sector %zu", k);
            a.sector = sector;
        }
        k = rng_below(rng, 16);
        if (k < 12) {
            snprintf(org, sizeof org, "org %zu", k);
            a.organisation = org;
        }
        k = rng_below(rng, 8);
        a.seniority = k < 7 ? (int)k : ALS_NONE;
        if (rng_below(rng, 4) == 0) {
            snprintf(together, sizeof together, "unit %zu", rng_below(rng, 40));
            a.together = together;
        }
        if (rng_below(rng, 20) == 0) {
            snprintf(council, sizeof council, "council %zu", rng_below(rng, 3));
            a.council = council;
            a.role = rng_below(rng, 2) ? "officer" : "councillor";
        }
        a.priority = (long long)rng_below(rng, 11) - 5;
        assert_int_equal(als_builder_add_applicant(b, &a, &e), ALS_OK);
    }
    unsigned char *used = calloc(R_APPLICANTS * R_APPLICANTS, 1);
    assert_non_null(used);
    for (size_t k = 0; k < R_PAIRS;) {
        size_t x = rng_below(rng, R_APPLICANTS);
        size_t y = rng_below(rng, R_APPLICANTS);
        size_t lo = x < y ? x : y, hi = x < y ? y : x;
        if (x == y || used[lo * R_APPLICANTS + hi])
            continue;
        used[lo * R_APPLICANTS + hi] = 1;
        char ida[32], idb[32];
        snprintf(ida, sizeof ida, "r%03zu", x);
        snprintf(idb, sizeof idb, "r%03zu", y);
        /* -5 .. 5 in steps of 0.25, sometimes 0 */
        double w = ((double)rng_below(rng, 41) - 20.0) * 0.25;
        assert_int_equal(als_builder_add_pair(b, ida, idb, w, &e), ALS_OK);
        k++;
    }
    free(used);
    als_problem *p = NULL;
    als_status rc = als_builder_finish(b, &p, NULL, &e);
    if (rc != ALS_OK)
        fail_msg("random cohort rejected: %s: %s", e.path, e.message);
    als_builder_free(b);
    return p;
}

/* Sum of the running figures of all sets equals a full computation. */
static als_objective expect_totals_match(const als__setstat *st,
                                         const als_problem *p,
                                         const size_t *where)
{
    als_objective sum, want;
    memset(&sum, 0, sizeof sum);
    long long placed = 0;
    for (size_t s = 0; s < R_SETS; s++) {
        als__setstat_figures(&st[s], p, &sum);
        placed += st[s].size;
    }
    assert_int_equal(
        als__objective_compute(p, where, R_SETS, NULL, NULL, &want), ALS_OK);
    assert_int_equal(placed, want.placed);
    assert_figure(sum.sector_pairs, want.sector_pairs);
    assert_figure(sum.organisation_pairs, want.organisation_pairs);
    assert_figure(sum.seniority, want.seniority);
    assert_true(als__figure_equal(sum.pair_weight, want.pair_weight));
    assert_true(
        als__figure_equal(als__objective_penalty(p, &sum), want.penalty));
    return want;
}

static void random_moves(als_org_mode org_mode, als_sector_mode sector_mode,
                         als_seniority_mode sen_mode, uint64_t seed)
{
    uint64_t rng = seed;
    als_problem *p = random_problem(&rng, org_mode, sector_mode, sen_mode);
    assert_int_equal(p->n, R_APPLICANTS);
    size_t *where = malloc(p->n * sizeof *where);
    size_t *scratch = malloc(p->n * sizeof *scratch);
    als__setstat *st = calloc(R_SETS, sizeof *st);
    assert_non_null(where);
    assert_non_null(scratch);
    assert_non_null(st);
    for (size_t j = 0; j < p->n; j++)
        where[j] = ALS__NOIDX;
    for (size_t s = 0; s < R_SETS; s++)
        als__setstat_init(&st[s]);

    for (size_t step = 0; step < R_MOVES; step++) {
        size_t i = rng_below(&rng, p->n);
        size_t from = where[i], to;
        /* where[i] is never read: update it before or after, in turn */
        bool early = step % 2 == 0;
        if (from == ALS__NOIDX) {
            to = rng_below(&rng, R_SETS);
        } else if (rng_below(&rng, 3) == 0) {
            to = ALS__NOIDX;
        } else {
            to = (from + 1 + rng_below(&rng, R_SETS - 1)) % R_SETS;
        }
        if (from != ALS__NOIDX) {
            if (early)
                where[i] = ALS__NOIDX;
            als__setstat_remove(&st[from], p, i, where, from);
            where[i] = ALS__NOIDX;
            expect_stat_matches(&st[from], p, where, from, scratch);
        }
        if (to != ALS__NOIDX) {
            if (early)
                where[i] = to;
            assert_true(als__setstat_add(&st[to], p, i, where, to));
            where[i] = to;
            expect_stat_matches(&st[to], p, where, to, scratch);
        }
        if (step % 250 == 0)
            expect_totals_match(st, p, where);
    }
    /* the moves left a membership on which every enabled part counts */
    als_objective total = expect_totals_match(st, p, where);
    assert_true(total.placed > R_APPLICANTS / 2);
    assert_true(total.pair_weight != 0);
    assert_true((total.sector_pairs > 0) ==
                (sector_mode == ALS_SECTOR_BALANCE));
    assert_true((total.organisation_pairs > 0) ==
                (org_mode == ALS_ORG_PREFER_DISTINCT));
    assert_true((total.seniority > 0) == (sen_mode != ALS_SENIORITY_IGNORE));

    /* empty every set, visiting the applicants in a shuffled order */
    size_t *order = malloc(p->n * sizeof *order);
    assert_non_null(order);
    for (size_t j = 0; j < p->n; j++)
        order[j] = j;
    for (size_t j = p->n - 1; j > 0; j--) {
        size_t r = rng_below(&rng, j + 1), t = order[j];
        order[j] = order[r];
        order[r] = t;
    }
    for (size_t k = 0; k < p->n; k++) {
        size_t i = order[k], s = where[i];
        if (s == ALS__NOIDX)
            continue;
        where[i] = ALS__NOIDX;
        als__setstat_remove(&st[s], p, i, where, s);
        expect_stat_matches(&st[s], p, where, s, scratch);
    }
    for (size_t s = 0; s < R_SETS; s++) {
        assert_int_equal(st[s].size, 0);
        assert_int_equal(st[s].sector_pairs, 0);
        assert_int_equal(st[s].level_pairs, 0);
        assert_int_equal(st[s].org_pairs, 0);
        assert_true(fabs(st[s].pair_weight) < 1e-9);
        als__setstat_free(&st[s]);
    }
    free(order);
    free(st);
    free(where);
    free(scratch);
    als_problem_free(p);
}

static void test_objective__setstat_random_moves_similar(void **state)
{
    (void)state;
    random_moves(ALS_ORG_PREFER_DISTINCT, ALS_SECTOR_BALANCE,
                 ALS_SENIORITY_SIMILAR, 0x9e3779b97f4a7c15ULL);
}

static void test_objective__setstat_random_moves_mixed(void **state)
{
    (void)state;
    random_moves(ALS_ORG_PREFER_DISTINCT, ALS_SECTOR_BALANCE,
                 ALS_SENIORITY_MIXED, 0x2545f4914f6cdd1dULL);
}

static void test_objective__setstat_random_moves_rules_ignored(void **state)
{
    (void)state;
    random_moves(ALS_ORG_IGNORE, ALS_SECTOR_IGNORE, ALS_SENIORITY_IGNORE,
                 12345);
}

/*
 * The placement state prices a move or a swap without making it
 * (als__state_peek_*): on a random cohort, every price must equal the
 * change the move then makes, with and without the state's pair sums, and
 * the running penalty must stay equal to a full computation. So must the
 * guide's change (state.h), here with a guide of weight 0.5 under
 * seniority `similar`, and the running guide the guide of every set.
 */
static void peek_prices(als_org_mode org_mode, als_sector_mode sector_mode,
                        als_seniority_mode sen_mode, bool sums, uint64_t seed)
{
    uint64_t rng = seed;
    als_problem *p = random_problem(&rng, org_mode, sector_mode, sen_mode);
    als__state h;
    assert_true(als__state_init(&h, p, R_SETS));
    /* the random cohort has a pair per applicant: ask for sums anyway */
    assert_true(als__state_track_pairs(&h, sums ? (size_t)1 << 22 : 0));
    assert_true((h.pairsum != NULL) == sums);
    /* with every rule ignored, the quick pricing from pair sums is used */
    assert_true(h.pairs_only == (sums && org_mode == ALS_ORG_IGNORE &&
                                 sector_mode == ALS_SECTOR_IGNORE &&
                                 sen_mode == ALS_SENIORITY_IGNORE));
    if (sen_mode == ALS_SENIORITY_SIMILAR)
        h.guide_w = 0.5;
    for (size_t u = 0; u < p->nunits; u++)
        if (rng_below(&rng, 10) < 8)
            assert_true(als__state_add(&h, rng_below(&rng, R_SETS), u, -1));
    size_t priced_moves = 0, priced_swaps = 0;
    double g;
    for (size_t step = 0; step < R_MOVES; step++) {
        size_t u = rng_below(&rng, p->nunits);
        size_t s = h.uslot[u];
        if (s == ALS__NOIDX)
            continue;
        if (rng_below(&rng, 2)) {
            size_t t = (s + 1 + rng_below(&rng, R_SETS - 1)) % R_SETS;
            double before = h.penalty, gbefore = h.guide;
            double d = als__state_peek_move(&h, u, t, &g);
            assert_false(isnan(d));
            als__state_remove(&h, u);
            assert_true(als__state_add(&h, t, u, -1));
            assert_true(als__figure_equal(d, h.penalty - before));
            assert_true(als__figure_equal(g, h.guide - gbefore));
            priced_moves++;
        } else {
            size_t t = (s + 1 + rng_below(&rng, R_SETS - 1)) % R_SETS;
            if (h.slot[t].nunits == 0)
                continue;
            size_t v = h.slot[t].units[rng_below(&rng, h.slot[t].nunits)];
            double before = h.penalty, gbefore = h.guide;
            double d = als__state_peek_swap(&h, u, v, &g);
            if (isnan(d)) {
                /* only when a rule forbids it */
                als__state_remove(&h, u);
                als__state_remove(&h, v);
                assert_false(als__state_fits(&h, u, t) &&
                             als__state_fits(&h, v, s));
                assert_true(als__state_add(&h, s, u, -1));
                assert_true(als__state_add(&h, t, v, -1));
                continue;
            }
            als__state_remove(&h, u);
            als__state_remove(&h, v);
            assert_true(als__state_add(&h, s, v, -1));
            assert_true(als__state_add(&h, t, u, -1));
            assert_true(als__figure_equal(d, h.penalty - before));
            assert_true(als__figure_equal(g, h.guide - gbefore));
            priced_swaps++;
        }
        if (step % 500 == 0) {
            als_objective want;
            assert_int_equal(
                als__objective_compute(p, h.where, R_SETS, NULL, NULL, &want),
                ALS_OK);
            assert_true(als__figure_equal(h.penalty, want.penalty));
            /* the guide: 0.5 x pairs of members of different levels */
            double guide = 0;
            for (size_t s2 = 0; s2 < R_SETS && h.guide_w > 0; s2++) {
                const als__slot *sl = &h.slot[s2];
                for (size_t a = 0; a < sl->nunits; a++)
                    for (size_t b = 0; b <= a; b++) {
                        const als__unit *ua = &p->units[sl->units[a]],
                                        *ub = &p->units[sl->units[b]];
                        for (size_t i = 0; i < ua->size; i++)
                            for (size_t j = 0; j < ub->size; j++) {
                                size_t x = p->unit_members[ua->first + i],
                                       y = p->unit_members[ub->first + j];
                                if ((a != b || j < i) &&
                                    (p->app[x].level != p->app[y].level ||
                                     p->app[x].level < 0))
                                    guide += 0.5;
                            }
                    }
            }
            assert_true(als__figure_equal(h.guide, guide));
        }
    }
    assert_true(priced_moves > R_MOVES / 4);
    assert_true(priced_swaps > R_MOVES / 8);
    als__state_free(&h);
    als_problem_free(p);
}

static void test_objective__state_prices_moves_every_rule(void **state)
{
    (void)state;
    peek_prices(ALS_ORG_PREFER_DISTINCT, ALS_SECTOR_BALANCE,
                ALS_SENIORITY_SIMILAR, false, 77);
    peek_prices(ALS_ORG_PREFER_DISTINCT, ALS_SECTOR_BALANCE,
                ALS_SENIORITY_SIMILAR, true, 77);
    peek_prices(ALS_ORG_DISTINCT, ALS_SECTOR_BALANCE, ALS_SENIORITY_MIXED, true,
                78);
}

static void test_objective__state_prices_moves_pairs_only(void **state)
{
    (void)state;
    peek_prices(ALS_ORG_IGNORE, ALS_SECTOR_IGNORE, ALS_SENIORITY_IGNORE, false,
                79);
    peek_prices(ALS_ORG_IGNORE, ALS_SECTOR_IGNORE, ALS_SENIORITY_IGNORE, true,
                79);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_objective__sector_pairs_balance),
        cmocka_unit_test(test_objective__size_deviation),
        cmocka_unit_test(test_objective__sector_pairs_zero_when_ignored),
        cmocka_unit_test(test_objective__organisation_pairs_count_units),
        cmocka_unit_test(
            test_objective__council_pair_alone_is_no_organisation_pair),
        cmocka_unit_test(
            test_objective__organisation_pairs_zero_unless_prefer_distinct),
        cmocka_unit_test(test_objective__seniority_spread_similar),
        cmocka_unit_test(test_objective__seniority_pairs_mixed),
        cmocka_unit_test(test_objective__seniority_zero_when_ignored),
        cmocka_unit_test(
            test_objective__pair_weight_counts_pairs_sharing_a_set),
        cmocka_unit_test(test_objective__all_components_weighted),
        cmocka_unit_test(test_objective__all_components_weighted_mixed),
        cmocka_unit_test(test_objective__empty_allocation_scores_zero),
        cmocka_unit_test(test_objective__continuing_and_moves),
        cmocka_unit_test(test_objective__moves_follow_set_ids_not_positions),
        cmocka_unit_test(test_objective__setstat_add_remove_hand_cohort),
        cmocka_unit_test(test_objective__setstat_random_moves_similar),
        cmocka_unit_test(test_objective__setstat_random_moves_mixed),
        cmocka_unit_test(test_objective__setstat_random_moves_rules_ignored),
        cmocka_unit_test(test_objective__state_prices_moves_every_rule),
        cmocka_unit_test(test_objective__state_prices_moves_pairs_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
