#!/bin/sh
# Usage: man.sh ALS [OUT]    the manual page als(1), to OUT or standard output
#        man.sh - [OUT] < DUMP   the same from a saved `als --help-man` dump
#
# The page is made from `als --help-man`, a dump of the command table that
# also gives `als --help` and `als COMMAND --help`, so the manual says what
# the program says: every command with its synopsis, help and options, and
# the exit status. Plain POSIX sh and awk; the build runs it on the als it
# has just built (CMakeLists.txt) and installs the result with the tool.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 ALS [OUT] | $0 - [OUT] < DUMP" >&2
    exit 2
fi
if [ $# -eq 2 ]; then
    # OUT is replaced only by a whole page
    sh "$0" "$1" > "$2.tmp" || { rm -f "$2.tmp"; exit 1; }
    mv -f "$2.tmp" "$2"
    exit 0
fi
if [ "$1" = "-" ]; then
    dump=$(cat)
else
    dump=$("$1" --help-man)
fi
case $dump in
    @program*) ;;
    *)
        echo "man.sh: not an 'als --help-man' dump" >&2
        exit 1
        ;;
esac

printf '%s\n' "$dump" | awk '
# Text for roff: backslashes escaped, the hyphens of options (a word that
# starts with "-") made \- so that they can be copied, and a line that
# would start with a control character protected.
function esc(s,   out, i, n, c, word, opt) {
    out = ""
    n = length(s)
    word = 0
    opt = 0
    for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (c == " " || c == "(" || c == "[" || c == "|" || c == "\"" ||
            c == "\047" || c == "=" || c == ",") {
            word = 0
            opt = 0
        } else if (!word) {
            word = 1
            opt = c == "-"
        }
        if (c == "\\")
            out = out "\\e"
        else if (c == "-" && opt)
            out = out "\\-"
        else
            out = out c
    }
    if (out ~ /^[.\047]/)
        out = "\\&" out
    return out
}

# An option of the table, "-o, --output OUT": names bold, metavar italic.
function option_tag(spec,   n, k, parts, out, w, comma) {
    n = split(spec, parts, " ")
    out = ""
    for (k = 1; k <= n; k++) {
        w = parts[k]
        comma = ""
        if (w ~ /,$/) {
            comma = ","
            w = substr(w, 1, length(w) - 1)
        }
        if (w ~ /^-/)
            out = out (k > 1 ? " " : "") "\\fB" esc(w) "\\fR" comma
        else
            out = out (k > 1 ? " " : "") "\\fI" esc(w) "\\fR" comma
    }
    return out
}

# Lines from..to of `text` as paragraphs: blank lines separate them, and
# lines indented by two spaces are shown as they are.
function paragraphs(from, to,   i, l, verbatim, gap) {
    verbatim = 0
    gap = 0
    for (i = from; i <= to; i++) {
        l = text[i]
        if (l == "") {
            gap = 1
            continue
        }
        if (verbatim && (gap || l !~ /^  /)) {
            print ".fi\n.RE"
            verbatim = 0
        }
        if (gap)
            print ".PP"
        gap = 0
        if (l ~ /^  /) {
            if (!verbatim)
                print ".RS 4\n.nf"
            verbatim = 1
            print esc(substr(l, 3))
        } else {
            print esc(l)
        }
    }
    if (verbatim)
        print ".fi\n.RE"
}

/^@program / { program = substr($0, 10); next }
/^@version / { version = substr($0, 10); next }
/^@description$/ { mode = "description"; desc_from = ntext + 1; next }
/^@help$/ { mode = "help"; help_from[ncmd] = ntext + 1; next }
/^@end$/ {
    if (mode == "description")
        desc_to = ntext
    else if (mode == "help")
        help_to[ncmd] = ntext
    mode = ""
    next
}
mode != "" { text[++ntext] = $0; next }
/^@command / { cmd[++ncmd] = substr($0, 10); nopt[ncmd] = 0; next }
/^@synopsis / { synopsis[ncmd] = substr($0, 11); next }
/^@summary / { summary[ncmd] = substr($0, 10); next }
/^@option / {
    line = substr($0, 9)
    t = index(line, "\t")
    k = ++nopt[ncmd]
    opt_spec[ncmd, k] = substr(line, 1, t - 1)
    opt_help[ncmd, k] = substr(line, t + 1)
    next
}
{ printf "man.sh: unexpected line in the dump: %s\n", $0 > "/dev/stderr"; bad = 1 }

