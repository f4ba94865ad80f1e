/**
 * Generate the TypeScript types of the REST contract from
 * jupyterlab_modelarts/openapi.json, the contract's one home, one file per
 * concern under src/api/generated/ (the answers of the routes, the version
 * list's summary view, those only the new-version (v2) routes use, the query
 * parameters), re-exported by src/api/contract.ts.
 *
 *   node tools/contract/generate.mjs          write the files
 *   node tools/contract/generate.mjs --check  fail if a committed file differs
 *
 * Covers the subset of OpenAPI 3 the document uses: object schemas
 * (required, nullable, additionalProperties), string enums, arrays, $ref,
 * and the query parameters of each operation.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = 'jupyterlab_modelarts/openapi.json';
const BARREL = 'src/api/contract.ts';
const FOLDER = 'src/api/generated';
const REF_PREFIX = '#/components/schemas/';
const V2_PATH = '/v2/';
/** The shapes of the version list's `view=summary` (what the panel reads). */
const SUMMARY_SCHEMAS = new Set(['VersionSummary', 'VersionSummaryList']);
const HEADER =
  `/**\n * Generated from ${SOURCE} by tools/contract/generate.mjs: do not edit;\n` +
  ' * run `jlpm contract`.\n */';

/** The TypeScript name of a schema: interfaces take the `I` prefix. */
function typeName(name, schemas) {
  return schemas[name].type === 'object' ? `I${name}` : name;
}

/** One schema as a TypeScript type expression. */
function typeOf(schema, schemas) {
  let type;
  if (schema.$ref) {
    type = typeName(schema.$ref.slice(REF_PREFIX.length), schemas);
  } else if (schema.enum) {
    type = schema.enum.map(value => JSON.stringify(value)).join(' | ');
  } else if (schema.type === 'array') {
    type = `Array<${typeOf(schema.items, schemas)}>`;
  } else if (schema.type === 'integer' || schema.type === 'number') {
    type = 'number';
  } else if (schema.type === 'string' || schema.type === 'boolean') {
    type = schema.type;
  } else {
    type = 'unknown';
  }
  return schema.nullable ? `${type} | null` : type;
}

/** A JSDoc block, or nothing when there is no text. */
function doc(text, indent = '') {
  return text ? `${indent}/**\n${indent} * ${text}\n${indent} */\n` : '';
}

/** The members of an object type. */
function members(properties, required, schemas, open) {
  const lines = Object.entries(properties).map(([name, schema]) => {
    const optional = required.includes(name) ? '' : '?';
    const comment = doc(schema.description, '  ');
    return `${comment}  ${name}${optional}: ${typeOf(schema, schemas)};`;
  });
  if (open) {
    lines.push(
      '  /**\n   * Any other upstream field, as ModelArts sent it.\n   */'
    );
    lines.push('  [field: string]: unknown;');
  }
  return lines.join('\n');
}

function schemaDeclaration(name, schema, schemas) {
  const head = doc(schema.description);
  if (schema.type !== 'object') {
    return `${head}export type ${name} = ${typeOf(schema, schemas)};`;
  }
  const body = members(
    schema.properties ?? {},
    schema.required ?? [],
    schemas,
    schema.additionalProperties === true
  );
  return `${head}export interface I${name} {\n${body}\n}`;
}

function queryDeclarations(document, schemas) {
  const out = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const query = (operation.parameters ?? []).filter(p => p.in === 'query');
      if (!query.length) {
        continue;
      }
      const id = operation.operationId;
      const name = `I${id[0].toUpperCase()}${id.slice(1)}Query`;
      const properties = Object.fromEntries(
        query.map(p => [p.name, { ...p.schema, description: p.description }])
      );
      const required = query.filter(p => p.required).map(p => p.name);
      const head = doc(`Query of ${method.toUpperCase()} ${path}.`);
      const body = members(properties, required, schemas, false);
      out.push(`${head}export interface ${name} {\n${body}\n}`);
    }
  }
  return out;
}

