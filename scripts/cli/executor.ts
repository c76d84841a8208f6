/**
 * Carries out the engine's operations on the org directly through the Metadata SOAP API and the Tooling REST API
 * (DML over REST for the package's SC Setup record), with the same routes as the Apex operations controller:
 * read-modify-write, all-or-none calls of at most 10 components, stop at the first failure.
 */
import { ROUTING_MODEL_METADATA } from '../../force-app/main/default/lwc/setupEngine/contract';
import type { Operation } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { ApiError, type SalesforceApi, type SaveResult } from './api';
import { element, ensureChild, find, findAll, insertInOrder, setChild, type XmlElement } from './xml';

const ROUTING_ORDER = [
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
];
const QUEUE_ORDER = [
    'fullName',
    'description',
    'doesIncludeBosses',
    'doesSendEmailToMembers',
    'email',
    'name',
    'queueMembers',
    'queueRoutingConfig',
    'queueSobject',
];
const STATUS_ORDER = ['fullName', 'channels', 'label'];
const CONFIG_ORDER = [
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
];
const OMNI_ORDER = [
    'fullName',
    'enableOmniAutoLoginPrompt',
    'enableOmniChannel',
    'enableOmniSecondaryRoutingPriority',
    'enableOmniSkillsRouting',
    'enableOmniStatusCapModel',
];

export interface OperationOutcome {
    readonly index: number;
    readonly operation: Operation;
    readonly status: 'done' | 'failed' | 'notRun';
    readonly changed: string[];
    readonly error?: { code: string; message: string };
}

function component(type: string, fullName: string, children: XmlElement[] = []): XmlElement {
    return { name: 'metadata', attributes: { type }, children: [element('fullName', fullName), ...children] };
}

export class Executor {
    constructor(
        private readonly api: SalesforceApi,
        /** Profile Id → Metadata API full name. */
        private readonly profileNames: ReadonlyMap<string, string>,
        private readonly orgId: string
    ) {}

    private profileName(id: string): string {
        const name = this.profileNames.get(id);
        if (!name) throw new ApiError(0, 'UNKNOWN_PROFILE', `No profile ${id}`);
        return name;
    }

    /** Runs operations in order, reporting each; after a failure the rest are not run. */
    async run(
        operations: readonly Operation[],
        onProgress: (outcome: OperationOutcome) => void = () => undefined
    ): Promise<OperationOutcome[]> {
        const outcomes: OperationOutcome[] = [];
        let failed = false;
        for (const [index, operation] of operations.entries()) {
            let outcome: OperationOutcome;
            if (failed) outcome = { index, operation, status: 'notRun', changed: [] };
            else {
                try {
                    // Each operation reads what it changes first: they run one after another on purpose.

                    outcome = { index, operation, status: 'done', changed: await this.execute(operation) };
                } catch (error) {
                    failed = true;
                    const code = error instanceof ApiError ? error.code : 'ERROR';
                    const message = error instanceof ApiError ? error.message.replace(/^[^:]*: /, '') : String(error);
                    outcome = { index, operation, status: 'failed', changed: [], error: { code, message } };
                }
            }
            outcomes.push(outcome);
            onProgress(outcome);
        }
        return outcomes;
    }

    private async readOne(type: string, fullName: string): Promise<XmlElement> {
        const [found] = await this.api.readMetadata(type, [fullName]);
        if (!found) throw new ApiError(200, 'NOT_FOUND', `${type} ${fullName} was not found`);
        return found;
    }

    private async write(operation: 'createMetadata' | 'updateMetadata', components: XmlElement[]): Promise<string[]> {
        const results: SaveResult[] = await this.api.saveMetadata(operation, components);
        const rolledBack = (r: SaveResult): boolean => r.errors[0]?.statusCode === 'ALL_OR_NONE_OPERATION_ROLLED_BACK';
        const refused = results.find((r) => !r.success && !rolledBack(r)) ?? results.find((r) => !r.success);
        if (refused)
            throw new ApiError(
                200,
                refused.errors[0]?.statusCode ?? 'REFUSED',
                `${refused.fullName}: ${refused.errors[0]?.message ?? ''}`
            );
        return results.map((r) => `${components[0].attributes.type}:${r.fullName}`);
    }

