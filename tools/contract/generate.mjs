/**
 * Generate src/api/contract.ts (the TypeScript types of the REST contract)
 * from jupyterlab_modelarts/openapi.json, the contract's one home.
 *
 *   node tools/contract/generate.mjs          write src/api/contract.ts
 *   node tools/contract/generate.mjs --check  fail if the committed file differs
 *
 * Covers the subset of OpenAPI 3 the document uses: object schemas
 * (required, nullable, additionalProperties), string enums, arrays, $ref,
 * and the query parameters of each operation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = 'jupyterlab_modelarts/openapi.json';
const TARGET = 'src/api/contract.ts';
const REF_PREFIX = '#/components/schemas/';

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

async function generate() {
  const document = JSON.parse(readFileSync(join(ROOT, SOURCE), 'utf8'));
  const schemas = document.components.schemas;
  const parts = [
    `/**\n * The REST contract of the server extension, generated from ${SOURCE}\n` +
      ` * by tools/contract/generate.mjs: do not edit; run \`jlpm contract\`.\n */`,
    ...Object.entries(schemas).map(([name, schema]) =>
      schemaDeclaration(name, schema, schemas)
    ),
    ...queryDeclarations(document, schemas),
    idPattern(schemas)
  ];
  const target = join(ROOT, TARGET);
  const options = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(parts.join('\n\n') + '\n', {
    ...options,
    filepath: target
  });
}

const text = await generate();
const target = join(ROOT, TARGET);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file differs like any other.
  }
  if (committed !== text) {
    process.stderr.write(
      `${TARGET} is out of date with ${SOURCE}: run \`jlpm contract\` and commit it.\n`
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
