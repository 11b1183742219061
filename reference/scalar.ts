/**
 * What a Python `str` becomes when Paddle turns it into a number: a phi
 * Scalar built from the string (paddle/phi/common/scalar.h), which `margin -
 * input` then fills into a tensor of the input's dtype.
 *
 * This is the rule `full-str-read-by-cpp-stream` of kernels/full.ts: the
 * exact strings "inf", "-inf" and "nan" are the IEEE specials and
 * "True"/"False" are 1 and 0; any other string is read by C++
 * `std::istringstream >> double` in the "C" locale.
 * That skips leading ASCII whitespace, takes the longest prefix that looks
 * like a decimal number, and gives 0 when that prefix is not one and ±DBL_MAX
 * when it overflows. So '1.5abc' is 1.5, '1_000' is 1, '0x10' is 0, 'abc',
 * '', 'NaN', 'Infinity' and ' inf' are 0, '1e' is 0 and '1e400' is DBL_MAX
 * (confirmed against Paddle 3.3.1). Python's own float() would differ on
 * most of these, or raise.
 *
 * An empty or all-whitespace string is the one case Paddle leaves undefined:
 * `>>` fails before writing, so the margin is uninitialised memory (float64
 * gave 6.91e-310 in one run and 6.90e-310 in the next). The reference gives 0
 * there, and no golden covers it.
 */

/** The value Paddle's Scalar(std::string) holds for a Python string. */
export function scalarFromString(text: string): number {
  switch (text) {
    case 'inf': return Infinity;
    case '-inf': return -Infinity;
    case 'nan': return NaN;
    case 'True': return 1;
    case 'False': return 0;
    default: return streamExtractDouble(text);
  }
}

/** The bytes C's isspace() accepts in the "C" locale; operator>> skips them first. */
const C_SPACE = new Set([' ', '\t', '\n', '\v', '\f', '\r']);

/** A complete decimal number as strtod must consume it whole (no hex, no specials: those never get through the scan). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/;

/**
 * `std::istringstream(text) >> value` as libstdc++ runs it: the characters
 * num_get would gather (sign, digits, one point, one exponent with its sign,
 * the exponent only after a mantissa digit), then strtod over exactly those.
 * A gathered string strtod cannot read whole gives 0; an infinite result
 * gives ±DBL_MAX (LWG 23).
 */
function streamExtractDouble(text: string): number {
  const gathered = gather(text);
  if (!DECIMAL.test(gathered)) return 0;
  const value = Number(gathered);
  if (value === Infinity) return Number.MAX_VALUE;
  if (value === -Infinity) return -Number.MAX_VALUE;
  return value;
}

/** The characters libstdc++'s num_get::_M_extract_float accumulates, after skipping whitespace. */
function gather(text: string): string {
  let i = 0;
  while (i < text.length && C_SPACE.has(text[i]!)) i++;
  let out = '';
  if (text[i] === '+' || text[i] === '-') out += text[i++];
  let [mantissa, point, exponent] = [false, false, false];
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c >= '0' && c <= '9') {
      out += c;
      mantissa = true;
    } else if (c === '.' && !point && !exponent) {
      out += c;
      point = true;
    } else if ((c === 'e' || c === 'E') && !exponent && mantissa) {
      out += 'e';
      exponent = true;
      if (text[i + 1] === '+' || text[i + 1] === '-') out += text[++i];
    } else {
      break;
    }
  }
  return out;
}
