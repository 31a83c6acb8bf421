#!/usr/bin/env python3
"""Make uk-outcode.csv, the table of UK outward codes BackCare reads when an operator supplies one (decision 0028).

The ONS Postcode Directory (ONSPD) and the National Statistics Postcode Lookup (NSPL) list every UK postcode with its
latitude and longitude, under the Open Government Licence v3.0. BackCare needs only one point per outward code (the
part before the space: "SW1A" of "SW1A 1AA"), so this script averages the points of each outward code's live
postcodes and writes `outcode,lat,lon`, four decimals, sorted. Left out: postcodes that are terminated (a `doterm`),
that have no grid reference (ONS writes latitude 99.999999 for those), and any area named with --exclude.

The columns are found by name in the header: the postcode from `pcds` (or `pcd`, `pcd2`, `postcode`), the point from
`lat` and `long` (or `latitude`, `longitude`), and `doterm` if the file has it. Code-Point Open gives eastings and
northings only, not latitude and longitude: use the ONSPD or the NSPL, which carry both (and are made from
Code-Point Open and other sources).

Usage, from the repository root, with the ONSPD's (or NSPL's) single CSV of all the UK (Data/ in its zip):
    python3 tools/places/make-uk-outcode.py ONSPD_FEB_2025_UK.csv /opt/backcare/places/uk-outcode.csv
    python3 tools/places/make-uk-outcode.py --exclude BT ONSPD_FEB_2025_UK.csv uk-outcode.csv
(--exclude BT leaves Northern Ireland's postcodes out, if their terms in the ONSPD's licence do not suit your use.)
"""
import argparse
import csv
import re
import sys

POSTCODE = re.compile(r"^(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][A-Z]{2}$")
NO_GRID_LATITUDE = 99.999999
# The UK with its islands, as BackCare checks the table (src/BackCare.Web/Clinics/Places.cs).
LATITUDES = (49.0, 61.0)
LONGITUDES = (-9.0, 2.0)


def column(header, names, required=True):
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    if required:
        raise SystemExit(f"the header has none of the columns {', '.join(names)}: is this the ONSPD or NSPL CSV?")
    return None


def outward_code(postcode):
    match = POSTCODE.match(" ".join(postcode.upper().split()))
    return match.group("outward") if match else None


def centroids(rows, exclude=()):
    """Mean latitude and longitude of each outward code's live postcodes with a grid reference."""
    header = next(rows)
    at_postcode = column(header, ["pcds", "pcd", "pcd2", "postcode"])
    at_lat = column(header, ["lat", "latitude"])
    at_lon = column(header, ["long", "longitude", "lon"])
    at_doterm = column(header, ["doterm"], required=False)
    sums = {}
    for row in rows:
        if not row:
            continue
        if at_doterm is not None and row[at_doterm].strip():
            continue
        outward = outward_code(row[at_postcode])
        if outward is None or re.match(r"^[A-Z]+", outward).group(0) in exclude:
            continue
        latitude, longitude = float(row[at_lat]), float(row[at_lon])
        if abs(latitude - NO_GRID_LATITUDE) < 1e-6:
            continue
        if not (LATITUDES[0] <= latitude <= LATITUDES[1] and LONGITUDES[0] <= longitude <= LONGITUDES[1]):
            raise SystemExit(f"{row[at_postcode]}: {latitude},{longitude} is not in the UK: are lat and long the right columns?")
        total = sums.setdefault(outward, [0.0, 0.0, 0])
        total[0] += latitude
        total[1] += longitude
        total[2] += 1
    return {outward: (lat / n, lon / n) for outward, (lat, lon, n) in sums.items()}


def write(points, target):
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write("outcode,lat,lon\n")
        for outward in sorted(points):
            latitude, longitude = points[outward]
            f.write(f"{outward},{latitude:.4f},{longitude:.4f}\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="the ONSPD or NSPL CSV")
    parser.add_argument("target", help="where to write uk-outcode.csv")
    parser.add_argument("--exclude", action="append", default=[], metavar="AREA", help="a postcode area to leave out (letters, like BT); repeatable")
    parser.add_argument("--min-outcodes", type=int, default=2000,
                        help="refuse to write fewer outward codes than this (the UK has about 3,000; a smaller file is the wrong one)")
    args = parser.parse_args(argv)
    with open(args.source, encoding="utf-8-sig", newline="") as f:
        points = centroids(csv.reader(f), exclude={a.strip().upper() for a in args.exclude})
    if len(points) < args.min_outcodes:
        raise SystemExit(f"only {len(points)} outward codes read from {args.source} (fewer than --min-outcodes {args.min_outcodes})")
    write(points, args.target)
    print(f"{len(points)} outward codes written to {args.target}")


if __name__ == "__main__":
    main(sys.argv[1:])
