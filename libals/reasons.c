/*
 * Why an applicant was left out: a reason a coordinator can act on, worked
 * out from the final allocation (which sets meet on their days, which have
 * room, which rule keeps them out of the ones that do).
 */
#include "solver.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append formatted text to buf. */
static void add(char *buf, size_t cap, const char *fmt, ...) ALS__PRINTF(3, 4);
static void add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
}

static void day_list(const als_problem *p, uint64_t mask, char *buf, size_t cap)
{
    buf[0] = '\0';
    bool first = true;
    for (size_t d = 0; d < p->days.n && d < 64; d++)
        if ((mask >> d) & 1) {
            add(buf, cap, "%s%s", first ? "" : ", ", p->days.display[d]);
            first = false;
        }
}

/* "their unit (a, b, c): " or "" for a unit of one. */
static void who(const als_problem *p, const als__unit *un, char *buf,
                size_t cap)
{
    buf[0] = '\0';
    if (un->size == 1)
        return;
    add(buf, cap, "their unit (");
    for (size_t k = 0; k < un->size && k < 6; k++)
        add(buf, cap, "%s%s", k ? ", " : "",
            p->app[p->unit_members[un->first + k]].id);
    add(buf, cap, "%s): ", un->size > 6 ? ", ..." : "");
}

/* The most open sets with room looked at for one applicant's reason: the
   reason then takes linear time in the cohort (the first sets of each kind
   name the rule; "such as" names one of them). */
#define REASON_LOOKS 64

/* Which rule keeps u out of slot s (which has room and a suitable day). */
enum { B_ORG, B_SPREAD, B_APART, B_PIN, B_FAC, B_NONE };

static int blocker(const als__state *h, size_t u, size_t s, int *org,
                   size_t *other)
{
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    const als__slot *sl = &h->slot[s];
    if (un->pin >= 0 && (size_t)un->pin != s)
        return B_PIN;
    if (p->org_mode == ALS_ORG_DISTINCT)
        for (size_t k = 0; k < un->org_count; k++) {
            int o = p->unit_orgs[un->org_first + k];
            if (als__counts_get(&sl->st.orgs, o) > 0) {
                *org = o;
                return B_ORG;
            }
        }
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++)
        for (size_t q = p->apart_off[m[k]]; q < p->apart_off[m[k] + 1]; q++)
            if (h->where[p->apart[q]] == s) {
                *other = p->apart[q];
                return B_APART;
            }
    if (h->K && !als__fac_can_join(h, u, s))
        return B_FAC;
    if (!als__state_fits(h, u, s))
        return B_SPREAD;
    return B_NONE;
}

/* Are enough facilitators free on a day u can make to lead a new set, but
   for the rules? */
static bool facilitators_idle(const als__state *h, size_t u)
{
    const als_problem *p = h->p;
    size_t k = (size_t)h->K; /* enough of them for a set */
    if (!p->days.n)
        return als__fac_free_count(h, -1) >= k;
    for (size_t d = 0; d < p->days.n && d < 64; d++)
        if ((p->units[u].avail >> d & 1) && als__fac_free_count(h, (int)d) >= k)
            return true;
    return false;
}

/* Could a new set open for u on a day they can make, as far as the
   facilitators go? (True without facilitators.) */
static bool facilitator_free(const als__reasons *r, size_t u)
{
    const als__state *h = r->h;
    if (!h->K || r->first_empty == ALS__NOIDX)
        return true; /* no new set could open anyway: not their reason */
    const als_problem *p = h->p;
    if (!p->days.n)
        return als__fac_can_open(h, r->first_empty, -1, u);
    for (size_t d = 0; d < p->days.n && d < 64; d++)
        if ((p->units[u].avail >> d & 1) &&
            als__fac_can_open(h, r->first_empty, (int)d, u))
            return true;
    return false;
}

/*
 * An upper bound on the members of any one set meeting on day d (-1: any
 * day): the eligible units that can make it, and under "distinct" at most
 * one unit per organisation (the largest of each, in best[], all zero on
 * entry and on return). A unit with several organisations is counted under
 * each, which only raises the bound.
 */
static long long biggest_set(const als__state *h, int d, long long *best)
{
    const als_problem *p = h->p;
    long long total = 0;
    for (size_t v = 0; v < p->nunits; v++) {
        const als__unit *un = &p->units[v];
        if (!h->eligible[v] || (d >= 0 && !((un->avail >> d) & 1)))
            continue;
        long long size = (long long)un->size;
        if (!best || un->org_count == 0) {
            total += size;
            continue;
        }
        for (size_t k = 0; k < un->org_count; k++) {
            int o = p->unit_orgs[un->org_first + k];
            if (o >= 0 && (size_t)o < p->orgs.n && best[o] < size) {
                total += size - best[o];
                best[o] = size;
            }
        }
    }
    if (best)
        memset(best, 0, p->orgs.n * sizeof *best); /* back to zero */
    return total;
}

