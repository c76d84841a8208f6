/**
 * A fake Salesforce org on 127.0.0.1 for the CLI's end-to-end tests: the REST query, describe, Tooling and
 * Metadata SOAP endpoints the CLI uses, answering in the documented shapes, backed by the engine's simulate() so
 * every write changes what the next read returns.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
    simulate,
    type Operation,
    type OrgSnapshot,
    type Part,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { find, findAll, parseXml, textOf, type XmlElement } from '../cli/xml';

type Row = Record<string, unknown>;

const MODEL_TO_METADATA: Record<string, string> = {
    MostAvailable: 'MOST_AVAILABLE',
    LeastActive: 'LEAST_ACTIVE',
    ExternalRouting: 'EXTERNAL_ROUTING',
};
const METADATA_TO_MODEL = Object.fromEntries(Object.entries(MODEL_TO_METADATA).map(([k, v]) => [v, k]));

function rows<T>(part: Part<T>): T[] {
    if (part.status !== 'read') throw Object.assign(new Error('INVALID_TYPE'), { status: 400, code: 'INVALID_TYPE' });
    return [...part.records];
}

function xmlEscape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A profile's Metadata API full name in this fake org: its name with `:` and `.` URL-encoded, as real orgs list it. */
function metadataName(name: string): string {
    return name.replace(/:/g, '%3A').replace(/\./g, '%2E');
}

