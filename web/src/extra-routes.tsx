/** The routes of the case tools, sharing, workspace and account pages. */
import type { ReactNode } from 'react';
import { AccountPage } from './pages/account.page.js';
import { HistoryPage } from './pages/history.page.js';
import { JoinPage } from './pages/join.page.js';
import { MyAccountPage } from './pages/my-account.page.js';
import { SharedPage } from './pages/shared.page.js';
import { WorkspaceMembersPage } from './pages/workspace-members.page.js';
import { WorkspaceSummaryPage } from './pages/workspace-summary.page.js';

/** The page for an address's decoded parts, if it is one of these. */
export function extraRoute(parts: readonly (string | undefined)[]): ReactNode | undefined {
  const [a, b, c, d, e] = parts;
  if (parts.length === 1 && a === 'account') return <AccountPage />;
  if (parts.length === 2 && a === 'shared' && b) return <SharedPage key={b} token={b} />;
  if (parts.length === 2 && a === 'join' && b) return <JoinPage key={b} token={b} />;
  if (a !== 'w' || !b) return undefined;
  if (parts.length === 3 && c === 'members') return <WorkspaceMembersPage key={b} workspace={b} />;
  if (parts.length === 3 && c === 'summary') return <WorkspaceSummaryPage key={b} workspace={b} />;
  if (parts.length === 5 && c === 'cases' && d) {
    if (e === 'history') return <HistoryPage key={`${b}/${d}`} workspace={b} caseId={d} />;
    if (e === 'my-account') return <MyAccountPage key={`${b}/${d}`} workspace={b} caseId={d} />;
  }
  return undefined;
}
