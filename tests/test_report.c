/*
 * Tests of reports (libals/report.c): each format of the housing example
 * and of a re-run of it (with changes and an unassigned applicant) against
 * golden files in tests/golden/, byte for byte; then what every format
 * must hold whatever the cohort: text lines of at most 80 code points,
 * names and organisations never cut in text, HTML and Markdown escaping,
 * RFC 4180 quoting, the soft rules each set bends (pairs inside council
 * pairs and job shares are none), the "at best" figures (never above what
 * the exact solver reaches), and refusal of an allocation that does not
 * fit its cohort.
 *
 * ALS_UPDATE_GOLDEN=1 in the environment rewrites the golden files instead
 * of comparing (review the difference before keeping it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "als.h"
#include "support.h"

#ifndef ALS_SOURCE_DIR
#define ALS_SOURCE_DIR "."
#endif

static const als_report_format all_formats[] = {
    ALS_REPORT_TEXT, ALS_REPORT_MARKDOWN, ALS_REPORT_CSV, ALS_REPORT_HTML};
static const char *const extensions[] = {"txt", "md", "csv", "html"};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + n, 1, 4096, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static als_problem *problem_file(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ALS_SOURCE_DIR, rel);
    size_t len;
    char *text = slurp(path, &len);
    als_problem *p = NULL;
    als_error err;
    if (als_problem_from_json(&p, text, len, NULL, &err) != ALS_OK)
        fail_msg("%s: %s: %s", rel, err.path, err.message);
    free(text);
    return p;
}

static als_allocation *allocation_file(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ALS_SOURCE_DIR, rel);
    size_t len;
    char *text = slurp(path, &len);
    als_allocation *a = NULL;
    als_error err;
    if (als_allocation_from_json(&a, text, len, NULL, &err) != ALS_OK)
        fail_msg("%s: %s: %s", rel, err.path, err.message);
    free(text);
    return a;
}

/* JSON written with ' for " (see support.h). */
static als_problem *problem_text(const char *text)
{
    char *j = json(text);
    als_problem *p = NULL;
    als_error err;
    if (als_problem_from_json(&p, j, strlen(j), NULL, &err) != ALS_OK)
        fail_msg("cohort rejected: %s: %s", err.path, err.message);
    free(j);
    return p;
}

static als_allocation *allocation_text(const char *text)
{
    char *j = json(text);
    als_allocation *a = NULL;
    als_error err;
    if (als_allocation_from_json(&a, j, strlen(j), NULL, &err) != ALS_OK)
        fail_msg("allocation rejected: %s: %s", err.path, err.message);
    free(j);
    return a;
}

/* The report, which must succeed; free with als_free(). */
static char *report(const als_problem *p, const als_allocation *a,
                    als_report_format f, size_t *len_out)
{
    char *out = NULL;
    size_t len = 0;
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_report(p, a, f, &out, &len, NULL, &err);
    if (rc != ALS_OK)
        fail_msg("report failed: %s: %s: %s", als_status_str(rc), err.path,
                 err.message);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    if (len_out)
        *len_out = len;
    return out;
}

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("expected to find \"%s\" in:\n%s", (needle), (hay));      \
    } while (0)

#define assert_not_contains(hay, needle)                                       \
    do {                                                                       \
        if (strstr((hay), (needle)) != NULL)                                   \
            fail_msg("did not expect \"%s\" in:\n%s", (needle), (hay));        \
    } while (0)

