/*
 * The cohort builder: collects a programme and its applicants (from a C
 * program or from the JSON reader), then checks everything at once and
 * produces an immutable problem with its units formed. Every error names the
 * JSON path the offending value has (or would have) in a cohort document.
 */
#include "als_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct b_app {
    char *id, *name, *org, *sector, *sen_name, *council, *role, *together, *set,
        *email;
    int seniority;
    char **avail; /* NULL entries: holes already reported */
    size_t navail;
    bool has_avail;
    char **apart;
    size_t napart;
    long long priority;
    bool withdrawn;
    unsigned quiet;
} b_app;

typedef struct b_set {
    char *id, *day;
    int min, max;
    bool required;
    char **fac; /* facilitator ids it names (NULL entries: holes) */
    size_t nfac;
    char path[48];
} b_set;

typedef struct b_fac {
    char *id, *name, *email, *org;
    char **avail; /* NULL entries: holes already reported */
    size_t navail;
    bool has_avail;
    char **apart;
    size_t napart;
    int max_sets;
    bool withdrawn;
    bool quiet; /* its id's error is already reported */
} b_fac;

typedef struct b_pair {
    char *a, *b;
    double w;
    bool quiet; /* already reported by the reader */
} b_pair;

typedef struct b_session {
    char *title, *date, *week, *start;
    char **date_labels, **dates; /* ndates each */
    size_t ndates;
    char **start_labels, **starts; /* nstarts each */
    size_t nstarts;
    int minutes;
    bool skip; /* rejected when added: its errors are already reported */
} b_session;

struct als_builder {
    als__arena arena;
    char *name;
    char *timezone;
    b_session *sessions;
    size_t nsessions, capsessions;
    bool has_size;
    int size_min, size_max;
    int size_floor;  /* ALS_NONE: half the minimum (als__problem_floor) */
    int size_target; /* ALS_NONE: no target */
    char **days;
    size_t ndays;
    bool has_days;
    char **levels;
    size_t nlevels;
    b_set *sets;
    size_t nsets, capsets;
    als__strtab set_ids; /* index = set */
    long long max_sets;
    als_org_mode org_mode;
    double org_weight;
    als_sector_mode sector_mode;
    double sector_weight;
    als_seniority_mode sen_mode;
    double sen_weight;
    int max_spread;
    bool council_pairs;
    als_method method;
    double time_limit_s;
    unsigned long long seed;
    b_app *apps;
    size_t napps, capapps;
    b_pair *pairs;
    size_t npairs, cappairs;
    b_fac *facs;
    size_t nfacs, capfacs;
    int fac_per_set;
    als_facilitator_rule fac_rule;
    unsigned quiet;
    /* programme.aliases, per als_label_kind: spellings (keys normalised,
       display as given, in order) and the names they map to */
    als__strtab alias_from[3];
    char **alias_to[3];
    size_t alias_cap[3];
};

static const char *const alias_kinds[3] = {"organisation", "sector", "council"};

void als_applicant_init(als_applicant *a)
{
    static const als_applicant init = ALS_APPLICANT_INIT;
    if (a)
        *a = init;
}

als_status als_builder_new(als_builder **out, als_error *err)
{
    if (!out) {
        als__error_set(err, ALS_EINVAL, "", "out must not be NULL");
        return ALS_EINVAL;
    }
    als_builder *b = calloc(1, sizeof *b);
    *out = b;
    if (!b) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    b->max_sets = ALS_NONE;
    b->size_floor = ALS_NONE;
    b->size_target = ALS_NONE;
    b->org_mode = ALS_ORG_DISTINCT;
    b->org_weight = 1;
    b->sector_mode = ALS_SECTOR_BALANCE;
    b->sector_weight = 1;
    b->sen_mode = ALS_SENIORITY_SIMILAR;
    b->sen_weight = 1;
    b->max_spread = ALS_NONE;
    b->council_pairs = true;
    b->method = (als_method)(int)als__options[ALS__OPT_METHOD].def;
    b->time_limit_s = als__options[ALS__OPT_TIME_LIMIT].def;
    b->seed = (unsigned long long)als__options[ALS__OPT_SEED].def;
    b->fac_per_set = 1;
    b->fac_rule = ALS_FACILITATORS_INDEPENDENT;
    for (int k = 0; k < 3; k++)
        als__strtab_init(&b->alias_from[k], true);
    return ALS_OK;
}

void als_builder_free(als_builder *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->napps; i++) {
        free(b->apps[i].avail);
        free(b->apps[i].apart);
    }
    free(b->apps);
    for (size_t k = 0; k < b->nsessions; k++) {
        free(b->sessions[k].date_labels);
        free(b->sessions[k].dates);
        free(b->sessions[k].start_labels);
        free(b->sessions[k].starts);
    }
    free(b->sessions);
    free(b->pairs);
    for (size_t i = 0; i < b->nfacs; i++) {
        free(b->facs[i].avail);
        free(b->facs[i].apart);
    }
    free(b->facs);
    for (size_t i = 0; i < b->nsets; i++)
        free(b->sets[i].fac);
    free(b->sets);
    als__strtab_free(&b->set_ids);
    free(b->days);
    free(b->levels);
    for (int k = 0; k < 3; k++) {
        als__strtab_free(&b->alias_from[k]);
        free(b->alias_to[k]);
    }
    als__arena_free(&b->arena);
    free(b);
}

static als_status nomem(als_error *err)
{
    als__error_set(err, ALS_ENOMEM, "", "out of memory");
    return ALS_ENOMEM;
}

static als_status misuse(als_error *err, const char *what)
{
    als__error_set(err, ALS_EINVAL, "", "%s", what);
    return ALS_EINVAL;
}

/* Copy a string into the builder's arena; NULL stays NULL. */
static bool dup(als_builder *b, const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return true;
    *out = als__arena_strdup(&b->arena, s);
    return *out != NULL;
}

/* Copy an array of strings; NULL entries are kept as holes. */
static bool dup_array(als_builder *b, const char *const *v, size_t n,
                      char ***out)
{
    *out = NULL;
    if (n == 0)
        return true;
    char **a = als__calloc(n, sizeof *a);
    if (!a)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!dup(b, v[i], &a[i])) {
            free(a);
            return false;
        }
    }
    *out = a;
    return true;
}

static bool weight_ok(double w)
{
    return isfinite(w) && w >= 0 && w <= 1e9;
}

als_status als_builder_set_name(als_builder *b, const char *name,
                                als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    char *d;
    if (!dup(b, name, &d))
        return nomem(err);
    b->name = d;
    return ALS_OK;
}

als_status als_builder_set_days(als_builder *b, const char *const *days,
                                size_t n, als_error *err)
{
    if (!b || (n && !days))
        return misuse(err, "builder and days must not be NULL");
    if (n > ALS_MAX_DAYS) {
        als__error_set(err, ALS_ELIMIT, "programme.days",
                       "%zu days given; at most %u are supported", n,
                       ALS_MAX_DAYS);
        return ALS_ELIMIT;
    }
    char key[ALS_MAX_LABEL_BYTES + 8], key2[ALS_MAX_LABEL_BYTES + 8];
    for (size_t i = 0; i < n; i++) {
        char path[48];
        snprintf(path, sizeof path, "programme.days[%zu]", i);
        if (!days[i] || als__label_key(days[i], key, sizeof key) == 0) {
            als__error_set(err, ALS_ESCHEMA, path, "a day label is empty");
            return ALS_ESCHEMA;
        }
        if (strlen(days[i]) > ALS_MAX_LABEL_BYTES) {
            als__error_set(err, ALS_ELIMIT, path, "label longer than %u bytes",
                           ALS_MAX_LABEL_BYTES);
            return ALS_ELIMIT;
        }
        for (size_t j = 0; j < i; j++) {
            als__label_key(days[j], key2, sizeof key2);
            if (strcmp(key, key2) == 0) {
                als__error_set(err, ALS_ESCHEMA, path,
                               "day '%s' is listed twice (also "
                               "programme.days[%zu])",
                               days[i], j);
                return ALS_ESCHEMA;
            }
        }
    }
    char **copy;
    if (!dup_array(b, days, n, &copy))
        return nomem(err);
    free(b->days);
    b->days = copy;
    b->ndays = n;
    b->has_days = true;
    return ALS_OK;
}

static bool size_ok(int v)
{
    return v >= 1 && v <= (int)ALS_MAX_SET_SIZE;
}

/* Check a min/max pair; `path` names the set_size object. */
static als_status check_size(int min, int max, const char *path, als_error *err)
{
    char p[2 * ALS_PATH_MAX];
    if (!size_ok(min)) {
        snprintf(p, sizeof p, "%s.min", path);
        als__error_set(err, ALS_ESCHEMA, p, "min must be 1..%u, not %d",
                       ALS_MAX_SET_SIZE, min);
        return ALS_ESCHEMA;
    }
    if (!size_ok(max)) {
        snprintf(p, sizeof p, "%s.max", path);
        als__error_set(err, ALS_ESCHEMA, p, "max must be 1..%u, not %d",
                       ALS_MAX_SET_SIZE, max);
        return ALS_ESCHEMA;
    }
    if (min > max) {
        als__error_set(err, ALS_ESCHEMA, path, "min %d is greater than max %d",
                       min, max);
        return ALS_ESCHEMA;
    }
    return ALS_OK;
}

als_status als_builder_set_size(als_builder *b, int min, int max,
                                als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    als_status rc = check_size(min, max, "programme.set_size", err);
    if (rc != ALS_OK)
        return rc;
    b->has_size = true;
    b->size_min = min;
    b->size_max = max;
    return ALS_OK;
}

als_status als_builder_set_size_floor(als_builder *b, int floor, als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    if (floor != ALS_NONE && !size_ok(floor)) {
        als__error_set(err, ALS_ESCHEMA, "programme.set_size.floor",
                       "floor must be 1..%u, not %d", ALS_MAX_SET_SIZE, floor);
        return ALS_ESCHEMA;
    }
    b->size_floor = floor;
    return ALS_OK;
}

