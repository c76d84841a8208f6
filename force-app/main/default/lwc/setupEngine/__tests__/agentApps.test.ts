/**
 * Item 14: each agent profile has a console app whose utility bar holds the Omni-Channel utility. A guided step
 * (App Manager), never an operation.
 */
import { evaluate, plan, type AppRecord, type ChecklistItem, type OrgSnapshot } from '../setupEngine';
import { APP_MANAGER_URL, isOmniChannelUtility, OMNI_CHANNEL_UTILITY } from '../facts';
import { choices, fullySetUpOrg, omniDisabledOrg, partlySetUpOrg, PROFILE, read, sharedOmniOrg } from './fixtures';
import { APP_PROFILE_IDS, APPS, appsWithOmni, UTILITY_BARS } from '../../../../../../samples/apps';

function agentApps(s: OrgSnapshot): ChecklistItem {
    return evaluate(s).find((i) => i.id === 'agentApps') as ChecklistItem;
}

function withAccess(s: OrgSnapshot, rows: [string, AppRecord][]): OrgSnapshot {
    return { ...s, appAccess: read(rows.map(([ProfileId, app]) => ({ ProfileId, SetupEntityId: app.DurableId }))) };
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
        const other: AppRecord = { ...APPS.simplyChat, DurableId: '02u5g00000OtherAAA', Label: 'Other Console' };
        const s = withAccess(
            {
                ...fullySetUpOrg(),
                apps: read([APPS.serviceConsole, APPS.simplyChat, APPS.sales, other]),
            },
            [
                [PROFILE.agent.Id, APPS.sales],
                [PROFILE.agent.Id, other],
                [PROFILE.support.Id, APPS.sales],
                [PROFILE.support.Id, APPS.simplyChat],
            ]
        );
        const steps = agentApps(s).details.flatMap((d) => (d.kind === 'manualStep' ? [d.step.params] : []));
        expect(steps).toEqual([
            { app: 'Other Console', profiles: 'SimplyChat Agent' },
            { app: 'Simply Chat', profiles: 'Support' },
        ]);
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
