/** Does nothing: the one empty function of the package (for ignored rejections and unsubscribes). */
export const noop = (): void => {};