/* Why no set at all could open, when enough applicants can be placed. */
static void why_no_set(const als__reasons *r, const char *w, char *buf,
                       size_t cap)
{
    const als_problem *p = r->h->p;
    if (r->days && r->on_a_day < p->size_min)
        add(buf, cap,
            "%sno set could be formed: a set needs at least %d members who "
            "can make its day, and at most %lld of those who can be placed "
            "can make any one day",
            w, p->size_min, r->on_a_day);
    else if (r->distinct < p->size_min)
        add(buf, cap,
            "%sno set could be formed: organisations must differ within a "
            "set, and those who can be placed%s come from too few "
            "organisations: a set could hold at most %lld of them, and needs "
            "at least %d",
            w, r->days ? " on any one day" : "", r->distinct, p->size_min);
    else
        add(buf, cap, "%sno set could be formed that they can join", w);
}

/* What why_no_set() says, worked out once for every applicant. */
static als_status no_set_figures(als__reasons *r)
{
    const als__state *h = r->h;
    const als_problem *p = h->p;
    bool distinct = p->org_mode == ALS_ORG_DISTINCT && p->orgs.n;
    long long *best = NULL;
    if (distinct && !(best = als__calloc(p->orgs.n, sizeof *best)))
        return ALS_ENOMEM;
    for (int d = r->days ? 0 : -1; d < r->days; d++) {
        long long a = biggest_set(h, d, NULL);
        long long b = distinct ? biggest_set(h, d, best) : a;
        if (a > r->on_a_day)
            r->on_a_day = a;
        if (b > r->distinct)
            r->distinct = b;
    }
    free(best);
    return ALS_OK;
}

/* Slots with room, by room (most first), then by index. */
static int cmp_room(const void *x, const void *y)
{
    const als__room *a = x, *b = y;
    if (a->room != b->room)
        return a->room > b->room ? -1 : 1;
    return (a->slot > b->slot) - (a->slot < b->slot);
}

als_status als__reasons_init(als__reasons *r, const als__state *h)
{
    const als_problem *p = h->p;
    memset(r, 0, sizeof *r);
    r->h = h;
    r->first_empty = ALS__NOIDX;
    r->days = p->days.n && p->days.n <= 64 ? (int)p->days.n : 0;
    size_t nb = r->days ? (size_t)r->days : 1;
    r->off = als__calloc(nb + 1, sizeof *r->off);
    r->low = als__malloc(nb, sizeof *r->low);
    r->room = als__malloc(h->nslots ? h->nslots : 1, sizeof *r->room);
    if (!r->off || !r->low || !r->room) {
        als__reasons_free(r);
        return ALS_ENOMEM;
    }
    for (size_t b = 0; b < nb; b++)
        r->low[b] = INFINITY;
    for (size_t v = 0; v < p->nunits; v++)
        if (h->eligible[v])
            r->demand += (long long)p->units[v].size;
    /* open slots by bucket (their day, or the one bucket without days) */
    for (size_t s = 0; s < h->nslots; s++) {
        const als__slot *sl = &h->slot[s];
        if (sl->size == 0) {
            if (sl->fixed < 0 && r->first_empty == ALS__NOIDX)
                r->first_empty = s;
            continue;
        }
        r->open++;
        r->places += sl->max;
        size_t b = r->days ? (size_t)sl->day : 0;
        if (r->days && (sl->day < 0 || sl->day >= r->days))
            continue; /* meets on no day: no one can make it */
        r->open_days |= (uint64_t)1 << b;
        for (size_t k = 0; k < sl->nunits; k++) {
            const als__unit *v = &p->units[sl->units[k]];
            double ratio = (double)v->priority / (double)v->size;
            if (ratio < r->low[b])
                r->low[b] = ratio;
        }
        if (sl->size < sl->max)
            r->off[b + 1]++;
    }
    for (size_t b = 0; b < nb; b++)
        r->off[b + 1] += r->off[b];
    size_t *fill = als__malloc(nb, sizeof *fill);
    if (!fill) {
        als__reasons_free(r);
        return ALS_ENOMEM;
    }
    memcpy(fill, r->off, nb * sizeof *fill);
    for (size_t s = 0; s < h->nslots; s++) {
        const als__slot *sl = &h->slot[s];
        if (sl->size == 0 || sl->size >= sl->max ||
            (r->days && (sl->day < 0 || sl->day >= r->days)))
            continue;
        r->room[fill[r->days ? (size_t)sl->day : 0]++] =
            (als__room){s, (long long)(sl->max - sl->size)};
    }
    free(fill);
    for (size_t b = 0; b < nb; b++)
        qsort(r->room + r->off[b], r->off[b + 1] - r->off[b], sizeof *r->room,
              cmp_room);
    if (r->open == 0 && no_set_figures(r) != ALS_OK) {
        als__reasons_free(r);
        return ALS_ENOMEM;
    }
    return ALS_OK;
}

