/** Liveness: the process is up and answering. Touches nothing else, so it never waits. */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
