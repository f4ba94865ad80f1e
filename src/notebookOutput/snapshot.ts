import {
  ID_PATTERN,
  ITrainingJob,
  IVersion,
  StatusKind
} from '../api/contract';
import { IRun, Run, RunApi } from '../models/run';

/**
 * The MIME type of the runs an SDK call returned in a notebook
 * (jupyterlab_modelarts/sdk_display.py writes it).
 */
export const RUNS_MIME = 'application/vnd.jupyterlab-modelarts.runs+json';

/**
 * What a notebook output says it shows, checked: the data comes from a
 * file anyone may have written, so every id passes the id rule and every
 * row is rebuilt from known fields. Its runs are never stoppable: a stop
 * acts only on runs the server has just listed.
 */
export interface IRunsSnapshot {
  readonly api: RunApi;
  /**
   * The v1 job id ('' for v2 jobs, which are runs themselves).
   */
  readonly jobId: string;
  readonly jobName: string;
  /**
   * When the rows were read (epoch ms; 0 when unknown).
   */
  readonly readAt: number;
  /**
   * Whether the rows are all the job's versions (else a chosen few).
   */
  readonly complete: boolean;
  readonly runs: ReadonlyArray<IRun>;
}

/**
 * Helpers for the runs of a notebook output.
 */
export namespace RunsSnapshot {
  /**
   * The v2 job id syntax (a UUID, as client/ids.py checks it).
   */
  export const UUID_PATTERN =
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  /**
   * Whether `id` is the id of a run of `api` (v1: decimal digits, v2: a
   * lower-case UUID).
   */
  export function isRunId(api: RunApi, id: unknown): id is string {
    return (
      typeof id === 'string' &&
      (api === 'v1' ? ID_PATTERN.test(id) : UUID_PATTERN.test(id))
    );
  }

  /**
   * The checked snapshot of an output's data, or null when it is not one.
   */
  export function parse(data: unknown): IRunsSnapshot | null {
    if (!Private.isObject(data) || (data.api !== 'v1' && data.api !== 'v2')) {
      return null;
    }
    const api: RunApi = data.api;
    const jobId = api === 'v1' ? data.job_id : '';
    if (api === 'v1' && !isRunId('v1', jobId)) {
      return null;
    }
    const rows = Array.isArray(data.rows) ? data.rows : [];
    const runs = rows
      .map(row => frozenRun(api, row))
      .filter((run): run is IRun => run !== null);
    return {
      api,
      jobId: jobId as string,
      jobName: Private.text(data.job_name),
      readAt: Private.count(data.read_at),
      complete: data.complete === true,
      runs
    };
  }

  /**
   * A row of the data as a run that cannot be stopped, or null when its id
   * breaks the rule.
   */
  export function frozenRun(api: RunApi, row: unknown): IRun | null {
    if (!Private.isObject(row) || !isRunId(api, row.id)) {
      return null;
    }
    const fields = {
      id: row.id,
      name: Private.text(row.name),
      status: Private.count(row.status),
      status_name: Private.text(row.status_name),
      status_label: Private.text(row.status_label) || 'Unknown',
      status_kind: Private.kind(row.status_kind),
      stoppable: false,
      create_time: Private.count(row.create_time),
      duration: Private.count(row.duration)
    };
    return api === 'v1'
      ? Run.fromVersion({
          ...fields,
          version_id: row.id,
          version_name: fields.name,
          engine_name: Private.text(row.engine_name),
          engine_version: Private.text(row.engine_version),
          spec_code: Private.text(row.spec_code)
        } as unknown as IVersion)
      : Run.fromTrainingJob({ ...fields, api } as unknown as ITrainingJob);
  }
}

namespace Private {
  const KINDS: ReadonlyArray<StatusKind> = [
    'pending',
    'running',
    'stopping',
    'completed',
    'failed',
    'canceled',
    'unknown'
  ];

  export function kind(value: unknown): StatusKind {
    return KINDS.find(k => k === value) ?? 'unknown';
  }

  export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  export function text(value: unknown): string {
    return typeof value === 'string' ? value : '';
  }

  export function count(value: unknown): number {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? value
      : 0;
  }
}
