/*
 * Tests of als_import_csv(): spreadsheets as people save them (quoted
 * commas, line breaks in cells, doubled quotes, a byte-order mark,
 * semicolons, CRLF, blank rows, short rows) become cohorts that
 * als_problem_from_json() reads without errors, with the fields the sheet
 * gave; every problem (an unknown or duplicate column, a missing column, a
 * bad day, level or reference, broken quoting, an empty sheet) is reported
 * at its exact row and column, all of them at once; and a programme
 * document supplies the programme and pairs. Files are read from the
 * source directory, where the build runs this program.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "als.h"
#include "support.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static als_diag *new_diag(void)
{
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    return d;
}

/* What one import gave. */
typedef struct result {
    als_status rc;
    als_diag *diag;
    als_error err;
    char *json;
    size_t len;
    als_problem *problem; /* the cohort read back, on success */
} result;

static void result_free(result *r)
{
    als_diag_free(r->diag);
    als_free(r->json);
    als_problem_free(r->problem);
    memset(r, 0, sizeof *r);
}

/*
 * Import `len` bytes of `csv` (with a programme document, a columns
 * mapping and strictness as given). A successful import must read back
 * without errors: the problem is kept in the result.
 */
static result import_n(const char *csv, size_t len, const char *programme,
                       const char *columns, int strict)
{
    result r;
    als_import_options o;
    memset(&r, 0, sizeof r);
    als_import_options_init(&o);
    o.columns = columns;
    o.strict = strict;
    r.diag = new_diag();
    r.rc =
        als_import_csv(csv, len, programme, programme ? strlen(programme) : 0,
                       &o, &r.json, &r.len, r.diag, &r.err);
    if (r.rc != ALS_OK) {
        assert_null(r.json);
        assert_int_equal(r.len, 0);
        return r;
    }
    assert_non_null(r.json);
    assert_int_equal(strlen(r.json), r.len);
    assert_int_equal(als_diag_errors(r.diag), 0);
    als_diag *back = new_diag();
    als_error e;
    als_status rc = als_problem_from_json(&r.problem, r.json, r.len, back, &e);
    if (rc != ALS_OK || als_diag_count(back) != 0) {
        print_diag(back);
        fail_msg("the imported cohort does not read back cleanly:\n%s", r.json);
    }
    als_diag_free(back);
    return r;
}

static result import(const char *csv)
{
    return import_n(csv, strlen(csv), NULL, NULL, 0);
}

/* The import must succeed; print its problems otherwise. */
static void assert_imported(const result *r)
{
    if (r->rc != ALS_OK) {
        print_diag(r->diag);
        fail_msg("import failed: %s", als_status_str(r->rc));
    }
}

/* Entry k of the list is exactly this. */
static void assert_entry(const als_diag *d, size_t k, als_severity sev,
                         unsigned line, unsigned column, const char *message)
{
    const als_error *e = als_diag_get(d, k);
    if (e == NULL) {
        print_diag(d);
        fail_msg("no entry %zu", k);
    }
    if (e->severity != sev || e->line != line || e->column != column ||
        strcmp(e->message, message) != 0) {
        print_diag(d);
        fail_msg("entry %zu: %s %u:%u '%s'\n  expected %s %u:%u '%s'", k,
                 e->severity == ALS_SEV_ERROR ? "error" : "warning", e->line,
                 e->column, e->message,
                 sev == ALS_SEV_ERROR ? "error" : "warning", line, column,
                 message);
    }
    assert_string_equal(e->path, "");
}

/* The only entry of the list is this error, with this status. */
static void assert_only_error(const result *r, als_status code, unsigned line,
                              unsigned column, const char *message)
{
    assert_int_equal(r->rc, code);
    assert_entry(r->diag, 0, ALS_SEV_ERROR, line, column, message);
    if (als_diag_count(r->diag) != 1) {
        print_diag(r->diag);
        fail_msg("expected one entry, found %zu", als_diag_count(r->diag));
    }
    /* err is the first error */
    assert_int_equal(r->err.code, code);
    assert_int_equal(r->err.line, line);
    assert_int_equal(r->err.column, column);
}

static size_t find(const als_problem *p, const char *id)
{
    size_t i = als_problem_find(p, id);
    if (i == (size_t)-1)
        fail_msg("no applicant '%s'", id);
    return i;
}

/* Day names of applicant `id`'s availability, as "tue thu". */
static void assert_days(const als_problem *p, const char *id, const char *want)
{
    char got[128] = "";
    size_t i = find(p, id);
    for (size_t d = 0; d < als_problem_day_count(p); d++)
        if (als_problem_applicant_available(p, i, d)) {
            if (got[0])
                strcat(got, " ");
            strcat(got, als_problem_day(p, d));
        }
    assert_string_equal(got, want);
}

/* The JSON holds `text`. */
static void assert_json_has(const result *r, const char *text)
{
    if (strstr(r->json, text) == NULL)
        fail_msg("expected %s in:\n%s", text, r->json);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;
    if (fp == NULL)
        fail_msg("cannot open %s", path);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    assert_true(n >= 0);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

/* ------------------------------------------------------------------ */
/* CSV as spreadsheets write it                                        */

static void test_import__quoted_commas(void **state)
{
    (void)state;
    result r = import("Name,Organisation,Sector\n"
                      "\"Lee, Ann\",\"Acme, Inc\",public\n"
                      "Bo,Beta,\"private, partner\"\n");
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_count(r.problem), 2);
    size_t i = find(r.problem, "lee-ann-acme-inc");
    assert_string_equal(als_problem_applicant_name(r.problem, i), "Lee, Ann");
    assert_string_equal(als_problem_applicant_organisation(r.problem, i),
                        "Acme, Inc");
    assert_string_equal(
        als_problem_applicant_sector(r.problem, find(r.problem, "bo-beta")),
        "private, partner");
    result_free(&r);
}

static void test_import__line_breaks_in_cells(void **state)
{
    (void)state;
    /* a cell holding line breaks is one row, as a spreadsheet shows it */
    result r = import("Name,Organisation,Grade\n"
                      "Ann,\"Leeds City\r\nCouncil\",1\n"
                      "\"Bob\nRay\",\"B\n\n\",2\n"
                      "Cy,C,3\n");
    assert_imported(&r);
    assert_string_equal(
        als_problem_applicant_organisation(
            r.problem, find(r.problem, "ann-leeds-city-council")),
        "Leeds City Council");
    size_t bob = find(r.problem, "bob-ray-b");
    assert_string_equal(als_problem_applicant_name(r.problem, bob), "Bob Ray");
    assert_string_equal(als_problem_applicant_organisation(r.problem, bob),
                        "B");
    assert_int_equal(
        als_problem_applicant_level(r.problem, find(r.problem, "cy-c")), 3);
    result_free(&r);

    /* and a problem after it is at the spreadsheet's row, not the line */
    r = import("Name,Organisation,Grade\n"
               "Ann,\"Leeds City\nCouncil\",1\n"
               "Bob,B,Manger\n");
    assert_only_error(&r, ALS_ESCHEMA, 3, 3,
                      "row 3, column C (Grade): \"Manger\" is not a "
                      "seniority level; did you mean \"manager\"?");
    result_free(&r);
}

static void test_import__doubled_quotes(void **state)
{
    (void)state;
    result r = import("Name,Organisation\n"
                      "\"Ann \"\"Nan\"\" Lee\",\"The \"\"Q\"\" Co\"\n"
                      "\"\"\"Bob\"\"\",\"\"\n");
    assert_imported(&r);
    size_t i = find(r.problem, "ann-nan-lee-the-q-co");
    assert_string_equal(als_problem_applicant_name(r.problem, i),
                        "Ann \"Nan\" Lee");
    assert_string_equal(als_problem_applicant_organisation(r.problem, i),
                        "The \"Q\" Co");
    i = find(r.problem, "bob");
    assert_string_equal(als_problem_applicant_name(r.problem, i), "\"Bob\"");
    assert_null(als_problem_applicant_organisation(r.problem, i));
    assert_json_has(&r, "\"name\": \"\\\"Bob\\\"\"");
    result_free(&r);
}

static void test_import__byte_order_mark(void **state)
{
    (void)state;
    /* Excel's "CSV UTF-8": the mark must not spoil the first header */
    result r = import("\xEF\xBB\xBFId,Name,Organisation\n"
                      "a1,Zo\xC3\xAB,Caf\xC3\xA9 Ltd\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    size_t i = find(r.problem, "a1");
    assert_string_equal(als_problem_applicant_name(r.problem, i), "Zo\xC3\xAB");
    assert_string_equal(als_problem_applicant_organisation(r.problem, i),
                        "Caf\xC3\xA9 Ltd");
    result_free(&r);
}

static void test_import__semicolons_and_crlf(void **state)
{
    (void)state;
    /* European Excel: semicolons between cells, commas inside them */
    result r = import("Id;Name;Organisation;Availability\r\n"
                      "1;Ann;Smith, Jones & Co;Tue, Thu\r\n"
                      "2;Bob;B;Thu\r\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_string_equal(
        als_problem_applicant_organisation(r.problem, find(r.problem, "1")),
        "Smith, Jones & Co");
    assert_days(r.problem, "1", "tue thu");
    assert_days(r.problem, "2", "thu");
    result_free(&r);

    /* Excel's "sep=;" first line: not a row, so the header is row 1 */
    r = import("sep=;\r\nName;Grade\r\nAnn;zz\r\n");
    assert_only_error(&r, ALS_ESCHEMA, 2, 2,
                      "row 2, column B (Grade): \"zz\" is not a seniority "
                      "level (officer, manager, head, director, chief "
                      "executive), nor a number such as 7 or \"Band 7\"");
    result_free(&r);

    /* tabs, and a lone CR as the line ending */
    r = import("Name\tOrganisation\rAnn\tA, B\rBob\tC\r");
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_count(r.problem), 2);
    assert_string_equal(als_problem_applicant_organisation(
                            r.problem, find(r.problem, "ann-a-b")),
                        "A, B");
    result_free(&r);
}

static void test_import__blank_rows_and_short_rows(void **state)
{
    (void)state;
    /* blank rows (empty, or only delimiters) are skipped but counted;
       short rows and trailing empty cells are fine */
    result r = import("\n"
                      "Name,Sector,Grade,\n"
                      "Ann,x,,\n"
                      "\n"
                      ",,,\n"
                      "  ,  , ,\n"
                      "Bob\n"
                      "Cy,z,2\n"
                      "\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_int_equal(als_problem_applicant_count(r.problem), 3);
    /* ids come from the names, whatever the rows between */
    assert_string_equal(als_problem_applicant_id(r.problem, 0), "ann");
    assert_string_equal(als_problem_applicant_id(r.problem, 1), "bob");
    assert_string_equal(als_problem_applicant_id(r.problem, 2), "cy");
    assert_null(als_problem_applicant_sector(r.problem, 1));
    assert_int_equal(als_problem_applicant_level(r.problem, 1), ALS_NONE);
    assert_int_equal(als_problem_applicant_level(r.problem, 2), 2);
    result_free(&r);

    /* a value in a column without a header: a warning */
    r = import("Name,Sector\nAnn,x,oops\nBob,y\n");
    assert_imported(&r);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 3,
                 "row 1, column C: a column without a header; ignored");
    result_free(&r);
}

static void test_import__applicant_order_and_layout(void **state)
{
    (void)state;
    result r = import("Id,Name\nz9,Zed\na1,Ann\nm5,Mo\n");
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_id(r.problem, 0), "z9");
    assert_string_equal(als_problem_applicant_id(r.problem, 1), "a1");
    assert_string_equal(als_problem_applicant_id(r.problem, 2), "m5");
    /* pretty-printed, one applicant a line, keys in a fixed order */
    assert_string_equal(
        r.json,
        "{\n"
        "  \"format\": \"als-cohort/1\",\n"
        "  \"programme\": {\n"
        "    \"set_size\": {\"min\": 4, \"max\": 8},\n"
        "    \"seniority_levels\": [\"officer\", \"manager\", \"head\", "
        "\"director\", \"chief executive\"],\n"
        "    \"rules\": {\"organisation\": \"distinct\", \"sector\": "
        "\"balance\", \"seniority\": \"similar\", \"council_pairs\": true}\n"
        "  },\n"
        "  \"applicants\": [\n"
        "    {\"id\": \"z9\", \"name\": \"Zed\"},\n"
        "    {\"id\": \"a1\", \"name\": \"Ann\"},\n"
        "    {\"id\": \"m5\", \"name\": \"Mo\"}\n"
        "  ]\n"
        "}\n");
    result_free(&r);
}

/* ------------------------------------------------------------------ */
/* Columns                                                             */

