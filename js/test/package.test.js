// `npm pack` gives a tarball that installs into a fresh folder without the
// network and works there (imports by package name, the worker entry too).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exampleCsvPath, jsRoot } from "./helpers.js";

test("the packed tarball installs offline and ranks", { timeout: 120000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "prio-wasm-pack-"));
  try {
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: jsRoot, encoding: "utf8" });
    const [{ filename, files }] = JSON.parse(out);
    const names = files.map((f) => f.path).sort();
    for (const f of ["dist/prio.mjs", "dist/prio.wasm", "index.d.ts", "index.js", "package.json", "worker.d.ts", "worker.js"])
      assert.ok(names.includes(f), `${f} in ${names}`);
    assert.ok(!names.some((n) => n.startsWith("test/") || n.startsWith("node_modules/")), names.join(","));
    const app = path.join(dir, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", path.join(dir, filename)], { cwd: app, encoding: "utf8" });
    writeFileSync(path.join(app, "main.js"), `
      import { readFileSync } from "node:fs";
      import { load } from "prio-wasm";
      import { PrioWorker } from "prio-wasm/worker";
      const prio = await load();
      const text = readFileSync(${JSON.stringify(exampleCsvPath)}, "utf8");
      const b = prio.Backlog.fromCsv(text);
      const rows = prio.rank(b, { by: "rice", order: "greedy" });
      const w = await PrioWorker.start();
      const viaWorker = await w.call("rank", { csv: text }, { by: "rice", order: "greedy" });
      await w.terminate();
      console.log(JSON.stringify({ first: rows[0].id, n: rows.length, same: JSON.stringify(viaWorker) === JSON.stringify(rows) }));
    `);
    const result = JSON.parse(execFileSync("node", ["main.js"], { cwd: app, encoding: "utf8" }));
    assert.deepEqual(result, { first: "2fa", n: 34, same: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
