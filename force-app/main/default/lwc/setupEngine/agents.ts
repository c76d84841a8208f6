/**
 * The Agents view's engine: for each agent user, can they take SimplyChat chats now, and if not, why.
 * Pure: `agentReadiness(snapshot, users, presence)` reads the load's snapshot and one on-demand page of users.
 *
 * Everything that depends on the snapshot only (configurations, statuses carrying the SimplyChat channel, access per
 * profile, queue membership, apps) is prepared once by `agentContext`; each user then costs a few map look-ups plus
 * their own permission sets, so a page is O(users) after O(snapshot). The checks reuse the rules' helpers (the
 * channel of item 4, the statuses of items 7 and 10, the membership of item 13, the apps of item 14): a rule and a
 * row never disagree about the same fact.
 */
import { DEFAULT_PRESENCE_CONFIG, isDefaultPresenceConfig } from './facts';
import { resolveMembership, membershipOf, type Membership, type ResolvedMembership } from './membership';
import { appIndex, omniAppOfUser, type AppIndexResult, type OmniAppAnswer } from './ruleAgentApps';
import { read } from './ruleKit';
import { chatChannel } from './ruleServiceChannel';
import { statusesCarrying, statusIndex } from './ruleStatuses';
import { reason } from './reasons';
import type {
    AgentBlocker,
    AgentWarning,
    AgentPresenceRecord,
    AgentReadiness,
    AgentUserRecord,
    OrgSnapshot,
    Part,
    PermissionSetAccessRecord,
    PresenceUserConfigRecord,
    Reason,
    SalesforceId,
} from './types';

/**
 * The blockers in the order the view names the first one (AgentBlocker). No Service Cloud User is a warning, not a
 * blocker, until an org shows that Omni-Channel needs it (`AgentReadiness.warnings`, docs/org-verification.md row 77).
 */
export const AGENT_BLOCKERS: readonly AgentBlocker[] = [
    'notInQueue',
    'noPresenceConfig',
    'noCapacity',
    'noOnlineStatus',
    'noOmniApp',
];

/** A check's outcome: passes, blocks (with the message), or cannot be decided (with why). */
type Check = { readonly state: 'ok' } | { readonly state: 'blocked' | 'unknown'; readonly reason: Reason };

const OK: Check = { state: 'ok' };

function blocked(r: Reason): Check {
    return { state: 'blocked', reason: r };
}

function unknown(r: Reason): Check {
    return { state: 'unknown', reason: r };
}

function memo<K, T>(cache: Map<K, T>, key: K, make: () => T): T {
    let value = cache.get(key);
    if (value === undefined) {
        value = make();
        cache.set(key, value);
    }
    return value;
}

function isCheck(value: ReadonlyMap<SalesforceId, string> | Check): value is Check {
    return 'state' in value;
}

type OnlineStatuses = AgentReadiness['onlineStatuses'];

/** The presence configuration in effect and whether it was decidable. */
type ConfigAnswer = { readonly config: AgentReadiness['config']; readonly check: Check; readonly capacityCheck: Check };

/** What every row needs from the snapshot, prepared once. */
export interface AgentContext {
    readonly agentProfileIds: ReadonlySet<SalesforceId>;
    readonly profileNames: ReadonlyMap<SalesforceId, string>;
    /** null: the configurations could not be read. */
    readonly configs: ReadonlyMap<SalesforceId, PresenceUserConfigRecord> | null;
    /** null: the profiles' assignments could not be read. */
    readonly profileConfig: ReadonlyMap<SalesforceId, SalesforceId> | null;
    readonly defaultConfig: PresenceUserConfigRecord | null;
    /** Capacity one SimplyChat chat takes (the chat queue's routing configuration; 1 when not known). */
    readonly chatWeight: number;
    /** Statuses carrying the SimplyChat channel (Id → label); a Check when that cannot be known or none does. */
    readonly carrying: ReadonlyMap<SalesforceId, string> | Check;
    /** Profile Id → carrying statuses its own permission set grants; null: profile access not read. */
    readonly profileStatuses: ReadonlyMap<SalesforceId, readonly SalesforceId[]> | null;
    /** User Id → the permission sets (and groups) they hold that grant a carrying status; null: not read. */
    readonly userSets: ReadonlyMap<SalesforceId, readonly PermissionSetAccessRecord[]> | null;
    /** The SimplyChat queue's resolved membership (resolved null: there is no such queue); 'unknown': not read. */
    readonly membership:
        | {
              readonly queueId: SalesforceId | null;
              readonly queueName: string;
              readonly resolved: ResolvedMembership | null;
          }
        | 'unknown';
    readonly apps: AppIndexResult;
    /** Answers shared by many rows (per profile, per configuration), computed once per call: keeps a page O(users). */
    readonly memo: {
        readonly configByUserLevel: Map<SalesforceId, ConfigAnswer>;
        readonly configByProfile: Map<SalesforceId, ConfigAnswer>;
        readonly statusesByProfile: Map<SalesforceId, StatusAnswer>;
        readonly appsByProfile: Map<SalesforceId, AppAnswer>;
        readonly single: Map<'notInQueue', Check>;
        readonly ready: Map<boolean, Reason>;
    };
    /** The labels of the statuses carrying SimplyChat, for the noOnlineStatus message. */
    readonly carryingLabels: string;
    readonly statusLabels: ReadonlyMap<SalesforceId, string>;
}

