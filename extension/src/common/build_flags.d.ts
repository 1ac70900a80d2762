// Set by scripts/build-extension.mjs for every entry point: true only in build/extension/chromium-test.
declare const __JOBLENS_TEST__: boolean;