/** The id rule's syntax as the contract states it (the server applies the full rule). */
function idPattern(schemas) {
  const pattern = schemas.Job.properties.id.pattern;
  return (
    '/**\n * The syntax of a job or version id (`Job.id`); the server applies the full rule.\n */\n' +
    `export const ID_PATTERN = new RegExp(${JSON.stringify(pattern)});`
  );
}

/** Every schema name ``node`` refers to, however deep. */
function refsOf(node, into = new Set()) {
  if (Array.isArray(node)) {
    node.forEach(item => refsOf(item, into));
  } else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') {
      into.add(node.$ref.slice(REF_PREFIX.length));
    }
    Object.values(node).forEach(value => refsOf(value, into));
  }
  return into;
}

/** The schemas only the v2 routes reach (the rest is shared or v1). */
function v2Only(document) {
  const schemas = document.components.schemas;
  const reach = path => {
    const found = refsOf(document.paths[path]);
    for (const name of [...found]) {
      refsOf(schemas[name], found);
    }
    return found;
  };
  const paths = Object.keys(document.paths);
  const elsewhere = new Set(
    paths.filter(p => !p.includes(V2_PATH)).flatMap(p => [...reach(p)])
  );
  return new Set(
    paths
      .filter(p => p.includes(V2_PATH))
      .flatMap(p => [...reach(p)])
      .filter(name => !elsewhere.has(name))
  );
}

/** A file's text: the header, imports of what it uses from `others`, its parts. */
async function render(target, parts, imports = '') {
  const options = (await prettier.resolveConfig(join(ROOT, target))) ?? {};
  return prettier.format(
    [HEADER, imports, ...parts].filter(Boolean).join('\n\n') + '\n',
    {
      ...options,
      filepath: join(ROOT, target)
    }
  );
}

async function generate() {
  const document = JSON.parse(readFileSync(join(ROOT, SOURCE), 'utf8'));
  const schemas = document.components.schemas;
  const v2 = v2Only(document);
  const declare = names =>
    names.map(name => schemaDeclaration(name, schemas[name], schemas));
  const split = [v2, SUMMARY_SCHEMAS];
  const shared = Object.keys(schemas).filter(
    name => !split.some(group => group.has(name))
  );
  // A file of the schemas `own`, importing what they use from answers.ts.
  const beside = (target, own) => {
    const used = [...refsOf(own.map(name => schemas[name]))]
      .filter(name => shared.includes(name))
      .map(name => typeName(name, schemas))
      .sort();
    return render(
      target,
      declare(own),
      used.length ? `import { ${used.join(', ')} } from './answers';` : ''
    );
  };
  const inGroup = group => Object.keys(schemas).filter(name => group.has(name));
  const files = {
    [`${FOLDER}/answers.ts`]: await render(
      `${FOLDER}/answers.ts`,
      declare(shared)
    ),
    [`${FOLDER}/versionSummary.ts`]: await beside(
      `${FOLDER}/versionSummary.ts`,
      inGroup(SUMMARY_SCHEMAS)
    ),
    [`${FOLDER}/trainingJobs.ts`]: await beside(
      `${FOLDER}/trainingJobs.ts`,
      inGroup(v2)
    ),
    [`${FOLDER}/queries.ts`]: await render(`${FOLDER}/queries.ts`, [
      ...queryDeclarations(document, schemas),
      idPattern(schemas)
    ]),
    [BARREL]: await render(BARREL, [
      "export * from './generated/answers';",
      "export * from './generated/queries';",
      "export * from './generated/trainingJobs';",
      "export * from './generated/versionSummary';"
    ])
  };
  return files;
}

const files = await generate();
if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([target, text]) => {
    try {
      return readFileSync(join(ROOT, target), 'utf8') !== text;
    } catch {
      return true; // a missing file differs like any other
    }
  });
  if (stale.length) {
    process.stderr.write(
      `${stale.map(([t]) => t).join(', ')} out of date with ${SOURCE}: ` +
        'run `jlpm contract` and commit.\n'
    );
    process.exit(1);
  }
} else {
  mkdirSync(join(ROOT, FOLDER), { recursive: true });
  for (const [target, text] of Object.entries(files)) {
    writeFileSync(join(ROOT, target), text);
  }
}
