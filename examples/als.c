/*
 * als: the command-line client of libals.
 *
 * A thin layer over the public header: everything it does, a program linking
 * libals can do too. One table (`commands`) holds every command's name,
 * synopsis, help text, options and handler, so the general help, each
 * command's help, the usage lines of error messages and the `--help-man`
 * dump all come from a single source. Adding a command is one row in that
 * table and one handler function.
 *
 * Exit status (CLI.md): 0 success, 1 violations found, 2 usage error,
 * 3 invalid input, 4 internal failure or out of memory.
 */
#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "als.h"

#if defined(__GNUC__)
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_VIOLATIONS = 1,
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_INPUT = 3,
    CLI_EXIT_INTERNAL = 4
};

/* Most options and positional arguments any command takes. */
#define CLI_MAX_OPTIONS 8
#define CLI_MAX_ARGS 4

/* The name standard input is shown under in messages. */
#define CLI_STDIN_NAME "<stdin>"

/* ------------------------------------------------------------------ */
/* The command table                                                   */

/*
 * One option of a command. `metavar` is NULL for a flag. An option of the
 * solver names its row of the library's option table in `solver` instead
 * and takes its spelling, value name, help and bounds from there
 * (option_view()).
 */
typedef struct cli_option {
    const char *name;       /* "--previous" */
    const char *short_name; /* "-o", or NULL */
    const char *metavar;    /* "ALLOCATION", or NULL */
    const char *help;
    const char *solver; /* "time_limit_s": an option of als_solve(), or NULL */
} cli_option;

/* What the parser hands a command: its positional arguments and options. */
typedef struct cli_args {
    const char *pos[CLI_MAX_ARGS];
    size_t npos;
    /* Indexed like the command's options: the value, "" for a flag that was
     * given, NULL when absent. */
    const char *opt[CLI_MAX_OPTIONS];
} cli_args;

struct cli_command;

/* Per-run context passed to everything that prints. */
typedef struct cli_ctx {
    FILE *out;
    FILE *err;
    const struct cli_command *cmd; /* NULL before a command is chosen */
} cli_ctx;

typedef int (*cli_handler)(const cli_ctx *ctx, const cli_args *args);

typedef struct cli_command {
    const char *name;
    const char *synopsis;    /* arguments and options after the name; NULL:
                                the arguments, then each option bracketed */
    const char *summary;     /* one line, for the command list */
    const char *help;        /* paragraphs, each line ending in '\n' */
    const char *const *args; /* names of the required positional arguments */
    size_t nargs;
    const cli_option *options;
    size_t noptions;
    cli_handler run;
    const char *optional_arg; /* one optional positional argument, or NULL */
} cli_command;

static int cmd_allocate(const cli_ctx *ctx, const cli_args *args);
static int cmd_validate(const cli_ctx *ctx, const cli_args *args);
static int cmd_check(const cli_ctx *ctx, const cli_args *args);
static int cmd_report(const cli_ctx *ctx, const cli_args *args);
static int cmd_calendar(const cli_ctx *ctx, const cli_args *args);
static int cmd_import(const cli_ctx *ctx, const cli_args *args);
static int cmd_init(const cli_ctx *ctx, const cli_args *args);

static const char *const allocate_args[] = {"COHORT"};
enum {
    ALLOC_OPT_OUT = 0,
    ALLOC_OPT_PREVIOUS,
    ALLOC_OPT_METHOD,
    ALLOC_OPT_TIME,
    ALLOC_OPT_SEED,
    ALLOC_OPT_EFFORT,
    ALLOC_OPT_QUIET
};
static const cli_option allocate_options[] = {
    [ALLOC_OPT_OUT] = {"--output", "-o", "OUT",
                       "write the allocation to OUT ('-' or absent: "
                       "standard output); OUT is replaced only when the "
                       "whole allocation is written",
                       NULL},
    [ALLOC_OPT_PREVIOUS] = {"--previous", NULL, "ALLOCATION",
                            "re-run after dropouts and late joiners: keep "
                            "the continuing applicants in their sets (the "
                            "sets keep their ids and days), move as few as "
                            "possible, fill free places, and list every "
                            "change",
                            NULL},
    [ALLOC_OPT_METHOD] = {.solver = "method"},
    [ALLOC_OPT_TIME] = {.solver = "time_limit_s"},
    [ALLOC_OPT_SEED] = {.solver = "seed"},
    [ALLOC_OPT_EFFORT] = {.solver = "effort"},
    [ALLOC_OPT_QUIET] = {"--quiet", "-q", NULL,
                         "no progress report on standard error", NULL},
};

static const char *const validate_args[] = {"COHORT"};

static const char *const check_args[] = {"COHORT", "ALLOCATION"};
enum { CHECK_OPT_PREVIOUS = 0 };
static const cli_option check_options[] = {
    [CHECK_OPT_PREVIOUS] = {"--previous", NULL, "ALLOCATION",
                            "the allocation this one re-runs: also verify "
                            "the continuing and moves figures and the "
                            "changes list",
                            NULL},
};

static const char *const report_args[] = {"COHORT", "ALLOCATION"};
enum { REPORT_OPT_FORMAT = 0, REPORT_OPT_OUT };
static const cli_option report_options[] = {
    [REPORT_OPT_FORMAT] = {"--format", NULL, "FORMAT",
                           "text (the default), markdown, csv or html", NULL},
    [REPORT_OPT_OUT] = {"--output", "-o", "OUT",
                        "write the report to OUT ('-' or absent: standard "
                        "output); OUT is replaced only when the whole "
                        "report is written",
                        NULL},
};

static const char *const calendar_args[] = {"COHORT", "ALLOCATION"};
enum { CALENDAR_OPT_OUT = 0 };
static const cli_option calendar_options[] = {
    [CALENDAR_OPT_OUT] = {"--output", "-o", "DIR",
                          "write the calendars into the directory DIR "
                          "(created if missing), one SET.ics per set "
                          "(required)",
                          NULL},
};

static const char *const import_args[] = {"APPLICANTS.csv"};
enum {
    IMPORT_OPT_PROGRAMME = 0,
    IMPORT_OPT_OUT,
    IMPORT_OPT_COLUMNS,
    IMPORT_OPT_FIRST_COME,
    IMPORT_OPT_STRICT,
    IMPORT_OPT_QUIET,
    IMPORT_OPT_FACILITATORS
};
static const cli_option import_options[] = {
    [IMPORT_OPT_PROGRAMME] = {"--programme", NULL, "PROGRAMME.json",
                              "take the programme (and any pairs) from "
                              "PROGRAMME.json, a cohort document without "
                              "applicants (default: the default programme, "
                              "with the days the sheet names)",
                              NULL},
    [IMPORT_OPT_OUT] = {"--output", "-o", "COHORT.json",
                        "write the cohort to COHORT.json ('-' or absent: "
                        "standard output); COHORT.json is replaced only "
                        "when the whole cohort is written",
                        NULL},
    [IMPORT_OPT_COLUMNS] = {"--columns", NULL, "MAPPING",
                            "map columns whose headers are not recognised, "
                            "as HEADER=FIELD,... (\"Employer=organisation,"
                            "Grade=seniority\"; a header holding a comma in "
                            "double quotes: '\"Trust, or organisation\"="
                            "organisation'), or @FILE: one HEADER=FIELD a "
                            "line, or MAP.csv: rows of header and field; a "
                            "FIELD is an applicant key of the cohort, "
                            "first_name, last_name, day:LABEL (a yes/no "
                            "column for one day) or ignore",
                            NULL},
    [IMPORT_OPT_FIRST_COME] = {"--first-come", NULL, NULL,
                               "first come, first served: priorities by "
                               "submission time (a Timestamp, Completion "
                               "time or Order date column, else the rows' "
                               "order), the earliest highest",
                               NULL},
    [IMPORT_OPT_STRICT] = {"--strict", NULL, NULL,
                           "treat every warning (such as an unknown "
                           "column) as an error",
                           NULL},
    [IMPORT_OPT_QUIET] = {"--quiet", "-q", NULL,
                          "do not print the columns used and the counts "
                          "read (problems are still printed)",
                          NULL},
    [IMPORT_OPT_FACILITATORS] = {"--facilitators", NULL, "FACILITATORS.csv",
                                 "also read a sheet of facilitators (a row "
                                 "each: name, e-mail, organisation, "
                                 "availability, Max sets, Withdrawn)",
                                 NULL},
};

enum {
    INIT_OPT_OUT = 0,
    INIT_OPT_SIZE,
    INIT_OPT_DAYS,
    INIT_OPT_SETS,
    INIT_OPT_COUNCIL_PAIRS,
    INIT_OPT_ORGS,
    INIT_OPT_SENIORITY,
    INIT_OPT_NAME
};
static const cli_option init_options[] = {
    [INIT_OPT_OUT] = {"--output", "-o", "PROGRAMME.json",
                      "write the programme to PROGRAMME.json ('-' or "
                      "absent: standard output); PROGRAMME.json is "
                      "replaced only when the whole file is written",
                      NULL},
    [INIT_OPT_SIZE] = {"--size", NULL, "MIN[:MAX[:TARGET]]",
                       "members per set: 4 (exactly), 6:8 (6 to 8) or "
                       "8:12:10 (8 to 12, aiming at 10) (default 4:8)",
                       NULL},
    [INIT_OPT_DAYS] = {"--days", NULL, "DAYS",
                       "weekdays and slots: the days, as tue,thu (default); "
                       "series: the number of series (default 3) or their "
                       "names",
                       NULL},
    [INIT_OPT_SETS] = {"--sets", NULL, "N",
                       "open at most N sets (default: as many as needed)",
                       NULL},
    [INIT_OPT_COUNCIL_PAIRS] = {"--council-pairs", NULL, NULL,
                                "a council's nominated officer and "
                                "councillor share a set",
                                NULL},
    [INIT_OPT_ORGS] = {"--organisations", NULL, "RULE",
                       "distinct (the default), prefer_distinct or "
                       "ignore: two people of one organisation in a set",
                       NULL},
    [INIT_OPT_SENIORITY] = {"--seniority", NULL, "RULE",
                            "similar (the default), mixed or ignore: the "
                            "seniority of a set's members",
                            NULL},
    [INIT_OPT_NAME] = {"--name", NULL, "NAME",
                       "the programme's name (shown in reports)", NULL},
};

