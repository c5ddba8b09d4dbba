/**
 * Reading the editor's form posts ({@code application/x-www-form-urlencoded}, WHATWG URL §5.1) strictly: the
 * body bounded before it is read, every percent escape whole, the bytes strict UTF-8, each field named once and
 * only fields the route expects. It must never read more than the limit from a request, and never guess at a
 * malformed body: the answer is a 400 or 413 saying what was wrong.
 */
package org.godshell.toaster.site.edit.form;
