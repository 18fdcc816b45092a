// The main demo: the seed tutorial's first steps on the CPU backend.
// Run: npm run demo
import * as T from 'hypatia';

// the logistic function, elementwise over a matrix of doubles
const x = T.dmatrix('x');
const s = T.tensor`1 / (1 + exp(-${x}))`;
const logistic = T.fn([x], s);
console.log('logistic([[0, 1], [-1, -2]]) =');
console.log(String(logistic([[0, 1], [-1, -2]])));

// several outputs at once
const [a, b] = T.dmatrices('a', 'b');
const diff = T.tensor`${a} - ${b}`;
const f = T.fn([a, b], [diff, T.abs(diff), T.tensor`${diff} ** 2`]);
console.log('\ndiff, |diff|, diff**2 =');
for (const r of f([[1, 1], [1, 1]], [[0, 1], [2, 3]])) console.log(String(r));

// defaults and keyword arguments
const [p, q, w] = T.dscalars('x', 'y', 'w');
const g = T.fn([p, T.In(q, { value: 1 }), T.In(w, { value: 2, name: 'w_by_name' })], T.tensor`(${p} + ${q}) * ${w}`);
console.log('\nf(33) =', String(g(33)), ' f(33, { w_by_name: 1, y: 0 }) =', String(g(33, { w_by_name: 1, y: 0 })));

// shared state with updates
const state = T.shared(0, { dtype: 'int32', name: 'state' });
const inc = T.iscalar('inc');
const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]] });
accumulator(1);
accumulator(300);
console.log('\naccumulator state after 1 and 300:', String(state.getValue()));

// what the compiler made of the logistic: one fused kernel
console.log('\nT.pp(s):', T.pp(s));
console.log('T.debugprint(logistic):');
console.log(T.debugprint(logistic));
