/** Pages of a case list fetched ahead (the pages either side of the one shown), so that the pager
 * answers without waiting for the server. Each is used once, and only while fresh: a case added
 * since shows on a page fetched when it is asked for. */
import { api, type CasePage, type Result } from '../api.js';

/** How long a page fetched ahead may stand in for asking the server. */
const FRESH_MS = 60_000;

type FetchPage = (workspace: string, query: URLSearchParams) => Promise<Result<CasePage>>;

export class PagesAhead {
  constructor(
    private readonly fetchPage: FetchPage = api.cases,
    private readonly now: () => number = Date.now,
  ) {}

  readonly #pages = new Map<string, { page: CasePage; at: number }>();
  readonly #asked = new Set<string>();
  /** Counts the clearings, so that an answer to a request made before one is dropped. */
  #generation = 0;

  /** The page for this request, if fetched ahead and still fresh; it is used up. */
  take(workspace: string, request: string): CasePage | undefined {
    const key = `${workspace}?${request}`;
    const found = this.#pages.get(key);
    this.#pages.delete(key);
    return found && this.now() - found.at < FRESH_MS ? found.page : undefined;
  }

  /** Fetches the page for this request ahead, unless it is already kept or on its way. */
  fetch(workspace: string, request: string): void {
    const key = `${workspace}?${request}`;
    if (this.#pages.has(key) || this.#asked.has(key)) return;
    this.#asked.add(key);
    const generation = this.#generation;
    void this.fetchPage(workspace, new URLSearchParams(request)).then((r) => {
      if (generation !== this.#generation) return;
      this.#asked.delete(key);
      if (r.ok) this.#pages.set(key, { page: r.value, at: this.now() });
    });
  }

  /** Forgets every page (another person signed in or out: what they may see differs). */
  clear(): void {
    this.#generation += 1;
    this.#pages.clear();
    this.#asked.clear();
  }
}
