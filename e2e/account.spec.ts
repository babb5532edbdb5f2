import { expect, test } from "./fixtures";

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