static void test_import__header_spellings(void **state)
{
    (void)state;
    result r = import("APPLICANT ID, first  name ,SURNAME,Organization,"
                      "sector,Band,Days,Together,Apart,Priority,Withdrawn,"
                      "Pin\n"
                      "p1,Ann,Lee,Acme,public,Band 7,Tue,,p2,3,no,\n"
                      "p2,Bob,,Beta,private,6,Thursday,,,-2,yes,\n"
                      "p3,,Cy,Gamma,public,7,Tues and Thurs,,,,,S1\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    size_t i = find(r.problem, "p1");
    assert_string_equal(als_problem_applicant_name(r.problem, i), "Ann Lee");
    assert_string_equal(als_problem_applicant_organisation(r.problem, i),
                        "Acme");
    assert_string_equal(als_problem_applicant_sector(r.problem, i), "public");
    assert_int_equal(als_problem_applicant_level(r.problem, i), 7);
    assert_int_equal(als_problem_applicant_priority(r.problem, i), 3);
    assert_false(als_problem_applicant_withdrawn(r.problem, i));
    i = find(r.problem, "p2");
    assert_string_equal(als_problem_applicant_name(r.problem, i), "Bob");
    assert_int_equal(als_problem_applicant_level(r.problem, i), 6);
    assert_int_equal(als_problem_applicant_priority(r.problem, i), -2);
    assert_true(als_problem_applicant_withdrawn(r.problem, i));
    i = find(r.problem, "p3");
    assert_string_equal(als_problem_applicant_name(r.problem, i), "Cy");
    assert_json_has(&r, "\"set\": \"S1\"");
    assert_json_has(&r, "\"apart\": [\"p2\"]");
    /* the days the sheet names, in weekday order */
    assert_int_equal(als_problem_day_count(r.problem), 2);
    assert_string_equal(als_problem_day(r.problem, 0), "tue");
    assert_string_equal(als_problem_day(r.problem, 1), "thu");
    assert_days(r.problem, "p1", "tue");
    assert_days(r.problem, "p2", "thu");
    assert_days(r.problem, "p3", "tue thu");
    assert_json_has(&r, "{\"id\": \"p3\", \"name\": \"Cy\", "
                        "\"organisation\": \"Gamma\", \"sector\": \"public\", "
                        "\"seniority\": 7, \"set\": \"S1\"}");
    result_free(&r);
}

static void test_import__day_columns(void **state)
{
    (void)state;
    /* one yes/no column per day; the days in weekday order whatever the
       columns' order */
    result r = import("Name,Thursday,Mon,Tue\n"
                      "Ann,yes,,x\n"
                      "Bob,no,No,\xE2\x9C\x93\n"
                      "Cy,,,\n"
                      "Di,no,no,no\n");
    assert_imported(&r);
    assert_int_equal(als_problem_day_count(r.problem), 3);
    assert_string_equal(als_problem_day(r.problem, 0), "mon");
    assert_string_equal(als_problem_day(r.problem, 1), "tue");
    assert_string_equal(als_problem_day(r.problem, 2), "thu");
    assert_days(r.problem, "ann", "tue thu");
    assert_days(r.problem, "bob", "tue");
    assert_days(r.problem, "cy", "mon tue thu"); /* no answer: every day */
    assert_days(r.problem, "di", "");            /* no to every day */
    result_free(&r);

    r = import("Name,Tue,Thu\nAnn,yes,maybe\n");
    assert_only_error(&r, ALS_ESCHEMA, 2, 3,
                      "row 2, column C (Thu): \"maybe\" is not yes or no");
    result_free(&r);

    /* an Availability column and day columns both give availability */
    r = import("Name,Availability,Tue\nAnn,Tue,yes\n");
    assert_only_error(&r, ALS_ESCHEMA, 1, 3,
                      "row 1, column C (Tue): column B (Availability) "
                      "already gives the availability");
    result_free(&r);
}

static void test_import__availability_values(void **state)
{
    (void)state;
    static const char programme[] =
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], \"set_size\": 4}}";
    static const char csv[] = "Id,Availability\n"
                              "a,\"Tue; Thu\"\n"
                              "b,Tuesday and Thursday\n"
                              "c,\"Tues, Thurs\"\n"
                              "d,both\n"
                              "e,Any\n"
                              "f,none\n"
                              "g,Tuesdays only\n"
                              "h,\n"
                              "i,THU\n"
                              "j,Monday or Thursday\n";
    result r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_imported(&r);
    for (const char *id = "abcdeh"; *id; id++) {
        char one[2] = {*id, '\0'};
        assert_days(r.problem, one, "tue thu");
    }
    assert_days(r.problem, "f", "");
    assert_days(r.problem, "g", "tue");
    assert_days(r.problem, "i", "thu");
    assert_days(r.problem, "j", "thu");
    /* every day is written as no availability; none as [] */
    assert_json_has(&r, "{\"id\": \"a\"}");
    assert_json_has(&r, "{\"id\": \"f\", \"availability\": []}");
    /* a weekday the programme does not meet on is ignored, with a warning */
    assert_int_equal(als_diag_count(r.diag), 1);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 11, 2,
                 "row 11, column B (Availability): \"Monday\" is not one of "
                 "the programme's days (tue, thu); ignored");
    result_free(&r);
}

static void test_import__bad_day_names(void **state)
{
    (void)state;
    /* every bad day is reported, each at its row and column */
    result r = import("Id,Name,Organisation,Availability\n"
                      "1,Ann,A,Monday\n"
                      "2,Bob,B,Wednesday\n"
                      "3,Cy,C,Friday\n"
                      "4,Di,D,Mon\n"
                      "5,Ed,E,Wed\n"
                      "6,Flo,F,Wedensday\n"
                      "7,Gus,G,\"Mon, Fryday\"\n"
                      "8,Hal,H,someday\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 3);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 7, 4,
                 "row 7, column D (Availability): \"Wedensday\" is not a "
                 "day; did you mean \"Wednesday\"?");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 8, 4,
                 "row 8, column D (Availability): \"Fryday\" is not a day; "
                 "did you mean \"Friday\"?");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 9, 4,
                 "row 9, column D (Availability): \"someday\" is not a day "
                 "of the week (nor any, both or none)");
    assert_int_equal(r.err.line, 7);
    assert_int_equal(r.err.column, 4);
    result_free(&r);

    /* with a programme, its labels are days too */
    static const char programme[] =
        "{\"programme\": {\"days\": [\"week A\", \"week B\"], "
        "\"set_size\": 4}}";
    static const char csv[] = "Id,Days\n1,week a\n2,Week C\n3,both\n";
    r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_only_error(&r, ALS_ESCHEMA, 3, 2,
                      "row 3, column B (Days): \"Week C\" is not a day; did "
                      "you mean \"week A\"?");
    result_free(&r);

    /* "both" needs exactly two days */
    r = import("Id,Days\n1,Mon\n2,Tue\n3,Wed\n4,both\n");
    assert_only_error(&r, ALS_ESCHEMA, 5, 2,
                      "row 5, column B (Days): \"both\" is unclear: the "
                      "sheet names 3 days");
    result_free(&r);
}

static void test_import__levels(void **state)
{
    (void)state;
    result r = import("Id,Seniority\n"
                      "1,Band 7\n"
                      "2,7\n"
                      "3,Manager\n"
                      "4,CHIEF  EXECUTIVE\n"
                      "5,grade-3\n"
                      "6,\n");
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_level(r.problem, 0), 7);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 7);
    assert_int_equal(als_problem_applicant_level(r.problem, 2), 1);
    assert_int_equal(als_problem_applicant_level(r.problem, 3), 4);
    assert_int_equal(als_problem_applicant_level(r.problem, 4), 3);
    assert_int_equal(als_problem_applicant_level(r.problem, 5), ALS_NONE);
    /* a name is written as the programme spells it */
    assert_json_has(&r, "\"seniority\": \"chief executive\"");
    result_free(&r);

    r = import("Id,Level\n1,Manger\n2,Band 2000\n3,Band 8z\n4,3\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 3);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 2, 2,
                 "row 2, column B (Level): \"Manger\" is not a seniority "
                 "level; did you mean \"manager\"?");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 3, 2,
                 "row 3, column B (Level): level 2000 is out of range "
                 "(0..1000)");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 4, 2,
                 "row 4, column B (Level): \"Band 8z\" is not a seniority "
                 "level (officer, manager, head, director, chief "
                 "executive), nor a number such as 7 or \"Band 7\"");
    result_free(&r);

    /* a programme that names no levels takes numbers only */
    static const char programme[] = "{\"programme\": {\"set_size\": 4}}";
    static const char csv[] = "Id,Grade\n1,5\n2,Head\n";
    r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_only_error(&r, ALS_ESCHEMA, 3, 2,
                      "row 3, column B (Grade): \"Head\" is not a seniority "
                      "level: the programme names none, so give a number "
                      "such as 7 or \"Band 7\"");
    result_free(&r);
}

/* NHS Agenda for Change bands: a sheet naming 8a to 8d has bands as its
   levels, in order, by name; numbers in it are bands too */
static void test_import__nhs_bands(void **state)
{
    (void)state;
    result r = import("Id,Band\n1,Band 5\n2,8a\n3,band 8C\n4,9\n5,Band 7\n"
                      "6,\n");
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_level(r.problem, 0), 4);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 7);
    assert_int_equal(als_problem_applicant_level(r.problem, 2), 9);
    assert_int_equal(als_problem_applicant_level(r.problem, 3), 11);
    assert_int_equal(als_problem_applicant_level(r.problem, 4), 6);
    assert_int_equal(als_problem_applicant_level(r.problem, 5), ALS_NONE);
    assert_json_has(&r, "\"seniority_levels\": [\"Band 1\", \"Band 2\", "
                        "\"Band 3\", \"Band 4\", \"Band 5\", \"Band 6\", "
                        "\"Band 7\", \"Band 8a\", \"Band 8b\", \"Band 8c\", "
                        "\"Band 8d\", \"Band 9\"]");
    assert_json_has(&r, "\"seniority\": \"Band 8c\"");
    result_free(&r);

    /* without 8a to 8d, numbers stay numbers */
    r = import("Id,Band\n1,Band 5\n2,9\n");
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 9);
    result_free(&r);

    /* what cannot be a band, once some row is 8a to 8d */
    r = import("Id,Grade\n1,8\n2,8b\n3,manager\n4,12\n5,0\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 4);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 2, 2,
                 "row 2, column B (Grade): band 8: other rows give NHS bands "
                 "8a to 8d, so say which (8a, 8b, 8c or 8d)");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 4, 2,
                 "row 4, column B (Grade): \"manager\" is not an NHS Agenda "
                 "for Change band, which other rows of this column give (1 "
                 "to 7, 8a to 8d, 9)");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 5, 2,
                 "row 5, column B (Grade): 12 is not an NHS Agenda for "
                 "Change band (1 to 7, 8a to 8d, 9), which other rows of "
                 "this column give");
    assert_entry(r.diag, 3, ALS_SEV_ERROR, 6, 2,
                 "row 6, column B (Grade): 0 is not an NHS Agenda for "
                 "Change band (1 to 7, 8a to 8d, 9), which other rows of "
                 "this column give");
    result_free(&r);

    /* a programme without level names: it gets the bands as its levels,
       and each level is written by name, never as a number */
    static const char programme[] = "{\"programme\": {\"set_size\": 4}}";
    static const char csv[] = "Id,Band\n1,8d\n2,Band 6\n";
    r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_level(r.problem, 0), 10);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 5);
    assert_json_has(&r, "\"seniority\": \"Band 8d\"");
    assert_json_has(&r, "\"seniority_levels\": [\"Band 1\", \"Band 2\"");
    assert_json_has(&r, "\"set_size\": 4");
    result_free(&r);

    /* a programme naming its own levels: those, and nothing else */
    static const char named[] =
        "{\"programme\": {\"set_size\": 4, \"seniority_levels\": "
        "[\"junior\", \"senior\"]}}";
    static const char csv2[] = "Id,Band\n1,senior\n2,8a\n";
    r = import_n(csv2, strlen(csv2), named, NULL, 0);
    assert_only_error(&r, ALS_ESCHEMA, 3, 2,
                      "row 3, column B (Band): \"8a\" is an NHS Agenda for "
                      "Change band, but the programme names its own "
                      "seniority levels (junior, senior): delete its "
                      "seniority_levels to read the column as bands, or "
                      "name the bands there");
    result_free(&r);
}

/* Form exports: a header that asks a question is read by the one field
   whose word it contains, unless another column gives that field. */
static void test_import__question_headers(void **state)
{
    (void)state;
    static const char csv[] =
        "Timestamp,Full name,Your employing organisation,"
        "Which days can you attend?,What is your grade or band?,"
        "Sector and organisation size\n"
        "2026/11/01,Ann,Trust A,\"Tuesday, Thursday\",Band 7,small\n"
        "2026/11/02,Bob,Council B,Tuesday,8a,big\n";
    result r = import(csv);
    assert_imported(&r);
    /* Timestamp is the submission time, used by --first-come */
    assert_int_equal(als_diag_count(r.diag), 4);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 3,
                 "row 1, column C (Your employing organisation): read as the "
                 "organisation, from the words of its header (--columns can "
                 "say otherwise)");
    assert_entry(r.diag, 1, ALS_SEV_WARNING, 1, 4,
                 "row 1, column D (Which days can you attend?): read as the "
                 "availability, from the words of its header (--columns can "
                 "say otherwise)");
    assert_entry(r.diag, 2, ALS_SEV_WARNING, 1, 5,
                 "row 1, column E (What is your grade or band?): read as the "
                 "seniority, from the words of its header (--columns can say "
                 "otherwise)");
    /* two fields' words: not guessed */
    assert_entry(r.diag, 3, ALS_SEV_WARNING, 1, 6,
                 "row 1, column F (Sector and organisation size): unknown "
                 "column, ignored; did you mean \"Sector\"?");
    assert_string_equal(als_problem_applicant_organisation(r.problem, 1),
                        "Council B");
    assert_days(r.problem, "ann-trust-a", "tue thu");
    assert_days(r.problem, "bob-council-b", "tue");
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 7); /* 8a */
    result_free(&r);

    /* a column named outright wins; the question is then unknown */
    static const char csv2[] = "Name,Days,Which days suit you best?\n"
                               "Ann,Tue,Thu\n";
    r = import(csv2);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 1);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 3,
                 "row 1, column C (Which days suit you best?): unknown "
                 "column, ignored");
    assert_days(r.problem, "ann", "tue");
    result_free(&r);

    /* strict: a guess is an error */
    static const char csv3[] = "Name,Which days can you attend?\nAnn,Tue\n";
    r = import_n(csv3, strlen(csv3), NULL, NULL, 1);
    assert_only_error(&r, ALS_ESCHEMA, 1, 2,
                      "row 1, column B (Which days can you attend?): read as "
                      "the availability, from the words of its header "
                      "(--columns can say otherwise)");
    result_free(&r);
}

