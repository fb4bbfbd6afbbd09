/*
 * The CSV reader behind als_import_csv() (csv.c), and how problems in a
 * sheet are reported: by row and column, as a spreadsheet numbers them.
 * Internal; never installed.
 */
#ifndef ALS_CSV_H
#define ALS_CSV_H

#include "als_internal.h"

/* A row holding at least one non-blank cell. */
typedef struct als__csv_row {
    unsigned line; /* its number as a spreadsheet shows it (first row: 1) */
    size_t first;  /* index of its first cell in als__csv.cells */
    size_t n;      /* number of cells */
} als__csv_row;

/*
 * A sheet: its non-blank rows, the first of which is the header. A row is
 * one CSV record, so a cell holding line breaks does not add rows, and
 * blank rows are dropped but still counted in the numbering.
 */
typedef struct als__csv {
    char delim;         /* ',', ';' or '\t' */
    als__csv_row *rows; /* non-blank rows in order */
    size_t nrows, rows_cap;
    const char **cells; /* NUL-terminated, quoting undone, not trimmed */
    size_t ncells, cells_cap;
    als__arena arena;
} als__csv;

/*
 * Read `len` bytes of CSV into `c` (which needs no initialisation; free it
 * with als__csv_free() whatever the result). A byte-order mark and Excel's
 * "sep=X" first line are understood; otherwise the delimiter is whichever
 * of comma, semicolon and tab the first non-blank line holds most of.
 * Problems go to `rep`. Returns ALS_OK when the whole text was read (text
 * after a closing quote is reported but does not stop the reading), or
 * ALS_EPARSE (an unterminated quote, text that is not UTF-8), ALS_ELIMIT or
 * ALS_ENOMEM.
 */
als_status als__csv_read(als__csv *c, const char *text, size_t len,
                         als__report *rep);
void als__csv_free(als__csv *c);

/* Cell `col` (0-based) of row `r`, or NULL when the row is shorter. */
const char *als__csv_cell(const als__csv *c, const als__csv_row *r, size_t col);

/* Column letters of 1-based column `col`: A..Z, AA.., as a sheet shows. */
void als__csv_column_name(size_t col, char out[8]);

/*
 * Report a problem at row `line`, 0-based column `col` (ALS__NOIDX: the
 * whole row). The message starts "row R, column L (Header): "; the
 * header is the text of the header row's cell, when there is one. The
 * entry's line and column are the row and the 1-based column (0 for the
 * whole row). Severity ALS_SEV_WARNING is a warning (code ALS_OK).
 */
void als__csv_report(als__report *rep, const als__csv *c, als_status code,
                     als_severity sev, unsigned line, size_t col,
                     const char *fmt, ...) ALS__PRINTF(7, 8);

#endif /* ALS_CSV_H */
