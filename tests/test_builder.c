/*
 * Tests of the cohort builder (als_builder_*): a cohort built from C with
 * every setter reads back through the problem accessors; errors carry the
 * JSON path the value would have in a cohort document; misuse is refused
 * with ALS_EINVAL; a builder can be finished more than once. Also the
 * small API surface around it: status names, version and NULL-safe frees.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "als.h"
#include "als_internal.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static als_builder *new_builder(void)
{
    als_builder *b = NULL;
    als_error err;
    assert_int_equal(als_builder_new(&b, &err), ALS_OK);
    assert_non_null(b);
    return b;
}

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
        print_error("  [%zu] code=%d path='%s': %s\n", k, (int)e->code, e->path,
                    e->message);
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

/* Finish and expect success. */
static als_problem *finish_ok(const als_builder *b)
{
    als_problem *p = NULL;
    als_diag *d = new_diag();
    als_error err;
    als_status rc = als_builder_finish(b, &p, d, &err);
    if (rc != ALS_OK || !p)
        dump_diag(d);
    als_diag_free(d);
    assert_int_equal(rc, ALS_OK);
    assert_non_null(p);
    return p;
}

/* Add an applicant with only an id. */
static void add_id(als_builder *b, const char *id)
{
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = id;
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
}

/* A call that must fail with `code` and put `path` in err. */
#define EXPECT_FAIL(call, want_code, want_path)                                \
    do {                                                                       \
        als_error err_;                                                        \
        memset(&err_, 0, sizeof err_);                                         \
        als_error *err = &err_;                                                \
        assert_int_equal((call), (want_code));                                 \
        assert_int_equal(err_.code, (want_code));                              \
        assert_string_equal(err_.path, (want_path));                           \
        assert_true(err_.message[0] != '\0');                                  \
    } while (0)

/* ------------------------------------------------------------------ */
/* A full cohort                                                       */

