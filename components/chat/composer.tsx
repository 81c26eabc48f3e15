"use client";

import type { KeyboardEvent } from "react";
import { Suspense, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { AttachButton, ComposerFiles, DropOverlay } from "@/components/chat/composer-files";
import { ComposeBanner } from "@/components/chat/compose-banner";
import { useAttachments } from "@/components/chat/use-attachments";
import { CommandPalette, optionId, PALETTE_ID } from "@/components/chat/command-palette";
import { mentionList, mentionQuery, preloadMentions } from "@/components/chat/mention-runtime";
import { MENTION_LIST_ID, mentionOptionId } from "@/lib/client/mention-ids";
import { useMentionAutocomplete } from "@/lib/client/use-mention-autocomplete";
import type { CommandInfo } from "@/lib/client/command-catalog";
import { commandRuntime } from "@/components/chat/command-runtime";
import { useLazyModule } from "@/components/ui/lazy";
import { isCommandText } from "@/lib/client/command-text";
import { MESSAGE_MAX_CHARS, MESSAGE_TOO_LONG } from "@/lib/shared/schemas/limits";
import type { ChatMessage, MessageAttachment, RoomMemberInfo } from "@/lib/shared/types";

/** What the composer is doing besides writing a new message: answering one, or correcting one. */
export type ComposeMode = { mode: "reply"; message: ChatMessage } | { mode: "edit"; message: ChatMessage } | null;

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
  /** With files attached, `text` is their caption (possibly empty) and is sent as it is, never run as a command. */
  onSubmit: (text: string, attachments?: MessageAttachment[]) => string | null | Promise<string | null>;
  onTyping: (active: boolean) => void;
  /** Replying to or editing a message (Esc or ✕ ends it). */
  compose?: ComposeMode;
  onComposeEnd?: () => void;
  /** Saves an edit; answers with a sentence when it can't. */
  onSaveEdit?: (message: ChatMessage, body: string) => Promise<string | null>;
  /** ↑ in an empty composer: start editing the last message you sent (false: none). */
  onEditLast?: () => boolean;
  /** `@` suggests these people; `@here` too when allowed (the room's owner, moderators). */
  mentions?: { members: readonly RoomMemberInfo[]; meId: string; canMentionHere: boolean };
}) {
  const { label, initialDraft = "", onDraft, onSubmit, onTyping, compose = null, onComposeEnd, onSaveEdit, onEditLast } = props;
  const [caret, setCaret] = useState<number | null>(null);
  const [text, setText] = useState(initialDraft);
  const editing = compose?.mode === "edit" ? compose.message : null;
  /** The draft put aside while editing, back once the edit ends. */
  const putAside = useRef<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const lastTypingSent = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const files = useAttachments(form);

  const commands = useLazyModule(commandRuntime);
  const palette = dismissed || !commands ? ({ mode: "closed", options: [] } as const) : commands.paletteFor(text);
  const open = palette.mode !== "closed";
  const index = Math.min(activeIndex, Math.max(0, palette.options.length - 1));
  const selected = palette.options[index];
  const mention = useMentionAutocomplete({
    query: useLazyModule(mentionQuery),
    text,
    caret: open ? null : caret,
    members: props.mentions?.members ?? [],
    meId: props.mentions?.meId ?? "",
    canMentionHere: !!props.mentions?.canMentionHere,
    onComplete: ({ text: next, caret: at }) => {
      update(next);
      setCaret(at);
      requestAnimationFrame(() => {
        input.current?.focus();
        input.current?.setSelectionRange(at, at);
      });
    },
  });
  const track = (el: HTMLTextAreaElement) => setCaret(el.selectionStart === el.selectionEnd ? el.selectionStart : null);

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
  const mentionId = mention.open && mention.active ? mentionOptionId(mention.active) : null;
  const selectedId = open && selected ? optionId(selected) : mentionId;
  useEffect(() => {
    if (selectedId) document.getElementById(selectedId)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  // Editing starts: the message's text in the box, the draft kept aside until the edit ends.
  const editingId = editing?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another message starts being edited, not on every keystroke.
  useEffect(() => {
    if (editingId === undefined) return;
    putAside.current ??= text;
    setText(editing?.body ?? "");
    setError(null);
    input.current?.focus();
  }, [editingId]);

  function endCompose() {
    if (editing) {
      setText(putAside.current ?? "");
      putAside.current = null;
    }
    setError(null);
    onComposeEnd?.();
    input.current?.focus();
  }

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
    if (value.includes("@")) void preloadMentions();
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
    const attaching = !editing && files.files.length > 0;
    if (!body && !attaching) return;
    const blocked = attaching ? files.blocker() : null;
    if (blocked) return setError(blocked);
    if ([...body].length > MESSAGE_MAX_CHARS) {
      setError(MESSAGE_TOO_LONG);
      return;
    }
    stopTyping();
    if (editing && onSaveEdit) {
      void onSaveEdit(editing, body).then((refused) => (refused ? setError(refused) : endCompose()));
      return;
    }
    const problem = attaching ? onSubmit(body, files.take()) : onSubmit(body);
    files.dismissRefusal();
    if (typeof problem === "string") return setError(problem);
    if (problem === null) {
      update("");
      if (compose?.mode === "reply") onComposeEnd?.();
      return;
    }
    // A command typed before its code arrived: it runs once it has.
    void problem.then((late) => (late ? setError(late) : update("")));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (mention.onKeyDown(event)) return;
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
    if (compose && event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      return endCompose();
    }
    if (event.key === "ArrowUp" && !text && !compose && onEditLast?.()) {
      event.preventDefault();
      return;
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  }

  const length = [...text.trim()].length;
  const attaching = !editing && files.files.length > 0;
  const blocked = attaching ? files.blocker() : null;
  return (
    <form
      ref={form}
      className="border-t border-border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {compose ? <ComposeBanner compose={compose} onEnd={endCompose} /> : null}
      {files.dragging ? <DropOverlay /> : null}
      {editing ? null : <ComposerFiles files={files} blocked={blocked} />}
      <div className="relative flex items-end gap-2">
        {open ? <CommandPalette options={palette.options} activeIndex={index} onPick={pick} usageOnly={palette.mode === "usage"} /> : null}
        {!open && mention.open ? (
          <Suspense fallback={null}>
            <mentionList.Component id={MENTION_LIST_ID} options={mention.options} activeIndex={mention.activeIndex} onPick={mention.pick} />
          </Suspense>
        ) : null}
        <label htmlFor="composer" className="sr-only">
          {label}
        </label>
        <Textarea
          id="composer"
          ref={input}
          rows={1}
          value={text}
          onChange={(e) => {
            update(e.target.value);
            track(e.target);
          }}
          onSelect={(e) => track(e.currentTarget)}
          onKeyUp={(e) => track(e.currentTarget)}
          onClick={(e) => track(e.currentTarget)}
          onKeyDown={onKeyDown}
          onPaste={editing ? undefined : files.onPaste}
          // The hint under the box says "/ for commands"; the placeholder alone must fit a phone.
          placeholder={label}
          aria-describedby={error ? "composer-error" : "composer-hint"}
          aria-autocomplete="list"
          aria-controls={open ? PALETTE_ID : mention.open ? MENTION_LIST_ID : undefined}
          aria-activedescendant={open && palette.mode === "names" && selected ? optionId(selected) : (mentionId ?? undefined)}
          className="max-h-40 min-h-10 flex-1 resize-none text-ellipsis"
        />
        {/* After the box: Tab from the message list lands in the text first, then here, then Send. */}
        {editing ? null : <AttachButton onFiles={files.add} />}
        <Button type="submit" disabled={!!blocked || (!text.trim() && !attaching)} aria-describedby={blocked ? "attach-status" : undefined} className="h-10">
          {editing ? "Save" : isCommandText(text) ? "Run" : "Send"}
        </Button>
      </div>
      {error ? (
        <p id="composer-error" role="alert" className="mt-1 text-sm text-destructive">
          {error}
        </p>
      ) : (
        <p id="composer-hint" className="mt-1 text-xs text-muted-foreground">
          {editing ? "Enter to save, Esc to cancel" : "Enter to send, Shift+Enter for a new line, / for commands, @ to mention, ↑ to edit your last message"} ·{" "}
          <span className="whitespace-nowrap">**bold** *italic* ~~strike~~ `code` &gt; quote</span>
          {length > MESSAGE_MAX_CHARS - 200 ? ` · ${length}/${MESSAGE_MAX_CHARS}` : ""}
        </p>
      )}
    </form>
  );
}
