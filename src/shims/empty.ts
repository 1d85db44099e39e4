// Stands in for Node-only modules in the web-worker build; code paths that need them check the platform first.
export {};
