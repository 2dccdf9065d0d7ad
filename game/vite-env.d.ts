/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_SERVER_URL?: string;
  readonly VITE_TEST_HOOKS?: string;
}