function mapOf<T, K, V>(records: readonly T[], key: (t: T) => K, value: (t: T) => V): Map<K, V> {
    const map = new Map<K, V>();
    for (const r of records) map.set(key(r), value(r));
    return map;
}

function chatWeightOf(snapshot: OrgSnapshot, queueId: SalesforceId | null): number {
    if (!queueId || snapshot.queues.status !== 'read' || snapshot.routingConfigs.status !== 'read') return 1;
    const queue = snapshot.queues.records.find((q) => q.Id === queueId);
    const config = snapshot.routingConfigs.records.find((r) => r.Id === queue?.QueueRoutingConfigId);
    return config?.CapacityWeight && config.CapacityWeight > 0 ? config.CapacityWeight : 1;
}

function carryingOf(snapshot: OrgSnapshot): AgentContext['carrying'] {
    const channels = read(snapshot.serviceChannels, 'ServiceChannel');
    if (!channels.ok) return unknown(reason('agent.unknown.statuses'));
    const indexed = statusIndex(snapshot);
    if (!indexed.ok) return unknown(reason('agent.unknown.statuses'));
    const channel = snapshot.chatObject.exists ? chatChannel(snapshot.choices, channels.records) : undefined;
    if (!channel) return blocked(reason('agent.noChannel', { object: snapshot.choices.chatObject }));
    const carrying = statusesCarrying(indexed.index, channel.Id);
    if (carrying.length === 0) return blocked(reason('agent.noCarryingStatus', { channel: channel.MasterLabel }));
    return mapOf(
        carrying,
        (s) => s.Id,
        (s) => s.MasterLabel
    );
}

function membershipContext(snapshot: OrgSnapshot): AgentContext['membership'] {
    const part = snapshot.queueMembership;
    if (!part || part.status !== 'read') return 'unknown';
    const state = part.records[0];
    if (!state) return { queueId: null, queueName: snapshot.choices.names.queue.label, resolved: null };
    const queue =
        snapshot.queues.status === 'read' ? snapshot.queues.records.find((q) => q.Id === state.queueId) : null;
    return {
        queueId: state.queueId,
        queueName: queue?.Name ?? snapshot.choices.names.queue.label,
        resolved: resolveMembership(state),
    };
}

