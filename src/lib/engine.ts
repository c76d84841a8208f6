/**
 * The plugin's one door to the checklist engine (force-app/main/default/lwc/setupEngine): every other plugin file
 * imports the engine from here, so the engine's location is written once. The engine is the same code the setup
 * tab runs; the plugin reads and applies, the engine decides. The words come from the tab's text module
 * (lwc/setupText), so the CLI says what the tab says.
 */
export * from '../../force-app/main/default/lwc/setupEngine/setupEngine.js';
export {
    AGENT_PAGE_SIZE,
    AGENT_PERMISSION_SET_NAME,
    DEVELOPER_NAME_OBJECTS,
    MAX_DIRECT_USERS,
    MAX_QUEUE_USERS,
    MAX_ROWS_PER_CHANGE,
    METADATA_ELEMENT_ORDER,
    PERMISSION_REFUSALS,
    READ_CAPS,
    RECORD_REF_QUERIES,
} from '../../force-app/main/default/lwc/setupEngine/contract.js';
export { flowBuilderUrl } from '../../force-app/main/default/lwc/setupEngine/facts.js';
export {
    format,
    reasonText as textOfReason,
    recordChangeText,
    withLocale,
    type Labels,
    type TextParams,
} from '../../force-app/main/default/lwc/setupText/setupText.js';
