/**
 * Runs `run` for the indexes 0 to count-1, at most `concurrency` at a time,
 * started in index order; once `stopped()` says so, no further index starts.
 * Resolves when every started run has finished (runs handle their own errors).
 */
export async function inPool(
	count: number,
	concurrency: number,
	run: (index: number) => Promise<void>,
	stopped: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (!stopped() && next < count) await run(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
