import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { getTrainingJob } from './api/trainingJobs';
import {
  LogPreviewModel,
  Run,
  RunClock,
  RunDetailsModel,
  TrainingJobsModel
} from './models';
import { LogPreviewView } from './widgets/details/LogPreviewView';

/**
 * The details of a new-version (v2) training job: the same details model
 * and view as a version's, reading the job itself, with its log preview in
 * the logs section.
 */
export namespace TrainingJobDetails {
  export interface IOptions {
    /**
     * The job's UUID.
     */
    jobId: string;
    trans: TranslationBundle;
    serverSettings?: ServerConnection.ISettings;
    /**
     * The clock of the jobs table (durations never go backwards).
     */
    clock?: RunClock;
    /**
     * Seconds between refreshes while the job runs.
     */
    interval?: number;
  }

  /**
   * The details model of a v2 job and its log preview (following the job's
   * tasks and phase).
   */
  export function create(options: IOptions): {
    model: RunDetailsModel;
    logs: LogPreviewView;
  } {
    const { jobId, serverSettings } = options;
    const model = new RunDetailsModel({
      api: 'v2',
      jobId: TrainingJobsModel.SCOPE,
      runId: jobId,
      jobName: '',
      clock: options.clock,
      interval: options.interval,
      serverSettings,
      read: () =>
        getTrainingJob(jobId, serverSettings).then(Run.fromTrainingJob)
    });
    const preview = new LogPreviewModel({
      jobId,
      serverSettings,
      interval: options.interval
    });
    model.changed.connect(() => preview.setRun(model.run));
    return { model, logs: new LogPreviewView(preview, options.trans) };
  }
}
