import { ISignal, Signal } from '@lumino/signaling';

/**
 * The selected run of the chosen job (cleared when the job changes), or of
 * any other run source (the v2 training jobs).
 */
export class RunSelection {
  constructor(options: RunSelection.IOptions) {
    options.versions.jobChanged.connect(() => this.select(null), this);
  }

  /**
   * Emitted with the selected run id when the selection changes.
   */
  get changed(): ISignal<this, string | null> {
    return this._changed;
  }

  /**
   * The id of the selected run, or null.
   */
  get selectedId(): string | null {
    return this._selected;
  }

  /**
   * Select a run (or clear the selection with null).
   */
  select(runId: string | null): void {
    if (runId !== this._selected) {
      this._selected = runId;
      this._changed.emit(runId);
    }
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _changed = new Signal<this, string | null>(this);
  private _selected: string | null = null;
}

export namespace RunSelection {
  export interface IOptions {
    /**
     * The runs' source; the selection clears when its job changes.
     */
    versions: { readonly jobChanged: ISignal<unknown, string | null> };
  }
}
