/** The language id of plans (package.json): the client's document selector and every view follow it. */
export const LANGUAGE_ID = 'clusterplan';
