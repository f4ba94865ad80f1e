import { TranslationBundle } from '@jupyterlab/translation';
import { DOM } from '../dom';

/**
 * The columns of the runs table, in order; each names its cells'
 * `jp-ModelArts-cell-<part>` class.
 */
export const COLUMNS = [
  'name',
  'id',
  'status',
  'created',
  'duration',
  'engine',
  'actions'
] as const;

/**
 * One column of the runs table.
 */
export type Column = (typeof COLUMNS)[number];

/**
 * What a table's runs are called: the table's label and the name column's
 * heading (default: versions of a training job).
 */
export interface ITableNames {
  table: string;
  name: string;
}

/**
 * The table of runs, with its head and an empty body.
 */
export function createTable(
  trans: TranslationBundle,
  names?: ITableNames
): HTMLTableElement {
  const table = DOM.create('table', 'jp-ModelArts-table');
  table.setAttribute('role', 'grid');
  table.setAttribute(
    'aria-label',
    names?.table ?? trans.__('Training job versions')
  );
  table.append(createHead(trans, names), DOM.create('tbody'));
  return table;
}

/**
 * The table head.
 */
function createHead(
  trans: TranslationBundle,
  names?: ITableNames
): HTMLTableSectionElement {
  const labels: Record<Column, string> = {
    name: names?.name ?? trans.__('Version'),
    id: trans.__('ID'),
    status: trans.__('Status'),
    created: trans.__('Created'),
    duration: trans.__('Duration'),
    engine: trans.__('Engine / spec'),
    actions: trans.__('Actions')
  };
  const head = DOM.create('thead');
  const row = DOM.create('tr');
  row.setAttribute('aria-rowindex', '1');
  for (const part of COLUMNS) {
    const cell = DOM.create('th', `jp-ModelArts-cell-${part}`, labels[part]);
    cell.scope = 'col';
    row.appendChild(cell);
  }
  head.appendChild(row);
  return head;
}
