import { expect, newCustomer, test } from "./fixtures";

test("sign up, get the welcome mail, sign out and sign in again", async ({
  page,
  signUpPage,
  accountPage,
  mailboxPage,
  signInPage,
}) => {
  const customer = newCustomer();

  await signUpPage.goto();
  await signUpPage.signUp(customer);
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountPage.heading).toBeVisible();
  await expect(accountPage.profile).toContainText(customer.name);
  await expect(accountPage.profile).toContainText(customer.email);
  await expect(accountPage.userMenu).toContainText(customer.name);

  await mailboxPage.goto();
  const welcome = await mailboxPage.waitForMessage(customer.email, "Welcome to Shopwise");
  await welcome.getByText("Welcome to Shopwise", { exact: true }).click();
  await expect(welcome.getByText(`Hi ${customer.name},`)).toBeVisible();

  await accountPage.signOutFromMenu();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(accountPage.userMenu).toHaveCount(0);

  await signInPage.goto();
  await signInPage.signIn(customer);
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountPage.profile).toContainText(customer.name);
});

test("signing up with an email that has an account points at the email field", async ({
  registeredCustomer,
  signUpPage,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp(newCustomer({ email: registeredCustomer.email }));

  await expect(signUpPage.email).toHaveAttribute("aria-invalid", "true");
  await expect(signUpPage.email).toHaveAccessibleDescription(/already exists/i);
  await expect(signUpPage.alert).toContainText("That email already has an account");
  await expect(signUpPage.alert.getByRole("link", { name: "Sign in instead" })).toHaveAttribute("href", "/sign-in");
  await expect(signUpPage.submit).toHaveText("Create account");
});

test("sign-up names each field that needs fixing", async ({ signUpPage }) => {
  await signUpPage.goto();
  await signUpPage.signUp({ name: " ", email: "not-an-email", password: "short" });

  await expect(signUpPage.name).toHaveAccessibleDescription("Enter your name.");
  await expect(signUpPage.email).toHaveAccessibleDescription(/valid email address/);
  await expect(signUpPage.password).toHaveAccessibleDescription(/Use at least 10 characters/);
  await expect(signUpPage.alert).toContainText("Some fields need attention");
});

test("a wrong password says so and keeps the email", async ({ page, registeredCustomer, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn({ email: registeredCustomer.email, password: "not the right password" });

  await expect(signInPage.alert).toContainText("That email and password do not match an account");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(signInPage.email).toHaveValue(registeredCustomer.email);
  await expect(signInPage.password).toHaveValue("");
});

test("the account page sends signed-out visitors to sign in, then back", async ({
  page,
  registeredCustomer,
  signInPage,
  accountPage,
}) => {
  await accountPage.goto();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await expect(signInPage.heading).toBeVisible();

  await signInPage.signIn(registeredCustomer);
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountPage.profile).toContainText(registeredCustomer.email);
});

test("an error Auth.js redirects with is explained on the sign-in page", async ({ page, signInPage }) => {
  await page.goto("/sign-in?error=CredentialsSignin&code=throttled");
  await expect(signInPage.alert).toContainText("Too many failed attempts");
});

test("the sign-out page asks first, then signs out", async ({ page, signedInCustomer }) => {
  await page.goto("/sign-out");
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${signedInCustomer.email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("/");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
  await page.goto("/sign-out");
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
});

test("a session cookie copied before sign-out is refused after it", async ({
  page,
  browser,
  signedInCustomer,
  accountPage,
}) => {
  const copied = await browser.newContext();
  await copied.addCookies(await page.context().cookies());
  const copiedPage = await copied.newPage();
  await copiedPage.goto("/account");
  await expect(copiedPage.getByRole("main")).toContainText(signedInCustomer.email);

  await accountPage.goto();
  await accountPage.signOutButton.click();
  await expect(page).toHaveURL(/\/$/);

  await copiedPage.goto("/account");
  await expect(copiedPage).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  expect((await copied.request.get("/api/trpc/users.me")).status()).toBe(401);
  await copied.close();
});