static void test_import__unknown_headers(void **state)
{
    (void)state;
    static const char csv[] = "Name,Comments,Organsation,Notes\n"
                              "Ann,none,A,likes tea\n";
    result r = import(csv);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 3);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 2,
                 "row 1, column B (Comments): unknown column, ignored");
    assert_entry(r.diag, 1, ALS_SEV_WARNING, 1, 3,
                 "row 1, column C (Organsation): unknown column, ignored; "
                 "did you mean \"Organisation\"?");
    assert_entry(r.diag, 2, ALS_SEV_WARNING, 1, 4,
                 "row 1, column D (Notes): unknown column, ignored");
    assert_null(als_problem_applicant_organisation(r.problem, 0));
    result_free(&r);

    /* strict: the same are errors, and nothing is written */
    r = import_n(csv, strlen(csv), NULL, NULL, 1);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_errors(r.diag), 3);
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 1, 3,
                 "row 1, column C (Organsation): unknown column, ignored; "
                 "did you mean \"Organisation\"?");
    result_free(&r);

    /* mapped away, no warning even when strict */
    r = import_n(csv, strlen(csv), NULL,
                 "Comments=ignore, Organsation = organisation,notes=ignore", 1);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_string_equal(als_problem_applicant_organisation(r.problem, 0), "A");
    result_free(&r);
}

static void test_import__duplicate_columns(void **state)
{
    (void)state;
    /* both column letters are named */
    result r = import("Id,Name,Employer,Sector,Organisation\n1,Ann,A,x,B\n");
    assert_only_error(&r, ALS_ESCHEMA, 1, 5,
                      "row 1, column E (Organisation): column C (Employer) "
                      "already gives the organisation");
    result_free(&r);

    /* every duplicate at once */
    r = import("Grade,Name,Level,Full name,Tue,Tuesday\nx,Ann,y,A,yes,no\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 3);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 1, 3,
                 "row 1, column C (Level): column A (Grade) already gives "
                 "the seniority");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 1, 4,
                 "row 1, column D (Full name): column B (Name) already "
                 "gives the name");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 1, 6,
                 "row 1, column F (Tuesday): column E (Tue) already gives "
                 "the availability on tue");
    result_free(&r);
}

static void test_import__council_column(void **state)
{
    (void)state;
    /* with roles, Council is the nomination that pairs officer and
       councillor */
    result r = import("Name,Council,Role\n"
                      "Ann,Leeds,Officer\n"
                      "Bob,Leeds,Cllr\n"
                      "Cy,York,officer\n"
                      "Di,York,Councillor\n");
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_council(r.problem, 0), "Leeds");
    assert_string_equal(als_problem_applicant_role(r.problem, 1), "councillor");
    assert_int_equal(als_problem_unit_count(r.problem), 2);
    assert_int_equal(als_problem_applicant_unit(r.problem, 0),
                     als_problem_applicant_unit(r.problem, 1));
    result_free(&r);

    /* without, it is the employer */
    r = import("Name,Council\nAnn,Leeds\nBob,Leeds\n");
    assert_imported(&r);
    assert_null(als_problem_applicant_council(r.problem, 0));
    assert_string_equal(als_problem_applicant_organisation(r.problem, 0),
                        "Leeds");
    assert_int_equal(als_problem_unit_count(r.problem), 2);
    result_free(&r);
}

static void test_import__missing_required_column(void **state)
{
    (void)state;
    result r = import("Organisation,Sector,Grade\nA,public,3\n");
    assert_only_error(&r, ALS_ESCHEMA, 1, 0,
                      "row 1: no column gives an id, an e-mail or a name (a "
                      "header such as Id, Email, Name, or First name and "
                      "Surname), so applicants cannot be told apart");
    result_free(&r);
}

static void test_import__columns_mapping(void **state)
{
    (void)state;
    static const char csv[] = "Ref no,Person,Works for,Pay grade,Tue am,"
                              "Buddy\n"
                              "1,Ann,A,Band 5,yes,2\n"
                              "2,Bob,B,4,no,\n";
    result r = import_n(csv, strlen(csv), NULL,
                        "Ref no=id,Person=name,Works for=Employer,"
                        "Pay grade=seniority,Tue am=day:tue,Buddy=together",
                        1);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    size_t a = find(r.problem, "1"), b = find(r.problem, "2");
    assert_string_equal(als_problem_applicant_name(r.problem, a), "Ann");
    assert_string_equal(als_problem_applicant_organisation(r.problem, b), "B");
    assert_int_equal(als_problem_applicant_level(r.problem, a), 5);
    assert_days(r.problem, "1", "tue");
    assert_days(r.problem, "2", "");
    assert_int_equal(als_problem_applicant_unit(r.problem, a),
                     als_problem_applicant_unit(r.problem, b));
    result_free(&r);

    /* the mapping's own mistakes, at the header row */
    r = import_n(csv, strlen(csv), NULL,
                 "Persn=name,Works for=organistion,Buddy", 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 1, 0,
                 "row 1: the columns mapping names \"Persn\", but no column "
                 "has that header; did you mean \"Person\"?");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 1, 3,
                 "row 1, column C (Works for): \"organistion\" is not a "
                 "field of the columns mapping (id, name, first_name, "
                 "last_name, organisation, sector, seniority, availability, "
                 "day:LABEL, council, role, together, apart, priority, set, "
                 "withdrawn, email, ignore); did you mean \"organisation\"?");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 1, 0,
                 "row 1: the columns mapping \"Buddy\" is not of the form "
                 "HEADER=FIELD");
    result_free(&r);
}

/* ------------------------------------------------------------------ */
/* Values and references                                               */

static void test_import__ids(void **state)
{
    (void)state;
    result r = import("ID,Name\n7,Ann\n,Bob\n8,Cy\n7,Di\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 3, 1,
                 "row 3, column A (ID): the id is empty: every applicant "
                 "needs one");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 5, 1,
                 "row 5, column A (ID): \"7\" is also the id of row 2");
    result_free(&r);
}

static void test_import__numbers_and_flags(void **state)
{
    (void)state;
    result r = import("Name,Priority,Withdrawn\n"
                      "Ann,high,maybe\n"
                      "Bob,1.5,\n"
                      "Cy,+4,Withdrawn\n"
                      "Di,2000000000,x\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 4);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 2, 2,
                 "row 2, column B (Priority): \"high\" is not a whole number "
                 "from -1000000000 to 1000000000");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 2, 3,
                 "row 2, column C (Withdrawn): \"maybe\" is not yes or no, "
                 "nor a booking status (Attending, Checked in, Waitlist; Not "
                 "attending, Cancelled, Refunded)");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 3, 2,
                 "row 3, column B (Priority): \"1.5\" is not a whole number "
                 "from -1000000000 to 1000000000");
    assert_entry(r.diag, 3, ALS_SEV_ERROR, 5, 2,
                 "row 5, column B (Priority): \"2000000000\" is not a whole "
                 "number from -1000000000 to 1000000000");
    result_free(&r);

    r = import("Name,Priority,Withdrawn\nCy,+4,Withdrawn\nDi,-3,x\nEd,,no\n");
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_priority(r.problem, 0), 4);
    assert_true(als_problem_applicant_withdrawn(r.problem, 0));
    assert_int_equal(als_problem_applicant_priority(r.problem, 1), -3);
    assert_true(als_problem_applicant_withdrawn(r.problem, 1));
    assert_false(als_problem_applicant_withdrawn(r.problem, 2));
    result_free(&r);
}

static void test_import__together_and_apart(void **state)
{
    (void)state;
    result r = import("Id,Name,Together,Apart\n"
                      "a,Ann Lee,,\"Cy Dee; e\"\n"
                      "b,Bob Ray,ann lee,\n"
                      "c,Cy Dee,job share,\n"
                      "d,Di Fox,Job  Share,a\n"
                      "e,\"Smith, Jo\",,\n"
                      "f,Flo,,\"Smith, Jo\"\n");
    assert_imported(&r);
    const als_problem *p = r.problem;
    /* by name (any case): one unit, known by its first row's id */
    assert_int_equal(als_problem_applicant_unit(p, 0),
                     als_problem_applicant_unit(p, 1));
    assert_json_has(&r, "{\"id\": \"a\", \"name\": \"Ann Lee\", "
                        "\"together\": \"a\", \"apart\": [\"c\", \"e\"]}");
    /* by a label two rows give, which is kept */
    assert_int_equal(als_problem_applicant_unit(p, 2),
                     als_problem_applicant_unit(p, 3));
    assert_json_has(&r, "\"together\": \"job share\"");
    assert_int_equal(als_problem_unit_count(p), 4);
    /* a name with a comma in it, whole */
    assert_json_has(&r, "{\"id\": \"f\", \"name\": \"Flo\", \"apart\": "
                        "[\"e\"]}");
    result_free(&r);

    r = import("Id,Name,Together,Apart\n"
               "a,Ann Lee,,Bob Rae\n"
               "b,Bob Ray,Anne Lee,\n"
               "c,Jo,,Sam\n"
               "d,Sam,,\n"
               "e,Sam,,\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 4);
    /* two Sams, neither with an organisation: likely one person */
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 6, 0,
                 "row 6: the same name as row 5 (Sam): likely a duplicate "
                 "application");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 3, 3,
                 "row 3, column C (Together): \"Anne Lee\" is not an "
                 "applicant's id or name, nor a group another row gives; "
                 "did you mean \"Ann Lee\"?");
    assert_entry(r.diag, 2, ALS_SEV_ERROR, 2, 4,
                 "row 2, column D (Apart): \"Bob Rae\" is not an "
                 "applicant's id or name; did you mean \"Bob Ray\"?");
    assert_entry(r.diag, 3, ALS_SEV_ERROR, 4, 4,
                 "row 4, column D (Apart): \"Sam\" names more than one "
                 "applicant; use an id instead");
    result_free(&r);
}

/* What the reader finds in the written cohort is reported at the row and
   column it came from. */
static void test_import__read_back_problems_at_rows(void **state)
{
    (void)state;
    static const char programme[] =
        "{\"programme\": {\"set_size\": {\"min\": 2, \"max\": 2}}}";
    static const char csv[] = "Id,Together,Apart\n"
                              "a,,\n"
                              "b,a,\n"
                              "c,a,\n"
                              "d,,d\n";
    result r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 5, 3,
                 "row 5, column C (Apart): applicant 'd' is listed apart "
                 "from itself");
    const als_error *e = als_diag_get(r.diag, 1);
    assert_int_equal(e->line, 2);
    assert_int_equal(e->column, 2);
    assert_non_null(strstr(e->message, "row 2, column B (Together): the "
                                       "unit of 3 applicants"));
    result_free(&r);
}

/* ------------------------------------------------------------------ */
/* Broken files                                                        */

static void test_import__unterminated_quote(void **state)
{
    (void)state;
    result r = import("Id,Name,Organisation\n"
                      "1,Ann,A\n"
                      "2,\"Bob,B\n"
                      "3,Cy,C\n");
    assert_only_error(&r, ALS_EPARSE, 3, 2,
                      "row 3, column B (Name): the quote that opens this "
                      "cell is never closed (a quote inside a quoted cell is "
                      "written twice: \"\")");
    result_free(&r);

    /* in the header row, which has no names yet */
    r = import("Id,\"Name\n");
    assert_only_error(&r, ALS_EPARSE, 1, 2,
                      "row 1, column B: the quote that opens this cell is "
                      "never closed (a quote inside a quoted cell is written "
                      "twice: \"\")");
    result_free(&r);
}

static void test_import__text_after_closing_quote(void **state)
{
    (void)state;
    /* reported, and the rest of the sheet is still checked */
    result r = import("Name,Sector,Grade\n"
                      "Ann,\"a\"b,1\n"
                      "Bob,c,zz\n");
    assert_int_equal(r.rc, ALS_EPARSE);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 2, 2,
                 "row 2, column B (Sector): text after the closing quote "
                 "(\"b\"); a quote inside a quoted cell is written twice: "
                 "\"\"");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 3, 3,
                 "row 3, column C (Grade): \"zz\" is not a seniority level "
                 "(officer, manager, head, director, chief executive), nor a "
                 "number such as 7 or \"Band 7\"");
    result_free(&r);
}

static void test_import__not_utf8(void **state)
{
    (void)state;
    /* Excel's plain "CSV" is Windows-1252 */
    result r = import("Name,Organisation\nAnn,A\nBob,Caf\xE9\n");
    assert_only_error(
        &r, ALS_EPARSE, 3, 2,
        "row 3, column B (Organisation): not UTF-8 text (byte "
        "0xE9): the file looks like Windows-1252 (\"Caf\xC3\xA9\"), "
        "as Excel's plain \"CSV\" saves it; save the sheet as "
        "\"CSV UTF-8\"");
    result_free(&r);

    static const char nul[] = "Name\nA\0n\n";
    r = import_n(nul, sizeof nul - 1, NULL, NULL, 0);
    assert_only_error(&r, ALS_EPARSE, 2, 1,
                      "row 2, column A (Name): a NUL byte: this is not a CSV "
                      "text file");
    result_free(&r);
}

