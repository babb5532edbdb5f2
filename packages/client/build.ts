/**
 * Builds @shopwise/client: `npm run build:client` (root). Writes dist/index.js (the client, with
 * no server code) and dist/index.d.ts (the router's types, self-contained). ADR 021 says why so.
 *
 * 1. tsc emits declarations for src/index.ts and everything of the server it names (.types/).
 * 2. rollup-plugin-dts bundles them into one file, inlining every package's types it reaches
 *    (zod's, for output types written as `z.infer`) except the three the package depends on.
 * 3. esbuild writes the JS, with those three left as imports.
 * 4. Both files are checked to import nothing else.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { rollup, type Plugin } from "rollup";
import { dts } from "rollup-plugin-dts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const dist = path.join(here, "dist");
const typesDir = path.join(here, ".types");

/** What the package imports: its peer dependencies, nothing else. */
export const CLIENT_DEPENDENCIES = ["@trpc/client", "@trpc/server", "superjson"];
const isDependency = (id: string) => CLIENT_DEPENDENCIES.some((dep) => id === dep || id.startsWith(`${dep}/`));

/**
 * Types that reach the router only through its context (`ctx.db`, `ctx.log`) or its meta (REST
 * routes), which a client never uses: declared opaque, so neither Prisma's client, pino nor
 * trpc-to-openapi (with Next's types behind it) is inlined. The build fails if a
 * declaration is no longer where it was, rather than ship them.
 */
const OPAQUE_TYPES: Record<string, [declaration: string, opaque: string]> = {
  "server/db/client.d.ts": [
    "export type Db = PrismaClient;",
    "export type Db = { readonly serverOnly: 'database client' };",
  ],
  "server/api/trpc.d.ts": [
    'import type { OpenApiMeta } from "trpc-to-openapi";',
    "type OpenApiMeta<TMeta> = TMeta & { openapi?: { readonly serverOnly: 'REST route' } };",
  ],
  "server/observability/logger.d.ts": [
    "export type Logger = pino.Logger;",
    "export type Logger = { readonly serverOnly: 'logger' };",
  ],
};

/** Every pg-boss name the server's files import, opaque (see serverOnlyStubs). */
const PG_BOSS_OPAQUE = ["PgBoss", "Job", "JobWithMetadata", "JobResult", "Queue", "QueuePolicy", "fromPrisma"]
  .map((name) => `export type ${name}<T = unknown> = { readonly serverOnly: "pg-boss ${name}"; readonly of?: T };`)
  .join("\n");

function serverOnlyStubs(): Plugin {
  const opaque = new Map(Object.entries(OPAQUE_TYPES).map(([file, swap]) => [path.join(typesDir, file), swap]));
  return {
    name: "server-only-stubs",
    // `import "server-only"` guards the server's modules at run time; it has no types to carry.
    // pg-boss reaches the router's files only through server functions a client never calls (the
    // jobs console's outputs are plain data): opaque too, or its types (and pg's) would be inlined.
    resolveId: (id) => (id === "server-only" ? "\0server-only" : id === "pg-boss" ? "\0pg-boss" : null),
    load: (id) => (id === "\0server-only" ? "export {};" : id === "\0pg-boss" ? PG_BOSS_OPAQUE : null),
    transform(code, id) {
      const swap = opaque.get(id);
      if (!swap) return null;
      if (!code.includes(swap[0])) throw new Error(`${path.relative(typesDir, id)} no longer declares \`${swap[0]}\``);
      return code.replace(swap[0], swap[1]);
    },
  };
}

function importsOf(code: string) {
  return [
    ...code.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|^import\s+["']([^"']+)["']/gm),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function assertOnlyDependencies(file: string) {
  const stray = importsOf(readFileSync(file, "utf8")).filter((id) => !isDependency(id));
  if (stray.length) throw new Error(`${path.relative(root, file)} imports ${[...new Set(stray)].join(", ")}`);
}

export async function buildClient() {
  rmSync(dist, { recursive: true, force: true });
  rmSync(typesDir, { recursive: true, force: true });
  execFileSync(path.join(root, "node_modules/.bin/tsc"), ["-p", path.join(here, "tsconfig.build.json")], {
    stdio: "inherit",
  });

  const bundle = await rollup({
    input: path.join(typesDir, "packages/client/src/index.d.ts"),
    external: isDependency,
    plugins: [serverOnlyStubs(), dts({ respectExternal: true })],
    onwarn: (warning) => {
      // Node's own modules (pino's `events`) stay unresolved; the import check below fails the
      // build if one survives into the bundle.
      if (warning.code !== "UNRESOLVED_IMPORT") throw new Error(`rollup-plugin-dts: ${warning.message}`);
    },
  });
  await bundle.write({ file: path.join(dist, "index.d.ts"), format: "es" });
  await bundle.close();

  await build({
    entryPoints: [path.join(here, "src/index.ts")],
    outfile: path.join(dist, "index.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: CLIENT_DEPENDENCIES,
    logLevel: "warning",
  });

  for (const file of ["index.d.ts", "index.js"]) assertOnlyDependencies(path.join(dist, file));
  rmSync(typesDir, { recursive: true, force: true });
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildClient();
  const sizes = ["index.js", "index.d.ts"].map(
    (f) => `${f} ${Math.round(readFileSync(path.join(out, f)).length / 1024)} KB`,
  );
  console.log(`@shopwise/client built: ${sizes.join(", ")}`);
}
