import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/server/auth/options";
import { getAppContext } from "@/lib/server/context";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext) {
  // next-auth 4 reads params synchronously; Next 16 hands them over as a promise.
  const params = await context.params;
  return NextAuth(request as never, { params } as never, buildAuthOptions(getAppContext()));
}

export { handler as GET, handler as POST };
