import { OMNI_CHANNEL_SETTINGS_NAME, OPERATION_ROUTES, RECORD_OBJECT_GROUPS, ROUTING_MODEL_METADATA } from './contract';
import { reason, type ReasonKey } from './reasons';
import type { Operation, OperationKind, OrgSnapshot, Reason, SalesforceId } from './types';

/**
 * The law of every write: a component SimplyChat does not own is never rewritten. Its changes are add-only or
 * remove-only record changes (rows inserted or deleted, one field of a record updated), planned here, exactly, for
 * Apex and the CLI to apply the same way. Whole-component Metadata writes stay only for what SimplyChat creates or
 * owns and for the org's Omni-Channel settings (read-modify-write of the full document).
 *
 * Evidence (docs/apex.md, "How each operation writes"): object reference "Supported Calls" of SetupEntityAccess,
 * GroupMember, QueueSobject, Group, PresenceUserConfigProfile, PresenceUserConfigUser and ServiceChannelStatus;
 * Salesforce's own Omni-Channel automation (forcedotcom/sf-skills service-omni-queue-deploy and
 * service-omni-queue-members-assign) never redeploys an existing queue and adds GroupMember and QueueSobject rows.
 */

/** How an operation reaches the org. */
export type WriteRoute =
    /** Add-only or remove-only record changes (DML in Apex, REST composite in the CLI): `writes` says which. */
    | 'records'
    /** Metadata create of a component SimplyChat creates (it owns it from then on). */
    | 'metadataCreate'
    /** Metadata read-modify-write of a component SimplyChat owns (its routing configuration). */
    | 'metadataOwned'
    /** Metadata read-modify-write of the full OmniChannelSettings document (org settings; explicit confirmation). */
    | 'settings'
    /** A Tooling API PATCH of one field (capacity of SimplyChat's configuration, the flow's active version). */
    | 'tooling'
    /** DML on the package's own custom setting. */
    | 'packageSetting';

/** The objects a record change may touch (the contract's recordObjects): nothing else is ever written row by row. */
export type RecordObject = keyof typeof RECORD_OBJECT_GROUPS;
export const RECORD_OBJECTS = Object.keys(RECORD_OBJECT_GROUPS) as readonly RecordObject[];

/**
 * Setup objects: DML on them cannot share a transaction with DML on other objects (Apex "sObjects That Cannot Be
 * Used Together in DML Operations": Group, GroupMember, QueueSObject, SetupEntityAccess are listed; the Omni-Channel
 * objects are not, and the list is "not exhaustive"). Apex runs each group in its own transaction.
 */
export const SETUP_OBJECTS: ReadonlySet<RecordObject> = new Set<RecordObject>(
    RECORD_OBJECTS.filter((name) => RECORD_OBJECT_GROUPS[name] === 'setup')
);

/**
 * A reference resolved when the plan runs, never guessed: a record by developer name (one the org holds, or one an
 * earlier operation of the same plan creates), the permission set a profile owns, or a set of users (one row each).
 */
export type RecordRef =
    | {
          readonly ref: 'developerName';
          readonly sObject: 'ServicePresenceStatus' | 'ServiceChannel' | 'QueueRoutingConfig' | 'PresenceUserConfig';
          readonly developerName: string;
      }
    /** A queue or a public group: Group by DeveloperName and Type ('Queue' or 'Regular'). */
    | { readonly ref: 'group'; readonly type: 'Queue' | 'Regular'; readonly developerName: string }
    /** PermissionSet WHERE IsOwnedByProfile = TRUE AND ProfileId = profileId. */
    | { readonly ref: 'profilePermissionSet'; readonly profileId: SalesforceId }
    /** Each active internal user of the profile (User.IsActive, UserType 'Standard'): one row per user. */
    | { readonly ref: 'profileUsers'; readonly profileId: SalesforceId }
    /** Each active user of the profile assigned directly to the configuration (PresenceUserConfigUser): one row each. */
    | { readonly ref: 'directUsers'; readonly profileId: SalesforceId; readonly configId: SalesforceId }
    /** A permission set not owned by a profile, by Name (SimplyChat's own, created earlier in the plan or not). */
    | { readonly ref: 'permissionSet'; readonly developerName: string };

