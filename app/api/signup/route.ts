import { NextResponse } from "next/server";
import { CLIENT_IP_HEADER } from "@/lib/client-ip";
import { getAppContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { errorResponse, readJson } from "@/lib/http";
import { parseInput } from "@/lib/schemas/parse";
import { signUpSchema } from "@/lib/schemas/auth";
import { retryInSeconds } from "@/lib/services/rate-limit";

export async function POST(request: Request) {
  try {
    const context = getAppContext();
    const input = parseInput(signUpSchema, await readJson(request));
    const ip = request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
    const limited = await context.moderation.limiters.signUpPerIp.limit(ip);
    if (!limited.success) throw new AppError("RATE_LIMITED", `Too many new accounts from your network — try again in ${Math.ceil(retryInSeconds(limited) / 60)} min.`);
    const user = await context.users.signUp(input);
    await context.memberships.ensureDefaultMembership(user.id, context.defaultRoom.id);
    return NextResponse.json({ user: { id: user.id, username: user.username, displayName: user.displayName } }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
