import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { freePort } from "./db/embedded-postgres";
import { getEnv } from "./env";
import { buildStages, sh, type BuildOptions } from "./test/dockerfile";
import { killGroup, sleep, startProcess, type AppProcess } from "./test/processes";

/**
 * The Dockerfile without a Docker engine (none runs here): its stages' commands run in a temporary
 * folder on the files `docker build .` would be sent (.dockerignore applied), and the runtime
 * stage's CMD runs as an unprivileged user against this file's PostgreSQL. What differs from a
 * real build is said where it happens, and in the README.
 */

const root = process.cwd();
// `nobody`: what `USER node` stands for here (the host has no node user).
const UNPRIVILEGED = { uid: 65534, gid: 65534 };
const workDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-docker-"));
const started: AppProcess[] = [];
afterAll(async () => {
  for (const app of started) killGroup(app);
  await rm(workDir, { recursive: true, force: true });
});

/** The build context: files in the work tree that git does not ignore, less .dockerignore's. */
async function copyContext(dest: string) {
  const patterns = (await readFile(path.join(root, ".dockerignore"), "utf8"))
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const ignored = (file: string) =>
    patterns.some((p) => path.matchesGlob(file, p) || path.matchesGlob(file, `${p}/**`));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root })
    .toString()
    .split("\0")
    .filter((file) => file && !ignored(file) && existsSync(path.join(root, file)));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dest, file)), { recursive: true });
    await cp(path.join(root, file), path.join(dest, file));
  }
  return files;
}

/**
 * RUN commands that need the host's help. The full `npm ci` of the deps stage would install the
 * very tree this checkout has from the same lockfile, patched by patches/ as this one is: hard
 * links to it instead, then the rest of its postinstall (`prisma generate`). `chown node:node`
 * names the image's user, here `nobody`.
 */
const run: BuildOptions["run"] = async (_stage, command, cwd, env) => {
  // The host's npm cache is shared with everything else on this machine: never clean it here.
  if (/npm cache clean/.test(command)) throw new Error(`refusing to run \`${command}\` on the host's npm cache`);
  if (command === "npm ci --no-audit --no-fund") {
    // Hard links when /tmp shares the checkout's file system, a copy when it does not.
    const modules = JSON.stringify(path.join(root, "node_modules"));
    await sh(`(cp -al ${modules} node_modules || cp -a ${modules} node_modules) && npx prisma generate`, { cwd, env });
    return true;
  }
  if (command.includes("chown node:node")) {
    await sh(command.replace("node:node", `${UNPRIVILEGED.uid}:${UNPRIVILEGED.gid}`), { cwd, env });
    return true;
  }
  if (command.startsWith("npm run build")) {
    buildOutput = await sh(command, { cwd, env });
    return true;
  }
  return false;
};
let buildOutput = "";

