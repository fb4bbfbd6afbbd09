/*
 * Tests of allocation documents (docs/FORMAT.md section 3): reading with
 * als_allocation_from_json, every accessor, the errors of a malformed
 * document, and writing with als_allocation_to_json, whose output reads back
 * to the same allocation and writes again to the same bytes. Numbers are
 * written in their shortest exact form and strings are escaped as JSON
 * requires.
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

#ifndef ALS_SOURCE_DIR
#define ALS_SOURCE_DIR "."
#endif

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static als_diag *new_diag(void)
{
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    return d;
}

static void dump_diag(const als_diag *d)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        print_error("  [%zu] %s code=%d path='%s' %u:%u: %s\n", k,
                    e->severity == ALS_SEV_ERROR ? "error" : "warning",
                    (int)e->code, e->path, e->line, e->column, e->message);
    }
}

static const als_error *find_error(const als_diag *d, const char *path,
                                   const char *word)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (e->severity == ALS_SEV_ERROR && strcmp(e->path, path) == 0 &&
            (!word || strstr(e->message, word)))
            return e;
    }
    return NULL;
}

/* Read a valid document: no errors (warnings about ignored keys may come). */
static als_allocation *read_ok_at(const char *json, const char *file, int line)
{
    als_allocation *a = NULL;
    als_diag *d = new_diag();
    als_error err;
    als_status rc = als_allocation_from_json(&a, json, strlen(json), d, &err);
    bool ok = rc == ALS_OK && a && als_diag_errors(d) == 0;
    if (!ok) {
        print_error("expected a valid allocation; status %d (%s):\n", (int)rc,
                    als_status_str(rc));
        dump_diag(d);
    }
    als_diag_free(d);
    if (!ok) {
        als_allocation_free(a);
        _fail(file, line);
    }
    return a;
}
#define READ_OK(json) read_ok_at((json), __FILE__, __LINE__)

/* Write and return the text (checks the NUL, the newline and the length). */
static char *write_ok(const als_allocation *a)
{
    char *text = NULL;
    size_t len = 0;
    als_error err;
    assert_int_equal(als_allocation_to_json(a, &text, &len, &err), ALS_OK);
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    assert_true(len > 0 && text[len - 1] == '\n');
    return text;
}

/* Read then write. */
static char *rewrite(const char *json)
{
    als_allocation *a = READ_OK(json);
    char *text = write_ok(a);
    als_allocation_free(a);
    return text;
}

/*
 * The document must be rejected with `code` and an error at `path` whose
 * message contains `word`; `err` receives an error of that code.
 */
static void expect_error_at(const char *json, als_status code, const char *path,
                            const char *word, const char *file, int line)
{
    als_allocation *a = NULL;
    als_diag *d = new_diag();
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_allocation_from_json(&a, json, strlen(json), d, &err);
    const als_error *e = find_error(d, path, word);
    bool ok = rc == code && !a && e && e->code == code && err.code == code;
    if (!ok) {
        print_error("expected status %d at '%s' containing '%s'; got %d, "
                    "allocation %s:\n",
                    (int)code, path, word ? word : "", (int)rc,
                    a ? "returned" : "NULL");
        dump_diag(d);
    }
    als_allocation_free(a);
    als_diag_free(d);
    if (!ok)
        _fail(file, line);
}
#define EXPECT_ERROR(json, code, path, word)                                   \
    expect_error_at((json), (code), (path), (word), __FILE__, __LINE__)

/* A hand-written allocation with every part, laid out unlike the writer's
   output, and with keys the reader ignores. */
