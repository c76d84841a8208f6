/**
 * npm run bench — times the checklist engine (evaluate + plan) on a small and a large org:
 * 10 and 1,000 agent profiles, each with 50 presence statuses and 20 presence configurations.
 * Each run gets a snapshot the engine has not seen (as after each load in the tab), after a warm-up; prints the
 * machine's cores and load, then the median and 95th percentile of wall and CPU time; exits 1 when 1,000 profiles
 * miss the 10 ms target in both medians (on shared cores the wall time counts other jobs' turns too).
 * Then times the Agents view's readiness (agentReadiness) of 10,000 agent users on that org, with permission sets,
 * a queue whose members are users, public groups and roles, apps and utility bars, and the Live view's routing:
 * printed against their targets, never asserted (figures, not timed tests).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
    agentReadiness,
    changeRequests,
    liveRouting,
    liveTarget,
    defaultChoices,
    evaluate,
    plan,
    type AgentPresenceRecord,
    type AgentUserRecord,
    type GroupMemberRecord,
    type LiveRead,
    type MemberGroupRecord,
    type OrgSnapshot,
    type Part,
} from '../force-app/main/default/lwc/setupEngine/setupEngine';
import { OMNI_CHANNEL_UTILITY } from '../force-app/main/default/lwc/setupEngine/facts';
import { runMain } from './lib/files';
import { omniOrg, read } from '../samples/orgs';

export const TARGET_MS = 10;
/** Readiness of 10,000 agent users in under 100 ms (printed, not asserted). */
export const AGENTS_TARGET_MS = 100;
/** Issue "Live": the live computation for 10,000 agents and 1,000 waiting chats in under 50 ms (printed). */
export const LIVE_TARGET_MS = 50;
const CHAT = 'WINP__Talk_Session__c';

function id(prefix: string, n: number): string {
    return `${prefix}5g${String(n).padStart(13, '0')}`;
}

/** A large, partly set up org: every agent profile sits in one of the configurations and sees a few statuses. */
export function benchOrg(profileCount: number, statusCount = 50, configCount = 20): OrgSnapshot {
    const profiles = Array.from({ length: profileCount }, (_, i) => ({
        Id: id('00e', i),
        Name: `Agent ${i}`,
        UserCount: i % 40,
        ServiceCloudUserCount: i % 7,
    }));
    const channels = [
        { Id: id('0N1', 1), DeveloperName: 'SimplyChat', MasterLabel: 'SimplyChat', RelatedEntity: CHAT },
        { Id: id('0N1', 2), DeveloperName: 'Cases', MasterLabel: 'Cases', RelatedEntity: 'Case' },
    ];
    const statuses = Array.from({ length: statusCount }, (_, i) => ({
        Id: id('0N5', i),
        DeveloperName: `Status_${i}`,
        MasterLabel: `Status ${i}`,
    }));
    const statusChannels = statuses
        .filter((_, i) => i % 2 === 0)
        .map((s, i) => ({ Id: id('0N6', i), ServicePresenceStatusId: s.Id, ServiceChannelId: channels[i % 2].Id }));
    const configs = Array.from({ length: configCount }, (_, i) => ({
        Id: id('0Nd', i),
        DeveloperName: `Config_${i}`,
        MasterLabel: `Config ${i}`,
        Capacity: 3,
    }));
    const assignments = profiles.map((p, i) => ({
        Id: id('0Nf', i),
        PresenceUserConfigId: configs[i % configCount].Id,
        ProfileId: p.Id,
    }));
    const access = profiles.flatMap((p, i) => [
        { ProfileId: p.Id, SetupEntityId: statuses[i % statusCount].Id },
        { ProfileId: p.Id, SetupEntityId: statuses[(i + 1) % statusCount].Id },
    ]);
    return {
        ...omniOrg(),
        orgId: '00D5g000000000Bench',
        serviceChannels: read(channels),
        presenceStatuses: read(statuses),
        statusChannels: read(statusChannels),
        presenceConfigs: read(configs),
        presenceConfigProfiles: read(assignments),
        profiles: read(profiles),
        statusAccess: read(access),
        flows: read([]),
        scSetup: read([{ objectApiName: null, fields: [], orgDefault: null, writable: false }]),
        choices: {
            ...defaultChoices(),
            agentProfileIds: profiles.map((p) => p.Id),
            moveProfileIds: profiles.filter((_, i) => i % 3 === 0).map((p) => p.Id),
        },
    };
}

