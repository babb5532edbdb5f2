import { expect, test } from "./fixtures";
import { AssistantPage, helpCentreIndexed } from "./pages/assistant-page";

test("a shopper asks a shipping question, reads the streamed answer and opens its citation", async ({
  page,
  signedInCustomer: _customer,
}) => {
  await helpCentreIndexed(page.request);
  const assistant = new AssistantPage(page);
  await assistant.goto();

  // The question of issue 10: once answered "Repairs take 10–15 business days…".
  await assistant.ask("How long does shipping take?");
  const answer = assistant.answers.last();
  // While it streams, Stop is offered; the text grows word by word.
  await expect(assistant.stop).toBeVisible();
  await expect(assistant.send).toBeVisible(); // finished
  // The delivery table's rows: standard, express and next-day times.
  await expect(answer).toContainText("3–5 business days after dispatch");
  await expect(answer).toContainText("1–2 business days after dispatch");
  await expect(answer).not.toContainText(/repair/i);
  await expect(answer.getByRole("list", { name: "Sources" })).toContainText("Shipping and Delivery");

  // The conversation is stored under its own URL: a reload shows it again.
  await expect(page).toHaveURL(/\/assistant\/[A-Za-z0-9_-]{8,}$/);
  const answerText = await answer.textContent();
  await page.reload();
  await expect(assistant.questions).toHaveText(["How long does shipping take?"]);
  await expect(assistant.answers).toHaveCount(1);
  expect(await assistant.answers.first().textContent()).toBe(answerText);

  // A citation opens the help-centre document at the cited passage.
  const citation = assistant.citations(assistant.answers.first()).first();
  const target = await citation.getAttribute("href");
  // The window of passages to render (query) and the passage to highlight (fragment).
  expect(target).toMatch(/^\/help\/[^#?]+\?passage=(\d+)#passage-\1$/);
  await citation.click();
  await expect(page).toHaveURL(new RegExp(`${target!.replace(/[#/?]/g, "\\$&")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shipping and Delivery");
  await expect(page.locator(`[id="${target!.split("#")[1]}"]`)).toBeInViewport();
  await expect(page.locator(`[id="${target!.split("#")[1]}"]`)).toHaveAttribute("data-cited", "");
});

test("stop ends an answer mid-way, regenerate answers again, and conversations can be renamed and deleted", async ({
  page,
  signedInCustomer: _customer,
}) => {
  await helpCentreIndexed(page.request);
  const assistant = new AssistantPage(page);
  await assistant.goto();

  await assistant.ask("What can I do if my parcel arrives damaged?");
  const answer = assistant.answers.last();
  await expect(answer).not.toBeEmpty();
  // At once, while the words still arrive (the text moves the layout, so no stability wait).
  await assistant.stop.click({ force: true });
  await expect(assistant.regenerate).toBeVisible();
  const partial = (await answer.textContent()) ?? "";

  await assistant.regenerate.click();
  await expect(assistant.send).toBeVisible({ timeout: 20_000 });
  await expect(assistant.answers).toHaveCount(1);
  await expect(assistant.answers.first().getByRole("list", { name: "Sources" })).toBeVisible();
  expect(((await assistant.answers.first().textContent()) ?? "").length).toBeGreaterThan(partial.length);

  const item = assistant.conversations.getByRole("listitem").filter({ hasText: "What can I do if my parcel" });
  await item.getByRole("button", { name: /^Rename/ }).click();
  await assistant.conversations.getByRole("textbox", { name: "Conversation title" }).fill("Damaged parcel");
  await assistant.conversations.getByRole("button", { name: "Save" }).click();
  const renamed = assistant.conversations.getByRole("link", { name: "Damaged parcel" });
  await expect(renamed).toBeVisible();

  await assistant.conversations
    .getByRole("button", { name: /^Delete/ })
    .first()
    .click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(renamed).toBeHidden();
  await expect(page).toHaveURL(/\/assistant$/);
});

test("the assistant searches the catalog and shows the products it found", async ({ page }) => {
  const assistant = new AssistantPage(page);
  await assistant.goto();
  await assistant.ask("Do you have headphones under $200?");
  const answer = assistant.answers.last();
  const tool = answer.getByTestId("tool-call");
  await expect(tool).toContainText("Searching products for “headphones”");
  const products = tool.getByRole("link");
  await expect(products.first()).toBeVisible();
  await expect(answer).toContainText(/I found (one product|\d+ products)/);

  const name = (await products.first().textContent())!;
  await products.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
});

test("anonymous visitors get an answer, then 429 with Retry-After past their quota", async ({ page, request }) => {
  await helpCentreIndexed(request);
  const assistant = new AssistantPage(page);
  await assistant.goto();
  await expect(page.getByText("to keep your conversations")).toBeVisible();
  await assistant.ask("Which payment methods do you accept?");
  await expect(assistant.answers.last().getByRole("list", { name: "Sources" })).toContainText("Payment");

  // The e2e server allows 5 anonymous questions an hour per address, and every visitor here
  // comes from 127.0.0.1 (the server uses the peer address: TRUST_PROXY is off).
  const ask = (n: number) =>
    request.post("/api/chat", {
      data: {
        id: `quota-check-${n}`,
        trigger: "submit-message",
        messages: [
          { id: `q-${n}-${Date.now()}`, role: "user", parts: [{ type: "text", text: "Do you ship abroad?" }] },
        ],
      },
    });
  let refused = await ask(0);
  for (let n = 1; n < 6 && refused.status() === 200; n++) refused = await ask(n);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused.json()).toMatchObject({ error: { data: { appCode: "CHAT_QUOTA_EXCEEDED" } } });
});

test("bad chat input is a 400 naming the field", async ({ request }) => {
  const response = await request.post("/api/chat", {
    data: { id: "x", trigger: "submit-message", messages: [], role: "admin" },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
  expect(Object.keys(body.error.data.fieldErrors)).toEqual(expect.arrayContaining(["id", "messages", "role"]));
});
