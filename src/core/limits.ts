/**
 * How big a case may be. Generous for any real initiative, and small enough that reading one
 * can never tie up a server: the analysis's what-ifs grow with parties, stages and claims.
 */
export const LIMITS = {
  /** Characters in one text field (a summary, a citation, a note). */
  text: 5_000,
  /** Characters in an id. */
  id: 100,
  sources: 200,
  parties: 100,
  components: 50,
  /** Role claims in one component. */
  roles: 500,
  /** Entries in the other lists of a component: relationships, humane features, attempts. */
  items: 100,
} as const;