#define CLI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const cli_command commands[] = {
    {"allocate", NULL, "allocate the applicants of a cohort to sets",
     "Read the cohort document COHORT, allocate its applicants to sets so\n"
     "that every hard rule holds, placing as many as possible, then those\n"
     "of highest priority, then minimising the penalty, and write the\n"
     "allocation document (sets, the unassigned with a reason each, the\n"
     "objective). Options given here override the cohort's\n"
     "programme.solver. The same cohort, options and seed give the same\n"
     "allocation unless the search was stopped by the time limit.\n"
     "\n"
     "With --previous, the allocation re-runs an earlier one: continuing\n"
     "applicants stay in their sets wherever possible, then as few of them\n"
     "move as possible, then new applicants fill the free places; the\n"
     "output's \"changes\" lists every move, every newcomer placed and\n"
     "everyone who left (check it with als check --previous).\n"
     "\n"
     "Each set records its members' names from the cohort (\"names\",\n"
     "beside \"members\"), so that a re-run can tell whether the ids still\n"
     "name the same people: a previous allocation that names a member\n"
     "differently from the cohort (case and spacing aside), lists a member\n"
     "or a set id twice, or whose members are mostly not in the cohort, is\n"
     "invalid input (exit status 3), reported at its path in that file.\n"
     "\n"
     "One e-mail is placed once: an applicant with the same e-mail as an\n"
     "earlier one in the cohort (case aside) is left unassigned, the\n"
     "reason saying so (unless continuing in a re-run, pinned, or in a\n"
     "unit with others).\n"
     "\n"
     "Runs longer than two seconds report their progress (elapsed time,\n"
     "applicants placed, best penalty) on standard error unless --quiet.\n"
     "Interrupting with Ctrl-C stops the search and writes the best\n"
     "allocation found so far.\n"
     "\n"
     "Exit status: 0 an allocation was written, 1 the hard constraints\n"
     "(pins, fixed sets) cannot all hold (the allocation written says\n"
     "which), 2 usage error, 3 the cohort cannot be read or breaks the\n"
     "format, 4 internal failure or out of memory; on any failure OUT is\n"
     "left as it was.\n",
     allocate_args, CLI_COUNT(allocate_args), allocate_options,
     CLI_COUNT(allocate_options), cmd_allocate, NULL},
    {"validate", "COHORT", "read a cohort and report every input error",
     "Read the cohort document COHORT and report every input error found,\n"
     "each as FILE: error: PATH: message (or FILE:LINE:COL: error: message\n"
     "for a JSON syntax error), on standard error. When the cohort is\n"
     "valid, print the warnings a coordinator should see (an incomplete\n"
     "council nomination, an applicant no day suits, more applicants than\n"
     "places, likely duplicate applications: the same e-mail, the same\n"
     "name in one organisation, or the same surname there with one first\n"
     "name the start of the other, \"Gar Rogers\" and \"Gareth Rogers\";\n"
     "likely spellings of one organisation, sector or council, \"Leeds CC\"\n"
     "and \"Leeds City Council\", \"AWP\" and \"Avon and Wiltshire Mental\n"
     "Health Partnership NHS Trust\", \"VCS\" and \"voluntary\", followed\n"
     "by the programme.aliases entries that would merge them, ready to\n"
     "paste) on standard error, and one summary line on standard output:\n"
     "\n"
     "  FILE: ok: N applicants (W withdrawn), U units, O organisations,\n"
     "  S sectors, D days, sets of MIN..MAX (fixed: F | at most M |\n"
     "  as many as needed)\n"
     "\n"
     "Warnings do not change the exit status. A programme document (no\n"
     "applicants) that als import --programme takes is valid too; one\n"
     "with errors is reported as a programme.\n"
     "\n"
     "Exit status: 0 the cohort is valid, 2 usage error, 3 the cohort\n"
     "cannot be read or breaks the format, 4 internal failure.\n",
     validate_args, CLI_COUNT(validate_args), NULL, 0, cmd_validate, NULL},
    {"check", "COHORT ALLOCATION [--previous ALLOCATION]",
     "verify an allocation against its cohort",
     "Verify the allocation document ALLOCATION against the cohort COHORT\n"
     "without trusting it: every hard constraint, that every applicant who\n"
     "has not withdrawn is listed exactly once, that every listed id is\n"
     "known, and that each reported objective figure matches the one\n"
     "recomputed from the membership. With --previous, the re-run figures\n"
     "(continuing, moves) and the changes list are verified too, after the\n"
     "previous allocation is checked as allocate --previous checks it (an\n"
     "error there is invalid input, exit status 3). A member whose name the\n"
     "allocation records differently from the cohort is a violation.\n"
     "\n"
     "The violations are the command's output: each is printed on its own\n"
     "line on standard output, as ALLOCATION: error: PATH: message, where\n"
     "PATH points into the allocation document (sets[1].members[3]),\n"
     "followed by a last line ALLOCATION: N violations. A valid allocation\n"
     "gives one line:\n"
     "\n"
     "  ALLOCATION: ok: N placed in S sets, U unassigned, penalty X\n"
     "\n"
     "With --previous the line also counts the continuing applicants and\n"
     "those moved: ..., U unassigned, C continuing, M moved, penalty X.\n"
     "\n"
     "Errors in reading the files go to standard error, as for validate.\n"
     "\n"
     "Exit status: 0 the allocation is valid, 1 violations were found,\n"
     "2 usage error, 3 a file cannot be read or breaks the format,\n"
     "4 internal failure.\n",
     check_args, CLI_COUNT(check_args), check_options, CLI_COUNT(check_options),
     cmd_check, NULL},
    {"report", "COHORT ALLOCATION [--format text|markdown|csv|html] [-o OUT]",
     "render an allocation for people",
     "Render the allocation document ALLOCATION of the cohort COHORT for\n"
     "people: for each set, its day, its members (organisation, sector,\n"
     "level) and figures (sectors, seniority range, organisations,\n"
     "penalty), and every soft rule it bends, named plainly; overall, the\n"
     "objective's figures, each beside the least any split of the placed\n"
     "applicants into sets of the same sizes could reach; the unassigned\n"
     "and why; and for a re-run, what changed (moves, joiners, leavers).\n"
     "With a programme.calendar, each set lists its sessions (date,\n"
     "weekday, start and end time, title); in markdown and html each set\n"
     "gets a link to mail everyone in it (mailto: every e-mail known).\n"
     "\n"
     "Formats:\n"
     "  text      for a terminal, lines of at most 80 columns (the default)\n"
     "  markdown  headings and tables, to paste into an e-mail\n"
     "  csv       RFC 4180 with a header row: one row per member (with\n"
     "            its role, and the set's session dates, \"2021-02-02;\n"
     "            2021-03-09\"), then one per unassigned applicant (empty\n"
     "            set, with the reason), for a spreadsheet\n"
     "  html      one self-contained page (no scripts, nothing fetched) to\n"
     "            read on screen or print (each set kept on one page)\n"
     "\n"
     "The allocation is checked first, as by als check: an unknown or\n"
     "missing applicant or a broken hard rule is reported on standard error,\n"
     "one per line, and no report is written. Its objective figures are\n"
     "recomputed from the membership, not trusted.\n"
     "\n"
     "Exit status: 0 the report was written, 2 usage error, 3 a file cannot\n"
     "be read or breaks the format, or the allocation does not fit the\n"
     "cohort, 4 internal failure or out of memory; on any failure OUT is\n"
     "left as it was.\n",
     report_args, CLI_COUNT(report_args), report_options,
     CLI_COUNT(report_options), cmd_report, NULL},
    {"calendar", "COHORT ALLOCATION -o DIR",
     "write each set's sessions as an iCalendar file",
     "Write, for each set of the allocation document ALLOCATION of the\n"
     "cohort COHORT, the set's sessions (the cohort's programme.calendar)\n"
     "as an iCalendar file (RFC 5545) DIR/SET.ics, to import into a\n"
     "calendar or send to the set's members: one event per session, at\n"
     "the set's date and time in the programme's time zone (its VTIMEZONE\n"
     "included), titled \"Programme: session (set S1)\", with the set's\n"
     "members as attendees (their names, and mailto: their e-mail when the\n"
     "cohort gives one; otherwise a urn:uuid: address no one can mail).\n"
     "DIR is created when missing. In a set's file name, a character of the\n"
     "set id other than a letter, digit, '.', '_' or '-' (and a leading\n"
     "'.') is written '_'. Each file is written whole or not at all, and\n"
     "its path is printed on standard output.\n"
     "\n"
     "Event ids (UID) depend only on the programme's name, the set id and\n"
     "the session's place in the calendar, so a re-issued file (after a\n"
     "re-run) updates the events people already have. SEQUENCE counts the\n"
     "allocation's changes into and out of the set, and is one more than\n"
     "the same event's in the file being replaced when the event changed\n"
     "(never less than it), so a calendar takes the newer version.\n"
     "\n"
     "The allocation is checked first, as by als report.\n"
     "\n"
     "Exit status: 0 the calendars were written, 2 usage error, 3 a file\n"
     "cannot be read or breaks the format, the cohort has no\n"
     "programme.calendar, the allocation does not fit the cohort, or DIR\n"
     "or a file in it cannot be written, 4 internal failure or out of\n"
     "memory. Nothing is written unless every file could be made; a file\n"
     "written before a failure to write a later one is left whole.\n",
     calendar_args, CLI_COUNT(calendar_args), calendar_options,
     CLI_COUNT(calendar_options), cmd_calendar, NULL},
    {"import",
     "APPLICANTS.csv [--programme PROGRAMME.json] [-o COHORT.json] "
     "[--facilitators FACILITATORS.csv] [--columns MAPPING] [--first-come] "
     "[--strict] [--quiet]",
     "turn a spreadsheet of applicants (CSV) into a cohort",
     "Read the spreadsheet APPLICANTS.csv, saved as CSV (UTF-8, with or\n"
     "without a byte-order mark; commas, semicolons or tabs between cells;\n"
     "quoted cells may hold line breaks; a sheet in UTF-16 or\n"
     "Windows-1252 is an error saying so: save it as \"CSV UTF-8\"), and\n"
     "write the cohort document it describes, one applicant per row, in\n"
     "the order of the sheet. The\n"
     "first row names the columns, recognised whatever their case and\n"
     "spacing: Id (Applicant ID); Name, or First name and Surname;\n"
     "Email (E-mail address, Your email, ...), kept on the applicant;\n"
     "Organisation (Organization, Employer, Trust; Company only where no\n"
     "more specific column has a value); Sector; Seniority\n"
     "(Level, Grade, Band: 7, \"Band 7\", B7 or a level name; a column that\n"
     "names NHS band 8a, 8b, 8c or 8d is read as the Agenda for Change\n"
     "bands, Band 1 to Band 9, in order, written by name; \"8a (acting\n"
     "8b)\" is 8a and \"n/a\" no level, with a warning); Availability\n"
     "(Days, Series, Slot: \"Tue; Thu\", \"Tuesday and Thursday\", both,\n"
     "any, none, \"Either - happy with both\", \"prefer Thursday\" (with\n"
     "a warning), \"not Tuesday\", \"2 or 3\" for numbered series,\n"
     "\"Series 1 (26 Sep, 8 Oct)\") or a yes/no column for each day; Role\n"
     "(Cllr, Elected member, Council officer, ...; a row whose role is\n"
     "facilitator is one of the facilitators) and Council (or Nomination)\n"
     "for council pairs;\n"
     "Together and Apart (ids or names, separated by semicolons or\n"
     "commas); Priority; Withdrawn (Status, Attendee Status: Cancelled,\n"
     "Refunded, Not attending are withdrawn; Attending, Checked in,\n"
     "Waitlist are not); Set (Pin). A header that asks a question (\"Which\n"
     "day would you like your set to meet?\", \"Are you an officer or a\n"
     "councillor?\", \"Type of organisation\") is read as the field it\n"
     "asks for, with a warning. A wholly blank column gives way to another\n"
     "of its field. A column a rule of the programme needs (the days, the\n"
     "role beside a nominating council) is an error when missing.\n"
     "\n"
     "The mapping used is printed on standard error unless --quiet: for\n"
     "each column the field it gave and how many values were read, or why\n"
     "it was ignored; then the rows read.\n"
     "\n"
     "Ids do not depend on row order: without an Id column, an applicant's\n"
     "id is the e-mail, lower-cased (jo.smith@x.org), else the name and\n"
     "organisation as a slug (jo-smith-riverside), so deleting, inserting\n"
     "or re-sorting rows changes no one's id. Two rows giving the same id\n"
     "(likely a duplicate application) are warned about; the later gets\n"
     "-2, -3, ... in row order.\n"
     "\n"
     "With --first-come, priorities follow submission: the earliest row\n"
     "gets the highest priority (the number of rows), the latest 1, ties\n"
     "in row order. The time comes from a Timestamp (Google Forms),\n"
     "Completion time (else Start time: Microsoft Forms) or Order Date\n"
     "(Eventbrite) column, as 2024/09/03 10:14:55 am GMT+1, 03/09/2024\n"
     "10:14:55, 9/3/24 10:14:55, 2024-09-03T10:14:55 or 2024-09-03 10:14\n"
     "(day or month first as the column's dates show: a number above 12;\n"
     "else day first with a four-digit year, month first with two);\n"
     "without such a column, the rows' order. A time that cannot be read\n"
     "is an error at its row and column; so is a Priority column.\n"
     "\n"
     "With --facilitators, FACILITATORS.csv lists the facilitators, a row\n"
     "each, with the same kinds of columns: Name (or First name and\n"
     "Surname), Email, Organisation, Availability (or a yes/no column per\n"
     "day), Max sets (how many sets they may lead, default 1), Withdrawn,\n"
     "and Id when the sheet has one (else the e-mail, else name and\n"
     "organisation, as for applicants; an id an applicant has gets -f).\n"
     "Its problems are printed like the applicants sheet's, each starting\n"
     "\"facilitators sheet:\".\n"
     "\n"
     "The programme comes from PROGRAMME.json, a cohort document without\n"
     "applicants. Without one, the cohort has the default programme: the\n"
     "days the sheet names, sets of 4 to 8, the seniority levels officer,\n"
     "manager, head, director, chief executive, and the default rules.\n"
     "\n"
     "Every problem is reported with its place, as\n"
     "\n"
     "  FILE:ROW:COLUMN: error: row 7, column D (Availability): message\n"
     "\n"
     "An answer not understood is one error naming every row it is in.\n"
     "An unknown column is a warning, and ignored (an error with\n"
     "--strict), as is a likely duplicate application (the same e-mail,\n"
     "the same name in one organisation, the same surname there with one\n"
     "first name the start of the other), named by both rows, and likely\n"
     "spellings of one organisation, sector or council (with the\n"
     "programme.aliases entries that would merge them). The programme's\n"
     "aliases apply to the sheet. The cohort is written only when there\n"
     "is no error, and\n"
     "reads back as written.\n"
     "\n"
     "Exit status: 0 the cohort was written, 2 usage error, 3 a file cannot\n"
     "be read, or the sheet, the mapping or the programme is invalid,\n"
     "4 internal failure or out of memory; on any failure COHORT.json is\n"
     "left as it was.\n",
     import_args, CLI_COUNT(import_args), import_options,
     CLI_COUNT(import_options), cmd_import, NULL},
    {"init",
     "[KIND] [--size MIN[:MAX[:TARGET]]] [--days DAYS] [--sets N] "
     "[--council-pairs] [--organisations RULE] [--seniority RULE] "
     "[--name NAME] [-o PROGRAMME.json]",
     "write a commented programme file to edit",
     "Write a programme document for a kind of programme, with a comment\n"
     "beside each setting saying what it means and what else it may be,\n"
     "so that no one writes one from a blank page. Keys beginning with //\n"
     "are comments: als ignores them wherever they are. Edit the file,\n"
     "then check it with als validate PROGRAMME.json and import a sheet of\n"
     "applicants with it (als import --programme PROGRAMME.json SHEET.csv).\n"
     "\n"
     "KIND:\n"
     "  weekdays  sets that meet on fixed weekdays, e.g. tue and thu (the\n"
     "            default)\n"
     "  series    dated series: \"Series 1\", \"Series 2\", ...\n"
     "  slots     half-day slots: \"Tuesday AM\", \"Tuesday PM\", ...\n"
     "\n"
     "The file written is checked as als import --programme checks a\n"
     "programme. A target size (--size 8:12:10) is written as a comment.\n"
     "\n"
     "Exit status: 0 the programme was written, 2 usage error (an unknown\n"
     "kind, a size, day list or rule that cannot be used), 4 internal\n"
     "failure or out of memory; on any failure PROGRAMME.json is left as\n"
     "it was.\n",
     NULL, 0, init_options, CLI_COUNT(init_options), cmd_init, "KIND"},
};

