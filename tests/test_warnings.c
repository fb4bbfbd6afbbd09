/*
 * Tests of als_problem_warnings() (libals/problem.c): what a coordinator
 * should see before allocating. Each cohort is valid (reading it succeeds
 * with no diagnostic at all) and has exactly the warnings expected, each of
 * severity warning with its path and the names or numbers concerned.
 *
 * Documents are written with single quotes for readability; json() turns
 * them into JSON (no id or label here contains a quote).
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
#include <time.h>

#include "als.h"
#include "support.h"

/*
 * Read `cohort` (which must succeed without any diagnostic: warnings never
 * make reading fail) and return its warnings. Free with als_diag_free().
 */
static als_diag *warnings_of(const char *cohort)
{
    char *j = json(cohort);
    als_problem *p = NULL;
    als_diag *read_diag = NULL, *d = NULL;
    als_error e;
    assert_int_equal(als_diag_new(&read_diag), ALS_OK);
    als_status rc = als_problem_from_json(&p, j, strlen(j), read_diag, &e);
    free(j);
    if (rc != ALS_OK || als_diag_count(read_diag) != 0) {
        print_message("reading the cohort gave %s:\n", als_status_str(rc));
        print_diag(read_diag);
    }
    assert_int_equal(rc, ALS_OK);
    assert_int_equal(als_diag_count(read_diag), 0);
    als_diag_free(read_diag);

    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_int_equal(als_problem_warnings(p, d, &e), ALS_OK);
    als_problem_free(p);
    /* warnings only, never errors */
    assert_int_equal(als_diag_errors(d), 0);
    for (size_t k = 0; k < als_diag_count(d); k++)
        assert_int_equal(als_diag_get(d, k)->severity, ALS_SEV_WARNING);
    return d;
}

/* Assert that `cohort` has exactly one warning, at `path`, whose message
   holds every needle (NULL-terminated list). */
static void expect_one_warning(const char *cohort, const char *path, ...)
{
    als_diag *d = warnings_of(cohort);
    if (als_diag_count(d) != 1) {
        print_diag(d);
        als_diag_free(d);
        fail_msg("expected exactly one warning");
    }
    const als_error *w = als_diag_get(d, 0);
    if (strcmp(w->path, path) != 0) {
        print_diag(d);
        als_diag_free(d);
        fail_msg("expected the warning at '%s'", path);
    }
    va_list ap;
    va_start(ap, path);
    for (const char *needle = va_arg(ap, const char *); needle != NULL;
         needle = va_arg(ap, const char *)) {
        if (strstr(w->message, needle) == NULL) {
            va_end(ap);
            print_diag(d);
            als_diag_free(d);
            fail_msg("expected \"%s\" in the warning", needle);
        }
    }
    va_end(ap);
    als_diag_free(d);
}

static void expect_no_warning(const char *cohort)
{
    als_diag *d = warnings_of(cohort);
    if (als_diag_count(d) != 0) {
        print_diag(d);
        als_diag_free(d);
        fail_msg("expected no warning");
    }
    als_diag_free(d);
}

/* ------------------------------------------------------------------ */
/* Council nominations                                                 */

static void test_warnings__council_lacks_officer(void **state)
{
    (void)state;
    expect_one_warning(
        "{'programme':{'set_size':{'min':2,'max':4}},"
        "'applicants':[{'id':'a'},"
        "{'id':'k1','council':'Kirklees','role':'councillor'},"
        "{'id':'k2','council':'Kirklees','role':'manager'},{'id':'b'}]}",
        "applicants[1].council", "'Kirklees'", "no officer", "k1", "k2", NULL);
}

static void test_warnings__council_lacks_councillor(void **state)
{
    (void)state;
    expect_one_warning("{'programme':{'set_size':{'min':2,'max':4}},"
                       "'applicants':[{'id':'a'},{'id':'b'},"
                       "{'id':'k1','council':'Wakefield','role':'Officer'},"
                       "{'id':'k2','council':' wakefield'}]}",
                       "applicants[2].council", "'Wakefield'", "no councillor",
                       NULL);
}

