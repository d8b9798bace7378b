/** The addresses of the interview and of "Your drafts". */
const enc = encodeURIComponent;

export const draftPath = (ws: string, id: string, query?: URLSearchParams): string =>
  `/w/${enc(ws)}/drafts/${enc(id)}${query && query.size > 0 ? `?${query.toString()}` : ''}`;

export const draftsPath = (ws: string): string => `/w/${enc(ws)}/drafts`;
