// The explorer in a real browser (Debian's chromium, headless, driven by playwright-core):
// run by crates/cli/tests/explorer.rs against a server it started over a database
// ingested from the demo corpus.
//
// usage: node explorer.mjs URL SCREENSHOT_DIR PLAYWRIGHT_DIR [CHROMIUM]
// Prints one line per check; exits 1 on the first failure. No request may leave 127.0.0.1.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const [url, shots, playwrightDir, executable = "/usr/bin/chromium"] = process.argv.slice(2);
const { chromium } = createRequire(resolve(playwrightDir, "node_modules") + "/")("playwright-core");
mkdirSync(shots, { recursive: true });

function check(ok, what) {
  if (!ok) throw new Error("FAILED: " + what);
  console.log("ok: " + what);
}

const browser = await chromium.launch({
  executablePath: executable,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const outside = [];
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1") return route.continue();
    outside.push(u.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  const shot = (name) => page.screenshot({ path: join(shots, name + ".png"), fullPage: true });

  // The news list: the demo stories' headlines and their events' codes.
  await page.goto(url);
  await page.waitForSelector("table.news tbody tr");
  const titles = await page.$$eval("table.news td.title a", (as) => as.map((a) => a.textContent));
  check(titles.includes("Kazakh foreign minister visits Bishkek, signs water-sharing memorandum"), `the news list shows the demo headlines (${titles.length} rows)`);
  const codes = await page.$$eval("table.news .badge", (bs) => bs.map((b) => b.textContent));
  check(codes.length > 0 && codes.every((c) => /^\d{2,4}$/.test(c)), `the news list shows event codes (${codes.slice(0, 5).join(", ")})`);
  check(/\d+ documents · \d+ stories · \d+ events/.test(await page.textContent("#status")), "the header counts documents, stories and events");
  await shot("news");

  // Search narrows the list.
  await page.fill("input[name=text]", "memorandum");
  await page.press("input[name=text]", "Enter");
  await page.waitForFunction(() => location.hash.includes("text=memorandum") && document.querySelectorAll("table.news tbody tr").length > 0);
  const found = await page.$$eval("table.news tbody tr", (rs) => rs.length);
  check(found > 0 && found < titles.length, `a search narrows the news list (${found} of ${titles.length})`);

  // The article: highlights, and each event's evidence.
  await page.click("text=Kazakh foreign minister visits Bishkek, signs water-sharing memorandum");
  await page.waitForSelector("#doc-text");
  const layers = await page.evaluate(() => Object.fromEntries(["ent", "place", "quote", "amount", "evw", "eva", "evs"].map((c) => [c, document.querySelectorAll("#doc-text ." + c).length])));
  check(layers.ent > 0 && layers.quote > 0 && layers.amount > 0 && layers.evw > 0 && layers.eva > 0, `the article highlights entities, quotes, amounts, triggers and actors ${JSON.stringify(layers)}`);
  const cards = await page.$$("ol.cards li.card");
  check(cards.length > 3, `the article lists its events (${cards.length})`);
  for (const [i, card] of cards.entries()) {
    await card.click();
    const sel = await page.$$eval("#doc-text .sel", (els) => els.map((e) => e.textContent).join(""));
    const evidence = await card.evaluate((c) => c.dataset.event);
    if (!sel.length) throw new Error(`FAILED: event ${evidence} highlights no evidence`);
    if (i === 0) {
      const rule = await card.textContent();
      check(/dict\/verbs\.txt:\d+/.test(rule), "an event card names its rule (dictionary file and line)");
    }
  }
  check(true, "clicking each event highlights its evidence in the text");
  await cards[0].click();
  await shot("article");

  // The events table: a filter narrows it; the CSV link carries the filter.
  await page.keyboard.press("2");
  await page.waitForSelector("table.events tbody tr");
  const before = await page.$$eval("table.events tbody tr", (rs) => rs.length);
  await page.fill("input[name=actor]", "RUS");
  await page.click("form.filters button[type=submit]");
  await page.waitForFunction(() => location.hash.includes("actor=RUS"));
  await page.waitForSelector("table.events tbody tr");
  const rows = await page.$$eval("table.events tbody tr", (rs) => rs.map((r) => [r.cells[3].textContent, r.cells[4].textContent]));
  check(rows.length > 0 && rows.length < before && rows.every(([s, t]) => s.startsWith("RUS") || t.startsWith("RUS")), `the actor filter narrows the events (${rows.length} of ${before})`);
  check((await page.getAttribute("a[download]", "href")).includes("actor=RUS"), "the CSV download carries the filter");
  await shot("events");

  // An event's reports with their evidence.
  await page.click("table.events tbody tr a");
  await page.waitForSelector("blockquote.text .evw");
  check(true, "an event's page shows each report's evidence with its trigger");

  // Timeline, network and map draw.
  await page.goto(url + "#/timeline");
  await page.waitForSelector("svg.chart .day rect");
  check(true, `the timeline draws (${await page.$$eval("svg.chart .day", (g) => g.length)} days)`);
  await shot("timeline");
  await page.goto(url + "#/network");
  await page.waitForSelector("svg.network .node");
  const nodes = await page.$$eval("svg.network .node", (n) => n.length), edges = await page.$$eval("svg.network .edge", (n) => n.length);
  check(nodes > 2 && edges > 1, `the network draws (${nodes} actors, ${edges} edges)`);
  await shot("network");
  await page.goto(url + "#/map");
  await page.waitForSelector("svg.map");
  await page.waitForFunction(() => document.querySelector("svg.map").childElementCount > 5);
  const countries = await page.$$eval("svg.map .country", (n) => n.length), places = await page.$$eval("svg.map .place", (n) => n.length);
  check(places > 0, `the map places events (${places} places, ${countries} country outlines)`);
  if (process.env.DATELINE_EXPECT_BASEMAP) check(countries > 100, "the map draws the basemap's country outlines");
  await shot("map");

  // The keyboard: 1 for the news, j to a row, Enter to open it.
  await page.keyboard.press("1");
  await page.waitForSelector("table.news tbody tr");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#doc-text");
  check(true, "the keyboard opens a story (1, j, Enter)");

  check(problems.length === 0, "no script errors" + (problems.length ? ": " + problems.join("; ") : ""));
  check(outside.length === 0, "no request left 127.0.0.1" + (outside.length ? ": " + outside.join(", ") : ""));
} finally {
  await browser.close();
}
