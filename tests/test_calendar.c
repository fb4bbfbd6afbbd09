/*
 * als_calendar_ics(): every file is read back with libical's own parser and
 * its events, times (in the programme's time zone, through the file's own
 * VTIMEZONE), attendees, UIDs and SEQUENCE are checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define COHORT                                                                 \
    "{'programme': {'name': 'Leaders', 'days': ['tue', 'Thursday PM'], "       \
    "'set_size': {'min': 1, 'max': 3}, 'calendar': {'timezone': "              \
    "'Europe/London', 'sessions': ["                                           \
    "{'title': 'Introduction', 'week': '2021-02-01', 'start': '10:00', "       \
    "'minutes': 120},"                                                         \
    "{'title': 'Set meeting 1', 'date': '2021-03-09', 'start': {'tue': "       \
    "'09:30', 'Thursday PM': '13:00'}, 'minutes': 240},"                       \
    "{'title': 'Series', 'dates': {'tue': '2024-09-24', 'Thursday PM': "       \
    "'2024-10-31'}, 'start': '14:00', 'minutes': 180}]}}, "                    \
    "'applicants': ["                                                          \
    "{'id': 'a', 'name': 'Ann Lee', 'email': 'ann@x.org'}, "                   \
    "{'id': 'b', 'name': 'Bo Ray, Jr', 'email': 'bo@y.org'}, "                 \
    "{'id': 'c', 'name': 'Cy Dunn'}, "                                         \
    "{'id': 'd', 'name': 'Di Moss', 'email': 'di@z.org'}, "                    \
    "{'id': 'e', 'name': 'Ed Hale'}]}"

#define FIRST                                                                  \
    "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'c']}, "       \
    "{'id': 'S2', 'day': 'Thursday PM', 'members': ['d', 'e']}], "             \
    "'unassigned': []}"

/* A re-run: c and d swap sets. */
#define RERUN                                                                  \
    "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'b', 'd']}, "       \
    "{'id': 'S2', 'day': 'Thursday PM', 'members': ['c', 'e']}], "             \
    "'unassigned': [], 'changes': [{'id': 'c', 'from': 'S1', 'to': 'S2'}, "    \
    "{'id': 'd', 'from': 'S2', 'to': 'S1'}]}"

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

/* The calendar of set s (with the previous text, or NULL), which must be
   made; free with als_free(). */
static char *ics(const als_problem *p, const als_allocation *a, size_t s,
                 const char *previous)
{
    char *out = NULL;
    size_t len = 0;
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_calendar_ics(
        p, a, s, previous, previous ? strlen(previous) : 0, &out, &len, &err);
    if (rc != ALS_OK)
        fail_msg("als_calendar_ics: %s: %s", err.path, err.message);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    return out;
}

static icalcomponent *parse(const char *text)
{
    icalcomponent *c = icalparser_parse_string(text);
    assert_non_null(c);
    assert_int_equal(icalcomponent_isa(c), ICAL_VCALENDAR_COMPONENT);
    /* libical marks what it could not read with X-LIC-ERROR */
    assert_int_equal(icalcomponent_count_errors(c), 0);
    return c;
}

static size_t count_events(icalcomponent *cal)
{
    return (size_t)icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
}

static icalcomponent *event(icalcomponent *cal, size_t k)
{
    icalcomponent *e =
        icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    for (size_t i = 0; i < k && e; i++)
        e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
    assert_non_null(e);
    return e;
}

/* Seconds since 1970 of a UTC date and time. */
static long long utc(int y, int m, int d, int h, int min)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + min * 60;
}

/* DTSTART or DTEND of e as a UTC time, through the TZID it names and the
   calendar's own VTIMEZONE of that id. */
static long long when(icalcomponent *cal, icalcomponent *e,
                      icalproperty_kind kind)
{
    icalproperty *q = icalcomponent_get_first_property(e, kind);
    assert_non_null(q);
    icalparameter *tzp =
        icalproperty_get_first_parameter(q, ICAL_TZID_PARAMETER);
    assert_non_null(tzp);
    assert_string_equal(icalparameter_get_tzid(tzp), "Europe/London");
    icaltimezone *zone = icalcomponent_get_timezone(cal, "Europe/London");
    assert_non_null(zone);
    struct icaltimetype t = kind == ICAL_DTSTART_PROPERTY
                                ? icalproperty_get_dtstart(q)
                                : icalproperty_get_dtend(q);
    return (long long)icaltime_as_timet_with_zone(t, zone);
}

