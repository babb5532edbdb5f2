import { execFile } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_EXAMPLE } from "~/app/developers/examples";
import { createTrpcNodeHandler } from "~/server/api/http";
import { db } from "~/server/db/client";
import { handleNodeRequest } from "~/server/observability/http";
import { callerFor, createProduct, createUser } from "~/server/test/factories";

/**
 * The package as a developer gets it: built, packed, installed from the tarball into a fresh
 * TypeScript project, type-checked, and run against a live server with a real API key.
 */

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const example = path.join(import.meta.dirname, "examples/place-order.ts");
const rootManifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const pinned = (name: string) => `${name}@${rootManifest.dependencies[name] ?? rootManifest.devDependencies[name]}`;

let project = "";
let tarball = "";
let packedFiles: string[] = [];
const tsc = (...args: string[]) =>
  run(path.join(project, "node_modules/.bin/tsc"), ["-p", project, ...args], { cwd: project }).then(
    () => ({ code: 0, output: "" }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );

// A developer's tsconfig, as `tsc --init` writes it for a Node ESM project.
const developerTsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: true,
    types: ["node"],
    outDir: "out",
  },
  include: ["*.ts"],
};

beforeAll(async () => {
  await run("npm", ["run", "--silent", "build:client"], { cwd: root });
  project = await mkdtemp(path.join(os.tmpdir(), "shopwise-client-"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", project], {
    cwd: path.join(root, "packages/client"),
  });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(project, packed!.filename);
  packedFiles = packed!.files.map((f) => f.path).sort();

  await run("npm", ["init", "-y"], { cwd: project });
  await run("npm", ["pkg", "set", "type=module"], { cwd: project });
  // Only the package, its declared peers and a compiler: none of the server's dependencies.
  const install = [tarball, "@trpc/client", "@trpc/server", "superjson", "typescript", "@types/node"];
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", ...install.map((p) => (p === tarball ? p : pinned(p)))],
    { cwd: project },
  );
  await writeFile(path.join(project, "tsconfig.json"), JSON.stringify(developerTsconfig, null, 2));
  await copyFile(example, path.join(project, "script.ts"));
}, 240_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

// tsc over a fresh project takes seconds; on a busy CI machine, more than the default 20.
describe("@shopwise/client, packed and installed", { timeout: 120_000 }, () => {
  it("ships only its built files, with the root's version and the root's pinned peers", async () => {
    expect(packedFiles).toEqual(["README.md", "dist/index.d.ts", "dist/index.js", "package.json"]);
    const installed = path.join(project, "node_modules/@shopwise/client");
    const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as {
      version: string;
      peerDependencies: Record<string, string>;
    };
    expect(manifest.version).toBe(rootManifest.version);
    expect(Object.entries(manifest.peerDependencies).map(([name, v]) => `${name}@${v}`)).toEqual(
      ["@trpc/client", "@trpc/server", "superjson"].map(pinned),
    );
  });

  it("contains no server code and imports nothing but its peers", async () => {
    const dist = path.join(project, "node_modules/@shopwise/client/dist");
    const js = await readFile(path.join(dist, "index.js"), "utf8");
    expect(js).not.toMatch(/prisma|\bpg\b|pg-boss|server\/|next-auth|zod/i);
    const imports = (code: string) => [...code.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]);
    expect(new Set(imports(js))).toEqual(new Set(["@trpc/client", "superjson"]));
    const dts = await readFile(path.join(dist, "index.d.ts"), "utf8");
    for (const id of imports(dts)) expect(id).toMatch(/^(@trpc\/client|@trpc\/server(\/.+)?|superjson)$/);
    expect(dts).not.toMatch(/import\(["']/);
  });

  it("type-checks the developer guide's script, and its declarations on their own", async () => {
    expect(await tsc("--noEmit")).toEqual({ code: 0, output: "" });
    // With every declaration checked, tRPC's own wsLink types want the `ws` package; ours want nothing.
    const strict = await tsc("--noEmit", "--skipLibCheck", "false");
    expect(strict.output).not.toContain("@shopwise/client");
  });

  it("makes tsc report a wrong input type, naming the line", async () => {
    const script = await readFile(example, "utf8");
    expect(script).toContain("quantity: 1 }");
    await writeFile(path.join(project, "broken.ts"), script.replace("quantity: 1 }", 'quantity: "two" }'));
    const { code, output } = await tsc("--noEmit");
    await rm(path.join(project, "broken.ts"));
    expect(code).not.toBe(0);
    const line = script.split("\n").findIndex((l) => l.includes("quantity: 1 }")) + 1;
    const errors = output.trim().split("\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^broken\\.ts\\(${line},\\d+\\): error TS2322: Type 'string' is not assignable to type 'number'`),
    );
  });

  it("is the script the README's developer section and the /developers page show", async () => {
    const readme = await readFile(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## For developers"), readme.indexOf("## Scripts"));
    expect(section).toContain(`\`\`\`ts\n${await readFile(example, "utf8")}\`\`\``);
    expect(CLIENT_EXAMPLE).toBe(await readFile(example, "utf8"));
  });

  describe("against a live server", () => {
    const server = createServer((req, res) => handleNodeRequest(req, res, () => createTrpcNodeHandler()(req, res)));
    let baseUrl = "";
    beforeAll(async () => {
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      expect(await tsc()).toEqual({ code: 0, output: "" }); // emits out/script.js
    }, 120_000);
    afterAll(() => server.close());

    const runScript = (apiKey: string) =>
      run("node", [path.join(project, "out/script.js")], {
        cwd: project,
        env: { PATH: process.env.PATH, NODE_ENV: "production", SHOPWISE_URL: baseUrl, SHOPWISE_API_KEY: apiKey },
      }).then(
        ({ stdout }) => ({ code: 0, printed: JSON.parse(stdout) as Record<string, unknown> }),
        (error: { code: number; stdout: string }) => ({ code: error.code, printed: JSON.parse(error.stdout) }),
      );

    it("lists products, places an order with an idempotency key and reads it back", async () => {
      const user = await createUser();
      await createProduct({ stock: 5 });
      const { secret } = await callerFor(user).apiKeys.create({
        name: "client package test",
        scopes: ["catalog:read", "orders:read", "orders:write"],
      });

      const { code, printed } = await runScript(secret);
      expect(code).toBe(0);
      expect(printed).toMatchObject({
        status: "PENDING",
        total: expect.stringMatching(/^\d+\.\d{2}$/),
        sameOrderOnRetry: true,
      });
      const orders = await db.order.findMany({ where: { userId: user.id }, include: { items: true } });
      expect(orders.map((o) => o.id)).toEqual([printed.id]);
      expect(orders[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(orders[0]!.items).toMatchObject([{ quantity: 1 }]);
      expect(printed.reference).toBe(printed.id.slice(-8).toUpperCase());
    });

    it("tells a refused key by its stable code", async () => {
      const user = await createUser();
      const { secret } = await callerFor(user).apiKeys.create({ name: "catalog only", scopes: ["catalog:read"] });
      await createProduct({ stock: 5 });

      const { code, printed } = await runScript(secret);
      expect(code).toBe(1);
      expect(printed).toEqual({ failed: "API_KEY_SCOPE_REQUIRED" });
      expect(await db.order.count({ where: { userId: user.id } })).toBe(0);
    });
  });
});
