// Seed 001, "Graph Structures": variables point to the Apply that made them (owner), an Apply
// to its op, inputs and outputs. The constant 2 reaches the product through a DimShuffle that
// broadcasts it to a matrix.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dmatrix('x');
  const y = T.tensor`${x} * 2`;
  const node = y.owner!;
  show('y.owner.constructor.name', node.constructor.name);
  show('String(y.owner.op)', String(node.op));
  show('y.owner.inputs.length', node.inputs.length);
  show('y.owner.inputs[0]', node.inputs[0]);
  const two = node.inputs[1]!;
  show('y.owner.inputs[1]', two);
  show('y.owner.inputs[1].owner.constructor.name', two.owner!.constructor.name);
  show('y.owner.inputs[1].owner.op', two.owner!.op);
  show('y.owner.inputs[1].owner.inputs', two.owner!.inputs);
  show('x.owner', x.owner);
}

runIfMain(import.meta.url, main);
