import { TranslationBundle } from '@jupyterlab/translation';
import { Panel } from '@lumino/widgets';
import { JobSearchModel } from '../../models/jobSearch';
import { SessionModel } from '../../models/session';
import { VersionsModel } from '../../models/versions';
import { JobIdForm } from './JobIdForm';
import { JobSearchBox } from './JobSearchBox';

/**
 * Choose a job: a job-ID field, and a search field listing the user's
 * training jobs (a new-version job picked opens its details, through the
 * search model's `trainingJobPicked`).
 *
 * DOM: `.jp-ModelArts-JobPicker` > `form.jp-ModelArts-jobIdForm` +
 * `.jp-ModelArts-jobSearchBox`.
 */
export class JobPicker extends Panel {
  constructor(options: JobPicker.IOptions) {
    super();
    this.addClass('jp-ModelArts-JobPicker');
    const { versions, search, trans } = options;
    const form = new JobIdForm({ versions, trans });
    const onPick = (jobId: string) => {
      form.showJob(jobId);
      versions.setJob(jobId);
    };
    this.addWidget(form);
    const onPickTrainingJob = (jobId: string) => search.pickTrainingJob(jobId);
    this.addWidget(
      new JobSearchBox({ search, trans, onPick, onPickTrainingJob })
    );
    // It picks v1 jobs: not offered where the cloud serves no v1.
    const session = options.session;
    const render = () => this.setHidden(session?.serves('v1') === false);
    session?.changed.connect(render);
  }
}

export namespace JobPicker {
  export interface IOptions {
    versions: VersionsModel;
    search: JobSearchModel;
    trans: TranslationBundle;
    /**
     * The session: hidden where the cloud serves no v1.
     */
    session?: SessionModel;
  }
}
