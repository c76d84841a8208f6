import type { AgentReadiness, OrgSnapshot } from 'c/setupEngine';
import { withLocale } from 'c/setupText';
import {
    AGENTS_PAGE,
    agentRow,
    agentsCsv,
    countAgents,
    countsText,
    csvField,
    filterAgents,
    firstReason,
    needsUtilityBars,
    pageOf,
    readingText,
    showingText,
    withUtilityBars,
} from 'c/agentsViewModel';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';
import { fullySetUpOrg } from '../../setupEngine/__tests__/fixtures';

const EN = withLocale(ENGLISH, 'en-US');
const KO = withLocale(KOREAN, 'ko-KR');

function agent(overrides: Partial<AgentReadiness> & { userId: string }): AgentReadiness {
    return {
        name: `Agent ${overrides.userId}`,
        username: `${overrides.userId}@example.com`,
        profileId: '00e5g00000AgentAAA',
        profileName: 'SimplyChat Agent',
        config: { id: '0Nd5g000000AgentsA', label: 'Agents', capacity: 3, level: 'profile' },
        onlineStatuses: [{ label: 'Online', through: 'profile' }],
        queue: { how: 'user', via: '' },
        serviceCloudUser: true,
        omniApp: 'yes',
        presence: 'offline',
        status: 'ready',
        blockers: [],
        warnings: [],
        unknowns: [],
        reason: { key: 'agent.ready', params: {} },
        ...overrides,
    };
}

const notInQueue = agent({
    userId: '0055g0000000002AAA',
    name: 'Park Jisoo',
    username: 'jisoo.park@example.com',
    queue: null,
    status: 'notReady',
    blockers: ['notInQueue', 'noServiceCloudUser'],
    serviceCloudUser: false,
    reason: { key: 'agent.notInQueue.unlabelled', params: {} },
});
const unknownOne = agent({
    userId: '0055g0000000003AAA',
    name: 'Choi Yuna',
    profileName: 'Support',
    queue: 'unknown',
    omniApp: 'unknown',
    presence: 'unknown',
    status: 'unknown',
    blockers: [],
    unknowns: ['notInQueue', 'noOmniApp'],
    reason: { key: 'agent.unknown.unlabelled', params: {} },
});
const ready = agent({
    userId: '0055g0000000001AAA',
    name: 'Kim Minji',
    presence: { statusLabel: 'Online', isAway: false, since: '2026-11-25T09:00:00.000Z' },
});

