/**
 * Item 13: the active users of the agent profiles are members of the SimplyChat queue (directly, through a public
 * group, a role, a role and its subordinates, or all internal users), since Omni-Channel routes a queue's work only
 * to its members. Reads the queue item 6 settled on: when the plan creates it, nobody is a member yet.
 *
 * The fix adds what the admin chose (choices.queueMembers): each agent user who is not a member, or one public
 * group. It never removes a member: the server reads the queue's members and writes them back with the new ones.
 */
import { agentProfiles, ref } from './ruleAgents';
import { finish, read, sameName, unreadable, type Deps, type ItemResult, type Resolved, type RuleEnv } from './ruleKit';
import { coverageByProfile, resolveMembership, type ResolvedMembership } from './membership';
import { reason } from './reasons';
import type { AddQueueMembersOp, Detail, ProfileRecord, QueueMembershipState, SalesforceId } from './types';

export interface QueueMembersInput {
    readonly deps: Deps<'queueMembers'>;
    /** The queue item 6 settled on: existing (Id) or created by the plan (Id null); null when there is none. */
    readonly queue: Resolved | null;
}

/** An agent profile and how many of its active users are members. */
interface Coverage {
    readonly profile: ProfileRecord;
    readonly userCount: number;
    readonly memberCount: number;
}

/** Per chosen agent profile: its active users (the profiles part) and how many of them are members. */
function coverageOf(
    profiles: readonly ProfileRecord[],
    state: QueueMembershipState | null,
    resolved: ResolvedMembership | null
): Coverage[] {
    const counted =
        state && resolved ? new Map(coverageByProfile(state, resolved).map((c) => [c.profileId, c.memberCount])) : null;
    return profiles.map((profile) => {
        const userCount = profile.UserCount;
        const members = resolved?.allInternal ? userCount : (counted?.get(profile.Id) ?? 0);
        return { profile, userCount, memberCount: Math.min(members, userCount) };
    });
}

/** The members whose users are not known, one detail each (named where the group was read). */
function unresolvedDetails(state: QueueMembershipState, resolved: ResolvedMembership): Detail[] {
    const groups = new Map(state.groups.map((g) => [g.Id, g]));
    return [...new Set(resolved.unresolved)].map((groupId): Detail => {
        const group = groups.get(groupId);
        return {
            kind: 'unresolvedQueueMember',
            groupId,
            name: group?.Name ?? group?.DeveloperName ?? groupId,
            groupType: group?.Type ?? '',
        };
    });
}

/** The Id of the chosen public group when it is already a member of the queue itself. */
function groupAlreadyMember(
    env: RuleEnv,
    state: QueueMembershipState | null,
    developerName: string
): SalesforceId | null {
    if (!state) return null;
    const known = [
        ...state.groups.filter((g) => g.Type === 'Regular' && g.DeveloperName !== null),
        ...(env.snapshot.publicGroups?.status === 'read' ? env.snapshot.publicGroups.records : []),
    ].filter((g) => sameName(g.DeveloperName ?? '', developerName));
    const ids = new Set(known.map((g) => g.Id));
    const row = state.members.find((m) => m.GroupId === state.queueId && ids.has(m.UserOrGroupId));
    return row ? row.UserOrGroupId : null;
}

