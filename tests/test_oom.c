/*
 * Out of memory, at every allocation: each public entry point is run once
 * normally, then again with allocation number N failing, for every N the
 * call reaches (once, and from N on). The call must then either succeed
 * with the same result as the normal run, or return ALS_ENOMEM; never
 * another status, a wrong answer or an abort.
 *
 * Allocations fail through tests/failmalloc.c, linked into this program;
 * under AddressSanitizer (which replaces malloc itself) the tests skip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "als.h"
#include "support.h"

#ifdef ALS_FAILMALLOC
void failmalloc_arm(long n, bool always);
long failmalloc_disarm(bool *failed);
#else
static void failmalloc_arm(long n, bool always)
{
    (void)n, (void)always;
}
static long failmalloc_disarm(bool *failed)
{
    *failed = false;
    return 0;
}
#endif

/* Seven applicants, two days, sets of 3 or 4: small enough to sweep. */
static const char *const COHORT =
    "{'format': 'als-cohort/1',"
    " 'programme': {'name': 'Tiny', 'days': ['tue', 'thu'],"
    "  'set_size': {'min': 3, 'max': 4},"
    "  'seniority_levels': ['officer', 'manager', 'head'],"
    "  'rules': {'organisation': 'distinct',"
    "            'sector': {'mode': 'balance', 'weight': 1},"
    "            'seniority': {'mode': 'similar', 'weight': 1}}},"
    " 'applicants': ["
    "  {'id': 'a1', 'name': 'A One', 'organisation': 'North',"
    "   'sector': 'housing', 'seniority': 'officer'},"
    "  {'id': 'a2', 'organisation': 'North', 'sector': 'health',"
    "   'seniority': 'manager', 'availability': ['tue']},"
    "  {'id': 'a3', 'organisation': 'South', 'sector': 'housing',"
    "   'seniority': 'head', 'extra': {'x': [1, 2.5, 'y']}},"
    "  {'id': 'a4', 'organisation': 'South', 'sector': 'health',"
    "   'seniority': 'officer', 'availability': ['thu']},"
    "  {'id': 'a5', 'organisation': 'East', 'sector': 'police',"
    "   'seniority': 'manager', 'priority': 2},"
    "  {'id': 'a6', 'organisation': 'West', 'sector': 'police',"
    "   'seniority': 'head', 'apart': ['a5']},"
    "  {'id': 'a7', 'name': 'A \\u00e9 Seven', 'organisation': 'East',"
    "   'sector': 'housing', 'seniority': 'officer'}]}";

/* The same with fixed sets and a pair weight: the compact model. */
static const char *const COHORT_FIXED =
    "{'programme': {'days': ['tue', 'thu'],"
    "  'set_size': {'min': 3, 'max': 4},"
    "  'sets': [{'id': 'A', 'day': 'tue'}, {'id': 'B'}],"
    "  'rules': {'organisation': 'distinct'}},"
    " 'applicants': ["
    "  {'id': 'a1', 'organisation': 'North', 'sector': 'housing'},"
    "  {'id': 'a2', 'organisation': 'North', 'sector': 'health',"
    "   'availability': ['tue']},"
    "  {'id': 'a3', 'organisation': 'South', 'sector': 'housing',"
    "   'set': 'B'},"
    "  {'id': 'a4', 'organisation': 'South', 'sector': 'health'},"
    "  {'id': 'a5', 'organisation': 'East', 'sector': 'police'},"
    "  {'id': 'a6', 'organisation': 'West', 'sector': 'police'},"
    "  {'id': 'a7', 'organisation': 'East', 'sector': 'housing'}],"
    " 'pairs': [{'a': 'a1', 'b': 'a4', 'weight': 2}]}";

