// The host's gate on what the webview posts: every message is checked field by field before the host acts on it.
import { SCENARIOS } from '../exercise/types';
import { FLOW_STAGES, type FlowStage } from '../token/types';
import { DEPLOYMENT_ID } from './deployment';
import {
  MAX_ARGS_TEXT,
  MAX_MESSAGE_TEXT,
  PANEL_VIEWS,
  type PanelState,
  type RenderedSummary,
  type WebviewMessage,
} from './panel';

const STAGES = FLOW_STAGES;
const SCENARIO_IDS = SCENARIOS;
/** A Convex function path as the exercise lists it: "messages:list", "folder/file:name". */
const FUNCTION_PATH = /^[\w./-]{1,200}:[\w$]{1,100}$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function hasExactly(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

function isOneOf<T extends string>(v: unknown, allowed: readonly T[]): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function parseSummary(v: unknown): RenderedSummary | undefined {
  if (!isPlainObject(v)) return undefined;
  const keys = 'stoppedAt' in v ? ['what', 'stoppedAt', 'rows'] : ['what', 'rows'];
  if (!hasExactly(v, keys)) return undefined;
  if (!isOneOf(v.what, ['report', 'cleared', 'verified', 'exercise', 'ownFunction', 'deployment'] as const))
    return undefined;
  if (typeof v.rows !== 'number' || !Number.isInteger(v.rows) || v.rows < 0) return undefined;
  if ('stoppedAt' in v && !isOneOf(v.stoppedAt, STAGES)) return undefined;
  return 'stoppedAt' in v
    ? { what: v.what, stoppedAt: v.stoppedAt as FlowStage, rows: v.rows }
    : { what: v.what, rows: v.rows };
}

/**
 * The host's gate: returns a fresh, well-typed copy of a known message, or undefined for anything else
 * (unknown type, missing or extra fields, wrong types). Callers drop undefined without acting on it.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'clear':
    case 'verify':
    case 'runExercise':
      return hasExactly(raw, ['type']) ? { type: raw.type } : undefined;
    case 'decode':
      return hasExactly(raw, ['type', 'text']) && typeof raw.text === 'string' && raw.text.length <= MAX_MESSAGE_TEXT
        ? { type: 'decode', text: raw.text }
        : undefined;
    case 'runScenario':
      return hasExactly(raw, ['type', 'scenario']) && isOneOf(raw.scenario, SCENARIO_IDS)
        ? { type: 'runScenario', scenario: raw.scenario }
        : undefined;
    case 'trustWorkspace':
      return hasExactly(raw, ['type']) ? { type: raw.type } : undefined;
    case 'runOwnFunction': {
      const keys = 'args' in raw ? ['type', 'path', 'args'] : ['type', 'path'];
      if (!hasExactly(raw, keys) || typeof raw.path !== 'string' || !FUNCTION_PATH.test(raw.path)) return undefined;
      if ('args' in raw && (typeof raw.args !== 'string' || raw.args.length > MAX_ARGS_TEXT)) return undefined;
      return typeof raw.args === 'string'
        ? { type: 'runOwnFunction', path: raw.path, args: raw.args }
        : { type: 'runOwnFunction', path: raw.path };
    }
    case 'cancelOwnFunction':
      return hasExactly(raw, ['type']) ? { type: 'cancelOwnFunction' } : undefined;
    case 'ownFunctionCommand':
      return hasExactly(raw, ['type', 'caller', 'action']) &&
        isOneOf(raw.caller, ['A', 'B'] as const) &&
        isOneOf(raw.action, ['copy', 'terminal'] as const)
        ? { type: 'ownFunctionCommand', caller: raw.caller, action: raw.action }
        : undefined;
    case 'askDeployment':
      return hasExactly(raw, ['type', 'id']) && typeof raw.id === 'string' && DEPLOYMENT_ID.test(raw.id)
        ? { type: 'askDeployment', id: raw.id }
        : undefined;
    case 'runOnDeployment':
      return hasExactly(raw, ['type', 'id', 'path', 'args']) &&
        typeof raw.id === 'string' &&
        DEPLOYMENT_ID.test(raw.id) &&
        typeof raw.path === 'string' &&
        FUNCTION_PATH.test(raw.path) &&
        typeof raw.args === 'string' &&
        raw.args.length <= MAX_ARGS_TEXT
        ? { type: 'runOnDeployment', id: raw.id, path: raw.path, args: raw.args }
        : undefined;
    case 'rendered': {
      if (!hasExactly(raw, ['type', 'summary'])) return undefined;
      const summary = parseSummary(raw.summary);
      return summary ? { type: 'rendered', summary } : undefined;
    }
    default:
      return undefined;
  }
}

/** The restore path gets whatever was serialised; anything but a known view falls back to the token view. */
export function parsePanelState(raw: unknown): PanelState {
  return isPlainObject(raw) && isOneOf(raw.view, PANEL_VIEWS) ? { view: raw.view } : { view: 'token' };
}
