/**
 * Reads the same OrgSnapshot as the Apex snapshot controller, through the org's jsforce Connection, so the engine
 * evaluates and plans exactly as in the tab. Works before the SimplyChat package is installed (pre-flight).
 *
 * `readOrg` is three steps, as in the tab: `readBase` (the base parts), the engine's `settle` (which queue and which
 * utility bars are SimplyChat's: never chosen here), `readDependent` (the queue's members and the utility bars, by
 * the Ids and names settled). The base is read in three rounds of parallel requests: who and what (organization,
 * user, describe), then every list (Omni-Channel objects, the chat object's QueueSobject rows, active users, profile
 * names and metadata full names, flow, SC Setup describe), then what depends on those (queues, the profiles, status
 * and app access, the SC Setup org default). The snapshot's queries are the contract's (src/lib/soql.ts, the
 * text Apex runs) with their binds substituted by `bindSoql`; the row caps are the contract's too (READ_CAPS): a
 * read asks for one row more, and an answer past the cap is unreadable, never a cut list.
 */
import type {
    AppAccessRecord,
    AppMenuItemRecord,
    AppRecord,
    FlowRecord,
    GroupMemberRecord,
    MemberGroupRecord,
    MemberUserRecord,
    OrgSnapshot,
    Part,
    PermissionSetAccessRecord,
    PermissionSetAppRecord,
    ProfileRecord,
    PublicGroupRecord,
    QueueMembershipState,
    QueueMembersChoice,
    AgentPermissionSetRecord,
    SharedRoutingChoice,
    QueueRecord,
    QueueSobjectRecord,
    RecordAccessRecord,
    ScSetupField,
    ScSetupState,
    SetupChoices,
    StatusAccessRecord,
    UserPermissions,
    UserRoleRecord,
    UtilityBarRecord,
} from './engine.js';
import {
    AGENT_PERMISSION_SET_NAME,
    defaultChoices,
    FLOW_API_NAME,
    FLOW_LABEL,
    READ_CAPS,
    RECORD_OBJECTS,
    settle,
    type SettledIds,
} from './engine.js';
import { bindSoql, SOQL } from './soql.js';
import { isAuthOrNetworkError, unavailablePart } from './errors.js';
import { fitting, fittingPairs, type OrgApi } from './orgApi.js';

/**
 * Queries only the plugin needs. The snapshot itself is read with the contract's SOQL (src/lib/soql.ts, generated
 * from config/contract/setup-contract.json, the same text Apex runs); these read what Apex gets otherwise: the org,
 * the running user's effective permissions, and every profile's name so that a typed `--profiles` name resolves
 * (the tab picks profiles by Id).
 */
type Row = Record<string, unknown>;

export const PLUGIN_SOQL = {
    organization: 'SELECT Id, Name, IsSandbox, OrganizationType, TrialExpirationDate FROM Organization LIMIT 1',
    /** The running user's effective permissions in this session (one row), as SetupPermissions.cls reads them. */
    permissions:
        'SELECT PermissionsViewSetup, PermissionsCustomizeApplication, PermissionsModifyMetadata, PermissionsModifyAllData, PermissionsManageUsers, PermissionsManageProfilesPermissionsets FROM UserPermissionAccess LIMIT 1',
    /** Every profile, with or without active users: an installer may name a profile before its agents exist. */
    allProfiles: 'SELECT Id, Name FROM Profile ORDER BY Name LIMIT 10000',
};

/** A read past its cap: reported unreadable with this message (as Apex words it), never a cut list. */
function tooMany(cap: number, what: string): Error {
    return new Error(`More than ${cap} rows of ${what}: not read`);
}

/** The rows of a capped read, refused when past the cap (each batch asked for `cap + 1` rows). */
function capped<T>(rows: T[], cap: number, what: string, count: (rows: T[]) => number = (r) => r.length): T[] {
    if (count(rows) > cap) throw tooMany(cap, what);
    return rows;
}

/** The fixed `LIMIT n` that ends a query, when n > 1 (a `LIMIT 1` reads one record by a unique key, not a list). */
export function fixedLimit(soql: string): number | undefined {
    const n = Number(/\bLIMIT (\d+)\s*$/.exec(soql)?.[1]);
    return Number.isInteger(n) && n > 1 ? n : undefined;
}

