/**
 * The workbench's two pages: GraphiQL with the query-building explorer and the sharing plugin,
 * and the resource catalogue (政务信息资源目录). Both are the same for every analyst: who is
 * signed in and what they may read come from the session and the APIs, never from the HTML.
 */
import {
  FORMAT_CATEGORY_NAMES,
  MASK_NAMES,
  OPEN_ATTRIBUTE_NAMES,
  SHARING_LEVEL_NAMES,
  SHARING_METHOD_NAMES,
  UPDATE_CYCLE_NAMES,
} from '../../../domain/catalogue/catalogue-vocabulary';
import { CATALOGUE_SCRIPTS, WORKBENCH_SCRIPTS } from '../../graphiql/graphiql-assets';
import { pageShell } from './page-shell';
import { WORKBENCH_PATHS } from './workbench-paths';

export function workbenchPageHtml(defaultQuery: string): string {
  return pageShell({
    title: '分析工作台 Workbench',
    root: 'workbench',
    loading: '正在加载工作台… Loading the workbench…',
    styles: ['graphiql.min.css', 'plugin-explorer.css', 'sjt-base.css', 'sjt-workbench.css'],
    scripts: [
      'react.production.min.js',
      'react-dom.production.min.js',
      'graphiql.min.js',
      'plugin-explorer.umd.js',
      ...WORKBENCH_SCRIPTS,
    ],
    config: { paths: WORKBENCH_PATHS, defaultQuery },
  });
}

export function cataloguePageHtml(): string {
  return pageShell({
    title: '资源目录 Catalogue',
    root: 'catalogue',
    loading: '正在加载资源目录… Loading the catalogue…',
    styles: ['sjt-base.css', 'sjt-catalogue.css'],
    scripts: [
      'react.production.min.js',
      'react-dom.production.min.js',
      'sjt-core.js',
      'sjt-session.js',
      ...CATALOGUE_SCRIPTS,
    ],
    config: {
      paths: WORKBENCH_PATHS,
      // The catalogue's own words for its codes, so the page keeps no second copy of them.
      vocabulary: {
        levels: SHARING_LEVEL_NAMES,
        openAttributes: OPEN_ATTRIBUTE_NAMES,
        sharingMethods: SHARING_METHOD_NAMES,
        updateCycles: UPDATE_CYCLE_NAMES,
        formats: FORMAT_CATEGORY_NAMES,
        masks: MASK_NAMES,
      },
    },
  });
}
