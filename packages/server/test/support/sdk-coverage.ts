/**
 * Which public methods of an official SDK's classes a test file calls, and which of their events
 * fire: the methods of each exported class (prototype methods up its own class chain, without
 * `_` names) are wrapped to count calls, and the shared emitter's `emit` records event names.
 * For the closing report of how much of the official API the gateway tests exercise.
 */
type Ctor = { prototype: object; name: string };

export function recordSdkUse(exported: Record<string, unknown>) {
  const methods = new Map<string, number>();
  const events = new Map<string, number>();
  const classes = Object.entries(exported).filter(([, value]) => typeof value === "function" && (value as Ctor).prototype) as [
    string,
    Ctor,
  ][];
  const emitterProto = findOwner((exported.Client as Ctor).prototype, "emit") as { emit: (...args: unknown[]) => boolean };
  // The SDK's build wraps and renames its classes (`_class`): name every link of a class's chain as the package exports it.
  const names = new Map<unknown, string>();
  for (const [name, ctor] of classes) {
    for (
      let c: unknown = ctor;
      typeof c === "function" && c !== Function.prototype && (c as Ctor).prototype !== emitterProto;
      c = Object.getPrototypeOf(c)
    ) {
      names.set(c, name);
      const proto = (c as Ctor).prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, key);
        const label = `${name}#${key}`;
        if (key === "constructor" || key.startsWith("_") || typeof descriptor?.value !== "function" || methods.has(label)) continue;
        const original = descriptor.value as (...args: unknown[]) => unknown;
        methods.set(label, 0);
        Object.defineProperty(proto, key, {
          ...descriptor,
          value(this: unknown, ...args: unknown[]) {
            methods.set(label, (methods.get(label) ?? 0) + 1);
            return original.apply(this, args);
          },
        });
      }
      for (const key of Object.getOwnPropertyNames(c)) {
        const value = (c as unknown as Record<string, unknown>)[key];
        if (typeof value === "string" && key === value && /^[a-z][A-Za-z]+$/.test(value)) events.set(`${name}.${key}`, 0);
      }
    }
  }
  const emit = emitterProto.emit;
  emitterProto.emit = function (this: { constructor: unknown }, event: unknown, ...args: unknown[]) {
    const label = `${names.get(this.constructor) ?? "?"}.${String(event)}`;
    if (events.has(label)) events.set(label, (events.get(label) ?? 0) + 1);
    return emit.call(this, event, ...args);
  };
  return {
    report() {
      const used = (map: Map<string, number>) => [...map.values()].filter((n) => n > 0).length;
      const missing = (map: Map<string, number>) => [...map].filter(([, n]) => n === 0).map(([k]) => k);
      return {
        methods: { used: used(methods), total: methods.size, missing: missing(methods) },
        events: { used: used(events), total: events.size, missing: missing(events) },
      };
    },
  };
}

function findOwner(start: object, key: string): object {
  for (let proto: object | null = start; proto; proto = Object.getPrototypeOf(proto)) if (Object.hasOwn(proto, key)) return proto;
  throw new Error(`No ${key} on the prototype chain`);
}
