/** Where runs keep their results on disk. No Akka here. */
package dev.proxima.store;
