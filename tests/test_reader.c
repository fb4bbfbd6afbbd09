/*
 * Tests of the cohort reader (als_problem_from_json): every kind of input
 * error of docs/FORMAT.md section 2 is reported with its status and its place
 * (a JSON path, or line and column for syntax errors), all errors of a document
 * are reported up to the cap, and valid documents are read with the defaults
 * and meanings of the format.
 *
 * Documents are written with single quotes, which the helpers turn into
 * double quotes before reading, so that they stay readable here.
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
#include "als_internal.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* A malloc'd copy of `s` with every ' replaced by ". */
static char *dq(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    assert_non_null(d);
    for (size_t i = 0; i <= n; i++)
        d[i] = s[i] == '\'' ? '"' : s[i];
    return d;
}

/* A malloc'd string of `n` copies of `c`. */
static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

/* A malloc'd string formatted like printf. */
static char *fmt(const char *f, ...) ALS__PRINTF(1, 2);
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    assert_true(n >= 0);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

static als_diag *new_diag(void)
{
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_non_null(d);
    return d;
}

static void dump_diag(const als_diag *d)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        print_error("  [%zu] %s code=%d path='%s' line=%u col=%u: %s\n", k,
                    e->severity == ALS_SEV_ERROR ? "error" : "warning",
                    (int)e->code, e->path, e->line, e->column, e->message);
    }
}

/* The first entry with this severity and path whose message contains
   `word` (any message when `word` is NULL), or NULL. */
static const als_error *find_entry(const als_diag *d, als_severity sev,
                                   const char *path, const char *word)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (e->severity == sev && strcmp(e->path, path) == 0 &&
            (!word || strstr(e->message, word)))
            return e;
    }
    return NULL;
}

/*
 * Read `json` and check that it is rejected with `code`, that no problem is
 * returned, that the diagnostics hold an error of that code at `path` whose
 * message contains `word`, and that `err` received an error of that code.
 * With `only`, that error must be the only one. Prints what was found and
 * returns false when not; frees everything either way.
 */
static bool error_ok(const char *json, size_t len, als_status code,
                     const char *path, const char *word, bool only)
{
    als_diag *d = new_diag();
    als_problem *p = NULL;
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_problem_from_json(&p, json, len, d, &err);
    const als_error *e = find_entry(d, ALS_SEV_ERROR, path, word);
    bool ok = rc == code && p == NULL && e && e->code == code &&
              err.code == code && (!only || als_diag_errors(d) == 1);
    if (!ok) {
        print_error("expected status %d with an error at '%s' containing "
                    "'%s'%s; got status %d (%s), problem %s, %zu error(s):\n",
                    (int)code, path, word ? word : "",
                    only ? " and no other error" : "", (int)rc,
                    als_status_str(rc), p ? "returned" : "NULL",
                    als_diag_errors(d));
        dump_diag(d);
    }
    als_problem_free(p);
    als_diag_free(d);
    return ok;
}

/* The same for a document written with single quotes. */
static bool error_ok_sq(const char *sq, als_status code, const char *path,
                        const char *word, bool only)
{
    char *json = dq(sq);
    bool ok = error_ok(json, strlen(json), code, path, word, only);
    free(json);
    return ok;
}

/* At least this error (others may come with it). */
#define EXPECT_ERROR(doc, code, path, word)                                    \
    do {                                                                       \
        if (!error_ok_sq((doc), (code), (path), (word), false))                \
            _fail(__FILE__, __LINE__);                                         \
    } while (0)
/* Exactly one error, this one. */
#define EXPECT_ONE(doc, code, path, word)                                      \
    do {                                                                       \
        if (!error_ok_sq((doc), (code), (path), (word), true))                 \
            _fail(__FILE__, __LINE__);                                         \
    } while (0)

/*
 * A syntax-level error: `code`, no problem, and an error with an empty path
 * at line:column whose message contains `word` (any message when NULL);
 * `err` gets the same place. Returns false (after printing) when not.
 */
static bool at_ok(const char *json, size_t len, als_status code, unsigned line,
                  unsigned column, const char *word)
{
    als_diag *d = new_diag();
    als_problem *p = NULL;
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_problem_from_json(&p, json, len, d, &err);
    const als_error *e = find_entry(d, ALS_SEV_ERROR, "", word);
    bool ok = rc == code && p == NULL && e && e->code == code &&
              e->line == line && e->column == column && err.code == code &&
              err.line == line && err.column == column;
    if (!ok) {
        print_error("expected status %d at %u:%u containing '%s'; got "
                    "status %d, problem %s, err at %u:%u:\n",
                    (int)code, line, column, word ? word : "", (int)rc,
                    p ? "returned" : "NULL", err.line, err.column);
        dump_diag(d);
    }
    als_problem_free(p);
    als_diag_free(d);
    return ok;
}

#define EXPECT_AT(json, code, line, column, word)                              \
    do {                                                                       \
        if (!at_ok((json), strlen(json), (code), (line), (column), (word)))    \
            _fail(__FILE__, __LINE__);                                         \
    } while (0)
#define EXPECT_AT_LEN(json, len, code, line, column, word)                     \
    do {                                                                       \
        if (!at_ok((json), (len), (code), (line), (column), (word)))           \
            _fail(__FILE__, __LINE__);                                         \
    } while (0)

/* Read a valid document (single quotes); fails the test on any error.
   Warnings are allowed and left in `d` when given. */
static als_problem *read_ok_at(const char *sq, als_diag *d, const char *file,
                               int line)
{
    char *json = dq(sq);
    als_diag *own = d ? d : new_diag();
    als_problem *p = NULL;
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_problem_from_json(&p, json, strlen(json), own, &err);
    free(json);
    bool ok = rc == ALS_OK && p && als_diag_errors(own) == 0;
    if (!ok) {
        print_error("expected a valid document; got status %d (%s):\n", (int)rc,
                    als_status_str(rc));
        dump_diag(own);
    }
    if (!d)
        als_diag_free(own);
    if (!ok) {
        als_problem_free(p);
        _fail(file, line);
    }
    return p;
}

#define READ_OK(doc) read_ok_at((doc), NULL, __FILE__, __LINE__)
#define READ_OK_DIAG(doc, d) read_ok_at((doc), (d), __FILE__, __LINE__)

/* For documents built at run time: check for exactly one error and free
   the document; the caller asserts on the result once it has freed the
   rest. */
static bool one_error_owned(char *doc, als_status code, const char *path,
                            const char *word)
{
    bool ok = error_ok_sq(doc, code, path, word, true);
    free(doc);
    return ok;
}

/* Read a valid document built at run time and free it; NULL (after
   printing what went wrong) when it is not read. */
static als_problem *read_owned(char *doc)
{
    char *json = dq(doc);
    free(doc);
    als_diag *d = new_diag();
    als_problem *p = NULL;
    als_status rc = als_problem_from_json(&p, json, strlen(json), d, NULL);
    free(json);
    if (rc != ALS_OK || !p || als_diag_errors(d) != 0) {
        print_error("expected a valid document; got status %d:\n", (int)rc);
        dump_diag(d);
        als_problem_free(p);
        p = NULL;
    }
    als_diag_free(d);
    return p;
}

/* One-line tests of a single input error (and no other). */
#define ONE_ERROR_TEST(name, doc, code, path, word)                            \
    static void test_reader__##name(void **state)                              \
    {                                                                          \
        (void)state;                                                           \
        EXPECT_ONE(doc, code, path, word);                                     \
    }

/* Documents with a programme of sets of 4 and the given applicants. */
#define P4 "'programme': {'set_size': 4}"
#define DOC(apps) "{" P4 ", 'applicants': [" apps "]}"
/* ... and with the given programme keys besides set_size 4. */
#define DOCP(prog, apps)                                                       \
    "{'programme': {'set_size': 4, " prog "}, 'applicants': [" apps "]}"

/* ------------------------------------------------------------------ */
/* Not JSON: syntax errors by line and column                          */

static void test_reader__syntax_error_has_line_and_column(void **state)
{
    (void)state;
    /* column 15 is the '}' where a value should be */
    EXPECT_AT("{\"programme\": }", ALS_EPARSE, 1, 15, NULL);
    /* a misspelt literal: its first letter (column 15) or the character
       where it stops matching (column 18) */
    if (!at_ok("{\"programme\": tru}", 18, ALS_EPARSE, 1, 15, NULL) &&
        !at_ok("{\"programme\": tru}", 18, ALS_EPARSE, 1, 18, NULL))
        fail_msg("misspelt literal not reported at 1:15 or 1:18");
    /* a missing colon: column 14 is the value that came too early */
    EXPECT_AT("{\"programme\" 4}", ALS_EPARSE, 1, 14, NULL);
}

static void test_reader__syntax_error_in_multiline_document(void **state)
{
    (void)state;
    /* a missing comma: line 4, column 16 is the '"' of "name" */
    EXPECT_AT("{\n"
              "  \"programme\": {\"set_size\": 4},\n"
              "  \"applicants\": [\n"
              "    {\"id\": \"a\" \"name\": \"x\"}\n"
              "  ]\n"
              "}\n",
              ALS_EPARSE, 4, 16, NULL);
}

/* A line ends with LF, CR (old Macs, some exports) or CRLF. */
static void test_reader__syntax_error_after_cr_line_ends(void **state)
{
    (void)state;
    static const char *const ends[] = {"\r", "\r\n", "\n"};
    for (size_t k = 0; k < 3; k++) {
        char doc[512];
        const char *e = ends[k];
        snprintf(doc, sizeof doc,
                 "{%s  \"programme\": {\"set_size\": 4},%s  \"applicants\": [%s"
                 "    {\"id\": \"a\"},%s    {\"id\": \"b\"},%s%s"
                 "    {\"id\": \"c\", \"priority\": x}%s  ]%s}%s",
                 e, e, e, e, e, e, e, e, e);
        /* line 7 (after a blank line 6), column 29 is the x */
        EXPECT_AT(doc, ALS_EPARSE, 7, 29, NULL);
    }
    /* a CR and an LF apart are two line ends */
    EXPECT_AT("{\r\n\r\"programme\" 4}", ALS_EPARSE, 3, 13, NULL);
    EXPECT_AT("{\n\r\"programme\" 4}", ALS_EPARSE, 3, 13, NULL);
}

static void test_reader__syntax_error_at_unquoted_key(void **state)
{
    (void)state;
    /* the key `programme` lacks its quotes: line 2, column 3 is its 'p' */
    EXPECT_AT("{\n  programme: {}\n}\n", ALS_EPARSE, 2, 3, NULL);
}

static void test_reader__syntax_error_at_trailing_comma(void **state)
{
    (void)state;
    /* a comma before '}': column 10 is the '}' where a key should be */
    EXPECT_AT("{\"a\": 1, }", ALS_EPARSE, 1, 10, NULL);
}

static void test_reader__syntax_error_column_counts_characters(void **state)
{
    (void)state;
    /* "é" is two bytes but one column: the '1' is column 6, byte 6 */
    const char *json = "{\"\xC3\xA9\" 1}";
    EXPECT_AT(json, ALS_EPARSE, 1, 6, NULL);
    als_error err;
    als_problem *p = NULL;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), NULL, &err),
                     ALS_EPARSE);
    assert_null(p);
    assert_int_equal(err.offset, 6);
}

/* A UTF-8 byte-order mark (as Windows editors write one) is ignored, as
   RFC 8259 allows; it takes no column, but the offset counts its bytes. */
static void test_reader__byte_order_mark(void **state)
{
    (void)state;
    const char *ok = "\xEF\xBB\xBF{\"programme\": {\"set_size\": 2}, "
                     "\"applicants\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}";
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_problem_from_json(&p, ok, strlen(ok), NULL, &err),
                     ALS_OK);
    assert_int_equal(als_problem_applicant_count(p), 2);
    als_problem_free(p);
    /* the '}' where a value should be: column 15, byte 17 */
    const char *bad = "\xEF\xBB\xBF{\"programme\": }";
    EXPECT_AT(bad, ALS_EPARSE, 1, 15, NULL);
    assert_int_equal(als_problem_from_json(&p, bad, strlen(bad), NULL, &err),
                     ALS_EPARSE);
    assert_int_equal(err.offset, 17);
    /* a mark alone is an empty document; two marks are not JSON */
    EXPECT_AT("\xEF\xBB\xBF", ALS_EPARSE, 1, 1, NULL);
    EXPECT_AT("\xEF\xBB\xBF\xEF\xBB\xBF{}", ALS_EPARSE, 1, 1, NULL);
}

static void test_reader__syntax_error_at_invalid_unicode_escape(void **state)
{
    (void)state;
    /* 'G' is not a hex digit: the escape at column 27 is not JSON (and must
       not turn into a character that cuts the string short) */
    EXPECT_AT("{\"programme\": {\"name\": \"ab\\u12G4cd\", \"set_size\": 4}, "
              "\"applicants\": []}",
              ALS_EPARSE, 1, 27, NULL);
}

static void test_reader__syntax_error_at_raw_control_character(void **state)
{
    (void)state;
    /* a raw tab inside a string (column 26) is not JSON: it must be
       written \t */
    EXPECT_AT("{\"programme\": {\"name\": \"a\tb\", \"set_size\": 4}, "
              "\"applicants\": []}",
              ALS_EPARSE, 1, 26, NULL);
}

static void test_reader__numbers_outside_the_json_grammar(void **state)
{
    (void)state;
    /* JSON has no leading zeros and no trailing decimal point */
    static const char *const docs[] = {
        "{\"programme\": {\"set_size\": 04}, \"applicants\": []}",
        "{\"programme\": {\"set_size\": 4.}, \"applicants\": []}"};
    for (size_t k = 0; k < 2; k++) {
        als_problem *p = NULL;
        als_error err;
        memset(&err, 0, sizeof err);
        als_status rc =
            als_problem_from_json(&p, docs[k], strlen(docs[k]), NULL, &err);
        als_problem_free(p);
        if (rc != ALS_EPARSE)
            fail_msg("%s: status %d, expected ALS_EPARSE", docs[k], (int)rc);
        assert_int_equal(err.line, 1);
        assert_true(err.column == 28 || err.column == 29);
    }
}

static void test_reader__unterminated_string_is_unexpected_end(void **state)
{
    (void)state;
    /* a document cut short inside a string ends at column 28 */
    EXPECT_AT("{\"programme\": {\"name\": \"abc", ALS_EPARSE, 1, 28,
              "unexpected end");
}

static void test_reader__trailing_garbage(void **state)
{
    (void)state;
    EXPECT_AT("{\"programme\": {\"set_size\": 4}, \"applicants\": []}\n  x",
              ALS_EPARSE, 2, 3, "after the end");
    EXPECT_AT("{} {}", ALS_EPARSE, 1, 4, "after the end");
}

static void test_reader__unexpected_end(void **state)
{
    (void)state;
    EXPECT_AT("{\"programme\": {\"set_size\": 4},\n \"applicants\": [",
              ALS_EPARSE, 2, 17, "unexpected end");
    EXPECT_AT("{", ALS_EPARSE, 1, 2, "unexpected end");
}

