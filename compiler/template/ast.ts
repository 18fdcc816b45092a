import type { DType } from '../../runtime/dtype.ts';
import type { Span } from './source.ts';

// Every node keeps the span its errors and `locate` calls point at: the operator
// token, the callee or attribute name, or the opening bracket.

export type BinaryOp = '|' | '^' | '&' | '+' | '-' | '*' | '/' | '//' | '%' | '@' | '**';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type UnaryOp = '-' | '~';

export interface KeywordArg {
  name: string;
  span: Span;
  value: Expr;
}

export type Expr =
  | { kind: 'literal'; value: number | string | boolean | null; span: Span }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'interp'; index: number; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'unary'; op: UnaryOp; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { kind: 'compare'; ops: CompareOp[]; operands: Expr[]; spans: Span[]; span: Span }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr; span: Span }
  | { kind: 'call'; callee: Expr; args: Expr[]; kwargs: KeywordArg[]; span: Span }
  | { kind: 'method'; object: Expr; name: string; args: Expr[]; kwargs: KeywordArg[]; span: Span }
  | { kind: 'attr'; object: Expr; name: string; span: Span }
  | { kind: 'index'; object: Expr; entries: IndexEntry[]; span: Span };

export type IndexEntry =
  | { kind: 'slice'; start: Expr | null; stop: Expr | null; step: Expr | null; span: Span }
  | { kind: 'at'; value: Expr };

export interface Param {
  name: string;
  span: Span;
  dtype: DType;
  dims: (number | string)[];
}

export type Ast =
  | { kind: 'expr'; body: Expr }
  | { kind: 'lambda'; params: Param[]; body: Expr };
