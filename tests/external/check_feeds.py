#!/usr/bin/env python3
"""Check the feeds trendfeed wrote to an out/ folder, the way a feed reader sees them.

Usage: check_feeds.py [--expect FILE] [OUT_DIR]     (default: out)

Every out/feeds/**/*.rss, *.atom and *.json is checked:

* XML feeds are parsed strictly with lxml and with feedparser (bozo = failure);
  JSON feeds with the json module (feedparser 6.0.x, the released line, has no
  JSON Feed support: it reports any JSON document as bozo XML).
* the number of entries equals the number of <item>/<entry> elements;
* every entry has a title, an absolute http(s) link, an id/guid unique within
  the feed and a date that parses strictly (RFC 822 for RSS, RFC 3339 for Atom
  and JSON), is not 1970 and not in the future; entries are newest first;
* RSS: <rss version="2.0">, channel title/link/description, <atom:link
  rel="self"> pointing at the feed itself, lastBuildDate equal to the newest
  entry's date, permalink guids are absolute URLs;
* Atom: feed id, title, updated (not older than the newest entry), author
  (feed or every entry), rel="self" link pointing at the feed itself;
* JSON Feed: version https://jsonfeed.org/version/1.1, title, items with ids;
* siblings: <x>.atom and <x>.json hold the same entries (id, title, link, date,
  in order) as <x>.rss; every .rss has an .atom sibling and vice versa;
* section feeds (out/feeds/<slug>.*, except all.*) against out/items.csv: the
  entries are the first N items of that section, newest issue first (document
  order inside an issue), same id, link, title and date (items.csv's
  `published`); feeds cut short by the
  feed limit all have the same length; every section of items.csv has a feed;
* all.* (one entry per issue): the entries link to existing out/issues/<n>.html
  pages, are the newest issues, and carry the issue's date from items.csv;
* topic feeds (out/feeds/topics/*): every entry is an item of items.csv with
  the same link, id and text, and that item's issue date;
* every entry has a summary (RSS description, Atom summary, JSON summary); a
  section or topic feed's is the item's `text` in items.csv;
* with --expect FILE (tests/external/samples-expected.json for the samples'
  out/), expectations written apart from trendfeed: the entries of each topic
  feed (`topic_entries`), and the set of every entry id of every feed (`ids`).

Prints one line per feed and a final "N passed, M failed"; exits 1 on failure.
"""

import calendar
import csv
import datetime as dt
import email.utils
import html
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import feedparser
from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
A = "{%s}" % ATOM_NS
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_SUFFIXES = (".rss", ".atom", ".json")
# Dates up to this much ahead of the clock are tolerated (clock skew).
FUTURE_SLACK = dt.timedelta(minutes=5)
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class Entry:
    def __init__(self, eid, title, link, date, links=(), summary=None):
        self.id = eid
        self.title = title
        self.link = link
        self.date = date  # aware datetime or None
        self.summary = summary  # RSS description (unescaped), Atom summary, JSON summary: plain text
        self.links = set(links) | ({link} if link else set())  # JSON: url + external_url

    def key(self):
        return (self.id, norm(self.title), self.link, self.date)


class Feed:
    def __init__(self, path, rel):
        self.path = path  # Path of the file
        self.rel = rel  # path relative to out/feeds, posix, e.g. "topics/docker.rss"
        self.kind = path.suffix[1:]  # rss | atom | json
        self.entries = []
        self.errors = []
        self.updated = None  # lastBuildDate / updated
        self.parsed = False  # entries could be extracted

    def fail(self, msg):
        self.errors.append(msg)


def norm(text):
    return " ".join((text or "").split())


def is_abs_http(url):
    if not url or not isinstance(url, str):
        return False
    u = urlparse(url)
    return u.scheme in ("http", "https") and bool(u.netloc) and not any(c.isspace() for c in url)


def parse_rfc822(raw):
    """Strict-ish RFC 822 date: returns (aware datetime, problem)."""
    if raw is None or not raw.strip():
        return None, "missing"
    raw = raw.strip()
    try:
        d = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError) as e:
        return None, "unparsable RFC 822 date %r (%s)" % (raw, e)
    if d is None:
        return None, "unparsable RFC 822 date %r" % raw
    if d.tzinfo is None:
        return None, "RFC 822 date %r has no (or a -0000) time zone" % raw
    m = re.match(r"^\s*([A-Za-z]{3}),", raw)
    if m and m.group(1).title() != DAYS[d.weekday()]:
        return None, "RFC 822 date %r: day name should be %s" % (raw, DAYS[d.weekday()])
    return d, None


