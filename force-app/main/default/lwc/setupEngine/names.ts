import { MAX_NAME_LENGTH } from './facts';

/**
 * A valid Salesforce developer name: starts with a letter, letters, digits and single underscores only,
 * no trailing underscore, at most 80 characters.
 */
export function isValidDeveloperName(name: string): boolean {
    return name.length <= MAX_NAME_LENGTH && /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(name) && !name.endsWith('_');
}

/**
 * A valid object API name: a standard name (Case), or a custom one with an optional namespace prefix of up to
 * 15 letters and digits (Talk_Session__c, WINP__Talk_Session__c).
 */
export function isValidObjectApiName(name: string): boolean {
    const namespace = '[A-Za-z][A-Za-z0-9]{0,14}';
    const part = '[A-Za-z](?:[A-Za-z0-9]|_(?!_))*';
    return (
        name.length <= MAX_NAME_LENGTH &&
        new RegExp(`^(?:${namespace}__)?${part}(?:__c)?$`).test(name) &&
        !/_$/.test(name.replace(/__c$/, ''))
    );
}

/** Case-insensitive set of names. */
export function nameSet(names: Iterable<string>): Set<string> {
    const set = new Set<string>();
    for (const n of names) set.add(n.toLowerCase());
    return set;
}

/** `base`, or `base_2`, `base_3`, … : the first one not in `taken` (lower case), within the length limit. */
export function uniqueDeveloperName(base: string, taken: ReadonlySet<string>): string {
    if (!taken.has(base.toLowerCase())) return base;
    for (let n = 2; ; n++) {
        const suffix = `_${n}`;
        const candidate = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
        if (!taken.has(candidate.toLowerCase())) return candidate;
    }
}

/**
 * A label no other record has (case-insensitive): `base`, else `base (SimplyChat)`, `base (SimplyChat 2)`, …, within
 * the length limit. Agents choose statuses by label, so two "Online" entries must never exist because of us.
 */
export function uniqueLabel(base: string, taken: ReadonlySet<string>): string {
    if (!taken.has(base.toLowerCase())) return base;
    for (let n = 1; ; n++) {
        const suffix = n === 1 ? ' (SimplyChat)' : ` (SimplyChat ${n})`;
        const candidate = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
        if (!taken.has(candidate.toLowerCase())) return candidate;
    }
}
