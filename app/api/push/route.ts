import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { errorResponse, readJson } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";
import { parseInput } from "@/lib/shared/schemas/parse";
import { pushSubscriptionSchema, unsubscribeSchema } from "@/lib/shared/schemas/push";

/** The server's VAPID public key, for `pushManager.subscribe({ applicationServerKey })`. */
export async function GET() {
  try {
    return NextResponse.json({ publicKey: getProfileServices().push.publicKey });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Stores this browser's subscription (`subscription.toJSON()`). Whether pushes
 * are sent at all is the user's `pushEnabled` switch (PATCH /api/profile).
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const input = parseInput(pushSubscriptionSchema, await readJson(request));
    await getProfileServices().push.subscribe(user.id, input);
    return NextResponse.json({ subscribed: true }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** `{ endpoint }`: forgets this browser. */
export async function DELETE(request: Request) {
  try {
    const user = await requireUser();
    const { endpoint } = parseInput(unsubscribeSchema, await readJson(request));
    await getProfileServices().push.unsubscribe(user.id, endpoint);
    return NextResponse.json({ subscribed: false });
  } catch (error) {
    return errorResponse(error);
  }
}
