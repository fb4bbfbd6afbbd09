/*
 * Tests of the warnings of likely spellings of one organisation, sector or
 * council (als_problem_warnings, als_problem_alias_suggestions, and the
 * importer's warnings at rows), of programme.aliases applied to a
 * spreadsheet's import, and of the false positives the rules must avoid.
 * Documents are written with single quotes (see support.h).
 */
/* The documents below are built from macros and string pieces that
   clang-format would split a character at a time. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "als.h"
#include "support.h"

/* The warnings of a cohort whose applicants are `apps` (single quotes),
   with `prog` added to the programme (set_size 4..8). */
static als_diag *warnings(const char *prog, const char *apps)
{
    char *doc = malloc(strlen(prog) + strlen(apps) + 200);
    assert_non_null(doc);
    sprintf(doc,
            "{'programme': {'set_size': {'min': 4, 'max': 8}%s%s}, "
            "'applicants': [%s]}",
            *prog ? ", " : "", prog, apps);
    char *j = json(doc);
    free(doc);
    als_problem *p = NULL;
    als_diag *d = NULL;
    als_error e;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    als_status rc = als_problem_from_json(&p, j, strlen(j), d, &e);
    if (rc != ALS_OK) {
        print_diag(d);
        fail_msg("the cohort does not read: %s", e.message);
    }
    als_diag_clear(d);
    assert_int_equal(als_problem_warnings(p, d, &e), ALS_OK);
    als_problem_free(p);
    free(j);
    return d;
}

/* The number of warnings whose message names spellings. */
static size_t spelling_warnings(const als_diag *d)
{
    size_t n = 0;
    for (size_t k = 0; k < als_diag_count(d); k++)
        n += strstr(als_diag_get(d, k)->message, "may be spellings") != NULL;
    return n;
}

/* A warning at `path` whose message has `text`. */
static void expect(const als_diag *d, const char *path, const char *text)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        if (strcmp(e->path, path) == 0 && strstr(e->message, text))
            return;
    }
    print_diag(d);
    fail_msg("no warning at %s with: %s", path, text);
}

#define ORG(id, o) "{'id': '" id "', 'organisation': '" o "'}"
#define SEC(id, s) "{'id': '" id "', 'sector': '" s "'}"

static void test_variants__case_punctuation_and_short_forms(void **state)
{
    (void)state;
    als_diag *d = warnings(
        "", ORG("a", "Leeds City Council") "," ORG("b", "Leeds CC") ","
            ORG("c", "Leeds City Council") "," ORG("d", "Leeds C.C.") ","
            ORG("e", "Wakefield MBC") ","
            ORG("f", "Wakefield Metropolitan Borough Council") ","
            ORG("g", "Wakefield MBC") ","
            ORG("h", "Leeds Teaching Hospitals NHS FT") ","
            ORG("i", "Leeds Teaching Hospitals NHS Foundation Trust") ","
            ORG("j", "Acme Ltd") "," ORG("k", "Acme Limited") ","
            ORG("l", "Acme Limited") "," ORG("m", "The Key Fund") ","
            ORG("n", "Key Fund") "," ORG("o", "Key Fund") ","
            ORG("p", "Age & Health") "," ORG("q", "Age and Health") ","
            ORG("r", "age and health"));
    expect(d, "applicants[1].organisation",
           "'Leeds CC' (1) and 'Leeds C.C.' (1) may be spellings of "
           "organisation 'Leeds City Council' (2): to treat them as one, add "
           "to the programme \"aliases\": {\"organisation\": {\"Leeds CC\": "
           "\"Leeds City Council\", \"Leeds C.C.\": \"Leeds City "
           "Council\"}}");
    expect(d, "applicants[5].organisation",
           "'Wakefield Metropolitan Borough Council' (1) may be spellings "
           "of organisation 'Wakefield MBC' (2)");
    expect(d, "applicants[7].organisation",
           "\"Leeds Teaching Hospitals NHS FT\": \"Leeds Teaching Hospitals "
           "NHS Foundation Trust\"");
    expect(d, "applicants[9].organisation",
           "{\"Acme Ltd\": \"Acme Limited\"}");
    expect(d, "applicants[12].organisation",
           "{\"The Key Fund\": \"Key Fund\"}");
    /* case aside, labels are one already: 'age and health' is not told */
    expect(d, "applicants[15].organisation",
           "{\"Age & Health\": \"Age and Health\"}");
    assert_int_equal(spelling_warnings(d), 6);
    als_diag_free(d);
}

