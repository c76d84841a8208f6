/**
 * A fake Salesforce org on 127.0.0.1 for the plugin's end-to-end tests: the OAuth user info, REST query, describe,
 * Tooling and Metadata SOAP endpoints (read, create, update, list, retrieve, deploy) that the plugin, jsforce,
 * @salesforce/core and source-deploy-retrieve use, answering in the documented shapes, backed by the engine's
 * simulate() so every write changes what the next read returns. `latencyMs` delays every answer; `failure` makes
 * the server fail in the ways a real network does.
 */
import http from 'node:http';
import JSZip from 'jszip';
import type { AddressInfo } from 'node:net';
import {
    RECORD_OBJECTS,
    simulate,
    type AgentPresenceRecord,
    type AppAccessRecord,
    type AppMenuItemRecord,
    type AppRecord,
    type GroupMemberRecord,
    type MemberGroupRecord,
    type Operation,
    type OrgSnapshot,
    type Part,
    type PermissionSetAccessRecord,
    type PermissionSetAppRecord,
    type PresenceUserConfigProfileRecord,
    type PresenceUserConfigUserCount,
    type QueueSobjectRecord,
    type ServiceChannelStatusRecord,
    type UserRoleRecord,
    type UtilityBarRecord,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { agentUsersOf, presenceOf, utilityBarsOf } from '../../samples/agents';
import { SOQL } from '../../src/lib/soql.generated';
import { FakeRecordTables, isRecordWriterQuery } from './fakeRecords';
import { find, findAll, parseXml, textOf, type XmlElement } from './xml';

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

function idsIn(soql: string, field: string): Set<string> {
    const match = new RegExp(`${field.replace('.', '\\.')} IN \\(([^)]*)\\)`).exec(soql);
    return new Set(
        (match?.[1] ?? '')
            .split(',')
            .map((v) => v.trim().replace(/'/g, ''))
            .filter((v) => v)
    );
}

/** A user of the fake org, one by one (the snapshot only counts them per profile). */
/** The quoted values of `field IN (…)`, the field name matched whole (`Id` does not match `ProfileId`). */
function idsOf(soql: string, field: string): Set<string> {
    const match = new RegExp(`(?<![\\w.])${field.replace('.', '\\.')} IN \\(([^)]*)\\)`).exec(soql);
    return new Set(
        (match?.[1] ?? '')
            .split(',')
            .map((v) => v.trim().replace(/'/g, ''))
            .filter((v) => v)
    );
}

export interface FakeUser {
    Id: string;
    Name: string;
    Username: string;
    ProfileId: string;
    UserRoleId: string | null;
    IsActive: boolean;
    ServiceCloudUser: boolean;
}

/**
 * The people of the fake org and what hangs on them, row by row: users, groups (public groups, role groups, all
 * internal users), every GroupMember row (the queues' included), roles, user-level presence configurations, current
 * presence, Lightning apps, the profiles' app access and the utility bars. Derived from the snapshot (peopleOf) and
 * changed by Queue metadata writes; the snapshot's aggregates (ACTIVE_USERS, DIRECT_USERS) stay the snapshot's.
 */
export interface FakePeople {
    users: FakeUser[];
    groups: MemberGroupRecord[];
    members: GroupMemberRecord[];
    roles: (UserRoleRecord & { DeveloperName: string })[];
    directConfigs: { UserId: string; PresenceUserConfigId: string }[];
    presence: AgentPresenceRecord[];
    apps: AppRecord[];
    /** AppMenuItem (TabSet): the 02u… Ids (15 characters) that app access rows carry (18). */
    appMenuItems: AppMenuItemRecord[];
    appAccess: AppAccessRecord[];
    /**
     * Permission sets (a group's own set too) granting apps, with their assignees; a session-based set
     * (HasActivationRequired) or a set of a group that needs activation is in the org but left out by the query.
     */
    appSets: FakeAppSet[];
    utilityBars: UtilityBarRecord[];
}

export interface FakeAppSet extends PermissionSetAppRecord {
    HasActivationRequired?: boolean;
    /** PermissionSetGroup.HasActivationRequired of the set's group. */
    GroupHasActivationRequired?: boolean;
}

/**
 * The fake org's people, consistent with the snapshot: its users as the preview's simulated org has them
 * (samples/agents.ts, every profile's active users, the Ids and roles its queue membership and permission sets
 * name, user-level configurations), their current presence, and the snapshot's groups, roles, apps and utility bars.
 */
export function peopleOf(snapshot: OrgSnapshot): FakePeople {
    const list = <T>(part: Part<T> | undefined): T[] => (part?.status === 'read' ? [...part.records] : []);
    const state = list(snapshot.queueMembership)[0];
    const everyone = list(snapshot.profiles).map((p) => p.Id);
    const agents = agentUsersOf({ ...snapshot, choices: { ...snapshot.choices, agentProfileIds: everyone } });
    const presence = presenceOf(snapshot, agents);
    const groups = new Map<string, MemberGroupRecord>((state?.groups ?? []).map((g) => [g.Id, g]));
    for (const g of list(snapshot.publicGroups))
        if (!groups.has(g.Id)) groups.set(g.Id, { ...g, Type: 'Regular', RelatedId: null });
    return {
        users: agents.map((u) => ({
            Id: u.Id,
            Name: u.Name,
            Username: u.Username,
            ProfileId: u.ProfileId,
            UserRoleId: u.UserRoleId,
            IsActive: true,
            ServiceCloudUser: u.ServiceCloudUser,
        })),
        groups: [...groups.values()],
        members: [...(state?.members ?? [])],
        roles: (state?.roles ?? []).map((r) => ({ ...r, DeveloperName: r.Name.replace(/\W+/g, '_') })),
        directConfigs: agents.flatMap((u) =>
            u.DirectConfigId ? [{ UserId: u.Id, PresenceUserConfigId: u.DirectConfigId }] : []
        ),
        presence: presence.status === 'read' ? [...presence.records] : [],
        apps: list(snapshot.apps),
        appMenuItems: list(snapshot.appMenuItems),
        appAccess: list(snapshot.appAccess),
        appSets: list(snapshot.appPermissionSets),
        // What the org's FlexiPages hold, whether or not the snapshot has read them yet.
        utilityBars:
            snapshot.utilityBars?.status === 'read' ? list(snapshot.utilityBars) : list(utilityBarsOf(snapshot)),
    };
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

export type FakeFailure = 'none' | 'html503' | 'hang' | 'reset' | 'json500' | 'expired';

/** Salesforce's answer to a request that failed inside the platform (REST API "Status Codes and Error Responses"). */
export const ERROR_500 = [
    {
        message:
            'An unexpected error occurred. Please include this ErrorId if you contact support: 1939416315-210637 (-1265693848)',
        errorCode: 'UNKNOWN_EXCEPTION',
    },
];

export class FakeSalesforce {
    token = 'fake-token-00D';
    /** Requests that changed the org. */
    writes = 0;
    /** Every SOAP call as "operation:fullName,fullName…" (written components), in order. */
    soapCalls: string[] = [];
    /** A record change the org refuses ("insert PresenceUserConfigProfile"): its Composite request rolls back. */
    refuseRecords: string | null = null;
    /** Metadata full names whose create/update the API refuses. */
    readonly refuse = new Set<string>();
    /**
     * Answers tried before the simulated org's, for calls the snapshot does not model (verify:org's probes):
     * return undefined to let the request through.
     */
    readonly routes: ((request: FakeRequest) => FakeAnswer | undefined)[] = [];
    /** Every request received. */
    readonly received: FakeRequest[] = [];
    /** Whether the installer sees every presence row (View All Data in effect, LIVE_VIEW_ALL_DATA). */
    presenceSeesAll = true;
    /** Permissions of session-based sets assigned to the user but not activated in this session. */
    inactiveSessionPermissions: Partial<OrgSnapshot['user']['permissions']> = {};
    /** Every request received (method and path), for the benchmark and the tests. */
    requests: string[] = [];
    /** Delay of every answer, as a slow network would add. */
    latencyMs = 0;
    /**
     * How the server fails: not at all, an HTML error page with status 503, no answer, a dropped connection, a 500
     * with Salesforce's JSON error body and an ErrorId, or every session expired (401 INVALID_SESSION_ID).
     */
    failure: FakeFailure = 'none';
    /** The failure that starts once the org has taken this many writes (a fault in the middle of a fix). */
    failAfter?: { writes: number; failure: FakeFailure };
    /** Profiles without active users: the User aggregate does not see them, the Profile query does. */
    extraProfiles: { Id: string; Name: string }[] = [];
    /** Max components per Metadata call seen, to prove batching. */
    largestMetadataCall = 0;
    private jobs = new Map<string, string>();
    private hung: http.ServerResponse[] = [];
    /** Requests received and not yet answered, and when the last one arrived (quiet()). */
    private inFlight = 0;
    private lastRequestAt = 0;

    /**
     * Resolves once no request is being answered and none arrived for `quietMs` (at most `maxMs`): work a command left
     * running (a read after an interrupted run) ends before the next test counts requests.
     */
    async quiet(quietMs = 100, maxMs = 5000): Promise<void> {
        const until = Date.now() + maxMs;
        while (Date.now() < until && (this.inFlight > 0 || Date.now() - this.lastRequestAt < quietMs))
            await new Promise((resolve) => setTimeout(resolve, 20));
    }
    organization: Row = {
        Name: 'Fake Org',
        IsSandbox: true,
        OrganizationType: 'Enterprise Edition',
        TrialExpirationDate: null,
    };
    private server?: http.Server;
    private peopleState?: FakePeople;

    constructor(public snapshot: OrgSnapshot) {}

    /** The org's people, derived from the snapshot on first use; set it (or undefined to derive again) in a test. */
    get people(): FakePeople {
        this.peopleState ??= peopleOf(this.snapshot);
        return this.peopleState;
    }

    set people(value: FakePeople | undefined) {
        this.peopleState = value;
    }

    async start(): Promise<string> {
        // Salesforce answers 431 when the request line and headers pass 16,384 bytes (docs/org-verification.md row
        // 86); Node's parser counts the same bytes and answers 431 itself above this size.
        this.server = http.createServer({ maxHeaderSize: 16384 }, (req, res) => {
            this.inFlight += 1;
            this.lastRequestAt = Date.now();
            res.on('close', () => (this.inFlight -= 1));
            let body = '';
            req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
            req.on('end', () => {
                this.requests.push(`${req.method} ${req.url}`);
                const failure =
                    this.failure === 'none' && this.failAfter && this.writes >= this.failAfter.writes
                        ? this.failAfter.failure
                        : this.failure;
                if (failure === 'hang') {
                    this.inFlight -= 1; // left hanging on purpose: not work still coming
                    res.removeAllListeners('close');
                    this.hung.push(res);
                    return;
                }
                if (failure === 'reset') {
                    req.socket.destroy();
                    return;
                }
                setTimeout(() => {
                    if (failure === 'html503') {
                        res.writeHead(503, { 'Content-Type': 'text/html' });
                        res.end('<html><body>Service Unavailable: maintenance</body></html>');
                        return;
                    }
                    if (failure === 'json500') {
                        res.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' });
                        res.end(JSON.stringify(ERROR_500));
                        return;
                    }
                    if (failure === 'expired') {
                        const soap = (req.url ?? '').includes('/services/Soap/');
                        res.writeHead(soap ? 500 : 401, {
                            'Content-Type': soap ? 'text/xml;charset=UTF-8' : 'application/json;charset=UTF-8',
                        });
                        res.end(
                            soap
                                ? '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>'
                                : JSON.stringify([
                                      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
                                  ])
                        );
                        return;
                    }
                    this.handle(req, body, res).catch((error: Error) => {
                        res.writeHead(500, { 'Content-Type': 'application/json' });
                        res.end(JSON.stringify([{ message: error.message, errorCode: 'UNKNOWN_EXCEPTION' }]));
                    });
                }, this.latencyMs);
            });
        });
        await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
        return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    }

    stop(): Promise<void> {
        for (const res of this.hung.splice(0)) res.destroy();
        this.server?.closeAllConnections();
        return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }

    /** Metadata API full name of a profile: standard profiles have their own, special characters are encoded. */
    static fullName(name: string): string {
        const standard: Record<string, string> = { 'System Administrator': 'Admin', 'Standard User': 'Standard' };
        return standard[name] ?? name.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\./g, '%2E');
    }

    private allProfiles(): { Id: string; Name: string }[] {
        const withUsers = this.snapshot.profiles.status === 'read' ? this.snapshot.profiles.records : [];
        return [...withUsers.map((p) => ({ Id: p.Id, Name: p.Name })), ...this.extraProfiles];
    }

    private apply(ops: Operation[]): void {
        this.snapshot = simulate(this.snapshot, ops);
    }

    private async handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): Promise<void> {
        // `sf org login access-token` stores the instance URL with a trailing slash, so jsforce asks for
        // `//services/data/…`; Salesforce answers those as if the slash were single, and so does the fake.
        const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://127.0.0.1');
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
                const [status, xml] = await this.soap(body);
                send(status, xml, 'text/xml;charset=UTF-8');
                return;
            }
            if (req.headers.authorization !== `Bearer ${this.token}`) {
                send(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
                return;
            }
            if (url.pathname === '/services/oauth2/userinfo')
                return send(200, { user_id: this.snapshot.user.id, organization_id: this.snapshot.orgId });
            if (url.pathname === '/services/data' || url.pathname === '/services/data/')
                return send(200, [{ label: 'Winter', url: '/services/data/v65.0', version: '65.0' }]);
            const path = url.pathname.replace(/^\/services\/data\/v[\d.]+/, '').replace(/(.)\/$/, '$1');
            if (req.method === 'GET' && path === `/sobjects/User/${this.snapshot.user.id}`)
                return send(200, { Id: this.snapshot.user.id, Username: 'admin@fake.example' });
            if (req.method === 'GET' && path === '/chatter/users/me') return send(200, { id: this.snapshot.user.id });
            if (req.method === 'GET' && path === '/sobjects') return send(200, { sobjects: this.describeGlobal() });
            if (req.method === 'GET' && /^\/sobjects\/\w+\/describe$/.test(path))
                return send(200, this.describe(path.split('/')[2]));
            if (req.method === 'GET' && path === '/query' && isRecordWriterQuery(request.soql))
                return send(200, this.recordTables().query(request.soql));
            if (req.method === 'POST' && path === '/composite') {
                this.writes++;
                const tables = this.recordTables();
                tables.refuse = this.refuseRecords;
                const answer = tables.composite(JSON.parse(body) as never);
                if (!tables.failed) this.keepRecordTables(tables);
                return send(200, answer);
            }
            if (req.method === 'GET' && (path === '/query' || path === '/tooling/query')) {
                const soql = url.searchParams.get('q') ?? '';
                // The platform returns at most the query's LIMIT rows.
                const limit = /\bLIMIT (\d+)\s*$/.exec(soql)?.[1];
                const all = this.query(soql);
                const records = limit === undefined ? all : all.slice(0, Number(limit));
                return send(200, { totalSize: records.length, done: true, records });
            }
            if (req.method === 'PATCH' || req.method === 'POST') {
                this.writes++;
                const values = JSON.parse(body || '{}') as Row;
                delete values.attributes;
                this.rest(req.method, path, values);
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

    /** The Id of the permission set a profile owns, in the fake org. */
    static ownedPermissionSetId(profileId: string): string {
        return `0PS${profileId.slice(3, 15)}`;
    }

    /** The snapshot and the people as record tables, for the record writer's queries and Composite requests. */
    private recordTables(): FakeRecordTables {
        const s = this.snapshot;
        const p = this.people;
        const named = (records: { Id: string; DeveloperName: string }[]): Row[] =>
            records.map((r) => ({ Id: r.Id, DeveloperName: r.DeveloperName }));
        const users = new Map(p.users.map((u) => [u.Id, u]));
        const agentSets = s.agentPermissionSet ? rows(s.agentPermissionSet) : [];
        return new FakeRecordTables({
            ServicePresenceStatus: named(rows(s.presenceStatuses)),
            ServiceChannel: named(rows(s.serviceChannels)),
            QueueRoutingConfig: named(rows(s.routingConfigs)),
            PresenceUserConfig: named(rows(s.presenceConfigs)),
            Group: [
                ...rows(s.queues).map((q) => ({ ...q, Type: 'Queue' })),
                ...p.groups.filter((g) => g.Type === 'Regular').map((g) => ({ ...g })),
            ],
            PermissionSet: [
                ...this.allProfiles().map((profile) => ({
                    Id: FakeSalesforce.ownedPermissionSetId(profile.Id),
                    ProfileId: profile.Id,
                    IsOwnedByProfile: true,
                })),
                ...agentSets.map((set) => ({ Id: set.Id, Name: set.Name, IsOwnedByProfile: false })),
            ],
            PermissionSetAssignment: rows(s.permissionSetAccess)
                .filter((ps) => agentSets.some((set) => set.Id === ps.Id))
                .flatMap((ps) =>
                    ps.Assignees.map((a, i) => ({
                        Id: `0Pa${String(i).padStart(12, '0')}`,
                        AssigneeId: a.AssigneeId,
                        PermissionSetId: ps.Id,
                    }))
                ),
            User: p.users.map((u) => ({
                Id: u.Id,
                ProfileId: u.ProfileId,
                IsActive: u.IsActive,
                UserType: 'Standard',
            })),
            PresenceUserConfigUser: p.directConfigs.map((d, i) => ({
                Id: `0Nu${String(i).padStart(12, '0')}`,
                ...d,
                'User.ProfileId': users.get(d.UserId)?.ProfileId ?? null,
                'User.IsActive': users.get(d.UserId)?.IsActive ?? false,
            })),
            PresenceUserConfigProfile: rows(s.presenceConfigProfiles).map((r) => ({ ...r })),
            SetupEntityAccess: rows(s.statusAccess).map((a, i) => ({
                Id: `0J0${String(i).padStart(12, '0')}`,
                ParentId: FakeSalesforce.ownedPermissionSetId(a.ProfileId),
                SetupEntityId: a.SetupEntityId,
            })),
            GroupMember: p.members.map((m, i) => ({ Id: `011${String(i).padStart(12, '0')}`, ...m })),
            QueueSobject: rows(s.queueSobjects).map((r) => ({ ...r })),
            ServiceChannelStatus: rows(s.statusChannels).map((r) => ({ ...r })),
        });
    }

    /** What a Composite request changed, back into the snapshot and the people. */
    private keepRecordTables(tables: FakeRecordTables): void {
        const t = (name: string): Row[] => tables.rows(name);
        const owner = new Map(this.allProfiles().map((p) => [FakeSalesforce.ownedPermissionSetId(p.Id), p.Id]));
        const s = this.snapshot;
        const read = <T>(records: T[]): Part<T> => ({ status: 'read', records });
        const queues = rows(s.queues).map((q) => {
            const row = t('Group').find((g) => g.Id === q.Id);
            return { ...q, QueueRoutingConfigId: (row?.QueueRoutingConfigId as string | null) ?? null };
        });
        const before = JSON.stringify(this.people.directConfigs);
        this.people.members = t('GroupMember').map((m) => ({
            GroupId: String(m.GroupId),
            UserOrGroupId: String(m.UserOrGroupId),
        }));
        this.people.directConfigs = t('PresenceUserConfigUser').map((d) => ({
            UserId: String(d.UserId),
            PresenceUserConfigId: String(d.PresenceUserConfigId),
        }));
        let presenceConfigUsers = s.presenceConfigUsers;
        if (JSON.stringify(this.people.directConfigs) !== before) {
            const users = new Map(this.people.users.map((u) => [u.Id, u]));
            const counts = new Map<string, PresenceUserConfigUserCount>();
            for (const d of this.people.directConfigs) {
                const user = users.get(d.UserId);
                if (!user?.IsActive) continue;
                const key = `${d.PresenceUserConfigId}:${user.ProfileId}`;
                const was = counts.get(key);
                counts.set(key, {
                    PresenceUserConfigId: d.PresenceUserConfigId,
                    ProfileId: user.ProfileId,
                    UserCount: (was?.UserCount ?? 0) + 1,
                    FirstUserName: was && was.FirstUserName < user.Name ? was.FirstUserName : user.Name,
                });
            }
            presenceConfigUsers = read([...counts.values()]);
        }
        this.snapshot = {
            ...s,
            queues: read(queues),
            queueSobjects: read(t('QueueSobject') as unknown as QueueSobjectRecord[]),
            statusChannels: read(t('ServiceChannelStatus') as unknown as ServiceChannelStatusRecord[]),
            presenceConfigProfiles: read(
                t('PresenceUserConfigProfile') as unknown as PresenceUserConfigProfileRecord[]
            ),
            presenceConfigUsers,
            statusAccess: read(
                t('SetupEntityAccess').map((a) => ({
                    ProfileId: owner.get(String(a.ParentId)) ?? String(a.ParentId),
                    SetupEntityId: String(a.SetupEntityId),
                }))
            ),
            permissionSetAccess: read(rows(s.permissionSetAccess).map((ps) => this.withAssignments(ps, t))),
        };
    }

    /** SimplyChat's permission set with the assignments the Composite requests left (other sets as they were). */
    private withAssignments(ps: PermissionSetAccessRecord, t: (name: string) => Row[]): PermissionSetAccessRecord {
        const ours = this.snapshot.agentPermissionSet ? rows(this.snapshot.agentPermissionSet) : [];
        if (!ours.some((set) => set.Id === ps.Id)) return ps;
        const users = new Map(this.people.users.map((u) => [u.Id, u]));
        return {
            ...ps,
            Assignees: t('PermissionSetAssignment')
                .filter((a) => a.PermissionSetId === ps.Id && users.get(String(a.AssigneeId))?.IsActive)
                .map((a) => ({
                    AssigneeId: String(a.AssigneeId),
                    ProfileId: users.get(String(a.AssigneeId))?.ProfileId ?? '',
                })),
        };
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
        // The record-change objects with the rights the sample's probe gives (every right when it has none).
        const probe = new Map(
            (s.recordAccess?.status === 'read' ? s.recordAccess.records : []).map((r) => [r.Name, r])
        );
        for (const name of RECORD_OBJECTS) {
            const rights = probe.get(name);
            if (rights?.Available === false) continue;
            const row = objects.find((o) => o.name === name) ?? { name, label: name };
            if (!objects.includes(row)) objects.push(row);
            Object.assign(row, {
                createable: rights?.Createable ?? true,
                updateable: rights?.Updateable ?? true,
                deletable: rights?.Deletable ?? true,
            });
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
        if (/FROM Organization/.test(soql))
            return [{ Id: s.orgId, InstanceName: 'FAKE1', NamespacePrefix: null, ...this.organization }];
        if (/FROM ScratchOrgInfo/.test(soql))
            throw Object.assign(new Error("sObject type 'ScratchOrgInfo' is not supported."), {
                status: 400,
                code: 'INVALID_TYPE',
            });
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
        if (soql === SOQL.LIVE_VIEW_ALL_DATA)
            return [{ PermissionsViewAllData: this.presenceSeesAll, PermissionsModifyAllData: this.presenceSeesAll }];
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
            // The contract's SETUP_ENTITY_ACCESS: the agent profiles' own sets, then every other set granting the
            // entities (statuses, or apps by their 02u… Id: SOQL matches an Id on its 15-character form).
            const entities = new Set([...idsIn(soql, 'SetupEntityId')].map((id) => id.slice(0, 15)));
            const profiles = idsIn(soql, 'Assignee.ProfileId');
            const asked = (id: string): boolean => entities.has(id.slice(0, 15));
            const apps = [...entities].some((id) => id.startsWith('02u'));
            const ownRows = apps ? this.people.appAccess : rows(s.statusAccess);
            const owned = new Map<string, string[]>();
            for (const r of ownRows.filter((x) => asked(x.SetupEntityId) && profiles.has(x.ProfileId)))
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
            const others = apps
                ? this.people.appSets
                      // The query's filter: no session-based set, no set of a group that needs activation.
                      .filter((r) => !r.HasActivationRequired && !r.GroupHasActivationRequired)
                      .map((r) => ({ ...r, granted: r.AppIds }))
                : rows(s.permissionSetAccess).map((r) => ({ ...r, granted: r.StatusIds }));
            return profileSets.concat(
                others
                    .filter((r) => r.granted.some(asked))
                    .map((r) => ({
                        IsOwnedByProfile: false,
                        ProfileId: null,
                        Id: r.Id,
                        Label: r.Label,
                        PermissionSetGroupId: r.PermissionSetGroupId,
                        SetupEntityAccessItems: {
                            records: r.granted.filter(asked).map((id) => ({ SetupEntityId: id })),
                        },
                        Assignments: {
                            records: r.Assignees.filter((a) => profiles.has(a.ProfileId)).map((a) => ({
                                AssigneeId: a.AssigneeId,
                                Assignee: { ProfileId: a.ProfileId },
                            })),
                        },
                    }))
            );
        }
        const people = this.query15(soql);
        if (people) return people;
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
                if (soql.includes("Type = 'Regular'"))
                    return this.people.groups
                        .filter((g) => g.Type === 'Regular')
                        .sort((a, b) => String(a.Name).localeCompare(String(b.Name)))
                        .map((g) => ({ Id: g.Id, DeveloperName: g.DeveloperName, Name: g.Name }));
                if (!soql.includes("Type = 'Queue'")) {
                    // MEMBER_GROUPS: a role group's Related is its role (Related.Name).
                    const wanted = idsOf(soql, 'Id');
                    return this.people.groups
                        .filter((g) => wanted.has(g.Id))
                        .map((g) => {
                            const role = this.people.roles.find((r) => r.Id === g.RelatedId);
                            return { ...g, Related: role ? { Name: role.Name } : null };
                        }) as unknown as Row[];
                }
                if (soql.includes('QueueRoutingConfigId != NULL')) {
                    // ROUTED_QUEUES: the org's queues as written, and the other teams' routed queues of the snapshot.
                    const own = rows(s.queues).filter((q) => q.QueueRoutingConfigId);
                    const others = s.routedQueues
                        ? rows(s.routedQueues).filter((q) => !own.some((o) => o.Id === q.Id))
                        : [];
                    return [...own, ...others] as unknown as Row[];
                }
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
                if (s.profiles.status !== 'read')
                    throw Object.assign(new Error('No access'), { status: 400, code: 'INSUFFICIENT_ACCESS' });
                // The contract's PROFILES names Ids; the plugin's name lookup lists every profile.
                const ids = idsIn(soql, 'Id');
                return this.allProfiles().filter((p) => !soql.includes(' WHERE Id IN ') || ids.has(p.Id));
            }
            case 'PermissionSet': {
                // AGENT_PERMISSION_SET: the sets of SimplyChat's name (none in an org whose snapshot has no such part).
                const name = /Name = '(\w+)'/.exec(soql)?.[1];
                return (s.agentPermissionSet ? rows(s.agentPermissionSet) : []).filter(
                    (r) => r.Name === name
                ) as unknown as Row[];
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

    private activeCache?: { users: readonly FakeUser[]; size: number; map: Map<string, FakeUser> };

    /** Active users by Id, worked out once per users list (10,000 users and a query per 200 of them). */
    private activeUsers(users: readonly FakeUser[]): Map<string, FakeUser> {
        const cache = this.activeCache;
        if (cache?.users === users && cache.size === users.length) return cache.map;
        const map = new Map(users.filter((u) => u.IsActive).map((u) => [u.Id, u]));
        this.activeCache = { users, size: users.length, map };
        return map;
    }

    /** The agents' queries (queue membership, apps, agents), answered from the people of the org; else undefined. */
    private query15(soql: string): Row[] | undefined {
        const people = this.people;
        const active = this.activeUsers(people.users);
        const limit = Number(/LIMIT (\d+)/.exec(soql)?.[1] ?? 100000);
        if (/^SELECT Id FROM ObjectPermissions WHERE SobjectType = 'UserServicePresence'/.test(soql)) return [];
        if (/FROM GroupMember /.test(soql)) {
            const groups = idsOf(soql, 'GroupId');
            return people.members.filter((m) => groups.has(m.GroupId)).slice(0, limit) as unknown as Row[];
        }
        if (/FROM UserRole /.test(soql))
            return people.roles.map((r) => ({ Id: r.Id, Name: r.Name, ParentRoleId: r.ParentRoleId }));
        if (/FROM AppDefinition /.test(soql)) return people.apps as unknown as Row[];
        if (/FROM AppMenuItem WHERE Type = 'TabSet'/.test(soql)) return people.appMenuItems as unknown as Row[];
        if (/FROM UserServicePresence /.test(soql)) {
            const users = idsOf(soql, 'UserId');
            return people.presence.filter((p) => users.has(p.UserId)) as unknown as Row[];
        }
        if (/^SELECT UserId FROM PresenceUserConfigUser WHERE PresenceUserConfigId = /.test(soql)) {
            const config = /PresenceUserConfigId = '(\w+)'/.exec(soql)?.[1];
            return people.directConfigs
                .filter((d) => d.PresenceUserConfigId === config && active.has(d.UserId))
                .map((d) => ({ UserId: d.UserId }));
        }
        if (/^SELECT UserId, PresenceUserConfigId FROM PresenceUserConfigUser/.test(soql)) {
            const users = idsOf(soql, 'UserId');
            return people.directConfigs.filter((d) => users.has(d.UserId)) as unknown as Row[];
        }
        if (/FROM PresenceUserConfigUser WHERE PresenceUserConfigId IN/.test(soql)) {
            const configs = idsOf(soql, 'PresenceUserConfigId');
            const profiles = idsOf(soql, 'User.ProfileId');
            return people.directConfigs.flatMap((d) => {
                const user = active.get(d.UserId);
                return user && configs.has(d.PresenceUserConfigId) && profiles.has(user.ProfileId)
                    ? [
                          {
                              PresenceUserConfigId: d.PresenceUserConfigId,
                              User: { Username: user.Username, ProfileId: user.ProfileId },
                          },
                      ]
                    : [];
            });
        }
        if (!/FROM User /.test(soql) || soql.includes('GROUP BY ProfileId, UserPermissionsSupportUser'))
            return undefined;
        const profiles = idsOf(soql, 'ProfileId');
        const ids = idsOf(soql, 'Id');
        const agents = [...active.values()].filter((u) => profiles.has(u.ProfileId));
        if (soql.includes('GROUP BY ProfileId, UserRoleId')) {
            const counts = new Map<string, Row>();
            for (const u of agents) {
                const key = `${u.ProfileId}/${String(u.UserRoleId)}`;
                const row = counts.get(key) ?? { profileId: u.ProfileId, roleId: u.UserRoleId, userCount: 0 };
                row.userCount = Number(row.userCount) + 1;
                counts.set(key, row);
            }
            return [...counts.values()];
        }
        if (soql.startsWith('SELECT Id, ProfileId, UserRoleId FROM User WHERE Id IN'))
            return agents
                .filter((u) => ids.has(u.Id))
                .map((u) => ({ Id: u.Id, ProfileId: u.ProfileId, UserRoleId: u.UserRoleId }));
        if (soql.startsWith('SELECT Id, Name, Username, ProfileId, UserRoleId, UserPermissionsSupportUser FROM User')) {
            const after = /Id > '(\w+)'/.exec(soql)?.[1] ?? '';
            return [...active.values()]
                .filter((u) => (profiles.has(u.ProfileId) || ids.has(u.Id)) && u.Id > after)
                .sort((a, b) => (a.Id < b.Id ? -1 : 1))
                .slice(0, limit)
                .map((u) => ({
                    Id: u.Id,
                    Name: u.Name,
                    Username: u.Username,
                    ProfileId: u.ProfileId,
                    UserRoleId: u.UserRoleId,
                    UserPermissionsSupportUser: u.ServiceCloudUser,
                }));
        }
        if (soql.startsWith('SELECT Username, ProfileId FROM User'))
            return agents
                .sort((a, b) => a.Username.localeCompare(b.Username))
                .slice(0, limit)
                .map((u) => ({ Username: u.Username, ProfileId: u.ProfileId }));
        return undefined;
    }

    private rest(method: string, path: string, body: Row): void {
        const [, kind, type, id] = /^(\/tooling)?\/sobjects\/(\w+)\/?(\w+)?$/.exec(path) ?? [];
        if (!type) throw Object.assign(new Error(`No resource ${path}`), { status: 404, code: 'NOT_FOUND' });
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

    /** Metadata API calls whose component batches were sent with the AllOrNoneHeader. */
    allOrNoneCalls = 0;

    private async soap(body: string): Promise<[number, string]> {
        const envelope = parseXml(body);
        const open =
            '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
        const close = '</soapenv:Body></soapenv:Envelope>';
        if (textOf(envelope, 'Header/SessionHeader/sessionId') !== this.token) {
            return [
                500,
                `${open}<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring></soapenv:Fault>${close}`,
            ];
        }
        const call = find(envelope, 'Body')?.children[0] as XmlElement;
        this.soapCalls.push(
            `${call.name}:${findAll(call, 'metadata')
                .map((c) => textOf(c, 'fullName'))
                .join(',')}`
        );
        const ok = (inner: string): [number, string] => [
            200,
            `${open}<${call.name}Response>${inner}</${call.name}Response>${close}`,
        ];
        if (call.name === 'readMetadata') {
            const type = textOf(call, 'type') ?? '';
            const names = findAll(call, 'fullNames');
            this.largestMetadataCall = Math.max(this.largestMetadataCall, names.length);
            const records = names.map((n) => this.read(type, n.text ?? ''));
            return ok(
                `<result>${records.map((r) => (r === undefined ? '<records xsi:nil="true"/>' : `<records xsi:type="${type}">${r}</records>`)).join('')}</result>`
            );
        }
        if (call.name === 'listMetadata') {
            const type = textOf(call, 'queries/type');
            if (type !== 'Profile') return ok('');
            return ok(
                this.allProfiles()
                    .map(
                        (p) =>
                            `<result><fullName>${xmlEscape(FakeSalesforce.fullName(p.Name))}</fullName><id>${p.Id}</id><type>Profile</type><fileName>profiles/${xmlEscape(FakeSalesforce.fullName(p.Name))}.profile</fileName></result>`
                    )
                    .join('')
            );
        }
        if (call.name === 'retrieve')
            return ok(
                `<result><done>false</done><id>${this.job(await this.retrieveZip(call))}</id><state>Queued</state></result>`
            );
        if (call.name === 'checkRetrieveStatus') {
            const id = textOf(call, 'asyncProcessId') ?? '';
            const zip = this.jobs.get(id) ?? '';
            return ok(
                `<result><done>true</done><fileProperties><fileName>unpackaged/package.xml</fileName><fullName>package.xml</fullName><type>Package</type></fileProperties><id>${id}</id><status>Succeeded</status><success>true</success><zipFile>${zip}</zipFile></result>`
            );
        }
        if (call.name === 'deploy') {
            this.writes++;
            const count = await this.deployZip(textOf(call, 'ZipFile') ?? '');
            return ok(`<result><done>false</done><id>${this.job(String(count))}</id><state>Queued</state></result>`);
        }
        if (call.name === 'checkDeployStatus') {
            const count = this.jobs.get(textOf(call, 'asyncProcessId') ?? '') ?? '0';
            return ok(
                `<result><done>true</done><id>${textOf(call, 'asyncProcessId')}</id><numberComponentErrors>0</numberComponentErrors><numberComponentsDeployed>${count}</numberComponentsDeployed><numberComponentsTotal>${count}</numberComponentsTotal><status>Succeeded</status><success>true</success><details></details></result>`
            );
        }
        this.writes++;
        if (find(envelope, 'Header/AllOrNoneHeader/allOrNone')?.text === 'true') this.allOrNoneCalls++;
        const components = findAll(call, 'metadata');
        this.largestMetadataCall = Math.max(this.largestMetadataCall, components.length);
        const names = components.map((c) => textOf(c, 'fullName') ?? '');
        let refused = names.find((n) => this.refuse.has(n));
        let reason = `The fake org refused ${refused}.`;
        if (!refused) {
            const before = this.snapshot;
            try {
                this.write(call.name, components);
            } catch (error) {
                this.snapshot = before;
                refused = names[0];
                reason = (error as Error).message;
            }
        }
        const results = names.map((n) =>
            refused === undefined
                ? `<fullName>${xmlEscape(n)}</fullName><success>true</success>`
                : n === refused
                  ? `<errors><message>${xmlEscape(reason)}</message><statusCode>FIELD_INTEGRITY_EXCEPTION</statusCode></errors><fullName>${xmlEscape(n)}</fullName><success>false</success>`
                  : `<errors><message>Record rolled back because not all records were valid and the request was using AllOrNone header</message><statusCode>ALL_OR_NONE_OPERATION_ROLLED_BACK</statusCode></errors><fullName>${xmlEscape(n)}</fullName><success>false</success>`
        );
        return ok(results.map((r) => `<result>${r}</result>`).join(''));
    }

    private job(value: string): string {
        const id = `09S5g0000000${String(this.jobs.size).padStart(6, '0')}`;
        this.jobs.set(id, value);
        return id;
    }

    private static readonly FOLDERS: Record<string, [string, string]> = {
        ServiceChannel: ['serviceChannels', 'serviceChannel'],
        QueueRoutingConfig: ['queueRoutingConfigs', 'queueRoutingConfig'],
        // Before the queues that name them (deploy order).
        Group: ['groups', 'group'],
        Queue: ['queues', 'queue'],
        ServicePresenceStatus: ['servicePresenceStatuses', 'servicePresenceStatus'],
        PresenceUserConfig: ['presenceUserConfigs', 'presenceUserConfig'],
        Profile: ['profiles', 'profile'],
        FlowDefinition: ['flowDefinitions', 'flowDefinition'],
    };

    /** A retrieve: every member the org has, in metadata format, zipped under unpackaged/ with the package.xml. */
    private async retrieveZip(call: XmlElement): Promise<string> {
        const zip = new JSZip();
        const types = findAll(find(call, 'request/unpackaged') ?? find(call, 'retrieveRequest/unpackaged'), 'types');
        const statuses = types
            .filter((t) => textOf(t, 'name') === 'ServicePresenceStatus')
            .flatMap((t) => findAll(t, 'members').map((m) => m.text ?? ''));
        const manifest: string[] = [];
        for (const t of types) {
            const type = textOf(t, 'name') ?? '';
            const members = findAll(t, 'members').map((m) => m.text ?? '');
            manifest.push(
                `<types>${members.map((m) => `<members>${xmlEscape(m)}</members>`).join('')}<name>${type}</name></types>`
            );
            const [folder, suffix] = FakeSalesforce.FOLDERS[type] ?? [];
            for (const member of members) {
                const inner = type === 'Profile' ? this.profileXml(member, statuses) : this.read(type, member);
                if (inner === undefined || !folder) continue;
                zip.file(
                    `unpackaged/${folder}/${member}.${suffix}`,
                    `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="http://soap.sforce.com/2006/04/metadata">${inner.replace(/^<fullName>[^<]*<\/fullName>/, '')}</${type}>\n`
                );
            }
        }
        zip.file(
            'unpackaged/package.xml',
            `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">${manifest.join('')}<version>65.0</version></Package>\n`
        );
        return zip.generateAsync({ type: 'base64' });
    }

    /** A retrieved profile carries only its access to the statuses retrieved with it. */
    private profileXml(fullName: string, statuses: string[]): string | undefined {
        const profile = this.allProfiles().find((p) => FakeSalesforce.fullName(p.Name) === fullName);
        if (!profile) return undefined;
        const s = this.snapshot;
        const granted = new Set(
            (s.statusAccess.status === 'read' ? s.statusAccess.records : [])
                .filter((a) => a.ProfileId === profile.Id)
                .map((a) => a.SetupEntityId)
        );
        const all = s.presenceStatuses.status === 'read' ? s.presenceStatuses.records : [];
        return all
            .filter((st) => statuses.includes(st.DeveloperName) && granted.has(st.Id))
            .map(
                (st) =>
                    `<servicePresenceStatusAccesses><enabled>true</enabled><servicePresenceStatus>${xmlEscape(st.DeveloperName)}</servicePresenceStatus></servicePresenceStatusAccesses>`
            )
            .join('');
    }

    /** A deploy: every file of the zip applied in dependency order, as createMetadata/updateMetadata would. */
    private async deployZip(base64: string): Promise<number> {
        const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
        const order = Object.keys(FakeSalesforce.FOLDERS);
        const components: XmlElement[] = [];
        for (const [name, file] of Object.entries(zip.files)) {
            if (file.dir || name.endsWith('package.xml')) continue;
            const root = parseXml(await file.async('string'));
            const fullName = decodeURIComponent(name.replace(/^.*\//, '').replace(/\.[^.]+$/, ''));
            components.push({
                ...root,
                name: 'metadata',
                attributes: { type: root.name },
                children: [{ name: 'fullName', text: fullName, attributes: {}, children: [] }, ...root.children],
            });
        }
        components.sort((a, b) => order.indexOf(a.attributes.type) - order.indexOf(b.attributes.type));
        for (const c of components) {
            const type = c.attributes.type;
            const name = textOf(c, 'fullName') ?? '';
            if (type === 'FlowDefinition') {
                const flow = rows(this.snapshot.flows).find((f) => name.endsWith(f.ApiName));
                if (flow?.LatestVersionId && !flow.ActiveVersionId && textOf(c, 'activeVersionNumber'))
                    this.apply([
                        {
                            kind: 'activateFlow',
                            itemId: 'flow',
                            flowApiName: flow.ApiName,
                            latestVersionId: flow.LatestVersionId,
                        },
                    ]);
                continue;
            }
            const exists = this.read(type, name) !== undefined;
            this.write(exists && type !== 'Profile' ? 'updateMetadata' : 'createMetadata', [c]);
        }
        return components.length;
    }

    private read(type: string, fullName: string): string | undefined {
        const s = this.snapshot;
        const same = (a: string): boolean => a.toLowerCase() === fullName.toLowerCase();
        const leaf = (name: string, value: unknown): string => `<${name}>${xmlEscape(String(value))}</${name}>`;
        switch (type) {
            case 'OmniChannelSettings':
                return `${leaf('fullName', 'OmniChannel')}${leaf('enableOmniChannel', s.omniEnabled)}`;
            case 'ServiceChannel': {
                const c = rows(s.serviceChannels).find((r) => same(r.DeveloperName));
                if (!c) return undefined;
                return `${leaf('fullName', c.DeveloperName)}${leaf('label', c.MasterLabel)}${leaf('relatedEntityType', c.RelatedEntity)}`;
            }
            case 'FlowDefinition': {
                const f = rows(s.flows).find((r) => fullName.endsWith(r.ApiName) && r.ActiveVersionId);
                return f ? `${leaf('fullName', fullName)}${leaf('activeVersionNumber', 2)}` : undefined;
            }
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
                return `${leaf('fullName', q.DeveloperName)}${leaf('name', q.Name)}${this.queueMembersXml(q.Id)}${routing ? leaf('queueRoutingConfig', routing.DeveloperName) : ''}${objects.join('')}`;
            }
            case 'Group': {
                const g = this.people.groups.find((r) => r.Type === 'Regular' && same(String(r.DeveloperName)));
                return g
                    ? `${leaf('fullName', g.DeveloperName)}${leaf('doesIncludeBosses', true)}${leaf('name', g.Name)}`
                    : undefined;
            }
            case 'FlexiPage': {
                const bar = this.people.utilityBars.find((b) => same(b.Name));
                if (!bar) return undefined;
                const items = bar.ComponentNames.map(
                    (c, i) =>
                        `<itemInstances><componentInstance><componentInstanceProperties>${leaf('name', 'eager')}${leaf('type', 'decorator')}${leaf('value', false)}</componentInstanceProperties>${leaf('componentName', c)}${leaf('identifier', `item_${i}`)}</componentInstance></itemInstances>`
                );
                return `${leaf('fullName', bar.Name)}<flexiPageRegions>${items.join('')}${leaf('name', 'utilityItems')}${leaf('type', 'Region')}</flexiPageRegions><flexiPageRegions>${leaf('name', 'backgroundComponents')}${leaf('type', 'Background')}</flexiPageRegions>${leaf('masterLabel', bar.Name)}<template>${leaf('name', 'one:utilityBarTemplateDesktop')}</template>${leaf('type', 'UtilityBar')}`;
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
                    .map((a) => this.allProfiles().find((p) => p.Id === a.ProfileId)?.Name)
                    .map((n) => FakeSalesforce.fullName(String(n)));
                const assignments = names.length
                    ? `<assignments><profiles>${names.map((n) => leaf('profile', n)).join('')}</profiles></assignments>`
                    : '';
                return `${leaf('fullName', c.DeveloperName)}${assignments}${leaf('capacity', c.Capacity)}${leaf('enableAutoAccept', false)}${leaf('label', c.MasterLabel)}`;
            }
            default:
                return undefined;
        }
    }

    /** Queue metadata's queueMembers (WSDL order), from the queue's GroupMember rows. */
    private queueMembersXml(queueId: string): string {
        const people = this.people;
        const by: Record<string, string[]> = {};
        const add = (key: string, value: string): void => {
            (by[key] ??= []).push(`<${key.replace(/s$/, '')}>${xmlEscape(value)}</${key.replace(/s$/, '')}>`);
        };
        for (const m of people.members.filter((r) => r.GroupId === queueId)) {
            const user = people.users.find((u) => u.Id === m.UserOrGroupId);
            if (user) {
                add('users', user.Username);
                continue;
            }
            const group = people.groups.find((g) => g.Id === m.UserOrGroupId);
            const role = people.roles.find((r) => r.Id === group?.RelatedId);
            if (group?.Type === 'Regular') add('publicGroups', String(group.DeveloperName));
            else if (group?.Type === 'Role' && role) add('roles', role.DeveloperName);
            else if (group?.Type === 'RoleAndSubordinates' && role) add('roleAndSubordinates', role.DeveloperName);
            else if (group?.Type === 'RoleAndSubordinatesInternal' && role)
                add('roleAndSubordinatesInternal', role.DeveloperName);
            // Other members (all internal users, territories…) have no element in Queue metadata.
        }
        const keys = ['publicGroups', 'roleAndSubordinates', 'roleAndSubordinatesInternal', 'roles', 'users'];
        const inner = keys
            .filter((k) => by[k])
            .map((k) => `<${k}>${by[k].join('')}</${k}>`)
            .join('');
        return inner ? `<queueMembers>${inner}</queueMembers>` : '';
    }

    /**
     * A Queue written through the Metadata API: its members become exactly those listed (an update replaces the
     * component; members of kinds Queue metadata cannot name are kept, as the org keeps them). Unknown names refuse.
     */
    private setQueueMembers(queueId: string, component: XmlElement): void {
        const people = this.people;
        const wanted: string[] = [];
        const members = find(component, 'queueMembers');
        for (const el of findAll(find(members, 'users'), 'user')) {
            const user = people.users.find((u) => u.Username.toLowerCase() === (el.text ?? '').toLowerCase());
            if (!user) throw new Error(`INVALID_CROSS_REFERENCE_KEY: no user named ${el.text ?? ''}`);
            wanted.push(user.Id);
        }
        for (const el of findAll(find(members, 'publicGroups'), 'publicGroup')) {
            const group = people.groups.find((g) => g.Type === 'Regular' && g.DeveloperName === el.text);
            if (!group) throw new Error(`INVALID_CROSS_REFERENCE_KEY: no public group named ${el.text ?? ''}`);
            wanted.push(group.Id);
        }
        const roleKinds: [string, string, string][] = [
            ['roles', 'role', 'Role'],
            ['roleAndSubordinates', 'roleAndSubordinate', 'RoleAndSubordinates'],
            ['roleAndSubordinatesInternal', 'roleAndSubordinateInternal', 'RoleAndSubordinatesInternal'],
        ];
        for (const [wrapper, leafName, type] of roleKinds) {
            for (const el of findAll(find(members, wrapper), leafName)) {
                const role = people.roles.find((r) => r.DeveloperName === el.text);
                const group = people.groups.find((g) => g.Type === type && g.RelatedId === role?.Id);
                if (!group) throw new Error(`INVALID_CROSS_REFERENCE_KEY: no role named ${el.text ?? ''}`);
                wanted.push(group.Id);
            }
        }
        const nameable = (id: string): boolean =>
            people.users.some((u) => u.Id === id) ||
            people.groups.some((g) => g.Id === id && (g.Type === 'Regular' || g.Type.startsWith('Role')));
        people.members = [
            ...people.members.filter((m) => m.GroupId !== queueId || !nameable(m.UserOrGroupId)),
            ...[...new Set(wanted)].map((id) => ({ GroupId: queueId, UserOrGroupId: id })),
        ];
    }

    private profileId(fullName: string): string {
        const profile = this.allProfiles().find(
            (p) =>
                FakeSalesforce.fullName(p.Name).toLowerCase() === fullName.toLowerCase() ||
                p.Name.toLowerCase() === decodeURIComponent(fullName).toLowerCase()
        );
        const name = fullName;
        if (!profile) throw new Error(`No profile ${name}`);
        return profile.Id;
    }

    /** Applies created or updated components, translated to the engine's operations. */
    private write(operation: string, components: XmlElement[]): void {
        // Profiles of one call are applied together (one simulate() for the batch, as the org saves one call).
        const grants: { profileId: string; profileName: string; statusDeveloperNames: string[] }[] = [];
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
                const queue = rows(this.snapshot.queues).find((r) => r.DeveloperName === name);
                if (queue) this.setQueueMembers(queue.Id, c);
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
            } else if (type === 'Group') {
                if (!this.people.groups.some((g) => g.Type === 'Regular' && g.DeveloperName === name))
                    this.people.groups.push({
                        Id: `00G5g0000New${String(this.people.groups.length).padStart(3, '0')}AAA`,
                        Type: 'Regular',
                        RelatedId: null,
                        DeveloperName: name,
                        Name: text('name') || name,
                    });
            } else if (type === 'PermissionSet') {
                const existing = s.agentPermissionSet
                    ? rows(s.agentPermissionSet).find((r) => r.Name === name)
                    : undefined;
                this.apply([
                    {
                        kind: 'upsertAgentPermissionSet',
                        itemId: 'profileAccess',
                        existingId: existing?.Id ?? null,
                        developerName: name,
                        label: text('label'),
                        description: text('description'),
                        statusDeveloperNames: findAll(c, 'servicePresenceStatusAccesses').map(
                            (a) => textOf(a, 'servicePresenceStatus') ?? ''
                        ),
                    },
                ]);
            } else if (type === 'Profile') {
                const statuses = findAll(c, 'servicePresenceStatusAccesses').map(
                    (a) => textOf(a, 'servicePresenceStatus') ?? ''
                );
                grants.push({ profileId: this.profileId(name), profileName: name, statusDeveloperNames: statuses });
            }
        }
        if (grants.length > 0) this.apply([{ kind: 'grantStatusAccess', itemId: 'profileAccess', grants }]);
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
