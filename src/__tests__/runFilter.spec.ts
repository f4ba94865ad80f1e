/**
 * The run filter (status kind, name text, sort) and its memory per job in a
 * real StateDB; the filter bar rendering it.
 */
import { StateDB } from '@jupyterlab/statedb';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { IRun, Run, RunFilter, VersionsModel } from '../models';
import { FilterBar } from '../widgets/FilterBar';
import { Code, makeVersion } from './fixtures';

const trans = nullTranslator.load('jupyterlab_modelarts');

function runs(): IRun[] {
  return [
    makeVersion(6, Code.RUNNING, { duration: 50 }),
    makeVersion(5, Code.FAILED, { duration: 10, version_name: 'tune-b' }),
    makeVersion(4, Code.COMPLETED, { duration: 90 }),
    makeVersion(3, Code.FAILED, { duration: 30 }),
    makeVersion(2, Code.WAITING, { duration: 0 }),
    makeVersion(1, Code.COMPLETED, { duration: 70 })
  ].map(version =>
    Run.fromVersion({ ...version, name: version.version_name! })
  );
}

const ids = (list: ReadonlyArray<IRun>) => list.map(run => run.id);

describe('RunFilter', () => {
  it('shows every run in the server order by default, as the same array', () => {
    const filter = new RunFilter();
    const all = runs();
    expect(filter.isDefault).toBe(true);
    expect(filter.apply(all)).toBe(all);
  });

  it('filters by status kind and counts each kind', () => {
    const filter = new RunFilter();
    const all = runs();
    const counts = filter.counts(all);
    expect(counts.get('failed')).toBe(2);
    expect(counts.get('completed')).toBe(2);
    expect(counts.get('running')).toBe(1);
    expect(counts.get('canceled')).toBeUndefined();
    const changed = jest.fn();
    filter.changed.connect(changed);
    filter.setKind('failed');
    expect(changed).toHaveBeenCalledTimes(1);
    expect(ids(filter.apply(all))).toEqual(['5', '3']);
    filter.setKind('failed');
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('filters by a name text, ignoring case', () => {
    const filter = new RunFilter();
    filter.setText('  TUNE ');
    expect(filter.text).toBe('TUNE');
    expect(ids(filter.apply(runs()))).toEqual(['5']);
  });

  it('sorts by created, duration and status, both ways', () => {
    const filter = new RunFilter();
    const all = runs();
    filter.setSort('created', 'asc');
    expect(ids(filter.apply(all))).toEqual(['1', '2', '3', '4', '5', '6']);
    filter.setSort('duration');
    expect(ids(filter.apply(all))).toEqual(['4', '1', '6', '3', '5', '2']);
    filter.setSort('duration', 'asc');
    expect(ids(filter.apply(all))).toEqual(['2', '5', '3', '6', '1', '4']);
    // Most urgent first; ties keep the server order (newest first).
    filter.setSort('status');
    expect(ids(filter.apply(all))).toEqual(['6', '2', '5', '3', '4', '1']);
    filter.reset();
    expect(filter.apply(all)).toBe(all);
  });

  it('remembers its state per job in the state database', async () => {
    const state = new StateDB();
    const jobChanged = new Signal<unknown, string | null>({});
    const filter = new RunFilter({ state, jobChanged });
    jobChanged.emit('42');
    await filter.setJob('42');
    filter.setKind('failed');
    filter.setSort('duration', 'asc');
    filter.setText('tune');
    await Promise.resolve();
    jobChanged.emit('43');
    await filter.setJob('43');
    expect(filter.isDefault).toBe(true);
    await filter.setJob('42');
    expect(filter.value).toEqual({
      kind: 'failed',
      text: 'tune',
      sortBy: 'duration',
      order: 'asc'
    });
    expect(RunFilter.parse({ kind: 'nonsense', order: 'up' })).toEqual(
      RunFilter.DEFAULT
    );
    filter.dispose();
  });
});

describe('FilterBar', () => {
  it('counts in the singular when the job has one version', () => {
    const versions = new VersionsModel();
    jest.spyOn(versions, 'runs', 'get').mockReturnValue(runs().slice(0, 1));
    const filter = new RunFilter();
    filter.setText(runs()[0].name);
    const bar = new FilterBar({ filter, versions, trans });
    bar.render();
    expect(
      bar.node.querySelector('.jp-ModelArts-filterStatus')!.textContent
    ).toBe('1 of 1 version shown');
    bar.dispose();
    filter.dispose();
  });

  it('renders counts and writes the choices to the filter', () => {
    const versions = new VersionsModel();
    const all = runs();
    jest.spyOn(versions, 'runs', 'get').mockReturnValue(all);
    const filter = new RunFilter();
    const bar = new FilterBar({ filter, versions, trans });
    Widget.attach(bar, document.body);
    const chip = (kind: string) =>
      bar.node.querySelector<HTMLButtonElement>(
        `.jp-ModelArts-kindChip[data-kind="${kind}"]`
      )!;
    expect(chip('all').textContent).toBe('All 6');
    expect(chip('all').getAttribute('aria-pressed')).toBe('true');
    expect(chip('failed').textContent).toBe('Failed 2');
    expect(chip('canceled').classList.contains('jp-mod-hidden')).toBe(true);
    chip('failed').click();
    expect(filter.kind).toBe('failed');
    bar.render();
    expect(chip('failed').getAttribute('aria-pressed')).toBe('true');
    expect(
      bar.node.querySelector('.jp-ModelArts-filterStatus')!.textContent
    ).toBe('2 of 6 versions shown');
    chip('failed').click();
    expect(filter.kind).toBeNull();
    const name = bar.node.querySelector<HTMLInputElement>(
      '.jp-ModelArts-nameFilter'
    )!;
    name.value = 'zzz';
    name.dispatchEvent(new Event('input'));
    bar.render();
    expect(
      bar.node.querySelector('.jp-ModelArts-filterStatus')!.textContent
    ).toBe('No versions match the filter.');
    const sort = bar.node.querySelector<HTMLSelectElement>(
      '.jp-ModelArts-sortSelect'
    )!;
    sort.value = 'status';
    sort.dispatchEvent(new Event('change'));
    expect(filter.sortBy).toBe('status');
    bar.node
      .querySelector<HTMLButtonElement>('.jp-ModelArts-orderButton')!
      .click();
    expect(filter.order).toBe('asc');
    bar.dispose();
    versions.dispose();
  });
});
