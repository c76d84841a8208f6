/**
 * Checking many orgs at once, for installers who look after a fleet: which orgs an `--target-org` list or alias
 * pattern names, running their checks a few at a time, and the results as a table, JSON, CSV or JUnit XML (one test
 * case per org and item) for CI drift reports. The verdicts are the engine's (evaluate); this only gathers them.
 */
import type { ChecklistItem } from './engine.js';
import { reasonText, say } from './output.js';

export const RESULT_FORMATS = ['human', 'json', 'csv', 'junit'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** One org's check: its items, or the error that stopped it, and the exit code it alone would have. */
export interface OrgCheck {
    /** The org as named on the command line (alias or username). */
    target: string;
    username: string | null;
    orgId: string | null;
    code: number;
    ready: boolean;
    items: readonly ChecklistItem[];
    error: { name: string; message: string } | null;
}

/** A glob of alias names: `*` any run of characters, `?` one; every other character stands for itself. */
export function aliasPattern(glob: string): RegExp {
    const body = glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${body}$`, 'i');
}

export const isPattern = (value: string): boolean => /[*?]/.test(value);

/**
 * The orgs the values name, in order and once each: an alias or username as given, a pattern as every alias that
 * matches it (sorted). `unmatched` lists the patterns no alias matches.
 */
export function expandTargets(
    values: readonly string[],
    aliases: Readonly<Record<string, string>>
): { targets: string[]; unmatched: string[] } {
    const targets: string[] = [];
    const unmatched: string[] = [];
    for (const value of values) {
        const names = isPattern(value)
            ? Object.keys(aliases)
                  .filter((alias) => aliasPattern(value).test(alias))
                  .sort()
            : [value];
        if (names.length === 0) unmatched.push(value);
        for (const name of names) if (!targets.includes(name)) targets.push(name);
    }
    return { targets, unmatched };
}

/** Runs `work` over the items with at most `limit` in flight; results in the items' order. */
export async function limited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const lane = async (): Promise<void> => {
        while (next < items.length) {
            const at = next++;
            results[at] = await work(items[at]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
    return results;
}

/** The fleet's exit code: the worst of the orgs' (4 network, 3 login, 2 usage, 1 not ready, 0 ready). */
export function worstCode(codes: readonly number[]): number {
    const rank = [0, 1, 2, 3, 4];
    return codes.reduce((worst, code) => (rank.indexOf(code) > rank.indexOf(worst) ? code : worst), 0);
}

const passing = (items: readonly ChecklistItem[]): number => items.filter((i) => i.status === 'pass').length;

/** One row per org: the org, its exit code, how many items pass, and the first item not passing or the error. */
export function fleetTable(checks: readonly OrgCheck[]): string {
    const rows = checks.map((c) => [
        c.target,
        String(c.code),
        c.error ? '-' : `${passing(c.items)}/${c.items.length}`,
        c.error
            ? `${c.error.name}: ${c.error.message}`
            : (() => {
                  const first = c.items.find((i) => i.status !== 'pass');
                  return first ? `${say(`ui.item.${first.id}`)}: ${reasonText(first.reason)}` : 'ready';
              })(),
    ]);
    const header = ['ORG', 'EXIT', 'PASS', 'FIRST PROBLEM'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]): string =>
        cells
            .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
            .join('  ')
            .trimEnd();
    return [line(header), ...rows.map(line)].join('\n');
}

/** A CSV cell: quoted when needed; a leading =, +, - or @ is neutralised so a spreadsheet never runs it. */
export function csvCell(value: string | number | boolean | null): string {
    let text = value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per org and item (an org that could not be checked: one line with its error). */
export function fleetCsv(checks: readonly OrgCheck[]): string {
    const lines = [['org', 'username', 'orgId', 'exitCode', 'item', 'order', 'status', 'reason'].join(',')];
    for (const c of checks) {
        const org = [c.target, c.username, c.orgId, c.code];
        if (c.error)
            lines.push([...org, '', '', 'error', `${c.error.name}: ${c.error.message}`].map(csvCell).join(','));
        for (const i of c.items)
            lines.push([...org, i.id, i.order, i.status, reasonText(i.reason)].map(csvCell).join(','));
    }
    return `${lines.join('\n')}\n`;
}

const xml = (text: string): string =>
    text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * JUnit XML: a test suite per org, a test case per item (failure when it does not pass, skipped when it is blocked
 * or cannot be checked); an org that could not be checked is one test case in error.
 */
export function fleetJunit(checks: readonly OrgCheck[]): string {
    const suites = checks.map((c) => {
        const name = xml(c.target);
        if (c.error)
            return [
                `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0">`,
                `    <testcase classname="${name}" name="check"><error type="${xml(c.error.name)}" message="${xml(c.error.message)}"/></testcase>`,
                '  </testsuite>',
            ].join('\n');
        const failures = c.items.filter((i) => i.status === 'fail' || i.status === 'warning').length;
        const skipped = c.items.filter((i) => i.status === 'blocked' || i.status === 'unknown').length;
        const cases = c.items.map((i) => {
            const open = `    <testcase classname="${name}" name="${String(i.order).padStart(2, '0')} ${xml(say(`ui.item.${i.id}`))}">`;
            const text = xml(reasonText(i.reason));
            if (i.status === 'pass') return `${open}</testcase>`;
            if (i.status === 'blocked' || i.status === 'unknown')
                return `${open}<skipped message="${i.status}: ${text}"/></testcase>`;
            return `${open}<failure type="${i.status}" message="${text}"/></testcase>`;
        });
        return [
            `  <testsuite name="${name}" tests="${c.items.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
            ...cases,
            '  </testsuite>',
        ].join('\n');
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="simplychat setup check">',
        ...suites,
        '</testsuites>',
        '',
    ].join('\n');
}

/** The file name of a result format in --output-dir. */
export function resultFile(format: Exclude<ResultFormat, 'human'>): string {
    return { json: 'simplychat-check.json', csv: 'simplychat-check.csv', junit: 'simplychat-check.junit.xml' }[format];
}
