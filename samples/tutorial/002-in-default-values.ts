// Seed 002, "为参数设置默认值" (default values): T.In(v, { value, name }).
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  {
    const [x, y] = T.dscalars('x', 'y');
    const z = T.tensor`${x} + ${y}`;
    const f = T.fn([x, T.In(y, { value: 2 })], z);
    print(f(2));
  }
  const [x, y, w] = T.dscalars('x', 'y', 'w');
  const z = T.tensor`(${x} + ${y}) * ${w}`;
  const f = T.fn([x, T.In(y, { value: 1 }), T.In(w, { value: 2, name: 'w_by_name' })], z);
  print(f(1));
  print(f(1, 2));
  print(f(1, 1, 1));
  print(f(1, { w_by_name: 1, y: 0 }));
  print(f(1, { w_by_name: 1 }));
}

runIfMain(import.meta.url, main);
