// Every result through WebAssembly equals the native `prio` tool's JSON on the
// same file, bit for bit (assert.deepStrictEqual compares numbers with
// Object.is): rank for every strategy and order, explain, validate, ready,
// simulate (same seed, every distribution), compare, sensitivity, plan, release.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../index.js";
import { execFileSync } from "node:child_process";
import { cliJson, cliPath, exampleCsv, repoRoot } from "./helpers.js";

const prio = await load();
const backlog = prio.Backlog.fromCsv(exampleCsv, { fileName: "examples/backlog.csv" });
const file = "examples/backlog.csv";

const strategies = [
  { by: "rice" },
  { by: "ice-average" },
  { by: "wsjf" },
  { by: "moscow:rice" },
  { by: "moscow:wsjf" },
  { by: "weighted", weights: "retention=0.5,revenue=0.3,effort=-0.2" },
  { by: "weighted:z_score", weights: "retention=0.6,effort=-0.4" },
  { by: "weighted:rank", weights: "retention=0.6,effort=-0.4" },
  { by: "weighted:vector", weights: "retention=0.5,revenue=0.5" },
];
const cliArgs = (o) => Object.entries(o).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`, String(v)]);

test("the example backlog reads like the tool reads it", () => {
  assert.equal(backlog.size, 34);
  assert.deepEqual(backlog.ids().slice(0, 3), ["sso", "audit-log", "scim"]);
  assert.ok(backlog.attributes().includes("reach"));
  const reach = backlog.column("reach");
  assert.ok(reach instanceof Float64Array && reach[0] === 1200);
});

for (const strategy of strategies) {
  for (const order of prio.orders) {
    const label = `${strategy.by}${strategy.weights ? " " + strategy.weights : ""}`;
    test(`rank --by ${label} --order ${order} equals the CLI`, (t) => {
      let want;
      try {
        want = cliJson(["rank", file, ...cliArgs({ ...strategy, order })]);
      } catch (e) {
        // The tool refuses this combination: prio.rank must refuse it too.
        assert.throws(() => prio.rank(backlog, { ...strategy, order }), prio.PrioError);
        t.diagnostic(`both refuse: ${String(e.stderr ?? e.message).trim().split("\n")[0]}`);
        return;
      }
      const got = prio.rankReport(backlog, { ...strategy, order });
      assert.deepStrictEqual(got, want);
      assert.deepStrictEqual(prio.rank(backlog, { ...strategy, order }), want.ranking);
    });
  }
}

test("rank rows have rank, id, title and score", () => {
  const rows = prio.rank(backlog, { by: "rice", order: "greedy" });
  assert.equal(rows.length, backlog.size);
  rows.forEach((r, i) => {
    assert.equal(r.rank, i + 1);
    assert.equal(typeof r.id, "string");
    assert.equal(typeof r.title, "string");
    assert.equal(typeof r.score, "number");
  });
  assert.deepStrictEqual(prio.rank(backlog, "rice"), prio.rank(backlog, { by: "rice" }));
});

test("rank with top and done equals the CLI", () => {
  assert.deepStrictEqual(prio.rankReport(backlog, { by: "wsjf", top: 5, done: ["sso", "api-v2"] }),
    cliJson(["rank", file, "--by", "wsjf", "--top", "5", "--done", "sso,api-v2"]));
});

test("rankCsv equals `prio rank --format csv`, formula-like titles guarded", () => {
  for (const args of [{ by: "rice" }, { by: "wsjf", order: "inherited", top: 7 }, { by: "moscow:rice", done: "sso,api-v2" }]) {
    const cliOpts = { ...args, done: undefined };
    const extra = args.done ? ["--done", args.done] : [];
    const want = execFileSync(cliPath, ["rank", file, ...cliArgs(Object.fromEntries(Object.entries(cliOpts).filter(([, v]) => v !== undefined))), ...extra, "--format", "csv"], { cwd: repoRoot, encoding: "utf8" });
    assert.equal(prio.rankCsv(backlog, args), want);
  }
  const tricky = prio.Backlog.fromCsv('id,title,reach,impact,confidence,effort,depends_on\n=a,"=SUM(1,2)",1,1,1,1,\nb,"say ""hi""",2,1,1,1,=a\n');
  try {
    assert.equal(prio.rankCsv(tricky, { by: "rice", order: "none" }), `rank,id,title,score,moscow,blocked_by\n1,b,"say ""hi""",2,,'=a\n2,'=a,"'=SUM(1,2)",1,,\n`);
  } finally {
    tricky.dispose();
  }
});

test("score gives the strategy's values in backlog order", () => {
  const s = prio.score(backlog, "rice");
  assert.equal(s.strategy, "rice");
  assert.equal(s.values.length, backlog.size);
  const none = prio.rank(backlog, { by: "rice", order: "none" });
  for (const row of none) assert.ok(Object.is(s.values[backlog.ids().indexOf(row.id)], row.score));
});

test("explain one feature and a pair equal the CLI", () => {
  assert.deepStrictEqual(prio.explain(backlog, "sso"), cliJson(["explain", file, "sso"]));
  assert.deepStrictEqual(prio.explain(backlog, "sso", "dark-mode", { by: "wsjf" }),
    cliJson(["explain", file, "sso", "dark-mode", "--by", "wsjf"]));
  assert.deepStrictEqual(prio.explain(backlog, "scim", "audit-log", { by: "rice" }),
    cliJson(["explain", file, "scim", "audit-log", "--by", "rice"]));
});

test("validate and ready equal the CLI", () => {
  assert.deepStrictEqual(prio.validate(backlog, { by: "wsjf", strict: true }), cliJson(["validate", file, "--by", "wsjf", "--strict"]));
  assert.deepStrictEqual(prio.ready(backlog, { done: "sso,api-v2" }), cliJson(["ready", file, "--done", "sso,api-v2"]));
});

for (const distribution of ["triangular", "uniform", "pert", "lognormal"]) {
  for (const [seed, order] of [[7, "none"], [12345, "greedy"]]) {
    test(`simulate ${distribution} seed ${seed} order ${order} equals the CLI bit for bit`, () => {
      const options = { by: "rice", draws: 400, seed, top: 5, distribution, order };
      const want = cliJson(["simulate", file, ...cliArgs(options)]);
      const got = prio.simulate(backlog, options);
      assert.deepStrictEqual(got, want);
      assert.deepStrictEqual(prio.simulate(backlog, options), got);  // same seed, same numbers
    });
  }
}

test("simulate with another seed gives other numbers", () => {
  const a = prio.simulate(backlog, { draws: 300, seed: 1, distribution: "lognormal" });
  const b = prio.simulate(backlog, { draws: 300, seed: 2, distribution: "lognormal" });
  assert.notDeepStrictEqual(a.features, b.features);
});

test("compare and sensitivity equal the CLI", () => {
  assert.deepStrictEqual(prio.compare(backlog, { by: "rice,moscow:wsjf", order: "greedy", movers: 3 }),
    cliJson(["compare", file, "--by", "rice,moscow:wsjf", "--order", "greedy", "--movers", "3"]));
  assert.deepStrictEqual(prio.compare(backlog, { by: ["rice", "wsjf"], top: 5, rboP: 0.8 }),
    cliJson(["compare", file, "--by", "rice,wsjf", "--top", "5", "--rbo-p", "0.8"]));
  assert.deepStrictEqual(prio.sensitivity(backlog, { weights: "retention=0.6,effort=-0.4", normalization: "rank", top: 5 }),
    cliJson(["sensitivity", file, "--weights", "retention=0.6,effort=-0.4", "--normalization", "rank", "--top", "5"]));
});

test("plan equals the CLI", () => {
  assert.deepStrictEqual(prio.plan(backlog, { capacity: 10 }), cliJson(["plan", file, "--capacity", "10"]));
  assert.deepStrictEqual(prio.plan(backlog, { capacity: [8, 12], sprints: 3, by: "wsjf", separateSprints: true }),
    cliJson(["plan", file, "--capacity", "8,12", "--sprints", "3", "--by", "wsjf", "--separate-sprints"]));
});

test("release equals the CLI", () => {
  assert.deepStrictEqual(prio.release(backlog, { budget: 20 }), cliJson(["release", file, "--budget", "20"]));
  assert.deepStrictEqual(prio.release(backlog, { budget: 12, by: "wsjf" }), cliJson(["release", file, "--budget", "12", "--by", "wsjf"]));
});

test("fromJson and fromRows read what toJson writes", () => {
  const json = backlog.toJson();
  const again = prio.Backlog.fromJson(json);
  assert.deepStrictEqual(prio.rank(again, "rice"), prio.rank(backlog, "rice"));
  const parsed = JSON.parse(json);
  const rows = prio.Backlog.fromRows(parsed.features);
  assert.deepStrictEqual(prio.rank(rows, "wsjf"), prio.rank(backlog, "wsjf"));
  const obj = prio.Backlog.fromJson(parsed);
  assert.deepStrictEqual(prio.rank(obj, "rice"), prio.rank(backlog, "rice"));
  for (const b of [again, rows, obj]) b.dispose();
});

test("CSV text given as a string reads as the same UTF-8 bytes, non-ASCII text included", () => {
  const csv = "id,title,reach,impact,confidence,effort\n" +
    "a,Café crème,10,1,1,1\nb,日本語のタイトル,20,1,1,2\nc,emoji 🚀 and ñ,30,1,1,3\nd,\"quoted, ü\",5,1,1,1\n";
  const bytes = new TextEncoder().encode(csv);
  const fromText = prio.Backlog.fromCsv(csv);
  const fromBytes = prio.Backlog.fromCsv(bytes);
  try {
    assert.equal(fromText.toJson(), fromBytes.toJson());
    const rows = prio.rank(fromText, { by: "rice" });
    assert.deepEqual(rows.map((r) => r.title).sort(), ["Café crème", "emoji 🚀 and ñ", "quoted, ü", "日本語のタイトル"].sort());
  } finally {
    fromText.dispose();
    fromBytes.dispose();
  }
});
