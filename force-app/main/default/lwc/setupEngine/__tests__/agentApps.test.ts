/**
 * Item 14: each agent profile has a console app whose utility bar holds the Omni-Channel utility. A guided step
 * (App Manager), never an operation.
 */
import {
    evaluate,
    plan,
    type AppRecord,
    type ChecklistItem,
    type OrgSnapshot,
    type PermissionSetAssigneeRecord,
} from '../setupEngine';
import { APP_MANAGER_URL, isOmniChannelUtility, OMNI_CHANNEL_UTILITY } from '../facts';
import { choices, fullySetUpOrg, omniDisabledOrg, partlySetUpOrg, PROFILE, read, sharedOmniOrg } from './fixtures';
import { appsByApplicationId, id15 } from '../ruleAgentApps';
import {
    access,
    APP_SETS,
    appSet,
    APP_ACCESS_IDS,
    APP_PROFILE_IDS,
    APPS,
    appsWithOmni,
    MENU_ITEMS,
    UTILITY_BARS,
} from '../../../../../../samples/apps';

function agentApps(s: OrgSnapshot): ChecklistItem {
    return evaluate(s).find((i) => i.id === 'agentApps') as ChecklistItem;
}

function withAccess(s: OrgSnapshot, rows: [string, AppRecord | 'hidden'][]): OrgSnapshot {
    return { ...s, appAccess: read(rows.map(([profileId, app]) => access(profileId, app))) };
}

