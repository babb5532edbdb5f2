import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      "~": root,
      // Outside Next's bundler `server-only` would throw; see server/server-only-shim.ts.
      "server-only": path.join(root, "server/server-only-shim.ts"),
    },
  },
  test: {
    include: ["server/**/*.test.ts", "app/**/*.test.ts", "packages/**/*.test.ts"],
    globalSetup: ["server/test/global-setup.ts"],
    setupFiles: ["server/test/setup.ts"],
    // next-auth imports "next/server" without an extension; Vite's resolver handles that.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["server/**/*.ts"],
      exclude: [
        "server/**/*.test.ts",
        "server/test/**",
        "server/db/generated/**",
        // Process entry points: exercised end to end by the Playwright suite, not in-process.
        "server/main.ts",
        "server/jobs/worker.ts",
        "server/db/migrate-deploy.ts",
        "server/build.ts",
        "server/bench/**",
        "server/ai/eval/cli.ts",
      ],
      reporter: ["text-summary", "html", "json-summary"],
      thresholds: { lines: 80 },
    },
  },
});
