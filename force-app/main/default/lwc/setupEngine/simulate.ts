/**
 * simulate(): applies operations to a snapshot the way the org would, without touching the input. Used by the
 * tests, the local preview's simulated org and the CLI's fake Salesforce API. Ids of new records are simulated
 * (`<prefix>SIM<counter>`, 18 characters); the key prefixes are illustrative.
 */
import { DEFAULT_PRESENCE_CONFIG, isDefaultPresenceConfig } from './facts';
import { coverageByProfile, resolveMembership } from './membership';
import type {
    AddQueueMembersOp,
    FieldValue,
    Operation,
    OrgSnapshot,
    Part,
    PresenceUserConfigProfileRecord,
    QueueMembershipState,
    ScSetupState,
} from './types';

/** An operation the simulated org refuses, with the message the org would give. */
export class SimulationError extends Error {
    readonly operation: Operation;
    constructor(operation: Operation, message: string) {
        super(message);
        this.name = 'SimulationError';
        this.operation = operation;
    }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parts whose objects exist only with Omni-Channel on. */
const OMNI_PARTS = [
    'serviceChannels',
    'routingConfigs',
    'presenceStatuses',
    'statusChannels',
    'presenceConfigs',
    'presenceConfigProfiles',
    'presenceConfigUsers',
    'statusAccess',
    'permissionSetAccess',
] as const;

function records<T>(part: Part<T>, operation: Operation, name: string): T[] {
    if (part.status !== 'read') throw new SimulationError(operation, `${name} is not readable (${part.code})`);
    return [...part.records];
}

function readPart<T>(list: T[]): Part<T> {
    return { status: 'read', records: list };
}

function lower(s: string): string {
    return s.toLowerCase();
}

export function simulate(snapshot: OrgSnapshot, operations: readonly Operation[]): OrgSnapshot {
    // A snapshot is plain JSON by contract, so a JSON round trip is a deep copy (structuredClone is missing in jsdom).
    const s = JSON.parse(JSON.stringify(snapshot)) as Mutable<OrgSnapshot>;
    const counters = new Map<string, number>();
    const allIds = new Set<string>();
    const collect = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === 'object') {
            for (const [k, v] of Object.entries(value)) {
                if (k === 'Id' && typeof v === 'string') allIds.add(v);
                else collect(v);
            }
        }
    };
    collect(snapshot);
    const newId = (prefix: string): string => {
        let n = counters.get(prefix) ?? 0;
        let id: string;
        do {
            n += 1;
            id = `${prefix}SIM${String(n).padStart(12, '0')}`;
        } while (allIds.has(id));
        counters.set(prefix, n);
        allIds.add(id);
        return id;
    };

    for (const op of operations) {
        switch (op.kind) {
            case 'enableOmniChannel': {
                s.omniEnabled = true;
                for (const key of OMNI_PARTS) {
                    const part = s[key];
                    if (part.status === 'unavailable' && part.code === 'omniDisabled') {
                        (s as Record<string, unknown>)[key] = readPart([]);
                    }
                }
                // Salesforce creates the Default Presence Configuration when Omni-Channel is enabled.
                const configs = records(s.presenceConfigs, op, 'PresenceUserConfig');
                if (!configs.some(isDefaultPresenceConfig)) {
                    configs.push({
                        Id: newId('0Nd'),
                        DeveloperName: DEFAULT_PRESENCE_CONFIG.developerName,
                        MasterLabel: DEFAULT_PRESENCE_CONFIG.label,
                        Capacity: DEFAULT_PRESENCE_CONFIG.capacity,
                    });
                    s.presenceConfigs = readPart(configs);
                }
                break;
            }
            case 'createServiceChannel': {
                const list = records(s.serviceChannels, op, 'ServiceChannel');
                if (list.some((c) => lower(c.DeveloperName) === lower(op.developerName))) {
                    throw new SimulationError(op, `DUPLICATE_DEVELOPER_NAME: ${op.developerName}`);
                }
                if (list.some((c) => lower(c.RelatedEntity) === lower(op.relatedEntityType))) {
                    throw new SimulationError(op, `A service channel already routes ${op.relatedEntityType}`);
                }
                list.push({
                    Id: newId('0N1'),
                    DeveloperName: op.developerName,
                    MasterLabel: op.label,
                    RelatedEntity: op.relatedEntityType,
                });
                s.serviceChannels = readPart(list);
                break;
            }
            case 'upsertRoutingConfig': {
                const list = records(s.routingConfigs, op, 'QueueRoutingConfig');
                const values = {
                    RoutingModel: op.routingModel,
                    RoutingPriority: op.routingPriority,
                    CapacityWeight: op.capacityWeight,
                    CapacityPercentage: null,
                };
                const index = op.existingId ? list.findIndex((c) => c.Id === op.existingId) : -1;
                if (op.existingId && index < 0)
                    throw new SimulationError(op, `No routing configuration ${op.existingId}`);
                if (index >= 0) list[index] = { ...list[index], ...values };
                else list.push({ Id: newId('0K7'), DeveloperName: op.developerName, MasterLabel: op.label, ...values });
                s.routingConfigs = readPart(list);
                break;
            }
            case 'upsertQueue': {
                const configs = records(s.routingConfigs, op, 'QueueRoutingConfig');
                const config = configs.find((c) => lower(c.DeveloperName) === lower(op.routingConfigDeveloperName));
                if (!config) throw new SimulationError(op, `No routing configuration ${op.routingConfigDeveloperName}`);
                const queues = records(s.queues, op, 'Group');
                const sobjects = records(s.queueSobjects, op, 'QueueSobject');
                let queueId = op.existingId;
                if (queueId) {
                    const index = queues.findIndex((q) => q.Id === queueId);
                    if (index < 0) throw new SimulationError(op, `No queue ${queueId}`);
                    queues[index] = { ...queues[index], QueueRoutingConfigId: config.Id };
                } else {
                    queueId = newId('00G');
                    queues.push({
                        Id: queueId,
                        DeveloperName: op.developerName,
                        Name: op.label,
                        QueueRoutingConfigId: config.Id,
                    });
                }
                for (const type of op.addSobjectTypes) {
                    if (!sobjects.some((q) => q.QueueId === queueId && lower(q.SobjectType) === lower(type))) {
                        sobjects.push({ Id: newId('03g'), QueueId: queueId, SobjectType: type });
                    }
                }
                s.queues = readPart(queues);
                s.queueSobjects = readPart(sobjects);
                // Every routed queue is in ROUTED_QUEUES: the queue now routes through this configuration.
                if (s.routedQueues?.status === 'read') {
                    const routed = s.routedQueues.records.filter((q) => q.Id !== queueId);
                    const queue = queues.find((q) => q.Id === queueId);
                    s.routedQueues = readPart(queue ? [...routed, queue] : routed);
                }
                // A new queue has no members: the org's next read of its membership is an empty one.
                if (!op.existingId && s.queueMembership?.status === 'read') {
                    s.queueMembership = readPart([
                        ...s.queueMembership.records,
                        withAgentCounts(s, emptyMembership(queueId)),
                    ]);
                }
                break;
            }
            case 'addQueueMembers': {
                s.queueMembership = readPart(addQueueMembers(s, op, newId));
                break;
            }
            case 'createPresenceStatus': {
                const statuses = records(s.presenceStatuses, op, 'ServicePresenceStatus');
                const links = records(s.statusChannels, op, 'ServiceChannelStatus');
                const channels = records(s.serviceChannels, op, 'ServiceChannel');
                if (statuses.some((st) => lower(st.DeveloperName) === lower(op.developerName))) {
                    throw new SimulationError(op, `DUPLICATE_DEVELOPER_NAME: ${op.developerName}`);
                }
                const id = newId('0N5');
                statuses.push({ Id: id, DeveloperName: op.developerName, MasterLabel: op.label });
                for (const name of op.channelDeveloperNames) {
                    const channel = channels.find((c) => lower(c.DeveloperName) === lower(name));
                    if (!channel) throw new SimulationError(op, `No service channel ${name}`);
                    links.push({ Id: newId('0N6'), ServicePresenceStatusId: id, ServiceChannelId: channel.Id });
                }
                s.presenceStatuses = readPart(statuses);
                s.statusChannels = readPart(links);
                break;
            }
            case 'addChannelToStatus': {
                const links = records(s.statusChannels, op, 'ServiceChannelStatus');
                const channel = records(s.serviceChannels, op, 'ServiceChannel').find(
                    (c) => lower(c.DeveloperName) === lower(op.channelDeveloperName)
                );
                if (!channel) throw new SimulationError(op, `No service channel ${op.channelDeveloperName}`);
                if (!records(s.presenceStatuses, op, 'ServicePresenceStatus').some((st) => st.Id === op.statusId)) {
                    throw new SimulationError(op, `No presence status ${op.statusId}`);
                }
                if (
                    !links.some((l) => l.ServicePresenceStatusId === op.statusId && l.ServiceChannelId === channel.Id)
                ) {
                    links.push({
                        Id: newId('0N6'),
                        ServicePresenceStatusId: op.statusId,
                        ServiceChannelId: channel.Id,
                    });
                }
                s.statusChannels = readPart(links);
                break;
            }
            case 'createPresenceConfig': {
                const configs = records(s.presenceConfigs, op, 'PresenceUserConfig');
                if (configs.some((c) => lower(c.DeveloperName) === lower(op.developerName))) {
                    throw new SimulationError(op, `DUPLICATE_DEVELOPER_NAME: ${op.developerName}`);
                }
                const id = newId('0Nd');
                configs.push({ Id: id, DeveloperName: op.developerName, MasterLabel: op.label, Capacity: op.capacity });
                s.presenceConfigs = readPart(configs);
                s.presenceConfigProfiles = readPart(
                    assign(
                        records(s.presenceConfigProfiles, op, 'PresenceUserConfigProfile'),
                        id,
                        op.profiles.map((p) => p.profileId),
                        op,
                        newId
                    )
                );
                break;
            }
            case 'setCapacity': {
                const configs = records(s.presenceConfigs, op, 'PresenceUserConfig');
                const index = configs.findIndex((c) => c.Id === op.configId);
                if (index < 0) throw new SimulationError(op, `No presence configuration ${op.configId}`);
                configs[index] = { ...configs[index], Capacity: op.capacity };
                s.presenceConfigs = readPart(configs);
                break;
            }
            case 'assignProfilesToConfig':
            case 'moveProfilesToConfig': {
                const configs = records(s.presenceConfigs, op, 'PresenceUserConfig');
                const target = op.configId
                    ? configs.find((c) => c.Id === op.configId)
                    : configs.find((c) => lower(c.DeveloperName) === lower(op.configDeveloperName));
                if (!target) throw new SimulationError(op, `No presence configuration ${op.configDeveloperName}`);
                let rows = records(s.presenceConfigProfiles, op, 'PresenceUserConfigProfile');
                const ids =
                    op.kind === 'assignProfilesToConfig'
                        ? op.profiles.map((p) => p.profileId)
                        : op.moves.map((m) => m.profileId);
                if (op.kind === 'moveProfilesToConfig') {
                    const moving = new Map(op.moves.map((m) => [m.profileId, m.fromConfigId]));
                    rows = rows.filter((r) => moving.get(r.ProfileId) !== r.PresenceUserConfigId);
                }
                s.presenceConfigProfiles = readPart(assign(rows, target.Id, ids, op, newId));
                break;
            }
            case 'moveUsersToConfig': {
                const configs = records(s.presenceConfigs, op, 'PresenceUserConfig');
                const target = op.configId
                    ? configs.find((c) => c.Id === op.configId)
                    : configs.find((c) => lower(c.DeveloperName) === lower(op.configDeveloperName));
                if (!target) throw new SimulationError(op, `No presence configuration ${op.configDeveloperName}`);
                const rows = records(s.presenceConfigUsers, op, 'PresenceUserConfigUser');
                for (const move of op.moves) {
                    const index = rows.findIndex(
                        (r) => r.PresenceUserConfigId === move.fromConfigId && r.ProfileId === move.profileId
                    );
                    if (index < 0)
                        throw new SimulationError(op, `No users of ${move.profileId} in ${move.fromConfigId}`);
                    const [row] = rows.splice(index, 1);
                    const into = rows.findIndex(
                        (r) => r.PresenceUserConfigId === target.Id && r.ProfileId === move.profileId
                    );
                    if (into >= 0) {
                        const other = rows[into];
                        rows[into] = {
                            ...other,
                            UserCount: other.UserCount + row.UserCount,
                            FirstUserName:
                                other.FirstUserName < row.FirstUserName ? other.FirstUserName : row.FirstUserName,
                        };
                    } else rows.push({ ...row, PresenceUserConfigId: target.Id });
                }
                s.presenceConfigUsers = readPart(rows);
                break;
            }
            case 'grantStatusAccess': {
                const statuses = records(s.presenceStatuses, op, 'ServicePresenceStatus');
                const rows = records(s.statusAccess, op, 'SetupEntityAccess');
                for (const grant of op.grants) {
                    for (const name of grant.statusDeveloperNames) {
                        const status = statuses.find((st) => lower(st.DeveloperName) === lower(name));
                        if (!status) throw new SimulationError(op, `No presence status ${name}`);
                        if (!rows.some((r) => r.ProfileId === grant.profileId && r.SetupEntityId === status.Id)) {
                            rows.push({ ProfileId: grant.profileId, SetupEntityId: status.Id });
                        }
                    }
                }
                s.statusAccess = readPart(rows);
                break;
            }
            case 'upsertAgentPermissionSet': {
                const statuses = records(s.presenceStatuses, op, 'ServicePresenceStatus');
                const ids = op.statusDeveloperNames.map((name) => {
                    const status = statuses.find((st) => lower(st.DeveloperName) === lower(name));
                    if (!status) throw new SimulationError(op, `No presence status ${name}`);
                    return status.Id;
                });
                const owned = records(s.agentPermissionSet ?? readPart([]), op, 'PermissionSet');
                if ((op.existingId === null) !== (owned.length === 0))
                    throw new SimulationError(op, `PermissionSet ${op.developerName} exists: ${owned.length}`);
                const id = op.existingId ?? newId('0PS');
                s.agentPermissionSet = readPart([
                    {
                        Id: id,
                        Name: op.developerName,
                        Label: op.label,
                        Description: op.description,
                        HasActivationRequired: false,
                    },
                ]);
                const sets = records(s.permissionSetAccess, op, 'PermissionSet');
                const index = sets.findIndex((ps) => ps.Id === id);
                const assignees = index < 0 ? [] : sets[index].Assignees;
                const record = {
                    Id: id,
                    Label: op.label,
                    PermissionSetGroupId: null,
                    StatusIds: ids,
                    Assignees: assignees,
                };
                s.permissionSetAccess = readPart(
                    index < 0 ? [...sets, record] : sets.map((ps, i) => (i === index ? record : ps))
                );
                break;
            }
            case 'assignAgentPermissionSet': {
                const [set] = records(s.agentPermissionSet ?? readPart([]), op, 'PermissionSet');
                if (!set) throw new SimulationError(op, `No permission set ${op.permissionSetDeveloperName}`);
                const profiles = records(s.profiles, op, 'Profile');
                const sets = records(s.permissionSetAccess, op, 'PermissionSet');
                // The set's access rows exist only once it grants a status the load asked about.
                const current = sets.find((ps) => ps.Id === set.Id) ?? {
                    Id: set.Id,
                    Label: set.Label,
                    PermissionSetGroupId: null,
                    StatusIds: [],
                    Assignees: [],
                };
                const assignees = [...current.Assignees];
                for (const ref of op.profiles) {
                    const profile = profiles.find((p) => p.Id === ref.profileId);
                    if (!profile) throw new SimulationError(op, `No profile ${ref.profileId}`);
                    for (let i = 0; i < profile.UserCount; i++) {
                        const user = `${profile.Id}-user-${i}`;
                        if (!assignees.some((a) => a.AssigneeId === user))
                            assignees.push({ AssigneeId: user, ProfileId: profile.Id });
                    }
                }
                s.permissionSetAccess = readPart([
                    ...sets.filter((ps) => ps.Id !== set.Id),
                    { ...current, Assignees: assignees },
                ]);
                break;
            }
            case 'activateFlow': {
                const flows = records(s.flows, op, 'FlowDefinitionView');
                const index = flows.findIndex(
                    (f) => f.ApiName === op.flowApiName && f.LatestVersionId === op.latestVersionId
                );
                if (index < 0)
                    throw new SimulationError(op, `No flow ${op.flowApiName} with version ${op.latestVersionId}`);
                flows[index] = { ...flows[index], ActiveVersionId: op.latestVersionId };
                s.flows = readPart(flows);
                break;
            }
            case 'setScSetupDefaults': {
                const [setting] = records(s.scSetup, op, 'SC Setup');
                if (!setting || setting.objectApiName !== op.objectApiName) {
                    throw new SimulationError(op, `No custom setting ${op.objectApiName}`);
                }
                if (op.mode === 'create' && setting.orgDefault)
                    throw new SimulationError(op, 'The org default record already exists');
                if (op.mode === 'fillBlanks' && !setting.orgDefault)
                    throw new SimulationError(op, 'There is no org default record');
                const orgDefault: Record<string, FieldValue> = { ...(setting.orgDefault ?? {}), ...op.values };
                const next: ScSetupState = { ...setting, orgDefault };
                s.scSetup = readPart([next]);
                break;
            }
            default:
                throw new SimulationError(op, `Unknown operation ${(op as { kind: string }).kind}`);
        }
    }
    return s;
}