/** The middle and the 95th percentile (nearest rank) of a list of milliseconds. */
export interface Spread {
    readonly median: number;
    readonly p95: number;
}

/** Wall and CPU milliseconds per run, over `runs` runs. */
export interface Figures {
    readonly runs: number;
    readonly wall: Spread;
    readonly cpu: Spread;
}

export function spread(ms: readonly number[]): Spread {
    const sorted = [...ms].sort((a, b) => a - b);
    const at = (q: number): number =>
        sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    return { median: at(0.5), p95: at(0.95) };
}

/**
 * Times `run` on `runs` inputs after `warmup` untimed runs (the JIT compiles the hot paths first). Each run gets its
 * input from `input`, made before the clock starts. Wall time is performance.now; CPU time is process.cpuUsage (this
 * process's threads, garbage collection included), the figure that counts on cores shared with other jobs.
 */
export function measure<T>(input: () => T, run: (value: T) => unknown, runs: number, warmup: number): Figures {
    for (let i = 0; i < warmup; i++) run(input());
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
        const value = input();
        const started = performance.now();
        const used = process.cpuUsage();
        run(value);
        const spent = process.cpuUsage(used);
        wall.push(performance.now() - started);
        cpu.push((spent.user + spent.system) / 1000);
    }
    return { runs, wall: spread(wall), cpu: spread(cpu) };
}

/**
 * evaluate + plan('all') as the tab runs them after each load: on a snapshot it has not seen (a deep copy per run,
 * made before the clock starts), so nothing the engine derived in one run is reused by the next.
 */
export function timeEngine(snapshot: OrgSnapshot, runs = 200, warmup = 30): Figures {
    return measure(
        () => structuredClone(snapshot),
        (s) => {
            evaluate(s);
            plan(s, 'all');
        },
        runs,
        warmup
    );
}

/** One printed line of figures: median and p95, wall and CPU. */
export function figuresLine(label: string, f: Figures, target?: number): string {
    const ms = (n: number): string => n.toFixed(2).padStart(7);
    const goal = target === undefined ? '' : `   (target < ${target} ms)`;
    return (
        `  ${label.padEnd(16)}wall ${ms(f.wall.median)} ms median ${ms(f.wall.p95)} ms p95` +
        `   cpu ${ms(f.cpu.median)} ms median ${ms(f.cpu.p95)} ms p95${goal}`
    );
}

/** The machine the figures come from: cores and load (other jobs share the cores and inflate wall time). */
export function machineLine(): string {
    const [one, five] = os.loadavg();
    const cores = os.cpus().length;
    return `machine: ${cores} cores, load average ${one.toFixed(2)} (1 min) ${five.toFixed(2)} (5 min), node ${process.version}`;
}

export interface AgentsBench {
    readonly snapshot: OrgSnapshot;
    readonly users: readonly AgentUserRecord[];
    readonly presence: Part<AgentPresenceRecord>;
}

/**
 * The large org of `benchOrg` with `userCount` active agent users spread over its profiles and 50 roles; 8
 * permission sets granting statuses to every 3rd user; a SimplyChat queue whose members are 200 users by name, three
 * public groups (one nested) of 1,000 users each and a role with its subordinates; three apps and their utility bars
 * read; every 7th user assigned directly to a configuration; a third of the users online.
 */
