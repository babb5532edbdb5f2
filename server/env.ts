import nextEnv from "@next/env"; // CommonJS: no named imports under plain Node
import { z } from "zod";

/**
 * The only reader of process.env. Every setting is validated here; a bad value stops the process
 * with a message naming the variable. `.env.example` documents each one.
 */

const PLACEHOLDER_SECRETS = ["changeme", "change-me", "replace-me", "secret", "your-secret-here"];

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const optionalString = z.string().min(1).optional();
const optionalUrl = z.url().optional();

/**
 * A rate limit as "points/seconds" ("120/60": 120 calls per 60 s window), so one variable carries
 * a whole policy and cannot be half set.
 */
const rateLimit = (fallback: string) =>
  z
    .string()
    .regex(/^\s*\d+\s*\/\s*\d+\s*$/, 'must look like points/seconds, e.g. "120/60"')
    .default(fallback)
    .transform((v) => {
      const [points, windowSeconds] = v.split("/").map(Number) as [number, number];
      return { points, windowSeconds };
    })
    .refine((l) => l.points >= 1 && l.points <= 1_000_000_000, "points must be 1 to 1000000000")
    .refine((l) => l.windowSeconds >= 1 && l.windowSeconds <= 86_400, "seconds must be 1 to 86400");

const settings = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Unset: the dev/start scripts launch embedded PostgreSQL and set it for the app. */
  DATABASE_URL: z
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Connections each process keeps to PostgreSQL: its share of the server's max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /**
   * Prepared statements, planned once per connection (server/db/client.ts): less database CPU per
   * call, in exchange for the correlation comment on each statement. Off by default.
   */
  DATABASE_PREPARED_STATEMENTS: bool.default(false),
  /** Set by the launcher when it started embedded PostgreSQL; not for operators. */
  SHOPWISE_EMBEDDED_DB: bool.default(false),
  /** Set by server/main.ts: it logs every request, so route handlers do not log again. */
  SHOPWISE_SELF_HOSTED: bool.default(false),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Default: loopback for local runs (dev, embedded database), all interfaces in production. */
  HOST: z.string().min(1).optional(),
  /** Behind one reverse proxy that appends to X-Forwarded-For: its last hop is the client IP. */
  TRUST_PROXY: bool.default(false),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),

  AUTH_SECRET: optionalString,
  AUTH_URL: optionalUrl,
  AUTH_TRUST_HOST: bool.default(true),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_OIDC_ISSUER: optionalUrl,
  AUTH_OIDC_ID: optionalString,
  AUTH_OIDC_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_LOCK_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /** Sign-up attempts one IP may make per window (accounts from one address; a NAT shares it). */
  SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
  SIGNUP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3600),

  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().min(3).default("Shopwise <no-reply@shopwise.local>"),
  /**
   * The dev mailbox (outbox mail, ADMIN only). Default: on under `npm run dev` and in tests, off in
   * every production process whatever the database; the e2e suite sets it explicitly.
   */
  DEV_MAILBOX: bool.optional(),
  /** This process's name on the event bus, in its logs and readiness (default: host-PID-random). */
  INSTANCE_ID: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, "letters, digits and . _ : - only, at most 100")
    .optional(),
  /** `in-process`: this server also runs the job workers; `external`: `npm run worker` does. */
  JOBS_WORKER: z.enum(["in-process", "external"]).default("in-process"),
  /** Jobs running at once per process, per queue: "mail.welcome=32,knowledge.ingest=1". */
  JOBS_CONCURRENCY: z
    .string()
    .regex(/^\s*[\w.-]+=\d+\s*(,\s*[\w.-]+=\d+\s*)*$/, "must look like queue=number,queue=number")
    .transform((v) =>
      Object.fromEntries(
        v.split(",").map((pair) => {
          const [queue, n] = pair.split("=");
          return [queue!.trim(), Number(n)];
        }),
      ),
    )
    .refine((m) => Object.values(m).every((n) => n >= 1 && n <= 256), "each concurrency must be 1 to 256")
    .optional(),
  /** Most jobs a worker takes from a queue in one fetch (capped by that queue's concurrency). */
  JOBS_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(32),
  /** After SIGTERM/SIGINT: how long requests and running jobs get before the process exits anyway. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** AI providers (server/ai/providers.ts). Nothing set: the offline local provider. */
  OPENAI_API_KEY: optionalString,
  /** An OpenAI-compatible server (Ollama, vLLM, LM Studio), e.g. http://localhost:11434/v1. */
  AI_BASE_URL: optionalUrl,
  AI_API_KEY: optionalString,
  /** Chat models offered, comma-separated, first is the default (e.g. "gpt-4o-mini,gpt-4o"). */
  AI_CHAT_MODELS: optionalString,
  /** Embedding model of the configured provider (e.g. text-embedding-3-small, nomic-embed-text). */
  AI_EMBEDDING_MODEL: optionalString,
  /** Similarity search: pgvector when the database has it (auto), or always exact, or pgvector or fail. */
  AI_VECTOR_SEARCH: z.enum(["auto", "exact", "pgvector"]).default("auto"),
  /** The offline model's pause between streamed words, in ms (about a hosted model's pace). */
  LOCAL_MODEL_WORD_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(30),
  /** Assistant turns per hour: per signed-in user, and per IP for anonymous visitors. */
  CHAT_USER_QUOTA_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(100),
  CHAT_ANONYMOUS_QUOTA_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  /**
   * Counter store of every rate limit (API limits, sign-in / sign-up throttles, assistant quota):
   * Redis when set, else PostgreSQL's RateLimit table.
   */
  REDIS_URL: z
    .url()
    .refine((u) => /^rediss?:\/\//.test(u), "must be a redis:// or rediss:// URL")
    .optional(),
  /** tRPC calls per API key, else per user, else per IP, by class (server/api/rate-limits.ts). */
  RATE_LIMIT_READS: rateLimit("1200/60"),
  RATE_LIMIT_WRITES: rateLimit("120/60"),
  RATE_LIMIT_CHECKOUT: rateLimit("30/60"),
  RATE_LIMIT_ASSISTANT: rateLimit("60/60"),
  /** Largest tRPC request body, in KB (413 past it), on both transports. */
  TRPC_MAX_BODY_KB: z.coerce.number().int().min(64).max(65_536).default(1024),
  /** Most calls in one tRPC batch (400 past it); the browser client sends at most 10. */
  TRPC_MAX_BATCH: z.coerce.number().int().min(10).max(1000).default(20),
  /**
   * File storage (server/storage): uploads go to this S3-compatible bucket when set, else into
   * PostgreSQL (the StoredFile table). Endpoint for MinIO, R2, Ceph and the like; path-style
   * addressing for servers without virtual-host buckets. Keys unset: the AWS SDK's default
   * credential chain (instance role, AWS_* variables).
   */
  S3_BUCKET: optionalString,
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Largest knowledge-base upload (POST /api/upload), in megabytes. */
  KNOWLEDGE_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(512).default(10),
  /** Bearer token of the cron routes (/api/cron/*) for hosts without a worker (Vercel); unset: off. */
  CRON_SECRET: z.string().min(16).optional(),
  /** How long a staff reply waits unseen before the shopper is mailed a link back (support). */
  SUPPORT_REPLY_MAIL_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** How long an unpaid order holds its stock before the expiry job cancels it. */
  ORDER_PAYMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Unpaid (PENDING) orders one account may have at once. */
  ORDER_MAX_PENDING_PER_USER: z.coerce.number().int().min(1).max(1_000).default(5),
  /** Units of one product one account may hold in unpaid orders, all together (so also per order). */
  ORDER_MAX_UNITS_PER_PRODUCT: z.coerce.number().int().min(1).max(100_000).default(10),
  /**
   * Webhook URLs on private, loopback or link-local addresses (and plain http in production).
   * Default: allowed in development and tests (receivers on localhost), refused in production (SSRF).
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: bool.optional(),
  /**
   * Traces (server/observability/tracing.ts): spans go to this OTLP/HTTP collector (its base URL;
   * /v1/traces is appended) when set; unset, nothing is exported and the spans cost nothing.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** Headers of every export ("key=value,key2=value2"), e.g. a vendor's API key. */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, "must look like key=value,key2=value2")
    .transform((v) =>
      Object.fromEntries(
        v.split(",").map((pair) => {
          const at = pair.indexOf("=");
          return [pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim())];
        }),
      ),
    )
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("shopwise"),
  /** Bearer token of GET /api/metrics (Prometheus text format); unset, the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Products the embedded database is seeded with on first start (10000+ for benchmarks). */
  SEED_PRODUCTS: z.coerce.number().int().min(0).max(200_000).default(2_000),
});

