/** Renderers: analyses and the rulebook as text and Markdown. Pure: they return strings. */
export { analysisText } from './analysis-text.js';
export { analysisMarkdown } from './analysis-markdown.js';
export { rulebookText } from './rulebook-text.js';
export { PLAIN, type Palette } from './palette.js';
