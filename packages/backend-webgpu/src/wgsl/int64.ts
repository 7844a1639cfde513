/**
 * Emulated 64-bit integers in WGSL: an int64 is `vec2<u32>(lo, hi)`, two's complement, exactly the
 * bytes of a BigInt64Array element. Every operation wraps modulo 2^64 as PyTorch's int64 does.
 *
 * Functions: i64_add, i64_sub, i64_neg, i64_mul, i64_eq, i64_lt / i64_le (signed), i64_ult (unsigned),
 * i64_is_neg, i64_shl / i64_shr (arithmetic) / i64_ushr by a u32 count, i64_from_i32, i64_divmod
 * (truncating, signed; `DivMod { q, r }`; division by zero gives q = r = 0), i64_floordiv,
 * i64_remainder (sign of the divisor), i64_pow (negative exponents as integer pow: 1, ±1 or 0).
 */
export const INT64_WGSL = /* wgsl */ `
struct DivMod { q: vec2<u32>, r: vec2<u32> }

fn i64_from_i32(v: i32) -> vec2<u32> { return vec2<u32>(bitcast<u32>(v), select(0u, 0xffffffffu, v < 0)); }
fn i64_is_neg(a: vec2<u32>) -> bool { return (a.y >> 31u) != 0u; }
fn i64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}
fn i64_neg(a: vec2<u32>) -> vec2<u32> { return i64_add(~a, vec2<u32>(1u, 0u)); }
fn i64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));
}
fn u32_mul_wide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>((mid << 16u) | (p00 & 0xffffu), p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}
fn i64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let w = u32_mul_wide(a.x, b.x);
  return vec2<u32>(w.x, w.y + a.x * b.y + a.y * b.x);
}
fn i64_eq(a: vec2<u32>, b: vec2<u32>) -> bool { return a.x == b.x && a.y == b.y; }
fn i64_ult(a: vec2<u32>, b: vec2<u32>) -> bool { return a.y < b.y || (a.y == b.y && a.x < b.x); }
fn i64_lt(a: vec2<u32>, b: vec2<u32>) -> bool {
  let ah = bitcast<i32>(a.y); let bh = bitcast<i32>(b.y);
  return ah < bh || (ah == bh && a.x < b.x);
}
fn i64_le(a: vec2<u32>, b: vec2<u32>) -> bool { return !i64_lt(b, a); }
fn i64_shl(a: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) { return a; }
  if (n >= 64u) { return vec2<u32>(0u, 0u); }
  if (n >= 32u) { return vec2<u32>(0u, a.x << (n - 32u)); }
  return vec2<u32>(a.x << n, (a.y << n) | (a.x >> (32u - n)));
}
fn i64_ushr(a: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) { return a; }
  if (n >= 64u) { return vec2<u32>(0u, 0u); }
  if (n >= 32u) { return vec2<u32>(a.y >> (n - 32u), 0u); }
  return vec2<u32>((a.x >> n) | (a.y << (32u - n)), a.y >> n);
}
fn i64_shr(a: vec2<u32>, n: u32) -> vec2<u32> {
  let fill = select(0u, 0xffffffffu, i64_is_neg(a));
  if (n == 0u) { return a; }
  if (n >= 64u) { return vec2<u32>(fill, fill); }
  if (n >= 32u) { return vec2<u32>(bitcast<u32>(bitcast<i32>(a.y) >> (n - 32u)), fill); }
  return vec2<u32>((a.x >> n) | (a.y << (32u - n)), bitcast<u32>(bitcast<i32>(a.y) >> n));
}
fn u64_divmod(n: vec2<u32>, d: vec2<u32>) -> DivMod {
  if (n.y == 0u && d.y == 0u) { return DivMod(vec2<u32>(n.x / d.x, 0u), vec2<u32>(n.x % d.x, 0u)); }
  var q = vec2<u32>(0u, 0u);
  var r = vec2<u32>(0u, 0u);
  for (var k = 63i; k >= 0; k--) {
    let bit = select((n.x >> u32(k)) & 1u, (n.y >> u32(k - 32)) & 1u, k >= 32);
    r = vec2<u32>((r.x << 1u) | bit, (r.y << 1u) | (r.x >> 31u));
    if (!i64_ult(r, d)) {
      r = i64_sub(r, d);
      if (k >= 32) { q.y = q.y | (1u << u32(k - 32)); } else { q.x = q.x | (1u << u32(k)); }
    }
  }
  return DivMod(q, r);
}
fn i64_divmod(a: vec2<u32>, b: vec2<u32>) -> DivMod {
  if (b.x == 0u && b.y == 0u) { return DivMod(vec2<u32>(0u, 0u), vec2<u32>(0u, 0u)); }
  let an = i64_is_neg(a); let bn = i64_is_neg(b);
  let m = u64_divmod(select(a, i64_neg(a), an), select(b, i64_neg(b), bn));
  return DivMod(select(m.q, i64_neg(m.q), an != bn), select(m.r, i64_neg(m.r), an));
}
fn i64_floordiv(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let m = i64_divmod(a, b);
  let inexact = m.r.x != 0u || m.r.y != 0u;
  if (inexact && (i64_is_neg(a) != i64_is_neg(b))) { return i64_sub(m.q, vec2<u32>(1u, 0u)); }
  return m.q;
}
fn i64_remainder(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let r = i64_divmod(a, b).r;
  if ((r.x != 0u || r.y != 0u) && (i64_is_neg(r) != i64_is_neg(b))) { return i64_add(r, b); }
  return r;
}
fn i64_pow(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let one = vec2<u32>(1u, 0u);
  if (i64_is_neg(b)) {
    if (i64_eq(a, one)) { return one; }
    if (i64_eq(a, vec2<u32>(0xffffffffu, 0xffffffffu))) { return select(a, one, (b.x & 1u) == 0u); }
    return vec2<u32>(0u, 0u);
  }
  var r = one; var base = a; var e = b;
  loop {
    if (e.x == 0u && e.y == 0u) { break; }
    if ((e.x & 1u) != 0u) { r = i64_mul(r, base); }
    base = i64_mul(base, base);
    e = i64_ushr(e, 1u);
  }
  return r;
}
`;
