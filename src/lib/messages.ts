/** The plugin's messages (messages/*.md at the package root), loaded once for every command. */
import { fileURLToPath } from 'node:url';
import { Messages } from '@salesforce/core';

/** The package root: build/src/lib → ../../../ */
export const PLUGIN_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

Messages.importMessagesDirectory(PLUGIN_ROOT);

export function loadMessages(bundle: string): Messages<string> {
    return Messages.loadMessages('simplychat-setup', bundle);
}
