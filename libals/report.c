/*
 * Reports: an allocation rendered for people. Plain text for a terminal
 * (lines of at most 80 columns), Markdown to paste into an e-mail, CSV for a
 * spreadsheet and one self-contained HTML page for screen and print. What
 * a report says is worked out first, by report_model.c (report.h): the
 * allocation checked, its sets named, each set's figures and bent rules.
 * This file only puts that into words and formats.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text lines are at most this many code points. */
#define TEXT_WIDTH 79

/* ---- output buffer ------------------------------------------------- */

/* The library's one string buffer (util.c), under short names. */
typedef als__sbuf buf;

static void put(buf *b, const char *s, size_t n)
{
    als__sbuf_put(b, s, n);
}
static void puts_(buf *b, const char *s)
{
    als__sbuf_puts(b, s);
}
#define putf als__sbuf_printf
static void buf_reset(buf *b)
{
    als__sbuf_reset(b);
}

static void buf_free(buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

static const char *buf_str(const buf *b)
{
    return als__sbuf_str(b);
}

/* ---- small helpers ------------------------------------------------- */

/* Shortest text of a figure ("8", "2.5", "0.3"), '.' whatever the locale. */
static void fmt_num(char *t, size_t cap, double v)
{
    if (v == 0)
        v = 0; /* no "-0" */
    snprintf(t, cap, "%.15g", v);
    for (char *c = t; *c; c++)
        if (*c == ',')
            *c = '.';
}

static void put_num(buf *b, double v)
{
    char t[40];
    fmt_num(t, sizeof t, v);
    puts_(b, t);
}

/* "two" for small counts, digits above twelve. */
static void put_count_word(buf *b, long long n)
{
    static const char *const words[] = {
        "no",    "one",   "two",  "three", "four",   "five",  "six",
        "seven", "eight", "nine", "ten",   "eleven", "twelve"};
    if (n >= 0 && n <= 12)
        puts_(b, words[n]);
    else
        putf(b, "%lld", n);
}

static const char *plural(long long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* A set's size in words: "4 members", or for a running set that shrank
   below its minimum "3 of 4 members: one place free" (sets of 4) or
   "5 members, one short of the minimum of 6" (sets of a range). With a
   target size: "10 members (target)", "11 members, one over the target of
   10", "9 members, one under the target of 10". */
static void put_set_size(buf *b, const als_problem *p, const char *id, size_t n)
{
    int fixed = als__problem_fixed_find(p, id), min, max;
    als__problem_bounds(p, fixed, &min, &max);
    static const char *const small[] = {"no",    "one",  "two",
                                        "three", "four", "five"};
    size_t gap = n < (size_t)min ? (size_t)min - n : 0;
    char count[24];
    if (gap < 6)
        snprintf(count, sizeof count, "%s", small[gap]);
    else
        snprintf(count, sizeof count, "%zu", gap);
    if (gap && min == max)
        putf(b, "%zu of %d members: %s %s free", n, min, count,
             plural((long long)gap, "place", "places"));
    else if (gap)
        putf(b, "%zu %s, %s short of the minimum of %d", n,
             plural((long long)n, "member", "members"), count, min);
    else
        putf(b, "%zu %s", n, plural((long long)n, "member", "members"));
    int target = als__problem_target(p, fixed);
    if (target == ALS_NONE || gap)
        return;
    if (n == (size_t)target) {
        puts_(b, " (target)");
        return;
    }
    size_t off = n > (size_t)target ? n - (size_t)target : (size_t)target - n;
    puts_(b, ", ");
    put_count_word(b, (long long)off);
    putf(b, " %s the target of %d", n > (size_t)target ? "over" : "under",
         target);
}

/* A level as the cohort names it, else its number; "" for none. */
static const char *level_text(const als_problem *p, int level, char *t,
                              size_t cap)
{
    if (level < 0)
        return "";
    if ((size_t)level < p->nlevels && p->level_names[level])
        return p->level_names[level];
    snprintf(t, cap, "%d", level);
    return t;
}

/* "the manager level" / "level 2". */
static void put_level_phrase(buf *b, const als_problem *p, int level)
{
    if ((size_t)level < p->nlevels && p->level_names[level])
        putf(b, "the %s level", p->level_names[level]);
    else
        putf(b, "level %d", level);
}

static bool ends_with_word(const char *s, const char *word)
{
    size_t n = strlen(s), w = strlen(word);
    if (n < w)
        return false;
    for (size_t k = 0; k < w; k++) {
        char c = s[n - w + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[k])
            return false;
    }
    return n == w || s[n - w - 1] == ' ' || s[n - w - 1] == '-';
}

/* ---- a set in words ----------------------------------------------- */

/* One set's figures and bent rules, as plain text. */
typedef struct set_info {
    buf sectors, seniority, orgs;
    buf bends; /* phrases, each ending in '\0' */
    size_t nbends;
    double penalty;
    buf penalty_text; /* the penalty, and the part no split avoids */
} set_info;

static const char *app_label(const als_problem *p, size_t i)
{
    return p->app[i].name ? p->app[i].name : p->app[i].id;
}

static void bend_end(set_info *si)
{
    put(&si->bends, "", 1);
    si->nbends++;
}

/* "a council pair", "two groups kept together", "council pairs and groups
   kept together" (with `count`; without it, no number). */
static void put_inside_units(buf *b, const inside_info *in, bool count)
{
    if (in->council && in->group) {
        puts_(b, "council pairs and groups kept together");
        return;
    }
    if (in->units == 1 && count) {
        puts_(b, in->council ? "a council pair" : "a group kept together");
        return;
    }
    if (count) {
        put_count_word(b, (long long)in->units);
        puts_(b, " ");
    }
    puts_(b, in->council ? "council pairs" : "groups kept together");
}

static void bend_inside(set_info *si, const inside_info *in)
{
    if (in->pairs == 0)
        return;
    puts_(&si->bends, ", including ");
    put_inside_units(&si->bends, in, true);
}

/* The figures and bent rules of set s, in words. */
static als_status set_info_fill(const rpt *r, size_t s, set_info *si,
                                set_facts *f)
{
    const als_problem *p = r->p;
    buf_reset(&si->sectors);
    buf_reset(&si->seniority);
    buf_reset(&si->orgs);
    buf_reset(&si->bends);
    buf_reset(&si->penalty_text);
    si->nbends = 0;
    als_status rc = als__set_facts_fill(r, s, f);
    if (rc != ALS_OK)
        return rc;
    si->penalty = f->penalty;
    char t1[16], t2[16];

    /* sectors */
    for (size_t k = 0; k < f->nsectors; k++)
        putf(&si->sectors, "%s%s %d", k ? ", " : "",
             p->sectors.display[f->sectors[k].key], f->sectors[k].cnt);
    if (f->without_sector > 0)
        putf(&si->sectors, "%s%lld without a sector", f->nsectors ? ", " : "",
             f->without_sector);

    /* organisations */
    putf(&si->orgs, "%lld", f->norgs);
    bool shared = false;
    for (size_t k = 0; k < f->nruns && f->runs[k].members >= 2; k++) {
        putf(&si->orgs, "%s%d from %s", shared ? ", " : " (",
             f->runs[k].members, p->orgs.display[f->runs[k].org]);
        shared = true;
    }
    if (shared)
        puts_(&si->orgs, ")");

    /* seniority */
    if (f->levels) {
        if (f->lo == f->hi && (size_t)f->lo < p->nlevels &&
            p->level_names[f->lo])
            putf(&si->seniority, "all %s (spread 0)", p->level_names[f->lo]);
        else if (f->lo == f->hi)
            putf(&si->seniority, "all at level %d (spread 0)", f->lo);
        else
            putf(&si->seniority, "%s to %s (spread %d)",
                 level_text(p, f->lo, t1, sizeof t1),
                 level_text(p, f->hi, t2, sizeof t2), f->spread);
        if (f->without_level > 0)
            putf(&si->seniority, ", %lld without a level", f->without_level);
    } else {
        puts_(&si->seniority, "no levels given");
    }

    /* the bent rules */
    for (size_t k = 0; k < f->nbends; k++) {
        const bend *b = &f->bends[k];
        const char *label;
        char w[40];
        switch (b->kind) {
        case BEND_SECTOR:
            label = p->sectors.display[b->key];
            put_count_word(&si->bends, b->members);
            putf(&si->bends, " members from the %s%s", label,
                 ends_with_word(label, "sector") ? "" : " sector");
            bend_inside(si, &b->inside);
            break;
        case BEND_ORG:
            put_count_word(&si->bends, b->members);
            putf(&si->bends, " members from %s", p->orgs.display[b->key]);
            break;
        case BEND_SPREAD:
            putf(&si->bends, "seniority spread %d %s, %s to %s (at best %lld",
                 b->spread, plural(b->spread, "level", "levels"),
                 level_text(p, b->lo, t1, sizeof t1),
                 level_text(p, b->hi, t2, sizeof t2), b->at_best);
            if (p->max_spread != ALS_NONE)
                putf(&si->bends, ", limit %d", p->max_spread);
            puts_(&si->bends, ")");
            break;
        case BEND_LEVEL:
            put_count_word(&si->bends, b->members);
            puts_(&si->bends, " members at ");
            put_level_phrase(&si->bends, p, b->key);
            bend_inside(si, &b->inside);
            break;
        case BEND_APART:
            fmt_num(w, sizeof w, b->weight);
            putf(&si->bends,
                 "%s and %s share the set (weight %s, to keep apart)",
                 app_label(p, b->a), app_label(p, b->b), w);
            break;
        }
        bend_end(si);
    }

    /* the penalty, and how much of it comes from units */
    put_num(&si->penalty_text, f->penalty);
    if (f->unavoidable > 0) {
        if (als__figure_equal(f->unavoidable, f->penalty)) {
            puts_(&si->penalty_text, ", all");
        } else {
            puts_(&si->penalty_text, ", of which ");
            put_num(&si->penalty_text, f->unavoidable);
        }
        puts_(&si->penalty_text, " from ");
        put_inside_units(&si->penalty_text, &f->holders, f->holders.units == 1);
        putf(&si->penalty_text, ", who share a %s%s%s and must share a set",
             f->inside_sector ? "sector" : "",
             f->inside_sector && f->inside_level ? " or a " : "",
             f->inside_level ? "level" : "");
    }
    if (si->sectors.nomem || si->seniority.nomem || si->orgs.nomem ||
        si->bends.nomem || si->penalty_text.nomem)
        return ALS_ENOMEM;
    return ALS_OK;
}

static void set_info_free(set_info *si)
{
    buf_free(&si->sectors);
    buf_free(&si->seniority);
    buf_free(&si->orgs);
    buf_free(&si->bends);
    buf_free(&si->penalty_text);
}

/* Iterate the bent-rule phrases of a set. */
static const char *bend_next(const set_info *si, const char *prev)
{
    if (!prev)
        return si->nbends ? si->bends.data : NULL;
    const char *next = prev + strlen(prev) + 1;
    return next < si->bends.data + si->bends.len ? next : NULL;
}

/* ---- lower bounds -------------------------------------------------- */

/* ---- validation ---------------------------------------------------- */

/* ---- shared wording ------------------------------------------------ */

static void put_status(buf *b, const rpt *r)
{
    const als_allocation *a = r->a;
    double bound, gap;
    switch (a->status) {
    case ALS_SOLVE_OPTIMAL:
        puts_(b, "the best possible (proven: no allocation of this cohort "
                 "does better)");
        break;
    case ALS_SOLVE_INFEASIBLE:
        puts_(b, "no allocation keeps every hard rule (the reasons are "
                 "listed with the unassigned)");
        break;
    case ALS_SOLVE_FEASIBLE:
        puts_(b, "valid");
        if (als_allocation_bound(a, &bound, &gap)) {
            puts_(b, " (no allocation of this cohort has a mix score below ");
            put_num(b, bound);
            puts_(b, ")");
        } else {
            puts_(b, " (not proven the best possible)");
        }
        break;
    }
    if (a->stop == ALS_STOP_TIME_LIMIT)
        puts_(b, "; the search stopped at its time limit");
    else if (a->stop == ALS_STOP_CANCELLED)
        puts_(b, "; the search was stopped early");
}

static void put_weight(buf *b, double w)
{
    puts_(b, "weight ");
    put_num(b, w);
}

/* The cohort's rules, in a line. */
static void put_rules(buf *b, const als_problem *p)
{
    switch (p->org_mode) {
    case ALS_ORG_DISTINCT:
        puts_(b, "never two members of a set from one organisation (a hard "
                 "rule)");
        break;
    case ALS_ORG_PREFER_DISTINCT:
        puts_(b, "organisations apart where possible (");
        put_weight(b, p->org_weight);
        puts_(b, ")");
        break;
    case ALS_ORG_IGNORE:
        puts_(b, "organisations ignored");
        break;
    }
    if (p->sector_mode == ALS_SECTOR_BALANCE) {
        puts_(b, "; sectors balanced (");
        put_weight(b, p->sector_weight);
        puts_(b, ")");
    } else {
        puts_(b, "; sectors ignored");
    }
    bool open = true;
    switch (p->sen_mode) {
    case ALS_SENIORITY_SIMILAR:
        puts_(b, "; seniority similar (");
        put_weight(b, p->sen_weight);
        break;
    case ALS_SENIORITY_MIXED:
        puts_(b, "; seniority mixed (");
        put_weight(b, p->sen_weight);
        break;
    case ALS_SENIORITY_IGNORE:
        puts_(b, "; seniority ignored");
        open = false;
        break;
    }
    if (p->max_spread != ALS_NONE) {
        putf(b, "%sat most %d %s apart, a hard rule", open ? "; " : " (",
             p->max_spread, plural(p->max_spread, "level", "levels"));
        open = true;
    }
    if (open)
        puts_(b, ")");
    if (p->npairs)
        putf(b, "; %zu %s to keep apart or together", p->npairs,
             plural((long long)p->npairs, "pair", "pairs"));
}

/* What the mix score is, said once (beside it in the overall figures). */
static const char mix_score_note[] =
    "the figures above, weighted by the rules and added up; lower is better";

/* One line of the overall figures: label, this allocation, at best, note. */
typedef struct figure {
    const char *label;
    char value[64];
    char best[48];
    char note[96];
} figure;

enum { MAX_FIGURES = 9 };

static size_t overall_figures(const rpt *r, figure *f)
{
    const als_problem *p = r->p;
    const als_objective *o = &r->obj;
    const als_objective *b = &r->best;
    bool bounds = r->a->nsets > 0;
    size_t n = 0;
    memset(f, 0, MAX_FIGURES * sizeof *f);
    f[n].label = "Placed";
    snprintf(f[n].value, sizeof f[n].value, "%lld of %zu", o->placed,
             p->nactive);
    snprintf(f[n].note, sizeof f[n].note, "in %zu %s", r->a->nsets,
             plural((long long)r->a->nsets, "set", "sets"));
    n++;
    f[n].label = "Unassigned";
    snprintf(f[n].value, sizeof f[n].value, "%zu", r->a->nunassigned);
    n++;
    if (r->priorities) {
        f[n].label = "Summed priority";
        snprintf(f[n].value, sizeof f[n].value, "%lld", o->priority);
        n++;
    }
    if (p->size_target != ALS_NONE) {
        f[n].label = "Size deviation";
        snprintf(f[n].value, sizeof f[n].value, "%lld", o->size_deviation);
        bool one = true; /* every set aims at the programme's target */
        for (size_t s = 0; s < p->nsets; s++)
            one &= als__problem_target(p, (int)s) == p->size_target;
        if (one)
            snprintf(f[n].note, sizeof f[n].note,
                     "%s away from the target size of %d",
                     plural(o->size_deviation, "member", "members"),
                     p->size_target);
        else
            snprintf(f[n].note, sizeof f[n].note,
                     "%s away from the sets' target sizes",
                     plural(o->size_deviation, "member", "members"));
        n++;
    }
    if (p->sector_mode == ALS_SECTOR_BALANCE) {
        f[n].label = "Same-sector pairs";
        fmt_num(f[n].value, sizeof f[n].value, o->sector_pairs);
        if (bounds)
            fmt_num(f[n].best, sizeof f[n].best, b->sector_pairs);
        n++;
    }
    if (p->org_mode == ALS_ORG_PREFER_DISTINCT) {
        f[n].label = "Same-organisation pairs";
        fmt_num(f[n].value, sizeof f[n].value, o->organisation_pairs);
        if (bounds)
            fmt_num(f[n].best, sizeof f[n].best, b->organisation_pairs);
        n++;
    }
    if (p->sen_mode == ALS_SENIORITY_SIMILAR) {
        f[n].label = "Seniority spread";
        fmt_num(f[n].value, sizeof f[n].value, o->seniority);
        if (bounds)
            fmt_num(f[n].best, sizeof f[n].best, b->seniority);
        snprintf(f[n].note, sizeof f[n].note, "levels, summed over the sets");
        n++;
    } else if (p->sen_mode == ALS_SENIORITY_MIXED) {
        f[n].label = "Same-level pairs";
        fmt_num(f[n].value, sizeof f[n].value, o->seniority);
        if (bounds)
            fmt_num(f[n].best, sizeof f[n].best, b->seniority);
        n++;
    }
    if (p->npairs) {
        f[n].label = "Listed pairs";
        fmt_num(f[n].value, sizeof f[n].value, o->pair_weight);
        if (bounds)
            fmt_num(f[n].best, sizeof f[n].best, b->pair_weight);
        snprintf(f[n].note, sizeof f[n].note,
                 "their weights, summed over the pairs sharing a set");
        n++;
    }
    f[n].label = "Mix score";
    fmt_num(f[n].value, sizeof f[n].value, o->penalty);
    if (bounds)
        fmt_num(f[n].best, sizeof f[n].best, r->best_penalty);
    snprintf(f[n].note, sizeof f[n].note, "%s", mix_score_note);
    n++;
    return n;
}

static void put_best_note(buf *b, const rpt *r)
{
    putf(b,
         "At best: the least any split of these %lld placed applicants into "
         "sets of these sizes could reach, figure by figure",
         r->obj.placed);
    if (r->inside_sector > 0 || r->inside_level > 0) {
        puts_(b, ", counting the ");
        if (r->inside_sector > 0)
            putf(b, "%lld same-sector %s", r->inside_sector,
                 plural(r->inside_sector, "pair", "pairs"));
        if (r->inside_sector > 0 && r->inside_level > 0)
            puts_(b, " and ");
        if (r->inside_level > 0)
            putf(b, "%lld same-level %s", r->inside_level,
                 plural(r->inside_level, "pair", "pairs"));
        puts_(b, " within ");
        put_inside_units(b, &r->inside, r->inside.units == 1);
        puts_(b, ", who must share a set");
    }
    puts_(b, " (a lower bound: days, units and the other rules may not "
             "allow it).");
}

static const char stale_note[] =
    "The figures here are worked out again from who is in which set; the "
    "figures recorded in the allocation file differ.";

static void put_summary(buf *b, const rpt *r)
{
    const als_problem *p = r->p;
    putf(b, "%lld of %zu applicants placed in %zu %s", r->obj.placed,
         p->nactive, r->a->nsets,
         plural((long long)r->a->nsets, "set", "sets"));
    if (p->size_target != ALS_NONE && r->a->nsets > 0) {
        /* "sets of 10 (target)" when every set is of the target size */
        bool all = true;
        for (size_t s = 0; s < r->a->nsets; s++)
            all &= r->member_off[s + 1] - r->member_off[s] ==
                   (size_t)p->size_target;
        if (all)
            putf(b, " of %d (target)", p->size_target);
        else
            putf(b, ", %lld %s away from the target size",
                 r->obj.size_deviation,
                 plural(r->obj.size_deviation, "member", "members"));
    }
    putf(b, "; %zu unassigned.", r->a->nunassigned);
}

/* The fields of applicant i: id, name, organisation, sector, level. */
/* The fields of applicant i: id, name, organisation, sector, level, and
   with council pairs the role (officer, councillor), the last column of
   the member tables then (member_fields()). */
enum { F_ID, F_NAME, F_ORG, F_SECTOR, F_LEVEL, F_ROLE, NFIELDS };
static const char *const field_names[NFIELDS] = {
    "ID", "Name", "Organisation", "Sector", "Level", "Role"};

/* The columns of a member table: with the role only when the cohort pairs
   councils' officers and councillors (council pairs on, and some applicant
   an officer or a councillor). */
static int member_fields(const als_problem *p)
{
    if (p->council_pairs)
        for (size_t i = 0; i < p->n; i++)
            if (p->app[i].role == ALS__ROLE_OFFICER ||
                p->app[i].role == ALS__ROLE_COUNCILLOR)
                return NFIELDS;
    return F_ROLE;
}

static void app_fields(const als_problem *p, size_t i, const char **f,
                       char *lvl, size_t cap, const char *none)
{
    const als__applicant *ap = &p->app[i];
    f[F_ID] = ap->id;
    f[F_NAME] = ap->name ? ap->name : none;
    f[F_ORG] = ap->org >= 0 ? p->orgs.display[ap->org] : none;
    f[F_SECTOR] = ap->sector >= 0 ? p->sectors.display[ap->sector] : none;
    f[F_LEVEL] = ap->level >= 0 ? level_text(p, ap->level, lvl, cap) : none;
    f[F_ROLE] = ap->role == ALS__ROLE_OFFICER      ? "officer"
                : ap->role == ALS__ROLE_COUNCILLOR ? "councillor"
                                                   : none;
}

static const char *title_of(const als_problem *p)
{
    return p->name && p->name[0] ? p->name : "Allocation report";
}

/* ---- plain text ---------------------------------------------------- */

/* Length in bytes of the UTF-8 sequence starting with c. */
static size_t seq_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Code points in s[0..n). */
static size_t cp_count(const char *s, size_t n)
{
    size_t cps = 0;
    for (size_t k = 0; k < n; k++)
        if (((unsigned char)s[k] & 0xC0) != 0x80)
            cps++;
    return cps;
}

/* Bytes of the first `cps` code points of s[0..n). */
static size_t cp_bytes(const char *s, size_t n, size_t cps)
{
    size_t k = 0;
    while (k < n && cps > 0) {
        size_t l = seq_len((unsigned char)s[k]);
        k = k + l > n ? n : k + l;
        cps--;
    }
    return k;
}

/* Copy s[0..n), control characters as spaces. */
static void put_plain(buf *b, const char *s, size_t n)
{
    const char *run = s;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x20 && c != 0x7F)
            continue;
        put(b, run, (size_t)(s + k - run));
        put(b, " ", 1);
        run = s + k + 1;
    }
    put(b, run, (size_t)(s + n - run));
}

