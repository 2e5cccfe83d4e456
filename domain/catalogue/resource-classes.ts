/**
 * The first two levels of the resource classification (信息资源分类) of 《政务信息资源目录编制指南
 * （试行）》: 类 (one digit) and 项 (two digits). The guide fixes these; the lower levels, 目 and
 * 细目, are drawn up by each catalogue and are declared in schema/resource-catalogue.json.
 *
 * Codes follow the order in which the guide lists the classes and their items (not verified
 * against a published code table: check before exchanging codes with the province). Nantong's
 * plan (通政办发〔2017〕165号) names five base databases, two of which, macro-economy and city
 * parts, the national list of base resources does not: they are added as local items 06 and 07.
 */

export interface ClassLevel {
  /** Digits only: one for 类, two for 项. */
  readonly code: string;
  readonly name: string;
}

export interface ResourceClass extends ClassLevel {
  /** 项 under this 类. */
  readonly sections: readonly ClassLevel[];
}

export const RESOURCE_CLASSES: readonly ResourceClass[] = Object.freeze([
  {
    code: '1',
    name: '基础信息资源类',
    sections: [
      { code: '01', name: '人口' },
      { code: '02', name: '法人单位' },
      { code: '03', name: '自然资源和空间地理' },
      { code: '04', name: '社会信用' },
      { code: '05', name: '电子证照' },
      // Local items: base databases of 通政办发〔2017〕165号 beyond the national list.
      { code: '06', name: '宏观经济' },
      { code: '07', name: '城市部件' },
    ],
  },
  {
    code: '2',
    name: '主题信息资源类',
    sections: [
      { code: '01', name: '公共服务' },
      { code: '02', name: '健康保障' },
      { code: '03', name: '社会保障' },
      { code: '04', name: '食品药品安全' },
      { code: '05', name: '安全生产' },
      { code: '06', name: '价格监管' },
      { code: '07', name: '能源安全' },
      { code: '08', name: '信用体系' },
      { code: '09', name: '城乡建设' },
      { code: '10', name: '社区治理' },
      { code: '11', name: '生态环保' },
      { code: '12', name: '应急维稳' },
    ],
  },
  {
    code: '3',
    name: '部门信息资源类',
    sections: [
      { code: '01', name: '党中央' },
      { code: '02', name: '全国人大常委会' },
      { code: '03', name: '国务院' },
      { code: '04', name: '全国政协' },
      { code: '05', name: '最高人民法院' },
      { code: '06', name: '最高人民检察院' },
      { code: '07', name: '省（自治区、直辖市）及其下各级政务部门' },
      { code: '08', name: '计划单列市及其下各级政务部门' },
    ],
  },
]);

export function resourceClass(code: string): ResourceClass | undefined {
  return RESOURCE_CLASSES.find((c) => c.code === code);
}

export function resourceSection(classCode: string, sectionCode: string): ClassLevel | undefined {
  return resourceClass(classCode)?.sections.find((s) => s.code === sectionCode);
}
