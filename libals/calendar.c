/*
 * The session calendar (programme.calendar): dates and times, the one
 * definition of the sessions a set meets (used by reports and by the
 * iCalendar writer), and the iCalendar text of a set, made with libical
 * (which does the RFC 5545 folding and escaping).
 *
 * libical keeps a process-wide cache of its built-in time zones, filled on
 * first use (guarded by libical's own lock); that state is libical's, not
 * libals's. Nothing here changes libical's global settings.
 *
 * Every libical object this module asks for is checked (NULL: ALS_ENOMEM),
 * but libical does not check all of its own allocations (its per-thread
 * error number, its time zone loader, its parser): a failing malloc there
 * can crash inside libical. Only cohorts with a calendar reach libical.
 */
#include "als_internal.h"

#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- dates and times ----------------------------------------------- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday). */
static int weekday_of(long days)
{
    return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return false;
        v = v * 10 + (s[k] - '0');
    }
    *out = v;
    return true;
}

bool als__parse_date(const char *s, long *days)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return false;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

bool als__parse_time(const char *s, int *minutes)
{
    int h, m;
    if (!s || strlen(s) != 5 || s[2] != ':' || !digits(s, 2, &h) ||
        !digits(s + 3, 2, &m) || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

int als__label_weekday(const char *label)
{
    static const char *const names[7] = {"monday",   "tuesday", "wednesday",
                                         "thursday", "friday",  "saturday",
                                         "sunday"};
    if (!label)
        return 0;
    const char *s = label;
    while (*s == ' ' || *s == '\t')
        s++;
    char w[16];
    size_t n = 0;
    while (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
        if (n + 1 >= sizeof w)
            return 0;
        char c = *s++;
        w[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    w[n] = '\0';
    /* the first word, a weekday's name or its start of 3 letters or more,
       followed by nothing, or by a space or punctuation ("Tuesday AM",
       "tue-pm") but no more letters or digits of the same word */
    if (n < 3 || (*s >= '0' && *s <= '9'))
        return 0;
    for (int k = 0; k < 7; k++)
        if (strncmp(names[k], w, n) == 0)
            return k + 1;
    return 0;
}

bool als__timezone_known(const char *tzid)
{
    /* libical's built-in zones come from the system's time zone database;
       its cache of them is libical's own process-wide state */
    return tzid && *tzid && icaltimezone_get_builtin_timezone(tzid) != NULL;
}

/* ---- sessions ------------------------------------------------------- */

const char *als_problem_timezone(const als_problem *p)
{
    return p ? p->timezone : NULL;
}

size_t als_problem_session_count(const als_problem *p)
{
    return p ? p->nsessions : 0;
}

const char *als_problem_session_title(const als_problem *p, size_t k)
{
    return p && k < p->nsessions ? p->sessions[k].title : NULL;
}

int als_problem_session_minutes(const als_problem *p, size_t k)
{
    return p && k < p->nsessions ? p->sessions[k].minutes : 0;
}

int als_problem_session_on(const als_problem *p, size_t k, const char *day,
                           als_dated_session *out)
{
    if (!p || !out || k >= p->nsessions)
        return -1;
    memset(out, 0, sizeof *out);
    const als__session *s = &p->sessions[k];
    size_t d = day ? als__strtab_find(&p->days, day) : ALS__NOIDX;
    if (day && d == ALS__NOIDX)
        return 0;
    long date = s->date;
    if (s->kind == ALS__SESSION_WEEK) {
        int w = d == ALS__NOIDX ? 0 : als__label_weekday(p->days.display[d]);
        if (w == 0)
            return 0;
        date = date - (weekday_of(date) - 1) + (w - 1);
    } else if (s->kind == ALS__SESSION_DATES) {
        if (d == ALS__NOIDX || !s->day_date)
            return 0;
        date = s->day_date[d];
    }
    int start = s->start;
    if (s->day_start) {
        if (d == ALS__NOIDX)
            return 0;
        start = s->day_start[d];
    }
    out->title = s->title;
    civil_from_days(date, &out->year, &out->month, &out->day);
    out->weekday = weekday_of(date);
    out->start = start;
    out->minutes = s->minutes;
    return 1;
}

/* ---- iCalendar ------------------------------------------------------ */

typedef struct ics {
    const als_problem *p;
    const als_allocation *a;
    size_t set;
    icaltimezone *zone;
    icalcomponent *prev; /* the previous text, parsed, or NULL */
    bool nomem;
} ics;

/* A hash as 16 hexadecimal digits. */
static void hex64(uint64_t h, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* The UID of session k of the set: <hash of the programme's name>-<set
   id>-<k+1>@libals; a set id with characters other than letters, digits,
   '.', '_' and '-' is replaced by a hash of it. */
static void event_uid(const ics *x, size_t k, char *out, size_t cap)
{
    const char *name = als_problem_name(x->p);
    const char *id = als_allocation_set_id(x->a, x->set);
    char hn[17], hs[17];
    hex64(als__hash(name, strlen(name)), hn);
    bool plain = *id && strlen(id) <= 64;
    for (const char *c = id; plain && *c; c++)
        plain = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '-';
    if (!plain) {
        hex64(als__hash(id, strlen(id)), hs);
        id = hs;
    }
    snprintf(out, cap, "%s-%s-%zu@libals", hn, id, k + 1);
}

/* The attendee's address: mailto: and the e-mail when the cohort gives
   one; otherwise (RFC 5545 needs an address) a urn:uuid: made from the
   programme's name and the applicant's id, which no one can mail. */
static void attendee_address(const ics *x, const char *email, const char *id,
                             char *out, size_t cap)
{
    if (email && *email) {
        snprintf(out, cap, "mailto:%s", email);
        return;
    }
    const char *name = als_problem_name(x->p);
    uint64_t h1 = als__hash(name, strlen(name));
    uint64_t h2 = als__hash(id, strlen(id)) ^ (h1 * 0x9E3779B97F4A7C15ull);
    /* version 8 (custom) and the RFC 9562 variant */
    snprintf(out, cap, "urn:uuid:%08llx-%04llx-8%03llx-%04llx-%012llx",
             (unsigned long long)(h1 >> 32),
             (unsigned long long)((h1 >> 16) & 0xffff),
             (unsigned long long)(h1 & 0xfff),
             (unsigned long long)(0x8000 | ((h2 >> 48) & 0x3fff)),
             (unsigned long long)(h2 & 0xffffffffffffull));
}

/* SEQUENCE and content hash of the previous text's event `uid`; false
   when it has none. */
static bool previous_event(const ics *x, const char *uid, int *seq,
                           const char **hash)
{
    if (!x->prev)
        return false;
    icalcomponent *root = x->prev;
    icalcomponent *cal =
        icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT
            ? root
            : icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    if (!cal)
        return false;
    for (icalcomponent *e =
             icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         e; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const char *u = icalcomponent_get_uid(e);
        if (!u || strcmp(u, uid) != 0)
            continue;
        *seq = icalcomponent_get_sequence(e);
        *hash = NULL;
        for (icalproperty *q =
                 icalcomponent_get_first_property(e, ICAL_X_PROPERTY);
             q; q = icalcomponent_get_next_property(e, ICAL_X_PROPERTY)) {
            const char *n = icalproperty_get_x_name(q);
            if (n && strcmp(n, "X-LIBALS-CONTENT") == 0)
                *hash = icalproperty_get_x(q);
        }
        return true;
    }
    return false;
}

/* Add property q to c; false (and q freed) when q is NULL. */
static bool add(ics *x, icalcomponent *c, icalproperty *q)
{
    if (!q) {
        x->nomem = true;
        return false;
    }
    icalcomponent_add_property(c, q);
    return true;
}

static bool add_param(ics *x, icalproperty *q, icalparameter *m)
{
    if (!m) {
        x->nomem = true;
        return false;
    }
    icalproperty_add_parameter(q, m);
    return true;
}

static struct icaltimetype local_time(int y, int mo, int d, int minutes)
{
    struct icaltimetype t = icaltime_null_time();
    t.year = y;
    t.month = mo;
    t.day = d;
    t.hour = minutes / 60;
    t.minute = minutes % 60;
    t.second = 0;
    t.is_date = 0;
    return t;
}

/* A DTSTART/DTEND at local time t in the calendar's zone (TZID). */
static bool add_time(ics *x, icalcomponent *e, bool start,
                     struct icaltimetype t)
{
    icalproperty *q =
        start ? icalproperty_new_dtstart(t) : icalproperty_new_dtend(t);
    if (!add(x, e, q))
        return false;
    return add_param(x, q, icalparameter_new_tzid(x->p->timezone));
}

/* The number of the allocation's changes that move someone into or out
   of the set. */
static int set_changes(const ics *x)
{
    const char *id = als_allocation_set_id(x->a, x->set);
    int n = 0;
    for (size_t k = 0; k < als_allocation_change_count(x->a); k++) {
        const char *from = als_allocation_change_from(x->a, k);
        const char *to = als_allocation_change_to(x->a, k);
        bool in = to && strcmp(to, id) == 0;
        bool out = from && strcmp(from, id) == 0;
        if (in != out && n < 1000000)
            n++;
    }
    return n;
}

/* One VEVENT for session k dated `ds`. */
static void add_event(ics *x, icalcomponent *cal, size_t k,
                      const als_dated_session *ds, const uint64_t members_hash)
{
    icalcomponent *e = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    if (!e) {
        x->nomem = true;
        return;
    }
    icalcomponent_add_component(cal, e);
    char uid[ALS_MAX_ID_BYTES + 64];
    event_uid(x, k, uid, sizeof uid);
    const char *name = als_problem_name(x->p);
    const char *set_id = als_allocation_set_id(x->a, x->set);
    size_t cap = strlen(name) + strlen(ds->title) + strlen(set_id) + 32;
    char *summary = malloc(cap);
    if (!summary) {
        x->nomem = true;
        return;
    }
    if (*name)
        snprintf(summary, cap, "%s: %s (set %s)", name, ds->title, set_id);
    else
        snprintf(summary, cap, "%s (set %s)", ds->title, set_id);
    struct icaltimetype start =
        local_time(ds->year, ds->month, ds->day, ds->start);
    struct icaltimetype end = start;
    icaltime_adjust(&end, 0, 0, ds->minutes, 0);

    /* what the event says, for SEQUENCE: when it changes, the previous
       event's SEQUENCE is bumped */
    char content[80];
    uint64_t h = als__hash(summary, strlen(summary));
    snprintf(content, sizeof content, "%04d%02d%02d %d %d %s %016llx", ds->year,
             ds->month, ds->day, ds->start, ds->minutes, x->p->timezone,
             (unsigned long long)members_hash);
    h ^= als__hash(content, strlen(content)) * 0x100000001B3ull;
    char hash[17];
    hex64(h, hash);
    int seq = set_changes(x), pseq = 0;
    const char *phash = NULL;
    if (previous_event(x, uid, &pseq, &phash)) {
        if (pseq < 0)
            pseq = 0;
        if (!phash || strcmp(phash, hash) != 0)
            pseq = pseq < 1000000000 ? pseq + 1 : pseq;
        if (pseq > seq)
            seq = pseq;
    }

    time_t now = time(NULL);
    struct icaltimetype stamp =
        icaltime_from_timet_with_zone(now, 0, icaltimezone_get_utc_timezone());
    icalproperty *xp = NULL;
    bool ok = add(x, e, icalproperty_new_uid(uid)) &&
              add(x, e, icalproperty_new_dtstamp(stamp)) &&
              add(x, e, icalproperty_new_sequence(seq)) &&
              add(x, e, icalproperty_new_summary(summary)) &&
              add_time(x, e, true, start) && add_time(x, e, false, end) &&
              add(x, e, (xp = icalproperty_new_x(hash)));
    free(summary);
    if (!ok)
        return;
    icalproperty_set_x_name(xp, "X-LIBALS-CONTENT");
    /* the facilitators first (they chair), then the members */
    size_t nf = als_allocation_set_facilitator_count(x->a, x->set);
    size_t nm = als_allocation_set_size(x->a, x->set);
    for (size_t m = 0; m < nf + nm; m++) {
        const char *id, *cn, *email;
        if (m < nf) {
            id = als_allocation_set_facilitator(x->a, x->set, m);
            size_t f = als_problem_find_facilitator(x->p, id);
            if (f == ALS__NOIDX)
                continue; /* checked: does not happen */
            cn = als_problem_facilitator_name(x->p, f);
            email = als_problem_facilitator_email(x->p, f);
        } else {
            id = als_allocation_member(x->a, x->set, m - nf);
            size_t i = als_problem_find(x->p, id);
            if (i == ALS__NOIDX)
                continue; /* checked: does not happen */
            cn = als_problem_applicant_name(x->p, i);
            email = als_problem_applicant_email(x->p, i);
        }
        char addr[ALS_MAX_LABEL_BYTES + 16];
        attendee_address(x, email, id, addr, sizeof addr);
        icalproperty *q = icalproperty_new_attendee(addr);
        if (!add(x, e, q) ||
            !add_param(x, q, icalparameter_new_cn(cn && *cn ? cn : id)) ||
            !add_param(x, q,
                       icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL)) ||
            !add_param(x, q,
                       icalparameter_new_role(m < nf
                                                  ? ICAL_ROLE_CHAIR
                                                  : ICAL_ROLE_REQPARTICIPANT)))
            return;
    }
}

/* A hash of the set's facilitators and members (ids, names and e-mails,
   in order). */
static uint64_t members_hash(const ics *x)
{
    uint64_t h = 0x84222325cbf29ce4ull;
    for (size_t k = 0; k < als_allocation_set_facilitator_count(x->a, x->set);
         k++) {
        const char *id = als_allocation_set_facilitator(x->a, x->set, k);
        size_t f = als_problem_find_facilitator(x->p, id);
        const char *parts[3] = {id, NULL, NULL};
        if (f != ALS__NOIDX) {
            parts[1] = als_problem_facilitator_name(x->p, f);
            parts[2] = als_problem_facilitator_email(x->p, f);
        }
        for (int q = 0; q < 3; q++) {
            const char *s = parts[q] ? parts[q] : "";
            h = (h ^ als__hash(s, strlen(s))) * 0x100000001B3ull + 0x2f;
        }
    }
    for (size_t m = 0; m < als_allocation_set_size(x->a, x->set); m++) {
        const char *id = als_allocation_member(x->a, x->set, m);
        size_t i = als_problem_find(x->p, id);
        const char *parts[3] = {id, NULL, NULL};
        if (i != ALS__NOIDX) {
            parts[1] = als_problem_applicant_name(x->p, i);
            parts[2] = als_problem_applicant_email(x->p, i);
        }
        for (int k = 0; k < 3; k++) {
            const char *s = parts[k] ? parts[k] : "";
            h = (h ^ als__hash(s, strlen(s))) * 0x100000001B3ull + 0x1f;
        }
    }
    return h;
}

/* libical's UTC zone has no VTIMEZONE of its own: one with a single
   STANDARD part, offset +0000, its TZID the calendar's ("UTC"). */
static icalcomponent *utc_vtimezone(ics *x)
{
    icalcomponent *c = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
    icalcomponent *std = icalcomponent_new(ICAL_XSTANDARD_COMPONENT);
    if (!c || !std) {
        if (c)
            icalcomponent_free(c);
        if (std)
            icalcomponent_free(std);
        return NULL;
    }
    icalcomponent_add_component(c, std);
    struct icaltimetype t = local_time(1970, 1, 1, 0);
    if (!add(x, c, icalproperty_new_tzid(x->p->timezone)) ||
        !add(x, std, icalproperty_new_tzname("UTC")) ||
        !add(x, std, icalproperty_new_dtstart(t)) ||
        !add(x, std, icalproperty_new_tzoffsetfrom(0)) ||
        !add(x, std, icalproperty_new_tzoffsetto(0))) {
        icalcomponent_free(c);
        return NULL;
    }
    return c;
}

/* The VTIMEZONE of the calendar's zone, its TZID the zone's own name,
   its history before `from` (a year of the first session, or 0) left
   out. */
static icalcomponent *vtimezone(ics *x, int from)
{
    icalcomponent *src = icaltimezone_get_component(x->zone);
    if (!src && x->zone == icaltimezone_get_utc_timezone())
        return utc_vtimezone(x);
    if (!src)
        return NULL;
    icalcomponent *c = icalcomponent_new_clone(src);
    if (!c)
        return NULL;
    icalproperty *q = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
    if (q)
        icalproperty_set_tzid(q, x->p->timezone);
    else if (!(q = icalproperty_new_tzid(x->p->timezone))) {
        icalcomponent_free(c);
        return NULL;
    } else
        icalcomponent_add_property(c, q);
    if (from > 1900) {
        struct icaltimetype t = local_time(from - 1, 1, 1, 0);
        t = icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
        icaltimezone_truncate_vtimezone(c, t, icaltime_null_time(), 1);
    }
    return c;
}

/*
 * Copy libical's text into out, mending its folding: a line whose content
 * ends at the 75th octet is folded between the CR and the LF that end it
 * ("...\r" "\r\n " "\n"), which leaves a bare LF that calendar programs
 * read as part of a value (found by fuzz_report). Returns the length.
 */
static size_t line_ends(char *out, const char *text)
{
    static const char bad[] = "\r\r\n \n";
    size_t o = 0;
    for (size_t i = 0; text[i];) {
        if (text[i] == '\r' && strncmp(text + i, bad, sizeof bad - 1) == 0) {
            out[o++] = '\r';
            out[o++] = '\n';
            i += sizeof bad - 1;
            continue;
        }
        out[o++] = text[i++];
    }
    out[o] = '\0';
    return o;
}
als_status als_calendar_ics(const als_problem *p, const als_allocation *a,
                            size_t set, const char *previous,
                            size_t previous_len, char **out, size_t *len,
                            als_error *err)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!p || !a || !out || (previous_len && !previous)) {
        als__error_set(err, ALS_EINVAL, "",
                       "problem, allocation and ics must not be NULL");
        return ALS_EINVAL;
    }
    if (set >= als_allocation_set_count(a)) {
        als__error_set(err, ALS_EINVAL, "",
                       "set %zu is out of range (%zu sets)", set,
                       als_allocation_set_count(a));
        return ALS_EINVAL;
    }
    if (!p->timezone) {
        als__error_set(err, ALS_ESCHEMA, "programme.calendar",
                       "the cohort has no programme.calendar");
        return ALS_ESCHEMA;
    }
    als_status rc = als__report_check(p, a, NULL, err);
    if (rc != ALS_OK)
        return rc;
    ics x;
    memset(&x, 0, sizeof x);
    x.p = p;
    x.a = a;
    x.set = set;
    x.zone = icaltimezone_get_builtin_timezone(p->timezone);
    if (!x.zone) {
        als__error_set(err, ALS_ESCHEMA, "programme.calendar.timezone",
                       "unknown time zone '%s'", p->timezone);
        return ALS_ESCHEMA;
    }
    if (previous && previous_len) {
        char *copy = malloc(previous_len + 1);
        if (!copy) {
            als__error_set(err, ALS_ENOMEM, "", "out of memory");
            return ALS_ENOMEM;
        }
        memcpy(copy, previous, previous_len);
        copy[previous_len] = '\0';
        x.prev = icalparser_parse_string(copy);
        free(copy);
    }
    const char *day = als_allocation_set_day(a, set);
    int from = 0;
    for (size_t k = 0; k < p->nsessions; k++) {
        als_dated_session ds;
        if (als_problem_session_on(p, k, day, &ds) == 1 &&
            (from == 0 || ds.year < from))
            from = ds.year;
    }
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent *tz = cal ? vtimezone(&x, from) : NULL;
    if (!cal || !tz) {
        if (cal)
            icalcomponent_free(cal);
        if (x.prev)
            icalcomponent_free(x.prev);
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    if (add(&x, cal, icalproperty_new_prodid("-//libals//als calendar//EN")) &&
        add(&x, cal, icalproperty_new_version("2.0")) &&
        add(&x, cal, icalproperty_new_calscale("GREGORIAN")))
        icalcomponent_add_component(cal, tz);
    else
        icalcomponent_free(tz);
    uint64_t mh = members_hash(&x);
    for (size_t k = 0; k < p->nsessions && !x.nomem; k++) {
        als_dated_session ds;
        if (als_problem_session_on(p, k, day, &ds) == 1)
            add_event(&x, cal, k, &ds, mh);
    }
    char *text = x.nomem ? NULL : icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (x.prev)
        icalcomponent_free(x.prev);
    if (!text) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!copy) {
        icalmemory_free_buffer(text);
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    n = line_ends(copy, text);
    icalmemory_free_buffer(text);
    *out = copy;
    if (len)
        *len = n;
    return ALS_OK;
}
