// The folder table of docs/architecture.md (and DESIGN.md), checked by `npm run lint` instead of by review.

/** Kernel folders of bot/: shared by the features, below them, never importing one. */
const botKernels = 'engine|credentials|customers|approvals|kit|http|websocket';
/** A bot/ feature folder: anything that is neither a kernel nor the composition root. */
const botFeature = `^bot/(?!(?:app|${botKernels})/)([^/]+)/`;
/** npm packages without I/O that the pure layers may use. */
const pureNpm = 'node_modules/(?:xstate|zod|libphonenumber-js)/';
/** The stored records' shapes (zod only): the pure layers may name them as types, never load the store. */
const records = '^store/records[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one; split out what both need (tests and benches may loop).',
      from: { pathNot: '^(test|bench)/' },
      to: { circular: true },
    },
    {
      name: 'machines-pure',
      severity: 'error',
      comment: 'machines/ holds pure XState machines: only machines/, i18n and I/O-free packages.',
      from: { path: '^machines/' },
      to: { pathNot: `^(machines|i18n)/|^${pureNpm}|${records}` },
    },
    {
      name: 'cards-pure',
      severity: 'error',
      comment: 'cards/ holds pure card builders: only cards/, machines/ (types), i18n and I/O-free packages.',
      from: { path: '^cards/' },
      to: { pathNot: `^(cards|machines|i18n)/|^${pureNpm}|${records}` },
    },
    {
      name: 'records-as-types-only',
      severity: 'error',
      comment: 'machines/ and cards/ may name a stored record as a type (import type), nothing more of store/.',
      from: { path: '^(machines|cards)/' },
      to: { path: records, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'machines-feature-isolated',
      severity: 'error',
      comment: 'A machines/ feature imports only its own folder and machines/kit.',
      from: { path: '^machines/(?!kit/)([^/]+)/' },
      to: { path: '^machines/', pathNot: '^machines/($1|kit)/' },
    },
    {
      name: 'machines-kit-no-feature',
      severity: 'error',
      comment: 'machines/kit is shared by the features, so it imports none of them.',
      from: { path: '^machines/kit/' },
      to: { path: '^machines/(?!kit/)' },
    },
    {
      name: 'cards-feature-isolated',
      severity: 'error',
      comment: 'A cards/ feature imports only its own folder, cards/kit and the shared approval cards.',
      from: { path: '^cards/(?!kit/)([^/]+)/' },
      to: { path: '^cards/', pathNot: '^cards/($1|kit|approval)/' },
    },
    {
      name: 'cards-feature-machines',
      severity: 'error',
      comment: "A cards/ feature reads only its own machine's types and machines/kit.",
      from: { path: '^cards/(?!kit/|approval/)([^/]+)/' },
      to: { path: '^machines/', pathNot: '^machines/($1|kit)/' },
    },
    {
      name: 'cards-kit-no-feature',
      severity: 'error',
      comment: 'cards/kit is shared by the card features, so it imports none of them.',
      from: { path: '^cards/kit/' },
      to: { path: '^cards/(?!kit/)' },
    },
    {
      name: 'webex-no-bot',
      severity: 'error',
      comment: 'webex/ is the HTTP clients: nothing of the bot, its machines, cards or store.',
      from: { path: '^webex/' },
      to: { path: '^(bot|machines|cards|store|sandbox)/' },
    },
    {
      name: 'store-no-bot',
      severity: 'error',
      comment: 'store/ is the Store port and its implementations: nothing of the bot, machines or cards.',
      from: { path: '^store/' },
      to: { path: '^(bot|machines|cards|sandbox)/' },
    },
    {
      name: 'sandbox-own-code',
      severity: 'error',
      comment: 'The sandbox emulates Webex from its specs: its own code only (it signs with its own lines).',
      from: { path: '^sandbox/' },
      to: { path: '^(bot|machines|cards|store|webex|i18n)/' },
    },
    {
      name: 'i18n-imports-nothing',
      severity: 'error',
      comment: 'i18n/ is the message catalogue, below every layer.',
      from: { path: '^i18n/' },
      to: { path: '^(bot|machines|cards|store|webex|sandbox)/' },
    },
    {
      name: 'no-test-code-in-app',
      severity: 'error',
      comment: 'Application code never imports tests or benches.',
      from: { path: '^(bot|machines|cards|store|webex|sandbox|i18n)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'app-is-the-root',
      severity: 'error',
      comment: 'bot/app is the composition root: nothing imports it (tests and benches may).',
      from: { pathNot: '^(bot/app|test|bench)/' },
      to: { path: '^bot/app/' },
    },
    {
      name: 'only-the-root-starts-the-sandbox',
      severity: 'error',
      comment: 'Sandbox mode is wiring: only bot/app starts the emulator.',
      from: { path: '^bot/(?!app/)' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'kernel-no-feature',
      severity: 'error',
      comment: 'A bot kernel never imports a feature folder (nor the root): features import kernels.',
      from: { path: `^bot/(${botKernels})/` },
      to: { path: '^bot/', pathNot: `^bot/(${botKernels})/` },
    },
    {
      name: 'kernel-no-feature-card-or-machine',
      severity: 'error',
      comment: "A bot kernel uses only the kits of cards/ and machines/, never a feature's.",
      from: { path: `^bot/(${botKernels})/`, pathNot: '^bot/approvals/' },
      to: { path: '^(cards|machines)/', pathNot: '^(cards|machines)/kit/' },
    },
    {
      name: 'approval-kernel-cards',
      severity: 'error',
      comment: 'The approval service posts the approval cards, and nothing of another feature.',
      from: { path: '^bot/approvals/' },
      to: { path: '^(cards|machines)/', pathNot: '^(cards|machines)/kit/|^cards/approval/' },
    },
    {
      name: 'engine-is-the-lowest-kernel',
      severity: 'error',
      comment: 'The conversation engine sits under every other kernel, so it imports none of them.',
      from: { path: '^bot/engine/' },
      to: { path: '^bot/', pathNot: '^bot/engine/' },
    },
    {
      name: 'bot-feature-isolated',
      severity: 'error',
      comment: "A bot/ feature imports its own folder and the kernels, never another feature's.",
      from: { path: botFeature },
      to: { path: '^bot/', pathNot: `^bot/($1|${botKernels})/` },
    },
    {
      name: 'bot-feature-own-cards-and-machines',
      severity: 'error',
      comment: 'A bot/ feature uses its own machine and cards, the kits, and the shared approval cards.',
      from: { path: botFeature },
      to: { path: '^(cards|machines)/', pathNot: '^(cards|machines)/($1|kit)/|^cards/approval/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // A work tree whose node_modules is a link elsewhere resolves packages as in a clone.
    preserveSymlinks: true,
    // Type-only imports bind folders too: a type from a feature is still knowledge of that feature.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
