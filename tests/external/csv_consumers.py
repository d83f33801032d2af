#!/usr/bin/env python3
"""Read the CSV files trendfeed wrote the way their users do.

Usage: csv_consumers.py [--sheets] OUT_DIR...

For every OUT_DIR, each of the CSV files the build writes (items.csv,
trends/by-issue.csv, trends/trends.csv, trends/trends-wide.csv,
trends/trends-wide-share.csv, trends/emerging.csv) and its spreadsheet copy
under OUT_DIR/spreadsheet/:

* DuckDB's read_csv_auto reads every row and infers, column by column, DATE
  for dates (date, start, first_seen), TIMESTAMP WITH TIME ZONE for
  published, BIGINT for counts, DOUBLE for shares and scores, VARCHAR for
  text; a topic's column holds counts (BIGINT), in trends-wide-share.csv
  shares (DOUBLE). A column with no value in any row may be of any type.
* the spreadsheet copy starts with a UTF-8 byte-order mark and holds the
  data file's cells, except that each text cell starting with = + - @, tab or
  carriage return is prefixed with ' (OWASP); numbers are never changed.
  The number of such cells is printed.

With --sheets, LibreOffice (soffice --headless) also converts the
spreadsheet copies of every OUT_DIR to .xlsx, read back with openpyxl: no
cell is a formula, dates are dates, counts and shares are numbers, and text
is the CSV's text to the character (£, ’ and … in as many cells of
items.csv as in its CSV file). The data file of an
items.csv with a formula-like title must give a formula (the check can
fail).

Prints one line per check and a final "N passed, M failed"; exits 1 on failure.
"""

import csv
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import openpyxl

FILES = [
    "items.csv",
    "trends/by-issue.csv",
    "trends/trends.csv",
    "trends/trends-wide.csv",
    "trends/trends-wide-share.csv",
    "trends/emerging.csv",
]
BOM = b"\xef\xbb\xbf"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DATES = {"date", "start", "first_seen"}
TIMESTAMPS = {"published"}
COUNTS = {"items", "mentions", "items_total", "issues", "recent_items", "baseline_items"}
RATIOS = {"share", "per_issue", "share_smoothed", "recent_share", "baseline_share", "score"}
TEXT = {"section", "id", "title", "url", "text", "keyword", "term"}
# Keys whose type follows the archive: an issue number (BIGINT), a date, a label.
KEYS = {"issue", "period"}
INTEGER_TYPES = {"BIGINT", "INTEGER"}


def kind(file, column):
    """What a column holds: date, timestamp, count, ratio, text or key."""
    for names, k in ((DATES, "date"), (TIMESTAMPS, "timestamp"), (COUNTS, "count"), (RATIOS, "ratio"), (TEXT, "text"), (KEYS, "key")):
        if column in names:
            return k
    # A topic's column.
    if file.endswith("trends-wide-share.csv"):
        return "ratio"
    if file.endswith(("trends-wide.csv", "by-issue.csv")):
        return "count"
    return None


EXPECTED_TYPES = {
    "date": {"DATE"},
    "timestamp": {"TIMESTAMP WITH TIME ZONE"},
    "count": INTEGER_TYPES,
    "ratio": {"DOUBLE"},
    "text": {"VARCHAR"},
}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, name, problems):
        if problems:
            self.failed += 1
            print("FAIL %s" % name)
            for p in problems[:10]:
                print("     %s" % p)
            if len(problems) > 10:
                print("     … and %d more" % (len(problems) - 10))
        else:
            self.passed += 1
            print("ok   %s" % name)


def read_rows(path):
    data = path.read_bytes()
    text = data[len(BOM):] if data.startswith(BOM) else data
    rows = list(csv.reader(text.decode("utf-8").splitlines(keepends=True)))
    return rows[0], rows[1:]