static void test_reader__empty_input(void **state)
{
    (void)state;
    EXPECT_AT("", ALS_EPARSE, 1, 1, "empty");
    EXPECT_AT("  \n\t ", ALS_EPARSE, 2, 3, "empty");
    /* NULL text with length 0 is an empty document too */
    EXPECT_AT_LEN(NULL, 0, ALS_EPARSE, 1, 1, "empty");
}

static void test_reader__length_limits_the_text(void **state)
{
    (void)state;
    /* the text need not be NUL-terminated: only `len` bytes are read */
    const char *json = "{\"programme\": {\"set_size\": 4}, \"applicants\": []}"
                       "GARBAGE";
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(
        als_problem_from_json(&p, json, strlen(json) - 7, NULL, &err), ALS_OK);
    assert_non_null(p);
    als_problem_free(p);
}

static void test_reader__not_an_object(void **state)
{
    (void)state;
    EXPECT_ONE("[{'programme': {'set_size': 4}}]", ALS_ESCHEMA, "",
               "expected an object, found an array");
    EXPECT_ONE("'cohort'", ALS_ESCHEMA, "", "expected an object");
    EXPECT_ONE("42", ALS_ESCHEMA, "", "expected an object");
    EXPECT_ONE("null", ALS_ESCHEMA, "", "expected an object");
}

static void test_reader__nul_byte(void **state)
{
    (void)state;
    /* NUL on line 2, after ` {"set_size": 4` (15 characters) */
    static const char json[] = "{\"programme\":\n {\"set_size\": 4\0}, "
                               "\"applicants\": []}";
    EXPECT_AT_LEN(json, sizeof json - 1, ALS_EPARSE, 2, 16, "NUL");
}

static void test_reader__invalid_utf8(void **state)
{
    (void)state;
    /* a lone lead byte: line 1, column 28 (after "caf) */
    EXPECT_AT("{\"programme\": {\"name\": \"caf\xC3\"}}", ALS_EPARSE, 1, 28,
              "UTF-8");
    /* a stray continuation byte on line 2 */
    EXPECT_AT("{\n\"programme\": \x80}", ALS_EPARSE, 2, 14, "UTF-8");
    /* overlong encoding of '/', a UTF-16 surrogate, beyond U+10FFFF */
    EXPECT_AT("{\"a\": \"\xC0\xAF\"}", ALS_EPARSE, 1, 8, "UTF-8");
    EXPECT_AT("{\"a\": \"\xED\xA0\x80\"}", ALS_EPARSE, 1, 8, "UTF-8");
    EXPECT_AT("{\"a\": \"\xF4\x90\x80\x80\"}", ALS_EPARSE, 1, 8, "UTF-8");
    /* a sequence cut short by the end of the input */
    EXPECT_AT("{\"a\": \"\xE2\x82", ALS_EPARSE, 1, 8, "UTF-8");
}

static void test_reader__u0000_escape(void **state)
{
    (void)state;
    /* the backslash is at column 26 */
    EXPECT_AT("{\"programme\": {\"name\": \"a\\u0000b\", \"set_size\": 4}, "
              "\"applicants\": []}",
              ALS_ESCHEMA, 1, 26, "u0000");
}

static void test_reader__escaped_backslash_before_u0000_is_text(void **state)
{
    (void)state;
    /* "\\u0000" is a backslash followed by the text u0000, not a NUL */
    als_problem *p = READ_OK("{'programme': {'name': 'a\\\\u0000', "
                             "'set_size': 4}, 'applicants': []}");
    assert_string_equal(als_problem_name(p), "a\\u0000");
    als_problem_free(p);
}

static char *nested(size_t depth)
{
    char *s = malloc(2 * depth + 1);
    assert_non_null(s);
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = '\0';
    return s;
}

static void test_reader__nesting_deeper_than_max_depth(void **state)
{
    (void)state;
    char *deep = nested(ALS_MAX_DEPTH + 1);
    /* the bracket that opens level 65 is at column 65 */
    bool ok =
        at_ok(deep, strlen(deep), ALS_ELIMIT, 1, ALS_MAX_DEPTH + 1, "nesting");
    free(deep);
    assert_true(ok);
    /* exactly ALS_MAX_DEPTH levels parse (and are then not an object) */
    char *max = nested(ALS_MAX_DEPTH);
    ok =
        error_ok(max, strlen(max), ALS_ESCHEMA, "", "expected an object", true);
    free(max);
    assert_true(ok);
    /* brackets inside strings do not count */
    char *in_string = repeat('[', 200);
    als_problem *p = read_owned(fmt("{'programme': {'set_size': 4, "
                                    "'name': '%s'}, 'applicants': []}",
                                    in_string));
    free(in_string);
    assert_non_null(p);
    size_t len = strlen(als_problem_name(p));
    als_problem_free(p);
    assert_int_equal(len, 200);
}

static void test_reader__input_larger_than_the_limit(void **state)
{
    (void)state;
    /* the size is checked before a byte is read */
    als_problem *p = NULL;
    als_error err;
    als_diag *d = new_diag();
    assert_int_equal(
        als_problem_from_json(&p, "{}", ALS_MAX_INPUT_BYTES + 1, d, &err),
        ALS_ELIMIT);
    assert_null(p);
    assert_int_equal(err.code, ALS_ELIMIT);
    assert_int_equal(als_diag_errors(d), 1);
    als_diag_free(d);
}

static void test_reader__api_misuse(void **state)
{
    (void)state;
    als_problem *p = (als_problem *)&p; /* must be overwritten */
    als_error err;
    assert_int_equal(als_problem_from_json(NULL, "{}", 2, NULL, &err),
                     ALS_EINVAL);
    assert_int_equal(err.code, ALS_EINVAL);
    assert_int_equal(als_problem_from_json(&p, NULL, 5, NULL, NULL),
                     ALS_EINVAL);
    assert_null(p);
}

static void test_reader__works_without_diag_or_err(void **state)
{
    (void)state;
    char *json = dq(DOC("{'id': 'a', 'priority': 'high'}"));
    als_problem *p = NULL;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), NULL, NULL),
                     ALS_ESCHEMA);
    assert_null(p);
    als_error err;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), NULL, &err),
                     ALS_ESCHEMA);
    assert_string_equal(err.path, "applicants[0].priority");
    assert_int_equal(err.severity, ALS_SEV_ERROR);
    assert_int_equal(err.line, 0);
    free(json);
}

/* ------------------------------------------------------------------ */
/* Wrong types: applicants                                             */

ONE_ERROR_TEST(applicant_id_number, DOC("{'id': 5}"), ALS_ESCHEMA,
               "applicants[0].id", "expected a string, found a number")
ONE_ERROR_TEST(applicant_not_object, DOC("{'id': 'a'}, 7"), ALS_ESCHEMA,
               "applicants[1]", "expected an object")
ONE_ERROR_TEST(applicants_not_array, "{" P4 ", 'applicants': {'id': 'a'}}",
               ALS_ESCHEMA, "applicants", "expected an array")
ONE_ERROR_TEST(availability_string,
               DOCP("'days': ['tue']", "{'id': 'a', 'availability': 'tue'}"),
               ALS_ESCHEMA, "applicants[0].availability",
               "expected an array, found a string")
ONE_ERROR_TEST(availability_element_number,
               DOCP("'days': ['tue']",
                    "{'id': 'a', 'availability': ['tue', 2]}"),
               ALS_ESCHEMA, "applicants[0].availability[1]",
               "expected a string")
ONE_ERROR_TEST(apart_not_array, DOC("{'id': 'a', 'apart': 'b'}, {'id': 'b'}"),
               ALS_ESCHEMA, "applicants[0].apart", "expected an array")
ONE_ERROR_TEST(apart_element_number,
               DOC("{'id': 'a', 'apart': [7]}, {'id': 'b'}"), ALS_ESCHEMA,
               "applicants[0].apart[0]", "expected a string, found a number")
ONE_ERROR_TEST(priority_string, DOC("{'id': 'a', 'priority': 'high'}"),
               ALS_ESCHEMA, "applicants[0].priority",
               "expected a number, found a string")
ONE_ERROR_TEST(withdrawn_string, DOC("{'id': 'a', 'withdrawn': 'yes'}"),
               ALS_ESCHEMA, "applicants[0].withdrawn", "true or false")
ONE_ERROR_TEST(seniority_boolean, DOC("{'id': 'a', 'seniority': true}"),
               ALS_ESCHEMA, "applicants[0].seniority", "found a boolean")
ONE_ERROR_TEST(organisation_number, DOC("{'id': 'a', 'organisation': 3}"),
               ALS_ESCHEMA, "applicants[0].organisation", "expected a string")
ONE_ERROR_TEST(together_array, DOC("{'id': 'a', 'together': ['x']}"),
               ALS_ESCHEMA, "applicants[0].together", "found an array")
ONE_ERROR_TEST(set_number,
               DOCP("'sets': [{'id': 'A'}]", "{'id': 'a', 'set': 1}"),
               ALS_ESCHEMA, "applicants[0].set", "expected a string")

/* ------------------------------------------------------------------ */
/* Wrong types: programme                                              */

ONE_ERROR_TEST(programme_not_object, "{'programme': [4], 'applicants': []}",
               ALS_ESCHEMA, "programme", "expected an object, found an array")
ONE_ERROR_TEST(programme_name_number, DOCP("'name': 1", ""), ALS_ESCHEMA,
               "programme.name", "expected a string")
ONE_ERROR_TEST(days_not_array, DOCP("'days': 'tue'", ""), ALS_ESCHEMA,
               "programme.days", "expected an array, found a string")
ONE_ERROR_TEST(days_element_number, DOCP("'days': ['tue', 3]", ""), ALS_ESCHEMA,
               "programme.days[1]", "expected a string")
ONE_ERROR_TEST(set_size_string,
               "{'programme': {'set_size': '4'}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size", "found a string")
ONE_ERROR_TEST(set_size_min_string,
               "{'programme': {'set_size': {'min': '4', 'max': 4}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.min", "expected a number")
ONE_ERROR_TEST(sets_string, DOCP("'sets': 'A'", ""), ALS_ESCHEMA,
               "programme.sets", "integer cap")
ONE_ERROR_TEST(sets_element_not_object, DOCP("'sets': ['A']", ""), ALS_ESCHEMA,
               "programme.sets[0]", "expected an object")
ONE_ERROR_TEST(fixed_set_id_number, DOCP("'sets': [{'id': 1}]", ""),
               ALS_ESCHEMA, "programme.sets[0].id", "expected a string")
ONE_ERROR_TEST(seniority_levels_string, DOCP("'seniority_levels': 'head'", ""),
               ALS_ESCHEMA, "programme.seniority_levels", "expected an array")
ONE_ERROR_TEST(seniority_levels_element_null,
               DOCP("'seniority_levels': ['a', null]", ""), ALS_ESCHEMA,
               "programme.seniority_levels[1]", "found null")
ONE_ERROR_TEST(rules_array, DOCP("'rules': []", ""), ALS_ESCHEMA,
               "programme.rules", "expected an object, found an array")
ONE_ERROR_TEST(rule_number, DOCP("'rules': {'sector': 1}", ""), ALS_ESCHEMA,
               "programme.rules.sector", "mode name or an object")
ONE_ERROR_TEST(rule_mode_number,
               DOCP("'rules': {'seniority': {'mode': 2}}", ""), ALS_ESCHEMA,
               "programme.rules.seniority.mode", "expected a string")
ONE_ERROR_TEST(rule_weight_string,
               DOCP("'rules': {'sector': {'weight': 'high'}}", ""), ALS_ESCHEMA,
               "programme.rules.sector.weight", "expected a number")
ONE_ERROR_TEST(council_pairs_string,
               DOCP("'rules': {'council_pairs': 'yes'}", ""), ALS_ESCHEMA,
               "programme.rules.council_pairs", "true or false")
ONE_ERROR_TEST(solver_number, DOCP("'solver': 5", ""), ALS_ESCHEMA,
               "programme.solver", "expected an object, found a number")
ONE_ERROR_TEST(solver_seed_string, DOCP("'solver': {'seed': '1'}", ""),
               ALS_ESCHEMA, "programme.solver.seed", "expected a number")
ONE_ERROR_TEST(solver_time_limit_boolean,
               DOCP("'solver': {'time_limit_s': true}", ""), ALS_ESCHEMA,
               "programme.solver.time_limit_s", "found a boolean")
ONE_ERROR_TEST(pairs_not_array, "{" P4 ", 'applicants': [], 'pairs': {}}",
               ALS_ESCHEMA, "pairs", "expected an array")

/* ------------------------------------------------------------------ */
/* Missing required values                                             */

ONE_ERROR_TEST(missing_id, DOC("{'name': 'No Id'}"), ALS_ESCHEMA,
               "applicants[0]", "missing \"id\"")
ONE_ERROR_TEST(empty_id, DOC("{'id': ''}"), ALS_ESCHEMA, "applicants[0].id",
               "empty")
ONE_ERROR_TEST(missing_set_size,
               "{'programme': {'days': ['tue']}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size", "missing")
ONE_ERROR_TEST(set_size_missing_max,
               "{'programme': {'set_size': {'min': 4}}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size", "missing \"max\"")
ONE_ERROR_TEST(missing_programme, "{'applicants': [{'id': 'a'}]}", ALS_ESCHEMA,
               "", "missing \"programme\"")
ONE_ERROR_TEST(missing_applicants, "{" P4 "}", ALS_ESCHEMA, "",
               "missing \"applicants\"")
ONE_ERROR_TEST(fixed_set_missing_id, DOCP("'sets': [{'set_size': 3}]", ""),
               ALS_ESCHEMA, "programme.sets[0]", "missing \"id\"")
ONE_ERROR_TEST(fixed_set_empty_id, DOCP("'sets': [{'id': ''}]", ""),
               ALS_ESCHEMA, "programme.sets[0].id", "non-empty")

/* ------------------------------------------------------------------ */
/* Duplicates                                                          */

static void test_reader__duplicate_ids(void **state)
{
    (void)state;
    /* the message names the first applicant with the id */
    EXPECT_ONE(DOC("{'id': 'a'}, {'id': 'b'}, {'id': 'a'}"), ALS_ESCHEMA,
               "applicants[2].id", "applicants[0]");
    EXPECT_ONE(DOC("{'id': 'x'}, {'id': 'a'}, {'id': 'b'}, {'id': 'a'}"),
               ALS_ESCHEMA, "applicants[3].id", "'a'");
}

ONE_ERROR_TEST(duplicate_day_labels_after_normalisation,
               DOCP("'days': ['Tue', 'wed', ' tue ']", ""), ALS_ESCHEMA,
               "programme.days[2]", "twice")
ONE_ERROR_TEST(duplicate_seniority_level_names,
               DOCP("'seniority_levels': ['Head', 'Chief  Exec', "
                    "'chief exec']",
                    ""),
               ALS_ESCHEMA, "programme.seniority_levels[2]", "twice")
ONE_ERROR_TEST(duplicate_fixed_set_ids,
               DOCP("'sets': [{'id': 'A'}, {'id': 'B'}, {'id': 'A'}]", ""),
               ALS_ESCHEMA, "programme.sets[2].id", "programme.sets[0]")
ONE_ERROR_TEST(duplicate_key_in_applicant,
               DOC("{'id': 'a', 'sector': 'x', 'sector': 'y'}"), ALS_ESCHEMA,
               "applicants[0]", "duplicate key \"sector\"")