describe('item 14: the agents have Omni-Channel in their app', () => {
    it('passes when every agent profile has a console app with the utility, naming the apps', () => {
        const i = agentApps(fullySetUpOrg());
        expect(i.status).toBe('pass');
        expect(i.reason).toEqual({ key: 'item.agentApps.ok', params: { count: 2, apps: 'Service Console' } });
        expect(i.details).toEqual([
            { kind: 'record', role: 'app', developerName: 'LightningService', label: 'Service Console' },
        ]);
    });

    it('fails naming the profiles without it, with a guided step to edit an app they have, never an operation', () => {
        const s = partlySetUpOrg();
        const i = agentApps(s);
        expect(i.status).toBe('fail');
        expect(i.reason).toEqual({ key: 'item.agentApps.missing', params: { count: 1, profiles: 'SimplyChat Agent' } });
        expect(i.details).toEqual([
            {
                kind: 'profileWithoutOmniApp',
                profileId: PROFILE.agent.Id,
                profileName: 'SimplyChat Agent',
                consoleApps: ['Simply Chat'],
            },
            {
                kind: 'manualStep',
                step: {
                    key: 'fix.agentApps.addUtility',
                    params: { app: 'Simply Chat', profiles: 'SimplyChat Agent' },
                },
                url: '/lightning/setup/NavigationMenus/home',
            },
        ]);
        expect(i.fix).toEqual({ available: false, reason: { key: 'fix.agentAppsManual', params: {} } });
        expect(plan(s, ['agentApps'])).toEqual([]);
        expect(plan(s, 'all').filter((op) => op.itemId === 'agentApps')).toEqual([]);
    });

    it('is unknown until the utility bars are read, saying they are read through the API connection', () => {
        const i = agentApps(sharedOmniOrg());
        expect(i.status).toBe('unknown');
        expect(i.reason).toEqual({ key: 'item.agentApps.barsNotRead', params: { count: 2 } });
        expect(i.details).toEqual([{ kind: 'unreadable', part: 'FlexiPage', code: 'notRead', message: '' }]);
        expect(i.fix).toEqual({ available: false, reason: { key: 'fix.agentAppsReadBars', params: {} } });
    });

    it('is unknown with the failure when the utility bars could not be read (not the on-demand wording)', () => {
        const s = {
            ...fullySetUpOrg(),
            utilityBars: { status: 'unavailable', code: 'queryFailed', message: 'INVALID_SESSION_ID' },
        } as const;
        const i = agentApps(s);
        expect(i.status).toBe('unknown');
        expect(i.reason.key).toBe('item.unreadable');
        expect(i.details).toEqual([
            { kind: 'unreadable', part: 'FlexiPage', code: 'queryFailed', message: 'INVALID_SESSION_ID' },
        ]);
        expect(i.fix).toEqual({ available: false, reason: { key: 'fix.unknown', params: {} } });
    });

    it('fails without the bars when no agent profile has a console app with a utility bar', () => {
        const s = withAccess({ ...fullySetUpOrg(), utilityBars: { status: 'unavailable', code: 'notRead' } }, [
            [PROFILE.agent.Id, APPS.sales],
        ]);
        const i = agentApps(s);
        expect(i.status).toBe('fail');
        expect(i.reason.params).toEqual({ count: 2, profiles: 'SimplyChat Agent, Support' });
        // A standard app they have: make it a console app; a profile with no app: assign one.
        expect(i.details.filter((d) => d.kind === 'manualStep')).toEqual([
            {
                kind: 'manualStep',
                step: { key: 'fix.agentApps.makeConsole', params: { app: 'Sales', profiles: 'SimplyChat Agent' } },
                url: APP_MANAGER_URL,
            },
            {
                kind: 'manualStep',
                step: { key: 'fix.agentApps.assignApp', params: { profiles: 'Support' } },
                url: APP_MANAGER_URL,
            },
        ]);
    });

    it('fails for the profiles known to lack it even while other bars are not read, and says what is unread', () => {
        const s = withAccess({ ...fullySetUpOrg(), utilityBars: { status: 'unavailable', code: 'notRead' } }, [
            [PROFILE.agent.Id, APPS.serviceConsole],
            [PROFILE.support.Id, APPS.sales],
        ]);
        const i = agentApps(s);
        expect(i.status).toBe('fail');
        expect(i.reason.params).toEqual({ count: 1, profiles: 'Support' });
        expect(i.details).toContainEqual({ kind: 'unreadable', part: 'FlexiPage', code: 'notRead', message: '' });
    });

    it('prefers a console app in the guided step, then the app most of the profiles share', () => {
        const other: AppRecord = {
            ...APPS.simplyChat,
            DurableId: '06m5g00000OtherAAB',
            DeveloperName: 'Other',
            Label: 'Other Console',
        };
        const s = withAccess(
            {
                ...fullySetUpOrg(),
                apps: read([APPS.serviceConsole, APPS.simplyChat, APPS.sales, other]),
                appMenuItems: read([
                    ...Object.values(MENU_ITEMS),
                    { ApplicationId: '02u5g00000Other', Name: 'Other', NamespacePrefix: 'WINP' },
                ]),
            },
            [
                [PROFILE.agent.Id, APPS.sales],
                [PROFILE.support.Id, APPS.sales],
                [PROFILE.support.Id, APPS.simplyChat],
            ]
        );
        const withOther: OrgSnapshot = {
            ...s,
            appAccess: read([
                ...(s.appAccess?.status === 'read' ? s.appAccess.records : []),
                { ProfileId: PROFILE.agent.Id, SetupEntityId: '02u5g00000OtherAAB' },
            ]),
        };
        const steps = agentApps(withOther).details.flatMap((d) => (d.kind === 'manualStep' ? [d.step.params] : []));
        expect(steps).toEqual([
            { app: 'Other Console', profiles: 'SimplyChat Agent' },
            { app: 'Simply Chat', profiles: 'Support' },
        ]);
    });

    it('names no guided step for an app only known by a wrong Id', () => {
        const s = withAccess({ ...fullySetUpOrg(), apps: read([APPS.serviceConsole, APPS.simplyChat, APPS.sales]) }, [
            [PROFILE.agent.Id, APPS.sales],
            [PROFILE.support.Id, APPS.sales],
            [PROFILE.support.Id, APPS.simplyChat],
        ]);
        const steps = agentApps(s).details.flatMap((d) => (d.kind === 'manualStep' ? [d.step.params] : []));
        expect(steps).toEqual([
            { app: 'Simply Chat', profiles: 'Support' },
            { app: 'Sales', profiles: 'SimplyChat Agent' },
        ]);
    });

    it('joins access rows to apps by the 02u… Id of AppMenuItem, never by AppDefinition.DurableId (06m…)', () => {
        const s = fullySetUpOrg();
        expect(agentApps(s).status).toBe('pass');
        // Access rows that carry the 06m… DurableId (the old, wrong join) name no app the profile has.
        const wrongJoin: OrgSnapshot = {
            ...s,
            appAccess: read([
                { ProfileId: PROFILE.agent.Id, SetupEntityId: APPS.serviceConsole.DurableId },
                { ProfileId: PROFILE.support.Id, SetupEntityId: APPS.serviceConsole.DurableId },
            ]),
        };
        expect(agentApps(wrongJoin).status).not.toBe('pass');
        // Without the menu items the join cannot be made: not checked, never "no app".
        expect(agentApps({ ...s, appMenuItems: undefined }).reason.key).toBe('item.agentApps.notChecked');
        expect(agentApps({ ...s, appMenuItems: { status: 'unavailable', code: 'noAccess' } }).details).toEqual([
            { kind: 'unreadable', part: 'AppMenuItem', code: 'noAccess', message: '' },
        ]);
    });

    it('compares the 15-character AppMenuItem Id with the 18-character access Id, case-sensitively', () => {
        const joined = appsByApplicationId([APPS.serviceConsole, APPS.sales], Object.values(MENU_ITEMS));
        expect(joined.get(id15(APP_ACCESS_IDS.serviceConsole))).toBe(APPS.serviceConsole);
        expect(joined.get(id15(APP_ACCESS_IDS.sales))).toBe(APPS.sales);
        // An app AppDefinition did not return: known by Id, not visible.
        expect(joined.get(id15(APP_ACCESS_IDS.hidden))).toBeNull();
        expect(joined.get(id15(APP_ACCESS_IDS.serviceConsole.toLowerCase()))).toBeUndefined();
        // Joined on namespace and developer name, case-insensitively.
        const lower = appsByApplicationId(
            [{ ...APPS.sales, DeveloperName: 'lightningsales', NamespacePrefix: 'Standard' }],
            [MENU_ITEMS.sales]
        );
        expect(lower.get(MENU_ITEMS.sales.ApplicationId)?.Label).toBe('Sales');
        const otherNamespace = appsByApplicationId([{ ...APPS.sales, NamespacePrefix: 'WINP' }], [MENU_ITEMS.sales]);
        expect(otherNamespace.get(MENU_ITEMS.sales.ApplicationId)).toBeNull();
    });

    it('cannot check a profile with an app the admin cannot access (AppDefinition does not return it)', () => {
        const s = withAccess(fullySetUpOrg(), [
            [PROFILE.agent.Id, APPS.serviceConsole],
            [PROFILE.support.Id, APPS.sales],
            [PROFILE.support.Id, 'hidden'],
        ]);
        const i = agentApps(s);
        expect(i.status).toBe('unknown');
        expect(i.reason).toEqual({ key: 'item.agentApps.appsHidden', params: { count: 1, profiles: 'Support' } });
        // Without the hidden app the same profile is a certain "no".
        const without = withAccess(fullySetUpOrg(), [
            [PROFILE.agent.Id, APPS.serviceConsole],
            [PROFILE.support.Id, APPS.sales],
        ]);
        expect(agentApps(without).status).toBe('fail');
        // A visible app with the utility still decides "yes" whatever else is hidden.
        const alsoVisible = withAccess(fullySetUpOrg(), [
            [PROFILE.agent.Id, APPS.serviceConsole],
            [PROFILE.support.Id, APPS.serviceConsole],
            [PROFILE.support.Id, 'hidden'],
        ]);
        expect(agentApps(alsoVisible).status).toBe('pass');
    });

    it('cannot check a console app with Omni-Channel pinned in its sidebar (unverified), never "no"', () => {
        const pinned: AppRecord = { ...APPS.simplyChat, IsOmniPinnedViewEnabled: true };
        const s = withAccess({ ...fullySetUpOrg(), apps: read([APPS.serviceConsole, pinned, APPS.sales]) }, [
            [PROFILE.agent.Id, pinned],
            [PROFILE.support.Id, APPS.serviceConsole],
        ]);
        const i = agentApps(s);
        expect(i.status).toBe('unknown');
        expect(i.reason).toEqual({ key: 'item.agentApps.sidebar', params: { profiles: 'SimplyChat Agent' } });
        const notPinned = withAccess(fullySetUpOrg(), [
            [PROFILE.agent.Id, APPS.simplyChat],
            [PROFILE.support.Id, APPS.serviceConsole],
        ]);
        expect(agentApps(notPinned).status).toBe('fail');
    });

    it('is unknown when a bar an app names was not among those read', () => {
        const s = { ...fullySetUpOrg(), utilityBars: read([UTILITY_BARS.withoutOmni]) };
        const i = agentApps(s);
        expect(i.status).toBe('unknown');
        expect(i.reason).toEqual({
            key: 'item.agentApps.barsIncomplete',
            params: { profiles: 'SimplyChat Agent, Support' },
        });
    });

    it('is unknown when the apps cannot be read, and not checked with a reader that does not read them', () => {
        const unread = agentApps({ ...fullySetUpOrg(), appAccess: { status: 'unavailable', code: 'noAccess' } });
        expect(unread.status).toBe('unknown');
        expect(unread.reason.key).toBe('item.unreadable');
        expect(unread.details).toEqual([
            { kind: 'unreadable', part: 'SetupEntityAccess', code: 'noAccess', message: '' },
        ]);
        expect(agentApps({ ...fullySetUpOrg(), apps: undefined }).reason.key).toBe('item.agentApps.notChecked');
    });

    it('asks for the agent profiles first', () => {
        const i = agentApps({ ...fullySetUpOrg(), choices: choices({ agentProfileIds: [] }) });
        expect(i.status).toBe('fail');
        expect(i.reason.key).toBe('item.agentApps.noAgentProfiles');
        expect(i.needs).toEqual(['agentProfiles']);
    });

    it('is blocked while Omni-Channel is off', () => {
        const i = agentApps({ ...omniDisabledOrg(), ...appsWithOmni() });
        expect(i.status).toBe('blocked');
        expect(i.blockedBy).toEqual(['omniChannel']);
    });
});