def check_duckdb(path, file):
    header, rows = read_rows(path)
    problems = []
    con = duckdb.connect()
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_csv_auto(?)", [str(path)]).fetchall()
        count = con.execute("SELECT count(*) FROM read_csv_auto(?)", [str(path)]).fetchone()[0]
    except duckdb.Error as e:
        return ["DuckDB cannot read it: %s" % e], 0
    names = [d[0] for d in described]
    types = [d[1] for d in described]
    if names != header:
        problems.append("DuckDB's columns %s, the header %s" % (names, header))
    if count != len(rows):
        problems.append("DuckDB read %d rows of %d" % (count, len(rows)))
    for i, (name, got) in enumerate(zip(header, types)):
        k = kind(file, name)
        has_value = any(i < len(r) and r[i] != "" for r in rows)
        if k is None:
            problems.append("column %r: unknown" % name)
        elif k in EXPECTED_TYPES and has_value and got not in EXPECTED_TYPES[k]:
            problems.append("column %r (%s): DuckDB infers %s, expected %s" % (name, k, got, "/".join(sorted(EXPECTED_TYPES[k]))))
    return problems, len(rows)


def check_guard(data_path, sheet_path, file):
    """The spreadsheet copy against the data file: returns problems and the guarded cells."""
    problems = []
    raw = sheet_path.read_bytes()
    if not raw.startswith(BOM):
        problems.append("no UTF-8 byte-order mark")
    if data_path.read_bytes().startswith(BOM):
        problems.append("the data file has a byte-order mark")
    data_header, data_rows = read_rows(data_path)
    sheet_header, sheet_rows = read_rows(sheet_path)
    if len(data_rows) != len(sheet_rows):
        return problems + ["%d rows, the data file %d" % (len(sheet_rows), len(data_rows))], 0
    guarded = 0
    for n, (d_row, s_row) in enumerate(zip([data_header] + data_rows, [sheet_header] + sheet_rows), 1):
        if len(d_row) != len(s_row):
            problems.append("line %d: %d cells, the data file %d" % (n, len(s_row), len(d_row)))
            continue
        for c, (d, s) in enumerate(zip(d_row, s_row)):
            k = "text" if n == 1 else kind(file, data_header[c])
            should = k not in ("count", "ratio") and d.startswith(FORMULA_STARTS)
            want = "'" + d if should else d
            if s != want:
                problems.append("line %d column %r: %r, expected %r" % (n, data_header[c], s, want))
            guarded += should
    return problems, guarded


def check_out(out, checks):
    total_guarded = 0
    for file in FILES:
        data = out / file
        sheet = out / "spreadsheet" / file
        for path in (data, sheet):
            name = "%s: DuckDB reads %s" % (out, path.relative_to(out))
            if not path.is_file():
                checks.record(name, ["missing"])
                continue
            problems, rows = check_duckdb(path, file)
            checks.record("%s (%d rows)" % (name, rows), problems)
        if data.is_file() and sheet.is_file():
            problems, guarded = check_guard(data, sheet, file)
            total_guarded += guarded
            checks.record("%s: spreadsheet/%s guards %d cells" % (out, file, guarded), problems)
    print("     %s: %d cells guarded in the spreadsheet copies" % (out, total_guarded))


def soffice_to_xlsx(paths, outdir, profile):
    """Converts CSV files with LibreOffice, told to read them as UTF-8:
    headless, it does not look for a byte-order mark and reads the filter's
    default code page (Windows-1252) without one, so the mark itself is
    checked as bytes (check_guard)."""
    cmd = [
        "soffice",
        "--headless",
        "--norestore",
        "-env:UserInstallation=file://%s" % profile,
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(outdir),
    ] + [str(p) for p in paths]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def same_number(value, text):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value - float(text)) < 1e-9


