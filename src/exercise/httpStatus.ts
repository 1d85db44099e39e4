// HTTP status texts as the backend's Rust `http` crate prints them (`StatusCode`'s Display: "404 Not Found"), and
// the status Convex answers with when an issuer's own status is passed on (errors/src/lib.rs:757-771 and 712-733).
const REASONS: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

/** `format!("{}", StatusCode)`: "404 Not Found", or "599 <unknown status code>". */
export function statusLine(status: number): string {
  return `${status} ${REASONS[status] ?? '<unknown status code>'}`;
}

/** The canonical reason alone, "Unknown" when there is none (lib.rs:441 `canonical_reason().unwrap_or("Unknown")`). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

/**
 * The status Convex answers with for `ErrorMetadata::from_http_status_code(issuer's status)`: 401, 403, 404, 421,
 * 425 and 429 pass through, other 4xx become 400, 5xx become 503 (Overloaded), anything else 400 (bad_request).
 */
export function passedOnStatus(issuerStatus: number): number {
  if ([401, 403, 404, 421, 425, 429].includes(issuerStatus)) return issuerStatus;
  if (issuerStatus >= 400 && issuerStatus < 500) return 400;
  if (issuerStatus >= 500 && issuerStatus < 600) return 503;
  return 400;
}