describe('agent rows', () => {
    it('names every column in English', () => {
        const row = agentRow(EN, ready);
        expect(row).toMatchObject({
            key: ready.userId,
            name: 'Kim Minji',
            profile: 'SimplyChat Agent',
            config: 'Agents (through the profile, capacity 3)',
            online: 'Online (through the profile)',
            queue: 'Member by name',
            serviceCloudUser: 'Yes',
            omniApp: 'Yes',
            statusText: 'Ready',
            statusIcon: 'utility:success',
            reason: 'Ready to take SimplyChat chats',
        });
        expect(agentRow(EN, { ...ready, reason: { key: 'not.a.label', params: {} } }).reason).toBe(
            'Can take SimplyChat chats.'
        );
        expect(row.presence).toMatch(/^Online since Nov 25, 2026/);
    });

    it('names how the user is in the queue and through what they may go online', () => {
        const row = agentRow(
            EN,
            agent({
                userId: '0055g0000000009AAA',
                queue: { how: 'roleAndSubordinates', via: 'Support Lead' },
                onlineStatuses: [
                    { label: 'Online', through: 'profile' },
                    { label: 'Chat Online', through: 'Omni Agents' },
                ],
                config: { id: null, label: 'Default Presence Configuration', capacity: 5, level: 'default' },
                presence: { statusLabel: 'Away', isAway: true, since: null },
            })
        );
        expect(row.queue).toBe('Through the role and subordinates Support Lead');
        expect(row.online).toBe('Online (through the profile); Chat Online (through Omni Agents)');
        expect(row.config).toBe('Default Presence Configuration (default, capacity 5)');
        expect(row.presence).toBe('Away');
        expect(
            agentRow(
                EN,
                agent({ userId: 'x', presence: { statusLabel: 'Away', isAway: true, since: '2026-11-25T09:00Z' } })
            ).presence
        ).toMatch(/^Away \(away\) since /);
    });

    it('shows what is missing and the first reason, with how many more there are', () => {
        const row = agentRow(EN, notInQueue);
        expect(row.queue).toBe('Not a member');
        expect(row.serviceCloudUser).toBe('No');
        expect(row.statusText).toBe('Not ready');
        expect(row.statusVariant).toBe('error');
        expect(row.reason).toBe('Not in the SimplyChat queue. (and 1 more reason)');
        const none = agentRow(
            EN,
            agent({
                userId: 'y',
                config: null,
                onlineStatuses: [],
                status: 'notReady',
                blockers: ['noPresenceConfig'],
                reason: { key: 'zzz', params: {} },
            })
        );
        expect(none.config).toBe('None');
        expect(none.online).toBe('None');
        expect(none.reason).toBe('No presence configuration gives capacity.');
    });

    it("uses the engine's message when the labels have it", () => {
        const withEngineText = { ...EN, 'agent.test.reason': 'Not in {queue}.' };
        expect(
            firstReason(withEngineText, {
                ...notInQueue,
                blockers: ['notInQueue'],
                reason: { key: 'agent.test.reason', params: { queue: 'SimplyChat' } },
            })
        ).toBe('Not in SimplyChat.');
    });

    it('says that a ready agent lacks Service Cloud User, as a warning with its reason (English and Korean)', () => {
        const warned: AgentReadiness = {
            ...ready,
            serviceCloudUser: false,
            warnings: ['noServiceCloudUser'],
            reason: { key: 'agent.warn.noServiceCloudUser', params: {} },
        };
        const row = agentRow(EN, warned);
        expect(row.status).toBe(agentRow(EN, ready).status);
        expect(row.reason).toMatch(/^Ready, but without the Service Cloud User feature licence/);
        expect(agentRow(KO, warned).reason).toMatch(/Service Cloud 사용자 기능 라이선스가 없음/);
    });

    it('names the permission sets an app with the Omni-Channel utility comes through, in both languages', () => {
        const throughSet = agent({ userId: '0055g0000000010AAA', omniAppThrough: ['Omni Console Access'] });
        expect(agentRow(EN, throughSet).omniApp).toBe('Yes (through Omni Console Access)');
        expect(agentRow(KO, throughSet).omniApp).toBe('예(Omni Console Access을(를) 통해)');
        expect(agentRow(EN, { ...throughSet, omniAppThrough: ['profile'] }).omniApp).toBe('Yes');
        expect(agentRow(EN, { ...throughSet, omniApp: 'no', omniAppThrough: [] }).omniApp).toBe('No');
    });

    it('says what cannot be checked', () => {
        const row = agentRow(EN, unknownOne);
        expect(row.queue).toBe('Cannot be checked');
        expect(row.omniApp).toBe('Cannot be checked');
        expect(row.presence).toBe('Cannot be checked');
        expect(row.statusText).toBe('Cannot be checked');
        expect(row.reason).toBe('Some of it cannot be checked: agent.unknown.unlabelled (and 1 more reason)');
        expect(agentRow(EN, { ...unknownOne, reason: { key: 'agent.unknown.queue', params: {} } }).reason).toBe(
            'Queue membership could not be read (and 1 more reason)'
        );
    });

    it('speaks Korean', () => {
        const row = agentRow(KO, notInQueue);
        expect(row.queue).toBe('구성원 아님');
        expect(row.serviceCloudUser).toBe('아니요');
        expect(row.statusText).toBe('준비 안 됨');
        expect(row.reason).toBe('SimplyChat 대기열에 없습니다. (이유 1개 더 있음)');
        expect(agentRow(KO, ready).config).toBe('Agents (프로필을 통해, 용량 3)');
        expect(countsText(KO, countAgents([ready, notInQueue, unknownOne])).main).toBe('상담원 3명 중 1명 준비됨');
        expect(readingText(KO, 4000)).toBe('사용자 4,000명 읽음…');
    });
});

