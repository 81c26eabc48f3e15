import type { CommandInfo } from "@/lib/client/command-catalog";

export const PALETTE_ID = "command-palette";
export const optionId = (command: CommandInfo) => `command-option-${command.name}`;

/** The slash-command list above the composer; the textarea keeps focus and points at the active option. */
export function CommandPalette({
  options,
  activeIndex,
  onPick,
  usageOnly,
}: {
  options: CommandInfo[];
  activeIndex: number;
  onPick: (c: CommandInfo) => void;
  usageOnly: boolean;
}) {
  return (
    <ul
      id={PALETTE_ID}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the listbox of the composer's combobox.
      role="listbox"
      aria-label="Commands"
      // A Tab stop of its own only so a keyboard can scroll the whole list (the arrows in the
      // composer move the choice); a click on it never takes focus from the composer.
      tabIndex={0}
      onMouseDown={(e) => e.preventDefault()}
      className="absolute bottom-full left-0 right-0 z-20 mb-1 max-h-64 overflow-y-auto rounded-md border border-border bg-popover py-1 text-popover-foreground shadow-lg"
    >
      {options.map((command, index) => {
        const active = index === activeIndex;
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the composer handles the keys for its listbox (combobox pattern).
          // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the composer (aria-activedescendant); arrows and Enter choose, the click is for the mouse.
          <li
            key={command.name}
            id={optionId(command)}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA combobox pattern: options of a listbox the composer controls.
            role="option"
            aria-selected={active}
            // Keep focus in the textarea while choosing with the mouse.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(command)}
            className={`flex cursor-pointer flex-col px-3 py-1.5 text-sm sm:flex-row sm:items-baseline sm:gap-3 ${active && !usageOnly ? "bg-accent text-accent-foreground" : ""}`}
          >
            <code className="font-mono text-primary">{command.usage}</code>
            <span className="text-muted-foreground">
              {command.summary}
              {command.aliases.length ? ` (also /${command.aliases.join(", /")})` : ""}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
