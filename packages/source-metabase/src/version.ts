/** The connector version reported in the user agent; a test keeps it equal to package.json's. */
export const sourceVersion = '2.1.3';
