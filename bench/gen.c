/*
 * Cohort generators. Realistic: organisations of skewed sizes, three sectors
 * in unequal shares, five seniority levels, most applicants free on every
 * day, some on one, and a share of council officer/councillor pairs.
 * Planted: sets are built first — members from distinct organisations, one
 * seniority level per set, sectors as even as the set size allows, a day all
 * members can make — and then shuffled, so the optimal penalty is known:
 * every set of size k has at least the sector pairs of an even split, spread
 * 0 is the least possible, and the planted sets reach both.
 */
#include "gen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
    char *d;
    size_t len, cap;
    int bad;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *d = realloc(b->d, cap);
        if (!d) {
            b->bad = 1;
            return;
        }
        b->d = d;
        b->cap = cap;
    }
    memcpy(b->d + b->len, s, n);
    b->len += n;
    b->d[b->len] = '\0';
}

static void putf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void putf(buf *b, const char *fmt, ...)
{
    char t[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t, sizeof t, fmt, ap);
    va_end(ap);
    if (n > 0)
        put(b, t, (size_t)n < sizeof t ? (size_t)n : sizeof t - 1);
}

static uint64_t rnd(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t below(uint64_t *s, size_t n)
{
    return (size_t)(rnd(s) % n);
}

static const char *const day_names[] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};
static const char *const sector_names[] = {"public", "private",   "voluntary",
                                           "health", "education", "housing"};

void gen_defaults(gen_params *g, const char *kind)
{
    memset(g, 0, sizeof *g);
    g->kind = kind;
    g->n = 1000;
    g->set_min = g->set_max = 8;
    g->days = 2;
    g->council = 0.05;
    g->levels = 5;
    g->sectors = 3;
    g->fac_per_set = 1;
    g->seed = 1;
}

static void programme(buf *b, const gen_params *g)
{
    putf(b,
         "{\n\"format\": \"als-cohort/1\",\n\"programme\": {\"name\": "
         "\"%s %zu\", \"days\": [",
         g->kind, g->n);
    for (int d = 0; d < g->days; d++)
        putf(b, "%s\"%s\"", d ? ", " : "", day_names[d]);
    putf(b, "], \"set_size\": {\"min\": %d, \"max\": %d", g->set_min,
         g->set_max);
    if (g->set_target > 0)
        putf(b, ", \"target\": %d", g->set_target);
    putf(b, "}");
    if (g->facilitators && g->fac_per_set > 1)
        putf(b, ", \"facilitators_per_set\": %d", g->fac_per_set);
    putf(b, "},\n\"applicants\": [\n");
}

static char *realistic(const gen_params *g, size_t *len)
{
    buf b = {0};
    uint64_t s = g->seed * 7919 + 17;
    programme(&b, g);
    /* about six per organisation, and never fewer organisations than three
       sets' worth, so that small cohorts can meet "distinct" */
    size_t norgs = g->n / 6 + 1;
    if (norgs < 3 * (size_t)g->set_max)
        norgs = 3 * (size_t)g->set_max;
    size_t i = 0, council_no = 0;
    while (i < g->n) {
        int pair =
            i + 1 < g->n && (double)(rnd(&s) % 1000000) / 1e6 < g->council / 2;
        int members = pair ? 2 : 1;
        size_t council = council_no++;
        for (int m = 0; m < members; m++, i++) {
            /* skewed organisation sizes: square of a uniform */
            double r = (double)(rnd(&s) % 1000000) / 1e6;
            size_t org = (size_t)(r * r * (double)norgs);
            unsigned sector_draw = (unsigned)(rnd(&s) % 100);
            int sector = sector_draw < 50 ? 0 : sector_draw < 75 ? 1 : 2;
            if (g->sectors < 3)
                sector %= g->sectors;
            int level = (int)below(&s, (size_t)g->levels);
            putf(&b, "%s{\"id\": \"a%zu\", ", i ? ",\n" : "", i);
            if (pair)
                putf(&b, "\"council\": \"Council %zu\", \"role\": \"%s\", ",
                     council, m == 0 ? "officer" : "councillor");
            else
                putf(&b, "\"organisation\": \"Org %zu\", ", org);
            putf(&b, "\"sector\": \"%s\", \"seniority\": %d",
                 pair ? "public" : sector_names[sector], level);
            unsigned avail = (unsigned)(rnd(&s) % 100);
            if (g->days > 1 && avail >= 60 && !pair) {
                int d = (int)below(&s, (size_t)g->days);
                putf(&b, ", \"availability\": [\"%s\"]", day_names[d]);
            }
            put(&b, "}", 1);
        }
    }
    put(&b, "\n]", 2);
    /* facilitators: one in five from an applicants' organisation (so that
       independence matters), most free every day, some on one day only,
       and a few who lead up to three sets */
    if (g->facilitators)
        put(&b, ",\n\"facilitators\": [\n", 20);
    for (size_t f = 0; f < g->facilitators; f++) {
        putf(&b, "%s{\"id\": \"f%zu\", \"name\": \"Facilitator %zu\"",
             f ? ",\n" : "", f, f);
        if (rnd(&s) % 5 == 0)
            putf(&b, ", \"organisation\": \"Org %zu\"", below(&s, norgs));
        if (g->days > 1 && rnd(&s) % 100 < 30)
            putf(&b, ", \"availability\": [\"%s\"]",
                 day_names[below(&s, (size_t)g->days)]);
        unsigned m = (unsigned)(rnd(&s) % 100);
        if (m < 25)
            putf(&b, ", \"max_sets\": %d", m < 5 ? 3 : 2);
        put(&b, "}", 1);
    }
    if (g->facilitators)
        put(&b, "\n]", 2);
    put(&b, "\n}\n", 3);
    if (b.bad) {
        free(b.d);
        return NULL;
    }
    *len = b.len;
    return b.d;
}

