// The time to the explore page's first chart, as explore.mjs measures it
// (TF.timings.firstChart, ms from navigation start), over several runs, each
// in a fresh headless Chromium with a fresh profile (a reader's first visit):
//   node explore_timing.mjs URL [RUNS]   (URL: …/explore.html, http:// or file://; RUNS: 5)
// When the page holds the first view's chart, drawn at build time, it is in
// the first paint: "first view painted" is the first contentful paint.
// Prints each run's figures (the page received, explore.js run, index
// ready, first contentful paint, load event; then the first chart after a
// reload, warm) and their medians. Measures, never fails: BENCHMARKS.md
// ("Explore page") has figures and what they depend on.
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [url, runs = "5"] = process.argv.slice(2);
if (!url) {
  console.error("usage: node explore_timing.mjs URL [RUNS]");
  process.exit(2);
}
const rows = [];
for (let r = 0; r < Number(runs); r++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trendfeed-timing-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--allow-file-access-from-files"],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    // Whether the page holds the first view's chart (drawn at build time):
    // it is parsed before any script, so the first paint shows it.
    await page.addInitScript(() => new MutationObserver((_, o) => {
      if (document.querySelector("#chart > svg")) (window.firstView = performance.now()), o.disconnect();
    }).observe(document, { childList: true, subtree: true }));
    const drawn = () => page.waitForFunction(() => window.TF && window.TF.timings && window.TF.timings.firstChart, null, { timeout: 20000 });
    await page.goto(url, { waitUntil: "load" });
    await drawn();
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const { firstChart, script, ready } = window.TF.timings;
      return { view: window.firstView !== undefined, firstChart, received: nav.responseEnd, script, ready, fcp: fcp ? fcp.startTime : NaN, load: nav.loadEventStart };
    });
    await page.reload({ waitUntil: "load" });
    await drawn();
    t.reload = await page.evaluate(() => window.TF.timings.firstChart);
    rows.push(t);
    console.log(`run ${r + 1}: ${t.view ? `first view painted ${t.fcp.toFixed(0)} ms, ` : ""}interactive chart ${t.firstChart.toFixed(0)} ms (received ${t.received.toFixed(0)}, explore.js ${t.script.toFixed(0)}, ` +
      `index ready ${t.ready.toFixed(0)}, first paint ${t.fcp.toFixed(0)}, load ${t.load.toFixed(0)}); after a reload ${t.reload.toFixed(0)} ms`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const median = (key) => {
  const v = rows.map((row) => row[key]).sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)].toFixed(0);
};
console.log(`median of ${rows.length}: ${rows[0].view ? `first view painted ${median("fcp")} ms, ` : ""}interactive chart ${median("firstChart")} ms (explore.js ${median("script")}, index ready ${median("ready")}, ` +
  `first paint ${median("fcp")}, load ${median("load")}); after a reload ${median("reload")} ms`);
