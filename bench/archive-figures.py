#!/usr/bin/env python3
"""Figures that say whether trendfeed read an archive right, measured from the
source files and the output files, independently of trendfeed's own code.

    bench/archive-figures.py [--bin PATH] [--json] [--validate] [--keep DIR] ARCHIVE...

For each archive folder: `trendfeed build --issues A --out T` into a temporary
folder, then again with `--skip-invalid` when the first build fails; then one
row of figures (definitions in bench/archive-figures.md, shared with
tests/integration/archives.rs). Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ISSUE_EXTENSIONS = (".md", ".markdown", ".mdown", ".txt", ".mdx")

# --------------------------------------------------------------------- source

MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"


def valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def date_in_value(value: str) -> date | None:
    """A calendar date at the start of a front-matter value: YYYY-M-D (any time
    after it), or M-D-YYYY / M/D/YYYY; quotes around it are allowed."""
    v = value.strip().strip("'\"").strip()
    m = re.match(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])", v)
    if m:
        return valid_date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"([0-9]{1,2})[-/]([0-9]{1,2})[-/]([0-9]{4})(?![0-9])", v)
    if m:
        return valid_date(int(m[3]), int(m[1]), int(m[2]))
    return None


def date_in_name(stem: str) -> date | None:
    """A calendar date YYYY-M-D (padded or not) in a file name."""
    for m in re.finditer(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])", stem):
        d = valid_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return d
    return None


PELICAN_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:\s?(.*)$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front-matter keys lowercased -> raw values, body). YAML `---`, TOML
    `+++`, or a Pelican/MultiMarkdown header (`Key: value` lines up to the first
    blank line, holding a title or date key). Only top-level `key: value` /
    `key = value` lines are read."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    for fence, sep in (("---", ":"), ("+++", "=")):
        if lines and lines[0].rstrip() == fence:
            for i in range(1, len(lines)):
                if lines[i].rstrip() == fence or (fence == "---" and lines[i].rstrip() == "..."):
                    keys = {}
                    for ln in lines[1:i]:
                        if ln[:1].isspace() or sep not in ln:
                            continue
                        k, v = ln.split(sep, 1)
                        keys.setdefault(k.strip().lower(), v.strip())
                    return keys, "\n".join(lines[i + 1:])
            return {}, text
    keys = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        m = PELICAN_KEY.match(lines[i])
        if not m:
            if lines[i][:1].isspace() and keys:  # continuation line
                i += 1
                continue
            break
        keys.setdefault(m[1].lower(), m[2].strip())
        i += 1
    else:
        if keys and ("title" in keys or "date" in keys):
            return keys, "\n".join(lines[i:])
    return {}, text


def is_draft(keys: dict[str, str]) -> bool:
    draft = keys.get("draft", "").strip("'\" ").lower()
    status = keys.get("status", "").strip("'\" ").lower()
    published = keys.get("published", "").strip("'\" ").lower()
    return draft in ("true", "yes") or status == "draft" or published in ("false", "no")


def strip_markup(body: str) -> str:
    """The body without HTML comments, Liquid comment blocks, and fenced code
    blocks (``` or ~~~, up to the matching fence or the end of the file)."""
    body = re.sub(r"<!--.*?(-->|\Z)", " ", body, flags=re.S)
    body = re.sub(r"\{%-?\s*comment\s*-?%\}.*?(\{%-?\s*endcomment\s*-?%\}|\Z)", " ", body, flags=re.S)
    out, fence = [], None
    for ln in body.split("\n"):
        m = re.match(r" {0,3}(`{3,}|~{3,})", ln)
        if fence is None:
            if m and not (m[1][0] == "`" and "`" in ln[m.end():]):
                fence = m[1]
                continue
            out.append(ln)
        elif m and m[1][0] == fence[0] and len(m[1]) >= len(fence) and not ln[m.end():].strip():
            fence = None
    return "\n".join(out)


