/*
 * The exact solver with facilitators (docs/FORMAT.md 4.2): its placed,
 * priority and penalty against every allocation enumerated here (members,
 * days and facilitators, judged by the checker); facilitators who bind
 * (a facilitator of one day given that day's set, co-facilitation, a
 * fixed set's own facilitator, more applicants than facilitators can
 * serve); and the method auto on a cohort of 60 with five facilitators.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "als.h"
#include "support.h"

#ifndef ALS_SOURCE_DIR
#define ALS_SOURCE_DIR "."
#endif

/* Solve by `method`; the checker must find no violation. */
static als_allocation *solve(const als_problem *p, als_method method,
                             double time_limit)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = method;
    o.effort = 0.05;
    o.time_limit_s = time_limit;
    als_allocation *a = NULL;
    als_error err;
    if (als_solve(&a, p, &o, &err) != ALS_OK)
        fail_msg("solve failed: %s: %s", err.path, err.message);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 99;
    assert_int_equal(als_check(p, a, NULL, d, &bad, NULL, &err), ALS_OK);
    for (size_t k = 0; k < als_diag_count(d); k++)
        print_message("  %s: %s\n", als_diag_get(d, k)->path,
                      als_diag_get(d, k)->message);
    assert_int_equal(bad, 0);
    als_diag_free(d);
    return a;
}

/* The set holding applicant `id` (its index), or -1. */
static long set_of(const als_allocation *a, const char *id)
{
    for (size_t s = 0; s < als_allocation_set_count(a); s++)
        for (size_t m = 0; m < als_allocation_set_size(a, s); m++)
            if (!strcmp(als_allocation_member(a, s, m), id))
                return (long)s;
    return -1;
}

/* Does facilitator `f` lead set s? */
static bool leads(const als_allocation *a, size_t s, const char *f)
{
    for (size_t k = 0; k < als_allocation_set_facilitator_count(a, s); k++)
        if (!strcmp(als_allocation_set_facilitator(a, s, k), f))
            return true;
    return false;
}

/* ---- optimality by enumeration -------------------------------------- */

typedef struct rnd {
    uint64_t s;
} rnd;

static unsigned below(rnd *r, unsigned n)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (unsigned)(r->s % n);
}

#define MAXN 10
#define MAXF 4
#define MAXSETS 3
#define SMIN 3
#define SMAX 4

typedef struct fcase {
    char json[8192];
    int n, nf, K;
} fcase;

/*
 * A random cohort of n (8 to 10) in sets of 3 to 4 on tue or thu, with nf
 * facilitators (2 to 4) leading K each (1, or 2 with at least 3 of them):
 * organisations, sectors, levels, priorities, availability, facilitators'
 * days, max_sets, organisations (rule independent) and apart at random.
 */