export function agentsBenchOrg(userCount = 10_000, profileCount = 1000): AgentsBench {
    const base = benchOrg(profileCount);
    const profiles = base.profiles.status === 'read' ? base.profiles.records : [];
    const statuses = base.presenceStatuses.status === 'read' ? base.presenceStatuses.records : [];
    const configs = base.presenceConfigs.status === 'read' ? base.presenceConfigs.records : [];
    const roles = Array.from({ length: 50 }, (_, i) => ({
        Id: id('00E', i),
        Name: `Role ${i}`,
        ParentRoleId: i === 0 ? null : id('00E', Math.floor((i - 1) / 3)),
    }));
    const users: AgentUserRecord[] = Array.from({ length: userCount }, (_, i) => ({
        Id: id('005', i),
        Name: `Agent User ${i}`,
        Username: `agent.${i}@example.com`,
        ProfileId: profiles[i % profiles.length].Id,
        UserRoleId: roles[i % roles.length].Id,
        ServiceCloudUser: i % 10 !== 0,
        DirectConfigId: i % 7 === 0 ? configs[i % configs.length].Id : null,
    }));
    const permissionSets = Array.from({ length: 8 }, (_, k) => ({
        Id: id('0PS', k),
        Label: `Omni Agents ${k}`,
        PermissionSetGroupId: k % 4 === 0 ? id('0PG', k) : null,
        StatusIds: [statuses[(2 * k) % statuses.length].Id, statuses[(2 * k + 1) % statuses.length].Id],
        Assignees: users
            .filter((_, i) => i % 3 === 0 && i % 8 === k)
            .map((u) => ({ AssigneeId: u.Id, ProfileId: u.ProfileId })),
    }));
    const queueId = id('00G', 0);
    const groups: MemberGroupRecord[] = [
        ...[1, 2, 3].map((g) => ({
            Id: id('00G', g),
            Type: 'Regular',
            RelatedId: null,
            DeveloperName: `Chat_Team_${g}`,
            Name: `Chat Team ${g}`,
        })),
        { Id: id('00G', 4), Type: 'RoleAndSubordinates', RelatedId: roles[3].Id, DeveloperName: null, Name: 'Role 3' },
    ];
    const members: GroupMemberRecord[] = [
        ...users.slice(0, 200).map((u) => ({ GroupId: queueId, UserOrGroupId: u.Id })),
        { GroupId: queueId, UserOrGroupId: id('00G', 1) },
        { GroupId: queueId, UserOrGroupId: id('00G', 2) },
        { GroupId: id('00G', 2), UserOrGroupId: id('00G', 3) },
        { GroupId: queueId, UserOrGroupId: id('00G', 4) },
        ...[1, 2, 3].flatMap((g) =>
            users.slice(g * 1000, g * 1000 + 1000).map((u) => ({ GroupId: id('00G', g), UserOrGroupId: u.Id }))
        ),
    ];
    const apps = [
        { DurableId: id('06m', 0), DeveloperName: 'Service_Console', Label: 'Service Console', bar: 'Service_Bar' },
        { DurableId: id('06m', 1), DeveloperName: 'Chat_Console', Label: 'Chat Console', bar: 'Chat_Bar' },
        { DurableId: id('06m', 2), DeveloperName: 'Sales', Label: 'Sales', bar: null },
    ].map((a) => ({
        DurableId: a.DurableId,
        DeveloperName: a.DeveloperName,
        NamespacePrefix: null,
        Label: a.Label,
        NavType: a.bar ? 'Console' : 'Standard',
        UtilityBar: a.bar,
    }));
    const snapshot: OrgSnapshot = {
        ...base,
        queues: read([{ Id: queueId, DeveloperName: 'SimplyChat', Name: 'SimplyChat', QueueRoutingConfigId: null }]),
        permissionSetAccess: read(permissionSets),
        queueMembership: read([
            {
                queueId,
                members,
                groups,
                roles,
                memberUsers: [],
                agentsByRole: [],
                unresolvedGroupIds: [],
            },
        ]),
        apps: read(apps),
        appMenuItems: read(
            apps.map((a, k) => ({
                // The varying digits within the first 15 characters: AppMenuItem gives 15, access rows 18.
                ApplicationId: id('02u', (k + 1) * 1000).slice(0, 15),
                Name: a.DeveloperName,
                NamespacePrefix: null,
            }))
        ),
        appAccess: read(
            profiles.map((p, i) => ({ ProfileId: p.Id, SetupEntityId: id('02u', ((i % apps.length) + 1) * 1000) }))
        ),
        utilityBars: read([
            { Name: 'Service_Bar', ComponentNames: ['forceSearch:historyUtilityItem', OMNI_CHANNEL_UTILITY] },
            { Name: 'Chat_Bar', ComponentNames: ['one:notesUtility'] },
        ]),
    };
    const presence = read(
        users
            .filter((_, i) => i % 3 === 1)
            .map((u, i) => ({
                UserId: u.Id,
                ServicePresenceStatusId: statuses[i % statuses.length].Id,
                IsAway: i % 2 === 0,
                StatusStartDate: '2026-11-25T09:00:00.000Z',
            }))
    );
    return { snapshot, users, presence };
}