/* Other rules, and an applicant who cannot be placed. */
static const char *const COHORT_MIXED =
    "{'programme': {'days': ['mon', 'fri'], 'set_size': {'min': 2, 'max': 3},"
    "  'seniority_levels': ['junior', 'senior'],"
    "  'rules': {'organisation': {'mode': 'prefer_distinct', 'weight': 2},"
    "            'seniority': 'mixed', 'sector': 'ignore'}},"
    " 'applicants': ["
    "  {'id': 'b1', 'organisation': 'N', 'seniority': 'junior',"
    "   'council': 'Leeds', 'role': 'officer'},"
    "  {'id': 'b2', 'organisation': 'N', 'seniority': 'senior',"
    "   'council': 'Leeds', 'role': 'councillor'},"
    "  {'id': 'b3', 'organisation': 'S', 'seniority': 'junior'},"
    "  {'id': 'b4', 'organisation': 'S', 'seniority': 'senior',"
    "   'withdrawn': true},"
    "  {'id': 'b5', 'seniority': 'senior', 'availability': []},"
    "  {'id': 'b6', 'organisation': 'E', 'together': 't'},"
    "  {'id': 'b7', 'organisation': 'W', 'together': 't'}]}";

/* A valid allocation of COHORT, with its figures. */
static const char *const ALLOCATION =
    "{'format': 'als-allocation/1', 'status': 'optimal',"
    " 'objective': {'placed': 7, 'priority': 2, 'penalty': 4,"
    "  'sector_pairs': 1, 'organisation_pairs': 0, 'seniority_spread': 3},"
    " 'sets': [{'id': 'S1', 'day': 'thu', 'members': ['a1', 'a4', 'a6', 'a7']},"
    "          {'id': 'S2', 'day': 'tue', 'members': ['a2', 'a3', 'a5']}],"
    " 'unassigned': [], 'changes': []}";

/* A run of the call under test: its status and, on success, a text that
   stands for its result (NULL otherwise). `armed` is called right before
   the library call, with the failure to inject. */
typedef struct sweep {
    const char *what;
    void *ctx;
    als_status (*run)(struct sweep *s, char **result);
    long n;        /* failure to inject, -1 none */
    bool always;   /* every allocation from n on */
    char why[700]; /* the error message of a failed run */
} sweep;

static void arm(const sweep *s)
{
    if (s->n >= 0)
        failmalloc_arm(s->n, s->always);
}

static bool disarm(void)
{
    bool failed = false;
    failmalloc_disarm(&failed);
    return failed;
}

/* Skip the test (before it allocates anything) when allocations cannot
   be made to fail: a sanitizer build. */
static void need_failmalloc(void)
{
#ifndef ALS_FAILMALLOC
    skip();
#endif
}

static void run_sweep(sweep *s)
{
#ifndef ALS_FAILMALLOC
    (void)s;
#else
    char *ref = NULL;
    s->n = -1;
    als_status rc = s->run(s, &ref);
    if (rc != ALS_OK)
        fail_msg("%s: the run without failure returned %s", s->what,
                 als_status_str(rc));
    assert_non_null(ref);
    for (int always = 0; always < 2; always++) {
        s->always = always;
        for (s->n = 0;; s->n++) {
            char *got = NULL;
            bool failed = false;
            rc = s->run(s, &got);
            failed = disarm();
            if (!failed) { /* the call made fewer than n + 1 allocations */
                assert_int_equal(rc, ALS_OK);
                free(got);
                break;
            }
            if (rc == ALS_OK) {
                if (!got || strcmp(got, ref) != 0)
                    fail_msg("%s: allocation %ld failed (%s), the call "
                             "succeeded with another result:\n%s\n"
                             "instead of\n%s",
                             s->what, s->n, always ? "and all after" : "once",
                             got ? got : "(none)", ref);
            } else if (rc != ALS_ENOMEM) {
                fail_msg("%s: allocation %ld failed (%s): %s instead of "
                         "ALS_ENOMEM (%s)",
                         s->what, s->n, always ? "and all after" : "once",
                         als_status_str(rc), s->why);
            }
            free(got);
        }
    }
    free(ref);
#endif
}

static char *dup_text(const char *t)
{
    size_t n = strlen(t);
    char *d = malloc(n + 1);
    assert_non_null(d);
    memcpy(d, t, n + 1);
    return d;
}