static void make_case(fcase *c, rnd *r, int trial)
{
    c->n = 8 + (int)below(r, 3);
    c->K = trial % 4 == 3 ? 2 : 1;
    c->nf = c->K == 2 ? 3 + (int)below(r, 2) : 2 + (int)below(r, 3);
    size_t cap = sizeof c->json;
    int n = snprintf(c->json, cap,
                     "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
                     "\"set_size\": {\"min\": %d, \"max\": %d}, "
                     "\"facilitators_per_set\": %d, \"rules\": "
                     "{\"organisation\": \"%s\", \"sector\": \"balance\", "
                     "\"seniority\": \"similar\", \"facilitators\": "
                     "\"independent\"}}, \"applicants\": [",
                     SMIN, SMAX, c->K, trial % 2 ? "distinct" : "ignore");
    for (int i = 0; i < c->n; i++) {
        n += snprintf(c->json + n, cap - (size_t)n,
                      "%s{\"id\": \"p%d\", \"organisation\": \"o%u\", "
                      "\"sector\": \"s%u\", \"seniority\": %u, "
                      "\"priority\": %u",
                      i ? ", " : "", i, below(r, 6), below(r, 3), below(r, 3),
                      below(r, 3) == 0 ? 1u : 0u);
        if (below(r, 4) == 0)
            n += snprintf(c->json + n, cap - (size_t)n,
                          ", \"availability\": [\"%s\"]",
                          below(r, 2) ? "tue" : "thu");
        n += snprintf(c->json + n, cap - (size_t)n, "}");
    }
    n += snprintf(c->json + n, cap - (size_t)n, "], \"facilitators\": [");
    for (int f = 0; f < c->nf; f++) {
        n += snprintf(c->json + n, cap - (size_t)n,
                      "%s{\"id\": \"f%d\", \"max_sets\": %u", f ? ", " : "", f,
                      1 + below(r, 2));
        unsigned days = below(r, 3);
        if (days)
            n += snprintf(c->json + n, cap - (size_t)n,
                          ", \"availability\": [\"%s\"]",
                          days == 1 ? "tue" : "thu");
        if (below(r, 2))
            n += snprintf(c->json + n, cap - (size_t)n,
                          ", \"organisation\": \"o%u\"", below(r, 6));
        if (below(r, 3) == 0)
            n += snprintf(c->json + n, cap - (size_t)n,
                          ", \"apart\": [\"p%u\"]", below(r, (unsigned)c->n));
        n += snprintf(c->json + n, cap - (size_t)n, "}");
    }
    snprintf(c->json + n, cap - (size_t)n, "]}");
}

typedef struct best {
    long long placed, priority;
    double penalty;
    bool any;
} best;

static bool better(const als_objective *o, const best *b)
{
    if (!b->any)
        return true;
    if (o->placed != b->placed)
        return o->placed > b->placed;
    if (o->priority != b->priority)
        return o->priority > b->priority;
    return o->penalty < b->penalty - 1e-9;
}

static void keep(best *b, const als_objective *o)
{
    if (better(o, b)) {
        b->placed = o->placed;
        b->priority = o->priority;
        b->penalty = o->penalty;
        b->any = true;
    }
}

typedef struct enumr {
    const als_problem *p;
    const fcase *c;
    int where[MAXN];    /* 0: left out, else set 1..m */
    best with, without; /* with facilitators, and ignoring them */
    long docs;
} enumr;

/* The allocation document of e->where, sets on days `day[]`, led by
   fac[s][0..K-1] (NULL: no facilitators written). */
static void write_doc(const enumr *e, int m, const int *day,
                      const int (*fac)[2], char *doc, size_t cap)
{
    static const char *const dname[] = {"tue", "thu"};
    int n = snprintf(doc, cap, "{\"sets\": [");
    for (int s = 0; s < m; s++) {
        n += snprintf(doc + n, cap - (size_t)n,
                      "%s{\"id\": \"S%d\", \"day\": \"%s\"", s ? ", " : "",
                      s + 1, dname[day[s]]);
        if (fac) {
            n += snprintf(doc + n, cap - (size_t)n, ", \"facilitators\": [");
            for (int k = 0; k < e->c->K; k++)
                n += snprintf(doc + n, cap - (size_t)n, "%s\"f%d\"",
                              k ? ", " : "", fac[s][k]);
            n += snprintf(doc + n, cap - (size_t)n, "]");
        }
        n += snprintf(doc + n, cap - (size_t)n, ", \"members\": [");
        int k = 0;
        for (int i = 0; i < e->c->n; i++)
            if (e->where[i] == s + 1)
                n += snprintf(doc + n, cap - (size_t)n, "%s\"p%d\"",
                              k++ ? ", " : "", i);
        n += snprintf(doc + n, cap - (size_t)n, "]}");
    }
    n += snprintf(doc + n, cap - (size_t)n, "], \"unassigned\": [");
    int k = 0;
    for (int i = 0; i < e->c->n; i++)
        if (!e->where[i])
            n += snprintf(doc + n, cap - (size_t)n,
                          "%s{\"id\": \"p%d\", \"reason\": \"x\"}",
                          k++ ? ", " : "", i);
    snprintf(doc + n, cap - (size_t)n, "]}");
}

