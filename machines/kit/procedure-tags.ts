/**
 * The tags the engine reads on a procedure's states: `card` (a card waits for the person), `rest`
 * (saved, waiting for a wake-up or a vote), `cancelled` (ended by the person), `credentials`
 * (resting until the partner credentials work again). Typed in every
 * machine's `setup`, so a misspelt tag fails the type check instead of stranding a conversation.
 */
export type ProcedureTag = 'card' | 'rest' | 'cancelled' | 'credentials';
