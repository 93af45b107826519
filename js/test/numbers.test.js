// Numbers are written the same by the WebAssembly build as by the native tool,
// character for character. The native tool uses std::to_chars (shortest
// round-trip digits); the WebAssembly build's libc++ has no floating-point
// std::to_chars, so it takes the digits from the JavaScript engine
// (src/io/common.cpp). 10^6 doubles of every kind go through both sides as
// custom columns of a backlog: `prio convert --to json` natively, and
// Backlog.fromCsv(...).toJson() here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "../index.js";
import { cliPath } from "./helpers.js";

const prio = await load();

// mulberry32: a fixed seed gives the same numbers on every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const bits = new DataView(new ArrayBuffer(8));
const fromBits = (hi, lo) => {
  bits.setUint32(0, hi);
  bits.setUint32(4, lo);
  return bits.getFloat64(0);
};

/** n finite doubles: random bit patterns, denormals, integers, fractions, decimal sums, powers, extremes. */
function doubles(n) {
  const next = rng(20261126);
  const u = () => next() / 2 ** 32;
  const out = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, -Number.MAX_VALUE,
    Number.MIN_VALUE * 3, 1e21, 1e22, 1e23, 9007199254740992, 9007199254740993, 18446744073709551616, 18446744073709549568,
    2 ** 64 + 2 ** 12, 2 ** 69, 0.1 + 0.2, 1 / 3, 2 / 3, 0.1, 1e-7, 1.5e-7, 123456789012345680000, 5e-5, 4.35, 0.3];
  for (let k = -1074; k <= 1023; ++k) out.push(2 ** k, -(2 ** k), 2 ** k * (1 + Number.EPSILON), 2 ** k * (1 - Number.EPSILON / 2));
  for (let k = -323; k <= 308; ++k) out.push(Number(`1e${k}`), Number(`9.999999999999999e${k}`), Number(`5e${k}`));
  const kinds = [
    () => fromBits(next(), next()),                                   // any bit pattern (NaN/inf skipped below)
    () => fromBits(next() & 0x800fffff, next()),                      // denormals
    () => Math.floor(u() * 2 ** Math.floor(u() * 64)) * (u() < 0.5 ? -1 : 1), // integers of every size
    () => Math.floor(u() * 1e6) / (1 + Math.floor(u() * 1000)),       // fractions like 1/3
    () => Math.round(u() * 1e4) / 100 + Math.round(u() * 1e4) / 100, // sums of decimals like 0.1 + 0.2
    () => Math.round(u() * 1e6) * 10 ** (Math.floor(u() * 60) - 30), // few digits, any scale
    () => u() * 10 ** (Math.floor(u() * 616) - 308),                 // huge and tiny
    () => (1 + Math.floor(u() * 1e4)) * 2 ** (Math.floor(u() * 2098) - 1074), // few significant bits
  ];
  out.splice(0, out.length, ...out.filter(Number.isFinite)); // 9.999999999999999e308 is Infinity
  while (out.length < n) {
    const x = kinds[out.length % kinds.length]();
    if (Number.isFinite(x)) out.push(x);
  }
  return out;
}

test("10^6 doubles are written as the native tool writes them (shortest round-trip digits, std::to_chars layout)", () => {
  const columns = 20;
  const values = doubles(1_000_000);
  const rows = Math.ceil(values.length / columns);
  const lines = [["id", "title", ...Array.from({ length: columns }, (_, c) => `x${c}`)].join(",")];
  for (let r = 0; r < rows; ++r) {
    const cells = [`f${r}`, "t"];
    for (let c = 0; c < columns; ++c) {
      const x = values[r * columns + c] ?? 1;
      cells.push(Object.is(x, -0) ? "-0" : String(x)); // String(x) reads back to exactly x
    }
    lines.push(cells.join(","));
  }
  const csv = lines.join("\n") + "\n";
  const dir = mkdtempSync(path.join(tmpdir(), "prio-numbers-"));
  try {
    const file = path.join(dir, "numbers.csv");
    writeFileSync(file, csv);
    const native = execFileSync(cliPath, ["convert", file, "--to", "json"], { encoding: "utf8", maxBuffer: 1 << 30 });
    const b = prio.Backlog.fromCsv(csv, { fileName: file });
    let wasm;
    try {
      wasm = b.toJson();
    } finally {
      b.dispose();
    }
    if (wasm !== native) {
      const a = wasm.split("\n"), n = native.split("\n");
      const k = a.findIndex((line, i) => line !== n[i]);
      assert.equal(a[k], n[k], `first difference on line ${k + 1}`);
      assert.equal(wasm, native);
    }
    // Every number is there and reads back to the double written (-0 included: prio writes -0.0).
    const parsed = JSON.parse(native).features;
    assert.equal(parsed.length, rows);
    for (let r = 0; r < rows; r += 97)
      for (let c = 0; c < columns; ++c) {
        const x = values[r * columns + c] ?? 1;
        assert.equal(parsed[r][`x${c}`], x);
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("numbers in a ranking: the digits std::to_chars gives, known answers", () => {
  // score = reach * impact * confidence / effort, written by format_number.
  const cases = [
    [1, 1, 1, 3, "0.3333333333333333"],
    [1, 1, 1, 10, "0.1"],
    [1e22, 1, 1, 1, "1e+22"],
    [123456789, 1, 1, 1, "123456789"],
    [2 ** 60, 1, 1, 1, "1152921504606846976"],
    [1, 1, 1, 1e7, "1e-07"],
    [15, 1, 1, 1e8, "1.5e-07"],
    [1, 1, 0.5, 4e4, "1.25e-05"],
    [7, 3, 1, 1, "21"],
  ];
  const csv = "id,title,reach,impact,confidence,effort\n" +
    cases.map(([r, i, c, e], k) => `f${k},t,${r},${i},${c},${e}`).join("\n") + "\n";
  const b = prio.Backlog.fromCsv(csv, { percentColumns: [] });
  try {
    const text = prio.rankCsv(b, { by: "rice" });
    const score = new Map(text.trim().split("\n").slice(1).map((line) => [line.split(",")[1], line.split(",")[3]]));
    cases.forEach(([, , , , want], k) => assert.equal(score.get(`f${k}`), want, `f${k}`));
  } finally {
    b.dispose();
  }
});
