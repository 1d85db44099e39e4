// Placeholder until the token-flow panel lands.
export {};
