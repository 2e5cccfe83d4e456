/**
 * The objects a response is built of. Apollo's executor builds them with Object.create(null), so
 * that `in` and property reads see only what the response holds; an instance of a constructor
 * whose prototype is such an object answers `in` the same way and stays in V8's fast mode.
 */
/** Objects of the response: own properties only, so `in` never finds `toString` or `constructor`. */
export function NullProtoObject(this: Record<string, unknown>): void {}
NullProtoObject.prototype = Object.create(null);
export const newObject = (): Record<string, unknown> =>
  new (NullProtoObject as unknown as new () => Record<string, unknown>)();

/** A response name may be `__proto__`: set it as an own property, never as the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}