function emptyMembership(queueId: string): QueueMembershipState {
    return {
        queueId,
        members: [],
        groups: [],
        roles: [],
        memberUsers: [],
        agentsByRole: [],
        unresolvedGroupIds: [],
    };
}

/**
 * addQueueMembers, read-modify-write as the server does it: every existing member is kept. The simulated org knows
 * users only as counts per profile, so:
 *  - 'agentUsers' adds `userCount` stand-in users per profile (simulated Ids, no role) as members by name: the
 *    agents who were not members become members;
 *  - 'publicGroup' adds the group (from `publicGroups`) as a member of the queue, and assumes it holds the agents
 *    who were not members (stand-in users in the group, counted per profile from the profiles part). A group
 *    that does not exist is refused, as the org would.
 */
function addQueueMembers(
    s: Mutable<OrgSnapshot>,
    op: AddQueueMembersOp,
    newId: (prefix: string) => string
): QueueMembershipState[] {
    if (!s.queueMembership) throw new SimulationError(op, 'Queue membership is not readable (not read)');
    const states = records(s.queueMembership, op, 'GroupMember');
    const queues = records(s.queues, op, 'Group');
    const queue = op.queueId
        ? queues.find((q) => q.Id === op.queueId)
        : queues.find((q) => lower(q.DeveloperName) === lower(op.queueDeveloperName));
    if (!queue) throw new SimulationError(op, `No queue ${op.queueId ?? op.queueDeveloperName}`);
    const index = states.findIndex((st) => st.queueId === queue.Id);
    const state = withAgentCounts(s, index >= 0 ? states[index] : emptyMembership(queue.Id));
    const members = [...state.members];
    const groups = [...state.groups];
    const memberUsers = [...state.memberUsers];
    const standIns = (groupId: string, counts: readonly { profileId: string; userCount: number }[]): void => {
        for (const { profileId, userCount } of counts) {
            for (let n = 0; n < userCount; n++) {
                const userId = newId('005');
                members.push({ GroupId: groupId, UserOrGroupId: userId });
                memberUsers.push({ Id: userId, ProfileId: profileId, UserRoleId: null });
            }
        }
    };
    if (op.publicGroupDeveloperName === null) {
        standIns(queue.Id, op.profiles);
    } else {
        const name = op.publicGroupDeveloperName;
        const group = records(s.publicGroups ?? { status: 'unavailable', code: 'notRead' }, op, 'Group').find(
            (g) => lower(g.DeveloperName) === lower(name)
        );
        if (!group) throw new SimulationError(op, `No public group ${name}`);
        if (!members.some((m) => m.GroupId === queue.Id && m.UserOrGroupId === group.Id)) {
            members.push({ GroupId: queue.Id, UserOrGroupId: group.Id });
        }
        if (!groups.some((g) => g.Id === group.Id)) {
            groups.push({
                Id: group.Id,
                Type: 'Regular',
                RelatedId: null,
                DeveloperName: group.DeveloperName,
                Name: group.Name,
            });
        }
        // The agents who were not members are assumed to be in the group (see above).
        standIns(group.Id, notMembers(s, state));
    }
    const next: QueueMembershipState = { ...state, members, groups, memberUsers };
    const out = [...states];
    if (index >= 0) out[index] = next;
    else out.push(next);
    return out;
}

