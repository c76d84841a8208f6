/**
 * Carries out the engine's operations through the org's jsforce Connection, with the same routes as the Apex
 * operations controller: Metadata API read-modify-write (all or none, at most 10 components per call), Tooling for a
 * presence configuration's capacity and the flow's active version, REST for the SC Setup org default. An operation
 * stops at its first refused call and the rest are not run. Components the engine did not name are never written.
 */
import { ROUTING_MODEL_METADATA } from '../../../force-app/main/default/lwc/setupEngine/contract.js';
import { FLOWS_URL } from '../../../force-app/main/default/lwc/setupEngine/setupPages.js';
import type { Operation } from '../../../force-app/main/default/lwc/setupEngine/setupEngine.js';
import { bindSoql, SOQL } from '../../lib/soql.js';
import { isAuthOrNetworkError } from './errors.js';
import { chunks, METADATA_BATCH, type MetadataRecord, type OrgApi } from './orgApi.js';
import { quoted } from './reader.js';

/** The users a user move takes, as SetupOperationChecks.DIRECT_USERNAMES reads them in Apex. */
export const DIRECT_USERNAMES =
    'SELECT PresenceUserConfigId, User.Username, User.ProfileId FROM PresenceUserConfigUser WHERE PresenceUserConfigId IN :configIds AND User.ProfileId IN :profileIds AND User.IsActive = TRUE LIMIT 10000';

/**
 * The usernames an `addQueueMembers` ('agentUsers') adds: the active users of the op's profiles, in one query, as
 * SetupOperationChecks reads them in Apex (there with WITH USER_MODE). The ones the queue already lists by name are
 * left out when the queue is written. More than MAX_QUEUE_USERS: the operation stops (a public group is the way).
 */
export const AGENT_USERNAMES = SOQL.AGENT_USERNAMES;

/** The most users one run adds to a queue by name (SetupOperationChecks.MAX_QUEUE_USERS). */
export const MAX_QUEUE_USERS = 10000;

/** The WSDL element order of what the executor writes (the Metadata API reads elements in sequence). */
export const ORDER = {
    QueueRoutingConfig: [
        'fullName',
        'capacityPercentage',
        'capacityType',
        'capacityWeight',
        'dropAdditionalSkillsTimeout',
        'isAttributeBased',
        'label',
        'pausedCapacityPercentage',
        'pausedCapacityWeight',
        'pushTimeout',
        'queueOverflowAssignee',
        'routingModel',
        'routingPriority',
        'skills',
        'userOverflowAssignee',
    ],
    Queue: [
        'fullName',
        'description',
        'doesIncludeBosses',
        'doesSendEmailToMembers',
        'email',
        'name',
        'queueMembers',
        'queueRoutingConfig',
        'queueSobject',
    ],
    /** Queue.queueMembers (QueueMembers). */
    QueueMembers: ['publicGroups', 'roleAndSubordinates', 'roleAndSubordinatesInternal', 'roles', 'users'],
    ServicePresenceStatus: ['fullName', 'channels', 'label'],
    PresenceUserConfig: [
        'fullName',
        'acwExtensionDuration',
        'afterConvoWorkMaxTime',
        'assignments',
        'capacity',
        'declineReasons',
        'enableAutoAccept',
        'enableDecline',
        'enableDeclineReason',
        'enableDisconnectSound',
        'enableRequestSound',
        'hasAcwExtensionEnabled',
        'hasAfterConvoWorkTimer',
        'interruptibleCapacity',
        'label',
        'maxExtensions',
        'presenceStatusOnDecline',
        'presenceStatusOnPushTimeout',
        'userDisplayName',
    ],
    OmniChannelSettings: [
        'fullName',
        'enableOmniAutoLoginPrompt',
        'enableOmniChannel',
        'enableOmniSecondaryRoutingPriority',
        'enableOmniSkillsRouting',
        'enableOmniStatusCapModel',
    ],
} as const;

export class OperationError extends Error {
    constructor(
        readonly code: string,
        message: string,
        /** What this operation had already changed when it stopped (earlier all-or-none calls that succeeded). */
        readonly changed: string[] = []
    ) {
        super(message);
        this.name = 'OperationError';
    }
}

