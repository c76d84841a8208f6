/** Helpers for the setup tab's tests: mounting, waiting, and reaching into child components. */
import { createElement } from 'lwc';
import SimplyChatSetup from 'c/simplyChatSetup';

export function flush(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function settle(times = 4): Promise<void> {
    for (let i = 0; i < times; i++) await flush();
}

export function mount(): HTMLElement {
    const element = createElement('c-simply-chat-setup', { is: SimplyChatSetup });
    document.body.appendChild(element);
    return element;
}

export function reset(): void {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
}

export function q(root: Element | null | undefined, selector: string): HTMLElement | null {
    return (root?.shadowRoot?.querySelector(selector) as HTMLElement | null) ?? null;
}

export function qa(root: Element | null | undefined, selector: string): HTMLElement[] {
    return Array.from(root?.shadowRoot?.querySelectorAll(selector) ?? []) as HTMLElement[];
}

/** The checklist rows, each with its item id. */
export function rows(element: HTMLElement): HTMLElement[] {
    return qa(element, 'c-setup-checklist-row');
}

export function row(element: HTMLElement, id: string): HTMLElement {
    const found = rows(element).find((r) => q(r, `[data-id="${id}"]`) !== null);
    if (!found) throw new Error(`no row ${id}`);
    return found;
}

export function text(node: Element | null): string {
    return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
