/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling, never published: the rules for node code do not apply */
import fs from 'node:fs';
import path from 'node:path';

/**
 * V8 CPU profiles (`--cpu-prof`) of n8n's processes, read back for the
 * profiling benchmarks: CPU time within a window of the profile's clock, each
 * sample given to the category of the innermost frame whose script matches one.
 */

/** Categories by the script URL of a frame, first match wins; frames matching none are "the rest of n8n". */
export type Categories = Array<[string, RegExp]>;

interface ProfileNode {
	id: number;
	callFrame: { url: string; functionName: string };
	children?: number[];
}

export interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Who called into a category: for its samples, the first frame further up that matches one of these. */
export type Callers = Record<string, Categories>;

function categoryOf(categories: Categories, callers: Callers, nodeId: number, nodes: Map<number, ProfileNode>, parents: Map<number, number>): string | undefined {
	for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
		const { url, functionName } = nodes.get(id)!.callFrame;
		if (functionName === '(idle)') return undefined;
		const found = categories.find(([, pattern]) => pattern.test(url));
		if (!found) continue;
		const byCaller = callers[found[0]];
		if (!byCaller) return found[0];
		for (let up = parents.get(id); up !== undefined; up = parents.get(up)) {
			const caller = byCaller.find(([, pattern]) => pattern.test(nodes.get(up!)!.callFrame.url));
			if (caller) return `${found[0]}, for ${caller[0]}`;
		}
		return `${found[0]}, with no caller on the stack (a pool refilling itself)`;
	}
	return 'the rest of n8n';
}

/** CPU microseconds per category within [fromUs, toUs] of the profile's clock. */
function cpuByCategory(profile: Profile, categories: Categories, fromUs: number, toUs: number, callers: Callers = {}): Record<string, number> {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
	const totals: Record<string, number> = {};
	let at = profile.startTime;
	profile.samples.forEach((sample, index) => {
		at += profile.timeDeltas[index];
		if (at < fromUs || at > toUs) return;
		const category = categoryOf(categories, callers, sample, nodes, parents);
		if (category) totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index]);
	});
	return totals;
}

/** CPU microseconds per category over several windows of every profile (each process's). */
export function cpuInWindows(profiles: Profile[], categories: Categories, windows: Array<[number, number]>, callers: Callers = {}): Record<string, number> {
	const totals: Record<string, number> = {};
	for (const profile of profiles) {
		for (const [from, to] of windows) for (const [name, us] of Object.entries(cpuByCategory(profile, categories, from, to, callers))) totals[name] = (totals[name] ?? 0) + us;
	}
	return totals;
}

/** Every profile written to `dir`. */
export function readProfiles(dir: string): Profile[] {
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.cpuprofile'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile);
}
