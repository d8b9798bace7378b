/** Usage errors of the report, table and summary commands, worded like the rest of the command line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Io } from './main.js';

import { CommandUsageError } from './usage-error.js';

export { CommandUsageError };

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; a mistake becomes a CommandUsageError. */
export function parseCommand<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new CommandUsageError((error as Error).message);
  }
}

/** Runs a command; a usage mistake is printed and exits 2. */
export async function withUsage(io: Io, command: () => Promise<number> | number): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof CommandUsageError)) throw error;
    io.err(`coprism: ${error.message}\nRun 'coprism help' for the commands and options.\n`);
    return 2;
  }
}

/** Checks that a value is one of a closed list. */
export function oneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new CommandUsageError(
      `'${value}' is not a ${what}; expected one of ${allowed.join(', ')}`,
    );
  return value as T;
}
