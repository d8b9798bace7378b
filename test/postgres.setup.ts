// Starts a throwaway PostgreSQL server for the test run (unless TEST_DATABASE_URL names one),
// so the store's tests run on PostgreSQL as well as SQLite, on any machine with PostgreSQL installed.
import type { TestProject } from 'vitest/node';
import { startCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresUrl', given);
    return () => undefined;
  }
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.destroy();
}
