import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { getAppContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/http";
import { parseInput } from "@/lib/shared/schemas/parse";
import { searchRequestSchema } from "@/lib/shared/schemas/search";

/** Message search for the signed-in user: `?q=<search language>&page=N` (lib/shared/search-query.ts). */
export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const input = parseInput(searchRequestSchema, Object.fromEntries(new URL(request.url).searchParams));
    return NextResponse.json(await getAppContext().search.search(user, input.q, { page: input.page }));
  } catch (error) {
    return errorResponse(error);
  }
}
