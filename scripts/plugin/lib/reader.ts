/**
 * Reads the same OrgSnapshot as the Apex snapshot controller, through the org's jsforce Connection, so the engine
 * evaluates and plans exactly as in the tab. Works before the SimplyChat package is installed (pre-flight).
 *
 * Reads run in three rounds of parallel requests: who and what (organization, user, describe), then every list
 * (Omni-Channel objects, queues, profiles and their metadata full names, flow, SC Setup describe), then what depends
 * on those (status access of the chosen profiles, the SC Setup org default).
 */
import type {
    FlowRecord,
    OrgSnapshot,
    Part,
    ProfileRecord,
    ScSetupField,
    ScSetupState,
    SetupChoices,
    StatusAccessRecord,
    UserPermissions,
} from '../../../force-app/main/default/lwc/setupEngine/setupEngine.js';
import {
    defaultChoices,
    FLOW_API_NAME,
    FLOW_LABEL,
} from '../../../force-app/main/default/lwc/setupEngine/setupEngine.js';
import { isAuthOrNetworkError } from './errors.js';
import { chunks, type OrgApi } from './orgApi.js';

export const SOQL = {
    organization: 'SELECT Id, Name, IsSandbox, OrganizationType, TrialExpirationDate FROM Organization LIMIT 1',
    serviceChannels:
        'SELECT Id, DeveloperName, MasterLabel, RelatedEntity FROM ServiceChannel ORDER BY DeveloperName LIMIT 2000',
    routingConfigs:
        'SELECT Id, DeveloperName, MasterLabel, RoutingModel, RoutingPriority, CapacityWeight, CapacityPercentage FROM QueueRoutingConfig ORDER BY DeveloperName LIMIT 2000',
    presenceStatuses:
        'SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus ORDER BY DeveloperName LIMIT 2000',
    statusChannels: 'SELECT Id, ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus LIMIT 10000',
    presenceConfigs:
        'SELECT Id, DeveloperName, MasterLabel, Capacity FROM PresenceUserConfig ORDER BY DeveloperName LIMIT 2000',
    presenceConfigProfiles: 'SELECT Id, PresenceUserConfigId, ProfileId FROM PresenceUserConfigProfile LIMIT 10000',
    directUsers:
        'SELECT PresenceUserConfigId, COUNT(Id) userCount FROM PresenceUserConfigUser GROUP BY PresenceUserConfigId',
    activeUsers:
        "SELECT ProfileId, UserPermissionsSupportUser, COUNT(Id) userCount FROM User WHERE IsActive = true AND UserType = 'Standard' GROUP BY ProfileId, UserPermissionsSupportUser",
    queues: (omni: boolean) =>
        `SELECT Id, DeveloperName, Name${omni ? ', QueueRoutingConfigId' : ''} FROM Group WHERE Type = 'Queue' ORDER BY DeveloperName`,
    queueSobjects: 'SELECT Id, QueueId, SobjectType FROM QueueSobject',
    /** Every profile, with or without active users: an installer may name a profile before its agents exist. */
    allProfiles: 'SELECT Id, Name FROM Profile ORDER BY Name LIMIT 10000',
    permissions: (userId: string) =>
        'SELECT PermissionsViewSetup, PermissionsCustomizeApplication, PermissionsModifyMetadata, PermissionsModifyAllData, PermissionsManageUsers, PermissionsManageProfilesPermissionsets ' +
        `FROM PermissionSet WHERE Id IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${quoted([userId])})`,
    statusAccess: (statusIds: readonly string[], profileIds: readonly string[]) =>
        `SELECT Parent.ProfileId, SetupEntityId FROM SetupEntityAccess WHERE SetupEntityId IN (${quoted(statusIds)}) AND Parent.IsOwnedByProfile = true AND Parent.ProfileId IN (${quoted(profileIds)})`,
    flows: `SELECT ApiName, Label, NamespacePrefix, ActiveVersionId, LatestVersionId FROM FlowDefinitionView WHERE ApiName = '${FLOW_API_NAME}' OR Label = '${FLOW_LABEL}'`,
};

/** Ids and names are checked before they reach SOQL; only [A-Za-z0-9_] passes. No user text is ever queried. */
export function quoted(values: readonly string[]): string {
    for (const v of values) if (!/^[A-Za-z0-9_]+$/.test(v)) throw new Error(`Refusing to put "${v}" into SOQL`);
    return values.map((v) => `'${v}'`).join(', ');
}

export interface OrgInfo {
    id: string;
    name: string;
    production: boolean;
}