/** Prepares everything that depends on the snapshot only: O(snapshot). */
export function agentContext(snapshot: OrgSnapshot): AgentContext {
    const profiles = read(snapshot.profiles, 'Profile');
    const configs = read(snapshot.presenceConfigs, 'PresenceUserConfig');
    const assignments = read(snapshot.presenceConfigProfiles, 'PresenceUserConfigProfile');
    const carrying = carryingOf(snapshot);
    const carryingIds = isCheck(carrying) ? new Map<SalesforceId, string>() : carrying;
    const access = read(snapshot.statusAccess, 'SetupEntityAccess');
    const sets = read(snapshot.permissionSetAccess, 'PermissionSet');
    let profileStatuses: Map<SalesforceId, SalesforceId[]> | null = null;
    if (access.ok) {
        profileStatuses = new Map();
        for (const row of access.records) {
            if (!carryingIds.has(row.SetupEntityId)) continue;
            const list = profileStatuses.get(row.ProfileId) ?? [];
            if (!list.includes(row.SetupEntityId)) list.push(row.SetupEntityId);
            profileStatuses.set(row.ProfileId, list);
        }
    }
    let userSets: Map<SalesforceId, PermissionSetAccessRecord[]> | null = null;
    if (sets.ok) {
        userSets = new Map();
        for (const ps of sets.records) {
            if (!ps.StatusIds.some((id) => carryingIds.has(id))) continue;
            for (const a of ps.Assignees) {
                const list = userSets.get(a.AssigneeId) ?? [];
                list.push(ps);
                userSets.set(a.AssigneeId, list);
            }
        }
    }
    const membership = membershipContext(snapshot);
    const configRecords = configs.ok ? configs.records : [];
    return {
        agentProfileIds: new Set(snapshot.choices.agentProfileIds),
        profileNames: profiles.ok
            ? mapOf(
                  profiles.records,
                  (p) => p.Id,
                  (p) => p.Name
              )
            : new Map(),
        configs: configs.ok
            ? mapOf(
                  configRecords,
                  (c) => c.Id,
                  (c) => c
              )
            : null,
        profileConfig: assignments.ok
            ? mapOf(
                  assignments.records,
                  (a) => a.ProfileId,
                  (a) => a.PresenceUserConfigId
              )
            : null,
        defaultConfig: configRecords.find(isDefaultPresenceConfig) ?? null,
        chatWeight: chatWeightOf(snapshot, membership === 'unknown' ? null : membership.queueId),
        carrying,
        profileStatuses,
        userSets,
        membership,
        apps: appIndex(snapshot),
        memo: {
            configByUserLevel: new Map(),
            configByProfile: new Map(),
            statusesByProfile: new Map(),
            appsByProfile: new Map(),
            single: new Map(),
            ready: new Map(),
        },
        carryingLabels: [...carryingIds.values()].sort().join(', '),
        statusLabels:
            snapshot.presenceStatuses.status === 'read'
                ? mapOf(
                      snapshot.presenceStatuses.records,
                      (s) => s.Id,
                      (s) => s.MasterLabel
                  )
                : new Map(),
    };
}

function queueCheck(ctx: AgentContext, user: AgentUserRecord): { queue: Membership; check: Check } {
    if (ctx.membership === 'unknown') return { queue: 'unknown', check: unknown(reason('agent.unknown.queue')) };
    if (!ctx.membership.resolved) return { queue: null, check: blocked(reason('agent.noQueue')) };
    const queue = membershipOf(ctx.membership.resolved, user);
    if (queue === 'unknown') {
        return { queue, check: unknown(reason('agent.unknown.membership', { queue: ctx.membership.queueName })) };
    }
    if (queue) return { queue, check: OK };
    const queueName = ctx.membership.queueName;
    return {
        queue,
        check: memo(ctx.memo.single, 'notInQueue', () => blocked(reason('agent.notInQueue', { queue: queueName }))),
    };
}

function configCheck(ctx: AgentContext, user: AgentUserRecord, profileName: string): ConfigAnswer {
    const make = (): ConfigAnswer => configOf(ctx, user, profileName);
    return user.DirectConfigId
        ? memo(ctx.memo.configByUserLevel, user.DirectConfigId, make)
        : memo(ctx.memo.configByProfile, user.ProfileId, make);
}

function configOf(ctx: AgentContext, user: AgentUserRecord, profileName: string): ConfigAnswer {
    const undecided = (r: Reason): ConfigAnswer => ({ config: null, check: unknown(r), capacityCheck: unknown(r) });
    if (!ctx.configs) return undecided(reason('agent.unknown.config'));
    let config: PresenceUserConfigRecord | undefined;
    let level: 'user' | 'profile' | 'default';
    if (user.DirectConfigId) {
        config = ctx.configs.get(user.DirectConfigId);
        level = 'user';
    } else {
        if (!ctx.profileConfig) return undecided(reason('agent.unknown.config'));
        const assigned = ctx.profileConfig.get(user.ProfileId);
        config = assigned ? ctx.configs.get(assigned) : (ctx.defaultConfig ?? undefined);
        level = assigned ? 'profile' : 'default';
        if (!assigned && !config) {
            const none = blocked(reason('agent.noPresenceConfig', { profile: profileName }));
            return { config: null, check: none, capacityCheck: OK };
        }
    }
    // An assignment to a configuration that is not among those read: not decidable.
    if (!config) return undecided(reason('agent.unknown.config'));
    const label = isDefaultPresenceConfig(config)
        ? config.MasterLabel || DEFAULT_PRESENCE_CONFIG.label
        : config.MasterLabel;
    const answer = { id: config.Id || null, label, capacity: config.Capacity, level };
    const capacityCheck =
        config.Capacity >= ctx.chatWeight
            ? OK
            : blocked(reason('agent.noCapacity', { config: label, capacity: config.Capacity, weight: ctx.chatWeight }));
    return { config: answer, check: OK, capacityCheck };
}

