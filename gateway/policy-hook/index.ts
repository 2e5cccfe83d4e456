/** The sharing policy (gateway/policy/) as a request stage of the gateway, with its grants (gateway/grants/). */
export { createSharingPolicyHook, rejectionError, DRY_RUN_WARNING } from './sharing-policy-hook';
export type { SharingPolicyHook, SharingPolicyHookOptions } from './sharing-policy-hook';
