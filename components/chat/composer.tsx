"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { MESSAGE_MAX_CHARS } from "@/lib/schemas/message";

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

/** Enter sends, Shift+Enter adds a line. Typing is announced at most every 2 s. */
export function Composer({ roomName, onSend, onTyping }: { roomName: string; onSend: (body: string) => void; onTyping: (active: boolean) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const lastTypingSent = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopTyping = () => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (lastTypingSent.current > 0) onTyping(false);
    lastTypingSent.current = 0;
  };

  useEffect(() => () => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
  }, []);

  function onChange(value: string) {
    setText(value);
    if (error) setError(null);
    if (!value.trim()) return stopTyping();
    const now = Date.now();
    if (now - lastTypingSent.current > TYPING_REPEAT_MS) {
      lastTypingSent.current = now;
      onTyping(true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function submit() {
    const body = text.trim();
    if (!body) return;
    if ([...body].length > MESSAGE_MAX_CHARS) {
      setError(`Message is too long (max ${MESSAGE_MAX_CHARS} characters)`);
      return;
    }
    stopTyping();
    onSend(body);
    setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  const length = [...text.trim()].length;
  return (
    <form
      className="border-t border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex items-end gap-2">
        <label htmlFor="composer" className="sr-only">
          Message #{roomName}
        </label>
        <textarea
          id="composer"
          rows={1}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={`Message #${roomName}`}
          aria-describedby={error ? "composer-error" : "composer-hint"}
          className="max-h-40 min-h-10 flex-1 resize-none rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" disabled={!text.trim()} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
          Send
        </button>
      </div>
      {error ? (
        <p id="composer-error" role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : (
        <p id="composer-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Enter to send, Shift+Enter for a new line{length > MESSAGE_MAX_CHARS - 200 ? ` · ${length}/${MESSAGE_MAX_CHARS}` : ""}
        </p>
      )}
    </form>
  );
}