export const envSchema = settings
  .superRefine((env, ctx) => {
    const isProd = env.NODE_ENV === "production";
    if (env.AUTH_SECRET && isProd) {
      if (env.AUTH_SECRET.length < 32)
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_SECRET"],
          message: "must be at least 32 characters in production (openssl rand -base64 32)",
        });
      if (PLACEHOLDER_SECRETS.some((p) => env.AUTH_SECRET!.toLowerCase().includes(p)))
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_SECRET"],
          message: "is a placeholder; generate one with openssl rand -base64 32",
        });
    }
    if (isProd && !env.AUTH_SECRET)
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    const pairs = [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
      ["AUTH_OIDC_ID", "AUTH_OIDC_ISSUER"],
      ["S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"],
    ] as const;
    for (const [a, b] of pairs)
      if (Boolean(env[a]) !== Boolean(env[b]))
        ctx.addIssue({
          code: "custom",
          path: [env[a] ? b : a],
          message: `must be set together with ${env[a] ? a : b}`,
        });
    for (const key of ["S3_ENDPOINT", "S3_ACCESS_KEY_ID"] as const)
      if (env[key] && !env.S3_BUCKET)
        ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: `must be set when ${key} is (S3 storage)` });
  })
  .transform((env) => ({
    ...env,
    HOST: env.HOST ?? (env.NODE_ENV === "production" && !env.SHOPWISE_EMBEDDED_DB ? "0.0.0.0" : "127.0.0.1"),
    LOG_LEVEL: env.LOG_LEVEL ?? defaultLogLevel(env.NODE_ENV),
    DEV_MAILBOX: env.DEV_MAILBOX ?? env.NODE_ENV !== "production",
    WEBHOOK_ALLOW_PRIVATE_URLS: env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.NODE_ENV !== "production",
  }));

