import { describe, expect, it } from "vitest";
import { GET, POST } from "~/app/api/auth/[...nextauth]/route";
import { getSessionUser } from "./session";
import { createUser } from "../test/factories";

/** The credentials sign-in as a browser does it, through Auth.js's own route handlers. */
const BASE = "http://localhost:3000";

async function signIn(email: string, password: string, ip: string) {
  const csrfRes = await GET(new Request(`${BASE}/api/auth/csrf`));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return POST(
    new Request(`${BASE}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": ip },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${BASE}/account` }),
    }),
  );
}

const sessionCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("authjs.session-token="))
    ?.split(";")[0];

describe("credentials sign-in through Auth.js", () => {
  it("sets a session cookie the tRPC context understands", async () => {
    const user = await createUser({ password: "flow password 1", role: "STAFF" });
    const res = await signIn(user.email.toUpperCase(), "flow password 1", "198.51.100.1");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${BASE}/account`);
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    expect(await getSessionUser(new Headers({ cookie: cookie! }))).toMatchObject({ id: user.id, role: "STAFF" });
  });

  it("redirects back to sign-in on a wrong password, then with code=throttled once locked", async () => {
    const user = await createUser({ password: "flow password 2" });
    const wrong = await signIn(user.email, "wrong password", "198.51.100.2");
    expect(wrong.headers.get("location")).toMatch(/\/sign-in\?error=CredentialsSignin/);
    expect(sessionCookie(wrong)).toBeUndefined();
    for (let i = 0; i < 5; i++) await signIn(user.email, "wrong password", "198.51.100.2");
    const locked = await signIn(user.email, "flow password 2", "198.51.100.2");
    expect(locked.headers.get("location")).toMatch(/code=throttled/);
    expect(sessionCookie(locked)).toBeUndefined();
  });
});
