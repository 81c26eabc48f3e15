import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetcher } from "@/lib/client/use-http";

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/ok") return res.end(JSON.stringify({ total: 3 }));
    res.statusCode = 403;
    res.end(JSON.stringify({ error: { code: "FORBIDDEN", message: "Only administrators can change settings." } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("httpFetcher (SWR's fetcher)", () => {
  it("resolves to the answer's data", async () => {
    expect(await httpFetcher(`${base}/ok`)).toEqual({ total: 3 });
  });

  it("rejects with the server's AppError body and status, the one error shape the UI shows", async () => {
    await expect(httpFetcher(`${base}/settings`)).rejects.toEqual({ status: 403, code: "FORBIDDEN", message: "Only administrators can change settings." });
  });

  it("rejects with a sentence when nothing answers", async () => {
    await expect(httpFetcher("http://127.0.0.1:1/none")).rejects.toMatchObject({ status: 0, code: "UNAVAILABLE" });
  });
});
