import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { endSession, SESSION_MAX_AGE_SECONDS, SessionNotEnded } from '@/domain/auth/sessions';
import { signInWithPassword } from '@/domain/auth/sign-in';
import type { Role } from '@/generated/prisma/enums';
import { clientAddressFrom } from '@/lib/client-address';
import { logger } from '@/lib/log';

const log = logger('auth');

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    userId: string;
    role: Role;
    sessionVersion: number;
    /** The UserSession row this token belongs to (decision 004): deleted at ログアウト. */
    sessionId: string;
  }
}

/** Thrown by authorize when a throttle budget is spent; `code` carries the seconds to wait. */
class ThrottledSignIn extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled:${retryAfterSeconds}`;
  }
}

/** The auth layer's log: next-auth's errors and ours, one line each. */
const authLogger = {
  error(error: Error) {
    // A refused sign-in is an expected answer (audited in the database), not a server error.
    if ((error as { type?: string }).type === 'CredentialsSignin') return;
    log.error('next-auth error', error);
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  // The host comes from our own server or the operator's proxy; without this every auth route
  // answers UntrustedHost under `next start`.
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { loginId: {}, password: {} },
      async authorize(credentials, request) {
        const loginId = typeof credentials.loginId === 'string' ? credentials.loginId.slice(0, 200) : '';
        const password = typeof credentials.password === 'string' ? credentials.password.slice(0, 1000) : '';
        const result = await signInWithPassword(await getDb(), {
          loginId,
          password,
          clientAddress: clientAddressFrom(request.headers),
        });
        if (result.ok) return { id: result.userId, role: result.role, sessionVersion: result.sessionVersion, sessionId: result.sessionId };
        if (result.reason === 'throttled') throw new ThrottledSignIn(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        userId: String(token.sub ?? ''),
        role: token.role as Role,
        sessionVersion: Number(token.sv ?? 0),
        sessionId: String(token.sid ?? ''),
      };
    },
  },
  events: {
    // ログアウト ends the session on the server: the token, and any copy of it, is refused from now on.
    // When the row cannot be deleted the session survives until it expires: that is logged here, once,
    // naming the session, its user and until when (SessionNotEnded); not rethrown, or next-auth would
    // log a bare EventError instead. next-auth clears the cookie and the user lands on the sign-in
    // page, signed out, either way.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      const sid = token?.sid;
      if (typeof sid !== 'string' || !sid) return;
      const userId = typeof token?.sub === 'string' ? token.sub : undefined;
      try {
        await endSession(await getDb(), sid, userId);
      } catch (error) {
        authLogger.error(error instanceof SessionNotEnded ? error : new SessionNotEnded(sid, userId ?? null, null, error));
      }
    },
  },
});
