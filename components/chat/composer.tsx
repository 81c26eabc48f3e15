"use client";

import type { KeyboardEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { CommandPalette, optionId, PALETTE_ID } from "@/components/chat/command-palette";
import type { CommandInfo } from "@/lib/client/command-catalog";
import { commandRuntime } from "@/components/chat/command-runtime";
import { useLazyModule } from "@/components/ui/lazy";
import { isCommandText } from "@/lib/client/command-text";
import { MESSAGE_MAX_CHARS, MESSAGE_TOO_LONG } from "@/lib/shared/schemas/limits";

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

/**
 * Enter sends, Shift+Enter adds a line. Typing is announced at most every 2 s, and
 * never while writing a command. Text starting with `/` opens the command palette.
 * `onSubmit` answers with a sentence when the text can't be sent as it is.
 */
export function Composer(props: {
  label: string;
  initialDraft?: string;
  onDraft: (text: string) => void;
  onSubmit: (text: string) => string | null | Promise<string | null>;
  onTyping: (active: boolean) => void;
}) {
  const { label, initialDraft = "", onDraft, onSubmit, onTyping } = props;
  const [text, setText] = useState(initialDraft);
  const [error, setError] = useState<string | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const lastTypingSent = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const commands = useLazyModule(commandRuntime);
  const palette = dismissed || !commands ? ({ mode: "closed", options: [] } as const) : commands.paletteFor(text);
  const open = palette.mode !== "closed";
  const index = Math.min(activeIndex, Math.max(0, palette.options.length - 1));
  const selected = palette.options[index];

  const stopTyping = () => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (lastTypingSent.current > 0) onTyping(false);
    lastTypingSent.current = 0;
  };

  useEffect(
    () => () => {
      if (idleTimer.current) clearTimeout(idleTimer.current);
    },
    [],
  );

  // The palette scrolls; the arrows must never choose an option the person can't see.
  const selectedId = open && selected ? optionId(selected) : null;
  useEffect(() => {
    if (selectedId) document.getElementById(selectedId)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  // After login or a room switch, typing goes straight to the composer, unless the
  // person is already somewhere else (a dialog, a link they tabbed to).
  useEffect(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) input.current?.focus();
  }, []);

  function update(value: string) {
    setText(value);
    onDraft(value);
    if (error) setError(null);
    if (!value.startsWith("/")) setDismissed(false);
    else void commandRuntime.preload();
    setActiveIndex(0);
    if (!value.trim() || isCommandText(value)) return stopTyping();
    const now = Date.now();
    if (now - lastTypingSent.current > TYPING_REPEAT_MS) {
      lastTypingSent.current = now;
      onTyping(true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function pick(command: CommandInfo) {
    if (!commands) return;
    update(commands.completeCommand(command, palette.mode === "names" ? palette.typed : ""));
    input.current?.focus();
  }

  function submit() {
    const body = text.trim();
    if (!body) return;
    if ([...body].length > MESSAGE_MAX_CHARS) {
      setError(MESSAGE_TOO_LONG);
      return;
    }
    stopTyping();
    const problem = onSubmit(body);
    if (typeof problem === "string") return setError(problem);
    if (problem === null) return update("");
    // A command typed before its code arrived: it runs once it has.
    void problem.then((late) => (late ? setError(late) : update("")));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (open && palette.mode === "names" && selected) {
      const completes = palette.typed !== selected.name || selected.takesArgs;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        return setActiveIndex((index + step + palette.options.length) % palette.options.length);
      }
      if (event.key === "Tab" || (event.key === "Enter" && !event.shiftKey && completes)) {
        event.preventDefault();
        return pick(selected);
      }
    }
    if (open && event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      return setDismissed(true);
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  }

  const length = [...text.trim()].length;
  return (
    <form
      className="border-t border-border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="relative flex items-end gap-2">
        {open ? <CommandPalette options={palette.options} activeIndex={index} onPick={pick} usageOnly={palette.mode === "usage"} /> : null}
        <label htmlFor="composer" className="sr-only">
          {label}
        </label>
        <Textarea
          id="composer"
          ref={input}
          rows={1}
          value={text}
          onChange={(e) => update(e.target.value)}
          onKeyDown={onKeyDown}
          // The hint under the box says "/ for commands"; the placeholder alone must fit a phone.
          placeholder={label}
          aria-describedby={error ? "composer-error" : "composer-hint"}
          aria-autocomplete="list"
          aria-controls={open ? PALETTE_ID : undefined}
          aria-activedescendant={open && palette.mode === "names" && selected ? optionId(selected) : undefined}
          className="max-h-40 min-h-10 flex-1 resize-none text-ellipsis"
        />
        <Button type="submit" disabled={!text.trim()} className="h-10">
          {isCommandText(text) ? "Run" : "Send"}
        </Button>
      </div>
      {error ? (
        <p id="composer-error" role="alert" className="mt-1 text-sm text-destructive">
          {error}
        </p>
      ) : (
        <p id="composer-hint" className="mt-1 text-xs text-muted-foreground">
          Enter to send, Shift+Enter for a new line, / for commands{length > MESSAGE_MAX_CHARS - 200 ? ` · ${length}/${MESSAGE_MAX_CHARS}` : ""}
        </p>
      )}
    </form>
  );
}
