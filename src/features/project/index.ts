import type { FeatureContext } from '../api';
import { sharedWeakMap } from '../sharedState';
import { ProjectService } from './projectService';

export { ProjectService, type ProjectChange } from './projectService';

const services = sharedWeakMap<FeatureContext['extension'], ProjectService>('projectServices');

/**
 * The one ProjectService of this extension context, created on first call and disposed with the extension.
 * Every feature that needs the project calls this instead of constructing its own (one cache, one watcher).
 */
export function getProjectService(ctx: FeatureContext): ProjectService {
  let service = services.get(ctx.extension);
  if (!service) {
    service = new ProjectService();
    services.set(ctx.extension, service);
    ctx.extension.subscriptions.push(service);
  }
  return service;
}
