/**
 * The contract's write law against the engine's real plans, offline: Apex (SetupWriteLaw) takes a planned change
 * only when each value it writes comes from where config/contract/setup-contract.json says (recordWrites' sources,
 * metadataElements, metadataChildElements). This test reads the same rules from the contract, independently of the
 * Apex code, and checks every change the engine plans for the conformance vectors, the Apex fixtures' sample orgs and
 * the preview's scenarios (with every queue-member choice): were the engine to plan a value from elsewhere, Apex would
 * refuse the fix in a real org. Planted changes show the check refuses what Apex refuses.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
    changeRequests,
    CAPACITY_MAX,
    CAPACITY_MIN,
    isValidDeveloperName,
    isValidObjectApiName,
    plan,
    type ChangeRequest,
    type Operation,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { MAX_NAME_LENGTH } from '../../force-app/main/default/lwc/setupEngine/facts';
import { SCENARIOS } from '../../samples/scenarios';
import { fixturePlans, readContract, type FieldList, type FieldType, type FieldTypes } from '../contract';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const contract = readContract();
const kinds = contract.operations as Record<string, (typeof contract.operations)[string]>;

/** Key of the operation → the values it carries under that key, at any depth (a routing model in both spellings). */
function carried(operation: Operation): Map<string, Set<string>> {
    const found = new Map<string, Set<string>>();
    const walk = (key: string | null, value: unknown): void => {
        if (Array.isArray(value)) value.forEach((v) => walk(key, v));
        else if (value !== null && typeof value === 'object')
            Object.entries(value as Record<string, unknown>).forEach(([k, v]) => walk(k, v));
        else if (value !== null && value !== undefined && key !== null) {
            const set = found.get(key) ?? new Set<string>();
            set.add(String(value));
            if (key === 'routingModel' && String(value) in contract.routingModels)
                set.add(contract.routingModels[String(value)]);
            found.set(key, set);
        }
    };
    walk(null, operation);
    return found;
}

const REF_VALUES: Record<string, string[]> = Object.fromEntries(
    Object.entries(contract.recordRefs.kinds).map(([kind, shape]) => [kind, shape.values])
);
const QUALIFIER: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(contract.recordRefs.kinds).map(([kind, shape]) => [kind, shape.qualifier])
);

const sameKeys = (value: object, types: object): boolean =>
    JSON.stringify(Object.keys(value).sort()) === JSON.stringify(Object.keys(types).sort());

/** Whether a value is of its contract type, as SetupOperation.cls parses it (the grammar is in the contract). */
function fits(type: FieldType | FieldTypes, value: unknown): boolean {
    if (typeof type !== 'string') {
        if (!('of' in type && 'min' in type)) {
            const entry = value as Record<string, unknown>;
            const typed = type as FieldTypes;
            return (
                typeof value === 'object' &&
                value !== null &&
                sameKeys(entry, typed) &&
                Object.entries(typed).every(([key, t]) => fits(t, entry[key]))
            );
        }
        const list = type as FieldList;
        const max = typeof list.max === 'string' ? contract.limits[list.max as keyof typeof contract.limits] : list.max;
        return (
            Array.isArray(value) &&
            value.length >= list.min &&
            value.length <= max &&
            value.every((v) => fits(list.of, v))
        );
    }
    const leaf = type.split(' ')[0];
    if (leaf.endsWith('?') && value === null) return true;
    const [base, ...range] = leaf.replace(/\?$/, '').split(':');
    const text = typeof value === 'string' ? value : '';
    const whole = (min: number, max: number): boolean =>
        Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
    const checks: Record<string, () => boolean> = {
        true: () => value === true,
        name: () => isValidDeveloperName(text),
        label: () => text.trim() !== '' && text.length <= MAX_NAME_LENGTH,
        object: () => isValidObjectApiName(text),
        text: () => typeof value === 'string',
        oneOf: () => range[0].split(',').includes(text),
        routingModel: () => text in contract.routingModels,
        agentSetName: () => text === contract.agentPermissionSetName.name,
        agentSetDescription: () => text === contract.agentPermissionSetName.description,
        id: () => new RegExp(contract.salesforceIdPattern).test(text),
        count: () => whole(0, 2 ** 31 - 1),
        capacity: () => whole(CAPACITY_MIN, CAPACITY_MAX),
        int: () => whole(Number(range[0]), Number(range[1])),
        weight: () => typeof value === 'number' && value > 0 && value <= CAPACITY_MAX,
        list: () => Array.isArray(value),
        map: () => typeof value === 'object' && value !== null && !Array.isArray(value),
    };
    return checks[base]?.() ?? false;
}