export type RecordValue = string | number | boolean | null | RecordRef;

/**
 * One record change. `insert`: make the row exist (a row already there is left as it is and not counted as a
 * change; a set reference inserts one row per member). `delete`: remove every row whose fields equal `fields`.
 * `update`: set `fields` on the record `Id` (the only fields written). References are resolved before the first
 * write of the operation, so a delete and an insert naming the same users name the same set.
 */
export interface RecordWrite {
    readonly sObject: RecordObject;
    readonly action: 'insert' | 'update' | 'delete';
    readonly fields: Readonly<Record<string, RecordValue>>;
}

/**
 * The value of a Metadata element: a leaf, a repeated element (one element per entry), a complex element (its
 * children by name), or the Metadata full name of a profile, read from the org when the plan runs (listMetadata).
 */
export type MetadataValue =
    | string
    | number
    | boolean
    | { readonly ref: 'profileFullName'; readonly profileId: SalesforceId }
    | readonly MetadataValue[]
    | { readonly [element: string]: MetadataValue };

/** The Metadata types SimplyChat writes whole: what it creates or owns, and the org's Omni-Channel settings. */
export type MetadataType =
    | 'ServiceChannel'
    | 'QueueRoutingConfig'
    | 'Queue'
    | 'ServicePresenceStatus'
    | 'PresenceUserConfig'
    | 'PermissionSet'
    | 'OmniChannelSettings';

/**
 * One whole-component Metadata write. `create`: a new component of exactly `fullName` and `set`. `update`: the
 * component is read, the elements of `remove` and `set` are dropped, those of `set` are written in their place
 * (the contract's metadataElementOrder) and every other element is written back as read. Settings absent from the
 * org are written from `set` alone; an owned component that is gone fails the operation.
 */
export interface MetadataWrite {
    readonly type: MetadataType;
    readonly fullName: string;
    readonly action: 'create' | 'update';
    readonly set: Readonly<Record<string, MetadataValue>>;
    readonly remove: readonly string[];
}

export interface OperationWrites {
    readonly route: WriteRoute;
    /** For route 'records': every change, in order, applied all or none (one savepoint per operation). */
    readonly writes: readonly RecordWrite[];
    /** For the routes 'metadataCreate', 'metadataOwned' and 'settings': the component and what it gets. */
    readonly metadata?: MetadataWrite;
}

/** Which route each operation kind takes (the contract's first route of each kind): the table of docs/apex.md. */
export const ROUTES = Object.fromEntries(
    Object.entries(OPERATION_ROUTES).map(([kind, routes]) => [kind, routes[0]])
) as Readonly<Record<OperationKind, WriteRoute>>;

const byName = (
    sObject: 'ServicePresenceStatus' | 'ServiceChannel' | 'QueueRoutingConfig' | 'PresenceUserConfig',
    developerName: string
): RecordRef => ({ ref: 'developerName', sObject, developerName });

/** The configuration an operation targets: its Id when it exists, else the one created earlier in the plan. */
const configRef = (configId: SalesforceId | null, developerName: string): RecordValue =>
    configId ?? byName('PresenceUserConfig', developerName);

/**
 * The exact writes of one operation. A new queue is created by Metadata (SimplyChat owns it from then on); an
 * existing one is never redeployed: its routing configuration is set on the Group record and each missing object
 * is a QueueSobject row (a queue created earlier in the plan already carries both).
 */
