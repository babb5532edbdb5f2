/** At or below this, a product shows that few are left. */
export const LOW_STOCK = 5;

/** A product's availability in words, the same in the shop, the assistant and its tools. */
export function availabilityOf(stock: number): string {
  if (stock <= 0) return "out of stock";
  if (stock <= LOW_STOCK) return `only ${stock} left`;
  return "in stock";
}
