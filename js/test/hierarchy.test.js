// The parent hierarchy (the `parent` column of prio's CSV, "parent" in its
// JSON): parents(), parent(i), rows() and fromRows({parent}) give the ids the
// native `prio convert` writes, the writers round-trip exactly, and a broken
// hierarchy is the library's error with the CLI's message and position.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { load, PrioError } from "../index.js";
import { cliPath, repoRoot } from "./helpers.js";

const prio = await load();
const file = "tests/cli/data/hierarchy.csv";
const text = readFileSync(path.join(repoRoot, file), "utf8");
const golden = (name) => readFileSync(path.join(repoRoot, "tests", "cli", "golden", name), "utf8");
const convert = (f) => execFileSync(cliPath, ["convert", f, "--to", "json"], { cwd: repoRoot, encoding: "utf8" });

test("parents() are the parent ids of `prio convert --to json`", () => {
  const b = prio.Backlog.fromCsv(text, { fileName: file });
  try {
    const cli = JSON.parse(convert(file)).features;
    assert.deepEqual(b.parents(), cli.map((f) => f.parent));
    // Known answer: checkout <- cards <- receipts, checkout <- wallets, search alone.
    assert.deepEqual(b.parents(), [null, "checkout", "checkout", "cards", null]);
    assert.deepEqual(b.ids().map((_, i) => b.parent(i)), b.parents());
    assert.equal(b.parent(5), null);
    assert.equal(b.parent(-1), null);
    assert.equal(b.parent(1.5), null);
    assert.equal(b.parent(2 ** 32 + 1), null); // not wrapped to index 1
    assert.throws(() => b.parent("cards"), TypeError);
    assert.deepEqual(b.rows().map((r) => r.parent), b.parents());
  } finally {
    b.dispose();
  }
});

test("toJson is the CLI's convert output and the writers round-trip exactly", () => {
  const b = prio.Backlog.fromCsv(text, { fileName: file });
  try {
    const json = b.toJson();
    assert.equal(json, golden("hierarchy_convert_to_json.out"));
    assert.equal(json, convert(file));
    assert.equal(b.toCsv(), text);
    const fromJson = prio.Backlog.fromJson(json);
    const fromCsv = prio.Backlog.fromCsv(b.toCsv());
    const fromRows = prio.Backlog.fromRows(b.rows());
    try {
      for (const c of [fromJson, fromCsv, fromRows]) {
        assert.equal(c.toJson(), json);
        assert.equal(c.toCsv(), text);
        assert.deepEqual(c.parents(), b.parents());
      }
    } finally {
      for (const c of [fromJson, fromCsv, fromRows]) c.dispose();
    }
  } finally {
    b.dispose();
  }
});

test("fromRows takes parent (an id, null or absent); without any, no parent column is written", () => {
  const rows = [
    { id: "epic", title: "Checkout", effort: 8 },
    { id: "story", title: "Pay by card", effort: 3, parent: "epic" },
    { id: "other", title: "Search", effort: 2, parent: null },
  ];
  const b = prio.Backlog.fromRows(rows);
  const flat = prio.Backlog.fromRows([{ id: "a", effort: 1, parent: null }, { id: "b", effort: 2 }]);
  try {
    assert.deepEqual(b.parents(), [null, "epic", null]);
    assert.equal(b.toCsv(), "id,title,effort,moscow,depends_on,parent\nepic,Checkout,8,,,\nstory,Pay by card,3,,,epic\nother,Search,2,,,\n");
    assert.deepEqual(flat.parents(), [null, null]);
    assert.ok(!flat.toCsv().includes("parent"), flat.toCsv());
    assert.ok(!flat.toJson().includes("parent"), flat.toJson());
    assert.deepEqual(flat.rows().map((r) => r.parent), [null, null]);
    assert.deepEqual(flat.rows().map((r) => r.id), ["a", "b"]);
  } finally {
    b.dispose();
    flat.dispose();
  }
});

function caught(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PrioError, `expected a PrioError, got ${e}`);
    return e;
  }
  assert.fail("no error");
}

test("an unknown parent, an own parent and a parent cycle are the CLI's errors (103, 203)", () => {
  const bad = (name) => readFileSync(path.join(repoRoot, "tests", "data", "bad", name), "utf8");
  const expected = golden("hierarchy_validate_unknown_parent.err").trimEnd().split("\n");
  const unknown = caught(() => prio.Backlog.fromCsv(bad("parent_unknown.csv"), { fileName: "tests/data/bad/parent_unknown.csv" }));
  assert.equal(unknown.code, "unknown_feature");
  assert.equal(unknown.status, 103);
  assert.deepEqual([unknown.feature, unknown.field, unknown.line, unknown.column], ["refunds", "parent", 4, 19]);
  assert.equal(unknown.message, expected[0]);
  assert.equal(unknown.diagnostics.length, 2);
  assert.deepEqual(unknown.diagnostics.map((d) => [d.code, d.code_name, d.feature, d.line, d.column]),
    [[103, "unknown_feature", "refunds", 4, 19], [203, "cycle", "loop", 5, 13]]);
  assert.equal(unknown.diagnostics[1].message, "is its own parent");

  const cycle = caught(() => prio.Backlog.fromCsv(bad("parent_cycle.csv"), { fileName: "tests/data/bad/parent_cycle.csv" }));
  assert.equal(cycle.code, "cycle");
  assert.equal(cycle.status, 203);
  assert.equal(cycle.message, golden("hierarchy_validate_cycle_json.err").trimEnd());

  const own = caught(() => prio.Backlog.fromRows([{ id: "x", effort: 1, parent: "x" }]));
  assert.deepEqual([own.code, own.status, own.feature, own.field, own.description], ["cycle", 203, "x", "parent", "is its own parent"]);
  const loop = caught(() => prio.Backlog.fromRows([{ id: "a", parent: "b" }, { id: "b", parent: "a" }]));
  assert.equal(loop.description, "is in a parent cycle (each feature followed by its parent): a -> b -> a");
});
