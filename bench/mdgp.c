/*
 * MDGPLIB instances for the benchmark harness; see mdgp.h. File format
 * (the data set's README): "n m type a_1 b_1 ... a_m b_m", then one line
 * "i j d_ij" per pair, 0-based.
 */
#include "mdgp.h"

#include <math.h>
#include <stdbool.h>
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
        printf("%s,%d,%d,%.3f,%.3f,%d,%.3f\n", name, n, m, opt, found, is_opt,
               secs);
        als_allocation_free(a);
        als_problem_free(p);
    }
    fclose(t);
    printf("%d instances: %d at the published optimum, %d proven optimal, "
           "slowest %.2f s, %d failures\n",
           total, matched, proven, worst, failures);
    return matched == total && failures == 0 ? 0 : 1;
}

/* One row of best_known.tsv. */
typedef struct known {
    char name[128];
    int n, m;
    double best, avg20, limit;
} known;

static int read_known(const char *dir, known **out, size_t *nout)
{
    char path[1024], line[4096];
    snprintf(path, sizeof path, "%s/best_known.tsv", dir);
    FILE *t = fopen(path, "r");
    if (!t) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 1;
    }
    known *k = NULL;
    size_t n = 0, cap = 0;
    while (fgets(line, sizeof line, t)) {
        known r;
        memset(&r, 0, sizeof r);
        char *f[7] = {0};
        size_t nf = 0;
        for (char *c = line, *start = line; nf < 7; c++) {
            if (*c == '\t' || *c == '\n' || *c == '\0') {
                int end = *c == '\0' || *c == '\n';
                *c = '\0';
                f[nf++] = start;
                start = c + 1;
                if (end)
                    break;
            }
        }
        if (nf < 6 || sscanf(f[1], "%d", &r.n) != 1)
            continue; /* the header */
        snprintf(r.name, sizeof r.name, "%s", f[0]);
        r.m = atoi(f[2]);
        r.best = atof(f[3]);
        r.avg20 = f[4][0] ? atof(f[4]) : NAN;
        r.limit = f[5][0] ? atof(f[5]) : NAN;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            known *g = realloc(k, cap * sizeof *k);
            if (!g) {
                free(k);
                fclose(t);
                return 1;
            }
            k = g;
        }
        k[n++] = r;
    }
    fclose(t);
    *out = k;
    *nout = n;
    return 0;
}

/* Gap in percent of a maximisation result below the reference. */
static double gap(double found, double ref)
{
    return 100.0 * (ref - found) / fabs(ref);
}

/*
 * Writes `a` to DIR/NAME.sSEED.allocation.json: a run that went above the
 * published best-known value, kept so that `als check` can confirm it.
 */
static int keep(const char *dir, const char *name, int seed,
                const als_allocation *a)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.s%d.allocation.json", dir, name, seed);
    char *json = NULL;
    size_t len = 0;
    als_error e;
    if (als_allocation_to_json(a, &json, &len, &e) != ALS_OK) {
        fprintf(stderr, "%s: %s\n", name, e.message);
        return 1;
    }
    FILE *f = fopen(path, "w");
    int ok = f && fwrite(json, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    als_free(json);
    if (!ok)
        fprintf(stderr, "%s: cannot write\n", path);
    return ok ? 0 : 1;
}

/*
 * The instances of n = 100 or more (MDGPLIB's 120, 240 and 480) with the
 * heuristic at the literature's time limits (times `scale`), `seeds` runs each:
 * one CSV row per run to `csv` (when not NULL), one summary row per instance to
 * stdout, then averages by family and size. With `keep_dir`, every run above
 * the published best-known value is written there (keep()).
 */
