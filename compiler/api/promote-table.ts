// Generated from runtime/dtype.ts promote(); test/types checks they agree.
export const PROMOTE = {
  bool: { bool: 'bool', int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', uint32: 'uint32', float16: 'float16', float32: 'float32', float64: 'float64' },
  int8: { bool: 'int8', int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'int16', uint32: 'int64', float16: 'float16', float32: 'float32', float64: 'float64' },
  int16: { bool: 'int16', int8: 'int16', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'int16', uint32: 'int64', float16: 'float32', float32: 'float32', float64: 'float64' },
  int32: { bool: 'int32', int8: 'int32', int16: 'int32', int32: 'int32', int64: 'int64', uint8: 'int32', uint32: 'int64', float16: 'float64', float32: 'float64', float64: 'float64' },
  int64: { bool: 'int64', int8: 'int64', int16: 'int64', int32: 'int64', int64: 'int64', uint8: 'int64', uint32: 'int64', float16: 'float64', float32: 'float64', float64: 'float64' },
  uint8: { bool: 'uint8', int8: 'int16', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', uint32: 'uint32', float16: 'float16', float32: 'float32', float64: 'float64' },
  uint32: { bool: 'uint32', int8: 'int64', int16: 'int64', int32: 'int64', int64: 'int64', uint8: 'uint32', uint32: 'uint32', float16: 'float64', float32: 'float64', float64: 'float64' },
  float16: { bool: 'float16', int8: 'float16', int16: 'float32', int32: 'float64', int64: 'float64', uint8: 'float16', uint32: 'float64', float16: 'float16', float32: 'float32', float64: 'float64' },
  float32: { bool: 'float32', int8: 'float32', int16: 'float32', int32: 'float64', int64: 'float64', uint8: 'float32', uint32: 'float64', float16: 'float32', float32: 'float32', float64: 'float64' },
  float64: { bool: 'float64', int8: 'float64', int16: 'float64', int32: 'float64', int64: 'float64', uint8: 'float64', uint32: 'float64', float16: 'float64', float32: 'float64', float64: 'float64' },
} as const;