describe("the Docker image, built and run without Docker", () => {
  it("builds with the Dockerfile's commands and serves as an unprivileged user; SIGTERM stops it cleanly", async () => {
    const context = path.join(workDir, "context");
    const files = await copyContext(context);
    expect(files).toContain("server/main.ts");
    expect(files.some((f) => f.startsWith("e2e/") || f.startsWith("node_modules/"))).toBe(false);
    const { built } = await buildStages({
      dockerfile: path.join(root, "Dockerfile"),
      context,
      workDir,
      buildArgs: { AUTH_URL: "http://localhost:3000" },
      run,
    });
    // Item 8 of the issue: Turbopack traces nothing dynamically, so it warns about nothing.
    expect(buildOutput).not.toMatch(/Turbopack build encountered|Dynamic filesystem access/);

    const image = built.get("runtime")!;
    expect(image.user).toBe("node");
    expect(image.cmd).toEqual(["node", "--enable-source-maps", "dist/server/main.mjs"]);
    // Production dependencies only: no test runner or linter. (npm keeps the optional peers of
    // production packages that the lockfile has: prisma, typescript, Playwright, and through the API
    // reference's bundler plugins (@scalar → unplugin → vite) tsx and esbuild.)
    for (const devOnly of ["vitest", "eslint", "@vitest/coverage-v8", "prettier"])
      expect(existsSync(path.join(image.dir, "node_modules", devOnly))).toBe(false);
    await chmod(workDir, 0o755); // mkdtemp's 0700 would keep `nobody` out

    const port = await freePort();
    expect(image.env).toMatchObject({ NODE_ENV: "production", PORT: "3000" });
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.join(workDir, "usr/local/bin")}:/usr/bin:/bin`,
      HOME: "/nonexistent",
      ...image.env,
      NODE_ENV: "production",
      DATABASE_URL: getEnv().DATABASE_URL,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    };
    // `node` of the image is a copy of this Node (its own one sits under /root, which `nobody` cannot
    // enter); everything else is the image's command line.
    const node = path.join(workDir, "usr/local/bin/node");
    await mkdir(path.dirname(node), { recursive: true });
    await cp(process.execPath, node);
    const asImage = (argv: string[]) => startProcess(node, argv.slice(1), env, { cwd: image.dir, ...UNPRIVILEGED });

    // compose.yaml's migrate service, then the app (its CMD).
    const migrate = asImage(["node", "--enable-source-maps", "dist/server/migrate.mjs"]);
    started.push(migrate);
    expect(await migrate.exited).toEqual({ code: 0, signal: null });
    expect(migrate.lines.map((l) => l.msg)).toContain("database schema up to date");

    const app = asImage(image.cmd!);
    started.push(app);
    await app.waitForLine((l) => l.msg === "Shopwise is ready", 90_000);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);
    const products = await fetch(
      `${base}/api/trpc/catalog.products?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`,
    );
    expect(products.status).toBe(200);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Shopwise");
    const health = asImage(image.healthcheck!);
    expect(await health.exited).toEqual({ code: 0, signal: null });

    // compose.yaml's worker: the same image, another command.
    const worker = asImage(["node", "--enable-source-maps", "dist/server/worker.mjs"]);
    started.push(worker);
    await worker.waitForLine((l) => l.msg === "job workers started");
    process.kill(worker.pid, "SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    const signalled = Date.now();
    process.kill(app.pid, "SIGTERM");
    expect(await Promise.race([app.exited, sleep(15_000).then(() => "still running")])).toEqual({
      code: 0,
      signal: null,
    });
    expect((Date.now() - signalled) / 1000).toBeLessThan(10);
    expect(app.lines.some((l) => l.msg === "stopped")).toBe(true);
    expect(app.lines.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    expect(app.raw.filter((l) => /error|warn/i.test(l))).toEqual([]);
  }, 360_000);

  it("compose.yaml: app and worker wait for a migrated, healthy database; Redis is an opt-in profile", async () => {
    // merge: the services share one `x-app` block through YAML merge keys (<<), as Compose reads them.
    const compose = parse(await readFile(path.join(root, "compose.yaml"), "utf8"), { merge: true }) as {
      services: Record<string, Record<string, unknown>>;
    };
    const { app, worker, migrate, db, redis, mail } = compose.services;
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db", "mail", "migrate", "redis", "worker"]);
    for (const service of [app, worker])
      expect(service!.depends_on).toMatchObject({
        db: { condition: "service_healthy" },
        migrate: { condition: "service_completed_successfully" },
      });
    expect(migrate!.command).toEqual(["node", "--enable-source-maps", "dist/server/migrate.mjs"]);
    expect(migrate!.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(worker!.command).toEqual(["node", "--enable-source-maps", "dist/server/worker.mjs"]);
    expect(db!.image).toMatch(/^pgvector\/pgvector:/);
    expect(db!.healthcheck).toBeDefined();
    expect(redis!.profiles).toEqual(["redis"]);
    expect(mail!.image).toMatch(/mailpit/);
    expect(app!.environment).toMatchObject({ SMTP_URL: "smtp://mail:1025", JOBS_WORKER: "external" });
  });
});