export interface OperationOutcome {
    readonly index: number;
    readonly operation: Operation;
    readonly status: 'done' | 'failed' | 'notRun';
    readonly changed: string[];
    readonly error?: { code: string; message: string };
}

type Obj = Record<string, unknown>;

const list = <T>(value: T | T[] | undefined | null): T[] =>
    value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** Sets a key of a metadata object at its WSDL place; an existing key keeps its place. Returns a new object. */
export function setKey<T extends Obj>(target: T, key: string, value: unknown, order: readonly string[]): T {
    if (key in target) return { ...target, [key]: value };
    const rank = order.indexOf(key);
    const entries = Object.entries(target);
    const at = entries.findIndex(([k]) => rank >= 0 && order.indexOf(k) > rank);
    entries.splice(at < 0 ? entries.length : at, 0, [key, value]);
    return Object.fromEntries(entries) as T;
}

/**
 * Metadata API Queue: from API 67.0 `doesIncludeBosses` is required ("Grant Access Using Hierarchies" on the
 * queue's detail page, checked by default in Setup). A queue SimplyChat creates carries the Setup default from that
 * version on; a queue that is read and written back keeps the value it was read with.
 */
export function withIncludeBosses(queue: MetadataRecord, apiVersion: string | undefined): MetadataRecord {
    if (Number(apiVersion ?? '0') < 67 || 'doesIncludeBosses' in queue) return queue;
    return setKey(queue, 'doesIncludeBosses', true, ORDER.Queue);
}

export class Executor {
    constructor(
        private readonly api: OrgApi,
        /** Profile Id → Metadata API full name (from listMetadata). */
        private readonly profileNames: ReadonlyMap<string, string>,
        private readonly orgId: string,
        /** How many Metadata calls of one operation may be in flight together (each is all or none on its own). */
        private readonly parallel = 4
    ) {}

    private profileName(id: string): string {
        const name = this.profileNames.get(id) ?? this.profileNames.get(id.slice(0, 15));
        if (!name) throw new OperationError('UNKNOWN_PROFILE', `The Metadata API lists no profile with the Id ${id}`);
        return name;
    }

    /**
     * Runs operations in order, reporting each; after a failure the rest are not run. Consecutive status grants
     * touch different profiles and depend on nothing but the statuses before them, so they run a few at a time.
     */
    async run(
        operations: readonly Operation[],
        onProgress: (outcome: OperationOutcome) => void = () => undefined
    ): Promise<OperationOutcome[]> {
        const outcomes: OperationOutcome[] = [];
        let failed = false;
        let index = 0;
        while (index < operations.length) {
            let end = index + 1;
            if (operations[index].kind === 'grantStatusAccess')
                while (
                    end < operations.length &&
                    end - index < this.parallel &&
                    operations[end].kind === 'grantStatusAccess'
                )
                    end++;
            const wave = operations.slice(index, end).map((operation, i) => ({ operation, at: index + i }));
            const settled: OperationOutcome[] = failed
                ? wave.map(({ operation, at }): OperationOutcome => ({
                      index: at,
                      operation,
                      status: 'notRun',
                      changed: [],
                  }))
                : await Promise.all(wave.map(({ operation, at }) => this.attempt(operation, at)));
            for (const outcome of settled) {
                failed ||= outcome.status === 'failed';
                outcomes.push(outcome);
                onProgress(outcome);
            }
            index = end;
        }
        return outcomes;
    }

    private async attempt(operation: Operation, index: number): Promise<OperationOutcome> {
        try {
            return { index, operation, status: 'done', changed: await this.execute(operation) };
        } catch (error) {
            const e = error as { errorCode?: string; name?: string; message?: string };
            const code = error instanceof OperationError ? error.code : String(e.errorCode ?? e.name ?? 'ERROR');
            return {
                index,
                operation,
                status: 'failed',
                changed: error instanceof OperationError ? error.changed : [],
                error: { code, message: String(e.message ?? error) },
            };
        }
    }

    private async readOne(type: string, fullName: string): Promise<MetadataRecord> {
        const [found] = await this.api.read(type, [fullName]);
        if (!found) throw new OperationError('NOT_FOUND', `${type} ${fullName} was not found`);
        return found;
    }

