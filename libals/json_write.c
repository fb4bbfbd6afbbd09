/*
 * Writing allocation documents. The text is produced directly, in a fixed
 * layout (one set per line), so that output is deterministic, cheap for a
 * million applicants, and independent of the host's locale.
 */
#include "als_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef als__sbuf sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    als__sbuf_put(b, s, n);
}
static void puts_(sbuf *b, const char *s)
{
    als__sbuf_puts(b, s);
}

static void put_string(sbuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    put(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(b, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '"':
            puts_(b, "\\\"");
            break;
        case '\\':
            puts_(b, "\\\\");
            break;
        case '\n':
            puts_(b, "\\n");
            break;
        case '\t':
            puts_(b, "\\t");
            break;
        case '\r':
            puts_(b, "\\r");
            break;
        default: {
            char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            puts_(b, e);
        }
        }
    }
    put(b, run, (size_t)(s - run));
    put(b, "\"", 1);
}

static void put_opt_string(sbuf *b, const char *s)
{
    if (s)
        put_string(b, s);
    else
        puts_(b, "null");
}

static void put_int(sbuf *b, long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    puts_(b, t);
}

/* Shortest decimal text that reads back as the same double, with '.' as the
   decimal point whatever the locale. */
static void put_number(sbuf *b, double v)
{
    char t[40];
    if (!isfinite(v)) {
        puts_(b, "null");
        return;
    }
    if (v == 0) {
        puts_(b, "0");
        return;
    }
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        put_int(b, (long long)v);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*g", prec, v);
        double back;
        if (sscanf(t, "%lf", &back) == 1 && back == v)
            break;
    }
    for (char *c = t; *c; c++)
        if (*c == ',')
            *c = '.';
    /* 1e-07 -> 1e-7, 1e+20 -> 1e20 */
    char *e = strchr(t, 'e');
    if (e) {
        char *d = e + 1, *src = e + 1;
        if (*src == '+')
            src++;
        else if (*src == '-')
            *d++ = *src++;
        while (*src == '0' && src[1])
            src++;
        memmove(d, src, strlen(src) + 1);
    }
    puts_(b, t);
}

static const char *status_name(als_solve_status s)
{
    switch (s) {
    case ALS_SOLVE_OPTIMAL:
        return "optimal";
    case ALS_SOLVE_INFEASIBLE:
        return "infeasible";
    case ALS_SOLVE_FEASIBLE:
        break;
    }
    return "feasible";
}

static void put_objective(sbuf *b, const als_allocation *a)
{
    const als_objective *o = &a->obj;
    const char *sep = "";
#define FIELD(bit, key, put_fn, val)                                           \
    if (a->present & (bit)) {                                                  \
        puts_(b, sep);                                                         \
        puts_(b, "\"" key "\": ");                                             \
        put_fn(b, val);                                                        \
        sep = ", ";                                                            \
    }
    FIELD(ALS__OBJ_CONTINUING, "continuing", put_int, o->continuing)
    FIELD(ALS__OBJ_MOVES, "moves", put_int, o->moves)
    FIELD(ALS__OBJ_FACCHG, "facilitator_changes", put_int,
          o->facilitator_changes)
    FIELD(ALS__OBJ_PLACED, "placed", put_int, o->placed)
    FIELD(ALS__OBJ_PRIORITY, "priority", put_int, o->priority)
    FIELD(ALS__OBJ_SIZEDEV, "size_deviation", put_int, o->size_deviation)
    FIELD(ALS__OBJ_PENALTY, "penalty", put_number, o->penalty)
    FIELD(ALS__OBJ_SECTOR, "sector_pairs", put_number, o->sector_pairs)
    FIELD(ALS__OBJ_ORG, "organisation_pairs", put_number, o->organisation_pairs)
    if (a->seniority_pairs) {
        FIELD(ALS__OBJ_SENIORITY, "seniority_pairs", put_number, o->seniority)
    } else {
        FIELD(ALS__OBJ_SENIORITY, "seniority_spread", put_number, o->seniority)
    }
    FIELD(ALS__OBJ_PAIRS, "pair_weight", put_number, o->pair_weight)
#undef FIELD
}