static als_problem *load_problem(const char *text)
{
    char *j = json(text);
    als_problem *p = NULL;
    als_error e;
    if (als_problem_from_json(&p, j, strlen(j), NULL, &e) != ALS_OK)
        fail_msg("cohort rejected: %s: %s", e.path, e.message);
    free(j);
    return p;
}

static als_allocation *load_allocation(const char *text)
{
    char *j = json(text);
    als_allocation *a = NULL;
    als_error e;
    if (als_allocation_from_json(&a, j, strlen(j), NULL, &e) != ALS_OK)
        fail_msg("allocation rejected: %s: %s", e.path, e.message);
    free(j);
    return a;
}

/* An allocation as JSON without its solve time. */
static char *allocation_text(const als_allocation *a)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(als_allocation_to_json(a, &out, &len, NULL), ALS_OK);
    char *t = strstr(out, "\"time_s\": ");
    if (t) { /* its figure becomes 0 */
        t += 10;
        size_t n = strcspn(t, ",}");
        if (n > 1) {
            *t = '0';
            memmove(t + 1, t + n, strlen(t + n) + 1);
        }
    }
    char *d = dup_text(out);
    als_free(out);
    return d;
}

/* ---- reading -------------------------------------------------------- */

static als_status run_read_cohort(sweep *s, char **result)
{
    const char *text = s->ctx;
    als_problem *p = NULL;
    als_error e;
    arm(s);
    als_status rc = als_problem_from_json(&p, text, strlen(text), NULL, &e);
    disarm();
    if (rc == ALS_OK) {
        char buf[512];
        snprintf(buf, sizeof buf, "%zu applicants, %zu units, %s, %s, %s",
                 als_problem_applicant_count(p), als_problem_unit_count(p),
                 als_problem_applicant_name(p, 6),
                 als_problem_applicant_sector(p, 6), als_problem_day(p, 1));
        *result = dup_text(buf);
    } else {
        snprintf(s->why, sizeof s->why, "%s: %s", e.path, e.message);
    }
    als_problem_free(p);
    return rc;
}

static als_status run_read_allocation(sweep *s, char **result)
{
    const char *text = s->ctx;
    als_allocation *a = NULL;
    als_error e;
    arm(s);
    als_status rc = als_allocation_from_json(&a, text, strlen(text), NULL, &e);
    disarm();
    if (rc == ALS_OK)
        *result = allocation_text(a);
    else
        snprintf(s->why, sizeof s->why, "%s: %s", e.path, e.message);
    als_allocation_free(a);
    return rc;
}

static void test_oom__read(void **state)
{
    (void)state;
    need_failmalloc();
    char *cohort = json(COHORT), *alloc = json(ALLOCATION);
    sweep s = {"reading a cohort", cohort, run_read_cohort, -1, false, ""};
    run_sweep(&s);
    sweep t = {
        "reading an allocation", alloc, run_read_allocation, -1, false, ""};
    run_sweep(&t);
    free(cohort);
    free(alloc);
}

/* ---- report --------------------------------------------------------- */

typedef struct report_ctx {
    als_problem *p;
    als_allocation *a;
    als_report_format format;
} report_ctx;

static als_status run_report(sweep *s, char **result)
{
    report_ctx *c = s->ctx;
    char *text = NULL;
    size_t len = 0;
    als_error e;
    arm(s);
    als_status rc = als_report(c->p, c->a, c->format, &text, &len, NULL, &e);
    disarm();
    if (rc == ALS_OK)
        *result = dup_text(text);
    else
        snprintf(s->why, sizeof s->why, "%s: %s", e.path, e.message);
    als_free(text);
    return rc;
}