export function operationWrites(op: Operation): OperationWrites {
    const route = ROUTES[op.kind];
    const component = (
        type: MetadataType,
        fullName: string,
        set: Record<string, MetadataValue>,
        update = false,
        remove: readonly string[] = []
    ): OperationWrites => ({
        route: op.kind === 'upsertQueue' ? 'metadataCreate' : route,
        writes: [],
        metadata: { type, fullName, action: update ? 'update' : 'create', set, remove },
    });
    switch (op.kind) {
        case 'enableOmniChannel':
            // The full settings document is read and written back: only this flag changes.
            return component('OmniChannelSettings', OMNI_CHANNEL_SETTINGS_NAME, { enableOmniChannel: true }, true);
        case 'createServiceChannel':
            return component('ServiceChannel', op.developerName, {
                label: op.label,
                relatedEntityType: op.relatedEntityType,
            });
        case 'upsertRoutingConfig':
            // Units of capacity replace a percentage, for working and paused capacity alike: never one of each.
            return component(
                'QueueRoutingConfig',
                op.developerName,
                {
                    ...(op.existingId === null ? { label: op.label } : {}),
                    capacityWeight: op.capacityWeight,
                    routingModel: ROUTING_MODEL_METADATA[op.routingModel],
                    routingPriority: op.routingPriority,
                },
                op.existingId !== null,
                ['capacityPercentage', 'pausedCapacityPercentage']
            );
        case 'createPresenceStatus':
            // A status without channels is a busy (away) one: it has no channels element.
            return component('ServicePresenceStatus', op.developerName, {
                ...(op.channelDeveloperNames.length > 0 ? { channels: { channel: op.channelDeveloperNames } } : {}),
                label: op.label,
            });
        case 'createPresenceConfig':
            return component('PresenceUserConfig', op.developerName, {
                ...(op.profiles.length > 0
                    ? {
                          assignments: {
                              profiles: {
                                  profile: op.profiles.map((p) => ({
                                      ref: 'profileFullName' as const,
                                      profileId: p.profileId,
                                  })),
                              },
                          },
                      }
                    : {}),
                capacity: op.capacity,
                label: op.label,
            });
        case 'upsertQueue':
            if (op.existingId === null)
                return component('Queue', op.developerName, {
                    name: op.label,
                    queueRoutingConfig: op.routingConfigDeveloperName,
                    ...(op.addSobjectTypes.length > 0
                        ? { queueSobject: op.addSobjectTypes.map((type) => ({ sobjectType: type })) }
                        : {}),
                });
            return {
                route,
                writes: [
                    {
                        sObject: 'Group',
                        action: 'update',
                        fields: {
                            Id: op.existingId,
                            QueueRoutingConfigId: byName('QueueRoutingConfig', op.routingConfigDeveloperName),
                        },
                    },
                    ...op.addSobjectTypes.map((type): RecordWrite => ({
                        sObject: 'QueueSobject',
                        action: 'insert',
                        fields: { QueueId: op.existingId, SobjectType: type },
                    })),
                ],
            };
        case 'addChannelToStatus':
            return {
                route,
                writes: [
                    {
                        sObject: 'ServiceChannelStatus',
                        action: 'insert',
                        fields: {
                            ServicePresenceStatusId: op.statusId,
                            ServiceChannelId: byName('ServiceChannel', op.channelDeveloperName),
                        },
                    },
                ],
            };
        case 'assignProfilesToConfig':
            return {
                route,
                writes: op.profiles.map((p) => ({
                    sObject: 'PresenceUserConfigProfile',
                    action: 'insert',
                    fields: {
                        PresenceUserConfigId: configRef(op.configId, op.configDeveloperName),
                        ProfileId: p.profileId,
                    },
                })),
            };
        case 'moveProfilesToConfig':
            // Every source row is deleted before any target row is inserted: a profile has one configuration.
            return {
                route,
                writes: [
                    ...op.moves.map((m): RecordWrite => ({
                        sObject: 'PresenceUserConfigProfile',
                        action: 'delete',
                        fields: { PresenceUserConfigId: m.fromConfigId, ProfileId: m.profileId },
                    })),
                    ...op.moves.map((m): RecordWrite => ({
                        sObject: 'PresenceUserConfigProfile',
                        action: 'insert',
                        fields: {
                            PresenceUserConfigId: configRef(op.configId, op.configDeveloperName),
                            ProfileId: m.profileId,
                        },
                    })),
                ],
            };
        case 'moveUsersToConfig': {
            const users = (m: (typeof op.moves)[number]): RecordRef => ({
                ref: 'directUsers',
                profileId: m.profileId,
                configId: m.fromConfigId,
            });
            return {
                route,
                writes: [
                    ...op.moves.map((m): RecordWrite => ({
                        sObject: 'PresenceUserConfigUser',
                        action: 'delete',
                        fields: { PresenceUserConfigId: m.fromConfigId, UserId: users(m) },
                    })),
                    ...op.moves.map((m): RecordWrite => ({
                        sObject: 'PresenceUserConfigUser',
                        action: 'insert',
                        fields: {
                            PresenceUserConfigId: configRef(op.configId, op.configDeveloperName),
                            UserId: users(m),
                        },
                    })),
                ],
            };
        }
        case 'grantStatusAccess':
            // A status granted on the permission set the profile owns: the profile itself is never written.
            return {
                route,
                writes: op.grants.flatMap((g) =>
                    g.statusDeveloperNames.map((status): RecordWrite => ({
                        sObject: 'SetupEntityAccess',
                        action: 'insert',
                        fields: {
                            ParentId: { ref: 'profilePermissionSet', profileId: g.profileId },
                            SetupEntityId: byName('ServicePresenceStatus', status),
                        },
                    }))
                ),
            };
        case 'addQueueMembers': {
            const queue: RecordValue = op.queueId ?? {
                ref: 'group',
                type: 'Queue',
                developerName: op.queueDeveloperName,
            };
            if (op.publicGroupDeveloperName !== null) {
                return {
                    route,
                    writes: [
                        {
                            sObject: 'GroupMember',
                            action: 'insert',
                            fields: {
                                GroupId: queue,
                                UserOrGroupId: {
                                    ref: 'group',
                                    type: 'Regular',
                                    developerName: op.publicGroupDeveloperName,
                                },
                            },
                        },
                    ],
                };
            }
            return {
                route,
                writes: op.profiles.map((p) => ({
                    sObject: 'GroupMember',
                    action: 'insert',
                    fields: { GroupId: queue, UserOrGroupId: { ref: 'profileUsers', profileId: p.profileId } },
                })),
            };
        }
        case 'upsertAgentPermissionSet':
            // SimplyChat's own permission set, written whole: exactly these statuses, each enabled.
            return component(
                'PermissionSet',
                op.developerName,
                {
                    description: op.description,
                    label: op.label,
                    servicePresenceStatusAccesses: op.statusDeveloperNames.map((status) => ({
                        enabled: true,
                        servicePresenceStatus: status,
                    })),
                },
                op.existingId !== null
            );
        case 'assignAgentPermissionSet':
            return {
                route,
                writes: op.profiles.map((p) => ({
                    sObject: 'PermissionSetAssignment',
                    action: 'insert',
                    fields: {
                        AssigneeId: { ref: 'profileUsers', profileId: p.profileId },
                        PermissionSetId: op.permissionSetId ?? {
                            ref: 'permissionSet',
                            developerName: op.permissionSetDeveloperName,
                        },
                    },
                })),
            };
        default:
            return { route, writes: [] };
    }
}

