/*
 * Tests of the `als` command-line tool, run as a separate process: exit
 * status, standard output and standard error for each command, for usage
 * errors, unreadable and invalid files, and for allocations broken in each
 * of the ways `als check` must catch. Broken allocations are made from the
 * valid examples/housing.allocation.json by one targeted edit each, written
 * to a private temporary directory removed at the end.
 *
 * The build defines ALS_CLI_PATH (the tool) and ALS_SOURCE_DIR, and runs
 * this program from the source directory.
 */
/* The documents below are built from macros and string pieces that
   clang-format would split a character at a time. */
/* clang-format off */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "als.h"

#ifndef ALS_CLI_PATH
#error "ALS_CLI_PATH must name the als executable"
#endif
#ifndef ALS_SOURCE_DIR
#error "ALS_SOURCE_DIR must name the source directory"
#endif

#define COHORT "examples/housing.json"
#define ALLOCATION "examples/housing.allocation.json"

/* The summary `validate` prints for the housing example. */
#define HOUSING_SUMMARY                                                        \
    "24 applicants (1 withdrawn), 22 units, 9 organisations, 4 sectors, "      \
    "2 days, sets of 4..4 (as many as needed)\n"

/* Group state: a private temporary directory. */
typedef struct fixture {
    char dir[64];
} fixture;

/* What one run of the tool gave. */
typedef struct run_result {
    int status; /* exit status, or -1 when killed by a signal */
    char *out;
    char *err;
} run_result;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    if (fp == NULL)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    do {
        if (len + 4096 + 1 > cap) {
            cap = (len + 4096 + 1) * 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + len, 1, 4096, fp);
        len += got;
    } while (got > 0);
    assert_false(ferror(fp));
    fclose(fp);
    buf[len] = '\0';
    return buf;
}

static void write_all(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (fp == NULL)
        fail_msg("cannot create %s: %s", path, strerror(errno));
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

/* `dir/name` in a malloc'd buffer. */
static char *temp_path(const fixture *fx, const char *name)
{
    size_t n = strlen(fx->dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", fx->dir, name);
    return p;
}

/* Write `text` to a new file `name` in the temporary directory. */
static char *temp_file(const fixture *fx, const char *name, const char *text)
{
    char *p = temp_path(fx, name);
    write_all(p, text);
    return p;
}

/*
 * Run the tool with the NULL-terminated arguments that follow `stdin_path`
 * (NULL: standard input is empty), capturing its output in files of the
 * temporary directory.
 */
static void run_cli(const fixture *fx, run_result *r, const char *stdin_path,
                    ...)
{
    const char *argv[32];
    size_t argc = 0;
    char *out_path = temp_path(fx, "stdout.txt");
    char *err_path = temp_path(fx, "stderr.txt");
    va_list ap;
    pid_t pid;
    int wstatus = 0;

    argv[argc++] = ALS_CLI_PATH;
    va_start(ap, stdin_path);
    for (;;) {
        const char *a = va_arg(ap, const char *);
        assert_true(argc < sizeof argv / sizeof argv[0]);
        argv[argc++] = a;
        if (a == NULL)
            break;
    }
    va_end(ap);

    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open(stdin_path != NULL ? stdin_path : "/dev/null", O_RDONLY);
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 ||
            dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        execv(ALS_CLI_PATH, (char *const *)argv);
        _exit(127);
    }
    while (waitpid(pid, &wstatus, 0) < 0)
        assert_int_equal(errno, EINTR);
    r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    r->out = read_all(out_path);
    r->err = read_all(err_path);
    free(out_path);
    free(err_path);
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (strstr((hay), (needle)) == NULL)                                   \
            fail_msg("expected to find \"%s\" in:\n%s", (needle), (hay));      \
    } while (0)

#define assert_exit(r, code)                                                   \
    do {                                                                       \
        if ((r)->status != (code))                                             \
            fail_msg("exit status %d, expected %d\nstdout:\n%s\nstderr:\n%s",  \
                     (r)->status, (code), (r)->out, (r)->err);                 \
    } while (0)

/* Number of lines of `text` that start with `prefix`. */
static size_t count_lines_starting(const char *text, const char *prefix)
{
    size_t n = 0, plen = strlen(prefix);
    const char *line = text;
    while (*line != '\0') {
        const char *nl = strchr(line, '\n');
        if (strncmp(line, prefix, plen) == 0)
            n++;
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    return n;
}

/* Assert that one line of `text` holds both `a` and `b`. */
static void assert_line_with_both(const char *text, const char *a,
                                  const char *b)
{
    const char *line = text;
    while (*line != '\0') {
        const char *nl = strchr(line, '\n');
        size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
        char *copy = malloc(len + 1);
        int ok;
        assert_non_null(copy);
        memcpy(copy, line, len);
        copy[len] = '\0';
        ok = strstr(copy, a) != NULL && strstr(copy, b) != NULL;
        free(copy);
        if (ok)
            return;
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    fail_msg("expected a line with \"%s\" and \"%s\" in:\n%s", a, b, text);
}

/* Replace the only occurrence of `from` in `*text` by `to`. */
static void edit(char **text, const char *from, const char *to)
{
    char *hit = strstr(*text, from);
    size_t flen = strlen(from), tlen = strlen(to), len = strlen(*text);
    char *res;
    if (hit == NULL || strstr(hit + 1, from) != NULL)
        fail_msg("\"%s\" must occur exactly once in the allocation", from);
    res = malloc(len - flen + tlen + 1);
    assert_non_null(res);
    memcpy(res, *text, (size_t)(hit - *text));
    memcpy(res + (hit - *text), to, tlen);
    memcpy(res + (hit - *text) + tlen, hit + flen,
           len - (size_t)(hit - *text) - flen + 1);
    free(*text);
    *text = res;
}

/* Remove from the only occurrence of `start` through the next `end`. */
static void cut(char **text, const char *start, const char *end)
{
    char *a = strstr(*text, start);
    char *b;
    if (a == NULL || strstr(a + 1, start) != NULL)
        fail_msg("\"%s\" must occur exactly once in the allocation", start);
    b = strstr(a, end);
    assert_non_null(b);
    b += strlen(end);
    memmove(a, b, strlen(b) + 1);
}

/*
 * Assert the shape of a failed `check`: exit 1, every violation on its own
 * `FILE: error: ` line on standard output, a last line `FILE: N
 * violation(s)` counting them, and nothing on standard error.
 */
static void assert_violations(const run_result *r, const char *file)
{
    char prefix[256], last[256];
    size_t n;
    assert_exit(r, 1);
    snprintf(prefix, sizeof prefix, "%s: error: ", file);
    n = count_lines_starting(r->out, prefix);
    assert_true(n >= 1);
    snprintf(last, sizeof last, "\n%s: %zu %s\n", file, n,
             n == 1 ? "violation" : "violations");
    if (strlen(r->out) < strlen(last) ||
        strcmp(r->out + strlen(r->out) - strlen(last), last) != 0)
        fail_msg("expected the last line \"%s\" in:\n%s", last + 1, r->out);
    assert_string_equal(r->err, "");
}

/* Check examples/housing.json against the allocation edited by `mutate`. */
typedef void (*mutation)(char **text);

static void check_mutated(const fixture *fx, run_result *r, const char *name,
                          mutation mutate, char **path_out)
{
    char *text = read_all(ALLOCATION);
    mutate(&text);
    *path_out = temp_file(fx, name, text);
    free(text);
    run_cli(fx, r, NULL, "check", COHORT, *path_out, (char *)NULL);
    assert_violations(r, *path_out);
}

/* ------------------------------------------------------------------ */
/* Fixture                                                             */

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    const char *tmp = getenv("TMPDIR");
    if (fx == NULL)
        return -1;
    if (tmp == NULL || tmp[0] == '\0' || strlen(tmp) > 40)
        tmp = "/tmp";
    snprintf(fx->dir, sizeof fx->dir, "%s/als-test-cli.XXXXXX", tmp);
    if (mkdtemp(fx->dir) == NULL) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    DIR *d = opendir(fx->dir);
    struct dirent *e;
    int rc = 0;
    if (d != NULL) {
        while ((e = readdir(d)) != NULL) {
            char path[512];
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", fx->dir, e->d_name);
            if (unlink(path) != 0)
                rc = -1;
        }
        closedir(d);
    }
    if (rmdir(fx->dir) != 0)
        rc = -1;
    free(fx);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Help, version, usage errors                                         */

static void test_cli__version(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "--version", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "als " ALS_VERSION_STRING "\n");
    assert_string_equal(r.err, "");
    run_free(&r);
}

static void test_cli__help(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "--help", (char *)NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out, "usage: als COMMAND", 18) == 0);
    assert_contains(r.out, "\n  validate ");
    assert_contains(r.out, "\n  check ");
    assert_contains(r.out, "Exit status");
    assert_string_equal(r.err, "");
    run_free(&r);
}

static void test_cli__command_help(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "validate", "--help", (char *)NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out, "usage: als validate COHORT\n", 27) == 0);
    assert_contains(r.out, "summary");
    assert_string_equal(r.err, "");
    run_free(&r);

    /* --help wins anywhere after the command, even after a bad option. */
    run_cli(*state, &r, NULL, "check", "--bogus", "x", "--help", (char *)NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out,
                        "usage: als check COHORT ALLOCATION "
                        "[--previous ALLOCATION]\n",
                        59) == 0);
    assert_contains(r.out, "--previous ALLOCATION");
    assert_contains(r.out, "standard output");
    assert_string_equal(r.err, "");
    run_free(&r);

    /* als --help COMMAND says the same as als COMMAND --help. */
    run_cli(*state, &r, NULL, "--help", "check", (char *)NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out, "usage: als check COHORT", 23) == 0);
    run_free(&r);
}

/* allocate's solver options come from the library's option table: each is
   listed with its bounds, and a value past them is a usage error naming
   the option as the command spells it. */
