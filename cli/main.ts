// The `hypatia` command line (see cli/hypatia.mjs for how it starts).
import { Command, CommanderError } from 'commander';
import { printModule } from './print.ts';
import { buildModule } from './build.ts';
import { runBench } from './bench.ts';
import { CliError } from './load-module.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function program(log: (line: string) => void = console.log): Command {
  const cli = new Command('hypatia')
    .description('Theano for TypeScript: print, draw, build and benchmark hypatia graphs')
    .exitOverride()
    .showHelpAfterError();

  cli.command('print')
    .description('debugprint every compiled function and variable a module exports (and draw them with --dot)')
    .argument('<module>', 'a graph module (*.graph.ts) or any module exporting T.fn functions or variables')
    .option('--dot <file>', 'write DOT (one file, or FILE.EXPORT.dot for several exports)')
    .option('--svg', 'with --dot, also render SVG (needs @viz-js/viz)')
    .option('--only <export>', 'print only this export (repeatable)', collect)
    .option('--before', 'for compiled functions, also print the graph as written, before rewrites')
    .action((module: string, opts: { dot?: string; svg?: boolean; only?: string[]; before?: boolean }) => printModule(module, opts, log));

  cli.command('build')
    .description('compile a graph module to a generated module, without esbuild')
    .argument('<module>', 'a graph module (*.graph.ts)')
    .option('-o, --out <file>', 'write the generated module here instead of printing it')
    .option('--runtime <specifier>', 'where the generated module imports the runtime from', 'hypatia/runtime')
    .action((module: string, opts: { out?: string; runtime?: string }) => buildModule(module, opts, log));

  cli.command('bench')
    .description('run the benchmarks (bench/run.ts) and print the table of ratios')
    .option('--peers', 'only the comparison with TensorFlow.js, jax-js and hand-written loops')
    .action((opts: { peers?: boolean }) => runBench(opts));

  return cli;
}

/** Runs the command line on `argv` (node's, so argv[0] and argv[1] are skipped); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv]);
    return 0;
  } catch (e) {
    // commander has printed its own message (usage errors, --help, --version)
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliError) {
      console.error(`hypatia: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
