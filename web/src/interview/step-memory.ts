/** The step each draft was left at, in this browser, so that coming back opens it again. */
const key = (draftId: string) => `coprism.draft-step.${draftId}`;

export function rememberStep(draftId: string, step: string): void {
  try {
    window.localStorage.setItem(key(draftId), step);
  } catch {
    // Storage may be off (private browsing): the interview then starts at the first step.
  }
}

export function recalledStep(draftId: string): string | null {
  try {
    return window.localStorage.getItem(key(draftId));
  } catch {
    return null;
  }
}

export function forgetStep(draftId: string): void {
  try {
    window.localStorage.removeItem(key(draftId));
  } catch {
    // Nothing to forget.
  }
}
