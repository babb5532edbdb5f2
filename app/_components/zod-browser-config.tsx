"use client";

import { z } from "zod";

// zod 4 probes for eval (`Function("")`) to compile faster object parsers; under the page CSP
// (no 'unsafe-eval') that probe is a reported violation. Browsers parse without it. Only there:
// the setting lives on globalThis, and the server process keeps its compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Rendered once by the root layout, so this runs before any client-side parse. */
export function ZodBrowserConfig() {
  return null;
}