static void test_builder__every_setter(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    static const char *const days[] = {"Tue", "thu"};
    static const char *const levels[] = {"officer", "manager", "head"};
    assert_int_equal(als_builder_set_name(b, "Spring VALS", NULL), ALS_OK);
    assert_int_equal(als_builder_set_days(b, days, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 4, 6, NULL), ALS_OK);
    assert_int_equal(
        als_builder_add_set(b, "A", "tue", ALS_NONE, ALS_NONE, NULL), ALS_OK);
    assert_int_equal(als_builder_add_set(b, "B", NULL, 5, 6, NULL), ALS_OK);
    assert_int_equal(als_builder_set_seniority_levels(b, levels, 3, NULL),
                     ALS_OK);
    assert_int_equal(
        als_builder_rule_organisation(b, ALS_ORG_PREFER_DISTINCT, 2.5, NULL),
        ALS_OK);
    assert_int_equal(als_builder_rule_sector(b, ALS_SECTOR_IGNORE, 0, NULL),
                     ALS_OK);
    assert_int_equal(
        als_builder_rule_seniority(b, ALS_SENIORITY_MIXED, 3, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_rule_council_pairs(b, 0, NULL), ALS_OK);
    assert_int_equal(als_builder_set_solver(b, ALS_METHOD_EXACT, 5.5, 42, NULL),
                     ALS_OK);

    static const char *const avail[] = {"THU"};
    static const char *const apart[] = {"p2"};
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "p1";
    a.name = "A. Person";
    a.organisation = "Org";
    a.sector = "health";
    a.seniority_name = "Head";
    a.availability = avail;
    a.availability_count = 1;
    a.council = "Leeds";
    a.role = "officer";
    a.together = "t";
    a.apart = apart;
    a.apart_count = 1;
    a.priority = 5;
    a.set = "B";
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    als_applicant a2;
    als_applicant_init(&a2);
    a2.id = "p2";
    a2.seniority = 1;
    assert_int_equal(als_builder_add_applicant(b, &a2, NULL), ALS_OK);
    als_applicant a3 = ALS_APPLICANT_INIT;
    a3.id = "p3";
    a3.together = " T ";
    assert_int_equal(als_builder_add_applicant(b, &a3, NULL), ALS_OK);
    als_applicant a4 = ALS_APPLICANT_INIT;
    a4.id = "p4";
    a4.withdrawn = 1;
    assert_int_equal(als_builder_add_applicant(b, &a4, NULL), ALS_OK);
    assert_int_equal(als_builder_add_pair(b, "p1", "p3", 2.0, NULL), ALS_OK);
    assert_int_equal(als_builder_add_pair(b, "p3", "p2", -1.5, NULL), ALS_OK);

    als_problem *p = finish_ok(b);
    als_builder_free(b);

    int min = 0, max = 0, spread = 0;
    double w = 0;
    assert_string_equal(als_problem_name(p), "Spring VALS");
    assert_int_equal(als_problem_day_count(p), 2);
    assert_string_equal(als_problem_day(p, 0), "Tue");
    assert_string_equal(als_problem_day(p, 1), "thu");
    als_problem_set_size(p, &min, &max);
    assert_int_equal(min, 4);
    assert_int_equal(max, 6);
    assert_int_equal(als_problem_fixed_set_count(p), 2);
    assert_string_equal(als_problem_fixed_set_id(p, 0), "A");
    assert_string_equal(als_problem_fixed_set_day(p, 0), "Tue");
    assert_null(als_problem_fixed_set_day(p, 1));
    als_problem_fixed_set_size(p, 0, &min, &max);
    assert_int_equal(min, 4);
    assert_int_equal(max, 6);
    als_problem_fixed_set_size(p, 1, &min, &max);
    assert_int_equal(min, 5);
    assert_int_equal(max, 6);
    assert_int_equal(als_problem_max_sets(p), ALS_NONE);
    assert_int_equal(als_problem_level_name_count(p), 3);
    assert_string_equal(als_problem_level_name(p, 1), "manager");
    assert_int_equal(als_problem_org_mode(p, &w), ALS_ORG_PREFER_DISTINCT);
    assert_true(w == 2.5);
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_IGNORE);
    assert_true(w == 0.0);
    assert_int_equal(als_problem_seniority_mode(p, &w, &spread),
                     ALS_SENIORITY_MIXED);
    assert_true(w == 3.0);
    assert_int_equal(spread, 2);
    assert_int_equal(als_problem_council_pairs(p), 0);
    assert_int_equal(p->method, ALS_METHOD_EXACT);
    assert_true(p->time_limit_s == 5.5);
    assert_int_equal(p->seed, 42);

    assert_int_equal(als_problem_applicant_count(p), 4);
    assert_int_equal(als_problem_active_count(p), 3);
    assert_string_equal(als_problem_applicant_id(p, 0), "p1");
    assert_string_equal(als_problem_applicant_name(p, 0), "A. Person");
    assert_string_equal(als_problem_applicant_organisation(p, 0), "Org");
    assert_string_equal(als_problem_applicant_sector(p, 0), "health");
    assert_string_equal(als_problem_applicant_council(p, 0), "Leeds");
    assert_string_equal(als_problem_applicant_role(p, 0), "officer");
    assert_int_equal(als_problem_applicant_level(p, 0), 2);
    assert_int_equal(als_problem_applicant_level(p, 1), 1);
    assert_int_equal(als_problem_applicant_level(p, 2), ALS_NONE);
    assert_int_equal(als_problem_applicant_priority(p, 0), 5);
    assert_int_equal(als_problem_applicant_available(p, 0, 0), 0);
    assert_int_equal(als_problem_applicant_available(p, 0, 1), 1);
    assert_int_equal(als_problem_applicant_available(p, 1, 0), 1);
    assert_int_equal(als_problem_applicant_pin(p, 0), 1);
    assert_int_equal(als_problem_applicant_pin(p, 2), (size_t)-1);
    assert_int_equal(als_problem_applicant_withdrawn(p, 3), 1);
    assert_int_equal(als_problem_applicant_unit(p, 3), (size_t)-1);
    /* p1 and p3 share the together label 't' */
    assert_int_equal(als_problem_unit_count(p), 2);
    assert_int_equal(als_problem_applicant_unit(p, 0),
                     als_problem_applicant_unit(p, 2));
    assert_int_equal(als_problem_unit_size(p, als_problem_applicant_unit(p, 0)),
                     2);
    assert_int_equal(als_problem_pair_count(p), 2);
    assert_int_equal(als_problem_find(p, "p4"), 3);
    als_problem_free(p);
}

static void test_builder__integer_sets_cap(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 3, 3, NULL), ALS_OK);
    assert_int_equal(als_builder_set_max_sets(b, 7, NULL), ALS_OK);
    add_id(b, "x");
    als_problem *p = finish_ok(b);
    assert_int_equal(als_problem_max_sets(p), 7);
    assert_int_equal(als_problem_fixed_set_count(p), 0);
    als_problem_free(p);
    als_builder_free(b);
}