ONE_ERROR_TEST(duplicate_key_in_programme,
               "{'programme': {'set_size': 4, 'set_size': 5}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme", "duplicate key \"set_size\"")
ONE_ERROR_TEST(duplicate_key_at_top_level,
               "{" P4 ", 'applicants': [], 'applicants': [{'id': 'a'}]}",
               ALS_ESCHEMA, "", "duplicate key \"applicants\"")
ONE_ERROR_TEST(duplicate_key_in_rule,
               DOCP("'rules': {'sector': {'mode': 'balance', 'mode': "
                    "'ignore'}}",
                    ""),
               ALS_ESCHEMA, "programme.rules.sector", "duplicate key \"mode\"")

static void test_reader__duplicate_key_in_large_object(void **state)
{
    (void)state;
    /* more than 16 keys: the duplicate is still found */
    EXPECT_ONE(DOC("{'id': 'a', 'k01': 1, 'k02': 1, 'k03': 1, 'k04': 1, "
                   "'k05': 1, 'k06': 1, 'k07': 1, 'k08': 1, 'k09': 1, "
                   "'k10': 1, 'k11': 1, 'k12': 1, 'k13': 1, 'k14': 1, "
                   "'k15': 1, 'k16': 1, 'k17': 1, 'priority': 1, "
                   "'priority': 2}"),
               ALS_ESCHEMA, "applicants[0]", "duplicate key \"priority\"");
}

/* in objects the format does not know (ignored keys), at any depth */
ONE_ERROR_TEST(duplicate_key_in_ignored_object,
               DOC("{'id': 'a', 'extra': {'x': 1, 'x': 2}}"), ALS_ESCHEMA,
               "applicants[0].extra", "duplicate key \"x\"")
ONE_ERROR_TEST(duplicate_key_in_ignored_array,
               DOC("{'id': 'a', 'extra': [1, {'y': [], 'y': null}]}"),
               ALS_ESCHEMA, "applicants[0].extra[1]", "duplicate key \"y\"")

static void test_reader__unpaired_surrogate_escape(void **state)
{
    (void)state;
    /* column 26 (25 when first in the string) is the backslash of the
       lone escape */
    EXPECT_AT("{\"programme\": {\"name\": \"a\\ud800b\"}}", ALS_EPARSE, 1, 26,
              "unpaired surrogate");
    EXPECT_AT("{\"programme\": {\"name\": \"\\ud800\\u0041\"}}", ALS_EPARSE, 1,
              25, "unpaired surrogate");
    EXPECT_AT("{\"programme\": {\"name\": \"\\udc00\"}}", ALS_EPARSE, 1, 25,
              "unpaired surrogate");
    EXPECT_AT("{\"programme\": {\"name\": \"\\ud800\"}}", ALS_EPARSE, 1, 25,
              "unpaired surrogate");
}

static void test_reader__escapes_decoded(void **state)
{
    (void)state;
    /* a surrogate pair, a two-byte and a three-byte character, and each
       single-character escape */
    als_problem *p =
        READ_OK(DOC("{'id': 'a', 'name': '\\ud83d\\ude00 \\u00e9\\u20ac "
                    "\\\"\\\\\\/\\b\\f\\n\\r\\t'}"));
    assert_string_equal(als_problem_applicant_name(p, 0),
                        "\xF0\x9F\x98\x80 \xC3\xA9\xE2\x82\xAC "
                        "\"\\/\b\f\n\r\t");
    als_problem_free(p);
}

static void test_reader__numbers_of_any_length(void **state)
{
    (void)state;
    /* longer than the 63 characters cJSON's own parser takes */
    als_problem *p = READ_OK(
        DOC("{'id': 'a', 'priority': "
            "3.000000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000e0}, "
            "{'id': 'b', 'priority': "
            "-1200000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000E-79}, "
            "{'id': 'c', 'priority': 0.25e+2}"));
    assert_int_equal(als_problem_applicant_priority(p, 0), 3);
    assert_int_equal(als_problem_applicant_priority(p, 1), -12);
    assert_int_equal(als_problem_applicant_priority(p, 2), 25);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */

ONE_ERROR_TEST(min_greater_than_max,
               "{'programme': {'set_size': {'min': 5, 'max': 4}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size", "greater than max")
ONE_ERROR_TEST(min_zero,
               "{'programme': {'set_size': {'min': 0, 'max': 4}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.min", "out of range")
ONE_ERROR_TEST(max_1001,
               "{'programme': {'set_size': {'min': 4, 'max': 1001}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.max", "out of range")
ONE_ERROR_TEST(set_size_integer_zero,
               "{'programme': {'set_size': 0}, 'applicants': []}", ALS_ESCHEMA,
               "programme.set_size", "out of range")
ONE_ERROR_TEST(fixed_set_min_greater_than_max,
               DOCP("'sets': [{'id': 'A', 'set_size': {'min': 6, 'max': 5}}]",
                    ""),
               ALS_ESCHEMA, "programme.sets[0].set_size", "greater than max")
ONE_ERROR_TEST(priority_not_integer, DOC("{'id': 'a', 'priority': 1.5}"),
               ALS_ESCHEMA, "applicants[0].priority", "integer")
ONE_ERROR_TEST(min_not_integer,
               "{'programme': {'set_size': {'min': 4.5, 'max': 6}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.min", "integer")
ONE_ERROR_TEST(number_not_finite, DOC("{'id': 'a', 'priority': 1e400}"),
               ALS_ESCHEMA, "applicants[0].priority", "not finite")
ONE_ERROR_TEST(number_out_of_range, DOC("{'id': 'a', 'priority': 1e300}"),
               ALS_ESCHEMA, "applicants[0].priority", "out of range")
ONE_ERROR_TEST(priority_beyond_limit,
               DOC("{'id': 'a', 'priority': -1000000001}"), ALS_ESCHEMA,
               "applicants[0].priority", "out of range")
ONE_ERROR_TEST(time_limit_negative, DOCP("'solver': {'time_limit_s': -1}", ""),
               ALS_ESCHEMA, "programme.solver.time_limit_s", "> 0")
ONE_ERROR_TEST(time_limit_zero, DOCP("'solver': {'time_limit_s': 0}", ""),
               ALS_ESCHEMA, "programme.solver.time_limit_s", "> 0")
ONE_ERROR_TEST(seed_negative, DOCP("'solver': {'seed': -1}", ""), ALS_ESCHEMA,
               "programme.solver.seed", "out of range")
ONE_ERROR_TEST(seed_not_integer, DOCP("'solver': {'seed': 2.5}", ""),
               ALS_ESCHEMA, "programme.solver.seed", "integer")
ONE_ERROR_TEST(rule_weight_negative,
               DOCP("'rules': {'sector': {'mode': 'balance', 'weight': -1}}",
                    ""),
               ALS_ESCHEMA, "programme.rules.sector.weight", "weight")
ONE_ERROR_TEST(rule_weight_not_finite,
               DOCP("'rules': {'seniority': {'weight': 1e999}}", ""),
               ALS_ESCHEMA, "programme.rules.seniority.weight", "not finite")
ONE_ERROR_TEST(max_spread_out_of_range,
               DOCP("'rules': {'seniority': {'max_spread': 1001}}", ""),
               ALS_ESCHEMA, "programme.rules.seniority.max_spread",
               "out of range")
ONE_ERROR_TEST(max_spread_not_integer,
               DOCP("'rules': {'seniority': {'max_spread': 0.5}}", ""),
               ALS_ESCHEMA, "programme.rules.seniority.max_spread", "integer")
ONE_ERROR_TEST(seniority_1001, DOC("{'id': 'a', 'seniority': 1001}"),
               ALS_ESCHEMA, "applicants[0].seniority", "out of range")
ONE_ERROR_TEST(seniority_negative, DOC("{'id': 'a', 'seniority': -1}"),
               ALS_ESCHEMA, "applicants[0].seniority", "out of range")
ONE_ERROR_TEST(sets_cap_zero, DOCP("'sets': 0", ""), ALS_ESCHEMA,
               "programme.sets", "out of range")
ONE_ERROR_TEST(sets_cap_not_integer, DOCP("'sets': 2.5", ""), ALS_ESCHEMA,
               "programme.sets", "integer")

/* ------------------------------------------------------------------ */
/* References to what is not defined                                   */

static void test_reader__day_not_in_programme_days(void **state)
{
    (void)state;
    /* close to a defined day: did-you-mean */
    EXPECT_ONE(DOCP("'days': ['tue', 'thu']",
                    "{'id': 'a', 'availability': ['tue', 'thur']}"),
               ALS_ESCHEMA, "applicants[0].availability[1]",
               "did you mean 'thu'");
    /* not close to any: no suggestion */
    char *json = dq(DOCP("'days': ['tue', 'thu']",
                         "{'id': 'a', 'availability': ['saturday']}"));
    als_diag *d = new_diag();
    als_problem *p = NULL;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), d, NULL),
                     ALS_ESCHEMA);
    assert_null(p);
    const als_error *e =
        find_entry(d, ALS_SEV_ERROR, "applicants[0].availability[0]",
                   "not one of programme.days");
    assert_non_null(e);
    assert_null(strstr(e->message, "did you mean"));
    als_diag_free(d);
    free(json);
}

ONE_ERROR_TEST(availability_without_programme_days,
               DOC("{'id': 'a', 'availability': ['tue']}"), ALS_ESCHEMA,
               "applicants[0].availability[0]", "no \"days\"")
ONE_ERROR_TEST(seniority_name_not_defined,
               DOCP("'seniority_levels': ['officer', 'manager', 'head']",
                    "{'id': 'a', 'seniority': 'manger'}"),
               ALS_ESCHEMA, "applicants[0].seniority", "did you mean 'manager'")
ONE_ERROR_TEST(seniority_name_without_levels,
               DOC("{'id': 'a', 'seniority': 'head'}"), ALS_ESCHEMA,
               "applicants[0].seniority", "seniority_levels")
ONE_ERROR_TEST(apart_id_not_defined,
               DOC("{'id': 'a', 'apart': ['b', 'zz']}, {'id': 'b'}"),
               ALS_ESCHEMA, "applicants[0].apart[1]", "'zz'")
ONE_ERROR_TEST(apart_to_itself, DOC("{'id': 'b'}, {'id': 'a', 'apart': ['a']}"),
               ALS_ESCHEMA, "applicants[1].apart[0]", "itself")
ONE_ERROR_TEST(pinned_set_not_defined,
               DOCP("'sets': [{'id': 'A'}, {'id': 'B'}]",
                    "{'id': 'a', 'set': 'A'}, {'id': 'b', 'set': 'C'}"),
               ALS_ESCHEMA, "applicants[1].set", "not one of programme.sets")

/*
 * Without fixed sets (none, or only a cap), a pin names a set of the
 * previous allocation of a re-run (docs/FORMAT.md section 4), which the cohort
 * alone cannot know: it is read, resolved when a re-run is solved, and the
 * warnings say so. It is still an id: 1 to 256 bytes.
 */
static void test_reader__pinned_set_without_fixed_sets(void **state)
{
    (void)state;
    static const char *const docs[] = {
        DOC("{'id': 'a', 'set': 'A'}, {'id': 'b'}"),
        DOCP("'sets': 3", "{'id': 'a', 'set': 'S1'}, {'id': 'b'}"),
        DOCP("'sets': []", "{'id': 'a', 'set': 'X'}, {'id': 'b'}")};
    static const char *const ids[] = {"'A'", "'S1'", "'X'"};
    for (size_t k = 0; k < 3; k++) {
        als_problem *p = READ_OK(docs[k]);
        assert_int_equal(als_problem_fixed_set_count(p), 0);
        /* not a fixed set */
        assert_int_equal(als_problem_applicant_pin(p, 0), (size_t)-1);
        als_diag *d = new_diag();
        assert_int_equal(als_problem_warnings(p, d, NULL), ALS_OK);
        const als_error *w =
            find_entry(d, ALS_SEV_WARNING, "applicants[0].set", ids[k]);
        if (!w)
            dump_diag(d);
        assert_non_null(w);
        assert_non_null(strstr(w->message, "previous allocation"));
        /* b is not pinned: no warning for b */
        assert_null(find_entry(d, ALS_SEV_WARNING, "applicants[1].set", NULL));
        als_diag_free(d);
        als_problem_free(p);
    }
    /* a withdrawn applicant's pin is not worth a warning */
    als_problem *p =
        READ_OK(DOC("{'id': 'a', 'set': 'A', 'withdrawn': true}, {'id': 'b'}"));
    als_diag *d = new_diag();
    assert_int_equal(als_problem_warnings(p, d, NULL), ALS_OK);
    assert_null(find_entry(d, ALS_SEV_WARNING, "applicants[0].set", NULL));
    als_diag_free(d);
    als_problem_free(p);
}

static void test_reader__pinned_set_id_without_fixed_sets_checked(void **state)
{
    (void)state;
    EXPECT_ONE(DOC("{'id': 'a', 'set': ''}"), ALS_ESCHEMA, "applicants[0].set",
               "empty");
    char *id = repeat('s', ALS_MAX_ID_BYTES + 1);
    char *doc = fmt(DOC("{'id': 'a', 'set': '%s'}"), id);
    bool ok = error_ok_sq(doc, ALS_ELIMIT, "applicants[0].set", "256", true);
    free(doc);
    free(id);
    assert_true(ok);
    /* 256 bytes is an id */
    id = repeat('s', ALS_MAX_ID_BYTES);
    doc = fmt(DOC("{'id': 'a', 'set': '%s'}"), id);
    als_problem *p = READ_OK(doc);
    free(doc);
    free(id);
    als_problem_free(p);
    /* with fixed sets, a pin must still name one of them */
    EXPECT_ONE(DOCP("'sets': [{'id': 'A'}]", "{'id': 'a', 'set': 'S1'}"),
               ALS_ESCHEMA, "applicants[0].set", "not one of programme.sets");
}

/* Pins in one unit agree, whatever they name. */
ONE_ERROR_TEST(pins_to_previous_sets_disagree_within_a_unit,
               DOC("{'id': 'a', 'together': 'x', 'set': 'S1'}, "
                   "{'id': 'b', 'together': 'x', 'set': 'S1'}, "
                   "{'id': 'c', 'together': 'x', 'set': 'S2'}"),
               ALS_ESCHEMA, "applicants[2].set", "pinned to set 'S2'")
ONE_ERROR_TEST(fixed_set_day_not_defined,
               DOCP("'days': ['tue'], 'sets': [{'id': 'A', 'day': 'wed'}]", ""),
               ALS_ESCHEMA, "programme.sets[0].day", "not one of")
ONE_ERROR_TEST(fixed_set_day_without_days,
               DOCP("'sets': [{'id': 'A'}, {'id': 'B', 'day': 'tue'}]", ""),
               ALS_ESCHEMA, "programme.sets[1].day", "no \"days\"")

