/** A polite live region: progress and success sentences are read out without stealing focus. */
export function StatusLine({ text, tone = "neutral" }: { text: string | null; tone?: "neutral" | "success" }) {
  const colour = tone === "success" ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-600 dark:text-zinc-400";
  return (
    <p role="status" className={`text-sm empty:-mb-3 ${colour}`}>
      {text}
    </p>
  );
}
