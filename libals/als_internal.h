/*
 * Declarations shared between libals's modules. Never installed; nothing
 * here is API. Internal cross-module functions are prefixed `als__`.
 */
#ifndef ALS_INTERNAL_H
#define ALS_INTERNAL_H

#include "als.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ALS__NOIDX ((size_t)-1)

#if defined(__GNUC__)
#define ALS__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ALS__PRINTF(a, b)

#endif

/* Stop reasons by value, as the allocation JSON names them (status.c). */
#define ALS__NSTOP 8
extern const char *const als__stop_names[ALS__NSTOP];

/* ---- the solver's options (options.c) ----------------------------- */

/* Rows of the option table, in its order. */
enum als__option {
    ALS__OPT_METHOD,
    ALS__OPT_TIME_LIMIT,
    ALS__OPT_SEED,
    ALS__OPT_EFFORT,
    ALS__OPT_PROGRESS_INTERVAL,
    ALS__NOPT
};
extern const als_solve_option_info als__options[ALS__NOPT];

/* The row named `name`, or ALS__NOIDX. */
size_t als__option_find(const char *name);
/* Whether `v` is a value option `i` takes (within its bounds, whole when
   it must be; a choice's index). */
bool als__option_ok(size_t i, double v);
/* Option `i`'s field of `o`, as a number (a choice's index). */
double als__option_get(const als_solve_options *o, size_t i);
void als__option_put(als_solve_options *o, size_t i, double v);

/* ---- errors and diagnostics (status.c) ---------------------------- */

/* Fill err (may be NULL) with code, path and a formatted message. */
void als__error_set(als_error *err, als_status code, const char *path,
                    const char *fmt, ...) ALS__PRINTF(4, 5);
void als__error_setv(als_error *err, als_status code, const char *path,
                     const char *fmt, va_list ap) ALS__PRINTF(4, 0);

/*
 * A sink for many problems at once: every problem goes to `diag` (when not
 * NULL) and the first error to `first` (when not NULL). `errors` counts
 * every error reported, stored or not.
 */
typedef struct als__report {
    als_diag *diag;
    als_error *first;
    size_t errors;
    als_status code;   /* status of the first error, ALS_OK when none */
    const char *sheet; /* a spreadsheet's problems start with it ("the
                          facilitators sheet"), NULL: none */
} als__report;

void als__report_init(als__report *r, als_diag *diag, als_error *first);
void als__report_add(als__report *r, const als_error *e);
/* Report an error (severity error) at a path. */
void als__report_error(als__report *r, als_status code, const char *path,
                       const char *fmt, ...) ALS__PRINTF(4, 5);
void als__report_warning(als__report *r, const char *path, const char *fmt, ...)
    ALS__PRINTF(3, 4);
/* Syntax error at a byte offset of a text: line and column computed. */
void als__report_at(als__report *r, als_status code, const char *text,
                    size_t offset, const char *fmt, ...) ALS__PRINTF(5, 6);

/* ---- small utilities (util.c) ------------------------------------- */

/* Allocation helpers that check for overflow. */
void *als__malloc(size_t n, size_t size);
void *als__calloc(size_t n, size_t size);
void *als__realloc(void *p, size_t n, size_t size);
char *als__strdup(const char *s);
/* Grow *p (element size `size`) so that it holds at least `need`. */
bool als__grow(void **p, size_t *cap, size_t need, size_t size);

/* Bump allocator for many small strings freed together. */
typedef struct als__arena_block als__arena_block;
typedef struct als__arena {
    als__arena_block *head;
} als__arena;
void als__arena_free(als__arena *a);
char *als__arena_strdup(als__arena *a, const char *s);
char *als__arena_strndup(als__arena *a, const char *s, size_t n);

/* FNV-1a hash. */
uint64_t als__hash(const void *data, size_t n);

/*
 * Normalise a label: trim, collapse runs of white space to one space,
 * lower-case ASCII letters. Writes at most cap-1 bytes and a NUL; returns the
 * normalised length (0 for an empty or blank label).
 */
