/**
 * npm run bench — times the checklist engine (evaluate + plan) on a small and a large org:
 * 10 and 1,000 agent profiles, each with 50 presence statuses and 20 presence configurations.
 * Prints the median milliseconds of each size and their ratio; exits 1 when 1,000 profiles miss the 50 ms target.
 */
import { performance } from 'node:perf_hooks';
import {
    defaultChoices,
    evaluate,
    plan,
    type OrgSnapshot,
} from '../force-app/main/default/lwc/setupEngine/setupEngine';
import { runMain } from './lib/files';
import { omniOrg, read } from '../samples/orgs';

export const TARGET_MS = 50;
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

/** Median milliseconds of evaluate + plan('all') over `runs` runs, after a warm-up. */
export function timeEngine(snapshot: OrgSnapshot, runs = 15): number {
    for (let i = 0; i < 3; i++) plan(snapshot, 'all');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        evaluate(snapshot);
        plan(snapshot, 'all');
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}

if (require.main === module) {
    runMain(async () => {
        const small = timeEngine(benchOrg(10));
        const large = timeEngine(benchOrg(1000));
        console.log('engine benchmark: evaluate + plan(all), median of 15 runs, 50 statuses × 20 configurations');
        console.log(`  10 profiles     ${small.toFixed(2).padStart(8)} ms`);
        console.log(`  1,000 profiles  ${large.toFixed(2).padStart(8)} ms   (target < ${TARGET_MS} ms)`);
        console.log(
            `  ratio           ${(large / small).toFixed(1).padStart(8)} ×   for 100 × the profiles (linear ≈ 100 ×, less with fixed costs)`
        );
        return large < TARGET_MS ? 0 : 1;
    });
}
