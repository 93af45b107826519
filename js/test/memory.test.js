// No growth of the WebAssembly heap over 10^4 create/use/dispose cycles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../index.js";
import { exampleCsv } from "./helpers.js";

test("10^4 create / dispose cycles (10^3 with a ranking) do not grow the WASM memory", () => {
  return load().then((prio) => {
    const cycle = (ranked) => {
      const b = prio.Backlog.fromCsv(exampleCsv);
      if (ranked) prio.rank(b, { by: "rice", order: "greedy" });
      b.dispose();
    };
    for (let i = 0; i < 100; ++i) cycle(true);  // warm up: the allocator reaches its working size
    const before = prio.memoryBytes();
    for (let i = 0; i < 10000; ++i) cycle(i % 10 === 0);
    assert.equal(prio.memoryBytes(), before);
  });
});

test("errors free their memory too (2 x 10^3 failing calls)", () => {
  return load().then((prio) => {
    const b = prio.Backlog.fromCsv(exampleCsv);
    const fail = () => {
      assert.throws(() => prio.Backlog.fromCsv('id,reach\n"a,1\n'));
      assert.throws(() => prio.explain(b, "nope"));
    };
    for (let i = 0; i < 100; ++i) fail();
    const before = prio.memoryBytes();
    for (let i = 0; i < 1000; ++i) fail();
    assert.equal(prio.memoryBytes(), before);
    b.dispose();
  });
});

test("a leak would be seen: keeping the backlogs grows the memory", () => {
  return load().then((prio) => {
    const before = prio.memoryBytes();
    const kept = [];
    for (let i = 0; i < 2000; ++i) kept.push(prio.Backlog.fromCsv(exampleCsv));
    assert.ok(prio.memoryBytes() > before);
    for (const b of kept) b.dispose();
  });
});
