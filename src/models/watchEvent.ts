import { Event } from '@jupyterlab/services';
import { IVersion } from '../api/contract';
import { RunApi } from './run';

/**
 * The server's event about a watched job (event_schemas/versions_changed.json):
 * the changed runs of a v1 job (its versions), or of a v2 job (`api: 'v2'`:
 * the job itself, its one run).
 */
export namespace WatchEvent {
  /**
   * The `schema_id` of the server's event.
   */
  export const SCHEMA_ID =
    'https://events.jupyter.org/jupyterlab_modelarts/versions_changed/v1';

  /**
   * A changed run as the event carries it (the summary shape).
   */
  export type IRunSummary = Pick<
    IVersion,
    | 'id'
    | 'name'
    | 'version_id'
    | 'version_name'
    | 'status'
    | 'status_name'
    | 'status_label'
    | 'status_kind'
    | 'stoppable'
    | 'create_time'
    | 'duration'
  >;

  /**
   * The data of the event.
   */
  export interface IChange {
    /**
     * The API of the job: v2 for a new-version job (the event's `api`).
     */
    api: RunApi;
    /**
     * The job id: a v1 job's decimal id, a v2 job's UUID.
     */
    job_id: string;
    version_count: number;
    versions: IRunSummary[];
  }

  /**
   * The change an event carries, or null if it is not one of ours (or not
   * of the expected shape).
   */
  export function parse(emission: Event.Emission): IChange | null {
    const { api, job_id, version_count, versions } = emission as Record<
      string,
      unknown
    >;
    if (
      emission.schema_id !== SCHEMA_ID ||
      typeof job_id !== 'string' ||
      typeof version_count !== 'number' ||
      !Array.isArray(versions)
    ) {
      return null;
    }
    const valid = versions.filter(
      (v): v is IRunSummary =>
        typeof v === 'object' &&
        v !== null &&
        typeof v.id === 'string' &&
        typeof v.status_kind === 'string'
    );
    return {
      api: api === 'v2' ? 'v2' : 'v1',
      job_id,
      version_count,
      versions: valid
    };
  }
}