static const char general_help[] =
    "Allocate applicants to action learning sets.\n"
    "\n"
    "'-' as a file name means standard input. Options may come before or\n"
    "after the arguments; '--' ends the options. Messages go to standard\n"
    "error as FILE: error: PATH: message, or FILE:LINE:COL: error: message\n"
    "for JSON syntax.\n"
    "\n"
    "Exit status:\n"
    "  0  success (for check: the allocation is valid)\n"
    "  1  check found violations, or allocate found the hard constraints\n"
    "     infeasible\n"
    "  2  usage error (unknown command or option, missing or extra argument)\n"
    "  3  invalid input: a file that cannot be read, is not valid JSON (or,\n"
    "     for import, CSV), or breaks the format; with --previous, an\n"
    "     allocation whose ids do not name the cohort's people\n"
    "  4  internal failure or out of memory\n";

/* ------------------------------------------------------------------ */
/* Help and usage                                                      */

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < CLI_COUNT(commands); i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
    return NULL;
}

/* An option as printed and parsed: a solver option's fields filled from the
   library's table, its help ending with its bounds and default. */
typedef struct cli_option_view {
    const char *name;
    const char *short_name;
    const char *metavar;
    const char *const *choices; /* a solver option's choices, or NULL */
    const char *help;
    size_t solver; /* its row of the solver's option table, or (size_t)-1 */
    char help_buf[512];
} cli_option_view;

static void option_view(const cli_option *o, cli_option_view *v)
{
    const als_solve_option_info *info = NULL;
    size_t row = 0;
    memset(v, 0, sizeof *v);
    v->name = o->name;
    v->short_name = o->short_name;
    v->metavar = o->metavar;
    v->help = o->help;
    v->solver = (size_t)-1;
    if (o->solver == NULL)
        return;
    for (; (info = als_solve_option(row)) != NULL; row++)
        if (strcmp(info->name, o->solver) == 0)
            break;
    if (info == NULL || info->flag == NULL)
        return; /* not reached: the table names every solver option */
    char range[128], def[64];
    als_solve_option_range(row, range, sizeof range);
    if (info->choices != NULL)
        snprintf(def, sizeof def, "%s", info->choices[(size_t)info->def]);
    else
        snprintf(def, sizeof def, "%.17g", info->def);
    v->name = info->flag;
    v->metavar = info->metavar;
    v->choices = info->choices;
    v->solver = row;
    if (info->in_cohort)
        snprintf(v->help_buf, sizeof v->help_buf,
                 "%s (%s%s; default: the cohort's programme.solver.%s, else "
                 "%s)",
                 info->help, info->choices != NULL ? "one of " : "", range,
                 info->name, def);
    else
        snprintf(v->help_buf, sizeof v->help_buf, "%s (%s%s; default: %s)",
                 info->help, info->choices != NULL ? "one of " : "", range,
                 def);
    v->help = v->help_buf;
}

/* The synopsis of a command whose table gives none: its arguments, then
   each option in brackets (a choice's names joined by '|'). */
static void print_synopsis(FILE *to, const cli_command *cmd)
{
    if (cmd->synopsis != NULL) {
        fputs(cmd->synopsis, to);
        return;
    }
    for (size_t i = 0; i < cmd->nargs; i++)
        fprintf(to, "%s%s", i ? " " : "", cmd->args[i]);
    for (size_t i = 0; i < cmd->noptions; i++) {
        cli_option_view v;
        option_view(&cmd->options[i], &v);
        fprintf(to, " [%s",
                v.short_name != NULL && v.metavar != NULL ? v.short_name
                                                          : v.name);
        if (v.choices != NULL)
            for (size_t k = 0; v.choices[k] != NULL; k++)
                fprintf(to, "%c%s", k ? '|' : ' ', v.choices[k]);
        else if (v.metavar != NULL)
            fprintf(to, " %s", v.metavar);
        fputc(']', to);
    }
}

static void print_usage_line(FILE *to, const cli_command *cmd)
{
    if (cmd != NULL) {
        fprintf(to, "usage: als %s ", cmd->name);
        print_synopsis(to, cmd);
        fputc('\n', to);
    } else
        fprintf(to, "usage: als COMMAND [ARGS]... (see 'als --help')\n");
}

/* A usage error: one line saying what is wrong, then the usage line. */
static int usage_error(const cli_ctx *ctx, const char *fmt, ...)
    CLI_PRINTF(2, 3);
static int usage_error(const cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    if (ctx->cmd != NULL)
        fprintf(ctx->err, "als %s: ", ctx->cmd->name);
    else
        fprintf(ctx->err, "als: ");
    va_start(ap, fmt);
    vfprintf(ctx->err, fmt, ap);
    va_end(ap);
    fputc('\n', ctx->err);
    print_usage_line(ctx->err, ctx->cmd);
    return CLI_EXIT_USAGE;
}

/*
 * Print `text` from column `indent` (where the cursor is) in lines of at
 * most 79 columns, indenting the later lines as much.
 */
static void print_wrapped(FILE *to, const char *text, size_t indent)
{
    size_t column = indent;
    while (*text != '\0') {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + word > 79) {
            fprintf(to, "\n%*s", (int)indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', to);
            column++;
        }
        fprintf(to, "%.*s", (int)word, text);
        column += word;
        text += word;
        text += strspn(text, " ");
    }
    fputc('\n', to);
}

static void print_option_list(FILE *to, const cli_command *cmd)
{
    char left[64];
    fprintf(to, "Options:\n");
    for (size_t i = 0; i < cmd->noptions; i++) {
        cli_option_view o;
        option_view(&cmd->options[i], &o);
        snprintf(left, sizeof left, "%s%s%s%s%s",
                 o.short_name != NULL ? o.short_name : "",
                 o.short_name != NULL ? ", " : "", o.name,
                 o.metavar != NULL ? " " : "",
                 o.metavar != NULL ? o.metavar : "");
        fprintf(to, "  %-24s ", left);
        print_wrapped(to, o.help, 27);
    }
    fprintf(to, "  %-24s %s\n", "-h, --help", "show this help and exit");
}

static void print_command_help(FILE *to, const cli_command *cmd)
{
    print_usage_line(to, cmd);
    fprintf(to, "\n%s: %s.\n\n%s\n", cmd->name, cmd->summary, cmd->help);
    print_option_list(to, cmd);
}

