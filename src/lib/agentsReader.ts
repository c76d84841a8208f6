/**
 * The agents read on demand (`sf simplychat setup agents`), with the contract's queries as
 * SetupAgentsController.getAgents runs them: the active users of the agent profiles and the users assigned directly
 * to the presence configuration the engine settles on (`settle(snapshot).ids.presenceConfigId`, CONFIG_DIRECT_USERS), page by page in Id order (AGENT_USERS_FIRST, then
 * AGENT_USERS_AFTER), each page's user-level configurations (AGENT_CONFIG_USERS) and current presence
 * (AGENT_PRESENCE). Readiness is the engine's (agentReadiness), never computed here.
 *
 * A REST query travels in the URL, so Id lists are sent 200 at a time: the agent profiles in groups of 200 (each
 * group paged on its own), the direct users 200 a query, and each page's users 200 a query; a page's follow-up
 * queries run while the next page is read. The groups' answers are merged by Id.
 */
import { AGENT_PAGE_SIZE, READ_CAPS } from './engine.js';
import { type AgentPresenceRecord, type AgentUserRecord, type OrgSnapshot, type Part } from './engine.js';
import { settle } from './engine.js';
import { bindSoql, NO_ID, SOQL } from './soql.js';
import { unavailablePart } from './errors.js';
import { chunks, IDS_PER_QUERY, type OrgApi } from './orgApi.js';
import { seesAllPresence } from './liveReader.js';

type Row = Record<string, unknown>;

/** Ids a query takes at once (the URL of a REST query stays well under its limit). */

export interface AgentsRead {
    users: AgentUserRecord[];
    presence: Part<AgentPresenceRecord>;
    /** The installer sees every user's presence (View All Data or View All on UserServicePresence; row 70). */
    presenceSeesAll: boolean;
    /** User queries sent (pages), for the figures. */
    pages: number;
}

export async function readAgents(
    api: OrgApi,
    snapshot: OrgSnapshot,
    onProgress: (users: number) => void = () => undefined
): Promise<AgentsRead> {
    const configId = settle(snapshot).ids.presenceConfigId;
    const direct =
        configId && snapshot.omniEnabled
            ? (await api.query<Row>(bindSoql(SOQL.CONFIG_DIRECT_USERS, { configId }))).map((r) => String(r.UserId))
            : [];
    // As in Apex: more direct users than the cap is an error, never a cut list.
    if (direct.length > READ_CAPS.directUserRows) {
        throw new Error(`More than ${READ_CAPS.directUserRows} active users are assigned directly to ${configId}`);
    }
    const profileIds = [...snapshot.choices.agentProfileIds];
    const users = new Map<string, Omit<AgentUserRecord, 'DirectConfigId'>>();
    const configOf = new Map<string, string>();
    const presence: AgentPresenceRecord[] = [];
    let presenceError: Part<AgentPresenceRecord> | undefined;
    let pages = 0;

    const followUps: Promise<void>[] = [];
    /** Awaited at the end; marked handled now, so a failure while pages are still read is not an unhandled one. */
    const later = (promise: Promise<void>): void => {
        promise.catch(() => undefined);
        followUps.push(promise);
    };
    const pageDetails = (ids: string[]): void => {
        // Without Omni-Channel there are no user-level configurations or presence to read.
        if (!snapshot.omniEnabled) return;
        for (const batch of chunks(ids, IDS_PER_QUERY)) {
            later(
                api.query<Row>(bindSoql(SOQL.AGENT_CONFIG_USERS, { userIds: batch })).then((rows) => {
                    for (const r of rows) configOf.set(String(r.UserId), String(r.PresenceUserConfigId));
                })
            );
            later(
                api.query<Row>(bindSoql(SOQL.AGENT_PRESENCE, { userIds: batch })).then(
                    (rows) => {
                        for (const r of rows)
                            presence.push({
                                UserId: String(r.UserId),
                                ServicePresenceStatusId: String(r.ServicePresenceStatusId),
                                IsAway: r.IsAway === true,
                                StatusStartDate: (r.StatusStartDate as string | null) ?? null,
                            });
                    },
                    (error: unknown) => {
                        presenceError ??= unavailablePart(error);
                    }
                )
            );
        }
    };

    /** Every page of one group of profiles and direct users, in Id order. */
    const pagesOf = async (profiles: readonly string[], directUsers: readonly string[]): Promise<void> => {
        let afterId: string | null = null;
        for (;;) {
            const binds = { profileIds: profiles, directUserIds: directUsers, pageSize: AGENT_PAGE_SIZE };
            pages++;
            const rows: Row[] = await api.query<Row>(
                afterId === null
                    ? bindSoql(SOQL.AGENT_USERS_FIRST, binds)
                    : bindSoql(SOQL.AGENT_USERS_AFTER, { ...binds, afterId })
            );
            const fresh: string[] = [];
            for (const r of rows) {
                const id = String(r.Id);
                if (users.has(id)) continue;
                users.set(id, {
                    Id: id,
                    Name: String(r.Name ?? ''),
                    Username: String(r.Username ?? ''),
                    ProfileId: String(r.ProfileId),
                    UserRoleId: (r.UserRoleId as string | null) ?? null,
                    ServiceCloudUser: r.UserPermissionsSupportUser === true,
                });
                fresh.push(id);
            }
            pageDetails(fresh);
            onProgress(users.size);
            if (rows.length < AGENT_PAGE_SIZE) return;
            afterId = String(rows[rows.length - 1].Id);
        }
    };

    await Promise.all([
        ...chunks(profileIds, IDS_PER_QUERY).map((batch) => pagesOf(batch, [NO_ID])),
        ...chunks(direct, IDS_PER_QUERY).map((batch) => pagesOf([NO_ID], batch)),
    ]);
    await Promise.all(followUps);
    const sorted = [...users.values()].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
    const presenceSeesAll = snapshot.omniEnabled ? await seesAllPresence(api, snapshot.user.id) : false;
    return {
        users: sorted.map((u) => ({ ...u, DirectConfigId: configOf.get(u.Id) ?? null })),
        presenceSeesAll,
        presence: !snapshot.omniEnabled
            ? { status: 'unavailable', code: 'omniDisabled' }
            : (presenceError ?? { status: 'read', records: presence }),
        pages,
    };
}
