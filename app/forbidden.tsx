import type { Metadata } from "next";
import { ForbiddenPage } from "@/components/admin/forbidden-page";

export const metadata: Metadata = { title: "Forbidden · Parley" };

/** What forbidden() renders (status 403); today only /admin calls it, for signed-in plain users. */
export default function Forbidden() {
  return <ForbiddenPage />;
}
