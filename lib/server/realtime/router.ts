import "server-only";
import type { z } from "zod";
import { AppError, isAppError, toAppError } from "@/lib/shared/errors";
import type { Ack, AckFn } from "@/lib/shared/events";
import type { AckData, ClientEvent, EventSpec, ParsedPayload } from "@/lib/shared/protocol";
import { clientEvents } from "@/lib/shared/protocol";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/server/realtime/types";
import { parseInput } from "@/lib/shared/schemas/parse";

/** What a handler gets for one event: the server, the socket it came in on, the services. */
export interface EventContext {
  io: ParleyServer;
  socket: ParleySocket;
  deps: RealtimeDeps;
}

/** What to do with one event: `input` is its payload after its schema (lib/shared/protocol.ts) passed it. */
export interface Route<I = never, T = unknown> {
  /**
   * Whether the event is a person doing something (it keeps the session alive), as
   * opposed to what the client does on its own (catch-up, read marks, lists on load).
   * A function sees the raw payload, before validation.
   */
  activity: boolean | ((payload: unknown) => boolean);
  run: (ctx: EventContext, input: I) => Promise<T> | T;
}

/** The route of event `E`: it gets `E`'s parsed payload and answers `E`'s ack data. */
export type RouteOf<E extends ClientEvent> = Route<ParsedPayload<E>, AckData<E>>;

/** Exactly one route per client event of the protocol; the schema comes from the protocol table. */
export type Routes = { [E in ClientEvent]: RouteOf<E> };

/**
 * A route. Written inside a `satisfies Partial<Routes>` table, `input` is typed as its
 * event's parsed payload and the result must be its event's ack data.
 */
export function on<I, T>(run: (ctx: EventContext, input: I) => Promise<T> | T, options: { activity?: Route["activity"] } = {}): Route<I, T> {
  return { run, activity: options.activity ?? false };
}

const MAX_EVENT_NAME = 64;

/** A route and the schema its event's payload must pass. The route is kept by reference: tests wrap its `run`. */
type Entry = { schema: z.ZodType; route: Route };

/** Each route with its event's schema from the protocol table; a route without an event (or the reverse) is a bug, caught at start. */
function routeTable(routes: Routes): ReadonlyMap<string, Entry> {
  const specs: ReadonlyMap<string, EventSpec> = new Map(Object.entries(clientEvents));
  const table = new Map<string, Entry>();
  for (const [event, route] of Object.entries<Route>(routes)) {
    const spec = specs.get(event);
    if (!spec) throw new Error(`The route "${event}" is not an event of the protocol.`);
    table.set(event, { schema: spec.schema, route });
  }
  const missing = [...specs.keys()].filter((event) => !table.has(event));
  if (missing.length > 0) throw new Error(`No route for ${missing.join(", ")}.`);
  return table;
}

/**
 * One listener for every event of every socket, built once per server. Registering
 * each handler on each socket would cost every idle connection a few KB of closures
 * (measured in `npm run bench`, memory phase); a shared table costs nothing per socket.
 * It validates, runs and answers through the ack, and nothing a client sends can throw
 * past it: every failure becomes an error ack, or an `error:event` without one.
 */
export function createDispatcher(io: ParleyServer, deps: RealtimeDeps, routes: Routes) {
  const table = routeTable(routes);

  async function respond(socket: ParleySocket, event: string, { schema, route }: Entry, payload: unknown, ack: AckFn<unknown> | undefined) {
    let response: Ack<unknown>;
    try {
      // The table pairs every route with its own event's schema (checked by `Routes`):
      // what the schema lets through is that route's input.
      const input = parseInput(schema, payload) as never;
      response = { ok: true, data: await route.run({ io, socket, deps }, input) };
    } catch (error) {
      if (!isAppError(error)) deps.logger.error(`${event} failed`, error);
      response = { ok: false, error: toAppError(error).toBody() };
    }
    if (ack) ack(response);
    else if (!response.ok) socket.emit("error:event", { event, error: response.error });
  }

  return function dispatch(this: ParleySocket, event: unknown, ...args: unknown[]): void {
    const last = args.at(-1);
    const ack = typeof last === "function" ? (last as AckFn<unknown>) : undefined;
    const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
    const name = typeof event === "string" ? event.slice(0, MAX_EVENT_NAME) : "?";
    const entry = typeof event === "string" ? table.get(event) : undefined;
    if (!entry) {
      const error = new AppError("VALIDATION", `Unknown event "${name}".`).toBody();
      if (ack) ack({ ok: false, error });
      else this.emit("error:event", { event: name, error });
      return;
    }
    const { activity } = entry.route;
    if (typeof activity === "function" ? activity(payload) : activity) deps.sessions.touch(this.data.sessionId, this.data.user.id);
    respond(this, name, entry, payload, ack).catch((error: unknown) => deps.logger.error(`${name} reply failed`, error));
  };
}

/** Events that keep a session alive (for tests and docs). */
export function activityEvents(routes: Routes): string[] {
  return Object.entries<Route>(routes)
    .filter(([, route]) => route.activity !== false)
    .map(([event]) => event);
}