static void test_reader__a_bad_programme_entry_is_one_error(void **state)
{
    (void)state;
    /* a defect in programme.days, programme.sets or seniority_levels is
       reported once, at its place; the applicants that refer to the
       entries must not be told that the programme defines none */
    bool days = error_ok_sq(
        DOCP("'days': ['tue', 5]", "{'id': 'a', 'availability': ['tue']}"),
        ALS_ESCHEMA, "programme.days[1]", NULL, true);
    bool sets = error_ok_sq(
        DOCP("'sets': [{'id': 'A', 'day': 5}]", "{'id': 'a', 'set': 'A'}"),
        ALS_ESCHEMA, "programme.sets[0].day", NULL, true);
    bool levels =
        error_ok_sq(DOCP("'seniority_levels': ['head', 5]",
                         "{'id': 'a', 'seniority': 'head'}"),
                    ALS_ESCHEMA, "programme.seniority_levels[1]", NULL, true);
    assert_true(days);
    assert_true(sets);
    assert_true(levels);
}

/* ------------------------------------------------------------------ */
/* Units                                                               */

ONE_ERROR_TEST(unit_larger_than_max_via_together,
               "{'programme': {'set_size': {'min': 1, 'max': 2}}, "
               "'applicants': [{'id': 'a'}, {'id': 'b', 'together': 'x'}, "
               "{'id': 'c', 'together': 'X'}, {'id': 'd', 'together': 'x'}]}",
               ALS_ESCHEMA, "applicants[1].together", "larger")
ONE_ERROR_TEST(unit_larger_than_max_via_council_pair,
               "{'programme': {'set_size': 1}, 'applicants': ["
               "{'id': 'a', 'council': 'Leeds', 'role': 'officer'}, "
               "{'id': 'b', 'council': 'leeds', 'role': 'councillor'}]}",
               ALS_ESCHEMA, "applicants[0].council", "larger")
ONE_ERROR_TEST(unit_larger_than_its_pinned_set,
               DOCP("'sets': [{'id': 'A', 'set_size': {'min': 1, 'max': 2}}, "
                    "{'id': 'B'}]",
                    "{'id': 'a', 'together': 't', 'set': 'A'}, "
                    "{'id': 'b', 'together': 't'}, "
                    "{'id': 'c', 'together': 't'}"),
               ALS_ESCHEMA, "applicants[0].together", "max 2")
ONE_ERROR_TEST(apart_inside_a_unit,
               DOC("{'id': 'a', 'together': 'x'}, "
                   "{'id': 'b', 'together': 'x', 'apart': ['a']}"),
               ALS_ESCHEMA, "applicants[1].apart[0]", "one unit")
ONE_ERROR_TEST(pins_disagree_within_a_unit,
               DOCP("'sets': [{'id': 'A'}, {'id': 'B'}]",
                    "{'id': 'a', 'together': 'x', 'set': 'A'}, "
                    "{'id': 'b'}, "
                    "{'id': 'c', 'together': 'x', 'set': 'B'}"),
               ALS_ESCHEMA, "applicants[2].set", "pinned to set 'B'")

static void test_reader__withdrawn_applicants_do_not_join_units(void **state)
{
    (void)state;
    /* three together in sets of at most 2 is an error ... */
    EXPECT_ONE("{'programme': {'set_size': {'min': 1, 'max': 2}}, "
               "'applicants': [{'id': 'a', 'together': 'x'}, "
               "{'id': 'b', 'together': 'x'}, {'id': 'c', 'together': 'x'}]}",
               ALS_ESCHEMA, "applicants[0].together", "larger");
    /* ... but not when one of them has withdrawn */
    als_problem *p =
        READ_OK("{'programme': {'set_size': {'min': 1, 'max': 2}}, "
                "'applicants': [{'id': 'a', 'together': 'x'}, "
                "{'id': 'b', 'together': 'x', 'withdrawn': true}, "
                "{'id': 'c', 'together': 'x'}]}");
    assert_int_equal(als_problem_unit_count(p), 1);
    assert_int_equal(als_problem_unit_size(p, 0), 2);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Unknown keys                                                        */

ONE_ERROR_TEST(unknown_programme_key, DOCP("'seniority_level': ['a', 'b']", ""),
               ALS_ESCHEMA, "programme.seniority_level",
               "did you mean \"seniority_levels\"")
ONE_ERROR_TEST(unknown_programme_key_without_suggestion,
               DOCP("'colour': 'blue'", ""), ALS_ESCHEMA, "programme.colour",
               "unknown key \"colour\"")
ONE_ERROR_TEST(unknown_rules_key,
               DOCP("'rules': {'organization': 'ignore'}", ""), ALS_ESCHEMA,
               "programme.rules.organization", "did you mean \"organisation\"")
ONE_ERROR_TEST(unknown_rule_object_key,
               DOCP("'rules': {'sector': {'mode': 'balance', 'wieght': 2}}",
                    ""),
               ALS_ESCHEMA, "programme.rules.sector.wieght",
               "did you mean \"weight\"")
ONE_ERROR_TEST(max_spread_only_in_the_seniority_rule,
               DOCP("'rules': {'organisation': {'mode': 'distinct', "
                    "'max_spread': 1}}",
                    ""),
               ALS_ESCHEMA, "programme.rules.organisation.max_spread",
               "unknown key")
ONE_ERROR_TEST(unknown_solver_key, DOCP("'solver': {'time_limit': 5}", ""),
               ALS_ESCHEMA, "programme.solver.time_limit",
               "did you mean \"time_limit_s\"")
ONE_ERROR_TEST(unknown_set_size_key,
               "{'programme': {'set_size': {'min': 4, 'max': 4, 'mx': 5}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.mx", "did you mean \"max\"")
ONE_ERROR_TEST(unknown_fixed_set_key,
               DOCP("'sets': [{'id': 'A', 'days': 'tue'}]", ""), ALS_ESCHEMA,
               "programme.sets[0].days", "did you mean \"day\"")
ONE_ERROR_TEST(unknown_top_level_key, "{" P4 ", 'applicants': [], 'pair': []}",
               ALS_ESCHEMA, "pair", "did you mean \"pairs\"")

static void test_reader__unknown_applicant_key_is_ignored(void **state)
{
    (void)state;
    als_diag *d = new_diag();
    als_problem *p = READ_OK_DIAG(
        DOC("{'id': 'a', 'hobby': 'chess', 'email': 'a@example.org'}"), d);
    assert_int_equal(als_diag_count(d), 0);
    assert_int_equal(als_problem_applicant_count(p), 1);
    als_problem_free(p);
    als_diag_free(d);
}

static void test_reader__misspelt_applicant_key_warns(void **state)
{
    (void)state;
    als_diag *d = new_diag();
    als_problem *p =
        READ_OK_DIAG(DOC("{'id': 'a', 'organization': 'Leeds City Council'}, "
                         "{'id': 'b', 'organisation': 'Leeds City Council'}"),
                     d);
    assert_int_equal(als_diag_errors(d), 0);
    const als_error *w =
        find_entry(d, ALS_SEV_WARNING, "applicants[0].organization",
                   "did you mean \"organisation\"");
    if (!w)
        dump_diag(d);
    assert_non_null(w);
    assert_int_equal(als_diag_count(d), 1);
    /* the misspelt key is not taken for the real one */
    assert_null(als_problem_applicant_organisation(p, 0));
    assert_string_equal(als_problem_applicant_organisation(p, 1),
                        "Leeds City Council");
    als_problem_free(p);
    als_diag_free(d);
}

/* ------------------------------------------------------------------ */
/* Modes                                                               */

ONE_ERROR_TEST(unknown_mode_with_suggestion,
               DOCP("'rules': {'organisation': 'distinct_ish'}", ""),
               ALS_ESCHEMA, "programme.rules.organisation",
               "did you mean \"distinct\"")
ONE_ERROR_TEST(unknown_mode_typo_with_suggestion,
               DOCP("'rules': {'organisation': 'prefer_distnict'}", ""),
               ALS_ESCHEMA, "programme.rules.organisation",
               "did you mean \"prefer_distinct\"")
ONE_ERROR_TEST(unknown_mode_in_rule_object,
               DOCP("'rules': {'sector': {'mode': 'balanse'}}", ""),
               ALS_ESCHEMA, "programme.rules.sector.mode",
               "did you mean \"balance\"")
ONE_ERROR_TEST(unknown_mode_lists_the_modes,
               DOCP("'rules': {'seniority': 'random'}", ""), ALS_ESCHEMA,
               "programme.rules.seniority", "similar, mixed, ignore")
ONE_ERROR_TEST(unknown_method, DOCP("'solver': {'method': 'exakt'}", ""),
               ALS_ESCHEMA, "programme.solver.method", "did you mean \"exact\"")
ONE_ERROR_TEST(unknown_method_without_suggestion,
               DOCP("'solver': {'method': 'genetic'}", ""), ALS_ESCHEMA,
               "programme.solver.method", "\"genetic\"")

/* ------------------------------------------------------------------ */
/* Pairs                                                               */

#define TWO "{'id': 'a'}, {'id': 'b'}"
#define PAIRS(list) "{" P4 ", 'applicants': [" TWO "], 'pairs': [" list "]}"

ONE_ERROR_TEST(pair_id_not_defined, PAIRS("{'a': 'a', 'b': 'zz', 'weight': 1}"),
               ALS_ESCHEMA, "pairs[0].b", "'zz'")
ONE_ERROR_TEST(pair_with_itself, PAIRS("{'a': 'b', 'b': 'b', 'weight': 1}"),
               ALS_ESCHEMA, "pairs[0]", "two different")
ONE_ERROR_TEST(pair_listed_twice_in_both_orders,
               PAIRS("{'a': 'a', 'b': 'b', 'weight': 1}, "
                     "{'a': 'b', 'b': 'a', 'weight': 2}"),
               ALS_ESCHEMA, "pairs[1]", "pairs[0]")
ONE_ERROR_TEST(pair_missing_weight, PAIRS("{'a': 'a', 'b': 'b'}"), ALS_ESCHEMA,
               "pairs[0]", "missing \"weight\"")
ONE_ERROR_TEST(pair_missing_id, PAIRS("{'b': 'b', 'weight': 1}"), ALS_ESCHEMA,
               "pairs[0]", "missing \"a\"")
ONE_ERROR_TEST(pair_weight_not_finite,
               PAIRS("{'a': 'a', 'b': 'b', 'weight': -1e400}"), ALS_ESCHEMA,
               "pairs[0].weight", "not finite")
ONE_ERROR_TEST(pair_not_object, PAIRS("['a', 'b', 1]"), ALS_ESCHEMA, "pairs[0]",
               "expected an object")
ONE_ERROR_TEST(unknown_pair_key,
               PAIRS("{'a': 'a', 'b': 'b', 'weight': 1, 'wieght': 2}"),
               ALS_ESCHEMA, "pairs[0].wieght", "did you mean \"weight\"")
ONE_ERROR_TEST(pair_id_number, PAIRS("{'a': 1, 'b': 'b', 'weight': 1}"),
               ALS_ESCHEMA, "pairs[0].a", "expected a string")

static void test_reader__pair_errors_keep_document_numbering(void **state)
{
    (void)state;
    /* a pair rejected for its weight must not shift the index of the pairs
       after it */
    EXPECT_ERROR(PAIRS("{'a': 'a', 'b': 'b', 'weight': 'x'}, "
                       "{'a': 'a', 'b': 'zz', 'weight': 1}"),
                 ALS_ESCHEMA, "pairs[1].b", "'zz'");
    /* a finite weight beyond the limit (|w| <= 1e12) */
    EXPECT_ERROR(PAIRS("{'a': 'a', 'b': 'b', 'weight': 1e13}, "
                       "{'a': 'a', 'b': 'zz', 'weight': 1}"),
                 ALS_ESCHEMA, "pairs[1].b", "'zz'");
}

/* ------------------------------------------------------------------ */
/* format and limits                                                   */

ONE_ERROR_TEST(format_wrong_value,
               "{'format': 'als-cohort/2', " P4 ", 'applicants': []}",
               ALS_ESCHEMA, "format", "als-cohort/1")
ONE_ERROR_TEST(format_allocation_given_as_cohort,
               "{'format': 'als-allocation/1', " P4 ", 'applicants': []}",
               ALS_ESCHEMA, "format", "als-allocation/1")
ONE_ERROR_TEST(format_number, "{'format': 1, " P4 ", 'applicants': []}",
               ALS_ESCHEMA, "format", "expected a string")

static void test_reader__id_longer_than_256_bytes(void **state)
{
    (void)state;
    char *id = repeat('x', ALS_MAX_ID_BYTES + 1);
    bool ok = one_error_owned(fmt(DOC("{'id': '%s'}"), id), ALS_ELIMIT,
                              "applicants[0].id", "256");
    /* 256 bytes is allowed */
    id[ALS_MAX_ID_BYTES] = '\0';
    als_problem *p = read_owned(fmt(DOC("{'id': '%s'}"), id));
    size_t found = als_problem_find(p, id);
    als_problem_free(p);
    free(id);
    assert_true(ok);
    assert_non_null(p);
    assert_int_equal(found, 0);
}

static void test_reader__label_longer_than_1024_bytes(void **state)
{
    (void)state;
    char *label = repeat('o', ALS_MAX_LABEL_BYTES + 1);
    bool ok = true;
    ok &= one_error_owned(fmt(DOC("{'id': 'a', 'organisation': '%s'}"), label),
                          ALS_ELIMIT, "applicants[0].organisation", "1024");
    ok &= one_error_owned(fmt(DOC("{'id': 'a', 'sector': '%s'}"), label),
                          ALS_ELIMIT, "applicants[0].sector", "1024");
    ok &= one_error_owned(fmt(DOCP("'days': ['tue', '%s']", ""), label),
                          ALS_ELIMIT, "programme.days[1]", "1024");
    ok &= one_error_owned(fmt(DOCP("'seniority_levels': ['%s']", ""), label),
                          ALS_ELIMIT, "programme.seniority_levels[0]", "1024");
    /* 1024 bytes is allowed */
    label[ALS_MAX_LABEL_BYTES] = '\0';
    als_problem *p =
        read_owned(fmt(DOC("{'id': 'a', 'organisation': '%s'}"), label));
    const char *org = als_problem_applicant_organisation(p, 0);
    bool same = org && strcmp(org, label) == 0;
    als_problem_free(p);
    free(label);
    assert_true(ok);
    assert_true(same);
}

static void test_reader__name_longer_than_1024_bytes(void **state)
{
    (void)state;
    /* ALS_MAX_LABEL_BYTES bounds "any other string" (als.h), names too */
    char *name = repeat('n', ALS_MAX_LABEL_BYTES + 1);
    bool ok = one_error_owned(fmt(DOC("{'id': 'a', 'name': '%s'}"), name),
                              ALS_ELIMIT, "applicants[0].name", "1024");
    free(name);
    assert_true(ok);
}

static void test_reader__more_than_64_days(void **state)
{
    (void)state;
    size_t cap = 8 * (ALS_MAX_DAYS + 1) + 64;
    char *days = malloc(cap);
    assert_non_null(days);
    size_t n = 0;
    for (unsigned d = 0; d <= ALS_MAX_DAYS; d++)
        n += (size_t)snprintf(days + n, cap - n, "%s'd%u'", d ? ", " : "", d);
    bool ok = one_error_owned(fmt(DOCP("'days': [%s]", ""), days), ALS_ELIMIT,
                              "programme.days", "64");
    free(days);
    assert_true(ok);
}

/* ------------------------------------------------------------------ */
/* Many errors at once                                                 */

static void test_reader__several_errors_are_all_reported(void **state)
{
    (void)state;
    char *json = dq("{'programme': {'set_size': {'min': 5, 'max': 4}, "
                    "  'days': ['tue'], 'solver': {'seed': -1}},"
                    " 'applicants': ["
                    "  {'id': 'a', 'availability': ['wed']},"
                    "  {'id': 'a'},"
                    "  {'id': 'c', 'priority': 1.5},"
                    "  {'id': 'd', 'apart': ['zz']}]}");
    als_diag *d = new_diag();
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), d, &err),
                     ALS_ESCHEMA);
    assert_null(p);
    static const char *const paths[] = {"programme.set_size",
                                        "programme.solver.seed",
                                        "applicants[0].availability[0]",
                                        "applicants[1].id",
                                        "applicants[2].priority",
                                        "applicants[3].apart[0]"};
    bool all = true;
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++)
        if (!find_entry(d, ALS_SEV_ERROR, paths[k], NULL)) {
            print_error("no error at %s\n", paths[k]);
            all = false;
        }
    if (!all)
        dump_diag(d);
    assert_true(all);
    assert_true(als_diag_errors(d) >= 6);
    assert_int_equal(als_diag_total(d), als_diag_count(d));
    /* err is the first error reported */
    assert_memory_equal(&err, als_diag_get(d, 0), sizeof err);
    als_diag_free(d);
    free(json);
}