static const char *attendee_cn(icalproperty *q)
{
    icalparameter *cn = icalproperty_get_first_parameter(q, ICAL_CN_PARAMETER);
    return cn ? icalparameter_get_cn(cn) : NULL;
}

static void test_calendar__events_times_and_attendees(void **state)
{
    (void)state;
    als_problem *p = problem_text(COHORT);
    als_allocation *a = allocation_text(FIRST);
    char *text = ics(p, a, 0, NULL);
    icalcomponent *cal = parse(text);
    assert_non_null(
        icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT));
    assert_int_equal(count_events(cal), 3);
    icalcomponent *e = event(cal, 0);
    assert_string_equal(icalcomponent_get_summary(e),
                        "Leaders: Introduction (set S1)");
    /* the Tuesday of the week of 2021-02-01, in winter time (UTC+0) */
    assert_int_equal(when(cal, e, ICAL_DTSTART_PROPERTY),
                     utc(2021, 2, 2, 10, 0));
    assert_int_equal(when(cal, e, ICAL_DTEND_PROPERTY), utc(2021, 2, 2, 12, 0));
    e = event(cal, 1);
    assert_int_equal(when(cal, e, ICAL_DTSTART_PROPERTY),
                     utc(2021, 3, 9, 9, 30));
    assert_int_equal(when(cal, e, ICAL_DTEND_PROPERTY),
                     utc(2021, 3, 9, 13, 30));
    /* summer time: 14:00 in London is 13:00 UTC */
    e = event(cal, 2);
    assert_string_equal(icalcomponent_get_summary(e),
                        "Leaders: Series (set S1)");
    assert_int_equal(when(cal, e, ICAL_DTSTART_PROPERTY),
                     utc(2024, 9, 24, 13, 0));
    assert_int_equal(when(cal, e, ICAL_DTEND_PROPERTY),
                     utc(2024, 9, 24, 16, 0));
    /* the members: mailto: when the cohort has an e-mail, else a
       urn:uuid: no one can mail; a name with a comma kept whole */
    assert_int_equal(icalcomponent_count_properties(e, ICAL_ATTENDEE_PROPERTY),
                     3);
    icalproperty *q =
        icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY);
    assert_string_equal(icalproperty_get_attendee(q), "mailto:ann@x.org");
    assert_string_equal(attendee_cn(q), "Ann Lee");
    q = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY);
    assert_string_equal(icalproperty_get_attendee(q), "mailto:bo@y.org");
    assert_string_equal(attendee_cn(q), "Bo Ray, Jr");
    q = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY);
    assert_true(strncmp(icalproperty_get_attendee(q), "urn:uuid:", 9) == 0);
    assert_int_equal(strlen(icalproperty_get_attendee(q)), 9 + 36);
    assert_string_equal(attendee_cn(q), "Cy Dunn");
    icalcomponent_free(cal);
    als_free(text);

    /* the other set meets on Thursdays: its own dates and times */
    text = ics(p, a, 1, NULL);
    cal = parse(text);
    assert_int_equal(count_events(cal), 3);
    assert_int_equal(when(cal, event(cal, 0), ICAL_DTSTART_PROPERTY),
                     utc(2021, 2, 4, 10, 0));
    assert_int_equal(when(cal, event(cal, 1), ICAL_DTSTART_PROPERTY),
                     utc(2021, 3, 9, 13, 0));
    assert_int_equal(when(cal, event(cal, 2), ICAL_DTSTART_PROPERTY),
                     utc(2024, 10, 31, 14, 0)); /* back to UTC+0 */
    assert_string_equal(icalcomponent_get_summary(event(cal, 2)),
                        "Leaders: Series (set S2)");
    icalcomponent_free(cal);
    als_free(text);
    als_allocation_free(a);
    als_problem_free(p);
}

/* UID and SEQUENCE of every event of a text, in order. */
static void ids(const char *text, char uid[][128], int *seq, size_t *n)
{
    icalcomponent *cal = parse(text);
    *n = count_events(cal);
    for (size_t k = 0; k < *n; k++) {
        icalcomponent *e = event(cal, k);
        snprintf(uid[k], 128, "%s", icalcomponent_get_uid(e));
        seq[k] = icalcomponent_get_sequence(e);
    }
    icalcomponent_free(cal);
}

