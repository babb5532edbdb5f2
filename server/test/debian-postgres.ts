import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../db/embedded-postgres";
import { sleep } from "./processes";

/**
 * A throwaway server from Debian's `postgresql` package (/usr/lib/postgresql/<major>/bin), on a
 * free loopback port in a temporary directory: the "PostgreSQL ≥ 15 from the distribution" the
 * README promises, beside the embedded one the suite runs on. Run as root (CI), the server runs as
 * the `postgres` OS user, which PostgreSQL requires. Null when the package is not installed.
 */
export function debianPostgresBin(): { major: number; bin: string } | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .map(Number)
    .filter((major) => major >= 15 && existsSync(path.join(root, String(major), "bin", "initdb")))
    .sort((a, b) => a - b);
  // The oldest one installed: the README's lower bound is what is worth proving.
  return majors.length ? { major: majors[0]!, bin: path.join(root, String(majors[0]), "bin") } : null;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root, but there is no postgres OS user to run PostgreSQL as");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startDebianPostgres() {
  const found = debianPostgresBin();
  if (!found) return null;
  const user = postgresUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), "shopwise-debian-pg-"));
  await chmod(dir, 0o755);
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const init = spawnSync(
    path.join(found.bin, "initdb"),
    ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
    { ...user, encoding: "utf8" },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const server = spawn(
    path.join(found.bin, "postgres"),
    ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    { ...user, stdio: "ignore" },
  );
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
      await client.end();
      return {
        url,
        version: rows[0]!.server_version,
        async stop() {
          if (server.exitCode === null) {
            const exited = new Promise((resolve) => server.once("exit", resolve));
            server.kill("SIGINT"); // fast shutdown: disconnect clients, stop
            await exited;
          }
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await client.end().catch(() => {});
      if (attempt > 100 || server.exitCode !== null) throw error;
      await sleep(100);
    }
  }
}
