import { LightningElement } from 'lwc';
import TITLE from '@salesforce/label/c.SC_Setup_Title';
import SUBTITLE from '@salesforce/label/c.SC_Setup_Subtitle';

/**
 * The SimplyChat Setup tab. This shell shows the page header; the checklist engine, the Apex snapshot and the
 * fixes are wired in by the engine, snapshot, operations and tab issues.
 */
export default class SimplyChatSetup extends LightningElement {
    readonly labels = { title: TITLE, subtitle: SUBTITLE };
}
