/**
 * paddle.clip against Paddle's own values (CPU), by release where its
 * Python source or its kernel changed: 3.0.0, 3.1.0, 3.1.1 and 3.3.1.
 */
import { describe, expect, it } from 'vitest';
import { float32Bits, raised } from '../test_support.js';
import { withPaddleRelease } from '../release.js';
import { tensor } from '../tensor.js';
import { clip } from './clip.js';
import { Tape } from './tape.js';

const clipped = (x: ReturnType<typeof tensor>, min?: number, max?: number) => {
  const tape = new Tape();
  return clip(tape, tape.leaf(x), min, max).value;
};

describe('Rules `clip-keeps-nan` and `clip-caps-at-dtype-max`', () => {
  it('float32: +inf is capped at FLT_MAX, NaN passes', () => {
    // paddle.clip(T([inf, nan, -1.]), min=0) -> [0x7f7fffff, 0x7fc00000, 0x0]
    expect(float32Bits(clipped(tensor([Infinity, NaN, -1]), 0))).toEqual(['0x7f7fffff', '0x7fc00000', '0x0']);
  });

  it('float64: FLT_MAX is the default max up to 3.1.0, DBL_MAX from 3.1.1', () => {
    // paddle.clip(T([1e39], 'float64'), min=0) -> 3.1.0: 0x47efffffe0000000 (FLT_MAX); 3.1.1: 0x48078287f49c4a1d (1e39)
    const at = (release: '3.1.0' | '3.1.1') => withPaddleRelease(release, () => clipped(tensor([1e39], { dtype: 'float64' }), 0).at(0));
    expect([at('3.1.0'), at('3.1.1')]).toEqual([3.4028234663852886e38, 1e39]);
  });

  it('min above max raises ValueError', () => {
    // paddle.clip(T([1., nan]), min=2, max=1) -> ValueError (InvalidArgument) max should be greater than or equal to min. ...
    expect(raised(() => clipped(tensor([1, NaN]), 2, 1))).toEqual(['ValueError', '(InvalidArgument) max should be greater than or equal to min. But received min = 2.000000, max = 1.000000']);
  });
});

describe('Rule `clip-grad-passes-at-bounds`', () => {
  // x = T([0., 1., -1., nan], stop_gradient=False); paddle.clip(x, min=0).backward(T([1., 1., nan, 1.]))
  const grad = () => {
    const tape = new Tape();
    const x = tape.leaf(tensor([0, 1, -1, NaN]), true);
    return float32Bits(tape.backward(clip(tape, x, 0), tensor([1, 1, NaN, 1])).get(x.id)!);
  };

  it('3.1.0 on: the bound passes the gradient; below it and at NaN +0, a NaN upstream too', () => {
    // 3.1.0 and 3.3.1 -> [0x3f800000, 0x3f800000, 0x0, 0x0]
    expect(withPaddleRelease('3.3.1', grad)).toEqual(['0x3f800000', '0x3f800000', '0x0', '0x0']);
    expect(withPaddleRelease('3.1.0', grad)).toEqual(['0x3f800000', '0x3f800000', '0x0', '0x0']);
  });

  it('before 3.1.0 the bound itself gets 0', () => {
    // 3.0.0 -> [0x0, 0x3f800000, 0x0, 0x0]
    expect(withPaddleRelease('3.0.0', grad)).toEqual(['0x0', '0x3f800000', '0x0', '0x0']);
  });
});

describe('registration', () => {
  it.each(['float16', 'bfloat16', 'bool'] as const)('%s raises RuntimeError (NotFound)', (dtype) => {
    // paddle.clip(T([1.]).astype(dtype), min=0) -> RuntimeError (NotFound) ... kernel `clip` is not registered
    expect(raised(() => clipped(tensor([1], { dtype }), 0))[0]).toBe('RuntimeError');
  });
});
