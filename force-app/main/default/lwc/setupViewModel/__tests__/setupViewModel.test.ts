import { evaluate, plan, simulate, type ConnectionStatus, type OrgSnapshot } from 'c/setupEngine';
import {
    batches,
    capacityHelp,
    capacityWarning,
    choiceErrors,
    choiceField,
    choicesSummary,
    connectionSteps,
    stepStatuses,
    dependsOnAny,
    formatNumber,
    formatTime,
    isDraft,
    PLAN_LIST_LIMIT,
    setupLink,
    visibleChoiceErrors,
    withLocale,
    detailText,
    format,
    moveOptions,
    pageView,
    parseCapacity,
    planView,
    publicGroupOptions,
    PICKER_PAGE,
    profilePicker,
    reasonText,
    report,
    serverError,
    summarize,
    uiText,
    type OperationResult,
} from 'c/setupViewModel';
import {
    choices,
    fullySetUpOrg,
    HAND,
    NO_PERMISSIONS,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    PROFILE,
    read,
    sharedOmniOrg,
} from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from './testLabels';

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

    it('shows details of an item', () => {
        const view = pageView(ENGLISH, partlySetUpOrg());
        const presence = view.rows.find((r) => r.id === 'presenceConfig');
        expect(presence?.hasDetails).toBe(true);
        expect(presence?.details.map((d) => d.text)).toEqual([
            'SimplyChat Agent has no presence configuration',
            'Support has no presence configuration',
        ]);
    });
});

describe('choices', () => {
    const s = fullySetUpOrg();

    it('parses the capacity field: empty keeps the existing capacity', () => {
        expect(parseCapacity('')).toBeNull();
        expect(parseCapacity(null)).toBeNull();
        expect(parseCapacity(undefined)).toBeNull();
        expect(parseCapacity('5')).toBe(5);
        expect(parseCapacity(' 0 ')).toBe(0);
    });

    it('validates choices into inline messages', () => {
        expect(choiceErrors(ENGLISH, choices({ capacity: 0 }), s)).toEqual([
            { field: 'capacity', text: 'Enter a whole number from 1 to 9,999.' },
        ]);
        expect(choiceErrors(KOREAN, choices({ chatObject: 'Bad Name' }), s)).toEqual([
            { field: 'chatObject', text: 'Bad Name은(는) 올바른 개체 API 이름이 아닙니다.' },
        ]);
    });

    it('shows chosen and available profiles, the search filtering both sides, most Service Cloud users first', () => {
        expect(profilePicker(ENGLISH, s, [PROFILE.support.Id], 'sup').chosen.options).toEqual([
            { label: 'Support (12 users)', value: PROFILE.support.Id },
        ]);
        const picker = profilePicker(ENGLISH, s, [PROFILE.support.Id], 'a');
        expect(picker.chosen.options).toEqual([]);
        // Agent has Service Cloud users; Sales and System Administrator have none and sort by name.
        expect(picker.available.options.map((o) => o.value)).toEqual([
            PROFILE.agent.Id,
            PROFILE.sales.Id,
            PROFILE.admin.Id,
        ]);
        const sales = profilePicker(ENGLISH, s, [PROFILE.support.Id], 'sales');
        expect(sales.chosen.options).toEqual([]);
        expect(sales.available.options.map((o) => o.value)).toEqual([PROFILE.sales.Id]);
        const paged = profilePicker(ENGLISH, s, [], '', { chosen: 2, available: 2 });
        expect(paged.available.options).toHaveLength(2);
        expect(paged.available.moreText).toBe('and 2 more');
        expect(paged.available.countText).toBe('2 of 4 shown');
        expect(
            profilePicker(ENGLISH, { ...s, profiles: { status: 'unavailable', code: 'noAccess' } }, []).unavailable
        ).toBe(true);
    });

    it('stays fast with 1,000 profiles and shows one page of each side', () => {
        const profiles = Array.from({ length: 1000 }, (_, i) => ({
            Id: `00e5g${String(i).padStart(13, '0')}`,
            Name: `Agent ${i}`,
            UserCount: i,
            ServiceCloudUserCount: i % 3,
        }));
        const big = { ...s, profiles: read(profiles) };
        const picker = profilePicker(
            ENGLISH,
            big,
            profiles.slice(0, 500).map((p) => p.Id),
            '9'
        );
        const chosenMatching = profiles.slice(0, 500).filter((p) => p.Name.includes('9')).length;
        expect(picker.chosen.matching).toBe(chosenMatching);
        expect(picker.chosen.options).toHaveLength(PICKER_PAGE);
        expect(picker.chosen.moreText).toBe(`and ${chosenMatching - PICKER_PAGE} more`);
        const all = profilePicker(ENGLISH, big, [], '');
        expect(all.available.options).toHaveLength(PICKER_PAGE);
        expect(all.available.countText).toBe('25 of 1,000 shown');
        expect(all.available.moreText).toBe('and 975 more');
    });

    it('offers to move the agent profiles that sit in another configuration', () => {
        const other: OrgSnapshot = {
            ...s,
            presenceConfigs: read([HAND.agentsConfig, HAND.salesConfig]),
            presenceConfigProfiles: read([
                { Id: '0Nf5g00000000000x1', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: PROFILE.agent.Id },
                { Id: '0Nf5g00000000000x2', PresenceUserConfigId: HAND.salesConfig.Id, ProfileId: PROFILE.support.Id },
            ]),
        };
        expect(moveOptions(ENGLISH, evaluate(other))).toEqual([
            { label: 'Support (now in Sales Team)', value: PROFILE.support.Id },
        ]);
        expect(moveOptions(ENGLISH, [])).toEqual([]);
    });

    it('explains capacity with the default', () => {
        expect(capacityHelp(ENGLISH)).toContain('a new one gets 5');
    });
});

