import { afterEach, describe, expect, it, vi } from "vitest";

const OAUTH_ENV = {
  AUTH_GITHUB_ID: "gh-client",
  AUTH_GITHUB_SECRET: "gh-secret",
  AUTH_OIDC_ISSUER: "https://id.example.com",
  AUTH_OIDC_ID: "oidc-client",
  AUTH_OIDC_SECRET: "oidc-secret",
  AUTH_OIDC_NAME: "Acme SSO",
};

async function freshConfig() {
  vi.resetModules(); // the auth config reads its settings once, at import
  return import("./config");
}

afterEach(() => {
  for (const key of Object.keys(OAUTH_ENV)) delete process.env[key];
});

describe("sign-in providers", () => {
  it("offer only email + password when no OAuth settings are present", async () => {
    expect((await freshConfig()).oauthProviders()).toEqual([]);
  });

  it("switch GitHub and a generic OIDC provider on when their settings are set", async () => {
    Object.assign(process.env, OAUTH_ENV);
    expect((await freshConfig()).oauthProviders()).toEqual([
      { id: "github", name: "GitHub" },
      { id: "oidc", name: "Acme SSO" },
    ]);
  });
});
