/** What every Riffle job shares. */
package dev.riffle.common;
