/** A command line that was not understood: reported with exit code 2. */
export class CommandUsageError extends Error {}
