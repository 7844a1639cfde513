/**
 * f32 math with C / PyTorch semantics, as library snippet 'math'. WGSL's builtins leave results
 * undefined outside their domain (log of a negative, sqrt of a negative, pow of a negative base,
 * anything at NaN or infinity) and lack expm1, log1p, erf; these wrappers define every edge the
 * reference backend defines, and use cancellation-free formulas where the naive one loses digits.
 *
 * fmod is exact (integer long division on the significands, as C's fmodf); floor_divide follows
 * ATen's div_floor_floating.
 */

export const MATH_WGSL = /* wgsl */ `
// exp and log to about 1 ulp (the builtins of software drivers are off by several ulp at large |x|):
// Cody–Waite reduction by ln 2 split in two, then a polynomial on the small remainder.
fn acc_exp_reduced(r: f32) -> f32 {
  return 1.0 + r * (1.0 + r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (0.008333333333333333 + r * (0.001388888888888889 + r * 0.0001984126984126984))))));
}
fn acc_exp(x: f32) -> f32 {
  let k = round(x * 1.4426950408889634);
  let r = (x - k * 0.693145751953125) - k * 1.4286067653302226e-6;
  return ldexp(acc_exp_reduced(r), i32(k));
}
// log of a positive finite x: x = m 2^e, m in [sqrt(1/2), sqrt(2)), log m = 2 atanh((m - 1) / (m + 1)).
fn acc_log(x0: f32) -> f32 {
  var x = x0;
  var e = 0i;
  // A subnormal (flushed to zero by some drivers' arithmetic) is rebuilt from its integer significand.
  if (bitcast<u32>(x) < 0x00800000u) { x = f32(bitcast<u32>(x)); e = -149i; }
  let bits = bitcast<u32>(x);
  e = e + i32(bits >> 23u) - 127i;
  var m = bitcast<f32>((bits & 0x7fffffu) | 0x3f800000u);
  if (m > 1.4142135623730951) { m = m * 0.5; e = e + 1i; }
  let f = m - 1.0;
  let s = f / (2.0 + f);
  let s2 = s * s;
  let hf = 0.5 * f * f;
  let rr = s2 * (0.6666666666666666 + s2 * (0.4 + s2 * (0.2857142857142857 + s2 * (0.2222222222222222 + s2 * (0.18181818181818182 + s2 * 0.15384615384615385)))));
  let lm = f - (hf - s * (hf + rr));
  let ef = f32(e);
  return ef * 0.693145751953125 + (ef * 1.4286067653302226e-6 + lm);
}
fn m_log(x: f32) -> f32 {
  if (f32_is_nan(x) || x < 0.0) { return f32_nan(); }
  if (f32_is_zero(x)) { return -f32_inf(); }
  if (f32_is_inf(x)) { return x; }
  return acc_log(x);
}
fn m_log2(x: f32) -> f32 { return m_log(x) * 1.4426950408889634; }
fn m_log10(x: f32) -> f32 { return m_log(x) * 0.43429448190325176; }
fn m_sqrt(x: f32) -> f32 {
  if (f32_is_nan(x) || x < 0.0) { return f32_nan(); }
  if (f32_is_zero(x) || f32_is_inf(x)) { return x; }
  if (bitcast<u32>(x) < 0x00800000u) { return ldexp(sqrt(2.0 * f32(bitcast<u32>(x))), -75); }
  return sqrt(x);
}
fn m_exp(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  if (x > 88.72283935546875) { return f32_inf(); }
  if (x < -103.972084045410156) { return 0.0; }
  return acc_exp(x);
}
fn m_exp2(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  if (x >= 128.0) { return f32_inf(); }
  if (x < -150.0) { return 0.0; }
  let k = round(x);
  return ldexp(acc_exp_reduced((x - k) * 0.6931471805599453), i32(k));
}
fn m_expm1(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  let u = m_exp(x);
  if (f32_is_inf(u)) { return u; }
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  return um1 * x / acc_log(u);
}
fn m_log1p(x: f32) -> f32 {
  if (f32_is_nan(x) || x < -1.0) { return f32_nan(); }
  if (x == -1.0) { return -f32_inf(); }
  if (f32_is_inf(x)) { return x; }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return acc_log(u) * x / (u - 1.0);
}
// sin / cos / tan: reduction by π/2 (Cody–Waite with π/2 in three parts below 2^15, Payne–Hanek on
// 192 bits of 2/π above), then Taylor polynomials on [-π/4, π/4] (errors below 2e-9).
const TWO_OVER_PI = array<u32, 9>(0u, 0u, 0xA2F9836Eu, 0x4E441529u, 0xFC2757D1u, 0xF534DDC0u, 0xDB629599u, 0x3C439041u, 0xFE5163ABu);
struct Reduced { r: f32, q: u32 }
fn trig_reduce(x: f32) -> Reduced {
  let ax = bitcast<u32>(x) & 0x7fffffffu;
  if (ax < 0x47000000u) {
    let q = round(x * 0.6366197723675814);
    let r = ((x - q * bitcast<f32>(0x3fc90000u)) - q * bitcast<f32>(0x39fd0000u)) - q * bitcast<f32>(0x35aa2217u);
    return Reduced(r, bitcast<u32>(i32(q)));
  }
  let e = i32(ax >> 23u) - 127;
  let ia = ((ax & 0x7fffffu) << 8u) | 0x80000000u;
  let pos = u32(e - 33 + 64);
  let w = pos >> 5u;
  let sh = pos & 31u;
  var hi = TWO_OVER_PI[w]; var mid = TWO_OVER_PI[w + 1u]; var lo = TWO_OVER_PI[w + 2u]; let nx = TWO_OVER_PI[w + 3u];
  if (sh != 0u) {
    hi = (hi << sh) | (mid >> (32u - sh));
    mid = (mid << sh) | (lo >> (32u - sh));
    lo = (lo << sh) | (nx >> (32u - sh));
  }
  let p0 = u32_mul_wide(ia, lo);
  let p1 = i64_add(u32_mul_wide(ia, mid), vec2<u32>(p0.y, 0u));
  let top = ia * hi + p1.y;
  // (top:p1.x) is frac(x (2/π) / 4) in 0.64 fixed point: two quadrant bits, then the remainder.
  var q = top >> 30u;
  let frac = vec2<u32>(p1.x << 2u, (top << 2u) | (p1.x >> 30u));
  if ((frac.y >> 31u) != 0u) { q = q + 1u; }
  var r = ldexp(i64_to_f32(frac), -64) * 1.5707963267948966;
  if (x < 0.0) { r = -r; q = 0u - q; }
  return Reduced(r, q);
}
fn sin_poly(r: f32) -> f32 {
  let s = r * r;
  return r + r * s * (-0.16666666666666666 + s * (0.008333333333333333 + s * (-0.0001984126984126984 + s * (2.7557319223985893e-6 + s * -2.505210838544172e-8))));
}
fn cos_poly(r: f32) -> f32 {
  let s = r * r;
  return 1.0 + s * (-0.5 + s * (0.041666666666666664 + s * (-0.001388888888888889 + s * (2.48015873015873e-5 + s * (-2.755731922398589e-7 + s * 2.08767569878681e-9)))));
}
fn m_sin(x: f32) -> f32 {
  if (!f32_is_finite(x)) { return f32_nan(); }
  if ((bitcast<u32>(x) & 0x7fffffffu) < 0x39800000u) { return x; }
  let t = trig_reduce(x);
  let v = select(sin_poly(t.r), cos_poly(t.r), (t.q & 1u) != 0u);
  return select(v, -v, (t.q & 2u) != 0u);
}
fn m_cos(x: f32) -> f32 {
  if (!f32_is_finite(x)) { return f32_nan(); }
  let t = trig_reduce(x);
  let v = select(cos_poly(t.r), sin_poly(t.r), (t.q & 1u) != 0u);
  return select(v, -v, ((t.q + 1u) & 2u) != 0u);
}
fn m_tan(x: f32) -> f32 {
  if (!f32_is_finite(x)) { return f32_nan(); }
  if ((bitcast<u32>(x) & 0x7fffffffu) < 0x39800000u) { return x; }
  let t = trig_reduce(x);
  let s = sin_poly(t.r); let c = cos_poly(t.r);
  return select(s / c, -c / s, (t.q & 1u) != 0u);
}
// atan on [0, 1]: shift by π/6 above tan(π/12), then the odd series (|t| <= 0.268, error < 1e-10).
fn atan_unit(x: f32) -> f32 {
  var base = 0.0;
  var t = x;
  if (x > 0.2679491924311227) {
    base = 0.5235987755982988;
    t = (x * 1.7320508075688772 - 1.0) / (1.7320508075688772 + x);
  }
  let s = t * t;
  return base + t + t * s * (-0.3333333333333333 + s * (0.2 + s * (-0.14285714285714285 + s * (0.1111111111111111 + s * (-0.09090909090909091 + s * (0.07692307692307693 + s * -0.06666666666666667))))));
}
fn m_atan(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  let a = abs(x);
  var r: f32;
  if (a > 1.0) { r = 1.5707963267948966 - atan_unit(1.0 / a); } else { r = atan_unit(a); }
  return f32_copysign(r, x);
}
fn m_asin(x: f32) -> f32 {
  if (f32_is_nan(x) || abs(x) > 1.0) { return f32_nan(); }
  let a = abs(x);
  var r: f32;
  if (a <= 0.5) { r = m_atan(a / sqrt((1.0 - a) * (1.0 + a))); }
  else { let z = sqrt((1.0 - a) * 0.5); r = 1.5707963267948966 - 2.0 * m_atan(z / sqrt((1.0 - z) * (1.0 + z))); }
  return f32_copysign(r, x);
}
fn m_acos(x: f32) -> f32 {
  if (f32_is_nan(x) || abs(x) > 1.0) { return f32_nan(); }
  if (abs(x) <= 0.5) { return 1.5707963267948966 - m_asin(x); }
  let z = sqrt((1.0 - abs(x)) * 0.5);
  let h = 2.0 * m_asin(z);
  return select(h, 3.141592653589793 - h, x < 0.0);
}
fn m_atan2(a: f32, b: f32) -> f32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan(); }
  let pi = 3.141592653589793;
  let bneg = f32_sign_bit(b);
  if (f32_is_inf(a) && f32_is_inf(b)) { return f32_copysign(select(0.25 * pi, 0.75 * pi, bneg), a); }
  if (f32_is_inf(a) || (f32_is_zero(b) && !f32_is_zero(a))) { return f32_copysign(0.5 * pi, a); }
  if (f32_is_zero(a) || f32_is_inf(b)) { return f32_copysign(select(0.0, pi, bneg), a); }
  let aa = abs(a); let ab = abs(b);
  var r: f32;
  if (aa > ab) { r = 0.5 * pi - atan_unit(ab / aa); } else { r = atan_unit(aa / ab); }
  if (bneg) { r = pi - r; }
  return f32_copysign(r, a);
}
fn m_sinh(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  let a = abs(x);
  if (a > 89.5) { return f32_copysign(f32_inf(), x); }
  let e = m_expm1(a);
  let r = 0.5 * (e + e / (e + 1.0));
  return f32_copysign(r, x);
}
fn m_cosh(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  let a = abs(x);
  if (a > 89.5) { return f32_inf(); }
  let e = m_exp(a);
  return 0.5 * (e + 1.0 / e);
}
fn m_tanh(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  let a = abs(x);
  if (a > 9.1) { return f32_copysign(1.0, x); }
  let e = m_expm1(2.0 * a);
  return f32_copysign(e / (e + 2.0), x);
}
fn m_asinh(x: f32) -> f32 {
  if (f32_is_nan(x) || f32_is_inf(x)) { return x; }
  let a = abs(x);
  var r: f32;
  if (a > 1e10) { r = acc_log(a) + 0.6931471805599453; }
  else { r = m_log1p(a + a * a / (1.0 + sqrt(1.0 + a * a))); }
  return f32_copysign(r, x);
}
fn m_acosh(x: f32) -> f32 {
  if (f32_is_nan(x) || x < 1.0) { return f32_nan(); }
  if (f32_is_inf(x)) { return x; }
  if (x > 1e10) { return acc_log(x) + 0.6931471805599453; }
  let t = x - 1.0;
  return m_log1p(t + sqrt(2.0 * t + t * t));
}
fn m_atanh(x: f32) -> f32 {
  if (f32_is_nan(x) || abs(x) > 1.0) { return f32_nan(); }
  if (abs(x) == 1.0) { return f32_copysign(f32_inf(), x); }
  let a = abs(x);
  return f32_copysign(0.5 * m_log1p(2.0 * a / (1.0 - a)), x);
}
fn m_sigmoid(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  return 1.0 / (1.0 + m_exp(-x));
}
fn m_div(a: f32, b: f32) -> f32 {
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan(); }
  if (f32_is_zero(b)) {
    if (f32_is_zero(a)) { return f32_nan(); }
    return select(f32_inf(), -f32_inf(), f32_sign_bit(a) != f32_sign_bit(b));
  }
  if (f32_is_inf(b)) {
    if (f32_is_inf(a)) { return f32_nan(); }
    return f32_copysign(0.0, bitcast<f32>(bitcast<u32>(a) ^ (bitcast<u32>(b) & 0x80000000u)));
  }
  return a / b;
}
fn m_is_int(x: f32) -> bool { return f32_is_finite(x) && trunc(x) == x; }
fn m_is_odd_int(x: f32) -> bool { return m_is_int(x) && abs(x) < 16777216.0 && (i32(abs(x)) & 1) == 1; }
// C pow for f32 (PyTorch: pow(1, y) = pow(x, 0) = 1 even for NaN).
fn m_pow(a: f32, b: f32) -> f32 {
  if (a == 1.0 || f32_is_zero(b)) { return 1.0; }
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan(); }
  let odd = m_is_odd_int(b);
  if (f32_is_zero(a)) {
    if (b > 0.0) { return select(0.0, a, odd); }
    return select(f32_inf(), f32_copysign(f32_inf(), a), odd);
  }
  if (f32_is_inf(b)) {
    let aa = abs(a);
    if (aa == 1.0) { return 1.0; }
    if ((aa > 1.0) == (b > 0.0)) { return f32_inf(); }
    return 0.0;
  }
  if (f32_is_inf(a)) {
    if (a > 0.0) { return select(0.0, f32_inf(), b > 0.0); }
    if (b > 0.0) { return select(f32_inf(), -f32_inf(), odd); }
    return select(0.0, -0.0, odd);
  }
  if (a < 0.0 && !m_is_int(b)) { return f32_nan(); }
  var r: f32;
  if (m_is_int(b) && abs(b) <= 64.0) {
    // Exact-as-possible repeated squaring for small integer exponents (x², x³ appear everywhere).
    var e = u32(abs(b));
    var base = abs(a);
    r = 1.0;
    loop {
      if ((e & 1u) != 0u) { r = r * base; }
      e = e >> 1u;
      if (e == 0u) { break; }
      base = base * base;
    }
    if (b < 0.0) { r = 1.0 / r; }
  } else {
    // exp(b log|a|) with log|a| carried as hi + lo so large exponents keep their digits.
    let la = acc_log(abs(a));
    let l = la * b;
    if (l > 88.8) { r = f32_inf(); } else if (l < -104.0) { r = 0.0; } else {
      let bh = bitcast<f32>(bitcast<u32>(b) & 0xfffff000u); let bl = b - bh;
      let lh = bitcast<f32>(bitcast<u32>(la) & 0xfffff000u); let ll = la - lh;
      let p = lh * bh;
      let k = round(p * 1.4426950408889634);
      let rr = ((p - k * 0.693145751953125) - k * 1.4286067653302226e-6) + (lh * bl + ll * b);
      r = ldexp(acc_exp_reduced(rr), i32(k));
    }
  }
  return select(r, -r, a < 0.0 && odd);
}
// Exact fmod: the remainder of |a| / |b| by shift-and-subtract on the 24-bit significands.
fn m_fmod(a: f32, b: f32) -> f32 {
  if (f32_is_nan(a) || f32_is_nan(b) || f32_is_inf(a) || f32_is_zero(b)) { return f32_nan(); }
  if (f32_is_inf(b) || f32_is_zero(a)) { return a; }
  let ua = bitcast<u32>(a) & 0x7fffffffu;
  let ub = bitcast<u32>(b) & 0x7fffffffu;
  let sign = bitcast<u32>(a) & 0x80000000u;
  if (ua < ub) { return a; }
  if (ua == ub) { return bitcast<f32>(sign); }
  var ea = i32(ua >> 23u);
  var eb = i32(ub >> 23u);
  var ma = ua & 0x7fffffu;
  var mb = ub & 0x7fffffu;
  if (ea == 0) { let s = countLeadingZeros(ma) - 8u; ma = ma << s; ea = 1 - i32(s); } else { ma = ma | 0x800000u; }
  if (eb == 0) { let s = countLeadingZeros(mb) - 8u; mb = mb << s; eb = 1 - i32(s); } else { mb = mb | 0x800000u; }
  for (var k = ea - eb; k > 0; k--) {
    if (ma >= mb) { ma = ma - mb; }
    if (ma == 0u) { return bitcast<f32>(sign); }
    ma = ma << 1u;
  }
  if (ma >= mb) { ma = ma - mb; }
  if (ma == 0u) { return bitcast<f32>(sign); }
  // ma < 2^24 is the remainder's significand at exponent eb.
  let r = ldexp(f32(ma), eb - 150);
  return bitcast<f32>(bitcast<u32>(r) | sign);
}
fn m_remainder(a: f32, b: f32) -> f32 {
  let r = m_fmod(a, b);
  if (!f32_is_zero(r) && !f32_is_nan(r) && (r < 0.0) != (b < 0.0)) { return r + b; }
  return r;
}
fn m_floor_divide(a: f32, b: f32) -> f32 {
  if (f32_is_zero(b)) { return m_div(a, b); }
  if (f32_is_nan(a) || f32_is_nan(b)) { return f32_nan(); }
  let md = m_fmod(a, b);
  var div = m_div(a - md, b);
  if (!f32_is_zero(md) && (b < 0.0) != (md < 0.0)) { div = div - 1.0; }
  if (f32_is_zero(div)) { return f32_copysign(0.0, m_div(a, b)); }
  var fl = floor(div);
  if (div - fl > 0.5) { fl = fl + 1.0; }
  return fl;
}
// erf: odd Taylor series near 0 (relative accuracy), Abramowitz–Stegun 7.1.26 elsewhere (|error| < 1.5e-7),
// and erfc for x > 2 by the continued fraction the reference uses (relative accuracy in the tail).
fn m_erfc_tail(x: f32) -> f32 {
  if (x > 10.5) { return 0.0; }
  var f = x; var c = x; var d = 0.0;
  for (var i = 1; i < 60; i++) {
    let a = f32(i) * 0.5;
    d = x + a * d;
    if (d == 0.0) { d = 1e-30; }
    c = x + a / c;
    if (c == 0.0) { c = 1e-30; }
    d = 1.0 / d;
    let delta = c * d;
    f = f * delta;
    if (abs(delta - 1.0) < 1e-7) { break; }
  }
  return m_exp(-x * x) * 0.5641895835477563 / f;
}
fn m_erf(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  let a = abs(x);
  var r: f32;
  if (a < 0.5) {
    let s = a * a;
    r = a * 1.1283791670955126 * (1.0 + s * (-0.3333333333333333 + s * (0.1 + s * (-0.023809523809523808 + s * (0.004629629629629629 + s * -0.0007575757575757576)))));
  } else if (a < 2.0) {
    let t = 1.0 / (1.0 + 0.3275911 * a);
    let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    r = 1.0 - p * m_exp(-a * a);
  } else {
    r = 1.0 - m_erfc_tail(a);
  }
  return f32_copysign(r, x);
}
fn m_erfc(x: f32) -> f32 {
  if (f32_is_nan(x)) { return x; }
  if (x > 2.0) { return m_erfc_tail(x); }
  return 1.0 - m_erf(x);
}
`;

