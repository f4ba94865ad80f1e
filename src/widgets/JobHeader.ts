import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { VersionsModel } from '../models/versions';
import { DOM } from './dom';

/**
 * The chosen job's name, id and version count.
 *
 * DOM: `div.jp-ModelArts-JobHeader` > `h3.jp-ModelArts-jobName` +
 * `span.jp-ModelArts-versionCount`.
 */
export class JobHeader extends Widget {
  constructor(options: JobHeader.IOptions) {
    super();
    this._model = options.versions;
    this._trans = options.trans;
    this.addClass('jp-ModelArts-JobHeader');
    this._name = DOM.create('h3', 'jp-ModelArts-jobName');
    this._count = DOM.create('span', 'jp-ModelArts-versionCount');
    this.node.append(this._name, this._count);
    this._model.runsChanged.connect(this.update, this);
    this.render();
  }

  render(): void {
    const model = this._model;
    const job = model.job;
    this.setHidden(model.jobId === null);
    const name = job?.job_name || this._trans.__('Job %1', model.jobId ?? '');
    const count = job
      ? this._trans._n(
          '%1 version · job %2',
          '%1 versions · job %2',
          job.version_count,
          model.jobId ?? ''
        )
      : '';
    DOM.setText(this._name, name);
    DOM.setTitle(this._name, job?.job_desc ?? '');
    DOM.setText(this._count, count);
  }

  protected onUpdateRequest(): void {
    this.render();
  }

  private _count: HTMLSpanElement;
  private _model: VersionsModel;
  private _name: HTMLHeadingElement;
  private _trans: TranslationBundle;
}

export namespace JobHeader {
  export interface IOptions {
    versions: VersionsModel;
    trans: TranslationBundle;
  }
}
