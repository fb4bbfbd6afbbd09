/*
 * MDGPLIB instances for the benchmark harness; see mdgp.h. File format
 * (the data set's README): "n m type a_1 b_1 ... a_m b_m", then one line
 * "i j d_ij" per pair, 0-based.
 */
#include "mdgp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int mdgp_read(const char *path, als_problem **out, size_t *nout)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 1;
    }
    int n, m;
    char type[8];
    als_builder *b = NULL;
    als_error e;
    int rc = 1;
    if (fscanf(f, "%d %d %7s", &n, &m, type) != 3 || n < 2 || m < 1 ||
        n > 100000 || m > n) {
        fprintf(stderr, "%s: bad header\n", path);
        goto done;
    }
    if (als_builder_new(&b, &e) != ALS_OK)
        goto done;
    als_builder_set_size(b, 1, n, &e);
    for (int g = 0; g < m; g++) {
        int lo, hi;
        char id[16];
        if (fscanf(f, "%d %d", &lo, &hi) != 2) {
            fprintf(stderr, "%s: bad group bounds\n", path);
            goto done;
        }
        snprintf(id, sizeof id, "G%d", g + 1);
        if (als_builder_add_set(b, id, NULL, lo, hi, &e) != ALS_OK ||
            als_builder_set_required(b, id, 1, &e) != ALS_OK) {
            fprintf(stderr, "%s: %s\n", path, e.message);
            goto done;
        }
    }
    als_builder_rule_organisation(b, ALS_ORG_IGNORE, 1, &e);
    als_builder_rule_sector(b, ALS_SECTOR_IGNORE, 1, &e);
    als_builder_rule_seniority(b, ALS_SENIORITY_IGNORE, 1, ALS_NONE, &e);
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "e%d", i);
        als_applicant a = ALS_APPLICANT_INIT;
        a.id = id;
        if (als_builder_add_applicant(b, &a, &e) != ALS_OK)
            goto done;
    }
    int i, j;
    double d;
    while (fscanf(f, "%d %d %lf", &i, &j, &d) == 3) {
        char ia[16], ja[16];
        snprintf(ia, sizeof ia, "e%d", i);
        snprintf(ja, sizeof ja, "e%d", j);
        if (als_builder_add_pair(b, ia, ja, -d, &e) != ALS_OK) {
            fprintf(stderr, "%s: %s\n", path, e.message);
            goto done;
        }
    }
    if (als_builder_finish(b, out, NULL, &e) != ALS_OK) {
        fprintf(stderr, "%s: %s: %s\n", path, e.path, e.message);
        goto done;
    }
    *nout = (size_t)n;
    rc = 0;
done:
    als_builder_free(b);
    fclose(f);
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Every n = 10 and 12 instance of optimum_small.tsv, solved exactly. */
static int small(const char *dir, double limit)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/optimum_small.tsv", dir);
    FILE *t = fopen(path, "r");
    if (!t) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 1;
    }
    char line[4096];
    int total = 0, matched = 0, proven = 0, failures = 0;
    double worst = 0;
    printf("instance,n,m,optimum,found,proven,time_s\n");
    if (!fgets(line, sizeof line, t)) /* header */
        line[0] = '\0';
    while (fgets(line, sizeof line, t)) {
        char name[128];
        int n, m;
        double opt;
        if (sscanf(line, "%127s %d %d %lf", name, &n, &m, &opt) != 4)
            continue;
        snprintf(path, sizeof path, "%s/%s.txt", dir, name);
        als_problem *p = NULL;
        size_t nn;
        if (mdgp_read(path, &p, &nn) != 0) {
            failures++;
            continue;
        }
        als_solve_options o;
        als_solve_options_init(&o, p);
        o.method = ALS_METHOD_EXACT;
        o.time_limit_s = limit;
        als_allocation *a = NULL;
        als_error e;
        double t0 = now();
        if (als_solve(&a, p, &o, &e) != ALS_OK) {
            fprintf(stderr, "%s: %s\n", name, e.message);
            als_problem_free(p);
            failures++;
            continue;
        }
        double secs = now() - t0;
        als_objective ob = als_allocation_objective(a, NULL);
        double found = -ob.penalty;
        int is_opt = als_allocation_status(a) == ALS_SOLVE_OPTIMAL;
        /* the optima are given to three decimals */
        int same = fabs(found - opt) <= 5e-4 + 1e-9 * fabs(opt);
        total++;
        matched += same;
        proven += is_opt;
        if (secs > worst)
            worst = secs;
        printf("%s,%d,%d,%.3f,%.3f,%d,%.3f\n", name, n, m, opt, found,
               is_opt, secs);
        als_allocation_free(a);
        als_problem_free(p);
    }
    fclose(t);
    printf("%d instances: %d at the published optimum, %d proven optimal, "
           "slowest %.2f s, %d failures\n",
           total, matched, proven, worst, failures);
    return matched == total && failures == 0 ? 0 : 1;
}

int mdgp_main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "mdgp") == 0) {
        als_problem *p = NULL;
        size_t n;
        return mdgp_read(argv[2], &p, &n) == 0 ? (als_problem_free(p), 0) : 1;
    }
    if (argc >= 3 && strcmp(argv[1], "mdgp-small") == 0) {
        double limit = 10;
        if (argc >= 5 && strcmp(argv[3], "--time-limit") == 0)
            limit = atof(argv[4]);
        return small(argv[2], limit);
    }
    fprintf(stderr, "usage: als_bench mdgp-small DIR [--time-limit T]\n");
    return 2;
}