/* set_size.target: set, checked against min..max when finishing. */
static void test_builder__size_target(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 8, 12, NULL), ALS_OK);
    EXPECT_FAIL(als_builder_set_size_target(b, 0, err), ALS_ESCHEMA,
                "programme.set_size.target");
    EXPECT_FAIL(als_builder_set_size_target(NULL, 10, err), ALS_EINVAL, "");
    assert_int_equal(als_builder_set_size_target(b, 10, NULL), ALS_OK);
    als_problem *p = finish_ok(b);
    assert_int_equal(als_problem_set_size_target(p, -1), 10);
    als_problem_free(p);
    /* outside min..max: an error of finishing, at its path */
    assert_int_equal(als_builder_set_size_target(b, 13, NULL), ALS_OK);
    als_diag *d = new_diag();
    p = NULL;
    assert_int_equal(als_builder_finish(b, &p, d, NULL), ALS_ESCHEMA);
    assert_null(p);
    assert_non_null(find_error(d, "programme.set_size.target", "outside"));
    als_diag_free(d);
    /* ALS_NONE: no target */
    assert_int_equal(als_builder_set_size_target(b, ALS_NONE, NULL), ALS_OK);
    p = finish_ok(b);
    assert_int_equal(als_problem_set_size_target(p, -1), ALS_NONE);
    als_problem_free(p);
    als_builder_free(b);
}

static void test_builder__defaults(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 4, 4, NULL), ALS_OK);
    als_problem *p = finish_ok(b);
    double w = 0;
    int spread = 0;
    assert_int_equal(als_problem_applicant_count(p), 0);
    assert_int_equal(als_problem_org_mode(p, &w), ALS_ORG_DISTINCT);
    assert_true(w == 1.0);
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_BALANCE);
    assert_true(w == 1.0);
    assert_int_equal(als_problem_seniority_mode(p, &w, &spread),
                     ALS_SENIORITY_SIMILAR);
    assert_true(w == 1.0);
    assert_int_equal(spread, ALS_NONE);
    assert_int_equal(als_problem_council_pairs(p), 1);
    assert_int_equal(p->method, ALS_METHOD_AUTO);
    assert_true(p->time_limit_s == 10.0);
    assert_int_equal(p->seed, 1);
    als_problem_free(p);
    als_builder_free(b);
}

static void test_builder__empty_availability_means_no_day(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    static const char *const days[] = {"mon", "tue"};
    static const char *const none[] = {NULL};
    assert_int_equal(als_builder_set_days(b, days, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 2, 2, NULL), ALS_OK);
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "given-none";
    a.availability = none; /* an array with no entries */
    a.availability_count = 0;
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    add_id(b, "not-given");
    als_problem *p = finish_ok(b);
    assert_int_equal(als_problem_applicant_available(p, 0, 0), 0);
    assert_int_equal(als_problem_applicant_available(p, 0, 1), 0);
    assert_int_equal(als_problem_applicant_available(p, 1, 0), 1);
    assert_int_equal(als_problem_applicant_available(p, 1, 1), 1);
    als_problem_free(p);
    als_builder_free(b);
}

static void test_builder__strings_are_copied(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    char id[8], org[8], day[8], name[8];
    strcpy(id, "p1");
    strcpy(org, "Org");
    strcpy(day, "tue");
    strcpy(name, "Name");
    const char *days[] = {day};
    assert_int_equal(als_builder_set_name(b, name, NULL), ALS_OK);
    assert_int_equal(als_builder_set_days(b, days, 1, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 1, 1, NULL), ALS_OK);
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = id;
    a.organisation = org;
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    strcpy(id, "XX");
    strcpy(org, "YY");
    strcpy(day, "ZZ");
    strcpy(name, "WW");
    als_problem *p = finish_ok(b);
    als_builder_free(b);
    assert_string_equal(als_problem_applicant_id(p, 0), "p1");
    assert_string_equal(als_problem_applicant_organisation(p, 0), "Org");
    assert_string_equal(als_problem_day(p, 0), "tue");
    assert_string_equal(als_problem_name(p), "Name");
    als_problem_free(p);
}

/* ------------------------------------------------------------------ */
/* Errors found by finish carry JSON paths                             */

