/** Law 3 of the engine, shared by the scenario and property tests: only what the plan names changes. */
import { sharedRoutingChoice, type Operation, type OrgSnapshot, type Part } from '../setupEngine';

type AnyRecord = { Id?: string } & Record<string, unknown>;

function recordsOf(part: Part<unknown>): AnyRecord[] {
    return part.status === 'read' ? (part.records as AnyRecord[]) : [];
}

const PARTS = [
    'serviceChannels',
    'routingConfigs',
    'queues',
    'queueSobjects',
    'presenceStatuses',
    'statusChannels',
    'presenceConfigs',
    'presenceConfigProfiles',
    'statusAccess',
    'presenceConfigUsers',
    'permissionSetAccess',
    'flows',
] as const;

/** Ids an operation may change in place, and assignment rows it may remove. */
function allowedChanges(ops: Operation[]): { changed: Set<string>; removedProfileRows: Set<string> } {
    const changed = new Set<string>();
    const removedProfileRows = new Set<string>();
    for (const op of ops) {
        if (op.kind === 'upsertRoutingConfig' && op.existingId) changed.add(op.existingId);
        if (op.kind === 'upsertQueue' && op.existingId) changed.add(op.existingId);
        if (op.kind === 'setCapacity') changed.add(op.configId);
        if (op.kind === 'activateFlow') changed.add(`flow:${op.flowApiName}`);
        if (op.kind === 'moveProfilesToConfig')
            for (const m of op.moves) removedProfileRows.add(`${m.fromConfigId}:${m.profileId}`);
        if (op.kind === 'moveUsersToConfig') {
            for (const m of op.moves) {
                removedProfileRows.add(`users:${m.fromConfigId}:${m.profileId}`);
                if (op.configId) changed.add(`users:${op.configId}:${m.profileId}`);
            }
        }
    }
    return { changed, removedProfileRows };
}

function keyOf(record: AnyRecord): string {
    if (record.Id) return record.Id;
    if ('UserCount' in record && 'PresenceUserConfigId' in record) {
        return `users:${String(record.PresenceUserConfigId)}:${String(record.ProfileId)}`;
    }
    if ('ApiName' in record) return `flow:${String(record.ApiName)}`;
    return JSON.stringify(record); // SetupEntityAccess rows: the pair is the identity
}

/** Law 3: every record that existed is still there, unchanged, unless an operation names it. */
export function assertOnlyPlannedChanges(before: OrgSnapshot, after: OrgSnapshot, ops: Operation[]): void {
    const { changed, removedProfileRows } = allowedChanges(ops);
    for (const part of PARTS) {
        const afterByKey = new Map(recordsOf(after[part]).map((r) => [keyOf(r), r]));
        for (const record of recordsOf(before[part])) {
            const now = afterByKey.get(keyOf(record));
            if (part === 'presenceConfigUsers' && !now) {
                expect(removedProfileRows.has(keyOf(record))).toBe(true);
                continue;
            }
            if (part === 'presenceConfigProfiles' && !now) {
                expect(
                    removedProfileRows.has(`${String(record.PresenceUserConfigId)}:${String(record.ProfileId)}`)
                ).toBe(true);
                continue;
            }
            expect(now).toBeDefined();
            if (!changed.has(keyOf(record))) expect(now).toEqual(record);
        }
    }
    // Queue membership (item 13): members are only ever added, and only to a queue an addQueueMembers names.
    const addedTo = new Set(ops.flatMap((op) => (op.kind === 'addQueueMembers' ? [op.queueId ?? ''] : [])));
    const statesAfter = new Map(
        (after.queueMembership ? recordsOf(after.queueMembership) : []).map((r) => [String(r.queueId), r])
    );
    for (const state of before.queueMembership ? recordsOf(before.queueMembership) : []) {
        const now = statesAfter.get(String(state.queueId));
        expect(now).toBeDefined();
        if (!addedTo.has(String(state.queueId))) {
            expect(now).toEqual(state);
            continue;
        }
        const rows = new Set(
            (now?.members as { GroupId: string; UserOrGroupId: string }[]).map((m) => JSON.stringify(m))
        );
        for (const m of state.members as unknown[]) expect(rows.has(JSON.stringify(m))).toBe(true);
    }
}

function recordsIn<T>(part: Part<T> | undefined): readonly T[] {
    return part?.status === 'read' ? part.records : [];
}

/**
 * Law 4: a plan touches only SimplyChat's own components (created by the plan, or carrying the names the admin
 * chose), or what a choice names: the agent profiles, the statuses they use, the profiles ticked for a move, the
 * agents assigned directly when the admin chose to move them, the members the admin chose to add to SimplyChat's
 * queue (never another queue), and Omni-Channel itself after the org-wide confirmation. Other teams' statuses, configurations and profiles are never changed otherwise.
 * Returns what is touched without such a reason (empty when the law holds).
 */
