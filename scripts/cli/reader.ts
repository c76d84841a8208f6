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
    QueueRecord,
    QueueSobjectRecord,
    ScSetupField,
    ScSetupState,
    SetupChoices,
    StatusAccessRecord,
    UserPermissions,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { FLOW_API_NAME, FLOW_LABEL } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { bindSoql, SOQL } from '../lib/soql';
import { ApiError, type SalesforceApi } from './api';

/** Queries only the CLI needs (Apex reads the org and the running user's permissions otherwise). */
export const CLI_SOQL = {
    organization: 'SELECT Id, Name, IsSandbox, OrganizationType, TrialExpirationDate FROM Organization LIMIT 1',
    /** The running user's effective permissions in this session (one row), as SetupPermissions.cls reads them. */
    permissions:
        'SELECT PermissionsViewSetup, PermissionsCustomizeApplication, PermissionsModifyMetadata, PermissionsModifyAllData, PermissionsManageUsers, PermissionsManageProfilesPermissionsets FROM UserPermissionAccess LIMIT 1',
};

/** Rows the Apex reader also caps (SetupSnapshotReader.maxAccessRows). */
const MAX_ACCESS_ROWS = 20000;

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

/** A child relationship of a REST query row: `{ records: [...] }`, or null when it has none. */
function children(value: unknown): Row[] {
    return ((value as { records?: Row[] } | null)?.records ?? []) as Row[];
}

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
    const [org] = await api.query<Row>(CLI_SOQL.organization);
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

    const sets = await api.query<Row>(CLI_SOQL.permissions);
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
        (await api.query<Row>(SOQL.SERVICE_CHANNELS)).map(
            (r) => pick(r, 'Id', 'DeveloperName', 'MasterLabel', 'RelatedEntity') as never
        )
    );
    const routingConfigs = await omni(async () =>
        (await api.query<Row>(SOQL.ROUTING_CONFIGS)).map(
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
        (await api.query<Row>(SOQL.PRESENCE_STATUSES)).map(
            (r) => pick(r, 'Id', 'DeveloperName', 'MasterLabel') as never
        )
    );
    const statusChannels = await omni(async () =>
        (await api.query<Row>(SOQL.STATUS_CHANNELS)).map(
            (r) => pick(r, 'Id', 'ServicePresenceStatusId', 'ServiceChannelId') as never
        )
    );
    const presenceConfigs = await omni(async () =>
        (await api.query<Row>(SOQL.PRESENCE_CONFIGS)).map(
            (r) => ({ ...pick(r, 'Id', 'DeveloperName', 'MasterLabel'), Capacity: Number(r.Capacity ?? 0) }) as never
        )
    );
    const presenceConfigProfiles = await omni(async () =>
        (await api.query<Row>(SOQL.PRESENCE_CONFIG_PROFILES)).map(
            (r) => pick(r, 'Id', 'PresenceUserConfigId', 'ProfileId') as never
        )
    );
    const presenceConfigUsers = await omni(async () =>
        (await api.query<Row>(SOQL.DIRECT_USERS)).map((r) => ({
            PresenceUserConfigId: String(r.configId),
            ProfileId: String(r.profileId),
            UserCount: Number(r.userCount),
            FirstUserName: String(r.firstName ?? ''),
        }))
    );
    // As in Apex: the queues that support the chat object, or carry our queue name (SOQL refuses a semi-join in OR).
    const queueSobjects = await part(async () =>
        (await api.query<Row>(bindSoql(SOQL.QUEUE_SOBJECTS, { chatObject: choices.chatObject }))).map(
            (r) => pick(r, 'Id', 'QueueId', 'SobjectType') as never
        )
    );
    const queues: Part<QueueRecord> =
        queueSobjects.status !== 'read'
            ? { status: 'unavailable', code: 'queryFailed', message: 'QueueSobject could not be read' }
            : await part(async () =>
                  (
                      await api.query<Row>(
                          bindSoql(omniEnabled ? SOQL.QUEUES_WITH_ROUTING : SOQL.QUEUES, {
                              queueName: choices.names.queue.developerName,
                              queueIds: queueSobjects.records.map((r) => (r as QueueSobjectRecord).QueueId),
                          })
                      )
                  ).map((r) => ({
                      Id: String(r.Id),
                      DeveloperName: String(r.DeveloperName),
                      Name: String(r.Name),
                      QueueRoutingConfigId: (r.QueueRoutingConfigId as string) ?? null,
                  }))
              );
    const profiles = await part<ProfileRecord>(async () => {
        const counts = new Map<string, { all: number; serviceCloud: number }>();
        for (const row of await api.query<Row>(SOQL.ACTIVE_USERS)) {
            const id = String(row.profileId);
            const count = counts.get(id) ?? { all: 0, serviceCloud: 0 };
            count.all += Number(row.userCount);
            if (row.serviceCloud === true) count.serviceCloud += Number(row.userCount);
            counts.set(id, count);
        }
        const ids = [...new Set([...counts.keys(), ...choices.agentProfileIds])];
        const rows: Row[] = [];
        for (const batch of chunks(ids, 200))
            rows.push(...(await api.query<Row>(bindSoql(SOQL.PROFILES, { ids: batch }))));
        return rows.map((r) => ({
            Id: String(r.Id),
            Name: String(r.Name),
            UserCount: counts.get(String(r.Id))?.all ?? 0,
            ServiceCloudUserCount: counts.get(String(r.Id))?.serviceCloud ?? 0,
        }));
    });
    // As in Apex (SetupSnapshotReader.readStatusAccess): one query for the agent profiles' own permission sets and
    // every other permission set or group granting a status, with the active agent users who hold it.
    const access: Part<Row> =
        presenceStatuses.status !== 'read'
            ? { status: 'unavailable', code: omniEnabled ? 'queryFailed' : 'omniDisabled' }
            : await part<Row>(async () => {
                  const statusIds = presenceStatuses.records.map((s) => (s as { Id: string }).Id);
                  if (statusIds.length === 0 || choices.agentProfileIds.length === 0) return [];
                  const rows: Row[] = [];
                  for (const batch of chunks(choices.agentProfileIds, 200)) {
                      rows.push(
                          ...(await api.query<Row>(
                              bindSoql(SOQL.STATUS_ACCESS, { statusIds, profileIds: batch, maxRows: MAX_ACCESS_ROWS })
                          ))
                      );
                  }
                  return rows;
              });
    const statusAccess: Part<StatusAccessRecord> =
        access.status !== 'read'
            ? access
            : {
                  status: 'read',
                  records: access.records
                      .filter((r) => r.IsOwnedByProfile === true)
                      .flatMap((r) =>
                          children(r.SetupEntityAccessItems).map((c) => ({
                              ProfileId: String(r.ProfileId),
                              SetupEntityId: String(c.SetupEntityId),
                          }))
                      ),
              };
    const merged = new Map<string, PermissionSetAccessRecord>();
    for (const r of access.status === 'read' ? access.records.filter((x) => x.IsOwnedByProfile !== true) : []) {
        // A permission set seen in two profile batches: its assignees are the union of both answers.
        const before = merged.get(String(r.Id));
        merged.set(String(r.Id), {
            Id: String(r.Id),
            Label: String(r.Label),
            PermissionSetGroupId: (r.PermissionSetGroupId as string | null) ?? null,
            StatusIds: children(r.SetupEntityAccessItems).map((c) => String(c.SetupEntityId)),
            Assignees: [
                ...(before?.Assignees ?? []),
                ...children(r.Assignments).map((c) => ({
                    AssigneeId: String(c.AssigneeId),
                    ProfileId: String((c.Assignee as Row)?.ProfileId),
                })),
            ],
        });
    }
    const permissionSetAccess: Part<PermissionSetAccessRecord> =
        access.status !== 'read' ? access : { status: 'read', records: [...merged.values()] };
    const flows = await part<FlowRecord>(async () =>
        (await api.query<Row>(bindSoql(SOQL.FLOWS, { apiName: FLOW_API_NAME, label: FLOW_LABEL }))).map(
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
    if (!setting || !setting.customSetting)
        return { objectApiName: null, fields: [], orgDefault: null, writable: false };
    const describe = await api.get<{
        createable?: boolean;
        updateable?: boolean;
        fields: { name: string; label: string; type: string; custom: boolean; updateable?: boolean }[];
    }>(`/sobjects/${setting.name}/describe`);
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
        // The writability probe, as SoqlSource.canWrite: a protected setting of another namespace is not writable.
        writable:
            describe?.createable === true &&
            describe.updateable === true &&
            describe.fields.every((f) => !f.custom || f.updateable === true),
        orgDefault:
            rows.length === 0
                ? null
                : Object.fromEntries(fields.map((f) => [f.apiName, (rows[0][f.apiName] ?? null) as never])),
    };
}
