// Explanations (one feature, and "why is A above B"), inline edits of an
// estimate, and the exports, each against the native tool.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { after as afterEvent, cli, downloaded, launch, loadSample, loadText, openPage, sample, screenshot, tableRows, tempFile } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

describe("explanations", () => {
  test("a clicked feature is explained term by term as `prio explain`", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await afterEvent(page, "explained", () => page.click("#rows tr[data-id=sso]"));
    const expected = JSON.parse(cli("explain", sample, "sso", "--format", "json"));
    assert.equal(await page.textContent("#explain-body .explain-id"), "sso");
    assert.equal(await page.textContent("#explain-body .formula"), expected.formula);
    assert.ok(Object.is(Number(await page.getAttribute("#explain-body .explain-score", "data-score")), expected.score));
    const terms = await page.$$eval("#terms tbody tr", (trs) => trs.map((tr) => ({
      name: tr.cells[0].textContent, attribute: tr.cells[1].textContent,
      raw: tr.cells[3].querySelector("input") ? Number(tr.cells[3].querySelector("input").value) : tr.cells[3].textContent,
      contribution: tr.cells[6].textContent,
    })));
    assert.deepStrictEqual(terms, expected.terms.map((t) => ({
      name: t.name, attribute: t.attribute, raw: t.raw, contribution: t.contribution === null ? "–" : String(t.contribution),
    })));
    assert.equal(await page.getAttribute("#rows tr[data-id=sso]", "aria-selected"), "true");
    await screenshot(page, "explanation");
    await page.context().close();
  });

  test("two selected features: why is A above B, as `prio explain A B`", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await afterEvent(page, "explained", () => page.click("#rows tr[data-id=sso]"));
    await afterEvent(page, "explained", () => page.click("#rows tr[data-id=dark-mode]", { modifiers: ["Shift"] }));
    const expected = JSON.parse(cli("explain", sample, "sso", "dark-mode", "--format", "json"));
    assert.equal(expected.a_first, false);
    assert.equal(await page.textContent("#explain-body .pair-title"), "Why is dark-mode above sso?");
    assert.equal(await page.textContent("#explain-body .pair-reason"), expected.reason);
    const diffs = await page.$$eval("#differences tbody tr", (trs) => trs.map((tr) => tr.cells[0].textContent));
    assert.deepStrictEqual(diffs, expected.differences.map((d) => d.name));
    assert.ok(await page.$("#rows tr[data-id=dark-mode].second"));
    await page.context().close();
  });
});

describe("inline edits", () => {
  test("editing an estimate re-ranks, highlights the moved rows, and matches the tool on the edited file", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    const before = await tableRows(page);
    const oldRank = before.find((r) => r.id === "churn-survey").rank;
    assert.ok(oldRank > 1);
    await afterEvent(page, "explained", () => page.click("#rows tr[data-id=churn-survey]"));
    await afterEvent(page, "edited", async () => {
      await page.fill("input.estimate[data-attribute=reach]", "100000");
      await page.press("input.estimate[data-attribute=reach]", "Enter");
    });
    const rows = await tableRows(page);
    assert.equal(rows[0].id, "churn-survey");
    assert.ok(await page.$("#rows tr[data-id=churn-survey].moved"), "the edited row is highlighted");
    assert.match(await page.textContent("#rows tr[data-id=churn-survey] td:first-child"), new RegExp(`▲${oldRank - 1}`));
    // Exactly the rows whose rank changed are highlighted.
    const oldRanks = new Map(before.map((r) => [r.id, r.rank]));
    const moved = await page.$$eval("#rows tr.moved", (trs) => trs.map((t) => t.dataset.id));
    assert.deepStrictEqual(moved, rows.filter((r) => oldRanks.get(r.id) !== r.rank).map((r) => r.id));
    assert.ok(moved.length >= 2);
    // The same edit in the file, ranked by the tool.
    const edited = readFileSync(sample, "utf8").replace(/^churn-survey,(.*?),Should,,900,/m, "churn-survey,$1,Should,,100000,");
    assert.notEqual(edited, readFileSync(sample, "utf8"));
    assert.deepStrictEqual(rows, JSON.parse(cli("rank", tempFile("edited.csv", edited), "--format", "json")).ranking);
    await screenshot(page, "edited");
    await page.context().close();
  });
});

describe("exports", () => {
  test("CSV equals `prio rank --format csv`, JSON its --format json, Markdown escapes", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    const csv = await downloaded(page, "#export-csv");
    assert.equal(csv.name, "ranking.csv");
    assert.equal(csv.text, cli("rank", sample, "--format", "csv"));
    const json = await downloaded(page, "#export-json");
    assert.deepStrictEqual(JSON.parse(json.text), JSON.parse(cli("rank", sample, "--format", "json")));
    const md = await downloaded(page, "#export-md");
    const lines = md.text.trimEnd().split("\n");
    assert.equal(lines.length, 2 + (await tableRows(page)).length);
    assert.match(lines[2], /^\| 1 \| 2fa \| Two\\-factor authentication \| 2500 \| must \|  \|$/);

    // A spreadsheet formula and Markdown syntax in titles, with wsjf and inherited.
    const text = "id,title,business_value,time_criticality,risk_reduction,job_size,depends_on\n" +
      "a,=HYPERLINK(\"http://x\"),5,3,1,2,\nb,a | b *c* <i>,8,1,1,3,a\nc,-1+2,1,1,1,1,b\n";
    await loadText(page, "formula.csv", text);
    await page.selectOption("#by", "wsjf");
    await page.selectOption("#order", "inherited");
    await page.waitForFunction(() => document.documentElement.dataset.pending === "0" && document.querySelector("#ranking-meta").textContent.includes("wsjf, order inherited"));
    const csv2 = await downloaded(page, "#export-csv");
    assert.equal(csv2.text, cli("rank", tempFile("formula.csv", text), "--by", "wsjf", "--order", "inherited", "--format", "csv"));
    assert.match(csv2.text, /'=HYPERLINK/);
    const md2 = await downloaded(page, "#export-md");
    assert.match(md2.text, /a \\\| b \\\*c\\\* \\<i\\>/);
    await page.context().close();
  });
});
