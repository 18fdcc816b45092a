// Turns an evaluated graph module's exports into a Description. Runs inside the evaluation
// bundle. Values are recognised by shape rather than instanceof: the module may reach hypatia
// through another path or install, and a failed instanceof would silently drop a function.
import { type Program, PROGRAM_FORMAT, encodeArray } from '../../runtime/program.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { Description, EvalFailure, SharedState, Value } from './description.ts';

interface ContainerLike { name: string; value: NDArray; broadcastable: readonly boolean[]; getValue: unknown }
interface FunctionLike { program: Program; shared: readonly ContainerLike[]; appliesUpdates?: boolean }
interface StreamsLike { rngs: readonly unknown[]; stateUpdates: readonly unknown[]; seed: unknown }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isArrayLike = (v: unknown): v is NDArray =>
  isObject(v) && typeof v.dtype === 'string' && Array.isArray(v.shape) && ArrayBuffer.isView(v.data) && typeof v.toArray === 'function';
const isContainer = (v: unknown): v is ContainerLike =>
  isObject(v) && typeof v.getValue === 'function' && isArrayLike(v.value) && Array.isArray(v.broadcastable);
const isCompiled = (v: unknown): v is FunctionLike =>
  typeof v === 'function' && isObject((v as { program?: unknown }).program) &&
  (v as unknown as FunctionLike).program.format === PROGRAM_FORMAT && Array.isArray((v as { shared?: unknown }).shared);
const isSymbolic = (v: unknown): boolean => isObject(v) && 'owner' in v && 'type' in v && typeof v.dtype === 'string';
/** A generator state (runtime/random/state.ts): Theano's seed/getState/setState over four uint32 words. */
const isRandomState = (v: NDArray): boolean =>
  v.dtype === 'uint32' && v.shape.length === 1 && v.shape[0] === 4 &&
  ['seed', 'getState', 'setState'].every((m) => typeof (v as unknown as Record<string, unknown>)[m] === 'function');
/** A RandomStreams (compiler/random/streams.ts): what a bundle needs is each variable's state. */
const isStreams = (v: unknown): v is StreamsLike =>
  isObject(v) && Array.isArray(v.rngs) && Array.isArray(v.stateUpdates) && typeof v.seed === 'function' && typeof v.uniform === 'function';
/** A shared variable's container, or the container itself. */
const containerOf = (v: unknown): ContainerLike | null => (isObject(v) && isContainer(v.container) ? v.container : isContainer(v) ? v : null);

function constructorName(v: object): string {
  const c = (v as { constructor?: { name?: unknown } }).constructor;
  return typeof c?.name === 'string' && c.name !== '' ? c.name : 'object';
}

interface DeviceBacked { mirror?: { ahead?: unknown } | null; getValueAsync(): Promise<unknown> }

/**
 * Brings values that only a device holds (a graph module that ran WebGPU functions while it was
 * evaluated) back to the host, so describing reads the newest state instead of throwing.
 */
