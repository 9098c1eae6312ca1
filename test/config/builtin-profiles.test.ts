import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBuiltinProfiles } from '../../scripts/embed-profiles.js';
import { BUILTIN_PROFILES } from '../../src/config/builtin-profiles.js';
import { PROFILE_NAMES } from '../../src/config/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('built-in profiles embedded in the build (bundlers, edge runtimes)', () => {
  it('src/config/builtin-profiles.ts is up to date with profiles/*.yaml (npx tsx scripts/embed-profiles.ts)', () => {
    expect(readFileSync(join(ROOT, 'src', 'config', 'builtin-profiles.ts'), 'utf8')).toBe(renderBuiltinProfiles());
  });

  it('holds each of the six, byte for byte', () => {
    for (const name of PROFILE_NAMES) expect(BUILTIN_PROFILES[name]).toBe(readFileSync(join(ROOT, 'profiles', `${name}.yaml`), 'utf8'));
  });
});
