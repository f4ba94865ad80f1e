import { ITranslator } from '@jupyterlab/translation';
import {
  homeIcon,
  refreshIcon,
  SidePanel,
  Toolbar,
  ToolbarButton
} from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Poll } from '@lumino/polling';
import { Panel, Widget } from '@lumino/widgets';
import { modelartsIcon } from '../icons';
import { PanelModels, WatchList } from '../models';
import { FilterBar } from './FilterBar';
import { HomeView } from './HomeView';
import { JobHeader } from './JobHeader';
import { JobPicker } from './picker/JobPicker';
import { SessionFooter } from './SessionFooter';
import { StatusBanner } from './StatusBanner';
import { TrainingJobsView } from './TrainingJobsView';
import { RunsTable } from './table/RunsTable';
import { UpdatedStamp } from './UpdatedStamp';

/**
 * The "ModelArts training versions" side panel. It tells the models when it
 * is shown or hidden and runs a one-second clock for the durations of
 * running versions and the "updated N s ago" stamp; all data comes from the
 * models. With no job chosen it shows the home view (the user's jobs); the
 * toolbar's home button goes back there.
 */
export class VersionsPanel extends SidePanel {
  constructor(options: VersionsPanel.IOptions) {
    super({ translator: options.translator, content: new Panel() });
    const trans = options.translator.load('jupyterlab_modelarts');
    const models = (this.models = options.models);
    const { versions, session, selection, stops, search, filter, home } =
      models;
    this.addClass('jp-ModelArts-Panel');
    this.title.icon = modelartsIcon;
    this.title.caption = trans.__('ModelArts training versions');

    const heading = new Widget({ node: document.createElement('h2') });
    heading.addClass('jp-ModelArts-title');
    heading.node.textContent = trans.__('ModelArts training versions');
    this.header.addWidget(heading);

    this._stamp = new UpdatedStamp({ versions, trans });
    this.home = new HomeView({
      home,
      versions,
      session,
      running: models.homeRunning,
      trans
    });
    this.trainingJobs = new TrainingJobsView({
      jobs: models.trainingJobs,
      selection: models.trainingJobSelection,
      stops: models.trainingJobStops,
      versions,
      session,
      trans
    });
    const refresh = new ToolbarButton({
      icon: refreshIcon,
      className: 'jp-ModelArts-refreshButton',
      tooltip: trans.__('Refresh versions'),
      onClick: () => {
        if (versions.jobId === null) {
          this.home.load(true);
          void models.trainingJobs.refresh();
        } else {
          void versions.refresh();
        }
      }
    });
    const back = new ToolbarButton({
      icon: homeIcon,
      className: 'jp-ModelArts-homeButton',
      tooltip: trans.__('All training jobs'),
      onClick: () => void versions.setJob(null)
    });
    this.toolbar.addItem('home', back);
    this.toolbar.addItem('refresh', refresh);
    this.toolbar.addItem('spacer', Toolbar.createSpacerItem());
    this.toolbar.addItem('updated', this._stamp);

    this.table = new RunsTable({
      versions,
      selection,
      stops,
      filter,
      trans,
      watches: options.watches
    });
    this.table.addClass('jp-ModelArts-jobRuns');
    const parts = [
      new JobPicker({ versions, search, session, trans }),
      new JobHeader({ versions, trans }),
      new StatusBanner({ versions, session, trans }),
      this.trainingJobs,
      this.home,
      new FilterBar({ filter, versions, trans }),
      this.table,
      new SessionFooter({ session, trans })
    ];
    for (const part of parts) {
      this.addWidget(part);
    }
    this._clock = new Poll({
      auto: false,
      factory: () => this._tick(),
      frequency: { interval: VersionsPanel.CLOCK_INTERVAL, backoff: false },
      name: 'jupyterlab-modelarts:clock',
      standby: 'when-hidden'
    });
  }

  /**
   * The models rendered by the panel.
   */
  readonly models: PanelModels;

  /**
   * The runs table.
   */
  readonly table: RunsTable;

  /**
   * The list of jobs shown while no job is chosen.
   */
  readonly home: HomeView;

  /**
   * The new-version training jobs shown while no job is chosen.
   */
  readonly trainingJobs: TrainingJobsView;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._clock.dispose();
    this.models.versions.refresher.setVisible(false);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._setShown(this.isVisible);
  }

  protected onBeforeDetach(msg: Message): void {
    this._setShown(false);
    super.onBeforeDetach(msg);
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._setShown(true);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._setShown(false);
  }

  protected onActivateRequest(msg: Message): void {
    super.onActivateRequest(msg);
    const input = this.node.querySelector<HTMLInputElement>(
      '.jp-ModelArts-jobIdInput'
    );
    if (this.models.versions.runs.length) {
      this.table.focusSelected();
    } else {
      input?.focus();
    }
  }

  private _setShown(shown: boolean): void {
    this.models.versions.refresher.setVisible(shown);
    if (shown) {
      this.home.load();
      void this._clock.start();
    } else {
      void this._clock.stop();
    }
  }

  private async _tick(): Promise<void> {
    const now = Date.now();
    this.table.tick(now);
    this.trainingJobs.tick(now);
    this._stamp.render(now);
  }

  private _clock: Poll;
  private _stamp: UpdatedStamp;
}

export namespace VersionsPanel {
  /**
   * The tick of the clock of durations and the "updated" stamp (ms).
   */
  export const CLOCK_INTERVAL = 1000;

  export interface IOptions {
    models: PanelModels;
    translator: ITranslator;
    /**
     * The watched versions (the rows' bells).
     */
    watches?: WatchList;
  }
}
