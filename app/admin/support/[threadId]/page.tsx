import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { requireRolePage } from "../../_lib/guard";
import { StaffThread } from "./staff-thread";

export const metadata: Metadata = { title: "Support conversation" };

export default async function AdminSupportThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await params;
  await requireRolePage("STAFF", `/admin/support/${encodeURIComponent(threadId)}`);
  return (
    <>
      <Link href="/admin/support" className="flex items-center gap-1 text-sm text-primary hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Support inbox
      </Link>
      <StaffThread threadId={threadId} />
    </>
  );
}
