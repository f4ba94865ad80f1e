import { IRunningSessionManagers, IRunningSessions } from '@jupyterlab/running';
import { Event } from '@jupyterlab/services';
import { Stream } from '@lumino/signaling';
import { ITrainingJob, IVersion } from '../api/contract';
import { WatchesModel } from '../models';

/**
 * Stand-ins for what the live layer gets from JupyterLab: the event stream
 * (pushing the server's events) and the Running sidebar's managers.
 */

/**
 * JupyterLab's event manager, with the server's event pushed by the spec.
 */
export class FakeEvents {
  readonly serverSettings = undefined as never;
  readonly stream = new Stream<Event.IManager, Event.Emission>(
    this as unknown as Event.IManager
  );
  isDisposed = false;
  emit = jest.fn();
  dispose(): void {
    this.isDisposed = true;
  }

  /**
   * The server's event about changed versions of a v1 job.
   */
  push(jobId: string, versions: IVersion[], count = 2) {
    this.stream.emit({
      schema_id: WatchesModel.EVENT_SCHEMA_ID,
      job_id: jobId,
      version_count: count,
      versions: versions as never
    });
  }

  /**
   * The server's event about a v2 job: the job is its one run.
   */
  pushJob(job: ITrainingJob) {
    const { api, id, name, status_name, status_label, status_kind } = job;
    const { stoppable, create_time, duration } = job;
    this.stream.emit({
      schema_id: WatchesModel.EVENT_SCHEMA_ID,
      api: 'v2',
      job_id: id,
      version_count: 1,
      versions: [
        {
          ...{ api, id, name, status_name, status_label, status_kind },
          ...{ stoppable, create_time, duration }
        }
      ] as never
    });
  }
}

/**
 * The Running sidebar's managers, keeping the section added.
 */
export function fakeRunningManagers(): {
  managers: IRunningSessionManagers;
  section: () => IRunningSessions.IManager;
} {
  let manager: IRunningSessions.IManager | null = null;
  const managers = {
    add: (added: IRunningSessions.IManager) => {
      manager = added;
      return { isDisposed: false, dispose: () => undefined };
    }
  } as unknown as IRunningSessionManagers;
  return { managers, section: () => manager! };
}
