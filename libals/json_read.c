/*
 * Reading cohort and allocation documents. This file and json_write.c are
 * the only ones that see cJSON. cJSON's sharp edges are fenced off here:
 * the raw text is checked first (size, NUL bytes, UTF-8, `\u0000`, depth),
 * it is parsed by this file's own grammar into a cJSON tree (cJSON_Parse*
 * is never called: see "parsing"), keys are compared case-sensitively and
 * duplicates rejected in every object, and numbers are read from valuedouble
 * with range and integrality checks, never from valueint.
 */
#include "als_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd {
    als__report rep;
    const char *text;
    bool nomem;
    bool comments; /* keys beginning with "//" are comments (cohorts) */
} rd;

/* ---- raw text checks ----------------------------------------------- */

/*
 * Check what cJSON would not: NUL bytes, invalid UTF-8, `\u0000` escapes
 * (cJSON silently truncates the string there) and nesting deeper than
 * ALS_MAX_DEPTH (before cJSON recurses into it). Returns false when the text
 * must not be parsed.
 */
static bool prescan(rd *r, const char *text, size_t len, size_t from)
{
    const unsigned char *s = (const unsigned char *)text;
    bool in_string = false;
    unsigned depth = 0;
    bool ok = true;
    for (size_t i = from; i < len;) {
        unsigned char c = s[i];
        if (c == 0) {
            als__report_at(&r->rep, ALS_EPARSE, text, i,
                           "NUL byte in the input");
            return false;
        }
        if (c >= 0x80) {
            size_t n = als__utf8_len(s + i, len - i);
            if (n == 0) {
                als__report_at(&r->rep, ALS_EPARSE, text, i,
                               "invalid UTF-8 (byte 0x%02X)", c);
                return false;
            }
            i += n;
            continue;
        }
        if (in_string) {
            if (c == '\\' && i + 1 < len) {
                if (s[i + 1] == 'u' && i + 5 < len &&
                    memcmp(s + i + 2, "0000", 4) == 0) {
                    als__report_at(&r->rep, ALS_ESCHEMA, text, i,
                                   "the escape \\u0000 (a NUL character) is "
                                   "not allowed in strings");
                    ok = false;
                }
                i += 2;
                continue;
            }
            if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > ALS_MAX_DEPTH) {
                als__report_at(&r->rep, ALS_ELIMIT, text, i,
                               "nesting deeper than %u levels", ALS_MAX_DEPTH);
                return false;
            }
        } else if (c == '}' || c == ']') {
            if (depth)
                depth--;
        }
        i++;
    }
    return ok;
}

/* ---- parsing ----------------------------------------------------------- */

/*
 * The text is parsed here, by a strict JSON grammar (RFC 8259) that builds
 * the cJSON tree itself with cJSON_Create* and cJSON_AddItemTo*; no
 * cJSON_Parse* function is called, for three reasons:
 *  - cJSON_ParseWithLengthOpts() (cJSON.c of 1.7.15, which every other
 *    cJSON_Parse* calls) writes the file-static `global_error` on every
 *    call: it is reset on entry and set on failure, whether or not
 *    return_parse_end is given. Two threads reading documents at once would
 *    race on it, and libals promises no global mutable state. The functions
 *    used here only read cJSON's allocation hooks, which change only when
 *    cJSON_InitHooks() is called (libals never calls it).
 *  - A cJSON failure could not be told apart: a number literal longer than
 *    63 characters, an unpaired surrogate escape, or out of memory.
 *  - cJSON accepts text that is not JSON (leading zeros, raw control
 *    characters in strings) and says only roughly where it failed.
 * So: every syntax error at its exact offset with what was expected there,
 * out of memory as such, numbers of any length, and duplicate keys found in
 * every object (with its path), known to the schema or not. The depth was
 * bounded by prescan(); NUL bytes, invalid UTF-8 and \u0000 were refused
 * there too.
 */
typedef struct syn {
    rd *r;
    const char *t;
    size_t len, at;
    const char *msg; /* the syntax error at `at`; NULL when none */
    bool nomem;
    char *buf; /* a decoded string or number (NUL-terminated) */
    size_t cap, n;
    char path[ALS_PATH_MAX]; /* of the value being read */
    size_t plen;
} syn;

static void syn_ws(syn *y)
{
    while (y->at < y->len && (y->t[y->at] == ' ' || y->t[y->at] == '\t' ||
                              y->t[y->at] == '\n' || y->t[y->at] == '\r'))
        y->at++;
}

static cJSON *syn_fail(syn *y, const char *msg)
{
    y->msg = y->at >= y->len ? "unexpected end of input" : msg;
    return NULL;
}

static cJSON *syn_nomem(syn *y)
{
    y->nomem = true;
    return NULL;
}

/* Append n bytes to the scratch buffer (kept NUL-terminated). */
static bool syn_put(syn *y, const char *s, size_t n)
{
    if (!als__grow((void **)&y->buf, &y->cap, y->n + n + 1, 1)) {
        y->nomem = true;
        return false;
    }
    memcpy(y->buf + y->n, s, n);
    y->n += n;
    y->buf[y->n] = '\0';
    return true;
}

/* The value of four hex digits at t[at..], or -1. */
static long syn_hex4(const syn *y, size_t at)
{
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        char h = at + k < y->len ? y->t[at + k] : 0;
        int d = h >= '0' && h <= '9'   ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A string at y->at (its opening quote), decoded into y->buf. */
static bool syn_string(syn *y)
{
    y->n = 0;
    if (!syn_put(y, "", 0))
        return false;
    y->at++; /* opening quote */
    while (y->at < y->len) {
        size_t run = y->at;
        while (run < y->len && y->t[run] != '"' && y->t[run] != '\\' &&
               (unsigned char)y->t[run] >= 0x20)
            run++;
        if (run > y->at && !syn_put(y, y->t + y->at, run - y->at))
            return false;
        y->at = run;
        if (y->at >= y->len)
            break;
        unsigned char c = (unsigned char)y->t[y->at];
        if (c == '"') {
            y->at++;
            return true;
        }
        if (c < 0x20)
            return syn_fail(y, "control character in a string (escape it)"),
                   false;
        /* a backslash */
        size_t bs = y->at++;
        if (y->at >= y->len)
            break;
        c = (unsigned char)y->t[y->at];
        char out[4];
        size_t n = 1;
        if (c == 'u') {
            long cp = syn_hex4(y, y->at + 1);
            if (cp < 0) {
                y->at = bs;
                return syn_fail(y, "bad \\u escape in a string "
                                   "(four hex digits expected)"),
                       false;
            }
            y->at += 5;
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                y->at = bs;
                return syn_fail(y, "unpaired surrogate escape in a string "
                                   "(a low surrogate \\uDC00-\\uDFFF with "
                                   "no high one before it)"),
                       false;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                long lo = y->at + 1 < y->len && y->t[y->at] == '\\' &&
                                  y->t[y->at + 1] == 'u'
                              ? syn_hex4(y, y->at + 2)
                              : -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    y->at = bs;
                    return syn_fail(y, "unpaired surrogate escape in a "
                                       "string (a high surrogate "
                                       "\\uD800-\\uDBFF must be followed "
                                       "by a low one, \\uDC00-\\uDFFF)"),
                           false;
                }
                y->at += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp < 0x80) {
                out[0] = (char)cp;
            } else if (cp < 0x800) {
                out[0] = (char)(0xC0 | (cp >> 6));
                out[1] = (char)(0x80 | (cp & 0x3F));
                n = 2;
            } else if (cp < 0x10000) {
                out[0] = (char)(0xE0 | (cp >> 12));
                out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[2] = (char)(0x80 | (cp & 0x3F));
                n = 3;
            } else {
                out[0] = (char)(0xF0 | (cp >> 18));
                out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[3] = (char)(0x80 | (cp & 0x3F));
                n = 4;
            }
        } else {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *e = c ? strchr(from, c) : NULL;
            if (!e) {
                y->at = bs;
                return syn_fail(y, "bad escape in a string"), false;
            }
            out[0] = to[e - from];
            y->at++;
        }
        if (!syn_put(y, out, n))
            return false;
    }
    return syn_fail(y, ""), false;
}

static size_t syn_digits(syn *y)
{
    size_t start = y->at;
    while (y->at < y->len && y->t[y->at] >= '0' && y->t[y->at] <= '9')
        y->at++;
    return y->at - start;
}

/*
 * A number, of any length. Converted by strtod() without its decimal
 * point: "12.5e3" is read as "125e2", the same value, so that the
 * conversion is exact whatever the locale's decimal point is (setlocale()
 * is the host's business).
 */