static void put_spaces(buf *b, size_t n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        size_t c = n < sizeof sp - 1 ? n : sizeof sp - 1;
        put(b, sp, c);
        n -= c;
    }
}

/* s in exactly w columns: padded, or cut with an ellipsis. */
static void put_cell(buf *b, const char *s, size_t w, bool pad)
{
    size_t n = strlen(s), cps = cp_count(s, n);
    if (cps <= w) {
        put_plain(b, s, n);
        if (pad)
            put_spaces(b, w - cps);
        return;
    }
    put_plain(b, s, cp_bytes(s, n, w ? w - 1 : 0));
    if (w)
        puts_(b, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
}

/*
 * Write `text` wrapped at TEXT_WIDTH. The cursor is at column `col` (after
 * a prefix the caller wrote); later lines start at column `indent`. Runs
 * of spaces are kept within a line (for alignment) and dropped at a break;
 * a word too long for a line is split. Ends the last line.
 */
static void put_wrapped(buf *b, const char *text, size_t col, size_t indent)
{
    bool line_empty = true; /* nothing but the prefix or indentation yet */
    while (*text) {
        size_t sp = strspn(text, " ");
        text += sp;
        if (!*text)
            break;
        size_t wlen = strcspn(text, " ");
        size_t wcps = cp_count(text, wlen);
        if (!line_empty && col + sp + wcps > TEXT_WIDTH) {
            put(b, "\n", 1);
            put_spaces(b, indent);
            col = indent;
            sp = 0;
        }
        put_spaces(b, sp);
        col += sp;
        while (col + wcps > TEXT_WIDTH) { /* longer than a whole line */
            size_t fit = col < TEXT_WIDTH ? TEXT_WIDTH - col : 0;
            size_t bytes = cp_bytes(text, wlen, fit);
            put_plain(b, text, bytes);
            text += bytes;
            wlen -= bytes;
            wcps -= fit;
            put(b, "\n", 1);
            put_spaces(b, indent);
            col = indent;
        }
        put_plain(b, text, wlen);
        text += wlen;
        col += wcps;
        line_empty = false;
    }
    put(b, "\n", 1);
}

static void put_heading_text(buf *b, const char *title, char underline)
{
    put_wrapped(b, title, 0, 0);
    size_t n = cp_count(title, strlen(title));
    if (n > TEXT_WIDTH)
        n = TEXT_WIDTH;
    for (size_t k = 0; k < n; k++)
        put(b, &underline, 1);
    put(b, "\n", 1);
}

/*
 * The next line of a cell wrapped in w columns: from s (leading blanks
 * skipped), as many words as fit, or the start of a word longer than a
 * line (to a hyphen where it can). Returns its start; *len gets its length
 * in bytes, *rest where the following line starts.
 */
static const char *wrap_next(const char *s, size_t w, size_t *len,
                             const char **rest)
{
    s += strspn(s, " ");
    const char *end = s, *t = s;
    size_t col = 0;
    while (*t) {
        size_t sp = strspn(t, " ");
        const char *word = t + sp;
        if (!*word)
            break;
        size_t wl = strcspn(word, " ");
        size_t wc = cp_count(word, wl);
        if (end == s && wc > w) {
            /* a word longer than the column: split after its last hyphen
               that fits, else where the column ends */
            size_t fit = cp_bytes(word, wl, w ? w : 1), cut = fit;
            while (cut > 1 && word[cut - 1] != '-')
                cut--;
            end = word + (cut > 1 ? cut : fit);
            break;
        }
        if (col + (end == s ? 0 : sp) + wc > w)
            break;
        col += (end == s ? 0 : sp) + wc;
        end = t = word + wl;
    }
    *len = (size_t)(end - s);
    *rest = end;
    return s;
}

/* Lines a cell takes wrapped in w columns (at least one). */
static size_t wrap_count(const char *s, size_t w)
{
    size_t n = 0, len;
    const char *rest;
    do {
        wrap_next(s, w, &len, &rest);
        s = rest;
        n++;
    } while (s[strspn(s, " ")]);
    return n;
}

/* Most code points of a member table's ID column; a longer ID is cut. */
#define ID_WIDTH 12

/*
 * Column widths of the member tables, to fit TEXT_WIDTH. Every column
 * takes its widest entry when they all fit. Otherwise the ID takes up to
 * ID_WIDTH (cut beyond), and the name, organisation, sector and level
 * share the rest, their entries wrapped within their column (so none is
 * cut, and two different ones never read the same): of the widths from
 * the heading's or longest word's to the widest entry, those that take
 * the fewest lines in all, then wrap the fewest entries, then give the
 * name and then the organisation the most room.
 */
static als_status text_widths(const rpt *r, size_t *w)
{
    const als_problem *p = r->p;
    const size_t indent = 2, gap = 2;
    const size_t rows = r->member_off[r->a->nsets];
    char lvl[16];
    const char *f[NFIELDS];
    size_t lo[NFIELDS];
    const int nf = member_fields(p);
    for (int c = 0; c < NFIELDS; c++)
        w[c] = lo[c] = strlen(field_names[c]);
    for (size_t k = 0; k < rows; k++) {
        app_fields(p, r->member[k], f, lvl, sizeof lvl, "-");
        for (int c = 0; c < NFIELDS; c++) {
            size_t n = cp_count(f[c], strlen(f[c]));
            if (n > w[c])
                w[c] = n;
        }
    }
    const size_t budget = TEXT_WIDTH - indent - gap * (size_t)(nf - 1);
    size_t sum = 0;
    for (int c = 0; c < nf; c++)
        sum += w[c];
    if (sum <= budget)
        return ALS_OK;
    if (w[F_ID] > ID_WIDTH)
        w[F_ID] = ID_WIDTH;
    /* the four wrapped columns share what the ID and role leave */
    size_t room = budget - w[F_ID] - (nf > F_ROLE ? w[F_ROLE] : 0);
    /* a column is at least as wide as its longest word, up to a quarter
       of the room (a longer word is split) */
    for (size_t k = 0; k < rows; k++) {
        app_fields(p, r->member[k], f, lvl, sizeof lvl, "-");
        for (int c = F_NAME; c <= F_LEVEL; c++)
            for (const char *t = f[c]; *t;) {
                t += strspn(t, " ");
                size_t wl = strcspn(t, " ");
                size_t n = cp_count(t, wl);
                if (n > room / 4)
                    n = room / 4;
                if (n > lo[c])
                    lo[c] = n;
                t += wl;
            }
    }

    /* lines[(k * 4 + c - 1) * span + x]: row k's column c wrapped in
       lo[c] + x columns */
    size_t span = 0, hi[NFIELDS];
    for (int c = F_NAME; c <= F_LEVEL; c++) {
        hi[c] = w[c] < room ? w[c] : room;
        if (hi[c] - lo[c] + 1 > span)
            span = hi[c] - lo[c] + 1;
    }
    unsigned short *lines = NULL;
    if (rows > 0 && rows <= SIZE_MAX / 4 / span)
        lines = als__malloc(rows * 4 * span, sizeof *lines);
    if (!lines)
        return rows > 0 ? ALS_ENOMEM : ALS_OK;
    for (size_t k = 0; k < rows; k++) {
        app_fields(p, r->member[k], f, lvl, sizeof lvl, "-");
        for (int c = F_NAME; c <= F_LEVEL; c++)
            for (size_t x = lo[c]; x <= hi[c]; x++) {
                size_t n = wrap_count(f[c], x);
                lines[(k * 4 + (size_t)c - 1) * span + x - lo[c]] =
                    (unsigned short)(n < 65535 ? n : 65535);
            }
    }
    /* every split of the room, in steps that keep the work bounded */
    size_t tries = (hi[F_NAME] - lo[F_NAME] + 1) * (hi[F_ORG] - lo[F_ORG] + 1) *
                   (hi[F_SECTOR] - lo[F_SECTOR] + 1);
    size_t step = 1;
    while (step < 64 && tries / (step * step * step) > 20000000 / rows)
        step++;
    /* the fallback (not needed while the headings fit): the least of each,
       the rest to the organisation */
    size_t bw[NFIELDS];
    memcpy(bw, lo, sizeof bw);
    bw[F_ID] = w[F_ID];
    bw[F_ROLE] = w[F_ROLE];
    bw[F_ORG] = room - lo[F_NAME] - lo[F_SECTOR] - lo[F_LEVEL];
    /* the fewest lines, then the fewest entries wrapped; of those, the
       first with the widest name, then organisation, then sector */
    size_t best = SIZE_MAX, best_wrapped = SIZE_MAX;
    for (size_t wn = hi[F_NAME];;
         wn = wn >= lo[F_NAME] + step ? wn - step : lo[F_NAME]) {
        for (size_t wo = hi[F_ORG];;
             wo = wo >= lo[F_ORG] + step ? wo - step : lo[F_ORG]) {
            for (size_t ws = hi[F_SECTOR];;
                 ws = ws >= lo[F_SECTOR] + step ? ws - step : lo[F_SECTOR]) {
                size_t used = wo + wn + ws;
                if (used + lo[F_LEVEL] <= room) {
                    size_t wl = room - used;
                    if (wl > hi[F_LEVEL])
                        wl = hi[F_LEVEL];
                    const size_t x[NFIELDS] = {
                        0, wn - lo[F_NAME], wo - lo[F_ORG], ws - lo[F_SECTOR],
                        wl - lo[F_LEVEL]};
                    size_t total = 0, wrapped = 0;
                    for (size_t k = 0; k < rows && total <= best; k++) {
                        size_t most = 1;
                        for (int c = F_NAME; c <= F_LEVEL; c++) {
                            size_t n =
                                lines[(k * 4 + (size_t)c - 1) * span + x[c]];
                            wrapped += n > 1;
                            if (n > most)
                                most = n;
                        }
                        total += most;
                    }
                    if (total < best ||
                        (total == best && wrapped < best_wrapped)) {
                        best = total;
                        best_wrapped = wrapped;
                        bw[F_NAME] = wn;
                        bw[F_ORG] = wo;
                        bw[F_SECTOR] = ws;
                        bw[F_LEVEL] = wl;
                    }
                }
                if (ws == lo[F_SECTOR])
                    break;
            }
            if (wo == lo[F_ORG])
                break;
        }
        if (wn == lo[F_NAME])
            break;
    }
    free(lines);
    memcpy(w, bw, sizeof bw);
    return ALS_OK;
}

static void put_row_text(buf *b, const char *const *f, const size_t *w, int nf)
{
    const char *at[NFIELDS];
    for (int c = 0; c < NFIELDS; c++)
        at[c] = f[c];
    for (bool first = true;; first = false) {
        bool more = false;
        for (int c = F_NAME; c <= F_LEVEL; c++)
            more |= at[c][strspn(at[c], " ")] != '\0';
        if (!first && !more)
            break;
        put_spaces(b, 2);
        for (int c = 0; c < nf; c++) {
            bool pad = c + 1 < nf;
            if (c == F_ID || c == F_ROLE) {
                put_cell(b, first ? f[c] : "", w[c], pad);
            } else {
                size_t len;
                const char *line = wrap_next(at[c], w[c], &len, &at[c]);
                size_t cps = cp_count(line, len);
                put_plain(b, line, len);
                if (pad)
                    put_spaces(b, w[c] > cps ? w[c] - cps : 0);
            }
            if (pad)
                put_spaces(b, 2);
        }
        /* no trailing blanks */
        while (b->len && b->data[b->len - 1] == ' ')
            b->data[--b->len] = '\0';
        put(b, "\n", 1);
    }
}

/* "h12 Laura Finch" for a line of text. */
static void who(buf *b, const als_problem *p, size_t i, const char *id)
{
    if (i == ALS__NOIDX) {
        puts_(b, id);
        return;
    }
    puts_(b, p->app[i].id);
    if (p->app[i].name) {
        puts_(b, " ");
        puts_(b, p->app[i].name);
    }
}

/* A labelled paragraph: "  Label: text", wrapped. */
static void put_labelled(buf *b, buf *line, const char *label, const char *text,
                         size_t indent)
{
    buf_reset(line);
    put_spaces(line, indent);
    puts_(line, label);
    puts_(line, ": ");
    puts_(line, text);
    put_wrapped(b, buf_str(line), 0, indent + 2);
}

/* A person to tell: "Name <e-mail>", the name alone, or the id; a
   facilitator's as "Name (facilitator) <e-mail>". */
static void put_contact(buf *b, const als_problem *p, size_t i, const char *id)
{
    size_t f =
        i == ALS__NOIDX ? als_problem_find_facilitator(p, id) : ALS__NOIDX;
    if (f != ALS__NOIDX) {
        puts_(b, p->fac[f].name ? p->fac[f].name : id);
        puts_(b, " (facilitator)");
        if (p->fac[f].email) {
            puts_(b, " <");
            puts_(b, p->fac[f].email);
            puts_(b, ">");
        }
        return;
    }
    if (i == ALS__NOIDX) {
        puts_(b, id);
        return;
    }
    puts_(b, p->app[i].name ? p->app[i].name : p->app[i].id);
    if (p->app[i].email) {
        puts_(b, " <");
        puts_(b, p->app[i].email);
        puts_(b, ">");
    }
}

/*
 * A re-run's news for set s, the people to tell: who is new in it (joined,
 * or moved in: "(from S2)"), who left it (withdrew, moved out: "(to S4)",
 * or gone) and who continues, each list comma-separated in `fresh`, `gone`
 * and `stay`. False when nothing changed in s.
 */
static bool set_news(const rpt *r, size_t s, buf *fresh, buf *gone, buf *stay)
{
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    const char *id = a->sets[s].id;
    buf_reset(fresh);
    buf_reset(gone);
    buf_reset(stay);
    for (size_t k = r->member_off[s]; k < r->member_off[s + 1]; k++) {
        size_t i = r->member[k];
        size_t c = r->change_of[i];
        buf *to = c == ALS__NOIDX ? stay : fresh;
        if (to->len)
            puts_(to, ", ");
        put_contact(to, p, i, p->app[i].id);
        if (c != ALS__NOIDX && a->changes[c].from)
            putf(to, " (from %s)", als__rpt_set_ref(r, a->changes[c].from));
    }
    /* a facilitator who now leads it */
    for (size_t k = 0; id && k < a->nchanges; k++) {
        const als__change *c = &a->changes[k];
        if (c->from || !c->to || strcmp(c->to, id) != 0 ||
            als_problem_find(p, c->id) != ALS__NOIDX)
            continue;
        if (fresh->len)
            puts_(fresh, ", ");
        put_contact(fresh, p, ALS__NOIDX, c->id);
    }
    for (size_t k = 0; id && k < a->nchanges; k++) {
        const als__change *c = &a->changes[k];
        if (!c->from || strcmp(c->from, id) != 0)
            continue;
        if (gone->len)
            puts_(gone, ", ");
        put_contact(gone, p, als_problem_find(p, c->id), c->id);
        if (c->to)
            putf(gone, " (to %s)", als__rpt_set_ref(r, c->to));
    }
    return fresh->len || gone->len;
}

/* "tue or thu", "any day", or "no day" for a group's days. */
static void put_group_days(buf *b, const als_problem *p, uint64_t days)
{
    if (days == ~(uint64_t)0) {
        puts_(b, "any day");
        return;
    }
    size_t n = 0, total = 0;
    for (size_t d = 0; d < p->days.n && d < 64; d++)
        total += (days >> d) & 1;
    if (!total) {
        puts_(b, "no day");
        return;
    }
    for (size_t d = 0; d < p->days.n && d < 64; d++)
        if ((days >> d) & 1) {
            puts_(b, n == 0 ? "" : n + 1 == total ? " or " : ", ");
            puts_(b, p->days.display[d]);
            n++;
        }
}

/* "S1, S3 or S4": where a freed place could be theirs ("" for none). */
static void put_standby(buf *b, const rpt *r, const als__unassigned *u)
{
    for (size_t j = 0; j < u->nstandby; j++) {
        puts_(b, j == 0 ? "" : j + 1 == u->nstandby ? " or " : ", ");
        puts_(b, als__rpt_set_ref(r, u->standby[j]));
    }
}

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* A reason as the report says it: each id of a set libals made up ("such
   as S7", "in set 'S4'") replaced by the set's name ("such as Set 3", "in
   Set 1"); "no reason given" for none. */
static void put_reason(buf *b, const rpt *r, const char *text)
{
    if (!text || !text[0]) {
        puts_(b, "no reason given");
        return;
    }
    const char *run = text;
    for (const char *c = text; *c; c++) {
        if (*c != 'S' || (c > text && word_char(c[-1])))
            continue;
        size_t len = 1;
        while (c[len] >= '0' && c[len] <= '9')
            len++;
        char id[24];
        if (len == 1 || len >= sizeof id || word_char(c[len]))
            continue;
        memcpy(id, c, len);
        id[len] = '\0';
        if (!als__rpt_made_up_id(r->p, id))
            continue;
        put(b, run, (size_t)(c - run));
        /* "set 'S4'" reads "Set 1", not "set 'Set 1'" */
        bool quoted = c - run >= 5 && strncmp(c - 5, "set '", 5) == 0 &&
                      c[len] == '\'' && !b->nomem && b->len >= 5;
        if (quoted)
            b->data[b->len -= 5] = '\0';
        puts_(b, als__rpt_set_ref(r, id));
        c += len - 1 + quoted;
        run = c + 1;
    }
    puts_(b, run);
}

/* The waiting list's preamble: its order, and each reason once with the
   places in the list it applies to ("1, 2, 5"). */
static void put_reason_places(buf *b, const rpt *r, size_t q)
{
    size_t n = 0;
    for (size_t k = 0; k < r->a->nunassigned; k++)
        if (r->wait_reason[k] == q)
            putf(b, "%s%zu", n++ ? ", " : "", k + 1);
}

static const char waiting_order[] =
    "In order: highest priority first, then in the cohort's order (as they "
    "applied, for a sheet in order of submission). The number is each "
    "one's place on the list.";

typedef struct render {
    const rpt *r;
    buf *out;
    buf line, line2;       /* scratch */
    buf fresh, gone, stay; /* a set's news (set_news) */
    set_info si;
    set_facts facts;
} render;

static als_status info(render *x, size_t s)
{
    return set_info_fill(x->r, s, &x->si, &x->facts);
}

static void render_free(render *x)
{
    buf_free(&x->line);
    buf_free(&x->line2);
    buf_free(&x->fresh);
    buf_free(&x->gone);
    buf_free(&x->stay);
    set_info_free(&x->si);
    als__set_facts_free(&x->facts);
}

/* The reason of a change, unless it only repeats its kind ("joined"). */
static const char *change_reason(const als__change *c)
{
    static const char *const plain[] = {"moved", "joined", "left"};
    if (!c->reason || !c->reason[0])
        return NULL;
    for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++)
        if (strcmp(c->reason, plain[k]) == 0)
            return NULL;
    return c->reason;
}

/* Which changes a group holds: moved, joined, left. */
enum { CH_MOVED, CH_JOINED, CH_LEFT };

static int change_kind(const als__change *c)
{
    return c->from && c->to ? CH_MOVED : c->to ? CH_JOINED : CH_LEFT;
}

static const char *const change_titles[] = {"Moved", "Joined", "Left"};

/* Column heads of a table of changes of one kind; returns their number. */
static size_t change_head(int kind, const char **head)
{
    size_t n = 0;
    head[n++] = "ID";
    head[n++] = "Name";
    if (kind == CH_MOVED) {
        head[n++] = "From";
        head[n++] = "To";
    } else {
        head[n++] = kind == CH_JOINED ? "Set" : "Was in";
    }
    head[n++] = "Reason";
    return n;
}

/* The name of whoever a change is about: an applicant's, or a
   facilitator's followed by " (facilitator)" (into `scratch`); "" for
   none. */
static const char *change_name(const rpt *r, const char *id, buf *scratch)
{
    const als_problem *p = r->p;
    size_t i = als_problem_find(p, id);
    if (i != ALS__NOIDX)
        return p->app[i].name ? p->app[i].name : "";
    size_t f = als_problem_find_facilitator(p, id);
    if (f == ALS__NOIDX)
        return "";
    buf_reset(scratch);
    if (p->fac[f].name) {
        puts_(scratch, p->fac[f].name);
        puts_(scratch, " ");
    }
    puts_(scratch, "(facilitator)");
    return buf_str(scratch);
}

/* The cells of a change, as change_head() names them (the name and the
   reason written into the two scratch buffers). */
static void change_cells(const rpt *r, const als__change *c, const char **cells,
                         buf *name, buf *reason)
{
    size_t n = 0;
    cells[n++] = c->id;
    cells[n++] = change_name(r, c->id, name);
    if (c->from)
        cells[n++] = als__rpt_set_ref(r, c->from);
    if (c->to)
        cells[n++] = als__rpt_set_ref(r, c->to);
    buf_reset(reason);
    if (change_reason(c))
        put_reason(reason, r, change_reason(c));
    cells[n++] = buf_str(reason);
}

static size_t change_count(const rpt *r, int kind)
{
    return kind == CH_MOVED    ? r->nmoved
           : kind == CH_JOINED ? r->njoined
                               : r->nleft;
}

/* ---- sessions and contacts ----------------------------------------- */

static const char *const weekday_abbr[8] = {"",    "Mon", "Tue", "Wed",
                                            "Thu", "Fri", "Sat", "Sun"};

/* Session k as set s meets it; false when the set's day does not date it
   (or there is no calendar). One definition: als_problem_session_on(). */
static bool set_session(const rpt *r, size_t s, size_t k, als_dated_session *ds)
{
    return als_problem_session_on(r->p, k, r->a->sets[s].day, ds) == 1;
}

/* "2021-02-02" */
static void put_iso_date(buf *b, const als_dated_session *ds)
{
    putf(b, "%04d-%02d-%02d", ds->year, ds->month, ds->day);
}

/* "10:00-12:00", "(next day)" after an end past midnight */
static void put_session_time(buf *b, const als_dated_session *ds)
{
    int end = ds->start + ds->minutes;
    putf(b, "%02d:%02d-%02d:%02d%s", ds->start / 60, ds->start % 60,
         (end / 60) % 24, end % 60, end >= 1440 ? " (next day)" : "");
}

/* "2021-02-02 Tue 10:00-12:00" */
static void put_session_when(buf *b, const als_dated_session *ds)
{
    put_iso_date(b, ds);
    putf(b, " %s ", weekday_abbr[ds->weekday]);
    put_session_time(b, ds);
}

/* The set's session dates, "2021-02-02; 2021-03-09". */
static void put_set_dates(buf *b, const rpt *r, size_t s)
{
    bool first = true;
    for (size_t k = 0; k < r->p->nsessions; k++) {
        als_dated_session ds;
        if (!set_session(r, s, k, &ds))
            continue;
        if (!first)
            puts_(b, "; ");
        first = false;
        put_iso_date(b, &ds);
    }
}

/* The number of sessions set s meets. */
static size_t set_session_count(const rpt *r, size_t s)
{
    size_t n = 0;
    for (size_t k = 0; k < r->p->nsessions; k++) {
        als_dated_session ds;
        n += set_session(r, s, k, &ds);
    }
    return n;
}

/*
 * "mailto:" and every e-mail the cohort gives for set s's facilitators and
 * members, comma-
 * separated, each percent-encoded (RFC 3986: all but unreserved characters,
 * '@' and the sub-delimiters that need no encoding in a mailto: address),
 * so that it can stand in an HTML attribute or a Markdown link. False
 * (and nothing written) when no member has an e-mail.
 */
static bool put_mailto(buf *b, const rpt *r, size_t s)
{
    static const char hex[] = "0123456789ABCDEF";
    bool any = false;
    size_t nf = r->a->sets[s].nfac;
    size_t nm = r->member_off[s + 1] - r->member_off[s];
    for (size_t k = 0; k < nf + nm; k++) {
        const char *e = NULL;
        if (k < nf) { /* its facilitators too */
            size_t f = als_problem_find_facilitator(r->p, r->a->sets[s].fac[k]);
            e = f != ALS__NOIDX ? r->p->fac[f].email : NULL;
        } else {
            e = r->p->app[r->member[r->member_off[s] + k - nf]].email;
        }
        if (!e || !*e)
            continue;
        puts_(b, any ? "," : "mailto:");
        any = true;
        for (const unsigned char *c = (const unsigned char *)e; *c; c++) {
            bool keep = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                        (*c >= '0' && *c <= '9') || strchr("-._~@!$*+;=", *c);
            if (keep) {
                put(b, (const char *)c, 1);
            } else {
                char t[3] = {'%', hex[*c >> 4], hex[*c & 15]};
                put(b, t, 3);
            }
        }
    }
    return any;
}

/*
 * THE FACILITATORS OF A SET: the one place every format takes them from,
 * for the line "Facilitator: NAME (email)" (several: "Facilitators: NAME
 * (email), NAME (email)") under the set's heading, at the top of its page
 * when printed. They come from the allocation's set (r->a->sets[s],
 * als__aset: the ids of its facilitators, each found among the cohort's
 * facilitators for the name and e-mail). Gives the k-th facilitator of
 * set s (*email NULL for none) and returns true; false past the last (a
 * cohort without facilitators: no set has one, nothing is written).
 */
static bool set_facilitator(const rpt *r, size_t s, size_t k, const char **name,
                            const char **email)
{
    const char *id = als_allocation_set_facilitator(r->a, s, k);
    *name = NULL;
    *email = NULL;
    if (!id)
        return false;
    size_t f = als_problem_find_facilitator(r->p, id);
    *name = f != ALS__NOIDX && als_problem_facilitator_name(r->p, f)
                ? als_problem_facilitator_name(r->p, f)
                : id;
    *email = f != ALS__NOIDX ? als_problem_facilitator_email(r->p, f) : NULL;
    return true;
}

/* "Facilitator: NAME (email)", or "Facilitators: ..." for several; false
   (nothing written) for none. */
static bool put_facilitator(buf *b, const rpt *r, size_t s)
{
    const char *name, *email;
    size_t n = 0;
    while (set_facilitator(r, s, n, &name, &email))
        n++;
    for (size_t k = 0; k < n; k++) {
        set_facilitator(r, s, k, &name, &email);
        puts_(b, k ? ", " : n == 1 ? "Facilitator: " : "Facilitators: ");
        puts_(b, name ? name : "");
        if (email && email[0]) {
            puts_(b, " (");
            puts_(b, email);
            puts_(b, ")");
        }
    }
    return n > 0;
}

static als_status render_text(render *x)
{
    const rpt *r = x->r;
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    buf *b = x->out;
    buf *line = &x->line;
    size_t w[NFIELDS];
    als_status wrc = text_widths(r, w);
    if (wrc != ALS_OK)
        return wrc;

    put_heading_text(b, title_of(p), '=');
    buf_reset(line);
    put_summary(line, r);
    put_wrapped(b, buf_str(line), 0, 0);
    buf_reset(line);
    puts_(line, "Status: ");
    put_status(line, r);
    put_wrapped(b, buf_str(line), 0, 2);
    buf_reset(line);
    puts_(line, "Rules: ");
    put_rules(line, p);
    put_wrapped(b, buf_str(line), 0, 2);
    if (r->stale)
        put_wrapped(b, stale_note, 0, 0);

    put(b, "\n", 1);
    put_heading_text(b, "Overall", '-');
    figure f[MAX_FIGURES];
    size_t nf = overall_figures(r, f);
    size_t lw = 0;
    for (size_t k = 0; k < nf; k++)
        if (strlen(f[k].label) > lw)
            lw = strlen(f[k].label);
    for (size_t k = 0; k < nf; k++) {
        buf_reset(line);
        put_spaces(line, 2);
        puts_(line, f[k].label);
        put_spaces(line, lw - strlen(f[k].label) + 2);
        puts_(line, f[k].value);
        if (f[k].note[0]) {
            puts_(line, " ");
            puts_(line, f[k].note);
        }
        if (f[k].best[0]) {
            puts_(line, " (at best ");
            puts_(line, f[k].best);
            puts_(line, ")");
        }
        put_wrapped(b, buf_str(line), 0, lw + 4);
    }
    if (a->nsets) {
        buf_reset(line);
        puts_(line, "  ");
        put_best_note(line, r);
        put_wrapped(b, buf_str(line), 0, 2);
    }

    char lvl[16];
    const char *fields[NFIELDS];
    for (size_t o = 0; o < a->nsets; o++) {
        size_t s = r->order[o];
        als_status rc = info(x, s);
        if (rc != ALS_OK)
            return rc;
        size_t n = r->member_off[s + 1] - r->member_off[s];
        buf_reset(line);
        puts_(line, r->set_name[s]);
        if (a->sets[s].day) {
            puts_(line, ", ");
            puts_(line, a->sets[s].day);
        }
        puts_(line, ", ");
        put_set_size(line, p, a->sets[s].id, n);
        put(b, "\n", 1);
        put_heading_text(b, buf_str(line), '-');
        buf_reset(line);
        puts_(line, "  ");
        if (put_facilitator(line, r, s))
            put_wrapped(b, buf_str(line), 0, 4);
        put_row_text(b, field_names, w, member_fields(p));
        for (size_t k = 0; k < n; k++) {
            app_fields(p, r->member[r->member_off[s] + k], fields, lvl,
                       sizeof lvl, "-");
            put_row_text(b, fields, w, member_fields(p));
        }
        put_labelled(b, &x->line2, "Sectors", buf_str(&x->si.sectors), 2);
        put_labelled(b, &x->line2, "Seniority", buf_str(&x->si.seniority), 2);
        put_labelled(b, &x->line2, "Organisations", buf_str(&x->si.orgs), 2);
        put_labelled(b, &x->line2, "Mix score", buf_str(&x->si.penalty_text),
                     2);
        if (x->si.nbends == 0) {
            puts_(b, "  Rules bent: none\n");
        } else {
            puts_(b, "  Rules bent:\n");
            for (const char *ph = bend_next(&x->si, NULL); ph;
                 ph = bend_next(&x->si, ph)) {
                puts_(b, "    - ");
                put_wrapped(b, ph, 6, 6);
            }
        }
        if (set_session_count(r, s)) {
            puts_(b, "  Sessions:\n");
            for (size_t k = 0; k < p->nsessions; k++) {
                als_dated_session ds;
                if (!set_session(r, s, k, &ds))
                    continue;
                buf_reset(line);
                puts_(line, "    ");
                put_session_when(line, &ds);
                puts_(line, "  ");
                puts_(line, ds.title);
                put_wrapped(b, buf_str(line), 0, 6);
            }
        }
    }

    if (a->nunassigned) {
        buf_reset(line);
        putf(line, "Waiting list (%zu)", a->nunassigned);
        put(b, "\n", 1);
        put_heading_text(b, buf_str(line), '-');
        buf_reset(line);
        puts_(line, "  ");
        puts_(line, waiting_order);
        put_wrapped(b, buf_str(line), 0, 2);
        puts_(b, "  Why they wait:\n");
        for (size_t q = 0; q < r->nreasons; q++) {
            buf_reset(line);
            puts_(line, "    - ");
            put_reason(line, r, r->reasons[q]);
            puts_(line, " (");
            put_reason_places(line, r, q);
            puts_(line, ")");
            put_wrapped(b, buf_str(line), 0, 6);
        }
        for (size_t g = 0; g < r->ngroups; g++) {
            if (p->days.n) {
                buf_reset(line);
                puts_(line, "  Can make ");
                put_group_days(line, p, r->group_days[g]);
                puts_(line, ":");
                put_wrapped(b, buf_str(line), 0, 4);
            }
            for (size_t k = 0; k < a->nunassigned; k++) {
                if (r->wait_group[k] != g)
                    continue;
                size_t i = r->unassigned[k];
                app_fields(p, i, fields, lvl, sizeof lvl, "-");
                buf_reset(line);
                putf(line, "    %zu. ", k + 1);
                who(line, p, i, NULL);
                putf(line, " (%s, %s, %s)", fields[F_ORG], fields[F_SECTOR],
                     fields[F_LEVEL]);
                if (a->unassigned[k].nstandby) {
                    puts_(line, "; a place freed in ");
                    put_standby(line, r, &a->unassigned[k]);
                    puts_(line, " could be theirs");
                }
                put_wrapped(b, buf_str(line), 0, 8);
            }
        }
    }

    if (a->nchanges) {
        put(b, "\n", 1);
        put_heading_text(b, "Who to tell: the sets that changed", '-');
        for (size_t o = 0; o < a->nsets; o++) {
            size_t s = r->order[o];
            if (!set_news(r, s, &x->fresh, &x->gone, &x->stay))
                continue;
            buf_reset(line);
            putf(line, "  %s", r->set_name[s]);
            if (a->sets[s].day)
                putf(line, ", %s", a->sets[s].day);
            put_wrapped(b, buf_str(line), 0, 4);
            if (x->fresh.len)
                put_labelled(b, line, "New", buf_str(&x->fresh), 4);
            if (x->gone.len)
                put_labelled(b, line, "Left", buf_str(&x->gone), 4);
            if (x->stay.len)
                put_labelled(b, line, "Continuing", buf_str(&x->stay), 4);
        }
        put(b, "\n", 1);
        put_heading_text(b, "Changes since the previous allocation", '-');
        for (int kind = CH_MOVED; kind <= CH_LEFT; kind++) {
            if (change_count(r, kind) == 0)
                continue;
            putf(b, "  %s (%zu):\n", change_titles[kind],
                 change_count(r, kind));
            for (size_t k = 0; k < a->nchanges; k++) {
                const als__change *c = &a->changes[k];
                if (change_kind(c) != kind)
                    continue;
                buf_reset(line);
                puts_(line, "    ");
                size_t i = als_problem_find(p, c->id);
                who(line, p, i, c->id);
                if (i == ALS__NOIDX) {
                    const char *nm = change_name(r, c->id, &x->line2);
                    if (nm[0])
                        putf(line, " %s", nm);
                }
                if (kind == CH_MOVED)
                    putf(line, ": %s to %s", als__rpt_set_ref(r, c->from),
                         als__rpt_set_ref(r, c->to));
                else if (kind == CH_JOINED)
                    putf(line, ": into %s", als__rpt_set_ref(r, c->to));
                else
                    putf(line, ": was in %s",
                         c->from ? als__rpt_set_ref(r, c->from) : "no set");
                if (change_reason(c)) {
                    puts_(line, " (");
                    put_reason(line, r, change_reason(c));
                    puts_(line, ")");
                }
                put_wrapped(b, buf_str(line), 0, 6);
            }
        }
    }
    return ALS_OK;
}

/* ---- Markdown ------------------------------------------------------ */

/* Inline text: characters that Markdown would read as markup are escaped,
   line breaks become spaces. */
static void put_md(buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool markup = c != 0 && strchr("\\`*_[]<>|#", c) != NULL;
        bool control = c < 0x20 || c == 0x7F;
        if (!markup && !control)
            continue;
        put(b, run, (size_t)(s - run));
        put(b, markup ? "\\" : " ", 1);
        if (markup)
            put(b, s, 1);
        run = s + 1;
    }
    put(b, run, (size_t)(s - run));
}

