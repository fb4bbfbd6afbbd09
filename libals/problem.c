/*
 * The immutable problem: accessors, lifetime, and the warnings a coordinator
 * should see before allocating.
 */
#include "als_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void als_problem_free(als_problem *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->nsessions; k++) {
        free(p->sessions[k].day_date);
        free(p->sessions[k].day_start);
    }
    free(p->sessions);
    free(p->level_names);
    free(p->sets);
    free(p->app);
    free(p->id_app);
    free(p->apart_off);
    free(p->apart);
    free(p->pairs);
    free(p->adj_off);
    free(p->adj);
    free(p->units);
    free(p->unit_members);
    free(p->unit_orgs);
    free(p->fac);
    free(p->fac_apart);
    free(p->set_fac);
    als__strtab_free(&p->fac_ids);
    for (int k = 0; k < 3; k++) {
        free(p->alias_from[k]);
        free(p->alias_to[k]);
    }
    als__strtab_free(&p->days);
    als__strtab_free(&p->ids);
    als__strtab_free(&p->set_ids);
    als__strtab_free(&p->orgs);
    als__strtab_free(&p->sectors);
    als__strtab_free(&p->councils);
    als__arena_free(&p->arena);
    free(p);
}

int als__problem_largest_max(const als_problem *p)
{
    if (p->nsets == 0)
        return p->size_max;
    int m = 0;
    for (size_t s = 0; s < p->nsets; s++)
        if (p->sets[s].max > m)
            m = p->sets[s].max;
    return m;
}

void als__problem_bounds(const als_problem *p, int fixed, int *min, int *max)
{
    if (fixed >= 0) {
        *min = p->sets[fixed].min;
        *max = p->sets[fixed].max;
    } else {
        *min = p->size_min;
        *max = p->size_max;
    }
}

void als__unit_fill(const als_problem *q, als__unit *un, int *orgs,
                    size_t *norgs)
{
    const size_t *m = q->unit_members + un->first;
    bool officer = false, councillor = false;
    un->avail = ~(uint64_t)0;
    un->priority = 0;
    un->level_min = un->level_max = -1;
    un->council = -1;
    un->council_defect = 0;
    un->org_first = *norgs;
    for (size_t k = 0; k < un->size; k++) {
        const als__applicant *a = &q->app[m[k]];
        un->avail &= a->avail;
        un->priority += a->priority;
        if (a->level >= 0) {
            if (un->level_min < 0 || a->level < un->level_min)
                un->level_min = a->level;
            if (a->level > un->level_max)
                un->level_max = a->level;
        }
        if (a->council >= 0 && un->council < 0)
            un->council = a->council;
        officer |= a->role == ALS__ROLE_OFFICER;
        councillor |= a->role == ALS__ROLE_COUNCILLOR;
        if (a->org >= 0) {
            bool seen = false;
            for (size_t o = un->org_first; o < *norgs && !seen; o++)
                seen = orgs[o] == a->org;
            if (!seen)
                orgs[(*norgs)++] = a->org;
        }
    }
    un->org_count = *norgs - un->org_first;
    if (un->council >= 0 && q->council_pairs)
        un->council_defect = (officer ? 0 : ALS__LACKS_OFFICER) |
                             (councillor ? 0 : ALS__LACKS_COUNCILLOR);
}

int als__problem_floor(const als_problem *p, int fixed)
{
    int min, max;
    als__problem_bounds(p, fixed, &min, &max);
    int floor = p->size_floor != ALS_NONE ? p->size_floor : (min + 1) / 2;
    if (p->size_floor == ALS_NONE && floor < 2)
        floor = 2;
    return floor < min ? floor : min;
}

int als__problem_target(const als_problem *p, int fixed)
{
    if (p->size_target == ALS_NONE)
        return ALS_NONE;
    int min, max;
    als__problem_bounds(p, fixed, &min, &max);
    int t = p->size_target;
    return t < min ? min : t > max ? max : t;
}

long long als__problem_size_dev(const als_problem *p, int fixed, size_t size)
{
    int t = als__problem_target(p, fixed);
    if (t == ALS_NONE || size == 0)
        return 0;
    return (long long)size > t ? (long long)size - t : t - (long long)size;
}

