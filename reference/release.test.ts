import { describe, expect, it } from 'vitest';
import { DEFAULT_PADDLE_RELEASE, isPaddleRelease, paddleRelease, paddleReleaseBefore, paddleReleaseIs, releasesAlike, traceReleaseQueries, withPaddleRelease } from './release.js';

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

  it('paddleReleaseIs holds for that release alone', () => {
    expect(['3.0.0', '3.1.0', '3.3.1'].map((v) => withPaddleRelease(v as '3.0.0', () => paddleReleaseIs('3.0.0')))).toEqual([true, false, false]);
    expect(withPaddleRelease('3.3.1', () => paddleReleaseIs('3.3.1'))).toBe(true);
    expect(withPaddleRelease('3.3.0', () => paddleReleaseIs('3.3.1'))).toBe(false);
  });
});

describe('the questions a computation asks about the release', () => {
  it('records every version compared with, including through paddleReleaseIs and nested traces', () => {
    const { value, queries } = traceReleaseQueries(() => [paddleReleaseBefore('3.1.1'), traceReleaseQueries(() => paddleReleaseIs('3.0.0')).value]);
    expect(value).toEqual([false, false]);
    expect([...queries.comparedWith].sort()).toEqual(['3.0.0', '3.1.0', '3.1.1']);
    expect(queries.readExactly).toBe(false);
  });

  it('a release is alike when it answers each comparison as the traced one did', () => {
    const { queries } = traceReleaseQueries(() => paddleReleaseBefore('3.1.1'));
    expect(releasesAlike(queries, '3.2.0')).toBe(true);
    expect(releasesAlike(queries, '3.1.1')).toBe(true);
    expect(releasesAlike(queries, '3.1.0')).toBe(false);
    expect(releasesAlike(traceReleaseQueries(() => 1).queries, '2.6.2')).toBe(true);
  });

  it('reading the release itself makes every other release unlike', () => {
    const { queries } = traceReleaseQueries(() => paddleRelease());
    expect(queries.readExactly).toBe(true);
    expect(releasesAlike(queries, '3.3.0')).toBe(false);
    expect(releasesAlike(queries, '3.3.1')).toBe(true);
  });

  it('records nothing outside a trace', () => {
    const { queries } = traceReleaseQueries(() => 0);
    paddleReleaseBefore('3.0.0');
    expect(queries.comparedWith.size).toBe(0);
  });
});
