/**
 * New folders 0700 and files 0600 (SQLite's included): the data folder holds a store's API token
 * and its customers' billing data, which other users of the machine must not read.
 */
export const PRIVATE_UMASK = 0o077;