size_t als__label_key(const char *s, char *out, size_t cap);

/*
 * Intern table: maps keys to dense indices 0..n-1 and keeps, for each index,
 * a display string. With `label` true, keys are normalised labels and the
 * display string is the first spelling seen; otherwise keys compare exactly.
 */
typedef struct als__strtab {
    bool label;
    size_t n, cap;
    char **display; /* n entries, in the arena */
    char **key;     /* n entries, in the arena */
    size_t *slots;  /* open addressing, index+1, 0 = empty */
    size_t nslots;
    als__arena arena;
} als__strtab;

void als__strtab_init(als__strtab *t, bool label);
void als__strtab_free(als__strtab *t);
/* Index of s, or ALS__NOIDX. */
size_t als__strtab_find(const als__strtab *t, const char *s);
/* Index of s, adding it when absent (*added tells). ALS__NOIDX on ENOMEM. */
size_t als__strtab_intern(als__strtab *t, const char *s, bool *added);

/* Union-find over indices 0..n-1 (parent[i] = i to start): the root of
   x, halving paths as it goes; and the union of a's and b's sets, the
   smaller root becoming the root (so a group is known by its first
   member). The one union-find of the library. */
size_t als__uf_find(size_t *parent, size_t x);
void als__uf_union(size_t *parent, size_t a, size_t b);

/* Every day of a programme of n days, as a mask (all 64 bits from 64). */
static inline uint64_t als__all_days(size_t n)
{
    return n >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
}

/* Edit distance, capped: returns cap+1 when larger. For did-you-mean. */
size_t als__edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to `word` (NULL when none is close enough). */
const char *als__suggest(const char *word, const char *const *candidates,
                         size_t n);

/* Length of the valid UTF-8 sequence at s (n > 0 bytes left), 0 when the
   bytes there are not UTF-8. */
size_t als__utf8_len(const unsigned char *s, size_t n);

/* ---- JSON text (json_write.c) ------------------------------------- */

/* A growing NUL-terminated text; `nomem` is set (and later writes are
   dropped) when memory runs out. Zero-initialise; free `data`. */
typedef struct als__sbuf {
    char *data;
    size_t len, cap;
    bool nomem;
} als__sbuf;

void als__sbuf_put(als__sbuf *b, const char *s, size_t n);
void als__sbuf_puts(als__sbuf *b, const char *s);
void als__sbuf_printf(als__sbuf *b, const char *fmt, ...) ALS__PRINTF(2, 3);
void als__sbuf_vprintf(als__sbuf *b, const char *fmt, va_list ap)
    ALS__PRINTF(2, 0);
/* Empty it (keeping its memory); its text ("" when none was written). */
void als__sbuf_reset(als__sbuf *b);
const char *als__sbuf_str(const als__sbuf *b);
/* `s` as a JSON string, in double quotes, escaped. */
void als__sbuf_put_json_string(als__sbuf *b, const char *s);

/* ---- the problem (builder.c, problem.c) --------------------------- */

enum { ALS__ROLE_OTHER = 0, ALS__ROLE_OFFICER = 1, ALS__ROLE_COUNCILLOR = 2 };

/* Council nomination defects of a unit (bits). */
enum { ALS__LACKS_OFFICER = 1, ALS__LACKS_COUNCILLOR = 2 };

typedef struct als__fixed_set {
    char *id;
    int day; /* index into days, or -1 */
    int min, max;
    bool required;          /* must open */
    size_t fac_first, nfac; /* the facilitators it names: set_fac[...] */
} als__fixed_set;

/* A facilitator (docs/FORMAT.md, "Facilitators"). */
typedef struct als__facilitator {
    const char *id; /* in the problem's fac_ids table */
    char *name;     /* NULL: none */
    char *email;    /* NULL: none */
    int org;        /* organisation index (the applicants' table), -1 */
    uint64_t avail; /* bit d: can meet on day d */
    int max_sets;   /* sets they may lead, at most one per day label */
    bool withdrawn; /* leads no set */
    size_t apart_first, napart; /* applicants never to lead: fac_apart[...] */
} als__facilitator;

