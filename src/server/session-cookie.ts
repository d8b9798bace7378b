/** The sign-in cookie: HttpOnly (no script can read it), SameSite=Lax, and Secure behind HTTPS. */
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'coprism_session';
export const SESSION_DAYS = 14;

export const sessionCookieOptions = (secure: boolean): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure,
  path: '/',
  maxAge: SESSION_DAYS * 24 * 60 * 60,
});
