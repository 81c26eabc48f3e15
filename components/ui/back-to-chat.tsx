import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";

/** "Back to chat": the first thing in the header of every page beside the chat (settings, secret rooms). */
export function BackToChat() {
  return (
    <Link href="/" className="inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-1 text-sm hover:bg-accent">
      <ArrowLeftIcon aria-hidden="true" className="size-4" />
      Back to chat
    </Link>
  );
}
