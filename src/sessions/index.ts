/** Gateway-kept conversations for the Responses API's `store` / `previous_response_id`, and the output items `item_reference` names. */
export { MemorySessionStore, type MemorySessionStoreOptions, type SessionStore, type StoredConversation } from './store.js';
export { type ItemStore, MemoryItemStore, type MemoryItemStoreOptions, type StoredItem } from './items.js';
