import { esc } from './dom.js';

export interface ComboOption {
  id: string;
  label: string;
  detail?: string;
}

export interface ComboboxOptions {
  id: string;
  label: string;
  placeholder?: string;
  /** Suggestions for the typed text (called debounced; earlier calls are aborted). */
  suggest(text: string, signal: AbortSignal): Promise<ComboOption[]> | ComboOption[];
  onSelect(option: ComboOption): void;
  initial?: ComboOption | null;
}

export interface Combobox {
  element: HTMLElement;
  input: HTMLInputElement;
  selected(): ComboOption | null;
  set(option: ComboOption | null): void;
}

/**
 * An autocomplete input following the WAI-ARIA combobox pattern (list popup, arrow keys, Enter, Escape),
 * so it works by keyboard and is announced by screen readers.
 */
export function combobox(options: ComboboxOptions): Combobox {
  const element = document.createElement('div');
  element.className = 'combo';
  const listId = `${options.id}-list`;
  element.innerHTML = `
    <label for="${esc(options.id)}">${esc(options.label)}</label>
    <input id="${esc(options.id)}" type="text" role="combobox" autocomplete="off" spellcheck="false"
      aria-autocomplete="list" aria-expanded="false" aria-controls="${esc(listId)}"
      placeholder="${esc(options.placeholder ?? '')}" />
    <ul id="${esc(listId)}" role="listbox" aria-label="${esc(options.label)} suggestions" hidden></ul>`;
  const input = element.querySelector('input')!;
  const list = element.querySelector('ul')!;
  let current: ComboOption | null = options.initial ?? null;
  let shown: ComboOption[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | undefined;
  if (current) input.value = current.label;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${index}`);
      list.children[index]?.scrollIntoView({ block: 'nearest' });
    }
  };
  const open = (items: ComboOption[]) => {
    shown = items;
    list.innerHTML = items
      .map(
        (o, i) =>
          `<li id="${esc(listId)}-${i}" role="option" aria-selected="false" data-index="${i}">${esc(o.label)}${
            o.detail ? `<small>${esc(o.detail)}</small>` : ''
          }</li>`,
      )
      .join('');
    if (items.length === 0) {
      list.innerHTML = '<li role="option" aria-disabled="true" aria-selected="false">No match</li>';
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(items.length > 0 ? 0 : -1);
  };
  const choose = (index: number) => {
    const option = shown[index];
    if (!option) return;
    current = option;
    input.value = option.label;
    close();
    options.onSelect(option);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return close();
    timer = setTimeout(async () => {
      pending?.abort();
      pending = new AbortController();
      const signal = pending.signal;
      try {
        const items = await options.suggest(text, signal);
        if (!signal.aborted && input.value.trim() === text) open(items);
      } catch (error) {
        if (!signal.aborted) console.warn('suggestions failed', error);
      }
    }, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight(Math.max(0, Math.min(shown.length - 1, active + step)));
    } else if (event.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const li = (event.target as HTMLElement).closest('li[data-index]');
    if (li) choose(Number(li.getAttribute('data-index')));
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  return {
    element,
    input,
    selected: () => current,
    set(option) {
      current = option;
      input.value = option?.label ?? '';
    },
  };
}
