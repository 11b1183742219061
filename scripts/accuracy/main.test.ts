/** `npm run accuracy` refuses what it cannot do before it runs anything. */
import { describe, expect, it } from 'vitest';
import { CannotRun } from '../golden/regeneration.js';
import { main } from './main.js';

describe('npm run accuracy refuses bad arguments', () => {
  it.each([
    [['--op', 'hinge'], /--op hinge: no such op is registered/],
    [['--samples', '0'], /--samples needs a positive integer, got "0"/],
    [['--samples', 'many'], /--samples needs a positive integer, got "many"/],
    [['--bogus'], /unknown option --bogus/],
  ])('%j', async (argv, message) => {
    await expect(main(argv)).rejects.toThrow(CannotRun);
    await expect(main(argv)).rejects.toThrow(message);
  });
});