static const char *const HAND =
    "{\"format\":\"als-allocation/1\",\"status\":\"optimal\",\n"
    " \"solver\": {\"method\": \"exact\", \"time_s\": 0.42, \"seed\": 7,\n"
    "             \"bound\": 14, \"gap\": 0.0, \"nodes\": 12},\n"
    " \"objective\": {\"continuing\": 2, \"moves\": 1, \"placed\": 5,\n"
    "   \"priority\": -3, \"penalty\": 14.5, \"sector_pairs\": 12,\n"
    "   \"organisation_pairs\": 0, \"seniority_spread\": 2,\n"
    "   \"pair_weight\": 0.5, \"note\": \"ignored\"},\n"
    " \"sets\": [\n"
    "   {\"id\": \"A\", \"day\": \"tue\", \"members\": [\"p01\", \"p04\", "
    "\"p05\"], \"size\": 3},\n"
    "   {\"id\": \"S2\", \"day\": null, \"members\": []},\n"
    "   {\"members\": [\"p02\", \"p03\"], \"id\": \"B\"}\n"
    " ],\n"
    " \"unassigned\": [{\"id\": \"p09\", \"reason\": \"all sets that meet on "
    "tue are full\"}, {\"id\": \"p10\"}],\n"
    " \"changes\": [{\"id\": \"p01\", \"from\": \"B\", \"to\": \"A\"},\n"
    "   {\"id\": \"p02\", \"from\": null, \"to\": \"B\"},\n"
    "   {\"id\": \"p07\", \"from\": \"A\"}],\n"
    " \"extra\": {\"anything\": [1, 2, {\"x\": null}]}\n"
    "}";

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

static void test_allocation_json__accessors(void **state)
{
    (void)state;
    als_allocation *a = READ_OK(HAND);
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_OPTIMAL);
    assert_string_equal(als_allocation_method(a), "exact");
    assert_true(als_allocation_time_s(a) == 0.42);
    assert_int_equal(als_allocation_seed(a), 7);
    double bound = -1, gap = -1;
    assert_int_equal(als_allocation_bound(a, &bound, &gap), 1);
    assert_true(bound == 14.0);
    assert_true(gap == 0.0);
    unsigned present = 0;
    als_objective o = als_allocation_objective(a, &present);
    assert_int_equal(present, 0x1FFu);
    assert_int_equal(o.continuing, 2);
    assert_int_equal(o.moves, 1);
    assert_int_equal(o.placed, 5);
    assert_int_equal(o.priority, -3);
    assert_true(o.penalty == 14.5);
    assert_true(o.sector_pairs == 12.0);
    assert_true(o.organisation_pairs == 0.0);
    assert_true(o.seniority == 2.0);
    assert_true(o.pair_weight == 0.5);

    assert_int_equal(als_allocation_set_count(a), 3);
    assert_string_equal(als_allocation_set_id(a, 0), "A");
    assert_string_equal(als_allocation_set_day(a, 0), "tue");
    assert_int_equal(als_allocation_set_size(a, 0), 3);
    assert_string_equal(als_allocation_member(a, 0, 0), "p01");
    assert_string_equal(als_allocation_member(a, 0, 2), "p05");
    assert_null(als_allocation_member(a, 0, 3));
    assert_string_equal(als_allocation_set_id(a, 1), "S2");
    assert_null(als_allocation_set_day(a, 1));
    assert_int_equal(als_allocation_set_size(a, 1), 0);
    assert_null(als_allocation_member(a, 1, 0));
    assert_string_equal(als_allocation_set_id(a, 2), "B");
    assert_null(als_allocation_set_day(a, 2));
    assert_string_equal(als_allocation_member(a, 2, 1), "p03");
    assert_null(als_allocation_set_id(a, 3));
    assert_null(als_allocation_set_day(a, 3));
    assert_int_equal(als_allocation_set_size(a, 3), 0);

    assert_int_equal(als_allocation_unassigned_count(a), 2);
    assert_string_equal(als_allocation_unassigned_id(a, 0), "p09");
    assert_string_equal(als_allocation_unassigned_reason(a, 0),
                        "all sets that meet on tue are full");
    assert_string_equal(als_allocation_unassigned_id(a, 1), "p10");
    assert_string_equal(als_allocation_unassigned_reason(a, 1), "");
    assert_null(als_allocation_unassigned_id(a, 2));

    assert_int_equal(als_allocation_change_count(a), 3);
    assert_string_equal(als_allocation_change_id(a, 0), "p01");
    assert_string_equal(als_allocation_change_from(a, 0), "B");
    assert_string_equal(als_allocation_change_to(a, 0), "A");
    assert_null(als_allocation_change_from(a, 1));
    assert_string_equal(als_allocation_change_to(a, 1), "B");
    assert_string_equal(als_allocation_change_from(a, 2), "A");
    assert_null(als_allocation_change_to(a, 2));
    assert_null(als_allocation_change_id(a, 3));
    als_allocation_free(a);
}

