/** Case files on disk: finding them in folders and reading them. */
export { findCaseFiles, readCaseFile, type Found } from './case-files.js';
export { decodeCaseBytes } from './decode-text.js';
