/**
 * The physical limit of our stack: a bare Socket.IO 4.8 broadcast server speaking
 * just enough of Parley's protocol (room:join, message:send → message:new) for the
 * same generator to drive it. No auth, no validation, no database. Options match
 * lib/server/realtime/create-server.ts so the comparison is transport for transport.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { installBenchProbe } from "@/lib/server/bench-probe";

type Ack = (response: unknown) => void;
type Payload = { roomId?: unknown; body?: unknown; clientId?: unknown } | null;

const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, {
  path: "/socket.io",
  destroyUpgrade: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 32 * 1024,
  serveClient: false,
});
installBenchProbe(io);

let lastId = 0;

io.on("connection", (socket) => {
  // A stand-in author shaped like Parley's (cuid-length id), so payloads match in size.
  const author = { id: `c${socket.id.padEnd(24, "0").slice(0, 24)}`, username: "baseline", displayName: "Baseline" };
  socket.on("room:join", (payload: Payload, ack: Ack) => {
    const roomId = String(payload?.roomId);
    void socket.join(`room:${roomId}`);
    ack({ ok: true, data: { room: { id: roomId, name: "general", description: "" }, messages: [], hasMore: false, caughtUp: true } });
  });
  socket.on("message:send", (payload: Payload, ack: Ack) => {
    const roomId = String(payload?.roomId);
    const message = { id: ++lastId, roomId, body: String(payload?.body), clientId: String(payload?.clientId), createdAt: new Date().toISOString(), author };
    io.to(`room:${roomId}`).emit("message:new", message);
    ack({ ok: true, data: message });
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "0.0.0.0", () => {
  console.log(`Baseline is ready on http://localhost:${(httpServer.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => io.close(() => process.exit(0)));
