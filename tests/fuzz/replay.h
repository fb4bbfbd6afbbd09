/*
 * Replay driver shared by the fuzz targets built with ALS_FUZZ_REPLAY: a
 * plain main() that runs every file named on its command line, or every
 * file of a directory named there (in name order), through
 * LLVMFuzzerTestOneInput(). Define FUZZ_NAME (a string) before including.
 * An empty corpus tests nothing and fails.
 */
#ifndef ALS_FUZZ_REPLAY_H
#define ALS_FUZZ_REPLAY_H

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Run one file; returns 0, or 1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "%s: %s: %s\n", FUZZ_NAME, path, strerror(errno));
        return 1;
    }
    size_t cap = 4096, len = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *more = realloc(buf, cap * 2);
            if (!more) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = more;
            cap *= 2;
        }
    }
    int bad = ferror(fp) || !buf;
    fclose(fp);
    if (bad) {
        fprintf(stderr, "%s: %s: cannot read\n", FUZZ_NAME, path);
        free(buf);
        return 1;
    }
    /* a copy of exactly the file's size, so that reading past it is
       caught by the sanitizers as it would be under libFuzzer */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int replay_cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Run every regular file of a directory, in name order. */
static int replay_dir(const char *dir, size_t *files)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "%s: %s: %s\n", FUZZ_NAME, dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int bad = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                bad = 1;
                break;
            }
            names = more;
        }
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n]) {
            bad = 1;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, replay_cmp_names);
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (!bad && stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
            bad |= replay_file(names[k]);
            (*files)++;
        }
        free(names[k]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    size_t files = 0;
    int bad = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...\n", argv[0]);
        return 2;
    }
    for (int k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            fprintf(stderr, "%s: %s: %s\n", FUZZ_NAME, argv[k],
                    strerror(errno));
            bad = 1;
        } else if (S_ISDIR(st.st_mode)) {
            bad |= replay_dir(argv[k], &files);
        } else {
            bad |= replay_file(argv[k]);
            files++;
        }
    }
    printf("%s: %zu input(s) replayed\n", FUZZ_NAME, files);
    return bad || files == 0 ? 1 : 0;
}

#endif
