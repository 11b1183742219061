/**
 * Type promotion of a binary kernel's operands (phi/common/type_promotion.h),
 * written once for every op that adds, subtracts or multiplies two tensors.
 */
import { dtypeOf, type DTypeName } from '../dtype.js';
import { castValue } from '../cast.js';
import { Tensor } from '../tensor.js';
import { PaddleTypeError, PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';

/** What type promotion looks at in an operand: its dtype and whether it is 0-D. */
export interface OperandType {
  readonly dtype: DTypeName;
  readonly shape: readonly number[];
}

/** Paddle's dtype categories for type promotion (phi/common/type_promotion.h). */
const FLOATS: readonly DTypeName[] = ['float16', 'bfloat16', 'float32', 'float64'];
const INTS: readonly DTypeName[] = ['int32', 'int64'];

/** phi::promoteTypes restricted to the dtypes this reference stores, in the order int32, int64, float16, float32, float64, bool, bfloat16. */
const ORDER: readonly DTypeName[] = ['int32', 'int64', 'float16', 'float32', 'float64', 'bool', 'bfloat16'];
const PROMOTE_TABLE: readonly (readonly DTypeName[])[] = [
  ['int32', 'int64', 'float16', 'float32', 'float64', 'int32', 'bfloat16'],
  ['int64', 'int64', 'float16', 'float32', 'float64', 'int64', 'bfloat16'],
  ['float16', 'float16', 'float16', 'float32', 'float64', 'float16', 'float32'],
  ['float32', 'float32', 'float32', 'float32', 'float64', 'float32', 'float32'],
  ['float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64'],
  ['int32', 'int64', 'float16', 'float32', 'float64', 'bool', 'bfloat16'],
  ['bfloat16', 'bfloat16', 'float32', 'float32', 'float64', 'bfloat16', 'bfloat16'],
];

/**
 * The dtype a binary op (add, subtract, multiply) computes in, or Paddle's
 * TypeError: phi's NeedTypePromotion and GetPromoteDtype.
 *
 * Rule `promotion-float-dtypes-widen`: eager Paddle promotes two different
 * floating dtypes (with a warning): with float64 the result is float64,
 * float16 or bfloat16 with float32 float32, float16 with bfloat16 float32.
 * When exactly one operand is 0-D and both are floats (or both integers),
 * the other operand's dtype wins, so a 0-D float64 `other` is rounded to a
 * float32 input's dtype. Each op promotes on its own: in margin_ranking_loss
 * a float32 input and other with a float64 label subtract in float32 (input
 * 1e-8, other 1 gives exactly 1) and multiply in float64; the loss has the
 * multiply's dtype. Confirmed against Paddle 3.3.1.
 *
 * Rule `promotion-refuses-int-with-float`: two different dtypes that are not both
 * floats (an integer or bool with a float, int32 with int64) raise TypeError
 * naming the op's x and y dtypes, unless one of them is 0-D: then the table
 * promotes them (a 0-D float32 label makes int32 input and other float32).
 * Confirmed against Paddle 3.3.1.
 */
export function promote(x: OperandType, y: OperandType): DTypeName {
  if (x.dtype === y.dtype) return x.dtype;
  if (paddleReleaseBefore('3.0.0')) return legacyPromote(x.dtype, y.dtype);
  const scalarLike = x.shape.length === 0 || y.shape.length === 0;
  if (!scalarLike && !(FLOATS.includes(x.dtype) && FLOATS.includes(y.dtype))) {
    throw new PaddleTypeError(
      `(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. ` +
        `But got different data type x: ${x.dtype}, y: ${y.dtype}.`,
    );
  }
  const sameCategory = (FLOATS.includes(x.dtype) && FLOATS.includes(y.dtype)) || (INTS.includes(x.dtype) && INTS.includes(y.dtype));
  if (scalarLike && sameCategory && x.shape.length + y.shape.length > 0) return x.shape.length === 0 ? y.dtype : x.dtype;
  return PROMOTE_TABLE[ORDER.indexOf(x.dtype)]![ORDER.indexOf(y.dtype)]!;
}

/**
 * Type promotion before Paddle 3.0.0, which promoted two floats only.
 *
 * Rule `promotion-float-dtypes-widen` before Paddle 3.0.0: two floating
 * dtypes promote by the table whether or not one is 0-D, so a 0-D float64
 * `other` makes a float32 loss float64 (confirmed against Paddle 2.6.2,
 * dtypes/mix=f32_f64scalar_f32).
 *
 * Rule `promotion-refuses-int-with-float` before Paddle 3.0.0: any other pair of
 * dtypes, 0-D or not, reaches the kernel of x's dtype, which refuses y's
 * data with ValueError (confirmed against Paddle 2.6.2: float32 other with
 * int32 input, int64 other with int32 input, a float32 product with an
 * int64 label, and 0-D int64 input with 0-D float32 other).
 */
function legacyPromote(x: DTypeName, y: DTypeName): DTypeName {
  if (FLOATS.includes(x) && FLOATS.includes(y)) return PROMOTE_TABLE[ORDER.indexOf(x)]![ORDER.indexOf(y)]!;
  throw new PaddleValueError(
    `(InvalidArgument) The type of data we are trying to retrieve (${y}) does not match the type of data (${x}) currently contained in the container.`,
  );
}


/**
 * A promoted operand's gradient through the cast that promotion inserted:
 * Paddle's cast back to the operand's dtype (cast.ts: rounded to a float,
 * truncated to an integer, NaN and out-of-range values to the integer minimum).
 */
export function castGradient(g: Tensor, dtype: Tensor['dtype']): Tensor {
  if (g.dtype === dtype) return g;
  const d = dtypeOf(dtype);
  const out = d.allocate(g.size);
  for (let k = 0; k < g.size; k++) d.set(out, k, castValue(g.at(k), g.dtype, dtype));
  return new Tensor(dtype, g.shape, out);
}
