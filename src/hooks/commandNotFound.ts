/**
 * "Did you mean" for a mistyped command when the plugin runs on its own (bin/run.js). Inside sf, sf's own
 * plugin-not-found answers, so this hook stays silent there.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hook } from '@oclif/core';
import { closest } from '../lib/reader.js';

const PLUGIN_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

const hook: Hook.CommandNotFound = async function (options) {
    if (path.resolve(options.config.root) !== PLUGIN_ROOT) return;
    const ids = options.config.commandIDs;
    const typed = options.id.replace(/ /g, ':');
    const hint = closest(typed, ids) ?? closest(`simplychat:setup:${typed.split(':').pop() ?? ''}`, ids);
    const show = (id: string): string => id.replace(/:/g, ' ');
    this.error(
        `"${show(typed)}" is not a command.${hint ? ` Did you mean "${show(hint)}"?` : ''} Commands: ${ids.map(show).join(', ')}.`,
        { exit: 2 }
    );
};

export default hook;
