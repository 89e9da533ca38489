// The YAML parser, loaded on demand (only `targets` and `workflow-inputs` need it) through this
// module rather than `import('yaml')` at the call site: `yaml` is CommonJS, and a bundler that
// splits chunks gives a dynamic import of a CommonJS package only a `default` export, while a
// static re-export keeps the named ones. Import it as `await import('../yaml.js')`.
export { LineCounter, parseDocument } from 'yaml';