/* The checker's violations of a document, those about facilitators
   counted apart (*facv); its recomputed figures in *o. */
static size_t check_doc(enumr *e, const char *doc, size_t *facv,
                        als_objective *o)
{
    als_allocation *a = NULL;
    als_error err;
    if (als_allocation_from_json(&a, doc, strlen(doc), NULL, &err) != ALS_OK)
        fail_msg("enumerated document rejected: %s\n%s", err.message, doc);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 0;
    assert_int_equal(als_check(e->p, a, NULL, d, &bad, o, &err), ALS_OK);
    assert_true(bad == als_diag_count(d));
    *facv = 0;
    for (size_t k = 0; k < als_diag_count(d); k++)
        *facv += strstr(als_diag_get(d, k)->path, "facilitators") != NULL;
    als_diag_free(d);
    als_allocation_free(a);
    e->docs++;
    return bad;
}

/* A membership: every day of its sets, and for the days where it is
   valid but for facilitators, every choice of them, until one is valid. */
static void try_membership(enumr *e, int m)
{
    char doc[4096];
    int K = e->c->K, nf = e->c->nf;
    /* the facilitator choices of one set: single ones, or pairs */
    int choice[MAXF * MAXF][2], nchoice = 0;
    for (int f = 0; f < nf; f++)
        for (int g = K == 2 ? f + 1 : f; g < (K == 2 ? nf : f + 1); g++) {
            choice[nchoice][0] = f;
            choice[nchoice++][1] = g;
        }
    bool found = false, found_without = false;
    for (int dc = 0; dc < 1 << m && !found; dc++) {
        int day[MAXSETS];
        for (int s = 0; s < m; s++)
            day[s] = dc >> s & 1;
        size_t facv;
        als_objective o;
        write_doc(e, m, day, NULL, doc, sizeof doc);
        size_t bad = check_doc(e, doc, &facv, &o);
        if (bad > facv)
            continue; /* invalid whoever leads */
        if (!found_without) {
            keep(&e->without, &o);
            found_without = true;
        }
        int total = 1;
        for (int s = 0; s < m; s++)
            total *= nchoice;
        for (int fc = 0; fc < total && !found; fc++) {
            int fac[MAXSETS][2];
            int y = fc;
            for (int s = 0; s < m; s++) {
                fac[s][0] = choice[y % nchoice][0];
                fac[s][1] = choice[y % nchoice][1];
                y /= nchoice;
            }
            write_doc(e, m, day, fac, doc, sizeof doc);
            if (check_doc(e, doc, &facv, &o) == 0) {
                keep(&e->with, &o);
                found = true;
            }
        }
    }
}

/* Every membership, sets numbered in order of their first member (they
   are interchangeable), each of SMIN..SMAX members. */
