import { evaluate, plan, simulate, type OrgSnapshot } from 'c/setupEngine';
import { format, formatNumber, formatTime, reasonText, withLocale } from 'c/setupText';
import { DETAIL_LIMIT, detailText, pageView, report, rowReasonText, setupLink, uiText } from 'c/checklistView';
import { fullySetUpOrg, NO_PERMISSIONS, omniOrg, partlySetUpOrg } from '../../setupEngine/__tests__/fixtures';
import { manyProfilesOrg } from '../../../../../../samples/scenarios';
import { sharedRoutingOrg } from '../../../../../../samples/orgs';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

const EN = withLocale(ENGLISH, 'en-US');
const KO = withLocale(KOREAN, 'ko-KR');

describe('labels and formatting', () => {
    it('fills parameters and shows a missing key as itself', () => {
        expect(format(ENGLISH, 'ui.progress', { ready: 7, total: 12 })).toBe('7 of 12 ready');
        expect(format(KOREAN, 'ui.progress', { ready: 7, total: 12 })).toBe('12개 중 7개 완료');
        expect(format(ENGLISH, 'no.such.key')).toBe('no.such.key');
        expect(format(ENGLISH, 'ui.result.success', {})).toBe('All {count} changes were made.');
    });

    it('names blocking items by their titles', () => {
        expect(reasonText(ENGLISH, { key: 'item.blocked', params: { items: 'omniChannel,routingConfig' } })).toBe(
            'Waiting for: Omni-Channel, Routing configuration'
        );
        expect(reasonText(KOREAN, { key: 'fix.blocked', params: { items: 'serviceChannel' } })).toBe(
            '먼저 SimplyChat 서비스 채널을 수정하세요.'
        );
    });

    it('describes every kind of detail', () => {
        const t = (d: Parameters<typeof detailText>[1]) => detailText(ENGLISH, d);
        expect(t({ kind: 'record', role: 'queue', developerName: 'Chat_Queue', label: 'Chat Queue' })).toBe(
            'Uses Chat Queue (Chat_Queue)'
        );
        expect(t({ kind: 'fieldMismatch', field: 'RoutingPriority', expected: '1', actual: '2' })).toBe(
            'RoutingPriority is 2; the guide says 1'
        );
        expect(t({ kind: 'fieldMismatch', field: 'CapacityPercentage', expected: '', actual: '100' })).toBe(
            'CapacityPercentage is 100; the guide says —'
        );
        expect(t({ kind: 'missingPermission', permission: 'modifyMetadata' })).toBe(
            'Missing permission: Modify Metadata Through Metadata API Functions'
        );
        expect(t({ kind: 'profileUnassigned', profileId: 'x', profileName: 'Support' })).toBe(
            'Support has no presence configuration'
        );
        expect(
            t({
                kind: 'profileInOtherConfig',
                profileId: 'x',
                profileName: 'Support',
                configId: 'y',
                configName: 'Sales',
                willMove: false,
                otherProfiles: [],
                otherUserCount: 0,
            })
        ).toBe('Support is in the presence configuration Sales');
        expect(
            t({
                kind: 'profileInOtherConfig',
                profileId: 'x',
                profileName: 'Support',
                configId: 'y',
                configName: 'Sales',
                willMove: true,
                otherProfiles: [],
                otherUserCount: 0,
            })
        ).toBe('Support will move from Sales');
        expect(
            t({
                kind: 'profileInOtherConfig',
                profileId: 'x',
                profileName: 'Support',
                configId: 'y',
                configName: 'Sales Chat',
                willMove: false,
                otherProfiles: ['Sales'],
                otherUserCount: 43,
            })
        ).toBe('Support is in the presence configuration Sales Chat Also used by: Sales (43 users).');
        expect(
            t({
                kind: 'profileOnDefaultConfig',
                profileId: 'x',
                profileName: 'Agents',
                configName: 'Default Presence Configuration',
                capacity: 5,
            })
        ).toBe('Agents is on the Default Presence Configuration (capacity 5)');
        expect(
            t({
                kind: 'usersInOtherConfig',
                profileId: 'x',
                profileName: 'Agents',
                configId: 'y',
                configName: 'Sales Chat',
                userCount: 2,
                firstUserName: 'Kim Minji',
                willMove: false,
            })
        ).toBe('2 users of Agents (Kim Minji, …) are assigned directly to Sales Chat');
        expect(t({ kind: 'statusGetsChannel', developerName: 'Available_for_Chat', label: 'Online' })).toBe(
            'Online (Available_for_Chat) will carry SimplyChat too; its other channels stay'
        );
        expect(
            t({
                kind: 'accessThroughPermissionSets',
                profileId: 'x',
                profileName: 'Agents',
                permissionSets: ['Omni Agents'],
                userCount: 25,
            })
        ).toBe('All 25 users of Agents have the statuses through Omni Agents');
        expect(
            t({
                kind: 'profileMissingAccess',
                profileId: 'x',
                profileName: 'Support',
                missingStatuses: ['A', 'B'],
                usersWithout: 3,
            })
        ).toBe('Support cannot use A, B');
        expect(
            t({ kind: 'profileWithoutOmniApp', profileId: 'x', profileName: 'Support', consoleApps: ['Simply Chat'] })
        ).toBe('Support: no console app with the Omni-Channel utility (console apps with a utility bar: Simply Chat)');
        expect(t({ kind: 'profileWithoutOmniApp', profileId: 'x', profileName: 'Support', consoleApps: [] })).toBe(
            'Support: no console app with the Omni-Channel utility (console apps with a utility bar: —)'
        );
        // Some users have it through permission sets: "N of M users".
        expect(
            t({
                kind: 'profileWithoutOmniApp',
                profileId: 'x',
                profileName: 'Support',
                consoleApps: ['Simply Chat'],
                userCount: 12,
                usersWithApp: 5,
                sets: ['Omni Console Access'],
            })
        ).toBe(
            'Support: 5 of 12 users have a console app with the Omni-Channel utility through permission sets (Omni Console Access); the others have none (console apps of the profile with a utility bar: Simply Chat)'
        );
        expect(t({ kind: 'settingValue', field: 'Server URL', expected: 'https://x', actual: '' })).toBe(
            'Server URL: https://x'
        );
        expect(t({ kind: 'unreadable', part: 'SetupEntityAccess', code: 'noAccess', message: 'denied' })).toBe(
            'SetupEntityAccess could not be read (noAccess) denied'
        );
        expect(
            t({ kind: 'profileNotInQueue', profileId: 'x', profileName: 'Support', userCount: 12, memberCount: 4 })
        ).toBe('8 of the 12 users of Support are not members');
        expect(
            t({ kind: 'profileNotInQueue', profileId: 'x', profileName: 'Support', userCount: 12, memberCount: 11 })
        ).toBe('1 of the 12 users of Support is not a member');
        expect(
            detailText(KOREAN, {
                kind: 'profileNotInQueue',
                profileId: 'x',
                profileName: 'Support',
                userCount: 12,
                memberCount: 4,
            })
        ).toBe('Support 프로필 사용자 12명 중 8명이 구성원이 아닙니다');
        expect(t({ kind: 'unresolvedQueueMember', groupId: 'g', name: 'Managers', groupType: 'Manager' })).toBe(
            'The members of Managers (Manager) could not be resolved'
        );
        expect(detailText(ENGLISH, { kind: 'other' } as unknown as Parameters<typeof detailText>[1])).toBe('');
    });

    it('gives the page its fixed strings', () => {
        expect(uiText(ENGLISH).fixAll).toBe('Fix all');
        expect(uiText(KOREAN).fixAll).toBe('모두 해결');
    });
});

