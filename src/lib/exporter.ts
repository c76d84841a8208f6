/**
 * The org's SimplyChat setup as a deployable SFDX project: the components the checklist found (service channel,
 * routing configuration, queue with its members and the public groups it names, presence statuses, presence
 * configuration), the agent profiles (a Profile retrieved
 * together with the statuses carries only their servicePresenceStatusAccesses) and the flow's activation
 * (FlowDefinition, only for a flow of the org's own: a managed flow is left out), retrieved with @salesforce/source-deploy-retrieve in source format, plus manifest/package.xml and
 * sfdx-project.json, so `sf project deploy start --manifest manifest/package.xml` deploys it to another org.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import type { ChecklistItem, ItemId } from './engine.js';
import { isManagedFlow } from './engine.js';
import type { OrgRead } from './reader.js';

export interface ExportMember {
    type: string;
    fullName: string;
    /** The checklist item it belongs to. */
    itemId: ItemId;
}

const TYPE_OF_ROLE: Partial<Record<string, string>> = {
    serviceChannel: 'ServiceChannel',
    routingConfig: 'QueueRoutingConfig',
    queue: 'Queue',
    onlineStatus: 'ServicePresenceStatus',
    busyStatus: 'ServicePresenceStatus',
    presenceConfig: 'PresenceUserConfig',
};

/** The FlowDefinition full name of a flow: its API name, with the namespace prefix (`WINP__…`) when it has one. */
export function flowDefinitionName(apiName: string, namespacePrefix: string | null): string {
    return namespacePrefix ? `${namespacePrefix}__${apiName}` : apiName;
}

/** What to export: the records the checklist identified, the chosen profiles, the flow. */
export function exportMembers(read: OrgRead & { items: ChecklistItem[] }): {
    members: ExportMember[];
    missing: ItemId[];
    /** The package's flow, left out: the Metadata API cannot retrieve or deploy a managed flow (row 48). */
    managedFlow: string | null;
} {
    const members: ExportMember[] = [];
    const missing: ItemId[] = [];
    for (const item of read.items) {
        const records = item.details.filter(
            (d): d is Extract<typeof d, { kind: 'record' }> => d.kind === 'record' && d.role === item.id
        );
        const type = TYPE_OF_ROLE[item.id];
        if (type) {
            if (records.length === 0) missing.push(item.id);
            for (const r of records) members.push({ type, fullName: r.developerName, itemId: item.id });
        }
    }
    // A status names its channels: every channel an exported status names goes too, or the deploy would fail.
    const snap = read.snapshot;
    const all = <T>(part: { status: string; records?: readonly T[] }): readonly T[] =>
        part.status === 'read' ? (part.records ?? []) : [];
    const statuses = new Set(
        members.filter((m) => m.type === 'ServicePresenceStatus').map((m) => m.fullName.toLowerCase())
    );
    const statusIds = new Set(
        all(snap.presenceStatuses)
            .filter((s) => statuses.has(s.DeveloperName.toLowerCase()))
            .map((s) => s.Id)
    );
    const channelIds = new Set(
        all(snap.statusChannels)
            .filter((l) => statusIds.has(l.ServicePresenceStatusId))
            .map((l) => l.ServiceChannelId)
    );
    for (const channel of all(snap.serviceChannels)) {
        if (
            channelIds.has(channel.Id) &&
            !members.some((m) => m.type === 'ServiceChannel' && m.fullName === channel.DeveloperName)
        )
            members.push({ type: 'ServiceChannel', fullName: channel.DeveloperName, itemId: 'onlineStatus' });
    }
    // The queue is retrieved with its members: the public groups it names go too (Group, without their members,
    // which are not metadata), so the queue deploys where those groups do not exist yet.
    const membership = snap.queueMembership?.status === 'read' ? snap.queueMembership.records[0] : undefined;
    if (membership && members.some((m) => m.type === 'Queue')) {
        const direct = new Set(
            membership.members.filter((m) => m.GroupId === membership.queueId).map((m) => m.UserOrGroupId)
        );
        for (const g of membership.groups)
            if (g.Type === 'Regular' && g.DeveloperName && direct.has(g.Id))
                members.push({ type: 'Group', fullName: g.DeveloperName, itemId: 'queueMembers' });
    }
    for (const id of read.snapshot.choices.agentProfileIds) {
        const fullName = read.profiles.get(id)?.fullName;
        if (fullName) members.push({ type: 'Profile', fullName, itemId: 'profileAccess' });
    }
    const flows = read.snapshot.flows.status === 'read' ? read.snapshot.flows.records : [];
    const flow = flows.find((f) => f.ActiveVersionId);
    // A flow installed from a managed package cannot be retrieved or deployed through the Metadata API (Metadata
    // API, Flow): `fix` activates it in the target org instead.
    const managedFlow = flow && isManagedFlow(flow) ? flowDefinitionName(flow.ApiName, flow.NamespacePrefix) : null;
    if (flow && !managedFlow)
        members.push({
            type: 'FlowDefinition',
            fullName: flowDefinitionName(flow.ApiName, flow.NamespacePrefix),
            itemId: 'flow',
        });
    else if (!flow) missing.push('flow');
    return { members, missing, managedFlow };
}