static void enumerate(enumr *e, int i, int m, int *count)
{
    if (i == e->c->n) {
        for (int s = 0; s < m; s++)
            if (count[s] < SMIN)
                return;
        try_membership(e, m);
        return;
    }
    /* members left cannot fill the sets already open */
    int need = 0;
    for (int s = 0; s < m; s++)
        need += count[s] < SMIN ? SMIN - count[s] : 0;
    if (need > e->c->n - i)
        return;
    for (int s = 0; s <= m && s < MAXSETS; s++) {
        if (s < m && count[s] >= SMAX)
            continue;
        e->where[i] = s + 1;
        count[s]++;
        enumerate(e, i + 1, s == m ? m + 1 : m, count);
        count[s]--;
    }
    e->where[i] = 0;
    enumerate(e, i + 1, m, count);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_facilitators_exact__random_against_enumeration(void **state)
{
    (void)state;
    rnd r = {0xA5A5F00DCAFEULL};
    int binding = 0, trials = 16;
    double slowest = 0, enum_s = 0;
    long docs = 0;
    for (int trial = 0; trial < trials; trial++) {
        fcase c;
        make_case(&c, &r, trial);
        als_problem *p = test_problem_json(c.json);
        enumr e;
        memset(&e, 0, sizeof e);
        e.p = p;
        e.c = &c;
        int count[MAXSETS] = {0};
        double te = now();
        enumerate(&e, 0, 0, count);
        enum_s += now() - te;
        docs += e.docs;
        assert_true(e.with.any); /* nobody placed is always valid */
        double t0 = now();
        als_allocation *a = solve(p, ALS_METHOD_EXACT, 60);
        double t = now() - t0;
        if (t > slowest)
            slowest = t;
        als_objective o = als_allocation_objective(a, NULL);
        if (als_allocation_status(a) != ALS_SOLVE_OPTIMAL ||
            o.placed != e.with.placed || o.priority != e.with.priority ||
            fabs(o.penalty - e.with.penalty) > 1e-9)
            fail_msg("trial %d: exact %s %lld/%lld/%g, enumerated best "
                     "%lld/%lld/%g\n%s",
                     trial,
                     als_allocation_status(a) == ALS_SOLVE_OPTIMAL
                         ? "optimal"
                         : "not proven",
                     o.placed, o.priority, o.penalty, e.with.placed,
                     e.with.priority, e.with.penalty, c.json);
        /* every set led by K facilitators */
        for (size_t s = 0; s < als_allocation_set_count(a); s++)
            assert_int_equal(als_allocation_set_facilitator_count(a, s),
                             (size_t)c.K);
        binding += e.with.placed < e.without.placed ||
                   (e.with.placed == e.without.placed &&
                    (e.with.priority < e.without.priority ||
                     e.with.penalty > e.without.penalty + 1e-9));
        als_allocation_free(a);
        als_problem_free(p);
    }
    /* the facilitators are what decides in several of these cohorts */
    print_message("facilitators bind in %d of %d cohorts; slowest proof "
                  "%.2f s; %ld allocations enumerated in %.1f s\n",
                  binding, trials, slowest, docs, enum_s);
    assert_true(binding >= 3);
}

/* ---- planted cases -------------------------------------------------- */

/* Four who can make only tue, four only thu; f_tue can make tue only, f_any
   either day: the tue set must be f_tue's. */
static void
test_facilitators_exact__one_day_facilitator_takes_that_day(void **state)
{
    (void)state;
    als_problem *p = test_problem_json(
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], \"set_size\": 4},"
        " \"applicants\": ["
        "{\"id\": \"t0\", \"availability\": [\"tue\"]},"
        "{\"id\": \"t1\", \"availability\": [\"tue\"]},"
        "{\"id\": \"t2\", \"availability\": [\"tue\"]},"
        "{\"id\": \"t3\", \"availability\": [\"tue\"]},"
        "{\"id\": \"h0\", \"availability\": [\"thu\"]},"
        "{\"id\": \"h1\", \"availability\": [\"thu\"]},"
        "{\"id\": \"h2\", \"availability\": [\"thu\"]},"
        "{\"id\": \"h3\", \"availability\": [\"thu\"]}],"
        " \"facilitators\": ["
        "{\"id\": \"f_any\"},"
        "{\"id\": \"f_tue\", \"availability\": [\"tue\"]}]}");
    als_allocation *a = solve(p, ALS_METHOD_EXACT, 30);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    assert_int_equal(als_allocation_objective(a, NULL).placed, 8);
    long tue = set_of(a, "t0"), thu = set_of(a, "h0");
    assert_true(tue >= 0 && thu >= 0 && tue != thu);
    assert_string_equal(als_allocation_set_day(a, (size_t)tue), "tue");
    assert_true(leads(a, (size_t)tue, "f_tue"));
    assert_true(leads(a, (size_t)thu, "f_any"));
    als_allocation_free(a);
    als_problem_free(p);
}

/*
 * Co-facilitation (two a set): g0 is from o0, which a tue member is from;
 * g3 is from o5, which a thu member is from; g1 makes tue only, g2 thu
 * only. The one assignment: tue {g1, g3}, thu {g0, g2}.
 */
