// Seed 003, "Symbolic computing": a first graph, x + y, printed and evaluated; names label the
// variables in printouts, and rebinding a JS variable does not change the graph.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32';
    {
      const x = T.matrix('x');
      const y = T.matrix('y');
      const z = T.tensor`${x} + ${y}`;
      show('T.pp(z)', T.pp(z));
      show('z.eval({ x: [[1, 2], [1, 3]], y: [[1, 0], [3, 4]] })', z.eval({ x: [[1, 2], [1, 3]], y: [[1, 0], [3, 4]] }));
    }
    const a = T.matrix();
    const b = T.matrix();
    show('T.pp(T.add(a, b))', T.pp(T.add(a, b)));
    let x: T.Variable = T.matrix('x');
    x = T.tensor`${x} + ${x}`;
    show('T.pp(x)', T.pp(x));
    const [p, q, r] = T.matrices('x', 'y', 'z');
    show('[p.name, q.name, r.name]', [p.name, q.name, r.name]);
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