/** Every field of an operation that is not of its contract type (what Apex refuses before the law), as 'field'. */
export function typeProblems(operation: Operation): string[] {
    const { kind, itemId, ...values } = operation as unknown as Record<string, unknown>;
    const types = kinds[String(kind)].fields;
    if (!sameKeys(values, types) || typeof itemId !== 'string') return [`fields of ${String(kind)}`];
    return Object.entries(types)
        .filter(([field, type]) => !fits(type, values[field]))
        .map(([field]) => `${field}: ${JSON.stringify(values[field])}`);
}

/** Every part of a planned change that the contract's law refuses, as 'path: why'. */
export function lawProblems(change: ChangeRequest): string[] {
    const problems: string[] = [];
    const has = carried(change.operation);
    const carries = (key: string, value: unknown): boolean =>
        value !== null && typeof value !== 'object' && (has.get(key)?.has(String(value)) ?? false);
    const isRef = (value: unknown, source: string): boolean => {
        if (value === null || typeof value !== 'object') return false;
        const ref = value as Record<string, unknown>;
        const [spec, keys] = source.split(':');
        const [kind, qualifierValue] = spec.split('.');
        const qualifier = QUALIFIER[kind];
        const expected = ['ref', ...(qualifier ? [qualifier] : []), ...(REF_VALUES[kind] ?? [])].sort();
        if (JSON.stringify(Object.keys(ref).sort()) !== JSON.stringify(expected) || ref.ref !== kind) return false;
        if (qualifier && ref[qualifier] !== qualifierValue) return false;
        return REF_VALUES[kind].every((k, i) => carries(keys.split(',')[i], ref[k]));
    };
    problems.push(...typeProblems(change.operation));
    const law = kinds[change.operation.kind];
    if (!law.routes.includes(change.route)) problems.push(`route: ${change.route}`);
    for (const [i, write] of change.writes.entries()) {
        const key = `${write.sObject} ${write.action}`;
        const sources = contract.recordWrites[key];
        if (!law.writes.includes(key) || !sources) {
            problems.push(`writes[${i}]: ${key}`);
            continue;
        }
        if (JSON.stringify(Object.keys(write.fields).sort()) !== JSON.stringify(Object.keys(sources).sort()))
            problems.push(`writes[${i}].fields`);
        for (const [field, value] of Object.entries(write.fields))
            if (!(sources[field] ?? []).some((s) => (s.includes(':') ? isRef(value, s) : carries(s, value))))
                problems.push(`writes[${i}].fields.${field}: ${JSON.stringify(value)}`);
    }
    const element = (value: unknown, source: string): boolean => {
        if (Array.isArray(value)) return value.every((v) => element(v, source));
        if (value === null || typeof value !== 'object') return carries(source, value);
        const children = value as Record<string, unknown>;
        if ('ref' in children) return isRef(children, `profileFullName:${source}`);
        const constants = contract.metadataChildElements.constants ?? {};
        return Object.entries(children).every(
            ([name, child]) =>
                contract.metadataChildElements.names.includes(name) &&
                (name in constants ? String(child) === constants[name] : element(child, source))
        );
    };
    if (change.metadata) {
        if (change.metadata.type !== law.metadataType) problems.push(`metadata: ${change.metadata.type}`);
        for (const name of change.metadata.remove)
            if (!(name in law.metadataElements)) problems.push(`metadata.remove: ${name}`);
        for (const [name, value] of Object.entries(change.metadata.set)) {
            const source = law.metadataElements[name];
            if (!source || !element(value, source)) problems.push(`metadata.set.${name}`);
        }
    }
    return problems;
}

const vectors = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'contract', 'write-vectors.json'), 'utf8')) as {
    vectors: { name: string; operation: Operation }[];
    applied: { name: string; operation: Operation }[];
};

describe('the engine plans every change inside the contract write law Apex applies (SetupWriteLaw)', () => {
    it('the conformance vectors', () => {
        for (const v of [...vectors.vectors, ...vectors.applied])
            assert.deepEqual(lawProblems(changeRequests([v.operation])[0]), [], v.name);
    });

    it('the plans of the Apex fixtures’ sample orgs', () => {
        for (const { name, operations } of fixturePlans())
            for (const change of changeRequests(operations)) assert.deepEqual(lawProblems(change), [], name);
    });

    it('the plans of every preview scenario, with each queue-member choice', () => {
        let changes = 0;
        for (const s of SCENARIOS) {
            const snapshot = s.snapshot();
            for (const queueMembers of [snapshot.choices.queueMembers, { kind: 'agentUsers' as const }]) {
                const choices = { ...snapshot.choices, queueMembers };
                for (const change of changeRequests(plan({ ...snapshot, choices }, 'all', choices))) {
                    assert.deepEqual(lawProblems(change), [], `${s.id}: ${change.operation.kind}`);
                    changes++;
                }
            }
        }
        assert.ok(changes > 50, `${changes} changes checked`);
    });
});

