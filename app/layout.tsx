import type { Metadata, Viewport } from "next";
import { ThemeProvider } from "next-themes";
import { headers } from "next/headers";
import { TRPCReactProvider } from "~/app/_trpc/react";
import { CartProvider } from "./_components/cart/cart-provider";
import { SiteFooter } from "./_components/site-footer";
import { SiteHeader } from "./_components/site-header";
import { ZodBrowserConfig } from "./_components/zod-browser-config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Shopwise", template: "%s · Shopwise" },
  description: "Shopwise is a storefront with an AI shopping assistant that answers from real product facts.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfdfc" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1218" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts sets a fresh nonce per request; Next puts it on its own scripts, next-themes' inline
  // theme script needs it passed. Reading it renders every page per request (ADR 013).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class before first paint, so React must not fight it.
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col antialiased">
        <ZodBrowserConfig />
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
          <TRPCReactProvider>
            <CartProvider>
              <a
                href="#main"
                className="sr-only z-50 rounded-md bg-card px-3 py-2 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
              >
                Skip to content
              </a>
              <SiteHeader />
              <main id="main" className="flex flex-1 flex-col">
                {children}
              </main>
              <SiteFooter />
            </CartProvider>
          </TRPCReactProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
