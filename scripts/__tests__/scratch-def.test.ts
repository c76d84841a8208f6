/**
 * The scratch org definition must be able to deploy what force-app holds: a list custom setting deploys only where
 * list custom setting creation is enabled (SchemaSettings.enableListCustomSettingCreation).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OBJECTS = path.join(ROOT, 'force-app', 'main', 'default', 'objects');

/** The list custom settings among these object folders. */
function listCustomSettings(objectsDir: string): string[] {
    return fs.readdirSync(objectsDir).filter((name) => {
        const file = path.join(objectsDir, name, `${name}.object-meta.xml`);
        return (
            fs.existsSync(file) && /<customSettingsType>List<\/customSettingsType>/.test(fs.readFileSync(file, 'utf8'))
        );
    });
}

/** Whether a scratch definition enables list custom setting creation. */
function allowsListCustomSettings(definition: unknown): boolean {
    const settings = (definition as { settings?: { schemaSettings?: { enableListCustomSettingCreation?: boolean } } })
        .settings;
    return settings?.schemaSettings?.enableListCustomSettingCreation === true;
}

describe('scratch org definition', () => {
    it('enables list custom settings, because force-app holds one', () => {
        const lists = listCustomSettings(OBJECTS);
        assert.ok(lists.includes('SimplyChat_Setup_Profile__c'), 'the agent profile choices are a list setting');
        const definition: unknown = JSON.parse(
            fs.readFileSync(path.join(ROOT, 'config', 'project-scratch-def.json'), 'utf8')
        );
        assert.equal(allowsListCustomSettings(definition), true);
    });

    it('would refuse a definition without the setting (planted defect)', () => {
        assert.equal(
            allowsListCustomSettings({ settings: { omniChannelSettings: { enableOmniChannel: true } } }),
            false
        );
    });
});
