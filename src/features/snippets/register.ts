import type { ExtensionApi, FeatureContext } from '../api';

// Placeholder until the feature lands; replaced by its implementation.
export function registerSnippets(_ctx: FeatureContext): Partial<ExtensionApi> {
  return {};
}