/* Compare a report with tests/golden/<stem>.report.<ext>, byte for byte. */
static void golden(const char *cohort, const char *allocation, const char *stem)
{
    als_problem *p = problem_file(cohort);
    als_allocation *a = allocation_file(allocation);
    const char *update = getenv("ALS_UPDATE_GOLDEN");
    for (size_t k = 0; k < sizeof all_formats / sizeof all_formats[0]; k++) {
        char path[512];
        size_t len, glen;
        snprintf(path, sizeof path, "%s/tests/golden/%s.report.%s",
                 ALS_SOURCE_DIR, stem, extensions[k]);
        char *out = report(p, a, all_formats[k], &len);
        if (update && strcmp(update, "1") == 0) {
            FILE *fp = fopen(path, "wb");
            assert_non_null(fp);
            assert_int_equal(fwrite(out, 1, len, fp), len);
            assert_int_equal(fclose(fp), 0);
        }
        char *want = slurp(path, &glen);
        if (glen != len || memcmp(want, out, len) != 0) {
            size_t at = 0;
            while (at < len && at < glen && want[at] == out[at])
                at++;
            fail_msg("%s differs from the report at byte %zu:\n%s", path, at,
                     out);
        }
        free(want);
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/* Longest line of `text`, in code points (a CR before LF not counted). */
static size_t widest_line(const char *text, char *worst, size_t cap)
{
    size_t widest = 0;
    const char *line = text;
    while (*line) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        size_t cps = 0;
        for (size_t k = 0; k < n; k++)
            if (((unsigned char)line[k] & 0xC0) != 0x80)
                cps++;
        if (cps > widest) {
            widest = cps;
            snprintf(worst, cap, "%.*s", (int)n, line);
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    return widest;
}

static void assert_fits_80(const char *text)
{
    char worst[4096];
    size_t w = widest_line(text, worst, sizeof worst);
    if (w > 80)
        fail_msg("a line of %zu columns:\n%s", w, worst);
}

/*
 * Split RFC 4180 CSV into records of fields. Every record must end in
 * CRLF. Returns the number of records; fields[r][f] are malloc'd.
 */
enum { MAX_RECORDS = 64, MAX_FIELDS = 12 };
typedef char *csv_row[MAX_FIELDS];

static size_t parse_csv(const char *s, csv_row *rows, size_t *nfields)
{
    size_t nrec = 0;
    while (*s) {
        assert_true(nrec < MAX_RECORDS);
        size_t f = 0;
        for (;;) {
            assert_true(f < MAX_FIELDS);
            size_t cap = strlen(s) + 1, n = 0;
            char *v = malloc(cap);
            assert_non_null(v);
            if (*s == '"') {
                s++;
                for (;;) {
                    assert_true(*s != '\0'); /* unterminated quote */
                    if (*s == '"' && s[1] == '"') {
                        v[n++] = '"';
                        s += 2;
                    } else if (*s == '"') {
                        s++;
                        break;
                    } else {
                        v[n++] = *s++;
                    }
                }
            } else {
                while (*s && *s != ',' && *s != '\r' && *s != '\n') {
                    assert_true(*s != '"'); /* a quote in an unquoted field */
                    v[n++] = *s++;
                }
            }
            v[n] = '\0';
            rows[nrec][f++] = v;
            if (*s == ',') {
                s++;
                continue;
            }
            assert_true(s[0] == '\r' && s[1] == '\n');
            s += 2;
            break;
        }
        nfields[nrec++] = f;
    }
    return nrec;
}

static void free_csv(csv_row *rows, const size_t *nfields, size_t n)
{
    for (size_t r = 0; r < n; r++)
        for (size_t f = 0; f < nfields[r]; f++)
            free(rows[r][f]);
}

/* Two sets of four on one day; every rule soft. */
#define SOFT_PROGRAMME(rules)                                                  \
    "'programme': {'name': 'Soft rules', 'set_size': 4, 'rules': " rules "}"

/* ------------------------------------------------------------------ */
/* Golden files                                                        */

static void test_report__golden_housing(void **state)
{
    (void)state;
    golden("examples/housing.json", "examples/housing.allocation.json",
           "housing");
}

static void test_report__golden_rerun(void **state)
{
    (void)state;
    golden("tests/golden/housing-rerun.json",
           "tests/golden/housing-rerun.allocation.json", "housing-rerun");
}

/* ------------------------------------------------------------------ */
/* Every format                                                        */

static void test_report__format_names(void **state)
{
    (void)state;
    static const char *const names[] = {"text", "markdown", "csv", "html"};
    for (size_t k = 0; k < 4; k++) {
        als_report_format f = (als_report_format)99;
        assert_int_equal(als_report_format_from_name(names[k], &f), ALS_OK);
        assert_int_equal(f, all_formats[k]);
        assert_string_equal(als_report_format_name(all_formats[k]), names[k]);
    }
    als_report_format f = ALS_REPORT_HTML;
    static const char *const bad[] = {"",    "TEXT",  "md",
                                      "pdf", "html ", "texts"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        assert_int_equal(als_report_format_from_name(bad[k], &f), ALS_EINVAL);
        assert_int_equal(f, ALS_REPORT_HTML); /* unchanged */
    }
    assert_int_equal(als_report_format_from_name(NULL, &f), ALS_EINVAL);
    assert_int_equal(als_report_format_from_name("csv", NULL), ALS_EINVAL);
    assert_null(als_report_format_name((als_report_format)4));
    assert_null(als_report_format_name((als_report_format)-1));
}

static void test_report__bad_arguments(void **state)
{
    (void)state;
    als_problem *p = problem_file("examples/housing.json");
    als_allocation *a = allocation_file("examples/housing.allocation.json");
    char *out = (char *)"unchanged";
    size_t len = 7;
    als_error err;
    assert_int_equal(
        als_report(NULL, a, ALS_REPORT_TEXT, &out, &len, NULL, &err),
        ALS_EINVAL);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_equal(err.code, ALS_EINVAL);
    assert_int_equal(
        als_report(p, NULL, ALS_REPORT_TEXT, &out, NULL, NULL, NULL),
        ALS_EINVAL);
    assert_int_equal(als_report(p, a, ALS_REPORT_TEXT, NULL, NULL, NULL, NULL),
                     ALS_EINVAL);
    assert_int_equal(
        als_report(p, a, (als_report_format)7, &out, NULL, NULL, &err),
        ALS_EINVAL);
    assert_null(out);
    assert_contains(err.message, "format");
    als_allocation_free(a);
    als_problem_free(p);
}

/* Every set id and every member's name is in every format. */
static void test_report__every_member_in_every_format(void **state)
{
    (void)state;
    als_problem *p = problem_file("tests/golden/housing-rerun.json");
    als_allocation *a =
        allocation_file("tests/golden/housing-rerun.allocation.json");
    for (size_t k = 0; k < 4; k++) {
        char *out = report(p, a, all_formats[k], NULL);
        for (size_t s = 0; s < als_allocation_set_count(a); s++) {
            char set[64];
            snprintf(set, sizeof set,
                     all_formats[k] == ALS_REPORT_CSV ? "\r\nSet %zu,"
                                                      : "Set %zu",
                     s + 1);
            assert_contains(out, set);
            for (size_t m = 0; m < als_allocation_set_size(a, s); m++) {
                const char *id = als_allocation_member(a, s, m);
                assert_contains(out, id);
                size_t i = als_problem_find(p, id);
                const char *name = als_problem_applicant_name(p, i);
                /* names cut to fit 80 columns, or escaped, checked below */
                if (all_formats[k] != ALS_REPORT_TEXT && !strchr(name, '"'))
                    assert_contains(out, name);
            }
        }
        for (size_t u = 0; u < als_allocation_unassigned_count(a); u++)
            assert_contains(out, als_allocation_unassigned_id(a, u));
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

static void test_report__text_fits_80_columns(void **state)
{
    (void)state;
    const char *pairs[][2] = {
        {"examples/housing.json", "examples/housing.allocation.json"},
        {"tests/golden/housing-rerun.json",
         "tests/golden/housing-rerun.allocation.json"}};
    for (size_t k = 0; k < 2; k++) {
        als_problem *p = problem_file(pairs[k][0]);
        als_allocation *a = allocation_file(pairs[k][1]);
        char *out = report(p, a, ALS_REPORT_TEXT, NULL);
        assert_fits_80(out);
        als_free(out);
        als_allocation_free(a);
        als_problem_free(p);
    }

    /* Long everything: ids, multi-byte names, organisations, sectors,
       levels, a reason that is one long word, and a long programme name. */
    als_problem *p = problem_text(
        "{'programme': {'name': 'Ĳsselmeer Leadership Programme for "
        "Collaborative Public Service Improvement across the Northern "
        "Regions, the second cohort of the year', 'set_size': 2, "
        "'seniority_levels': ['a very senior level with a remarkably long "
        "descriptive name', 'ŋ']}, 'applicants': ["
        "{'id': 'applicant-with-an-extraordinarily-long-identifier-that-"
        "goes-on-and-on-and-on-beyond-any-column', 'name': "
        "'Ŵėŕÿ Łøñğ Ñåmé ÀÁÂÃÄÅ ÆÇÈÉÊË ÌÍÎÏ ÐÑÒÓÔÕÖ ØÙÚÛÜÝ Þßàáâãäå', "
        "'organisation': 'Organisation Ωμέγα of Exceptionally Lengthy "
        "Names', 'sector': 'a sector whose label alone would fill most of "
        "a line on its own', 'seniority': 0},"
        "{'id': 'b', 'name': "
        "'日本語の名前がとても長い人の名前です日本語の名前がとても長い人の"
        "名前です日本語の名前がとても長い人の名前です', 'seniority': 1},"
        "{'id': 'c', 'sector': 'x'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S-with-a-rather-long-set-identifier-that-also-"
        "wants-to-be-seen-whole-in-the-heading-of-the-set', 'members': "
        "['applicant-with-an-extraordinarily-long-identifier-that-goes-on-"
        "and-on-and-on-beyond-any-column', 'b']}], 'unassigned': [{'id': "
        "'c', 'reason': 'Averyveryveryveryveryveryveryveryveryveryveryvery"
        "veryveryveryveryveryveryveryveryveryveryveryveryveryveryveryvery"
        "longwordwithoutanyspaceatallinit and then ordinary words'}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_fits_80(out);
    /* cut, not dropped: the start of each long value is there */
    assert_contains(out, "Ŵėŕÿ Łøñğ");
    assert_contains(out, "\xE2\x80\xA6"); /* the ellipsis */
    assert_contains(out, "Averyvery");
    assert_contains(out, "ordinary words");
    /* no trailing blanks */
    assert_not_contains(out, " \n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* Byte offset of code point `cp` in line[0..len) (len when past its end). */
static size_t cp_offset(const char *line, size_t len, size_t cp)
{
    size_t k = 0;
    while (k < len && cp > 0) {
        k++;
        while (k < len && ((unsigned char)line[k] & 0xC0) == 0x80)
            k++;
        cp--;
    }
    return k;
}

/* Append line[from..to) (code points), trimmed, to cell, a space before
   it when cell is not empty and does not end with a hyphen (a long word
   is wrapped after one). */
static void add_slice(char *cell, size_t cap, const char *line, size_t len,
                      size_t from, size_t to)
{
    size_t a = cp_offset(line, len, from), b = cp_offset(line, len, to);
    while (a < b && line[a] == ' ')
        a++;
    while (b > a && line[b - 1] == ' ')
        b--;
    if (a == b)
        return;
    size_t n = strlen(cell);
    snprintf(cell + n, cap - n, "%s%.*s", n && cell[n - 1] != '-' ? " " : "",
             (int)(b - a), line + a);
}

/* A set's day as the report orders them: none first, then in the
   programme's order. */
static size_t day_place(const als_problem *p, const als_allocation *a, size_t s)
{
    const char *day = als_allocation_set_day(a, s);
    if (!day)
        return 0;
    for (size_t d = 0; d < als_problem_day_count(p); d++)
        if (strcmp(als_problem_day(p, d), day) == 0)
            return d + 1;
    fail_msg("set %zu meets on '%s', not a day of the programme", s, day);
    return 0;
}

/* The set a report lists k-th: by day, then the larger first, then in the
   allocation's order. */
static size_t listed_set(const als_problem *p, const als_allocation *a,
                         size_t k)
{
    size_t order[64], n = als_allocation_set_count(a);
    assert_true(n <= 64);
    for (size_t s = 0; s < n; s++) {
        size_t at = s;
        while (at > 0) {
            size_t t = order[at - 1];
            size_t ds = day_place(p, a, s), dt = day_place(p, a, t);
            if (dt < ds || (dt == ds && als_allocation_set_size(a, t) >=
                                            als_allocation_set_size(a, s)))
                break;
            order[at] = t;
            at--;
        }
        order[at] = s;
    }
    assert_true(k < n);
    return order[k];
}

/*
 * Every member table of a text report, read back: the cells of each row,
 * a cell wrapped over lines joined with spaces, are the member's ID, name
 * and organisation, whole (those of the allocation's sets, in the report's
 * order).
 */
static void assert_member_tables_whole(const als_problem *p,
                                       const als_allocation *a,
                                       const char *text)
{
    const char *line = text;
    size_t set = 0;
    while ((line = strstr(line, "\n  ID ")) != NULL) {
        line++;
        const char *end = strchr(line, '\n');
        assert_non_null(end);
        size_t len = (size_t)(end - line);
        /* the columns start where their headings do */
        static const char *const heads[] = {"Name", "Organisation", "Sector",
                                            "Level"};
        size_t col[5] = {2};
        for (size_t c = 0; c < 4; c++) {
            const char *h = strstr(line, heads[c]);
            assert_true(h != NULL && h < end);
            col[c + 1] = 0;
            for (const char *q = line; q < h; q++)
                col[c + 1] += ((unsigned char)*q & 0xC0) != 0x80;
        }
        assert_true(set < als_allocation_set_count(a));
        size_t listed = listed_set(p, a, set);
        size_t row = 0, n = als_allocation_set_size(a, listed);
        char cells[3][512] = {{0}};
        for (;;) {
            line = end + 1;
            end = strchr(line, '\n');
            assert_non_null(end);
            len = (size_t)(end - line);
            bool stop = strncmp(line, "  Sectors:", 10) == 0;
            char id[512] = "";
            if (!stop)
                add_slice(id, sizeof id, line, len, col[0], col[1]);
            if (stop || id[0]) { /* a row ends */
                if (cells[0][0]) {
                    assert_true(row < n);
                    const char *want_id = als_allocation_member(a, listed, row);
                    size_t i = als_problem_find(p, want_id);
                    const char *name = als_problem_applicant_name(p, i);
                    const char *org = als_problem_applicant_organisation(p, i);
                    assert_string_equal(cells[0], want_id);
                    assert_string_equal(cells[1], name ? name : "-");
                    assert_string_equal(cells[2], org ? org : "-");
                    row++;
                }
                memset(cells, 0, sizeof cells);
            }
            if (stop)
                break;
            for (size_t c = 0; c < 3; c++)
                add_slice(cells[c], sizeof cells[c], line, len, col[c],
                          col[c + 1]);
        }
        assert_int_equal(row, n);
        set++;
    }
    assert_int_equal(set, als_allocation_set_count(a));
}

/*
 * Names and organisations are never cut in a text report: one too long
 * for its column is wrapped within it, so two organisations that begin
 * alike ("King's College Hospital", "King's College London") never read
 * the same. So in every worked example, and in a set whose long sector
 * and level names leave little room.
 */
static void test_report__text_names_whole(void **state)
{
    (void)state;
    static const char *const examples[] = {"councils", "hr", "system",
                                           "leaders", "housing"};
    for (size_t k = 0; k < sizeof examples / sizeof examples[0]; k++) {
        char cohort[128], alloc[128];
        snprintf(cohort, sizeof cohort, "examples/%s/cohort.json", examples[k]);
        snprintf(alloc, sizeof alloc, "examples/%s/allocation.json",
                 examples[k]);
        als_problem *p = problem_file(cohort);
        als_allocation *a = allocation_file(alloc);
        char *out = report(p, a, ALS_REPORT_TEXT, NULL);
        assert_fits_80(out);
        assert_member_tables_whole(p, a, out);
        als_free(out);
        als_allocation_free(a);
        als_problem_free(p);
    }

    als_problem *p = problem_text(
        "{'programme': {'set_size': 5, 'seniority_levels': ['associate "
        "director of clinical operations', 'deputy chief executive "
        "officer']}, 'applicants': ["
        "{'id': 'kch', 'name': 'Dr Oluwaseun Adebayo-Richardson', "
        "'organisation': 'King\\u2019s College Hospital NHS Foundation "
        "Trust', 'sector': 'acute and specialist health care', "
        "'seniority': 0},"
        "{'id': 'kcl', 'name': 'Professor Margaret Thurlow-Hennessey', "
        "'organisation': 'King\\u2019s College London', 'sector': "
        "'higher education and research', 'seniority': 1},"
        "{'id': 'luh', 'name': 'Samira Connolly', 'organisation': "
        "'Liverpool University Hospitals NHS Foundation Trust', 'sector': "
        "'acute and specialist health care', 'seniority': 0},"
        "{'id': 'lu', 'name': 'Ewa Thomas', 'organisation': 'Liverpool "
        "University', 'sector': 'higher education and research'},"
        "{'id': 'vcs', 'name': 'Brendan Sheridan', 'organisation': "
        "'Citizens Advice Liverpool', 'sector': 'voluntary, community and "
        "social enterprise', 'seniority': 1}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['kch', 'kcl', 'luh', 'lu', "
        "'vcs']}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_fits_80(out);
    assert_member_tables_whole(p, a, out);
    assert_not_contains(out, "\xE2\x80\xA6"); /* nothing cut */
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Escaping and quoting                                                */

static const char escaping_cohort[] =
    "{\"programme\": {\"name\": \"<script>alert(1)</script> & co\", "
    "\"set_size\": 2}, \"applicants\": ["
    "{\"id\": \"x1\", \"name\": \"<b>\\\"Tom\\\" & 'Jerry'</b>\", "
    "\"organisation\": \"Smith, \\\"Jones\\\" & Partners\", "
    "\"sector\": \"a|b*c_d\"},"
    "{\"id\": \"x2\", \"name\": \"=HYPERLINK(\\\"x\\\")\", "
    "\"organisation\": \"Line\\nbreak\"},"
    "{\"id\": \"x3\", \"name\": \"Lee, \\\"Sam\\\"\"}]}";
static const char escaping_allocation[] =
    "{\"sets\": [{\"id\": \"S<1>\", \"members\": [\"x1\", \"x2\"]}], "
    "\"unassigned\": [{\"id\": \"x3\", \"reason\": \"no \\\"room\\\", "
    "sorry <3\"}]}";

static void escaping_docs(als_problem **p, als_allocation **a)
{
    als_error err;
    *p = NULL;
    *a = NULL;
    if (als_problem_from_json(p, escaping_cohort, strlen(escaping_cohort), NULL,
                              &err) != ALS_OK)
        fail_msg("%s: %s", err.path, err.message);
    if (als_allocation_from_json(a, escaping_allocation,
                                 strlen(escaping_allocation), NULL,
                                 &err) != ALS_OK)
        fail_msg("%s: %s", err.path, err.message);
}

static void test_report__html_escapes(void **state)
{
    (void)state;
    als_problem *p;
    als_allocation *a;
    escaping_docs(&p, &a);
    char *out = report(p, a, ALS_REPORT_HTML, NULL);
    assert_contains(out, "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;"
                         "&lt;/b&gt;");
    assert_contains(out, "<title>&lt;script&gt;alert(1)&lt;/script&gt; "
                         "&amp; co</title>");
    assert_contains(out, "Smith, &quot;Jones&quot; &amp; Partners");
    assert_contains(out, "Set S&lt;1&gt;");
    assert_contains(out, "no &quot;room&quot;, sorry &lt;3");
    assert_contains(out, "<td>Lee, &quot;Sam&quot;</td>");
    assert_contains(out, "Line break"); /* a line break is a space */
    assert_not_contains(out, "<b>");
    assert_not_contains(out, "<script");
    assert_not_contains(out, "S<1>");
    /* self-contained: no script, nothing fetched */
    assert_not_contains(out, "src=");
    /* links only within the page, or to write e-mail */
    for (const char *h = strstr(out, "href=\""); h;
         h = strstr(h + 1, "href=\""))
        assert_true(h[6] == '#' || strncmp(h + 6, "mailto:", 7) == 0);
    assert_not_contains(out, "url(");
    assert_not_contains(out, "@import");
    assert_contains(out, "default-src 'none'");
    assert_contains(out, "@media print");
    assert_contains(out, "break-inside: avoid");
    assert_true(strncmp(out, "<!DOCTYPE html>\n", 16) == 0);
    assert_contains(out, "</html>\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_report__markdown_escapes(void **state)
{
    (void)state;
    als_problem *p;
    als_allocation *a;
    escaping_docs(&p, &a);
    char *out = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    assert_contains(out, "| x1 | \\<b\\>\"Tom\" & 'Jerry'\\</b\\> |");
    assert_contains(out, "a\\|b\\*c\\_d");
    assert_contains(out, "# \\<script\\>alert(1)\\</script\\> & co\n");
    assert_contains(out, "## Set S\\<1\\>");
    assert_contains(out, "Line break");
    /* every table row has as many cells as its head */
    const char *line = out;
    while ((line = strstr(line, "\n| x")) != NULL) {
        line++;
        size_t bars = 0;
        for (const char *c = line; *c && *c != '\n'; c++)
            if (*c == '|' && (c == line || c[-1] != '\\'))
                bars++;
        assert_true(bars == 6 || bars == 7); /* 5 or 6 cells */
    }
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_report__csv_quotes(void **state)
{
    (void)state;
    als_problem *p;
    als_allocation *a;
    escaping_docs(&p, &a);
    size_t len;
    char *out = report(p, a, ALS_REPORT_CSV, &len);
    assert_contains(out, "\"Smith, \"\"Jones\"\" & Partners\"");
    assert_contains(out, ",x3,\"Lee, \"\"Sam\"\"\",");
    /* a field that a spreadsheet would run as a formula is defused */
    assert_contains(out, ",\"'=HYPERLINK(\"\"x\"\")\",");
    csv_row rows[MAX_RECORDS];
    size_t nfields[MAX_RECORDS];
    size_t n = parse_csv(out, rows, nfields);
    assert_int_equal(n, 4); /* header, two members, one unassigned */
    for (size_t r = 0; r < n; r++)
        assert_int_equal(nfields[r], 11);
    assert_string_equal(rows[0][0], "set");
    assert_string_equal(rows[0][4], "email");
    assert_string_equal(rows[0][5], "role");
    assert_string_equal(rows[0][9], "dates");
    assert_string_equal(rows[0][10], "reason");
    assert_string_equal(rows[1][0], "Set S<1>");
    assert_string_equal(rows[1][2], "x1");
    assert_string_equal(rows[1][3], "<b>\"Tom\" & 'Jerry'</b>");
    assert_string_equal(rows[1][6], "Smith, \"Jones\" & Partners");
    assert_string_equal(rows[1][7], "a|b*c_d");
    assert_string_equal(rows[1][10], "");
    assert_string_equal(rows[2][6], "Line\nbreak"); /* quoted, kept */
    assert_string_equal(rows[3][0], "");
    assert_string_equal(rows[3][2], "x3");
    assert_string_equal(rows[3][3], "Lee, \"Sam\"");
    assert_string_equal(rows[3][10], "no \"room\", sorry <3");
    free_csv(rows, nfields, n);
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Figures and bent rules                                              */

static void test_report__bent_rules_named(void **state)
{
    (void)state;
    als_problem *p = problem_text("{" SOFT_PROGRAMME(
        "{'organisation': 'prefer_distinct', 'sector': "
        "'balance', 'seniority': 'mixed'}") ", "
                                            "'applicants': ["
                                            "{'id': 'a', 'name': 'Ann', "
                                            "'organisation': 'NHS Trust 3', "
                                            "'sector': 'public', 'seniority': "
                                            "2},"
                                            "{'id': 'b', 'name': 'Bob', "
                                            "'organisation': 'NHS Trust 3', "
                                            "'sector': 'public', 'seniority': "
                                            "2},"
                                            "{'id': 'c', 'name': 'Cy', "
                                            "'organisation': 'Acme', "
                                            "'sector': 'public', 'seniority': "
                                            "0},"
                                            "{'id': 'd', 'name': 'Di', "
                                            "'organisation': 'Beta', "
                                            "'sector': 'private', 'seniority': "
                                            "1},"
                                            "{'id': 'e', 'organisation': "
                                            "'Gamma', 'sector': 'private', "
                                            "'seniority': 0},"
                                            "{'id': 'f', 'organisation': "
                                            "'Delta', 'sector': 'private', "
                                            "'seniority': 1},"
                                            "{'id': 'g', 'organisation': "
                                            "'Eps', 'sector': 'private', "
                                            "'seniority': 3},"
                                            "{'id': 'h', 'organisation': "
                                            "'Zeta', 'sector': 'public', "
                                            "'seniority': 4}], "
                                            "'pairs': [{'a': 'a', 'b': 'c', "
                                            "'weight': 2.5}, "
                                            "{'a': 'b', 'b': 'd', 'weight': "
                                            "-1}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b', 'c', 'd']}, "
        "{'id': 'S2', 'members': ['e', 'f', 'g', 'h']}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "    - three members from the public sector\n");
    assert_contains(out, "    - two members from NHS Trust 3\n");
    assert_contains(out, "    - two members at level 2\n");
    assert_contains(
        out, "    - Ann and Cy share the set (weight 2.5, to keep apart)\n");
    assert_not_contains(out, "Bob and Di"); /* a wanted pair is no bend */
    assert_contains(out, "  Sectors: public 3, private 1\n");
    assert_contains(out, "  Seniority: 0 to 2 (spread 2)\n");
    assert_contains(out, "  Organisations: 3 (2 from NHS Trust 3)\n");
    /* mix score: 3 sector + 1 organisation + 1 level pair + 2.5 - 1 */
    assert_contains(out, "  Mix score: 6.5\n");
    assert_contains(out, "  Same-level pairs         1 (at best 0)\n");
    assert_contains(out, "  Listed pairs             1.5 their weights, summed "
                         "over the pairs sharing a\n"
                         "                           set (at best -1)\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);

    /* similar seniority, named levels, a limit; weight 0 bends nothing */
    p = problem_text(
        "{'programme': {'set_size': 3, 'seniority_levels': ['officer', "
        "'manager', 'head', 'director'], 'rules': {'sector': {'mode': "
        "'balance', 'weight': 0}, 'seniority': {'mode': 'similar', "
        "'max_spread': 3}}}, 'applicants': ["
        "{'id': 'a', 'sector': 's', 'seniority': 'officer'},"
        "{'id': 'b', 'sector': 's', 'seniority': 'director'},"
        "{'id': 'c', 'sector': 's'},"
        "{'id': 'd', 'sector': 's', 'seniority': 'officer'},"
        "{'id': 'e', 'sector': 's', 'seniority': 'officer'},"
        "{'id': 'f', 'sector': 's', 'seniority': 'director'}]}");
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['a', 'b', 'c']}, "
                        "{'id': 'S2', 'members': ['d', 'e', 'f']}]}");
    out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "    - seniority spread 3 levels, officer to "
                         "director (at best 0, limit 3)\n");
    assert_contains(out, "  Seniority: officer to director (spread 3), 1 "
                         "without a level\n");
    assert_not_contains(out, "from the s sector");
    assert_contains(out, "at most 3 levels apart, a\n  hard rule");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* Words a coordinator never typed and need not learn: the solver's and the
   file format's. */
static const char *const jargon[] = {
    "penalty",        "max_spread", "prefer_distinct", "distinct",
    "(set \"",        "objective",  "feasible",        "optimal",
    "(organisation:", "(sector:",   "(seniority:"};

/* Lower-cased copy, to look for words whatever their case. */
static char *lowered(const char *s)
{
    char *t = strdup(s);
    assert_non_null(t);
    for (char *c = t; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return t;
}

/*
 * The reports of every worked example, and of the golden re-run, say
 * nothing in the solver's or the file format's words (text, Markdown and
 * HTML; the CSV's short column headers may stay, but hold no "penalty").
 */
static void test_report__plain_words(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"examples/housing.json", "examples/housing.allocation.json"},
        {"tests/golden/housing-rerun.json",
         "tests/golden/housing-rerun.allocation.json"},
        {"examples/housing/cohort.json", "examples/housing/allocation.json"},
        {"examples/housing/rerun.json",
         "examples/housing/rerun.allocation.json"},
        {"examples/councils/cohort.json", "examples/councils/allocation.json"},
        {"examples/councils/rerun.json",
         "examples/councils/rerun.allocation.json"},
        {"examples/leaders/cohort.json", "examples/leaders/allocation.json"},
        {"examples/leaders/rerun.json",
         "examples/leaders/rerun.allocation.json"},
        {"examples/hr/cohort.json", "examples/hr/allocation.json"},
        {"examples/hr/rerun.json", "examples/hr/rerun.allocation.json"},
        {"examples/system/cohort.json", "examples/system/allocation.json"},
        {"examples/system/rerun.json",
         "examples/system/rerun.allocation.json"}};
    for (size_t e = 0; e < sizeof pairs / sizeof pairs[0]; e++) {
        als_problem *p = problem_file(pairs[e][0]);
        als_allocation *a = allocation_file(pairs[e][1]);
        for (size_t k = 0; k < 4; k++) {
            char *out = report(p, a, all_formats[k], NULL);
            char *low = lowered(out);
            size_t nwords = all_formats[k] == ALS_REPORT_CSV
                                ? 1
                                : sizeof jargon / sizeof jargon[0];
            for (size_t w = 0; w < nwords; w++)
                if (strstr(low, jargon[w]))
                    fail_msg("%s, %s report: \"%s\" in:\n%s", pairs[e][1],
                             extensions[k], jargon[w], out);
            free(low);
            /* no set id libals made up ("S7"): sets are "Set 1", ... */
            for (const char *c = out; *c; c++) {
                bool start = c == out ||
                             !(isalnum((unsigned char)c[-1]) || c[-1] == '_');
                size_t d = 1;
                while (c[d] >= '0' && c[d] <= '9')
                    d++;
                if (*c == 'S' && start && d > 1 &&
                    !(isalnum((unsigned char)c[d]) || c[d] == '_'))
                    fail_msg("%s, %s report: a set id \"%.*s\" in:\n%s",
                             pairs[e][1], extensions[k], (int)d, c, out);
            }
            als_free(out);
        }
        als_allocation_free(a);
        als_problem_free(p);
    }
}

/*
 * A set bends a rule only when it does worse on that figure than its
 * bound, the best an even split of the cohort could give it: at its bound
 * (even with three of one sector, when the cohort has that many) it says
 * nothing, in every format; worse, it names what it has too much of.
 */
static void test_report__set_bounds(void **state)
{
    (void)state;
    /* sectors A x4, B x2, C x2 in two sets of 4: a fair share is A 2, B 1,
       C 1, one pair; levels 0 x4, 1 x4: a set of 4 can be all one level */
    als_problem *p =
        problem_text("{'programme': {'set_size': 4, 'rules': {'organisation': "
                     "'ignore'}}, 'applicants': ["
                     "{'id': 'a1', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'a2', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'a3', 'sector': 'A', 'seniority': 1},"
                     "{'id': 'a4', 'sector': 'A', 'seniority': 1},"
                     "{'id': 'b1', 'sector': 'B', 'seniority': 0},"
                     "{'id': 'b2', 'sector': 'B', 'seniority': 1},"
                     "{'id': 'c1', 'sector': 'C', 'seniority': 0},"
                     "{'id': 'c2', 'sector': 'C', 'seniority': 1}]}");
    /* both at their bounds */
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a1', 'a2', 'b1', 'c1']}, "
        "{'id': 'S2', 'members': ['a3', 'a4', 'b2', 'c2']}]}");
    static const als_report_format formats[] = {
        ALS_REPORT_TEXT, ALS_REPORT_MARKDOWN, ALS_REPORT_HTML};
    for (size_t k = 0; k < 3; k++) {
        char *out = report(p, a, formats[k], NULL);
        assert_not_contains(out, "members from the");
        assert_not_contains(out, "seniority spread");
        assert_not_contains(out, "class=\"bent\"");
        if (formats[k] == ALS_REPORT_TEXT)
            assert_contains(out, "  Rules bent: none\n");
        als_free(out);
    }
    als_allocation_free(a);
    /* S1 worse than its bound on both; S2 at its bound on sectors (one
       pair, of C) but a spread of 1 where 0 could be */
    a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a1', 'a2', 'a3', 'b2']}, "
        "{'id': 'S2', 'members': ['a4', 'b1', 'c1', 'c2']}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out,
                    "  Rules bent:\n"
                    "    - three members from the A sector\n"
                    "    - seniority spread 1 level, 0 to 1 (at best 0)\n");
    assert_not_contains(out, "two members from the C sector");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);

    /* sectors A x6, B x2 in two sets of 4: three of A is a fair share
       (three pairs); levels 0 to 3 in one set of 4: a spread of 3 is the
       least */
    p = problem_text("{'programme': {'set_size': 4, 'rules': {'organisation': "
                     "'ignore'}}, 'applicants': ["
                     "{'id': 'a1', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'a2', 'sector': 'A', 'seniority': 1},"
                     "{'id': 'a3', 'sector': 'A', 'seniority': 2},"
                     "{'id': 'a4', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'a5', 'sector': 'A', 'seniority': 1},"
                     "{'id': 'a6', 'sector': 'A', 'seniority': 2},"
                     "{'id': 'b1', 'sector': 'B', 'seniority': 3},"
                     "{'id': 'b2', 'sector': 'B', 'seniority': 3}]}");
    a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a1', 'a2', 'a3', 'b1']}, "
        "{'id': 'S2', 'members': ['a4', 'a5', 'a6', 'b2']}]}");
    out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "  Sectors: A 3, B 1\n");
    assert_not_contains(out, "members from the");
    /* the least spread of four of 0,0,1,1,2,2,3,3 is 1 (0 0 1 1) */
    assert_contains(out, "    - seniority spread 3 levels, 0 to 3 (at best "
                         "1)\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);

    /* same-level pairs (mixed): 0 x2, 1 x2 in one set of 4 hold their
       share; two sets of 4 with 0 x4, 1 x4 split 4 + 4 are worse */
    p = problem_text(
        "{'programme': {'set_size': 4, 'rules': {'organisation': "
        "'ignore', 'sector': 'ignore', 'seniority': 'mixed'}}, "
        "'applicants': [{'id': 'a', 'seniority': 0}, {'id': 'b', "
        "'seniority': 0}, {'id': 'c', 'seniority': 0}, {'id': 'd', "
        "'seniority': 0}, {'id': 'e', 'seniority': 1}, {'id': 'f', "
        "'seniority': 1}, {'id': 'g', 'seniority': 1}, {'id': 'h', "
        "'seniority': 1}]}");
    a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b', 'e', 'f']}, "
        "{'id': 'S2', 'members': ['c', 'd', 'g', 'h']}]}");
    out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_not_contains(out, "members at level");
    als_free(out);
    als_allocation_free(a);
    a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b', 'c', 'd']}, "
        "{'id': 'S2', 'members': ['e', 'f', 'g', 'h']}]}");
    out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "    - four members at level 0\n");
    assert_contains(out, "    - four members at level 1\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/*
 * Sets are listed by day (in the programme's order), then size (larger
 * first), in every format; a set whose id libals made up is named by its
 * place, "Set 1", "Set 2", ..., wherever the report names it (the reasons
 * and the places a freed place could go included), and one with the
 * coordinator's own id keeps it. HTML and Markdown open with a contents
 * table linking to each set and to the waiting list.
 */
static void test_report__sets_by_day_then_size(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'days': ['mon', 'tue'], 'set_size': {'min': 2, "
        "'max': 4}}, 'applicants': "
        "[{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, {'id': 'd'}, {'id': 'e'}, "
        "{'id': 'f'}, {'id': 'g'}, {'id': 'h'}, {'id': 'i'}, {'id': 'j'}, "
        "{'id': 'k'}, {'id': 'l'}, {'id': 'm'}, {'id': 'w'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b']}, "
        "{'id': 'S2', 'day': 'mon', 'members': ['c', 'd', 'e']}, "
        "{'id': 'Blue', 'day': 'tue', 'members': ['f', 'g', 'h', 'i']}, "
        "{'id': 'S3', 'day': 'mon', 'members': ['j', 'k', 'l', 'm']}], "
        "'unassigned': [{'id': 'w', 'reason': 'the sets with room (such as "
        "S1) hold someone they must be apart from; or in set "
        "\\u0027S2\\u0027', "
        "'standby': ['S1', 'S2']}]}");
    for (size_t k = 0; k < 4; k++) {
        char *out = report(p, a, all_formats[k], NULL);
        /* S3 (mon, 4), S2 (mon, 3), Blue (tue, 4), S1 (tue, 2) */
        const char *at[4];
        static const char *const firsts[] = {"j", "c", "f", "a"};
        for (size_t s = 0; s < 4; s++) {
            char key[32];
            if (all_formats[k] == ALS_REPORT_CSV)
                snprintf(key, sizeof key, ",%s,", firsts[s]);
            else if (all_formats[k] == ALS_REPORT_TEXT)
                snprintf(key, sizeof key, "\n  %s ", firsts[s]);
            else if (all_formats[k] == ALS_REPORT_MARKDOWN)
                snprintf(key, sizeof key, "\n| %s |", firsts[s]);
            else
                snprintf(key, sizeof key, "<td>%s</td>", firsts[s]);
            at[s] = strstr(out, key);
            if (!at[s] || (s > 0 && at[s] < at[s - 1]))
                fail_msg("%s report: set of '%s' not listed %zu-th:\n%s",
                         extensions[k], firsts[s], s + 1, out);
        }
        assert_contains(out, "Set Blue");
        assert_not_contains(out, "S1");
        assert_not_contains(out, "S2");
        assert_not_contains(out, "S3");
        if (all_formats[k] == ALS_REPORT_CSV) {
            assert_contains(out, "\r\nSet 1,mon,j,");
            assert_contains(out, "\r\nSet 2,mon,c,");
            assert_contains(out, "\r\nSet Blue,tue,f,");
            assert_contains(out, "\r\nSet 3,tue,a,");
            assert_contains(out, "such as Set 3) hold someone they must be "
                                 "apart from; or in Set 2\r\n");
        } else {
            /* as one line, however the text wraps */
            char *flat = strdup(out);
            assert_non_null(flat);
            size_t n = 0;
            for (const char *c = out; *c; c++)
                if ((*c != ' ' && *c != '\n') || (n > 0 && flat[n - 1] != ' '))
                    flat[n++] = *c == '\n' ? ' ' : *c;
            flat[n] = '\0';
            assert_contains(flat, "such as Set 3) hold someone they must be "
                                  "apart from; or in Set 2");
            assert_contains(flat, "Set 3 or Set 2");
            free(flat);
        }
        if (all_formats[k] == ALS_REPORT_TEXT)
            assert_contains(out, "\nSet 1, mon, 4 members\n");
        if (all_formats[k] == ALS_REPORT_MARKDOWN) {
            assert_contains(out, "## Contents\n\n| Set | Day | Members |\n"
                                 "| --- | --- | --- |\n"
                                 "| [Set 1](#set-1) | mon | 4 members |\n"
                                 "| [Set 2](#set-2) | mon | 3 members |\n"
                                 "| [Set Blue](#set-3) | tue | 4 members |\n"
                                 "| [Set 3](#set-4) | tue | 2 members |\n"
                                 "| [Waiting list](#waiting-list) |  | 1 "
                                 "waiting |\n");
            assert_contains(out, "<a id=\"set-3\"></a>\n\n## Set Blue (tue, "
                                 "4 members)\n");
            assert_contains(out, "<a id=\"waiting-list\"></a>\n\n## Waiting "
                                 "list (1)\n");
        }
        if (all_formats[k] == ALS_REPORT_HTML) {
            assert_contains(out, "<tr><td><a href=\"#set-1\">Set 1</a></td>"
                                 "<td>mon</td><td>4 members</td></tr>\n");
            assert_contains(out, "<tr><td><a href=\"#waiting-list\">Waiting "
                                 "list</a></td><td></td><td>1 waiting</td>"
                                 "</tr>\n");
            assert_contains(out, "id=\"set-3\">\n<p class=\"programme\">"
                                 "Allocation report</p>\n<h2>Set Blue <span");
            assert_contains(out, "id=\"waiting-list\">\n<h2>Waiting list "
                                 "(1)</h2>");
        }
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/* With council pairs, the member tables have a role column (officer,
   councillor) in text, Markdown and HTML; without roles, none. */
static void test_report__role_column(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'set_size': 3}, 'applicants': ["
        "{'id': 'o', 'name': 'Olu', 'council': 'Kent', 'role': 'officer'},"
        "{'id': 'c', 'name': 'Cal', 'council': 'Kent', 'role': "
        "'councillor'},"
        "{'id': 'x', 'name': 'Xan'}]}");
    als_allocation *a =
        allocation_text("{'sets': [{'id': 'S1', 'members': ['o', 'c', 'x']}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "  ID  Name  Organisation  Sector  Level  Role\n"
                         "  o   Olu   Kent          -       -      officer\n"
                         "  c   Cal   Kent          -       -      "
                         "councillor\n"
                         "  x   Xan   -             -       -      -\n");
    als_free(out);
    out = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    assert_contains(out, "| ID | Name | Organisation | Sector | Level | Role "
                         "|\n| --- | --- | --- | --- | --- | --- |\n"
                         "| o | Olu | Kent | | | officer |\n"
                         "| c | Cal | Kent | | | councillor |\n");
    als_free(out);
    out = report(p, a, ALS_REPORT_HTML, NULL);
    assert_contains(out, "<th>Level</th><th>Role</th>");
    assert_contains(out, "<td>Olu</td><td>Kent</td><td></td><td></td>"
                         "<td>officer</td>");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);

    /* no roles: no role column */
    p = problem_text("{'programme': {'set_size': 2}, 'applicants': ["
                     "{'id': 'a'}, {'id': 'b'}]}");
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['a', 'b']}]}");
    for (size_t k = 0; k < 4; k++) {
        out = report(p, a, all_formats[k], NULL);
        if (all_formats[k] != ALS_REPORT_CSV)
            assert_not_contains(out, "Role");
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/*
 * Printed, the HTML report gives each set a page of its own to hand to its
 * facilitator (the first page keeps the summary and the contents, so it is
 * not blank): the programme, the set's name and day, its members with
 * organisation and e-mail, its dated sessions. No facilitator line while
 * the allocation records none.
 */
static void test_report__html_page_per_set(void **state)
{
    (void)state;
    als_problem *p = problem_file("tests/data/calendar.json");
    als_allocation *a = allocation_file("examples/housing.allocation.json");
    char *out = report(p, a, ALS_REPORT_HTML, NULL);
    assert_contains(out, "@media print {\n");
    assert_contains(out, "  section.set, section.unassigned { break-before: "
                         "page; page-break-before: always; }\n");
    /* nothing before the first set breaks a page */
    const char *first = strstr(out, "<section class=\"set\"");
    assert_non_null(first);
    assert_contains(out, "<header>\n<h1>");
    assert_true(strstr(out, "<header>") < first);
    assert_true(strstr(out, "<nav class=\"contents\">") < first);
    /* set 1's page: programme, name and day, members with e-mail, sessions */
    assert_contains(first, "<section class=\"set\" id=\"set-1\">\n"
                           "<p class=\"programme\">Northern Housing "
                           "Leadership ALS, spring cohort</p>\n"
                           "<h2>Set 1 <span class=\"meta\">tue &middot; 4 "
                           "members</span></h2>\n<table class=\"members\">");
    assert_contains(first, "<th>Level</th><th>E-mail</th>");
    assert_contains(first, "<td>h09</td><td>Ian Barker</td><td>Leeds City "
                           "Council</td><td>public</td><td>officer</td>"
                           "<td>ian.barker@leeds.example</td>");
    const char *sessions = strstr(first, "<table class=\"sessions\">");
    const char *second = strstr(first + 1, "<section class=\"set\"");
    assert_true(sessions && second && sessions < second);
    assert_not_contains(out, "Facilitator:");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* Occurrences of `needle` in `hay`. */
static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *c = strstr(hay, needle); c; c = strstr(c + 1, needle))
        n++;
    return n;
}

/*
 * The waiting list holds everyone unassigned once, at their place in it
 * (grouped by the days they can make, each group in the list's order), in
 * every format; the CSV lists them in order after the members.
 */
static void test_report__waiting_list_once_in_order(void **state)
{
    (void)state;
    als_problem *p = problem_file("examples/hr/cohort.json");
    als_allocation *a = allocation_file("examples/hr/allocation.json");
    size_t n = als_allocation_unassigned_count(a);
    assert_true(n >= 3);
    for (size_t k = 0; k < 4; k++) {
        char *out = report(p, a, all_formats[k], NULL);
        const char *list = all_formats[k] == ALS_REPORT_CSV
                               ? out
                               : strstr(out, "Waiting list (");
        if (all_formats[k] != ALS_REPORT_CSV) {
            /* past the contents' link to it */
            const char *again = strstr(list + 1, "Waiting list (");
            if (again)
                list = again;
        }
        assert_non_null(list);
        const char *prev_in_group = NULL;
        const char *at_of[64];
        assert_true(n <= 64);
        for (size_t u = 0; u < n; u++) {
            const char *id = als_allocation_unassigned_id(a, u);
            char entry[128];
            if (all_formats[k] == ALS_REPORT_TEXT)
                snprintf(entry, sizeof entry, "    %zu. %s ", u + 1, id);
            else if (all_formats[k] == ALS_REPORT_MARKDOWN)
                snprintf(entry, sizeof entry, "| %zu | %s |", u + 1, id);
            else if (all_formats[k] == ALS_REPORT_HTML)
                snprintf(entry, sizeof entry, "<td>%zu</td><td>%s</td>", u + 1,
                         id);
            else
                snprintf(entry, sizeof entry, "\r\n,,%s,", id);
            if (count_of(list, entry) != 1)
                fail_msg("%s report: \"%s\" %zu times in:\n%s", extensions[k],
                         entry, count_of(list, entry), list);
            const char *at = strstr(list, entry);
            at_of[u] = at;
            if (all_formats[k] == ALS_REPORT_CSV) {
                assert_true(!prev_in_group || prev_in_group < at);
                prev_in_group = at;
            }
        }
        /* a later place listed before an earlier one is in an earlier
           group: a group's heading ("Can make ...") lies between them */
        for (size_t u = 0; all_formats[k] != ALS_REPORT_CSV && u < n; u++)
            for (size_t v = u + 1; v < n; v++) {
                if (at_of[v] > at_of[u])
                    continue;
                const char *h = strstr(at_of[v], "Can make ");
                if (!h || h > at_of[u])
                    fail_msg("%s report: place %zu before %zu in one group",
                             extensions[k], v + 1, u + 1);
            }
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/* The value and "at best" of a figure, from a Markdown report. */
static void figure_of(const char *md, const char *label, double *value,
                      double *best)
{
    char key[64];
    snprintf(key, sizeof key, "\n| %s | ", label);
    const char *row = strstr(md, key);
    if (!row)
        fail_msg("no row '%s' in:\n%s", label, md);
    row += strlen(key);
    char *end;
    *value = strtod(row, &end);
    assert_true(end != row && strncmp(end, " | ", 3) == 0);
    row = end + 3;
    *best = strtod(row, &end);
    assert_true(end != row);
}

/*
 * Council pairs share their council's sector and must share a set: their
 * same-sector pairs are in every allocation. They count in the penalty and
 * in "at best", and are no bent rule; a set that adds another member of
 * the sector bends the rule, and says which of them are a council pair.
 */
static void test_report__council_pairs_not_bent(void **state)
{
    (void)state;
    als_problem *p = problem_file("examples/councils/cohort.json");
    als_allocation *a = allocation_file("examples/councils/allocation.json");
    char *md = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    double v, best;
    figure_of(md, "Same-sector pairs", &v, &best);
    assert_true(v == 17 && best == 17);
    figure_of(md, "Mix score", &v, &best);
    assert_true(v == 17 && best == 17);
    assert_contains(md, "counting the 17 same-sector pairs within council "
                        "pairs, who must share a set");
    als_free(md);
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_not_contains(out, "members from the");
    assert_contains(out, "  Mix score: 3, all from council pairs, who share a "
                         "sector and must share a set\n  Rules bent: none\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);

    p = problem_text(
        "{'programme': {'set_size': 6, 'rules': {'seniority': 'mixed'}}, "
        "'applicants': ["
        "{'id': 'o', 'name': 'Olu', 'council': 'Kent', 'role': 'officer', "
        "'sector': 'county', 'seniority': 1},"
        "{'id': 'c', 'name': 'Cal', 'council': 'Kent', 'role': "
        "'councillor', 'sector': 'county'},"
        "{'id': 'x', 'name': 'Xan', 'sector': 'county', 'seniority': 2},"
        "{'id': 'j1', 'name': 'Jo', 'together': 'share', 'sector': "
        "'health', 'seniority': 1},"
        "{'id': 'j2', 'name': 'Jy', 'together': 'share', 'sector': "
        "'health', 'seniority': 1},"
        "{'id': 'y', 'name': 'Yaz', 'sector': 'police', 'seniority': 0},"
        "{'id': 'q1', 'sector': 'police', 'seniority': 0},"
        "{'id': 'q2', 'sector': 'police', 'seniority': 0},"
        "{'id': 'q3', 'sector': 'health', 'seniority': 2},"
        "{'id': 'q4', 'sector': 'health', 'seniority': 2},"
        "{'id': 'q5', 'sector': 'fire', 'seniority': 3},"
        "{'id': 'q6', 'sector': 'fire', 'seniority': 3}]}");
    /* S1 has more than its share of the county sector (3 of its 6, for
       3 of the 12 placed) and of level 1 (3, for 3 of the 12), and more
       same-sector and same-level pairs than its bound */
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['o', 'c', 'x', "
                        "'j1', 'j2', 'y']}, {'id': 'S2', 'members': ['q1', "
                        "'q2', 'q3', 'q4', 'q5', 'q6']}]}");
    out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "    - three members from the county sector, "
                         "including a council pair\n");
    assert_not_contains(out, "from the health sector");
    /* o (level 1) with the job share, who are both at level 1 */
    assert_contains(out, "    - three members at level 1, including a group "
                         "kept together\n");
    /* 3 county + 1 health + 3 at level 1 = 7: the council pair's county
       pair, and the job share's health and level pairs, are in any
       allocation */
    als_free(out);
    md = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    assert_contains(md, "- **Mix score:** 7, of which 3 from council pairs and "
                        "groups kept together, who share a sector or a level "
                        "and must share a set\n");
    assert_contains(md, "counting the 2 same-sector pairs and 1 same-level "
                        "pair within council pairs and groups kept together");
    figure_of(md, "Same-sector pairs", &v, &best);
    assert_true(v == 7 && best == 4);
    figure_of(md, "Same-level pairs", &v, &best);
    assert_true(v == 6 && best == 3);
    als_free(md);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_report__at_best(void **state)
{
    (void)state;
    /* 8 people in 2 sets of 4: four of each sector make at least 2 pairs
       a sector; levels 0,0,0,1,1,1,1,2 split 4 + 4 leave both gaps
       straddled (3 below the first, 7 below the second) */
    als_problem *p =
        problem_text("{'programme': {'set_size': 4, 'rules': {'organisation': "
                     "'ignore'}}, 'applicants': ["
                     "{'id': 'a', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'b', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'c', 'sector': 'A', 'seniority': 0},"
                     "{'id': 'd', 'sector': 'A', 'seniority': 1},"
                     "{'id': 'e', 'sector': 'B', 'seniority': 1},"
                     "{'id': 'f', 'sector': 'B', 'seniority': 1},"
                     "{'id': 'g', 'sector': 'B', 'seniority': 1},"
                     "{'id': 'h', 'sector': 'B', 'seniority': 2}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b', 'c', 'd']}, "
        "{'id': 'S2', 'members': ['e', 'f', 'g', 'h']}]}");
    char *md = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    double v, best;
    figure_of(md, "Same-sector pairs", &v, &best);
    assert_true(v == 12 && best == 4);
    figure_of(md, "Seniority spread", &v, &best);
    assert_true(v == 2 && best == 2);
    figure_of(md, "Mix score", &v, &best);
    assert_true(v == 14 && best == 6);
    als_free(md);
    als_allocation_free(a);
    als_problem_free(p);

    /* a member without a level can fill the first set: the first gap
       need not be straddled */
    p = problem_text(
        "{'programme': {'set_size': 2, 'rules': {'organisation': "
        "'ignore', 'sector': 'ignore'}}, 'applicants': ["
        "{'id': 'a', 'seniority': 0}, {'id': 'b'},"
        "{'id': 'c', 'seniority': 5}, {'id': 'd', 'seniority': 5}]}");
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['a', 'c']}, "
                        "{'id': 'S2', 'members': ['b', 'd']}]}");
    md = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    figure_of(md, "Seniority spread", &v, &best);
    assert_true(v == 5 && best == 0);
    assert_not_contains(md, "Same-sector pairs");
    als_free(md);
    als_allocation_free(a);
    als_problem_free(p);
}

/* Allocates the cohort `text` with the exact solver and checks that no
   figure is below its "at best"; returns whether the allocation was proven
   optimal. */
static bool at_best_holds(const char *text, int round)
{
    als_problem *p = problem_text(text);
    als_solve_options o;
    als_solve_options_init(&o, p);
    als_allocation *a = NULL;
    assert_int_equal(als_solve(&a, p, &o, NULL), ALS_OK);
    bool proven = als_allocation_status(a) == ALS_SOLVE_OPTIMAL;
    char *md = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    static const char *const labels[] = {
        "Same-sector pairs", "Same-organisation pairs", "Seniority spread",
        "Same-level pairs", "Mix score"};
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        char key[64];
        snprintf(key, sizeof key, "\n| %s | ", labels[k]);
        if (!strstr(md, key))
            continue;
        double v, best;
        figure_of(md, labels[k], &v, &best);
        if (best > v + 1e-9)
            fail_msg("round %d: %s at best %g, reached %g:\n%s", round,
                     labels[k], best, v, md);
    }
    als_free(md);
    als_allocation_free(a);
    als_problem_free(p);
    return proven;
}

/*
 * The "at best" figures are lower bounds: on small cohorts allocated by the
 * exact solver (optimal when it proves it in time, and never better than
 * optimal), no figure is below its "at best", the penalty included. Then
 * the same for cohorts of council pairs and job shares, whose members
 * share a set and often a sector or a level.
 */
static void test_report__at_best_never_above_optimum(void **state)
{
    (void)state;
    static const char *const rules[] = {
        "{'organisation': 'prefer_distinct', 'sector': 'balance', "
        "'seniority': 'similar'}",
        "{'organisation': 'ignore', 'sector': 'balance', 'seniority': "
        "'mixed'}",
        "{'organisation': 'prefer_distinct', 'sector': 'ignore', "
        "'seniority': {'mode': 'similar', 'weight': 2}}"};
    static const char *const sectors[] = {"x", "y", "z"};
    static const char *const orgs[] = {"o1", "o2", "o3", "o4"};
    unsigned seed = 12345;
    int proven = 0;
    for (int round = 0; round < 9; round++) {
        char text[4096];
        int n = 8 + round % 4;
        size_t at = (size_t)snprintf(
            text, sizeof text,
            "{'programme': {'set_size': {'min': 3, 'max': 4}, 'rules': %s, "
            "'solver': {'method': 'exact', 'time_limit_s': 20}}, "
            "'applicants': [",
            rules[round % 3]);
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 8;
            at += (size_t)snprintf(
                text + at, sizeof text - at,
                "%s{'id': 'p%d', 'sector': '%s', 'organisation': '%s', "
                "'seniority': %u}",
                i ? ", " : "", i, sectors[r % 3], orgs[(r / 3) % 4],
                (r / 12) % 5);
        }
        snprintf(text + at, sizeof text - at, "]}");
        proven += at_best_holds(text, round);
    }
    print_message("%d of 9 allocations proven optimal\n", proven);
    assert_true(proven > 0);

    /* council pairs (an officer and a councillor, the council's sector),
       job shares (one sector, often one level) and people on their own */
    static const char *const unit_rules[] = {
        "{'organisation': 'distinct', 'sector': 'balance', 'seniority': "
        "'similar'}",
        "{'organisation': 'ignore', 'sector': 'balance', 'seniority': "
        "'mixed'}",
        "{'organisation': 'prefer_distinct', 'sector': {'mode': 'balance', "
        "'weight': 2}, 'seniority': 'ignore'}"};
    int unit_proven = 0;
    for (int round = 0; round < 9; round++) {
        char text[4096];
        size_t at = (size_t)snprintf(
            text, sizeof text,
            "{'programme': {'set_size': {'min': %d, 'max': %d}, 'rules': %s, "
            "'solver': {'method': 'exact', 'time_limit_s': 20}}, "
            "'applicants': [",
            round % 2 ? 3 : 4, round % 2 ? 4 : 6, unit_rules[round % 3]);
        int n = 0, units = 6 + round % 3;
        for (int u = 0; u < units; u++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 8;
            const char *sector = sectors[r % 3];
            unsigned level = (r / 3) % 4;
            switch ((r / 12) % 3) {
            case 0: /* a council pair */
                at += (size_t)snprintf(
                    text + at, sizeof text - at,
                    "%s{'id': 'p%d', 'council': 'k%d', 'role': 'officer', "
                    "'sector': '%s', 'seniority': %u}, {'id': 'p%d', "
                    "'council': 'k%d', 'role': 'councillor', 'sector': '%s'}",
                    n ? ", " : "", n, u, sector, level, n + 1, u, sector);
                n += 2;
                break;
            case 1: /* a job share */
                at += (size_t)snprintf(
                    text + at, sizeof text - at,
                    "%s{'id': 'p%d', 'together': 'j%d', 'organisation': "
                    "'o%d', 'sector': '%s', 'seniority': %u}, {'id': 'p%d', "
                    "'together': 'j%d', 'organisation': 'o%d', 'sector': "
                    "'%s', 'seniority': %u}",
                    n ? ", " : "", n, u, u, sector, level, n + 1, u, u, sector,
                    (r / 36) % 2 ? level : (level + 1) % 4);
                n += 2;
                break;
            default:
                at += (size_t)snprintf(
                    text + at, sizeof text - at,
                    "%s{'id': 'p%d', 'organisation': '%s', 'sector': '%s', "
                    "'seniority': %u}",
                    n ? ", " : "", n, orgs[(r / 36) % 4], sector, level);
                n++;
            }
        }
        snprintf(text + at, sizeof text - at, "]}");
        unit_proven += at_best_holds(text, 100 + round);
    }
    print_message("%d of 9 allocations with units proven optimal\n",
                  unit_proven);
    assert_true(unit_proven > 0);
}

/* ------------------------------------------------------------------ */
/* Allocations that do not fit                                         */

#define SMALL_COHORT                                                           \
    "{'programme': {'set_size': 2}, 'applicants': [{'id': 'a', "               \
    "'organisation': 'O'}, {'id': 'b'}, {'id': 'c', 'organisation': 'O'}]}"

static void test_report__unknown_applicant(void **state)
{
    (void)state;
    als_problem *p = problem_text(SMALL_COHORT);
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'zz']}], 'unassigned': "
        "[{'id': 'b', 'reason': 'r'}, {'id': 'c', 'reason': 'r'}]}");
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    char *out = (char *)"unchanged";
    size_t len = 3;
    als_error err;
    for (size_t k = 0; k < 4; k++) {
        als_diag_clear(d);
        memset(&err, 0, sizeof err);
        assert_int_equal(als_report(p, a, all_formats[k], &out, &len, d, &err),
                         ALS_ESCHEMA);
        assert_null(out);
        assert_int_equal(len, 0);
        assert_int_equal(err.code, ALS_ESCHEMA);
        assert_string_equal(err.path, "sets[0].members[1]");
        assert_contains(err.message, "'zz'");
        assert_int_equal(als_diag_errors(d), 1);
        assert_string_equal(als_diag_get(d, 0)->path, "sets[0].members[1]");
    }
    als_diag_free(d);
    als_allocation_free(a);

    /* someone missing; no diag list given */
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['a', 'b']}]}");
    assert_int_equal(als_report(p, a, ALS_REPORT_TEXT, &out, NULL, NULL, &err),
                     ALS_ESCHEMA);
    assert_null(out);
    assert_contains(err.message, "'c' is missing");
    als_allocation_free(a);

    /* a broken hard rule: a and c share organisation O */
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['a', 'c']}], "
                        "'unassigned': [{'id': 'b', 'reason': 'r'}]}");
    assert_int_equal(als_report(p, a, ALS_REPORT_HTML, &out, NULL, NULL, &err),
                     ALS_ESCHEMA);
    assert_null(out);
    assert_string_equal(err.path, "sets[0].members[1]");
    assert_contains(err.message, "distinct");
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_report__figures_recomputed(void **state)
{
    (void)state;
    als_problem *p = problem_text(SMALL_COHORT);
    /* stale figures: reported, not trusted */
    als_allocation *a = allocation_text(
        "{'objective': {'placed': 3, 'penalty': 99}, 'sets': [{'id': "
        "'S1', 'members': ['a', 'b']}], 'unassigned': [{'id': 'c', "
        "'reason': 'no room'}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "2 of 3 applicants placed in 1 set; 1 "
                         "unassigned.\n");
    assert_contains(out, "The figures here are worked out again from who "
                         "is in which set; the figures\nrecorded in the "
                         "allocation file differ.\n");
    assert_contains(out, "    - no room (1)\n");
    assert_contains(out, "    1. c (O, -, -)\n");
    als_free(out);
    als_allocation_free(a);

    /* no figures at all: nothing to say about them */
    a = allocation_text("{'sets': [{'id': 'S1', 'members': ['a', 'b']}], "
                        "'unassigned': [{'id': 'c', 'reason': 'no room'}]}");
    out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_not_contains(out, "worked out again");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_report__infeasible(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'set_size': 2, 'sets': [{'id': 'A'}]}, "
        "'applicants': [{'id': 'a', 'set': 'A'}, {'id': 'b', 'set': 'A'}, "
        "{'id': 'c', 'set': 'A'}]}");
    als_solve_options o;
    als_solve_options_init(&o, p);
    als_allocation *a = NULL;
    assert_int_equal(als_solve(&a, p, &o, NULL), ALS_OK);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_INFEASIBLE);
    for (size_t k = 0; k < 4; k++) {
        char *out = report(p, a, all_formats[k], NULL);
        if (all_formats[k] != ALS_REPORT_CSV) {
            assert_contains(out, "no allocation keeps every hard rule");
            assert_contains(out, "0 of 3 applicants placed in 0 sets");
            assert_not_contains(out, "At best:");
        }
        assert_contains(out, "pinned"); /* the reasons */
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
}

