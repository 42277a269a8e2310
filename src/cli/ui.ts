/**
 * The command line's human text, in one place: data and help on stdout,
 * progress (a live line on a terminal, plain lines otherwise: CI, pipes),
 * summaries and errors on stderr, so stdout stays clean for data. These are
 * the program's user interface, not logs (logs go through pino, core/log.ts).
 */

/** Plain output: data (result rows) and help on stdout, messages on stderr. */
export const ui = {
  out(text: string): void {
    process.stdout.write(text);
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  },
  lines(lines: string[]): void {
    process.stderr.write(`${lines.join('\n')}\n`);
  },
};

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

  /** Count the rate of tick() from now (a new table, file …). */
  restart(): void {
    this.stepStarted = Date.now();
  }

  /** Clear the live line of tick() (on a terminal). */
  clearLine(): void {
    if (!this.quiet && this.tty) process.stderr.write('\r\x1b[2K');
  }

  elapsedMs(): number {
    return Date.now() - this.started;
  }

  summary(lines: string[]): void {
    if (this.quiet) return;
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}
