import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { db } from "../db/client";
import { getEnv } from "../env";
import { RateLimitedError } from "../errors";
import { getLogger } from "../observability/logger";
import { signInInput } from "../users/users.schemas";
import { verifyCredentials } from "../users/users.service";
import type { Role } from "./roles";
import { createSignInThrottle, type SignInThrottle } from "./sign-in-throttle";
import { clientIp } from "./client-ip";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role; email: string; name?: string | null; image?: string | null };
  }
}

/** Thrown to the sign-in page as `?code=throttled`. */
class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
}

let throttle: SignInThrottle | undefined;
function signInThrottle() {
  const { SIGNIN_MAX_FAILURES, SIGNIN_LOCK_SECONDS } = getEnv();
  return (throttle ??= createSignInThrottle(db, {
    maxFailures: SIGNIN_MAX_FAILURES,
    lockSeconds: SIGNIN_LOCK_SECONDS,
  }));
}

function providers(): Provider[] {
  const env = getEnv();
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse({ email: raw.email, password: raw.password });
        if (!parsed.success) return null;
        try {
          return await verifyCredentials(
            { db, log: getLogger(), throttle: signInThrottle() },
            { ...parsed.data, ip: clientIp(request.headers) },
          );
        } catch (error) {
          if (error instanceof RateLimitedError) throw new ThrottledSignIn();
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
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    secret: env.AUTH_SECRET,
    // A configured AUTH_URL is trusted as such; otherwise AUTH_TRUST_HOST decides.
    trustHost: env.AUTH_TRUST_HOST || Boolean(env.AUTH_URL),
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: providers(),
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.role = user.role ?? "CUSTOMER";
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) {
          session.user.id = token.sub;
          session.user.role = (token.role as Role | undefined) ?? "CUSTOMER";
        }
        return session;
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
