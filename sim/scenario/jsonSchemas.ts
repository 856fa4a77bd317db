import { z } from 'zod';
import { catalogSchema, scenarioSchema } from './schema.ts';

/** The JSON Schema documents editors use for autocompletion, by repository path. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'scenarios/scenario.schema.json': { ...z.toJSONSchema(scenarioSchema, { io: 'input' }), title: 'storetwin scenario' },
    'assets/catalog.schema.json': { ...z.toJSONSchema(catalogSchema, { io: 'input' }), title: 'storetwin catalog' },
  };
}
