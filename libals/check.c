/*
 * The independent checker: verifies an allocation against a cohort trusting
 * only its membership. Every hard constraint of FORMAT.md, that each active
 * applicant is listed once, and each reported objective figure (recomputed
 * through objective.c) are checked; with a previous allocation, the re-run
 * figures and the list of changes too. Each violation names its place in
 * the allocation document.
 */
#include "als_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chk {
    const als_problem *p;
    const als_allocation *a;
    als__report rep;
    size_t *where;   /* applicant -> set index in a, NOIDX */
    size_t *loc_set; /* where first listed: set index, or NOIDX */
    size_t *loc_k;   /* member index, or unassigned index */
    bool *listed;
    int *set_fixed;             /* set index -> fixed set index or -1 */
    int *set_day;               /* set index -> day index or -1 */
    const als_allocation *prev; /* a re-run's previous allocation, NULL */
    size_t *set_prev;     /* re-runs: set index -> the previous set with its id,
                             or NOIDX; NULL otherwise */
    size_t *app_prev;     /* re-runs: applicant -> previous set index, NOIDX */
    als__strtab prev_ids; /* its set ids */
    als__strtab prev_fac; /* its facilitators' ids */
    bool nomem; /* out of memory: the check stops, its findings unsaid */
} chk;

static bool names_differ(const char *x, const char *y);

#define V(c, path, ...)                                                        \
    als__report_error(&(c)->rep, ALS_ESCHEMA, path, __VA_ARGS__)

static void place(const chk *c, size_t i, char *buf, size_t cap)
{
    if (c->loc_set[i] != ALS__NOIDX)
        snprintf(buf, cap, "sets[%zu].members[%zu]", c->loc_set[i],
                 c->loc_k[i]);
    else
        snprintf(buf, cap, "unassigned[%zu]", c->loc_k[i]);
}

static const char *set_name(const chk *c, size_t s)
{
    if (s == ALS__NOIDX)
        return "(unassigned)";
    return c->a->sets[s].id ? c->a->sets[s].id : "(no id)";
}

/* Record where each applicant is listed: unknown, withdrawn, twice. */
static void check_listing(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[96], first[96];
    for (size_t s = 0; s < a->nsets; s++) {
        for (size_t k = 0; k < a->sets[s].n; k++) {
            const char *id = a->sets[s].members[k];
            snprintf(path, sizeof path, "sets[%zu].members[%zu]", s, k);
            size_t i = als_problem_find(p, id);
            if (i == ALS__NOIDX) {
                V(c, path, "'%s' is not an applicant of the cohort", id);
                continue;
            }
            if (p->app[i].withdrawn) {
                V(c, path, "'%s' has withdrawn and must not be placed", id);
                continue;
            }
            if (c->listed[i]) {
                place(c, i, first, sizeof first);
                V(c, path, "'%s' is listed twice (also at %s)", id, first);
                continue;
            }
            const char *nm = a->sets[s].names ? a->sets[s].names[k] : NULL;
            if (nm && p->app[i].name && names_differ(nm, p->app[i].name))
                V(c, path, "'%s' is named '%s' here but '%s' in the cohort", id,
                  nm, p->app[i].name);
            c->listed[i] = true;
            c->where[i] = s;
            c->loc_set[i] = s;
            c->loc_k[i] = k;
        }
    }
    for (size_t k = 0; k < a->nunassigned; k++) {
        const char *id = a->unassigned[k].id;
        snprintf(path, sizeof path, "unassigned[%zu]", k);
        size_t i = als_problem_find(p, id);
        if (i == ALS__NOIDX) {
            V(c, path, "'%s' is not an applicant of the cohort", id);
            continue;
        }
        if (p->app[i].withdrawn) {
            V(c, path, "'%s' has withdrawn and must not be listed", id);
            continue;
        }
        if (c->listed[i]) {
            place(c, i, first, sizeof first);
            V(c, path, "'%s' is listed twice (also at %s)", id, first);
            continue;
        }
        if (!a->unassigned[k].reason || !a->unassigned[k].reason[0]) {
            snprintf(path, sizeof path, "unassigned[%zu].reason", k);
            V(c, path, "no reason is given for leaving '%s' out", id);
        }
        c->listed[i] = true;
        c->loc_set[i] = ALS__NOIDX;
        c->loc_k[i] = k;
    }
    for (size_t i = 0; i < p->n; i++)
        if (!p->app[i].withdrawn && !c->listed[i])
            V(c, "",
              "applicant '%s' is missing: neither in a set nor in "
              "\"unassigned\"",
              p->app[i].id);
}

/* A re-run's previous sets: which of this allocation's sets runs on from
   which, and each applicant's previous set. False when out of memory. */
static bool map_previous(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a, *prev = c->prev;
    c->set_prev = als__malloc(a->nsets ? a->nsets : 1, sizeof *c->set_prev);
    c->app_prev = als__malloc(p->n ? p->n : 1, sizeof *c->app_prev);
    if (!c->set_prev || !c->app_prev)
        return false;
    for (size_t i = 0; i < p->n; i++)
        c->app_prev[i] = ALS__NOIDX;
    als__strtab ids; /* previous set ids: index -> first set with it */
    als__strtab_init(&ids, false);
    size_t *first = als__malloc(prev->nsets ? prev->nsets : 1, sizeof *first);
    bool ok = first != NULL;
    for (size_t t = 0; t < prev->nsets && ok; t++) {
        const als__aset *ps = &prev->sets[t];
        if (ps->id) {
            bool added;
            size_t k = als__strtab_intern(&ids, ps->id, &added);
            ok = k != ALS__NOIDX;
            if (ok && added)
                first[k] = t;
        }
        for (size_t m = 0; m < ps->n && ok; m++) {
            size_t i = als_problem_find(p, ps->members[m]);
            if (i != ALS__NOIDX && c->app_prev[i] == ALS__NOIDX)
                c->app_prev[i] = t;
        }
    }
    for (size_t s = 0; s < a->nsets && ok; s++) {
        size_t k =
            a->sets[s].id ? als__strtab_find(&ids, a->sets[s].id) : ALS__NOIDX;
        c->set_prev[s] = k == ALS__NOIDX ? ALS__NOIDX : first[k];
    }
    free(first);
    als__strtab_free(&ids);
    return ok;
}