static char *planted(const gen_params *g, size_t *len, double *optimum)
{
    buf b = {0};
    uint64_t s = g->seed * 104729 + 3;
    /* sets of the target size, else of the largest (see family()) */
    int k = g->set_target > 0 ? g->set_target : g->set_max;
    size_t nsets = g->n / (size_t)k;
    size_t n = nsets * (size_t)k;
    /* applicant j of set t: build all, then shuffle the order */
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t j = 0; j < n; j++)
        order[j] = j;
    for (size_t j = n; j > 1; j--) {
        size_t r = below(&s, j);
        size_t t = order[j - 1];
        order[j - 1] = order[r];
        order[r] = t;
    }
    /* organisations: a pool of 2k, each set draws k distinct ones */
    size_t norgs = (size_t)k * 2 + nsets / 4;
    programme(&b, g);
    for (size_t q = 0; q < n; q++) {
        size_t j = order[q];
        size_t t = j / (size_t)k, m = j % (size_t)k;
        int level = (int)(t % (size_t)g->levels);
        int sector = (int)((m + t) % (size_t)g->sectors);
        size_t org = (t * 7919 + m) % norgs; /* distinct within a set */
        int day = (int)(t % (size_t)g->days);
        putf(&b,
             "%s{\"id\": \"p%zu\", \"organisation\": \"Org %zu\", "
             "\"sector\": \"%s\", \"seniority\": %d",
             q ? ",\n" : "", j, org, sector_names[sector], level);
        if (g->days > 1) {
            /* the set's day, sometimes another one too */
            int other = (int)below(&s, (size_t)g->days);
            if (other != day && below(&s, 4) == 0)
                putf(&b, ", \"availability\": [\"%s\", \"%s\"]",
                     day_names[day < other ? day : other],
                     day_names[day < other ? other : day]);
            else
                putf(&b, ", \"availability\": [\"%s\"]", day_names[day]);
        }
        put(&b, "}", 1);
    }
    put(&b, "\n]\n}\n", 5);
    free(order);
    /* even split of k over the sectors */
    long long per = 0;
    for (int c = 0; c < g->sectors; c++) {
        long long cnt = k / g->sectors + (c < k % g->sectors ? 1 : 0);
        per += cnt * (cnt - 1) / 2;
    }
    if (optimum)
        *optimum = g->set_min < g->set_max && g->set_target <= 0
                       ? -1
                       : (double)per * (double)nsets;
    if (b.bad) {
        free(b.d);
        return NULL;
    }
    *len = b.len;
    return b.d;
}

/*
 * The planted family with units (kind "family"): sets of k (the exact
 * size, or the target of a range; see below) built
 * with distinct organisations, one seniority level each, sectors as even as
 * k allows and a common day, then shuffled. A quarter of the sets hold a
 * council's officer and councillor (one organisation, one sector, the set's
 * day); with k >= 6, an eighth hold three applicants kept together; half
 * the applicants can make only their set's day (the others any day); one
 * in twenty is kept apart from someone of another set. Organisations come
 * from a pool of about n/3. No set can do better than the even split of
 * sectors with a spread of 0, and every planted set does that: the
 * optimum is the number of sets times the even split's same-sector pairs.
 */
