// An Expo project on an SDK that the installed @clerk/expo does not declare support for: @clerk/expo 4.6.6 says
// `peerDependencies.expo: ">=54 <58"` while Expo SDK 58 is current (December 2026). It may work, but nothing
// promises it, so the learner gets a note, not a warning. The range is read from the installed package, never
// from a table here, so a newer @clerk/expo widening it silences the note by itself.
import { nodeSatisfies } from './nodeEngine';
import { readDependencies } from './packageFacts';
import type { InstalledExpoPackages } from './types';

export interface ExpoSdkNotice {
  /** Offsets of the `expo` range string's contents in package.json. */
  start: number;
  end: number;
  /** The Expo version judged: the installed one, else the lowest the declared range allows. */
  expoVersion: string;
  /** Whether `expoVersion` is the installed version (else it was read from the declared range). */
  installed: boolean;
  clerkExpoVersion: string;
  peerRange: string;
}

/** The lowest version an exact, `~` or `^` range allows ("~58.0.3" → "58.0.3"); undefined for other forms. */
function lowestOf(range: string): string | undefined {
  return /^\s*[~^=]?\s*v?(\d+\.\d+\.\d+)\s*$/.exec(range)?.[1];
}

/** The note for this package.json and what is installed next to it; never throws. */
export function expoSdkNotice(packageJsonText: string, installed: InstalledExpoPackages): ExpoSdkNotice | undefined {
  const { clerkExpo, clerkExpoPeerExpo } = installed;
  if (clerkExpo === undefined || clerkExpoPeerExpo === undefined) return undefined;
  const range = readDependencies(packageJsonText).get('expo');
  if (range === undefined) return undefined;
  const expoVersion = installed.expo ?? lowestOf(range);
  if (expoVersion === undefined || nodeSatisfies(clerkExpoPeerExpo, expoVersion) !== false) return undefined;
  const entry = new RegExp(`"expo"\\s*:\\s*"${range.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(packageJsonText);
  if (!entry) return undefined;
  const end = entry.index + entry[0].length - 1;
  return {
    start: end - range.length,
    end,
    expoVersion,
    installed: installed.expo !== undefined,
    clerkExpoVersion: clerkExpo,
    peerRange: clerkExpoPeerExpo,
  };
}
