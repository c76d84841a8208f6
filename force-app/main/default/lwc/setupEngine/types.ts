/**
 * The contract of the checklist engine: what is read from the org (OrgSnapshot), what the admin chose
 * (SetupChoices), what the engine says about each item (ChecklistItem) and what it plans to write (Operation).
 *
 * Records keep the Salesforce field names they are read with (SOQL / describe), so the Apex DTOs and the CLI's
 * REST reader map one to one. Everything here is plain data: serializable to JSON and back without loss.
 */
export type * from './snapshotTypes';
export * from './checklistTypes';
export type * from './operationTypes';
export type * from './agentTypes';
