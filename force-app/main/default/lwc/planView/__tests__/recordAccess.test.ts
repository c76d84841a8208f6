import {
    evaluate,
    plan,
    RECORD_OBJECTS,
    recordRefusal,
    simulate,
    type Operation,
    type OrgSnapshot,
    type RecordAccessRecord,
    type RecordObject,
} from 'c/setupEngine';
import { planView, stillNeeded } from 'c/planView';
import { AGENT_PERMISSION_SET } from '../../setupEngine/facts';
import { choices, omniDisabledOrg, partlySetUpOrg, sharedOmniOrg } from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

type Right = 'Createable' | 'Updateable' | 'Deletable';

/** The load's probe: every object with every right, less the refused ones (object → rights it lacks, or 'missing'). */
function probe(refused: Partial<Record<RecordObject, readonly Right[] | 'missing'>> = {}): RecordAccessRecord[] {
    return RECORD_OBJECTS.map((name) => {
        const lacks = refused[name];
        if (lacks === 'missing')
            return { Name: name, Available: false, Createable: false, Updateable: false, Deletable: false };
        const has = (right: Right): boolean => !(lacks ?? []).includes(right);
        return {
            Name: name,
            Available: true,
            Createable: has('Createable'),
            Updateable: has('Updateable'),
            Deletable: has('Deletable'),
        };
    });
}

const ready = (org: OrgSnapshot): OrgSnapshot => ({
    ...org,
    choices: { ...org.choices, ...choices(), queueMembers: { kind: 'agentUsers' } },
});
const withProbe = (org: OrgSnapshot, records: RecordAccessRecord[]): OrgSnapshot => ({
    ...ready(org),
    recordAccess: { status: 'read', records },
});
const kinds = (s: OrgSnapshot): string[] => plan(s, 'all').map((op) => op.kind);

describe('the record-change probe read with the load (recordAccess)', () => {
    it('a status grant whose SetupEntityAccess rows this user may not create is a manual step, never a run', () => {
        const s = withProbe(partlySetUpOrg(), probe({ SetupEntityAccess: ['Createable'] }));
        expect(kinds(ready(partlySetUpOrg()))).toContain('grantStatusAccess');
        expect(kinds(s)).not.toContain('grantStatusAccess');
        // Nothing falls back to a whole-component write of the profiles either.
        expect(plan(s, 'all').filter((op) => op.itemId === 'profileAccess')).toEqual([]);

        const item = evaluate(s).find((i) => i.id === 'profileAccess');
        // Blocked by the Busy status here (planned first), so the fix says so; the step is in the details.
        expect(item?.fix.available).toBe(false);
        expect(item?.details[0]).toEqual({
            kind: 'manualStep',
            step: { key: 'fix.cannotCreateRecords', params: { object: 'SetupEntityAccess' } },
            url: '/lightning/setup/EnhancedProfiles/home',
        });

        const [en] = stillNeeded(ENGLISH, evaluate(s)).filter((n) => n.key === 'still-profileAccess');
        expect(en.text).toBe(
            'Your user cannot create SetupEntityAccess records, so this change is not made from here: make it by hand on the Setup page linked, or ask an admin who can create them.'
        );
        expect(en.href).toBe('/lightning/setup/EnhancedProfiles/home');
        const [ko] = stillNeeded(KOREAN, evaluate(s)).filter((n) => n.key === 'still-profileAccess');
        expect(ko.text).toContain('사용자가 SetupEntityAccess 레코드를 만들 수 없으므로');
        expect(ko.href).toBe('/lightning/setup/EnhancedProfiles/home');
    });

    it('the plan dialog lists the refused change among what still needs the admin, and plans the rest', () => {
        const s = withProbe(partlySetUpOrg(), probe({ SetupEntityAccess: ['Createable'] }));
        const view = planView(ENGLISH, s, 'all', s.choices);
        expect(view.ok).toBe(true);
        if (!view.ok) return;
        expect(view.operations.map((op) => op.kind)).toEqual(
            kinds(ready(partlySetUpOrg())).filter((k) => k !== 'grantStatusAccess')
        );
        const step = view.stillNeeded.find((n) => n.key === 'still-profileAccess');
        expect(step?.text).toContain('cannot create SetupEntityAccess records');
        expect(step?.href).toBe('/lightning/setup/EnhancedProfiles/home');
    });

    it('names the object and the right: a status that cannot get the channel, an object the org lacks', () => {
        const shared = withProbe(sharedOmniOrg(), probe({ ServiceChannelStatus: ['Createable'] }));
        expect(kinds(shared)).not.toContain('addChannelToStatus');
        const online = evaluate(shared).find((i) => i.id === 'onlineStatus');
        expect(online?.fix).toMatchObject({
            reason: { key: 'fix.cannotCreateRecords', params: { object: 'ServiceChannelStatus' } },
        });
        expect(online?.details[0]).toMatchObject({ url: '/lightning/setup/ServicePresenceStatusSettings/home' });

        const missing = withProbe(sharedOmniOrg(), probe({ GroupMember: 'missing' }));
        expect(kinds(missing)).not.toContain('addQueueMembers');
        expect(evaluate(missing).find((i) => i.id === 'queueMembers')?.fix).toMatchObject({
            reason: { key: 'fix.recordObjectMissing', params: { object: 'GroupMember' } },
        });
        // A right the change does not need refuses nothing (the channel is only inserted, never deleted).
        expect(kinds(withProbe(sharedOmniOrg(), probe({ ServiceChannelStatus: ['Deletable'] })))).toEqual(
            kinds(ready(sharedOmniOrg()))
        );
    });

    it('with Omni-Channel off its objects are absent until the plan enables it: not a refusal', () => {
        const assign: Operation = {
            kind: 'assignProfilesToConfig',
            itemId: 'presenceConfig',
            configId: null,
            configDeveloperName: 'SimplyChat_Agents',
            profiles: [{ profileId: '00e5g00000AgentAAA', profileName: 'SimplyChat Agent' }],
        };
        const absent = probe({ PresenceUserConfigProfile: 'missing' });
        expect(recordRefusal(assign, withProbe(omniDisabledOrg(), absent))).toBeNull();
        expect(recordRefusal(assign, withProbe(sharedOmniOrg(), absent))).toEqual({
            key: 'fix.recordObjectMissing',
            params: { object: 'PresenceUserConfigProfile' },
        });
        expect(kinds(withProbe(omniDisabledOrg(), absent))).toEqual(kinds(ready(omniDisabledOrg())));
    });

    it('a probe not read, or read with every right, plans as today (the run-time refusal stays the backstop)', () => {
        for (const org of [partlySetUpOrg(), sharedOmniOrg()]) {
            const today = kinds(ready(org));
            expect(kinds(withProbe(org, probe()))).toEqual(today);
            expect(kinds({ ...ready(org), recordAccess: { status: 'unavailable', code: 'queryFailed' } })).toEqual(
                today
            );
            expect(kinds({ ...ready(org), recordAccess: undefined })).toEqual(today);
            expect(
                evaluate(withProbe(org, probe()))
                    .flatMap((i) => i.details)
                    .map((d) => d.kind)
            ).toEqual(
                evaluate(ready(org))
                    .flatMap((i) => i.details)
                    .map((d) => d.kind)
            );
        }
    });
});

