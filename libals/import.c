/*
 * Importing a spreadsheet: a sheet of applicants, saved as CSV (csv.c),
 * becomes a cohort document. Columns are found by their headers (common
 * spellings, case, spaces and punctuation ignored) or by an explicit
 * mapping; every cell is checked and every problem reported at its row and
 * column. The programme comes from a programme document (a cohort document
 * without applicants), copied as written, or is the default one. The cohort
 * is written as text and read back with als_problem_from_json(), whose
 * findings are reported at the rows and columns they came from: a cohort is
 * only handed out when it reads without errors.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fields, and the headers that name them --------------------------- */

enum {
    F_UNKNOWN = 0, /* not recognised (or a blank header) */
    F_IGNORE,
    F_ID,
    F_NAME,
    F_FIRST,
    F_LAST,
    F_ORG,
    F_SECTOR,
    F_LEVEL,
    F_AVAIL,
    F_DAY, /* yes/no for one day */
    F_COUNCIL,
    F_ROLE,
    F_TOGETHER,
    F_APART,
    F_PRIORITY,
    F_SET,
    F_WITHDRAWN,
    F_EMAIL,
    F_TIME,     /* a submission time: used by --first-come */
    F_START,    /* Microsoft Forms' Start time: used without F_TIME */
    F_MAX_SETS, /* facilitators: how many sets they may lead */
    F_COUNT,
    F_COUNCIL_OR_ORG = F_COUNT /* "Council": decided by the Role column */
};

/* Field names of the columns mapping, and of messages. */
static const char *const field_name[F_COUNT] = {[F_UNKNOWN] = "unknown",
                                                [F_IGNORE] = "ignore",
                                                [F_ID] = "id",
                                                [F_NAME] = "name",
                                                [F_FIRST] = "first_name",
                                                [F_LAST] = "last_name",
                                                [F_ORG] = "organisation",
                                                [F_SECTOR] = "sector",
                                                [F_LEVEL] = "seniority",
                                                [F_AVAIL] = "availability",
                                                [F_DAY] = "day",
                                                [F_COUNCIL] = "council",
                                                [F_ROLE] = "role",
                                                [F_TOGETHER] = "together",
                                                [F_APART] = "apart",
                                                [F_PRIORITY] = "priority",
                                                [F_SET] = "set",
                                                [F_WITHDRAWN] = "withdrawn",
                                                [F_EMAIL] = "email",
                                                [F_TIME] = "submitted",
                                                [F_START] = "started",
                                                [F_MAX_SETS] = "max_sets"};

/* Header spellings, as header_key() leaves them. */
static const struct spelling {
    const char *key;
    int field;
} spellings[] = {
    {"id", F_ID},
    {"applicantid", F_ID},
    {"applicantref", F_ID},
    {"ref", F_ID},
    {"name", F_NAME},
    {"fullname", F_NAME},
    {"applicantname", F_NAME},
    {"yourname", F_NAME},
    {"yourfullname", F_NAME},
    {"participantname", F_NAME},
    {"attendeename", F_NAME},
    {"delegatename", F_NAME},
    {"firstname", F_FIRST},
    {"forename", F_FIRST},
    {"givenname", F_FIRST},
    {"surname", F_LAST},
    {"lastname", F_LAST},
    {"familyname", F_LAST},
    {"organisation", F_ORG},
    {"organization", F_ORG},
    {"org", F_ORG},
    {"employer", F_ORG},
    {"trust", F_ORG},
    {"company", F_ORG}, /* Eventbrite's: the least specific */
    {"employingorganisation", F_ORG},
    {"council", F_COUNCIL_OR_ORG},
    {"sector", F_SECTOR},
    {"seniority", F_LEVEL},
    {"level", F_LEVEL},
    {"grade", F_LEVEL},
    {"band", F_LEVEL},
    {"availability", F_AVAIL},
    {"days", F_AVAIL},
    {"day", F_AVAIL},
    {"availabledays", F_AVAIL},
    {"daysavailable", F_AVAIL},
    {"nomination", F_COUNCIL},
    {"nominatingcouncil", F_COUNCIL},
    {"councilnomination", F_COUNCIL},
    {"role", F_ROLE},
    {"together", F_TOGETHER},
    {"togetherwith", F_TOGETHER},
    {"apart", F_APART},
    {"apartfrom", F_APART},
    {"notwith", F_APART},
    {"priority", F_PRIORITY},
    {"set", F_SET},
    {"pin", F_SET},
    {"pinnedset", F_SET},
    {"withdrawn", F_WITHDRAWN},
    {"status", F_WITHDRAWN},
    {"attendeestatus", F_WITHDRAWN},
    {"bookingstatus", F_WITHDRAWN},
    {"series", F_AVAIL},
    {"slot", F_AVAIL},
    {"preferredslot", F_AVAIL},
    {"preferredday", F_AVAIL},
    {"withdrew", F_WITHDRAWN},
    {"email", F_EMAIL},
    {"emailaddress", F_EMAIL},
    {"mail", F_EMAIL},
    {"timestamp", F_TIME},
    {"completiontime", F_TIME},
    {"orderdate", F_TIME},
    {"submitted", F_TIME},
    {"submittedat", F_TIME},
    {"submissiondate", F_TIME},
    {"datesubmitted", F_TIME},
    {"starttime", F_START},
    {"maxsets", F_MAX_SETS},
    {"maximumsets", F_MAX_SETS},
    {"setstolead", F_MAX_SETS},
    {"howmanysets", F_MAX_SETS},
    {"numberofsets", F_MAX_SETS},
    {"setsyoucanlead", F_MAX_SETS},
    {"setsyoucouldlead", F_MAX_SETS},
    {"lastmodifiedtime", F_IGNORE},
    {"previousset", F_IGNORE},
};

/* Headers as people write them, for did-you-mean on unknown ones. */
static const char *const known_headers[] = {
    "Id",       "Applicant ID", "Name",         "Full name",    "First name",
    "Surname",  "Last name",    "Organisation", "Organization", "Employer",
    "Trust",    "Council",      "Sector",       "Seniority",    "Level",
    "Grade",    "Band",         "Availability", "Days",         "Nomination",
    "Role",     "Together",     "Apart",        "Priority",     "Set",
    "Pin",      "Withdrawn",    "Monday",       "Tuesday",      "Wednesday",
    "Thursday", "Friday",       "Saturday",     "Sunday",       "Email"};

/* The NHS Agenda for Change pay bands, in order: the levels of a sheet that
   names any of 8a to 8d. */
static const char *const afc_bands[] = {
    "Band 1", "Band 2",  "Band 3",  "Band 4",  "Band 5",  "Band 6",
    "Band 7", "Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9"};

/* The default programme's seniority levels (FORMAT.md's example). */
static const char *const default_levels[] = {"officer", "manager", "head",
                                             "director", "chief executive"};

static const char *const weekday_name[7] = {"Monday",   "Tuesday", "Wednesday",
                                            "Thursday", "Friday",  "Saturday",
                                            "Sunday"};
static const char *const weekday_label[7] = {"mon", "tue", "wed", "thu",
                                             "fri", "sat", "sun"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define KEY_MAX 64
#define LABEL_KEY_MAX (ALS_MAX_LABEL_BYTES + 8)

/* `s` with ASCII letters lower-cased and everything but letters and
   digits dropped: "Applicant ID" -> "applicantid". */
static void header_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 'A' && ch <= 'Z')
            out[n++] = (char)(ch - 'A' + 'a');
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                 ch >= 0x80)
            out[n++] = (char)ch;
    }
    out[n] = '\0';
}

static bool same_key(const char *a, const char *b)
{
    char ka[KEY_MAX], kb[KEY_MAX];
    header_key(a, ka, sizeof ka);
    header_key(b, kb, sizeof kb);
    return strcmp(ka, kb) == 0;
}

/* The field a header (or a field name of the mapping) names, or
   F_UNKNOWN. */
static int field_of(const char *text, bool mapping)
{
    char k[KEY_MAX];
    header_key(text, k, sizeof k);
    if (mapping)
        for (int f = F_IGNORE; f < F_COUNT; f++)
            if (f != F_DAY && same_key(field_name[f], k))
                return f;
    for (size_t s = 0; s < COUNT(spellings); s++)
        if (strcmp(spellings[s].key, k) == 0)
            return spellings[s].field;
    /* "Your email", "Work e-mail address", "What is your email?" */
    size_t n = strlen(k);
    if (!mapping && ((n >= 5 && strcmp(k + n - 5, "email") == 0) ||
                     (n >= 12 && strcmp(k + n - 12, "emailaddress") == 0)))
        return F_EMAIL;
    return F_UNKNOWN;
}

static bool is_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/*
 * The field a question-style header asks for, as form exports write them
 * ("Which days can you attend?", "Trust / Organisation", "Are you an
 * officer or a councillor?"): a phrase of it ("type of organisation" is
 * the sector), else the one field one of whose words it contains;
 * F_UNKNOWN when none or several.
 */
static int field_by_words(const char *header)
{
    static const struct {
        const char *word;
        int field;
    } words[] = {{"days", F_AVAIL},         {"day", F_AVAIL},
                 {"availability", F_AVAIL}, {"available", F_AVAIL},
                 {"series", F_AVAIL},       {"slot", F_AVAIL},
                 {"slots", F_AVAIL},        {"organisation", F_ORG},
                 {"organization", F_ORG},   {"employer", F_ORG},
                 {"trust", F_ORG},          {"company", F_ORG},
                 {"workplace", F_ORG},      {"council", F_COUNCIL_OR_ORG},
                 {"sector", F_SECTOR},      {"seniority", F_LEVEL},
                 {"grade", F_LEVEL},        {"band", F_LEVEL},
                 {"level", F_LEVEL},        {"role", F_ROLE},
                 {"officer", F_ROLE},       {"councillor", F_ROLE},
                 {"councilor", F_ROLE},     {"email", F_EMAIL},
                 {"status", F_WITHDRAWN},   {"timestamp", F_TIME},
                 {"priority", F_PRIORITY}};
    static const struct {
        const char *phrase;
        int field;
    } phrases[] = {
        {"type of organisation", F_SECTOR}, {"type of organization", F_SECTOR},
        {"organisation type", F_SECTOR},    {"organization type", F_SECTOR},
        {"kind of organisation", F_SECTOR}, {"together with", F_TOGETHER},
        {"previous set", F_IGNORE},         {"e mail", F_EMAIL}};
    /* the header's words, lower-case, one space between */
    char low[256];
    size_t n = 0;
    for (const char *s = header; *s && n + 2 < sizeof low; s++) {
        if (is_letter(*s))
            low[n++] = (char)(*s | 0x20);
        else if (n && low[n - 1] != ' ')
            low[n++] = ' ';
    }
    low[n] = '\0';
    for (size_t k = 0; k < COUNT(phrases); k++) {
        const char *at = strstr(low, phrases[k].phrase);
        size_t pl = strlen(phrases[k].phrase);
        if (at && (at == low || at[-1] == ' ') &&
            (at[pl] == ' ' || at[pl] == '\0'))
            return phrases[k].field;
    }
    int found = F_UNKNOWN;
    for (char *w = low; *w;) {
        char *e = strchr(w, ' ');
        size_t wl = e ? (size_t)(e - w) : strlen(w);
        for (size_t k = 0; wl && k < COUNT(words); k++) {
            if (strlen(words[k].word) != wl ||
                strncmp(words[k].word, w, wl) != 0)
                continue;
            int f = words[k].field;
            if ((found == F_ORG && f == F_COUNCIL_OR_ORG) ||
                (found == F_COUNCIL_OR_ORG && f == F_ORG))
                f = found = F_ORG; /* "Council or organisation" */
            if (found != F_UNKNOWN && found != f)
                return F_UNKNOWN;
            found = f;
        }
        w += wl;
        while (*w == ' ')
            w++;
    }
    return found;
}

/* How specific an organisation header is: Eventbrite's "Company" is
   used only when no other column gives the organisation. */
static int org_rank(const char *header)
{
    char k[KEY_MAX];
    header_key(header, k, sizeof k);
    return strcmp(k, "company") == 0 || strcmp(k, "companyname") == 0 ? 1 : 2;
}

/* 0..6 (Monday..Sunday) for "Tue", "tues.", "Tuesday", "TUESDAYS"; -1
   otherwise. */
static int weekday_of(const char *s)
{
    static const struct {
        const char *key;
        int day;
    } abbr[] = {{"mon", 0},  {"tue", 1}, {"tues", 1}, {"wed", 2},
                {"weds", 2}, {"thu", 3}, {"thur", 3}, {"thurs", 3},
                {"fri", 4},  {"sat", 5}, {"sun", 6}};
    char k[KEY_MAX], full[16];
    if (strlen(s) > 20)
        return -1;
    header_key(s, k, sizeof k);
    for (size_t a = 0; a < COUNT(abbr); a++)
        if (strcmp(k, abbr[a].key) == 0)
            return abbr[a].day;
    for (int w = 0; w < 7; w++) {
        header_key(weekday_name[w], full, sizeof full);
        size_t n = strlen(full);
        if (strncmp(k, full, n) == 0 &&
            (k[n] == '\0' || (k[n] == 's' && k[n + 1] == '\0')))
            return w;
    }
    return -1;
}

/* 1 for yes ("yes", "x", a tick, ...), 0 for no, -1 for neither. */
static int yes_no(const char *v)
{
    static const char *const yes[] = {
        "yes",          "y",           "x", "true", "1", "available", "ok",
        "\xE2\x9C\x93", "\xE2\x9C\x94"};
    static const char *const no[] = {"no", "n",           "false",        "0",
                                     "-",  "unavailable", "not available"};
    char k[KEY_MAX];
    if (strlen(v) >= KEY_MAX)
        return -1;
    als__label_key(v, k, sizeof k);
    for (size_t i = 0; i < COUNT(yes); i++)
        if (strcmp(k, yes[i]) == 0)
            return 1;
    for (size_t i = 0; i < COUNT(no); i++)
        if (strcmp(k, no[i]) == 0)
            return 0;
    return -1;
}

/* ---- the importer ------------------------------------------------------ */

typedef struct column {
    int field;       /* F_* */
    int slot;        /* F_DAY: its day */
    bool guessed;    /* field from a word of a question-style header */
    const char *why; /* ignored: the reason, for the summary */
    size_t nvalues;  /* non-empty cells read */
} column;

typedef struct app {
    size_t row; /* index into csv.rows */
    const char *id, *name, *org, *sector, *council, *role, *set;
    const char *email; /* trimmed, as written */
    size_t clash_of;   /* the row whose id it would have had, or
                          ALS__NOIDX */
    int clash_kind;    /* what the two share: CLASH_* */
    const char *first, *last;
    const char *level_name; /* or level */
    int level;              /* ALS_NONE */
    int band_letter;        /* 1..4 for an NHS band 8a..8d, else 0 */
    unsigned level_line;    /* where the level cell is */
    size_t level_col;
    bool has_avail; /* absent: every day */
    bool both;      /* "both", checked once the days are known */
    uint64_t avail; /* bit d: day slot d */
    bool has_priority;
    long long priority;
    bool withdrawn;
    bool facilitator;
    int max_sets;  /* facilitators: 0 for the default */
    uint64_t excl; /* "not Tuesday", without a programme: the
                      sheet's other days */
    const char *together_cell, *apart_cell;
    const char *together;       /* the unit label written */
    size_t first_label;         /* first group label of its Together cell */
    size_t apart_first, napart; /* into imp.apart */
} app;

/* Look-up of applicants by a text: index, or AMBIGUOUS when two share it. */
#define AMBIGUOUS (ALS__NOIDX - 1)
typedef struct ref_index {
    als__strtab t;
    size_t *who;
    size_t cap;
} ref_index;

/* A member of the programme document's top-level object: offsets of its
   key's opening quote, its value, and the end of its value. */
typedef struct member {
    size_t key, val, end;
} member;