static void test_allocation_json__minimal_document(void **state)
{
    (void)state;
    als_allocation *a = READ_OK("{\"status\": \"infeasible\", \"sets\": []}");
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_INFEASIBLE);
    assert_string_equal(als_allocation_method(a), "");
    assert_int_equal(als_allocation_bound(a, NULL, NULL), 0);
    unsigned present = 99;
    als_objective o = als_allocation_objective(a, &present);
    assert_int_equal(present, 0);
    assert_int_equal(o.placed, 0);
    assert_int_equal(als_allocation_set_count(a), 0);
    assert_int_equal(als_allocation_unassigned_count(a), 0);
    assert_int_equal(als_allocation_change_count(a), 0);
    als_allocation_free(a);
    /* null lists are empty lists */
    a = READ_OK("{\"status\": \"feasible\", \"sets\": [], \"unassigned\": "
                "null, \"changes\": null}");
    assert_int_equal(als_allocation_status(a), ALS_SOLVE_FEASIBLE);
    assert_int_equal(als_allocation_unassigned_count(a), 0);
    als_allocation_free(a);
}

static void test_allocation_json__present_bits(void **state)
{
    (void)state;
    als_allocation *a = READ_OK(
        "{\"sets\": [], \"objective\": {\"placed\": 4, \"penalty\": 2.5, "
        "\"seniority_pairs\": 3}}");
    unsigned present = 0;
    als_objective o = als_allocation_objective(a, &present);
    /* bit k for the k-th field of als_objective */
    assert_int_equal(present, (1u << 2) | (1u << 4) | (1u << 7));
    assert_int_equal(o.placed, 4);
    assert_true(o.penalty == 2.5);
    assert_true(o.seniority == 3.0);
    /* only the figures given are written, under the key they had */
    char *text = write_ok(a);
    assert_non_null(strstr(text, "\"objective\": {\"placed\": 4, "
                                 "\"penalty\": 2.5, \"seniority_pairs\": 3}"));
    assert_null(strstr(text, "seniority_spread"));
    assert_null(strstr(text, "\"bound\""));
    als_free(text);
    als_allocation_free(a);
}

/* size_deviation: bit 9, written between priority and penalty, a whole
   number. */
static void test_allocation_json__size_deviation(void **state)
{
    (void)state;
    als_allocation *a =
        READ_OK("{\"sets\": [], \"objective\": {\"penalty\": 2, "
                "\"size_deviation\": 3, \"priority\": 1}}");
    unsigned present = 0;
    als_objective o = als_allocation_objective(a, &present);
    assert_int_equal(present, (1u << 3) | (1u << 4) | (1u << 9));
    assert_int_equal(o.size_deviation, 3);
    char *text = write_ok(a);
    assert_non_null(strstr(text, "\"objective\": {\"priority\": 1, "
                                 "\"size_deviation\": 3, \"penalty\": 2}"));
    char *again = rewrite(text);
    assert_string_equal(again, text);
    als_free(again);
    als_free(text);
    als_allocation_free(a);
    EXPECT_ERROR("{\"sets\": [], \"objective\": {\"size_deviation\": 1.5}}",
                 ALS_ESCHEMA, "objective.size_deviation", "");
}

/* ------------------------------------------------------------------ */
/* Round trips                                                         */

static void test_allocation_json__write_read_write_is_stable(void **state)
{
    (void)state;
    char *w0 = rewrite(HAND);
    /* w0 was written by the library: reading and writing it gives it back */
    char *w1 = rewrite(w0);
    char *w2 = rewrite(w1);
    assert_string_equal(w1, w0);
    assert_string_equal(w2, w1);
    /* and everything survived */
    als_allocation *a = READ_OK(w1);
    assert_int_equal(als_allocation_set_count(a), 3);
    assert_null(als_allocation_set_day(a, 1));
    assert_string_equal(als_allocation_member(a, 2, 0), "p02");
    assert_string_equal(als_allocation_unassigned_reason(a, 0),
                        "all sets that meet on tue are full");
    assert_null(als_allocation_change_to(a, 2));
    assert_null(als_allocation_change_from(a, 1));
    double bound = 0, gap = 1;
    assert_int_equal(als_allocation_bound(a, &bound, &gap), 1);
    assert_true(bound == 14.0 && gap == 0.0);
    unsigned present = 0;
    als_objective o = als_allocation_objective(a, &present);
    assert_int_equal(present, 0x1FFu);
    assert_true(o.penalty == 14.5);
    assert_int_equal(o.priority, -3);
    /* ignored keys are not written */
    assert_null(strstr(w1, "extra"));
    assert_null(strstr(w1, "nodes"));
    als_allocation_free(a);
    als_free(w0);
    als_free(w1);
    als_free(w2);
}