als_status als_builder_set_size_target(als_builder *b, int target,
                                       als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    if (target != ALS_NONE && !size_ok(target)) {
        als__error_set(err, ALS_ESCHEMA, "programme.set_size.target",
                       "target must be 1..%u, not %d", ALS_MAX_SET_SIZE,
                       target);
        return ALS_ESCHEMA;
    }
    b->size_target = target;
    return ALS_OK;
}

als_status als__builder_add_set_at(als_builder *b, const char *id,
                                   const char *day, int min, int max,
                                   const char *path, als_error *err)
{
    char p[96];
    if (!b)
        return misuse(err, "builder must not be NULL");
    if (b->max_sets != ALS_NONE)
        return misuse(err, "fixed sets and a cap on sets exclude each other");
    snprintf(p, sizeof p, "%s.id", path);
    if (!id || !*id) {
        als__error_set(err, ALS_ESCHEMA, p, "a set needs a non-empty id");
        return ALS_ESCHEMA;
    }
    if (strlen(id) > ALS_MAX_ID_BYTES) {
        als__error_set(err, ALS_ELIMIT, p, "id longer than %u bytes",
                       ALS_MAX_ID_BYTES);
        return ALS_ELIMIT;
    }
    size_t twice = als__strtab_find(&b->set_ids, id);
    if (twice != ALS__NOIDX) {
        als__error_set(err, ALS_ESCHEMA, p,
                       "set id '%s' is used twice (also %s)", id,
                       b->sets[twice].path);
        return ALS_ESCHEMA;
    }
    if (min != ALS_NONE || max != ALS_NONE) {
        snprintf(p, sizeof p, "%s.set_size", path);
        als_status rc = check_size(min, max, p, err);
        if (rc != ALS_OK)
            return rc;
    }
    if (!als__grow((void **)&b->sets, &b->capsets, b->nsets + 1,
                   sizeof *b->sets))
        return nomem(err);
    b_set *s = &b->sets[b->nsets];
    memset(s, 0, sizeof *s);
    if (!dup(b, id, &s->id) || !dup(b, day, &s->day) ||
        als__strtab_intern(&b->set_ids, id, NULL) == ALS__NOIDX)
        return nomem(err);
    s->min = min;
    s->max = max;
    snprintf(s->path, sizeof s->path, "%s", path);
    b->nsets++;
    return ALS_OK;
}

als_status als_builder_add_set(als_builder *b, const char *id, const char *day,
                               int min, int max, als_error *err)
{
    char path[48];
    snprintf(path, sizeof path, "programme.sets[%zu]", b ? b->nsets : 0);
    return als__builder_add_set_at(b, id, day, min, max, path, err);
}

als_status als_builder_set_required(als_builder *b, const char *id,
                                    int required, als_error *err)
{
    if (!b || !id)
        return misuse(err, "builder and id must not be NULL");
    size_t i = als__strtab_find(&b->set_ids, id);
    if (i != ALS__NOIDX) {
        b->sets[i].required = required != 0;
        return ALS_OK;
    }
    als__error_set(err, ALS_EINVAL, "", "no fixed set '%s'", id);
    return ALS_EINVAL;
}

als_status als_builder_set_max_sets(als_builder *b, long long max_sets,
                                    als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    if (b->nsets)
        return misuse(err, "fixed sets and a cap on sets exclude each other");
    if (max_sets < 1 || max_sets > (long long)ALS_MAX_APPLICANTS) {
        als__error_set(err, ALS_ESCHEMA, "programme.sets",
                       "the cap on sets must be 1..%u, not %lld",
                       ALS_MAX_APPLICANTS, max_sets);
        return ALS_ESCHEMA;
    }
    b->max_sets = max_sets;
    return ALS_OK;
}

als_status als_builder_set_seniority_levels(als_builder *b,
                                            const char *const *names, size_t n,
                                            als_error *err)
{
    if (!b || (n && !names))
        return misuse(err, "builder and names must not be NULL");
    if (n > ALS_MAX_LEVELS) {
        als__error_set(err, ALS_ELIMIT, "programme.seniority_levels",
                       "%zu levels given; at most %u are supported", n,
                       ALS_MAX_LEVELS);
        return ALS_ELIMIT;
    }
    char key[ALS_MAX_LABEL_BYTES + 8], key2[ALS_MAX_LABEL_BYTES + 8];
    for (size_t i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "programme.seniority_levels[%zu]", i);
        if (!names[i] || als__label_key(names[i], key, sizeof key) == 0) {
            als__error_set(err, ALS_ESCHEMA, path, "a level name is empty");
            return ALS_ESCHEMA;
        }
        if (strlen(names[i]) > ALS_MAX_LABEL_BYTES) {
            als__error_set(err, ALS_ELIMIT, path, "label longer than %u bytes",
                           ALS_MAX_LABEL_BYTES);
            return ALS_ELIMIT;
        }
        for (size_t j = 0; j < i; j++) {
            als__label_key(names[j], key2, sizeof key2);
            if (strcmp(key, key2) == 0) {
                als__error_set(err, ALS_ESCHEMA, path,
                               "level '%s' is listed twice (also "
                               "programme.seniority_levels[%zu])",
                               names[i], j);
                return ALS_ESCHEMA;
            }
        }
    }
    char **copy;
    if (!dup_array(b, names, n, &copy))
        return nomem(err);
    free(b->levels);
    b->levels = copy;
    b->nlevels = n;
    return ALS_OK;
}

static als_status bad_weight(als_error *err, const char *path, double w)
{
    als__error_set(err, ALS_ESCHEMA, path,
                   "weight must be a number from 0 to 1e9, not %g", w);
    return ALS_ESCHEMA;
}

als_status als_builder_rule_organisation(als_builder *b, als_org_mode mode,
                                         double weight, als_error *err)
{
    if (!b || mode < ALS_ORG_DISTINCT || mode > ALS_ORG_IGNORE)
        return misuse(err, "invalid builder or organisation mode");
    if (!weight_ok(weight))
        return bad_weight(err, "programme.rules.organisation.weight", weight);
    b->org_mode = mode;
    b->org_weight = weight;
    return ALS_OK;
}

als_status als_builder_rule_sector(als_builder *b, als_sector_mode mode,
                                   double weight, als_error *err)
{
    if (!b || mode < ALS_SECTOR_BALANCE || mode > ALS_SECTOR_IGNORE)
        return misuse(err, "invalid builder or sector mode");
    if (!weight_ok(weight))
        return bad_weight(err, "programme.rules.sector.weight", weight);
    b->sector_mode = mode;
    b->sector_weight = weight;
    return ALS_OK;
}

als_status als_builder_rule_seniority(als_builder *b, als_seniority_mode mode,
                                      double weight, int max_spread,
                                      als_error *err)
{
    if (!b || mode < ALS_SENIORITY_SIMILAR || mode > ALS_SENIORITY_IGNORE)
        return misuse(err, "invalid builder or seniority mode");
    if (!weight_ok(weight))
        return bad_weight(err, "programme.rules.seniority.weight", weight);
    if (max_spread != ALS_NONE && (max_spread < 0 || max_spread > 1000)) {
        als__error_set(err, ALS_ESCHEMA, "programme.rules.seniority.max_spread",
                       "max_spread must be 0..1000, not %d", max_spread);
        return ALS_ESCHEMA;
    }
    b->sen_mode = mode;
    b->sen_weight = weight;
    b->max_spread = max_spread;
    return ALS_OK;
}

als_status als_builder_rule_council_pairs(als_builder *b, int on,
                                          als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    b->council_pairs = on != 0;
    return ALS_OK;
}

als_status als_builder_set_solver(als_builder *b, als_method method,
                                  double time_limit_s, unsigned long long seed,
                                  als_error *err)
{
    if (!b || method < ALS_METHOD_AUTO || method > ALS_METHOD_HEURISTIC)
        return misuse(err, "invalid builder or method");
    if (!als__option_ok(ALS__OPT_TIME_LIMIT, time_limit_s)) {
        char range[128];
        als_solve_option_range(ALS__OPT_TIME_LIMIT, range, sizeof range);
        als__error_set(err, ALS_ESCHEMA, "programme.solver.time_limit_s",
                       "time_limit_s must be %s, not %g", range, time_limit_s);
        return ALS_ESCHEMA;
    }
    b->method = method;
    b->time_limit_s = time_limit_s;
    b->seed = seed;
    return ALS_OK;
}

als_status als_builder_add_applicant(als_builder *b, const als_applicant *a,
                                     als_error *err)
{
    if (!b || !a)
        return misuse(err, "builder and applicant must not be NULL");
    if (a->version != ALS_APPLICANT_VERSION && a->version != 1u)
        return misuse(err, "als_applicant.version is not "
                           "ALS_APPLICANT_VERSION: initialise it with "
                           "ALS_APPLICANT_INIT");
    if ((a->availability_count && !a->availability) ||
        (a->apart_count && !a->apart))
        return misuse(err, "a count is given without its array");
    if (b->napps >= ALS_MAX_APPLICANTS) {
        als__error_set(err, ALS_ELIMIT, "applicants", "more than %u applicants",
                       ALS_MAX_APPLICANTS);
        return ALS_ELIMIT;
    }
    if (!als__grow((void **)&b->apps, &b->capapps, b->napps + 1,
                   sizeof *b->apps))
        return nomem(err);
    b_app *r = &b->apps[b->napps];
    memset(r, 0, sizeof *r);
    bool ok = dup(b, a->id, &r->id) && dup(b, a->name, &r->name) &&
              dup(b, a->organisation, &r->org) &&
              dup(b, a->sector, &r->sector) &&
              dup(b, a->seniority_name, &r->sen_name) &&
              dup(b, a->council, &r->council) && dup(b, a->role, &r->role) &&
              dup(b, a->together, &r->together) && dup(b, a->set, &r->set) &&
              (a->version < 2u || dup(b, a->email, &r->email));
    if (ok)
        ok = dup_array(b, a->availability, a->availability_count, &r->avail);
    if (ok && !dup_array(b, a->apart, a->apart_count, &r->apart)) {
        free(r->avail);
        ok = false;
    }
    if (!ok)
        return nomem(err);
    r->navail = a->availability_count;
    r->has_avail = a->availability != NULL;
    r->napart = a->apart_count;
    r->seniority = a->seniority;
    r->priority = a->priority;
    r->withdrawn = a->withdrawn != 0;
    b->napps++;
    return ALS_OK;
}