/** A profile of the org: its Id, its (possibly translated) name and its Metadata API full name when listed. */
export interface OrgProfile {
    id: string;
    name: string;
    fullName?: string;
}

/** What the command line says; profile names are resolved against the org once it is read. */
export interface CliChoices {
    chatObject?: string;
    capacity?: number;
    profiles?: readonly string[];
}

export interface OrgRead {
    org: OrgInfo;
    snapshot: OrgSnapshot;
    /** Every profile of the org by Id (full names from listMetadata when the user may list metadata). */
    profiles: Map<string, OrgProfile>;
    /** Set when the Metadata API could not list profile full names. */
    fullNamesError?: string;
}

export class UnknownProfilesError extends Error {
    constructor(
        readonly unknown: string[],
        readonly suggestions: string[]
    ) {
        super(`No profile named ${unknown.map((n) => `"${n}"`).join(', ')} in this org.`);
        this.name = 'UnknownProfilesError';
    }
}

type Row = Record<string, unknown>;

const pick = (row: Row, ...fields: string[]): Row => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

function unavailable<T>(error: unknown): Part<T> {
    const e = error as { errorCode?: string; name?: string; message?: string };
    const code = /INSUFFICIENT_ACCESS|NOT_FOUND|FORBIDDEN/.test(`${e.errorCode ?? ''} ${e.name ?? ''}`)
        ? 'noAccess'
        : 'queryFailed';
    return { status: 'unavailable', code, message: e.message ?? String(error) };
}

/** One part of the snapshot: a refused query makes it unavailable; a network or login failure ends the read. */
async function part<T>(read: () => Promise<T[]>): Promise<Part<T>> {
    try {
        return { status: 'read', records: await read() };
    } catch (error) {
        if (isAuthOrNetworkError(error)) throw error;
        return unavailable<T>(error);
    }
}

/** The Metadata API full name of a profile is URL-encoded; people type the decoded form. */
function decodeFullName(fullName: string): string {
    try {
        return decodeURIComponent(fullName);
    } catch {
        return fullName;
    }
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}

export function closest(input: string, candidates: readonly string[]): string | undefined {
    const lower = input.toLowerCase();
    let best: { name: string; d: number } | undefined;
    for (const name of candidates) {
        const d = distance(lower, name.toLowerCase());
        if (!best || d < best.d) best = { name, d };
    }
    return best && best.d <= Math.max(2, Math.floor(input.length / 3)) ? best.name : undefined;
}

/** Profile names (or Metadata full names) from the command line → Ids; throws UnknownProfilesError. */
export function resolveProfiles(names: readonly string[], profiles: ReadonlyMap<string, OrgProfile>): string[] {
    const byName = new Map<string, string>();
    for (const p of profiles.values()) {
        byName.set(p.name.toLowerCase(), p.id);
        if (p.fullName) byName.set(decodeFullName(p.fullName).toLowerCase(), p.id);
    }
    const unknown = names.filter((n) => !byName.has(n.toLowerCase()));
    if (unknown.length > 0) {
        const all = [...profiles.values()].map((p) => p.name);
        throw new UnknownProfilesError(
            unknown,
            unknown.map((n) => closest(n, all)).filter((s): s is string => s !== undefined)
        );
    }
    return [...new Set(names.map((n) => byName.get(n.toLowerCase()) as string))];
}

export type Progress = (done: number, total: number) => void;