describe('status access through the permission set SimplyChat owns, when the profiles cannot be granted it', () => {
    const OURS = {
        Id: '0PS5g00000AgentAAA',
        Name: AGENT_PERMISSION_SET.developerName,
        Label: AGENT_PERMISSION_SET.label,
        Description: AGENT_PERMISSION_SET.description,
        HasActivationRequired: false,
    };
    const refusedOnProfiles = (org: OrgSnapshot, sets: OrgSnapshot['agentPermissionSet']): OrgSnapshot => ({
        ...withProbe(org, probe({ SetupEntityAccess: ['Createable'] })),
        agentPermissionSet: sets,
    });
    const profileAccessOps = (s: OrgSnapshot): Operation[] =>
        plan(s, 'all').filter((op) => op.itemId === 'profileAccess');

    it('creates the set with both statuses and assigns it to the agent profiles; the plan says why; then the item passes', () => {
        const s = refusedOnProfiles(partlySetUpOrg(), { status: 'read', records: [] });
        const ops = profileAccessOps(s);
        expect(ops.map((op) => op.kind)).toEqual(['upsertAgentPermissionSet', 'assignAgentPermissionSet']);
        const [upsert, assign] = ops;
        expect(upsert).toMatchObject({ existingId: null, developerName: 'SimplyChat_Agents' });
        expect(assign).toMatchObject({ permissionSetId: null, permissionSetDeveloperName: 'SimplyChat_Agents' });
        // The same profiles the profile grant would have named.
        const grants = plan(ready(partlySetUpOrg()), 'all').flatMap((op) =>
            op.kind === 'grantStatusAccess' ? op.grants.map((g) => g.profileId) : []
        );
        expect(assign.kind === 'assignAgentPermissionSet' && assign.profiles.map((p) => p.profileId)).toEqual(grants);
        // No manual step: the change is made from here (the item waits only for the Busy status planned first).
        const details = evaluate(s).find((i) => i.id === 'profileAccess')?.details ?? [];
        expect(details.filter((d) => d.kind === 'manualStep')).toEqual([]);

        const view = planView(ENGLISH, s, 'all', s.choices);
        expect(view.ok).toBe(true);
        if (!view.ok) return;
        const lines = view.lines.map((l) => l.text).join('\n');
        expect(lines).toContain('your user cannot create SetupEntityAccess records (a status on a profile');
        expect(view.stillNeeded.find((n) => n.key === 'still-profileAccess')).toBeUndefined();

        const after = simulate(s, plan(s, 'all'));
        expect(evaluate(after).find((i) => i.id === 'profileAccess')?.status).toBe('pass');
        expect(profileAccessOps(after)).toEqual([]);
    });

    it('writes SimplyChat’s own set whole; a set of that name that is another’s is never written', () => {
        const ours = refusedOnProfiles(partlySetUpOrg(), { status: 'read', records: [OURS] });
        expect(profileAccessOps(ours)[0]).toMatchObject({ kind: 'upsertAgentPermissionSet', existingId: OURS.Id });
        expect(profileAccessOps(ours)[1]).toMatchObject({ kind: 'assignAgentPermissionSet', permissionSetId: OURS.Id });

        for (const sets of [
            { status: 'read' as const, records: [{ ...OURS, Description: 'Chat team access' }] },
            { status: 'read' as const, records: [OURS, { ...OURS, Id: '0PS5g00000OtherAAA' }] },
            { status: 'read' as const, records: [{ ...OURS, HasActivationRequired: true }] },
            { status: 'unavailable' as const, code: 'queryFailed' as const },
            undefined,
        ] as OrgSnapshot['agentPermissionSet'][]) {
            const s = refusedOnProfiles(partlySetUpOrg(), sets);
            expect(profileAccessOps(s)).toEqual([]);
            expect(evaluate(s).find((i) => i.id === 'profileAccess')?.details[0]).toMatchObject({
                kind: 'manualStep',
                step: { key: 'fix.cannotCreateRecords', params: { object: 'SetupEntityAccess' } },
            });
        }
    });

    it('a set that already grants both statuses is only assigned; a refused assignment keeps the profiles’ step', () => {
        const s = refusedOnProfiles(partlySetUpOrg(), { status: 'read', records: [] });
        const created = simulate(
            s,
            plan(s, 'all').filter((op) => op.kind !== 'assignAgentPermissionSet')
        );
        expect(profileAccessOps(created).map((op) => op.kind)).toEqual(['assignAgentPermissionSet']);

        const noAssigning = {
            ...created,
            recordAccess: {
                status: 'read' as const,
                records: probe({ SetupEntityAccess: ['Createable'], PermissionSetAssignment: ['Createable'] }),
            },
        };
        expect(profileAccessOps(noAssigning)).toEqual([]);
        // What an admin can do by hand is the profiles' grant: that step and its Setup page, not the set's.
        expect(evaluate(noAssigning).find((i) => i.id === 'profileAccess')?.details[0]).toMatchObject({
            kind: 'manualStep',
            step: { key: 'fix.cannotCreateRecords', params: { object: 'SetupEntityAccess' } },
            url: '/lightning/setup/EnhancedProfiles/home',
        });
    });

    it('a profile without active users needs nothing on this route; many users are assigned 5,000 per change', () => {
        const base = refusedOnProfiles(partlySetUpOrg(), { status: 'read', records: [] });
        const assigned = (s: OrgSnapshot): { profileId: string; userCount: number }[][] =>
            profileAccessOps(s).flatMap((op) =>
                op.kind === 'assignAgentPermissionSet' ? [op.profiles.map((p) => p)] : []
            );
        const [first] = assigned(base);
        expect(first.length).toBeGreaterThan(1);
        const withCounts = (counts: Record<string, number>): OrgSnapshot => ({
            ...base,
            profiles: {
                status: 'read',
                records: (base.profiles.status === 'read' ? base.profiles.records : []).map((p) =>
                    p.Id in counts ? { ...p, UserCount: counts[p.Id] } : p
                ),
            },
        });
        const [empty, busy] = first.map((p) => p.profileId);
        // No user: nothing to assign, and after the plan the item passes (a user added later is assigned then).
        const noUsers = withCounts({ [empty]: 0 });
        expect(
            assigned(noUsers)
                .flat()
                .map((p) => p.profileId)
        ).not.toContain(empty);
        const after = simulate(noUsers, plan(noUsers, 'all'));
        expect(evaluate(after).find((i) => i.id === 'profileAccess')?.status).toBe('pass');
        // 4,000 + 3,000 users: two changes, each within one all-or-none request.
        const many = withCounts({ [empty]: 4000, [busy]: 3000 });
        expect(assigned(many).map((batch) => batch.reduce((sum, p) => sum + p.userCount, 0))).toEqual([4000, 3000]);
    });
});