static void test_allocation_json__empty_lists_round_trip(void **state)
{
    (void)state;
    char *w0 = rewrite("{\"status\": \"optimal\", \"sets\": []}");
    char *w1 = rewrite(w0);
    assert_string_equal(w1, w0);
    assert_non_null(strstr(w0, "\"sets\": []"));
    assert_non_null(strstr(w0, "\"unassigned\": []"));
    assert_non_null(strstr(w0, "\"changes\": []"));
    als_free(w0);
    als_free(w1);
}

/* The waiting list's standby marks round-trip; a standby that is not an
   array of strings is an error at its path. */
static void test_allocation_json__standby(void **state)
{
    (void)state;
    char *w0 = rewrite("{\"sets\": [], \"unassigned\": [{\"id\": \"z\", "
                       "\"reason\": \"full\", \"standby\": [\"S1\", "
                       "\"S2\"]}, {\"id\": \"y\", \"reason\": \"full\"}]}");
    char *w1 = rewrite(w0);
    assert_string_equal(w1, w0);
    assert_non_null(strstr(w0, "{\"id\": \"z\", \"reason\": \"full\", "
                               "\"standby\": [\"S1\", \"S2\"]}"));
    assert_non_null(strstr(w0, "{\"id\": \"y\", \"reason\": \"full\"}"));
    als_allocation *a = NULL;
    assert_int_equal(als_allocation_from_json(&a, w0, strlen(w0), NULL, NULL),
                     ALS_OK);
    assert_int_equal(als_allocation_unassigned_standby_count(a, 0), 2);
    assert_string_equal(als_allocation_unassigned_standby(a, 0, 1), "S2");
    assert_null(als_allocation_unassigned_standby(a, 0, 2));
    assert_int_equal(als_allocation_unassigned_standby_count(a, 1), 0);
    als_allocation_free(a);
    als_free(w0);
    als_free(w1);
    const char *bad = "{\"sets\": [], \"unassigned\": [{\"id\": \"z\", "
                      "\"standby\": [3]}]}";
    als_error err;
    a = NULL;
    assert_int_equal(als_allocation_from_json(&a, bad, strlen(bad), NULL, &err),
                     ALS_ESCHEMA);
    assert_string_equal(err.path, "unassigned[0].standby[0]");
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
    }
    fclose(fp);
    buf[len] = '\0';
    return buf;
}

