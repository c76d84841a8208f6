/** What the CLI prints: the checklist as a table, the plan, per-operation progress; colours only on a terminal. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
    describeOperation,
    type ChecklistItem,
    type Operation,
    type Reason,
} from '../../../force-app/main/default/lwc/setupEngine/setupEngine.js';

const SOURCE = fileURLToPath(new URL('../../../../config/labels/setup-labels.json', import.meta.url));
let english: Record<string, string> | undefined;

/** English text of a label key (the tab's own labels, from their one source). */
export function say(key: string, params: Readonly<Record<string, string | number>> = {}): string {
    english ??= Object.fromEntries(
        (JSON.parse(fs.readFileSync(SOURCE, 'utf8')) as { labels: [string, string, string][] }).labels.map(
            ([k, en]) => [k, en]
        )
    );
    const template = english[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function reasonText(reason: Reason): string {
    const params = { ...reason.params };
    if (typeof params.items === 'string')
        params.items = params.items
            .split(',')
            .filter((i) => i)
            .map((i) => say(`ui.item.${i}`))
            .join(', ');
    return say(reason.key, params);
}

export function operationText(op: Operation): string {
    return reasonText(describeOperation(op));
}

export interface Style {
    color: boolean;
}

const CODES = { green: 32, red: 31, yellow: 33, grey: 90, bold: 1 } as const;
export function paint(style: Style, code: keyof typeof CODES, text: string): string {
    return style.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
}

const MARKS: Record<ChecklistItem['status'], [string, keyof typeof CODES]> = {
    pass: ['PASS', 'green'],
    fail: ['FAIL', 'red'],
    warning: ['WARN', 'yellow'],
    blocked: ['WAIT', 'grey'],
    unknown: ['????', 'grey'],
};

export function checklistTable(items: readonly ChecklistItem[], style: Style): string {
    const width = Math.max(...items.map((i) => say(`ui.item.${i.id}`).length));
    const lines = items.map((item) => {
        const [mark, color] = MARKS[item.status];
        return ` ${String(item.order).padStart(2)}  ${paint(style, color, mark)}  ${say(`ui.item.${item.id}`).padEnd(width)}  ${reasonText(item.reason)}`;
    });
    const ready = items.filter((i) => i.status === 'pass').length;
    return [...lines, '', paint(style, 'bold', say('ui.progress', { ready, total: items.length }))].join('\n');
}

/**
 * The items this user cannot fix, each with the engine's reason (fixAvailability: missing permissions, the API
 * connection, a prerequisite first): what the plan leaves out and why. Passing items are not listed.
 */
export function cannotFixLines(items: readonly ChecklistItem[]): string[] {
    return items.flatMap((item) =>
        item.status === 'pass' || item.fix.available
            ? []
            : [`  ${String(item.order).padStart(2)}  ${say(`ui.item.${item.id}`)}: ${reasonText(item.fix.reason)}`]
    );
}
