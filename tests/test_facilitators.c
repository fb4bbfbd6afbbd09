/*
 * Facilitators (docs/FORMAT.md, "Facilitators"): reading them and their
 * input errors; every facilitator rule in the checker, each with a broken
 * and a repaired allocation; the solver on cohorts where facilitators are
 * the binding limit, with co-facilitation, fixed sets naming theirs, and a
 * re-run after a facilitator withdraws.
 *
 * Documents are written with single quotes; json() turns them into JSON.
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

/* ---- helpers ------------------------------------------------------- */

static als_status read_cohort(const char *text, als_problem **p, als_diag *d)
{
    char *j = json(text);
    als_status rc = als_problem_from_json(p, j, strlen(j), d, NULL);
    free(j);
    return rc;
}

static bool has_error(const als_diag *d, const char *path, const char *needle)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (e->severity == ALS_SEV_ERROR && strcmp(e->path, path) == 0 &&
            strstr(e->message, needle))
            return true;
    }
    return false;
}

/* The cohort is refused with an error at `path` holding `needle`. */
static void expect_input_error(const char *text, const char *path,
                               const char *needle)
{
    als_diag *d = NULL;
    als_problem *p = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    als_status rc = read_cohort(text, &p, d);
    if (rc == ALS_OK || !has_error(d, path, needle)) {
        print_diag(d);
        fail_msg("expected an error at '%s' mentioning \"%s\"", path, needle);
    }
    assert_null(p);
    als_diag_free(d);
}

/* Violations of `alloc` (with `prev`); an error at `path` with `needle`
   when path is not NULL. */
static size_t check(const char *text, const char *alloc, const char *prev,
                    const char *path, const char *needle)
{
    als_problem *p = test_problem(text);
    als_allocation *a = test_allocation(alloc);
    als_allocation *pa = prev ? test_allocation(prev) : NULL;
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t v = 0;
    assert_int_equal(als_check(p, a, pa, d, &v, NULL, NULL), ALS_OK);
    if (path && !has_error(d, path, needle)) {
        print_diag(d);
        fail_msg("expected a violation at '%s' mentioning \"%s\"", path,
                 needle);
    }
    if (!path && v) {
        print_diag(d);
        fail_msg("expected a valid allocation");
    }
    als_diag_free(d);
    als_allocation_free(pa);
    als_allocation_free(a);
    als_problem_free(p);
    return v;
}

/* Broken, then repaired. */
static void caught(const char *text, const char *bad, const char *good,
                   const char *path, const char *needle)
{
    assert_true(check(text, bad, NULL, path, needle) >= 1);
    assert_int_equal(check(text, good, NULL, NULL, NULL), 0);
}

/* ---- reading ------------------------------------------------------- */

/* Two sets of 2 on tue/thu; facilitators of every kind. */
#define PROG                                                                   \
    "'programme': {'days': ['tue', 'thu'], 'set_size': {'min': 2, 'max': 2}"
#define APPS                                                                   \
    "'applicants': ["                                                          \
    "{'id': 'a', 'organisation': 'Acme'},"                                     \
    "{'id': 'b', 'organisation': 'Beta'},"                                     \
    "{'id': 'c', 'organisation': 'Cora'},"                                     \
    "{'id': 'd', 'organisation': 'Dale'}]"
#define FACS                                                                   \
    "'facilitators': ["                                                        \
    "{'id': 'f1', 'name': 'Helen Ames', 'email': 'helen@example.org',"         \
    " 'organisation': 'Acme', 'availability': ['tue'], 'apart': ['d']},"       \
    "{'id': 'f2', 'name': 'Rob Ng', 'availability': ['tue', 'thu'],"           \
    " 'max_sets': 2},"                                                         \
    "{'id': 'f3', 'withdrawn': true}]"
static const char *const COHORT = "{" PROG "}, " APPS ", " FACS "}";

