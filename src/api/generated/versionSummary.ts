/**
 * Generated from jupyterlab_modelarts/openapi.json by tools/contract/generate.mjs: do not edit;
 * run `jlpm contract`.
 */

import { StatusKind } from './answers';

/**
 * A version in the summary shape (view=summary): the fields a row shows, at most 300 bytes. id is the version id as a decimal string (exact where a JSON number is not, beyond 2^53). The watch events' versions carry these plus name and status_name.
 */
export interface IVersionSummary {
  /**
   * The version id as a decimal string (the run id).
   */
  id: string;
  version_id: number;
  version_name: string | null;
  /**
   * ModelArts status code (0-22).
   */
  status: number;
  /**
   * e.g. Running.
   */
  status_label: string;
  status_kind: StatusKind;
  /**
   * True when the stop route would send a stop (from the status table: the documented stoppable status, Running).
   */
  stoppable: boolean;
  create_time: number | null;
  duration: number | null;
  engine_name: string | null;
  engine_version: string | null;
  spec_code: string | null;
}

/**
 * GET …/versions?view=summary: the job fields and every version in the summary shape, newest first.
 */
export interface IVersionSummaryList {
  job_id: number;
  job_name: string;
  job_desc: string;
  version_count: number;
  versions: Array<IVersionSummary>;
}
