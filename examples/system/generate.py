#!/usr/bin/env python3
"""Write the cross-system example cohort and its re-run cohort.

    python3 examples/system/generate.py [OUTDIR]

writes OUTDIR/cohort.json and OUTDIR/rerun.json (OUTDIR defaults to this
script's directory). The people are invented, drawn from the lists below
with a fixed pseudo-random sequence (xorshift64*, seeded with a constant),
so every run writes the same bytes on every machine and Python 3 version.
The committed cohorts are what the examples use; run this only to change
them, then examples/regenerate.sh to remake the allocations and reports.
"""

import os
import sys

PROGRAMME_NAME = "Cheshire and Merseyside Cross-System Leadership ALS, 2025/26"
DAYS = ["mon", "tue", "thu"]
LEVELS = ["manager", "senior manager", "head of service",
          "associate director", "director"]
LEVEL_WEIGHTS = [24, 30, 26, 12, 8]

# (organisation, sector, how many people it sends)
ORGANISATIONS = [
    ("Liverpool University Hospitals NHS Foundation Trust", "NHS", 28),
    ("Mersey Care NHS Foundation Trust", "NHS", 22),
    ("NHS Cheshire and Merseyside", "NHS", 14),
    ("Wirral University Teaching Hospital NHS Foundation Trust", "NHS", 12),
    ("Alder Hey Children's NHS Foundation Trust", "NHS", 8),
    ("Cheshire and Wirral Partnership NHS Foundation Trust", "NHS", 8),
    ("Countess of Chester Hospital NHS Foundation Trust", "NHS", 6),
    ("Warrington and Halton Teaching Hospitals NHS Foundation Trust", "NHS", 6),
    ("Bridgewater Community Healthcare NHS Foundation Trust", "NHS", 5),
    ("The Clatterbridge Cancer Centre NHS Foundation Trust", "NHS", 3),
    ("Liverpool City Council", "council", 22),
    ("Wirral Council", "council", 12),
    ("Cheshire West and Chester Council", "council", 11),
    ("Cheshire East Council", "council", 11),
    ("Sefton Council", "council", 10),
    ("St Helens Borough Council", "council", 6),
    ("Warrington Borough Council", "council", 6),
    ("Knowsley Council", "council", 5),
    ("Halton Borough Council", "council", 4),
    ("Liverpool City Region Combined Authority", "council", 5),
    ("Merseyside Police", "blue light", 11),
    ("Cheshire Constabulary", "blue light", 7),
    ("Merseyside Fire and Rescue Service", "blue light", 5),
    ("Cheshire Fire and Rescue Service", "blue light", 3),
    ("North West Ambulance Service NHS Trust", "blue light", 6),
    ("Liverpool Charity and Voluntary Services", "VCSE", 3),
    ("Sefton CVS", "VCSE", 3),
    ("Citizens Advice Liverpool", "VCSE", 3),
    ("Age UK Wirral", "VCSE", 2),
    ("The Whitechapel Centre", "VCSE", 2),
    ("Cheshire Community Action", "VCSE", 2),
    ("Wirral Change", "VCSE", 1),
    ("Halton and St Helens VCA", "VCSE", 2),
    ("Knowsley Carers Centre", "VCSE", 1),
    ("Mersey Hospice Partnership", "VCSE", 2),
    ("Torus", "housing", 5),
    ("Onward Homes", "housing", 3),
    ("Livv Housing Group", "housing", 3),
    ("Plus Dane Housing", "housing", 3),
    ("Magenta Living", "housing", 2),
    ("Sanctuary North West", "housing", 2),
    ("University of Liverpool", "education", 5),
    ("Liverpool John Moores University", "education", 3),
    ("University of Chester", "education", 2),
    ("Edge Hill University", "education", 2),
    ("Wirral Metropolitan College", "education", 2),
    ("Wirral GP Federation", "primary care", 3),
    ("Liverpool Primary Care Network Alliance", "primary care", 3),
    ("South Sefton Primary Care Network", "primary care", 2),
    ("Mersey Homecare Ltd", "private", 2),
    ("Dee Valley Care Group", "private", 2),
    ("Riverside Pharmacy Partnership", "private", 2),
    ("Mersey Digital Health Ltd", "private", 1),
]

