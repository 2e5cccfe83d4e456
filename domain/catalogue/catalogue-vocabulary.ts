/**
 * The closed vocabularies of the resource catalogue's metadata (《政务信息资源目录编制指南（试行）》):
 * open attribute, sharing method, update cycle and resource format, each value with the Chinese
 * term the catalogue table prints. The GraphQL enums of schema/sharing.graphql carry the same
 * values; a test keeps them in step.
 */
import type { MaskKind, SharingLevel } from './classification';

/** 开放属性: whether a data item is opened to society (the public open-data website), and how. */
export const OPEN_ATTRIBUTES = ['UNCONDITIONAL_OPEN', 'CONDITIONAL_OPEN', 'NOT_OPEN'] as const;
export type OpenAttribute = (typeof OPEN_ATTRIBUTES)[number];
export const OPEN_ATTRIBUTE_NAMES: Readonly<Record<OpenAttribute, string>> = {
  UNCONDITIONAL_OPEN: '无条件开放',
  CONDITIONAL_OPEN: '有条件开放',
  NOT_OPEN: '不予开放',
};

/**
 * 共享方式: how a consuming department obtains the item. Through the sharing platform as an
 * interface (接口), a table exchange (库表) or a file (文件); or, where conditions do not allow the
 * platform, by other means (mail, copy, media exchange).
 */
export const SHARING_METHODS = ['INTERFACE', 'DATABASE_TABLE', 'FILE', 'OFFLINE'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];
export const SHARING_METHOD_NAMES: Readonly<Record<SharingMethod, string>> = {
  INTERFACE: '接口',
  DATABASE_TABLE: '库表',
  FILE: '文件',
  OFFLINE: '邮件、拷贝或介质交换',
};
/** 共享方式分类: the platform or other means. */
export const SHARING_METHOD_KINDS: Readonly<Record<SharingMethod, string>> = {
  INTERFACE: '共享平台方式',
  DATABASE_TABLE: '共享平台方式',
  FILE: '共享平台方式',
  OFFLINE: '其他方式',
};

/** 更新周期 */
export const UPDATE_CYCLES = [
  'REAL_TIME',
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'HALF_YEARLY',
  'YEARLY',
  'IRREGULAR',
] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];
export const UPDATE_CYCLE_NAMES: Readonly<Record<UpdateCycle, string>> = {
  REAL_TIME: '实时',
  DAILY: '每日',
  WEEKLY: '每周',
  MONTHLY: '每月',
  QUARTERLY: '每季度',
  HALF_YEARLY: '每半年',
  YEARLY: '每年',
  IRREGULAR: '不定期',
};

/** 信息资源格式分类; the format's type (e.g. MySQL, OFD, xlsx) is free text beside it. */
export const FORMAT_CATEGORIES = [
  'ELECTRONIC_FILE',
  'SPREADSHEET',
  'DATABASE',
  'IMAGE',
  'STREAMING_MEDIA',
  'SELF_DESCRIBING',
  'OTHER',
] as const;
export type FormatCategory = (typeof FORMAT_CATEGORIES)[number];
export const FORMAT_CATEGORY_NAMES: Readonly<Record<FormatCategory, string>> = {
  ELECTRONIC_FILE: '电子文件',
  SPREADSHEET: '电子表格',
  DATABASE: '数据库',
  IMAGE: '图形图像',
  STREAMING_MEDIA: '流媒体',
  SELF_DESCRIBING: '自描述格式',
  OTHER: '其他',
};

/** 共享类型 (国发〔2016〕51号) */
export const SHARING_LEVELS: readonly SharingLevel[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'];
export const SHARING_LEVEL_NAMES: Readonly<Record<SharingLevel, string>> = {
  UNCONDITIONAL: '无条件共享',
  CONDITIONAL: '有条件共享',
  NONE: '不予共享',
};

/** 脱敏方式, as the catalogue table prints a mask. */
export const MASK_NAMES: Readonly<Record<MaskKind, string>> = {
  ID_NUMBER: '身份号码脱敏（保留地区码和末四位）',
  PHONE: '电话号码脱敏（保留前三位和末四位）',
  NAME: '姓名脱敏（保留姓）',
  ADDRESS: '地址脱敏（保留县区和乡镇街道）',
  DATE: '日期脱敏（保留年份）',
  CERTIFICATE_NUMBER: '证照号码脱敏（保留首尾各两位）',
  COORDINATES: '坐标脱敏（约1公里精度）',
  FREE_TEXT: '全部隐藏',
};

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