static int large(const char *dir, int only_n, const char *only, int first,
                 int seeds, double scale, double effort, const char *csv_path,
                 const char *keep_dir)
{
    known *k = NULL;
    size_t nk = 0;
    if (read_known(dir, &k, &nk) != 0)
        return 1;
    FILE *csv = NULL;
    if (csv_path && !(csv = fopen(csv_path, "w"))) {
        fprintf(stderr, "%s: cannot write\n", csv_path);
        free(k);
        return 1;
    }
    if (csv)
        fprintf(csv, "instance,n,m,seed,time_s,found,best_known,gap_pct\n");
    printf("instance,n,m,limit_s,best_known,avg_of_20_runs,ref_mean_gap_pct,"
           "best,mean,best_gap_pct,mean_gap_pct\n");
    /* per family x size x type: sum of mean gaps, of the reference's (an
       instance of another size is in the rows above but not summarised) */
    const char *fam[3] = {"Geo", "RanInt", "RanReal"};
    const int size[3] = {120, 240, 480};
    double sum[3][3][2] = {{{0}}}, ref[3][3][2] = {{{0}}};
    int cnt[3][3][2] = {{{0}}};
    int failures = 0;
    for (size_t r = 0; r < nk; r++) {
        if (k[r].n < 100 || (only_n && k[r].n != only_n) ||
            (only && !strstr(k[r].name, only)))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.txt", dir, k[r].name);
        als_problem *p = NULL;
        size_t nn;
        if (mdgp_read(path, &p, &nn) != 0) {
            failures++;
            continue;
        }
        double best = -INFINITY, total = 0;
        int runs = 0;
        for (int s = first; s < first + seeds; s++) {
            als_solve_options o;
            als_solve_options_init(&o, p);
            o.method = ALS_METHOD_HEURISTIC;
            o.time_limit_s = k[r].limit * scale;
            o.effort = effort; /* by default 1, as `als allocate` */
            o.seed = (unsigned long long)s;
            als_allocation *a = NULL;
            als_error e;
            double t0 = now();
            if (als_solve(&a, p, &o, &e) != ALS_OK) {
                fprintf(stderr, "%s: %s\n", k[r].name, e.message);
                failures++;
                continue;
            }
            double secs = now() - t0;
            double found = -als_allocation_objective(a, NULL).penalty;
            if (als_allocation_status(a) != ALS_SOLVE_OPTIMAL &&
                als_allocation_status(a) != ALS_SOLVE_FEASIBLE)
                failures++;
            if (keep_dir && found > k[r].best &&
                keep(keep_dir, k[r].name, s, a) != 0)
                failures++;
            als_allocation_free(a);
            if (csv)
                fprintf(csv, "%s,%d,%d,%d,%.3f,%.6f,%.6f,%.4f\n", k[r].name,
                        k[r].n, k[r].m, s, secs, found, k[r].best,
                        gap(found, k[r].best));
            if (found > best)
                best = found;
            total += found;
            runs++;
        }
        als_problem_free(p);
        if (runs == 0)
            continue;
        double mean = total / runs;
        double refgap = gap(k[r].avg20, k[r].best);
        printf("%s,%d,%d,%.3g,%.6f,%.6f,%.4f,%.6f,%.6f,%.4f,%.4f\n", k[r].name,
               k[r].n, k[r].m, k[r].limit * scale, k[r].best, k[r].avg20,
               refgap, best, mean, gap(best, k[r].best), gap(mean, k[r].best));
        fflush(stdout);
        int sz = 0;
        while (sz < 3 && size[sz] != k[r].n)
            sz++;
        for (int f = 0; f < 3 && sz < 3; f++) {
            size_t len = strlen(fam[f]);
            if (strncmp(k[r].name, fam[f], len) == 0 && k[r].name[len] == '_') {
                int ty = strstr(k[r].name, "_ds_") != 0;
                sum[f][sz][ty] += gap(mean, k[r].best);
                ref[f][sz][ty] += refgap;
                cnt[f][sz][ty]++;
            }
        }
    }
    printf("\nfamily,n,type,instances,mean_gap_pct,ref_mean_gap_pct\n");
    double all = 0;
    int nall = 0;
    for (int f = 0; f < 3; f++)
        for (int sz = 0; sz < 3; sz++)
            for (int ty = 0; ty < 2; ty++)
                if (cnt[f][sz][ty]) {
                    printf("%s,%d,%s,%d,%.4f,%.4f\n", fam[f], size[sz],
                           ty ? "ds" : "ss", cnt[f][sz][ty],
                           sum[f][sz][ty] / cnt[f][sz][ty],
                           ref[f][sz][ty] / cnt[f][sz][ty]);
                    all += sum[f][sz][ty];
                    nall += cnt[f][sz][ty];
                }
    if (nall)
        printf("all,,,%d,%.4f,\n", nall, all / nall);
    if (csv)
        fclose(csv);
    free(k);
    return failures ? 1 : 0;
}

