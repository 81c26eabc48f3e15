import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MENTION_LIST_ID, MentionSuggestions, mentionOptionId } from "@/components/chat/mention-suggestions";
import type { MentionOption } from "@/lib/client/mention-query";
import type { RoomMemberInfo } from "@/lib/shared/types";

const user = (id: string, username: string, displayName: string, online: boolean): RoomMemberInfo => ({
  id,
  username,
  displayName,
  avatarUrl: null,
  online,
  isOwner: false,
});

const options: MentionOption[] = [
  { kind: "here" },
  { kind: "user", user: user("u1", "alice", "Alice Liddell", true) },
  { kind: "user", user: user("u2", "bob", "Bob", false) },
];

function render(activeIndex: number) {
  const html = renderToStaticMarkup(<MentionSuggestions options={options} activeIndex={activeIndex} onPick={() => {}} />);
  const items = [...html.matchAll(/<li [^>]*>/g)].map((m) => m[0]);
  return { html, items };
}

describe("MentionSuggestions", () => {
  it("is a labelled listbox with the shared id", () => {
    const { html } = render(0);
    expect(MENTION_LIST_ID).toBe("mention-suggestions");
    expect(html).toMatch(/^<ul id="mention-suggestions" role="listbox" aria-label="Mention someone"/);
  });

  it("takes another id when given", () => {
    const html = renderToStaticMarkup(<MentionSuggestions id="other" options={options} activeIndex={0} onPick={() => {}} />);
    expect(html).toContain('id="other"');
  });

  it("gives each option its id and marks only the active one selected", () => {
    const { items } = render(1);
    expect(items).toHaveLength(3);
    expect(items.map((li) => li.match(/id="([^"]+)"/)?.[1])).toEqual(options.map(mentionOptionId));
    expect(items.every((li) => li.includes('role="option"'))).toBe(true);
    expect(items.map((li) => li.match(/aria-selected="(\w+)"/)?.[1])).toEqual(["false", "true", "false"]);
  });

  it("makes distinct ids for @here and for users", () => {
    expect(mentionOptionId({ kind: "here" })).toBe("mention-option-here");
    expect(mentionOptionId(options[1]!)).toBe("mention-option-user-u1");
  });

  it("shows names, usernames, presence and the @here description", () => {
    const { html } = render(0);
    expect(html).toContain("Alice Liddell");
    expect(html).toContain("@alice");
    expect(html).toContain("@bob");
    expect(html).toContain("@here");
    expect(html).toContain("Notify everyone online in this room");
    expect(html).toContain('<span class="sr-only">online</span>');
    expect(html).toContain('<span class="sr-only">offline</span>');
  });

  it("keeps the avatars out of the accessible name", () => {
    const { html } = render(0);
    expect(html).toContain('aria-hidden="true"');
    expect(html).not.toContain('role="img"');
  });
});
