// The explore page (explore.html): any term's share of items per period.
// explore/index.js calls TF.index(data) with the term index the build wrote
// (src/output/explore.rs says what it holds); explore/text-<n>.js call
// TF.text(n, rows) with the counted texts, loaded on demand by a <script>
// tag, which works from file:// too. Terms are counted as
// `trendfeed trends --topic TERM` counts them (src/trends/matcher.rs): whole
// words, case folded, with a trailing "s"; the words of a phrase across one
// space, tab, no-break space, line break or hyphen.
"use strict";
(function () {
  const TF = (window.TF = window.TF || {});
  const WORD = "[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]";
  const IS_WORD = new RegExp("^" + WORD + "+$", "u");
  const GAP = "(?:[ \\t\\u00a0]|\\r?\\n|-)";
  const BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
  const SPECIAL = { "ſ": "s", "ς": "σ", "ϐ": "β", "ϑ": "θ", "ϕ": "φ", "ϖ": "π", "ϰ": "κ", "ϱ": "ρ", "ϵ": "ε", "µ": "μ", "ẛ": "ṡ", "\u1fbe": "ι", "\u0345": "ι",
    "\u1fd3": "\u0390", "\u1fe3": "\u03b0", "\u1c80": "в", "\u1c81": "д", "\u1c82": "о", "\u1c83": "с", "\u1c84": "т", "\u1c85": "т",
    "\u1c86": "ъ", "\u1c87": "ѣ", "\u1c88": "ꙋ", "\ufb05": "\ufb06" };
  const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789ghijklmnopqrstuvwxyz-_";
  const DIGIT = new Int8Array(128).fill(0);
  for (let i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;
  // The static charts' colours (src/output/charts/mod.rs PALETTE: Okabe–Ito,
  // told apart with colour blindness), then a grey.
  const COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#5f6368"];
  const MAX_TERMS = COLORS.length;
  const SHOWN_ITEMS = 100;
  const S = { chunks: new Map(), waiting: new Map(), cache: new Map(), run: 0 };
  const $ = (id) => document.getElementById(id);

  // The key of a word as the index holds it (src/trends/index/tokens.rs `fold`).
  function fold(word) {
    let out = "";
    for (const c of word) {
      let l = c;
      if (c.charCodeAt(0) < 128) l = c.toLowerCase();
      else {
        const lower = c.toLowerCase();
        l = [...lower].length === 1 ? lower : c;
      }
      out += SPECIAL[l] || l;
    }
    return out;
  }
  function words(term) {
    return term.split(/[\p{White_Space}-]/u).filter((w) => w.length > 0);
  }
  // The index key of a term, or null when the index cannot answer it.
  function queryKey(term) {
    const ws = words(term);
    if (ws.length < 1 || ws.length > 2 || !ws.every((w) => IS_WORD.test(w))) return null;
    return ws.map(fold).join(" ");
  }
  // The topic pattern of src/trends/matcher.rs, with the regex crate's Unicode \b.
  function termRegex(term) {
    const ws = words(term).map((w) => w.replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&"));
    return new RegExp(BOUNDARY + "(?:" + ws.join(GAP) + "s?)" + BOUNDARY, "iu");
  }
  function decode(s) {
    const out = [];
    let next = 0;
    let v = 0;
    for (let i = 0; i < s.length; i++) {
      const d = DIGIT[s.charCodeAt(i)];
      v = v * 32 + (d & 31);
      if (d < 32) {
        out.push(next + v);
        next += v + 1;
        v = 0;
      }
    }
    return out;
  }
  function lines(s) {
    return s.length ? s.split("\n") : [];
  }

  TF.timings = { script: performance.now() };
  TF.index = function (data) {
    TF.timings.data = performance.now();
    S.data = data;
    // The keys stay a sorted array, searched on demand: a Map of every key
    // would cost more than the first chart (9,000 keys: 10 ms and more).
    S.terms = lines(data.terms);
    S.ids = lines(data.ids);
    S.mterms = new Map(lines(data.mterms).map((k, i) => [k, i]));
    S.months = lines(data.months);
    S.issueMonth = data.issues.map((i) => {
      const [y, m] = i[2].split("-").map(Number);
      return y * 12 + m - 1;
    });
    S.itemMonth = new Int32Array(data.items);
    data.issues.forEach((issue, n) => S.itemMonth.fill(S.issueMonth[n], issue[3], issue[3] + issue[4]));
    S.issueFirsts = data.issues.map((i) => i[3]);
    TF.timings.ready = performance.now();
    start();
  };
  TF.text = function (n, rows) {
    S.chunks.set(n, rows);
    const done = S.waiting.get(n);
    if (done) done(rows);
  };
  function loadChunk(n) {
    if (S.chunks.has(n)) return Promise.resolve(S.chunks.get(n));
    if (!S.waiting.has(n + ":p")) {
      const p = new Promise((resolve, reject) => {
        S.waiting.set(n, resolve);
        const script = document.createElement("script");
        script.src = "explore/text-" + n + ".js";
        script.onerror = () => reject(new Error("could not load explore/text-" + n + ".js"));
        document.body.appendChild(script);
      });
      S.waiting.set(n + ":p", p);
    }
    return S.waiting.get(n + ":p");
  }
  // The line of index key `key` in S.terms (S.ids holds its ids), or -1.
  // The build sorts the keys by their UTF-8 bytes, which is JavaScript's
  // string order but for characters past U+FFFF: a key the binary search
  // misses is looked for in the whole list, so the answer is exact anyway.
  function termAt(key) {
    let lo = 0;
    let hi = S.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (S.terms[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return S.terms[lo] === key ? lo : S.terms.indexOf(key);
  }
  // A count with thousands separators ("12,345"), without Intl: the first
  // use of Intl loads ICU's data, which took 40-80 ms of the first chart.
  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
  }
  // The last index in sorted `list` whose value is <= x.
  function floorIndex(list, x) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
  function chunkOf(id) {
    return floorIndex(S.data.chunks, id);
  }
  // The counted texts of item `id` (its chunk loaded): [slug, title, url, text…].
  function row(id) {
    const n = chunkOf(id);
    return S.chunks.get(n)[id - S.data.chunks[n]];
  }
  // Item ids in `issues` (indexes) whose texts match `re`, loading their chunks.
  async function scan(re, issues) {
    const chunks = new Set();
    for (const n of issues) {
      const [, , , first, count] = S.data.issues[n];
      if (count) for (let c = chunkOf(first); c <= chunkOf(first + count - 1); c++) chunks.add(c);
    }
    await Promise.all([...chunks].map(loadChunk));
    const found = [];
    for (const n of issues) {
      const [, , , first, count] = S.data.issues[n];
      for (let id = first; id < first + count; id++) {
        const texts = row(id);
        for (let t = 3; t < texts.length; t++) {
          if (re.test(texts[t])) {
            found.push(id);
            break;
          }
        }
      }
    }
    return found;
  }
  // What the page knows of a term: its item ids, or its items per month.
  async function lookup(term) {
    if (S.cache.has(term)) return S.cache.get(term);
    const key = queryKey(term);
    let found;
    const at = key === null ? -1 : termAt(key);
    if (at >= 0) found = { ids: decode(S.ids[at]), from: "index" };
    else if (key !== null && S.mterms.has(key)) {
      const months = new Map();
      const pairs = S.months[S.mterms.get(key)].split(",").map(Number);
      let m = S.data.origin;
      for (let i = 0; i < pairs.length; i += 2) {
        m += pairs[i];
        months.set(m, pairs[i + 1]);
      }
      found = { months, from: "index" };
    } else {
      const all = S.data.issues.map((_, n) => n);
      found = { ids: await scan(termRegex(term), all), from: "texts" };
    }
    S.cache.set(term, found);
    return found;
  }

  const PERIODS = {
    month: { of: (m) => m, label: (k) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`, start: (k) => [Math.floor(k / 12), k % 12] },
    quarter: { of: (m) => Math.floor(m / 3), label: (k) => `${Math.floor(k / 4)}-Q${(k % 4) + 1}`, start: (k) => [Math.floor(k / 4), (k % 4) * 3] },
    year: { of: (m) => Math.floor(m / 12), label: (k) => String(k), start: (k) => [k, 0] },
  };

  // Periods from the first issue's to the last's: items, issues, and the
  // issues of each (a period without an issue has none: a gap).
  function periods(kind) {
    const P = PERIODS[kind];
    const keys = S.issueMonth.map(P.of);
    const first = keys[0];
    const n = keys[keys.length - 1] - first + 1;
    const out = { kind, first, keys: [], labels: [], x: [], totals: [], issues: [] };
    for (let i = 0; i < n; i++) {
      const [y, m] = P.start(first + i);
      out.keys.push(first + i);
      out.labels.push(P.label(first + i));
      out.x.push(Date.UTC(y, m, 1) / 1000);
      out.totals.push(0);
      out.issues.push([]);
    }
    keys.forEach((k, issue) => {
      out.totals[k - first] += S.data.issues[issue][4];
      out.issues[k - first].push(issue);
    });
    return out;
  }
  function countsOf(found, ps) {
    const P = PERIODS[ps.kind];
    const counts = ps.totals.map(() => 0);
    if (found.ids) for (const id of found.ids) counts[P.of(S.itemMonth[id]) - ps.first]++;
    else for (const [m, c] of found.months) counts[P.of(m) - ps.first] += c;
    return counts;
  }
  // The centred mean of src/trends/mod.rs `share_smoothed`: periods without
  // an issue or without items are left out.
  function smooth(shares, window) {
    if (window <= 1) return shares;
    const before = Math.floor(window / 2);
    const after = window - 1 - before;
    return shares.map((s, i) => {
      if (s === null) return null;
      let sum = 0;
      let n = 0;
      for (let j = Math.max(0, i - before); j <= Math.min(shares.length - 1, i + after); j++) {
        if (shares[j] !== null) {
          sum += shares[j];
          n++;
        }
      }
      return n ? sum / n : null;
    });
  }

  function readHash() {
    const out = {};
    for (const part of location.hash.replace(/^#/, "").split("&")) {
      const at = part.indexOf("=");
      if (at > 0) out[part.slice(0, at)] = part.slice(at + 1);
    }
    const q = out.q !== undefined ? out.q.split(",").map((t) => decodeURIComponent(t)) : null;
    return { q, period: PERIODS[out.period] ? out.period : "month", smooth: Math.max(1, Number(out.smooth) || 1) };
  }
  function hashOf(view) {
    let h = "#q=" + view.terms.map(encodeURIComponent).join(",");
    if (view.period !== "month") h += "&period=" + view.period;
    if (view.smooth > 1) h += "&smooth=" + view.smooth;
    return h;
  }
  function parseTerms(text) {
    const seen = new Set();
    return text
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()))
      .slice(0, MAX_TERMS);
  }

  function start() {
    const main = $("explore");
    const h = readHash();
    $("q").value = (h.q || main.dataset.default.split(",").map((t) => t.trim())).join(", ");
    $("period").value = h.period;
    const smooth = String(h.smooth);
    $("smooth").value = [...$("smooth").options].some((o) => o.value === smooth) ? smooth : "1";
    $("query").addEventListener("submit", (e) => {
      e.preventDefault();
      show(true);
    });
    $("period").addEventListener("change", () => show(true));
    $("smooth").addEventListener("change", () => show(true));
    window.addEventListener("hashchange", () => {
      const h = readHash();
      if (h.q) $("q").value = h.q.join(", ");
      $("period").value = h.period;
      $("smooth").value = String(h.smooth);
      show(false);
    });
    let width = 0;
    window.addEventListener("resize", () => {
      if (S.plot && $("chart").clientWidth !== width) {
        width = $("chart").clientWidth;
        S.plot.setSize(size());
      }
    });
    show(false).then(() => (TF.timings.firstChart = performance.now()));
  }

  function size() {
    const w = Math.max(280, $("chart").clientWidth);
    return { width: w, height: w < 600 ? 260 : 380 };
  }

  // Draws the view the controls hold; `push` puts it in the address.
  async function show(push) {
    const started = performance.now();
    const run = ++S.run;
    const view = { terms: parseTerms($("q").value), period: $("period").value, smooth: Number($("smooth").value) };
    const hash = hashOf(view);
    $("share").href = "explore.html" + hash;
    if (push && location.hash !== hash) history.replaceState(null, "", hash);
    if (!view.terms.length) {
      $("status").textContent = "Type a term.";
      return;
    }
    const slow = view.terms.some((t) => {
      const k = queryKey(t);
      return k === null || !(termAt(k) >= 0 || S.mterms.has(k));
    });
    if (slow && view.terms.some((t) => !S.cache.has(t))) $("status").textContent = "Searching the texts of every item…";
    let found;
    try {
      found = await Promise.all(view.terms.map(lookup));
    } catch (e) {
      $("status").textContent = String(e.message || e);
      return;
    }
    if (run !== S.run) return;
    const ps = periods(view.period);
    const series = view.terms.map((term, t) => {
      const counts = countsOf(found[t], ps);
      const shares = counts.map((c, i) => (ps.totals[i] ? c / ps.totals[i] : null));
      return { term, counts, shares, shown: smooth(shares, view.smooth), from: found[t].from, found: found[t], color: COLORS[t] };
    });
    S.view = { ...view, ps, series };
    TF.view = { terms: view.terms, period: view.period, smooth: view.smooth, labels: ps.labels, totals: ps.totals, series: series.map((s) => ({ term: s.term, counts: s.counts, shares: s.shares, shown: s.shown, from: s.from })) };
    draw();
    table();
    $("items").hidden = true;
    const total = (s) => s.counts.reduce((a, b) => a + b, 0);
    $("status").textContent = series.map((s) => `${s.term}: ${grouped(total(s))} items`).join(" · ") +
      ` of ${grouped(S.data.items)}` + (slow ? " (searched in the texts)" : "");
    TF.timings.lastQuery = performance.now() - started;
  }

  function pct(v, digits = 1) {
    return v === null || v === undefined ? "–" : (v * 100).toFixed(digits) + "%";
  }

  function draw() {
    const { ps, series, smooth } = S.view;
    const low = Number($("explore").dataset.low);
    const data = [ps.x, ...series.map((s) => s.shown.map((v) => (v === null ? null : v * 100)))];
    const opts = {
      ...size(),
      legend: { show: true, live: false },
      cursor: { points: { size: 8 }, drag: { x: false, y: false } },
      scales: { x: { time: true, range: (u, min, max) => pad(ps.x, min, max) }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [{}, { values: (u, vals) => vals.map((v) => v + "%"), size: 56 }],
      series: [
        { label: ps.kind },
        ...series.map((s) => ({
          label: s.term + (smooth > 1 ? " (smoothed)" : ""),
          stroke: s.color,
          width: 2,
          spanGaps: false,
          points: { show: ps.x.length <= 60, size: 5, fill: s.color },
        })),
      ],
      hooks: {
        draw: [(u) => lighten(u, ps, low)],
        setCursor: [(u) => tip(u)],
      },
    };
    if (S.plot) S.plot.destroy();
    $("chart").textContent = "";
    S.plot = TF.plot = new uPlot(opts, data, $("chart"));
    S.plot.over.addEventListener("click", () => {
      if (S.plot.cursor.idx !== null && S.plot.cursor.idx !== undefined) items(S.plot.cursor.idx);
    });
    S.plot.over.addEventListener("mouseleave", () => ($("tip").hidden = true));
  }

  // The x range with half a period on each side, so that no point is on the edge.
  function pad(x, min, max) {
    const half = x.length > 1 ? (x[1] - x[0]) / 2 : 86400 * 15;
    return [min - half, max + half];
  }

  // Periods resting on few items: a light veil over their column, and their count.
  function lighten(u, ps, low) {
    const ctx = u.ctx;
    const n = ps.x.length;
    const col = n > 1 ? Math.abs(u.valToPos(ps.x[1], "x", true) - u.valToPos(ps.x[0], "x", true)) : u.bbox.width;
    ctx.save();
    ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    for (let i = 0; i < n; i++) {
      const total = ps.totals[i];
      if (!total || total >= low) continue;
      const x = u.valToPos(ps.x[i], "x", true);
      ctx.fillStyle = "rgba(255,255,255,0.6)";
      ctx.fillRect(x - col / 2, u.bbox.top, col, u.bbox.height);
      if (col >= 14 * devicePixelRatio || n <= 40) {
        ctx.fillStyle = "#5f6368";
        ctx.fillText(String(total), x, u.bbox.top + u.bbox.height - 4 * devicePixelRatio);
      }
    }
    ctx.restore();
  }

  function tip(u) {
    const i = u.cursor.idx;
    const box = $("tip");
    if (i === null || i === undefined || !S.view) {
      box.hidden = true;
      return;
    }
    const { ps, series, smooth } = S.view;
    const total = ps.totals[i];
    const lines = [`<strong>${ps.labels[i]}</strong> · ${total ? total + " items, " + ps.issues[i].length + " issues" : "no issue"}`];
    for (const s of series) {
      const shown = smooth > 1 ? `, smoothed ${pct(s.shown[i])}` : "";
      lines.push(`<span class="swatch" style="background:${s.color}"></span>${esc(s.term)}: ${total ? s.counts[i] + " (" + pct(s.shares[i]) + ")" + shown : "–"}`);
    }
    if (total) lines.push("<small>Click for the items</small>");
    box.innerHTML = lines.join("<br>");
    box.hidden = false;
    const over = u.over.getBoundingClientRect();
    const chart = $("chart").getBoundingClientRect();
    const left = over.left - chart.left + u.cursor.left;
    box.style.left = Math.min(Math.max(0, left + 12), chart.width - box.offsetWidth) + "px";
    box.style.top = over.top - chart.top + Math.max(0, u.cursor.top - box.offsetHeight - 8) + "px";
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // Lists the items behind period `i`, for every term.
  async function items(i) {
    const { ps, series } = S.view;
    if (!ps.totals[i]) return;
    const P = PERIODS[ps.kind];
    const inPeriod = (id) => P.of(S.itemMonth[id]) === ps.keys[i];
    const lists = await Promise.all(
      series.map(async (s) => {
        if (s.found.ids) {
          const ids = s.found.ids.filter(inPeriod);
          const chunks = new Set(ids.slice(0, SHOWN_ITEMS).map(chunkOf));
          await Promise.all([...chunks].map(loadChunk));
          return ids;
        }
        return scan(termRegex(s.term), ps.issues[i]);
      }),
    );
    const html = [];
    series.forEach((s, t) => {
      const ids = lists[t];
      html.push(`<h3><span class="swatch" style="background:${s.color}"></span>${esc(s.term)}: ${ids.length} of ${ps.totals[i]} items</h3><ul>`);
      for (const id of ids.slice(0, SHOWN_ITEMS)) {
        const [slug, title, url] = row(id);
        const issue = S.data.issues[floorIndex(S.issueFirsts, id)];
        const page = "issues/" + encodeURIComponent(issue[0]) + ".html" + (slug ? "#" + encodeURIComponent(slug) : "");
        const link = url ? ` <a class="out" href="${esc(url)}" rel="noopener">link</a>` : "";
        html.push(`<li><a href="${page}">${esc(title)}</a>${link} <small>${esc(issue[1])}, ${issue[2]}</small></li>`);
      }
      if (ids.length > SHOWN_ITEMS) html.push(`<li>and ${ids.length - SHOWN_ITEMS} more</li>`);
      html.push("</ul>");
    });
    $("items-title").textContent = `Items of ${ps.labels[i]}`;
    $("items-list").innerHTML = html.join("");
    $("items").hidden = false;
  }

  function table() {
    const { ps, series } = S.view;
    const head = `<thead><tr><th scope="col">${ps.kind}</th><th scope="col">items</th>` +
      series.map((s) => `<th scope="col">${esc(s.term)}</th><th scope="col">share</th>`).join("") + "</tr></thead>";
    const rows = [];
    for (let i = 0; i < ps.x.length; i++) {
      if (!ps.issues[i].length) continue;
      rows.push(`<tr><th scope="row">${ps.labels[i]}</th><td>${ps.totals[i]}</td>` + series.map((s) => `<td>${s.counts[i]}</td><td>${pct(s.shares[i], 2)}</td>`).join("") + "</tr>");
    }
    $("table").innerHTML = head + "<tbody>" + rows.join("") + "</tbody>";
  }
})();