/* Set ids, fixed sets, the cap on sets, days and sizes. */
static void check_sets(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[96];
    als__strtab ids;
    als__strtab_init(&ids, false);
    for (size_t s = 0; s < a->nsets; s++) {
        const als__aset *as = &a->sets[s];
        c->set_fixed[s] = -1;
        c->set_day[s] = -1;
        snprintf(path, sizeof path, "sets[%zu].id", s);
        if (!as->id || !as->id[0]) {
            V(c, path, "the set has no id");
        } else {
            bool added;
            size_t k = als__strtab_intern(&ids, as->id, &added);
            if (k == ALS__NOIDX) {
                c->nomem = true;
                break;
            }
            if (!added)
                V(c, path, "set id '%s' is used twice", as->id);
            c->set_fixed[s] = als__problem_fixed_find(p, as->id);
            if (p->nsets && c->set_fixed[s] < 0)
                V(c, path, "'%s' is not one of the programme's fixed sets",
                  as->id);
        }
        int fixed = c->set_fixed[s];
        snprintf(path, sizeof path, "sets[%zu].day", s);
        if (p->days.n == 0) {
            if (as->day)
                V(c, path,
                  "day '%s' is given, but the programme has no "
                  "days",
                  as->day);
        } else if (!as->day) {
            V(c, path,
              "the set has no day (the programme's sets meet on "
              "one of its days)");
        } else {
            size_t d = als__strtab_find(&p->days, as->day);
            if (d == ALS__NOIDX)
                V(c, path, "day '%s' is not one of programme.days", as->day);
            else
                c->set_day[s] = (int)d;
            if (d != ALS__NOIDX && fixed >= 0 && p->sets[fixed].day >= 0 &&
                (int)d != p->sets[fixed].day)
                V(c, path, "fixed set '%s' meets on '%s', not '%s'",
                  p->sets[fixed].id, p->days.display[p->sets[fixed].day],
                  as->day);
        }
        int min, max;
        als__problem_bounds(p, fixed, &min, &max);
        size_t n = as->n;
        snprintf(path, sizeof path, "sets[%zu].members", s);
        if (c->set_prev && c->set_prev[s] != ALS__NOIDX) {
            /* a running set may shrink to its floor (rerun.c) */
            size_t cont =
                als__prev_continuing(p, &c->prev->sets[c->set_prev[s]]);
            int least = als__running_min(p, fixed, cont);
            if (least < min && n >= (size_t)least && n <= (size_t)max)
                continue;
            if (least < min)
                min = least;
        }
        if ((n < (size_t)min || n > (size_t)max) && min == max)
            V(c, path, "set '%s' has %zu members; it must have exactly %d",
              set_name(c, s), n, min);
        else if (n < (size_t)min || n > (size_t)max)
            V(c, path, "set '%s' has %zu members; it must have %d to %d",
              set_name(c, s), n, min, max);
    }
    for (size_t f = 0; f < p->nsets; f++) {
        if (!p->sets[f].required ||
            (a->status == ALS_SOLVE_INFEASIBLE && a->nsets == 0))
            continue;
        bool open = false;
        for (size_t s = 0; s < a->nsets && !open; s++)
            open = c->set_fixed[s] == (int)f;
        if (!open)
            V(c, "sets", "the required set '%s' is not open", p->sets[f].id);
    }
    if (p->max_sets != ALS_NONE && (long long)a->nsets > p->max_sets)
        V(c, "sets", "%zu sets are open; the programme allows at most %lld",
          a->nsets, p->max_sets);
    als__strtab_free(&ids);
}

/* Availability, units, councils, organisations, seniority, apart, pins. */
/* Every member can make their set's day. */
static void check_days(chk *c)
{
    const als_problem *p = c->p;
    char path[96];
    for (size_t i = 0; i < p->n; i++) {
        size_t s = c->where[i];
        if (s == ALS__NOIDX || c->set_day[s] < 0)
            continue;
        if (!((p->app[i].avail >> c->set_day[s]) & 1)) {
            place(c, i, path, sizeof path);
            V(c, path, "'%s' cannot meet on '%s', the day of set '%s'",
              p->app[i].id, p->days.display[c->set_day[s]], set_name(c, s));
        }
    }
}

/* A unit's members share a set, and a council nomination that lacks a
   member is not placed anew. */