/**
 * A retrieved profile cut down to its presence-status access: a profile always comes with its user permissions and
 * other always-retrieved settings, which are the sandbox's and must not travel to production. Deploying a profile
 * overlays only what the file names (Metadata API "Profile": deployment overlays the existing settings;
 * docs/org-verification.md rows 23 and 49), so the export changes nothing else of the profile.
 */
export function onlyStatusAccess(profileXml: string): string {
    const accesses = [
        ...profileXml.matchAll(/<servicePresenceStatusAccesses>[\s\S]*?<\/servicePresenceStatusAccesses>/g),
    ].map((m) => `    ${m[0].trim()}`);
    const open =
        /<Profile\b[^>]*>/.exec(profileXml)?.[0] ?? '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">';
    return ['<?xml version="1.0" encoding="UTF-8"?>', open, ...accesses, '</Profile>', ''].join('\n');
}

/** What an export leaves out, and why: written as the export's README.md. */
export function exportReadme(
    members: readonly ExportMember[],
    missing: readonly ItemId[],
    say: (key: string) => string,
    managedFlow: string | null = null
): string {
    return [
        '# SimplyChat Setup export',
        '',
        'Deploy it with `sf project deploy start --manifest manifest/package.xml --target-org <org>`, then run',
        '`sf simplychat setup check --target-org <org>` there.',
        '',
        '## In this export',
        '',
        ...members.map((m) => `- ${m.type}: ${m.fullName}`),
        '',
        '## Left out, and why',
        '',
        '- The SC Setup values (item 12): a custom setting record, not metadata. Run `sf simplychat setup fix` in the target org.',
        '- The members of the public groups the queue names: group members are records, not metadata; the groups come without them.',
        "- The agent profiles' other settings (user permissions, object and field access, …): only their presence-status access is kept, so the sandbox's profile settings never reach the target org.",
        ...(managedFlow
            ? [
                  `- The flow ${managedFlow} and its activation (item 11): it comes from a managed package, which the Metadata API cannot retrieve or deploy, and the source org's active version must not travel with it. Install the package in the target org and run \`sf simplychat setup fix\` there to activate it.`,
              ]
            : []),
        "- The console apps' Omni-Channel utility (item 14): apps are never changed by SimplyChat Setup; add the utility in App Manager.",
        '- Users: assign them to profiles and the presence configuration in the target org; usernames differ between orgs.',
        ...(missing.length > 0
            ? [
                  '',
                  '## Not set up in the source org, so not exported',
                  '',
                  ...missing.map((id) => `- ${say(`ui.item.${id}`)}`),
              ]
            : []),
        '',
    ].join('\n');
}

export interface ExportOutcome {
    outputDir: string;
    files: string[];
    packageXml: string;
}

function filesUnder(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Retrieves the members into outputDir/force-app and writes the manifest and project file. */
export async function exportSetup(
    connection: Connection,
    members: readonly ExportMember[],
    outputDir: string,
    apiVersion: string
): Promise<ExportOutcome> {
    // source-deploy-retrieve takes about a second to import: only export needs it, only when it retrieves.
    const { ComponentSet, RequestStatus } = await import('@salesforce/source-deploy-retrieve');
    const set = new ComponentSet(members.map((m) => ({ type: m.type, fullName: m.fullName })));
    set.apiVersion = apiVersion;
    set.sourceApiVersion = apiVersion;
    const packageDir = path.join(outputDir, 'force-app');
    fs.mkdirSync(packageDir, { recursive: true });
    const retrieve = await set.retrieve({ usernameOrConnection: connection, output: packageDir, merge: false });
    const result = await retrieve.pollStatus({ frequency: Duration.milliseconds(250), timeout: Duration.minutes(10) });
    const response = result.response;
    if (response.status !== RequestStatus.Succeeded) {
        const problems = [response.messages ?? []].flat().map((m) => `${m.fileName}: ${m.problem}`);
        throw new Error(`The retrieve ended ${response.status}: ${problems.join('; ') || 'no details'}`);
    }
    for (const file of filesUnder(packageDir).filter((f) => f.endsWith('.profile-meta.xml')))
        fs.writeFileSync(file, onlyStatusAccess(fs.readFileSync(file, 'utf8')));
    const packageXml = await set.getPackageXml();
    fs.mkdirSync(path.join(outputDir, 'manifest'), { recursive: true });
    fs.writeFileSync(path.join(outputDir, 'manifest', 'package.xml'), packageXml);
    fs.writeFileSync(
        path.join(outputDir, 'sfdx-project.json'),
        `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: apiVersion }, null, 2)}\n`
    );
    return {
        outputDir,
        files: filesUnder(outputDir)
            .map((f) => path.relative(outputDir, f))
            .sort(),
        packageXml,
    };
}
