/**
 * Carries out the engine's operations through the org's jsforce Connection, with the same routes as the Apex
 * operations controller: Metadata API read-modify-write (all or none, at most 10 components per call), Tooling for a
 * presence configuration's capacity and the flow's active version, REST for the SC Setup org default. An operation
 * stops at its first refused call and the rest are not run. Components the engine did not name are never written.
 */
import type { Operation } from '../../../force-app/main/default/lwc/setupEngine/setupEngine.js';
import { chunks, METADATA_BATCH, type MetadataRecord, type OrgApi } from './orgApi.js';
import { quoted } from './reader.js';

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

/** The engine's routing models as the Metadata API spells them. */
export const ROUTING_MODELS: Record<string, string> = {
    MostAvailable: 'MOST_AVAILABLE',
    LeastActive: 'LEAST_ACTIVE',
    ExternalRouting: 'EXTERNAL_ROUTING',
};

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
                delete config.capacityPercentage;
                config = setKey(config, 'capacityWeight', op.capacityWeight, order);
                config = setKey(config, 'routingModel', ROUTING_MODELS[op.routingModel], order);
                config = setKey(config, 'routingPriority', op.routingPriority, order);
                return this.save(op.existingId ? 'updateMetadata' : 'createMetadata', 'QueueRoutingConfig', [config]);
            }
            case 'upsertQueue': {
                const order = ORDER.Queue;
                let queue: MetadataRecord = op.existingId
                    ? await this.readOne('Queue', op.developerName)
                    : { fullName: op.developerName };
                if (!op.existingId) queue = setKey(queue, 'name', op.label, order);
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
            case 'activateFlow': {
                const [version] = await this.api.query<{ VersionNumber: number; DefinitionId: string }>(
                    `SELECT Id, VersionNumber, DefinitionId FROM Flow WHERE Id = ${quoted([op.latestVersionId])}`,
                    true
                );
                if (!version) throw new OperationError('NOT_FOUND', `Flow version ${op.latestVersionId} was not found`);
                await this.api.updateRecord(
                    'FlowDefinition',
                    version.DefinitionId,
                    { Metadata: { activeVersionNumber: version.VersionNumber } },
                    true
                );
                return [`Flow:${op.flowApiName} v${version.VersionNumber}`];
            }
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

    /** Adds profiles to the target configuration and, for a move, removes them from the ones they leave. */
    private async assign(
        op: Extract<Operation, { kind: 'assignProfilesToConfig' | 'moveProfilesToConfig' }>
    ): Promise<string[]> {
        const names = [op.configDeveloperName];
        const leaving = new Map<string, Set<string>>();
        const arriving: string[] = [];
        if (op.kind === 'moveProfilesToConfig') {
            for (const m of op.moves) {
                if (!leaving.has(m.fromConfigDeveloperName)) {
                    leaving.set(m.fromConfigDeveloperName, new Set());
                    names.push(m.fromConfigDeveloperName);
                }
                leaving.get(m.fromConfigDeveloperName)?.add(this.profileName(m.profileId).toLowerCase());
                arriving.push(this.profileName(m.profileId));
            }
        } else arriving.push(...op.profiles.map((p) => this.profileName(p.profileId)));
        const configs = await this.api.read('PresenceUserConfig', names);
        const order = ORDER.PresenceUserConfig;
        const updated = configs.map((config, i) => {
            if (!config) throw new OperationError('NOT_FOUND', `PresenceUserConfig ${names[i]} was not found`);
            const assignments = (config.assignments as Obj | undefined) ?? {};
            const profiles = list((assignments.profiles as Obj | undefined)?.profile as string | string[]);
            let next = profiles;
            if (i === 0) {
                for (const name of arriving)
                    if (!next.some((p) => p.toLowerCase() === name.toLowerCase())) next = [...next, name];
            } else {
                const gone = leaving.get(names[i]) ?? new Set();
                next = profiles.filter((p) => !gone.has(p.toLowerCase()));
            }
            const users = assignments.users;
            const value: Obj = {
                ...(next.length ? { profiles: { profile: next } } : {}),
                ...(users ? { users } : {}),
            };
            if (Object.keys(value).length > 0) return setKey(config, 'assignments', value, order);
            const rest: MetadataRecord = { ...config };
            delete rest.assignments;
            return rest;
        });
        return this.save('updateMetadata', 'PresenceUserConfig', updated);
    }
}
