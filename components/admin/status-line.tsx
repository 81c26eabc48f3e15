/** A polite live region: progress and success sentences are read out without stealing focus. */
export function StatusLine({ text, tone = "neutral" }: { text: string | null; tone?: "neutral" | "success" }) {
  const colour = tone === "success" ? "text-success" : "text-muted-foreground";
  return (
    <p role="status" className={`text-sm empty:-mb-3 ${colour}`}>
      {text}
    </p>
  );
}
