import { Token } from '@lumino/coreutils';
import { PanelModels, WatchesModel } from '../models';

/**
 * What the sidebar's plugin shares with the other plugins of the
 * extension: the app's models (session, settings, stop flows) and the
 * watches.
 */
export interface IModelArtsShared {
  readonly models: PanelModels;
  readonly watches: WatchesModel;
}

/**
 * The token of the shared models (provided by the sidebar's plugin).
 */
export const IModelArtsShared = new Token<IModelArtsShared>(
  'jupyterlab-modelarts:shared',
  "The ModelArts sidebar's models, shared with the notebook outputs."
);