/** An operation with the route and the exact record changes (or Metadata write) it makes. */
export interface PlannedChange extends OperationWrites {
    readonly operation: Operation;
}

/** The plan's operations, each with its writes. */
export function planChanges(operations: readonly Operation[]): PlannedChange[] {
    return operations.map((operation) => ({ operation, ...operationWrites(operation) }));
}

/** One change as Apex receives it: the planned change, and the changes of the same call it waits for (positions). */
export interface ChangeRequest extends PlannedChange {
    readonly waitsFor: readonly number[];
}

/**
 * The body of one Apex call (SetupOperationsController.applyOperations): the planned changes of the plan's operations
 * at `indexes` (all by default), each with the positions, in this call, of the earlier ones it waits for
 * (`operationDependencies`; one sent in an earlier call is done by then, or this one is not sent). Apex decides none
 * of it: it checks each change against the contract's write law and applies it.
 */
export function changeRequests(
    operations: readonly Operation[],
    indexes: readonly number[] = operations.map((_, index) => index)
): ChangeRequest[] {
    const waits = operationDependencies(operations);
    return indexes.map((index) => ({
        operation: operations[index],
        ...operationWrites(operations[index]),
        waitsFor: waits[index].map((earlier) => indexes.indexOf(earlier)).filter((position) => position >= 0),
    }));
}

