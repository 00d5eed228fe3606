/**
 * A small static file server for the built dashboard: bound to 127.0.0.1 by default, nothing but
 * GET/HEAD of files under the directory, and a Content-Security-Policy that lets a page load only
 * from its own origin (so even a mistake cannot make the browser reach another host).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/octet-stream",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
  ".md": "text/markdown; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

/** The file under `root` a URL path names, or null (never a path outside root). */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (path.includes("\0")) return null;
  const base = resolve(root);
  const full = resolve(base, `.${normalize(`/${path}`)}`);
  if (full !== base && !full.startsWith(base + sep)) return null;
  const candidates = path.endsWith("/") ? [join(full, "index.html")] : [full, `${full}.html`, join(full, "index.html")];
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

export interface ServeOptions {
  dir: string;
  port?: number;
  host?: string;
  /** Print the address (default true). */
  announce?: boolean;
  /** Tried first for every request (the submission routes); true when it answered. */
  handler?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface RunningSite {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Serve the built site in `dir`; resolves once listening (port 0 picks a free port). */
export function serveSite({ dir, port = 3000, host = "127.0.0.1", announce = true, handler }: ServeOptions): Promise<RunningSite> {
  const root = resolve(dir);
  if (!existsSync(join(root, "index.html"))) {
    return Promise.reject(
      new Error(
        `${root} 中没有已生成的看板（缺少 index.html），请先运行 plan-monitor build。\nno built dashboard in ${root} (index.html is missing): run \`plan-monitor build\` first.`,
      ),
    );
  }
  const server = createServer((req, res) => {
    if (!handler) return serveStatic(req, res);
    handler(req, res).then(
      (handled) => {
        if (!handled) serveStatic(req, res);
      },
      () => {
        // never a stack trace in a response
        if (!res.headersSent)
          res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("服务器内部错误 / internal server error");
      },
    );
  });
  function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    const headers: Record<string, string> = {
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...headers, Allow: "GET, HEAD" }).end();
      return;
    }
    const file = resolveRequestPath(root, req.url ?? "/");
    if (!file) {
      const notFound = join(root, "404.html");
      res.writeHead(404, { ...headers, "Content-Type": TYPES[".html"] });
      if (req.method === "HEAD" || !existsSync(notFound)) res.end("未找到 / Not found");
      else createReadStream(notFound).pipe(res);
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    // Framework names assets by content hash (_file, _node, _observablehq): they may be cached for good.
    const immutable = /\/_(file|node|npm|observablehq|import)\//.test(req.url ?? "");
    res.writeHead(200, {
      ...headers,
      "Content-Type": type,
      "Content-Length": String(statSync(file).size),
      "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  }
  return new Promise((resolvePromise, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new Error(`端口 ${port} 已被占用，请用 --port 指定其他端口。\nport ${port} is already in use: choose another with --port.`));
      } else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      const url = `http://${host}:${actual}/`;
      if (announce) process.stdout.write(`\n看板地址 Dashboard: ${url}\n（按 Ctrl+C 停止 / press Ctrl+C to stop）\n`);
      resolvePromise({
        url,
        port: actual,
        server,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
