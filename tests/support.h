/*
 * Helpers shared by the cmocka tests (include after <cmocka.h>).
 */
#ifndef ALS_TEST_SUPPORT_H
#define ALS_TEST_SUPPORT_H

#include <stdlib.h>
#include <string.h>

#include "als.h"

/* A copy of `s` with every ' turned into ", so that JSON can be written in
   C strings without escapes. Free with free(). */
static inline char *json(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    assert_non_null(d);
    for (size_t k = 0; k <= n; k++)
        d[k] = s[k] == '\'' ? '"' : s[k];
    return d;
}

/* Every entry of a diagnostic list, for a failing test's output. */
static inline void print_diag(const als_diag *d)
{
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        print_message("  [%s] '%s': %s\n",
                      e->severity == ALS_SEV_ERROR ? "error" : "warning",
                      e->path, e->message);
    }
}

#endif