static void test_variants__initialisms(void **state)
{
    (void)state;
    als_diag *d = warnings(
        "", ORG("a", "Avon and Wiltshire Mental Health Partnership NHS "
                     "Trust") ","
            ORG("b", "AWP") "," ORG("c", "AWP") ","
            ORG("d", "Leeds Teaching Hospitals NHS Trust") ","
            ORG("e", "L.T.H.T.") "," ORG("f", "Citizens Advice Bureau") ","
            ORG("g", "CAB"));
    expect(d, "applicants[0].organisation",
           "'Avon and Wiltshire Mental Health Partnership NHS Trust' (1) may "
           "be spellings of organisation 'AWP' (2)");
    /* as common as each other: the longer is the name */
    expect(d, "applicants[4].organisation",
           "{\"L.T.H.T.\": \"Leeds Teaching Hospitals NHS Trust\"}");
    expect(d, "applicants[6].organisation",
           "{\"CAB\": \"Citizens Advice Bureau\"}");
    assert_int_equal(spelling_warnings(d), 3);
    als_diag_free(d);
}

static void test_variants__false_positives(void **state)
{
    (void)state;
    /* different bodies that share words */
    als_diag *d = warnings(
        "", ORG("a", "Leeds City Council") ","
            ORG("b", "Leeds Beckett University") ","
            ORG("c", "Leeds City College") ","
            ORG("d", "Bradford") "," ORG("e", "Bradford Foodbank") ","
            /* a prefix of two longer names: which one is unclear */
            ORG("f", "Leeds") ","
            /* initials of two names: which one is unclear */
            ORG("g", "Leicester City Council") "," ORG("h", "LCC") ","
            /* an ordinary word in lower case is not an initialism */
            ORG("i", "Citizens Advice Bureau") "," ORG("j", "cab") ","
            /* nor a mixed-case one, nor two letters */
            ORG("k", "West Yorkshire Police") "," ORG("l", "Wyp") ","
            ORG("q", "Craven College") "," ORG("r", "CC") ","
            ORG("m", "Kirklees Active Leisure") ","
            ORG("n", "Kirklees Council") ","
            ORG("o", "Calderdale Council") ","
            ORG("p", "Calderdale College"));
    assert_int_equal(spelling_warnings(d), 0);
    als_diag_free(d);
    /* parts of the public sector are sectors of their own */
    d = warnings("", SEC("a", "NHS") "," SEC("b", "council") ","
                     SEC("c", "civil service") "," SEC("d", "police") ","
                     SEC("e", "housing"));
    assert_int_equal(als_diag_count(d), 0);
    als_diag_free(d);
}

static void test_variants__sector_families(void **state)
{
    (void)state;
    als_diag *d = warnings(
        "", SEC("a", "voluntary") "," SEC("b", "VCS") ","
            SEC("c", "Third sector") "," SEC("d", "voluntary") ","
            SEC("e", "charity") "," SEC("f", "Public") ","
            SEC("g", "Public (NHS)") "," SEC("h", "public") ","
            SEC("i", "private") "," SEC("j", "Business"));
    expect(d, "applicants[1].sector",
           "'VCS' (1), 'Third sector' (1) and 'charity' (1) may be spellings "
           "of sector 'voluntary' (2): to treat them as one, add to the "
           "programme \"aliases\": {\"sector\": {\"VCS\": \"voluntary\", "
           "\"Third sector\": \"voluntary\", \"charity\": \"voluntary\"}}");
    expect(d, "applicants[6].sector", "{\"Public (NHS)\": \"Public\"}");
    expect(d, "applicants[9].sector", "{\"Business\": \"private\"}");
    assert_int_equal(spelling_warnings(d), 3);
    als_diag_free(d);
}

