/*
 * Fuzz target for libals's JSON readers, the checker and the allocation
 * writer.
 *
 * Each input is read both as a cohort (als_problem_from_json) and as an
 * allocation (als_allocation_from_json). An input holding a NUL byte is also
 * split there: the bytes before it are read as the cohort and the bytes
 * after it as the allocation, so that one input can carry both and reach
 * als_check(). What is read is then exercised: a problem's warnings and
 * accessors, an allocation's write/read/write round trip, and the checker,
 * with and without the allocation as its own previous one.
 *
 * Besides the sanitizers, the target aborts when a documented promise is
 * broken: a status and the diagnostics that disagree, a problem whose ids or
 * units do not add up, or written allocation text that does not read back
 * to the same bytes.
 *
 * Built with libFuzzer (-fsanitize=fuzzer) it is a fuzzer; built with
 * ALS_FUZZ_REPLAY defined it is a plain program that runs every file named
 * on its command line, or every file in a directory named there, through the
 * same function (the regression test over tests/fuzz/corpus/).
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop at once: libFuzzer reports the input, the replay reports the file. */
static void broken(const char *what)
{
    fprintf(stderr, "fuzz_json: broken promise: %s\n", what);
    abort();
}

/* Results folded into a sink so that the accessors cannot be optimised
   away. */
static volatile size_t sink;

static void touch(const char *s)
{
    if (s)
        sink += strlen(s);
}

/* The status of a reader and its diagnostics must agree. */
static void check_report(als_status rc, const als_diag *d, const als_error *err,
                         int produced)
{
    if (als_diag_count(d) > ALS_DIAG_CAP ||
        als_diag_total(d) < als_diag_count(d))
        broken("diag count and total");
    if (rc == ALS_OK) {
        if (!produced)
            broken("ALS_OK without a result");
        if (als_diag_errors(d) != 0)
            broken("ALS_OK with errors in the diag");
        return;
    }
    if (produced)
        broken("a result returned with an error status");
    if (rc == ALS_ENOMEM)
        return;
    if (err->code != rc)
        broken("err does not hold the status returned");
    if (als_diag_total(d) == 0)
        broken("an error status without any diagnostic");
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (!e || memchr(e->path, 0, sizeof e->path) == NULL ||
            memchr(e->message, 0, sizeof e->message) == NULL)
            broken("unterminated path or message");
        if (e->severity == ALS_SEV_ERROR && e->message[0] == '\0')
            broken("an error without a message");
        if (e->code == ALS_EPARSE && (e->line == 0 || e->column == 0))
            broken("a syntax error without line and column");
    }
}

/* Walk every accessor of a problem and check that ids and units add up. */
static void walk_problem(const als_problem *p)
{
    size_t n = als_problem_applicant_count(p);
    size_t nu = als_problem_unit_count(p);
    size_t nd = als_problem_day_count(p);
    size_t in_units = 0;
    int min = 0, max = 0, spread = 0;
    double w = 0;
    touch(als_problem_name(p));
    als_problem_set_size(p, &min, &max);
    if (min < 1 || min > max || max > (int)ALS_MAX_SET_SIZE)
        broken("set_size out of range");
    for (size_t d = 0; d < nd; d++)
        touch(als_problem_day(p, d));
    for (size_t l = 0; l < als_problem_level_name_count(p); l++)
        touch(als_problem_level_name(p, (int)l));
    for (size_t s = 0; s < als_problem_fixed_set_count(p); s++) {
        touch(als_problem_fixed_set_id(p, s));
        touch(als_problem_fixed_set_day(p, s));
        als_problem_fixed_set_size(p, s, &min, &max);
        if (min < 1 || min > max)
            broken("fixed set size out of range");
    }
    sink += (size_t)als_problem_max_sets(p);
    sink += (size_t)als_problem_org_mode(p, &w);
    sink += (size_t)als_problem_sector_mode(p, &w);
    sink += (size_t)als_problem_seniority_mode(p, &w, &spread);
    sink += (size_t)als_problem_council_pairs(p);
    sink += als_problem_organisation_count(p) + als_problem_sector_count(p) +
            als_problem_pair_count(p);
    for (size_t i = 0; i < n; i++) {
        const char *id = als_problem_applicant_id(p, i);
        if (!id || !*id)
            broken("an applicant without an id");
        if (als_problem_find(p, id) != i)
            broken("als_problem_find does not find an applicant");
        touch(als_problem_applicant_name(p, i));
        touch(als_problem_applicant_organisation(p, i));
        touch(als_problem_applicant_sector(p, i));
        touch(als_problem_applicant_council(p, i));
        touch(als_problem_applicant_role(p, i));
        sink += (size_t)als_problem_applicant_level(p, i);
        sink += (size_t)als_problem_applicant_priority(p, i);
        for (size_t d = 0; d < nd; d++)
            sink += (size_t)als_problem_applicant_available(p, i, d);
        size_t pin = als_problem_applicant_pin(p, i);
        if (pin != (size_t)-1 && pin >= als_problem_fixed_set_count(p))
            broken("a pin to no fixed set");
        size_t u = als_problem_applicant_unit(p, i);
        if (als_problem_applicant_withdrawn(p, i)) {
            if (u != (size_t)-1)
                broken("a withdrawn applicant in a unit");
        } else if (u >= nu) {
            broken("an active applicant without a unit");
        }
    }
    for (size_t u = 0; u < nu; u++) {
        size_t size = als_problem_unit_size(p, u);
        if (size == 0)
            broken("an empty unit");
        for (size_t k = 0; k < size; k++)
            if (als_problem_applicant_unit(
                    p, als_problem_unit_member(p, u, k)) != u)
                broken("a unit member in another unit");
        in_units += size;
    }
    if (in_units != als_problem_active_count(p))
        broken("units do not hold every active applicant once");
}

