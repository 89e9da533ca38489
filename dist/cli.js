#!/usr/bin/env node
// The trigger-build CLI (see README, "The CLI"); the bundle is in ./cli/.
import './cli/index.js';