static void test_reader__error_cap(void **state)
{
    (void)state;
    size_t cap = 150 * 48 + 128;
    char *apps = malloc(cap);
    assert_non_null(apps);
    size_t n = 0;
    for (int i = 0; i < 150; i++)
        n += (size_t)snprintf(apps + n, cap - n,
                              "%s{'id': 'p%d', 'priority': 'x'}", i ? ", " : "",
                              i);
    char *doc = fmt(DOC("%s"), apps);
    char *json = dq(doc);
    als_diag *d = new_diag();
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), d, &err),
                     ALS_ESCHEMA);
    assert_null(p);
    assert_int_equal(als_diag_count(d), ALS_DIAG_CAP);
    assert_int_equal(als_diag_errors(d), ALS_DIAG_CAP);
    assert_true(als_diag_total(d) >= 150);
    assert_null(als_diag_get(d, ALS_DIAG_CAP));
    /* the first error goes to err */
    assert_int_equal(err.code, ALS_ESCHEMA);
    assert_string_equal(err.path, "applicants[0].priority");
    assert_string_equal(als_diag_get(d, 99)->path, "applicants[99].priority");
    als_diag_clear(d);
    assert_int_equal(als_diag_count(d), 0);
    assert_int_equal(als_diag_total(d), 0);
    als_diag_free(d);
    free(json);
    free(doc);
    free(apps);
}

/* ------------------------------------------------------------------ */
/* Valid documents                                                     */

static void test_reader__defaults(void **state)
{
    (void)state;
    als_problem *p = READ_OK("{'programme': {'set_size': {'min': 3, "
                             "'max': 5}}, 'applicants': [{'id': 'a'}]}");
    int min = 0, max = 0, spread = 0;
    double w = 0;
    als_problem_set_size(p, &min, &max);
    assert_int_equal(min, 3);
    assert_int_equal(max, 5);
    assert_string_equal(als_problem_name(p), "");
    assert_int_equal(als_problem_day_count(p), 0);
    assert_int_equal(als_problem_level_name_count(p), 0);
    assert_int_equal(als_problem_fixed_set_count(p), 0);
    assert_int_equal(als_problem_max_sets(p), ALS_NONE);
    assert_int_equal(als_problem_org_mode(p, &w), ALS_ORG_DISTINCT);
    assert_true(w == 1.0);
    w = 0;
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_BALANCE);
    assert_true(w == 1.0);
    w = 0;
    assert_int_equal(als_problem_seniority_mode(p, &w, &spread),
                     ALS_SENIORITY_SIMILAR);
    assert_true(w == 1.0);
    assert_int_equal(spread, ALS_NONE);
    assert_int_equal(als_problem_council_pairs(p), 1);
    assert_int_equal(als_problem_pair_count(p), 0);
    /* solver defaults: no public accessor, read from the problem */
    assert_int_equal(p->method, ALS_METHOD_AUTO);
    assert_true(p->time_limit_s == 10.0);
    assert_int_equal(p->seed, 1);
    /* applicant defaults */
    assert_int_equal(als_problem_applicant_count(p), 1);
    assert_int_equal(als_problem_active_count(p), 1);
    assert_null(als_problem_applicant_name(p, 0));
    assert_null(als_problem_applicant_organisation(p, 0));
    assert_null(als_problem_applicant_sector(p, 0));
    assert_null(als_problem_applicant_council(p, 0));
    assert_null(als_problem_applicant_role(p, 0));
    assert_int_equal(als_problem_applicant_level(p, 0), ALS_NONE);
    assert_int_equal(als_problem_applicant_priority(p, 0), 0);
    assert_int_equal(als_problem_applicant_withdrawn(p, 0), 0);
    assert_int_equal(als_problem_applicant_pin(p, 0), (size_t)-1);
    assert_int_equal(als_problem_applicant_unit(p, 0), 0);
    assert_int_equal(als_problem_unit_count(p), 1);
    als_problem_free(p);
}

static void test_reader__everything_given(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        "{'format': 'als-cohort/1', 'programme': {"
        "  'name': 'Spring VALS', 'days': ['Tue', 'thu'],"
        "  'set_size': {'min': 4, 'max': 6},"
        "  'seniority_levels': ['officer', 'manager', 'head'],"
        "  'rules': {'organisation': {'mode': 'prefer_distinct', "
        "'weight': 2.5},"
        "    'sector': {'mode': 'ignore', 'weight': 0},"
        "    'seniority': {'mode': 'mixed', 'weight': 3, 'max_spread': 2},"
        "    'council_pairs': false},"
        "  'solver': {'method': 'heuristic', 'time_limit_s': 2.5, "
        "'seed': 9007199254740992}},"
        " 'applicants': ["
        "  {'id': 'p01', 'name': 'A. Person', 'organisation': 'Org',"
        "   'sector': 'public', 'seniority': 'Manager',"
        "   'availability': ['thu'], 'council': 'Leeds', 'role': 'officer',"
        "   'together': 't', 'apart': ['p02'], 'priority': -7,"
        "   'withdrawn': false},"
        "  {'id': 'p02', 'seniority': 2, 'priority': 1000000000}]}");
    assert_string_equal(als_problem_name(p), "Spring VALS");
    assert_int_equal(als_problem_day_count(p), 2);
    assert_string_equal(als_problem_day(p, 0), "Tue");
    assert_string_equal(als_problem_day(p, 1), "thu");
    assert_null(als_problem_day(p, 2));
    assert_int_equal(als_problem_level_name_count(p), 3);
    assert_string_equal(als_problem_level_name(p, 2), "head");
    assert_null(als_problem_level_name(p, 3));
    double w;
    int spread;
    assert_int_equal(als_problem_org_mode(p, &w), ALS_ORG_PREFER_DISTINCT);
    assert_true(w == 2.5);
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_IGNORE);
    assert_true(w == 0.0);
    assert_int_equal(als_problem_seniority_mode(p, &w, &spread),
                     ALS_SENIORITY_MIXED);
    assert_true(w == 3.0);
    assert_int_equal(spread, 2);
    assert_int_equal(als_problem_council_pairs(p), 0);
    assert_int_equal(p->method, ALS_METHOD_HEURISTIC);
    assert_true(p->time_limit_s == 2.5);
    assert_true(p->seed == 9007199254740992ULL);
    assert_string_equal(als_problem_applicant_id(p, 0), "p01");
    assert_string_equal(als_problem_applicant_name(p, 0), "A. Person");
    assert_string_equal(als_problem_applicant_organisation(p, 0), "Org");
    assert_string_equal(als_problem_applicant_sector(p, 0), "public");
    assert_string_equal(als_problem_applicant_council(p, 0), "Leeds");
    assert_string_equal(als_problem_applicant_role(p, 0), "officer");
    assert_int_equal(als_problem_applicant_level(p, 0), 1);
    assert_int_equal(als_problem_applicant_level(p, 1), 2);
    assert_int_equal(als_problem_applicant_priority(p, 0), -7);
    assert_int_equal(als_problem_applicant_priority(p, 1), 1000000000);
    assert_int_equal(als_problem_applicant_available(p, 0, 0), 0);
    assert_int_equal(als_problem_applicant_available(p, 0, 1), 1);
    /* no availability given: every day */
    assert_int_equal(als_problem_applicant_available(p, 1, 0), 1);
    assert_int_equal(als_problem_applicant_available(p, 1, 1), 1);
    assert_int_equal(als_problem_find(p, "p02"), 1);
    assert_int_equal(als_problem_find(p, "P02"), (size_t)-1);
    assert_int_equal(als_problem_find(p, "nobody"), (size_t)-1);
    assert_null(als_problem_applicant_id(p, 2));
    als_problem_free(p);
}

static void test_reader__set_size_single_integer(void **state)
{
    (void)state;
    als_problem *p = READ_OK("{'programme': {'set_size': 5}, "
                             "'applicants': []}");
    int min = 0, max = 0;
    als_problem_set_size(p, &min, &max);
    assert_int_equal(min, 5);
    assert_int_equal(max, 5);
    assert_int_equal(als_problem_applicant_count(p), 0);
    assert_int_equal(als_problem_unit_count(p), 0);
    als_problem_free(p);
}

/* set_size.floor: given, defaulted, and its errors. */
static void test_reader__set_size_floor(void **state)
{
    (void)state;
    als_problem *p = READ_OK("{'programme': {'set_size': {'min': 8, 'max': "
                             "12, 'floor': 3}, 'sets': [{'id': 'A', "
                             "'set_size': {'min': 2, 'max': 4}}]}, "
                             "'applicants': []}");
    assert_int_equal(als_problem_set_size_floor(p, -1), 3);
    assert_int_equal(als_problem_set_size_floor(p, 0), 2); /* its min */
    assert_int_equal(als_problem_set_size_floor(p, 1), 0); /* no such set */
    als_problem_free(p);
    /* the default: half the minimum rounded up, at least 2, at most min */
    static const int mins[] = {1, 2, 3, 4, 7, 8};
    static const int floors[] = {1, 2, 2, 2, 4, 4};
    for (size_t k = 0; k < 6; k++) {
        char doc[128];
        snprintf(doc, sizeof doc,
                 "{'programme': {'set_size': {'min': %d, 'max': 12}}, "
                 "'applicants': []}",
                 mins[k]);
        p = READ_OK(doc);
        assert_int_equal(als_problem_set_size_floor(p, -1), floors[k]);
        als_problem_free(p);
    }
}
ONE_ERROR_TEST(set_size_floor_above_min,
               "{'programme': {'set_size': {'min': 4, 'max': 4, 'floor': 5}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.floor", "greater than min")
ONE_ERROR_TEST(set_size_floor_zero,
               "{'programme': {'set_size': {'min': 4, 'max': 4, 'floor': 0}}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.floor", "")
ONE_ERROR_TEST(fixed_set_size_floor,
               "{'programme': {'set_size': 4, 'sets': [{'id': 'A', "
               "'set_size': {'min': 4, 'max': 4, 'floor': 2}}]}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.sets[0].set_size.floor", "")

/* set_size.target: given, absent, brought within a fixed set's sizes. */
static void test_reader__set_size_target(void **state)
{
    (void)state;
    als_problem *p = READ_OK("{'programme': {'set_size': {'min': 8, 'max': "
                             "12, 'target': 10}, 'sets': [{'id': 'A', "
                             "'set_size': {'min': 4, 'max': 6}}, {'id': "
                             "'B'}]}, 'applicants': []}");
    assert_int_equal(als_problem_set_size_target(p, -1), 10);
    assert_int_equal(als_problem_set_size_target(p, 0), 6); /* its max */
    assert_int_equal(als_problem_set_size_target(p, 1), 10);
    assert_int_equal(als_problem_set_size_target(p, 2), ALS_NONE);
    als_problem_free(p);
    p = READ_OK("{'programme': {'set_size': {'min': 8, 'max': 12, "
                "'target': null}}, 'applicants': []}");
    assert_int_equal(als_problem_set_size_target(p, -1), ALS_NONE);
    als_problem_free(p);
    p = READ_OK("{'programme': {'set_size': 4}, 'applicants': []}");
    assert_int_equal(als_problem_set_size_target(p, -1), ALS_NONE);
    als_problem_free(p);
}
ONE_ERROR_TEST(set_size_target_above_max,
               "{'programme': {'set_size': {'min': 8, 'max': 12, 'target': "
               "13}}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.target", "outside min 8")
ONE_ERROR_TEST(set_size_target_below_min,
               "{'programme': {'set_size': {'min': 8, 'max': 12, 'target': "
               "7}}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.target", "outside min 8")
ONE_ERROR_TEST(set_size_target_not_integer,
               "{'programme': {'set_size': {'min': 8, 'max': 12, 'target': "
               "9.5}}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.target", "")
ONE_ERROR_TEST(set_size_target_zero,
               "{'programme': {'set_size': {'min': 8, 'max': 12, 'target': "
               "0}}, 'applicants': []}",
               ALS_ESCHEMA, "programme.set_size.target", "")
ONE_ERROR_TEST(fixed_set_size_target,
               "{'programme': {'set_size': 4, 'sets': [{'id': 'A', "
               "'set_size': {'min': 4, 'max': 6, 'target': 5}}]}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme.sets[0].set_size.target", "")

/* Comment keys may repeat; other keys may not. */
static void test_reader__comments_may_repeat(void **state)
{
    (void)state;
    als_problem *p = READ_OK("{'//': 'a cohort', '//': 'of two', "
                             "'programme': {'//': 'sets of 4', '//': "
                             "'exactly', 'set_size': 4}, 'applicants': []}");
    als_problem_free(p);
    EXPECT_ONE("{'programme': {'set_size': 4, 'set_size': 4}, "
               "'applicants': []}",
               ALS_ESCHEMA, "programme", "duplicate key");
}

static void test_reader__rule_shorthands(void **state)
{
    (void)state;
    als_problem *p = READ_OK(DOCP("'rules': {'organisation': "
                                  "'prefer_distinct', 'sector': 'ignore', "
                                  "'seniority': 'mixed'}",
                                  ""));
    double w = 0;
    int spread = 0;
    assert_int_equal(als_problem_org_mode(p, &w), ALS_ORG_PREFER_DISTINCT);
    assert_true(w == 1.0);
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_IGNORE);
    assert_int_equal(als_problem_seniority_mode(p, &w, &spread),
                     ALS_SENIORITY_MIXED);
    assert_true(w == 1.0);
    assert_int_equal(spread, ALS_NONE);
    als_problem_free(p);
    /* a rule object without a mode keeps the default mode */
    p = READ_OK(DOCP("'rules': {'sector': {'weight': 4}, "
                     "'seniority': {'max_spread': 0}}",
                     ""));
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_BALANCE);
    assert_true(w == 4.0);
    assert_int_equal(als_problem_seniority_mode(p, &w, &spread),
                     ALS_SENIORITY_SIMILAR);
    assert_int_equal(spread, 0);
    als_problem_free(p);
}

