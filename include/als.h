/**
 * @file als.h
 * @brief libals: allocate applicants to action learning sets.
 *
 * This is the only public header of libals. If it is not declared here, it is
 * not API.
 *
 * Conventions (see README.md, "Embedding libals"):
 *  - Every fallible call returns an ::als_status (::ALS_OK is 0, errors are
 *    negative) and, when the caller passes a non-NULL ::als_error, fills it
 *    with the code, a message and the place (JSON path, or line and column).
 *  - Calls that can find many problems at once (reading a cohort, checking an
 *    allocation, validating) also take an optional ::als_diag list that
 *    receives every problem found, up to ::ALS_DIAG_CAP entries.
 *  - Handles are opaque. A `**out` parameter hands ownership to the caller,
 *    who frees it with the matching `als_*_free` (NULL is always a no-op).
 *    Getters return borrowed pointers valid until the owning handle is freed.
 *  - The library never prints, exits or aborts, and keeps no global mutable
 *    state: distinct handles may be used from distinct threads at once; one
 *    handle must not be mutated from two threads at once.
 *  - Indices and counts are size_t; applicant indices follow the order of
 *    the cohort's `applicants` array (withdrawn applicants included).
 */
#ifndef ALS_H
#define ALS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#if defined(ALS_BUILDING_SHARED)
#define ALS_API __declspec(dllexport)
#elif defined(ALS_USING_SHARED)
#define ALS_API __declspec(dllimport)
#else
#define ALS_API
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define ALS_API __attribute__((visibility("default")))
#else
#define ALS_API
#endif

/* ------------------------------------------------------------------ */
/** @name Version */
/**@{*/
#define ALS_VERSION_MAJOR 0
#define ALS_VERSION_MINOR 1
#define ALS_VERSION_PATCH 0
#define ALS_VERSION_STRING "0.1.0"
#define ALS_VERSION_NUMBER                                                     \
    (ALS_VERSION_MAJOR * 10000 + ALS_VERSION_MINOR * 100 + ALS_VERSION_PATCH)
/** @brief Run-time twin of ::ALS_VERSION_NUMBER. */
ALS_API unsigned als_version_number(void);
/** @brief Run-time twin of ::ALS_VERSION_STRING (static, never NULL). */
ALS_API const char *als_version_string(void);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Status and errors */
/**@{*/

/** @brief Result of a call. Values are stable and never renumbered. */
typedef enum als_status {
    ALS_OK = 0,          /**< success */
    ALS_ENOMEM = -1,     /**< out of memory */
    ALS_EINVAL = -2,     /**< invalid argument (API misuse) */
    ALS_EPARSE = -3,     /**< a syntax error (JSON; CSV for
                              als_import_csv()), with line and column */
    ALS_ESCHEMA = -4,    /**< JSON that breaks the format, with a path */
    ALS_ESOLVER = -5,    /**< internal or solver failure */
    ALS_ECANCELLED = -6, /**< cancelled by the caller's callback */
    ALS_EIO = -7,        /**< a file could not be read or written */
    ALS_ELIMIT = -8      /**< a documented size limit was exceeded */
} als_status;

/** @brief How serious a diagnostic is. */
typedef enum als_severity {
    ALS_SEV_ERROR = 0, /**< the input is rejected / the allocation is invalid */
    ALS_SEV_WARNING = 1 /**< worth a coordinator's attention; not fatal */
} als_severity;

/** @brief Capacity of ::als_error::path. Longer paths are truncated. */
#define ALS_PATH_MAX 128
/** @brief Capacity of ::als_error::message. Longer messages are truncated. */
#define ALS_MESSAGE_MAX 320
/** @brief At most this many entries are stored in an ::als_diag. */
#define ALS_DIAG_CAP 100

/**
 * @brief One error or warning, with its place.
 *
 * `path` is a JSON path such as `applicants[3].availability[1]` (empty when
 * the problem concerns the whole document). `line` and `column` are 1-based
 * and non-zero only for syntax errors; `offset` is then the byte offset.
 */
typedef struct als_error {
    als_status code;
    als_severity severity;
    size_t offset;
    unsigned line;
    unsigned column;
    char path[ALS_PATH_MAX];
    char message[ALS_MESSAGE_MAX];
} als_error;

/** @brief Short English name of a status (static, never NULL). */
ALS_API const char *als_status_str(als_status s);

/** @brief A list of diagnostics, filled by readers and the checker. */
typedef struct als_diag als_diag;

/** @brief Create an empty diagnostic list. */
ALS_API als_status als_diag_new(als_diag **out);
/** @brief Free a list (NULL is a no-op). */
ALS_API void als_diag_free(als_diag *d);
/** @brief Remove every entry. */
ALS_API void als_diag_clear(als_diag *d);
/** @brief Number of stored entries (at most ::ALS_DIAG_CAP). */
ALS_API size_t als_diag_count(const als_diag *d);
/** @brief Number of entries found, stored or not (may exceed the cap). */
ALS_API size_t als_diag_total(const als_diag *d);
/** @brief Number of stored entries of severity ::ALS_SEV_ERROR. */
ALS_API size_t als_diag_errors(const als_diag *d);
/** @brief Entry @p i (borrowed), or NULL when out of range. */
ALS_API const als_error *als_diag_get(const als_diag *d, size_t i);

/** @brief Free a buffer returned by libals (such as JSON text). */
ALS_API void als_free(void *ptr);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Limits (documented; exceeding one gives ::ALS_ELIMIT) */
/**@{*/
#define ALS_MAX_INPUT_BYTES ((size_t)1 << 31) /**< 2 GiB of JSON */
#define ALS_MAX_APPLICANTS 10000000u          /**< applicants per cohort */
#define ALS_MAX_ID_BYTES 256u                 /**< applicant and set ids */
#define ALS_MAX_LABEL_BYTES 1024u             /**< any other string */
#define ALS_MAX_DAYS 64u                      /**< programme.days entries */
#define ALS_MAX_LEVELS 1001u                  /**< seniority_levels entries */
#define ALS_MAX_DEPTH 64u                     /**< JSON nesting depth */
#define ALS_MAX_SET_SIZE 1000u                /**< set_size.max */
#define ALS_MAX_PRIORITY 1000000000LL         /**< |priority| */
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Rules */
/**@{*/
typedef enum als_org_mode {
    ALS_ORG_DISTINCT = 0, /**< hard: no two units share an organisation */
    ALS_ORG_PREFER_DISTINCT = 1, /**< soft: penalise organisation_pairs */
    ALS_ORG_IGNORE = 2
} als_org_mode;

typedef enum als_sector_mode {
    ALS_SECTOR_BALANCE = 0, /**< penalise sector_pairs */
    ALS_SECTOR_IGNORE = 1
} als_sector_mode;

