// Load the generated site in headless Chromium and check what a reader sees.
// Called by browser.sh, which serves out/ over HTTP (feeds as application/xml):
//   node browser.mjs BASE_URL SCREENSHOT_DIR USER_DATA_DIR
// For index.html and one issue page (the first one the index links to), at
// desktop (1280x900) and phone (390x844) size: full-page screenshot, and a
// failure if the body is (nearly) blank, an image (the trends chart above all)
// did not load, the console logs an error, a request fails or gets an HTTP
// error, or (phone) the page scrolls sideways.
// Feeds (the first RSS feed the index links to, at desktop size, and the
// first topic Atom feed, at phone size): where the browser runs XSLT,
// the page feed.xsl makes must hold one <a href> per entry, in the feed's
// order and to the entry's link, the feed's own address to subscribe with
// and a link to the home page that loads; where it does not, the raw feed
// must be styled by feed.css. The RSS feed is opened once more with XSLT
// turned off (--disable-features=XSLT), to check that feed.css takes over.
// Prints one PASS/FAIL line per page and size and a final "N passed, M failed".
import { chromium } from "playwright-core";
import path from "node:path";
import fs from "node:fs";

const [base, shotDir, userDataDir] = process.argv.slice(2);
if (!base || !shotDir || !userDataDir) {
  console.error("usage: node browser.mjs BASE_URL SCREENSHOT_DIR USER_DATA_DIR");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const MIN_TEXT = 200; // characters of rendered text below which a page counts as blank
const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, mobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, mobile: true },
];

