import { loadFeatures, type FeaturesBundle } from '../../lazy';

type PanelClass = FeaturesBundle['TokenFlowPanel'];
let loaded: PanelClass | undefined;

/** The panel's class, from the command bundle that loads on first use (see src/lazy.ts). */
export async function tokenFlowPanel(): Promise<PanelClass> {
  return (loaded ??= (await loadFeatures()).TokenFlowPanel);
}

/** The open panel, without loading anything: undefined until a command has loaded the bundle and opened one. */
export function currentPanel(): PanelClass['current'] {
  return loaded?.current;
}
