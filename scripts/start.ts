/**
 * npm start — the main job: the SimplyChat Setup tab in a local preview against a simulated org.
 * The preview itself is built by a later issue; until then this compiles the tab and says what exists.
 */
import { runMain } from './lib/files';

export function startMessage(): string {
    return [
        'SimplyChat Setup',
        '',
        'The LWC sources are compiled (npm run build).',
        'The local browser preview of the setup tab against a simulated org is not built yet:',
        'it is the next step on the roadmap (see README, "Status"). Until then:',
        '  npm test                 runs every offline quality gate',
        '  sf project deploy start  deploys force-app to an org you are logged in to (see README)',
    ].join('\n');
}

if (require.main === module) {
    runMain(async () => {
        console.log(startMessage());
        return 0;
    });
}