describe('filter, search and paging', () => {
    const many: AgentReadiness[] = Array.from({ length: 10000 }, (_, i) =>
        agent({
            userId: `0055g${String(i).padStart(13, '0')}`,
            name: `Agent ${String(i).padStart(5, '0')}`,
            username: `agent${i}@example.com`,
            profileName: i % 2 === 0 ? 'SimplyChat Agent' : 'Support',
            status: i % 10 === 0 ? 'notReady' : i % 10 === 1 ? 'unknown' : 'ready',
            blockers: i % 10 === 0 ? ['notInQueue'] : [],
        })
    );

    it('keeps only the agents who are not ready', () => {
        const out = filterAgents([ready, notInQueue, unknownOne], { notReadyOnly: true, search: '' });
        expect(out).toEqual([notInQueue]);
        expect(filterAgents(many, { notReadyOnly: true, search: '' })).toHaveLength(1000);
    });

    it('searches the name, the username and the profile, ignoring case and spaces around', () => {
        const list = [ready, notInQueue, unknownOne];
        expect(filterAgents(list, { notReadyOnly: false, search: '  kim ' })).toEqual([ready]);
        expect(filterAgents(list, { notReadyOnly: false, search: 'JISOO.PARK@' })).toEqual([notInQueue]);
        expect(filterAgents(list, { notReadyOnly: false, search: 'support' })).toEqual([unknownOne]);
        expect(filterAgents(list, { notReadyOnly: true, search: 'kim' })).toEqual([]);
        expect(filterAgents(list, { notReadyOnly: false, search: '' })).toEqual(list);
    });

    it('pages the filtered list by 50, clamped at both ends', () => {
        const filtered = filterAgents(many, { notReadyOnly: false, search: 'support' });
        expect(filtered).toHaveLength(5000);
        const first = pageOf(filtered, 0);
        expect(first).toMatchObject({ index: 0, pageCount: 100, from: 1, to: 50, total: 5000 });
        expect(first.agents).toHaveLength(AGENTS_PAGE);
        expect(first.hasPrevious).toBe(false);
        expect(first.hasNext).toBe(true);
        const last = pageOf(filtered, 99);
        expect(last).toMatchObject({ from: 4951, to: 5000, hasNext: false, hasPrevious: true });
        expect(pageOf(filtered, 500).index).toBe(99);
        expect(pageOf(filtered, -3).index).toBe(0);
        expect(pageOf(filtered, Number.NaN).index).toBe(0);
        const partial = pageOf(filtered.slice(0, 73), 1);
        expect(partial).toMatchObject({ from: 51, to: 73, pageCount: 2 });
        expect(partial.agents).toHaveLength(23);
        const empty = pageOf([], 3);
        expect(empty).toMatchObject({ index: 0, pageCount: 1, from: 0, to: 0, total: 0, hasNext: false });
    });

    it('filters 10,000 agents quickly enough for a keystroke', () => {
        filterAgents(many, { notReadyOnly: false, search: 'warm' });
        const started = Date.now();
        const out = filterAgents(many, { notReadyOnly: false, search: 'agent 0999' });
        expect(out).toHaveLength(10);
        // Recorded, not a timing assertion: the figure goes to the log when it is slow.
        const ms = Date.now() - started;
        if (ms > 50) console.log(`filtering 10,000 agents took ${ms} ms`);
    });

    it('counts the agents and says which rows show', () => {
        const counts = countAgents(many);
        expect(counts).toEqual({ total: 10000, ready: 8000, notReady: 1000, unknown: 1000 });
        expect(countsText(EN, counts)).toEqual({
            main: '8,000 of 10,000 agents ready',
            more: '1,000 not ready, 1,000 cannot be checked',
        });
        const filtered = filterAgents(many, { notReadyOnly: true, search: '' });
        expect(showingText(EN, pageOf(filtered, 1), many.length)).toBe('Showing 51–100 of 1,000');
        expect(showingText(EN, pageOf([], 0), many.length)).toBe('No agent matches.');
        expect(showingText(EN, pageOf([], 0), 0)).toBe('No active user is on the agent profiles.');
        expect(readingText(EN, 0)).toBe('Reading the agents…');
        expect(readingText(EN, 4000)).toBe('Read 4,000 users…');
        expect(readingText(EN, 1)).toBe('Read 1 user…');
    });
});

