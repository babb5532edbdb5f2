import { z } from "zod";

/**
 * Input of a cursor-paginated list. `cursor` and `direction` are what tRPC's
 * `useInfiniteQuery` adds to the input it is given; lists page forward only.
 */
export function cursorPageInput(options: { defaultLimit: number; maxLimit: number }) {
  return z.strictObject({
    cursor: z.string().min(1).nullish(),
    direction: z.enum(["forward", "backward"]).optional(),
    limit: z.number().int().min(1).max(options.maxLimit).default(options.defaultLimit),
  });
}