describe('pageView', () => {
    it('counts ready items and makes one row per item, in English', () => {
        const view = pageView(ENGLISH, partlySetUpOrg());
        expect(view.total).toBe(14);
        expect(view.ready).toBe(5);
        expect(view.progressText).toBe('5 of 14 ready');
        expect(view.progressValue).toBe(36);
        const channel = view.rows.find((r) => r.id === 'serviceChannel');
        expect(channel).toMatchObject({
            order: 4,
            title: 'SimplyChat service channel',
            status: 'pass',
            statusLabel: 'Ready',
            iconName: 'utility:success',
            reason: 'The service channel Chat Sessions routes WINP__Talk_Session__c.',
            fixable: false,
            noFixText: '',
        });
        const queue = view.rows.find((r) => r.id === 'queue');
        expect(queue).toMatchObject({
            status: 'blocked',
            iconName: 'utility:lock',
            reason: 'Waiting for: Routing configuration',
        });
        expect(queue?.noFixText).toBe('No fix here: Fix Routing configuration first.');
        expect(view.canFixAny).toBe(true);
        expect(view.readOnlyText).toBe('');
    });

    it('speaks Korean with Korean labels', () => {
        const view = pageView(KOREAN, partlySetUpOrg());
        expect(view.progressText).toBe('14개 중 5개 완료');
        expect(view.rows.find((r) => r.id === 'busyStatus')).toMatchObject({
            title: '다른 용무 중 현재 상태',
            statusLabel: '수정 필요',
            reason: '채널이 없는 현재 상태(다른 용무 중)가 없습니다.',
            fixAriaLabel: '다른 용무 중 현재 상태 해결',
        });
    });

    it('tells a user without permission why the page is read-only, and offers no fix', () => {
        const s: OrgSnapshot = { ...omniOrg(), user: { id: 'u', permissions: { ...NO_PERMISSIONS, viewSetup: true } } };
        const view = pageView(ENGLISH, s);
        expect(view.readOnlyText).toBe(
            'You can view the checklist but not fix it. To fix items, you need the permissions listed under “Your permissions”.'
        );
        expect(view.canFixAny).toBe(false);
        expect(view.rows.every((r) => !r.fixable)).toBe(true);
        expect(view.rows.find((r) => r.id === 'busyStatus')?.noFixText).toBe(
            'No fix here: You need Customize Application and Modify Metadata (or Modify All Data).'
        );
    });

    it("offers Fix all when only item 5's shared routing choice, asked in its dialog, stands between the admin and a fix", () => {
        const shared = sharedRoutingOrg();
        const view = pageView(ENGLISH, shared);
        expect(view.rows.find((r) => r.id === 'routingConfig')?.fixable).toBe(false);
        expect(view.canFixAny).toBe(true);
        // Not for a user who cannot change setup, nor once the item passes.
        const readOnly: OrgSnapshot = {
            ...shared,
            user: { id: 'u', permissions: { ...NO_PERMISSIONS, viewSetup: true } },
        };
        expect(pageView(ENGLISH, readOnly).canFixAny).toBe(false);
        expect(pageView(ENGLISH, fullySetUpOrg()).canFixAny).toBe(false);
    });

    it('shows details of an item', () => {
        const view = pageView(ENGLISH, partlySetUpOrg());
        const presence = view.rows.find((r) => r.id === 'presenceConfig');
        expect(presence?.hasDetails).toBe(true);
        expect(presence?.details.map((d) => d.text)).toEqual([
            'SimplyChat Agent has no presence configuration',
            'Support has no presence configuration',
        ]);
        expect(presence?.detailsFirst).toEqual(presence?.details);
        expect(presence?.detailsMoreText).toBe('');
    });

    it('cuts the details of 1,000 agent profiles to a first page and "and N more lines"', () => {
        const presence = pageView(ENGLISH, manyProfilesOrg(1000)).rows.find((r) => r.id === 'presenceConfig');
        expect(presence?.details).toHaveLength(1000);
        expect(presence?.detailsFirst).toHaveLength(DETAIL_LIMIT);
        expect(presence?.detailsFirst.map((d) => d.text)).toEqual(presence?.details.slice(0, 10).map((d) => d.text));
        expect(presence?.detailsFirst[0].text).toBe('Agent Team 0001 has no presence configuration');
        expect(presence?.detailsMoreText).toBe('and 990 more lines');
        const ko = pageView(KOREAN, manyProfilesOrg(1000)).rows.find((r) => r.id === 'presenceConfig');
        expect(ko?.detailsMoreText).toBe('외 990줄');
    });

    it('says "1 more line" in the singular, and cuts nothing at exactly the first page', () => {
        const row = (count: number) =>
            pageView(ENGLISH, manyProfilesOrg(count)).rows.find((r) => r.id === 'presenceConfig');
        expect(row(DETAIL_LIMIT + 1)?.detailsMoreText).toBe('and 1 more line');
        expect(row(DETAIL_LIMIT)?.detailsMoreText).toBe('');
        expect(row(DETAIL_LIMIT)?.detailsFirst).toHaveLength(DETAIL_LIMIT);
    });
});