fs.mkdirSync(shotDir, { recursive: true });
// A browser with a fresh profile (--user-data-dir) under userDataDir.
async function launch(size, extraArgs = []) {
  return chromium.launchPersistentContext(fs.mkdtempSync(path.join(userDataDir, `${size.name}-`)), {
    executablePath,
    headless: true,
    args: [
      ...extraArgs,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: size.viewport,
    isMobile: size.mobile,
    hasTouch: size.mobile,
    deviceScaleFactor: 1,
  });
}

let passed = 0;
let failed = 0;

async function check(context, relUrl, size, label = "") {
  const problems = [];
  let links = [];
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const loc = msg.location();
      problems.push(`console error: ${msg.text()}${loc && loc.url ? ` (${loc.url})` : ""}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure() ? req.failure().errorText : "?"})`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });

  const url = new URL(relUrl, base).href;
  try {
    const res = await page.goto(url, { waitUntil: "load", timeout: 30000 });
    if (!res || !res.ok()) problems.push(`HTTP ${res ? res.status() : "no response"} for ${url}`);
    await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => {});
    const feed = /\.(rss|atom)$/.test(relUrl) ? await checkFeed(page, problems) : null;
    if (feed && feed.view === "css") {
      // An XML document: no body, so none of the page checks below apply,
      // and no <link rel="icon">, so the browser asks for /favicon.ico.
      const kept = problems.filter((p) => !/\/favicon\.ico\b/.test(p));
      problems.splice(0, problems.length, ...kept);
      const file = path.join(shotDir, `${relUrl.replace(/[\/]/g, "_")}${label}-${size.name}.png`);
      await page.screenshot({ path: file });
      console.log(`${problems.length ? "FAIL" : "PASS"} ${relUrl}${label} @ ${size.name} ${size.viewport.width}x${size.viewport.height}: ` +
        `raw feed (${feed.entries} entries) styled by feed.css, no XSLT in this browser, screenshot ${file}`);
      return finish(page, problems, links);
    }
    const info = await page.evaluate((screenWidth) => {
      const doc = document.documentElement;
      const text = (document.body ? document.body.innerText : "").replace(/\s+/g, " ").trim();
      const imgs = [...document.images].map((img) => ({
        src: img.currentSrc || img.src, cls: img.className, complete: img.complete,
        naturalWidth: img.naturalWidth, shown: img.getBoundingClientRect().width,
      }));
      // Elements sticking out on the right: the usual cause of a sideways scrollbar.
      const wide = [];
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        const right = Math.max(r.right, r.left + el.scrollWidth);
        if (right > screenWidth + 1 && wide.length < 5) {
          wide.push(`<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}> right edge at ${Math.round(right)}px: ${(el.innerText || el.getAttribute("src") || "").slice(0, 60).replace(/\s+/g, " ")}`);
        }
      }
      return {
        textLength: text.length, title: document.title,
        scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, innerWidth: window.innerWidth,
        imgs, wide, hasH1: !!document.querySelector("h1"),
        links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
      };
    }, size.viewport.width);
    links = info.links;
    if (info.textLength < MIN_TEXT) problems.push(`page looks blank: only ${info.textLength} characters of visible text`);
    if (!info.hasH1) problems.push("no <h1> heading");
    for (const img of info.imgs) {
      if (!img.complete || img.naturalWidth === 0) problems.push(`image did not load (naturalWidth ${img.naturalWidth}): ${img.src}`);
    }
    if (relUrl === "index.html") {
      const chart = info.imgs.find((i) => /(^| )chart( |$)/.test(i.cls) || /trends\.svg/.test(i.src));
      if (!chart) problems.push("no trends chart <img> on the index");
      else if (chart.naturalWidth === 0) problems.push(`trends chart did not load: ${chart.src}`);
    }
    if (size.mobile) {
      if (info.scrollWidth > info.clientWidth || info.innerWidth > size.viewport.width) {
        problems.push(`horizontal scrollbar (page wider than the ${size.viewport.width}px phone screen): content is ${info.scrollWidth}px wide ` +
          `(layout viewport ${info.clientWidth}px, window ${info.innerWidth}px)` +
          (info.wide.length ? `; widest elements:\n      ${info.wide.join("\n      ")}` : ""));
      }
    }
    const file = path.join(shotDir, `${relUrl.replace(/[\/]/g, "_").replace(/\.html$/, "")}${label}-${size.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const entries = feed ? `, ${feed.entries} entry links (XSLT)` : "";
    console.log(`${problems.length ? "FAIL" : "PASS"} ${relUrl}${label} @ ${size.name} ${size.viewport.width}x${size.viewport.height}: ` +
      `${info.textLength} chars${entries}, ${info.imgs.length} image(s), width ${info.scrollWidth}px, screenshot ${file}`);
  } catch (err) {
    problems.push(`could not check the page: ${err.message.split("\n")[0]}`);
    console.log(`FAIL ${relUrl}${label} @ ${size.name} ${size.viewport.width}x${size.viewport.height}`);
  }
  return finish(page, problems, links);
}

async function finish(page, problems, links) {
  for (const p of problems) console.log(`    - ${p}`);
  if (problems.length) failed++; else passed++;
  await page.close();
  return links;
}

// A feed opened in the browser: what feed.xsl made of it (when the browser
// runs XSLT), checked against the raw feed fetched again and parsed here;
// else the raw feed, which feed.css must style. Adds to `problems`; returns
// the view and the number of entry links.
async function checkFeed(page, problems) {
  const result = await page.evaluate(async () => {
    const raw = new DOMParser().parseFromString(await (await fetch(location.href)).text(), "application/xml");
    const ATOM = "http://www.w3.org/2005/Atom";
    const isAtom = raw.documentElement.namespaceURI === ATOM;
    const child = (el, name) => [...el.children].find((c) => c.localName === name);
    const entries = [...raw.documentElement.querySelectorAll(isAtom ? "entry" : "item")].map((e) => ({
      title: child(e, "title").textContent.trim(),
      link: isAtom ? [...e.children].find((c) => c.localName === "link" && c.getAttribute("rel") === "alternate").getAttribute("href")
                   : child(e, "link").textContent.trim(),
    }));
    const self = [...raw.querySelectorAll("*")].find((c) => c.localName === "link" && c.getAttribute("rel") === "self").getAttribute("href");
    if (typeof XSLTProcessor === "undefined" || document.documentElement.localName !== "html") {
      const style = getComputedStyle(document.documentElement);
      return { view: "css", xslt: typeof XSLTProcessor !== "undefined", root: document.documentElement.localName,
               styled: style.display === "block" && style.maxWidth !== "none", entries: entries.length };
    }
    const shown = [...document.querySelectorAll("article.entry h2 a[href]")].map((a) => ({ title: a.textContent.trim(), link: a.href }));
    const home = document.querySelector("header a[href]");
    let homeStatus = null;
    if (home) homeStatus = (await fetch(home.href)).status;
    return { view: "xslt", entries, shown, self, code: document.querySelector(".subscribe code")?.textContent.trim(),
             h1: document.querySelector("h1")?.textContent.trim(), home: home?.href, homeStatus };
  });
  if (result.view === "css") {
    if (result.xslt) problems.push(`the browser runs XSLT but the feed was not transformed (root <${result.root}>): is feed.xsl broken?`);
    if (!result.styled) problems.push("raw feed not styled by feed.css (root element not display:block with a max-width)");
    return { view: "css", entries: result.entries };
  }
  if (result.entries.length === 0) problems.push("the feed has no entries to check");
  if (result.shown.length !== result.entries.length) {
    problems.push(`${result.shown.length} entry links shown for ${result.entries.length} entries`);
  }
  result.entries.forEach((e, i) => {
    const s = result.shown[i];
    if (s && (s.link !== new URL(e.link).href || s.title !== e.title)) {
      problems.push(`entry ${i + 1}: shown ${JSON.stringify(s)}, feed has ${JSON.stringify(e)}`);
    }
  });
  if (result.code !== result.self) problems.push(`subscribe address ${JSON.stringify(result.code)}, feed's self link ${result.self}`);
  if (!result.h1) problems.push("no <h1> with the feed's title");
  if (result.homeStatus !== 200) problems.push(`home page link ${result.home} answers ${result.homeStatus}`);
  return { view: "xslt", entries: result.shown.length };
}

