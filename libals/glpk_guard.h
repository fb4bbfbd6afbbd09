/*
 * What keeps GLPK from harming the host, shared by the files that call it
 * (mip_glpk.c, colgen.c). GLPK aborts the process on an internal error
 * unless its error hook leaves by longjmp; its terminal output goes to a
 * hook. Usage:
 *
 *     als__glpk_guard g = {0};      // on the heap when a longjmp may
 *     if (setjmp(g.jb) == 0) {      //   clobber locals that matter
 *         if (!als__glpk_guard_on(&g))
 *             ... out of memory: no GLPK call may be made ...
 *         ... GLPK calls ...
 *     } else {
 *         ... GLPK failed: g.log says why, als__glpk_guard_status()
 *             which status; its memory is gone ...
 *     }
 *     als__glpk_guard_off();        // hooks removed, glp_free_env()
 *
 * Internal.
 */
#ifndef ALS_GLPK_GUARD_H
#define ALS_GLPK_GUARD_H

#include "als.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct als__glpk_guard {
    jmp_buf jb;
    char log[1024]; /* the end of GLPK's terminal output */
    size_t loglen;
} als__glpk_guard;

/* Create this thread's GLPK environment and route GLPK's terminal output
   and fatal errors to *g. False when the environment cannot be created
   (out of memory): then no GLPK function may be called, since each would
   try again and abort the process on failure. */
bool als__glpk_guard_on(als__glpk_guard *g);
/* Remove the hooks and free every GLPK resource of this thread. */
void als__glpk_guard_off(void);
/* Milliseconds from now to `deadline` (monotonic seconds), as GLPK's time
   limits take them: at least 1, at most INT_MAX - 1. */
int als__glpk_ms_left(double deadline);
/* GLPK's last words, or a generic message. */
const char *als__glpk_guard_why(const als__glpk_guard *g);
/* The status of a fatal GLPK error: ALS_ENOMEM when GLPK ran out of
   memory, ALS_ESOLVER otherwise. */
als_status als__glpk_guard_status(const als__glpk_guard *g);
/* Whether this GLPK keeps its state per thread (built with thread-local
   storage): without, no GLPK call may be made. */
bool als__glpk_reentrant(void);

#endif
