import { ILogChunk } from '../api/contract';

/**
 * The lines of one log file read so far, oldest first, as the chunks the
 * log route answered with their positions: the first chunk's `start_line`
 * is where to read older lines from, the last chunk's `end_line` where to
 * read newer ones from. At most `maxLines` are kept; the oldest chunks are
 * dropped first (and can be read again).
 */
export class LogLines {
  constructor(maxLines: number) {
    this._maxLines = maxLines;
  }

  /**
   * The lines, oldest first.
   */
  get lines(): string[] {
    return ([] as string[]).concat(...this._chunks.map(chunk => chunk.lines));
  }

  /**
   * Where to read older lines from ('' when nothing was read).
   */
  get first(): string {
    return this._chunks[0]?.start_line ?? '';
  }

  /**
   * Where to read newer lines from ('' when nothing was read).
   */
  get last(): string {
    return this._chunks[this._chunks.length - 1]?.end_line ?? '';
  }

  /**
   * Whether older lines may exist before the first line kept.
   */
  hasOlder = false;

  /**
   * Add newer lines at the end, dropping the oldest beyond the limit.
   */
  append(chunk: LogLines.IChunk): void {
    this._chunks.push(chunk);
    let count = this._chunks.reduce((sum, c) => sum + c.lines.length, 0);
    while (count > this._maxLines && this._chunks.length > 1) {
      count -= this._chunks.shift()!.lines.length;
      this.hasOlder = true;
    }
  }

  /**
   * Add older lines at the start.
   */
  prepend(chunk: LogLines.IChunk): void {
    this._chunks.unshift(chunk);
  }

  /**
   * Forget every line (another file was chosen).
   */
  clear(): void {
    this._chunks = [];
    this.hasOlder = false;
  }

  private _chunks: LogLines.IChunk[] = [];
  private _maxLines: number;
}

export namespace LogLines {
  /**
   * Lines read in one answer, and the positions of the first and the last.
   */
  export interface IChunk {
    lines: string[];
    start_line: string;
    end_line: string;
  }

  /**
   * The lines of an answer of the log route.
   */
  export function chunk(answer: ILogChunk): IChunk {
    const lines = answer.content === '' ? [] : answer.content.split('\n');
    return {
      lines: lines.slice(0, answer.lines ?? lines.length),
      start_line: answer.start_line ?? '',
      end_line: answer.end_line ?? ''
    };
  }
}
