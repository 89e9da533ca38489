import { runPost } from './engine/post.js';

// The post step runs even when the job was cancelled or the main step was killed.
await runPost();
process.exit();
