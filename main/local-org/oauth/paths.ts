/** Path of the `default` authorization server (kept apart so routes and grants import it without cycles). */
export const OAUTH_BASE_PATH = '/oauth2/default';
