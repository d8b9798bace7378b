/** The app's addresses, in one place. */

/** The public case library's workspace id. */
export const LIBRARY = 'library';

/** Paths of the app's pages. */
export const paths = {
  workspace: (ws: string, query?: URLSearchParams) =>
    `${ws === LIBRARY ? '/' : `/w/${encodeURIComponent(ws)}`}${query && query.size > 0 ? `?${query.toString()}` : ''}`,
  case: (ws: string, id: string) => `/w/${encodeURIComponent(ws)}/cases/${encodeURIComponent(id)}`,
  signIn: '/sign-in',
};
