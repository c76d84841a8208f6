import { evaluate, plan, type OrgSnapshot } from 'c/setupEngine';
import { withLocale } from 'c/setupText';
import { choicesSummary } from 'c/choicesView';
import { planChoices, planView, stillNeeded, stillNeededAfter, withPlanChoice } from 'c/planView';
import { choices, omniOrg, partlySetUpOrg, sharedOmniOrg } from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

const EN = withLocale(ENGLISH, 'en-US');
const KO = withLocale(KOREAN, 'ko-KR');

function linesOf(snapshot: OrgSnapshot, chosen = snapshot.choices) {
    const view = planView(EN, snapshot, 'all', chosen);
    if (!view.ok) throw new Error('plan refused');
    return view;
}

describe('the plan shows the values it writes', () => {
    it('lists each SC Setup field by label, current → new, and writes nothing it does not list', () => {
        const snapshot = omniOrg();
        const view = linesOf(snapshot);
        const op = view.operations.find((o) => o.kind === 'setScSetupDefaults');
        const line = view.lines.find((l) => /SC Setup|WINP__SC_Setup__c/.test(l.text));
        expect(op && line).toBeTruthy();
        if (op?.kind !== 'setScSetupDefaults' || !line) return;
        const setting = snapshot.scSetup.status === 'read' ? snapshot.scSetup.records[0] : undefined;
        const labelOf = new Map((setting?.fields ?? []).map((f) => [f.apiName, f.label]));
        expect(line.values?.map((v) => v.text)).toEqual(
            Object.entries(op.values).map(
                ([field, value]) =>
                    `${labelOf.get(field)}: — → ${value === true ? 'Yes' : value === false ? 'No' : value}`
            )
        );
        expect(line.values?.some((v) => /^Server URL: — → https:\/\//.test(v.text))).toBe(true);
    });

    it("names another team's status by its label, with the API name aside and who else gets the channel", () => {
        const view = linesOf(sharedOmniOrg());
        const line = view.lines.find((l) => /^Add the channel/.test(l.text));
        expect(line?.text).toMatch(/to the status Online, keeping/);
        expect(line?.apiNames).toBe('Available_for_Chat');
        expect(line?.values?.map((v) => v.text)).toEqual([
            'This status is also given through: the permission set Omni Agents. Everyone who uses it gets the SimplyChat channel too.',
        ]);
    });

    it('says the capacity is the default for the new configuration rather than "keep the existing one"', () => {
        const saved = choices({ capacity: null });
        expect(choicesSummary(EN, saved, true)).toMatch(
            /^Chats per agent: 5 \(the default, for the new configuration\)/
        );
        expect(choicesSummary(EN, saved, false)).toMatch(/^Chats per agent: keep the existing one/);
        expect(choicesSummary(KO, saved, true)).toMatch(/^상담원당 채팅: 5 \(새 구성의 기본값\)/);
    });
});

describe('Fix all asks the open choices first', () => {
    it('asks what to add to the queue, the capacity with its default, and nothing it does not need', () => {
        const snapshot = omniOrg();
        const asked = planChoices(EN, evaluate(snapshot), { ...snapshot.choices, capacity: null });
        expect(asked.queueMembers?.value).toBe('');
        expect(asked.queueMembers?.options.map((o) => o.value)).toEqual(['agentUsers', '']);
        expect(asked.capacity?.value).toBe('5');
        expect(asked.moves).toBeUndefined();
        const shared = sharedOmniOrg();
        expect(planChoices(EN, evaluate(shared), shared.choices).moves?.options.length).toBeGreaterThan(0);
    });

    it('re-plans on an answer: choosing each agent user adds them to the new queue in the same run', () => {
        const snapshot = omniOrg();
        const before = linesOf(snapshot);
        expect(before.operations.some((o) => o.kind === 'addQueueMembers')).toBe(false);
        expect(before.stillNeeded.map((s) => s.key)).toEqual(['still-queueMembers', 'still-agentApps']);
        const answered = withPlanChoice(snapshot.choices, 'queueMembers', 'agentUsers');
        const after = linesOf(snapshot, answered);
        expect(after.operations.some((o) => o.kind === 'addQueueMembers')).toBe(true);
        // This sample org has no apps: item 14 is left, the queue's members are not.
        expect(after.stillNeeded.map((s) => s.key)).toEqual(['still-agentApps']);
        expect(withPlanChoice(answered, 'queueMembers', '').queueMembers).toBeNull();
        expect(withPlanChoice(answered, 'capacity', '8').capacity).toBe(8);
        expect(withPlanChoice(answered, 'moveProfileIds', ['x']).moveProfileIds).toEqual(['x']);
        expect(withPlanChoice(answered, 'other', 1)).toBe(answered);
    });

    it('says what waits for the API connection when Fix all can make only what needs none', () => {
        const snapshot: OrgSnapshot = {
            ...partlySetUpOrg(),
            apiAccess: { connectionSetup: 'missing', connection: 'error', message: 'no NC' },
            utilityBars: { status: 'unavailable', code: 'notRead' },
        };
        const view = linesOf(snapshot);
        expect(view.operations.map((o) => o.kind)).toEqual(['setScSetupDefaults']);
        const left = view.stillNeeded.map((s) => s.key);
        expect(left).toEqual(
            expect.arrayContaining([
                'still-apiAccess',
                'still-routingConfig',
                'still-busyStatus',
                'still-presenceConfig',
            ])
        );
        expect(left).not.toContain('still-scSetup');
        const routing = view.stillNeeded.find((s) => s.key === 'still-routingConfig');
        expect(routing?.text).toMatch(/API connection/);
        expect(routing?.href).toBe('/lightning/setup/QueueRoutingConfigSettings/home');
    });

    it('lists a manual step with its own link, and nothing once every item passes', () => {
        const snapshot = partlySetUpOrg();
        const left = stillNeeded(EN, evaluate(snapshot));
        const apps = left.find((s) => s.key === 'still-agentApps');
        expect(apps?.text).toMatch(/App Manager/);
        expect(apps?.linkText).toBe('Open in Setup');
        const fixed = stillNeededAfter(EN, snapshot, plan(snapshot, 'all'));
        expect(fixed.map((s) => s.key)).toEqual(['still-queueMembers', 'still-agentApps']);
    });
});

describe('without the API connection', () => {
    it('Fix all plans what it can and says how many changes wait for item 1, in both languages', () => {
        const snapshot: OrgSnapshot = {
            ...omniOrg(),
            apiAccess: { connectionSetup: 'missing', connection: 'untested' },
        };
        const now = plan(snapshot, 'all');
        const connected = plan({ ...snapshot, apiAccess: { connectionSetup: 'present', connection: 'ok' } }, 'all');
        const waiting = connected.length - now.length;
        expect(waiting).toBeGreaterThan(1);
        const after = stillNeededAfter(EN, snapshot, now);
        const api = after.find((s) => s.key === 'still-apiAccess');
        expect(api?.text).toContain(`${waiting} changes wait for this connection (`);
        const ko = stillNeededAfter(KO, snapshot, now).find((s) => s.key === 'still-apiAccess');
        expect(ko?.text).toContain(`변경 ${waiting}개가 이 연결을 기다립니다 (`);
        expect(stillNeeded(EN, evaluate(snapshot)).find((s) => s.key === 'still-apiAccess')?.text).toContain(
            `${waiting} changes wait`
        );
    });
});
