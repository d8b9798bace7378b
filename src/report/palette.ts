/** Styling for terminal text. The renderers take a palette so that they stay pure and testable. */
import type { Fit } from '../core/index.js';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  fit(fit: Fit, s: string): string;
}

export const PLAIN: Palette = { bold: (s) => s, dim: (s) => s, fit: (_fit, s) => s };
