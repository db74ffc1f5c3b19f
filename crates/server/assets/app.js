// dateline explorer: one page over the JSON API under /api. No framework, no network
// beyond this server. Every piece of data reaches the page as text (textContent), never
// as markup, so a hostile title or text cannot inject anything.
"use strict";

// ---------------------------------------------------------------- helpers

/** Builds an element: h("a", {href: "#"}, "text", child, ...). */
function h(tag, attrs, ...children) {
  const el = document.createElementNS(tag === "svg" || SVG_TAGS.has(tag) ? SVG_NS : HTML_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.setAttribute("class", v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const SVG_NS = "http://www.w3.org/2000/svg";
const HTML_NS = "http://www.w3.org/1999/xhtml";
const SVG_TAGS = new Set(["g", "path", "circle", "line", "rect", "text", "title", "polyline", "marker", "defs"]);

const $ = (sel, root = document) => root.querySelector(sel);
const view = () => $("#view");

/** Shows `children` in the view, leaving out the empty ones. */
function show(...children) {
  view().replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** Fetches a JSON endpoint; an error response throws its message. */
async function api(path, params) {
  const qs = params ? query(params) : "";
  const res = await fetch("/api/" + path + (qs ? "?" + qs : ""));
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

/** A query string of the non-empty values. */
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  return q.toString();
}

const fmt = {
  num: (n) => (n === null || n === undefined ? "" : Number(n).toLocaleString("en")),
  dec: (n, d = 1) => (n === null || n === undefined ? "" : Number(n).toFixed(d)),
  date: (s) => s || "",
};

function message(text, cls = "note") {
  return h("p", { class: cls }, text);
}

function showError(e) {
  show(message(String(e.message || e), "error"));
}

// CAMEO quad classes, and a colour for each.
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_OF_ROOT = (root) => {
  const r = Number(root);
  if (r <= 5) return 1;
  if (r <= 9) return 2;
  if (r <= 14) return 3;
  return 4;
};

/** A colour for a Goldstein value, red (conflict) to blue (cooperation). */
function goldsteinColour(g) {
  if (g === null || g === undefined) return "#888";
  const t = Math.max(-1, Math.min(1, g / 10));
  return t < 0 ? `hsl(5, ${40 + 50 * -t}%, ${55 - 15 * -t}%)` : `hsl(210, ${40 + 50 * t}%, ${55 - 15 * t}%)`;
}

// ---------------------------------------------------------------- routing

/** The route in the address: #/view/id?params. */
function route() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?");
  const [name, id] = path.split("/");
  return { name: name || "news", id, params: Object.fromEntries(new URLSearchParams(qs || "")) };
}

function go(name, params, id) {
  const qs = query(params || {});
  location.hash = "#/" + name + (id !== undefined ? "/" + id : "") + (qs ? "?" + qs : "");
}

const VIEWS = {};
let current = { keys: null };

async function render() {
  const r = route();
  const draw = VIEWS[r.name] || VIEWS.news;
  for (const a of document.querySelectorAll("#tabs a")) {
    const family = { doc: "news", event: "events" }[r.name] || r.name;
    a.classList.toggle("active", a.dataset.view === family);
    // Tabs over events keep the filter in force.
    if (EVENT_VIEWS.has(a.dataset.view) && EVENT_VIEWS.has(r.name)) {
      const qs = query(eventFilter(r.params));
      a.href = "#/" + a.dataset.view + (qs ? "?" + qs : "");
    } else if (EVENT_VIEWS.has(a.dataset.view)) {
      a.href = "#/" + a.dataset.view;
    }
  }
  current = { keys: null };
  show(message("Loading…"));
  try {
    await draw(r);
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------- filters

const EVENT_VIEWS = new Set(["events", "timeline", "network", "map"]);
const EVENT_FIELDS = [
  ["from", "From", "YYYY-MM-DD"],
  ["to", "To", "YYYY-MM-DD"],
  ["actor", "Actor", "RUS, RUSGOV"],
  ["country", "Country", "ISO3"],
  ["code", "CAMEO code", "057"],
  ["root", "Root", "19"],
  ["plover", "PLOVER", "ASSAULT"],
  ["place", "Place", "name or ISO3"],
  ["text", "Text", "words in the reports"],
];
const FLAGS = ["negated", "hypothetical", "future"];
const EVENT_KEYS = new Set([...EVENT_FIELDS.map((f) => f[0]), "quad_class", "source", "target", "site", "story", "document", ...FLAGS]);

function eventFilter(params) {
  return Object.fromEntries(Object.entries(params).filter(([k]) => EVENT_KEYS.has(k)));
}

/** The filter bar of the event views; submitting it keeps the view, changes the filter. */
function eventFilterBar(name, params, extra = {}) {
  const inputs = EVENT_FIELDS.map(([key, label, hint]) =>
    h("label", {}, label, h("input", { name: key, value: params[key] || "", placeholder: hint, size: key === "text" ? 18 : 9 })));
  const quad = h("select", { name: "quad_class" }, h("option", { value: "" }, "any"),
    ...Object.entries(QUADS).map(([k, v]) => h("option", { value: k, selected: params.quad_class === k }, `${k} ${v}`)));
  const flags = FLAGS.map((f) => h("label", {}, f, h("select", { name: f },
    h("option", { value: "" }, "any"), h("option", { value: "true", selected: params[f] === "true" }, "only"),
    h("option", { value: "false", selected: params[f] === "false" }, "none"))));
  const hidden = ["source", "target", "site", "story", "document"].filter((k) => params[k])
    .map((k) => h("span", { class: "chip" }, `${k}: ${params[k]}`, h("input", { type: "hidden", name: k, value: params[k] })));
  const form = h("form", { class: "filters", role: "search" }, ...inputs, h("label", {}, "Quad class", quad), ...flags, ...hidden,
    h("button", { type: "submit" }, "Filter"), h("button", { type: "button", onclick: () => go(name, extra) }, "Clear"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = Object.fromEntries(new FormData(form));
    go(name, { ...p, ...extra });
  });
  $("#filters").replaceChildren(form);
}

// ---------------------------------------------------------------- keyboard

/** Rows the keyboard walks: j/k move, Enter opens. */
function keyRows(rows, open) {
  let at = -1;
  const select = (i) => {
    if (!rows.length) return;
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => r.classList.toggle("cursor", j === at));
    rows[at].scrollIntoView({ block: "nearest" });
  };
  current.keys = { next: () => select(at + 1), prev: () => select(at - 1), open: () => at >= 0 && open(at) };
}

document.addEventListener("keydown", (ev) => {
  const t = ev.target;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) {
    if (ev.key === "Escape") t.blur();
    return;
  }
  const tabs = ["news", "events", "timeline", "network", "map"];
  const k = ev.key;
  if (k >= "1" && k <= "5") go(tabs[Number(k) - 1], EVENT_VIEWS.has(tabs[Number(k) - 1]) ? eventFilter(route().params) : {});
  else if (k === "/") { ev.preventDefault(); const i = $("#filters input:not([type=hidden])") || $("#view input"); if (i) i.focus(); }
  else if (k === "j" && current.keys) current.keys.next();
  else if (k === "k" && current.keys) current.keys.prev();
  else if (k === "Enter" && current.keys) current.keys.open();
  else if (k === "n" && current.pager) current.pager.next();
  else if (k === "p" && current.pager) current.pager.prev();
  else if (k === "Escape") history.back();
  else if (k === "?") $("#help").showModal();
  else return;
  ev.preventDefault();
});

/** Previous/next page links for a paged answer. */
function pager(name, params, page) {
  const limit = page.limit, offset = page.offset;
  const to = (o) => () => go(name, { ...params, offset: o || "" });
  const prev = offset > 0 ? to(Math.max(0, offset - limit)) : null;
  const next = page.more ? to(offset + limit) : null;
  current.pager = { next: () => next && next(), prev: () => prev && prev() };
  const shown = page.items.length ? `${fmt.num(offset + 1)}–${fmt.num(offset + page.items.length)}` : "none";
  return h("nav", { class: "pager" },
    h("button", { type: "button", disabled: !prev, onclick: prev || undefined, title: "previous page (p)" }, "← Previous"),
    h("span", {}, `rows ${shown}`),
    h("button", { type: "button", disabled: !next, onclick: next || undefined, title: "next page (n)" }, "Next →"));
}

// ---------------------------------------------------------------- news

VIEWS.news = async ({ params }) => {
  const fields = [["text", "Search the news", "words, \"a phrase\", OR, NOT"], ["from", "From", "YYYY-MM-DD"], ["to", "To", "YYYY-MM-DD"],
    ["site", "Source", "site or agency"], ["language", "Language", "en"]];
  const form = h("form", { class: "filters", role: "search" },
    ...fields.map(([k, label, hint]) => h("label", {}, label, h("input", { name: k, value: params[k] || "", placeholder: hint, size: k === "text" ? 28 : 10 }))),
    params.story ? h("span", { class: "chip" }, `story ${params.story}`, h("input", { type: "hidden", name: "story", value: params.story })) : null,
    h("button", { type: "submit" }, "Search"), h("button", { type: "button", onclick: () => go("news") }, "Clear"));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go("news", Object.fromEntries(new FormData(form))); });
  $("#filters").replaceChildren(form);
  const page = await api("documents", { ...params, limit: params.limit || 50 });
  const rows = page.items.map((d) => h("tr", { "data-id": d.id },
    h("td", { class: "title" }, h("a", { href: `#/doc/${d.id}` }, d.title || d.record_id),
      d.not_coded ? h("span", { class: "flag" }, "not coded") : null),
    h("td", {}, fmt.date(d.published)),
    h("td", {}, d.source_name || ""),
    h("td", {}, d.language || ""),
    h("td", { class: "codes" }, ...(d.top_events || []).map((e) => eventBadge(e.code, e.name, e.quad_class))),
    h("td", { class: "num" }, fmt.num(d.events)),
    h("td", {}, h("a", { href: "#/news?" + query({ story: d.story }), title: "every report of this story" }, `#${d.story}`),
      d.similarity !== null && d.similarity !== undefined ? h("span", { class: "muted" }, ` ${fmt.dec(d.similarity, 2)}`) : null)));
  const table = h("table", { class: "rows news" },
    h("thead", {}, h("tr", {}, ...["Headline", "Published", "Source", "Lang.", "Top events", "Events", "Story"].map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows));
  keyRows(rows, (i) => go("doc", {}, page.items[i].id));
  show(h("h1", {}, "News"), page.items.length ? table : message("No stored document matches."), pager("news", params, page));
};

function eventBadge(code, name, quad) {
  return h("span", { class: `badge q${quad || QUAD_OF_ROOT(String(code).slice(0, 2))}`, title: name || "" }, code);
}

// ---------------------------------------------------------------- one document

/** Maps UTF-8 byte offsets into `text` to string indices (UTF-16), for the offsets asked. */
function byteIndex(text, offsets) {
  const want = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map();
  let byte = 0, i = 0, w = 0;
  while (w < want.length && i <= text.length) {
    while (w < want.length && want[w] <= byte) out.set(want[w++], i);
    if (i >= text.length) break;
    const cp = text.codePointAt(i);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp >= 0x10000 ? 2 : 1;
  }
  for (; w < want.length; w++) out.set(want[w], text.length);
  return out;
}

/** The annotation layers of a document as [start, end, layer, key, label] in bytes. */
function layers(doc) {
  const marks = [];
  doc.entities.forEach((e, i) => e.mentions.forEach(([s, t]) =>
    marks.push([s, t, `ent ent-${e.kind}`, `ent:${i}`, `${e.kind}: ${e.name}${e.actor ? " · " + e.actor : ""}`])));
  doc.places.forEach((p, i) => {
    p.mentions.forEach(([s, t]) => marks.push([s, t, "place", `place:${i}`, `place: ${p.name}${p.country ? ", " + p.country : ""} (${p.precision})`]));
    (p.indirect || []).forEach(([s, t]) => marks.push([s, t, "place indirect", `place:${i}`, `place (indirect): ${p.name}`]));
  });
  doc.quotes.forEach((q, i) => marks.push([q.span[0], q.span[1], "quote", `quote:${i}`, `quote${q.speaker ? " by " + q.speaker : ""}`]));
  doc.amounts.forEach((a, i) => marks.push([a.span[0], a.span[1], "amount", `amount:${i}`, `amount: ${a.value} ${a.unit}`]));
  (doc.times || []).forEach((t, i) => marks.push([t.span[0], t.span[1], "time", `time:${i}`, `time: ${t.date || t.weekday || t.text}`]));
  doc.events.forEach((e, i) => {
    const label = `event ${e.code} ${e.name || ""}`;
    marks.push([e.span[0], e.span[1], "evs", `ev:${i}`, label]);
    e.word_spans.forEach(([s, t]) => marks.push([s, t, "evw", `ev:${i}`, label + " (trigger)"]));
    for (const side of ["source", "target"]) {
      const a = e[side];
      if (a) marks.push([a.span[0], a.span[1], `eva eva-${side}`, `ev:${i}`, `${side} ${a.code}`]);
    }
  });
  return marks;
}

/** The text cut at every annotation boundary; each piece carries what covers it. */
function highlighted(text, marks) {
  const idx = byteIndex(text, marks.flatMap((m) => [m[0], m[1]]));
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [idx.get(m[0]), idx.get(m[1])])])].sort((a, b) => a - b);
  const starts = new Map(), ends = new Map();
  marks.forEach((m, j) => {
    const [s, t] = [idx.get(m[0]), idx.get(m[1])];
    if (t <= s) return;
    (starts.get(s) || starts.set(s, []).get(s)).push(j);
    (ends.get(t) || ends.set(t, []).get(t)).push(j);
  });
  const active = new Set(), byKey = new Map(), frag = document.createDocumentFragment();
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [s, t] = [cuts[c], cuts[c + 1]];
    (ends.get(s) || []).forEach((j) => active.delete(j));
    (starts.get(s) || []).forEach((j) => active.add(j));
    const piece = text.slice(s, t);
    if (!active.size) { frag.append(piece); continue; }
    const on = [...active].map((j) => marks[j]);
    const el = h("span", { class: [...new Set(on.flatMap((m) => m[2].split(" ")))].join(" "), title: [...new Set(on.map((m) => m[4]))].join("\n") }, piece);
    for (const m of on) (byKey.get(m[3]) || byKey.set(m[3], []).get(m[3])).push(el);
    frag.append(el);
  }
  return { frag, byKey };
}

