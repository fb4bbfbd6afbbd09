/*
 * Re-runs after dropouts and late joiners (docs/FORMAT.md section 4): every
 * result is verified by the checker against the previous allocation, which
 * also verifies the changes list and the continuing and moves figures.
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

/* Re-run `p` from `prev` by `method`; the result passes the checker with
   `prev`. */
static als_allocation *rerun_by(const als_problem *p,
                                const als_allocation *prev, als_method method)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.previous = prev;
    o.effort = 0.05;
    o.method = method;
    als_allocation *a = NULL;
    als_error err;
    if (als_solve(&a, p, &o, &err) != ALS_OK)
        fail_msg("re-run failed: %s", err.message);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 0;
    assert_int_equal(als_check(p, a, prev, d, &bad, NULL, &err), ALS_OK);
    if (bad) {
        print_diag(d);
        fail_msg("the re-run breaks %zu rules", bad);
    }
    als_diag_free(d);
    return a;
}

static als_allocation *rerun(const als_problem *p, const als_allocation *prev)
{
    return rerun_by(p, prev, ALS_METHOD_AUTO);
}

static const char *change_reason(const als_allocation *a, const char *id)
{
    for (size_t k = 0; k < als_allocation_change_count(a); k++)
        if (strcmp(als_allocation_change_id(a, k), id) == 0)
            return als_allocation_change_reason(a, k);
    return NULL;
}

static const char *set_of(const als_allocation *a, const char *id)
{
    for (size_t s = 0; s < als_allocation_set_count(a); s++)
        for (size_t k = 0; k < als_allocation_set_size(a, s); k++)
            if (strcmp(als_allocation_member(a, s, k), id) == 0)
                return als_allocation_set_id(a, s);
    return NULL;
}

static const char *reason_of(const als_allocation *a, const char *id)
{
    for (size_t k = 0; k < als_allocation_unassigned_count(a); k++)
        if (strcmp(als_allocation_unassigned_id(a, k), id) == 0)
            return als_allocation_unassigned_reason(a, k);
    return NULL;
}

/* Is there a change for `id` from `from` to `to` (NULL: null)? */
static bool has_change(const als_allocation *a, const char *id,
                       const char *from, const char *to)
{
    for (size_t k = 0; k < als_allocation_change_count(a); k++) {
        if (strcmp(als_allocation_change_id(a, k), id) != 0)
            continue;
        const char *f = als_allocation_change_from(a, k);
        const char *t = als_allocation_change_to(a, k);
        return ((!f && !from) || (f && from && !strcmp(f, from))) &&
               ((!t && !to) || (t && to && !strcmp(t, to)));
    }
    return false;
}

/* Two sets of 4 on tue/thu; people a..h, organisations all different. */
#define PROGRAMME "'programme': {'days': ['tue', 'thu'], 'set_size': 4}"
#define PREVIOUS                                                               \
    "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c', "         \
    "'d']}, {'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'g', 'h']}]}"

/*
 * A target size in a re-run: four sets of 10 (sets of 8 to 12 aiming at
 * 10) each lose one member and four newcomers arrive. Nobody moves, and
 * each newcomer fills a place: four sets of 10 again, by either method.
 */
static void test_rerun__target_size_newcomers_fill_places(void **state)
{
    (void)state;
    static char text[8192], prev[4096];
    int n = snprintf(text, sizeof text,
                     "{'programme': {'set_size': {'min': 8, 'max': 12, "
                     "'target': 10}, 'rules': {'organisation': 'ignore', "
                     "'sector': 'ignore', 'seniority': 'ignore'}}, "
                     "'applicants': [");
    for (int i = 0; i < 40; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "{'id': 'p%d'%s}, ", i,
                      i % 10 == 0 ? ", 'withdrawn': true" : "");
    snprintf(text + n, sizeof text - (size_t)n,
             "{'id': 'n0'}, {'id': 'n1'}, {'id': 'n2'}, {'id': 'n3'}]}");
    n = snprintf(prev, sizeof prev, "{'sets': [");
    for (int s = 0; s < 4; s++) {
        n += snprintf(prev + n, sizeof prev - (size_t)n,
                      "%s{'id': 'S%d', 'members': [", s ? ", " : "", s + 1);
        for (int k = 0; k < 10; k++)
            n += snprintf(prev + n, sizeof prev - (size_t)n, "%s'p%d'",
                          k ? ", " : "", s * 10 + k);
        n += snprintf(prev + n, sizeof prev - (size_t)n, "]}");
    }
    snprintf(prev + n, sizeof prev - (size_t)n, "], 'unassigned': []}");
    als_problem *p = test_problem(text);
    als_allocation *pa = test_allocation(prev);
    static const als_method methods[] = {ALS_METHOD_HEURISTIC,
                                         ALS_METHOD_EXACT};
    for (size_t m = 0; m < 2; m++) {
        als_allocation *a = rerun_by(p, pa, methods[m]);
        als_objective o = als_allocation_objective(a, NULL);
        assert_int_equal(o.continuing, 36);
        assert_int_equal(o.moves, 0);
        assert_int_equal(o.placed, 40);
        assert_int_equal(o.size_deviation, 0);
        assert_int_equal(als_allocation_set_count(a), 4);
        for (size_t s = 0; s < 4; s++)
            assert_int_equal(als_allocation_set_size(a, s), 10);
        als_allocation_free(a);
    }
    als_allocation_free(pa);
    als_problem_free(p);
}