export function queueMembersRule(env: RuleEnv, input: QueueMembersInput): ItemResult {
    const { snapshot, choices } = env;
    const { deps, queue } = input;
    if (!snapshot.queueMembership) {
        return finish('queueMembers', deps, { status: 'unknown', reason: reason('item.queueMembers.notRead') });
    }
    const agents = agentProfiles(env);
    if (!agents.ok) return finish('queueMembers', deps, unreadable(agents.detail));
    if (agents.profiles.length === 0) {
        return finish('queueMembers', deps, {
            status: 'fail',
            reason: reason('item.queueMembers.noAgentProfiles'),
            needs: ['agentProfiles'],
            noFixReason: reason('fix.needsChoices'),
        });
    }
    // Read after `settle` by the queue it picks (settle.ts): until then the item says it is being read.
    if (snapshot.queueMembership.status === 'unavailable' && snapshot.queueMembership.code === 'notRead') {
        return finish('queueMembers', deps, { status: 'unknown', reason: reason('item.queueMembers.reading') });
    }
    const membership = read(snapshot.queueMembership, 'GroupMember');
    if (!membership.ok) return finish('queueMembers', deps, unreadable(membership.detail));
    // No queue to look at (item 6 cannot settle on one): item 6 fails, so this item is reported as blocked.
    if (!queue) return finish('queueMembers', deps, { status: 'fail', reason: reason('item.queueMembers.notRead') });
    const queueRecord =
        queue.id && snapshot.queues.status === 'read'
            ? snapshot.queues.records.find((q) => q.Id === queue.id)
            : undefined;
    const name = queueRecord?.Name ?? choices.names.queue.label;
    let state: QueueMembershipState | null = null;
    if (queue.id !== null) {
        // The reader reads the queue item 6 settles on; membership of another queue says nothing about this one.
        state = membership.records.find((r) => r.queueId === queue.id) ?? null;
        if (!state) {
            return finish('queueMembers', deps, { status: 'unknown', reason: reason('item.queueMembers.notRead') });
        }
    }
    const resolved = state ? resolveMembership(state) : null;
    const coverage = coverageOf(agents.profiles, state, resolved);
    const userTotal = coverage.reduce((sum, c) => sum + c.userCount, 0);
    const missing = coverage.filter((c) => c.memberCount < c.userCount);
    const missingTotal = missing.reduce((sum, c) => sum + c.userCount - c.memberCount, 0);
    const record: Detail[] = queueRecord
        ? [{ kind: 'record', role: 'queue', developerName: queueRecord.DeveloperName, label: queueRecord.Name }]
        : [];
    if (missing.length === 0) {
        return finish('queueMembers', deps, {
            status: 'pass',
            reason: resolved?.allInternal
                ? reason('item.queueMembers.okAllInternal', { name, count: userTotal })
                : reason('item.queueMembers.ok', { name, count: userTotal }),
            details: record,
        });
    }

    const choice = choices.queueMembers ?? null;
    let ops: AddQueueMembersOp[] = [];
    let noFixReason = choice ? undefined : reason('fix.chooseQueueMembers', { count: missingTotal });
    if (choice?.kind === 'agentUsers') {
        ops = [
            {
                kind: 'addQueueMembers',
                itemId: 'queueMembers',
                queueId: queue.id,
                queueDeveloperName: queue.developerName,
                profiles: missing.map((c) => ({ ...ref(c.profile), userCount: c.userCount - c.memberCount })),
                publicGroupDeveloperName: null,
            },
        ];
    } else if (choice?.kind === 'publicGroup') {
        // A group already in the queue adds nobody: say so rather than plan a change that changes nothing.
        if (groupAlreadyMember(env, state, choice.groupDeveloperName)) {
            noFixReason = reason('fix.queueGroupIsMember', { group: choice.groupDeveloperName });
        } else {
            ops = [
                {
                    kind: 'addQueueMembers',
                    itemId: 'queueMembers',
                    queueId: queue.id,
                    queueDeveloperName: queue.developerName,
                    profiles: [],
                    publicGroupDeveloperName: choice.groupDeveloperName,
                },
            ];
        }
    }
    const notMembers: Detail[] = missing.map((c) => ({
        kind: 'profileNotInQueue',
        profileId: c.profile.Id,
        profileName: c.profile.Name,
        userCount: c.userCount,
        memberCount: c.memberCount,
    }));
    const unresolved = state && resolved ? unresolvedDetails(state, resolved) : [];
    if (unresolved.length > 0) {
        // Users not known to be members may be members through what could not be resolved.
        return finish('queueMembers', deps, {
            status: 'unknown',
            reason: reason('item.queueMembers.unresolved', {
                name,
                count: missingTotal,
                groups: unresolved.map((d) => (d.kind === 'unresolvedQueueMember' ? d.name : '')).join(', '),
            }),
            details: [...record, ...unresolved, ...notMembers],
            needs: ['queueMembers'],
            ops,
            noFixReason,
        });
    }
    return finish('queueMembers', deps, {
        status: 'fail',
        reason:
            queue.id === null
                ? reason('item.queueMembers.newQueue', { name, count: missingTotal })
                : reason('item.queueMembers.notMembers', { name, count: missingTotal, profiles: missing.length }),
        details: [...record, ...notMembers],
        needs: ['queueMembers'],
        ops,
        noFixReason,
    });
}