typedef enum als_seniority_mode {
    ALS_SENIORITY_SIMILAR = 0, /**< penalise each set's spread */
    ALS_SENIORITY_MIXED = 1,   /**< penalise same-level pairs */
    ALS_SENIORITY_IGNORE = 2
} als_seniority_mode;

typedef enum als_method {
    ALS_METHOD_AUTO = 0,
    ALS_METHOD_EXACT = 1,
    ALS_METHOD_HEURISTIC = 2
} als_method;

/** @brief "No value" for optional integers (levels, max_spread, days). */
#define ALS_NONE (-1)
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Building a cohort */
/**@{*/

/** @brief A cohort under construction. */
typedef struct als_builder als_builder;
/** @brief A validated, immutable cohort ("problem"). */
typedef struct als_problem als_problem;

/**
 * @brief One applicant, as handed to als_builder_add_applicant().
 *
 * Initialise with ::ALS_APPLICANT_INIT (or als_applicant_init()) and set
 * what you know; NULL strings and zero counts mean "absent". Strings are
 * copied. `seniority` is a level number or ::ALS_NONE; `seniority_name`, when
 * not NULL, names a level from the programme's `seniority_levels` instead.
 */
typedef struct als_applicant {
    unsigned version;                /**< ::ALS_APPLICANT_VERSION */
    const char *id;                  /**< required, 1..256 bytes, unique */
    const char *name;                /**< optional */
    const char *organisation;        /**< optional: absent = its own */
    const char *sector;              /**< optional */
    int seniority;                   /**< level 0..1000 or ::ALS_NONE */
    const char *seniority_name;      /**< optional level name */
    const char *const *availability; /**< day labels; NULL = every day */
    size_t availability_count;
    const char *council;      /**< optional */
    const char *role;         /**< optional: "officer", "councillor", ... */
    const char *together;     /**< optional unit label */
    const char *const *apart; /**< ids never to share a set with */
    size_t apart_count;
    long long priority; /**< higher is placed first; default 0 */
    const char *set;    /**< optional pin: a fixed set id, or, in a
                             cohort without fixed sets, a set id of the
                             previous allocation (resolved by als_solve()) */
    int withdrawn;      /**< non-zero: treated as not in the cohort */
    const char *email;  /**< optional contact address, kept as given
                             (since ::ALS_APPLICANT_VERSION 2) */
} als_applicant;

/** @brief 2 added `email`; a struct of version 1 (without it) is still
 * accepted. */
#define ALS_APPLICANT_VERSION 2u
#define ALS_APPLICANT_INIT                                                     \
    {                                                                          \
        ALS_APPLICANT_VERSION, NULL, NULL, NULL, NULL, ALS_NONE, NULL, NULL,   \
            0, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, NULL                     \
    }
/** @brief Fill @p a with the defaults of ::ALS_APPLICANT_INIT. */
ALS_API void als_applicant_init(als_applicant *a);

/** @brief Start an empty cohort (programme defaults of FORMAT.md). */
ALS_API als_status als_builder_new(als_builder **out, als_error *err);
/** @brief Free a builder (NULL is a no-op). */
ALS_API void als_builder_free(als_builder *b);

/** @brief programme.name (optional). */
ALS_API als_status als_builder_set_name(als_builder *b, const char *name,
                                        als_error *err);
/** @brief programme.days: the labels a set can meet on. */
ALS_API als_status als_builder_set_days(als_builder *b, const char *const *days,
                                        size_t n, als_error *err);
/** @brief programme.set_size (required before finishing). */
ALS_API als_status als_builder_set_size(als_builder *b, int min, int max,
                                        als_error *err);
/**
 * @brief programme.set_size.floor: in a re-run, a set of the previous
 * allocation that still has at least @p floor continuing members carries on,
 * even below its minimum. ::ALS_NONE (the default): half the set's minimum,
 * rounded up, and at least 2. It may not exceed the minimum.
 */
ALS_API als_status als_builder_set_size_floor(als_builder *b, int floor,
                                              als_error *err);
/**
 * @brief programme.set_size.target: the size sets should have. With a
 * target, the objective gains the tier `size_deviation` (the sum over
 * opened sets of |members - target|) between `priority` and `penalty`.
 * ::ALS_NONE (the default): no target, no such tier. The target must lie
 * within min..max (checked by als_builder_finish(), at
 * `programme.set_size.target`); a fixed set with its own size aims for the
 * target brought within its bounds.
 */
ALS_API als_status als_builder_set_size_target(als_builder *b, int target,
                                               als_error *err);
/**
 * @brief Add a fixed set. @p day may be NULL (the solver picks one); @p min
 * and @p max may be ::ALS_NONE to use the programme's set_size.
 */
ALS_API als_status als_builder_add_set(als_builder *b, const char *id,
                                       const char *day, int min, int max,
                                       als_error *err);
/**
 * @brief Make the fixed set @p id required: it must open (reach its minimum
 * size), or the allocation is infeasible. By default a fixed set nobody is
 * allocated to stays closed. (Cohort JSON: `"required": true` on the set.)
 */
ALS_API als_status als_builder_set_required(als_builder *b, const char *id,
                                            int required, als_error *err);
/** @brief An integer cap on the number of sets (instead of fixed sets). */
ALS_API als_status als_builder_set_max_sets(als_builder *b, long long max_sets,
                                            als_error *err);
/** @brief programme.seniority_levels: names for levels 0, 1, ... */
ALS_API als_status als_builder_set_seniority_levels(als_builder *b,
                                                    const char *const *names,
                                                    size_t n, als_error *err);
/** @brief rules.organisation (weight is used by prefer_distinct). */
ALS_API als_status als_builder_rule_organisation(als_builder *b,
                                                 als_org_mode mode,
                                                 double weight, als_error *err);
/** @brief rules.sector. */
ALS_API als_status als_builder_rule_sector(als_builder *b, als_sector_mode mode,
                                           double weight, als_error *err);
/** @brief rules.seniority; @p max_spread is 0..1000 or ::ALS_NONE. */
ALS_API als_status als_builder_rule_seniority(als_builder *b,
                                              als_seniority_mode mode,
                                              double weight, int max_spread,
                                              als_error *err);
/** @brief rules.council_pairs (default on). */
ALS_API als_status als_builder_rule_council_pairs(als_builder *b, int on,
                                                  als_error *err);
/** @brief programme.solver: defaults for als_solve_options. */
ALS_API als_status als_builder_set_solver(als_builder *b, als_method method,
                                          double time_limit_s,
                                          unsigned long long seed,
                                          als_error *err);
/** @brief Add an applicant (copied). Checked in full by als_builder_finish().
 */
ALS_API als_status als_builder_add_applicant(als_builder *b,
                                             const als_applicant *a,
                                             als_error *err);
/** @brief Add a pair weight (ids resolved by als_builder_finish()). */
ALS_API als_status als_builder_add_pair(als_builder *b, const char *a_id,
                                        const char *b_id, double weight,
                                        als_error *err);