void als_facilitator_init(als_facilitator *f)
{
    static const als_facilitator init = ALS_FACILITATOR_INIT;
    if (f)
        *f = init;
}

als_status als_builder_add_facilitator(als_builder *b, const als_facilitator *f,
                                       als_error *err)
{
    if (!b || !f)
        return misuse(err, "builder and facilitator must not be NULL");
    if (f->version != ALS_FACILITATOR_VERSION)
        return misuse(err, "als_facilitator.version is not "
                           "ALS_FACILITATOR_VERSION: initialise it with "
                           "ALS_FACILITATOR_INIT");
    if ((f->availability_count && !f->availability) ||
        (f->apart_count && !f->apart))
        return misuse(err, "a count is given without its array");
    if (b->nfacs >= ALS_MAX_APPLICANTS) {
        als__error_set(err, ALS_ELIMIT, "facilitators",
                       "more than %u facilitators", ALS_MAX_APPLICANTS);
        return ALS_ELIMIT;
    }
    if (!als__grow((void **)&b->facs, &b->capfacs, b->nfacs + 1,
                   sizeof *b->facs))
        return nomem(err);
    b_fac *r = &b->facs[b->nfacs];
    memset(r, 0, sizeof *r);
    bool ok = dup(b, f->id, &r->id) && dup(b, f->name, &r->name) &&
              dup(b, f->email, &r->email) && dup(b, f->organisation, &r->org);
    if (ok)
        ok = dup_array(b, f->availability, f->availability_count, &r->avail);
    if (ok && !dup_array(b, f->apart, f->apart_count, &r->apart)) {
        free(r->avail);
        ok = false;
    }
    if (!ok)
        return nomem(err);
    r->navail = f->availability_count;
    r->has_avail = f->availability != NULL;
    r->napart = f->apart_count;
    r->max_sets = f->max_sets;
    r->withdrawn = f->withdrawn != 0;
    b->nfacs++;
    return ALS_OK;
}

als_status als_builder_set_facilitators_per_set(als_builder *b, int k,
                                                als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    if (k != 1 && k != 2) {
        als__error_set(err, ALS_ESCHEMA, "programme.facilitators_per_set",
                       "facilitators_per_set must be 1 or 2, not %d", k);
        return ALS_ESCHEMA;
    }
    b->fac_per_set = k;
    return ALS_OK;
}

als_status als_builder_rule_facilitators(als_builder *b,
                                         als_facilitator_rule rule,
                                         als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    if (rule != ALS_FACILITATORS_INDEPENDENT && rule != ALS_FACILITATORS_IGNORE)
        return misuse(err, "unknown facilitators rule");
    b->fac_rule = rule;
    return ALS_OK;
}

als_status als_builder_set_facilitators(als_builder *b, const char *set_id,
                                        const char *const *ids, size_t n,
                                        als_error *err)
{
    if (!b || !set_id || (n && !ids))
        return misuse(err, "builder, set id and ids must not be NULL");
    size_t i = als__strtab_find(&b->set_ids, set_id);
    if (i == ALS__NOIDX) {
        als__error_set(err, ALS_EINVAL, "", "no fixed set '%s'", set_id);
        return ALS_EINVAL;
    }
    b_set *s = &b->sets[i];
    char **v;
    if (!dup_array(b, ids, n, &v))
        return nomem(err);
    free(s->fac);
    s->fac = v;
    s->nfac = n;
    return ALS_OK;
}

als_status als_builder_add_pair(als_builder *b, const char *a_id,
                                const char *b_id, double weight, als_error *err)
{
    if (!b)
        return misuse(err, "builder must not be NULL");
    char path[48];
    snprintf(path, sizeof path, "pairs[%zu].weight", b->npairs);
    if (!isfinite(weight) || fabs(weight) > 1e12) {
        als__error_set(err, ALS_ESCHEMA, path,
                       "weight must be a finite number (|w| <= 1e12)");
        return ALS_ESCHEMA;
    }
    if (!als__grow((void **)&b->pairs, &b->cappairs, b->npairs + 1,
                   sizeof *b->pairs))
        return nomem(err);
    b_pair *q = &b->pairs[b->npairs];
    if (!dup(b, a_id, &q->a) || !dup(b, b_id, &q->b))
        return nomem(err);
    q->w = weight;
    q->quiet = false;
    b->npairs++;
    return ALS_OK;
}

als_status als_builder_add_alias(als_builder *b, als_label_kind kind,
                                 const char *from, const char *to,
                                 als_error *err)
{
    if (!b || !from || !to || kind < ALS_LABEL_ORGANISATION ||
        kind > ALS_LABEL_COUNCIL)
        return misuse(err, "invalid builder, alias kind or NULL spelling");
    char path[2 * ALS_PATH_MAX], key[8];
    snprintf(path, sizeof path, "programme.aliases.%s.%s", alias_kinds[kind],
             from);
    if (strlen(from) > ALS_MAX_LABEL_BYTES ||
        strlen(to) > ALS_MAX_LABEL_BYTES) {
        als__error_set(err, ALS_ELIMIT, path, "label longer than %u bytes",
                       ALS_MAX_LABEL_BYTES);
        return ALS_ELIMIT;
    }
    if (als__label_key(from, key, sizeof key) == 0) {
        als__error_set(err, ALS_ESCHEMA, path, "the spelling is empty");
        return ALS_ESCHEMA;
    }
    if (als__label_key(to, key, sizeof key) == 0) {
        als__error_set(err, ALS_ESCHEMA, path,
                       "'%s' is mapped to an empty name", from);
        return ALS_ESCHEMA;
    }
    als__strtab *t = &b->alias_from[kind];
    size_t was = als__strtab_find(t, from);
    if (was != ALS__NOIDX) {
        als__error_set(err, ALS_ESCHEMA, path,
                       "'%s' is mapped twice: '%s' is the same spelling "
                       "(case and spacing aside), mapped to '%s'",
                       from, t->display[was], b->alias_to[kind][was]);
        return ALS_ESCHEMA;
    }
    if (!als__grow((void **)&b->alias_to[kind], &b->alias_cap[kind], t->n + 1,
                   sizeof *b->alias_to[kind]))
        return nomem(err);
    char *copy;
    if (!dup(b, to, &copy))
        return nomem(err);
    size_t k = als__strtab_intern(t, from, NULL);
    if (k == ALS__NOIDX)
        return nomem(err);
    b->alias_to[kind][k] = copy;
    return ALS_OK;
}

als_status als_builder_set_timezone(als_builder *b, const char *tzid,
                                    als_error *err)
{
    static const char *const P = "programme.calendar.timezone";
    if (!b || !tzid)
        return misuse(err, "builder and tzid must not be NULL");
    if (strlen(tzid) > ALS_MAX_LABEL_BYTES) {
        als__error_set(err, ALS_ELIMIT, P, "label longer than %u bytes",
                       ALS_MAX_LABEL_BYTES);
        return ALS_ELIMIT;
    }
    if (!als__timezone_known(tzid)) {
        als__error_set(err, ALS_ESCHEMA, P,
                       "unknown time zone '%s' (a name of the time zone "
                       "database, such as \"Europe/London\")",
                       tzid);
        return ALS_ESCHEMA;
    }
    char *d;
    if (!dup(b, tzid, &d))
        return nomem(err);
    b->timezone = d;
    return ALS_OK;
}

static bool grow_sessions(als_builder *b)
{
    if (!als__grow((void **)&b->sessions, &b->capsessions, b->nsessions + 1,
                   sizeof *b->sessions))
        return false;
    memset(&b->sessions[b->nsessions], 0, sizeof *b->sessions);
    return true;
}

als_status als__builder_skip_session(als_builder *b)
{
    if (!b || !grow_sessions(b))
        return ALS_ENOMEM;
    b->sessions[b->nsessions++].skip = true;
    return ALS_OK;
}

/* The session's own checks (those that need no day labels). */
static als_status check_session(const als_session *s, size_t i, als_error *err)
{
    char path[3 * ALS_PATH_MAX];
    snprintf(path, sizeof path, "programme.calendar.sessions[%zu]", i);
    char key[8];
    if (!s->title || als__label_key(s->title, key, sizeof key) == 0) {
        als__error_set(err, ALS_ESCHEMA, path, "a session needs a \"title\"");
        return ALS_ESCHEMA;
    }
    if (strlen(s->title) > ALS_MAX_LABEL_BYTES) {
        snprintf(path, sizeof path, "programme.calendar.sessions[%zu].title",
                 i);
        als__error_set(err, ALS_ELIMIT, path, "label longer than %u bytes",
                       ALS_MAX_LABEL_BYTES);
        return ALS_ELIMIT;
    }
    int given = (s->date != NULL) + (s->week != NULL) + (s->dates_count > 0);
    if (given != 1) {
        als__error_set(err, ALS_ESCHEMA, path,
                       given ? "give only one of \"date\", \"week\" and "
                               "\"dates\""
                             : "a session needs one of \"date\" (the same "
                               "day for every set), \"week\" or \"dates\"");
        return ALS_ESCHEMA;
    }
    long day;
    int t;
    const char *bad = NULL, *what = NULL;
    char field[ALS_PATH_MAX];
    if (s->date && !als__parse_date(s->date, &day))
        bad = s->date, what = "date", snprintf(field, sizeof field, ".date");
    if (s->week && !als__parse_date(s->week, &day))
        bad = s->week, what = "date", snprintf(field, sizeof field, ".week");
    for (size_t k = 0; !bad && k < s->dates_count; k++) {
        if (!s->date_labels[k] || !s->dates[k])
            return ALS_EINVAL;
        if (!als__parse_date(s->dates[k], &day)) {
            bad = s->dates[k], what = "date";
            snprintf(field, sizeof field, ".dates.%.100s", s->date_labels[k]);
        }
    }
    if (!bad && s->start_count == 0 &&
        (!s->start || !als__parse_time(s->start, &t))) {
        if (!s->start) {
            snprintf(path, sizeof path, "programme.calendar.sessions[%zu]", i);
            als__error_set(err, ALS_ESCHEMA, path,
                           "a session needs a \"start\" time (\"HH:MM\")");
            return ALS_ESCHEMA;
        }
        bad = s->start, what = "time", snprintf(field, sizeof field, ".start");
    }
    for (size_t k = 0; !bad && k < s->start_count; k++) {
        if (!s->start_labels[k] || !s->starts[k])
            return ALS_EINVAL;
        if (!als__parse_time(s->starts[k], &t)) {
            bad = s->starts[k], what = "time";
            snprintf(field, sizeof field, ".start.%.100s", s->start_labels[k]);
        }
    }
    if (bad) {
        snprintf(path, sizeof path, "programme.calendar.sessions[%zu]%s", i,
                 field);
        als__error_set(err, ALS_ESCHEMA, path,
                       strcmp(what, "date") == 0
                           ? "'%.100s' is not a date (YYYY-MM-DD, a day "
                             "that exists)"
                           : "'%.100s' is not a time (HH:MM, 00:00 to 23:59)",
                       bad);
        return ALS_ESCHEMA;
    }
    if (s->minutes < 1 || s->minutes > 1440) {
        snprintf(path, sizeof path, "programme.calendar.sessions[%zu].minutes",
                 i);
        als__error_set(err, ALS_ESCHEMA, path,
                       "%lld is out of range (1..1440 minutes)", s->minutes);
        return ALS_ESCHEMA;
    }
    return ALS_OK;
}

