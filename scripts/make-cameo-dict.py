#!/usr/bin/env python3
"""Build dict/cameo.txt from the CAMEO facts in ../shared/ref (codes, names, Goldstein
values, quad classes). The PLOVER type is dateline's own mapping by CAMEO root, with the
event-type names of the PLOVER gold-standard records (DEMAND, DISAPPROVE, INVESTIGATE,
FIGHT), since those are what users' gold files carry.

usage: scripts/make-cameo-dict.py ../shared/ref > dict/cameo.txt
"""
import csv, sys, os

ref = sys.argv[1]
PLOVER = {"01": "", "02": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
          "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "INVESTIGATE", "10": "DEMAND",
          "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
          "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT"}
# Retreat-type concessions (CAMEO 084-087: release, ease, allow access, de-escalate).
RETREAT = ("084", "085", "086", "087")
# A blockade restricts movement without fighting: PLOVER's own CAMEO mapping
# (CAMEO2PLOVER: "191: COERCE, restrict") puts it with coercion, not with fighting.
COERCE = ("191",)
SYM = {"04", "040", "043", "044", "045", "046", "057", "06", "060", "061", "062", "063", "064", "0234"}
print("# CAMEO event codes: code | name | goldstein | quad | plover | flags")
print("# Built by scripts/make-cameo-dict.py from CAMEO facts (codes, names, Goldstein values).")
print("# flags: sym = an event with no direction; conjoined actors are coded both ways.")
with open(os.path.join(ref, "cameo_events.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        code = row["code"]
        plover = PLOVER.get(code[:2], "")
        if code[:3] in RETREAT:
            plover = "RETREAT"
        if code[:3] in COERCE:
            plover = "COERCE"
        flags = "sym" if code in SYM else ""
        print(f"{code} | {row['name']} | {row['goldstein']} | {row['quadclass']} | {plover} | {flags}".rstrip())
