// Seed 000, "A Real Example: Logistic Regression": train w and b by gradient descent on random
// data D, then predict D. The model and data come from samples/logistic-regression.ts.
import { buildModel, makeData } from '../logistic-regression.ts';
import { ProgressBar } from '../lib/progress.ts';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export interface Options {
  /** Gradient steps; the seed takes 10 000 (about 8 s here). */
  steps?: number;
  /** Seed 001 prints w and b, and the targets and predictions, on lines of their own. */
  linePerValue?: boolean;
}

export function main(options: Options = {}): void {
  const { steps = 10_000, linePerValue = false } = options;
  const D = makeData(0);
  const { w, b, train, predict } = buildModel(D.w0);
  const both = (label: string, a: unknown, c: unknown) => {
    if (linePerValue) { print(label); print(a); print(c); } else { print(label); print(a, c); }
  };

  both('Initial model:', w.getValue(), b.getValue());
  const bar = new ProgressBar(steps);
  for (let i = 0; i < steps; i++) {
    train(D.x, D.y);
    bar.update(i + 1, `step ${i + 1}/${steps}`);
  }
  bar.done();
  both('Final model:', w.getValue(), b.getValue());
  if (linePerValue) {
    print('target values for D:');
    print(D.y);
    print('prediction on D:');
    print(predict(D.x));
  } else {
    print('target values for D:', D.y);
    print('prediction on D:', predict(D.x));
  }
}

function stepsFlag(): number | undefined {
  const i = process.argv.indexOf('--steps');
  return i < 0 ? undefined : Number(process.argv[i + 1]);
}

runIfMain(import.meta.url, () => main({ steps: stepsFlag() ?? 10_000 }));
