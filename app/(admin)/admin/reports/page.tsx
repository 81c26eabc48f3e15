import type { Metadata } from "next";
import { ReportsPanel } from "@/components/admin/reports/reports-panel";

export const metadata: Metadata = { title: "Reports" };

export default function Page() {
  return <ReportsPanel />;
}