    private async execute(op: Operation): Promise<string[]> {
        switch (op.kind) {
            case 'enableOmniChannel': {
                const [settings] = await this.api.readMetadata('OmniChannelSettings', ['OmniChannel']);
                const target = settings ?? component('OmniChannelSettings', 'OmniChannel');
                setChild(target, 'enableOmniChannel', 'true', OMNI_ORDER);
                return this.write('updateMetadata', [target]);
            }
            case 'createServiceChannel':
                return this.write('createMetadata', [
                    component('ServiceChannel', op.developerName, [
                        element('label', op.label),
                        element('relatedEntityType', op.relatedEntityType),
                    ]),
                ]);
            case 'upsertRoutingConfig': {
                const config = op.existingId
                    ? await this.readOne('QueueRoutingConfig', op.developerName)
                    : component('QueueRoutingConfig', op.developerName);
                if (!op.existingId) setChild(config, 'label', op.label, ROUTING_ORDER);
                // Units of capacity replace a percentage, for working and paused capacity alike.
                config.children = config.children.filter(
                    (c) => c.name !== 'capacityPercentage' && c.name !== 'pausedCapacityPercentage'
                );
                setChild(config, 'capacityWeight', String(op.capacityWeight), ROUTING_ORDER);
                setChild(config, 'routingModel', ROUTING_MODEL_METADATA[op.routingModel], ROUTING_ORDER);
                setChild(config, 'routingPriority', String(op.routingPriority), ROUTING_ORDER);
                return this.write(op.existingId ? 'updateMetadata' : 'createMetadata', [config]);
            }
            case 'upsertQueue': {
                const queue = op.existingId
                    ? await this.readOne('Queue', op.developerName)
                    : component('Queue', op.developerName);
                if (!op.existingId) setChild(queue, 'name', op.label, QUEUE_ORDER);
                setChild(queue, 'queueRoutingConfig', op.routingConfigDeveloperName, QUEUE_ORDER);
                const supported = new Set(
                    findAll(queue, 'queueSobject').map((q) => (find(q, 'sobjectType')?.text ?? '').toLowerCase())
                );
                for (const type of op.addSobjectTypes) {
                    if (!supported.has(type.toLowerCase()))
                        queue.children.push(element('queueSobject', undefined, [element('sobjectType', type)]));
                }
                return this.write(op.existingId ? 'updateMetadata' : 'createMetadata', [queue]);
            }
            case 'createPresenceStatus': {
                const children = op.channelDeveloperNames.length
                    ? [
                          element(
                              'channels',
                              undefined,
                              op.channelDeveloperNames.map((c) => element('channel', c))
                          ),
                      ]
                    : [];
                return this.write('createMetadata', [
                    component('ServicePresenceStatus', op.developerName, [...children, element('label', op.label)]),
                ]);
            }
            case 'addChannelToStatus': {
                const status = await this.readOne('ServicePresenceStatus', op.statusDeveloperName);
                const channels = ensureChild(status, 'channels', STATUS_ORDER);
                if (!channels.children.some((c) => c.text?.toLowerCase() === op.channelDeveloperName.toLowerCase())) {
                    channels.children.push(element('channel', op.channelDeveloperName));
                }
                return this.write('updateMetadata', [status]);
            }
            case 'createPresenceConfig': {
                const config = component('PresenceUserConfig', op.developerName);
                if (op.profiles.length > 0) {
                    const profiles = ensureChild(ensureChild(config, 'assignments', CONFIG_ORDER), 'profiles', [
                        'profiles',
                        'users',
                    ]);
                    for (const p of op.profiles)
                        profiles.children.push(element('profile', this.profileName(p.profileId)));
                }
                setChild(config, 'capacity', String(op.capacity), CONFIG_ORDER);
                setChild(config, 'label', op.label, CONFIG_ORDER);
                return this.write('createMetadata', [config]);
            }
            case 'setCapacity':
                await this.api.patch(`/tooling/sobjects/PresenceUserConfig/${op.configId}`, { Capacity: op.capacity });
                return [`PresenceUserConfig:${op.configDeveloperName}`];
            case 'assignProfilesToConfig':
            case 'moveProfilesToConfig':
                return this.assign(op);
            case 'moveUsersToConfig':
                return this.moveUsers(op);
            case 'grantStatusAccess':
                return this.write(
                    'updateMetadata',
                    op.grants.map((g) =>
                        component(
                            'Profile',
                            this.profileName(g.profileId),
                            g.statusDeveloperNames.map((s) =>
                                element('servicePresenceStatusAccesses', undefined, [
                                    element('enabled', 'true'),
                                    element('servicePresenceStatus', s),
                                ])
                            )
                        )
                    )
                );
            case 'activateFlow': {
                const [version] = await this.api.query<{ VersionNumber: number; DefinitionId: string }>(
                    `SELECT Id, VersionNumber, DefinitionId FROM Flow WHERE Id = '${op.latestVersionId.replace(/[^A-Za-z0-9]/g, '')}'`,
                    true
                );
                if (!version) throw new ApiError(200, 'NOT_FOUND', `Flow version ${op.latestVersionId} was not found`);
                await this.api.patch(`/tooling/sobjects/FlowDefinition/${version.DefinitionId}`, {
                    Metadata: { activeVersionNumber: version.VersionNumber },
                });
                return [`Flow:${op.flowApiName} v${version.VersionNumber}`];
            }
            case 'setScSetupDefaults': {
                if (op.mode === 'create') {
                    await this.api.post(`/sobjects/${op.objectApiName}/`, op.values);
                } else {
                    const [record] = await this.api.query<{ Id: string }>(
                        `SELECT Id FROM ${op.objectApiName.replace(/[^A-Za-z0-9_]/g, '')} WHERE SetupOwnerId = '${this.orgId}' LIMIT 1`
                    );
                    if (!record) throw new ApiError(200, 'NOT_FOUND', `No org-default ${op.objectApiName} record`);
                    await this.api.patch(`/sobjects/${op.objectApiName}/${record.Id}`, op.values);
                }
                return [`${op.objectApiName}:org default`];
            }
            default:
                throw new ApiError(0, 'UNKNOWN_OPERATION', (op as { kind: string }).kind);
        }
    }

