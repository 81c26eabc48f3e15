const palette = ["bg-rose-600", "bg-amber-600", "bg-emerald-600", "bg-sky-600", "bg-indigo-600", "bg-fuchsia-600", "bg-teal-600", "bg-orange-600"];

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words[1]?.[0]] : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase() || "?";
}

export function colourOf(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? "bg-zinc-600";
}

/** Initials on a colour derived from the user id; real avatars arrive with profiles. */
export function Avatar({ id, name, size = "md" }: { id: string; name: string; size?: "sm" | "md" }) {
  const box = size === "sm" ? "h-7 w-7 text-xs" : "h-9 w-9 text-sm";
  return (
    <span aria-hidden="true" className={`${box} ${colourOf(id)} inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white`}>
      {initialsOf(name)}
    </span>
  );
}
