#!/bin/sh
# Usage: tests/calendar_python.sh ALS SOURCE_DIR
#
# The calendars of als calendar, read by python3-icalendar (a reader
# independent of libical): tests/check_ics.py. Exit 77 (skipped) when no
# Python 3 with the icalendar module is found (Debian: python3-icalendar).
set -eu
for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
        "$py" -c 'import icalendar' >/dev/null 2>&1; then
        exec "$py" "$2/tests/check_ics.py" "$1" "$2"
    fi
done
echo "calendar_python: python3-icalendar is not installed: skipped"
exit 77
