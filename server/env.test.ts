import { describe, expect, it } from "vitest";
import { bootSettings, EnvError, parseEnv } from "./env";

const strongSecret = "k3Zq9vX2mN8pR4tY7wB1cD5fG6hJ0lQa";
const failure = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
  }
  throw new Error("expected an EnvError");
};

describe("settings", () => {
  it("apply defaults for a local run with nothing configured", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      LOG_LEVEL: "info",
      JOBS_WORKER: "in-process",
      DEV_MAILBOX: true,
      AUTH_TRUST_HOST: true,
    });
    expect(parseEnv({ NODE_ENV: "test" }).LOG_LEVEL).toBe("silent");
  });

  it("treat an exported but empty variable as unset", () => {
    expect(parseEnv({ PORT: "", DATA_DIR: "", DATABASE_URL: "" })).toMatchObject({ PORT: 3000, DATA_DIR: ".data" });
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("listen on loopback for local runs and on all interfaces in production", () => {
    expect(parseEnv({}).HOST).toBe("127.0.0.1");
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: strongSecret }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: strongSecret, SHOPWISE_EMBEDDED_DB: "1" }).HOST).toBe(
      "127.0.0.1",
    );
    expect(parseEnv({ HOST: "::" }).HOST).toBe("::");
  });

  it("name the bad variable in the message", () => {
    const error = failure({ DATABASE_URL: "mysql://localhost/db", PORT: "http" });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(["DATABASE_URL", "PORT"]);
    expect(error.message).toMatch(/DATABASE_URL must be a postgres/);
    expect(error.message).toContain(".env.example");
  });

  it("name a bad DATABASE_URL before the launcher acts on it", () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "not a url";
    try {
      expect(() => bootSettings()).toThrow(EnvError);
      expect(() => bootSettings()).toThrow(/DATABASE_URL/);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("require a real secret in production and refuse placeholders", () => {
    expect(failure({ NODE_ENV: "production" }).message).toMatch(/AUTH_SECRET is required in production/);
    expect(failure({ NODE_ENV: "production", AUTH_SECRET: "changeme-changeme-changeme-changeme" }).message).toMatch(
      /AUTH_SECRET is a placeholder/,
    );
    expect(failure({ NODE_ENV: "production", AUTH_SECRET: "short" }).message).toMatch(/at least 32 characters/);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: strongSecret }).AUTH_SECRET).toBe(strongSecret);
  });

  it("require OAuth settings in complete pairs", () => {
    expect(failure({ AUTH_GITHUB_ID: "abc" }).issues).toEqual([
      expect.objectContaining({ variable: "AUTH_GITHUB_SECRET" }),
    ]);
    expect(failure({ AUTH_OIDC_ID: "abc", AUTH_OIDC_SECRET: "def" }).issues).toEqual([
      expect.objectContaining({ variable: "AUTH_OIDC_ISSUER" }),
    ]);
  });

  it("turn the dev mailbox off in production, whatever the database, unless it is asked for", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: strongSecret };
    expect(parseEnv(prod).DEV_MAILBOX).toBe(false);
    expect(parseEnv({ ...prod, SHOPWISE_EMBEDDED_DB: "true" }).DEV_MAILBOX).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).DEV_MAILBOX).toBe(true);
    expect(parseEnv({ ...prod, DEV_MAILBOX: "1" }).DEV_MAILBOX).toBe(true);
    expect(parseEnv({ DEV_MAILBOX: "false" }).DEV_MAILBOX).toBe(false);
  });

  it("read rate limits as points/seconds, with generous defaults, and name a bad one", () => {
    expect(parseEnv({})).toMatchObject({
      RATE_LIMIT_READS: { points: 1200, windowSeconds: 60 },
      RATE_LIMIT_WRITES: { points: 120, windowSeconds: 60 },
      RATE_LIMIT_CHECKOUT: { points: 30, windowSeconds: 60 },
      RATE_LIMIT_ASSISTANT: { points: 60, windowSeconds: 60 },
    });
    expect(parseEnv({ RATE_LIMIT_WRITES: " 10 / 1 " }).RATE_LIMIT_WRITES).toEqual({ points: 10, windowSeconds: 1 });
    expect(failure({ RATE_LIMIT_READS: "600" }).issues).toEqual([
      expect.objectContaining({ variable: "RATE_LIMIT_READS", message: expect.stringMatching(/points\/seconds/) }),
    ]);
    expect(failure({ RATE_LIMIT_CHECKOUT: "0/60" }).issues[0]!.variable).toBe("RATE_LIMIT_CHECKOUT");
    expect(failure({ RATE_LIMIT_ASSISTANT: "5/0" }).issues[0]!.variable).toBe("RATE_LIMIT_ASSISTANT");
    expect(failure({ REDIS_URL: "http://localhost:6379" }).issues[0]!.variable).toBe("REDIS_URL");
    expect(parseEnv({ REDIS_URL: "rediss://cache.example.com:6380" }).REDIS_URL).toBe(
      "rediss://cache.example.com:6380",
    );
  });

  it("refuse private webhook URLs in production unless WEBHOOK_ALLOW_PRIVATE_URLS says otherwise", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: strongSecret };
    expect(parseEnv(prod).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
    expect(parseEnv({ ...prod, WEBHOOK_ALLOW_PRIVATE_URLS: "true" }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(true);
    expect(parseEnv({ NODE_ENV: "test" }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(true);
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "false" }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
  });
});
