import {
    ChoicesInvalidError,
    evaluate,
    plan,
    SHARED_ROUTING_CHOICES,
    validateChoices,
    simulate,
    waitingForConnection,
    type ChecklistItem,
    type ItemId,
    type OrgSnapshot,
} from '../setupEngine';
import {
    ADMIN,
    CHAT,
    choices,
    fullySetUpOrg,
    HAND,
    NO_PERMISSIONS,
    omniDisabledOrg,
    omniOrg,
    packageFlow,
    partlySetUpOrg,
    PROFILE,
    read,
    SC_SETUP_FIELDS,
    SHARED,
    sharedOmniOrg,
} from './fixtures';
import { assertOnlyPlannedChanges, touchedWithoutReason } from './lawCheck';

/** id → "status reason.key", the whole checklist at a glance. */
function summary(items: ChecklistItem[]): Record<string, string> {
    return Object.fromEntries(items.map((i) => [i.id, `${i.status} ${i.reason.key}`]));
}

function item(items: ChecklistItem[], id: ItemId): ChecklistItem {
    const found = items.find((i) => i.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
}

function fixReason(i: ChecklistItem): string {
    return i.fix.available ? 'available' : i.fix.reason.key;
}

const AGENT_USERS = { kind: 'agentUsers' } as const;

/** SimplyChat's own routing configuration as the guide sets it, created new. */
const NEW_ROUTING_CONFIG = {
    kind: 'upsertRoutingConfig',
    itemId: 'routingConfig',
    existingId: null,
    developerName: 'SimplyChat',
    label: 'SimplyChat',
    routingModel: 'MostAvailable',
    routingPriority: 1,
    capacityWeight: 1,
    changes: [],
} as const;

/** Item 14 has no automatic fix (a guided step in App Manager): a plan leaves it as it was. */
const MANUAL_ONLY: ReadonlySet<ItemId> = new Set<ItemId>(['agentApps']);

/**
 * A full plan turns everything green but item 14 (manual). Item 13 adds queue members only when the admin chose what
 * to add: without that choice, only item 13 may stay, waiting for it; with "each agent user" chosen, it passes too.
 */
function allPass(s: OrgSnapshot): void {
    const notPassing = (x: OrgSnapshot): string[] =>
        evaluate(x)
            .filter((i) => i.status !== 'pass' && !MANUAL_ONLY.has(i.id))
            .map((i) => `${i.id} ${i.status} ${i.reason.key}`);
    if (!s.choices.queueMembers) {
        const after = simulate(s, plan(s, 'all'));
        expect(notPassing(after).filter((line) => !line.startsWith('queueMembers fail'))).toEqual([]);
        expect(plan(after, 'all')).toEqual([]);
        const waiting = item(evaluate(after), 'queueMembers');
        if (waiting.status !== 'pass') expect(fixReason(waiting)).toBe('fix.chooseQueueMembers');
    }
    const chosen = s.choices.queueMembers ? s : { ...s, choices: { ...s.choices, queueMembers: AGENT_USERS } };
    const after = simulate(chosen, plan(chosen, 'all'));
    expect(item(evaluate(after), 'agentApps').reason.key).toBe(item(evaluate(chosen), 'agentApps').reason.key);
    expect(notPassing(after)).toEqual([]);
    expect(plan(after, 'all')).toEqual([]);
}

describe('a fresh org with Omni-Channel off', () => {
    const s = omniDisabledOrg();
    const items = evaluate(s);

    it('fails Omni-Channel and blocks every Omni-Channel item behind it', () => {
        expect(summary(items)).toEqual({
            apiAccess: 'pass item.apiAccess.ok',
            permissions: 'pass item.permissions.canFix',
            omniChannel: 'fail item.omniChannel.disabled',
            serviceChannel: 'blocked item.blocked',
            routingConfig: 'blocked item.blocked',
            queue: 'blocked item.blocked',
            onlineStatus: 'blocked item.blocked',
            busyStatus: 'blocked item.blocked',
            presenceConfig: 'blocked item.blocked',
            profileAccess: 'blocked item.blocked',
            flow: 'fail item.flow.inactive',
            scSetup: 'fail item.scSetup.missing',
            queueMembers: 'blocked item.blocked',
            agentApps: 'unknown item.agentApps.notChecked',
        });
        expect(item(items, 'queue').blockedBy).toEqual(['omniChannel', 'routingConfig']);
        expect(item(items, 'queue').reason.params).toEqual({ items: 'omniChannel,routingConfig' });
    });

    it('offers the Omni-Channel fix only with an org-wide confirmation, and no fix for blocked items', () => {
        expect(fixReason(item(items, 'omniChannel'))).toBe('available');
        expect(item(items, 'omniChannel').needs).toEqual(['confirmOrgWide']);
        expect(fixReason(item(items, 'serviceChannel'))).toBe('fix.blocked');
    });

    it('plans enabling Omni-Channel first, then everything else, and ends all green', () => {
        const ops = plan(s, 'all');
        expect(ops.map((o) => o.kind)).toEqual([
            'enableOmniChannel',
            'createServiceChannel',
            'upsertRoutingConfig',
            'upsertQueue',
            'createPresenceStatus',
            'createPresenceStatus',
            'createPresenceConfig',
            'grantStatusAccess',
            'activateFlow',
            'setScSetupDefaults',
        ]);
        allPass(s);
    });

    it('plans only the Omni-Channel switch when only that item is fixed', () => {
        expect(plan(s, ['omniChannel'])).toEqual([{ kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true }]);
    });
});

describe('Omni-Channel on, nothing set up yet', () => {
    const s = omniOrg();
    const items = evaluate(s);

    it('fails each missing record, and blocks the items that need another first', () => {
        expect(summary(items)).toEqual({
            apiAccess: 'pass item.apiAccess.ok',
            permissions: 'pass item.permissions.canFix',
            omniChannel: 'pass item.omniChannel.enabled',
            serviceChannel: 'fail item.serviceChannel.missing',
            routingConfig: 'fail item.routingConfig.missing',
            queue: 'blocked item.blocked',
            onlineStatus: 'blocked item.blocked',
            busyStatus: 'fail item.busyStatus.missing',
            presenceConfig: 'fail item.presenceConfig.missing',
            profileAccess: 'blocked item.blocked',
            flow: 'fail item.flow.inactive',
            scSetup: 'fail item.scSetup.missing',
            queueMembers: 'blocked item.blocked',
            agentApps: 'unknown item.agentApps.notChecked',
        });
        expect(item(items, 'serviceChannel').reason.params).toEqual({ object: CHAT });
        expect(item(items, 'onlineStatus').blockedBy).toEqual(['serviceChannel']);
        expect(item(items, 'profileAccess').blockedBy).toEqual(['onlineStatus', 'busyStatus']);
    });

    it('creates the records with the guide values and the default names', () => {
        const ops = plan(s, 'all');
        expect(ops).toContainEqual({
            kind: 'createServiceChannel',
            itemId: 'serviceChannel',
            developerName: 'SimplyChat',
            label: 'SimplyChat',
            relatedEntityType: CHAT,
        });
        expect(ops).toContainEqual(NEW_ROUTING_CONFIG);
        expect(ops).toContainEqual({
            kind: 'createPresenceStatus',
            itemId: 'onlineStatus',
            developerName: 'SimplyChat_Online',
            label: 'Online',
            channelDeveloperNames: ['SimplyChat'],
        });
        expect(ops).toContainEqual({
            kind: 'createPresenceStatus',
            itemId: 'busyStatus',
            developerName: 'SimplyChat_Busy',
            label: 'Busy',
            channelDeveloperNames: [],
        });
        expect(ops).toContainEqual({
            kind: 'createPresenceConfig',
            itemId: 'presenceConfig',
            developerName: 'SimplyChat',
            label: 'SimplyChat Agents',
            capacity: 5,
            profiles: [
                { profileId: PROFILE.agent.Id, profileName: 'SimplyChat Agent' },
                { profileId: PROFILE.support.Id, profileName: 'Support' },
            ],
        });
        allPass(s);
    });

    it('uses the capacity the admin chose for a new presence configuration', () => {
        const ops = plan(s, ['presenceConfig'], choices({ capacity: 3 }));
        expect(ops).toEqual([expect.objectContaining({ kind: 'createPresenceConfig', capacity: 3 })]);
    });

    it('plans a blocked item together with the items it waits for', () => {
        expect(plan(s, ['onlineStatus']).map((o) => `${o.itemId}:${o.kind}`)).toEqual([
            'serviceChannel:createServiceChannel',
            'onlineStatus:createPresenceStatus',
        ]);
        expect(plan(s, ['profileAccess']).map((o) => o.itemId)).toEqual([
            'serviceChannel',
            'onlineStatus',
            'busyStatus',
            'profileAccess',
        ]);
    });

    it('asks for agent profiles before planning the presence configuration and access', () => {
        const none = omniOrg({}, { choices: choices({ agentProfileIds: [] }) });
        const list = evaluate(none);
        expect(item(list, 'presenceConfig').reason.key).toBe('item.presenceConfig.noAgentProfiles');
        expect(item(list, 'presenceConfig').needs).toEqual(['agentProfiles']);
        expect(fixReason(item(list, 'presenceConfig'))).toBe('fix.needsChoices');
        expect(plan(none, ['presenceConfig'])).toEqual([]);
    });
});

describe('fully set up by hand, with other names', () => {
    const s = fullySetUpOrg();
    const items = evaluate(s);

    it('passes every item and reuses what the admin made', () => {
        expect(items.every((i) => i.status === 'pass')).toBe(true);
        expect(item(items, 'queueMembers').reason).toEqual({
            key: 'item.queueMembers.ok',
            params: { name: 'Chat Queue', count: 37 },
        });
        expect(item(items, 'serviceChannel').reason.params).toEqual({ name: 'Chat Sessions', object: CHAT });
        expect(item(items, 'routingConfig').reason.params).toEqual({ name: 'Chat Routing' });
        expect(item(items, 'queue').reason.params).toEqual({ name: 'Chat Queue' });
        expect(item(items, 'onlineStatus').reason.params).toEqual({ name: 'Available' });
        expect(item(items, 'busyStatus').reason.params).toEqual({ name: 'Away' });
        expect(item(items, 'presenceConfig').reason.params).toEqual({ name: 'Agents', capacity: 3, count: 2 });
        expect(item(items, 'agentApps').reason.params).toEqual({ count: 2, apps: 'Service Console' });
        expect(items.every((i) => fixReason(i) === 'fix.notNeeded')).toBe(true);
    });

    it('plans nothing', () => {
        expect(plan(s, 'all')).toEqual([]);
    });

    it('counts a status carrying SimplyChat plus other channels as online, and keeps its other channels', () => {
        expect(item(items, 'onlineStatus').details).toEqual([
            { kind: 'record', role: 'onlineStatus', developerName: 'Available', label: 'Available' },
        ]);
    });

    it('changes the capacity only when the admin chose a different one', () => {
        const chosen = { ...s, choices: choices({ capacity: 5 }) };
        const list = evaluate(chosen);
        expect(summary(list).presenceConfig).toBe('warning item.presenceConfig.capacityDiffers');
        expect(item(list, 'presenceConfig').reason.params).toEqual({ name: 'Agents', actual: 3, chosen: 5 });
        expect(plan(chosen, 'all')).toEqual([
            {
                kind: 'setCapacity',
                itemId: 'presenceConfig',
                configId: HAND.agentsConfig.Id,
                configDeveloperName: 'Agents_Config',
                from: 3,
                capacity: 5,
            },
        ]);
        allPass(chosen);
    });
});

describe('partly set up', () => {
    const s = partlySetUpOrg();
    const items = evaluate(s);

    it('passes what exists and fails the rest', () => {
        expect(summary(items)).toEqual({
            apiAccess: 'pass item.apiAccess.ok',
            permissions: 'pass item.permissions.canFix',
            omniChannel: 'pass item.omniChannel.enabled',
            serviceChannel: 'pass item.serviceChannel.ok',
            routingConfig: 'fail item.routingConfig.missing',
            queue: 'blocked item.blocked',
            onlineStatus: 'pass item.onlineStatus.ok',
            busyStatus: 'fail item.busyStatus.missing',
            presenceConfig: 'fail item.presenceConfig.missing',
            profileAccess: 'blocked item.blocked',
            flow: 'fail item.flow.inactive',
            scSetup: 'fail item.scSetup.missing',
            queueMembers: 'blocked item.blocked',
            agentApps: 'fail item.agentApps.missing',
        });
    });

    it('grants each profile only the statuses it lacks, reusing the existing online status', () => {
        const grant = plan(s, ['profileAccess']).find((o) => o.kind === 'grantStatusAccess');
        expect(grant).toEqual({
            kind: 'grantStatusAccess',
            itemId: 'profileAccess',
            grants: [
                {
                    profileId: PROFILE.agent.Id,
                    profileName: 'SimplyChat Agent',
                    statusDeveloperNames: ['SimplyChat_Busy'],
                },
                {
                    profileId: PROFILE.support.Id,
                    profileName: 'Support',
                    statusDeveloperNames: ['Available', 'SimplyChat_Busy'],
                },
            ],
        });
        allPass(s);
    });

    it('lists per profile which statuses are missing once the statuses exist', () => {
        const withBusy = simulate(s, plan(s, ['busyStatus']));
        const access = item(evaluate(withBusy), 'profileAccess');
        expect(access.status).toBe('fail');
        expect(access.reason).toEqual({ key: 'item.profileAccess.missing', params: { count: 2 } });
        expect(access.details).toEqual([
            {
                kind: 'profileMissingAccess',
                profileId: PROFILE.agent.Id,
                profileName: 'SimplyChat Agent',
                missingStatuses: ['SimplyChat_Busy'],
                usersWithout: 25,
            },
            {
                kind: 'profileMissingAccess',
                profileId: PROFILE.support.Id,
                profileName: 'Support',
                missingStatuses: ['Available', 'SimplyChat_Busy'],
                usersWithout: 12,
            },
        ]);
    });
});

describe('routing configuration with wrong values', () => {
    const wrong = {
        ...HAND.routing,
        RoutingModel: 'LeastActive',
        RoutingPriority: 2,
        CapacityWeight: null,
        CapacityPercentage: 100,
    };
    const s: OrgSnapshot = { ...fullySetUpOrg(), routingConfigs: read([wrong]) };
    const items = evaluate(s);

    it('warns and shows each wrong value', () => {
        expect(summary(items).routingConfig).toBe('warning item.routingConfig.wrongValues');
        expect(item(items, 'routingConfig').reason.params).toEqual({ name: 'Chat Routing', count: 4 });
        expect(item(items, 'routingConfig').details.filter((d) => d.kind === 'fieldMismatch')).toEqual([
            { kind: 'fieldMismatch', field: 'RoutingPriority', expected: '1', actual: '2' },
            { kind: 'fieldMismatch', field: 'RoutingModel', expected: 'MostAvailable', actual: 'LeastActive' },
            { kind: 'fieldMismatch', field: 'CapacityWeight', expected: '1', actual: '' },
            { kind: 'fieldMismatch', field: 'CapacityPercentage', expected: '', actual: '100' },
        ]);
    });

    it('does not block the queue: a warning still routes', () => {
        expect(summary(items).queue).toBe('pass item.queue.ok');
    });

    it('updates exactly the wrong fields of the configuration the chat queue uses', () => {
        expect(plan(s, ['routingConfig'])).toEqual([
            {
                kind: 'upsertRoutingConfig',
                itemId: 'routingConfig',
                existingId: HAND.routing.Id,
                developerName: 'Chat_Routing',
                label: 'Chat Routing',
                routingModel: 'MostAvailable',
                routingPriority: 1,
                capacityWeight: 1,
                changes: [
                    { field: 'RoutingPriority', from: '2', to: '1' },
                    { field: 'RoutingModel', from: 'LeastActive', to: 'MostAvailable' },
                    { field: 'CapacityWeight', from: '', to: '1' },
                    { field: 'CapacityPercentage', from: '100', to: '' },
                ],
            },
        ]);
        allPass(s);
    });
});

describe("another team's queue uses the same routing configuration", () => {
    const wrong = { ...HAND.routing, RoutingPriority: 2 };
    const casesQueue = {
        Id: '00G5g00000CasesAAA',
        DeveloperName: 'Support_Cases',
        Name: 'Support Cases',
        QueueRoutingConfigId: HAND.routing.Id,
    };
    const base = fullySetUpOrg();
    const routed = [...(base.queues.status === 'read' ? base.queues.records : []), casesQueue];
    const s: OrgSnapshot = { ...base, routingConfigs: read([wrong]), routedQueues: read(routed) };

    it('names the other queues and changes nothing of the configuration without a choice', () => {
        const i = item(evaluate(s), 'routingConfig');
        expect(i.status).toBe('warning');
        expect(i.reason).toEqual({
            key: 'item.routingConfig.sharedWrongValues',
            params: { name: 'Chat Routing', count: 1, queues: 'Support Cases' },
        });
        expect(fixReason(i)).toBe('fix.chooseSharedRouting');
        expect(i.needs).toEqual(['sharedRoutingConfig']);
        expect(plan(s, 'all').filter((op) => op.kind === 'upsertRoutingConfig')).toEqual([]);
        const kept: OrgSnapshot = { ...s, choices: { ...s.choices, sharedRoutingConfig: 'keep' } };
        expect(plan(kept, 'all').filter((op) => op.itemId === 'routingConfig')).toEqual([]);
        expect(touchedWithoutReason(s, plan(s, 'all'))).toEqual([]);
    });

    it('changes it only when the admin chose to, naming who else it routes', () => {
        const chosen: OrgSnapshot = { ...s, choices: { ...s.choices, sharedRoutingConfig: 'update' } };
        const ops = plan(chosen, ['routingConfig']);
        expect(ops.map((op) => [op.kind, op.kind === 'upsertRoutingConfig' && op.existingId])).toEqual([
            ['upsertRoutingConfig', HAND.routing.Id],
        ]);
        expect(item(evaluate(chosen), 'routingConfig').reason.params).toMatchObject({ queues: 'Support Cases' });
        expect(touchedWithoutReason(chosen, ops)).toEqual([]);
        // The law catches a plan that changes it without the choice, and with the choice to give SimplyChat its own.
        expect(touchedWithoutReason(s, ops)).toEqual(['routing configuration Chat_Routing shared with Support Cases']);
        const own: OrgSnapshot = { ...s, choices: { ...s.choices, sharedRoutingConfig: 'own' } };
        expect(touchedWithoutReason(own, ops)).toEqual([
            'routing configuration Chat_Routing shared with Support Cases',
        ]);
    });

    it('reads the older saved boolean as update, and the new value wins over it', () => {
        const legacy: OrgSnapshot = { ...s, choices: { ...s.choices, updateSharedRoutingConfig: true } };
        expect(plan(legacy, ['routingConfig']).map((op) => op.kind)).toEqual(['upsertRoutingConfig']);
        const both: OrgSnapshot = {
            ...legacy,
            choices: { ...legacy.choices, sharedRoutingConfig: 'keep' },
        };
        expect(plan(both, ['routingConfig'])).toEqual([]);
    });

    it('gives SimplyChat its own configuration by choice: created, the queue relinked, the shared one unwritten', () => {
        const own: OrgSnapshot = { ...s, choices: { ...s.choices, sharedRoutingConfig: 'own' } };
        const i = item(evaluate(own), 'routingConfig');
        expect(i.fix.available).toBe(true);
        const ops = plan(own, ['routingConfig']);
        expect(ops).toEqual([
            NEW_ROUTING_CONFIG,
            {
                kind: 'upsertQueue',
                itemId: 'routingConfig',
                existingId: HAND.queue.Id,
                developerName: 'Chat_Queue',
                label: 'Chat Queue',
                routingConfigDeveloperName: 'SimplyChat',
                addSobjectTypes: [],
            },
        ]);
        expect(touchedWithoutReason(own, plan(own, 'all'))).toEqual([]);
        const after = simulate(own, plan(own, 'all'));
        // The other team's queue keeps the old configuration, unchanged; SimplyChat's queue routes through its own.
        const routing = after.routingConfigs.status === 'read' ? after.routingConfigs.records : [];
        expect(routing.find((c) => c.Id === HAND.routing.Id)).toEqual(wrong);
        const queues = after.queues.status === 'read' ? after.queues.records : [];
        const ownConfig = routing.find((c) => c.DeveloperName === 'SimplyChat');
        expect(queues.find((q) => q.Id === HAND.queue.Id)?.QueueRoutingConfigId).toBe(ownConfig?.Id);
        expect(item(evaluate(after), 'routingConfig').reason).toEqual({
            key: 'item.routingConfig.ok',
            params: { name: 'SimplyChat' },
        });
        expect(plan(after, 'all').filter((op) => op.itemId === 'routingConfig')).toEqual([]);
        assertOnlyPlannedChanges(own, after, plan(own, 'all'));
    });

    it('holds for a configuration that merely carries the SimplyChat name', () => {
        const named = { ...wrong, DeveloperName: 'SimplyChat', MasterLabel: 'SimplyChat' };
        const noChatQueue: OrgSnapshot = {
            ...omniOrg(),
            routingConfigs: read([named]),
            routedQueues: read([casesQueue]),
        };
        const i = item(evaluate(noChatQueue), 'routingConfig');
        expect(i.reason.key).toBe('item.routingConfig.sharedWrongValues');
        expect(plan(noChatQueue, 'all').filter((op) => op.kind === 'upsertRoutingConfig')).toEqual([]);
        expect(touchedWithoutReason(noChatQueue, plan(noChatQueue, 'all'))).toEqual([]);
        // By choice SimplyChat gets its own, under the next free name, and the new queue routes through it.
        const own: OrgSnapshot = { ...noChatQueue, choices: { ...noChatQueue.choices, sharedRoutingConfig: 'own' } };
        const ops = plan(own, 'all');
        const created = ops.filter((op) => op.kind === 'upsertRoutingConfig');
        expect(created).toMatchObject([{ existingId: null, developerName: 'SimplyChat_2', label: 'SimplyChat 2' }]);
        expect(ops.find((op) => op.kind === 'upsertQueue')).toMatchObject({
            existingId: null,
            routingConfigDeveloperName: 'SimplyChat_2',
        });
        expect(touchedWithoutReason(own, ops)).toEqual([]);
        const after = simulate(own, ops);
        expect(item(evaluate(after), 'routingConfig').status).toBe('pass');
        expect(plan(after, 'all').filter((op) => op.itemId === 'routingConfig' || op.itemId === 'queue')).toEqual([]);
    });

    it('refuses a value that is not one of keep, update and own: nothing is planned', () => {
        const bad = { ...s.choices, sharedRoutingConfig: 'rewrite' } as unknown as OrgSnapshot['choices'];
        expect(validateChoices(bad, s)).toEqual([
            {
                field: 'sharedRoutingConfig',
                reason: { key: 'choice.sharedRoutingInvalid', params: { value: 'rewrite' } },
            },
        ]);
        expect(() => plan(s, 'all', bad)).toThrow(ChoicesInvalidError);
        expect(SHARED_ROUTING_CHOICES).toEqual(['keep', 'update', 'own']);
    });

    it('passes with the guide values, still naming the other queues', () => {
        const ok: OrgSnapshot = { ...s, routingConfigs: read([HAND.routing]) };
        expect(item(evaluate(ok), 'routingConfig').reason).toEqual({
            key: 'item.routingConfig.okShared',
            params: { name: 'Chat Routing', queues: 'Support Cases' },
        });
    });
});

describe('an agent profile in another presence configuration', () => {
    const base = fullySetUpOrg();
    const assignments = [
        { Id: '0Nf5g00000000PcpAg', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: PROFILE.agent.Id },
        { Id: '0Nf5g00000000PcpSu', PresenceUserConfigId: HAND.salesConfig.Id, ProfileId: PROFILE.support.Id },
    ];
    const s: OrgSnapshot = {
        ...base,
        presenceConfigs: read([HAND.agentsConfig, HAND.salesConfig]),
        presenceConfigProfiles: read(assignments),
    };

    it('reports the profile with the configuration it sits in, and does not move it unasked', () => {
        const presence = item(evaluate(s), 'presenceConfig');
        expect(presence.status).toBe('warning');
        expect(presence.reason).toEqual({
            key: 'item.presenceConfig.profilesInOtherConfig',
            params: { count: 1, name: 'Agents' },
        });
        expect(presence.details).toContainEqual({
            kind: 'profileInOtherConfig',
            profileId: PROFILE.support.Id,
            profileName: 'Support',
            configId: HAND.salesConfig.Id,
            configName: 'Sales Team',
            willMove: false,
            otherProfiles: [],
            otherUserCount: 0,
        });
        expect(presence.needs).toContain('moveProfiles');
        expect(plan(s, 'all')).toEqual([]);
        // The fix waits for a choice: the reason names it, not the generic fix.unknown.
        expect(presence.fix).toEqual({
            available: false,
            reason: { key: 'fix.chooseMoveProfiles', params: { count: 1 } },
        });
    });

    it('moves it when the admin ticks it, and keeps the other configuration', () => {
        const chosen = { ...s, choices: choices({ moveProfileIds: [PROFILE.support.Id] }) };
        const ops = plan(chosen, 'all');
        expect(ops).toEqual([
            {
                kind: 'moveProfilesToConfig',
                itemId: 'presenceConfig',
                configId: HAND.agentsConfig.Id,
                configDeveloperName: 'Agents_Config',
                moves: [
                    {
                        profileId: PROFILE.support.Id,
                        profileName: 'Support',
                        fromConfigId: HAND.salesConfig.Id,
                        fromConfigDeveloperName: 'Sales_Config',
                    },
                ],
            },
        ]);
        const after = simulate(chosen, ops);
        expect(after.presenceConfigs).toEqual(chosen.presenceConfigs);
        allPass(chosen);
    });
});

describe('a user without permission', () => {
    const s: OrgSnapshot = { ...omniOrg(), user: { id: '0055g00000000Agent', permissions: NO_PERMISSIONS } };
    const items = evaluate(s);

    it('fails the permission item with each missing permission, and offers no fix anywhere', () => {
        expect(summary(items).permissions).toBe('fail item.permissions.cannotRead');
        expect(item(items, 'permissions').details).toEqual([
            { kind: 'missingPermission', permission: 'viewSetup' },
            { kind: 'missingPermission', permission: 'customizeApplication' },
            { kind: 'missingPermission', permission: 'modifyMetadata' },
        ]);
        expect(items.filter((i) => i.fix.available)).toEqual([]);
        expect(fixReason(item(items, 'serviceChannel'))).toBe('fix.readOnly');
    });

    it('plans nothing this user may not run: the plan respects permissions, for the CLI as for the tab', () => {
        expect(plan(s, 'all')).toEqual([]);
        expect(plan(omniOrg(), 'all').length).toBeGreaterThan(0);
    });

    it('plans everything but the queue without Manage Users, and only the package setting without the API', () => {
        const noManageUsers: OrgSnapshot = {
            ...omniOrg(),
            user: { id: s.user.id, permissions: { ...ADMIN, manageUsers: false } },
        };
        expect(plan(noManageUsers, 'all').map((o) => o.kind)).not.toContain('upsertQueue');
        expect(plan(noManageUsers, 'all').map((o) => o.kind)).toContain('createServiceChannel');
        const noApi: OrgSnapshot = {
            ...omniOrg(),
            apiAccess: { connectionSetup: 'present', connection: 'unauthenticated', httpStatus: 401 },
        };
        expect(plan(noApi, 'all').map((o) => o.kind)).toEqual(['setScSetupDefaults']);
    });

    it('is read-only with View Setup alone', () => {
        const viewer = { ...s, user: { id: s.user.id, permissions: { ...NO_PERMISSIONS, viewSetup: true } } };
        const list = evaluate(viewer);
        expect(summary(list).permissions).toBe('warning item.permissions.readOnly');
        expect(fixReason(item(list, 'busyStatus'))).toBe('fix.readOnly');
    });

    it('can fix everything but queues without Manage Users', () => {
        const noUsers = evaluate({
            ...s,
            user: {
                id: s.user.id,
                permissions: { ...NO_PERMISSIONS, viewSetup: true, customizeApplication: true, modifyMetadata: true },
            },
        });
        // Neither Manage Users nor Manage Profiles: the item names both.
        expect(summary(noUsers).permissions).toBe('pass item.permissions.canFixExcept');
        expect(item(noUsers, 'permissions').details).toEqual([
            { kind: 'missingPermission', permission: 'manageUsers' },
            { kind: 'missingPermission', permission: 'manageProfilesPermissionsets' },
        ]);
        const onlyUsers = evaluate({
            ...s,
            user: { id: s.user.id, permissions: { ...ADMIN, manageUsers: false } },
        });
        expect(summary(onlyUsers).permissions).toBe('pass item.permissions.canFixExceptQueues');
        const onlyProfiles = evaluate({
            ...s,
            user: { id: s.user.id, permissions: { ...ADMIN, manageProfilesPermissionsets: false } },
        });
        expect(summary(onlyProfiles).permissions).toBe('pass item.permissions.canFixExcept');
        expect(item(onlyProfiles, 'permissions').details).toEqual([
            { kind: 'missingPermission', permission: 'manageProfilesPermissionsets' },
        ]);
        expect(fixReason(item(noUsers, 'busyStatus'))).toBe('available');
        const withRouting = evaluate({
            ...fullySetUpOrg(),
            routingConfigs: read([{ ...HAND.routing, DeveloperName: 'SimplyChat' }]),
            queues: read([{ ...HAND.queue, QueueRoutingConfigId: null }]),
            user: {
                id: s.user.id,
                permissions: { ...NO_PERMISSIONS, viewSetup: true, customizeApplication: true, modifyAllData: true },
            },
        });
        expect(summary(withRouting).queue).toBe('fail item.queue.noRoutingConfig');
        expect(fixReason(item(withRouting, 'queue'))).toBe('fix.needsManageUsers');
    });
});

describe('the API connection', () => {
    it('blocks the API fixes, says how many changes wait for it, and the custom setting can still be fixed', () => {
        const s: OrgSnapshot = { ...omniOrg(), apiAccess: { connectionSetup: 'missing', connection: 'untested' } };
        const items = evaluate(s);
        expect(summary(items).apiAccess).toBe('fail item.apiAccess.notConfigured');
        expect(fixReason(item(items, 'apiAccess'))).toBe('fix.apiBlocks');
        expect(fixReason(item(items, 'busyStatus'))).toBe('fix.needsApi');
        expect(fixReason(item(items, 'scSetup'))).toBe('available');
        // The changes that wait: Fix all with a working connection, less Fix all now (the custom setting only).
        const now = plan(s, 'all');
        const connected = plan({ ...s, apiAccess: { connectionSetup: 'present', connection: 'ok' } }, 'all');
        expect(now.map((op) => op.itemId)).toEqual(['scSetup']);
        const wait = waitingForConnection(s);
        expect(wait.changes).toBe(connected.length - now.length);
        expect(wait.changes).toBeGreaterThan(1);
        expect(wait.items).toContain('busyStatus');
        expect(wait.items).not.toContain('scSetup');
        const blocks = item(items, 'apiAccess').fix;
        expect(blocks.available ? {} : blocks.reason.params).toEqual({
            count: wait.changes,
            items: wait.items.join(','),
        });
    });

    it('stays a review when nothing waits for it', () => {
        const s: OrgSnapshot = {
            ...fullySetUpOrg(),
            apiAccess: { connectionSetup: 'missing', connection: 'untested' },
        };
        expect(waitingForConnection(s)).toEqual({ changes: 0, items: [] });
        expect(summary(evaluate(s)).apiAccess).toBe('warning item.apiAccess.notConfigured');
        expect(fixReason(item(evaluate(s), 'apiAccess'))).toBe('fix.apiSetupSteps');
    });

    it('tells an unauthenticated principal, an error and an untested connection apart', () => {
        const at = (apiAccess: OrgSnapshot['apiAccess']) => summary(evaluate({ ...omniOrg(), apiAccess })).apiAccess;
        expect(at({ connectionSetup: 'present', connection: 'unauthenticated', httpStatus: 401 })).toBe(
            'fail item.apiAccess.unauthenticated'
        );
        expect(at({ connectionSetup: 'present', connection: 'error', httpStatus: 500, message: 'boom' })).toBe(
            'fail item.apiAccess.error'
        );
        expect(at({ connectionSetup: 'present', connection: 'untested' })).toBe('unknown item.apiAccess.untested');
        expect(at({ connectionSetup: 'present', connection: 'wrongOrg', httpStatus: 200 })).toBe(
            'fail item.apiAccess.wrongOrg'
        );
        expect(at({ connectionSetup: 'present', connection: 'wrongUser', httpStatus: 200 })).toBe(
            'fail item.apiAccess.wrongUser'
        );
    });
});

describe('unreadable parts', () => {
    const s: OrgSnapshot = {
        ...partlySetUpOrg(),
        statusAccess: { status: 'unavailable', code: 'noAccess', message: 'Insufficient privileges' },
        flows: { status: 'unavailable', code: 'queryFailed', message: 'INVALID_FIELD' },
        routingConfigs: { status: 'unavailable', code: 'queryFailed', message: 'timeout' },
    };
    const items = evaluate(s);

    it('reports unknown with the part and the reason, never a pass or a fail', () => {
        expect(summary(items).profileAccess).toBe('unknown item.unreadable');
        expect(item(items, 'profileAccess').details).toEqual([
            { kind: 'unreadable', part: 'SetupEntityAccess', code: 'noAccess', message: 'Insufficient privileges' },
        ]);
        expect(summary(items).flow).toBe('unknown item.unreadable');
        expect(summary(items).routingConfig).toBe('unknown item.unreadable');
        expect(fixReason(item(items, 'flow'))).toBe('fix.unknown');
    });

    it('fixes what it can read, changes nothing else, and leaves the unknown items unknown', () => {
        const ops = plan(s, 'all');
        const after = simulate(s, ops);
        expect(summary(evaluate(after))).toMatchObject({
            routingConfig: 'unknown item.unreadable',
            queue: 'blocked item.blocked',
            busyStatus: 'pass item.busyStatus.ok',
            presenceConfig: 'pass item.presenceConfig.ok',
            profileAccess: 'unknown item.unreadable',
            flow: 'unknown item.unreadable',
            scSetup: 'pass item.scSetup.ok',
        });
        expect(plan(after, 'all')).toEqual([]);
        assertOnlyPlannedChanges(s, after, ops);
    });

    it('blocks the items that depend on an unknown one and plans nothing for them', () => {
        expect(summary(items).queue).toBe('blocked item.blocked');
        expect(item(items, 'queue').blockedBy).toEqual(['routingConfig']);
        expect(plan(s, ['queue', 'profileAccess', 'flow'])).toEqual([]);
    });
});

describe('the package pieces', () => {
    it('says the chat object is missing (package not installed) and offers no fix', () => {
        const s: OrgSnapshot = {
            ...omniOrg({ routingConfigs: [{ ...HAND.routing, DeveloperName: 'SimplyChat' }] }),
            chatObject: { apiName: CHAT, exists: false, label: null },
        };
        const items = evaluate(s);
        expect(summary(items).serviceChannel).toBe('fail item.serviceChannel.chatObjectMissing');
        expect(fixReason(item(items, 'serviceChannel'))).toBe('fix.chatObjectMissing');
        expect(summary(items).queue).toBe('fail item.queue.chatObjectMissing');
        expect(summary(items).onlineStatus).toBe('blocked item.blocked');
        expect(fixReason(item(items, 'queue'))).toBe('fix.chatObjectMissing');
        expect(plan(s, ['serviceChannel', 'queue', 'onlineStatus'])).toEqual([]);
    });

    it('fails a missing flow without a fix, and activates an inactive one', () => {
        const missing = evaluate({ ...omniOrg(), flows: read([]) });
        expect(summary(missing).flow).toBe('fail item.flow.missing');
        expect(fixReason(item(missing, 'flow'))).toBe('fix.reinstallPackage');
        expect(plan(omniOrg(), ['flow'])).toEqual([
            {
                kind: 'activateFlow',
                itemId: 'flow',
                flowApiName: packageFlow(false).ApiName,
                latestVersionId: '3015g000000FlowV2A',
            },
        ]);
    });

    it('lists the manual activation of the managed flow in Setup > Flows, never Flow Builder (row 36)', () => {
        const flow = item(evaluate(omniOrg()), 'flow');
        expect(flow.fix.available).toBe(true);
        expect(flow.details).toEqual([
            {
                kind: 'manualStep',
                step: {
                    key: 'fix.activateManagedFlow',
                    params: { name: packageFlow(false).Label, namespace: 'WINP' },
                },
                url: '/lightning/setup/Flows/home',
            },
        ]);
    });

    it("links an org's own (unmanaged) flow to its latest version in Flow Builder", () => {
        const own = omniOrg({}, { flows: read([{ ...packageFlow(false), NamespacePrefix: null }]) });
        expect(item(evaluate(own), 'flow').details).toEqual([
            {
                kind: 'manualStep',
                step: { key: 'fix.activateFlowManually', params: { name: packageFlow(false).Label } },
                url: '/builder_platform_interaction/flowBuilder.app?flowId=3015g000000FlowV2A',
            },
        ]);
    });

    it('finds the flow by its label when the API name differs', () => {
        const renamed = { ...packageFlow(true), ApiName: 'SC_talkSession_status_update' };
        expect(summary(evaluate({ ...omniOrg(), flows: read([renamed]) })).flow).toBe('pass item.flow.active');
    });

    it('reports SC Setup as unknown when the package is absent', () => {
        const s = {
            ...omniOrg(),
            chatObject: { apiName: 'WINP__Talk_Session__c', exists: false, label: null },
            scSetup: read([{ objectApiName: null, fields: [], orgDefault: null, writable: false }]),
        };
        expect(summary(evaluate(s)).scSetup).toBe('unknown item.scSetup.notInstalled');
        expect(plan(s, ['scSetup'])).toEqual([]);
    });

    it('creates the org default with the guide values for the fields it recognises', () => {
        const [op] = plan(omniOrg(), ['scSetup']);
        expect(op).toEqual({
            kind: 'setScSetupDefaults',
            itemId: 'scSetup',
            objectApiName: 'WINP__SC_Setup__c',
            mode: 'create',
            values: {
                WINP__Chat_After_Time__c: 1,
                WINP__Chat_After_Alert_Time__c: 0,
                WINP__Debug_Mode__c: false,
                WINP__Max_Chat_Number__c: 100,
                WINP__Random_Name__c: true,
                WINP__Only_Owner_available_to_chat__c: true,
                WINP__Server_URL__c: 'https://wisetalk.windmillsoft.kr',
            },
        });
    });

    it('makes item 12 a manual step when the package is installed but describe hides its setting', () => {
        const hidden = {
            ...fullySetUpOrg(),
            scSetup: read([{ objectApiName: null, fields: [], orgDefault: null, writable: false }]),
        };
        const setting = item(evaluate(hidden), 'scSetup');
        expect(summary(evaluate(hidden)).scSetup).toBe('unknown item.scSetup.hidden');
        expect(fixReason(setting)).toBe('fix.scSetupManual');
        expect(setting.details).toContainEqual({
            kind: 'settingValue',
            field: 'Server URL',
            expected: 'https://wisetalk.windmillsoft.kr',
            actual: '',
        });
        const noPackage = { ...hidden, chatObject: { apiName: 'WINP__Talk_Session__c', exists: false, label: null } };
        expect(summary(evaluate(noPackage)).scSetup).toBe('unknown item.scSetup.notInstalled');
    });

    it('makes item 12 a manual step when describe says the setting cannot be written (protected)', () => {
        const s = {
            ...fullySetUpOrg(),
            scSetup: read([
                { objectApiName: 'WINP__SC_Setup__c', fields: SC_SETUP_FIELDS, orgDefault: null, writable: false },
            ]),
        };
        const setting = item(evaluate(s), 'scSetup');
        expect(setting.status).toBe('fail');
        expect(setting.fix).toEqual({
            available: false,
            reason: { key: 'fix.scSetupManual', params: { object: 'WINP__SC_Setup__c' } },
        });
        expect(setting.details.some((d) => d.kind === 'settingValue' && d.field === 'Server URL')).toBe(true);
        expect(plan(s, 'all')).toEqual([]);
    });

    it('warns about a blank Server URL and fills only that field', () => {
        const s = {
            ...fullySetUpOrg(),
            scSetup: read([
                {
                    objectApiName: 'WINP__SC_Setup__c',
                    fields: SC_SETUP_FIELDS,
                    orgDefault: { WINP__Server_URL__c: ' ' },
                    writable: true,
                },
            ]),
        };
        expect(summary(evaluate(s)).scSetup).toBe('warning item.scSetup.blankValues');
        expect(plan(s, 'all')).toEqual([
            {
                kind: 'setScSetupDefaults',
                itemId: 'scSetup',
                objectApiName: 'WINP__SC_Setup__c',
                mode: 'fillBlanks',
                values: { WINP__Server_URL__c: 'https://wisetalk.windmillsoft.kr' },
            },
        ]);
        allPass(s);
    });
});

describe('names and reuse', () => {
    it('picks a free developer name when ours is taken by a record that does not fit', () => {
        const busyNamedOnline = { Id: '0N55g00000000Taken', DeveloperName: 'SimplyChat_Online', MasterLabel: 'Old' };
        const s = omniOrg({
            serviceChannels: [HAND.chatChannel],
            presenceStatuses: [busyNamedOnline],
        });
        // SimplyChat_Online exists without channels: it is a busy status, never turned into an online one.
        const ops = plan(s, ['onlineStatus', 'busyStatus']);
        expect(ops).toEqual([
            {
                kind: 'createPresenceStatus',
                itemId: 'onlineStatus',
                developerName: 'SimplyChat_Online_2',
                label: 'Online',
                channelDeveloperNames: ['Chat_Sessions'],
            },
        ]);
        expect(summary(evaluate(s)).busyStatus).toBe('pass item.busyStatus.ok');
    });

    it('adds the channel to our named status when it already carries other channels', () => {
        const named = { Id: '0N55g0000000Online', DeveloperName: 'SimplyChat_Online', MasterLabel: 'Online' };
        const s = omniOrg({
            serviceChannels: [HAND.caseChannel, HAND.chatChannel],
            presenceStatuses: [named],
            statusChannels: [
                { Id: '0N65g0000000LinkOn', ServicePresenceStatusId: named.Id, ServiceChannelId: HAND.caseChannel.Id },
            ],
        });
        expect(plan(s, ['onlineStatus'])).toEqual([
            {
                kind: 'addChannelToStatus',
                itemId: 'onlineStatus',
                statusId: named.Id,
                statusDeveloperName: 'SimplyChat_Online',
                channelDeveloperName: 'Chat_Sessions',
            },
        ]);
        const after = simulate(s, plan(s, ['onlineStatus']));
        expect(after.statusChannels.status === 'read' && after.statusChannels.records.length).toBe(2);
    });

    it('adds the chat object to our named queue and sets its routing configuration', () => {
        const queue = {
            Id: '00G5g000000000Name',
            DeveloperName: 'SimplyChat',
            Name: 'SimplyChat',
            QueueRoutingConfigId: null,
        };
        const s = omniOrg({ routingConfigs: [{ ...HAND.routing, DeveloperName: 'SimplyChat' }], queues: [queue] });
        expect(summary(evaluate(s)).queue).toBe('fail item.queue.missingObject');
        expect(plan(s, ['queue'])).toEqual([
            {
                kind: 'upsertQueue',
                itemId: 'queue',
                existingId: queue.Id,
                developerName: 'SimplyChat',
                label: 'SimplyChat',
                routingConfigDeveloperName: 'SimplyChat',
                addSobjectTypes: [CHAT],
            },
        ]);
    });
});

describe('Omni-Channel already serves other teams', () => {
    const s = sharedOmniOrg();
    const items = evaluate(s);
    const salesChat = SHARED.salesChat;

    it('adds SimplyChat to the Online status the agents use instead of a second "Online" status', () => {
        const online = item(items, 'onlineStatus');
        expect(online.reason).toEqual({
            key: 'item.onlineStatus.notOnAgentStatuses',
            params: { channel: 'Chat_Sessions', statuses: 'Online', count: 1 },
        });
        expect(online.needs).toEqual(['onlineStatusMode']);
        const ops = plan(s, ['onlineStatus']);
        expect(ops).toEqual([
            {
                kind: 'addChannelToStatus',
                itemId: 'onlineStatus',
                statusId: SHARED.availableForChat.Id,
                statusDeveloperName: 'Available_for_Chat',
                channelDeveloperName: 'Chat_Sessions',
            },
        ]);
        const after = simulate(s, ops);
        // Every channel the status had is kept, SimplyChat's is added.
        const carried = (after.statusChannels.status === 'read' ? after.statusChannels.records : [])
            .filter((l) => l.ServicePresenceStatusId === SHARED.availableForChat.Id)
            .map((l) => l.ServiceChannelId);
        expect(carried).toEqual([
            SHARED.caseChannel.Id,
            SHARED.phoneChannel.Id,
            SHARED.messagingChannel.Id,
            SHARED.chatChannel.Id,
        ]);
    });

    it('creates a separate status only when chosen, and never with a label that repeats an existing one', () => {
        const separate = plan(s, ['onlineStatus'], { ...s.choices, separateOnlineStatus: true });
        expect(separate).toEqual([
            {
                kind: 'createPresenceStatus',
                itemId: 'onlineStatus',
                developerName: 'SimplyChat_Online',
                label: 'Online (SimplyChat)',
                channelDeveloperNames: ['Chat_Sessions'],
            },
        ]);
    });

    it("never changes the Sales team's configuration: SimplyChat gets its own, and says who else is on Sales Chat", () => {
        const ops = plan(s, ['presenceConfig']);
        expect(ops).toEqual([
            {
                kind: 'createPresenceConfig',
                itemId: 'presenceConfig',
                developerName: 'SimplyChat',
                label: 'SimplyChat Agents',
                capacity: 5,
                profiles: [{ profileId: PROFILE.agent.Id, profileName: 'SimplyChat Agent' }],
            },
        ]);
        const presence = item(items, 'presenceConfig');
        expect(presence.details).toContainEqual({
            kind: 'profileInOtherConfig',
            profileId: PROFILE.support.Id,
            profileName: 'Support',
            configId: salesChat.Id,
            configName: 'Sales Chat',
            willMove: false,
            otherProfiles: ['Sales'],
            otherUserCount: PROFILE.sales.UserCount + 3,
        });
        expect(presence.details).toContainEqual({
            kind: 'profileOnDefaultConfig',
            profileId: PROFILE.agent.Id,
            profileName: 'SimplyChat Agent',
            configName: 'Default Presence Configuration',
            capacity: 5,
        });
        // With a capacity chosen, still no change to Sales Chat.
        expect(plan(s, 'all', { ...s.choices, capacity: 2 }).filter((o) => o.kind === 'setCapacity')).toEqual([]);
    });

    it('reports agents assigned directly to another configuration, and moves them only when chosen', () => {
        const after = simulate(s, plan(s, 'all'));
        const presence = item(evaluate(after), 'presenceConfig');
        expect(presence.status).toBe('warning');
        expect(presence.details).toContainEqual({
            kind: 'usersInOtherConfig',
            profileId: PROFILE.agent.Id,
            profileName: 'SimplyChat Agent',
            configId: salesChat.Id,
            configName: 'Sales Chat',
            userCount: 2,
            firstUserName: 'Kim Minji',
            willMove: false,
        });
        expect(presence.needs).toEqual(['agentProfiles', 'capacity', 'moveProfiles', 'moveUsers']);
        expect(presence.fix).toEqual({
            available: false,
            reason: { key: 'fix.chooseMoveProfiles', params: { count: 1 } },
        });
        const onlyUsers = { ...after, choices: { ...after.choices, agentProfileIds: [PROFILE.agent.Id] } };
        const waiting = item(evaluate(onlyUsers), 'presenceConfig');
        expect(waiting.reason).toEqual({
            key: 'item.presenceConfig.usersInOtherConfig',
            params: { count: 2, names: 'Kim Minji', name: 'SimplyChat Agents' },
        });
        expect(waiting.fix).toEqual({ available: false, reason: { key: 'fix.chooseMoveUsers', params: { count: 2 } } });

        const chosen = {
            ...after,
            choices: { ...after.choices, moveProfileIds: [PROFILE.support.Id], moveDirectUsers: true },
        };
        const moves = plan(chosen, 'all');
        expect(moves.map((o) => o.kind)).toEqual(['moveProfilesToConfig', 'moveUsersToConfig']);
        const done = simulate(chosen, moves);
        // Only item 13 waits: 8 Support agents are not in the queue until the admin chooses what to add.
        expect(
            evaluate(done)
                .filter((i) => i.status !== 'pass' && !MANUAL_ONLY.has(i.id))
                .map((i) => i.id)
        ).toEqual(['queueMembers']);
        // Sales Chat keeps its capacity, the Sales profile and its own direct users.
        expect(
            done.presenceConfigs.status === 'read' && done.presenceConfigs.records.find((c) => c.Id === salesChat.Id)
        ).toEqual(salesChat);
        expect(done.presenceConfigUsers).toEqual(
            read([
                {
                    PresenceUserConfigId: salesChat.Id,
                    ProfileId: PROFILE.sales.Id,
                    UserCount: 3,
                    FirstUserName: 'Lee Jun',
                },
                {
                    PresenceUserConfigId: (moves[1] as { configId: string }).configId,
                    ProfileId: PROFILE.agent.Id,
                    UserCount: 2,
                    FirstUserName: 'Kim Minji',
                },
            ])
        );
    });

    it('counts status access through permission sets: no profile change when every agent has it', () => {
        const ops = plan(s, 'all');
        expect(ops.filter((o) => o.kind === 'grantStatusAccess')).toEqual([]);
        const access = item(evaluate(simulate(s, ops)), 'profileAccess');
        expect(access.status).toBe('pass');
        expect(access.reason).toEqual({
            key: 'item.profileAccess.okWithPermissionSets',
            params: { count: 2, permissionSets: 'Omni Agents' },
        });
    });

    it('grants the profile when some agents lack the permission set, and says how many', () => {
        const some: OrgSnapshot = {
            ...s,
            permissionSetAccess: read(
                (s.permissionSetAccess.status === 'read' ? s.permissionSetAccess.records : []).map((ps) => ({
                    ...ps,
                    Assignees: ps.Assignees.slice(0, 20),
                }))
            ),
        };
        const after = simulate(some, plan(some, ['onlineStatus', 'busyStatus']));
        const access = item(evaluate(after), 'profileAccess');
        expect(access.details).toContainEqual({
            kind: 'profileMissingAccess',
            profileId: PROFILE.agent.Id,
            profileName: 'SimplyChat Agent',
            missingStatuses: ['Available_for_Chat', 'Away'],
            usersWithout: 5,
        });
    });

    it('item 13: finds the agents outside the queue through roles, subordinates, groups and names', () => {
        const members = item(items, 'queueMembers');
        expect(members.status).toBe('fail');
        expect(members.reason).toEqual({
            key: 'item.queueMembers.notMembers',
            params: { name: 'Chat Queue', count: 8, profiles: 1 },
        });
        // The SimplyChat Agent profile is covered (Service Lead and subordinates, 2 by name): only Support is named.
        expect(members.details.filter((d) => d.kind === 'profileNotInQueue')).toEqual([
            {
                kind: 'profileNotInQueue',
                profileId: PROFILE.support.Id,
                profileName: 'Support',
                userCount: 12,
                memberCount: 4,
            },
        ]);
        expect(members.needs).toEqual(['queueMembers']);
        expect(fixReason(members)).toBe('fix.chooseQueueMembers');
        expect(plan(s, ['queueMembers'])).toEqual([]);
    });

    it('item 13: adds the chosen members to the queue, keeps its members, and converges', () => {
        const chosen = { ...s, choices: { ...s.choices, queueMembers: AGENT_USERS } };
        const ops = plan(chosen, ['queueMembers']);
        expect(ops).toEqual([
            {
                kind: 'addQueueMembers',
                itemId: 'queueMembers',
                queueId: HAND.queue.Id,
                queueDeveloperName: 'Chat_Queue',
                profiles: [{ profileId: PROFILE.support.Id, profileName: 'Support', userCount: 8 }],
                publicGroupDeveloperName: null,
            },
        ]);
        const after = simulate(chosen, ops);
        expect(summary(evaluate(after)).queueMembers).toBe('pass item.queueMembers.ok');
        expect(plan(after, ['queueMembers'])).toEqual([]);
        expect(touchedWithoutReason(chosen, ops)).toEqual([]);
        assertOnlyPlannedChanges(chosen, after, ops);
    });

    it('changes only what the choices name (law 4) and converges', () => {
        expect(touchedWithoutReason(s, plan(s, 'all'))).toEqual([]);
        const after = simulate(s, plan(s, 'all'));
        assertOnlyPlannedChanges(s, after, plan(s, 'all'));
    });
});

describe('the Default Presence Configuration (a real record)', () => {
    it('reports an agent profile without an assignment as on the default configuration, with its capacity', () => {
        const s = omniOrg({
            presenceConfigs: [SHARED.defaultConfig, HAND.agentsConfig],
            presenceConfigProfiles: [
                { Id: '0Nf5g000000PcpAgAA', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: PROFILE.agent.Id },
            ],
        });
        const presence = item(evaluate(s), 'presenceConfig');
        expect(presence.reason).toEqual({
            key: 'item.presenceConfig.profilesOnDefault',
            params: { count: 1, name: 'Agents', default: 'Default Presence Configuration', capacity: 5 },
        });
        expect(plan(s, ['presenceConfig'])).toEqual([
            {
                kind: 'assignProfilesToConfig',
                itemId: 'presenceConfig',
                configId: HAND.agentsConfig.Id,
                configDeveloperName: 'Agents_Config',
                profiles: [{ profileId: PROFILE.support.Id, profileName: 'Support' }],
            },
        ]);
    });

    it('never adopts the default configuration, nor changes its capacity', () => {
        const s = omniOrg({ presenceConfigs: [SHARED.defaultConfig] });
        const ops = plan(s, ['presenceConfig'], { ...s.choices, capacity: 3 });
        expect(ops.map((o) => o.kind)).toEqual(['createPresenceConfig']);
    });

    it('plans a fresh org from the configurations that exist once Omni-Channel is on', () => {
        const s = omniDisabledOrg();
        const ops = plan(s, 'all');
        const after = simulate(s, ops);
        expect(
            (after.presenceConfigs.status === 'read' ? after.presenceConfigs.records : []).map((c) => c.DeveloperName)
        ).toEqual(['default_presence_config', 'SimplyChat']);
        expect(ops.find((o) => o.kind === 'createPresenceConfig')).toMatchObject({
            profiles: [
                { profileId: PROFILE.agent.Id, profileName: 'SimplyChat Agent' },
                { profileId: PROFILE.support.Id, profileName: 'Support' },
            ],
        });
    });
});
