import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { AppContext } from "@/lib/server/context";
import { CLIENT_IP_HEADER } from "@/lib/server/client-ip";
import { isAppError } from "@/lib/shared/errors";
import { sessionEndNotice } from "@/lib/server/services/moderation/session-end-notice";
import type { EndReason } from "@/lib/server/services/sessions";
import type { SessionUser } from "@/lib/shared/types";

/** The session's lifetime, for next-auth and for the cookie the login form sets itself. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Built from the running server's context so the secret and services are shared with sockets. */
export function buildAuthOptions(context: AppContext): NextAuthOptions {
  return {
    secret: context.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Parley",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await context.signIn(credentials, headerValue(req?.headers, CLIENT_IP_HEADER) ?? "unknown");
            return { id: user.id, name: user.displayName, username: user.username, role: user.role };
          } catch (error) {
            // next-auth passes an Error's message on as `result.error`: the sentence to show.
            throw isAppError(error) ? new Error(error.message) : error;
          }
        },
      }),
    ],
    callbacks: {
      // The token carries the user id and a server-side session id (so the server can
      // end it); names and role are read fresh from the database.
      async jwt({ token, user }) {
        return user ? { ...token, ...(await sessionClaims(context, user.id)) } : token;
      },
      async session({ session, token }) {
        const user = await sessionUserFromToken(context, token);
        const ended = user ? undefined : await endedSession(context, token);
        return { ...session, user: user ?? undefined, ended: ended?.reason, endedNotice: ended?.notice ?? undefined } as typeof session & {
          user?: SessionUser;
        };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (!sid) return;
        await context.sessions.end(sid, "logout");
        context.realtime?.endSession(sid, "logout", "You logged out.");
      },
    },
  };
}

type Claims = { sub?: string; sid?: unknown };

/** What a session token carries beyond next-auth's defaults; starts the server-side session. */
export async function sessionClaims(context: AppContext, userId: string): Promise<{ sub: string; sid: string }> {
  return { sub: userId, sid: await context.sessions.start(userId) };
}

/** The live user behind a token, or null when its session was ended or went idle. */
export async function sessionUserFromToken(context: AppContext, token: Claims): Promise<SessionUser | null> {
  if (typeof token.sid !== "string" || !token.sub) return null;
  const state = await context.sessions.check(token.sid);
  if (!("userId" in state) || state.userId !== token.sub) return null;
  context.sessions.touch(token.sid, state.userId);
  return context.users.findById(state.userId);
}

/** Why the token's session ended, and for kicks and bans the moderator's reason as a sentence. */
async function endedSession(context: AppContext, token: Claims): Promise<{ reason: EndReason; notice: string | null } | undefined> {
  if (typeof token.sid !== "string") return undefined;
  const state = await context.sessions.check(token.sid);
  if (!("ended" in state)) return undefined;
  return { reason: state.ended, notice: token.sub ? await sessionEndNotice(context.moderation, token.sub, state.ended) : null };
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}
