import fc from "fast-check";

/**
 * Arbitraries for fuzzing socket events: hostile values, near-valid payloads (a valid
 * shape with one field broken) and the ways a client can call `emit`. Everything here
 * must survive socket.io's encoder (JSON plus binary attachments): no BigInt, no cycles,
 * and no frame near `maxHttpBufferSize`, which closes the connection by design.
 */

/** Keys that have broken JavaScript servers before: prototype pollution and shadowing. */
export const hostileKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then"] as const;

/** An object with `key` as an own property, as JSON.parse builds it on the server. */
function withOwn(key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const weirdNumber = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MIN_VALUE,
  ),
  fc.double(),
  fc.integer(),
);

const weirdString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ unit: "grapheme", maxLength: 64 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e",
    "\ud800",
    "@",
    "#",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "null",
    "undefined",
    ...hostileKeys,
  ),
  // Longer than any field allows (messages stop at 2000 characters), but well under the
  // frame cap even when every character is escaped or 4 bytes of UTF-8.
  fc.string({ unit: "grapheme-ascii", minLength: 2001, maxLength: 8000 }),
  fc.string({ unit: "binary", minLength: 2001, maxLength: 2400 }),
);

const shortString = fc.oneof(fc.string({ unit: "binary", maxLength: 24 }), fc.constantFrom("", "@", "#", "__proto__", "../"));

/** Anything socket.io can carry, including binary attachments and null-prototype objects. */
export const anyPayload = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withNullPrototype: true,
  withTypedArray: true,
  withDate: true,
  withSparseArray: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  stringUnit: "binary",
});

const pollution = fc
  .constantFrom(...hostileKeys)
  .chain((key) => fc.constantFrom(withOwn(key, { admin: true, role: "admin" }), withOwn(key, null), withOwn(key, "x")));

/** A value that is wrong for a field in a way a careless server might not expect. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdNumber,
  weirdString,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  pollution,
  fc.array(shortString, { maxLength: 30 }),
  anyPayload,
);

/** A valid payload with exactly one field removed, replaced, or added (possibly a hostile key). */
export function nearValid(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return valid.chain((payload) => {
    const keys = Object.keys(payload);
    const key = fc.oneof(...(keys.length > 0 ? [fc.constantFrom(...keys)] : []), fc.constantFrom(...hostileKeys), fc.string({ maxLength: 12 }));
    return fc.tuple(key, weirdValue, fc.boolean()).map(([field, value, remove]) => {
      const out: Record<string, unknown> = { ...payload };
      if (remove && field in payload) delete out[field];
      else Object.defineProperty(out, field, { value, enumerable: true, writable: true, configurable: true });
      return out;
    });
  });
}

/** How `emit` is called: with or without an ack, with extra arguments, with a non-function "ack". */
export type CallShape =
  | { kind: "ack"; payload: unknown }
  | { kind: "ack-only" }
  | { kind: "extra-args"; payload: unknown; extra: unknown[] }
  | { kind: "no-ack"; payload: unknown }
  | { kind: "bare" }
  | { kind: "non-function-ack"; payload: unknown; notAck: unknown }
  | { kind: "ack-not-last"; payload: unknown; after: unknown };

export function callShape(payload: fc.Arbitrary<unknown>): fc.Arbitrary<CallShape> {
  return fc.oneof(
    { weight: 8, arbitrary: payload.map((p) => ({ kind: "ack" as const, payload: p })) },
    { weight: 1, arbitrary: fc.constant({ kind: "ack-only" as const }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(payload, fc.array(weirdValue, { minLength: 1, maxLength: 3 }))
        .map(([p, extra]) => ({ kind: "extra-args" as const, payload: p, extra })),
    },
    { weight: 1, arbitrary: payload.map((p) => ({ kind: "no-ack" as const, payload: p })) },
    { weight: 1, arbitrary: fc.constant({ kind: "bare" as const }) },
    { weight: 1, arbitrary: fc.tuple(payload, weirdValue).map(([p, notAck]) => ({ kind: "non-function-ack" as const, payload: p, notAck })) },
    { weight: 1, arbitrary: fc.tuple(payload, weirdValue).map(([p, after]) => ({ kind: "ack-not-last" as const, payload: p, after })) },
  );
}

/** The arguments after the event name, and whether the last one is an ack socket.io will wire up. */
export function argsOf(shape: CallShape, ack: (response: unknown) => void): { args: unknown[]; expectsAck: boolean } {
  switch (shape.kind) {
    case "ack":
      return { args: [shape.payload, ack], expectsAck: true };
    case "ack-only":
      return { args: [ack], expectsAck: true };
    case "extra-args":
      return { args: [shape.payload, ...shape.extra, ack], expectsAck: true };
    case "no-ack":
      return { args: [shape.payload], expectsAck: false };
    case "bare":
      return { args: [], expectsAck: false };
    case "non-function-ack":
      return { args: [shape.payload, shape.notAck], expectsAck: false };
    case "ack-not-last":
      // socket.io only wires a trailing function; one in the middle is sent as null.
      return { args: [shape.payload, ack, shape.after], expectsAck: false };
  }
}

/**
 * Bytes of the frame the client would send, near enough: JSON overcounts binary, which
 * is fine for a ceiling. Socket.io drops the whole connection on a frame over the cap.
 */
export function frameBytes(event: string | number, args: unknown[]): number {
  return Buffer.byteLength(JSON.stringify([event, ...args], (_key, value: unknown) => (typeof value === "function" ? null : value)) ?? "");
}

/** Names the client library refuses to emit (it throws locally; nothing reaches the server). */
const RESERVED = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);
export const unknownEventName: fc.Arbitrary<string | number> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }).filter((name) => !RESERVED.has(name)),
  // Would find something on a plain-object routes table; server-to-client names are not routes.
  fc.constantFrom(...hostileKeys, "__defineGetter__", "error:event", "message:new", "session:ready", "room:join ", "ROOM:JOIN"),
  // The socket.io parser accepts a number as an event name.
  fc.integer(),
);
