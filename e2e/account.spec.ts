import { expect, signInViaApi, test } from "./fixtures";

test("the profile shows who is signed in", async ({ signedInCustomer, accountPage }) => {
  await accountPage.goto();
  await expect(accountPage.profile).toContainText(signedInCustomer.name);
  await expect(accountPage.profile).toContainText(signedInCustomer.email);
  await expect(accountPage.profile).toContainText("Customer");
  await expect(accountPage.profile).toContainText("Member since");
});

test("changing the name saves it and updates the header", async ({ page, signedInCustomer, accountPage }) => {
  await accountPage.goto();
  await expect(accountPage.nameInput).toHaveValue(signedInCustomer.name);

  await accountPage.changeName("Renamed Person");
  await expect(accountPage.main.getByRole("status")).toHaveText("Your name is saved.");
  await expect(accountPage.profile).toContainText("Renamed Person");
  await expect(accountPage.userMenu).toContainText("Renamed Person");

  await page.reload();
  await expect(accountPage.nameInput).toHaveValue("Renamed Person");
});

test("an empty name is refused with a reason next to the field", async ({ signedInCustomer, accountPage }) => {
  await accountPage.goto();
  await accountPage.changeName("   ");
  await expect(accountPage.nameInput).toHaveAttribute("aria-invalid", "true");
  await expect(accountPage.nameInput).toHaveAccessibleDescription("Enter your name.");
  await expect(accountPage.profile).toContainText(signedInCustomer.name);
});

test("the sign-out button on the account page signs out", async ({ page, signedInCustomer, accountPage }) => {
  await accountPage.goto();
  await expect(accountPage.userMenu).toContainText(signedInCustomer.name);
  await accountPage.signOutButton.click();
  await expect(page).toHaveURL(/\/$/);

  await accountPage.goto();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("changing the password needs the current one and signs out every device", async ({
  page,
  browser,
  signedInCustomer,
  accountPage,
  signInPage,
}) => {
  // The same account on a second device.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInViaApi(otherPage.request, signedInCustomer);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/account$/);

  const newPassword = "a brand new passphrase";
  await accountPage.goto();
  await accountPage.changePassword("not my password", newPassword);
  await expect(accountPage.currentPassword).toHaveAttribute("aria-invalid", "true");
  await expect(accountPage.currentPassword).toHaveAccessibleDescription("That is not your current password.");
  await accountPage.changePassword(signedInCustomer.password, newPassword, "a different passphrase");
  await expect(accountPage.confirmPassword).toHaveAccessibleDescription(/differ/);

  await accountPage.changePassword(signedInCustomer.password, newPassword);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount&notice=password-changed$/);
  await expect(signInPage.main.getByRole("status")).toContainText("every device was signed out");
  await expect(accountPage.userMenu).toHaveCount(0);

  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await other.close();

  await signInPage.signIn(signedInCustomer);
  await expect(signInPage.alert).toContainText("That email and password do not match an account");
  await signInPage.signIn({ email: signedInCustomer.email, password: newPassword });
  await expect(page).toHaveURL(/\/account$/);
});
