/**
 * Generated from jupyterlab_modelarts/openapi.json by tools/contract/generate.mjs: do not edit;
 * run `jlpm contract`.
 */

export * from './generated/answers';

export * from './generated/queries';

export * from './generated/trainingJobs';

export * from './generated/versionSummary';
