import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AssistantPage, helpCentreIndexed } from "./pages/assistant-page";

const QUESTION = "What can I do if my parcel arrives damaged?";

/**
 * Chromium's offline mode (context.setOffline) fails new requests and tells the page it is
 * offline, but lets a response already streaming go on. A real drop also breaks that response:
 * this makes the page's chat responses fail with the browser's own error ("network error") when
 * it goes offline. The reconnect that follows goes through the real (emulated) network.
 */
async function breakStreamsWhenOffline(page: Page) {
  await page.addInitScript(() => {
    const realFetch = window.fetch.bind(window);
    const breakers = new Set<(error: Error) => void>();
    window.addEventListener("offline", () => breakers.forEach((fail) => fail(new TypeError("network error"))));
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (!response.body || !url.pathname.startsWith("/api/chat")) return response;
      const upstream = response.body.getReader();
      let fail!: (error: Error) => void;
      const broken = new Promise<never>((_, reject) => (fail = reject));
      breakers.add(fail);
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = await Promise.race([upstream.read(), broken]);
            if (next.done) {
              breakers.delete(fail);
              controller.close();
            } else controller.enqueue(next.value);
          } catch (error) {
            breakers.delete(fail);
            void upstream.cancel();
            controller.error(error);
          }
        },
        cancel: (reason) => upstream.cancel(reason),
      });
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  });
}

test("an answer still being written survives a reload and a dropped connection, word for word", async ({
  page,
  context,
  signedInCustomer: _customer,
}) => {
  test.setTimeout(90_000);
  await helpCentreIndexed(page.request);
  const assistant = new AssistantPage(page);
  await assistant.goto();
  const expected = await assistant.answer(QUESTION);
  expect(expected).toMatch(/\w+ \w+ \w+/);

  // The same question in a new chat; the page reloads while the words still arrive.
  await assistant.goto();
  await assistant.ask(QUESTION);
  await expect(assistant.answers.last()).toContainText(/\w{3,}/);
  await expect(page).toHaveURL(/\/assistant\/[A-Za-z0-9_-]{8,}$/);
  const resumed = page.waitForResponse((r) => r.request().method() === "GET" && r.url().endsWith("/stream"));
  await page.reload();
  await expect(assistant.questions).toHaveText([QUESTION]);
  // Resumed from the server's buffer (not read back from storage): the page asked for the stream.
  expect((await resumed).status()).toBe(200);
  await expect(assistant.send).toBeVisible({ timeout: 20_000 });
  await expect(assistant.answers).toHaveCount(1);
  expect(await assistant.answers.first().textContent()).toBe(expected);
  // And it was stored whole.
  await page.reload();
  await expect(assistant.answers).toHaveCount(1);
  expect(await assistant.answers.first().textContent()).toBe(expected);

  // A third chat: the network drops mid-answer, then comes back.
  await breakStreamsWhenOffline(page);
  await assistant.goto();
  await assistant.ask(QUESTION);
  await expect(assistant.answers.last()).toContainText(/\w{3,}/);
  await context.setOffline(true);
  await expect(page.getByText("Connection lost.")).toBeVisible();
  await context.setOffline(false);
  await expect(assistant.send).toBeVisible({ timeout: 20_000 });
  await expect(assistant.answers).toHaveCount(1);
  await expect(assistant.error).toBeHidden();
  expect(await assistant.answers.first().textContent()).toBe(expected);
});

test("the sidebar cuts long titles and keeps rename and delete in reach; source links are 24 px targets", async ({
  page,
  signedInCustomer: _customer,
}) => {
  await helpCentreIndexed(page.request);
  const assistant = new AssistantPage(page);
  await assistant.goto();
  await assistant.answer("How long does standard delivery take?");
  const answer = assistant.answers.last();

  // Only the cited sources are listed, numbered from 1; each link (and each citation) ≥ 24 px tall.
  const sources = answer.getByRole("list", { name: "Sources" }).getByRole("link");
  await expect(sources.first()).toBeVisible();
  const citations = assistant.citations(answer);
  expect(await citations.count()).toBeGreaterThan(0);
  for (const link of [...(await sources.all()), ...(await citations.all())]) {
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
  }
  const numbers = await answer.getByRole("list", { name: "Sources" }).getByRole("listitem").allTextContents();
  expect(numbers.map((n) => n.match(/^\[(\d+)\]/)?.[1])).toEqual(numbers.map((_, i) => String(i + 1)));

  // A title far wider than the sidebar.
  const long = `Delivery times for a very long question about parcels, couriers and customs ${"x".repeat(40)}`;
  await assistant.conversations
    .getByRole("button", { name: /^Rename/ })
    .first()
    .click();
  await assistant.conversations.getByRole("textbox", { name: "Conversation title" }).fill(long);
  await assistant.conversations.getByRole("button", { name: "Save" }).click();
  const link = assistant.conversations.getByRole("link", { name: long });
  await expect(link).toHaveAttribute("title", long);
  expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true); // cut with an ellipsis

  const item = assistant.conversations.getByRole("listitem").filter({ has: page.getByRole("link", { name: long }) });
  const rename = item.getByRole("button", { name: /^Rename/ });
  const remove = item.getByRole("button", { name: /^Delete/ });
  const sidebar = (await assistant.conversations.boundingBox())!;
  for (const button of [rename, remove]) {
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(sidebar.x + sidebar.width + 0.5);
  }
  // From the keyboard: the title, then rename, then delete.
  await link.focus();
  await page.keyboard.press("Tab");
  await expect(rename).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(remove).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(link).toBeVisible();
});