als_status als_builder_add_session(als_builder *b, const als_session *s,
                                   als_error *err)
{
    if (!b || !s || s->version != ALS_SESSION_VERSION ||
        (s->dates_count && (!s->date_labels || !s->dates)) ||
        (s->start_count && (!s->start_labels || !s->starts)))
        return misuse(err, "invalid builder or session");
    als_status rc = check_session(s, b->nsessions, err);
    if (rc == ALS_EINVAL)
        return misuse(err, "a NULL label or value in a session");
    if (!grow_sessions(b))
        return nomem(err);
    b_session *q = &b->sessions[b->nsessions];
    if (rc != ALS_OK) {
        q->skip = true;
        b->nsessions++;
        return rc;
    }
    if (!dup(b, s->title, &q->title) || !dup(b, s->date, &q->date) ||
        !dup(b, s->week, &q->week) ||
        (s->start_count == 0 && !dup(b, s->start, &q->start)) ||
        !dup_array(b, s->date_labels, s->dates_count, &q->date_labels) ||
        !dup_array(b, s->dates, s->dates_count, &q->dates) ||
        !dup_array(b, s->start_labels, s->start_count, &q->start_labels) ||
        !dup_array(b, s->starts, s->start_count, &q->starts)) {
        free(q->date_labels);
        free(q->dates);
        free(q->start_labels);
        free(q->starts);
        memset(q, 0, sizeof *q);
        return nomem(err);
    }
    q->ndates = s->dates_count;
    q->nstarts = s->start_count;
    q->minutes = (int)s->minutes;
    b->nsessions++;
    return ALS_OK;
}

void als__builder_quiet_last(als_builder *b, unsigned fields)
{
    if (b && b->napps)
        b->apps[b->napps - 1].quiet |= fields;
}

void als__builder_quiet_last_facilitator(als_builder *b)
{
    if (b->nfacs)
        b->facs[b->nfacs - 1].quiet = true;
}

void als__builder_quiet_last_pair(als_builder *b)
{
    if (b && b->npairs)
        b->pairs[b->npairs - 1].quiet = true;
}

void als__builder_quiet(als_builder *b, unsigned fields)
{
    if (b)
        b->quiet |= fields;
}

/* ==================================================================== */
/* finish: check everything and build the problem                        */
/* ==================================================================== */

typedef struct fin {
    const als_builder *b;
    als_problem *p;
    als__report rep;
    bool nomem;
} fin;

#define APATH(buf, i, field)                                                   \
    snprintf(buf, sizeof buf, "applicants[%zu]%s", (size_t)(i), field)

/* Check a label's length; intern it in t. Returns index, or -1 if absent. */
static int label_index_at(fin *f, als__strtab *t, const char *s,
                          const char *base, size_t i, const char *field)
{
    if (!s)
        return -1;
    char key[8];
    if (strlen(s) > ALS_MAX_LABEL_BYTES) {
        char path[96];
        snprintf(path, sizeof path, "%s[%zu]%s", base, i, field);
        als__report_error(&f->rep, ALS_ELIMIT, path,
                          "label longer than %u bytes", ALS_MAX_LABEL_BYTES);
        return -1;
    }
    if (als__label_key(s, key, sizeof key) == 0)
        return -1; /* blank = absent */
    size_t k = als__strtab_intern(t, s, NULL);
    if (k == ALS__NOIDX) {
        f->nomem = true;
        return -1;
    }
    return (int)k;
}

static int label_index(fin *f, als__strtab *t, const char *s, size_t i,
                       const char *field)
{
    return label_index_at(f, t, s, "applicants", i, field);
}

/* The name a label's spelling is mapped to by programme.aliases (the label
   itself when none). */
static const char *alias_of(const fin *f, als_label_kind kind, const char *s)
{
    const als__strtab *t = &f->b->alias_from[kind];
    if (!s || t->n == 0 || strlen(s) > ALS_MAX_LABEL_BYTES)
        return s;
    size_t k = als__strtab_find(t, s);
    return k == ALS__NOIDX ? s : f->b->alias_to[kind][k];
}

/* Copy programme.aliases into the problem; a target that is itself mapped
   to another name is an error (aliases are not followed). */
static void finish_aliases(fin *f)
{
    const als_builder *b = f->b;
    als_problem *p = f->p;
    char path[2 * ALS_PATH_MAX], k1[ALS_MAX_LABEL_BYTES + 8],
        k2[ALS_MAX_LABEL_BYTES + 8];
    for (int kind = 0; kind < 3; kind++) {
        const als__strtab *t = &b->alias_from[kind];
        if (t->n == 0)
            continue;
        p->alias_from[kind] = als__calloc(t->n, sizeof(char *));
        p->alias_to[kind] = als__calloc(t->n, sizeof(char *));
        if (!p->alias_from[kind] || !p->alias_to[kind]) {
            f->nomem = true;
            return;
        }
        p->nalias[kind] = t->n;
        for (size_t k = 0; k < t->n; k++) {
            const char *to = b->alias_to[kind][k];
            if (!(p->alias_from[kind][k] =
                      als__arena_strdup(&p->arena, t->display[k])) ||
                !(p->alias_to[kind][k] = als__arena_strdup(&p->arena, to))) {
                f->nomem = true;
                return;
            }
            size_t j = als__strtab_find(t, to);
            if (j == ALS__NOIDX || j == k)
                continue;
            als__label_key(t->display[j], k1, sizeof k1);
            als__label_key(b->alias_to[kind][j], k2, sizeof k2);
            if (strcmp(k1, k2) == 0)
                continue; /* the target maps to itself: a final name */
            snprintf(path, sizeof path, "programme.aliases.%s.%s",
                     alias_kinds[kind], t->display[k]);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "'%s' is mapped to '%s', which is itself "
                              "mapped to '%s': aliases are not followed, so "
                              "map '%s' to '%s' directly",
                              t->display[k], to, b->alias_to[kind][j],
                              t->display[k], b->alias_to[kind][j]);
        }
    }
}

/* A label an alias maps to is shown as the alias spells it, whoever gave
   it first. */
static void show_alias_targets(als_problem *p)
{
    als__strtab *t[3] = {&p->orgs, &p->sectors, &p->councils};
    for (int kind = 0; kind < 3; kind++)
        for (size_t j = 0; j < p->nalias[kind]; j++) {
            size_t k = als__strtab_find(t[kind], p->alias_to[kind][j]);
            if (k != ALS__NOIDX)
                t[kind]->display[k] = p->alias_to[kind][j];
        }
}

