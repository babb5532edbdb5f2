/**
 * `npm run build:server` (the second half of `npm run build`): bundles the self-hosted entries
 * into dist/server/*.mjs, so `npm start` and `npm run worker` run plain JavaScript instead of
 * compiling TypeScript at every start (docs/decisions/023-compiled-server-and-docker.md).
 * Run by Node itself (type stripping): nothing here may need a TypeScript compiler.
 */
import { build } from "esbuild";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist/server");

const entryPoints = {
  main: "server/main.ts",
  worker: "server/jobs/worker.ts",
  migrate: "server/db/migrate-deploy.ts",
  // Piscina loads it by file name in a worker thread (server/reviews/sentiment-pool.ts).
  "sentiment-worker": "server/reviews/sentiment-worker.ts",
};
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  // Dynamic imports stay lazy (the seed, faker, the chat stack load when first used, as from source).
  splitting: true,
  // Beside the entries, so a module's `new URL("./x.mjs", import.meta.url)` means the same in any chunk.
  chunkNames: "[name]-[hash]",
  platform: "node",
  format: "esm",
  target: "node24",
  // node_modules stay where npm put them, resolved at run time: Next, Prisma's WASM query compiler,
  // argon2's native binding and pg-boss load files next to their own code.
  packages: "external",
  // `~/*` comes from the tsconfig; server-only throws outside Next's bundler, so the shim replaces it.
  tsconfig: "server/tsconfig.node.json",
  alias: { "server-only": "./server/server-only-shim.ts" },
  sourcemap: true,
  sourcesContent: false,
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
});
// Stale chunks go after the new files are written, not before: a server already running from this
// folder may still load a lazy chunk, and an unchanged chunk keeps its content-hashed name.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
for (const file of await readdir(outdir))
  if (!written.has(path.join(outdir, file))) await rm(path.join(outdir, file), { recursive: true, force: true });

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".mjs"));
const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;
const entries = outputs.filter(([file]) => Object.keys(entryPoints).includes(path.basename(file, ".mjs")));
for (const [file, output] of entries)
  console.warn(`  ${path.relative(root, path.resolve(root, file))}  ${kB(output.bytes)}`);
const chunks = outputs.filter((output) => !entries.includes(output));
console.warn(`  + ${chunks.length} shared / lazy chunks  ${kB(chunks.reduce((sum, [, o]) => sum + o.bytes, 0))}`);
