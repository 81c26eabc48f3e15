import type { MentionOption } from "@/lib/client/mention-query";

/** The `@` list's id and its options' ids, for the composer's aria-controls / aria-activedescendant (small: in the first load). */
export const MENTION_LIST_ID = "mention-suggestions";
export const mentionOptionId = (option: MentionOption) => (option.kind === "here" ? "mention-option-here" : `mention-option-user-${option.user.id}`);