static void check_units(chk *c)
{
    const als_problem *p = c->p;
    char path[96];
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        const size_t *m = p->unit_members + un->first;
        /* in a re-run, newcomers to a unit whose continuing members are
           placed may wait when their set has no room (rerun.c): the unit
           is then its placed members */
        size_t lead = 0;
        bool newcomers_may_wait = false;
        for (size_t k = 0; c->app_prev && k < un->size; k++)
            if (c->app_prev[m[k]] != ALS__NOIDX &&
                c->where[m[k]] != ALS__NOIDX) {
                newcomers_may_wait = true;
                lead = k;
                break;
            }
        size_t s0 = c->where[m[lead]];
        for (size_t k = 0; k < un->size; k++) {
            if (k == lead || !c->listed[m[k]] || !c->listed[m[lead]])
                continue;
            if (newcomers_may_wait && c->where[m[k]] == ALS__NOIDX &&
                c->app_prev[m[k]] == ALS__NOIDX)
                continue;
            if (c->where[m[k]] != s0) {
                place(c, m[k], path, sizeof path);
                V(c, path,
                  "'%s' must share a set with '%s' (same unit), but is in "
                  "%s and they are in %s",
                  p->app[m[k]].id, p->app[m[lead]].id,
                  set_name(c, c->where[m[k]]), set_name(c, s0));
            }
        }
        size_t placed_member = ALS__NOIDX;
        for (size_t k = 0; k < un->size && placed_member == ALS__NOIDX; k++)
            if (c->where[m[k]] != ALS__NOIDX)
                placed_member = m[k];
        /* a unit that lost members may stay in its running set: the rule
           applies to units placed anew (rerun.c) */
        bool running = false;
        for (size_t k = 0; k < un->size && c->app_prev && !running &&
                           placed_member != ALS__NOIDX;
             k++)
            running = c->app_prev[m[k]] != ALS__NOIDX &&
                      c->set_prev[c->where[placed_member]] == c->app_prev[m[k]];
        if (un->council_defect && placed_member != ALS__NOIDX && !running) {
            place(c, placed_member, path, sizeof path);
            V(c, path,
              "the nomination of council '%s' lacks %s and must not be "
              "placed",
              p->councils.display[un->council],
              un->council_defect & ALS__LACKS_OFFICER ? "an officer"
                                                      : "a councillor");
        }
    }
}

/* Organisation distinct: per set, one unit per organisation. */
static void check_organisations(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[96];
    if (p->org_mode == ALS_ORG_DISTINCT && p->orgs.n) {
        size_t *seen = als__malloc(p->orgs.n, sizeof *seen); /* applicant */
        size_t *seen_set = als__malloc(p->orgs.n, sizeof *seen_set);
        if (!seen || !seen_set) {
            c->nomem = true;
        } else {
            for (size_t o = 0; o < p->orgs.n; o++)
                seen_set[o] = ALS__NOIDX;
            for (size_t s = 0; s < a->nsets; s++) {
                for (size_t k = 0; k < a->sets[s].n; k++) {
                    size_t i = als_problem_find(p, a->sets[s].members[k]);
                    if (i == ALS__NOIDX || c->where[i] != s ||
                        c->loc_k[i] != k || p->app[i].org < 0)
                        continue;
                    int o = p->app[i].org;
                    if (seen_set[o] != s) {
                        seen_set[o] = s;
                        seen[o] = i;
                    } else if (p->app[seen[o]].unit != p->app[i].unit) {
                        snprintf(path, sizeof path, "sets[%zu].members[%zu]", s,
                                 k);
                        V(c, path,
                          "'%s' and '%s' are both from '%s' in set '%s' "
                          "(organisation: distinct)",
                          p->app[seen[o]].id, p->app[i].id, p->orgs.display[o],
                          set_name(c, s));
                    }
                }
            }
        }
        free(seen);
        free(seen_set);
    }
}

/* Seniority: no set's spread above max_spread. */
static void check_spread(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[96];
    if (p->max_spread != ALS_NONE) {
        for (size_t s = 0; s < a->nsets; s++) {
            size_t lo = ALS__NOIDX, hi = ALS__NOIDX;
            for (size_t k = 0; k < a->sets[s].n; k++) {
                size_t i = als_problem_find(p, a->sets[s].members[k]);
                if (i == ALS__NOIDX || c->where[i] != s || p->app[i].level < 0)
                    continue;
                if (lo == ALS__NOIDX || p->app[i].level < p->app[lo].level)
                    lo = i;
                if (hi == ALS__NOIDX || p->app[i].level > p->app[hi].level)
                    hi = i;
            }
            if (lo != ALS__NOIDX &&
                p->app[hi].level - p->app[lo].level > p->max_spread) {
                snprintf(path, sizeof path, "sets[%zu]", s);
                V(c, path,
                  "seniority spread %d in set '%s' exceeds max_spread %d "
                  "('%s' at %d, '%s' at %d)",
                  p->app[hi].level - p->app[lo].level, set_name(c, s),
                  p->max_spread, p->app[lo].id, p->app[lo].level, p->app[hi].id,
                  p->app[hi].level);
            }
        }
    }
}

/* Applicants kept apart do not share a set. */
static void check_apart(chk *c)
{
    const als_problem *p = c->p;
    char path[96];
    for (size_t i = 0; i < p->n; i++) {
        if (c->where[i] == ALS__NOIDX)
            continue;
        for (size_t k = p->apart_off[i]; k < p->apart_off[i + 1]; k++) {
            size_t j = p->apart[k];
            if (j > i && c->where[j] == c->where[i]) {
                place(c, j, path, sizeof path);
                V(c, path, "'%s' and '%s' must be apart but share set '%s'",
                  p->app[i].id, p->app[j].id, set_name(c, c->where[i]));
            }
        }
    }
}

/* Pins (an allocation that declares them infeasible and opens no set is not
   held to them: the checker cannot prove infeasibility, only that nothing
   else is wrong). */
static void check_pins(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[96];
    bool declared = a->status == ALS_SOLVE_INFEASIBLE && a->nsets == 0;
    for (size_t i = 0; i < p->n && !declared; i++) {
        const als__applicant *ap = &p->app[i];
        if (ap->withdrawn || !c->listed[i])
            continue;
        size_t s = c->where[i];
        if (ap->pin_id) {
            /* a pin to a set of the previous allocation, which keeps its
               id: the applicant must be in the set of that id */
            bool known = c->prev && als__strtab_find(&c->prev_ids,
                                                     ap->pin_id) != ALS__NOIDX;
            place(c, i, path, sizeof path);
            if (!known)
                V(c, path,
                  "'%s' is pinned to set '%s', which is neither a fixed set "
                  "nor a set of the previous allocation%s",
                  ap->id, ap->pin_id, c->prev ? "" : " (none was given)");
            else if (s == ALS__NOIDX || !c->a->sets[s].id ||
                     strcmp(c->a->sets[s].id, ap->pin_id) != 0)
                V(c, path, "'%s' is pinned to set '%s' but is %s%s", ap->id,
                  ap->pin_id, s == ALS__NOIDX ? "unassigned" : "in ",
                  s == ALS__NOIDX ? "" : set_name(c, s));
            continue;
        }
        if (ap->pin < 0)
            continue;
        if (s == ALS__NOIDX || c->set_fixed[s] != ap->pin) {
            place(c, i, path, sizeof path);
            V(c, path, "'%s' is pinned to set '%s' but is %s%s", ap->id,
              p->sets[ap->pin].id, s == ALS__NOIDX ? "unassigned" : "in ",
              s == ALS__NOIDX ? "" : set_name(c, s));
        }
    }
}

