/**
 * Reads the same OrgSnapshot as the Apex snapshot controller, with SOQL over the REST API: the engine then
 * evaluates and plans exactly as in the tab. Works before the SimplyChat package is installed (pre-flight).
 */
import type {
    FlowRecord,
    OrgSnapshot,
    Part,
    PermissionSetAccessRecord,
    ProfileRecord,
    ScSetupField,
    ScSetupState,
    SetupChoices,
    StatusAccessRecord,
    UserPermissions,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { FLOW_API_NAME, FLOW_LABEL } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { ApiError, type SalesforceApi } from './api';

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
        'SELECT PresenceUserConfigId, User.ProfileId profileId, COUNT(Id) userCount, MIN(User.Name) firstName FROM PresenceUserConfigUser WHERE User.IsActive = true GROUP BY PresenceUserConfigId, User.ProfileId',
    activeUsers:
        "SELECT ProfileId, UserPermissionsSupportUser, COUNT(Id) userCount FROM User WHERE IsActive = true AND UserType = 'Standard' GROUP BY ProfileId, UserPermissionsSupportUser",
    queues: (omni: boolean) =>
        `SELECT Id, DeveloperName, Name${omni ? ', QueueRoutingConfigId' : ''} FROM Group WHERE Type = 'Queue' ORDER BY DeveloperName`,
    queueSobjects: 'SELECT Id, QueueId, SobjectType FROM QueueSobject',
    profiles: (ids: readonly string[]) => `SELECT Id, Name FROM Profile WHERE Id IN (${quoted(ids)}) ORDER BY Name`,
    permissions: (userId: string) =>
        'SELECT PermissionsViewSetup, PermissionsCustomizeApplication, PermissionsModifyMetadata, PermissionsModifyAllData, PermissionsManageUsers, PermissionsManageProfilesPermissionsets ' +
        `FROM PermissionSet WHERE Id IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${quoted([userId])})`,
    statusAccess: (statusIds: readonly string[], profileIds: readonly string[]) =>
        `SELECT Parent.ProfileId, SetupEntityId FROM SetupEntityAccess WHERE SetupEntityId IN (${quoted(statusIds)}) AND Parent.IsOwnedByProfile = true AND Parent.ProfileId IN (${quoted(profileIds)})`,
    /** Permission sets (a group's own set included) that grant the statuses, with the active agent users holding them. */
    permissionSetAccess: (statusIds: readonly string[], profileIds: readonly string[]) =>
        `SELECT Id, Label, PermissionSetGroupId, (SELECT SetupEntityId FROM SetupEntityAccessItems WHERE SetupEntityId IN (${quoted(statusIds)})), ` +
        `(SELECT AssigneeId, Assignee.ProfileId FROM Assignments WHERE Assignee.IsActive = true AND Assignee.ProfileId IN (${quoted(profileIds)})) ` +
        `FROM PermissionSet WHERE HasActivationRequired = false AND IsOwnedByProfile = false AND Id IN (SELECT ParentId FROM SetupEntityAccess WHERE SetupEntityId IN (${quoted(statusIds)}))`,
    flows: `SELECT ApiName, Label, NamespacePrefix, ActiveVersionId, LatestVersionId FROM FlowDefinitionView WHERE ApiName = '${FLOW_API_NAME}' OR Label = '${FLOW_LABEL}'`,
};

/** Ids and names are checked before they reach SOQL; only [A-Za-z0-9_] passes. */
function quoted(values: readonly string[]): string {
    for (const v of values) if (!/^[A-Za-z0-9_]+$/.test(v)) throw new Error(`Refusing to put "${v}" into SOQL`);
    return values.map((v) => `'${v}'`).join(', ');
}

export interface OrgInfo {
    id: string;
    name: string;
    production: boolean;
}

type Row = Record<string, unknown>;

function unavailable<T>(error: unknown): Part<T> {
    const status = error instanceof ApiError ? error.status : 0;
    const code =
        status === 403 || (error instanceof ApiError && /INSUFFICIENT_ACCESS/.test(error.code))
            ? 'noAccess'
            : 'queryFailed';
    return { status: 'unavailable', code, message: error instanceof Error ? error.message : String(error) };
}

async function part<T>(read: () => Promise<T[]>): Promise<Part<T>> {
    try {
        return { status: 'read', records: await read() };
    } catch (error) {
        if (error instanceof ApiError && error.status === 401) throw error;
        return unavailable<T>(error);
    }
}

const pick = (row: Row, ...fields: string[]): Row => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

function chunks<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

export async function readOrg(api: SalesforceApi): Promise<OrgInfo> {
    const [org] = await api.query<Row>(SOQL.organization);
    return {
        id: String(org.Id),
        name: String(org.Name ?? ''),
        production: org.IsSandbox === false && !org.TrialExpirationDate && org.OrganizationType !== 'Developer Edition',
    };
}

