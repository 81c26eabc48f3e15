import "server-only";
import type { z } from "zod";
import { AppError, isAppError, toAppError } from "@/lib/shared/errors";
import type { Ack, AckFn, ClientToServerEvents } from "@/lib/shared/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/server/realtime/types";
import { parseInput } from "@/lib/shared/schemas/parse";

/** What a handler gets for one event: the server, the socket it came in on, the services. */
export interface EventContext {
  io: ParleyServer;
  socket: ParleySocket;
  deps: RealtimeDeps;
}

export interface Route<T = unknown> {
  schema: z.ZodType;
  /**
   * Whether the event is a person doing something (it keeps the session alive), as
   * opposed to what the client does on its own (catch-up, read marks, lists on load).
   */
  activity: boolean | ((payload: unknown) => boolean);
  run: (ctx: EventContext, input: never) => Promise<T> | T;
}

/** A route: the shared zod schema the payload must pass, and what to do with it. */
export function on<S extends z.ZodType, T>(
  schema: S,
  run: (ctx: EventContext, input: z.infer<S>) => Promise<T> | T,
  options: { activity?: Route["activity"] } = {},
): Route<T> {
  return { schema, activity: options.activity ?? false, run: run as Route<T>["run"] };
}

type AckData<E extends keyof ClientToServerEvents> = NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends AckFn<infer T> ? T : never;

/** Exactly one route per client event of the protocol (lib/shared/events.ts). */
export type Routes = { [E in keyof ClientToServerEvents]: Route<AckData<E>> };

const MAX_EVENT_NAME = 64;

/**
 * One listener for every event of every socket, built once per server. Registering
 * each handler on each socket would cost every idle connection a few KB of closures
 * (measured in `npm run bench`, memory phase); a shared table costs nothing per socket.
 * It validates, runs and answers through the ack, and nothing a client sends can throw
 * past it: every failure becomes an error ack, or an `error:event` without one.
 */
export function createDispatcher(io: ParleyServer, deps: RealtimeDeps, routes: Routes) {
  const table: ReadonlyMap<string, Route> = new Map(Object.entries(routes));

  async function respond(socket: ParleySocket, event: string, route: Route, payload: unknown, ack: AckFn<unknown> | undefined) {
    let response: Ack<unknown>;
    try {
      const input = parseInput(route.schema, payload) as never;
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
    const route = typeof event === "string" ? table.get(event) : undefined;
    if (!route) {
      const error = new AppError("VALIDATION", `Unknown event "${name}".`).toBody();
      if (ack) ack({ ok: false, error });
      else this.emit("error:event", { event: name, error });
      return;
    }
    const activity = typeof route.activity === "function" ? route.activity(payload) : route.activity;
    if (activity) deps.sessions.touch(this.data.sessionId, this.data.user.id);
    respond(this, name, route, payload, ack).catch((error: unknown) => deps.logger.error(`${name} reply failed`, error));
  };
}

/** Events that keep a session alive (for tests and docs). */
export function activityEvents(routes: Routes): string[] {
  return Object.entries(routes as Record<string, Route>)
    .filter(([, route]) => route.activity !== false)
    .map(([event]) => event);
}
