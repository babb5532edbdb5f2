/**
 * wrk (Debian's `wrk`, a C load generator) driven from Lua scripts written here: it costs the
 * 2-core machine far less CPU per request than a Node load generator, so the servers get the cores.
 * Each scenario is a list of requests taken round-robin; `done` prints one JSON line of results.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface WrkRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** A POST body; `{{n}}` becomes a token no other request uses. */
  body?: string;
}

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses by status (counted only with `countStatuses`), and socket errors/timeouts. */
  statuses: Record<string, number>;
  errors: number;
}

const lua = (value: string) => JSON.stringify(value); // a JSON string is a valid Lua string literal

/**
 * One request a line, its fields split by tabs and its headers by \x01: read by each thread at
 * start (a Lua chunk holds at most 65,536 constants, fewer than a large request list).
 */
function requestLines(requests: readonly WrkRequest[]): string {
  const clean = (v: string) => {
    if (/[\t\n\x01]/.test(v)) throw new Error(`a benchmark request may not hold tabs or newlines: ${v}`);
    return v;
  };
  return requests
    .map((r) => {
      const headers = Object.entries(r.headers ?? {}).map(([k, v]) => `${clean(k)}: ${clean(v)}`);
      return [r.method ?? "GET", clean(r.path), headers.join("\x01"), clean(r.body ?? "")].join("\t");
    })
    .join("\n");
}

function script(dataFile: string, countStatuses: boolean): string {
  // Unique across runs too: a warm-up and its measured run must not reuse each other's numbers.
  return `
local run = ${lua(Math.random().toString(36).slice(2, 10))}
local reqs = {}
local threads = {}
local id = 0
function setup(thread) id = id + 1; thread:set("tid", id); table.insert(threads, thread) end
local i, n = 0, 0
statuses = {} -- global, so done() can read it through thread:get
function init()
  for line in io.lines(${lua(dataFile)}) do
    local method, path, headers, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$")
    local h = {}
    for k, v in headers:gmatch("([^:\\1]+): ([^\\1]*)") do h[k] = v end
    table.insert(reqs, { method, path, h, body ~= "" and body or nil })
  end
  i = (tid - 1) * 7919
end
function request()
  i = i + 1; n = n + 1
  local r = reqs[(i % #reqs) + 1]
  local body = r[4] and string.gsub(r[4], "{{n}}", run .. tid .. "x" .. n) or nil
  return wrk.format(r[1], r[2], r[3], body)
end
${countStatuses ? `function response(status) statuses[status] = (statuses[status] or 0) + 1 end` : ""}
function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses") or {}
    for k, v in pairs(s) do counts[tostring(k)] = (counts[tostring(k)] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(counts) do table.insert(parts, string.format('"%s":%d', k, v)) end
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"errors":%d,"non2xx":%d,"statuses":{%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, table.concat(parts, ",")))
end
`;
}

let sequence = 0;

/** Runs wrk against `baseUrl` with `requests` for `seconds`; `countStatuses` tallies every status. */
export async function wrk(
  baseUrl: string,
  requests: readonly WrkRequest[],
  options: { seconds: number; connections: number; threads?: number; countStatuses?: boolean },
): Promise<WrkResult> {
  const file = path.join(os.tmpdir(), `shopwise-wrk-${process.pid}-${sequence++}.lua`);
  await writeFile(`${file}.txt`, requestLines(requests));
  await writeFile(file, script(`${file}.txt`, options.countStatuses ?? false));
  const args = [
    `-t${options.threads ?? 2}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    "10s",
    "-s",
    file,
    baseUrl,
  ];
  const { stdout, stderr } = await run("wrk", args, { maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}\n${stderr}`);
  const raw = JSON.parse(line.slice(7)) as {
    requests: number;
    durationUs: number;
    p50Us: number;
    p99Us: number;
    errors: number;
    non2xx: number;
    statuses: Record<string, number>;
  };
  return {
    rps: Math.round(raw.requests / (raw.durationUs / 1e6)),
    p50Ms: Math.round(raw.p50Us / 100) / 10,
    p99Ms: Math.round(raw.p99Us / 100) / 10,
    requests: raw.requests,
    statuses: raw.statuses,
    errors: raw.errors + (options.countStatuses ? 0 : raw.non2xx),
  };
}

/** Fails early, saying how to get wrk, when it is not installed. */
export async function requireWrk() {
  await run("wrk", ["--version"]).catch((error: NodeJS.ErrnoException) => {
    // `wrk --version` exits 1 after printing its version.
    if (error.code === "ENOENT") throw new Error("wrk is not installed: `apt-get install wrk` (Debian/Ubuntu).");
  });
}