static void test_import__empty_file(void **state)
{
    (void)state;
    static const char *const empties[] = {"", "\xEF\xBB\xBF", "\n\n",
                                          ",,,\r\n , ,\r\n"};
    for (size_t k = 0; k < sizeof empties / sizeof *empties; k++) {
        result r = import(empties[k]);
        assert_only_error(&r, ALS_ESCHEMA, 1, 0,
                          "row 1: the file is empty: expected a header row "
                          "naming the columns, then a row for each "
                          "applicant");
        result_free(&r);
    }
    result r = import_n(NULL, 0, NULL, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    result_free(&r);
}

static void test_import__header_only(void **state)
{
    (void)state;
    result r = import("Id,Name,Organisation\r\n");
    assert_only_error(&r, ALS_ESCHEMA, 1, 0,
                      "row 1: no applicants: the sheet has a header row but "
                      "no rows below it");
    result_free(&r);

    /* the header is the first row that is not blank */
    r = import("\n\nId,Name\n,,\n");
    assert_only_error(&r, ALS_ESCHEMA, 3, 0,
                      "row 3: no applicants: the sheet has a header row but "
                      "no rows below it");
    result_free(&r);
}

static void test_import__error_cap(void **state)
{
    (void)state;
    size_t cap = 64 + 150 * 16;
    char *csv = malloc(cap);
    size_t len = 0;
    assert_non_null(csv);
    len += (size_t)snprintf(csv + len, cap - len, "Name,Grade\n");
    for (int k = 0; k < 150; k++)
        len += (size_t)snprintf(csv + len, cap - len, "n%d,Bnd %d\n", k, k);
    result r = import_n(csv, len, NULL, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), ALS_DIAG_CAP);
    assert_int_equal(als_diag_total(r.diag), 150);
    assert_int_equal(als_diag_get(r.diag, 99)->line, 101);
    result_free(&r);
    free(csv);
}

/* ------------------------------------------------------------------ */
/* The programme document                                              */

static void test_import__programme_document(void **state)
{
    (void)state;
    static const char programme[] =
        "{\n"
        "  \"format\": \"als-cohort/1\",\n"
        "  \"programme\": {\n"
        "    \"name\": \"Spring\",\n"
        "    \"days\": [\"mon\", \"wed\"],\n"
        "    \"set_size\": {\"min\": 2, \"max\": 3},\n"
        "    \"seniority_levels\": [\"junior\", \"senior\"]\n"
        "  },\n"
        "  \"pairs\": [{\"a\": \"1\", \"b\": \"3\", \"weight\": 2.5}]\n"
        "}\n";
    static const char csv[] = "Id,Name,Days,Level\n"
                              "1,Ann,Monday,Senior\n"
                              "2,Bob,\"Mon, Wed\",junior\n"
                              "3,Cy,wed,0\n";
    result r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_imported(&r);
    assert_string_equal(als_problem_name(r.problem), "Spring");
    assert_int_equal(als_problem_applicant_level(r.problem, 0), 1);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 0);
    assert_days(r.problem, "1", "mon");
    assert_days(r.problem, "2", "mon wed");
    assert_int_equal(als_problem_pair_count(r.problem), 1);
    /* the programme and pairs as written, around the applicants */
    assert_string_equal(
        r.json,
        "{\n"
        "  \"format\": \"als-cohort/1\",\n"
        "  \"programme\": {\n"
        "    \"name\": \"Spring\",\n"
        "    \"days\": [\"mon\", \"wed\"],\n"
        "    \"set_size\": {\"min\": 2, \"max\": 3},\n"
        "    \"seniority_levels\": [\"junior\", \"senior\"]\n"
        "  },\n"
        "  \"applicants\": [\n"
        "    {\"id\": \"1\", \"name\": \"Ann\", \"seniority\": \"senior\", "
        "\"availability\": [\"mon\"]},\n"
        "    {\"id\": \"2\", \"name\": \"Bob\", \"seniority\": \"junior\"},\n"
        "    {\"id\": \"3\", \"name\": \"Cy\", \"seniority\": 0, "
        "\"availability\": [\"wed\"]}\n"
        "  ],\n"
        "  \"pairs\": [{\"a\": \"1\", \"b\": \"3\", \"weight\": 2.5}]\n"
        "}\n");
    result_free(&r);

    /* indented differently: moved with its key (column 1 to 2) */
    static const char deep[] = "{\"programme\":\n"
                               "      {\"days\": [\"mon\"],\n"
                               "       \"set_size\": 3}}";
    static const char ann[] = "Id,Name,Days\n1,Ann,Monday\n";
    r = import_n(ann, strlen(ann), deep, NULL, 0);
    assert_imported(&r);
    assert_json_has(&r, "  \"programme\":\n"
                        "       {\"days\": [\"mon\"],\n"
                        "        \"set_size\": 3},\n"
                        "  \"applicants\": [\n");
    result_free(&r);
}

static void test_import__programme_errors(void **state)
{
    (void)state;
    static const char csv[] = "Id,Name\n1,Ann\n";
    als_diag *d = new_diag();
    als_error e;

    /* syntax: line and column of the programme document */
    static const char syntax[] = "{\"programme\": {\"set_size\": 4,\n"
                                 "  \"days\": [\"tue\"],}}";
    assert_int_equal(als_import_check_programme(syntax, strlen(syntax), d, &e),
                     ALS_EPARSE);
    assert_int_equal(e.line, 2);
    assert_int_equal(e.column, 19);
    assert_string_equal(e.message, "trailing comma (at '}')");
    result r = import_n(csv, strlen(csv), syntax, NULL, 0);
    assert_int_equal(r.rc, ALS_EPARSE);
    assert_int_equal(r.err.line, 2);
    assert_int_equal(r.err.column, 19);
    assert_int_equal(als_diag_count(r.diag), 1);
    result_free(&r);

    /* the rest: JSON paths, every one, and the sheet is not read */
    static const char schema[] =
        "{\"programme\": {\"days\": [\"mon\", 3], \"set_sise\": 3}, "
        "\"applicants\": [], \"extra\": 1}";
    als_diag_clear(d);
    assert_int_equal(als_import_check_programme(schema, strlen(schema), d, &e),
                     ALS_ESCHEMA);
    r = import_n(csv, strlen(csv), schema, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), als_diag_count(d));
    static const char *const paths[] = {
        "applicants", "extra", "programme.set_sise", "programme.days[1]",
        "programme.set_size"};
    assert_int_equal(als_diag_count(d), 5);
    for (size_t k = 0; k < 5; k++) {
        const als_error *x = als_diag_get(d, k);
        assert_string_equal(x->path, paths[k]);
        assert_int_equal(x->line, 0);
        assert_string_equal(x->message, als_diag_get(r.diag, k)->message);
    }
    assert_string_equal(als_diag_get(d, 0)->message,
                        "a programme document holds no applicants: they "
                        "come from the spreadsheet");
    result_free(&r);

    /* pairs name applicants, so they are checked with the sheet */
    static const char pairs[] =
        "{\"programme\": {\"set_size\": 4}, "
        "\"pairs\": [{\"a\": \"1\", \"b\": \"9\", \"weight\": 1}]}";
    als_diag_clear(d);
    assert_int_equal(als_import_check_programme(pairs, strlen(pairs), d, &e),
                     ALS_OK);
    r = import_n(csv, strlen(csv), pairs, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_string_equal(r.err.path, "pairs[0].b");
    assert_int_equal(r.err.line, 0);
    result_free(&r);

    /* a valid programme document */
    static const char ok[] = "{\"programme\": {\"set_size\": 4}}";
    als_diag_clear(d);
    assert_int_equal(als_import_check_programme(ok, strlen(ok), d, &e), ALS_OK);
    assert_int_equal(als_diag_count(d), 0);
    als_diag_free(d);
}

static void test_import__programme_without_days(void **state)
{
    (void)state;
    static const char programme[] = "{\"programme\": {\"set_size\": 4}}";
    static const char csv[] = "Name,Availability,Tue\nAnn,Tue,yes\n";
    result r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 2,
                 "row 1, column B (Availability): the programme has no "
                 "\"days\", so availability does not apply; the column is "
                 "ignored");
    assert_entry(r.diag, 1, ALS_SEV_WARNING, 1, 3,
                 "row 1, column C (Tue): \"Tue\" is not one of the "
                 "programme's days (none); the column is ignored");
    assert_int_equal(als_problem_day_count(r.problem), 0);
    result_free(&r);
}

/* The example spreadsheet gives the example cohort, byte for byte. */
static void test_import__housing_example(void **state)
{
    (void)state;
    size_t clen, plen, jlen;
    char *csv = read_file("examples/housing.csv", &clen);
    char *programme = read_file("examples/housing.programme.json", &plen);
    char *expected = read_file("examples/housing.json", &jlen);
    result r = import_n(csv, clen, programme, NULL, 0);
    assert_imported(&r);
    assert_string_equal(r.json, expected);
    /* every column is known (Email is kept as each applicant's email) */
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_string_equal(
        als_problem_applicant_email(r.problem, find(r.problem, "h01")),
        "amira.khan@northgate.example");
    result_free(&r);
    free(csv);
    free(programme);
    free(expected);
}

/* An export from European Excel: byte-order mark, semicolons, CRLF,
   quoted line breaks and quotes, blank rows (tests/data/import). */
static void test_import__excel_file(void **state)
{
    (void)state;
    size_t len;
    char *csv = read_file("tests/data/import/excel.csv", &len);
    result r = import_n(csv, len, NULL, NULL, 0);
    assert_imported(&r);
    const als_problem *p = r.problem;
    assert_int_equal(als_problem_applicant_count(p), 3);
    size_t i = find(p, "A-01");
    assert_string_equal(als_problem_applicant_name(p, i), "Lee; Ann");
    assert_string_equal(als_problem_applicant_organisation(p, i),
                        "Smith, Jones & Co");
    assert_int_equal(als_problem_applicant_level(p, i), 7);
    assert_days(p, "A-01", "tue");
    i = find(p, "A-02");
    assert_string_equal(als_problem_applicant_name(p, i), "O'Brien \"Bob\"");
    assert_int_equal(als_problem_applicant_level(p, i), 6);
    assert_days(p, "A-02", "tue thu");
    i = find(p, "A-03");
    assert_string_equal(als_problem_applicant_name(p, i), "Zo\xC3\xAB Quinn");
    assert_string_equal(als_problem_applicant_organisation(p, i),
                        "Leeds City Council");
    assert_json_has(&r, "\"apart\": [\"A-01\"]}\n  ]");
    assert_int_equal(als_diag_count(r.diag), 1);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 8,
                 "row 1, column H (Notes): unknown column, ignored");
    result_free(&r);
    free(csv);
}

/* Every error of a sheet at once, the first in `err` (tests/data/import). */
static void test_import__bad_days_file(void **state)
{
    (void)state;
    size_t len;
    char *csv = read_file("tests/data/import/bad_days.csv", &len);
    result r = import_n(csv, len, NULL, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 5, 5,
                 "row 5, column E (Grade): \"Manger\" is not a seniority "
                 "level; did you mean \"manager\"?");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 7, 4,
                 "row 7, column D (Availability): \"Wedensday\" is not a "
                 "day; did you mean \"Wednesday\"?");
    assert_int_equal(r.err.line, 5);
    assert_int_equal(r.err.column, 5);
    result_free(&r);
    free(csv);
}

/* ------------------------------------------------------------------ */
/* API misuse                                                          */

static void test_import__invalid_arguments(void **state)
{
    (void)state;
    als_import_options o;
    als_error e;
    char *json = (char *)"untouched";
    size_t len = 7;
    als_import_options_init(&o);
    assert_int_equal(o.version, ALS_IMPORT_OPTIONS_VERSION);
    assert_null(o.columns);
    assert_int_equal(o.strict, 0);
    assert_int_equal(
        als_import_csv("Name\nA\n", 7, NULL, 0, &o, NULL, NULL, NULL, &e),
        ALS_EINVAL);
    assert_int_equal(
        als_import_csv(NULL, 3, NULL, 0, &o, &json, &len, NULL, &e),
        ALS_EINVAL);
    assert_null(json);
    assert_int_equal(len, 0);
    assert_int_equal(
        als_import_csv("Name\nA\n", 7, NULL, 5, &o, &json, &len, NULL, &e),
        ALS_EINVAL);
    o.version = 99;
    assert_int_equal(
        als_import_csv("Name\nA\n", 7, NULL, 0, &o, &json, &len, NULL, &e),
        ALS_EINVAL);
    assert_int_equal(e.code, ALS_EINVAL);
    assert_int_equal(als_import_check_programme(NULL, 3, NULL, &e), ALS_EINVAL);
    /* NULL options are the defaults; NULL diag and err are fine */
    assert_int_equal(
        als_import_csv("Name\nA\n", 7, NULL, 0, NULL, &json, &len, NULL, NULL),
        ALS_OK);
    assert_int_equal(strlen(json), len);
    als_free(json);
}

/* ------------------------------------------------------------------ */
/* Stable ids                                                          */

/* The ids of an import, in applicant order, as "a b c". */
static void ids_of(const result *r, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < als_problem_applicant_count(r->problem); i++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", i ? " " : "",
                 als_problem_applicant_id(r->problem, i));
    }
}

