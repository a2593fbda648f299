import { dirname, relative, resolve, sep } from 'node:path';

/**
 * What each src-main folder may import besides itself and src-shared. Lower layers come first;
 * every entry names only layers above it in this list, so the folders cannot import in a loop.
 */
export const mainLayers = {
  lib: [],
  db: ['lib'],
  recharge: ['lib'],
  sandbox: ['lib'],
  vault: ['lib', 'recharge'],
  outbox: ['lib', 'db', 'recharge', 'vault'],
  sync: ['lib', 'db', 'recharge', 'vault', 'outbox'],
  ipc: ['lib'],
  export: ['lib', 'db'],
  core: ['lib', 'db', 'recharge', 'sandbox', 'vault', 'outbox', 'sync', 'ipc', 'export'],
  shell: ['lib', 'db', 'recharge', 'sandbox', 'vault', 'outbox', 'sync', 'ipc', 'export', 'core'],
  harness: [
    'lib',
    'db',
    'recharge',
    'sandbox',
    'vault',
    'outbox',
    'sync',
    'ipc',
    'export',
    'core',
    'shell',
  ],
  'preload.ts': [],
};

const layerNames = Object.keys(mainLayers);

/** The src-main layer a path is in ('index.ts' for the entry itself), or null outside src-main. */
function layerOf(root, file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'src-main' || parts.length < 2) return null;
  return parts[1];
}

function checkImport(context, root, fromLayer, node) {
  const source = node.source;
  if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
  const spec = source.value;
  if (!spec.startsWith('.')) return;
  const target = resolve(dirname(context.filename), spec);
  const area = relative(root, target).split(sep)[0];
  if (area === 'src-shared') return;
  const toLayer = layerOf(root, target);
  if (toLayer === null) {
    context.report({ node: source, messageId: 'outside', data: { from: fromLayer, spec } });
  } else if (toLayer !== fromLayer && !mainLayers[fromLayer].includes(toLayer)) {
    const allowed = ['src-shared', ...mainLayers[fromLayer]].join(', ');
    context.report({
      node: source,
      messageId: 'upward',
      data: { from: fromLayer, to: toLayer, allowed, spec },
    });
  }
}

/** ESLint rule: a src-main file imports only from its own layer, src-shared and the layers below. */
export const mainLayersRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'src-main folders import only the layers below them (docs/ARCHITECTURE.md)',
    },
    schema: [],
    messages: {
      upward:
        'src-main/{{from}} may not import src-main/{{to}} ("{{spec}}"); it may import {{allowed}}. See docs/ARCHITECTURE.md.',
      outside: 'src-main/{{from}} imports "{{spec}}", outside src-main and src-shared.',
      unknown:
        'src-main/{{from}} is not a known layer: give it a place in eslint/main-layers.js and docs/ARCHITECTURE.md.',
    },
  },
  create(context) {
    const root = context.cwd;
    const fromLayer = layerOf(root, context.filename);
    if (fromLayer === null || fromLayer === 'index.ts') return {};
    if (!layerNames.includes(fromLayer)) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unknown', data: { from: fromLayer } });
        },
      };
    }
    const check = (node) => checkImport(context, root, fromLayer, node);
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