/** Everything the engine evaluates, with the command line's choices resolved against the org. */
export async function readOrg(api: OrgApi, cli: CliChoices, onProgress: Progress = () => undefined): Promise<OrgRead> {
    let done = 0;
    let total = 3;
    const step = <T>(promise: Promise<T>): Promise<T> =>
        promise.then((value) => {
            onProgress(++done, total);
            return value;
        });

    // Round 1: the organization, the user, the objects.
    const [orgRows, me, described] = await Promise.all([
        step(api.query<Row>(SOQL.organization)),
        step(api.get<{ id: string }>('/chatter/users/me')),
        step(api.describeGlobal()),
    ]);
    const [orgRow] = orgRows;
    const org: OrgInfo = {
        id: String(orgRow?.Id),
        name: String(orgRow?.Name ?? ''),
        production:
            orgRow?.IsSandbox === false &&
            !orgRow?.TrialExpirationDate &&
            orgRow?.OrganizationType !== 'Developer Edition',
    };
    const userId = String(me?.id);
    const objects = new Map((described?.sobjects ?? []).map((o) => [o.name.toLowerCase(), o]));
    const omniEnabled = objects.has('servicepresencestatus');
    const chatObject = cli.chatObject ?? defaultChoices().chatObject;

    // Round 2: every list, in parallel.
    total += 15;
    const omni = <T>(read: () => Promise<T[]>): Promise<Part<T>> =>
        omniEnabled ? step(part(read)) : step(Promise.resolve({ status: 'unavailable', code: 'omniDisabled' }));
    const rows =
        (soql: string, ...fields: string[]) =>
        async (): Promise<never[]> =>
            (await api.query<Row>(soql)).map((r) => pick(r, ...fields) as never);
    const setting =
        objects.get('winp__sc_setup__c') ??
        [...objects.values()].find((o) => o.name.toLowerCase().endsWith('sc_setup__c') && o.customSetting);
    const [
        sets,
        serviceChannels,
        routingConfigs,
        presenceStatuses,
        statusChannels,
        presenceConfigs,
        presenceConfigProfiles,
        presenceConfigUsers,
        queues,
        queueSobjects,
        activeUsers,
        allProfiles,
        fullNames,
        flows,
        settingFields,
    ] = await Promise.all([
        step(api.query<Row>(SOQL.permissions(userId))),
        omni(rows(SOQL.serviceChannels, 'Id', 'DeveloperName', 'MasterLabel', 'RelatedEntity')),
        omni(
            rows(
                SOQL.routingConfigs,
                'Id',
                'DeveloperName',
                'MasterLabel',
                'RoutingModel',
                'RoutingPriority',
                'CapacityWeight',
                'CapacityPercentage'
            )
        ),
        omni(rows(SOQL.presenceStatuses, 'Id', 'DeveloperName', 'MasterLabel')),
        omni(rows(SOQL.statusChannels, 'Id', 'ServicePresenceStatusId', 'ServiceChannelId')),
        omni(async () =>
            (await api.query<Row>(SOQL.presenceConfigs)).map(
                (r) =>
                    ({ ...pick(r, 'Id', 'DeveloperName', 'MasterLabel'), Capacity: Number(r.Capacity ?? 0) }) as never
            )
        ),
        omni(rows(SOQL.presenceConfigProfiles, 'Id', 'PresenceUserConfigId', 'ProfileId')),
        omni(async () =>
            (await api.query<Row>(SOQL.directUsers)).map((r) => ({
                PresenceUserConfigId: String(r.PresenceUserConfigId),
                UserCount: Number(r.userCount),
            }))
        ),
        step(
            part(async () =>
                (await api.query<Row>(SOQL.queues(omniEnabled))).map(
                    (r) =>
                        ({
                            ...pick(r, 'Id', 'DeveloperName', 'Name'),
                            QueueRoutingConfigId: (r.QueueRoutingConfigId as string) ?? null,
                        }) as never
                )
            )
        ),
        step(
            part(async () =>
                (await api.query<Row>(SOQL.queueSobjects))
                    .filter((r) => String(r.SobjectType).toLowerCase() === chatObject.toLowerCase())
                    .map((r) => pick(r, 'Id', 'QueueId', 'SobjectType') as never)
            )
        ),
        step(part(() => api.query<Row>(SOQL.activeUsers))),
        step(part(() => api.query<Row>(SOQL.allProfiles))),
        step(
            api.list('Profile').then(
                (list) => ({ list, error: undefined }),
                (error: unknown) => {
                    if (isAuthOrNetworkError(error)) throw error;
                    return { list: [], error: (error as Error).message };
                }
            )
        ),
        step(
            part<FlowRecord>(async () =>
                (await api.query<Row>(SOQL.flows)).map(
                    (r) => pick(r, 'ApiName', 'Label', 'NamespacePrefix', 'ActiveVersionId', 'LatestVersionId') as never
                )
            )
        ),
        step(setting?.customSetting ? api.describe(setting.name) : Promise.resolve(undefined)),
    ]);

    const has = (field: string): boolean => sets.some((s) => s[field] === true);
    const permissions: UserPermissions = {
        viewSetup: has('PermissionsViewSetup'),
        customizeApplication: has('PermissionsCustomizeApplication'),
        modifyMetadata: has('PermissionsModifyMetadata'),
        modifyAllData: has('PermissionsModifyAllData'),
        manageUsers: has('PermissionsManageUsers'),
        manageProfilesPermissionsets: has('PermissionsManageProfilesPermissionsets'),
    };

    const fullNameById = new Map(fullNames.list.map((p) => [p.id.slice(0, 15), p.fullName]));
    const profiles = new Map<string, OrgProfile>();
    for (const r of allProfiles.status === 'read' ? allProfiles.records : []) {
        const id = String(r.Id);
        profiles.set(id, { id, name: String(r.Name), fullName: fullNameById.get(id.slice(0, 15)) });
    }
    const agentProfileIds = cli.profiles ? resolveProfiles(cli.profiles, profiles) : [];
    const choices: SetupChoices = {
        ...defaultChoices(),
        chatObject,
        capacity: cli.capacity ?? null,
        agentProfileIds,
    };

    // Profiles that can be agents, as the tab lists them: those with active users, plus the chosen ones.
    const counts = new Map<string, { all: number; serviceCloud: number }>();
    for (const row of activeUsers.status === 'read' ? activeUsers.records : []) {
        const id = String(row.ProfileId);
        const count = counts.get(id) ?? { all: 0, serviceCloud: 0 };
        count.all += Number(row.userCount);
        if (row.UserPermissionsSupportUser === true) count.serviceCloud += Number(row.userCount);
        counts.set(id, count);
    }
    const profilePart: Part<ProfileRecord> =
        activeUsers.status !== 'read'
            ? activeUsers
            : allProfiles.status !== 'read'
              ? allProfiles
              : {
                    status: 'read',
                    records: [...profiles.values()]
                        .filter((p) => counts.has(p.id) || agentProfileIds.includes(p.id))
                        .map((p) => ({
                            Id: p.id,
                            Name: p.name,
                            UserCount: counts.get(p.id)?.all ?? 0,
                            ServiceCloudUserCount: counts.get(p.id)?.serviceCloud ?? 0,
                        })),
                };

    // Round 3: what depends on the lists.
    total += 2;
    const fields: ScSetupField[] = (settingFields?.fields ?? [])
        .filter((f) => f.custom && /^[A-Za-z0-9_]+$/.test(f.name))
        .map((f) => ({ apiName: f.name, label: f.label, type: f.type.toLowerCase() }));
    const [statusAccess, scSetup] = await Promise.all([
        step(
            presenceStatuses.status !== 'read'
                ? Promise.resolve<Part<StatusAccessRecord>>({
                      status: 'unavailable',
                      code: omniEnabled ? 'queryFailed' : 'omniDisabled',
                  })
                : part<StatusAccessRecord>(async () => {
                      const statusIds = presenceStatuses.records.map((s) => (s as { Id: string }).Id);
                      if (statusIds.length === 0 || agentProfileIds.length === 0) return [];
                      const batches = await Promise.all(
                          chunks(agentProfileIds, 200).map((batch) =>
                              api.query<Row>(SOQL.statusAccess(statusIds, batch))
                          )
                      );
                      return batches.flat().map((r) => ({
                          ProfileId: String((r.Parent as Row)?.ProfileId),
                          SetupEntityId: String(r.SetupEntityId),
                      }));
                  })
        ),
        step(
            part<ScSetupState>(async () => {
                if (!setting?.customSetting) return [{ objectApiName: null, fields: [], orgDefault: null }];
                const [row] = await api.query<Row>(
                    `SELECT Id${fields.map((f) => `, ${f.apiName}`).join('')} FROM ${setting.name} WHERE SetupOwnerId = ${quoted([org.id])} LIMIT 1`
                );
                return [
                    {
                        objectApiName: setting.name,
                        fields,
                        orgDefault: row
                            ? Object.fromEntries(fields.map((f) => [f.apiName, (row[f.apiName] ?? null) as never]))
                            : null,
                    },
                ];
            })
        ),
    ]);

    const chat = objects.get(chatObject.toLowerCase());
    const snapshot: OrgSnapshot = {
        schemaVersion: 1,
        readAt: new Date().toISOString(),
        orgId: org.id,
        user: { id: userId, permissions },
        // The CLI is connected with the installer's own login: the API works for it, whatever the Named Credential.
        apiAccess: { connectionSetup: 'present', connection: 'ok', httpStatus: 200 },
        omniEnabled,
        chatObject: { apiName: chatObject, exists: chat !== undefined, label: chat?.label ?? null },
        serviceChannels,
        routingConfigs,
        queues,
        queueSobjects,
        presenceStatuses,
        statusChannels,
        presenceConfigs,
        presenceConfigProfiles,
        presenceConfigUsers,
        profiles: profilePart,
        statusAccess,
        flows,
        scSetup,
        choices,
    };
    return { org, snapshot, profiles, fullNamesError: fullNames.error };
}
