import { writeFileSync } from 'node:fs';
import { renderOpsDoc } from './ops-doc';

writeFileSync(new URL('../../../docs/ops.md', import.meta.url), renderOpsDoc());
process.exit(0);
