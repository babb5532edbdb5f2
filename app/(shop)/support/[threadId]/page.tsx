import type { Metadata } from "next";
import { ShopperThread } from "~/app/_components/support/shopper-thread";

export const metadata: Metadata = { title: "Support conversation", robots: { index: false } };

interface SupportThreadPageProps {
  params: Promise<{ threadId: string }>;
}

/**
 * A support conversation, where the reply mail's link leads (a visitor's link first passes
 * ./access, which sets the cookie that opens it). Who may read it is the procedures' check.
 */
export default async function SupportThreadPage({ params }: SupportThreadPageProps) {
  const { threadId } = await params;
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-8 sm:px-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Your conversation with Shopwise support</h1>
        <p className="text-muted-foreground">Replies appear here as soon as they are written.</p>
      </div>
      <ShopperThread threadId={threadId} />
    </div>
  );
}