static void test_warnings__council_lacks_both(void **state)
{
    (void)state;
    expect_one_warning("{'programme':{'set_size':{'min':2,'max':4}},"
                       "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'},"
                       "{'id':'k1','council':'Leeds','role':'director'}]}",
                       "applicants[3].council", "'Leeds'",
                       "neither an officer nor a councillor", NULL);
}

static void
test_warnings__council_path_names_a_member_with_the_council(void **state)
{
    (void)state;
    /* j comes first in the unit (joined by together) but has no council:
       the path is that of k, whose council field is at fault */
    expect_one_warning("{'programme':{'set_size':{'min':2,'max':4}},"
                       "'applicants':[{'id':'a'},"
                       "{'id':'j','together':'pair','role':'councillor'},"
                       "{'id':'k','together':'pair','council':'Hull',"
                       "'role':'councillor'}]}",
                       "applicants[2].council", "'Hull'", "no officer", NULL);
}

static void test_warnings__council_nomination_complete(void **state)
{
    (void)state;
    expect_no_warning("{'programme':{'set_size':{'min':2,'max':4}},"
                      "'applicants':[{'id':'a'},"
                      "{'id':'k1','council':'Leeds','role':'councillor'},"
                      "{'id':'k2','council':'Leeds','role':'officer'}]}");
    /* without council_pairs a council is only an organisation */
    expect_no_warning("{'programme':{'set_size':{'min':2,'max':4},"
                      "'rules':{'council_pairs':false}},"
                      "'applicants':[{'id':'a'},"
                      "{'id':'k1','council':'Leeds'}]}");
}

/* ------------------------------------------------------------------ */
/* Days                                                                */

static void test_warnings__applicant_can_make_no_day(void **state)
{
    (void)state;
    expect_one_warning("{'programme':{'days':['mon','tue'],"
                       "'set_size':{'min':2,'max':4}},"
                       "'applicants':[{'id':'a'},{'id':'b',"
                       "'availability':[]},{'id':'c'}]}",
                       "applicants[1].availability", "'b'", NULL);
}

static void test_warnings__unit_shares_no_day(void **state)
{
    (void)state;
    /* each can make a day, but not the same one */
    expect_one_warning(
        "{'programme':{'days':['mon','tue','wed'],"
        "'set_size':{'min':2,'max':4}},"
        "'applicants':[{'id':'a'},"
        "{'id':'j1','together':'js','availability':['mon','wed']},"
        "{'id':'b'},{'id':'j2','together':'js','availability':['tue']}]}",
        "applicants[1].availability", "j1", "j2", NULL);
}

/* ------------------------------------------------------------------ */
/* Places                                                              */

static void test_warnings__more_applicants_than_fixed_places(void **state)
{
    (void)state;
    /* A holds at most 2 (the programme's max), B at most 3: 5 places;
       6 active applicants (g has withdrawn) -> 1 left out */
    expect_one_warning(
        "{'programme':{'set_size':{'min':2,'max':2},"
        "'sets':[{'id':'A'},{'id':'B','set_size':{'min':1,'max':3}}]},"
        "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'},{'id':'d'},"
        "{'id':'e'},{'id':'f'},{'id':'g','withdrawn':true}]}",
        "applicants", "6 applicants", "5 places", "1 will be left out", NULL);
}

static void test_warnings__more_applicants_than_capped_places(void **state)
{
    (void)state;
    /* at most 2 sets of at most 3: 6 places; 8 applicants -> 2 left out */
    expect_one_warning(
        "{'programme':{'set_size':{'min':2,'max':3},'sets':2},"
        "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'},{'id':'d'},"
        "{'id':'e'},{'id':'f'},{'id':'g'},{'id':'h'}]}",
        "applicants", "8 applicants", "6 places", "2 will be left out", NULL);
}