/** agentReadiness of every agent user, each run on a fresh copy of the org (made before the clock starts). */
export function timeAgents(bench: AgentsBench, runs = 40, warmup = 5): Figures {
    return measure(
        () => structuredClone(bench.snapshot),
        (snapshot) => agentReadiness(snapshot, bench.users, bench.presence),
        runs,
        warmup
    );
}

export interface LiveBench {
    readonly snapshot: OrgSnapshot;
    readonly live: LiveRead;
}

/**
 * The agents org of `agentsBenchOrg` with its queue routed (Most Available, one unit) and supporting the chat
 * object, every one of the 10,000 agents online in a status that carries the SimplyChat channel, a third of them
 * at capacity (capacity 3), and `waiting` chats in the queue.
 */
export function liveBenchOrg(userCount = 10_000, waiting = 1000): LiveBench {
    const bench = agentsBenchOrg(userCount);
    const routing = {
        Id: id('0K7', 0),
        DeveloperName: 'SimplyChat',
        MasterLabel: 'SimplyChat',
        RoutingModel: 'MostAvailable',
        RoutingPriority: 1,
        CapacityWeight: 1,
        CapacityPercentage: null,
    };
    const queues = bench.snapshot.queues.status === 'read' ? bench.snapshot.queues.records : [];
    const snapshot: OrgSnapshot = {
        ...bench.snapshot,
        routingConfigs: read([routing]),
        queues: read(queues.map((q) => ({ ...q, QueueRoutingConfigId: routing.Id }))),
        queueSobjects: read(queues.map((q, i) => ({ Id: id('03g', i), QueueId: q.Id, SobjectType: CHAT }))),
    };
    const target = liveTarget(snapshot);
    const channelId = target.channelId ?? '';
    const queueId = target.queueId ?? '';
    const carrying = new Set(
        (snapshot.statusChannels.status === 'read' ? snapshot.statusChannels.records : [])
            .filter((l) => l.ServiceChannelId === channelId)
            .map((l) => l.ServicePresenceStatusId)
    );
    const statusId = [...carrying][0] ?? '';
    const now = Date.parse('2026-11-25T09:00:00.000Z');
    const live: LiveRead = {
        readAt: new Date(now).toISOString(),
        queueId,
        channelId,
        pending: read(
            Array.from({ length: waiting }, (_, i) => ({
                Id: id('0JR', i),
                GroupId: queueId,
                ServiceChannelId: channelId,
                IsReadyForRouting: i % 10 !== 0,
                IsPushed: false,
                CreatedDate: new Date(now - (i + 1) * 1000).toISOString(),
            }))
        ),
        pendingMore: false,
        presence: read(
            bench.users.map((u) => ({
                UserId: u.Id,
                ServicePresenceStatusId: statusId,
                IsAway: false,
                StatusStartDate: '2026-11-25T08:00:00.000Z',
                ConfiguredCapacity: 3,
            }))
        ),
        presenceSeesAll: true,
        users: read(
            bench.users.map((u) => ({ Id: u.Id, Name: u.Name, ProfileId: u.ProfileId, UserRoleId: u.UserRoleId }))
        ),
        work: read(bench.users.map((u, i) => ({ UserId: u.Id, Items: i % 4, Weight: i % 4, Percentage: 0 }))),
    };
    return { snapshot, live };
}

