import { test as base, expect, type APIRequestContext } from "@playwright/test";
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

interface Fixtures {
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
  mailboxPage: async ({ browser, baseURL }, provide) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signInViaApi(page.request, demoAdmin());
    await provide(new MailboxPage(page));
    await context.close();
  },
});

export { expect };
