/** The workspace and the caller's role in it, fetched again when someone signs in or out. */
import { useEffect, useState } from 'react';
import { api, type Problem, type Workspace } from '../api.js';
import { useSession } from '../session.js';

export function useWorkspace(workspace: string): Workspace | Problem | undefined {
  const session = useSession();
  const [info, setInfo] = useState<Workspace | Problem>();
  useEffect(() => {
    let live = true;
    void api.workspace(workspace).then((r) => live && setInfo(r.ok ? r.value : r.problem));
    return () => {
      live = false;
    };
  }, [workspace, session.user]);
  return info;
}

/** Editors and owners may change a workspace's cases. */
export const canEdit = (info: Workspace | Problem | undefined): boolean =>
  info !== undefined && 'role' in info && (info.role === 'editor' || info.role === 'owner');

export const isOwner = (info: Workspace | Problem | undefined): boolean =>
  info !== undefined && 'role' in info && info.role === 'owner';