void als__reasons_free(als__reasons *r)
{
    free(r->off);
    free(r->low);
    free(r->room);
    r->off = NULL;
    r->low = NULL;
    r->room = NULL;
}

void als__reason(const als__reasons *r, size_t u, const char *const *set_id,
                 char *buf, size_t cap)
{
    const als__state *h = r->h;
    const als_problem *p = h->p;
    const als__unit *un = &p->units[u];
    char w[200], days[200];
    buf[0] = '\0';
    who(p, un, w, sizeof w);
    if (un->duplicate) {
        const als__applicant *a = &p->app[un->dup_of];
        add(buf, cap,
            "the same e-mail as '%s'%s%s%s, who %s: likely a duplicate "
            "application",
            a->id, a->name ? " (" : "", a->name ? a->name : "",
            a->name ? ")" : "",
            h->where[un->dup_of] != ALS__NOIDX ? "is placed"
                                               : "is not placed either");
        return;
    }
    if (un->attached) { /* a re-run's newcomers to a running unit */
        const als__unit *to = &p->units[un->attach_to];
        const als__applicant *first = &p->app[p->unit_members[to->first]];
        size_t s = h->uslot[un->attach_to];
        const char *with = to->council >= 0 && p->council_pairs
                               ? "the other nominees of their council"
                               : "the others of their group";
        if (s == ALS__NOIDX)
            add(buf, cap,
                "waits to join %s (with '%s'), who are not placed: they are "
                "placed together or not at all",
                with, first->id);
        else
            add(buf, cap,
                "waits to join %s (with '%s') in set '%s', which has no "
                "room for them: they take the next place freed there",
                with, first->id, set_id[s] ? set_id[s] : "?");
        return;
    }
    if (un->council_defect) {
        const char *lack =
            un->council_defect == (ALS__LACKS_OFFICER | ALS__LACKS_COUNCILLOR)
                ? "neither an officer nor a councillor"
            : un->council_defect & ALS__LACKS_OFFICER ? "no officer"
                                                      : "no councillor";
        add(buf, cap,
            "council '%s' nominated %s: a council's nomination is placed "
            "only with an officer and a councillor in the same set (each "
            "nominee's role says which they are)",
            p->councils.display[un->council], lack);
        return;
    }
    uint64_t all = als__all_days(p->days.n);
    if (p->days.n && (un->avail & all) == 0) {
        day_list(p, all, days, sizeof days);
        if (un->size == 1)
            add(buf, cap, "can make none of the programme's days (%s)", days);
        else
            add(buf, cap, "%sits members share no day they can all make (%s)",
                w, days);
        return;
    }
    if (p->max_spread != ALS_NONE && un->level_min >= 0 &&
        un->level_max - un->level_min > p->max_spread) {
        add(buf, cap,
            "%sit spans seniority levels %d to %d, further apart than a "
            "set's levels may be (at most %d)",
            w, un->level_min, un->level_max, p->max_spread);
        return;
    }
    /* look at the open sets with room on their days: at most REASON_LOOKS
       of them, those with the most room first */
    uint64_t mine_days = r->days ? un->avail & all : 1;
    bool on_day = (r->open_days & mine_days) != 0;
    size_t with_room = 0, looked = 0;
    size_t first[B_NONE + 1]; /* the first set looked at of each kind */
    for (int b = 0; b <= B_NONE; b++)
        first[b] = ALS__NOIDX;
    int org = -1;
    size_t other = ALS__NOIDX;
    for (uint64_t m = mine_days; m && looked < REASON_LOOKS; m &= m - 1) {
        size_t b = (size_t)__builtin_ctzll(m);
        for (size_t j = r->off[b]; j < r->off[b + 1] && looked < REASON_LOOKS;
             j++) {
            size_t s = r->room[j].slot;
            if (!als__state_room(h, u, s))
                break; /* the others have less room still */
            with_room++;
            looked++;
            int o2 = -1;
            size_t other2 = ALS__NOIDX;
            int kind = blocker(h, u, s, &o2, &other2);
            if (first[kind] == ALS__NOIDX) {
                first[kind] = s;
                if (kind == B_ORG)
                    org = o2;
                if (kind == B_APART)
                    other = other2;
            }
        }
    }
    day_list(p, un->avail & all, days, sizeof days);
    if (un->pin >= 0) {
        add(buf, cap,
            "%spinned to set '%s', which cannot take them without breaking "
            "a rule (its day, its size or its members)",
            w, als__problem_pin_name(p, un->pin));
        return;
    }
    long long demand = r->demand, open = r->open, places = r->places;
    if (open == 0) {
        if (demand < p->size_min)
            add(buf, cap,
                "too few applicants to form a set: %lld can be placed, a "
                "set needs at least %d",
                demand, p->size_min);
        else
            why_no_set(r, w, buf, cap);
        return;
    }
    if (!on_day) {
        bool capped =
            p->nsets > 0 || (p->max_sets != ALS_NONE && open >= p->max_sets);
        if (p->days.n && capped && p->nsets > 0)
            add(buf, cap,
                "%sno set meets on a day they can make (%s), and no other "
                "set can open: the programme's fixed sets meet on other "
                "days or are full",
                w, days);
        else if (p->days.n && capped)
            add(buf, cap,
                "%sno set meets on a day they can make (%s), and no other "
                "set can open: the programme allows at most %lld",
                w, days, p->max_sets);
        else if (p->days.n && !facilitator_free(r, u))
            add(buf, cap,
                "%sno set meets on a day they can make (%s), and no "
                "facilitator is free to lead one then",
                w, days);
        else if (p->days.n)
            add(buf, cap,
                "%sno set meets on a day they can make (%s): too few "
                "applicants who can make it to open a set of at least %d",
                w, days, p->size_min);
        else
            add(buf, cap, "%sno set can take them", w);
        return;
    }
    if (with_room == 0) {
        long long left = demand - h->placed;
        bool capped =
            p->nsets > 0 || (p->max_sets != ALS_NONE && open >= p->max_sets);
        /* is everyone placed on their days of at least their priority? */
        double mine = (double)un->priority / (double)un->size;
        bool outranked = true;
        for (uint64_t m = r->open_days & mine_days; m; m &= m - 1)
            if (r->low[__builtin_ctzll(m)] < mine)
                outranked = false;
        if (!capped && !facilitator_free(r, u))
            add(buf, cap,
                "%sthe sets that meet on the days they can make%s%s%s are "
                "full, and %s",
                w, p->days.n ? " (" : "", p->days.n ? days : "",
                p->days.n ? ")" : "",
                facilitators_idle(h, u)
                    ? "the facilitators still free then are from their "
                      "organisation or must be kept apart from them"
                    : "no facilitator is free to lead another set then");
        else if (capped && demand > places)
            add(buf, cap,
                "oversubscribed: %lld place%s in the %lld set%s allowed, for "
                "%lld applicants; %s%s%s full%s",
                places, places == 1 ? "" : "s", open, open == 1 ? "" : "s",
                demand, p->days.n ? "the sets on the days they can make (" : "",
                p->days.n ? days : "every set is", p->days.n ? ") are" : "",
                outranked ? " with applicants of equal or higher priority"
                          : "");
        else if (p->days.n)
            add(buf, cap,
                "%sleft over: the sets that meet on the days they can make "
                "(%s) are full, and the %lld applicant%s left over %s too "
                "few, or too alike, to open another set of at least %d",
                w, days, left, left == 1 ? "" : "s", left == 1 ? "is" : "are",
                p->size_min);
        else
            add(buf, cap,
                "%sleft over: every set is full, and the %lld applicant%s "
                "left over %s too few, or too alike, to open another set of "
                "at least %d",
                w, left, left == 1 ? "" : "s", left == 1 ? "is" : "are",
                p->size_min);
        return;
    }
    const char *which = p->days.n ? "on the days they can make " : "";
#define NAME(kind) (set_id[first[kind]] ? set_id[first[kind]] : "?")
    if (first[B_ORG] != ALS__NOIDX && org >= 0)
        add(buf, cap,
            "%severy set %swith room (such as %s) already has someone from "
            "'%s', and no two members of a set may share an organisation",
            w, which, NAME(B_ORG), p->orgs.display[org]);
    else if (first[B_APART] != ALS__NOIDX && other != ALS__NOIDX)
        add(buf, cap,
            "%sthe sets %swith room (such as %s) hold someone they must be "
            "apart from ('%s')",
            w, which, NAME(B_APART), p->app[other].id);
    else if (first[B_FAC] != ALS__NOIDX)
        add(buf, cap,
            "%sthe sets %swith room (such as %s) are led by a facilitator "
            "from their organisation, or one they must be kept apart from, "
            "and no other facilitator is free to take over",
            w, which, NAME(B_FAC));
    else if (first[B_SPREAD] != ALS__NOIDX)
        add(buf, cap,
            "%sthe sets %swith room (such as %s) would then have seniority "
            "levels further apart than a set may (at most %d)",
            w, which, NAME(B_SPREAD), p->max_spread);
    else if (first[B_NONE] != ALS__NOIDX)
        add(buf, cap,
            "%s%s has room, but taking them in would leave another applicant "
            "out",
            w, NAME(B_NONE));
    else /* a pin elsewhere: said above */
        add(buf, cap, "%sno set with room can take them", w);
#undef NAME
}