/** liveRouting (the settle it asks included), each run on a fresh copy of the org (made before the clock starts). */
export function timeLive(bench: LiveBench, runs = 40, warmup = 5): Figures {
    return measure(
        () => structuredClone(bench.snapshot),
        (snapshot) => liveRouting(snapshot, bench.live),
        runs,
        warmup
    );
}

if (require.main === module) {
    runMain(async () => {
        console.log(machineLine());
        const small = timeEngine(benchOrg(10));
        const large = timeEngine(benchOrg(1000));
        console.log(
            `engine: evaluate + plan(all) on a snapshot not seen before, ${large.runs} runs after a warm-up, 50 statuses × 20 configurations`
        );
        console.log(figuresLine('10 profiles', small));
        console.log(figuresLine('1,000 profiles', large, TARGET_MS));
        // The rules run once per snapshot: plan alone on a new snapshot costs the run that evaluate shares above.
        const planOnly = measure(
            () => structuredClone(benchOrg(1000)),
            (s) => plan(s, 'all'),
            100,
            10
        );
        console.log(figuresLine('  plan alone', planOnly));
        console.log(
            `  ratio           ${(large.cpu.median / small.cpu.median).toFixed(1).padStart(8)} ×   cpu median for 100 × the profiles (linear ≈ 100 ×, less with fixed costs)`
        );
        // What Apex receives: each operation with its planned change (the largest one is a call's floor).
        const planned = plan(benchOrg(1000), 'all');
        const sizes = changeRequests(planned).map((change, i) => ({
            kind: planned[i].kind,
            request: JSON.stringify([change]).length,
            operation: JSON.stringify([planned[i]]).length,
        }));
        const largest = sizes.reduce((a, b) => (b.request > a.request ? b : a));
        console.log(
            `  apply request   ${(largest.request / 1024).toFixed(0).padStart(8)} KB  the largest change at 1,000 profiles (${largest.kind}; its operation alone ${(largest.operation / 1024).toFixed(0)} KB)`
        );
        const bench = agentsBenchOrg();
        const statuses = new Map<string, number>();
        for (const r of agentReadiness(bench.snapshot, bench.users, bench.presence)) {
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
        const agents = timeAgents(bench);
        console.log(
            `agents readiness: agentReadiness, ${agents.runs} runs, 1,000 profiles, 8 permission sets, a queue of users, groups and roles`
        );
        console.log(figuresLine(`${bench.users.length.toLocaleString('en-US')} agents`, agents, AGENTS_TARGET_MS));
        console.log(
            `  verdicts        ${[...statuses.entries()].map(([status, count]) => `${count} ${status}`).join(', ')}`
        );
        const liveBench = liveBenchOrg();
        const liveResult = liveRouting(liveBench.snapshot, liveBench.live);
        const live = timeLive(liveBench);
        console.log(`live routing: liveRouting, ${live.runs} runs, 10,000 agents online, 1,000 chats waiting`);
        console.log(figuresLine('10,000 agents', live, LIVE_TARGET_MS));
        console.log(
            `  answer          ${liveResult.state}: ${liveResult.waiting.count} waiting, ${liveResult.canTake} can take one`
        );
        // Shared cores inflate the wall time (it counts other jobs' turns): the CPU time decides when they differ.
        return Math.min(large.wall.median, large.cpu.median) < TARGET_MS ? 0 : 1;
    });
}
