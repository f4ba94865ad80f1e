import {
  ITrainingJob,
  IVersion,
  IVersionSummary,
  StatusKind
} from '../api/contract';

/**
 * How a run's status is shown: the server's name, label and kind (the
 * server's status table is the only one; nothing here maps codes).
 */
export interface IRunStatus {
  /**
   * The upstream's own name of the status, e.g. `JOBSTAT_RUNNING`.
   */
  readonly status_name: string;

  /**
   * The server's English label, translated when shown.
   */
  readonly status_label: string;

  /**
   * The group the status belongs to (badge icon and style, ticking).
   */
  readonly status_kind: StatusKind;
}

/**
 * The engine and resources of a run, for the "Engine / spec" column.
 */
export interface IRunDetails {
  readonly engine: string;
  readonly engineVersion: string;
  readonly spec: string;
  readonly gpuCount: number;
  readonly gpuType: string;
  readonly cpu: string;
  readonly nodes: number;
}

/**
 * The API a run comes from: a version of an old-version (v1) training job,
 * or a new-version (v2) training job (which has no versions: it is a run).
 */
export type RunApi = 'v1' | 'v2';

/**
 * One row of the table: a training run of any API (a v1 job version or a
 * v2 training job). The table, the row, the badge and the stop flow know
 * nothing else.
 */
export interface IRun extends IRunStatus {
  /**
   * Which API the run comes from (wording, and which routes serve it).
   */
  readonly api: RunApi;
  /**
   * The id: a v1 version id as a decimal string (exact beyond 2^53), a v2
   * job's UUID.
   */
  readonly id: string;
  readonly name: string;
  /**
   * Whether the server would send a stop for the run now.
   */
  readonly stoppable: boolean;
  /**
   * Creation time, epoch ms (0 when unknown).
   */
  readonly create_time: number;
  /**
   * Run time at the last refresh, ms.
   */
  readonly duration: number;
  readonly details: IRunDetails;
  /**
   * The record as the server sent it.
   */
  readonly record: Readonly<Record<string, unknown>>;
}

/**
 * Helpers for runs.
 */
export namespace Run {
  /**
   * The run of a v1 training-job version.
   */
  export function fromVersion(version: IVersion): IRun {
    return Private.run('v1', version, {
      engine: Private.text(version.engine_name),
      engineVersion: Private.text(version.engine_version),
      spec: Private.text(version.spec_code),
      gpuCount: Private.count(version.gpu_num),
      gpuType: Private.text(version.gpu_type),
      // The wire carries cpu/core as numbers or strings, depending on the spec.
      cpu: Private.text(version.cpu) || Private.text(version.core),
      nodes: Private.count(version.worker_server_num)
    });
  }

  /**
   * The run of a version in the list's summary view. Its name is its
   * version name (the REST contract's name of a v1 run); the status code's
   * own name comes only with the full record and the pushed changes, and
   * nothing shown in a row needs it (the badge shows the label).
   */
  export function fromSummary(row: IVersionSummary): IRun {
    const name = row.version_name ?? row.id;
    return fromVersion({ ...row, name, status_name: '' } as IVersion);
  }

  /**
   * The run of a v2 training job: the engine, flavor and node count come
   * from the record's `algorithm` and `spec`.
   */
  export function fromTrainingJob(job: ITrainingJob): IRun {
    const engine = Private.field(job, 'algorithm', 'engine');
    const resource = Private.field(job, 'spec', 'resource');
    const flavor = Private.field(resource, 'flavor_detail', 'flavor_info');
    const gpu = Private.field(flavor, 'gpu');
    return Private.run('v2', job, {
      engine: Private.text(engine.engine_name),
      engineVersion: Private.text(engine.engine_version),
      spec: Private.text(resource.flavor_id),
      gpuCount: Private.count(gpu.unit_num),
      gpuType: Private.text(gpu.product_name),
      cpu: Private.text(Private.field(flavor, 'cpu').core_num),
      nodes: Private.count(resource.node_count)
    });
  }

