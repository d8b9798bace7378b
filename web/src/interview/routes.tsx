/** The interview's addresses: /w/:ws/drafts (your drafts) and /w/:ws/drafts/:id (the interview).
 * The interview (with the YAML parser) loads only when it is opened, keeping the first load small. */
import { Suspense, lazy, type ReactElement } from 'react';
import { DraftsPage } from '../pages/drafts.page.js';
import { Page } from '../ui/page.js';

const InterviewPage = lazy(() => import('../pages/interview.page.js'));

export function interviewRoute(parts: readonly string[]): ReactElement | null {
  if (parts[0] !== 'w' || parts[1] === undefined || parts[2] !== 'drafts') return null;
  const workspace = parts[1];
  if (parts.length === 3) return <DraftsPage key={workspace} workspace={workspace} />;
  const id = parts[3];
  if (parts.length === 4 && id !== undefined)
    return (
      <Suspense
        fallback={
          <Page title="Loading the interview" busy>
            <p aria-busy="true">Loading the interview…</p>
          </Page>
        }
      >
        <InterviewPage key={`${workspace}/${id}`} workspace={workspace} draftId={id} />
      </Suspense>
    );
  return null;
}