/* Written text reads back, and writes again to the same bytes. */
static void round_trip(const als_allocation *a)
{
    char *t1 = NULL, *t2 = NULL;
    size_t n1 = 0, n2 = 0;
    als_allocation *b = NULL;
    if (als_allocation_to_json(a, &t1, &n1, NULL) != ALS_OK)
        return; /* out of memory */
    if (n1 != strlen(t1) || n1 == 0 || t1[n1 - 1] != '\n')
        broken("written text: length or final newline");
    als_status rc = als_allocation_from_json(&b, t1, n1, NULL, NULL);
    if (rc != ALS_OK && rc != ALS_ENOMEM)
        broken("written allocation does not read back");
    if (b) {
        if (als_allocation_to_json(b, &t2, &n2, NULL) == ALS_OK &&
            (n2 != n1 || memcmp(t1, t2, n1) != 0))
            broken("written allocation does not write back the same");
        if (als_allocation_set_count(b) != als_allocation_set_count(a) ||
            als_allocation_unassigned_count(b) !=
                als_allocation_unassigned_count(a) ||
            als_allocation_change_count(b) != als_allocation_change_count(a))
            broken("written allocation lost sets, unassigned or changes");
    }
    als_free(t2);
    als_allocation_free(b);
    als_free(t1);
}

static void walk_allocation(const als_allocation *a)
{
    double bound = 0, gap = 0;
    unsigned present = 0;
    sink += (size_t)als_allocation_status(a);
    touch(als_allocation_method(a));
    sink += (size_t)als_allocation_seed(a);
    sink += (size_t)als_allocation_bound(a, &bound, &gap);
    als_objective o = als_allocation_objective(a, &present);
    sink += (size_t)o.placed + present;
    for (size_t s = 0; s < als_allocation_set_count(a); s++) {
        touch(als_allocation_set_id(a, s));
        touch(als_allocation_set_day(a, s));
        for (size_t k = 0; k < als_allocation_set_size(a, s); k++)
            touch(als_allocation_member(a, s, k));
    }
    for (size_t k = 0; k < als_allocation_unassigned_count(a); k++) {
        touch(als_allocation_unassigned_id(a, k));
        touch(als_allocation_unassigned_reason(a, k));
    }
    for (size_t k = 0; k < als_allocation_change_count(a); k++) {
        touch(als_allocation_change_id(a, k));
        touch(als_allocation_change_from(a, k));
        touch(als_allocation_change_to(a, k));
    }
}

static void run(const char *cohort, size_t clen, const char *alloc, size_t alen)
{
    als_diag *d = NULL;
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_error err;
    if (als_diag_new(&d) != ALS_OK)
        return;

    memset(&err, 0, sizeof err);
    als_status rc = als_problem_from_json(&p, cohort, clen, d, &err);
    check_report(rc, d, &err, p != NULL);

    als_diag_clear(d);
    memset(&err, 0, sizeof err);
    rc = als_allocation_from_json(&a, alloc, alen, d, &err);
    check_report(rc, d, &err, a != NULL);

    if (p) {
        als_diag_clear(d);
        if (als_problem_warnings(p, d, NULL) != ALS_OK)
            broken("als_problem_warnings failed on a valid problem");
        if (als_diag_errors(d) != 0)
            broken("als_problem_warnings reported an error");
        walk_problem(p);
    }
    if (a) {
        walk_allocation(a);
        round_trip(a);
    }
    if (p && a) {
        size_t violations = 0;
        als_objective recomputed;
        als_diag_clear(d);
        rc = als_check(p, a, NULL, d, &violations, &recomputed, NULL);
        if (rc != ALS_OK && rc != ALS_ENOMEM)
            broken("als_check failed");
        /* with every entry stored, the errors are the violations */
        if (rc == ALS_OK && als_diag_total(d) == als_diag_count(d) &&
            violations != als_diag_errors(d))
            broken("als_check: violations and diag disagree");
        als_diag_clear(d);
        rc = als_check(p, a, a, d, &violations, NULL, NULL);
        /* it fails only as als_check_previous() does: a previous
           allocation that cannot be this cohort's */
        als_status prc = als_check_previous(p, a, NULL, NULL);
        if (rc != ALS_OK && rc != ALS_ENOMEM && rc != prc)
            broken("als_check with a previous allocation failed");
        if (prc == ALS_ESCHEMA && rc != ALS_ESCHEMA && rc != ALS_ENOMEM)
            broken("als_check accepted a previous allocation that "
                   "als_check_previous refuses");
    }
    als_allocation_free(a);
    als_problem_free(p);
    als_diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    run(text, size, text, size);
    const uint8_t *nul = memchr(data, 0, size);
    if (nul) {
        size_t k = (size_t)(nul - data);
        run(text, k, text + k + 1, size - k - 1);
    }
    return 0;
}

#ifdef ALS_FUZZ_REPLAY
#define FUZZ_NAME "fuzz_json"
#include "replay.h"
#endif
