import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { db } from "../db/client";
import { getEnv } from "../env";
import { ForbiddenError, RateLimitedError } from "../errors";
import { getLogger } from "../observability/logger";
import { signInInput } from "../users/users.schemas";
import { verifyCredentials } from "../users/users.service";
import type { Role } from "./roles";
import { clientIp } from "./client-ip";
import { endSession, findSessionUser, SESSION_MAX_AGE_SECONDS, startSession } from "./session-store";
import { signInThrottle } from "./sign-in-throttle";

declare module "@auth/core/jwt" {
  interface JWT {
    /** The server-side session (Session.sessionToken) this token belongs to. */
    sid?: string;
  }
}

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role; email: string; name?: string | null; image?: string | null };
  }
}

/** The password hash each credentials sign-in checked, until its session is started. */
const checkedPasswords = new WeakMap<object, string>();

/** Thrown to the sign-in page as `?code=throttled`. */
class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
}
/** Thrown to the sign-in page as `?code=disabled`. */
class DisabledSignIn extends CredentialsSignin {
  override code = "disabled";
}

/** Where a disabled account's OAuth / OIDC sign-in ends up (the page explains it). */
const DISABLED_SIGN_IN_URL = "/sign-in?error=AccessDenied&code=disabled";

function providers(): Provider[] {
  const env = getEnv();
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse({ email: raw.email, password: raw.password });
        if (!parsed.success) return null;
        try {
          const verified = await verifyCredentials(
            { db, log: getLogger(), throttle: signInThrottle(db) },
            { ...parsed.data, ip: clientIp(request.headers) },
          );
          if (!verified) return null;
          // The same object reaches the jwt callback; the hash stays on the server, out of the token.
          const { verifiedPasswordHash, ...user } = verified;
          checkedPasswords.set(user, verifiedPasswordHash);
          return user;
        } catch (error) {
          if (error instanceof RateLimitedError) throw new ThrottledSignIn();
          if (error instanceof ForbiddenError && error.code === "ACCOUNT_DISABLED") throw new DisabledSignIn();
          throw error;
        }
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET)
    list.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET)
    list.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  return list;
}

/** The OAuth / OIDC providers switched on by env, for sign-in buttons. */
export const oauthProviders = (): { id: string; name: string }[] =>
  providers().flatMap((p) =>
    typeof p === "function" || p.type === "credentials" ? [] : [{ id: p.id ?? p.type, name: p.name ?? p.id ?? p.type }],
  );

/** Built on first request, not at import: `next build` loads this module without settings. */
const config = (): NextAuthConfig => {
  const env = getEnv();
  return {
    // The adapter stores GitHub / OIDC accounts; sessions are JWTs (credentials sign-in needs them).
    adapter: PrismaAdapter(db),
    // The cookie holds a JWT; each one names a server-side session row (session-store.ts) that
    // sign-out, a password change and disabling the account delete.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    secret: env.AUTH_SECRET,
    // A configured AUTH_URL is trusted as such; otherwise AUTH_TRUST_HOST decides.
    trustHost: env.AUTH_TRUST_HOST || Boolean(env.AUTH_URL),
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: providers(),
    callbacks: {
      /** OAuth / OIDC sign-ins of a disabled account stop here (credentials stop in authorize). */
      async signIn({ user }) {
        if (!user.id) return true;
        const account = await db.user.findUnique({ where: { id: user.id }, select: { disabledAt: true } });
        return account?.disabledAt ? DISABLED_SIGN_IN_URL : true;
      },
      async jwt({ token, user }) {
        if (user?.id) {
          // Sign-in: a new server-side session, named in the token.
          token.sub = user.id;
          token.role = user.role ?? "CUSTOMER";
          token.sid = await startSession(db, user.id, { verifiedPasswordHash: checkedPasswords.get(user) });
          return token;
        }
        // Auth.js's own session endpoint: a revoked session clears the cookie (null).
        if (!token.sub || !token.sid) return null;
        return (await findSessionUser(db, { sessionId: token.sid, userId: token.sub })) ? token : null;
      },
      session({ session, token }) {
        if (token.sub) {
          session.user.id = token.sub;
          session.user.role = (token.role as Role | undefined) ?? "CUSTOMER";
        }
        return session;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (sid) await endSession(db, sid);
      },
    },
    logger: {
      error: (error) => getLogger().error({ err: error }, "auth error"),
      warn: (code) => getLogger().warn({ code }, "auth warning"),
      debug: () => {},
    },
  };
};

let cachedConfig: NextAuthConfig | undefined;
export const { handlers, auth, signIn, signOut } = NextAuth(() => (cachedConfig ??= config()));
