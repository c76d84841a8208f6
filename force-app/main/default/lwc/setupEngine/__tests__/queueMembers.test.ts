/** Item 13, "Agents are in the chat queue": every state of the rule, its plan, validation and simulation. */
import {
    ChoicesInvalidError,
    describeOperation,
    evaluate,
    plan,
    simulate,
    validateChoices,
    type ChecklistItem,
    type OrgSnapshot,
    type QueueMembershipState,
    type SetupChoices,
} from '../setupEngine';
import { ADMIN, choices, fullySetUpOrg, HAND, omniOrg, PROFILE, read, sharedOmniOrg } from './fixtures';
import { assertOnlyPlannedChanges, touchedWithoutReason } from './lawCheck';
import { PUBLIC_GROUPS } from '../../../../../../samples/queueMembers';

function item13(s: OrgSnapshot): ChecklistItem {
    const found = evaluate(s).find((i) => i.id === 'queueMembers');
    if (!found) throw new Error('no item 13');
    return found;
}

function withChoice(s: OrgSnapshot, queueMembers: SetupChoices['queueMembers']): OrgSnapshot {
    return { ...s, choices: { ...s.choices, queueMembers } };
}

function withState(s: OrgSnapshot, change: (st: QueueMembershipState) => QueueMembershipState): OrgSnapshot {
    const records = s.queueMembership?.status === 'read' ? s.queueMembership.records : [];
    return { ...s, queueMembership: read(records.map(change)) };
}

const shared = sharedOmniOrg();

describe('item 13 reads what it can, and says why it cannot', () => {
    it('is unknown with its own reason when the reader is older and did not read membership', () => {
        const i = item13({ ...shared, queueMembership: undefined });
        expect(i.status).toBe('unknown');
        expect(i.reason.key).toBe('item.queueMembers.notRead');
        expect(i.fix).toEqual({ available: false, reason: { key: 'fix.unknown', params: {} } });
    });

    it('is unknown when membership could not be read, naming the part', () => {
        const i = item13({ ...shared, queueMembership: { status: 'unavailable', code: 'noAccess', message: 'x' } });
        expect(i.status).toBe('unknown');
        expect(i.reason.key).toBe('item.unreadable');
        expect(i.details).toEqual([{ kind: 'unreadable', part: 'GroupMember', code: 'noAccess', message: 'x' }]);
    });

    it('is unknown when the membership read is of another queue than item 6 settled on', () => {
        const other = withState(shared, (st) => ({ ...st, queueId: '00G5g00000OtherQAA' }));
        expect(item13(other).reason.key).toBe('item.queueMembers.notRead');
    });

    it('asks for agent profiles like the other agent items', () => {
        const i = item13({ ...shared, choices: choices({ agentProfileIds: [] }) });
        expect(i.status).toBe('fail');
        expect(i.reason.key).toBe('item.queueMembers.noAgentProfiles');
        expect(i.needs).toEqual(['agentProfiles']);
        expect(i.fix).toEqual({ available: false, reason: { key: 'fix.needsChoices', params: {} } });
    });
});

describe('item 13 counts members as routing does', () => {
    it('passes the fully set up org: a role and a nested group cover every agent', () => {
        const i = item13(fullySetUpOrg());
        expect(i.status).toBe('pass');
        expect(i.reason).toEqual({ key: 'item.queueMembers.ok', params: { name: 'Chat Queue', count: 37 } });
    });

    it('passes when all internal users are members, and says so', () => {
        const everyone = withState(shared, (st) => ({
            ...st,
            members: [...st.members, { GroupId: st.queueId, UserOrGroupId: '00G5g00000AllIntAA' }],
            groups: [
                ...st.groups,
                { Id: '00G5g00000AllIntAA', Type: 'Organization', RelatedId: null, DeveloperName: null, Name: null },
            ],
        }));
        expect(item13(everyone).reason).toEqual({
            key: 'item.queueMembers.okAllInternal',
            params: { name: 'Chat Queue', count: 37 },
        });
    });

    it('is unknown when agents may be members through a group it could not resolve, and names it', () => {
        const manager = { Id: '00G5g00000ManagerA', Type: 'Manager', RelatedId: null, DeveloperName: null, Name: null };
        const deep = withState(shared, (st) => ({
            ...st,
            members: [...st.members, { GroupId: st.queueId, UserOrGroupId: manager.Id }],
            groups: [...st.groups, manager],
        }));
        const i = item13(deep);
        expect(i.status).toBe('unknown');
        expect(i.reason).toEqual({
            key: 'item.queueMembers.unresolved',
            params: { name: 'Chat Queue', count: 8, groups: manager.Id },
        });
        expect(i.details).toContainEqual({
            kind: 'unresolvedQueueMember',
            groupId: manager.Id,
            name: manager.Id,
            groupType: 'Manager',
        });
        // Adding the agents by name is still safe: a member twice is still one member.
        const chosen = withChoice(deep, { kind: 'agentUsers' });
        expect(item13(chosen).fix).toEqual({ available: true });
        expect(item13(simulate(chosen, plan(chosen, ['queueMembers']))).status).toBe('pass');
    });

    it('says the new queue has no members, and adds the agents after creating it', () => {
        const fresh = withChoice(omniOrg(), { kind: 'agentUsers' });
        expect(item13(omniOrg()).details).toContainEqual({
            kind: 'profileNotInQueue',
            profileId: PROFILE.agent.Id,
            profileName: 'SimplyChat Agent',
            userCount: 25,
            memberCount: 0,
        });
        const ops = plan(fresh, ['queueMembers']);
        expect(ops.map((o) => o.kind)).toEqual(['upsertRoutingConfig', 'upsertQueue', 'addQueueMembers']);
        expect(ops[2]).toEqual({
            kind: 'addQueueMembers',
            itemId: 'queueMembers',
            queueId: null,
            queueDeveloperName: 'SimplyChat',
            profiles: [
                { profileId: PROFILE.agent.Id, profileName: 'SimplyChat Agent', userCount: 25 },
                { profileId: PROFILE.support.Id, profileName: 'Support', userCount: 12 },
            ],
            publicGroupDeveloperName: null,
        });
        const created = simulate(fresh, ops.slice(0, 2));
        expect(item13(withChoice(created, null)).reason).toEqual({
            key: 'item.queueMembers.notMembers',
            params: { name: 'SimplyChat', count: 37, profiles: 2 },
        });
        const after = simulate(fresh, ops);
        expect(item13(after).status).toBe('pass');
        expect(plan(after, 'all').filter((o) => o.itemId === 'queueMembers')).toEqual([]);
    });

    it('reports a queue the plan created as having no members yet', () => {
        const s = withChoice(omniOrg({ routingConfigs: [HAND.routing] }), null);
        expect(item13(s).status).toBe('blocked');
        const routed = simulate(s, plan(s, ['queue']));
        expect(item13(routed).reason.key).toBe('item.queueMembers.notMembers');
    });
});

