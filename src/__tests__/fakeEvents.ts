import { Event } from '@jupyterlab/services';
import { Stream } from '@lumino/signaling';
import { WatchesModel } from '../models';
import { makeVersion } from './fixtures';

/**
 * A stand-in for JupyterLab's event manager: its stream, and `push` to
 * emit a versions-changed event as the server's watcher does.
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
  push(jobId: string, versions: ReturnType<typeof makeVersion>[], count = 2) {
    this.stream.emit({
      schema_id: WatchesModel.EVENT_SCHEMA_ID,
      job_id: jobId,
      version_count: count,
      versions: versions as never
    });
  }
}
