// The walkthrough's pure state: measured facts and progress in, checks and context keys out. No vscode here.
export * from './checks';
export * from './context';
export * from './firstRun';
export * from './keys';
export * from './progress';
export * from './variants';
export * from './issuerCommand';
export * from './recap';
