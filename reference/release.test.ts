import { describe, expect, it } from 'vitest';
import { DEFAULT_PADDLE_RELEASE, isPaddleRelease, paddleRelease, paddleReleaseBefore, withPaddleRelease } from './release.js';

describe('the release the reference reproduces', () => {
  it('is 3.3.1 unless chosen', () => {
    expect(paddleRelease()).toBe('3.3.1');
    expect(DEFAULT_PADDLE_RELEASE).toBe('3.3.1');
  });

  it('withPaddleRelease sets it for the call only, also when the call throws', () => {
    expect(withPaddleRelease('2.6.2', () => [paddleRelease(), paddleReleaseBefore('3.0.0'), paddleReleaseBefore('2.6.2')])).toEqual(['2.6.2', true, false]);
    expect(() => withPaddleRelease('3.0.0', () => { throw new Error('boom'); })).toThrow('boom');
    expect(paddleRelease()).toBe('3.3.1');
    expect(paddleReleaseBefore('3.3.1')).toBe(false);
  });

  it('knows the installable releases only', () => {
    expect(isPaddleRelease('3.2.2')).toBe(true);
    expect(isPaddleRelease('2.5.2')).toBe(false);
    expect(isPaddleRelease('3.3')).toBe(false);
  });
});