static void print_general_help(FILE *to)
{
    fprintf(to, "usage: als COMMAND [ARGS]... [OPTIONS]...\n"
                "       als COMMAND --help\n"
                "       als --help | --version\n\n");
    fputs(general_help, to);
    fprintf(to, "\nCommands:\n");
    for (size_t i = 0; i < CLI_COUNT(commands); i++)
        fprintf(to, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(to, "\nSee 'als COMMAND --help' for the arguments of each.\n");
}

/*
 * A plain, line-oriented dump of the whole command table for generating a
 * manual page: `@key value` lines, and `@help`/`@end` around verbatim text.
 */
static void print_help_man(FILE *to)
{
    fprintf(to, "@program als\n@version %s\n@description\n%s@end\n",
            als_version_string(), general_help);
    for (size_t i = 0; i < CLI_COUNT(commands); i++) {
        const cli_command *cmd = &commands[i];
        fprintf(to, "@command %s\n@synopsis als %s ", cmd->name, cmd->name);
        print_synopsis(to, cmd);
        fprintf(to, "\n@summary %s\n", cmd->summary);
        for (size_t k = 0; k < cmd->noptions; k++) {
            cli_option_view o;
            option_view(&cmd->options[k], &o);
            fprintf(to, "@option %s%s%s%s%s\t%s\n",
                    o.short_name != NULL ? o.short_name : "",
                    o.short_name != NULL ? ", " : "", o.name,
                    o.metavar != NULL ? " " : "",
                    o.metavar != NULL ? o.metavar : "", o.help);
        }
        fprintf(to, "@help\n%s@end\n", cmd->help);
    }
}

/* ------------------------------------------------------------------ */
/* Argument parsing                                                    */

static int is_help_flag(const char *s)
{
    return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* Index of the option `s` (without any "=value") names, or -1. */
static int find_option(const cli_command *cmd, const char *s, size_t len)
{
    for (size_t i = 0; i < cmd->noptions; i++) {
        cli_option_view o;
        option_view(&cmd->options[i], &o);
        if (strlen(o.name) == len && strncmp(o.name, s, len) == 0)
            return (int)i;
        if (o.short_name != NULL && strlen(o.short_name) == len &&
            strncmp(o.short_name, s, len) == 0)
            return (int)i;
    }
    return -1;
}

/*
 * Parse the arguments after the command name into `out`. Options may come
 * before or after positional arguments; "--" ends the options; a lone "-" is
 * a positional argument (standard input). Returns CLI_EXIT_OK or, after
 * printing the usage error, CLI_EXIT_USAGE.
 */
static int parse_args(const cli_ctx *ctx, int argc, char **argv, cli_args *out)
{
    const cli_command *cmd = ctx->cmd;
    int options_done = 0;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!options_done && strcmp(s, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (!options_done && s[0] == '-' && s[1] != '\0') {
            const char *eq = s[1] == '-' ? strchr(s, '=') : NULL;
            size_t len = eq != NULL ? (size_t)(eq - s) : strlen(s);
            int k = find_option(cmd, s, len);
            cli_option_view view;
            const cli_option_view *o = &view;
            const char *value;
            if (k < 0)
                return usage_error(ctx, "unknown option '%.*s'", (int)len, s);
            option_view(&cmd->options[k], &view);
            if (o->metavar == NULL) {
                if (eq != NULL)
                    return usage_error(ctx, "option '%s' takes no value",
                                       o->name);
                value = "";
            } else if (eq != NULL) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                return usage_error(ctx, "option '%s' needs a value (%s)",
                                   o->name, o->metavar);
            }
            if (out->opt[k] != NULL)
                return usage_error(ctx, "option '%s' given twice", o->name);
            out->opt[k] = value;
            continue;
        }
        if (out->npos == cmd->nargs + (cmd->optional_arg != NULL))
            return usage_error(ctx, "unexpected argument '%s'", s);
        out->pos[out->npos++] = s;
    }
    if (out->npos < cmd->nargs)
        return usage_error(ctx, "missing argument %s", cmd->args[out->npos]);
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Input files and diagnostics                                         */

/* A whole input file in memory, and the name messages show for it. */
typedef struct cli_file {
    const char *name;
    char *data;
    size_t len;
} cli_file;

static int exit_code_for(als_status rc)
{
    switch (rc) {
    case ALS_EPARSE:
    case ALS_ESCHEMA:
    case ALS_ELIMIT:
    case ALS_EIO:
        return CLI_EXIT_INPUT;
    default:
        return CLI_EXIT_INTERNAL;
    }
}

static int out_of_memory(const cli_ctx *ctx)
{
    fprintf(ctx->err, "als: error: out of memory\n");
    return CLI_EXIT_INTERNAL;
}

/*
 * Read `path` ("-": standard input) whole into `f`. Inputs larger than
 * ALS_MAX_INPUT_BYTES are refused before the library sees them.
 */
static int read_file(const cli_ctx *ctx, const char *path, cli_file *f)
{
    const size_t limit = ALS_MAX_INPUT_BYTES;
    int from_stdin = strcmp(path, "-") == 0;
    FILE *fp;
    size_t cap = 0;
    int code = CLI_EXIT_OK;

    f->name = from_stdin ? CLI_STDIN_NAME : path;
    f->data = NULL;
    f->len = 0;
    errno = 0;
    fp = from_stdin ? stdin : fopen(path, "rb");
    if (fp == NULL && errno == ENOMEM)
        return out_of_memory(ctx);
    if (fp == NULL) {
        fprintf(ctx->err, "%s: error: cannot read: %s\n", f->name,
                strerror(errno));
        return CLI_EXIT_INPUT;
    }
    for (;;) {
        size_t got;
        if (f->len == cap) {
            /* Room for one byte past the limit tells "too large" apart. */
            size_t ncap = cap == 0 ? 65536 : cap * 2;
            char *p;
            if (ncap > limit + 1)
                ncap = limit + 1;
            if (ncap <= cap) {
                fprintf(ctx->err,
                        "%s: error: input larger than the limit of %zu "
                        "bytes\n",
                        f->name, limit);
                code = CLI_EXIT_INPUT;
                break;
            }
            p = realloc(f->data, ncap);
            if (p == NULL) {
                code = out_of_memory(ctx);
                break;
            }
            f->data = p;
            cap = ncap;
        }
        errno = 0;
        got = fread(f->data + f->len, 1, cap - f->len, fp);
        f->len += got;
        if (got == 0) {
            if (ferror(fp) && errno == ENOMEM) {
                code = out_of_memory(ctx);
            } else if (ferror(fp)) {
                fprintf(ctx->err, "%s: error: cannot read: %s\n", f->name,
                        errno != 0 ? strerror(errno) : "read error");
                code = CLI_EXIT_INPUT;
            }
            break;
        }
    }
    if (!from_stdin)
        fclose(fp);
    if (code != CLI_EXIT_OK) {
        free(f->data);
        f->data = NULL;
        f->len = 0;
    }
    return code;
}

static void print_entry(FILE *to, const char *file, const als_error *e)
{
    const char *sev = e->severity == ALS_SEV_WARNING ? "warning" : "error";
    const char *msg =
        e->message[0] != '\0' ? e->message : als_status_str(e->code);
    if (e->line != 0 && e->column != 0)
        fprintf(to, "%s:%u:%u: %s: ", file, e->line, e->column, sev);
    else if (e->line != 0) /* a whole row of a spreadsheet */
        fprintf(to, "%s:%u: %s: ", file, e->line, sev);
    else
        fprintf(to, "%s: %s: ", file, sev);
    if (e->path[0] != '\0')
        fprintf(to, "%.*s: ", (int)sizeof e->path, e->path);
    fprintf(to, "%.*s\n", (int)sizeof e->message, msg);
}

/*
 * Print every stored entry of `d`, then a note on those past the cap. When
 * the call failed (`rc`) without storing an error, print `first` instead, so
 * that a failure is never silent.
 */
static void print_diag(FILE *to, const char *file, const als_diag *d,
                       als_status rc, const als_error *first, const char *noun)
{
    size_t n = als_diag_count(d);
    size_t total = als_diag_total(d);
    for (size_t i = 0; i < n; i++) {
        const als_error *e = als_diag_get(d, i);
        if (e != NULL)
            print_entry(to, file, e);
    }
    if (total > n)
        fprintf(to, "%s: note: %zu more %s not shown\n", file, total - n, noun);
    if (rc != ALS_OK && als_diag_errors(d) == 0 && total == n) {
        als_error e = *first;
        if (e.code == ALS_OK)
            e.code = rc;
        e.severity = ALS_SEV_ERROR;
        print_entry(to, file, &e);
    }
}

/* Which document a file holds, for load_document(). */
typedef enum cli_doc {
    CLI_DOC_COHORT,
    CLI_DOC_ALLOCATION,
    CLI_DOC_COHORT_OR_PROGRAMME /* a document without "applicants" that
                                   als import takes as a programme: OK,
                                   with *problem NULL */
} cli_doc;

/*
 * Read `path` and parse it as `kind` into *problem or *alloc. Every error
 * and warning is printed to standard error, prefixed with the file's name.
 * `*name`, when not NULL, receives the name messages use for the file.
 */
static int load_document(const cli_ctx *ctx, const char *path, cli_doc kind,
                         als_problem **problem, als_allocation **alloc,
                         const char **name)
{
    cli_file f;
    als_diag *d = NULL;
    als_error err;
    als_status rc;
    int code = read_file(ctx, path, &f);

    if (name != NULL)
        *name = f.name;
    if (code != CLI_EXIT_OK)
        return code;
    if (als_diag_new(&d) != ALS_OK) {
        free(f.data);
        return out_of_memory(ctx);
    }
    memset(&err, 0, sizeof err);
    if (kind != CLI_DOC_ALLOCATION)
        rc = als_problem_from_json(problem, f.data, f.len, d, &err);
    else
        rc = als_allocation_from_json(alloc, f.data, f.len, d, &err);
    if (kind == CLI_DOC_COHORT_OR_PROGRAMME && rc == ALS_ESCHEMA) {
        /* a document without applicants is a programme: its own errors */
        als_diag *pd = NULL;
        als_error perr;
        if (als_diag_new(&pd) != ALS_OK) {
            als_diag_free(d);
            free(f.data);
            return out_of_memory(ctx);
        }
        memset(&perr, 0, sizeof perr);
        als_status prc = als_import_check_programme(f.data, f.len, pd, &perr);
        int has_applicants = 0;
        for (size_t i = 0; i < als_diag_count(pd); i++)
            has_applicants |=
                strcmp(als_diag_get(pd, i)->path, "applicants") == 0;
        if (prc == ALS_OK || (prc == ALS_ESCHEMA && !has_applicants)) {
            print_diag(ctx->err, f.name, pd, prc, &perr, "errors");
            als_diag_free(pd);
            als_diag_free(d);
            free(f.data);
            return prc == ALS_OK ? CLI_EXIT_OK : exit_code_for(prc);
        }
        als_diag_free(pd);
    }
    /* On success the list may still hold warnings. */
    print_diag(ctx->err, f.name, d, rc, &err, "errors");
    if (rc != ALS_OK)
        code = exit_code_for(rc);
    als_diag_free(d);
    free(f.data);
    return code;
}

/* "1 unit" / "2 units". */
static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */

static void print_cohort_summary(FILE *to, const char *name,
                                 const als_problem *p)
{
    size_t n = als_problem_applicant_count(p);
    size_t withdrawn = n - als_problem_active_count(p);
    size_t units = als_problem_unit_count(p);
    size_t orgs = als_problem_organisation_count(p);
    size_t sectors = als_problem_sector_count(p);
    size_t days = als_problem_day_count(p);
    size_t fixed = als_problem_fixed_set_count(p);
    long long max_sets = als_problem_max_sets(p);
    int min = 0, max = 0;

    als_problem_set_size(p, &min, &max);
    fprintf(to, "%s: ok: %zu %s", name, n,
            plural(n, "applicant", "applicants"));
    if (withdrawn > 0)
        fprintf(to, " (%zu withdrawn)", withdrawn);
    fprintf(to, ", %zu %s, %zu %s, %zu %s, %zu %s, sets of %d..%d", units,
            plural(units, "unit", "units"), orgs,
            plural(orgs, "organisation", "organisations"), sectors,
            plural(sectors, "sector", "sectors"), days,
            plural(days, "day", "days"), min, max);
    int target = als_problem_set_size_target(p, -1);
    if (target != ALS_NONE)
        fprintf(to, ", target %d", target);
    fprintf(to, " (");
    if (fixed > 0)
        fprintf(to, "fixed: %zu", fixed);
    else if (max_sets != ALS_NONE)
        fprintf(to, "at most %lld", max_sets);
    else
        fprintf(to, "as many as needed");
    fprintf(to, ")\n");
}

/* Set by SIGINT during allocate; polled by the progress callback. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct progress_state {
    FILE *err;
    int quiet;
    double printed; /* elapsed time of the last line printed */
} progress_state;

/* Called every tenth of a second, so that Ctrl-C acts at once; a line of
   progress every 2 seconds. */
static int on_progress(void *user, const als_progress *pr)
{
    progress_state *ps = user;
    if (!ps->quiet && pr->elapsed_s >= ps->printed + 2.0 &&
        strcmp(pr->phase, "done") != 0) {
        ps->printed = pr->elapsed_s;
        fprintf(ps->err, "als: %6.1f s  %-9s placed %lld, penalty %.15g\n",
                pr->elapsed_s, pr->phase, pr->placed, pr->penalty);
    }
    return interrupted != 0;
}

/* A number option: the whole text must be the number. */
/*
 * An output's troubles: out of memory (exit 4), or the file cannot be
 * written (exit 3, as an input that cannot be read).
 */
static int cannot_write(const cli_ctx *ctx, const char *path, int err)
{
    if (err == ENOMEM)
        return out_of_memory(ctx);
    fprintf(ctx->err, "%s: error: cannot write: %s\n", path, strerror(err));
    return CLI_EXIT_INPUT;
}

/* Names of the standard output that write_output() treats as "-". */
static int is_stdout_name(const char *path)
{
    return strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/fd/1") == 0 ||
           strcmp(path, "/proc/self/fd/1") == 0;
}

/* Names of another open file descriptor of this process (/dev/stderr,
   /dev/fd/N, /proc/self/fd/N): written to, at its end, never replaced,
   whatever the descriptor is open on. */
static int is_fd_name(const char *path)
{
    return strcmp(path, "/dev/stderr") == 0 ||
           strcmp(path, "/dev/stdin") == 0 ||
           strncmp(path, "/dev/fd/", 8) == 0 ||
           strncmp(path, "/proc/self/fd/", 14) == 0;
}

/*
 * Check an output named with -o before any work: not empty, and not one
 * of the inputs (the same path, or the same file by device and inode,
 * standard input included), which writing it would destroy. `inputs` may
 * hold NULLs (options not given).
 */
static int check_output(const cli_ctx *ctx, const char *out,
                        const char *const *inputs, size_t n)
{
    if (out == NULL)
        return CLI_EXIT_OK;
    if (out[0] == '\0')
        return usage_error(ctx, "the output file name is empty (-o \"\"); "
                                "give a file name, or '-' for standard "
                                "output");
    if (strcmp(out, "-") == 0 || is_stdout_name(out))
        return CLI_EXIT_OK;
    struct stat so, si;
    /* devices and FIFOs are written to, not replaced: /dev/null may be
       both an input and the output */
    int have = stat(out, &so) == 0 && S_ISREG(so.st_mode);
    for (size_t k = 0; k < n; k++) {
        const char *in = inputs[k];
        if (in == NULL)
            continue;
        int same;
        if (strcmp(in, "-") == 0)
            same = have && fstat(STDIN_FILENO, &si) == 0;
        else
            same = strcmp(in, out) == 0 || (have && stat(in, &si) == 0);
        if (same && (strcmp(in, out) == 0 ||
                     (si.st_dev == so.st_dev && si.st_ino == so.st_ino)))
            return usage_error(ctx,
                               "the output '%s' is the input %s%s%s: "
                               "writing it would destroy it",
                               out, strcmp(in, "-") == 0 ? "" : "file '",
                               strcmp(in, "-") == 0 ? "(standard input)" : in,
                               strcmp(in, "-") == 0 ? "" : "'");
    }
    return CLI_EXIT_OK;
}

/* Write all of `text` to `fd`; 0, or an errno value. */
static int write_fd(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t k = write(fd, text, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k < 0 ? errno : EIO;
        text += k;
        len -= (size_t)k;
    }
    return 0;
}

/*
 * The file a path finally names, following symbolic links (up to 40, as
 * the kernel does), whether or not that file exists: a malloc'd path, or
 * NULL with errno set.
 */
static char *follow_links(const char *path)
{
    size_t n = strlen(path);
    char *cur = malloc(n + 1);
    if (cur == NULL)
        return NULL;
    memcpy(cur, path, n + 1);
    for (int hops = 0; hops <= 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur; /* not a link (or not there: the file to create) */
        size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 256;
        char *link = NULL;
        ssize_t got;
        for (;;) {
            char *p = realloc(link, cap);
            if (p == NULL) {
                free(link);
                free(cur);
                return NULL;
            }
            link = p;
            got = readlink(cur, link, cap);
            if (got < 0 || (size_t)got < cap)
                break;
            cap *= 2; /* grew since lstat(), or a size the system hides */
        }
        if (got < 0) {
            int e = errno;
            free(link);
            free(cur);
            errno = e;
            return NULL;
        }
        link[got] = '\0';
        const char *slash = strrchr(cur, '/');
        if (link[0] == '/' || slash == NULL) { /* as it stands */
            free(cur);
            cur = link;
            continue;
        }
        /* relative to the link's directory */
        size_t dlen = (size_t)(slash - cur) + 1;
        char *next = malloc(dlen + (size_t)got + 1);
        if (next == NULL) {
            free(link);
            free(cur);
            return NULL;
        }
        memcpy(next, cur, dlen);
        memcpy(next + dlen, link, (size_t)got + 1);
        free(link);
        free(cur);
        cur = next;
    }
    free(cur);
    errno = ELOOP;
    return NULL;
}

/*
 * Write `text` to `path` whole or not at all. A regular file (or a new
 * one) is written into a temporary file in the same directory, then
 * renamed over it; a symbolic link is followed and the file it names is
 * replaced, never the link. A FIFO, a device, the standard output
 * (/dev/stdout) or another descriptor (/dev/stderr, /dev/fd/N) is written
 * to directly: it cannot be replaced.
 */
static int write_output(const cli_ctx *ctx, const char *path, const char *text,
                        size_t len)
{
    if (path == NULL || strcmp(path, "-") == 0 || is_stdout_name(path)) {
        if (fwrite(text, 1, len, ctx->out) != len) {
            fprintf(ctx->err, "als: error: cannot write standard output: %s\n",
                    strerror(errno));
            return CLI_EXIT_INTERNAL;
        }
        return CLI_EXIT_OK;
    }
    struct stat st;
    int fd_name = is_fd_name(path);
    if (fd_name || (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
                    !S_ISDIR(st.st_mode))) {
        int fd = open(path, O_WRONLY | O_NOCTTY | (fd_name ? O_APPEND : 0));
        int e = fd < 0 ? errno : write_fd(fd, text, len);
        if (fd >= 0 && close(fd) != 0 && e == 0)
            e = errno;
        return e == 0 ? CLI_EXIT_OK : cannot_write(ctx, path, e);
    }
    char *target = follow_links(path);
    if (target == NULL)
        return cannot_write(ctx, path, errno);
    /* a short temporary name: any name the directory takes fits beside it */
    static const char tmpl[] = ".als-XXXXXX";
    const char *slash = strrchr(target, '/');
    size_t dlen = slash != NULL ? (size_t)(slash - target) + 1 : 0;
    char *tmp = malloc(dlen + sizeof tmpl);
    if (tmp == NULL) {
        free(target);
        return out_of_memory(ctx);
    }
    memcpy(tmp, target, dlen);
    memcpy(tmp + dlen, tmpl, sizeof tmpl);
    /* the file keeps its permissions; a new one takes the usual ones, not
       mkstemp's 0600 */
    mode_t mode;
    if (stat(target, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int e = 0;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
    } else {
        e = write_fd(fd, text, len);
        if (e == 0 && fchmod(fd, mode) != 0)
            e = errno;
        if (close(fd) != 0 && e == 0)
            e = errno;
        if (e == 0 && rename(tmp, target) != 0)
            e = errno;
        if (e != 0)
            unlink(tmp);
    }
    free(tmp);
    free(target);
    return e == 0 ? CLI_EXIT_OK : cannot_write(ctx, path, e);
}

/*
 * A re-run's previous allocation must be one of this cohort's, naming the
 * same people (als_check_previous()): its problems are printed under its
 * own name, and are invalid input.
 */
static int check_previous(const cli_ctx *ctx, const als_problem *p,
                          const als_allocation *prev, const char *name)
{
    als_diag *d = NULL;
    als_error err;
    if (als_diag_new(&d) != ALS_OK)
        return out_of_memory(ctx);
    memset(&err, 0, sizeof err);
    als_status rc = als_check_previous(p, prev, d, &err);
    int code = CLI_EXIT_OK;
    if (rc != ALS_OK) {
        print_diag(ctx->err, name, d, rc, &err, "errors");
        code = exit_code_for(rc);
    }
    als_diag_free(d);
    return code;
}

static int cmd_allocate(const cli_ctx *ctx, const cli_args *args)
{
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_solve_options o;
    als_error err;
    char *json = NULL;
    size_t len = 0;
    progress_state ps = {ctx->err, args->opt[ALLOC_OPT_QUIET] != NULL, 0};
    als_allocation *prev = NULL;
    const char *prev_path = args->opt[ALLOC_OPT_PREVIOUS];
    if (prev_path != NULL && strcmp(prev_path, "-") == 0 &&
        strcmp(args->pos[0], "-") == 0)
        return usage_error(ctx, "only one file can be read from '-'");
    const char *inputs[] = {args->pos[0], prev_path};
    int code = check_output(ctx, args->opt[ALLOC_OPT_OUT], inputs, 2);
    if (code != CLI_EXIT_OK)
        return code;
    code = load_document(ctx, args->pos[0], CLI_DOC_COHORT, &p, NULL, NULL);
    if (code != CLI_EXIT_OK)
        return code;
    if (prev_path != NULL) {
        const char *prev_name = NULL;
        code = load_document(ctx, prev_path, CLI_DOC_ALLOCATION, NULL, &prev,
                             &prev_name);
        if (code == CLI_EXIT_OK)
            code = check_previous(ctx, p, prev, prev_name);
        if (code != CLI_EXIT_OK) {
            als_allocation_free(prev);
            als_problem_free(p);
            return code;
        }
    }
    als_solve_options_init(&o, p);
    o.previous = prev;
    for (size_t k = 0; k < CLI_COUNT(allocate_options) && code == CLI_EXIT_OK;
         k++) {
        cli_option_view view;
        option_view(&allocate_options[k], &view);
        if (view.solver == (size_t)-1 || args->opt[k] == NULL)
            continue;
        als_error oerr;
        if (als_solve_options_set(&o, allocate_options[k].solver, args->opt[k],
                                  &oerr) != ALS_OK)
            code = usage_error(ctx, "%s %s", view.name, oerr.message);
    }
    if (code != CLI_EXIT_OK)
        goto done;
    o.progress = on_progress;
    o.progress_user = &ps;
    o.progress_interval_s = 0.1;
    signal(SIGINT, on_interrupt);
    memset(&err, 0, sizeof err);
    als_status rc = als_solve(&a, p, &o, &err);
    signal(SIGINT, SIG_DFL);
    if (rc == ALS_OK)
        rc = als_allocation_to_json(a, &json, &len, &err);
    if (rc != ALS_OK) {
        fprintf(ctx->err, "%s: error: %s%s%s\n", args->pos[0], err.path,
                err.path[0] ? ": " : "",
                err.message[0] ? err.message : als_status_str(rc));
        code = exit_code_for(rc);
        goto done;
    }
    code = write_output(ctx, args->opt[ALLOC_OPT_OUT], json, len);
    if (code == CLI_EXIT_OK &&
        als_allocation_status(a) == ALS_SOLVE_INFEASIBLE) {
        fprintf(ctx->err,
                "%s: error: the hard constraints cannot all hold; "
                "the allocation lists the reasons\n",
                args->pos[0]);
        code = CLI_EXIT_VIOLATIONS;
    }
done:
    als_free(json);
    als_allocation_free(a);
    als_allocation_free(prev);
    als_problem_free(p);
    return code;
}

static int cmd_validate(const cli_ctx *ctx, const cli_args *args)
{
    als_problem *p = NULL;
    als_diag *d = NULL;
    als_error err;
    als_status rc;
    const char *name;
    int code = load_document(ctx, args->pos[0], CLI_DOC_COHORT_OR_PROGRAMME, &p,
                             NULL, &name);

    if (code != CLI_EXIT_OK)
        return code;
    if (p == NULL) {
        fprintf(ctx->out,
                "%s: ok: a programme without applicants (import a sheet "
                "with it: als import --programme %s SHEET.csv)\n",
                name, name);
        return CLI_EXIT_OK;
    }
    if (als_diag_new(&d) != ALS_OK) {
        als_problem_free(p);
        return out_of_memory(ctx);
    }
    memset(&err, 0, sizeof err);
    rc = als_problem_warnings(p, d, &err);
    print_diag(ctx->err, name, d, rc, &err, "warnings");
    char *aliases = NULL;
    if (rc == ALS_OK)
        rc = als_problem_alias_suggestions(p, &aliases, &err);
    if (aliases != NULL)
        fprintf(ctx->err,
                "%s: to treat the spellings above as one, add to the "
                "programme:\n%s\n",
                name, aliases);
    als_free(aliases);
    if (rc != ALS_OK)
        code = exit_code_for(rc);
    else
        print_cohort_summary(ctx->out, name, p);
    als_diag_free(d);
    als_problem_free(p);
    return code;
}

static int cmd_check(const cli_ctx *ctx, const cli_args *args)
{
    const char *prev_path = args->opt[CHECK_OPT_PREVIOUS];
    als_problem *p = NULL;
    als_allocation *a = NULL, *prev = NULL;
    als_diag *d = NULL;
    als_objective obj;
    als_error err;
    als_status rc;
    const char *alloc_name = NULL;
    size_t violations = 0;
    int stdin_uses = 0;
    int code;

    stdin_uses += strcmp(args->pos[0], "-") == 0;
    stdin_uses += strcmp(args->pos[1], "-") == 0;
    stdin_uses += prev_path != NULL && strcmp(prev_path, "-") == 0;
    if (stdin_uses > 1)
        return usage_error(ctx, "only one file can be read from '-'");

    code = load_document(ctx, args->pos[0], CLI_DOC_COHORT, &p, NULL, NULL);
    if (code == CLI_EXIT_OK)
        code = load_document(ctx, args->pos[1], CLI_DOC_ALLOCATION, NULL, &a,
                             &alloc_name);
    const char *prev_name = NULL;
    if (code == CLI_EXIT_OK && prev_path != NULL)
        code = load_document(ctx, prev_path, CLI_DOC_ALLOCATION, NULL, &prev,
                             &prev_name);
    if (code == CLI_EXIT_OK && prev != NULL)
        code = check_previous(ctx, p, prev, prev_name);
    if (code == CLI_EXIT_OK && als_diag_new(&d) != ALS_OK)
        code = out_of_memory(ctx);
    if (code != CLI_EXIT_OK)
        goto done;

    memset(&err, 0, sizeof err);
    memset(&obj, 0, sizeof obj);
    rc = als_check(p, a, prev, d, &violations, &obj, &err);
    if (rc != ALS_OK) {
        print_diag(ctx->err, alloc_name, d, rc, &err, "violations");
        code = exit_code_for(rc);
        goto done;
    }
    /* The violations are this command's output, hence standard output. */
    print_diag(ctx->out, alloc_name, d, rc, &err, "violations");
    unsigned present = 0;
    (void)als_allocation_objective(a, &present);
    if (present == 0)
        fprintf(ctx->err,
                "%s: warning: objective: no \"objective\" figures to "
                "verify\n",
                alloc_name);
    if (violations < als_diag_errors(d))
        violations = als_diag_errors(d);
    if (violations > 0) {
        fprintf(ctx->out, "%s: %zu %s\n", alloc_name, violations,
                plural(violations, "violation", "violations"));
        code = CLI_EXIT_VIOLATIONS;
        goto done;
    }
    fprintf(ctx->out, "%s: ok: %lld placed in %zu %s, %zu unassigned",
            alloc_name, obj.placed, als_allocation_set_count(a),
            plural(als_allocation_set_count(a), "set", "sets"),
            als_allocation_unassigned_count(a));
    if (prev != NULL)
        fprintf(ctx->out, ", %lld continuing, %lld moved", obj.continuing,
                obj.moves);
    if (als_problem_set_size_target(p, -1) != ALS_NONE)
        fprintf(ctx->out, ", size deviation %lld", obj.size_deviation);
    /* %.15g: 8, 2.5 and 0.3 rather than 0.30000000000000004. */
    fprintf(ctx->out, ", penalty %.15g\n", obj.penalty);

done:
    als_diag_free(d);
    als_allocation_free(prev);
    als_allocation_free(a);
    als_problem_free(p);
    return code;
}

static int cmd_report(const cli_ctx *ctx, const cli_args *args)
{
    const char *format_name = args->opt[REPORT_OPT_FORMAT];
    als_report_format format = ALS_REPORT_TEXT;
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_diag *d = NULL;
    als_error err;
    als_status rc;
    const char *alloc_name = NULL;
    char *text = NULL;
    size_t len = 0;
    int code;

    if (format_name != NULL &&
        als_report_format_from_name(format_name, &format) != ALS_OK)
        return usage_error(ctx,
                           "--format is text, markdown, csv or html, "
                           "not '%s'",
                           format_name);
    if (strcmp(args->pos[0], "-") == 0 && strcmp(args->pos[1], "-") == 0)
        return usage_error(ctx, "only one file can be read from '-'");
    const char *inputs[] = {args->pos[0], args->pos[1]};
    code = check_output(ctx, args->opt[REPORT_OPT_OUT], inputs, 2);
    if (code != CLI_EXIT_OK)
        return code;

    code = load_document(ctx, args->pos[0], CLI_DOC_COHORT, &p, NULL, NULL);
    if (code == CLI_EXIT_OK)
        code = load_document(ctx, args->pos[1], CLI_DOC_ALLOCATION, NULL, &a,
                             &alloc_name);
    if (code == CLI_EXIT_OK && als_diag_new(&d) != ALS_OK)
        code = out_of_memory(ctx);
    if (code != CLI_EXIT_OK)
        goto done;

    memset(&err, 0, sizeof err);
    rc = als_report(p, a, format, &text, &len, d, &err);
    if (rc != ALS_OK) {
        print_diag(ctx->err, alloc_name, d, rc, &err, "violations");
        code = exit_code_for(rc);
        goto done;
    }
    code = write_output(ctx, args->opt[REPORT_OPT_OUT], text, len);

done:
    als_free(text);
    als_diag_free(d);
    als_allocation_free(a);
    als_problem_free(p);
    return code;
}

/* DIR/SET.ics for set id `id`: characters other than letters, digits,
   '.', '_' and '-', and a leading '.', are written '_'. */
static char *calendar_path(const char *dir, const char *id)
{
    size_t dl = strlen(dir), il = strlen(id);
    char *path = malloc(dl + il + 8);
    if (path == NULL)
        return NULL;
    memcpy(path, dir, dl);
    size_t n = dl;
    if (dl == 0 || dir[dl - 1] != '/')
        path[n++] = '/';
    for (size_t k = 0; k < il; k++) {
        char c = id[k];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                 (c == '.' && k > 0);
        path[n++] = ok ? c : '_';
    }
    if (il == 0)
        path[n++] = '_';
    memcpy(path + n, ".ics", 5);
    return path;
}

static int cmd_calendar(const cli_ctx *ctx, const cli_args *args)
{
    const char *dir = args->opt[CALENDAR_OPT_OUT];
    als_problem *p = NULL;
    als_allocation *a = NULL;
    als_diag *d = NULL;
    als_error err;
    const char *alloc_name = NULL;
    char **texts = NULL, **paths = NULL;
    size_t *lens = NULL, nsets = 0;
    int code;

    if (dir == NULL)
        return usage_error(ctx, "calendar needs -o DIR, the directory to "
                                "write the .ics files into");
    if (dir[0] == '\0')
        return usage_error(ctx, "the output directory name is empty "
                                "(-o \"\")");
    if (strcmp(args->pos[0], "-") == 0 && strcmp(args->pos[1], "-") == 0)
        return usage_error(ctx, "only one file can be read from '-'");
    code = load_document(ctx, args->pos[0], CLI_DOC_COHORT, &p, NULL, NULL);
    if (code == CLI_EXIT_OK)
        code = load_document(ctx, args->pos[1], CLI_DOC_ALLOCATION, NULL, &a,
                             &alloc_name);
    if (code == CLI_EXIT_OK && als_diag_new(&d) != ALS_OK)
        code = out_of_memory(ctx);
    if (code != CLI_EXIT_OK)
        goto done;
    if (als_problem_timezone(p) == NULL) {
        fprintf(ctx->err,
                "%s: error: programme.calendar: the cohort has no calendar "
                "(programme.calendar: timezone and sessions)\n",
                args->pos[0]);
        code = CLI_EXIT_INPUT;
        goto done;
    }
    nsets = als_allocation_set_count(a);
    texts = calloc(nsets ? nsets : 1, sizeof *texts);
    paths = calloc(nsets ? nsets : 1, sizeof *paths);
    lens = calloc(nsets ? nsets : 1, sizeof *lens);
    if (texts == NULL || paths == NULL || lens == NULL) {
        code = out_of_memory(ctx);
        goto done;
    }
    /* every file made before any is written */
    for (size_t s = 0; s < nsets; s++) {
        paths[s] = calendar_path(dir, als_allocation_set_id(a, s));
        if (paths[s] == NULL) {
            code = out_of_memory(ctx);
            goto done;
        }
        for (size_t t = 0; t < s; t++)
            if (strcmp(paths[t], paths[s]) == 0) {
                fprintf(ctx->err,
                        "%s: error: sets[%zu].id: set ids '%s' and '%s' "
                        "give the same file name %s\n",
                        alloc_name, s, als_allocation_set_id(a, t),
                        als_allocation_set_id(a, s), paths[s]);
                code = CLI_EXIT_INPUT;
                goto done;
            }
        /* the file being replaced, if any: its events' SEQUENCE */
        cli_file prev = {NULL, NULL, 0};
        struct stat st;
        if (stat(paths[s], &st) == 0 && S_ISREG(st.st_mode)) {
            code = read_file(ctx, paths[s], &prev);
            if (code != CLI_EXIT_OK)
                goto done;
        }
        memset(&err, 0, sizeof err);
        als_status rc = als_calendar_ics(p, a, s, prev.data, prev.len,
                                         &texts[s], &lens[s], &err);
        free(prev.data);
        if (rc != ALS_OK) {
            print_diag(ctx->err, alloc_name, d, rc, &err, "violations");
            code = exit_code_for(rc);
            goto done;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            code = cannot_write(ctx, dir, errno);
            goto done;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        fprintf(ctx->err, "%s: error: cannot write: not a directory\n", dir);
        code = CLI_EXIT_INPUT;
        goto done;
    }
    for (size_t s = 0; s < nsets && code == CLI_EXIT_OK; s++) {
        code = write_output(ctx, paths[s], texts[s], lens[s]);
        if (code == CLI_EXIT_OK)
            fprintf(ctx->out, "%s\n", paths[s]);
    }

done:
    for (size_t s = 0; s < nsets; s++) {
        if (texts != NULL)
            als_free(texts[s]);
        if (paths != NULL)
            free(paths[s]);
    }
    free(texts);
    free(paths);
    free(lens);
    als_diag_free(d);
    als_allocation_free(a);
    als_problem_free(p);
    return code;
}

/*
 * The problems of an import: those in the sheet (they have a row) under its
 * name, the others (in the programme's pairs) under the programme's.
 */
static void print_import_diag(FILE *to, const char *sheet,
                              const char *programme, const char *facilitators,
                              const als_diag *d, als_status rc,
                              const als_error *first)
{
    size_t n = als_diag_count(d);
    size_t total = als_diag_total(d);
    static const char fac[] = "facilitators sheet, ";
    for (size_t i = 0; i < n; i++) {
        const als_error *e = als_diag_get(d, i);
        const char *file =
            e->line == 0 && programme != NULL ? programme : sheet;
        if (facilitators != NULL && e->line != 0 &&
            strncmp(e->message, fac, sizeof fac - 1) == 0)
            file = facilitators;
        print_entry(to, file, e);
    }
    if (total > n)
        fprintf(to, "%s: note: %zu more problems not shown\n", sheet,
                total - n);
    if (rc != ALS_OK && als_diag_errors(d) == 0 && total == n)
        print_diag(to, sheet, d, rc, first, "problems");
}

/* Where the import's summary goes: standard error, under the sheet's
   name. */
typedef struct import_note {
    FILE *to;
    const char *sheet;
    const char *facilitators; /* the facilitators sheet's name, or NULL */
} import_note;

static void print_import_note(void *user, const char *line)
{
    const import_note *n = user;
    static const char fac[] = "facilitators sheet: ";
    if (n->facilitators != NULL && strncmp(line, fac, sizeof fac - 1) == 0)
        fprintf(n->to, "%s: note: %s\n", n->facilitators,
                line + sizeof fac - 1);
    else
        fprintf(n->to, "%s: note: %s\n", n->sheet, line);
}

/*
 * A mapping saved from a spreadsheet, MAP.csv: a row per column, its
 * header then its field (a first row "Header,Field" is skipped), cells
 * separated by a comma, semicolon or tab and quoted as CSV. Turned into
 * the library's one-entry-a-line mapping, each header in double quotes.
 * NULL when out of memory.
 */
static char *mapping_from_csv(const char *t, size_t len)
{
    char *out = malloc(2 * len + 4 * (len + 1) + 2), *w = out;
    size_t i = 0;
    if (out == NULL)
        return NULL;
    while (i < len) {
        char cell[2][1024];
        size_t n[2] = {0, 0};
        int k = 0;
        for (;;) { /* one cell */
            int quoted = t[i] == '"';
            if (quoted)
                i++;
            while (i < len) {
                char ch = t[i];
                if (quoted && ch == '"') {
                    if (i + 1 < len && t[i + 1] == '"') {
                        i++;
                    } else {
                        quoted = 0;
                        i++;
                        continue;
                    }
                } else if (!quoted && (ch == ',' || ch == ';' || ch == '\t' ||
                                       ch == '\n' || ch == '\r')) {
                    break;
                }
                if (k < 2 && n[k] + 1 < sizeof cell[k])
                    cell[k][n[k]++] = ch == '\n' || ch == '\r' ? ' ' : ch;
                i++;
            }
            if (k < 2)
                cell[k][n[k]] = '\0';
            k++;
            if (i < len && (t[i] == ',' || t[i] == ';' || t[i] == '\t')) {
                i++;
                continue;
            }
            while (i < len && (t[i] == '\r' || t[i] == '\n'))
                i++;
            break;
        }
        if (k < 2 || n[0] == 0)
            continue;
        if (strcmp(cell[1], "Field") == 0 || strcmp(cell[1], "field") == 0 ||
            strcmp(cell[1], "FIELD") == 0)
            continue; /* the sheet's own header row */
        *w++ = '"';
        for (const char *p = cell[0]; *p; p++) {
            if (*p == '"')
                *w++ = '"';
            *w++ = *p;
        }
        w += sprintf(w, "\"=%s\n", cell[1]);
    }
    *w++ = '\n';
    *w = '\0';
    return out;
}

static int ends_with_csv(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && s[n - 4] == '.' && (s[n - 3] | 0x20) == 'c' &&
           (s[n - 2] | 0x20) == 's' && (s[n - 1] | 0x20) == 'v';
}

static int cmd_import(const cli_ctx *ctx, const cli_args *args)
{
    const char *prog_path = args->opt[IMPORT_OPT_PROGRAMME];
    cli_file sheet = {NULL, NULL, 0}, prog = {NULL, NULL, 0},
             map = {NULL, NULL, 0}, facs = {NULL, NULL, 0};
    const char *fac_path = args->opt[IMPORT_OPT_FACILITATORS];
    const char *columns = args->opt[IMPORT_OPT_COLUMNS];
    import_note note;
    als_import_options o;
    als_diag *d = NULL;
    als_error err;
    als_status rc;
    char *json = NULL;
    size_t len = 0;
    int code;

    if (prog_path != NULL && strcmp(prog_path, "-") == 0 &&
        strcmp(args->pos[0], "-") == 0)
        return usage_error(ctx, "only one file can be read from '-'");
    if (fac_path != NULL && strcmp(fac_path, "-") == 0 &&
        (strcmp(args->pos[0], "-") == 0 ||
         (prog_path != NULL && strcmp(prog_path, "-") == 0)))
        return usage_error(ctx, "only one file can be read from '-'");
    const char *inputs[] = {args->pos[0], prog_path, fac_path};
    code = check_output(ctx, args->opt[IMPORT_OPT_OUT], inputs, 3);
    if (code != CLI_EXIT_OK)
        return code;
    if (als_diag_new(&d) != ALS_OK)
        return out_of_memory(ctx);
    code = read_file(ctx, args->pos[0], &sheet);
    if (code == CLI_EXIT_OK && prog_path != NULL)
        code = read_file(ctx, prog_path, &prog);
    if (code == CLI_EXIT_OK && fac_path != NULL)
        code = read_file(ctx, fac_path, &facs);
    /* --columns MAP.csv: a row per column, its header and its field */
    if (code == CLI_EXIT_OK && columns != NULL && columns[0] != '@' &&
        strchr(columns, '=') == NULL && ends_with_csv(columns)) {
        code = read_file(ctx, columns, &map);
        if (code == CLI_EXIT_OK) {
            char *m = mapping_from_csv(map.data, map.len);
            if (m == NULL) {
                code = out_of_memory(ctx);
            } else {
                free(map.data);
                map.data = m;
                columns = m;
            }
        }
    }
    /* --columns @FILE: the mapping, one HEADER=FIELD a line */
    if (code == CLI_EXIT_OK && columns != NULL && columns[0] == '@') {
        code = read_file(ctx, columns + 1, &map);
        if (code == CLI_EXIT_OK) {
            char *p = realloc(map.data, map.len + 2);
            if (p == NULL) {
                code = out_of_memory(ctx);
            } else {
                map.data = p;
                /* a line break makes a one-line file a list of lines */
                map.data[map.len] = '\n';
                map.data[map.len + 1] = '\0';
                if (memchr(map.data, '\0', map.len) != NULL) {
                    fprintf(ctx->err, "%s: error: not a text file\n", map.name);
                    code = CLI_EXIT_INPUT;
                }
                columns = map.data;
            }
        }
    }
    if (code != CLI_EXIT_OK)
        goto done;
    memset(&err, 0, sizeof err);
    /* the programme on its own first, so that its problems are shown
       under its name */
    if (prog_path != NULL) {
        rc = als_import_check_programme(prog.data, prog.len, d, &err);
        print_diag(ctx->err, prog.name, d, rc, &err, "errors");
        if (rc != ALS_OK) {
            code = exit_code_for(rc);
            goto done;
        }
        als_diag_clear(d);
    }
    als_import_options_init(&o);
    o.columns = columns;
    o.strict = args->opt[IMPORT_OPT_STRICT] != NULL;
    note.to = ctx->err;
    note.sheet = sheet.name;
    note.facilitators = fac_path != NULL ? facs.name : NULL;
    if (args->opt[IMPORT_OPT_QUIET] == NULL) {
        o.summary = print_import_note;
        o.summary_user = &note;
    }
    o.first_come = args->opt[IMPORT_OPT_FIRST_COME] != NULL;
    if (fac_path != NULL) {
        o.facilitators_csv = facs.data != NULL ? facs.data : "";
        o.facilitators_len = facs.len;
    }
    rc = als_import_csv(sheet.data, sheet.len,
                        prog_path != NULL ? prog.data : NULL, prog.len, &o,
                        &json, &len, d, &err);
    print_import_diag(ctx->err, sheet.name, prog.name,
                      fac_path != NULL ? facs.name : NULL, d, rc, &err);
    if (rc != ALS_OK) {
        code = exit_code_for(rc);
        goto done;
    }
    code = write_output(ctx, args->opt[IMPORT_OPT_OUT], json, len);

done:
    als_free(json);
    als_diag_free(d);
    free(sheet.data);
    free(prog.data);
    free(map.data);
    free(facs.data);
    return code;
}

/* ------------------------------------------------------------------ */
/* init: a commented programme file                                    */

/* A growing text; `failed` once memory ran out. */
typedef struct cli_text {
    char *data;
    size_t len, cap;
    int failed;
} cli_text;

static void text_put(cli_text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *d = realloc(t->data, cap);
        if (d == NULL) {
            t->failed = 1;
            return;
        }
        t->data = d;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

/* `s` as a JSON string. */
static void text_string(cli_text *t, const char *s)
{
    char esc[8];
    text_put(t, "\"");
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            esc[2] = '\0';
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
        } else {
            esc[0] = (char)c;
            esc[1] = '\0';
        }
        text_put(t, esc);
    }
    text_put(t, "\"");
}

/* A comment member: "// key": "text", then a line break and indent. */
static void text_comment(cli_text *t, const char *indent, const char *key,
                         const char *text)
{
    text_put(t, indent);
    text_string(t, key);
    text_put(t, ": ");
    text_string(t, text);
    text_put(t, ",\n");
}

static const char *const weekday_names[] = {"Monday",   "Tuesday", "Wednesday",
                                            "Thursday", "Friday",  "Saturday",
                                            "Sunday"};

/* The weekday a word names (mon, Tue, thursday), or -1. */
static int weekday_index(const char *w, size_t n)
{
    for (int d = 0; d < 7; d++) {
        size_t full = strlen(weekday_names[d]);
        if (n < 3 || n > full)
            continue;
        size_t k = 0;
        while (k < n && (w[k] | 0x20) == (weekday_names[d][k] | 0x20))
            k++;
        if (k == n)
            return d;
    }
    return -1;
}

/* An integer 1..max from `text`, or -1. */
static long small_int(const char *text, long max)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < 1 || v > max)
        return -1;
    return v;
}

