import { IRun, IRunStatus, Run } from './run';

/**
 * The run time of running runs between refreshes, never going backwards.
 *
 * A refresh reports a run's duration as the server last computed it, which
 * may be older than the moment the answer arrives (a cached answer, time in
 * flight, whole seconds): taking `duration + (now - answer time)` at face
 * value would make the shown duration jump back on refresh. The clock keeps
 * the earliest start each refresh implies (`answer time - duration`), so the
 * time shown only grows while the run is running.
 */
export class RunClock {
  /**
   * Record what a refresh reported about a run, as of `at` (epoch ms).
   */
  observe(run: RunClock.IObserved, at: number): void {
    if (!Run.isTicking(run)) {
      this._starts.delete(run.id);
      return;
    }
    const start = at - run.duration;
    const known = this._starts.get(run.id);
    this._starts.set(
      run.id,
      known === undefined ? start : Math.min(known, start)
    );
  }

  /**
   * Record the runs of one refresh; forget runs it no longer lists.
   */
  observeAll(runs: ReadonlyArray<RunClock.IObserved>, at: number): void {
    const listed = new Set<string>();
    for (const run of runs) {
      listed.add(run.id);
      this.observe(run, at);
    }
    for (const id of Array.from(this._starts.keys())) {
      if (!listed.has(id)) {
        this._starts.delete(id);
      }
    }
  }

  /**
   * The run time of a run at `now` (ms): its reported duration when it is
   * not running, else the time since its earliest known start.
   */
  elapsed(run: RunClock.IObserved, now: number): number {
    const start = this._starts.get(run.id);
    if (start === undefined || !Run.isTicking(run)) {
      return run.duration;
    }
    return Math.max(run.duration, now - start);
  }

  /**
   * Forget every run (a new job was chosen).
   */
  clear(): void {
    this._starts.clear();
  }

  private _starts = new Map<string, number>();
}

export namespace RunClock {
  /**
   * What the clock needs of a run.
   */
  export type IObserved = Pick<IRun, 'id' | 'duration'> & IRunStatus;
}