static void test_builder__finish_errors_have_json_paths(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    static const char *const days[] = {"tue"};
    static const char *const apart[] = {"p1", "zzz"};
    static const char *const avail[] = {"tue", "wed"};
    assert_int_equal(als_builder_set_days(b, days, 1, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 2, 4, NULL), ALS_OK);
    /* with fixed sets, a pin to another set is an error */
    assert_int_equal(
        als_builder_add_set(b, "A", NULL, ALS_NONE, ALS_NONE, NULL), ALS_OK);
    add_id(b, "p1");
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "p2";
    a.apart = apart;
    a.apart_count = 2;
    a.availability = avail;
    a.availability_count = 2;
    a.seniority_name = "boss";
    a.set = "Z";
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    assert_int_equal(als_builder_add_pair(b, "nobody", "p1", 1, NULL), ALS_OK);
    assert_int_equal(als_builder_add_pair(b, "p1", "p2", 1, NULL), ALS_OK);
    assert_int_equal(als_builder_add_pair(b, "p2", "p1", 1, NULL), ALS_OK);

    als_problem *p = (als_problem *)&p; /* must be overwritten */
    als_diag *d = new_diag();
    als_error err;
    assert_int_equal(als_builder_finish(b, &p, d, &err), ALS_ESCHEMA);
    assert_null(p);
    static const char *const paths[] = {"applicants[1].apart[1]",
                                        "applicants[1].availability[1]",
                                        "applicants[1].seniority",
                                        "applicants[1].set",
                                        "pairs[0].a",
                                        "pairs[2]"};
    bool all = true;
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++)
        if (!find_error(d, paths[k], NULL)) {
            print_error("no error at %s\n", paths[k]);
            all = false;
        }
    if (!all)
        dump_diag(d);
    assert_true(all);
    assert_int_equal(als_diag_errors(d), 6);
    assert_non_null(find_error(d, "applicants[1].apart[1]", "'zzz'"));
    assert_non_null(find_error(d, "pairs[0].a", "'nobody'"));
    assert_non_null(find_error(d, "pairs[2]", "pairs[1]"));
    /* err is the first error in the list */
    assert_string_equal(err.path, als_diag_get(d, 0)->path);
    assert_int_equal(err.code, ALS_ESCHEMA);
    als_diag_free(d);
    als_builder_free(b);
}

static void test_builder__finish_without_set_size(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    add_id(b, "p1");
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_builder_finish(b, &p, NULL, &err), ALS_ESCHEMA);
    assert_null(p);
    assert_string_equal(err.path, "programme.set_size");
    als_builder_free(b);
}

static void test_builder__finish_reports_ids_and_limits(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 1, 3, NULL), ALS_OK);
    char longid[ALS_MAX_ID_BYTES + 2];
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    add_id(b, "a");
    add_id(b, "a");
    als_applicant a = ALS_APPLICANT_INIT;
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    add_id(b, longid);
    a.id = "lvl";
    a.seniority = 1001;
    a.priority = ALS_MAX_PRIORITY + 1;
    assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    als_diag *d = new_diag();
    als_problem *p = NULL;
    als_error err;
    assert_int_equal(als_builder_finish(b, &p, d, &err), ALS_ESCHEMA);
    assert_null(p);
    assert_non_null(find_error(d, "applicants[1].id", "applicants[0]"));
    assert_non_null(find_error(d, "applicants[2]", "missing \"id\""));
    const als_error *e = find_error(d, "applicants[3].id", NULL);
    assert_non_null(e);
    assert_int_equal(e->code, ALS_ELIMIT);
    assert_non_null(find_error(d, "applicants[4].seniority", "1001"));
    assert_non_null(find_error(d, "applicants[4].priority", NULL));
    als_diag_free(d);
    als_builder_free(b);
}

static void test_builder__units_checked_at_finish(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 1, 2, NULL), ALS_OK);
    assert_int_equal(
        als_builder_add_set(b, "A", NULL, ALS_NONE, ALS_NONE, NULL), ALS_OK);
    assert_int_equal(
        als_builder_add_set(b, "B", NULL, ALS_NONE, ALS_NONE, NULL), ALS_OK);
    static const char *const apart[] = {"c"};
    const char *ids[] = {"a", "b", "c"};
    for (size_t k = 0; k < 3; k++) {
        als_applicant a = ALS_APPLICANT_INIT;
        a.id = ids[k];
        a.together = "u";
        if (k == 0) {
            a.apart = apart;
            a.apart_count = 1;
            a.set = "A";
        }
        if (k == 2)
            a.set = "B";
        assert_int_equal(als_builder_add_applicant(b, &a, NULL), ALS_OK);
    }
    als_diag *d = new_diag();
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, d, NULL), ALS_ESCHEMA);
    assert_null(p);
    assert_non_null(find_error(d, "applicants[0].together", "larger"));
    assert_non_null(find_error(d, "applicants[0].apart[0]", "one unit"));
    assert_non_null(find_error(d, "applicants[2].set", "pinned"));
    als_diag_free(d);
    als_builder_free(b);
}

