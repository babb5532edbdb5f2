// Node processes that run our TypeScript directly (self-hosted server, worker, seed, tests) map
// `server-only` here (server/tsconfig.node.json, vitest.config.ts). Next.js bundles keep the real
// package, which fails the build when a client component imports a server module.
export {};