static void test_read(void **state)
{
    (void)state;
    als_problem *p = test_problem(COHORT);
    assert_int_equal(als_problem_facilitator_count(p), 3);
    assert_int_equal(als_problem_facilitators_per_set(p), 1);
    assert_int_equal(als_problem_facilitator_rule(p),
                     ALS_FACILITATORS_INDEPENDENT);
    size_t f1 = als_problem_find_facilitator(p, "f1");
    assert_int_equal(f1, 0);
    assert_string_equal(als_problem_facilitator_name(p, f1), "Helen Ames");
    assert_string_equal(als_problem_facilitator_email(p, f1),
                        "helen@example.org");
    assert_string_equal(als_problem_facilitator_organisation(p, f1), "Acme");
    assert_int_equal(als_problem_facilitator_max_sets(p, f1), 1);
    assert_int_equal(als_problem_facilitator_max_sets(p, 1), 2);
    assert_true(als_problem_facilitator_available(p, f1, 0));
    assert_false(als_problem_facilitator_available(p, f1, 1));
    assert_true(als_problem_facilitator_withdrawn(p, 2));
    assert_null(als_problem_facilitator_organisation(p, 1));
    assert_int_equal(als_problem_find_facilitator(p, "a"), (size_t)-1);
    als_problem_free(p);
}

static void test_builder(void **state)
{
    (void)state;
    als_builder *b = NULL;
    assert_int_equal(als_builder_new(&b, NULL), ALS_OK);
    const char *days[] = {"mon"};
    assert_int_equal(als_builder_set_days(b, days, 1, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 2, 2, NULL), ALS_OK);
    assert_int_equal(
        als_builder_add_set(b, "A", "mon", ALS_NONE, ALS_NONE, NULL), ALS_OK);
    als_error e;
    assert_int_equal(als_builder_set_facilitators_per_set(b, 3, &e),
                     ALS_ESCHEMA);
    assert_string_equal(e.path, "programme.facilitators_per_set");
    assert_int_equal(als_builder_set_facilitators_per_set(b, 2, NULL), ALS_OK);
    const char *ids[] = {"g1", "g2"};
    for (int k = 0; k < 2; k++) {
        als_facilitator f = ALS_FACILITATOR_INIT;
        f.id = ids[k];
        assert_int_equal(als_builder_add_facilitator(b, &f, NULL), ALS_OK);
    }
    assert_int_equal(als_builder_set_facilitators(b, "A", ids, 2, NULL),
                     ALS_OK);
    assert_int_equal(als_builder_set_facilitators(b, "Z", ids, 2, NULL),
                     ALS_EINVAL);
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "x";
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    a.id = "y";
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, NULL, NULL), ALS_OK);
    assert_int_equal(als_problem_facilitators_per_set(p), 2);
    assert_int_equal(als_problem_fixed_set_facilitator_count(p, 0), 2);
    assert_string_equal(als_problem_fixed_set_facilitator(p, 0, 1), "g2");
    /* solved: set A opens with both */
    als_allocation *out = NULL;
    assert_int_equal(als_solve(&out, p, NULL, NULL), ALS_OK);
    assert_int_equal(als_allocation_set_count(out), 1);
    assert_int_equal(als_allocation_set_facilitator_count(out, 0), 2);
    als_allocation_free(out);
    als_problem_free(p);
    als_builder_free(b);
}