def parse_rfc3339(raw):
    if raw is None or not str(raw).strip():
        return None, "missing"
    raw = str(raw).strip()
    if not RFC3339.match(raw):
        return None, "not an RFC 3339 date-time: %r" % raw
    try:
        d = dt.datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
    except ValueError as e:
        return None, "invalid RFC 3339 date-time %r (%s)" % (raw, e)
    return d, None


def check_date(feed, what, d):
    if d is None:
        return
    if d.year <= 1970:
        feed.fail("%s: date %s is the 1970 epoch (or earlier)" % (what, d.isoformat()))
    if d > dt.datetime.now(dt.timezone.utc) + FUTURE_SLACK:
        feed.fail("%s: date %s is in the future" % (what, d.isoformat()))


def same_instant_as_feedparser(feed, what, d, struct):
    """feedparser must read the same instant (what a reader will show)."""
    if d is None:
        return
    if struct is None:
        feed.fail("%s: feedparser could not parse the date" % what)
        return
    if int(d.timestamp()) != calendar.timegm(struct):
        feed.fail("%s: feedparser reads the date as %s, not %s" % (what, time.strftime("%Y-%m-%dT%H:%M:%SZ", struct), d.isoformat()))


def check_self_link(feed, href):
    if href is None:
        feed.fail('no rel="self" link')
        return
    if not is_abs_http(href):
        feed.fail('rel="self" link %r is not an absolute http(s) URL' % href)
    elif not urlparse(href).path.endswith("/feeds/" + feed.rel):
        feed.fail('rel="self" link %r does not point at feeds/%s' % (href, feed.rel))


# --------------------------------------------------------------------------- XML


def parse_xml(feed, data):
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        feed.fail("not well-formed XML: %s" % e)
        return None


def run_feedparser(feed, data):
    fp = feedparser.parse(data)
    if fp.bozo:
        feed.fail("feedparser bozo: %s: %s" % (type(fp.bozo_exception).__name__, fp.bozo_exception))
    want = {"rss": "rss20", "atom": "atom10"}[feed.kind]
    if fp.version != want:
        feed.fail("feedparser detects version %r, expected %r" % (fp.version, want))
    return fp


def check_rss(feed, data):
    root = parse_xml(feed, data)
    fp = run_feedparser(feed, data)
    if root is None:
        return
    if root.tag != "rss" or root.get("version") != "2.0":
        feed.fail('root element is <%s version=%r>, expected <rss version="2.0">' % (root.tag, root.get("version")))
        return
    channel = root.find("channel")
    if channel is None:
        feed.fail("no <channel>")
        return
    for name in ("title", "link", "description"):
        if not norm(channel.findtext(name)):
            feed.fail("channel has no <%s>" % name)
    if channel.findtext("link") and not is_abs_http(channel.findtext("link").strip()):
        feed.fail("channel <link> %r is not an absolute http(s) URL" % channel.findtext("link"))
    selfs = [l for l in channel.findall(A + "link") if l.get("rel") == "self"]
    check_self_link(feed, selfs[0].get("href") if selfs else None)
    if len(selfs) > 1:
        feed.fail('%d atom:link rel="self" elements' % len(selfs))

    items = channel.findall("item")
    if len(fp.entries) != len(items):
        feed.fail("feedparser sees %d entries but the file has %d <item> elements" % (len(fp.entries), len(items)))
        return
    for i, (item, e) in enumerate(zip(items, fp.entries), 1):
        what = "item %d" % i
        guid = item.find("guid")
        if guid is not None and guid.get("isPermaLink", "true") == "true" and not is_abs_http(norm(guid.text)):
            feed.fail("%s: guid %r is a permalink (isPermaLink defaults to true) but not an absolute URL" % (what, guid.text))
        d, problem = parse_rfc822(item.findtext("pubDate"))
        if problem:
            feed.fail("%s: pubDate %s" % (what, problem))
        same_instant_as_feedparser(feed, what, d, e.get("published_parsed"))
        # The description is HTML-escaped plain text (`Q&amp;A`): unescaped, the item's text.
        summary = html.unescape(item.findtext("description") or "")
        feed.entries.append(Entry(e.get("id"), e.get("title"), e.get("link"), d, summary=summary))
    feed.parsed = True

    raw = channel.findtext("lastBuildDate")
    d, problem = parse_rfc822(raw)
    if problem:
        feed.fail("lastBuildDate %s" % problem)
    feed.updated = d
    check_date(feed, "lastBuildDate", d)
    dates = [e.date for e in feed.entries if e.date]
    if d and dates and d != max(dates):
        feed.fail("lastBuildDate %s is not the newest entry's date %s" % (raw.strip(), max(dates).isoformat()))


