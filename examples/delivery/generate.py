#!/usr/bin/env python3
"""Write the cohorts of the three delivery examples and their re-run cohorts.

    python3 examples/delivery/generate.py [EXAMPLES]

writes EXAMPLES/tpas/, EXAMPLES/lga/ and EXAMPLES/ithrive/ (each made when
missing), in each a cohort.json and a rerun.json. EXAMPLES defaults to the
directory above this script's, examples/. The three programmes are
delivered by facilitators to a calendar:

  tpas     a tenant participation programme: housing associations, council
           housing departments and tenant groups, sets of 6 to 8 (aiming
           for 8) on Tuesdays or Thursdays, six facilitators, the sessions
           dated by week;
  lga      a council leadership programme: each council sends an officer
           and a councillor, three series of dated afternoon meetings,
           five facilitators each free for some of the series;
  ithrive  a children and young people's mental health network: sets of 8
           to 12 (aiming for 10) on Mondays or Wednesdays, each led by two
           of eight facilitators.

In each re-run two people who held a place withdraw, one person joins late
and one facilitator who led a set withdraws.

The people and organisations are invented. Names are drawn from the lists
below with a fixed pseudo-random sequence (xorshift64*, seeded with a
constant for each programme), so every run writes the same bytes on every
machine and Python 3 version. The committed cohorts are what the examples
use; run this only to change them, then examples/regenerate.sh to remake
the allocations and reports.
"""

import datetime
import os
import re
import sys

FIRST_NAMES = """
Abena Adele Aidan Aisha Alastair Alys Amrit Andrew Anjali Annette Arthur
Asif Beatrice Benedict Bernadette Bilal Bridget Carys Cathal Cecilia Chantelle
Christine Clifford Colette Conor Dawn Declan Delroy Diane Dilys Dorothy Edwin
Eileen Elliot Esther Fatima Fergus Florence Frances Gareth Geraldine Gillian
Gordon Gwen Habib Hannah Heather Hilary Howard Ifeoma Ingrid Irene Ivan
Jasmine Jean Jeremy Jessica Josephine Judith Kamala Kath Kofi Leanne Lena
Leroy Lorraine Louise Malcolm Marcia Margaret Matthew Maureen Mervyn Michelle
Miriam Nasreen Nathan Nigel Noreen Olu Pamela Parveen Pauline Peter Phoebe
Rachael Ravinder Raymond Rhiannon Roisin Ronan Rukhsana Samuel Shabnam Shirley
Sian Stuart Sunil Tamsin Terence Tobias Trevor Valerie Vernon Winston Yvonne
""".split()

SURNAMES = """
Achterberg Adeyinka Ainsworth Akhtar Alderson Arkwright Ashcroft Bamford
Barraclough Batty Beresford Blackburn Boateng Booth Brierley Broadbent
Butterworth Cartwright Chadwick Clegg Crowther Cunliffe Dewhurst Dobson
Eastwood Ellison Entwistle Fairclough Fielding Foulds Garside Gaskell
Greenhalgh Haigh Halliwell Hartley Heywood Hindle Holden Horrocks Howarth
Hussein Ibbotson Ingham Jagger Kenyon Kershaw Lomax Lord Marsden Mellor
Metcalfe Mistry Naylor Nuttall Ogden Okonkwo Ormerod Pickles Pilling
Ramsbottom Rhodes Riley Rishton Royle Schofield Shackleton Siddiqui Stansfield
Sutcliffe Swindells Tattersall Thornber Tomlinson Uddin Varley Wadsworth
Whitworth Wolstenholme Worsley Yeadon
""".split()


class Rng:
    """xorshift64*: the same numbers on every platform and version."""

    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF or 1

    def next(self):
        x = self.s
        x ^= x >> 12
        x ^= (x << 25) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 27
        self.s = x
        return (x * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        return (self.next() >> 11) % n

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, weights):
        r = self.below(sum(weights))
        for i, w in enumerate(weights):
            if r < w:
                return i
            r -= w
        raise AssertionError