describe('report', () => {
    const s = partlySetUpOrg();
    const items = evaluate(s);

    it('writes a text report with every item, status, reason and detail', () => {
        const text = report(ENGLISH, s, items, 'text');
        expect(text.split('\n')[0]).toBe(`SimplyChat Setup — ${s.readAt} — ${s.orgId}`);
        expect(text).toContain('5 of 14 ready');
        expect(text).toContain('6. Queue for chats [Waiting for an earlier item] Waiting for: Routing configuration');
        expect(text).toContain('   - Support has no presence configuration');
    });

    it('writes a JSON report for support tools', () => {
        const json = JSON.parse(report(KOREAN, s, items, 'json')) as {
            orgId: string;
            items: { id: string; text: string }[];
        };
        expect(json.orgId).toBe(s.orgId);
        expect(json.items).toHaveLength(14);
        expect(json.items[7]).toMatchObject({
            id: 'busyStatus',
            text: '채널이 없는 현재 상태(다른 용무 중)가 없습니다.',
        });
    });

    it('reflects a fixed org after a simulated fix', () => {
        // Item 13 waits for the admin's choice of what to add to the queue; item 14 is a manual step (no app here).
        const fixed = simulate(s, plan(s, 'all'));
        const text = report(ENGLISH, fixed, evaluate(fixed), 'text');
        expect(text).toContain('12 of 14 ready');
        expect(text).toContain(
            '13. Agents are in the chat queue [Needs a fix] 37 agents are not members of the queue SimplyChat, so they get no chats from it.'
        );
        expect(text).toContain('   - 12 of the 12 users of Support are not members');
        const chosen = { ...s, choices: { ...s.choices, queueMembers: { kind: 'agentUsers' as const } } };
        const added = simulate(chosen, plan(chosen, 'all'));
        expect(report(ENGLISH, added, evaluate(added), 'text')).toContain('13 of 14 ready');
    });
});

