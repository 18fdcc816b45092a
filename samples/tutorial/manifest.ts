// Every tutorial sample: which seed document and section it reproduces, and what the seed
// prints there. test/tools/tutorial.test.ts runs each sample's main() and compares.
//
// How output is compared: echo lines (starting with '> ') are skipped; the rest is split into
// numbers and single characters, whitespace ignored, so the seed's old numpy spacing
// (`[ 0.5 ,  0.73]`) and Python 2's `array(34.0)` match today's `[0.5, 0.73]` and `array(34.)`.
// A number matches within half a unit of the last digit the seed printed. `{num}` matches any
// number (the seed's random draws come from Theano's generator, not ours); `{path}` matches an
// absolute file path.

/** Features a sample may wait for; the test checks this list against what hypatia has. */
export type Feature = 'scan' | 'ifelse' | 'profile';

export interface Sample {
  /** File name in samples/tutorial/. */
  file: string;
  /** The seed document (see shared/seeds/README.md): 000 … 004. */
  seed: '000' | '001' | '002' | '003' | '004';
  /** The seed's section title. */
  section: string;
  /**
   * What the sample prints besides its echo lines, from the seed; each entry is one printed
   * value (it may span lines). Absent where the seed prints nothing to compare.
   */
  expected?: string[];
  /** With `partial`, the expected entries appear in order but other printed lines may come between. */
  partial?: boolean;
  /** Pairs of expected entries whose printed text must be identical (the seed says so). */
  same?: [number, number][];
  /** Pairs of expected entries whose printed text must differ. */
  differ?: [number, number][];
  /** Where hypatia's text necessarily differs from Theano's, and how `expected` was adapted. */
  note?: string;
  /** The feature this sample waits for; it is not run until the feature exists. */
  pending?: Feature;
  /** What the test passes to main(), e.g. fewer training steps. */
  args?: Record<string, unknown>;
}

const MT = "The seed's numbers come from Theano's MT19937/MRG generators; hypatia's Philox draws differ, so only the pattern is compared.";
const LOGREG = 'The data are random (numpy.random in the seed, samples/lib/random.ts here); the test runs 300 steps instead of 10 000.';

