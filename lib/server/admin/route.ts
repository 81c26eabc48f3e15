import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getSessionUser } from "@/lib/server/auth/session";
import type { AppContext } from "@/lib/server/context";
import { getAppContext } from "@/lib/server/context";
import { AppError } from "@/lib/shared/errors";
import { errorResponse, readJson } from "@/lib/server/http";
import { parseInput } from "@/lib/shared/schemas/parse";
import type { SessionUser } from "@/lib/shared/types";

type Need = "moderator" | "admin";

/** The signed-in user if their role (read fresh from the database) allows; else 401/403. */
export async function requireStaff(need: Need): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "You're signed out. Sign in again to continue.");
  const allowed = need === "admin" ? user.role === "admin" : user.role === "admin" || user.role === "moderator";
  if (!allowed)
    throw new AppError(
      "FORBIDDEN",
      need === "admin" ? "Only administrators can do that." : "Only moderators and administrators can open the moderation console.",
    );
  return user;
}

type Handler<T> = (ctx: { actor: SessionUser; context: AppContext; input: T }) => Promise<unknown>;

/** GET: query parameters validated with the shared schema. */
export function adminQuery<S extends z.ZodType>(need: Need, schema: S, run: Handler<z.infer<S>>) {
  return async (request: Request) => {
    try {
      const actor = await requireStaff(need);
      const input = parseInput(schema, Object.fromEntries(new URL(request.url).searchParams));
      return NextResponse.json(await run({ actor, context: getAppContext(), input }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** POST/PUT/DELETE: JSON body validated with the shared schema. */
export function adminMutation<S extends z.ZodType>(need: Need, schema: S, run: Handler<z.infer<S>>) {
  return async (request: Request) => {
    try {
      const actor = await requireStaff(need);
      const input = parseInput(schema, await readJson(request));
      return NextResponse.json((await run({ actor, context: getAppContext(), input })) ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
