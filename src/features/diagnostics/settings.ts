import * as vscode from 'vscode';
import type { Severity } from '../../analysis/types';
import { maxSourceBytes } from '../services/sizeCap';

export type RuleSetting = Severity | 'off';

export interface DiagnosticsSettings {
  enable: boolean;
  maxBytes: number;
  /** Per-rule overrides from `clerkConvex.diagnostics.rules`, by rule code. */
  rules: Readonly<Record<string, RuleSetting>>;
}

const VALID: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'information', 'hint']);

export function readSettings(scope?: vscode.Uri): DiagnosticsSettings {
  const config = vscode.workspace.getConfiguration('clerkConvex.diagnostics', scope);
  const raw = config.get<unknown>('rules');
  const rules: Record<string, RuleSetting> = {};
  if (raw && typeof raw === 'object') {
    for (const [code, value] of Object.entries(raw))
      if (typeof value === 'string' && VALID.has(value)) rules[code] = value as RuleSetting;
  }
  return { enable: config.get<boolean>('enable', true), maxBytes: maxSourceBytes(scope), rules };
}

/** The severity a finding is shown with, or undefined when its rule is turned off. */
export function effectiveSeverity(
  settings: DiagnosticsSettings,
  code: string,
  severity: Severity,
): Severity | undefined {
  const override = settings.rules[code];
  if (override === 'off') return undefined;
  return override ?? severity;
}