static cJSON *syn_number(syn *y)
{
    bool neg = y->t[y->at] == '-';
    if (neg)
        y->at++;
    size_t first = y->at, nint = syn_digits(y);
    if (!nint)
        return syn_fail(y, "expected a digit");
    if (y->t[first] == '0' && nint > 1) {
        y->at = first;
        return syn_fail(y, "a number must not start with 0");
    }
    size_t frac = 0, nfrac = 0;
    if (y->at < y->len && y->t[y->at] == '.') {
        size_t dot = y->at++;
        frac = y->at;
        if (!(nfrac = syn_digits(y))) {
            y->at = dot; /* the number is wrong from its '.' */
            return syn_fail(y, "a number needs digits after '.'");
        }
    }
    long long exp = 0;
    if (y->at < y->len && (y->t[y->at] == 'e' || y->t[y->at] == 'E')) {
        size_t e = y->at++;
        bool eneg = false;
        if (y->at < y->len && (y->t[y->at] == '+' || y->t[y->at] == '-'))
            eneg = y->t[y->at++] == '-';
        size_t from = y->at;
        if (!syn_digits(y)) {
            y->at = e;
            return syn_fail(y, "a number needs digits in its exponent");
        }
        for (size_t k = from; k < y->at; k++)
            if (exp < 1000000000) /* beyond it, the value is 0 or inf */
                exp = exp * 10 + (y->t[k] - '0');
        if (eneg)
            exp = -exp;
    }
    exp -= (long long)nfrac;
    char tail[32];
    int tn = snprintf(tail, sizeof tail, "e%lld", exp);
    y->n = 0;
    if (!syn_put(y, neg ? "-" : "", neg) || !syn_put(y, y->t + first, nint) ||
        !syn_put(y, y->t + frac, nfrac) || !syn_put(y, tail, (size_t)tn))
        return NULL;
    cJSON *v = cJSON_CreateNumber(strtod(y->buf, NULL));
    return v ? v : syn_nomem(y);
}

static cJSON *syn_word(syn *y, const char *w)
{
    size_t n = strlen(w), start = y->at;
    for (size_t k = 0; k < n; k++)
        if (start + k >= y->len || y->t[start + k] != w[k])
            return syn_fail(y, "expected a value (a string in double "
                               "quotes, a number, true, false or null)");
    y->at = start + n;
    cJSON *v = w[0] == 't'   ? cJSON_CreateTrue()
               : w[0] == 'f' ? cJSON_CreateFalse()
                             : cJSON_CreateNull();
    return v ? v : syn_nomem(y);
}

/* The path of the value being read, one step deeper (restored by
   syn_pop()). */
static size_t syn_push(syn *y, const char *key, size_t index)
{
    size_t was = y->plen;
    if (was < sizeof y->path) {
        int n =
            key ? snprintf(y->path + was, sizeof y->path - was, "%s%s",
                           was ? "." : "", key)
                : snprintf(y->path + was, sizeof y->path - was, "[%zu]", index);
        y->plen = n < 0 || was + (size_t)n >= sizeof y->path
                      ? sizeof y->path - 1
                      : was + (size_t)n;
    }
    return was;
}

static void syn_pop(syn *y, size_t was)
{
    y->plen = was;
    y->path[was < sizeof y->path ? was : sizeof y->path - 1] = '\0';
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A cohort's comment key ("//..."), which may repeat. */
static bool syn_comment(const syn *y, const cJSON *c)
{
    return y->r->comments && strncmp(c->string, "//", 2) == 0;
}

/* Report each key that the object at y->path has more than once. */
static void syn_duplicates(syn *y, const cJSON *obj, size_t n)
{
    if (n > 1 && n <= 16) { /* pairwise; a key at its second occurrence */
        for (const cJSON *a = obj->child; a; a = a->next) {
            if (syn_comment(y, a))
                continue;
            int before = 0;
            for (const cJSON *b = obj->child; b != a; b = b->next)
                before += strcmp(a->string, b->string) == 0;
            if (before == 1)
                als__report_error(&y->r->rep, ALS_ESCHEMA, y->path,
                                  "duplicate key \"%s\"", a->string);
        }
    } else if (n > 16) { /* sorted */
        const char **keys = als__malloc(n, sizeof *keys);
        if (!keys) {
            y->nomem = true;
            return;
        }
        size_t k = 0;
        for (const cJSON *c = obj->child; c; c = c->next)
            if (!syn_comment(y, c))
                keys[k++] = c->string;
        n = k;
        qsort(keys, n, sizeof *keys, cmp_cstr);
        size_t shown = 0;
        for (k = 1; k < n && shown < 10; k++)
            if (strcmp(keys[k], keys[k - 1]) == 0 &&
                (k < 2 || strcmp(keys[k], keys[k - 2]) != 0)) {
                als__report_error(&y->r->rep, ALS_ESCHEMA, y->path,
                                  "duplicate key \"%s\"", keys[k]);
                shown++;
            }
        free(keys);
    }
}

static cJSON *syn_value(syn *y);

static cJSON *syn_container(syn *y, char close)
{
    bool object = close == '}';
    cJSON *c = object ? cJSON_CreateObject() : cJSON_CreateArray();
    if (!c)
        return syn_nomem(y);
    y->at++;
    syn_ws(y);
    if (y->at < y->len && y->t[y->at] == close) {
        y->at++;
        return c;
    }
    char *key = NULL;
    size_t n = 0;
    for (;; n++) {
        syn_ws(y);
        size_t was;
        if (object) {
            if (y->at >= y->len || y->t[y->at] != '"') {
                syn_fail(y, "expected a key in double quotes");
                goto fail;
            }
            if (!syn_string(y))
                goto fail;
            free(key);
            if (!(key = malloc(y->n + 1))) {
                y->nomem = true;
                goto fail;
            }
            memcpy(key, y->buf, y->n + 1);
            syn_ws(y);
            if (y->at >= y->len || y->t[y->at] != ':') {
                syn_fail(y, "expected ':' after the key");
                goto fail;
            }
            y->at++;
            was = syn_push(y, key, 0);
        } else {
            was = syn_push(y, NULL, n);
        }
        cJSON *v = syn_value(y);
        syn_pop(y, was);
        if (!v)
            goto fail;
        if (object ? !cJSON_AddItemToObject(c, key, v)
                   : !cJSON_AddItemToArray(c, v)) {
            cJSON_Delete(v);
            y->nomem = true;
            goto fail;
        }
        syn_ws(y);
        if (y->at < y->len && y->t[y->at] == ',') {
            y->at++;
            syn_ws(y);
            if (y->at < y->len && y->t[y->at] == close) {
                syn_fail(y, "trailing comma");
                goto fail;
            }
            continue;
        }
        if (y->at < y->len && y->t[y->at] == close) {
            y->at++;
            free(key);
            if (object)
                syn_duplicates(y, c, n + 1);
            if (y->nomem) {
                cJSON_Delete(c);
                return NULL;
            }
            return c;
        }
        syn_fail(y, object ? "expected ',' or '}'" : "expected ',' or ']'");
        goto fail;
    }
fail:
    free(key);
    cJSON_Delete(c);
    return NULL;
}

static cJSON *syn_value(syn *y)
{
    syn_ws(y);
    if (y->at >= y->len)
        return syn_fail(y, "");
    char c = y->t[y->at];
    switch (c) {
    case '{':
        return syn_container(y, '}');
    case '[':
        return syn_container(y, ']');
    case '"': {
        if (!syn_string(y))
            return NULL;
        cJSON *v = cJSON_CreateString(y->buf);
        return v ? v : syn_nomem(y);
    }
    case 't':
        return syn_word(y, "true");
    case 'f':
        return syn_word(y, "false");
    case 'n':
        return syn_word(y, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return syn_number(y);
        return syn_fail(y, "expected a value (an object, array, string, "
                           "number, true, false or null)");
    }
}

/* Parse text into a cJSON tree, reporting syntax errors by line:column. */
static cJSON *parse(rd *r, const char *text, size_t len)
{
    if (len > ALS_MAX_INPUT_BYTES) {
        als__report_error(&r->rep, ALS_ELIMIT, "",
                          "input of %zu bytes is larger than the limit of "
                          "%zu bytes",
                          len, (size_t)ALS_MAX_INPUT_BYTES);
        return NULL;
    }
    /* a UTF-8 byte-order mark, as some Windows editors write one: RFC 8259
       lets a parser ignore it (and columns are counted after it) */
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (!prescan(r, text, len, bom))
        return NULL;
    size_t k = bom;
    while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' ||
                       text[k] == '\r'))
        k++;
    if (k == len) {
        als__report_at(&r->rep, ALS_EPARSE, text, len,
                       "empty input: expected a JSON object");
        return NULL;
    }
    syn y;
    memset(&y, 0, sizeof y);
    y.r = r;
    y.t = text;
    y.len = len;
    y.at = bom;
    cJSON *root = syn_value(&y);
    if (root) {
        syn_ws(&y);
        if (y.at < len) {
            cJSON_Delete(root);
            root = NULL;
            y.msg = "unexpected text after the end of the document";
        }
    }
    free(y.buf);
    if (root)
        return root;
    if (y.nomem) {
        r->nomem = true;
        return NULL;
    }
    size_t off = y.at;
    unsigned char c = off < len ? (unsigned char)text[off] : 0;
    if (off < len && c >= 0x20 && c < 0x7F)
        als__report_at(&r->rep, ALS_EPARSE, text, off, "%s (at '%c')", y.msg,
                       c);
    else
        als__report_at(&r->rep, ALS_EPARSE, text, off, "%s", y.msg);
    return NULL;
}

/* ---- paths and typed getters --------------------------------------- */

/* base[i]field[k], with [i] and [k] left out when NOIDX. */
static void mkpath(char *out, size_t cap, const char *base, size_t i,
                   const char *field, size_t k)
{
    int n = snprintf(out, cap, "%s", base);
    if (i != ALS__NOIDX && n >= 0 && (size_t)n < cap)
        n += snprintf(out + n, cap - (size_t)n, "[%zu]", i);
    if (field && n >= 0 && (size_t)n < cap)
        n += snprintf(out + n, cap - (size_t)n, "%s", field);
    if (k != ALS__NOIDX && n >= 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, "[%zu]", k);
}