/** Everything the engine evaluates. `choices` comes from the command line (defaults for the rest). */
export async function readSnapshot(api: SalesforceApi, org: OrgInfo, choices: SetupChoices): Promise<OrgSnapshot> {
    const me = await api.get<{ id: string }>('/chatter/users/me');
    const userId = String(me?.id);
    const described = await api.get<{ sobjects: { name: string; label: string; customSetting?: boolean }[] }>(
        '/sobjects/'
    );
    const objects = new Map((described?.sobjects ?? []).map((o) => [o.name.toLowerCase(), o]));
    const omniEnabled = objects.has('servicepresencestatus');
    const omni = <T>(read: () => Promise<T[]>): Promise<Part<T>> =>
        omniEnabled ? part(read) : Promise.resolve({ status: 'unavailable', code: 'omniDisabled' });

    const sets = await api.query<Row>(SOQL.permissions(userId));
    const has = (field: string): boolean => sets.some((s) => s[field] === true);
    const permissions: UserPermissions = {
        viewSetup: has('PermissionsViewSetup'),
        customizeApplication: has('PermissionsCustomizeApplication'),
        modifyMetadata: has('PermissionsModifyMetadata'),
        modifyAllData: has('PermissionsModifyAllData'),
        manageUsers: has('PermissionsManageUsers'),
        manageProfilesPermissionsets: has('PermissionsManageProfilesPermissionsets'),
    };

    const serviceChannels = await omni(async () =>
        (await api.query<Row>(SOQL.serviceChannels)).map(
            (r) => pick(r, 'Id', 'DeveloperName', 'MasterLabel', 'RelatedEntity') as never
        )
    );
    const routingConfigs = await omni(async () =>
        (await api.query<Row>(SOQL.routingConfigs)).map(
            (r) =>
                pick(
                    r,
                    'Id',
                    'DeveloperName',
                    'MasterLabel',
                    'RoutingModel',
                    'RoutingPriority',
                    'CapacityWeight',
                    'CapacityPercentage'
                ) as never
        )
    );
    const presenceStatuses = await omni(async () =>
        (await api.query<Row>(SOQL.presenceStatuses)).map((r) => pick(r, 'Id', 'DeveloperName', 'MasterLabel') as never)
    );
    const statusChannels = await omni(async () =>
        (await api.query<Row>(SOQL.statusChannels)).map(
            (r) => pick(r, 'Id', 'ServicePresenceStatusId', 'ServiceChannelId') as never
        )
    );
    const presenceConfigs = await omni(async () =>
        (await api.query<Row>(SOQL.presenceConfigs)).map(
            (r) => ({ ...pick(r, 'Id', 'DeveloperName', 'MasterLabel'), Capacity: Number(r.Capacity ?? 0) }) as never
        )
    );
    const presenceConfigProfiles = await omni(async () =>
        (await api.query<Row>(SOQL.presenceConfigProfiles)).map(
            (r) => pick(r, 'Id', 'PresenceUserConfigId', 'ProfileId') as never
        )
    );
    const presenceConfigUsers = await omni(async () =>
        (await api.query<Row>(SOQL.directUsers)).map((r) => ({
            PresenceUserConfigId: String(r.PresenceUserConfigId),
            ProfileId: String(r.profileId),
            UserCount: Number(r.userCount),
            FirstUserName: String(r.firstName ?? ''),
        }))
    );
    const queues = await part(async () =>
        (await api.query<Row>(SOQL.queues(omniEnabled))).map(
            (r) =>
                ({
                    ...pick(r, 'Id', 'DeveloperName', 'Name'),
                    QueueRoutingConfigId: (r.QueueRoutingConfigId as string) ?? null,
                }) as never
        )
    );
    const queueSobjects = await part(async () =>
        (await api.query<Row>(SOQL.queueSobjects))
            .filter((r) => String(r.SobjectType).toLowerCase() === choices.chatObject.toLowerCase())
            .map((r) => pick(r, 'Id', 'QueueId', 'SobjectType') as never)
    );
    const profiles = await part<ProfileRecord>(async () => {
        const counts = new Map<string, { all: number; serviceCloud: number }>();
        for (const row of await api.query<Row>(SOQL.activeUsers)) {
            const id = String(row.ProfileId);
            const count = counts.get(id) ?? { all: 0, serviceCloud: 0 };
            count.all += Number(row.userCount);
            if (row.UserPermissionsSupportUser === true) count.serviceCloud += Number(row.userCount);
            counts.set(id, count);
        }
        const ids = [...new Set([...counts.keys(), ...choices.agentProfileIds])];
        const rows: Row[] = [];
        for (const batch of chunks(ids, 200)) rows.push(...(await api.query<Row>(SOQL.profiles(batch))));
        return rows.map((r) => ({
            Id: String(r.Id),
            Name: String(r.Name),
            UserCount: counts.get(String(r.Id))?.all ?? 0,
            ServiceCloudUserCount: counts.get(String(r.Id))?.serviceCloud ?? 0,
        }));
    });
    const statusAccess: Part<StatusAccessRecord> =
        presenceStatuses.status !== 'read'
            ? { status: 'unavailable', code: omniEnabled ? 'queryFailed' : 'omniDisabled' }
            : await part(async () => {
                  const statusIds = presenceStatuses.records.map((s) => (s as { Id: string }).Id);
                  if (statusIds.length === 0 || choices.agentProfileIds.length === 0) return [];
                  const rows: StatusAccessRecord[] = [];
                  for (const batch of chunks(choices.agentProfileIds, 200)) {
                      for (const r of await api.query<Row>(SOQL.statusAccess(statusIds, batch))) {
                          rows.push({
                              ProfileId: String((r.Parent as Row)?.ProfileId),
                              SetupEntityId: String(r.SetupEntityId),
                          });
                      }
                  }
                  return rows;
              });
    const permissionSetAccess: Part<PermissionSetAccessRecord> =
        presenceStatuses.status !== 'read'
            ? { status: 'unavailable', code: omniEnabled ? 'queryFailed' : 'omniDisabled' }
            : await part(async () => {
                  const statusIds = presenceStatuses.records.map((s) => (s as { Id: string }).Id);
                  if (statusIds.length === 0 || choices.agentProfileIds.length === 0) return [];
                  const children = (value: unknown): Row[] => (value as { records?: Row[] } | null)?.records ?? [];
                  return (await api.query<Row>(SOQL.permissionSetAccess(statusIds, choices.agentProfileIds))).map(
                      (r) => ({
                          Id: String(r.Id),
                          Label: String(r.Label),
                          PermissionSetGroupId: (r.PermissionSetGroupId as string | null) ?? null,
                          StatusIds: children(r.SetupEntityAccessItems).map((c) => String(c.SetupEntityId)),
                          Assignees: children(r.Assignments).map((c) => ({
                              AssigneeId: String(c.AssigneeId),
                              ProfileId: String((c.Assignee as Row)?.ProfileId),
                          })),
                      })
                  );
              });
    const flows = await part<FlowRecord>(async () =>
        (await api.query<Row>(SOQL.flows)).map(
            (r) => pick(r, 'ApiName', 'Label', 'NamespacePrefix', 'ActiveVersionId', 'LatestVersionId') as never
        )
    );
    const scSetup = await part<ScSetupState>(async () => [await readScSetup(api, org, objects)]);
    const chat = objects.get(choices.chatObject.toLowerCase());
    return {
        schemaVersion: 1,
        readAt: new Date().toISOString(),
        orgId: org.id,
        user: { id: userId, permissions },
        // The CLI is connected with its own token: the API works for it, whatever the package's Named Credential.
        apiAccess: { connectionSetup: 'present', connection: 'ok', httpStatus: 200 },
        omniEnabled,
        chatObject: { apiName: choices.chatObject, exists: chat !== undefined, label: chat?.label ?? null },
        serviceChannels,
        routingConfigs,
        queues,
        queueSobjects,
        presenceStatuses,
        statusChannels,
        presenceConfigs,
        presenceConfigProfiles,
        presenceConfigUsers,
        profiles,
        statusAccess,
        permissionSetAccess,
        flows,
        scSetup,
        choices,
    };
}

