/** A message carried from one page to the next (say, "your account is saved"), shown once. */
const messages = new Map<string, string>();

export function setFlash(key: string, text: string): void {
  messages.set(key, text);
}

/** The message left for this page, if any; it is then gone. */
export function takeFlash(key: string): string | undefined {
  const text = messages.get(key);
  messages.delete(key);
  return text;
}