def check_workbook(xlsx, sheet_csv, file):
    problems = []
    header, rows = read_rows(sheet_csv)
    ws = openpyxl.load_workbook(xlsx).active
    cells = list(ws.iter_rows())
    if len(cells) != len(rows) + 1:
        problems.append("%d rows, the CSV has %d" % (len(cells) - 1, len(rows)))
    counts = {"date": 0, "number": 0, "text": 0}
    for n, (row, csv_row) in enumerate(zip(cells, [header] + rows), 1):
        for c, (cell, text) in enumerate(zip(row, csv_row)):
            if cell.data_type == "f":
                problems.append("line %d column %d: a formula %r" % (n, c + 1, cell.value))
                continue
            k = "text" if n == 1 else kind(file, header[c].lstrip("'"))
            if text == "":
                if cell.value not in (None, ""):
                    problems.append("line %d column %r: %r for an empty cell" % (n, header[c], cell.value))
                continue
            if k == "date":
                if not (cell.is_date and isinstance(cell.value, dt.datetime) and cell.value.date().isoformat() == text):
                    problems.append("line %d column %r: %r (%s) is not the date %s" % (n, header[c], cell.value, cell.data_type, text))
                counts["date"] += 1
            elif k in ("count", "ratio"):
                if not same_number(cell.value, text):
                    problems.append("line %d column %r: %r is not the number %s" % (n, header[c], cell.value, text))
                counts["number"] += 1
            elif k in ("text", "timestamp"):
                if cell.value != text:
                    problems.append("line %d column %r: %r, the CSV has %r" % (n, header[c], cell.value, text))
                counts["text"] += 1
    return problems, counts


def check_sheets(outs, checks):
    seen = {ch: 0 for ch in "£’…"}
    with tempfile.TemporaryDirectory(prefix="trendfeed-soffice.") as tmp:
        tmp = Path(tmp)
        for i, out in enumerate(outs):
            converted = tmp / str(i)
            sheets = [out / "spreadsheet" / f for f in FILES]
            soffice_to_xlsx(sheets, converted, tmp / "profile")
            for file, sheet in zip(FILES, sheets):
                xlsx = converted / (Path(file).stem + ".xlsx")
                name = "%s: LibreOffice opens spreadsheet/%s" % (out, file)
                if not xlsx.is_file():
                    checks.record(name, ["soffice wrote no %s" % xlsx.name])
                    continue
                problems, counts = check_workbook(xlsx, sheet, file)
                checks.record("%s (%d dates, %d numbers, %d texts)" % (name, counts["date"], counts["number"], counts["text"]), problems)
            # Text beyond ASCII survives the trip (read as UTF-8, not the system's code page):
            # as many cells hold £, ’ and … in the workbook as in the CSV file.
            ws = openpyxl.load_workbook(converted / "items.xlsx").active
            texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
            _, csv_rows = read_rows(sheets[0])
            problems, held = [], []
            for ch in "£’…":
                want = sum(ch in cell for row in csv_rows for cell in row)
                got = sum(ch in t for t in texts)
                held.append("%d %s" % (got, ch))
                seen[ch] += got
                if got != want:
                    problems.append("%d cells hold %s, %d in the CSV file" % (got, ch, want))
            checks.record("%s: items.xlsx has cells holding %s, as the CSV file" % (out, ", ".join(held)), problems)
            # The guard is what keeps a formula out: the data file of items.csv gives one when a title starts with `=`.
            _, rows = read_rows(out / "items.csv")
            if any(r[5].startswith("=") for r in rows):
                plain = tmp / ("plain-%d" % i)
                soffice_to_xlsx([out / "items.csv"], plain, tmp / "profile")
                ws = openpyxl.load_workbook(plain / "items.xlsx").active
                formulas = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
                checks.record("%s: LibreOffice runs %d formulas of the unguarded items.csv" % (out, len(formulas)), [] if formulas else ["no formula: the check above proves nothing"])
    # Without these characters in any items.csv, the check above proves nothing.
    checks.record("£ ’ … held by %s cells of items.xlsx in all" % "/".join(map(str, seen.values())), ["none holds %s" % ch for ch, n in seen.items() if n == 0])


def main(argv):
    args = argv[1:]
    sheets = "--sheets" in args
    outs = [Path(a) for a in args if a != "--sheets"]
    if not outs:
        print(__doc__)
        return 2
    checks = Checks()
    for out in outs:
        check_out(out, checks)
    if sheets:
        check_sheets(outs, checks)
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
