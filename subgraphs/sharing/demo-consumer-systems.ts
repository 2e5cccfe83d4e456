/**
 * The application systems of departments that use shared data: social assistance, employment,
 * housing, tax, education and the rest, the callers the sharing policy is enforced for. Names
 * follow systems a Chinese prefecture city typically runs; numbers, dates and funding are
 * illustrative.
 */
import type { RegisterApplicationInput } from './application-registry';

export const DEMO_CONSUMER_SYSTEMS: readonly RegisterApplicationInput[] = [
  { id: 'minimum-living-allowance', department: 'civil-affairs', name: '最低生活保障审批系统', function: '低保申请受理、家庭经济状况核对与审批', scopeOfUse: '民政局及各区、镇（街道）社会救助窗口', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2016-04-12', fundingSource: '市级财政资金' },
  { id: 'elderly-care-subsidy', department: 'civil-affairs', name: '养老服务补贴系统', function: '高龄津贴、居家养老服务补贴的申请与发放', scopeOfUse: '民政局', usageFrequency: 'WEEKLY', approvingDepartment: null, approvalDate: null, fundingSource: '部门自筹' },
  { id: 'employment-services', department: 'human-resources', name: '就业服务管理系统', function: '求职登记、就业困难人员认定、稳岗补贴发放', scopeOfUse: '人社局及公共就业服务机构', usageFrequency: 'DAILY', approvingDepartment: '省人力资源和社会保障厅', approvalDate: '2015-10-30', fundingSource: '省级专项资金' },
  { id: 'social-insurance', department: 'human-resources', name: '社会保险经办系统', function: '参保登记、缴费核定与待遇发放', scopeOfUse: '社会保险经办机构', usageFrequency: 'DAILY', approvingDepartment: '省人力资源和社会保障厅', approvalDate: '2013-08-01', fundingSource: '省级专项资金' },
  { id: 'housing-subsidy', department: 'housing', name: '住房保障管理系统', function: '公共租赁住房、住房租赁补贴的申请审核与轮候', scopeOfUse: '住建局住房保障中心', usageFrequency: 'WEEKLY', approvingDepartment: '市发展和改革委员会', approvalDate: '2016-11-02', fundingSource: '市级财政资金' },
  { id: 'tax-collection', department: 'tax', name: '税收征管信息系统', function: '税务登记、申报征收、风险管理', scopeOfUse: '税务局及各分局', usageFrequency: 'DAILY', approvingDepartment: '国家税务总局', approvalDate: '2016-10-01', fundingSource: '中央财政资金' },
  { id: 'school-enrolment', department: 'education', name: '义务教育入学报名系统', function: '适龄儿童入学网上报名与学区资格审核', scopeOfUse: '教育局及各中小学', usageFrequency: 'QUARTERLY', approvingDepartment: '市发展和改革委员会', approvalDate: '2018-04-20', fundingSource: '市级财政资金' },
  { id: 'subsidy-payments', department: 'finance', name: '惠民惠农财政补贴资金“一卡通”发放系统', function: '财政补贴资金统一发放与监管', scopeOfUse: '财政局及补贴主管部门', usageFrequency: 'MONTHLY', approvingDepartment: '省财政厅', approvalDate: '2017-06-01', fundingSource: '省级专项资金' },
  { id: 'emergency-command', department: 'emergency-management', name: '应急指挥平台', function: '突发事件接报、指挥调度与人员疏散', scopeOfUse: '应急管理局及联动单位', usageFrequency: 'RARELY', approvingDepartment: '市发展和改革委员会', approvalDate: '2019-01-15', fundingSource: '市级财政资金' },
];