static int cmd_init(const cli_ctx *ctx, const cli_args *args)
{
    static const char *const kinds[] = {"weekdays", "series", "slots"};
    static const char *const org_rules[] = {"distinct", "prefer_distinct",
                                            "ignore"};
    static const char *const sen_rules[] = {"similar", "mixed", "ignore"};
    const char *kind = args->npos > 0 ? args->pos[0] : "weekdays";
    const char *days = args->opt[INIT_OPT_DAYS];
    const char *orgs = args->opt[INIT_OPT_ORGS];
    const char *sen = args->opt[INIT_OPT_SENIORITY];
    int k = -1;
    long min = 4, max = 8, target = 0, sets = 0;
    char buf[512], num[64];

    for (int i = 0; i < 3; i++)
        if (strcmp(kind, kinds[i]) == 0)
            k = i;
    if (k < 0)
        return usage_error(ctx,
                           "unknown kind '%s' (weekdays, series or "
                           "slots)",
                           kind);
    if (orgs == NULL)
        orgs = "distinct";
    else if (strcmp(orgs, org_rules[0]) != 0 &&
             strcmp(orgs, org_rules[1]) != 0 && strcmp(orgs, org_rules[2]) != 0)
        return usage_error(ctx,
                           "--organisations is distinct, "
                           "prefer_distinct or ignore, not '%s'",
                           orgs);
    if (sen == NULL)
        sen = "similar";
    else if (strcmp(sen, sen_rules[0]) != 0 && strcmp(sen, sen_rules[1]) != 0 &&
             strcmp(sen, sen_rules[2]) != 0)
        return usage_error(ctx,
                           "--seniority is similar, mixed or ignore, "
                           "not '%s'",
                           sen);
    if (args->opt[INIT_OPT_SIZE] != NULL) {
        const char *z = args->opt[INIT_OPT_SIZE];
        long v[3] = {0, 0, 0};
        size_t nv = 0;
        snprintf(buf, sizeof buf, "%s", z);
        for (char *part = buf; nv < 3;) {
            char *colon = strchr(part, ':');
            if (colon != NULL)
                *colon = '\0';
            v[nv++] = small_int(part, 1000);
            if (v[nv - 1] < 0 || colon == NULL)
                break;
            part = colon + 1;
            if (nv == 3)
                v[0] = -1; /* four numbers */
        }
        if (v[0] < 0 || (nv > 1 && v[nv - 1] < 0) || strlen(z) >= sizeof buf)
            return usage_error(ctx,
                               "--size is MIN, MIN:MAX or "
                               "MIN:MAX:TARGET (whole numbers 1..1000), "
                               "not '%s'",
                               z);
        min = v[0];
        max = nv > 1 ? v[1] : v[0];
        target = nv > 2 ? v[2] : 0;
        if (min > max || (target != 0 && (target < min || target > max)))
            return usage_error(ctx, "--size '%s': MIN <= TARGET <= MAX", z);
    }
    if (args->opt[INIT_OPT_SETS] != NULL &&
        (sets = small_int(args->opt[INIT_OPT_SETS], 10000000L)) < 0)
        return usage_error(ctx,
                           "--sets needs a whole number from 1, not "
                           "'%s'",
                           args->opt[INIT_OPT_SETS]);

    /* the days */
    const char *labels[64];
    char store[64][48];
    size_t nlabels = 0;
    if (k == 1 && (days == NULL || small_int(days, 64) > 0)) {
        long n = days != NULL ? small_int(days, 64) : 3;
        for (long i = 0; i < n; i++) {
            snprintf(store[nlabels], sizeof store[0], "Series %ld", i + 1);
            labels[nlabels] = store[nlabels];
            nlabels++;
        }
    } else {
        const char *list = days != NULL ? days : "tue,thu";
        for (const char *p = list; *p != '\0';) {
            size_t n = strcspn(p, ",");
            const char *w = p;
            size_t wn = n;
            while (wn > 0 && *w == ' ')
                w++, wn--;
            while (wn > 0 && w[wn - 1] == ' ')
                wn--;
            p += n + (p[n] == ',');
            if (wn == 0 || wn >= sizeof store[0] - 4)
                return usage_error(ctx, "--days '%s': an empty or long day",
                                   list);
            if (k == 2) {
                int d = weekday_index(w, wn);
                if (d < 0)
                    return usage_error(ctx,
                                       "--days '%s': '%.*s' is not a "
                                       "weekday",
                                       list, (int)wn, w);
                if (nlabels + 2 > 64)
                    return usage_error(ctx, "--days: at most 32 days");
                snprintf(store[nlabels], sizeof store[0], "%s AM",
                         weekday_names[d]);
                labels[nlabels] = store[nlabels];
                nlabels++;
                snprintf(store[nlabels], sizeof store[0], "%s PM",
                         weekday_names[d]);
                labels[nlabels] = store[nlabels];
                nlabels++;
            } else {
                if (nlabels + 1 > 64)
                    return usage_error(ctx, "--days: at most 64 days");
                snprintf(store[nlabels], sizeof store[0], "%.*s", (int)wn, w);
                labels[nlabels] = store[nlabels];
                nlabels++;
            }
        }
        if (nlabels == 0)
            return usage_error(ctx, "--days: no days given");
    }

    cli_text t = {NULL, 0, 0, 0};
    const char *in = "    ";
    text_put(&t, "{\n");
    text_comment(&t, "  ", "// about",
                 "An als programme: a cohort document without applicants "
                 "(docs/FORMAT.md section 2). Keys beginning with // are "
                 "comments, which als ignores. Edit the values, check the "
                 "file with als validate, then import a sheet of applicants "
                 "with it: als import --programme THIS-FILE.json SHEET.csv "
                 "-o cohort.json");
    text_put(&t, "  \"format\": \"als-cohort/1\",\n  \"programme\": {\n");
    text_comment(&t, in, "// name", "Shown at the top of reports.");
    text_put(&t, in);
    text_put(&t, "\"name\": ");
    text_string(&t, args->opt[INIT_OPT_NAME] != NULL ? args->opt[INIT_OPT_NAME]
                    : k == 1 ? "Action learning sets (series)"
                    : k == 2 ? "Action learning sets (half-day slots)"
                             : "Action learning sets");
    text_put(&t, ",\n");
    text_comment(
        &t, in, "// days",
        k == 0   ? "The weekdays sets meet on: each set meets on one of them, "
                   "and an applicant's availability names those they can make "
                   "(none named: any)."
        : k == 1 ? "The series a set can run in: each set belongs to one, "
                   "and an applicant's availability names those they can "
                   "make (none named: any). Rename them (e.g. 'Series 1 "
                   "(Jan-Mar)') as you like: a sheet's availability must use "
                   "the same names."
                 : "The half-day slots a set can meet in: each set meets in "
                   "one, and an applicant's availability names those they "
                   "can make (none named: any).");
    text_put(&t, in);
    text_put(&t, "\"days\": [");
    for (size_t i = 0; i < nlabels; i++) {
        if (i > 0)
            text_put(&t, ", ");
        text_string(&t, labels[i]);
    }
    text_put(&t, "],\n");
    if (target != 0) {
        snprintf(buf, sizeof buf,
                 "Members per set: at least min, at most max. Aim at %ld: "
                 "this version does not read a target size, so keep sets "
                 "near it by the range.",
                 target);
        text_comment(&t, in, "// set_size", buf);
    } else {
        text_comment(&t, in, "// set_size",
                     "Members per set: at least min, at most max (a single "
                     "number: exactly that many). In a re-run a running set "
                     "carries on down to its floor (default: half of min).");
    }
    snprintf(num, sizeof num, "{\"min\": %ld, \"max\": %ld},\n", min, max);
    text_put(&t, in);
    text_put(&t, "\"set_size\": ");
    text_put(&t, num);
    if (sets > 0) {
        text_comment(&t, in, "// sets",
                     "At most this many sets open (delete the line for as "
                     "many as needed; or list fixed sets: [{\"id\": \"S1\", "
                     "\"day\": ...}]).");
        snprintf(num, sizeof num, "\"sets\": %ld,\n", sets);
        text_put(&t, in);
        text_put(&t, num);
    }
    text_comment(&t, in, "// seniority_levels",
                 "Level names, lowest first; an applicant's seniority is one "
                 "of them (or a number 0..1000). For a sheet of NHS Agenda "
                 "for Change bands (Band 5, 8a ...), delete this line: the "
                 "bands are then the levels.");
    text_put(&t, in);
    text_put(&t, "\"seniority_levels\": [\"officer\", \"manager\", \"head\", "
                 "\"director\", \"chief executive\"],\n");
    text_comment(&t, in, "// rules",
                 "organisation: distinct (never two of one organisation in "
                 "a set), prefer_distinct (avoid it) or ignore. sector: "
                 "balance (avoid two of a sector in a set) or ignore. "
                 "seniority: similar (keep a set's levels close), mixed "
                 "(avoid two of a level) or ignore. council_pairs: true "
                 "places a council's officer and councillor (role, council) "
                 "in one set.");
    text_put(&t, in);
    text_put(&t, "\"rules\": {\"organisation\": ");
    text_string(&t, orgs);
    text_put(&t, ", \"sector\": \"balance\", \"seniority\": ");
    text_string(&t, sen);
    text_put(&t, ", \"council_pairs\": ");
    text_put(&t, args->opt[INIT_OPT_COUNCIL_PAIRS] != NULL ? "true" : "false");
    text_put(&t, "},\n");
    text_comment(&t, in, "// aliases",
                 "Spellings mapped to one name before labels are compared "
                 "(case and spacing aside), e.g. \"organisation\": "
                 "{\"Leeds CC\": \"Leeds City Council\"}, \"sector\": "
                 "{\"VCS\": \"voluntary\"}. als validate and als import "
                 "suggest entries for likely spellings of one name.");
    text_put(&t, in);
    text_put(&t, "\"aliases\": {\"organisation\": {}, \"sector\": {}, "
                 "\"council\": {}}\n  }\n}\n");
    if (t.failed) {
        free(t.data);
        return out_of_memory(ctx);
    }
    /* what is written must be a programme als import takes */
    als_error err;
    memset(&err, 0, sizeof err);
    als_status rc = als_import_check_programme(t.data, t.len, NULL, &err);
    int code;
    if (rc == ALS_ENOMEM)
        code = out_of_memory(ctx);
    else if (rc != ALS_OK)
        code =
            usage_error(ctx, "the programme would not be valid: %s%s%s",
                        err.path, err.path[0] != '\0' ? ": " : "", err.message);
    else
        code = write_output(ctx, args->opt[INIT_OPT_OUT], t.data, t.len);
    free(t.data);
    return code;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */

static int run_command(cli_ctx *ctx, const cli_command *cmd, int argc,
                       char **argv)
{
    cli_args args;
    int code;

    ctx->cmd = cmd;
    assert(cmd->nargs <= CLI_MAX_ARGS && cmd->noptions <= CLI_MAX_OPTIONS);
    /* --help anywhere before "--" wins over everything else. */
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (is_help_flag(argv[i])) {
            print_command_help(ctx->out, cmd);
            return CLI_EXIT_OK;
        }
    }
    code = parse_args(ctx, argc, argv, &args);
    if (code != CLI_EXIT_OK)
        return code;
    return cmd->run(ctx, &args);
}