int als__problem_fixed_find(const als_problem *p, const char *id)
{
    size_t s = als__strtab_find(&p->set_ids, id);
    return s == ALS__NOIDX ? -1 : (int)s;
}

const char *als__problem_pin_name(const als_problem *p, int pin)
{
    if (p->pin_names)
        return p->pin_names[pin];
    return p->sets[pin].id;
}

#define VALID_APP(p, i) ((p) && (i) < (p)->n)

const char *als_problem_name(const als_problem *p)
{
    return p && p->name ? p->name : "";
}
size_t als_problem_applicant_count(const als_problem *p)
{
    return p ? p->n : 0;
}
size_t als_problem_active_count(const als_problem *p)
{
    return p ? p->nactive : 0;
}
size_t als_problem_unit_count(const als_problem *p)
{
    return p ? p->nunits : 0;
}
size_t als_problem_organisation_count(const als_problem *p)
{
    return p ? p->orgs.n : 0;
}
size_t als_problem_sector_count(const als_problem *p)
{
    return p ? p->sectors.n : 0;
}
size_t als_problem_day_count(const als_problem *p)
{
    return p ? p->days.n : 0;
}
const char *als_problem_day(const als_problem *p, size_t d)
{
    return p && d < p->days.n ? p->days.display[d] : NULL;
}
size_t als_problem_pair_count(const als_problem *p)
{
    return p ? p->npairs : 0;
}
size_t als_problem_level_name_count(const als_problem *p)
{
    return p ? p->nlevels : 0;
}
const char *als_problem_level_name(const als_problem *p, int level)
{
    return p && level >= 0 && (size_t)level < p->nlevels ? p->level_names[level]
                                                         : NULL;
}
void als_problem_set_size(const als_problem *p, int *min, int *max)
{
    if (min)
        *min = p ? p->size_min : 0;
    if (max)
        *max = p ? p->size_max : 0;
}
int als_problem_set_size_target(const als_problem *p, long fixed)
{
    if (!p || fixed >= (long)p->nsets || fixed < -1)
        return ALS_NONE;
    return als__problem_target(p, (int)fixed);
}
int als_problem_set_size_floor(const als_problem *p, long fixed)
{
    if (!p || fixed >= (long)p->nsets || fixed < -1)
        return 0;
    return als__problem_floor(p, (int)fixed);
}
size_t als_problem_fixed_set_count(const als_problem *p)
{
    return p ? p->nsets : 0;
}
const char *als_problem_fixed_set_id(const als_problem *p, size_t s)
{
    return p && s < p->nsets ? p->sets[s].id : NULL;
}
const char *als_problem_fixed_set_day(const als_problem *p, size_t s)
{
    return p && s < p->nsets && p->sets[s].day >= 0
               ? p->days.display[p->sets[s].day]
               : NULL;
}
void als_problem_fixed_set_size(const als_problem *p, size_t s, int *min,
                                int *max)
{
    bool ok = p && s < p->nsets;
    if (min)
        *min = ok ? p->sets[s].min : 0;
    if (max)
        *max = ok ? p->sets[s].max : 0;
}
int als_problem_fixed_set_required(const als_problem *p, size_t s)
{
    return p && s < p->nsets ? p->sets[s].required : 0;
}
long long als_problem_max_sets(const als_problem *p)
{
    return p ? p->max_sets : ALS_NONE;
}
als_org_mode als_problem_org_mode(const als_problem *p, double *weight)
{
    if (weight)
        *weight = p ? p->org_weight : 0;
    return p ? p->org_mode : ALS_ORG_DISTINCT;
}
als_sector_mode als_problem_sector_mode(const als_problem *p, double *weight)
{
    if (weight)
        *weight = p ? p->sector_weight : 0;
    return p ? p->sector_mode : ALS_SECTOR_BALANCE;
}
als_seniority_mode als_problem_seniority_mode(const als_problem *p,
                                              double *weight, int *max_spread)
{
    if (weight)
        *weight = p ? p->sen_weight : 0;
    if (max_spread)
        *max_spread = p ? p->max_spread : ALS_NONE;
    return p ? p->sen_mode : ALS_SENIORITY_SIMILAR;
}
size_t als_problem_alias_count(const als_problem *p, als_label_kind kind)
{
    if (!p || kind < ALS_LABEL_ORGANISATION || kind > ALS_LABEL_COUNCIL)
        return 0;
    return p->nalias[kind];
}

