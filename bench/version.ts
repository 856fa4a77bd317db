import pkg from '../package.json' with { type: 'json' };

/** The name and version the bench writes into RunLogs and reports. */
export const TOOL = 'storetwin';
/** This package's version, from package.json. */
export const TOOL_VERSION: string = pkg.version;