typedef struct loc {
    const char *base;
    size_t i;
    const char *field;
    size_t k;
} loc;

#define LOC(b, i, f, k) ((loc){(b), (i), (f), (k)})
#define NO ALS__NOIDX

static void err_at(rd *r, als_status code, loc l, const char *fmt, ...)
    ALS__PRINTF(4, 5);
static void err_at(rd *r, als_status code, loc l, const char *fmt, ...)
{
    char path[ALS_PATH_MAX];
    mkpath(path, sizeof path, l.base, l.i, l.field, l.k);
    als_error e;
    va_list ap;
    va_start(ap, fmt);
    als__error_setv(&e, code, path, fmt, ap);
    va_end(ap);
    als__report_add(&r->rep, &e);
}

static void warn_at(rd *r, loc l, const char *fmt, ...) ALS__PRINTF(3, 4);
static void warn_at(rd *r, loc l, const char *fmt, ...)
{
    char path[ALS_PATH_MAX];
    mkpath(path, sizeof path, l.base, l.i, l.field, l.k);
    als_error e;
    va_list ap;
    va_start(ap, fmt);
    als__error_setv(&e, ALS_OK, path, fmt, ap);
    va_end(ap);
    e.severity = ALS_SEV_WARNING;
    als__report_add(&r->rep, &e);
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an unknown value";
}

static bool want_string(rd *r, const cJSON *v, loc l, const char **out)
{
    if (cJSON_IsString(v) && v->valuestring) {
        *out = v->valuestring;
        return true;
    }
    err_at(r, ALS_ESCHEMA, l, "expected a string, found %s", type_name(v));
    return false;
}

/* A string, or null/absent meaning "absent". */
static bool opt_string(rd *r, const cJSON *v, loc l, const char **out)
{
    *out = NULL;
    if (!v || cJSON_IsNull(v))
        return true;
    return want_string(r, v, l, out);
}

static bool want_number(rd *r, const cJSON *v, loc l, double *out)
{
    if (!cJSON_IsNumber(v)) {
        err_at(r, ALS_ESCHEMA, l, "expected a number, found %s", type_name(v));
        return false;
    }
    if (!isfinite(v->valuedouble)) {
        err_at(r, ALS_ESCHEMA, l, "the number is not finite");
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static bool want_int(rd *r, const cJSON *v, loc l, long long lo, long long hi,
                     long long *out)
{
    double d;
    if (!want_number(r, v, l, &d))
        return false;
    if (d != floor(d)) {
        err_at(r, ALS_ESCHEMA, l, "expected an integer, found %g", d);
        return false;
    }
    if (d < (double)lo || d > (double)hi) {
        err_at(r, ALS_ESCHEMA, l, "%.17g is out of range (%lld..%lld)", d, lo,
               hi);
        return false;
    }
    *out = (long long)d;
    return true;
}

static bool want_bool(rd *r, const cJSON *v, loc l, bool *out)
{
    if (!cJSON_IsBool(v)) {
        err_at(r, ALS_ESCHEMA, l, "expected true or false, found %s",
               type_name(v));
        return false;
    }
    *out = cJSON_IsTrue(v);
    return true;
}

static bool want_object(rd *r, const cJSON *v, loc l)
{
    if (cJSON_IsObject(v))
        return true;
    err_at(r, ALS_ESCHEMA, l, "expected an object, found %s", type_name(v));
    return false;
}

static bool want_array(rd *r, const cJSON *v, loc l)
{
    if (cJSON_IsArray(v))
        return true;
    err_at(r, ALS_ESCHEMA, l, "expected an array, found %s", type_name(v));
    return false;
}

/* A comment: a key beginning with "//" in a cohort document (its value,
   whatever it is, is ignored). */
static bool is_comment(const rd *r, const cJSON *c)
{
    return r->comments && c->string && strncmp(c->string, "//", 2) == 0;
}

/*
 * Walk an object's keys once: report keys not in
 * `known` (an error when `strict`, otherwise a warning when the key looks
 * like a misspelt known key). `obj_loc` is the object's own path.
 */
static void check_keys(rd *r, const cJSON *obj, loc obj_loc,
                       const char *const *known, size_t nknown, bool strict)
{
    char base[ALS_PATH_MAX];
    mkpath(base, sizeof base, obj_loc.base, obj_loc.i, obj_loc.field,
           obj_loc.k);
    for (const cJSON *c = obj->child; c; c = c->next) {
        bool found = is_comment(r, c);
        for (size_t k = 0; k < nknown && !found; k++)
            found = strcmp(c->string, known[k]) == 0;
        if (found)
            continue;
        const char *s = als__suggest(c->string, known, nknown);
        char path[2 * ALS_PATH_MAX]; /* truncated to ALS_PATH_MAX later */
        snprintf(path, sizeof path, "%s%s%s", base, *base ? "." : "",
                 c->string);
        if (strict)
            err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO),
                   "unknown key \"%s\"%s%s%s", c->string,
                   s ? " (did you mean \"" : "", s ? s : "", s ? "\"?)" : "");
        else if (s)
            warn_at(r, LOC(path, NO, NULL, NO),
                    "unknown key \"%s\" is ignored (did you mean \"%s\"?)",
                    c->string, s);
    }
}

/* Case-sensitive lookup (first occurrence; duplicates are reported). */
static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Report a builder error into the list. */
static void pass_error(rd *r, als_status rc, const als_error *e)
{
    if (rc == ALS_ENOMEM)
        r->nomem = true;
    else if (rc != ALS_OK)
        als__report_add(&r->rep, e);
}

/* ==================================================================== */
/* cohort                                                                */
/* ==================================================================== */

/* Read an array of strings into a vector with NULL holes for bad items. */
static const char **string_array(rd *r, const cJSON *v, loc l, size_t *n)
{
    *n = 0;
    if (!want_array(r, v, l))
        return NULL;
    size_t cnt = (size_t)cJSON_GetArraySize(v);
    const char **out = als__calloc(cnt ? cnt : 1, sizeof *out);
    if (!out) {
        r->nomem = true;
        return NULL;
    }
    size_t k = 0;
    for (const cJSON *c = v->child; c; c = c->next, k++) {
        const char *s;
        if (want_string(r, c, LOC(l.base, l.i, l.field, k), &s))
            out[k] = s;
    }
    *n = cnt;
    return out;
}

static bool all_present(const char *const *v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!v[k])
            return false;
    return true;
}

/* set_size: {"min": a, "max": b} or a single integer; `floor` (NULL for
   a fixed set's set_size, which has none) is set to the optional "floor"
   or ALS_NONE. */
static bool read_size(rd *r, const cJSON *v, const char *path, int *min,
                      int *max, int *floor, int *target)
{
    if (floor)
        *floor = ALS_NONE;
    if (target)
        *target = ALS_NONE;
    long long a, b;
    if (cJSON_IsNumber(v)) {
        if (!want_int(r, v, LOC(path, NO, NULL, NO), 1, ALS_MAX_SET_SIZE, &a))
            return false;
        *min = *max = (int)a;
        return true;
    }
    if (!want_object(r, v, LOC(path, NO, NULL, NO)))
        return false;
    static const char *const keys[] = {"min", "max", "floor", "target"};
    check_keys(r, v, LOC(path, NO, NULL, NO), keys, floor ? 4 : 2, true);
    const cJSON *vmin = get(v, "min"), *vmax = get(v, "max");
    bool ok = true;
    if (!vmin) {
        err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO), "missing \"min\"");
        ok = false;
    } else if (!want_int(r, vmin, LOC(path, NO, ".min", NO), 1,
                         ALS_MAX_SET_SIZE, &a)) {
        ok = false;
    }
    if (!vmax) {
        err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO), "missing \"max\"");
        ok = false;
    } else if (!want_int(r, vmax, LOC(path, NO, ".max", NO), 1,
                         ALS_MAX_SET_SIZE, &b)) {
        ok = false;
    }
    const cJSON *vfloor = floor ? get(v, "floor") : NULL;
    long long f = ALS_NONE;
    if (vfloor && !cJSON_IsNull(vfloor) &&
        !want_int(r, vfloor, LOC(path, NO, ".floor", NO), 1, ALS_MAX_SET_SIZE,
                  &f))
        ok = false;
    const cJSON *vtarget = target ? get(v, "target") : NULL;
    long long t = ALS_NONE;
    if (vtarget && !cJSON_IsNull(vtarget) &&
        !want_int(r, vtarget, LOC(path, NO, ".target", NO), 1, ALS_MAX_SET_SIZE,
                  &t))
        ok = false;
    if (!ok)
        return false;
    *min = (int)a;
    *max = (int)b;
    if (floor)
        *floor = (int)f;
    if (target)
        *target = (int)t;
    return true;
}

/* Parse a mode name against a list; reports with did-you-mean. */
static int read_mode(rd *r, const cJSON *v, loc l, const char *const *modes,
                     size_t n)
{
    const char *s;
    if (!want_string(r, v, l, &s))
        return -1;
    for (size_t k = 0; k < n; k++)
        if (strcmp(s, modes[k]) == 0)
            return (int)k;
    const char *g = als__suggest(s, modes, n);
    char list[128] = "";
    for (size_t k = 0; k < n; k++) {
        strncat(list, modes[k], sizeof list - strlen(list) - 1);
        if (k + 1 < n)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
    }
    err_at(r, ALS_ESCHEMA, l, "unknown mode \"%s\" (one of: %s)%s%s%s", s, list,
           g ? "; did you mean \"" : "", g ? g : "", g ? "\"?" : "");
    return -1;
}