/* ------------------------------------------------------------------ */
/* Errors from the setters                                             */

static void test_builder__setter_errors_have_json_paths(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    EXPECT_FAIL(als_builder_set_size(b, 0, 4, err), ALS_ESCHEMA,
                "programme.set_size.min");
    EXPECT_FAIL(als_builder_set_size(b, 4, 1001, err), ALS_ESCHEMA,
                "programme.set_size.max");
    EXPECT_FAIL(als_builder_set_size(b, 5, 4, err), ALS_ESCHEMA,
                "programme.set_size");
    EXPECT_FAIL(
        als_builder_rule_organisation(b, ALS_ORG_PREFER_DISTINCT, -1, err),
        ALS_ESCHEMA, "programme.rules.organisation.weight");
    EXPECT_FAIL(als_builder_rule_sector(b, ALS_SECTOR_BALANCE, NAN, err),
                ALS_ESCHEMA, "programme.rules.sector.weight");
    EXPECT_FAIL(als_builder_rule_seniority(b, ALS_SENIORITY_SIMILAR, INFINITY,
                                           ALS_NONE, err),
                ALS_ESCHEMA, "programme.rules.seniority.weight");
    EXPECT_FAIL(
        als_builder_rule_seniority(b, ALS_SENIORITY_SIMILAR, 1, 1001, err),
        ALS_ESCHEMA, "programme.rules.seniority.max_spread");
    EXPECT_FAIL(
        als_builder_rule_seniority(b, ALS_SENIORITY_SIMILAR, 1, -2, err),
        ALS_ESCHEMA, "programme.rules.seniority.max_spread");
    EXPECT_FAIL(als_builder_set_solver(b, ALS_METHOD_AUTO, 0, 1, err),
                ALS_ESCHEMA, "programme.solver.time_limit_s");
    EXPECT_FAIL(als_builder_set_solver(b, ALS_METHOD_AUTO, NAN, 1, err),
                ALS_ESCHEMA, "programme.solver.time_limit_s");
    EXPECT_FAIL(als_builder_add_pair(b, "a", "b", INFINITY, err), ALS_ESCHEMA,
                "pairs[0].weight");
    EXPECT_FAIL(als_builder_set_max_sets(b, 0, err), ALS_ESCHEMA,
                "programme.sets");

    static const char *const dup_days[] = {"Mon", "tue", " mon"};
    EXPECT_FAIL(als_builder_set_days(b, dup_days, 3, err), ALS_ESCHEMA,
                "programme.days[2]");
    static const char *const blank_days[] = {"  "};
    EXPECT_FAIL(als_builder_set_days(b, blank_days, 1, err), ALS_ESCHEMA,
                "programme.days[0]");
    static const char *const dup_levels[] = {"Head", "HEAD"};
    EXPECT_FAIL(als_builder_set_seniority_levels(b, dup_levels, 2, err),
                ALS_ESCHEMA, "programme.seniority_levels[1]");
    const char *many[ALS_MAX_DAYS + 1];
    char names[ALS_MAX_DAYS + 1][8];
    for (size_t k = 0; k <= ALS_MAX_DAYS; k++) {
        snprintf(names[k], sizeof names[k], "d%zu", k);
        many[k] = names[k];
    }
    EXPECT_FAIL(als_builder_set_days(b, many, ALS_MAX_DAYS + 1, err),
                ALS_ELIMIT, "programme.days");
    assert_int_equal(als_builder_set_days(b, many, ALS_MAX_DAYS, NULL), ALS_OK);

    assert_int_equal(
        als_builder_add_set(b, "A", NULL, ALS_NONE, ALS_NONE, NULL), ALS_OK);
    EXPECT_FAIL(als_builder_add_set(b, "A", NULL, ALS_NONE, ALS_NONE, err),
                ALS_ESCHEMA, "programme.sets[1].id");
    EXPECT_FAIL(als_builder_add_set(b, "", NULL, ALS_NONE, ALS_NONE, err),
                ALS_ESCHEMA, "programme.sets[1].id");
    EXPECT_FAIL(als_builder_add_set(b, NULL, NULL, ALS_NONE, ALS_NONE, err),
                ALS_ESCHEMA, "programme.sets[1].id");
    EXPECT_FAIL(als_builder_add_set(b, "C", NULL, 3, 2, err), ALS_ESCHEMA,
                "programme.sets[1].set_size");
    char longid[ALS_MAX_ID_BYTES + 2];
    memset(longid, 's', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    EXPECT_FAIL(als_builder_add_set(b, longid, NULL, ALS_NONE, ALS_NONE, err),
                ALS_ELIMIT, "programme.sets[1].id");
    als_builder_free(b);
}

static void test_builder__failed_setter_leaves_builder_unchanged(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    static const char *const good[] = {"mon", "tue"};
    static const char *const bad[] = {"wed", "WED"};
    assert_int_equal(als_builder_set_size(b, 3, 5, NULL), ALS_OK);
    assert_int_equal(als_builder_set_size(b, 6, 5, NULL), ALS_ESCHEMA);
    assert_int_equal(als_builder_set_days(b, good, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_set_days(b, bad, 2, NULL), ALS_ESCHEMA);
    assert_int_equal(als_builder_rule_sector(b, ALS_SECTOR_IGNORE, 2, NULL),
                     ALS_OK);
    assert_int_equal(als_builder_rule_sector(b, ALS_SECTOR_BALANCE, -3, NULL),
                     ALS_ESCHEMA);
    assert_int_equal(
        als_builder_set_solver(b, ALS_METHOD_HEURISTIC, 3, 7, NULL), ALS_OK);
    assert_int_equal(als_builder_set_solver(b, ALS_METHOD_EXACT, -1, 8, NULL),
                     ALS_ESCHEMA);
    als_problem *p = finish_ok(b);
    int min, max;
    double w;
    als_problem_set_size(p, &min, &max);
    assert_int_equal(min, 3);
    assert_int_equal(max, 5);
    assert_int_equal(als_problem_day_count(p), 2);
    assert_string_equal(als_problem_day(p, 1), "tue");
    assert_int_equal(als_problem_sector_mode(p, &w), ALS_SECTOR_IGNORE);
    assert_true(w == 2.0);
    assert_int_equal(p->method, ALS_METHOD_HEURISTIC);
    assert_int_equal(p->seed, 7);
    als_problem_free(p);
    als_builder_free(b);
}

/* ------------------------------------------------------------------ */
/* Misuse                                                              */

static void test_builder__misuse_is_einval(void **state)
{
    (void)state;
    als_error err;
    static const char *const days[] = {"mon"};
    assert_int_equal(als_builder_new(NULL, &err), ALS_EINVAL);
    assert_int_equal(err.code, ALS_EINVAL);
    /* a NULL builder is refused by every call */
    assert_int_equal(als_builder_set_name(NULL, "x", &err), ALS_EINVAL);
    assert_int_equal(als_builder_set_days(NULL, days, 1, &err), ALS_EINVAL);
    assert_int_equal(als_builder_set_size(NULL, 4, 4, &err), ALS_EINVAL);
    assert_int_equal(
        als_builder_add_set(NULL, "A", NULL, ALS_NONE, ALS_NONE, &err),
        ALS_EINVAL);
    assert_int_equal(als_builder_set_max_sets(NULL, 3, &err), ALS_EINVAL);
    assert_int_equal(als_builder_set_seniority_levels(NULL, days, 1, &err),
                     ALS_EINVAL);
    assert_int_equal(
        als_builder_rule_organisation(NULL, ALS_ORG_DISTINCT, 1, &err),
        ALS_EINVAL);
    assert_int_equal(als_builder_rule_sector(NULL, ALS_SECTOR_BALANCE, 1, &err),
                     ALS_EINVAL);
    assert_int_equal(als_builder_rule_seniority(NULL, ALS_SENIORITY_SIMILAR, 1,
                                                ALS_NONE, &err),
                     ALS_EINVAL);
    assert_int_equal(als_builder_rule_council_pairs(NULL, 1, &err), ALS_EINVAL);
    assert_int_equal(als_builder_set_solver(NULL, ALS_METHOD_AUTO, 1, 1, &err),
                     ALS_EINVAL);
    als_applicant a = ALS_APPLICANT_INIT;
    a.id = "a";
    assert_int_equal(als_builder_add_applicant(NULL, &a, &err), ALS_EINVAL);
    assert_int_equal(als_builder_add_pair(NULL, "a", "b", 1, &err), ALS_EINVAL);
    als_problem *p = (als_problem *)&p;
    assert_int_equal(als_builder_finish(NULL, &p, NULL, &err), ALS_EINVAL);
    assert_null(p);

    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 2, 2, NULL), ALS_OK);
    assert_int_equal(als_builder_finish(b, NULL, NULL, &err), ALS_EINVAL);
    assert_int_equal(als_builder_add_applicant(b, NULL, &err), ALS_EINVAL);
    /* an als_applicant not made with ALS_APPLICANT_INIT */
    als_applicant bad = ALS_APPLICANT_INIT;
    bad.id = "v";
    bad.version = ALS_APPLICANT_VERSION + 1;
    assert_int_equal(als_builder_add_applicant(b, &bad, &err), ALS_EINVAL);
    assert_int_equal(err.code, ALS_EINVAL);
    bad.version = 0;
    assert_int_equal(als_builder_add_applicant(b, &bad, &err), ALS_EINVAL);
    /* a count without its array */
    als_applicant c = ALS_APPLICANT_INIT;
    c.id = "c";
    c.availability_count = 2;
    assert_int_equal(als_builder_add_applicant(b, &c, &err), ALS_EINVAL);
    c.availability_count = 0;
    c.apart_count = 1;
    assert_int_equal(als_builder_add_applicant(b, &c, &err), ALS_EINVAL);
    assert_int_equal(als_builder_set_days(b, NULL, 2, &err), ALS_EINVAL);
    assert_int_equal(als_builder_set_seniority_levels(b, NULL, 3, &err),
                     ALS_EINVAL);
    /* enum values out of range */
    assert_int_equal(als_builder_rule_organisation(b, (als_org_mode)7, 1, &err),
                     ALS_EINVAL);
    assert_int_equal(als_builder_rule_sector(b, (als_sector_mode)-1, 1, &err),
                     ALS_EINVAL);
    assert_int_equal(
        als_builder_rule_seniority(b, (als_seniority_mode)3, 1, ALS_NONE, &err),
        ALS_EINVAL);
    assert_int_equal(als_builder_set_solver(b, (als_method)9, 1, 1, &err),
                     ALS_EINVAL);
    /* fixed sets and a cap exclude each other, in either order */
    assert_int_equal(
        als_builder_add_set(b, "A", NULL, ALS_NONE, ALS_NONE, NULL), ALS_OK);
    assert_int_equal(als_builder_set_max_sets(b, 3, &err), ALS_EINVAL);
    als_builder *b2 = new_builder();
    assert_int_equal(als_builder_set_max_sets(b2, 3, NULL), ALS_OK);
    assert_int_equal(
        als_builder_add_set(b2, "A", NULL, ALS_NONE, ALS_NONE, &err),
        ALS_EINVAL);
    als_builder_free(b2);
    /* after all that, the builder still works and holds nothing refused */
    p = finish_ok(b);
    assert_int_equal(als_problem_applicant_count(p), 0);
    assert_int_equal(als_problem_fixed_set_count(p), 1);
    assert_int_equal(als_problem_max_sets(p), ALS_NONE);
    double w;
    assert_int_equal(als_problem_org_mode(p, &w), ALS_ORG_DISTINCT);
    als_problem_free(p);
    als_builder_free(b);
}

