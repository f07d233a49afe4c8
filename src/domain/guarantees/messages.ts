/** The outbox template of the key notice sent to the orderer (its sending and a reissue's withdrawal). */
export const KEY_NOTICE_TEMPLATE = 'key-notice-submission';

/** The refusal of a key reissue or a sending once the guarantee is no longer in force. */
export const NOT_ACTIVE = 'この保証は解除または期間満了のため、認証キーの再発行や発注者への送信はできません。';
