import { LabIcon } from '@jupyterlab/ui-components';

/**
 * Small DOM helpers shared by the widgets: they create nodes and write a
 * value only when it changed, so a refresh touches only what differs.
 */
export namespace DOM {
  /**
   * A new element with a class name and, optionally, text.
   */
  export function create<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    className = '',
    text?: string
  ): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /**
   * A styled input of a type.
   */
  export function input(type: string, className: string): HTMLInputElement {
    const node = create('input', `${className} jp-mod-styled`);
    node.type = type;
    return node;
  }

  /**
   * A button (type "button" unless given) with a class name and text.
   */
  export function button(
    className: string,
    text = '',
    type: 'button' | 'submit' = 'button'
  ): HTMLButtonElement {
    const node = create('button', className, text);
    node.type = type;
    return node;
  }

  /**
   * Set the text of a node unless it already has it.
   */
  export function setText(node: HTMLElement, text: string): void {
    if (node.textContent !== text) {
      node.textContent = text;
    }
  }

  /**
   * Set the tooltip of a node unless it already has it.
   */
  export function setTitle(node: HTMLElement, title: string): void {
    if (node.title !== title) {
      node.title = title;
    }
  }

  /**
   * A decorative icon element, cloned from one rendered once per icon and
   * class (rendering an SVG costs more than the rest of a row).
   */
  export function icon(source: LabIcon, className: string): HTMLElement {
    const key = `${source.name}|${className}`;
    let template = Private.icons.get(key);
    if (!template) {
      template = source.element({ tag: 'span', className });
      template.setAttribute('aria-hidden', 'true');
      Private.icons.set(key, template);
    }
    return template.cloneNode(true) as HTMLElement;
  }

  /**
   * An id unique in the page, for aria references.
   */
  export function uniqueId(prefix: string): string {
    return `${prefix}-${Private.nextId()}`;
  }

  /**
   * Add (or remove) one listener object for several event types.
   */
  export function listen(
    target: EventTarget,
    types: ReadonlyArray<string>,
    listener: EventListenerObject,
    on = true
  ): void {
    for (const type of types) {
      if (on) {
        target.addEventListener(type, listener);
      } else {
        target.removeEventListener(type, listener);
      }
    }
  }

  /**
   * The closest element of a selector from an event target, or null.
   */
  export function closest<T extends HTMLElement>(
    target: EventTarget | null,
    selector: string
  ): T | null {
    return target instanceof Element ? target.closest<T>(selector) : null;
  }
}

namespace Private {
  export const icons = new Map<string, HTMLElement>();
  let counter = 0;

  export function nextId(): number {
    return ++counter;
  }
}