VIEWS.doc = async ({ id, params }) => {
  $("#filters").replaceChildren();
  const { stored, document: doc } = await api(`documents/${encodeURIComponent(id)}`);
  const { frag, byKey } = highlighted(doc.text, layers(doc));
  const body = h("div", { class: "text", id: "doc-text" }, frag);
  const toggles = [["ent", "entities"], ["place", "places"], ["quote", "quotes"], ["amount", "amounts"], ["time", "times"], ["evs", "event sentences"]]
    .map(([cls, label]) => h("label", { class: `toggle ${cls}` }, h("input", { type: "checkbox", checked: true, onchange: (ev) => body.classList.toggle(`hide-${cls}`, !ev.target.checked) }), label));
  const cards = doc.events.map((e, i) => eventCard(e, i));
  let at = -1;
  const select = (i) => {
    for (const el of body.querySelectorAll(".sel")) el.classList.remove("sel");
    cards.forEach((c, j) => c.classList.toggle("cursor", j === i));
    const els = byKey.get(`ev:${i}`) || [];
    els.forEach((el) => el.classList.add("sel"));
    if (els[0]) els[0].scrollIntoView({ block: "center" });
    cards[i].scrollIntoView({ block: "nearest" });
  };
  cards.forEach((c, i) => {
    c.addEventListener("click", () => select((at = i)));
    c.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && ev.target === c) { ev.stopPropagation(); select((at = i)); } });
  });
  current.keys = { next: () => cards.length && select((at = Math.min(cards.length - 1, at + 1))), prev: () => cards.length && select((at = Math.max(0, at - 1))), open: () => {} };
  const meta = h("dl", { class: "meta" },
    ...[["Published", doc.published, doc.published_how && doc.published_how.why], ["Source", stored.source_name || doc.site], ["URL", doc.url], ["From", doc.origin],
      ["Language", doc.language], ["Story", `#${stored.story} (${stored.similarity === null ? "first report" : "similarity " + fmt.dec(stored.similarity, 2)})`],
      ["Tone", fmt.dec(doc.tone, 2)], ["Coded by", `dateline ${doc.dateline_version}, dictionaries ${doc.dict_version}`], ["Not coded", doc.not_coded]]
      .filter((r) => r[1]).flatMap(([k, v, why]) => [h("dt", {}, k), h("dd", { title: why || "" }, k === "URL" ? h("a", { href: v, rel: "noreferrer noopener", target: "_blank" }, v) : v)]));
  const side = h("aside", { class: "panel" },
    h("h2", {}, `Events (${doc.events.length})`), cards.length ? h("ol", { class: "cards" }, ...cards) : message("No event coded."),
    listSection("Entities", doc.entities, (e) => [h("b", {}, e.name), ` ${e.kind}`, e.actor ? h("code", {}, e.actor) : null, e.title ? ` · ${e.title}` : null, entries(e.entries)]),
    listSection("Places", doc.places, (p) => [h("b", {}, p.name), ` ${p.precision}${p.country ? ", " + p.country : ""}`, p.lat !== null && p.lat !== undefined ? h("span", { class: "muted" }, ` ${fmt.dec(p.lat, 2)}, ${fmt.dec(p.lon, 2)}`) : null, h("div", { class: "why" }, p.why)]),
    listSection("Quotes", doc.quotes, (q) => [h("q", {}, q.text), q.speaker ? h("div", { class: "muted" }, "— " + q.speaker) : null]),
    listSection("Amounts", doc.amounts, (a) => [h("b", {}, a.text), ` = ${a.value} ${a.unit}`]),
    doc.diagnostics && doc.diagnostics.length ? listSection("Diagnostics", doc.diagnostics, (d) => [h("code", {}, d.stage), " ", d.message]) : null);
  show(h("article", { class: "doc" },
    h("div", { class: "reading" }, h("h1", {}, doc.title || doc.id), meta, h("div", { class: "toggles" }, ...toggles), body), side));
  const want = params.span ? doc.events.findIndex((e) => `${e.span[0]}-${e.span[1]}` === params.span) : -1;
  if (want >= 0) select((at = want));
};