const char *als_problem_alias(const als_problem *p, als_label_kind kind,
                              size_t i, const char **to)
{
    if (to)
        *to = NULL;
    if (i >= als_problem_alias_count(p, kind))
        return NULL;
    if (to)
        *to = p->alias_to[kind][i];
    return p->alias_from[kind][i];
}

int als_problem_council_pairs(const als_problem *p)
{
    return p ? p->council_pairs : 0;
}

size_t als_problem_facilitator_count(const als_problem *p)
{
    return p ? p->nfac : 0;
}
int als_problem_facilitators_per_set(const als_problem *p)
{
    return p ? p->fac_per_set : 1;
}
als_facilitator_rule als_problem_facilitator_rule(const als_problem *p)
{
    return p ? p->fac_rule : ALS_FACILITATORS_INDEPENDENT;
}
size_t als_problem_find_facilitator(const als_problem *p, const char *id)
{
    return p && id ? als__strtab_find(&p->fac_ids, id) : ALS__NOIDX;
}
#define VALID_FAC(p, f) ((p) && (f) < (p)->nfac)
const char *als_problem_facilitator_id(const als_problem *p, size_t f)
{
    return VALID_FAC(p, f) ? p->fac[f].id : NULL;
}
const char *als_problem_facilitator_name(const als_problem *p, size_t f)
{
    return VALID_FAC(p, f) ? p->fac[f].name : NULL;
}
const char *als_problem_facilitator_email(const als_problem *p, size_t f)
{
    return VALID_FAC(p, f) ? p->fac[f].email : NULL;
}
const char *als_problem_facilitator_organisation(const als_problem *p, size_t f)
{
    return VALID_FAC(p, f) && p->fac[f].org >= 0
               ? p->orgs.display[p->fac[f].org]
               : NULL;
}
int als_problem_facilitator_max_sets(const als_problem *p, size_t f)
{
    return VALID_FAC(p, f) ? p->fac[f].max_sets : 0;
}
int als_problem_facilitator_withdrawn(const als_problem *p, size_t f)
{
    return VALID_FAC(p, f) ? p->fac[f].withdrawn : 0;
}
int als_problem_facilitator_available(const als_problem *p, size_t f, size_t d)
{
    return VALID_FAC(p, f) && d < p->days.n && d < 64
               ? (int)(p->fac[f].avail >> d & 1)
               : 0;
}
size_t als_problem_fixed_set_facilitator_count(const als_problem *p, size_t s)
{
    return p && s < p->nsets ? p->sets[s].nfac : 0;
}
const char *als_problem_fixed_set_facilitator(const als_problem *p, size_t s,
                                              size_t k)
{
    if (!p || s >= p->nsets || k >= p->sets[s].nfac)
        return NULL;
    return p->fac[p->set_fac[p->sets[s].fac_first + k]].id;
}
size_t als_problem_find(const als_problem *p, const char *id)
{
    if (!p || !id)
        return ALS__NOIDX;
    size_t k = als__strtab_find(&p->ids, id);
    if (k == ALS__NOIDX)
        return k;
    return p->id_app[k];
}
const char *als_problem_applicant_id(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].id : NULL;
}
const char *als_problem_applicant_name(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].name : NULL;
}
const char *als_problem_applicant_email(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].email : NULL;
}
const char *als_problem_applicant_organisation(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) && p->app[i].org >= 0
               ? p->orgs.display[p->app[i].org]
               : NULL;
}
const char *als_problem_applicant_sector(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) && p->app[i].sector >= 0
               ? p->sectors.display[p->app[i].sector]
               : NULL;
}
const char *als_problem_applicant_council(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) && p->app[i].council >= 0
               ? p->councils.display[p->app[i].council]
               : NULL;
}
const char *als_problem_applicant_role(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].role_text : NULL;
}
int als_problem_applicant_level(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].level : ALS_NONE;
}
long long als_problem_applicant_priority(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].priority : 0;
}
int als_problem_applicant_withdrawn(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].withdrawn : 0;
}
int als_problem_applicant_available(const als_problem *p, size_t i, size_t d)
{
    return VALID_APP(p, i) && d < p->days.n && d < 64
               ? (int)((p->app[i].avail >> d) & 1)
               : 0;
}
size_t als_problem_applicant_unit(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) ? p->app[i].unit : ALS__NOIDX;
}
size_t als_problem_applicant_pin(const als_problem *p, size_t i)
{
    return VALID_APP(p, i) && p->app[i].pin >= 0 ? (size_t)p->app[i].pin
                                                 : ALS__NOIDX;
}
size_t als_problem_unit_size(const als_problem *p, size_t u)
{
    return p && u < p->nunits ? p->units[u].size : 0;
}
size_t als_problem_unit_member(const als_problem *p, size_t u, size_t k)
{
    return p && u < p->nunits && k < p->units[u].size
               ? p->unit_members[p->units[u].first + k]
               : ALS__NOIDX;
}