def check_atom(feed, data):
    root = parse_xml(feed, data)
    fp = run_feedparser(feed, data)
    if root is None:
        return
    if root.tag != A + "feed":
        feed.fail("root element is %s, expected Atom <feed>" % root.tag)
        return
    if not norm(root.findtext(A + "id")):
        feed.fail("feed has no <id>")
    if not norm(root.findtext(A + "title")):
        feed.fail("feed has no <title>")
    d, problem = parse_rfc3339(root.findtext(A + "updated"))
    if problem:
        feed.fail("feed <updated> %s" % problem)
    feed.updated = d
    check_date(feed, "feed <updated>", d)
    feed_author = any(norm(a.findtext(A + "name")) for a in root.findall(A + "author"))
    selfs = [l for l in root.findall(A + "link") if l.get("rel") == "self"]
    check_self_link(feed, selfs[0].get("href") if selfs else None)
    if len(selfs) > 1:
        feed.fail('%d rel="self" links' % len(selfs))

    entries = root.findall(A + "entry")
    if len(fp.entries) != len(entries):
        feed.fail("feedparser sees %d entries but the file has %d <entry> elements" % (len(fp.entries), len(entries)))
        return
    for i, (entry, e) in enumerate(zip(entries, fp.entries), 1):
        what = "entry %d" % i
        if not feed_author and not any(norm(a.findtext(A + "name")) for a in entry.findall(A + "author")):
            feed.fail("%s: no author, and the feed has none" % what)
        if not norm(entry.findtext(A + "id")):
            feed.fail("%s: no <id>" % what)
        upd, problem = parse_rfc3339(entry.findtext(A + "updated"))
        if problem:
            feed.fail("%s: <updated> %s" % (what, problem))
        check_date(feed, what + " <updated>", upd)
        same_instant_as_feedparser(feed, what + " <updated>", upd, e.get("updated_parsed"))
        date = upd
        if entry.find(A + "published") is not None:
            pub, problem = parse_rfc3339(entry.findtext(A + "published"))
            if problem:
                feed.fail("%s: <published> %s" % (what, problem))
            same_instant_as_feedparser(feed, what + " <published>", pub, e.get("published_parsed"))
            if pub and upd and pub > upd:
                feed.fail("%s: published %s is after updated %s" % (what, pub.isoformat(), upd.isoformat()))
            date = pub
        summary = entry.findtext(A + "summary")
        feed.entries.append(Entry(e.get("id"), e.get("title"), e.get("link"), date, summary=summary))
    feed.parsed = True
    newest = [e.date for e in feed.entries if e.date]
    upds = []
    for entry in entries:
        u, _ = parse_rfc3339(entry.findtext(A + "updated"))
        if u:
            upds.append(u)
    if d and upds and d < max(upds):
        feed.fail("feed <updated> %s is older than the newest entry (%s)" % (d.isoformat(), max(upds).isoformat()))
    if not feed_author and not entries:
        feed.fail("feed has no <author>")


def check_json(feed, data):
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        feed.fail("not valid UTF-8 JSON: %s" % e)
        return
    if not isinstance(doc, dict):
        feed.fail("top level is not an object")
        return
    if doc.get("version") != JSONFEED_VERSION:
        feed.fail("version is %r, expected %r" % (doc.get("version"), JSONFEED_VERSION))
    if not isinstance(doc.get("title"), str) or not doc["title"].strip():
        feed.fail("no title")
    if "feed_url" in doc:
        check_self_link(feed, doc.get("feed_url"))
    if "home_page_url" in doc and not is_abs_http(doc.get("home_page_url")):
        feed.fail("home_page_url %r is not an absolute http(s) URL" % doc.get("home_page_url"))
    items = doc.get("items")
    if not isinstance(items, list):
        feed.fail("items is not an array")
        return
    for i, item in enumerate(items, 1):
        what = "item %d" % i
        if not isinstance(item, dict):
            feed.fail("%s is not an object" % what)
            continue
        eid = item.get("id")
        if not isinstance(eid, str):
            feed.fail("%s: id is %r, JSON Feed requires a string" % (what, eid))
            eid = None if eid is None else str(eid)
        raw = item.get("date_published") or item.get("date_modified")
        d, problem = parse_rfc3339(raw)
        if problem:
            feed.fail("%s: date_published %s" % (what, problem))
        links = [u for u in (item.get("url"), item.get("external_url")) if u]
        for u in links:
            if not is_abs_http(u):
                feed.fail("%s: url %r is not an absolute http(s) URL" % (what, u))
        url = item.get("url") or item.get("external_url")
        feed.entries.append(Entry(eid, item.get("title"), url, d, links, summary=item.get("summary")))
    feed.parsed = True


