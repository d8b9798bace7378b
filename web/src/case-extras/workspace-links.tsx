/** Under a workspace's heading: its summary, and its members (for members of a team workspace). */
import type { Workspace } from '../api.js';
import { extraPaths } from '../extra-paths.js';
import { LIBRARY } from '../paths.js';
import { Link } from '../router.js';
import './extras.css';

export function WorkspaceLinks({
  workspace,
  info,
}: {
  workspace: string;
  info: Workspace | undefined;
}) {
  const team = workspace !== LIBRARY && info?.kind === 'team' && info.role !== null;
  return (
    <ul className="workspace-links">
      <li>
        <Link href={extraPaths.summary(workspace)}>
          {workspace === LIBRARY
            ? 'How the five models fit across the library'
            : 'How the five models fit across this workspace'}
        </Link>
      </li>
      {team ? (
        <li>
          <Link href={extraPaths.members(workspace)}>
            {info.role === 'owner' ? 'Members, roles and invitations' : 'Members'}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
