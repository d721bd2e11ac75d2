const path = require('path');
const { task, src, dest } = require('gulp');

// n8n resolves `file:` icons relative to the built .js file, so every icon is
// copied next to the nodes and credentials that reference it.
task('build:icons', () =>
	src(['icons/*.{svg,png}'], { encoding: false }).pipe(dest(path.join('dist', 'icons'))),
);
