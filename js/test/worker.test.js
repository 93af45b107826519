// PrioWorker runs calls on a worker thread with the same results as the main
// thread, and rejects with PrioError / TypeError as the direct calls throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, PrioError } from "../index.js";
import { PrioWorker } from "../worker.js";
import { exampleCsv } from "./helpers.js";

const prio = await load();

test("simulate in a worker equals simulate on the main thread", async () => {
  const w = await PrioWorker.start();
  try {
    const options = { draws: 500, seed: 11, distribution: "pert", top: 3 };
    const b = prio.Backlog.fromCsv(exampleCsv);
    const direct = prio.simulate(b, options);
    b.dispose();
    // Two calls in flight at once are answered each with its own result.
    const [viaWorker, ranked] = await Promise.all([w.simulate({ csv: exampleCsv }, options), w.call("rank", { csv: exampleCsv }, { by: "wsjf" })]);
    assert.deepStrictEqual(viaWorker, direct);
    assert.equal(ranked.length, 34);
    const rows = JSON.parse(prio.Backlog.fromCsv(exampleCsv).toJson()).features;
    assert.deepStrictEqual(await w.call("rank", { rows }, "rice"), await w.call("rank", { json: { features: rows } }, "rice"));
  } finally {
    await w.terminate();
  }
});

test("errors cross the worker boundary as PrioError and TypeError", async () => {
  const w = await PrioWorker.start();
  try {
    const e = await w.call("rank", { csv: 'id,reach\n"a,1\n', options: { fileName: "x.csv" } }).then(() => null, (err) => err);
    assert.ok(e instanceof PrioError);
    assert.equal(e.code, "parse_error");
    assert.equal(e.file, "x.csv");
    assert.ok(e.line > 0);
    await assert.rejects(w.call("explain", { csv: exampleCsv }, 5), TypeError);
    await assert.rejects(w.call("nope", { csv: exampleCsv }), TypeError);
    await assert.rejects(w.simulate({ csv: exampleCsv }, { draws: 0 }), PrioError);
  } finally {
    await w.terminate();
  }
});
