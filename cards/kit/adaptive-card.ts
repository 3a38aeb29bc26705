/**
 * The subset of Adaptive Cards 1.3 the bot sends, as types. Webex renders 1.3, only
 * `Action.Submit` reaches the bot, and at most five actions show. Tests validate every built card
 * against the official schema (spec/adaptive-card-1.3.schema.json).
 */
export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  readonly weight?: 'Lighter' | 'Default' | 'Bolder';
  readonly color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  readonly isSubtle?: boolean;
  readonly spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
  readonly fontType?: 'Default' | 'Monospace';
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  readonly spacing?: TextBlock['spacing'];
}

interface InputText {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly maxLength?: number;
  readonly style?: 'text' | 'email' | 'tel' | 'url';
  readonly isVisible?: boolean;
}

export interface Choice {
  readonly title: string;
  readonly value: string;
}

interface InputChoiceSet {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly value?: string;
  readonly style?: 'compact' | 'expanded';
  readonly isMultiSelect?: boolean;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
}

interface InputToggle {
  readonly type: 'Input.Toggle';
  readonly id: string;
  readonly title: string;
  readonly label?: string;
  readonly value: string;
  readonly valueOn: string;
  readonly valueOff: string;
}

export type CardElement = TextBlock | FactSet | Container | InputText | InputChoiceSet | InputToggle;

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: Readonly<Record<string, string>>;
  readonly style?: 'default' | 'positive' | 'destructive';
}

interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

export type CardAction = SubmitAction | OpenUrlAction;

export interface AdaptiveCard {
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly type: 'AdaptiveCard';
  readonly version: '1.3';
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  readonly fallbackText?: string;
}

/** Webex limits text and markdown to 7439 bytes each. */
export const MAX_MARKDOWN_BYTES = 7439;
/** Webex shows at most five actions on a card. */
export const MAX_ACTIONS = 5;

export function adaptiveCard(
  body: readonly CardElement[],
  actions: readonly CardAction[] = [],
  fallbackText?: string,
): AdaptiveCard {
  if (actions.length > MAX_ACTIONS)
    throw new Error(`a card shows at most ${MAX_ACTIONS} actions in Webex, got ${actions.length}`);
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.3',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}