static void test_warnings__places_exactly_enough(void **state)
{
    (void)state;
    /* 6 active applicants (g has withdrawn) for 2 sets of 3 */
    expect_no_warning("{'programme':{'set_size':{'min':2,'max':3},'sets':2},"
                      "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'},"
                      "{'id':'d'},{'id':'e'},{'id':'f'},"
                      "{'id':'g','withdrawn':true}]}");
    /* no fixed sets and no cap: as many sets as needed, no limit */
    expect_no_warning("{'programme':{'set_size':{'min':2,'max':2}},"
                      "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'},"
                      "{'id':'d'},{'id':'e'},{'id':'f'},{'id':'g'}]}");
}

static void test_warnings__fewer_applicants_than_smallest_minimum(void **state)
{
    (void)state;
    expect_one_warning("{'programme':{'set_size':{'min':4,'max':5}},"
                       "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'}]}",
                       "programme.set_size", "3 applicants", "at least 4",
                       NULL);
    /* the only fixed set needs 5 although the programme's minimum is 2 */
    expect_one_warning("{'programme':{'set_size':{'min':2,'max':6},"
                       "'sets':[{'id':'A','set_size':{'min':5,'max':6}}]},"
                       "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'}]}",
                       "programme.set_size", "3 applicants", "at least 5",
                       NULL);
}

static void test_warnings__enough_for_the_smallest_fixed_set(void **state)
{
    (void)state;
    /* B can open with 2 although the programme's minimum is 4 */
    expect_no_warning("{'programme':{'set_size':{'min':4,'max':5},"
                      "'sets':[{'id':'A'},"
                      "{'id':'B','set_size':{'min':2,'max':3}}]},"
                      "'applicants':[{'id':'a'},{'id':'b'},{'id':'c'}]}");
}

static void test_warnings__no_applicants(void **state)
{
    (void)state;
    expect_one_warning("{'programme':{'set_size':{'min':2,'max':4}},"
                       "'applicants':[]}",
                       "applicants", "no applicants", NULL);
    /* everyone withdrawn is the same */
    expect_one_warning("{'programme':{'set_size':{'min':2,'max':4}},"
                       "'applicants':[{'id':'a','withdrawn':true}]}",
                       "applicants", "no applicants", NULL);
}

/* ------------------------------------------------------------------ */
/* Clean and combined cohorts                                          */

static void test_warnings__clean_cohort_has_none(void **state)
{
    (void)state;
    expect_no_warning(
        "{'programme':{'days':['mon','tue'],'set_size':{'min':2,'max':4},"
        "'sets':[{'id':'A','day':'mon'},{'id':'B'}]},"
        "'applicants':[{'id':'a','availability':['mon']},"
        "{'id':'k1','council':'Leeds','role':'officer','availability':"
        "['tue']},"
        "{'id':'k2','council':'Leeds','role':'councillor'},"
        "{'id':'j1','together':'js','availability':['mon','tue']},"
        "{'id':'j2','together':'js','availability':['tue']},"
        "{'id':'b','withdrawn':true,'availability':[]}]}");
}

static void test_warnings__many_at_once_reading_still_succeeds(void **state)
{
    (void)state;
    /* a council lacking a councillor, an applicant with no day, and more
       applicants than the one set's 2 places: three warnings */
    als_diag *d =
        warnings_of("{'programme':{'days':['mon'],'set_size':{'min':2,'max':2},"
                    "'sets':1},"
                    "'applicants':[{'id':'a'},{'id':'b','availability':[]},"
                    "{'id':'k1','council':'York','role':'officer'}]}");
    size_t n = als_diag_count(d);
    if (n != 3)
        print_diag(d);
    assert_int_equal(n, 3);
    bool council = false, day = false, places = false;
    for (size_t k = 0; k < n; k++) {
        const als_error *w = als_diag_get(d, k);
        council |= strcmp(w->path, "applicants[2].council") == 0 &&
                   strstr(w->message, "'York'") != NULL;
        day |= strcmp(w->path, "applicants[1].availability") == 0 &&
               strstr(w->message, "'b'") != NULL;
        places |= strcmp(w->path, "applicants") == 0 &&
                  strstr(w->message, "3 applicants") != NULL &&
                  strstr(w->message, "2 places") != NULL;
    }
    als_diag_free(d);
    assert_true(council);
    assert_true(day);
    assert_true(places);
}