    /** One all-or-none call; the first refusal names the component the org refused (not a rolled-back one). */
    private async save(
        operation: 'createMetadata' | 'updateMetadata',
        type: string,
        components: MetadataRecord[]
    ): Promise<string[]> {
        const results = await this.api.save(operation, type, components);
        const rolledBack = (r: (typeof results)[number]): boolean =>
            r.errors[0]?.statusCode === 'ALL_OR_NONE_OPERATION_ROLLED_BACK';
        const refused = results.find((r) => !r.success && !rolledBack(r)) ?? results.find((r) => !r.success);
        if (refused)
            throw new OperationError(
                refused.errors[0]?.statusCode || 'REFUSED',
                `${refused.fullName}: ${refused.errors[0]?.message ?? ''}`
            );
        return results.map((r) => `${type}:${r.fullName}`);
    }

    /** Many components of one type: batches of 10, a few at a time; says what was saved before a refusal. */
    private async saveAll(
        operation: 'createMetadata' | 'updateMetadata',
        type: string,
        components: MetadataRecord[]
    ): Promise<string[]> {
        const batches = chunks(components, METADATA_BATCH);
        const changed: string[] = [];
        let failure: OperationError | undefined;
        for (const wave of chunks(batches, this.parallel)) {
            const settled = await Promise.allSettled(wave.map((batch) => this.save(operation, type, batch)));
            for (const s of settled) {
                if (s.status === 'fulfilled') changed.push(...s.value);
                else if (!failure)
                    failure =
                        s.reason instanceof OperationError
                            ? s.reason
                            : new OperationError(
                                  String((s.reason as { errorCode?: string }).errorCode ?? 'ERROR'),
                                  String((s.reason as Error).message)
                              );
            }
            if (failure) throw new OperationError(failure.code, failure.message, changed);
        }
        return changed;
    }

