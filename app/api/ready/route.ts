import { getAppContext } from "@/lib/context";
import { checkReadiness } from "@/lib/services/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 when this node's database (and Redis, when
 * configured) answer within 2 s, else 503 naming what failed. No session needed.
 */
export async function GET() {
  const { db, redis } = getAppContext();
  const readiness = await checkReadiness({ db, redis });
  return Response.json(readiness, { status: readiness.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