describe('CSV export', () => {
    it('quotes as RFC 4180 says: commas, quotes and line breaks', () => {
        expect(csvField('plain')).toBe('plain');
        expect(csvField('Lee, Jun')).toBe('"Lee, Jun"');
        expect(csvField('The "A" team')).toBe('"The ""A"" team"');
        expect(csvField('two\nlines')).toBe('"two\nlines"');
        expect(csvField('cr\r')).toBe('"cr\r"');
        expect(csvField('')).toBe('');
    });

    it('neutralises cells a spreadsheet would run as a formula', () => {
        expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
        expect(csvField('+1')).toBe("'+1");
        expect(csvField('-2')).toBe("'-2");
        expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
        expect(csvField('\tx')).toBe("'\tx");
        expect(csvField('\rx')).toBe('"\'\rx"');
        expect(csvField('a=b')).toBe('a=b');
    });

    it('neutralises a formula after leading spaces and in the full-width forms a Korean keyboard types', () => {
        expect(csvField('  =1+1')).toBe("'  =1+1");
        expect(csvField(' @SUM(A1)')).toBe("' @SUM(A1)");
        expect(csvField('\u3000+1')).toBe("'\u3000+1");
        expect(csvField('＝1+1')).toBe("'＝1+1");
        expect(csvField('＋1')).toBe("'＋1");
        expect(csvField('－1')).toBe("'－1");
        expect(csvField('＠SUM(A1)')).toBe("'＠SUM(A1)");
        expect(csvField(' 　 ＝cmd')).toBe("' 　 ＝cmd");
        expect(csvField('\0=1')).toBe("'\0=1");
        expect(csvField('김 = 상담원')).toBe('김 = 상담원');
        expect(csvField('Lee －Jun')).toBe('Lee －Jun');
    });

    it('writes a header and one line per agent of the list it is given, with CRLF', () => {
        const evil = agent({ userId: '0055g0000000004AAA', name: '=cmd|" /C calc"!A0', profileName: 'Sales, East' });
        const csv = agentsCsv(EN, [ready, notInQueue, evil]);
        const lines = csv.split('\r\n');
        expect(lines).toHaveLength(5);
        expect(lines[4]).toBe('');
        expect(lines[0]).toBe(
            'Name,Username,Profile,Ready,Reason,Presence configuration,Online status with SimplyChat,Chat queue,Service Cloud User,App with Omni-Channel,Current presence'
        );
        expect(lines[2]).toBe(
            'Park Jisoo,jisoo.park@example.com,SimplyChat Agent,Not ready,Not in the SimplyChat queue. (and 1 more reason),"Agents (through the profile, capacity 3)",Online (through the profile),Not a member,No,Yes,Offline'
        );
        expect(lines[3].startsWith('"\'=cmd|"" /C calc""!A0",0055g0000000004AAA@example.com,"Sales, East",')).toBe(
            true
        );
    });

    it('writes Korean headers for a Korean user', () => {
        expect(agentsCsv(KO, []).split('\r\n')[0]).toMatch(/^이름,사용자 이름,프로필,준비,이유,현재 상태 구성,/);
    });
});

describe('the on-demand reads', () => {
    it('puts the utility bars into the snapshot, or why they could not be read', () => {
        const base: OrgSnapshot = { ...fullySetUpOrg(), utilityBars: { status: 'unavailable', code: 'notRead' } };
        expect(needsUtilityBars(base)).toBe(true);
        expect(needsUtilityBars(fullySetUpOrg())).toBe(false);
        const bars = {
            status: 'read',
            records: [{ Name: 'Console_UtilityBar', ComponentNames: ['omnichannel'] }],
        } as const;
        const read = withUtilityBars(base, { ok: true, part: bars });
        expect(read.utilityBars).toEqual(bars);
        expect(needsUtilityBars(read)).toBe(false);
        expect(base.utilityBars).toEqual({ status: 'unavailable', code: 'notRead' });
        const failed = withUtilityBars(base, { ok: false, message: 'Unauthorized' });
        expect(failed.utilityBars).toEqual({ status: 'unavailable', code: 'queryFailed', message: 'Unauthorized' });
        expect(needsUtilityBars(failed)).toBe(false);
    });
});