static void test_input_errors(void **state)
{
    (void)state;
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'id': 'f1'},"
                       " {'id': 'f1'}]}",
                       "facilitators[1].id", "duplicate facilitator id");
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'id': 'a'}]}",
                       "facilitators[0].id", "also applicants[0]");
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'name': 'X'}]}",
                       "facilitators[0].id", "missing");
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'id': 7}]}",
                       "facilitators[0].id", "expected a string");
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'id': 'f',"
                       " 'availability': ['wed']}]}",
                       "facilitators[0].availability[0]",
                       "not one of programme.days");
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'id': 'f',"
                       " 'apart': ['zz']}]}",
                       "facilitators[0].apart[0]", "not an applicant");
    expect_input_error("{" PROG "}, " APPS ", 'facilitators': [{'id': 'f',"
                       " 'max_sets': 0}]}",
                       "facilitators[0].max_sets", "");
    expect_input_error("{" PROG ", 'facilitators_per_set': 3}, " APPS
                       ", 'facilitators': [{'id': 'f'}]}",
                       "programme.facilitators_per_set", "");
    expect_input_error("{" PROG
                       ", 'rules': {'facilitators': 'sometimes'}}, " APPS
                       ", 'facilitators': [{'id': 'f'}]}",
                       "programme.rules.facilitators", "");
    /* fixed sets naming theirs */
    expect_input_error("{" PROG ", 'sets': [{'id': 'A', 'facilitators':"
                       " ['nobody']}]}, " APPS ", " FACS "}",
                       "programme.sets[0].facilitators[0]",
                       "not a facilitator");
    expect_input_error("{" PROG ", 'sets': [{'id': 'A', 'day': 'thu',"
                       " 'facilitators': ['f1']}]}, " APPS ", " FACS "}",
                       "programme.sets[0].facilitators[0]", "cannot make");
    expect_input_error("{" PROG ", 'sets': [{'id': 'A', 'facilitators':"
                       " ['f1', 'f2']}]}, " APPS ", " FACS "}",
                       "programme.sets[0].facilitators",
                       "facilitators_per_set");
    expect_input_error("{" PROG ", 'sets': [{'id': 'A', 'facilitators':"
                       " ['f3']}]}, " APPS ", " FACS "}",
                       "programme.sets[0].facilitators[0]", "withdrawn");
    /* a typo in a facilitator's key is not silent: a warning, as for an
       applicant's */
    als_diag *d = NULL;
    als_problem *p = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_int_equal(read_cohort("{" PROG "}, " APPS ", 'facilitators':"
                                 " [{'id': 'f', 'availabilty': ['tue']}]}",
                                 &p, d),
                     ALS_OK);
    assert_int_equal(als_diag_count(d), 1);
    assert_string_equal(als_diag_get(d, 0)->path,
                        "facilitators[0].availabilty");
    assert_non_null(strstr(als_diag_get(d, 0)->message, "availability"));
    als_diag_free(d);
    als_problem_free(p);
}

/* ---- the checker, rule by rule ------------------------------------- */

static void test_check_count(void **state)
{
    (void)state;
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['b', 'c']}],"
           " 'unassigned': [{'id': 'a', 'reason': 'x'},"
           " {'id': 'd', 'reason': 'x'}]}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "sets[0].facilitators", "has 0 facilitators");
}

static void test_check_unknown_and_withdrawn(void **state)
{
    (void)state;
    const char *good =
        "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
        " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
        " 'x'}, {'id': 'd', 'reason': 'x'}]}";
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['zz'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           good, "sets[0].facilitators[0]", "not a facilitator");
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f3'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           good, "sets[0].facilitators[0]", "withdrawn");
}

static void test_check_day(void **state)
{
    (void)state;
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'thu', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "sets[0].facilitators[0]", "cannot meet on 'thu'");
}

static void test_check_independent(void **state)
{
    (void)state;
    /* f1 is from Acme, as is a */
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['a', 'b']}], 'unassigned': [{'id': 'c', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
           " 'members': ['a', 'b']}], 'unassigned': [{'id': 'c', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "sets[0].facilitators[0]", "independent");
    /* with rule ignore, the same set is fine */
    const char *ignore =
        "{" PROG ", 'rules': {'facilitators': 'ignore'}}, " APPS ", " FACS "}";
    assert_int_equal(
        check(ignore,
              "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
              " 'members': ['a', 'b']}], 'unassigned': [{'id': 'c', "
              "'reason': 'x'}, {'id': 'd', 'reason': 'x'}]}",
              NULL, NULL, NULL),
        0);
}

static void test_check_apart(void **state)
{
    (void)state;
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['c', 'd']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'b', 'reason': 'x'}]}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "sets[0].facilitators[0]", "kept apart from 'd'");
}

static void test_check_max_sets_and_day(void **state)
{
    (void)state;
    /* f1 leads one set at most */
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}, {'id': 'S2', 'day': 'tue',"
           " 'facilitators': ['f1'], 'members': ['a', 'd']}],"
           " 'unassigned': []}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}, {'id': 'S2', 'day': 'thu',"
           " 'facilitators': ['f2'], 'members': ['a', 'd']}],"
           " 'unassigned': []}",
           "sets[1].facilitators[0]", "more than 1 set");
    /* f2 may lead two, but not two on one day */
    caught(COHORT,
           "{'sets': [{'id': 'S1', 'day': 'thu', 'facilitators': ['f2'],"
           " 'members': ['b', 'c']}, {'id': 'S2', 'day': 'thu',"
           " 'facilitators': ['f2'], 'members': ['a', 'd']}],"
           " 'unassigned': []}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
           " 'members': ['a', 'd']}, {'id': 'S2', 'day': 'thu',"
           " 'facilitators': ['f2'], 'members': ['b', 'c']}],"
           " 'unassigned': []}",
           "sets[1].facilitators[0]", "both meet on 'thu'");
}

