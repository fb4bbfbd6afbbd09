/*
 * Reading CSV as spreadsheets save it (RFC 4180): a cell in double quotes
 * may hold delimiters, line breaks and quotes written twice; records end
 * with CRLF, LF or CR. Rows keep the numbers a spreadsheet shows, so that
 * every problem can be found in the sheet it came from. Cells are tidied
 * as they are read (trimmed, each run of white space one space): they are
 * names and labels, never text whose layout matters.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many columns (a spreadsheet's own limit, XFD). */
#define MAX_COLUMNS 16384u

void als__csv_free(als__csv *c)
{
    free(c->rows);
    free(c->cells);
    als__arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

const char *als__csv_cell(const als__csv *c, const als__csv_row *r, size_t col)
{
    return col < r->n ? c->cells[r->first + col] : NULL;
}

void als__csv_column_name(size_t col, char out[8])
{
    char rev[8];
    size_t n = 0;
    while (col > 0 && n < 7) {
        col--;
        rev[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (size_t k = 0; k < n; k++)
        out[k] = rev[n - 1 - k];
    out[n] = '\0';
}

void als__csv_report(als__report *rep, const als__csv *c, als_status code,
                     als_severity sev, unsigned line, size_t col,
                     const char *fmt, ...)
{
    char where[128], msg[ALS_MESSAGE_MAX * 2];
    if (col == ALS__NOIDX) {
        snprintf(where, sizeof where, "row %u", line);
    } else {
        char letters[8];
        als__csv_column_name(col + 1, letters);
        const char *h =
            c && c->nrows ? als__csv_cell(c, &c->rows[0], col) : NULL;
        if (h && *h) {
            /* a long header is cut, at a character boundary */
            size_t n = strlen(h);
            if (n > 60) {
                n = 60;
                while (n > 0 && ((unsigned char)h[n] & 0xC0) == 0x80)
                    n--;
            }
            snprintf(where, sizeof where, "row %u, column %s (%.*s%s)", line,
                     letters, (int)n, h, h[n] ? "..." : "");
        } else {
            snprintf(where, sizeof where, "row %u, column %s", line, letters);
        }
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    als_error e;
    als__error_set(&e, sev == ALS_SEV_WARNING ? ALS_OK : code, "", "%s%s%s: %s",
                   rep->sheet ? rep->sheet : "", rep->sheet ? ", " : "", where,
                   msg);
    e.severity = sev;
    e.line = line;
    e.column = col == ALS__NOIDX ? 0 : (unsigned)(col + 1);
    als__report_add(rep, &e);
}

/* ---- reading --------------------------------------------------------- */

static bool is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' ||
           ch == '\f';
}

/* Trim `s` in place and make each run of white space (a no-break space
   too, which spreadsheets export) one space. */
static void tidy(char *s)
{
    char *w = s;
    bool gap = false;
    for (const char *r = s; *r;) {
        size_t n = 1;
        bool space = is_space((unsigned char)*r);
        if (!space && (unsigned char)r[0] == 0xC2 &&
            (unsigned char)r[1] == 0xA0) {
            space = true;
            n = 2;
        }
        if (space) {
            gap = w > s;
        } else {
            if (gap)
                *w++ = ' ';
            gap = false;
            *w++ = *r;
        }
        r += n;
    }
    *w = '\0';
}

/* Undo the doubling of quotes inside a quoted cell, in place. */
static void undouble(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        *w++ = *r;
        if (r[0] == '"' && r[1] == '"')
            r++;
    }
    *w = '\0';
}

/*
 * The delimiter of the first line that holds something besides
 * delimiters: the most frequent of comma, semicolon and tab outside
 * quotes (comma on a tie or when there is none).
 */
static char detect_delimiter(const char *t, size_t len)
{
    static const char delims[3] = {',', ';', '\t'};
    size_t count[3] = {0, 0, 0};
    bool quoted = false, content = false;
    for (size_t i = 0; i < len; i++) {
        char ch = t[i];
        if (ch == '"') {
            quoted = !quoted;
            content = true;
        } else if (quoted) {
            continue;
        } else if (ch == '\n' || ch == '\r') {
            if (content)
                break;
            memset(count, 0, sizeof count);
        } else if (ch == ',' || ch == ';' || ch == '\t') {
            count[ch == ',' ? 0 : ch == ';' ? 1 : 2]++;
        } else if (ch != ' ') {
            content = true;
        }
    }
    size_t best = 0;
    for (size_t k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return delims[best];
}

/* The character Windows-1252 gives byte 0x80..0x9F, 0 where it gives
   none. */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0};

/*
 * Bytes t[a..b) read as Windows-1252 into out (UTF-8, cut to fit): true
 * when every byte is a character there (no control byte, none of the five
 * bytes 1252 leaves undefined).
 */
static bool as_cp1252(const char *t, size_t a, size_t b, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t k = a; k < b; k++) {
        unsigned char ch = (unsigned char)t[k];
        unsigned u = ch;
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
            return false;
        if (ch == 0x7F)
            return false;
        if (ch >= 0x80 && ch < 0xA0 && !(u = cp1252_c1[ch - 0x80]))
            return false;
        char enc[4];
        size_t m = u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
        if (m == 1) {
            enc[0] = (char)u;
        } else if (m == 2) {
            enc[0] = (char)(0xC0 | u >> 6);
            enc[1] = (char)(0x80 | (u & 0x3F));
        } else {
            enc[0] = (char)(0xE0 | u >> 12);
            enc[1] = (char)(0x80 | (u >> 6 & 0x3F));
            enc[2] = (char)(0x80 | (u & 0x3F));
        }
        if (n + m < cap) {
            memcpy(out + n, enc, m);
            n += m;
        }
    }
    out[n] = '\0';
    return true;
}

/*
 * Check that bytes t[a..b) are text: UTF-8 without NUL or other control
 * bytes (tab and line breaks aside). Text that is not UTF-8 but reads as
 * Windows-1252 (Excel's plain "CSV") is named as such, with the cell as it
 * would read; it is not decoded, since a wrong guess would change names
 * and ids without a word.
 */
static bool check_text(als__report *rep, const als__csv *c, const char *t,
                       size_t a, size_t b, unsigned line, size_t col)
{
    for (size_t k = a; k < b;) {
        unsigned char ch = (unsigned char)t[k];
        size_t n = ch ? als__utf8_len((const unsigned char *)t + k, b - k) : 0;
        if (ch == 0) {
            als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line, col,
                            "a NUL byte: this is not a CSV text file");
            return false;
        }
        if ((ch < 0x20 && !is_space(ch)) || ch == 0x7F) {
            als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line, col,
                            "a control byte (0x%02X): binary data, not "
                            "text; is this cell (or the file) damaged?",
                            ch);
            return false;
        }
        if (n == 0) {
            char as1252[120];
            size_t end = b - a > 80 ? a + 80 : b;
            if (as_cp1252(t, a, end, as1252, sizeof as1252))
                als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line, col,
                                "not UTF-8 text (byte 0x%02X): the file "
                                "looks like Windows-1252 (\"%s\"), as "
                                "Excel's plain \"CSV\" saves it; save the "
                                "sheet as \"CSV UTF-8\"",
                                ch, as1252);
            else
                als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line, col,
                                "not UTF-8 text (byte 0x%02X): binary data, "
                                "or another encoding; save the sheet as "
                                "\"CSV UTF-8\"",
                                ch);
            return false;
        }
        k += n;
    }
    return true;
}