typedef struct als__applicant {
    char *id;
    char *name;
    char *email; /* NULL: none */
    int org;     /* organisation index, -1: an organisation of its own */
    int sector;  /* -1: none */
    int level;   /* 0..1000, -1: none */
    int council; /* -1: none */
    int role;    /* ALS__ROLE_* */
    char *role_text;
    uint64_t avail; /* bit d: can meet on day d */
    long long priority;
    int pin;            /* slot pinned to (see struct als_problem), -1 */
    const char *pin_id; /* a pin naming no fixed set, in a cohort without
                           fixed sets: a set of the previous allocation,
                           resolved by als_solve(); NULL otherwise */
    bool withdrawn;
    size_t unit; /* ALS__NOIDX when withdrawn */
} als__applicant;

typedef struct als__unit {
    size_t first;       /* offset into problem->unit_members */
    size_t size;        /* number of members */
    uint64_t avail;     /* days every member can make */
    int pin;            /* slot pinned to (see struct als_problem), -1 */
    const char *pin_id; /* its members' unresolved pin (see als__applicant) */
    long long priority;
    int level_min, level_max;    /* -1 when no member has a level */
    int council_defect;          /* ALS__LACKS_* bits, 0 when complete */
    int council;                 /* a council of the unit, -1 */
    size_t org_first, org_count; /* distinct organisations (unit_orgs) */
    /* a later application with the same e-mail as applicant dup_of: not
       placed (set only in als_solve()'s working copy, solve.c) */
    bool duplicate;
    size_t dup_of;
    /* re-runs (als_solve()'s working copy, rerun.c): the newcomers of a
       unit whose other members continue in a running set join that set
       when there is room, and otherwise wait; they are a unit of their
       own, attached to the continuing members' unit `attach_to` */
    bool attached;
    size_t attach_to;
} als__unit;

typedef struct als__pair {
    size_t a, b;
    double w;
} als__pair;

typedef struct als__adj {
    size_t other;
    double w;
} als__adj;

/* A session of programme.calendar (builder.c; dated by calendar.c). */
enum { ALS__SESSION_DATE = 0, ALS__SESSION_WEEK = 1, ALS__SESSION_DATES = 2 };
typedef struct als__session {
    char *title;    /* in the problem's arena */
    int kind;       /* ALS__SESSION_* */
    long date;      /* days since 1970-01-01: the date, or a date of the
                       week; unused for ALS__SESSION_DATES */
    long *day_date; /* ALS__SESSION_DATES: per programme day */
    int start;      /* minutes after midnight, -1: per day (day_start) */
    int *day_start; /* per programme day, or NULL */
    int minutes;
} als__session;

struct als_problem {
    char *name;
    char *timezone; /* programme.calendar.timezone, NULL: no calendar */
    als__session *sessions;
    size_t nsessions;
    int size_min, size_max;
    int size_floor;  /* ALS_NONE: the default (als__problem_floor) */
    int size_target; /* ALS_NONE: no target (no size_deviation tier) */
    als__strtab days;
    char **level_names; /* nlevels, may contain NULL */
    size_t nlevels;
    als__fixed_set *sets;
    size_t nsets;
    als__strtab set_ids; /* fixed set ids, index = set */
    /* Pins index the solvers' slots, whose first ones are the fixed sets:
       a pin is a fixed set index. In a re-run's working copy of a cohort
       without fixed sets (solve.c), a pin is the index of a previous set
       (slot k is the previous allocation's set k), named by pin_names;
       NULL otherwise. */
    const char *const *pin_names;
    long long max_sets; /* ALS_NONE: as many as needed */
    als_org_mode org_mode;
    double org_weight;
    als_sector_mode sector_mode;
    double sector_weight;
    als_seniority_mode sen_mode;
    double sen_weight;
    int max_spread; /* ALS_NONE */
    bool council_pairs;
    als_method method;
    double time_limit_s;
    unsigned long long seed;