/** The n-th active user of a profile, as a permission set assignment names the assignee (005…). */
function assignee(profileId: string, n: number): PermissionSetAssigneeRecord {
    return { AssigneeId: `0055g0${profileId.slice(5, 10)}${String(n).padStart(6, '0')}A`, ProfileId: profileId };
}

function users(profileId: string, count: number): PermissionSetAssigneeRecord[] {
    return Array.from({ length: count }, (_, n) => assignee(profileId, n));
}

describe('item 14: apps given through permission sets assigned to the agents', () => {
    // The partly set up org: SimplyChat Agent (25 users) has only the Simply Chat console, whose bar lacks the utility.
    const AGENT_USERS = PROFILE.agent.UserCount;

    it('passes when a set with a console app holding the utility is assigned to every user of the profile', () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            appPermissionSets: read([
                appSet(APP_SETS.omniConsole, [APPS.serviceConsole], users(PROFILE.agent.Id, AGENT_USERS)),
            ]),
        };
        const i = agentApps(s);
        expect(i.status).toBe('pass');
        expect(i.reason).toEqual({ key: 'item.agentApps.ok', params: { count: 2, apps: 'Service Console' } });
    });

    it('counts a permission set group through its own set, like a plain set', () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            appPermissionSets: read([
                appSet(APP_SETS.serviceGroup, [APPS.serviceConsole], users(PROFILE.agent.Id, AGENT_USERS)),
            ]),
        };
        expect(agentApps(s).status).toBe('pass');
    });

    it('fails with "N of M users" per profile when the set is assigned to some users only, naming the set', () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            appPermissionSets: read([
                appSet(APP_SETS.omniConsole, [APPS.serviceConsole], users(PROFILE.agent.Id, 10)),
                // A set without an app holding the utility counts for nobody.
                appSet(APP_SETS.serviceGroup, [APPS.sales], users(PROFILE.agent.Id, AGENT_USERS)),
            ]),
        };
        const i = agentApps(s);
        expect(i.status).toBe('fail');
        expect(i.reason).toEqual({
            key: 'item.agentApps.someUsers',
            params: { count: 1, profiles: `SimplyChat Agent (10/${AGENT_USERS})` },
        });
        expect(i.details[0]).toEqual({
            kind: 'profileWithoutOmniApp',
            profileId: PROFILE.agent.Id,
            profileName: 'SimplyChat Agent',
            consoleApps: ['Simply Chat'],
            userCount: AGENT_USERS,
            usersWithApp: 10,
            sets: ['Omni Console Access'],
        });
        // The other way to give it: assign the set that has the app (Setup > Permission Sets).
        expect(i.details).toContainEqual({
            kind: 'manualStep',
            step: {
                key: 'fix.agentApps.assignSet',
                params: { sets: 'Omni Console Access', profiles: 'SimplyChat Agent' },
            },
            url: '/lightning/setup/PermSets/home',
        });
        expect(plan(s, ['agentApps'])).toEqual([]);
    });

    it('counts a user once whatever number of sets give the app, and only users of the agent profile', () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            appPermissionSets: read([
                appSet(APP_SETS.omniConsole, [APPS.serviceConsole], users(PROFILE.agent.Id, 10)),
                appSet(
                    APP_SETS.serviceGroup,
                    [APPS.serviceConsole],
                    [...users(PROFILE.agent.Id, 12), ...users(PROFILE.sales.Id, 30)]
                ),
            ]),
        };
        expect(agentApps(s).reason.params.profiles).toBe(`SimplyChat Agent (12/${AGENT_USERS})`);
    });

    it('is unknown, never "no", when the sets could not be read (a full read), and a profile with the app passes', () => {
        const capped: OrgSnapshot = {
            ...partlySetUpOrg(),
            appPermissionSets: {
                status: 'unavailable',
                code: 'queryFailed',
                message: 'More than 10000 rows of app access: not read',
            },
        };
        const i = agentApps(capped);
        expect(i.status).toBe('unknown');
        expect(i.reason).toEqual({
            key: 'item.agentApps.setsUnread',
            params: { count: 1, profiles: 'SimplyChat Agent' },
        });
        expect(i.details).toEqual([
            {
                kind: 'unreadable',
                part: 'PermissionSet',
                code: 'queryFailed',
                message: 'More than 10000 rows of app access: not read',
            },
        ]);
        // Every profile has it through its own access: what the sets grant does not matter.
        expect(agentApps({ ...fullySetUpOrg(), appPermissionSets: capped.appPermissionSets }).status).toBe('pass');
    });

    it('cannot check a user whose set gives an app the admin cannot access', () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            appPermissionSets: read([appSet(APP_SETS.omniConsole, ['hidden'], users(PROFILE.agent.Id, AGENT_USERS))]),
        };
        const i = agentApps(s);
        expect(i.status).toBe('unknown');
        expect(i.reason.key).toBe('item.agentApps.appsHidden');
    });

    it('reads an older snapshot without the part as before: no set gives an app', () => {
        const s = partlySetUpOrg();
        expect(s.appPermissionSets).toBeUndefined();
        expect(agentApps(s).reason.key).toBe('item.agentApps.missing');
    });
});

describe('samples/apps.ts', () => {
    it('uses the profile Ids of the sample orgs', () => {
        expect(APP_PROFILE_IDS).toEqual({
            agent: PROFILE.agent.Id,
            support: PROFILE.support.Id,
            sales: PROFILE.sales.Id,
        });
    });
});

describe('isOmniChannelUtility (UNVERIFIED fact, docs/org-verification.md row 75)', () => {
    it('recognises the Omni-Channel utility by its component name, ignoring case and spaces', () => {
        expect(isOmniChannelUtility(OMNI_CHANNEL_UTILITY)).toBe(true);
        expect(isOmniChannelUtility(' Runtime_Service_Omnichannel:OmniWidget ')).toBe(true);
        expect(isOmniChannelUtility('forceSearch:historyUtilityItem')).toBe(false);
        expect(isOmniChannelUtility('c:omniWidget')).toBe(false);
    });
});