static void test_facilitators_exact__two_per_set(void **state)
{
    (void)state;
    char json[4096];
    int n = snprintf(json, sizeof json,
                     "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
                     "\"set_size\": 4, \"facilitators_per_set\": 2}, "
                     "\"applicants\": [");
    for (int i = 0; i < 8; i++)
        n += snprintf(json + n, sizeof json - (size_t)n,
                      "%s{\"id\": \"a%d\", \"organisation\": \"o%d\", "
                      "\"availability\": [\"%s\"]}",
                      i ? ", " : "", i, i, i < 4 ? "tue" : "thu");
    snprintf(json + n, sizeof json - (size_t)n,
             "], \"facilitators\": ["
             "{\"id\": \"g0\", \"organisation\": \"o0\"},"
             "{\"id\": \"g1\", \"availability\": [\"tue\"]},"
             "{\"id\": \"g2\", \"availability\": [\"thu\"]},"
             "{\"id\": \"g3\", \"organisation\": \"o5\"}]}");
    als_problem *p = test_problem_json(json);
    als_allocation *a = solve(p, ALS_METHOD_EXACT, 30);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    assert_int_equal(als_allocation_objective(a, NULL).placed, 8);
    long tue = set_of(a, "a0"), thu = set_of(a, "a4");
    assert_true(tue >= 0 && thu >= 0 && tue != thu);
    assert_int_equal(als_allocation_set_facilitator_count(a, (size_t)tue), 2);
    assert_int_equal(als_allocation_set_facilitator_count(a, (size_t)thu), 2);
    assert_true(leads(a, (size_t)tue, "g1") && leads(a, (size_t)tue, "g3"));
    assert_true(leads(a, (size_t)thu, "g0") && leads(a, (size_t)thu, "g2"));
    als_allocation_free(a);
    als_problem_free(p);
}

/*
 * A fixed set naming its facilitator: A (tue) is f_named's, though
 * f_other (tue only) is free for it; B (thu) has f_named (a second set, on
 * another day) or f_thu. Then a named facilitator who may not lead the
 * set's members keeps it closed.
 */
static void
test_facilitators_exact__fixed_set_names_its_facilitator(void **state)
{
    (void)state;
    char json[4096];
    int n = snprintf(json, sizeof json,
                     "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
                     "\"set_size\": 4, \"sets\": ["
                     "{\"id\": \"A\", \"day\": \"tue\", \"facilitators\": "
                     "[\"f_named\"]}, {\"id\": \"B\", \"day\": \"thu\"}]}, "
                     "\"applicants\": [");
    for (int i = 0; i < 8; i++)
        n += snprintf(json + n, sizeof json - (size_t)n,
                      "%s{\"id\": \"a%d\", \"organisation\": \"o%d\"}",
                      i ? ", " : "", i, i);
    snprintf(json + n, sizeof json - (size_t)n,
             "], \"facilitators\": ["
             "{\"id\": \"f_other\", \"availability\": [\"tue\"]},"
             "{\"id\": \"f_named\", \"max_sets\": 2},"
             "{\"id\": \"f_thu\", \"availability\": [\"thu\"], "
             "\"organisation\": \"o9\"}]}");
    als_problem *p = test_problem_json(json);
    als_allocation *a = solve(p, ALS_METHOD_EXACT, 30);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    assert_int_equal(als_allocation_objective(a, NULL).placed, 8);
    assert_int_equal(als_allocation_set_count(a), 2);
    for (size_t s = 0; s < 2; s++) {
        assert_int_equal(als_allocation_set_facilitator_count(a, s), 1);
        if (!strcmp(als_allocation_set_id(a, s), "A"))
            assert_true(leads(a, s, "f_named"));
    }
    als_allocation_free(a);
    als_problem_free(p);

    /* the named facilitator cannot lead a member: A stays closed, and
       only B's four are placed */
    n = snprintf(json, sizeof json,
                 "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
                 "\"set_size\": 4, \"sets\": ["
                 "{\"id\": \"A\", \"day\": \"tue\", \"facilitators\": "
                 "[\"f_named\"]}, {\"id\": \"B\", \"day\": \"thu\"}]}, "
                 "\"applicants\": [");
    for (int i = 0; i < 8; i++)
        n += snprintf(json + n, sizeof json - (size_t)n,
                      "%s{\"id\": \"a%d\", \"organisation\": \"o%d\"}",
                      i ? ", " : "", i, i % 4);
    snprintf(json + n, sizeof json - (size_t)n,
             "], \"facilitators\": ["
             "{\"id\": \"f_named\", \"organisation\": \"o0\"},"
             "{\"id\": \"f_thu\", \"availability\": [\"thu\"]}]}");
    p = test_problem_json(json);
    a = solve(p, ALS_METHOD_EXACT, 30);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    /* A would hold an o0 member (four organisations, eight in two sets
       of four, organisations distinct): it cannot open with f_named */
    assert_int_equal(als_allocation_objective(a, NULL).placed, 4);
    assert_int_equal(als_allocation_set_count(a), 1);
    assert_string_equal(als_allocation_set_id(a, 0), "B");
    assert_true(leads(a, 0, "f_thu"));
    als_allocation_free(a);
    als_problem_free(p);
}

