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

test("simulate reports progress, can be cancelled from it, and gives the same numbers", async () => {
  const b = prio.Backlog.fromCsv(exampleCsv);
  try {
    const options = { draws: 20000, seed: 3, top: 5 };
    const plain = prio.simulate(b, options);
    const seen = [];
    const withProgress = prio.simulate(b, { ...options, onProgress: (done, total) => void seen.push([done, total]) });
    assert.deepStrictEqual(withProgress, plain);
    assert.ok(seen.length >= 2, `${seen.length} reports`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] > seen[i - 1][0]);
    assert.deepStrictEqual(seen.at(-1), [20000, 20000]);
    // false cancels: a PrioError, and the module stays usable.
    let calls = 0;
    assert.throws(() => prio.simulate(b, { ...options, onProgress: () => ++calls < 2 }),
      (e) => e instanceof PrioError && e.code === "invalid_argument" && /cancelled/.test(e.message));
    assert.equal(calls, 2);
    const boom = new RangeError("stop here");
    assert.throws(() => prio.simulate(b, { ...options, onProgress: () => { throw boom; } }), (e) => e === boom);
    assert.throws(() => prio.simulate(b, { ...options, onProgress: 5 }), TypeError);
    assert.deepStrictEqual(prio.simulate(b, options), plain);
    // Through a worker the reports arrive on this thread.
    const w = await PrioWorker.start();
    try {
      const remote = [];
      const viaWorker = await w.simulate({ csv: exampleCsv }, { ...options, onProgress: (done, total) => void remote.push([done, total]) });
      assert.deepStrictEqual(viaWorker, plain);
      // Reports are thinned out to one per 50 ms: some of the direct ones, the last included.
      const direct = new Set(seen.map(([d]) => d));
      assert.ok(remote.length >= 1 && remote.every(([d, t]) => direct.has(d) && t === 20000));
      for (let i = 1; i < remote.length; i++) assert.ok(remote[i][0] > remote[i - 1][0]);
      assert.deepStrictEqual(remote.at(-1), [20000, 20000]);
    } finally {
      await w.terminate();
    }
  } finally {
    b.dispose();
  }
});