# ----------------------------------------------------------------------- checks


def check_entries(feed):
    seen = {}
    for i, e in enumerate(feed.entries, 1):
        what = "entry %d" % i
        if not norm(e.title):
            feed.fail("%s: no title" % what)
        if not norm(e.summary):
            feed.fail("%s: no summary (RSS description, Atom summary, JSON summary)" % what)
        if not is_abs_http(e.link):
            feed.fail("%s: link %r is not an absolute http(s) URL" % (what, e.link))
        if not e.id or not str(e.id).strip():
            feed.fail("%s: no id/guid" % what)
        elif e.id in seen:
            feed.fail("%s: id %r already used by entry %d" % (what, e.id, seen[e.id]))
        else:
            seen[e.id] = i
        if e.date is None:
            feed.fail("%s: no usable published/updated date" % what)
        check_date(feed, what, e.date)
    for i in range(1, len(feed.entries)):
        a, b = feed.entries[i - 1].date, feed.entries[i].date
        if a and b and b > a:
            feed.fail("entries are not newest first: entry %d (%s) is newer than entry %d (%s)" % (i + 1, b.isoformat(), i, a.isoformat()))
            break


def describe(e):
    return "id=%r title=%r link=%r date=%s" % (e.id, norm(e.title), e.link, e.date.isoformat() if e.date else None)


def compare_siblings(feed, rss):
    """feed (atom/json) must carry the same entries as its RSS sibling."""
    if not rss.parsed or not feed.parsed:
        return
    a, b = rss.entries, feed.entries
    if len(a) != len(b):
        feed.fail("%d entries, but %s has %d" % (len(b), rss.path.name, len(a)))
    for i, (x, y) in enumerate(zip(a, b), 1):
        if feed.kind == "json":
            diffs = []
            if x.id != y.id:
                diffs.append("id")
            if y.title is not None and norm(x.title) != norm(y.title):
                diffs.append("title")
            if x.link not in y.links:
                diffs.append("link")
            if x.date != y.date:
                diffs.append("date")
        else:
            diffs = [n for n, p, q in zip(("id", "title", "link", "date"), x.key(), y.key()) if p != q]
        if diffs:
            feed.fail("entry %d differs from %s in %s:\n      rss:  %s\n      this: %s" % (i, rss.path.name, "/".join(diffs), describe(x), describe(y)))
            break
    # Atom entries' <updated> may follow their <published> by seconds (distinct
    # times within an issue), so the Atom feed's <updated> may follow the RSS
    # lastBuildDate (the newest pubDate), but never precede it.
    if feed.kind == "atom" and rss.updated and feed.updated and feed.updated < rss.updated:
        feed.fail("<updated> %s is older than %s lastBuildDate %s" % (feed.updated.isoformat(), rss.path.name, rss.updated.isoformat()))


def slugify(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def load_items(out):
    path = out / "items.csv"
    if not path.is_file():
        return None, "%s is missing" % path
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"date", "issue", "published", "section", "id", "title", "url"} - set(reader.fieldnames or [])
        if missing:
            return None, "%s lacks columns %s" % (path, ", ".join(sorted(missing)))
        rows = list(reader)
    for n, r in enumerate(rows, 2):
        d, problem = parse_rfc3339(r["published"])
        if problem:
            return None, "%s line %d: published %s" % (path, n, problem)
        if r["date"] != d.date().isoformat():
            return None, "%s line %d: date %s is not the day of published %s" % (path, n, r["date"], r["published"])
        r["_date"] = d
        r["_pos"] = n
    return rows, None


def issue_key(issue):
    return (0, int(issue), "") if issue.isdigit() else (1, 0, issue)


def newest_first(rows):
    # Newest issue first; inside an issue, the order of items.csv (document order).
    return sorted(rows, key=lambda r: (-r["_date"].timestamp(), tuple(-x if isinstance(x, int) else 0 for x in issue_key(r["issue"])), r["_pos"]))


