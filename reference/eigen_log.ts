/**
 * Eigen's packet logarithm (plog_impl_float / plog_impl_double, Eigen 3.4's
 * Eigen/src/Core/arch/Default/GenericPacketMathFunctions.h) for one lane, as
 * Paddle's AVX build without FMA runs it: every pmadd a product rounded, then
 * a sum rounded. paddle.log never runs it (it calls the C library on every
 * element, elementary.ts); an Eigen expression that writes `.log()` does, on
 * whole packets: logsigmoid's (kernels/log_sigmoid.ts).
 *
 * Cephes' reduction: x = m · 2^e with m in [0.5, 1) (frexp), shifted to
 * [sqrt(1/2), sqrt(2)) and by −1; then x − x²/2 + x³·P(x) (float32: a
 * degree-8 polynomial; float64: P(x)/Q(x) of degree 5), plus e · ln 2.
 * Matched Paddle 3.3.1's logsigmoid bit for bit on 9,000 packet elements per
 * dtype (the log's arguments in [1, 2]), where glibc's log differed on 2%
 * (float32) and 5% (float64) of them.
 */
const fr = Math.fround;

/** Cephes' float32 coefficients p0..p8 of log(1 + x) = x − x²/2 + x³·P(x). */
const P_F = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(fr);
const SQRTHF_F = fr(0.707106781186547524);
const LN2_F = fr(Math.LN2);

/** Cephes' float64 coefficients of P(x) / Q(x). */
const P_D = [1.01875663804580931796e-4, 4.97494994976747001425e-1, 4.70579119878881725854e0, 1.44989225341610930846e1, 1.79368678507819816313e1, 7.70838733755885391666e0];
const Q_D = [1.0, 1.1287358718916745059e1, 4.52279145837532221105e1, 8.29875266912776603211e1, 7.11544750618563894466e1, 2.31251620126765340583e1];

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** frexp of a positive normal finite value: m in [0.5, 1) and e with v = m · 2^e, exactly. */
function frexp(v: number): [number, number] {
  f64[0] = v;
  const e = Number((u64[0]! >> 52n) & 0x7ffn) - 1022;
  return [v * 2 ** -e, e];
}

/** The all-ones NaN (0xffffffff… ) that plog's invalid mask ORs into a NaN or negative lane. */
const ALL_ONES_NAN = new Float64Array(new BigUint64Array([0xffffffffffffffffn]).buffer)[0]!;

/** The special arguments every lane filters last: 0 → −inf, negative and NaN → the all-ones NaN, +inf → +inf. */
function special(x: number): number | undefined {
  if (x !== x || x < 0) return ALL_ONES_NAN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  return undefined;
}

/** plog_impl_float for one lane. */
export function eigenLogFloat(input: number): number {
  const v = fr(input);
  const s = special(v);
  if (s !== undefined) return s;
  let [x, e] = frexp(Math.max(v, 2 ** -126));
  const below = x < SQRTHF_F;
  const tmp = below ? x : 0;
  x = fr(x - 1);
  e -= below ? 1 : 0;
  x = fr(x + tmp);
  const x2 = fr(x * x);
  const x3 = fr(x2 * x);
  const madd = (a: number, b: number, c: number): number => fr(fr(a * b) + c);
  const [p0, p1, p2, p3, p4, p5, p6, p7, p8] = P_F as [number, number, number, number, number, number, number, number, number];
  let y = madd(p0, x, p1);
  let y1 = madd(p3, x, p4);
  let y2 = madd(p6, x, p7);
  y = madd(y, x, p2);
  y1 = madd(y1, x, p5);
  y2 = madd(y2, x, p8);
  y = madd(y, x3, y1);
  y = madd(y, x3, y2);
  y = fr(y * x3);
  y = madd(-0.5, x2, y);
  x = fr(x + y);
  return madd(e, LN2_F, x);
}

/** plog_impl_double for one lane. */
export function eigenLogDouble(v: number): number {
  const s = special(v);
  if (s !== undefined) return s;
  let [x, e] = frexp(Math.max(v, 2 ** -1022));
  const below = x < Math.SQRT1_2;
  const tmp = below ? x : 0;
  x = x - 1;
  e -= below ? 1 : 0;
  x = x + tmp;
  const x2 = x * x;
  const x3 = x2 * x;
  const [p0, p1, p2, p3, p4, p5] = P_D as [number, number, number, number, number, number];
  const [q0, q1, q2, q3, q4, q5] = Q_D as [number, number, number, number, number, number];
  let y = p0 * x + p1;
  let y1 = p3 * x + p4;
  y = y * x + p2;
  y1 = y1 * x + p5;
  const num = (y * x3 + y1) * x3;
  y = q0 * x + q1;
  y1 = q3 * x + q4;
  y = y * x + q2;
  y1 = y1 * x + q5;
  y = num / (y * x3 + y1);
  y = -0.5 * x2 + y;
  x = x + y;
  return e * Math.LN2 + x;
}