  /**
   * Whether the run's duration grows while time passes.
   */
  export function isTicking(run: IRunStatus): boolean {
    return Private.ACTIVE.has(run.status_kind);
  }

  /**
   * Whether a stop of the run is still settling (the panel refreshes
   * quickly until it is not).
   */
  export function isSettling(run: IRunStatus): boolean {
    return Private.ACTIVE.has(run.status_kind);
  }

  /**
   * `runs` with the fields of changed versions (a pushed change) applied,
   * or null when one of them is not among the runs.
   */
  export function applyChanges(
    runs: ReadonlyArray<IRun>,
    changed: IChanges['versions']
  ): IRun[] | null {
    const byId = new Map(changed.map(version => [version.id, version]));
    if (changed.some(version => !runs.some(run => run.id === version.id))) {
      return null;
    }
    const next = runs.map(run => {
      const version = byId.get(run.id);
      return version
        ? fromVersion({ ...run.record, ...version } as IVersion)
        : run;
    });
    return reuseUnchanged(runs, next);
  }

  /**
   * Changed versions of a job (in the event's summary shape) and its count
   * of versions.
   */
  export interface IChanges {
    version_count: number;
    versions: ReadonlyArray<Partial<IVersion> & { id: string }>;
  }

  /**
   * `next`, with each run whose record equals its previous copy replaced by
   * that copy, so views can skip unchanged rows by identity (a poll returns
   * new objects for all of a job's runs).
   */
  export function reuseUnchanged(
    previous: ReadonlyArray<IRun>,
    next: IRun[]
  ): IRun[] {
    if (previous.length === 0) {
      return next;
    }
    const byId = new Map(previous.map(run => [run.id, run]));
    return next.map(run => {
      const old = byId.get(run.id);
      return old && Private.sameRecord(old.record, run.record) ? old : run;
    });
  }
}

namespace Private {
  /**
   * A run from a row of either API: the fields every row of the REST
   * contract carries, the details read from its record, and the record.
   */
  export function run(
    api: RunApi,
    row: IVersion | ITrainingJob,
    details: IRunDetails
  ): IRun {
    return {
      api,
      id: row.id,
      name: row.name,
      status_name: row.status_name,
      status_label: row.status_label,
      status_kind: row.status_kind,
      stoppable: row.stoppable,
      create_time: row.create_time ?? 0,
      duration: row.duration ?? 0,
      details,
      record: row
    };
  }

  /**
   * The kinds of a run that is still consuming run time.
   */
  export const ACTIVE: ReadonlySet<StatusKind> = new Set<StatusKind>([
    'running',
    'stopping'
  ]);

  export function text(value: unknown): string {
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : '';
  }

  type JsonObject = Readonly<Record<string, unknown>>;

  /**
   * The object at a path of nested fields; an empty one where the path
   * leads to no object (the wire is loose).
   */
  export function field(value: JsonObject, ...path: string[]): JsonObject {
    let node: unknown = value;
    for (const key of path) {
      node =
        typeof node === 'object' && node !== null && !Array.isArray(node)
          ? (node as JsonObject)[key]
          : undefined;
    }
    return typeof node === 'object' && node !== null && !Array.isArray(node)
      ? (node as JsonObject)
      : {};
  }

  export function count(value: unknown): number {
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  }

  /**
   * Whether two copies of a record hold the same values.
   */
  export function sameRecord(
    left: Readonly<Record<string, unknown>>,
    right: Readonly<Record<string, unknown>>
  ): boolean {
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) {
      return false;
    }
    return keys.every(key => {
      const x = left[key];
      const y = right[key];
      // Nested values (parameters, data sources, volumes) are small JSON.
      return (
        x === y ||
        (typeof x === 'object' &&
          typeof y === 'object' &&
          JSON.stringify(x) === JSON.stringify(y))
      );
    });
  }
}
