import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const noHorizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test.describe("on a phone (375 px)", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  for (const path of ["/", "/sign-in", "/sign-up", "/no-such-page"]) {
    test(`${path} fits the screen`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("banner").getByRole("link", { name: "Shopwise" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await noHorizontalOverflow(page)).toBe(true);
    });
  }

  test("the account page fits the screen and the menu navigates", async ({ page, signedInCustomer, accountPage }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("menuitem", { name: "Account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(accountPage.profile).toContainText(signedInCustomer.email);
    expect(await noHorizontalOverflow(page)).toBe(true);
  });

  test("the menu offers sign-up to visitors", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("menuitem", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
  });
});

test("dark mode applies at once, survives a reload and is there before the page paints", async ({ page }) => {
  // Records the theme when the HTML is parsed, before React or any stylesheet-driven paint settles.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const html = document.documentElement;
      html.dataset.e2eClassAtDcl = html.className;
      html.dataset.e2eBgAtDcl = getComputedStyle(document.body).backgroundColor;
    });
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: "Change theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.reload();
  await expect(html).toHaveAttribute("data-e2e-class-at-dcl", /\bdark\b/);
  await expect(html).toHaveAttribute("data-e2e-bg-at-dcl", darkBackground);
  await expect(html).toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: "Change theme" }).click();
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toBeChecked();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await page.reload();
  await expect(html).toHaveAttribute("data-e2e-class-at-dcl", /\blight\b/);
  await expect(html).not.toHaveClass(/\bdark\b/);
});

test("the system theme follows the device", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});