/*
 * Without days: fixed set A names fA, whom a greedy choice would give to B
 * (fA leads one set, fB two: fA is the less flexible); every method keeps
 * fA for A and places all eight.
 */
static void
test_facilitators_exact__named_facilitator_by_every_method(void **state)
{
    (void)state;
    char json[4096];
    int n = snprintf(json, sizeof json,
                     "{\"programme\": {\"set_size\": 4, \"sets\": ["
                     "{\"id\": \"B\"}, {\"id\": \"A\", \"facilitators\": "
                     "[\"fA\"]}]}, \"applicants\": [");
    for (int i = 0; i < 8; i++)
        n += snprintf(json + n, sizeof json - (size_t)n,
                      "%s{\"id\": \"a%d\", \"organisation\": \"o%d\"%s}",
                      i ? ", " : "", i, i, i == 0 ? ", \"set\": \"B\"" : "");
    snprintf(json + n, sizeof json - (size_t)n,
             "], \"facilitators\": [{\"id\": \"fB\", \"max_sets\": 2}, "
             "{\"id\": \"fA\"}]}");
    als_problem *p = test_problem_json(json);
    static const als_method methods[] = {ALS_METHOD_HEURISTIC, ALS_METHOD_AUTO,
                                         ALS_METHOD_EXACT};
    for (int m = 0; m < 3; m++) {
        als_allocation *a = solve(p, methods[m], 10);
        assert_int_equal(als_allocation_objective(a, NULL).placed, 8);
        for (size_t s = 0; s < als_allocation_set_count(a); s++) {
            assert_int_equal(als_allocation_set_facilitator_count(a, s), 1);
            const char *id = als_allocation_set_id(a, s);
            assert_true(leads(a, s, !strcmp(id, "A") ? "fA" : "fB"));
        }
        als_allocation_free(a);
    }
    als_problem_free(p);
}

/* One facilitator for at most two sets, twelve applicants in sets of four:
   eight placed, four wait, each with a reason. */