static void test_cli__allocate_options_follow_table(void **state)
{
    run_result r;
    char range[128], value[64], listed[96];
    run_cli(*state, &r, NULL, "allocate", "--help", (char *)NULL);
    assert_exit(&r, 0);
    char *help = strdup(r.out);
    assert_non_null(help);
    run_free(&r);
    size_t flags = 0;
    for (size_t i = 0; als_solve_option(i) != NULL; i++) {
        const als_solve_option_info *info = als_solve_option(i);
        if (info->flag == NULL)
            continue;
        flags++;
        als_solve_option_range(i, range, sizeof range);
        snprintf(listed, sizeof listed, "\n  %s %s ", info->flag,
                 info->metavar);
        assert_contains(help, listed);
        if (info->choices != NULL)
            snprintf(value, sizeof value, "fastest");
        else
            snprintf(value, sizeof value, "%.17g", info->max * 10 + 10);
        run_cli(*state, &r, NULL, "allocate", COHORT, info->flag, value, "-q",
                (char *)NULL);
        assert_exit(&r, 2);
        assert_string_equal(r.out, "");
        assert_contains(r.err, info->flag);
        assert_contains(r.err, range);
        run_free(&r);
    }
    free(help);
    assert_int_equal(flags, 4);
}

static void test_cli__help_man(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "--help-man", (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "@version " ALS_VERSION_STRING "\n");
    assert_contains(r.out,
                    "@command validate\n@synopsis als validate COHORT\n");
    assert_contains(r.out, "@command check\n");
    assert_contains(r.out, "@option --previous ALLOCATION\t");
    assert_string_equal(r.err, "");
    run_free(&r);
}

static void test_cli__unknown_command(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "frobnicate", COHORT, (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "unknown command 'frobnicate'\n");
    assert_contains(r.err, "\nusage: als ");
    assert_string_equal(r.out, "");
    run_free(&r);

    run_cli(*state, &r, NULL, (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "missing command\nusage: als ");
    run_free(&r);
}

static void test_cli__unknown_option(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "validate", COHORT, "--frob", (char *)NULL);
    assert_exit(&r, 2);
    assert_string_equal(r.err, "als validate: unknown option '--frob'\n"
                               "usage: als validate COHORT\n");
    assert_string_equal(r.out, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "check", "--previous=x", "--frob=1", COHORT,
            ALLOCATION, (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "unknown option '--frob'\nusage: als check ");
    run_free(&r);

    run_cli(*state, &r, NULL, "--frob", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "als: unknown option '--frob'\nusage: als ");
    run_free(&r);
}

static void test_cli__missing_argument(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "check", COHORT, (char *)NULL);
    assert_exit(&r, 2);
    assert_string_equal(r.err, "als check: missing argument ALLOCATION\n"
                               "usage: als check COHORT ALLOCATION "
                               "[--previous ALLOCATION]\n");
    assert_string_equal(r.out, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "validate", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "missing argument COHORT\n");
    run_free(&r);

    run_cli(*state, &r, NULL, "check", COHORT, ALLOCATION, "--previous",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "option '--previous' needs a value (ALLOCATION)");
    run_free(&r);
}

