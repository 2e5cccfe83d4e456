class SummaryReporter { onRunComplete() {} }
module.exports = SummaryReporter;