/* ---- warnings ------------------------------------------------------ */

static void list_members(const als_problem *p, const als__unit *u, char *buf,
                         size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < u->size && len + 8 < cap; k++) {
        const char *id = p->app[p->unit_members[u->first + k]].id;
        int w = snprintf(buf + len, cap - len, "%s%s", k ? ", " : "", id);
        if (w < 0 || (size_t)w >= cap - len) {
            snprintf(buf + (cap > 5 ? cap - 5 : 0), 5, "...");
            return;
        }
        len += (size_t)w;
    }
}

als_status als__problem_duplicates(const als_problem *p, als__dup **out,
                                   size_t *n)
{
    als__person *v = als__calloc(p->n ? p->n : 1, sizeof *v);
    if (!v) {
        *out = NULL;
        *n = 0;
        return ALS_ENOMEM;
    }
    for (size_t i = 0; i < p->n; i++)
        if (!p->app[i].withdrawn)
            v[i] = (als__person){
                p->app[i].name,
                p->app[i].org >= 0 ? p->orgs.display[p->app[i].org] : NULL,
                p->app[i].email};
    als_status rc = als__find_duplicates(v, p->n, out, n);
    free(v);
    return rc;
}

/* "'id' (Name)", or "'id'" without a name. */
static void who_is(const als_problem *p, size_t i, char *buf, size_t cap)
{
    if (p->app[i].name)
        snprintf(buf, cap, "'%s' (%s)", p->app[i].id, p->app[i].name);
    else
        snprintf(buf, cap, "'%s'", p->app[i].id);
}

/* A warning for each likely duplicate application, at the later one. */
static als_status warn_duplicates(const als_problem *p, als__report *r)
{
    als__dup *d;
    size_t n;
    if (als__problem_duplicates(p, &d, &n) != ALS_OK)
        return ALS_ENOMEM;
    char path[48], wa[ALS_MESSAGE_MAX], wb[ALS_MESSAGE_MAX];
    for (size_t k = 0; k < n; k++) {
        size_t a = d[k].a, b = d[k].b;
        snprintf(path, sizeof path, "applicants[%zu]", b);
        who_is(p, a, wa, sizeof wa);
        who_is(p, b, wb, sizeof wb);
        const char *org =
            p->app[b].org >= 0 ? p->orgs.display[p->app[b].org] : NULL;
        if (d[k].kind == ALS__DUP_EMAIL)
            als__report_warning(r, path,
                                "%s has the same e-mail (%s) as "
                                "applicants[%zu] %s: likely a duplicate "
                                "application (the later one is left "
                                "waiting, unless already in a set, pinned "
                                "or applying with others)",
                                wb, p->app[b].email, a, wa);
        else if (d[k].kind == ALS__DUP_NAME)
            als__report_warning(r, path,
                                "%s has the same name as applicants[%zu] "
                                "%s%s%s%s: likely a duplicate application",
                                wb, a, wa,
                                org ? " at the same organisation ("
                                    : ", neither giving an "
                                      "organisation",
                                org ? org : "", org ? ")" : "");
        else
            als__report_warning(r, path,
                                "%s may be the same person as "
                                "applicants[%zu] %s: the same surname%s%s%s, "
                                "and one first name starts the other",
                                wb, a, wa, org ? " and organisation (" : "",
                                org ? org : "", org ? ")" : "");
    }
    free(d);
    return ALS_OK;
}

