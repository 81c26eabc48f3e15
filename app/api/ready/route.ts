import { getAppContext } from "@/lib/server/context";
import { checkReadiness } from "@/lib/server/services/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 when this node's database (and Redis, when
 * configured) answer within 2 s and it is not shutting down, else 503 naming why.
 * No session needed.
 */
export async function GET() {
  const { db, redis, draining } = getAppContext();
  const readiness = await checkReadiness({ db, redis, draining });
  return Response.json(readiness, { status: readiness.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
