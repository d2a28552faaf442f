// How an instance of a given scale is laid out: how many people use it and where its collections sit.
import type { SandboxShape } from '../types.js';
import { evenLayout, type CollectionLayout } from './collection-layout.js';
import { realisticLayout } from './realistic-layout.js';

export interface ShapeRules {
  /** Generated users (after the three fixed logins), each with a personal collection. */
  generatedUsers: (scale: number) => number;
  layout: (seed: number, scale: number, personalCount: number) => CollectionLayout;
}

export const SHAPES: Record<SandboxShape, ShapeRules> = {
  // Most people who use Metabase only read: a dozen users per unit of scale, most of their collections empty.
  realistic: { generatedUsers: (scale) => 5 + Math.round(12 * scale), layout: realisticLayout },
  even: { generatedUsers: (scale) => 5 + Math.round(2 * scale), layout: evenLayout },
};

export const SHAPE_NAMES = Object.keys(SHAPES) as SandboxShape[];
