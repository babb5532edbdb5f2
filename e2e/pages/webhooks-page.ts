import type { Locator, Page } from "@playwright/test";

export class WebhooksPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly urlInput: Locator;
  readonly addButton: Locator;
  readonly secret: Locator;
  readonly endpoints: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Webhooks" });
    this.urlInput = this.main.getByLabel("Endpoint URL");
    this.addButton = this.main.getByRole("button", { name: /add endpoint|adding/i });
    this.secret = this.main.getByTestId("webhook-secret");
    this.endpoints = this.main.getByTestId("webhook-endpoint");
  }

  async goto() {
    await this.page.goto("/account/webhooks");
  }

  endpoint(url: string) {
    return this.endpoints.filter({ hasText: url });
  }

  deliveries(endpoint: Locator, eventType: string) {
    return endpoint.getByTestId("webhook-delivery").filter({ hasText: eventType });
  }

  async addEndpoint(url: string) {
    await this.urlInput.fill(url);
    await this.addButton.click();
  }
}
