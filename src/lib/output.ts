/** What the CLI prints: the checklist as a table, the plan, per-operation progress; colours only on a terminal. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
    describeOperation,
    format,
    recordChangeTexts,
    recordChangeText,
    textOfReason,
    withLocale,
    type ChecklistItem,
    type Labels,
    type Operation,
    type PlannedChange,
    type Reason,
    type TextParams,
} from './engine.js';

const SOURCE = fileURLToPath(new URL('../../../config/labels/setup-labels.json', import.meta.url));
let english: Labels | undefined;

/** The tab's English labels (their one source), with the English locale for numbers and plurals. */
export function englishLabels(): Labels {
    english ??= withLocale(
        Object.fromEntries(
            (JSON.parse(fs.readFileSync(SOURCE, 'utf8')) as { labels: [string, string, string][] }).labels.map(
                ([k, en]) => [k, en]
            )
        ),
        'en-US'
    );
    return english;
}

/** English text of a label key, worded as the tab words it (c/setupText: plurals, numbers). */
export function say(key: string, params: TextParams = {}): string {
    return format(englishLabels(), key, params);
}

/** A reason in English, as the tab shows it. */
export function reasonText(reason: Reason): string {
    return textOfReason(englishLabels(), reason);
}

export function operationText(op: Operation): string {
    return reasonText(describeOperation(op));
}

/**
 * A planned change's record changes, one line per action and object, in the tab's words (c/setupText
 * recordChangeText): how many rows, the first rows' links, "and N more".
 */
export function recordChangeLines(change: PlannedChange): string[] {
    return recordChangeTexts(change).map((group) => recordChangeText(englishLabels(), group).text);
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
 * connection, a prerequisite first, rows the load's probe refuses): what the plan leaves out and why. A manual step
 * of the item is named with its Setup page (under `base`, the org's URL). Passing items are not listed.
 */
export function cannotFixLines(items: readonly ChecklistItem[], base = ''): string[] {
    return items.flatMap((item) => {
        if (item.status === 'pass' || item.fix.available) return [];
        const line = `  ${String(item.order).padStart(2)}  ${say(`ui.item.${item.id}`)}: ${reasonText(item.fix.reason)}`;
        const step = item.details.find((d) => d.kind === 'manualStep');
        if (step?.kind !== 'manualStep') return [line];
        const text = reasonText(step.step);
        return [
            line,
            `      ${text === reasonText(item.fix.reason) ? '' : `${text} `}${say('ui.detail.openInSetup')}: ${base}${step.url}`,
        ];
    });
}
