// @bugsnag/cuid ships its types (cuid.d.ts) outside its package.json "exports", so TypeScript's
// bundler resolution does not find them for the ESM entry; this restates them.
declare module "@bugsnag/cuid" {
  /** A collision-resistant id: "c", a timestamp, a counter, a host fingerprint and random blocks (25 characters). */
  export default function cuid(): string;
}
