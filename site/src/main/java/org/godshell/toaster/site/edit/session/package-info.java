/**
 * Who is editing: the browser editor's login sessions, their cookie, and the checks every state-changing request
 * passes (a per-session CSRF token compared in constant time, the Origin and Sec-Fetch-Site headers, and the
 * transport a password may travel on).
 *
 * <p>It must never keep or log a password, never accept a login over plain HTTP from another host, never hand
 * out a session id that was not drawn from {@link java.security.SecureRandom}, never keep a session past its idle
 * or absolute expiry, and never let a request without the session's token through.
 */
package org.godshell.toaster.site.edit.session;
