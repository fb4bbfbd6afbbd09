/*
 * Small utilities: checked allocation, a string arena, hashing, label
 * normalisation, intern tables, did-you-mean suggestions and UTF-8.
 */
#include "als_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *als__malloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return malloc((n && size) ? n * size : 1);
}

void *als__calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0)
        return calloc(1, 1);
    return calloc(n, size);
}

void *als__realloc(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return realloc(p, (n && size) ? n * size : 1);
}

char *als__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

bool als__grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return false;
        c *= 2;
    }
    void *q = als__realloc(*p, c, size);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

/* ---- arena --------------------------------------------------------- */

struct als__arena_block {
    als__arena_block *next;
    size_t used, cap;
    char data[];
};

void als__arena_free(als__arena *a)
{
    als__arena_block *b = a->head;
    while (b) {
        als__arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

char *als__arena_strndup(als__arena *a, const char *s, size_t n)
{
    als__arena_block *b = a->head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 65536 - sizeof *b ? n + 1 : 65536 - sizeof *b;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    char *d = b->data + b->used;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    b->used += n + 1;
    return d;
}

char *als__arena_strdup(als__arena *a, const char *s)
{
    return als__arena_strndup(a, s, strlen(s));
}

/* ---- hashing and labels -------------------------------------------- */

uint64_t als__hash(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

size_t als__label_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    bool pending_space = false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (is_space(c)) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space && n + 1 < cap)
            out[n++] = ' ';
        pending_space = false;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (n + 1 < cap)
            out[n++] = (char)c;
    }
    out[n] = '\0';
    return n;
}

/* ---- intern tables ------------------------------------------------- */

void als__strtab_init(als__strtab *t, bool label)
{
    memset(t, 0, sizeof *t);
    t->label = label;
}

void als__strtab_free(als__strtab *t)
{
    free(t->display);
    free(t->key);
    free(t->slots);
    als__arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

/* Key of s for lookup: normalised for label tables. Returns a pointer to s
   or to buf. */
static const char *lookup_key(const als__strtab *t, const char *s, char *buf,
                              size_t cap, size_t *len)
{
    if (!t->label) {
        *len = strlen(s);
        return s;
    }
    *len = als__label_key(s, buf, cap);
    return buf;
}

static size_t probe(const als__strtab *t, const char *key, size_t len)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)als__hash(key, len) & mask;
    for (;;) {
        size_t v = t->slots[i];
        if (v == 0)
            return i;
        if (strcmp(t->key[v - 1], key) == 0)
            return i;
        i = (i + 1) & mask;
    }
}

size_t als__strtab_find(const als__strtab *t, const char *s)
{
    if (t->nslots == 0)
        return ALS__NOIDX;
    char buf[ALS_MAX_LABEL_BYTES + 8];
    size_t len;
    const char *key = lookup_key(t, s, buf, sizeof buf, &len);
    size_t v = t->slots[probe(t, key, len)];
    return v ? v - 1 : ALS__NOIDX;
}

static bool rehash(als__strtab *t, size_t nslots)
{
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    for (size_t k = 0; k < t->n; k++) {
        size_t i = probe(t, t->key[k], strlen(t->key[k]));
        t->slots[i] = k + 1;
    }
    return true;
}

size_t als__strtab_intern(als__strtab *t, const char *s, bool *added)
{
    if (added)
        *added = false;
    if (t->nslots == 0 || (t->n + 1) * 2 > t->nslots) {
        if (!rehash(t, t->nslots ? t->nslots * 2 : 16))
            return ALS__NOIDX;
    }
    char buf[ALS_MAX_LABEL_BYTES + 8];
    size_t len;
    const char *key = lookup_key(t, s, buf, sizeof buf, &len);
    size_t i = probe(t, key, len);
    if (t->slots[i])
        return t->slots[i] - 1;
    if (t->n == t->cap) {
        size_t cap = t->cap;
        if (!als__grow((void **)&t->display, &cap, t->n + 1,
                       sizeof *t->display))
            return ALS__NOIDX;
        cap = t->cap;
        if (!als__grow((void **)&t->key, &cap, t->n + 1, sizeof *t->key))
            return ALS__NOIDX;
        t->cap = cap;
    }
    char *k = als__arena_strndup(&t->arena, key, len);
    char *d = t->label ? als__arena_strdup(&t->arena, s) : k;
    if (!k || !d)
        return ALS__NOIDX;
    t->key[t->n] = k;
    t->display[t->n] = d;
    t->slots[i] = t->n + 1;
    if (added)
        *added = true;
    return t->n++;
}

/* ---- suggestions --------------------------------------------------- */

size_t als__edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
            if (ca >= 'A' && ca <= 'Z')
                ca += 'a' - 'A';
            if (cb >= 'A' && cb <= 'Z')
                cb += 'a' - 'A';
            size_t v = diag + (ca != cb);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb] > cap ? cap + 1 : row[lb];
}

const char *als__suggest(const char *word, const char *const *candidates,
                         size_t n)
{
    size_t len = strlen(word);
    /* a known word with something added or cut ("distinct_ish") */
    for (size_t i = 0; i < n; i++) {
        size_t lc = strlen(candidates[i]);
        size_t shorter = lc < len ? lc : len;
        if (shorter >= 4 && strncmp(word, candidates[i], shorter) == 0)
            return candidates[i];
    }
    size_t cap = len < 4 ? 1 : len < 8 ? 2 : 3;
    const char *best = NULL;
    size_t bestd = cap + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = als__edit_distance(word, candidates[i], cap);
        if (d < bestd) {
            bestd = d;
            best = candidates[i];
        }
    }
    return best;
}

/* ---- UTF-8 --------------------------------------------------------- */

size_t als__utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

size_t als__uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

void als__uf_union(size_t *parent, size_t a, size_t b)
{
    a = als__uf_find(parent, a);
    b = als__uf_find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* ---- the string buffer (als__sbuf) --------------------------------- */

void als__sbuf_put(als__sbuf *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (n > SIZE_MAX - b->len - 1 ||
        !als__grow((void **)&b->data, &b->cap, b->len + n + 1, 1)) {
        b->nomem = true;
        return;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void als__sbuf_puts(als__sbuf *b, const char *s)
{
    als__sbuf_put(b, s, strlen(s));
}

void als__sbuf_vprintf(als__sbuf *b, const char *fmt, va_list ap)
{
    char t[256];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(t, sizeof t, fmt, ap);
    if (n < 0) {
        b->nomem = true;
    } else if ((size_t)n < sizeof t) {
        als__sbuf_put(b, t, (size_t)n);
    } else if (b->nomem || !als__grow((void **)&b->data, &b->cap,
                                      b->len + (size_t)n + 1, 1)) {
        b->nomem = true;
    } else {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void als__sbuf_printf(als__sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    als__sbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

void als__sbuf_reset(als__sbuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

const char *als__sbuf_str(const als__sbuf *b)
{
    return b->data ? b->data : "";
}
