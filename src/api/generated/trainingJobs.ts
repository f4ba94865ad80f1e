/**
 * Generated from jupyterlab_modelarts/openapi.json by tools/contract/generate.mjs: do not edit;
 * run `jlpm contract`.
 */

import { StatusKind } from './answers';

/**
 * A new-version training job as a run: every upstream field (kind, metadata, status, algorithm, spec, ...) as ModelArts sent it, plus the run fields.
 */
export interface ITrainingJob {
  /**
   * Which API the run comes from.
   */
  api: 'v2';
  /**
   * metadata.id; the run's id.
   */
  id: string;
  /**
   * metadata.name; the run's name.
   */
  name: string;
  /**
   * status.phase as ModelArts sent it (unknown phases verbatim).
   */
  status_name: string;
  /**
   * e.g. Running, Stopping, Stopped.
   */
  status_label: string;
  status_kind: StatusKind;
  /**
   * True when the stop route would send a terminate (phase Creating, Pending or Running).
   */
  stoppable: boolean;
  /**
   * True when the phase is final (Failed, Completed, Terminated, Abnormal): stop polling, notify.
   */
  terminal: boolean;
  /**
   * metadata.create_time, epoch ms.
   */
  create_time: number | null;
  /**
   * status.start_time, epoch ms (0 before it ran).
   */
  start_time: number | null;
  /**
   * status.duration, ms.
   */
  duration: number | null;
  kind: string;
  metadata: unknown;
  /**
   * phase, secondary_phase, duration, start_time, tasks (the log task ids), ...
   */
  status: unknown;
  /**
   * Any other upstream field, as ModelArts sent it.
   */
  [field: string]: unknown;
}

export interface ITrainingJobList {
  /**
   * All the project's v2 jobs (unfiltered), as ModelArts counts them.
   */
  total: number | null;
  offset: number;
  limit: number;
  /**
   * True when rows exist after this window.
   */
  has_more: boolean;
  items: Array<ITrainingJob>;
}

export interface ILogPreview {
  task_id: string;
  /**
   * The log, or its latest 5 MB.
   */
  content: string;
  /**
   * Bytes returned.
   */
  current_size: number;
  /**
   * Bytes of the whole log.
   */
  full_size: number;
  /**
   * False before the task has written any log.
   */
  ready: boolean;
}
