/**
 * What the contract check created in Sophiie, each with the way to remove
 * it: removed as soon as its probe is done, and whatever is still here when
 * the check ends (a step failed, Ctrl-C) is removed then. What cannot be
 * removed is reported by id. Only records registered here are ever deleted.
 */

export interface ScratchRecord {
	/** As the report names it: "lead ld_…", "FAQ 12", "hook 7 (LEAD_CREATED)". */
	name: string;
	remove(): Promise<void>;
}

export class Scratch {
	private readonly records = new Map<string, ScratchRecord>();
	readonly leftovers: Array<{ name: string; reason: string }> = [];

	add(record: ScratchRecord) {
		this.records.set(record.name, record);
	}

	/** Removes one record now; a failure keeps it for the final clean-up. */
	async remove(name: string) {
		const record = this.records.get(name);
		if (!record) return;
		await record.remove();
		this.records.delete(name);
	}

	/** Forgets a record that is gone already (its delete was the probe). */
	gone(name: string) {
		this.records.delete(name);
	}

	get size() {
		return this.records.size;
	}

	/** Removes everything still here, newest first; what fails is kept as a leftover. */
	async removeAll(progress: (line: string) => void) {
		for (const record of [...this.records.values()].reverse()) {
			try {
				await record.remove();
				progress(`removed ${record.name}`);
			} catch (error) {
				this.leftovers.push({ name: record.name, reason: (error as Error).message });
			}
			this.records.delete(record.name);
		}
	}
}
