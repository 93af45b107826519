// Shared by the tests: the package's root, the example backlog and the native
// `prio` tool whose --format json output the WebAssembly results must equal.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const jsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(jsRoot, "..");
export const exampleCsvPath = path.join(repoRoot, "examples", "backlog.csv");
export const exampleCsv = readFileSync(exampleCsvPath, "utf8");

// The native tool: $PRIO_CLI, else the dev build scripts/test.sh makes.
export const cliPath = process.env.PRIO_CLI ?? path.join(repoRoot, "build", "dev", "src", "cli", "prio");
if (!existsSync(cliPath)) throw new Error(`native prio tool not found at ${cliPath} (set PRIO_CLI or run scripts/test-js.sh)`);

/** Runs `prio ARGS --format json` in the repository root and parses stdout. */
export function cliJson(args) {
  const out = execFileSync(cliPath, [...args, "--format", "json"], { cwd: repoRoot, encoding: "utf8", maxBuffer: 1 << 28 });
  return JSON.parse(out);
}
