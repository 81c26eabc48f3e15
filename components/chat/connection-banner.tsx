import type { Connection } from "@/components/chat/use-chat";

export function ConnectionBanner({ connection, notice, refusal = null }: { connection: Connection; notice: string | null; refusal?: string | null }) {
  let text: string | null = notice;
  let action: { href: string; label: string } | null = null;
  if (connection === "offline") text = refusal ?? "Reconnecting… Messages you send will go out when the connection is back.";
  if (connection === "connecting") text = "Connecting…";
  if (connection === "signed-out") {
    text = notice ?? "Your session has ended.";
    action = { href: "/login", label: "Log in again" };
  }
  if (!text) return null;
  return (
    <div role="status" className="bg-warning/15 px-4 py-2 text-sm text-foreground">
      {text}
      {action ? (
        <a href={action.href} className="ml-2 font-medium underline">
          {action.label}
        </a>
      ) : null}
    </div>
  );
}