als_status als_allocation_to_json(const als_allocation *a, char **json_out,
                                  size_t *len_out, als_error *err)
{
    if (json_out)
        *json_out = NULL;
    if (len_out)
        *len_out = 0;
    if (!a || !json_out) {
        als__error_set(err, ALS_EINVAL, "",
                       "allocation and json_out must not be NULL");
        return ALS_EINVAL;
    }
    sbuf b = {0};
    puts_(&b, "{\n  \"format\": \"als-allocation/1\",\n  \"status\": \"");
    puts_(&b, status_name(a->status));
    puts_(&b, "\",\n  \"solver\": {\"method\": ");
    put_string(&b, a->method ? a->method : "");
    puts_(&b, ", \"time_s\": ");
    put_number(&b, a->time_s);
    puts_(&b, ", \"seed\": ");
    put_int(&b, (long long)a->seed);
    if (a->has_bound) {
        puts_(&b, ", \"bound\": ");
        put_number(&b, a->bound);
        puts_(&b, ", \"gap\": ");
        put_number(&b, a->gap);
    }
    if (a->stop != ALS_STOP_NONE) {
        puts_(&b, ", \"stop\": \"");
        puts_(&b, als_stop_reason_str(a->stop));
        puts_(&b, "\"");
    }
    puts_(&b, "},\n  \"objective\": {");
    put_objective(&b, a);
    puts_(&b, "},\n  \"sets\": [");
    for (size_t s = 0; s < a->nsets; s++) {
        const als__aset *as = &a->sets[s];
        puts_(&b, s ? ",\n    {\"id\": " : "\n    {\"id\": ");
        put_opt_string(&b, as->id);
        puts_(&b, ", \"day\": ");
        put_opt_string(&b, as->day);
        if (as->nfac) {
            puts_(&b, ", \"facilitators\": [");
            for (size_t k = 0; k < as->nfac; k++) {
                if (k)
                    puts_(&b, ", ");
                put_string(&b, as->fac[k]);
            }
            puts_(&b, "]");
        }
        puts_(&b, ", \"members\": [");
        for (size_t k = 0; k < as->n; k++) {
            if (k)
                puts_(&b, ", ");
            put_string(&b, as->members[k]);
        }
        if (as->names) {
            puts_(&b, "], \"names\": [");
            for (size_t k = 0; k < as->n; k++) {
                if (k)
                    puts_(&b, ", ");
                put_opt_string(&b, as->names[k]);
            }
        }
        puts_(&b, "]}");
    }
    puts_(&b,
          a->nsets ? "\n  ],\n  \"unassigned\": [" : "],\n  \"unassigned\": [");
    for (size_t k = 0; k < a->nunassigned; k++) {
        puts_(&b, k ? ",\n    {\"id\": " : "\n    {\"id\": ");
        put_string(&b, a->unassigned[k].id);
        puts_(&b, ", \"reason\": ");
        put_string(&b, a->unassigned[k].reason);
        for (size_t j = 0; j < a->unassigned[k].nstandby; j++) {
            puts_(&b, j ? ", " : ", \"standby\": [");
            put_string(&b, a->unassigned[k].standby[j]);
        }
        puts_(&b, a->unassigned[k].nstandby ? "]}" : "}");
    }
    puts_(&b,
          a->nunassigned ? "\n  ],\n  \"changes\": [" : "],\n  \"changes\": [");
    for (size_t k = 0; k < a->nchanges; k++) {
        puts_(&b, k ? ",\n    {\"id\": " : "\n    {\"id\": ");
        put_string(&b, a->changes[k].id);
        puts_(&b, ", \"from\": ");
        put_opt_string(&b, a->changes[k].from);
        puts_(&b, ", \"to\": ");
        put_opt_string(&b, a->changes[k].to);
        if (a->changes[k].reason) {
            puts_(&b, ", \"reason\": ");
            put_string(&b, a->changes[k].reason);
        }
        puts_(&b, "}");
    }
    puts_(&b, a->nchanges ? "\n  ]\n}\n" : "]\n}\n");
    if (b.nomem) {
        free(b.data);
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    *json_out = b.data;
    if (len_out)
        *len_out = b.len;
    return ALS_OK;
}

/* The writer's text buffer, for the other modules that write JSON. */
void als__sbuf_put_json_string(als__sbuf *b, const char *s)
{
    put_string(b, s);
}
