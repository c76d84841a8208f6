/**
 * The checklist rules. Each item is decided from the snapshot and the admin's choices, in checklist order; each
 * rule also works out the operations that would fix it, taking into account what earlier items' fixes create
 * (the "resolved" records in the context), so a plan of several items is consistent.
 *
 * evaluate() turns the results into checklist items; plan() collects their operations. Rules never write.
 */
import {
    CAPACITY_MIN,
    DEFAULT_CAPACITY,
    GUIDE_ROUTING,
    isSimplyChatFlow,
    flowBuilderUrl,
    METADATA_BATCH_SIZE,
    SC_SETUP_DEFAULTS,
    scSetupDefaultFor,
} from './facts';
import { nameSet, uniqueDeveloperName } from './names';
import { reason } from './reasons';
import type {
    ChoiceKey,
    Detail,
    FieldValue,
    ItemId,
    ItemStatus,
    MoveProfilesToConfigOp,
    Operation,
    OrgSnapshot,
    Part,
    ProfileRef,
    ProfileRecord,
    QueueRoutingConfigRecord,
    Reason,
    SalesforceId,
    ServicePresenceStatusRecord,
    SetupChoices,
    UserPermissions,
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
export const DEPENDENCIES: Readonly<Record<ItemId, readonly ItemId[]>> = {
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
};

/** A record an item settles on: existing (with Id) or created by the plan (Id null). */
interface Resolved {
    readonly developerName: string;
    readonly id: SalesforceId | null;
}

/** What earlier rules settled, for later rules. */
interface Context {
    readonly snapshot: OrgSnapshot;
    readonly choices: SetupChoices;
    readonly results: Map<ItemId, ItemResult>;
    channel: Resolved | null;
    routingConfig: Resolved | null;
    onlineStatus: Resolved | null;
    busyStatus: Resolved | null;
    presenceConfig: Resolved | null;
}

type Readable<T> =
    { readonly ok: true; readonly records: readonly T[] } | { readonly ok: false; readonly detail: Detail };

/**
 * Records of a part. With Omni-Channel off its objects are known to be empty for planning (enabling it creates
 * none of them), but the item is still blocked, not evaluated.
 */
function read<T>(part: Part<T>, name: string): Readable<T> {
    if (part.status === 'read') return { ok: true, records: part.records };
    if (part.code === 'omniDisabled') return { ok: true, records: [] };
    return { ok: false, detail: { kind: 'unreadable', part: name, code: part.code, message: part.message ?? '' } };
}

function sameName(a: string, b: string): boolean {
    return a.toLowerCase() === b.toLowerCase();
}

function byDeveloperName<T extends { readonly DeveloperName: string }>(a: T, b: T): number {
    return a.DeveloperName.localeCompare(b.DeveloperName);
}

/** The first record named `preferred`, else the first by developer name. */
function prefer<T extends { readonly DeveloperName: string }>(records: readonly T[], preferred: string): T | undefined {
    return records.find((r) => sameName(r.DeveloperName, preferred)) ?? [...records].sort(byDeveloperName)[0];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

/** The blocking dependencies of an item: those that do not pass (a warning still works). */
function failingDependencies(ctx: Context, id: ItemId): ItemId[] {
    return DEPENDENCIES[id].filter((dep) => {
        const status = ctx.results.get(dep)?.status;
        return status !== 'pass' && status !== 'warning';
    });
}

interface Draft {
    status: ItemStatus;
    reason: Reason;
    details?: Detail[];
    needs?: ChoiceKey[];
    ops?: Operation[];
    noFixReason?: Reason;
}

/**
 * Finishes a rule: an item whose dependencies fail is reported as blocked (its operations, planned against what
 * the earlier fixes create, are kept for plans that include those fixes).
 */
function finish(ctx: Context, id: ItemId, draft: Draft): ItemResult {
    const blockedBy = failingDependencies(ctx, id);
    const blocked = blockedBy.length > 0 && draft.status !== 'unknown';
    const result: ItemResult = {
        id,
        status: blocked ? 'blocked' : draft.status,
        reason: blocked ? reason('item.blocked', { items: blockedBy.join(',') }) : draft.reason,
        details: draft.details ?? [],
        blockedBy: blocked ? blockedBy : [],
        needs: draft.needs ?? [],
        ops: draft.status === 'pass' ? [] : (draft.ops ?? []),
        noFixReason: draft.noFixReason,
    };
    ctx.results.set(id, result);
    return result;
}

function unreadable(detail: Detail): Draft {
    return { status: 'unknown', reason: reason('item.unreadable'), details: [detail] };
}

// ------------------------------------------------------------------------------------------------ 1. API access

function apiAccessRule(ctx: Context): ItemResult {
    const api = ctx.snapshot.apiAccess;
    const steps = reason('fix.apiSetupSteps');
    if (api.connectionSetup === 'missing') {
        return finish(ctx, 'apiAccess', {
            status: 'warning',
            reason: reason('item.apiAccess.notConfigured'),
            noFixReason: steps,
        });
    }
    switch (api.connection) {
        case 'ok':
            return finish(ctx, 'apiAccess', { status: 'pass', reason: reason('item.apiAccess.ok') });
        case 'unauthenticated':
            return finish(ctx, 'apiAccess', {
                status: 'warning',
                reason: reason('item.apiAccess.unauthenticated'),
                noFixReason: steps,
            });
        case 'wrongOrg':
            return finish(ctx, 'apiAccess', {
                status: 'warning',
                reason: reason('item.apiAccess.wrongOrg'),
                noFixReason: steps,
            });
        case 'error':
            return finish(ctx, 'apiAccess', {
                status: 'warning',
                reason: reason('item.apiAccess.error', { httpStatus: api.httpStatus ?? 0, message: api.message ?? '' }),
                noFixReason: steps,
            });
        default:
            return finish(ctx, 'apiAccess', {
                status: 'unknown',
                reason: reason('item.apiAccess.untested'),
                noFixReason: steps,
            });
    }
}

// ---------------------------------------------------------------------------------------------- 2. Permissions

/** Permissions a fix needs that the user lacks (Customize Application and Modify Metadata or Modify All Data). */
export function missingFixPermissions(p: UserPermissions): (keyof UserPermissions)[] {
    const missing: (keyof UserPermissions)[] = [];
    if (!p.viewSetup) missing.push('viewSetup');
    if (!p.customizeApplication) missing.push('customizeApplication');
    if (!p.modifyMetadata && !p.modifyAllData) missing.push('modifyMetadata');
    return missing;
}

function permissionsRule(ctx: Context): ItemResult {
    const p = ctx.snapshot.user.permissions;
    const missing = missingFixPermissions(p);
    const details: Detail[] = missing.map((permission) => ({ kind: 'missingPermission', permission }));
    const noFixReason = reason('fix.grantPermissions');
    if (!p.viewSetup) {
        return finish(ctx, 'permissions', {
            status: 'fail',
            reason: reason('item.permissions.cannotRead'),
            details,
            noFixReason,
        });
    }
    if (missing.length > 0) {
        return finish(ctx, 'permissions', {
            status: 'warning',
            reason: reason('item.permissions.readOnly'),
            details,
            noFixReason,
        });
    }
    if (!p.manageUsers) {
        return finish(ctx, 'permissions', {
            status: 'pass',
            reason: reason('item.permissions.canFixExceptQueues'),
            details: [{ kind: 'missingPermission', permission: 'manageUsers' }],
        });
    }
    return finish(ctx, 'permissions', { status: 'pass', reason: reason('item.permissions.canFix') });
}

// --------------------------------------------------------------------------------------------- 3. Omni-Channel

function omniChannelRule(ctx: Context): ItemResult {
    if (ctx.snapshot.omniEnabled) {
        return finish(ctx, 'omniChannel', { status: 'pass', reason: reason('item.omniChannel.enabled') });
    }
    return finish(ctx, 'omniChannel', {
        status: 'fail',
        reason: reason('item.omniChannel.disabled'),
        needs: ['confirmOrgWide'],
        ops: [{ kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true }],
    });
}

// ------------------------------------------------------------------------------------------ 4. Service channel

function serviceChannelRule(ctx: Context): ItemResult {
    const { snapshot, choices } = ctx;
    const channels = read(snapshot.serviceChannels, 'ServiceChannel');
    if (!channels.ok) return finish(ctx, 'serviceChannel', unreadable(channels.detail));
    if (!snapshot.chatObject.exists) {
        return finish(ctx, 'serviceChannel', {
            status: 'fail',
            reason: reason('item.serviceChannel.chatObjectMissing', { object: snapshot.chatObject.apiName }),
            needs: ['chatObject'],
            noFixReason: reason('fix.chatObjectMissing', { object: snapshot.chatObject.apiName }),
        });
    }
    const routing = channels.records.filter((c) => sameName(c.RelatedEntity, choices.chatObject));
    const found = prefer(routing, choices.names.serviceChannel.developerName);
    if (found) {
        ctx.channel = { developerName: found.DeveloperName, id: found.Id };
        return finish(ctx, 'serviceChannel', {
            status: 'pass',
            reason: reason('item.serviceChannel.ok', { name: found.MasterLabel, object: found.RelatedEntity }),
            details: [
                {
                    kind: 'record',
                    role: 'serviceChannel',
                    developerName: found.DeveloperName,
                    label: found.MasterLabel,
                },
            ],
        });
    }
    const developerName = uniqueDeveloperName(
        choices.names.serviceChannel.developerName,
        nameSet(channels.records.map((c) => c.DeveloperName))
    );
    ctx.channel = { developerName, id: null };
    return finish(ctx, 'serviceChannel', {
        status: 'fail',
        reason: reason('item.serviceChannel.missing', { object: choices.chatObject }),
        ops: [
            {
                kind: 'createServiceChannel',
                itemId: 'serviceChannel',
                developerName,
                label: choices.names.serviceChannel.label,
                relatedEntityType: choices.chatObject,
            },
        ],
    });
}

// -------------------------------------------------------------------------------------- 5. Routing configuration

/** Queues that support the chat object. */
function chatQueueIds(ctx: Context, queueSobjects: readonly { QueueId: string; SobjectType: string }[]): Set<string> {
    return new Set(queueSobjects.filter((q) => sameName(q.SobjectType, ctx.choices.chatObject)).map((q) => q.QueueId));
}

function routingMismatches(config: QueueRoutingConfigRecord): { field: string; expected: string; actual: string }[] {
    const out: { field: string; expected: string; actual: string }[] = [];
    if (config.RoutingPriority !== GUIDE_ROUTING.routingPriority) {
        out.push({
            field: 'RoutingPriority',
            expected: String(GUIDE_ROUTING.routingPriority),
            actual: String(config.RoutingPriority ?? ''),
        });
    }
    if (config.RoutingModel !== GUIDE_ROUTING.routingModel) {
        out.push({ field: 'RoutingModel', expected: GUIDE_ROUTING.routingModel, actual: config.RoutingModel });
    }
    if (config.CapacityWeight !== GUIDE_ROUTING.capacityWeight) {
        out.push({
            field: 'CapacityWeight',
            expected: String(GUIDE_ROUTING.capacityWeight),
            actual: String(config.CapacityWeight ?? ''),
        });
    }
    if (config.CapacityPercentage !== null) {
        out.push({ field: 'CapacityPercentage', expected: '', actual: String(config.CapacityPercentage) });
    }
    return out;
}

function routingConfigRule(ctx: Context): ItemResult {
    const { snapshot, choices } = ctx;
    const configs = read(snapshot.routingConfigs, 'QueueRoutingConfig');
    const queues = read(snapshot.queues, 'Group');
    const queueSobjects = read(snapshot.queueSobjects, 'QueueSobject');
    for (const part of [configs, queues, queueSobjects]) {
        if (!part.ok) return finish(ctx, 'routingConfig', unreadable(part.detail));
    }
    if (!configs.ok || !queues.ok || !queueSobjects.ok) throw new Error('unreachable');
    const chatQueues = chatQueueIds(ctx, queueSobjects.records);
    const usedByChatQueues = new Set(
        queues.records.filter((q) => chatQueues.has(q.Id) && q.QueueRoutingConfigId).map((q) => q.QueueRoutingConfigId)
    );
    const name = choices.names.routingConfig;
    const config =
        prefer(
            configs.records.filter((c) => usedByChatQueues.has(c.Id)),
            name.developerName
        ) ?? configs.records.find((c) => sameName(c.DeveloperName, name.developerName));
    if (!config) {
        ctx.routingConfig = { developerName: name.developerName, id: null };
        return finish(ctx, 'routingConfig', {
            status: 'fail',
            reason: reason('item.routingConfig.missing', { name: name.label }),
            ops: [
                {
                    kind: 'upsertRoutingConfig',
                    itemId: 'routingConfig',
                    existingId: null,
                    developerName: name.developerName,
                    label: name.label,
                    ...GUIDE_ROUTING,
                    changes: [],
                },
            ],
        });
    }
    ctx.routingConfig = { developerName: config.DeveloperName, id: config.Id };
    const mismatches = routingMismatches(config);
    const record: Detail = {
        kind: 'record',
        role: 'routingConfig',
        developerName: config.DeveloperName,
        label: config.MasterLabel,
    };
    if (mismatches.length === 0) {
        return finish(ctx, 'routingConfig', {
            status: 'pass',
            reason: reason('item.routingConfig.ok', { name: config.MasterLabel }),
            details: [record],
        });
    }
    return finish(ctx, 'routingConfig', {
        status: 'warning',
        reason: reason('item.routingConfig.wrongValues', { name: config.MasterLabel, count: mismatches.length }),
        details: [record, ...mismatches.map((m): Detail => ({ kind: 'fieldMismatch', ...m }))],
        ops: [
            {
                kind: 'upsertRoutingConfig',
                itemId: 'routingConfig',
                existingId: config.Id,
                developerName: config.DeveloperName,
                label: config.MasterLabel,
                ...GUIDE_ROUTING,
                changes: mismatches.map((m) => ({ field: m.field, from: m.actual, to: m.expected })),
            },
        ],
    });
}

// ----------------------------------------------------------------------------------------------------- 6. Queue

function queueRule(ctx: Context): ItemResult {
    const { snapshot, choices } = ctx;
    const queues = read(snapshot.queues, 'Group');
    const queueSobjects = read(snapshot.queueSobjects, 'QueueSobject');
    if (!queues.ok) return finish(ctx, 'queue', unreadable(queues.detail));
    if (!queueSobjects.ok) return finish(ctx, 'queue', unreadable(queueSobjects.detail));
    if (!snapshot.chatObject.exists) {
        return finish(ctx, 'queue', {
            status: 'fail',
            reason: reason('item.queue.chatObjectMissing', { object: snapshot.chatObject.apiName }),
            noFixReason: reason('fix.chatObjectMissing', { object: snapshot.chatObject.apiName }),
        });
    }
    const chatQueues = chatQueueIds(ctx, queueSobjects.records);
    const supporting = queues.records.filter((q) => chatQueues.has(q.Id));
    const routed = prefer(
        supporting.filter((q) => q.QueueRoutingConfigId),
        choices.names.queue.developerName
    );
    if (routed) {
        return finish(ctx, 'queue', {
            status: 'pass',
            reason: reason('item.queue.ok', { name: routed.Name }),
            details: [{ kind: 'record', role: 'queue', developerName: routed.DeveloperName, label: routed.Name }],
        });
    }
    const routing = ctx.routingConfig;
    const upsert = (
        existing: { Id: string; DeveloperName: string; Name: string } | null,
        addSobjectTypes: string[]
    ): Operation[] => {
        if (!routing) return [];
        return [
            {
                kind: 'upsertQueue',
                itemId: 'queue',
                existingId: existing?.Id ?? null,
                developerName: existing?.DeveloperName ?? choices.names.queue.developerName,
                label: existing?.Name ?? choices.names.queue.label,
                routingConfigDeveloperName: routing.developerName,
                addSobjectTypes,
            },
        ];
    };
    const unrouted = prefer(supporting, choices.names.queue.developerName);
    if (unrouted) {
        return finish(ctx, 'queue', {
            status: 'fail',
            reason: reason('item.queue.noRoutingConfig', { name: unrouted.Name }),
            ops: upsert(unrouted, []),
        });
    }
    const named = queues.records.find((q) => sameName(q.DeveloperName, choices.names.queue.developerName));
    if (named) {
        return finish(ctx, 'queue', {
            status: 'fail',
            reason: reason('item.queue.missingObject', { name: named.Name, object: choices.chatObject }),
            ops: upsert(named, [choices.chatObject]),
        });
    }
    return finish(ctx, 'queue', {
        status: 'fail',
        reason: reason('item.queue.missing', { object: choices.chatObject }),
        ops: upsert(null, [choices.chatObject]),
    });
}

// ------------------------------------------------------------------------------------- 7 and 8. Presence statuses

interface StatusIndex {
    readonly statuses: readonly ServicePresenceStatusRecord[];
    /** Status Id → Ids of the channels it carries. */
    readonly channelsOf: Map<string, Set<string>>;
}

function statusIndex(ctx: Context): { ok: true; index: StatusIndex } | { ok: false; detail: Detail } {
    const statuses = read(ctx.snapshot.presenceStatuses, 'ServicePresenceStatus');
    if (!statuses.ok) return statuses;
    const links = read(ctx.snapshot.statusChannels, 'ServiceChannelStatus');
    if (!links.ok) return links;
    const channelsOf = new Map<string, Set<string>>();
    for (const link of links.records) {
        const set = channelsOf.get(link.ServicePresenceStatusId) ?? new Set<string>();
        set.add(link.ServiceChannelId);
        channelsOf.set(link.ServicePresenceStatusId, set);
    }
    return { ok: true, index: { statuses: statuses.records, channelsOf } };
}

/** Statuses that carry the SimplyChat channel (only an existing channel can be carried). */
function onlineStatuses(ctx: Context, index: StatusIndex): ServicePresenceStatusRecord[] {
    const channelId = ctx.channel?.id;
    return channelId ? index.statuses.filter((s) => index.channelsOf.get(s.Id)?.has(channelId)) : [];
}

function busyStatuses(index: StatusIndex): ServicePresenceStatusRecord[] {
    return index.statuses.filter((s) => !index.channelsOf.get(s.Id)?.size);
}

function onlineStatusRule(ctx: Context): ItemResult {
    const { choices } = ctx;
    const indexed = statusIndex(ctx);
    if (!indexed.ok) return finish(ctx, 'onlineStatus', unreadable(indexed.detail));
    const { index } = indexed;
    const name = choices.names.onlineStatus;
    const found = prefer(onlineStatuses(ctx, index), name.developerName);
    if (found) {
        ctx.onlineStatus = { developerName: found.DeveloperName, id: found.Id };
        return finish(ctx, 'onlineStatus', {
            status: 'pass',
            reason: reason('item.onlineStatus.ok', { name: found.MasterLabel }),
            details: [
                { kind: 'record', role: 'onlineStatus', developerName: found.DeveloperName, label: found.MasterLabel },
            ],
        });
    }
    const channel = ctx.channel;
    const missing = reason('item.onlineStatus.missing', {
        channel: channel?.developerName ?? choices.names.serviceChannel.developerName,
    });
    if (!channel) return finish(ctx, 'onlineStatus', { status: 'fail', reason: missing });
    // Reuse our named status if it already carries other channels; never turn a busy status (no channels) into an
    // online one: that could take away the admin's only busy status.
    const named = index.statuses.find((s) => sameName(s.DeveloperName, name.developerName));
    if (named && index.channelsOf.get(named.Id)?.size) {
        ctx.onlineStatus = { developerName: named.DeveloperName, id: named.Id };
        return finish(ctx, 'onlineStatus', {
            status: 'fail',
            reason: missing,
            ops: [
                {
                    kind: 'addChannelToStatus',
                    itemId: 'onlineStatus',
                    statusId: named.Id,
                    statusDeveloperName: named.DeveloperName,
                    channelDeveloperName: channel.developerName,
                },
            ],
        });
    }
    const developerName = uniqueDeveloperName(name.developerName, nameSet(index.statuses.map((s) => s.DeveloperName)));
    ctx.onlineStatus = { developerName, id: null };
    return finish(ctx, 'onlineStatus', {
        status: 'fail',
        reason: missing,
        ops: [
            {
                kind: 'createPresenceStatus',
                itemId: 'onlineStatus',
                developerName,
                label: name.label,
                channelDeveloperNames: [channel.developerName],
            },
        ],
    });
}

function busyStatusRule(ctx: Context): ItemResult {
    const indexed = statusIndex(ctx);
    if (!indexed.ok) return finish(ctx, 'busyStatus', unreadable(indexed.detail));
    const { index } = indexed;
    const name = ctx.choices.names.busyStatus;
    const found = prefer(busyStatuses(index), name.developerName);
    if (found) {
        ctx.busyStatus = { developerName: found.DeveloperName, id: found.Id };
        return finish(ctx, 'busyStatus', {
            status: 'pass',
            reason: reason('item.busyStatus.ok', { name: found.MasterLabel }),
            details: [
                { kind: 'record', role: 'busyStatus', developerName: found.DeveloperName, label: found.MasterLabel },
            ],
        });
    }
    const taken = nameSet(index.statuses.map((s) => s.DeveloperName));
    if (ctx.onlineStatus) taken.add(ctx.onlineStatus.developerName.toLowerCase());
    const developerName = uniqueDeveloperName(name.developerName, taken);
    ctx.busyStatus = { developerName, id: null };
    return finish(ctx, 'busyStatus', {
        status: 'fail',
        reason: reason('item.busyStatus.missing'),
        ops: [
            {
                kind: 'createPresenceStatus',
                itemId: 'busyStatus',
                developerName,
                label: name.label,
                channelDeveloperNames: [],
            },
        ],
    });
}

// --------------------------------------------------------------------------------- 9. Presence configuration

/** The chosen agent profiles that exist in the snapshot, in the order chosen. */
function agentProfiles(ctx: Context): { ok: true; profiles: ProfileRecord[] } | { ok: false; detail: Detail } {
    const profiles = read(ctx.snapshot.profiles, 'Profile');
    if (!profiles.ok) return profiles;
    const byId = new Map(profiles.records.map((p) => [p.Id, p]));
    const chosen: ProfileRecord[] = [];
    for (const id of new Set(ctx.choices.agentProfileIds)) {
        const profile = byId.get(id);
        if (profile) chosen.push(profile);
    }
    return { ok: true, profiles: chosen };
}

/** The chosen agent profiles, or the item's finished result when profiles are unreadable or none is chosen. */
function requireAgents(
    ctx: Context,
    id: 'presenceConfig' | 'profileAccess'
): { profiles: ProfileRecord[] } | { result: ItemResult } {
    const agents = agentProfiles(ctx);
    if (!agents.ok) return { result: finish(ctx, id, unreadable(agents.detail)) };
    if (agents.profiles.length > 0) return { profiles: agents.profiles };
    return {
        result: finish(ctx, id, {
            status: 'fail',
            reason: reason(`item.${id}.noAgentProfiles` as const),
            needs: ['agentProfiles'],
            noFixReason: reason('fix.needsChoices'),
        }),
    };
}

function ref(profile: ProfileRecord): ProfileRef {
    return { profileId: profile.Id, profileName: profile.Name };
}

function presenceConfigRule(ctx: Context): ItemResult {
    const { snapshot, choices } = ctx;
    const agents = requireAgents(ctx, 'presenceConfig');
    if ('result' in agents) return agents.result;
    const configs = read(snapshot.presenceConfigs, 'PresenceUserConfig');
    if (!configs.ok) return finish(ctx, 'presenceConfig', unreadable(configs.detail));
    const assignments = read(snapshot.presenceConfigProfiles, 'PresenceUserConfigProfile');
    if (!assignments.ok) return finish(ctx, 'presenceConfig', unreadable(assignments.detail));

    const configOf = new Map(assignments.records.map((a) => [a.ProfileId, a.PresenceUserConfigId]));
    const configById = new Map(configs.records.map((c) => [c.Id, c]));
    const name = choices.names.presenceConfig;

    // Target: our named configuration; else reuse the one holding most agent profiles.
    let target = configs.records.find((c) => sameName(c.DeveloperName, name.developerName));
    if (!target) {
        const holding = new Map<string, number>();
        for (const p of agents.profiles) {
            const id = configOf.get(p.Id);
            if (id && configById.has(id)) holding.set(id, (holding.get(id) ?? 0) + 1);
        }
        target = [...holding.entries()]
            .map(([id, count]) => ({
                config: configById.get(id) as NonNullable<ReturnType<typeof configById.get>>,
                count,
            }))
            .sort((a, b) => b.count - a.count || byDeveloperName(a.config, b.config))[0]?.config;
    }

    const unassigned: ProfileRecord[] = [];
    const inOther: { profile: ProfileRecord; configId: string; configName: string; configDeveloperName: string }[] = [];
    for (const p of agents.profiles) {
        const id = configOf.get(p.Id);
        const config = id ? configById.get(id) : undefined;
        if (!config) unassigned.push(p);
        else if (config.Id !== target?.Id) {
            inOther.push({
                profile: p,
                configId: config.Id,
                configName: config.MasterLabel,
                configDeveloperName: config.DeveloperName,
            });
        }
    }
    const moving = new Set(choices.moveProfileIds);
    const toMove = inOther.filter((o) => moving.has(o.profile.Id));
    const details: Detail[] = [
        ...unassigned.map((p): Detail => ({ kind: 'profileUnassigned', profileId: p.Id, profileName: p.Name })),
        ...inOther.map((o): Detail => ({
            kind: 'profileInOtherConfig',
            profileId: o.profile.Id,
            profileName: o.profile.Name,
            configId: o.configId,
            configName: o.configName,
            willMove: moving.has(o.profile.Id),
        })),
    ];

    const targetRef: Resolved = target
        ? { developerName: target.DeveloperName, id: target.Id }
        : {
              developerName: uniqueDeveloperName(
                  name.developerName,
                  nameSet(configs.records.map((c) => c.DeveloperName))
              ),
              id: null,
          };
    ctx.presenceConfig = targetRef;

    const ops: Operation[] = [];
    if (!target) {
        ops.push({
            kind: 'createPresenceConfig',
            itemId: 'presenceConfig',
            developerName: targetRef.developerName,
            label: name.label,
            capacity: choices.capacity ?? DEFAULT_CAPACITY,
            profiles: unassigned.map(ref),
        });
    } else {
        const wanted = choices.capacity ?? (target.Capacity >= CAPACITY_MIN ? target.Capacity : DEFAULT_CAPACITY);
        if (target.Capacity !== wanted) {
            ops.push({
                kind: 'setCapacity',
                itemId: 'presenceConfig',
                configId: target.Id,
                configDeveloperName: target.DeveloperName,
                from: target.Capacity,
                capacity: wanted,
            });
            details.push({
                kind: 'fieldMismatch',
                field: 'Capacity',
                expected: String(wanted),
                actual: String(target.Capacity),
            });
        }
        if (unassigned.length > 0) {
            ops.push({
                kind: 'assignProfilesToConfig',
                itemId: 'presenceConfig',
                configId: target.Id,
                configDeveloperName: target.DeveloperName,
                profiles: unassigned.map(ref),
            });
        }
    }
    // A move rewrites the target and each configuration it leaves: at most METADATA_BATCH_SIZE components a call.
    const bySource = new Map<string, typeof toMove>();
    for (const m of toMove) bySource.set(m.configId, [...(bySource.get(m.configId) ?? []), m]);
    for (const sources of chunk([...bySource.values()], METADATA_BATCH_SIZE - 1)) {
        const moves: MoveProfilesToConfigOp['moves'] = sources.flat().map((m) => ({
            ...ref(m.profile),
            fromConfigId: m.configId,
            fromConfigDeveloperName: m.configDeveloperName,
        }));
        ops.push({
            kind: 'moveProfilesToConfig',
            itemId: 'presenceConfig',
            configId: targetRef.id,
            configDeveloperName: targetRef.developerName,
            moves,
        });
    }

    const record: Detail[] = target
        ? [{ kind: 'record', role: 'presenceConfig', developerName: target.DeveloperName, label: target.MasterLabel }]
        : [];
    const needs: ChoiceKey[] =
        inOther.length > 0 ? ['agentProfiles', 'capacity', 'moveProfiles'] : ['agentProfiles', 'capacity'];
    const report = (status: ItemStatus, why: Reason): ItemResult =>
        finish(ctx, 'presenceConfig', { status, reason: why, details: [...record, ...details], needs, ops });
    if (!target) return report('fail', reason('item.presenceConfig.missing', { count: agents.profiles.length }));
    const label = target.MasterLabel;
    if (unassigned.length > 0) {
        return report(
            'fail',
            reason('item.presenceConfig.profilesUnassigned', { count: unassigned.length, name: label })
        );
    }
    if (inOther.length > 0) {
        return report(
            'warning',
            reason('item.presenceConfig.profilesInOtherConfig', { count: inOther.length, name: label })
        );
    }
    const setCapacity = ops.find((o) => o.kind === 'setCapacity');
    if (setCapacity && setCapacity.kind === 'setCapacity') {
        return report(
            'warning',
            reason('item.presenceConfig.capacityDiffers', {
                name: label,
                actual: setCapacity.from,
                chosen: setCapacity.capacity,
            })
        );
    }
    return finish(ctx, 'presenceConfig', {
        status: 'pass',
        reason: reason('item.presenceConfig.ok', {
            name: target.MasterLabel,
            capacity: target.Capacity,
            count: agents.profiles.length,
        }),
        details: record,
        needs,
    });
}

// ---------------------------------------------------------------------------------------- 10. Profile access

function profileAccessRule(ctx: Context): ItemResult {
    const agents = requireAgents(ctx, 'profileAccess');
    if ('result' in agents) return agents.result;
    const indexed = statusIndex(ctx);
    if (!indexed.ok) return finish(ctx, 'profileAccess', unreadable(indexed.detail));
    const access = read(ctx.snapshot.statusAccess, 'SetupEntityAccess');
    if (!access.ok) return finish(ctx, 'profileAccess', unreadable(access.detail));

    const granted = new Map<string, Set<string>>();
    for (const row of access.records) {
        const set = granted.get(row.ProfileId) ?? new Set<string>();
        set.add(row.SetupEntityId);
        granted.set(row.ProfileId, set);
    }
    const onlineIds = onlineStatuses(ctx, indexed.index).map((s) => s.Id);
    const busyIds = busyStatuses(indexed.index).map((s) => s.Id);
    const online = ctx.onlineStatus;
    const busy = ctx.busyStatus;

    const grants: (ProfileRef & { statusDeveloperNames: string[] })[] = [];
    const details: Detail[] = [];
    for (const profile of agents.profiles) {
        const has = granted.get(profile.Id) ?? new Set<string>();
        const missing: string[] = [];
        if (!onlineIds.some((id) => has.has(id)) && online) missing.push(online.developerName);
        if (!busyIds.some((id) => has.has(id)) && busy) missing.push(busy.developerName);
        if (!online || !busy) continue; // blocked: the statuses are not known yet
        if (missing.length > 0) {
            grants.push({ ...ref(profile), statusDeveloperNames: missing });
            details.push({
                kind: 'profileMissingAccess',
                profileId: profile.Id,
                profileName: profile.Name,
                missingStatuses: missing,
            });
        }
    }
    if (!online || !busy) {
        return finish(ctx, 'profileAccess', {
            status: 'fail',
            reason: reason('item.profileAccess.missing', { count: agents.profiles.length }),
        });
    }
    if (grants.length === 0) {
        return finish(ctx, 'profileAccess', {
            status: 'pass',
            reason: reason('item.profileAccess.ok', { count: agents.profiles.length }),
            needs: ['agentProfiles'],
        });
    }
    return finish(ctx, 'profileAccess', {
        status: 'fail',
        reason: reason('item.profileAccess.missing', { count: grants.length }),
        details,
        needs: ['agentProfiles'],
        ops: chunk(grants, METADATA_BATCH_SIZE).map((batch) => ({
            kind: 'grantStatusAccess',
            itemId: 'profileAccess',
            grants: batch,
        })),
    });
}

// ----------------------------------------------------------------------------------------------------- 11. Flow

function flowRule(ctx: Context): ItemResult {
    const flows = read(ctx.snapshot.flows, 'FlowDefinitionView');
    if (!flows.ok) return finish(ctx, 'flow', unreadable(flows.detail));
    const matches = flows.records.filter(isSimplyChatFlow);
    const active = matches.find((f) => f.ActiveVersionId);
    if (active) {
        return finish(ctx, 'flow', {
            status: 'pass',
            reason: reason('item.flow.active', { name: active.Label }),
            details: [{ kind: 'record', role: 'flow', developerName: active.ApiName, label: active.Label }],
        });
    }
    const inactive = matches.find((f) => f.LatestVersionId);
    if (!inactive) {
        return finish(ctx, 'flow', {
            status: 'fail',
            reason: reason('item.flow.missing'),
            noFixReason: reason('fix.reinstallPackage'),
        });
    }
    // Activation through the Tooling API may be refused for a managed flow (docs/org-verification.md row 27): the
    // manual step is always listed, and a refused fix says to follow it.
    return finish(ctx, 'flow', {
        status: 'fail',
        reason: reason('item.flow.inactive', { name: inactive.Label }),
        details: [
            {
                kind: 'manualStep',
                step: reason('fix.activateFlowManually', { name: inactive.Label }),
                url: flowBuilderUrl(inactive.LatestVersionId as string),
            },
        ],
        ops: [
            {
                kind: 'activateFlow',
                itemId: 'flow',
                flowApiName: inactive.ApiName,
                latestVersionId: inactive.LatestVersionId as string,
            },
        ],
    });
}

// ------------------------------------------------------------------------------------------------ 12. SC Setup

function isBlank(value: FieldValue | undefined): boolean {
    return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function scSetupRule(ctx: Context): ItemResult {
    const part = read(ctx.snapshot.scSetup, 'SC Setup');
    if (!part.ok) return finish(ctx, 'scSetup', unreadable(part.detail));
    const setting = part.records[0];
    const chat = ctx.snapshot.chatObject;
    if ((!setting || !setting.objectApiName) && chat.exists && chat.apiName.toLowerCase().startsWith('winp__')) {
        // The package is installed (its chat object is visible) but describe hides its setting: it is protected,
        // and only the admin can enter the values in Setup (docs/org-verification.md row 7).
        return finish(ctx, 'scSetup', {
            status: 'unknown',
            reason: reason('item.scSetup.hidden'),
            details: SC_SETUP_DEFAULTS.map((d): Detail => ({
                kind: 'settingValue',
                field: d.label,
                expected: String(d.value),
                actual: '',
            })),
            noFixReason: reason('fix.scSetupManual', { object: 'SC Setup' }),
        });
    }
    if (!setting || !setting.objectApiName) {
        return finish(ctx, 'scSetup', {
            status: 'unknown',
            reason: reason('item.scSetup.notInstalled'),
            noFixReason: reason('fix.reinstallPackage'),
        });
    }
    const known = setting.fields.flatMap((field) => {
        const d = scSetupDefaultFor(field);
        return d ? [{ field, default: d }] : [];
    });
    const objectApiName = setting.objectApiName;
    /** The fix for some fields: create the org-default record, or fill its blanks, with the guide's values. */
    const fixWith = (
        fields: typeof known,
        mode: 'create' | 'fillBlanks',
        status: ItemStatus,
        why: Reason
    ): ItemResult => {
        const values: Record<string, FieldValue> = {};
        for (const k of fields) values[k.field.apiName] = k.default.value;
        const details = fields.map((k): Detail => ({
            kind: 'settingValue',
            field: k.field.label,
            expected: String(k.default.value),
            actual: '',
        }));
        if (!setting.writable) {
            // Protected (another namespace) or no edit access: the admin enters the values listed in the details.
            return finish(ctx, 'scSetup', {
                status,
                reason: why,
                details,
                noFixReason: reason('fix.scSetupManual', { object: objectApiName }),
            });
        }
        return finish(ctx, 'scSetup', {
            status,
            reason: why,
            details,
            ops: [{ kind: 'setScSetupDefaults', itemId: 'scSetup', objectApiName, mode, values }],
        });
    };
    const orgDefault = setting.orgDefault;
    if (!orgDefault) {
        return fixWith(known, 'create', 'fail', reason('item.scSetup.missing', { object: objectApiName }));
    }
    const blanks = known.filter((k) => k.default.required && isBlank(orgDefault[k.field.apiName]));
    if (blanks.length > 0) {
        return fixWith(blanks, 'fillBlanks', 'warning', reason('item.scSetup.blankValues', { count: blanks.length }));
    }
    return finish(ctx, 'scSetup', {
        status: 'pass',
        reason: reason('item.scSetup.ok', { object: setting.objectApiName }),
    });
}

const RULES: readonly ((ctx: Context) => ItemResult)[] = [
    apiAccessRule,
    permissionsRule,
    omniChannelRule,
    serviceChannelRule,
    routingConfigRule,
    queueRule,
    onlineStatusRule,
    busyStatusRule,
    presenceConfigRule,
    profileAccessRule,
    flowRule,
    scSetupRule,
];

/** Runs every rule in checklist order. */
export function runRules(snapshot: OrgSnapshot, choices: SetupChoices = snapshot.choices): ItemResult[] {
    const ctx: Context = {
        snapshot,
        choices,
        results: new Map(),
        channel: null,
        routingConfig: null,
        onlineStatus: null,
        busyStatus: null,
        presenceConfig: null,
    };
    return RULES.map((rule) => rule(ctx));
}