static void put_md_row(buf *b, const char *const *cells, size_t n)
{
    puts_(b, "|");
    for (size_t c = 0; c < n; c++) {
        puts_(b, " ");
        put_md(b, cells[c]);
        puts_(b, cells[c][0] ? " |" : "|");
    }
    puts_(b, "\n");
}

static void put_md_rule(buf *b, size_t n)
{
    puts_(b, "|");
    for (size_t c = 0; c < n; c++)
        puts_(b, " --- |");
    puts_(b, "\n");
}

/* A contents row of set s: its name, day and size in words. */
static void contents_cells(const rpt *r, size_t s, buf *day, buf *size)
{
    buf_reset(day);
    buf_reset(size);
    puts_(day, r->a->sets[s].day ? r->a->sets[s].day : "");
    put_set_size(size, r->p, r->a->sets[s].id,
                 r->member_off[s + 1] - r->member_off[s]);
}

static als_status render_markdown(render *x)
{
    const rpt *r = x->r;
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    buf *b = x->out;
    buf *line = &x->line;

    puts_(b, "# ");
    put_md(b, title_of(p));
    puts_(b, "\n\n");
    buf_reset(line);
    put_summary(line, r);
    put_md(b, buf_str(line));
    puts_(b, "\n\n**Status:** ");
    buf_reset(line);
    put_status(line, r);
    put_md(b, buf_str(line));
    puts_(b, "\n\n**Rules:** ");
    buf_reset(line);
    put_rules(line, p);
    put_md(b, buf_str(line));
    puts_(b, "\n");
    if (r->stale) {
        puts_(b, "\n");
        put_md(b, stale_note);
        puts_(b, "\n");
    }

    puts_(b, "\n## Overall\n\n");
    static const char *const fig_head[] = {"Figure", "This allocation",
                                           "At best", "Note"};
    put_md_row(b, fig_head, 4);
    put_md_rule(b, 4);
    figure f[MAX_FIGURES];
    size_t nf = overall_figures(r, f);
    for (size_t k = 0; k < nf; k++) {
        const char *cells[] = {f[k].label, f[k].value, f[k].best, f[k].note};
        put_md_row(b, cells, 4);
    }
    if (a->nsets) {
        puts_(b, "\n");
        buf_reset(line);
        put_best_note(line, r);
        put_md(b, buf_str(line));
        puts_(b, "\n");
    }

    /* contents: a link to each set and to the waiting list */
    if (a->nsets || a->nunassigned) {
        static const char *const chead[] = {"Set", "Day", "Members"};
        puts_(b, "\n## Contents\n\n");
        put_md_row(b, chead, 3);
        put_md_rule(b, 3);
        for (size_t o = 0; o < a->nsets; o++) {
            size_t s = r->order[o];
            contents_cells(r, s, &x->line, &x->line2);
            puts_(b, "| [");
            put_md(b, r->set_name[s]);
            putf(b, "](#set-%zu) | ", o + 1);
            put_md(b, buf_str(&x->line));
            puts_(b, " | ");
            put_md(b, buf_str(&x->line2));
            puts_(b, " |\n");
        }
        if (a->nunassigned)
            putf(b, "| [Waiting list](#waiting-list) |  | %zu waiting |\n",
                 a->nunassigned);
    }

    char lvl[16];
    const char *fields[NFIELDS];
    for (size_t o = 0; o < a->nsets; o++) {
        size_t s = r->order[o];
        als_status rc = info(x, s);
        if (rc != ALS_OK)
            return rc;
        size_t n = r->member_off[s + 1] - r->member_off[s];
        putf(b, "\n<a id=\"set-%zu\"></a>\n\n## ", o + 1);
        put_md(b, r->set_name[s]);
        puts_(b, " (");
        if (a->sets[s].day) {
            put_md(b, a->sets[s].day);
            puts_(b, ", ");
        }
        put_set_size(b, p, a->sets[s].id, n);
        puts_(b, ")\n\n");
        buf_reset(&x->line);
        if (put_facilitator(&x->line, r, s)) {
            put_md(b, buf_str(&x->line));
            puts_(b, "\n\n");
        }
        put_md_row(b, field_names, (size_t)member_fields(p));
        put_md_rule(b, (size_t)member_fields(p));
        for (size_t k = 0; k < n; k++) {
            app_fields(p, r->member[r->member_off[s] + k], fields, lvl,
                       sizeof lvl, "");
            put_md_row(b, fields, (size_t)member_fields(p));
        }
        puts_(b, "\n- **Sectors:** ");
        put_md(b, buf_str(&x->si.sectors));
        puts_(b, "\n- **Seniority:** ");
        put_md(b, buf_str(&x->si.seniority));
        puts_(b, "\n- **Organisations:** ");
        put_md(b, buf_str(&x->si.orgs));
        puts_(b, "\n- **Mix score:** ");
        put_md(b, buf_str(&x->si.penalty_text));
        puts_(b, "\n- **Rules bent:** ");
        if (x->si.nbends == 0)
            puts_(b, "none");
        for (const char *ph = bend_next(&x->si, NULL); ph;
             ph = bend_next(&x->si, ph)) {
            if (ph != x->si.bends.data)
                puts_(b, "; ");
            put_md(b, ph);
        }
        puts_(b, "\n");
        if (set_session_count(r, s)) {
            puts_(b, "- **Sessions:**\n");
            for (size_t k = 0; k < p->nsessions; k++) {
                als_dated_session ds;
                if (!set_session(r, s, k, &ds))
                    continue;
                buf_reset(&x->line);
                put_session_when(&x->line, &ds);
                puts_(&x->line, " ");
                puts_(&x->line, ds.title);
                puts_(b, "  - ");
                put_md(b, buf_str(&x->line));
                puts_(b, "\n");
            }
        }
        buf_reset(&x->line);
        if (put_mailto(&x->line, r, s)) {
            puts_(b, "\n[Mail everyone in ");
            put_md(b, r->set_name[s]);
            puts_(b, "](<");
            puts_(b, buf_str(&x->line));
            puts_(b, ">)\n");
        }
    }

    if (a->nunassigned) {
        putf(b, "\n<a id=\"waiting-list\"></a>\n\n## Waiting list (%zu)\n\n",
             a->nunassigned);
        put_md(b, waiting_order);
        puts_(b, "\n\nWhy they wait:\n\n");
        for (size_t q = 0; q < r->nreasons; q++) {
            puts_(b, "- ");
            buf_reset(&x->line);
            put_reason(&x->line, r, r->reasons[q]);
            put_md(b, buf_str(&x->line));
            buf_reset(&x->line);
            put_reason_places(&x->line, r, q);
            putf(b, " (%s)\n", buf_str(&x->line));
        }
        static const char *const head[] = {"#",
                                           "ID",
                                           "Name",
                                           "Organisation",
                                           "Sector",
                                           "Level",
                                           "A freed place could be theirs in"};
        for (size_t g = 0; g < r->ngroups; g++) {
            puts_(b, "\n");
            if (p->days.n) {
                buf_reset(&x->line);
                puts_(&x->line, "Can make ");
                put_group_days(&x->line, p, r->group_days[g]);
                puts_(b, "### ");
                put_md(b, buf_str(&x->line));
                puts_(b, "\n\n");
            }
            put_md_row(b, head, 7);
            put_md_rule(b, 7);
            for (size_t k = 0; k < a->nunassigned; k++) {
                if (r->wait_group[k] != g)
                    continue;
                app_fields(p, r->unassigned[k], fields, lvl, sizeof lvl, "");
                char place[24];
                snprintf(place, sizeof place, "%zu", k + 1);
                buf_reset(&x->line2);
                put_standby(&x->line2, r, &a->unassigned[k]);
                const char *cells[] = {place,
                                       fields[F_ID],
                                       fields[F_NAME],
                                       fields[F_ORG],
                                       fields[F_SECTOR],
                                       fields[F_LEVEL],
                                       buf_str(&x->line2)};
                put_md_row(b, cells, 7);
            }
        }
    }

    if (a->nchanges) {
        puts_(b, "\n## Who to tell: the sets that changed\n");
        for (size_t o = 0; o < a->nsets; o++) {
            size_t s = r->order[o];
            if (!set_news(r, s, &x->fresh, &x->gone, &x->stay))
                continue;
            puts_(b, "\n### ");
            put_md(b, r->set_name[s]);
            if (a->sets[s].day) {
                puts_(b, ", ");
                put_md(b, a->sets[s].day);
            }
            puts_(b, "\n\n");
            static const char *const label[] = {"New", "Left", "Continuing"};
            const buf *list[] = {&x->fresh, &x->gone, &x->stay};
            for (int k = 0; k < 3; k++)
                if (list[k]->len) {
                    putf(b, "- **%s:** ", label[k]);
                    put_md(b, buf_str(list[k]));
                    puts_(b, "\n");
                }
        }
        puts_(b, "\n## Changes since the previous allocation\n");
        for (int kind = CH_MOVED; kind <= CH_LEFT; kind++) {
            if (change_count(r, kind) == 0)
                continue;
            putf(b, "\n### %s (%zu)\n\n", change_titles[kind],
                 change_count(r, kind));
            const char *head[5];
            size_t n = change_head(kind, head);
            put_md_row(b, head, n);
            put_md_rule(b, n);
            for (size_t k = 0; k < a->nchanges; k++) {
                const als__change *c = &a->changes[k];
                if (change_kind(c) != kind)
                    continue;
                const char *cells[5];
                change_cells(r, c, cells, &x->line, &x->line2);
                put_md_row(b, cells, n);
            }
        }
    }
    return ALS_OK;
}

