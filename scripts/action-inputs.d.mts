// Types for action-inputs.mjs, so TypeScript tests can import it (tsconfig has allowJs off).
import type { ActionInput } from '../src/cli/flags.js';

export declare function readActionInputs(file: string): ActionInput[];
export declare function renderInputsModule(inputs: ActionInput[], version: string): string;