typedef struct imp {
    als__report rep;
    void (*summary)(void *user, const char *line);
    void *summary_user;
    bool header_read;       /* the columns are known: a summary can be given */
    size_t nfacilitators;   /* facilitators (in facs) */
    size_t nfac_rows;       /* ... of them from this sheet's rows */
    app *facs;              /* facilitators, in the order of their rows */
    bool fac_sheet;         /* a facilitators sheet: every row is one */
    const char *sheet;      /* "facilitators sheet": said before each row */
    size_t org_fallback;    /* Company beside a more specific column:
                               used where that one is empty; ALS__NOIDX */
    struct bad_answer *bad; /* availability answers not understood */
    size_t nbad, bad_cap;
    bool strict, nomem, first_come;
    als__csv csv;
    als__arena arena;

    /* the programme document, when given */
    const char *ptext;
    member *members; /* copied into the cohort as written */
    size_t nmembers, members_cap;
    size_t pairs; /* index into members, ALS__NOIDX */
    als_problem *prog;

    /*
     * Day slots: the programme's days, or without a programme the seven
     * weekdays, of which those the sheet names become the days.
     */
    bool own_days;
    size_t ndays;
    const char *day_label[64];
    int day_weekday[64];    /* -1: not a weekday name */
    uint64_t days_used;     /* weekday slots the sheet names */
    const char **day_words; /* did-you-mean candidates */
    size_t nday_words;

    const char *const *levels;
    size_t nlevels;
    const char **levels_owned;
    bool afc; /* a level cell names an NHS band 8a..8d */

    column *cols;
    size_t ncols;
    size_t fcol[F_COUNT]; /* the column of each field, ALS__NOIDX */
    size_t first_day_col;

    app *apps;
    size_t napps;
    const char **apart; /* resolved ids */
    size_t napart, apart_cap;
    ref_index ids, ids_label, names;
    const char **refs; /* ids and names, for did-you-mean */
    size_t nrefs;
} imp;

static unsigned header_line(const imp *im)
{
    return im->csv.rows[0].line;
}

static void report_v(imp *im, als_status code, als_severity sev, unsigned line,
                     size_t col, const char *fmt, va_list ap) ALS__PRINTF(6, 0);
static void report_v(imp *im, als_status code, als_severity sev, unsigned line,
                     size_t col, const char *fmt, va_list ap)
{
    char msg[ALS_MESSAGE_MAX * 2];
    vsnprintf(msg, sizeof msg, fmt, ap);
    als__csv_report(&im->rep, &im->csv, code, sev, line, col, "%s", msg);
}

/* An error at a row and column (ALS__NOIDX: the whole row). */
static void fail(imp *im, unsigned line, size_t col, const char *fmt, ...)
    ALS__PRINTF(4, 5);
static void fail(imp *im, unsigned line, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(im, ALS_ESCHEMA, ALS_SEV_ERROR, line, col, fmt, ap);
    va_end(ap);
}

/* A warning, or an error when strict. */
static void warn(imp *im, unsigned line, size_t col, const char *fmt, ...)
    ALS__PRINTF(4, 5);
static void warn(imp *im, unsigned line, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(im, ALS_ESCHEMA, im->strict ? ALS_SEV_ERROR : ALS_SEV_WARNING,
             line, col, fmt, ap);
    va_end(ap);
}

/* " (did you mean "X"?)" or "". */
static void did_you_mean(char *out, size_t cap, const char *word,
                         const char *const *candidates, size_t n)
{
    const char *s = n ? als__suggest(word, candidates, n) : NULL;
    if (s)
        snprintf(out, cap, "; did you mean \"%s\"?", s);
    else
        out[0] = '\0';
}

/* "a, b, c" (the first few of n). */
static void list_of(char *out, size_t cap, const char *const *items, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n && len + 1 < cap; k++) {
        int w = k < 8 ? snprintf(out + len, cap - len, "%s%s", k ? ", " : "",
                                 items[k])
                      : snprintf(out + len, cap - len, ", ...");
        if (w < 0)
            break;
        len += (size_t)w;
        if (k >= 8)
            break;
    }
}

/* `s` without its leading and trailing spaces (cut in place). */
static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

/* The next item of a list in `*rest`: the text up to `sep` (cut there),
   trimmed; `*rest` moves past it, to NULL after the last. */
static char *next_item(char **rest, char sep)
{
    char *item = *rest, *end = strchr(item, sep);
    *rest = end ? end + 1 : NULL;
    if (end)
        *end = '\0';
    return trim(item);
}

static bool has_prefix_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (c != *prefix)
            return false;
    }
    return true;
}

/* ---- the programme document ------------------------------------------- */

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len &&
           (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\')
            i++;
    return i + 1;
}

/* The end of the JSON value at i; the text is known to be valid JSON. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] != '{' && t[i] != '[') {
        while (i < len && !strchr(",}] \t\r\n", t[i]))
            i++;
        return i;
    }
    int depth = 0;
    do {
        if (t[i] == '"') {
            i = skip_string(t, len, i);
            continue;
        }
        if (t[i] == '{' || t[i] == '[')
            depth++;
        else if (t[i] == '}' || t[i] == ']')
            depth--;
        i++;
    } while (i < len && depth > 0);
    return i;
}

static bool key_is(const imp *im, const member *m, const char *key)
{
    size_t n = strlen(key);
    return m->val > m->key + n + 1 && im->ptext[m->key + n + 1] == '"' &&
           memcmp(im->ptext + m->key + 1, key, n) == 0;
}

/* Report every entry of d (a nested read) as it is. */
static void pass_all(imp *im, const als_diag *d)
{
    for (size_t k = 0; k < als_diag_count(d); k++)
        als__report_add(&im->rep, als_diag_get(d, k));
}

/*
 * Read the programme document: its text with the cohort reader (which
 * reports syntax by line and column), then its members, checked by
 * reading them as a cohort without applicants, so that every problem has
 * the JSON path it has in the document. The pairs are left for the final
 * reading, which has the applicants they name.
 */
static void read_programme(imp *im, const char *json, size_t len)
{
    als_diag *d = NULL;
    als_problem *whole = NULL;
    als__sbuf v = {0};
    im->ptext = json;
    im->pairs = ALS__NOIDX;
    if (len > ALS_MAX_INPUT_BYTES) {
        als__report_error(&im->rep, ALS_ELIMIT, "",
                          "input of %zu bytes is larger than the limit of "
                          "%zu bytes",
                          len, (size_t)ALS_MAX_INPUT_BYTES);
        return;
    }
    if (als_diag_new(&d) != ALS_OK) {
        im->nomem = true;
        return;
    }
    als_error first;
    als_status rc = als_problem_from_json(&whole, json, len, d, &first);
    als_problem_free(whole);
    size_t i = skip_ws(json, len, 0);
    bool text_level = rc == ALS_EPARSE || i >= len || json[i] != '{';
    for (size_t k = 0; k < als_diag_count(d); k++)
        text_level |= als_diag_get(d, k)->line != 0;
    if (rc == ALS_ENOMEM) {
        im->nomem = true;
        goto done;
    }
    if (text_level) {
        pass_all(im, d);
        if (im->rep.errors == 0 && rc != ALS_OK)
            als__report_add(&im->rep, &first);
        goto done;
    }

    /* the members, and the same as a cohort with no applicants */
    als__sbuf_puts(&v, "{");
    for (i = skip_ws(json, len, i + 1); i < len && json[i] != '}';) {
        member m;
        m.key = i;
        i = skip_ws(json, len, skip_string(json, len, i)); /* at ':' */
        m.val = skip_ws(json, len, i + 1);
        m.end = skip_value(json, len, m.val);
        i = skip_ws(json, len, m.end);
        if (i < len && json[i] == ',')
            i = skip_ws(json, len, i + 1);
        if (key_is(im, &m, "applicants")) {
            als__report_error(&im->rep, ALS_ESCHEMA, "applicants",
                              "a programme document holds no applicants: "
                              "they come from the spreadsheet");
            continue;
        }
        if (!key_is(im, &m, "pairs")) {
            if (v.len > 1)
                als__sbuf_puts(&v, ", ");
            als__sbuf_put(&v, json + m.key, m.end - m.key);
            if (key_is(im, &m, "format"))
                continue; /* the cohort gets its own */
        }
        if (!als__grow((void **)&im->members, &im->members_cap,
                       im->nmembers + 1, sizeof *im->members)) {
            im->nomem = true;
            goto done;
        }
        if (key_is(im, &m, "pairs"))
            im->pairs = im->nmembers;
        im->members[im->nmembers++] = m;
    }
    als__sbuf_puts(&v,
                   v.len > 1 ? ", \"applicants\": []}" : "\"applicants\": []}");
    if (v.nomem) {
        im->nomem = true;
        goto done;
    }
    als_diag_clear(d);
    rc = als_problem_from_json(&im->prog, v.data, v.len, d, &first);
    if (rc == ALS_ENOMEM)
        im->nomem = true;
    pass_all(im, d);
    if (rc != ALS_OK && im->rep.errors == 0 && !im->nomem)
        als__report_add(&im->rep, &first);
done:
    free(v.data);
    als_diag_free(d);
}

/* The day slots and level names of the programme (or the default). */
static void set_programme(imp *im)
{
    if (!im->prog) {
        im->own_days = false;
        im->ndays = 7;
        for (int w = 0; w < 7; w++) {
            im->day_label[w] = weekday_label[w];
            im->day_weekday[w] = w;
        }
        im->levels = default_levels;
        im->nlevels = COUNT(default_levels);
    } else {
        im->own_days = true;
        im->ndays = als_problem_day_count(im->prog);
        for (size_t d = 0; d < im->ndays && d < 64; d++) {
            im->day_label[d] = als_problem_day(im->prog, d);
            im->day_weekday[d] = weekday_of(im->day_label[d]);
        }
        im->nlevels = als_problem_level_name_count(im->prog);
        if (im->nlevels) {
            im->levels_owned =
                als__malloc(im->nlevels, sizeof *im->levels_owned);
            if (!im->levels_owned) {
                im->nomem = true;
                im->nlevels = 0;
            }
            for (size_t l = 0; l < im->nlevels; l++) {
                const char *s = als_problem_level_name(im->prog, (int)l);
                im->levels_owned[l] = s ? s : "";
            }
            im->levels = im->levels_owned;
        }
    }
    /* did-you-mean candidates: the labels and their weekdays' names */
    im->day_words = als__malloc(2 * im->ndays + 1, sizeof *im->day_words);
    if (!im->day_words) {
        im->nomem = true;
        return;
    }
    for (size_t d = 0; d < im->ndays; d++) {
        if (im->own_days)
            im->day_words[im->nday_words++] = im->day_label[d];
        if (im->day_weekday[d] >= 0)
            im->day_words[im->nday_words++] = weekday_name[im->day_weekday[d]];
    }
}

/* The weekday of "Tuesday PM", "tue am", "Thursday morning" and its half
   (*half 1 morning, 2 afternoon); -1 when it is not such. */
static int half_day(const char *s, int *half)
{
    char buf[40];
    const char *sp = strchr(s, ' ');
    if (!sp || (size_t)(sp - s) >= sizeof buf)
        return -1;
    memcpy(buf, s, (size_t)(sp - s));
    buf[sp - s] = '\0';
    int w = weekday_of(buf);
    char k[KEY_MAX];
    if (w < 0 || strlen(sp) >= KEY_MAX)
        return -1;
    header_key(sp, k, sizeof k);
    if (!strcmp(k, "am") || !strcmp(k, "morning") || !strcmp(k, "mornings"))
        *half = 1;
    else if (!strcmp(k, "pm") || !strcmp(k, "afternoon") ||
             !strcmp(k, "afternoons"))
        *half = 2;
    else
        return -1;
    return w;
}

/* The day slot a word names; -1 when it names no day, -2 for a weekday
   the programme does not meet on. */
static int day_slot(const imp *im, const char *word)
{
    int w = weekday_of(word);
    if (!im->own_days)
        return w;
    char key[LABEL_KEY_MAX], k2[LABEL_KEY_MAX];
    als__label_key(word, key, sizeof key);
    for (size_t d = 0; d < im->ndays; d++) {
        als__label_key(im->day_label[d], k2, sizeof k2);
        if (strcmp(key, k2) == 0)
            return (int)d;
    }
    /* half days: "Tuesday PM" for a label "tue pm" */
    int half, hw = half_day(word, &half);
    if (hw >= 0) {
        for (size_t d = 0; d < im->ndays; d++) {
            int lh, lw = half_day(im->day_label[d], &lh);
            if (lw == hw && lh == half)
                return (int)d;
        }
    }
    if (w < 0)
        return -1;
    for (size_t d = 0; d < im->ndays; d++)
        if (im->day_weekday[d] == w)
            return (int)d;
    return -2;
}

/* "tue, thu" (the programme's days) or "none". */
static void day_list(const imp *im, char *out, size_t cap)
{
    if (im->ndays == 0)
        snprintf(out, cap, "none");
    else
        list_of(out, cap, im->day_label, im->ndays);
}

/* ---- the header row ----------------------------------------------------- */

static size_t column_of(const imp *im, const char *header)
{
    const als__csv_row *h = &im->csv.rows[0];
    for (size_t c = 0; c < h->n; c++)
        if (*im->csv.cells[h->first + c] &&
            same_key(im->csv.cells[h->first + c], header))
            return c;
    return ALS__NOIDX;
}

/*
 * The next entry of a columns mapping in `*rest`, cut there: up to the
 * next line break when the mapping has several lines (a mapping file, one
 * HEADER=FIELD a line, where # starts a comment line), else up to the
 * next comma outside double quotes. NULL after the last.
 */
static char *next_entry(char **rest, bool lines)
{
    char *s = *rest;
    if (!s)
        return NULL;
    bool quoted = false;
    char *e = s;
    for (; *e; e++) {
        if (*e == '"')
            quoted = !quoted;
        else if (lines ? *e == '\n' : (*e == ',' && !quoted))
            break;
    }
    *rest = *e ? e + 1 : NULL;
    *e = '\0';
    if (lines && e > s && e[-1] == '\r')
        e[-1] = '\0';
    s = trim(s);
    if (lines && *s == '#')
        *s = '\0';
    return s;
}

/* The '=' of an entry, outside double quotes; NULL when none. */
static char *entry_eq(char *entry)
{
    bool quoted = false;
    for (char *p = entry; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '=' && !quoted)
            return p;
    }
    return NULL;
}

/* `s` without the double quotes around it ("" inside is one quote). */
static char *unquote(char *s)
{
    size_t n = strlen(s);
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return s;
    s[n - 1] = '\0';
    char *w = ++s;
    for (const char *r = s; *r; r++) {
        *w++ = *r;
        if (r[0] == '"' && r[1] == '"')
            r++;
    }
    *w = '\0';
    return trim(s);
}

/* Apply "HEADER=FIELD,..." (or one a line) over what the headers said. */
static void apply_mapping(imp *im, const char *spec)
{
    unsigned line = header_line(im);
    char *copy = als__arena_strdup(&im->arena, spec);
    if (!copy) {
        im->nomem = true;
        return;
    }
    bool lines = strchr(copy, '\n') != NULL;
    for (char *rest = copy, *entry; (entry = next_entry(&rest, lines));) {
        if (!*entry)
            continue;
        char *eq = entry_eq(entry);
        if (!eq) {
            fail(im, line, ALS__NOIDX,
                 "the columns mapping \"%s\" is not of the form "
                 "HEADER=FIELD",
                 entry);
            continue;
        }
        *eq = '\0';
        const char *header = unquote(trim(entry)),
                   *what = unquote(trim(eq + 1));
        size_t c = column_of(im, header);
        if (c == ALS__NOIDX) {
            const als__csv_row *h = &im->csv.rows[0];
            char dym[160];
            did_you_mean(dym, sizeof dym, header, im->csv.cells + h->first,
                         h->n);
            fail(im, line, ALS__NOIDX,
                 "the columns mapping names \"%s\", but no column has "
                 "that header%s",
                 header, dym);
            continue;
        }
        int f = field_of(what, true), slot = -1;
        if (f == F_UNKNOWN) {
            const char *day = has_prefix_ci(what, "day:") ? what + 4 : what;
            slot = day_slot(im, day);
            if (slot >= 0)
                f = F_DAY;
            else if (day != what || slot == -2) {
                char days[200];
                day_list(im, days, sizeof days);
                fail(im, line, c,
                     "the columns mapping \"%s\" names a day that is not "
                     "one of the programme's (%s)",
                     what, days);
                continue;
            }
        }
        if (f == F_UNKNOWN) {
            const char *names[F_COUNT + COUNT(spellings)];
            size_t n = 0;
            for (int k = F_IGNORE; k < F_COUNT; k++)
                names[n++] = field_name[k];
            for (size_t k = 0; k < COUNT(spellings); k++)
                names[n++] = spellings[k].key;
            char dym[160];
            did_you_mean(dym, sizeof dym, what, names, n);
            fail(im, line, c,
                 "\"%s\" is not a field of the columns mapping (id, name, "
                 "first_name, last_name, organisation, sector, seniority, "
                 "availability, day:LABEL, council, role, together, apart, "
                 "priority, set, withdrawn, email, ignore)%s",
                 what, dym);
            continue;
        }
        /* every column with that header */
        for (; c < im->ncols; c++) {
            const char *text = als__csv_cell(&im->csv, &im->csv.rows[0], c);
            if (text && *text && same_key(text, header))
                im->cols[c] =
                    (column){f, slot, false,
                             f == F_IGNORE ? "--columns says so" : NULL, 0};
        }
    }
}

