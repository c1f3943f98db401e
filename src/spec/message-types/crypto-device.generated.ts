// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run `npx tsx src/spec/generate-message-types.ts`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and `MessageTypes['<interface>/<message>']` is the type of a message type.
 */

import type { RecordId } from './common.generated.ts'

/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data1 = string
/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data2 = string
/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data3 = string
/**
 * RFC 4648 base64 (standard alphabet, padded), 1 byte to 1 MiB decoded.
 */
export type Base64Data4 = string
/**
 * Sent by the relay to the crypto device (POST /seal): seal plaintext under the key keyLabel, for one message passing through the relay. Answered 200 with crypto-device/seal-response or with a problem. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs. operationId is unique per operation; a retry of the same operation keeps it.
 */
export interface CryptoDeviceSealRequest {
operationId: RecordId
/**
 * Label of the device key to use.
 */
keyLabel: string
plaintext: Base64Data1
}
/**
 * Sent by the crypto device to the relay as the 200 answer to a seal request. operationId and keyLabel echo the request's; sealed is the sealed form of the request's plaintext. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs.
 */
export interface CryptoDeviceSealResponse {
operationId: RecordId
sealed: Base64Data2
/**
 * Label of the device key that sealed the data.
 */
keyLabel: string
}
/**
 * Sent by the relay to the crypto device (POST /unseal): open sealed data made under the key keyLabel. Answered 200 with crypto-device/unseal-response, or with a problem when the data was not sealed under that key or was altered. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs. operationId is unique per operation; a retry of the same operation keeps it.
 */
export interface CryptoDeviceUnsealRequest {
operationId: RecordId
/**
 * Label of the device key to use.
 */
keyLabel: string
sealed: Base64Data3
}
/**
 * Sent by the crypto device to the relay as the 200 answer to an unseal request. operationId echoes the request's; plaintext is what the request's sealed data held. The device may answer concurrent operations in any order, so the relay matches every response to its request by operationId, treats a response whose operationId is not the one it sent as a failure of that operation (never as another operation's result), and bounds every wait with its declared requestTimeoutMs.
 */
export interface CryptoDeviceUnsealResponse {
operationId: RecordId
plaintext: Base64Data4
}
