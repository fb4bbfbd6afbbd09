/*
 * Fuzz target for libals's spreadsheet import (als_import_csv).
 *
 * Each input is read as a sheet, with the default programme and options.
 * An input holding a NUL byte is also split there: the bytes before it are
 * the programme document and the bytes after it the sheet; when the sheet
 * holds a NUL byte too, what follows it is a columns mapping ("HEADER=FIELD,
 * ..."). A split input is imported under every combination of `strict`
 * and `first_come`, with the mapping.
 *
 * Besides the sanitizers, the target aborts when a documented promise is
 * broken: a status and the diagnostics that disagree, a cohort returned
 * with an error (or none with ALS_OK), a length that is not the cohort's,
 * or a cohort written on success that als_problem_from_json() does not
 * read without errors.
 *
 * Built with libFuzzer it is a fuzzer; built with ALS_FUZZ_REPLAY defined
 * it is a plain program replaying tests/fuzz/corpus_csv/.
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

#define FUZZ_NAME "fuzz_csv"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, FUZZ_NAME ": broken promise: %s\n", what);
    abort();
}

static volatile size_t sink;

static void on_summary(void *user, const char *line)
{
    (void)user;
    if (!line)
        broken("a summary line that is NULL");
    sink += strlen(line);
}

/* The status of the import and its diagnostics must agree. */
static void check_report(als_status rc, const als_diag *d, const als_error *err,
                         int produced)
{
    if (als_diag_count(d) > ALS_DIAG_CAP ||
        als_diag_total(d) < als_diag_count(d))
        broken("diag count and total");
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (!e || memchr(e->path, 0, sizeof e->path) == NULL ||
            memchr(e->message, 0, sizeof e->message) == NULL)
            broken("unterminated path or message");
        if (e->severity == ALS_SEV_ERROR && e->message[0] == '\0')
            broken("an error without a message");
    }
    if (rc == ALS_OK) {
        if (!produced)
            broken("ALS_OK without a cohort");
        if (als_diag_errors(d) != 0)
            broken("ALS_OK with errors in the diag");
        return;
    }
    if (produced)
        broken("a cohort returned with an error status");
    if (rc == ALS_ENOMEM)
        return;
    if (err->code != rc)
        broken("err does not hold the status returned");
    if (als_diag_total(d) == 0)
        broken("an error status without any diagnostic");
}

static void import(const char *prog, size_t plen, const char *csv, size_t clen,
                   const char *columns, int strict, int first_come)
{
    als_diag *d = NULL;
    als_error err;
    als_import_options o;
    char *cohort = NULL;
    size_t len = 0;
    if (als_diag_new(&d) != ALS_OK)
        return;
    als_import_options_init(&o);
    o.columns = columns;
    o.strict = strict;
    o.first_come = first_come;
    o.summary = on_summary;
    memset(&err, 0, sizeof err);
    als_status rc =
        als_import_csv(csv, clen, prog, plen, &o, &cohort, &len, d, &err);
    check_report(rc, d, &err, cohort != NULL);
    if (rc != ALS_OK && len != 0)
        broken("a length with an error status");
    if (cohort) {
        if (len != strlen(cohort))
            broken("cohort_len is not the cohort's length");
        if (strict && als_diag_total(d) != 0)
            broken("strict: ALS_OK with a warning");
        als_problem *p = NULL;
        als_diag_clear(d);
        rc = als_problem_from_json(&p, cohort, len, d, &err);
        if (rc != ALS_OK && rc != ALS_ENOMEM) {
            fprintf(stderr, "%s\n--- %s\n", cohort,
                    als_diag_count(d) ? als_diag_get(d, 0)->message : "");
            broken("the imported cohort does not read back");
        }
        if (p && als_diag_errors(d) != 0)
            broken("the imported cohort reads back with errors");
        als_problem_free(p);
    }
    als_free(cohort);
    als_diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    import(NULL, 0, text, size, NULL, 0, 0);
    const char *nul = memchr(text, 0, size);
    if (!nul)
        return 0;
    size_t plen = (size_t)(nul - text);
    const char *csv = nul + 1;
    size_t clen = size - plen - 1;
    char *columns = NULL;
    const char *nul2 = memchr(csv, 0, clen);
    if (nul2) {
        size_t mlen = clen - (size_t)(nul2 - csv) - 1;
        clen = (size_t)(nul2 - csv);
        columns = malloc(mlen + 1);
        if (!columns)
            return 0;
        memcpy(columns, nul2 + 1, mlen);
        columns[mlen] = '\0';
    }
    /* an empty programme part: the default programme */
    const char *prog = plen ? text : NULL;
    for (int k = 0; k < 4; k++)
        import(prog, plen, csv, clen, columns, k & 1, (k >> 1) & 1);
    free(columns);
    return 0;
}

#ifdef ALS_FUZZ_REPLAY
#include "replay.h"
#endif
