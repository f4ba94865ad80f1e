import { LabIcon } from '@jupyterlab/ui-components';
import modelartsSvg from '../style/icons/modelarts.svg';

/**
 * The icon of the ModelArts training versions panel.
 */
export const modelartsIcon = new LabIcon({
  name: 'jupyterlab-modelarts:modelarts',
  svgstr: modelartsSvg
});
