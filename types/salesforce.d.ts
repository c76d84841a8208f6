// Type declarations for the lightning/* base components and @salesforce/user|client modules.
import '@salesforce/lightning-types';
