// A Map that counts its changes, so what is derived from all its entries (the sorted entries, the index's function
// lists, the check key) is computed once per change instead of once per question: a settle asks for each of them
// several times, and on a 5,000-file workspace each answer walks and sorts every entry.

export class VersionedMap<K, V> extends Map<K, V> {
  private changes = 0;

  get version(): number {
    return this.changes;
  }

  override set(key: K, value: V): this {
    this.changes++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.changes++;
    return deleted;
  }

  override clear(): void {
    if (this.size > 0) this.changes++;
    super.clear();
  }
}

/** Values computed from a VersionedMap's entries, each kept until the map changes. */
export class Derived {
  private at = -1;
  private readonly values = new Map<string, unknown>();

  constructor(private readonly source: { readonly version: number }) {}

  get<T>(name: string, compute: () => T): T {
    if (this.at !== this.source.version) {
      this.values.clear();
      this.at = this.source.version;
    }
    if (this.values.has(name)) return this.values.get(name) as T;
    const value = compute();
    this.values.set(name, value);
    return value;
  }
}
