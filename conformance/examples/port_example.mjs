// An example in-process port (conformance/PROTOCOL.md) for port authors to copy: replace loss() with your library.
// Run it: npx paddle-conformance run --port ./conformance/examples/port_example.mjs
const ARRAYS = { float32: Float32Array, float64: Float64Array };

const decode = (t, A = ARRAYS[t.dtype]) => // "NaN", "Infinity", "-Infinity" parse with Number()
  t.b64 ? new A(Uint8Array.from(Buffer.from(t.b64, 'base64')).buffer) : A.from(t.data, Number);
const encode = (a, dtype, shape) => ({ dtype, shape, b64: Buffer.from(a.buffer).toString('base64') });

/** The implementation under test: every step rounded to the dtype (Math.fround for float32). */
function loss(x, y, round, { margin = 1.0, reduction = 'mean' } = {}) {
  if (!['none', 'mean', 'sum'].includes(reduction)) {
    throw Object.assign(new Error(`'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received ${reduction}.`), { type: 'ValueError' });
  }
  const m = round(Number(margin?.int ?? margin));
  const relu = (v) => (v > 0 ? v : 0);
  const l = x.map((xi, i) => (y[i] === 1 ? xi : y[i] === -1 ? relu(round(m - xi)) : 0));
  if (reduction === 'none') return l;
  const sum = l.reduce((acc, v) => round(acc + v), 0);
  return new x.constructor([reduction === 'sum' ? sum : round(sum / l.length)]);
}

// An op that returns several tensors (PROTOCOL.md, "Several outputs": adaptive_log_softmax_with_loss returns output
// and loss) is answered with a list, in Paddle's return order: { id, output: [encode(...), encode(...)] }; its
// grad_output, when given, is a list too, with null for an output the backward does not go through.
export function handle({ id, inputs: { input, label }, kwargs, init, grad }) {
  const round = { float32: Math.fround, float64: (v) => v }[input.dtype];
  if (grad || !round || label.dtype !== input.dtype || label.shape.join() !== input.shape.join()) {
    return { id, skip: 'this example does same-shape float32/float64 forward only' };
  }
  try {
    const out = loss(decode(input), decode(label), round, kwargs ?? init);
    return { id, output: encode(out, input.dtype, (kwargs ?? init)?.reduction === 'none' ? input.shape : []) };
  } catch (e) { // an error the library raises is an answer: its Python type and message
    return { id, error: { type: e.type ?? e.name, message: e.message } };
  }
}
