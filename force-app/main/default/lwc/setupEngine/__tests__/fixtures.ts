// The sample orgs are shared by the engine's tests, the view model's, the local preview and the CLI's tests.
export * from '../../../../../../samples/orgs';
