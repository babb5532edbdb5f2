/**
 * The cart lives in localStorage, so it survives reloads and is shared by every tab: writes here
 * notify this tab's subscribers, and the `storage` event tells the other tabs.
 */

export interface CartLine {
  productId: string;
  slug: string;
  name: string;
  /** Price when added, a 2-decimal string; checkout charges the current price. */
  price: string;
  imageUrl: string | null;
  /** Stock when last added: caps the quantity the cart offers (the server has the final word). */
  stock: number;
  quantity: number;
}

/** The API's limit per line. */
export const MAX_QUANTITY = 99;
/** The API's limit of different products per order. */
export const MAX_LINES = 50;

const STORAGE_KEY = "shopwise:cart:v1";
const EMPTY: readonly CartLine[] = Object.freeze([]);
const listeners = new Set<() => void>();

let cachedRaw: string | null = null;
let cachedLines: readonly CartLine[] = EMPTY;
/** Set when storage refused a write: the cart then lives in memory for this page. */
let memoryOnly: readonly CartLine[] | null = null;

export const maxQuantityOf = (line: Pick<CartLine, "stock">) => Math.max(1, Math.min(MAX_QUANTITY, line.stock));

function isLine(value: unknown): value is CartLine {
  if (typeof value !== "object" || value === null) return false;
  const l = value as Record<string, unknown>;
  return (
    typeof l.productId === "string" &&
    typeof l.slug === "string" &&
    typeof l.name === "string" &&
    typeof l.price === "string" &&
    /^\d{1,8}\.\d{2}$/.test(l.price) &&
    (l.imageUrl === null || typeof l.imageUrl === "string") &&
    Number.isInteger(l.stock) &&
    Number.isInteger(l.quantity) &&
    (l.quantity as number) >= 1
  );
}

/** Whatever is stored, only well-formed lines come back (storage is editable by anyone). */
function parse(raw: string | null): readonly CartLine[] {
  if (!raw) return EMPTY;
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return EMPTY;
    return value
      .filter(isLine)
      .slice(0, MAX_LINES)
      .map((l) => ({ ...l, quantity: Math.min(l.quantity, MAX_QUANTITY) }));
  } catch {
    return EMPTY;
  }
}

export function readCart(): readonly CartLine[] {
  if (memoryOnly) return memoryOnly;
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be switched off (private modes, policies): the cart is then empty.
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedLines = parse(raw);
  }
  return cachedLines;
}

export const serverCart = () => EMPTY;

export function writeCart(lines: readonly CartLine[]) {
  try {
    if (lines.length) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
    else window.localStorage.removeItem(STORAGE_KEY);
    memoryOnly = null;
  } catch {
    // Quota or disabled storage: keep the cart for this page at least.
    memoryOnly = lines;
  }
  for (const listener of listeners) listener();
}

export function subscribeCart(listener: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  listeners.add(listener);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}
