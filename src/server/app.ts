/** The HTTP application, built by a factory that does not listen (tests use `inject`). */
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { decodeCaseBytes } from '../files/index.js';
import { databaseTrouble, type Store } from '../store/index.js';
import { ANONYMOUS, type Caller } from './access.js';
import { AccountsService } from './accounts.service.js';
import { CasesService } from './cases.service.js';
import { HttpProblem, problemBody } from './problem.js';
import { accountRoutes } from './routes/account.routes.js';
import { analysisRoutes } from './routes/analysis.routes.js';
import { caseRoutes } from './routes/case.routes.js';
import { draftRoutes } from './routes/draft.routes.js';
import { ownAccountRoutes } from './routes/own-account.routes.js';
import { similarRoutes } from './routes/similar.routes.js';
import { reportRoutes } from './routes/report.routes.js';
import { revisionRoutes } from './routes/revision.routes.js';
import { sharedRoutes } from './routes/shared.routes.js';
import { transferRoutes } from './routes/transfer.routes.js';
import { workspaceRoutes } from './routes/workspace.routes.js';
import { registerRateLimits } from './rate-limits.js';
import { securityHeaders } from './security-headers.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { webApp } from './web-app.js';

export interface AppOptions {
  readonly store: Store;
  readonly now?: () => Date;
  /** Mark cookies Secure (behind HTTPS). */
  readonly secureCookies?: boolean;
  /** Log requests and errors at this level (to standard output, or to `stream`); off by default. */
  readonly log?: { readonly level: string; readonly stream?: { write(line: string): void } };
  /** Largest request body, in bytes. */
  readonly bodyLimit?: number;
  /** The built web app's folder; dist/web by default. */
  readonly webRoot?: string;
}

export interface AppContext {
  readonly store: Store;
  readonly cases: CasesService;
  readonly accounts: AccountsService;
  readonly now: () => Date;
  readonly secureCookies: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Paths whose last part is a secret (the API's and the web app's join and share pages); kept out of the logs.
const SECRET_PATH = /\/(invitations|shared|join)\/[^/?]+/g;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const context: AppContext = {
    store: options.store,
    now,
    cases: new CasesService(options.store, now),
    accounts: new AccountsService(options.store, now),
    secureCookies: options.secureCookies ?? false,
  };
  const app = Fastify({
    logger: options.log
      ? {
          level: options.log.level,
          ...(options.log.stream ? { stream: options.log.stream } : {}),
          // Only what is needed to follow a request: never headers (cookies, tokens), never secrets in paths.
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              url: redactPath(req.url),
            }),
          },
        }
      : false,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    // Request ids are random, not sequential, so logs from several processes never collide.
    genReqId: () => Math.random().toString(36).slice(2, 10),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Case files may be posted as YAML or plain text for import and analysis.
  // Bytes that are not UTF-8 are refused, not read with replacement characters.
  app.addContentTypeParser(
    ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/plain'],
    { parseAs: 'buffer' },
    (_request, body, done) => {
      const text = decodeCaseBytes(body as Buffer, 'request body');
      if (text.ok) return done(null, text.value);
      const where = text.error[0];
      done(
        new HttpProblem(
          400,
          `The request body is ${where?.message ?? 'not UTF-8 text'} (line ${where?.line ?? 1}, column ${where?.column ?? 1}).`,
        ),
      );
    },
  );

  await app.register(fastifyCookie);
  await registerRateLimits(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Coprism API',
        version: '1',
        description:
          'Cases of mental health service initiatives (the coprism/1 format), their revisions, and the five-model reading. Errors are RFC 9457 problem documents.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer', description: 'A personal API token (cpt_…).' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  securityHeaders(app);

  app.decorateRequest('caller', { getter: () => ANONYMOUS });
  app.addHook('onRequest', async (request) => {
    const caller = await context.accounts.callerFrom(
      request.cookies[SESSION_COOKIE],
      request.headers.authorization,
    );
    Object.defineProperty(request, 'caller', { value: caller });
    // Cookie-authenticated writes must carry the session's CSRF token: a page on another site
    // can make the browser send the cookie, but cannot read the token to send it too.
    if (caller.via === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== caller.csrfToken) {
        throw new HttpProblem(
          403,
          'This change was sent without the page’s security token (X-CSRF-Token). Reload the page and try again.',
        );
      }
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return reply.code(error.status).type('application/problem+json').send(error.body());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is not valid',
      }));
      const detail = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      return reply
        .code(400)
        .type('application/problem+json')
        .send(problemBody(400, detail, { problems }));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .type('application/problem+json')
        .send(problemBody(status, plainClientError(error)));
    }
    const trouble = databaseTrouble(error);
    if (trouble === 'full') {
      request.log.error({ err: { message: error.message, code: error.code } }, 'disk full');
      // 507 Insufficient Storage: the change was refused whole (its transaction rolled back).
      return reply
        .code(507)
        .type('application/problem+json')
        .send(
          problemBody(
            507,
            'The server’s disk is full, so this change was not saved. Everything saved before is safe and can still be read. Ask whoever runs this server to free some space, then save again.',
          ),
        );
    }
    if (trouble === 'unavailable') {
      request.log.error(
        { err: { message: error.message, code: error.code } },
        'database unavailable',
      );
      return reply
        .code(503)
        .header('retry-after', '5')
        .type('application/problem+json')
        .send(
          problemBody(
            503,
            'The database is not answering just now. Try again shortly; if you were saving a case, sending it again is safe (a save that did go through is never saved twice).',
          ),
        );
    }
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'unexpected error');
    return reply
      .code(500)
      .type('application/problem+json')
      .send(
        problemBody(
          500,
          'Something went wrong on our side. Nothing you sent was lost; please try again.',
        ),
      );
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(
        problemBody(
          404,
          `There is nothing at ${request.method} ${request.url.replace(SECRET_PATH, '/$1/…')}.`,
        ),
      ),
  );

  await app.register(async (api) => {
    accountRoutes(api, context);
    workspaceRoutes(api, context);
    caseRoutes(api, context);
    revisionRoutes(api, context);
    transferRoutes(api, context);
    analysisRoutes(api, context);
    sharedRoutes(api, context);
    reportRoutes(api, context);
    draftRoutes(api, context);
    ownAccountRoutes(api, context);
    similarRoutes(api, context);
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(webApp, options.webRoot ? { root: options.webRoot } : {});
  return app;
}

function plainClientError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send JSON (application/json), or YAML (application/yaml) where a case file is expected.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; JSON was expected.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
        return 'The request body is not valid JSON.';
      return error.message;
  }
}

/** Replaces the secret in invitation and share links, for logs. */
export const redactPath = (url: string): string => url.replace(SECRET_PATH, '/$1/…');