/* ---- CSV (RFC 4180) ------------------------------------------------ */

/*
 * One field. Fields holding a comma, a quote or a line break are quoted,
 * quotes doubled. A field that a spreadsheet would take for a formula
 * (starting with = + - @ or a tab) is prefixed with an apostrophe.
 */
static void put_csv(buf *b, const char *s)
{
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                   s[0] == '\t' || s[0] == '\r';
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        puts_(b, "\"");
    if (formula)
        puts_(b, "'");
    const char *run = s;
    for (; *s; s++) {
        if (*s != '"')
            continue;
        put(b, run, (size_t)(s - run + 1));
        puts_(b, "\"");
        run = s + 1;
    }
    put(b, run, (size_t)(s - run));
    if (quote)
        puts_(b, "\"");
}

static void put_csv_row(buf *b, const char *const *cells, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        if (c)
            puts_(b, ",");
        put_csv(b, cells[c]);
    }
    puts_(b, "\r\n");
}

/* One row of the CSV report; `change` is left out when not a re-run. */
static void put_csv_app(buf *b, bool rerun, const char *set, const char *day,
                        const char *id, const char *name, const char *email,
                        const char *role, const char *org, const char *sector,
                        const char *level, const char *dates,
                        const char *change, const char *reason)
{
    const char *cells[] = {set, day,    id,    name,  email,  role,
                           org, sector, level, dates, change, reason};
    if (!rerun)
        cells[10] = reason;
    put_csv_row(b, cells, rerun ? 12 : 11);
}

