#!/usr/bin/env node
// simplychat-setup: a thin alias for `sf simplychat setup`, for machines without the Salesforce CLI.
// `simplychat-setup check -o my-org` runs the plugin's own `simplychat setup check` command through oclif.
const { execute } = require('@oclif/core');

const COMMANDS = ['check', 'fix', 'export', 'agents', 'live'];
const argv = process.argv.slice(2);
const args = COMMANDS.includes(argv[0]) ? [`simplychat:setup:${argv[0]}`, ...argv.slice(1)] : argv;
execute({ dir: __dirname, args }).catch(() => {
    process.exitCode = process.exitCode || 1;
});
