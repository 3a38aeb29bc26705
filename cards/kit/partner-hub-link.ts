/** Partner Hub, where a partner administrator does what Webex's APIs do not (an integrated PSTN, its numbers). */
export const PARTNER_HUB_URL = 'https://admin.webex.com';