static void test_warnings__null_problem_is_rejected(void **state)
{
    (void)state;
    als_diag *d = NULL;
    als_error e;
    memset(&e, 0, sizeof e);
    assert_int_equal(als_diag_new(&d), ALS_OK);
    assert_int_equal(als_problem_warnings(NULL, d, &e), ALS_EINVAL);
    assert_int_equal(e.code, ALS_EINVAL);
    assert_int_equal(als_diag_count(d), 0);
    als_diag_free(d);
}

/* ------------------------------------------------------------------ */
/* Likely duplicate applications                                       */

#define DUP_PROGRAMME "'programme':{'set_size':{'min':1,'max':4}}"

static void test_warnings__duplicate_email(void **state)
{
    (void)state;
    expect_one_warning("{" DUP_PROGRAMME ",'applicants':["
                       "{'id':'a','name':'Jo Smith','email':'jo@x.org'},"
                       "{'id':'b','name':'Bo'},"
                       "{'id':'c','name':'J. Smith','email':' JO@X.org '}]}",
                       "applicants[2]", "'c' (J. Smith)",
                       "applicants[0] 'a' (Jo Smith)", "same e-mail",
                       "the later one is left waiting", NULL);
    /* a withdrawn application is no duplicate */
    expect_no_warning("{" DUP_PROGRAMME ",'applicants':["
                      "{'id':'a','email':'jo@x.org','withdrawn':true},"
                      "{'id':'c','email':'jo@x.org'}]}");
}

static void test_warnings__duplicate_name_in_an_organisation(void **state)
{
    (void)state;
    expect_one_warning("{" DUP_PROGRAMME ",'applicants':["
                       "{'id':'a','name':'Jo Smith','organisation':'Leeds'},"
                       "{'id':'b','name':'Jo Smith','organisation':'York'},"
                       "{'id':'c','name':' jo  SMITH ','organisation':"
                       "'LEEDS'}]}",
                       "applicants[2]", "applicants[0] 'a' (Jo Smith)",
                       "same name", "same organisation (Leeds)", NULL);
    /* neither giving an organisation */
    expect_one_warning("{" DUP_PROGRAMME ",'applicants':["
                       "{'id':'a','name':'Jo Smith'},"
                       "{'id':'b','name':'Jo Smith'}]}",
                       "applicants[1]", "neither giving an organisation", NULL);
    /* similar is not the same */
    expect_no_warning("{" DUP_PROGRAMME ",'applicants':["
                      "{'id':'a','name':'Jo Smith','organisation':'Leeds'},"
                      "{'id':'b','name':'Jo Smithers','organisation':"
                      "'Leeds'},"
                      "{'id':'c','name':'Jo Smith'}]}");
}

static void test_warnings__first_name_a_prefix(void **state)
{
    (void)state;
    expect_one_warning("{" DUP_PROGRAMME ",'applicants':["
                       "{'id':'a','name':'Gareth Rogers','organisation':'E'},"
                       "{'id':'b','name':'Gar Rogers','organisation':'E'}]}",
                       "applicants[1]",
                       "'b' (Gar Rogers) may be the same "
                       "person as applicants[0] 'a' (Gareth Rogers)",
                       "same surname and organisation (E)", NULL);
    /* the chain: Gar starts both Garbo and Gareth, Garbo not Gareth */
    als_diag *d = warnings_of("{" DUP_PROGRAMME ",'applicants':["
                              "{'id':'a','name':'Gar Rogers','organisation':"
                              "'E'},{'id':'b','name':'Garbo Rogers',"
                              "'organisation':'E'},{'id':'c','name':"
                              "'Gareth Rogers','organisation':'E'}]}");
    assert_int_equal(als_diag_count(d), 2);
    assert_string_equal(als_diag_get(d, 0)->path, "applicants[1]");
    assert_string_equal(als_diag_get(d, 1)->path, "applicants[2]");
    assert_non_null(strstr(als_diag_get(d, 1)->message, "applicants[0]"));
    als_diag_free(d);
    /* another organisation, or another surname: no */
    expect_no_warning("{" DUP_PROGRAMME ",'applicants':["
                      "{'id':'a','name':'Gareth Rogers','organisation':'E'},"
                      "{'id':'b','name':'Gar Rogers','organisation':'F'},"
                      "{'id':'c','name':'Gar Rodgers','organisation':'E'}]}");
}

