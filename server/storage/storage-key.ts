/**
 * Keys become S3 object names and a primary key: plain lower-case segments only (no "..", no
 * leading "/"), so every store accepts the same keys and none can name a path outside its space.
 */
const KEY = /^[a-z0-9][a-z0-9._-]{0,99}(\/[a-z0-9][a-z0-9._-]{0,99}){0,3}$/;

/** Throws on a key outside that form. */
export function checkKey(key: string) {
  if (!KEY.test(key) || key.includes("..")) throw new Error(`not a valid storage key: ${JSON.stringify(key)}`);
}