function entries(list) {
  if (!list || !list.length) return null;
  return h("div", { class: "why" }, ...list.map((e) => h("div", {}, h("code", {}, `${e.file}:${e.line}`), " ", e.entry)));
}

function listSection(title, items, row) {
  if (!items.length) return null;
  return h("details", { open: items.length <= 12 }, h("summary", {}, `${title} (${items.length})`), h("ul", { class: "plain" }, ...items.map((it) => h("li", {}, ...row(it)))));
}

function actorLine(a) {
  if (!a) return h("span", { class: "muted" }, "—");
  return h("span", {}, h("code", {}, a.code), a.name ? ` ${a.name}` : "", h("span", { class: "muted" }, ` “${a.text}” via ${a.via}`));
}

function flagList(e) {
  return ["negated", "hypothetical", "future", "symmetric"].filter((f) => e[f]).map((f) => h("span", { class: "flag" }, f));
}

function eventCard(e, i) {
  const rule = e.rule || {};
  return h("li", { class: "card", tabindex: 0, "data-event": i },
    h("div", { class: "head" }, eventBadge(e.code, e.name, e.quad_class), h("b", {}, e.name || ""), e.plover ? h("span", { class: "muted" }, ` ${e.plover}${e.mode ? " / " + e.mode : ""}`) : null, ...flagList(e)),
    h("div", {}, actorLine(e.source), " → ", actorLine(e.target)),
    h("div", { class: "muted" }, [e.date ? `date ${e.date}${e.date_text ? " (“" + e.date_text + "”)" : ""}` : "undated", e.place ? `place ${e.place.name}` : null,
      `Goldstein ${fmt.dec(e.goldstein)}`, `confidence ${fmt.dec(e.confidence, 2)}`].filter(Boolean).join(" · ")),
    e.counts && e.counts.length ? h("div", {}, ...e.counts.map((c) => h("span", { class: "flag" }, `${c.kind} ${c.value}`))) : null,
    h("div", { class: "why" }, "rule ", h("code", {}, `${rule.file}:${rule.line}`), " ", rule.entry || "", " · words: ", e.words.join(", ")),
    e.source && e.source.entry ? h("div", { class: "why" }, "source ", h("code", {}, `${e.source.entry.file}:${e.source.entry.line}`), " ", e.source.entry.entry) : null,
    e.target && e.target.entry ? h("div", { class: "why" }, "target ", h("code", {}, `${e.target.entry.file}:${e.target.entry.line}`), " ", e.target.entry.entry) : null,
    h("details", { class: "reasons" }, h("summary", {}, "reasons"), h("ul", {}, ...e.reasons.map((r) => h("li", {}, r)))));
}