static als_status render_csv(render *x)
{
    const rpt *r = x->r;
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    buf *b = x->out;
    /* a re-run's allocation also says, per row, what changed: "new",
       "moved from Set 2", and a row for each who left, "left Set 5" */
    bool rerun = a->nchanges > 0;
    put_csv_app(b, rerun, "set", "day", "id", "name", "email", "role",
                "organisation", "sector", "seniority", "dates", "change",
                "reason");
    char lvl[16];
    const char *f[NFIELDS];
    buf *what = &x->line;
    buf *dates = &x->line2;
    for (size_t o = 0; o < a->nsets; o++) {
        size_t s = r->order[o];
        buf_reset(dates);
        put_set_dates(dates, r, s);
        /* its facilitators first, role "facilitator" */
        for (size_t j = 0; j < a->sets[s].nfac; j++) {
            const char *fid = a->sets[s].fac[j];
            size_t fi = als_problem_find_facilitator(p, fid);
            const als__facilitator *fc = fi != ALS__NOIDX ? &p->fac[fi] : NULL;
            bool took_over = false;
            for (size_t k = 0; k < a->nchanges && !took_over; k++)
                took_over = !a->changes[k].from && a->changes[k].to &&
                            a->sets[s].id &&
                            strcmp(a->changes[k].id, fid) == 0 &&
                            strcmp(a->changes[k].to, a->sets[s].id) == 0;
            put_csv_app(b, rerun, r->set_name[s],
                        a->sets[s].day ? a->sets[s].day : "", fid,
                        fc && fc->name ? fc->name : "",
                        fc && fc->email ? fc->email : "", "facilitator",
                        fc && fc->org >= 0 ? p->orgs.display[fc->org] : "", "",
                        "", buf_str(dates), took_over ? "new" : "", "");
        }
        for (size_t k = r->member_off[s]; k < r->member_off[s + 1]; k++) {
            size_t i = r->member[k];
            app_fields(p, i, f, lvl, sizeof lvl, "");
            size_t ch = r->change_of[i];
            buf_reset(what);
            if (ch != ALS__NOIDX && a->changes[ch].from)
                putf(what, "moved from %s",
                     als__rpt_set_ref(r, a->changes[ch].from));
            else if (ch != ALS__NOIDX)
                puts_(what, "new");
            const char *reason =
                ch != ALS__NOIDX && change_reason(&a->changes[ch])
                    ? change_reason(&a->changes[ch])
                    : "";
            put_csv_app(
                b, rerun, r->set_name[s], a->sets[s].day ? a->sets[s].day : "",
                f[F_ID], f[F_NAME], p->app[i].email ? p->app[i].email : "",
                p->app[i].role_text ? p->app[i].role_text : "", f[F_ORG],
                f[F_SECTOR], f[F_LEVEL], buf_str(dates), buf_str(what), reason);
        }
    }
    for (size_t k = 0; k < a->nunassigned; k++) {
        size_t i = r->unassigned[k];
        app_fields(p, i, f, lvl, sizeof lvl, "");
        size_t ch = r->change_of[i];
        buf_reset(what);
        if (ch != ALS__NOIDX && a->changes[ch].from)
            putf(what, "left %s", als__rpt_set_ref(r, a->changes[ch].from));
        buf_reset(&x->fresh); /* scratch here */
        if (a->unassigned[k].reason && a->unassigned[k].reason[0])
            put_reason(&x->fresh, r, a->unassigned[k].reason);
        const char *reason = buf_str(&x->fresh);
        put_csv_app(b, rerun, "", "", f[F_ID], f[F_NAME],
                    p->app[i].email ? p->app[i].email : "",
                    p->app[i].role_text ? p->app[i].role_text : "", f[F_ORG],
                    f[F_SECTOR], f[F_LEVEL], "", buf_str(what), reason);
    }
    /* those who left: withdrew, or no longer in the cohort */
    for (size_t k = 0; k < a->nchanges; k++) {
        const als__change *c = &a->changes[k];
        size_t i = als_problem_find(p, c->id);
        if (c->to || !c->from || (i != ALS__NOIDX && !p->app[i].withdrawn))
            continue; /* placed, or waiting (listed above) */
        const char *name = "", *email = "", *role = "", *org = "", *sec = "",
                   *lv = "";
        size_t fi = i == ALS__NOIDX ? als_problem_find_facilitator(p, c->id)
                                    : ALS__NOIDX;
        if (i != ALS__NOIDX) {
            app_fields(p, i, f, lvl, sizeof lvl, "");
            name = f[F_NAME];
            email = p->app[i].email ? p->app[i].email : "";
            role = p->app[i].role_text ? p->app[i].role_text : "";
            org = f[F_ORG];
            sec = f[F_SECTOR];
            lv = f[F_LEVEL];
        } else if (fi != ALS__NOIDX) {
            const als__facilitator *fc = &p->fac[fi];
            name = fc->name ? fc->name : "";
            email = fc->email ? fc->email : "";
            role = "facilitator";
            org = fc->org >= 0 ? p->orgs.display[fc->org] : "";
        }
        buf_reset(what);
        putf(what, "left %s", als__rpt_set_ref(r, c->from));
        put_csv_app(b, rerun, "", "", c->id, name, email, role, org, sec, lv,
                    "", buf_str(what), c->reason ? c->reason : "");
    }
    return ALS_OK;
}