static void finish_programme(fin *f)
{
    const als_builder *b = f->b;
    als_problem *p = f->p;
    if (!b->has_size && !(b->quiet & ALS__BQ_SET_SIZE))
        als__report_error(&f->rep, ALS_ESCHEMA, "programme.set_size",
                          "missing: set_size is required, e.g. "
                          "{\"min\": 4, \"max\": 4}");
    p->size_min = b->has_size ? b->size_min : 1;
    p->size_max = b->has_size ? b->size_max : (int)ALS_MAX_SET_SIZE;
    p->size_floor = b->size_floor;
    if (b->has_size && b->size_floor != ALS_NONE && b->size_floor > b->size_min)
        als__report_error(&f->rep, ALS_ESCHEMA, "programme.set_size.floor",
                          "floor %d is greater than min %d: a running set "
                          "carries on down to its floor, which is at most "
                          "its minimum",
                          b->size_floor, b->size_min);
    p->size_target = b->size_target;
    if (b->has_size && b->size_target != ALS_NONE &&
        (b->size_target < b->size_min || b->size_target > b->size_max)) {
        als__report_error(&f->rep, ALS_ESCHEMA, "programme.set_size.target",
                          "target %d is outside min %d .. max %d: the target "
                          "is a size a set may have",
                          b->size_target, b->size_min, b->size_max);
        p->size_target = ALS_NONE;
    }
    if (b->name && !(p->name = als__arena_strdup(&p->arena, b->name)))
        f->nomem = true;
    if (b->name && strlen(b->name) > ALS_MAX_LABEL_BYTES)
        als__report_error(&f->rep, ALS_ELIMIT, "programme.name",
                          "name longer than %u bytes", ALS_MAX_LABEL_BYTES);
    for (size_t d = 0; d < b->ndays; d++)
        if (als__strtab_intern(&p->days, b->days[d], NULL) == ALS__NOIDX)
            f->nomem = true;
    p->nlevels = b->nlevels;
    if (b->nlevels) {
        p->level_names = als__calloc(b->nlevels, sizeof *p->level_names);
        if (!p->level_names) {
            f->nomem = true;
            p->nlevels = 0;
        }
        for (size_t l = 0; l < p->nlevels; l++)
            if (!(p->level_names[l] =
                      als__arena_strdup(&p->arena, b->levels[l])))
                f->nomem = true;
    }
    p->max_sets = b->max_sets;
    p->org_mode = b->org_mode;
    p->org_weight = b->org_weight;
    p->sector_mode = b->sector_mode;
    p->sector_weight = b->sector_weight;
    p->sen_mode = b->sen_mode;
    p->sen_weight = b->sen_weight;
    p->max_spread = b->max_spread;
    p->council_pairs = b->council_pairs;
    p->method = b->method;
    p->time_limit_s = b->time_limit_s;
    p->seed = b->seed;

    p->nsets = b->nsets;
    if (b->nsets && !(p->sets = als__calloc(b->nsets, sizeof *p->sets))) {
        f->nomem = true;
        p->nsets = 0;
    }
    for (size_t s = 0; s < p->nsets; s++) {
        const b_set *bs = &b->sets[s];
        als__fixed_set *fs = &p->sets[s];
        /* the builder refused duplicates: index = set */
        if (!(fs->id = als__arena_strdup(&p->arena, bs->id)) ||
            als__strtab_intern(&p->set_ids, bs->id, NULL) == ALS__NOIDX)
            f->nomem = true;
        fs->required = bs->required;
        fs->min = bs->min == ALS_NONE ? p->size_min : bs->min;
        fs->max = bs->max == ALS_NONE ? p->size_max : bs->max;
        fs->day = -1;
        if (bs->day) {
            size_t d = als__strtab_find(&p->days, bs->day);
            char path[96];
            snprintf(path, sizeof path, "%s.day", bs->path);
            if (b->quiet & ALS__BQ_DAYS)
                ; /* the days themselves are in error */
            else if (!b->has_days)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "day '%s' is not defined: the programme "
                                  "has no \"days\"",
                                  bs->day);
            else if (d == ALS__NOIDX)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "day '%s' is not one of programme.days",
                                  bs->day);
            else
                fs->day = (int)d;
        }
    }
}

/* Resolve a seniority name or number for applicant i. */
static int resolve_level(fin *f, const b_app *r, size_t i)
{
    char path[96];
    APATH(path, i, ".seniority");
    if (r->quiet & ALS__Q_SENIORITY)
        return -1;
    if (r->sen_name && (f->b->quiet & ALS__BQ_LEVELS))
        return -1; /* the level names themselves are in error */
    if (r->sen_name) {
        char key[ALS_MAX_LABEL_BYTES + 8], k2[ALS_MAX_LABEL_BYTES + 8];
        if (als__label_key(r->sen_name, key, sizeof key) == 0)
            return -1;
        for (size_t l = 0; l < f->b->nlevels; l++) {
            als__label_key(f->b->levels[l], k2, sizeof k2);
            if (strcmp(key, k2) == 0)
                return (int)l;
        }
        if (f->b->nlevels == 0) {
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "seniority '%s' is not defined: the programme "
                              "has no \"seniority_levels\" (use a number "
                              "0..1000 or define the names)",
                              r->sen_name);
        } else {
            const char *s = als__suggest(
                r->sen_name, (const char *const *)f->b->levels, f->b->nlevels);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "seniority '%s' is not one of "
                              "programme.seniority_levels%s%s%s",
                              r->sen_name, s ? " (did you mean '" : "",
                              s ? s : "", s ? "'?)" : "");
        }
        return -1;
    }
    if (r->seniority == ALS_NONE)
        return -1;
    if (r->seniority < 0 || r->seniority > 1000) {
        als__report_error(&f->rep, ALS_ESCHEMA, path,
                          "seniority must be 0..1000, not %d", r->seniority);
        return -1;
    }
    return r->seniority;
}

static int role_of(const char *role)
{
    char key[32];
    if (!role || strlen(role) > 30)
        return ALS__ROLE_OTHER;
    als__label_key(role, key, sizeof key);
    if (strcmp(key, "officer") == 0)
        return ALS__ROLE_OFFICER;
    if (strcmp(key, "councillor") == 0 || strcmp(key, "councilor") == 0)
        return ALS__ROLE_COUNCILLOR;
    return ALS__ROLE_OTHER;
}

/* Days of `labels` (NULL entries skipped) as a mask; errors at
   base[i].availability[k]. */
static uint64_t day_mask(fin *f, char *const *labels, size_t n, bool given,
                         const char *base, size_t i)
{
    als_problem *p = f->p;
    size_t nd = p->days.n;
    uint64_t all = als__all_days(nd);
    if (!given)
        return all;
    uint64_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (!labels[k] || (f->b->quiet & ALS__BQ_DAYS))
            continue;
        char ap[112];
        snprintf(ap, sizeof ap, "%s[%zu].availability[%zu]", base, i, k);
        size_t d = als__strtab_find(&p->days, labels[k]);
        if (!f->b->has_days)
            als__report_error(&f->rep, ALS_ESCHEMA, ap,
                              "day '%s' is not defined: the programme has "
                              "no \"days\"",
                              labels[k]);
        else if (d == ALS__NOIDX) {
            const char *sg = als__suggest(
                labels[k], (const char *const *)p->days.display, p->days.n);
            als__report_error(&f->rep, ALS_ESCHEMA, ap,
                              "day '%s' is not one of programme.days%s%s%s",
                              labels[k], sg ? " (did you mean '" : "",
                              sg ? sg : "", sg ? "'?)" : "");
        } else
            m |= (uint64_t)1 << d;
    }
    return m;
}

static void finish_applicant(fin *f, size_t i)
{
    const b_app *r = &f->b->apps[i];
    als_problem *p = f->p;
    als__applicant *a = &p->app[i];
    char path[96];
    a->unit = ALS__NOIDX;
    a->pin = -1;
    a->withdrawn = r->withdrawn;
    a->priority = r->priority;
    if (r->name && !(a->name = als__arena_strdup(&p->arena, r->name)))
        f->nomem = true;
    if (r->name && strlen(r->name) > ALS_MAX_LABEL_BYTES) {
        APATH(path, i, ".name");
        als__report_error(&f->rep, ALS_ELIMIT, path,
                          "name longer than %u bytes", ALS_MAX_LABEL_BYTES);
    }
    if (r->email && !(a->email = als__arena_strdup(&p->arena, r->email)))
        f->nomem = true;
    if (r->email && strlen(r->email) > ALS_MAX_LABEL_BYTES) {
        APATH(path, i, ".email");
        als__report_error(&f->rep, ALS_ELIMIT, path,
                          "email longer than %u bytes", ALS_MAX_LABEL_BYTES);
    }
    if (r->role && !(a->role_text = als__arena_strdup(&p->arena, r->role)))
        f->nomem = true;
    if (r->role && strlen(r->role) > ALS_MAX_LABEL_BYTES) {
        APATH(path, i, ".role");
        als__report_error(&f->rep, ALS_ELIMIT, path,
                          "label longer than %u bytes", ALS_MAX_LABEL_BYTES);
    }
    a->role = role_of(r->role);
    const char *council = alias_of(f, ALS_LABEL_COUNCIL, r->council);
    a->sector = label_index(
        f, &p->sectors, alias_of(f, ALS_LABEL_SECTOR, r->sector), i, ".sector");
    a->council = label_index(f, &p->councils, council, i, ".council");
    if (r->org)
        a->org = label_index(f, &p->orgs,
                             alias_of(f, ALS_LABEL_ORGANISATION, r->org), i,
                             ".organisation");
    else if (a->council >= 0)
        a->org = label_index(f, &p->orgs,
                             alias_of(f, ALS_LABEL_ORGANISATION, council), i,
                             ".council");
    else
        a->org = -1;
    if (r->together && strlen(r->together) > ALS_MAX_LABEL_BYTES) {
        APATH(path, i, ".together");
        als__report_error(&f->rep, ALS_ELIMIT, path,
                          "label longer than %u bytes", ALS_MAX_LABEL_BYTES);
    }
    a->level = resolve_level(f, r, i);
    if (!(r->quiet & ALS__Q_PRIORITY) &&
        (r->priority > ALS_MAX_PRIORITY || r->priority < -ALS_MAX_PRIORITY)) {
        APATH(path, i, ".priority");
        als__report_error(&f->rep, ALS_ESCHEMA, path,
                          "priority must be between -%lld and %lld",
                          ALS_MAX_PRIORITY, ALS_MAX_PRIORITY);
    }

    /* availability */
    a->avail = day_mask(f, r->avail, r->navail, r->has_avail, "applicants", i);

    /* pin */
    if (r->set && !(r->quiet & ALS__Q_SET) &&
        !(f->b->quiet & ALS__BQ_SETS &&
          als__problem_fixed_find(p, r->set) < 0)) {
        APATH(path, i, ".set");
        int s = als__problem_fixed_find(p, r->set);
        size_t len = strlen(r->set);
        if (s >= 0)
            a->pin = s;
        else if (p->nsets == 0 && len == 0)
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "the pinned set's id is empty");
        else if (p->nsets == 0 && len > ALS_MAX_ID_BYTES)
            als__report_error(&f->rep, ALS_ELIMIT, path,
                              "set id longer than %u bytes", ALS_MAX_ID_BYTES);
        else if (p->nsets == 0) {
            /* no fixed sets: a set of the previous allocation, resolved
               when a re-run is solved (docs/FORMAT.md section 4) */
            if (!(a->pin_id = als__arena_strdup(&p->arena, r->set)))
                f->nomem = true;
        } else
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "pinned to set '%s', which is not one of "
                              "programme.sets",
                              r->set);
    }
}