// ---------------------------------------------------------------- events

VIEWS.events = async ({ params }) => {
  eventFilterBar("events", params);
  const page = await api("events", { ...eventFilter(params), limit: params.limit || 50, offset: params.offset });
  const rows = page.items.map((e) => h("tr", { "data-id": e.id, class: e.negated ? "negated" : "" },
    h("td", {}, e.date || h("span", { class: "muted" }, "—")),
    h("td", {}, eventBadge(e.code, e.name, e.quad_class), " ", h("a", { href: `#/event/${e.id}` }, e.name || e.code)),
    h("td", {}, e.plover || ""),
    h("td", {}, h("code", {}, e.source_code), e.source_name ? h("div", { class: "muted" }, e.source_name) : null),
    h("td", {}, h("code", {}, e.target_code), e.target_name ? h("div", { class: "muted" }, e.target_name) : null),
    h("td", {}, e.place_name || ""),
    h("td", { class: "num", title: `${e.num_mentions} mentions, ${e.num_articles} articles, ${e.num_sources} sources` }, `${e.num_articles}/${e.num_sources}`),
    h("td", { class: "num", style: `color:${goldsteinColour(e.goldstein)}` }, fmt.dec(e.goldstein)),
    h("td", {}, ...flagList(e)),
    h("td", { class: "evidence" }, e.evidence)));
  const csv = "/api/events.csv" + (query(eventFilter(params)) ? "?" + query(eventFilter(params)) : "");
  const table = h("table", { class: "rows events" },
    h("thead", {}, h("tr", {}, ...["Date", "Event", "PLOVER", "Source", "Target", "Place", "Art./src.", "Goldstein", "Flags", "Evidence"].map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows));
  keyRows(rows, (i) => go("event", {}, page.items[i].id));
  rows.forEach((r, i) => r.addEventListener("dblclick", () => go("event", {}, page.items[i].id)));
  show(h("div", { class: "bar" }, h("h1", {}, "Events"), h("a", { class: "button", href: csv, download: "dateline-events.csv" }, "Download CSV")),
    page.items.length ? table : message("No event matches the filter."), pager("events", params, page));
};

VIEWS.event = async ({ id }) => {
  $("#filters").replaceChildren();
  const e = await api(`events/${encodeURIComponent(id)}`);
  const facts = [["Date", e.date], ["Code", `${e.code} ${e.name || ""} (base ${e.base_code}, root ${e.root})`], ["PLOVER", e.plover], ["Quad class", e.quad_class ? `${e.quad_class} ${QUADS[e.quad_class]}` : null],
    ["Goldstein", fmt.dec(e.goldstein)], ["Source", `${e.source_code} ${e.source_name || ""} ${e.source_country || ""}`], ["Target", `${e.target_code} ${e.target_name || ""} ${e.target_country || ""}`],
    ["Place", e.place_name ? `${e.place_name}${e.place_country ? ", " + e.place_country : ""}${e.place_lat !== null ? ` (${fmt.dec(e.place_lat, 3)}, ${fmt.dec(e.place_lon, 3)})` : ""}` : null],
    ["Reports", `${e.num_mentions} mentions in ${e.num_articles} articles from ${e.num_sources} sources`], ["Tone", fmt.dec(e.avg_tone, 2)], ["Story", e.story]];
  const mentions = e.mentions.map((m) => mentionCard(m));
  show(h("h1", {}, eventBadge(e.code, e.name, e.quad_class), " ", e.name || e.code, " ", ...flagList(e)),
    h("dl", { class: "meta" }, ...facts.filter((f) => f[1] !== null && f[1] !== undefined && f[1] !== "").flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])),
    h("p", {}, h("a", { href: "#/events?" + query({ story: e.story }) }, "Every event of this story"), " · ",
      h("a", { href: "#/events?" + query({ actor: e.source_code }) }, `Events of ${e.source_code || "—"}`)),
    h("h2", {}, `Reports (${e.mentions.length})`), h("ol", { class: "cards" }, ...mentions));
};