class Names:
    """Different invented names, and example.org addresses to go with them."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def new(self):
        while True:
            first = self.rng.pick(FIRST_NAMES)
            last = self.rng.pick(SURNAMES)
            if first + " " + last not in self.used:
                self.used.add(first + " " + last)
                return first, last


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def email(first, last, domain):
    return "%s.%s@%s.example.org" % (slug(first), slug(last), domain)


def jstr(s):
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jlist(items):
    return "[%s]" % ", ".join(jstr(x) for x in items)


def jstart(start):
    if isinstance(start, str):
        return jstr(start)
    return "{%s}" % ", ".join("%s: %s" % (jstr(k), jstr(v))
                              for k, v in start)


def session_line(s):
    parts = ['"title": %s' % jstr(s["title"])]
    if "date" in s:
        parts.append('"date": %s' % jstr(s["date"].isoformat()))
    elif "week" in s:
        parts.append('"week": %s' % jstr(s["week"].isoformat()))
    else:
        parts.append('"dates": {%s}' % ", ".join(
            "%s: %s" % (jstr(k), jstr(v.isoformat())) for k, v in s["dates"]))
    parts.append('"start": %s' % jstart(s["start"]))
    parts.append('"minutes": %d' % s["minutes"])
    return "        {" + ", ".join(parts) + "}"


def applicant_line(a):
    parts = ['"id": %s' % jstr(a["id"]), '"name": %s' % jstr(a["name"]),
             '"email": %s' % jstr(a["email"])]
    for key in ("organisation", "council", "role", "sector", "seniority"):
        if key in a:
            parts.append('"%s": %s' % (key, jstr(a[key])))
    if "availability" in a:
        parts.append('"availability": %s' % jlist(a["availability"]))
    if "apart" in a:
        parts.append('"apart": %s' % jlist(a["apart"]))
    if a.get("withdrawn"):
        parts.append('"withdrawn": true')
    return "    {" + ", ".join(parts) + "}"


def facilitator_line(f):
    parts = ['"id": %s' % jstr(f["id"]), '"name": %s' % jstr(f["name"]),
             '"email": %s' % jstr(f["email"])]
    if "organisation" in f:
        parts.append('"organisation": %s' % jstr(f["organisation"]))
    if "availability" in f:
        parts.append('"availability": %s' % jlist(f["availability"]))
    if "max_sets" in f:
        parts.append('"max_sets": %d' % f["max_sets"])
    if f.get("withdrawn"):
        parts.append('"withdrawn": true')
    return "    {" + ", ".join(parts) + "}"


def document(prog, applicants, facilitators):
    """The cohort's JSON text. prog: the programme's settings, in order."""
    lines = ["{", '  "format": "als-cohort/1",', '  "programme": {',
             '    "name": %s,' % jstr(prog["name"]),
             '    "days": %s,' % jlist(prog["days"]),
             '    "set_size": %s,' % prog["set_size"]]
    if "facilitators_per_set" in prog:
        lines.append('    "facilitators_per_set": %d,'
                     % prog["facilitators_per_set"])
    if "seniority_levels" in prog:
        lines.append('    "seniority_levels": %s,'
                     % jlist(prog["seniority_levels"]))
    lines.append('    "rules": {')
    lines.append(",\n".join("      %s: %s" % (jstr(k), v)
                            for k, v in prog["rules"]))
    lines += ["    },", '    "calendar": {',
              '      "timezone": %s,' % jstr(prog["timezone"]),
              '      "sessions": [',
              ",\n".join(session_line(s) for s in prog["sessions"]),
              "      ]", "    },",
              '    "solver": %s' % prog["solver"], "  },",
              '  "applicants": [',
              ",\n".join(applicant_line(a) for a in applicants),
              "  ],", '  "facilitators": [',
              ",\n".join(facilitator_line(f) for f in facilitators),
              "  ]", "}", ""]
    return "\n".join(lines)


def rerun(prog, applicants, facilitators, leaving, joiner, fac_leaving):
    """The cohort after `leaving` (applicant ids) and the facilitator
    `fac_leaving` withdraw and `joiner` applies."""
    after = [dict(a) for a in applicants]
    for a in after:
        if a["id"] in leaving:
            assert not a.get("withdrawn")
            a["withdrawn"] = True
    assert sum(a["id"] in leaving for a in after) == len(leaving) == 2
    after.append(joiner)
    facs = [dict(f) for f in facilitators]
    assert sum(f["id"] == fac_leaving for f in facs) == 1
    for f in facs:
        if f["id"] == fac_leaving:
            f["withdrawn"] = True
    return document(prog, after, facs)


def weeks(first, n, every):
    return [first + datetime.timedelta(weeks=every * i) for i in range(n)]


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    return d.replace(year=d.year + y, month=m + 1)


def monday(d):
    return d - datetime.timedelta(days=d.weekday())


# ---- tpas: tenant participation ------------------------------------------

TPAS_DAYS = ["tue", "thu"]
TPAS_LEVELS = ["officer", "senior officer", "manager", "head of service"]

# (organisation, sector, e-mail domain, one letter per person sent: the
# days they can make, T Tuesday, H Thursday, B both)
TPAS_ORGANISATIONS = [
    ("Castlegate Homes", "housing association", "castlegate-homes", "HHHB"),
    ("Pennine Vale Housing", "housing association", "penninevale", "HHT"),
    ("Calderbrook Housing Trust", "housing association", "calderbrook",
     "HHT"),
    ("Moorside Homes", "housing association", "moorside-homes", "HB"),
    ("Saltmarsh Housing Association", "housing association", "saltmarsh-ha",
     "HT"),
    ("Brookfield Community Housing", "housing association", "brookfield-ch",
     "HHT"),
    ("Harwood Homes", "housing association", "harwood-homes", "HHT"),
    ("Thornleigh Borough Council Housing Services", "council housing",
     "thornleigh", "HHTB"),
    ("Eastmere City Council Housing Department", "council housing",
     "eastmere", "HHT"),
    ("Colnebridge District Council Housing", "council housing",
     "colnebridge", "HT"),
    ("Wardley Metropolitan Borough Council Housing", "council housing",
     "wardley", "HHB"),
    ("Thornleigh Tenants' Federation", "tenant group", "thornleigh-tf", "HH"),
    ("Eastmere Tenants and Residents Association", "tenant group",
     "eastmere-tra", "HT"),
    ("Castlegate Residents' Panel", "tenant group", "castlegate-panel", "HB"),
    ("Kelbrook Estate Residents Group", "tenant group", "kelbrook-erg", "H"),
    ("Saltmarsh Tenants' Voice", "tenant group", "saltmarsh-tv", "T"),
    ("Northern Tenant Scrutiny Network", "tenant group", "ntsn", "HT"),
]

# (name, organisation, e-mail domain, days, max_sets). Three can make
# Thursday, so at most three Thursday sets run, fewer than the Thursday
# applicants fill; Castlegate Homes' people cannot join the set its own
# facilitator leads.
TPAS_FACILITATORS = [
    ("Ruth Adeyemi", "Adeyemi Associates", "adeyemi-associates",
     ["tue", "thu"], 2),
    ("Gareth Pryce", "Open Circle Learning", "opencircle", ["tue"], 1),
    ("Sunita Mehra", "Mehra Coaching", "mehra-coaching", ["thu"], 1),
    ("Colin Ashdown", "Ashdown Development", "ashdown-dev", ["tue"], 1),
    # the resident involvement manager of a landlord that sends applicants
    ("Jenny Holroyd", "Castlegate Homes", "castlegate-homes",
     ["tue", "thu"], 1),
    ("Patrick Nolan", None, "nolan-facilitation", ["tue"], 1),
]


def tpas():
    rng = Rng(20260915)
    names = Names(rng)
    applicants = []
    for org, sector, domain, days in TPAS_ORGANISATIONS:
        for letter in days:
            first, last = names.new()
            a = {"id": "t%02d" % (len(applicants) + 1),
                 "name": first + " " + last,
                 "email": email(first, last, domain),
                 "organisation": org, "sector": sector}
            if sector != "tenant group":
                a["seniority"] = TPAS_LEVELS[rng.weighted([30, 30, 28, 12])]
            if letter != "B":
                a["availability"] = ["tue" if letter == "T" else "thu"]
            applicants.append(a)

    facilitators = []
    for name, org, domain, days, max_sets in TPAS_FACILITATORS:
        first, last = name.split(" ", 1)
        names.used.add(name)
        f = {"id": "tf%d" % (len(facilitators) + 1), "name": name,
             "email": email(first, last, domain)}
        if org:
            f["organisation"] = org
        if days != TPAS_DAYS:
            f["availability"] = days
        if max_sets != 1:
            f["max_sets"] = max_sets
        facilitators.append(f)

    # An introduction, five set meetings five weeks apart, an evaluation
    # two weeks after the last and a follow-up five months later.
    intro = datetime.date(2026, 9, 14)
    meetings = weeks(datetime.date(2026, 10, 5), 5, 5)
    evaluation = meetings[-1] + datetime.timedelta(weeks=2)
    follow_up = monday(add_months(evaluation, 5))
    sessions = [{"title": "Introduction", "week": intro, "start": "10:00",
                 "minutes": 120}]
    for i, w in enumerate(meetings):
        sessions.append({"title": "Set meeting %d" % (i + 1), "week": w,
                         "start": [("tue", "09:30"), ("thu", "13:00")],
                         "minutes": 240})
    sessions.append({"title": "Evaluation", "week": evaluation,
                     "start": [("tue", "10:00"), ("thu", "14:00")],
                     "minutes": 180})
    sessions.append({"title": "Follow-up", "week": follow_up,
                     "start": "10:00", "minutes": 120})

    prog = {
        "name": "Tenant Voice: Action Learning for Tenant Participation, "
                "2026/27",
        "days": TPAS_DAYS,
        "set_size": '{"min": 6, "max": 8, "target": 8}',
        "seniority_levels": TPAS_LEVELS,
        "rules": [
            ("organisation", '"distinct"'),
            ("sector", '{"mode": "balance", "weight": 1}'),
            ("seniority", '{"mode": "similar", "weight": 1}'),
            ("facilitators", '"independent"'),
        ],
        "timezone": "Europe/London",
        "sessions": sessions,
        "solver": '{"method": "heuristic", "time_limit_s": 30, "seed": 1}',
    }
    first = document(prog, applicants, facilitators)

    first_name, last_name = names.new()
    joiner = {"id": "t%02d" % (len(applicants) + 1),
              "name": first_name + " " + last_name,
              "email": email(first_name, last_name, "colnebridge"),
              "organisation": "Colnebridge District Council Housing",
              "sector": "council housing", "seniority": "officer",
              "availability": ["tue"]}
    second = rerun(prog, applicants, facilitators, TPAS_LEAVING, joiner,
                   TPAS_FACILITATOR_LEAVING)
    return first, second


# Who withdraws in the re-run: a member of a Thursday set and one of a
# Tuesday set, and the facilitator of that Tuesday set (examples/
# regenerate.sh checks that they held a place and led a set).
TPAS_LEAVING = ["t06", "t12"]
TPAS_FACILITATOR_LEAVING = "tf4"


# ---- lga: councillors and officers ----------------------------------------

LGA_DAYS = ["Series 1", "Series 2", "Series 3"]

# (council, sector, e-mail domain, the series its officer and councillor can
# both make)
LGA_COUNCILS = [
    ("Westmarch County Council", "county", "westmarch", "1"),
    ("Brackenfield District Council", "district", "brackenfield", "1"),
    ("Holmbury Borough Council", "district", "holmbury", "3"),
    ("Stourmouth City Council", "unitary", "stourmouth", "1"),
    ("Aldermoor Metropolitan Borough Council", "metropolitan", "aldermoor",
     "12"),
    ("Fenwick Vale District Council", "district", "fenwickvale", "1"),
    ("Greyfriars City Council", "unitary", "greyfriars", "23"),
    ("London Borough of Pellham", "London borough", "pellham", "1"),
    ("Millbeck Metropolitan Borough Council", "metropolitan", "millbeck",
     "2"),
    ("Ravensby Borough Council", "district", "ravensby", "1"),
    ("Oakhampstead County Council", "county", "oakhampstead", "123"),
    ("Saltcote Borough Council", "unitary", "saltcote", "1"),
    ("Hexley District Council", "district", "hexley", "23"),
    ("London Borough of Coldharbour", "London borough", "coldharbour", "1"),
    ("Wrenfield Council", "unitary", "wrenfield", "3"),
    ("Southmere Metropolitan Borough Council", "metropolitan", "southmere",
     "1"),
    ("Eskdale County Council", "county", "eskdale", "2"),
    ("Linthorpe District Council", "district", "linthorpe", "23"),
]

# (name, organisation, e-mail domain, series, max_sets). Two can lead a
# Series 1 set, which is fewer than the councils that can only make
# Series 1 need.
LGA_FACILITATORS = [
    ("Alison Reeve", "Reeve Leadership", "reeve-leadership",
     ["Series 1", "Series 2"], 2),
    ("Dev Chauhan", "Chauhan Partnership", "chauhan-partnership",
     ["Series 1"], 1),
    ("Moira Fairbairn", None, "fairbairn-consulting",
     ["Series 2", "Series 3"], 1),
    # an associate of the programme on secondment from a council that
    # sends a pair
    ("Keith Oduya", "Holmbury Borough Council", "holmbury", ["Series 3"], 1),
    ("Bernadette Quayle", "Quayle Coaching", "quayle-coaching",
     ["Series 2", "Series 3"], 2),
]

# Each series: four set meetings four weeks apart, then a review.
LGA_SERIES_STARTS = [datetime.date(2026, 9, 24), datetime.date(2027, 1, 21),
                     datetime.date(2027, 4, 29)]


def lga():
    rng = Rng(20260924)
    names = Names(rng)
    applicants = []
    for council, sector, domain, series in LGA_COUNCILS:
        days = ["Series " + s for s in series]
        for role in ("officer", "councillor"):
            first, last = names.new()
            a = {"id": "g%02d" % (len(applicants) + 1),
                 "name": ("Cllr " if role == "councillor" else "")
                 + first + " " + last,
                 "email": email(first, last, domain),
                 "council": council, "role": role, "sector": sector}
            if days != LGA_DAYS:
                a["availability"] = days
            applicants.append(a)

    facilitators = []
    for name, org, domain, days, max_sets in LGA_FACILITATORS:
        first, last = name.split(" ", 1)
        names.used.add(name)
        f = {"id": "gf%d" % (len(facilitators) + 1), "name": name,
             "email": email(first, last, domain)}
        if org:
            f["organisation"] = org
        if days != LGA_DAYS:
            f["availability"] = days
        if max_sets != 1:
            f["max_sets"] = max_sets
        facilitators.append(f)

    dates = [weeks(start, 4, 4) for start in LGA_SERIES_STARTS]
    sessions = []
    for i in range(4):
        sessions.append({"title": "Set meeting %d" % (i + 1),
                         "dates": [(day, d[i]) for day, d in
                                   zip(LGA_DAYS, dates)],
                         "start": "13:30", "minutes": 210})
    sessions.append({"title": "Review with sponsors",
                     "dates": [(day, d[-1] + datetime.timedelta(weeks=8))
                               for day, d in zip(LGA_DAYS, dates)],
                     "start": "13:30", "minutes": 150})

    prog = {
        "name": "Leading Together: Councillors and Officers, 2026/27",
        "days": LGA_DAYS,
        "set_size": '{"min": 6, "max": 8, "target": 8}',
        "rules": [
            ("organisation", '"distinct"'),
            ("sector", '{"mode": "balance", "weight": 1}'),
            ("seniority", '"ignore"'),
            ("council_pairs", "true"),
            ("facilitators", '"independent"'),
        ],
        "timezone": "Europe/London",
        "sessions": sessions,
        "solver": '{"method": "heuristic", "time_limit_s": 30, "seed": 1}',
    }
    first = document(prog, applicants, facilitators)

    # The council whose councillor withdraws nominates another, who joins
    # the officer's set.
    gone = [a for a in applicants if a["id"] in LGA_LEAVING
            and a["role"] == "councillor"][0]
    first_name, last_name = names.new()
    domain = [c[2] for c in LGA_COUNCILS if c[0] == gone["council"]][0]
    joiner = {"id": "g%02d" % (len(applicants) + 1),
              "name": "Cllr " + first_name + " " + last_name,
              "email": email(first_name, last_name, domain),
              "council": gone["council"], "role": "councillor",
              "sector": gone["sector"]}
    if "availability" in gone:
        joiner["availability"] = gone["availability"]
    second = rerun(prog, applicants, facilitators, LGA_LEAVING, joiner,
                   LGA_FACILITATOR_LEAVING)
    return first, second


# Who withdraws in the re-run: a councillor (whose council nominates
# another) and an officer of another council, both in sets, and the
# facilitator of the Series 3 set (examples/regenerate.sh checks that they
# held a place and led a set).
LGA_LEAVING = ["g12", "g21"]
LGA_FACILITATOR_LEAVING = "gf3"


# ---- ithrive: co-facilitated sets of a mental health network --------------

ITHRIVE_DAYS = ["mon", "wed"]
ITHRIVE_LEVELS = ["practitioner", "senior practitioner", "team manager",
                  "service lead"]

# (organisation, sector, e-mail domain, one letter per person sent: M
# Monday, W Wednesday, B both)
ITHRIVE_ORGANISATIONS = [
    ("Northbrook NHS Foundation Trust", "NHS", "northbrook", "MMMWB"),
    ("Ashvale Children's Hospital NHS Trust", "NHS", "ashvale-childrens",
     "MMWB"),
    ("Kestrel Park Integrated Care Board", "NHS", "kestrelpark-icb", "MW"),
    ("Harbourside Primary Care Network", "primary care", "harbourside-pcn",
     "MB"),
    ("Northbrook City Council Children's Services", "council",
     "northbrook-city", "MMMWB"),
    ("Ashvale County Council Education Department", "council", "ashvale-cc",
     "MMWW"),
    ("Kestrel Park Borough Council Early Help", "council", "kestrelpark",
     "MMB"),
    ("Meadowcroft Academy Trust", "education", "meadowcroft", "MMW"),
    ("St Aldric's Catholic High School", "education", "st-aldrics", "MB"),
    ("Northbrook College", "education", "northbrook-college", "MW"),
    ("Riverbank Pupil Referral Unit", "education", "riverbank-pru", "M"),
    ("Open Minds Youth Counselling", "voluntary", "openminds", "MMWB"),
    ("Ashvale Young Carers", "voluntary", "ashvale-youngcarers", "MB"),
    ("The Lighthouse Project", "voluntary", "lighthouse-project", "MW"),
    ("Kestrel Park Mind", "voluntary", "kestrelpark-mind", "MWB"),
    ("Parents in Partnership Northbrook", "voluntary", "pip-northbrook",
     "MB"),
    ("Youth Justice Service, Northbrook", "council", "northbrook-yjs", "B"),
    ("Ashvale Sports Trust", "voluntary", "ashvale-sports", "MWW"),
]

# (name, organisation, e-mail domain, days, max_sets). Four can make
# Monday, two pairs: two Monday sets, fewer than the Monday applicants fill.
ITHRIVE_FACILITATORS = [
    ("Helena Marchetti", "Marchetti Consulting", "marchetti",
     ["mon", "wed"], 2),
    ("Obi Nwachukwu", "Nwachukwu Associates", "nwachukwu",
     ["mon", "wed"], 2),
    ("Carol Dunmore", None, "dunmore-coaching", ["mon"], 1),
    # a consultant psychologist of a trust that sends applicants
    ("Dr Priya Venkatesh", "Northbrook NHS Foundation Trust", "northbrook",
     ["mon"], 1),
    ("Graham Bestwick", "Bestwick Learning", "bestwick", ["wed"], 1),
    ("Yasmin Farouk", "Farouk Facilitation", "farouk", ["wed"], 1),
    ("Tom Ekwueme", None, "ekwueme-coaching", ["wed"], 1),
    ("Lindsay Crane", "Crane Development", "crane-development", ["wed"], 1),
]


def ithrive():
    rng = Rng(20260909)
    names = Names(rng)
    applicants = []
    for org, sector, domain, days in ITHRIVE_ORGANISATIONS:
        for letter in days:
            first, last = names.new()
            a = {"id": "m%02d" % (len(applicants) + 1),
                 "name": first + " " + last,
                 "email": email(first, last, domain),
                 "organisation": org, "sector": sector,
                 "seniority": ITHRIVE_LEVELS[rng.weighted([30, 32, 26, 12])]}
            if letter != "B":
                a["availability"] = ["mon" if letter == "M" else "wed"]
            applicants.append(a)

    facilitators = []
    for name, org, domain, days, max_sets in ITHRIVE_FACILITATORS:
        first, last = name.replace("Dr ", "").split(" ", 1)
        names.used.add(name)
        f = {"id": "mf%d" % (len(facilitators) + 1), "name": name,
             "email": email(first, last, domain)}
        if org:
            f["organisation"] = org
        if days != ITHRIVE_DAYS:
            f["availability"] = days
        if max_sets != 1:
            f["max_sets"] = max_sets
        facilitators.append(f)

    # A launch for the whole network, six set meetings six weeks apart and
    # a closing event.
    meetings = weeks(datetime.date(2026, 9, 28), 6, 6)
    sessions = [{"title": "Network launch", "date": datetime.date(2026, 9, 9),
                 "start": "10:00", "minutes": 180}]
    for i, w in enumerate(meetings):
        sessions.append({"title": "Set meeting %d" % (i + 1), "week": w,
                         "start": [("mon", "09:30"), ("wed", "13:30")],
                         "minutes": 180})
    sessions.append({"title": "Network celebration",
                     "date": datetime.date(2027, 5, 19), "start": "10:00",
                     "minutes": 240})

    prog = {
        "name": "iThrive Network: Co-facilitated Action Learning, 2026/27",
        "days": ITHRIVE_DAYS,
        "set_size": '{"min": 8, "max": 12, "target": 10}',
        "facilitators_per_set": 2,
        "seniority_levels": ITHRIVE_LEVELS,
        "rules": [
            ("organisation", '{"mode": "prefer_distinct", "weight": 2}'),
            ("sector", '{"mode": "balance", "weight": 1}'),
            ("seniority", '{"mode": "similar", "weight": 1}'),
            ("facilitators", '"independent"'),
        ],
        "timezone": "Europe/London",
        "sessions": sessions,
        "solver": '{"method": "heuristic", "time_limit_s": 30, "seed": 1}',
    }
    first = document(prog, applicants, facilitators)

    first_name, last_name = names.new()
    joiner = {"id": "m%02d" % (len(applicants) + 1),
              "name": first_name + " " + last_name,
              "email": email(first_name, last_name, "lighthouse-project"),
              "organisation": "The Lighthouse Project", "sector": "voluntary",
              "seniority": "senior practitioner", "availability": ["wed"]}
    second = rerun(prog, applicants, facilitators, ITHRIVE_LEAVING, joiner,
                   ITHRIVE_FACILITATOR_LEAVING)
    return first, second


# Who withdraws in the re-run: a member of a Monday set and one of a
# Wednesday set, and a co-facilitator of that Wednesday set
# (examples/regenerate.sh checks that they held a place and led a set).
ITHRIVE_LEAVING = ["m01", "m04"]
ITHRIVE_FACILITATOR_LEAVING = "mf7"


# ---- main ----------------------------------------------------------------

EXAMPLES = [("tpas", tpas), ("lga", lga), ("ithrive", ithrive)]


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    for name, make in EXAMPLES:
        first, second = make()
        d = os.path.join(outdir, name)
        if not os.path.isdir(d):
            os.mkdir(d)
        for file, text in (("cohort.json", first), ("rerun.json", second)):
            with open(os.path.join(d, file), "w", encoding="utf-8",
                      newline="\n") as f:
                f.write(text)


if __name__ == "__main__":
    main()