static void finish_ids(fin *f)
{
    als_problem *p = f->p;
    char path[96];
    size_t *first = NULL, cap = 0; /* id-table index -> applicant */
    for (size_t i = 0; i < p->n; i++) {
        const b_app *r = &f->b->apps[i];
        APATH(path, i, ".id");
        if (r->quiet & ALS__Q_ID)
            continue;
        if (!r->id) {
            APATH(path, i, "");
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "missing \"id\": every applicant needs one");
            continue;
        }
        size_t len = strlen(r->id);
        if (len == 0) {
            als__report_error(&f->rep, ALS_ESCHEMA, path, "id is empty");
            continue;
        }
        if (len > ALS_MAX_ID_BYTES) {
            als__report_error(&f->rep, ALS_ELIMIT, path,
                              "id longer than %u bytes", ALS_MAX_ID_BYTES);
            continue;
        }
        bool added;
        size_t k = als__strtab_intern(&p->ids, r->id, &added);
        if (k == ALS__NOIDX || (added && !als__grow((void **)&first, &cap,
                                                    k + 1, sizeof *first))) {
            f->nomem = true;
            break;
        }
        if (!added) {
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "duplicate id '%s' (first used by "
                              "applicants[%zu])",
                              r->id, first[k]);
            continue;
        }
        first[k] = i; /* for the message about a later duplicate */
        p->app[i].id = p->ids.display[k];
    }
    free(first);
    /* applicants whose id is unusable still need a printable one */
    for (size_t i = 0; i < p->n; i++)
        if (!p->app[i].id)
            p->app[i].id = "";
}

/* Map from id-table index to applicant index, built once. */
static size_t *id_map(fin *f)
{
    als_problem *p = f->p;
    size_t *m = als__malloc(p->ids.n + 1, sizeof *m);
    if (!m) {
        f->nomem = true;
        return NULL;
    }
    for (size_t i = 0; i < p->n; i++) {
        if (!p->app[i].id[0])
            continue;
        size_t k = als__strtab_find(&p->ids, p->app[i].id);
        if (k != ALS__NOIDX && p->ids.display[k] == p->app[i].id)
            m[k] = i;
    }
    return m;
}

static size_t lookup(const fin *f, const size_t *map, const char *id)
{
    size_t k = als__strtab_find(&f->p->ids, id);
    return k == ALS__NOIDX ? k : map[k];
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

static void finish_apart(fin *f, const size_t *map)
{
    als_problem *p = f->p;
    /* collect directed edges both ways, then sort into CSR */
    size_t cap = 0, n = 0;
    size_t *edges = NULL; /* pairs (from, to) */
    for (size_t i = 0; i < p->n; i++) {
        const b_app *r = &f->b->apps[i];
        for (size_t k = 0; k < r->napart; k++) {
            if (!r->apart[k])
                continue;
            char path[112];
            snprintf(path, sizeof path, "applicants[%zu].apart[%zu]", i, k);
            size_t j = lookup(f, map, r->apart[k]);
            if (j == ALS__NOIDX) {
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "apart names '%s', which is not an "
                                  "applicant's id",
                                  r->apart[k]);
                continue;
            }
            if (j == i) {
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "applicant '%s' is listed apart from "
                                  "itself",
                                  r->apart[k]);
                continue;
            }
            if (p->app[i].withdrawn || p->app[j].withdrawn)
                continue;
            if (!als__grow((void **)&edges, &cap, 2 * (n + 2), sizeof *edges)) {
                f->nomem = true;
                free(edges);
                return;
            }
            edges[2 * n] = i;
            edges[2 * n + 1] = j;
            n++;
            edges[2 * n] = j;
            edges[2 * n + 1] = i;
            n++;
        }
    }
    p->apart_off = als__calloc(p->n + 1, sizeof *p->apart_off);
    p->apart = als__malloc(n, sizeof *p->apart);
    if (!p->apart_off || !p->apart) {
        f->nomem = true;
        free(edges);
        return;
    }
    for (size_t e = 0; e < n; e++)
        p->apart_off[edges[2 * e] + 1]++;
    for (size_t i = 0; i < p->n; i++)
        p->apart_off[i + 1] += p->apart_off[i];
    size_t *fill = als__malloc(p->n + 1, sizeof *fill);
    if (!fill) {
        f->nomem = true;
        free(edges);
        return;
    }
    memcpy(fill, p->apart_off, (p->n + 1) * sizeof *fill);
    for (size_t e = 0; e < n; e++)
        p->apart[fill[edges[2 * e]]++] = edges[2 * e + 1];
    free(fill);
    free(edges);
    /* sort each list and drop duplicates (A apart B and B apart A) */
    size_t w = 0;
    for (size_t i = 0; i < p->n; i++) {
        size_t lo = p->apart_off[i], hi = p->apart_off[i + 1];
        qsort(p->apart + lo, hi - lo, sizeof *p->apart, cmp_size);
        p->apart_off[i] = w;
        for (size_t k = lo; k < hi; k++)
            if (k == lo || p->apart[k] != p->apart[k - 1])
                p->apart[w++] = p->apart[k];
    }
    p->apart_off[p->n] = w;
}

typedef struct pair_key {
    size_t lo, hi, k;
} pair_key;

static int cmp_pair_key(const void *x, const void *y)
{
    const pair_key *a = x, *b = y;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

static void finish_pairs(fin *f, const size_t *map)
{
    als_problem *p = f->p;
    const als_builder *b = f->b;
    pair_key *keys = als__malloc(b->npairs, sizeof *keys);
    if (!keys) {
        f->nomem = true;
        return;
    }
    size_t nk = 0;
    char path[64];
    for (size_t k = 0; k < b->npairs; k++) {
        const b_pair *q = &b->pairs[k];
        size_t ia = ALS__NOIDX, ib = ALS__NOIDX;
        if (q->quiet)
            continue;
        if (!q->a) {
            snprintf(path, sizeof path, "pairs[%zu]", k);
            als__report_error(&f->rep, ALS_ESCHEMA, path, "missing \"a\"");
        } else if ((ia = lookup(f, map, q->a)) == ALS__NOIDX) {
            snprintf(path, sizeof path, "pairs[%zu].a", k);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "'%s' is not an applicant's id", q->a);
        }
        if (!q->b) {
            snprintf(path, sizeof path, "pairs[%zu]", k);
            als__report_error(&f->rep, ALS_ESCHEMA, path, "missing \"b\"");
        } else if ((ib = lookup(f, map, q->b)) == ALS__NOIDX) {
            snprintf(path, sizeof path, "pairs[%zu].b", k);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "'%s' is not an applicant's id", q->b);
        }
        if (ia == ALS__NOIDX || ib == ALS__NOIDX)
            continue;
        if (ia == ib) {
            snprintf(path, sizeof path, "pairs[%zu]", k);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "a pair needs two different applicants, not "
                              "'%s' twice",
                              q->a);
            continue;
        }
        keys[nk].lo = ia < ib ? ia : ib;
        keys[nk].hi = ia < ib ? ib : ia;
        keys[nk].k = k;
        nk++;
    }
    qsort(keys, nk, sizeof *keys, cmp_pair_key);
    p->pairs = als__malloc(nk, sizeof *p->pairs);
    if (!p->pairs) {
        f->nomem = true;
        free(keys);
        return;
    }
    p->npairs_all = b->npairs;
    for (size_t t = 0; t < nk; t++) {
        if (t > 0 && keys[t].lo == keys[t - 1].lo &&
            keys[t].hi == keys[t - 1].hi) {
            snprintf(path, sizeof path, "pairs[%zu]", keys[t].k);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "the pair '%s', '%s' is listed twice (also "
                              "pairs[%zu])",
                              p->app[keys[t].lo].id, p->app[keys[t].hi].id,
                              keys[t - 1].k);
            continue;
        }
        if (p->app[keys[t].lo].withdrawn || p->app[keys[t].hi].withdrawn)
            continue;
        double w = b->pairs[keys[t].k].w;
        if (w == 0)
            continue;
        p->pairs[p->npairs].a = keys[t].lo;
        p->pairs[p->npairs].b = keys[t].hi;
        p->pairs[p->npairs].w = w;
        p->npairs++;
    }
    free(keys);
    /* adjacency, both directions */
    p->adj_off = als__calloc(p->n + 1, sizeof *p->adj_off);
    p->adj = als__malloc(2 * p->npairs, sizeof *p->adj);
    size_t *fill = als__malloc(p->n + 1, sizeof *fill);
    if (!p->adj_off || !p->adj || !fill) {
        free(fill);
        f->nomem = true;
        return;
    }
    for (size_t t = 0; t < p->npairs; t++) {
        p->adj_off[p->pairs[t].a + 1]++;
        p->adj_off[p->pairs[t].b + 1]++;
    }
    for (size_t i = 0; i < p->n; i++)
        p->adj_off[i + 1] += p->adj_off[i];
    memcpy(fill, p->adj_off, (p->n + 1) * sizeof *fill);
    for (size_t t = 0; t < p->npairs; t++) {
        const als__pair *q = &p->pairs[t];
        p->adj[fill[q->a]++] = (als__adj){q->b, q->w};
        p->adj[fill[q->b]++] = (als__adj){q->a, q->w};
    }
    free(fill);
}

/* Describe what joined a unit, for messages: "together 'x'" or
   "council 'Leeds'". */
static void unit_reason(const fin *f, size_t first, char *buf, size_t cap)
{
    const b_app *r = &f->b->apps[first];
    const als__applicant *a = &f->p->app[first];
    if (r->together && a->council >= 0 && f->p->council_pairs)
        snprintf(buf, cap, "together '%s' and council '%s'", r->together,
                 f->p->councils.display[a->council]);
    else if (r->together)
        snprintf(buf, cap, "together '%s'", r->together);
    else if (a->council >= 0)
        snprintf(buf, cap, "council '%s'", f->p->councils.display[a->council]);
    else
        snprintf(buf, cap, "unit");
}

/* Join applicants into units (union-find over `parent`): by together label
   and, with council_pairs, by council. False short of memory. */
