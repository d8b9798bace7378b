/**
 * CPU time used so far by this process's descendants (for `npm run bench:web`: Chromium's browser,
 * renderer and GPU processes), from Linux's /proc. Unlike a clock, it does not count the time a
 * busy machine kept them waiting for a core. Resolution: one clock tick (10 ms); read it around many
 * actions and divide.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, `getconf CLK_TCK`: 100 on Linux. */
const TICKS_PER_S = 100;

interface Stat {
  readonly ppid: number;
  readonly ticks: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: the fields are counted after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // it ended meanwhile
  }
}

/** Milliseconds of CPU (user and system) used by every living descendant of `root`. */
export function descendantsCpuMs(root = process.pid): number {
  const stats = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) stats.set(pid, s);
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = stats.get(pid)?.ppid; p !== undefined && p > 1; p = stats.get(p)?.ppid)
      if (p === root) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of stats) if (isDescendant(pid)) ticks += s.ticks;
  return (ticks * 1000) / TICKS_PER_S;
}