    size_t n, nactive;
    als__applicant *app;
    als__strtab ids;
    size_t *id_app; /* id-table index -> applicant index */
    als__strtab orgs, sectors, councils;
    als__arena arena;
    /* programme.aliases per als_label_kind, in the order given (strings in
       the arena) */
    char **alias_from[3], **alias_to[3];
    size_t nalias[3];

    size_t *apart_off; /* n+1 offsets into apart (symmetric, active only) */
    size_t *apart;

    als__pair *pairs; /* active pairs only */
    size_t npairs, npairs_all;
    size_t *adj_off; /* n+1 offsets into adj */
    als__adj *adj;

    als__unit *units;
    size_t nunits;
    size_t *unit_members;
    int *unit_orgs;

    /* facilitators (nfac == 0: none, and no facilitator rule applies) */
    als__facilitator *fac;
    size_t nfac;
    als__strtab fac_ids; /* index = facilitator */
    size_t *fac_apart;   /* applicant indices, per facilitator's range */
    size_t *set_fac;     /* facilitator indices named by fixed sets */
    int fac_per_set;     /* 1 or 2 */
    als_facilitator_rule fac_rule;
};

/* Facilitators rule: may facilitator f lead a set holding applicant i
   (independence from organisations under rule `independent`, and their
   `apart`)? The one definition for the checker and the solvers. */
bool als__fac_may_lead(const als_problem *p, size_t f, size_t i);
/* ... a set holding unit u? */
bool als__fac_may_lead_unit(const als_problem *p, size_t f, size_t u);

/* A unit's properties from its members (avail, priority, levels, council
   and its nomination's defects, organisations appended to orgs at *norgs):
   the one definition, for the builder and a re-run's split units. */
void als__unit_fill(const als_problem *q, als__unit *un, int *orgs,
                    size_t *norgs);
/* Largest max among the sets an allocation may open. */
int als__problem_largest_max(const als_problem *p);
/* Size bounds of a set: fixed set index or -1 for the programme's. */
void als__problem_bounds(const als_problem *p, int fixed, int *min, int *max);
/*
 * Floor of a set (fixed set index, or -1 for the programme's sets): in a
 * re-run, a previous set with at least this many continuing members carries
 * on even below its minimum. programme.set_size.floor when given (at most
 * the set's minimum), else half the minimum rounded up, at least 2 (and at
 * most the minimum).
 */
int als__problem_floor(const als_problem *p, int fixed);
/*
 * Target size of a set (fixed set index, or -1 for the programme's sets):
 * programme.set_size.target brought within the set's own min..max, or
 * ALS_NONE when the cohort gives no target.
 */
int als__problem_target(const als_problem *p, int fixed);
/* |size - target| of an opened set of `size` members (0 without target). */
long long als__problem_size_dev(const als_problem *p, int fixed, size_t size);
/* Index of a fixed set by id, or -1. */
int als__problem_fixed_find(const als_problem *p, const char *id);
/* The id of the set a pin (>= 0) names. */
const char *als__problem_pin_name(const als_problem *p, int pin);

/* Mark fields of the last added applicant whose errors are already reported
   (used by the JSON reader so one defect gives one message). */
enum {
    ALS__Q_ID = 1 << 0,
    ALS__Q_SENIORITY = 1 << 1,
    ALS__Q_SET = 1 << 2,
    ALS__Q_PRIORITY = 1 << 3
};
enum { /* programme entries whose errors are already reported */
       ALS__BQ_SET_SIZE = 1 << 0,
       ALS__BQ_DAYS = 1 << 1,    /* days unknown: availability unchecked */
       ALS__BQ_LEVELS = 1 << 2,  /* level names unknown */
       ALS__BQ_SETS = 1 << 3,    /* fixed sets incomplete: pins unchecked */
       ALS__BQ_TIMEZONE = 1 << 4 /* programme.calendar.timezone in error */
};
/* Keep session index i of programme.calendar.sessions aligned when the
   reader has already reported it in error: a placeholder finish skips. */
