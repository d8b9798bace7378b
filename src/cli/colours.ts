/** Terminal colours for fits. Colour only adds to the words; it never carries meaning alone. */
import { createColors } from 'picocolors';
import type { Fit } from '../core/index.js';
import type { Palette } from '../report/index.js';

// Colour is decided by the CLI (terminal or --color), not by picocolors' own detection.
const pc = createColors(true);

const FIT_COLOURS: Record<Fit, (s: string) => string> = {
  fits: pc.green,
  'partly-fits': pc.yellow,
  'does-not-fit': pc.red,
  undetermined: pc.cyan,
};

export const COLOURS: Palette = {
  bold: pc.bold,
  dim: pc.dim,
  fit: (fit, s) => FIT_COLOURS[fit](s),
};
