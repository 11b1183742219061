import { describe, expect, it } from 'vitest';
import { main as check } from './check.js';
import { main as generate } from './generate.js';
import { CannotRun } from './regeneration.js';

// Each of these must be refused as a usage error before any Paddle runs or any file is touched.
describe('golden:generate refuses arguments it would otherwise misread', () => {
  it.each([
    [['--out'], /--out needs a directory/],
    [['--out='], /--out needs a directory/],
    [['--baseline', '', '--paddle-version', '2.6.2'], /--baseline needs a directory/],
    [['--report', '', '--paddle-version', '2.6.2'], /--report needs a file/],
    [['accept'], /unexpected argument accept/],
    [['--report', '/tmp/r.txt'], /--report and --baseline only apply with --paddle-version/],
    [['--baseline', '/tmp'], /--report and --baseline only apply with --paddle-version/],
    [['--bogus'], /unknown option --bogus/],
  ])('%j', async (argv, message) => {
    await expect(generate(argv)).rejects.toThrow(CannotRun);
    await expect(generate(argv)).rejects.toThrow(message);
  });
});

describe('golden:check refuses arguments it would otherwise ignore', () => {
  it.each([
    [['skip-unavailable'], /unexpected argument skip-unavailable/],
    [['--bogus'], /unknown option --bogus/],
  ])('%j', async (argv, message) => {
    await expect(check(argv)).rejects.toThrow(CannotRun);
    await expect(check(argv)).rejects.toThrow(message);
  });
});

describe('golden:generate checks where the report goes before it runs Paddle', () => {
  it('refuses a --report in a directory that does not exist', async () => {
    await expect(generate(['--paddle-version', '2.6.2', '--report', '/nonexistent-dir/drift.txt'])).rejects.toThrow(/--report .*the directory \/nonexistent-dir does not exist/);
  });
});
