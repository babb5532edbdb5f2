import { redirect } from "next/navigation";
import { requireRolePage } from "./_lib/guard";

/** The back office opens on its busiest table. */
export default async function AdminIndexPage() {
  await requireRolePage("STAFF", "/admin");
  redirect("/admin/products");
}
