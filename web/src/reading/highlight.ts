/** The cells a reason rests on, shown in the grid, and the way back to the reason. */
export interface Highlight {
  readonly cells: readonly string[];
  readonly parties: readonly number[];
  /** The id of the button that asked, to return focus to it. */
  readonly from: string;
  readonly text: string;
}
