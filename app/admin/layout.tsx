import type { Metadata } from "next";
import { hasRole } from "~/server/auth/roles";
import { getEnv } from "~/server/env";
import { livePosition } from "~/server/realtime/live";
import { requireRolePage } from "./_lib/guard";
import { AdminNav } from "./admin-nav";
import { NewOrderNotices } from "./new-order-notices";

export const metadata: Metadata = {
  title: { default: "Back office", template: "%s · Back office · Shopwise" },
  robots: { index: false, follow: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // A layout does not know the requested path; each page guards again with its exact address.
  const user = await requireRolePage("STAFF", "/admin");
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 sm:px-6 md:flex-row md:gap-8 md:py-10">
      <AdminNav isAdmin={hasRole(user, "ADMIN")} devMailbox={getEnv().DEV_MAILBOX} />
      <div className="grid min-w-0 flex-1 content-start gap-6">{children}</div>
      <NewOrderNotices since={await livePosition()} />
    </div>
  );
}