describe('planView', () => {
    it('describes each planned change for the dialog, and asks for the org-wide confirmation', () => {
        const result = planView(ENGLISH, omniDisabledOrg(), 'all', choices());
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.needsOrgWideConfirmation).toBe(true);
        expect(result.lines[0].text).toBe('Enable Omni-Channel for the whole org');
        expect(result.lines[1].text).toBe(
            'Create the service channel SimplyChat (SimplyChat) for WINP__Talk_Session__c'
        );
        expect(result.lines).toHaveLength(result.operations.length);
    });

    it('describes adding the agents to the chat queue, and who else a public group brings (item 13)', () => {
        const s = sharedOmniOrg();
        const users = planView(ENGLISH, s, ['queueMembers'], { ...s.choices, queueMembers: { kind: 'agentUsers' } });
        expect(users.ok && users.lines.map((l) => l.text)).toEqual([
            'Add 8 agents to the queue Chat_Queue by name: Support (8). Its current members are kept.',
        ]);
        const group = planView(KOREAN, s, ['queueMembers'], {
            ...s.choices,
            queueMembers: { kind: 'publicGroup', groupDeveloperName: 'All_Service' },
        });
        expect(group.ok && group.lines.map((l) => l.text)).toEqual([
            '대기열 Chat_Queue에 공개 그룹 All_Service 추가: 상담원이 아니어도 그룹의 모든 구성원이 채팅을 받습니다. 현재 구성원은 그대로 유지됩니다.',
        ]);
        const missing = planView(ENGLISH, s, ['queueMembers'], {
            ...s.choices,
            queueMembers: { kind: 'publicGroup', groupDeveloperName: 'Nobody' },
        });
        expect(missing).toEqual({
            ok: false,
            errors: [{ field: 'queueMembers', text: 'There is no public group Nobody in this org.' }],
        });
    });

    it('lists the public groups by name for the choice, or says they could not be read', () => {
        expect(publicGroupOptions(sharedOmniOrg()).options.map((o) => o.label)).toEqual([
            'All Service (All_Service)',
            'Chat Agents (Chat_Agents)',
            'Support Chat (Support_Chat)',
        ]);
        expect(publicGroupOptions({ ...sharedOmniOrg(), publicGroups: undefined })).toEqual({
            options: [],
            unavailable: true,
        });
    });

    it('gives inline errors instead of a plan when a choice is bad', () => {
        const result = planView(ENGLISH, omniOrg(), ['presenceConfig'], choices({ capacity: 10000 }));
        expect(result).toEqual({
            ok: false,
            errors: [{ field: 'capacity', text: 'Enter a whole number from 1 to 9,999.' }],
        });
    });

    it('splits operations into batches', () => {
        expect(batches([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
        expect(batches([], 3)).toEqual([]);
    });
});

describe('summarize', () => {
    const s = partlySetUpOrg();
    const operations = plan(s, 'all');
    const NO_PARAMS: Record<string, string> = {};
    const results = (statuses: OperationResult['status'][]): OperationResult[] =>
        statuses.map((status, index): OperationResult => ({
            index,
            kind: operations[index].kind,
            itemId: operations[index].itemId,
            status,
            changed: [],
            error:
                status === 'failed'
                    ? { key: 'apiError.rejected', params: { code: 'FIELD_INTEGRITY_EXCEPTION', message: 'Bad value' } }
                    : status === 'notRun'
                      ? { key: 'result.notRun.afterFailure', params: NO_PARAMS }
                      : null,
        }));

    it('reports success', () => {
        const summary = summarize(ENGLISH, operations, results(operations.map(() => 'done')));
        expect(summary).toMatchObject({
            outcome: 'success',
            toastVariant: 'success',
            message: `All ${operations.length} changes were made.`,
        });
        expect(summary.lines[0].text).toMatch(/^Done: Create the routing configuration SimplyChat/);
    });

    it('names what changed and what did not on a partial failure', () => {
        const statuses = operations.map((_, i) =>
            i < 2 ? 'done' : i === 2 ? 'failed' : 'notRun'
        ) as OperationResult['status'][];
        const summary = summarize(ENGLISH, operations, results(statuses));
        expect(summary.outcome).toBe('partial');
        expect(summary.toastVariant).toBe('warning');
        expect(summary.message).toBe(
            `Changes made: 2 of ${operations.length}. Failed: 1. Not run: ${operations.length - 3}. The checklist was checked again and shows the current state.`
        );
        expect(summary.lines[2].text).toMatch(
            /^Failed: .* — Salesforce refused the change \(FIELD_INTEGRITY_EXCEPTION\): Bad value$/
        );
        expect(summary.lines[3].text).toMatch(/^Not run: /);
    });

    it('reports a failure before any change, and operations with no result as not run', () => {
        const summary = summarize(ENGLISH, operations, results(['failed']));
        expect(summary.outcome).toBe('failure');
        expect(summary.message).toBe(
            'No change was made: Salesforce refused the change (FIELD_INTEGRITY_EXCEPTION): Bad value'
        );
        expect(summary.lines[1].text).toMatch(/^Not run: /);
        expect(summarize(ENGLISH, operations, []).message).toBe('No change was made: ');
    });
});

describe('a refused flow activation', () => {
    it('shows the refusal and points to the manual step, in English and Korean', () => {
        const s = partlySetUpOrg();
        const operations = plan(s, ['flow']);
        expect(operations.map((op) => op.kind)).toEqual(['activateFlow']);
        const refused: OperationResult[] = [
            {
                index: 0,
                kind: 'activateFlow',
                itemId: 'flow',
                status: 'failed',
                changed: [],
                error: {
                    key: 'apiError.flowActivationRefused',
                    params: { code: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'managed flow' },
                },
            },
        ];
        expect(summarize(ENGLISH, operations, refused).lines[0].text).toMatch(
            /— Salesforce refused to activate the flow \(INSUFFICIENT_ACCESS_OR_READONLY: managed flow\)\. Activate it by hand: item 11's details link to the flow and say what to click\.$/
        );
        expect(summarize(KOREAN, operations, refused).lines[0].text).toContain(
            'Salesforce가 플로우 활성화를 거부했습니다 (INSUFFICIENT_ACCESS_OR_READONLY: managed flow).'
        );
    });
});

describe('serverError', () => {
    it('translates a SetupError payload with its field errors', () => {
        const error = {
            body: {
                message: JSON.stringify({
                    key: 'error.invalidChoices',
                    params: { count: 1 },
                    choiceErrors: [
                        { field: 'capacity', reason: { key: 'choice.capacityRange', params: { min: 1, max: 9999 } } },
                    ],
                }),
            },
        };
        expect(serverError(KOREAN, error)).toEqual({
            message: '선택 1개가 올바르지 않습니다.',
            fieldErrors: [{ field: 'capacity', text: '1에서 9,999 사이의 정수를 입력하세요.' }],
        });
    });

    it('shows any other error as the platform gave it', () => {
        expect(serverError(ENGLISH, { body: { message: 'Insufficient Privileges' } })).toEqual({
            message: 'Insufficient Privileges',
            fieldErrors: [],
        });
        expect(serverError(ENGLISH, new Error('Network down')).message).toBe('Network down');
        expect(serverError(ENGLISH, { body: { message: '{"other":1}' } }).message).toBe('{"other":1}');
        expect(serverError(ENGLISH, 'plain').message).toBe('plain');
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

    it('knows which items need a failed one', () => {
        expect(dependsOnAny('queue', new Set(['routingConfig']))).toBe(true);
        expect(dependsOnAny('profileAccess', new Set(['omniChannel']))).toBe(true);
        expect(dependsOnAny('flow', new Set(['routingConfig']))).toBe(false);
        expect(dependsOnAny('presenceConfig', new Set(['presenceConfig']))).toBe(true);
        expect(dependsOnAny('scSetup', new Set())).toBe(false);
    });

    /** A fresh org whose 25 profiles Team 1 … Team 25 are all chosen as agent profiles. */
    function twentyFiveTeamsOrg(): OrgSnapshot {
        const profiles = Array.from({ length: 25 }, (_, i) => ({
            Id: `00e5g${String(i).padStart(13, '0')}`,
            Name: `Team ${i + 1}`,
            UserCount: 1,
            ServiceCloudUserCount: 0,
        }));
        return {
            ...omniDisabledOrg(),
            profiles: read(profiles),
            choices: choices({ agentProfileIds: profiles.map((p) => p.Id) }),
        };
    }

    it('cuts a long profile list in the plan and keeps labels in the text, API names aside', () => {
        const big = twentyFiveTeamsOrg();
        const planned = planView(ENGLISH, big, 'all', big.choices);
        if (!planned.ok) throw new Error('no plan');
        const presence = planned.lines.find((l) => l.text.startsWith('Create the presence configuration'));
        expect(presence?.text).toMatch(/Team 10$/);
        expect(presence?.text).not.toContain('Team 11');
        expect(presence?.moreText).toBe(`and ${25 - PLAN_LIST_LIMIT} more`);
        expect(presence?.fullText).toContain('Team 25');
        const routing = planned.lines.find((l) => l.text.startsWith('Create the routing configuration'));
        expect(routing?.text).toContain('Most Available');
        expect(routing?.apiNames).toBe('MostAvailable');
        const flow = planned.lines.find((l) => l.text.startsWith('Activate the flow'));
        expect(flow?.text).toBe('Activate the flow SC_talkSession status update when owner changed via omni channel');
        expect(flow?.apiNames).toBe('SC_talkSession_status_update_when_owner_changed_via_omni_channel');
    });

    it('reads the status grants of many profiles as one plan line, while the operations stay in batches', () => {
        const big = twentyFiveTeamsOrg();
        const planned = planView(ENGLISH, big, 'all', big.choices);
        if (!planned.ok) throw new Error('no plan');
        expect(planned.operations.filter((op) => op.kind === 'grantStatusAccess').length).toBe(3);
        const grants = planned.lines.filter((l) => l.text.startsWith('Give'));
        expect(grants.length).toBe(1);
        expect(grants[0].moreText).toBe(`and ${25 - PLAN_LIST_LIMIT} more`);
        expect(grants[0].fullText).toContain('Team 25');
        expect(planned.lines.length).toBe(planned.operations.length - 2);
    });

    it('shows errors of the fields left, warns about a high capacity, and sums up the saved choices', () => {
        const bad = choices({ capacity: Number.NaN, chatObject: '' });
        expect(visibleChoiceErrors(ENGLISH, bad, partlySetUpOrg(), []).length).toBe(0);
        expect(visibleChoiceErrors(ENGLISH, bad, partlySetUpOrg(), ['capacity']).map((e) => e.field)).toEqual([
            'capacity',
        ]);
        expect(visibleChoiceErrors(ENGLISH, bad, partlySetUpOrg(), 'all').map((e) => e.field)).toEqual([
            'capacity',
            'chatObject',
        ]);
        expect(choiceField('names.queue.label')).toBe('names');
        expect(capacityWarning(ENGLISH, 21)).toBe(
            '21 chats at once is more than the usual 20 or fewer. Make sure this is what you mean.'
        );
        expect(capacityWarning(ENGLISH, 20)).toBe('');
        expect(capacityWarning(ENGLISH, null)).toBe('');
        expect(isDraft(choices(), choices())).toBe(false);
        expect(isDraft(choices(), choices({ capacity: 3 }))).toBe(true);
        expect(choicesSummary(ENGLISH, choices({ capacity: 3 }))).toBe(
            'Chats per agent: 3 · Chat object: WINP__Talk_Session__c · 2 agent profiles'
        );
        expect(choicesSummary(ENGLISH, choices({ capacity: null, agentProfileIds: [PROFILE.support.Id] }))).toBe(
            'Chats per agent: keep the existing one · Chat object: WINP__Talk_Session__c · 1 agent profile'
        );
    });
});

describe('connection assistant', () => {
    const steps = (apiAccess: OrgSnapshot['apiAccess'], myDomainUrl?: string) =>
        connectionSteps(ENGLISH, { ...partlySetUpOrg(), apiAccess, myDomainUrl });

    it("gives each step its values to paste, built on this org's My Domain, and its Setup page", () => {
        const all = steps({ connectionSetup: 'missing', connection: 'error' }, 'https://acme.my.salesforce.com');
        expect(all.map((s) => s.id)).toEqual([
            'clientApp',
            'authProvider',
            'externalCredential',
            'namedCredential',
            'principalAccess',
            'authenticate',
        ]);
        expect(all[0].values.map((v) => `${v.label}=${v.value}`)).toEqual([
            'Callback URL=https://acme.my.salesforce.com/services/authcallback/SimplyChat_Setup',
            'Scopes=api refresh_token id',
        ]);
        expect(all[0].values[0].copyLabel).toBe('Copy Callback URL (step 1)');
        expect(all[3].values[0].value).toBe('https://acme.my.salesforce.com');
        expect(all[3].status).toBe('missing');
        expect(all[3].statusText).toBe('Missing');
        expect(all[0].status).toBe('unknown');
        expect(all[1].link).toEqual({
            href: '/lightning/setup/AuthProviders/home',
            text: 'Open the Setup page of step 2',
        });
        expect(steps({ connectionSetup: 'unknown', connection: 'untested' })[3].values[0].value).toBe(
            'https://<your-domain>.my.salesforce.com'
        );
    });

    it('says what the connection test proves about each step', () => {
        const status = (apiAccess: OrgSnapshot['apiAccess']) =>
            steps(apiAccess)
                .map((s) => s.status)
                .join(' ');
        expect(status({ connectionSetup: 'present', connection: 'ok' })).toBe('done done done done done done');
        expect(status({ connectionSetup: 'present', connection: 'unauthenticated' })).toBe(
            'unknown unknown done done attention attention'
        );
        expect(status({ connectionSetup: 'present', connection: 'wrongOrg' })).toBe(
            'done done done attention done done'
        );
        expect(status({ connectionSetup: 'present', connection: 'error' })).toBe(
            'unknown unknown unknown done unknown unknown'
        );
        expect(status({ connectionSetup: 'unknown', connection: 'untested' })).toBe(
            'unknown unknown unknown unknown unknown unknown'
        );
    });

    const org = (states: Partial<ConnectionStatus>): ConnectionStatus => ({
        clientApp: 'unknown',
        authProvider: 'unknown',
        externalCredential: 'unknown',
        namedCredential: 'unknown',
        principalAccess: 'unknown',
        authenticate: 'unknown',
        ...states,
    });
    const failing: OrgSnapshot['apiAccess'] = { connectionSetup: 'present', connection: 'error' };

    it.each([
        ['done', 'Done', 'utility:success', 'slds-badge slds-theme_success'],
        ['attention', 'Needs attention', 'utility:warning', 'slds-badge slds-theme_warning'],
        ['missing', 'Missing', 'utility:error', 'slds-badge slds-theme_error'],
    ] as const)("shows the org's state %s on its step with its text, icon and badge", (state, text, icon, badge) => {
        const step = connectionSteps(
            ENGLISH,
            { ...partlySetUpOrg(), apiAccess: failing },
            org({ clientApp: state })
        )[0];
        expect([step.status, step.statusText, step.iconName, step.badgeClass]).toEqual([state, text, icon, badge]);
    });

    it('says "cannot be checked from here" where neither the org nor the test can tell', () => {
        const step = connectionSteps(ENGLISH, { ...partlySetUpOrg(), apiAccess: failing }, org({}))[0];
        expect([step.status, step.statusText, step.iconName, step.badgeClass]).toEqual([
            'unknown',
            'Cannot be checked from here',
            'utility:help',
            'slds-badge',
        ]);
    });

    it("lets the org's records win over what the test suggests, and the test fill in what the org cannot see", () => {
        expect(stepStatuses(failing, org({ namedCredential: 'attention', authProvider: 'missing' }))).toEqual({
            clientApp: 'unknown',
            authProvider: 'missing',
            externalCredential: 'unknown',
            namedCredential: 'attention',
            principalAccess: 'unknown',
            authenticate: 'unknown',
        });
        expect(stepStatuses(failing, org({})).namedCredential).toBe('done');
    });

    it('a working connection proves every step, whatever the records say', () => {
        const ok: OrgSnapshot['apiAccess'] = { connectionSetup: 'present', connection: 'ok' };
        expect(Object.values(stepStatuses(ok, org({ clientApp: 'missing' })))).toEqual(Array(6).fill('done'));
    });

    it('a user credential that the API still refuses (401) needs authenticating again', () => {
        const refused: OrgSnapshot['apiAccess'] = { connectionSetup: 'present', connection: 'unauthenticated' };
        expect(stepStatuses(refused, org({ authenticate: 'done' })).authenticate).toBe('attention');
    });

    it('passes the org states to item 1 of the page', () => {
        const snapshot: OrgSnapshot = { ...partlySetUpOrg(), apiAccess: failing };
        const row = pageView(ENGLISH, snapshot, {}, org({ principalAccess: 'attention' })).rows[0];
        expect(row.connectionSteps?.[4].statusText).toBe('Needs attention');
    });

    it('shows the steps in item 1 only while the connection does not work', () => {
        const missing: OrgSnapshot = {
            ...partlySetUpOrg(),
            apiAccess: { connectionSetup: 'missing', connection: 'error' },
        };
        expect(pageView(ENGLISH, missing).rows[0].connectionSteps).toHaveLength(6);
        expect(pageView(ENGLISH, partlySetUpOrg()).rows[0].connectionSteps).toBeUndefined();
    });
});
