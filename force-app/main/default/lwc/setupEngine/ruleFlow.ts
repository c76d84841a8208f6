/** Item 11: the package flow is active. Reads the snapshot's flows only. */
import { flowBuilderUrl, isManagedFlow, isSimplyChatFlow } from './facts';
import { FLOWS_URL } from './setupPages';
import { finish, read, unreadable, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';

export function flowRule(env: RuleEnv, deps: Deps<'flow'>): ItemResult {
    const flows = read(env.snapshot.flows, 'FlowDefinitionView');
    if (!flows.ok) return finish('flow', deps, unreadable(flows.detail));
    const matches = flows.records.filter(isSimplyChatFlow);
    const active = matches.find((f) => f.ActiveVersionId);
    if (active) {
        return finish('flow', deps, {
            status: 'pass',
            reason: reason('item.flow.active', { name: active.Label }),
            details: [{ kind: 'record', role: 'flow', developerName: active.ApiName, label: active.Label }],
        });
    }
    const inactive = matches.find((f) => f.LatestVersionId);
    if (!inactive) {
        return finish('flow', deps, {
            status: 'fail',
            reason: reason('item.flow.missing'),
            noFixReason: reason('fix.reinstallPackage'),
        });
    }
    // Activation through the Tooling API may be refused for a managed flow (docs/org-verification.md row 27): the
    // manual step is always listed, and a refused fix says to follow it.
    return finish('flow', deps, {
        status: 'fail',
        reason: reason('item.flow.inactive', { name: inactive.Label }),
        details: [
            isManagedFlow(inactive)
                ? {
                      kind: 'manualStep',
                      step: reason('fix.activateManagedFlow', {
                          name: inactive.Label,
                          namespace: inactive.NamespacePrefix as string,
                      }),
                      url: FLOWS_URL,
                  }
                : {
                      kind: 'manualStep',
                      step: reason('fix.activateFlowManually', { name: inactive.Label }),
                      url: flowBuilderUrl(inactive.LatestVersionId as string),
                  },
        ],
        ops: [
            {
                kind: 'activateFlow',
                itemId: 'flow',
                flowApiName: inactive.ApiName,
                latestVersionId: inactive.LatestVersionId as string,
            },
        ],
    });
}
