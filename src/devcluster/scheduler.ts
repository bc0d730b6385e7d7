/**
 * One timer for many simulated events: a min-heap of due times. Thousands of jobs cost one
 * `setTimeout`, and a time scale of 0 still runs events in order.
 */

interface Task {
  at: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

/** A handle to cancel a scheduled task. */
export interface ScheduledTask {
  cancel(): void;
}

export class Scheduler {
  private readonly heap: Task[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  /** Runs `run` after `delayMs` (0 means on the next turn of the event loop, after I/O). */
  after(delayMs: number, run: () => void): ScheduledTask {
    const task: Task = {
      at: performance.now() + Math.max(0, delayMs),
      seq: this.seq++,
      run,
      cancelled: false,
    };
    this.push(task);
    this.arm();
    return {
      cancel: () => {
        task.cancelled = true;
      },
    };
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
  }

  get pending(): number {
    return this.heap.length;
  }

  private arm(): void {
    if (this.stopped) return;
    const top = this.heap[0];
    if (!top) return;
    if (this.timer && top.at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = top.at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, top.at - performance.now()));
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    // Bound one turn's work so HTTP handling interleaves with a burst of simulated events.
    let budget = 2000;
    while (budget-- > 0 && !this.stopped) {
      const top = this.heap[0];
      if (!top || top.at > now) break;
      this.pop();
      if (top.cancelled) continue;
      try {
        top.run();
      } catch (err) {
        this.onError(err);
      }
    }
    this.arm();
  }

  private less(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: Task): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Task;
      if (!this.less(t, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
  }

  private pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let best = last;
      const left = h[l];
      const right = h[r];
      if (left && this.less(left, best)) {
        m = l;
        best = left;
      }
      if (right && this.less(right, best)) {
        m = r;
        best = right;
      }
      if (m === i) break;
      h[i] = best;
      i = m;
    }
    h[i] = last;
    return top;
  }
}
