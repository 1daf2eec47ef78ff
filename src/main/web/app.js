// The live page: reads /api/searches/ID/view, redraws when the event stream says something
// happened (at most once a second), and falls back to polling while the stream is down.
// Every chart element carries data-series and data-points, so a test can read what is drawn.
"use strict";

const $ = (id) => document.getElementById(id);
const palette = ["#4a78c2", "#c2564a", "#3f9a6b", "#b3862d", "#7d5bb5", "#2f95a8", "#a84f86", "#6b7a8f"];
const plots = {};
let searchId = null;
let stream = null;
let pending = false;
let lastDraw = 0;

function fmt(x, digits = 2) {
  return x === null || x === undefined ? "–" : Number(x).toFixed(digits);
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function width(id) {
  return Math.max(320, $(id).clientWidth || 560);
}

/** Draws data ([xs, ys1, ys2, ...]) in a uPlot; a new plot when the series change. */
function draw(id, series, data, options = {}) {
  const key = series.map((s) => s.label).join("|");
  let p = plots[id];
  if (!p || p.key !== key) {
    if (p) p.plot.destroy();
    $(id).innerHTML = "";
    const opts = Object.assign({
      width: width(id), height: 260, series: [{}].concat(series),
      scales: { x: { time: false } }, legend: { show: series.length <= 8 },
    }, options);
    p = plots[id] = { key, plot: new uPlot(opts, data, $(id)) };
  } else {
    p.plot.setData(data);
  }
  let points = 0;
  for (let i = 1; i < data.length; i++) points += data[i].filter((v) => v !== null && v !== undefined).length;
  $(id).dataset.series = String(data.length - 1);
  $(id).dataset.points = String(points);
}

function summary(s, view) {
  const box = $("summary");
  box.innerHTML = "";
  const st = view.status;
  const items = [
    ["trials done", st.completed], ["running", st.running], ["waiting", st.pending], ["stopped early", st.stopped],
    ["failed", st.failed], ["device-hours", fmt(view.deviceHours, 3)], ["elapsed", fmt(view.elapsedSeconds, 0) + " s"],
  ];
  const best = s.summary && s.summary.best;
  if (best) items.unshift(["best score", fmt(best.score) + " (trial " + best.trial + ", " + best.tier + ")"]);
  items.forEach(([k, v]) => {
    const d = el("div", {}, k);
    d.appendChild(el("b", {}, String(v)));
    box.appendChild(d);
  });
  $("state").textContent = s.state;
  $("state").className = "badge" + (s.state === "running" ? " ok" : "");
}

function bestChart(view) {
  const pts = view.bestSoFar;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  if (pts.length) { // the line goes on to now
    xs.push(Math.max(view.deviceHours, xs[xs.length - 1]));
    ys.push(ys[ys.length - 1]);
  }
  draw("best", [{ label: "best score", stroke: palette[0], width: 2, paths: uPlot.paths.stepped({ align: 1 }),
    points: { show: true, size: 5 } }], [xs, ys],
  { axes: [{ label: "device-hours" }, { label: "score" }] });
}

function funnel(view) {
  const body = $("funnel").tBodies[0];
  body.innerHTML = "";
  const top = Math.max(1, ...view.funnel.map((r) => r.entered));
  view.funnel.forEach((r) => {
    const tr = el("tr");
    [r.tier, r.entered, r.completed, r.promoted, r.stopped, r.failed].forEach((v) => tr.appendChild(el("td", {}, String(v))));
    const bars = el("td");
    bars.appendChild(el("div", { class: "bar", style: "width:" + (120 * r.entered / top) + "px" }));
    bars.appendChild(el("div", { class: "bar reject", style: "width:" + (120 * r.stopped / top) + "px" }));
    tr.appendChild(bars);
    body.appendChild(tr);
  });
  $("funnel").dataset.rows = String(view.funnel.length);
}

function curves(view) {
  const shown = view.curves.filter((c) => c.points.length > 0);
  const list = $("rejections");
  list.innerHTML = "";
  if (!shown.length) {
    draw("curves", [], [[]]);
    return;
  }
  const parts = shown.map((c) => [c.points.map((p) => p[0]), c.points.map((p) => p[1])]);
  const rejected = shown.filter((c) => c.rejectedBy);
  const marks = rejected.map((c) => c.points[c.points.length - 1]).sort((a, b) => a[0] - b[0]);
  parts.push([marks.map((p) => p[0]), marks.map((p) => p[1])]);
  const data = uPlot.join(parts);
  const series = shown.map((c, i) => ({ label: "trial " + c.trial + " (" + c.tier + ")", stroke: palette[i % palette.length],
    width: c.rejectedBy ? 1 : 1.5, spanGaps: true, points: { show: false } }));
  series.push({ label: "rejected", stroke: "#c2564a", paths: () => null,
    points: { show: true, size: 10, width: 2, stroke: "#c2564a", fill: "#fff" } });
  draw("curves", series, data, { axes: [{ label: "epoch" }, { label: "validation score" }] });
  rejected.slice(-8).forEach((c) => list.appendChild(el("li", {}, "trial " + c.trial + " (" + c.tier + "): "
    + c.rejectedBy + " — " + c.reason)));
}

function scatter(view) {
  const select = $("pair");
  const pairs = view.tierPairs;
  if (select.options.length !== pairs.length) {
    select.innerHTML = "";
    pairs.forEach((p, i) => select.appendChild(el("option", { value: String(i) }, p.lower + " → " + p.upper)));
  }
  const pair = pairs[Number(select.value || 0)];
  if (!pair) {
    $("spearman").textContent = "(one tier: nothing to compare)";
    draw("scatter", [], [[]]);
    return;
  }
  const pts = pair.points.slice().sort((a, b) => a[0] - b[0]);
  $("spearman").textContent = pair.spearman === undefined ? "(" + pts.length + " candidates)"
    : "Spearman " + fmt(pair.spearman, 3) + " on " + pts.length + " candidates";
  draw("scatter", [{ label: pair.upper + " score", stroke: palette[2], paths: () => null,
    points: { show: true, size: 7, fill: palette[2] } }], [pts.map((p) => p[0]), pts.map((p) => p[1])],
  { axes: [{ label: pair.lower + " score" }, { label: pair.upper + " score" }], cursor: { drag: { x: false, y: false } } });
}

function workers(view) {
  const body = $("workers").tBodies[0];
  body.innerHTML = "";
  view.workers.forEach((w) => {
    const tr = el("tr");
    tr.appendChild(el("td", {}, w.worker));
    tr.appendChild(el("td", {}, w.trial >= 0 ? String(w.trial) : "idle"));
    tr.appendChild(el("td", {}, w.tier || ""));
    tr.appendChild(el("td", { class: "arch" }, w.architecture || ""));
    tr.appendChild(el("td", {}, w.forSeconds === undefined ? "" : fmt(w.forSeconds, 1) + " s"));
    tr.appendChild(el("td", {}, String(w.attempts)));
    const busy = el("td");
    busy.appendChild(el("div", { class: "bar", style: "width:" + Math.round(100 * w.busyFraction) + "px" }));
    busy.appendChild(document.createTextNode(Math.round(100 * w.busyFraction) + " %"));
    tr.appendChild(busy);
    body.appendChild(tr);
  });
  $("workers").dataset.rows = String(view.workers.length);
}

function audit(view) {
  const a = view.audit;
  $("audit-section").hidden = !a;
  if (!a) return;
  $("audit").textContent = a.candidates + " candidates seen, " + a.rejected + " rejected early, " + a.falseKills
    + " of them among the true top " + a.k + " (false kills).";
  const body = $("kills").tBodies[0];
  body.innerHTML = "";
  a.kills.forEach((k) => {
    const tr = el("tr");
    [k.trial, k.architecture, fmt(k.truth), k.rejectedBy, k.reason].forEach((v, i) =>
      tr.appendChild(el("td", i === 1 ? { class: "arch" } : {}, String(v))));
    body.appendChild(tr);
  });
  $("kills").dataset.rows = String(a.kills.length);
}

async function refresh() {
  pending = false;
  lastDraw = Date.now();
  if (!searchId) return;
  const [s, view] = await Promise.all([get("api/searches/" + searchId), get("api/searches/" + searchId + "/view")]);
  summary(s, view);
  bestChart(view);
  funnel(view);
  curves(view);
  scatter(view);
  workers(view);
  audit(view);
  $("updated").textContent = "updated " + new Date().toLocaleTimeString() + ", " + view.events + " events";
  document.body.dataset.events = String(view.events);
}

function soon() {
  if (pending) return;
  pending = true;
  setTimeout(() => refresh().catch(showError), Math.max(0, 1000 - (Date.now() - lastDraw)));
}

async function get(path) {
  const r = await fetch(path, { cache: "no-store" });
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

function showError(e) {
  $("live").textContent = String(e.message || e);
  $("live").className = "badge off";
}

function listen() {
  if (stream) stream.close();
  stream = new EventSource("api/searches/" + searchId + "/events?tick=1000"); // a nudge a second at most
  stream.addEventListener("hello", () => { $("live").textContent = "live"; $("live").className = "badge ok"; soon(); });
  stream.addEventListener("tick", soon);
  stream.addEventListener("ended", () => { stream.close(); $("live").textContent = "ended"; $("live").className = "badge"; soon(); });
  stream.onerror = () => { $("live").textContent = "reconnecting"; $("live").className = "badge off"; };
}

async function start() {
  const searches = await get("api/searches");
  const wanted = new URLSearchParams(location.search).get("search");
  const select = $("search");
  select.innerHTML = "";
  searches.forEach((s) => select.appendChild(el("option", { value: s.id }, s.name + " (" + s.state + ")")));
  const running = searches.find((s) => s.state === "running");
  searchId = wanted || (running || searches[searches.length - 1] || {}).id || null;
  if (searchId) select.value = searchId;
  select.onchange = () => { searchId = select.value; listen(); soon(); };
  $("pair").onchange = () => soon();
  if (!searchId) { showError(new Error("no search yet")); return; }
  listen();
  await refresh();
  setInterval(() => { if (Date.now() - lastDraw > 5000) soon(); }, 5000); // while the stream is quiet or down
}

start().catch(showError);