static void test_facilitators_exact__too_few_facilitators(void **state)
{
    (void)state;
    char json[4096];
    int n = snprintf(json, sizeof json,
                     "{\"programme\": {\"set_size\": 4, \"rules\": "
                     "{\"organisation\": \"ignore\"}}, \"applicants\": [");
    for (int i = 0; i < 12; i++)
        n += snprintf(json + n, sizeof json - (size_t)n,
                      "%s{\"id\": \"a%d\", \"priority\": %d}", i ? ", " : "", i,
                      i < 4 ? 0 : 1);
    snprintf(json + n, sizeof json - (size_t)n,
             "], \"facilitators\": [{\"id\": \"f0\", \"max_sets\": 2}]}");
    als_problem *p = test_problem_json(json);
    als_allocation *a = solve(p, ALS_METHOD_EXACT, 30);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.placed, 8);
    assert_int_equal(o.priority, 8); /* the eight with priority */
    assert_int_equal(als_allocation_set_count(a), 2);
    assert_int_equal(als_allocation_unassigned_count(a), 4);
    for (size_t k = 0; k < 4; k++) {
        const char *id = als_allocation_unassigned_id(a, k);
        assert_true(!strcmp(id, "a0") || !strcmp(id, "a1") ||
                    !strcmp(id, "a2") || !strcmp(id, "a3"));
        const char *why = als_allocation_unassigned_reason(a, k);
        assert_non_null(why);
        assert_true(strlen(why) > 0);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/* ---- re-runs: facilitator_changes right after moves ------------------- */

static als_allocation *read_allocation(const char *json)
{
    als_allocation *a = NULL;
    als_error err;
    if (als_allocation_from_json(&a, json, strlen(json), NULL, &err) != ALS_OK)
        fail_msg("allocation rejected: %s: %s\n%s", err.path, err.message,
                 json);
    return a;
}

/* An exact re-run; the checker, given the previous allocation, verifies
   it, its changes and its figures. */
static als_allocation *solve_rerun(const als_problem *p,
                                   const als_allocation *prev)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = ALS_METHOD_EXACT;
    o.effort = 0.05;
    o.time_limit_s = 30;
    o.previous = prev;
    als_allocation *a = NULL;
    als_error err;
    if (als_solve(&a, p, &o, &err) != ALS_OK)
        fail_msg("re-run failed: %s: %s", err.path, err.message);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 99;
    assert_int_equal(als_check(p, a, prev, d, &bad, NULL, &err), ALS_OK);
    for (size_t k = 0; k < als_diag_count(d); k++)
        print_message("  %s: %s\n", als_diag_get(d, k)->path,
                      als_diag_get(d, k)->message);
    assert_int_equal(bad, 0);
    als_diag_free(d);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    return a;
}

static long set_named(const als_allocation *a, const char *id)
{
    for (size_t s = 0; s < als_allocation_set_count(a); s++)
        if (!strcmp(als_allocation_set_id(a, s), id))
            return (long)s;
    return -1;
}

