import { describe, expect, it } from "vitest";
import { isRefusal } from "../prompts/refusal";
import { summariseToolResult, toolCallFor } from "./tool-intents";

const all = new Set(["searchProducts", "getProduct", "listMyOrders"]);

describe("the offline model's tool intents", () => {
  it("searches products for shopping questions, with the price limit", () => {
    expect(toolCallFor("Do you have wireless headphones under $100?", all)).toEqual({
      toolName: "searchProducts",
      input: { query: "wireless headphones", maxPrice: 100 },
    });
    expect(toolCallFor("I'm looking for a yoga mat", all)).toEqual({
      toolName: "searchProducts",
      input: { query: "yoga mat" },
    });
  });

  it("reads casual shopping questions, keeping only the words that name the product", () => {
    expect(toolCallFor("got any yoga mats under 40 bucks", all)).toEqual({
      toolName: "searchProducts",
      input: { query: "yoga mats", maxPrice: 40 },
    });
    expect(toolCallFor("I need a new kettle", all)).toEqual({ toolName: "searchProducts", input: { query: "kettle" } });
    expect(toolCallFor("any good running shoes?", all)).toEqual({
      toolName: "searchProducts",
      input: { query: "running shoes" },
    });
    // Privacy, invoices and gift cards are the help centre's, though they sound like shopping.
    expect(toolCallFor("do you sell my personal info", all)).toBeNull();
    expect(toolCallFor("download a PDF invoice for my order", all)).toBeNull();
    expect(toolCallFor("do you sell gift cards", all)).toBeNull();
  });

  it("lists the shopper's orders for questions about them", () => {
    expect(toolCallFor("has my order shipped yet?", all)).toEqual({ toolName: "listMyOrders", input: {} });
    expect(toolCallFor("where's my stuff", all)).toEqual({ toolName: "listMyOrders", input: {} });
    expect(toolCallFor("can I cancel my order", all)).toBeNull();
    expect(toolCallFor("Where is my order?", all)).toEqual({ toolName: "listMyOrders", input: {} });
    expect(toolCallFor("can you track my parcel", all)).toEqual({ toolName: "listMyOrders", input: {} });
    expect(toolCallFor("Show me my last orders", all)).toEqual({ toolName: "listMyOrders", input: {} });
    expect(toolCallFor("What can I do if my parcel arrives damaged?", all)).toBeNull();
  });

  it("leaves policy questions to the help centre, and uses only tools it is offered", () => {
    expect(toolCallFor("Do you have a returns policy for headphones?", all)).toBeNull();
    expect(toolCallFor("How much does express shipping cost?", all)).toBeNull();
    expect(toolCallFor("Do you sell headphones?", new Set(["getProduct"]))).toBeNull();
  });

  it("reads tool results back in a sentence", () => {
    const result = (toolName: string, value: unknown) =>
      summariseToolResult({
        type: "tool-result",
        toolCallId: "c1",
        toolName,
        output: { type: "json", value } as never,
      });
    expect(
      result("searchProducts", { products: [{ name: "Trail Lantern", price: "34.50", availability: "in stock" }] }),
    ).toBe("I found one product: Trail Lantern ($34.50, in stock).");
    expect(isRefusal(result("searchProducts", { products: [] }))).toBe(true);
    expect(result("listMyOrders", { signInRequired: true, orders: [] })).toMatch(/^Sign in/);
    expect(result("listMyOrders", { signInRequired: false, orders: [{ reference: "AB12CD34", status: "PAID" }] })).toBe(
      "Your latest orders: order AB12CD34 is paid. Open an order for its details.",
    );
  });
});