static void test_check_fixed_and_none(void **state)
{
    (void)state;
    const char *fixed = "{" PROG ", 'sets': [{'id': 'A', 'day': 'tue',"
                        " 'facilitators': ['f2']}]}, " APPS ", " FACS "}";
    caught(fixed,
           "{'sets': [{'id': 'A', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "{'sets': [{'id': 'A', 'day': 'tue', 'facilitators': ['f2'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "sets[0].facilitators", "led by 'f2'");
    const char *none = "{" PROG "}, " APPS "}";
    caught(none,
           "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
           " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
           " 'x'}, {'id': 'd', 'reason': 'x'}]}",
           "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['b', 'c']}],"
           " 'unassigned': [{'id': 'a', 'reason': 'x'}, {'id': 'd',"
           " 'reason': 'x'}]}",
           "sets[0].facilitators", "has none");
}

/* ---- the solver ---------------------------------------------------- */

static als_allocation *solve(als_problem *p, const als_allocation *prev,
                             als_method method)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = method;
    o.time_limit_s = 5;
    o.previous = prev;
    als_allocation *a = NULL;
    als_error e;
    als_status rc = als_solve(&a, p, &o, &e);
    if (rc != ALS_OK)
        fail_msg("als_solve: %s: %s", e.path, e.message);
    size_t v = 99;
    assert_int_equal(als_check(p, a, prev, NULL, &v, NULL, NULL), ALS_OK);
    assert_int_equal(v, 0);
    return a;
}

/* n applicants named pNN, each from their own organisation, available
   on `avail`, into text. */
static void people(char *buf, size_t cap, int from, int n, const char *avail)
{
    size_t len = strlen(buf);
    for (int i = from; i < from + n; i++) {
        int w = snprintf(buf + len, cap - len,
                         "%s{'id': 'p%02d', 'organisation': 'O%02d',"
                         " 'availability': [%s]}",
                         len && buf[len - 1] != '[' ? ", " : "", i, i, avail);
        assert_true(w > 0 && (size_t)w < cap - len);
        len += (size_t)w;
    }
}

/*
 * Facilitators bind: 4 applicants who can make only tue, 4 only thu; Tina
 * can lead on tue only, Bo on either day. Both sets open only when Tina
 * takes tue and Bo thu, whatever order they are listed in.
 */
static void test_binding_limit(void **state)
{
    (void)state;
    static const char *const orders[2] = {
        "[{'id': 'bo', 'availability': ['tue', 'thu']},"
        " {'id': 'tina', 'availability': ['tue']}]",
        "[{'id': 'tina', 'availability': ['tue']},"
        " {'id': 'bo', 'availability': ['tue', 'thu']}]"};
    for (int k = 0; k < 2; k++)
        for (int m = 0; m < 2; m++) {
            char text[4096] = "{'programme': {'days': ['tue', 'thu'],"
                              " 'set_size': {'min': 4, 'max': 8}},"
                              " 'applicants': [";
            char list[2048] = "";
            people(list, sizeof list, 0, 4, "'tue'");
            people(list, sizeof list, 4, 4, "'thu'");
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "%s], 'facilitators': %s}", list, orders[k]);
            als_problem *p = test_problem(text);
            als_allocation *a =
                solve(p, NULL, m ? ALS_METHOD_HEURISTIC : ALS_METHOD_AUTO);
            assert_int_equal(als_allocation_set_count(a), 2);
            assert_int_equal(als_allocation_objective(a, NULL).placed, 8);
            for (size_t s = 0; s < 2; s++)
                if (strcmp(als_allocation_set_day(a, s), "tue") == 0)
                    assert_string_equal(als_allocation_set_facilitator(a, s, 0),
                                        "tina");
            als_allocation_free(a);
            als_problem_free(p);
        }
}

/*
 * A planted cohort where facilitators are the binding limit: 20 applicants
 * who can make only mon, 20 only tue, 20 only wed, sets of exactly 5, and
 * 12 facilitators: 4 free only on mon, 4 on mon and tue, 4 every day.
 * Everyone is placed only when the first four take mon, the next tue and
 * the last wed; listed in an order that tempts a greedy choice the other
 * way (the most flexible first); then with two of them leading two
 * sets each in place of two others.
 */
static void test_planted_binding(void **state)
{
    (void)state;
    char list[8192] = "";
    people(list, sizeof list, 0, 20, "'mon'");
    people(list, sizeof list, 20, 20, "'tue'");
    people(list, sizeof list, 40, 20, "'wed'");
    static const char *const kinds[3] = {"'mon', 'tue', 'wed'", "'mon', 'tue'",
                                         "'mon'"};
    for (int variant = 0; variant < 2; variant++) {
        char facs[4096] = "";
        size_t len = 0;
        for (int k = 0; k < 3; k++)
            for (int f = 0; f < 4; f++) {
                /* variant 1: one who can make every day and one who can
                   make mon and tue lead two sets each, and one fewer of
                   the mon-and-tue and of the mon-only kind come: all 12
                   sets open only when f00 takes wed and tue, f10 tue and
                   mon */
                if (variant && f == 3 && k > 0)
                    continue;
                len += (size_t)snprintf(
                    facs + len, sizeof facs - len,
                    "%s{'id': 'f%d%d', 'availability': [%s]%s}",
                    len ? ", " : "", k, f, kinds[k],
                    variant && f == 0 && k < 2 ? ", 'max_sets': 2" : "");
            }
        char text[16384];
        snprintf(text, sizeof text,
                 "{'programme': {'days': ['mon', 'tue', 'wed'],"
                 " 'set_size': 5}, 'applicants': [%s],"
                 " 'facilitators': [%s]}",
                 list, facs);
        als_problem *p = test_problem(text);
        als_allocation *a = solve(p, NULL, ALS_METHOD_HEURISTIC);
        assert_int_equal(als_allocation_objective(a, NULL).placed, 60);
        assert_int_equal(als_allocation_set_count(a), 12);
        als_allocation_free(a);
        als_problem_free(p);
    }
}

/* More applicants than facilitators can serve: those left out are told
   that no facilitator was free. */
static void test_not_enough_facilitators(void **state)
{
    (void)state;
    char text[4096] = "{'programme': {'days': ['tue'],"
                      " 'set_size': {'min': 4, 'max': 4}},"
                      " 'applicants': [";
    char list[2048] = "";
    people(list, sizeof list, 0, 12, "'tue'");
    snprintf(text + strlen(text), sizeof text - strlen(text),
             "%s], 'facilitators': [{'id': 'f1'}, {'id': 'f2'}]}", list);
    als_problem *p = test_problem(text);
    for (int m = 0; m < 2; m++) {
        als_allocation *a =
            solve(p, NULL, m ? ALS_METHOD_HEURISTIC : ALS_METHOD_AUTO);
        assert_int_equal(als_allocation_set_count(a), 2);
        assert_int_equal(als_allocation_unassigned_count(a), 4);
        const char *why = als_allocation_unassigned_reason(a, 0);
        if (!strstr(why, "no facilitator is free"))
            fail_msg("reason: %s", why);
        als_allocation_free(a);
    }
    als_problem_free(p);
}

/* Co-facilitation: two per set, each independent of its members. */
static void test_two_per_set(void **state)
{
    (void)state;
    char text[8192] = "{'programme': {'days': ['mon', 'wed'],"
                      " 'set_size': {'min': 4, 'max': 6},"
                      " 'facilitators_per_set': 2}, 'applicants': [";
    char list[4096] = "";
    people(list, sizeof list, 0, 12, "'mon', 'wed'");
    snprintf(text + strlen(text), sizeof text - strlen(text),
             "%s], 'facilitators': [{'id': 'f1', 'organisation': 'O00'},"
             " {'id': 'f2', 'organisation': 'O01', 'max_sets': 2},"
             " {'id': 'f3', 'availability': ['mon']},"
             " {'id': 'f4', 'availability': ['wed'], 'max_sets': 2}]}",
             list);
    als_problem *p = test_problem(text);
    for (int m = 0; m < 2; m++) {
        als_allocation *a =
            solve(p, NULL, m ? ALS_METHOD_HEURISTIC : ALS_METHOD_AUTO);
        assert_int_equal(als_allocation_objective(a, NULL).placed, 12);
        for (size_t s = 0; s < als_allocation_set_count(a); s++) {
            assert_int_equal(als_allocation_set_facilitator_count(a, s), 2);
            assert_string_not_equal(als_allocation_set_facilitator(a, s, 0),
                                    als_allocation_set_facilitator(a, s, 1));
        }
        als_allocation_free(a);
    }
    als_problem_free(p);
}

/* A re-run after a facilitator withdraws: their set runs on with another,
   the other set keeps its own, and changes say so. */
static void test_rerun_facilitator_withdraws(void **state)
{
    (void)state;
    char list[2048] = "";
    people(list, sizeof list, 0, 8, "'tue', 'thu'");
    char text[4096];
    snprintf(text, sizeof text,
             "{'programme': {'days': ['tue', 'thu'],"
             " 'set_size': {'min': 4, 'max': 4}}, 'applicants': [%s],"
             " 'facilitators': [{'id': 'f1', 'name': 'Fay'},"
             " {'id': 'f2', 'name': 'Gus'}, {'id': 'f3', 'name': 'Hal'}]}",
             list);
    als_problem *p = test_problem(text);
    als_allocation *first = solve(p, NULL, ALS_METHOD_HEURISTIC);
    assert_int_equal(als_allocation_set_count(first), 2);
    /* whoever leads the first set withdraws */
    const char *gone = als_allocation_set_facilitator(first, 0, 0);
    const char *kept = als_allocation_set_facilitator(first, 1, 0);
    char again[4096];
    snprintf(again, sizeof again,
             "{'programme': {'days': ['tue', 'thu'],"
             " 'set_size': {'min': 4, 'max': 4}}, 'applicants': [%s],"
             " 'facilitators': [{'id': 'f1', 'name': 'Fay'%s},"
             " {'id': 'f2', 'name': 'Gus'%s}, {'id': 'f3', 'name': 'Hal'%s}]}",
             list, strcmp(gone, "f1") ? "" : ", 'withdrawn': true",
             strcmp(gone, "f2") ? "" : ", 'withdrawn': true",
             strcmp(gone, "f3") ? "" : ", 'withdrawn': true");
    als_problem *q = test_problem(again);
    als_allocation *second = solve(q, first, ALS_METHOD_HEURISTIC);
    als_objective o = als_allocation_objective(second, NULL);
    assert_int_equal(o.moves, 0);
    assert_int_equal(o.facilitator_changes, 1);
    size_t s0 = als_allocation_set_count(second);
    assert_int_equal(s0, 2);
    for (size_t s = 0; s < s0; s++) {
        const char *f = als_allocation_set_facilitator(second, s, 0);
        assert_string_not_equal(f, gone);
        if (strcmp(als_allocation_set_id(second, s),
                   als_allocation_set_id(first, 1)) == 0)
            assert_string_equal(f, kept);
    }
    /* the changes: the one who left, the one who took over */
    int left = 0, joined = 0;
    for (size_t k = 0; k < als_allocation_change_count(second); k++) {
        const char *id = als_allocation_change_id(second, k);
        const char *why = als_allocation_change_reason(second, k);
        if (strcmp(id, gone) == 0) {
            left++;
            assert_non_null(strstr(why, "withdrew"));
        } else if (als_problem_find_facilitator(q, id) != (size_t)-1) {
            joined++;
            assert_non_null(strstr(why, "takes over"));
        }
    }
    assert_int_equal(left, 1);
    assert_int_equal(joined, 1);
    /* a report needs no previous allocation: the changes tell it who led
       each set before, and the facilitators' entries are no members */
    const als_report_format formats[] = {ALS_REPORT_TEXT, ALS_REPORT_MARKDOWN,
                                         ALS_REPORT_CSV, ALS_REPORT_HTML};
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        char *out = NULL;
        size_t len = 0;
        als_error err;
        als_status rc =
            als_report(q, second, formats[k], &out, &len, NULL, &err);
        if (rc != ALS_OK)
            fail_msg("report of the re-run: %s: %s", err.path, err.message);
        assert_true(len > 0);
        als_free(out);
    }
    /* the checker holds the re-run to its changes: drop one and it says */
    char *doc = NULL;
    assert_int_equal(als_allocation_to_json(second, &doc, NULL, NULL), ALS_OK);
    als_free(doc);
    als_allocation_free(second);
    als_allocation_free(first);
    als_problem_free(q);
    als_problem_free(p);
}

/* Every report format names each set's facilitators (name and e-mail),
   mails them with the members, and a re-run's report says who took over
   from whom, by name. */
static void test_reports(void **state)
{
    (void)state;
    als_problem *p = test_problem(COHORT);
    als_allocation *a = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
        " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
        " 'x'}, {'id': 'd', 'reason': 'x'}]}");
    static const struct {
        als_report_format f;
        const char *want[2];
    } cases[] = {
        {ALS_REPORT_TEXT,
         {"Facilitator: Helen Ames (helen@example.org)", NULL}},
        {ALS_REPORT_MARKDOWN,
         {"Facilitator: Helen Ames (helen@example.org)", "mailto:helen@"}},
        {ALS_REPORT_HTML,
         {"Facilitator: Helen Ames (helen@example.org)", "mailto:helen@"}},
        {ALS_REPORT_CSV,
         {"Set 1,tue,f1,Helen Ames,helen@example.org,facilitator,Acme,", NULL}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *out = NULL;
        assert_int_equal(als_report(p, a, cases[k].f, &out, NULL, NULL, NULL),
                         ALS_OK);
        for (int w = 0; w < 2; w++)
            if (cases[k].want[w] && !strstr(out, cases[k].want[w]))
                fail_msg("report %zu lacks \"%s\":\n%s", k, cases[k].want[w],
                         out);
        als_free(out);
    }
    /* a re-run: f2 took over S1 from f1 */
    als_allocation *b = test_allocation(
        "{'objective': {'facilitator_changes': 1},"
        " 'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
        " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
        " 'x'}, {'id': 'd', 'reason': 'x'}], 'changes': ["
        " {'id': 'f1', 'from': 'S1', 'to': null, 'reason':"
        " 'facilitator withdrew'},"
        " {'id': 'f2', 'from': null, 'to': 'S1', 'reason':"
        " 'takes over from Helen Ames'}]}");
    char *out = NULL;
    assert_int_equal(als_report(p, b, ALS_REPORT_TEXT, &out, NULL, NULL, NULL),
                     ALS_OK);
    static const char *const want[] = {
        "Facilitator: Rob Ng", "New: Rob Ng (facilitator)",
        "Left: Helen Ames (facilitator) <helen@example.org>",
        "f2 Rob Ng (facilitator): into Set 1 (takes over from Helen Ames)"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(out, want[k]))
            fail_msg("the re-run's report lacks \"%s\":\n%s", want[k], out);
    assert_null(strstr(out, "'S1'"));
    als_free(out);
    als_allocation_free(b);
    als_allocation_free(a);
    als_problem_free(p);
}

/* The checker recomputes facilitator_changes and the facilitator entries
   of changes. */
static void test_check_rerun_changes(void **state)
{
    (void)state;
    const char *prev =
        "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
        " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
        " 'x'}, {'id': 'd', 'reason': 'x'}]}";
    const char *bad =
        "{'objective': {'facilitator_changes': 0},"
        " 'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
        " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
        " 'x'}, {'id': 'd', 'reason': 'x'}], 'changes': []}";
    const char *good =
        "{'objective': {'facilitator_changes': 1},"
        " 'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
        " 'members': ['b', 'c']}], 'unassigned': [{'id': 'a', 'reason':"
        " 'x'}, {'id': 'd', 'reason': 'x'}], 'changes': ["
        " {'id': 'f1', 'from': 'S1', 'to': null, 'reason': 'r'},"
        " {'id': 'f2', 'from': null, 'to': 'S1', 'reason': 'r'}]}";
    assert_true(check(COHORT, bad, prev, "objective.facilitator_changes",
                      "recomputed 1") >= 2);
    assert_true(check(COHORT, bad, prev, "changes", "'f2' now leads") >= 2);
    assert_int_equal(check(COHORT, good, prev, NULL, NULL), 0);
}

/* Facilitators and applicants share one set of ids across the two
   documents of a re-run too: a previous allocation whose facilitator is
   now an applicant, or whose member is now a facilitator, is refused. */
static void test_previous_ids(void **state)
{
    (void)state;
    als_problem *p = test_problem(COHORT);
    static const struct {
        const char *prev, *path, *needle;
    } cases[] = {
        {"{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['a'],"
         " 'members': ['b', 'c']}], 'unassigned': []}",
         "sets[0].facilitators[0]", "is an applicant of the cohort"},
        {"{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
         " 'members': ['b', 'f1']}], 'unassigned': []}",
         "sets[0].members[1]", "is a facilitator of the cohort"},
    };
    for (size_t k = 0; k < 2; k++) {
        als_allocation *prev = test_allocation(cases[k].prev);
        als_diag *d = NULL;
        assert_int_equal(als_diag_new(&d), ALS_OK);
        assert_int_equal(als_check_previous(p, prev, d, NULL), ALS_ESCHEMA);
        if (!has_error(d, cases[k].path, cases[k].needle)) {
            print_diag(d);
            fail_msg("case %zu", k);
        }
        als_diag_free(d);
        als_allocation_free(prev);
    }
    als_problem_free(p);
}

/* Random cohorts: whatever the solver returns holds every facilitator
   rule (the checker says so), and every set has its facilitators. */
static void test_random_valid(void **state)
{
    (void)state;
    unsigned seed = 7;
    for (int round = 0; round < 12; round++) {
        char text[16384];
        size_t len = (size_t)snprintf(
            text, sizeof text,
            "{'programme': {'days': ['mon', 'tue', 'wed'], 'set_size':"
            " {'min': 4, 'max': 6}, 'facilitators_per_set': %d},"
            " 'applicants': [",
            1 + round % 2);
        int n = 20 + round * 3;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            int o = (int)(seed >> 16) % 9, d = (int)(seed >> 8) % 7 + 1;
            len += (size_t)snprintf(
                text + len, sizeof text - len,
                "%s{'id': 'p%d', 'organisation': 'O%d', 'availability':"
                " [%s%s%s%s%s]}",
                i ? ", " : "", i, o, d & 1 ? "'mon'" : "",
                d & 1 && d & 6 ? ", " : "", d & 2 ? "'tue'" : "",
                d & 2 && d & 4 ? ", " : "", d & 4 ? "'wed'" : "");
        }
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "], 'facilitators': [");
        for (int f = 0; f < 5; f++) {
            seed = seed * 1103515245u + 12345u;
            int o = (int)(seed >> 16) % 12, d = (int)(seed >> 8) % 7 + 1;
            len += (size_t)snprintf(
                text + len, sizeof text - len,
                "%s{'id': 'f%d', 'organisation': 'O%d', 'max_sets': %d,"
                " 'availability': [%s%s%s%s%s]}",
                f ? ", " : "", f, o, 1 + f % 3, d & 1 ? "'mon'" : "",
                d & 1 && d & 6 ? ", " : "", d & 2 ? "'tue'" : "",
                d & 2 && d & 4 ? ", " : "", d & 4 ? "'wed'" : "");
        }
        snprintf(text + len, sizeof text - len, "]}");
        als_problem *p = test_problem(text);
        als_allocation *a = solve(p, NULL, ALS_METHOD_HEURISTIC);
        for (size_t s = 0; s < als_allocation_set_count(a); s++)
            assert_int_equal(als_allocation_set_facilitator_count(a, s),
                             (size_t)(1 + round % 2));
        als_allocation_free(a);
        als_problem_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_builder),
        cmocka_unit_test(test_input_errors),
        cmocka_unit_test(test_check_count),
        cmocka_unit_test(test_check_unknown_and_withdrawn),
        cmocka_unit_test(test_check_day),
        cmocka_unit_test(test_check_independent),
        cmocka_unit_test(test_check_apart),
        cmocka_unit_test(test_check_max_sets_and_day),
        cmocka_unit_test(test_check_fixed_and_none),
        cmocka_unit_test(test_binding_limit),
        cmocka_unit_test(test_planted_binding),
        cmocka_unit_test(test_not_enough_facilitators),
        cmocka_unit_test(test_two_per_set),
        cmocka_unit_test(test_rerun_facilitator_withdraws),
        cmocka_unit_test(test_check_rerun_changes),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_previous_ids),
        cmocka_unit_test(test_random_valid),
    };
    return cmocka_run_group_tests_name("facilitators", tests, NULL, NULL);
}
