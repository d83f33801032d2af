// The site's pages in headless Chromium: every page type is accessible and
// fits a phone, and every issue can be reached from the archive, the
// section pages and the search.
// Called by browser.sh, which serves out/ over HTTP:
//   node site.mjs BASE_URL OUT_DIR SCREENSHOT_DIR USER_DATA_DIR
// For each page type (home, issue, archive, section, search with a query,
// explore, 404) at 1280 and 375 px wide: a full-page screenshot
// (<type>-<width>.png), and a failure on a console error, a failed request,
// an axe-core violation (any impact), a page wider than the screen
// (document.documentElement.scrollWidth > clientWidth), or a missing
// OpenGraph or Twitter tag. Then: archive.html links every page of
// OUT_DIR/issues/ exactly once; every link of the section pages goes to an
// issue page that exists, at a section that is on it, and together they
// reach every issue holding a section with a page; searching each issue's
// title (at most 40 issues, spread over the archive) lists that issue's
// page among the results, and a word of an item lists items linking to
// issue pages. Prints one PASS/FAIL line per check and "N passed, M failed".
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [base, outDir, shotDir, userDataDir] = process.argv.slice(2);
if (!base || !outDir || !shotDir || !userDataDir) {
  console.error("usage: node site.mjs BASE_URL OUT_DIR SCREENSHOT_DIR USER_DATA_DIR");
  process.exit(2);
}
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const widths = [1280, 375];
// A word some items hold (SEARCH_WORD, else docker, which the samples have).
const word = process.env.SEARCH_WORD || "docker";
const OG = ["og:title", "og:description", "og:type", "twitter:card"];
let passed = 0;
let failed = 0;

function report(ok, label, problems = []) {
  console.log(`${ok ? "PASS" : "FAIL"} ${label}`);
  for (const p of problems) console.log(`    - ${p}`);
  if (ok) passed++;
  else failed++;
}

fs.mkdirSync(shotDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

// Opens `rel` at `width`; returns the problems and the page (to be closed).
async function open(rel, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: width < 500, hasTouch: width < 500 });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  page.on("response", (res) => {
    // 404.html is asked for by its name: it answers 200 here.
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.goto(new URL(rel, base).href, { waitUntil: "load", timeout: 30000 });
  await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => {});
  return { page, context, problems };
}