export function touchedWithoutReason(before: OrgSnapshot, ops: readonly Operation[]): string[] {
    const c = before.choices;
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
    const agents = new Set(c.agentProfileIds);
    const moving = new Set(c.moveProfileIds);
    const chatQueues = new Set(
        recordsIn(before.queueSobjects)
            .filter((q) => same(q.SobjectType, c.chatObject))
            .map((q) => q.QueueId)
    );
    const queues = recordsIn(before.queues);
    const chatRouting = new Set(queues.filter((q) => chatQueues.has(q.Id)).map((q) => q.QueueRoutingConfigId));
    const agentStatuses = new Set<string>();
    for (const row of recordsIn(before.statusAccess))
        if (agents.has(row.ProfileId)) agentStatuses.add(row.SetupEntityId);
    for (const ps of recordsIn(before.permissionSetAccess)) {
        if (ps.Assignees.some((a) => agents.has(a.ProfileId))) for (const id of ps.StatusIds) agentStatuses.add(id);
    }
    const configs = recordsIn(before.presenceConfigs);
    const reliedOnByOthers = (configId: string | null, developerName: string): boolean => {
        if (configId === null || same(developerName, c.names.presenceConfig.developerName)) return false;
        const config = configs.find((x) => x.Id === configId);
        if (!config || same(config.DeveloperName, 'default_presence_config')) return true;
        return (
            recordsIn(before.presenceConfigProfiles).some(
                (r) => r.PresenceUserConfigId === configId && !agents.has(r.ProfileId)
            ) ||
            recordsIn(before.presenceConfigUsers).some(
                (r) => r.PresenceUserConfigId === configId && !agents.has(r.ProfileId)
            )
        );
    };
    const wrong: string[] = [];
    const check = (ok: boolean, what: string): void => {
        if (!ok) wrong.push(what);
    };
    for (const op of ops) {
        switch (op.kind) {
            case 'upsertRoutingConfig':
                if (op.existingId) {
                    check(
                        chatRouting.has(op.existingId) || same(op.developerName, c.names.routingConfig.developerName),
                        `routing configuration ${op.developerName}`
                    );
                    // Another team's queue routed by it: changed only when the admin chose so, whatever its name.
                    const sharedWith = recordsIn(before.routedQueues).filter(
                        (q) =>
                            q.QueueRoutingConfigId === op.existingId &&
                            !chatQueues.has(q.Id) &&
                            !same(q.DeveloperName, c.names.queue.developerName)
                    );
                    check(
                        sharedWith.length === 0 || sharedRoutingChoice(c) === 'update',
                        `routing configuration ${op.developerName} shared with ${sharedWith.map((q) => q.Name).join(', ')}`
                    );
                } else {
                    // A configuration the plan creates is SimplyChat's own: it never takes an existing one's name.
                    check(
                        !recordsIn(before.routingConfigs).some((r) => same(r.DeveloperName, op.developerName)),
                        `new routing configuration ${op.developerName} over an existing one`
                    );
                }
                break;
            case 'upsertQueue':
                if (op.existingId) {
                    check(
                        chatQueues.has(op.existingId) || same(op.developerName, c.names.queue.developerName),
                        `queue ${op.developerName}`
                    );
                }
                break;
            case 'addChannelToStatus':
                check(
                    agentStatuses.has(op.statusId) || same(op.statusDeveloperName, c.names.onlineStatus.developerName),
                    `status ${op.statusDeveloperName}`
                );
                break;
            case 'createPresenceConfig':
                check(
                    op.profiles.every((p) => agents.has(p.profileId)),
                    `profiles of ${op.developerName}`
                );
                break;
            case 'setCapacity':
                check(!reliedOnByOthers(op.configId, op.configDeveloperName), `capacity of ${op.configDeveloperName}`);
                break;
            case 'assignProfilesToConfig':
                check(
                    !reliedOnByOthers(op.configId, op.configDeveloperName) &&
                        op.profiles.every((p) => agents.has(p.profileId)),
                    `assignments of ${op.configDeveloperName}`
                );
                break;
            case 'moveProfilesToConfig':
                check(
                    !reliedOnByOthers(op.configId, op.configDeveloperName) &&
                        op.moves.every((m) => moving.has(m.profileId)),
                    `moves into ${op.configDeveloperName}`
                );
                break;
            case 'moveUsersToConfig':
                check(
                    c.moveDirectUsers &&
                        !reliedOnByOthers(op.configId, op.configDeveloperName) &&
                        op.moves.every((m) => agents.has(m.profileId)),
                    `user moves into ${op.configDeveloperName}`
                );
                break;
            case 'grantStatusAccess':
                check(
                    op.grants.every((g) => agents.has(g.profileId)),
                    'status access of a profile that is not an agent profile'
                );
                break;
            case 'addQueueMembers': {
                // Only SimplyChat's queue (a chat queue, ours by name, or the one the plan creates), and only what
                // the admin chose to add: the agents of the agent profiles, or the public group named.
                const ours =
                    op.queueId === null
                        ? same(op.queueDeveloperName, c.names.queue.developerName)
                        : chatQueues.has(op.queueId) || same(op.queueDeveloperName, c.names.queue.developerName);
                const chosen = c.queueMembers;
                const what =
                    chosen?.kind === 'agentUsers'
                        ? op.publicGroupDeveloperName === null && op.profiles.every((p) => agents.has(p.profileId))
                        : chosen?.kind === 'publicGroup'
                          ? op.profiles.length === 0 &&
                            op.publicGroupDeveloperName !== null &&
                            same(op.publicGroupDeveloperName, chosen.groupDeveloperName)
                          : false;
                check(ours && what, `members of queue ${op.queueDeveloperName}`);
                break;
            }
            default:
                break; // creations, Omni-Channel (confirmed org-wide), our flow and our setting
        }
    }
    return wrong;
}
