import type { PublicUser } from "@/lib/shared/types";

export function typingSentence(users: PublicUser[]): string {
  const names = users.map((u) => u.displayName);
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return "Several people are typing…";
}

export function TypingIndicator({ users }: { users: PublicUser[] }) {
  return (
    <p className="h-5 px-4 text-xs italic text-muted-foreground" aria-live="polite" data-testid="typing">
      {typingSentence(users)}
    </p>
  );
}