/* Without an id column: the e-mail (lower-cased, trimmed), else the name
   and organisation as a readable slug; never the row. */
static void test_import__ids_from_email_or_name(void **state)
{
    (void)state;
    char ids[512];
    result r = import("Name,Organisation,E-mail address\n"
                      "Jo Smith,Riverside,\n"
                      "Sam Patel,Hill Trust,\" Sam.Patel@Hill.example \"\n"
                      "Mary O'Brien,St. Anne's (North),\n"
                      "Zo\xC3\xAB Quinn,,\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    ids_of(&r, ids, sizeof ids);
    assert_string_equal(ids, "jo-smith-riverside sam.patel@hill.example "
                             "mary-obrien-st-annes-north zo\xC3\xAB-quinn");
    /* the e-mail is kept as written (trimmed) */
    assert_string_equal(als_problem_applicant_email(r.problem, 1),
                        "Sam.Patel@Hill.example");
    assert_null(als_problem_applicant_email(r.problem, 0));
    assert_json_has(&r, "\"email\": \"Sam.Patel@Hill.example\"");
    result_free(&r);

    /* e-mail headers as forms write them */
    static const char *const headers[] = {
        "Email",          "E-mail",     "Email Address",
        "E-mail address", "Your email", "Work e-mail address"};
    for (size_t k = 0; k < sizeof headers / sizeof *headers; k++) {
        char csv[128];
        snprintf(csv, sizeof csv, "Name,%s\nAnn,ann@a.example\n", headers[k]);
        r = import(csv);
        assert_imported(&r);
        assert_int_equal(als_diag_count(r.diag), 0);
        assert_string_equal(als_problem_applicant_id(r.problem, 0),
                            "ann@a.example");
        result_free(&r);
    }

    /* a cell that is not an address: a warning, and the name gives the id */
    r = import("Name,Email\nAnn,n/a\n");
    assert_imported(&r);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 2, 2,
                 "row 2, column B (Email): \"n/a\" is not an e-mail "
                 "address; ignored");
    assert_string_equal(als_problem_applicant_id(r.problem, 0), "ann");
    result_free(&r);

    /* an e-mail column alone is enough */
    r = import("Email,Sector\nx@y.example,public\n");
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_id(r.problem, 0), "x@y.example");
    result_free(&r);

    /* a row with nothing to know it by */
    r = import("Name,Email,Sector\nAnn,,x\n,,public\n");
    assert_only_error(&r, ALS_ESCHEMA, 3, 0,
                      "row 3: no id, e-mail or name (with a letter or "
                      "digit) to know the applicant by");
    result_free(&r);
}

/* Deleting, inserting or re-sorting rows changes no one's id. */
static void test_import__ids_survive_edits(void **state)
{
    (void)state;
    char before[512], after[512];
    result r = import("Name,Organisation,Email\n"
                      "Ann Lee,A,\n"
                      "Bob Ray,B,bob@b.example\n"
                      "Cy Dunn,C,\n"
                      "Di Fox,D,DI@d.example\n");
    assert_imported(&r);
    ids_of(&r, before, sizeof before);
    assert_string_equal(before, "ann-lee-a bob@b.example cy-dunn-c "
                                "di@d.example");
    result_free(&r);

    /* Bob deleted, the rest re-sorted, Ed inserted in the middle */
    r = import("Name,Organisation,Email\n"
               "Di Fox,D,DI@d.example\n"
               "Ed Gale,E,\n"
               "Cy Dunn,C,\n"
               "Ann Lee,A,\n");
    assert_imported(&r);
    ids_of(&r, after, sizeof after);
    assert_string_equal(after, "di@d.example ed-gale-e cy-dunn-c ann-lee-a");
    result_free(&r);
}

/* Two rows that give the same id: the first keeps it, the later gets a
   suffix in row order, with a warning (an error when strict). */
static void test_import__id_clashes(void **state)
{
    (void)state;
    char ids[512];
    static const char csv[] = "Name,Organisation,Email\n"
                              "Jo Smith,Riverside,\n"
                              "Jo Smith,Riverside,\n"
                              "Pat Kay,P,pat@p.example\n"
                              "Pat Kay,P,Pat@P.example\n"
                              "Jo-Smith,Riverside,\n";
    result r = import(csv);
    assert_imported(&r);
    ids_of(&r, ids, sizeof ids);
    assert_string_equal(ids, "jo-smith-riverside jo-smith-riverside-2 "
                             "pat@p.example pat@p.example-2 "
                             "jo-smith-riverside-3");
    assert_int_equal(als_diag_count(r.diag), 3);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 3, 0,
                 "row 3: the same name and organisation as row 2 (Jo Smith, "
                 "Riverside), and no e-mail to tell them apart: likely a "
                 "duplicate application; its id is "
                 "\"jo-smith-riverside-2\"");
    assert_entry(r.diag, 1, ALS_SEV_WARNING, 5, 3,
                 "row 5, column C (Email): the same e-mail as row 4 "
                 "(Pat@P.example): likely a duplicate application; its id "
                 "is \"pat@p.example-2\"");
    assert_entry(r.diag, 2, ALS_SEV_WARNING, 6, 0,
                 "row 6: its name and organisation give the id "
                 "\"jo-smith-riverside\", as row 2's do; its id is "
                 "\"jo-smith-riverside-3\" (an Id column gives ids of your "
                 "choosing)");
    result_free(&r);

    /* a suffix never takes an id another row gives on its own */
    r = import("Name\nAl\nAl\nAl 2\n");
    assert_imported(&r);
    ids_of(&r, ids, sizeof ids);
    assert_string_equal(ids, "al al-3 al-2");
    result_free(&r);

    r = import_n(csv, strlen(csv), NULL, NULL, 1);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_errors(r.diag), 3);
    result_free(&r);
}

/* Likely duplicates are warned about at the later row, naming the earlier
   (an error when strict). */
static void test_import__duplicate_applicants(void **state)
{
    (void)state;
    static const char csv[] = "Id,Name,Organisation,Email\n"
                              "1,Jo Smith,Riverside,jo@x.org\n"
                              "2,Gareth Rogers,Hill,\n"
                              "3,Jo  SMITH,riverside,\n"
                              "4,Sam Patel,Vale,JO@X.org\n"
                              "5,Gar Rogers,Hill,\n"
                              "6,Gar Rogers,Dale,\n";
    result r = import(csv);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 3);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 4, 0,
                 "row 4: the same name as row 2 (Jo Smith) at the same "
                 "organisation (Riverside): likely a duplicate application");
    assert_entry(r.diag, 1, ALS_SEV_WARNING, 5, 4,
                 "row 5, column D (Email): the same e-mail as row 2 "
                 "(jo@x.org): likely a duplicate application (als allocate "
                 "leaves the later one waiting)");
    assert_entry(r.diag, 2, ALS_SEV_WARNING, 6, 0,
                 "row 6: Gar Rogers may be the same person as Gareth Rogers "
                 "in row 3: the same surname and organisation (Hill), and "
                 "one first name starts the other");
    result_free(&r);

    r = import_n(csv, strlen(csv), NULL, NULL, 1);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_errors(r.diag), 3);
    result_free(&r);
}

/* ------------------------------------------------------------------ */
/* --first-come                                                        */

static result import_first_come(const char *csv)
{
    result r;
    als_import_options o;
    memset(&r, 0, sizeof r);
    als_import_options_init(&o);
    assert_true(o.version >= 2);
    o.first_come = 1;
    r.diag = new_diag();
    r.rc = als_import_csv(csv, strlen(csv), NULL, 0, &o, &r.json, &r.len,
                          r.diag, &r.err);
    if (r.rc == ALS_OK) {
        assert_int_equal(
            als_problem_from_json(&r.problem, r.json, r.len, NULL, NULL),
            ALS_OK);
    }
    return r;
}

/* The priorities of an import, in applicant order, as "3 1 2". */
static void priorities_of(const result *r, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < als_problem_applicant_count(r->problem); i++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%lld", i ? " " : "",
                 als_problem_applicant_priority(r->problem, i));
    }
}

