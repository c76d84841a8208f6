/** The two-phase read: readers read the base parts, `settle` picks SimplyChat's records, readers read by its Ids. */
import {
    awaitingSettledParts,
    evaluate,
    settle,
    withSettledParts,
    type AppRecord,
    type ChecklistItem,
    type OrgSnapshot,
} from '../setupEngine';
import { fullySetUpOrg, HAND, omniOrg, read, sharedOmniOrg, SHARED } from './fixtures';
import { SCENARIOS } from '../../../../../../samples/scenarios';
import { settledPartsOf } from '../../../../../../samples/queueMembers';
import { APP_SETS, APPS, appSet, MENU_ITEMS } from '../../../../../../samples/apps';

/** What a reader's first phase gives: the snapshot without the parts read by the settled Ids. */
function base(s: OrgSnapshot): OrgSnapshot {
    const copy: { -readonly [K in keyof OrgSnapshot]?: OrgSnapshot[K] } = { ...s };
    delete copy.queueMembership;
    delete copy.utilityBars;
    return copy as OrgSnapshot;
}

function item(items: readonly ChecklistItem[], id: string): ChecklistItem {
    const found = items.find((i) => i.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
}

describe('settle picks SimplyChat records from the base parts only', () => {
    it('picks the queue, configuration, statuses and utility bars of a set-up org by their Ids', () => {
        const settled = settle(base(fullySetUpOrg()));
        expect(settled.ids).toEqual({
            queueId: HAND.queue.Id,
            channelId: HAND.chatChannel.Id,
            presenceConfigId: HAND.agentsConfig.Id,
            utilityBarNames: ['LightningService_UtilityBar', 'SimplyChat_UtilityBar'],
        });
        expect(settled.carryingStatuses.map((s) => s.id)).toEqual([HAND.available.Id]);
        expect(settled.busyStatus?.id).toBe(HAND.away.Id);
    });

    it("gives no Id for a record the plan would create, and none for another team's configuration", () => {
        const settled = settle(omniOrg());
        expect(settled.queue).toEqual({ developerName: 'SimplyChat', id: null });
        expect(settled.ids.queueId).toBeNull();
        expect(settled.ids.presenceConfigId).toBeNull();
        const shared = settle(base(sharedOmniOrg()));
        expect(shared.ids.presenceConfigId).not.toBe(SHARED.salesChat.Id);
    });

    it('does not look at the dependent parts', () => {
        for (const s of SCENARIOS) {
            const org = s.snapshot();
            expect(settle(base(org))).toEqual(settle(org));
        }
    });

    it('settles on the queue item 6 names, in every sample org', () => {
        for (const s of SCENARIOS) {
            const org = s.snapshot();
            const queue = item(evaluate(org), 'queue').details.find((d) => d.kind === 'record' && d.role === 'queue');
            const named = queue?.kind === 'record' ? queue.developerName : null;
            const settled = settle(org).queue;
            expect([s.id, named ?? settled?.id ?? null]).toEqual([s.id, named ?? null]);
            expect([s.id, named === null || settled?.developerName === named]).toEqual([s.id, true]);
        }
    });

    it('lists the utility bar of a console app that only a permission set assigned to agents gives', () => {
        const desk: AppRecord = {
            ...APPS.simplyChat,
            DurableId: '06m5g00000DeskAAAB',
            DeveloperName: 'Desk',
            NamespacePrefix: null,
            Label: 'Desk',
            UtilityBar: 'Desk_UtilityBar',
        };
        const org = fullySetUpOrg();
        const withSet: OrgSnapshot = {
            ...org,
            apps: read([APPS.serviceConsole, APPS.simplyChat, APPS.sales, desk]),
            appMenuItems: read([
                ...Object.values(MENU_ITEMS),
                { ApplicationId: '02u5g00000DeskA', Name: 'Desk', NamespacePrefix: null },
            ]),
            appPermissionSets: read([
                {
                    ...appSet(APP_SETS.omniConsole, [], []),
                    AppIds: ['02u5g00000DeskAAAB'],
                    Assignees: [{ AssigneeId: '0055g000000Desk01A', ProfileId: org.choices.agentProfileIds[0] }],
                },
            ]),
        };
        expect(settle(withSet).ids.utilityBarNames).toEqual([
            'Desk_UtilityBar',
            'LightningService_UtilityBar',
            'SimplyChat_UtilityBar',
        ]);
    });

    it('lists no utility bar while the app access is unreadable', () => {
        const org: OrgSnapshot = { ...fullySetUpOrg(), appAccess: { status: 'unavailable', code: 'noAccess' } };
        expect(settle(org).ids.utilityBarNames).toEqual([]);
    });
});

describe('the two phases give the checklist of a one-phase read', () => {
    it('says item 13 is being read until the dependent parts come, then what a full read says', () => {
        for (const s of SCENARIOS) {
            const org = s.snapshot();
            if (!org.queueMembership) continue;
            const waiting = awaitingSettledParts(base(org));
            const item13 = item(evaluate(waiting), 'queueMembers');
            const needsAgents = item(evaluate(org), 'queueMembers').reason.key === 'item.queueMembers.noAgentProfiles';
            expect([s.id, needsAgents || item13.status === 'unknown' || item13.status === 'blocked']).toEqual([
                s.id,
                true,
            ]);
            const settled = withSettledParts(
                { ...waiting, utilityBars: org.utilityBars },
                settledPartsOf(org, settle(waiting).ids.queueId)
            );
            expect([s.id, evaluate(settled)]).toEqual([s.id, evaluate(org)]);
        }
    });

    it('names the wait on item 13 itself, with no fix offered', () => {
        const waiting = item(evaluate(awaitingSettledParts(base(fullySetUpOrg()))), 'queueMembers');
        expect(waiting.status).toBe('unknown');
        expect(waiting.reason.key).toBe('item.queueMembers.reading');
        expect(waiting.fix.available).toBe(false);
    });

    it('reads the members of the settled queue only, never of another queue', () => {
        const org = fullySetUpOrg();
        const other = { ...HAND.queue, Id: '00G5g000000OtherAA', DeveloperName: 'Other', QueueRoutingConfigId: null };
        const withOther: OrgSnapshot = {
            ...org,
            queues: read([HAND.queue, other]),
            queueMembership: read([
                ...(org.queueMembership?.status === 'read' ? org.queueMembership.records : []),
                {
                    queueId: other.Id,
                    members: [],
                    groups: [],
                    roles: [],
                    memberUsers: [],
                    agentsByRole: [],
                    unresolvedGroupIds: [],
                },
            ]),
        };
        const parts = settledPartsOf(withOther, settle(base(withOther)).ids.queueId);
        expect(parts.queueMembership.status === 'read' && parts.queueMembership.records.map((r) => r.queueId)).toEqual([
            HAND.queue.Id,
        ]);
    });
});