export type Env = z.infer<typeof envSchema>;

const defaultLogLevel = (nodeEnv: string) => (nodeEnv === "test" ? "silent" : "info");

/** An exported but empty variable means "not set", so its default applies. */
function nonEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
}

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" +
        issues.map((i) => `  ${i.variable} ${i.message}`).join("\n") +
        "\nSee .env.example for every setting.",
    );
    this.name = "EnvError";
  }
}

/** Parses settings, or throws an EnvError that names each bad variable. */
function parseSettings<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(nonEmpty(source));
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message })));
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseSettings(envSchema, source);
}

let cached: Env | undefined;

/** Validated settings, parsed on first use (so launchers may set variables before that). */
export function getEnv(): Env {
  return (cached ??= parseEnv(process.env));
}

/** Re-reads process.env on next use (tests that change a setting). */
export function reloadEnv() {
  cached = undefined;
}

/**
 * The few settings the launcher needs before the full validation: whether to start embedded
 * PostgreSQL, where local state lives, and whether a local AUTH_SECRET may be generated.
 */
export function bootSettings() {
  return parseSettings(
    settings.pick({ NODE_ENV: true, DATABASE_URL: true, DATA_DIR: true, AUTH_SECRET: true }),
    process.env,
  );
}

/** LOG_LEVEL alone, readable before the full validation (the launcher logs before it runs). */
export function logLevel(): Env["LOG_LEVEL"] {
  const { NODE_ENV, LOG_LEVEL } = parseSettings(settings.pick({ NODE_ENV: true, LOG_LEVEL: true }), process.env);
  return LOG_LEVEL ?? defaultLogLevel(NODE_ENV);
}

/** AUTH_URL alone, readable without the full validation (next.config.ts reads it at build time). */
export function publicUrl(): string | undefined {
  return parseSettings(settings.pick({ AUTH_URL: true }), process.env).AUTH_URL;
}

/** Loads .env files the way Next.js does, before anything reads settings. */
export function loadEnvFiles(dev: boolean) {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
  cached = undefined;
}

/** Values the launcher computes (embedded database URL, local secret) for settings left unset. */
export function setEnvDefaults(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) if (!process.env[key]) process.env[key] = value;
  cached = undefined;
}
