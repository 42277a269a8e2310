/**
 * Progress display for long work: a live line on a terminal, plain log lines
 * otherwise (CI, pipes). Writes to stderr so stdout stays clean for data.
 */
export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly started = Date.now();
  private stepStarted = Date.now();

  constructor(private readonly quiet = false) {}

  step(label: string): void {
    this.stepStarted = Date.now();
    if (this.quiet) return;
    if (this.tty) process.stderr.write(`\r\x1b[2K… ${label}`);
    else process.stderr.write(`… ${label}\n`);
  }

  done(label: string, detail = ''): void {
    if (this.quiet) return;
    const ms = Date.now() - this.stepStarted;
    const line = `✓ ${label}${detail ? ` — ${detail}` : ''} (${ms} ms)`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}\n`);
    else process.stderr.write(`${line}\n`);
  }

  /** A counter update on a terminal (rows, triples); ignored when not a terminal. */
  tick(label: string, n: number, unit: string): void {
    if (this.quiet || !this.tty) return;
    const s = (Date.now() - this.stepStarted) / 1000;
    process.stderr.write(
      `\r\x1b[2K… ${label}: ${n.toLocaleString('nl-NL')} ${unit}${s > 0 ? ` (${Math.round(n / s).toLocaleString('nl-NL')}/s)` : ''}`,
    );
  }

  elapsedMs(): number {
    return Date.now() - this.started;
  }

  summary(lines: string[]): void {
    if (this.quiet) return;
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}
