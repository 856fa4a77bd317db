// Writes scenarios/scenario.schema.json and assets/catalog.schema.json from the zod schemas (`npm run schema`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from './jsonSchemas.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(root + file, JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote ${file}`);
}
