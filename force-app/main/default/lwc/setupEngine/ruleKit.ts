/**
 * What every rule shares: the result type, the dependency table, reading a snapshot part, and finishing a rule.
 *
 * Each rule lives in its own file (rule*.ts) and takes its inputs explicitly: the environment (snapshot and choices)
 * and the results of the rules it reads, typed by `Deps<I>` for the items that block it and by named fields for
 * what earlier fixes settle (a channel, a routing configuration, statuses). `runRules` in rules.ts calls them in
 * checklist order; a rule cannot be called before the results it needs exist, because TypeScript refuses a
 * constant used before it is declared and an input object missing a field.
 */
import { reason } from './reasons';
import type {
    ChoiceKey,
    Detail,
    ItemId,
    ItemStatus,
    Operation,
    OrgSnapshot,
    Part,
    Reason,
    SalesforceId,
    SetupChoices,
} from './types';

/** What a rule decides about one item. */
export interface ItemResult {
    readonly id: ItemId;
    readonly status: ItemStatus;
    readonly reason: Reason;
    readonly details: readonly Detail[];
    readonly blockedBy: readonly ItemId[];
    readonly needs: readonly ChoiceKey[];
    /** Operations that fix this item once the items it depends on are fixed; empty if none exists. */
    readonly ops: readonly Operation[];
    /** Why there is no fix when `ops` is empty and the item does not pass. */
    readonly noFixReason?: Reason;
}

/** Items each item needs: when one of them does not pass, this item is blocked. */
export const DEPENDENCIES = {
    apiAccess: [],
    permissions: [],
    omniChannel: [],
    serviceChannel: ['omniChannel'],
    routingConfig: ['omniChannel'],
    queue: ['omniChannel', 'routingConfig'],
    onlineStatus: ['omniChannel', 'serviceChannel'],
    busyStatus: ['omniChannel'],
    presenceConfig: ['omniChannel'],
    profileAccess: ['omniChannel', 'onlineStatus', 'busyStatus'],
    flow: [],
    scSetup: [],
    queueMembers: ['omniChannel', 'queue'],
    agentApps: ['omniChannel'],
} as const satisfies Readonly<Record<ItemId, readonly ItemId[]>>;

/** The results of the items that block item I: exactly those of DEPENDENCIES[I], no more, no fewer. */
export type Deps<I extends ItemId> = { readonly [K in (typeof DEPENDENCIES)[I][number]]: ItemResult };

/** What every rule reads: the snapshot and the admin's choices. */
export interface RuleEnv {
    readonly snapshot: OrgSnapshot;
    readonly choices: SetupChoices;
}

/** A record an item settles on: existing (with Id) or created by the plan (Id null). */
export interface Resolved {
    readonly developerName: string;
    readonly id: SalesforceId | null;
}

export type Readable<T> =
    { readonly ok: true; readonly records: readonly T[] } | { readonly ok: false; readonly detail: Detail };

/**
 * Records of a part. With Omni-Channel off its objects are known to be empty for planning (enabling it creates
 * none of them but the default presence configuration, see facts.ts), but the item is still blocked.
 */
export function read<T>(part: Part<T>, name: string): Readable<T> {
    if (part.status === 'read') return { ok: true, records: part.records };
    if (part.code === 'omniDisabled') return { ok: true, records: [] };
    return { ok: false, detail: { kind: 'unreadable', part: name, code: part.code, message: part.message ?? '' } };
}

export function sameName(a: string, b: string): boolean {
    return a.toLowerCase() === b.toLowerCase();
}

/** The default collator, built once: the same order as String.prototype.localeCompare, without its cost per call. */
const COLLATOR = new Intl.Collator();

export function byDeveloperName<T extends { readonly DeveloperName: string }>(a: T, b: T): number {
    return COLLATOR.compare(a.DeveloperName, b.DeveloperName);
}

/** The first record named `preferred`, else the first by developer name. */
export function prefer<T extends { readonly DeveloperName: string }>(
    records: readonly T[],
    preferred: string
): T | undefined {
    return records.find((r) => sameName(r.DeveloperName, preferred)) ?? [...records].sort(byDeveloperName)[0];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

export interface Draft {
    status: ItemStatus;
    reason: Reason;
    details?: Detail[];
    needs?: ChoiceKey[];
    ops?: Operation[];
    noFixReason?: Reason;
}

/**
 * Finishes a rule: an item whose dependencies fail is reported as blocked (its operations, planned against what
 * the earlier fixes create, are kept for plans that include those fixes). A warning does not block.
 */
export function finish<I extends ItemId>(id: I, deps: Deps<I>, draft: Draft): ItemResult {
    const results = deps as Readonly<Record<string, ItemResult>>;
    const blockedBy: ItemId[] = (DEPENDENCIES[id] as readonly ItemId[]).filter((dep) => {
        const status = results[dep]?.status;
        return status !== 'pass' && status !== 'warning';
    });
    const blocked = blockedBy.length > 0 && draft.status !== 'unknown';
    return {
        id,
        status: blocked ? 'blocked' : draft.status,
        reason: blocked ? reason('item.blocked', { items: blockedBy.join(',') }) : draft.reason,
        details: draft.details ?? [],
        blockedBy: blocked ? blockedBy : [],
        needs: draft.needs ?? [],
        ops: draft.status === 'pass' ? [] : (draft.ops ?? []),
        noFixReason: draft.noFixReason,
    };
}

export function unreadable(detail: Detail): Draft {
    return { status: 'unknown', reason: reason('item.unreadable'), details: [detail] };
}