/** @brief The kinds of label an alias applies to (programme.aliases). */
typedef enum als_label_kind {
    ALS_LABEL_ORGANISATION = 0, /**< "organisation" */
    ALS_LABEL_SECTOR = 1,       /**< "sector" */
    ALS_LABEL_COUNCIL = 2       /**< "council" */
} als_label_kind;
/**
 * @brief programme.aliases: map the spelling @p from of a label of @p kind to
 * the name @p to before labels are compared (both compared as labels: case
 * and spacing aside). Reports show @p to. An alias's target must be a final
 * name: a target that is itself mapped elsewhere is an error of
 * als_builder_finish(). Mapping one spelling twice, or an empty spelling, is
 * ::ALS_ESCHEMA at `programme.aliases.KIND.FROM`.
 */
ALS_API als_status als_builder_add_alias(als_builder *b, als_label_kind kind,
                                         const char *from, const char *to,
                                         als_error *err);
/**
 * @brief One session of programme.calendar, as handed to
 * als_builder_add_session() (docs/FORMAT.md, "Calendar").
 *
 * Initialise with ::ALS_SESSION_INIT. Exactly one of `date` (the same day
 * for every set), `week` (any date of an ISO week: each set meets on the
 * weekday its day label names) and `dates` (a date per day label) is given.
 * Dates are "YYYY-MM-DD", times "HH:MM" (local, in the calendar's time
 * zone). `start` is one time for every set, or, when `start_count` is not
 * 0, a time per day label (`start_labels[k]` at `starts[k]`). Strings are
 * copied.
 */
typedef struct als_session {
    unsigned version;                /**< ::ALS_SESSION_VERSION */
    const char *title;               /**< required */
    const char *date;                /**< one date for every set, or NULL */
    const char *week;                /**< a date of the week, or NULL */
    const char *const *date_labels;  /**< `dates`: day labels ... */
    const char *const *dates;        /**< ... and their dates */
    size_t dates_count;              /**< 0: no `dates` */
    const char *start;               /**< "HH:MM" when start_count is 0 */
    const char *const *start_labels; /**< per day label: labels ... */
    const char *const *starts;       /**< ... and their times */
    size_t start_count;
    long long minutes; /**< length, 1..1440 */
} als_session;

#define ALS_SESSION_VERSION 1u
#define ALS_SESSION_INIT                                                       \
    {                                                                          \
        ALS_SESSION_VERSION, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL,      \
            NULL, 0, 0                                                         \
    }

/**
 * @brief programme.calendar.timezone: an IANA time zone name such as
 * "Europe/London", checked against libical's built-in time zone database
 * (::ALS_ESCHEMA at `programme.calendar.timezone` when unknown).
 */
ALS_API als_status als_builder_set_timezone(als_builder *b, const char *tzid,
                                            als_error *err);
/**
 * @brief Add session @p s to programme.calendar.sessions. Its own errors (an
 * impossible date or time, none or more than one of date/week/dates,
 * minutes out of range) are ::ALS_ESCHEMA at
 * `programme.calendar.sessions[i].KEY`; errors that depend on the day
 * labels (a day label a `week` session cannot turn into a weekday, a label
 * missing from `dates` or from `start`) are reported by
 * als_builder_finish() at the same paths.
 */
ALS_API als_status als_builder_add_session(als_builder *b, const als_session *s,
                                           als_error *err);

/**
 * @brief One facilitator, as handed to als_builder_add_facilitator()
 * (docs/FORMAT.md, "Facilitators").
 *
 * Initialise with ::ALS_FACILITATOR_INIT (or als_facilitator_init()). Strings
 * are copied. Ids share the namespace of applicant ids. `availability` as
 * for applicants (NULL = every day); `max_sets` is how many sets they may
 * lead (1..::ALS_MAX_DAYS, default 1), at most one per day label; `apart`
 * names applicants they must never lead.
 */
typedef struct als_facilitator {
    unsigned version;         /**< ::ALS_FACILITATOR_VERSION */
    const char *id;           /**< required, 1..256 bytes, unique */
    const char *name;         /**< optional */
    const char *email;        /**< optional */
    const char *organisation; /**< optional: absent = none of the cohort's */
    const char *const *availability; /**< day labels; NULL = every day */
    size_t availability_count;
    int max_sets;             /**< sets they may lead; default 1 */
    const char *const *apart; /**< applicant ids */
    size_t apart_count;
    int withdrawn; /**< non-zero: leads no set */
} als_facilitator;

#define ALS_FACILITATOR_VERSION 1u
#define ALS_FACILITATOR_INIT                                                   \
    {                                                                          \
        ALS_FACILITATOR_VERSION, NULL, NULL, NULL, NULL, NULL, 0, 1, NULL, 0,  \
            0                                                                  \
    }
/** @brief Fill @p f with the defaults of ::ALS_FACILITATOR_INIT. */
ALS_API void als_facilitator_init(als_facilitator *f);
/**
 * @brief Add a facilitator (copied; checked in full by
 * als_builder_finish(), at `facilitators[i]...`). With at least one
 * facilitator, every opened set has programme.facilitators_per_set of them.
 */
ALS_API als_status als_builder_add_facilitator(als_builder *b,
                                               const als_facilitator *f,
                                               als_error *err);
/** @brief programme.facilitators_per_set: 1 (the default) or 2. */
ALS_API als_status als_builder_set_facilitators_per_set(als_builder *b, int k,
                                                        als_error *err);

/** @brief rules.facilitators. */
typedef enum als_facilitator_rule {
    ALS_FACILITATORS_INDEPENDENT = 0, /**< from no member's organisation */
    ALS_FACILITATORS_IGNORE = 1       /**< organisations not compared */
} als_facilitator_rule;
ALS_API als_status als_builder_rule_facilitators(als_builder *b,
                                                 als_facilitator_rule rule,
                                                 als_error *err);
/**
 * @brief The facilitators fixed set @p set_id must have, should it open
 * (at most facilitators_per_set; ids resolved by als_builder_finish(), at
 * `programme.sets[i].facilitators[k]`).
 */
ALS_API als_status als_builder_set_facilitators(als_builder *b,
                                                const char *set_id,
                                                const char *const *ids,
                                                size_t n, als_error *err);

/**
 * @brief Check everything, form units and produce an immutable problem.
 *
 * Every input error is added to @p diag (when given) with the JSON path it
 * would have in a cohort document (`applicants[2].apart[0]`, `pairs[4].b`);
 * @p err receives the first. The builder stays valid and unchanged.
 * @return ::ALS_OK, ::ALS_ESCHEMA, ::ALS_ELIMIT, ::ALS_ENOMEM, ::ALS_EINVAL.
 */
ALS_API als_status als_builder_finish(const als_builder *b, als_problem **out,
                                      als_diag *diag, als_error *err);

