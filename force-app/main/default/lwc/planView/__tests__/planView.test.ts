import { plan, type OrgSnapshot } from 'c/setupEngine';
import { PLAN_LIST_LIMIT } from 'c/checklistView';
import { batches, planView, summarize, type OperationResult } from 'c/planView';
import {
    choices,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    read,
    sharedOmniOrg,
} from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

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

    it('cuts a batch before it carries more than its weight, and sends a heavier operation alone', () => {
        const weight = (n: number): number => n;
        expect(batches([1, 2, 9, 3, 4, 5], 5, weight, 6)).toEqual([[1, 2], [9], [3], [4], [5]]);
        expect(batches([1, 1, 1], 5, weight, 6)).toEqual([[1, 1, 1]]);
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

describe('wording for people', () => {
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

    it('reads the status grants of many profiles as one plan line', () => {
        const big = twentyFiveTeamsOrg();
        const planned = planView(ENGLISH, big, 'all', big.choices);
        if (!planned.ok) throw new Error('no plan');
        expect(planned.operations.filter((op) => op.kind === 'grantStatusAccess').length).toBe(1);
        const grants = planned.lines.filter((l) => l.text.startsWith('Give'));
        expect(grants.length).toBe(1);
        expect(grants[0].moreText).toBe(`and ${25 - PLAN_LIST_LIMIT} more`);
        expect(grants[0].fullText).toContain('Team 25');
        expect(planned.lines.length).toBe(planned.operations.length);
    });
});

describe('the record changes of each planned change (the same words as fix --dry-run)', () => {
    function teamsOrg(count: number): OrgSnapshot {
        const profiles = Array.from({ length: count }, (_, i) => ({
            Id: `00e5g${String(i).padStart(13, '0')}`,
            Name: `Team ${i + 1}`,
            UserCount: 1,
            ServiceCloudUserCount: 0,
        }));
        return {
            ...partlySetUpOrg(),
            profiles: read(profiles),
            choices: choices({ agentProfileIds: profiles.map((p) => p.Id) }),
        };
    }

    it('counts the rows of each object, names what the first rows link, and cuts the rest to "and N more"', () => {
        const org = teamsOrg(12);
        const planned = planView(ENGLISH, org, 'all', org.choices);
        if (!planned.ok) throw new Error('no plan');
        const grants = planned.lines.find((l) => l.text.startsWith('Give'));
        const rows = planned.operations
            .filter((op) => op.kind === 'grantStatusAccess')
            .reduce((sum, op) => sum + (op.kind === 'grantStatusAccess' ? op.grants.length * 2 : 0), 0);
        expect(rows).toBe(24);
        expect(grants?.records).toHaveLength(1);
        const [access] = grants?.records ?? [];
        expect(access.text).toMatch(
            /^Insert 24 SetupEntityAccess rows: the status \w+ for the profile Team 1 \(its own permission set\); the status \w+ for the profile Team 1 \(its own permission set\); the status \w+ for the profile Team 2 \(its own permission set\) and 21 more$/
        );
        expect(access.fullText).toContain('for the profile Team 12 (its own permission set)');
        expect(access.fullText?.split('; ')).toHaveLength(24);
        // A whole-component write (a configuration SimplyChat creates) has no record changes to list.
        const created = planned.lines.find((l) => l.text.startsWith('Create the presence configuration'));
        expect(created?.records).toBeUndefined();
    });

    it('says it in Korean too, with a row per user of each profile for queue members', () => {
        const s = sharedOmniOrg();
        const english = planView(ENGLISH, s, ['queueMembers'], { ...s.choices, queueMembers: { kind: 'agentUsers' } });
        const korean = planView(KOREAN, s, ['queueMembers'], { ...s.choices, queueMembers: { kind: 'agentUsers' } });
        if (!english.ok || !korean.ok) throw new Error('no plan');
        expect(english.lines[0].records?.map((r) => r.text)).toEqual([
            'Insert GroupMember rows, one per user, for 1 set of users: each active user of the profile Support into the queue Chat_Queue',
        ]);
        expect(korean.lines[0].records?.map((r) => r.text)).toEqual([
            'GroupMember 행 추가(사용자 집합 1개, 사용자마다 1행): Support 프로필의 활성 사용자 각각 → Chat_Queue 대기열',
        ]);
    });
});
