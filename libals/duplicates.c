/*
 * Likely duplicate applications: the same e-mail (case aside); the same
 * name within one organisation; the same surname and organisation with one
 * first name the start of the other ("Gar Rogers", "Gareth Rogers"). Found
 * by sorting keys, so a cohort of a million takes a few sorts, never a
 * comparison of every pair. Shared by the cohort's warnings (problem.c),
 * the importer and the solver (a later application with the same e-mail is
 * not placed).
 */
#include "als_internal.h"

#include <stdlib.h>
#include <string.h>

/* A key and whose it is, for sorting. */
typedef struct dkey {
    const char *key;
    const char *first; /* the prefix rule: first name, or NULL */
    size_t i;
} dkey;

static int cmp_dkey(const void *x, const void *y)
{
    const dkey *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    if (a->first && b->first && (c = strcmp(a->first, b->first)) != 0)
        return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

static int cmp_dup(const void *x, const void *y)
{
    const als__dup *a = x, *b = y;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->kind > b->kind) - (a->kind < b->kind);
}

void als__email_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s && n + 1 < cap; s++)
        out[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
    while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
}

/*
 * The words of a name, lower-cased, apostrophes dropped, anything else
 * between letters and digits a single space: "Mary O'Brien-Smith" ->
 * "mary obrien smith". Returns the length.
 */
static size_t name_words(const char *s, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    bool sep = false;
    for (; *u && n + 2 < cap; u++) {
        unsigned char ch = *u;
        if (ch == '\'' ||
            (ch == 0xE2 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99))) {
            u += ch == '\'' ? 0 : 2;
            continue;
        }
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch >= 0x80)) {
            sep = n > 0;
            continue;
        }
        if (sep)
            out[n++] = ' ';
        sep = false;
        out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    out[n] = '\0';
    return n;
}

/* Pair each later member of a run of equal keys with its first. */
static bool pair_runs(const dkey *k, size_t n, int kind, als__dup **dups,
                      size_t *nd, size_t *cap)
{
    for (size_t s = 0; s < n;) {
        size_t e = s + 1;
        while (e < n && strcmp(k[e].key, k[s].key) == 0)
            e++;
        for (size_t t = s + 1; t < e; t++) {
            if (!als__grow((void **)dups, cap, *nd + 1, sizeof **dups))
                return false;
            (*dups)[(*nd)++] = (als__dup){k[s].i, k[t].i, kind};
        }
        s = e;
    }
    return true;
}

als_status als__find_duplicates(const als__person *v, size_t n, als__dup **out,
                                size_t *nout)
{
    *out = NULL;
    *nout = 0;
    als__arena arena = {0};
    dkey *k = als__malloc(n ? n : 1, sizeof *k);
    als__dup *dups = NULL;
    size_t nd = 0, cap = 0, m;
    char buf[2 * ALS_MAX_LABEL_BYTES + 16], org[ALS_MAX_LABEL_BYTES + 8];
    char words[ALS_MAX_LABEL_BYTES + 8];
    if (!k)
        goto nomem;

    /* the same e-mail */
    m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].email)
            continue;
        als__email_key(v[i].email, buf, sizeof buf);
        if (!*buf)
            continue;
        if (!(k[m].key = als__arena_strdup(&arena, buf)))
            goto nomem;
        k[m].first = NULL;
        k[m++].i = i;
    }
    qsort(k, m, sizeof *k, cmp_dkey);
    if (!pair_runs(k, m, ALS__DUP_EMAIL, &dups, &nd, &cap))
        goto nomem;

    /* the same name in one organisation (or neither giving one); and the
       same surname there, first names kept for the prefix rule */
    dkey *f = als__malloc(n ? n : 1, sizeof *f);
    size_t mf = 0;
    if (!f)
        goto nomem;
    m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].name || !name_words(v[i].name, words, sizeof words))
            continue;
        org[0] = '\0';
        if (v[i].org)
            als__label_key(v[i].org, org, sizeof org);
        size_t ol = strlen(org);
        memcpy(buf, org, ol);
        buf[ol] = '\x1f';
        strcpy(buf + ol + 1, words);
        if (!(k[m].key = als__arena_strdup(&arena, buf))) {
            free(f);
            goto nomem;
        }
        k[m].first = NULL;
        k[m++].i = i;
        /* surname: the last word; first name: the first, when two */
        char *last = strrchr(words, ' ');
        if (!last)
            continue;
        *strchr(words, ' ') = '\0';
        size_t ll = strlen(last + 1);
        memcpy(buf + ol + 1, last + 1, ll + 1);
        if (!(f[mf].key = als__arena_strdup(&arena, buf)) ||
            !(f[mf].first = als__arena_strdup(&arena, words))) {
            free(f);
            goto nomem;
        }
        f[mf++].i = i;
    }
    qsort(k, m, sizeof *k, cmp_dkey);
    if (!pair_runs(k, m, ALS__DUP_NAME, &dups, &nd, &cap)) {
        free(f);
        goto nomem;
    }

    /* a first name that starts another, within one surname and
       organisation: in sorted order, those that start y are a chain
       (kept as a stack) just before it */
    qsort(f, mf, sizeof *f, cmp_dkey);
    size_t *stack = als__malloc(mf ? mf : 1, sizeof *stack), top = 0;
    if (!stack) {
        free(f);
        goto nomem;
    }
    for (size_t t = 0; t < mf; t++) {
        if (t && strcmp(f[t].key, f[t - 1].key) != 0)
            top = 0;
        const char *y = f[t].first;
        while (top) {
            const char *x = f[stack[top - 1]].first;
            if (strncmp(x, y, strlen(x)) == 0)
                break;
            top--;
        }
        if (top && strcmp(f[stack[top - 1]].first, y) == 0)
            continue; /* the same first name: the name rule's, if any */
        if (top) {
            size_t a = f[stack[top - 1]].i, b = f[t].i;
            if (!als__grow((void **)&dups, &cap, nd + 1, sizeof *dups)) {
                free(stack);
                free(f);
                goto nomem;
            }
            dups[nd++] =
                (als__dup){a < b ? a : b, a < b ? b : a, ALS__DUP_PREFIX};
        }
        stack[top++] = t;
    }
    free(stack);
    free(f);

    /* in order of the later one; one finding per pair */
    if (nd)
        qsort(dups, nd, sizeof *dups, cmp_dup);
    m = 0;
    for (size_t t = 0; t < nd; t++)
        if (!m || dups[m - 1].a != dups[t].a || dups[m - 1].b != dups[t].b)
            dups[m++] = dups[t];
    free(k);
    als__arena_free(&arena);
    *out = dups;
    *nout = m;
    return ALS_OK;
nomem:
    free(k);
    free(dups);
    als__arena_free(&arena);
    return ALS_ENOMEM;
}
