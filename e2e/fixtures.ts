import { test as base, expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AccountPage } from "./pages/account-page";
import { MailboxPage } from "./pages/mailbox-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

export interface Customer {
  name: string;
  email: string;
  password: string;
}

let sequence = 0;

/** Fresh sign-up details; the email is unique per run, worker and call. */
export function newCustomer(overrides: Partial<Customer> = {}): Customer {
  const id = `${Date.now().toString(36)}-${process.pid}-${sequence++}`;
  return {
    name: `Robin ${id}`,
    email: `e2e-${id}@example.com`,
    password: "correct horse battery staple",
    ...overrides,
  };
}

/** Creates the account through the public tRPC endpoint, as the sign-up form would. */
export async function registerViaApi(request: APIRequestContext, customer: Customer) {
  const response = await request.post("/api/trpc/auth.signUp", { data: { json: customer } });
  expect(response.ok(), `sign-up failed: ${await response.text()}`).toBe(true);
}

/**
 * Signs in through Auth.js's credentials endpoint without the UI. With the page's request
 * context (`page.request`) the session cookie lands in the browser too.
 */
export async function signInViaApi(request: APIRequestContext, customer: Pick<Customer, "email" | "password">) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: customer.email, password: customer.password, callbackUrl: "/account" },
    maxRedirects: 0,
  });
  expect(response.status(), "Auth.js answers a credentials sign-in with a redirect").toBe(302);
  expect(response.headers().location ?? "").not.toContain("error");
}

/**
 * The seeded demo admin of the e2e server (DATA_DIR .data/e2e): its generated password is kept
 * in demo-accounts.json, as for every embedded install.
 */
export function demoAdmin(): Pick<Customer, "email" | "password"> {
  const file = fileURLToPath(new URL("../.data/e2e/demo-accounts.json", import.meta.url));
  const accounts = JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string; role: string }[];
  const admin = accounts.find((a) => a.role === "ADMIN");
  if (!admin) throw new Error(`no ADMIN in ${file}`);
  return admin;
}

/** What Chromium says when the Content-Security-Policy blocks something (console or thrown). */
const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|evaluate|connect|frame|create|run)/i;

/**
 * Reports every CSP violation of the context's pages into `violations`: Chromium's own console
 * message, a thrown EvalError, and the `securitypolicyviolation` event (which also names the
 * directive). Init scripts are injected by the browser, outside the page's policy.
 */
async function watchCsp(context: BrowserContext, violations: string[]) {
  context.on("console", (message) => {
    if (CSP_VIOLATION.test(message.text())) violations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  context.on("weberror", (error) => {
    if (CSP_VIOLATION.test(error.error().message)) violations.push(`${error.page()?.url()}: ${error.error().message}`);
  });
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(
        `Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      ),
    ),
  );
}

interface Fixtures {
  /**
   * Automatic: the test fails on any CSP violation in any browser context it opens (the default
   * one and those from `browser.newContext()`).
   */
  cspGuard: void;
  /** An account that exists but is not signed in. */
  registeredCustomer: Customer;
  /** An account signed in on this test's page. */
  signedInCustomer: Customer;
  /** The demo admin (role ADMIN, hence also staff), signed in on this test's page. */
  signedInAdmin: Pick<Customer, "email" | "password">;
  signUpPage: SignUpPage;
  signInPage: SignInPage;
  accountPage: AccountPage;
  /** The dev mailbox, in its own browser context signed in as the demo admin. */
  mailboxPage: MailboxPage;
}

export const test = base.extend<Fixtures>({
  cspGuard: [
    async ({ context, browser }, provide) => {
      const violations: string[] = [];
      await watchCsp(context, violations);
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const opened = await newContext.apply(browser, args);
        await watchCsp(opened, violations);
        return opened;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  registeredCustomer: async ({ request }, provide) => {
    const customer = newCustomer();
    await registerViaApi(request, customer);
    await provide(customer);
  },
  signedInCustomer: async ({ page, registeredCustomer }, provide) => {
    await signInViaApi(page.request, registeredCustomer);
    await provide(registeredCustomer);
  },
  signedInAdmin: async ({ page }, provide) => {
    const admin = demoAdmin();
    await signInViaApi(page.request, admin);
    await provide(admin);
  },
  signUpPage: async ({ page }, provide) => provide(new SignUpPage(page)),
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  accountPage: async ({ page }, provide) => provide(new AccountPage(page)),
  // The mailbox is ADMIN only: it opens in a browser context of its own, signed in as the demo
  // admin, so the test's page keeps its own session (or none).
  mailboxPage: async ({ browser, baseURL, cspGuard: _watched }, provide) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signInViaApi(page.request, demoAdmin());
    await provide(new MailboxPage(page));
    await context.close();
  },
});

export { expect };