static void test_calendar__uids_stable_sequence_rises(void **state)
{
    (void)state;
    als_problem *p = problem_text(COHORT);
    als_allocation *a = allocation_text(FIRST);
    als_allocation *b = allocation_text(RERUN);
    char u1[3][128], u2[3][128], u3[3][128];
    int s1[3], s2[3], s3[3];
    size_t n1, n2, n3;

    char *t1 = ics(p, a, 0, NULL);
    char *t2 = ics(p, a, 0, NULL);
    ids(t1, u1, s1, &n1);
    ids(t2, u2, s2, &n2);
    assert_int_equal(n1, 3);
    assert_int_equal(n2, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_string_equal(u1[k], u2[k]); /* stable across runs */
        assert_int_equal(s1[k], 0);
        assert_int_equal(s2[k], 0);
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(u1[j], u1[k]);
        assert_non_null(strstr(u1[k], "-S1-"));
        assert_non_null(strstr(u1[k], "@libals"));
    }
    /* re-issued unchanged over the previous file: SEQUENCE stays */
    char *t3 = ics(p, a, 0, t1);
    ids(t3, u3, s3, &n3);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(s3[k], 0);
    als_free(t3);

    /* the re-run changed the set's members: same UIDs, higher SEQUENCE,
       with or without the previous file */
    t3 = ics(p, b, 0, NULL);
    ids(t3, u3, s3, &n3);
    assert_int_equal(n3, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_string_equal(u3[k], u1[k]);
        assert_true(s3[k] > s1[k]);
    }
    als_free(t3);
    t3 = ics(p, b, 0, t1);
    ids(t3, u3, s3, &n3);
    for (size_t k = 0; k < 3; k++)
        assert_true(s3[k] > s1[k]);
    /* ... and once more after that, over the re-run's file: a previous
       SEQUENCE of 5 is kept when nothing changed, and exceeded when the
       content did */
    char *bumped = malloc(strlen(t3) + 1);
    assert_non_null(bumped);
    strcpy(bumped, t3);
    for (char *q = strstr(bumped, "SEQUENCE:"); q;
         q = strstr(q + 1, "SEQUENCE:"))
        q[9] = '5';
    char *t4 = ics(p, b, 0, bumped);
    int s4[3];
    char u4[3][128];
    size_t n4;
    ids(t4, u4, s4, &n4);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(s4[k], 5);
    als_free(t4);
    t4 = ics(p, a, 0, bumped); /* back to the first membership */
    ids(t4, u4, s4, &n4);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(s4[k], 6);
    als_free(t4);
    free(bumped);
    als_free(t3);
    als_free(t1);
    als_free(t2);
    als_allocation_free(b);
    als_allocation_free(a);
    als_problem_free(p);
}

/* The facilitators lead the events (ROLE=CHAIR, before the members); a
   new facilitator keeps the UIDs and raises SEQUENCE. */
static void test_calendar__facilitators(void **state)
{
    (void)state;
    char cohort[4096];
    snprintf(cohort, sizeof cohort,
             "%.*s, 'facilitators': ["
             "{'id': 'f1', 'name': 'Helen Ames', 'email': 'helen@ames.org'},"
             " {'id': 'f2', 'name': 'Raj Patel'}]}",
             (int)strlen(COHORT) - 1, COHORT);
    als_problem *p = problem_text(cohort);
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f1'],"
        " 'members': ['a', 'b', 'c']}, {'id': 'S2', 'day': 'Thursday PM',"
        " 'facilitators': ['f2'], 'members': ['d', 'e']}],"
        " 'unassigned': []}");
    als_allocation *b = allocation_text(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'facilitators': ['f2'],"
        " 'members': ['a', 'b', 'c']}, {'id': 'S2', 'day': 'Thursday PM',"
        " 'facilitators': ['f1'], 'members': ['d', 'e']}],"
        " 'unassigned': [], 'changes': []}");
    char *t1 = ics(p, a, 0, NULL);
    icalcomponent *cal = parse(t1);
    icalcomponent *e = event(cal, 0);
    icalproperty *q =
        icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY);
    assert_string_equal(icalproperty_get_attendee(q), "mailto:helen@ames.org");
    assert_string_equal(attendee_cn(q), "Helen Ames");
    icalparameter *role =
        icalproperty_get_first_parameter(q, ICAL_ROLE_PARAMETER);
    assert_non_null(role);
    assert_int_equal(icalparameter_get_role(role), ICAL_ROLE_CHAIR);
    size_t n = 0;
    for (; q; q = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY))
        n++;
    assert_int_equal(n, 4); /* the facilitator and three members */
    icalcomponent_free(cal);
    /* Raj, who gives no e-mail, leads S1 instead: same events, updated */
    char *t2 = ics(p, b, 0, t1);
    char u1[3][128], u2[3][128];
    int s1[3], s2[3];
    size_t n1, n2;
    ids(t1, u1, s1, &n1);
    ids(t2, u2, s2, &n2);
    assert_int_equal(n1, n2);
    for (size_t k = 0; k < n1; k++) {
        assert_string_equal(u1[k], u2[k]);
        assert_true(s2[k] > s1[k]);
    }
    assert_non_null(strstr(t2, "CN=Raj Patel"));
    assert_null(strstr(t2, "helen@ames.org"));
    als_free(t2);
    als_free(t1);
    als_allocation_free(b);
    als_allocation_free(a);
    als_problem_free(p);
}

