/**
 * A map shared by every copy of the module that asks for it. The lazily loaded command bundle (dist/features.js)
 * carries its own copies of the service modules; keyed through the global symbol registry, both bundles find the
 * same services (one project cache, one watcher) instead of building a second set.
 */
export function sharedWeakMap<K extends object, V>(name: string): WeakMap<K, V> {
  const registry = globalThis as unknown as Record<symbol, WeakMap<K, V> | undefined>;
  const key = Symbol.for(`clerkConvex.${name}`);
  return (registry[key] ??= new WeakMap<K, V>());
}
