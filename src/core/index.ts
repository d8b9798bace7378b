/** The Coprism core: the case format, the rulebook and the analysis. Pure: no I/O, no clock. */
export * from './vocabulary.js';
export { LIMITS } from './limits.js';
export * from './case.schema.js';
export * from './problems.js';
export { validateCase } from './validate.js';
export { parseCaseText, formatTextProblem, type TextProblem } from './case-text.js';
export type * from './analysis.types.js';
export type * from './rule.types.js';
export { RULEBOOK } from './rulebook.js';
export { analyseCase, compileRules, type CompiledRules } from './analyse.js';
export * from './participation-grid.js';
export * from './ladders.js';
export * from './gripp2.js';
export * from './corpus.js';
export * from './grid-shape.js';
export * from './source-names.js';
