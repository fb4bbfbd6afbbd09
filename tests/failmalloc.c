/*
 * Allocation failure on demand, for the out-of-memory tests.
 *
 * malloc, calloc, realloc and free are replaced by versions that forward to
 * glibc's own (__libc_*) and count every allocation; allocation number N
 * (0-based) fails with ENOMEM, and with "always" every one after it too.
 * glibc's other allocating functions (strdup, fopen, ...) call malloc, so
 * they fail the same way; so do GLPK's and cJSON's allocations.
 *
 * Two uses:
 *  - linked into a test program (test_oom.c): failmalloc_arm() and
 *    failmalloc_disarm() around the call under test;
 *  - built as a module for LD_PRELOAD (tests/oom_sweep.sh): ALS_FAIL_ALLOC=N
 *    fails allocation N counted from the start of the process,
 *    ALS_FAIL_ALLOC_ALWAYS=1 fails every one from N on, and at exit the
 *    number of allocations made (or "failed" when allocation N was reached)
 *    is appended to the file ALS_FAIL_ALLOC_LOG names.
 *
 * Not for sanitizer builds: AddressSanitizer replaces malloc itself.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);

void failmalloc_arm(long n, bool always);
long failmalloc_disarm(bool *failed);

static atomic_long fail_at = -1; /* -1: never */
static atomic_long counter;      /* allocations since arming */
static atomic_bool fail_always;
static atomic_bool reached; /* allocation fail_at was attempted */

/* Arm: allocation n from now fails (and every later one when `always`). */
void failmalloc_arm(long n, bool always)
{
    atomic_store(&fail_always, always);
    atomic_store(&reached, false);
    atomic_store(&counter, 0);
    atomic_store(&fail_at, n);
}

/* Disarm; returns the number of allocations since arming and tells
   whether the failure was reached. */
long failmalloc_disarm(bool *failed)
{
    atomic_store(&fail_at, -1);
    if (failed)
        *failed = atomic_load(&reached);
    return atomic_load(&counter);
}

static bool should_fail(void)
{
    long k = atomic_fetch_add(&counter, 1);
    long at = atomic_load(&fail_at);
    if (at < 0 || k < at || (k > at && !atomic_load(&fail_always)))
        return false;
    atomic_store(&reached, true);
    errno = ENOMEM;
    return true;
}

#ifdef ALS_FAILMALLOC_PRELOAD
static void from_environment(void) __attribute__((constructor));
static void from_environment(void)
{
    const char *n = getenv("ALS_FAIL_ALLOC");
    const char *always = getenv("ALS_FAIL_ALLOC_ALWAYS");
    if (n && *n)
        failmalloc_arm(strtol(n, NULL, 10), always && *always == '1');
}

static void at_exit_report(void) __attribute__((destructor));
static void at_exit_report(void)
{
    const char *log = getenv("ALS_FAIL_ALLOC_LOG");
    bool failed;
    long n = failmalloc_disarm(&failed);
    if (!log || !*log)
        return;
    FILE *f = fopen(log, "a");
    if (!f)
        return;
    if (failed)
        fputs("failed\n", f);
    else
        fprintf(f, "%ld\n", n);
    fclose(f);
}
#endif

void *malloc(size_t size)
{
    return should_fail() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size)
{
    if (ptr && size == 0) /* a free, not an allocation */
        return __libc_realloc(ptr, size);
    return should_fail() ? NULL : __libc_realloc(ptr, size);
}

void free(void *ptr)
{
    __libc_free(ptr);
}