static void test_variants__too_many_sectors(void **state)
{
    (void)state;
    const char *apps = SEC("a", "arts") "," SEC("b", "sport") ","
        SEC("c", "health") "," SEC("d", "housing") "," SEC("e", "police") ","
        SEC("f", "education") "," SEC("g", "transport") ","
        SEC("h", "law") "," SEC("i", "faith");
    als_diag *d = warnings("", apps);
    expect(d, "applicants", "9 different sectors, more than a set holds "
                            "members (8)");
    als_diag_free(d);
    /* sets larger than the sectors: each set can hold one of each */
    char *doc = malloc(strlen(apps) + 200);
    assert_non_null(doc);
    sprintf(doc, "{'programme': {'set_size': {'min': 4, 'max': 10}}, "
                 "'applicants': [%s]}", apps);
    char *j = json(doc);
    als_problem *p = NULL;
    assert_int_equal(als_problem_from_json(&p, j, strlen(j), NULL, NULL),
                     ALS_OK);
    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_int_equal(als_problem_warnings(p, d, NULL), ALS_OK);
    assert_int_equal(als_diag_count(d), 0);
    als_diag_free(d);
    als_problem_free(p);
    free(j);
    free(doc);
    /* the sector rule off: no warning */
    d = warnings("'rules': {'sector': 'ignore'}", apps);
    assert_int_equal(als_diag_count(d), 0);
    als_diag_free(d);
}

static void test_variants__aliases_settle_them(void **state)
{
    (void)state;
    const char *apps = ORG("a", "Leeds City Council") "," ORG("b", "Leeds CC")
        "," SEC("c", "VCS") "," SEC("d", "voluntary") ","
        "{'id': 'e', 'council': 'Leeds', 'role': 'officer'},"
        "{'id': 'f', 'council': 'Leeds City Council', 'role': 'councillor'}";
    als_diag *d = warnings("", apps);
    assert_int_equal(spelling_warnings(d), 3);
    expect(d, "applicants[4].council",
           "{\"council\": {\"Leeds\": \"Leeds City Council\"}}");
    als_diag_free(d);
    d = warnings("'aliases': {'organisation': {'leeds cc': 'Leeds City "
                 "Council'}, 'sector': {'vcs': 'voluntary'}, 'council': "
                 "{'Leeds': 'Leeds City Council'}}",
                 apps);
    assert_int_equal(spelling_warnings(d), 0);
    als_diag_free(d);
}

static void test_variants__suggestions_in_one_block(void **state)
{
    (void)state;
    char *j = json("{'programme': {'set_size': 4}, 'applicants': ["
                   ORG("a", "Leeds City Council") "," ORG("b", "Leeds CC")
                   "," ORG("c", "Clarion Housing Group") ","
                   ORG("d", "Clarion") "," SEC("e", "VCS") ","
                   SEC("f", "voluntary") "," SEC("g", "voluntary") "]}");
    als_problem *p = NULL;
    char *block = NULL;
    assert_int_equal(als_problem_from_json(&p, j, strlen(j), NULL, NULL),
                     ALS_OK);
    assert_int_equal(als_problem_alias_suggestions(p, &block, NULL), ALS_OK);
    assert_non_null(block);
    assert_string_equal(block,
                        "\"aliases\": {\n"
                        "  \"organisation\": {\"Leeds CC\": \"Leeds City "
                        "Council\", \"Clarion\": \"Clarion Housing Group\"},\n"
                        "  \"sector\": {\"VCS\": \"voluntary\"}\n"
                        "}");
    als_free(block);
    assert_int_equal(als_problem_alias_suggestions(NULL, &block, NULL),
                     ALS_EINVAL);
    als_problem_free(p);
    free(j);
    /* none: NULL */
    j = json("{'programme': {'set_size': 4}, 'applicants': ["
             ORG("a", "Leeds City Council") "]}");
    assert_int_equal(als_problem_from_json(&p, j, strlen(j), NULL, NULL),
                     ALS_OK);
    block = (char *)"x";
    assert_int_equal(als_problem_alias_suggestions(p, &block, NULL), ALS_OK);
    assert_null(block);
    als_problem_free(p);
    free(j);
}

/* ---- the spreadsheet import ------------------------------------------ */

static const char sheet[] = "Name,Organisation,Sector\n"
                            "Ann Ash,Leeds City Council,public\n"
                            "Bob Birch,Leeds CC,public\n"
                            "Cat Cole,Leeds City Council,VCS\n"
                            "Dan Dale,Leeds Beckett University,voluntary\n"
                            "Eve Elm,Leeds Beckett University,voluntary\n";

