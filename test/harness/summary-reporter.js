const { writeSync } = require('node:fs');

/**
 * Ends every jest run with one plain line, "tests: N passed, N failed",
 * that any CI log reader understands. Written at exit so it is the last line.
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line =
			`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
			(skipped ? `, ${skipped} skipped` : '');
		process.once('exit', () => writeSync(2, `${line}\n`));
	}
}

module.exports = SummaryReporter;