/* The hard rules of the cohort, each in turn. */
static void check_rules(chk *c)
{
    check_days(c);
    check_units(c);
    check_organisations(c);
    check_spread(c);
    check_apart(c);
    check_pins(c);
}

/*
 * Facilitators (docs/FORMAT.md, "Facilitators"): every set has
 * facilitators_per_set distinct, known, active facilitators, each
 * available on its day, independent of its members and not apart from
 * them, within max_sets and one set per day; a fixed set has those it
 * names. A cohort without facilitators has sets without any.
 */
static void check_facilitators(chk *c)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[96];
    size_t *load = p->nfac ? als__calloc(p->nfac, sizeof *load) : NULL;
    size_t *day_set = p->nfac && p->days.n
                          ? als__malloc(p->nfac * p->days.n, sizeof *day_set)
                          : NULL;
    if (p->nfac && (!load || (p->days.n && !day_set))) {
        c->nomem = true;
        goto out;
    }
    for (size_t k = 0; day_set && k < p->nfac * p->days.n; k++)
        day_set[k] = ALS__NOIDX;
    for (size_t s = 0; s < a->nsets; s++) {
        const als__aset *as = &a->sets[s];
        if (!p->nfac) {
            if (as->nfac) {
                snprintf(path, sizeof path, "sets[%zu].facilitators", s);
                V(c, path,
                  "set '%s' names facilitators, but the cohort has "
                  "none",
                  set_name(c, s));
            }
            continue;
        }
        if (as->nfac != (size_t)p->fac_per_set) {
            snprintf(path, sizeof path, "sets[%zu].facilitators", s);
            V(c, path, "set '%s' has %zu facilitator%s; every set has %d",
              set_name(c, s), as->nfac, as->nfac == 1 ? "" : "s",
              p->fac_per_set);
        }
        int day = c->set_day[s];
        for (size_t k = 0; k < as->nfac; k++) {
            snprintf(path, sizeof path, "sets[%zu].facilitators[%zu]", s, k);
            size_t f = als__strtab_find(&p->fac_ids, as->fac[k]);
            if (f == ALS__NOIDX) {
                V(c, path, "'%s' is not a facilitator of the cohort",
                  as->fac[k]);
                continue;
            }
            const als__facilitator *fc = &p->fac[f];
            bool twice = false;
            for (size_t j = 0; j < k; j++)
                twice |= strcmp(as->fac[j], as->fac[k]) == 0;
            if (twice) {
                V(c, path, "facilitator '%s' is named twice", fc->id);
                continue;
            }
            if (fc->withdrawn)
                V(c, path, "facilitator '%s' has withdrawn", fc->id);
            if (day >= 0 && !(fc->avail >> day & 1))
                V(c, path,
                  "facilitator '%s' cannot meet on '%s', the day "
                  "of set '%s'",
                  fc->id, p->days.display[day], set_name(c, s));
            for (size_t m = 0; m < as->n; m++) {
                size_t i = als_problem_find(p, as->members[m]);
                if (i == ALS__NOIDX || c->where[i] != s ||
                    als__fac_may_lead(p, f, i))
                    continue;
                bool org = p->fac_rule == ALS_FACILITATORS_INDEPENDENT &&
                           fc->org >= 0 && p->app[i].org == fc->org;
                if (org)
                    V(c, path,
                      "facilitator '%s' is from '%s', as is member "
                      "'%s' of set '%s': a facilitator is "
                      "independent of the set's organisations",
                      fc->id, p->orgs.display[fc->org], p->app[i].id,
                      set_name(c, s));
                else
                    V(c, path,
                      "facilitator '%s' must be kept apart from "
                      "'%s', a member of set '%s'",
                      fc->id, p->app[i].id, set_name(c, s));
            }
            if (++load[f] == (size_t)fc->max_sets + 1)
                V(c, path, "facilitator '%s' leads more than %d set%s", fc->id,
                  fc->max_sets, fc->max_sets == 1 ? "" : "s");
            if (day >= 0) {
                size_t *ds = &day_set[f * p->days.n + (size_t)day];
                if (*ds != ALS__NOIDX)
                    V(c, path,
                      "facilitator '%s' leads sets '%s' and '%s', "
                      "which both meet on '%s'",
                      fc->id, set_name(c, *ds), set_name(c, s),
                      p->days.display[day]);
                else
                    *ds = s;
            }
        }
        int fixed = c->set_fixed[s];
        for (size_t k = 0; fixed >= 0 && k < p->sets[fixed].nfac; k++) {
            const char *want =
                p->fac[p->set_fac[p->sets[fixed].fac_first + k]].id;
            bool has = false;
            for (size_t j = 0; j < as->nfac && !has; j++)
                has = strcmp(as->fac[j], want) == 0;
            if (!has) {
                snprintf(path, sizeof path, "sets[%zu].facilitators", s);
                V(c, path,
                  "fixed set '%s' is led by '%s', who is not "
                  "named here",
                  set_name(c, s), want);
            }
        }
    }
out:
    free(load);
    free(day_set);
}

