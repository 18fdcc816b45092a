// Compiling for WebGPU in tests: T.fn with backend 'webgpu', typed as what it returns.
import * as T from '../../compiler/index.ts';
import type { WebGpuFunction } from '../../runtime/webgpu/function.ts';

export function gpuFn(inputs: readonly unknown[], outputs?: unknown, options: Record<string, unknown> = {}): WebGpuFunction {
  return (T.fn as (...a: unknown[]) => unknown)(inputs, outputs, { ...options, backend: 'webgpu' }) as WebGpuFunction;
}