static void test_rerun__unchanged_cohort_moves_nobody(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': "
        "'c'}, {'id': 'd'}, {'id': 'e'}, {'id': 'f'}, {'id': 'g'}, {'id': "
        "'h'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    als_allocation *a = rerun(p, prev);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.continuing, 8);
    assert_int_equal(o.moves, 0);
    assert_int_equal(als_allocation_change_count(a), 0);
    assert_string_equal(set_of(a, "a"), "S1");
    assert_string_equal(set_of(a, "h"), "S2");
    assert_string_equal(als_allocation_set_day(a, 1), "thu");
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__dropout_filled_by_newcomer(void **state)
{
    (void)state;
    /* b withdraws; n (new, free on tue only) takes the place in S1 */
    als_problem *p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b', "
        "'withdrawn': true}, {'id': 'c'}, {'id': 'd'}, {'id': 'e'}, {'id': "
        "'f'}, {'id': 'g'}, {'id': 'h'}, {'id': 'n', 'availability': "
        "['tue']}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    als_allocation *a = rerun(p, prev);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.moves, 0);
    assert_int_equal(o.continuing, 7);
    assert_string_equal(set_of(a, "n"), "S1");
    assert_true(has_change(a, "n", NULL, "S1"));
    assert_true(has_change(a, "b", "S1", NULL));
    assert_string_equal(change_reason(a, "n"),
                        "joined: applied after the last allocation");
    assert_string_equal(change_reason(a, "b"), "withdrew");
    assert_int_equal(als_allocation_change_count(a), 2);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

/* A place freed by a withdrawal goes to the waiting list first, and the
   change says where the newcomer came from. */
static void test_rerun__place_goes_to_the_waiting_list(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b', "
        "'withdrawn': true}, {'id': 'c'}, {'id': 'd'}, {'id': 'e'}, {'id': "
        "'f'}, {'id': 'g'}, {'id': 'h'}, {'id': 'w', 'availability': "
        "['tue']}]}");
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c', "
        "'d']}, {'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'g', "
        "'h']}], 'unassigned': [{'id': 'w', 'reason': 'full'}]}");
    als_allocation *a = rerun(p, prev);
    assert_string_equal(set_of(a, "w"), "S1");
    assert_string_equal(change_reason(a, "w"), "joined from the waiting list");
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__late_joiners_fill_free_places(void **state)
{
    (void)state;
    /* sets of 4 to 6: two late joiners join without moving anyone */
    als_problem *p = test_problem(
        "{'programme': {'days': ['tue', 'thu'], 'set_size': {'min': 4, "
        "'max': 6}}, 'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, "
        "{'id': 'd'}, {'id': 'e'}, {'id': 'f'}, {'id': 'g'}, {'id': 'h'}, "
        "{'id': 'x', 'availability': ['thu']}, {'id': 'y'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    als_allocation *a = rerun(p, prev);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.moves, 0);
    assert_int_equal(o.placed, 10);
    assert_string_equal(set_of(a, "x"), "S2");
    assert_non_null(set_of(a, "y"));
    assert_int_equal(als_allocation_change_count(a), 2);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__late_joiner_waits_with_a_reason(void **state)
{
    (void)state;
    /* sets of exactly 4, both full: the joiner waits, nobody moves */
    als_problem *p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': "
        "'c'}, {'id': 'd'}, {'id': 'e'}, {'id': 'f'}, {'id': 'g'}, {'id': "
        "'h'}, {'id': 'z'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    als_allocation *a = rerun(p, prev);
    assert_int_equal(als_allocation_objective(a, NULL).moves, 0);
    assert_null(set_of(a, "z"));
    const char *why = reason_of(a, "z");
    assert_non_null(why);
    assert_true(strlen(why) > 10);
    /* a place freed in either set could be theirs */
    assert_int_equal(als_allocation_unassigned_id(a, 0)[0], 'z');
    assert_int_equal(als_allocation_unassigned_standby_count(a, 0), 2);
    assert_string_equal(als_allocation_unassigned_standby(a, 0, 0), "S1");
    assert_string_equal(als_allocation_unassigned_standby(a, 0, 1), "S2");
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

/* Council pairs in sets of 3 to 4. */
#define COUNCILS                                                               \
    "'programme': {'set_size': {'min': 3, 'max': 4}}, 'applicants': ["         \
    "{'id': 'o1', 'council': 'Leeds', 'role': 'officer'%s}, "                  \
    "{'id': 'c1', 'council': 'Leeds', 'role': 'councillor'%s}, "               \
    "{'id': 'p'}, {'id': 'q'}, {'id': 'r'}, {'id': 's'}, {'id': 't'}]"
#define COUNCILS_PREVIOUS                                                      \
    "{'sets': [{'id': 'S1', 'day': null, 'members': ['o1', 'c1', 'p', "        \
    "'q']}, {'id': 'S2', 'day': null, 'members': ['r', 's', 't']}]}"

static void test_rerun__whole_council_pair_withdraws(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "{" COUNCILS "}", ", 'withdrawn': true",
             ", 'withdrawn': true");
    als_problem *p = test_problem(text);
    als_allocation *prev = test_allocation(COUNCILS_PREVIOUS);
    als_allocation *a = rerun(p, prev);
    assert_true(has_change(a, "o1", "S1", NULL));
    assert_true(has_change(a, "c1", "S1", NULL));
    /* S1 is down to p and q, below its minimum of 3 but at its floor of
       2: it carries on as it is, and nobody moves or waits */
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.placed, 5);
    assert_int_equal(o.moves, 0);
    assert_string_equal(set_of(a, "p"), "S1");
    assert_string_equal(set_of(a, "q"), "S1");
    assert_string_equal(set_of(a, "r"), "S2");
    assert_int_equal(als_allocation_change_count(a), 2);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__half_a_council_pair_withdraws(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "{" COUNCILS "}", "", ", 'withdrawn': true");
    als_problem *p = test_problem(text);
    als_allocation *prev = test_allocation(COUNCILS_PREVIOUS);
    als_allocation *a = rerun(p, prev);
    /* the officer stays in her set: the council pair rule is for units
       placed anew, not for members already in a running set */
    assert_string_equal(set_of(a, "o1"), "S1");
    assert_null(change_reason(a, "o1"));
    assert_true(has_change(a, "c1", "S1", NULL));
    assert_string_equal(change_reason(a, "c1"), "withdrew");
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.moves, 0);
    assert_int_equal(o.placed, 6);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__set_that_cannot_continue(void **state)
{
    (void)state;
    /* S2 loses three of four: h alone cannot continue; sets of 4 to 5, so
       h moves into S1 (one move), which is the least possible */
    als_problem *p = test_problem(
        "{'programme': {'days': ['tue', 'thu'], 'set_size': {'min': 4, "
        "'max': 5}}, 'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, "
        "{'id': 'd'}, {'id': 'e', 'withdrawn': true}, {'id': 'f', "
        "'withdrawn': true}, {'id': 'g', 'withdrawn': true}, {'id': 'h'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    als_allocation *a = rerun(p, prev);
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.continuing, 5);
    assert_int_equal(o.moves, 1);
    assert_string_equal(set_of(a, "h"), "S1");
    assert_true(has_change(a, "h", "S2", "S1"));
    assert_int_equal(als_allocation_set_count(a), 1);
    /* and it says why */
    const char *why = change_reason(a, "h");
    assert_non_null(why);
    assert_string_equal(why, "set 'S2' closed: 1 of its members remain, and "
                             "a running set carries on with at least 2");
    assert_string_equal(change_reason(a, "e"), "withdrew");
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__applicant_who_left_comes_back(void **state)
{
    (void)state;
    /* r had left (not in the previous allocation); back, r is new */
    als_problem *p = test_problem(
        "{'programme': {'set_size': {'min': 4, 'max': 5}}, 'applicants': "
        "[{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, {'id': 'd'}, {'id': 'r'}]}");
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': null, 'members': ['a', 'b', 'c', "
        "'d']}], 'changes': [{'id': 'r', 'from': 'S1', 'to': null}]}");
    als_allocation *a = rerun(p, prev);
    assert_string_equal(set_of(a, "r"), "S1");
    assert_true(has_change(a, "r", NULL, "S1"));
    assert_int_equal(als_allocation_objective(a, NULL).moves, 0);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

/*
 * The guarantee: zero moves whenever keeping everyone is possible. On
 * generated cohorts: allocate, then withdraw some from sets above their
 * minimum and add newcomers; every continuing applicant can stay, so the
 * re-run must move nobody.
 */
static void test_rerun__zero_moves_whenever_possible(void **state)
{
    (void)state;
    uint64_t r = 7;
    for (int trial = 0; trial < 6; trial++) {
        char *text = malloc(32768);
        assert_non_null(text);
        int n = snprintf(text, 32768,
                         "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
                         "\"set_size\": {\"min\": 4, \"max\": 7}}, "
                         "\"applicants\": [");
        for (int i = 0; i < 60; i++) {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            n += snprintf(text + n, 32768 - (size_t)n,
                          "%s{\"id\": \"a%d\", \"organisation\": \"o%u\", "
                          "\"sector\": \"s%u\", \"seniority\": %u%s}",
                          i ? ", " : "", i, (unsigned)(r % 30),
                          (unsigned)(r >> 8) % 3, (unsigned)(r >> 16) % 5,
                          (r >> 24) % 4 == 0 ? ", \"availability\": [\"tue\"]"
                                             : "");
        }
        snprintf(text + n, 32768 - (size_t)n, "]}");
        als_problem *p = NULL;
        als_error err;
        assert_int_equal(
            als_problem_from_json(&p, text, strlen(text), NULL, &err), ALS_OK);
        als_solve_options o;
        als_solve_options_init(&o, p);
        o.effort = 0.05;
        als_allocation *first = NULL;
        assert_int_equal(als_solve(&first, p, &o, &err), ALS_OK);
        /* the same cohort with one member of each set above its minimum
           withdrawn, and two newcomers free on both days */
        char *next = malloc(40000);
        assert_non_null(next);
        n = snprintf(next, 40000,
                     "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
                     "\"set_size\": {\"min\": 4, \"max\": 7}}, "
                     "\"applicants\": [");
        for (size_t i = 0; i < als_problem_applicant_count(p); i++) {
            const char *id = als_problem_applicant_id(p, i);
            bool gone = false;
            for (size_t s = 0; s < als_allocation_set_count(first); s++)
                gone |= als_allocation_set_size(first, s) > 4 &&
                        !strcmp(als_allocation_member(first, s, 0), id);
            n += snprintf(next + n, 40000 - (size_t)n,
                          "%s{\"id\": \"%s\", \"organisation\": \"%s\", "
                          "\"sector\": \"%s\", \"seniority\": %d%s%s}",
                          i ? ", " : "", id,
                          als_problem_applicant_organisation(p, i),
                          als_problem_applicant_sector(p, i),
                          als_problem_applicant_level(p, i),
                          als_problem_applicant_available(p, i, 1)
                              ? ""
                              : ", \"availability\": [\"tue\"]",
                          gone ? ", \"withdrawn\": true" : "");
        }
        snprintf(next + n, 40000 - (size_t)n,
                 ", {\"id\": \"new1\"}, {\"id\": \"new2\"}]}");
        als_problem *p2 = NULL;
        assert_int_equal(
            als_problem_from_json(&p2, next, strlen(next), NULL, &err), ALS_OK);
        als_allocation *again = rerun(p2, first);
        als_objective ob = als_allocation_objective(again, NULL);
        if (ob.moves != 0)
            fail_msg("trial %d: %lld moves where none was needed", trial,
                     ob.moves);
        als_allocation_free(again);
        als_allocation_free(first);
        als_problem_free(p2);
        als_problem_free(p);
        free(next);
        free(text);
    }
}

/* ------------------------------------------------------------------ */
/* Pins to the previous allocation's sets (docs/FORMAT.md section 4)        */

/* A re-run solved by `method`; NULL with *rc set when it fails. */
static als_allocation *try_rerun(const als_problem *p,
                                 const als_allocation *prev, als_method method,
                                 als_status *rc, als_error *err)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.previous = prev;
    o.method = method;
    o.effort = 0.05;
    als_allocation *a = (als_allocation *)&o; /* must be overwritten */
    memset(err, 0, sizeof *err);
    *rc = als_solve(&a, p, &o, err);
    if (*rc != ALS_OK) {
        assert_null(a);
        return NULL;
    }
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    size_t bad = 0;
    assert_int_equal(als_check(p, a, prev, d, &bad, NULL, err), ALS_OK);
    if (bad) {
        print_diag(d);
        fail_msg("the re-run breaks %zu rules", bad);
    }
    als_diag_free(d);
    return a;
}

static const als_method methods[] = {ALS_METHOD_EXACT, ALS_METHOD_HEURISTIC,
                                     ALS_METHOD_AUTO};

static void test_rerun__pins_to_previous_sets_hold(void **state)
{
    (void)state;
    /* sets of 4 to 5, no fixed sets: z (new) is pinned to S1 although its
       sector would balance S2 better, and d is pinned to S2: d moves */
    als_problem *p = test_problem(
        "{'programme': {'days': ['tue', 'thu'], 'set_size': {'min': 4, "
        "'max': 5}}, 'applicants': [{'id': 'a', 'sector': 'x'}, {'id': "
        "'b', 'sector': 'x'}, {'id': 'c', 'sector': 'x'}, {'id': 'd', "
        "'sector': 'y', 'set': 'S2'}, {'id': 'e', 'sector': 'y'}, {'id': "
        "'f', 'sector': 'y'}, {'id': 'g', 'sector': 'z'}, {'id': 'h', "
        "'sector': 'z'}, {'id': 'z', 'sector': 'x', 'set': 'S1'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    for (size_t m = 0; m < 3; m++) {
        als_status rc;
        als_error err;
        als_allocation *a = try_rerun(p, prev, methods[m], &rc, &err);
        if (!a)
            fail_msg("method %zu: %s: %s", m, err.path, err.message);
        assert_int_equal(als_allocation_status(a),
                         methods[m] == ALS_METHOD_HEURISTIC
                             ? ALS_SOLVE_FEASIBLE
                             : ALS_SOLVE_OPTIMAL);
        assert_string_equal(set_of(a, "z"), "S1");
        assert_string_equal(set_of(a, "d"), "S2");
        als_objective o = als_allocation_objective(a, NULL);
        assert_int_equal(o.continuing, 8);
        assert_int_equal(o.moves, 1);
        assert_int_equal(o.placed, 9);
        assert_true(has_change(a, "d", "S1", "S2"));
        als_allocation_free(a);
    }
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__pin_to_a_set_the_previous_allocation_lacks(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': "
        "'c'}, {'id': 'd'}, {'id': 'e'}, {'id': 'f'}, {'id': 'g'}, {'id': "
        "'h'}, {'id': 'q', 'set': 'S9', 'withdrawn': true}, {'id': 'z', "
        "'set': 'S3'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    for (size_t m = 0; m < 3; m++) {
        als_status rc;
        als_error err;
        assert_null(try_rerun(p, prev, methods[m], &rc, &err));
        assert_int_equal(rc, ALS_ESCHEMA);
        assert_int_equal(err.code, ALS_ESCHEMA);
        /* q has withdrawn: only z's pin counts */
        assert_string_equal(err.path, "applicants[9].set");
        assert_non_null(strstr(err.message, "'S3'"));
        assert_non_null(strstr(err.message, "previous allocation"));
    }
    als_allocation_free(prev);
    als_problem_free(p);
}

static void test_rerun__pin_to_a_previous_set_that_cannot_hold(void **state)
{
    (void)state;
    /* z is pinned to S1, which meets on tue; z can only make thu */
    als_problem *p = test_problem(
        "{'programme': {'days': ['tue', 'thu'], 'set_size': {'min': 4, "
        "'max': 5}}, 'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': 'c'},"
        " {'id': 'd'}, {'id': 'e'}, {'id': 'f'}, {'id': 'g'}, {'id': 'h'}, "
        "{'id': 'z', 'set': 'S1', 'availability': ['thu']}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    for (size_t m = 0; m < 3; m++) {
        als_status rc;
        als_error err;
        als_allocation *a = try_rerun(p, prev, methods[m], &rc, &err);
        if (!a)
            fail_msg("method %zu: %s: %s", m, err.path, err.message);
        assert_int_equal(als_allocation_status(a), ALS_SOLVE_INFEASIBLE);
        const char *why = reason_of(a, "z");
        assert_non_null(why);
        assert_non_null(strstr(why, "'S1'"));
        als_allocation_free(a);
    }
    als_allocation_free(prev);
    als_problem_free(p);
}

/* The text of a file of the source tree (tests run from its root). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4097 > cap) {
            cap = 2 * (len + 4097);
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + len, 1, 4096, f);
        len += got;
    } while (got > 0);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/*
 * The housing example's re-run: two members withdraw, one of them from S6,
 * and a late joiner free on both days could take that place. One move is
 * the least (the exact solver proves it). Giving each waiting applicant
 * its cheapest short set in turn dissolved S6 and moved five; matching the
 * waiting applicants to the missing places keeps S6.
 */
static void test_rerun__short_sets_filled_by_matching(void **state)
{
    (void)state;
    char *ct = slurp("examples/housing/rerun.json");
    char *pt = slurp("examples/housing/allocation.json");
    als_problem *p = NULL;
    als_allocation *prev = NULL;
    als_error err;
    assert_int_equal(als_problem_from_json(&p, ct, strlen(ct), NULL, &err),
                     ALS_OK);
    assert_int_equal(
        als_allocation_from_json(&prev, pt, strlen(pt), NULL, &err), ALS_OK);
    long long least = -1;
    for (int method = 0; method < 2; method++)
        for (unsigned long long seed = 1; seed <= (method ? 3u : 1u); seed++) {
            als_solve_options o;
            als_solve_options_init(&o, p);
            o.previous = prev;
            o.method = method ? ALS_METHOD_HEURISTIC : ALS_METHOD_EXACT;
            o.time_limit_s = 60;
            o.seed = seed;
            als_allocation *a = NULL;
            assert_int_equal(als_solve(&a, p, &o, &err), ALS_OK);
            als_objective ob = als_allocation_objective(a, NULL);
            if (method == 0) {
                assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
                least = ob.moves;
            } else if (ob.moves != least) {
                fail_msg("seed %llu: %lld moves, the least is %lld", seed,
                         ob.moves, least);
            }
            als_allocation_free(a);
        }
    assert_true(least >= 0 && least <= 2);
    als_allocation_free(prev);
    als_problem_free(p);
    free(ct);
    free(pt);
}

/*
 * A unit that lost members stays: S2 keeps four, and the councillor c1,
 * whose council's officer withdrew, stays with them (the council pair rule
 * is for units placed anew). Nobody moves.
 */
static void test_rerun__unit_that_lost_a_member_stays(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{'programme': {'set_size': {'min': 4, 'max': 7}}, 'applicants': ["
        "{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, {'id': 'd'}, "
        "{'id': 'o1', 'council': 'Leeds', 'role': 'officer', "
        "'withdrawn': true}, "
        "{'id': 'c1', 'council': 'Leeds', 'role': 'councillor'}, "
        "{'id': 'e'}, {'id': 'f'}, {'id': 'g'}]}");
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': null, 'members': ['a', 'b', 'c', "
        "'d']}, {'id': 'S2', 'day': null, 'members': ['o1', 'c1', 'e', 'f', "
        "'g']}]}");
    als_allocation *a = rerun(p, prev);
    assert_string_equal(set_of(a, "c1"), "S2");
    assert_string_equal(set_of(a, "e"), "S2");
    assert_true(has_change(a, "o1", "S2", NULL));
    als_objective o = als_allocation_objective(a, NULL);
    assert_int_equal(o.placed, 8);
    assert_int_equal(o.moves, 0);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

/* A programme in progress, by both solvers: nobody moves, nobody who
   stays is left out, and `left` lists exactly who left. */
static void in_progress(const char *cohort_text, const char *prev_text,
                        long long placed, const char *const *left, size_t nleft)
{
    als_problem *p = test_problem(cohort_text);
    als_allocation *prev = test_allocation(prev_text);
    static const als_method both[] = {ALS_METHOD_HEURISTIC, ALS_METHOD_EXACT};
    for (size_t m = 0; m < 2; m++) {
        als_allocation *a = rerun_by(p, prev, both[m]);
        als_objective o = als_allocation_objective(a, NULL);
        assert_int_equal(o.moves, 0);
        assert_int_equal(o.placed, placed);
        size_t gone = 0;
        for (size_t k = 0; k < als_allocation_change_count(a); k++) {
            if (als_allocation_change_to(a, k))
                continue; /* a newcomer placed */
            const char *id = als_allocation_change_id(a, k);
            bool expected = false;
            for (size_t q = 0; q < nleft; q++)
                expected |= strcmp(left[q], id) == 0;
            if (!expected)
                fail_msg("'%s' is listed as leaving: %s", id,
                         als_allocation_change_reason(a, k));
            gone++;
        }
        assert_int_equal(gone, nleft);
        als_allocation_free(a);
    }
    als_allocation_free(prev);
    als_problem_free(p);
}

/* Sets of exactly 4, one member leaves, nobody waits: the set of 3 carries
   on; nobody else is listed as leaving. */
static void test_rerun__set_of_four_loses_one(void **state)
{
    (void)state;
    static const char *const left[] = {"b"};
    in_progress("{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b', "
                "'withdrawn': true}, {'id': 'c'}, {'id': 'd'}, {'id': 'e'}, "
                "{'id': 'f'}, {'id': 'g'}, {'id': 'h'}]}",
                PREVIOUS, 7, left, 1);
}

/* Sets of 8 to 12 on Tuesday PM and Friday AM: two leave a set of 9; the
   set of 7 carries on on its day, and nobody crosses to the other. */
static void test_rerun__two_leave_a_set_of_nine(void **state)
{
    (void)state;
    char text[4096], prev[2048];
    int n = snprintf(text, sizeof text,
                     "{'programme': {'days': ['Tuesday PM', 'Friday AM'], "
                     "'set_size': {'min': 8, 'max': 12}}, 'applicants': [");
    int q = snprintf(prev, sizeof prev,
                     "{'sets': [{'id': 'S1', 'day': "
                     "'Tuesday PM', 'members': [");
    for (int i = 0; i < 9; i++) {
        n += snprintf(text + n, sizeof text - (size_t)n, "{'id': 't%d'%s}, ", i,
                      i < 2 ? ", 'withdrawn': true" : "");
        q += snprintf(prev + q, sizeof prev - (size_t)q, "%s't%d'",
                      i ? ", " : "", i);
    }
    q += snprintf(prev + q, sizeof prev - (size_t)q,
                  "]}, {'id': 'S2', 'day': 'Friday AM', 'members': [");
    for (int i = 0; i < 10; i++) {
        n += snprintf(text + n, sizeof text - (size_t)n, "{'id': 'f%d'}%s", i,
                      i < 9 ? ", " : "");
        q += snprintf(prev + q, sizeof prev - (size_t)q, "%s'f%d'",
                      i ? ", " : "", i);
    }
    snprintf(text + n, sizeof text - (size_t)n, "]}");
    snprintf(prev + q, sizeof prev - (size_t)q, "]}]}");
    static const char *const left[] = {"t0", "t1"};
    in_progress(text, prev, 17, left, 2);
}

/* A council's councillor withdraws after the first session: the officer
   stays in her set with the rest, and no other council's pair moves. */
static void test_rerun__councillor_withdraws(void **state)
{
    (void)state;
    static const char *const left[] = {"c1"};
    in_progress("{'programme': {'set_size': {'min': 4, 'max': 4}}, "
                "'applicants': [{'id': 'o1', 'council': 'Leeds', 'role': "
                "'officer'}, {'id': 'c1', 'council': 'Leeds', 'role': "
                "'councillor', 'withdrawn': true}, {'id': 'o2', 'council': "
                "'York', 'role': 'officer'}, {'id': 'c2', 'council': 'York', "
                "'role': 'councillor'}, {'id': 'a'}, {'id': 'b'}, {'id': "
                "'c'}, {'id': 'd'}]}",
                "{'sets': [{'id': 'S1', 'day': null, 'members': ['o1', "
                "'c1', 'a', 'b']}, {'id': 'S2', 'day': null, 'members': "
                "['o2', 'c2', 'c', 'd']}]}",
                7, left, 1);
}

/* The council nominates a replacement councillor: they join the officer's
   set, in the withdrawn councillor's place. */
static void test_rerun__replacement_joins_the_officer(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{'programme': {'set_size': {'min': 4, 'max': 4}}, 'applicants': ["
        "{'id': 'o1', 'council': 'Leeds', 'role': 'officer'}, {'id': 'c1', "
        "'council': 'Leeds', 'role': 'councillor', 'withdrawn': true}, "
        "{'id': 'a'}, {'id': 'b'}, {'id': 'x'}, {'id': 'y'}, {'id': 'z'}, "
        "{'id': 'w'}, {'id': 'n1', 'council': 'Leeds', 'role': "
        "'councillor'}]}");
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': null, 'members': ['o1', 'c1', 'a', "
        "'b']}, {'id': 'S2', 'day': null, 'members': ['x', 'y', 'z', "
        "'w']}]}");
    static const als_method both[] = {ALS_METHOD_HEURISTIC, ALS_METHOD_EXACT};
    for (size_t m = 0; m < 2; m++) {
        als_allocation *a = rerun_by(p, prev, both[m]);
        assert_string_equal(set_of(a, "n1"), "S1");
        assert_string_equal(set_of(a, "o1"), "S1");
        assert_true(has_change(a, "n1", NULL, "S1"));
        als_objective o = als_allocation_objective(a, NULL);
        assert_int_equal(o.moves, 0);
        assert_int_equal(o.placed, 8);
        als_allocation_free(a);
    }
    als_allocation_free(prev);
    als_problem_free(p);
}

/* A late joiner from a council whose pair is in a full set waits for a
   place there, and the pair stays where it is (both solvers); with room,
   the joiner goes to that set. */
static void test_rerun__late_joiner_to_a_full_council_set(void **state)
{
    (void)state;
    static const char *const cohorts[] = {
        /* S1 full: o1, c1, a, b */
        "{'programme': {'set_size': {'min': 4, 'max': 4}}, 'applicants': ["
        "{'id': 'o1', 'council': 'Leeds', 'role': 'officer'}, {'id': 'c1', "
        "'council': 'Leeds', 'role': 'councillor'}, {'id': 'a'}, {'id': "
        "'b'}, {'id': 'x'}, {'id': 'y'}, {'id': 'z'}, {'id': 'w'}, {'id': "
        "'n1', 'council': 'Leeds', 'role': 'officer'}]}",
        /* b withdrew: a place for the joiner */
        "{'programme': {'set_size': {'min': 4, 'max': 4}}, 'applicants': ["
        "{'id': 'o1', 'council': 'Leeds', 'role': 'officer'}, {'id': 'c1', "
        "'council': 'Leeds', 'role': 'councillor'}, {'id': 'a'}, {'id': "
        "'b', 'withdrawn': true}, {'id': 'x'}, {'id': 'y'}, {'id': 'z'}, "
        "{'id': 'w'}, {'id': 'n1', 'council': 'Leeds', 'role': "
        "'officer'}]}"};
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': null, 'members': ['o1', 'c1', 'a', "
        "'b']}, {'id': 'S2', 'day': null, 'members': ['x', 'y', 'z', "
        "'w']}]}");
    for (size_t c = 0; c < 2; c++) {
        als_problem *p = test_problem(cohorts[c]);
        static const als_method both[] = {ALS_METHOD_HEURISTIC,
                                          ALS_METHOD_EXACT};
        for (size_t m = 0; m < 2; m++) {
            als_allocation *a = rerun_by(p, prev, both[m]);
            als_objective o = als_allocation_objective(a, NULL);
            assert_int_equal(o.moves, 0);
            assert_string_equal(set_of(a, "o1"), "S1");
            assert_string_equal(set_of(a, "c1"), "S1");
            if (c == 0) {
                assert_null(set_of(a, "n1"));
                const char *why = reason_of(a, "n1");
                assert_non_null(why);
                assert_non_null(strstr(why, "waits to join the other "
                                            "nominees of their council"));
                assert_non_null(strstr(why, "set 'S1'"));
            } else {
                assert_non_null(set_of(a, "n1"));
                assert_string_equal(set_of(a, "n1"), "S1");
            }
            als_allocation_free(a);
        }
        als_problem_free(p);
    }
    als_allocation_free(prev);
}

/* The checker takes a running set below its minimum only given the
   previous allocation, and only down to its floor. */
static void test_rerun__checker_knows_the_floor(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b', "
        "'withdrawn': true}, {'id': 'c', 'withdrawn': true}, {'id': 'd'}, "
        "{'id': 'e'}, {'id': 'f'}, {'id': 'g'}, {'id': 'h'}]}");
    als_allocation *prev = test_allocation(PREVIOUS);
    als_allocation *ok = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'd']}, "
        "{'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'g', 'h']}], "
        "'unassigned': [], 'changes': [{'id': 'b', 'from': 'S1', 'to': "
        "null}, {'id': 'c', 'from': 'S1', 'to': null}]}");
    size_t bad = 99;
    assert_int_equal(als_check(p, ok, prev, NULL, &bad, NULL, NULL), ALS_OK);
    assert_int_equal(bad, 0);
    /* without the previous allocation, a set of 2 breaks the size rule */
    assert_int_equal(als_check(p, ok, NULL, NULL, &bad, NULL, NULL), ALS_OK);
    assert_int_equal(bad, 1);
    /* a new set of 2 is not a running set */
    als_allocation *new_set = test_allocation(
        "{'sets': [{'id': 'S3', 'day': 'tue', 'members': ['a', 'd']}, "
        "{'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'g', 'h']}], "
        "'unassigned': []}");
    assert_int_equal(als_check(p, new_set, NULL, NULL, &bad, NULL, NULL),
                     ALS_OK);
    assert_true(bad >= 1);
    als_allocation_free(new_set);
    als_allocation_free(ok);
    als_allocation_free(prev);
    als_problem_free(p);
    /* below the floor: one of four continues */
    p = test_problem(
        "{" PROGRAMME ", 'applicants': [{'id': 'a'}, {'id': 'b', "
        "'withdrawn': true}, {'id': 'c', 'withdrawn': true}, {'id': "
        "'d', 'withdrawn': true}, {'id': 'e'}, {'id': 'f'}, {'id': "
        "'g'}, {'id': 'h'}]}");
    prev = test_allocation(PREVIOUS);
    als_allocation *one = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a']}, {'id': "
        "'S2', 'day': 'thu', 'members': ['e', 'f', 'g', 'h']}], "
        "'unassigned': [], 'changes': [{'id': 'b', 'from': 'S1', 'to': "
        "null}, {'id': 'c', 'from': 'S1', 'to': null}, {'id': 'd', 'from': "
        "'S1', 'to': null}]}");
    assert_int_equal(als_check(p, one, prev, NULL, &bad, NULL, NULL), ALS_OK);
    assert_int_equal(bad, 1);
    als_allocation_free(one);
    als_allocation_free(prev);
    als_problem_free(p);
}