/*
 * A rule: "mode" or {"mode": ..., "weight": ..., extra}. Returns false on
 * error; mode/weight/max_spread left at their defaults when absent.
 */
static bool read_rule(rd *r, const cJSON *v, const char *path,
                      const char *const *modes, size_t nmodes, int *mode,
                      double *weight, int *max_spread)
{
    if (cJSON_IsString(v)) {
        int m = read_mode(r, v, LOC(path, NO, NULL, NO), modes, nmodes);
        if (m < 0)
            return false;
        *mode = m;
        return true;
    }
    if (!cJSON_IsObject(v)) {
        err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO),
               "expected a mode name or an object, found %s", type_name(v));
        return false;
    }
    static const char *const keys[] = {"mode", "weight", "max_spread"};
    check_keys(r, v, LOC(path, NO, NULL, NO), keys, max_spread ? 3 : 2, true);
    bool ok = true;
    const cJSON *c;
    if ((c = get(v, "mode"))) {
        int m = read_mode(r, c, LOC(path, NO, ".mode", NO), modes, nmodes);
        if (m < 0)
            ok = false;
        else
            *mode = m;
    }
    if ((c = get(v, "weight"))) {
        double w;
        if (!want_number(r, c, LOC(path, NO, ".weight", NO), &w))
            ok = false;
        else if (w < 0 || w > 1e9) {
            err_at(r, ALS_ESCHEMA, LOC(path, NO, ".weight", NO),
                   "weight must be from 0 to 1e9, not %g", w);
            ok = false;
        } else
            *weight = w;
    }
    if (max_spread && (c = get(v, "max_spread"))) {
        long long s;
        if (cJSON_IsNull(c))
            *max_spread = ALS_NONE;
        else if (!want_int(r, c, LOC(path, NO, ".max_spread", NO), 0, 1000, &s))
            ok = false;
        else
            *max_spread = (int)s;
    }
    return ok;
}

static void read_rules(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "programme.rules";
    if (!want_object(r, v, LOC(P, NO, NULL, NO)))
        return;
    static const char *const keys[] = {"organisation", "sector", "seniority",
                                       "council_pairs", "facilitators"};
    check_keys(r, v, LOC(P, NO, NULL, NO), keys, 5, true);
    als_error e;
    const cJSON *c;
    if ((c = get(v, "organisation"))) {
        static const char *const m[] = {"distinct", "prefer_distinct",
                                        "ignore"};
        int mode = ALS_ORG_DISTINCT;
        double w = 1;
        if (read_rule(r, c, "programme.rules.organisation", m, 3, &mode, &w,
                      NULL))
            pass_error(
                r, als_builder_rule_organisation(b, (als_org_mode)mode, w, &e),
                &e);
    }
    if ((c = get(v, "sector"))) {
        static const char *const m[] = {"balance", "ignore"};
        int mode = ALS_SECTOR_BALANCE;
        double w = 1;
        if (read_rule(r, c, "programme.rules.sector", m, 2, &mode, &w, NULL))
            pass_error(r,
                       als_builder_rule_sector(b, (als_sector_mode)mode, w, &e),
                       &e);
    }
    if ((c = get(v, "seniority"))) {
        static const char *const m[] = {"similar", "mixed", "ignore"};
        int mode = ALS_SENIORITY_SIMILAR, spread = ALS_NONE;
        double w = 1;
        if (read_rule(r, c, "programme.rules.seniority", m, 3, &mode, &w,
                      &spread))
            pass_error(r,
                       als_builder_rule_seniority(b, (als_seniority_mode)mode,
                                                  w, spread, &e),
                       &e);
    }
    if ((c = get(v, "council_pairs"))) {
        bool on;
        if (want_bool(r, c, LOC(P, NO, ".council_pairs", NO), &on))
            pass_error(r, als_builder_rule_council_pairs(b, on, &e), &e);
    }
    if ((c = get(v, "facilitators")) && !cJSON_IsNull(c)) {
        static const char *const m[] = {"independent", "ignore"};
        int mode = read_mode(r, c, LOC(P, NO, ".facilitators", NO), m, 2);
        if (mode >= 0)
            pass_error(r,
                       als_builder_rule_facilitators(
                           b, (als_facilitator_rule)mode, &e),
                       &e);
    }
}

/* programme.solver: the option table's rows marked in_cohort, each checked
   against the table's bounds. */
static void read_solver(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "programme.solver";
    if (!want_object(r, v, LOC(P, NO, NULL, NO)))
        return;
    const char *keys[ALS__NOPT];
    size_t nkeys = 0;
    for (size_t i = 0; i < ALS__NOPT; i++)
        if (als__options[i].in_cohort)
            keys[nkeys++] = als__options[i].name;
    check_keys(r, v, LOC(P, NO, NULL, NO), keys, nkeys, true);
    als_solve_options o;
    als_solve_options_init(&o, NULL);
    bool ok = true;
    for (size_t i = 0; i < ALS__NOPT; i++) {
        const als_solve_option_info *info = &als__options[i];
        const cJSON *c = info->in_cohort ? get(v, info->name) : NULL;
        if (!c)
            continue;
        char field[64];
        snprintf(field, sizeof field, ".%s", info->name);
        loc l = LOC(P, NO, field, NO);
        double d = 0;
        if (info->choices) {
            size_t n = 0;
            while (info->choices[n])
                n++;
            int k = read_mode(r, c, l, info->choices, n);
            if (k < 0) {
                ok = false;
                continue;
            }
            d = k;
        } else if (info->whole) {
            long long w;
            if (!want_int(r, c, l, (long long)info->min, (long long)info->max,
                          &w)) {
                ok = false;
                continue;
            }
            d = (double)w;
        } else if (!want_number(r, c, l, &d)) {
            ok = false;
            continue;
        }
        if (!als__option_ok(i, d)) {
            char range[128];
            als_solve_option_range(i, range, sizeof range);
            err_at(r, ALS_ESCHEMA, l, "%s must be %s, not %.17g", info->name,
                   range, d);
            ok = false;
            continue;
        }
        als__option_put(&o, i, d);
    }
    if (ok) {
        als_error e;
        pass_error(
            r, als_builder_set_solver(b, o.method, o.time_limit_s, o.seed, &e),
            &e);
    }
}

/* Returns false when some set could not be read (already reported). */
static bool read_sets(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "programme.sets";
    als_error e;
    if (cJSON_IsNumber(v)) {
        long long cap;
        if (want_int(r, v, LOC(P, NO, NULL, NO), 1, ALS_MAX_APPLICANTS, &cap))
            pass_error(r, als_builder_set_max_sets(b, cap, &e), &e);
        return true;
    }
    if (!cJSON_IsArray(v)) {
        err_at(r, ALS_ESCHEMA, LOC(P, NO, NULL, NO),
               "expected an array of sets or an integer cap, found %s",
               type_name(v));
        return false;
    }
    bool all = true;
    size_t k = 0;
    for (const cJSON *s = v->child; s; s = s->next, k++) {
        char path[64];
        mkpath(path, sizeof path, P, k, NULL, NO);
        if (!want_object(r, s, LOC(path, NO, NULL, NO))) {
            all = false;
            continue;
        }
        static const char *const keys[] = {"id", "day", "set_size", "required",
                                           "facilitators"};
        check_keys(r, s, LOC(path, NO, NULL, NO), keys, 5, true);
        const char *id = NULL, *day = NULL;
        int min = ALS_NONE, max = ALS_NONE;
        bool ok = true, required = false;
        const cJSON *rq = get(s, "required");
        if (rq && !cJSON_IsNull(rq) &&
            !want_bool(r, rq, LOC(path, NO, ".required", NO), &required))
            ok = false;
        const cJSON *c = get(s, "id");
        if (!c) {
            err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO),
                   "missing \"id\": every fixed set needs one");
            ok = false;
        } else if (!want_string(r, c, LOC(path, NO, ".id", NO), &id)) {
            ok = false;
        }
        if (!opt_string(r, get(s, "day"), LOC(path, NO, ".day", NO), &day))
            ok = false;
        if ((c = get(s, "set_size"))) {
            char sp[96];
            snprintf(sp, sizeof sp, "%s.set_size", path);
            if (!read_size(r, c, sp, &min, &max, NULL, NULL))
                ok = false;
        }
        als_status rc = ALS_ESCHEMA;
        if (ok) {
            rc = als__builder_add_set_at(b, id, day, min, max, path, &e);
            pass_error(r, rc, &e);
            if (rc == ALS_OK && required)
                als_builder_set_required(b, id, 1, NULL);
            const cJSON *fc = get(s, "facilitators");
            if (rc == ALS_OK && fc && !cJSON_IsNull(fc)) {
                size_t n;
                const char **ids =
                    string_array(r, fc, LOC(path, NO, ".facilitators", NO), &n);
                if (ids && als_builder_set_facilitators(b, id, ids, n, NULL) ==
                               ALS_ENOMEM)
                    r->nomem = true;
                free(ids);
            }
        }
        all &= rc == ALS_OK;
    }
    return all;
}