/* Does any row below the header have a value in column c? */
static bool column_used(const imp *im, size_t c)
{
    for (size_t r = 1; r < im->csv.nrows; r++) {
        const char *v = als__csv_cell(&im->csv, &im->csv.rows[r], c);
        if (v && *v)
            return true;
    }
    return false;
}

/* "A (Timestamp), B (Name), ..." : the headers of the sheet. */
static void header_list(const imp *im, char *out, size_t cap)
{
    const als__csv_row *h = &im->csv.rows[0];
    size_t len = 0;
    out[0] = '\0';
    for (size_t c = 0; c < h->n && len + 1 < cap; c++) {
        const char *t = im->csv.cells[h->first + c];
        char letters[8];
        if (!*t)
            continue;
        als__csv_column_name(c + 1, letters);
        int w =
            snprintf(out + len, cap - len, "%s%s (%.40s%s)", len ? ", " : "",
                     letters, t, strlen(t) > 40 ? "..." : "");
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/*
 * Columns a rule of the programme needs: a programme that meets on two
 * days or more needs each applicant's days; council pairs with a
 * nominating council column need each applicant's role. Dropping such a
 * column would allocate without the rule, so it is an error.
 */
static void needed_columns(imp *im)
{
    unsigned line = header_line(im);
    char heads[600];
    if (im->own_days && im->ndays >= 2 && im->fcol[F_AVAIL] == ALS__NOIDX &&
        im->first_day_col == ALS__NOIDX) {
        char days[200];
        day_list(im, days, sizeof days);
        header_list(im, heads, sizeof heads);
        fail(im, line, ALS__NOIDX,
             "the programme meets on %zu days (%s), but no column gives the "
             "days each applicant can make; the headers are %s: name the "
             "column with --columns HEADER=availability",
             im->ndays, days, heads);
    }
    bool pairs = im->prog ? als_problem_council_pairs(im->prog) != 0 : true;
    if (pairs && im->fcol[F_COUNCIL] != ALS__NOIDX &&
        im->fcol[F_ROLE] == ALS__NOIDX) {
        char letters[8];
        als__csv_column_name(im->fcol[F_COUNCIL] + 1, letters);
        header_list(im, heads, sizeof heads);
        fail(im, line, ALS__NOIDX,
             "council pairs are on and column %s (%s) gives the nominating "
             "council, but no column gives each applicant's role (officer "
             "or councillor); the headers are %s: name it with --columns "
             "HEADER=role",
             letters,
             als__csv_cell(&im->csv, &im->csv.rows[0], im->fcol[F_COUNCIL]),
             heads);
    }
}

static void read_header(imp *im, const char *mapping)
{
    const als__csv *csv = &im->csv;
    const als__csv_row *h = &csv->rows[0];
    unsigned line = h->line;
    for (size_t r = 0; r < csv->nrows; r++)
        if (csv->rows[r].n > im->ncols)
            im->ncols = csv->rows[r].n;
    im->cols = als__calloc(im->ncols, sizeof *im->cols);
    if (!im->cols) {
        im->nomem = true;
        return;
    }
    for (size_t c = 0; c < im->ncols; c++) {
        const char *text = als__csv_cell(csv, h, c);
        column *col = &im->cols[c];
        col->slot = -1;
        if (!text || !*text)
            continue;
        col->field = field_of(text, false);
        if (col->field == F_UNKNOWN && (col->slot = day_slot(im, text)) >= 0)
            col->field = F_DAY;
    }
    for (size_t c = 0; c < im->ncols; c++) {
        const char *text = als__csv_cell(csv, h, c);
        if (im->cols[c].field == F_IGNORE && text && !im->cols[c].why) {
            char k[KEY_MAX];
            header_key(text, k, sizeof k);
            if (strcmp(k, "previousset") == 0)
                im->cols[c].why = "a re-run takes the previous sets from "
                                  "the previous allocation (als allocate "
                                  "--previous)";
        }
    }
    if (mapping && *mapping)
        apply_mapping(im, mapping);
    if (im->nomem)
        return;
    /* question-style headers, for the fields no column names outright */
    bool given[F_COUNT + 1] = {false};
    for (size_t c = 0; c < im->ncols; c++) {
        int f = im->cols[c].field;
        const char *text = als__csv_cell(csv, h, c);
        if (f == F_ORG && text && org_rank(text) == 1)
            continue; /* Company: a question may be more specific */
        given[f == F_DAY ? F_AVAIL : f == F_COUNCIL_OR_ORG ? F_ORG : f] = true;
    }
    for (size_t c = 0; c < im->ncols; c++) {
        column *col = &im->cols[c];
        const char *text = als__csv_cell(csv, h, c);
        if (col->field != F_UNKNOWN || col->slot != -1 || !text)
            continue;
        int f = field_by_words(text);
        int g = f == F_COUNCIL_OR_ORG ? F_ORG : f;
        if (f == F_IGNORE) {
            col->field = F_IGNORE;
            col->why = "a re-run takes the previous sets from the previous "
                       "allocation (als allocate --previous)";
        } else if (f != F_UNKNOWN && !given[g]) {
            col->field = f;
            col->guessed = true;
            given[g] = true;
        }
    }

    /* "Council" is a nomination where there are roles, else an employer */
    bool roles = false, other_org = false;
    for (size_t c = 0; c < im->ncols; c++) {
        const char *text = als__csv_cell(csv, h, c);
        roles |= im->cols[c].field == F_ROLE;
        other_org |= im->cols[c].field == F_ORG && text && org_rank(text) > 1 &&
                     column_used(im, c);
    }
    for (size_t f = 0; f < F_COUNT; f++)
        im->fcol[f] = ALS__NOIDX;
    im->first_day_col = ALS__NOIDX;
    size_t day_col[64];
    for (size_t d = 0; d < 64; d++)
        day_col[d] = ALS__NOIDX;

    for (size_t c = 0; c < im->ncols; c++) {
        column *col = &im->cols[c];
        const char *text = als__csv_cell(csv, h, c);
        char letters[8];
        /* beside another organisation column, Council is a nomination,
           which needs the roles (needed_columns()) */
        if (col->field == F_COUNCIL_OR_ORG)
            col->field = roles || other_org ? F_COUNCIL : F_ORG;
        if (col->guessed)
            warn(im, line, c,
                 "read as the %s, from the words of its header (--columns "
                 "can say otherwise)",
                 field_name[col->field]);
        if (col->field == F_UNKNOWN && col->slot == -2) {
            char days[200];
            day_list(im, days, sizeof days);
            warn(im, line, c,
                 "\"%s\" is not one of the programme's days (%s); the "
                 "column is ignored",
                 text, days);
            col->field = F_IGNORE;
            col->why = "not one of the programme's days";
        }
        if ((col->field == F_AVAIL || col->field == F_DAY) && im->own_days &&
            im->ndays == 0) {
            warn(im, line, c,
                 "the programme has no \"days\", so availability does not "
                 "apply; the column is ignored");
            col->field = F_IGNORE;
            col->why = "the programme has no days";
        }
        if (col->field == F_UNKNOWN) {
            if (text && *text && !column_used(im, c)) {
                col->why = "empty"; /* nothing is lost: no warning */
            } else if (text && *text) {
                char dym[160];
                did_you_mean(dym, sizeof dym, text, known_headers,
                             COUNT(known_headers));
                warn(im, line, c, "unknown column, ignored%s", dym);
                col->why = "not a field this import knows";
            } else if (column_used(im, c)) {
                warn(im, line, c, "a column without a header; ignored");
                col->why = "no header";
            }
            col->field = F_IGNORE;
        }
        if (col->field == F_IGNORE)
            continue;
        if (col->field == F_DAY) {
            if (!im->own_days)
                im->days_used |= (uint64_t)1 << col->slot;
            size_t *prev = &day_col[col->slot];
            if (im->fcol[F_AVAIL] != ALS__NOIDX || *prev != ALS__NOIDX) {
                size_t other = *prev != ALS__NOIDX ? *prev : im->fcol[F_AVAIL];
                als__csv_column_name(other + 1, letters);
                fail(im, line, c,
                     "column %s (%s) already gives the availability%s%s",
                     letters, als__csv_cell(csv, h, other),
                     *prev != ALS__NOIDX ? " on " : "",
                     *prev != ALS__NOIDX ? im->day_label[col->slot] : "");
                continue;
            }
            *prev = c;
            if (im->first_day_col == ALS__NOIDX)
                im->first_day_col = c;
            continue;
        }
        size_t other = im->fcol[col->field];
        if (col->field == F_AVAIL && im->first_day_col != ALS__NOIDX)
            other = im->first_day_col;
        if (other != ALS__NOIDX && col->field != F_AVAIL) {
            /* a wholly blank column (Microsoft Forms' own Name beside a
               Full name question), or the less specific of two (Company
               beside Trust / Organisation), gives way */
            const char *otext = als__csv_cell(csv, h, other);
            bool blank = !column_used(im, c), oblank = !column_used(im, other);
            int rank = col->field == F_ORG ? org_rank(text) : 0;
            int orank = col->field == F_ORG ? org_rank(otext) : 0;
            size_t lose = ALS__NOIDX;
            if (blank != oblank)
                lose = blank ? c : other;
            else if (rank != orank)
                lose = rank < orank ? c : other;
            if (lose != ALS__NOIDX) {
                im->cols[lose].field = F_IGNORE;
                im->cols[lose].why =
                    blank != oblank ? "empty, and another column gives the "
                                      "same field"
                                    : "less specific than another column "
                                      "giving the organisation";
                if (lose == other)
                    im->fcol[col->field] = c;
                if (rank != orank) {
                    im->org_fallback = lose;
                    im->cols[lose].why = "less specific than another column "
                                         "giving the organisation: used in "
                                         "rows where that one is empty";
                }
                continue;
            }
        }
        if (other != ALS__NOIDX) {
            als__csv_column_name(other + 1, letters);
            fail(im, line, c, "column %s (%s) already gives the %s", letters,
                 als__csv_cell(csv, h, other),
                 col->field == F_AVAIL ? "availability"
                                       : field_name[col->field]);
            continue;
        }
        im->fcol[col->field] = c;
    }
    if (im->fcol[F_ID] == ALS__NOIDX && im->fcol[F_NAME] == ALS__NOIDX &&
        im->fcol[F_FIRST] == ALS__NOIDX && im->fcol[F_LAST] == ALS__NOIDX &&
        im->fcol[F_EMAIL] == ALS__NOIDX)
        fail(im, line, ALS__NOIDX,
             "no column gives an id, an e-mail or a name (a header such as "
             "Id, Email, Name, or First name and Surname), so applicants "
             "cannot be told apart");
    needed_columns(im);
}

/* ---- the cells ------------------------------------------------------------
 */

/*
 * An NHS Agenda for Change band however written: "8c", "B7", "Band 8C",
 * "AfC band 6", "8a (acting 8b)" (with *extra set: more text after it).
 * out gets "7" or "8c". False when it is not a band.
 */
static bool band_of(const char *v, char out[4], bool *extra)
{
    static const char *const prefixes[] = {
        "agenda for change band", "afc band", "nhs band", "afc", "band", "b"};
    char k[LABEL_KEY_MAX];
    if (strlen(v) >= sizeof k)
        return false;
    als__label_key(v, k, sizeof k);
    const char *p = k;
    for (size_t i = 0; i < COUNT(prefixes); i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(p, prefixes[i], n) == 0 &&
            (p[n] == ' ' || (p[n] >= '0' && p[n] <= '9'))) {
            p += n;
            break;
        }
    }
    while (*p == ' ' || *p == ':' || *p == '-')
        p++;
    if (*p < '1' || *p > '9')
        return false;
    size_t n = 0;
    out[n++] = *p++;
    if (out[0] == '8' && *p >= 'a' && *p <= 'd')
        out[n++] = *p++;
    out[n] = '\0';
    if (*p && *p != ' ' && *p != '(' && *p != ',' && *p != ';')
        return false;
    *extra = *p != '\0';
    return true;
}

static bool in_list(const char *k, const char *const *list, size_t n);

/* A cell that says there is no level: "n/a", "not NHS", "-". */
static bool no_level(const char *v)
{
    static const char *const none[] = {
        "",       "na",      "none",     "notapplicable",  "notnhs",
        "nonnhs", "unknown", "notknown", "prefernottosay", "other",
        "nil",    "nk",      "tbc"};
    char k[KEY_MAX];
    if (strlen(v) >= KEY_MAX)
        return false;
    header_key(v, k, sizeof k);
    return in_list(k, none, COUNT(none));
}

static void read_level(imp *im, app *a, unsigned line, size_t c, const char *v)
{
    char key[LABEL_KEY_MAX], k2[LABEL_KEY_MAX];
    als__label_key(v, key, sizeof key);
    a->level_line = line;
    a->level_col = c;
    for (size_t l = 0; l < im->nlevels; l++) {
        als__label_key(im->levels[l], k2, sizeof k2);
        if (strcmp(key, k2) == 0) {
            a->level_name = im->levels[l];
            return;
        }
    }
    /* a band however written: the programme's level of that band, else
       the band, with a warning for what follows it ("8a (acting 8b)") */
    char band[4], lb[4];
    bool extra, lextra;
    if (band_of(v, band, &extra)) {
        for (size_t l = 0; im->prog && l < im->nlevels; l++)
            if (band_of(im->levels[l], lb, &lextra) && !lextra &&
                strcmp(lb, band) == 0) {
                a->level_name = im->levels[l];
                if (extra)
                    warn(im, line, c, "\"%s\" is read as %s", v, im->levels[l]);
                return;
            }
        if (extra)
            warn(im, line, c, "\"%s\" is read as band %s", v, band);
        snprintf(key, sizeof key, "%s", band);
    }
    /* a number, maybe after a word: "7", "Band 7", "Grade 5" */
    static const char *const words[] = {"band", "grade", "level",
                                        "lvl",  "step",  "scale"};
    const char *p = key;
    size_t w = strspn(p, "abcdefghijklmnopqrstuvwxyz");
    for (size_t k = 0; w && k < COUNT(words); k++)
        if (strlen(words[k]) == w && strncmp(p, words[k], w) == 0)
            p += w + strspn(p + w, " -:");
    size_t digits = strspn(p, "0123456789");
    /* NHS Agenda for Change bands 8a to 8d: placed once every row is read */
    if (digits == 1 && p[0] == '8' && p[1] >= 'a' && p[1] <= 'd' && !p[2] &&
        (!im->prog || im->nlevels == 0)) {
        a->level = 8;
        a->band_letter = p[1] - 'a' + 1;
        im->afc = true;
        return;
    }
    if (digits && !p[digits]) {
        long long x = 0;
        for (size_t k = 0; k < digits && x <= 1000; k++)
            x = x * 10 + (p[k] - '0');
        if (x <= 1000) {
            a->level = (int)x;
            return;
        }
        fail(im, line, c, "level %s is out of range (0..1000)", p);
        return;
    }
    if (no_level(v)) {
        warn(im, line, c, "\"%s\" is read as no level", v);
        return;
    }
    if (im->afc) {
        warn(im, line, c,
             "\"%s\" is not an NHS Agenda for Change band, which other rows "
             "of this column give (1 to 7, 8a to 8d, 9): read as no level",
             v);
        return;
    }
    char dym[160], list[200];
    did_you_mean(dym, sizeof dym, v, im->levels, im->nlevels);
    list_of(list, sizeof list, im->levels, im->nlevels);
    if (digits == 1 && p[0] == '8' && p[1] >= 'a' && p[1] <= 'd' &&
        (!p[2] || p[2] == ' ' || p[2] == '('))
        fail(im, line, c,
             "\"%s\" is an NHS Agenda for Change band, but the programme "
             "names its own seniority levels (%s): delete its "
             "seniority_levels to read the column as bands, or name the "
             "bands there",
             v, list);
    else if (*dym)
        fail(im, line, c, "\"%s\" is not a seniority level%s", v, dym);
    else if (im->nlevels)
        fail(im, line, c,
             "\"%s\" is not a seniority level (%s), nor a number such as 7 "
             "or \"Band 7\"",
             v, list);
    else
        fail(im, line, c,
             "\"%s\" is not a seniority level: the programme names none, "
             "so give a number such as 7 or \"Band 7\"",
             v);
}

/*
 * A sheet whose level column names an NHS band 8a to 8d uses the Agenda for
 * Change bands throughout: every number in it is a band, and the levels are
 * the bands in order (Band 1 is level 0, Band 8a level 7, Band 9 level 11),
 * written by name when the cohort's programme is the default one.
 */
static void place_bands(imp *im)
{
    if (!im->afc)
        return;
    for (size_t i = 0; i < im->napps; i++) {
        app *a = &im->apps[i];
        if (a->level_name && im->prog && im->nlevels)
            continue;        /* the programme's own level names */
        if (a->level_name) { /* one of the default programme's names */
            fail(im, a->level_line, a->level_col,
                 "\"%s\" is not an NHS Agenda for Change band, which other "
                 "rows of this column give (1 to 7, 8a to 8d, 9)",
                 a->level_name);
            continue;
        }
        if (a->level == ALS_NONE)
            continue;
        int idx = -1;
        if (a->band_letter)
            idx = 6 + a->band_letter;
        else if (a->level >= 1 && a->level <= 7)
            idx = a->level - 1;
        else if (a->level == 9)
            idx = 11;
        if (idx < 0) {
            if (a->level == 8)
                fail(im, a->level_line, a->level_col,
                     "band 8: other rows give NHS bands 8a to 8d, so say "
                     "which (8a, 8b, 8c or 8d)");
            else
                fail(im, a->level_line, a->level_col,
                     "%d is not an NHS Agenda for Change band (1 to 7, 8a "
                     "to 8d, 9), which other rows of this column give",
                     a->level);
            continue;
        }
        a->level = idx;
        a->level_name = afc_bands[idx];
    }
}

/* What a word or phrase of an availability cell means. */
enum { AV_UNKNOWN, AV_DAY, AV_OTHER_DAY, AV_ANY, AV_BOTH, AV_NONE };

static bool in_list(const char *k, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(k, list[i]) == 0)
            return true;
    return false;
}

