// The template language front end: `tensor\`...\`` source to calls on a TemplateHost.
export type { Ast, BinaryOp, CompareOp, Expr, IndexEntry, KeywordArg, Param, UnaryOp } from './ast.ts';
export { TemplateError } from './errors.ts';
export { evaluateTemplate, type NewAxis, type Slice } from './evaluate.ts';
export type { TemplateHost } from './host.ts';
export { TemplateLambda } from './lambda.ts';
export { parseTemplate } from './parser.ts';
export { makeSource, type SourceLoc, type TemplateSource } from './source.ts';