/* n log n: 100,000 applicants, among them 100 pairs of each kind. */
static void test_warnings__duplicates_at_scale(void **state)
{
    (void)state;
    const size_t n = 100000;
    als_builder *b = NULL;
    assert_int_equal(als_builder_new(&b, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 4, 8, NULL), ALS_OK);
    char id[32], name[64], org[32], email[64];
    for (size_t i = 0; i < n; i++) {
        als_applicant a = ALS_APPLICANT_INIT;
        size_t k = i % 1000 == 999 ? i - 1 : i; /* 100 of each: a twin */
        int kind = (int)(i / 1000 % 3);
        snprintf(id, sizeof id, "p%zu", i);
        snprintf(name, sizeof name, "%sName%zu Surname%zu",
                 k != i && kind == 2 ? "X" : "", k, k / 7);
        snprintf(org, sizeof org, "Org %zu", k % 5000);
        snprintf(email, sizeof email, "p%zu@%s.example",
                 k != i && kind != 0 ? i : k, "x");
        a.id = id;
        a.name = name;
        a.organisation = org;
        a.email = email;
        if (k != i && kind == 2) /* a first name that the other's starts */
            snprintf(name, sizeof name, "Name%zuX Surname%zu", k, k / 7);
        assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    }
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, NULL, NULL), ALS_OK);
    als_builder_free(b);
    als_diag *d = NULL;
    assert_int_equal(als_diag_new(&d), ALS_OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(als_problem_warnings(p, d, NULL), ALS_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    print_message("duplicates among %zu applicants: %.3f s, %zu warnings\n", n,
                  secs, als_diag_total(d));
    /* every twin found, of each kind, and nothing else */
    size_t by_email = 0, same = 0, prefix = 0;
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const char *m = als_diag_get(d, k)->message;
        by_email += strstr(m, "same e-mail") != NULL;
        same += strstr(m, "same name") != NULL;
        prefix += strstr(m, "first name starts") != NULL;
    }
    assert_int_equal(als_diag_total(d), 100);
    assert_int_equal(by_email + same + prefix, als_diag_count(d));
    assert_true(by_email > 0 && same > 0 && prefix > 0);
    assert_true(secs < 5.0);
    als_diag_free(d);
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_warnings__council_lacks_officer),
        cmocka_unit_test(test_warnings__council_lacks_councillor),
        cmocka_unit_test(test_warnings__council_lacks_both),
        cmocka_unit_test(
            test_warnings__council_path_names_a_member_with_the_council),
        cmocka_unit_test(test_warnings__council_nomination_complete),
        cmocka_unit_test(test_warnings__applicant_can_make_no_day),
        cmocka_unit_test(test_warnings__unit_shares_no_day),
        cmocka_unit_test(test_warnings__more_applicants_than_fixed_places),
        cmocka_unit_test(test_warnings__more_applicants_than_capped_places),
        cmocka_unit_test(test_warnings__places_exactly_enough),
        cmocka_unit_test(test_warnings__fewer_applicants_than_smallest_minimum),
        cmocka_unit_test(test_warnings__enough_for_the_smallest_fixed_set),
        cmocka_unit_test(test_warnings__no_applicants),
        cmocka_unit_test(test_warnings__clean_cohort_has_none),
        cmocka_unit_test(test_warnings__many_at_once_reading_still_succeeds),
        cmocka_unit_test(test_warnings__null_problem_is_rejected),
        cmocka_unit_test(test_warnings__duplicate_email),
        cmocka_unit_test(test_warnings__duplicate_name_in_an_organisation),
        cmocka_unit_test(test_warnings__first_name_a_prefix),
        cmocka_unit_test(test_warnings__duplicates_at_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
