/**
 * The one application error: a stable code, an internal message for logs and a Japanese message
 * for users. A raw Error.message is never shown to a user.
 */
export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION' | 'THROTTLED' | 'UNAUTHENTICATED';

const DEFAULT_MESSAGES: Record<AppErrorCode, string> = {
  NOT_FOUND: 'お探しの情報は見つかりませんでした。',
  FORBIDDEN: 'この操作を行う権限がありません。',
  CONFLICT: '他の操作と重なったため処理できませんでした。画面を更新してからもう一度お試しください。',
  VALIDATION: '入力内容に誤りがあります。',
  THROTTLED: '試行回数が上限に達しました。しばらくしてからもう一度お試しください。',
  UNAUTHENTICATED: 'ログインしてください。',
};

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  THROTTLED: 429,
  UNAUTHENTICATED: 401,
};

export class AppError extends Error {
  readonly userMessage: string;
  constructor(
    readonly code: AppErrorCode,
    internalMessage?: string,
    userMessage?: string,
  ) {
    super(internalMessage ?? code);
    this.name = 'AppError';
    this.userMessage = userMessage ?? DEFAULT_MESSAGES[code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
