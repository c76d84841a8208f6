import { SALESFORCE_ID_PATTERN } from './contract';
import { CAPACITY_MAX, CAPACITY_MIN, MAX_NAME_LENGTH } from './facts';
import { isValidDeveloperName, isValidObjectApiName } from './names';
import { reason } from './reasons';
import { SHARED_ROUTING_CHOICES } from './ruleRoutingConfig';
import type { ChoiceError, OrgSnapshot, SetupChoices, SetupNames } from './types';

/**
 * Checks the admin's choices; each error names the choice and a label key. Profile ids are checked against the
 * snapshot's profiles when it could read them. An empty list means the choices are valid.
 */
export function validateChoices(choices: SetupChoices, snapshot?: OrgSnapshot): ChoiceError[] {
    const errors: ChoiceError[] = [];
    const { capacity } = choices;
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < CAPACITY_MIN || capacity > CAPACITY_MAX)) {
        errors.push({
            field: 'capacity',
            reason: reason('choice.capacityRange', { min: CAPACITY_MIN, max: CAPACITY_MAX }),
        });
    }
    if (!isValidObjectApiName(choices.chatObject)) {
        errors.push({ field: 'chatObject', reason: reason('choice.chatObjectInvalid', { value: choices.chatObject }) });
    }
    const known =
        snapshot && snapshot.profiles.status === 'read'
            ? new Set(snapshot.profiles.records.map((p) => p.Id))
            : undefined;
    for (const id of choices.agentProfileIds) {
        if (!SALESFORCE_ID_PATTERN.test(id)) {
            errors.push({ field: 'agentProfileIds', reason: reason('choice.profileIdInvalid', { value: id }) });
        } else if (known && !known.has(id)) {
            errors.push({ field: 'agentProfileIds', reason: reason('choice.profileUnknown', { value: id }) });
        }
    }
    const agents = new Set(choices.agentProfileIds);
    for (const id of choices.moveProfileIds) {
        if (!agents.has(id))
            errors.push({ field: 'moveProfileIds', reason: reason('choice.moveNotAgent', { value: id }) });
    }
    const members = choices.queueMembers;
    if (members?.kind === 'publicGroup') {
        const groups = snapshot?.publicGroups?.status === 'read' ? snapshot.publicGroups.records : undefined;
        const value = members.groupDeveloperName;
        if (value.trim() === '') {
            errors.push({ field: 'queueMembers', reason: reason('choice.publicGroupMissing') });
        } else if (!isValidDeveloperName(value)) {
            errors.push({ field: 'queueMembers', reason: reason('choice.publicGroupInvalid', { value }) });
        } else if (groups && !groups.some((g) => g.DeveloperName.toLowerCase() === value.toLowerCase())) {
            errors.push({ field: 'queueMembers', reason: reason('choice.publicGroupUnknown', { value }) });
        }
    }
    const shared = choices.sharedRoutingConfig;
    if (shared !== undefined && shared !== null && !(SHARED_ROUTING_CHOICES as readonly unknown[]).includes(shared)) {
        errors.push({
            field: 'sharedRoutingConfig',
            reason: reason('choice.sharedRoutingInvalid', { value: String(shared) }),
        });
    }
    for (const key of Object.keys(choices.names) as (keyof SetupNames)[]) {
        const name = choices.names[key];
        if (!isValidDeveloperName(name.developerName)) {
            errors.push({
                field: `names.${key}.developerName`,
                reason: reason('choice.developerNameInvalid', { value: name.developerName, max: MAX_NAME_LENGTH }),
            });
        }
        if (name.label.trim() === '' || name.label.length > MAX_NAME_LENGTH) {
            errors.push({
                field: `names.${key}.label`,
                reason: reason('choice.labelInvalid', { max: MAX_NAME_LENGTH }),
            });
        }
    }
    return errors;
}

/** Thrown by plan() when the choices are invalid; `errors` say which. */
export class ChoicesInvalidError extends Error {
    readonly errors: readonly ChoiceError[];
    constructor(errors: readonly ChoiceError[]) {
        super(`Invalid setup choices: ${errors.map((e) => `${e.field} (${e.reason.key})`).join(', ')}`);
        this.name = 'ChoicesInvalidError';
        this.errors = errors;
    }
}
