// A one-line text progress bar on stderr, redrawn in place.
export class ProgressBar {
  private readonly total: number;
  private readonly width: number;
  private lastDrawn = -1;

  constructor(total: number, width = 30) {
    this.total = Math.max(1, total);
    this.width = width;
  }

  /** Redraw when the bar would change (at most `width` times a run), plus a short note. */
  update(done: number, note = ''): void {
    const filled = Math.round((done / this.total) * this.width);
    if (filled === this.lastDrawn && done !== this.total) return;
    this.lastDrawn = filled;
    const pct = ((100 * done) / this.total).toFixed(0).padStart(3);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${pct}% ${note}`);
  }

  /** Clear the line so later output starts clean. */
  done(): void {
    process.stderr.write(`\r${' '.repeat(this.width + 40)}\r`);
  }
}
