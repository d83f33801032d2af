// Every issue page shows the whole issue: for each out/issues/<key>.html, in
// headless Chromium, every item of that issue in items.csv (its `issue`
// column is the page's key) must be on the page as a visible link to its
// `url`, in the order of items.csv, and the page's text must hold the start
// of the issue's last item (images read as their alt text, white space
// ignored). A page cut short (a truncated file, a template
// that stops rendering after a section) fails, naming the first missing item.
// Called by browser.sh, which serves out/ over HTTP:
//   node issue_page_check.mjs BASE_URL OUT_DIR
// Prints one PASS/FAIL line per page and a final "N passed, M failed".
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error("usage: node issue_page_check.mjs BASE_URL OUT_DIR");
  process.exit(2);
}

// RFC 4180: quoted cells may hold commas, doubled quotes and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}

const items = parseCsv(fs.readFileSync(path.join(outDir, "items.csv"), "utf8"));
const byIssue = new Map();
for (const item of items) {
  if (!byIssue.has(item.issue)) byIssue.set(item.issue, []);
  byIssue.get(item.issue).push(item);
}
const pages = fs.readdirSync(path.join(outDir, "issues")).filter((n) => n.endsWith(".html"));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let passed = 0;
let failed = 0;
const fail = (page, message) => {
  failed++;
  console.log(`FAIL issues/${page}: ${message}`);
};
// Does the page's resolved `href` link to an item URL as items.csv holds it?
// An absolute URL must be the same; a relative one (as written in the issue)
// is resolved by the site against its base URL, which this check does not
// know, so the href must end with it (less its leading `./` and `../`).
// Both sides are compared percent-decoded too: the page may escape a
// character the URL parser leaves alone (`]` written `%5D`).
const decoded = (url) => {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};
const sameLink = (href, url) => {
  let absolute;
  try {
    absolute = new URL(url).href;
  } catch {
    const tail = `/${url.replace(/^(\.\.?\/)+/, "").replace(/^\/+/, "")}`;
    return href.endsWith(tail) || decoded(href).endsWith(decoded(tail));
  }
  return href === absolute || decoded(href) === decoded(absolute);
};
// The first 8 words of `itemText`, each found after the one before, at most
// 120 characters on (both without white space): items.csv's text leaves out
// some of what the page shows (a link whose text is its URL).
const wordsInOrder = (text, itemText) => {
  const words = itemText.split(/\s+/).filter(Boolean).slice(0, 8);
  let at = text.indexOf(words[0]);
  while (at >= 0) {
    let end = at + words[0].length;
    let ok = true;
    for (const word of words.slice(1)) {
      const next = text.indexOf(word, end);
      if (next < 0 || next - end > 120) {
        ok = false;
        break;
      }
      end = next + word.length;
    }
    if (ok) return true;
    at = text.indexOf(words[0], at + 1);
  }
  return false;
};
for (const issue of [...byIssue.keys()].sort()) {
  const name = `${issue}.html`;
  if (!pages.includes(name)) {
    fail(name, `items.csv has items of issue ${issue}, but there is no such page`);
    continue;
  }
  const page = await browser.newPage();
  await page.goto(new URL(`issues/${name}`, base).href, { waitUntil: "load", timeout: 30000 });
  // Visible links, in document order.
  const links = await page.$$eval("a[href]", (as) =>
    as.filter((a) => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== "hidden").map((a) => a.href),
  );
  // The visible text, each visible image read as its alt text (items.csv
  // holds an image's alt text in the item's text, as a screen reader says it).
  const text = (
    await page.evaluate(() => {
      for (const img of [...document.images]) {
        if (img.getClientRects().length > 0 && getComputedStyle(img).visibility !== "hidden") img.replaceWith(` ${img.alt} `);
      }
      return document.body.innerText;
    })
  ).replace(/\s+/g, "");
  await page.close();
  // Links a reader follows on the web: http(s), or relative. Other schemes
  // (`mailto:`, `mumble:`, a typo as `ttps:`) may be kept or dropped by the
  // page's HTML sanitizer; they are counted, not checked.
  const web = (url) => /^https?:/i.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url);
  const expected = byIssue.get(issue).filter((item) => item.url && web(item.url));
  const other = byIssue.get(issue).filter((item) => item.url && !web(item.url)).length;
  let at = 0;
  let missing = null;
  for (const item of expected) {
    const found = links.findIndex((href, i) => i >= at && sameLink(href, item.url));
    if (found < 0) {
      missing = item;
      break;
    }
    at = found;
  }
  const last = byIssue.get(issue).at(-1);
  // Compared without white space: the page may drop a space the text has
  // between inline elements ("// FIXME , oops" shown "// FIXME, oops").
  const lastStart = last.text.replace(/\s+/g, "").slice(0, 40);
  if (missing) {
    fail(name, `no visible link to ${missing.url} (item "${missing.title}"), in items.csv order, among ${links.length} links`);
  } else if (!text.includes(lastStart) && !wordsInOrder(text, last.text)) {
    fail(name, `the last item's text ("${lastStart}…") is not on the page`);
  } else {
    passed++;
    console.log(`PASS issues/${name}: ${expected.length} item links, last item shown${other ? `; ${other} link(s) of another scheme not checked` : ""}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