END {
    if (bad || program == "" || ncmd == 0)
        exit 1
    # The description ends with the exit status, which has its own section.
    exit_from = 0
    for (i = desc_from; i <= desc_to; i++)
        if (text[i] == "Exit status:")
            exit_from = i
    lead = text[desc_from]
    sub(/\.$/, "", lead)
    lead = tolower(substr(lead, 1, 1)) substr(lead, 2)
    upper = toupper(program)

    print ".\\\" Made by scripts/man.sh from \"" program " --help-man\"; do not edit."
    print ".TH " upper " 1 \"\" \"" program " " version "\" \"User Commands\""
    # no hyphenation, ragged right: option names and synopses stay whole
    print ".nh"
    print ".ad l"
    print ".SH NAME"
    print program " \\- " esc(lead)

    print ".SH SYNOPSIS"
    for (c = 1; c <= ncmd; c++) {
        s = synopsis[c]
        sub("^" program " " cmd[c] " ?", "", s)
        print ".HP 4"
        print "\\fB" program " " cmd[c] "\\fR " esc(s)
    }
    print ".HP 4"
    print "\\fB" program "\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR"
    print ".HP 4"
    print "\\fB" program " \\-\\-help\\fR | \\fB\\-\\-version\\fR"

    print ".SH DESCRIPTION"
    paragraphs(desc_from, exit_from ? exit_from - 1 : desc_to)

    print ".SH COMMANDS"
    for (c = 1; c <= ncmd; c++) {
        s = synopsis[c]
        sub("^" program " " cmd[c] " ?", "", s)
        print ".SS " cmd[c]
        print "\\fB" program " " cmd[c] "\\fR " esc(s)
        print ".PP"
        print esc(toupper(substr(summary[c], 1, 1)) substr(summary[c], 2)) "."
        print ".PP"
        paragraphs(help_from[c], help_to[c])
        print ".PP"
        print "Options:"
        for (k = 1; k <= nopt[c]; k++) {
            print ".TP"
            print option_tag(opt_spec[c, k])
            print esc(opt_help[c, k])
        }
        print ".TP"
        print "\\fB\\-h\\fR, \\fB\\-\\-help\\fR"
        print "show this help and exit"
    }

    print ".SH OPTIONS"
    print ".TP"
    print "\\fB\\-h\\fR, \\fB\\-\\-help\\fR"
    print "Show the commands, or with a command, its help, and exit."
    print ".TP"
    print "\\fB\\-\\-version\\fR"
    print "Show the version and exit."

    if (exit_from) {
        print ".SH EXIT STATUS"
        for (i = exit_from + 1; i <= desc_to; i++) {
            l = text[i]
            if (l ~ /^  [0-9]+  /) {
                sub(/^  /, "", l)
                code = l
                sub(/ .*/, "", code)
                sub(/^[0-9]+ +/, "", l)
                print ".TP"
                print code
                print esc(l)
            } else if (l != "") {
                sub(/^ +/, "", l)
                print esc(l)
            }
        }
    }

    # Examples of the commands this program has.
    print ".SH EXAMPLES"
    ex["import"] = "import applicants.csv \\-\\-programme programme.json \\-o cohort.json"
    ex["validate"] = "validate cohort.json"
    ex["allocate"] = "allocate cohort.json \\-o allocation.json"
    ex["check"] = "check cohort.json allocation.json"
    ex["report"] = "report cohort.json allocation.json \\-\\-format html \\-o sets.html"
    order = "import validate allocate check report"
    n = split(order, names, " ")
    print "From a spreadsheet of applicants to sets, checked, for people to read:"
    print ".PP"
    print ".RS 4"
    print ".nf"
    for (k = 1; k <= n; k++)
        for (c = 1; c <= ncmd; c++)
            if (cmd[c] == names[k])
                print "$ " program " " ex[names[k]]
    print ".fi"
    print ".RE"

    print ".SH SEE ALSO"
    print "The cohort and allocation documents are described in FORMAT.md,"
    print "the command line in CLI.md, and the library behind " program ","
    print "libals, in its header"
    print ".IR als.h ."
}
'
