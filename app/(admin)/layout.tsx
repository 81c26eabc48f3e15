import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/admin-shell";
import { ForbiddenPage } from "@/components/admin/forbidden-page";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: { template: "%s · Moderation · Parley", default: "Moderation · Parley" } };

/**
 * The gate for /admin. The pages below hold no data of their own: every panel loads
 * through /api/admin/*, which checks the role again per request, so a soft navigation
 * that skips this layout still reveals nothing.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await getSessionUser();
  if (!viewer) redirect("/login");
  if (viewer.role !== "admin" && viewer.role !== "moderator") return <ForbiddenPage />;
  return <AdminShell viewer={viewer}>{children}</AdminShell>;
}