FIRST_NAMES = """
Aaliyah Abdi Adaeze Adam Adrian Ahmed Aidan Aileen Alan Alex Alison Amara
Amelia Amir Andrea Angela Anita Anthony Arjun Ayesha Barry Bethan Bisi Brendan
Bronwen Caitlin Callum Carl Carmen Caroline Chidi Chloe Ciaran Claire Colin
Connor Dalia Damian Danielle Darren Deborah Deepak Denise Dominic Donna Duncan
Eilidh Elaine Elif Emeka Emma Eoin Erin Ewa Faisal Fiona Francesca Gail Gemma
Georgia Glenn Grace Graham Hafsa Hamish Harriet Hayley Hui Imogen Isaac Jack
Jacqui Jade Jamal James Janet Jason Jaspreet Jennifer Joanne Jordan Joseph
Julie Kamal Karen Katie Kayode Keith Kerry Kevin Khadija Kirsty Krzysztof Lauren
Leah Lee Leon Lesley Liam Linda Lorna Lucy Lynne Mandeep Marcus Marie Martin
Maya Megan Mohammed Monica Nadia Naveed Neil Nia Nicola Niamh Obinna Owen Paula
Philip Rachel Rania Rebecca Rhys Richard Rita Rohan Rosa Ruth Ryan Saira Sally
Samira Sandra Sanjay Sean Shauna Simon Siobhan Sophie Stacey Stephen Steven
Susan Tanya Teresa Thomas Tom Tracey Usman Vanessa Vikram Wayne Wendy Yusuf
Zainab Zoe
""".split()

