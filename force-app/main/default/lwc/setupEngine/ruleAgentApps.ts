/**
 * Item 14: each agent profile has a Lightning console app whose utility bar holds the Omni-Channel utility (agents
 * go online there). Reads the apps (AppDefinition, joined to AppMenuItem for the 02u… Id access rows carry), the
 * agent profiles' app access (SetupEntityAccess of type TabSet) and the utility bars' content (FlexiPage, read on demand through the API connection). The fix is a guided
 * step in App Manager, never an operation: the admin's apps are not changed automatically.
 *
 * `appIndex` and `omniAppOf` answer the same question per profile for the Agents view (agents.ts).
 */
import { APP_MANAGER_URL, isConsoleApp, isOmniChannelUtility } from './facts';
import { agentProfiles } from './ruleAgents';
import { finish, read, unreadable, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';
import type { AppMenuItemRecord, AppRecord, Detail, OrgSnapshot, ProfileRecord, SalesforceId } from './types';

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

/** Builds the index once per snapshot: O(apps + access rows + bar items). */
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
    const part = snapshot.utilityBars ?? { status: 'unavailable', code: 'notRead' };
    if (part.status !== 'read') {
        const detail: Detail = {
            kind: 'unreadable',
            part: 'FlexiPage',
            code: part.code,
            message: part.message ?? '',
        };
        return { ok: true, index: { appsOf, bars: null, barsDetail: detail, hiddenOf } };
    }
    const bars = new Map<string, boolean>();
    for (const bar of part.records) {
        bars.set(bar.Name.toLowerCase(), bar.ComponentNames.some(isOmniChannelUtility));
    }
    return { ok: true, index: { appsOf, bars, barsDetail: null, hiddenOf } };
}

/** Console apps with a utility bar: the only ones where the Omni-Channel utility can sit. */
export function consoleAppsWithBar(apps: readonly AppRecord[]): AppRecord[] {
    return apps.filter((a) => isConsoleApp(a) && a.UtilityBar);
}

export type OmniAppAnswer = 'yes' | 'no' | 'unknown';

/**
 * What keeps a profile's answer from being a certain "no" although no bar read shows the utility: an app the reader
 * cannot see ('hidden'), or a console app with Omni-Channel pinned in its sidebar ('sidebar', UNVERIFIED whether
 * agents go online there, docs/org-verification.md row 76). Null when neither applies.
 */
export function cannotSeeWhy(index: AppIndex, profileId: SalesforceId): 'hidden' | 'sidebar' | null {
    if ((index.hiddenOf.get(profileId) ?? 0) > 0) return 'hidden';
    const apps = index.appsOf.get(profileId) ?? [];
    return apps.some((a) => isConsoleApp(a) && a.IsOmniPinnedViewEnabled === true) ? 'sidebar' : null;
}

/**
 * Whether one of the profile's console apps has the Omni-Channel utility. 'no' without the bars when the profile
 * has no console app with a utility bar; 'unknown' when a bar that could hold it is not read, or when the profile
 * has an app the reader cannot see or a console app with Omni-Channel in its sidebar (`cannotSeeWhy`).
 */
export function omniAppOf(index: AppIndex, profileId: SalesforceId): OmniAppAnswer {
    const candidates = consoleAppsWithBar(index.appsOf.get(profileId) ?? []);
    const cannotSee = cannotSeeWhy(index, profileId) !== null;
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
    const answers = agents.profiles.map((profile) => ({ profile, answer: omniAppOf(index, profile.Id) }));
    const failing = answers.filter((a) => a.answer === 'no').map((a) => a.profile);
    const unknown = answers.filter((a) => a.answer === 'unknown').map((a) => a.profile);
    const names = (profiles: readonly ProfileRecord[]): string => profiles.map((p) => p.Name).join(', ');
    if (failing.length > 0) {
        const details: Detail[] = failing.map((profile) => ({
            kind: 'profileWithoutOmniApp',
            profileId: profile.Id,
            profileName: profile.Name,
            consoleApps: consoleAppsWithBar(index.appsOf.get(profile.Id) ?? []).map((a) => a.Label),
        }));
        details.push(...guidedSteps(failing, index));
        if (unknown.length > 0 && index.barsDetail) details.push(index.barsDetail);
        return finish('agentApps', deps, {
            status: 'fail',
            reason: reason('item.agentApps.missing', { count: failing.length, profiles: names(failing) }),
            details,
            needs: ['agentProfiles'],
            noFixReason: reason('fix.agentAppsManual'),
        });
    }
    const hidden = unknown.filter((p) => cannotSeeWhy(index, p.Id) === 'hidden');
    if (hidden.length > 0) {
        return finish('agentApps', deps, {
            status: 'unknown',
            reason: reason('item.agentApps.appsHidden', { count: hidden.length, profiles: names(hidden) }),
            details: index.barsDetail ? [index.barsDetail] : [],
        });
    }
    const sidebar = unknown.filter((p) => cannotSeeWhy(index, p.Id) === 'sidebar');
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
        for (const app of consoleAppsWithBar(index.appsOf.get(profile.Id) ?? [])) {
            if (index.bars?.get((app.UtilityBar as string).toLowerCase()))
                used.set(appKey(app.NamespacePrefix, app.DeveloperName), app);
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