    private async execute(op: Operation): Promise<string[]> {
        switch (op.kind) {
            case 'enableOmniChannel': {
                const [settings] = await this.api.read('OmniChannelSettings', ['OmniChannel']);
                const target = setKey(
                    settings ?? { fullName: 'OmniChannel' },
                    'enableOmniChannel',
                    true,
                    ORDER.OmniChannelSettings
                );
                return this.save('updateMetadata', 'OmniChannelSettings', [target]);
            }
            case 'createServiceChannel':
                return this.save('createMetadata', 'ServiceChannel', [
                    { fullName: op.developerName, label: op.label, relatedEntityType: op.relatedEntityType },
                ]);
            case 'upsertRoutingConfig': {
                const order = ORDER.QueueRoutingConfig;
                let config: MetadataRecord = op.existingId
                    ? await this.readOne('QueueRoutingConfig', op.developerName)
                    : { fullName: op.developerName };
                if (!op.existingId) config = setKey(config, 'label', op.label, order);
                // Units of capacity replace a percentage, for working and paused capacity alike.
                delete config.capacityPercentage;
                delete config.pausedCapacityPercentage;
                config = setKey(config, 'capacityWeight', op.capacityWeight, order);
                config = setKey(config, 'routingModel', ROUTING_MODEL_METADATA[op.routingModel], order);
                config = setKey(config, 'routingPriority', op.routingPriority, order);
                return this.save(op.existingId ? 'updateMetadata' : 'createMetadata', 'QueueRoutingConfig', [config]);
            }
            case 'upsertQueue': {
                const order = ORDER.Queue;
                let queue: MetadataRecord = op.existingId
                    ? await this.readOne('Queue', op.developerName)
                    : { fullName: op.developerName };
                if (!op.existingId) queue = setKey(queue, 'name', op.label, order);
                if (!op.existingId) queue = withIncludeBosses(queue, this.api.connection?.getApiVersion());
                queue = setKey(queue, 'queueRoutingConfig', op.routingConfigDeveloperName, order);
                const objects = list(queue.queueSobject as Obj | Obj[]);
                const supported = new Set(objects.map((q) => String(q.sobjectType ?? '').toLowerCase()));
                const added = op.addSobjectTypes
                    .filter((t) => !supported.has(t.toLowerCase()))
                    .map((t) => ({ sobjectType: t }));
                queue = setKey(queue, 'queueSobject', [...objects, ...added], order);
                return this.save(op.existingId ? 'updateMetadata' : 'createMetadata', 'Queue', [queue]);
            }
            case 'createPresenceStatus':
                return this.save('createMetadata', 'ServicePresenceStatus', [
                    {
                        fullName: op.developerName,
                        ...(op.channelDeveloperNames.length ? { channels: { channel: op.channelDeveloperNames } } : {}),
                        label: op.label,
                    },
                ]);
            case 'addChannelToStatus': {
                const status = await this.readOne('ServicePresenceStatus', op.statusDeveloperName);
                const channels = list((status.channels as Obj | undefined)?.channel as string | string[]);
                if (!channels.some((c) => c.toLowerCase() === op.channelDeveloperName.toLowerCase()))
                    channels.push(op.channelDeveloperName);
                return this.save('updateMetadata', 'ServicePresenceStatus', [
                    setKey(status, 'channels', { channel: channels }, ORDER.ServicePresenceStatus),
                ]);
            }
            case 'createPresenceConfig': {
                const order = ORDER.PresenceUserConfig;
                let config: MetadataRecord = { fullName: op.developerName };
                if (op.profiles.length > 0)
                    config = setKey(
                        config,
                        'assignments',
                        { profiles: { profile: op.profiles.map((p) => this.profileName(p.profileId)) } },
                        order
                    );
                config = setKey(config, 'capacity', op.capacity, order);
                config = setKey(config, 'label', op.label, order);
                return this.save('createMetadata', 'PresenceUserConfig', [config]);
            }
            case 'setCapacity':
                await this.api.updateRecord('PresenceUserConfig', op.configId, { Capacity: op.capacity }, true);
                return [`PresenceUserConfig:${op.configDeveloperName}`];
            case 'assignProfilesToConfig':
            case 'moveProfilesToConfig':
                return this.assign(op);
            case 'moveUsersToConfig':
                return this.moveUsers(op);
            case 'grantStatusAccess':
                return this.saveAll(
                    'updateMetadata',
                    'Profile',
                    op.grants.map((g) => ({
                        fullName: this.profileName(g.profileId),
                        servicePresenceStatusAccesses: g.statusDeveloperNames.map((s) => ({
                            enabled: true,
                            servicePresenceStatus: s,
                        })),
                    }))
                );
            case 'activateFlow':
                return this.activateFlow(op);
            case 'addQueueMembers':
                return this.addQueueMembers(op);
            case 'setScSetupDefaults': {
                if (op.mode === 'create') {
                    await this.api.createRecord(op.objectApiName, { ...op.values });
                } else {
                    const [record] = await this.api.query<{ Id: string }>(
                        `SELECT Id FROM ${op.objectApiName.replace(/[^A-Za-z0-9_]/g, '')} WHERE SetupOwnerId = ${quoted([this.orgId])} LIMIT 1`
                    );
                    if (!record) throw new OperationError('NOT_FOUND', `No org-default ${op.objectApiName} record`);
                    await this.api.updateRecord(op.objectApiName, record.Id, { ...op.values });
                }
                return [`${op.objectApiName}:org default`];
            }
            default:
                throw new OperationError('UNKNOWN_OPERATION', (op as { kind: string }).kind);
        }
    }

