import pino from "pino";
import { logLevel } from "../env";
import { currentContext } from "./request-context";

/**
 * The one logger: JSON lines on stdout, each carrying the correlation ID of the request or job
 * it runs in. Secrets are redacted by path so a careless `log.info({ input })` cannot leak them.
 */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "*.*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  // Auth.js account fields
  "*.access_token",
  "*.refresh_token",
  "*.id_token",
  "secret",
  "*.secret",
  "headers.cookie",
  "headers.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "*.smtpUrl",
];

/** The app's logger configuration; tests pass a stream and level to capture lines. */
export function createLogger(destination?: pino.DestinationStream, level = logLevel()) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "shopwise" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const ctx = currentContext();
      return ctx ? { correlationId: ctx.correlationId, ...(ctx.userId && { userId: ctx.userId }) } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = pino.Logger;

let instance: Logger | undefined;

export function getLogger(): Logger {
  return (instance ??= createLogger());
}

/** Tests capture lines by swapping the destination. */
export function setLogger(logger: Logger) {
  instance = logger;
}