static void test_facilitators_exact__rerun_facilitator_changes(void **state)
{
    (void)state;
    /* f1 is now of a5's organisation: S2 runs on with all its members
       (no move) under another facilitator, and S1 keeps f0 */
    als_problem *p = test_problem_json(
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], \"set_size\": 4},"
        " \"applicants\": ["
        "{\"id\": \"a0\", \"organisation\": \"o0\"},"
        "{\"id\": \"a1\", \"organisation\": \"o1\"},"
        "{\"id\": \"a2\", \"organisation\": \"o2\"},"
        "{\"id\": \"a3\", \"organisation\": \"o3\"},"
        "{\"id\": \"a4\", \"organisation\": \"o4\"},"
        "{\"id\": \"a5\", \"organisation\": \"o5\"},"
        "{\"id\": \"a6\", \"organisation\": \"o6\"},"
        "{\"id\": \"a7\", \"organisation\": \"o7\"}],"
        " \"facilitators\": ["
        "{\"id\": \"f2\", \"availability\": [\"thu\"]},"
        "{\"id\": \"f1\", \"organisation\": \"o5\"},"
        "{\"id\": \"f0\", \"max_sets\": 2}]}");
    als_allocation *prev = read_allocation(
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"facilitators\": "
        "[\"f0\"], \"members\": [\"a0\", \"a1\", \"a2\", \"a3\"]}, "
        "{\"id\": \"S2\", \"day\": \"thu\", \"facilitators\": [\"f1\"], "
        "\"members\": [\"a4\", \"a5\", \"a6\", \"a7\"]}], "
        "\"unassigned\": []}");
    als_allocation *a = solve_rerun(p, prev);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.moves, 0);
    assert_int_equal(o.placed, 8);
    assert_int_equal(o.facilitator_changes, 1);
    long s1 = set_named(a, "S1"), s2 = set_named(a, "S2");
    assert_true(s1 >= 0 && s2 >= 0);
    assert_true(leads(a, (size_t)s1, "f0"));
    assert_false(leads(a, (size_t)s2, "f1"));
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);

    /* a newcomer, n, of the organisation of both running sets'
       facilitators: placing n would change a set's facilitator, a tier
       before placed, so n waits (f2, free either day, could have taken
       the set) */
    p = test_problem_json(
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], \"set_size\": "
        "{\"min\": 3, \"max\": 4}},"
        " \"applicants\": ["
        "{\"id\": \"a0\", \"organisation\": \"o0\"},"
        "{\"id\": \"a1\", \"organisation\": \"o1\"},"
        "{\"id\": \"a2\", \"organisation\": \"o2\"},"
        "{\"id\": \"a4\", \"organisation\": \"o4\"},"
        "{\"id\": \"a5\", \"organisation\": \"o5\"},"
        "{\"id\": \"a6\", \"organisation\": \"o6\"},"
        "{\"id\": \"n\", \"organisation\": \"o9\"}],"
        " \"facilitators\": ["
        "{\"id\": \"f2\"},"
        "{\"id\": \"f1\", \"organisation\": \"o9\"},"
        "{\"id\": \"f0\", \"organisation\": \"o9\"}]}");
    prev = read_allocation(
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"facilitators\": "
        "[\"f0\"], \"members\": [\"a0\", \"a1\", \"a2\"]}, "
        "{\"id\": \"S2\", \"day\": \"thu\", \"facilitators\": [\"f1\"], "
        "\"members\": [\"a4\", \"a5\", \"a6\"]}], "
        "\"unassigned\": []}");
    a = solve_rerun(p, prev);
    o = als_allocation_objective(a, NULL);
    assert_int_equal(o.moves, 0);
    assert_int_equal(o.facilitator_changes, 0);
    assert_int_equal(o.placed, 6);
    assert_int_equal(set_of(a, "n"), -1);
    s1 = set_named(a, "S1");
    s2 = set_named(a, "S2");
    assert_true(s1 >= 0 && s2 >= 0);
    assert_true(leads(a, (size_t)s1, "f0"));
    assert_true(leads(a, (size_t)s2, "f1"));
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

/* ---- the method auto on 60 with five facilitators --------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    return s;
}

/* The cohort on which auto once gave a set without a facilitator (60
   applicants on tue and thu; five facilitators, two of them on thu only,
   one for a single set): valid now, by auto and by the exact solver. */
static void test_facilitators_exact__auto_on_60(void **state)
{
    (void)state;
    char *json = slurp(ALS_SOURCE_DIR "/tests/data/facilitators_60.json");
    als_problem *p = test_problem_json(json);
    free(json);
    for (int m = 0; m < 2; m++) {
        als_allocation *a =
            solve(p, m ? ALS_METHOD_EXACT : ALS_METHOD_AUTO, m ? 20 : 10);
        als_objective o = als_allocation_objective(a, NULL);
        /* at most 5 facilitators x 2 sets, and per day those free */
        assert_true(als_allocation_set_count(a) >= 1);
        assert_true(o.placed > 0 && o.placed < 60);
        for (size_t s = 0; s < als_allocation_set_count(a); s++)
            assert_int_equal(als_allocation_set_facilitator_count(a, s), 1);
        als_allocation_free(a);
    }
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facilitators_exact__random_against_enumeration),
        cmocka_unit_test(
            test_facilitators_exact__one_day_facilitator_takes_that_day),
        cmocka_unit_test(test_facilitators_exact__two_per_set),
        cmocka_unit_test(
            test_facilitators_exact__fixed_set_names_its_facilitator),
        cmocka_unit_test(
            test_facilitators_exact__named_facilitator_by_every_method),
        cmocka_unit_test(test_facilitators_exact__too_few_facilitators),
        cmocka_unit_test(test_facilitators_exact__rerun_facilitator_changes),
        cmocka_unit_test(test_facilitators_exact__auto_on_60),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
