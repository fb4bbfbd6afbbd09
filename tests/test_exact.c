/*
 * The exact solver: optimality against every allocation enumerated here,
 * for each rule and each tier; GLPK's fatal errors contained; time limit,
 * cancel, proven infeasibility.
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
#include <time.h>

#include "als.h"
#include "solver.h"

static als_problem *read_cohort(const char *json)
{
    als_problem *p = NULL;
    als_error err;
    if (als_problem_from_json(&p, json, strlen(json), NULL, &err) != ALS_OK)
        fail_msg("cohort rejected: %s: %s\n%s", err.path, err.message, json);
    return p;
}

static als_allocation *solve_exact(const als_problem *p, double time_limit)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = ALS_METHOD_EXACT;
    o.effort = 0.05;
    o.time_limit_s = time_limit;
    als_allocation *a = NULL;
    als_error err;
    if (als_solve(&a, p, &o, &err) != ALS_OK)
        fail_msg("solve failed: %s", err.message);
    size_t bad = 99;
    assert_int_equal(als_check(p, a, NULL, NULL, &bad, NULL, &err), ALS_OK);
    assert_int_equal(bad, 0);
    return a;
}

/* ---- GLPK's fatal errors -------------------------------------------- */

static void test_exact__glpk_fatal_error_is_a_status(void **state)
{
    (void)state;
    for (int round = 0; round < 2; round++) {
        als_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(als__glpk_fatal_selftest(&err), ALS_ESOLVER);
        assert_int_equal(err.code, ALS_ESOLVER);
        assert_non_null(strstr(err.message, "out of range"));
    }
    /* and GLPK still works afterwards, in the same process */
    als_problem *p = read_cohort(
        "{\"programme\": {\"set_size\": 2}, \"applicants\": [{\"id\": \"a\", "
        "\"sector\": \"x\"}, {\"id\": \"b\", \"sector\": \"x\"}, {\"id\": "
        "\"c\", \"sector\": \"y\"}, {\"id\": \"d\", \"sector\": \"y\"}]}");
    als_allocation *a = solve_exact(p, 10);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.placed, 4);
    assert_true(o.penalty == 0); /* {a,c} {b,d} */
    als_allocation_free(a);
    als_problem_free(p);
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

#define N 8

typedef struct cohort {
    char json[4096];
    bool days;
} cohort;

/* A random cohort of 8 in sets of 4 exercising the rule `rule`. */
static void make_cohort(cohort *c, rnd *r, int rule)
{
    static const char *const rules[] = {
        "\"sector\": \"balance\"",
        "\"organisation\": {\"mode\": \"prefer_distinct\", \"weight\": 2}",
        "\"seniority\": \"similar\"",
        "\"seniority\": \"mixed\"",
        "\"seniority\": {\"mode\": \"similar\", \"max_spread\": 1}",
        "\"organisation\": \"distinct\"",
        "\"sector\": {\"mode\": \"balance\", \"weight\": 1.5}"};
    int n = snprintf(c->json, sizeof c->json,
                     "{\"programme\": {\"set_size\": 4, %s\"rules\": {%s}},"
                     " \"applicants\": [",
                     rule == 6 ? "\"days\": [\"tue\", \"thu\"], " : "",
                     rules[rule]);
    c->days = rule == 6;
    for (int i = 0; i < N; i++) {
        n += snprintf(c->json + n, sizeof c->json - (size_t)n,
                      "%s{\"id\": \"p%d\", \"organisation\": \"o%u\", "
                      "\"sector\": \"s%u\", \"seniority\": %u, \"priority\": "
                      "%u",
                      i ? ", " : "", i, below(r, 4), below(r, 3), below(r, 4),
                      below(r, 3) == 0 ? 1u : 0u);
        if (c->days && below(r, 3) == 0)
            n += snprintf(c->json + n, sizeof c->json - (size_t)n,
                          ", \"availability\": [\"%s\"]",
                          below(r, 2) ? "tue" : "thu");
        if (rule == 0 && i == 1)
            n += snprintf(c->json + n, sizeof c->json - (size_t)n,
                          ", \"apart\": [\"p2\"], \"together\": \"t\"");
        if (rule == 0 && i == 3)
            n += snprintf(c->json + n, sizeof c->json - (size_t)n,
                          ", \"together\": \"t\"");
        n += snprintf(c->json + n, sizeof c->json - (size_t)n, "}");
    }
    snprintf(c->json + n, sizeof c->json - (size_t)n,
             "], \"pairs\": [{\"a\": \"p0\", \"b\": \"p5\", \"weight\": -2.5},"
             " {\"a\": \"p4\", \"b\": \"p6\", \"weight\": 3}]}");
}

