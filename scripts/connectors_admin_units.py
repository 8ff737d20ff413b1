#!/usr/bin/env python3
"""Derives the compact administrative-unit tables embedded in ndxp_connectors_common.

Input: /work/shared/data (dvhcvn/20250701 merges.json and splits.json, MIT; provinces-63-to-34.csv).
Output: connectors/common/data/{provinces,old_provinces,communes,old_communes}.tsv, UTF-8, one
record a line, tab-separated, sorted by code (old_communes.tsv: a fifth column, present only for
an old commune split between several new ones, lists the other new communes, comma-separated).
The outputs are committed: the build only embeds them and never runs this script.

Usage: scripts/connectors_admin_units.py [SHARED_DATA_DIR] [OUT_DIR]
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "connectors", "common", "data")

# Approximate population of the 63 pre-2025 provinces (2019 census, thousands, rounded), used only
# to weight where synthetic citizens and enterprises live. Not an authoritative figure.
POPULATION_2019_THOUSANDS = {
    "01": 8054, "02": 855, "04": 530, "06": 314, "08": 785, "10": 731, "11": 599, "12": 460,
    "14": 1249, "15": 822, "17": 855, "19": 1287, "20": 782, "22": 1321, "24": 1804, "25": 1464,
    "26": 1152, "27": 1369, "30": 1893, "31": 2028, "33": 1253, "34": 1861, "35": 853, "36": 1780,
    "37": 982, "38": 3641, "40": 3327, "42": 1289, "44": 896, "45": 633, "46": 1129, "48": 1135,
    "49": 1496, "51": 1232, "52": 1487, "54": 873, "56": 1232, "58": 591, "60": 1231, "62": 540,
    "64": 1514, "66": 1870, "67": 622, "68": 1297, "70": 995, "72": 1169, "74": 2426, "75": 3097,
    "77": 1149, "79": 8993, "80": 1689, "82": 1765, "83": 1289, "84": 1010, "86": 1023, "87": 1600,
    "89": 1908, "91": 1723, "92": 1236, "93": 734, "94": 1200, "95": 907, "96": 1194,
}

# New communes formed from a whole pre-2025 island district (no commune-level predecessor in the
# data set): the district's province, from the district names in merges.json.
DISTRICT_PROVINCE = {"318": "31", "471": "45", "498": "48", "536": "51", "755": "77"}


def write(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write("\t".join(str(c) for c in row) + "\n")


def main():
    merges = json.load(open(os.path.join(SRC, "admin-units-2025-merges.json"), encoding="utf-8"))
    splits = json.load(open(os.path.join(SRC, "admin-units-2025-splits.json"), encoding="utf-8"))
    olds = list(csv.DictReader(open(os.path.join(SRC, "provinces-63-to-34.csv"), encoding="utf-8")))

    provinces = sorted((p["level1_id"], p["name"]) for p in merges["data"])
    assert len(provinces) == 34
    write("provinces.tsv", provinces)

    old_provinces = sorted(
        (o["gso_code_old"], o["name_old"], o["gso_code_new_2025"],
         POPULATION_2019_THOUSANDS[o["gso_code_old"]]) for o in olds)
    assert len(old_provinces) == 63
    write("old_provinces.tsv", old_provinces)

    old_commune_province = {}
    old_communes = []
    for p in splits["data"]:
        for c in p["level3s"]:
            old_commune_province[c["level3_id"]] = p["level1_id"]
            new_code = c["splits"][0]["new_id"] if c["splits"] else ""
            # An old commune split between several new ones: the others, after the main one.
            others = ",".join(s["new_id"] for s in c["splits"][1:])
            row = (c["level3_id"], c["name"], p["level1_id"], new_code) + ((others,) if others else ())
            old_communes.append(row)
    old_communes.sort()
    assert len(old_communes) == 10047
    write("old_communes.tsv", old_communes)

    communes = []
    for p in merges["data"]:
        for c in p["level2s"]:
            code = c["level2_id"]
            if code in old_commune_province:  # the new commune kept a predecessor's code
                old_prov = old_commune_province[code]
            else:
                first = c["merges"][0]["old_id"]
                old_prov = old_commune_province.get(first) or DISTRICT_PROVINCE[first]
            communes.append((code, c["name"], p["level1_id"], old_prov))
    communes.sort()
    assert len(communes) == 3321
    write("communes.tsv", communes)


if __name__ == "__main__":
    main()
