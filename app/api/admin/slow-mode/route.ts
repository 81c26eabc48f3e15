import { adminMutation, adminQuery } from "@/lib/server/admin/route";
import { emptyQuerySchema, slowModeSchema } from "@/lib/shared/schemas/moderation";

export const GET = adminQuery("moderator", emptyQuerySchema, async ({ context }) => {
  const rooms = await context.db.room.findMany({
    where: { kind: { not: "dm" } },
    select: { id: true, name: true, slowModeSeconds: true },
    orderBy: { name: "asc" },
  });
  return { rooms };
});

export const PUT = adminMutation("moderator", slowModeSchema, async ({ actor, context, input }) => {
  const room = await context.rooms.update(actor, { roomId: input.roomId, slowModeSeconds: input.seconds });
  context.realtime?.roomUpdated(room);
  await context.moderation.audit.record({
    actor: { id: actor.id, username: actor.username },
    action: "slow-mode",
    details: { room: room.name, seconds: input.seconds },
  });
  return { room };
});
