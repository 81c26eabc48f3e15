import type { Metadata } from "next";
import { DashboardPanel } from "@/components/admin/dashboard/dashboard-panel";

export const metadata: Metadata = { title: "Dashboard" };

export default function Page() {
  return <DashboardPanel />;
}