/* A running set that shrank below its minimum says so plainly, in every
   format. */
/* The changes of a re-run's allocation tell of its previous allocation;
   when that cannot be the cohort's, the call fails with its reasons in the
   diag: the allocation's own violations, else the changes. */
static void test_report__changes_of_another_cohort(void **state)
{
    (void)state;
    als_problem *p = problem_text(SMALL_COHORT);
    /* another cohort's allocation: its members are unknown */
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['x', 'y']}], 'unassigned': [], "
        "'changes': [{'id': 'x', 'from': null, 'to': 'S1'}]}");
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    char *out = (char *)"unchanged";
    size_t len = 3;
    als_error err;
    for (size_t k = 0; k < 4; k++) {
        als_diag_clear(d);
        memset(&err, 0, sizeof err);
        assert_int_equal(als_report(p, a, all_formats[k], &out, &len, d, &err),
                         ALS_ESCHEMA);
        assert_null(out);
        assert_int_equal(len, 0);
        assert_int_equal(err.code, ALS_ESCHEMA);
        assert_string_equal(err.path, "sets[0].members[0]");
        assert_contains(err.message, "'x'");
        assert_true(als_diag_errors(d) >= 2);
        assert_string_equal(als_diag_get(d, 0)->path, "sets[0].members[0]");
    }
    als_allocation_free(a);

    /* the sets fit, but most of those the changes name are unknown */
    a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b']}], 'unassigned': "
        "[{'id': 'c', 'reason': 'r'}], 'changes': [{'id': 'xx', 'from': "
        "'S9', 'to': null}, {'id': 'yy', 'from': 'S9', 'to': null}, "
        "{'id': 'zz', 'from': 'S9', 'to': null}]}");
    als_diag_clear(d);
    memset(&err, 0, sizeof err);
    assert_int_equal(als_report(p, a, ALS_REPORT_TEXT, &out, &len, d, &err),
                     ALS_ESCHEMA);
    assert_null(out);
    assert_int_equal(err.code, ALS_ESCHEMA);
    assert_string_equal(err.path, "changes");
    assert_contains(err.message, "not applicants of this cohort");
    assert_int_equal(als_diag_errors(d), 1);
    assert_string_equal(als_diag_get(d, 0)->path, "changes");
    als_allocation_free(a);
    als_diag_free(d);
    als_problem_free(p);
}

