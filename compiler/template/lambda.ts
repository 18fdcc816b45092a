/** The value of a `(params) => body` template: the symbolic inputs and the graph built from them. */
export class TemplateLambda {
  params: unknown[];
  paramNames: string[];
  dims: (number | string)[][];
  body: unknown;

  constructor(params: unknown[], paramNames: string[], dims: (number | string)[][], body: unknown) {
    this.params = params;
    this.paramNames = paramNames;
    this.dims = dims;
    this.body = body;
  }
}
