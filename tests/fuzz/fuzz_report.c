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
 * Whenever a report is written, the calendar of each of the first
 * CALENDAR_MAX_SETS sets is written too (als_calendar_ics()), then written
 * again with the first as its previous text.
 *
 * Besides the sanitizers, the target aborts when a documented promise is
 * broken: a status other than ALS_OK, ALS_ESCHEMA or ALS_ENOMEM (ALS_EINVAL
 * for the unknown format); a report with an error, or none with ALS_OK; a
 * length that is not the report's; ALS_ESCHEMA without its violations, or
 * for an allocation in which als_check() finds none; a text line wider
 * than 80 columns; a script in the HTML; a calendar status other than
 * ALS_OK, ALS_ESCHEMA or ALS_ENOMEM, a calendar that is not a VCALENDAR
 * with CRLF line ends and lines of at most 75 octets, or one that changes
 * when written again over itself with a status other than ALS_OK.
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

/* Calendars are written for at most this many sets of an allocation. */
#define CALENDAR_MAX_SETS 4

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

/* The promises of an iCalendar text: a VCALENDAR, every line ended by
   CRLF and at most 75 octets long (RFC 5545, 3.1). */
static void check_ics(const char *ics, size_t len)
{
    static const char begin[] = "BEGIN:VCALENDAR\r\n";
    if (len != strlen(ics))
        broken("a calendar's length is not its own");
    if (len < sizeof begin - 1 || memcmp(ics, begin, sizeof begin - 1) != 0)
        broken("a calendar that does not begin with BEGIN:VCALENDAR");
    size_t start = 0;
    for (size_t k = 0; k < len; k++) {
        if (ics[k] != '\n')
            continue;
        if (k == 0 || ics[k - 1] != '\r')
            broken("a calendar line not ended by CRLF");
        if (k - 1 - start > 75)
            broken("a calendar line longer than 75 octets");
        start = k + 1;
    }
    if (start != len)
        broken("a calendar whose last line has no CRLF");
}

/* Whether two calendars are the same but for their DTSTAMP lines (the
   time each was made). */
static int same_but_stamp(const char *x, size_t xlen, const char *y,
                          size_t ylen)
{
    static const char stamp[] = "DTSTAMP:";
    size_t i = 0, j = 0;
    while (i < xlen && j < ylen) {
        const char *xe = memchr(x + i, '\n', xlen - i);
        const char *ye = memchr(y + j, '\n', ylen - j);
        size_t xl = xe ? (size_t)(xe - (x + i)) + 1 : xlen - i;
        size_t yl = ye ? (size_t)(ye - (y + j)) + 1 : ylen - j;
        int xs = xl >= sizeof stamp - 1 &&
                 memcmp(x + i, stamp, sizeof stamp - 1) == 0;
        int ys = yl >= sizeof stamp - 1 &&
                 memcmp(y + j, stamp, sizeof stamp - 1) == 0;
        if (xs != ys || (!xs && (xl != yl || memcmp(x + i, y + j, xl) != 0)))
            return 0;
        i += xl;
        j += yl;
    }
    return i == xlen && j == ylen;
}

/* The calendar of set @p s, then again with itself as the previous text. */
static void calendar(const als_problem *p, const als_allocation *a, size_t s)
{
    char *ics = NULL, *again = NULL;
    size_t len = 0, again_len = 0;
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_calendar_ics(p, a, s, NULL, 0, &ics, &len, &err);
    if (rc == ALS_ENOMEM || rc == ALS_ESCHEMA) {
        if (ics)
            broken("a calendar returned with an error");
        if (err.code != rc || err.message[0] == '\0')
            broken("a calendar's error without its message");
        return;
    }
    if (rc != ALS_OK || !ics)
        broken("als_calendar_ics: a status it does not return");
    check_ics(ics, len);
    rc = als_calendar_ics(p, a, s, ics, len, &again, &again_len, &err);
    if (rc == ALS_OK) {
        check_ics(again, again_len);
        if (!same_but_stamp(again, again_len, ics, len))
            broken("a calendar written over itself changed");
    } else if (rc != ALS_ENOMEM) {
        broken("a calendar refused its own text as the previous one");
    }
    als_free(again);
    als_free(ics);
}

static void calendars(const als_problem *p, const als_allocation *a)
{
    size_t n = als_allocation_set_count(a);
    for (size_t s = 0; s < n && s < CALENDAR_MAX_SETS; s++)
        calendar(p, a, s);
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
    if (format == ALS_REPORT_TEXT)
        calendars(p, a);
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