typedef struct tiers {
    long long placed, priority;
    double penalty;
} tiers;

static bool better(const tiers *a, const tiers *b)
{
    if (a->placed != b->placed)
        return a->placed > b->placed;
    if (a->priority != b->priority)
        return a->priority > b->priority;
    return a->penalty < b->penalty - 1e-9;
}

/*
 * Every allocation of the 8: each applicant in set A, set B or left out,
 * each set on either day (when there are days); the valid ones (by the
 * checker) scored by the checker's own recomputation.
 */
static tiers enumerate(const als_problem *p, const cohort *c)
{
    tiers best = {-1, 0, 0};
    static const char *const day[] = {"tue", "thu"};
    int ndays = c->days ? 2 : 1;
    char doc[2048];
    long total = 1;
    for (int i = 0; i < N; i++)
        total *= 3;
    for (long code = 0; code < total; code++) {
        int where[N];
        long x = code;
        for (int i = 0; i < N; i++) {
            where[i] = (int)(x % 3);
            x /= 3;
        }
        for (int da = 0; da < ndays; da++)
            for (int db = 0; db < ndays; db++) {
                int n = snprintf(doc, sizeof doc, "{\"sets\": [");
                int nsets = 0;
                for (int s = 0; s < 2; s++) {
                    int members = 0;
                    for (int i = 0; i < N; i++)
                        members += where[i] == s + 1;
                    if (!members)
                        continue;
                    n += snprintf(doc + n, sizeof doc - (size_t)n,
                                  "%s{\"id\": \"S%d\", \"day\": %s%s%s, "
                                  "\"members\": [",
                                  nsets++ ? ", " : "", s + 1,
                                  c->days ? "\"" : "",
                                  c->days ? day[s ? db : da] : "null",
                                  c->days ? "\"" : "");
                    int k = 0;
                    for (int i = 0; i < N; i++)
                        if (where[i] == s + 1)
                            n += snprintf(doc + n, sizeof doc - (size_t)n,
                                          "%s\"p%d\"", k++ ? ", " : "", i);
                    n += snprintf(doc + n, sizeof doc - (size_t)n, "]}");
                }
                n += snprintf(doc + n, sizeof doc - (size_t)n,
                              "], \"unassigned\": [");
                int k = 0;
                for (int i = 0; i < N; i++)
                    if (where[i] == 0)
                        n += snprintf(doc + n, sizeof doc - (size_t)n,
                                      "%s{\"id\": \"p%d\", \"reason\": \"x\"}",
                                      k++ ? ", " : "", i);
                snprintf(doc + n, sizeof doc - (size_t)n, "]}");
                als_allocation *a = NULL;
                als_error err;
                if (als_allocation_from_json(&a, doc, strlen(doc), NULL,
                                             &err) != ALS_OK)
                    fail_msg("enumerated document rejected: %s", err.message);
                size_t bad = 0;
                als_objective o;
                assert_int_equal(als_check(p, a, NULL, NULL, &bad, &o, &err),
                                 ALS_OK);
                als_allocation_free(a);
                if (bad)
                    continue;
                tiers t = {o.placed, o.priority, o.penalty};
                if (best.placed < 0 || better(&t, &best))
                    best = t;
            }
    }
    return best;
}

static void test_exact__every_rule_and_tier_against_enumeration(void **state)
{
    (void)state;
    rnd r = {0x9E3779B97F4A7C15ULL};
    for (int rule = 0; rule < 7; rule++) {
        for (int trial = 0; trial < 2; trial++) {
            cohort c;
            make_cohort(&c, &r, rule);
            als_problem *p = read_cohort(c.json);
            tiers best = enumerate(p, &c);
            als_allocation *a = solve_exact(p, 30);
            als_objective o = als_allocation_objective(a, NULL);
            if (als_allocation_status(a) != ALS_SOLVE_OPTIMAL ||
                o.placed != best.placed || o.priority != best.priority ||
                fabs(o.penalty - best.penalty) > 1e-9)
                fail_msg("rule %d trial %d: exact %s %lld/%lld/%g, best "
                         "%lld/%lld/%g\n%s",
                         rule, trial,
                         als_allocation_status(a) == ALS_SOLVE_OPTIMAL
                             ? "optimal"
                             : "not proven",
                         o.placed, o.priority, o.penalty, best.placed,
                         best.priority, best.penalty, c.json);
            double bound, gap;
            assert_true(als_allocation_bound(a, &bound, &gap));
            assert_true(fabs(bound - o.penalty) < 1e-6);
            assert_true(gap == 0);
            als_allocation_free(a);
            als_problem_free(p);
        }
    }
}

