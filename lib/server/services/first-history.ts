import "server-only";
import { HISTORY_PAGE_SIZE } from "@/lib/shared/schemas/message";
import type { MembershipService } from "@/lib/server/services/memberships";
import type { MessageService } from "@/lib/server/services/messages";
import type { SanctionService } from "@/lib/server/services/moderation/sanctions";
import type { ChatMessage, MyRoom, SessionUser } from "@/lib/shared/types";

/** A room's newest page as the chat page renders it, before the socket is up. */
export interface FirstHistory {
  /** As room:mine lists it: the unread count and read position place "New messages". */
  room: MyRoom;
  messages: ChatMessage[];
  hasMore: boolean;
  /** The room's change number before the page was read (JoinRoomResult.changeSeq). */
  changeSeq: number;
}

/**
 * The newest page of a room for the chat page's server render, read as room:join reads
 * it: for members only, with the viewer's own view of whispers (`messages.history`), and
 * for nobody the socket would turn away (a ban on the account or on the address). Null
 * when the socket has to decide: joining a room is room:join's doing, not a page view's.
 * Reads run together and are thrown away when the viewer may not have them.
 */
export async function firstHistory(
  deps: { memberships: MembershipService; messages: MessageService; sanctions: SanctionService },
  viewer: SessionUser,
  roomId: string,
  ip: string,
): Promise<FirstHistory | null> {
  // Before the page: a change made meanwhile is caught up by the socket's first room:join.
  const changeSeq = await deps.messages.changeSeq(roomId);
  const [standing, ipBan, mine, page] = await Promise.all([
    deps.sanctions.standing(viewer.id),
    deps.sanctions.ipBanned(ip),
    deps.memberships.mine(viewer.id),
    deps.messages.history(viewer.id, { roomId, limit: HISTORY_PAGE_SIZE }),
  ]);
  const room = mine.find((r) => r.id === roomId);
  if (standing.ban || ipBan || !room) return null;
  return { room, messages: page.messages, hasMore: page.hasMore, changeSeq };
}
