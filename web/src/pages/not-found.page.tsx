/** A plain page for an address that leads nowhere, or a case that is missing or hidden. */
import { Link } from '../router.js';
import { Page } from '../ui/page.js';

export function NotFoundPage({
  title = 'Page not found',
  detail,
}: {
  title?: string;
  detail?: string;
}) {
  return (
    <Page title={title}>
      <p>
        {detail ??
          'There is no page at this address. It may have moved, or the link may have a typing mistake.'}
      </p>
      <p>
        <Link href="/">Go to the case library</Link>
      </p>
    </Page>
  );
}
