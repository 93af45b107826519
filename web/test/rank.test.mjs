// Loading a backlog, the ranking table against `prio rank --format json`,
// strategy and order switches, diagnostics of broken files, text from the
// file kept as text, keyboard navigation, themes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  after as afterEvent, cli, cliStatus, launch, loadSample, loadText, openPage, sample, screenshot, tableRows, tempFile,
} from "./helpers.mjs";
import { readFileSync } from "node:fs";

// In the order of the page's weight fields (the file's column order).
const WEIGHTS = "effort=-0.3,retention=0.6,revenue=0.4";
let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

function cliRows(file, ...args) {
  return JSON.parse(cli("rank", file, "--format", "json", ...args)).ranking;
}

// Scores compared with Object.is through deepStrictEqual: numbers identical.
describe("ranking", () => {
  test("the sample backlog ranks as `prio rank --format json` (rice, greedy)", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    const rows = await tableRows(page);
    const expected = cliRows(sample);
    assert.equal(rows.length, expected.length);
    assert.ok(rows.length >= 30);
    assert.deepStrictEqual(rows, expected);
    assert.match(await page.textContent("#ranking-meta"), /rice, order greedy/);
    await screenshot(page, "table", { fullPage: false });
    assert.deepStrictEqual(page.problems, []);
    await page.context().close();
  });

  test("switching strategy and order re-ranks as the tool does", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    const cases = [
      { by: "wsjf", order: "none", args: ["--by", "wsjf", "--order", "none"] },
      { by: "rice", order: "inherited", args: ["--by", "rice", "--order", "inherited"] },
      { by: "moscow", secondary: "wsjf", order: "greedy", args: ["--by", "moscow:wsjf", "--order", "greedy"] },
      { by: "moscow", secondary: "rice", order: "value-density", args: ["--by", "moscow:rice", "--order", "value-density"] },
      { by: "weighted", order: "none", args: ["--by", "weighted:min_max", "--weights", WEIGHTS, "--order", "none"] },
      { by: "weighted", normalization: "z_score", order: "greedy", args: ["--by", "weighted:z_score", "--weights", WEIGHTS] },
    ];
    for (const c of cases) {
      await waitRanked(page, async () => {
        await page.selectOption("#by", c.by);
        if (c.secondary) await page.selectOption("#secondary", c.secondary);
        if (c.normalization) await page.selectOption("#normalization", c.normalization);
        await page.selectOption("#order", c.order);
      });
      assert.deepStrictEqual(await tableRows(page), cliRows(sample, ...c.args), JSON.stringify(c));
    }
    // An edited weight re-ranks too.
    await waitRanked(page, () => page.fill("#weights input[data-attribute=effort]", "-2").then(() => page.dispatchEvent("#weights input[data-attribute=effort]", "change")));
    assert.deepStrictEqual(await tableRows(page), cliRows(sample, "--by", "weighted:z_score", "--weights", "effort=-2,retention=0.6,revenue=0.4"));
    assert.deepStrictEqual(page.problems, []);
    await page.context().close();
  });

  test("a strategy the file cannot feed lists the tool's diagnostics", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await page.selectOption("#by", "ice"); // the sample has no 'ease' column
    await page.waitForSelector("#diagnostics:not([hidden]) li");
    const items = await page.$$eval("#diagnostics-list li", (li) => li.map((l) => l.textContent));
    const r = cliStatus("rank", sample, "--by", "ice");
    assert.notEqual(r.status, 0);
    assert.ok(items.some((t) => t.includes("'ease'")), items.join("\n"));
    assert.ok(r.stderr.includes("'ease'"));
    assert.equal(await page.$$eval("#rows tr", (t) => t.length), 0);
    await page.context().close();
  });
});

// Let every listener run, then wait for the last ranking.
async function waitRanked(page, action) {
  const before = Number(await page.evaluate(() => document.documentElement.dataset.ranked ?? 0));
  await action();
  await page.waitForFunction((b) => Number(document.documentElement.dataset.ranked ?? 0) > b, before);
  // A burst of changes starts several rankings; wait until none is in flight.
  await page.waitForFunction(() => document.documentElement.dataset.pending === "0");
}

