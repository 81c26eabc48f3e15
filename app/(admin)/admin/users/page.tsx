import type { Metadata } from "next";
import { UsersPanel } from "@/components/admin/users/users-panel";

export const metadata: Metadata = { title: "Users" };

export default function Page() {
  return <UsersPanel />;
}
