// `npm run dev` only: the dev server hands the page's calls to the test host,
// so a browser shows the UI against Harbour's real rules. Vite listens on
// localhost only, and this refuses anything not from the loopback address.
// The app itself opens no port and makes no connection.
import type { Plugin } from "vite";
import { buildHost, HostProcess } from "./hostProcess.ts";

const loopback = (addr: string | undefined) => !!addr && (addr === "::1" || addr.startsWith("127.") || addr === "::ffff:127.0.0.1");

export function harbourTestHost(): Plugin {
  return {
    name: "harbour-test-host",
    apply: "serve",
    configureServer(server) {
      buildHost();
      let host: HostProcess | null = null;
      const running = () => (host ??= new HostProcess());
      server.httpServer?.on("close", () => host?.stop());
      server.middlewares.use("/__harbour", (req, res) => {
        if (!loopback(req.socket.remoteAddress)) {
          res.statusCode = 403;
          res.end();
          return;
        }
        if (req.url === "/events") {
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
          const stop = running().onEvent((event) => res.write(`event: ${event}\ndata: {}\n\n`));
          req.on("close", stop);
          return;
        }
        if (req.url !== "/call" || req.method !== "POST") {
          res.statusCode = 404;
          res.end();
          return;
        }
        let body = "";
        req.on("data", (chunk) => (body += chunk));
        req.on("end", async () => {
          res.setHeader("content-type", "application/json");
          try {
            const { command, args } = JSON.parse(body);
            res.end(JSON.stringify({ ok: await running().command(command, args) }));
          } catch (error) {
            res.end(JSON.stringify({ error }));
          }
        });
      });
    },
  };
}