/* Map the previous allocation onto this one's set numbering. */
static size_t *previous_sets(chk *c, const als_allocation *prev)
{
    const als_problem *p = c->p;
    size_t *ps = als__malloc(p->n ? p->n : 1, sizeof *ps);
    /* the first current set of each id */
    size_t *first = als__malloc(c->a->nsets ? c->a->nsets : 1, sizeof *first);
    als__strtab ids;
    als__strtab_init(&ids, false);
    bool ok = ps && first;
    for (size_t s = 0; ok && s < c->a->nsets; s++) {
        bool added;
        size_t k = c->a->sets[s].id
                       ? als__strtab_intern(&ids, c->a->sets[s].id, &added)
                       : 0;
        if (k == ALS__NOIDX)
            ok = false;
        else if (c->a->sets[s].id && added)
            first[k] = s;
    }
    if (!ok) {
        als__strtab_free(&ids);
        free(first);
        free(ps);
        return NULL;
    }
    for (size_t i = 0; i < p->n; i++)
        ps[i] = ALS__NOIDX;
    for (size_t t = 0; t < prev->nsets; t++) {
        /* a previous set maps to the current set with the same id, or to
           a number no current set has */
        size_t mapped = c->a->nsets + t;
        size_t same = prev->sets[t].id
                          ? als__strtab_find(&ids, prev->sets[t].id)
                          : ALS__NOIDX;
        if (same != ALS__NOIDX)
            mapped = first[same];
        for (size_t k = 0; k < prev->sets[t].n; k++) {
            size_t i = als_problem_find(p, prev->sets[t].members[k]);
            if (i != ALS__NOIDX && !p->app[i].withdrawn)
                ps[i] = mapped;
        }
    }
    als__strtab_free(&ids);
    free(first);
    return ps;
}

/* Previous set of each applicant id of the previous allocation. */
typedef struct prev_index {
    als__strtab ids;
    const char **set_of; /* by id-table index */
    size_t cap;
} prev_index;

static bool prev_index_build(prev_index *x, const als_allocation *prev)
{
    als__strtab_init(&x->ids, false);
    x->set_of = NULL;
    x->cap = 0;
    for (size_t t = 0; t < prev->nsets; t++)
        for (size_t k = 0; k < prev->sets[t].n; k++) {
            size_t id =
                als__strtab_intern(&x->ids, prev->sets[t].members[k], NULL);
            if (id == ALS__NOIDX || !als__grow((void **)&x->set_of, &x->cap,
                                               id + 1, sizeof *x->set_of))
                return false;
            x->set_of[id] = prev->sets[t].id;
        }
    return true;
}

static void prev_index_free(prev_index *x)
{
    als__strtab_free(&x->ids);
    free(x->set_of);
}

static const char *prev_set_id(const prev_index *x, const char *id)
{
    size_t k = als__strtab_find(&x->ids, id);
    return k == ALS__NOIDX ? NULL : x->set_of[k];
}