static bool units_join(fin *f, size_t *parent)
{
    als_problem *p = f->p;
    size_t n = p->n;
    als__strtab tog;
    als__strtab_init(&tog, true);
    size_t *tog_first = NULL, tog_cap = 0;
    size_t *council_first =
        als__malloc(p->councils.n ? p->councils.n : 1, sizeof *council_first);
    bool ok = council_first != NULL;
    for (size_t c = 0; ok && c < p->councils.n; c++)
        council_first[c] = ALS__NOIDX;
    for (size_t i = 0; ok && i < n; i++) {
        const als__applicant *a = &p->app[i];
        if (a->withdrawn)
            continue;
        const char *t = f->b->apps[i].together;
        char key[8];
        if (t && strlen(t) <= ALS_MAX_LABEL_BYTES &&
            als__label_key(t, key, sizeof key) > 0) {
            bool added;
            size_t k = als__strtab_intern(&tog, t, &added);
            if (k == ALS__NOIDX || !als__grow((void **)&tog_first, &tog_cap,
                                              k + 1, sizeof *tog_first)) {
                ok = false;
                break;
            }
            if (added)
                tog_first[k] = i;
            else
                als__uf_union(parent, i, tog_first[k]);
        }
        if (p->council_pairs && a->council >= 0) {
            if (council_first[a->council] == ALS__NOIDX)
                council_first[a->council] = i;
            else
                als__uf_union(parent, i, council_first[a->council]);
        }
    }
    free(council_first);
    free(tog_first);
    als__strtab_free(&tog);
    return ok;
}

/* Number the units in order of their first member and list their members
   (p->units, p->unit_members). False short of memory. */
static bool units_number(fin *f, size_t *parent)
{
    als_problem *p = f->p;
    size_t n = p->n;
    size_t *uid = als__malloc(n, sizeof *uid);
    if (!uid)
        return false;
    size_t nu = 0;
    for (size_t i = 0; i < n; i++) {
        uid[i] = ALS__NOIDX;
        if (!p->app[i].withdrawn && als__uf_find(parent, i) == i)
            uid[i] = nu++;
    }
    p->nunits = nu;
    p->units = als__calloc(nu, sizeof *p->units);
    p->unit_members = als__malloc(p->nactive, sizeof *p->unit_members);
    p->unit_orgs = als__malloc(p->nactive, sizeof *p->unit_orgs);
    if (!p->units || !p->unit_members || !p->unit_orgs) {
        free(uid);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (!p->app[i].withdrawn) {
            p->app[i].unit = uid[als__uf_find(parent, i)];
            p->units[p->app[i].unit].size++;
        }
    free(uid);
    size_t off = 0;
    for (size_t u = 0; u < nu; u++) {
        p->units[u].first = off;
        off += p->units[u].size;
        p->units[u].size = 0;
    }
    for (size_t i = 0; i < n; i++)
        if (!p->app[i].withdrawn) {
            als__unit *u = &p->units[p->app[i].unit];
            p->unit_members[u->first + u->size++] = i;
        }
    return true;
}

/* Unit u's pin: its members' one pin, or an error when two differ. */
static void unit_pin(fin *f, size_t u)
{
    als_problem *p = f->p;
    als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    un->pin = -1;
    for (size_t k = 0; k < un->size; k++) {
        const als__applicant *a = &p->app[m[k]];
        const char *pinned = a->pin >= 0 ? p->sets[a->pin].id : a->pin_id;
        const char *unit_pinned =
            un->pin >= 0 ? p->sets[un->pin].id : un->pin_id;
        if (!pinned)
            continue;
        if (!unit_pinned) {
            un->pin = a->pin;
            un->pin_id = a->pin_id;
        } else if (strcmp(pinned, unit_pinned) != 0) {
            char path[96], why[160];
            APATH(path, m[k], ".set");
            unit_reason(f, m[0], why, sizeof why);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "pinned to set '%s', but '%s' in the same unit "
                              "(%s) is pinned to set '%s'",
                              pinned, p->app[m[0]].id, why, unit_pinned);
            return; /* one clash a unit */
        }
    }
}

/* Unit u fits some set it may join. */
static void unit_size(fin *f, size_t u, int largest)
{
    const als_problem *p = f->p;
    const als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    int limit = un->pin >= 0 ? p->sets[un->pin].max : largest;
    if ((long long)un->size <= limit)
        return;
    char path[96], why[160];
    const b_app *r = &f->b->apps[m[0]];
    APATH(path, m[0], r->together ? ".together" : ".council");
    unit_reason(f, m[0], why, sizeof why);
    als__report_error(&f->rep, ALS_ESCHEMA, path,
                      "the unit of %zu applicants (%s) is larger than the "
                      "largest set it may join (max %d)",
                      un->size, why, limit);
}

/* No two members of unit u are to be kept apart. */
static void unit_apart(fin *f, const size_t *map, size_t u)
{
    const als_problem *p = f->p;
    const als__unit *un = &p->units[u];
    const size_t *m = p->unit_members + un->first;
    for (size_t k = 0; k < un->size; k++) {
        size_t i = m[k];
        const b_app *r = &f->b->apps[i];
        for (size_t q = 0; q < r->napart; q++) {
            if (!r->apart[q])
                continue;
            size_t j = lookup(f, map, r->apart[q]);
            if (j == ALS__NOIDX || j == i || p->app[j].withdrawn ||
                p->app[j].unit != u)
                continue;
            char path[112], why[160];
            snprintf(path, sizeof path, "applicants[%zu].apart[%zu]", i, q);
            unit_reason(f, m[0], why, sizeof why);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "'%s' must be apart from '%s', but both are in "
                              "one unit (%s) that must share a set",
                              p->app[i].id, p->app[j].id, why);
        }
    }
}

/* The units: joined, numbered, their properties filled and checked. */
static void finish_units(fin *f, const size_t *map)
{
    als_problem *p = f->p;
    size_t *parent = als__malloc(p->n, sizeof *parent);
    if (!parent) {
        f->nomem = true;
        return;
    }
    for (size_t i = 0; i < p->n; i++)
        parent[i] = i;
    if (!units_join(f, parent) || !units_number(f, parent)) {
        free(parent);
        f->nomem = true;
        return;
    }
    free(parent);
    int largest = als__problem_largest_max(p);
    size_t org_off = 0;
    for (size_t u = 0; u < p->nunits; u++) {
        als__unit_fill(p, &p->units[u], p->unit_orgs, &org_off);
        unit_pin(f, u);
        unit_size(f, u, largest);
        unit_apart(f, map, u);
    }
}

/* Per programme day, the value a session gives it by label (dates or
   start): an unknown label, a day given twice or a day left out is an
   error at the session's `field`. Returns false when out of memory. */
static bool per_day(fin *f, size_t i, const char *field, char **labels,
                    char **values, size_t n, bool is_date, void **out)
{
    const als_problem *p = f->p;
    size_t nd = p->days.n;
    long *dd = NULL;
    int *ds = NULL;
    if (is_date)
        dd = als__calloc(nd ? nd : 1, sizeof *dd);
    else
        ds = als__calloc(nd ? nd : 1, sizeof *ds);
    bool *seen = als__calloc(nd ? nd : 1, sizeof *seen);
    if ((!dd && !ds) || !seen) {
        free(dd);
        free(ds);
        free(seen);
        return false;
    }
    char path[2 * ALS_PATH_MAX + ALS_MAX_LABEL_BYTES];
    for (size_t k = 0; k < n; k++) {
        snprintf(path, sizeof path, "programme.calendar.sessions[%zu].%s.%s", i,
                 field, labels[k]);
        size_t d = als__strtab_find(&p->days, labels[k]);
        if (d == ALS__NOIDX) {
            if (!(f->b->quiet & ALS__BQ_DAYS))
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "'%s' is not one of programme.days",
                                  labels[k]);
            continue;
        }
        if (seen[d]) {
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "day '%s' is given twice", p->days.display[d]);
            continue;
        }
        seen[d] = true;
        if (is_date)
            als__parse_date(values[k], &dd[d]);
        else
            als__parse_time(values[k], &ds[d]);
    }
    snprintf(path, sizeof path, "programme.calendar.sessions[%zu].%s", i,
             field);
    for (size_t d = 0; d < nd && !(f->b->quiet & ALS__BQ_DAYS); d++)
        if (!seen[d])
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "no %s for day '%s' (every day of "
                              "programme.days needs one)",
                              is_date ? "date" : "start time",
                              p->days.display[d]);
    free(seen);
    *out = is_date ? (void *)dd : (void *)ds;
    return true;
}

/* programme.calendar into the problem, the day labels checked. */
static void finish_calendar(fin *f)
{
    const als_builder *b = f->b;
    als_problem *p = f->p;
    if (b->nsessions == 0 && !b->timezone)
        return;
    if (!b->timezone) {
        if (!(b->quiet & ALS__BQ_TIMEZONE))
            als__report_error(&f->rep, ALS_ESCHEMA,
                              "programme.calendar.timezone",
                              "a calendar needs a \"timezone\" (such as "
                              "\"Europe/London\")");
    } else if (!(p->timezone = als__arena_strdup(&p->arena, b->timezone))) {
        f->nomem = true;
        return;
    }
    p->sessions =
        als__calloc(b->nsessions ? b->nsessions : 1, sizeof *p->sessions);
    if (!p->sessions) {
        f->nomem = true;
        return;
    }
    char path[ALS_PATH_MAX];
    for (size_t i = 0; i < b->nsessions && !f->nomem; i++) {
        const b_session *q = &b->sessions[i];
        if (q->skip)
            continue;
        als__session *s = &p->sessions[p->nsessions++];
        s->minutes = q->minutes;
        s->start = -1;
        if (!(s->title = als__arena_strdup(&p->arena, q->title))) {
            f->nomem = true;
            break;
        }
        if (q->date) {
            s->kind = ALS__SESSION_DATE;
            als__parse_date(q->date, &s->date);
        } else if (q->week) {
            s->kind = ALS__SESSION_WEEK;
            als__parse_date(q->week, &s->date);
            snprintf(path, sizeof path, "programme.calendar.sessions[%zu].week",
                     i);
            for (size_t d = 0; d < p->days.n; d++)
                if (als__label_weekday(p->days.display[d]) == 0)
                    als__report_error(
                        &f->rep, ALS_ESCHEMA, path,
                        "day '%s' (programme.days[%zu]) names no weekday, "
                        "so a \"week\" session cannot date its sets: give "
                        "\"dates\", a date per day",
                        p->days.display[d], d);
        } else {
            s->kind = ALS__SESSION_DATES;
            void *v = NULL;
            if (!per_day(f, i, "dates", q->date_labels, q->dates, q->ndates,
                         true, &v))
                f->nomem = true;
            s->day_date = v;
        }
        if (q->nstarts) {
            void *v = NULL;
            if (!f->nomem && !per_day(f, i, "start", q->start_labels, q->starts,
                                      q->nstarts, false, &v))
                f->nomem = true;
            s->day_start = v;
        } else {
            als__parse_time(q->start, &s->start);
        }
    }
}

