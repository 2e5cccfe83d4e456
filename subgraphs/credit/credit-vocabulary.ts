/**
 * What demo credit records say: violations with the statutes usually applied to them, and the
 * red and black lists with their incentive or punishment measures. The statutes are real;
 * article numbers are the ones commonly cited but were not checked against current revisions.
 */
import { AuthorityKind } from './authorities';

/** 《中华人民共和国行政处罚法》(2021) 第九条 lists the kinds of administrative penalty. */
export type PenaltyType =
  | 'WARNING'
  | 'NOTICE_OF_CRITICISM'
  | 'FINE'
  | 'CONFISCATION'
  | 'SUSPENSION'
  | 'DOWNGRADE'
  | 'REVOCATION'
  | 'RESTRICTION'
  | 'CLOSURE'
  | 'DETENTION';

export interface Violation {
  authority: AuthorityKind;
  violation: string;
  legalBasis: string;
  types: readonly PenaltyType[];
  /** Range of the money penalty (罚没金额), 万元; [0, 0] when there is none. */
  amountWan: readonly [number, number];
  /** 严重失信行为: a longer publicity period, and grounds for a black list. */
  serious: boolean;
  /** GB/T 4754 sections of entities that commit it; empty: any entity. */
  sections: readonly string[];
}

export const ENTITY_VIOLATIONS: readonly Violation[] = [
  {
    authority: 'market-regulation',
    violation: '发布虚假广告，欺骗、误导消费者',
    legalBasis: '《中华人民共和国广告法》第五十五条',
    types: ['FINE'],
    amountWan: [1, 20],
    serious: false,
    sections: [],
  },
  {
    authority: 'market-regulation',
    violation: '未按照规定明码标价',
    legalBasis: '《中华人民共和国价格法》第四十二条',
    types: ['FINE'],
    amountWan: [0.1, 0.5],
    serious: false,
    sections: ['F', 'H', 'K'],
  },
  {
    authority: 'market-regulation',
    violation: '经营超过保质期的食品',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    types: ['CONFISCATION', 'FINE'],
    amountWan: [5, 20],
    serious: false,
    sections: ['F', 'H'],
  },
  {
    authority: 'ecology',
    violation: '超过大气污染物排放标准排放大气污染物',
    legalBasis: '《中华人民共和国大气污染防治法》第九十九条',
    types: ['FINE'],
    amountWan: [10, 100],
    serious: false,
    sections: ['C'],
  },
  {
    authority: 'emergency-management',
    violation: '未采取措施消除事故隐患',
    legalBasis: '《中华人民共和国安全生产法》第一百零二条',
    types: ['FINE'],
    amountWan: [2, 10],
    serious: false,
    sections: ['C', 'E', 'G'],
  },
  {
    authority: 'housing',
    violation: '施工工地未采取扬尘污染防治措施',
    legalBasis: '《中华人民共和国大气污染防治法》第一百一十五条',
    types: ['FINE'],
    amountWan: [1, 10],
    serious: false,
    sections: ['E'],
  },
  {
    authority: 'transport',
    violation: '车辆超限运输',
    legalBasis: '《公路安全保护条例》第六十四条',
    types: ['FINE'],
    amountWan: [0.5, 3],
    serious: false,
    sections: ['G'],
  },
  {
    authority: 'tax',
    violation: '未按照规定期限办理纳税申报和报送纳税资料',
    legalBasis: '《中华人民共和国税收征收管理法》第六十二条',
    types: ['FINE'],
    amountWan: [0.2, 1],
    serious: false,
    sections: [],
  },
];

/** Serious violations, each leading to the black list named beside it. */
export const SERIOUS_ENTITY_VIOLATIONS: readonly (Violation & { blackList: string })[] = [
  {
    authority: 'market-regulation',
    violation: '生产经营不符合食品安全标准的食品，情节严重',
    legalBasis: '《中华人民共和国食品安全法》第一百二十三条',
    types: ['CONFISCATION', 'FINE', 'SUSPENSION'],
    amountWan: [50, 300],
    serious: true,
    sections: [],
    blackList: '市场监督管理严重违法失信名单',
  },
  {
    authority: 'tax',
    violation: '虚开增值税专用发票',
    legalBasis: '《中华人民共和国发票管理办法》第三十五条',
    types: ['CONFISCATION', 'FINE'],
    amountWan: [50, 500],
    serious: true,
    sections: [],
    blackList: '重大税收违法失信主体',
  },
  {
    authority: 'emergency-management',
    violation: '对生产安全事故发生负有责任，造成人员死亡',
    legalBasis: '《中华人民共和国安全生产法》第一百一十四条',
    types: ['FINE'],
    amountWan: [30, 100],
    serious: true,
    sections: [],
    blackList: '安全生产严重失信主体名单',
  },
];