async function checkPageType(type, rel, prepare) {
  for (const width of widths) {
    const { page, context, problems } = await open(rel, width);
    try {
      if (prepare) await prepare(page);
      const info = await page.evaluate((og) => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        missing: og.filter((name) => !document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)),
        nav: [...document.querySelectorAll("header nav a")].map((a) => a.textContent.trim()),
      }), OG);
      if (info.scrollWidth > info.clientWidth) {
        problems.push(`scrolls sideways: ${info.scrollWidth}px of content in ${info.clientWidth}px`);
      }
      if (info.missing.length) problems.push(`missing meta tags: ${info.missing.join(", ")}`);
      if (info.nav.length !== 5) problems.push(`header links: ${JSON.stringify(info.nav)} (expected 5)`);
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
      });
      problems.push(...axe.map((v) => `axe: ${v}`));
      const file = path.join(shotDir, `${type}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      report(problems.length === 0, `${type} (${rel}) @ ${width}px: ${axe.length} axe violations, width ${info.scrollWidth}/${info.clientWidth}px, screenshot ${file}`, problems);
    } finally {
      await context.close();
    }
  }
}

const root = new URL(".", base).href;
const relative = (href) => href.startsWith(root) ? href.slice(root.length) : href;

// Local links of a page, resolved against the site's root, with their text.
async function links(rel) {
  const { page, context, problems } = await open(rel, 1280);
  try {
    const found = await page.evaluate(() => [...document.querySelectorAll("main a[href]")].map((a) => ({ href: a.href, text: a.textContent.trim() })));
    return { problems, links: found.filter((l) => l.href.startsWith(root)) };
  } finally {
    await context.close();
  }
}

const issuePages = fs.readdirSync(path.join(outDir, "issues")).filter((f) => f.endsWith(".html")).map((f) => `issues/${f}`).sort();
const sectionPages = fs.existsSync(path.join(outDir, "sections"))
  ? fs.readdirSync(path.join(outDir, "sections")).filter((f) => f.endsWith(".html")).map((f) => `sections/${f}`).sort()
  : [];

// 1. Every page type.
await checkPageType("home", "index.html");
await checkPageType("issue", issuePages[issuePages.length - 1]);
await checkPageType("archive", "archive.html");
if (sectionPages.length) await checkPageType("section", sectionPages[0]);
await checkPageType("search", `search.html?q=${encodeURIComponent(word)}`, async (page) => {
  await page.waitForSelector("#results li", { timeout: 5000 }).catch(() => {});
});
await checkPageType("explore", "explore.html", async (page) => {
  await page.waitForSelector("#chart canvas, #chart .uplot", { timeout: 5000 }).catch(() => {});
});
await checkPageType("404", "404.html");

// 2. The archive links every issue page once.
{
  const { problems, links: found } = await links("archive.html");
  const toIssues = found.map((l) => relative(l.href)).filter((h) => /^issues\/[^/#]+\.html$/.test(h));
  const counts = new Map();
  for (const h of toIssues) counts.set(h, (counts.get(h) || 0) + 1);
  for (const page of issuePages) if (counts.get(page) !== 1) problems.push(`${page} linked ${counts.get(page) || 0} times`);
  for (const h of counts.keys()) if (!issuePages.includes(h)) problems.push(`links ${h}, which is not in ${outDir}/issues`);
  report(problems.length === 0, `archive.html links each of the ${issuePages.length} issue pages once (${toIssues.length} links)`, problems);
}

// 3. Section pages: every issue link goes to an existing page, at an anchor on it.
{
  const problems = [];
  const reached = new Set();
  const anchors = new Map();
  for (const rel of sectionPages) {
    const { problems: p, links: found } = await links(rel);
    problems.push(...p);
    for (const l of found) {
      const target = new URL(l.href);
      const page = relative(target.origin + target.pathname);
      if (!/^issues\//.test(page)) continue;
      if (!issuePages.includes(page)) { problems.push(`${rel}: links ${page}, which does not exist`); continue; }
      reached.add(page);
      if (!anchors.has(page)) anchors.set(page, fs.readFileSync(path.join(outDir, page), "utf8"));
      const id = target.hash.slice(1);
      if (!id || !anchors.get(page).includes(` id="${id}"`)) problems.push(`${rel}: ${page}#${id}: no such section on the page`);
    }
  }
  report(problems.length === 0, `${sectionPages.length} section pages: ${reached.size} issue pages reached, every anchor exists`, problems);
}

// 4. Search: each issue's title finds its page; a common word finds items.
{
  const { page, context, problems } = await open("search.html", 1280);
  try {
    const archive = fs.readFileSync(path.join(outDir, "archive.html"), "utf8");
    const titles = [...archive.matchAll(/<a href="(issues(?:\/|&#x2f;)[^"]+\.html)">([^<]+)<\/a>/g)]
      .map((m) => ({ page: m[1].replace("&#x2f;", "/"), title: m[2].replace(/&amp;/g, "&").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">") }));
    const step = Math.max(1, Math.ceil(titles.length / 40));
    const sample = titles.filter((_, i) => i % step === 0);
    let found = 0;
    for (const { page: want, title } of sample) {
      await page.fill("#q", title);
      await page.press("#q", "Enter");
      const hrefs = await page.evaluate(() => [...document.querySelectorAll("#results a")].map((a) => a.getAttribute("href")));
      if (hrefs.includes(want)) found++;
      else problems.push(`search for ${JSON.stringify(title)} does not list ${want} (first results: ${hrefs.slice(0, 3).join(", ")})`);
    }
    await page.fill("#q", word);
    await page.press("#q", "Enter");
    const items = await page.evaluate(() => [...document.querySelectorAll("#results a")].map((a) => a.getAttribute("href")));
    const toItems = items.filter((h) => /^issues\/[^/]+\.html#.+/.test(h));
    for (const h of toItems) if (!issuePages.includes(h.split("#")[0])) problems.push(`result ${h}: no such issue page`);
    if (toItems.length === 0) problems.push(`searching ${word} lists no item`);
    report(problems.length === 0, `search.html: ${found} of ${sample.length} issue titles find their issue; "${word}" finds ${toItems.length} items on issue pages`, problems);
  } finally {
    await context.close();
  }
}

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