/**
 * The reader counts the agent profiles' users per role; a record the simulation makes (or one read before a profile
 * was chosen) lacks them: the profile's users are then counted without a role, as the profiles part gives them.
 */
function withAgentCounts(s: OrgSnapshot, state: QueueMembershipState): QueueMembershipState {
    const counted = new Set(state.agentsByRole.map((c) => c.ProfileId));
    const chosen = new Set(s.choices.agentProfileIds);
    const profiles = s.profiles.status === 'read' ? s.profiles.records : [];
    const missing = profiles.filter((p) => chosen.has(p.Id) && !counted.has(p.Id));
    if (missing.length === 0) return state;
    return {
        ...state,
        agentsByRole: [
            ...state.agentsByRole,
            ...missing.map((p) => ({ ProfileId: p.Id, UserRoleId: null, UserCount: p.UserCount })),
        ],
    };
}

/** Agents of the chosen profiles who are not members, per profile (the profiles part gives the user counts). */
function notMembers(s: OrgSnapshot, state: QueueMembershipState): { profileId: string; userCount: number }[] {
    const profiles = s.profiles.status === 'read' ? s.profiles.records : [];
    const chosen = new Set(s.choices.agentProfileIds);
    const resolved = resolveMembership(state);
    const counted = new Map(coverageByProfile(state, resolved).map((c) => [c.profileId, c.memberCount]));
    return profiles
        .filter((p) => chosen.has(p.Id))
        .map((p) => ({
            profileId: p.Id,
            userCount: resolved.allInternal ? 0 : Math.max(0, p.UserCount - (counted.get(p.Id) ?? 0)),
        }))
        .filter((c) => c.userCount > 0);
}

/** Adds profile assignments; a profile already in a configuration is refused, as in the org. */
function assign(
    rows: PresenceUserConfigProfileRecord[],
    configId: string,
    profileIds: readonly string[],
    op: Operation,
    newId: (prefix: string) => string
): PresenceUserConfigProfileRecord[] {
    const taken = new Set(rows.map((r) => r.ProfileId));
    for (const profileId of profileIds) {
        if (taken.has(profileId))
            throw new SimulationError(op, `Profile ${profileId} is already in a presence configuration`);
        rows.push({ Id: newId('0Nf'), PresenceUserConfigId: configId, ProfileId: profileId });
        taken.add(profileId);
    }
    return rows;
}