static int availability_word(const imp *im, const char *w, int *slot)
{
    static const char *const any[] = {
        "any",        "all",           "either",         "anyday",
        "any day",    "all days",      "every day",      "everyday",
        "flexible",   "no preference", "whenever",       "whichever",
        "either day", "any of them",   "all of them",    "don't mind",
        "dont mind",  "no pref",       "either is fine", "happy with either",
        "either one"};
    static const char *const both[] = {"both", "both days"};
    static const char *const none[] = {"none", "neither", "no days"};
    char k[KEY_MAX];
    if (strlen(w) < KEY_MAX) {
        als__label_key(w, k, sizeof k);
        if (in_list(k, any, COUNT(any)))
            return AV_ANY;
        if (in_list(k, both, COUNT(both)))
            return AV_BOTH;
        if (in_list(k, none, COUNT(none)))
            return AV_NONE;
    }
    *slot = day_slot(im, w);
    return *slot >= 0 ? AV_DAY : *slot == -2 ? AV_OTHER_DAY : AV_UNKNOWN;
}

/* Words between days that say nothing ("Tuesdays only", "happy with
   both", "Tuesday preferably, Thursday at a push"). */
static bool is_filler(const char *w)
{
    static const char *const fillers[] = {
        "and",      "or",         "only",       "on",      "happy",
        "with",     "is",         "are",        "fine",    "ok",
        "okay",     "at",         "a",          "push",    "if",
        "needed",   "need",       "be",         "i",       "can",
        "could",    "would",      "do",         "also",    "the",
        "days",     "day",        "please",     "but",     "really",
        "must",     "necessary",  "am",         "pm",      "morning",
        "mornings", "afternoon",  "afternoons", "s",       "just",
        "to",       "too",        "works",      "suits",   "best",
        "either's", "as",         "well",       "of",      "them",
        "prefer",   "preferably", "preferred",  "ideally", "preference",
        "rather"};
    char k[KEY_MAX];
    if (strlen(w) >= 16)
        return false;
    als__label_key(w, k, sizeof k);
    return in_list(k, fillers, COUNT(fillers));
}

/* A word that states a preference ("prefer Tuesday"). */
static bool is_preference(const char *w)
{
    static const char *const pref[] = {"prefer",  "preferably", "preferred",
                                       "ideally", "preference", "rather"};
    char k[KEY_MAX];
    if (strlen(w) >= 16)
        return false;
    als__label_key(w, k, sizeof k);
    return in_list(k, pref, COUNT(pref));
}

/* A word that negates the days after it ("not Tuesday"). */
static bool is_negation(const char *w)
{
    static const char *const neg[] = {
        "not",    "no",        "cannot", "can't",  "cant",
        "except", "excluding", "never",  "not on", "can\xE2\x80\x99t"};
    char k[KEY_MAX];
    if (strlen(w) >= 16)
        return false;
    als__label_key(w, k, sizeof k);
    return in_list(k, neg, COUNT(neg));
}

/* The day slot a bare number names where the days are numbered ("Series
   1", "Series 2": "2"); -1 when none does. */
static int numbered_slot(const imp *im, const char *w)
{
    size_t n = strlen(w);
    if (!im->own_days || n == 0 || n > 3 || strspn(w, "0123456789") != n)
        return -1;
    int found = -1;
    for (size_t d = 0; d < im->ndays; d++) {
        const char *l = im->day_label[d];
        size_t ln = strlen(l);
        if (ln <= n || l[ln - n - 1] != ' ' || strcmp(l + ln - n, w) != 0)
            continue;
        if (found >= 0)
            return -1;
        found = (int)d;
    }
    return found;
}

/* One answer not understood, kept so that each is reported once with
   the rows it occurs in. */
typedef struct bad_answer {
    const char *text; /* as written */
    const char *key;  /* as labels compare */
    unsigned line;
    size_t col;
    size_t count;     /* a group's: how many rows */
    const char *rows; /* a group's: "7, 19, 31" */
} bad_answer;

static void bad_day(imp *im, unsigned line, size_t c, const char *word)
{
    char k[LABEL_KEY_MAX];
    als__label_key(word, k, sizeof k);
    char *copy = als__arena_strdup(&im->arena, word);
    char *key = als__arena_strdup(&im->arena, k);
    if (!copy || !key ||
        !als__grow((void **)&im->bad, &im->bad_cap, im->nbad + 1,
                   sizeof *im->bad)) {
        im->nomem = true;
        return;
    }
    im->bad[im->nbad++] = (bad_answer){copy, key, line, c, 1, NULL};
}