als_status als__builder_skip_session(als_builder *b);
void als__builder_quiet_last(als_builder *b, unsigned fields);
void als__builder_quiet(als_builder *b, unsigned fields);
void als__builder_quiet_last_pair(als_builder *b);
void als__builder_quiet_last_facilitator(als_builder *b);
/* Like the public setters, but the path of errors is given. */
als_status als__builder_add_set_at(als_builder *b, const char *id,
                                   const char *day, int min, int max,
                                   const char *path, als_error *err);

/* ---- likely duplicate applications (duplicates.c) ------------------ */

/* What is compared: any may be NULL (an entry with none is skipped). */
typedef struct als__person {
    const char *name, *org, *email;
} als__person;

enum { ALS__DUP_EMAIL = 1, ALS__DUP_NAME = 2, ALS__DUP_PREFIX = 3 };

/* A likely duplicate: entries a < b, and the first rule they meet. */
typedef struct als__dup {
    size_t a, b;
    int kind; /* ALS__DUP_* */
} als__dup;

/*
 * Every likely duplicate among v[0..n-1], in O(n log n): the same e-mail
 * (trimmed, case aside); the same name (words, case and punctuation aside)
 * with the same organisation or neither giving one; the same surname and
 * organisation with one first name a proper start of the other (for each
 * entry, the nearest such). Sorted by b, then a; one per pair. *out is
 * malloc'd (NULL when none).
 */
als_status als__find_duplicates(const als__person *v, size_t n, als__dup **out,
                                size_t *nout);
/* An e-mail as compared: trimmed, ASCII lower-cased. */
void als__email_key(const char *s, char *out, size_t cap);
/* The likely duplicates among a cohort's active applicants (problem.c). */
als_status als__problem_duplicates(const als_problem *p, als__dup **out,
                                   size_t *n);

/* ---- likely spellings of one label (variants.c) ------------------- */

/*
 * Warn (at applicants[i].organisation, .sector or .council, i the first
 * active applicant with the spelling) of each group of labels of a kind
 * that look like spellings of one name, with the programme.aliases entries
 * mapping each to the most common; and of more than 6 sectors. With
 * `block`, *block (malloc'd, NULL when none) is every such entry in one
 * ready-to-paste "aliases" member. O(L log L) in the labels.
 */
als_status als__problem_variants(const als_problem *p, als__report *r,
                                 char **block);
/* The same warnings into a diagnostic list (the importer's hook). */
als_status als__variant_warnings(const als_problem *p, als_diag *diag);

/* ---- allocations (allocation.c) ------------------------------------ */

typedef struct als__aset {
    char *id;
    char *day;  /* NULL: none */
    char **fac; /* facilitator ids (malloc'd array, ids in the arena) */
    size_t nfac;
    size_t n;
    char **members;
    char **names; /* NULL, or n entries: each member's name, NULL when
                     none (the document's "names") */
} als__aset;

typedef struct als__unassigned {
    char *id;
    char *reason;
    char **standby; /* sets whose place, once freed, could be theirs (ids in
                       the arena; the array malloc'd), NULL when none */
    size_t nstandby;
} als__unassigned;

/* At most this many sets are listed as an applicant's standby. */
#define ALS__STANDBY_MAX 5

typedef struct als__change {
    char *id;
    char *from, *to; /* NULL: none */
    char *reason;    /* NULL: none given */
} als__change;

/* Bits of ::als_objective fields, in declaration order. */
enum {
    ALS__OBJ_CONTINUING = 1 << 0,
    ALS__OBJ_MOVES = 1 << 1,
    ALS__OBJ_PLACED = 1 << 2,
    ALS__OBJ_PRIORITY = 1 << 3,
    ALS__OBJ_PENALTY = 1 << 4,
    ALS__OBJ_SECTOR = 1 << 5,
    ALS__OBJ_ORG = 1 << 6,
    ALS__OBJ_SENIORITY = 1 << 7,
    ALS__OBJ_PAIRS = 1 << 8,
    ALS__OBJ_ALL = (1 << 9) - 1, /* every figure but size_deviation */
    ALS__OBJ_SIZEDEV = 1 << 9,   /* written only for a cohort with a target */
    ALS__OBJ_FACCHG = 1 << 10    /* written only for a re-run with
                                    facilitators */
};

