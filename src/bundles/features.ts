// Entry of the lazily loaded feature code. Activation registers thin handlers; this code (the token panel host,
// the exercise, the insert commands, the lesson's state, view and commands) is read when one of them is first needed.
export { TokenFlowPanel } from '../features/tokenPanel/panel';
export { addIdentityCheck } from '../features/snippets/addIdentityCheck';
export { createAuthConfig } from '../features/snippets/createAuthConfig';
export { insertProviderSandwich } from '../features/snippets/insertSandwich';
export { openOnFirstStart, startLesson } from '../features/walkthrough/lesson';
export { installSamplePackages, offerSamplePackages, openSampleProject, sampleOptions } from '../features/walkthrough/sampleProject';
