import { describe, expect, it } from 'vitest';
import { body, fakeHost } from './fake-host.ts';

describe('power and unary operators', () => {
  it('binds ** tighter than a unary minus on its left', () => {
    expect(body('-x**2')).toBe('(neg (pow x 2))');
    expect(body('-a**-b')).toBe('(neg (pow a (neg b)))');
  });

  it('takes a unary expression as the exponent', () => {
    expect(body('x**-1')).toBe('(pow x -1)');
    expect(body('x**-a')).toBe('(pow x (neg a))');
    expect(body('2**-x**2')).toBe('(pow 2 (neg (pow x 2)))');
  });

  it('is right associative', () => {
    expect(body('2**3**2')).toBe('(pow 2 (pow 3 2))');
    expect(body('a**b**c**d')).toBe('(pow a (pow b (pow c d)))');
  });

  it('binds postfix tighter than **', () => {
    expect(body('x.T**2')).toBe('(pow (transpose x) 2)');
    expect(body('a**x[0]')).toBe('(pow a (subtensor x [0]))');
  });

  it('nests unary operators and treats unary plus as identity', () => {
    expect(body('--a')).toBe('(neg (neg a))');
    expect(body('~-a')).toBe('(invert (neg a))');
    expect(body('+a')).toBe('a');
    expect(body('-+-a')).toBe('(neg (neg a))');
    expect(body('~a & b')).toBe('(and_ (invert a) b)');
  });

  it('folds a minus on a number literal into the number', () => {
    expect(body('a * -2')).toBe('(mul a -2)');
    expect(body('--2')).toBe('2');
    expect(body('-2**2')).toBe('(neg (pow 2 2))');
    expect(body('-e')).toBe('(neg e)');
  });

  it('binds unary minus tighter than * and +', () => {
    expect(body('-a * b')).toBe('(mul (neg a) b)');
    expect(body('a - -b')).toBe('(sub a (neg b))');
  });
});

describe('arithmetic', () => {
  it('is left associative', () => {
    expect(body('a - b - c')).toBe('(sub (sub a b) c)');
    expect(body('a / b / c')).toBe('(true_div (true_div a b) c)');
    expect(body('a // b % c')).toBe('(mod (int_div a b) c)');
    expect(body('a % b * c')).toBe('(mul (mod a b) c)');
  });

  it('puts * / // % @ above + -', () => {
    expect(body('a + b * c')).toBe('(add a (mul b c))');
    expect(body('a * b + c')).toBe('(add (mul a b) c)');
    expect(body('a @ b + c')).toBe('(add (dot a b) c)');
    expect(body('a + b @ c')).toBe('(add a (dot b c))');
    expect(body('x.T @ y')).toBe('(dot (transpose x) y)');
    expect(body('a - b // c')).toBe('(sub a (int_div b c))');
  });

  it('respects parentheses', () => {
    expect(body('(a + b) * c')).toBe('(mul (add a b) c)');
    expect(body('a - (b - c)')).toBe('(sub a (sub b c))');
    expect(body('(-x)**2')).toBe('(pow (neg x) 2)');
    expect(body('((a))')).toBe('a');
  });
});

describe('bitwise and comparison operators', () => {
  it('orders & above ^ above |', () => {
    expect(body('a & b | c ^ d')).toBe('(or_ (and_ a b) (xor c d))');
    expect(body('a | b & c')).toBe('(or_ a (and_ b c))');
    expect(body('a ^ b & c')).toBe('(xor a (and_ b c))');
    expect(body('a | b ^ c')).toBe('(or_ a (xor b c))');
    expect(body('a | b | c')).toBe('(or_ (or_ a b) c)');
  });

  it('puts comparisons between & and +', () => {
    expect(body('a < b & c > d')).toBe('(and_ (lt a b) (gt c d))');
    expect(body('a + b <= c * d')).toBe('(le (add a b) (mul c d))');
  });

  it('maps every comparison operator', () => {
    expect(body('a < b')).toBe('(lt a b)');
    expect(body('a <= b')).toBe('(le a b)');
    expect(body('a > b')).toBe('(gt a b)');
    expect(body('a >= b')).toBe('(ge a b)');
    expect(body('a == b')).toBe('(eq a b)');
    expect(body('a != b')).toBe('(neq a b)');
  });

  it('chains comparisons like Python', () => {
    expect(body('a < b < c')).toBe('(and_ (lt a b) (lt b c))');
    expect(body('a < b <= c == d')).toBe('(and_ (and_ (lt a b) (le b c)) (eq c d))');
    expect(body('(a < b) < c')).toBe('(lt (lt a b) c)');
  });

  it('evaluates the middle of a chain once', () => {
    let calls = 0;
    const host = fakeHostCountingExp(() => calls++);
    expect(body('a < exp(b) < c', host)).toBe('(and_ (lt a (exp b)) (lt (exp b) c))');
    expect(calls).toBe(1);
  });
});

describe('conditional expression', () => {
  it('calls switch and has the lowest precedence', () => {
    expect(body('a < b ? a + 1 : b | c')).toBe('(switch (lt a b) (add a 1) (or_ b c))');
  });

  it('is right associative', () => {
    expect(body('c ? a : b ? d : e')).toBe('(switch c a (switch b d e))');
    expect(body('a ? b ? c : d : e')).toBe('(switch a (switch b c d) e)');
  });

  it('can be parenthesized as an operand', () => {
    expect(body('(c ? a : b) * 2')).toBe('(mul (switch c a b) 2)');
  });
});

function fakeHostCountingExp(onExp: () => void) {
  const host = fakeHost();
  const exp = host.functions.exp!;
  host.functions.exp = (...args: unknown[]) => {
    onExp();
    return exp(...args);
  };
  return host;
}
