// Set by scripts/build-extension.mjs: true only in build/extension/chromium-test.
declare const __JOBLENS_TEST__: boolean;
