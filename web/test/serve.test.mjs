// web/serve.mjs: MIME types browsers insist on (module scripts, WebAssembly
// streaming), read-only, nothing outside the repository, no hidden files.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

let server, base;
before(async () => {
  server = spawn(process.execPath, [fileURLToPath(new URL("../serve.mjs", import.meta.url)), "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((resolve, reject) => {
    server.stdout.once("data", (d) => resolve(String(d).trim().replace(/\/web\/$/, "")));
    server.once("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
});
after(() => server?.kill());

// A raw request (no URL normalization by the client).
function get(path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = request(base + "/", { method, path }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], location: res.headers.location, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("binds 127.0.0.1 and prints the page's URL", () => {
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test("serves the page, modules and data with their MIME types", async () => {
  const page = await get("/web/");
  assert.equal(page.status, 200);
  assert.equal(page.type, "text/html; charset=utf-8");
  assert.match(page.body, /<title>prio/);
  assert.equal((await get("/web/app.js")).type, "text/javascript; charset=utf-8");
  assert.equal((await get("/js/index.js")).type, "text/javascript; charset=utf-8");
  assert.equal((await get("/web/style.css")).type, "text/css; charset=utf-8");
  assert.equal((await get("/examples/backlog.csv")).type, "text/csv; charset=utf-8");
  const wasm = await get("/js/dist/prio.wasm", "HEAD");
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, "application/wasm");
  assert.equal((await get("/")).location, "/web/");
  assert.equal((await get("/web")).location, "/web/");
});

test("refuses paths outside the repository, hidden files and writes", async () => {
  for (const p of ["/web/..%2f..%2f..%2fetc%2fpasswd", "/..%2f..%2fetc/passwd", "/.git/config", "/.gitignore", "/web/..%5c..%5cetc"]) {
    const r = await get(p);
    assert.equal(r.status, 403, p);
    assert.doesNotMatch(r.body, /root:/);
  }
  // Dot segments, plain or encoded, resolve inside the repository: no such file there.
  assert.equal((await get("/../../etc/passwd")).status, 404);
  assert.equal((await get("/web/%2e%2e/%2e%2e/etc/passwd")).status, 404);
  assert.equal((await get("/nothing-here.txt")).status, 404);
  assert.equal((await get("/web/index.html", "PUT")).status, 405);
  assert.equal((await get("/web/index.html", "DELETE")).status, 405);
});
