/**
 * mamlkit in Deno. From the repository root, after `npm run build`:
 *
 *     deno run --allow-read=. examples/deno/main.ts
 */
import { main } from '../shared/tour.ts';

await main();