static void test_import__first_come_by_timestamp(void **state)
{
    (void)state;
    char got[128];
    /* Google Forms: year first, 12-hour clock, an offset (10:14 am GMT+1
       is 09:14 UTC, before 09:30 GMT) */
    result r = import_first_come("Timestamp,Name\n"
                                 "2024/09/03 10:14:55 am GMT+1,Ann\n"
                                 "2024/09/03 9:30:00 am GMT,Bob\n"
                                 "2024/09/02 11:59:59 pm GMT+1,Cy\n"
                                 "2024/09/03 1:05:00 pm GMT+1,Di\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "3 2 4 1");
    assert_json_has(&r, "\"priority\": 4");
    result_free(&r);

    /* Microsoft Forms: Completion time, not Start time; day first when a
       day above 12 says so */
    r = import_first_come("ID,Start time,Completion time,Name\n"
                          "1,01/09/2024 09:00:00,13/09/2024 10:00:00,Ann\n"
                          "2,01/09/2024 08:00:00,02/09/2024 10:00:00,Bob\n"
                          "3,01/09/2024 07:00:00,05/09/2024 10:00:00,Cy\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "1 3 2");
    result_free(&r);

    /* month first: 9/13/24; and a two-digit year alone means month first */
    r = import_first_come("Completion time,Name\n"
                          "9/13/24 10:14:55,Ann\n"
                          "9/3/24 10:14:55,Bob\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "1 2");
    result_free(&r);
    r = import_first_come("Completion time,Name\n"
                          "9/4/24 10:14,Ann\n"
                          "10/3/24 10:14,Bob\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "2 1");
    result_free(&r);
    /* ... and a four-digit year, day first: 03/09/2024 is 3 September */
    r = import_first_come("Completion time,Name\n"
                          "04/09/2024 10:14:55,Ann\n"
                          "03/10/2024 10:14:55,Bob\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "2 1");
    result_free(&r);

    /* Eventbrite, ISO: with T, without seconds, with an offset; a tie goes
       in row order */
    r = import_first_come("Order Date,Name\n"
                          "2024-09-03T10:14:55,Ann\n"
                          "2024-09-03 10:14,Bob\n"
                          "2024-09-03T10:14:55+01:00,Cy\n"
                          "2024-09-03 10:14:55Z,Di\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "2 3 4 1");
    result_free(&r);

    /* no time column: the rows' order */
    r = import_first_come("Name\nAnn\nBob\nCy\n");
    assert_imported(&r);
    priorities_of(&r, got, sizeof got);
    assert_string_equal(got, "3 2 1");
    result_free(&r);

    /* without --first-come the time column is read, not used */
    r = import("Timestamp,Name\n2024/09/03 10:14:55 am GMT+1,Ann\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_int_equal(als_problem_applicant_priority(r.problem, 0), 0);
    result_free(&r);
}

static void test_import__first_come_errors(void **state)
{
    (void)state;
    result r = import_first_come("Name,Timestamp\n"
                                 "Ann,2024/09/03 10:14:55\n"
                                 "Bob,yesterday\n"
                                 "Cy,\n"
                                 "Di,2024-02-30 10:00\n");
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 3, 2,
                 "row 3, column B (Timestamp): \"yesterday\" is not a date "
                 "and time such as 2024-09-03 10:14:55, 03/09/2024 10:14:55 "
                 "or 2024/09/03 10:14:55 am GMT+1");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 4, 2,
                 "row 4, column B (Timestamp): no submission time: "
                 "--first-come ranks every row by it");
    result_free(&r);

    r = import_first_come("Name,Timestamp\nDi,2024-02-30 10:00\n");
    assert_only_error(&r, ALS_ESCHEMA, 2, 2,
                      "row 2, column B (Timestamp): \"2024-02-30 10:00\" is "
                      "not a date: no day 30 of month 2 in 2024");
    result_free(&r);

    r = import_first_come("Name,Timestamp\n"
                          "Ann,13/09/2024 10:00\n"
                          "Bob,09/14/2024 10:00\n");
    assert_only_error(&r, ALS_ESCHEMA, 3, 2,
                      "row 3, column B (Timestamp): its date is month "
                      "first, but row 2's is day first");
    result_free(&r);

    r = import_first_come("Name,Priority\nAnn,3\n");
    assert_only_error(&r, ALS_ESCHEMA, 1, 2,
                      "row 1, column B (Priority): --first-come gives the "
                      "priorities, and so does this column: use one or the "
                      "other");
    result_free(&r);
}

/* A data row written with another delimiter than the sheet's would be
   read as one cell (its id "2;Bob;Beta"): an error at the row and the
   cell that holds the other delimiter, strict or not. */
static void test_import__row_with_another_delimiter(void **state)
{
    (void)state;
    static const char *const sheets[] = {
        "Id,Name,Organisation\n1,Ann,Acme\n2;Bob;Beta\n",
        "Id,Name,Organisation\r\n1,Ann,Acme\r\n2\tBob\tBeta\r\n",
        "Id;Name;Organisation\n1;Ann;Acme\n2;Bob;Beta\n3,Cy,Gamma\n",
    };
    static const char *const messages[] = {
        "row 3, column A (Id): this row is separated by semicolons, but the "
        "sheet by commas (as its first row is): save every row with the "
        "same delimiter",
        "row 3, column A (Id): this row is separated by tabs, but the sheet "
        "by commas (as its first row is): save every row with the same "
        "delimiter",
        "row 4, column A (Id): this row is separated by commas, but the "
        "sheet by semicolons (as its first row is): save every row with "
        "the same delimiter",
    };
    for (int strict = 0; strict < 2; strict++)
        for (size_t k = 0; k < 3; k++) {
            result r =
                import_n(sheets[k], strlen(sheets[k]), NULL, NULL, strict);
            assert_only_error(&r, ALS_EPARSE, k == 2 ? 4 : 3, 1, messages[k]);
            result_free(&r);
        }
    /* the other delimiter inside a cell of a whole row is just text */
    result r = import("Id,Name,Organisation\n1,Ann;Bea,Acme\n2,Bob,\"B;e\"\n");
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_name(r.problem, 0), "Ann;Bea");
    result_free(&r);
}

/* Rows counted with CR, LF and CRLF line ends alike. */
static void test_import__rows_with_cr_line_ends(void **state)
{
    (void)state;
    static const char *const ends[] = {"\r", "\n", "\r\n"};
    for (size_t k = 0; k < 3; k++) {
        char csv[256];
        snprintf(csv, sizeof csv, "Id,Name,Grade%s1,Ann,1%s2,Bob,2%s%s3,Cy,x%s",
                 ends[k], ends[k], ends[k], ends[k], ends[k]);
        result r = import(csv);
        assert_int_equal(r.rc, ALS_ESCHEMA);
        const als_error *e = als_diag_get(r.diag, 0);
        assert_non_null(e);
        assert_int_equal(e->line, 5);
        assert_int_equal(e->column, 3);
        result_free(&r);
    }
}

/* ------------------------------------------------------------------ */
/* Form exports: questions, blank columns, the mapping used            */

/* The summary lines, one after another, each ending in '\n'. */
typedef struct summary_text {
    char text[4096];
} summary_text;

static void collect_summary(void *user, const char *line)
{
    summary_text *t = user;
    size_t n = strlen(t->text);
    snprintf(t->text + n, sizeof t->text - n, "%s\n", line);
}

static result import_summary(const char *csv, const char *programme,
                             const char *columns, summary_text *t)
{
    result r;
    als_import_options o;
    memset(&r, 0, sizeof r);
    memset(t, 0, sizeof *t);
    als_import_options_init(&o);
    assert_int_equal(o.version, 4);
    o.columns = columns;
    o.summary = collect_summary;
    o.summary_user = t;
    r.diag = new_diag();
    r.rc = als_import_csv(csv, strlen(csv), programme,
                          programme ? strlen(programme) : 0, &o, &r.json,
                          &r.len, r.diag, &r.err);
    if (r.rc == ALS_OK)
        assert_int_equal(
            als_problem_from_json(&r.problem, r.json, r.len, NULL, NULL),
            ALS_OK);
    return r;
}

/* Microsoft Forms' own blank Name column gives way to the form's own
   name question ("Your name"), and the names then count for duplicates. */
static void test_import__your_name_beside_a_blank_name(void **state)
{
    (void)state;
    static const char csv[] =
        "ID,Email,Name,Your name,Organisation\n"
        "1,g.rogers@c.gov.uk,,Gareth Rogers,Calderdale Council\n"
        "2,gar@gmail.com,,Gar Rogers,Calderdale Council\n";
    result r = import(csv);
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_name(r.problem, 0),
                        "Gareth Rogers");
    assert_string_equal(als_problem_applicant_name(r.problem, 1), "Gar Rogers");
    int dup = 0;
    for (size_t k = 0; k < als_diag_count(r.diag); k++)
        dup |= strstr(als_diag_get(r.diag, k)->message,
                      "may be the same person as Gareth Rogers") != NULL;
    assert_true(dup);
    result_free(&r);
}

/* Council pairs without a council column: an organisation with both an
   officer and a councillor is their council, and its pair is one unit;
   one with only an "officer" (a job title, maybe) is left alone. */
static void test_import__council_from_organisation(void **state)
{
    (void)state;
    static const char csv[] = "ID,Name,Organisation,Role\n"
                              "1,Sara Khan,Leeds City Council,Council officer\n"
                              "2,John Bell,Leeds City Council,Cllr\n"
                              "3,Zoe Obi,St Anne's Hospice,Officer\n";
    result r = import(csv);
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_council(r.problem, 0),
                        "Leeds City Council");
    assert_string_equal(als_problem_applicant_council(r.problem, 1),
                        "Leeds City Council");
    assert_null(als_problem_applicant_council(r.problem, 2));
    assert_int_equal(als_problem_unit_count(r.problem), 2);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 3,
                 "row 1, column C (Organisation): no column names the "
                 "councils: the 2 officers and councillors of an "
                 "organisation (column C) that has both are taken as its "
                 "council's nominees, so that its pair shares a set");
    result_free(&r);
}

static void test_import__form_questions(void **state)
{
    (void)state;
    summary_text t;
    static const char csv[] =
        "Timestamp,Email address,Full name,Name,Trust / Organisation,"
        "Company,Type of organisation,"
        "Which day would you like your set to meet? (Tuesday or Thursday),"
        "Are you an officer or a councillor?,Attendee Status,Previous set\n"
        "2026/11/01,a@x.org,Ann,,Trust A,Acme,NHS,Tuesday,Officer,"
        "Attending,S1\n"
        "2026/11/02,b@x.org,Bob,,Council B,Beta,Local government,Thursday,"
        "Councillor,Cancelled,\n";
    result r = import_summary(csv, NULL, NULL, &t);
    assert_imported(&r);
    assert_string_equal(
        t.text,
        "column A (Timestamp) -> submitted, 2 values read\n"
        "column B (Email address) -> email, 2 values read\n"
        "column C (Full name) -> name, 2 values read\n"
        "column D (Name): ignored (empty, and another column gives the "
        "same field)\n"
        "column E (Trust / Organisation) -> organisation, 2 values read\n"
        "column F (Company) -> organisation where column E is empty, 0 "
        "values read\n"
        "column G (Type of organisation) -> sector, 2 values read\n"
        "column H (Which day would you like your set to meet? (Tuesday or "
        "Thurs...) -> availability, 2 values read\n"
        "column I (Are you an officer or a councillor?) -> role, 2 values "
        "read\n"
        "column J (Attendee Status) -> withdrawn, 2 values read\n"
        "column K (Previous set): ignored (a re-run takes the previous sets "
        "from the previous allocation (als allocate --previous))\n"
        "2 rows read\n");
    size_t a = find(r.problem, "a@x.org"), b = find(r.problem, "b@x.org");
    assert_string_equal(als_problem_applicant_organisation(r.problem, a),
                        "Trust A");
    assert_string_equal(als_problem_applicant_sector(r.problem, b),
                        "Local government");
    assert_days(r.problem, "a@x.org", "tue");
    assert_days(r.problem, "b@x.org", "thu");
    assert_false(als_problem_applicant_withdrawn(r.problem, a));
    assert_true(als_problem_applicant_withdrawn(r.problem, b));
    /* the guesses are warned about */
    assert_int_equal(als_diag_errors(r.diag), 0);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 1, 5,
                 "row 1, column E (Trust / Organisation): read as the "
                 "organisation, from the words of its header (--columns can "
                 "say otherwise)");
    result_free(&r);

    /* Company alone is the organisation */
    r = import("First Name,Last Name,Company\nAnn,Lee,Acme\n");
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_string_equal(als_problem_applicant_organisation(r.problem, 0),
                        "Acme");
    result_free(&r);
}

static void test_import__needed_columns(void **state)
{
    (void)state;
    static const char programme[] =
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
        "\"set_size\": {\"min\": 2, \"max\": 4}}}";
    static const char csv[] = "Name,Organisation,When can you come?\n"
                              "Ann,A,Tue\nBob,B,Thu\n";
    result r = import_n(csv, strlen(csv), programme, NULL, 0);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_entry(r.diag, als_diag_count(r.diag) - 1, ALS_SEV_ERROR, 1, 0,
                 "row 1: the programme meets on 2 days (tue, thu), but no "
                 "column gives the days each applicant can make; the "
                 "headers are A (Name), B (Organisation), C (When can you "
                 "come?): name the column with --columns "
                 "HEADER=availability");
    result_free(&r);
    r = import_n(csv, strlen(csv), programme, "When can you come?=days", 0);
    assert_imported(&r);
    result_free(&r);

    /* council pairs need the roles of a nomination column */
    static const char csv2[] = "Name,Nominating council\nAnn,Leeds\n";
    r = import("Name,Organisation,Council\nAnn,Leeds CC,Leeds\n");
    assert_only_error(&r, ALS_ESCHEMA, 1, 0,
                      "row 1: council pairs are on and column C (Council) "
                      "gives the nominating council, but no column gives "
                      "each applicant's role (officer or councillor); the "
                      "headers are A (Name), B (Organisation), C (Council): "
                      "name it with --columns HEADER=role");
    result_free(&r);
    r = import(csv2);
    assert_only_error(&r, ALS_ESCHEMA, 1, 0,
                      "row 1: council pairs are on and column B (Nominating "
                      "council) gives the nominating council, but no column "
                      "gives each applicant's role (officer or councillor); "
                      "the headers are A (Name), B (Nominating council): "
                      "name it with --columns HEADER=role");
    result_free(&r);
}

static void test_import__mapping_quoted_and_lines(void **state)
{
    (void)state;
    static const char csv[] = "Name,\"Trust, or organisation\",Cohort pref\n"
                              "Ann,Trust A,Tue\n";
    result r = import_n(csv, strlen(csv), NULL,
                        "\"Trust, or organisation\"=organisation,"
                        "Cohort pref=availability",
                        1);
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_organisation(r.problem, 0),
                        "Trust A");
    assert_days(r.problem, "ann-trust-a", "tue");
    result_free(&r);
    /* a mapping file: one a line, commas part of the header, comments */
    r = import_n(csv, strlen(csv), NULL,
                 "# the coordinator's mapping\r\n"
                 "Trust, or organisation = organisation\r\n"
                 "\r\n"
                 "Cohort pref=availability\r\n",
                 1);
    assert_imported(&r);
    assert_string_equal(als_problem_applicant_organisation(r.problem, 0),
                        "Trust A");
    result_free(&r);
}

static void test_import__bad_bytes(void **state)
{
    (void)state;
    /* UTF-16, with its mark or without */
    static const char u16[] = "\xFF\xFEN\0a\0m\0e\0\n\0A\0n\0n\0\n\0";
    result r = import_n(u16, sizeof u16 - 1, NULL, NULL, 0);
    assert_only_error(&r, ALS_EPARSE, 1, 0,
                      "row 1: the file is UTF-16 text (as Excel's \"Unicode "
                      "Text\" saves it), not UTF-8: save the sheet as \"CSV "
                      "UTF-8\" (File, Save As, CSV UTF-8 (Comma delimited))");
    result_free(&r);
    r = import_n(u16 + 2, sizeof u16 - 3, NULL, NULL, 0);
    assert_int_equal(r.rc, ALS_EPARSE);
    assert_int_equal(r.err.line, 1);
    result_free(&r);
    /* a control byte in a cell */
    r = import("Name,Organisation\nAnn,A\x01\x02x\n");
    assert_only_error(&r, ALS_EPARSE, 2, 2,
                      "row 2, column B (Organisation): a control byte "
                      "(0x01): binary data, not text; is this cell (or the "
                      "file) damaged?");
    result_free(&r);
    /* bytes that are neither UTF-8 nor Windows-1252 */
    r = import("Name,Organisation\nAnn,\x81\x8D\xFE\n");
    assert_only_error(&r, ALS_EPARSE, 2, 2,
                      "row 2, column B (Organisation): not UTF-8 text (byte "
                      "0x81): binary data, or another encoding; save the "
                      "sheet as \"CSV UTF-8\"");
    result_free(&r);
}

static void test_import__roles_and_facilitators(void **state)
{
    (void)state;
    static const char csv[] = "Name,Council,Role\n"
                              "Ann,Leeds,Council officer\n"
                              "Bob,Leeds,Officer (staff)\n"
                              "Cy,Leeds,Cllr\n"
                              "Di,York,Elected Member\n"
                              "Ed,York,Councillor (Cabinet Member)\n"
                              "Flo,York,Member\n"
                              "Gus,York,Set facilitator\n"
                              "Hal,York,Mayor\n";
    result r = import(csv);
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_count(r.problem), 7);
    static const char *const want[] = {"officer",    "officer",    "councillor",
                                       "councillor", "councillor", "councillor",
                                       "Mayor"};
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(als_problem_applicant_role(r.problem, i), want[i]);
    /* a facilitator is one of the cohort's facilitators, not a member */
    assert_int_equal(als_problem_facilitator_count(r.problem), 1);
    assert_string_equal(als_problem_facilitator_name(r.problem, 0), "Gus");
    assert_string_equal(als_problem_facilitator_id(r.problem, 0), "gus");
    assert_int_equal(als_diag_count(r.diag), 1);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 9, 3,
                 "row 9, column C (Role): \"Mayor\" is neither an officer "
                 "nor a councillor, so it counts as neither in its "
                 "council's nomination");
    result_free(&r);
}

/* A facilitators sheet beside the applicants': same day words, ids that
   never clash with an applicant's, Max sets, Status; its problems named as
   its own; the summary lines under its name. */
static result import_with_facilitators(const char *csv, const char *facs,
                                       summary_text *t)
{
    result r;
    als_import_options o;
    memset(&r, 0, sizeof r);
    als_import_options_init(&o);
    o.facilitators_csv = facs;
    o.facilitators_len = strlen(facs);
    if (t) {
        memset(t, 0, sizeof *t);
        o.summary = collect_summary;
        o.summary_user = t;
    }
    r.diag = new_diag();
    r.rc = als_import_csv(csv, strlen(csv), NULL, 0, &o, &r.json, &r.len,
                          r.diag, &r.err);
    if (r.rc == ALS_OK)
        assert_int_equal(
            als_problem_from_json(&r.problem, r.json, r.len, NULL, NULL),
            ALS_OK);
    return r;
}

