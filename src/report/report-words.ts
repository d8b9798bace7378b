/** Short words and shades shared by the report renderers, so Markdown, HTML, PDF and SVG agree. */
import {
  LEVEL_STATES,
  type Account,
  type Fit,
  type GridCell,
  type Level,
  type SourceKind,
  type Stage,
} from '../core/index.js';

export const SOURCE_KIND_WORDS: Record<SourceKind, string> = {
  'peer-reviewed': 'peer-reviewed',
  'grey-literature': 'grey literature',
  report: 'report',
  'informal-conversation': 'informal conversation',
  'self-report': 'self-report',
  observation: 'observation',
};

/** Column heads for the who-did-what grid. */
export const STAGE_SHORT: Record<Stage, string> = {
  initiation: 'Idea',
  'needs-assessment': 'Needs',
  design: 'Design',
  piloting: 'Piloting',
  governance: 'Governance',
  'staff-training': 'Training',
  delivery: 'Delivery',
  evaluation: 'Evaluation',
  outreach: 'Outreach',
};

/** Words inside a grid cell: short enough for a figure, never a symbol alone. */
export const LEVEL_SHORT: Record<Level, string> = {
  none: 'no part',
  informed: 'told',
  consulted: 'asked',
  partner: 'partner',
  leads: 'in charge',
};

export const UNKNOWN_WORDS = 'not recorded';

/** Fills from light to dark as power grows; the words always carry the meaning too. */
export const LEVEL_FILL: Record<Level, string> = {
  none: '#ffffff',
  informed: '#e3eef7',
  consulted: '#bcd6ec',
  partner: '#5d9acb',
  leads: '#1f5a8c',
};

export const LEVEL_INK: Record<Level, string> = {
  none: '#1a1a1a',
  informed: '#1a1a1a',
  consulted: '#1a1a1a',
  partner: '#ffffff',
  leads: '#ffffff',
};

/** A mark beside each fit word, so a fit reads in black and white too. */
export const FIT_MARK: Record<Fit, string> = {
  fits: '●',
  'partly-fits': '◐',
  'does-not-fit': '○',
  undetermined: '?',
};

/** An account as a reader checks it: level, how sure, source. */
export function accountWords(a: Account): string {
  return `${LEVEL_STATES[a.level]} (${a.certainty}${a.by === undefined ? '' : `, ${a.by}`})`;
}

/** A grid cell in full words for a data table: unknown and "no part" are never alike. */
export function cellText(cell: GridCell): string {
  if (cell.state === 'unknown') return UNKNOWN_WORDS;
  if (cell.state === 'known') return sortedAccounts(cell.accounts).map(accountWords).join('; ');
  return `disputed: ${sortedAccounts(cell.accounts).map(accountWords).join(' against ')}`;
}

/** Accounts in a stable order, so the order of roles in a file never changes a report. */
export function sortedAccounts(accounts: readonly Account[]): Account[] {
  return [...accounts].sort((a, b) =>
    `${a.level}|${a.source ?? ''}|${a.certainty}` < `${b.level}|${b.source ?? ''}|${b.certainty}`
      ? -1
      : 1,
  );
}

export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
