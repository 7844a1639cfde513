/**
 * torch.device: a device type and an optional index, parsed as PyTorch parses device strings. Every
 * API that takes a device string takes one of these too (`t.to(torch.device('cpu'))`,
 * `torch.zeros(2, { device: torch.device('cpu') })`, `model.to(device)`); `String(d)` is PyTorch's
 * `str(d)` ('cpu', 'cuda:1') and Node's inspector prints its repr (`device(type='cpu')`).
 */

/** Device types PyTorch 1.13 knows (its order, as its error message lists them), and @x's 'webgpu'. */
const DEVICE_TYPES = [
  'cpu', 'cuda', 'ipu', 'xpu', 'mkldnn', 'opengl', 'opencl', 'ideep', 'hip', 've', 'fpga', 'ort', 'xla', 'lazy', 'vulkan', 'mps', 'meta',
  'hpu', 'privateuseone',
];
const OUR_TYPES = ['webgpu'];

export class Device {
  /** The device type: 'cpu', 'cuda', 'webgpu', … */
  readonly type: string;
  /** The device index, or null when none was given (PyTorch's None). */
  readonly index: number | null;

  constructor(type: string | Device, index?: number | null) {
    if (type instanceof Device) {
      this.type = type.type;
      this.index = type.index;
      return;
    }
    if (typeof type !== 'string') throw new TypeError(`device(): argument 'type' must be str, not ${typeof type}`);
    const [t, i] = parseDevice(type);
    if (i !== null && index !== undefined && index !== null) {
      throw new Error(`type (string) must not include an index because index was passed explicitly: ${type}`);
    }
    if (index !== undefined && index !== null) {
      if (!Number.isInteger(index)) throw new TypeError(`device(): argument 'index' must be int, not ${typeof index}`);
      if (index < 0) throw new Error('Device index must not be negative');
    }
    this.type = t;
    this.index = i ?? index ?? null;
  }

  /** PyTorch's str(device): 'cpu', 'cuda:1'. */
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }

  /** PyTorch's device equality: same type and index. */
  equals(other: Device | string): boolean {
    const o = other instanceof Device ? other : new Device(other);
    return o.type === this.type && o.index === this.index;
  }

  /** PyTorch's repr: device(type='cuda', index=1). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.index === null ? `device(type='${this.type}')` : `device(type='${this.type}', index=${this.index})`;
  }
}

/** A device as a string or a torch.device: what every API that takes a device accepts. */
export type DeviceLike = string | Device;

/** 'cuda:1' → ['cuda', 1], with PyTorch's errors for strings it refuses. */
function parseDevice(s: string): [string, number | null] {
  const m = /^([a-zA-Z_]+)(?::(0|[1-9][0-9]*))?$/.exec(s);
  if (m === null) {
    const typePart = /^[a-zA-Z_]+$/.exec(s.split(':')[0] ?? '')?.[0];
    if (typePart !== undefined && !isKnownType(typePart)) throw unknownType(s);
    throw new Error(`Invalid device string: '${s}'`);
  }
  if (!isKnownType(m[1]!)) throw unknownType(s);
  return [m[1]!, m[2] === undefined ? null : Number(m[2])];
}

function isKnownType(t: string): boolean {
  return DEVICE_TYPES.includes(t) || OUR_TYPES.includes(t);
}

function unknownType(s: string): Error {
  return new Error(`Expected one of ${[...DEVICE_TYPES, ...OUR_TYPES].join(', ')} device type at start of device string: ${s}`);
}

/**
 * torch.device('cuda:1') or torch.device('cuda', 1), with or without `new`;
 * `d instanceof torch.device` is true for every Device.
 *
 * @example
 * const device = torch.device(torch.cuda.isAvailable() ? 'cuda:0' : 'cpu');
 * model.to(device);
 */
export const device = function device(type: string | Device, index?: number | null): Device {
  return new Device(type, index);
} as {
  (type: string | Device, index?: number | null): Device;
  new (type: string | Device, index?: number | null): Device;
  prototype: Device;
};
Object.defineProperty(device, Symbol.hasInstance, { value: (x: unknown) => x instanceof Device });
Object.defineProperty(device, 'prototype', { value: Device.prototype });

/** The device string of a device or device string ('cpu', 'cuda:1'), checked as torch.device checks it. */
export function deviceString(d: DeviceLike): string {
  if (d instanceof Device) return d.toString();
  if (typeof d !== 'string') throw new TypeError(`expected a device (a string such as 'cpu' or a torch.device), but got ${d === null ? 'null' : typeof d}`);
  return d;
}
