/** On a case page: "Compare with…", which opens the comparison with this case chosen. */
import { Link } from '../router.js';
import { comparePath } from './compare-grid.js';

export function CompareEntry({ workspace, caseId }: { workspace: string; caseId: string }) {
  return (
    <p className="compare-entry">
      <Link
        href={`${comparePath([{ workspace, id: caseId }])}#add-case`}
        className="button secondary"
      >
        Compare with…
      </Link>
    </p>
  );
}
