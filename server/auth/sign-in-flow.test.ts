import { describe, expect, it } from "vitest";
import { GET, POST } from "~/app/api/auth/[...nextauth]/route";
import { db } from "../db/client";
import { getSessionUser } from "./session";
import { createUser } from "../test/factories";

/** The credentials sign-in as a browser does it, through Auth.js's own route handlers. */
const BASE = "http://localhost:3000";

async function csrf() {
  const csrfRes = await GET(new Request(`${BASE}/api/auth/csrf`));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { csrfToken, csrfCookie };
}

async function signIn(email: string, password: string, ip: string) {
  const { csrfToken, csrfCookie } = await csrf();
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

describe("server-side sessions", () => {
  it("signing out revokes the session: a cookie copied before sign-out is refused after it", async () => {
    const user = await createUser({ password: "flow password 3" });
    const res = await signIn(user.email, "flow password 3", "198.51.100.3");
    const copied = sessionCookie(res)!;
    expect(await getSessionUser(new Headers({ cookie: copied }))).toMatchObject({ id: user.id });
    // A second device stays signed in: sign-out ends one session, not all of them.
    const other = sessionCookie(await signIn(user.email, "flow password 3", "198.51.100.3"))!;

    const { csrfToken, csrfCookie } = await csrf();
    const out = await POST(
      new Request(`${BASE}/api/auth/signout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${csrfCookie}; ${copied}` },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${BASE}/` }),
      }),
    );
    expect(out.status).toBe(302);
    expect(await getSessionUser(new Headers({ cookie: copied }))).toBeNull();
    expect(await getSessionUser(new Headers({ cookie: other }))).toMatchObject({ id: user.id });
    // Auth.js's own session endpoint refuses it too, and clears the cookie.
    const session = await GET(new Request(`${BASE}/api/auth/session`, { headers: { cookie: copied } }));
    expect(await session.json()).toBeNull();
    expect(session.headers.getSetCookie().some((c) => /^authjs\.session-token=;/.test(c))).toBe(true);
  });

  it("a disabled account cannot sign in, and is told so only with the right password", async () => {
    const user = await createUser({ password: "flow password 4" });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const refused = await signIn(user.email, "flow password 4", "198.51.100.4");
    expect(refused.headers.get("location")).toMatch(/\/sign-in\?error=CredentialsSignin&code=disabled/);
    expect(sessionCookie(refused)).toBeUndefined();
    const wrong = await signIn(user.email, "not the password", "198.51.100.4");
    expect(wrong.headers.get("location")).not.toMatch(/disabled/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
