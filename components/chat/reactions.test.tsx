import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReactButton, ReactionChips, reactionLabel, reactorNames } from "@/components/chat/reactions";
import type { Reaction } from "@/lib/shared/types";

const ada = { id: "u1", displayName: "Ada" };
const bob = { id: "u2", displayName: "Bob" };
const me = { id: "me", displayName: "Me Myself" };

const thumbs: Reaction = { emoji: "👍", count: 3, users: [ada, me, bob] };
const party: Reaction = { emoji: "🎉", count: 1, users: [ada] };

const render = (reactions: Reaction[], onPick?: (e: string) => void) =>
  renderToStaticMarkup(<ReactionChips reactions={reactions} meId="me" tabIndex={0} onToggle={() => {}} onPick={onPick} />);

/** The attributes of the chip for `emoji`. */
function chip(html: string, emoji: string): string {
  const match = html.match(new RegExp(`<button[^>]*data-emoji="${emoji}"[^>]*>`));
  if (!match) throw new Error(`no chip for ${emoji}`);
  return match[0];
}

describe("ReactionChips", () => {
  it("shows each emoji with its count", () => {
    const html = render([thumbs, party]);
    expect(html).toMatch(/>👍<\/span><span aria-hidden="true">3<\/span>/);
    expect(html).toMatch(/>🎉<\/span><span aria-hidden="true">1<\/span>/);
  });

  it("marks the viewer's own reactions pressed", () => {
    const html = render([thumbs, party]);
    expect(chip(html, "👍")).toContain('aria-pressed="true"');
    expect(chip(html, "🎉")).toContain('aria-pressed="false"');
  });

  it("names who reacted and what a press does in the accessible name", () => {
    const html = render([thumbs, party]);
    expect(chip(html, "👍")).toContain('aria-label="👍 3 — Ada, Bob and you reacted. Click to remove your reaction"');
    expect(chip(html, "🎉")).toContain('aria-label="🎉 1 — Ada reacted. Click to react too"');
  });

  it("shows who reacted on hover or focus", () => {
    expect(render([thumbs])).toContain("Ada, Bob and you reacted with 👍");
  });

  it("renders nothing without reactions, and the add button only when asked", () => {
    expect(render([])).toBe("");
    expect(render([party])).not.toContain('aria-label="Add reaction"');
    expect(render([party], () => {})).toContain('aria-label="Add reaction"');
  });
});

describe("reactorNames", () => {
  it("lists up to ten names, then says how many more", () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, displayName: `N${i}` }));
    expect(reactorNames({ emoji: "👍", count: 12, users }, "me")).toBe("N0, N1, N2, N3, N4, N5, N6, N7, N8, N9 and 2 more");
    expect(reactorNames({ emoji: "👍", count: 12, users: [...users.slice(0, 11), me] }, "me")).toMatch(/N8, you and 2 more$/);
  });
  it("counts people the server left out of the list", () => {
    expect(reactionLabel({ emoji: "🔥", count: 5, users: [ada] }, "me")).toBe("🔥 5 — Ada and 4 more reacted. Click to react too");
  });
});

describe("ReactButton", () => {
  it("is a named icon button that opens a dialog", () => {
    const html = renderToStaticMarkup(<ReactButton tabIndex={-1} onPick={() => {}} />);
    expect(html).toContain('aria-label="Add reaction"');
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).toContain('tabindex="-1"');
  });
});

describe("first load", () => {
  it("reactions.tsx loads the picker and its emoji data lazily, never statically", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("./reactions.tsx", import.meta.url), "utf8");
    const staticImports = [...source.matchAll(/^import[^;]*from\s+"([^"]+)"/gm)].map((m) => m[1]);
    expect(staticImports.some((s) => s?.includes("emoji-picker") || s?.includes("unicode-emoji-json") || s?.includes("emoji-search"))).toBe(false);
    expect(source).toContain('import("@/components/chat/emoji-picker")');
  });
});

describe("EmojiPicker", () => {
  it("has a labelled search box, the common section and named emoji buttons", async () => {
    const { EmojiPicker } = await import("@/components/chat/emoji-picker");
    const html = renderToStaticMarkup(<EmojiPicker onPick={() => {}} onClose={() => {}} />);
    expect(html).toMatch(/<label[^>]*>Search emoji<\/label>/);
    expect(html).toContain('aria-label="Common"');
    expect(html).not.toContain('aria-label="Recent"');
    expect(html).toMatch(/aria-label="thumbs up"[^>]*>👍</);
    // One tab stop in the grid: the rest are reached with the arrow keys.
    expect(html.match(/data-emoji="[^"]+"[^>]*tabindex="0"/g)).toHaveLength(1);
  });
});
