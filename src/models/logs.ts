import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { getLogLines, listLogFiles } from '../api/client';
import { IReadLogQuery } from '../api/contract';
import { asRequestError } from '../api/request';
import { LogLines } from './logLines';
import { PolledModel } from './polledModel';

/**
 * The logs of one run: its log files (one per node) and the lines of the
 * chosen file. It first reads the newest lines, then, while the run runs,
 * reads on from the last `end_line` (so each refresh carries only new
 * lines); "load older" reads back from the first `start_line`.
 */
export class LogsModel extends PolledModel {
  constructor(options: LogsModel.IOptions) {
    super({
      interval: options.interval ?? LogsModel.INTERVAL,
      maxBackoff: LogsModel.MAX_BACKOFF,
      name: 'jupyterlab-modelarts:logs'
    });
    this.jobId = options.jobId;
    this.runId = options.runId;
    this._serverSettings = options.serverSettings;
    this._pageSize = options.pageSize ?? LogsModel.PAGE_SIZE;
    this._lines = new LogLines(options.maxLines ?? LogsModel.MAX_LINES);
  }

  readonly jobId: string;
  readonly runId: string;

  /**
   * Emitted with the lines added at the end (newer) or at the start (older).
   */
  get linesAdded(): ISignal<this, LogsModel.IAdded> {
    return this._linesAdded;
  }

  /** The log files of the run, once listed. */
  get files(): ReadonlyArray<string> {
    return this._files;
  }

  /** The chosen file, or null before the files are listed (or if none). */
  get file(): string | null {
    return this._file;
  }

  /** The lines read so far, oldest first (at most `maxLines`). */
  get lines(): ReadonlyArray<string> {
    return this._lines.lines;
  }

  /** Whether older lines may exist before the first line read. */
  get hasOlder(): boolean {
    return this._lines.hasOlder;
  }

  /** Whether the files have not been listed yet. */
  get loading(): boolean {
    return this._listed === false && this._error === null;
  }

  /** Whether newer lines are read as the run writes them. */
  get following(): boolean {
    return this._following;
  }

  /**
   * Follow the run's new lines (while it runs) or not; stopping to follow
   * reads once more, for the last lines the run wrote.
   */
  setFollowing(following: boolean): void {
    if (following === this._following) {
      return;
    }
    this._following = following;
    this._finalRead = !following;
    this._changed.emit();
    void this._poll.refresh();
  }

  /** Read the lines of another file, from its newest. */
  selectFile(file: string): void {
    if (file === this._file || !this._files.includes(file)) {
      return;
    }
    this._file = file;
    this._lines.clear();
    this._changed.emit();
    void this._poll.refresh();
  }

  /** Read the page of lines before the first one read. */
  async loadOlder(): Promise<void> {
    const file = this._file;
    const first = this._lines.first;
    if (file === null || !first || !this._lines.hasOlder) {
      return;
    }
    const chunk = await this._read({ order: 'asc', base_line: first });
    if (chunk && file === this._file && first === this._lines.first) {
      this._lines.hasOlder = chunk.lines.length >= this._pageSize;
      if (chunk.lines.length) {
        this._lines.prepend(chunk);
        this._linesAdded.emit({ at: 'start', lines: chunk.lines });
      }
      this._changed.emit();
    }
  }

  protected standby(): boolean | 'when-hidden' {
    return this._following || this._finalRead ? 'when-hidden' : true;
  }

  /**
   * List the files once, then read on from the last line (the newest lines
   * at first).
   */
  protected async tick(): Promise<void> {
    if (!this._listed) {
      const answer = await this._guard(
        listLogFiles(this.jobId, this.runId, this._serverSettings)
      );
      if (answer === null) {
        throw this._error;
      }
      this._files = answer.log_file_list;
      this._file = this._files[0] ?? null;
      this._listed = true;
      this._changed.emit();
    }
    this._finalRead = false;
    const file = this._file;
    if (file === null) {
      return;
    }
    // Catch up a page at a time (bounded) after a long pause.
    for (let page = 0; page < LogsModel.CATCH_UP_PAGES; page++) {
      const last = this._lines.last;
      const chunk = await this._read(last ? { base_line: last } : {});
      if (chunk === null) {
        throw this._error;
      }
      if (file !== this._file) {
        return;
      }
      if (!last) {
        this._lines.hasOlder = chunk.lines.length >= this._pageSize;
      }
      if (chunk.lines.length) {
        this._lines.append(chunk);
        this._linesAdded.emit({ at: 'end', lines: chunk.lines });
      }
      if (chunk.lines.length < this._pageSize) {
        return;
      }
    }
  }

  private async _read(
    query: Pick<IReadLogQuery, 'order' | 'base_line'>
  ): Promise<LogLines.IChunk | null> {
    const file = this._file!;
    const answer = await this._guard(
      getLogLines(
        this.jobId,
        this.runId,
        { log_file: file, lines: this._pageSize, ...query },
        this._serverSettings
      )
    );
    return answer && LogLines.chunk(answer);
  }

  /** The answer of a request, or null after recording its error. */
  private async _guard<T>(request: Promise<T>): Promise<T | null> {
    try {
      const answer = await request;
      if (this._error !== null) {
        this._error = null;
        this._changed.emit();
      }
      return answer;
    } catch (error) {
      if (!this.isDisposed) {
        this._error = asRequestError(error);
        this._changed.emit();
      }
      return null;
    }
  }

  private _file: string | null = null;
  private _finalRead = false;
  private _files: string[] = [];
  private _following = true;
  private _linesAdded = new Signal<this, LogsModel.IAdded>(this);
  private _listed = false;
  private _lines: LogLines;
  private _pageSize: number;
  private _serverSettings: ServerConnection.ISettings | undefined;
}

export namespace LogsModel {
  /** Lines per read. */
  export const PAGE_SIZE = 200;

  /** The most lines kept; older pages are dropped (and can be read again). */
  export const MAX_LINES = 5000;

  /** Pages read in one refresh at most, catching up with a busy log. */
  export const CATCH_UP_PAGES = 5;

  /** Seconds between reads of a running run's new lines. */
  export const INTERVAL = 3;

  /** The longest wait between reads when backing off on errors (s). */
  export const MAX_BACKOFF = 120;

  export interface IOptions {
    jobId: string;
    runId: string;
    serverSettings?: ServerConnection.ISettings;
    pageSize?: number;
    maxLines?: number;
    /** Seconds between reads while following (default `INTERVAL`). */
    interval?: number;
  }

  /** Lines added to one end of the log. */
  export interface IAdded {
    at: 'start' | 'end';
    lines: ReadonlyArray<string>;
  }
}