describe('wording for people', () => {
    it('picks the singular where the locale says "one", and writes numbers the locale way', () => {
        const en = withLocale(ENGLISH, 'en-US');
        expect(format(en, 'ui.result.success', { count: 1 })).toBe('The change was made.');
        expect(format(en, 'ui.result.success', { count: 1000 })).toBe('All 1,000 changes were made.');
        expect(format(withLocale(KOREAN, 'ko-KR'), 'ui.result.success', { count: 1 })).toBe(
            '변경 사항 1개를 모두 적용했습니다.'
        );
        expect(format(en, 'error.invalidChoices', { count: 1 })).toBe('1 choice is not valid.');
        expect(format(withLocale(ENGLISH, 'de-DE'), 'ui.progress', { ready: 1000, total: 1200 })).toBe(
            '1.000 of 1.200 ready'
        );
        expect(formatNumber(withLocale(ENGLISH, 'not a locale!'), 1000)).toBe('1,000');
        expect(formatTime(en, 'not a date')).toBe('not a date');
        expect(formatTime(en, '2026-01-02T03:04:00.000Z')).toMatch(/2026/);
    });

    it("groups the checklist as Salesforce Setup does, with each group's progress", () => {
        const view = pageView(ENGLISH, partlySetUpOrg());
        expect(view.groups.map((g) => `${g.title}: ${g.rows.map((r) => r.id).join(',')} (${g.progressText})`)).toEqual([
            'Connection: apiAccess,permissions (2 of 2 ready)',
            'Omni-Channel: omniChannel,serviceChannel,routingConfig,queue (2 of 4 ready)',
            'Agents: onlineStatus,busyStatus,presenceConfig,profileAccess,queueMembers,agentApps (1 of 6 ready)',
            'SimplyChat package: flow,scSetup (0 of 2 ready)',
        ]);
        expect(view.allReady).toBe(false);
        expect(pageView(ENGLISH, fullySetUpOrg()).allReady).toBe(true);
        expect(view.lastCheckedText).toMatch(/^Last checked /);
        expect(view.rows.find((r) => r.id === 'queue')?.setupLink).toEqual({
            href: '/lightning/setup/Queues/home',
            text: 'Queue for chats in Setup',
        });
        expect(setupLink(ENGLISH, 'noSuchItem', 'x')).toBeUndefined();
    });

    it("links the Omni-Channel items to the Setup tree's own pages (…Settings, docs/org-verification.md row 50)", () => {
        const href = (id: string): string | undefined => setupLink(ENGLISH, id, id)?.href;
        expect(href('serviceChannel')).toBe('/lightning/setup/ServiceChannelSettings/home');
        expect(href('routingConfig')).toBe('/lightning/setup/QueueRoutingConfigSettings/home');
        expect(href('onlineStatus')).toBe('/lightning/setup/ServicePresenceStatusSettings/home');
        expect(href('busyStatus')).toBe('/lightning/setup/ServicePresenceStatusSettings/home');
        expect(href('presenceConfig')).toBe('/lightning/setup/ServicePresenceUserConfigSettings/home');
        expect(href('omniChannel')).toBe('/lightning/setup/OmniChannelSettings/home');
        expect(href('flow')).toBe('/lightning/setup/Flows/home');
        expect(href('agentApps')).toBe('/lightning/setup/NavigationMenus/home');
    });

    it('keeps a failed attempt on its item until it passes, and offers to retry it', () => {
        const failures = { presenceConfig: { code: 'FIELD_INTEGRITY_EXCEPTION', message: 'Refused.' } };
        const view = pageView(ENGLISH, partlySetUpOrg(), failures);
        expect(view.rows.find((r) => r.id === 'presenceConfig')?.failure).toBe(
            'Last attempt failed (FIELD_INTEGRITY_EXCEPTION): Refused.'
        );
        expect(view.failedIds).toEqual(['presenceConfig']);
        expect(pageView(ENGLISH, fullySetUpOrg(), failures).failedIds).toEqual([]);
    });
});

describe('long lists in a row are cut', () => {
    it('cuts the profiles of item 14 to ten and "and N more", with the right plural', () => {
        const names = Array.from({ length: 1000 }, (_, i) => `Team ${i + 1}`);
        const text = rowReasonText(EN, {
            key: 'item.agentApps.missing',
            params: { count: 1000, profiles: names.join(', ') },
        });
        expect(text).toBe(
            `1,000 agent profiles have no console app with the Omni-Channel utility: ${names.slice(0, 10).join(', ')} and 990 more.`
        );
        expect(rowReasonText(EN, { key: 'item.agentApps.missing', params: { count: 1, profiles: 'Support' } })).toBe(
            '1 agent profile has no console app with the Omni-Channel utility: Support.'
        );
        expect(
            rowReasonText(KO, {
                key: 'item.agentApps.missing',
                params: { count: 12, profiles: names.slice(0, 12).join(', ') },
            })
        ).toMatch(/Team 10 외 2개\.$/);
    });
});
