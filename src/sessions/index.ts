/** Gateway-kept conversations for the Responses API's `store` / `previous_response_id`. */
export { MemorySessionStore, type MemorySessionStoreOptions, type SessionStore, type StoredConversation } from './store.js';