/*
 * The quality gate's MDGPLIB part: the six n = 120 instances numbered 01
 * (Geo, RanInt, RanReal; same and different sizes), with the heuristic at
 * its defaults (effort 1) and half the literature's time limit, seed 1.
 * One row per instance to stdout; returns the mean gap to the best-known
 * value in percent, or a negative number when an instance could not be
 * solved.
 */
double mdgp_gate(const char *dir)
{
    known *k = NULL;
    size_t nk = 0;
    if (read_known(dir, &k, &nk) != 0)
        return -1;
    double total = 0;
    int runs = 0;
    for (size_t r = 0; r < nk; r++) {
        if (k[r].n != 120 || !strstr(k[r].name, "_01"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.txt", dir, k[r].name);
        als_problem *p = NULL;
        size_t nn;
        if (mdgp_read(path, &p, &nn) != 0) {
            free(k);
            return -1;
        }
        als_solve_options o;
        als_solve_options_init(&o, p);
        o.method = ALS_METHOD_HEURISTIC;
        o.time_limit_s = k[r].limit * 0.5;
        als_allocation *a = NULL;
        als_error e;
        if (als_solve(&a, p, &o, &e) != ALS_OK) {
            fprintf(stderr, "%s: %s\n", k[r].name, e.message);
            als_problem_free(p);
            free(k);
            return -1;
        }
        double g = gap(-als_allocation_objective(a, NULL).penalty, k[r].best);
        printf("mdgp,%s,%.4f,%s\n", k[r].name, g,
               als_stop_reason_str(als_allocation_stop_reason(a)));
        fflush(stdout);
        total += g;
        runs++;
        als_allocation_free(a);
        als_problem_free(p);
    }
    free(k);
    return runs ? total / runs : -1;
}

/*
 * An instance as a cohort document, for the als command (bench/anticlust-
 * compare): the same cohort mdgp_read() builds, each group a required
 * fixed set with the instance's bounds, each distance a pair weight -d.
 */
static int to_json(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 1;
    }
    int n, m;
    char type[8];
    if (fscanf(f, "%d %d %7s", &n, &m, type) != 3 || n < 2 || m < 1 ||
        n > 100000 || m > n) {
        fprintf(stderr, "%s: bad header\n", path);
        fclose(f);
        return 1;
    }
    printf("{\"programme\": {\"set_size\": {\"min\": 1, \"max\": %d},\n"
           " \"rules\": {\"organisation\": \"ignore\", \"sector\": "
           "\"ignore\", \"seniority\": \"ignore\"},\n \"sets\": [",
           n);
    for (int g = 0; g < m; g++) {
        int lo, hi;
        if (fscanf(f, "%d %d", &lo, &hi) != 2) {
            fprintf(stderr, "%s: bad group bounds\n", path);
            fclose(f);
            return 1;
        }
        printf("%s\n  {\"id\": \"G%d\", \"set_size\": {\"min\": %d, "
               "\"max\": %d}, \"required\": true}",
               g ? "," : "", g + 1, lo, hi);
    }
    printf("]},\n \"applicants\": [");
    for (int i = 0; i < n; i++)
        printf("%s{\"id\": \"e%d\"}", i ? ", " : "", i);
    printf("],\n \"pairs\": [");
    int i, j, k = 0;
    double d;
    while (fscanf(f, "%d %d %lf", &i, &j, &d) == 3)
        printf("%s\n  {\"a\": \"e%d\", \"b\": \"e%d\", \"weight\": %.17g}",
               k++ ? "," : "", i, j, -d);
    printf("]}\n");
    fclose(f);
    return 0;
}

/* splitmix64: the generator's own stream, so that an instance is the same
   on every machine */
static unsigned long long mix_next(unsigned long long *x)
{
    unsigned long long z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static long mix_below(unsigned long long *x, long k)
{
    return (long)(mix_next(x) % (unsigned long long)k);
}

/*
 * An instance in MDGPLIB's format and of its random kinds, for sizes the
 * data set lacks (n = 480): RanReal, distances uniform on 0-100 with 3
 * decimals, or RanInt, integers 0-100; m groups; `ss`, each of n / m, or
 * `ds`, each group's lower bound drawn from [3/4 n/m, n/m] and its upper
 * from [n/m, 5/4 n/m] (the spread of MDGPLIB's n = 240 bounds). As in
 * MDGPLIB, the ss and ds instances of one seed share their distances.
 */
static int gen_instance(const char *family, int n, int m, const char *type,
                        unsigned long long seed)
{
    bool real = strcmp(family, "RanReal") == 0;
    bool ds = strcmp(type, "ds") == 0;
    if ((!real && strcmp(family, "RanInt") != 0) ||
        (!ds && strcmp(type, "ss") != 0) || n < 2 || m < 1 || n > 20000 ||
        m > n || (!ds && n % m != 0)) {
        fprintf(stderr, "mdgp-gen: FAMILY is RanReal or RanInt, TYPE ss "
                        "or ds, 1 <= M <= N <= 20000 (ss: M divides N)\n");
        return 2;
    }
    unsigned long long bx = seed * 2 + 1, dx = seed * 2;
    int q = n / m, lo_min = (3 * q + 3) / 4, hi_max = (5 * q) / 4;
    int *lo = calloc((size_t)m, sizeof *lo),
        *hi = calloc((size_t)m, sizeof *hi);
    if (!lo || !hi) {
        free(lo);
        free(hi);
        fprintf(stderr, "mdgp-gen: out of memory\n");
        return 4;
    }
    for (;;) {
        long slo = 0, shi = 0;
        for (int g = 0; g < m; g++) {
            lo[g] = ds ? lo_min + (int)mix_below(&bx, q - lo_min + 1) : q;
            hi[g] = ds ? q + (int)mix_below(&bx, hi_max - q + 1) : q;
            slo += lo[g];
            shi += hi[g];
        }
        if (slo <= n && n <= shi)
            break;
    }
    printf("%d %d %s", n, m, type);
    for (int g = 0; g < m; g++)
        printf(" %d %d", lo[g], hi[g]);
    printf(" \n");
    free(lo);
    free(hi);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (real)
                printf("%d %d %.3f\n", i, j,
                       (double)mix_below(&dx, 100001) / 1000.0);
            else
                printf("%d %d %ld\n", i, j, mix_below(&dx, 101));
        }
    return 0;
}

int mdgp_main(int argc, char **argv)
{
    if (argc >= 7 && strcmp(argv[1], "mdgp-gen") == 0)
        return gen_instance(argv[2], atoi(argv[3]), atoi(argv[4]), argv[5],
                            strtoull(argv[6], NULL, 10));
    if (argc >= 3 && strcmp(argv[1], "mdgp-json") == 0)
        return to_json(argv[2]);
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
    if (argc >= 3 && strcmp(argv[1], "mdgp-large") == 0) {
        int only_n = 0, seeds = 5, first = 1;
        double scale = 1, effort = 1;
        const char *only = NULL, *csv = NULL, *keep_dir = NULL;
        for (int i = 3; i + 1 < argc; i += 2) {
            if (strcmp(argv[i], "--n") == 0)
                only_n = atoi(argv[i + 1]);
            else if (strcmp(argv[i], "--seeds") == 0)
                seeds = atoi(argv[i + 1]);
            else if (strcmp(argv[i], "--first-seed") == 0)
                first = atoi(argv[i + 1]);
            else if (strcmp(argv[i], "--scale") == 0)
                scale = atof(argv[i + 1]);
            else if (strcmp(argv[i], "--only") == 0)
                only = argv[i + 1];
            else if (strcmp(argv[i], "--runs") == 0)
                csv = argv[i + 1];
            else if (strcmp(argv[i], "--keep") == 0)
                keep_dir = argv[i + 1];
            else if (strcmp(argv[i], "--effort") == 0)
                effort = atof(argv[i + 1]);
            else
                break;
        }
        return large(argv[2], only_n, only, first > 0 ? first : 1,
                     seeds > 0 ? seeds : 1, scale > 0 ? scale : 1,
                     effort > 0 ? effort : 1, csv, keep_dir);
    }
    fprintf(stderr, "usage: als_bench mdgp-json INSTANCE > COHORT.json\n"
                    "       als_bench mdgp-gen RanReal|RanInt N M ss|ds SEED "
                    "> INSTANCE\n"
                    "       als_bench mdgp-small DIR [--time-limit T]\n"
                    "       als_bench mdgp-large DIR [--n 120|240|480] "
                    "[--seeds K] [--first-seed S] [--scale X] [--effort E]\n"
                    "         [--only TEXT] [--runs CSV] [--keep DIR]\n");
    return 2;
}
