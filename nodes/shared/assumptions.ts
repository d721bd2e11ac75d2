/**
 * One thing the package assumes where Sophiie's public documentation is
 * silent. Each node keeps its own in its facts file; the README's table
 * "Where Sophiie's docs are silent" is written from them, and the contract
 * check in the repository (`npm run verify:sophiie`) probes each by its id
 * against a real account.
 */
export interface Assumption {
	/** Stable: the contract check's verdicts and reports name it. */
	id: string;
	topic: string;
	/** What Sophiie's documentation says (Markdown). */
	documented: string;
	/** What the package assumes and does (Markdown). */
	assumed: string;
}

/** Where an error about an answer the package did not expect sends the user. */
export const CONTRACT_HINT =
	"Sophiie may answer differently from what this package assumes (its README: \"Where Sophiie's docs are silent\"); the package's contract check, `npm run verify:sophiie` in its repository, shows which assumptions hold for your account. Please report what it finds.";