/**
 * @brief Read a cohort document (docs/FORMAT.md section 2).
 *
 * @p json need not be NUL-terminated. Every error found is added to @p diag
 * (up to ::ALS_DIAG_CAP); @p err receives the first.
 * @return ::ALS_OK, ::ALS_EPARSE (syntax, with line and column),
 *         ::ALS_ESCHEMA (with a path), ::ALS_ELIMIT, ::ALS_ENOMEM,
 * ::ALS_EINVAL.
 */
ALS_API als_status als_problem_from_json(als_problem **out, const char *json,
                                         size_t len, als_diag *diag,
                                         als_error *err);
/** @brief Free a problem (NULL is a no-op). */
ALS_API void als_problem_free(als_problem *p);

/**
 * @brief Add the warnings a coordinator should see to @p diag: an incomplete
 * council nomination, an applicant no day suits, more applicants than places,
 * and so on. Each has severity ::ALS_SEV_WARNING and a path.
 */
ALS_API als_status als_problem_warnings(const als_problem *p, als_diag *diag,
                                        als_error *err);
/**
 * @brief Every programme.aliases entry that the warnings of likely spellings
 * of one organisation, sector or council suggest (docs/FORMAT.md), as one
 * ready-to-paste member `"aliases": {...}` (free with als_free()); `*json`
 * is NULL when there is none.
 * @return ::ALS_OK, ::ALS_ENOMEM, ::ALS_EINVAL.
 */