def check_section_feed(feed, rows, truncated):
    by_slug = {}
    for r in rows:
        by_slug.setdefault(slugify(r["section"]), r["section"])
    stem = Path(feed.rel).stem
    section = by_slug.get(stem)
    if section is None:
        feed.fail("no section of items.csv has the slug %r (sections: %s)" % (stem, ", ".join(sorted(set(by_slug.values())))))
        return
    expected = newest_first([r for r in rows if r["section"] == section])
    got = feed.entries
    if len(got) > len(expected):
        feed.fail("%d entries, but items.csv has only %d %r items" % (len(got), len(expected), section))
    for i, (e, r) in enumerate(zip(got, expected), 1):
        diffs = []
        if e.link != r["url"] and r["url"] not in e.links:
            diffs.append("link")
        if norm(e.title) != norm(r["title"]):
            diffs.append("title")
        if e.date != r["_date"]:
            diffs.append("date")
        if e.id != r["id"]:
            diffs.append("id")
        if norm(e.summary) != norm(r["text"]):
            diffs.append("summary")
        if diffs:
            feed.fail(
                "entry %d is not the %s %r item of items.csv (newest issue first) — %s differ:\n      feed:      %s\n      items.csv: issue %s line %d id=%r title=%r url=%r published=%s"
                % (i, ordinal(i), section, "/".join(diffs), describe(e), r["issue"], r["_pos"], r["id"], r["title"], r["url"], r["published"])
            )
            break
    if 0 < len(got) < len(expected):
        truncated.setdefault(len(got), []).append(feed)
    elif len(got) == 0 and expected:
        feed.fail("no entries, but items.csv has %d %r items" % (len(expected), section))


