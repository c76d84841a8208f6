import { evaluate, plan, type OrgSnapshot } from 'c/setupEngine';
import { withLocale } from 'c/setupText';
import { choicesSummary } from 'c/choicesView';
import { planChoices, planView, stillNeeded, stillNeededAfter, withPlanChoice } from 'c/planView';
import {
    choices,
    fullySetUpOrg,
    HAND,
    omniOrg,
    partlySetUpOrg,
    read,
    sharedOmniOrg,
} from '../../setupEngine/__tests__/fixtures';
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

describe("Fix all asks item 5's shared routing choice and item 13's public group inline", () => {
    /** The fully set up org whose chat queue's routing configuration another team's queue uses too. */
    function sharedRouting(): OrgSnapshot {
        const full = fullySetUpOrg();
        return {
            ...full,
            routingConfigs: read([{ ...HAND.routing, RoutingPriority: 2 }]),
            routedQueues: read([
                ...(full.queues.status === 'read' ? full.queues.records : []),
                {
                    Id: '00G5g00000CasesAAA',
                    DeveloperName: 'Support_Cases',
                    Name: 'Support Cases',
                    QueueRoutingConfigId: HAND.routing.Id,
                },
            ]),
        };
    }

    it('offers keep (the default), update naming the other queues, and own; each answer re-plans', () => {
        const s = sharedRouting();
        const asked = planChoices(EN, evaluate(s), s.choices, s).sharedRouting;
        expect(asked?.value).toBe('keep');
        expect(asked?.options).toEqual([
            { value: 'keep', label: "Keep it as it is (its values stay unlike the guide's)" },
            {
                value: 'update',
                label: "Update it to the guide's values (the routing of Support Cases changes with it)",
            },
            { value: 'own', label: 'Give SimplyChat its own routing configuration (Support Cases keep this one)' },
        ]);
        expect(planChoices(KO, evaluate(s), s.choices, s).sharedRouting?.options.map((o) => o.label)).toEqual([
            '그대로 유지(값은 가이드와 다른 채로 남음)',
            '가이드 값으로 변경(Support Cases의 라우팅도 함께 바뀜)',
            'SimplyChat 전용 라우팅 구성 만들기(Support Cases은(는) 기존 구성 유지)',
        ]);
        expect(linesOf(s).operations.filter((o) => o.itemId === 'routingConfig')).toEqual([]);
        const own = withPlanChoice(s.choices, 'sharedRoutingConfig', 'own');
        expect(own.sharedRoutingConfig).toBe('own');
        expect(linesOf(s, own).lines.map((l) => l.text)).toEqual([
            'Create the routing configuration SimplyChat: priority 1, Most Available, 1 unit of capacity',
            "Link the queue Chat Queue to the routing configuration SimplyChat (only this queue's link changes)",
        ]);
        const update = withPlanChoice(s.choices, 'sharedRoutingConfig', 'update');
        expect(linesOf(s, update).operations.map((o) => o.kind)).toEqual(['upsertRoutingConfig']);
        // A value the dialog does not offer changes nothing.
        expect(withPlanChoice(s.choices, 'sharedRoutingConfig', 'rewrite')).toBe(s.choices);
        // Nothing to ask once item 5 passes.
        expect(planChoices(EN, evaluate(fullySetUpOrg()), s.choices).sharedRouting).toBeUndefined();
    });

    it('a bad saved value gives an inline error in both languages and no plan', () => {
        const s = sharedRouting();
        const bad = { ...s.choices, sharedRoutingConfig: 'rewrite' } as unknown as OrgSnapshot['choices'];
        expect(planView(EN, s, 'all', bad)).toEqual({
            ok: false,
            errors: [
                {
                    field: 'sharedRoutingConfig',
                    text: 'Choose keep, update or own for the shared routing configuration (not "rewrite").',
                },
            ],
        });
        const ko = planView(KO, s, 'all', bad);
        expect(!ko.ok && ko.errors[0].text).toMatch(/^공유 라우팅 구성에 대해/);
    });

    it('offers a public group beside each agent user, and a combobox of the org groups once chosen', () => {
        const snapshot = omniOrg();
        const items = evaluate(snapshot);
        const asked = planChoices(EN, items, snapshot.choices, snapshot);
        expect(asked.queueMembers?.options.map((o) => o.value)).toEqual(['agentUsers', 'publicGroup', '']);
        expect(asked.queueMembers?.groups).toBeUndefined();
        const group = withPlanChoice(snapshot.choices, 'queueMembers', 'publicGroup', snapshot);
        expect(group.queueMembers).toEqual({ kind: 'publicGroup', groupDeveloperName: 'All_Service' });
        const withGroups = planChoices(EN, items, group, snapshot).queueMembers?.groups;
        expect(withGroups?.value).toBe('All_Service');
        expect(withGroups?.options.map((o) => o.label)).toEqual([
            'All Service (All_Service)',
            'Chat Agents (Chat_Agents)',
            'Support Chat (Support_Chat)',
        ]);
        const chat = withPlanChoice(group, 'publicGroup', 'Chat_Agents', snapshot);
        expect(linesOf(snapshot, chat).operations.find((o) => o.kind === 'addQueueMembers')).toMatchObject({
            publicGroupDeveloperName: 'Chat_Agents',
        });
        // The group chosen before is kept when the kind is chosen again; a group the org lacks is refused.
        expect(withPlanChoice(chat, 'queueMembers', 'publicGroup', snapshot).queueMembers).toEqual(chat.queueMembers);
        const unknown = withPlanChoice(group, 'publicGroup', 'Nobody', snapshot);
        expect(planView(EN, snapshot, 'all', unknown)).toEqual({
            ok: false,
            errors: [{ field: 'queueMembers', text: 'There is no public group Nobody in this org.' }],
        });
        // Without readable groups, only each agent user is offered.
        const unread: OrgSnapshot = { ...snapshot, publicGroups: { status: 'unavailable', code: 'queryFailed' } };
        expect(planChoices(EN, items, snapshot.choices, unread).queueMembers?.options.map((o) => o.value)).toEqual([
            'agentUsers',
            '',
        ]);
    });
});