/** One kind of record change of a planned change: how many rows, or one row per user of a set when `perUser`. */
export interface ChangeCount {
    readonly action: RecordWrite['action'];
    readonly sObject: RecordObject;
    /** The writes of this action and object; with `perUser`, each stands for every user of its set. */
    readonly writes: number;
    readonly perUser: boolean;
}

/**
 * A planned change's record changes by action and object, in the order they are made (e.g. 12 deletes then 12
 * inserts of PresenceUserConfigProfile), so a plan line can name what each change touches.
 */
export function changeCounts(change: PlannedChange): ChangeCount[] {
    const counts = new Map<
        string,
        { action: RecordWrite['action']; sObject: RecordObject; writes: number; perUser: boolean }
    >();
    for (const write of change.writes) {
        const key = `${write.action} ${write.sObject}`;
        const count = counts.get(key) ?? { action: write.action, sObject: write.sObject, writes: 0, perUser: false };
        count.writes += 1;
        count.perUser ||= Object.values(write.fields).some(
            (v) => typeof v === 'object' && v !== null && (v.ref === 'profileUsers' || v.ref === 'directUsers')
        );
        counts.set(key, count);
    }
    return [...counts.values()];
}

/** A planned change's record changes of one action and object in words: how many, and what each row links. */
export interface RecordChangeText {
    /** "Insert 12 GroupMember rows" (rec.<action>, or rec.<action>.perUser for rows per user of a set). */
    readonly summary: Reason;
    /** One per write of this action and object, in order: the records it links, by name (rec.row.*). */
    readonly rows: readonly Reason[];
}

/** The names an operation carries for the Ids its writes hold: profiles, configurations, the queue, the status. */
function namesOf(op: Operation): Map<string, string> {
    const names = new Map<string, string>();
    const profile = (p: { profileId: SalesforceId; profileName: string }): void => {
        names.set(p.profileId, p.profileName);
    };
    switch (op.kind) {
        case 'upsertQueue':
            if (op.existingId) names.set(op.existingId, op.developerName);
            break;
        case 'addChannelToStatus':
            names.set(op.statusId, op.statusDeveloperName);
            break;
        case 'assignProfilesToConfig':
            op.profiles.forEach(profile);
            if (op.configId) names.set(op.configId, op.configDeveloperName);
            break;
        case 'moveProfilesToConfig':
        case 'moveUsersToConfig':
            for (const m of op.moves) {
                profile(m);
                names.set(m.fromConfigId, m.fromConfigDeveloperName);
            }
            if (op.configId) names.set(op.configId, op.configDeveloperName);
            break;
        case 'grantStatusAccess':
            op.grants.forEach(profile);
            break;
        case 'assignAgentPermissionSet':
            op.profiles.forEach(profile);
            if (op.permissionSetId) names.set(op.permissionSetId, op.permissionSetDeveloperName);
            break;
        case 'addQueueMembers':
            op.profiles.forEach(profile);
            if (op.queueId) names.set(op.queueId, op.queueDeveloperName);
            break;
        default:
            break;
    }
    return names;
}

/** A field's value by name: an Id by the name the operation gives it, a reference by what it names. */
function nameOf(value: RecordValue | undefined, names: ReadonlyMap<string, string>): string {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'object') return names.get(String(value)) ?? String(value);
    if (value.ref === 'developerName' || value.ref === 'group' || value.ref === 'permissionSet')
        return value.developerName;
    return names.get(value.profileId) ?? value.profileId;
}