/**
 * The org as the snapshot reader queries it: an answer that fills its query's LIMIT may be cut, so it is reported
 * unreadable ("More than n-1 rows of …: not read", as SetupSnapshotReader.limitedRows words it), never used as the
 * whole list. A capped read asks for its cap + 1 rows, so its full answer is past the cap either way.
 */
export function wholeLists(api: OrgApi): OrgApi {
    // The reads bound to a readCaps cap + 1 are refused by capped(), in their own words.
    const capReads = new Set(Object.values(READ_CAPS).map((cap) => Number(cap) + 1));
    const whole = Object.create(api) as OrgApi;
    whole.query = async <T>(soql: string, tooling = false): Promise<T[]> => {
        const found = await api.query<T>(soql, tooling);
        const limit = fixedLimit(soql);
        if (limit !== undefined && !capReads.has(limit) && found.length >= limit)
            throw tooMany(limit - 1, /\bFROM (\w+)/.exec(soql)?.[1] ?? 'a list');
        return found;
    };
    return whole;
}

/** Levels of GroupMember rows read from the queue: its members, their public groups' members, and one more. */
export const MEMBER_LEVELS = 3;

/**
 * A child relationship of a REST query row: `{ records: [...] }`, or null when it has none. Whether REST pages a long
 * child list is not verified (docs/org-verification.md row 114): one that says it is not done is refused, never
 * read as the whole list (the part is then "cannot be checked").
 */
function children(value: unknown, what = 'child rows'): Row[] {
    const list = value as { records?: Row[]; done?: boolean } | null;
    if (list?.done === false) throw new Error(`More ${what} than one answer holds: not read`);
    return (list?.records ?? []) as Row[];
}

/** What the agents get through their profiles' own permission sets and through the sets assigned to them. */
interface EntityAccess {
    /** The agent profiles' own access rows. */
    readonly profileRows: { ProfileId: string; SetupEntityId: string }[];
    /** Every other permission set (or group's own set) granting the entities, with its active agent assignees. */
    readonly sets: {
        Id: string;
        Label: string;
        PermissionSetGroupId: string | null;
        ids: string[];
        Assignees: { AssigneeId: string; ProfileId: string }[];
    }[];
}

/**
 * The contract's SETUP_ENTITY_ACCESS, as Apex reads it (SetupSnapshotReader.readEntityAccess): one read for statuses
 * and for apps. Both Id lists are batched (an org's statuses or apps beside its profiles); a set met in several
 * batches is merged (its granted Ids and assignees, each once). Parent and child rows together, as Apex counts them,
 * past `cap`: refused, never cut.
 */
async function readEntityAccess(
    api: OrgApi,
    entityIds: readonly string[],
    profileIds: readonly string[],
    cap: number,
    what: string
): Promise<EntityAccess> {
    if (entityIds.length === 0 || profileIds.length === 0) return { profileRows: [], sets: [] };
    const soql = (ids: readonly string[], profiles: readonly string[]): string =>
        bindSoql(SOQL.SETUP_ENTITY_ACCESS, { entityIds: ids, profileIds: profiles, maxRows: cap + 1 });
    const batches = await Promise.all(
        fittingPairs(entityIds, profileIds, soql).map(([ids, profiles]) => api.query<Row>(soql(ids, profiles)))
    );
    const rows = capped(batches.flat(), cap, what, (found) =>
        found.reduce(
            (sum, r) =>
                sum +
                1 +
                children(r.SetupEntityAccessItems, `access rows of ${what}`).length +
                children(r.Assignments, `assignments of ${what}`).length,
            0
        )
    );
    const own = new Map<string, { ProfileId: string; SetupEntityId: string }>();
    const sets = new Map<string, EntityAccess['sets'][number]>();
    for (const r of rows) {
        const granted = children(r.SetupEntityAccessItems).map((c) => String(c.SetupEntityId));
        if (r.IsOwnedByProfile === true) {
            for (const id of granted)
                own.set(`${String(r.ProfileId)}/${id}`, { ProfileId: String(r.ProfileId), SetupEntityId: id });
            continue;
        }
        const set = sets.get(String(r.Id)) ?? {
            Id: String(r.Id),
            Label: String(r.Label),
            PermissionSetGroupId: (r.PermissionSetGroupId as string | null) ?? null,
            ids: [],
            Assignees: [],
        };
        for (const id of granted) if (!set.ids.includes(id)) set.ids.push(id);
        for (const c of children(r.Assignments)) {
            const assignee = { AssigneeId: String(c.AssigneeId), ProfileId: String((c.Assignee as Row)?.ProfileId) };
            if (!set.Assignees.some((a) => a.AssigneeId === assignee.AssigneeId)) set.Assignees.push(assignee);
        }
        sets.set(set.Id, set);
    }
    return { profileRows: [...own.values()], sets: [...sets.values()] };
}

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
    /** Also move the agents assigned directly to another presence configuration (--move-direct-users). */
    moveDirectUsers?: boolean;
    /** A SimplyChat-only Online status instead of joining the agents' Online statuses (--separate-online-status). */
    separateOnlineStatus?: boolean;
    /** Item 5's choice for a routing configuration other queues use too (--shared-routing); absent: keep. */
    sharedRoutingConfig?: SharedRoutingChoice;
    /** Item 13: what to add to the SimplyChat queue (--queue-members). */
    queueMembers?: QueueMembersChoice;
}