/** 吊销营业执照 of an entity the register shows as revoked. */
export const LICENCE_REVOCATION: Violation = {
  authority: 'market-regulation',
  violation: '成立后无正当理由超过六个月未开业，或者开业后自行停业连续六个月以上',
  legalBasis: '《中华人民共和国市场主体登记管理条例》',
  types: ['REVOCATION'],
  amountWan: [0, 0],
  serious: true,
  sections: [],
};

export const PERSON_VIOLATIONS: readonly Violation[] = [
  {
    authority: 'urban-management',
    violation: '未取得建设工程规划许可证擅自搭建建筑物',
    legalBasis: '《中华人民共和国城乡规划法》第六十四条',
    types: ['FINE'],
    amountWan: [0.5, 5],
    serious: false,
    sections: [],
  },
  {
    authority: 'market-regulation',
    violation: '未依法取得营业执照从事经营活动',
    legalBasis: '《无证无照经营查处办法》第十三条',
    types: ['CONFISCATION', 'FINE'],
    amountWan: [0.1, 1],
    serious: false,
    sections: [],
  },
  {
    authority: 'agriculture',
    violation: '在禁渔期使用禁用渔具捕捞',
    legalBasis: '《中华人民共和国渔业法》第三十八条',
    types: ['CONFISCATION', 'FINE'],
    amountWan: [0.05, 0.5],
    serious: false,
    sections: [],
  },
  {
    authority: 'ecology',
    violation: '露天焚烧秸秆',
    legalBasis: '《中华人民共和国大气污染防治法》第一百一十九条',
    types: ['FINE'],
    amountWan: [0.05, 0.2],
    serious: false,
    sections: [],
  },
  {
    authority: 'transport',
    violation: '未取得道路运输经营许可，擅自从事道路客运经营',
    legalBasis: '《中华人民共和国道路运输条例》第六十三条',
    types: ['CONFISCATION', 'FINE'],
    amountWan: [1, 10],
    serious: false,
    sections: [],
  },
];

export interface ListDefinition {
  name: string;
  authority: AuthorityKind;
  reason: string;
  measures: readonly string[];
  /** Years after which a listing usually ends (the list is re-evaluated, or the period runs out). */
  years: number;
}

export const RED_LISTS: readonly ListDefinition[] = [
  {
    name: '纳税信用A级纳税人名单',
    authority: 'tax',
    reason: '年度纳税信用评价为A级',
    measures: ['增值税专用发票按需领用', '办税绿色通道', '评优评先优先考虑'],
    years: 1,
  },
  {
    name: '守合同重信用企业名单',
    authority: 'market-regulation',
    reason: '连续两年以上合同履约情况良好，经公示无异议',
    measures: ['减少日常监督检查频次', '政府采购评审中予以加分', '优先推荐评优评先'],
    years: 2,
  },
];

export const BLACK_LIST_MEASURES: Readonly<Record<string, readonly string[]>> = {
  市场监督管理严重违法失信名单: [
    '限制参与政府采购',
    '限制获得政府资金支持',
    '限制担任其他企业法定代表人',
    '列为重点监管对象，提高抽查比例',
  ],
  重大税收违法失信主体: [
    '纳税信用直接判为D级',
    '阻止欠税企业法定代表人出境',
    '限制取得政府供应土地',
    '限制参与政府采购',
  ],
  安全生产严重失信主体名单: [
    '限制参与政府采购和工程招投标',
    '限制获得政府资金支持',
    '列为重点监管对象，增加执法检查频次',
  ],
};

/** 失信被执行人: the courts' list of judgment debtors who can pay and do not. */
export const JUDGMENT_DEFAULTER_LIST: ListDefinition = {
  name: '失信被执行人名单',
  authority: 'court',
  reason: '有履行能力而拒不履行生效法律文书确定的义务',
  measures: [
    '限制乘坐飞机、列车软卧及G字头动车组全部座位',
    '限制高消费',
    '限制担任企业法定代表人及高级管理人员',
    '限制参与政府采购',
  ],
  years: 2,
};
