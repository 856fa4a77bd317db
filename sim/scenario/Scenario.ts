import type { CatalogInput, ScenarioInput } from './schema.ts';

/** Deeply read-only view of a value. */
export type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** One SKU of the catalog. */
export type Sku = DeepReadonly<CatalogInput['skus'][number]>;

/** The catalog, with SKUs by id. */
export interface Catalog {
  readonly currency: string;
  readonly skus: readonly Sku[];
  readonly byId: ReadonlyMap<string, Sku>;
}

/** A parsed, validated and frozen scenario; `catalog` is the loaded catalog it names. */
export type Scenario = DeepReadonly<Omit<ScenarioInput, 'catalog'>> & {
  readonly catalogPath: string;
  readonly catalog: Catalog;
};

export type Shelf = Scenario['store']['shelves'][number];
export type Slot = Shelf['slots'][number];
export type Entry = Scenario['store']['entries'][number];
export type Exit = Scenario['store']['exits'][number];
export type Counter = Scenario['store']['counters'][number];
export type FittingRoom = Scenario['store']['fittingRooms'][number];
export type Profile = Scenario['crowd']['profiles'][number];
export type CameraDecl = Scenario['sensors']['cameras'][number];
export type ClippedNormal = Profile['speedMps'];

/** Freezes a value and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