static void test_calendar__errors(void **state)
{
    (void)state;
    als_problem *p = problem_text(COHORT);
    als_allocation *a = allocation_text(FIRST);
    char *out = NULL;
    als_error err;
    assert_int_equal(als_calendar_ics(p, a, 2, NULL, 0, &out, NULL, &err),
                     ALS_EINVAL);
    assert_null(out);
    assert_int_equal(als_calendar_ics(NULL, a, 0, NULL, 0, &out, NULL, &err),
                     ALS_EINVAL);
    /* an allocation of another cohort */
    als_allocation *x = allocation_text(
        "{'sets': [{'id': 'S1', 'day': 'tue', 'members': ['a', 'zz']}], "
        "'unassigned': []}");
    assert_int_equal(als_calendar_ics(p, x, 0, NULL, 0, &out, NULL, &err),
                     ALS_ESCHEMA);
    assert_null(out);
    als_allocation_free(x);
    /* a previous text that is not iCalendar is ignored */
    const char junk[] = "not a calendar\r\n\x01\xff";
    assert_int_equal(
        als_calendar_ics(p, a, 0, junk, sizeof junk - 1, &out, NULL, &err),
        ALS_OK);
    als_free(out);
    als_problem_free(p);
    /* a cohort without a calendar */
    p = problem_text("{'programme': {'set_size': {'min': 1, 'max': 3}}, "
                     "'applicants': [{'id': 'a'}, {'id': 'b'}, {'id': 'c'}, "
                     "{'id': 'd'}, {'id': 'e'}]}");
    x = allocation_text("{'sets': [{'id': 'S1', 'day': null, 'members': "
                        "['a', 'b', 'c']}, {'id': 'S2', 'day': null, "
                        "'members': ['d', 'e']}], 'unassigned': []}");
    assert_int_equal(als_calendar_ics(p, x, 0, NULL, 0, &out, NULL, &err),
                     ALS_ESCHEMA);
    assert_string_equal(err.path, "programme.calendar");
    als_allocation_free(x);
    als_allocation_free(a);
    als_problem_free(p);
}

/* A set without a day meets only the sessions with one date for all. */
static void test_calendar__set_without_a_day(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'set_size': {'min': 1, 'max': 3}, 'calendar': "
        "{'timezone': 'America/New_York', 'sessions': ["
        "{'title': 'All together', 'date': '2025-07-04', 'start': '18:00', "
        "'minutes': 60}]}}, 'applicants': [{'id': 'a'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'Set one', 'day': null, 'members': ['a']}], "
        "'unassigned': []}");
    char *text = ics(p, a, 0, NULL);
    icalcomponent *cal = icalparser_parse_string(text);
    assert_non_null(cal);
    assert_int_equal(count_events(cal), 1);
    icalcomponent *e = event(cal, 0);
    assert_string_equal(icalcomponent_get_summary(e),
                        "All together (set Set one)");
    /* a set id with a space: hashed in the UID */
    assert_null(strchr(icalcomponent_get_uid(e), ' '));
    icalproperty *q =
        icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    icalparameter *tzp =
        icalproperty_get_first_parameter(q, ICAL_TZID_PARAMETER);
    assert_string_equal(icalparameter_get_tzid(tzp), "America/New_York");
    icaltimezone *zone = icalcomponent_get_timezone(cal, "America/New_York");
    assert_non_null(zone);
    assert_int_equal((long long)icaltime_as_timet_with_zone(
                         icalproperty_get_dtstart(q), zone),
                     utc(2025, 7, 4, 22, 0)); /* EDT, UTC-4 */
    /* the attendee without an e-mail or a name: its id as CN */
    q = icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY);
    assert_string_equal(attendee_cn(q), "a");
    icalcomponent_free(cal);
    als_free(text);
    als_allocation_free(a);
    als_problem_free(p);
}