type StatusAnswer = { readonly statuses: OnlineStatuses; readonly check: Check };

/** Users without a permission set granting a carrying status share their profile's answer. */
function statusCheck(ctx: AgentContext, user: AgentUserRecord, profileName: string): StatusAnswer {
    if (ctx.userSets?.has(user.Id) && ctx.agentProfileIds.has(user.ProfileId)) {
        return statusesOf(ctx, user, profileName);
    }
    return memo(ctx.memo.statusesByProfile, user.ProfileId, () => statusesOf(ctx, user, profileName));
}

function statusesOf(ctx: AgentContext, user: AgentUserRecord, profileName: string): StatusAnswer {
    if (isCheck(ctx.carrying)) return { statuses: [], check: ctx.carrying };
    const carrying = ctx.carrying;
    const statuses: { label: string; through: string }[] = [];
    const seen = new Set<string>();
    const add = (id: SalesforceId, through: string): void => {
        const key = `${id}\u0000${through}`;
        if (seen.has(key)) return;
        seen.add(key);
        statuses.push({ label: carrying.get(id) as string, through });
    };
    const agentProfile = ctx.agentProfileIds.has(user.ProfileId);
    if (agentProfile && ctx.profileStatuses) {
        for (const id of ctx.profileStatuses.get(user.ProfileId) ?? []) add(id, 'profile');
    }
    if (agentProfile && ctx.userSets) {
        for (const ps of ctx.userSets.get(user.Id) ?? []) {
            for (const id of ps.StatusIds) if (carrying.has(id)) add(id, ps.Label);
        }
    }
    const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    statuses.sort((a, b) => byText(a.label, b.label) || byText(a.through, b.through));
    if (statuses.length > 0) return { statuses, check: OK };
    // Status access is read for the agent profiles only (profile rows and their users' permission sets).
    if (!agentProfile)
        return { statuses, check: unknown(reason('agent.unknown.notAgentProfile', { profile: profileName })) };
    if (!ctx.profileStatuses || !ctx.userSets) return { statuses, check: unknown(reason('agent.unknown.statuses')) };
    return {
        statuses,
        check: blocked(reason('agent.noOnlineStatus', { profile: profileName, statuses: ctx.carryingLabels })),
    };
}

type AppAnswer = { readonly omniApp: OmniAppAnswer; readonly through: readonly string[]; readonly check: Check };

/** Users with no permission set granting an app share their profile's answer; the others are answered one by one. */
function appCheck(ctx: AgentContext, user: AgentUserRecord, profileName: string): AppAnswer {
    const apps = ctx.apps;
    if (apps.ok && ctx.agentProfileIds.has(user.ProfileId) && apps.index.userGrants.get(user.ProfileId)?.has(user.Id))
        return appOf(ctx, user, profileName);
    return memo(ctx.memo.appsByProfile, user.ProfileId, () => appOf(ctx, user, profileName));
}

function appOf(ctx: AgentContext, user: AgentUserRecord, profileName: string): AppAnswer {
    if (!ctx.agentProfileIds.has(user.ProfileId)) {
        return {
            omniApp: 'unknown',
            through: [],
            check: unknown(reason('agent.unknown.notAgentProfile', { profile: profileName })),
        };
    }
    const apps = ctx.apps;
    if (!apps.ok) return { omniApp: 'unknown', through: [], check: unknown(reason('agent.unknown.apps')) };
    const answer = omniAppOfUser(apps.index, user.ProfileId, user.Id);
    if (answer.answer === 'yes') {
        return { omniApp: 'yes', through: answer.sets.length > 0 ? answer.sets : ['profile'], check: OK };
    }
    if (answer.answer === 'no')
        return { omniApp: 'no', through: [], check: blocked(reason('agent.noOmniApp', { profile: profileName })) };
    const why = answer.why;
    return {
        omniApp: 'unknown',
        through: [],
        check: unknown(
            why === 'hidden'
                ? reason('agent.unknown.appHidden', { profile: profileName })
                : why === 'hiddenSet'
                  ? reason('agent.unknown.appHiddenSet')
                  : why === 'setsUnread'
                    ? reason('agent.unknown.appSets')
                    : why === 'sidebar'
                      ? reason('agent.unknown.sidebar', { profile: profileName })
                      : apps.index.barsDetail?.kind === 'unreadable' && apps.index.barsDetail.code === 'notRead'
                        ? reason('agent.unknown.utilityBars')
                        : reason('agent.unknown.apps')
        ),
    };
}

