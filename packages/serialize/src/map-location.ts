/**
 * torch.load's map_location: where each storage goes. A file records the device every storage was
 * saved from ('cpu', 'cuda:0'); mapLocation re-targets them, as in PyTorch.
 */
import { backendFor, Device, deviceString, type Backend, type DeviceLike } from '@x/tensor';
import { SerializationError } from './errors';

/**
 * A device for every storage ('cpu' or a torch.device), a table from saved location to device
 * ({ 'cuda:0': 'cpu' }), or a function of the saved location returning the device (undefined keeps
 * the saved one).
 */
export type MapLocation = DeviceLike | Readonly<Record<string, DeviceLike>> | ((location: string) => DeviceLike | null | undefined);

/** The backend a storage saved at `location` is loaded onto. */
export function backendForLocation(location: string, mapLocation: MapLocation | undefined): Backend {
  let mapped: DeviceLike = location;
  if (typeof mapLocation === 'string' || mapLocation instanceof Device) mapped = mapLocation;
  else if (typeof mapLocation === 'function') mapped = mapLocation(location) ?? location;
  else if (mapLocation !== undefined && Object.prototype.hasOwnProperty.call(mapLocation, location)) mapped = mapLocation[location]!;
  const device = deviceString(mapped);
  try {
    return backendFor(device);
  } catch (e) {
    const mapped = device === location ? '' : ` (mapped from '${location}')`;
    throw new SerializationError(
      `Attempting to deserialize a storage on device '${device}'${mapped}, which is not available: ${(e as Error).message} ` +
        "Pass { mapLocation: 'cpu' } to load() to put the storages on the CPU.",
    );
  }
}

/** The location string PyTorch records for a device: 'cpu', or 'cuda:N'. */
export function locationOfDevice(device: string): string {
  const m = /^cuda(?::(\d+))?$/.exec(device);
  if (m) return `cuda:${m[1] ?? '0'}`;
  // PyTorch knows no other @x device ('webgpu'): record 'cpu' so PyTorch can load the file.
  return 'cpu';
}