function idsIn(soql: string, field: string): Set<string> {
    const match = new RegExp(`${field.replace('.', '\\.')} IN \\(([^)]*)\\)`).exec(soql);
    return new Set(
        (match?.[1] ?? '')
            .split(',')
            .map((v) => v.trim().replace(/'/g, ''))
            .filter((v) => v)
    );
}

export interface FakeRequest {
    method: string;
    /** The URL path below /services/data/vNN.0 (the full path for SOAP calls). */
    path: string;
    /** The `q` parameter of a query, else ''. */
    soql: string;
    url: URL;
    body: string;
}

export interface FakeAnswer {
    status: number;
    body?: unknown;
    type?: string;
}

export class FakeSalesforce {
    readonly token = 'fake-token-00D';
    /** Requests that changed the org. */
    writes = 0;
    /** Every SOAP call as "operation:fullName,fullName…" (written components), in order. */
    soapCalls: string[] = [];
    /** Metadata full names whose create/update the API refuses. */
    readonly refuse = new Set<string>();
    /**
     * Answers tried before the simulated org's, for calls the snapshot does not model (verify:org's probes):
     * return undefined to let the request through.
     */
    readonly routes: ((request: FakeRequest) => FakeAnswer | undefined)[] = [];
    /** Every request received. */
    readonly received: FakeRequest[] = [];
    /** Permissions of session-based sets assigned to the user but not activated in this session. */
    inactiveSessionPermissions: Partial<OrgSnapshot['user']['permissions']> = {};
    organization: Row = {
        Name: 'Fake Org',
        IsSandbox: true,
        OrganizationType: 'Enterprise Edition',
        TrialExpirationDate: null,
    };
    private server?: http.Server;

    constructor(public snapshot: OrgSnapshot) {}

    async start(): Promise<string> {
        this.server = http.createServer((req, res) => {
            let body = '';
            req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
            req.on('end', () => this.handle(req, body, res));
        });
        await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
        return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }

    private apply(ops: Operation[]): void {
        this.snapshot = simulate(this.snapshot, ops);
    }

    private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const send = (status: number, payload?: unknown, type = 'application/json;charset=UTF-8'): void => {
            res.writeHead(status, { 'Content-Type': type });
            res.end(
                payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload)
            );
        };
        const request: FakeRequest = {
            method: req.method ?? 'GET',
            path: url.pathname.replace(/^\/services\/data\/v[\d.]+/, ''),
            soql: url.searchParams.get('q') ?? '',
            url,
            body,
        };
        this.received.push(request);
        for (const route of this.routes) {
            const answer = route(request);
            if (answer) return send(answer.status, answer.body, answer.type);
        }
        try {
            if (url.pathname.includes('/services/Soap/m/')) {
                send(200, this.soap(body), 'text/xml;charset=UTF-8');
                return;
            }
            if (req.headers.authorization !== `Bearer ${this.token}`) {
                send(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
                return;
            }
            const path = url.pathname.replace(/^\/services\/data\/v[\d.]+/, '');
            if (req.method === 'GET' && path === '/chatter/users/me') return send(200, { id: this.snapshot.user.id });
            if (req.method === 'GET' && path === '/sobjects/') return send(200, { sobjects: this.describeGlobal() });
            if (req.method === 'GET' && /^\/sobjects\/\w+\/describe$/.test(path))
                return send(200, this.describe(path.split('/')[2]));
            if (req.method === 'GET' && (path === '/query/' || path === '/tooling/query/')) {
                const soql = url.searchParams.get('q') ?? '';
                const records = this.query(soql);
                return send(200, { totalSize: records.length, done: true, records });
            }
            if (req.method === 'PATCH' || req.method === 'POST') {
                this.writes++;
                this.rest(req.method, path, JSON.parse(body || '{}') as Row);
                return send(
                    req.method === 'POST' ? 201 : 204,
                    req.method === 'POST' ? { id: 'a005g00000000000NEW', success: true, errors: [] } : undefined
                );
            }
            send(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
        } catch (error) {
            const e = error as Error & { status?: number; code?: string };
            send(e.status ?? 500, [{ message: e.message, errorCode: e.code ?? 'UNKNOWN_EXCEPTION' }]);
        }
    }

    private describeGlobal(): Row[] {
        const s = this.snapshot;
        const objects: Row[] = ['Organization', 'User', 'Profile', 'Group', 'PermissionSet'].map((name) => ({
            name,
            label: name,
        }));
        if (s.omniEnabled) {
            for (const name of [
                'ServicePresenceStatus',
                'ServiceChannel',
                'ServiceChannelStatus',
                'PresenceUserConfig',
                'QueueRoutingConfig',
            ]) {
                objects.push({ name, label: name });
            }
        }
        if (s.chatObject.exists) objects.push({ name: s.chatObject.apiName, label: s.chatObject.label ?? 'Chat' });
        const setting = s.scSetup.status === 'read' ? s.scSetup.records[0] : undefined;
        if (setting?.objectApiName)
            objects.push({ name: setting.objectApiName, label: 'SC Setup', customSetting: true });
        return objects;
    }

    private describe(name: string): Row {
        const setting = this.snapshot.scSetup.status === 'read' ? this.snapshot.scSetup.records[0] : undefined;
        if (!setting || setting.objectApiName !== name)
            throw Object.assign(new Error('NOT_FOUND'), { status: 404, code: 'NOT_FOUND' });
        return {
            createable: setting.writable,
            updateable: setting.writable,
            fields: setting.fields.map((f) => ({
                name: f.apiName,
                label: f.label,
                type: f.type,
                custom: true,
                updateable: setting.writable,
            })),
        };
    }

    private query(soql: string): Row[] {
        const s = this.snapshot;
        const p = s.user.permissions;
        if (soql.startsWith('SELECT Id, Name, IsSandbox')) return [{ Id: s.orgId, ...this.organization }];
        if (soql.includes('FROM PermissionSet WHERE Id IN (SELECT PermissionSetId')) {
            // The assigned sets, including session-based ones not activated in this session.
            const q = { ...p, ...this.inactiveSessionPermissions };
            return [
                {
                    PermissionsViewSetup: q.viewSetup,
                    PermissionsCustomizeApplication: q.customizeApplication,
                    PermissionsModifyMetadata: q.modifyMetadata,
                    PermissionsModifyAllData: q.modifyAllData,
                    PermissionsManageUsers: q.manageUsers,
                    PermissionsManageProfilesPermissionsets: q.manageProfilesPermissionsets,
                },
            ];
        }
        if (soql.includes('FROM UserPermissionAccess')) {
            return [
                {
                    PermissionsViewSetup: p.viewSetup,
                    PermissionsCustomizeApplication: p.customizeApplication,
                    PermissionsModifyMetadata: p.modifyMetadata,
                    PermissionsModifyAllData: p.modifyAllData,
                    PermissionsManageUsers: p.manageUsers,
                    PermissionsManageProfilesPermissionsets: p.manageProfilesPermissionsets,
                },
            ];
        }
        if (soql.includes('FROM SetupEntityAccessItems')) {
            // The contract's STATUS_ACCESS: the agent profiles' own sets, then every other set granting a status.
            const statuses = idsIn(soql, 'SetupEntityId');
            const profiles = idsIn(soql, 'Assignee.ProfileId');
            const owned = new Map<string, string[]>();
            for (const r of rows(s.statusAccess).filter(
                (x) => statuses.has(x.SetupEntityId) && profiles.has(x.ProfileId)
            ))
                owned.set(r.ProfileId, [...(owned.get(r.ProfileId) ?? []), r.SetupEntityId]);
            const profileSets: Row[] = [...owned].map(([profileId, ids]) => ({
                Id: `0PS${profileId.slice(3)}`,
                Label: profileId,
                IsOwnedByProfile: true,
                ProfileId: profileId,
                PermissionSetGroupId: null,
                SetupEntityAccessItems: { records: ids.map((id) => ({ SetupEntityId: id })) },
                Assignments: null,
            }));
            return profileSets.concat(
                rows(s.permissionSetAccess)
                    .filter((r) => r.StatusIds.some((id) => statuses.has(id)))
                    .map((r) => ({
                        IsOwnedByProfile: false,
                        ProfileId: null,
                        Id: r.Id,
                        Label: r.Label,
                        PermissionSetGroupId: r.PermissionSetGroupId,
                        SetupEntityAccessItems: { records: r.StatusIds.map((id) => ({ SetupEntityId: id })) },
                        Assignments: {
                            records: r.Assignees.filter((a) => profiles.has(a.ProfileId)).map((a) => ({
                                AssigneeId: a.AssigneeId,
                                Assignee: { ProfileId: a.ProfileId },
                            })),
                        },
                    }))
            );
        }
        if (soql.includes('FROM PermissionSet WHERE IsOwnedByProfile')) {
            const ids = idsIn(soql, 'ProfileId');
            return rows(s.profiles)
                .filter((x) => ids.has(x.Id))
                .map((x) => ({ ProfileId: x.Id, IsCustom: true, Profile: { Name: x.Name } }));
        }
        const from = /FROM (\w+)/.exec(soql)?.[1];
        switch (from) {
            case 'ServiceChannel':
                return rows(s.serviceChannels) as unknown as Row[];
            case 'QueueRoutingConfig':
                return rows(s.routingConfigs) as unknown as Row[];
            case 'ServicePresenceStatus':
                return rows(s.presenceStatuses) as unknown as Row[];
            case 'ServiceChannelStatus':
                return rows(s.statusChannels) as unknown as Row[];
            case 'PresenceUserConfig':
                return rows(s.presenceConfigs) as unknown as Row[];
            case 'PresenceUserConfigProfile':
                return rows(s.presenceConfigProfiles) as unknown as Row[];
            case 'PresenceUserConfigUser':
                return rows(s.presenceConfigUsers).map((r) => ({
                    configId: r.PresenceUserConfigId,
                    profileId: r.ProfileId,
                    userCount: r.UserCount,
                    firstName: r.FirstUserName,
                }));
            case 'Group': {
                const name = /DeveloperName = '(\w+)'/.exec(soql)?.[1];
                const ids = idsIn(soql, 'Id');
                return rows(s.queues).filter((q) => q.DeveloperName === name || ids.has(q.Id)) as unknown as Row[];
            }
            case 'QueueSobject': {
                const type = /SobjectType = '(\w+)'/.exec(soql)?.[1]?.toLowerCase();
                return rows(s.queueSobjects).filter((q) => q.SobjectType.toLowerCase() === type) as unknown as Row[];
            }
            case 'User':
                return rows(s.profiles).flatMap((x) => [
                    { profileId: x.Id, serviceCloud: true, userCount: x.ServiceCloudUserCount },
                    { profileId: x.Id, serviceCloud: false, userCount: x.UserCount - x.ServiceCloudUserCount },
                ]);
            case 'Profile': {
                const ids = idsIn(soql, 'Id');
                return rows(s.profiles)
                    .filter((x) => ids.has(x.Id))
                    .map((x) => ({ Id: x.Id, Name: x.Name }));
            }
            case 'SetupEntityAccess': {
                const statuses = idsIn(soql, 'SetupEntityId');
                const profiles = idsIn(soql, 'Parent.ProfileId');
                return rows(s.statusAccess)
                    .filter((r) => statuses.has(r.SetupEntityId) && profiles.has(r.ProfileId))
                    .map((r) => ({ SetupEntityId: r.SetupEntityId, Parent: { ProfileId: r.ProfileId } }));
            }
            case 'FlowDefinitionView':
                return rows(s.flows) as unknown as Row[];
            case 'Flow': {
                const id = /Id = '(\w+)'/.exec(soql)?.[1];
                const flow = rows(s.flows).find((f) => f.LatestVersionId === id);
                return flow ? [{ Id: id, VersionNumber: 2, DefinitionId: `300${String(flow.ApiName).length}` }] : [];
            }
            default: {
                const setting = s.scSetup.status === 'read' ? s.scSetup.records[0] : undefined;
                if (setting?.objectApiName && from === setting.objectApiName) {
                    return setting.orgDefault ? [{ Id: 'a005g00000000000SCS', ...setting.orgDefault }] : [];
                }
                throw Object.assign(new Error(`sObject type '${String(from)}' is not supported.`), {
                    status: 400,
                    code: 'INVALID_TYPE',
                });
            }
        }
    }

    private rest(method: string, path: string, body: Row): void {
        const [, kind, type, id] = /^(\/tooling)?\/sobjects\/(\w+)\/?(\w+)?$/.exec(path) ?? [];
        void kind;
        if (type === 'PresenceUserConfig') {
            const config = rows(this.snapshot.presenceConfigs).find((c) => c.Id === id);
            if (!config) throw Object.assign(new Error('NOT_FOUND'), { status: 404, code: 'NOT_FOUND' });
            this.apply([
                {
                    kind: 'setCapacity',
                    itemId: 'presenceConfig',
                    configId: config.Id,
                    configDeveloperName: config.DeveloperName,
                    from: config.Capacity,
                    capacity: Number(body.Capacity),
                },
            ]);
        } else if (type === 'FlowDefinition') {
            const flow = rows(this.snapshot.flows).find((f) => `300${String(f.ApiName).length}` === id);
            if (!flow || !flow.LatestVersionId)
                throw Object.assign(new Error('NOT_FOUND'), { status: 404, code: 'NOT_FOUND' });
            this.apply([
                {
                    kind: 'activateFlow',
                    itemId: 'flow',
                    flowApiName: flow.ApiName,
                    latestVersionId: flow.LatestVersionId,
                },
            ]);
        } else {
            this.apply([
                {
                    kind: 'setScSetupDefaults',
                    itemId: 'scSetup',
                    objectApiName: type,
                    mode: method === 'POST' ? 'create' : 'fillBlanks',
                    values: body as never,
                },
            ]);
        }
    }

    // ---------------------------------------------------------------------------------------------- SOAP

    private soap(body: string): string {
        const envelope = parseXml(body);
        const open =
            '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
        const close = '</soapenv:Body></soapenv:Envelope>';
        if (textOf(envelope, 'Header/SessionHeader/sessionId') !== this.token) {
            return `${open}<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring></soapenv:Fault>${close}`;
        }
        const call = find(envelope, 'Body')?.children[0] as XmlElement;
        this.soapCalls.push(
            `${call.name}:${findAll(call, 'metadata')
                .map((c) => textOf(c, 'fullName'))
                .join(',')}`
        );
        if (call.name === 'listMetadata') {
            const results = rows(this.snapshot.profiles).map(
                (p) =>
                    `<result><fullName>${metadataName(p.Name)}</fullName><id>${p.Id}</id><type>Profile</type></result>`
            );
            return `${open}<listMetadataResponse>${results.join('')}</listMetadataResponse>${close}`;
        }
        if (call.name === 'readMetadata') {
            const type = textOf(call, 'type') ?? '';
            const records = findAll(call, 'fullNames').map((n) => this.read(type, n.text ?? ''));
            return `${open}<readMetadataResponse><result>${records.map((r) => (r === undefined ? '<records xsi:nil="true"/>' : `<records xsi:type="${type}">${r}</records>`)).join('')}</result></readMetadataResponse>${close}`;
        }
        this.writes++;
        const components = findAll(call, 'metadata');
        const names = components.map((c) => textOf(c, 'fullName') ?? '');
        const refused = names.find((n) => this.refuse.has(n));
        let results: string[];
        if (refused) {
            results = names.map((n) =>
                n === refused
                    ? `<errors><message>The fake org refused ${xmlEscape(n)}.</message><statusCode>FIELD_INTEGRITY_EXCEPTION</statusCode></errors><fullName>${xmlEscape(n)}</fullName><success>false</success>`
                    : `<errors><message>Record rolled back because not all records were valid and the request was using AllOrNone header</message><statusCode>ALL_OR_NONE_OPERATION_ROLLED_BACK</statusCode></errors><fullName>${xmlEscape(n)}</fullName><success>false</success>`
            );
        } else {
            this.write(call.name, components);
            results = names.map((n) => `<fullName>${xmlEscape(n)}</fullName><success>true</success>`);
        }
        return `${open}<${call.name}Response>${results.map((r) => `<result>${r}</result>`).join('')}</${call.name}Response>${close}`;
    }

    private read(type: string, fullName: string): string | undefined {
        const s = this.snapshot;
        const same = (a: string): boolean => a.toLowerCase() === fullName.toLowerCase();
        const leaf = (name: string, value: unknown): string => `<${name}>${xmlEscape(String(value))}</${name}>`;
        switch (type) {
            case 'OmniChannelSettings':
                return `${leaf('fullName', 'OmniChannel')}${leaf('enableOmniChannel', s.omniEnabled)}`;
            case 'QueueRoutingConfig': {
                const c = rows(s.routingConfigs).find((r) => same(r.DeveloperName));
                if (!c) return undefined;
                const capacity =
                    c.CapacityWeight !== null
                        ? leaf('capacityWeight', c.CapacityWeight)
                        : leaf('capacityPercentage', c.CapacityPercentage);
                return `${leaf('fullName', c.DeveloperName)}${capacity}${leaf('label', c.MasterLabel)}${leaf('routingModel', MODEL_TO_METADATA[String(c.RoutingModel)])}${leaf('routingPriority', c.RoutingPriority)}`;
            }
            case 'Queue': {
                const q = rows(s.queues).find((r) => same(r.DeveloperName));
                if (!q) return undefined;
                const routing = rows(s.routingConfigs).find((r) => r.Id === q.QueueRoutingConfigId);
                const objects = rows(s.queueSobjects)
                    .filter((r) => r.QueueId === q.Id)
                    .map((r) => `<queueSobject>${leaf('sobjectType', r.SobjectType)}</queueSobject>`);
                return `${leaf('fullName', q.DeveloperName)}${leaf('name', q.Name)}${routing ? leaf('queueRoutingConfig', routing.DeveloperName) : ''}${objects.join('')}`;
            }
            case 'ServicePresenceStatus': {
                const st = rows(s.presenceStatuses).find((r) => same(r.DeveloperName));
                if (!st) return undefined;
                const channels = rows(s.statusChannels)
                    .filter((l) => l.ServicePresenceStatusId === st.Id)
                    .map((l) => rows(s.serviceChannels).find((c) => c.Id === l.ServiceChannelId)?.DeveloperName);
                return `${leaf('fullName', st.DeveloperName)}${channels.length ? `<channels>${channels.map((c) => leaf('channel', c)).join('')}</channels>` : ''}${leaf('label', st.MasterLabel)}`;
            }
            case 'PresenceUserConfig': {
                const c = rows(s.presenceConfigs).find((r) => same(r.DeveloperName));
                if (!c) return undefined;
                const names = rows(s.presenceConfigProfiles)
                    .filter((a) => a.PresenceUserConfigId === c.Id)
                    .map((a) => metadataName(rows(s.profiles).find((p) => p.Id === a.ProfileId)?.Name ?? ''));
                const assignments = names.length
                    ? `<assignments><profiles>${names.map((n) => leaf('profile', n)).join('')}</profiles></assignments>`
                    : '';
                return `${leaf('fullName', c.DeveloperName)}${assignments}${leaf('capacity', c.Capacity)}${leaf('enableAutoAccept', false)}${leaf('label', c.MasterLabel)}`;
            }
            default:
                return undefined;
        }
    }

    private profileId(fullName: string): string {
        const name = decodeURIComponent(fullName);
        const profile = rows(this.snapshot.profiles).find((p) => p.Name.toLowerCase() === name.toLowerCase());
        if (!profile) throw new Error(`No profile ${name}`);
        return profile.Id;
    }

    /** Applies created or updated components, translated to the engine's operations. */
    private write(operation: string, components: XmlElement[]): void {
        for (const c of components) {
            const type = c.attributes.type?.replace(/^.*:/, '');
            const name = textOf(c, 'fullName') ?? '';
            const s = this.snapshot;
            const text = (path: string): string => textOf(c, path) ?? '';
            if (type === 'OmniChannelSettings' && text('enableOmniChannel') === 'true' && !s.omniEnabled) {
                this.apply([{ kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true }]);
            } else if (type === 'ServiceChannel') {
                this.apply([
                    {
                        kind: 'createServiceChannel',
                        itemId: 'serviceChannel',
                        developerName: name,
                        label: text('label'),
                        relatedEntityType: text('relatedEntityType'),
                    },
                ]);
            } else if (type === 'QueueRoutingConfig') {
                const existing = rows(s.routingConfigs).find((r) => r.DeveloperName === name);
                this.apply([
                    {
                        kind: 'upsertRoutingConfig',
                        itemId: 'routingConfig',
                        existingId: existing?.Id ?? null,
                        developerName: name,
                        label: text('label') || name,
                        routingModel: METADATA_TO_MODEL[text('routingModel')] as 'MostAvailable',
                        routingPriority: Number(text('routingPriority')),
                        capacityWeight: Number(text('capacityWeight')),
                        changes: [],
                    },
                ]);
            } else if (type === 'Queue') {
                const existing = rows(s.queues).find((r) => r.DeveloperName === name);
                this.apply([
                    {
                        kind: 'upsertQueue',
                        itemId: 'queue',
                        existingId: existing?.Id ?? null,
                        developerName: name,
                        label: text('name') || name,
                        routingConfigDeveloperName: text('queueRoutingConfig'),
                        addSobjectTypes: findAll(c, 'queueSobject').map((q) => textOf(q, 'sobjectType') ?? ''),
                    },
                ]);
            } else if (type === 'ServicePresenceStatus') {
                const channels = findAll(find(c, 'channels'), 'channel').map((ch) => ch.text ?? '');
                const existing = rows(s.presenceStatuses).find((r) => r.DeveloperName === name);
                if (operation === 'createMetadata' || !existing) {
                    this.apply([
                        {
                            kind: 'createPresenceStatus',
                            itemId: 'onlineStatus',
                            developerName: name,
                            label: text('label'),
                            channelDeveloperNames: channels,
                        },
                    ]);
                } else {
                    this.apply(
                        channels.map((channel) => ({
                            kind: 'addChannelToStatus',
                            itemId: 'onlineStatus',
                            statusId: existing.Id,
                            statusDeveloperName: name,
                            channelDeveloperName: channel,
                        }))
                    );
                }
            } else if (type === 'PresenceUserConfig') {
                const profileNames = findAll(find(c, 'assignments/profiles'), 'profile').map((p) => p.text ?? '');
                if (operation === 'createMetadata') {
                    this.apply([
                        {
                            kind: 'createPresenceConfig',
                            itemId: 'presenceConfig',
                            developerName: name,
                            label: text('label'),
                            capacity: Number(text('capacity')),
                            profiles: profileNames.map((n) => ({ profileId: this.profileId(n), profileName: n })),
                        },
                    ]);
                } else {
                    this.setAssignments(
                        name,
                        profileNames.map((n) => this.profileId(n)),
                        components
                    );
                }
            } else if (type === 'Profile') {
                const grants = findAll(c, 'servicePresenceStatusAccesses').map(
                    (a) => textOf(a, 'servicePresenceStatus') ?? ''
                );
                this.apply([
                    {
                        kind: 'grantStatusAccess',
                        itemId: 'profileAccess',
                        grants: [{ profileId: this.profileId(name), profileName: name, statusDeveloperNames: grants }],
                    },
                ]);
            }
        }
    }

    /** A configuration's profiles become exactly these; a profile left in another configuration is refused. */
    private setAssignments(configName: string, profileIds: string[], batch: XmlElement[]): void {
        const configs = rows(this.snapshot.presenceConfigs);
        const config = configs.find((c) => c.DeveloperName === configName);
        if (!config) throw new Error(`No presence configuration ${configName}`);
        const inBatch = new Set(batch.map((b) => configs.find((c) => c.DeveloperName === textOf(b, 'fullName'))?.Id));
        let assignments = rows(this.snapshot.presenceConfigProfiles).filter(
            (a) => a.PresenceUserConfigId !== config.Id
        );
        for (const id of profileIds) {
            const elsewhere = assignments.find((a) => a.ProfileId === id);
            if (elsewhere && !inBatch.has(elsewhere.PresenceUserConfigId))
                throw new Error(`DUPLICATE_VALUE: profile ${id}`);
            assignments = assignments.filter((a) => a.ProfileId !== id);
            assignments.push({
                Id: `0Nf5g0000000${String(assignments.length).padStart(6, '0')}`,
                PresenceUserConfigId: config.Id,
                ProfileId: id,
            });
        }
        this.snapshot = { ...this.snapshot, presenceConfigProfiles: { status: 'read', records: assignments } };
    }
}