static void test_import__facilitators_sheet(void **state)
{
    (void)state;
    static const char csv[] = "Name,Email,Organisation,Days\n"
                              "Ann,ann@a.org,Acme,Tuesday\n"
                              "Bob,bob@b.org,Beta,Tuesday and Thursday\n"
                              "Cy,cy@c.org,Cora,Thursday\n";
    static const char facs[] = "Name,Email,Organisation,Availability,"
                               "Max sets,Status\n"
                               "Helen Ames,helen@ames.org,Ames,\"Tue, Thu\","
                               "2,\n"
                               "Raj,raj@p.org,,Friday and Thursday,,\n"
                               "Bob,bob@b.org,,Tuesday,,Cancelled\n";
    summary_text t;
    result r = import_with_facilitators(csv, facs, &t);
    assert_imported(&r);
    const als_problem *p = r.problem;
    assert_int_equal(als_problem_applicant_count(p), 3);
    assert_int_equal(als_problem_day_count(p), 2); /* not Friday */
    assert_int_equal(als_problem_facilitator_count(p), 3);
    assert_string_equal(als_problem_facilitator_id(p, 0), "helen@ames.org");
    assert_int_equal(als_problem_facilitator_max_sets(p, 0), 2);
    assert_string_equal(als_problem_facilitator_organisation(p, 0), "Ames");
    assert_true(als_problem_facilitator_available(p, 0, 0));
    assert_true(als_problem_facilitator_available(p, 0, 1));
    assert_false(als_problem_facilitator_available(p, 1, 0));
    assert_true(als_problem_facilitator_available(p, 1, 1));
    /* Bob is an applicant too: the facilitator's id is another */
    assert_string_equal(als_problem_facilitator_id(p, 2), "bob@b.org-f");
    assert_true(als_problem_facilitator_withdrawn(p, 2));
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 4, 0,
                 "facilitators sheet, row 4: \"bob@b.org\" is also an "
                 "applicant's id: the facilitator is \"bob@b.org-f\" (a "
                 "facilitator cannot be a member of the sets they lead)");
    assert_non_null(strstr(t.text, "facilitators sheet: column E (Max sets) "
                                   "-> max_sets, 1 value read\n"));
    assert_non_null(strstr(t.text, "facilitators sheet: 3 facilitators "
                                   "read\n"));
    result_free(&r);

    /* a problem of the facilitators sheet says so, at its row */
    r = import_with_facilitators(csv, "Name,Max sets\nHelen,lots\n", NULL);
    assert_only_error(&r, ALS_ESCHEMA, 2, 2,
                      "facilitators sheet, row 2, column B (Max sets): "
                      "\"lots\" is not a whole number of sets from 1 to 64");
    result_free(&r);
    r = import_with_facilitators(csv, "Name\n", NULL);
    assert_only_error(&r, ALS_ESCHEMA, 1, 0,
                      "facilitators sheet, row 1: no facilitators: expected "
                      "a header row naming the columns, then a row for "
                      "each facilitator");
    result_free(&r);
    /* the same facilitator twice: said, and a different id */
    r = import_with_facilitators(csv,
                                 "Name,Email,Sets you could lead\n"
                                 "Raj,RAJ@p.org,2\nRaj,raj@p.org,\n",
                                 NULL);
    assert_imported(&r);
    assert_int_equal(als_problem_facilitator_count(r.problem), 2);
    assert_int_equal(als_problem_facilitator_max_sets(r.problem, 0), 2);
    assert_string_equal(als_problem_facilitator_id(r.problem, 1),
                        "raj@p.org-2");
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 3, 0,
                 "facilitators sheet, row 3: the same id as an earlier "
                 "facilitator (\"raj@p.org\"): likely the same person "
                 "twice; its id is \"raj@p.org-2\"");
    result_free(&r);
    /* Max sets on an applicant's row is said to be ignored */
    r = import("Name,Max sets\nAnn,2\nBob,\n");
    assert_imported(&r);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 2, 2,
                 "row 2, column B (Max sets): only a facilitator leads "
                 "sets: the number is ignored for an applicant");
    result_free(&r);
}

static void test_import__booking_status(void **state)
{
    (void)state;
    static const char csv[] =
        "Name,Attendee Status\n"
        "Ann,Attending\nBob,Checked In\nCy,Not Attending\n"
        "Di,Cancelled\nEd,Refunded\nFlo,Waitlist\n";
    result r = import(csv);
    assert_imported(&r);
    static const int want[] = {0, 0, 1, 1, 1, 0};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(als_problem_applicant_withdrawn(r.problem, i) != 0,
                         want[i]);
    assert_int_equal(als_diag_count(r.diag), 0);
    result_free(&r);
}

/* Day answers in the forms' own words. */
static void test_import__day_answers(void **state)
{
    (void)state;
    static const char programme[] =
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], "
        "\"set_size\": {\"min\": 2, \"max\": 4}}}";
    static const char csv[] =
        "Name,Which day would you like your set to meet?\n"
        "A1,\"Either \xE2\x80\x93 happy with both\"\n"
        "A2,Either - no preference!\n"
        "A3,Tuesdays only\n"
        "A4,prefer Thursday\n"
        "A5,\"Tuesday preferably, Thursday at a push\"\n"
        "A6,not Tuesday\n"
        "A7,Whichever\n"
        "A8,Thursday;\n"
        "A9,\"Tue \xE2\x80\x94 Thu\"\n"
        "B1,No preference\n";
    result r = import_n(csv, strlen(csv), programme,
                        "Which day would you "
                        "like your set to meet?=availability",
                        0);
    assert_imported(&r);
    assert_days(r.problem, "a1", "tue thu");
    assert_days(r.problem, "a2", "tue thu");
    assert_days(r.problem, "a3", "tue");
    assert_days(r.problem, "a4", "thu");
    assert_days(r.problem, "a5", "tue thu");
    assert_days(r.problem, "a6", "thu");
    assert_days(r.problem, "a7", "tue thu");
    assert_days(r.problem, "a8", "thu");
    assert_days(r.problem, "a9", "tue thu");
    assert_days(r.problem, "b1", "tue thu");
    assert_int_equal(als_diag_count(r.diag), 1);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 5, 2,
                 "row 5, column B (Which day would you like your set to "
                 "meet?): \"prefer Thursday\" is read as thu only: a "
                 "preference is taken as the one day the applicant can make "
                 "(write both days if either will do)");
    result_free(&r);
}

/* Numbered series with their dates, and half days. */
static void test_import__series_and_half_days(void **state)
{
    (void)state;
    static const char series[] =
        "{\"programme\": {\"days\": [\"Series 1\", \"Series 2\", "
        "\"Series 3\"], \"set_size\": {\"min\": 2, \"max\": 4}}}";
    static const char csv[] =
        "Name,Which series can you attend?\n"
        "A1,\"Series 1 (26 Sep, 8 Oct, 24 Oct)\"\n"
        "A2,2 or 3\n"
        "A3,1\n"
        "A4,\"Series 1 (26 Sep, 8 Oct, 24 Oct), Series 3 (1 Nov, 9 Nov)\"\n"
        "A5,not 2\n";
    result r = import_n(csv, strlen(csv), series, NULL, 0);
    assert_imported(&r);
    assert_days(r.problem, "a1", "Series 1");
    assert_days(r.problem, "a2", "Series 2 Series 3");
    assert_days(r.problem, "a3", "Series 1");
    assert_days(r.problem, "a4", "Series 1 Series 3");
    assert_days(r.problem, "a5", "Series 1 Series 3");
    result_free(&r);

    static const char halves[] =
        "{\"programme\": {\"days\": [\"tue am\", \"tue pm\", \"thu pm\"], "
        "\"set_size\": {\"min\": 2, \"max\": 4}}}";
    static const char csv2[] = "Name,Preferred slot\n"
                               "A1,Tuesday PM;\n"
                               "A2,\"Tuesday AM; Thursday PM;\"\n"
                               "A3,Thursday afternoon\n";
    r = import_n(csv2, strlen(csv2), halves, NULL, 0);
    assert_imported(&r);
    assert_days(r.problem, "a1", "tue pm");
    assert_days(r.problem, "a2", "tue am thu pm");
    assert_days(r.problem, "a3", "thu pm");
    result_free(&r);
}

/* An answer not understood is one error, naming every row it is in. */
static void test_import__day_errors_grouped(void **state)
{
    (void)state;
    static const char csv[] = "Name,Days\n"
                              "A1,Tue\nA2,TBC\nA3,Thu\nA4,tbc\nA5,Tue\n"
                              "A6,Wedensday\nA7,TBC\n";
    result r = import(csv);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_count(r.diag), 2);
    assert_entry(r.diag, 0, ALS_SEV_ERROR, 3, 2,
                 "row 3, column B (Days): \"TBC\" is not a day of the week "
                 "(nor any, both or none); in 3 rows: 3, 5, 8");
    assert_entry(r.diag, 1, ALS_SEV_ERROR, 7, 2,
                 "row 7, column B (Days): \"Wedensday\" is not a day; did "
                 "you mean \"Wednesday\"?");
    result_free(&r);
}

/* Bands however written, against a programme's own band names too; cells
   that are no level. */
static void test_import__band_spellings(void **state)
{
    (void)state;
    static const char csv[] = "Id,Band\n1,8c\n2,B7\n3,Band 8C\n"
                              "4,8a (acting 8b)\n5,n/a\n6,not NHS\n"
                              "7,Teacher\n8,AfC band 6\n";
    result r = import(csv);
    assert_imported(&r);
    assert_int_equal(als_problem_applicant_level(r.problem, 0), 9);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 6);
    assert_int_equal(als_problem_applicant_level(r.problem, 2), 9);
    assert_int_equal(als_problem_applicant_level(r.problem, 3), 7);
    assert_int_equal(als_problem_applicant_level(r.problem, 4), ALS_NONE);
    assert_int_equal(als_problem_applicant_level(r.problem, 5), ALS_NONE);
    assert_int_equal(als_problem_applicant_level(r.problem, 6), ALS_NONE);
    assert_int_equal(als_problem_applicant_level(r.problem, 7), 5);
    assert_json_has(&r, "{\"id\": \"1\", \"seniority\": \"Band 8c\"}");
    assert_int_equal(als_diag_count(r.diag), 4);
    assert_entry(r.diag, 0, ALS_SEV_WARNING, 5, 2,
                 "row 5, column B (Band): \"8a (acting 8b)\" is read as "
                 "band 8a");
    assert_entry(r.diag, 1, ALS_SEV_WARNING, 6, 2,
                 "row 6, column B (Band): \"n/a\" is read as no level");
    assert_entry(r.diag, 3, ALS_SEV_WARNING, 8, 2,
                 "row 8, column B (Band): \"Teacher\" is not an NHS Agenda "
                 "for Change band, which other rows of this column give (1 "
                 "to 7, 8a to 8d, 9): read as no level");
    result_free(&r);
    /* strict: errors */
    r = import_n(csv, strlen(csv), NULL, NULL, 1);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_errors(r.diag), 4);
    result_free(&r);

    /* a programme naming the bands: 8c is its "Band 8c" */
    static const char named[] =
        "{\"programme\": {\"set_size\": 4, \"seniority_levels\": "
        "[\"Band 6\", \"Band 7\", \"Band 8a\", \"Band 8b\", \"Band 8c\"]}}";
    static const char csv2[] = "Id,Band\n1,8c\n2,B7\n3,band 8A\n";
    r = import_n(csv2, strlen(csv2), named, NULL, 0);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_int_equal(als_problem_applicant_level(r.problem, 0), 4);
    assert_int_equal(als_problem_applicant_level(r.problem, 1), 1);
    assert_int_equal(als_problem_applicant_level(r.problem, 2), 2);
    assert_json_has(&r, "{\"id\": \"1\", \"seniority\": \"Band 8c\"}");
    result_free(&r);
}

/* ------------------------------------------------------------------ */
/* A corpus of real exports (tests/data/import)                        */

static result import_file(const char *name, const char *programme_file)
{
    char path[256];
    size_t len, plen = 0;
    snprintf(path, sizeof path, "tests/data/import/%s", name);
    char *csv = read_file(path, &len);
    char *prog = NULL;
    if (programme_file) {
        snprintf(path, sizeof path, "tests/data/import/%s", programme_file);
        prog = read_file(path, &plen);
    }
    result r = import_n(csv, len, prog, NULL, 0);
    free(csv);
    free(prog);
    return r;
}

/* How many entries hold `text`. */
static size_t count_entries(const als_diag *d, als_severity sev,
                            const char *text)
{
    size_t n = 0;
    for (size_t k = 0; k < als_diag_count(d); k++)
        n += als_diag_get(d, k)->severity == sev &&
             strstr(als_diag_get(d, k)->message, text) != NULL;
    return n;
}

