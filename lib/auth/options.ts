import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { AppContext } from "@/lib/context";
import { signInSchema } from "@/lib/schemas/auth";
import type { SessionUser } from "@/lib/types";

export const WRONG_CREDENTIALS = "Wrong username or password";

/** Built from the running server's context so the secret and services are shared with sockets. */
export function buildAuthOptions(context: AppContext): NextAuthOptions {
  return {
    secret: context.authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Parley",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error(WRONG_CREDENTIALS);
          const user = await context.users.verifyCredentials(parsed.data);
          if (!user) throw new Error(WRONG_CREDENTIALS);
          return { id: user.id, name: user.displayName, username: user.username, role: user.role };
        },
      }),
    ],
    callbacks: {
      // The token carries only the user id; names and role are read fresh from the database.
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        const user = token.sub ? await context.users.findById(token.sub) : null;
        return { ...session, user: user ?? undefined } as typeof session & { user?: SessionUser };
      },
    },
  };
}