/* The waiting list is in order: highest priority first, then the
   cohort's order. */
static void test_rerun__waiting_list_in_order(void **state)
{
    (void)state;
    als_problem *p = test_problem(
        "{'programme': {'set_size': 4, 'sets': 1}, 'applicants': [{'id': "
        "'g', 'priority': -2}, {'id': 'a'}, {'id': 'e', 'priority': -1}, "
        "{'id': 'b'}, {'id': 'h', 'priority': -1}, {'id': 'c'}, {'id': "
        "'d'}, {'id': 'f'}]}");
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.effort = 0.05;
    als_allocation *a = NULL;
    assert_int_equal(als_solve(&a, p, &o, NULL), ALS_OK);
    /* a, b, c, d, f have the highest priority: one of them waits first */
    assert_int_equal(als_allocation_unassigned_count(a), 4);
    long long last_priority = 1;
    size_t last_index = 0;
    for (size_t k = 0; k < 4; k++) {
        size_t i = als_problem_find(p, als_allocation_unassigned_id(a, k));
        long long pr = als_problem_applicant_priority(p, i);
        assert_true(pr < last_priority ||
                    (pr == last_priority && i > last_index));
        last_priority = pr;
        last_index = i;
    }
    assert_string_equal(als_allocation_unassigned_id(a, 1), "e");
    assert_string_equal(als_allocation_unassigned_id(a, 2), "h");
    assert_string_equal(als_allocation_unassigned_id(a, 3), "g");
    als_allocation_free(a);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Identity: the previous allocation must name the same people         */

/* The re-run (als_solve with previous) and als_check with previous both
   refuse `prev` with an input error whose first entry is at `path` and
   says `word`; als_check_previous() lists them all. */
static void assert_refused(const als_problem *p, const als_allocation *prev,
                           const als_allocation *current, const char *path,
                           const char *word)
{
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.previous = prev;
    o.effort = 0.05;
    als_allocation *a = NULL;
    als_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(als_solve(&a, p, &o, &err), ALS_ESCHEMA);
    assert_null(a);
    assert_string_equal(err.path, path);
    if (!strstr(err.message, word))
        fail_msg("'%s' does not say '%s'", err.message, word);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_int_equal(als_check(p, current, prev, d, NULL, NULL, &err),
                     ALS_ESCHEMA);
    assert_string_equal(err.path, path);
    assert_true(als_diag_errors(d) >= 1);
    assert_string_equal(als_diag_get(d, 0)->path, path);
    als_diag_clear(d);
    assert_int_equal(als_check_previous(p, prev, d, &err), ALS_ESCHEMA);
    assert_string_equal(als_diag_get(d, 0)->path, path);
    als_diag_free(d);
}

#define NAMED                                                                  \
    "{" PROGRAMME ", 'applicants': [{'id': 'a', 'name': 'Ann Lee'}, "          \
    "{'id': 'b', 'name': 'Bob Ray'}, {'id': 'c', 'name': 'Cy Dunn'}, "         \
    "{'id': 'd', 'name': 'Di Fox'}, {'id': 'e'}, {'id': 'f'}, {'id': "         \
    "'g'}, {'id': 'h'}]}"

/* Each set records its members' names; a re-run of the same cohort moves
   nobody and keeps recording them. */
static void test_rerun__names_recorded(void **state)
{
    (void)state;
    als_problem *p = test_problem(NAMED);
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.effort = 0.05;
    als_allocation *first = NULL;
    assert_int_equal(als_solve(&first, p, &o, NULL), ALS_OK);
    for (size_t s = 0; s < als_allocation_set_count(first); s++)
        for (size_t k = 0; k < als_allocation_set_size(first, s); k++) {
            size_t i = als_problem_find(p, als_allocation_member(first, s, k));
            const char *want = als_problem_applicant_name(p, i);
            const char *got = als_allocation_member_name(first, s, k);
            if (want)
                assert_string_equal(got, want);
            else
                assert_null(got);
        }
    /* written and read back: the same names */
    char *text = NULL;
    assert_int_equal(als_allocation_to_json(first, &text, NULL, NULL), ALS_OK);
    assert_non_null(strstr(text, "\"names\": ["));
    als_allocation *back = NULL;
    assert_int_equal(
        als_allocation_from_json(&back, text, strlen(text), NULL, NULL),
        ALS_OK);
    char *again = NULL;
    assert_int_equal(als_allocation_to_json(back, &again, NULL, NULL), ALS_OK);
    assert_string_equal(text, again);
    als_allocation *a = rerun(p, back);
    assert_int_equal(als_allocation_objective(a, NULL).moves, 0);
    assert_int_equal(als_allocation_change_count(a), 0);
    als_allocation_free(a);
    als_free(text);
    als_free(again);
    als_allocation_free(back);
    als_allocation_free(first);
    als_problem_free(p);
}

/* A member whose recorded name is another's: stop, naming both, rather
   than move the wrong people. Case and spacing do not count. */
static void test_rerun__renamed_member_stops(void **state)
{
    (void)state;
    als_problem *p = test_problem(NAMED);
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c', "
        "'d'], 'names': ['ann  LEE', 'Bob Ray', 'Sam Patel', null]}, "
        "{'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'g', 'h']}]}");
    als_error err;
    assert_int_equal(als_check_previous(p, prev, NULL, &err), ALS_ESCHEMA);
    assert_string_equal(err.path, "sets[0].members[2]");
    assert_string_equal(err.message,
                        "id 'c' was 'Sam Patel' in the previous allocation "
                        "but is 'Cy Dunn' in the cohort: the ids no longer "
                        "name the same people (docs/FORMAT.md 5.8, ids that "
                        "survive editing the sheet)");
    als_allocation *current = test_allocation(PREVIOUS);
    assert_refused(p, prev, current, "sets[0].members[2]", "Sam Patel");
    als_allocation_free(current);
    als_allocation_free(prev);

    /* names that agree (case, spacing aside): accepted */
    prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c', "
        "'d'], 'names': [' ann  LEE', 'Bob Ray', 'cy dunn', null]}, "
        "{'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'g', 'h']}]}");
    als_allocation *a = rerun(p, prev);
    assert_int_equal(als_allocation_objective(a, NULL).moves, 0);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
}

