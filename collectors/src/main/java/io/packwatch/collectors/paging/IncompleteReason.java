package io.packwatch.collectors.paging;

/** Why a listing is incomplete: vendor code (or our own, e.g. MalformedResponse), message and vendor request id. */
public record IncompleteReason(String code, String message, String requestId) { }
