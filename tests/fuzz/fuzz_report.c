/*
 * Fuzz target for reports (als_report) in every format.
 *
 * Each input is split at its first NUL byte: the cohort before it, the
 * allocation after it. When both read, the allocation is reported in
 * text, Markdown, CSV and HTML, and once with a format that does not
 * exist. An input without a NUL byte is a cohort: when it has at most 40
 * applicants, a tiny solve's allocation of it is reported in every format
 * (and must be: the solver's allocations pass als_check()).
 *
 * Besides the sanitizers, the target aborts when a documented promise is
 * broken: a status other than ALS_OK, ALS_ESCHEMA or ALS_ENOMEM (ALS_EINVAL
 * for the unknown format); a report with an error, or none with ALS_OK; a
 * length that is not the report's; ALS_ESCHEMA without its violations, or
 * for an allocation in which als_check() finds none; a text line wider
 * than 80 columns; a script in the HTML.
 *
 * Built with libFuzzer it is a fuzzer; built with ALS_FUZZ_REPLAY defined
 * it is a plain program replaying tests/fuzz/corpus_report/.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "als.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_report"

/* Cohorts larger than this are not solved: a solve must stay tiny. */
#define SOLVE_MAX_APPLICANTS 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, FUZZ_NAME ": broken promise: %s\n", what);
    abort();
}

/* The widest line of a text, in code points. */
static size_t widest_line(const char *s, size_t len)
{
    size_t widest = 0, cur = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == '\n') {
            cur = 0;
            continue;
        }
        if ((c & 0xC0) != 0x80 && ++cur > widest)
            widest = cur;
    }
    return widest;
}

static int has_script(const char *s, size_t len)
{
    static const char tag[] = "<script";
    for (size_t k = 0; k + sizeof tag - 1 <= len; k++) {
        size_t j = 0;
        while (j < sizeof tag - 1 && tolower((unsigned char)s[k + j]) == tag[j])
            j++;
        if (j == sizeof tag - 1)
            return 1;
    }
    return 0;
}

static void report(const als_problem *p, const als_allocation *a, int format,
                   size_t violations, als_diag *d)
{
    char *out = NULL;
    size_t len = 12345;
    als_error err;
    memset(&err, 0, sizeof err);
    als_diag_clear(d);
    als_status rc =
        als_report(p, a, (als_report_format)format, &out, &len, d, &err);
    if (rc == ALS_ENOMEM) {
        if (out)
            broken("a report returned with ALS_ENOMEM");
        return;
    }
    if (format > ALS_REPORT_HTML) {
        if (rc != ALS_EINVAL || out)
            broken("an unknown format not refused with ALS_EINVAL");
        return;
    }
    if (rc == ALS_ESCHEMA) {
        if (out)
            broken("a report returned with ALS_ESCHEMA");
        if (err.code != rc || err.message[0] == '\0')
            broken("ALS_ESCHEMA without its error");
        if (als_diag_errors(d) == 0)
            broken("ALS_ESCHEMA without a violation in the diag");
        if (violations == 0)
            broken("ALS_ESCHEMA for an allocation als_check accepts");
        return;
    }
    if (rc != ALS_OK)
        broken("als_report: a status it does not return");
    if (!out)
        broken("ALS_OK without a report");
    if (len != strlen(out))
        broken("the length is not the report's");
    if (format == ALS_REPORT_TEXT && widest_line(out, len) > 80) {
        fprintf(stderr, "%s", out);
        broken("a text line wider than 80 columns");
    }
    if (format == ALS_REPORT_HTML && has_script(out, len))
        broken("a script in the HTML report");
    als_free(out);
}

/* An input without a NUL byte is a cohort alone: a small one is solved
   (heuristic, effort 0.001, 0.05 s) and its allocation reported, so that
   the reports of cohorts the fuzzer changes are reached without it having
   to write an allocation that fits them. */
static void solve_and_report(const char *text, size_t size)
{
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_diag *d = NULL;
    als_solve_options o;
    if (als_problem_from_json(&p, text, size, NULL, NULL) != ALS_OK)
        return;
    if (als_problem_applicant_count(p) <= SOLVE_MAX_APPLICANTS) {
        als_solve_options_init(&o, p);
        o.method = ALS_METHOD_HEURISTIC;
        o.effort = 0.001;
        o.time_limit_s = 0.05;
        if (als_solve(&a, p, &o, NULL) == ALS_OK && als_diag_new(&d) == ALS_OK)
            for (int f = ALS_REPORT_TEXT; f <= ALS_REPORT_HTML; f++)
                report(p, a, f, 0, d);
    }
    als_diag_free(d);
    als_allocation_free(a);
    als_problem_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, 0, size);
    if (!nul) {
        solve_and_report(text, size);
        return 0;
    }
    size_t clen = (size_t)(nul - text);
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_diag *d = NULL;
    if (als_problem_from_json(&p, text, clen, NULL, NULL) == ALS_OK &&
        als_allocation_from_json(&a, nul + 1, size - clen - 1, NULL, NULL) ==
            ALS_OK &&
        als_diag_new(&d) == ALS_OK) {
        size_t violations = 0;
        als_status rc = als_check(p, a, NULL, d, &violations, NULL, NULL);
        if (rc == ALS_OK)
            for (int f = ALS_REPORT_TEXT; f <= ALS_REPORT_HTML + 1; f++)
                report(p, a, f, violations, d);
    }
    als_diag_free(d);
    als_allocation_free(a);
    als_problem_free(p);
    return 0;
}

#ifdef ALS_FUZZ_REPLAY
#include "replay.h"
#endif
