/*
 * The smallest program embedding libals: read a cohort file, parse it and
 * print how many applicants it holds, or every error with its place.
 *
 *   minimal examples/housing.json
 */
#include <stdio.h>
#include <stdlib.h>

#include "als.h"

int main(int argc, char **argv)
{
    FILE *fp;
    char *json = NULL, *grown;
    size_t len = 0, got = 0;
    als_problem *p = NULL;
    als_diag *diag = NULL;
    int code = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: %s COHORT.json\n", argv[0]);
        return 2;
    }
    if ((fp = fopen(argv[1], "rb")) == NULL) {
        perror(argv[1]);
        return 1;
    }
    /* Read the whole file, 64 KiB at a time. */
    while ((grown = realloc(json, len + 65536)) != NULL) {
        json = grown;
        len += got = fread(json + len, 1, 65536, fp);
        if (got < 65536)
            break;
    }
    if (grown == NULL || ferror(fp) || als_diag_new(&diag) != ALS_OK) {
        fprintf(stderr, "%s: cannot read the file\n", argv[1]);
    } else {
        if (als_problem_from_json(&p, json, len, diag, NULL) == ALS_OK) {
            printf("%s: %zu applicants\n", argv[1],
                   als_problem_applicant_count(p));
            code = 0;
        }
        for (size_t i = 0; i < als_diag_count(diag); i++) {
            const als_error *e = als_diag_get(diag, i);
            if (e->line != 0)
                fprintf(stderr, "%s:%u:%u: %s\n", argv[1], e->line, e->column,
                        e->message);
            else
                fprintf(stderr, "%s: %s: %s\n", argv[1], e->path, e->message);
        }
    }
    fclose(fp);
    als_diag_free(diag);
    als_problem_free(p);
    free(json);
    return code;
}
