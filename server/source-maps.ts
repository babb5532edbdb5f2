/**
 * Imported first by every self-hosted entry (main, worker, migrate). They run under
 * `node --enable-source-maps` for readable stacks of our own bundle (dist/server/*.mjs.map), but that
 * flag also parses and keeps the map of every file under node_modules that ships one: ~60 MB of
 * the web process's memory, for stacks inside libraries nobody reads (ADR 035). From here on,
 * only our files' maps load; the ones loaded before (this entry's static imports) stay.
 */
import { getSourceMapsSupport, setSourceMapsSupport } from "node:module";

if (getSourceMapsSupport().enabled) setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