static void test_reader__label_normalisation(void **state)
{
    (void)state;
    als_problem *p =
        READ_OK(DOCP("'days': ['Tue', 'Thu']",
                     "{'id': 'a', 'organisation': 'Leeds  City Council', "
                     "'sector': 'Public', 'availability': ['tue']},"
                     "{'id': 'b', 'organisation': 'leeds city council', "
                     "'sector': ' public ', 'availability': [' THU ']},"
                     "{'id': 'c', 'organisation': '\\tLEEDS city\\ncouncil ', "
                     "'sector': 'private'}"));
    assert_int_equal(als_problem_organisation_count(p), 1);
    assert_int_equal(als_problem_sector_count(p), 2);
    /* display keeps the first spelling */
    assert_string_equal(als_problem_applicant_organisation(p, 1),
                        "Leeds  City Council");
    assert_string_equal(als_problem_applicant_organisation(p, 2),
                        "Leeds  City Council");
    assert_string_equal(als_problem_applicant_sector(p, 1), "Public");
    assert_int_equal(als_problem_applicant_available(p, 0, 0), 1);
    assert_int_equal(als_problem_applicant_available(p, 0, 1), 0);
    assert_int_equal(als_problem_applicant_available(p, 1, 0), 0);
    assert_int_equal(als_problem_applicant_available(p, 1, 1), 1);
    als_problem_free(p);
}

static void test_reader__ids_are_not_labels(void **state)
{
    (void)state;
    /* ids compare exactly: 'A', 'a' and ' a' are three applicants */
    als_problem *p = READ_OK(DOC("{'id': 'A'}, {'id': 'a'}, {'id': ' a'}"));
    assert_int_equal(als_problem_applicant_count(p), 3);
    assert_int_equal(als_problem_find(p, "a"), 1);
    assert_int_equal(als_problem_find(p, " a"), 2);
    als_problem_free(p);
}

static void test_reader__seniority_names_map_to_their_index(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        DOCP("'seniority_levels': ['officer', 'manager', 'Chief Executive']",
             "{'id': 'a', 'seniority': 'officer'},"
             "{'id': 'b', 'seniority': 'chief  executive'},"
             "{'id': 'c', 'seniority': 'MANAGER'},"
             "{'id': 'd', 'seniority': 7},"
             "{'id': 'e'}"));
    assert_int_equal(als_problem_applicant_level(p, 0), 0);
    assert_int_equal(als_problem_applicant_level(p, 1), 2);
    assert_int_equal(als_problem_applicant_level(p, 2), 1);
    assert_int_equal(als_problem_applicant_level(p, 3), 7);
    assert_int_equal(als_problem_applicant_level(p, 4), ALS_NONE);
    assert_string_equal(als_problem_level_name(p, 2), "Chief Executive");
    assert_null(als_problem_level_name(p, 7));
    assert_null(als_problem_level_name(p, -1));
    als_problem_free(p);
}

/* The members of applicant i's unit, as a bit mask of applicant indices. */
static unsigned unit_mask(const als_problem *p, size_t i)
{
    size_t u = als_problem_applicant_unit(p, i);
    unsigned m = 0;
    for (size_t k = 0; k < als_problem_unit_size(p, u); k++)
        m |= 1u << als_problem_unit_member(p, u, k);
    return m;
}

static void test_reader__units_from_together(void **state)
{
    (void)state;
    als_problem *p = READ_OK(DOC("{'id': 'a', 'together': 'Job Share'},"
                                 "{'id': 'b'},"
                                 "{'id': 'c', 'together': 'job  share'},"
                                 "{'id': 'd', 'together': 'other'}"));
    assert_int_equal(als_problem_unit_count(p), 3);
    assert_int_equal(unit_mask(p, 0), 0x5u);
    assert_int_equal(unit_mask(p, 2), 0x5u);
    assert_int_equal(unit_mask(p, 1), 0x2u);
    assert_int_equal(unit_mask(p, 3), 0x8u);
    /* units are numbered in the order of their first member */
    assert_int_equal(als_problem_applicant_unit(p, 0), 0);
    assert_int_equal(als_problem_applicant_unit(p, 1), 1);
    assert_int_equal(als_problem_applicant_unit(p, 3), 2);
    assert_int_equal(als_problem_unit_member(p, 0, 0), 0);
    assert_int_equal(als_problem_unit_member(p, 0, 1), 2);
    assert_int_equal(als_problem_unit_member(p, 0, 2), (size_t)-1);
    assert_int_equal(als_problem_unit_size(p, 3), 0);
    als_problem_free(p);
}

static void
test_reader__units_from_council_pairs_join_transitively(void **state)
{
    (void)state;
    /* A together with B, B of the same council as C: one unit of three */
#define COUNCIL_DOC(rules)                                                     \
    "{'programme': {'set_size': 4" rules "}, 'applicants': ["                  \
    "{'id': 'A', 'together': 'j', 'role': 'officer'},"                         \
    "{'id': 'B', 'together': 'j', 'council': 'Leeds'},"                        \
    "{'id': 'x'},"                                                             \
    "{'id': 'C', 'council': ' leeds', 'role': 'councillor'}]}"
    als_problem *p = READ_OK(COUNCIL_DOC(""));
    assert_int_equal(als_problem_unit_count(p), 2);
    assert_int_equal(unit_mask(p, 0), 0xBu);
    assert_int_equal(unit_mask(p, 3), 0xBu);
    assert_int_equal(als_problem_unit_size(p, als_problem_applicant_unit(p, 1)),
                     3);
    als_problem_free(p);
    /* with council_pairs false the council does not join */
    p = READ_OK(COUNCIL_DOC(", 'rules': {'council_pairs': false}"));
    assert_int_equal(als_problem_council_pairs(p), 0);
    assert_int_equal(als_problem_unit_count(p), 3);
    assert_int_equal(unit_mask(p, 0), 0x3u);
    assert_int_equal(unit_mask(p, 3), 0x8u);
    als_problem_free(p);
#undef COUNCIL_DOC
}

static void test_reader__council_is_the_organisation_when_absent(void **state)
{
    (void)state;
    als_problem *p =
        READ_OK(DOC("{'id': 'a', 'council': 'Leeds', 'role': 'officer'},"
                    "{'id': 'b', 'council': 'Leeds', 'organisation': 'NHS',"
                    " 'role': 'councillor'},"
                    "{'id': 'c', 'organisation': 'leeds'}"));
    assert_string_equal(als_problem_applicant_organisation(p, 0), "Leeds");
    assert_string_equal(als_problem_applicant_organisation(p, 1), "NHS");
    /* the council's organisation is the organisation 'leeds' */
    assert_string_equal(als_problem_applicant_organisation(p, 2), "Leeds");
    assert_int_equal(als_problem_organisation_count(p), 2);
    als_problem_free(p);
}

static void test_reader__withdrawn_applicants(void **state)
{
    (void)state;
    als_problem *p = READ_OK(DOC("{'id': 'a'},"
                                 "{'id': 'b', 'withdrawn': true},"
                                 "{'id': 'c', 'withdrawn': false}"));
    assert_int_equal(als_problem_applicant_count(p), 3);
    assert_int_equal(als_problem_active_count(p), 2);
    assert_int_equal(als_problem_applicant_withdrawn(p, 1), 1);
    assert_int_equal(als_problem_applicant_withdrawn(p, 2), 0);
    assert_int_equal(als_problem_applicant_unit(p, 1), (size_t)-1);
    assert_int_equal(als_problem_applicant_unit(p, 2), 1);
    assert_int_equal(als_problem_unit_count(p), 2);
    assert_int_equal(als_problem_find(p, "b"), 1);
    als_problem_free(p);
}

static void test_reader__null_values_are_absent(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        "{'programme': {'set_size': 4, 'name': null, 'days': ['tue'], "
        "'rules': {'seniority': {'max_spread': null}}}, "
        "'applicants': [{'id': 'a', 'name': null, 'organisation': null, "
        "'sector': null, 'seniority': null, 'availability': null, "
        "'council': null, 'role': null, 'together': null, 'apart': null, "
        "'priority': null, 'set': null, 'withdrawn': null}], "
        "'pairs': null}");
    int spread = 0;
    assert_string_equal(als_problem_name(p), "");
    als_problem_seniority_mode(p, NULL, &spread);
    assert_int_equal(spread, ALS_NONE);
    assert_null(als_problem_applicant_name(p, 0));
    assert_null(als_problem_applicant_organisation(p, 0));
    assert_null(als_problem_applicant_sector(p, 0));
    assert_null(als_problem_applicant_council(p, 0));
    assert_null(als_problem_applicant_role(p, 0));
    assert_int_equal(als_problem_applicant_level(p, 0), ALS_NONE);
    assert_int_equal(als_problem_applicant_available(p, 0, 0), 1);
    assert_int_equal(als_problem_applicant_priority(p, 0), 0);
    assert_int_equal(als_problem_applicant_pin(p, 0), (size_t)-1);
    assert_int_equal(als_problem_applicant_withdrawn(p, 0), 0);
    assert_int_equal(als_problem_active_count(p), 1);
    als_problem_free(p);
}

static void test_reader__pins_and_fixed_sets(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        DOCP("'days': ['tue', 'thu'], 'sets': [{'id': 'A', 'day': 'tue'}, "
             "{'id': 'B', 'day': 'THU', 'set_size': {'min': 5, 'max': 6}}, "
             "{'id': 'C', 'set_size': 2}]",
             "{'id': 'a', 'set': 'B'}, {'id': 'b'}, {'id': 'c', 'set': 'A'}"));
    assert_int_equal(als_problem_fixed_set_count(p), 3);
    assert_string_equal(als_problem_fixed_set_id(p, 0), "A");
    assert_string_equal(als_problem_fixed_set_id(p, 1), "B");
    assert_string_equal(als_problem_fixed_set_day(p, 0), "tue");
    assert_string_equal(als_problem_fixed_set_day(p, 1), "thu");
    assert_null(als_problem_fixed_set_day(p, 2));
    assert_null(als_problem_fixed_set_id(p, 3));
    int min = 0, max = 0;
    als_problem_fixed_set_size(p, 0, &min, &max);
    assert_int_equal(min, 4);
    assert_int_equal(max, 4);
    als_problem_fixed_set_size(p, 1, &min, &max);
    assert_int_equal(min, 5);
    assert_int_equal(max, 6);
    als_problem_fixed_set_size(p, 2, &min, &max);
    assert_int_equal(min, 2);
    assert_int_equal(max, 2);
    assert_int_equal(als_problem_applicant_pin(p, 0), 1);
    assert_int_equal(als_problem_applicant_pin(p, 1), (size_t)-1);
    assert_int_equal(als_problem_applicant_pin(p, 2), 0);
    assert_int_equal(als_problem_max_sets(p), ALS_NONE);
    als_problem_free(p);
}

static void test_reader__pins_agree_within_a_unit(void **state)
{
    (void)state;
    /* one pin for the unit, or the same pin twice, is fine */
    als_problem *p = READ_OK(DOCP("'sets': [{'id': 'A'}, {'id': 'B'}]",
                                  "{'id': 'a', 'together': 'x', 'set': 'B'},"
                                  "{'id': 'b', 'together': 'x'},"
                                  "{'id': 'c', 'together': 'x', 'set': 'B'}"));
    assert_int_equal(als_problem_unit_count(p), 1);
    assert_int_equal(als_problem_applicant_pin(p, 2), 1);
    als_problem_free(p);
}

static void test_reader__integer_sets_cap(void **state)
{
    (void)state;
    als_problem *p = READ_OK(DOCP("'sets': 3", "{'id': 'a'}"));
    assert_int_equal(als_problem_max_sets(p), 3);
    assert_int_equal(als_problem_fixed_set_count(p), 0);
    als_problem_free(p);
}

static void test_reader__pairs(void **state)
{
    (void)state;
    als_problem *p =
        READ_OK("{" P4 ", 'applicants': [{'id': 'a'}, {'id': 'b'}, "
                "{'id': 'c'}], 'pairs': [{'a': 'a', 'b': 'b', 'weight': 3},"
                " {'a': 'c', 'b': 'a', 'weight': -1.5}]}");
    assert_int_equal(als_problem_pair_count(p), 2);
    als_problem_free(p);
}

static void test_reader__apart_is_accepted_both_ways(void **state)
{
    (void)state;
    /* a apart from b and b apart from a is one constraint, not an error */
    als_problem *p = READ_OK(DOC("{'id': 'a', 'apart': ['b']},"
                                 "{'id': 'b', 'apart': ['a']}"));
    assert_int_equal(als_problem_unit_count(p), 2);
    assert_int_equal(p->apart_off[1] - p->apart_off[0], 1);
    assert_int_equal(p->apart[p->apart_off[0]], 1);
    als_problem_free(p);
}

