package io.packwatch.collectors.paging;

import com.fasterxml.jackson.databind.JsonNode;

/** One vendor package object as found in a page, with what the key and envelope need besides it. */
public record FoundItem(JsonNode item, String packageId, String instanceId, Integer packageType) { }
