// Expands a VS Code snippet body the way the editor would when every tab stop keeps its default: used by
// scripts/typecheck-snippets.mjs (type-check and analyse every snippet) and by the tests that compare what
// VS Code inserted with what the snippet says. Follows VS Code's snippet grammar: tab stops, nested
// placeholders, choices, mirrors, variables with defaults and regex transforms, and `\` escapes.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: Node[]; transform?: Transform };

interface Transform {
  regex: RegExp;
  format: string;
}

export interface ExpandOptions {
  /** Values of variables such as TM_FILENAME_BASE; an unknown variable expands to its name, as in VS Code. */
  variables?: Record<string, string>;
  /** Which option each choice tab stop takes (by tab stop index); the first when absent. */
  choice?: (index: number, options: readonly string[]) => number;
}

/** The snippet's text with defaults filled in. `body` is the snippet's body (lines are joined with "\n"). */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const source = typeof body === 'string' ? body : body.join('\n');
  const nodes = new Parser(source).parse();
  const defaults = new Map<number, Node>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults, options);
}

/** Every choice tab stop of a body with its options, in order of appearance. */
export function snippetChoices(body: string | readonly string[]): { index: number; options: string[] }[] {
  const nodes = new Parser(typeof body === 'string' ? body : body.join('\n')).parse();
  const out: { index: number; options: string[] }[] = [];
  const visit = (list: Node[]): void => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.choices) out.push({ index: n.index, options: n.choices });
      if (n.kind !== 'text' && n.children) visit(n.children);
    }
  };
  visit(nodes);
  return out;
}

function collectDefaults(nodes: Node[], defaults: Map<number, Node>): void {
  for (const n of nodes) {
    if (n.kind === 'tabstop' && (n.children || n.choices) && !defaults.has(n.index)) defaults.set(n.index, n);
    if (n.kind !== 'text' && n.children) collectDefaults(n.children, defaults);
  }
}

function render(
  nodes: Node[],
  defaults: Map<number, Node>,
  options: ExpandOptions,
  seen: ReadonlySet<number> = new Set(),
): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += n.value;
    } else if (n.kind === 'variable') {
      const value = options.variables?.[n.name];
      if (value === undefined) out += n.children ? render(n.children, defaults, options, seen) : n.name;
      else out += n.transform ? applyTransform(value, n.transform) : value;
    } else {
      const def = n.children || n.choices ? n : defaults.get(n.index);
      let value = '';
      if (def?.kind === 'tabstop' && !seen.has(n.index)) {
        if (def.choices)
          value = def.choices[Math.min(options.choice?.(n.index, def.choices) ?? 0, def.choices.length - 1)] ?? '';
        else if (def.children) value = render(def.children, defaults, options, new Set([...seen, n.index]));
      }
      out += n.transform ? applyTransform(value, n.transform) : value;
    }
  }
  return out;
}

function applyTransform(value: string, t: Transform): string {
  return value.replace(t.regex, (...args: unknown[]) => {
    const groups = args.slice(
      0,
      args.findIndex((a) => typeof a === 'number'),
    ) as (string | undefined)[];
    return formatReplacement(t.format, groups);
  });
}

/** `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`, as in VS Code's format strings. */
function formatReplacement(format: string, groups: (string | undefined)[]): string {
  return format.replace(
    /\$(\d+)|\$\{(\d+)(?::(\/upcase|\/downcase|\/capitalize|\+[^}]*|-[^}]*|\?[^:}]*:[^}]*|[^}]*))?\}|\\(.)/g,
    (_m, bare: string | undefined, idx: string | undefined, mod: string | undefined, escaped: string | undefined) => {
      if (escaped !== undefined) return escaped;
      const g = groups[Number(bare ?? idx)] ?? '';
      if (!mod) return g;
      if (mod === '/upcase') return g.toUpperCase();
      if (mod === '/downcase') return g.toLowerCase();
      if (mod === '/capitalize') return g.charAt(0).toUpperCase() + g.slice(1);
      if (mod.startsWith('+')) return g ? mod.slice(1) : '';
      if (mod.startsWith('?')) {
        const [ifText, elseText] = mod.slice(1).split(':');
        return g ? (ifText ?? '') : (elseText ?? '');
      }
      if (mod.startsWith('-')) return g || mod.slice(1);
      return g || mod;
    },
  );
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    return this.sequence(() => false);
  }

  /** Nodes up to (not including) a point where `stop` says the enclosing construct ends. */
  private sequence(stop: () => boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length && !stop()) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    flush();
    return nodes;
  }

  /** A construct starting at "$", or undefined (the "$" is then plain text). */
  private dollar(): Node | undefined {
    const start = this.pos;
    const rest = this.src.slice(this.pos + 1);
    const simple = /^(\d+)|^([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return simple[1] !== undefined
        ? { kind: 'tabstop', index: Number(simple[1]) }
        : { kind: 'variable', name: simple[2] };
    }
    const head = /^\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(rest);
    if (!head) return undefined;
    this.pos += 1 + head[0].length;
    const index = head[1] !== undefined ? Number(head[1]) : undefined;
    const name = head[2];
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return index !== undefined ? { kind: 'tabstop', index } : { kind: 'variable', name: name };
    }
    if (next === ':') {
      this.pos++;
      const children = this.sequence(() => this.src[this.pos] === '}');
      if (this.src[this.pos] !== '}') return this.backtrack(start);
      this.pos++;
      return index !== undefined ? { kind: 'tabstop', index, children } : { kind: 'variable', name: name, children };
    }
    if (next === '|' && index !== undefined) {
      const choices = this.choices();
      if (!choices) return this.backtrack(start);
      return { kind: 'tabstop', index, choices };
    }
    if (next === '/') {
      const transform = this.transform();
      if (!transform) return this.backtrack(start);
      return index !== undefined ? { kind: 'tabstop', index, transform } : { kind: 'variable', name: name, transform };
    }
    return this.backtrack(start);
  }

  private backtrack(start: number): undefined {
    this.pos = start;
    return undefined;
  }

  private choices(): string[] | undefined {
    this.pos++; // "|"
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\$}'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    return undefined;
  }

  /** `/regex/format/options}` */
  private transform(): Transform | undefined {
    const parts: string[] = [];
    this.pos++; // first "/"
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && parts.length < 2 && this.src[this.pos + 1] === '/') {
        current += '/';
        this.pos += 2;
      } else if (c === '$' && parts.length === 1 && this.src[this.pos + 1] === '{') {
        // A format item such as ${1:/upcase}: its "/" does not end the format.
        const close = this.src.indexOf('}', this.pos);
        if (close === -1) return undefined;
        current += this.src.slice(this.pos, close + 1);
        this.pos = close + 1;
      } else if (c === '/' && parts.length < 2) {
        parts.push(current);
        current = '';
        this.pos++;
      } else if (c === '}' && parts.length === 2) {
        this.pos++;
        try {
          return { regex: new RegExp(parts[0], current), format: parts[1] };
        } catch {
          return undefined;
        }
      } else {
        current += c;
        this.pos++;
      }
    }
    return undefined;
  }
}