/* ------------------------------------------------------------------ */
/* Lifetime                                                            */

static void test_builder__finish_twice_and_keep_using(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    assert_int_equal(als_builder_set_size(b, 2, 2, NULL), ALS_OK);
    add_id(b, "a");
    add_id(b, "b");
    als_problem *p1 = finish_ok(b);
    als_problem *p2 = finish_ok(b);
    assert_ptr_not_equal(p1, p2);
    assert_int_equal(als_problem_applicant_count(p1), 2);
    assert_int_equal(als_problem_applicant_count(p2), 2);
    /* the builder goes on; problems made before are not affected */
    add_id(b, "c");
    assert_int_equal(als_builder_set_size(b, 3, 3, NULL), ALS_OK);
    als_problem *p3 = finish_ok(b);
    assert_int_equal(als_problem_applicant_count(p3), 3);
    assert_int_equal(als_problem_applicant_count(p1), 2);
    int min, max;
    als_problem_set_size(p1, &min, &max);
    assert_int_equal(max, 2);
    als_problem_set_size(p3, &min, &max);
    assert_int_equal(max, 3);
    /* problems outlive their builder */
    als_builder_free(b);
    assert_string_equal(als_problem_applicant_id(p2, 1), "b");
    assert_string_equal(als_problem_applicant_id(p3, 2), "c");
    als_problem_free(p1);
    als_problem_free(p2);
    als_problem_free(p3);
}