/* facilitators[i]: ids (their own table, apart from the applicants'),
   organisations (the applicants' table, aliases applied), days, max_sets,
   apart (applicant ids); then the facilitators fixed sets name. */
static void finish_facilitators(fin *f, const size_t *map)
{
    const als_builder *b = f->b;
    als_problem *p = f->p;
    char path[ALS_PATH_MAX];
    p->fac_per_set = b->fac_per_set;
    p->fac_rule = b->fac_rule;
    p->nfac = b->nfacs;
    size_t napart = 0;
    for (size_t i = 0; i < b->nfacs; i++)
        napart += b->facs[i].napart;
    if ((b->nfacs && !(p->fac = als__calloc(b->nfacs, sizeof *p->fac))) ||
        (napart && !(p->fac_apart = als__malloc(napart, sizeof(size_t))))) {
        f->nomem = true;
        p->nfac = 0;
        return;
    }
    napart = 0;
    for (size_t i = 0; i < p->nfac && !f->nomem; i++) {
        const b_fac *r = &b->facs[i];
        als__facilitator *fc = &p->fac[i];
        fc->id = "";
        fc->org = -1;
        fc->withdrawn = r->withdrawn;
        fc->max_sets = r->max_sets;
        snprintf(path, sizeof path, "facilitators[%zu].id", i);
        if (r->quiet)
            ; /* reported by the reader */
        else if (!r->id)
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "missing \"id\": every facilitator needs one");
        else if (!r->id[0])
            als__report_error(&f->rep, ALS_ESCHEMA, path, "id is empty");
        else if (strlen(r->id) > ALS_MAX_ID_BYTES)
            als__report_error(&f->rep, ALS_ELIMIT, path,
                              "id longer than %u bytes", ALS_MAX_ID_BYTES);
        else {
            bool added;
            size_t k = als__strtab_intern(&p->fac_ids, r->id, &added);
            if (k == ALS__NOIDX) {
                f->nomem = true;
                break;
            }
            size_t app = lookup(f, map, r->id);
            if (!added)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "duplicate facilitator id '%s'", r->id);
            else if (app != ALS__NOIDX)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "id '%s' is also applicants[%zu]'s: "
                                  "facilitators and applicants share one "
                                  "set of ids",
                                  r->id, app);
            fc->id = p->fac_ids.display[k];
        }
        snprintf(path, sizeof path, "facilitators[%zu].name", i);
        if (r->name && strlen(r->name) > ALS_MAX_LABEL_BYTES)
            als__report_error(&f->rep, ALS_ELIMIT, path,
                              "name longer than %u bytes", ALS_MAX_LABEL_BYTES);
        snprintf(path, sizeof path, "facilitators[%zu].email", i);
        if (r->email && strlen(r->email) > ALS_MAX_LABEL_BYTES)
            als__report_error(&f->rep, ALS_ELIMIT, path,
                              "email longer than %u bytes",
                              ALS_MAX_LABEL_BYTES);
        if ((r->name && !(fc->name = als__arena_strdup(&p->arena, r->name))) ||
            (r->email && !(fc->email = als__arena_strdup(&p->arena, r->email))))
            f->nomem = true;
        fc->org = label_index_at(f, &p->orgs,
                                 alias_of(f, ALS_LABEL_ORGANISATION, r->org),
                                 "facilitators", i, ".organisation");
        fc->avail =
            day_mask(f, r->avail, r->navail, r->has_avail, "facilitators", i);
        if (r->max_sets < 1 || r->max_sets > (int)ALS_MAX_DAYS) {
            snprintf(path, sizeof path, "facilitators[%zu].max_sets", i);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "max_sets must be between 1 and %u, not %d",
                              ALS_MAX_DAYS, r->max_sets);
        }
        fc->apart_first = napart;
        for (size_t k = 0; k < r->napart; k++) {
            if (!r->apart[k])
                continue;
            snprintf(path, sizeof path, "facilitators[%zu].apart[%zu]", i, k);
            size_t a = lookup(f, map, r->apart[k]);
            if (a == ALS__NOIDX)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "'%s' is not an applicant's id", r->apart[k]);
            else
                p->fac_apart[napart++] = a;
        }
        fc->napart = napart - fc->apart_first;
    }
    if (f->nomem)
        return;

    /* the facilitators fixed sets name */
    size_t nnamed = 0;
    for (size_t s = 0; s < b->nsets; s++)
        nnamed += b->sets[s].nfac;
    if (nnamed && !(p->set_fac = als__malloc(nnamed, sizeof(size_t)))) {
        f->nomem = true;
        return;
    }
    nnamed = 0;
    for (size_t s = 0; s < b->nsets && s < p->nsets; s++) {
        const b_set *bs = &b->sets[s];
        als__fixed_set *fs = &p->sets[s];
        fs->fac_first = nnamed;
        if (bs->nfac > (size_t)p->fac_per_set) {
            snprintf(path, sizeof path, "%s.facilitators", bs->path);
            als__report_error(&f->rep, ALS_ESCHEMA, path,
                              "names %zu facilitators; a set has %d "
                              "(programme.facilitators_per_set)",
                              bs->nfac, p->fac_per_set);
        }
        for (size_t k = 0; k < bs->nfac; k++) {
            if (!bs->fac[k])
                continue;
            snprintf(path, sizeof path, "%s.facilitators[%zu]", bs->path, k);
            size_t fi = als__strtab_find(&p->fac_ids, bs->fac[k]);
            if (fi == ALS__NOIDX) {
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "'%s' is not a facilitator's id%s",
                                  bs->fac[k],
                                  p->nfac ? ""
                                          : " (the cohort has no "
                                            "\"facilitators\")");
                continue;
            }
            bool twice = false;
            for (size_t j = fs->fac_first; j < nnamed; j++)
                twice |= p->set_fac[j] == fi;
            const als__facilitator *fc = &p->fac[fi];
            if (twice)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "facilitator '%s' is named twice",
                                  bs->fac[k]);
            else if (fc->withdrawn)
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "facilitator '%s' has withdrawn", bs->fac[k]);
            else if (fs->day >= 0 && !(fc->avail >> fs->day & 1))
                als__report_error(&f->rep, ALS_ESCHEMA, path,
                                  "facilitator '%s' cannot make %s, the "
                                  "set's day",
                                  bs->fac[k], p->days.display[fs->day]);
            else
                p->set_fac[nnamed++] = fi;
        }
        fs->nfac = nnamed - fs->fac_first;
    }
}

bool als__fac_may_lead(const als_problem *p, size_t f, size_t i)
{
    const als__facilitator *fc = &p->fac[f];
    if (p->fac_rule == ALS_FACILITATORS_INDEPENDENT && fc->org >= 0 &&
        p->app[i].org == fc->org)
        return false;
    for (size_t k = 0; k < fc->napart; k++)
        if (p->fac_apart[fc->apart_first + k] == i)
            return false;
    return true;
}

bool als__fac_may_lead_unit(const als_problem *p, size_t f, size_t u)
{
    const als__unit *un = &p->units[u];
    for (size_t k = 0; k < un->size; k++)
        if (!als__fac_may_lead(p, f, p->unit_members[un->first + k]))
            return false;
    return true;
}

als_status als_builder_finish(const als_builder *b, als_problem **out,
                              als_diag *diag, als_error *err)
{
    if (!b || !out) {
        if (out)
            *out = NULL;
        return misuse(err, "builder and out must not be NULL");
    }
    *out = NULL;
    fin f;
    memset(&f, 0, sizeof f);
    f.b = b;
    als__report_init(&f.rep, diag, err);
    als_problem *p = calloc(1, sizeof *p);
    if (!p)
        return nomem(err);
    f.p = p;
    als__strtab_init(&p->days, true);
    als__strtab_init(&p->ids, false);
    als__strtab_init(&p->set_ids, false);
    als__strtab_init(&p->orgs, true);
    als__strtab_init(&p->sectors, true);
    als__strtab_init(&p->councils, true);
    als__strtab_init(&p->fac_ids, false);

    finish_programme(&f);
    finish_aliases(&f);
    if (!f.nomem)
        finish_calendar(&f);
    p->n = b->napps;
    p->app = als__calloc(p->n, sizeof *p->app);
    if (!p->app)
        f.nomem = true;
    size_t *map = NULL;
    if (!f.nomem) {
        finish_ids(&f);
        for (size_t i = 0; i < p->n && !f.nomem; i++) {
            finish_applicant(&f, i);
            if (!p->app[i].withdrawn)
                p->nactive++;
        }
        if (!f.nomem)
            show_alias_targets(p);
        if (!f.nomem)
            map = id_map(&f);
        if (map) {
            finish_apart(&f, map);
            if (!f.nomem)
                finish_pairs(&f, map);
            if (!f.nomem)
                finish_units(&f, map);
            if (!f.nomem)
                finish_facilitators(&f, map);
        }
    }
    p->id_app = map;
    if (f.nomem) {
        als_problem_free(p);
        return nomem(err);
    }
    if (f.rep.errors) {
        als_problem_free(p);
        return f.rep.code;
    }
    *out = p;
    return ALS_OK;
}
