/** A 3 × 3 homogeneous matrix, row-major. */
export type Matrix3 = readonly number[];

/** The parameters of one Affine sample, as imgaug draws them (angles in degrees, translation in pixels of the array being warped). */
export interface AffineParameters {
  scaleX: number;
  scaleY: number;
  translateXPx: number;
  translateYPx: number;
  rotateDeg: number;
  shearXDeg: number;
  shearYDeg: number;
  /** Whether the three angles are float32 values: imgaug then converts them to radians in float32. */
  anglesFloat32?: boolean;
}

/** scikit-image's AffineTransform(scale, rotation, shear, translation) matrix. */
function skimageAffine(sx: number, sy: number, rotation: number, shear: number, tx: number, ty: number): Matrix3 {
  return [
    sx * Math.cos(rotation), -sy * Math.sin(rotation + shear), tx,
    sx * Math.sin(rotation), sy * Math.cos(rotation + shear), ty,
    0, 0, 1,
  ];
}

function translation(tx: number, ty: number): Matrix3 {
  return [1, 0, tx, 0, 1, ty, 0, 0, 1];
}

/** a · b */
export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      out.push(a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!);
    }
  }
  return out;
}

/** Applies the transforms left to right (scikit-image's `t1 + t2 + …`: t1 first). */
function chain(...transforms: Matrix3[]): Matrix3 {
  return transforms.reduce((acc, t) => multiply(t, acc));
}

/**
 * numpy's deg2rad: a multiplication by π/180, in float64, or in float32 (π and the quotient rounded
 * to float32 first) for a float32 array.
 */
function degToRad(deg: number, float32: boolean): number {
  if (!float32) return deg * (Math.PI / 180);
  const f = Math.fround;
  return f(deg * f(f(Math.PI) / 180));
}

/**
 * imgaug 0.4's Affine matrix for an array of [height, width]: move the centre to the origin, shear
 * along y (as a shear along x between two quarter turns, with imgaug's 3.141592 for π), scale,
 * rotate, shear along x and translate, then move the centre back. `shift` is imgaug's shift_add:
 * (0.5, 0.5) for images, whose pixel centres sit at integer positions, and (0, 0) for coordinates.
 */
export function affineMatrix(params: AffineParameters, height: number, width: number, shift: number): Matrix3 {
  const f32 = params.anglesFloat32 ?? false;
  const shiftY = height / 2 - shift;
  const shiftX = width / 2 - shift;
  return chain(
    translation(-shiftX, -shiftY),
    skimageAffine(1, 1, -3.141592 / 2, 0, 0, 0),
    skimageAffine(1, 1, 0, degToRad(params.shearYDeg, f32), 0, 0),
    skimageAffine(1, 1, 3.141592 / 2, 0, 0, 0),
    skimageAffine(params.scaleX, params.scaleY, degToRad(params.rotateDeg, f32), degToRad(params.shearXDeg, f32), params.translateXPx, params.translateYPx),
    translation(shiftX, shiftY),
  );
}

/** Whether a matrix is the identity within imgaug's tolerance (mean absolute difference ≤ 1e-4): such samples leave images untouched. */
export function isIdentity(matrix: Matrix3): boolean {
  const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  let total = 0;
  for (let i = 0; i < 9; i++) total += Math.abs(identity[i]! - matrix[i]!);
  return total / 9 <= 1e-4;
}

/** Applies a matrix to points [x, y] (homogeneous, as scikit-image's matrix_transform). */
export function transformPoints(matrix: Matrix3, points: readonly (readonly [number, number])[]): [number, number][] {
  return points.map(([x, y]) => {
    const px = matrix[0]! * x + matrix[1]! * y + matrix[2]!;
    const py = matrix[3]! * x + matrix[4]! * y + matrix[5]!;
    let pz = matrix[6]! * x + matrix[7]! * y + matrix[8]!;
    if (pz === 0) pz = Number.EPSILON;
    return [px / pz, py / pz];
  });
}

/**
 * imgaug's fit_output: the output shape that holds the whole warped image (from its corner pixels'
 * centres) and the matrix moved so that it starts at the origin.
 */
export function fitOutput(matrix: Matrix3, height: number, width: number): { matrix: Matrix3; height: number; width: number } {
  if (height === 0 || width === 0) return { matrix, height, width };
  const corners = transformPoints(matrix, [[0, 0], [0, height - 1], [width - 1, height - 1], [width - 1, 0]]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return {
    matrix: chain(matrix, translation(-minX, -minY)),
    height: Math.ceil(Math.max(...ys) - minY + 1),
    width: Math.ceil(Math.max(...xs) - minX + 1),
  };
}
