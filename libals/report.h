/*
 * The report's model: what a report says about an allocation, worked out
 * before any of it is written (report_model.c), for the renderers of
 * report.c. Nothing here is text for people but the names of sets and the
 * allocation's own reasons; the wording is report.c's.
 */
#ifndef ALS_REPORT_H
#define ALS_REPORT_H

#include "state.h"

/* Pairs of placed applicants who share a sector (or a level) and are in
   one unit, so that they share a set whatever the allocation. */
typedef struct inside_info {
    long long pairs; /* such pairs */
    size_t units;    /* units holding them */
    bool council;    /* some of those units are council nominations */
    bool group;      /* some are other groups */
} inside_info;

/* The allocation as the report sees it: checked, its sets named and listed,
   its figures and the "at best" bounds beside them. */
typedef struct rpt {
    const als_problem *p;
    const als_allocation *a;
    als_objective obj;  /* recomputed by the checker through objective.c */
    als_objective best; /* lower bounds, for these placed and set sizes */
    double best_penalty;
    long long inside_sector; /* same-sector pairs inside placed units */
    long long inside_level;  /* same-level pairs inside them (mixed) */
    inside_info inside;      /* the units holding those pairs */
    /* the placed applicants of each sector and level, and the placed
       units with a member of each organisation: the per-set bounds
       (set_bound_pairs(), set_bound_spread()) spread them over a set */
    long long *sec_total, *lev_total, *org_units_total;
    long long placed_units;
    bool stale;      /* the document's own figures differ */
    bool priorities; /* some applicant has a priority */
    size_t *where;   /* applicant -> set index, ALS__NOIDX */
    /* the sets as the report lists them (set_names()): by day, then size;
       each set's name, "Set 3" for an id libals made up ("S7"), else the
       coordinator's own id */
    size_t *order;       /* listing position -> set index */
    char **set_name;     /* set index -> name */
    als__strtab set_ids; /* set id -> set index */
    size_t *member;      /* members of every set in listing order */
    size_t *member_off;  /* nsets + 1 offsets into member */
    size_t *unassigned;  /* applicant of each unassigned entry */
    size_t *change_of;   /* applicant -> their change, NOIDX */
    /* the waiting list (unassigned), grouped by the days they can make and
       each distinct reason said once */
    size_t *wait_group;   /* [nunassigned] group of each entry */
    uint64_t *group_days; /* [ngroups] days of each group (all: ~0) */
    size_t ngroups;
    size_t *wait_reason;  /* [nunassigned] reason of each entry */
    const char **reasons; /* [nreasons] distinct reasons, in order */
    size_t nreasons;
    size_t nmoved, njoined, nleft;
} rpt;

/* Members of one organisation in a set, and the units they are in. */
typedef struct org_run {
    int org;
    int members, units;
} org_run;

/* How many of a key (a sector, an organisation, a level). */
typedef struct key_count {
    int64_t key;
    int cnt;
} key_count;

/* What a set does that a rule would rather it did not, above what any split
   of the cohort into sets of these sizes could avoid. */
typedef enum bend_kind {
    BEND_SECTOR, /* members of one sector above its share */
    BEND_ORG,    /* members of one organisation (prefer_distinct) */
    BEND_SPREAD, /* a seniority spread above the least possible (similar) */
    BEND_LEVEL,  /* members at one level above its share (mixed) */
    BEND_APART   /* two people the cohort would rather keep apart */
} bend_kind;

typedef struct bend {
    bend_kind kind;
    long long members;  /* SECTOR, ORG, LEVEL: members of the key */
    int key;            /* the sector, organisation or level */
    inside_info inside; /* SECTOR, LEVEL: pairs of them inside units */
    int lo, hi, spread; /* SPREAD: the set's lowest and highest level */
    long long at_best;  /* SPREAD: the least spread a split could give */
    size_t a, b;        /* APART: the two applicants */
    double weight;      /* APART: their pair's weight */
} bend;

/* One set's figures, and the rules it bends. */
typedef struct set_facts {
    als__setstat st; /* the per-set counts of objective.c */
    double penalty;
    key_count *sectors; /* [nsectors], most members first */
    size_t nsectors;
    long long without_sector;
    org_run *runs; /* [nruns] organisations, most members first */
    size_t nruns;
    long long norgs;    /* organisations, a member without one counting one */
    bool levels;        /* some member has a level */
    int lo, hi, spread; /* their lowest and highest level, and the spread */
    long long without_level;
    bend *bends; /* [nbends], in the order a report lists them */
    size_t nbends;
    /* the part of the penalty no split avoids: pairs inside units, of a
       sector (inside_sector) or a level (inside_level), in the units of
       `holders` */
    double unavoidable;
    bool inside_sector, inside_level;
    inside_info holders;
    /* capacities, and scratch kept between sets */
    size_t cap_sectors, cap_runs, cap_bends, cap_keys;
    key_count *keys;
} set_facts;

/* Check the allocation against the cohort (als_check(), its own figures
   aside) into r->p, r->a; problems go to diag and err. */
als_status als__rpt_validate(rpt *r, als_diag *diag, als_error *err);
/* Everything else the report needs, once validated. */
als_status als__rpt_build(rpt *r);
void als__rpt_free(rpt *r);
/* Set s's facts (set index, not listing position). */
als_status als__set_facts_fill(const rpt *r, size_t s, set_facts *f);
void als__set_facts_free(set_facts *f);
/* How the report names the set with this id (see report_model.c). */
const char *als__rpt_set_ref(const rpt *r, const char *id);
/* Is this an id libals made up for a new set ("S1", "S12")? */
bool als__rpt_made_up_id(const als_problem *p, const char *id);

#endif