struct als_allocation {
    als_solve_status status;
    const char *method; /* "" when absent */
    double time_s;
    unsigned long long seed;
    bool has_bound;
    double bound, gap;
    als_objective obj;
    unsigned present;     /* ALS__OBJ_* bits */
    bool seniority_pairs; /* objective key: seniority_pairs vs _spread */
    als__aset *sets;
    size_t nsets;
    als__unassigned *unassigned;
    size_t nunassigned;
    als__change *changes;
    size_t nchanges;
    als_stop_reason stop;
    als__arena arena;
};

als_status als__allocation_new(als_allocation **out);
/* The previous allocation a re-run's allocation `a` came from, as far as
   its changes tell (who was in which set, for those still in a set or
   named by a change; with the cohort `p`, who led each set, the changes
   naming p's facilitators telling who no longer or newly does): *out is
   NULL when `a` has no changes. p may be NULL (every change is then an
   applicant's). Member and facilitator ids point into `a`, which must
   outlive *out. */
als_status als__allocation_previous(const als_problem *p,
                                    const als_allocation *a,
                                    als_allocation **out);
/* Record each member's name from the cohort (sets whose members have no
   name get none). */
als_status als__allocation_add_names(als_allocation *a, const als_problem *p);

/* ---- objective (objective.c) --------------------------------------- */

/* A small multiset of integer keys, for per-set counts. */
typedef struct als__counts {
    int64_t *key;
    int *cnt;
    int n, cap;
} als__counts;

/*
 * Running figures of one set, updated member by member, so that a move is
 * evaluated in time proportional to the sets it touches. This, with
 * als__objective_penalty(), is the one definition of the penalty: the
 * checker and the solvers all score sets through it.
 */
typedef struct als__setstat {
    int size;
    als__counts sectors;    /* sector -> members */
    als__counts levels;     /* level -> members */
    als__counts org_units;  /* (organisation, unit) -> members */
    als__counts orgs;       /* organisation -> units with a member */
    long long sector_pairs; /* sum c(c-1)/2 over sectors */
    long long level_pairs;  /* sum c(c-1)/2 over levels */
    long long org_pairs;    /* sum u(u-1)/2 over organisations */
    double pair_weight;
} als__setstat;

/* Count of a key (0 when absent). */
int als__counts_get(const als__counts *c, int64_t key);
/* Lowest and highest level in the set; false when no member has a level. */
bool als__setstat_levels(const als__setstat *s, int *lo, int *hi);

void als__setstat_init(als__setstat *s);
void als__setstat_free(als__setstat *s);
/*
 * Add or remove applicant i. `where[j]` is the set of every applicant j;
 * pair weights count partners j with where[j] == self. `where[i]` itself is
 * never read, so the caller may update it before or after. Add returns false
 * when out of memory (the stat is then unchanged).
 */
bool als__setstat_add(als__setstat *s, const als_problem *p, size_t i,
                      const size_t *where, size_t self);
void als__setstat_remove(als__setstat *s, const als_problem *p, size_t i,
                         const size_t *where, size_t self);
/* The same without the pair weights, which the caller then keeps in
   pair_weight itself (the placement state does, from its pair sums).
   Removing and adding back the same applicant never allocates. */
bool als__setstat_add_counts(als__setstat *s, const als_problem *p, size_t i);
void als__setstat_remove_counts(als__setstat *s, const als_problem *p,
                                size_t i);
/* Seniority spread of the set (0 when fewer than two levels). */
int als__setstat_spread(const als__setstat *s);
/* Add the set's figures (penalty parts, unweighted) to *o. */
void als__setstat_figures(const als__setstat *s, const als_problem *p,
                          als_objective *o);