URL = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.I)
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def trim_url(u: str) -> str:
    """Drops trailing punctuation that ends a sentence or a markdown link: one of
    `.,;:!?*_~'"` always, `)` only when unbalanced (GFM autolink rule)."""
    while u:
        c = u[-1]
        if c in ".,;:!?*_~'\"":
            u = u[:-1]
        elif c == ")" and u.count("(") < u.count(")"):
            u = u[:-1]
        else:
            break
    return u


ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));")
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def unescape(text: str) -> str:
    """Decodes numeric character references and `&amp; &lt; &gt; &quot; &apos;`
    (all that an HTML writer needs to escape); other `&name;` stay as they are."""
    def one(m: re.Match) -> str:
        if m[3]:
            return NAMED[m[3]]
        code = int(m[1], 16) if m[1] else int(m[2])
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return ENTITY.sub(one, text)


def norm_url(u: str) -> str:
    """The comparison key: HTML entities and %-escapes decoded, trailing
    punctuation (see trim_url) and one trailing `/` dropped, scheme and host
    lowercased."""
    u = urllib.parse.unquote(unescape(u), errors="replace")
    u = trim_url(u)
    if u.endswith("/"):
        u = u[:-1]
    m = re.match(r"([a-zA-Z]+://)([^/?#]*)(.*)$", u, re.S)
    if m:
        u = m[1].lower() + m[2].lower() + m[3]
    return u


LINK_DEST = re.compile(r"\]\(\s*<?(?=https?://)", re.I)