static void test_builder__failed_finish_keeps_builder_usable(void **state)
{
    (void)state;
    als_builder *b = new_builder();
    add_id(b, "a");
    als_problem *p = NULL;
    assert_int_equal(als_builder_finish(b, &p, NULL, NULL), ALS_ESCHEMA);
    assert_null(p);
    assert_int_equal(als_builder_set_size(b, 1, 1, NULL), ALS_OK);
    p = finish_ok(b);
    assert_int_equal(als_problem_applicant_count(p), 1);
    als_problem_free(p);
    als_builder_free(b);
}

static void test_builder__frees_accept_null(void **state)
{
    (void)state;
    als_builder_free(NULL);
    als_problem_free(NULL);
    als_allocation_free(NULL);
    als_diag_free(NULL);
    als_free(NULL);
    als_applicant_init(NULL);
    assert_int_equal(als_diag_new(NULL), ALS_EINVAL);
    assert_int_equal(als_diag_count(NULL), 0);
    assert_int_equal(als_diag_total(NULL), 0);
    assert_int_equal(als_diag_errors(NULL), 0);
    assert_null(als_diag_get(NULL, 0));
    als_diag_clear(NULL);
    /* the calls above returned: reaching here is the check */
    als_diag *d = new_diag();
    assert_int_equal(als_diag_count(d), 0);
    assert_null(als_diag_get(d, 0));
    als_diag_free(d);
}