static void test_reader__warnings_of_a_valid_cohort(void **state)
{
    (void)state;
    als_problem *p =
        READ_OK(DOCP("'days': ['tue', 'thu']",
                     "{'id': 'a', 'council': 'Leeds', 'role': 'officer'},"
                     "{'id': 'b', 'availability': []}"));
    als_diag *d = new_diag();
    assert_int_equal(als_problem_warnings(p, d, NULL), ALS_OK);
    assert_int_equal(als_diag_errors(d), 0);
    assert_non_null(find_entry(d, ALS_SEV_WARNING, "applicants[0].council",
                               "no councillor"));
    assert_non_null(
        find_entry(d, ALS_SEV_WARNING, "applicants[1].availability", "'b'"));
    assert_non_null(find_entry(d, ALS_SEV_WARNING, "programme.set_size", NULL));
    als_diag_free(d);
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */

/* An applicant's e-mail (FORMAT.md 4.4) is read and kept, without a
   warning; as the builder's field of ALS_APPLICANT_VERSION 2. */
static void test_reader__email_is_kept(void **state)
{
    (void)state;
    als_diag *d = new_diag();
    als_problem *p = READ_OK_DIAG("{'programme': {'set_size': 2}, "
                                  "'applicants': [{'id': 'a', 'email': "
                                  "'Jo.Smith@X.org'}, {'id': 'b'}]}",
                                  d);
    assert_int_equal(als_diag_count(d), 0);
    assert_string_equal(als_problem_applicant_email(p, 0), "Jo.Smith@X.org");
    assert_null(als_problem_applicant_email(p, 1));
    assert_null(als_problem_applicant_email(p, 2));
    assert_null(als_problem_applicant_email(NULL, 0));
    als_problem_free(p);
    als_diag_free(d);

    /* not a string: an error at its path */
    assert_true(one_error_owned(
        dq("{'programme': {'set_size': 2}, 'applicants': [{'id': 'a', "
           "'email': 3}]}"),
        ALS_ESCHEMA, "applicants[0].email", "string"));

    /* the builder: version 2 carries it, version 1 (no such field) still
       adds an applicant */
    als_builder *b = NULL;
    assert_int_equal(als_builder_new(&b, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 1, 2, NULL), ALS_OK);
    als_applicant a = ALS_APPLICANT_INIT;
    assert_int_equal(a.version, 2);
    a.id = "x";
    a.email = "x@example.org";
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    als_applicant old = ALS_APPLICANT_INIT;
    old.version = 1;
    old.id = "y";
    old.email = "ignored@example.org";
    assert_int_equal(als_builder_add_applicant(b, &old, NULL), ALS_OK);
    assert_int_equal(als_builder_finish(b, &p, NULL, NULL), ALS_OK);
    assert_string_equal(als_problem_applicant_email(p, 0), "x@example.org");
    assert_null(als_problem_applicant_email(p, 1));
    als_problem_free(p);
    als_builder_free(b);
}

/* ------------------------------------------------------------------ */
/* programme.aliases and comments                                      */

static void test_reader__aliases_map_spellings_before_comparing(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        DOCP("'aliases': {'organisation': {'Leeds CC': 'Leeds City Council',"
             " 'LTHT': 'Leeds Teaching Hospitals'},"
             " 'sector': {'VCS': 'voluntary', 'Third sector': 'voluntary'},"
             " 'council': {'Bradford MDC': 'Bradford'}}",
             "{'id': 'a', 'organisation': 'leeds  cc', 'sector': 'vcs'},"
             "{'id': 'b', 'organisation': 'Leeds City Council',"
             " 'sector': 'Voluntary'},"
             "{'id': 'c', 'organisation': 'LTHT', 'sector': 'Third Sector'},"
             "{'id': 'd', 'council': 'Bradford MDC', 'role': 'officer'},"
             "{'id': 'e', 'council': 'bradford', 'role': 'councillor'}"));
    /* reports show the name mapped to */
    assert_string_equal(als_problem_applicant_organisation(p, 0),
                        "Leeds City Council");
    assert_string_equal(als_problem_applicant_organisation(p, 1),
                        "Leeds City Council");
    assert_string_equal(als_problem_applicant_organisation(p, 2),
                        "Leeds Teaching Hospitals");
    assert_string_equal(als_problem_applicant_sector(p, 0), "voluntary");
    assert_string_equal(als_problem_applicant_sector(p, 2), "voluntary");
    assert_int_equal(als_problem_sector_count(p), 1);
    assert_string_equal(als_problem_applicant_council(p, 3), "Bradford");
    assert_string_equal(als_problem_applicant_organisation(p, 3), "Bradford");
    assert_string_equal(als_problem_applicant_organisation(p, 4), "Bradford");
    /* d and e nominate together: one council, one unit */
    assert_int_equal(als_problem_organisation_count(p), 3);
    assert_int_equal(als_problem_alias_count(p, ALS_LABEL_ORGANISATION), 2);
    assert_int_equal(als_problem_alias_count(p, ALS_LABEL_SECTOR), 2);
    assert_int_equal(als_problem_alias_count(p, ALS_LABEL_COUNCIL), 1);
    const char *to = NULL;
    assert_string_equal(als_problem_alias(p, ALS_LABEL_ORGANISATION, 1, &to),
                        "LTHT");
    assert_string_equal(to, "Leeds Teaching Hospitals");
    assert_null(als_problem_alias(p, ALS_LABEL_COUNCIL, 1, &to));
    assert_null(to);
    assert_int_equal(als_problem_alias_count(NULL, ALS_LABEL_SECTOR), 0);
    als_problem_free(p);
    /* the name is shown as the alias spells it, even when an applicant
       gave it first in another case */
    p = READ_OK(DOCP("'aliases': {'organisation': {'LCC': 'Leeds City "
                     "Council'}}",
                     "{'id': 'a', 'organisation': 'LEEDS CITY COUNCIL'},"
                     "{'id': 'b', 'organisation': 'lcc'},"
                     "{'id': 'c', 'organisation': 'York CC'}"));
    assert_string_equal(als_problem_applicant_organisation(p, 0),
                        "Leeds City Council");
    assert_string_equal(als_problem_applicant_organisation(p, 1),
                        "Leeds City Council");
    assert_string_equal(als_problem_applicant_organisation(p, 2), "York CC");
    assert_int_equal(als_problem_organisation_count(p), 2);
    als_problem_free(p);
}