def link_destination(text: str, start: int) -> int:
    """End of a markdown link destination starting at `start`: the first
    whitespace, `>` or `)` that closes no `(` opened inside it."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            i += 2
            continue
        if c.isspace() or c == ">":
            break
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    return i


def source_urls(body: str) -> list[str]:
    """Every http(s) URL in the text outside front matter, comments and fenced
    code (occurrences, in order), each normalised. A markdown link's
    destination `[t](URL)` ends where the link does; any other URL (bare, in
    `<URL>`, in a reference definition or an HTML attribute) ends at
    whitespace or one of `<>"'`[]{}|\\^`, then loses trailing punctuation."""
    text = strip_markup(body)
    urls, rest, pos = [], [], 0
    for m in LINK_DEST.finditer(text):
        if m.end() < pos:
            continue
        end = link_destination(text, m.end())
        urls.append(text[m.end():end])
        rest.append(text[pos:m.end()])
        pos = end
    rest.append(text[pos:])
    urls += [m[0] for m in URL.finditer("".join(rest))]
    out = []
    for u in urls:
        u = norm_url(MD_ESCAPE.sub(r"\1", u))
        if len(u) > len("http://") + 1:
            out.append(u)
    return out


class SourceIssue:
    def __init__(self, path: Path, rel: str):
        self.path, self.rel = path, rel
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        self.keys, body = split_front_matter(text)
        self.draft = is_draft(self.keys)
        self.date = date_in_value(self.keys["date"]) if "date" in self.keys else None
        if self.date is None:
            self.date = date_in_name(path.stem if path.stem != "index" else path.parent.name)
        self.urls = source_urls(body)


def read_sources(archive: Path) -> list[SourceIssue]:
    files = sorted(p for p in archive.rglob("*") if p.is_file() and p.suffix.lower() in ISSUE_EXTENSIONS
                   and not any(part.startswith(".") for part in p.relative_to(archive).parts))
    return [SourceIssue(p, str(p.relative_to(archive))) for p in files]


# --------------------------------------------------------------------- output

HREF_OR_TEXT_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)


def output_urls(out: Path) -> tuple[int, set[str]]:
    """(issue pages, normalised URLs found anywhere in their HTML). Issue pages
    are out/issues/*.html except index.html."""
    pages, urls = 0, set()
    d = out / "issues"
    if not d.is_dir():
        return 0, urls
    for p in sorted(d.glob("*.html")):
        if p.name == "index.html":
            continue
        pages += 1
        text = unescape(p.read_text(encoding="utf-8", errors="replace"))
        for m in HREF_OR_TEXT_URL.finditer(text):
            urls.add(norm_url(m[0]))
    return pages, urls


def read_items(out: Path) -> list[dict[str, str]]:
    p = out / "items.csv"
    if not p.is_file():
        return []
    with p.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


DAY = r"\d{1,2}(?:st|nd|rd|th)?"
MONTH = rf"(?:{MONTHS}|january|february|march|april|june|july|august|september|october|november|december)\.?"
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+"
DATE_ONLY = re.compile(
    rf"^(?:{WEEKDAY})?(?:"
    rf"{MONTH}\s+{DAY}(?:\s*[-–]\s*{DAY})?(?:,?\s+\d{{4}})?"  # Jun 10, June 10-12, June 10, 2023
    rf"|{DAY}\s+{MONTH}(?:,?\s+\d{{4}})?"  # 10 June 2023
    rf"|{MONTH}\s+\d{{4}}"  # June 2023
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[ T][\d:]+\S*)?"  # 2023-01-05
    rf"|\d{{1,2}}[/-]\d{{1,2}}(?:[/-]\d{{2,4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}"  # 01/05/2023, 6/10, 5.1.2023
    rf")[\s.:,;!)]*$",
    re.I,
)


def is_date_title(title: str) -> bool:
    return bool(DATE_ONLY.match(title.strip().strip("*_()[]").strip()))


def without_code_spans(text: str) -> str:
    """The text with each inline code span replaced by a space: a run of n
    backticks up to the next run of exactly n backticks (CommonMark); a run
    with no closing run is kept as it is."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    out, pos, i = [], 0, 0
    while i < len(runs):
        start, end = runs[i]
        n = end - start
        close = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == n), None)
        if close is None:
            i += 1
            continue
        out.append(text[pos:start])
        out.append(" ")
        pos = runs[close][1]
        i = close + 1
    out.append(text[pos:])
    return "".join(out)


MARKUP = {
    "<!--": re.compile(r"<!--"),
    "-->": re.compile(r"-->"),
    "{%": re.compile(r"\{%"),
    "%}": re.compile(r"%\}"),
    "{{<": re.compile(r"\{\{<"),
    ">}}": re.compile(r">\}\}"),
    "{{%": re.compile(r"\{\{%"),
    "import": re.compile(r"(?:^|\n)\s*import\s|\bimport\s+(?:[\w*{][^'\"\n]*?\s+from\s+)?['\"][^'\"\s]+['\"]"),
    "jsx": re.compile(r"(?<![\w:.$])<[A-Z]\w*(?=[\s/>])"),
}


def markup_kinds(item: dict[str, str]) -> list[str]:
    """Kinds of markup in an item's title or text, outside `code spans`."""
    text = without_code_spans((item.get("title") or "") + "\n" + (item.get("text") or ""))
    return [k for k, rx in MARKUP.items() if rx.search(text)]


def item_text_key(item: dict[str, str]) -> str:
    text = item.get("text") or item.get("title") or ""
    return " ".join(text.lower().split())


# ---------------------------------------------------------------------- build

ERROR_HEAD = re.compile(r"^(error|warning)(\[[^\]]*\])?:")
ARROW = re.compile(r"^\s*-->\s+(.+?):\d+(?::\d+)?\s*$")


def invalid_files(stderr: str) -> set[str]:
    """Files named by `-->` lines under `error:` messages."""
    named, kind = set(), None
    for ln in stderr.splitlines():
        m = ERROR_HEAD.match(ln)
        if m:
            kind = m[1]
            continue
        a = ARROW.match(ln)
        if a and kind == "error":
            named.add(a[1])
    return named


def build(binary: str, archive: Path, out: Path, skip_invalid: bool) -> subprocess.CompletedProcess:
    args = [binary, "build", "--issues", str(archive), "--out", str(out)]
    if skip_invalid:
        args.append("--skip-invalid")
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=dict(os.environ, NO_COLOR="1"), errors="replace")


# --------------------------------------------------------------------- figures

def figures(archive: Path, binary: str, out: Path, validate: bool, venv: str | None) -> dict:
    first = build(binary, archive, out, False)
    second = build(binary, archive, out, True) if first.returncode != 0 else None
    named = invalid_files(first.stderr)
    sources = read_sources(archive)
    dated = [s for s in sources if s.date and not s.draft]
    pages, out_urls = output_urls(out)
    items = read_items(out)

    # URL reach: distinct normalised URLs of the dated, non-draft sources.
    src_urls = set(u for s in dated for u in s.urls)
    missing = sorted(src_urls - out_urls)
    reach = len(src_urls & out_urls) / len(src_urls) if src_urls else None

    # Items vs links by year.
    links_by_year, issues_by_year = Counter(), Counter()
    for s in dated:
        links_by_year[s.date.year] += len(s.urls)
        issues_by_year[s.date.year] += 1
    items_by_year = Counter()
    for it in items:
        m = re.match(r"(\d{4})", it.get("date") or "")
        if m:
            items_by_year[int(m[1])] += 1
    years = []
    for y in sorted(issues_by_year):
        n, links, its = issues_by_year[y], links_by_year[y], items_by_year[y]
        years.append({"year": y, "issues": n, "items": its, "links": links,
                      "items_per_issue": round(its / n, 2), "links_per_issue": round(links / n, 2),
                      "ratio": its / links if links else None})
    ratios = [y["ratio"] for y in years if y["ratio"] is not None]
    median = statistics.median(ratios) if ratios else None
    worst = min((y for y in years if y["ratio"] is not None), key=lambda y: y["ratio"], default=None)
    worst_rel = None
    if worst is not None:
        # A median of 0 (most years without items) counts as a collapse.
        worst_rel = worst["ratio"] / median if median else 0.0
    for y in years:
        y["ratio"] = round(y["ratio"], 4) if y["ratio"] is not None else None

    # Repeated item text.
    issues_of_text = defaultdict(set)
    for it in items:
        issues_of_text[item_text_key(it)].add(it.get("issue", ""))
    threshold = max(2, -(-len(dated) // 5))  # 20% of the issues, rounded up
    repeated = [it for it in items if item_text_key(it)
                and len(issues_of_text[item_text_key(it)]) >= threshold]
    top_repeated = Counter(item_text_key(it)[:80] for it in repeated).most_common(5)

    date_titles = [it["title"] for it in items if is_date_title(it.get("title") or "")]
    markup = Counter()
    markup_items = 0
    examples = []
    for it in items:
        kinds = markup_kinds(it)
        if kinds:
            markup_items += 1
            markup.update(kinds)
            if len(examples) < 5:
                examples.append(((it.get("title") or "")[:60], kinds))

    row = {
        "archive": archive.name or str(archive),
        "exit": first.returncode,
        "exit_skip_invalid": second.returncode if second else first.returncode,
        "invalid_named": len(named),
        "invalid_files": sorted(named),
        "source_files": len(sources),
        "drafts": sum(1 for s in sources if s.draft),
        "issues": len(dated),
        "undated": sorted(s.rel for s in sources if not s.date and not s.draft),
        "pages": pages,
        "urls": len(src_urls),
        "urls_reached": len(src_urls & out_urls),
        "url_reach": round(reach, 4) if reach is not None else None,
        "missing_urls_sample": missing[:10],
        "items": len(items),
        "years": years,
        "median_ratio": round(median, 4) if median is not None else None,
        "worst_year": worst["year"] if worst else None,
        "worst_year_rel": round(worst_rel, 3) if worst_rel is not None else None,
        "repeated_items": len(repeated),
        "repeated_share": round(len(repeated) / len(items), 4) if items else None,
        "top_repeated": top_repeated,
        "date_titles": len(date_titles),
        "date_titles_sample": Counter(date_titles).most_common(5),
        "markup_items": markup_items,
        "markup_kinds": dict(markup),
        "markup_sample": examples,
    }
    if validate:
        row["validate"] = run_validators(out, venv)
    row["missed"] = missed(row)
    return row


def w3c_kind(prefix: str, message: dict) -> str:
    """`W:NotHtml(description)`: severity, W3C message type, element."""
    element = f"({message['element']})" if message.get("element") else ""
    return f"{prefix}:{message['type']}{element}"


def run_validators(out: Path, venv: str | None) -> dict:
    here = Path(__file__).resolve().parent.parent
    script = os.environ.get("VALIDATE_FEEDS", str(here.parent / "shared/validators/validate-feeds"))
    env = dict(os.environ)
    if venv:
        env["VALIDATORS_VENV"] = venv
    elif "VALIDATORS_VENV" not in env:
        env["VALIDATORS_VENV"] = str(here / "target/validators-venv")
    feeds = out / "feeds"
    if not feeds.is_dir():
        return {"rc": None, "errors": None, "warnings": None, "kinds": {}, "note": "no feeds folder"}
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tf:
        report = tf.name
    try:
        p = subprocess.run([script, str(feeds), "--strict", "--json", report], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env, errors="replace")
        if p.returncode == 2 or not os.path.getsize(report):
            return {"rc": p.returncode, "errors": None, "warnings": None, "kinds": {},
                    "note": (p.stderr or p.stdout).strip()[-300:]}
        with open(report, encoding="utf-8") as f:
            doc = json.load(f)
    finally:
        os.unlink(report)
    kinds = Counter()
    errors = warnings = 0
    for r in doc["feeds"]:
        if not r["xml"]["ok"]:
            kinds["E:not-well-formed"] += 1
            errors += 1
        for m in r["w3c"]["errors"]:
            kinds[w3c_kind("E", m)] += m.get("count", 1)
            errors += m.get("count", 1)
        for m in r["w3c"]["warnings"]:
            kinds[w3c_kind("W", m)] += m.get("count", 1)
            warnings += m.get("count", 1)
        if r["feedparser"]["bozo"]:
            kinds["E:feedparser-bozo(" + (r["feedparser"]["bozo_exception"] or "").split(":")[0] + ")"] += 1
            errors += 1
        # The other reasons --strict fails on (newsboat, missing fields, relative links).
        for reason in r["reasons"]:
            if reason in ("not well-formed", "w3c errors", "feedparser bozo", "w3c warnings"):
                continue
            kinds["W:" + re.sub(r"\d+", "N", reason)] += 1
            warnings += 1
    return {"rc": p.returncode, "feeds": doc["summary"]["feeds"], "errors": errors, "warnings": warnings,
            "kinds": dict(kinds.most_common())}


# ---------------------------------------------------------------------- print

COLUMNS = ["archive", "exit", "skip", "inval", "issues", "pages", "url reach", "items", "worst yr", "repeat",
           "date-t", "markup", "targets missed"]


def missed(r: dict) -> list[str]:
    """The targets of issue 12's "Done when" this archive misses (bench/archive-figures.md).
    Whether the files named invalid are invalid by the rules is not judged here."""
    out = []
    if r["exit"] not in (0, 1) or r["exit_skip_invalid"] != 0 or (r["exit"] == 1 and not r["invalid_named"]):
        out.append("exit")
    if r["pages"] != r["issues"]:
        out.append("pages")
    if r["url_reach"] is not None and r["url_reach"] < 0.995:
        out.append("reach")
    if r["worst_year_rel"] is not None and r["worst_year_rel"] < 1 / 3:
        out.append("collapse")
    if r["repeated_share"] is not None and r["repeated_share"] > 0.01:
        out.append("repeat")
    if r["date_titles"]:
        out.append("date-t")
    if r["markup_items"]:
        out.append("markup")
    v = r.get("validate")
    if v and (v.get("errors") is None or v["errors"] or v["warnings"]):
        out.append("feeds")
    return out


def pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{100 * x:.{digits}f}%"


def table_row(r: dict) -> list[str]:
    worst = "n/a" if r["worst_year_rel"] is None else f"{r['worst_year']} {r['worst_year_rel']:.2f}×"
    return [r["archive"], str(r["exit"]), str(r["exit_skip_invalid"]), str(r["invalid_named"]),
            str(r["issues"]), str(r["pages"]),
            f"{pct(r['url_reach'], 2)} {r['urls_reached']}/{r['urls']}", str(r["items"]), worst,
            pct(r["repeated_share"]), str(r["date_titles"]), str(r["markup_items"]), ",".join(missed(r)) or "-"]


def print_table(rows: list[dict], verbose: bool) -> None:
    head = COLUMNS
    body = [table_row(r) for r in rows]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    for line in [head] + body:
        print("  ".join(x.ljust(w) for x, w in zip(line, widths)).rstrip())
    for r in rows:
        if "validate" in r:
            v = r["validate"]
            kinds = ", ".join(f"{k}×{n}" for k, n in v["kinds"].items()) or "-"
            if v.get("errors") is None:
                print(f"validate {r['archive']}: not run ({v.get('note')})")
            else:
                print(f"validate {r['archive']}: {v['feeds']} feeds, {v['errors']} errors, "
                      f"{v['warnings']} warnings: {kinds}")
    if verbose:
        for r in rows:
            print(f"\n== {r['archive']}")
            print("  years (issues, items/issue, links/issue, items/links):")
            for y in r["years"]:
                print(f"    {y['year']}: {y['issues']:4} {y['items_per_issue']:7} {y['links_per_issue']:7} "
                      f"{y['ratio']}")
            print(f"  median items/links: {r['median_ratio']}")
            for key in ("invalid_files", "undated", "missing_urls_sample", "top_repeated",
                        "date_titles_sample", "markup_kinds", "markup_sample"):
                if r[key]:
                    print(f"  {key}: {r[key]}")


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archives", nargs="+", type=Path, help="archive folders (issue files, read recursively)")
    ap.add_argument("--bin", default=str(here / "target/release/trendfeed"), help="trendfeed binary "
                    "(default: target/release/trendfeed)")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON instead of the table")
    ap.add_argument("--validate", action="store_true",
                    help="also run ../shared/validators/validate-feeds OUT/feeds --strict")
    ap.add_argument("--venv", help="validators venv (default: $VALIDATORS_VENV, else target/validators-venv)")
    ap.add_argument("--keep", type=Path, help="build into KEEP/<archive> and keep it (default: a temp folder)")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-year figures and samples after the table")
    a = ap.parse_args(argv)
    if not os.access(a.bin, os.X_OK):
        sys.stderr.write(f"archive-figures: no trendfeed binary at {a.bin} (cargo build --release, or --bin)\n")
        return 2
    rows = []
    for archive in a.archives:
        if not archive.is_dir():
            sys.stderr.write(f"archive-figures: {archive} is not a folder\n")
            return 2
        name = archive.resolve().name
        if a.keep:
            out = a.keep / name
            rows.append(figures(archive.resolve(), a.bin, out, a.validate, a.venv))
        else:
            with tempfile.TemporaryDirectory(prefix="archive-figures-") as tmp:
                rows.append(figures(archive.resolve(), a.bin, Path(tmp) / "out", a.validate, a.venv))
        rows[-1]["archive"] = name
    if a.json:
        json.dump(rows, sys.stdout, indent=1, ensure_ascii=False, default=str)
        print()
    else:
        print_table(rows, a.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
