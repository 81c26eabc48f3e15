import { NextResponse } from "next/server";
import { CLIENT_IP_HEADER } from "@/lib/server/client-ip";
import { getAppContext } from "@/lib/server/context";
import { errorResponse, readJson } from "@/lib/server/http";

export async function POST(request: Request) {
  try {
    const context = getAppContext();
    const user = await context.signUp(await readJson(request), request.headers.get(CLIENT_IP_HEADER) ?? "unknown");
    return NextResponse.json({ user: { id: user.id, username: user.username, displayName: user.displayName } }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