SURNAMES = """
Abbott Adebayo Ahmed Ali Allen Appleton Armstrong Ashworth Atherton Bailey Banks
Barker Begum Bennett Birch Boyle Bradshaw Brennan Brown Burke Byrne Campbell
Carroll Chan Chowdhury Clarke Collins Connolly Cooper Costello Crawford Daly
Davies Dempsey Dixon Doherty Donnelly Duffy Edwards Egan Evans Farrell Fitzgerald
Fletcher Flynn Foster Gallagher Garcia Gill Gordon Grant Griffiths Hall Hamilton
Hargreaves Harrison Hassan Hayes Hughes Hussain Iqbal Jackson James Jenkins
Johnson Jones Kaur Kelly Kennedy Khan Kowalski Lam Lee Lewis Lloyd Lynch Macdonald
Malik Marsh Mason McCarthy McDonald McGuire Mensah Mitchell Molloy Moran Morris
Murphy Nelson Nguyen Noon Nowak O'Brien O'Neill Okafor Owen Parry Patel Pearson
Phillips Quinn Rahman Reilly Roberts Robinson Rooney Ryan Shah Sharma Shaw
Sheridan Singh Smith Sullivan Taylor Thomas Thompson Tierney Turner Wade Walker
Walsh Ward Watson Whelan Williams Wilson Wong Wright Yates Young
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


def applicant_line(a):
    parts = ['"id": %s' % jstr(a["id"]), '"name": %s' % jstr(a["name"]),
             '"organisation": %s' % jstr(a["organisation"]),
             '"sector": %s' % jstr(a["sector"]),
             '"seniority": %s' % jstr(a["seniority"])]
    if "availability" in a:
        parts.append('"availability": [%s]'
                     % ", ".join(jstr(d) for d in a["availability"]))
    if "together" in a:
        parts.append('"together": %s' % jstr(a["together"]))
    if "apart" in a:
        parts.append('"apart": [%s]' % ", ".join(jstr(i) for i in a["apart"]))
    if a.get("priority"):
        parts.append('"priority": %d' % a["priority"])
    if a.get("withdrawn"):
        parts.append('"withdrawn": true')
    return "    {" + ", ".join(parts) + "}"


def document(applicants, pairs):
    lines = [
        "{",
        '  "format": "als-cohort/1",',
        '  "programme": {',
        '    "name": %s,' % jstr(PROGRAMME_NAME),
        '    "days": [%s],' % ", ".join(jstr(d) for d in DAYS),
        '    "set_size": {"min": 8, "max": 12},',
        '    "sets": 30,',
        '    "seniority_levels": [%s],' % ", ".join(jstr(l) for l in LEVELS),
        '    "rules": {',
        '      "organisation": {"mode": "prefer_distinct", "weight": 2},',
        '      "sector": {"mode": "balance", "weight": 1},',
        '      "seniority": {"mode": "similar", "weight": 1, "max_spread": 2}',
        "    },",
        '    "solver": {"method": "auto", "time_limit_s": 30, "seed": 1}',
        "  },",
        '  "applicants": [',
        ",\n".join(applicant_line(a) for a in applicants),
        "  ],",
        '  "pairs": [',
        ",\n".join('    {"a": %s, "b": %s, "weight": %d}'
                   % (jstr(a), jstr(b), w) for a, b, w in pairs),
        "  ]",
        "}",
        "",
    ]
    return "\n".join(lines)


def generate():
    rng = Rng(20250901)
    used = set()
    applicants = []

    def new_name():
        while True:
            name = rng.pick(FIRST_NAMES) + " " + rng.pick(SURNAMES)
            if name not in used:
                used.add(name)
                return name

    def availability():
        r = rng.below(100)
        if r < 45:
            return None                       # any of the three days
        if r < 70:
            skip = rng.below(3)
            return [d for i, d in enumerate(DAYS) if i != skip]
        return [DAYS[rng.weighted([40, 35, 25])]]

    for org, sector, count in ORGANISATIONS:
        for _ in range(count):
            a = {"id": "cm%03d" % (len(applicants) + 1), "name": new_name(),
                 "organisation": org, "sector": sector,
                 "seniority": LEVELS[rng.weighted(LEVEL_WEIGHTS)]}
            days = availability()
            if days is not None:
                a["availability"] = days
            if rng.below(100) < 5:
                a["priority"] = 1
            applicants.append(a)

    by_id = {a["id"]: a for a in applicants}

    # Job shares: two people of one organisation who attend as one.
    job_shares = 0
    for i in range(len(applicants) - 1):
        a, b = applicants[i], applicants[i + 1]
        if (job_shares < 4 and a["organisation"] == b["organisation"]
                and rng.below(100) < 4):
            b["seniority"] = a["seniority"]
            b.pop("availability", None)
            a.pop("availability", None)
            tag = "job-share-%d" % (job_shares + 1)
            a["together"] = b["together"] = tag
            job_shares += 1

    # Kept apart: people of different organisations (a live commission, a
    # line of management across a secondment, a complaint).
    apart = 0
    while apart < 6:
        a, b = rng.pick(applicants), rng.pick(applicants)
        if (a["organisation"] == b["organisation"] or "together" in a
                or "together" in b or "apart" in a or "apart" in b):
            continue
        a["apart"] = [b["id"]]
        apart += 1

    # Met before, in an earlier programme: better not in one set again.
    pairs = []
    while len(pairs) < 5:
        a, b = rng.pick(applicants), rng.pick(applicants)
        if a is b or a["organisation"] == b["organisation"]:
            continue
        key = tuple(sorted((a["id"], b["id"])))
        if key in {(p[0], p[1]) for p in pairs} or any(
                "together" in x for x in (a, b)):
            continue
        pairs.append((key[0], key[1], 2))

    # Three withdrew before the first allocation.
    withdrawn = 0
    while withdrawn < 3:
        a = rng.pick(applicants)
        if "together" in a or "apart" in a or a.get("withdrawn"):
            continue
        if any(a["id"] in (p[0], p[1]) for p in pairs):
            continue
        if any(a["id"] in x.get("apart", []) for x in applicants):
            continue
        a["withdrawn"] = True
        withdrawn += 1

    first = document(applicants, pairs)

    # The re-run: two people who held a place withdraw (placed whatever the
    # search does: priority 1 and free on every day), one joins late.
    leaving = [a for a in applicants
               if a.get("priority") and "availability" not in a
               and "together" not in a and not a.get("withdrawn")
               and "apart" not in a
               and not any(a["id"] in x.get("apart", []) for x in applicants)
               and not any(a["id"] in (p[0], p[1]) for p in pairs)][:2]
    assert len(leaving) == 2
    for a in leaving:
        by_id[a["id"]]["withdrawn"] = True
    applicants.append({
        "id": "cm%03d" % (len(applicants) + 1), "name": new_name(),
        "organisation": "Halton Borough Council", "sector": "council",
        "seniority": "senior manager", "availability": ["mon", "thu"]})
    rerun = document(applicants, pairs)
    return first, rerun


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    first, rerun = generate()
    for name, text in (("cohort.json", first), ("rerun.json", rerun)):
        with open(os.path.join(outdir, name), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
