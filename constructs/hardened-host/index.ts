export * from './antivirus-config';
export * from './metric-filter';
export * from './user-data';
export * from './ssm-selfcheck';
export * from './hardened-host-fleet';