export interface OrgRead {
    org: OrgInfo;
    snapshot: OrgSnapshot;
    /** Every profile of the org by Id (full names from listMetadata when the user may list metadata). */
    profiles: Map<string, OrgProfile>;
    /** Set when the Metadata API could not list profile full names. */
    fullNamesError?: string;
    /** API names of the org's objects (describeGlobal), for "did you mean" on a chat object it lacks. */
    objectNames?: string[];
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

const pick = (row: Row, ...fields: string[]): Row => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

/** One part of the snapshot: a refused query makes it unavailable; a network or login failure ends the read. */
async function part<T>(read: () => Promise<T[]>): Promise<Part<T>> {
    try {
        return { status: 'read', records: await read() };
    } catch (error) {
        return unavailablePart<T>(error);
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

const isUser = (id: string): boolean => id.startsWith('005');

/**
 * The SimplyChat queue's membership (item 13) with the contract's queries: the queue's GroupMember rows
 * and those of the public groups in it, level by level (MEMBER_LEVELS), each level's groups (MEMBER_GROUPS) and
 * named users on the agent profiles (MEMBER_USERS) read together with the next level; the role hierarchy
 * (USER_ROLES) only when a role-and-subordinates member needs it. Public groups met below the last level read are
 * reported as unresolved, never guessed. `agentsByRole` is given by the caller (readDependent reads it alongside).
 */
export async function readQueueMembership(
    orgApi: OrgApi,
    queueId: string,
    agentProfileIds: readonly string[],
    agentsByRole: QueueMembershipState['agentsByRole']
): Promise<QueueMembershipState> {
    const api = wholeLists(orgApi);
    const members: GroupMemberRecord[] = [];
    const groups = new Map<string, MemberGroupRecord>();
    const memberUsers = new Map<string, MemberUserRecord>();
    const seenGroups = new Set<string>([queueId]);
    const seenUsers = new Set<string>();
    const unresolved: string[] = [];
    const groupRows = async (ids: readonly string[]): Promise<GroupMemberRecord[]> =>
        ids.length === 0
            ? []
            : (
                  await Promise.all(
                      fitting(ids, (batch) =>
                          bindSoql(SOQL.QUEUE_MEMBERS, { groupIds: batch, maxRows: READ_CAPS.queueMemberRows + 1 })
                      ).map((batch) =>
                          api.query<Row>(
                              bindSoql(SOQL.QUEUE_MEMBERS, { groupIds: batch, maxRows: READ_CAPS.queueMemberRows + 1 })
                          )
                      )
                  )
              )
                  .flat()
                  .map((r) => ({ GroupId: String(r.GroupId), UserOrGroupId: String(r.UserOrGroupId) }));
    const groupsOf = async (ids: readonly string[]): Promise<MemberGroupRecord[]> =>
        ids.length === 0
            ? []
            : (
                  await Promise.all(
                      fitting(ids, (batch) => bindSoql(SOQL.MEMBER_GROUPS, { groupIds: batch })).map((batch) =>
                          api.query<Row>(bindSoql(SOQL.MEMBER_GROUPS, { groupIds: batch }))
                      )
                  )
              )
                  .flat()
                  .map((r) => ({
                      Id: String(r.Id),
                      Type: String(r.Type),
                      RelatedId: (r.RelatedId as string | null) ?? null,
                      RelatedName: ((r.Related as Row | null | undefined)?.Name as string | null | undefined) ?? null,
                      DeveloperName: (r.DeveloperName as string | null) ?? null,
                      Name: (r.Name as string | null) ?? null,
                  }));
    const usersOf = async (ids: readonly string[]): Promise<MemberUserRecord[]> =>
        ids.length === 0 || agentProfileIds.length === 0
            ? []
            : (
                  await Promise.all(
                      // Each user has one profile, so the rows of every (users, profiles) pair add up without repeats.
                      fittingPairs(ids, agentProfileIds, (userIds, profileIds) =>
                          bindSoql(SOQL.MEMBER_USERS, { userIds, profileIds, maxRows: READ_CAPS.memberUserRows + 1 })
                      ).map(([userIds, profileIds]) =>
                          api.query<Row>(
                              bindSoql(SOQL.MEMBER_USERS, {
                                  userIds,
                                  profileIds,
                                  maxRows: READ_CAPS.memberUserRows + 1,
                              })
                          )
                      )
                  )
              )
                  .flat()
                  .map((r) => ({
                      Id: String(r.Id),
                      ProfileId: String(r.ProfileId),
                      UserRoleId: (r.UserRoleId as string | null) ?? null,
                  }));

    // Each round: the rows of the groups met last round, with those groups' records and the users met last round.
    let rowsOf: string[] = [queueId];
    let newGroups: string[] = [];
    let newUsers: string[] = [];
    for (let level = 1; level <= MEMBER_LEVELS + 1; level++) {
        const [rowsRead, groupsRead, usersRead] = await Promise.all([
            level <= MEMBER_LEVELS ? groupRows(rowsOf) : Promise.resolve([]),
            groupsOf(newGroups),
            usersOf(newUsers),
        ]);
        for (const g of groupsRead) groups.set(g.Id, g);
        for (const u of usersRead) memberUsers.set(u.Id, u);
        // The caps hold for every level together, as in Apex: past them the membership is unreadable.
        capped(members.concat(rowsRead), READ_CAPS.queueMemberRows, 'queue members');
        capped([...memberUsers.values()], READ_CAPS.memberUserRows, 'member users');
        // Public groups whose members this round did not read (below the last level): unresolved.
        if (level > MEMBER_LEVELS) unresolved.push(...groupsRead.filter((g) => g.Type === 'Regular').map((g) => g.Id));
        members.push(...rowsRead);
        newGroups = [];
        newUsers = [];
        for (const row of rowsRead) {
            const id = row.UserOrGroupId;
            if (isUser(id)) {
                if (!seenUsers.has(id)) newUsers.push(id);
                seenUsers.add(id);
            } else if (!seenGroups.has(id)) {
                seenGroups.add(id);
                newGroups.push(id);
            }
        }
        // The next level reads the rows of the groups just met, together with their records: their type is known
        // only then, and a role group has no rows, so reading them costs less than a round trip more.
        rowsOf = newGroups;
        if (newGroups.length === 0 && newUsers.length === 0) break;
    }
    const roleNeeded = [...groups.values()].some((g) => g.Type.startsWith('RoleAndSubordinates'));
    const roles: UserRoleRecord[] = roleNeeded
        ? (await api.query<Row>(SOQL.USER_ROLES)).map((r) => ({
              Id: String(r.Id),
              Name: String(r.Name),
              ParentRoleId: (r.ParentRoleId as string | null) ?? null,
          }))
        : [];
    return {
        queueId,
        members,
        groups: [...groups.values()],
        roles,
        memberUsers: [...memberUsers.values()],
        agentsByRole,
        unresolvedGroupIds: unresolved,
    };
}

/** The componentName of every item of a utility bar's `utilityItems` region (itemInstances, API 47+; componentInstances before). */
export function utilityItems(flexiPage: Record<string, unknown>): string[] {
    const list = <T>(value: T | T[] | undefined | null): T[] =>
        value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    const regions = list(flexiPage.flexiPageRegions as Row | Row[]);
    const region = regions.find((r) => r.name === 'utilityItems');
    if (!region) return [];
    const items = list(region.itemInstances as Row | Row[]).map(
        (i) => (i.componentInstance as Row | undefined)?.componentName
    );
    const legacy = list(region.componentInstances as Row | Row[]).map((c) => c.componentName);
    return [...items, ...legacy].filter((n): n is string => typeof n === 'string' && n !== '');
}

/** Utility bars through the Metadata API (FlexiPage, 10 names a call, calls in parallel): their items' component names. */
export async function readUtilityBars(api: OrgApi, names: readonly string[]): Promise<UtilityBarRecord[]> {
    if (names.length === 0) return [];
    const pages = await api.read('FlexiPage', names);
    return pages.flatMap((page, i) => (page ? [{ Name: names[i], ComponentNames: utilityItems(page) }] : []));
}

/** Counts each finished request for the progress line; `more` announces requests before they start. */
interface Steps {
    <T>(promise: Promise<T>): Promise<T>;
    more(count: number): void;
}

function steps(onProgress: Progress): Steps {
    let done = 0;
    let total = 0;
    const step = (<T>(promise: Promise<T>): Promise<T> =>
        promise.then((value) => {
            onProgress(++done, total);
            return value;
        })) as Steps;
    step.more = (count: number) => {
        total += count;
    };
    return step;
}

/**
 * Everything the engine evaluates, with the command line's choices resolved against the org: the base parts, then
 * the parts read by what the engine settles on.
 */
export async function readOrg(api: OrgApi, cli: CliChoices, onProgress: Progress = () => undefined): Promise<OrgRead> {
    const step = steps(onProgress);
    const base = await readBase(api, cli, step);
    const dependent = await readDependent(api, base.snapshot, settle(base.snapshot).ids, step);
    return { ...base, snapshot: { ...base.snapshot, ...dependent } };
}

/** The base parts: everything but what is read by the settled Ids (the queue's members, the utility bars). */
export async function readBase(
    orgApi: OrgApi,
    cli: CliChoices,
    step: Steps = steps(() => undefined)
): Promise<OrgRead> {
    const api = wholeLists(orgApi);
    step.more(3);

    // Round 1: the organization, the user, the objects.
    const [orgRows, me, described] = await Promise.all([
        step(api.query<Row>(PLUGIN_SOQL.organization)),
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
    step.more(19);
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
        queueSobjects,
        activeUsers,
        allProfiles,
        fullNames,
        flows,
        settingDescribe,
        publicGroups,
        apps,
        appMenuItems,
        routedQueues,
        agentPermissionSet,
    ] = await Promise.all([
        step(api.query<Row>(PLUGIN_SOQL.permissions)),
        omni(rows(SOQL.SERVICE_CHANNELS, 'Id', 'DeveloperName', 'MasterLabel', 'RelatedEntity')),
        omni(
            rows(
                SOQL.ROUTING_CONFIGS,
                'Id',
                'DeveloperName',
                'MasterLabel',
                'RoutingModel',
                'RoutingPriority',
                'CapacityWeight',
                'CapacityPercentage'
            )
        ),
        omni(rows(SOQL.PRESENCE_STATUSES, 'Id', 'DeveloperName', 'MasterLabel')),
        omni(rows(SOQL.STATUS_CHANNELS, 'Id', 'ServicePresenceStatusId', 'ServiceChannelId')),
        omni(async () =>
            (await api.query<Row>(SOQL.PRESENCE_CONFIGS)).map(
                (r) =>
                    ({ ...pick(r, 'Id', 'DeveloperName', 'MasterLabel'), Capacity: Number(r.Capacity ?? 0) }) as never
            )
        ),
        omni(rows(SOQL.PRESENCE_CONFIG_PROFILES, 'Id', 'PresenceUserConfigId', 'ProfileId')),
        omni(async () =>
            (await api.query<Row>(SOQL.DIRECT_USERS)).map((r) => ({
                PresenceUserConfigId: String(r.configId),
                ProfileId: String(r.profileId),
                UserCount: Number(r.userCount),
                FirstUserName: String(r.firstName ?? ''),
            }))
        ),
        // As in Apex: the queues that support the chat object, or carry our queue name (read in round 3).
        step(
            part<QueueSobjectRecord>(async () =>
                (await api.query<Row>(bindSoql(SOQL.QUEUE_SOBJECTS, { chatObject }))).map(
                    (r) => pick(r, 'Id', 'QueueId', 'SobjectType') as never
                )
            )
        ),
        step(part(() => api.query<Row>(SOQL.ACTIVE_USERS))),
        step(part(() => api.query<Row>(PLUGIN_SOQL.allProfiles))),
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
                (await api.query<Row>(bindSoql(SOQL.FLOWS, { apiName: FLOW_API_NAME, label: FLOW_LABEL }))).map(
                    (r) => pick(r, 'ApiName', 'Label', 'NamespacePrefix', 'ActiveVersionId', 'LatestVersionId') as never
                )
            )
        ),
        step(setting?.customSetting ? api.describe(setting.name) : Promise.resolve(undefined)),
        step(part<PublicGroupRecord>(rows(SOQL.PUBLIC_GROUPS, 'Id', 'DeveloperName', 'Name'))),
        step(
            part<AppRecord>(
                rows(
                    SOQL.APPS,
                    'DurableId',
                    'DeveloperName',
                    'NamespacePrefix',
                    'Label',
                    'NavType',
                    'UtilityBar',
                    'IsOmniPinnedViewEnabled'
                )
            )
        ),
        // The 02u… Ids app access rows carry (AppDefinition.DurableId is the 06m… one): joined by the engine.
        step(part<AppMenuItemRecord>(rows(SOQL.APP_MENU_ITEMS, 'ApplicationId', 'Name', 'NamespacePrefix'))),
        // Every routed queue: who else item 5's routing configuration routes.
        omni<QueueRecord>(rows(SOQL.ROUTED_QUEUES, 'Id', 'DeveloperName', 'Name', 'QueueRoutingConfigId')),
        // SimplyChat's own permission set by its Name: item 10's route when statuses cannot be granted on profiles.
        step(
            part<AgentPermissionSetRecord>(
                rows(
                    bindSoql(SOQL.AGENT_PERMISSION_SET, { permissionSetName: AGENT_PERMISSION_SET_NAME }),
                    'Id',
                    'Name',
                    'Label',
                    'Description',
                    'HasActivationRequired'
                )
            )
        ),
    ]);

    // One row: the session's effective permissions (UserPermissionAccess), not the sum of assigned sets.
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
    // Named profiles resolve only against the whole list: an unread (or full) list refuses, never "no such profile".
    if (cli.profiles && allProfiles.status !== 'read')
        throw new Error(
            `The org's profiles could not be read, so --profiles cannot be resolved: ${allProfiles.message}`
        );
    const agentProfileIds = cli.profiles ? resolveProfiles(cli.profiles, profiles) : [];
    const base = defaultChoices();
    const choices: SetupChoices = {
        ...base,
        chatObject,
        capacity: cli.capacity ?? null,
        agentProfileIds,
        moveDirectUsers: cli.moveDirectUsers ?? base.moveDirectUsers,
        separateOnlineStatus: cli.separateOnlineStatus ?? base.separateOnlineStatus,
        ...(cli.sharedRoutingConfig ? { sharedRoutingConfig: cli.sharedRoutingConfig } : {}),
        ...(cli.queueMembers ? { queueMembers: cli.queueMembers } : {}),
    };

    // Profiles that can be agents, as the tab lists them: those with active users, plus the chosen ones.
    const counts = new Map<string, { all: number; serviceCloud: number }>();
    for (const row of activeUsers.status === 'read' ? activeUsers.records : []) {
        const id = String(row.profileId);
        const count = counts.get(id) ?? { all: 0, serviceCloud: 0 };
        count.all += Number(row.userCount);
        if (row.serviceCloud === true) count.serviceCloud += Number(row.userCount);
        counts.set(id, count);
    }
    const profileIds = [...new Set([...counts.keys(), ...agentProfileIds])];

    // Round 3: what depends on the lists, with the contract's queries and their binds.
    step.more(5);
    const describe = settingDescribe as
        | {
              createable?: boolean;
              updateable?: boolean;
              fields: { name: string; label: string; type: string; custom: boolean; updateable?: boolean }[];
          }
        | undefined;
    const fields: ScSetupField[] = (describe?.fields ?? [])
        .filter((f) => f.custom && /^[A-Za-z0-9_]+$/.test(f.name))
        .map((f) => ({ apiName: f.name, label: f.label, type: f.type.toLowerCase() }));
    const [queues, profileRows, access, scSetup, appRead] = await Promise.all([
        step(
            queueSobjects.status !== 'read'
                ? Promise.resolve<Part<QueueRecord>>({
                      status: 'unavailable',
                      code: 'queryFailed',
                      message: 'QueueSobject could not be read',
                  })
                : part<QueueRecord>(async () => {
                      const queueSoql = (queueIds: readonly string[]): string =>
                          bindSoql(omniEnabled ? SOQL.QUEUES_WITH_ROUTING : SOQL.QUEUES, {
                              queueName: choices.names.queue.developerName,
                              queueIds,
                          });
                      const batches = await Promise.all(
                          fitting(
                              queueSobjects.records.map((r) => r.QueueId),
                              queueSoql
                          ).map((ids) => api.query<Row>(queueSoql(ids)))
                      );
                      // The queue found by name comes back in every batch: once each, in the query's order.
                      const byId = new Map(
                          (batches.length > 0 ? batches.flat() : await api.query<Row>(queueSoql([]))).map((r) => [
                              String(r.Id),
                              r,
                          ])
                      );
                      return [...byId.values()]
                          .sort((a, b) => String(a.DeveloperName).localeCompare(String(b.DeveloperName)))
                          .map((r) => ({
                              Id: String(r.Id),
                              DeveloperName: String(r.DeveloperName),
                              Name: String(r.Name),
                              QueueRoutingConfigId: (r.QueueRoutingConfigId as string) ?? null,
                          }));
                  })
        ),
        step(
            activeUsers.status !== 'read'
                ? Promise.resolve<Part<Row>>(activeUsers)
                : part<Row>(async () =>
                      (
                          await Promise.all(
                              fitting(profileIds, (ids) => bindSoql(SOQL.PROFILES, { ids })).map((ids) =>
                                  api.query<Row>(bindSoql(SOQL.PROFILES, { ids }))
                              )
                          )
                      ).flat()
                  )
        ),
        // As in Apex (SetupSnapshotReader.readStatusAccess): one query for the agent profiles' own permission sets
        // and every other permission set or group granting a status, with the active agent users who hold it.
        step(
            presenceStatuses.status !== 'read'
                ? Promise.resolve<Part<EntityAccess>>({
                      status: 'unavailable',
                      code: omniEnabled ? 'queryFailed' : 'omniDisabled',
                  })
                : part<EntityAccess>(async () => [
                      await readEntityAccess(
                          api,
                          presenceStatuses.records.map((s) => (s as { Id: string }).Id),
                          agentProfileIds,
                          READ_CAPS.statusAccessRows,
                          'status access'
                      ),
                  ])
        ),
        step(
            part<ScSetupState>(async () => {
                if (!setting?.customSetting || !describe)
                    return [{ objectApiName: null, fields: [], orgDefault: null, writable: false }];
                const [row] = await api.query<Row>(
                    `SELECT Id${fields.map((f) => `, ${f.apiName}`).join('')} FROM ${setting.name} WHERE SetupOwnerId = ${quoted([org.id])} LIMIT 1`
                );
                return [
                    {
                        objectApiName: setting.name,
                        fields,
                        // The writability probe, as SoqlSource.canWrite: a protected setting is not writable.
                        writable:
                            describe.createable === true &&
                            describe.updateable === true &&
                            describe.fields.every((f) => !f.custom || f.updateable === true),
                        orgDefault: row
                            ? Object.fromEntries(fields.map((f) => [f.apiName, (row[f.apiName] ?? null) as never]))
                            : null,
                    },
                ];
            })
        ),
        // Item 14: which apps (every navigation type, as the engine's guided steps name them) the agent profiles'
        // own permission sets give, and the permission sets (and groups) assigned to their users, read as statuses.
        step(
            apps.status !== 'read'
                ? Promise.resolve<Part<EntityAccess>>(apps)
                : appMenuItems.status !== 'read'
                  ? Promise.resolve<Part<EntityAccess>>(appMenuItems)
                  : part<EntityAccess>(async () => [
                        // Every app by its 02u… Id (AppMenuItem): an app AppDefinition did not return is "cannot be
                        // checked".
                        await readEntityAccess(
                            api,
                            appMenuItems.records.map((m) => m.ApplicationId).filter(Boolean),
                            agentProfileIds,
                            READ_CAPS.appAccessRows,
                            'app access'
                        ),
                    ])
        ),
    ]);

    const profilePart: Part<ProfileRecord> =
        profileRows.status !== 'read'
            ? profileRows
            : {
                  status: 'read',
                  records: profileRows.records.map((r) => ({
                      Id: String(r.Id),
                      Name: String(r.Name),
                      UserCount: counts.get(String(r.Id))?.all ?? 0,
                      ServiceCloudUserCount: counts.get(String(r.Id))?.serviceCloud ?? 0,
                  })),
              };
    const statusAccess: Part<StatusAccessRecord> =
        access.status !== 'read' ? access : { status: 'read', records: access.records[0].profileRows };
    const permissionSetAccess: Part<PermissionSetAccessRecord> =
        access.status !== 'read'
            ? access
            : {
                  status: 'read',
                  records: access.records[0].sets.map(({ ids, ...set }) => ({ ...set, StatusIds: ids })),
              };
    const appAccess: Part<AppAccessRecord> =
        appRead.status !== 'read' ? appRead : { status: 'read', records: appRead.records[0].profileRows };
    const appPermissionSets: Part<PermissionSetAppRecord> =
        appRead.status !== 'read'
            ? appRead
            : { status: 'read', records: appRead.records[0].sets.map(({ ids, ...set }) => ({ ...set, AppIds: ids })) };

    const chat = objects.get(chatObject.toLowerCase());
    // The record-change probe: describeGlobal (already read) answers for the session's user, one call for all objects.
    const recordAccess: Part<RecordAccessRecord> = described
        ? {
              status: 'read',
              records: RECORD_OBJECTS.map((name) => {
                  const o = objects.get(name.toLowerCase());
                  return {
                      Name: name,
                      Available: o !== undefined,
                      Createable: o?.createable === true,
                      Updateable: o?.updateable === true,
                      Deletable: o?.deletable === true,
                  };
              }),
          }
        : { status: 'unavailable', code: 'queryFailed', message: 'describeGlobal' };
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
        routedQueues,
        queueSobjects,
        presenceStatuses,
        statusChannels,
        presenceConfigs,
        presenceConfigProfiles,
        presenceConfigUsers,
        profiles: profilePart,
        statusAccess,
        permissionSetAccess,
        agentPermissionSet,
        flows,
        scSetup,
        publicGroups,
        apps,
        appMenuItems,
        appAccess,
        appPermissionSets,
        recordAccess,
        choices,
    };

    return {
        org,
        snapshot,
        profiles,
        fullNamesError: fullNames.error,
        objectNames: (described?.sobjects ?? []).map((o) => o.name),
    };
}

/**
 * The parts read by what the engine settled on (`settle(base).ids`), never chosen here: the settled queue's
 * members, level by level, with the agents per profile and role; the settled utility bars through the Metadata API.
 */
export async function readDependent(
    orgApi: OrgApi,
    base: OrgSnapshot,
    ids: SettledIds,
    step: Steps = steps(() => undefined)
): Promise<Pick<OrgSnapshot, 'queueMembership' | 'utilityBars'>> {
    const api = wholeLists(orgApi);
    step.more(2);
    const agentProfileIds = base.choices.agentProfileIds;
    const { queueId } = ids;
    const agentsByRole = async (): Promise<QueueMembershipState['agentsByRole'][number][]> =>
        agentProfileIds.length === 0
            ? []
            : (
                  await Promise.all(
                      fitting(agentProfileIds, (profileIds) => bindSoql(SOQL.AGENTS_BY_ROLE, { profileIds })).map(
                          (profileIds) => api.query<Row>(bindSoql(SOQL.AGENTS_BY_ROLE, { profileIds }))
                      )
                  )
              )
                  .flat()
                  .map((r) => ({
                      ProfileId: String(r.profileId),
                      UserRoleId: (r.roleId as string | null) ?? null,
                      UserCount: Number(r.userCount),
                  }));
    const [queueMembership, utilityBars] = await Promise.all([
        step(
            queueId === null
                ? Promise.resolve<Part<QueueMembershipState>>({ status: 'read', records: [] })
                : part(async () => {
                      const [byRole, state] = await Promise.all([
                          agentsByRole(),
                          readQueueMembership(api, queueId, agentProfileIds, []),
                      ]);
                      return [{ ...state, agentsByRole: byRole }];
                  })
        ),
        step(
            base.apps?.status === 'unavailable'
                ? Promise.resolve<Part<UtilityBarRecord>>(base.apps)
                : base.appAccess?.status === 'unavailable'
                  ? Promise.resolve<Part<UtilityBarRecord>>(base.appAccess)
                  : part(() => readUtilityBars(api, ids.utilityBarNames))
        ),
    ]);
    return { queueMembership, utilityBars };
}