/** What one write links, in words (a label key and the names). */
function rowText(write: RecordWrite, names: ReadonlyMap<string, string>): Reason {
    const f = write.fields;
    const name = (field: string): string => nameOf(f[field], names);
    switch (`${write.sObject} ${write.action}`) {
        case 'GroupMember insert': {
            const member = f.UserOrGroupId;
            if (typeof member === 'object' && member?.ref === 'profileUsers')
                return reason('rec.row.queueUsers', { profile: name('UserOrGroupId'), queue: name('GroupId') });
            if (typeof member === 'object' && member?.ref === 'group')
                return reason('rec.row.queueGroup', { group: name('UserOrGroupId'), queue: name('GroupId') });
            return reason('rec.row.queueMember', { member: name('UserOrGroupId'), queue: name('GroupId') });
        }
        case 'Group update':
            return reason('rec.row.queueRouting', { queue: name('Id'), routing: name('QueueRoutingConfigId') });
        case 'QueueSobject insert':
            return reason('rec.row.queueObject', { object: name('SobjectType'), queue: name('QueueId') });
        case 'ServiceChannelStatus insert':
            return reason('rec.row.statusChannel', {
                channel: name('ServiceChannelId'),
                status: name('ServicePresenceStatusId'),
            });
        case 'PresenceUserConfigProfile insert':
        case 'PresenceUserConfigProfile delete':
            return reason(`rec.row.configProfile.${write.action as 'insert' | 'delete'}`, {
                profile: name('ProfileId'),
                config: name('PresenceUserConfigId'),
            });
        case 'PresenceUserConfigUser insert':
        case 'PresenceUserConfigUser delete':
            return reason(`rec.row.configUsers.${write.action as 'insert' | 'delete'}`, {
                profile: name('UserId'),
                config: name('PresenceUserConfigId'),
            });
        case 'SetupEntityAccess insert':
            return reason('rec.row.statusAccess', { status: name('SetupEntityId'), profile: name('ParentId') });
        case 'PermissionSetAssignment insert':
            return reason('rec.row.permissionSetUsers', {
                permissionSet: name('PermissionSetId'),
                profile: name('AssigneeId'),
            });
        default:
            return reason('rec.row.fields', {
                fields: Object.keys(f)
                    .map((field) => `${field}: ${name(field)}`)
                    .join('; '),
            });
    }
}

/**
 * A planned change's record changes in words, grouped by action and object as `changeCounts` counts them: the
 * plan dialog and `fix --dry-run` show the same groups, the same counts and the same links.
 */
export function recordChangeTexts(change: PlannedChange): RecordChangeText[] {
    const names = namesOf(change.operation);
    const rows = new Map<string, Reason[]>();
    for (const write of change.writes) {
        const key = `${write.action} ${write.sObject}`;
        const list = rows.get(key) ?? [];
        list.push(rowText(write, names));
        rows.set(key, list);
    }
    return changeCounts(change).map((count) => ({
        summary: reason(count.perUser ? `rec.${count.action}.perUser` : `rec.${count.action}`, {
            count: count.writes,
            object: count.sObject,
        }),
        rows: rows.get(`${count.action} ${count.sObject}`) ?? [],
    }));
}

/** The describe right each action needs, and the reason when the running user lacks it. */
const RIGHTS: Readonly<
    Record<RecordWrite['action'], { right: 'Createable' | 'Updateable' | 'Deletable'; key: ReasonKey }>
> = {
    insert: { right: 'Createable', key: 'fix.cannotCreateRecords' },
    update: { right: 'Updateable', key: 'fix.cannotUpdateRecords' },
    delete: { right: 'Deletable', key: 'fix.cannotDeleteRecords' },
};

/**
 * Why the running user cannot make an operation's record changes, from the load's probe (`recordAccess`, describe in
 * the user's context): the first write whose object the org lacks or whose right describe refuses, naming the object
 * and the right. Null when every write is allowed, the operation writes no rows, or the probe was not read: the
 * change is then planned as usual and a refusal at run time (`apiError.dmlRefused`) stays the backstop.
 */