    /**
     * Adds profiles to the target configuration and, for a move, removes them from the ones they leave. A profile
     * belongs to one configuration at a time: the configurations it leaves are written first, the target last,
     * in calls of at most ten components.
     */
    private async assign(
        op: Extract<Operation, { kind: 'assignProfilesToConfig' | 'moveProfilesToConfig' }>
    ): Promise<string[]> {
        const sources: string[] = [];
        const leaving = new Map<string, Set<string>>();
        const arriving: string[] = [];
        if (op.kind === 'moveProfilesToConfig') {
            for (const m of op.moves) {
                if (!leaving.has(m.fromConfigDeveloperName)) {
                    leaving.set(m.fromConfigDeveloperName, new Set());
                    sources.push(m.fromConfigDeveloperName);
                }
                leaving.get(m.fromConfigDeveloperName)?.add(this.profileName(m.profileId).toLowerCase());
                arriving.push(this.profileName(m.profileId));
            }
        } else arriving.push(...op.profiles.map((p) => this.profileName(p.profileId)));
        const names = [...sources, op.configDeveloperName];
        const configs: (XmlElement | undefined)[] = [];
        for (let i = 0; i < names.length; i += BATCH)
            configs.push(...(await this.api.readMetadata('PresenceUserConfig', names.slice(i, i + BATCH))));
        const found = configs.map((c, i) => {
            if (!c) throw new ApiError(200, 'NOT_FOUND', `PresenceUserConfig ${names[i]} was not found`);
            return c;
        });
        for (const [i, config] of found.entries()) {
            if (i === found.length - 1) continue;
            const profiles = find(config, 'assignments/profiles');
            const gone = leaving.get(names[i]) ?? new Set();
            if (profiles) profiles.children = profiles.children.filter((p) => !gone.has((p.text ?? '').toLowerCase()));
            // An element left empty is not sent, as a retrieved configuration without assignments has none.
            const assignments = find(config, 'assignments');
            if (assignments && profiles?.children.length === 0)
                assignments.children = assignments.children.filter((c) => c !== profiles);
            if (assignments?.children.length === 0) config.children = config.children.filter((c) => c !== assignments);
        }
        const target = ensureChild(ensureChild(found[found.length - 1], 'assignments', CONFIG_ORDER), 'profiles', [
            'profiles',
            'users',
        ]);
        for (const name of arriving) {
            if (!target.children.some((p) => p.text?.toLowerCase() === name.toLowerCase()))
                insertInOrder(target, element('profile', name), ['profile']);
        }
        const changed: string[] = [];
        for (let i = 0; i < found.length; i += BATCH) {
            try {
                changed.push(...(await this.write('updateMetadata', found.slice(i, i + BATCH))));
            } catch (error) {
                if (changed.length === 0 || !(error instanceof ApiError)) throw error;
                throw new ApiError(
                    error.status,
                    error.code,
                    `${error.message.replace(/^[^:]*: /, '')} (already changed: ${changed.join(', ')})`
                );
            }
        }
        return changed;
    }

