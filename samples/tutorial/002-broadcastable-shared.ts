// Seed 002, "注意" (note): a shared variable broadcasts on no axis unless told, because its
// value may change shape later; broadcastable: [true, false] makes a row that adds to each row.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const plain = T.shared([[1, 2, 3]], { dtype: 'float64', name: 'plain' });
  show('plain.type', plain.type);
  const row = T.shared([[1, 2, 3]], { dtype: 'float64', name: 'row', broadcastable: [true, false] });
  show('row.type', row.type);
  const m = T.dmatrix('m');
  show('(m + row) for m = [[10, 20, 30], [40, 50, 60]]', T.fn([m], T.tensor`${m} + ${row}`)([[10, 20, 30], [40, 50, 60]]));
  try {
    T.fn([m], T.tensor`${m} + ${plain}`)([[10, 20, 30], [40, 50, 60]]);
  } catch (e) {
    show('(m + plain): an error, plain is not broadcastable', (e as Error).message);
  }
}

runIfMain(import.meta.url, main);
