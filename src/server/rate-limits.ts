/**
 * Limits on how often passwords can be tried and secrets made: enough for a person, too few for a
 * guessing program. Counted per server process (behind a load balancer, per process).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, `Too many attempts. Wait ${context.after} before trying again.`),
  });
}

const emailOf = (request: FastifyRequest): string => {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
};

/** Password guesses: per address and account, so one person's typos never lock out an office. */
export const SIGN_IN_LIMIT = {
  rateLimit: {
    max: 10,
    timeWindow: '15 minutes',
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `${request.ip} ${emailOf(request)}`,
  },
};

/** Creating accounts, tokens and password changes: per address. */
export const SECRETS_LIMIT = {
  rateLimit: { max: 20, timeWindow: '15 minutes', hook: 'preHandler' as const },
};