/* ---- limits ---------------------------------------------------------- */

/* A cohort too large to prove quickly: 40 in sets of 4. */
static char *large_cohort(void)
{
    char *s = malloc(16384);
    assert_non_null(s);
    int n = snprintf(s, 16384,
                     "{\"programme\": {\"set_size\": 4, \"days\": [\"tue\", "
                     "\"thu\"]}, \"applicants\": [");
    rnd r = {12345};
    for (int i = 0; i < 40; i++)
        n += snprintf(s + n, 16384 - (size_t)n,
                      "%s{\"id\": \"a%d\", \"organisation\": \"o%u\", "
                      "\"sector\": \"s%u\", \"seniority\": %u}",
                      i ? ", " : "", i, below(&r, 12), below(&r, 3),
                      below(&r, 5));
    snprintf(s + n, 16384 - (size_t)n, "]}");
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void test_exact__time_limit(void **state)
{
    (void)state;
    char *json = large_cohort();
    als_problem *p = read_cohort(json);
    free(json);
    double t = now();
    als_allocation *a = solve_exact(p, 1.0);
    double took = now() - t;
    if (als_allocation_status(a) != ALS_SOLVE_OPTIMAL) {
        assert_int_equal(als_allocation_stop_reason(a), ALS_STOP_TIME_LIMIT);
        assert_true(took < 2.0); /* 1 s, the final check, a loaded machine */
    }
    assert_string_equal(als_allocation_method(a), "exact");
    als_allocation_free(a);
    als_problem_free(p);
}

static int cancel_in_exact(void *user, const als_progress *pr)
{
    int *calls = user;
    ++*calls;
    return strcmp(pr->phase, "exact") == 0;
}

static void test_exact__cancel(void **state)
{
    (void)state;
    char *json = large_cohort();
    als_problem *p = read_cohort(json);
    free(json);
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = ALS_METHOD_EXACT;
    o.effort = 0.05;
    o.time_limit_s = 30;
    o.progress_interval_s = 0;
    int calls = 0;
    o.progress = cancel_in_exact;
    o.progress_user = &calls;
    als_allocation *a = NULL;
    als_error err;
    double t = now();
    assert_int_equal(als_solve(&a, p, &o, &err), ALS_OK);
    assert_true(now() - t < 10);
    assert_true(calls > 0);
    if (als_allocation_status(a) != ALS_SOLVE_OPTIMAL)
        assert_int_equal(als_allocation_stop_reason(a), ALS_STOP_CANCELLED);
    size_t bad = 99;
    assert_int_equal(als_check(p, a, NULL, NULL, &bad, NULL, &err), ALS_OK);
    assert_int_equal(bad, 0);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_exact__proves_pins_infeasible(void **state)
{
    (void)state;
    als_problem *p = read_cohort(
        "{\"programme\": {\"set_size\": 2, \"days\": [\"tue\", \"thu\"], "
        "\"sets\": [{\"id\": \"A\", \"day\": \"tue\"}]}, \"applicants\": "
        "[{\"id\": \"a\", \"set\": \"A\", \"availability\": [\"thu\"]}, "
        "{\"id\": \"b\"}]}");
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = ALS_METHOD_EXACT;
    o.effort = 0.05;
    als_allocation *a = NULL;
    als_error err;
    assert_int_equal(als_solve(&a, p, &o, &err), ALS_OK);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_INFEASIBLE);
    assert_int_equal(als_allocation_set_count(a), 0);
    assert_int_equal(als_allocation_unassigned_count(a), 2);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_exact__auto_uses_exact_when_small(void **state)
{
    (void)state;
    als_problem *p = read_cohort(
        "{\"programme\": {\"set_size\": 2}, \"applicants\": [{\"id\": "
        "\"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}, {\"id\": \"d\"}]}");
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.effort = 0.05;
    als_allocation *a = NULL;
    als_error err;
    assert_int_equal(als_solve(&a, p, &o, &err), ALS_OK);
    assert_string_equal(als_allocation_method(a), "exact");
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    als_allocation_free(a);
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact__glpk_fatal_error_is_a_status),
        cmocka_unit_test(test_exact__every_rule_and_tier_against_enumeration),
        cmocka_unit_test(test_exact__time_limit),
        cmocka_unit_test(test_exact__cancel),
        cmocka_unit_test(test_exact__proves_pins_infeasible),
        cmocka_unit_test(test_exact__auto_uses_exact_when_small),
    };
    return cmocka_run_group_tests_name("exact", tests, NULL, NULL);
}