ALS_API als_status als_problem_alias_suggestions(const als_problem *p,
                                                 char **json, als_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Importing a spreadsheet */
/**@{*/

/**
 * @brief Options of als_import_csv(). Initialise with
 * als_import_options_init(), then set what you need.
 */
typedef struct als_import_options {
    unsigned version; /**< ::ALS_IMPORT_OPTIONS_VERSION */
    /**
     * Columns whose headers are not recognised, as "HEADER=FIELD,..."
     * (such as "Employer=organisation,Grade=seniority"); NULL or "" for
     * none. FIELD is an applicant key of the cohort format (id, name,
     * organisation, sector, seniority, availability, council, role,
     * together, apart, priority, set, withdrawn, email), first_name,
     * last_name, day:LABEL (a yes/no column for one day), submitted (the
     * submission time, for `first_come`), or ignore. Without an id column,
     * each applicant's id is its e-mail (lower-cased), else its name and
     * organisation as a slug ("jo-smith-riverside"), never its row.
     */
    const char *columns;
    int strict; /**< non-zero: every warning (such as an unknown column) is
                     an error */
    /**
     * Non-zero: priorities by submission, first come first served (since
     * ::ALS_IMPORT_OPTIONS_VERSION 2). The earliest row gets the highest
     * priority, the number of rows, down to 1 for the latest; ties go in
     * row order. The submission time comes from a Timestamp (Google
     * Forms), Completion time (else Start time: Microsoft Forms) or Order
     * date (Eventbrite) column, else the rows' order. A time that cannot
     * be read, or is missing, is an error at its row and column; so is a
     * Priority column beside it.
     */
    int first_come;
    /**
     * Optional (since ::ALS_IMPORT_OPTIONS_VERSION 3): called once for
     * each line of the summary of the mapping used, whether the import
     * succeeds or not (once the header row is read): a line for each
     * column with a header, "column C (Trust / Organisation) ->
     * organisation, 31 values read" or "column G (Name): ignored (empty,
     * and another column gives the same field)", then "32 rows read".
     * `line` is valid during the call only. NULL: no summary.
     */
    void (*summary)(void *user, const char *line);
    void *summary_user; /**< passed to `summary` as it is */
    /**
     * Optional (since ::ALS_IMPORT_OPTIONS_VERSION 4): a second sheet, of
     * facilitators, as CSV (NULL: none). Every row is a facilitator: name
     * (or first and last name), e-mail, organisation, availability (read
     * as the applicants' is, in the same days), Max sets, Withdrawn, and
     * an id column if the sheet has one (else the e-mail, else name and
     * organisation, as for applicants). Its problems are reported like
     * the applicants sheet's, each message starting "facilitators sheet:".
     * Rows of the applicants sheet whose role says "facilitator" become
     * facilitators too.
     */
    const char *facilitators_csv;
    size_t facilitators_len;
} als_import_options;

/** @brief 4 added `facilitators_csv`, 3 `summary`, 2 `first_come`; earlier
    versions are still accepted. */
#define ALS_IMPORT_OPTIONS_VERSION 4u

/** @brief Fill @p o with the defaults: no mapping, not strict. */
ALS_API void als_import_options_init(als_import_options *o);

/**
 * @brief Turn a spreadsheet of applicants, saved as CSV, into a cohort
 * document (README.md, "Importing a spreadsheet").
 *
 * @p csv is UTF-8 text, with or without a byte-order mark, cells separated
 * by commas, semicolons or tabs (whichever the header row uses), quoted as
 * RFC 4180 says; it need not be NUL-terminated. Its first non-blank row
 * names the columns. @p programme_json, when not NULL, is a programme
 * document: a cohort document without "applicants" (its "programme", and
 * optionally "format" and "pairs"). When it is NULL, the cohort gets the
 * default programme, with the days the sheet mentions.
 *
 * On ::ALS_OK, `*cohort_json` (free with als_free()) holds the cohort,
 * NUL-terminated, pretty-printed, applicants in the order of the sheet,
 * and als_problem_from_json() reads it without errors; @p cohort_len
 * (optional) receives its length. On any error both are NULL/0.
 *
 * Every problem found goes to @p diag (up to ::ALS_DIAG_CAP) and the first
 * error to @p err. A problem in the sheet (or in the columns mapping) has
 * `line` = its row as a spreadsheet numbers it (the header is row 1),
 * `column` = its 1-based column (0: the whole row), an empty path, and a
 * message that starts `row 7, column D (Availability): `. Problems in the
 * programme document are reported as by als_import_check_programme(), and
 * when it has errors the sheet is not read. Warnings (such as an unknown
 * column, which is ignored) do not make the call fail unless `strict`.
 * @return ::ALS_OK, ::ALS_EPARSE (CSV or JSON syntax), ::ALS_ESCHEMA,
 *         ::ALS_ELIMIT, ::ALS_ENOMEM, ::ALS_EINVAL.
 */
ALS_API als_status als_import_csv(const char *csv, size_t csv_len,
                                  const char *programme_json,
                                  size_t programme_len,
                                  const als_import_options *opts,
                                  char **cohort_json, size_t *cohort_len,
                                  als_diag *diag, als_error *err);

/**
 * @brief Check a programme document on its own: everything
 * als_import_csv() checks in it but its "pairs", which name applicants of
 * the sheet and are checked with it. Problems have `line` 0 and a JSON path
 * (`programme.days[1]`), or, for JSON syntax, line and column, as from
 * als_problem_from_json().
 * @return ::ALS_OK, ::ALS_EPARSE, ::ALS_ESCHEMA, ::ALS_ELIMIT,
 *         ::ALS_ENOMEM, ::ALS_EINVAL.
 */
ALS_API als_status als_import_check_programme(const char *programme_json,
                                              size_t len, als_diag *diag,
                                              als_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Reading a problem */
/**@{*/
/** @brief programme.name, or "" when absent. */
ALS_API const char *als_problem_name(const als_problem *p);
ALS_API size_t als_problem_applicant_count(const als_problem *p);
/** @brief Applicants not withdrawn. */
ALS_API size_t als_problem_active_count(const als_problem *p);
ALS_API size_t als_problem_unit_count(const als_problem *p);
ALS_API size_t als_problem_organisation_count(const als_problem *p);
ALS_API size_t als_problem_sector_count(const als_problem *p);
ALS_API size_t als_problem_day_count(const als_problem *p);
ALS_API const char *als_problem_day(const als_problem *p, size_t d);
ALS_API size_t als_problem_pair_count(const als_problem *p);
ALS_API size_t als_problem_level_name_count(const als_problem *p);
/** @brief Name of seniority level @p level, or NULL when it has none. */
ALS_API const char *als_problem_level_name(const als_problem *p, int level);
ALS_API void als_problem_set_size(const als_problem *p, int *min, int *max);
/**
 * @brief The floor of fixed set @p fixed, or of the programme's sets when
 * @p fixed is -1 (see als_builder_set_size_floor(); defaults applied).
 * 0 for a NULL problem or a set out of range.
 */
ALS_API int als_problem_set_size_floor(const als_problem *p, long fixed);
/**
 * @brief The target size of fixed set @p fixed, or of the programme's sets
 * when @p fixed is -1 (see als_builder_set_size_target()), or ::ALS_NONE
 * when the cohort gives no target.
 */
ALS_API int als_problem_set_size_target(const als_problem *p, long fixed);
/** @brief Number of fixed sets (0 when sets are not fixed). */
ALS_API size_t als_problem_fixed_set_count(const als_problem *p);
/** @brief Fixed set @p s: its id, day (NULL = solver picks) and size bounds. */
ALS_API const char *als_problem_fixed_set_id(const als_problem *p, size_t s);
ALS_API const char *als_problem_fixed_set_day(const als_problem *p, size_t s);
ALS_API void als_problem_fixed_set_size(const als_problem *p, size_t s,
                                        int *min, int *max);
/** @brief Non-zero when fixed set @p s must open. */
ALS_API int als_problem_fixed_set_required(const als_problem *p, size_t s);
/** @brief The integer cap on sets, or ::ALS_NONE. */
ALS_API long long als_problem_max_sets(const als_problem *p);
ALS_API als_org_mode als_problem_org_mode(const als_problem *p, double *weight);
ALS_API als_sector_mode als_problem_sector_mode(const als_problem *p,
                                                double *weight);
ALS_API als_seniority_mode als_problem_seniority_mode(const als_problem *p,
                                                      double *weight,
                                                      int *max_spread);
ALS_API int als_problem_council_pairs(const als_problem *p);
/** @brief Number of programme.aliases entries of @p kind. */
ALS_API size_t als_problem_alias_count(const als_problem *p,
                                       als_label_kind kind);
/**
 * @brief Alias @p i of @p kind, in the order given: its spelling (returned)
 * and, in @p to (may be NULL), the name it maps to. NULL when out of range.
 */
ALS_API const char *als_problem_alias(const als_problem *p, als_label_kind kind,
                                      size_t i, const char **to);

/** @brief programme.calendar.timezone, or NULL when there is no calendar. */
ALS_API const char *als_problem_timezone(const als_problem *p);
/** @brief Number of programme.calendar.sessions. */
ALS_API size_t als_problem_session_count(const als_problem *p);
/** @brief Title of session @p k, or NULL when out of range. */
ALS_API const char *als_problem_session_title(const als_problem *p, size_t k);
/** @brief Length of session @p k in minutes (0 when out of range). */
ALS_API int als_problem_session_minutes(const als_problem *p, size_t k);

/** @brief A session as one set meets it (see als_problem_session_on()). */
typedef struct als_dated_session {
    const char *title;    /**< borrowed from the problem */
    int year, month, day; /**< the date */
    int weekday;          /**< 1 = Monday ... 7 = Sunday */
    int start;            /**< minutes after local midnight */
    int minutes;          /**< length */
} als_dated_session;

/**
 * @brief Session @p k as a set meeting on day label @p day meets it: its
 * date, weekday and local start time (programme.calendar). @p day is the
 * set's day as an allocation gives it (compared as a label); NULL for a set
 * without a day, which only sessions with one `date` for every set (and
 * one `start`) can date. Returns 1 and fills @p out when the session is
 * dated for that set, 0 when it is not (no day, or a day label that is not
 * one of programme.days), -1 for a NULL argument or @p k out of range.
 * Reports and als_calendar_ics() use this one definition.
 */
ALS_API int als_problem_session_on(const als_problem *p, size_t k,
                                   const char *day, als_dated_session *out);

/** @brief Facilitators of the cohort (withdrawn ones included). */
ALS_API size_t als_problem_facilitator_count(const als_problem *p);
/** @brief programme.facilitators_per_set (1 when not given). */
ALS_API int als_problem_facilitators_per_set(const als_problem *p);
ALS_API als_facilitator_rule als_problem_facilitator_rule(const als_problem *p);
/** @brief Index of the facilitator with @p id, or (size_t)-1. */
ALS_API size_t als_problem_find_facilitator(const als_problem *p,
                                            const char *id);
ALS_API const char *als_problem_facilitator_id(const als_problem *p, size_t f);
/** @brief Name, e-mail, organisation of facilitator @p f: NULL when absent. */
ALS_API const char *als_problem_facilitator_name(const als_problem *p,
                                                 size_t f);
ALS_API const char *als_problem_facilitator_email(const als_problem *p,
                                                  size_t f);
ALS_API const char *als_problem_facilitator_organisation(const als_problem *p,
                                                         size_t f);
ALS_API int als_problem_facilitator_max_sets(const als_problem *p, size_t f);
ALS_API int als_problem_facilitator_withdrawn(const als_problem *p, size_t f);
/** @brief Non-zero when facilitator @p f can meet on day @p d. */
ALS_API int als_problem_facilitator_available(const als_problem *p, size_t f,
                                              size_t d);
/** @brief Facilitators fixed set @p s names (als_builder_set_facilitators()).
 */
ALS_API size_t als_problem_fixed_set_facilitator_count(const als_problem *p,
                                                       size_t s);
ALS_API const char *als_problem_fixed_set_facilitator(const als_problem *p,
                                                      size_t s, size_t k);

/** @brief Index of the applicant with @p id, or (size_t)-1. */
ALS_API size_t als_problem_find(const als_problem *p, const char *id);
ALS_API const char *als_problem_applicant_id(const als_problem *p, size_t i);
/** @brief Name, organisation, sector, council, role: NULL when absent. */
ALS_API const char *als_problem_applicant_name(const als_problem *p, size_t i);
ALS_API const char *als_problem_applicant_organisation(const als_problem *p,
                                                       size_t i);
/** @brief E-mail address as the cohort gives it, or NULL. */
ALS_API const char *als_problem_applicant_email(const als_problem *p, size_t i);
ALS_API const char *als_problem_applicant_sector(const als_problem *p,
                                                 size_t i);
ALS_API const char *als_problem_applicant_council(const als_problem *p,
                                                  size_t i);
ALS_API const char *als_problem_applicant_role(const als_problem *p, size_t i);
/** @brief Level 0..1000 or ::ALS_NONE. */
ALS_API int als_problem_applicant_level(const als_problem *p, size_t i);
ALS_API long long als_problem_applicant_priority(const als_problem *p,
                                                 size_t i);
ALS_API int als_problem_applicant_withdrawn(const als_problem *p, size_t i);
/** @brief Non-zero when applicant @p i can meet on day @p d. */
ALS_API int als_problem_applicant_available(const als_problem *p, size_t i,
                                            size_t d);
/** @brief Unit of applicant @p i, or (size_t)-1 when withdrawn. */
ALS_API size_t als_problem_applicant_unit(const als_problem *p, size_t i);
/** @brief Pinned fixed set of @p i, or (size_t)-1 (also for a pin to a set
 * of a previous allocation, which only als_solve() resolves). */
ALS_API size_t als_problem_applicant_pin(const als_problem *p, size_t i);
ALS_API size_t als_problem_unit_size(const als_problem *p, size_t u);
ALS_API size_t als_problem_unit_member(const als_problem *p, size_t u,
                                       size_t k);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Allocations */
/**@{*/

/** @brief A finished allocation: sets, unassigned, objective, changes. */
typedef struct als_allocation als_allocation;

typedef enum als_solve_status {
    ALS_SOLVE_OPTIMAL = 0,   /**< proven optimal */
    ALS_SOLVE_FEASIBLE = 1,  /**< valid, not proven optimal */
    ALS_SOLVE_INFEASIBLE = 2 /**< the hard constraints cannot all hold */
} als_solve_status;

/**
 * @brief The objective of FORMAT.md, tier by tier, with the penalty's parts.
 *
 * `seniority` is the summed spread (mode `similar`) or the same-level pairs
 * (mode `mixed`); components of rules set to `ignore` are 0.
 * `size_deviation` (appended after the 0.1.0 fields; bit 9 of the present
 * mask) is the tier between `priority` and `penalty` of a cohort with a
 * target size: the sum over opened sets of |members - target|; 0 without a
 * target.
 */
typedef struct als_objective {
    long long continuing; /**< re-runs: continuing applicants placed */
    long long moves;      /**< re-runs: continuing applicants moved */
    long long placed;
    long long priority;
    double penalty;
    double sector_pairs;
    double organisation_pairs;
    double seniority;
    double pair_weight;
    long long size_deviation;      /**< with a target size: sum over opened sets
                                        of |members - target| */
    long long facilitator_changes; /**< re-runs with facilitators: running
                                        sets whose facilitators changed
                                        (bit 10 of the present mask) */
} als_objective;

/**
 * @brief Read an allocation document (docs/FORMAT.md section 3). It is kept as
 * written (ids as strings); als_check() compares it with a cohort.
 */
ALS_API als_status als_allocation_from_json(als_allocation **out,
                                            const char *json, size_t len,
                                            als_diag *diag, als_error *err);
/**
 * @brief Write an allocation document. `*json_out` is NUL-terminated, ends
 * with a newline, and is freed with als_free(). Reading it back and writing
 * again gives the same bytes.
 */
ALS_API als_status als_allocation_to_json(const als_allocation *a,
                                          char **json_out, size_t *len_out,
                                          als_error *err);
/** @brief Free an allocation (NULL is a no-op). */
ALS_API void als_allocation_free(als_allocation *a);

ALS_API als_solve_status als_allocation_status(const als_allocation *a);
/** @brief solver.method as written ("exact", "heuristic", ...), or "". */
ALS_API const char *als_allocation_method(const als_allocation *a);
ALS_API double als_allocation_time_s(const als_allocation *a);
ALS_API unsigned long long als_allocation_seed(const als_allocation *a);
/** @brief solver.bound and solver.gap; returns 0 when not reported. */
ALS_API int als_allocation_bound(const als_allocation *a, double *bound,
                                 double *gap);
/**
 * @brief The objective as reported in the document. @p present, when not
 * NULL, receives a bit mask of the figures the document carried
 * (bit k for the k-th field of ::als_objective).
 */
ALS_API als_objective als_allocation_objective(const als_allocation *a,
                                               unsigned *present);
ALS_API size_t als_allocation_set_count(const als_allocation *a);
ALS_API const char *als_allocation_set_id(const als_allocation *a, size_t s);
/** @brief Day of set @p s, or NULL. */
ALS_API const char *als_allocation_set_day(const als_allocation *a, size_t s);
ALS_API size_t als_allocation_set_size(const als_allocation *a, size_t s);
ALS_API const char *als_allocation_member(const als_allocation *a, size_t s,
                                          size_t k);
/**
 * @brief Name of member @p k of set @p s as the allocation records it
 * (the set's `names`, written from the cohort by als_solve()), or NULL
 * when it records none.
 */
ALS_API const char *als_allocation_member_name(const als_allocation *a,
                                               size_t s, size_t k);
/** @brief Facilitators of set @p s (0 in a cohort without any), and the
 * id of facilitator @p k of them, or NULL. */
ALS_API size_t als_allocation_set_facilitator_count(const als_allocation *a,
                                                    size_t s);
ALS_API const char *als_allocation_set_facilitator(const als_allocation *a,
                                                   size_t s, size_t k);
ALS_API size_t als_allocation_unassigned_count(const als_allocation *a);
ALS_API const char *als_allocation_unassigned_id(const als_allocation *a,
                                                 size_t k);
ALS_API const char *als_allocation_unassigned_reason(const als_allocation *a,
                                                     size_t k);
/**
 * @brief The waiting list's standby marks: the sets (at most 5) in which
 * unassigned applicant @p k could take a place, were one freed by a
 * withdrawal (they meet on a day the applicant can make, and no rule keeps
 * the applicant out). 0 sets when none. Set @p j of them, or NULL.
 */
ALS_API size_t als_allocation_unassigned_standby_count(const als_allocation *a,
                                                       size_t k);
ALS_API const char *als_allocation_unassigned_standby(const als_allocation *a,
                                                      size_t k, size_t j);
ALS_API size_t als_allocation_change_count(const als_allocation *a);
/** @brief Change @p k: id, and from/to set ids (NULL = none). */
ALS_API const char *als_allocation_change_id(const als_allocation *a, size_t k);
ALS_API const char *als_allocation_change_from(const als_allocation *a,
                                               size_t k);
ALS_API const char *als_allocation_change_to(const als_allocation *a, size_t k);
/** @brief Why change @p k happened, in words (NULL when not given). */
ALS_API const char *als_allocation_change_reason(const als_allocation *a,
                                                 size_t k);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Solving */
/**@{*/

/** @brief Why a solve stopped before its own criterion, if it did. */
typedef enum als_stop_reason {
    ALS_STOP_NONE = 0,       /**< finished by its own criterion */
    ALS_STOP_TIME_LIMIT = 1, /**< the time limit was reached */
    ALS_STOP_CANCELLED = 2,  /**< the progress callback asked to stop */
    ALS_STOP_GAP = 3,        /**< the exact solver reached the gap */
    ALS_STOP_WORK = 4,       /**< the heuristic did the work its time limit
                                  buys (a deterministic count, not the
                                  clock: same seed, same allocation) */
    ALS_STOP_STAGNATION = 5, /**< the heuristic found nothing better for as
                                  long as it had taken to find its best */
    ALS_STOP_BOUND = 6,      /**< the allocation met its lower bound: it is
                                  optimal */
    ALS_STOP_INCOMPLETE = 7  /**< the exact solver could not complete its
                                  proof, with time left (a subproblem too
                                  large for it); the best allocation stands */
} als_stop_reason;

/** @brief What the progress callback is told. */
typedef struct als_progress {
    double elapsed_s;   /**< since the solve started */
    long long placed;   /**< best allocation so far: applicants placed */
    long long priority; /**< ... their summed priority */
    double penalty;     /**< ... its penalty */
    const char *phase;  /**< "construct", "search", "repair", ... */
} als_progress;

/**
 * @brief Progress callback: called from the solving thread about every
 * `progress_interval_s` seconds and when the solve ends. Return non-zero to
 * stop: the solve then returns the best valid allocation found so far, with
 * stop reason ::ALS_STOP_CANCELLED.
 */
typedef int (*als_progress_fn)(void *user, const als_progress *progress);

/**
 * @brief Options of als_solve(). Initialise with als_solve_options_init(),
 * which takes the defaults from the cohort's `programme.solver`, then
 * override what you need.
 */
typedef struct als_solve_options {
    unsigned version;           /**< ::ALS_SOLVE_OPTIONS_VERSION */
    als_method method;          /**< auto, exact or heuristic */
    double time_limit_s;        /**< wall-clock limit, > 0 */
    unsigned long long seed;    /**< seed of the solver's random choices */
    double effort;              /**< search effort multiplier, default 1 */
    als_progress_fn progress;   /**< optional */
    void *progress_user;        /**< passed to progress */
    double progress_interval_s; /**< default 1 */
    /** Previous allocation for a re-run (docs/FORMAT.md section 4), or NULL. */
    const als_allocation *previous;
} als_solve_options;

#define ALS_SOLVE_OPTIONS_VERSION 1u

/** @brief Fill @p o with defaults, taken from @p p's programme.solver when
 * @p p is not NULL (auto, 10 s, seed 1 otherwise). */
ALS_API void als_solve_options_init(als_solve_options *o, const als_problem *p);

/**
 * @brief One option of als_solve(), as libals's option table defines it.
 *
 * The table is the one source of each option's default and bounds: the
 * cohort reader (`programme.solver`), als_solve_options_init(), als_solve()'s
 * check of its options, als_solve_options_set() and the `als` command's
 * options and help all take them from here. Walk it with als_solve_option()
 * from 0 until it returns NULL.
 */
typedef struct als_solve_option_info {
    const char *name;    /**< "time_limit_s": the field of ::als_solve_options
                              and, when `in_cohort`, the key of the cohort's
                              `programme.solver` */
    const char *flag;    /**< "--time-limit": how the `als` command spells it,
                              or NULL when the command does not take it */
    const char *metavar; /**< "SECONDS": what the flag's value is called */
    /** For a choice: its names, NULL-terminated, the value being the index
     * ("auto", "exact", "heuristic" for ::als_method); NULL for a number. */
    const char *const *choices;
    double def;       /**< the default (a choice's index for a choice) */
    double min;       /**< lowest value, itself excluded when `min_excluded` */
    double max;       /**< highest value (included) */
    int min_excluded; /**< non-zero: the value must be above `min` */
    int whole;        /**< non-zero: a whole number */
    int in_cohort;    /**< non-zero: also read from `programme.solver` */
    const char *help; /**< one sentence, lower case, no final stop */
} als_solve_option_info;

/** @brief The @p i-th option of the table, or NULL past its end. */
ALS_API const als_solve_option_info *als_solve_option(size_t i);

/**
 * @brief What the @p i-th option's value must be, as a phrase for people:
 * "a number > 0 and at most 1e7", "auto, exact or heuristic". Written into
 * @p buf (@p cap bytes, truncated if need be; 128 is always enough); empty
 * past the table's end.
 */
ALS_API void als_solve_option_range(size_t i, char *buf, size_t cap);

/**
 * @brief Set the option named @p name (an ::als_solve_option_info name, such
 * as "time_limit_s") in @p o from its text @p value: a choice's name, or a
 * number within the option's bounds.
 * @return ::ALS_OK, or ::ALS_EINVAL with a message saying what the value
 * must be (the message does not name the option: the caller knows how its
 * user spelt it).
 */
ALS_API als_status als_solve_options_set(als_solve_options *o, const char *name,
                                         const char *value, als_error *err);

/**
 * @brief Allocate the cohort.
 *
 * On ::ALS_OK, `*out` holds an allocation that breaks no hard constraint
 * (or, with status ::ALS_SOLVE_INFEASIBLE, no sets and the reasons in
 * `unassigned`). Hitting the time limit or a cancel is not an error: see
 * als_allocation_stop_reason(). Same problem, options and seed give the same
 * allocation on the same build whenever the stop reason is neither
 * ::ALS_STOP_TIME_LIMIT nor ::ALS_STOP_CANCELLED: the heuristic counts its
 * work, not seconds (its time limit sets how much work it may do).
 * A pin to a set that is not a fixed set names a set of
 * `opts->previous`; when there is none, or it has no set of that id, the
 * result is ::ALS_ESCHEMA with the path `applicants[i].set`.
 * @return ::ALS_OK, ::ALS_EINVAL, ::ALS_ENOMEM, ::ALS_ESOLVER, ::ALS_ESCHEMA.
 */
ALS_API als_status als_solve(als_allocation **out, const als_problem *p,
                             const als_solve_options *opts, als_error *err);

/** @brief Why the solve that made @p a stopped (::ALS_STOP_NONE for
 * documents read from JSON). */
ALS_API als_stop_reason als_allocation_stop_reason(const als_allocation *a);
/** @brief The stop reason's name as the allocation JSON writes it
 * (`"time_limit"`, `"work"`, ...; `"none"`), or NULL when out of range. */
ALS_API const char *als_stop_reason_str(als_stop_reason r);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Checking */
/**@{*/

/**
 * @brief Verify @p a against @p p without trusting it.
 *
 * Only the membership is trusted: every hard constraint, that every active
 * applicant is listed exactly once, unknown ids, and each reported objective
 * figure against the recomputed one. With @p previous (a re-run), the
 * continuing/moves figures and the `changes` list are verified too. Each
 * violation is added to @p diag with a path into the allocation document
 * (`sets[1].members[3]`). @p violations (optional) receives their number and
 * @p recomputed (optional) the objective recomputed from the membership.
 * A member whose name the allocation records (`names`) differently from
 * the cohort is a violation too. @p previous is first checked by
 * als_check_previous(); when it fails, so does this call, with its status.
 * @return ::ALS_OK whether or not violations were found; an error only when
 *         the check itself could not run.
 */
ALS_API als_status als_check(const als_problem *p, const als_allocation *a,
                             const als_allocation *previous, als_diag *diag,
                             size_t *violations, als_objective *recomputed,
                             als_error *err);

/**
 * @brief Check that @p previous can be the previous allocation of a re-run
 * of cohort @p p (docs/FORMAT.md section 4.3).
 *
 * Input errors, each with a path into the previous allocation document: a
 * set id used twice (`sets[2].id`); a member listed twice
 * (`sets[2].members[1]`); a member whose recorded name (the set's `names`)
 * differs from the cohort's name for that id, compared as labels (case and
 * white space aside), which means the ids no longer name the same people;
 * and, at `sets`, more than half of its members unknown to the cohort (an
 * allocation of another cohort, or ids that changed; those who left belong
 * in the cohort marked `withdrawn`). als_solve() with `previous` and
 * als_check() with @p previous run this check first and fail with its
 * first error.
 * @return ::ALS_OK, ::ALS_ESCHEMA (every problem in @p diag, the first in
 *         @p err), ::ALS_EINVAL, ::ALS_ENOMEM.
 */
ALS_API als_status als_check_previous(const als_problem *p,
                                      const als_allocation *previous,
                                      als_diag *diag, als_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Calendars */
/**@{*/

/**
 * @brief The iCalendar text (RFC 5545) of set @p set of allocation @p a:
 * one VEVENT per session of programme.calendar that the set's day dates,
 * in the calendar's time zone (its VTIMEZONE included), its members as
 * attendees (docs/FORMAT.md, "Calendar").
 *
 * Event UIDs depend only on the programme's name, the set's id and the
 * session's index, so a re-issued file updates the events already
 * imported. SEQUENCE is the number of the allocation's `changes` that move
 * someone into or out of the set; with @p previous (the text this call
 * wrote for the same set before, or NULL) it is also never lower than the
 * previous event's, and one higher when the event's content changed.
 * @p previous that cannot be read is ignored.
 *
 * The allocation is checked as by als_report(). `*ics` (free with
 * als_free()) is NUL-terminated; @p len (optional) receives its length.
 * @return ::ALS_OK, ::ALS_ESCHEMA (no programme.calendar, or an allocation
 *         that does not fit the cohort), ::ALS_EINVAL (NULL argument, @p set
 *         out of range), ::ALS_ENOMEM.
 */
ALS_API als_status als_calendar_ics(const als_problem *p,
                                    const als_allocation *a, size_t set,
                                    const char *previous, size_t previous_len,
                                    char **ics, size_t *len, als_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Reports */
/**@{*/

/** @brief What als_report() writes. Values are stable. */
typedef enum als_report_format {
    ALS_REPORT_TEXT = 0,     /**< plain text, lines of at most 80 columns */
    ALS_REPORT_MARKDOWN = 1, /**< Markdown (headings, tables), for e-mail */
    ALS_REPORT_CSV = 2,      /**< RFC 4180 CSV, one row per applicant */
    ALS_REPORT_HTML = 3      /**< one self-contained HTML page, for screen
                                  and print */
} als_report_format;

/**
 * @brief The format named @p name: "text", "markdown", "csv" or "html"
 * (exactly, in lower case).
 * @param[in]  name  the name.
 * @param[out] out   receives the format; unchanged on error.
 * @return ::ALS_OK, or ::ALS_EINVAL for an unknown name or a NULL argument.
 */
ALS_API als_status als_report_format_from_name(const char *name,
                                               als_report_format *out);
/** @brief Name of @p format ("text", ...; static), or NULL when unknown. */
ALS_API const char *als_report_format_name(als_report_format format);

/**
 * @brief Render allocation @p a of cohort @p p for people.
 *
 * Per set: its id, day and size; its members with organisation, sector and
 * level (named as the cohort names its levels); its figures (sectors,
 * seniority range, organisations, penalty) and every soft rule it bends.
 * Overall: the objective's figures recomputed from the membership, each
 * beside the least any split of the placed applicants into sets of the
 * same sizes could reach; then the unassigned with their reasons, and for a
 * re-run the changes (moves, joiners, leavers). With a programme.calendar,
 * each set lists its dated sessions (als_problem_session_on()); in HTML and
 * Markdown each set with known e-mails gets a "Mail everyone" mailto: link
 * (the addresses comma-separated, percent-encoded). The CSV has a header
 * row (set, day, id, name, email, role, organisation, sector, seniority,
 * dates: the set's session dates separated by "; ", for a re-run change,
 * reason) and one row per member, then one per unassigned applicant (empty
 * set, with the reason), and a field a spreadsheet would take for a formula
 * (starting with `=`, `+`, `-` or `@`) gets a leading `'`; the HTML needs no
 * other file, runs no script and fetches nothing.
 *
 * The allocation must belong to the cohort: it is checked as by
 * als_check(), and a violation (an unknown or missing applicant, a broken
 * hard rule) fails the call with ::ALS_ESCHEMA; every such violation is
 * added to @p diag (when given) with its path into the allocation document,
 * and @p err receives the first. Objective figures the document reports
 * are not trusted but recomputed, so stale ones do not fail the call.
 *
 * @param[in]  p       the cohort.
 * @param[in]  a       an allocation of it.
 * @param[in]  format  one of ::als_report_format.
 * @param[out] out     receives the NUL-terminated report (UTF-8); free it
 *                     with als_free(). NULL on error.
 * @param[out] len     optional: receives its length in bytes.
 * @param[out] diag    optional: receives the violations that stop a report.
 * @param[out] err     optional: filled when the return value is not ::ALS_OK.
 * @return ::ALS_OK, ::ALS_ESCHEMA (the allocation does not fit the cohort),
 *         ::ALS_EINVAL (NULL argument, unknown format), ::ALS_ENOMEM.
 */
ALS_API als_status als_report(const als_problem *p, const als_allocation *a,
                              als_report_format format, char **out, size_t *len,
                              als_diag *diag, als_error *err);
/**@}*/

#ifdef __cplusplus
}
#endif
#endif /* ALS_H */
