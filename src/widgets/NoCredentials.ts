import { TranslationBundle } from '@jupyterlab/translation';
import { IDoctor, ISession } from '../api/contract';
import { DOM } from './dom';

/**
 * What the status banner says when the server found no credentials: the
 * doctor's one thing to do next, its steps each marked OK or failed, and
 * the command that explains them in a terminal; without the doctor (an
 * older server), the sources tried.
 *
 * DOM: `p.jp-ModelArts-nextStep`, `ol.jp-ModelArts-doctorSteps` >
 * `li.jp-ModelArts-doctorStep[data-ok]` (`.jp-ModelArts-doctorMark` +
 * `strong` step + outcome), `p.jp-ModelArts-doctorCommand` > `code`;
 * else `ul.jp-ModelArts-sourcesTried` > `li[data-source]`.
 */
export namespace NoCredentials {
  /**
   * The banner's lines for a session without credentials (no retry button).
   */
  export function content(
    session: ISession | null,
    trans: TranslationBundle
  ): Node[] {
    const nodes: Node[] = [
      DOM.create(
        'p',
        'jp-ModelArts-errorMessage',
        trans.__('No ModelArts credentials were found.')
      )
    ];
    if (session?.doctor) {
      return nodes.concat(doctorLines(session.doctor, trans));
    }
    const tried = session?.sources_tried ?? [];
    if (session?.error && !tried.length) {
      // The server's summary repeats the sources, so it is shown only alone.
      nodes.push(DOM.create('p', 'jp-ModelArts-errorDetail', session.error));
    }
    if (tried.length) {
      nodes.push(DOM.create('p', '', trans.__('Sources tried:')));
      const list = DOM.create('ul', 'jp-ModelArts-sourcesTried');
      for (const source of tried) {
        const item = DOM.create('li');
        item.dataset.source = source.name;
        item.append(
          DOM.create('strong', '', source.name),
          document.createTextNode(`: ${source.reason}`)
        );
        list.appendChild(item);
      }
      nodes.push(list);
    }
    return nodes;
  }

  /**
   * The doctor's lines: the next step, the steps, the command.
   */
  export function doctorLines(
    doctor: IDoctor,
    trans: TranslationBundle
  ): Node[] {
    const nodes: Node[] = [
      DOM.create('p', 'jp-ModelArts-nextStep', doctor.next_step)
    ];
    if (doctor.steps.length) {
      const list = DOM.create('ol', 'jp-ModelArts-doctorSteps');
      list.setAttribute('aria-label', trans.__('What the server tried'));
      for (const step of doctor.steps) {
        const item = DOM.create('li', 'jp-ModelArts-doctorStep');
        item.dataset.ok = String(step.ok);
        item.append(
          DOM.create(
            'span',
            'jp-ModelArts-doctorMark',
            step.ok ? trans.__('OK') : trans.__('failed')
          ),
          document.createTextNode(' '),
          DOM.create('strong', '', step.step),
          document.createTextNode(`: ${step.outcome}`)
        );
        list.appendChild(item);
      }
      nodes.push(list);
    }
    nodes.push(Private.commandLine(doctor.command, trans));
    return nodes;
  }
}

namespace Private {
  /**
   * "Run <code>command</code> in a terminal for details." with the command
   * as code wherever the translation puts it.
   */
  export function commandLine(command: string, trans: TranslationBundle): Node {
    const marker = '\u0001';
    const parts = trans
      .__('Run %1 in a terminal for details.', marker)
      .split(marker);
    const line = DOM.create('p', 'jp-ModelArts-doctorCommand');
    parts.forEach((part, index) => {
      if (index > 0) {
        line.appendChild(DOM.create('code', '', command));
      }
      line.appendChild(document.createTextNode(part));
    });
    return line;
  }
}