/* ---- HTML ---------------------------------------------------------- */

static void put_html(buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *rep = NULL;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                rep = " ";
        }
        if (!rep)
            continue;
        put(b, run, (size_t)(s - run));
        puts_(b, rep);
        run = s + 1;
    }
    put(b, run, (size_t)(s - run));
}

/* <tag>text</tag> for each cell, in a row. */
static void put_html_row(buf *b, const char *tag, const char *const *cells,
                         size_t n)
{
    puts_(b, "<tr>");
    for (size_t c = 0; c < n; c++) {
        putf(b, "<%s>", tag);
        put_html(b, cells[c]);
        putf(b, "</%s>", tag);
    }
    puts_(b, "</tr>\n");
}

static const char html_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
    "'none'; style-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n";

static const char html_style[] =
    "<style>\n"
    "body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, "
    "\"Helvetica Neue\", Arial, sans-serif; color: #1a1a1a; background: "
    "#fff; line-height: 1.45; max-width: 60rem; margin: 2rem auto; "
    "padding: 0 1rem; }\n"
    "h1 { font-size: 1.6rem; margin: 0 0 .5rem; }\n"
    "h2 { font-size: 1.2rem; margin: 0 0 .5rem; }\n"
    "h3 { font-size: 1rem; margin: 1rem 0 .4rem; }\n"
    "section { margin: 1.5rem 0; }\n"
    "section.set { border: 1px solid #c8ccd2; border-radius: 6px; "
    "padding: .8rem 1rem; }\n"
    ".meta { color: #555; font-weight: normal; }\n"
    "table { border-collapse: collapse; width: 100%; margin: .3rem 0; }\n"
    "th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; "
    "border-bottom: 1px solid #e3e5e8; overflow-wrap: break-word; }\n"
    "table.members { table-layout: fixed; }\n"
    "col.c-id { width: 6em; }\n"
    "col.c-name { width: 20%; }\n"
    "col.c-org { width: 25%; }\n"
    "col.c-sector, col.c-level { width: 13%; }\n"
    "col.c-role { width: 7em; }\n"
    "col.c-email { width: 26%; }\n"
    "thead th { border-bottom: 2px solid #9aa0a8; font-weight: 600; }\n"
    "dl { display: grid; grid-template-columns: max-content 1fr; "
    "gap: .15rem 1rem; margin: .6rem 0; }\n"
    "dt { font-weight: 600; }\n"
    "dd { margin: 0; }\n"
    ".bent { color: #8a3b00; }\n"
    ".bent ul { margin: .2rem 0; padding-left: 1.4rem; }\n"
    ".none { color: #2e6b2e; }\n"
    ".note { color: #555; font-size: .9rem; }\n"
    ".programme { display: none; }\n"
    ".facilitator { font-weight: 600; }\n"
    "@media print {\n"
    "  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }\n"
    "  /* a page per set, to hand to its facilitator, and one for the\n"
    "     waiting list; the first page holds the summary and contents */\n"
    "  section.set, section.unassigned { break-before: page; "
    "page-break-before: always; }\n"
    "  section.set { border: none; padding: 0; margin: 0; }\n"
    "  .programme { display: block; color: #000; margin: 0 0 .3rem; }\n"
    "  nav.contents a { color: #000; text-decoration: none; }\n"
    "  tr, li { break-inside: avoid; page-break-inside: avoid; }\n"
    "  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
    "  .bent, .none, .meta, .note { color: #000; }\n"
    "}\n"
    "@page { margin: 15mm; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n";