static bool same_opt(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* The facilitator changes a re-run must list (rerun.c). */
typedef struct fac_move {
    const char *fac, *from, *to;
} fac_move;

typedef struct fac_expect {
    fac_move *v;
    size_t n, cap;
    bool nomem;
} fac_expect;

static void fac_expected(void *ctx, const char *fac, const char *from,
                         const char *to)
{
    fac_expect *e = ctx;
    if (e->nomem ||
        !als__grow((void **)&e->v, &e->cap, e->n + 1, sizeof *e->v)) {
        e->nomem = true;
        return;
    }
    e->v[e->n++] = (fac_move){fac, from, to};
}

/* A facilitator of the cohort or of the previous allocation? */
static bool is_facilitator(const chk *c, const char *id)
{
    return als__strtab_find(&c->p->fac_ids, id) != ALS__NOIDX ||
           als__strtab_find(&c->prev_fac, id) != ALS__NOIDX;
}

/* Facilitator entries of changes against those expected, and the tier. */
static void check_fac_changes(chk *c, const als_allocation *prev)
{
    const als_allocation *a = c->a;
    char path[64];
    fac_expect e;
    memset(&e, 0, sizeof e);
    long long n = als__facilitator_changes(prev, a, fac_expected, &e);
    if (n < 0 || e.nomem) {
        c->nomem = true;
        goto out;
    }
    if ((a->present & ALS__OBJ_FACCHG) && a->obj.facilitator_changes != n)
        V(c, "objective.facilitator_changes", "reported %lld, recomputed %lld",
          a->obj.facilitator_changes, n);
    for (size_t x = 0; x < e.n; x++) {
        const fac_move *m = &e.v[x];
        bool listed = false;
        for (size_t k = 0; k < a->nchanges && !listed; k++)
            listed = strcmp(a->changes[k].id, m->fac) == 0 &&
                     same_opt(a->changes[k].from, m->from) &&
                     same_opt(a->changes[k].to, m->to);
        if (!listed)
            V(c, "changes",
              "facilitator '%s' %s set '%s', but changes does not say so",
              m->fac, m->from ? "no longer leads" : "now leads",
              m->from ? m->from : m->to);
    }
    for (size_t k = 0; k < a->nchanges; k++) {
        const als__change *ch = &a->changes[k];
        if (!is_facilitator(c, ch->id))
            continue;
        bool expected = false;
        for (size_t x = 0; x < e.n && !expected; x++)
            expected = strcmp(ch->id, e.v[x].fac) == 0 &&
                       same_opt(ch->from, e.v[x].from) &&
                       same_opt(ch->to, e.v[x].to);
        snprintf(path, sizeof path, "changes[%zu]", k);
        if (!expected)
            V(c, path, "facilitator '%s' did not change from %s to %s", ch->id,
              ch->from ? ch->from : "null", ch->to ? ch->to : "null");
    }
out:
    free(e.v);
}

/*
 * Without the previous allocation, what the changes say on their own: each
 * applicant listed once, each change's `to` where the sets place them (null
 * when in none), and a `from` that differs from it. A report reads the
 * previous sets from these changes, so it accepts what this accepts.
 */
static void check_changes_alone(chk *c)
{
    const als_allocation *a = c->a;
    char path[64];
    als__strtab seen;
    als__strtab_init(&seen, false);
    for (size_t k = 0; k < a->nchanges && !c->nomem; k++) {
        const als__change *ch = &a->changes[k];
        snprintf(path, sizeof path, "changes[%zu]", k);
        if (is_facilitator(c, ch->id))
            continue; /* their sets are checked with the previous ones */
        bool added;
        if (als__strtab_intern(&seen, ch->id, &added) == ALS__NOIDX) {
            c->nomem = true;
            break;
        }
        if (!added) {
            V(c, path, "'%s' is listed twice in changes", ch->id);
            continue;
        }
        size_t i = als_problem_find(c->p, ch->id);
        const char *to = i != ALS__NOIDX && c->where[i] != ALS__NOIDX
                             ? set_name(c, c->where[i])
                             : NULL;
        if (same_opt(ch->from, to))
            V(c, path, "'%s' did not change set (%s)", ch->id,
              to ? to : "unassigned both times");
        else if (!same_opt(ch->to, to) && to)
            V(c, path, "change of '%s' says to %s, but the sets place it in %s",
              ch->id, ch->to ? ch->to : "null", to);
        else if (!same_opt(ch->to, to))
            V(c, path, "change of '%s' says to %s, but it is in no set", ch->id,
              ch->to);
    }
    als__strtab_free(&seen);
}

/* The changes a re-run must list, compared with those it lists. */
static void check_changes(chk *c, const als_allocation *prev)
{
    const als_problem *p = c->p;
    const als_allocation *a = c->a;
    char path[64];
    /* expected: every previously placed applicant whose set changed (gone
       or withdrawn: to null), every newly placed applicant (from null) */
    als__strtab seen;
    als__strtab_init(&seen, false);
    prev_index px;
    if (!prev_index_build(&px, prev)) {
        c->nomem = true;
        goto out;
    }
    for (size_t k = 0; k < a->nchanges; k++) {
        const als__change *ch = &a->changes[k];
        snprintf(path, sizeof path, "changes[%zu]", k);
        if (is_facilitator(c, ch->id))
            continue; /* check_fac_changes() */
        bool added;
        if (als__strtab_intern(&seen, ch->id, &added) == ALS__NOIDX) {
            c->nomem = true;
            goto out;
        }
        if (!added) {
            V(c, path, "'%s' is listed twice in changes", ch->id);
            continue;
        }
        size_t i = als_problem_find(p, ch->id);
        const char *from = prev_set_id(&px, ch->id);
        const char *to = NULL;
        if (i != ALS__NOIDX && c->where[i] != ALS__NOIDX)
            to = set_name(c, c->where[i]);
        if (same_opt(from, to)) {
            V(c, path, "'%s' did not change set (%s)", ch->id,
              from ? from : "unassigned both times");
            continue;
        }
        if (!same_opt(from, ch->from) || !same_opt(to, ch->to))
            V(c, path, "change of '%s' should read from %s to %s", ch->id,
              from ? from : "null", to ? to : "null");
    }
    for (size_t i = 0; i < p->n; i++) {
        const char *from = prev_set_id(&px, p->app[i].id);
        const char *to = c->where[i] != ALS__NOIDX && !p->app[i].withdrawn
                             ? set_name(c, c->where[i])
                             : NULL;
        if (!same_opt(from, to) &&
            als__strtab_find(&seen, p->app[i].id) == ALS__NOIDX)
            V(c, "changes",
              "'%s' moved from %s to %s, but changes does not "
              "say so",
              p->app[i].id, from ? from : "null", to ? to : "null");
    }
    /* applicants of the previous allocation no longer in the cohort */
    for (size_t t = 0; t < prev->nsets; t++)
        for (size_t k = 0; k < prev->sets[t].n; k++) {
            const char *id = prev->sets[t].members[k];
            if (als_problem_find(p, id) == ALS__NOIDX &&
                als__strtab_find(&seen, id) == ALS__NOIDX)
                V(c, "changes",
                  "'%s' has left (was in %s), but changes "
                  "does not say so",
                  id, prev->sets[t].id ? prev->sets[t].id : "a set");
        }
out:
    prev_index_free(&px);
    als__strtab_free(&seen);
}

/* The seniority figure a document names, whatever the rule's mode: summed
   spread, or same-level pairs. */
static long long seniority_figure(const chk *c, bool pairs)
{
    const als_problem *p = c->p;
    long long total = 0;
    for (size_t s = 0; s < c->a->nsets; s++) {
        int lo = -1, hi = -1;
        long long cnt[1001];
        if (pairs)
            memset(cnt, 0, sizeof cnt);
        for (size_t k = 0; k < c->a->sets[s].n; k++) {
            size_t i = als_problem_find(p, c->a->sets[s].members[k]);
            if (i == ALS__NOIDX || c->where[i] != s || c->loc_k[i] != k ||
                p->app[i].level < 0)
                continue;
            int l = p->app[i].level;
            if (pairs)
                total += cnt[l]++;
            if (lo < 0 || l < lo)
                lo = l;
            if (l > hi)
                hi = l;
        }
        if (!pairs && lo >= 0)
            total += hi - lo;
    }
    return total;
}

static void compare(chk *c, const als_objective *r)
{
    const als_allocation *a = c->a;
    const als_objective *o = &a->obj;
    char path[64];
#define CMP_INT(bit, key, field)                                               \
    if ((a->present & (bit)) && o->field != r->field) {                        \
        snprintf(path, sizeof path, "objective.%s", key);                      \
        V(c, path, "reported %lld, recomputed %lld", o->field, r->field);      \
    }
#define CMP_NUM(bit, key, field)                                               \
    if ((a->present & (bit)) && !als__figure_equal(o->field, r->field)) {      \
        snprintf(path, sizeof path, "objective.%s", key);                      \
        V(c, path, "reported %.10g, recomputed %.10g", o->field, r->field);    \
    }
    /* counts are whole numbers: rounding noise passes, an off-by-one never
       does, however large the count */
#define CMP_COUNT(bit, key, field)                                             \
    if ((a->present & (bit)) && (!als__figure_equal(o->field, r->field) ||     \
                                 fabs(o->field - r->field) >= 0.5)) {          \
        snprintf(path, sizeof path, "objective.%s", key);                      \
        V(c, path, "reported %.17g, recomputed %.17g", o->field, r->field);    \
    }
    CMP_INT(ALS__OBJ_CONTINUING, "continuing", continuing)
    CMP_INT(ALS__OBJ_MOVES, "moves", moves)
    CMP_INT(ALS__OBJ_PLACED, "placed", placed)
    CMP_INT(ALS__OBJ_PRIORITY, "priority", priority)
    CMP_INT(ALS__OBJ_SIZEDEV, "size_deviation", size_deviation)
    CMP_NUM(ALS__OBJ_PENALTY, "penalty", penalty)
    CMP_COUNT(ALS__OBJ_SECTOR, "sector_pairs", sector_pairs)
    CMP_COUNT(ALS__OBJ_ORG, "organisation_pairs", organisation_pairs)
    const char *sen_key =
        a->seniority_pairs ? "seniority_pairs" : "seniority_spread";
    bool mixed = c->p->sen_mode == ALS_SENIORITY_MIXED;
    if ((a->present & ALS__OBJ_SENIORITY) && a->seniority_pairs != mixed) {
        snprintf(path, sizeof path, "objective.%s", sen_key);
        V(c, path,
          "reported %.10g, but the seniority rule is '%s', whose figure is "
          "%s; recomputed, %s is %lld",
          o->seniority,
          mixed                                     ? "mixed"
          : c->p->sen_mode == ALS_SENIORITY_SIMILAR ? "similar"
                                                    : "ignore",
          mixed ? "seniority_pairs" : "seniority_spread", sen_key,
          seniority_figure(c, a->seniority_pairs));
    } else {
        CMP_COUNT(ALS__OBJ_SENIORITY, sen_key, seniority)
    }
    CMP_NUM(ALS__OBJ_PAIRS, "pair_weight", pair_weight)
#undef CMP_INT
#undef CMP_NUM
#undef CMP_COUNT
}

als_status als_check(const als_problem *p, const als_allocation *a,
                     const als_allocation *previous, als_diag *diag,
                     size_t *violations, als_objective *recomputed,
                     als_error *err)
{
    if (violations)
        *violations = 0;
    if (!p || !a) {
        als__error_set(err, ALS_EINVAL, "",
                       "problem and allocation must not be NULL");
        return ALS_EINVAL;
    }
    if (previous) {
        als_status prc = als_check_previous(p, previous, diag, err);
        if (prc != ALS_OK)
            return prc;
    }
    chk c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.a = a;
    c.prev = previous;
    als__strtab_init(&c.prev_ids, false);
    als__strtab_init(&c.prev_fac, false);
    for (size_t t = 0; previous && t < previous->nsets; t++) {
        if (previous->sets[t].id &&
            als__strtab_intern(&c.prev_ids, previous->sets[t].id, NULL) ==
                ALS__NOIDX)
            c.nomem = true;
        for (size_t j = 0; j < previous->sets[t].nfac; j++)
            if (als__strtab_intern(&c.prev_fac, previous->sets[t].fac[j],
                                   NULL) == ALS__NOIDX)
                c.nomem = true;
    }
    als__report_init(&c.rep, diag, NULL);
    size_t n = p->n ? p->n : 1, ns = a->nsets ? a->nsets : 1;
    c.where = als__malloc(n, sizeof *c.where);
    c.loc_set = als__malloc(n, sizeof *c.loc_set);
    c.loc_k = als__malloc(n, sizeof *c.loc_k);
    c.listed = als__calloc(n, sizeof *c.listed);
    c.set_fixed = als__malloc(ns, sizeof *c.set_fixed);
    c.set_day = als__malloc(ns, sizeof *c.set_day);
    size_t *prev = NULL;
    als_status rc = ALS_OK;
    if (c.nomem || !c.where || !c.loc_set || !c.loc_k || !c.listed ||
        !c.set_fixed || !c.set_day) {
        rc = ALS_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < p->n; i++)
        c.where[i] = c.loc_set[i] = ALS__NOIDX;
    check_listing(&c);
    if (previous && !map_previous(&c)) {
        rc = ALS_ENOMEM;
        goto done;
    }
    check_sets(&c);
    if (!c.nomem) /* the rules need every set's day and fixed set */
        check_rules(&c);
    if (!c.nomem)
        check_facilitators(&c);
    if (c.nomem || (previous && !(prev = previous_sets(&c, previous)))) {
        rc = ALS_ENOMEM;
        goto done;
    }
    als_objective r;
    rc = als__objective_compute(p, c.where, a->nsets, c.set_fixed, prev, &r);
    if (rc != ALS_OK)
        goto done;
    if (recomputed)
        *recomputed = r;
    compare(&c, &r);
    if (previous)
        check_changes(&c, previous);
    else
        check_changes_alone(&c);
    if (previous && !c.nomem)
        check_fac_changes(&c, previous);
    if (c.nomem)
        rc = ALS_ENOMEM;
done:
    free(c.where);
    free(c.loc_set);
    free(c.loc_k);
    free(c.listed);
    free(c.set_fixed);
    free(c.set_day);
    free(c.set_prev);
    free(c.app_prev);
    free(prev);
    als__strtab_free(&c.prev_ids);
    als__strtab_free(&c.prev_fac);
    if (rc != ALS_OK) {
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    if (violations)
        *violations = c.rep.errors;
    return ALS_OK;
}

/* ---- a re-run's previous allocation --------------------------------- */

/* Do two names differ, compared as labels (case, white space)? */
static bool names_differ(const char *x, const char *y)
{
    char kx[ALS_MAX_LABEL_BYTES + 8], ky[ALS_MAX_LABEL_BYTES + 8];
    als__label_key(x, kx, sizeof kx);
    als__label_key(y, ky, sizeof ky);
    return strcmp(kx, ky) != 0;
}

/*
 * The one check of a previous allocation before a re-run builds on it
 * (als_solve() and als_check() call it too): set ids once each, members
 * listed once, each member's recorded name the cohort's, and an allocation
 * of this cohort at all.
 */
als_status als_check_previous(const als_problem *p,
                              const als_allocation *previous, als_diag *diag,
                              als_error *err)
{
    if (!p || !previous) {
        als__error_set(err, ALS_EINVAL, "",
                       "problem and previous must not be NULL");
        return ALS_EINVAL;
    }
    als__report rep;
    als__report_init(&rep, diag, err);
    als__strtab sets, members;
    als__strtab_init(&sets, false);
    als__strtab_init(&members, false);
    size_t *where = NULL, cap = 0; /* member -> its previous set */
    size_t *where_k = NULL, capk = 0;
    bool nomem = false;
    size_t total = 0, unknown = 0;
    const char *example[3] = {NULL, NULL, NULL};
    char path[96];
    for (size_t t = 0; t < previous->nsets && !nomem; t++) {
        const als__aset *as = &previous->sets[t];
        snprintf(path, sizeof path, "sets[%zu]", t);
        if (!as->id || !as->id[0]) {
            als__report_error(&rep, ALS_ESCHEMA, path,
                              "the previous allocation has a set without "
                              "an id");
        } else {
            bool added;
            size_t k = als__strtab_intern(&sets, as->id, &added);
            if (k == ALS__NOIDX) {
                nomem = true;
                break;
            }
            if (!added) {
                snprintf(path, sizeof path, "sets[%zu].id", t);
                als__report_error(&rep, ALS_ESCHEMA, path,
                                  "set id '%s' is used twice in the "
                                  "previous allocation",
                                  as->id);
            }
        }
        /* its facilitators: never an applicant of the cohort (one set
           of ids for both) */
        for (size_t k = 0; k < as->nfac; k++) {
            size_t i = als_problem_find(p, as->fac[k]);
            if (i == ALS__NOIDX)
                continue;
            snprintf(path, sizeof path, "sets[%zu].facilitators[%zu]", t, k);
            als__report_error(&rep, ALS_ESCHEMA, path,
                              "'%s' led set '%s' in the previous allocation "
                              "but is an applicant of the cohort: the ids no "
                              "longer name the same people",
                              as->fac[k], as->id ? as->id : "?");
        }
        for (size_t m = 0; m < as->n; m++) {
            const char *id = as->members[m];
            snprintf(path, sizeof path, "sets[%zu].members[%zu]", t, m);
            bool added;
            size_t k = als__strtab_intern(&members, id, &added);
            if (k == ALS__NOIDX ||
                !als__grow((void **)&where, &cap, k + 1, sizeof *where) ||
                !als__grow((void **)&where_k, &capk, k + 1, sizeof *where_k)) {
                nomem = true;
                break;
            }
            if (!added) {
                als__report_error(&rep, ALS_ESCHEMA, path,
                                  "'%s' is listed twice in the previous "
                                  "allocation (also at "
                                  "sets[%zu].members[%zu])",
                                  id, where[k], where_k[k]);
                continue;
            }
            where[k] = t;
            where_k[k] = m;
            total++;
            size_t i = als_problem_find(p, id);
            if (i == ALS__NOIDX &&
                als__strtab_find(&p->fac_ids, id) != ALS__NOIDX) {
                als__report_error(&rep, ALS_ESCHEMA, path,
                                  "'%s' was a member of set '%s' in the "
                                  "previous allocation but is a "
                                  "facilitator of the cohort: the ids no "
                                  "longer name the same people",
                                  id, as->id ? as->id : "?");
                continue;
            }
            if (i == ALS__NOIDX) {
                if (unknown < 3)
                    example[unknown] = id;
                unknown++;
                continue;
            }
            const char *was = as->names ? as->names[m] : NULL;
            const char *is = p->app[i].name;
            if (was && is && names_differ(was, is))
                als__report_error(&rep, ALS_ESCHEMA, path,
                                  "id '%s' was '%s' in the previous "
                                  "allocation but is '%s' in the cohort: "
                                  "the ids no longer name the same people "
                                  "(docs/FORMAT.md 5.8, ids that "
                                  "survive editing the sheet)",
                                  id, was, is);
        }
    }
    /* most of its members unknown: the allocation of another cohort, or
       ids that changed (row numbers of an old import) */
    if (!nomem && unknown * 2 > total) {
        als__report_error(&rep, ALS_ESCHEMA, "sets",
                          "%zu of the previous allocation's %zu members "
                          "are not applicants of this cohort (such as "
                          "'%s'%s%s%s%s): it is not an allocation of this "
                          "cohort, or the ids changed; keep those who left "
                          "in the cohort, marked withdrawn",
                          unknown, total, example[0], example[1] ? ", '" : "",
                          example[1] ? example[1] : "", example[1] ? "'" : "",
                          unknown > 2 ? ", ..." : "");
    }
    free(where);
    free(where_k);
    als__strtab_free(&sets);
    als__strtab_free(&members);
    if (nomem) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    return rep.errors ? ALS_ESCHEMA : ALS_OK;
}
