/*
 * Fuzz target for re-runs: a cohort and a previous allocation.
 *
 * Each input is split at its NUL bytes: the cohort (before the first), the
 * previous allocation (after it) and, when there is a second NUL byte, a
 * current allocation (after that). When both documents read, the target
 * runs als_check_previous(), als_check() of the previous allocation and of
 * the current one against the previous, and, for a cohort of at most 40
 * applicants, a tiny re-run solve (heuristic, effort 0.001, 0.05 s).
 *
 * Besides the sanitizers, the target aborts when a documented promise is
 * broken: a status and the diagnostics that disagree, als_check() failing
 * otherwise than als_check_previous() does, or a re-run whose allocation
 * does not pass als_check() with the previous allocation (or that the
 * solver itself calls invalid, ALS_ESOLVER).
 *
 * Built with libFuzzer it is a fuzzer; built with ALS_FUZZ_REPLAY defined
 * it is a plain program replaying tests/fuzz/corpus_rerun/.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "als.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_rerun"

/* Cohorts larger than this are not solved: a solve must stay tiny. */
#define SOLVE_MAX_APPLICANTS 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, FUZZ_NAME ": broken promise: %s\n", what);
    abort();
}

/* A failing status must come with its diagnostic, in err and diag. */
static void check_failure(als_status rc, const als_diag *d,
                          const als_error *err)
{
    if (rc == ALS_OK || rc == ALS_ENOMEM)
        return;
    if (err->code != rc)
        broken("err does not hold the status returned");
    if (err->message[0] == '\0')
        broken("an error without a message");
    if (d && als_diag_errors(d) == 0)
        broken("an error status without an error in the diag");
}

/* als_check() with a previous allocation fails only as
   als_check_previous() does. */
static void check_against(const als_problem *p, const als_allocation *a,
                          const als_allocation *prev, als_status prc,
                          als_diag *d)
{
    size_t violations = 0;
    als_error err;
    memset(&err, 0, sizeof err);
    als_diag_clear(d);
    als_status rc = als_check(p, a, prev, d, &violations, NULL, &err);
    if (rc == ALS_ENOMEM)
        return;
    if (rc != prc)
        broken("als_check with a previous allocation: not the status of "
               "als_check_previous");
    if (rc == ALS_OK && als_diag_total(d) == als_diag_count(d) &&
        violations != als_diag_errors(d))
        broken("als_check: violations and diag disagree");
    check_failure(rc, d, &err);
}

static void rerun(const als_problem *p, const als_allocation *prev)
{
    als_solve_options o;
    als_allocation *a = NULL;
    als_error err;
    als_solve_options_init(&o, p);
    o.method = ALS_METHOD_HEURISTIC;
    o.effort = 0.001;
    o.time_limit_s = 0.05;
    o.previous = prev;
    memset(&err, 0, sizeof err);
    als_status rc = als_solve(&a, p, &o, &err);
    if (rc != ALS_OK) {
        if (a)
            broken("als_solve: an allocation with an error status");
        if (rc == ALS_ESOLVER || rc == ALS_EINVAL) {
            fprintf(stderr, "%s: %s\n", err.path, err.message);
            broken("als_solve failed on a valid re-run");
        }
        check_failure(rc, NULL, &err);
        return;
    }
    if (!a)
        broken("als_solve: ALS_OK without an allocation");
    als_diag *d = NULL;
    if (als_diag_new(&d) == ALS_OK) {
        size_t violations = 0;
        memset(&err, 0, sizeof err);
        rc = als_check(p, a, prev, d, &violations, NULL, &err);
        if (rc != ALS_OK && rc != ALS_ENOMEM)
            broken("als_check of a re-run's allocation failed");
        if (rc == ALS_OK && violations != 0) {
            const als_error *e = als_diag_get(d, 0);
            if (e)
                fprintf(stderr, "%s: %s\n", e->path, e->message);
            broken("a re-run's allocation does not pass als_check");
        }
        als_diag_free(d);
    }
    als_allocation_free(a);
}

static void run(const char *cohort, size_t clen, const char *prevtext,
                size_t plen, const char *curtext, size_t curlen)
{
    als_diag *d = NULL;
    als_problem *p = NULL;
    als_allocation *prev = NULL, *cur = NULL;
    als_error err;
    if (als_diag_new(&d) != ALS_OK)
        return;
    if (als_problem_from_json(&p, cohort, clen, NULL, NULL) != ALS_OK ||
        als_allocation_from_json(&prev, prevtext, plen, NULL, NULL) != ALS_OK)
        goto done;
    if (curtext)
        (void)als_allocation_from_json(&cur, curtext, curlen, NULL, NULL);

    memset(&err, 0, sizeof err);
    als_status prc = als_check_previous(p, prev, d, &err);
    if (prc != ALS_OK && prc != ALS_ESCHEMA && prc != ALS_ENOMEM)
        broken("als_check_previous: a status it does not return");
    check_failure(prc, d, &err);
    if (prc == ALS_OK && als_diag_errors(d) != 0)
        broken("als_check_previous: ALS_OK with errors in the diag");
    if (prc == ALS_ENOMEM)
        goto done;

    check_against(p, prev, prev, prc, d);
    if (cur)
        check_against(p, cur, prev, prc, d);
    if (prc == ALS_OK && als_problem_applicant_count(p) <= SOLVE_MAX_APPLICANTS)
        rerun(p, prev);
done:
    als_allocation_free(cur);
    als_allocation_free(prev);
    als_problem_free(p);
    als_diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, 0, size);
    if (!nul)
        return 0;
    size_t clen = (size_t)(nul - text);
    const char *prev = nul + 1;
    size_t plen = size - clen - 1;
    const char *cur = memchr(prev, 0, plen);
    size_t curlen = 0;
    if (cur) {
        curlen = plen - (size_t)(cur - prev) - 1;
        plen = (size_t)(cur - prev);
        cur++;
    }
    run(text, clen, prev, plen, cur, curlen);
    return 0;
}

#ifdef ALS_FUZZ_REPLAY
#include "replay.h"
#endif