// Each page and size gets its own browser with a fresh profile, so that what
// a first visit triggers (e.g. the /favicon.ico request) is seen on every page.
async function checkFresh(relUrl, size, extraArgs = [], label = "") {
  const context = await launch(size, extraArgs);
  try {
    return await check(context, relUrl, size, label);
  } finally {
    await context.close();
  }
}

let issue = null;
let rssFeed = null;
let atomFeed = null;
for (const size of sizes) {
  const links = await checkFresh("index.html", size);
  // The issue page: the first issues/*.html the index links to.
  if (issue === null) issue = links.find((x) => /^(\.\/)?issues\/[^/]+\.html$/.test(x))?.replace(/^\.\//, "") ?? null;
  // A section's RSS feed, and a topic's Atom feed (one folder deeper), else any Atom feed.
  rssFeed ??= links.find((x) => /^feeds\/[^/]+\.rss$/.test(x)) ?? null;
  atomFeed ??= links.find((x) => /^feeds\/topics\/[^/]+\.atom$/.test(x)) ?? links.find((x) => /^feeds\/.+\.atom$/.test(x)) ?? null;
}
const [desktop, phone] = sizes;
for (const [feed, size, args, label] of [
  [rssFeed, desktop, [], ""],
  [atomFeed, phone, [], ""],
  [rssFeed, desktop, ["--disable-features=XSLT"], "-no-xslt"],
]) {
  if (feed) await checkFresh(feed, size, args, label);
  else {
    console.log(`FAIL feed @ ${size.name}${label}: index.html links to no feeds/*.rss or feeds/*.atom`);
    failed++;
  }
}
for (const size of sizes) {
  if (issue) await checkFresh(issue, size);
  else {
    console.log(`FAIL issue page @ ${size.name}: index.html links to no issues/<number>.html page`);
    failed++;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
