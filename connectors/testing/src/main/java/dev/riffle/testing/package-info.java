/** Local emulators as managed child processes, and JUnit 5 extensions over them. */
package dev.riffle.testing;
