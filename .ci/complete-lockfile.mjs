// Restores lockfile entries for other platforms' optional binaries (@next/swc-darwin-arm64 …).
// This machine's registry lacks some of them, so `npm install` leaves them out of
// package-lock.json, and `npm ci` then refuses the lock everywhere ("Missing: … from lock file").
// Run after changing dependencies here: `node .ci/complete-lockfile.mjs`. Entries carry version,
// os, cpu and libc, so npm skips them on other platforms and fetches them on their own.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const check = () => {
  try {
    execFileSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { stdio: "pipe", encoding: "utf8" });
    return [];
  } catch (error) {
    return [...`${error.stdout}${error.stderr}`.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((m) => m[1]);
  }
};

const missing = check();
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const m = name.match(
    /(android|darwin|freebsd|linux|openharmony|win32|wasm32)-?([a-z0-9]*?)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi|wasi))?$/,
  );
  if (!m) throw new Error(`cannot tell the platform of ${name}`);
  const [, os, cpu, abi] = m;
  if (os === "wasm32") return { cpu: ["wasm32"] };
  const libc = abi?.startsWith("gnu") ? ["glibc"] : abi?.startsWith("musl") ? ["musl"] : undefined;
  return { os: [os], cpu: [cpu], ...(libc && { libc }) };
}

for (const name of missing) {
  const parent = Object.values(packages).find((p) => p.optionalDependencies?.[name]);
  const version = parent?.optionalDependencies[name];
  if (!version || !/^\d+\.\d+\.\d+/.test(version)) throw new Error(`no exact version for ${name} (${version})`);
  packages[`node_modules/${name}`] = { version, optional: true, ...platformOf(name) };
  console.log(`added ${name}@${version}`);
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
const left = check();
if (left.length) throw new Error(`still missing: ${left.join(", ")}`);
console.log(missing.length ? "package-lock.json is complete again" : "package-lock.json was complete");
