/*
 * Threads: libals keeps no global mutable state, so documents can be read,
 * solved and checked on several threads at once. Two threads each read,
 * solve (heuristic), check and write cohorts in a loop, one with syntax
 * errors among its documents (an error path that used to write cJSON's
 * global error position); each compares its results with those made on
 * the main thread beforehand. Run under `valgrind --tool=helgrind` (or a
 * ThreadSanitizer build) to see races, not only wrong results.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "als.h"
#include "support.h"

static const char *const COHORT =
    "{'programme': {'days': ['tue', 'thu'], 'set_size': {'min': 3, 'max': 4},"
    "  'solver': {'method': 'heuristic', 'seed': 3}},"
    " 'applicants': ["
    "  {'id': 'a1', 'organisation': 'N', 'sector': 'x', 'seniority': 1},"
    "  {'id': 'a2', 'organisation': 'N', 'sector': 'y', 'seniority': 2,"
    "   'availability': ['tue']},"
    "  {'id': 'a3', 'organisation': 'S', 'sector': 'x', 'seniority': 3},"
    "  {'id': 'a4', 'organisation': 'S', 'sector': 'y', 'seniority': 1},"
    "  {'id': 'a5', 'organisation': 'E', 'sector': 'z', 'seniority': 2},"
    "  {'id': 'a6', 'organisation': 'W', 'sector': 'z', 'seniority': 3},"
    "  {'id': 'a7', 'organisation': 'E', 'sector': 'x', 'seniority': 1,"
    "   'name': '\\u00e9\\ud83d\\ude00', 'extra': {'k': [1.5e3, true, "
    "null]}}]}";

/* Not JSON: a missing comma on line 2. */
static const char *const BROKEN = "{\"programme\": {\"set_size\": 4}\n"
                                  "  \"applicants\": []}";

typedef struct job {
    const char *cohort;   /* JSON */
    bool with_errors;     /* read BROKEN between rounds */
    const char *expected; /* the allocation JSON made on the main thread */
    int rounds;
    char failure[256]; /* empty when every round matched */
} job;

/* Read, solve, check and write `cohort`; the allocation's JSON, or NULL
   with `why` filled. */
static char *solve_text(const char *cohort, char *why, size_t cap)
{
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_error e;
    char *out = NULL;
    size_t len, bad = 1;
    if (als_problem_from_json(&p, cohort, strlen(cohort), NULL, &e) != ALS_OK) {
        snprintf(why, cap, "cohort: %.150s", e.message);
        goto done;
    }
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.effort = 0.05;
    if (als_solve(&a, p, &o, &e) != ALS_OK ||
        als_check(p, a, NULL, NULL, &bad, NULL, &e) != ALS_OK || bad) {
        snprintf(why, cap, "solve or check: %.150s", e.message);
        goto done;
    }
    if (als_allocation_to_json(a, &out, &len, &e) != ALS_OK) {
        snprintf(why, cap, "write: %.150s", e.message);
        out = NULL;
        goto done;
    }
    /* the solve time varies */
    char *t = strstr(out, "\"time_s\": ");
    if (t) { /* its figure becomes 0 */
        t += 10;
        size_t n = strcspn(t, ",}");
        if (n > 1) {
            *t = '0';
            memmove(t + 1, t + n, strlen(t + n) + 1);
        }
    }
done:
    als_allocation_free(a);
    als_problem_free(p);
    return out;
}

static void *worker(void *arg)
{
    job *j = arg;
    for (int r = 0; r < j->rounds && !j->failure[0]; r++) {
        if (j->with_errors) {
            als_problem *p = NULL;
            als_error e;
            als_status rc =
                als_problem_from_json(&p, BROKEN, strlen(BROKEN), NULL, &e);
            if (rc != ALS_EPARSE || e.line != 2 || e.column != 3) {
                snprintf(j->failure, sizeof j->failure,
                         "round %d: syntax error %d at %u:%u", r, (int)rc,
                         e.line, e.column);
                als_problem_free(p);
                break;
            }
        }
        char why[200] = "";
        char *got = solve_text(j->cohort, why, sizeof why);
        if (!got)
            snprintf(j->failure, sizeof j->failure, "round %d: %s", r, why);
        else if (strcmp(got, j->expected) != 0)
            snprintf(j->failure, sizeof j->failure,
                     "round %d: another allocation", r);
        als_free(got);
    }
    return NULL;
}

static void test_threads__read_solve_check_concurrently(void **state)
{
    (void)state;
    char *cohort = json(COHORT);
    char why[200] = "";
    char *expected = solve_text(cohort, why, sizeof why);
    if (!expected)
        fail_msg("%s", why);
    job jobs[2] = {{cohort, false, expected, 20, ""},
                   {cohort, true, expected, 20, ""}};
    pthread_t t[2];
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_create(&t[k], NULL, worker, &jobs[k]), 0);
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_join(t[k], NULL), 0);
    for (int k = 0; k < 2; k++)
        if (jobs[k].failure[0])
            fail_msg("thread %d: %s", k, jobs[k].failure);
    als_free(expected);
    free(cohort);
}

/* ---- calendars: libical's time zones, first used on two threads ---- */
/* helgrind reports races inside libical here (its time zone cache and the
   count of list elements every component it makes updates: libical's
   process-wide state, README.md); the texts must still match. */

typedef struct cal_job {
    const char *tz; /* the cohort's time zone */
    int rounds;
    char *first;       /* the first round's text, DTSTAMP lines removed */
    char failure[256]; /* empty when every round matched */
} cal_job;

/* A cohort with a calendar in `tz`, its set's iCalendar text without its
   DTSTAMP lines (the time it was made), or NULL with `why` filled. */