static void test_cli__extra_argument(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "validate", COHORT, ALLOCATION, (char *)NULL);
    assert_exit(&r, 2);
    assert_string_equal(r.err, "als validate: unexpected argument '" ALLOCATION
                               "'\nusage: als validate COHORT\n");
    assert_string_equal(r.out, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "--version", "now", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "unexpected argument 'now'");
    run_free(&r);

    run_cli(*state, &r, NULL, "check", COHORT, ALLOCATION, "--previous",
            ALLOCATION, "--previous", ALLOCATION, (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "option '--previous' given twice");
    run_free(&r);

    run_cli(*state, &r, NULL, "check", "-", "-", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "only one file can be read from '-'");
    run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Reading files                                                       */

static void test_cli__unreadable_file(void **state)
{
    const fixture *fx = *state;
    char *absent = temp_path(fx, "absent.json");
    char expect[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", absent, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect,
             "%s: error: cannot read: No such file or directory\n", absent);
    assert_string_equal(r.err, expect);
    assert_string_equal(r.out, "");
    run_free(&r);

    /* A directory opens but cannot be read. */
    run_cli(fx, &r, NULL, "validate", fx->dir, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect, "%s: error: cannot read: ", fx->dir);
    assert_true(strncmp(r.err, expect, strlen(expect)) == 0);
    run_free(&r);

    /* The option is read wherever it stands, and its file too. */
    run_cli(fx, &r, NULL, "check", "--previous", absent, COHORT, ALLOCATION,
            (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect, "%s: error: cannot read: ", absent);
    assert_contains(r.err, expect);
    run_free(&r);

    /* "--" ends the options: "-x" is then a file name. */
    run_cli(fx, &r, NULL, "validate", "--", "-x", (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "-x: error: cannot read: No such file");
    run_free(&r);
    free(absent);
}

static void test_cli__not_json(void **state)
{
    const fixture *fx = *state;
    char *bad = temp_file(fx, "syntax.json",
                          "{\n  \"programme\": {\n    \"days\": [tue]\n"
                          "  }\n}\n");
    char expect[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", bad, (char *)NULL);
    assert_exit(&r, 3);
    /* FILE:LINE:COL: error: message, the place being the bare "tue". */
    snprintf(expect, sizeof expect, "%s:3:14: error: ", bad);
    assert_true(strncmp(r.err, expect, strlen(expect)) == 0);
    assert_true(strlen(r.err) > strlen(expect) + 1);
    assert_string_equal(r.out, "");
    run_free(&r);

    /* The same file given as the allocation is reported under its name. */
    run_cli(fx, &r, NULL, "check", COHORT, bad, (char *)NULL);
    assert_exit(&r, 3);
    assert_true(strncmp(r.err, expect, strlen(expect)) == 0);
    assert_string_equal(r.out, "");
    run_free(&r);
    free(bad);
}

static void test_cli__schema_error(void **state)
{
    const fixture *fx = *state;
    char *bad = temp_file(fx, "duplicate.json",
                          "{\"programme\": {\"set_size\": {\"min\": 2, "
                          "\"max\": 3}},\n"
                          " \"applicants\": [{\"id\": \"a\"}, {\"id\": "
                          "\"a\"}, {\"id\": \"b\"}]}\n");
    char expect[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", bad, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect, "%s: error: applicants[1].id: ", bad);
    assert_true(strncmp(r.err, expect, strlen(expect)) == 0);
    assert_contains(r.err, "duplicate");
    assert_int_equal(count_lines_starting(r.err, bad), 1);
    assert_string_equal(r.out, "");
    run_free(&r);

    /* In check, cohort errors are reported under the cohort's name. */
    run_cli(fx, &r, NULL, "check", bad, ALLOCATION, (char *)NULL);
    assert_exit(&r, 3);
    assert_true(strncmp(r.err, expect, strlen(expect)) == 0);
    run_free(&r);
    free(bad);
}

static void test_cli__every_error_printed(void **state)
{
    const fixture *fx = *state;
    char *bad = temp_file(
        fx, "many.json",
        "{\"programme\": {\"days\": [\"mon\"], \"set_size\": {\"min\": 3, "
        "\"max\": 2}, \"colour\": 1},\n"
        " \"applicants\": [\n"
        "  {\"id\": \"a\", \"availability\": [\"mon\", \"fri\"]},\n"
        "  {\"id\": \"b\", \"apart\": [\"zz\"]},\n"
        "  {\"id\": \"a\", \"priority\": 1.5}\n"
        " ]}\n");
    char prefix[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", bad, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(prefix, sizeof prefix, "%s: error: ", bad);
    /* Six defects, six lines, each naming its place. */
    assert_int_equal(count_lines_starting(r.err, prefix), 6);
    assert_int_equal(count_lines_starting(r.err, bad), 6);
    assert_contains(r.err, "programme.set_size");
    assert_contains(r.err, ": programme.colour: ");
    assert_contains(r.err, ": applicants[0].availability[1]: ");
    assert_contains(r.err, ": applicants[1].apart[0]: ");
    assert_contains(r.err, ": applicants[2].id: ");
    assert_contains(r.err, ": applicants[2].priority: ");
    assert_string_equal(r.out, "");
    run_free(&r);
    free(bad);
}

static void test_cli__error_cap_noted(void **state)
{
    const fixture *fx = *state;
    size_t cap = 64 * 1024, len = 0;
    char *text = malloc(cap), *bad, prefix[512], note[512];
    run_result r;
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len,
                            "{\"programme\": {\"set_size\": {\"min\": 1, "
                            "\"max\": 2}}, \"applicants\": [");
    /* 150 applicants with a priority that is not an integer. */
    for (int i = 0; i < 150; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "%s{\"id\": \"p%d\", \"priority\": 0.5}",
                                i ? ", " : "", i);
    snprintf(text + len, cap - len, "]}\n");
    bad = temp_file(fx, "capped.json", text);
    free(text);

    run_cli(fx, &r, NULL, "validate", bad, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(prefix, sizeof prefix, "%s: error: ", bad);
    assert_int_equal(count_lines_starting(r.err, prefix), ALS_DIAG_CAP);
    snprintf(note, sizeof note, "\n%s: note: %d more errors not shown\n", bad,
             150 - ALS_DIAG_CAP);
    assert_contains(r.err, note);
    run_free(&r);
    free(bad);
}

/* ------------------------------------------------------------------ */
/* validate                                                            */

static void test_cli__validate_example(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "validate", COHORT, (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, COHORT ": ok: " HOUSING_SUMMARY);
    assert_string_equal(r.err, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "validate", "examples/councils.json",
            (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out,
                        "examples/councils.json: ok: 12 applicants, 9 units, "
                        "9 organisations, 4 sectors, 2 days, sets of 6..8 "
                        "(as many as needed)\n");
    assert_string_equal(r.err, "");
    run_free(&r);
}

static void test_cli__validate_stdin(void **state)
{
    run_result r;
    run_cli(*state, &r, COHORT, "validate", "-", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "<stdin>: ok: " HOUSING_SUMMARY);
    assert_string_equal(r.err, "");
    run_free(&r);

    /* Empty standard input is not JSON. */
    run_cli(*state, &r, NULL, "validate", "-", (char *)NULL);
    assert_exit(&r, 3);
    assert_true(strncmp(r.err, "<stdin>:1:", 10) == 0);
    assert_contains(r.err, ": error: ");
    run_free(&r);
}

static void test_cli__validate_warnings(void **state)
{
    const fixture *fx = *state;
    /* A council nomination without its councillor: not an input error. */
    char *path = temp_file(
        fx, "nomination.json",
        "{\"programme\": {\"set_size\": {\"min\": 2, \"max\": 3},\n"
        "  \"sets\": [{\"id\": \"A\"}]},\n"
        " \"applicants\": [\n"
        "  {\"id\": \"o1\", \"council\": \"York\", \"role\": \"officer\"},\n"
        "  {\"id\": \"x1\"}, {\"id\": \"x2\"}]}\n");
    char expect[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", path, (char *)NULL);
    assert_exit(&r, 0);
    snprintf(expect, sizeof expect, "%s: warning: applicants[0]", path);
    assert_contains(r.err, expect);
    assert_contains(r.err, "councillor");
    /* Warnings only: every line of standard error is one. */
    snprintf(expect, sizeof expect, "%s: warning: ", path);
    assert_int_equal(count_lines_starting(r.err, path),
                     count_lines_starting(r.err, expect));
    snprintf(expect, sizeof expect,
             "%s: ok: 3 applicants, 3 units, 1 organisation, 0 sectors, "
             "0 days, sets of 2..3 (fixed: 1)\n",
             path);
    assert_string_equal(r.out, expect);
    run_free(&r);
    free(path);
}

/* A target size: validate names it, allocate aims for it, check reports
   the size deviation. */
static void test_cli__target_size(void **state)
{
    const fixture *fx = *state;
    char *path = temp_file(
        fx, "target.json",
        "{\"programme\": {\"set_size\": {\"min\": 2, \"max\": 4, "
        "\"target\": 3}, \"rules\": {\"sector\": \"balance\"}},\n"
        " \"applicants\": [{\"id\": \"a\", \"sector\": \"x\"}, "
        "{\"id\": \"b\", \"sector\": \"x\"}, {\"id\": \"c\", "
        "\"sector\": \"x\"}, {\"id\": \"d\", \"sector\": \"x\"}, "
        "{\"id\": \"e\", \"sector\": \"x\"}, {\"id\": \"f\", "
        "\"sector\": \"x\"}]}\n");
    char *out = temp_file(fx, "target.allocation.json", "");
    char expect[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", path, (char *)NULL);
    assert_exit(&r, 0);
    snprintf(expect, sizeof expect,
             "%s: ok: 6 applicants, 6 units, 0 organisations, 1 sector, "
             "0 days, sets of 2..4, target 3 (as many as needed)\n",
             path);
    assert_string_equal(r.out, expect);
    run_free(&r);

    /* sets of 2 would cost fewer pairs; the target asks for 3 */
    run_cli(fx, &r, NULL, "allocate", path, "-o", out, "--quiet",
            (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    run_cli(fx, &r, NULL, "check", path, out, (char *)NULL);
    assert_exit(&r, 0);
    snprintf(expect, sizeof expect,
             "%s: ok: 6 placed in 2 sets, 0 unassigned, size deviation 0, "
             "penalty 6\n",
             out);
    assert_string_equal(r.out, expect);
    run_free(&r);
    free(out);
    free(path);
}

static void test_cli__reader_warnings(void **state)
{
    const fixture *fx = *state;
    /* A misspelt applicant key is ignored, with a warning that says so. */
    char *path = temp_file(fx, "typo.json",
                           "{\"programme\": {\"set_size\": {\"min\": 1, "
                           "\"max\": 2}},\n \"applicants\": [{\"id\": "
                           "\"a\", \"organisaton\": \"X\"}]}\n");
    char expect[512];
    run_result r;

    run_cli(fx, &r, NULL, "validate", path, (char *)NULL);
    assert_exit(&r, 0);
    snprintf(expect, sizeof expect,
             "%s: warning: applicants[0].organisaton: ", path);
    assert_true(strncmp(r.err, expect, strlen(expect)) == 0);
    assert_contains(r.err, "\"organisation\"");
    snprintf(expect, sizeof expect,
             "%s: ok: 1 applicant, 1 unit, 0 organisations, 0 sectors, "
             "0 days, sets of 1..2 (as many as needed)\n",
             path);
    assert_string_equal(r.out, expect);
    run_free(&r);
    free(path);
}

/* ------------------------------------------------------------------ */
/* check                                                               */

static void test_cli__check_valid(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "check", COHORT, ALLOCATION, (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, ALLOCATION ": ok: 20 placed in 5 sets, "
                                          "3 unassigned, penalty 8\n");
    assert_string_equal(r.err, "");
    run_free(&r);

    /* Options and arguments in any order; the allocation from stdin. */
    run_cli(*state, &r, ALLOCATION, "check", COHORT, "-", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "<stdin>: ok: 20 placed in 5 sets, "
                               "3 unassigned, penalty 8\n");
    run_free(&r);
}

static void test_cli__check_previous(void **state)
{
    const fixture *fx = *state;
    char *text = read_all(ALLOCATION);
    char *path, expect[512];
    run_result r;

    /* Checked as a re-run of itself, the figures must count 20 continuing. */
    run_cli(fx, &r, NULL, "check", "--previous", ALLOCATION, COHORT, ALLOCATION,
            (char *)NULL);
    assert_violations(&r, ALLOCATION);
    assert_line_with_both(r.out, ": error: objective.continuing: ", "20");
    run_free(&r);

    /* The same membership re-run: all 20 placed applicants continue. */
    edit(&text, "\"continuing\": 0,", "\"continuing\": 20,");
    path = temp_file(fx, "rerun.json", text);
    run_cli(fx, &r, NULL, "check", COHORT, path, "--previous=" ALLOCATION,
            (char *)NULL);
    assert_exit(&r, 0);
    snprintf(expect, sizeof expect,
             "%s: ok: 20 placed in 5 sets, 3 unassigned, 20 continuing, "
             "0 moved, penalty 8\n",
             path);
    assert_string_equal(r.out, expect);
    assert_string_equal(r.err, "");
    run_free(&r);
    free(path);
    free(text);
}

/* S1 gets h12, who is also taken off the unassigned list: 5 members. */
static void set_too_large(char **t)
{
    edit(t, "\"h08\"]", "\"h08\", \"h12\"]");
    cut(t, "{\"id\": \"h12\"", "},");
}

static void test_cli__check_set_too_large(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "too-large.json", set_too_large, &path);
    assert_line_with_both(r.out, ": error: sets[0]", "5");
    run_free(&r);
    free(path);
}

/* h05 stays in S5 and is also listed as unassigned. */
static void listed_twice(char **t)
{
    edit(t, "\"unassigned\": [",
         "\"unassigned\": [{\"id\": \"h05\", \"reason\": \"waiting\"}, ");
}

static void test_cli__check_listed_twice(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "twice.json", listed_twice, &path);
    assert_line_with_both(r.out, ": error: unassigned[0]", "h05");
    run_free(&r);
    free(path);
}

/* h22 is dropped from the unassigned list: not accounted for. */
static void applicant_missing(char **t)
{
    cut(t, "{\"id\": \"h22\"", "},");
}

static void test_cli__check_applicant_missing(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "missing.json", applicant_missing, &path);
    assert_line_with_both(r.out, ": error: ", "h22");
    assert_int_equal(count_lines_starting(r.out, path), 2);
    run_free(&r);
    free(path);
}

/* S2 lists x99, who is not in the cohort, instead of h18. */
static void unknown_id(char **t)
{
    edit(t, "\"h18\"]", "\"x99\"]");
}

static void test_cli__check_unknown_id(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "unknown.json", unknown_id, &path);
    assert_line_with_both(r.out, ": error: sets[1].members[3]", "x99");
    assert_line_with_both(r.out, ": error: ", "h18");
    run_free(&r);
    free(path);
}

/* h18 and h20 swap sets: h18 joins h13, whom h13 must be kept apart from. */
static void apart_together(char **t)
{
    edit(t, "\"h01\", \"h18\"]", "\"h01\", \"h20\"]");
    edit(t, "[\"h02\", \"h20\",", "[\"h02\", \"h18\",");
}

static void test_cli__check_apart_together(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "apart.json", apart_together, &path);
    assert_line_with_both(r.out, ": error: sets[2]", "h13");
    assert_line_with_both(r.out, "h13", "h18");
    run_free(&r);
    free(path);
}

/* h01 and h19 swap sets: S2 then holds h18 and h19 of Brickwell Lettings. */
static void same_organisation(char **t)
{
    edit(t, "\"h19\", \"h08\"]", "\"h01\", \"h08\"]");
    edit(t, "\"h14\", \"h01\",", "\"h14\", \"h19\",");
}

static void test_cli__check_same_organisation(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "organisation.json", same_organisation, &path);
    assert_line_with_both(r.out, ": error: sets[1]", "Brickwell Lettings");
    assert_line_with_both(r.out, "h18", "h19");
    run_free(&r);
    free(path);
}

/* S3 moves to Thursday; h02 and h20 can only come on Tuesday. */
static void not_available(char **t)
{
    edit(t, "{\"id\": \"S3\", \"day\": \"tue\"",
         "{\"id\": \"S3\", \"day\": \"thu\"");
}

static void test_cli__check_not_available(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "day.json", not_available, &path);
    assert_line_with_both(r.out, ": error: sets[2].members[0]", "h02");
    assert_line_with_both(r.out, ": error: sets[2].members[1]", "h20");
    assert_int_equal(count_lines_starting(r.out, path), 3);
    run_free(&r);
    free(path);
}

/* The reported penalty is 7 where the membership gives 8. */
static void wrong_objective(char **t)
{
    edit(t, "\"penalty\": 8,", "\"penalty\": 7,");
}

static void test_cli__check_wrong_objective(void **state)
{
    run_result r;
    char *path;
    check_mutated(*state, &r, "objective.json", wrong_objective, &path);
    assert_line_with_both(r.out, ": error: objective.penalty: ", "7");
    assert_line_with_both(r.out, ": error: objective.penalty: ", "8");
    assert_int_equal(count_lines_starting(r.out, path), 2);
    run_free(&r);
    free(path);
}

/* ------------------------------------------------------------------ */
/* report                                                              */

#define GOLDEN "tests/golden/housing.report."

static void test_cli__report_text(void **state)
{
    run_result r;
    char *want = read_all(GOLDEN "txt");
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, want);
    assert_string_equal(r.err, "");
    run_free(&r);

    /* --format text is the default; the allocation may come on stdin */
    run_cli(*state, &r, ALLOCATION, "report", "--format=text", COHORT, "-",
            (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, want);
    run_free(&r);
    free(want);
}

static void test_cli__report_every_format(void **state)
{
    static const char *const formats[] = {"text", "markdown", "csv", "html"};
    static const char *const ext[] = {"txt", "md", "csv", "html"};
    for (size_t k = 0; k < 4; k++) {
        run_result r;
        char golden[64];
        snprintf(golden, sizeof golden, GOLDEN "%s", ext[k]);
        char *want = read_all(golden);
        run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "--format",
                formats[k], (char *)NULL);
        assert_exit(&r, 0);
        assert_string_equal(r.out, want);
        assert_string_equal(r.err, "");
        run_free(&r);
        free(want);
    }
}

static void test_cli__report_output_file(void **state)
{
    run_result r;
    char *out = temp_path(*state, "report.html");
    char *want = read_all(GOLDEN "html");
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "--format",
            "html", "-o", out, (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    run_free(&r);
    char *got = read_all(out);
    assert_string_equal(got, want);
    free(got);

    /* a failed report leaves an existing OUT as it was */
    write_all(out, "keep me\n");
    char *bad = read_all(ALLOCATION);
    edit(&bad, "\"h09\", \"h14\"", "\"h09\", \"x99\"");
    char *bad_path = temp_file(*state, "bad.json", bad);
    run_cli(*state, &r, NULL, "report", COHORT, bad_path, "-o", out,
            (char *)NULL);
    assert_exit(&r, 3);
    run_free(&r);
    got = read_all(out);
    assert_string_equal(got, "keep me\n");
    free(got);
    free(bad);
    free(bad_path);
    free(want);
    free(out);
}

static void test_cli__report_bad_format(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "--format", "pdf",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "--format is text, markdown, csv or html, not "
                           "'pdf'\n");
    assert_contains(r.err, "\nusage: als report COHORT ALLOCATION");
    assert_string_equal(r.out, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "--format",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "needs a value");
    run_free(&r);

    run_cli(*state, &r, NULL, "report", COHORT, (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "missing argument ALLOCATION");
    run_free(&r);
}

static void test_cli__report_mismatch(void **state)
{
    run_result r;
    char *text = read_all(ALLOCATION);
    edit(&text, "\"h09\", \"h14\"", "\"h09\", \"x99\"");
    char *path = temp_file(*state, "unknown.json", text);
    char *out = temp_path(*state, "never.txt");
    run_cli(*state, &r, NULL, "report", COHORT, path, "-o", out,
            (char *)NULL);
    assert_exit(&r, 3);
    assert_line_with_both(r.err, ": error: sets[1].members[1]: ", "x99");
    /* h14, listed nowhere now, is missing */
    assert_line_with_both(r.err, ": error: ", "'h14' is missing");
    assert_string_equal(r.out, "");
    assert_int_equal(access(out, F_OK), -1);
    run_free(&r);
    free(out);
    free(path);
    free(text);

    /* an unreadable allocation is invalid input too */
    run_cli(*state, &r, NULL, "report", COHORT, "no/such/file.json",
            (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "no/such/file.json: error: cannot read");
    run_free(&r);
}

static void test_cli__report_help(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "report", "--help", (char *)NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out,
                        "usage: als report COHORT ALLOCATION "
                        "[--format text|markdown|csv|html] [-o OUT]\n",
                        79) == 0);
    assert_contains(r.out, "--format FORMAT");
    assert_contains(r.out, "-o, --output OUT");
    assert_string_equal(r.err, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "--help", (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "\n  report ");
    run_free(&r);

    run_cli(*state, &r, NULL, "--help-man", (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "@command report\n@synopsis als report COHORT "
                           "ALLOCATION");
    assert_contains(r.out, "@option --format FORMAT\t");
    run_free(&r);
}

/* A re-run whose cohort pins applicants to the previous sets S1 and S2
   (it has no fixed sets): validate warns, allocate needs --previous,
   check verifies the pins against it. */
static void test_cli__rerun_pins_to_previous_sets(void **state)
{
    const fixture *fx = *state;
    run_result r;
    char *cohort = temp_file(
        fx, "pinned.json",
        "{\"programme\": {\"days\": [\"tue\", \"thu\"], \"set_size\": "
        "{\"min\": 4, \"max\": 5}}, \"applicants\": [{\"id\": \"a\"}, "
        "{\"id\": \"b\"}, {\"id\": \"c\"}, {\"id\": \"d\", \"set\": \"S2\"}, "
        "{\"id\": \"e\"}, {\"id\": \"f\"}, {\"id\": \"g\"}, {\"id\": \"h\"}, "
        "{\"id\": \"z\", \"set\": \"S1\"}]}\n");
    char *prev = temp_file(
        fx, "pinned-prev.json",
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": [\"a\", "
        "\"b\", \"c\", \"d\"]}, {\"id\": \"S2\", \"day\": \"thu\", "
        "\"members\": [\"e\", \"f\", \"g\", \"h\"]}]}\n");
    char *other = temp_file(
        fx, "other-prev.json",
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": [\"a\", "
        "\"b\", \"c\", \"d\"]}, {\"id\": \"S3\", \"day\": \"thu\", "
        "\"members\": [\"e\", \"f\", \"g\", \"h\"]}]}\n");
    char *out = temp_path(fx, "pinned-out.json");

    run_cli(fx, &r, NULL, "validate", cohort, (char *)NULL);
    assert_exit(&r, 0);
    assert_line_with_both(r.err, ": warning: applicants[3].set: ", "'S2'");
    assert_line_with_both(r.err, ": warning: applicants[8].set: ", "'S1'");
    run_free(&r);

    /* no previous allocation: the pins name no set */
    run_cli(fx, &r, NULL, "allocate", cohort, "-o", out, (char *)NULL);
    assert_exit(&r, 3);
    assert_line_with_both(r.err, ": error: applicants[3].set: ", "'S2'");
    assert_int_equal(access(out, F_OK), -1);
    run_free(&r);

    /* a previous allocation without S2 */
    run_cli(fx, &r, NULL, "allocate", cohort, "--previous", other, "-o", out,
            (char *)NULL);
    assert_exit(&r, 3);
    assert_line_with_both(r.err, ": error: applicants[3].set: ",
                          "nor a set of the previous allocation");
    run_free(&r);

    /* the re-run: z joins S1, d moves to S2, both proven best */
    run_cli(fx, &r, NULL, "allocate", cohort, "--previous", prev, "--method",
            "exact", "-o", out, "--quiet", (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    char *text = read_all(out);
    assert_non_null(strstr(text, "\"status\": \"optimal\""));
    assert_non_null(strstr(text, "{\"id\": \"d\", \"from\": \"S1\", \"to\": "
                                 "\"S2\""));
    assert_non_null(strstr(text, "{\"id\": \"z\", \"from\": null, \"to\": "
                                 "\"S1\""));
    free(text);

    run_cli(fx, &r, NULL, "check", cohort, out, "--previous", prev,
            (char *)NULL);
    assert_exit(&r, 0);
    assert_non_null(strstr(r.out, ": ok: 9 placed in 2 sets, 0 unassigned, "
                                  "8 continuing, 1 moved"));
    run_free(&r);

    /* checked against a previous allocation without S2, d's pin names no
       set */
    run_cli(fx, &r, NULL, "check", cohort, out, "--previous", other,
            (char *)NULL);
    assert_exit(&r, 1);
    assert_line_with_both(r.out, ": error: ",
                          "'d' is pinned to set 'S2', which is neither");
    run_free(&r);

    free(out);
    free(other);
    free(prev);
    free(cohort);
}

/* ------------------------------------------------------------------ */
/* import                                                              */

#define IMPORT_DATA "tests/data/import/"

/* Files of the temporary directory whose names start with `prefix`. */
static size_t count_temp_files(const fixture *fx, const char *prefix)
{
    DIR *d = opendir(fx->dir);
    struct dirent *e;
    size_t n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

/* A copy of `from` in the temporary directory, as `name`. */
static char *temp_copy(const fixture *fx, const char *name, const char *from)
{
    char *text = read_all(from);
    char *p = temp_file(fx, name, text);
    free(text);
    return p;
}

static void assert_file_is(const char *path, const char *want)
{
    char *got = read_all(path);
    assert_string_equal(got, want);
    free(got);
}

static void test_cli__output_names_an_input(void **state)
{
    run_result r;
    char *cohort = temp_copy(*state, "c.json", COHORT);
    char *alloc = temp_copy(*state, "a.json", ALLOCATION);
    char *sheet = temp_copy(*state, "s.csv", IMPORT_DATA "excel.csv");
    char *want_c = read_all(COHORT), *want_a = read_all(ALLOCATION);
    char *link = temp_path(*state, "c-link.json");
    char *dotted = malloc(strlen(cohort) + 3);
    assert_non_null(dotted);
    char *slash = strrchr(cohort, '/');
    snprintf(dotted, strlen(cohort) + 3, "%.*s/./%s", (int)(slash - cohort),
             cohort, slash + 1);
    assert_int_equal(symlink("c.json", link), 0);
    /* the same path, the same file by another path, through a link */
    const char *outs[] = {cohort, dotted, link};
    for (size_t k = 0; k < 3; k++) {
        run_cli(*state, &r, NULL, "allocate", cohort, "-o", outs[k],
                "--method", "heuristic", "--effort", "0.01", (char *)NULL);
        assert_exit(&r, 2);
        assert_contains(r.err, "is the input file");
        assert_string_equal(r.out, "");
        run_free(&r);
        assert_file_is(cohort, want_c);
    }
    run_cli(*state, &r, NULL, "allocate", COHORT, "--previous", alloc, "-o",
            alloc, "--method", "heuristic", "--effort", "0.01", (char *)NULL);
    assert_exit(&r, 2);
    run_free(&r);
    assert_file_is(alloc, want_a);
    run_cli(*state, &r, NULL, "report", cohort, alloc, "-o", alloc,
            (char *)NULL);
    assert_exit(&r, 2);
    run_free(&r);
    assert_file_is(alloc, want_a);
    run_cli(*state, &r, NULL, "import", sheet, "-o", sheet, (char *)NULL);
    assert_exit(&r, 2);
    run_free(&r);
    /* standard input is an input too */
    run_cli(*state, &r, alloc, "report", COHORT, "-", "-o", alloc,
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "is the input (standard input)");
    run_free(&r);
    assert_file_is(alloc, want_a);
    free(want_c);
    free(want_a);
    free(dotted);
    free(link);
    free(cohort);
    free(alloc);
    free(sheet);
}

static void test_cli__output_empty_name(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o", "",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "als report: the output file name is empty");
    assert_contains(r.err, "\nusage: als report ");
    run_free(&r);
    run_cli(*state, &r, NULL, "allocate", COHORT, "-o", "", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "the output file name is empty");
    run_free(&r);
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "-o", "",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "the output file name is empty");
    run_free(&r);
}

static void test_cli__output_through_a_symlink(void **state)
{
    run_result r;
    char *want = read_all(GOLDEN "txt");
    char *target = temp_file(*state, "target.txt", "old\n");
    char *link = temp_path(*state, "link.txt");
    struct stat st;
    assert_int_equal(symlink("target.txt", link), 0);
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o", link,
            (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode)); /* still the link */
    assert_file_is(target, want);
    /* a link to a file not there yet: the file is made, the link kept */
    assert_int_equal(unlink(target), 0);
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o", link,
            (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_file_is(target, want);
    assert_int_equal(count_temp_files(*state, ".als-"), 0);
    free(want);
    free(target);
    free(link);
}

static void test_cli__output_to_a_fifo_or_standard_output(void **state)
{
    run_result r;
    char *want = read_all(GOLDEN "txt");
    char *fifo = temp_path(*state, "fifo");
    struct stat st;
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* a reader is there first (the report fits in the pipe's buffer) */
    int fd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(fd >= 0);
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o", fifo,
            (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode)); /* written to, not replaced */
    char buf[8192];
    ssize_t got = read(fd, buf, sizeof buf - 1);
    assert_true(got > 0);
    buf[got] = '\0';
    assert_string_equal(buf, want);
    close(fd);
    assert_int_equal(count_temp_files(*state, ".als-"), 0);
    /* /dev/stdout is the standard output, whatever that is */
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o",
            "/dev/stdout", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, want);
    run_free(&r);
    assert_int_equal(lstat("/dev/stdout", &st), 0);
    assert_true(S_ISLNK(st.st_mode) || S_ISCHR(st.st_mode));
    /* /dev/stderr too: written to (here it is a file, which stays the
       same file), not replaced */
    char *err_path = temp_path(*state, "stderr.txt");
    struct stat before, after;
    assert_int_equal(stat(err_path, &before), 0); /* from the last run */
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o",
            "/dev/stderr", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, want);
    run_free(&r);
    assert_int_equal(stat(err_path, &after), 0);
    assert_true(before.st_ino == after.st_ino);
    free(err_path);
    assert_int_equal(lstat("/dev/stderr", &st), 0);
    assert_true(S_ISLNK(st.st_mode) || S_ISCHR(st.st_mode));
    free(want);
    free(fifo);
}

static void test_cli__output_with_the_longest_name(void **state)
{
    run_result r;
    char name[256];
    memset(name, 'n', 251);
    memcpy(name + 251, ".txt", 5); /* 255 bytes, the usual NAME_MAX */
    char *out = temp_path(*state, name);
    char *want = read_all(GOLDEN "txt");
    run_cli(*state, &r, NULL, "report", COHORT, ALLOCATION, "-o", out,
            (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    assert_file_is(out, want);
    assert_int_equal(count_temp_files(*state, ".als-"), 0);
    free(want);
    free(out);
}

static void test_cli__import_example(void **state)
{
    run_result r;
    char *out = temp_path(*state, "housing.json");
    char *want = read_all(COHORT);
    run_cli(*state, &r, NULL, "import", "examples/housing.csv", "--programme",
            "examples/housing.programme.json", "-o", out, "--quiet",
            (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, ""); /* every column known, Email too */
    run_free(&r);
    char *got = read_all(out);
    assert_string_equal(got, want);
    free(got);

    /* and what it wrote is a cohort the other commands take */
    run_cli(*state, &r, NULL, "validate", out, (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, HOUSING_SUMMARY);
    run_free(&r);
    free(want);
    free(out);
}

static void test_cli__import_stdout_and_stdin(void **state)
{
    run_result r;
    run_cli(*state, &r, IMPORT_DATA "excel.csv", "import", "-", "--columns",
            "Notes=ignore", "-q", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    assert_true(strncmp(r.out, "{\n  \"format\": \"als-cohort/1\",\n", 30) ==
                0);
    assert_contains(r.out, "\n    {\"id\": \"A-03\", \"name\": "
                           "\"Zo\xC3\xAB Quinn\", \"organisation\": \"Leeds "
                           "City Council\", ");
    run_free(&r);

    /* one file only from standard input */
    run_cli(*state, &r, NULL, "import", "-", "--programme", "-",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "only one file can be read from '-'\n");
    run_free(&r);
}

static void test_cli__import_errors(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "bad_days.csv",
            "--quiet", (char *)NULL);
    assert_exit(&r, 3);
    assert_string_equal(r.out, "");
    assert_string_equal(
        r.err,
        IMPORT_DATA "bad_days.csv:5:5: error: row 5, column E (Grade): "
                    "\"Manger\" is not a seniority level; did you mean "
                    "\"manager\"?\n" IMPORT_DATA
                    "bad_days.csv:7:4: error: row 7, column D "
                    "(Availability): \"Wedensday\" is not a day; did you "
                    "mean \"Wednesday\"?\n");
    run_free(&r);

    /* a problem with a whole row has no column */
    char *empty = temp_file(*state, "empty.csv", "Id,Name\r\n");
    run_cli(*state, &r, NULL, "import", empty, (char *)NULL);
    assert_exit(&r, 3);
    assert_line_with_both(r.err, ":1: error: row 1: no applicants",
                          "empty.csv");
    run_free(&r);

    /* --strict turns the unknown column into an error */
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "--strict",
            (char *)NULL);
    assert_exit(&r, 3);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "excel.csv:1:8: error: row 1, column H (Notes): "
                           "unknown column, ignored\n");
    run_free(&r);

    run_cli(*state, &r, NULL, "import", "no/such/sheet.csv", (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "no/such/sheet.csv: error: cannot read: ");
    run_free(&r);
    free(empty);
}

static void test_cli__import_programme_errors(void **state)
{
    run_result r;
    char want[512];
    /* the programme's own problems, under its name */
    char *prog = temp_file(*state, "prog.json",
                           "{\"programme\": {\"set_size\": 4,\n"
                           "  \"days\": [\"tue\"],}}");
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv",
            "--programme", prog, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(want, sizeof want, "%s:2:19: error: trailing comma (at '}')\n",
             prog);
    assert_string_equal(r.err, want);
    run_free(&r);

    write_all(prog, "{\"programme\": {\"set_sise\": 4}}");
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv",
            "--programme", prog, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(want, sizeof want,
             "%s: error: programme.set_sise: unknown key \"set_sise\" (did "
             "you mean \"set_size\"?)\n",
             prog);
    assert_contains(r.err, want);
    run_free(&r);

    /* pairs are checked with the sheet, but belong to the programme */
    write_all(prog, "{\"programme\": {\"set_size\": 4, \"days\": [\"tue\", "
                    "\"thu\"]},\n \"pairs\": [{\"a\": \"A-01\", \"b\": "
                    "\"A-09\", \"weight\": 1}]}");
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv",
            "--programme", prog, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(want, sizeof want, "%s: error: pairs[0].b: ", prog);
    assert_line_with_both(r.err, want, "A-09");
    assert_string_equal(r.out, "");
    run_free(&r);
    free(prog);
}

static void test_cli__import_output_atomic(void **state)
{
    run_result r;
    char *out = temp_path(*state, "cohort.json");

    /* a failed import leaves an existing file as it was, and no
       temporary file behind */
    write_all(out, "keep me\n");
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "bad_days.csv", "-o", out,
            (char *)NULL);
    assert_exit(&r, 3);
    run_free(&r);
    char *got = read_all(out);
    assert_string_equal(got, "keep me\n");
    free(got);
    assert_int_equal(count_temp_files(*state, "cohort.json"), 1);
    assert_int_equal(count_temp_files(*state, ".als-"), 0);

    /* a successful one replaces it whole */
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "--output",
            out, "--columns", "Notes=ignore", "--quiet", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    run_free(&r);
    got = read_all(out);
    assert_true(strncmp(got, "{\n  \"format\": \"als-cohort/1\"", 28) == 0);
    assert_int_equal(got[strlen(got) - 1], '\n');
    free(got);
    assert_int_equal(count_temp_files(*state, "cohort.json"), 1);
    assert_int_equal(count_temp_files(*state, ".als-"), 0);
    run_cli(*state, &r, NULL, "validate", out, (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    free(out);
}

static void test_cli__import_usage_errors(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "--bogus",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "als import: unknown option '--bogus'\n"
                           "usage: als import APPLICANTS.csv ");
    assert_string_equal(r.out, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "import", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "missing argument APPLICANTS.csv\n");
    run_free(&r);

    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "--columns",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "option '--columns' needs a value (MAPPING)\n");
    run_free(&r);

    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "--strict=1",
            (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "option '--strict' takes no value\n");
    run_free(&r);

    /* a mapping that does not fit the sheet is invalid input */
    run_cli(*state, &r, NULL, "import", IMPORT_DATA "excel.csv", "--columns",
            "Notez=ignore", (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "excel.csv:1: error: row 1: the columns mapping "
                           "names \"Notez\", but no column has that header; "
                           "did you mean \"Notes\"?\n");
    run_free(&r);
}

/* import prints the mapping it used unless --quiet; --columns @FILE. */
static void test_cli__import_summary_and_mapping_file(void **state)
{
    const fixture *fx = *state;
    run_result r;
    char *map = temp_file(fx, "map.txt",
                          "# columns of the booking sheet\n"
                          "Notes=ignore\n"
                          "Employer = organisation\n");
    char *arg = malloc(strlen(map) + 2);
    assert_non_null(arg);
    snprintf(arg, strlen(map) + 2, "@%s", map);
    run_cli(fx, &r, NULL, "import", IMPORT_DATA "excel.csv", "--columns", arg,
            (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(
        r.err,
        IMPORT_DATA "excel.csv: note: column A (Applicant ID) -> id, 3 values "
                    "read\n" IMPORT_DATA
        "excel.csv: note: column B (Full name) -> name, 3 values read\n"
        IMPORT_DATA "excel.csv: note: column C (Employer) -> organisation, 3 "
                    "values read\n" IMPORT_DATA
        "excel.csv: note: column D (Sector) -> sector, 3 values read\n"
        IMPORT_DATA "excel.csv: note: column E (Grade) -> seniority, 3 values "
                    "read\n" IMPORT_DATA
        "excel.csv: note: column F (Days) -> availability, 3 values read\n"
        IMPORT_DATA "excel.csv: note: column G (Apart) -> apart, 2 values "
                    "read\n" IMPORT_DATA
        "excel.csv: note: column H (Notes): ignored (--columns says so)\n"
        IMPORT_DATA "excel.csv: note: 3 rows read\n");
    run_free(&r);
    /* --quiet: nothing but problems */
    run_cli(fx, &r, NULL, "import", IMPORT_DATA "excel.csv", "--columns", arg,
            "--quiet", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    /* a mapping saved from a spreadsheet: header, then field */
    char *mapcsv = temp_file(fx, "map.csv",
                             "Header,Field\r\n"
                             "Notes,ignore\r\n"
                             "\"Employer\",organisation\r\n");
    run_cli(fx, &r, NULL, "import", IMPORT_DATA "excel.csv", "--columns",
            mapcsv, "-q", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    free(mapcsv);
    /* a mapping file that cannot be read */
    run_cli(fx, &r, NULL, "import", IMPORT_DATA "excel.csv", "--columns",
            "@no/such/map.txt", (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "no/such/map.txt: error: cannot read");
    run_free(&r);
    free(arg);
    free(map);
}

static void test_cli__import_help(void **state)
{
    run_result r;
    run_cli(*state, &r, NULL, "import", "--help", (char *)NULL);
    assert_exit(&r, 0);
    static const char usage[] = "usage: als import APPLICANTS.csv "
                                "[--programme PROGRAMME.json] [-o "
                                "COHORT.json] [--facilitators "
                                "FACILITATORS.csv] [--columns MAPPING] "
                                "[--first-come] [--strict] [--quiet]\n";
    assert_true(strncmp(r.out, usage, sizeof usage - 1) == 0);
    assert_contains(r.out, "--programme PROGRAMME.json");
    assert_contains(r.out, "--facilitators FACILITATORS.csv");
    assert_contains(r.out, "-o, --output COHORT.json");
    assert_contains(r.out, "--columns MAPPING");
    assert_contains(r.out, "--strict");
    assert_contains(r.out, "--first-come");
    assert_contains(r.out, "Timestamp");
    assert_contains(r.out, "Exit status:");
    assert_string_equal(r.err, "");
    run_free(&r);

    run_cli(*state, &r, NULL, "--help", (char *)NULL);
    assert_contains(r.out, "\n  import ");
    run_free(&r);
}


/* The sheet of a programme in progress, without an id column: an e-mail
   for some, name and organisation for the rest. */
static const char sheet_v1[] =
    "Name,Organisation,Email,Days\n"
    "Ann Lee,Acme,ann@acme.example,Tue\n"
    "Bob Ray,Beta,,Tue\n"
    "Cy Dunn,Cobalt,cy@cobalt.example,Tue\n"
    "Di Fox,Delta,,Tue\n"
    "Ed Gale,Echo,,Tue\n"
    "Flo Hart,Foxtrot,flo@foxtrot.example,Thu\n"
    "Gus Ives,Golf,,Thu\n"
    "Hal Jones,Hotel,,Thu\n"
    "Ida King,India,ida@india.example,Thu\n"
    "Jo Smith,Juliet,,Thu\n";

/* The same sheet later: Bob's row deleted, the rest re-sorted by name
   descending, a late joiner appended. */
static const char sheet_v2[] =
    "Name,Organisation,Email,Days\n"
    "Jo Smith,Juliet,,Thu\n"
    "Ida King,India,ida@india.example,Thu\n"
    "Hal Jones,Hotel,,Thu\n"
    "Gus Ives,Golf,,Thu\n"
    "Flo Hart,Foxtrot,flo@foxtrot.example,Thu\n"
    "Ed Gale,Echo,,Tue\n"
    "Di Fox,Delta,,Tue\n"
    "Cy Dunn,Cobalt,cy@cobalt.example,Tue\n"
    "Ann Lee,Acme,ann@acme.example,Tue\n"
    "Kim Lowe,Kilo,kim@kilo.example,Tue\n";

/* import, allocate, edit the sheet, import again, re-run: nobody moves. */
static void test_cli__reimport_rerun_moves_nobody(void **state)
{
    const fixture *fx = *state;
    run_result r;
    char *csv1 = temp_file(fx, "sheet1.csv", sheet_v1);
    char *csv2 = temp_file(fx, "sheet2.csv", sheet_v2);
    char *c1 = temp_path(fx, "c1.json"), *c2 = temp_path(fx, "c2.json");
    char *a1 = temp_path(fx, "a1.json"), *a2 = temp_path(fx, "a2.json");
    run_cli(fx, &r, NULL, "import", csv1, "-o", c1, (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    run_cli(fx, &r, NULL, "allocate", c1, "-o", a1, "--quiet", (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    char *first = read_all(a1);
    assert_contains(first, "\"placed\": 10,");
    assert_contains(first, "\"names\": [");
    free(first);
    run_cli(fx, &r, NULL, "import", csv2, "-o", c2, (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    run_cli(fx, &r, NULL, "allocate", c2, "--previous", a1, "-o", a2,
            "--quiet", (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    char *second = read_all(a2);
    assert_contains(second, "\"continuing\": 9, \"moves\": 0, \"placed\": 10,");
    assert_contains(second, "{\"id\": \"bob-ray-beta\", \"from\": \"S1\", "
                            "\"to\": null, \"reason\": \"no longer in the "
                            "cohort\"}");
    assert_contains(second, "{\"id\": \"kim@kilo.example\", \"from\": null, "
                            "\"to\": \"S1\", \"reason\": \"joined: "
                            "applied after the last allocation\"}");
    free(second);
    run_cli(fx, &r, NULL, "check", c2, a2, "--previous", a1, (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    free(csv1);
    free(csv2);
    free(c1);
    free(c2);
    free(a1);
    free(a2);
}

/* A previous allocation that does not name the cohort's people, or lists
   someone twice: invalid input (3), under the previous file's name. */
static void test_cli__previous_refused(void **state)
{
    const fixture *fx = *state;
    run_result r;
    char *csv = temp_file(fx, "sheet.csv", sheet_v1);
    char *c1 = temp_path(fx, "c1.json"), *a1 = temp_path(fx, "a1.json");
    run_cli(fx, &r, NULL, "import", csv, "-o", c1, (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    run_cli(fx, &r, NULL, "allocate", c1, "-o", a1, "--quiet", (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);

    /* the cohort now calls ann@acme.example someone else */
    char *text = read_all(c1);
    edit(&text, "\"name\": \"Ann Lee\"", "\"name\": \"Sam Patel\"");
    char *c2 = temp_file(fx, "c2.json", text);
    free(text);
    char expect[512];
    run_cli(fx, &r, NULL, "allocate", c2, "--previous", a1, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect,
             "%s: error: sets[0].members[0]: id 'ann@acme.example' was 'Ann "
             "Lee' in the previous allocation but is 'Sam Patel' in the "
             "cohort",
             a1);
    assert_contains(r.err, expect);
    assert_string_equal(r.out, "");
    run_free(&r);
    run_cli(fx, &r, NULL, "check", c2, a1, "--previous", a1, (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, expect);
    run_free(&r);

    /* a member listed twice */
    text = read_all(a1);
    edit(&text, "\"members\": [\"ann@acme.example\", ",
         "\"members\": [\"ann@acme.example\", \"ann@acme.example\", ");
    edit(&text, "\"names\": [\"Ann Lee\", ",
         "\"names\": [\"Ann Lee\", \"Ann Lee\", ");
    char *twice = temp_file(fx, "twice.json", text);
    free(text);
    run_cli(fx, &r, NULL, "allocate", c1, "--previous", twice, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect,
             "%s: error: sets[0].members[1]: 'ann@acme.example' is listed "
             "twice in the previous allocation (also at sets[0].members[0])",
             twice);
    assert_contains(r.err, expect);
    run_free(&r);
    free(csv);
    free(c1);
    free(c2);
    free(a1);
    free(twice);
}


/* --first-come: priorities by the Timestamp column; an unreadable time is
   invalid input at its row and column. */
static void test_cli__import_first_come(void **state)
{
    const fixture *fx = *state;
    run_result r;
    char *csv = temp_file(fx, "form.csv",
                          "Timestamp,Name\n"
                          "2024/09/03 10:14:55 am GMT+1,Ann\n"
                          "2024/09/03 9:00:00 am GMT+1,Bob\n");
    run_cli(fx, &r, NULL, "import", csv, "--first-come", (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "{\"id\": \"ann\", \"name\": \"Ann\", "
                           "\"priority\": 1}");
    assert_contains(r.out, "{\"id\": \"bob\", \"name\": \"Bob\", "
                           "\"priority\": 2}");
    run_free(&r);
    char *bad = temp_file(fx, "bad.csv", "Timestamp,Name\nsoon,Ann\n");
    run_cli(fx, &r, NULL, "import", bad, "--first-come", (char *)NULL);
    assert_exit(&r, 3);
    char expect[256];
    snprintf(expect, sizeof expect,
             "%s:2:1: error: row 2, column A (Timestamp): \"soon\" is not a "
             "date and time",
             bad);
    assert_contains(r.err, expect);
    run_free(&r);
    free(csv);
    free(bad);
}


static void test_cli__init_kinds_validate_and_import(void **state)
{
    const fixture *fx = *state;
    static const char *const kinds[] = {"weekdays", "series", "slots"};
    static const char *const sheets[] = {
        "Name,Organisation,Availability\nAnn Ash,A,tue\nBob Birch,B,thu\n",
        "Name,Organisation,Availability\nAnn Ash,A,Series 1\n"
        "Bob Birch,B,Series 2\n",
        "Name,Organisation,Availability\nAnn Ash,A,Tuesday AM\n"
        "Bob Birch,B,Thursday PM\n"};
    char *prog = temp_path(fx, "programme.json");
    char *sheet = temp_path(fx, "sheet.csv");
    run_result r;
    for (size_t k = 0; k < 3; k++) {
        run_cli(fx, &r, NULL, "init", kinds[k], "--size", "8:12:10",
                "--sets", "5", "--council-pairs", "--organisations",
                "prefer_distinct", "--seniority", "mixed", "--name",
                "Leaders \"2025\"", "-o", prog, (char *)NULL);
        assert_exit(&r, 0);
        assert_string_equal(r.out, "");
        assert_string_equal(r.err, "");
        run_free(&r);
        char *text = read_all(prog);
        assert_contains(text, "\"// about\": ");
        assert_contains(text, "\"set_size\": {\"min\": 8, \"max\": 12}");
        assert_contains(text, "Aim at 10");
        assert_contains(text, "\"sets\": 5");
        assert_contains(text, "\"name\": \"Leaders \\\"2025\\\"\"");
        assert_contains(text, "\"organisation\": \"prefer_distinct\"");
        assert_contains(text, "\"seniority\": \"mixed\"");
        assert_contains(text, "\"council_pairs\": true");
        assert_contains(text, k == 0   ? "\"days\": [\"tue\", \"thu\"]"
                              : k == 1 ? "\"days\": [\"Series 1\", \"Series "
                                         "2\", \"Series 3\"]"
                                       : "\"days\": [\"Tuesday AM\", "
                                         "\"Tuesday PM\", \"Thursday AM\", "
                                         "\"Thursday PM\"]");
        free(text);
        /* als validate takes it as a programme */
        run_cli(fx, &r, NULL, "validate", prog, (char *)NULL);
        assert_exit(&r, 0);
        assert_contains(r.out, ": ok: a programme without applicants");
        assert_string_equal(r.err, "");
        run_free(&r);
        /* and als import takes it, its days naming the sheet's */
        write_all(sheet, sheets[k]);
        run_cli(fx, &r, NULL, "import", "--strict", "--quiet", "--programme",
                prog, sheet, (char *)NULL);
        assert_exit(&r, 0);
        assert_string_equal(r.err, "");
        assert_contains(r.out, "\"// about\": ");
        assert_contains(r.out, "\"availability\": [");
        run_free(&r);
    }
    /* the defaults, on standard output */
    run_cli(fx, &r, NULL, "init", (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "\"set_size\": {\"min\": 4, \"max\": 8}");
    assert_contains(r.out, "\"organisation\": \"distinct\"");
    assert_contains(r.out, "\"council_pairs\": false");
    run_free(&r);
    run_cli(fx, &r, NULL, "init", "series", "--days", "2", "--size", "4",
            "-o", "-", (char *)NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "\"days\": [\"Series 1\", \"Series 2\"]");
    assert_contains(r.out, "\"set_size\": {\"min\": 4, \"max\": 4}");
    run_free(&r);
    free(prog);
    free(sheet);
}

static void test_cli__init_usage_errors(void **state)
{
    const fixture *fx = *state;
    char *prog = temp_file(fx, "kept.json", "as it was");
    static const char *const bad[][4] = {
        {"bogus", NULL, NULL, "unknown kind 'bogus'"},
        {"weekdays", "--size", "9:4", "MIN <= TARGET <= MAX"},
        {"weekdays", "--size", "4:8:9", "MIN <= TARGET <= MAX"},
        {"weekdays", "--size", "4:x", "--size is MIN"},
        {"weekdays", "--size", "1:2:3:4", "--size is MIN"},
        {"weekdays", "--sets", "0", "--sets needs"},
        {"weekdays", "--organisations", "apart", "--organisations is"},
        {"weekdays", "--seniority", "old", "--seniority is"},
        {"slots", "--days", "tue,funday", "'funday' is not a weekday"},
        {"weekdays", "--days", "tue,TUE", "listed twice"},
    };
    run_result r;
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        if (bad[k][1] != NULL)
            run_cli(fx, &r, NULL, "init", bad[k][0], bad[k][1], bad[k][2],
                    "-o", prog, (char *)NULL);
        else
            run_cli(fx, &r, NULL, "init", bad[k][0], "-o", prog,
                    (char *)NULL);
        assert_exit(&r, 2);
        assert_contains(r.err, bad[k][3]);
        assert_contains(r.err, "usage: als init");
        run_free(&r);
        char *text = read_all(prog);
        assert_string_equal(text, "as it was");
        free(text);
    }
    run_cli(fx, &r, NULL, "init", "weekdays", "slots", (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "unexpected argument 'slots'");
    run_free(&r);
    free(prog);
}

static void test_cli__validate_programme_errors(void **state)
{
    const fixture *fx = *state;
    /* a programme document's own errors, without "missing applicants" */
    char *path = temp_file(
        fx, "programme.json",
        "{\"// about\": \"x\", \"programme\": {\"set_size\": 4, "
        "\"aliases\": {\"organisation\": {\"LCC\": \"Leeds CC\", "
        "\"Leeds CC\": \"Leeds City Council\"}}}}\n");
    char expect[512];
    run_result r;
    run_cli(fx, &r, NULL, "validate", path, (char *)NULL);
    assert_exit(&r, 3);
    snprintf(expect, sizeof expect,
             "%s: error: programme.aliases.organisation.LCC: 'LCC' is "
             "mapped to 'Leeds CC', which is itself mapped to 'Leeds City "
             "Council'",
             path);
    assert_contains(r.err, expect);
    assert_null(strstr(r.err, "missing"));
    assert_string_equal(r.out, "");
    run_free(&r);
    /* a cohort's errors stay a cohort's */
    write_all(path, "{\"programme\": {\"set_size\": 4}, \"applicants\": "
                    "[{\"id\": 3}]}\n");
    run_cli(fx, &r, NULL, "validate", path, (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "applicants[0].id");
    run_free(&r);
    free(path);
}

static void test_cli__validate_offers_aliases(void **state)
{
    const fixture *fx = *state;
    char *path = temp_file(
        fx, "spellings.json",
        "{\"programme\": {\"set_size\": 4}, \"applicants\": [\n"
        " {\"id\": \"a\", \"organisation\": \"Leeds City Council\"},\n"
        " {\"id\": \"b\", \"organisation\": \"Leeds CC\"},\n"
        " {\"id\": \"c\", \"organisation\": \"Leeds City Council\"},\n"
        " {\"id\": \"d\", \"sector\": \"VCS\"},\n"
        " {\"id\": \"e\", \"sector\": \"voluntary\"}]}\n");
    char expect[512];
    run_result r;
    run_cli(fx, &r, NULL, "validate", path, (char *)NULL);
    assert_exit(&r, 0);
    snprintf(expect, sizeof expect,
             "%s: warning: applicants[1].organisation: 'Leeds CC' (1) may be "
             "spellings of organisation 'Leeds City Council' (2)",
             path);
    assert_contains(r.err, expect);
    snprintf(expect, sizeof expect,
             "%s: to treat the spellings above as one, add to the "
             "programme:\n\"aliases\": {\n  \"organisation\": {\"Leeds CC\": "
             "\"Leeds City Council\"},\n  \"sector\": {\"VCS\": "
             "\"voluntary\"}\n}\n",
             path);
    assert_contains(r.err, expect);
    run_free(&r);
    free(path);
}

/* ------------------------------------------------------------------ */
/* als calendar                                                         */

#define CAL_COHORT                                                             \
    "{\"programme\": {\"name\": \"Leaders\", \"days\": [\"tue\", \"thu\"], "  \
    "\"set_size\": {\"min\": 1, \"max\": 3}, \"calendar\": {\"timezone\": "   \
    "\"Europe/London\", \"sessions\": ["                                      \
    "{\"title\": \"Introduction\", \"week\": \"2021-02-01\", \"start\": "     \
    "\"10:00\", \"minutes\": 120},"                                           \
    "{\"title\": \"Set meeting 1\", \"date\": \"2021-03-09\", \"start\": "    \
    "{\"tue\": \"09:30\", \"thu\": \"13:00\"}, \"minutes\": 240}]}}, "        \
    "\"applicants\": [{\"id\": \"a\", \"name\": \"Ann Lee\", \"email\": "     \
    "\"ann@x.org\"}, {\"id\": \"b\", \"name\": \"Bo Ray\"}, {\"id\": \"c\"}, " \
    "{\"id\": \"d\"}]}\n"

/* An iCalendar text with its folded lines unfolded (RFC 5545 3.1), in
   place. */
static char *unfold(char *t)
{
    char *w = t;
    for (const char *r = t; *r;) {
        if (r[0] == '\r' && r[1] == '\n' && (r[2] == ' ' || r[2] == '\t')) {
            r += 3;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
    return t;
}

static void test_cli__calendar_writes_a_file_per_set(void **state)
{
    run_result r;
    char *cohort = temp_file(*state, "cal.json", CAL_COHORT);
    char *alloc = temp_file(
        *state, "cal.allocation.json",
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": [\"a\", "
        "\"b\"]}, {\"id\": \"S/2\", \"day\": \"thu\", \"members\": [\"c\", "
        "\"d\"]}], \"unassigned\": []}\n");
    char *rerun = temp_file(
        *state, "cal.rerun.json",
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": [\"a\", "
        "\"c\"]}, {\"id\": \"S/2\", \"day\": \"thu\", \"members\": [\"b\", "
        "\"d\"]}], \"unassigned\": [], \"changes\": [{\"id\": \"b\", "
        "\"from\": \"S1\", \"to\": \"S/2\"}, {\"id\": \"c\", \"from\": "
        "\"S/2\", \"to\": \"S1\"}]}\n");
    /* DIR is created, with its parent */
    char *dir = temp_path(*state, "cals/new");
    char *parent = temp_path(*state, "cals");
    assert_int_equal(mkdir(parent, 0777), 0);
    run_cli(*state, &r, NULL, "calendar", cohort, alloc, "-o", dir,
            (char *)NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    size_t n = strlen(dir);
    char *s1 = malloc(n + 16), *s2 = malloc(n + 16);
    assert_non_null(s1);
    assert_non_null(s2);
    snprintf(s1, n + 16, "%s/S1.ics", dir);
    snprintf(s2, n + 16, "%s/S_2.ics", dir); /* '/' written '_' */
    char want[1024];
    snprintf(want, sizeof want, "%s\n%s\n", s1, s2);
    assert_string_equal(r.out, want);
    run_free(&r);
    char *first = unfold(read_all(s1));
    assert_true(strncmp(first, "BEGIN:VCALENDAR\r\n", 17) == 0);
    assert_contains(first, "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n");
    assert_contains(first, "DTSTART;TZID=Europe/London:20210202T100000\r\n");
    assert_contains(first, "SUMMARY:Leaders: Introduction (set S1)\r\n");
    assert_contains(first, "mailto:ann@x.org");
    assert_contains(first, "SEQUENCE:0\r\n");
    assert_int_equal(count_lines_starting(first, "BEGIN:VEVENT"), 2);
    char *other = read_all(s2);
    assert_contains(other, "DTSTART;TZID=Europe/London:20210204T100000\r\n");
    assert_contains(other, "DTSTART;TZID=Europe/London:20210309T130000\r\n");
    free(other);

    /* a re-run over the same directory: the same UIDs, a higher SEQUENCE */
    run_cli(*state, &r, NULL, "calendar", cohort, rerun, "-o", dir,
            (char *)NULL);
    assert_exit(&r, 0);
    run_free(&r);
    char *second = unfold(read_all(s1));
    for (const char *u = strstr(first, "\nUID:"); u;
         u = strstr(u + 1, "\nUID:")) {
        char line[256];
        size_t k = strcspn(u + 1, "\r");
        assert_true(k < sizeof line);
        memcpy(line, u + 1, k);
        line[k] = '\0';
        assert_contains(second, line);
    }
    assert_null(strstr(second, "SEQUENCE:0\r\n"));
    assert_contains(second, "SEQUENCE:2\r\n");
    free(second);
    free(first);
    /* the fixture removes files only */
    assert_int_equal(unlink(s1), 0);
    assert_int_equal(unlink(s2), 0);
    assert_int_equal(rmdir(dir), 0);
    assert_int_equal(rmdir(parent), 0);
    free(s1);
    free(s2);
    free(dir);
    free(parent);
    free(cohort);
    free(alloc);
    free(rerun);
}

static void test_cli__calendar_errors(void **state)
{
    run_result r;
    /* -o DIR is required */
    run_cli(*state, &r, NULL, "calendar", COHORT, ALLOCATION, (char *)NULL);
    assert_exit(&r, 2);
    assert_contains(r.err, "-o DIR");
    run_free(&r);
    /* a cohort without a calendar: nothing written */
    char *dir = temp_path(*state, "nocal");
    run_cli(*state, &r, NULL, "calendar", COHORT, ALLOCATION, "-o", dir,
            (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "programme.calendar");
    assert_string_equal(r.out, "");
    run_free(&r);
    struct stat st;
    assert_int_not_equal(stat(dir, &st), 0);
    /* DIR is a file */
    char *file = temp_file(*state, "plain", "x");
    char *cohort = temp_file(*state, "cal2.json", CAL_COHORT);
    char *alloc = temp_file(
        *state, "cal2.allocation.json",
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": [\"a\", "
        "\"b\"]}, {\"id\": \"S2\", \"day\": \"thu\", \"members\": [\"c\", "
        "\"d\"]}], \"unassigned\": []}\n");
    run_cli(*state, &r, NULL, "calendar", cohort, alloc, "-o", file,
            (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "not a directory");
    run_free(&r);
    /* an allocation that breaks the cohort's rules: invalid input */
    char *bad = temp_file(
        *state, "cal2.bad.json",
        "{\"sets\": [{\"id\": \"S1\", \"day\": \"tue\", \"members\": [\"a\", "
        "\"b\", \"zz\"]}, {\"id\": \"S2\", \"day\": \"thu\", \"members\": "
        "[\"c\", \"d\"]}], \"unassigned\": []}\n");
    run_cli(*state, &r, NULL, "calendar", cohort, bad, "-o", dir,
            (char *)NULL);
    assert_exit(&r, 3);
    assert_contains(r.err, "zz");
    run_free(&r);
    assert_int_not_equal(stat(dir, &st), 0);
    free(bad);
    free(file);
    free(cohort);
    free(alloc);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli__version),
        cmocka_unit_test(test_cli__help),
        cmocka_unit_test(test_cli__command_help),
        cmocka_unit_test(test_cli__help_man),
        cmocka_unit_test(test_cli__allocate_options_follow_table),
        cmocka_unit_test(test_cli__unknown_command),
        cmocka_unit_test(test_cli__unknown_option),
        cmocka_unit_test(test_cli__missing_argument),
        cmocka_unit_test(test_cli__extra_argument),
        cmocka_unit_test(test_cli__unreadable_file),
        cmocka_unit_test(test_cli__not_json),
        cmocka_unit_test(test_cli__schema_error),
        cmocka_unit_test(test_cli__every_error_printed),
        cmocka_unit_test(test_cli__error_cap_noted),
        cmocka_unit_test(test_cli__validate_example),
        cmocka_unit_test(test_cli__validate_stdin),
        cmocka_unit_test(test_cli__validate_warnings),
        cmocka_unit_test(test_cli__reader_warnings),
        cmocka_unit_test(test_cli__target_size),
        cmocka_unit_test(test_cli__check_valid),
        cmocka_unit_test(test_cli__check_previous),
        cmocka_unit_test(test_cli__check_set_too_large),
        cmocka_unit_test(test_cli__check_listed_twice),
        cmocka_unit_test(test_cli__check_applicant_missing),
        cmocka_unit_test(test_cli__check_unknown_id),
        cmocka_unit_test(test_cli__check_apart_together),
        cmocka_unit_test(test_cli__check_same_organisation),
        cmocka_unit_test(test_cli__check_not_available),
        cmocka_unit_test(test_cli__check_wrong_objective),
        cmocka_unit_test(test_cli__report_text),
        cmocka_unit_test(test_cli__report_every_format),
        cmocka_unit_test(test_cli__report_output_file),
        cmocka_unit_test(test_cli__calendar_writes_a_file_per_set),
        cmocka_unit_test(test_cli__calendar_errors),
        cmocka_unit_test(test_cli__report_bad_format),
        cmocka_unit_test(test_cli__output_names_an_input),
        cmocka_unit_test(test_cli__output_empty_name),
        cmocka_unit_test(test_cli__output_through_a_symlink),
        cmocka_unit_test(test_cli__output_to_a_fifo_or_standard_output),
        cmocka_unit_test(test_cli__output_with_the_longest_name),
        cmocka_unit_test(test_cli__report_mismatch),
        cmocka_unit_test(test_cli__report_help),
        cmocka_unit_test(test_cli__rerun_pins_to_previous_sets),
        cmocka_unit_test(test_cli__import_example),
        cmocka_unit_test(test_cli__reimport_rerun_moves_nobody),
        cmocka_unit_test(test_cli__previous_refused),
        cmocka_unit_test(test_cli__import_first_come),
        cmocka_unit_test(test_cli__import_stdout_and_stdin),
        cmocka_unit_test(test_cli__import_errors),
        cmocka_unit_test(test_cli__import_programme_errors),
        cmocka_unit_test(test_cli__import_output_atomic),
        cmocka_unit_test(test_cli__import_usage_errors),
        cmocka_unit_test(test_cli__import_summary_and_mapping_file),
        cmocka_unit_test(test_cli__import_help),
        cmocka_unit_test(test_cli__init_kinds_validate_and_import),
        cmocka_unit_test(test_cli__init_usage_errors),
        cmocka_unit_test(test_cli__validate_offers_aliases),
        cmocka_unit_test(test_cli__validate_programme_errors),
    };
    if (chdir(ALS_SOURCE_DIR) != 0) {
        fprintf(stderr, "cannot enter %s: %s\n", ALS_SOURCE_DIR,
                strerror(errno));
        return 1;
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
/* clang-format on */
