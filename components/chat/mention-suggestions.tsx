import { useResolvedUser } from "@/components/chat/profile-overrides";
import { AvatarImage } from "@/components/profile/avatar-image";
import { MENTION_LIST_ID, mentionOptionId } from "@/lib/client/mention-ids";
import type { MentionOption } from "@/lib/client/mention-query";
import { HERE_DESCRIPTION } from "@/lib/client/mention-query";
import type { RoomMemberInfo } from "@/lib/shared/types";

export { MENTION_LIST_ID, mentionOptionId };

function UserRow({ user: given }: { user: RoomMemberInfo }) {
  const user = useResolvedUser(given);
  return (
    <>
      <AvatarImage user={user} size="sm" decorative />
      <span className="flex min-w-0 flex-1 items-baseline gap-2">
        <span className="truncate font-medium">{user.displayName}</span>
        <span className="truncate text-muted-foreground">@{user.username}</span>
      </span>
      {user.online ? (
        <>
          <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-emerald-500" />
          <span className="sr-only">online</span>
        </>
      ) : (
        <span className="sr-only">offline</span>
      )}
    </>
  );
}

/** The `@` suggestions above the composer; the textarea keeps focus and points at the active option. */
export function MentionSuggestions({
  options,
  activeIndex,
  onPick,
  id = MENTION_LIST_ID,
}: {
  options: MentionOption[];
  activeIndex: number;
  onPick: (option: MentionOption) => void;
  id?: string;
}) {
  return (
    <ul
      id={id}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the listbox of the composer's combobox.
      role="listbox"
      aria-label="Mention someone"
      // A Tab stop of its own only so a keyboard can scroll the whole list (the arrows in the
      // composer move the choice); a click on it never takes focus from the composer.
      tabIndex={0}
      onMouseDown={(e) => e.preventDefault()}
      className="absolute bottom-full left-0 right-0 z-20 mb-1 max-h-64 overflow-y-auto rounded-md border border-border bg-popover py-1 text-popover-foreground shadow-lg"
    >
      {options.map((option, index) => {
        const active = index === activeIndex;
        const optionId = mentionOptionId(option);
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the composer handles the keys for its listbox (combobox pattern).
          // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the composer (aria-activedescendant); arrows and Enter choose, the click is for the mouse.
          <li
            key={optionId}
            id={optionId}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA combobox pattern: options of a listbox the composer controls.
            role="option"
            aria-selected={active}
            // Keep focus in the textarea while choosing with the mouse.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(option)}
            className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${active ? "bg-accent text-accent-foreground" : ""}`}
          >
            {option.kind === "here" ? (
              <span className="flex min-w-0 flex-1 flex-col sm:flex-row sm:items-baseline sm:gap-3">
                <span className="font-medium text-primary">@here</span>
                <span className="text-muted-foreground">{HERE_DESCRIPTION}</span>
              </span>
            ) : (
              <UserRow user={option.user} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
