import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { getAppContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/http";
import { uploadFromRequest } from "@/lib/server/services/attachments/http";

/**
 * multipart/form-data with one file in `file` → 201 `{ attachment }`: an upload of the
 * signed-in person, sent with a message by naming its id in message:send `attachments`.
 * Its type is read from the bytes; the name is for display only.
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const attachment = await uploadFromRequest(getAppContext().attachments, user, request);
    return NextResponse.json({ attachment }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** `{ maxBytes, dailyQuotaBytes, usedTodayBytes }`: lets the browser refuse a file before sending it. */
export async function GET() {
  try {
    const user = await requireUser();
    return NextResponse.json(await getAppContext().attachments.limits(user.id), { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
