"use client";

import { useCallback } from "react";
import type { useRooms } from "@/components/chat/use-rooms";
import { notify } from "@/components/chat/toasts";
import type { ReportReason } from "@/lib/shared/schemas/moderation";
import type { ChatMessage } from "@/lib/shared/types";

/**
 * What a person does to one message — report, edit, delete (or a moderator's removal),
 * react, remove its link preview — over the socket. A refusal comes back as the server's
 * sentence (or a toast); the answer, the message as it is now, shows before its broadcast.
 */
export function useMessageActions(rooms: ReturnType<typeof useRooms>, meId: string) {
  const report = useCallback(
    async (messageId: number, reason: ReportReason, note: string) => {
      const answer = await rooms.ask("message:report", { messageId, reason, note });
      return answer.ok ? null : answer.error.message;
    },
    [rooms],
  );
  /** The answer to an edit, deletion or reaction is the message as it is now: shown at once, before its broadcast. */
  const applyChange = useCallback(
    (message: ChatMessage) => rooms.dispatch({ type: "stream", roomId: message.roomId, action: { type: "updated", messages: [message] } }),
    [rooms],
  );
  const saveEdit = useCallback(
    async (message: ChatMessage, body: string) => {
      const answer = await rooms.ask("message:edit", { roomId: message.roomId, messageId: message.id, body });
      if (!answer.ok) return answer.error.message;
      applyChange(answer.data);
      return null;
    },
    [rooms, applyChange],
  );
  const confirmDelete = useCallback(
    async (message: ChatMessage) => {
      if (message.author.id !== meId) {
        const answer = await rooms.ask("moderation:delete-message", { messageId: message.id, reason: "" });
        return answer.ok ? null : answer.error.message;
      }
      const answer = await rooms.ask("message:delete", { roomId: message.roomId, messageId: message.id });
      if (!answer.ok) return answer.error.message;
      applyChange(answer.data);
      return null;
    },
    [rooms, applyChange, meId],
  );
  const react = useCallback(
    async (message: ChatMessage, emoji: string, add: boolean) => {
      const answer = await rooms.ask(add ? "reaction:add" : "reaction:remove", { roomId: message.roomId, messageId: message.id, emoji });
      if (answer.ok) applyChange(answer.data);
      else notify(answer.error.message);
    },
    [rooms, applyChange],
  );
  const removePreview = useCallback(
    async (message: ChatMessage) => {
      const answer = await rooms.ask("message:remove-preview", { roomId: message.roomId, messageId: message.id });
      if (answer.ok) applyChange(answer.data);
      else notify(answer.error.message);
    },
    [rooms, applyChange],
  );
  return { report, saveEdit, confirmDelete, react, removePreview };
}
