import {
    evaluate,
    plan,
    RECORD_OBJECTS,
    recordRefusal,
    type Operation,
    type OrgSnapshot,
    type RecordAccessRecord,
    type RecordObject,
} from 'c/setupEngine';
import { planView, stillNeeded } from 'c/planView';
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
