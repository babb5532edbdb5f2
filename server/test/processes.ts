import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import { createInterface } from "node:readline";
import { SMTPServer } from "smtp-server";

/**
 * Real processes for the reliability tests: the app's entry points started the way operators
 * start them, their JSON log lines collected, and signals sent by PID / process group only.
 */

export type LogLine = { level: string; msg: string; time: string; [key: string]: unknown };

export interface AppProcess {
  child: ChildProcess;
  pid: number;
  lines: LogLine[];
  /** Every stdout/stderr line that was not JSON (console output, crashes). */
  raw: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLine: (match: (line: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
  /** Sends a signal to the whole process group (the npm process and what it started). */
  signalGroup: (signal: NodeJS.Signals) => void;
}

/** Settings of a production process against this test file's database. */
export function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    // The test setup's secret contains "secret", which production refuses as a placeholder.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
  // vitest's own settings must not leak into the app (it would think it runs under test).
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "TEST") delete env[key];
  return env;
}

/**
 * Starts `command args` in its own process group (detached), so a test can signal exactly
 * what it started. `npm run <script>` is how the operator runs the app.
 */
export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: Pick<SpawnOptions, "cwd" | "uid" | "gid"> = {},
): AppProcess {
  const child = spawn(command, args, { ...options, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const onLine = (text: string) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      raw.push(text);
      return;
    }
    if (typeof line !== "object" || line === null || !("msg" in line)) return void raw.push(text);
    lines.push(line);
    for (const w of waiters.splice(0))
      if (w.match(line)) w.resolve(line);
      else waiters.push(w);
  };
  createInterface({ input: child.stdout! }).on("line", onLine);
  createInterface({ input: child.stderr! }).on("line", onLine);
  // "close", not "exit": it comes after the last output line has been read.
  const exited = once(child, "close").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    pid: child.pid!,
    lines,
    raw,
    exited,
    signalGroup: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone already
      }
    },
    waitForLine: (match, timeoutMs = 60_000) => {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const tail = [...lines.slice(-5).map((l) => JSON.stringify(l)), ...raw.slice(-10)].join("\n");
          reject(new Error(`no matching log line within ${timeoutMs} ms; last output:\n${tail}`));
        }, timeoutMs);
        waiters.push({
          match,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then((exit) => {
          clearTimeout(timer);
          const tail = [...lines.slice(-5).map((l) => JSON.stringify(l)), ...raw.slice(-10)].join("\n");
          reject(new Error(`process exited (${JSON.stringify(exit)}) before a matching log line:\n${tail}`));
        });
      });
    },
  };
}

/** `npm run <script>`: npm starts the script; with `exec` in it, the script's process is node. */
export const npmRun = (script: string, env: NodeJS.ProcessEnv) => startProcess("npm", ["run", "--silent", script], env);

/** True while any process of the group still exists. */
export function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills what a test started (its process group), whatever state it is in. */
export function killGroup(app: AppProcess | undefined) {
  if (app && groupAlive(app.pid)) app.signalGroup("SIGKILL");
}

/** A loopback SMTP sink recording each mail's recipient and Message-ID. */
export async function startSmtpSink(options: { delayMs?: number } = {}) {
  const received: { to: string; messageId: string; at: number }[] = [];
  // A mail whose client is gone before the server's 250 was never accepted (RFC 5321 §6.1).
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString();
      });
      stream.on("end", () => {
        const messageId = /^Message-ID:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? "";
        const accept = () => {
          if (closed.has(session.id)) return callback(new Error("client went away"));
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), messageId, at: Date.now() });
          callback();
        };
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  // A client killed mid-mail resets its connection: expected here, not a test failure.
  server.on("error", () => {});
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A TCP proxy in front of PostgreSQL, to take the database away from a process and give it back
 * (`cut` drops every connection and refuses new ones until `restore`).
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    const pair = [client, upstream];
    for (const socket of pair) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        for (const other of pair) other.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