/** UNVERIFIED name (docs/org-verification.md): the package's SC Setup setting is found by its name's ending. */
async function readScSetup(
    api: SalesforceApi,
    org: OrgInfo,
    objects: Map<string, { name: string; customSetting?: boolean }>
): Promise<ScSetupState> {
    const setting =
        objects.get('winp__sc_setup__c') ??
        [...objects.values()].find((o) => o.name.toLowerCase().endsWith('sc_setup__c') && o.customSetting);
    if (!setting || !setting.customSetting) return { objectApiName: null, fields: [], orgDefault: null };
    const describe = await api.get<{ fields: { name: string; label: string; type: string; custom: boolean }[] }>(
        `/sobjects/${setting.name}/describe`
    );
    const fields: ScSetupField[] = (describe?.fields ?? [])
        .filter((f) => f.custom)
        .map((f) => ({ apiName: f.name, label: f.label, type: f.type.toLowerCase() }));
    for (const f of fields)
        if (!/^[A-Za-z0-9_]+$/.test(f.apiName)) throw new Error(`Unexpected field name ${f.apiName}`);
    const rows = await api.query<Row>(
        `SELECT Id${fields.map((f) => `, ${f.apiName}`).join('')} FROM ${setting.name} WHERE SetupOwnerId = ${quoted([org.id])} LIMIT 1`
    );
    return {
        objectApiName: setting.name,
        fields,
        orgDefault:
            rows.length === 0
                ? null
                : Object.fromEntries(fields.map((f) => [f.apiName, (rows[0][f.apiName] ?? null) as never])),
    };
}
