#!/usr/bin/env python3
"""Check that check_feeds.py fails on broken feeds: each breakage below is
made to a copy of the samples' out/, consistently across the RSS, Atom and
JSON siblings (and items.csv where a broken trendfeed would change it too),
and check_feeds.py --expect must then fail.

Usage: check_feeds_selftest.py OUT_DIR EXPECT.json
"""

import csv
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def drop_last_topic_entry(out):
    """A topic feed loses an entry (its oldest), in all three formats."""
    feeds = out / "feeds" / "topics"
    rss = (feeds / "docker.rss").read_text(encoding="utf-8")
    (feeds / "docker.rss").write_text(re.sub(r"\s*<item>(?:(?!<item>).)*</item>(?=\s*</channel>)", "", rss, flags=re.S), encoding="utf-8")
    atom = (feeds / "docker.atom").read_text(encoding="utf-8")
    (feeds / "docker.atom").write_text(re.sub(r"\s*<entry>(?:(?!<entry>).)*</entry>(?=\s*</feed>)", "", atom, flags=re.S), encoding="utf-8")
    import json

    doc = json.loads((feeds / "docker.json").read_text(encoding="utf-8"))
    doc["items"].pop()
    (feeds / "docker.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")


def blank_descriptions(out):
    """Every entry's summary is empty."""
    for path in (out / "feeds").rglob("*"):
        text = path.read_text(encoding="utf-8") if path.suffix in (".rss", ".atom", ".json") else None
        if text is None:
            continue
        if path.suffix == ".rss":
            text = re.sub(r"(<item>(?:(?!</item>).)*?<description>).*?(</description>)", r"\1\2", text, flags=re.S)
        elif path.suffix == ".atom":
            text = re.sub(r"<summary>.*?</summary>", "<summary></summary>", text, flags=re.S)
        else:
            text = re.sub(r'"summary": "(?:[^"\\]|\\.)*"', '"summary": ""', text)
        path.write_text(text, encoding="utf-8")


def change_every_id(out):
    """Every entry id changes, in the feeds and in items.csv alike."""
    change = lambda text: re.sub(r"tag:([^,<\"]+),", r"tag:\1,1999:", text)
    for path in list((out / "feeds").rglob("*")) + [out / "items.csv"]:
        if path.suffix in (".rss", ".atom", ".json", ".csv"):
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def main(argv):
    out, expect = Path(argv[1]), argv[2]
    failed = 0
    for breakage in (drop_last_topic_entry, blank_descriptions, change_every_id):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "out"
            shutil.copytree(out, copy)
            breakage(copy)
            run = subprocess.run(
                [sys.executable, str(HERE / "check_feeds.py"), "--expect", expect, str(copy)],
                capture_output=True,
                text=True,
            )
            caught = run.returncode != 0
            failed += not caught
            summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()
            print("%s: %s (%s)" % (breakage.__name__, "caught" if caught else "NOT CAUGHT", summary))
    print("%d breakages caught, %d missed" % (3 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