static void test_oom__report(void **state)
{
    (void)state;
    need_failmalloc();
    report_ctx c = {load_problem(COHORT), load_allocation(ALLOCATION),
                    ALS_REPORT_TEXT};
    static const char *const names[] = {"report (text)", "report (markdown)",
                                        "report (csv)", "report (html)"};
    for (int f = ALS_REPORT_TEXT; f <= ALS_REPORT_HTML; f++) {
        c.format = (als_report_format)f;
        sweep s = {names[f], &c, run_report, -1, false, ""};
        run_sweep(&s);
    }
    als_allocation_free(c.a);
    als_problem_free(c.p);
    /* the other cohorts, as the heuristic allocates them */
    const char *const others[] = {COHORT_FIXED, COHORT_MIXED};
    for (int k = 0; k < 2; k++) {
        c.p = load_problem(others[k]);
        als_solve_options o;
        als_solve_options_init(&o, c.p);
        o.method = ALS_METHOD_HEURISTIC;
        o.effort = 0.01;
        c.a = NULL;
        assert_int_equal(als_solve(&c.a, c.p, &o, NULL), ALS_OK);
        for (int f = ALS_REPORT_TEXT; f <= ALS_REPORT_HTML; f++) {
            c.format = (als_report_format)f;
            sweep s = {names[f], &c, run_report, -1, false, ""};
            run_sweep(&s);
        }
        als_allocation_free(c.a);
        als_problem_free(c.p);
    }
}

/* ---- solve ---------------------------------------------------------- */

typedef struct solve_ctx {
    als_problem *p;
    als_method method;
} solve_ctx;

static als_status run_solve(sweep *s, char **result)
{
    solve_ctx *c = s->ctx;
    als_solve_options o;
    als_solve_options_init(&o, c->p);
    o.method = c->method;
    o.effort = 0.01;
    o.time_limit_s = 60;
    als_allocation *a = NULL;
    als_error e;
    arm(s);
    als_status rc = als_solve(&a, c->p, &o, &e);
    disarm();
    if (rc == ALS_OK)
        *result = allocation_text(a);
    else
        snprintf(s->why, sizeof s->why, "%s: %s", e.path, e.message);
    als_allocation_free(a);
    return rc;
}

static void solve_sweep(const char *what, const char *cohort, als_method m)
{
    solve_ctx c = {load_problem(cohort), m};
    sweep s = {what, &c, run_solve, -1, false, ""};
    run_sweep(&s);
    als_problem_free(c.p);
}

static void test_oom__solve_exact(void **state)
{
    (void)state;
    need_failmalloc();
    solve_sweep("exact, branch-and-price", COHORT, ALS_METHOD_EXACT);
    solve_sweep("exact, compact model", COHORT_FIXED, ALS_METHOD_EXACT);
}

/* ---- check --------------------------------------------------------- */

typedef struct check_ctx {
    als_problem *p;
    als_allocation *a, *prev;
} check_ctx;

static als_status run_check(sweep *s, char **result)
{
    check_ctx *c = s->ctx;
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 0;
    als_objective r;
    als_error e;
    arm(s);
    als_status rc = als_check(c->p, c->a, c->prev, d, &bad, &r, &e);
    disarm();
    if (rc == ALS_OK) {
        char buf[2048];
        int n = snprintf(buf, sizeof buf,
                         "%zu violations, placed %lld, "
                         "penalty %g\n",
                         bad, r.placed, r.penalty);
        for (size_t k = 0;
             k < als_diag_count(d) && n > 0 && (size_t)n < sizeof buf; k++)
            n +=
                snprintf(buf + n, sizeof buf - (size_t)n, "%s: %s\n",
                         als_diag_get(d, k)->path, als_diag_get(d, k)->message);
        *result = dup_text(buf);
    } else {
        snprintf(s->why, sizeof s->why, "%s: %s", e.path, e.message);
    }
    als_diag_free(d);
    return rc;
}

static void test_oom__check(void **state)
{
    (void)state;
    need_failmalloc();
    check_ctx c = {load_problem(COHORT), load_allocation(ALLOCATION), NULL};
    sweep s = {"check", &c, run_check, -1, false, ""};
    run_sweep(&s);
    /* with itself as the previous allocation (a re-run) */
    c.prev = load_allocation(ALLOCATION);
    s.what = "check of a re-run";
    run_sweep(&s);
    als_allocation_free(c.prev);
    als_allocation_free(c.a);
    als_problem_free(c.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom__read),
        cmocka_unit_test(test_oom__check),
        cmocka_unit_test(test_oom__report),
        cmocka_unit_test(test_oom__solve_exact),
    };
    return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}