static void test_variants__import_warns_at_rows(void **state)
{
    (void)state;
    for (int strict = 0; strict < 2; strict++) {
        als_import_options o;
        als_import_options_init(&o);
        o.strict = strict;
        als_diag *d = NULL;
        char *out = NULL;
        size_t len = 0;
        assert_int_equal(als_diag_new(&d), ALS_OK);
        als_status rc = als_import_csv(sheet, strlen(sheet), NULL, 0, &o,
                                       &out, &len, d, NULL);
        assert_int_equal(rc, strict ? ALS_ESCHEMA : ALS_OK);
        assert_int_equal(als_diag_count(d), 2);
        const als_error *e = als_diag_get(d, 0);
        assert_int_equal(e->severity, strict ? ALS_SEV_ERROR : ALS_SEV_WARNING);
        assert_int_equal(e->line, 3);
        assert_int_equal(e->column, 2);
        assert_non_null(strstr(e->message, "{\"organisation\": {\"Leeds CC\": "
                                           "\"Leeds City Council\"}}"));
        e = als_diag_get(d, 1);
        assert_int_equal(e->line, 4);
        assert_int_equal(e->column, 3);
        assert_non_null(strstr(e->message, "{\"VCS\": \"voluntary\"}"));
        als_free(out);
        als_diag_free(d);
    }
}

static void test_variants__import_applies_the_programme_aliases(void **state)
{
    (void)state;
    char *prog = json("{'// about': 'a programme with aliases',"
                      " 'programme': {'set_size': 4, 'aliases': {"
                      "'organisation': {'Leeds CC': 'Leeds City Council'},"
                      " 'sector': {'VCS': 'voluntary'}}}}");
    als_diag *d = NULL;
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    als_import_options o;
    als_import_options_init(&o);
    o.strict = 1;
    als_status rc = als_import_csv(sheet, strlen(sheet), prog, strlen(prog),
                                   &o, &out, &len, d, NULL);
    if (rc != ALS_OK)
        print_diag(d);
    assert_int_equal(rc, ALS_OK);
    assert_int_equal(als_diag_count(d), 0);
    als_problem *p = NULL;
    assert_int_equal(als_problem_from_json(&p, out, len, NULL, NULL), ALS_OK);
    assert_string_equal(als_problem_applicant_organisation(p, 1),
                        "Leeds City Council");
    assert_string_equal(als_problem_applicant_sector(p, 2), "voluntary");
    assert_int_equal(als_problem_organisation_count(p), 2);
    assert_int_equal(als_problem_alias_count(p, ALS_LABEL_ORGANISATION), 1);
    als_problem_free(p);
    als_free(out);
    als_diag_free(d);
    free(prog);
}

/* ---- scale ------------------------------------------------------------ */

static void test_variants__many_labels_quickly(void **state)
{
    (void)state;
    /* 20,000 applicants of 10,000 organisations, half of them spelt two
       ways: found in well under a second (linear-logarithmic) */
    size_t n = 20000;
    als_builder *b = NULL;
    assert_int_equal(als_builder_new(&b, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 4, 8, NULL), ALS_OK);
    char id[32], org[64];
    for (size_t i = 0; i < n; i++) {
        als_applicant a = ALS_APPLICANT_INIT;
        snprintf(id, sizeof id, "a%zu", i);
        size_t o = i / 2;
        snprintf(org, sizeof org,
                 (i % 4 == 3) ? "Town %zu City Council" : "Town %zu CC", o);
        a.id = id;
        a.organisation = org;
        assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    }
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, NULL, NULL), ALS_OK);
    char *block = NULL;
    clock_t t0 = clock();
    assert_int_equal(als_problem_alias_suggestions(p, &block, NULL), ALS_OK);
    double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_non_null(block);
    /* as common as each other: the longer is the name */
    assert_non_null(strstr(block, "\"Town 1 CC\": \"Town 1 City "
                                  "Council\""));
    assert_null(strstr(block, "\"Town 0 CC\""));
    assert_true(s < 2.0);
    als_free(block);
    als_problem_free(p);
    als_builder_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variants__case_punctuation_and_short_forms),
        cmocka_unit_test(test_variants__initialisms),
        cmocka_unit_test(test_variants__false_positives),
        cmocka_unit_test(test_variants__sector_families),
        cmocka_unit_test(test_variants__too_many_sectors),
        cmocka_unit_test(test_variants__aliases_settle_them),
        cmocka_unit_test(test_variants__suggestions_in_one_block),
        cmocka_unit_test(test_variants__import_warns_at_rows),
        cmocka_unit_test(test_variants__import_applies_the_programme_aliases),
        cmocka_unit_test(test_variants__many_labels_quickly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
/* clang-format on */
