// Which failures are the database's (503, 507) and which are not (a 500, or the request's own).
import { describe, expect, it } from 'vitest';
import { databaseTrouble } from './database.js';

const withCode = (code: string, message = 'failed'): Error =>
  Object.assign(new Error(message), { code });

describe('databaseTrouble', () => {
  it('says full for no space, on either database', () => {
    for (const code of ['SQLITE_FULL', '53100', 'ENOSPC'])
      expect(databaseTrouble(withCode(code)), code).toBe('full');
  });

  it('says unavailable for a database that is down, restarting, busy or unreachable', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      '57P01',
      '57P02',
      '57P03',
      '08006',
      '53300',
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_IOERR_SHORT_READ',
    ])
      expect(databaseTrouble(withCode(code)), code).toBe('unavailable');
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated',
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
    ])
      expect(databaseTrouble(new Error(message)), message).toBe('unavailable');
  });

  it('says nothing for the request’s own faults or for bugs', () => {
    for (const error of [
      withCode('23505'),
      withCode('SQLITE_CONSTRAINT_UNIQUE'),
      withCode('42P01'),
      withCode('SQLITE_ERROR', 'no such table: cases'),
      new TypeError('x is undefined'),
      // A message like a dropped connection's, but with a code of its own, is not one.
      withCode('XX000', 'Connection terminated by the planner'),
      undefined,
      null,
    ])
      expect(databaseTrouble(error)).toBeUndefined();
  });
});