static int cmp_bad(const void *x, const void *y)
{
    const bad_answer *a = x, *b = y;
    int k = strcmp(a->key, b->key);
    if (k)
        return k;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int cmp_bad_line(const void *x, const void *y)
{
    const bad_answer *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

/*
 * The answers not understood: one error per distinct answer in a column
 * (as labels compare: whatever its case and spacing), at its first row,
 * naming the rows it occurs in when there are more: "\"TBC\" is not a day
 * (...); in 3 rows: 7, 19, 31". In order of their first rows.
 */
static void report_bad_days(imp *im)
{
    if (!im->nbad)
        return;
    qsort(im->bad, im->nbad, sizeof *im->bad, cmp_bad);
    size_t ng = 0;
    for (size_t i = 0; i < im->nbad && !im->nomem;) {
        size_t j = i;
        char list[160];
        size_t len = 0;
        list[0] = '\0';
        while (j < im->nbad && im->bad[j].col == im->bad[i].col &&
               strcmp(im->bad[j].key, im->bad[i].key) == 0) {
            if (j - i < 10) {
                int w = snprintf(list + len, sizeof list - len, "%s%u",
                                 j > i ? ", " : "", im->bad[j].line);
                if (w > 0 && (size_t)w < sizeof list - len)
                    len += (size_t)w;
            } else if (j - i == 10) {
                snprintf(list + len, sizeof list - len, ", ...");
                len = strlen(list);
            }
            j++;
        }
        bad_answer g = im->bad[i];
        g.count = j - i;
        g.rows = als__arena_strdup(&im->arena, list);
        if (!g.rows)
            im->nomem = true;
        im->bad[ng++] = g; /* ng <= i: groups overwrite what is read */
        i = j;
    }
    if (im->nomem)
        return;
    qsort(im->bad, ng, sizeof *im->bad, cmp_bad_line);
    for (size_t k = 0; k < ng; k++) {
        const bad_answer *g = &im->bad[k];
        char dym[160], days[200], where[200];
        did_you_mean(dym, sizeof dym, g->text, im->day_words, im->nday_words);
        day_list(im, days, sizeof days);
        if (g->count > 1)
            snprintf(where, sizeof where, "; in %zu rows: %s", g->count,
                     g->rows);
        else
            where[0] = '\0';
        if (*dym)
            fail(im, g->line, g->col, "\"%s\" is not a day%s%s", g->text, dym,
                 where);
        else if (im->own_days)
            fail(im, g->line, g->col,
                 "\"%s\" is not a day (%s, any, both or none)%s", g->text, days,
                 where);
        else
            fail(im, g->line, g->col,
                 "\"%s\" is not a day of the week (nor any, both or none)%s",
                 g->text, where);
    }
    im->nbad = 0;
}

/*
 * Cut an availability cell into pieces, in place: at ; , / & + | and
 * dashes (a spaced hyphen, en and em dashes) outside brackets, so that
 * "Series 1 (26 Sep, 8 Oct)" stays whole. ! ? and quotes become spaces.
 * Pieces are separated by ';'.
 */
static void cut_pieces(char *s)
{
    int depth = 0;
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if ((*p == ')' || *p == ']') && depth > 0)
            depth--;
        else if (*p == '!' || *p == '?' || *p == '"')
            *p = ' ';
        else if (p[0] == 0xE2 && p[1] == 0x80 &&
                 (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0x95)) {
            p[0] = ';';
            p[1] = p[2] = ' ';
            p += 2;
        } else if (depth == 0 &&
                   (strchr(";,/&+|:", *p) ||
                    (*p == '-' && p > (unsigned char *)s && p[-1] == ' ' &&
                     (p[1] == ' ' || p[1] == '\0'))))
            *p = ';';
    }
}

/* `piece` without what is in brackets, into out. */
static void drop_brackets(const char *piece, char *out, size_t cap)
{
    size_t n = 0;
    int depth = 0;
    for (const char *p = piece; *p && n + 1 < cap; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if ((*p == ')' || *p == ']') && depth > 0)
            depth--;
        else if (depth == 0)
            out[n++] = *p;
    }
    out[n] = '\0';
    char *t = trim(out);
    memmove(out, t, strlen(t) + 1);
}

/* What the words of a piece say. */
typedef struct av_read {
    uint64_t mask, excl;
    bool any, both, preference, known;
    const char *unknown; /* the first word not understood */
} av_read;

/*
 * Read a piece word by word: days (a label of several words taken whole,
 * the longest first; a number where the days are numbered), any, both,
 * none, "not" before days, a preference, and words that say nothing.
 * Brackets count as spaces. Returns false at the first word that is none
 * of these (left in r->unknown).
 */
static bool read_words(imp *im, char *piece, av_read *r, unsigned line,
                       size_t c)
{
    char *words[64];
    size_t nw = 0;
    for (char *p = piece; *p; p++)
        if (*p == '(' || *p == ')' || *p == '[' || *p == ']' || *p == '.')
            *p = ' ';
    char *save = NULL;
    for (char *w = strtok_r(piece, " ", &save); w;
         w = strtok_r(NULL, " ", &save)) {
        if (nw == COUNT(words)) { /* not an answer but an essay */
            r->unknown = w;
            return false;
        }
        words[nw++] = w;
    }
    bool negate = false;
    for (size_t i = 0; i < nw;) {
        /* the longest span of words that names something */
        size_t len = nw - i < 4 ? nw - i : 4;
        int kind = AV_UNKNOWN, slot = -1;
        char span[LABEL_KEY_MAX];
        for (; len >= 1; len--) {
            size_t n = 0;
            span[0] = '\0';
            for (size_t k = i; k < i + len && n + 1 < sizeof span; k++) {
                int w = snprintf(span + n, sizeof span - n, "%s%s",
                                 k > i ? " " : "", words[k]);
                if (w < 0)
                    break;
                n += (size_t)w;
            }
            kind = availability_word(im, span, &slot);
            if (kind == AV_UNKNOWN && len == 1 &&
                (slot = numbered_slot(im, span)) >= 0)
                kind = AV_DAY;
            if (kind != AV_UNKNOWN)
                break;
        }
        if (kind == AV_UNKNOWN) {
            len = 1;
            if (is_negation(words[i])) {
                negate = true;
            } else if (is_preference(words[i])) {
                r->preference = true;
            } else if (!is_filler(words[i])) {
                r->unknown = words[i];
                return false;
            }
            i += len;
            continue;
        }
        r->known = true;
        switch (kind) {
        case AV_DAY:
            if (negate)
                r->excl |= (uint64_t)1 << slot;
            else
                r->mask |= (uint64_t)1 << slot;
            break;
        case AV_ANY:
            r->any = true;
            break;
        case AV_BOTH:
            r->both = true;
            break;
        case AV_NONE:
            break;
        case AV_OTHER_DAY: {
            char days[200];
            day_list(im, days, sizeof days);
            warn(im, line, c,
                 "\"%s\" is not one of the programme's days (%s); ignored",
                 span, days);
            break;
        }
        default:
            break;
        }
        i += len;
    }
    return true;
}

/*
 * Availability as forms' answers write it: "Tue; Thu", "Tuesday and
 * Thursday", "Tuesdays only", "both", "any", "Either – happy with both",
 * "prefer Tuesday" (Tuesday, with a warning), "Tuesday preferably,
 * Thursday at a push" (both), "not Tuesday" (the other days), "2 or 3"
 * where the days are numbered ("Series 2"), "Series 1 (26 Sep, 8 Oct)",
 * "Tuesday PM;". An answer not understood is kept for report_bad_days().
 */
static void read_availability(imp *im, app *a, unsigned line, size_t c,
                              const char *v)
{
    int slot, kind = availability_word(im, v, &slot);
    uint64_t mask = 0, excl = 0;
    bool any = false, both = false, pref = false;
    if (kind == AV_DAY) {
        mask = (uint64_t)1 << slot;
    } else if (kind == AV_ANY || kind == AV_BOTH) {
        any = kind == AV_ANY;
        both = kind == AV_BOTH;
    } else if (kind != AV_NONE) {
        char *buf = als__strdup(v);
        if (!buf) {
            im->nomem = true;
            return;
        }
        cut_pieces(buf);
        for (char *rest = buf; rest;) {
            char *piece = next_item(&rest, ';');
            if (!*piece)
                continue;
            kind = availability_word(im, piece, &slot);
            if (kind == AV_UNKNOWN && strpbrk(piece, "([")) {
                char bare[LABEL_KEY_MAX];
                drop_brackets(piece, bare, sizeof bare);
                if (*bare)
                    kind = availability_word(im, bare, &slot);
            }
            if (kind == AV_DAY) {
                mask |= (uint64_t)1 << slot;
                continue;
            }
            if (kind == AV_ANY || kind == AV_BOTH || kind == AV_NONE) {
                any |= kind == AV_ANY;
                both |= kind == AV_BOTH;
                continue;
            }
            av_read r;
            memset(&r, 0, sizeof r);
            char *copy = als__strdup(piece);
            if (!copy) {
                im->nomem = true;
                free(buf);
                return;
            }
            bool ok = read_words(im, copy, &r, line, c);
            if (!ok) {
                /* nothing in it is a day: name the whole piece */
                bad_day(im, line, c, r.known ? r.unknown : piece);
                free(copy);
                free(buf);
                return;
            }
            free(copy);
            mask |= r.mask;
            excl |= r.excl;
            any |= r.any;
            both |= r.both;
            pref |= r.preference;
        }
        free(buf);
    }
    if (excl && !mask && !any && !both) {
        if (im->own_days) {
            uint64_t every = als__all_days(im->ndays);
            mask = every & ~excl;
        } else {
            a->excl = excl; /* the sheet's other days: derive_days() */
            im->days_used |= excl;
            a->has_avail = true;
            return;
        }
    }
    if (pref && !any && !both && mask && (mask & (mask - 1)) == 0) {
        char got[ALS_MAX_LABEL_BYTES + 1] = "";
        for (size_t d = 0; d < 64; d++)
            if (mask >> d & 1)
                snprintf(got, sizeof got, "%s",
                         im->own_days ? im->day_label[d] : weekday_label[d]);
        warn(im, line, c,
             "\"%s\" is read as %s only: a preference is taken as the one day "
             "the applicant can make (write both days if either will do)",
             v, got);
    }
    if (!im->own_days)
        im->days_used |= mask;
    if (any || (both && !mask && (!im->own_days || im->ndays == 2))) {
        a->both = both && !any && !im->own_days;
        return; /* every day */
    }
    if (both && !mask) {
        char days[200];
        day_list(im, days, sizeof days);
        fail(im, line, c,
             "\"both\" is unclear: the programme has %zu days (%s)", im->ndays,
             days);
        return;
    }
    a->has_avail = true;
    a->avail = mask;
}

/* An integer with an optional sign, nothing else. */
static bool parse_int(const char *v, long long lim, long long *out)
{
    bool neg = *v == '-';
    if (*v == '-' || *v == '+')
        v++;
    size_t digits = strspn(v, "0123456789");
    if (!digits || v[digits] || digits > 15)
        return false;
    long long x = 0;
    for (size_t k = 0; k < digits; k++)
        x = x * 10 + (v[k] - '0');
    if (x > lim)
        return false;
    *out = neg ? -x : x;
    return true;
}

/*
 * 1 withdrawn, 0 not, -1 neither: yes/no, "withdrawn", or the booking
 * statuses of event exports (Eventbrite's Attendee Status): Attending,
 * Checked in, Waitlist (waiting: not withdrawn); Not attending,
 * Cancelled, Refunded (withdrawn).
 */
static int withdrawn_of(const char *v)
{
    static const char *const out[] = {"withdrawn",    "withdrew",
                                      "notattending", "cancelled",
                                      "canceled",     "refunded",
                                      "declined",     "deleted",
                                      "transferred",  "cancelledbyattendee",
                                      "noshow"};
    static const char *const in[] = {
        "attending",  "checkedin",   "notcheckedin", "waitlist",
        "waitlisted", "waitinglist", "onwaitlist",   "onthewaitinglist",
        "confirmed",  "registered",  "booked",       "active"};
    int yn = yes_no(v);
    char k[KEY_MAX];
    if (yn >= 0 || strlen(v) >= KEY_MAX)
        return yn;
    header_key(v, k, sizeof k);
    for (size_t i = 0; i < COUNT(out); i++)
        if (strcmp(k, out[i]) == 0)
            return 1;
    for (size_t i = 0; i < COUNT(in); i++)
        if (strcmp(k, in[i]) == 0)
            return 0;
    return -1;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * A role as forms write it: every common spelling of officer ("Council
 * officer", "Officer (staff)") and of councillor ("Cllr", "Elected
 * Member", "Councillor (Cabinet Member)", "Member") is written as
 * "officer" or "councillor"; a facilitator ("Set facilitator") is marked,
 * to be left out. Anything else is kept as written, with a warning when
 * council pairs apply.
 */
static void read_role(imp *im, app *a, unsigned line, size_t c, const char *v)
{
    char k[KEY_MAX];
    if (strlen(v) >= KEY_MAX) {
        a->role = v;
        return;
    }
    header_key(v, k, sizeof k);
    if (strstr(k, "facilitator")) {
        a->facilitator = true;
        return;
    }
    bool cllr = starts_with(k, "cllr") || starts_with(k, "councillor") ||
                starts_with(k, "councilor") || strstr(k, "electedmember") ||
                strcmp(k, "member") == 0 || strcmp(k, "cabinetmember") == 0 ||
                strcmp(k, "elected") == 0;
    bool officer = strstr(k, "officer") != NULL || strcmp(k, "staff") == 0 ||
                   strcmp(k, "employee") == 0 || strcmp(k, "councilstaff") == 0;
    if (cllr && !officer) {
        a->role = "councillor";
        return;
    }
    if (officer && !cllr) {
        a->role = "officer";
        return;
    }
    a->role = v;
    bool pairs = im->prog ? als_problem_council_pairs(im->prog) != 0 : true;
    if (pairs && im->fcol[F_COUNCIL] != ALS__NOIDX)
        warn(im, line, c,
             "\"%s\" is neither an officer nor a councillor, so it counts "
             "as neither in its council's nomination",
             v);
}

/*
 * Council pairs with a role column but no council column ("Are you an
 * officer or a councillor?" beside "Which council or organisation do you
 * work for?"): an organisation that has both an officer and a councillor
 * among the rows is their council, so that its pair shares a set (an
 * organisation with only one of them is left as it is: its "officer" may
 * be a job title); said once.
 */
static int role_bits(const app *a)
{
    if (!a->org || a->council || !a->role)
        return 0;
    return strcmp(a->role, "officer") == 0      ? 1
           : strcmp(a->role, "councillor") == 0 ? 2
                                                : 0;
}

static void councils_from_organisations(imp *im)
{
    bool pairs = im->prog ? als_problem_council_pairs(im->prog) != 0 : true;
    if (!pairs || im->fcol[F_ROLE] == ALS__NOIDX ||
        im->fcol[F_COUNCIL] != ALS__NOIDX || im->fcol[F_ORG] == ALS__NOIDX)
        return;
    als__strtab orgs; /* organisations (as labels) with a role */
    als__strtab_init(&orgs, true);
    /* per organisation: 1 an officer, 2 a councillor among its rows */
    unsigned char *bits = als__calloc(im->napps ? im->napps : 1, 1);
    size_t n = 0;
    if (!bits)
        im->nomem = true;
    for (size_t k = 0; k < im->napps && !im->nomem; k++) {
        int b = role_bits(&im->apps[k]);
        size_t o = b ? als__strtab_intern(&orgs, im->apps[k].org, NULL) : 0;
        if (o == ALS__NOIDX)
            im->nomem = true;
        else if (b)
            bits[o] |= (unsigned char)b;
    }
    for (size_t k = 0; k < im->napps && !im->nomem; k++) {
        app *a = &im->apps[k];
        if (role_bits(a) && bits[als__strtab_find(&orgs, a->org)] == 3) {
            a->council = a->org;
            n++;
        }
    }
    free(bits);
    als__strtab_free(&orgs);
    if (!n)
        return;
    char letters[8];
    als__csv_column_name(im->fcol[F_ORG] + 1, letters);
    warn(im, header_line(im), im->fcol[F_ORG],
         "no column names the councils: the %zu officers and councillors "
         "of an organisation (column %s) that has both are taken as its "
         "council's nominees, so that its pair shares a set",
         n, letters);
}

static void read_row(imp *im, size_t r)
{
    const als__csv_row *row = &im->csv.rows[r];
    app *a = &im->apps[im->napps++];
    unsigned line = row->line;
    bool answered = false;
    a->row = r;
    a->level = ALS_NONE;
    a->first_label = ALS__NOIDX;
    a->facilitator = im->fac_sheet;
    for (size_t c = 0; c < im->ncols; c++) {
        const char *v = als__csv_cell(&im->csv, row, c);
        int f = im->cols[c].field;
        if (!v || !*v || f == F_IGNORE)
            continue;
        im->cols[c].nvalues++;
        size_t limit =
            f == F_ID || f == F_SET ? ALS_MAX_ID_BYTES : ALS_MAX_LABEL_BYTES;
        if (f != F_AVAIL && f != F_TOGETHER && f != F_APART &&
            strlen(v) > limit) {
            fail(im, line, c, "longer than %zu bytes", limit);
            continue;
        }
        switch (f) {
        case F_ID:
            a->id = v;
            break;
        case F_NAME:
            a->name = v;
            break;
        case F_FIRST:
            a->first = v;
            break;
        case F_LAST:
            a->last = v;
            break;
        case F_ORG:
            a->org = v;
            break;
        case F_SECTOR:
            a->sector = v;
            break;
        case F_COUNCIL:
            a->council = v;
            break;
        case F_SET:
            a->set = v;
            break;
        case F_ROLE:
            read_role(im, a, line, c, v);
            break;
        case F_LEVEL:
            read_level(im, a, line, c, v);
            break;
        case F_AVAIL:
            read_availability(im, a, line, c, v);
            break;
        case F_DAY: {
            int yn = yes_no(v);
            if (yn < 0)
                fail(im, line, c, "\"%s\" is not yes or no", v);
            answered = true;
            if (yn > 0)
                a->avail |= (uint64_t)1 << im->cols[c].slot;
            break;
        }
        case F_PRIORITY:
            a->has_priority = parse_int(v, ALS_MAX_PRIORITY, &a->priority);
            if (!a->has_priority)
                fail(im, line, c,
                     "\"%s\" is not a whole number from -%lld to %lld", v,
                     ALS_MAX_PRIORITY, ALS_MAX_PRIORITY);
            break;
        case F_WITHDRAWN: {
            int yn = withdrawn_of(v);
            if (yn < 0)
                fail(im, line, c,
                     "\"%s\" is not yes or no, nor a booking status "
                     "(Attending, Checked in, Waitlist; Not attending, "
                     "Cancelled, Refunded)",
                     v);
            a->withdrawn = yn > 0;
            break;
        }
        case F_EMAIL: {
            char *e = als__arena_strdup(&im->arena, v);
            if (!e) {
                im->nomem = true;
                break;
            }
            e = trim(e);
            const char *at = strchr(e, '@');
            if (!*e || has_prefix_ci(e, "anonymous"))
                break; /* Microsoft Forms' anonymous responses */
            if (!at || at == e || !at[1] || strchr(at + 1, '@') ||
                strchr(e, ' ')) {
                warn(im, line, c, "\"%s\" is not an e-mail address; ignored",
                     e);
                break;
            }
            a->email = e;
            break;
        }
        case F_TOGETHER:
            a->together_cell = v;
            break;
        case F_APART:
            a->apart_cell = v;
            break;
        case F_MAX_SETS: {
            long long n;
            if (!parse_int(v, ALS_MAX_DAYS, &n) || n < 1)
                fail(im, line, c,
                     "\"%s\" is not a whole number of sets from 1 to %u", v,
                     ALS_MAX_DAYS);
            else
                a->max_sets = (int)n;
            break;
        }
        default:
            break;
        }
    }
    if (!a->org && im->org_fallback != ALS__NOIDX) {
        const char *v = als__csv_cell(&im->csv, row, im->org_fallback);
        if (v && *v && strlen(v) <= ALS_MAX_LABEL_BYTES) {
            a->org = v;
            im->cols[im->org_fallback].nvalues++;
        }
    }
    if (im->first_day_col != ALS__NOIDX && answered)
        a->has_avail = true;
    if (im->fcol[F_NAME] == ALS__NOIDX && (a->first || a->last)) {
        char name[2 * ALS_MAX_LABEL_BYTES + 2]; /* both within the limit */
        snprintf(name, sizeof name, "%s%s%s", a->first ? a->first : "",
                 a->first && a->last ? " " : "", a->last ? a->last : "");
        if (!(a->name = als__arena_strdup(&im->arena, name)))
            im->nomem = true;
    }
    if (a->max_sets && !a->facilitator)
        warn(im, line, im->fcol[F_MAX_SETS],
             "only a facilitator leads sets: the number is ignored for an "
             "applicant");
    if (a->facilitator) {
        /* a set's facilitator, not a member: one of the facilitators */
        im->facs[im->nfacilitators++] = *a;
        memset(a, 0, sizeof *a);
        im->napps--;
        return;
    }
    a->clash_of = ALS__NOIDX;
    if (im->fcol[F_ID] != ALS__NOIDX && !a->id) {
        fail(im, line, im->fcol[F_ID],
             "the id is empty: every applicant needs one");
    }
}

/* ---- first come, first served -------------------------------------------- */

/* A submission time as written: the date's three numbers in the order
   written, the time, an offset from UTC. */
typedef struct stamp {
    bool ymd;        /* 2024-09-03, 2024/09/03; else 03/09/2024, 9/3/24 */
    int n[3];        /* the date's numbers, in order */
    int year_digits; /* of the year */
    int h, mi, s;    /* 24-hour */
    int offset;      /* minutes east of UTC (0 when not given) */
} stamp;

/* Digits at *p (at most `max`): their value, *p past them; -1 when none. */
static int digits(const char **p, int max, int *count)
{
    int v = 0, n = 0;
    while (n < max && **p >= '0' && **p <= '9')
        v = v * 10 + (*(*p)++ - '0'), n++;
    if (count)
        *count = n;
    return n ? v : -1;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* "+1", "+01:00", "+0100", "-5" (after GMT/UTC or alone): minutes. */
static bool parse_offset(const char **p, int *out)
{
    int sign = **p == '-' ? -1 : 1;
    if (**p != '+' && **p != '-')
        return false;
    (*p)++;
    int n, h = digits(p, 4, &n), m = 0;
    if (h < 0)
        return false;
    if (n == 4) { /* +0100 */
        m = h % 100;
        h /= 100;
    } else if (n > 2) {
        return false;
    } else if (**p == ':') {
        (*p)++;
        if ((m = digits(p, 2, &n)) < 0 || n != 2)
            return false;
    }
    if (h > 14 || m > 59)
        return false;
    *out = sign * (h * 60 + m);
    return true;
}

/*
 * The forms' exports: Google Forms "2024/09/03 10:14:55 am GMT+1",
 * Microsoft Forms "9/3/24 10:14:55" or "03/09/2024 10:14:55", Eventbrite and
 * ISO "2024-09-03T10:14:55", "2024-09-03 10:14" (with Z or +01:00). The
 * time may be left out (midnight).
 */
static bool parse_stamp(const char *v, stamp *st)
{
    memset(st, 0, sizeof *st);
    const char *p = skip_spaces(v);
    int cnt[3];
    st->n[0] = digits(&p, 4, &cnt[0]);
    char sep = *p;
    if (st->n[0] < 0 || (sep != '-' && sep != '/' && sep != '.'))
        return false;
    p++;
    st->n[1] = digits(&p, 2, &cnt[1]);
    if (st->n[1] < 0 || *p != sep)
        return false;
    p++;
    st->n[2] = digits(&p, 4, &cnt[2]);
    if (st->n[2] < 0)
        return false;
    if (cnt[0] == 4) {
        st->ymd = true;
        st->year_digits = 4;
        if (cnt[2] > 2)
            return false;
    } else if (cnt[0] <= 2 && (cnt[2] == 4 || cnt[2] == 2)) {
        st->year_digits = cnt[2];
    } else {
        return false;
    }
    if (*p == 'T' || *p == ' ' || *p == ',')
        p = skip_spaces(p + 1 + (*p == ',' && p[1] == ' '));
    if (*p >= '0' && *p <= '9') {
        int n;
        st->h = digits(&p, 2, &n);
        if (*p != ':')
            return false;
        p++;
        st->mi = digits(&p, 2, &n);
        if (st->mi < 0 || n != 2)
            return false;
        if (*p == ':') {
            p++;
            st->s = digits(&p, 2, &n);
            if (st->s < 0 || n != 2)
                return false;
            if (*p == '.' || *p == ',') /* fractions of a second */
                for (p++; *p >= '0' && *p <= '9'; p++)
                    ;
        }
        p = skip_spaces(p);
        /* am, pm, a.m., p.m. */
        char c0 = (char)(*p | 0x20);
        if ((c0 == 'a' || c0 == 'p') &&
            ((p[1] | 0x20) == 'm' || (p[1] == '.' && (p[2] | 0x20) == 'm'))) {
            if (st->h < 1 || st->h > 12)
                return false;
            st->h = st->h % 12 + (c0 == 'p' ? 12 : 0);
            p += p[1] == '.' ? 3 + (p[3] == '.') : 2;
            p = skip_spaces(p);
        }
        if (st->h > 23 || st->mi > 59 || st->s > 60)
            return false;
    }
    /* Z, GMT, UTC, GMT+1, +01:00 */
    if (*p == 'Z') {
        p++;
    } else if (has_prefix_ci(p, "gmt") || has_prefix_ci(p, "utc")) {
        p += 3;
        if ((*p == '+' || *p == '-') && !parse_offset(&p, &st->offset))
            return false;
    } else if (*p == '+' || *p == '-') {
        if (!parse_offset(&p, &st->offset))
            return false;
    }
    return *skip_spaces(p) == '\0';
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Seconds from 1970-01-01 UTC of a stamp whose date reads year, month,
   day; false when there is no such day. */
static bool stamp_seconds(const stamp *st, int y, int m, int d, long long *out)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    if (y < 100)
        y += 2000;
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
        return false;
    /* days from civil (H. Hinnant) */
    int yy = y - (m <= 2);
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    *out = days * 86400 + st->h * 3600 + st->mi * 60 + st->s -
           (long long)st->offset * 60;
    return true;
}

typedef struct ranked {
    long long t;
    size_t i; /* row order */
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * --first-come: priority by submission, the earliest highest (the count of
 * rows, down to 1), ties in row order; from the submission time column
 * when there is one (Timestamp, Completion time, Start time, Order date),
 * else the rows' order. Dates of day/month/year or month/day/year are
 * told apart by the column: a first number above 12 means day first, a
 * second above 12 month first; with neither, day first for a four-digit
 * year (03/09/2024), month first for two digits (9/3/24).
 */
static void first_come(imp *im)
{
    size_t n = im->napps;
    size_t c =
        im->fcol[F_TIME] != ALS__NOIDX ? im->fcol[F_TIME] : im->fcol[F_START];
    if (im->fcol[F_PRIORITY] != ALS__NOIDX) {
        fail(im, header_line(im), im->fcol[F_PRIORITY],
             "--first-come gives the priorities, and so does this column: "
             "use one or the other");
        return;
    }
    ranked *r = als__malloc(n ? n : 1, sizeof *r);
    stamp *st = als__malloc(n ? n : 1, sizeof *st);
    if (!r || !st) {
        free(r);
        free(st);
        im->nomem = true;
        return;
    }
    size_t day_first = ALS__NOIDX, month_first = ALS__NOIDX; /* evidence */
    size_t before = im->rep.errors;
    for (size_t i = 0; i < n; i++) {
        app *a = &im->apps[i];
        r[i] = (ranked){0, i};
        if (c == ALS__NOIDX)
            continue;
        unsigned line = im->csv.rows[a->row].line;
        const char *v = als__csv_cell(&im->csv, &im->csv.rows[a->row], c);
        if (!v || !*v) {
            fail(im, line, c,
                 "no submission time: --first-come ranks every row by it");
            continue;
        }
        if (!parse_stamp(v, &st[i])) {
            fail(im, line, c,
                 "\"%s\" is not a date and time such as 2024-09-03 10:14:55, "
                 "03/09/2024 10:14:55 or 2024/09/03 10:14:55 am GMT+1",
                 v);
            continue;
        }
        if (st[i].ymd)
            continue;
        if (st[i].n[0] > 12 && day_first == ALS__NOIDX)
            day_first = i;
        if (st[i].n[1] > 12 && month_first == ALS__NOIDX)
            month_first = i;
    }
    if (day_first != ALS__NOIDX && month_first != ALS__NOIDX) {
        size_t i = day_first > month_first ? day_first : month_first;
        size_t j = day_first > month_first ? month_first : day_first;
        fail(im, im->csv.rows[im->apps[i].row].line, c,
             "its date is %s first, but row %u's is %s first",
             i == day_first ? "day" : "month",
             im->csv.rows[im->apps[j].row].line,
             i == day_first ? "month" : "day");
    }
    for (size_t i = 0; c != ALS__NOIDX && i < n && im->rep.errors == before;
         i++) {
        const stamp *s = &st[i];
        int y, m, d;
        if (s->ymd) {
            y = s->n[0], m = s->n[1], d = s->n[2];
        } else {
            bool dm = day_first != ALS__NOIDX     ? true
                      : month_first != ALS__NOIDX ? false
                                                  : s->year_digits == 4;
            y = s->n[2];
            d = dm ? s->n[0] : s->n[1];
            m = dm ? s->n[1] : s->n[0];
        }
        if (!stamp_seconds(s, y, m, d, &r[i].t))
            fail(im, im->csv.rows[im->apps[i].row].line, c,
                 "\"%s\" is not a date: no day %d of month %d in %d",
                 als__csv_cell(&im->csv, &im->csv.rows[im->apps[i].row], c), d,
                 m, y < 100 ? y + 2000 : y);
    }
    if (im->rep.errors == before) {
        qsort(r, n, sizeof *r, cmp_ranked);
        for (size_t k = 0; k < n; k++) {
            app *a = &im->apps[r[k].i];
            a->has_priority = true;
            a->priority = (long long)(n - k);
        }
    }
    free(r);
    free(st);
}

/* ---- stable ids ------------------------------------------------------------
 */

enum { CLASH_EMAIL = 1, CLASH_NAME, CLASH_SLUG };

/* Longest id made from a name and organisation, in bytes. */
#define SLUG_MAX 200

/*
 * Append `s` to out (at *n, capacity cap) as a readable slug: ASCII letters
 * and digits lower-cased, apostrophes dropped ("O'Brien" -> "obrien"),
 * other ASCII runs one '-', other UTF-8 kept.
 */
static void slug_add(char *out, size_t *n, size_t cap, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    bool sep = *n > 0 && out[*n - 1] != '-';
    for (; *u && *n + 6 < cap; u++) {
        unsigned char ch = *u;
        if (ch == '\'' ||
            (ch == 0xE2 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99))) {
            u += ch == '\'' ? 0 : 2; /* ' and the typographic ones */
            continue;
        }
        bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                    (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
        if (!keep) {
            sep = *n > 0;
            continue;
        }
        if (sep && out[*n - 1] != '-')
            out[(*n)++] = '-';
        sep = false;
        out[(*n)++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    out[*n] = '\0';
}

/* The id a row's e-mail, or else name and organisation, give ("" when
   none). */
static void base_id(const app *a, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    if (a->email && strlen(a->email) <= ALS_MAX_ID_BYTES) {
        for (const char *s = a->email; *s && n + 1 < cap; s++)
            out[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        out[n] = '\0';
        return;
    }
    if (!a->name)
        return;
    slug_add(out, &n, cap, a->name);
    if (n && a->org) {
        size_t before = n;
        out[n++] = '-';
        out[n] = '\0';
        slug_add(out, &n, cap, a->org);
        if (n == before + 1)
            n = before;
    }
    if (n > SLUG_MAX) { /* cut at a character boundary */
        n = SLUG_MAX;
        while (n && ((unsigned char)out[n] & 0xC0) == 0x80)
            n--;
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = '\0';
}

/* Do two rows give the same name and organisation (as labels compare)? */
static bool same_name_org(const app *a, const app *b)
{
    char k1[LABEL_KEY_MAX], k2[LABEL_KEY_MAX];
    if (!a->name || !b->name)
        return false;
    als__label_key(a->name, k1, sizeof k1);
    als__label_key(b->name, k2, sizeof k2);
    if (strcmp(k1, k2) != 0 || !a->org != !b->org)
        return false;
    if (!a->org)
        return true;
    als__label_key(a->org, k1, sizeof k1);
    als__label_key(b->org, k2, sizeof k2);
    return strcmp(k1, k2) == 0;
}

/*
 * Without an id column, each row's id is its e-mail (lower-cased), else its
 * name and organisation as a slug ("jo-smith-riverside"): deleting,
 * inserting or re-sorting rows changes no one's id. Rows that give the same
 * id (most likely a duplicate application) leave it to the first and get
 * "-2", "-3", ... in row order, with a warning; a suffixed id is never one
 * that another row gives on its own.
 */
static void assign_ids(imp *im)
{
    if (im->fcol[F_ID] != ALS__NOIDX)
        return;
    size_t n = im->napps;
    char base[ALS_MAX_ID_BYTES + 16], buf[sizeof base + 16];
    als__strtab bases, taken;
    als__strtab_init(&bases, false);
    als__strtab_init(&taken, false);
    size_t *holder = NULL, cap = 0;
    /* every row's own id first, so that no suffix takes one */
    for (size_t i = 0; i < n && !im->nomem; i++) {
        base_id(&im->apps[i], buf, sizeof buf);
        if (*buf && als__strtab_intern(&bases, buf, NULL) == ALS__NOIDX)
            im->nomem = true;
    }
    for (size_t i = 0; i < n && !im->nomem; i++) {
        app *a = &im->apps[i];
        unsigned line = im->csv.rows[a->row].line;
        base_id(a, base, sizeof base);
        if (!*base) {
            fail(im, line, ALS__NOIDX,
                 "no id, e-mail or name (with a letter or digit) to know "
                 "the applicant by");
            continue;
        }
        size_t k = als__strtab_find(&bases, base);
        if (!als__grow((void **)&holder, &cap, bases.n, sizeof *holder)) {
            im->nomem = true;
            break;
        }
        bool added;
        size_t t = als__strtab_intern(&taken, base, &added);
        if (t == ALS__NOIDX) {
            im->nomem = true;
            break;
        }
        if (added) {
            holder[k] = i;
            if (!(a->id = als__arena_strdup(&im->arena, base)))
                im->nomem = true;
            continue;
        }
        /* an earlier row has it: the next free suffix */
        const app *first = &im->apps[holder[k]];
        for (unsigned x = 2;; x++) {
            snprintf(buf, sizeof buf, "%s-%u", base, x);
            if (als__strtab_find(&bases, buf) == ALS__NOIDX &&
                als__strtab_find(&taken, buf) == ALS__NOIDX)
                break;
        }
        if (als__strtab_intern(&taken, buf, NULL) == ALS__NOIDX ||
            !(a->id = als__arena_strdup(&im->arena, buf))) {
            im->nomem = true;
            break;
        }
        a->clash_of = holder[k];
        unsigned fline = im->csv.rows[first->row].line;
        if (strchr(base, '@')) {
            a->clash_kind = CLASH_EMAIL;
            warn(im, line, im->fcol[F_EMAIL],
                 "the same e-mail as row %u (%s): likely a duplicate "
                 "application; its id is \"%s\"",
                 fline, a->email, a->id);
        } else if (same_name_org(a, first)) {
            a->clash_kind = CLASH_NAME;
            warn(im, line, ALS__NOIDX,
                 "the same name and organisation as row %u (%s%s%s), and no "
                 "e-mail to tell them apart: likely a duplicate "
                 "application; its id is \"%s\"",
                 fline, a->name, a->org ? ", " : "", a->org ? a->org : "",
                 a->id);
        } else {
            a->clash_kind = CLASH_SLUG;
            warn(im, line, ALS__NOIDX,
                 "its name and organisation give the id \"%s\", as row %u's "
                 "do; its id is \"%s\" (an Id column gives ids of your "
                 "choosing)",
                 base, fline, a->id);
        }
    }
    free(holder);
    als__strtab_free(&bases);
    als__strtab_free(&taken);
}

/*
 * Likely duplicate applications (als__find_duplicates()), each a warning at
 * the later row naming the earlier one; those whose ids clashed are
 * already told.
 */
static void warn_duplicates(imp *im)
{
    als__person *v = als__calloc(im->napps ? im->napps : 1, sizeof *v);
    als__dup *d = NULL;
    size_t n = 0;
    if (!v) {
        im->nomem = true;
        return;
    }
    for (size_t i = 0; i < im->napps; i++)
        v[i] =
            (als__person){im->apps[i].name, im->apps[i].org, im->apps[i].email};
    if (als__find_duplicates(v, im->napps, &d, &n) != ALS_OK) {
        free(v);
        im->nomem = true;
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const app *a = &im->apps[d[k].a], *b = &im->apps[d[k].b];
        if (b->clash_of == d[k].a)
            continue;
        unsigned line = im->csv.rows[b->row].line,
                 aline = im->csv.rows[a->row].line;
        if (d[k].kind == ALS__DUP_EMAIL)
            warn(im, line, im->fcol[F_EMAIL],
                 "the same e-mail as row %u (%s): likely a duplicate "
                 "application (als allocate leaves the later one waiting)",
                 aline, a->email);
        else if (d[k].kind == ALS__DUP_NAME)
            warn(im, line, ALS__NOIDX,
                 "the same name as row %u (%s)%s%s%s: likely a duplicate "
                 "application",
                 aline, a->name, a->org ? " at the same organisation (" : "",
                 a->org ? a->org : "", a->org ? ")" : "");
        else
            warn(im, line, ALS__NOIDX,
                 "%s may be the same person as %s in row %u: the same "
                 "surname%s%s%s, and one first name starts the other",
                 b->name, a->name, aline, b->org ? " and organisation (" : "",
                 b->org ? b->org : "", b->org ? ")" : "");
    }
    free(d);
    free(v);
}

/* ---- references between rows: together and apart ------------------------ */

static bool index_add(ref_index *x, const char *key, size_t who)
{
    bool added;
    size_t k = als__strtab_intern(&x->t, key, &added);
    if (k == ALS__NOIDX ||
        !als__grow((void **)&x->who, &x->cap, k + 1, sizeof *x->who))
        return false;
    if (added)
        x->who[k] = who;
    else if (x->who[k] != who)
        x->who[k] = AMBIGUOUS;
    return true;
}

static size_t index_find(const ref_index *x, const char *key)
{
    size_t k = als__strtab_find(&x->t, key);
    return k == ALS__NOIDX ? k : x->who[k];
}

/* Index ids (reporting duplicates) and names. */
static void index_rows(imp *im)
{
    als__strtab_init(&im->ids.t, false);
    als__strtab_init(&im->ids_label.t, true);
    als__strtab_init(&im->names.t, true);
    im->refs = als__malloc(2 * im->napps + 1, sizeof *im->refs);
    if (!im->refs) {
        im->nomem = true;
        return;
    }
    for (size_t i = 0; i < im->napps && !im->nomem; i++) {
        const app *a = &im->apps[i];
        if (a->id) {
            size_t j = index_find(&im->ids, a->id);
            if (j != ALS__NOIDX) {
                fail(im, im->csv.rows[a->row].line, im->fcol[F_ID],
                     "\"%s\" is also the id of row %u", a->id,
                     im->csv.rows[im->apps[j].row].line);
                continue;
            }
            im->nomem |= !index_add(&im->ids, a->id, i) ||
                         !index_add(&im->ids_label, a->id, i);
            im->refs[im->nrefs++] = a->id;
        }
        if (a->name) {
            im->nomem |= !index_add(&im->names, a->name, i);
            im->refs[im->nrefs++] = a->name;
        }
    }
}

/*
 * Facilitators' ids: the id column, else as an applicant's (e-mail, else
 * name and organisation), else "facilitator-N" by row; never an applicant's
 * id (the namespace is shared: a clash gets "-f", with a warning).
 */
static void facilitator_ids(imp *im, const imp *apps)
{
    als__strtab seen;
    als__strtab_init(&seen, false);
    char base[ALS_MAX_ID_BYTES + 16], buf[sizeof base + 32];
    for (size_t k = 0; k < im->nfacilitators && !im->nomem; k++) {
        app *a = &im->facs[k];
        unsigned line = im->csv.rows[a->row].line;
        if (!a->id) {
            base_id(a, base, sizeof base);
            if (!base[0])
                snprintf(base, sizeof base, "facilitator-%zu", k + 1);
            a->id = base;
        }
        snprintf(buf, sizeof buf, "%s", a->id);
        if (index_find(&apps->ids, buf) != ALS__NOIDX) {
            warn(im, line, im->fcol[F_ID],
                 "\"%s\" is also an applicant's id: the facilitator is "
                 "\"%s-f\" (a facilitator cannot be a member of the sets "
                 "they lead)",
                 a->id, a->id);
            snprintf(buf, sizeof buf, "%s-f", a->id);
        }
        /* another row of the same facilitator, most likely */
        if (als__strtab_find(&seen, buf) != ALS__NOIDX) {
            char first[sizeof buf];
            memcpy(first, buf, sizeof first);
            for (int n = 2; als__strtab_find(&seen, buf) != ALS__NOIDX; n++)
                snprintf(buf, sizeof buf, "%.*s-%d", (int)(sizeof buf - 16),
                         first, n);
            warn(im, line, im->fcol[F_ID],
                 "the same id as an earlier facilitator (\"%s\"): likely "
                 "the same person twice; its id is \"%s\"",
                 first, buf);
        }
        if (!(a->id = als__arena_strdup(&im->arena, buf)) ||
            als__strtab_intern(&seen, buf, NULL) == ALS__NOIDX)
            im->nomem = true;
    }
    als__strtab_free(&seen);
}

/* The applicant an id or a name refers to: index, AMBIGUOUS, or
   ALS__NOIDX. Ids compare exactly first, then names and ids as labels. */
static size_t resolve(const imp *im, const char *item)
{
    size_t i = index_find(&im->ids, item);
    if (i == ALS__NOIDX)
        i = index_find(&im->names, item);
    if (i == ALS__NOIDX)
        i = index_find(&im->ids_label, item);
    return i;
}

/* Report an item that names nobody (or several). */
static void bad_reference(imp *im, unsigned line, size_t c, const char *item,
                          size_t who, const char *also)
{
    if (who == AMBIGUOUS) {
        fail(im, line, c,
             "\"%s\" names more than one applicant; use an id instead", item);
        return;
    }
    char dym[160];
    did_you_mean(dym, sizeof dym, item, im->refs, im->nrefs);
    fail(im, line, c, "\"%s\" is not an applicant's id or name%s%s", item, also,
         dym);
}

/*
 * Split a Together or Apart cell into items: the whole cell when it names
 * someone ("Smith, Jo"), else its parts between semicolons (or commas
 * when there is no semicolon). Returns a malloc'd vector of pointers into
 * a malloc'd copy (*buf), NULL on ENOMEM.
 */
static char **split_items(const imp *im, const char *cell, size_t *n,
                          char **buf)
{
    *n = 0;
    *buf = als__strdup(cell);
    char **items = als__malloc(strlen(cell) / 2 + 2, sizeof *items);
    if (!*buf || !items) {
        free(*buf);
        free(items);
        *buf = NULL;
        return NULL;
    }
    size_t who = resolve(im, cell);
    if (who != ALS__NOIDX && who != AMBIGUOUS) {
        items[(*n)++] = *buf;
        return items;
    }
    char sep = strchr(cell, ';') ? ';' : ',';
    for (char *rest = *buf; rest;) {
        char *item = next_item(&rest, sep);
        if (*item)
            items[(*n)++] = item;
    }
    return items;
}

/*
 * Together: a cell names applicants (ids or names) to share a set with, or
 * a group label other rows give too. Each group's unit label is its first
 * label, else its first row's id.
 */
static void resolve_together(imp *im)
{
    size_t n = im->napps, c = im->fcol[F_TOGETHER];
    size_t *parent = als__malloc(n, sizeof *parent);
    size_t *label_row = NULL, *label_uses = NULL, *group_label = NULL;
    size_t row_cap = 0, uses_cap = 0;
    als__strtab labels;
    als__strtab_init(&labels, true);
    if (!parent) {
        im->nomem = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        parent[i] = i;
    for (size_t i = 0; i < n && !im->nomem; i++) {
        app *a = &im->apps[i];
        if (!a->together_cell)
            continue;
        unsigned line = im->csv.rows[a->row].line;
        size_t nitems;
        char *buf;
        char **items = split_items(im, a->together_cell, &nitems, &buf);
        if (!items) {
            im->nomem = true;
            break;
        }
        for (size_t k = 0; k < nitems; k++) {
            size_t j = resolve(im, items[k]);
            if (j == AMBIGUOUS) {
                bad_reference(im, line, c, items[k], j, "");
                continue;
            }
            if (j != ALS__NOIDX) {
                als__uf_union(parent, i, j);
                continue;
            }
            bool added;
            size_t l = als__strtab_intern(&labels, items[k], &added);
            if (l == ALS__NOIDX ||
                !als__grow((void **)&label_row, &row_cap, l + 1,
                           sizeof *label_row) ||
                !als__grow((void **)&label_uses, &uses_cap, l + 1,
                           sizeof *label_uses)) {
                im->nomem = true;
                break;
            }
            if (added) {
                label_row[l] = i;
                label_uses[l] = 0;
            }
            if (label_row[l] != i)
                label_uses[l]++;
            als__uf_union(parent, i, label_row[l]);
            if (a->first_label == ALS__NOIDX)
                a->first_label = l;
        }
        free(items);
        free(buf);
    }
    /* a label nobody else gives is most likely a misspelt name */
    for (size_t l = 0; l < labels.n && !im->nomem; l++)
        if (label_uses[l] == 0)
            bad_reference(im, im->csv.rows[im->apps[label_row[l]].row].line, c,
                          labels.display[l], ALS__NOIDX,
                          ", nor a group another row gives");
    if (!im->nomem && im->rep.errors == 0) {
        group_label = als__malloc(n, sizeof *group_label);
        size_t *size = als__calloc(n, sizeof *size);
        if (!group_label || !size) {
            im->nomem = true;
        } else {
            for (size_t i = 0; i < n; i++) {
                size[als__uf_find(parent, i)]++;
                group_label[i] = ALS__NOIDX;
            }
            for (size_t i = 0; i < n; i++) {
                size_t r = als__uf_find(parent, i);
                if (group_label[r] == ALS__NOIDX)
                    group_label[r] = im->apps[i].first_label;
            }
            for (size_t i = 0; i < n; i++) {
                size_t r = als__uf_find(parent, i);
                if (size[r] < 2)
                    continue;
                im->apps[i].together = group_label[r] != ALS__NOIDX
                                           ? labels.display[group_label[r]]
                                           : im->apps[r].id;
                if (!(im->apps[i].together =
                          als__arena_strdup(&im->arena, im->apps[i].together)))
                    im->nomem = true;
            }
        }
        free(size);
    }
    free(group_label);
    free(label_row);
    free(label_uses);
    free(parent);
    als__strtab_free(&labels);
}

static void resolve_apart(imp *im)
{
    size_t c = im->fcol[F_APART];
    for (size_t i = 0; i < im->napps && !im->nomem; i++) {
        app *a = &im->apps[i];
        if (!a->apart_cell)
            continue;
        unsigned line = im->csv.rows[a->row].line;
        size_t nitems;
        char *buf;
        char **items = split_items(im, a->apart_cell, &nitems, &buf);
        if (!items) {
            im->nomem = true;
            break;
        }
        a->apart_first = im->napart;
        for (size_t k = 0; k < nitems; k++) {
            size_t j = resolve(im, items[k]);
            if (j == ALS__NOIDX || j == AMBIGUOUS) {
                bad_reference(im, line, c, items[k], j, "");
                continue;
            }
            if (!als__grow((void **)&im->apart, &im->apart_cap, im->napart + 1,
                           sizeof *im->apart)) {
                im->nomem = true;
                break;
            }
            im->apart[im->napart++] = im->apps[j].id;
        }
        a->napart = im->napart - a->apart_first;
        free(items);
        free(buf);
    }
}

/*
 * Without a programme, the days are the weekdays the sheet names, in
 * weekday order; "both" needs exactly two of them.
 */
static void derive_days(imp *im)
{
    size_t slot_of[7], nd = 0;
    for (size_t w = 0; w < 7; w++)
        slot_of[w] = im->days_used >> w & 1 ? nd++ : ALS__NOIDX;
    for (size_t i = 0; i < im->napps + im->nfacilitators; i++) {
        app *a = i < im->napps ? &im->apps[i] : &im->facs[i - im->napps];
        uint64_t m = 0;
        if (a->excl) /* "not Tuesday": the sheet's other days */
            a->avail = im->days_used & ~a->excl;
        for (size_t w = 0; w < 7; w++) /* a facilitator's may not be */
            if (a->avail >> w & 1 && slot_of[w] != ALS__NOIDX)
                m |= (uint64_t)1 << slot_of[w];
        a->avail = m;
        if (a->both && nd != 2)
            fail(im, im->csv.rows[a->row].line, im->fcol[F_AVAIL],
                 "\"both\" is unclear: the sheet names %zu days", nd);
        if (nd == 0)
            a->has_avail = false;
    }
    size_t d = 0;
    for (size_t w = 0; w < 7; w++)
        if (slot_of[w] != ALS__NOIDX)
            im->day_label[d++] = weekday_label[w];
    im->ndays = nd;
}

/* ---- writing the cohort ----------------------------------------------------
 */

/*
 * A member of the programme document, as written, moved to the indentation
 * of a top-level member of the cohort: every line after its first loses
 * as many leading spaces as its key had (at most) and gains two.
 */
static void put_member(als__sbuf *b, const imp *im, const member *m)
{
    const char *t = im->ptext;
    size_t from = 0;
    while (from < m->key && t[m->key - from - 1] != '\n')
        from++;
    als__sbuf_puts(b, ",\n  ");
    for (size_t i = m->key; i < m->end;) {
        const char *nl = memchr(t + i, '\n', m->end - i);
        size_t stop = nl ? (size_t)(nl - t) : m->end;
        als__sbuf_put(b, t + i, stop - i - (stop > i && t[stop - 1] == '\r'));
        if (!nl)
            break;
        als__sbuf_puts(b, "\n  ");
        i = stop + 1;
        for (size_t k = 0; k < from && i < m->end && t[i] == ' '; k++)
            i++;
    }
}

/*
 * The programme file's "programme", for a sheet of NHS bands when it names
 * no levels: as written, with the bands as its "seniority_levels", so that
 * every level is written by name.
 */
static void put_programme_with_bands(als__sbuf *b, const imp *im,
                                     const member *m)
{
    const char *t = im->ptext;
    size_t open = m->val; /* the programme is an object: its '{' */
    if (t[open] != '{') {
        put_member(b, im, m);
        return;
    }
    member head = *m;
    head.end = open + 1;
    put_member(b, im, &head);
    als__sbuf_puts(b, "\n    \"seniority_levels\": [");
    for (size_t l = 0; l < COUNT(afc_bands); l++) {
        if (l)
            als__sbuf_puts(b, ", ");
        als__sbuf_put_json_string(b, afc_bands[l]);
    }
    als__sbuf_puts(b, "]");
    size_t i = skip_ws(t, m->end, open + 1);
    if (t[i] != '}')
        als__sbuf_puts(b, ",");
    /* the rest, from the first member on, as put_member() moves it */
    member rest = *m;
    rest.key = i;
    while (rest.key > open + 1 && t[rest.key - 1] != '\n')
        rest.key--;
    if (rest.key == open + 1) { /* on the line of the '{' */
        als__sbuf_puts(b, " ");
        als__sbuf_put(b, t + i, m->end - i);
        return;
    }
    /* from its line's start: keep the file's layout below */
    size_t from = 0;
    while (from < m->key && t[m->key - from - 1] != '\n')
        from++;
    for (size_t j = rest.key; j < m->end;) {
        const char *nl = memchr(t + j, '\n', m->end - j);
        size_t stop = nl ? (size_t)(nl - t) : m->end;
        size_t k = j;
        for (size_t x = 0; x < from && k < stop && t[k] == ' '; x++)
            k++;
        als__sbuf_puts(b, "\n  ");
        als__sbuf_put(b, t + k, stop - k - (stop > k && t[stop - 1] == '\r'));
        if (!nl)
            break;
        j = stop + 1;
    }
}

static void put_key_string(als__sbuf *b, const char *key, const char *s)
{
    if (!s)
        return;
    als__sbuf_puts(b, ", \"");
    als__sbuf_puts(b, key);
    als__sbuf_puts(b, "\": ");
    als__sbuf_put_json_string(b, s);
}

/* ", "availability": [...]" unless every day (written as none). */
static void put_days(als__sbuf *b, const imp *im, const app *a)
{
    uint64_t every = als__all_days(im->ndays);
    if (!a->has_avail || a->avail == every)
        return;
    als__sbuf_puts(b, ", \"availability\": [");
    const char *sep = "";
    for (size_t d = 0; d < im->ndays; d++) {
        if (!(a->avail >> d & 1))
            continue;
        als__sbuf_puts(b, sep);
        als__sbuf_put_json_string(b, im->day_label[d]);
        sep = ", ";
    }
    als__sbuf_puts(b, "]");
}

static void put_applicant(als__sbuf *b, const imp *im, const app *a)
{
    char num[32];
    als__sbuf_puts(b, "{\"id\": ");
    als__sbuf_put_json_string(b, a->id);
    put_key_string(b, "name", a->name);
    put_key_string(b, "email", a->email);
    put_key_string(b, "organisation", a->org);
    put_key_string(b, "sector", a->sector);
    if (a->level_name) {
        put_key_string(b, "seniority", a->level_name);
    } else if (a->level != ALS_NONE) {
        snprintf(num, sizeof num, ", \"seniority\": %d", a->level);
        als__sbuf_puts(b, num);
    }
    put_days(b, im, a);
    put_key_string(b, "council", a->council);
    put_key_string(b, "role", a->role);
    put_key_string(b, "together", a->together);
    if (a->napart) {
        als__sbuf_puts(b, ", \"apart\": [");
        for (size_t k = 0; k < a->napart; k++) {
            if (k)
                als__sbuf_puts(b, ", ");
            als__sbuf_put_json_string(b, im->apart[a->apart_first + k]);
        }
        als__sbuf_puts(b, "]");
    }
    if (a->has_priority) {
        snprintf(num, sizeof num, ", \"priority\": %lld", a->priority);
        als__sbuf_puts(b, num);
    }
    put_key_string(b, "set", a->set);
    if (a->withdrawn)
        als__sbuf_puts(b, ", \"withdrawn\": true");
    als__sbuf_puts(b, "}");
}

/* A facilitator: the keys a facilitator has. */
static void put_facilitator(als__sbuf *b, const imp *im, const app *a)
{
    als__sbuf_puts(b, "{\"id\": ");
    als__sbuf_put_json_string(b, a->id);
    put_key_string(b, "name", a->name);
    put_key_string(b, "email", a->email);
    put_key_string(b, "organisation", a->org);
    put_days(b, im, a);
    if (a->max_sets) {
        char num[32];
        snprintf(num, sizeof num, ", \"max_sets\": %d", a->max_sets);
        als__sbuf_puts(b, num);
    }
    if (a->withdrawn)
        als__sbuf_puts(b, ", \"withdrawn\": true");
    als__sbuf_puts(b, "}");
}

static void write_cohort(const imp *im, als__sbuf *b)
{
    als__sbuf_puts(b, "{\n  \"format\": \"als-cohort/1\"");
    for (size_t k = 0; k < im->nmembers; k++) {
        if (k == im->pairs)
            continue;
        if (im->afc && im->nlevels == 0 &&
            key_is(im, &im->members[k], "programme"))
            put_programme_with_bands(b, im, &im->members[k]);
        else
            put_member(b, im, &im->members[k]);
    }
    if (!im->prog) {
        als__sbuf_puts(b, ",\n  \"programme\": {\n");
        if (im->ndays) {
            als__sbuf_puts(b, "    \"days\": [");
            for (size_t d = 0; d < im->ndays; d++) {
                if (d)
                    als__sbuf_puts(b, ", ");
                als__sbuf_put_json_string(b, im->day_label[d]);
            }
            als__sbuf_puts(b, "],\n");
        }
        als__sbuf_puts(b, "    \"set_size\": {\"min\": 4, \"max\": 8},\n"
                          "    \"seniority_levels\": [");
        const char *const *lv = im->afc ? afc_bands : default_levels;
        size_t nlv = im->afc ? COUNT(afc_bands) : COUNT(default_levels);
        for (size_t l = 0; l < nlv; l++) {
            if (l)
                als__sbuf_puts(b, ", ");
            als__sbuf_put_json_string(b, lv[l]);
        }
        als__sbuf_puts(b, "],\n"
                          "    \"rules\": {\"organisation\": \"distinct\", "
                          "\"sector\": \"balance\", \"seniority\": "
                          "\"similar\", \"council_pairs\": true}\n  }");
    }
    als__sbuf_puts(b, ",\n  \"applicants\": [");
    for (size_t i = 0; i < im->napps; i++) {
        als__sbuf_puts(b, i ? ",\n    " : "\n    ");
        put_applicant(b, im, &im->apps[i]);
    }
    als__sbuf_puts(b, im->napps ? "\n  ]" : "]");
    if (im->pairs != ALS__NOIDX)
        put_member(b, im, &im->members[im->pairs]);
    if (im->nfacilitators) {
        als__sbuf_puts(b, ",\n  \"facilitators\": [");
        for (size_t k = 0; k < im->nfacilitators; k++) {
            als__sbuf_puts(b, k ? ",\n    " : "\n    ");
            put_facilitator(b, im, &im->facs[k]);
        }
        als__sbuf_puts(b, "\n  ]");
    }
    als__sbuf_puts(b, "\n}\n");
}

/* The column a field of the cohort came from, ALS__NOIDX when none. */
static size_t column_for(const imp *im, const char *field, size_t n)
{
    static const struct {
        const char *key;
        int f[3];
    } map[] = {{"id", {F_ID, F_ID, F_ID}},
               {"name", {F_NAME, F_FIRST, F_LAST}},
               {"organisation", {F_ORG, F_ORG, F_ORG}},
               {"sector", {F_SECTOR, F_SECTOR, F_SECTOR}},
               {"seniority", {F_LEVEL, F_LEVEL, F_LEVEL}},
               {"availability", {F_AVAIL, F_AVAIL, F_AVAIL}},
               {"council", {F_COUNCIL, F_COUNCIL, F_COUNCIL}},
               {"role", {F_ROLE, F_ROLE, F_ROLE}},
               {"together", {F_TOGETHER, F_TOGETHER, F_TOGETHER}},
               {"apart", {F_APART, F_APART, F_APART}},
               {"priority", {F_PRIORITY, F_PRIORITY, F_PRIORITY}},
               {"set", {F_SET, F_SET, F_SET}},
               {"withdrawn", {F_WITHDRAWN, F_WITHDRAWN, F_WITHDRAWN}},
               {"email", {F_EMAIL, F_EMAIL, F_EMAIL}}};
    for (size_t k = 0; k < COUNT(map); k++) {
        if (strlen(map[k].key) != n || strncmp(map[k].key, field, n) != 0)
            continue;
        for (size_t j = 0; j < 3; j++)
            if (im->fcol[map[k].f[j]] != ALS__NOIDX)
                return im->fcol[map[k].f[j]];
        if (map[k].f[0] == F_AVAIL)
            return im->first_day_col;
        break;
    }
    return ALS__NOIDX;
}

/* A finding of the read-back that no row holds, as it is; a warning is
   an error when strict. */
static void add_back(imp *im, const als_error *e)
{
    if (e->severity == ALS_SEV_WARNING && im->strict) {
        als_error x = *e;
        x.code = ALS_ESCHEMA;
        x.severity = ALS_SEV_ERROR;
        als__report_add(&im->rep, &x);
        return;
    }
    als__report_add(&im->rep, e);
}

/*
 * Read the cohort back. What the reader finds about applicants[i] is
 * reported at the row and column it came from; anything else (the
 * programme's pairs) at its JSON path.
 */
static void read_back(imp *im, const char *json, size_t len)
{
    als_diag *d = NULL;
    als_problem *p = NULL;
    als_error first;
    if (als_diag_new(&d) != ALS_OK) {
        im->nomem = true;
        return;
    }
    als_status rc = als_problem_from_json(&p, json, len, d, &first);
    if (rc == ALS_OK && als__variant_warnings(p, d) != ALS_OK)
        rc = ALS_ENOMEM; /* likely spellings of one label, at rows */
    als_problem_free(p);
    if (rc == ALS_ENOMEM)
        im->nomem = true;
    for (size_t k = 0; k < als_diag_count(d); k++) {
        const als_error *e = als_diag_get(d, k);
        const char *path = e->path;
        char *end;
        if (strncmp(path, "applicants[", 11) != 0) {
            add_back(im, e);
            continue;
        }
        size_t i = (size_t)strtoul(path + 11, &end, 10);
        if (*end != ']' || i >= im->napps) {
            add_back(im, e);
            continue;
        }
        const char *field = end + 1 + (end[1] == '.');
        size_t c = column_for(im, field, strcspn(field, ".["));
        unsigned line = im->csv.rows[im->apps[i].row].line;
        if (e->severity == ALS_SEV_WARNING)
            warn(im, line, c, "%s", e->message);
        else
            als__csv_report(&im->rep, &im->csv, e->code, ALS_SEV_ERROR, line, c,
                            "%s", e->message);
    }
    if (rc != ALS_OK && !im->nomem && im->rep.errors == 0)
        als__report_add(&im->rep, &first);
    als_diag_free(d);
}

/* ---- the calls ------------------------------------------------------------
 */

static void imp_free(imp *im)
{
    als__csv_free(&im->csv);
    als__arena_free(&im->arena);
    free(im->members);
    als_problem_free(im->prog);
    free(im->day_words);
    free(im->levels_owned);
    free(im->cols);
    free(im->apps);
    free(im->facs);
    free(im->apart);
    free(im->refs);
    free(im->bad);
    ref_index *x[] = {&im->ids, &im->ids_label, &im->names};
    for (size_t k = 0; k < COUNT(x); k++) {
        als__strtab_free(&x[k]->t);
        free(x[k]->who);
    }
}

/*
 * The mapping used, for the caller to show: a line for each column with a
 * header (the field it gave and how many values were read from it, or why
 * it was ignored), then the count of rows read.
 */
/* A line of the summary, after the sheet's name when it has one. */
static void say(imp *im, const char *line)
{
    char msg[ALS_MESSAGE_MAX + 32];
    if (im->sheet) {
        snprintf(msg, sizeof msg, "%s: %s", im->sheet, line);
        line = msg;
    }
    im->summary(im->summary_user, line);
}

static void emit_summary(imp *im)
{
    if (!im->summary || !im->header_read || im->nomem)
        return;
    const als__csv_row *h = &im->csv.rows[0];
    char msg[ALS_MESSAGE_MAX];
    for (size_t c = 0; c < im->ncols; c++) {
        const column *col = &im->cols[c];
        const char *text = als__csv_cell(&im->csv, h, c);
        char letters[8];
        if ((!text || !*text) && !col->why)
            continue;
        als__csv_column_name(c + 1, letters);
        size_t n = text ? strlen(text) : 0;
        if (n > 60) {
            n = 60;
            while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
                n--;
        }
        char where[100];
        snprintf(where, sizeof where, "column %s (%.*s%s)", letters, (int)n,
                 text ? text : "", text && text[n] ? "..." : "");
        if (c == im->org_fallback) {
            char letters2[8];
            als__csv_column_name(im->fcol[F_ORG] + 1, letters2);
            snprintf(msg, sizeof msg,
                     "%s -> organisation where column %s is empty, %zu %s "
                     "read",
                     where, letters2, col->nvalues,
                     col->nvalues == 1 ? "value" : "values");
        } else if (col->field == F_IGNORE || col->field == F_UNKNOWN)
            snprintf(msg, sizeof msg, "%s: ignored (%s)", where,
                     col->why ? col->why : "not used");
        else if (col->field == F_DAY)
            snprintf(msg, sizeof msg, "%s -> day:%s, %zu %s read", where,
                     im->own_days ? im->day_label[col->slot]
                                  : weekday_label[col->slot],
                     col->nvalues, col->nvalues == 1 ? "value" : "values");
        else
            snprintf(msg, sizeof msg, "%s -> %s, %zu %s read", where,
                     field_name[col->field], col->nvalues,
                     col->nvalues == 1 ? "value" : "values");
        say(im, msg);
    }
    if (im->apps) {
        if (im->nfac_rows && !im->fac_sheet)
            snprintf(msg, sizeof msg, "%zu %s read: %zu %s, %zu %s",
                     im->napps + im->nfac_rows,
                     im->napps + im->nfac_rows == 1 ? "row" : "rows", im->napps,
                     im->napps == 1 ? "applicant" : "applicants", im->nfac_rows,
                     im->nfac_rows == 1 ? "facilitator" : "facilitators");
        else if (im->fac_sheet)
            snprintf(msg, sizeof msg, "%zu %s read", im->nfacilitators,
                     im->nfacilitators == 1 ? "facilitator" : "facilitators");
        else
            snprintf(msg, sizeof msg, "%zu %s read", im->napps,
                     im->napps == 1 ? "row" : "rows");
        say(im, msg);
    }
}

static als_status outcome(const imp *im, als_error *err)
{
    if (im->nomem) {
        als__error_set(err, ALS_ENOMEM, "", "out of memory");
        return ALS_ENOMEM;
    }
    return im->rep.errors ? im->rep.code : ALS_OK;
}

/*
 * A facilitators sheet (als_import_options.facilitators_csv): every row a
 * facilitator, read with the applicants' day slots into `f` (which must
 * outlive the cohort's writing: the facilitators' strings are its cells);
 * the facilitators are then appended to im's. Its problems go to the same
 * diagnostics, each message starting "facilitators sheet:".
 */
static void read_facilitator_sheet(imp *im, imp *f,
                                   const als_import_options *opts)
{
    als__report_init(&f->rep, im->rep.diag,
                     im->rep.errors ? NULL : im->rep.first);
    f->fac_sheet = true;
    f->sheet = f->rep.sheet = "facilitators sheet";
    f->strict = im->strict;
    f->summary = im->summary;
    f->summary_user = im->summary_user;
    f->pairs = f->org_fallback = ALS__NOIDX;
    f->own_days = im->own_days;
    f->ndays = im->ndays;
    memcpy(f->day_label, im->day_label, sizeof f->day_label);
    memcpy(f->day_weekday, im->day_weekday, sizeof f->day_weekday);
    f->day_words = im->day_words;
    f->nday_words = im->nday_words;
    f->levels = im->levels;
    f->nlevels = im->nlevels;
    als_status rc = als__csv_read(&f->csv, opts->facilitators_csv,
                                  opts->facilitators_len, &f->rep);
    if (rc == ALS_ENOMEM)
        f->nomem = true;
    if (rc == ALS_OK && f->csv.nrows < 2)
        fail(f, 1, ALS__NOIDX,
             "no facilitators: expected a header row naming the columns, "
             "then a row for each facilitator");
    if (rc == ALS_OK && f->csv.nrows >= 2) {
        read_header(f, NULL);
        f->header_read = !f->nomem;
        f->apps = als__calloc(f->csv.nrows - 1, sizeof *f->apps);
        f->facs = als__calloc(f->csv.nrows - 1, sizeof *f->facs);
        if (!f->apps || !f->facs)
            f->nomem = true;
        for (size_t r = 1; r < f->csv.nrows && !f->nomem && !f->rep.errors; r++)
            read_row(f, r);
        if (!f->nomem)
            report_bad_days(f);
        if (!f->nomem)
            facilitator_ids(f, im);
    }
    im->nomem |= f->nomem;
    im->rep.errors += f->rep.errors;
    if (im->rep.code == ALS_OK)
        im->rep.code = f->rep.code;
    if (im->nomem || f->rep.errors || !f->nfacilitators)
        return;
    app *all = als__realloc(im->facs, im->nfacilitators + f->nfacilitators,
                            sizeof *all);
    if (!all) {
        im->nomem = true;
        return;
    }
    memcpy(all + im->nfacilitators, f->facs, f->nfacilitators * sizeof *all);
    im->facs = all;
    im->nfacilitators += f->nfacilitators;
    /* the days the facilitators name are not the programme's for that */
    f->days_used = 0;
}

void als_import_options_init(als_import_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->version = ALS_IMPORT_OPTIONS_VERSION;
}

als_status als_import_check_programme(const char *programme_json, size_t len,
                                      als_diag *diag, als_error *err)
{
    if (!programme_json && len) {
        als__error_set(err, ALS_EINVAL, "", "programme_json must not be NULL");
        return ALS_EINVAL;
    }
    imp im;
    memset(&im, 0, sizeof im);
    als__report_init(&im.rep, diag, err);
    read_programme(&im, programme_json ? programme_json : "", len);
    als_status rc = outcome(&im, err);
    imp_free(&im);
    return rc;
}

als_status als_import_csv(const char *csv, size_t csv_len,
                          const char *programme_json, size_t programme_len,
                          const als_import_options *opts, char **cohort_json,
                          size_t *cohort_len, als_diag *diag, als_error *err)
{
    if (cohort_json)
        *cohort_json = NULL;
    if (cohort_len)
        *cohort_len = 0;
    if (!cohort_json || (!csv && csv_len) ||
        (!programme_json && programme_len)) {
        als__error_set(err, ALS_EINVAL, "",
                       "cohort_json, csv and programme_json must not be NULL");
        return ALS_EINVAL;
    }
    if (opts &&
        (opts->version < 1u || opts->version > ALS_IMPORT_OPTIONS_VERSION)) {
        als__error_set(err, ALS_EINVAL, "",
                       "als_import_options: version %u, expected %u (use "
                       "als_import_options_init)",
                       opts->version, ALS_IMPORT_OPTIONS_VERSION);
        return ALS_EINVAL;
    }
    imp im, fac;
    als__sbuf out = {0};
    als_status rc;
    memset(&im, 0, sizeof im);
    memset(&fac, 0, sizeof fac);
    als__report_init(&im.rep, diag, err);
    im.strict = opts && opts->strict;
    im.first_come = opts && opts->version >= 2u && opts->first_come;
    if (opts && opts->version >= 3u) {
        im.summary = opts->summary;
        im.summary_user = opts->summary_user;
    }
    im.pairs = ALS__NOIDX;
    im.org_fallback = ALS__NOIDX;
    if (programme_json) {
        read_programme(&im, programme_json, programme_len);
        if (im.nomem || im.rep.errors)
            goto done;
    }
    set_programme(&im);
    if (im.nomem)
        goto done;
    rc = als__csv_read(&im.csv, csv ? csv : "", csv_len, &im.rep);
    if (rc == ALS_ENOMEM)
        im.nomem = true;
    if (rc != ALS_OK)
        goto done;
    if (im.csv.nrows == 0) {
        fail(&im, 1, ALS__NOIDX,
             "the file is empty: expected a header row naming the columns, "
             "then a row for each applicant");
        goto done;
    }
    /* problems with the columns make the cells meaningless: stop there
       (but after every cell of a sheet with bad quoting is checked) */
    size_t before = im.rep.errors;
    read_header(&im, opts ? opts->columns : NULL);
    im.header_read = !im.nomem;
    if (im.nomem || im.rep.errors > before)
        goto done;
    if (im.csv.nrows == 1) {
        fail(&im, header_line(&im), ALS__NOIDX,
             "no applicants: the sheet has a header row but no rows below "
             "it");
        goto done;
    }
    im.apps = als__calloc(im.csv.nrows - 1, sizeof *im.apps);
    im.facs = als__calloc(im.csv.nrows - 1, sizeof *im.facs);
    if (!im.apps || !im.facs) {
        im.nomem = true;
        goto done;
    }
    /* a level column naming NHS bands 8a to 8d is read as bands */
    if (im.fcol[F_LEVEL] != ALS__NOIDX && (!im.prog || im.nlevels == 0))
        for (size_t r = 1; r < im.csv.nrows && !im.afc; r++) {
            const char *v =
                als__csv_cell(&im.csv, &im.csv.rows[r], im.fcol[F_LEVEL]);
            char band[4];
            bool extra;
            im.afc = v && band_of(v, band, &extra) && band[1];
        }
    for (size_t r = 1; r < im.csv.nrows && !im.nomem; r++)
        read_row(&im, r);
    if (!im.nomem)
        report_bad_days(&im);
    if (!im.nomem)
        place_bands(&im);
    if (!im.nomem)
        councils_from_organisations(&im);
    if (!im.nomem)
        assign_ids(&im);
    if (!im.nomem && im.first_come)
        first_come(&im);
    if (!im.nomem)
        warn_duplicates(&im);
    if (!im.nomem)
        index_rows(&im);
    if (!im.nomem)
        resolve_together(&im);
    if (!im.nomem)
        resolve_apart(&im);
    if (!im.nomem)
        facilitator_ids(&im, &im);
    im.nfac_rows = im.nfacilitators;
    if (!im.nomem && opts && opts->version >= 4u && opts->facilitators_csv)
        read_facilitator_sheet(&im, &fac, opts);
    if (!im.nomem && !im.own_days)
        derive_days(&im);
    if (im.nomem || im.rep.errors)
        goto done;
    write_cohort(&im, &out);
    if (out.nomem) {
        im.nomem = true;
        goto done;
    }
    read_back(&im, out.data, out.len);
    if (im.nomem || im.rep.errors)
        goto done;
    *cohort_json = out.data;
    if (cohort_len)
        *cohort_len = out.len;
    out.data = NULL;
done:
    free(out.data);
    emit_summary(&im);
    emit_summary(&fac);
    rc = outcome(&im, err);
    fac.day_words = NULL; /* borrowed from im */
    imp_free(&fac);
    imp_free(&im);
    return rc;
}
