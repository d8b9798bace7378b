/** Errors as RFC 9457 problem details: a status, a short title and a plain-English detail. */

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'The request has a mistake',
  401: 'Sign in first',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'The case has changed',
  413: 'Too large',
  415: 'Unsupported content type',
  422: 'The case has mistakes',
  428: 'Say which revision you changed',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
  503: 'The database is not answering',
  507: 'The disk is full',
};

/** An expected failure, turned into a problem response by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
  }

  body(): ProblemBody {
    return problemBody(this.status, this.detail, this.extra);
  }
}

export function problemBody(
  status: number,
  detail: string,
  extra: Readonly<Record<string, unknown>> = {},
): ProblemBody {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}

export const notFound = (what: string): HttpProblem =>
  new HttpProblem(404, `There is no ${what} here, or you do not have access to it.`);