static void test_import__corpus_google_forms(void **state)
{
    (void)state;
    result r = import_file("google_forms.csv", NULL);
    assert_imported(&r);
    const als_problem *p = r.problem;
    assert_int_equal(als_problem_applicant_count(p), 26);
    assert_int_equal(als_problem_day_count(p), 2);
    /* ids are the e-mails; the days in the forms' words */
    assert_days(p, "ann.adams@nhs.net", "tue thu"); /* Either – happy ... */
    assert_days(p, "bob.brown@nhs.net", "tue");
    assert_days(p, "dev.davies@nhs.net", "tue");   /* Tuesdays only */
    assert_days(p, "eve.evans@nhs.net", "thu");    /* prefer Thursday */
    assert_days(p, "finn.fox@nhs.net", "tue thu"); /* ... at a push */
    assert_days(p, "gita.green@nhs.net", "thu");   /* not Tuesday */
    assert_days(p, "hugh.hughes@nhs.net", "tue thu");
    /* bands by name */
    assert_int_equal(
        als_problem_applicant_level(p, find(p, "ann.adams@nhs.net")),
        9); /* 8c */
    assert_int_equal(
        als_problem_applicant_level(p, find(p, "bob.brown@nhs.net")),
        6); /* B7 */
    assert_int_equal(
        als_problem_applicant_level(p, find(p, "dev.davies@nhs.net")),
        7); /* 8a (acting) */
    assert_int_equal(
        als_problem_applicant_level(p, find(p, "hugh.hughes@nhs.net")),
        ALS_NONE);
    assert_json_has(&r, "\"seniority\": \"Band 8c\"");
    assert_string_equal(
        als_problem_applicant_sector(p, find(p, "bob.brown@nhs.net")),
        "Mental health");
    /* the guessed columns, and the answers read with a warning */
    assert_int_equal(als_diag_errors(r.diag), 0);
    assert_int_equal(
        count_entries(r.diag, ALS_SEV_WARNING, "from the words of its header"),
        5);
    assert_int_equal(count_entries(r.diag, ALS_SEV_WARNING,
                                   "\"8a (acting 8b)\" is read as band 8a"),
                     3);
    assert_int_equal(count_entries(r.diag, ALS_SEV_WARNING,
                                   "\"prefer Thursday\" is read as thu only"),
                     3);
    assert_int_equal(
        count_entries(r.diag, ALS_SEV_WARNING, "\"n/a\" is read as no level"),
        2);
    assert_int_equal(als_diag_count(r.diag), 13);
    result_free(&r);
}

static void test_import__corpus_ms_forms(void **state)
{
    (void)state;
    result r = import_file("ms_forms_bom.csv", "ms_forms.programme.json");
    assert_imported(&r);
    const als_problem *p = r.problem;
    /* 30 rows, 3 of them facilitators */
    assert_int_equal(als_problem_applicant_count(p), 27);
    assert_days(p, "1", "Series 1");
    assert_days(p, "2", "Series 2 Series 3");
    assert_days(p, "3", "Series 1 Series 3");
    assert_days(p, "4", "Series 2 Series 3"); /* 2 or 3 */
    assert_days(p, "5", "Series 1");          /* 1 */
    assert_days(p, "6", "Series 1 Series 2 Series 3");
    assert_days(p, "7", "Series 2 Series 3");               /* not 1 */
    assert_int_equal(als_problem_find(p, "8"), (size_t)-1); /* facilitator */
    static const char *const roles[] = {"officer",    "councillor", "officer",
                                        "councillor", "councillor", "officer",
                                        "councillor"};
    for (size_t k = 0; k < 7; k++) {
        char id[4];
        snprintf(id, sizeof id, "%zu", k + 1);
        assert_string_equal(als_problem_applicant_role(p, find(p, id)),
                            roles[k]);
    }
    assert_string_equal(als_problem_applicant_council(p, find(p, "2")),
                        "Wakefield Council");
    /* anonymous e-mails are none; Microsoft Forms' blank Name column
       gives way to Full name */
    assert_null(als_problem_applicant_email(p, 0));
    assert_string_equal(als_problem_applicant_name(p, 0), "Dev Adams");
    /* the rows whose role is facilitator are the facilitators, with the
       series they can make */
    assert_int_equal(als_problem_facilitator_count(p), 3);
    assert_string_equal(als_problem_facilitator_id(p, 0), "8");
    assert_string_equal(als_problem_facilitator_name(p, 0), "Kai Vaughan");
    assert_true(als_problem_facilitator_available(p, 0, 1));
    assert_false(als_problem_facilitator_available(p, 0, 0));
    assert_int_equal(als_diag_count(r.diag), 2);
    result_free(&r);
}

/* A warning about the cohort as a whole (more sectors than a set holds),
   found when the import reads its cohort back, is an error when strict
   (it was kept a warning, and the cohort written). */
static void test_import__strict_cohort_warning(void **state)
{
    (void)state;
    static const char prog[] = "{\"programme\": {\"set_size\": 4}}";
    static const char csv[] = "Id,Organisation,Sector\n"
                              "1,A,Alpha\n2,B,Bravo\n3,C,Charlie\n"
                              "4,D,Delta\n5,E,Echo\n6,F,Foxtrot\n"
                              "7,G,Golf\n8,H,Alpha\n";
    result r = import_n(csv, strlen(csv), prog, NULL, 0);
    assert_imported(&r);
    assert_int_equal(als_diag_count(r.diag), 1);
    const als_error *e = als_diag_get(r.diag, 0);
    assert_int_equal(e->severity, ALS_SEV_WARNING);
    assert_non_null(strstr(e->message, "7 different sectors"));
    result_free(&r);
    r = import_n(csv, strlen(csv), prog, NULL, 1);
    assert_int_equal(r.rc, ALS_ESCHEMA);
    assert_int_equal(als_diag_errors(r.diag), 1);
    e = als_diag_get(r.diag, 0);
    assert_int_equal(e->severity, ALS_SEV_ERROR);
    assert_non_null(strstr(e->message, "7 different sectors"));
    assert_string_equal(r.err.message, e->message);
    result_free(&r);
}

static void test_import__corpus_eventbrite(void **state)
{
    (void)state;
    result r = import_file("eventbrite.csv", NULL);
    assert_imported(&r);
    const als_problem *p = r.problem;
    assert_int_equal(als_problem_applicant_count(p), 24);
    /* Attending, Checked In, Not Attending, Attending, Cancelled,
       Refunded, Waitlist, Attending */
    static const int withdrawn[8] = {0, 0, 1, 0, 1, 1, 0, 0};
    for (size_t i = 0; i < 24; i++)
        assert_int_equal(als_problem_applicant_withdrawn(p, i) != 0,
                         withdrawn[i % 8]);
    /* Trust / Organisation over Company, Company where it is empty */
    assert_string_equal(als_problem_applicant_organisation(p, 1),
                        "Bradford District Care NHS Foundation Trust");
    assert_string_equal(als_problem_applicant_organisation(p, 0),
                        "NHS England");
    assert_null(als_problem_applicant_organisation(p, 10)); /* both empty */
    assert_int_equal(als_problem_applicant_level(p, 0), 6); /* Band 7 */
    assert_int_equal(als_problem_applicant_level(p, 1), 7); /* 8a */
    assert_int_equal(als_problem_applicant_level(p, 3), 5); /* 6 */
    assert_days(p, "finn.hughes@example.org", "tue");
    assert_days(p, "hugh.jones@example.org", "tue thu");
    /* Order #, Quantity, Ticket Type, Attendee #: unknown; two guesses */
    assert_int_equal(als_diag_errors(r.diag), 0);
    assert_int_equal(
        count_entries(r.diag, ALS_SEV_WARNING, "unknown column, ignored"), 4);
    assert_int_equal(als_diag_count(r.diag), 6);
    result_free(&r);
}

static void test_import__corpus_excel(void **state)
{
    (void)state;
    result r = import_file("excel_utf8.csv", NULL);
    assert_imported(&r);
    const als_problem *p = r.problem;
    assert_int_equal(als_problem_applicant_count(p), 22);
    size_t lena = find(p, "lena-clarke-leeds-city-council");
    assert_string_equal(als_problem_applicant_role(p, lena), "officer");
    assert_int_equal(als_problem_applicant_level(p, lena), 1); /* Manager */
    assert_days(p, "lena-clarke-leeds-city-council", "tue");
    assert_days(p, "pia-green-bradford-mdc", "tue"); /* Tuesday PM; */
    assert_string_equal(
        als_problem_applicant_role(p, find(p, "pia-green-bradford-mdc")),
        "councillor"); /* Cllr */
    assert_string_equal(als_problem_applicant_organisation(
                            p, find(p, "owen-fox-si\xC3\xA2ns-surgery-otley")),
                        "Si\xC3\xA2n's Surgery, Otley");
    /* Notes is unknown but blank: nothing is lost, nothing to say */
    assert_int_equal(als_diag_count(r.diag), 0);
    result_free(&r);

    /* the same sheet saved as Excel's plain CSV (Windows-1252) */
    r = import_file("excel_1252.csv", NULL);
    assert_only_error(&r, ALS_EPARSE, 3, 2,
                      "row 3, column B (Organisation): not UTF-8 text (byte "
                      "0xE9): the file looks like Windows-1252 (\"Caf\xC3\xA9 "
                      "Nero Partnerships\"), as Excel's plain \"CSV\" saves "
                      "it; save the sheet as \"CSV UTF-8\"");
    assert_null(r.json);
    result_free(&r);
}

static void test_import__corpus_semicolon(void **state)
{
    (void)state;
    result r = import_file("semicolon.csv", NULL);
    assert_imported(&r);
    const als_problem *p = r.problem;
    assert_int_equal(als_problem_applicant_count(p), 20);
    assert_int_equal(als_diag_count(r.diag), 0);
    assert_days(p, "S01", "tue thu");
    assert_days(p, "S02", "tue");
    assert_days(p, "S04", "tue thu");
    assert_true(als_problem_applicant_withdrawn(p, find(p, "S01")));
    assert_false(als_problem_applicant_withdrawn(p, find(p, "S02")));
    assert_string_equal(als_problem_applicant_organisation(p, find(p, "S04")),
                        "Leeds, Civic Hall");
    assert_int_equal(als_problem_applicant_level(p, find(p, "S04")), 2);
    result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import__quoted_commas),
        cmocka_unit_test(test_import__row_with_another_delimiter),
        cmocka_unit_test(test_import__rows_with_cr_line_ends),
        cmocka_unit_test(test_import__line_breaks_in_cells),
        cmocka_unit_test(test_import__doubled_quotes),
        cmocka_unit_test(test_import__byte_order_mark),
        cmocka_unit_test(test_import__semicolons_and_crlf),
        cmocka_unit_test(test_import__blank_rows_and_short_rows),
        cmocka_unit_test(test_import__applicant_order_and_layout),
        cmocka_unit_test(test_import__header_spellings),
        cmocka_unit_test(test_import__day_columns),
        cmocka_unit_test(test_import__availability_values),
        cmocka_unit_test(test_import__bad_day_names),
        cmocka_unit_test(test_import__levels),
        cmocka_unit_test(test_import__nhs_bands),
        cmocka_unit_test(test_import__question_headers),
        cmocka_unit_test(test_import__unknown_headers),
        cmocka_unit_test(test_import__duplicate_columns),
        cmocka_unit_test(test_import__council_column),
        cmocka_unit_test(test_import__missing_required_column),
        cmocka_unit_test(test_import__columns_mapping),
        cmocka_unit_test(test_import__ids),
        cmocka_unit_test(test_import__numbers_and_flags),
        cmocka_unit_test(test_import__together_and_apart),
        cmocka_unit_test(test_import__read_back_problems_at_rows),
        cmocka_unit_test(test_import__unterminated_quote),
        cmocka_unit_test(test_import__text_after_closing_quote),
        cmocka_unit_test(test_import__not_utf8),
        cmocka_unit_test(test_import__your_name_beside_a_blank_name),
        cmocka_unit_test(test_import__council_from_organisation),
        cmocka_unit_test(test_import__form_questions),
        cmocka_unit_test(test_import__needed_columns),
        cmocka_unit_test(test_import__mapping_quoted_and_lines),
        cmocka_unit_test(test_import__bad_bytes),
        cmocka_unit_test(test_import__roles_and_facilitators),
        cmocka_unit_test(test_import__facilitators_sheet),
        cmocka_unit_test(test_import__booking_status),
        cmocka_unit_test(test_import__day_answers),
        cmocka_unit_test(test_import__series_and_half_days),
        cmocka_unit_test(test_import__day_errors_grouped),
        cmocka_unit_test(test_import__band_spellings),
        cmocka_unit_test(test_import__corpus_google_forms),
        cmocka_unit_test(test_import__corpus_ms_forms),
        cmocka_unit_test(test_import__corpus_eventbrite),
        cmocka_unit_test(test_import__corpus_excel),
        cmocka_unit_test(test_import__corpus_semicolon),
        cmocka_unit_test(test_import__empty_file),
        cmocka_unit_test(test_import__header_only),
        cmocka_unit_test(test_import__error_cap),
        cmocka_unit_test(test_import__programme_document),
        cmocka_unit_test(test_import__programme_errors),
        cmocka_unit_test(test_import__programme_without_days),
        cmocka_unit_test(test_import__housing_example),
        cmocka_unit_test(test_import__ids_from_email_or_name),
        cmocka_unit_test(test_import__ids_survive_edits),
        cmocka_unit_test(test_import__id_clashes),
        cmocka_unit_test(test_import__duplicate_applicants),
        cmocka_unit_test(test_import__first_come_by_timestamp),
        cmocka_unit_test(test_import__first_come_errors),
        cmocka_unit_test(test_import__excel_file),
        cmocka_unit_test(test_import__bad_days_file),
        cmocka_unit_test(test_import__invalid_arguments),
        cmocka_unit_test(test_import__strict_cohort_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
