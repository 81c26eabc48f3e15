import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/admin-shell";
import { KeepConnection } from "@/components/chat/keep-connection";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: { template: "%s · Moderation · Parley", default: "Moderation · Parley" } };

/**
 * The gate for /admin. The pages below hold no data of their own: every panel loads
 * through /api/admin/*, which checks the role again per request, so a soft navigation
 * that skips this layout still reveals nothing.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await getSessionUser();
  if (!viewer) redirect("/login");
  // Renders app/forbidden.tsx with status 403, so scripts and proxies see a refusal, not a page.
  if (viewer.role !== "admin" && viewer.role !== "moderator") forbidden();
  return (
    <AdminShell viewer={viewer}>
      <KeepConnection />
      {children}
    </AdminShell>
  );
}
