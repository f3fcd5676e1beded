/**
 * One status line on stderr while regions are read ("eu-west-1: 5/13 calls · eu-central-1: 2/13 calls"),
 * redrawn in place. Only used when stderr is a terminal, so logs and CI output stay clean.
 */
export class ProgressLine {
  private readonly done = new Map<string, number>();
  private drawn = false;

  constructor(
    private readonly write: (s: string) => void,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  /** Records `region` as having finished `count` calls and redraws. */
  update(region: string, count: number): void {
    this.done.set(region, count);
    if (!this.enabled) return;
    const parts = [...this.done].map(([r, n]) => `${r}: ${n}/${this.total} calls`);
    this.write(`\r\x1b[2K${parts.join(' · ')}`);
    this.drawn = true;
  }

  /** Clears the line (call before printing the report or an error). */
  finish(): void {
    if (this.enabled && this.drawn) this.write('\r\x1b[2K');
    this.drawn = false;
  }
}