export function recordRefusal(op: Operation, snapshot: OrgSnapshot): Reason | null {
    const probe = snapshot.recordAccess;
    if (probe?.status !== 'read') return null;
    const { route, writes } = operationWrites(op);
    if (route !== 'records') return null;
    const rights = new Map(probe.records.map((r) => [r.Name.toLowerCase(), r]));
    for (const write of writes) {
        const access = rights.get(write.sObject.toLowerCase());
        if (access === undefined) continue;
        // With Omni-Channel off its objects are absent until the plan enables it: their rights are not known yet.
        if (!access.Available)
            return snapshot.omniEnabled ? reason('fix.recordObjectMissing', { object: write.sObject }) : null;
        const { right, key } = RIGHTS[write.action];
        if (!access[right]) return reason(key, { object: write.sObject });
    }
    return null;
}

/** Whether a route writes a whole component (Metadata): only ever for what SimplyChat creates or owns, or settings. */
export function writesWholeComponent(route: WriteRoute): boolean {
    return route === 'metadataCreate' || route === 'metadataOwned' || route === 'settings';
}

/**
 * The failure policy shared by the tab, Apex and the CLI: an operation waits for the earlier operations whose
 * records it names (a configuration, status, channel, routing configuration or queue created earlier in the plan,
 * by developer name; Omni-Channel itself for every Omni-Channel operation). Returns, per operation index, the indexes it
 * waits for; an operation whose prerequisite failed is skipped and names it, every other one still runs.
 */
export function operationDependencies(operations: readonly Operation[]): number[][] {
    const creates = operations.map(createdNames);
    return operations.map((op, index) => {
        const needs = namedRecords(op);
        const waits: number[] = [];
        for (let earlier = 0; earlier < index; earlier++) {
            if ([...creates[earlier]].some((name) => needs.has(name))) waits.push(earlier);
        }
        return waits;
    });
}

const key = (type: string, developerName: string): string => `${type}:${developerName.toLowerCase()}`;

/** The records an operation creates, as `type:developername`. */
function createdNames(op: Operation): Set<string> {
    switch (op.kind) {
        case 'createServiceChannel':
            return new Set([key('ServiceChannel', op.developerName)]);
        case 'upsertRoutingConfig':
            return new Set([key('QueueRoutingConfig', op.developerName)]);
        case 'upsertQueue':
            return new Set([key('Queue', op.developerName)]);
        case 'createPresenceStatus':
            return new Set([key('ServicePresenceStatus', op.developerName)]);
        case 'createPresenceConfig':
            return new Set([key('PresenceUserConfig', op.developerName)]);
        case 'upsertAgentPermissionSet':
            return new Set([key('PermissionSet', op.developerName)]);
        case 'enableOmniChannel':
            return new Set(['OmniChannel']);
        default:
            return new Set();
    }
}

/** The records an operation names (and so needs), as `type:developername`. */
function namedRecords(op: Operation): Set<string> {
    const names = new Set<string>();
    if (op.kind !== 'enableOmniChannel' && op.kind !== 'setScSetupDefaults' && op.kind !== 'activateFlow') {
        names.add('OmniChannel');
    }
    switch (op.kind) {
        case 'upsertQueue':
            names.add(key('QueueRoutingConfig', op.routingConfigDeveloperName));
            break;
        case 'createPresenceStatus':
            for (const c of op.channelDeveloperNames) names.add(key('ServiceChannel', c));
            break;
        case 'addChannelToStatus':
            names.add(key('ServiceChannel', op.channelDeveloperName));
            break;
        case 'assignProfilesToConfig':
        case 'moveProfilesToConfig':
        case 'moveUsersToConfig':
        case 'setCapacity':
            names.add(key('PresenceUserConfig', op.configDeveloperName));
            break;
        case 'grantStatusAccess':
            for (const g of op.grants)
                for (const s of g.statusDeveloperNames) names.add(key('ServicePresenceStatus', s));
            break;
        case 'addQueueMembers':
            names.add(key('Queue', op.queueDeveloperName));
            break;
        case 'upsertAgentPermissionSet':
            // A permission set naming a status the org does not hold is refused: the statuses come first.
            for (const s of op.statusDeveloperNames) names.add(key('ServicePresenceStatus', s));
            break;
        case 'assignAgentPermissionSet':
            names.add(key('PermissionSet', op.permissionSetDeveloperName));
            break;
        default:
            break;
    }
    return names;
}
