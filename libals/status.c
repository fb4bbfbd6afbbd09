/*
 * Status names, error records and diagnostic lists: how every module reports
 * what went wrong and where.
 */
#include "als_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct als_diag {
    als_error items[ALS_DIAG_CAP];
    size_t count;  /* stored */
    size_t total;  /* found */
    size_t errors; /* stored errors */
};

unsigned als_version_number(void)
{
    return ALS_VERSION_NUMBER;
}

const char *als_version_string(void)
{
    return ALS_VERSION_STRING;
}

const char *const als__stop_names[ALS__NSTOP] = {
    "none", "time_limit", "cancelled", "gap",
    "work", "stagnation", "bound",     "incomplete"};

const char *als_stop_reason_str(als_stop_reason r)
{
    return (unsigned)r < ALS__NSTOP ? als__stop_names[r] : NULL;
}

const char *als_status_str(als_status s)
{
    switch (s) {
    case ALS_OK:
        return "ok";
    case ALS_ENOMEM:
        return "out of memory";
    case ALS_EINVAL:
        return "invalid argument";
    case ALS_EPARSE:
        return "not valid JSON";
    case ALS_ESCHEMA:
        return "breaks the format";
    case ALS_ESOLVER:
        return "solver failure";
    case ALS_ECANCELLED:
        return "cancelled";
    case ALS_EIO:
        return "input/output error";
    case ALS_ELIMIT:
        return "size limit exceeded";
    }
    return "unknown status";
}

void als_free(void *ptr)
{
    free(ptr);
}

static void copy_trunc(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
        /* do not cut a UTF-8 sequence in half */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void als__error_setv(als_error *err, als_status code, const char *path,
                     const char *fmt, va_list ap)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->severity = ALS_SEV_ERROR;
    copy_trunc(err->path, sizeof err->path, path);
    char buf[ALS_MESSAGE_MAX * 2];
    vsnprintf(buf, sizeof buf, fmt, ap);
    copy_trunc(err->message, sizeof err->message, buf);
}

void als__error_set(als_error *err, als_status code, const char *path,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    als__error_setv(err, code, path, fmt, ap);
    va_end(ap);
}

als_status als_diag_new(als_diag **out)
{
    if (!out)
        return ALS_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? ALS_OK : ALS_ENOMEM;
}

void als_diag_free(als_diag *d)
{
    free(d);
}

void als_diag_clear(als_diag *d)
{
    if (d)
        d->count = d->total = d->errors = 0;
}

size_t als_diag_count(const als_diag *d)
{
    return d ? d->count : 0;
}
size_t als_diag_total(const als_diag *d)
{
    return d ? d->total : 0;
}
size_t als_diag_errors(const als_diag *d)
{
    return d ? d->errors : 0;
}

const als_error *als_diag_get(const als_diag *d, size_t i)
{
    return d && i < d->count ? &d->items[i] : NULL;
}

void als__report_init(als__report *r, als_diag *diag, als_error *first)
{
    r->diag = diag;
    r->first = first;
    r->errors = 0;
    r->code = ALS_OK;
    r->sheet = NULL;
}

void als__report_add(als__report *r, const als_error *e)
{
    if (e->severity == ALS_SEV_ERROR) {
        if (r->errors++ == 0) {
            r->code = e->code;
            if (r->first)
                *r->first = *e;
        }
    }
    if (r->diag) {
        r->diag->total++;
        if (r->diag->count < ALS_DIAG_CAP) {
            r->diag->items[r->diag->count++] = *e;
            if (e->severity == ALS_SEV_ERROR)
                r->diag->errors++;
        }
    }
}

void als__report_error(als__report *r, als_status code, const char *path,
                       const char *fmt, ...)
{
    als_error e;
    va_list ap;
    va_start(ap, fmt);
    als__error_setv(&e, code, path, fmt, ap);
    va_end(ap);
    als__report_add(r, &e);
}

void als__report_warning(als__report *r, const char *path, const char *fmt, ...)
{
    als_error e;
    va_list ap;
    va_start(ap, fmt);
    als__error_setv(&e, ALS_OK, path, fmt, ap);
    va_end(ap);
    e.severity = ALS_SEV_WARNING;
    als__report_add(r, &e);
}

void als__report_at(als__report *r, als_status code, const char *text,
                    size_t offset, const char *fmt, ...)
{
    als_error e;
    va_list ap;
    va_start(ap, fmt);
    als__error_setv(&e, code, "", fmt, ap);
    va_end(ap);
    unsigned line = 1, col = 1;
    /* a leading byte-order mark takes no column, as in an editor */
    size_t from = offset >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t i = from; i < offset; i++) {
        /* a line ends with LF, CR or CRLF (counted once) */
        if (text[i] == '\r' ||
            (text[i] == '\n' && (i == from || text[i - 1] != '\r'))) {
            line++;
            col = 1;
        } else if (text[i] == '\n') {
            /* the LF of a CRLF */
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            col++; /* columns count characters, not bytes */
        }
    }
    e.offset = offset;
    e.line = line;
    e.column = col;
    als__report_add(r, &e);
}