static void read_aliases(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "programme.aliases";
    static const char *const kinds[] = {"organisation", "sector", "council"};
    if (!want_object(r, v, LOC(P, NO, NULL, NO)))
        return;
    check_keys(r, v, LOC(P, NO, NULL, NO), kinds, 3, true);
    char path[2 * ALS_PATH_MAX];
    for (int k = 0; k < 3; k++) {
        const cJSON *o = get(v, kinds[k]);
        snprintf(path, sizeof path, "%s.%s", P, kinds[k]);
        if (!o || cJSON_IsNull(o) ||
            !want_object(r, o, LOC(path, NO, NULL, NO)))
            continue;
        for (const cJSON *e = o->child; e && !r->nomem; e = e->next) {
            if (is_comment(r, e))
                continue;
            snprintf(path, sizeof path, "%s.%s.%s", P, kinds[k], e->string);
            if (!cJSON_IsString(e) || !e->valuestring) {
                err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO),
                       "expected a string (the name '%s' is mapped to), "
                       "found %s",
                       e->string, type_name(e));
                continue;
            }
            als_error err;
            pass_error(r,
                       als_builder_add_alias(b, (als_label_kind)k, e->string,
                                             e->valuestring, &err),
                       &err);
        }
    }
}

/* An object of strings per day label (a session's "dates", or its
   "start" given per day): labels and values, NULL on an error (reported). */
static bool label_map(rd *r, const cJSON *v, const char *path,
                      const char ***labels, const char ***values, size_t *n)
{
    *labels = *values = NULL;
    *n = 0;
    if (!want_object(r, v, LOC(path, NO, NULL, NO)))
        return false;
    size_t cnt = 0;
    for (const cJSON *e = v->child; e; e = e->next)
        cnt += !is_comment(r, e);
    if (cnt == 0) {
        err_at(r, ALS_ESCHEMA, LOC(path, NO, NULL, NO),
               "expected a value per day label, found an empty object");
        return false;
    }
    const char **l = als__calloc(cnt, sizeof *l);
    const char **x = als__calloc(cnt, sizeof *x);
    if (!l || !x) {
        free(l);
        free(x);
        r->nomem = true;
        return false;
    }
    bool ok = true;
    size_t k = 0;
    char p2[2 * ALS_PATH_MAX];
    for (const cJSON *e = v->child; e; e = e->next) {
        if (is_comment(r, e))
            continue;
        snprintf(p2, sizeof p2, "%s.%s", path, e->string);
        if (!want_string(r, e, LOC(p2, NO, NULL, NO), &x[k]))
            ok = false;
        l[k++] = e->string;
    }
    if (!ok) {
        free(l);
        free(x);
        return false;
    }
    *labels = l;
    *values = x;
    *n = cnt;
    return true;
}

static void read_session(rd *r, const cJSON *v, size_t i, als_builder *b)
{
    static const char *const P = "programme.calendar.sessions";
    static const char *const keys[] = {"title", "date",  "week",
                                       "dates", "start", "minutes"};
    als_session s = ALS_SESSION_INIT;
    const char **dl = NULL, **dv = NULL, **sl = NULL, **sv = NULL;
    bool ok = want_object(r, v, LOC(P, i, NULL, NO));
    if (ok) {
        check_keys(r, v, LOC(P, i, NULL, NO), keys, 6, true);
        const cJSON *c;
        char path[ALS_PATH_MAX];
        if (!(c = get(v, "title")) || cJSON_IsNull(c)) {
            err_at(r, ALS_ESCHEMA, LOC(P, i, NULL, NO),
                   "a session needs a \"title\"");
            ok = false;
        } else if (!want_string(r, c, LOC(P, i, ".title", NO), &s.title))
            ok = false;
        if ((c = get(v, "date")) && !cJSON_IsNull(c) &&
            !want_string(r, c, LOC(P, i, ".date", NO), &s.date))
            ok = false;
        if ((c = get(v, "week")) && !cJSON_IsNull(c) &&
            !want_string(r, c, LOC(P, i, ".week", NO), &s.week))
            ok = false;
        if ((c = get(v, "dates")) && !cJSON_IsNull(c)) {
            mkpath(path, sizeof path, P, i, ".dates", NO);
            if (!label_map(r, c, path, &dl, &dv, &s.dates_count))
                ok = false;
            s.date_labels = dl;
            s.dates = dv;
        }
        if ((c = get(v, "start")) && !cJSON_IsNull(c)) {
            if (cJSON_IsObject(c)) {
                mkpath(path, sizeof path, P, i, ".start", NO);
                if (!label_map(r, c, path, &sl, &sv, &s.start_count))
                    ok = false;
                s.start_labels = sl;
                s.starts = sv;
            } else if (!cJSON_IsString(c)) {
                err_at(r, ALS_ESCHEMA, LOC(P, i, ".start", NO),
                       "expected a time (\"HH:MM\") or an object of times "
                       "per day label, found %s",
                       type_name(c));
                ok = false;
            } else
                s.start = c->valuestring;
        } else {
            err_at(r, ALS_ESCHEMA, LOC(P, i, NULL, NO),
                   "a session needs a \"start\" time (\"HH:MM\")");
            ok = false;
        }
        if (!(c = get(v, "minutes")) || cJSON_IsNull(c)) {
            err_at(r, ALS_ESCHEMA, LOC(P, i, NULL, NO),
                   "a session needs its length in \"minutes\"");
            ok = false;
        } else if (!want_int(r, c, LOC(P, i, ".minutes", NO), 1, 1440,
                             &s.minutes))
            ok = false;
    }
    als_error e;
    if (ok)
        pass_error(r, als_builder_add_session(b, &s, &e), &e);
    else if (als__builder_skip_session(b) != ALS_OK)
        r->nomem = true;
    free(dl);
    free(dv);
    free(sl);
    free(sv);
}

static void read_calendar(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "programme.calendar";
    static const char *const keys[] = {"timezone", "sessions"};
    if (!want_object(r, v, LOC(P, NO, NULL, NO)))
        return;
    check_keys(r, v, LOC(P, NO, NULL, NO), keys, 2, true);
    const cJSON *c;
    const char *tz;
    als_error e;
    if (!(c = get(v, "timezone")) || cJSON_IsNull(c)) {
        err_at(r, ALS_ESCHEMA, LOC(P, NO, ".timezone", NO),
               "a calendar needs a \"timezone\" (such as "
               "\"Europe/London\")");
        als__builder_quiet(b, ALS__BQ_TIMEZONE);
    } else if (!want_string(r, c, LOC(P, NO, ".timezone", NO), &tz)) {
        als__builder_quiet(b, ALS__BQ_TIMEZONE);
    } else {
        als_status rc = als_builder_set_timezone(b, tz, &e);
        pass_error(r, rc, &e);
        if (rc != ALS_OK)
            als__builder_quiet(b, ALS__BQ_TIMEZONE);
    }
    if (!(c = get(v, "sessions")) || cJSON_IsNull(c)) {
        err_at(r, ALS_ESCHEMA, LOC(P, NO, NULL, NO),
               "a calendar needs its \"sessions\"");
        return;
    }
    if (!want_array(r, c, LOC(P, NO, ".sessions", NO)))
        return;
    size_t i = 0;
    for (const cJSON *s = c->child; s && !r->nomem; s = s->next, i++)
        read_session(r, s, i, b);
}

static void read_programme(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "programme";
    if (!want_object(r, v, LOC(P, NO, NULL, NO))) {
        als__builder_quiet(b, ALS__BQ_SET_SIZE);
        return;
    }
    static const char *const keys[] = {
        "name",  "days",   "set_size", "sets",     "seniority_levels",
        "rules", "solver", "aliases",  "calendar", "facilitators_per_set"};
    check_keys(r, v, LOC(P, NO, NULL, NO), keys, 10, true);
    als_error e;
    const cJSON *c;
    const char *name;
    if ((c = get(v, "name")) &&
        opt_string(r, c, LOC(P, NO, ".name", NO), &name) && name)
        pass_error(r, als_builder_set_name(b, name, &e), &e);
    if ((c = get(v, "days")) && !cJSON_IsNull(c)) {
        size_t n;
        const char **days = string_array(r, c, LOC(P, NO, ".days", NO), &n);
        als_status rc = ALS_ESCHEMA;
        if (days && all_present(days, n)) {
            rc = als_builder_set_days(b, days, n, &e);
            pass_error(r, rc, &e);
        }
        if (rc != ALS_OK)
            als__builder_quiet(b, ALS__BQ_DAYS);
        free(days);
    }
    if ((c = get(v, "set_size")) && !cJSON_IsNull(c)) {
        int min, max, floor, target;
        als_status rc = ALS_ESCHEMA;
        if (read_size(r, c, "programme.set_size", &min, &max, &floor,
                      &target)) {
            rc = als_builder_set_size(b, min, max, &e);
            pass_error(r, rc, &e);
            if (rc == ALS_OK) {
                rc = als_builder_set_size_floor(b, floor, &e);
                pass_error(r, rc, &e);
            }
            if (rc == ALS_OK) {
                rc = als_builder_set_size_target(b, target, &e);
                pass_error(r, rc, &e);
            }
        }
        if (rc != ALS_OK)
            als__builder_quiet(b, ALS__BQ_SET_SIZE);
    }
    if ((c = get(v, "sets")) && !cJSON_IsNull(c) && !read_sets(r, c, b))
        als__builder_quiet(b, ALS__BQ_SETS);
    if ((c = get(v, "seniority_levels")) && !cJSON_IsNull(c)) {
        size_t n;
        const char **names =
            string_array(r, c, LOC(P, NO, ".seniority_levels", NO), &n);
        als_status rc = ALS_ESCHEMA;
        if (names && all_present(names, n)) {
            rc = als_builder_set_seniority_levels(b, names, n, &e);
            pass_error(r, rc, &e);
        }
        if (rc != ALS_OK)
            als__builder_quiet(b, ALS__BQ_LEVELS);
        free(names);
    }
    if ((c = get(v, "rules")) && !cJSON_IsNull(c))
        read_rules(r, c, b);
    if ((c = get(v, "solver")) && !cJSON_IsNull(c))
        read_solver(r, c, b);
    if ((c = get(v, "aliases")) && !cJSON_IsNull(c))
        read_aliases(r, c, b);
    if ((c = get(v, "calendar")) && !cJSON_IsNull(c))
        read_calendar(r, c, b);
    long long k;
    if ((c = get(v, "facilitators_per_set")) && !cJSON_IsNull(c) &&
        want_int(r, c, LOC(P, NO, ".facilitators_per_set", NO), 1, 2, &k))
        pass_error(r, als_builder_set_facilitators_per_set(b, (int)k, &e), &e);
}

