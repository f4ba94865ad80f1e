import { ServerConnection } from '@jupyterlab/services';
import { ILogPreview } from '../api/contract';
import { getTrainingJobLogPreview } from '../api/trainingJobs';
import { asRequestError } from '../api/request';
import { PolledModel } from './polledModel';
import { IRun, Run } from './run';

/**
 * The log preview of a v2 training job: its tasks (one log per node, from
 * the record's `status.tasks`), the chosen task and the log's latest part,
 * read again while the job runs and the view is visible.
 */
export class LogPreviewModel extends PolledModel {
  constructor(options: LogPreviewModel.IOptions) {
    super({
      interval: options.interval ?? LogPreviewModel.INTERVAL,
      maxBackoff: LogPreviewModel.MAX_BACKOFF,
      name: 'jupyterlab-modelarts:log-preview'
    });
    this.jobId = options.jobId;
    this._serverSettings = options.serverSettings;
  }

  readonly jobId: string;

  /**
   * The job's task ids (the log of each node).
   */
  get tasks(): ReadonlyArray<string> {
    return this._tasks;
  }

  /**
   * The chosen task, or null while the job has none.
   */
  get task(): string | null {
    return this._task;
  }

  /**
   * The last answer for the chosen task, or null.
   */
  get preview(): ILogPreview | null {
    return this._preview;
  }

  /**
   * Whether the chosen task's log has not been read yet.
   */
  get loading(): boolean {
    return this._task !== null && this._preview === null && !this._error;
  }

  /**
   * Follow a (re)read of the job: its tasks, and whether the log can still
   * grow (then it is read again at the interval).
   */
  setRun(run: IRun | null): void {
    if (!run || this.isDisposed) {
      return;
    }
    const tasks = LogPreviewModel.tasksOf(run.record);
    const wasFollowing = this._following;
    this._following = Run.isTicking(run) || run.status_kind === 'pending';
    if (tasks.join('\n') !== this._tasks.join('\n')) {
      this._tasks = tasks;
      if (this._task === null || !tasks.includes(this._task)) {
        this.setTask(tasks[0] ?? null);
        return;
      }
      this._changed.emit();
    }
    if (wasFollowing && !this._following) {
      // The job has ended: read its log once more.
      this._owed = true;
      void this._poll.refresh();
    }
  }

  /**
   * Show the log of another task.
   */
  setTask(task: string | null): void {
    if (task === this._task) {
      return;
    }
    this._task = task;
    this._preview = null;
    this._error = null;
    this._owed = task !== null;
    this._changed.emit();
    if (task !== null) {
      void this._poll.refresh();
    }
  }

  /**
   * A finished job's log is read once (a read is owed), a running one's
   * again at the interval.
   */
  protected standby(): boolean | 'when-hidden' {
    return this._task === null || (!this._following && !this._owed)
      ? true
      : 'when-hidden';
  }

  protected async tick(): Promise<void> {
    const task = this._task;
    if (task === null) {
      return;
    }
    const current = () => task === this._task && !this.isDisposed;
    try {
      const preview = await getTrainingJobLogPreview(
        this.jobId,
        task,
        this._serverSettings
      );
      if (current()) {
        this._preview = preview;
        this._error = null;
        this._owed = false;
        this._changed.emit();
      }
    } catch (error) {
      if (current()) {
        this._error = asRequestError(error);
        this._changed.emit();
        throw this._error;
      }
    }
  }

  private _following = false;
  private _owed = false;
  private _preview: ILogPreview | null = null;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _task: string | null = null;
  private _tasks: string[] = [];
}

export namespace LogPreviewModel {
  /**
   * Seconds between reads while the job runs.
   */
  export const INTERVAL = 5;

  /**
   * The longest wait between reads when backing off on errors (s).
   */
  export const MAX_BACKOFF = 120;

  export interface IOptions {
    /**
     * The v2 job's id (a UUID).
     */
    jobId: string;
    serverSettings?: ServerConnection.ISettings;
    /**
     * Seconds between reads while the job runs (default `INTERVAL`).
     */
    interval?: number;
  }

  /**
   * The task ids of a v2 job's record (`status.tasks`), in order.
   */
  export function tasksOf(record: Readonly<Record<string, unknown>>): string[] {
    const status = record.status;
    const tasks =
      typeof status === 'object' && status !== null
        ? (status as { tasks?: unknown }).tasks
        : undefined;
    return Array.isArray(tasks)
      ? tasks.filter((task): task is string => typeof task === 'string')
      : [];
  }
}
