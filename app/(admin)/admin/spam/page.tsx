import type { Metadata } from "next";
import { SpamPanel } from "@/components/admin/spam/spam-panel";

export const metadata: Metadata = { title: "Spam log" };

export default function Page() {
  return <SpamPanel />;
}