static void test_report__running_set_below_its_minimum(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'set_size': 4}, 'applicants': [{'id': 'a'}, "
        "{'id': 'b'}, {'id': 'c'}, {'id': 'd', 'withdrawn': true}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'day': null, 'members': ['a', 'b', 'c']}], "
        "'unassigned': [], 'changes': [{'id': 'd', 'from': 'S1', 'to': "
        "null}]}");
    static const als_report_format formats[] = {
        ALS_REPORT_TEXT, ALS_REPORT_MARKDOWN, ALS_REPORT_HTML};
    for (size_t k = 0; k < 3; k++) {
        char *out = report(p, a, formats[k], NULL);
        assert_contains(out, "3 of 4 members: one place free");
        als_free(out);
    }
    als_allocation_free(a);
    als_problem_free(p);
    p = problem_text("{'programme': {'set_size': {'min': 6, 'max': 8}}, "
                     "'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, "
                     "{'id': 'd'}]}");
    a = allocation_text("{'sets': [{'id': 'S1', 'day': null, 'members': "
                        "['a', 'b', 'c', 'd']}], 'unassigned': [], "
                        "'changes': [{'id': 'x', 'from': 'S1', 'to': null}, "
                        "{'id': 'y', 'from': 'S1', 'to': null}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "4 members, two short of the minimum of 6");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* With a target size: each set's size against it, the deviation among the
   figures, and the summary's "sets of 3 (target)" when every set is. */
static void test_report__target_size(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'set_size': {'min': 2, 'max': 4, 'target': 3}}, "
        "'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, {'id': 'd'}, "
        "{'id': 'e'}, {'id': 'f'}, {'id': 'g'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b', 'c', 'd']}, "
        "{'id': 'S2', 'members': ['e', 'f']}], 'unassigned': "
        "[{'id': 'g', 'reason': 'late'}]}");
    static const als_report_format formats[] = {
        ALS_REPORT_TEXT, ALS_REPORT_MARKDOWN, ALS_REPORT_HTML};
    for (size_t k = 0; k < 3; k++) {
        char *out = report(p, a, formats[k], NULL);
        assert_contains(out, "4 members, one over the target of 3");
        assert_contains(out, "2 members, one under the target of 3");
        assert_contains(out, "Size deviation");
        assert_contains(out, "members away from the target size of 3");
        assert_contains(out, "2 members away from the target size");
        als_free(out);
    }
    als_allocation_free(a);
    a = allocation_text(
        "{'sets': [{'id': 'S1', 'members': ['a', 'b', 'c']}, "
        "{'id': 'S2', 'members': ['d', 'e', 'f']}], 'unassigned': "
        "[{'id': 'g', 'reason': 'late'}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "placed in 2 sets of 3 (target)");
    assert_contains(out, "3 members (target)");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

/* A re-run's report says, per changed set, whom to tell: who is new, who
   left and who continues, with e-mails; the CSV has a change column and a
   row for each who left. */
static void test_report__who_to_tell(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'set_size': {'min': 2, 'max': 3}}, 'applicants': ["
        "{'id': 'a', 'name': 'Ann Lee', 'email': 'ann@x.org'}, "
        "{'id': 'b', 'name': 'Bo Ray', 'withdrawn': true}, "
        "{'id': 'c', 'name': 'Cy Dunn', 'email': 'cy@y.org'}, "
        "{'id': 'n', 'name': 'Nia Obi', 'email': 'nia@z.org'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'day': null, 'members': ['a', 'c', 'n']}], "
        "'unassigned': [], 'changes': [{'id': 'b', 'from': 'S1', 'to': "
        "null, 'reason': 'withdrew'}, {'id': 'n', 'from': null, 'to': 'S1', "
        "'reason': 'joined from the waiting list'}]}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "Who to tell");
    assert_contains(out, "New: Nia Obi <nia@z.org>");
    assert_contains(out, "Left: Bo Ray");
    assert_contains(out, "Continuing: Ann Lee <ann@x.org>, Cy Dunn <cy@y.org>");
    als_free(out);
    out = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    assert_contains(out, "- **New:** Nia Obi ");
    assert_contains(out, "nia@z.org");
    als_free(out);
    out = report(p, a, ALS_REPORT_HTML, NULL);
    assert_contains(out, "<dt>New</dt><dd>Nia Obi &lt;nia@z.org&gt;</dd>");
    als_free(out);
    out = report(p, a, ALS_REPORT_CSV, NULL);
    assert_contains(out, "set,day,id,name,email,role,organisation,sector,"
                         "seniority,dates,change,reason\r\n");
    assert_contains(out, "Set 1,,n,Nia Obi,nia@z.org,,,,,,new,joined from the "
                         "waiting list\r\n");
    assert_contains(out, ",,b,Bo Ray,,,,,,,left Set 1,withdrew\r\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_report__sessions_and_mail_links(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'name': 'Leaders', 'days': ['tue', 'thu'], "
        "'set_size': {'min': 1, 'max': 3}, 'calendar': {'timezone': "
        "'Europe/London', 'sessions': ["
        "{'title': 'Introduction', 'week': '2021-02-01', 'start': '10:00', "
        "'minutes': 120},"
        "{'title': 'Set meeting 1', 'date': '2021-03-09', 'start': {'tue': "
        "'09:30', 'thu': '13:00'}, 'minutes': 240},"
        "{'title': 'Late', 'dates': {'tue': '2024-09-24', 'thu': "
        "'2024-10-31'}, 'start': '22:30', 'minutes': 180}]}}, "
        "'applicants': ["
        "{'id': 'a', 'name': 'Ann Lee', 'email': 'ann@x.org', 'role': "
        "'officer'}, "
        "{'id': 'b', 'name': 'Bo Ray', 'email': 'a&b (work)@x.org'}, "
        "{'id': 'c', 'name': 'Cy Dunn'}, "
        "{'id': 'd', 'name': 'Di Moss'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c']}, "
        "{'id': 'S2', 'day': 'thu', 'members': ['d']}], 'unassigned': []}");
    char *out = report(p, a, ALS_REPORT_TEXT, NULL);
    assert_contains(out, "  Sessions:\n"
                         "    2021-02-02 Tue 10:00-12:00  Introduction\n"
                         "    2021-03-09 Tue 09:30-13:30  Set meeting 1\n"
                         "    2024-09-24 Tue 22:30-01:30 (next day)  Late\n");
    assert_contains(out, "    2021-02-04 Thu 10:00-12:00  Introduction\n"
                         "    2021-03-09 Tue 13:00-17:00  Set meeting 1\n"
                         "    2024-10-31 Thu 22:30-01:30 (next day)  Late\n");
    als_free(out);
    out = report(p, a, ALS_REPORT_MARKDOWN, NULL);
    assert_contains(out, "- **Sessions:**\n"
                         "  - 2021-02-02 Tue 10:00-12:00 Introduction\n");
    /* every known e-mail, comma-separated, percent-encoded; none for S2 */
    assert_contains(out, "[Mail everyone in Set 1](<mailto:ann@x.org,"
                         "a%26b%20%28work%29@x.org>)\n");
    assert_null(strstr(out, "Mail everyone in Set 2"));
    als_free(out);
    out = report(p, a, ALS_REPORT_HTML, NULL);
    assert_contains(out, "<tr><td>2021-02-04</td><td>Thu</td>"
                         "<td>10:00-12:00</td><td>Introduction</td></tr>");
    assert_contains(out, "<p class=\"mail\"><a href=\"mailto:ann@x.org,"
                         "a%26b%20%28work%29@x.org\">Mail everyone in Set "
                         "1</a></p>");
    assert_null(strstr(out, "Mail everyone in Set 2"));
    als_free(out);
    out = report(p, a, ALS_REPORT_CSV, NULL);
    assert_contains(out, "set,day,id,name,email,role,organisation,sector,"
                         "seniority,dates,reason\r\n");
    assert_contains(out, "Set 1,tue,a,Ann Lee,ann@x.org,officer,,,,2021-02-02; "
                         "2021-03-09; 2024-09-24,\r\n");
    assert_contains(out, "Set 2,thu,d,Di Moss,,,,,,2021-02-04; 2021-03-09; "
                         "2024-10-31,\r\n");
    als_free(out);
    als_allocation_free(a);
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report__golden_housing),
        cmocka_unit_test(test_report__golden_rerun),
        cmocka_unit_test(test_report__format_names),
        cmocka_unit_test(test_report__bad_arguments),
        cmocka_unit_test(test_report__every_member_in_every_format),
        cmocka_unit_test(test_report__text_fits_80_columns),
        cmocka_unit_test(test_report__text_names_whole),
        cmocka_unit_test(test_report__html_escapes),
        cmocka_unit_test(test_report__markdown_escapes),
        cmocka_unit_test(test_report__csv_quotes),
        cmocka_unit_test(test_report__bent_rules_named),
        cmocka_unit_test(test_report__plain_words),
        cmocka_unit_test(test_report__set_bounds),
        cmocka_unit_test(test_report__sets_by_day_then_size),
        cmocka_unit_test(test_report__role_column),
        cmocka_unit_test(test_report__html_page_per_set),
        cmocka_unit_test(test_report__waiting_list_once_in_order),
        cmocka_unit_test(test_report__council_pairs_not_bent),
        cmocka_unit_test(test_report__at_best),
        cmocka_unit_test(test_report__at_best_never_above_optimum),
        cmocka_unit_test(test_report__unknown_applicant),
        cmocka_unit_test(test_report__figures_recomputed),
        cmocka_unit_test(test_report__infeasible),
        cmocka_unit_test(test_report__changes_of_another_cohort),
        cmocka_unit_test(test_report__running_set_below_its_minimum),
        cmocka_unit_test(test_report__target_size),
        cmocka_unit_test(test_report__who_to_tell),
        cmocka_unit_test(test_report__sessions_and_mail_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