static int run_global_option(cli_ctx *ctx, int argc, char **argv)
{
    const char *opt = argv[1];
    if (is_help_flag(opt)) {
        const cli_command *cmd;
        if (argc == 2) {
            print_general_help(ctx->out);
            return CLI_EXIT_OK;
        }
        if (argc > 3)
            return usage_error(ctx, "unexpected argument '%s'", argv[3]);
        cmd = find_command(argv[2]);
        if (cmd == NULL)
            return usage_error(ctx, "unknown command '%s'", argv[2]);
        print_command_help(ctx->out, cmd);
        return CLI_EXIT_OK;
    }
    if (strcmp(opt, "--version") != 0 && strcmp(opt, "--help-man") != 0)
        return usage_error(ctx, "unknown option '%s'", opt);
    if (argc > 2)
        return usage_error(ctx, "unexpected argument '%s'", argv[2]);
    if (strcmp(opt, "--version") == 0)
        fprintf(ctx->out, "als %s\n", als_version_string());
    else
        print_help_man(ctx->out);
    return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    cli_ctx ctx = {stdout, stderr, NULL};
    const cli_command *cmd;
    int code;

    if (argc < 2)
        code = usage_error(&ctx, "missing command");
    else if (argv[1][0] == '-' && argv[1][1] != '\0')
        code = run_global_option(&ctx, argc, argv);
    else if ((cmd = find_command(argv[1])) == NULL)
        code = usage_error(&ctx, "unknown command '%s'", argv[1]);
    else
        code = run_command(&ctx, cmd, argc - 2, argv + 2);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "als: error: cannot write standard output: %s\n",
                strerror(errno));
        code = CLI_EXIT_INTERNAL;
    }
    return code;
}
