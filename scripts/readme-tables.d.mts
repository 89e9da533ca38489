// Types for readme-tables.mjs, so TypeScript tests can import it (tsconfig has allowJs off).
export declare function markdownFiles(root: string): string[];
export declare function readActionOutputs(file: string): { name: string; description: string }[];
export declare function renderTable(
  kind: 'inputs' | 'outputs',
  filter: string,
  actionFile: string,
): string;
export declare function renderTables(
  text: string,
  file: string,
  actionFile: string,
): Promise<string>;
export declare function updateTables(root: string, check: boolean): Promise<string[]>;