function mentionCard(m) {
  const base = m.span[0];
  const marks = [[m.action_span[0] - base, m.action_span[1] - base, "evw", "a", "trigger"]];
  if (m.source_span) marks.push([m.source_span[0] - base, m.source_span[1] - base, "eva eva-source", "s", "source" + (m.source_via ? " via " + m.source_via : "")]);
  if (m.target_span) marks.push([m.target_span[0] - base, m.target_span[1] - base, "eva eva-target", "t", "target" + (m.target_via ? " via " + m.target_via : "")]);
  const { frag } = highlighted(m.evidence, marks.filter((k) => k[0] >= 0 && k[1] >= k[0]));
  return h("li", { class: "card" },
    h("div", { class: "head" }, h("a", { href: `#/doc/${m.document}?` + query({ span: `${m.span[0]}-${m.span[1]}` }) }, m.record_id),
      h("span", { class: "muted" }, ` ${m.source_name || ""} ${m.published || ""} · sentence ${m.sentence}${m.date ? " · dated " + m.date : ""}`)),
    h("blockquote", { class: "text" }, frag),
    h("div", { class: "why" }, "rule ", h("code", {}, `${m.rule_file}:${m.rule_line}`), " ", m.rule_entry, ` · confidence ${fmt.dec(m.confidence, 2)}`, m.date_why ? ` · date: ${m.date_why}` : ""));
}

