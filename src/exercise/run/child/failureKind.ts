// What kind of failure a call's error is, from what the learner's function threw: the sandbox's refusals, memory,
// what the in-memory backend does not support, the arguments (refused before the handler started) or the function.
import type { FailureKind } from '../protocol';
import { NETWORK_OFF, PROCESS_OFF } from '../sandbox';

export function failureKind(err: unknown, message: string, handlerStarted: boolean): FailureKind {
  if (message.includes(NETWORK_OFF)) return 'network';
  if (message.includes(PROCESS_OFF) || /ERR_ACCESS_DENIED|Access to this API has been restricted/.test(message))
    return 'unsupported';
  // Node 20 says "Array buffer allocation failed"; Node 22 and 24 (VS Code's and code-server's extension hosts)
  // throw ERR_MEMORY_ALLOCATION_FAILED, "Failed to allocate memory".
  if (
    err instanceof RangeError &&
    /Array buffer allocation failed|allocation failed|Failed to allocate memory/i.test(message)
  )
    return 'memory';
  if (/not (yet )?(supported|implemented)|is not a function.*(vectorSearch|storage|scheduler)/i.test(message))
    return 'unsupported';
  if (!handlerStarted) return 'arguments';
  return 'function';
}