def ordinal(n):
    return "%d%s" % (n, "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def check_issue_feed(feed, rows, out):
    pages = sorted((p.stem for p in (out / "issues").glob("*.html")), key=issue_key, reverse=True)
    dates = {}
    for r in rows or []:
        dates.setdefault(r["issue"], r["_date"])
    numbers = []
    for i, e in enumerate(feed.entries, 1):
        m = re.search(r"/issues/([^/]+)\.html$", urlparse(e.link or "").path)
        if not m:
            feed.fail("entry %d: link %r is not an issues/<number>.html page" % (i, e.link))
            return
        n = m.group(1)
        numbers.append(n)
        if n not in pages:
            feed.fail("entry %d: links to issues/%s.html, which is not in %s" % (i, n, out / "issues"))
        elif n in dates and e.date != dates[n]:
            feed.fail("entry %d: date %s, but items.csv dates issue %s %s" % (i, e.date and e.date.isoformat(), n, dates[n].isoformat()))
    if numbers != pages[: len(numbers)]:
        feed.fail("entries are issues %s, expected the newest %d issues %s" % (", ".join(numbers), len(numbers), ", ".join(pages[: len(numbers)])))


def check_topic_feed(feed, rows):
    by_url = {}
    ids = {}
    for r in rows:
        by_url.setdefault(r["url"], set()).add(r["_date"])
        ids[r["id"]] = r
    for i, e in enumerate(feed.entries, 1):
        if e.id not in ids:
            feed.fail("entry %d: id %r is not the id of any item in items.csv" % (i, e.id))
            break
        if norm(e.summary) != norm(ids[e.id]["text"]):
            feed.fail("entry %d: summary %r is not the text of item %r in items.csv" % (i, norm(e.summary)[:60], e.id))
            break
        urls = [u for u in e.links if u in by_url]
        if not urls:
            feed.fail("entry %d: link %r is not the url of any item in items.csv" % (i, e.link))
            break
        if e.date not in by_url[urls[0]]:
            feed.fail("entry %d: date %s is not the issue date of the item %r in items.csv" % (i, e.date and e.date.isoformat(), urls[0]))
            break


def check_expectations(feeds, expect_path):
    """Failures against a file of expectations written apart from trendfeed:
    entries per topic feed, and every entry id of every feed."""
    expect = json.loads(Path(expect_path).read_text(encoding="utf-8"))
    failures = []
    by_rel = {f.rel: f for f in feeds}
    for topic, count in sorted(expect.get("topic_entries", {}).items()):
        for ext in ("rss", "atom", "json"):
            rel = "topics/%s.%s" % (topic, ext)
            feed = by_rel.get(rel)
            if feed is None:
                failures.append((rel, "missing: %s expects %d entries" % (expect_path, count)))
            elif len(feed.entries) != count:
                feed.fail("%d entries, %s expects %d" % (len(feed.entries), expect_path, count))
    if "ids" in expect:
        want = set(expect["ids"])
        have = {e.id for f in feeds for e in f.entries}
        if have != want:
            lost, new = sorted(want - have), sorted(have - want)
            failures.append(
                ("entry ids", "%d ids of %s are in no feed (%s), %d ids of the feeds are not in it (%s)"
                 % (len(lost), expect_path, ", ".join(lost[:3]), len(new), ", ".join(new[:3])))
            )
    return failures


def main(argv):
    argv = list(argv)
    expect = None
    if len(argv) > 2 and argv[1] == "--expect":
        expect = argv[2]
        del argv[1:3]
    out = Path(argv[1] if len(argv) > 1 else "out")
    feeds_dir = out / "feeds"
    if not feeds_dir.is_dir():
        print("%s: no such directory" % feeds_dir)
        print("0 passed, 1 failed")
        return 1
    feeds = []
    for path in sorted(feeds_dir.rglob("*")):
        if path.is_file() and path.suffix in FEED_SUFFIXES:
            feeds.append(Feed(path, path.relative_to(feeds_dir).as_posix()))
    extra_failures = []  # (name, message) for feeds that should exist but do not
    if not feeds:
        extra_failures.append((str(feeds_dir), "no .rss/.atom/.json feeds found"))

    for feed in feeds:
        try:
            data = feed.path.read_bytes()
            {"rss": check_rss, "atom": check_atom, "json": check_json}[feed.kind](feed, data)
            check_entries(feed)
        except Exception as e:  # a crash in the checker must not pass the feed
            feed.fail("checker crashed: %s: %s" % (type(e).__name__, e))

    by_rel = {f.rel: f for f in feeds}
    for feed in feeds:
        base = feed.rel[: -len(feed.path.suffix)]
        if feed.kind == "rss" and base + ".atom" not in by_rel:
            feed.fail("no Atom sibling %s.atom" % Path(base).name)
        if feed.kind in ("atom", "json"):
            rss = by_rel.get(base + ".rss")
            if rss is None:
                feed.fail("no RSS sibling %s.rss" % Path(base).name)
            else:
                compare_siblings(feed, rss)

    rows, problem = load_items(out)
    truncated = {}
    for feed in feeds:
        if not feed.parsed:
            continue
        parts = Path(feed.rel).parts
        if rows is None:
            if len(parts) == 1 or parts[0] == "topics":
                feed.fail("cannot cross-check against items.csv: %s" % problem)
            continue
        if len(parts) == 1 and parts[0].startswith("all."):
            check_issue_feed(feed, rows, out)
        elif len(parts) == 1:
            check_section_feed(feed, rows, truncated)
        elif parts[0] == "topics":
            check_topic_feed(feed, rows)
    if rows is not None:
        # Every section feed is cut to the same entry limit: a feed cut to n
        # entries (items.csv has more) fails if another section feed is longer.
        section_rss = [f for f in feeds if f.kind == "rss" and len(Path(f.rel).parts) == 1 and not f.rel.startswith("all.")]
        for n, fs in sorted(truncated.items()):
            longer = [f for f in section_rss if len(f.entries) > n]
            for f in fs:
                if longer and f.kind == "rss":
                    f.fail("cut to %d entries although items.csv has more, but %s has %d: section feeds are cut at different lengths" % (n, longer[0].path.name, len(longer[0].entries)))
        for slug, section in sorted({slugify(r["section"]): r["section"] for r in rows}.items()):
            for ext in ("rss", "atom"):
                if "%s.%s" % (slug, ext) not in by_rel:
                    extra_failures.append((str(feeds_dir / ("%s.%s" % (slug, ext))), "missing: items.csv has section %r" % section))
            if "%s.json" % slug not in by_rel and any(f.kind == "json" for f in feeds):
                extra_failures.append((str(feeds_dir / ("%s.json" % slug)), "missing: items.csv has section %r and other feeds have JSON siblings" % section))

    if expect:
        extra_failures.extend(check_expectations(feeds, expect))

    passed = failed = 0
    for feed in feeds:
        if feed.errors:
            failed += 1
            print("%s: %d entries, FAILED" % (feed.path, len(feed.entries)))
            for msg in feed.errors:
                print("    - " + msg)
        else:
            passed += 1
            print("%s: %d entries, ok" % (feed.path, len(feed.entries)))
    for name, msg in extra_failures:
        failed += 1
        print("%s: FAILED\n    - %s" % (name, msg))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