static bool push_cell(als__csv *c, const char *cell)
{
    if (!als__grow((void **)&c->cells, &c->cells_cap, c->ncells + 1,
                   sizeof *c->cells))
        return false;
    c->cells[c->ncells++] = cell;
    return true;
}

static bool push_row(als__csv *c, unsigned line, size_t first)
{
    if (!als__grow((void **)&c->rows, &c->rows_cap, c->nrows + 1,
                   sizeof *c->rows))
        return false;
    c->rows[c->nrows++] = (als__csv_row){line, first, c->ncells - first};
    return true;
}

/* The end of an unquoted stretch of a cell: the next delimiter, line
   ending or the end of the text. */
static size_t cell_end(const char *t, size_t len, size_t i, char delim)
{
    while (i < len && t[i] != delim && t[i] != '\n' && t[i] != '\r')
        i++;
    return i;
}

als_status als__csv_read(als__csv *c, const char *text, size_t len,
                         als__report *rep)
{
    memset(c, 0, sizeof *c);
    if (len > ALS_MAX_INPUT_BYTES) {
        als__csv_report(rep, NULL, ALS_ELIMIT, ALS_SEV_ERROR, 1, ALS__NOIDX,
                        "the file of %zu bytes is larger than the limit of "
                        "%zu bytes",
                        len, (size_t)ALS_MAX_INPUT_BYTES);
        return ALS_ELIMIT;
    }
    size_t i = 0;
    /* UTF-16 (Excel's "Unicode Text", some exports): a byte-order mark,
       or ASCII with a NUL byte beside each character */
    if (len >= 2 &&
        ((memcmp(text, "\xFF\xFE", 2) == 0 ||
          memcmp(text, "\xFE\xFF", 2) == 0) ||
         (len >= 4 && ((text[0] && !text[1] && text[2] && !text[3]) ||
                       (!text[0] && text[1] && !text[2] && text[3]))))) {
        als__csv_report(rep, NULL, ALS_EPARSE, ALS_SEV_ERROR, 1, ALS__NOIDX,
                        "the file is UTF-16 text (as Excel's \"Unicode "
                        "Text\" saves it), not UTF-8: save the sheet as "
                        "\"CSV UTF-8\" (File, Save As, CSV UTF-8 (Comma "
                        "delimited))");
        return ALS_EPARSE;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* the byte-order mark Excel writes */
    /* Excel's "sep=;" line names the delimiter and is not a row */
    if (len - i >= 5 && memcmp(text + i, "sep=", 4) == 0 &&
        text[i + 4] != '\0' && strchr(",;\t", text[i + 4]) &&
        (len - i == 5 || text[i + 5] == '\n' || text[i + 5] == '\r')) {
        c->delim = text[i + 4];
        i += 5;
        if (i < len && text[i] == '\r')
            i++;
        if (i < len && text[i] == '\n')
            i++;
    } else {
        c->delim = detect_delimiter(text + i, len - i);
    }

    /* the delimiters the sheet does not use, to find rows split by one */
    char other[2];
    for (size_t k = 0, n = 0; k < 3; k++)
        if (",;\t"[k] != c->delim)
            other[n++] = ",;\t"[k];
    unsigned line = 0;
    while (i < len) {
        line++;
        size_t first = c->ncells, col = 0;
        bool blank = true;
        size_t nother[2] = {0, 0}, other_col[2] = {0, 0};
        for (;;) {
            if (col == MAX_COLUMNS) {
                als__csv_report(rep, c, ALS_ELIMIT, ALS_SEV_ERROR, line,
                                ALS__NOIDX, "more than %u columns",
                                MAX_COLUMNS);
                return ALS_ELIMIT;
            }
            size_t start, end, tail = 0;
            bool quoted = i < len && text[i] == '"';
            if (quoted) {
                start = ++i;
                for (;;) {
                    const char *q = memchr(text + i, '"', len - i);
                    if (!q) {
                        als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line,
                                        col,
                                        "the quote that opens this cell is "
                                        "never closed (a quote inside a "
                                        "quoted cell is written twice: \"\")");
                        return ALS_EPARSE;
                    }
                    i = (size_t)(q - text);
                    if (i + 1 < len && text[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                end = i++;
                /* text between the closing quote and the delimiter */
                tail = cell_end(text, len, i, c->delim) - i;
                if (tail) {
                    als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line,
                                    col,
                                    "text after the closing quote (\"%.*s\"); "
                                    "a quote inside a quoted cell is "
                                    "written twice: \"\"",
                                    (int)(tail > 40 ? 40 : tail), text + i);
                }
            } else {
                start = i;
                end = i = cell_end(text, len, i, c->delim);
                for (size_t k = start; k < end; k++)
                    for (int d = 0; d < 2; d++)
                        if (text[k] == other[d] && nother[d]++ == 0)
                            other_col[d] = col;
            }
            if (!check_text(rep, c, text, start, end, line, col) ||
                !check_text(rep, c, text, i, i + tail, line, col))
                return ALS_EPARSE;
            char *cell =
                als__arena_strndup(&c->arena, text + start, end - start);
            if (!cell || !push_cell(c, cell))
                return ALS_ENOMEM;
            if (quoted)
                undouble(cell);
            tidy(cell);
            blank &= *cell == '\0';
            i += tail;
            col++;
            if (i < len && text[i] == c->delim) {
                i++;
                continue;
            }
            if (i < len && text[i] == '\r')
                i++;
            if (i < len && text[i] == '\n')
                i++;
            break;
        }
        if (blank) {
            c->ncells = first; /* a blank row: counted, not kept */
            continue;
        }
        /* a row written with another delimiter than the sheet's: fewer
           cells than the header, which that delimiter would split into
           more (its cells would all be read as one) */
        size_t ncols = c->ncells - first;
        for (int d = 0; d < 2 && c->nrows > 0; d++)
            if (ncols < c->rows[0].n && nother[d] + 1 > ncols) {
                als__csv_report(rep, c, ALS_EPARSE, ALS_SEV_ERROR, line,
                                other_col[d],
                                "this row is separated by %s, but the sheet "
                                "by %s (as its first row is): save every "
                                "row with the same delimiter",
                                other[d] == '\t'  ? "tabs"
                                : other[d] == ';' ? "semicolons"
                                                  : "commas",
                                c->delim == '\t'  ? "tabs"
                                : c->delim == ';' ? "semicolons"
                                                  : "commas");
                break;
            }
        if (c->nrows > ALS_MAX_APPLICANTS) {
            als__csv_report(rep, c, ALS_ELIMIT, ALS_SEV_ERROR, line, ALS__NOIDX,
                            "more than %u applicants", ALS_MAX_APPLICANTS);
            return ALS_ELIMIT;
        }
        if (!push_row(c, line, first))
            return ALS_ENOMEM;
    }
    return ALS_OK;
}
