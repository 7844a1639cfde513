/**
 * im2col / col2im of the reference backend: the definition of the sliding-window layout that
 * convolution and pooling are built on (PyTorch's F.unfold / F.fold), written for clarity.
 */
import { windowGeometry2d as geometry2d, type Im2ColParams, type WindowGeometry2d as Geometry2d } from '../backend';
import { load, store, type HostView } from './strided';

/**
 * For every (row, column) of one image's column matrix (C*K x L, row-major), the flat position
 * c*H*W + h*W + w it reads, or -1 for padding.
 */
function sources(C: number, g: Geometry2d): Int32Array {
  const K = g.kh * g.kw;
  const L = g.OH * g.OW;
  const src = new Int32Array(C * K * L);
  let i = 0;
  for (let c = 0; c < C; c++) {
    for (let ki = 0; ki < g.kh; ki++) {
      for (let kj = 0; kj < g.kw; kj++) {
        for (let oi = 0; oi < g.OH; oi++) {
          const h = oi * g.sh - g.ph + ki * g.dh;
          for (let oj = 0; oj < g.OW; oj++) {
            const w = oj * g.sw - g.pw + kj * g.dw;
            src[i++] = h >= 0 && h < g.H && w >= 0 && w < g.W ? (c * g.H + h) * g.W + w : -1;
          }
        }
      }
    }
  }
  return src;
}

export function im2col(x: HostView, params: Im2ColParams, out: HostView): void {
  const N = x.shape[0]!;
  const C = x.shape[1]!;
  const g = geometry2d(params);
  const src = sources(C, g);
  const xs = load(x);
  const plane = C * g.H * g.W;
  const ys = new Float64Array(N * src.length);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < src.length; i++) {
      const s = src[i]!;
      ys[n * src.length + i] = s < 0 ? params.padValue : xs[n * plane + s]!;
    }
  }
  store(out, ys);
}

export function col2im(cols: HostView, params: Im2ColParams, out: HostView): void {
  const N = out.shape[0]!;
  const C = out.shape[1]!;
  const g = geometry2d(params);
  const src = sources(C, g);
  const cs = load(cols);
  const plane = C * g.H * g.W;
  const ys = new Float64Array(N * plane);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < src.length; i++) {
      const s = src[i]!;
      if (s >= 0) ys[n * plane + s]! += cs[n * src.length + i]!;
    }
  }
  store(out, ys);
}
