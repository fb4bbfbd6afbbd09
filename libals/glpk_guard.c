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

void als__glpk_guard_on(als__glpk_guard *g)
{
    glp_term_hook(on_term, g);
    glp_error_hook(on_error, g);
}

void als__glpk_guard_off(void)
{
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    glp_free_env();
}

const char *als__glpk_guard_why(const als__glpk_guard *g)
{
    return g->loglen ? g->log : "internal error";
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