als_status als_problem_warnings(const als_problem *p, als_diag *diag,
                                als_error *err)
{
    if (!p) {
        als__error_set(err, ALS_EINVAL, "", "problem must not be NULL");
        return ALS_EINVAL;
    }
    als__report r;
    als__report_init(&r, diag, NULL);
    char path[96], who[200];
    if (p->nactive == 0)
        als__report_warning(&r, "applicants",
                            "there are no applicants to allocate");
    for (size_t u = 0; u < p->nunits; u++) {
        const als__unit *un = &p->units[u];
        size_t first = p->unit_members[un->first];
        list_members(p, un, who, sizeof who);
        if (un->council_defect) {
            size_t c = first;
            for (size_t k = 0; k < un->size; k++)
                if (p->app[p->unit_members[un->first + k]].council >= 0) {
                    c = p->unit_members[un->first + k];
                    break;
                }
            snprintf(path, sizeof path, "applicants[%zu].council", c);
            const char *lack =
                un->council_defect ==
                        (ALS__LACKS_OFFICER | ALS__LACKS_COUNCILLOR)
                    ? "neither an officer nor a councillor"
                : un->council_defect == ALS__LACKS_OFFICER ? "no officer"
                                                           : "no councillor";
            als__report_warning(&r, path,
                                "council '%s' nominates %s (role \"officer\" "
                                "/ \"councillor\"): its nomination (%s) "
                                "will not be placed",
                                p->councils.display[un->council], lack, who);
        }
        if (p->days.n && un->avail == 0) {
            snprintf(path, sizeof path, "applicants[%zu].availability", first);
            if (un->size == 1)
                als__report_warning(&r, path,
                                    "'%s' can make none of the programme's "
                                    "days: they cannot be placed",
                                    p->app[first].id);
            else
                als__report_warning(&r, path,
                                    "the unit %s shares no day on which all "
                                    "can meet: it cannot be placed",
                                    who);
        }
    }
    /* pins to sets that only a previous allocation can define */
    for (size_t i = 0; i < p->n; i++) {
        if (p->app[i].withdrawn || !p->app[i].pin_id)
            continue;
        snprintf(path, sizeof path, "applicants[%zu].set", i);
        als__report_warning(&r, path,
                            "'%s' is pinned to set '%s', which is not a "
                            "fixed set: only a re-run whose previous "
                            "allocation has a set '%s' can be allocated",
                            p->app[i].id, p->app[i].pin_id, p->app[i].pin_id);
    }
    /* places */
    long long places = -1;
    if (p->nsets) {
        places = 0;
        for (size_t s = 0; s < p->nsets; s++)
            places += p->sets[s].max;
    } else if (p->max_sets != ALS_NONE) {
        places = p->max_sets * (long long)p->size_max;
    }
    if (places >= 0 && (long long)p->nactive > places)
        als__report_warning(&r, "applicants",
                            "%zu applicants for at most %lld places: %lld "
                            "will be left out",
                            p->nactive, places, (long long)p->nactive - places);
    int smallest_min = p->size_min;
    for (size_t s = 0; s < p->nsets; s++)
        if (s == 0 || p->sets[s].min < smallest_min)
            smallest_min = p->sets[s].min;
    if (p->nactive > 0 && (long long)p->nactive < smallest_min)
        als__report_warning(&r, "programme.set_size",
                            "%zu applicants cannot fill even one set of at "
                            "least %d",
                            p->nactive, smallest_min);
    if (warn_duplicates(p, &r) != ALS_OK ||
        als__problem_variants(p, &r, NULL) != ALS_OK) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    return ALS_OK;
}

als_status als_problem_alias_suggestions(const als_problem *p, char **json,
                                         als_error *err)
{
    if (json)
        *json = NULL;
    if (!p || !json) {
        als__error_set(err, ALS_EINVAL, "",
                       "problem and json must not be "
                       "NULL");
        return ALS_EINVAL;
    }
    als__report r;
    als__report_init(&r, NULL, NULL);
    if (als__problem_variants(p, &r, json) != ALS_OK) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    return ALS_OK;
}
