/**
 * Test support: headless Chromium driven over the Chrome DevTools Protocol, so that browser tests can click,
 * type, resize to a phone's width and read console errors (Content-Security-Policy violations among them) on
 * pages the wiki's own server sends. It must never reach anything but loopback, never wait a fixed time where an
 * event or a condition can be waited for, and never leave a browser process behind.
 */
package org.godshell.toaster.site.browser;
