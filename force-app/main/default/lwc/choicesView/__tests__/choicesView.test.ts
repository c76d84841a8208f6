import { evaluate, type OrgSnapshot } from 'c/setupEngine';
import {
    capacityHelp,
    capacityWarning,
    choiceErrors,
    choiceField,
    choicesSummary,
    isDraft,
    moveOptions,
    parseCapacity,
    PICKER_PAGE,
    profilePicker,
    publicGroupOptions,
    visibleChoiceErrors,
} from 'c/choicesView';
import {
    choices,
    fullySetUpOrg,
    HAND,
    partlySetUpOrg,
    PROFILE,
    read,
    sharedOmniOrg,
} from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

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

    it('sums up the answers Fix all asks for once given: queue members and the shared routing configuration', () => {
        const answered = choices({
            capacity: 3,
            queueMembers: { kind: 'publicGroup', groupDeveloperName: 'Chat_Team' },
            sharedRoutingConfig: 'own',
        });
        expect(choicesSummary(ENGLISH, answered)).toBe(
            'Chats per agent: 3 · Chat object: WINP__Talk_Session__c · 2 agent profiles · ' +
                'Add to the queue: the public group Chat_Team · Shared routing configuration: SimplyChat gets its own'
        );
        expect(
            choicesSummary(ENGLISH, choices({ queueMembers: { kind: 'agentUsers' }, updateSharedRoutingConfig: true }))
        ).toMatch(
            / · Add to the queue: each agent user · Shared routing configuration: update it to the guide's values$/
        );
        expect(choicesSummary(KOREAN, choices({ sharedRoutingConfig: 'keep' }))).not.toMatch(/공유 라우팅/);
    });
});
