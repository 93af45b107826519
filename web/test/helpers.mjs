// Shared pieces of the page's end-to-end tests: Debian's Chromium through
// playwright-core (never a downloaded browser), the page served by
// scripts/test-web.sh ($PRIO_WEB_URL), the native tool ($PRIO_CLI) as the
// reference for every number.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const sample = join(root, "examples/backlog.csv");
export const baseUrl = process.env.PRIO_WEB_URL;
const cliPath = process.env.PRIO_CLI;
const artifacts = process.env.PRIO_WEB_ARTIFACTS ?? join(root, "build/web-artifacts");
if (!baseUrl || !cliPath) throw new Error("run through scripts/test-web.sh (PRIO_WEB_URL and PRIO_CLI are not set)");

export function launch() {
  return chromium.launch({
    executablePath: process.env.PRIO_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-default-apps",
      "--disable-sync",
      "--disable-extensions",
      "--no-first-run",
      "--metrics-recording-only",
      "--disable-domain-reliability",
      "--disable-breakpad",
    ],
  });
}

/** A fresh page on the served site, waiting until prio's WebAssembly is up.
 * Page errors, console errors and dialogs are collected in page.problems. */
export async function openPage(browser, { colorScheme = "light", init } = {}) {
  const context = await browser.newContext({ colorScheme, acceptDownloads: true, viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && page.problems.push(`console: ${m.text()}`));
  page.on("dialog", (d) => {
    page.problems.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  // Nothing may be fetched from anywhere but the local server.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
    page.problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  if (init) await page.addInitScript(init);
  await page.goto(baseUrl);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  return page;
}

/** Count of an app event ("loaded", "ranked", ...) so far. */
export async function count(page, name) {
  return page.evaluate((n) => Number(document.documentElement.dataset[n] ?? 0), name);
}

/** Runs action() and waits for the next `name` event; returns its detail. */
export async function after(page, name, action, timeout = 60_000) {
  const before = await count(page, name);
  await action();
  await page.waitForFunction(([n, b]) => Number(document.documentElement.dataset[n] ?? 0) > b, [name, before], { timeout });
  return page.evaluate((n) => window.prioLast[n], name);
}

export async function loadSample(page) {
  const d = await after(page, "loaded", () => page.click("#sample"));
  if (!d.ok) throw new Error("the sample backlog did not load");
}

export async function loadText(page, name, text) {
  return after(page, "loaded", () => page.setInputFiles("#file", { name, mimeType: "text/csv", buffer: Buffer.from(text) }), 120_000);
}

/** The ranking table as rows like `prio rank --format json` prints them
 * (score from the cell's data-score: the exact number). */
export function tableRows(page) {
  return page.$$eval("#rows tr", (trs) => trs.map((tr) => {
    const c = tr.cells;
    const score = c[3].dataset.score;
    const moscow = c[4].textContent;
    return {
      rank: Number(tr.dataset.rank),
      id: c[1].textContent,
      title: c[2].textContent,
      score: score === "null" ? null : Number(score),
      moscow: moscow === "" ? null : moscow === "won't" ? "wont" : moscow,
      blocked_by: c[5].textContent === "" ? [] : c[5].textContent.split(", "),
    };
  }));
}

/** Runs the native tool; returns stdout (throws on a failing exit). */
export function cli(...args) {
  return execFileSync(cliPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
}
/** The native tool's output and exit status even when it fails. */
export function cliStatus(...args) {
  try {
    return { status: 0, stdout: execFileSync(cliPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}

export function tempFile(name, text) {
  const dir = mkdtempSync(join(tmpdir(), "prio-web-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Where a screenshot named `name` goes (build/web-artifacts/NAME.png). */
export function artifact(name) {
  mkdirSync(artifacts, { recursive: true });
  return join(artifacts, `${name}.png`);
}

export async function screenshot(page, name, options = {}) {
  const path = artifact(name);
  await page.screenshot({ path, ...options });
  return path;
}

/** The text of the file a click downloads. */
export async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, "utf8") };
}

/** Same backlog text each call (a linear congruential generator: no Math.random). */
export function generatedBacklog(n, seed = 1) {
  let x = seed >>> 0;
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ["id,title,moscow,depends_on,reach,impact,confidence,effort"];
  const cats = ["Must", "Should", "Could", "Won't"];
  for (let i = 0; i < n; i++) {
    const deps = i > 10 && next() < 0.2 ? `f${Math.floor(next() * (i - 1))}` : "";
    lines.push(`f${i},Feature ${i},${cats[Math.floor(next() * 4)]},${deps},${1 + Math.floor(next() * 5000)},${[0.25, 0.5, 1, 2, 3][Math.floor(next() * 5)]},${[50, 80, 100][Math.floor(next() * 3)]}%,${1 + Math.floor(next() * 13)}`);
  }
  return lines.join("\n") + "\n";
}
