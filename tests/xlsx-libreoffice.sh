#!/usr/bin/env bash
# Opens `parbrief list --format xlsx` in LibreOffice (headless, converted to CSV) and checks
# that it has the same rows as `parbrief list --format csv`. Needs `soffice` (Debian:
# apt-get install libreoffice-calc-nogui) and python3; skips, saying so, without them.
#
#   bash tests/xlsx-libreoffice.sh            # every year of data/
#   bash tests/xlsx-libreoffice.sh --year 2024
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice > /dev/null; then
    echo "SKIPPED: soffice (LibreOffice) is not installed"
    exit 0
fi
if ! command -v python3 > /dev/null; then
    echo "SKIPPED: python3 is not installed"
    exit 0
fi

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600

target/release/parbrief list "$@" --format csv > "$work/expected.csv"
target/release/parbrief list "$@" --format xlsx --out "$work/list.xlsx"
# 44 = comma, 34 = double quote, 76 = UTF-8; a profile of its own, so a running LibreOffice
# or its first-start dialogs do not interfere.
soffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$work" \
    "$work/list.xlsx" > "$work/soffice.log" 2>&1 || { cat "$work/soffice.log"; exit 1; }

python3 - "$work/expected.csv" "$work/list.csv" << 'EOF'
import csv, sys

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [row for row in csv.reader(f)]

expected, got = rows(sys.argv[1]), rows(sys.argv[2])
problems = []
if len(expected) != len(got):
    problems.append(f"{len(got)} rows from LibreOffice, {len(expected)} from --format csv")
for n, (e, g) in enumerate(zip(expected, got), 1):
    # LibreOffice writes a cell for every column of the sheet; the CSV for every column too.
    g = g + [""] * (len(e) - len(g))
    if e != g[: len(e)]:
        problems.append(f"row {n}: csv {e} != xlsx {g}")
if problems:
    print("\n".join(problems[:20]))
    sys.exit(1)
print(f"OK: LibreOffice reads the workbook with the same {len(expected)} rows as --format csv")
EOF