export async function pullDeviceValues(namespace: Record<string, unknown>): Promise<void> {
  const seen = new Set<unknown>();
  const pending: Promise<unknown>[] = [];
  const visit = (v: unknown): void => {
    if ((!isObject(v) && typeof v !== 'function') || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    const c = isObject(o.container) ? o.container : o;
    if (typeof c.getValueAsync === 'function' && isObject(c.mirror) && c.mirror.ahead === true) pending.push((c as unknown as DeviceBacked).getValueAsync());
    if (typeof v === 'function') {
      if (Array.isArray(o.shared)) o.shared.forEach(visit);
      return;
    }
    if (Array.isArray(v)) v.forEach(visit);
    else if (isStreams(v)) v.rngs.forEach(visit);
    else if (Object.getPrototypeOf(v) === Object.prototype) Object.values(o).forEach(visit);
  };
  Object.values(namespace).forEach(visit);
  await Promise.all(pending);
}

export function describeModule(namespace: Record<string, unknown>): Description {
  const programs: Program[] = [];
  const programIds = new Map<Program, number>();
  const functions: Description['functions'] = [];
  const functionIds = new Map<unknown, number>();
  const shared: SharedState[] = [];
  const sharedIds = new Map<ContainerLike, number>();
  const visiting = new Set<object>();

  const sharedId = (c: ContainerLike): number => {
    let id = sharedIds.get(c);
    if (id === undefined) {
      const state: SharedState = { name: c.name, value: encodeArray(c.value), broadcastable: [...c.broadcastable] };
      if (isRandomState(c.value)) state.randomState = true;
      id = shared.push(state) - 1;
      sharedIds.set(c, id);
    }
    return id;
  };
  const functionId = (f: FunctionLike): number => {
    let id = functionIds.get(f);
    if (id !== undefined) return id;
    let program = programIds.get(f.program);
    if (program === undefined) {
      program = programs.push(f.program) - 1;
      programIds.set(f.program, program);
    }
    const ref: Description['functions'][number] = { program, shared: f.shared.map(sharedId) };
    if (f.appliesUpdates === false) ref.appliesUpdates = false;
    id = functions.push(ref) - 1;
    functionIds.set(f, id);
    return id;
  };

  const describe = (v: unknown): Value => {
    if (v === null || ['string', 'number', 'boolean', 'bigint', 'undefined'].includes(typeof v)) {
      return { kind: 'primitive', value: v as string | number | boolean | bigint | null | undefined };
    }
    if (isCompiled(v)) return { kind: 'function', index: functionId(v) };
    if (typeof v === 'function') return { kind: 'unsupported', what: `a JS function (${v.name || 'anonymous'}); only compiled functions (T.fn) can be carried into the bundle` };
    if (typeof v === 'symbol') return { kind: 'unsupported', what: 'a symbol' };
    const o = v as object;
    const c = containerOf(o);
    if (c) return { kind: 'shared', index: sharedId(c) };
    if (isArrayLike(o)) return { kind: 'ndarray', value: encodeArray(o) };
    if (isSymbolic(o)) return { kind: 'unsupported', what: 'a symbolic variable, which exists only while graphs are built; export a compiled function (T.fn) instead' };
    if (ArrayBuffer.isView(o) && !(o instanceof DataView)) return typedArray(o);
    if (isStreams(o)) {
      const rngs = o.rngs.map(containerOf);
      if (rngs.every((r) => r !== null)) return { kind: 'random-streams', rngs: rngs.map(sharedId) };
    }
    if (visiting.has(o)) return { kind: 'unsupported', what: 'a circular reference' };
    const proto = Object.getPrototypeOf(o) as unknown;
    if (!Array.isArray(o) && proto !== Object.prototype && proto !== null) {
      return { kind: 'unsupported', what: `an instance of ${constructorName(o)}; only plain objects and arrays are carried` };
    }
    visiting.add(o);
    try {
      if (Array.isArray(o)) return { kind: 'array', items: o.map(describe) };
      return { kind: 'object', entries: Object.entries(o).map(([k, x]) => [k, describe(x)]) };
    } finally {
      visiting.delete(o);
    }
  };

  const exports = Object.keys(namespace).map((k): [string, Value] => [k, describe(namespace[k])]);
  return { exports, programs, functions, shared };
}

function typedArray(a: ArrayBufferView): Value {
  const name = constructorName(a);
  const dtype = TYPED_DTYPES[name];
  if (!dtype) return { kind: 'unsupported', what: `a ${name}` };
  const data = a as unknown as NDArray['data'];
  // encodeArray reads only dtype, shape, size and data, so a flat view stands in for an NDArray
  return { kind: 'typed-array', value: encodeArray({ dtype, shape: [data.length], data, size: data.length } as unknown as NDArray) };
}

const TYPED_DTYPES: Record<string, NDArray['dtype']> = {
  Float64Array: 'float64', Float32Array: 'float32', Int32Array: 'int32', Int16Array: 'int16', Int8Array: 'int8', Uint8Array: 'uint8', Uint32Array: 'uint32',
};

/** An error as plain data; a template error keeps its position so the plugin can map it to the file. */
export function describeError(e: unknown): EvalFailure {
  const err = isObject(e) ? e : { message: String(e) };
  const failure: EvalFailure = {
    name: typeof err.name === 'string' ? err.name : 'Error',
    message: typeof err.message === 'string' ? err.message : String(e),
    stack: typeof err.stack === 'string' ? err.stack : '',
  };
  for (let c: unknown = e, depth = 0; isObject(c) && depth < 5; c = c.cause, depth++) {
    const loc = c.loc as { source?: { strings?: unknown }; part?: unknown; partOffset?: unknown; length?: unknown } | undefined;
    if (!isObject(loc) || !Array.isArray(loc.source?.strings) || typeof loc.part !== 'number' || typeof loc.partOffset !== 'number') continue;
    failure.template = {
      strings: (loc.source.strings as unknown[]).map(String), part: loc.part, partOffset: loc.partOffset,
      length: typeof loc.length === 'number' ? loc.length : 1,
      detail: typeof c.detail === 'string' ? c.detail : failure.message,
    };
    break;
  }
  return failure;
}
