#!/usr/bin/env node
// Serves the repository (without its hidden files) read-only on 127.0.0.1 so that the web page
// (web/index.html) can load its ES modules, its Web Workers and prio's
// WebAssembly (browsers run none of them from file://). No dependencies,
// nothing executed on the server: it only reads files under the repository.
//
//   node web/serve.mjs [--port N]      (default 8080; 0 = any free port)
//
// Prints the page's URL on its first line of output.
import { createServer } from "node:http";
import { open, realpath } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = await realpath(fileURLToPath(new URL("..", import.meta.url)));

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

function parsePort(argv) {
  const i = argv.indexOf("--port");
  const value = i >= 0 ? argv[i + 1] : process.env.PORT ?? "8080";
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port must be a whole number in 0..65535, not '${value}'`);
    process.exit(2);
  }
  return port;
}

function send(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end(text);
}

// The file under the repository a request names, or null when it names
// anything outside it (.., encoded slashes, symbolic links leading out).
async function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes("\0") || path.includes("\\")) return null;
  // Hidden files and folders (.git, .env ...) are not part of the site.
  if (path.split("/").some((part) => part.startsWith("."))) return null;
  if (path.endsWith("/")) path += "index.html";
  const full = resolve(root, "." + path);
  if (full !== root && !full.startsWith(root + sep)) return null;
  let real;
  try {
    real = await realpath(full);
  } catch {
    return undefined;
  }
  if (!real.startsWith(root + sep)) return null;
  return real;
}

const server = createServer(async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "read-only server: GET and HEAD only\n");
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/") {
    res.writeHead(302, { location: "/web/" });
    return res.end();
  }
  const file = await fileFor(url.pathname);
  if (file === null) return send(res, 403, "forbidden\n");
  if (file === undefined) return send(res, 404, "not found\n");
  let handle;
  try {
    handle = await open(file, "r");
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      if (info.isDirectory()) {
        res.writeHead(302, { location: url.pathname + "/" });
        return res.end();
      }
      return send(res, 404, "not found\n");
    }
    res.writeHead(200, {
      "content-type": types[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") {
      await handle.close();
      return res.end();
    }
    const stream = handle.createReadStream();
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  } catch {
    await handle?.close().catch(() => {});
    if (!res.headersSent) send(res, 500, "could not read the file\n");
    else res.destroy();
  }
});

server.on("error", (e) => {
  console.error(`serve: ${e.message}`);
  process.exit(1);
});
server.listen(parsePort(process.argv.slice(2)), "127.0.0.1", () => {
  const { port } = server.address();
  console.log(`http://127.0.0.1:${port}/web/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