describe('item 13 adds only what the admin chose', () => {
    it('adds a public group, validated against the org, and says who else it touches', () => {
        const s = withChoice(shared, { kind: 'publicGroup', groupDeveloperName: 'All_Service' });
        const ops = plan(s, ['queueMembers']);
        expect(ops).toEqual([
            {
                kind: 'addQueueMembers',
                itemId: 'queueMembers',
                queueId: HAND.queue.Id,
                queueDeveloperName: 'Chat_Queue',
                profiles: [],
                publicGroupDeveloperName: 'All_Service',
            },
        ]);
        expect(describeOperation(ops[0])).toEqual({
            key: 'op.addQueueGroup',
            params: { queue: 'Chat_Queue', group: 'All_Service' },
        });
        const after = simulate(s, ops);
        const state = after.queueMembership?.status === 'read' ? after.queueMembership.records[0] : undefined;
        expect(state?.members).toContainEqual({ GroupId: HAND.queue.Id, UserOrGroupId: PUBLIC_GROUPS.allService.Id });
        expect(item13(after).status).toBe('pass');
        expect(touchedWithoutReason(s, ops)).toEqual([]);
        assertOnlyPlannedChanges(s, after, ops);
    });

    it('names the users it adds per profile in the plan line', () => {
        const s = withChoice(shared, { kind: 'agentUsers' });
        expect(describeOperation(plan(s, ['queueMembers'])[0])).toEqual({
            key: 'op.addQueueMembers',
            params: { queue: 'Chat_Queue', profiles: 'Support (8)', count: 8 },
        });
    });

    it('plans nothing when the chosen group is already in the queue, and says why', () => {
        const s = withChoice(shared, { kind: 'publicGroup', groupDeveloperName: 'support_chat' });
        expect(plan(s, ['queueMembers'])).toEqual([]);
        expect(item13(s).fix).toEqual({
            available: false,
            reason: { key: 'fix.queueGroupIsMember', params: { group: 'support_chat' } },
        });
    });

    it('refuses a group that does not exist or is not a name, with a clear choice error', () => {
        const unknown = withChoice(shared, { kind: 'publicGroup', groupDeveloperName: 'Nobody_Here' });
        expect(validateChoices(unknown.choices, unknown)).toEqual([
            { field: 'queueMembers', reason: { key: 'choice.publicGroupUnknown', params: { value: 'Nobody_Here' } } },
        ]);
        expect(() => plan(unknown, 'all')).toThrow(ChoicesInvalidError);
        const invalid = withChoice(shared, { kind: 'publicGroup', groupDeveloperName: 'bad name!' });
        expect(validateChoices(invalid.choices, invalid).map((e) => e.reason.key)).toEqual([
            'choice.publicGroupInvalid',
        ]);
        // Without the list of groups (not read), only the name's form is checked.
        const unread = { ...unknown, publicGroups: undefined };
        expect(validateChoices(unread.choices, unread)).toEqual([]);
    });

    it('needs Manage Users, like every queue change', () => {
        const s = withChoice(shared, { kind: 'agentUsers' });
        const noManage = { ...s, user: { id: s.user.id, permissions: { ...ADMIN, manageUsers: false } } };
        expect(item13(noManage).fix).toEqual({ available: false, reason: { key: 'fix.needsManageUsers', params: {} } });
        expect(plan(noManage, ['queueMembers'])).toEqual([]);
    });

    it("never names another queue than SimplyChat's (law 4 catches a planted one)", () => {
        const s = withChoice(shared, { kind: 'agentUsers' });
        const [op] = plan(s, ['queueMembers']);
        expect(touchedWithoutReason(s, [op])).toEqual([]);
        const planted = { ...op, queueId: '00G5g00000CasesQAA', queueDeveloperName: 'Cases' };
        expect(touchedWithoutReason(s, [planted])).toEqual(['members of queue Cases']);
        expect(touchedWithoutReason(withChoice(s, null), [op])).toEqual(['members of queue Chat_Queue']);
    });

    it('keeps every existing member (law 3 catches a simulation that drops one)', () => {
        const s = withChoice(shared, { kind: 'agentUsers' });
        const ops = plan(s, ['queueMembers']);
        const after = simulate(s, ops);
        const dropped = withState(after, (st) => ({ ...st, members: st.members.slice(1) }));
        expect(() => assertOnlyPlannedChanges(s, dropped, ops)).toThrow();
    });
});
