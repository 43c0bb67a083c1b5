// Print awesome-lint 2.3.0's findings for one readme as JSON lines (used by run.py).
// Usage: node awesome_lint_js.mjs path/to/readme.md
import awesomeLint from 'awesome-lint';

const vfiles = await awesomeLint({filename: process.argv[2]});
for (const file of vfiles) {
	for (const message of file.messages) {
		console.log(JSON.stringify({
			file: file.basename ?? file.path,
			rule: message.ruleId,
			source: message.source,
			line: message.line ?? 1,
			column: message.column ?? 1,
			message: message.reason,
			fatal: message.fatal,
		}));
	}
}