static void test_reader__alias_errors_at_their_paths(void **state)
{
    (void)state;
    EXPECT_ONE(DOCP("'aliases': {'organisations': {}}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.organisations",
               "did you mean \"organisation\"");
    EXPECT_ONE(DOCP("'aliases': ['x']", "{'id': 'a'}"), ALS_ESCHEMA,
               "programme.aliases", "expected an object");
    EXPECT_ONE(DOCP("'aliases': {'sector': 'VCS'}", "{'id': 'a'}"), ALS_ESCHEMA,
               "programme.aliases.sector", "expected an object");
    EXPECT_ONE(DOCP("'aliases': {'sector': {'VCS': 3}}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.sector.VCS",
               "expected a string");
    EXPECT_ONE(DOCP("'aliases': {'sector': {'VCS': null}}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.sector.VCS",
               "expected a string");
    EXPECT_ONE(DOCP("'aliases': {'sector': {' ': 'public'}}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.sector. ", "empty");
    EXPECT_ONE(DOCP("'aliases': {'sector': {'VCS': ''}}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.sector.VCS", "empty name");
    /* the same spelling twice, case and spacing aside */
    EXPECT_ONE(DOCP("'aliases': {'organisation': {'Leeds CC': 'Leeds City "
                    "Council', 'leeds  cc': 'Leeds'}}",
                    "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.organisation.leeds  cc",
               "mapped twice");
    /* chains are not followed */
    EXPECT_ONE(DOCP("'aliases': {'organisation': {'LCC': 'Leeds CC', "
                    "'Leeds CC': 'Leeds City Council'}}",
                    "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.aliases.organisation.LCC",
               "map 'LCC' to 'Leeds City Council' directly");
    /* ... but a name mapped to itself is a final name */
    als_problem *p = READ_OK(
        DOCP("'aliases': {'organisation': {'LCC': 'Leeds City Council', "
             "'leeds city council': 'Leeds City Council'}}",
             "{'id': 'a', 'organisation': 'lcc'}"));
    assert_string_equal(als_problem_applicant_organisation(p, 0),
                        "Leeds City Council");
    als_problem_free(p);
}

static void test_reader__comment_keys_are_ignored(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        "{'// about': 'a cohort', 'programme': {'// set_size': 'people per "
        "set', 'set_size': 4, '// rules': ['any', 'value'], 'rules': "
        "{'// organisation': 1, 'organisation': 'ignore'}, 'aliases': "
        "{'// why': 'x', 'sector': {'// VCS': 'a comment, not a spelling', "
        "'VCS': 'voluntary'}}}, 'applicants': [{'id': 'a', '// note': 'n', "
        "'sector': 'VCS'}]}");
    assert_int_equal(als_problem_alias_count(p, ALS_LABEL_SECTOR), 1);
    assert_string_equal(als_problem_applicant_sector(p, 0), "voluntary");
    als_problem_free(p);
    /* a key that only looks like one is still unknown */
    EXPECT_ONE(DOCP("'/ set_size': 1", "{'id': 'a'}"), ALS_ESCHEMA,
               "programme./ set_size", "unknown key");
}

static void test_builder__alias_api(void **state)
{
    (void)state;
    als_builder *b = NULL;
    als_error e;
    assert_int_equal(als_builder_new(&b, &e), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 1, 4, &e), ALS_OK);
    assert_int_equal(als_builder_add_alias(
                         b, ALS_LABEL_ORGANISATION, "AWP",
                         "Avon and Wiltshire Mental Health Partnership", &e),
                     ALS_OK);
    assert_int_equal(
        als_builder_add_alias(b, ALS_LABEL_ORGANISATION, " awp ", "x", &e),
        ALS_ESCHEMA);
    assert_string_equal(e.path, "programme.aliases.organisation. awp ");
    assert_int_equal(als_builder_add_alias(b, (als_label_kind)7, "a", "b", &e),
                     ALS_EINVAL);
    assert_int_equal(als_builder_add_alias(b, ALS_LABEL_SECTOR, NULL, "b", &e),
                     ALS_EINVAL);
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "x";
    a.organisation = "Awp";
    assert_int_equal(als_builder_add_applicant(b, &a, &e), ALS_OK);
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, NULL, &e), ALS_OK);
    assert_string_equal(als_problem_applicant_organisation(p, 0),
                        "Avon and Wiltshire Mental Health Partnership");
    als_problem_free(p);
    als_builder_free(b);
}

/* ------------------------------------------------------------------ */
/* programme.calendar                                                  */

#define CAL_DAYS "'days': ['tue', 'Thursday AM'], "
#define CAL(sessions)                                                          \
    "'calendar': {'timezone': 'Europe/London', 'sessions': [" sessions "]}"

static void test_reader__calendar_sessions_dated_per_set(void **state)
{
    (void)state;
    als_problem *p = READ_OK(
        DOCP(CAL_DAYS CAL("{'title': 'Introduction', 'week': '2021-02-04', "
                          "'start': '10:00', 'minutes': 120},"
                          "{'title': 'Set meeting 1', 'date': '2021-03-09', "
                          "'start': {'tue': '09:30', 'thursday am': '13:00'}, "
                          "'minutes': 240},"
                          "{'title': 'Series', 'dates': {'tue': '2024-09-26', "
                          "'Thursday AM': '2024-10-31'}, 'start': '14:00', "
                          "'minutes': 180}"),
             "{'id': 'a'}"));
    assert_string_equal(als_problem_timezone(p), "Europe/London");
    assert_int_equal(als_problem_session_count(p), 3);
    assert_string_equal(als_problem_session_title(p, 1), "Set meeting 1");
    assert_int_equal(als_problem_session_minutes(p, 2), 180);
    assert_null(als_problem_session_title(p, 3));
    als_dated_session ds;
    /* week: that ISO week's Tuesday / Thursday */
    assert_int_equal(als_problem_session_on(p, 0, "tue", &ds), 1);
    assert_int_equal(ds.year * 10000 + ds.month * 100 + ds.day, 20210202);
    assert_int_equal(ds.weekday, 2);
    assert_int_equal(ds.start, 600);
    assert_int_equal(ds.minutes, 120);
    assert_string_equal(ds.title, "Introduction");
    assert_int_equal(als_problem_session_on(p, 0, "THURSDAY am", &ds), 1);
    assert_int_equal(ds.year * 10000 + ds.month * 100 + ds.day, 20210204);
    assert_int_equal(ds.weekday, 4);
    /* date: the same day, a start per day */
    assert_int_equal(als_problem_session_on(p, 1, "Thursday AM", &ds), 1);
    assert_int_equal(ds.year * 10000 + ds.month * 100 + ds.day, 20210309);
    assert_int_equal(ds.start, 13 * 60);
    /* dates: a date per day label */
    assert_int_equal(als_problem_session_on(p, 2, "Thursday AM", &ds), 1);
    assert_int_equal(ds.year * 10000 + ds.month * 100 + ds.day, 20241031);
    /* no day, or not one of the days: not dated */
    assert_int_equal(als_problem_session_on(p, 0, NULL, &ds), 0);
    assert_int_equal(als_problem_session_on(p, 0, "wed", &ds), 0);
    assert_int_equal(als_problem_session_on(p, 9, "tue", &ds), -1);
    als_problem_free(p);
    /* a week across a year's end: ISO week 53 of 2020 */
    p = READ_OK(DOCP(
        "'days': ['Sun'], " CAL("{'title': 'x', 'week': '2020-12-28', 'start': "
                                "'23:00', 'minutes': 120}"),
        "{'id': 'a'}"));
    assert_int_equal(als_problem_session_on(p, 0, "sun", &ds), 1);
    assert_int_equal(ds.year * 10000 + ds.month * 100 + ds.day, 20210103);
    assert_int_equal(ds.weekday, 7);
    als_problem_free(p);
    /* no calendar */
    p = READ_OK(DOC("{'id': 'a'}"));
    assert_null(als_problem_timezone(p));
    assert_int_equal(als_problem_session_count(p), 0);
    als_problem_free(p);
}

static void test_reader__calendar_errors_at_their_paths(void **state)
{
    (void)state;
    const char *S = "programme.calendar.sessions[0]";
    char path[96];
    EXPECT_ONE(DOCP(CAL_DAYS "'calendar': {'timezone': 'Europe/Londres', "
                             "'sessions': []}",
                    "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.calendar.timezone", "unknown time zone");
    EXPECT_ONE(DOCP(CAL_DAYS "'calendar': {'sessions': []}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.calendar.timezone", "needs");
    EXPECT_ONE(DOCP(CAL_DAYS "'calendar': {'timezone': 'UTC'}", "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.calendar", "sessions");
    EXPECT_ONE(DOCP(CAL_DAYS "'calendar': {'timezone': 'UTC', 'sessions': "
                             "[], 'session': []}",
                    "{'id': 'a'}"),
               ALS_ESCHEMA, "programme.calendar.session", "did you mean");
    /* none, or more than one, of date / week / dates */
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'start': '10:00', "
                                 "'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, S, "one of");
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2021-01-01', "
                                 "'week': '2021-01-01', 'start': '10:00', "
                                 "'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, S, "only one of");
    /* impossible dates and times */
    snprintf(path, sizeof path, "%s.date", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2021-02-29', "
                                 "'start': '10:00', 'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "not a date");
    snprintf(path, sizeof path, "%s.week", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'week': '2021-13-01', "
                                 "'start': '10:00', 'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "not a date");
    snprintf(path, sizeof path, "%s.start", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2024-02-29', "
                                 "'start': '24:00', 'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "not a time");
    snprintf(path, sizeof path, "%s.start.tue", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2024-02-29', "
                                 "'start': {'tue': '9:5', 'Thursday AM': "
                                 "'10:00'}, 'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "not a time");
    snprintf(path, sizeof path, "%s.minutes", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2024-02-29', "
                                 "'start': '10:00', 'minutes': 0}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "out of range");
    /* a week session and a day label that names no weekday */
    snprintf(path, sizeof path, "%s.week", S);
    EXPECT_ONE(DOCP("'days': ['Series 1', 'tue'], " CAL(
                        "{'title': 'x', 'week': '2024-09-26', 'start': "
                        "'10:00', 'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "'Series 1'");
    /* a label missing from dates, and one that is not a day */
    snprintf(path, sizeof path, "%s.dates", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'dates': {'tue': "
                                 "'2024-09-26'}, 'start': '10:00', "
                                 "'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "no date for day 'Thursday AM'");
    snprintf(path, sizeof path, "%s.dates.wed", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'dates': {'tue': "
                                 "'2024-09-26', 'Thursday AM': '2024-09-26', "
                                 "'wed': '2024-09-26'}, 'start': '10:00', "
                                 "'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "not one of programme.days");
    snprintf(path, sizeof path, "%s.start", S);
    EXPECT_ONE(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2024-09-26', "
                                 "'start': {'tue': '10:00'}, 'minutes': 60}"),
                    "{'id': 'a'}"),
               ALS_ESCHEMA, path, "no start time for day 'Thursday AM'");
    /* the second session's errors carry its own index, after a first
       session in error */
    als_diag *d = new_diag();
    als_problem *p = NULL;
    char *json = dq(DOCP(CAL_DAYS CAL("{'title': 'x', 'date': '2024-09-26', "
                                      "'start': 10, 'minutes': 60},"
                                      "{'title': 'y', 'dates': {'tue': "
                                      "'2024-09-26'}, 'start': '10:00', "
                                      "'minutes': 60}"),
                         "{'id': 'a'}"));
    assert_int_equal(als_problem_from_json(&p, json, strlen(json), d, NULL),
                     ALS_ESCHEMA);
    assert_int_equal(als_diag_errors(d), 2);
    assert_string_equal(als_diag_get(d, 1)->path,
                        "programme.calendar.sessions[1].dates");
    free(json);
    als_diag_free(d);
}

static void test_reader__calendar_builder(void **state)
{
    (void)state;
    als_builder *b = NULL;
    als_error err;
    assert_int_equal(als_builder_new(&b, NULL), ALS_OK);
    const char *days[] = {"mon", "Series 2"};
    assert_int_equal(als_builder_set_days(b, days, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 1, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_set_timezone(b, "Nowhere/Atlantis", &err),
                     ALS_ESCHEMA);
    assert_string_equal(err.path, "programme.calendar.timezone");
    assert_int_equal(als_builder_set_timezone(b, "America/New_York", &err),
                     ALS_OK);
    als_session s = ALS_SESSION_INIT;
    s.title = "Kick-off";
    s.date = "2025-01-06";
    s.start = "18:30";
    s.minutes = 90;
    assert_int_equal(als_builder_add_session(b, &s, &err), ALS_OK);
    s.minutes = 1441;
    assert_int_equal(als_builder_add_session(b, &s, &err), ALS_ESCHEMA);
    assert_string_equal(err.path, "programme.calendar.sessions[1].minutes");
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "a";
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, NULL, &err), ALS_OK);
    assert_int_equal(als_problem_session_count(p), 1);
    als_dated_session ds;
    assert_int_equal(als_problem_session_on(p, 0, "Series 2", &ds), 1);
    assert_int_equal(ds.weekday, 1);
    assert_int_equal(ds.start, 18 * 60 + 30);
    als_problem_free(p);
    als_builder_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* not JSON */
        cmocka_unit_test(test_reader__syntax_error_has_line_and_column),
        cmocka_unit_test(test_reader__syntax_error_in_multiline_document),
        cmocka_unit_test(test_reader__syntax_error_at_unquoted_key),
        cmocka_unit_test(test_reader__syntax_error_after_cr_line_ends),
        cmocka_unit_test(test_reader__duplicate_key_in_ignored_object),
        cmocka_unit_test(test_reader__duplicate_key_in_ignored_array),
        cmocka_unit_test(test_reader__unpaired_surrogate_escape),
        cmocka_unit_test(test_reader__escapes_decoded),
        cmocka_unit_test(test_reader__numbers_of_any_length),
        cmocka_unit_test(test_reader__syntax_error_at_trailing_comma),
        cmocka_unit_test(test_reader__syntax_error_column_counts_characters),
        cmocka_unit_test(test_reader__byte_order_mark),
        cmocka_unit_test(test_reader__syntax_error_at_invalid_unicode_escape),
        cmocka_unit_test(test_reader__syntax_error_at_raw_control_character),
        cmocka_unit_test(test_reader__numbers_outside_the_json_grammar),
        cmocka_unit_test(test_reader__unterminated_string_is_unexpected_end),
        cmocka_unit_test(test_reader__trailing_garbage),
        cmocka_unit_test(test_reader__unexpected_end),
        cmocka_unit_test(test_reader__empty_input),
        cmocka_unit_test(test_reader__length_limits_the_text),
        cmocka_unit_test(test_reader__not_an_object),
        cmocka_unit_test(test_reader__nul_byte),
        cmocka_unit_test(test_reader__invalid_utf8),
        cmocka_unit_test(test_reader__u0000_escape),
        cmocka_unit_test(test_reader__escaped_backslash_before_u0000_is_text),
        cmocka_unit_test(test_reader__nesting_deeper_than_max_depth),
        cmocka_unit_test(test_reader__input_larger_than_the_limit),
        cmocka_unit_test(test_reader__api_misuse),
        cmocka_unit_test(test_reader__works_without_diag_or_err),
        /* wrong types */
        cmocka_unit_test(test_reader__applicant_id_number),
        cmocka_unit_test(test_reader__applicant_not_object),
        cmocka_unit_test(test_reader__applicants_not_array),
        cmocka_unit_test(test_reader__availability_string),
        cmocka_unit_test(test_reader__availability_element_number),
        cmocka_unit_test(test_reader__apart_not_array),
        cmocka_unit_test(test_reader__apart_element_number),
        cmocka_unit_test(test_reader__priority_string),
        cmocka_unit_test(test_reader__withdrawn_string),
        cmocka_unit_test(test_reader__seniority_boolean),
        cmocka_unit_test(test_reader__organisation_number),
        cmocka_unit_test(test_reader__together_array),
        cmocka_unit_test(test_reader__set_number),
        cmocka_unit_test(test_reader__programme_not_object),
        cmocka_unit_test(test_reader__programme_name_number),
        cmocka_unit_test(test_reader__days_not_array),
        cmocka_unit_test(test_reader__days_element_number),
        cmocka_unit_test(test_reader__set_size_string),
        cmocka_unit_test(test_reader__set_size_min_string),
        cmocka_unit_test(test_reader__sets_string),
        cmocka_unit_test(test_reader__sets_element_not_object),
        cmocka_unit_test(test_reader__fixed_set_id_number),
        cmocka_unit_test(test_reader__seniority_levels_string),
        cmocka_unit_test(test_reader__seniority_levels_element_null),
        cmocka_unit_test(test_reader__rules_array),
        cmocka_unit_test(test_reader__rule_number),
        cmocka_unit_test(test_reader__rule_mode_number),
        cmocka_unit_test(test_reader__rule_weight_string),
        cmocka_unit_test(test_reader__council_pairs_string),
        cmocka_unit_test(test_reader__solver_number),
        cmocka_unit_test(test_reader__solver_seed_string),
        cmocka_unit_test(test_reader__solver_time_limit_boolean),
        cmocka_unit_test(test_reader__pairs_not_array),
        /* missing */
        cmocka_unit_test(test_reader__missing_id),
        cmocka_unit_test(test_reader__empty_id),
        cmocka_unit_test(test_reader__missing_set_size),
        cmocka_unit_test(test_reader__set_size_missing_max),
        cmocka_unit_test(test_reader__missing_programme),
        cmocka_unit_test(test_reader__missing_applicants),
        cmocka_unit_test(test_reader__fixed_set_missing_id),
        cmocka_unit_test(test_reader__fixed_set_empty_id),
        /* duplicates */
        cmocka_unit_test(test_reader__duplicate_ids),
        cmocka_unit_test(test_reader__duplicate_day_labels_after_normalisation),
        cmocka_unit_test(test_reader__duplicate_seniority_level_names),
        cmocka_unit_test(test_reader__duplicate_fixed_set_ids),
        cmocka_unit_test(test_reader__duplicate_key_in_applicant),
        cmocka_unit_test(test_reader__duplicate_key_in_programme),
        cmocka_unit_test(test_reader__duplicate_key_at_top_level),
        cmocka_unit_test(test_reader__duplicate_key_in_rule),
        cmocka_unit_test(test_reader__duplicate_key_in_large_object),
        /* numbers */
        cmocka_unit_test(test_reader__min_greater_than_max),
        cmocka_unit_test(test_reader__min_zero),
        cmocka_unit_test(test_reader__max_1001),
        cmocka_unit_test(test_reader__set_size_integer_zero),
        cmocka_unit_test(test_reader__fixed_set_min_greater_than_max),
        cmocka_unit_test(test_reader__priority_not_integer),
        cmocka_unit_test(test_reader__min_not_integer),
        cmocka_unit_test(test_reader__number_not_finite),
        cmocka_unit_test(test_reader__number_out_of_range),
        cmocka_unit_test(test_reader__priority_beyond_limit),
        cmocka_unit_test(test_reader__time_limit_negative),
        cmocka_unit_test(test_reader__time_limit_zero),
        cmocka_unit_test(test_reader__seed_negative),
        cmocka_unit_test(test_reader__seed_not_integer),
        cmocka_unit_test(test_reader__rule_weight_negative),
        cmocka_unit_test(test_reader__rule_weight_not_finite),
        cmocka_unit_test(test_reader__max_spread_out_of_range),
        cmocka_unit_test(test_reader__max_spread_not_integer),
        cmocka_unit_test(test_reader__seniority_1001),
        cmocka_unit_test(test_reader__seniority_negative),
        cmocka_unit_test(test_reader__sets_cap_zero),
        cmocka_unit_test(test_reader__sets_cap_not_integer),
        /* references */
        cmocka_unit_test(test_reader__day_not_in_programme_days),
        cmocka_unit_test(test_reader__availability_without_programme_days),
        cmocka_unit_test(test_reader__seniority_name_not_defined),
        cmocka_unit_test(test_reader__seniority_name_without_levels),
        cmocka_unit_test(test_reader__apart_id_not_defined),
        cmocka_unit_test(test_reader__apart_to_itself),
        cmocka_unit_test(test_reader__pinned_set_not_defined),
        cmocka_unit_test(test_reader__pinned_set_without_fixed_sets),
        cmocka_unit_test(test_reader__pinned_set_id_without_fixed_sets_checked),
        cmocka_unit_test(
            test_reader__pins_to_previous_sets_disagree_within_a_unit),
        cmocka_unit_test(test_reader__fixed_set_day_not_defined),
        cmocka_unit_test(test_reader__fixed_set_day_without_days),
        cmocka_unit_test(test_reader__a_bad_programme_entry_is_one_error),
        /* units */
        cmocka_unit_test(test_reader__unit_larger_than_max_via_together),
        cmocka_unit_test(test_reader__unit_larger_than_max_via_council_pair),
        cmocka_unit_test(test_reader__unit_larger_than_its_pinned_set),
        cmocka_unit_test(test_reader__apart_inside_a_unit),
        cmocka_unit_test(test_reader__pins_disagree_within_a_unit),
        cmocka_unit_test(test_reader__withdrawn_applicants_do_not_join_units),
        /* unknown keys */
        cmocka_unit_test(test_reader__unknown_programme_key),
        cmocka_unit_test(test_reader__unknown_programme_key_without_suggestion),
        cmocka_unit_test(test_reader__unknown_rules_key),
        cmocka_unit_test(test_reader__unknown_rule_object_key),
        cmocka_unit_test(test_reader__max_spread_only_in_the_seniority_rule),
        cmocka_unit_test(test_reader__unknown_solver_key),
        cmocka_unit_test(test_reader__unknown_set_size_key),
        cmocka_unit_test(test_reader__unknown_fixed_set_key),
        cmocka_unit_test(test_reader__unknown_top_level_key),
        cmocka_unit_test(test_reader__unknown_pair_key),
        cmocka_unit_test(test_reader__unknown_applicant_key_is_ignored),
        cmocka_unit_test(test_reader__misspelt_applicant_key_warns),
        /* modes */
        cmocka_unit_test(test_reader__unknown_mode_with_suggestion),
        cmocka_unit_test(test_reader__unknown_mode_typo_with_suggestion),
        cmocka_unit_test(test_reader__unknown_mode_in_rule_object),
        cmocka_unit_test(test_reader__unknown_mode_lists_the_modes),
        cmocka_unit_test(test_reader__unknown_method),
        cmocka_unit_test(test_reader__unknown_method_without_suggestion),
        /* pairs */
        cmocka_unit_test(test_reader__pair_id_not_defined),
        cmocka_unit_test(test_reader__pair_with_itself),
        cmocka_unit_test(test_reader__pair_listed_twice_in_both_orders),
        cmocka_unit_test(test_reader__pair_missing_weight),
        cmocka_unit_test(test_reader__pair_missing_id),
        cmocka_unit_test(test_reader__pair_weight_not_finite),
        cmocka_unit_test(test_reader__pair_not_object),
        cmocka_unit_test(test_reader__pair_id_number),
        cmocka_unit_test(test_reader__pair_errors_keep_document_numbering),
        /* format and limits */
        cmocka_unit_test(test_reader__format_wrong_value),
        cmocka_unit_test(test_reader__format_allocation_given_as_cohort),
        cmocka_unit_test(test_reader__format_number),
        cmocka_unit_test(test_reader__id_longer_than_256_bytes),
        cmocka_unit_test(test_reader__label_longer_than_1024_bytes),
        cmocka_unit_test(test_reader__name_longer_than_1024_bytes),
        cmocka_unit_test(test_reader__more_than_64_days),
        /* many errors */
        cmocka_unit_test(test_reader__several_errors_are_all_reported),
        cmocka_unit_test(test_reader__error_cap),
        /* valid documents */
        cmocka_unit_test(test_reader__defaults),
        cmocka_unit_test(test_reader__everything_given),
        cmocka_unit_test(test_reader__set_size_single_integer),
        cmocka_unit_test(test_reader__set_size_floor),
        cmocka_unit_test(test_reader__set_size_target),
        cmocka_unit_test(test_reader__set_size_target_above_max),
        cmocka_unit_test(test_reader__set_size_target_below_min),
        cmocka_unit_test(test_reader__set_size_target_not_integer),
        cmocka_unit_test(test_reader__set_size_target_zero),
        cmocka_unit_test(test_reader__fixed_set_size_target),
        cmocka_unit_test(test_reader__comments_may_repeat),
        cmocka_unit_test(test_reader__set_size_floor_above_min),
        cmocka_unit_test(test_reader__set_size_floor_zero),
        cmocka_unit_test(test_reader__fixed_set_size_floor),
        cmocka_unit_test(test_reader__rule_shorthands),
        cmocka_unit_test(test_reader__label_normalisation),
        cmocka_unit_test(test_reader__ids_are_not_labels),
        cmocka_unit_test(test_reader__seniority_names_map_to_their_index),
        cmocka_unit_test(test_reader__units_from_together),
        cmocka_unit_test(
            test_reader__units_from_council_pairs_join_transitively),
        cmocka_unit_test(test_reader__council_is_the_organisation_when_absent),
        cmocka_unit_test(test_reader__withdrawn_applicants),
        cmocka_unit_test(test_reader__null_values_are_absent),
        cmocka_unit_test(test_reader__pins_and_fixed_sets),
        cmocka_unit_test(test_reader__pins_agree_within_a_unit),
        cmocka_unit_test(test_reader__integer_sets_cap),
        cmocka_unit_test(test_reader__pairs),
        cmocka_unit_test(test_reader__apart_is_accepted_both_ways),
        cmocka_unit_test(test_reader__warnings_of_a_valid_cohort),
        cmocka_unit_test(test_reader__email_is_kept),
        cmocka_unit_test(test_reader__aliases_map_spellings_before_comparing),
        cmocka_unit_test(test_reader__alias_errors_at_their_paths),
        cmocka_unit_test(test_reader__calendar_sessions_dated_per_set),
        cmocka_unit_test(test_reader__calendar_errors_at_their_paths),
        cmocka_unit_test(test_reader__calendar_builder),
        cmocka_unit_test(test_reader__comment_keys_are_ignored),
        cmocka_unit_test(test_builder__alias_api),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