static const char *const facilitator_keys[] = {
    "id",           "name",     "email", "organisation",
    "availability", "max_sets", "apart", "withdrawn"};
#define N_FACILITATOR_KEYS (sizeof facilitator_keys / sizeof *facilitator_keys)

static void read_facilitator(rd *r, const cJSON *v, size_t i, als_builder *b)
{
    static const char *const P = "facilitators";
    als_facilitator f = ALS_FACILITATOR_INIT;
    const char **avail = NULL, **apart = NULL;
    bool quiet;
    if (!want_object(r, v, LOC(P, i, NULL, NO))) {
        f.withdrawn = 1; /* a placeholder keeps indices aligned */
        quiet = true;
        goto add;
    }
    check_keys(r, v, LOC(P, i, NULL, NO), facilitator_keys, N_FACILITATOR_KEYS,
               false);
    const cJSON *c;
    quiet = false;
    if ((c = get(v, "id")) && !want_string(r, c, LOC(P, i, ".id", NO), &f.id))
        quiet = true;
    opt_string(r, get(v, "name"), LOC(P, i, ".name", NO), &f.name);
    opt_string(r, get(v, "email"), LOC(P, i, ".email", NO), &f.email);
    opt_string(r, get(v, "organisation"), LOC(P, i, ".organisation", NO),
               &f.organisation);
    if ((c = get(v, "availability")) && !cJSON_IsNull(c)) {
        avail = string_array(r, c, LOC(P, i, ".availability", NO),
                             &f.availability_count);
        f.availability = avail;
        if (!avail)
            f.availability_count = 0;
    }
    if ((c = get(v, "apart")) && !cJSON_IsNull(c)) {
        apart = string_array(r, c, LOC(P, i, ".apart", NO), &f.apart_count);
        f.apart = apart;
        if (!apart)
            f.apart_count = 0;
    }
    long long ms;
    if ((c = get(v, "max_sets")) && !cJSON_IsNull(c) &&
        want_int(r, c, LOC(P, i, ".max_sets", NO), 1, ALS_MAX_DAYS, &ms))
        f.max_sets = (int)ms;
    if ((c = get(v, "withdrawn")) && !cJSON_IsNull(c)) {
        bool w;
        if (want_bool(r, c, LOC(P, i, ".withdrawn", NO), &w))
            f.withdrawn = w;
    }
add:;
    als_error e;
    als_status rc = als_builder_add_facilitator(b, &f, &e);
    pass_error(r, rc, &e);
    if (rc == ALS_OK && quiet)
        als__builder_quiet_last_facilitator(b);
    free(avail);
    free(apart);
}

static const char *const applicant_keys[] = {
    "id",           "name",    "organisation", "sector",   "seniority",
    "availability", "council", "role",         "together", "apart",
    "priority",     "set",     "withdrawn",    "email"};
#define N_APPLICANT_KEYS (sizeof applicant_keys / sizeof *applicant_keys)

static void read_applicant(rd *r, const cJSON *v, size_t i, als_builder *b)
{
    static const char *const P = "applicants";
    als_applicant a = ALS_APPLICANT_INIT;
    unsigned quiet = 0;
    const char **avail = NULL, **apart = NULL;
    if (!want_object(r, v, LOC(P, i, NULL, NO))) {
        /* keep indices aligned with the document: add a placeholder */
        a.withdrawn = 1;
        quiet = ALS__Q_ID;
        goto add;
    }
    check_keys(r, v, LOC(P, i, NULL, NO), applicant_keys, N_APPLICANT_KEYS,
               false);
    const cJSON *c;
    if ((c = get(v, "id")) && !want_string(r, c, LOC(P, i, ".id", NO), &a.id))
        quiet |= ALS__Q_ID;
    opt_string(r, get(v, "name"), LOC(P, i, ".name", NO), &a.name);
    opt_string(r, get(v, "email"), LOC(P, i, ".email", NO), &a.email);
    opt_string(r, get(v, "organisation"), LOC(P, i, ".organisation", NO),
               &a.organisation);
    opt_string(r, get(v, "sector"), LOC(P, i, ".sector", NO), &a.sector);
    opt_string(r, get(v, "council"), LOC(P, i, ".council", NO), &a.council);
    opt_string(r, get(v, "role"), LOC(P, i, ".role", NO), &a.role);
    opt_string(r, get(v, "together"), LOC(P, i, ".together", NO), &a.together);
    if ((c = get(v, "seniority")) && !cJSON_IsNull(c)) {
        long long lv;
        if (cJSON_IsString(c))
            a.seniority_name = c->valuestring;
        else if (cJSON_IsNumber(c)) {
            if (want_int(r, c, LOC(P, i, ".seniority", NO), 0, 1000, &lv))
                a.seniority = (int)lv;
            else
                quiet |= ALS__Q_SENIORITY;
        } else {
            err_at(r, ALS_ESCHEMA, LOC(P, i, ".seniority", NO),
                   "expected a level number or a level name, found %s",
                   type_name(c));
            quiet |= ALS__Q_SENIORITY;
        }
    }
    if ((c = get(v, "availability")) && !cJSON_IsNull(c)) {
        avail = string_array(r, c, LOC(P, i, ".availability", NO),
                             &a.availability_count);
        a.availability = avail;
        if (!avail) /* wrong type: treat as absent, already reported */
            a.availability_count = 0;
    }
    if ((c = get(v, "apart")) && !cJSON_IsNull(c)) {
        apart = string_array(r, c, LOC(P, i, ".apart", NO), &a.apart_count);
        a.apart = apart;
        if (!apart)
            a.apart_count = 0;
    }
    if ((c = get(v, "priority")) && !cJSON_IsNull(c)) {
        long long pr;
        if (want_int(r, c, LOC(P, i, ".priority", NO), -ALS_MAX_PRIORITY,
                     ALS_MAX_PRIORITY, &pr))
            a.priority = pr;
        else
            quiet |= ALS__Q_PRIORITY;
    }
    if ((c = get(v, "set")) && !opt_string(r, c, LOC(P, i, ".set", NO), &a.set))
        quiet |= ALS__Q_SET;
    if ((c = get(v, "withdrawn")) && !cJSON_IsNull(c)) {
        bool w;
        if (want_bool(r, c, LOC(P, i, ".withdrawn", NO), &w))
            a.withdrawn = w;
    }
add:;
    als_error e;
    als_status rc = als_builder_add_applicant(b, &a, &e);
    pass_error(r, rc, &e);
    if (rc == ALS_OK)
        als__builder_quiet_last(b, quiet);
    free(avail);
    free(apart);
}

static void read_pairs(rd *r, const cJSON *v, als_builder *b)
{
    static const char *const P = "pairs";
    if (!want_array(r, v, LOC(P, NO, NULL, NO)))
        return;
    size_t k = 0;
    for (const cJSON *q = v->child; q && !r->nomem; q = q->next, k++) {
        if (!want_object(r, q, LOC(P, k, NULL, NO)))
            continue;
        static const char *const keys[] = {"a", "b", "weight"};
        check_keys(r, q, LOC(P, k, NULL, NO), keys, 3, true);
        const char *ida = NULL, *idb = NULL;
        double w = 0;
        bool ok = true;
        const cJSON *c;
        if ((c = get(q, "a")) && !want_string(r, c, LOC(P, k, ".a", NO), &ida))
            ok = false;
        if ((c = get(q, "b")) && !want_string(r, c, LOC(P, k, ".b", NO), &idb))
            ok = false;
        if (!(c = get(q, "weight"))) {
            err_at(r, ALS_ESCHEMA, LOC(P, k, NULL, NO), "missing \"weight\"");
            ok = false;
        } else if (!want_number(r, c, LOC(P, k, ".weight", NO), &w)) {
            ok = false;
        }
        /* a bad pair is still added, already reported and quiet, so that
           the numbering of later pairs matches the document */
        als_error e;
        als_status rc = als_builder_add_pair(b, ok ? ida : NULL,
                                             ok ? idb : NULL, ok ? w : 0, &e);
        pass_error(r, rc, &e);
        if (rc == ALS_ESCHEMA) { /* the weight was refused: a placeholder */
            ok = false;
            rc = als_builder_add_pair(b, NULL, NULL, 0, &e);
            pass_error(r, rc, &e);
        }
        if (rc == ALS_OK && !ok)
            als__builder_quiet_last_pair(b);
    }
}