export const SAMPLES: Sample[] = [
  // ---- seed 000: More Examples -----------------------------------------------------------
  {
    file: '000-logistic-function.ts', seed: '000', section: 'Logistic Function',
    expected: [
      'array([[ 0.5       ,  0.73105858],\n       [ 0.26894142,  0.11920292]])',
      'array([[ 0.5       ,  0.73105858],\n       [ 0.26894142,  0.11920292]])',
    ],
  },
  {
    file: '000-multiple-outputs.ts', seed: '000', section: 'Computing More than one Thing at the Same Time',
    expected: ['[array([[ 1.,  0.],\n        [-1., -2.]]),\n array([[ 1.,  0.],\n        [ 1.,  2.]]),\n array([[ 1.,  0.],\n        [ 1.,  4.]])]'],
  },
  {
    file: '000-default-values.ts', seed: '000', section: 'Setting a Default Value for an Argument',
    expected: ['array(34.0)', 'array(35.0)', 'array(68.0)', 'array(70.0)', 'array(33.0)', 'array(34.0)', 'array(33.0)'],
    note: 'Keyword arguments go in a trailing object: f(33, { w_by_name: 1, y: 0 }).',
  },
  {
    file: '000-shared-variables.ts', seed: '000', section: 'Using Shared Variables',
    expected: ['array(0)', 'array(0)', 'array(1)', 'array(1)', 'array(301)', 'array(-1)', 'array(2)', 'array(2)', 'array(0)'],
    note: "T.shared(0) would be a float64 scalar (a JS number is a double); { dtype: 'int64' } gives Theano's int64 state.",
  },
  {
    file: '000-givens.ts', seed: '000', section: 'Using Shared Variables (givens)',
    expected: ['array(7)', 'array(0)'],
  },
  {
    file: '000-random-brief.ts', seed: '000', section: 'Using Random Numbers: Brief Example',
    expected: [
      'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])',
      'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])',
      'array([[0., 0.],\n       [0., 0.]])',
    ],
    same: [[2, 3]], differ: [[0, 1], [0, 2]],
    note: `The seed prints none of these values; the sample prints them to show its claims (f differs each call, g repeats, nearly_zeros is 0). ${MT}`,
  },
  {
    file: '000-seeding-streams.ts', seed: '000', section: 'Seeding Streams',
    expected: [
      'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])',
      'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])',
    ],
    same: [[0, 1]], differ: [[1, 2]],
    note: 'The seed prints nothing here; the sample shows that reseeding replays the draws.',
  },
  {
    file: '000-sharing-streams.ts', seed: '000', section: 'Sharing Streams Between Functions',
    expected: ['array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])'],
    same: [[0, 2]], differ: [[0, 1]],
    note: 'The seed states v2 != v1 and v3 == v1 without printing them.',
  },
  {
    file: '000-copying-random-state.ts', seed: '000', section: 'Copying Random State Between Theano Graphs',
    expected: [
      '# By default, the two functions are out of sync.',
      'f1() returns  [ {num}]', 'f2() returns  [ {num}]',
      '# We now copy the state of the theano random number generators.',
      'f1() returns  [ {num}]', 'f2() returns  [ {num}]',
    ],
    same: [[4, 5]], differ: [[1, 2]],
    note: `${MT} The seed prints 0.72803009, 0.55056769, then 0.59044123 twice.`,
  },
  {
    file: '000-logistic-regression.ts', seed: '000', section: 'A Real Example: Logistic Regression',
    expected: ['Initial model:', 'Final model:', 'target values for D:', 'prediction on D:'],
    partial: true, args: { steps: 300 }, note: LOGREG,
  },

  // ---- seed 001: the notebook ------------------------------------------------------------
  {
    file: '001-adding-scalars.ts', seed: '001', section: 'Adding Two Scalars',
    expected: ['TensorType(float64, scalar)', 'TensorType(float64, scalar)', 'True', '(x + y)', 'array(5.)'],
    note: 'T.dscalar is a constructor function, so the type is read from a new variable, and "x.type is T.dscalar" becomes a structural equals(); type(x) (TensorVariable) is not shown.',
  },
  {
    file: '001-adding-matrices.ts', seed: '001', section: 'Adding Two Matrices',
    expected: ['array([[11., 22.],\n       [33., 44.]])', 'array([[11., 22.],\n       [33., 44.]])'],
  },
  {
    file: '001-shared-variables.ts', seed: '001', section: 'Shared Variables',
    expected: ['0', 'array(0)', '1', 'array(1)', '301', 'array(-1)', '2', 'array(2)', '0'],
  },
  {
    file: '001-graph-structures.ts', seed: '001', section: 'Graph Structures',
    expected: ["'Apply'", "'Elemwise{mul,no_inplace}'", '2', 'x', 'DimShuffle{x,x}.0', "'Apply'", 'DimShuffle{x,x}', '[TensorConstant{2}]', 'None'],
    note: "Theano's optimized graphs print InplaceDimShuffle{x,x}.0; hypatia has no in-place ops, so DimShuffle{x,x}.0. type(y.owner) (theano.gof.graph.Apply) is the class name 'Apply', y.owner.op.name is 'mul' (the label Elemwise{mul,no_inplace} is String(op)), and the DimShuffle op prints its label instead of a Python object address.",
  },
  {
    file: '001-derivative.ts', seed: '001', section: 'Derivative in Theano',
    expected: ["'((fill((x ** TensorConstant{2}), TensorConstant{1}) * TensorConstant{2}) * (x ** (TensorConstant{2} - TensorConstant{1})))'", 'array(8.)'],
    note: "Theano prints TensorConstant{1.0}: hypatia's float64 constant 1 prints without a decimal point.",
  },
  {
    file: '001-logistic-regression.ts', seed: '001', section: 'Logistic Regression Example',
    expected: ['Initial model:', 'Final model:', 'target values for D:', 'prediction on D:'],
    partial: true, args: { steps: 300 }, note: LOGREG,
  },

  // ---- seed 002: the Chinese translation ------------------------------------------------
  {
    file: '002-logistic-function.ts', seed: '002', section: 'Logistic函数',
    expected: ['[[ 0.73105858 0.88079708] [ 0.95257413 0.98201379]]'],
  },
  {
    file: '002-multiple-outputs.ts', seed: '002', section: '同时计算多个值',
    expected: ['[array([[ 0., 0.], [ 0., 1.]]), array([[ 0., 0.], [ 0., 1.]]), array([[ 0., 0.], [ 0., 1.]])]'],
  },
  {
    file: '002-in-default-values.ts', seed: '002', section: '为参数设置默认值',
    expected: ['4.0', '4.0', '6.0', '2.0', '1.0', '2.0'],
  },
  {
    file: '002-shared-variables.ts', seed: '002', section: '使用共享变量',
    expected: ['0', '1', '201', '1', '-1'],
  },
  {
    file: '002-givens.ts', seed: '002', section: '使用共享变量 (givens)',
    expected: ['7', '0'],
  },
  {
    file: '002-broadcastable-shared.ts', seed: '002', section: '注意 (broadcastable shared variables)',
    note: 'The seed shows no output; the sample prints the types, a broadcast sum and the error without the pattern.',
  },
  {
    file: '002-copy.ts', seed: '002', section: '复制函数',
    expected: ['100', '0', '0'],
    note: 'The seed prints nothing after null_accumulator(100); it says the state is no longer updated, so the sample prints 0.',
  },
  {
    file: '002-random-brief.ts', seed: '002', section: '简要示例',
    expected: ['[[ {num} {num}] [ {num} {num}]]', '[[ {num} {num}] [ {num} {num}]]', '[[ {num} {num}] [ {num} {num}]]', '[[ {num} {num}] [ {num} {num}]]'],
    same: [[2, 3]], differ: [[0, 1]],
    note: `${MT} The seed prints [[0.12672381 0.97091597] ...], [[0.31971415 ...]], and [[0.12309219 ...]] twice.`,
  },
  {
    file: '002-seeding-streams.ts', seed: '002', section: '种子流',
    note: 'The seed shows no output.',
  },
  {
    file: '002-copying-random-state.ts', seed: '002', section: '在Theano图之间复制随机状态',
    expected: ['[ {num}]', '[ {num}]', '[ {num}]', '[ {num}]'],
    same: [[2, 3]], differ: [[0, 1]],
    note: `${MT} The seed prints [ 0.72803009], [ 0.55056769], [ 0.59044123], [ 0.59044123].`,
  },

  // ---- seed 003: Theano as a compute engine --------------------------------------------
  {
    file: '003-config.ts', seed: '003', section: 'Theano installation and loading (configuration)',
    expected: ["'cpu'", "'float64'"], partial: true,
    note: 'print(theano.config) lists every Theano flag; hypatia lists its own keys.',
  },
  {
    file: '003-tensor-types.ts', seed: '003', section: 'Tensors',
    expected: [
      '<TensorType(float32, scalar)>', '<TensorType(int32, scalar)>', '<TensorType(float32, scalar)>', '<TensorType(float64, scalar)>',
      '<TensorType(float64, scalar)>', '<TensorType(float32, scalar)>', '<TensorType(float32, scalar)>',
    ],
  },
  {
    file: '003-symbolic-computing.ts', seed: '003', section: 'Symbolic computing',
    expected: [
      "'(x + y)'", 'array([[ 2., 2.], [ 4., 7.]], dtype=float32)',
      "'(<TensorType(float32, matrix)> + <TensorType(float32, matrix)>)'", "'(x + x)'", "['x', 'y', 'z']",
    ],
    note: 'T.matrices("x", "y", "z") returns the variables; the sample prints their names.',
  },
  {
    file: '003-printing.ts', seed: '003', section: 'Graphs',
    expected: [
      'Elemwise{add,no_inplace}.0', "'(x + y)'",
      "Elemwise{add,no_inplace} [id A] ''\n |x [id B]\n |y [id C]",
      'The output file is available at {path}',
      '[array([[ 2., 2.], [ 4., 7.]], dtype=float32)]',
      "Elemwise{add,no_inplace} [id A] '' 0\n |x [id B]\n |y [id C]",
      'The output file is available at {path}',
      "Elemwise{Composite{((i0 + i1) * i0)}} [id A] '' 0\n |x [id B]\n |y [id C]",
    ],
    args: { outDir: '{tmp}' },
    note: "The seed's copy lost debugprint's ' |' prefixes, restored here. The seed compiled for a GPU: its compiled graphs add GpuFromHost/HostFromGpu transfers around GpuElemwise{Add}; on hypatia's CPU backend the kernel reads the inputs directly. pydotprint writes SVG (and DOT) rather than PNG.",
  },
  {
    file: '003-input-downcast.ts', seed: '003', section: 'Graphs (allow_input_downcast)',
    expected: [
      "'float32'", '<TensorType(float32, matrix)>',
      "'TypeError: input 0: float32 matrix cannot store a value of dtype float64 without risking loss of precision. Cast the data to float32 first, or compile with allowInputDowncast: true'",
      '[array([[ 1., 1.], [ 1., 1.]], dtype=float32)]', '[array([[ 3., 1.], [ 1., 4.]], dtype=float32)]', '[array([[ 1., 1.], [ 1., 1.]], dtype=float32)]',
    ],
    note: "Theano's message: 'TensorType(float32, matrix) cannot store a value of dtype float64 without risking loss of precision. If you do not mind this loss, you can: 1) explicitly cast your data to float32, or 2) set \"allow_input_downcast=True\"'; hypatia says the same in its words. numpy.diag((2,3)) is written out.",
  },
  {
    file: '003-creation.ts', seed: '003', section: 'Operators (creation)',
    expected: [
      'array([[ 0., 0., 0.], [ 0., 0., 0.]])', 'array([[ 1., 0., 0.], [ 0., 1., 0.]])', 'array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])',
      '1', "'int64'", 'TensorType(int64, vector)', 'Shape.0', 'array([2, 2])', 'array([2, 2])', 'array([10])',
    ],
  },
  {
    file: '003-shape-ops.ts', seed: '003', section: 'Operators (dimension manipulation)',
    expected: ['array([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]])', 'array([[8, 6, 4, 2, 0], [9, 7, 5, 3, 1]])'],
    note: 'The seed\'s copy lost the minus sign of [::-1]; the printed result is that of [::-1].',
  },
  {
    file: '003-elementwise.ts', seed: '003', section: 'Elementwise operators',
    expected: [
      'array([[ 3., 0.], [ 0., 3.]])', 'array([[ 9., 0.], [ 0., 9.]])', 'array([[ 9., 0.], [ 0., 9.]])', 'array([[ 6., 0.], [ 0., 6.]])',
      'array([ 10., 2.], dtype=float32)',
    ],
    note: 'The seed shows no result for T.mul(a, b, a, b); its a * b with b = 3 starts from diag((2, 2)), since 3 * diag((3, 3)) would be 9.',
  },
  {
    file: '003-ifelse.ts', seed: '003', section: 'Elementwise operators (ifelse)',
    expected: ['array(5, dtype=int8)'],
  },
  {
    file: '003-reductions.ts', seed: '003', section: 'Reduction operators',
    expected: ['array(4.0, dtype=float32)', 'array([ 3., 4.], dtype=float32)', 'array([ 2., 4.], dtype=float32)'],
  },
  {
    file: '003-linear-algebra.ts', seed: '003', section: 'Linear algebra operators',
    note: 'The seed names dot, outer, tensordot and batched_dot without an example.',
  },
  {
    file: '003-concatenate-stack.ts', seed: '003', section: 'Other operators (concatenate, stack)',
    expected: [
      'array([[8, 9], [6, 7], [4, 5], [2, 3], [0, 1]])',
      'array([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]])',
      'array([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [8, 9], [6, 7], [4, 5], [2, 3], [0, 1]])',
      'array([[0, 1, 8, 9], [2, 3, 6, 7], [4, 5, 4, 5], [6, 7, 2, 3], [8, 9, 0, 1]])',
      'array([[[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]], [[8, 9], [6, 7], [4, 5], [2, 3], [0, 1]]])',
    ],
  },
  {
    file: '003-subtensor-updates.ts', seed: '003', section: 'Other operators (set_subtensor, inc_subtensor)',
    expected: [
      'array([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]])',
      'array([[ 0, 1], [ 2, 3], [ 4, 5], [-1, -1], [-1, -1]])',
      'array([[0, 1], [2, 3], [4, 5], [5, 6], [7, 8]])',
    ],
    note: "The seed's copy lost the minus signs: a[3:] = -1 and a[3:] += -1 ([6, 7] becomes [5, 6]).",
  },
  {
    file: '003-shared-variables.ts', seed: '003', section: 'Memory and variables',
    expected: ['<TensorType(int64, scalar)>', 'array(0)', 'array(1)'],
    note: 'GPU contexts and transfer(device) are Theano-specific and not shown; hypatia picks a backend per function (backend option).',
  },
  {
    file: '003-function-arguments.ts', seed: '003', section: 'Functions and automatic differentiation',
    expected: [
      '[array([[{num}, {num}, {num}], [{num}, {num}, {num}], [{num}, {num}, {num}]]), array([[{num}, {num}, {num}], [{num}, {num}, {num}], [{num}, {num}, {num}]]), array([[{num}, {num}, {num}], [{num}, {num}, {num}], [{num}, {num}, {num}]])]',
      '[]', 'array(4.0)',
    ],
    note: 'The input is random (numpy.random.randn in the seed), so only its shape is compared.',
  },
  {
    file: '003-grad.ts', seed: '003', section: 'Functions and automatic differentiation (grad)',
    note: "The seed draws the graphs (pydotprint) without printing; the sample also prints them and f(3), where the compiled gradient is 2 * a.",
    args: { outDir: '{tmp}' },
  },
  {
    file: '003-scan.ts', seed: '003', section: 'Loops in symbolic computing',
    expected: [
      'array([[ 2., 2., 2.], [ 2., 2., 2.]], dtype=float32)',
      'array([ 0., 3., 8.], dtype=float32)',
      'array([ 5., 10., 15., 20., 25., 30., 35., 40., 45., 50., 55., 60., 65., 70., 75., 80., 85., 90., 95., 100.], dtype=float32)',
      'array([ 1.00000000e+00, 6.00000000e+00, 3.10000000e+01, 1.56000000e+02, 7.81000000e+02, 3.90600000e+03, 1.95310000e+04, 9.76560000e+04, 4.88281000e+05, 2.44140600e+06], dtype=float32)',
    ],
  },
  {
    file: '003-modes.ts', seed: '003', section: 'Debugging and optimization modes',
    expected: ["'FAST_RUN'"], partial: true,
    note: "Theano's config.mode prints 'Mode'; hypatia's default mode is FAST_RUN. The seed's example compiles a scan; this one compiles an elementwise chain to show what FAST_COMPILE leaves unfused.",
  },
  {
    file: '003-profile.ts', seed: '003', section: 'Profiling',
    expected: ['Function profiling', '==================', 'Class', 'Ops', 'Apply'], partial: true,
    note: 'Times differ run to run; the report has the sections of Theano\'s (Class, Ops, Apply), without its GPU transfer ops.',
  },

  // ---- seed 004: a learner's notes --------------------------------------------------------
  {
    file: '004-allclose.ts', seed: '004', section: 'Adding two Scalars',
    expected: ['True'], note: 'The notes quote allclose\'s documentation ("Returns True if ...") instead of printing.',
  },
  {
    file: '004-adding-matrices.ts', seed: '004', section: 'Adding two Matrices',
    expected: ['array([[11., 22.],\n       [33., 44.]])', 'array([[11., 22.],\n       [33., 44.]])'],
    note: 'The notes print nothing; the values are seed 001\'s.',
  },
  {
    file: '004-logistic-function.ts', seed: '004', section: 'Logistic Function',
    expected: ['True', '2', 'array(2.71828183)'],
    note: 'Answers the notes\' questions: s equals s2, a dmatrix has 2 dimensions, e is exp(1).',
  },
  {
    file: '004-default-value.ts', seed: '004', section: 'Setting a Default Value for an Argument',
    expected: ['array(34.0)', 'array(35.0)'], note: 'The notes print nothing; the values are seed 000\'s.',
  },
  {
    file: '004-shared-variables.ts', seed: '004', section: 'Using Shared Variables',
    expected: [
      "'updates: the update of 'state' has type TensorType(float64, scalar) but the shared variable is TensorType(int64, scalar); an update must have the same type (use T.cast(expr, 'int64'))'",
      'array(0)', 'array(1)',
    ],
    note: 'The notes declare inc = T.scalar (a float): Theano refuses that update too.',
  },
  {
    file: '004-givens.ts', seed: '004', section: 'Using Shared Variables (givens)',
    expected: ['array(7)', '0'],
  },
  {
    file: '004-broadcastable.ts', seed: '004', section: 'Broadcast pattern of shared variables',
    note: 'The notes show no output.',
  },
  {
    file: '004-copy.ts', seed: '004', section: 'Copy functions',
    expected: ['1', '100'],
    note: 'The notes print nothing; the sample calls each copy and prints both states.',
  },
  {
    file: '004-random-brief.ts', seed: '004', section: 'Using Random Numbers: Brief Example',
    expected: [
      'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])',
      'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])',
      'array([[0., 0.],\n       [0., 0.]])',
    ],
    same: [[2, 3]], differ: [[0, 1]], note: 'The notes print nothing; the same run as seed 000\'s.',
  },
  {
    file: '004-sharing-streams.ts', seed: '004', section: 'Sharing Streams Between Functions',
    expected: ['array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])', 'array([[{num}, {num}],\n       [{num}, {num}]])'],
    same: [[0, 2]], differ: [[0, 1]],
    note: "The notes restore rv_n's rng where rv_u's is meant (then v3 would not equal v1); the sample restores rv_u's.",
  },
  {
    file: '004-logistic-regression.ts', seed: '004', section: 'Logistic regression',
    expected: ['Initial model:', 'Final model:', 'target values for D:', 'prediction on D:'],
    partial: true, args: { steps: 300 }, note: LOGREG,
  },
];
