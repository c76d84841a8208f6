/**
 * Item 14: every agent has a Lightning console app whose utility bar holds the Omni-Channel utility (agents go online
 * there). Reads the apps (AppDefinition, joined to AppMenuItem for the 02u… Id access rows carry), the agent
 * profiles' app access and the apps granted through permission sets (and groups) assigned to agent users
 * (SetupEntityAccess of type TabSet; counted as the platform does: a user has an app when the profile or any
 * assigned set grants it) and the utility bars' content (FlexiPage, read on demand through the API connection). The
 * fix is a guided step in App Manager (or assigning a permission set that has such an app), never an operation: the
 * admin's apps and sets are not changed automatically.
 *
 * `appIndex`, `omniAppOf` and `omniAppOfUser` answer the same question per profile and per user for the Agents
 * view (agents.ts).
 */
import { APP_MANAGER_URL, isConsoleApp, isOmniChannelUtility } from './facts';
import { grantsByUser, type GrantsByUser } from './ruleAgentAccess';
import { agentProfiles } from './ruleAgents';
import { PERMISSION_SETS_URL } from './setupPages';
import { finish, read, unreadable, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';
import type {
    AppMenuItemRecord,
    AppRecord,
    Detail,
    OrgSnapshot,
    PermissionSetAppRecord,
    ProfileRecord,
    SalesforceId,
} from './types';

export interface AgentAppsInput {
    readonly deps: Deps<'agentApps'>;
}

/** The apps each agent profile has, and which utility bars hold the Omni-Channel utility. */
export interface AppIndex {
    /** Profile Id → the apps it is assigned (every navigation type), by label. Only agent profiles are read. */
    readonly appsOf: ReadonlyMap<SalesforceId, readonly AppRecord[]>;
    /** Utility bar name (lower case) → whether it holds the Omni-Channel utility; null when the bars are not read. */
    readonly bars: ReadonlyMap<string, boolean> | null;
    /** Why the bars are not read (null when they are). */
    readonly barsDetail: Detail | null;
    /**
     * Profile Id → how many of its apps this reader cannot see: access rows naming an app that AppDefinition did not
     * return (it lists only the apps the running user can access). Such an app may carry the utility.
     */
    readonly hiddenOf: ReadonlyMap<SalesforceId, number>;
    /** 15-character 02u… Id → the app (null: an app AppDefinition did not return). */
    readonly appById: ReadonlyMap<string, AppRecord | null>;
    /** Profile Id → user Id → the apps (15-character Ids) the user's permission sets grant, and the sets' labels. */
    readonly userGrants: GrantsByUser;
    /** Why the apps granted through permission sets are not known (the read failed or was full); null when read. */
    readonly setsDetail: Detail | null;
    /** Label of each permission set that grants an app with the Omni-Channel utility → those apps. */
    readonly omniSets: ReadonlyMap<string, readonly AppRecord[]>;
}

export type AppIndexResult =
    | { readonly ok: true; readonly index: AppIndex }
    /** detail null: the snapshot has no apps part at all (an older reader): not checked. */
    | { readonly ok: false; readonly detail: Detail | null };

/** The 15-character form of a Salesforce Id: what its 15- and 18-character forms share (case-sensitive). */
export function id15(id: SalesforceId): string {
    return id.slice(0, 15);
}

function appKey(namespacePrefix: string | null, developerName: string): string {
    return `${(namespacePrefix ?? '').toLowerCase()}__${developerName.toLowerCase()}`;
}

/**
 * The app each access row names, by its 02u… Id: AppMenuItem (type TabSet) carries that Id as `ApplicationId`
 * (15 characters), AppDefinition carries only its own 06m… `DurableId`; the two are joined on namespace and
 * developer name (docs/org-verification.md row 66). A menu item without an AppDefinition maps to null: an app
 * the running user cannot access.
 */
export function appsByApplicationId(
    apps: readonly AppRecord[],
    menuItems: readonly AppMenuItemRecord[]
): Map<string, AppRecord | null> {
    const byName = new Map(apps.map((a) => [appKey(a.NamespacePrefix, a.DeveloperName), a]));
    const result = new Map<string, AppRecord | null>();
    for (const item of menuItems) {
        if (!item.ApplicationId) continue;
        result.set(id15(item.ApplicationId), byName.get(appKey(item.NamespacePrefix, item.Name)) ?? null);
    }
    return result;
}

/** Builds the index once per snapshot: O(apps + access rows + set assignments + bar items). */
export function appIndex(snapshot: OrgSnapshot): AppIndexResult {
    if (!snapshot.apps || !snapshot.appAccess || !snapshot.appMenuItems) return { ok: false, detail: null };
    const apps = read(snapshot.apps, 'AppDefinition');
    if (!apps.ok) return apps;
    const menuItems = read(snapshot.appMenuItems, 'AppMenuItem');
    if (!menuItems.ok) return menuItems;
    const access = read(snapshot.appAccess, 'SetupEntityAccess');
    if (!access.ok) return access;
    const appById = appsByApplicationId(apps.records, menuItems.records);
    const appsOf = new Map<SalesforceId, AppRecord[]>();
    const hiddenOf = new Map<SalesforceId, number>();
    for (const row of access.records) {
        const app = appById.get(id15(row.SetupEntityId));
        if (!app) {
            // Not returned by AppDefinition, or not an app the menu lists: cannot be checked, never "no app".
            hiddenOf.set(row.ProfileId, (hiddenOf.get(row.ProfileId) ?? 0) + 1);
            continue;
        }
        const list = appsOf.get(row.ProfileId) ?? [];
        if (!list.includes(app)) list.push(app);
        appsOf.set(row.ProfileId, list);
    }
    for (const list of appsOf.values()) list.sort((a, b) => a.Label.localeCompare(b.Label));
    // Absent (an older reader): no set is known to grant an app. Unreadable: what sets grant is not known.
    const setsPart = snapshot.appPermissionSets ?? { status: 'read' as const, records: [] };
    const sets = read(setsPart, 'PermissionSet');
    const appSets: readonly PermissionSetAppRecord[] = sets.ok ? sets.records : [];
    const userGrants = grantsByUser(appSets, (ps) => ps.AppIds.map(id15));
    const setsDetail = sets.ok ? null : sets.detail;
    const part = snapshot.utilityBars ?? { status: 'unavailable', code: 'notRead' };
    const base = { appsOf, hiddenOf, appById, userGrants, setsDetail };
    if (part.status !== 'read') {
        const detail: Detail = {
            kind: 'unreadable',
            part: 'FlexiPage',
            code: part.code,
            message: part.message ?? '',
        };
        return { ok: true, index: { ...base, bars: null, barsDetail: detail, omniSets: new Map() } };
    }
    const bars = new Map<string, boolean>();
    for (const bar of part.records) {
        bars.set(bar.Name.toLowerCase(), bar.ComponentNames.some(isOmniChannelUtility));
    }
    return { ok: true, index: { ...base, bars, barsDetail: null, omniSets: omniSetsOf(appSets, appById, bars) } };
}

/** Whether an app's utility bar is read and holds the Omni-Channel utility. */
function holdsUtility(bars: ReadonlyMap<string, boolean> | null, app: AppRecord): boolean {
    return isConsoleApp(app) && !!app.UtilityBar && bars?.get(app.UtilityBar.toLowerCase()) === true;
}

/** The permission sets that grant an app with the Omni-Channel utility, with those apps: O(sets' app rows). */
function omniSetsOf(
    sets: readonly PermissionSetAppRecord[],
    appById: ReadonlyMap<string, AppRecord | null>,
    bars: ReadonlyMap<string, boolean>
): Map<string, AppRecord[]> {
    const result = new Map<string, AppRecord[]>();
    for (const ps of sets) {
        for (const id of ps.AppIds) {
            const app = appById.get(id15(id));
            if (!app || !holdsUtility(bars, app)) continue;
            const list = result.get(ps.Label) ?? [];
            if (!list.includes(app)) list.push(app);
            result.set(ps.Label, list);
        }
    }
    return result;
}

/** Console apps with a utility bar: the only ones where the Omni-Channel utility can sit. */
export function consoleAppsWithBar(apps: readonly AppRecord[]): AppRecord[] {
    return apps.filter((a) => isConsoleApp(a) && a.UtilityBar);
}

export type OmniAppAnswer = 'yes' | 'no' | 'unknown';

/**
 * Why an answer is "cannot be checked" rather than "no": an app the reader cannot see granted by the profile
 * ('hidden') or by a permission set ('hiddenSet'), a console app with Omni-Channel pinned in its sidebar ('sidebar',
 * UNVERIFIED whether agents go online there, docs/org-verification.md row 76), or the permission sets' apps not read
 * ('setsUnread'). Null: the utility bars are not read (or nothing keeps the answer from being certain).
 */
export type AppUnknownWhy = 'hidden' | 'hiddenSet' | 'sidebar' | 'setsUnread' | null;

function sidebarIn(apps: readonly AppRecord[]): boolean {
    return apps.some((a) => isConsoleApp(a) && a.IsOmniPinnedViewEnabled === true);
}

/**
 * What keeps a profile's own answer from being a certain "no" although no bar read shows the utility: an app the
 * reader cannot see ('hidden'), or a console app with Omni-Channel pinned in its sidebar ('sidebar'). Null when
 * neither applies.
 */
export function cannotSeeWhy(index: AppIndex, profileId: SalesforceId): 'hidden' | 'sidebar' | null {
    if ((index.hiddenOf.get(profileId) ?? 0) > 0) return 'hidden';
    return sidebarIn(index.appsOf.get(profileId) ?? []) ? 'sidebar' : null;
}

/** Whether one of these apps has the Omni-Channel utility, `hidden` more apps being out of the reader's sight. */
function answerFor(index: AppIndex, apps: readonly AppRecord[], hidden: number): OmniAppAnswer {
    const candidates = consoleAppsWithBar(apps);
    const cannotSee = hidden > 0 || sidebarIn(apps);
    if (candidates.length === 0) return cannotSee ? 'unknown' : 'no';
    if (!index.bars) return 'unknown';
    let unknown = cannotSee;
    for (const app of candidates) {
        const holds = index.bars.get((app.UtilityBar as string).toLowerCase());
        if (holds === true) return 'yes';
        if (holds === undefined) unknown = true;
    }
    return unknown ? 'unknown' : 'no';
}

/**
 * Whether one of the profile's own console apps has the Omni-Channel utility. 'no' without the bars when the
 * profile has no console app with a utility bar; 'unknown' when a bar that could hold it is not read, or when the
 * profile has an app the reader cannot see or a console app with Omni-Channel in its sidebar (`cannotSeeWhy`).
 */
export function omniAppOf(index: AppIndex, profileId: SalesforceId): OmniAppAnswer {
    return answerFor(index, index.appsOf.get(profileId) ?? [], index.hiddenOf.get(profileId) ?? 0);
}

/** One user's answer: through the profile or the permission sets assigned to the user, and which sets give it. */
export interface UserAppAnswer {
    readonly answer: OmniAppAnswer;
    /** Labels of the user's permission sets that grant an app with the utility (empty when the profile gives it). */
    readonly sets: readonly string[];
    readonly why: AppUnknownWhy;
}

const PROFILE_YES: UserAppAnswer = { answer: 'yes', sets: [], why: null };

/**
 * A user's answer, counted as the platform grants apps: the profile's apps or any app of a permission set (or
 * group) assigned to the user. O(the user's apps): users without a set share their profile's answer.
 */
export function omniAppOfUser(index: AppIndex, profileId: SalesforceId, userId: SalesforceId): UserAppAnswer {
    return userAnswer(index, profileId, omniAppOf(index, profileId), userId);
}

/** `omniAppOfUser` with the profile's own answer already known (a profile's users share it). */
function userAnswer(index: AppIndex, profileId: SalesforceId, own: OmniAppAnswer, userId: SalesforceId): UserAppAnswer {
    if (own === 'yes') return PROFILE_YES;
    if (index.setsDetail)
        return { answer: 'unknown', sets: [], why: own === 'no' ? 'setsUnread' : cannotSeeWhy(index, profileId) };
    const grant = index.userGrants.get(profileId)?.get(userId);
    if (!grant) return { answer: own, sets: [], why: own === 'unknown' ? cannotSeeWhy(index, profileId) : null };
    const apps = [...(index.appsOf.get(profileId) ?? [])];
    const ownHidden = index.hiddenOf.get(profileId) ?? 0;
    let hidden = ownHidden;
    for (const id of grant.ids) {
        const app = index.appById.get(id);
        if (!app) hidden += 1;
        else if (!apps.includes(app)) apps.push(app);
    }
    const answer = answerFor(index, apps, hidden);
    if (answer === 'yes') {
        return { answer, sets: [...grant.sets].filter((label) => index.omniSets.has(label)).sort(), why: null };
    }
    const why: AppUnknownWhy =
        answer !== 'unknown'
            ? null
            : ownHidden > 0
              ? 'hidden'
              : hidden > 0
                ? 'hiddenSet'
                : sidebarIn(apps)
                  ? 'sidebar'
                  : null;
    return { answer, sets: [], why };
}

/** A profile's answer over its active users: how many have the utility (through the profile or their sets). */
export interface ProfileAppCoverage {
    readonly answer: OmniAppAnswer;
    /** Active users who have an app with the utility. */
    readonly usersWith: number;
    readonly users: number;
    /** Labels of the permission sets through which users have it (empty when the profile gives it). */
    readonly sets: readonly string[];
    readonly why: AppUnknownWhy;
}

/**
 * 'yes' when the profile's own apps give the utility or every active user has it through a set; 'no' when some
 * users certainly have it through neither ("N of M users"); 'unknown' otherwise. O(the profile's users with sets).
 */
export function profileAppCoverage(index: AppIndex, profile: ProfileRecord): ProfileAppCoverage {
    const users = profile.UserCount;
    const own = omniAppOf(index, profile.Id);
    if (own === 'yes') return { answer: 'yes', usersWith: users, users, sets: [], why: null };
    if (index.setsDetail) {
        const why = own === 'no' ? 'setsUnread' : cannotSeeWhy(index, profile.Id);
        return { answer: 'unknown', usersWith: 0, users, sets: [], why };
    }
    let withApp = 0;
    let unknown = 0;
    let why: AppUnknownWhy = own === 'unknown' ? cannotSeeWhy(index, profile.Id) : null;
    const sets = new Set<string>();
    for (const userId of index.userGrants.get(profile.Id)?.keys() ?? []) {
        const answer = userAnswer(index, profile.Id, own, userId);
        if (answer.answer === 'yes') {
            withApp += 1;
            for (const label of answer.sets) sets.add(label);
        } else if (answer.answer === 'unknown') {
            unknown += 1;
            why ??= answer.why;
        }
    }
    const setList = [...sets].sort();
    if (users > 0 && withApp >= users) return { answer: 'yes', usersWith: users, users, sets: setList, why: null };
    const without = users - withApp - unknown;
    const answer: OmniAppAnswer = own === 'no' && (without > 0 || users === 0) ? 'no' : 'unknown';
    return { answer, usersWith: withApp, users, sets: setList, why: answer === 'unknown' ? why : null };
}

/**
 * The guided steps for the profiles without the utility: edit an app they already have, a console app first, then
 * the one most of them share; profiles with no app at all are told to get one.
 */
function guidedSteps(failing: readonly ProfileRecord[], index: AppIndex): Detail[] {
    const steps: Detail[] = [];
    let uncovered = failing.filter((p) => (index.appsOf.get(p.Id) ?? []).length > 0);
    const without = failing.filter((p) => (index.appsOf.get(p.Id) ?? []).length === 0);
    while (uncovered.length > 0) {
        const coverage = new Map<AppRecord, number>();
        for (const p of uncovered) {
            for (const app of index.appsOf.get(p.Id) ?? []) coverage.set(app, (coverage.get(app) ?? 0) + 1);
        }
        const [best] = [...coverage.entries()].sort(
            ([a, ca], [b, cb]) =>
                Number(isConsoleApp(b)) - Number(isConsoleApp(a)) || cb - ca || a.Label.localeCompare(b.Label)
        )[0];
        const covered = uncovered.filter((p) => (index.appsOf.get(p.Id) ?? []).includes(best));
        uncovered = uncovered.filter((p) => !covered.includes(p));
        const params = { app: best.Label, profiles: covered.map((p) => p.Name).join(', ') };
        steps.push({
            kind: 'manualStep',
            step: isConsoleApp(best)
                ? reason('fix.agentApps.addUtility', params)
                : reason('fix.agentApps.makeConsole', params),
            url: APP_MANAGER_URL,
        });
    }
    if (without.length > 0) {
        steps.push({
            kind: 'manualStep',
            step: reason('fix.agentApps.assignApp', { profiles: without.map((p) => p.Name).join(', ') }),
            url: APP_MANAGER_URL,
        });
    }
    // A permission set that already grants an app with the utility: assigning it to the users without is the
    // other way (the platform counts an app from any assigned set, docs/org-verification.md row 76).
    if (index.omniSets.size > 0) {
        steps.push({
            kind: 'manualStep',
            step: reason('fix.agentApps.assignSet', {
                sets: [...index.omniSets.keys()].sort().join(', '),
                profiles: failing.map((p) => p.Name).join(', '),
            }),
            url: PERMISSION_SETS_URL,
        });
    }
    return steps;
}

export function agentAppsRule(env: RuleEnv, input: AgentAppsInput): ItemResult {
    const { deps } = input;
    const agents = agentProfiles(env);
    if (!agents.ok) return finish('agentApps', deps, unreadable(agents.detail));
    if (agents.profiles.length === 0) {
        return finish('agentApps', deps, {
            status: 'fail',
            reason: reason('item.agentApps.noAgentProfiles'),
            needs: ['agentProfiles'],
            noFixReason: reason('fix.needsChoices'),
        });
    }
    const indexed = appIndex(env.snapshot);
    if (!indexed.ok) {
        return finish(
            'agentApps',
            deps,
            indexed.detail
                ? unreadable(indexed.detail)
                : { status: 'unknown', reason: reason('item.agentApps.notChecked') }
        );
    }
    const { index } = indexed;
    const coverage = new Map(agents.profiles.map((profile) => [profile.Id, profileAppCoverage(index, profile)]));
    const of = (p: ProfileRecord): ProfileAppCoverage => coverage.get(p.Id) as ProfileAppCoverage;
    const failing = agents.profiles.filter((p) => of(p).answer === 'no');
    const unknown = agents.profiles.filter((p) => of(p).answer === 'unknown');
    const names = (profiles: readonly ProfileRecord[]): string => profiles.map((p) => p.Name).join(', ');
    if (failing.length > 0) {
        const details: Detail[] = failing.map((profile) => ({
            kind: 'profileWithoutOmniApp',
            profileId: profile.Id,
            profileName: profile.Name,
            consoleApps: consoleAppsWithBar(index.appsOf.get(profile.Id) ?? []).map((a) => a.Label),
            ...(of(profile).usersWith > 0
                ? { userCount: of(profile).users, usersWithApp: of(profile).usersWith, sets: of(profile).sets }
                : {}),
        }));
        details.push(...guidedSteps(failing, index));
        if (unknown.length > 0 && index.barsDetail) details.push(index.barsDetail);
        // Only some users have it through permission sets: "N of M users" per profile (the numbers read alike in
        // every language).
        const partly = failing.some((p) => of(p).usersWith > 0);
        return finish('agentApps', deps, {
            status: 'fail',
            reason: partly
                ? reason('item.agentApps.someUsers', {
                      count: failing.length,
                      profiles: failing.map((p) => `${p.Name} (${of(p).usersWith}/${of(p).users})`).join(', '),
                  })
                : reason('item.agentApps.missing', { count: failing.length, profiles: names(failing) }),
            details,
            needs: ['agentProfiles'],
            noFixReason: reason('fix.agentAppsManual'),
        });
    }
    const hidden = unknown.filter((p) => of(p).why === 'hidden' || of(p).why === 'hiddenSet');
    if (hidden.length > 0) {
        return finish('agentApps', deps, {
            status: 'unknown',
            reason: reason('item.agentApps.appsHidden', { count: hidden.length, profiles: names(hidden) }),
            details: index.barsDetail ? [index.barsDetail] : [],
        });
    }
    const setsUnread = unknown.filter((p) => of(p).why === 'setsUnread');
    if (setsUnread.length > 0 && index.setsDetail) {
        return finish('agentApps', deps, {
            status: 'unknown',
            reason: reason('item.agentApps.setsUnread', { count: setsUnread.length, profiles: names(setsUnread) }),
            details: [index.setsDetail],
        });
    }
    const sidebar = unknown.filter((p) => of(p).why === 'sidebar');
    if (sidebar.length > 0 && (index.bars || unknown.length === sidebar.length)) {
        return finish('agentApps', deps, {
            status: 'unknown',
            reason: reason('item.agentApps.sidebar', { profiles: names(sidebar) }),
            details: index.barsDetail ? [index.barsDetail] : [],
        });
    }
    if (unknown.length > 0) {
        // Not read yet (the on-demand read needs the API connection), or the read failed.
        const notRead = index.barsDetail?.kind === 'unreadable' && index.barsDetail.code === 'notRead';
        return finish('agentApps', deps, {
            status: 'unknown',
            reason: index.bars
                ? reason('item.agentApps.barsIncomplete', { profiles: names(unknown) })
                : notRead
                  ? reason('item.agentApps.barsNotRead', { count: unknown.length })
                  : reason('item.unreadable'),
            details: index.barsDetail ? [index.barsDetail] : [],
            noFixReason: notRead ? reason('fix.agentAppsReadBars') : undefined,
        });
    }
    const used = new Map<string, AppRecord>();
    for (const profile of agents.profiles) {
        const given = [
            ...(index.appsOf.get(profile.Id) ?? []),
            ...of(profile).sets.flatMap((label) => index.omniSets.get(label) ?? []),
        ];
        for (const app of given) {
            if (holdsUtility(index.bars, app)) used.set(appKey(app.NamespacePrefix, app.DeveloperName), app);
        }
    }
    const apps = [...used.values()].sort((a, b) => a.Label.localeCompare(b.Label));
    return finish('agentApps', deps, {
        status: 'pass',
        reason: reason('item.agentApps.ok', {
            count: agents.profiles.length,
            apps: apps.map((a) => a.Label).join(', '),
        }),
        details: apps.map((app) => ({
            kind: 'record',
            role: 'app',
            developerName: app.DeveloperName,
            label: app.Label,
        })),
        needs: ['agentProfiles'],
    });
}
