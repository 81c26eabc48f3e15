"use client";

import { useMemo } from "react";
import type { Rooms } from "@/components/chat/use-rooms";
import { createdText, kickedText } from "@/lib/client/room-notices";
import type { Outcome } from "@/lib/client/run-command";
import type { Ack } from "@/lib/shared/events";
import type { MyRoom, RoomSummary } from "@/lib/shared/types";

export type RoomOutcome<T = null> = Outcome<T> | { ok: false; error: string; fields?: Record<string, string> };

const failed = (answer: Extract<Ack<unknown>, { ok: false }>): { ok: false; error: string; fields?: Record<string, string> } => ({
  ok: false,
  error: answer.error.message,
  fields: answer.error.fields,
});

export interface RoomInput {
  name: string;
  description?: string;
  kind: "public" | "private" | "hidden";
  password?: string;
  memberLimit: number;
}

/** Room and conversation actions, shared by buttons, dialogs and slash commands. */
export function useRoomActions(rooms: Rooms) {
  const { ask, dispatch, activate, send, print, store } = rooms;
  const homeId = store.homeId;

  return useMemo(() => {
    const join = async (input: { name?: string; roomId?: string; password?: string }): Promise<RoomOutcome<RoomSummary>> => {
      const answer = await ask("room:join", input);
      if (!answer.ok) return failed(answer);
      dispatch({ type: "joined", result: answer.data, catchUp: false });
      dispatch({ type: "activate", roomId: answer.data.room.id });
      return { ok: true, data: answer.data.room };
    };

    const leave = async (roomId: string): Promise<RoomOutcome> => {
      const answer = await ask("room:leave", { roomId });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "remove", roomId });
      void activate(homeId);
      return { ok: true, data: null };
    };

    const create = async (input: RoomInput): Promise<RoomOutcome<RoomSummary>> => {
      const answer = await ask("room:create", { ...input, password: input.password || undefined });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "upsert", room: answer.data });
      await activate(answer.data.id);
      print(createdText(answer.data), "output", answer.data.id);
      return { ok: true, data: answer.data };
    };

    const update = async (input: {
      roomId: string;
      description?: string;
      password?: string | null;
      memberLimit?: number;
      linkPreviews?: boolean;
    }): Promise<RoomOutcome<RoomSummary>> => {
      const answer = await ask("room:update", input);
      if (!answer.ok) return failed(answer);
      dispatch({ type: "upsert", room: answer.data });
      return { ok: true, data: answer.data };
    };

    const remove = async (roomId: string): Promise<RoomOutcome> => {
      const answer = await ask("room:delete", { roomId });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "remove", roomId });
      void activate(homeId);
      return { ok: true, data: null };
    };

    const kick = async (roomId: string, username: string): Promise<RoomOutcome> => {
      const answer = await ask("room:kick", { roomId, username });
      if (!answer.ok) return failed(answer);
      print(kickedText(username), "output", roomId);
      return { ok: true, data: null };
    };

    const openDm = async (usernames: string[]): Promise<RoomOutcome<MyRoom>> => {
      const answer = await ask("dm:open", { usernames });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "upsert", room: answer.data });
      await activate(answer.data.id);
      return { ok: true, data: answer.data };
    };

    /** `/msg`: opens (or reopens) the conversation, shows it and sends into it. */
    const message = async (usernames: string[], text: string): Promise<RoomOutcome> => {
      const opened = await openDm(usernames);
      if (!opened.ok) return opened;
      send(text, {}, opened.data.id);
      return { ok: true, data: null };
    };

    return { join, leave, create, update, remove, kick, openDm, message };
  }, [ask, dispatch, activate, send, print, homeId]);
}

export type RoomActions = ReturnType<typeof useRoomActions>;
