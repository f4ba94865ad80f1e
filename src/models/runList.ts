import { ISignal } from '@lumino/signaling';
import { IRun } from './run';
import { RunClock } from './runClock';

/**
 * What a view of runs reads: a chosen job's versions (VersionsModel) or
 * the new-version training jobs (TrainingJobsModel), in their order.
 */
export interface IRunList {
  /**
   * The chosen job's id (a fixed scope for v2 jobs), or null.
   */
  readonly jobId: string | null;

  /**
   * The job's name ('' for v2 jobs, which are named by themselves).
   */
  readonly jobName: string;

  readonly runs: ReadonlyArray<IRun>;

  /**
   * Whether the runs are from an earlier refresh (the last one failed).
   */
  readonly stale: boolean;

  /**
   * The run time of running runs between refreshes.
   */
  readonly clock: RunClock;

  readonly jobChanged: ISignal<unknown, string | null>;
  readonly runsChanged: ISignal<unknown, void>;
}
