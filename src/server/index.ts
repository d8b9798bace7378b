/** The HTTP server: the API over the store, with accounts, workspaces and the public library. */
export { buildApp, type AppOptions } from './app.js';
export { startServer, type ServeOptions, type RunningServer } from './serve.js';
export { LIBRARY_ID } from './library.js';
