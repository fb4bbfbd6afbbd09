/*
 * A program outside the libals tree: it sees only the installed <als.h>
 * and library. Builds a two-applicant cohort with a calendar through the
 * builder API and writes the set's iCalendar text (which links libical).
 */
#include <als.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    als_error err;
    als_builder *b = NULL;
    als_problem *p = NULL;
    als_applicant a = ALS_APPLICANT_INIT;
    als_applicant c = ALS_APPLICANT_INIT;
    als_session s = ALS_SESSION_INIT;
    als_allocation *alloc = NULL;
    static const char doc[] =
        "{\"sets\": [{\"id\": \"S1\", \"day\": null, \"members\": "
        "[\"a\", \"b\"]}], \"unassigned\": []}";
    char *ics = NULL;
    size_t count = 0;
    int rc = 1;

    memset(&err, 0, sizeof err);
    printf("libals %s\n", als_version_string());
    if (strcmp(als_version_string(), ALS_VERSION_STRING) != 0) {
        fprintf(stderr, "consumer: header says %s, library says %s\n",
                ALS_VERSION_STRING, als_version_string());
        goto done;
    }
    if (als_builder_new(&b, &err) != ALS_OK)
        goto fail;
    if (als_builder_set_size(b, 2, 2, &err) != ALS_OK)
        goto fail;
    a.id = "a";
    c.id = "b";
    if (als_builder_add_applicant(b, &a, &err) != ALS_OK ||
        als_builder_add_applicant(b, &c, &err) != ALS_OK)
        goto fail;
    s.title = "Introduction";
    s.date = "2021-02-02";
    s.start = "10:00";
    s.minutes = 120;
    if (als_builder_set_timezone(b, "Europe/London", &err) != ALS_OK ||
        als_builder_add_session(b, &s, &err) != ALS_OK)
        goto fail;
    if (als_builder_finish(b, &p, NULL, &err) != ALS_OK)
        goto fail;
    count = als_problem_applicant_count(p);
    if (count != 2) {
        fprintf(stderr, "consumer: expected 2 applicants, got %zu\n", count);
        goto done;
    }
    if (als_allocation_from_json(&alloc, doc, sizeof doc - 1, NULL, &err) !=
            ALS_OK ||
        als_calendar_ics(p, alloc, 0, NULL, 0, &ics, NULL, &err) != ALS_OK)
        goto fail;
    if (strncmp(ics, "BEGIN:VCALENDAR", 15) != 0 ||
        strstr(ics, "DTSTART;TZID=Europe/London:20210202T100000") == NULL) {
        fprintf(stderr, "consumer: unexpected calendar:\n%s\n", ics);
        goto done;
    }
    rc = 0;
    goto done;

fail:
    fprintf(stderr, "consumer: %s: %s\n", als_status_str(err.code),
            err.message);
done:
    als_free(ics);
    als_allocation_free(alloc);
    als_problem_free(p);
    als_builder_free(b);
    return rc;
}
