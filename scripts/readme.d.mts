// Types of scripts/readme.mjs, for the test that keeps the README current.
import type { Baseline } from '../src/baseline/schema.js';

export function actsTable(): string;
export function replaceSection(readme: string, name: string, body: string): string;
export function withGeneratedSections(readme: string, baseline: Baseline, demo: string): string;
export function demoOutput(projectDir: string): Promise<string>;