static void put_html_dl(buf *b, const char *term, const char *text)
{
    puts_(b, "<dt>");
    put_html(b, term);
    puts_(b, "</dt><dd>");
    put_html(b, text);
    puts_(b, "</dd>\n");
}

/* Does some member of the cohort have an e-mail? */
static bool any_email(const als_problem *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->app[i].email && p->app[i].email[0])
            return true;
    return false;
}

/* The member table of set s: the member fields (the role with council
   pairs) and, when the cohort gives e-mails, each member's e-mail. */
static void put_html_members(buf *b, const rpt *r, size_t s,
                             const char **fields, char *lvl, size_t cap)
{
    static const char *const col[NFIELDS] = {"id",     "name",  "org",
                                             "sector", "level", "role"};
    const als_problem *p = r->p;
    int nf = member_fields(p);
    bool email = any_email(p);
    puts_(b, "<table class=\"members\">\n<colgroup>");
    for (int c = 0; c < nf; c++)
        putf(b, "<col class=\"c-%s\">", col[c]);
    if (email)
        puts_(b, "<col class=\"c-email\">");
    puts_(b, "</colgroup>\n<thead><tr>");
    for (int c = 0; c < nf; c++)
        putf(b, "<th>%s</th>", field_names[c]);
    if (email)
        puts_(b, "<th>E-mail</th>");
    puts_(b, "</tr></thead>\n<tbody>\n");
    for (size_t k = r->member_off[s]; k < r->member_off[s + 1]; k++) {
        size_t i = r->member[k];
        app_fields(p, i, fields, lvl, cap, "");
        puts_(b, "<tr>");
        for (int c = 0; c < nf; c++) {
            puts_(b, "<td>");
            put_html(b, fields[c]);
            puts_(b, "</td>");
        }
        if (email) {
            puts_(b, "<td>");
            put_html(b, p->app[i].email ? p->app[i].email : "");
            puts_(b, "</td>");
        }
        puts_(b, "</tr>\n");
    }
    puts_(b, "</tbody>\n</table>\n");
}

