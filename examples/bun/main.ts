/**
 * mamlkit in Bun. From the repository root, after `npm run build`:
 *
 *     bun run examples/bun/main.ts
 */
import { main } from '../shared/tour.ts';

await main();