/* A member listed twice, a set id used twice: input errors at their
   paths, not an internal failure. */
static void test_rerun__listed_twice_is_an_input_error(void **state)
{
    (void)state;
    als_problem *p = test_problem(NAMED);
    als_allocation *current = test_allocation(PREVIOUS);
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c', "
        "'d']}, {'id': 'S2', 'day': 'thu', 'members': ['e', 'f', 'a', "
        "'h']}]}");
    assert_refused(p, prev, current, "sets[1].members[2]", "listed twice");
    als_allocation_free(prev);
    prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c', "
        "'d']}, {'id': 'S1', 'day': 'thu', 'members': ['e', 'f', 'g', "
        "'h']}]}");
    assert_refused(p, prev, current, "sets[1].id", "used twice");
    als_allocation_free(prev);
    als_allocation_free(current);
    als_problem_free(p);
}

/* Most members unknown: another cohort's allocation (or changed ids). Half
   or fewer gone is a programme where people left. */
static void test_rerun__another_cohorts_allocation(void **state)
{
    (void)state;
    als_problem *p = test_problem(NAMED);
    als_allocation *current = test_allocation(PREVIOUS);
    als_allocation *prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['r2', 'r3', "
        "'r4', 'r5']}, {'id': 'S2', 'day': 'thu', 'members': ['r6', 'a', "
        "'b', 'c']}]}");
    assert_refused(p, prev, current, "sets", "5 of the previous");
    als_error err;
    assert_int_equal(als_check_previous(p, prev, NULL, &err), ALS_ESCHEMA);
    assert_string_equal(err.message,
                        "5 of the previous allocation's 8 members are not "
                        "applicants of this cohort (such as 'r2', 'r3', "
                        "...): it is not an allocation of this cohort, or "
                        "the ids changed; keep those who left in the "
                        "cohort, marked withdrawn");
    als_allocation_free(prev);
    prev = test_allocation(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['x1', 'x2', "
        "'x3', 'x4']}, {'id': 'S2', 'day': 'thu', 'members': ['e', 'f', "
        "'g', 'h']}]}");
    assert_int_equal(als_check_previous(p, prev, NULL, NULL), ALS_OK);
    als_allocation_free(prev);
    als_allocation_free(current);
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rerun__unchanged_cohort_moves_nobody),
        cmocka_unit_test(test_rerun__target_size_newcomers_fill_places),
        cmocka_unit_test(test_rerun__dropout_filled_by_newcomer),
        cmocka_unit_test(test_rerun__late_joiners_fill_free_places),
        cmocka_unit_test(test_rerun__late_joiner_waits_with_a_reason),
        cmocka_unit_test(test_rerun__whole_council_pair_withdraws),
        cmocka_unit_test(test_rerun__half_a_council_pair_withdraws),
        cmocka_unit_test(test_rerun__set_that_cannot_continue),
        cmocka_unit_test(test_rerun__applicant_who_left_comes_back),
        cmocka_unit_test(test_rerun__short_sets_filled_by_matching),
        cmocka_unit_test(test_rerun__zero_moves_whenever_possible),
        cmocka_unit_test(test_rerun__pins_to_previous_sets_hold),
        cmocka_unit_test(
            test_rerun__pin_to_a_set_the_previous_allocation_lacks),
        cmocka_unit_test(test_rerun__pin_to_a_previous_set_that_cannot_hold),
        cmocka_unit_test(test_rerun__unit_that_lost_a_member_stays),
        cmocka_unit_test(test_rerun__set_of_four_loses_one),
        cmocka_unit_test(test_rerun__two_leave_a_set_of_nine),
        cmocka_unit_test(test_rerun__councillor_withdraws),
        cmocka_unit_test(test_rerun__replacement_joins_the_officer),
        cmocka_unit_test(test_rerun__checker_knows_the_floor),
        cmocka_unit_test(test_rerun__late_joiner_to_a_full_council_set),
        cmocka_unit_test(test_rerun__waiting_list_in_order),
        cmocka_unit_test(test_rerun__place_goes_to_the_waiting_list),
        cmocka_unit_test(test_rerun__names_recorded),
        cmocka_unit_test(test_rerun__renamed_member_stops),
        cmocka_unit_test(test_rerun__listed_twice_is_an_input_error),
        cmocka_unit_test(test_rerun__another_cohorts_allocation),
    };
    return cmocka_run_group_tests_name("rerun", tests, NULL, NULL);
}