static als_status render_html(render *x)
{
    const rpt *r = x->r;
    const als_problem *p = r->p;
    const als_allocation *a = r->a;
    buf *b = x->out;
    buf *line = &x->line;

    puts_(b, html_head);
    puts_(b, "<title>");
    put_html(b, title_of(p));
    puts_(b, "</title>\n");
    puts_(b, html_style);
    puts_(b, "<header>\n<h1>");
    put_html(b, title_of(p));
    puts_(b, "</h1>\n<p>");
    buf_reset(line);
    put_summary(line, r);
    put_html(b, buf_str(line));
    puts_(b, "</p>\n<p><strong>Status:</strong> ");
    buf_reset(line);
    put_status(line, r);
    put_html(b, buf_str(line));
    puts_(b, "</p>\n<p><strong>Rules:</strong> ");
    buf_reset(line);
    put_rules(line, p);
    put_html(b, buf_str(line));
    puts_(b, "</p>\n");
    if (r->stale) {
        puts_(b, "<p class=\"note\">");
        put_html(b, stale_note);
        puts_(b, "</p>\n");
    }
    puts_(b, "</header>\n");

    puts_(b, "<section class=\"overall\">\n<h2>Overall</h2>\n<table>\n"
             "<thead>");
    static const char *const fig_head[] = {"Figure", "This allocation",
                                           "At best", "Note"};
    put_html_row(b, "th", fig_head, 4);
    puts_(b, "</thead>\n<tbody>\n");
    figure f[MAX_FIGURES];
    size_t nf = overall_figures(r, f);
    for (size_t k = 0; k < nf; k++) {
        const char *cells[] = {f[k].label, f[k].value, f[k].best, f[k].note};
        put_html_row(b, "td", cells, 4);
    }
    puts_(b, "</tbody>\n</table>\n");
    if (a->nsets) {
        puts_(b, "<p class=\"note\">");
        buf_reset(line);
        put_best_note(line, r);
        put_html(b, buf_str(line));
        puts_(b, "</p>\n");
    }
    puts_(b, "</section>\n");

    /* contents: a link to each set and to the waiting list */
    if (a->nsets || a->nunassigned) {
        static const char *const chead[] = {"Set", "Day", "Members"};
        puts_(b, "<nav class=\"contents\">\n<h2>Contents</h2>\n<table>\n"
                 "<thead>");
        put_html_row(b, "th", chead, 3);
        puts_(b, "</thead>\n<tbody>\n");
        for (size_t o = 0; o < a->nsets; o++) {
            size_t s = r->order[o];
            contents_cells(r, s, &x->line, &x->line2);
            putf(b, "<tr><td><a href=\"#set-%zu\">", o + 1);
            put_html(b, r->set_name[s]);
            puts_(b, "</a></td><td>");
            put_html(b, buf_str(&x->line));
            puts_(b, "</td><td>");
            put_html(b, buf_str(&x->line2));
            puts_(b, "</td></tr>\n");
        }
        if (a->nunassigned)
            putf(b,
                 "<tr><td><a href=\"#waiting-list\">Waiting list</a></td>"
                 "<td></td><td>%zu waiting</td></tr>\n",
                 a->nunassigned);
        puts_(b, "</tbody>\n</table>\n</nav>\n");
    }

    char lvl[16];
    const char *fields[NFIELDS];
    for (size_t o = 0; o < a->nsets; o++) {
        size_t s = r->order[o];
        als_status rc = info(x, s);
        if (rc != ALS_OK)
            return rc;
        size_t n = r->member_off[s + 1] - r->member_off[s];
        /* one page per set, printed, to hand to its facilitator: the
           set, its facilitator, its members (with organisation and
           e-mail), its sessions; then the coordinator's figures */
        putf(b,
             "<section class=\"set\" id=\"set-%zu\">\n"
             "<p class=\"programme\">",
             o + 1);
        put_html(b, title_of(p));
        puts_(b, "</p>\n<h2>");
        put_html(b, r->set_name[s]);
        puts_(b, " <span class=\"meta\">");
        if (a->sets[s].day) {
            put_html(b, a->sets[s].day);
            puts_(b, " &middot; ");
        }
        put_set_size(b, p, a->sets[s].id, n);
        puts_(b, "</span></h2>\n");
        buf_reset(&x->line);
        if (put_facilitator(&x->line, r, s)) {
            puts_(b, "<p class=\"facilitator\">");
            put_html(b, buf_str(&x->line));
            puts_(b, "</p>\n");
        }
        put_html_members(b, r, s, fields, lvl, sizeof lvl);
        if (set_session_count(r, s)) {
            static const char *const shead[] = {"Date", "Day", "Time",
                                                "Session"};
            puts_(b, "<table class=\"sessions\">\n<thead>");
            put_html_row(b, "th", shead, 4);
            puts_(b, "</thead>\n<tbody>\n");
            for (size_t k = 0; k < p->nsessions; k++) {
                als_dated_session ds;
                if (!set_session(r, s, k, &ds))
                    continue;
                char date[16], tm[32];
                snprintf(date, sizeof date, "%04d-%02d-%02d", ds.year, ds.month,
                         ds.day);
                buf_reset(&x->line);
                put_session_time(&x->line, &ds);
                snprintf(tm, sizeof tm, "%s", buf_str(&x->line));
                const char *cells[] = {date, weekday_abbr[ds.weekday], tm,
                                       ds.title};
                put_html_row(b, "td", cells, 4);
            }
            puts_(b, "</tbody>\n</table>\n");
        }
        buf_reset(&x->line);
        if (put_mailto(&x->line, r, s)) {
            puts_(b, "<p class=\"mail\"><a href=\"");
            put_html(b, buf_str(&x->line));
            puts_(b, "\">Mail everyone in ");
            put_html(b, r->set_name[s]);
            puts_(b, "</a></p>\n");
        }
        puts_(b, "<dl>\n");
        put_html_dl(b, "Sectors", buf_str(&x->si.sectors));
        put_html_dl(b, "Seniority", buf_str(&x->si.seniority));
        put_html_dl(b, "Organisations", buf_str(&x->si.orgs));
        put_html_dl(b, "Mix score", buf_str(&x->si.penalty_text));
        puts_(b, "</dl>\n");
        if (x->si.nbends == 0) {
            puts_(b, "<p class=\"none\">No soft rule bent.</p>\n");
        } else {
            puts_(b, "<div class=\"bent\"><strong>Rules bent:</strong>\n"
                     "<ul>\n");
            for (const char *ph = bend_next(&x->si, NULL); ph;
                 ph = bend_next(&x->si, ph)) {
                puts_(b, "<li>");
                put_html(b, ph);
                puts_(b, "</li>\n");
            }
            puts_(b, "</ul></div>\n");
        }
        puts_(b, "</section>\n");
    }

    if (a->nunassigned) {
        putf(b,
             "<section class=\"unassigned\" id=\"waiting-list\">\n"
             "<h2>Waiting list (%zu)</h2>\n"
             "<p>",
             a->nunassigned);
        put_html(b, waiting_order);
        puts_(b, "</p>\n<p>Why they wait:</p>\n<ul>\n");
        for (size_t q = 0; q < r->nreasons; q++) {
            puts_(b, "<li>");
            buf_reset(&x->line2);
            put_reason(&x->line2, r, r->reasons[q]);
            put_html(b, buf_str(&x->line2));
            buf_reset(&x->line);
            put_reason_places(&x->line, r, q);
            putf(b, " (%s)</li>\n", buf_str(&x->line));
        }
        puts_(b, "</ul>\n");
        static const char *const head[] = {"#",
                                           "ID",
                                           "Name",
                                           "Organisation",
                                           "Sector",
                                           "Level",
                                           "A freed place could be theirs in"};
        for (size_t g = 0; g < r->ngroups; g++) {
            if (p->days.n) {
                buf_reset(&x->line);
                puts_(&x->line, "Can make ");
                put_group_days(&x->line, p, r->group_days[g]);
                puts_(b, "<h3>");
                put_html(b, buf_str(&x->line));
                puts_(b, "</h3>\n");
            }
            puts_(b, "<table>\n<thead>");
            put_html_row(b, "th", head, 7);
            puts_(b, "</thead>\n<tbody>\n");
            for (size_t k = 0; k < a->nunassigned; k++) {
                if (r->wait_group[k] != g)
                    continue;
                app_fields(p, r->unassigned[k], fields, lvl, sizeof lvl, "");
                char place[24];
                snprintf(place, sizeof place, "%zu", k + 1);
                buf_reset(&x->line2);
                put_standby(&x->line2, r, &a->unassigned[k]);
                const char *cells[] = {place,
                                       fields[F_ID],
                                       fields[F_NAME],
                                       fields[F_ORG],
                                       fields[F_SECTOR],
                                       fields[F_LEVEL],
                                       buf_str(&x->line2)};
                put_html_row(b, "td", cells, 7);
            }
            puts_(b, "</tbody>\n</table>\n");
        }
        puts_(b, "</section>\n");
    }

    if (a->nchanges) {
        puts_(b, "<section class=\"news\">\n"
                 "<h2>Who to tell: the sets that changed</h2>\n");
        for (size_t o = 0; o < a->nsets; o++) {
            size_t s = r->order[o];
            if (!set_news(r, s, &x->fresh, &x->gone, &x->stay))
                continue;
            puts_(b, "<h3>");
            put_html(b, r->set_name[s]);
            if (a->sets[s].day) {
                puts_(b, ", ");
                put_html(b, a->sets[s].day);
            }
            puts_(b, "</h3>\n<dl>\n");
            static const char *const label[] = {"New", "Left", "Continuing"};
            const buf *list[] = {&x->fresh, &x->gone, &x->stay};
            for (int k = 0; k < 3; k++)
                if (list[k]->len) {
                    putf(b, "<dt>%s</dt><dd>", label[k]);
                    put_html(b, buf_str(list[k]));
                    puts_(b, "</dd>\n");
                }
            puts_(b, "</dl>\n");
        }
        puts_(b, "</section>\n");
        puts_(b, "<section class=\"changes\">\n"
                 "<h2>Changes since the previous allocation</h2>\n");
        for (int kind = CH_MOVED; kind <= CH_LEFT; kind++) {
            if (change_count(r, kind) == 0)
                continue;
            putf(b, "<h3>%s (%zu)</h3>\n<table>\n<thead>", change_titles[kind],
                 change_count(r, kind));
            const char *head[5];
            size_t n = change_head(kind, head);
            put_html_row(b, "th", head, n);
            puts_(b, "</thead>\n<tbody>\n");
            for (size_t k = 0; k < a->nchanges; k++) {
                const als__change *c = &a->changes[k];
                if (change_kind(c) != kind)
                    continue;
                const char *cells[5];
                change_cells(r, c, cells, &x->line, &x->line2);
                put_html_row(b, "td", cells, n);
            }
            puts_(b, "</tbody>\n</table>\n");
        }
        puts_(b, "</section>\n");
    }
    puts_(b, "</body>\n</html>\n");
    return ALS_OK;
}

/* ---- the API ------------------------------------------------------- */

static const char *const format_names[] = {"text", "markdown", "csv", "html"};

const char *als_report_format_name(als_report_format format)
{
    if ((int)format < 0 ||
        (size_t)format >= sizeof format_names / sizeof format_names[0])
        return NULL;
    return format_names[format];
}

als_status als_report_format_from_name(const char *name, als_report_format *out)
{
    if (!name || !out)
        return ALS_EINVAL;
    for (size_t k = 0; k < sizeof format_names / sizeof format_names[0]; k++) {
        if (strcmp(name, format_names[k]) == 0) {
            *out = (als_report_format)k;
            return ALS_OK;
        }
    }
    return ALS_EINVAL;
}

als_status als_report(const als_problem *p, const als_allocation *a,
                      als_report_format format, char **out, size_t *len,
                      als_diag *diag, als_error *err)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!p || !a || !out) {
        als__error_set(err, ALS_EINVAL, "",
                       "problem, allocation and out must not be NULL");
        return ALS_EINVAL;
    }
    if (!als_report_format_name(format)) {
        als__error_set(err, ALS_EINVAL, "", "unknown report format %d",
                       (int)format);
        return ALS_EINVAL;
    }
    rpt r;
    memset(&r, 0, sizeof r);
    r.p = p;
    r.a = a;
    als_status rc = als__rpt_validate(&r, diag, err);
    if (rc != ALS_OK)
        return rc; /* err is filled */
    als__strtab_init(&r.set_ids, false);
    buf b = {0};
    render x;
    memset(&x, 0, sizeof x);
    x.r = &r;
    x.out = &b;
    rc = als__rpt_build(&r);
    if (rc == ALS_OK) {
        switch (format) {
        case ALS_REPORT_TEXT:
            rc = render_text(&x);
            break;
        case ALS_REPORT_MARKDOWN:
            rc = render_markdown(&x);
            break;
        case ALS_REPORT_CSV:
            rc = render_csv(&x);
            break;
        case ALS_REPORT_HTML:
            rc = render_html(&x);
            break;
        }
    }
    if (rc == ALS_OK && (b.nomem || x.line.nomem || x.line2.nomem ||
                         x.fresh.nomem || x.gone.nomem || x.stay.nomem))
        rc = ALS_ENOMEM;
    if (rc == ALS_OK && !b.data)
        put(&b, "", 0);
    if (rc == ALS_OK && b.nomem)
        rc = ALS_ENOMEM;
    render_free(&x);
    als__rpt_free(&r);
    if (rc != ALS_OK) {
        buf_free(&b);
        als__error_set(err, rc, "", "%s", als_status_str(rc));
        return rc;
    }
    *out = b.data;
    if (len)
        *len = b.len;
    return ALS_OK;
}

als_status als__report_check(const als_problem *p, const als_allocation *a,
                             als_diag *diag, als_error *err)
{
    rpt r;
    memset(&r, 0, sizeof r);
    r.p = p;
    r.a = a;
    return als__rpt_validate(&r, diag, err);
}
