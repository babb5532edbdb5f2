import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { requireRolePage } from "../_lib/guard";
import { SupportInbox } from "./support-inbox";

export const metadata: Metadata = { title: "Support" };

export default async function AdminSupportPage() {
  await requireRolePage("STAFF", "/admin/support");
  return (
    <>
      <PageHeader
        title="Support"
        description="Conversations shoppers handed over from the assistant, newest activity first. New ones and new messages appear here as they arrive."
      />
      <SupportInbox />
    </>
  );
}
