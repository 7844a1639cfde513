// Loaded with `node --import`: installs ./worker-loader.mjs (see there why).
import { register } from 'node:module';

register('./worker-loader.mjs', import.meta.url);
