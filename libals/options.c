/*
 * The solver's option table: each option's name, default, bounds and help,
 * written once. The cohort reader, als_solve_options_init(), als_solve()'s
 * check, als_solve_options_set() and the `als` command all read them from
 * here (the model is Kissat's options.h).
 */
#include "als_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const method_names[] = {"auto", "exact", "heuristic", NULL};

/* 2^53: the largest whole number a JSON reader keeps exactly. */
#define WHOLE_MAX 9007199254740992.0

const als_solve_option_info als__options[ALS__NOPT] = {
    [ALS__OPT_METHOD] = {"method", "--method", "METHOD", method_names,
                         ALS_METHOD_AUTO, ALS_METHOD_AUTO, ALS_METHOD_HEURISTIC,
                         0, 1, 1,
                         "how to solve: auto runs the exact solver on small "
                         "cohorts and the heuristic otherwise"},
    [ALS__OPT_TIME_LIMIT] = {"time_limit_s", "--time-limit", "SECONDS", NULL,
                             10, 0, 1e7, 1, 0, 1,
                             "stop searching after SECONDS"},
    [ALS__OPT_SEED] = {"seed", "--seed", "N", NULL, 1, 0, WHOLE_MAX, 0, 1, 1,
                       "seed of the solver's random choices"},
    [ALS__OPT_EFFORT] = {"effort", "--effort", "E", NULL, 1, 0, 1e6, 1, 0, 0,
                         "multiply the heuristic's work (the steps its time "
                         "limit buys) by E"},
    [ALS__OPT_PROGRESS_INTERVAL] = {"progress_interval_s", NULL, NULL, NULL, 1,
                                    0, INFINITY, 0, 0, 0,
                                    "seconds between two calls of the "
                                    "progress callback"},
};

const als_solve_option_info *als_solve_option(size_t i)
{
    return i < ALS__NOPT ? &als__options[i] : NULL;
}

size_t als__option_find(const char *name)
{
    for (size_t i = 0; name && i < ALS__NOPT; i++)
        if (strcmp(als__options[i].name, name) == 0)
            return i;
    return ALS__NOIDX;
}

bool als__option_ok(size_t i, double v)
{
    const als_solve_option_info *o = &als__options[i];
    if (!isfinite(v) || v > o->max || v < o->min ||
        (o->min_excluded && v == o->min))
        return false;
    return !o->whole || v == floor(v);
}

/* A bound as people write it: 1e7 rather than 10000000 or 1e+07. */
static void bound_text(double v, char *buf, size_t cap)
{
    int e = v >= 1e6 ? (int)lround(log10(v)) : 0;
    if (e > 0 && v == pow(10, e))
        snprintf(buf, cap, "1e%d", e);
    else if (v == floor(v) && fabs(v) < 1e16)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%g", v);
}

void als_solve_option_range(size_t i, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return;
    buf[0] = '\0';
    if (i >= ALS__NOPT)
        return;
    const als_solve_option_info *o = &als__options[i];
    if (o->choices) {
        size_t n = 0;
        while (o->choices[n])
            n++;
        buf[0] = '\0';
        for (size_t k = 0; k < n; k++) {
            size_t len = strlen(buf);
            snprintf(buf + len, cap - len, "%s%s",
                     k == 0       ? ""
                     : k + 1 == n ? " or "
                                  : ", ",
                     o->choices[k]);
        }
        return;
    }
    char lo[32], hi[32];
    bound_text(o->min, lo, sizeof lo);
    bound_text(o->max, hi, sizeof hi);
    if (o->whole)
        snprintf(buf, cap, "a whole number from %s to %s", lo, hi);
    else if (isinf(o->max))
        snprintf(buf, cap, "a number %s %s", o->min_excluded ? ">" : ">=", lo);
    else
        snprintf(buf, cap, "a number %s %s and at most %s",
                 o->min_excluded ? ">" : ">=", lo, hi);
}

double als__option_get(const als_solve_options *o, size_t i)
{
    switch ((enum als__option)i) {
    case ALS__OPT_METHOD:
        return (double)o->method;
    case ALS__OPT_TIME_LIMIT:
        return o->time_limit_s;
    case ALS__OPT_SEED:
        return (double)o->seed;
    case ALS__OPT_EFFORT:
        return o->effort;
    case ALS__OPT_PROGRESS_INTERVAL:
    case ALS__NOPT:
        break;
    }
    return o->progress_interval_s;
}

void als__option_put(als_solve_options *o, size_t i, double v)
{
    switch ((enum als__option)i) {
    case ALS__OPT_METHOD:
        o->method = (als_method)(int)v;
        return;
    case ALS__OPT_TIME_LIMIT:
        o->time_limit_s = v;
        return;
    case ALS__OPT_SEED:
        o->seed = (unsigned long long)v;
        return;
    case ALS__OPT_EFFORT:
        o->effort = v;
        return;
    case ALS__OPT_PROGRESS_INTERVAL:
    case ALS__NOPT:
        break;
    }
    o->progress_interval_s = v;
}

als_status als_solve_options_set(als_solve_options *o, const char *name,
                                 const char *value, als_error *err)
{
    size_t i = als__option_find(name);
    if (!o || !value || i == ALS__NOIDX) {
        als__error_set(err, ALS_EINVAL, "", "als_solve_options_set: %s",
                       !o || !value ? "the options and the value must not be "
                                      "NULL"
                                    : "no option of that name");
        return ALS_EINVAL;
    }
    const als_solve_option_info *info = &als__options[i];
    char range[128];
    als_solve_option_range(i, range, sizeof range);
    double v = -1;
    if (info->choices) {
        for (size_t k = 0; info->choices[k]; k++)
            if (strcmp(info->choices[k], value) == 0)
                v = (double)k;
    } else {
        char *end;
        errno = 0;
        v = strtod(value, &end);
        if (end == value || *end != '\0' || errno != 0) {
            als__error_set(err, ALS_EINVAL, info->name, "must be %s, not '%s'",
                           range, value);
            return ALS_EINVAL;
        }
    }
    if (!als__option_ok(i, v)) {
        als__error_set(err, ALS_EINVAL, info->name, "must be %s, not '%s'",
                       range, value);
        return ALS_EINVAL;
    }
    als__option_put(o, i, v);
    return ALS_OK;
}
