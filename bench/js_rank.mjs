// Ranking a 10^5-feature backlog with dependencies (RICE, greedy order over
// the dependency graph, JSON out): prio-wasm in Node beside the native `prio`
// tool on the same file, in the same run; the result is their ratio.
//
//   node bench/js_rank.mjs [features=100000] [repeats=3]
//   PRIO_CLI=build/release/src/cli/prio (default) — build it with
//   cmake --preset release && cmake --build build/release --target prio_cli
//
// Both sides do the same work: read the CSV text, score, order, write the
// ranking as JSON (the tool to /dev/null; Node parses it into row objects).
// The tool's time includes starting its process (a few ms); Node's excludes
// instantiating the WebAssembly, which is reported on its own line.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "../js/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const n = Number(process.argv[2] ?? 100000);
const repeats = Number(process.argv[3] ?? 3);
const cli = process.env.PRIO_CLI ?? path.join(root, "build", "release", "src", "cli", "prio");

// A deterministic backlog: each feature needs up to two earlier ones.
let state = 12345;
const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const impacts = [3, 2, 1, 0.5, 0.25];
const lines = ["id,title,depends_on,reach,impact,confidence,effort"];
for (let i = 0; i < n; ++i) {
  const deps = new Set();
  if (i > 0 && next() < 0.6) deps.add(`f${Math.floor(next() * i)}`);
  if (i > 0 && next() < 0.3) deps.add(`f${Math.floor(next() * i)}`);
  lines.push(`f${i},Feature ${i},${[...deps].join(";")},${Math.floor(10 + next() * 10000)},${impacts[Math.floor(next() * 5)]},` +
    `${[0.5, 0.8, 1][Math.floor(next() * 3)]},${(0.5 + next() * 12).toFixed(2)}`);
}
const text = lines.join("\n") + "\n";
const dir = mkdtempSync(path.join(tmpdir(), "prio-bench-"));
const file = path.join(dir, "backlog.csv");
writeFileSync(file, text);

const best = (f) => {
  let t = Infinity, out;
  for (let r = 0; r < repeats; ++r) {
    const t0 = process.hrtime.bigint();
    out = f();
    t = Math.min(t, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return [t, out];
};

try {
  const [nativeMs, nativeOut] = best(() => execFileSync(cli, ["rank", file, "--by", "rice", "--order", "greedy", "--format", "json"],
    { encoding: "utf8", maxBuffer: 1 << 30 }));
  const t0 = process.hrtime.bigint();
  const prio = await load();
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const [wasmMs, rows] = best(() => {
    const b = prio.Backlog.fromCsv(text, { fileName: file });
    try {
      return prio.rank(b, { by: "rice", order: "greedy" });
    } finally {
      b.dispose();
    }
  });
  const same = nativeOut !== "" && JSON.stringify(rows) === JSON.stringify(JSON.parse(nativeOut).ranking);
  const wasm = readFileSync(path.join(root, "js", "dist", "prio.wasm"));
  console.log(`features                 ${n} (${statSync(file).size} bytes of CSV), best of ${repeats}`);
  console.log(`native prio rank         ${nativeMs.toFixed(1)} ms  (${cli})`);
  console.log(`prio-wasm rank in Node   ${wasmMs.toFixed(1)} ms  (instantiating once: ${loadMs.toFixed(1)} ms)`);
  console.log(`ratio wasm / native      ${(wasmMs / nativeMs).toFixed(2)}x  (target <= 2.5x)`);
  console.log(`same ranking             ${same}`);
  console.log(`prio.wasm                ${(wasm.length / 1024).toFixed(0)} kB, gzipped ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} kB (target <= 600 kB)`);
  if (!same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
