import type { z } from "zod";
import { isAppError, toAppError } from "@/lib/errors";
import type { Logger } from "@/lib/logger";
import type { Ack } from "@/lib/realtime/events";
import { parseInput } from "@/lib/schemas/parse";
import type { ParleySocket } from "@/lib/realtime/types";

/**
 * Wraps a handler: validate with the shared schema, run, answer through the ack.
 * Any failure becomes an error ack (or an `error:event` when the client sent no
 * ack), and nothing a client sends can throw past this point.
 */
export function handle<S extends z.ZodType, T>(
  socket: ParleySocket,
  event: string,
  schema: S,
  logger: Logger,
  run: (input: z.infer<S>) => Promise<T> | T,
) {
  return async (payload: unknown, ack?: unknown) => {
    const reply = (response: Ack<T>) => {
      if (typeof ack === "function") (ack as (r: Ack<T>) => void)(response);
      else if (!response.ok) socket.emit("error:event", { event, error: response.error });
    };
    try {
      reply({ ok: true, data: await run(parseInput(schema, payload)) });
    } catch (error) {
      const appError = toAppError(error);
      if (!isAppError(error)) logger.error(`${event} failed`, error);
      reply({ ok: false, error: appError.toBody() });
    }
  };
}
