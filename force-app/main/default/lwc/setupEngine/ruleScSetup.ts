/** Item 12: the package's SC Setup custom setting has the guide's values. Reads the snapshot's scSetup only. */
import { SC_SETUP_DEFAULTS, scSetupDefaultFor } from './facts';
import { finish, read, unreadable, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';
import type { Detail, FieldValue, ItemStatus, Reason } from './types';

function isBlank(value: FieldValue | undefined): boolean {
    return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function scSetupRule(env: RuleEnv, deps: Deps<'scSetup'>): ItemResult {
    const part = read(env.snapshot.scSetup, 'SC Setup');
    if (!part.ok) return finish('scSetup', deps, unreadable(part.detail));
    const setting = part.records[0];
    const chat = env.snapshot.chatObject;
    if ((!setting || !setting.objectApiName) && chat.exists && chat.apiName.toLowerCase().startsWith('winp__')) {
        // The package is installed (its chat object is visible) but describe hides its setting: it is protected,
        // and only the admin can enter the values in Setup (docs/org-verification.md row 7).
        return finish('scSetup', deps, {
            status: 'unknown',
            reason: reason('item.scSetup.hidden'),
            details: SC_SETUP_DEFAULTS.map((d): Detail => ({
                kind: 'settingValue',
                field: d.label,
                expected: String(d.value),
                actual: '',
            })),
            noFixReason: reason('fix.scSetupManual', { object: 'SC Setup' }),
        });
    }
    if (!setting || !setting.objectApiName) {
        return finish('scSetup', deps, {
            status: 'unknown',
            reason: reason('item.scSetup.notInstalled'),
            noFixReason: reason('fix.reinstallPackage'),
        });
    }
    const known = setting.fields.flatMap((field) => {
        const d = scSetupDefaultFor(field);
        return d ? [{ field, default: d }] : [];
    });
    const objectApiName = setting.objectApiName;
    /** The fix for some fields: create the org-default record, or fill its blanks, with the guide's values. */
    const fixWith = (
        fields: typeof known,
        mode: 'create' | 'fillBlanks',
        status: ItemStatus,
        why: Reason
    ): ItemResult => {
        const values: Record<string, FieldValue> = {};
        for (const k of fields) values[k.field.apiName] = k.default.value;
        const details = fields.map((k): Detail => ({
            kind: 'settingValue',
            field: k.field.label,
            expected: String(k.default.value),
            actual: '',
        }));
        if (!setting.writable) {
            // Protected (another namespace) or no edit access: the admin enters the values listed in the details.
            return finish('scSetup', deps, {
                status,
                reason: why,
                details,
                noFixReason: reason('fix.scSetupManual', { object: objectApiName }),
            });
        }
        return finish('scSetup', deps, {
            status,
            reason: why,
            details,
            ops: [{ kind: 'setScSetupDefaults', itemId: 'scSetup', objectApiName, mode, values }],
        });
    };
    const orgDefault = setting.orgDefault;
    if (!orgDefault) {
        return fixWith(known, 'create', 'fail', reason('item.scSetup.missing', { object: objectApiName }));
    }
    const blanks = known.filter((k) => k.default.required && isBlank(orgDefault[k.field.apiName]));
    if (blanks.length > 0) {
        return fixWith(blanks, 'fillBlanks', 'warning', reason('item.scSetup.blankValues', { count: blanks.length }));
    }
    return finish('scSetup', deps, {
        status: 'pass',
        reason: reason('item.scSetup.ok', { object: setting.objectApiName }),
    });
}