// ---------------------------------------------------------------- timeline

const ROOT_COLOURS = ["#4e79a7", "#6b9bd1", "#86bcb6", "#59a14f", "#8cd17d", "#b6992d", "#f1ce63", "#499894", "#79706e", "#bab0ac",
  "#d37295", "#fabfd2", "#b07aa1", "#d4a6c8", "#9d7660", "#d7b5a6", "#ff9d9a", "#e15759", "#c0392b", "#7f1d1d"];
const QUAD_COLOURS = { 1: "#6b9bd1", 2: "#2f6aa8", 3: "#f28e2b", 4: "#c0392b", "": "#999" };

function keyColour(by, key) {
  return by === "quad" ? QUAD_COLOURS[key] || "#999" : ROOT_COLOURS[(Number(key) - 1 + 20) % 20] || "#999";
}

const DAY_MS = 86400000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Days up to 120 days, weeks (from Monday) up to two years, else months. */
function bucketUnit(first, last) {
  const span = (Date.parse(last) - Date.parse(first)) / DAY_MS;
  return span <= 120 ? "day" : span <= 730 ? "week" : "month";
}

/** The bucket of `day`: its key, the filter range that selects it, and its label. */
function bucketOf(day, unit) {
  if (unit === "day") return { key: day, from: day, to: day, label: day.slice(5) };
  if (unit === "month") return { key: day.slice(0, 7), from: day.slice(0, 7), to: day.slice(0, 7), label: day.slice(0, 7) };
  const t = Date.parse(day), start = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
  return { key: isoDay(start), from: isoDay(start), to: isoDay(start + 6 * DAY_MS), label: isoDay(start).slice(5) };
}

/** Every bucket from the first day's to the last day's, in order. */
function buckets(first, last, unit) {
  const out = [];
  let t = Date.parse(first);
  const end = bucketOf(last, unit).key;
  while (out.length < 5000) {
    const b = bucketOf(isoDay(t), unit);
    if (!out.length || out[out.length - 1].key !== b.key) out.push(b);
    if (b.key === end) break;
    t += unit === "month" ? 28 * DAY_MS : unit === "week" ? 7 * DAY_MS : DAY_MS;
  }
  return out;
}

