/** The default body of an invoked actor the machine declares and `bot/` implements with `.provide()`. */
export const unprovided = (name: string) => async (): Promise<never> => {
  throw new Error(`${name} must be provided by bot/`);
};