/*
 * Every line of a calendar ends with CRLF and holds at most 75 octets,
 * whatever the length of what it folds: libical folded a line whose
 * content ended at the 75th octet between its CR and LF, leaving a bare LF
 * (found by fuzz_report). E-mails of 10 to 120 characters put the end of
 * an attendee's line at every place of a fold; each reads back intact.
 */
static void test_calendar__line_ends(void **state)
{
    (void)state;
    for (int len = 10; len <= 120; len++) {
        char email[160], text[1024];
        memset(email, 'm', (size_t)len);
        memcpy(email + len - 6, "@x.org", 7);
        snprintf(text, sizeof text,
                 "{'programme': {'set_size': {'min': 1, 'max': 3}, "
                 "'calendar': {'timezone': 'Europe/London', 'sessions': ["
                 "{'title': 'One', 'date': '2025-07-04', 'start': '18:00', "
                 "'minutes': 60}]}}, 'applicants': [{'id': 'a', 'name': "
                 "'Cllr Geraldine Cartwright', 'email': '%s'}]}",
                 email);
        als_problem *p = problem_text(text);
        als_allocation *a = allocation_text(
            "{'sets': [{'id': 'S1', 'members': ['a']}], 'unassigned': []}");
        char *out = ics(p, a, 0, NULL);
        size_t start = 0, n = strlen(out);
        for (size_t k = 0; k < n; k++) {
            if (out[k] != '\n')
                continue;
            if (k == 0 || out[k - 1] != '\r')
                fail_msg("e-mail of %d: a bare LF at octet %zu", len, k);
            if (k - 1 - start > 75)
                fail_msg("e-mail of %d: a line of %zu octets", len,
                         k - 1 - start);
            start = k + 1;
        }
        assert_int_equal(start, n);
        icalcomponent *cal = parse(out);
        icalproperty *q = icalcomponent_get_first_property(
            event(cal, 0), ICAL_ATTENDEE_PROPERTY);
        char want[200];
        snprintf(want, sizeof want, "mailto:%s", email);
        assert_string_equal(icalproperty_get_attendee(q), want);
        icalcomponent_free(cal);
        als_free(out);
        als_allocation_free(a);
        als_problem_free(p);
    }
}

/* UTC, which libical keeps without a VTIMEZONE of its own. */
static void test_calendar__utc(void **state)
{
    (void)state;
    als_problem *p = problem_text(
        "{'programme': {'days': ['Wednesday'], 'set_size': {'min': 1, "
        "'max': 3}, 'calendar': {'timezone': 'UTC', 'sessions': ["
        "{'title': 'One', 'week': '2024-07-01', 'start': '23:30', "
        "'minutes': 60}]}}, 'applicants': [{'id': 'a', 'email': "
        "'a@x.org'}]}");
    als_allocation *a = allocation_text(
        "{'sets': [{'id': 'S1', 'day': 'Wednesday', 'members': ['a']}], "
        "'unassigned': []}");
    char *text = ics(p, a, 0, NULL);
    icalcomponent *cal = parse(text);
    assert_int_equal(count_events(cal), 1);
    icalcomponent *e = event(cal, 0);
    icalproperty *q =
        icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    icalparameter *tzp =
        icalproperty_get_first_parameter(q, ICAL_TZID_PARAMETER);
    assert_string_equal(icalparameter_get_tzid(tzp), "UTC");
    icaltimezone *zone = icalcomponent_get_timezone(cal, "UTC");
    assert_non_null(zone);
    assert_int_equal((long long)icaltime_as_timet_with_zone(
                         icalproperty_get_dtstart(q), zone),
                     utc(2024, 7, 3, 23, 30));
    /* past midnight: the end is the next day */
    q = icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY);
    assert_int_equal(
        (long long)icaltime_as_timet_with_zone(icalproperty_get_dtend(q), zone),
        utc(2024, 7, 4, 0, 30));
    icalcomponent_free(cal);
    als_free(text);
    als_allocation_free(a);
    als_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar__events_times_and_attendees),
        cmocka_unit_test(test_calendar__uids_stable_sequence_rises),
        cmocka_unit_test(test_calendar__errors),
        cmocka_unit_test(test_calendar__set_without_a_day),
        cmocka_unit_test(test_calendar__utc),
        cmocka_unit_test(test_calendar__line_ends),
        cmocka_unit_test(test_calendar__facilitators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