VIEWS.timeline = async ({ params }) => {
  const by = params.by === "quad" ? "quad" : "root";
  eventFilterBar("timeline", params, { by });
  const t = await api("timeline", { ...eventFilter(params), by });
  const switcher = h("div", { class: "bar" }, h("h1", {}, "Timeline"),
    h("span", {}, "Split by ", ...["root", "quad"].map((b) => h("a", { class: b === by ? "button active" : "button", href: "#/timeline?" + query({ ...eventFilter(params), by: b }) }, b === "root" ? "CAMEO root" : "quad class"))));
  if (!t.days.length) {
    show(switcher, message(`No dated event matches${t.undated ? ` (${t.undated} without a day)` : ""}.`));
    return;
  }
  const unit = bucketUnit(t.days[0].day, t.days[t.days.length - 1].day);
  const bars = buckets(t.days[0].day, t.days[t.days.length - 1].day, unit);
  const counts = new Map(bars.map((b) => [b.key, new Map()]));
  for (const c of t.days) {
    const m = counts.get(bucketOf(c.day, unit).key);
    if (m) m.set(c.key, (m.get(c.key) || 0) + c.events);
  }
  const keys = [...new Set(t.days.map((c) => c.key))].sort();
  const max = Math.max(...[...counts.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const W = 960, H = 280, pad = 36, bw = (W - pad) / bars.length;
  const labelEvery = Math.max(1, Math.ceil((unit === "month" ? 60 : 46) / bw));
  const svg = h("svg", { viewBox: `0 0 ${W} ${H + 40}`, class: "chart", role: "img", "aria-label": `events per ${unit}` });
  for (let y = 0; y <= 4; y++) {
    const v = Math.round((max * y) / 4), yy = H - (H - 10) * (v / max);
    svg.append(h("line", { x1: pad, x2: W, y1: yy, y2: yy, class: "grid" }), h("text", { x: pad - 4, y: yy + 4, class: "axis", "text-anchor": "end" }, fmt.num(v)));
  }
  bars.forEach((b, i) => {
    let y = H;
    const x = pad + i * bw;
    const g = h("g", { class: "day", "data-day": b.key, onclick: () => go("events", { ...eventFilter(params), from: b.from, to: b.to }) });
    for (const k of keys) {
      const n = counts.get(b.key).get(k);
      if (!n) continue;
      const bh = (H - 10) * (n / max);
      y -= bh;
      g.append(h("rect", { x: x + 0.5, y, width: Math.max(2, bw - 1), height: bh, fill: keyColour(by, k) },
        h("title", {}, `${unit} of ${b.key}: ${n} events, ${by === "quad" ? "quad class " + k + " " + (QUADS[k] || "") : "root " + k}`)));
    }
    svg.append(g);
    if (i % labelEvery === 0) svg.append(h("text", { x: x + bw / 2, y: H + 16, class: "axis", "text-anchor": "middle" }, b.label));
  });
  svg.append(h("text", { x: pad, y: H + 34, class: "axis" }, `${t.days[0].day} – ${t.days[t.days.length - 1].day}, events per ${unit}`));
  const legend = h("ul", { class: "legend" }, ...keys.map((k) => h("li", {}, h("span", { class: "swatch", style: `background:${keyColour(by, k)}` }),
    by === "quad" ? `${k} ${QUADS[k] || "unknown"}` : `root ${k}`)));
  show(switcher, svg, legend,
    message(`${fmt.num(t.days.reduce((s, c) => s + c.events, 0))} events dated to the day; ${fmt.num(t.undated)} more have no day. Click a bar for its events.`));
};

// ---------------------------------------------------------------- network

/** A force layout (Fruchterman–Reingold with a pull to the centre, so separate groups
 * stay in view), deterministic: the same graph, the same picture. Positions are then
 * scaled into the box, leaving room for labels. */
function layout(nodes, edges, W, H) {
  const n = nodes.length, k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
  nodes.forEach((p, i) => { const a = (2 * Math.PI * i) / n; p.x = W / 2 + (W / 3) * Math.cos(a); p.y = H / 2 + (H / 3) * Math.sin(a); });
  let temp = W / 10;
  const iterations = n > 150 ? 150 : 300;
  for (let it = 0; it < iterations; it++) {
    for (const p of nodes) { p.dx = (W / 2 - p.x) * 0.05 * k / 50; p.dy = (H / 2 - p.y) * 0.05 * k / 50; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      if (d > 3 * k) continue;
      const f = (k * k) / d;
      dx /= d; dy /= d;
      a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const e of edges) {
      const a = e.a, b = e.b;
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy)), f = (d * d) / k;
      dx /= d; dy /= d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const p of nodes) {
      const d = Math.max(0.01, Math.hypot(p.dx, p.dy)), step = Math.min(d, temp);
      p.x += (p.dx / d) * step;
      p.y += (p.dy / d) * step;
    }
    temp = Math.max(0.5, temp * 0.97);
  }
  const xs = nodes.map((p) => p.x), ys = nodes.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const [mx, my] = [40, 24];
  for (const p of nodes) {
    p.x = mx + (x1 > x0 ? ((p.x - x0) / (x1 - x0)) * (W - 2 * mx - 60) : (W - 60) / 2);
    p.y = my + (y1 > y0 ? ((p.y - y0) / (y1 - y0)) * (H - 2 * my) : H / 2);
  }
}