function presenceOf(
    ctx: AgentContext,
    presence: ReadonlyMap<SalesforceId, AgentPresenceRecord> | null,
    userId: SalesforceId,
    seesAll: boolean
): AgentReadiness['presence'] {
    if (!presence) return 'unknown';
    const row = presence.get(userId);
    // UserServicePresence is under sharing: no row means offline only for a reader who sees every row (row 70).
    if (!row) return seesAll ? 'offline' : 'unknown';
    return {
        statusLabel: ctx.statusLabels.get(row.ServicePresenceStatusId) ?? row.ServicePresenceStatusId,
        isAway: row.IsAway,
        since: row.StatusStartDate,
    };
}

/** One user's readiness, given the prepared context: O(1) plus the user's own permission sets. */
export function agentReadinessOf(
    ctx: AgentContext,
    user: AgentUserRecord,
    presence: ReadonlyMap<SalesforceId, AgentPresenceRecord> | null,
    presenceSeesAll = false
): AgentReadiness {
    const profileName = ctx.profileNames.get(user.ProfileId) ?? user.ProfileId;
    const queue = queueCheck(ctx, user);
    const config = configCheck(ctx, user, profileName);
    const statuses = statusCheck(ctx, user, profileName);
    const app = appCheck(ctx, user, profileName);
    // In the order of AGENT_BLOCKERS.
    const checks: readonly Check[] = [queue.check, config.check, config.capacityCheck, statuses.check, app.check];
    const warnings: AgentWarning[] = user.ServiceCloudUser ? [] : ['noServiceCloudUser'];
    const blockers: AgentBlocker[] = [];
    const unknowns: AgentBlocker[] = [];
    let firstBlocked: Check | undefined;
    let firstUnknown: Check | undefined;
    for (let i = 0; i < checks.length; i++) {
        const check = checks[i];
        if (check.state === 'blocked') {
            blockers.push(AGENT_BLOCKERS[i]);
            firstBlocked ??= check;
        } else if (check.state === 'unknown') {
            unknowns.push(AGENT_BLOCKERS[i]);
            firstUnknown ??= check;
        }
    }
    const first = firstBlocked ?? firstUnknown;
    return {
        userId: user.Id,
        name: user.Name,
        username: user.Username,
        profileId: user.ProfileId,
        profileName,
        config: config.config,
        onlineStatuses: statuses.statuses,
        queue: queue.queue,
        serviceCloudUser: user.ServiceCloudUser,
        omniApp: app.omniApp,
        omniAppThrough: app.through,
        presence: presenceOf(ctx, presence, user.Id, presenceSeesAll),
        status: blockers.length > 0 ? 'notReady' : unknowns.length > 0 ? 'unknown' : 'ready',
        blockers,
        warnings,
        unknowns,
        reason:
            first && first.state !== 'ok'
                ? first.reason
                : warnings.length > 0
                  ? memo(ctx.memo.ready, false, () => reason('agent.warn.noServiceCloudUser'))
                  : memo(ctx.memo.ready, true, () => reason('agent.ready')),
    };
}

/** Current presence by user, or null when it could not be read. */
export function presenceByUser(presence: Part<AgentPresenceRecord>): Map<SalesforceId, AgentPresenceRecord> | null {
    if (presence.status !== 'read') return null;
    return mapOf(
        presence.records,
        (p) => p.UserId,
        (p) => p
    );
}

/**
 * The readiness of each user, in the order given. A user is 'ready' only when nothing blocks and nothing needed is
 * unknown; 'notReady' when a blocker is certain (the first one is the reason); 'unknown' otherwise.
 */
export function agentReadiness(
    snapshot: OrgSnapshot,
    users: readonly AgentUserRecord[],
    presence: Part<AgentPresenceRecord>,
    /** AgentPage.presenceSeesAll: whether a user without a presence row is known to be offline. */
    presenceSeesAll = false
): AgentReadiness[] {
    const ctx = agentContext(snapshot);
    const current = presenceByUser(presence);
    return users.map((user) => agentReadinessOf(ctx, user, current, presenceSeesAll));
}