    /**
     * Adds members to the queue through its metadata, read-modify-write: every member the queue lists is written
     * back, and the agent users (by username, those not listed yet) or the public group are added. Nothing is written
     * when there is nothing to add. Before writing, the queue's GroupMember rows (contract QUEUE_MEMBERS) are
     * counted against the members the metadata lists: a member the metadata cannot name (UNVERIFIED which kinds,
     * docs/org-verification.md) would be lost by the update, so the operation stops instead.
     */
    private async addQueueMembers(op: Extract<Operation, { kind: 'addQueueMembers' }>): Promise<string[]> {
        const [queue, rows, usernames] = await Promise.all([
            this.readOne('Queue', op.queueDeveloperName),
            op.queueId
                ? this.api.query(bindSoql(SOQL.QUEUE_MEMBERS, { groupIds: [op.queueId], maxRows: 50000 }))
                : Promise.resolve([]),
            op.profiles.length > 0
                ? this.api.query<{ Username: string }>(
                      bindSoql(AGENT_USERNAMES, {
                          profileIds: op.profiles.map((p) => p.profileId),
                          maxRows: MAX_QUEUE_USERS + 1,
                      })
                  )
                : Promise.resolve([]),
        ]);
        if (usernames.length > MAX_QUEUE_USERS)
            throw new OperationError(
                'TOO_MANY_QUEUE_USERS',
                `The agent profiles have more than ${MAX_QUEUE_USERS} active users: add a public group to the queue instead (--queue-members group:<DeveloperName>). Nothing was changed.`
            );
        let members = (queue.queueMembers as Obj | undefined) ?? {};
        const listed = (wrapper: string, leaf: string): string[] =>
            list((members[wrapper] as Obj | undefined)?.[leaf] as string | string[]).map(String);
        const named =
            listed('publicGroups', 'publicGroup').length +
            listed('roleAndSubordinates', 'roleAndSubordinate').length +
            listed('roleAndSubordinatesInternal', 'roleAndSubordinateInternal').length +
            listed('roles', 'role').length +
            listed('users', 'user').length;
        if (rows.length > named)
            throw new OperationError(
                'QUEUE_MEMBERS_NOT_IN_METADATA',
                `The queue ${op.queueDeveloperName} has ${rows.length} members, but its metadata names only ${named}: writing it could remove the others. Nothing was changed; add the members in Setup > Queues > ${op.queueDeveloperName}.`
            );
        const users = listed('users', 'user');
        const groups = listed('publicGroups', 'publicGroup');
        const known = new Set(users.map((u) => u.toLowerCase()));
        const addUsers = usernames.map((u) => u.Username).filter((u) => !known.has(u.toLowerCase()));
        const group = op.publicGroupDeveloperName;
        const addGroup = group !== null && !groups.some((g) => g.toLowerCase() === group.toLowerCase());
        if (addUsers.length === 0 && !addGroup) return [];
        if (addUsers.length > 0)
            members = setKey(members, 'users', { user: [...users, ...addUsers] }, ORDER.QueueMembers);
        if (addGroup && group)
            members = setKey(members, 'publicGroups', { publicGroup: [...groups, group] }, ORDER.QueueMembers);
        const changed = await this.save('updateMetadata', 'Queue', [
            setKey(queue, 'queueMembers', members, ORDER.Queue),
        ]);
        return changed.map(
            (c) => `${c} (+${addUsers.length > 0 ? `${addUsers.length} user(s)` : `public group ${String(group)}`})`
        );
    }

    /**
     * Activates the flow's latest version (Tooling). The API may refuse it for a flow of a managed package (row 27):
     * the failure then names the manual step of item 11, Setup > Flows and the version to activate (Flow Builder
     * cannot open a managed flow, row 36).
     */
    private async activateFlow(op: Extract<Operation, { kind: 'activateFlow' }>): Promise<string[]> {
        let versionNumber: number | null = null;
        try {
            const [version] = await this.api.query<{ VersionNumber: number; DefinitionId: string }>(
                `SELECT Id, VersionNumber, DefinitionId FROM Flow WHERE Id = ${quoted([op.latestVersionId])}`,
                true
            );
            versionNumber = version?.VersionNumber ?? null;
            if (!version) throw new OperationError('NOT_FOUND', `Flow version ${op.latestVersionId} was not found`);
            await this.api.updateRecord(
                'FlowDefinition',
                version.DefinitionId,
                { Metadata: { activeVersionNumber: version.VersionNumber } },
                true
            );
            return [`Flow:${op.flowApiName} v${version.VersionNumber}`];
        } catch (error) {
            if (isAuthOrNetworkError(error) || error instanceof OperationError) throw error;
            const e = error as { errorCode?: string; message?: string };
            throw new OperationError(
                'FLOW_ACTIVATION_REFUSED',
                `Salesforce refused to activate the flow ${op.flowApiName} (${String(e.errorCode ?? 'ERROR')}: ${String(e.message ?? error)}). ` +
                    `Activate it by hand: open ${this.api.connection?.instanceUrl ?? ''}${FLOWS_URL} (Setup > Process Automation > Flows), open ${op.flowApiName} and, on its detail page, click Activate next to ${versionNumber === null ? 'its latest version' : `version ${versionNumber}`}. Flow Builder cannot open a flow installed from a managed package.`
            );
        }
    }

