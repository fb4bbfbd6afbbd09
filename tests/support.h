/*
 * Helpers shared by the cmocka tests (include after <cmocka.h>).
 */
#ifndef ALS_TEST_SUPPORT_H
#define ALS_TEST_SUPPORT_H

#include <stdlib.h>
#include <string.h>

#include "als.h"

/* How many of a test's n random trials to run: every one, but a third (at
   least one) in a build with the sanitizers, where the enumerations that
   check each trial run 5 to 10 times slower. There the point is memory and
   undefined-behaviour faults, which the same code paths show at any count;
   the optimised builds run every trial. */
#ifdef ALS_TEST_SANITIZED
#define ALS_TRIALS(n) (((n) + 2) / 3)
#else
#define ALS_TRIALS(n) (n)
#endif

/* A copy of `s` with every ' turned into ", so that JSON can be written in
   C strings without escapes. Free with free(). */
static inline char *json(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    assert_non_null(d);
    for (size_t k = 0; k <= n; k++)
        d[k] = s[k] == '\'' ? '"' : s[k];
    return d;
}

/* Every entry of a diagnostic list, for a failing test's output. */
static inline void print_diag(const als_diag *d)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        print_message("  [%s] '%s': %s\n",
                      e->severity == ALS_SEV_ERROR ? "error" : "warning",
                      e->path, e->message);
    }
}

/* The end of a read that must succeed: `what` and its problems printed
   when it did not, then the test fails. Frees d. */
static inline void test_read_ok(als_status rc, als_diag *d, const char *what)
{
    if (rc != ALS_OK) {
        print_message("%s rejected:\n", what);
        print_diag(d);
    }
    als_diag_free(d);
    assert_int_equal(rc, ALS_OK);
}

/* Read cohort `text` (JSON written with ' for "), which must read: its
   problems are printed, and the test fails, when it does not. */
static inline als_problem *test_problem(const char *text)
{
    char *j = json(text);
    als_problem *p = NULL;
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    als_status rc = als_problem_from_json(&p, j, strlen(j), d, NULL);
    free(j);
    test_read_ok(rc, d, "cohort");
    assert_non_null(p);
    return p;
}

/* The same for an allocation. */
static inline als_allocation *test_allocation(const char *text)
{
    char *j = json(text);
    als_allocation *a = NULL;
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    als_status rc = als_allocation_from_json(&a, j, strlen(j), d, NULL);
    free(j);
    test_read_ok(rc, d, "allocation");
    assert_non_null(a);
    return a;
}

/* Read cohort JSON as it is (no quotes turned), which must read; the test
   fails with the first error and the text when it does not. */
static inline als_problem *test_problem_json(const char *text)
{
    als_problem *p = NULL;
    als_error err;
    if (als_problem_from_json(&p, text, strlen(text), NULL, &err) != ALS_OK)
        fail_msg("cohort rejected: %s: %s\n%s", err.path, err.message, text);
    return p;
}

#endif
