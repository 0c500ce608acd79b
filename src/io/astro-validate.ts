/**
 * Astro integration: before `astro build` renders anything, validate every input file exactly as
 * `npm run check` does; on a problem print the same lines (file: field: message) and exit 1, with
 * no stack trace, so a contributor sees one clear message whichever command they ran.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { loadDataset } from './load.ts';
import { ValidationError, validationReport } from '../lib/schema-errors.ts';

export default function validateInputs(): AstroIntegration {
  return {
    name: 'claimbench:validate-inputs',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        if (command !== 'build') return;
        try {
          loadDataset(fileURLToPath(config.root));
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          console.error(validationReport(e));
          process.exit(1);
        }
      },
    },
  };
}
