"""Reads the calendars `als calendar` writes with a second, independent
reader (python3-icalendar) and checks what they say against the cohort and
the allocation.

Usage: check_ics.py ALS SOURCE_DIR     (exit 77 when icalendar is missing)
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

try:
    import icalendar
except ImportError:
    print("check_ics: python3-icalendar is not installed: skipped")
    sys.exit(77)

als, src = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)
    print("check_ics: " + msg)


def run(*args):
    r = subprocess.run([als, *args], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout + r.stderr)
        sys.exit("check_ics: als %s failed (%d)" % (args[0], r.returncode))
    return r.stdout


with open(os.path.join(src, "examples", "housing.json")) as f:
    cohort = json.load(f)
cohort["programme"]["calendar"] = {
    "timezone": "Europe/London",
    "sessions": [
        {"title": "Introduction", "week": "2021-02-01", "start": "10:00",
         "minutes": 120},
        {"title": "Set meeting 1", "date": "2021-03-09",
         "start": {"tue": "09:30", "thu": "13:00"}, "minutes": 240},
        {"title": "Series, part; 2", "dates": {"tue": "2024-09-24",
                                              "thu": "2024-10-31"},
         "start": "14:00", "minutes": 180},
    ],
}
people = {a["id"]: a for a in cohort["applicants"]}
name = cohort["programme"]["name"]
london = {  # the local times, and their offsets from UTC in hours
    "tue": [(datetime.datetime(2021, 2, 2, 10, 0), 0),
            (datetime.datetime(2021, 3, 9, 9, 30), 0),
            (datetime.datetime(2024, 9, 24, 14, 0), 1)],
    "thu": [(datetime.datetime(2021, 2, 4, 10, 0), 0),
            (datetime.datetime(2021, 3, 9, 13, 0), 0),
            (datetime.datetime(2024, 10, 31, 14, 0), 0)],
}
lengths = [120, 240, 180]
titles = [s["title"] for s in cohort["programme"]["calendar"]["sessions"]]

with tempfile.TemporaryDirectory() as tmp:
    cpath = os.path.join(tmp, "cohort.json")
    apath = os.path.join(tmp, "allocation.json")
    with open(cpath, "w") as f:
        json.dump(cohort, f)
    run("allocate", "-q", cpath, "-o", apath)
    with open(apath) as f:
        alloc = json.load(f)
    out = os.path.join(tmp, "calendars")
    uids = {}
    for round_ in (1, 2):
        written = run("calendar", cpath, apath, "-o", out).split()
        if len(written) != len(alloc["sets"]):
            fail("%d files for %d sets" % (len(written), len(alloc["sets"])))
        for s in alloc["sets"]:
            path = os.path.join(out, s["id"] + ".ics")
            with open(path, "rb") as f:
                cal = icalendar.Calendar.from_ical(f.read())
            if not cal.walk("VTIMEZONE"):
                fail("%s: no VTIMEZONE" % path)
            events = cal.walk("VEVENT")
            if len(events) != 3:
                fail("%s: %d events" % (path, len(events)))
                continue
            for k, e in enumerate(events):
                want = "%s: %s (set %s)" % (name, titles[k], s["id"])
                if str(e["SUMMARY"]) != want:
                    fail("%s: SUMMARY %r, not %r" % (path, str(e["SUMMARY"]),
                                                   want))
                start, end = e["DTSTART"].dt, e["DTEND"].dt
                local, offset = london[s["day"]][k]
                if start.tzinfo is None:
                    fail("%s: event %d has a floating time" % (path, k))
                    continue
                if start.replace(tzinfo=None) != local:
                    fail("%s: event %d starts %s, not %s"
                         % (path, k, start, local))
                if start.utcoffset() != datetime.timedelta(hours=offset):
                    fail("%s: event %d is at UTC%s, not +%d"
                         % (path, k, start.utcoffset(), offset))
                if end - start != datetime.timedelta(minutes=lengths[k]):
                    fail("%s: event %d lasts %s" % (path, k, end - start))
                att = e.get("ATTENDEE")
                att = att if isinstance(att, list) else [att]
                if len(att) != len(s["members"]):
                    fail("%s: %d attendees for %d members"
                         % (path, len(att), len(s["members"])))
                for a, m in zip(att, s["members"]):
                    p = people[m]
                    if a.params.get("CN") != p.get("name", m):
                        fail("%s: attendee CN %r" % (path, a.params.get("CN")))
                    email = p.get("email")
                    want = "mailto:" + email if email else None
                    if want and str(a) != want:
                        fail("%s: attendee %r, not %r" % (path, str(a), want))
                    if not want and not str(a).startswith("urn:uuid:"):
                        fail("%s: attendee %r" % (path, str(a)))
                uid = str(e["UID"])
                key = (s["id"], k)
                if round_ == 1:
                    if uid in uids.values():
                        fail("%s: UID %s used twice" % (path, uid))
                    uids[key] = uid
                elif uids.get(key) != uid:
                    fail("%s: UID %s changed from %s" % (path, uid,
                                                          uids.get(key)))
                if int(e["SEQUENCE"]) != 0:
                    fail("%s: SEQUENCE %s" % (path, e["SEQUENCE"]))

if failures:
    sys.exit("check_ics: %d problem(s)" % len(failures))
print("check_ics: every calendar reads back as written")
