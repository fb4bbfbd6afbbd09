/*
 * Required fixed sets ("required": true): read, opened by both solvers even
 * when closing them would score better, checked, and infeasible when they
 * cannot reach their minimum.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "als.h"

/* Four applicants who all want to be together (negative weights), and two
   fixed sets of 1 to 4: closing one set scores best, unless both are
   required. */
#define COHORT                                                                 \
    "{\"programme\": {\"set_size\": {\"min\": 1, \"max\": 4}, \"sets\": "      \
    "[{\"id\": \"A\", \"required\": %s}, {\"id\": \"B\", "                     \
    "\"required\": %s}], \"rules\": "                                          \
    "{\"organisation\": \"ignore\", \"sector\": \"ignore\", \"seniority\": "   \
    "\"ignore\"}}, \"applicants\": [{\"id\": \"a\"}, {\"id\": \"b\"}, "        \
    "{\"id\": \"c\"}, {\"id\": \"d\"}], \"pairs\": [{\"a\": \"a\", \"b\": "    \
    "\"b\", \"weight\": -1}, {\"a\": \"a\", \"b\": \"c\", \"weight\": -1}, "   \
    "{\"a\": \"c\", \"b\": \"d\", \"weight\": -1}, {\"a\": \"b\", \"b\": "     \
    "\"d\", \"weight\": -1}]}"

static als_problem *read(const char *required)
{
    char json[1024];
    snprintf(json, sizeof json, COHORT, required, required);
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), NULL, &err),
                     ALS_OK);
    return p;
}

static als_allocation *solve(const als_problem *p, als_method m)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.method = m;
    o.effort = 0.05;
    als_allocation *a = NULL;
    als_error err;
    assert_int_equal(als_solve(&a, p, &o, &err), ALS_OK);
    size_t bad = 99;
    assert_int_equal(als_check(p, a, NULL, NULL, &bad, NULL, &err), ALS_OK);
    assert_int_equal(bad, 0);
    return a;
}

static void test_required__read(void **state)
{
    (void)state;
    als_problem *p = read("true");
    assert_int_equal(als_problem_fixed_set_required(p, 0), 1);
    assert_int_equal(als_problem_fixed_set_required(p, 1), 1);
    als_problem_free(p);
    p = read("false");
    assert_int_equal(als_problem_fixed_set_required(p, 1), 0);
    als_problem_free(p);
    char json[1024];
    snprintf(json, sizeof json, COHORT, "false", "\"yes\"");
    als_error err;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), NULL, &err),
                     ALS_ESCHEMA);
    assert_string_equal(err.path, "programme.sets[1].required");
}

static void test_required__both_solvers_open_it(void **state)
{
    (void)state;
    for (int m = 0; m < 2; m++) {
        als_method method = m ? ALS_METHOD_EXACT : ALS_METHOD_HEURISTIC;
        als_problem *free_sets = read("false");
        als_allocation *a = solve(free_sets, method);
        /* all four together in one set: penalty -4 */
        assert_int_equal(als_allocation_set_count(a), 1);
        assert_true(als_allocation_objective(a, NULL).penalty == -4);
        als_allocation_free(a);
        als_problem_free(free_sets);

        als_problem *p = read("true");
        a = solve(p, method);
        assert_int_equal(als_allocation_set_count(a), 2);
        assert_string_equal(als_allocation_set_id(a, 0), "A");
        assert_string_equal(als_allocation_set_id(a, 1), "B");
        /* best split keeps two pairs: -2 */
        assert_true(als_allocation_objective(a, NULL).penalty == -2);
        als_allocation_free(a);
        als_problem_free(p);
    }
}

static void test_required__checker_flags_a_closed_one(void **state)
{
    (void)state;
    als_problem *p = read("true");
    const char *doc = "{\"sets\": [{\"id\": \"A\", \"day\": null, \"members\": "
                      "[\"a\", \"b\", \"c\", \"d\"]}]}";
    als_allocation *a = NULL;
    als_error err;
    assert_int_equal(als_allocation_from_json(&a, doc, strlen(doc), NULL, &err),
                     ALS_OK);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 0;
    assert_int_equal(als_check(p, a, NULL, d, &bad, NULL, &err), ALS_OK);
    assert_int_equal(bad, 1);
    assert_string_equal(als_diag_get(d, 0)->path, "sets");
    assert_non_null(strstr(als_diag_get(d, 0)->message, "'B'"));
    als_diag_free(d);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_required__infeasible_when_too_few(void **state)
{
    (void)state;
    const char *json =
        "{\"programme\": {\"set_size\": 3, \"sets\": [{\"id\": \"A\", "
        "\"required\": true}, {\"id\": \"B\", \"required\": true}]}, "
        "\"applicants\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}, "
        "{\"id\": \"d\"}]}";
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), NULL, &err),
                     ALS_OK);
    for (int m = 0; m < 2; m++) {
        als_solve_options o;
        als_solve_options_init(&o, p);
        o.method = m ? ALS_METHOD_EXACT : ALS_METHOD_HEURISTIC;
        o.effort = 0.05;
        als_allocation *a = NULL;
        assert_int_equal(als_solve(&a, p, &o, &err), ALS_OK);
        assert_int_equal(als_allocation_status(a), ALS_SOLVE_INFEASIBLE);
        assert_int_equal(als_allocation_set_count(a), 0);
        als_allocation_free(a);
    }
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_required__read),
        cmocka_unit_test(test_required__both_solvers_open_it),
        cmocka_unit_test(test_required__checker_flags_a_closed_one),
        cmocka_unit_test(test_required__infeasible_when_too_few),
    };
    return cmocka_run_group_tests_name("required", tests, NULL, NULL);
}