static char *calendar_text(const char *tz, char *why, size_t cap)
{
    char doc[1024];
    snprintf(doc, sizeof doc,
             "{\"programme\": {\"days\": [\"tue\"], \"set_size\": 2, "
             "\"calendar\": {\"timezone\": \"%s\", \"sessions\": [{\"title\": "
             "\"x\", \"week\": \"2024-03-25\", \"start\": \"10:00\", "
             "\"minutes\": 60}, {\"title\": \"y\", \"date\": \"2024-11-05\", "
             "\"start\": \"10:00\", \"minutes\": 60}]}}, \"applicants\": "
             "[{\"id\": \"a\", \"email\": \"a@x.org\"}, {\"id\": \"b\"}]}",
             tz);
    static const char alloc[] =
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": "
        "[\"a\", \"b\"]}], \"unassigned\": []}";
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_error e;
    char *out = NULL;
    if (als_problem_from_json(&p, doc, strlen(doc), NULL, &e) != ALS_OK ||
        als_allocation_from_json(&a, alloc, sizeof alloc - 1, NULL, &e) !=
            ALS_OK ||
        als_calendar_ics(p, a, 0, NULL, 0, &out, NULL, &e) != ALS_OK) {
        snprintf(why, cap, "%s: %.150s", tz, e.message);
        out = NULL;
    }
    for (char *d = out ? strstr(out, "DTSTAMP:") : NULL; d;
         d = strstr(d, "DTSTAMP:")) {
        char *end = strstr(d, "\r\n");
        memmove(d, end + 2, strlen(end + 2) + 1);
    }
    als_allocation_free(a);
    als_problem_free(p);
    return out;
}

static void *cal_worker(void *arg)
{
    cal_job *j = arg;
    for (int r = 0; r < j->rounds && !j->failure[0]; r++) {
        char why[200] = "";
        char *got = calendar_text(j->tz, why, sizeof why);
        if (!got)
            snprintf(j->failure, sizeof j->failure, "round %d: %s", r, why);
        else if (!j->first)
            j->first = got, got = NULL;
        else if (strcmp(got, j->first) != 0)
            snprintf(j->failure, sizeof j->failure,
                     "round %d: another calendar", r);
        als_free(got);
    }
    return NULL;
}

static void test_threads__calendars_concurrently(void **state)
{
    (void)state;
    /* zones no other test of this process has loaded: their first use is
       on the threads, at once */
    cal_job jobs[2] = {{"Europe/Paris", 10, NULL, ""},
                       {"Pacific/Auckland", 10, NULL, ""}};
    pthread_t t[2];
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_create(&t[k], NULL, cal_worker, &jobs[k]), 0);
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_join(t[k], NULL), 0);
    for (int k = 0; k < 2; k++) {
        if (jobs[k].failure[0])
            fail_msg("thread %d: %s", k, jobs[k].failure);
        char why[200] = "";
        char *main_text = calendar_text(jobs[k].tz, why, sizeof why);
        if (!main_text)
            fail_msg("%s", why);
        assert_string_equal(main_text, jobs[k].first);
        als_free(main_text);
        als_free(jobs[k].first);
    }
}

/* Burn a core until told to stop (an atomic flag: a volatile one is a
   data race, and at -O1 under the sanitizers the spinners never saw it). */
static void *spin(void *arg)
{
    atomic_bool *stop = arg;
    volatile unsigned long long n = 0;
    while (!atomic_load_explicit(stop, memory_order_relaxed))
        n++;
    return NULL;
}

/* Solve COHORT with the default effort and a time limit that the search's
   own budget nearly fills; the allocation's JSON (time_s 0), and whether
   the time limit stopped it. */
static char *solve_timed(bool *stopped)
{
    als_problem *p = NULL;
    als_allocation *a = NULL;
    char *out = NULL;
    size_t len;
    char *j = json(COHORT);
    assert_int_equal(als_problem_from_json(&p, j, strlen(j), NULL, NULL),
                     ALS_OK);
    free(j);
    als_solve_options o;
    als_solve_options_init(&o, p);
    o.time_limit_s = 0.5;
    assert_int_equal(als_solve(&a, p, &o, NULL), ALS_OK);
    *stopped = als_allocation_stop_reason(a) != ALS_STOP_NONE;
    assert_int_equal(als_allocation_to_json(a, &out, &len, NULL), ALS_OK);
    char *t = strstr(out, "\"time_s\": ");
    if (t) {
        t += 10;
        size_t n = strcspn(t, ",}");
        if (n > 1) {
            *t = '0';
            memmove(t + 1, t + n, strlen(t + n) + 1);
        }
    }
    als_allocation_free(a);
    als_problem_free(p);
    return out;
}

/* The same seed gives the same allocation whatever the machine's load,
   unless the time limit stopped the search, which the allocation then
   says: the search's schedule is counted in iterations, not seconds. */
static void test_threads__same_seed_under_load(void **state)
{
    (void)state;
    bool s0, s1;
    char *quiet = solve_timed(&s0);
    atomic_bool stop = false;
    pthread_t t[3];
    for (int k = 0; k < 3; k++)
        assert_int_equal(pthread_create(&t[k], NULL, spin, &stop), 0);
    char *busy = solve_timed(&s1);
    atomic_store(&stop, true);
    for (int k = 0; k < 3; k++)
        pthread_join(t[k], NULL);
    if (!s0 && !s1 && strcmp(quiet, busy) != 0)
        fail_msg("another allocation under load, with no stop recorded:\n"
                 "%s\n%s",
                 quiet, busy);
    als_free(quiet);
    als_free(busy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads__read_solve_check_concurrently),
        cmocka_unit_test(test_threads__calendars_concurrently),
        cmocka_unit_test(test_threads__same_seed_under_load),
    };
    return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
