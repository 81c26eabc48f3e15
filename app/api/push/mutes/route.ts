import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { errorResponse, readJson } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";
import { parseInput } from "@/lib/shared/schemas/parse";
import { roomMuteSchema } from "@/lib/shared/schemas/push";

/** Rooms whose messages never send the signed-in user a push → `{ roomIds }`. */
export async function GET() {
  try {
    const user = await requireUser();
    return NextResponse.json({ roomIds: await getProfileServices().push.listMutedRooms(user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** `{ roomId }` → mute; answers the updated `{ roomIds }`. */
export async function PUT(request: Request) {
  try {
    const user = await requireUser();
    const { roomId } = parseInput(roomMuteSchema, await readJson(request));
    const { push } = getProfileServices();
    await push.muteRoom(user.id, roomId);
    return NextResponse.json({ roomIds: await push.listMutedRooms(user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** `{ roomId }` → unmute; answers the updated `{ roomIds }`. */
export async function DELETE(request: Request) {
  try {
    const user = await requireUser();
    const { roomId } = parseInput(roomMuteSchema, await readJson(request));
    const { push } = getProfileServices();
    await push.unmuteRoom(user.id, roomId);
    return NextResponse.json({ roomIds: await push.listMutedRooms(user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}