static void test_builder__applicant_init_matches_macro(void **state)
{
    (void)state;
    als_applicant m = ALS_APPLICANT_INIT;
    als_applicant f;
    memset(&f, 0x5A, sizeof f);
    als_applicant_init(&f);
    assert_int_equal(f.version, ALS_APPLICANT_VERSION);
    assert_int_equal(m.version, ALS_APPLICANT_VERSION);
    assert_null(f.id);
    assert_null(f.availability);
    assert_int_equal(f.availability_count, 0);
    assert_null(f.apart);
    assert_int_equal(f.apart_count, 0);
    assert_int_equal(f.seniority, ALS_NONE);
    assert_int_equal(m.seniority, ALS_NONE);
    assert_null(f.seniority_name);
    assert_int_equal(f.priority, 0);
    assert_null(f.set);
    assert_int_equal(f.withdrawn, 0);
}

/* ------------------------------------------------------------------ */
/* Status names and version                                            */

static void test_builder__status_strings(void **state)
{
    (void)state;
    static const als_status all[] = {ALS_OK,         ALS_ENOMEM,  ALS_EINVAL,
                                     ALS_EPARSE,     ALS_ESCHEMA, ALS_ESOLVER,
                                     ALS_ECANCELLED, ALS_EIO,     ALS_ELIMIT};
    const size_t n = sizeof all / sizeof *all;
    for (size_t k = 0; k < n; k++) {
        const char *s = als_status_str(all[k]);
        assert_non_null(s);
        assert_true(s[0] != '\0');
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(s, als_status_str(all[j]));
    }
    /* values are stable */
    assert_int_equal(ALS_OK, 0);
    assert_int_equal(ALS_ELIMIT, -8);
    /* an unknown value still gives a string */
    const char *u = als_status_str((als_status)-99);
    assert_non_null(u);
    assert_true(u[0] != '\0');
}

static void test_builder__version(void **state)
{
    (void)state;
    assert_string_equal(als_version_string(), ALS_VERSION_STRING);
    assert_int_equal(als_version_number(), ALS_VERSION_NUMBER);
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", ALS_VERSION_MAJOR, ALS_VERSION_MINOR,
             ALS_VERSION_PATCH);
    assert_string_equal(v, ALS_VERSION_STRING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builder__every_setter),
        cmocka_unit_test(test_builder__integer_sets_cap),
        cmocka_unit_test(test_builder__defaults),
        cmocka_unit_test(test_builder__size_target),
        cmocka_unit_test(test_builder__empty_availability_means_no_day),
        cmocka_unit_test(test_builder__strings_are_copied),
        cmocka_unit_test(test_builder__finish_errors_have_json_paths),
        cmocka_unit_test(test_builder__finish_without_set_size),
        cmocka_unit_test(test_builder__finish_reports_ids_and_limits),
        cmocka_unit_test(test_builder__units_checked_at_finish),
        cmocka_unit_test(test_builder__setter_errors_have_json_paths),
        cmocka_unit_test(test_builder__failed_setter_leaves_builder_unchanged),
        cmocka_unit_test(test_builder__misuse_is_einval),
        cmocka_unit_test(test_builder__finish_twice_and_keep_using),
        cmocka_unit_test(test_builder__failed_finish_keeps_builder_usable),
        cmocka_unit_test(test_builder__frees_accept_null),
        cmocka_unit_test(test_builder__applicant_init_matches_macro),
        cmocka_unit_test(test_builder__status_strings),
        cmocka_unit_test(test_builder__version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
