/*
 * GLPK under guard (see glpk_guard.h).
 */
#include "glpk_guard.h"

#include "solver.h"

#include <glpk.h>
#include <limits.h>
#include <string.h>

static int on_term(void *info, const char *s)
{
    als__glpk_guard *g = info;
    size_t n = strlen(s);
    if (g->loglen + n >= sizeof g->log) {
        /* keep the end: the fatal message comes last */
        size_t keep = sizeof g->log / 2;
        if (g->loglen > keep) {
            memmove(g->log, g->log + g->loglen - keep, keep);
            g->loglen = keep;
        }
        if (g->loglen + n >= sizeof g->log) { /* the end of s itself */
            s += g->loglen + n - (sizeof g->log - 1);
            n = sizeof g->log - 1 - g->loglen;
        }
    }
    memcpy(g->log + g->loglen, s, n);
    g->loglen += n;
    g->log[g->loglen] = '\0';
    return 1; /* nothing reaches the terminal */
}

static void on_error(void *info)
{
    als__glpk_guard *g = info;
    longjmp(g->jb, 1);
}

bool als__glpk_guard_on(als__glpk_guard *g)
{
    /* Every GLPK call, glp_term_hook() included, first creates the
       thread's environment when there is none, and GLPK aborts the process
       when that fails (out of memory): before the hooks exist, nothing can
       stop it. So the environment is created here, where a failure is a
       return value (0 created, 1 already there, 2 out of memory, 3 not
       supported). */
    int rc = glp_init_env();
    if (rc != 0 && rc != 1)
        return false;
    glp_term_hook(on_term, g);
    glp_error_hook(on_error, g);
    return true;
}

void als__glpk_guard_off(void)
{
    /* frees the environment, its hooks with it; without an environment
       (glp_init_env() failed) it does nothing, where glp_term_hook() would
       try to create one */
    glp_free_env();
}

const char *als__glpk_guard_why(const als__glpk_guard *g)
{
    return g->loglen ? g->log : "internal error";
}

als_status als__glpk_guard_status(const als__glpk_guard *g)
{
    /* GLPK's allocator (env/alloc.c) ends in xerror() with "no memory
       available" when malloc fails, "memory allocation limit exceeded"
       beyond glp_mem_limit(); MiniSat's has its own words */
    static const char *const nomem[] = {"no memory available",
                                        "memory allocation limit exceeded",
                                        "memory allocation error"};
    for (size_t k = 0; k < sizeof nomem / sizeof *nomem; k++)
        if (strstr(g->log, nomem[k]))
            return ALS_ENOMEM;
    return ALS_ESOLVER;
}

int als__glpk_ms_left(double deadline)
{
    double left = (deadline - als__now()) * 1000;
    if (left < 1)
        return 1;
    if (left > INT_MAX - 1)
        return INT_MAX - 1;
    return (int)left;
}

bool als__glpk_reentrant(void)
{
    return glp_config("TLS") != NULL;
}