describe("loading", () => {
  test("a file dropped on the page loads and ranks as the tool ranks it", async () => {
    const page = await openPage(browser);
    const text = readFileSync(sample, "utf8").split("\n").slice(0, 12).join("\n") + "\n";
    const d = await afterEvent(page, "loaded", () => page.evaluate((csv) => {
      const data = new DataTransfer();
      data.items.add(new File([csv], "dropped.csv", { type: "text/csv" }));
      document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text));
    assert.equal(d.ok, true);
    assert.match(await page.textContent("#source-name"), /^dropped\.csv/);
    assert.deepStrictEqual(await tableRows(page), cliRows(tempFile("dropped.csv", text)));
    await page.context().close();
  });

  test("a JSON backlog (prio's format) loads as the tool reads it", async () => {
    const page = await openPage(browser);
    const json = cli("convert", sample, "--to", "json");
    await page.setInputFiles("#file", { name: "backlog.json", mimeType: "application/json", buffer: Buffer.from(json) });
    await page.waitForFunction(() => document.documentElement.dataset.ranked === "1");
    assert.deepStrictEqual(await tableRows(page), cliRows(tempFile("backlog.json", json), "--by", "rice"));
    await page.context().close();
  });
});

describe("bad files", () => {
  const broken = [
    "id,title,reach,impact,confidence,effort",
    "a,Alpha,100,1,80%,2",
    "b,Beta,lots,1,80%,2",
    "c,Gamma,300,1,80%,0",
    "d,Delta,400,1,80%,two",
    "a,Alpha again,5,1,80%,1",
  ].join("\n") + "\n";

  test("every diagnostic of a broken file is listed with its line and column, as `prio validate`", async () => {
    const page = await openPage(browser);
    const d = await loadText(page, "broken.csv", broken);
    assert.equal(d.ok, false);
    const items = await page.$$eval("#diagnostics-list li", (li) => li.map((l) => ({ text: l.textContent, line: Number(l.dataset.line), column: Number(l.dataset.column) })));
    const file = tempFile("broken.csv", broken);
    const r = cliStatus("validate", file);
    assert.notEqual(r.status, 0);
    // The tool's lines, file:line:column: severity: message, with the same file name.
    const expected = r.stderr.trimEnd().split("\n").map((l) => l.replace(file, "broken.csv"));
    assert.ok(expected.length >= 3, r.stderr);
    assert.deepStrictEqual(items.map((i) => i.text), expected);
    for (const i of items) assert.match(i.text, /^broken\.csv:\d+:\d+: (error|warning): /);
    assert.ok(items.some((i) => i.line === 3), "the bad reach on line 3");
    assert.ok(items.some((i) => i.line === 5), "the bad effort on line 5");
    await screenshot(page, "diagnostics");
    await page.context().close();
  });

  test("malformed JSON names its line and column", async () => {
    const page = await openPage(browser);
    const text = '{"features": [\n  {"id": "a", "reach": 1},\n  {"id": "b", "reach": }\n]}\n';
    await loadText(page, "bad.json", text);
    const items = await page.$$eval("#diagnostics-list li", (li) => li.map((l) => ({ text: l.textContent, line: Number(l.dataset.line) })));
    const r = cliStatus("validate", tempFile("bad.json", text));
    assert.notEqual(r.status, 0);
    assert.equal(items.length, 1);
    assert.equal(items[0].line, 3);
    assert.match(r.stderr, /bad\.json:3:/);
    await page.context().close();
  });
});

describe("text from the file is data", () => {
  test("a title made of markup appears as text and creates no element", async () => {
    const page = await openPage(browser);
    const title = "<img src=x onerror=alert(1)>";
    const csv = `id,title,reach,impact,confidence,effort,depends_on\nx1,"${title}",100,1,100%,1,\n"<b>x2</b>",<script>alert(2)</script>,50,1,100%,1,x1\n`;
    await loadText(page, "markup.csv", csv);
    const rows = await tableRows(page);
    assert.deepStrictEqual(rows.map((r) => r.title), [title, "<script>alert(2)</script>"]);
    assert.equal(rows[1].id, "<b>x2</b>");
    assert.deepStrictEqual(rows[1].blocked_by, ["x1"]);
    assert.equal(await page.$$eval("img, b, main script", (e) => e.length), 0);
    // Explanation, graph and exports keep it as text as well.
    await page.click("#rows tr:first-child");
    await page.waitForSelector("#explain-body h3");
    assert.equal(await page.textContent("#explain-body h3"), `x1 — ${title}`);
    await page.click("#draw-graph");
    await page.waitForSelector("#graph-chart svg .graph-node");
    assert.deepStrictEqual(await page.$$eval("#graph-chart .graph-node title", (t) => t.map((x) => x.textContent)), [`x1: ${title}`, "<b>x2</b>: <script>alert(2)</script>"]);
    assert.equal(await page.$$eval("img, b, main script, svg script", (e) => e.length), 0);
    await page.waitForTimeout(200);
    assert.deepStrictEqual(page.problems, []);
    await page.context().close();
  });
});

describe("keyboard and themes", () => {
  test("arrow keys move between rows, Enter explains, Space selects the second", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    const ids = (await tableRows(page)).map((r) => r.id);
    await page.focus("#rows tr:first-child");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), ids[2]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#explain-body .explain-id");
    assert.equal(await page.textContent("#explain-body .explain-id"), ids[1]);
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), ids.at(-1));
    await page.keyboard.press(" ");
    await page.waitForSelector("#explain-body .pair-title");
    assert.match(await page.textContent("#explain-body .pair-title"), new RegExp(`Why is ${ids[1]} above ${ids.at(-1)}\\?`));
    // The focused row has a visible outline.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, "solid");
    // Every form control has a label.
    const unlabelled = await page.$$eval("input, select", (els) => els.filter((e) => !(e.labels?.length || e.getAttribute("aria-label"))).map((e) => e.id));
    assert.deepStrictEqual(unlabelled, []);
    await page.context().close();
  });

  test("the dark theme follows prefers-color-scheme", async () => {
    const page = await openPage(browser, { colorScheme: "dark" });
    await loadSample(page);
    const [bg, fg] = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    assert.equal(bg, "rgb(21, 23, 26)");
    assert.equal(fg, "rgb(232, 234, 237)");
    await page.click("#rows tr:nth-child(2)");
    await page.waitForSelector("#explain-body .explain-id");
    await screenshot(page, "dark-theme");
    await page.context().close();
  });
});

// The file the sample button loads is the repository's example.
test("the sample is examples/backlog.csv", () => {
  assert.ok(readFileSync(sample, "utf8").startsWith("id,title,moscow,depends_on"));
});
