import { ISignal, Signal } from '@lumino/signaling';
import { IRun } from '../models/run';
import { RunClock } from '../models/runClock';
import { IRunList } from '../models/runList';
import { TrainingJobsModel } from '../models/trainingJobs';
import { VersionsModel } from '../models/versions';
import { IRunsSnapshot } from './snapshot';

/**
 * The runs one notebook output shows: its snapshot (never stoppable) until
 * the job's shared model has loaded, then the model's runs. An output of
 * all a job's versions shows all of them (new ones too); an output of a
 * few runs (one TrainingJob, a slice, v2 jobs) shows those, each replaced
 * by the listed run once the model lists it.
 */
export class OutputRuns implements IRunList {
  constructor(
    snapshot: IRunsSnapshot,
    model: VersionsModel | TrainingJobsModel
  ) {
    this.snapshot = snapshot;
    this._model = model;
    model.runsChanged.connect(this._onChanged, this);
  }

  /**
   * What the output's data said.
   */
  readonly snapshot: IRunsSnapshot;

  /**
   * Whether the rows come from the server now (else the snapshot).
   */
  get live(): boolean {
    return this._model.lastUpdated !== null;
  }

  get jobId(): string | null {
    return this._model.jobId;
  }

  get jobName(): string {
    const model = this._model;
    if (model instanceof VersionsModel && model.job) {
      return model.jobName;
    }
    return this.snapshot.jobName || this.snapshot.jobId;
  }

  get runs(): ReadonlyArray<IRun> {
    if (this._runs === null) {
      this._runs = this._compute();
    }
    return this._runs;
  }

  get stale(): boolean {
    return this.live && this._model.stale;
  }

  get clock(): RunClock {
    return this._model.clock;
  }

  get jobChanged(): ISignal<unknown, string | null> {
    return this._model.jobChanged;
  }

  get runsChanged(): ISignal<this, void> {
    return this._runsChanged;
  }

  dispose(): void {
    this._model.runsChanged.disconnect(this._onChanged, this);
    Signal.clearData(this);
  }

  private _compute(): ReadonlyArray<IRun> {
    const { runs, complete, api } = this.snapshot;
    if (!this.live) {
      return runs;
    }
    if (complete && api === 'v1') {
      return this._model.runs;
    }
    return runs.map(run => this._model.findRun(run.id) ?? run);
  }

  private _onChanged(): void {
    this._runs = null;
    this._runsChanged.emit();
  }

  private _model: VersionsModel | TrainingJobsModel;
  private _runs: ReadonlyArray<IRun> | null = null;
  private _runsChanged = new Signal<this, void>(this);
}
