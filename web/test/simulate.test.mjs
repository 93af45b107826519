// Monte Carlo in a Web Worker (results, progress, cancel, a responsive page),
// the sensitivity tornado, the dependency graph and the sprint plan / roadmap.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { after as afterEvent, artifact, cli, downloaded, launch, loadSample, openPage, sample } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

// How late timers fire on the page during `ms` (the main thread's freedom).
function lateness(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    let worst = 0, last = performance.now(), ticks = 0;
    const id = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 20);
      last = now;
      ticks++;
    }, 20);
    setTimeout(() => {
      clearInterval(id);
      resolve({ worst, ticks });
    }, ms);
  }), ms);
}

describe("Monte Carlo", () => {
  test("a simulation runs in a worker and equals `prio simulate` for the same seed", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await page.fill("#draws", "3000");
    await page.fill("#seed", "7");
    await page.fill("#topk", "5");
    await page.selectOption("#distribution", "pert");
    const d = await afterEvent(page, "simulated", () => page.click("#simulate"));
    assert.equal(d.ok, true);
    const sim = await page.evaluate(() => window.prioLastSimulation);
    const expected = JSON.parse(cli("simulate", sample, "--by", "rice", "--draws", "3000", "--seed", "7", "--top", "5", "--distribution", "pert", "--format", "json"));
    assert.deepStrictEqual(sim, expected);
    const bars = await page.$$eval("#sim-chart .sim-row", (g) => g.map((x) => x.dataset.id));
    assert.deepStrictEqual(bars, expected.features.slice().sort((a, b) => a.rank - b.rank).slice(0, 20).map((f) => f.id));
    assert.match(await page.textContent("#sim-status"), /3,000 draws \(seed 7, pert\)/);
    await page.locator("#simulation").screenshot({ path: artifact("simulation") });
    assert.deepStrictEqual(page.problems, []);
    await page.context().close();
  });

  test("a long simulation shows progress, keeps the page responsive, and can be cancelled", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await page.fill("#draws", "1000000");
    await page.click("#simulate");
    await page.waitForSelector("#sim-progress:not([hidden])");
    assert.equal(await page.isEnabled("#cancel"), true);
    const { worst, ticks } = await lateness(page, 800);
    console.log(`# during a simulation: ${ticks} timer ticks in 800 ms, worst delay ${worst.toFixed(1)} ms`);
    assert.ok(worst < 500, `the main thread was blocked for ${worst} ms`);
    // Progress: the bar fills as the worker reports blocks of draws.
    await page.waitForFunction(() => document.getElementById("sim-progress").value > 0);
    const [value, max] = await page.$eval("#sim-progress", (p) => [p.value, p.max]);
    assert.equal(max, 1_000_000);
    assert.ok(value > 0 && value < max, `${value} of ${max}`);
    assert.match(await page.textContent("#sim-status"), /Running 1,000,000 draws in a worker… \d+% \([\d,]+ done\) \d+\.\d s/);
    await page.locator("#simulation").screenshot({ path: artifact("simulation-running") });
    // The table still answers clicks while the worker computes.
    await afterEvent(page, "explained", () => page.click("#rows tr[data-id=sso]"));
    const d = await afterEvent(page, "simulated", () => page.click("#cancel"));
    assert.equal(d.cancelled, true);
    assert.equal(await page.textContent("#sim-status"), "Simulation cancelled.");
    assert.equal(await page.isHidden("#sim-progress"), true);
    assert.equal(await page.$$eval("#sim-chart svg", (s) => s.length), 0);
    // A new run after a cancel works (a fresh worker).
    await page.fill("#draws", "500");
    const again = await afterEvent(page, "simulated", () => page.click("#simulate"));
    assert.equal(again.ok, true);
    assert.ok(await page.$("#sim-chart svg"));
    await page.context().close();
  });
});

describe("sensitivity, graph, plan", () => {
  test("the tornado shows `prio sensitivity` for the weights on the page", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await page.selectOption("#by", "weighted");
    await page.click("#run-sensitivity");
    await page.waitForSelector("#sens-chart .tornado-row");
    const expected = JSON.parse(cli("sensitivity", sample, "--weights", "effort=-0.3,retention=0.6,revenue=0.4", "--format", "json"));
    const rows = await page.$$eval("#sens-chart .tornado-row", (g) => g.map((x) => x.dataset.criterion));
    assert.deepStrictEqual(rows.slice().sort(), expected.weights.map((w) => w.criterion).sort());
    assert.equal(await page.textContent("#sens-status"), `top feature: ${expected.first}`);
    await page.locator("#sensitivity").screenshot({ path: artifact("tornado") });
    await page.context().close();
  });

  test("the dependency graph has a node per feature and an edge per dependency", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await page.click("#draw-graph");
    await page.waitForSelector("#graph-chart .graph-node");
    const nodes = await page.$$eval("#graph-chart .graph-node", (g) => g.map((x) => x.dataset.id));
    const edges = await page.$$eval("#graph-chart .edge", (p) => p.map((x) => `${x.dataset.from}->${x.dataset.to}`));
    const backlog = JSON.parse(cli("convert", sample, "--to", "json"));
    assert.deepStrictEqual(nodes.sort(), backlog.features.map((f) => f.id).sort());
    const expected = backlog.features.flatMap((f) => (f.depends_on ?? []).map((d) => `${d}->${f.id}`));
    assert.deepStrictEqual(edges.sort(), expected.sort());
    await page.locator("#graph").screenshot({ path: artifact("graph") });
    await page.context().close();
  });

  test("the sprint plan equals `prio plan`, and the roadmap exports as SVG", async () => {
    const page = await openPage(browser);
    await loadSample(page);
    await page.fill("#capacity", "8");
    await page.fill("#sprints", "3");
    await page.click("#run-plan");
    await page.waitForSelector("#plan-chart .sprint");
    const expected = JSON.parse(cli("plan", sample, "--capacity", "8", "--sprints", "3", "--format", "json"));
    const lanes = await page.$$eval("#plan-chart .sprint", (g) => g.map((s) => [...s.querySelectorAll(".roadmap-item")].map((i) => i.dataset.id)));
    assert.deepStrictEqual(lanes, expected.sprints.map((s) => s.features));
    const svg = await downloaded(page, "#export-roadmap");
    assert.equal(svg.name, "roadmap.svg");
    assert.match(svg.text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const id of expected.sprints.flatMap((s) => s.features)) assert.ok(svg.text.includes(`data-id="${id}"`), id);
    await page.locator("#plan").screenshot({ path: artifact("roadmap") });
    await page.context().close();
  });
});