als_status als_problem_from_json(als_problem **out, const char *json,
                                 size_t len, als_diag *diag, als_error *err)
{
    if (out)
        *out = NULL;
    if (!out || (!json && len)) {
        als__error_set(err, ALS_EINVAL, "", "out and json must not be NULL");
        return ALS_EINVAL;
    }
    rd r;
    memset(&r, 0, sizeof r);
    r.text = json;
    r.comments = true;
    als__report_init(&r.rep, diag, err);
    als_builder *b = NULL;
    cJSON *root = parse(&r, json ? json : "", len);
    if (!root)
        goto done;
    if (!want_object(&r, root, LOC("", NO, NULL, NO)))
        goto done;
    if (als_builder_new(&b, NULL) != ALS_OK) {
        r.nomem = true;
        goto done;
    }
    static const char *const keys[] = {"format", "programme", "applicants",
                                       "pairs", "facilitators"};
    check_keys(&r, root, LOC("", NO, NULL, NO), keys, 5, true);
    const cJSON *c;
    const char *fmt;
    if ((c = get(root, "format")) &&
        want_string(&r, c, LOC("format", NO, NULL, NO), &fmt) &&
        strcmp(fmt, "als-cohort/1") != 0)
        err_at(&r, ALS_ESCHEMA, LOC("format", NO, NULL, NO),
               "format is \"%s\"; this reader understands \"als-cohort/1\"",
               fmt);
    if ((c = get(root, "programme")))
        read_programme(&r, c, b);
    else {
        err_at(&r, ALS_ESCHEMA, LOC("", NO, NULL, NO),
               "missing \"programme\" (with at least \"set_size\")");
        als__builder_quiet(b, ALS__BQ_SET_SIZE);
    }
    if (!(c = get(root, "applicants")))
        err_at(&r, ALS_ESCHEMA, LOC("", NO, NULL, NO),
               "missing \"applicants\"");
    else if (want_array(&r, c, LOC("applicants", NO, NULL, NO))) {
        size_t i = 0;
        for (const cJSON *a = c->child; a && !r.nomem; a = a->next, i++) {
            if (i >= ALS_MAX_APPLICANTS) {
                err_at(&r, ALS_ELIMIT, LOC("applicants", NO, NULL, NO),
                       "more than %u applicants", ALS_MAX_APPLICANTS);
                break;
            }
            read_applicant(&r, a, i, b);
        }
    }
    if ((c = get(root, "pairs")) && !cJSON_IsNull(c))
        read_pairs(&r, c, b);
    if ((c = get(root, "facilitators")) && !cJSON_IsNull(c) &&
        want_array(&r, c, LOC("facilitators", NO, NULL, NO))) {
        size_t i = 0;
        for (const cJSON *fc = c->child; fc && !r.nomem; fc = fc->next, i++)
            read_facilitator(&r, fc, i, b);
    }
    if (r.nomem)
        goto done;
    /* finish even after errors: it finds the errors that need the whole
       cohort (undefined references, units), so all are reported at once */
    {
        als_problem *p = NULL;
        als_error first;
        als_status rc = als_builder_finish(b, &p, diag, &first);
        if (rc == ALS_ENOMEM)
            r.nomem = true;
        else if (rc != ALS_OK && r.rep.errors == 0) {
            r.rep.errors = 1;
            r.rep.code = rc;
            if (err)
                *err = first;
        } else if (rc != ALS_OK) {
            r.rep.errors++;
        }
        if (r.rep.errors == 0 && !r.nomem)
            *out = p;
        else
            als_problem_free(p);
    }
done:
    cJSON_Delete(root);
    als_builder_free(b);
    if (r.nomem) {
        als_problem_free(*out);
        *out = NULL;
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    return r.rep.errors ? r.rep.code : ALS_OK;
}

/* ==================================================================== */
/* allocation                                                            */
/* ==================================================================== */

static char *keep(rd *r, als_allocation *a, const char *s)
{
    if (!s)
        return NULL;
    char *d = als__arena_strdup(&a->arena, s);
    if (!d)
        r->nomem = true;
    return d;
}

static void read_alloc_solver(rd *r, const cJSON *v, als_allocation *a)
{
    if (!want_object(r, v, LOC("solver", NO, NULL, NO)))
        return;
    static const char *const keys[] = {"method", "time_s", "seed",
                                       "bound",  "gap",    "stop"};
    check_keys(r, v, LOC("solver", NO, NULL, NO), keys, 6, false);
    const cJSON *c;
    const char *s;
    if ((c = get(v, "method")) &&
        opt_string(r, c, LOC("solver.method", NO, NULL, NO), &s) && s)
        a->method = keep(r, a, s);
    if ((c = get(v, "time_s")))
        want_number(r, c, LOC("solver.time_s", NO, NULL, NO), &a->time_s);
    long long seed;
    if ((c = get(v, "seed")) && want_int(r, c, LOC("solver.seed", NO, NULL, NO),
                                         0, 9007199254740992LL, &seed))
        a->seed = (unsigned long long)seed;
    if ((c = get(v, "bound")) && !cJSON_IsNull(c) &&
        want_number(r, c, LOC("solver.bound", NO, NULL, NO), &a->bound))
        a->has_bound = true;
    if ((c = get(v, "gap")) && !cJSON_IsNull(c))
        want_number(r, c, LOC("solver.gap", NO, NULL, NO), &a->gap);
    if ((c = get(v, "stop")) && !cJSON_IsNull(c)) {
        int m = read_mode(r, c, LOC("solver.stop", NO, NULL, NO),
                          als__stop_names, ALS__NSTOP);
        if (m >= 0)
            a->stop = (als_stop_reason)m;
    }
}

static void read_alloc_objective(rd *r, const cJSON *v, als_allocation *a)
{
    if (!want_object(r, v, LOC("objective", NO, NULL, NO)))
        return;
    static const char *const keys[] = {"continuing",
                                       "moves",
                                       "placed",
                                       "priority",
                                       "penalty",
                                       "sector_pairs",
                                       "organisation_pairs",
                                       "seniority_spread",
                                       "seniority_pairs",
                                       "pair_weight",
                                       "size_deviation",
                                       "facilitator_changes"};
    check_keys(r, v, LOC("objective", NO, NULL, NO), keys, 12, false);
    static const struct {
        const char *key;
        unsigned bit;
        bool integer;
    } f[] = {{"continuing", ALS__OBJ_CONTINUING, true},
             {"moves", ALS__OBJ_MOVES, true},
             {"facilitator_changes", ALS__OBJ_FACCHG, true},
             {"placed", ALS__OBJ_PLACED, true},
             {"priority", ALS__OBJ_PRIORITY, true},
             {"size_deviation", ALS__OBJ_SIZEDEV, true},
             {"penalty", ALS__OBJ_PENALTY, false},
             {"sector_pairs", ALS__OBJ_SECTOR, false},
             {"organisation_pairs", ALS__OBJ_ORG, false},
             {"seniority_spread", ALS__OBJ_SENIORITY, false},
             {"seniority_pairs", ALS__OBJ_SENIORITY, false},
             {"pair_weight", ALS__OBJ_PAIRS, false}};
    for (size_t k = 0; k < sizeof f / sizeof *f; k++) {
        const cJSON *c = get(v, f[k].key);
        if (!c)
            continue;
        char path[64];
        snprintf(path, sizeof path, "objective.%s", f[k].key);
        long long iv = 0;
        double dv = 0;
        if (f[k].integer) {
            if (!want_int(r, c, LOC(path, NO, NULL, NO), -(1LL << 53),
                          1LL << 53, &iv))
                continue;
        } else if (!want_number(r, c, LOC(path, NO, NULL, NO), &dv)) {
            continue;
        }
        a->present |= f[k].bit;
        switch (f[k].bit) {
        case ALS__OBJ_CONTINUING:
            a->obj.continuing = iv;
            break;
        case ALS__OBJ_MOVES:
            a->obj.moves = iv;
            break;
        case ALS__OBJ_PLACED:
            a->obj.placed = iv;
            break;
        case ALS__OBJ_PRIORITY:
            a->obj.priority = iv;
            break;
        case ALS__OBJ_SIZEDEV:
            a->obj.size_deviation = iv;
            break;
        case ALS__OBJ_FACCHG:
            a->obj.facilitator_changes = iv;
            break;
        case ALS__OBJ_PENALTY:
            a->obj.penalty = dv;
            break;
        case ALS__OBJ_SECTOR:
            a->obj.sector_pairs = dv;
            break;
        case ALS__OBJ_ORG:
            a->obj.organisation_pairs = dv;
            break;
        case ALS__OBJ_SENIORITY:
            a->obj.seniority = dv;
            a->seniority_pairs = strcmp(f[k].key, "seniority_pairs") == 0;
            break;
        default:
            a->obj.pair_weight = dv;
            break;
        }
    }
}

/* Count the items of an array (0 for non-arrays). */
static size_t count_items(const cJSON *v)
{
    size_t n = 0;
    if (cJSON_IsArray(v))
        for (const cJSON *c = v->child; c; c = c->next)
            n++;
    return n;
}

static void read_alloc_sets(rd *r, const cJSON *v, als_allocation *a)
{
    if (!want_array(r, v, LOC("sets", NO, NULL, NO)))
        return;
    size_t n = count_items(v);
    a->sets = als__calloc(n, sizeof *a->sets);
    if (!a->sets) {
        r->nomem = true;
        return;
    }
    size_t k = 0;
    for (const cJSON *s = v->child; s && !r->nomem; s = s->next, k++) {
        als__aset *as = &a->sets[a->nsets++];
        if (!want_object(r, s, LOC("sets", k, NULL, NO)))
            continue;
        static const char *const keys[] = {"id", "day", "members", "names",
                                           "facilitators"};
        check_keys(r, s, LOC("sets", k, NULL, NO), keys, 5, false);
        const char *id = NULL, *day = NULL;
        const cJSON *c = get(s, "id");
        if (!c)
            err_at(r, ALS_ESCHEMA, LOC("sets", k, NULL, NO), "missing \"id\"");
        else if (want_string(r, c, LOC("sets", k, ".id", NO), &id))
            as->id = keep(r, a, id);
        if (opt_string(r, get(s, "day"), LOC("sets", k, ".day", NO), &day))
            as->day = keep(r, a, day);
        c = get(s, "facilitators");
        if (c && !cJSON_IsNull(c) &&
            want_array(r, c, LOC("sets", k, ".facilitators", NO)) &&
            count_items(c)) {
            as->fac = als__calloc(count_items(c), sizeof *as->fac);
            if (!as->fac) {
                r->nomem = true;
                return;
            }
            size_t q = 0;
            for (const cJSON *x = c->child; x; x = x->next, q++) {
                const char *fid;
                if (want_string(r, x, LOC("sets", k, ".facilitators", q), &fid))
                    as->fac[as->nfac++] = keep(r, a, fid);
            }
        }
        c = get(s, "members");
        if (!c) {
            err_at(r, ALS_ESCHEMA, LOC("sets", k, NULL, NO),
                   "missing \"members\"");
            continue;
        }
        if (!want_array(r, c, LOC("sets", k, ".members", NO)))
            continue;
        size_t m = count_items(c);
        as->members = als__calloc(m, sizeof *as->members);
        if (!as->members) {
            r->nomem = true;
            return;
        }
        size_t q = 0;
        for (const cJSON *x = c->child; x; x = x->next, q++) {
            const char *mid;
            if (want_string(r, x, LOC("sets", k, ".members", q), &mid))
                as->members[as->n++] = keep(r, a, mid);
        }
        /* each member's name, as the cohort gave it (null: none) */
        c = get(s, "names");
        if (!c || cJSON_IsNull(c) ||
            !want_array(r, c, LOC("sets", k, ".names", NO)))
            continue;
        if (count_items(c) != m) {
            err_at(r, ALS_ESCHEMA, LOC("sets", k, ".names", NO),
                   "%zu names for %zu members: one per member, null for a "
                   "member without a name",
                   count_items(c), m);
            continue;
        }
        as->names = als__calloc(m ? m : 1, sizeof *as->names);
        if (!as->names) {
            r->nomem = true;
            return;
        }
        q = 0;
        for (const cJSON *x = c->child; x; x = x->next, q++) {
            const char *nm = NULL;
            if (opt_string(r, x, LOC("sets", k, ".names", q), &nm) && nm &&
                q < as->n)
                as->names[q] = keep(r, a, nm);
        }
    }
}

/* The common start of an `unassigned` or `changes` entry: an object with
   known keys and a string "id". */
static bool entry_id(rd *r, const cJSON *u, const char *section, size_t k,
                     const char *const *keys, size_t nkeys, const char **id)
{
    if (!want_object(r, u, LOC(section, k, NULL, NO)))
        return false;
    check_keys(r, u, LOC(section, k, NULL, NO), keys, nkeys, false);
    const cJSON *c = get(u, "id");
    if (!c) {
        err_at(r, ALS_ESCHEMA, LOC(section, k, NULL, NO), "missing \"id\"");
        return false;
    }
    return want_string(r, c, LOC(section, k, ".id", NO), id);
}

static void read_alloc_unassigned(rd *r, const cJSON *v, als_allocation *a)
{
    if (!want_array(r, v, LOC("unassigned", NO, NULL, NO)))
        return;
    size_t n = count_items(v);
    a->unassigned = als__calloc(n, sizeof *a->unassigned);
    if (!a->unassigned) {
        r->nomem = true;
        return;
    }
    size_t k = 0;
    for (const cJSON *u = v->child; u && !r->nomem; u = u->next, k++) {
        static const char *const keys[] = {"id", "reason", "standby"};
        const char *id = NULL, *reason = NULL;
        if (!entry_id(r, u, "unassigned", k, keys, 3, &id))
            continue;
        if (!opt_string(r, get(u, "reason"),
                        LOC("unassigned", k, ".reason", NO), &reason))
            continue;
        als__unassigned *x = &a->unassigned[a->nunassigned++];
        x->id = keep(r, a, id);
        x->reason = keep(r, a, reason ? reason : "");
        const cJSON *sb = get(u, "standby");
        if (!sb || cJSON_IsNull(sb))
            continue;
        size_t ns;
        const char **names =
            string_array(r, sb, LOC("unassigned", k, ".standby", NO), &ns);
        if (names && ns) {
            x->standby = als__calloc(ns, sizeof *x->standby);
            if (!x->standby)
                r->nomem = true;
            for (size_t j = 0; x->standby && j < ns; j++)
                if (names[j])
                    x->standby[x->nstandby++] = keep(r, a, names[j]);
        }
        free(names);
    }
}

static void read_alloc_changes(rd *r, const cJSON *v, als_allocation *a)
{
    if (!want_array(r, v, LOC("changes", NO, NULL, NO)))
        return;
    size_t n = count_items(v);
    a->changes = als__calloc(n, sizeof *a->changes);
    if (!a->changes) {
        r->nomem = true;
        return;
    }
    size_t k = 0;
    for (const cJSON *u = v->child; u && !r->nomem; u = u->next, k++) {
        static const char *const keys[] = {"id", "from", "to", "reason"};
        const char *id = NULL, *from = NULL, *to = NULL, *why = NULL;
        if (!entry_id(r, u, "changes", k, keys, 4, &id))
            continue;
        if (!opt_string(r, get(u, "from"), LOC("changes", k, ".from", NO),
                        &from) ||
            !opt_string(r, get(u, "to"), LOC("changes", k, ".to", NO), &to) ||
            !opt_string(r, get(u, "reason"), LOC("changes", k, ".reason", NO),
                        &why))
            continue;
        als__change *x = &a->changes[a->nchanges++];
        x->id = keep(r, a, id);
        x->from = keep(r, a, from);
        x->to = keep(r, a, to);
        x->reason = keep(r, a, why);
    }
}

als_status als_allocation_from_json(als_allocation **out, const char *json,
                                    size_t len, als_diag *diag, als_error *err)
{
    if (out)
        *out = NULL;
    if (!out || (!json && len)) {
        als__error_set(err, ALS_EINVAL, "", "out and json must not be NULL");
        return ALS_EINVAL;
    }
    rd r;
    memset(&r, 0, sizeof r);
    r.text = json;
    als__report_init(&r.rep, diag, err);
    als_allocation *a = NULL;
    cJSON *root = parse(&r, json ? json : "", len);
    if (!root || !want_object(&r, root, LOC("", NO, NULL, NO)))
        goto done;
    if (als__allocation_new(&a) != ALS_OK) {
        r.nomem = true;
        goto done;
    }
    static const char *const keys[] = {"format",    "status", "solver",
                                       "objective", "sets",   "unassigned",
                                       "changes"};
    check_keys(&r, root, LOC("", NO, NULL, NO), keys, 7, false);
    const cJSON *c;
    const char *s;
    if ((c = get(root, "format")) &&
        want_string(&r, c, LOC("format", NO, NULL, NO), &s) &&
        strcmp(s, "als-allocation/1") != 0)
        err_at(&r, ALS_ESCHEMA, LOC("format", NO, NULL, NO),
               "format is \"%s\"; this reader understands "
               "\"als-allocation/1\"",
               s);
    if ((c = get(root, "status"))) {
        static const char *const st[] = {"optimal", "feasible", "infeasible"};
        int m = read_mode(&r, c, LOC("status", NO, NULL, NO), st, 3);
        if (m >= 0)
            a->status = (als_solve_status)m;
    }
    if ((c = get(root, "solver")))
        read_alloc_solver(&r, c, a);
    if ((c = get(root, "objective")))
        read_alloc_objective(&r, c, a);
    if (!(c = get(root, "sets")))
        err_at(&r, ALS_ESCHEMA, LOC("", NO, NULL, NO), "missing \"sets\"");
    else
        read_alloc_sets(&r, c, a);
    if ((c = get(root, "unassigned")) && !cJSON_IsNull(c))
        read_alloc_unassigned(&r, c, a);
    if ((c = get(root, "changes")) && !cJSON_IsNull(c))
        read_alloc_changes(&r, c, a);
done:
    cJSON_Delete(root);
    if (r.nomem || r.rep.errors) {
        als_allocation_free(a);
        if (r.nomem) {
            als__error_set(err, ALS_ENOMEM, "", "out of memory");
            return ALS_ENOMEM;
        }
        return r.rep.code;
    }
    *out = a;
    return ALS_OK;
}
