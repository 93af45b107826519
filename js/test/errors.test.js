// Bad input throws a PrioError (with code, feature, field, line, column) or a
// TypeError, never an Emscripten abort, and leaves the module working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { load, PrioError } from "../index.js";
import { exampleCsv, repoRoot } from "./helpers.js";

const prio = await load();
const bad = (name) => readFileSync(path.join(repoRoot, "tests", "data", "bad", name), "utf8");

function throwsPrio(fn, expected) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof PrioError, `expected a PrioError, got ${caught}`);
  assert.ok(caught instanceof Error);
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(caught[k], v, `${k} of ${caught.message}`);
  return caught;
}

test("an unterminated quote is a parse_error located by line and column", () => {
  const e = throwsPrio(() => prio.Backlog.fromCsv(bad("unterminated_quote.csv"), { fileName: "q.csv" }), { code: "parse_error", status: 401, file: "q.csv" });
  assert.ok(e.line > 0 && e.column > 0, e.message);
  assert.match(e.message, /^q\.csv:\d+:\d+: /);
});

test("a non-numeric cell names feature, field, line and column", () => {
  const e = throwsPrio(() => prio.Backlog.fromCsv(bad("non_numeric.csv")), {});
  assert.notEqual(e.feature, "");
  assert.notEqual(e.field, "");
  assert.ok(e.line > 1 && e.column > 0);
});

test("many problems are all listed in diagnostics", () => {
  const e = throwsPrio(() => prio.Backlog.fromCsv(bad("many_problems.csv")), {});
  assert.ok(e.diagnostics.length > 1, JSON.stringify(e.diagnostics));
  for (const d of e.diagnostics) assert.equal(typeof d.message, "string");
});

test("malformed JSON is a parse_error with line and column", () => {
  const e = throwsPrio(() => prio.Backlog.fromJson('{"features": [{"id": "a", "reach": 1,}]}'), { code: "parse_error" });
  assert.ok(e.line >= 1 && e.column > 1, e.message);
  throwsPrio(() => prio.Backlog.fromJson(bad("wrong_shape.json")), {});
  throwsPrio(() => prio.Backlog.fromJson(""), {});
});

test("duplicate ids and cycles are reported by code", () => {
  throwsPrio(() => prio.Backlog.fromCsv(bad("duplicate_ids.csv")), { code: "duplicate_id" });
  const cyc = prio.Backlog.fromCsv(bad("cycle.csv"));
  try {
    throwsPrio(() => prio.rank(cyc, { order: "greedy" }), { code: "cycle" });
  } finally {
    cyc.dispose();
  }
});

test("wrong argument types are TypeErrors", () => {
  const b = prio.Backlog.fromCsv(exampleCsv);
  try {
    assert.throws(() => prio.Backlog.fromCsv(42), TypeError);
    assert.throws(() => prio.Backlog.fromCsv(null), TypeError);
    assert.throws(() => prio.Backlog.fromRows("a,b"), TypeError);
    assert.throws(() => prio.Backlog.fromRows([1, 2]), TypeError);
    assert.throws(() => prio.rank("backlog"), TypeError);
    assert.throws(() => prio.rank({}), TypeError);
    assert.throws(() => prio.rank(b, 42), TypeError);
    assert.throws(() => prio.rank(b, [1]), TypeError);
    assert.throws(() => prio.explain(b, 7), TypeError);
    assert.throws(() => prio.explain(b, "sso", 7), TypeError);
    assert.throws(() => prio.simulate(b, "rice"), TypeError);
    assert.throws(() => prio.rank(b, { by: () => "rice" }), TypeError);
    assert.throws(() => b.column(3), TypeError);
    assert.throws(() => new prio.Backlog(), TypeError);
  } finally {
    b.dispose();
  }
});

test("bad option values are PrioErrors naming the option", () => {
  const b = prio.Backlog.fromCsv(exampleCsv);
  try {
    throwsPrio(() => prio.rank(b, { by: 3 }), { code: "invalid_argument" });
    throwsPrio(() => prio.rank(b, { by: "nope" }), {});
    throwsPrio(() => prio.rank(b, { order: "sideways" }), {});
    throwsPrio(() => prio.rank(b, { bogus: 1 }), { code: "invalid_argument" });
    throwsPrio(() => prio.simulate(b, { draws: 0 }), { code: "invalid_argument" });
    throwsPrio(() => prio.simulate(b, { draws: "many" }), { code: "invalid_argument" });
    throwsPrio(() => prio.simulate(b, { distribution: "normal" }), {});
    throwsPrio(() => prio.explain(b, "nope"), { code: "unknown_feature" });
    throwsPrio(() => prio.ready(b, { done: ["nope"] }), { code: "unknown_feature" });
  } finally {
    b.dispose();
  }
});

test("missing required options are PrioErrors", () => {
  const b = prio.Backlog.fromCsv(exampleCsv);
  try {
    throwsPrio(() => prio.plan(b), {});
    throwsPrio(() => prio.plan(b, {}), {});
    throwsPrio(() => prio.release(b, {}), {});
    throwsPrio(() => prio.sensitivity(b), {});
    throwsPrio(() => prio.rank(b, { by: "weighted" }), {});
  } finally {
    b.dispose();
  }
});

test("use after dispose is a PrioError, dispose is idempotent", () => {
  const b = prio.Backlog.fromCsv(exampleCsv);
  b.dispose();
  b.dispose();
  assert.equal(b.disposed, true);
  throwsPrio(() => prio.rank(b, "rice"), { code: "invalid_argument" });
  throwsPrio(() => prio.simulate(b, { draws: 10 }), { code: "invalid_argument" });
  throwsPrio(() => b.size, { code: "invalid_argument" });
  throwsPrio(() => b.ids(), { code: "invalid_argument" });
});

test("after a thousand errors the module still gives the same ranking", () => {
  const b = prio.Backlog.fromCsv(exampleCsv);
  const before = prio.rank(b, "rice");
  for (let i = 0; i < 1000; ++i) {
    assert.throws(() => prio.Backlog.fromCsv(bad("unterminated_quote.csv")), PrioError);
    assert.throws(() => prio.rank(b, { by: "nope" }), PrioError);
  }
  assert.deepStrictEqual(prio.rank(b, "rice"), before);
  b.dispose();
});

test("text from the file stays data: a title with JSON and markup round-trips", () => {
  const title = '"}]}, <script>alert(1)</script> =SUM(A1)';
  const b = prio.Backlog.fromRows([{ id: "x", title, reach: 1, impact: 1, confidence: 1, effort: 1 }]);
  assert.equal(prio.rank(b, "rice")[0].title, title);
  b.dispose();
});
