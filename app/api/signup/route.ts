import { NextResponse } from "next/server";
import { getAppContext } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { parseInput } from "@/lib/schemas/parse";
import { signUpSchema } from "@/lib/schemas/auth";

export async function POST(request: Request) {
  try {
    const input = parseInput(signUpSchema, await readJson(request));
    const user = await getAppContext().users.signUp(input);
    return NextResponse.json({ user: { id: user.id, username: user.username, displayName: user.displayName } }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