describe('the contract write law is whole', () => {
    it('every source names a reference kind the contract knows, with one key per value, by objects found by name', () => {
        for (const [change, fields] of Object.entries(contract.recordWrites))
            for (const [field, sources] of Object.entries(fields))
                for (const source of sources.filter((s) => s.includes(':'))) {
                    const [spec, keys] = source.split(':');
                    const [kind, qualifier] = spec.split('.');
                    const shape = contract.recordRefs.kinds[kind];
                    assert.ok(shape, `${change}.${field}: ${kind}`);
                    assert.equal(keys.split(',').length, shape.values.length, `${change}.${field}: ${source}`);
                    assert.equal(Boolean(shape.qualifier), Boolean(qualifier), `${change}.${field}: ${source}`);
                    if (kind === 'developerName')
                        assert.ok(contract.recordRefs.developerNameObjects.includes(qualifier), source);
                }
    });
});

describe('the check refuses what Apex refuses (planted)', () => {
    it('a permission set other than SimplyChat’s, or SimplyChat’s with another description', () => {
        const set = vectors.vectors.find((v) => v.operation.kind === 'upsertAgentPermissionSet')!.operation;
        assert.deepEqual(typeProblems({ ...set, developerName: 'Sales_Ops' } as Operation), [
            'developerName: "Sales_Ops"',
        ]);
        assert.deepEqual(typeProblems({ ...set, description: 'Mine' } as Operation), ['description: "Mine"']);
    });

    it('a status access of SimplyChat’s permission set that is not enabled', () => {
        const set = vectors.vectors.find((v) => v.operation.kind === 'upsertAgentPermissionSet')!.operation;
        const change = changeRequests([set])[0];
        assert.deepEqual(lawProblems(change), []);
        const metadata = change.metadata!;
        const planted: ChangeRequest = {
            ...change,
            metadata: {
                ...metadata,
                set: {
                    ...metadata.set,
                    servicePresenceStatusAccesses: [{ enabled: false, servicePresenceStatus: 'SimplyChat_Online' }],
                },
            },
        };
        assert.deepEqual(lawProblems(planted), ['metadata.set.servicePresenceStatusAccesses']);
    });

    it('a field of another type than the contract gives it', () => {
        const status = vectors.vectors.find((v) => v.operation.kind === 'createPresenceConfig')!.operation;
        assert.deepEqual(typeProblems({ ...status, capacity: 0 } as Operation), ['capacity: 0']);
        assert.deepEqual(typeProblems({ ...status, label: '' } as Operation), ['label: ""']);
        assert.deepEqual(typeProblems({ ...status, developerName: 'Simply Chat' } as Operation), [
            'developerName: "Simply Chat"',
        ]);
        assert.deepEqual(typeProblems({ ...status, profiles: [{ profileId: 'x', profileName: 'A' }] } as Operation), [
            'profiles: [{"profileId":"x","profileName":"A"}]',
        ]);
        assert.deepEqual(typeProblems({ ...status, soql: 'x' } as unknown as Operation), [
            'fields of createPresenceConfig',
        ]);
    });

    const move = changeRequests([vectors.vectors.find((v) => v.operation.kind === 'moveUsersToConfig')!.operation])[0];

    it('a move of direct users that inserts every user of the profile', () => {
        const insert = move.writes.find((w) => w.action === 'insert')!;
        const planted: ChangeRequest = {
            ...move,
            writes: [
                ...move.writes.filter((w) => w !== insert),
                {
                    ...insert,
                    fields: {
                        ...insert.fields,
                        UserId: {
                            ref: 'profileUsers',
                            profileId: (insert.fields.UserId as { profileId: string }).profileId,
                        },
                    },
                },
            ],
        };
        assert.equal(lawProblems(planted).length, 1);
    });

    it('a delete from the configuration the profiles move to', () => {
        const target = move.operation.kind === 'moveUsersToConfig' ? move.operation.configId : null;
        const planted: ChangeRequest = {
            ...move,
            writes: move.writes.map((w) =>
                w.action === 'delete' ? { ...w, fields: { ...w.fields, PresenceUserConfigId: target } } : w
            ),
        };
        assert.match(lawProblems(planted).join(), /PresenceUserConfigId/);
    });
});
