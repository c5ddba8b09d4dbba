/**
 * MTA-STS for outbound mail (RFC 8461): the {@code _mta-sts} TXT record ({@link StsRecord}), the policy file
 * ({@link PolicyParser}), its fetch over HTTPS with a Web PKI certificate ({@link PolicyFetcher}, {@link WebPki}),
 * the on-disk cache under {@code var/mta-sts/} ({@link PolicyStore}), and the lookup that ties them together for
 * remote delivery ({@link MtaSts}). The MX certificate check of §4.2 is {@link MxCertificateVerifier}.
 *
 * <p>What this package must never do: follow a redirect or accept any answer but a 200 {@code text/plain} over a
 * PKIX-valid certificate naming {@code mta-sts.<domain>} (§3.3); ask any nameserver but the delivery's own; read
 * more than {@link PolicyParser#MAX_BYTES} of a policy; drop a cached, unexpired policy because a refresh failed
 * (§5.1: an attacker who blocks the policy host must not switch enforcement off); or decide delivery itself
 * (remote delivery applies what this package finds).
 */
package org.godshell.toaster.mtasts;
