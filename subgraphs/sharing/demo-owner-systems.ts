/**
 * The application systems of the departments that hold the shared data, and the platform's own:
 * the systems behind each subgraph's records. Names follow systems a Chinese prefecture city
 * typically runs; numbers, dates and funding are illustrative.
 */
import type { RegisterApplicationInput } from './application-registry';

export const DEMO_OWNER_SYSTEMS: readonly RegisterApplicationInput[] = [
  // The platform's own systems.
  { id: 'service-network', department: 'big-data-bureau', name: '南通政务服务网', function: '网上办事大厅：申报材料在线提交，审批过程中按需调取申请人基础信息，实现“不见面审批”', scopeOfUse: '全市各审批部门及办事群众、企业', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2016-09-20', fundingSource: '市级财政资金' },
  { id: 'shujutong-gateway', department: 'big-data-bureau', name: '数据通共享交换平台', function: '政务数据共享交换：统一接口、授权校验、脱敏与审计', scopeOfUse: '市级各部门', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2017-11-30', fundingSource: '市级财政资金' },
  // Each owner's own system.
  { id: 'household-registration', department: 'public-security', name: '人口户籍管理系统', function: '户籍登记、迁移、身份证办理', scopeOfUse: '公安局户政部门及派出所', usageFrequency: 'DAILY', approvingDepartment: '公安部', approvalDate: '2012-05-10', fundingSource: '中央及省级专项资金' },
  { id: 'enterprise-registration', department: 'market-regulation', name: '企业登记注册系统', function: '市场主体设立、变更、注销登记及年报公示', scopeOfUse: '市场监督管理局及各分局', usageFrequency: 'DAILY', approvingDepartment: '省市场监督管理局', approvalDate: '2014-03-01', fundingSource: '省级专项资金' },
  { id: 'address-register', department: 'natural-resources', name: '标准地名地址管理系统', function: '标准地名地址采集、审核与发布', scopeOfUse: '自然资源和规划局', usageFrequency: 'WEEKLY', approvingDepartment: '市发展和改革委员会', approvalDate: '2015-07-15', fundingSource: '市级财政资金' },
  { id: 'statistics-reporting', department: 'statistics', name: '统计联网直报系统', function: '企业统计数据联网直报与审核', scopeOfUse: '统计局及联网直报单位', usageFrequency: 'MONTHLY', approvingDepartment: '国家统计局', approvalDate: '2012-01-01', fundingSource: '中央财政资金' },
  { id: 'digital-city-management', department: 'urban-management', name: '数字化城市管理系统', function: '城市部件普查、问题采集、派遣与结案', scopeOfUse: '城市管理局及各区数字城管中心', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2013-06-18', fundingSource: '市级财政资金' },
  { id: 'approval-platform', department: 'administrative-approval', name: '行政审批综合业务平台', function: '相对集中行政许可事项的受理、审查与决定', scopeOfUse: '行政审批局', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2017-03-22', fundingSource: '市级财政资金' },
  { id: 'credit-platform', department: 'credit-office', name: '公共信用信息平台', function: '信用信息归集、“双公示”、红黑名单与联合奖惩', scopeOfUse: '全市各部门', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2015-12-08', fundingSource: '市级财政资金' },
];