    /** Moves a profile's users assigned directly elsewhere, by username, out of each source into the target. */
    private async moveUsers(op: Extract<Operation, { kind: 'moveUsersToConfig' }>): Promise<string[]> {
        const safe = (id: string): string => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`;
        const rows = await this.api.query<{
            PresenceUserConfigId: string;
            User: { Username: string; ProfileId: string };
        }>(
            `SELECT PresenceUserConfigId, User.Username, User.ProfileId FROM PresenceUserConfigUser WHERE PresenceUserConfigId IN (${op.moves
                .map((m) => safe(m.fromConfigId))
                .join(
                    ', '
                )}) AND User.ProfileId IN (${op.moves.map((m) => safe(m.profileId)).join(', ')}) AND User.IsActive = true`
        );
        const names = [op.configDeveloperName];
        const leaving = new Map<string, Set<string>>();
        const arriving: string[] = [];
        for (const m of op.moves) {
            if (!leaving.has(m.fromConfigDeveloperName)) {
                leaving.set(m.fromConfigDeveloperName, new Set());
                names.push(m.fromConfigDeveloperName);
            }
            for (const r of rows.filter(
                (x) => x.PresenceUserConfigId === m.fromConfigId && x.User.ProfileId === m.profileId
            )) {
                leaving.get(m.fromConfigDeveloperName)?.add(r.User.Username.toLowerCase());
                arriving.push(r.User.Username);
            }
        }
        const configs = await this.api.readMetadata('PresenceUserConfig', names);
        const found = configs.map((c, i) => {
            if (!c) throw new ApiError(200, 'NOT_FOUND', `PresenceUserConfig ${names[i]} was not found`);
            return c;
        });
        for (const [i, config] of found.entries()) {
            if (i === 0) continue;
            const users = find(config, 'assignments/users');
            const gone = leaving.get(names[i]) ?? new Set();
            if (users) users.children = users.children.filter((u) => !gone.has((u.text ?? '').toLowerCase()));
        }
        const target = ensureChild(ensureChild(found[0], 'assignments', CONFIG_ORDER), 'users', ['profiles', 'users']);
        for (const name of arriving) {
            if (!target.children.some((u) => u.text?.toLowerCase() === name.toLowerCase()))
                insertInOrder(target, element('user', name), ['user']);
        }
        return this.write('updateMetadata', found);
    }
}

/** Components per Metadata API call. */
const BATCH = 10;

/**
 * Metadata API full names of profiles, as the org lists them (listMetadata of Profile, matched by Id): full names
 * are URL-encoded (`Custom%3A Support Profile`), standard profiles have their own (`Admin`), and Profile.Name is
 * translated for users whose language is not English, so they are never built from names. Same source as the
 * Apex ProfileMetadataNames. UNVERIFIED (docs/org-verification.md): FileProperties `id` is the Profile Id.
 */
export async function profileFullNames(api: SalesforceApi, ids: readonly string[]): Promise<Map<string, string>> {
    const listed = ids.length === 0 ? new Map<string, string>() : await api.listFullNames('Profile');
    const names = new Map<string, string>();
    for (const id of ids) {
        const fullName = listed.get(id.slice(0, 15));
        if (fullName) names.set(id, fullName);
    }
    return names;
}
