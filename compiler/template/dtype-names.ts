import type { DType } from '../../runtime/dtype.ts';

// Short spellings first: they are what error messages list, and what users type most.
export const DTYPE_SPELLINGS: Readonly<Record<string, DType>> = {
  f16: 'float16',
  f32: 'float32',
  f64: 'float64',
  i8: 'int8',
  i16: 'int16',
  i32: 'int32',
  i64: 'int64',
  u8: 'uint8',
  u32: 'uint32',
  bool: 'bool',
  float16: 'float16',
  float32: 'float32',
  float64: 'float64',
  int8: 'int8',
  int16: 'int16',
  int32: 'int32',
  int64: 'int64',
  uint8: 'uint8',
  uint32: 'uint32',
};

export function dtypeFromSpelling(spelling: string): DType | undefined {
  return Object.hasOwn(DTYPE_SPELLINGS, spelling) ? DTYPE_SPELLINGS[spelling] : undefined;
}
