/** A ladder reading arranged as a table: the stages worth a column, the rows, and the rules used. */
import {
  SHARED_LADDER_RULES,
  STAGES,
  positionLabel,
  type LadderReading,
  type Party,
  type Stage,
} from '../core/index.js';

export interface LadderTable {
  readonly name: string;
  readonly source: string;
  /** Stages at which some party this ladder measures has a claim. */
  readonly stages: readonly Stage[];
  readonly rows: readonly { readonly party: Party; readonly cells: readonly string[] }[];
  /** Parties the ladder measures about whom this component records nothing. */
  readonly silent: readonly Party[];
  /** Stages with no claim about anyone the ladder measures. */
  readonly unplacedStages: readonly Stage[];
  readonly notMeasured: readonly Party[];
  readonly scope: string;
  /** The rules the table's cells rest on, with their statements. */
  readonly rules: readonly { readonly id: string; readonly statement: string }[];
}

export function ladderTable(reading: LadderReading): LadderTable {
  const speaking = reading.rows.filter((r) => r.cells.some((c) => c.position.kind !== 'unknown'));
  const stages = STAGES.filter((s) =>
    speaking.some((r) => r.cells.some((c) => c.stage === s && c.position.kind !== 'unknown')),
  );
  const used = new Set(
    speaking.flatMap((r) =>
      r.cells.filter((c) => stages.includes(c.stage)).flatMap((c) => c.rules),
    ),
  );
  const statements = [...reading.ladder.rules, ...SHARED_LADDER_RULES];
  return {
    name: reading.ladder.name,
    source: reading.ladder.source,
    stages,
    rows: speaking.map((r) => ({
      party: r.party,
      cells: stages.map((s) => {
        const cell = r.cells.find((c) => c.stage === s);
        return cell === undefined ? '' : positionLabel(reading.ladder, cell.position);
      }),
    })),
    silent: reading.rows.filter((r) => !speaking.includes(r)).map((r) => r.party),
    unplacedStages: STAGES.filter((s) => !stages.includes(s)),
    notMeasured: reading.notMeasured,
    scope: reading.ladder.measures.statement,
    rules: statements
      .filter((r) => used.has(r.id))
      .map((r) => ({ id: r.id, statement: r.statement })),
  };
}
