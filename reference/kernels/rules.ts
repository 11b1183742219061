/**
 * The named rules of the kernel layer's primitives, each summarised once:
 * every op whose transcription calls the primitive lists the rule in its
 * table with this summary (an op's rules are its own plus its primitives').
 * Each is marked where it acts, in the primitive's module.
 */
/** Every primitive rule, with the one line a failure report prints for it. */
export const KERNEL_RULES = {
  'subtract-broadcasts': "subtract's operands need only broadcast (label against input, other against input): the result has the broadcast shape",
  'subtract-no-float16-or-bool-kernel': 'float16 and bool operands raise RuntimeError (NotFound) in subtract',
  'subtract-operator-legacy-cast':
    "before Paddle 3.0.0 the `-` operator casts an int right operand to a float left operand's dtype (and a float right one to an int left's) instead of refusing the pair; two floats promote",
  'subtract-grad-negates':
    "the second operand's gradient is the upstream negated element by element (+0 becomes -0, a NaN's sign flips); a broadcast second operand's is the column sum scaled by -1, which keeps a NaN's sign",
  'abs-no-bfloat16-kernel': 'bfloat16 raises RuntimeError (NotFound) in abs',
  'abs-clears-nan-sign': '|NaN| is +NaN (0x7fc00000), whatever the sign of the NaN difference',
  'abs-grad-zero-at-zero': 'where input = label the gradient is exactly +0 (not ±1), whatever the upstream gradient',
  'abs-grad-of-nan-is-nan': "where the difference is NaN (a NaN operand, inf − inf) the gradient is that NaN, its sign kept (not 0, as sign(NaN) = 0 would give)",
  'square-no-bfloat16-kernel': 'bfloat16 raises RuntimeError (NotFound) in square',
  'square-keeps-nan-sign': "NaN² is that NaN, its sign kept: a -NaN difference gives -NaN (0xffc00000)",
  'huber-loss-float-kernels-only': 'float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound) in huber_loss (float32 and float64 only)',
  'huber-loss-shapes-must-equal': "input and label must have the same shape, no broadcasting: ValueError ((InvalidArgument) The Input(input) and Input(label) should have the same shape, …)",
  'huber-loss-delta-unchecked': "delta is used as given, although the page says a negative or zero delta is ignored: 0 gives 0 everywhere, a negative delta a negative loss",
  'huber-loss-nan-residual': 'a NaN residual takes the second branch: the loss is +NaN (|r| clears the sign) and the gradients are ±delta · g, not NaN',
  'huber-loss-input-grad-negated-factor': "input's gradient multiplies g by the negated factor (-r, or ∓delta): a zero residual gives input -0 and label +0",
  'multiply-broadcasts': "multiply's operands need only broadcast: the result has the broadcast shape",
  'multiply-broadcast-keeps-y-nan': "where both operands are NaN the broadcast kernel keeps the second operand's NaN (equal shapes keep the first's); before Paddle 3.1.0 only when that operand has the lower rank or alone a last dimension of 1",
  'multiply-grad-is-upstream-times-other':
    "each operand's gradient is the upstream times the other operand, also where the upstream is 0: 0 × inf and 0 × NaN give NaN, not 0",
  'add-no-float16-or-bfloat16-kernel': 'float16 and bfloat16 raise RuntimeError (NotFound) in add',
  'relu-nan-is-zero': 'relu(NaN) and relu(-0) are +0 (x > 0 ? x : 0): a NaN reaching relu gives 0, never NaN or -0',
  'relu-float-kernels-only': 'float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound) in relu (float32 and float64 only)',
  'relu-grad-zero-at-kink':
    "relu's gradient is g × (out > 0): ±0 at the kink (input 0), below it and at NaN, not g; a NaN or infinite g gives NaN there",
  'promotion-float-dtypes-widen':
    'two different float dtypes promote, each binary op on its own (with float64 float64; float16 or bfloat16 with float32 float32); a 0-D operand takes the other\'s dtype (before Paddle 3.0.0 it promoted too, and casts to bfloat16 truncated; before 3.2.0 casts from float32 to float16 truncated)',
  'promotion-refuses-int-with-float':
    'an int or bool operand with a float one (or int32 with int64) raises TypeError in type promotion unless one is 0-D; before Paddle 3.0.0 any such pair raised ValueError (the kernel of x\'s dtype refusing y\'s data)',
  'broadcast-grad-summed-in-order': "a broadcast operand's gradient is summed back in the output's row-major order from +0, in the dtype of the op it fed",
  'broadcast-grad-accumulates-from-zero':
    "where neither operand's shape is a contiguous run of the other's, both gradients accumulate from +0, so a -0 gradient element comes out +0",
  'mean-all-no-integer-kernel': "int32 and int64 raise RuntimeError (NotFound) in mean_all under 'mean' (the default), although the page lists them",
  'mean-all-grad-divides-by-count': "mean's gradient is g / N, N rounded to the dtype first, one division",
  'mean-all-of-empty-is-nan': 'the mean of an empty loss is +NaN (0x7fc00000), shape []; before Paddle 3.1.0 0/0, 0xffc00000',
  'mean-of-integers-truncates': "paddle.mean of an integer loss is taken in float32 (values, sum and division rounded to float32), then truncated toward zero into the loss's dtype; before Paddle 3.1.0 the exact integer quotient",
  'mean-grad-divides-by-count': "mean's gradient is g / N, one division rounded once in the dtype",
  'mean-of-empty-is-nan': 'the mean of an empty loss is the positive quiet NaN (0x7fc00000), shape []; before Paddle 3.1.0 paddle.mean raised ValueError',
  'sum-of-integers-is-int64': 'an int32 loss sums to int64',
  'sum-of-empty-is-zero': 'the sum of an empty loss is +0, shape []; before Paddle 3.0.0 paddle.sum raised ValueError',
  'multiply-no-float16-kernel':
    "float16 raises RuntimeError (NotFound) in multiply; in Paddle 3.1.0 the `*` operator raises TypeError (unsupported operand type(s) for *) instead",
  'cast-to-integer-truncates':
    'a float cast to int32 or int64 truncates toward zero (0.7 → 0, -1.5 → -1, 2.5 → 2); NaN, ±inf and values out of range give the integer minimum',
  'scale-adds-zero-bias': 'scale(x, s, b) is x · s + b with the bias added even when 0: -x (scale(x, -1, 0)) of +0 or -0 is +0, never -0',
  'scale-grad-adds-zero': "scale's backward is scale(dout, s, 0): its + 0 turns a -0 gradient into +0",
  'scale-attributes-in-dtype':
    "scale's factor and bias are rounded to the tensor's dtype (a float margin meeting float32 input: 1e39 becomes inf); before Paddle 3.0.0 the bias was a float32 attribute, so float64 got it rounded to float32 too (the factor stayed exact)",
  'log-of-negative-nan-sign':
    'log of a negative float32 (or 16-bit) value is the negative default NaN (0xffc00000); before Paddle 3.0.0 the positive one (0x7fc00000); float64 gives +NaN in every release',
  'exp-grad-no-float16-kernel': "exp's backward (exp_grad) has no float16 or bfloat16 kernel: a float16 input's gradient raises RuntimeError (NotFound) although the forward ran",
  'log-grad-no-float16-kernel': "log's backward (log_grad) has no float16, bfloat16 or integer kernel: a float16 input's gradient raises RuntimeError (NotFound) although the forward ran",
  'exp-packet-and-tail':
    "exp is Eigen's polynomial on whole packets of 8 (float32) or 4 (float64) elements and the C library's on the last n mod 8 (4): one value's exp depends on its position (exp(-100) is 2.9e-39 in a packet, 3.8e-44 in the tail); a NaN comes back as it is",
  'exp-no-bfloat16-or-bool-kernel': 'bfloat16 and bool raise RuntimeError (NotFound) in exp',
  'exp-of-integers-in-float32':
    "int32 and int64 are cast to float32 first and give float32; the float32 gradient is cast back to the integer dtype (truncated, NaN to the integer minimum) before the integer tensor's backward; before Paddle 3.3.0 multiply's backward raises ValueError on it",
  'sum-full-in-eigen-order':
    "a sum over every element (and along the only axis of a 1-D tensor) uses Eigen's order: P-lane packets into two alternating accumulators, tail, predux, halves above P*1024; paddle.mean one accumulator, then / N",
  'sum-along-last-axis-left-to-right': 'a sum along the last axis of a tensor of rank 2 or more adds each row left to right in the dtype, from +0',
  'sum-along-first-axis-in-row-order': 'a sum along the first axis of a matrix adds each column top to bottom in the dtype, from +0 (the earlier of two NaNs survives)',
  'matmul-no-promotion': "matmul does not promote: operands of different dtypes raise ValueError (x's kernel refuses y's data), except an integer y with a float32 x, cast to float32 since Paddle 3.0.0",
  'sum-over-trailing-axes-last-axis-outermost':
    'a sum over every axis but the first (rank 3 to 6) walks each row with the last axis outermost and the second innermost, from +0, the sum first (the earlier NaN in that walk survives); rank 2 is the last-axis sum, above rank 6 a row-major row sum',
  'margin-ce-kernel-chosen-then-shapes':
    "the kernel is chosen by the logits' dtype first (int32, int64, bool, bfloat16: RuntimeError NotFound), then the shapes inferred: for logits of rank 2 or more the label's leading dimensions must be the logits' and its last 1 (ValueError); a 1-D logits is not checked, the label's dtype never",
  'margin-ce-cpu-kernel-unavailable':
    'not only the page\'s GPU example: every call that passes the checks raises RuntimeError ((Unavailable) Do not support margin_cross_entropy for cpu kernel now.), float64 and float16 logits too, in every release; the values need a GPU',
  'one-hot-index-checked-in-order':
    'one_hot gives float32 and checks the indices in row-major order: the first negative one or one not below num_classes raises ValueError (Illegal index value, …), so 0 classes refuse any index; nothing is checked when empty',
  'sqrt-float32-fast-in-packets':
    "float32 sqrt over whole 8-lane packets (elements < 8*floor(n/8)) is Eigen's rsqrt+Newton: +inf gives NaN (0xffc00000), x < FLT_MIN +0, finite values are 0-4 ulp off (CPU-dependent, not reproduced)",
  'clip-keeps-nan': 'clip keeps NaN (it is neither below min nor above max), unlike relu, which maps it to 0',
  'clip-caps-at-dtype-max':
    "clip's default max is the dtype's largest finite value: +inf becomes FLT_MAX or DBL_MAX (before Paddle 3.1.1 FLT_MAX for float64 too)",
  'any-of-empty-raises-before-3-0-0': 'the any of an empty tensor is False; before Paddle 3.0.0 it raised ValueError ((InvalidArgument) Tensor need be reduced must not empty.)',
  'divide-operator-casts-before-3-0-0': "the x / y operator of two float dtypes promotes (divide); before Paddle 3.0.0 it cast y to x's dtype first (float32 / float64 was float32)",
  'clip-grad-passes-at-bounds':
    'clip passes the gradient where min <= v <= max, bounds included, and gives +0 elsewhere, NaN included (before Paddle 3.1.0 the bounds are excluded)',
  'equal-float-tolerance':
    "x == v is phi's float equal, |x − v| < 1e-15 in x's dtype: a float64 within 4 ulps of ±1 equals ±1; infinities compare exactly, NaN equals nothing (before Paddle 3.1.0 the tolerance was 1e-8)",
  'where-broadcasts':
    'condition, x and y need only broadcast (otherwise ValueError, Broadcast dimension mismatch), the result has the broadcast shape; before Paddle 3.0.0 they broadcast by adding zeros under 2.6\'s shape rule, so zero-size operands raised RuntimeError',
  'where-no-float16-kernel':
    'float16 and bfloat16 raise RuntimeError (NotFound) in where, after the shapes are checked; before Paddle 3.0.0 in the first add of zeros (bool too), before any shape check',
  'where-grad-zero-where-unselected':
    'where passes the upstream gradient to the selected operand and +0 to the other, whatever the upstream; before Paddle 3.1.0 upstream × its 0/1 mask, so a NaN or inf upstream gives NaN where not selected and -0 stays -0',
  'where-broadcast-grad-column-major':
    "a broadcast operand's gradient is its contributions summed from +0 in column-major order over the broadcast shape (its first dimension fastest); before Paddle 3.0.0 add's backward, row-major from +0",
  'full-str-read-by-cpp-stream':
    "a str value is read as phi's Scalar(std::string): exact 'inf', 'nan', 'True' are special, anything else goes through C++ istringstream >> double ('1.5abc' is 1.5, 'abc' and 'NaN' 0, '1e400' DBL_MAX), then cast to the dtype",
  'kldiv-loss-label-not-positive-is-zero':
    "without log_target a label <= 0 (-0, -1, -inf) gives +0 whatever the input (NaN, inf too), and its gradient +0: 0 · log 0 is 0 and a negative label is not refused; a NaN label gives its NaN",
  'kldiv-loss-float-kernels-only':
    "the kernel is chosen by input's dtype: float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound); a label of another dtype (but the float32/float64 pair) raises ValueError when read, not at all for empty operands since Paddle 3.1.0",
  'kldiv-loss-shapes-must-equal': 'input and label must have the same shape, no broadcasting: ValueError (ranks first, then each dimension)',
  'kldiv-loss-grad-negated-factor':
    "input's gradient is (-exp(t)) · g or (-t) · g, the factor's sign flipped (a NaN label's too) and an upstream NaN kept; before Paddle 3.0.0 -(t · g), so an upstream NaN's sign flips",
  'kldiv-loss-libm-exp-and-log': "exp and log are the C library's on every element (a scalar functor): exp(-100) is 3.8e-44 wherever it sits, never the packet polynomial's 2.9e-39",
  'bce-loss-log-clamped-at-minus-100':
    "each log is clamped at -100 (std::max): input 0 or 1, -0 and subnormals give a finite loss (input 0, label 1: 100; input 1, label 1: -0), never inf or NaN",
  'bce-loss-input-in-unit-interval':
    'an input element outside [0, 1], NaN included, raises ValueError ((InvalidArgument) Illegal input, …) in the element loop; the label is not checked (2 or -1 compute, inf gives NaN)',
  'bce-loss-float-kernels-only':
    "the kernel is chosen by input's dtype: float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound); a label of another dtype raises ValueError when read, empty operands too",
  'bce-loss-shapes-must-equal': 'input and label must have the same shape, no broadcasting: ValueError (ranks first, then shapes)',
  'bce-loss-grad-denominator-floor':
    "input's gradient is g · ((x - y) / max((1 - x) · x, 1e-12)): at input 0 or 1 it is ±1e12 · |x - y|, not inf; the label gets none",
  'log-loss-packet-and-tail':
    "the logs are Eigen's packet plog_float for the elements filling whole 8-lane packets (a subnormal argument gives log(FLT_MIN) = -87.34, a negative or NaN one 0xffffffff) and glibc's logf for the last n mod 8; the negation is 0 - v in packets (+0 stays +0), a sign flip in the tail",
  'log-loss-float32-kernel-only':
    "registered for float32 only and chosen by the label's dtype: any other label dtype raises RuntimeError (NotFound); a float32 label with an input of another dtype raises ValueError when the input is read (an empty input gives an empty float32 loss since Paddle 3.1.0); before Paddle 3.0.0 each product takes the label's NaN first, not the log's",
  'log-loss-shapes-2d-column': 'input and label must have equal shapes, no broadcasting, then rank 2, then a second dimension of 1: ValueError, each with its message, after the kernel is chosen',
  'tensor-div-int-is-scale-before-3-3-1':
    "tensor / int (batchmean's sum / N) divides once in Paddle 3.3.1; before, it was scale(x, 1 / N, 0): x · round(1 / N) + 0, an ulp off at times, a -0 gradient +0",
  'sigmoid-ce-two-stable-forms':
    "two stable forms: without pos_weight (max(x, 0) − x·y) + log(1 + exp(−|x|)), with it w·(log(exp(−m) + exp(−x − m)) + m) + (1 − y)·x, m = max(−x, 0); −inf gives +inf (y = 1) without and NaN with pos_weight; log(1 + e), not log1p; before Paddle 3.0.0 the pos_weight form weighted only the log term (wrong for x < 0)",
  'sigmoid-ce-ignore-index': 'a label that truncates to −100 (one in (−101, −99]) gives a loss of 0 and a 0 gradient (the ignore_index the Python source passes); a NaN label is computed',
  'sigmoid-ce-kernel-dtype-of-last-input':
    'the kernel is chosen by the dtype of pos_weight when given, else of the label: float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound); a logit, label or pos_weight of another dtype raises ValueError when read',
  'sigmoid-ce-shapes-must-equal': 'logit and label must have one rank, then one shape, and pos_weight (after its broadcast with the label) the label\'s, unless the label is 0-D: ValueError, no broadcasting',
  'sigmoid-ce-grad-at-zero':
    "without pos_weight the gradient at logit ±0 is −y − 0.5, not 0.5 − y (the kernel's x > 0 and x ≥ 0 tests disagree there); with pos_weight it is right; before Paddle 3.0.0 sigmoid(x)·w − y in both",
  'p-norm-float-kernels-only': 'int32, int64, float16, bfloat16 and bool raise RuntimeError (NotFound) in p_norm (float32 and float64 only)',
  'p-norm-pow-in-packets':
    "pow is Eigen's packet generic_pow, within 1 ulp but not correctly rounded (pow(s, 0.5) one ulp off sqrt(s) in about 4% of rows); pow(x, 1) = x, pow(x, 0) = 1, pow(0, p > 0) = 0 exactly",
  'p-norm-order-in-float32':
    'p is a float32 attribute and 1/p and the backward\'s p − 1 are computed in float32: a float64 norm with p = 0.3 uses 0.30000001192092896 and round(1/p), about 1e-7 relative off the double-p norm; p = 1e300 is inf',
  'p-norm-inf-nan-by-position': 'p = ±inf keeps the largest (smallest) |v_i| left to right, a NaN replacing the accumulator and replaced by any later number: [NaN, 1] gives 1, [1, NaN] NaN',
  'p-norm-powers-unscaled':
    'the norm sums pow(|v_i|, p) in the dtype with no scaling: float32 rows above about 1.8e19 overflow to an inf norm (2-norm of [1e20, 0]), rows below about 1e-19 pass through subnormal powers ([3e-20, 4e-20] gives 4.9999992e-20) or flush to 0 (1e-30 gives 0)',
  'p-norm-empty-rows-are-zero': 'a zero-size input gives zero norms ([3, 0]: three 0s); before Paddle 3.0.0 ValueError',
  'p-norm-grad-nan-at-zero-norm': "the gradient pow(|v|, p − 1) / pow(norm, p − 1) · g · sign(v) has no epsilon: a zero row gives 0 / 0, x86's default NaN (0xffc00000), for every p but 0, 1 and ±inf",
  'p-norm-grad-inf-ties': 'for p = ±inf every element whose |v_i| equals the norm gets g · sign(v_i), ties included; p = 0 gives +0',
  'minimum-nan-and-ties':
    'a NaN operand wins (the first NaN) and min(+0, −0) is −0; the gradient is g times a mask: 1 for the smaller, 0.5 each for a tie, 0 for both where either is NaN (g = −0 gives −0); before Paddle 3.1.0 x < y ? x : y and a tie\'s whole gradient to y',
  'logsigmoid-packet-and-tail':
    "logsigmoid is −t − log(exp(−t) + exp(−x − t)), t = max(−x, 0): Eigen's polynomial exp and log and 0 − v on whole packets of 8 (float32) or 4 (float64) elements, the C library's and a sign flip on the last n mod 8 (4): a zero loss is +0 in a packet and −0 in the tail, −inf gives NaN 0xffffffff in a packet, a NaN's gradient is negated in the tail (kept before Paddle 3.0.0)",
  'logsigmoid-float-kernels-only': 'float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound) in logsigmoid (float32 and float64 only)',
  'mean-along-last-axis-sum-then-divide':
    "x.mean(axis=-1) is each row's left-to-right sum divided by the row length once (not times round(1 / m)), a NaN meeting a NaN sum kept as sum's loop keeps it except at step 5 of 8 (float32; in Paddle 3.0.0 there too); a row of no element is +NaN; before Paddle 3.1.0 an empty tensor raised ValueError",
  'multiply-operator-casts-other-before-3-0-0':
    "before Paddle 3.0.0 the `*` operator cast a right operand of another dtype to the left's unless both were floats: an int32 label times a float32 tensor is int32, truncated; a float32 loss times an int32 or bool weight is float32",
  'sigmoid-nan-sign-by-position':
    "sigmoid is 1 / (1 + exp(−x)) with paddle.exp's packet and tail: a NaN logit keeps its sign in a whole packet (Eigen's 0 − x) and has it flipped among the last n mod 8 (float32) or n mod 4 (float64) elements (C++'s −x)",
  'pow-is-libm-pow':
    "pow(x, gamma) is Eigen's packet pow on whole packets and the C library's powf / pow on the tail (neither correctly rounded), gamma a C++ float (float64 too): pow(x, 0) is 1 even for NaN, pow(x, 1) x itself (since Paddle 3.0.0; before, the tail's NaN lost its sign), a negative base with a non-integer exponent +NaN in a packet and −NaN in the tail; the gradient (dout · gamma) · pow(x, gamma − 1), zeros for gamma 0 and the upstream for gamma 1 (since Paddle 3.0.0)",
  'nll-loss-mean-divides-by-total-weight':
    "'mean' divides the sum by the total weight of the non-ignored labels (each label's weight, summed in label order), not by N; when that total is 0 (every label ignored, or their weights 0 or cancelling) the sum is returned undivided (0 when all are ignored) while the gradient divides by 0 (±inf or NaN)",
  'nll-loss-label-range-checked':
    "a label other than ignore_index outside [0, C) (negative, or C and above) raises ValueError as the loop reaches it ('none' of [N, C]: Label value is out of range …; otherwise label should not be out of bounds.); ignore_index may itself lie inside [0, C)",
  'nll-loss-int64-labels-only': "the label is read as int64 and the weight in the input's dtype: an int32 (or float) label, a float64 weight with float32 input, raise ValueError (The type of data we are trying to retrieve …), empty operands too",
  'nll-loss-float-kernels-only': 'float16, bfloat16, int32, int64 and bool input raise RuntimeError (NotFound) in nll_loss (float32 and float64 only)',
  'nll-loss-shapes-checked-by-infer-meta':
    "the kernel checks only N (input's first dimension against the label's), the weight's rank 1 and size C, and for 4-D input a label of rank 3 matching [N, H, W]: a 2-D input with label [N, 1] or [N, 3] reads the first N labels",
  'nll-loss-grad-scatters-negated-weight':
    "the input's gradient is +0 but at each kept label's class: (−g) · w[y] ([N, C], 'none' and the reductions) or (−w[y]) · g (4-D 'none', so an upstream NaN keeps its sign), divided by the total weight under 'mean'; no gradient for the weight",
  'reshape-zero-size-by-release':
    "reshape's 0 copies the input's dimension and -1 is inferred; for a zero-size input a copied 0 beside a -1 is ambiguous (ValueError) before Paddle 3.1.1, inferred from the other dimensions since; before 3.0.0 a 0 copied the dimension even for a zero-size input (capacity mismatch, ValueError)",
  'maximum-nan-and-ties':
    "a NaN operand wins (the first NaN) and max(+0, −0) is −0; the gradient is g · [x > y] + (g · 0.5) · [x = y]: half to each operand of a tie, 0 where either is NaN, NaN everywhere for an infinite g",
  'scatter-nd-add-same-dtype': 'scatter_nd_add adds each update in index order, and refuses x and updates of different dtypes with TypeError (no promotion)',
  'softmax-shift-clipped-at-64': 'the shifted logit x − max is clipped at −64 before exp: no class weighs less than e^−64 / Σ, so −log p is at most about 64 + log C (logits [0, 1000], label 0: 64, not 1000)',
  'softmax-avx-rows':
    "along the last axis: the first maximum, x + (−max), a NaN turned into −64 in whole 8-lane blocks, glibc's expf below 128 classes (MKL's exp above, and for float64), the sum in 8 lanes folded pairwise then the tail, times 1/sum",
  'softmax-eigen-columns': "along another axis: Eigen's expression, the column maximum, the clipped shift, exp in packets of the flattened tensor and glibc's in its tail, the column sum in order from +0, times 1/sum",
  'cross-entropy-hard-label-log-clamped': "a hard label's loss is −TolerableValue(log p): ±inf becomes ±1e20, so −log 0 is 1e20 (use_softmax=False with p = 0) and −log 1 is −0",
  'cross-entropy-label-out-of-range': 'a class index outside [0, C) that is not ignore_index raises IndexError ((OutOfRange) label value should >= 0 / less than the shape of axis dimension), at the first such label',
  'cross-entropy-soft-label-dtype': "a soft label must have the input's dtype: another float dtype, or an integer label, raises ValueError (the kernel's data-type check)",
  'cross-entropy-float-kernels-only': 'float16, bfloat16 and integer logits raise RuntimeError (NotFound) in cross_entropy_with_softmax (float32 and float64 only)',
  'cross-entropy-hard-label-grad-integer-only': "a float hard label (which the forward takes, cast to int) makes the backward raise OSError: its kernel visits integer label dtypes only",
  'label-smooth-float32-epsilon': 'label_smooth computes 1 − ε and ε / C in float32 (ε is a float attribute) and widens them: a float64 label is smoothed by float32 constants',
  'matmul-k-left-to-right':
    "matmul (MKL's gemm) sums each x[i, :]·w[:, j] left to right from +0, no fused multiply-add, on most tiles; its edge tiles and transposed operands use other orders, so the result is bounded (2γ_k Σ|x||w|), not exact",
  'matmul-outer-product-keeps-sign': 'an outer product (k = 1) of n ≥ 2 rows and m ≥ 2 columns is each product as it is: a −0 product stays −0 (elsewhere a sum from +0 gives +0)',
  'log-softmax-shift-clipped-at-64': 'log_softmax clips the shifted logit x − max at −64 as softmax does: no log-probability falls below about −64 − log C',
  'log-softmax-eigen-expression':
    "log_softmax: the row maximum, the shift, exp as paddle.exp splits it (Eigen's packets, glibc's tail), the row sum left to right, glibc's log; backward dy − exp(y)·Σdy",
} as const satisfies Record<string, string>;

/** A primitive's rule. */
export type KernelRule = keyof typeof KERNEL_RULES;

/** The summaries of the given primitive rules, for an op's table. */
export function kernelRules<R extends KernelRule>(...names: R[]): { [K in R]: (typeof KERNEL_RULES)[K] } {
  return Object.fromEntries(names.map((n) => [n, KERNEL_RULES[n]])) as { [K in R]: (typeof KERNEL_RULES)[K] };
}
