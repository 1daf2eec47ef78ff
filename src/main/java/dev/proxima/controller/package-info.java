/** Search strategies (ask-and-tell controllers). Pure Java, no Akka. */
package dev.proxima.controller;