static char *family(const gen_params *g, size_t *len, double *optimum)
{
    buf b = {0};
    uint64_t s = g->seed * 2654435761u + 11;
    /* sets of the target size, else of the largest: with a range and a
       target, a set of another size deviates from it (a tier above the
       penalty), so the planted sets are still optimal; with a range and no
       target, smaller sets could hold fewer same-sector pairs, and the
       optimum is not known */
    int k = g->set_target > 0 ? g->set_target : g->set_max;
    size_t nsets = g->n / (size_t)k;
    size_t n = nsets * (size_t)k;
    size_t norgs = n / 3 > (size_t)k * 2 ? n / 3 : (size_t)k * 2;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    size_t *pos = malloc((n ? n : 1) * sizeof *pos);
    size_t *org = malloc((n ? n : 1) * sizeof *org);
    int *sector = malloc((n ? n : 1) * sizeof *sector);
    if (!order || !pos || !org || !sector) {
        free(order);
        free(pos);
        free(org);
        free(sector);
        return NULL;
    }
    for (size_t j = 0; j < n; j++)
        order[j] = j;
    for (size_t j = n; j > 1; j--) {
        size_t r = below(&s, j);
        size_t t = order[j - 1];
        order[j - 1] = order[r];
        order[r] = t;
    }
    for (size_t q = 0; q < n; q++)
        pos[order[q]] = q;
    /* each set: k distinct organisations (the pair shares one), sectors
       in even-split counts, the pair's two from the largest */
    int cnt[8];
    long long per = 0;
    for (int c = 0; c < g->sectors; c++) {
        cnt[c] = k / g->sectors + (c < k % g->sectors ? 1 : 0);
        per += (long long)cnt[c] * (cnt[c] - 1) / 2;
    }
    for (size_t t = 0; t < nsets; t++) {
        size_t base = t * (size_t)k;
        for (int m = 0; m < k; m++) {
            size_t o;
            bool again;
            do { /* distinct within the set */
                o = below(&s, norgs);
                again = false;
                for (int q = 0; q < m; q++)
                    again |= org[base + (size_t)q] == o;
            } while (again);
            org[base + (size_t)m] = o;
        }
        int m = 0;
        for (int c = 0; c < g->sectors; c++)
            for (int x = 0; x < cnt[c]; x++)
                sector[base + (size_t)m++] =
                    (int)((size_t)(c + (int)t) % (size_t)g->sectors);
        if (t % 4 == 0 && k >= 2)
            org[base + 1] = org[base]; /* the council pair */
    }
    programme(&b, g);
    for (size_t q = 0; q < n; q++) {
        size_t j = order[q];
        size_t t = j / (size_t)k, m = j % (size_t)k;
        int level = (int)(t % (size_t)g->levels);
        int day = (int)(t % (size_t)g->days);
        bool pair = t % 4 == 0 && m < 2 && k >= 2;
        bool trio = !pair && t % 8 == 2 && k >= 6 && m < 3;
        putf(&b,
             "%s{\"id\": \"p%zu\", \"organisation\": \"Org %zu\", "
             "\"sector\": \"%s\", \"seniority\": %d",
             q ? ",\n" : "", j, org[j], sector_names[sector[j]], level);
        if (pair)
            putf(&b, ", \"council\": \"Council %zu\", \"role\": \"%s\"", t,
                 m == 0 ? "officer" : "councillor");
        if (trio)
            putf(&b, ", \"together\": \"T%zu\"", t);
        if (g->days > 1 && (pair || trio || below(&s, 2) == 0))
            putf(&b, ", \"availability\": [\"%s\"]", day_names[day]);
        if (!pair && !trio && nsets > 1 && below(&s, 20) == 0) {
            size_t t2 = (t + 1 + below(&s, nsets - 1)) % nsets;
            size_t other = t2 * (size_t)k + below(&s, (size_t)k);
            putf(&b, ", \"apart\": [\"p%zu\"]", other);
        }
        put(&b, "}", 1);
    }
    put(&b, "\n]\n}\n", 5);
    (void)pos;
    free(order);
    free(pos);
    free(org);
    free(sector);
    if (optimum)
        *optimum = g->set_min < g->set_max && g->set_target <= 0
                       ? -1
                       : (double)per * (double)nsets;
    if (b.bad) {
        free(b.d);
        return NULL;
    }
    *len = b.len;
    return b.d;
}

char *gen_cohort(const gen_params *g, size_t *len, double *optimum)
{
    if (optimum)
        *optimum = -1;
    if (strcmp(g->kind, "planted") == 0)
        return planted(g, len, optimum);
    if (strcmp(g->kind, "family") == 0)
        return family(g, len, optimum);
    return realistic(g, len);
}