/* Weighted penalty of the set. */
double als__setstat_penalty(const als__setstat *s, const als_problem *p);

/*
 * The objective of a membership: where[i] = set index or ALS__NOIDX for each
 * applicant; `nsets` sets. `prev_set`, when not NULL, gives each applicant's
 * previous set (ALS__NOIDX = not continuing) in the same numbering, for the
 * re-run tiers. Units need not be whole. set_fixed (NULL: none) gives each
 * set's fixed set index or -1, for its target size (size_deviation).
 */
als_status als__objective_compute(const als_problem *p, const size_t *where,
                                  size_t nsets, const int *set_fixed,
                                  const size_t *prev_set, als_objective *out);
/* Weighted penalty from its parts. */
double als__objective_penalty(const als_problem *p, const als_objective *o);
/* Figures compare equal within a relative tolerance. */
bool als__figure_equal(double a, double b);

/* ---- re-runs of a programme in progress (rerun.c) ----------------- */

/* Members of set `s` of a previous allocation who continue: still in the
   cohort and not withdrawn. */
size_t als__prev_continuing(const als_problem *p, const als__aset *s);
/* The least size of a previous set (fixed set index or -1) that runs on
   with `continuing` members: its floor when at least that many continue
   (it may then shrink below its minimum), else its minimum. */
int als__running_min(const als_problem *p, int fixed, size_t continuing);
/* A unit whose council nomination is incomplete (a member withdrew) may
   still be placed, but only where it already is: the slot of its
   continuing members' previous set (`app_slot`: applicant -> previous slot,
   NOIDX when not continuing). NOIDX when the unit's nomination is complete
   or none of it continues; a value >= the number of slots when that set
   cannot open. */
size_t als__unit_running_slot(const als_problem *p, size_t u,
                              const size_t *app_slot);
/* Split, in a re-run's working copy q of a cohort, each unit holding both
   continuing members (app_slot[i] != NOIDX) and newcomers into the
   continuing ones and, attached to them, the newcomers (unit indices of
   the continuing parts unchanged, the newcomers' appended). q's units,
   unit_members and unit_orgs are replaced by arrays the caller frees
   (*units, *members, *orgs); its app must be a copy the caller owns.
   Returns the number of units split, or (size_t)-1 when out of memory
   (q unchanged). */
size_t als__rerun_split_units(als_problem *q, const size_t *app_slot,
                              als__unit **units, size_t **members, int **orgs);

/*
 * Facilitator changes of a re-run's allocation `a` against the previous
 * `prev`: for each previous set that had facilitators, each of them who no
 * longer leads it (to NULL: the set closed or has another) and, when it
 * runs on (a set of `a` with its id), each who now leads it and did not
 * (from NULL), reported to fn (may be NULL). Returns the number of running
 * sets whose facilitators changed (the tier facilitator_changes), -1 when
 * out of memory. The one definition for the solvers and the checker.
 */
typedef void (*als__fac_change_fn)(void *ctx, const char *fac, const char *from,
                                   const char *to);
long long als__facilitator_changes(const als_allocation *prev,
                                   const als_allocation *a,
                                   als__fac_change_fn fn, void *ctx);

/* ---- the calendar (calendar.c) ----------------------------------- */

/* "YYYY-MM-DD" (a real date, years 1900..9999) as days since 1970-01-01. */
bool als__parse_date(const char *s, long *days);
/* "HH:MM" (00:00..23:59) as minutes after midnight. */
bool als__parse_time(const char *s, int *minutes);
/* The weekday a day label names ("tue", "Tuesday", "Tuesday AM", "Tues"):
   1 = Monday .. 7 = Sunday, 0 when it names none. */
int als__label_weekday(const char *label);
/* Non-zero when libical's built-in database knows time zone `tzid`. */
bool als__timezone_known(const char *tzid);

/* Check allocation `a` against cohort `p` as als_report() does (report.c). */
als_status als__report_check(const als_problem *p, const als_allocation *a,
                             als_diag *diag, als_error *err);

#endif /* ALS_INTERNAL_H */
