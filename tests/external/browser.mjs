// Load the generated site in headless Chromium and check what a reader sees.
// Called by browser.sh, which serves out/ over HTTP:
//   node browser.mjs BASE_URL SCREENSHOT_DIR USER_DATA_DIR
// For index.html and one issue page (the first one the index links to), at
// desktop (1280x900) and phone (390x844) size: full-page screenshot, and a
// failure if the body is (nearly) blank, an image (the trends chart above all)
// did not load, the console logs an error, a request fails or gets an HTTP
// error, or (phone) the page scrolls sideways.
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
async function launch(size) {
  return chromium.launchPersistentContext(fs.mkdtempSync(path.join(userDataDir, `${size.name}-`)), {
    executablePath,
    headless: true,
    args: [
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

async function check(context, relUrl, size) {
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
    const file = path.join(shotDir, `${relUrl.replace(/[\/]/g, "_").replace(/\.html$/, "")}-${size.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${problems.length ? "FAIL" : "PASS"} ${relUrl} @ ${size.name} ${size.viewport.width}x${size.viewport.height}: ` +
      `${info.textLength} chars, ${info.imgs.length} image(s), width ${info.scrollWidth}px, screenshot ${file}`);
  } catch (err) {
    problems.push(`could not check the page: ${err.message.split("\n")[0]}`);
    console.log(`FAIL ${relUrl} @ ${size.name} ${size.viewport.width}x${size.viewport.height}`);
  }
  for (const p of problems) console.log(`    - ${p}`);
  if (problems.length) failed++; else passed++;
  await page.close();
  return links;
}

// Each page and size gets its own browser with a fresh profile, so that what
// a first visit triggers (e.g. the /favicon.ico request) is seen on every page.
async function checkFresh(relUrl, size) {
  const context = await launch(size);
  try {
    return await check(context, relUrl, size);
  } finally {
    await context.close();
  }
}

let issue = null;
for (const size of sizes) {
  const links = await checkFresh("index.html", size);
  // The issue page: the first issues/*.html the index links to.
  if (issue === null) issue = links.find((x) => /^(\.\/)?issues\/[^/]+\.html$/.test(x))?.replace(/^\.\//, "") ?? null;
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
