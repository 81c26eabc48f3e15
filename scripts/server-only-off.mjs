/**
 * Loaded with `--import` by every Node process that runs lib/server directly (server.ts,
 * the bench, test servers). Each lib/server file imports "server-only": that marker is
 * how Next refuses server code in a browser bundle, and it throws anywhere React's
 * server condition is not set, as in plain Node. Here it resolves to its empty module.
 */
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    const empty = ${JSON.stringify(new URL("../node_modules/server-only/empty.js", import.meta.url).href)};
    export async function resolve(specifier, context, next) {
      return specifier === "server-only" ? { url: empty, shortCircuit: true } : next(specifier, context);
    }
  `)}`,
);
