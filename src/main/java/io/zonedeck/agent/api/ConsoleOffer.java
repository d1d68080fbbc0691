package io.zonedeck.agent.api;

/**
 * The agent's answer to a console request: connect to {@code port} on the agent's host (TLS with the same certificate
 * as the API when the agent speaks HTTPS) within {@code expiresInSeconds} and send {@code ticket} and a newline; then
 * {@link ConsoleFrames} both ways. The ticket works once.
 *
 * @param simulated true when the sim driver plays the console (the portal says so)
 */
public record ConsoleOffer(int port, String ticket, int expiresInSeconds, boolean simulated) {}
