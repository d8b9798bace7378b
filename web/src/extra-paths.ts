/** Addresses of the case tools, sharing, workspace and account pages. */
import { paths } from './paths.js';

const enc = encodeURIComponent;

export const extraPaths = {
  myAccount: (ws: string, id: string, part?: string) =>
    `${paths.case(ws, id)}/my-account${part ? `?part=${enc(part)}` : ''}`,
  history: (ws: string, id: string) => `${paths.case(ws, id)}/history`,
  shared: (token: string) => `/shared/${enc(token)}`,
  join: (token: string) => `/join/${enc(token)}`,
  account: '/account',
  members: (ws: string) => `/w/${enc(ws)}/members`,
  summary: (ws: string) => `/w/${enc(ws)}/summary`,
};
