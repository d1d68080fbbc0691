package io.zonedeck.catalog;

import java.util.List;

/** An image to create, or the new values of one (null = not given: required on create, unchanged on update). */
public record ImageRequest(String name, String version, String os, List<String> brands, Long sizeMiB) {}