VIEWS.network = async ({ params }) => {
  eventFilterBar("network", params);
  const net = await api("network", { ...eventFilter(params), limit: params.limit || 150 });
  if (!net.edges.length) {
    show(h("h1", {}, "Network"), message("No event with both a source and a target matches."));
    return;
  }
  const byCode = new Map();
  const node = (code) => byCode.get(code) || byCode.set(code, { code, events: 0 }).get(code);
  const edges = net.edges.map((e) => ({ ...e, a: node(e.source), b: node(e.target) }));
  for (const e of edges) { e.a.events += e.events; e.b.events += e.events; }
  const nodes = [...byCode.values()].sort((a, b) => b.events - a.events || a.code.localeCompare(b.code));
  const W = 960, H = 600;
  layout(nodes, edges, W, H);
  const maxE = Math.max(...edges.map((e) => e.events)), maxN = Math.max(...nodes.map((p) => p.events));
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart network", role: "img", "aria-label": "who acts on whom" },
    h("defs", {}, h("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, h("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#777" }))));
  for (const e of edges) {
    const r = 4 + 10 * Math.sqrt(e.b.events / maxN), d = Math.max(1, Math.hypot(e.b.x - e.a.x, e.b.y - e.a.y));
    const x2 = e.b.x - ((e.b.x - e.a.x) / d) * r, y2 = e.b.y - ((e.b.y - e.a.y) / d) * r;
    svg.append(h("line", { class: "edge", x1: e.a.x, y1: e.a.y, x2, y2, stroke: goldsteinColour(e.goldstein), "stroke-width": 1 + 5 * Math.sqrt(e.events / maxE), "marker-end": "url(#arrow)",
      onclick: () => go("events", { ...eventFilter(params), source: e.source, target: e.target }) },
      h("title", {}, `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${fmt.dec(e.goldstein)}`)));
  }
  for (const p of nodes) {
    const r = 4 + 10 * Math.sqrt(p.events / maxN);
    svg.append(h("g", { class: "node", "data-code": p.code, onclick: () => go("events", { ...eventFilter(params), actor: p.code }) },
      h("circle", { cx: p.x, cy: p.y, r }), h("text", { x: p.x + r + 2, y: p.y + 4 }, p.code), h("title", {}, `${p.code}: ${p.events} events`)));
  }
  show(h("h1", {}, "Network"), svg,
    message(`${nodes.length} actors, ${edges.length} of ${fmt.num(net.total_edges)} source–target pairs (the heaviest). Edge colour: mean Goldstein (red conflict, blue cooperation); width: events. Click an actor or an edge for its events.`));
};

// ---------------------------------------------------------------- map

let basemap = null;

async function loadBasemap() {
  if (basemap !== null) return basemap;
  const res = await fetch("/api/basemap");
  basemap = res.ok ? await res.json() : false;
  return basemap;
}

const project = (lon, lat, W, H) => [((lon + 180) / 360) * W, ((85 - lat) / 145) * H];

function countryPaths(geo, W, H) {
  const paths = [];
  for (const f of geo.features || []) {
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    const d = polys.map((poly) => poly.map((ring) => "M" + ring.map(([lon, lat]) => project(lon, lat, W, H).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("")).join("");
    paths.push(h("path", { d, class: "country" }, h("title", {}, (f.properties && f.properties.name) || f.id || "")));
  }
  return paths;
}

VIEWS.map = async ({ params }) => {
  eventFilterBar("map", params);
  const [geo, page] = await Promise.all([loadBasemap(), api("places", { ...eventFilter(params), limit: 500 })]);
  const W = 960, H = 500;
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart map", role: "img", "aria-label": "where the events took place" },
    h("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  if (geo) svg.append(...countryPaths(geo, W, H));
  for (let lon = -150; lon <= 150; lon += 30) { const [x] = project(lon, 0, W, H); svg.append(h("line", { x1: x, x2: x, y1: 0, y2: H, class: "graticule" })); }
  for (let lat = -30; lat <= 60; lat += 30) { const [, y] = project(0, lat, W, H); svg.append(h("line", { x1: 0, x2: W, y1: y, y2: y, class: "graticule" })); }
  const max = Math.max(1, ...page.items.map((p) => p.events));
  for (const p of [...page.items].reverse()) {
    const [x, y] = project(p.lon, p.lat, W, H);
    svg.append(h("circle", { class: `place p-${p.precision || "city"}`, cx: x, cy: y, r: 3 + 12 * Math.sqrt(p.events / max), "data-place": p.name,
      onclick: () => go("events", { ...eventFilter(params), place: p.name }) },
      h("title", {}, `${p.name}${p.country ? ", " + p.country : ""}: ${p.events} events (${p.precision || ""})`)));
  }
  const rows = page.items.map((p) => h("tr", {}, h("td", {}, h("a", { href: "#/events?" + query({ ...eventFilter(params), place: p.name }) }, p.name)),
    h("td", {}, p.country || ""), h("td", {}, p.precision || ""), h("td", { class: "num" }, fmt.num(p.events)), h("td", { class: "num" }, `${fmt.dec(p.lat, 2)}, ${fmt.dec(p.lon, 2)}`)));
  keyRows(rows, (i) => go("events", { ...eventFilter(params), place: page.items[i].name }));
  show(h("h1", {}, "Map"), svg,
    geo ? null : message("No basemap installed: country outlines come with the place index (scripts/setup-gazetteer.sh)."),
    page.items.length ? h("table", { class: "rows" }, h("thead", {}, h("tr", {}, ...["Place", "Country", "Precision", "Events", "Coordinates"].map((c) => h("th", {}, c)))), h("tbody", {}, ...rows))
      : message("No placed event matches."));
};

// ---------------------------------------------------------------- start

async function status() {
  try {
    const s = await api("status");
    $("#status").textContent = `${fmt.num(s.documents)} documents · ${fmt.num(s.stories)} stories · ${fmt.num(s.events)} events`;
  } catch (e) {
    $("#status").textContent = String(e.message || e);
  }
}

$("#help-button").addEventListener("click", () => $("#help").showModal());
window.addEventListener("hashchange", render);
status();
render();
