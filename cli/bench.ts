// `hypatia bench`: the repository's benchmarks (bench/run.ts), or the peer comparison alone.
export async function runBench(options: { peers?: boolean }): Promise<void> {
  if (options.peers) {
    const { runPeers } = await import('../bench/peers.ts');
    await runPeers();
    return;
  }
  // bench/run.ts runs everything, peers included, as it loads
  await import('../bench/run.ts');
}