static void test_allocation_json__example_round_trips(void **state)
{
    (void)state;
    char *text = slurp(ALS_SOURCE_DIR "/examples/housing.allocation.json");
    char *w0 = rewrite(text);
    char *w1 = rewrite(w0);
    assert_string_equal(w1, w0);
    als_allocation *a = READ_OK(text);
    als_allocation *b = READ_OK(w0);
    assert_int_equal(als_allocation_set_count(a), als_allocation_set_count(b));
    for (size_t s = 0; s < als_allocation_set_count(a); s++) {
        assert_string_equal(als_allocation_set_id(a, s),
                            als_allocation_set_id(b, s));
        assert_int_equal(als_allocation_set_size(a, s),
                         als_allocation_set_size(b, s));
        for (size_t k = 0; k < als_allocation_set_size(a, s); k++)
            assert_string_equal(als_allocation_member(a, s, k),
                                als_allocation_member(b, s, k));
    }
    assert_int_equal(als_allocation_unassigned_count(a),
                     als_allocation_unassigned_count(b));
    als_allocation_free(a);
    als_allocation_free(b);
    als_free(w0);
    als_free(w1);
    free(text);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */

/* The text written for `key` (up to the next ',' or '}'), in buf. */
static void written_number(const char *text, const char *key, char *buf,
                           size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    const char *p = strstr(text, pat);
    if (!p)
        fail_msg("no %s in:\n%s", key, text);
    p += strlen(pat);
    size_t n = strcspn(p, ",}");
    assert_true(n < cap);
    memcpy(buf, p, n);
    buf[n] = '\0';
}

static void test_allocation_json__numbers_shortest_exact_form(void **state)
{
    (void)state;
    const char *json =
        "{\"sets\": [], \"solver\": {\"time_s\": 0.1, \"seed\": "
        "9007199254740992, \"bound\": 14.0, \"gap\": 0.30000000000000004}, "
        "\"objective\": {\"penalty\": -2.5, \"sector_pairs\": 123456.789, "
        "\"organisation_pairs\": 1e21, \"seniority_spread\": 5e-324, "
        "\"pair_weight\": 9007199254740993.0, \"placed\": -0}}";
    als_allocation *a = READ_OK(json);
    char *text = write_ok(a);
    char buf[64];
    written_number(text, "time_s", buf, sizeof buf);
    assert_string_equal(buf, "0.1");
    written_number(text, "seed", buf, sizeof buf);
    assert_string_equal(buf, "9007199254740992");
    written_number(text, "bound", buf, sizeof buf);
    assert_string_equal(buf, "14");
    written_number(text, "gap", buf, sizeof buf);
    assert_string_equal(buf, "0.30000000000000004");
    written_number(text, "penalty", buf, sizeof buf);
    assert_string_equal(buf, "-2.5");
    written_number(text, "sector_pairs", buf, sizeof buf);
    assert_string_equal(buf, "123456.789");
    written_number(text, "placed", buf, sizeof buf);
    assert_string_equal(buf, "0");
    /* every figure reads back to the same double */
    als_allocation *b = READ_OK(text);
    als_objective x = als_allocation_objective(a, NULL);
    als_objective y = als_allocation_objective(b, NULL);
    assert_memory_equal(&x, &y, sizeof x);
    assert_true(als_allocation_time_s(a) == als_allocation_time_s(b));
    assert_int_equal(als_allocation_seed(b), 9007199254740992ULL);
    double b1, g1, b2, g2;
    assert_int_equal(als_allocation_bound(a, &b1, &g1), 1);
    assert_int_equal(als_allocation_bound(b, &b2, &g2), 1);
    assert_true(b1 == b2 && g1 == g2);
    assert_true(y.seniority == 5e-324);
    assert_true(y.organisation_pairs == 1e21);
    als_allocation_free(b);
    als_allocation_free(a);
    als_free(text);
}

static void test_allocation_json__small_numbers_shortest_form(void **state)
{
    (void)state;
    als_allocation *a =
        READ_OK("{\"sets\": [], \"objective\": {\"penalty\": 1e-7, "
                "\"pair_weight\": 2.5e-10}}");
    char *text = write_ok(a);
    char penalty[64], pair_weight[64];
    written_number(text, "penalty", penalty, sizeof penalty);
    written_number(text, "pair_weight", pair_weight, sizeof pair_weight);
    als_free(text);
    als_allocation_free(a);
    assert_string_equal(penalty, "1e-7");
    assert_string_equal(pair_weight, "2.5e-10");
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */

static void test_allocation_json__strings_are_escaped(void **state)
{
    (void)state;
    /* ids and reasons with quotes, backslashes, control characters, and
       non-ASCII text both raw and as \u escapes (with a surrogate pair) */
    const char *json =
        "{\"sets\": [{\"id\": \"q\\\"uote\", \"day\": \"back\\\\slash\", "
        "\"members\": [\"ctl\\u0001\\u001f\\b\\f\\n\\r\\t\", "
        "\"Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80\", "
        "\"Zo\\u00eb \\u65e5\\u672c \\ud83d\\ude00\", \"sl/ash\\/\", "
        "\"del\\u007f\"]}], "
        "\"unassigned\": [{\"id\": \"u\", \"reason\": \"said \\\"no\\\"\\n"
        "\\\\ twice\"}]}";
    als_allocation *a = READ_OK(json);
    assert_string_equal(als_allocation_set_id(a, 0), "q\"uote");
    assert_string_equal(als_allocation_set_day(a, 0), "back\\slash");
    assert_string_equal(als_allocation_member(a, 0, 0),
                        "ctl\x01\x1f\b\f\n\r\t");
    const char *utf8 = "Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
    assert_string_equal(als_allocation_member(a, 0, 1), utf8);
    assert_string_equal(als_allocation_member(a, 0, 2), utf8);
    assert_string_equal(als_allocation_member(a, 0, 3), "sl/ash/");
    assert_string_equal(als_allocation_member(a, 0, 4), "del\x7f");
    assert_string_equal(als_allocation_unassigned_reason(a, 0),
                        "said \"no\"\n\\ twice");

    char *text = write_ok(a);
    /* escaped as JSON requires: no raw control character in the text
       except the newlines between lines */
    for (const char *p = text; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n')
            fail_msg("raw control character 0x%02x in:\n%s", *p, text);
    assert_non_null(strstr(text, "\"q\\\"uote\""));
    assert_non_null(strstr(text, "\"back\\\\slash\""));
    assert_non_null(strstr(text, "\\u0001"));
    assert_non_null(strstr(text, "\\u001f"));
    assert_non_null(strstr(text, "\\n"));
    assert_non_null(strstr(text, "\\t"));
    /* every written line is one line: strings hold no raw newline */
    assert_non_null(strstr(text, "\"said \\\"no\\\"\\n\\\\ twice\""));

    /* and it reads back to the same strings */
    als_allocation *b = READ_OK(text);
    for (size_t k = 0; k < als_allocation_set_size(a, 0); k++)
        assert_string_equal(als_allocation_member(a, 0, k),
                            als_allocation_member(b, 0, k));
    assert_string_equal(als_allocation_set_id(b, 0), "q\"uote");
    assert_string_equal(als_allocation_set_day(b, 0), "back\\slash");
    assert_string_equal(als_allocation_unassigned_reason(b, 0),
                        als_allocation_unassigned_reason(a, 0));
    char *again = write_ok(b);
    assert_string_equal(again, text);
    als_free(again);
    als_allocation_free(b);
    als_free(text);
    als_allocation_free(a);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void test_allocation_json__not_json(void **state)
{
    (void)state;
    const char *json = "{\"sets\": [\n  {\"id\": \"A\" \"members\": []}]}";
    als_allocation *a = NULL;
    als_diag *d = new_diag();
    als_error err;
    assert_int_equal(als_allocation_from_json(&a, json, strlen(json), d, &err),
                     ALS_EPARSE);
    assert_null(a);
    /* line 2, column 14: the '"' of "members" */
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 14);
    assert_string_equal(err.path, "");
    als_diag_free(d);
    assert_int_equal(als_allocation_from_json(&a, "", 0, NULL, &err),
                     ALS_EPARSE);
    assert_null(a);
    assert_int_equal(
        als_allocation_from_json(&a, "\"x\\u0000\"", 9, NULL, &err),
        ALS_ESCHEMA);
    assert_null(a);
}

static void test_allocation_json__errors(void **state)
{
    (void)state;
    EXPECT_ERROR("[]", ALS_ESCHEMA, "", "expected an object");
    EXPECT_ERROR("{\"status\": \"optimal\"}", ALS_ESCHEMA, "",
                 "missing \"sets\"");
    EXPECT_ERROR("{\"sets\": {}}", ALS_ESCHEMA, "sets", "expected an array");
    EXPECT_ERROR("{\"sets\": [{\"id\": \"A\", \"members\": \"p1\"}]}",
                 ALS_ESCHEMA, "sets[0].members", "expected an array");
    EXPECT_ERROR("{\"sets\": [{\"id\": \"A\", \"members\": []}, "
                 "{\"id\": \"B\", \"members\": [\"p1\", 2]}]}",
                 ALS_ESCHEMA, "sets[1].members[1]", "expected a string");
    EXPECT_ERROR("{\"sets\": [{\"members\": []}]}", ALS_ESCHEMA, "sets[0]",
                 "missing \"id\"");
    EXPECT_ERROR("{\"sets\": [{\"id\": \"A\"}]}", ALS_ESCHEMA, "sets[0]",
                 "missing \"members\"");
    EXPECT_ERROR("{\"sets\": [7]}", ALS_ESCHEMA, "sets[0]",
                 "expected an object");
    EXPECT_ERROR("{\"sets\": [{\"id\": \"A\", \"day\": 2, \"members\": []}]}",
                 ALS_ESCHEMA, "sets[0].day", "expected a string");
    EXPECT_ERROR("{\"status\": \"optimum\", \"sets\": []}", ALS_ESCHEMA,
                 "status", "did you mean \"optimal\"");
    EXPECT_ERROR("{\"status\": 1, \"sets\": []}", ALS_ESCHEMA, "status",
                 "expected a string");
    EXPECT_ERROR("{\"sets\": [], \"sets\": []}", ALS_ESCHEMA, "",
                 "duplicate key \"sets\"");
    EXPECT_ERROR("{\"sets\": [{\"id\": \"A\", \"members\": [], "
                 "\"members\": [\"x\"]}]}",
                 ALS_ESCHEMA, "sets[0]", "duplicate key \"members\"");
    EXPECT_ERROR("{\"format\": \"als-cohort/1\", \"sets\": []}", ALS_ESCHEMA,
                 "format", "als-allocation/1");
    EXPECT_ERROR("{\"sets\": [], \"solver\": {\"seed\": -1}}", ALS_ESCHEMA,
                 "solver.seed", "out of range");
    EXPECT_ERROR("{\"sets\": [], \"solver\": {\"time_s\": \"fast\"}}",
                 ALS_ESCHEMA, "solver.time_s", "expected a number");
    EXPECT_ERROR("{\"sets\": [], \"objective\": {\"placed\": 1.5}}",
                 ALS_ESCHEMA, "objective.placed", "integer");
    EXPECT_ERROR("{\"sets\": [], \"objective\": {\"penalty\": 1e999}}",
                 ALS_ESCHEMA, "objective.penalty", "not finite");
    EXPECT_ERROR("{\"sets\": [], \"unassigned\": [{\"reason\": \"x\"}]}",
                 ALS_ESCHEMA, "unassigned[0]", "missing \"id\"");
    EXPECT_ERROR("{\"sets\": [], \"unassigned\": [{\"id\": \"a\", "
                 "\"reason\": 3}]}",
                 ALS_ESCHEMA, "unassigned[0].reason", "expected a string");
    EXPECT_ERROR("{\"sets\": [], \"changes\": [{\"id\": \"a\", \"from\": 1}]}",
                 ALS_ESCHEMA, "changes[0].from", "expected a string");
    EXPECT_ERROR("{\"sets\": [], \"changes\": {}}", ALS_ESCHEMA, "changes",
                 "expected an array");
}

static void test_allocation_json__all_errors_reported(void **state)
{
    (void)state;
    const char *json = "{\"format\": \"x\", \"status\": \"done\", "
                       "\"sets\": [{\"id\": 1, \"members\": [2]}], "
                       "\"changes\": [{\"from\": \"A\"}]}";
    als_allocation *a = NULL;
    als_diag *d = new_diag();
    als_error err;
    assert_int_equal(als_allocation_from_json(&a, json, strlen(json), d, &err),
                     ALS_ESCHEMA);
    assert_null(a);
    assert_non_null(find_error(d, "format", NULL));
    assert_non_null(find_error(d, "status", NULL));
    assert_non_null(find_error(d, "sets[0].id", NULL));
    assert_non_null(find_error(d, "sets[0].members[0]", NULL));
    assert_non_null(find_error(d, "changes[0]", NULL));
    assert_int_equal(als_diag_errors(d), 5);
    assert_string_equal(err.path, "format");
    als_diag_free(d);
}

static void test_allocation_json__unknown_keys_are_ignored(void **state)
{
    (void)state;
    als_allocation *a = READ_OK(
        "{\"sets\": [{\"id\": \"A\", \"members\": [\"p1\"], \"size\": 1, "
        "\"penalty\": 0.5}], \"objective\": {\"placed\": 1, \"gizmo\": 2}, "
        "\"solver\": {\"method\": \"manual\", \"threads\": 4}, "
        "\"unassigned\": [{\"id\": \"p2\", \"reason\": \"r\", \"hint\": "
        "\"h\"}], \"changes\": [{\"id\": \"p1\", \"to\": \"A\", \"why\": 1}], "
        "\"generated_by\": {\"tool\": \"x\"}, \"stats\": [1, 2]}");
    /* READ_OK allows no error; a key close to a known one may warn */
    assert_int_equal(als_allocation_set_count(a), 1);
    assert_string_equal(als_allocation_method(a), "manual");
    unsigned present = 0;
    als_allocation_objective(a, &present);
    assert_int_equal(present, 1u << 2);
    assert_null(als_allocation_change_from(a, 0));
    als_allocation_free(a);
}

static void test_allocation_json__api_misuse(void **state)
{
    (void)state;
    als_error err;
    char *text = (char *)"sentinel";
    size_t len = 99;
    assert_int_equal(als_allocation_from_json(NULL, "{}", 2, NULL, &err),
                     ALS_EINVAL);
    als_allocation *a = (als_allocation *)&a;
    assert_int_equal(als_allocation_from_json(&a, NULL, 3, NULL, &err),
                     ALS_EINVAL);
    assert_null(a);
    assert_int_equal(als_allocation_to_json(NULL, &text, &len, &err),
                     ALS_EINVAL);
    assert_null(text);
    assert_int_equal(len, 0);
    a = READ_OK("{\"sets\": []}");
    assert_int_equal(als_allocation_to_json(a, NULL, NULL, &err), ALS_EINVAL);
    assert_int_equal(err.code, ALS_EINVAL);
    /* len_out is optional */
    assert_int_equal(als_allocation_to_json(a, &text, NULL, NULL), ALS_OK);
    assert_non_null(text);
    als_free(text);
    als_allocation_free(a);
}

/* A set's "names": one per member (null for none), read, kept, written. */
static void test_allocation_json__member_names(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"sets\": [{\"id\": \"A\", \"members\": [\"a\", \"b\"], "
        "\"names\": [\"Ann Lee\", null]}, {\"id\": \"B\", \"members\": "
        "[\"c\"]}]}";
    als_allocation *a = READ_OK(doc);
    assert_string_equal(als_allocation_member_name(a, 0, 0), "Ann Lee");
    assert_null(als_allocation_member_name(a, 0, 1));
    assert_null(als_allocation_member_name(a, 0, 2));
    assert_null(als_allocation_member_name(a, 1, 0));
    assert_null(als_allocation_member_name(NULL, 0, 0));
    char *text = write_ok(a);
    assert_non_null(strstr(text, "\"members\": [\"a\", \"b\"], \"names\": "
                                 "[\"Ann Lee\", null]}"));
    assert_non_null(strstr(text, "{\"id\": \"B\", \"day\": null, "
                                 "\"members\": [\"c\"]}"));
    char *again = rewrite(text);
    assert_string_equal(text, again);
    free(again);
    als_free(text);
    als_allocation_free(a);

    /* one per member, strings or null */
    static const char *const bad[] = {
        "{\"sets\": [{\"id\": \"A\", \"members\": [\"a\", \"b\"], "
        "\"names\": [\"Ann Lee\"]}]}",
        "{\"sets\": [{\"id\": \"A\", \"members\": [\"a\"], \"names\": "
        "[3]}]}",
        "{\"sets\": [{\"id\": \"A\", \"members\": [\"a\"], \"names\": "
        "\"Ann\"}]}"};
    static const char *const path[] = {"sets[0].names", "sets[0].names[0]",
                                       "sets[0].names"};
    for (size_t k = 0; k < 3; k++) {
        als_diag *d = new_diag();
        a = NULL;
        assert_int_equal(
            als_allocation_from_json(&a, bad[k], strlen(bad[k]), d, NULL),
            ALS_ESCHEMA);
        assert_null(a);
        assert_non_null(find_error(d, path[k], NULL));
        als_diag_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocation_json__accessors),
        cmocka_unit_test(test_allocation_json__minimal_document),
        cmocka_unit_test(test_allocation_json__present_bits),
        cmocka_unit_test(test_allocation_json__write_read_write_is_stable),
        cmocka_unit_test(test_allocation_json__empty_lists_round_trip),
        cmocka_unit_test(test_allocation_json__size_deviation),
        cmocka_unit_test(test_allocation_json__standby),
        cmocka_unit_test(test_allocation_json__example_round_trips),
        cmocka_unit_test(test_allocation_json__numbers_shortest_exact_form),
        cmocka_unit_test(test_allocation_json__small_numbers_shortest_form),
        cmocka_unit_test(test_allocation_json__strings_are_escaped),
        cmocka_unit_test(test_allocation_json__not_json),
        cmocka_unit_test(test_allocation_json__errors),
        cmocka_unit_test(test_allocation_json__all_errors_reported),
        cmocka_unit_test(test_allocation_json__unknown_keys_are_ignored),
        cmocka_unit_test(test_allocation_json__api_misuse),
        cmocka_unit_test(test_allocation_json__member_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
