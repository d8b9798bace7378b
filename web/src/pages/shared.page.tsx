/** A case shared by a read-only link: the same reading, for anyone with the link, without an account. */
import { useEffect, useState } from 'react';
import { extras, type SharedCase } from '../api-extras.js';
import type { Problem } from '../api.js';
import '../case-extras/extras.css';
import { extraPaths } from '../extra-paths.js';
import { Link } from '../router.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { Reading } from './case.page.js';
import { NotFoundPage } from './not-found.page.js';

export function SharedPage({ token }: { token: string }) {
  const [loaded, setLoaded] = useState<SharedCase | Problem>();
  useEffect(() => {
    let live = true;
    void extras.shared(token).then((r) => live && setLoaded(r.ok ? r.value : r.problem));
    return () => {
      live = false;
    };
  }, [token]);

  if (loaded === undefined)
    return (
      <Page title="Loading the shared case" busy>
        <p aria-busy="true">Loading the case and its reading…</p>
      </Page>
    );
  if ('status' in loaded || !loaded.analysis)
    return 'status' in loaded && loaded.status !== 404 ? (
      <Page title="The shared case could not be shown">
        <ProblemAlert problem={loaded} />
      </Page>
    ) : (
      <NotFoundPage
        title="This link does not open a case"
        detail="The link is not valid, or the case is no longer shared: whoever shared it may have withdrawn the link or made a new one. Ask them for a new link."
      />
    );
  const { analysis, ...view } = loaded;
  return (
    <Reading
      workspace=""
      view={{ ...view, workspace: '' }}
      analysis={analysis}
      caseHref={extraPaths.shared(token)}
      crumb={
        <p className="shared-banner">
          <strong>Shared with you, to read.</strong> Someone shared this case from their Coprism
          workspace by a link. You can read it and its reading, but not change it.{' '}
          <Link href="/">See the public case library</Link>
        </p>
      }
    />
  );
}