    /**
     * Writes configurations whose assignments change: the ones members leave first, the one they join last (a
     * profile or user belongs to one configuration at a time), in calls of at most ten, one after another.
     */
    private async moveAssignments(
        element: 'profile' | 'user',
        targetName: string,
        leaving: ReadonlyMap<string, ReadonlySet<string>>,
        arriving: readonly string[]
    ): Promise<string[]> {
        const names = [...leaving.keys(), targetName];
        const configs = await this.api.read('PresenceUserConfig', names);
        const order = ORDER.PresenceUserConfig;
        const key = element === 'profile' ? 'profiles' : 'users';
        const updated = configs.map((config, i) => {
            if (!config) throw new OperationError('NOT_FOUND', `PresenceUserConfig ${names[i]} was not found`);
            const assignments = (config.assignments as Obj | undefined) ?? {};
            const members = list((assignments[key] as Obj | undefined)?.[element] as string | string[]);
            let next = members;
            if (i === names.length - 1) {
                for (const name of arriving)
                    if (!next.some((p) => p.toLowerCase() === name.toLowerCase())) next = [...next, name];
            } else {
                const gone = leaving.get(names[i]) ?? new Set();
                next = members.filter((p) => !gone.has(p.toLowerCase()));
            }
            const other = element === 'profile' ? assignments.users : assignments.profiles;
            const profiles = element === 'profile' ? next : list((other as Obj | undefined)?.profile as string[]);
            const users = element === 'user' ? next : list((other as Obj | undefined)?.user as string[]);
            // An element left empty is not sent, as a retrieved configuration without assignments has none.
            const value: Obj = {
                ...(profiles.length ? { profiles: { profile: profiles } } : {}),
                ...(users.length ? { users: { user: users } } : {}),
            };
            if (Object.keys(value).length > 0) return setKey(config, 'assignments', value, order);
            const rest: MetadataRecord = { ...config };
            delete rest.assignments;
            return rest;
        });
        const changed: string[] = [];
        for (const batch of chunks(updated, METADATA_BATCH)) {
            try {
                changed.push(...(await this.save('updateMetadata', 'PresenceUserConfig', batch)));
            } catch (error) {
                const e = error as OperationError;
                throw new OperationError(e.code ?? 'ERROR', e.message, changed);
            }
        }
        return changed;
    }

    /** Adds profiles to the target configuration and, for a move, removes them from the ones they leave. */
    private assign(
        op: Extract<Operation, { kind: 'assignProfilesToConfig' | 'moveProfilesToConfig' }>
    ): Promise<string[]> {
        const leaving = new Map<string, Set<string>>();
        const arriving: string[] = [];
        if (op.kind === 'moveProfilesToConfig') {
            for (const m of op.moves) {
                const gone = leaving.get(m.fromConfigDeveloperName) ?? new Set<string>();
                leaving.set(m.fromConfigDeveloperName, gone);
                gone.add(this.profileName(m.profileId).toLowerCase());
                arriving.push(this.profileName(m.profileId));
            }
        } else arriving.push(...op.profiles.map((p) => this.profileName(p.profileId)));
        return this.moveAssignments('profile', op.configDeveloperName, leaving, arriving);
    }

    /** Moves a profile's active users assigned directly elsewhere, by username, out of each source into the target. */
    private async moveUsers(op: Extract<Operation, { kind: 'moveUsersToConfig' }>): Promise<string[]> {
        const rows = await this.api.query<{
            PresenceUserConfigId: string;
            User: { Username: string; ProfileId: string };
        }>(
            bindSoql(DIRECT_USERNAMES, {
                configIds: op.moves.map((m) => m.fromConfigId),
                profileIds: op.moves.map((m) => m.profileId),
            })
        );
        const leaving = new Map<string, Set<string>>();
        const arriving: string[] = [];
        for (const m of op.moves) {
            const gone = leaving.get(m.fromConfigDeveloperName) ?? new Set<string>();
            leaving.set(m.fromConfigDeveloperName, gone);
            for (const r of rows.filter(
                (x) => x.PresenceUserConfigId === m.fromConfigId && x.User.ProfileId === m.profileId
            )) {
                gone.add(r.User.Username.toLowerCase());
                arriving.push(r.User.Username);
            }
        }
        return this.moveAssignments('user', op.configDeveloperName, leaving, arriving);
    }
}
